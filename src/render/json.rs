//! JSON output: the SPEC §4 object, pretty for one result, compact per line in batch.

use crate::engine::Decision;

/// The decision as pretty-printed JSON with a trailing newline.
pub fn json(decision: &Decision) -> String {
    let mut text = serde_json::to_string_pretty(decision).expect("a Decision always serializes");
    text.push('\n');
    text
}

/// Appends the decision as one compact JSON line to `buffer` (the batch
/// writes many into one buffer instead of one string each).
pub fn write_json_line(buffer: &mut Vec<u8>, decision: &Decision) {
    serde_json::to_writer(&mut *buffer, decision).expect("a Decision always serializes");
    buffer.push(b'\n');
}
