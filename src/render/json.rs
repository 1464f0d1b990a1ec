//! JSON output: the SPEC §4 object, pretty for one result, compact per line in batch.

use crate::engine::Decision;

/// The decision as pretty-printed JSON with a trailing newline.
pub fn json(decision: &Decision) -> String {
    let mut text = serde_json::to_string_pretty(decision).expect("a Decision always serializes");
    text.push('\n');
    text
}

/// The decision as one compact JSON line (JSON Lines batch output).
pub fn json_line(decision: &Decision) -> String {
    let mut text = serde_json::to_string(decision).expect("a Decision always serializes");
    text.push('\n');
    text
}
