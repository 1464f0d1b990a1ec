//! Numbers beyond f64's range (`1e400`) and below it (`1e-400`), read on as
//! the text typed. serde_json stops at the first, hiding every other problem
//! in the document, and both parsers read the second as 0; kept as text,
//! each is named by validation where it stands, in the words a flag's gets.

use crate::raw::Raw;

use super::places::yaml_spans;

/// Most numbers beyond f64's range [`from_json`] reads on as text.
const MAX_OUT_OF_RANGE: usize = 50;

/// JSON text as a tree. serde_json stops at a number beyond f64's range
/// (`1e400`), which would hide every other problem in the document; such a
/// number is read on as the text it is (`"1e400"`, as YAML reads it), so
/// that validation names it where it stands among the others, in the words
/// YAML's and a quoted one's get. When the document has another error too,
/// the first such number is the error, as serde_json reports it (a column
/// after a quoted number would be off by its quotes).
pub(super) fn from_json(text: &str) -> serde_json::Result<Raw> {
    let out_of_range = |e: &serde_json::Error| e.to_string().starts_with("number out of range");
    let first = match serde_json::from_str::<Raw>(text) {
        Err(e) if out_of_range(&e) => e,
        other => return other.map(|raw| with_underflows_as_text(raw, text, true)),
    };
    let mut quoted = text.to_owned();
    let mut at = (first.line(), first.column());
    for _ in 0..MAX_OUT_OF_RANGE {
        let Some((start, end)) = number_span(&quoted, at.0, at.1) else {
            break;
        };
        quoted.insert(end, '"');
        quoted.insert(start, '"');
        match serde_json::from_str::<Raw>(&quoted) {
            Ok(raw) => return Ok(raw),
            Err(e) if out_of_range(&e) => at = (e.line(), e.column()),
            Err(_) => break,
        }
    }
    Err(first)
}

/// `raw` read again from `text` with each number below f64's range
/// (`1e-400`, which reads as 0) kept as its text, so that a refusal quotes
/// it as typed; `raw` itself when it holds no 0 or no such number. `json`:
/// the text is JSON (every number outside strings is looked at), else YAML
/// (a number alone after a line's `key:`, the form a document takes).
pub(super) fn with_underflows_as_text(raw: Raw, text: &str, json: bool) -> Raw {
    fn has_zero(raw: &Raw) -> bool {
        match raw {
            Raw::Number(n) => *n == 0.0,
            Raw::List(items) => items.iter().any(has_zero),
            Raw::Map(entries) => entries.iter().any(|(_, v)| has_zero(v)),
            _ => false,
        }
    }
    if !has_zero(&raw) {
        return raw;
    }
    let spans = if json {
        json_number_spans(text)
    } else {
        yaml_spans(text).numbers
    };
    let mut quoted = String::with_capacity(text.len() + 8);
    let mut from = 0;
    for (start, end) in spans {
        if crate::number::underflows(&text[start..end]) {
            quoted.push_str(&text[from..start]);
            // The mark, escaped as both JSON and YAML's double quotes take it.
            quoted.push_str("\"\\u0001");
            quoted.push_str(&text[start..end]);
            quoted.push('"');
            from = end;
        }
    }
    if from == 0 {
        return raw;
    }
    quoted.push_str(&text[from..]);
    let again = if json {
        serde_json::from_str::<Raw>(&quoted).ok()
    } else {
        serde_yaml::from_str::<Raw>(&quoted).ok()
    };
    again.unwrap_or(raw)
}

/// The byte ranges of the numbers of a JSON text (outside its strings).
fn json_number_spans(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    let (mut i, mut in_string) = (0, false);
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' => in_string = false,
                _ => {}
            }
            i += 1;
        } else if b == b'"' {
            in_string = true;
            i += 1;
        } else if b == b'-' || b.is_ascii_digit() {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || b".eE+-".contains(&bytes[i])) {
                i += 1;
            }
            spans.push((start, i));
        } else {
            i += 1;
        }
    }
    spans
}

/// The byte range of the JSON number around `line` and `column` (from 1, in
/// bytes, where serde_json places an error inside or just after one).
fn number_span(text: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n').nth(line - 2)?.0 + 1
    };
    let bytes = text.as_bytes();
    let in_number = |b: u8| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-');
    let mut end = (line_start + column).min(bytes.len());
    while end > line_start && !in_number(bytes[end - 1]) {
        end -= 1;
    }
    while end < bytes.len() && in_number(bytes[end]) {
        end += 1;
    }
    let mut start = end;
    while start > line_start && in_number(bytes[start - 1]) {
        start -= 1;
    }
    // A JSON number starts with a digit or a minus sign.
    (start < end && (bytes[start].is_ascii_digit() || bytes[start] == b'-')).then_some((start, end))
}
