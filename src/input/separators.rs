//! Unicode's line and paragraph separators (U+2028, U+2029), which text
//! pasted from a web page brings. The YAML reader breaks lines at them, as
//! YAML 1.1 did; editors and YAML 1.2 do not. Kept in one place so that
//! every line number said is the editor's, and a separator the reader
//! stumbled on is named rather than left to explain an error that makes no
//! sense on the line as the editor shows it.

use super::places::{place_of, yaml_spans};

/// Unicode's line and paragraph separators: line breaks to the YAML
/// reader (YAML 1.1), not to editors or YAML 1.2.
pub(crate) const LINE_SEPARATORS: [char; 2] = ['\u{2028}', '\u{2029}'];

/// A place the YAML reader gives (line and column, from 1) in the lines
/// and columns an editor shows, which the text scans count too. The reader
/// takes Unicode's line and paragraph separators (U+2028, U+2029) in a text
/// for line breaks, as YAML 1.1 did; editors (VS Code, vim, Notepad++) and
/// YAML 1.2 do not, so after one the reader's line was one past the
/// editor's, and past the lines the scans name in the same message.
pub(crate) fn editor_place(text: &str, line: usize, column: usize) -> (usize, usize) {
    if line <= 1 || !text.contains(LINE_SEPARATORS) {
        return (line, column);
    }
    // The reader's line breaks up to its line `line`, and the characters
    // from the editor's line's start to there.
    let (mut reader_line, mut editor_line, mut before) = (1, 1, 0usize);
    for c in text.chars() {
        if reader_line == line {
            break;
        }
        match c {
            '\n' => {
                reader_line += 1;
                editor_line += 1;
                before = 0;
            }
            _ if LINE_SEPARATORS.contains(&c) => {
                reader_line += 1;
                before += 1;
            }
            _ => before += 1,
        }
    }
    (editor_line, before.saturating_add(column))
}

/// `message` (the YAML reader's, which may name a second place: "while
/// scanning a simple key at line 3, column 1") with each "at line L,
/// column C" in it counted as [`editor_place`] counts them.
pub(crate) fn editor_places_in(message: String, text: &str) -> String {
    if !text.contains(LINE_SEPARATORS) {
        return message;
    }
    fn number(s: &str) -> Option<(usize, &str)> {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        s[..digits].parse().ok().map(|n| (n, &s[digits..]))
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    // Only the reader's own "at line L, column C" (a key or value quoted in
    // the message may hold the words too).
    while let Some(at) = rest.find("at line ") {
        out.push_str(&rest[..at]);
        let after = &rest[at + "at line ".len()..];
        let place = number(after).and_then(|(line, tail)| {
            let (column, tail) = number(tail.strip_prefix(", column ")?)?;
            Some((line, column, tail))
        });
        match place {
            Some((line, column, tail)) => {
                let (line, column) = editor_place(text, line, column);
                out.push_str(&format!("at line {line}, column {column}"));
                rest = tail;
            }
            None => {
                out.push_str("at line ");
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `text` with Unicode's line and paragraph separators (U+2028, U+2029) in
/// its comments made spaces (three, the bytes they take, so every place in
/// it stays where it was). YAML 1.2 and editors do not break lines at them,
/// but the YAML reader, which follows YAML 1.1, does, and the rest of a
/// comment after one (text pasted from a web page) was read as a key or a
/// value. Elsewhere they are left for the reader, which refuses them
/// where an answer or a key is read.
pub(crate) fn comment_separators_as_spaces(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(LINE_SEPARATORS) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut done = 0;
    for (start, end) in yaml_spans(text).comments {
        out.push_str(&text[done..start]);
        for c in text[start..end].chars() {
            if LINE_SEPARATORS.contains(&c) {
                out.push_str("   ");
            } else {
                out.push(c);
            }
        }
        done = end;
    }
    out.push_str(&text[done..]);
    std::borrow::Cow::Owned(out)
}

/// Help for a Unicode line or paragraph separator (U+2028, U+2029) outside
/// a comment, as text pasted from a web page brings: the YAML reader breaks
/// the line there, which an editor does not show, so the error it gives
/// next makes no sense on the line as the editor shows it. Names the last
/// one before the error at editor line `at` (from 1, within `text`), on
/// that line or the one before: one further away did not cause it. (In a
/// comment, one is made a space before reading:
/// [`comment_separators_as_spaces`].)
pub(crate) fn line_separator_help(text: &str, at: usize, line_offset: usize) -> Option<String> {
    // The bytes of the line before `at` and of `at` itself.
    let mut starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1));
    let from = starts.nth(at.saturating_sub(2))?;
    let to = starts.nth(usize::from(at >= 2)).unwrap_or(text.len());
    let (i, separator) = text[from..to].rmatch_indices(LINE_SEPARATORS).next()?;
    let (line, column) = place_of(text, from + i);
    let c = separator.chars().next()?;
    let name = if c == '\u{2028}' { "line" } else { "paragraph" };
    Some(format!(
        "line {}, column {column} holds an invisible Unicode {name} separator (U+{:04X}), \
         as pasted from a web page, which the YAML reader takes for a line break: delete it",
        line + line_offset,
        u32::from(c)
    ))
}

#[cfg(test)]
mod tests {
    /// The reader's second place is counted as an editor counts lines; a
    /// place quoted in a value is left as written, and a huge one does not
    /// overflow.
    #[test]
    fn the_readers_places_in_a_message_are_the_editors() {
        use super::editor_places_in;
        let text = "a: 1\u{2028}2\nb: [\n";
        assert_eq!(
            editor_places_in("x (while scanning at line 2, column 1)".into(), text),
            "x (while scanning at line 1, column 6)"
        );
        assert_eq!(
            editor_places_in("\"line 2, column 1\" is not an option".into(), text),
            "\"line 2, column 1\" is not an option"
        );
        let huge = format!("at line 2, column {}", usize::MAX);
        assert_eq!(
            editor_places_in(huge, text),
            format!("at line 1, column {}", usize::MAX)
        );
        // Without a separator, nothing changes.
        assert_eq!(
            editor_places_in("at line 2, column 1".into(), "a: 1\nb: 2\n"),
            "at line 2, column 1"
        );
    }
}
