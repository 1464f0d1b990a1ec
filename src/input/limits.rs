//! The limits that keep hostile input cheap to refuse: a document's size,
//! its nesting, how many values it holds, and its raw control characters.
//! They are checked here, before or beside the parsers, because the
//! parsers' own limits come too late (every value already in memory) or too
//! slowly (time quadratic in the depth of flow collections), and place a
//! refusal at a byte offset rather than a line; the pack loader applies the
//! same checks to packs.

use super::{MAX_DEPTH, MAX_DOCUMENT_BYTES};
use crate::error::{Error, Problem};
use crate::raw::Raw;

pub(super) fn too_large(source_name: &str) -> Error {
    Error::Workload {
        source_name: source_name.to_owned(),
        problems: vec![Problem::new(
            "",
            format!(
                "input is larger than {} KiB (a workload is a few hundred bytes)",
                MAX_DOCUMENT_BYTES / 1024
            ),
        )],
    }
}

/// The first control character of `text` other than a tab, line feed or
/// carriage return, as a problem at its line and column (1-based, in
/// characters; `first_line` is the text's first line). The YAML reader
/// refuses them too, but at a byte offset from the start.
pub(crate) fn raw_control_character(text: &str, first_line: usize) -> Option<Problem> {
    let at = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))?;
    // Lines break at LF, CRLF or a lone CR, as YAML counts them.
    let (mut line, mut column) = (first_line, 1);
    let mut chars = text[..at].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || (c == '\r' && chars.peek() != Some(&'\n')) {
            (line, column) = (line + 1, 1);
        } else if c != '\r' {
            column += 1;
        }
    }
    let c = text[at..].chars().next()?;
    Some(
        Problem::new(
            format!("line {line}, column {column}"),
            format!("a raw control character (U+{:04X}) is not allowed in YAML", u32::from(c)),
        )
        .with_help("remove it: a tab, a line feed and a carriage return are the only control characters YAML text may hold"),
    )
}

/// Where a YAML text opens a flow collection (`[` or `{`) nested deeper
/// than `limit`, as 1-based (line, column in characters). The YAML reader
/// takes time quadratic in the depth of unclosed flow collections (a 200 KB
/// line of `[` took a minute to refuse), so such a text is refused before it
/// is read. Quoted scalars and comments are skipped, and a bracket inside a
/// plain scalar outside any flow collection is text; the rest of YAML's
/// grammar is left to the reader, so this may count a bracket the reader
/// would not (a plain scalar continuing after ` - [`), never miss one.
pub(crate) fn flow_nesting_beyond(text: &str, limit: usize) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let (mut line, mut column) = (1, 0);
    // Whether a node may begin here (line start, after `: `, `- `, `[`, `,`).
    let mut node_start = true;
    let mut prev = '\n';
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        let next_is_blank = chars.peek().is_none_or(|n| n.is_whitespace());
        match c {
            '\n' => {
                (line, column) = (line + 1, 0);
                node_start |= depth == 0;
            }
            '#' if prev.is_whitespace() => while chars.next_if(|&n| n != '\n').is_some() {},
            '"' | '\'' if node_start => {
                // A quoted scalar: to its closing quote, which `\"` or `''`
                // does not end.
                while let Some(q) = chars.next() {
                    column += 1;
                    if q == '\n' {
                        (line, column) = (line + 1, 0);
                    } else if c == '"' && q == '\\' {
                        chars.next();
                        column += 1;
                    } else if q == c {
                        if c == '\'' && chars.next_if_eq(&'\'').is_some() {
                            column += 1;
                            continue;
                        }
                        break;
                    }
                }
                node_start = false;
            }
            '[' | '{' if node_start || depth > 0 => {
                depth += 1;
                if depth > limit {
                    return Some((line, column));
                }
                node_start = true;
            }
            ']' | '}' if depth > 0 => {
                depth -= 1;
                node_start = false;
            }
            ',' if depth > 0 => node_start = true,
            ':' if depth > 0 || next_is_blank => node_start = true,
            '-' | '?' if next_is_blank => node_start = true,
            c if c.is_whitespace() => {}
            _ => node_start = false,
        }
        prev = c;
    }
    None
}

/// Where a YAML (or JSON) text passes `limit` values, as 1-based (line,
/// column in characters), counting what separates one value from the next:
/// a `,`, a `- ` item, and a `:` that ends a key (followed by a space or
/// the line's end, or just after a quote, as in JSON). Quoted text is not
/// skipped, so a comma in prose counts: this is a cheap bound, read before
/// the YAML reader, which holds every value of a document in memory
/// (about 200 bytes each) before any check can see how many there are.
pub(crate) fn values_beyond(text: &str, limit: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut count = 0usize;
    let (mut line, mut line_start) = (1, 0);
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let separates = match b {
            b'\n' => {
                line += 1;
                line_start = i + 1;
                false
            }
            b',' => true,
            b'-' => matches!(next, Some(b' ' | b'\n' | b'\r') | None),
            b':' => {
                matches!(next, Some(b' ' | b'\n' | b'\r') | None)
                    || (i > 0 && matches!(bytes[i - 1], b'"' | b'\''))
            }
            _ => false,
        };
        if separates {
            count += 1;
            if count > limit {
                return Some((line, text[line_start..i].chars().count() + 1));
            }
        }
    }
    None
}

/// Where a YAML text nested by indentation first goes past `limit` levels,
/// as 1-based (line, column of the key or item that goes past): a line is
/// one level inside the lines above it that are indented less (a `- ` line
/// also inside a key at its own indent, as YAML allows), and a `- ` item
/// holding a key or another `- ` opens one more. Only places a refusal
/// already decided from the document read (comments and blank lines are
/// skipped; a block scalar's indented text may be counted as nesting, so
/// this is not a check).
pub(crate) fn block_nesting_beyond(text: &str, limit: usize) -> Option<(usize, usize)> {
    let mut levels: Vec<usize> = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        let level = indent + usize::from(content.starts_with("- "));
        while levels.last().is_some_and(|&top| top >= level) {
            levels.pop();
        }
        levels.push(level);
        let mut at = indent;
        let mut rest = content;
        loop {
            if levels.len() > limit {
                return Some((number + 1, line[..at].chars().count() + 1));
            }
            let Some(item) = rest.strip_prefix("- ") else {
                break;
            };
            let item_at = at + 2 + (item.len() - item.trim_start_matches(' ').len());
            let item = item.trim_start_matches(' ');
            if item.starts_with("- ") {
                levels.push(item_at + 1);
            } else if item.contains(": ") || item.ends_with(':') {
                levels.push(item_at);
            } else {
                break;
            }
            (at, rest) = (item_at, item);
        }
    }
    None
}

/// The refusal of a document nested past [`MAX_DEPTH`], at `at` (line and
/// column in the text, its lines counted from `line_offset` + 1) when known,
/// else at `otherwise`.
pub(super) fn too_deep(
    at: Option<(usize, usize)>,
    line_offset: usize,
    otherwise: String,
) -> Problem {
    let place = at.map_or(otherwise, |(line, column)| {
        format!("line {}, column {column}", line + line_offset)
    });
    Problem::new(
        place,
        format!("document nests deeper than {MAX_DEPTH} levels"),
    )
}

/// A scan of JSON text one character at a time: how many brackets are
/// open, strings (and the brackets in them) skipped.
#[derive(Debug, Default)]
pub(crate) struct JsonDepth {
    /// Brackets (`{`, `[`) open before the character last taken.
    pub(crate) depth: usize,
    in_string: bool,
    escaped: bool,
}

impl JsonDepth {
    /// A scan starting with `depth` brackets open, outside any string.
    pub(crate) fn at(depth: usize) -> Self {
        JsonDepth {
            depth,
            ..Self::default()
        }
    }

    /// Takes `c`, the text's next character: whether it stands outside a
    /// string and is neither a bracket nor a quote (a `,` between entries).
    pub(crate) fn step(&mut self, c: char) -> bool {
        match c {
            _ if self.escaped => self.escaped = false,
            '\\' if self.in_string => self.escaped = true,
            '"' => self.in_string = !self.in_string,
            '{' | '[' if !self.in_string => self.depth += 1,
            '}' | ']' if !self.in_string => self.depth = self.depth.saturating_sub(1),
            _ => return !self.in_string,
        }
        false
    }
}

/// Refuses a document nested past [`MAX_DEPTH`], at the bracket that goes
/// past it when brackets do (`first_line`: the number of the text's first
/// line in its source).
pub(super) fn check_depth(
    raw: &Raw,
    text: &str,
    first_line: usize,
) -> std::result::Result<(), Problem> {
    fn depth(raw: &Raw) -> usize {
        match raw {
            Raw::List(items) => 1 + items.iter().map(depth).max().unwrap_or(0),
            Raw::Map(entries) => 1 + entries.iter().map(|(_, v)| depth(v)).max().unwrap_or(0),
            _ => 0,
        }
    }
    if depth(raw) > MAX_DEPTH {
        let at =
            flow_nesting_beyond(text, MAX_DEPTH).or_else(|| block_nesting_beyond(text, MAX_DEPTH));
        Err(too_deep(at, first_line - 1, String::new()))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_raw_control_character_is_placed_by_yaml_lines() {
        let place = |text: &str| raw_control_character(text, 1).map(|p| p.place);
        assert_eq!(place("a: b\n\tc: d\r\n"), None);
        assert_eq!(place("a: b\nc: \u{1b}"), Some("line 2, column 4".into()));
        assert_eq!(place("a: b\r\nc: \u{7}"), Some("line 2, column 4".into()));
        assert_eq!(
            place("a: b\rc: d\ré: \u{0}"),
            Some("line 3, column 4".into())
        );
    }

    /// Levels as YAML counts them: the root mapping is one, a sequence at
    /// its key's own indent is inside that key, and an item holding a key
    /// or another `- ` opens one more.
    #[test]
    fn block_nesting_counts_yaml_levels() {
        let at = |text: &str, limit| block_nesting_beyond(text, limit);
        assert_eq!(at("a: 1\n", 1), None);
        assert_eq!(at("a:\n  b: 1\n", 1), Some((2, 3)));
        assert_eq!(at("a:\n  b: 1\n", 2), None);
        // root, the sequence: two levels, indented or not.
        assert_eq!(at("x:\n- a\n", 2), None);
        assert_eq!(at("x:\n  - a\n", 2), None);
        assert_eq!(at("x:\n  - a\n", 1), Some((2, 3)));
        // root, the sequence, the map in its item; the item's next key is
        // in the same map.
        assert_eq!(at("x:\n- k: v\n  k2: v\n", 3), None);
        assert_eq!(at("x:\n- k: v\n  k2: v\n", 2), Some((2, 3)));
        // root, the outer sequence, the inner one.
        assert_eq!(at("x:\n- - a\n", 3), None);
        assert_eq!(at("x:\n- - a\n", 2), Some((2, 3)));
        // Comments and blank lines are no level.
        assert_eq!(at("a:\n\n      # deep\n  b: 1\n", 2), None);
    }

    #[test]
    fn flow_nesting_counts_only_brackets_that_open_collections() {
        let deepest = |text: &str| (0..).find(|&l| flow_nesting_beyond(text, l).is_none());
        assert_eq!(deepest("a: [[1], {b: [2]}]\n"), Some(3));
        assert_eq!(deepest("a: [\n  [1,\n   [2]]]\n"), Some(3));
        // Text, not collections: quoted, commented, inside a plain scalar.
        assert_eq!(
            deepest("a: \"[[[\\\"[[\"\nb: '[[''[['\n# [[[\nc: it's [[[ x\n"),
            Some(0)
        );
        assert_eq!(deepest("- [a, \"]]]\", {b: c}]\n"), Some(2));
        assert_eq!(flow_nesting_beyond("a:\n  b: [[[", 2), Some((2, 8)));
        // The built-in pack nests a few levels, far below the readers' limits.
        let pack = deepest(crate::pack::EMBEDDED).unwrap();
        assert!((2..=6).contains(&pack), "{pack}");
    }
}
