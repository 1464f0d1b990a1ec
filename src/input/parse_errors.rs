//! serde_json's and serde_yaml's errors as problems a person who typed a
//! workload can act on. The parsers' words ("expected ident", "could not
//! find expected ':'") name neither the field nor the usual cause, so each
//! error is placed as an editor counts, named by the keys around it, and
//! given help for the slip that most often causes it.

use crate::error::Problem;

use super::limits::{block_nesting_beyond, flow_nesting_beyond, too_deep};
use super::places::{json_path_at, json_repeated_key, key_places};
use super::separators::{editor_place, editor_places_in, line_separator_help};
use super::{starts_bare_key, MAX_DEPTH};

/// `batch`: `text` is one line of a JSON Lines batch.
pub(super) fn json_problem(
    e: &serde_json::Error,
    text: &str,
    line_offset: usize,
    batch: bool,
) -> Problem {
    let message = e.to_string();
    let mut message = crate::error::without_location(&message).to_owned();
    // A repeated key is placed at its own start, as YAML's is, not after it.
    let mut repeated_at = None;
    if message.starts_with("duplicate key") {
        // Named by its path, as YAML's are (`priorities: duplicate key …`),
        // and with the first key's place.
        let path = json_path_at(text, e.line(), e.column(), false);
        let places = message
            .strip_prefix("duplicate key `")
            .and_then(|rest| rest.strip_suffix('`'))
            .and_then(|key| json_repeated_key(text, e.line(), e.column(), key));
        if let Some((first, repeat)) = places {
            message.push_str(&first_at(first, repeat.0, line_offset));
            repeated_at = Some(repeat);
        }
        if !path.is_empty() {
            message = format!("{}: {message}", path.join("."));
        }
    }
    let place = if let Some((line, column)) = repeated_at {
        format!("line {}, column {column}", line + line_offset)
    } else if e.line() == 0 {
        String::new()
    } else if e.is_eof() {
        // The end of what was written, not the line after its last newline
        // (which the file does not have, as far as its reader can see).
        let written = text.trim_end();
        let line = written.matches('\n').count() + 1;
        let column = written.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!("line {}, column {column}", line + line_offset)
    } else {
        // serde_json's column 0 is "before the first character of the
        // line" (an input that ends after a newline): column 1 here.
        format!(
            "line {}, column {}",
            e.line() + line_offset,
            char_column(text, e.line(), e.column())
        )
    };
    if message.starts_with("recursion limit exceeded") {
        // serde_json stops at 128 levels, before the depth check runs: in
        // the words every other nesting past the limit gets, and at the
        // bracket that goes past it, not the 129th.
        return too_deep(flow_nesting_beyond(text, MAX_DEPTH), line_offset, place);
    }
    if (e.is_syntax() || e.is_eof()) && !message.starts_with("number out of range") {
        // serde's words ("expected ident") mean little to someone who typed a
        // workload: say it is not JSON, and the usual cause.
        let problem = Problem::new(place, format!("not valid JSON: {message}"));
        // `// …` or `/* … */`, as in a tsconfig or VS Code settings file.
        let at_error = text
            .split('\n')
            .nth(e.line().saturating_sub(1))
            .and_then(|line| line.get(e.column().saturating_sub(1)..));
        if at_error.is_some_and(|rest| rest.starts_with("//") || rest.starts_with("/*")) {
            // A batch skips `#` lines, but takes no YAML.
            return problem.with_help(if batch {
                "JSON has no comments: remove it, or start the line with `#`, which a batch \
                 skips"
            } else {
                "JSON has no comments: remove it (or write the workload as YAML, where `#` \
                 starts a comment)"
            });
        }
        let unclosed = (message.starts_with("control character") && e.line() > 1)
            .then(|| unclosed_string(text, e.line() - 1))
            .flatten();
        return if let Some(column) = unclosed {
            // The line break ended a string: say where it opened.
            problem.with_help(format!(
                "the string opened at line {}, column {column} has no closing quote on its line (a JSON string cannot hold a line break)",
                e.line() - 1 + line_offset
            ))
        } else if looks_like_yaml(text) {
            // Only a batch line gets here: a whole YAML document is read as YAML.
            problem.with_help(
                r#"this is YAML (`key: value`); a batch takes one JSON object per line: {"use_case": "erp"}"#,
            )
        } else if message.starts_with("trailing comma") {
            problem.with_help("remove the comma after the last entry: JSON allows none")
        } else if message.starts_with("expected value")
            && matches!(json_error_byte(e, text), Some(b'}' | b']' | b','))
        {
            // `{"use_case": }`, `{"use_case": , …}`, or the `}` of a
            // pretty-printed object on a line of its own in a batch: quotes
            // are not the problem.
            problem.with_help(match json_error_byte(e, text) {
                Some(b',') => "a value is missing before this comma",
                _ if batch => {
                    "a value is missing before this bracket, or it closes one opened on an \
                     earlier line: a batch line holds one whole JSON object"
                }
                _ => "a value is missing before this bracket, or it closes one never opened",
            })
        } else if let Some(help) = ["expected", "invalid number"]
            .iter()
            .any(|start| message.starts_with(start))
            .then(|| json_number_help(e, text))
            .flatten()
        {
            problem.with_help(help)
        } else if let Some(byte) =
            json_error_byte(e, text).filter(|b| b.is_ascii_control() && !b.is_ascii_whitespace())
        {
            // A NUL or an escape byte where a value belongs: quotes are not the problem.
            problem.with_help(format!(
                "a control character (U+{byte:04X}) is not allowed here: remove it (inside a string, JSON writes one as \\u{byte:04x})"
            ))
        } else if message.starts_with("expected ident") || message.starts_with("expected value") {
            problem.with_help("strings need double quotes; true, false and null are lowercase")
        } else if message.starts_with("key must be a string") {
            match json_error_byte(e, text) {
                // `,,` or `{,`: no key where one belongs.
                Some(b',') => problem.with_help("a comma where a key belongs: remove it"),
                // Only a batch line gets here with a bare key: a whole
                // document with bare keys is read as YAML.
                Some(b) if starts_bare_key(b) => {
                    problem.with_help(r#"write each key in double quotes: {"use_case": "erp"}"#)
                }
                _ => {
                    problem.with_help(r#"a key is a string in double quotes: {"use_case": "erp"}"#)
                }
            }
        } else {
            problem
        };
    }
    if message.starts_with("number out of range") {
        // In the words YAML's and the flags' `1e400` get, named by its key.
        let path = json_path_at(text, e.line(), e.column(), true);
        let named = if path.is_empty() {
            String::new()
        } else {
            format!("{}: ", path.join("."))
        };
        return Problem::new(
            place,
            format!("{named}a number beyond the range of numbers (about ±1.8e308)"),
        )
        .with_help(
            "every number field has a range far inside it; `dbadvisor schema` gives each field's",
        );
    }
    Problem::new(place, message)
}

/// serde_json's 1-based `column` on `line` of `text`, which counts bytes,
/// in characters, as YAML's and every other place here count them (`é` is
/// one column, not two). A column inside a character is that character's.
pub(super) fn char_column(text: &str, line: usize, column: usize) -> usize {
    let Some(content) = text.split('\n').nth(line.saturating_sub(1)) else {
        return column.max(1);
    };
    let mut end = column.min(content.len());
    while !content.is_char_boundary(end) {
        end += 1;
    }
    content[..end].chars().count().max(1)
}

/// The fix for a number JSON does not read, where the error points at one
/// (`.5`, `+5`, `5.`, `01`, `0x10`, `1e3k`, `NaN`): what JSON wants, and the
/// plain number meant. `None` when the error is not at such a number
/// (`gaming` unquoted keeps "strings need double quotes").
fn json_number_help(e: &serde_json::Error, text: &str) -> Option<String> {
    let line = text.split('\n').nth(e.line().checked_sub(1)?)?.as_bytes();
    let in_token = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'+' | b'-' | b'_');
    // `5.}`: the error is at the byte after the number.
    let mut at = e.column().checked_sub(1)?.min(line.len());
    if !line.get(at).is_some_and(in_token) {
        at = at.checked_sub(1)?;
        if !in_token(line.get(at)?) {
            return None;
        }
    }
    let start = line[..at]
        .iter()
        .rposition(|b| !in_token(b))
        .map_or(0, |i| i + 1);
    let end = line[at..]
        .iter()
        .position(|b| !in_token(b))
        .map_or(line.len(), |i| at + i);
    let token = std::str::from_utf8(&line[start..end]).ok()?;
    let unsigned = token.trim_start_matches(['+', '-']);
    if matches!(
        unsigned.to_ascii_lowercase().as_str(),
        "nan" | "inf" | "infinity"
    ) {
        return Some(
            "JSON has no NaN or Infinity: write a number in the field's range (`dbadvisor schema` \
             gives each field's)"
                .to_owned(),
        );
    }
    if !unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let radix = crate::number::radix_value(token);
    let why = if token.starts_with('+') {
        "a JSON number has no plus sign"
    } else if unsigned.starts_with('.') {
        "a JSON number starts with a digit"
    } else if radix.is_some() {
        "a JSON number is decimal"
    } else if unsigned.ends_with('.') {
        "a JSON number has a digit after its point"
    } else if unsigned.len() > 1
        && unsigned.starts_with('0')
        && unsigned.as_bytes()[1].is_ascii_digit()
    {
        "a JSON number has no leading zero"
    } else if unsigned
        .bytes()
        .any(|b| b.is_ascii_alphabetic() && !matches!(b, b'e' | b'E'))
    {
        // `4K` for a size in KB may mean 4 KB: no number is offered.
        return Some(
            "a JSON number has no suffix or unit: write it in full, in the field's unit (20000 \
             for 20k writes/s)"
                .to_owned(),
        );
    } else {
        return None;
    };
    let meant = radix.or_else(|| {
        crate::number::meant_by_text(token.trim_start_matches('+')).map(crate::number::format)
    });
    Some(match meant {
        Some(n) => format!("{why}: write {n}"),
        None => why.to_owned(),
    })
}

/// The column (1-based, in characters) where a string that is still open
/// at the end of JSON `text`'s 1-based `line` began. JSON strings never
/// span lines, so the line is read on its own.
fn unclosed_string(text: &str, line: usize) -> Option<usize> {
    let content = text.lines().nth(line.checked_sub(1)?)?;
    let mut open = None;
    let mut chars = content.chars().enumerate();
    while let Some((i, c)) = chars.next() {
        match (open, c) {
            (None, '"') => open = Some(i + 1),
            (Some(_), '\\') => {
                chars.next();
            }
            (Some(_), '"') => open = None,
            _ => {}
        }
    }
    open
}

/// The byte a JSON error points at (serde_json counts 1-based lines and
/// columns in bytes).
pub(super) fn json_error_byte(e: &serde_json::Error, text: &str) -> Option<u8> {
    let line = text.split('\n').nth(e.line().checked_sub(1)?)?;
    line.as_bytes().get(e.column().checked_sub(1)?).copied()
}

/// Whether `text` opens with a YAML `key: value` (or `key:`) line.
fn looks_like_yaml(text: &str) -> bool {
    let text = text.trim_start();
    let key_end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    key_end > 0 && text[key_end..].starts_with(':') && {
        let after = &text[key_end + 1..];
        after.is_empty() || after.starts_with([' ', '\t', '\n', '\r'])
    }
}

pub(super) fn yaml_problem(e: &serde_yaml::Error, text: &str, line_offset: usize) -> Problem {
    let mut message = editor_places_in(crate::error::yaml_message(&e.to_string()), text);
    let mut first_note = String::new();
    let at = e
        .location()
        .map(|l| editor_place(text, l.line(), l.column()));
    let place = at.map_or(String::new(), |(line, column)| {
        // The message may start with the key's path ("priorities: ").
        let places = message
            .split_once("duplicate key `")
            .and_then(|(_, rest)| rest.strip_suffix('`'))
            .map(|key| key_places(text, key, line, column))
            .unwrap_or_default();
        let (line, column) = match places[..] {
            [first, (line, column), ..] => {
                first_note = first_at(first, line, line_offset);
                (line, column)
            }
            _ => (line, column),
        };
        format!("line {}, column {}", line + line_offset, column)
    });
    message.push_str(&first_note);
    if message.starts_with("recursion limit exceeded") {
        // Indented blocks past the YAML reader's 128 levels: in the words
        // every other nesting past the limit gets, placed at the level past
        // it rather than where the reader stopped.
        return too_deep(block_nesting_beyond(text, MAX_DEPTH), line_offset, place);
    }
    if message.contains("more than one document") {
        let marked = text.lines().any(|l| l.starts_with("---"));
        // `{use_case: erp}` line after line: YAML flow mappings meant as a
        // batch, which JSON Lines write with quoted keys.
        let flow_lines = !marked && text.trim_start().starts_with('{');
        return if flow_lines {
            Problem::new(place, "the input holds several YAML flow mappings, one after another")
                .with_help(
                    r#"a batch takes one JSON object per line, with its keys in double quotes: {"use_case": "erp"}"#,
                )
        } else {
            Problem::new(place, "the input holds more than one YAML document (`---`)").with_help(
                "give one workload per file; for several, write JSON Lines (one JSON object per line)",
            )
        };
    }
    let at_tab = e
        .location()
        .is_some_and(|l| text.as_bytes().get(l.index()) == Some(&b'\t'));
    if message.contains("tab character") || (at_tab && message.contains("cannot start any token")) {
        // As a pack's loader says it.
        return Problem::new(place, message)
            .with_help("indent with spaces: YAML does not allow tabs in indentation");
    }
    if let Some(help) = at.and_then(|(line, _)| line_separator_help(text, line, line_offset)) {
        return Problem::new(place, message).with_help(help);
    }
    if let Some(help) = yaml_layout_help(text, line_offset) {
        return Problem::new(place, message).with_help(help);
    }
    // JSON with a comment (`/* … */ {…}`), read as YAML because of it.
    if text
        .lines()
        .any(|line| line.trim_start().starts_with("//") || line.trim_start().starts_with("/*"))
    {
        return Problem::new(place, message).with_help(
            "JSON has no comments: remove `//` and `/* */` comments (or write the workload \
             as YAML, where `#` starts a comment)",
        );
    }
    Problem::new(place, message)
}

/// Help for the two slips a hand-written YAML workload makes most: a key's
/// colon without the space after it (`data_shape:key_value`), and a field
/// indented under the one before as if it belonged to it. The parser says
/// neither in those words ("could not find expected ':'", "mapping values
/// are not allowed in this context").
fn yaml_layout_help(text: &str, line_offset: usize) -> Option<String> {
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| {
            let content = line.trim_start();
            !content.is_empty() && !content.starts_with('#')
        })
        .collect();
    if let Some(help) = lines.iter().find_map(|&(n, line)| {
        let content = line.trim_start().trim_start_matches("- ");
        crate::workload::colon_space_help(content)
            .map(|help| format!("line {}: {help}", n + 1 + line_offset))
    }) {
        return Some(help);
    }
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    lines.windows(2).find_map(|pair| {
        let [(_, before), (n, line)] = pair else {
            return None;
        };
        // A key with a value on its own line holds nothing indented under it.
        let holds_value = before
            .split_once(": ")
            .is_some_and(|(_, value)| !value.trim().is_empty() && !value.trim().starts_with('#'));
        (indent(line) > indent(before) && holds_value && line.contains(": ")).then(|| {
            format!(
                "line {} is indented more than the line before it: start each field at the \
                 same column (only the entries under `priorities:` are indented)",
                n + 1 + line_offset
            )
        })
    })
}

/// Where a repeated key was first given, said after the message: its
/// column when the repeat (at `repeat_line`) is on the same line, else its
/// line (`line_offset` added, as to the repeat's place).
pub(crate) fn first_at(first: (usize, usize), repeat_line: usize, line_offset: usize) -> String {
    let (line, column) = first;
    if line == repeat_line {
        format!(" (first at column {column})")
    } else {
        format!(" (first at line {})", line + line_offset)
    }
}
