//! Finding where something is written in a document's text: a field's line,
//! a repeated key, the keys around a JSON position, a YAML text's numbers
//! and comments. The parsers give no place for a problem found after
//! parsing (a field's), and the wrong one for a duplicate key (its
//! mapping's start), so these scans find the place a person would fix; the
//! pack loader uses them too.

/// The keys a problem's place names (`priorities.scalability`), split at
/// the dots outside quotes: a key that is not a plain name is quoted there
/// (`"use_case "`, `priorities."scal ability"`, [`crate::raw::key_place`])
/// and is its text without the quotes; `None` for one whose text the quotes
/// do not show as it is (an escape, or cut short), or that is empty.
pub(super) fn place_keys(place: &str) -> Vec<Option<String>> {
    let mut keys = Vec::new();
    let mut key = String::new();
    let mut quoted = false;
    let mut escaped = false;
    for c in place.chars() {
        match c {
            '.' if !quoted => keys.push(std::mem::take(&mut key)),
            '"' if !escaped => quoted = !quoted,
            _ => {}
        }
        escaped = quoted && c == '\\' && !escaped;
        if c != '.' || quoted {
            key.push(c);
        }
    }
    keys.push(key);
    keys.into_iter()
        .map(|key| match key.strip_prefix('"') {
            None => Some(key),
            Some(rest) => rest
                .strip_suffix('"')
                .filter(|text| !text.contains(['\\', '"']))
                .map(str::to_owned),
        })
        // An empty key: every line starts with "" (none is found as one).
        .map(|key| key.filter(|key| !key.is_empty()))
        .collect()
}

/// The line (from 0) of the document's key `top`, or of `inner` in the
/// mapping that is `top`'s value, among the keys of that very mapping: an
/// unknown `scalability` beside `priorities: {scalability: 2}` is the
/// top-level one, and a key named in a string is none. `None` when the
/// layout is not one this follows (the caller then searches plainly).
pub(super) fn nested_key_line(text: &str, top: &str, inner: Option<&str>) -> Option<usize> {
    let (line, column) = document_start(text)?;
    let (line, column) = *key_places(text, top, line, column).first()?;
    let Some(inner) = inner else {
        return Some(line - 1);
    };
    let (line, column) = value_start(text, top, line, column)?;
    let (line, _) = *key_places(text, inner, line, column).first()?;
    Some(line - 1)
}

/// Where the document's top mapping starts (line and column, from 1): its
/// `{`, or its first key, after blank lines, comments, directives and a
/// bare `---`.
fn document_start(text: &str) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate() {
        let content = line.trim_start_matches(' ');
        let trimmed = content.trim_end();
        if trimmed.is_empty() || trimmed.starts_with(['#', '%']) {
            continue;
        }
        if let Some(after) = trimmed.strip_prefix("---") {
            if after.is_empty() || after.trim_start().starts_with('#') {
                continue;
            }
            // `--- {…}`: content after the marker, not followed here.
            return None;
        }
        return Some((i + 1, line.len() - content.len() + 1));
    }
    None
}

/// Where the mapping that is the value of `key`, written at `line` and
/// `column` (from 1), starts: a `{` after its colon, or the next content
/// line when indented more than the key (a block mapping).
fn value_start(text: &str, key: &str, line: usize, column: usize) -> Option<(usize, usize)> {
    let at_line = text.lines().nth(line - 1)?;
    let key_at = at_line.char_indices().nth(column - 1)?.0;
    let value = after_key(&at_line[key_at..], key)?.trim_start();
    if value.starts_with('{') {
        let value_at = at_line.len() - value.len();
        return Some((line, at_line[..value_at].chars().count() + 1));
    }
    if !(value.is_empty() || value.starts_with('#')) {
        return None;
    }
    let (i, next) = text.lines().enumerate().skip(line).find(|(_, l)| {
        let content = l.trim_start_matches(' ');
        !(content.trim_end().is_empty() || content.starts_with('#'))
    })?;
    let indent = next.len() - next.trim_start_matches(' ').len();
    (indent + 1 > column).then_some((i + 1, indent + 1))
}

/// The first line (from 0, at or after `from`) where `key` is written as a
/// key: at the start of the line's content, or after a `{` or a comma
/// (`{"scalability": 2, "consistency": 1}`), whatever its level.
pub(super) fn key_line(text: &str, key: &str, from: usize) -> Option<usize> {
    text.lines().enumerate().skip(from).find_map(|(i, line)| {
        let mut starts = std::iter::once(0).chain(
            line.char_indices()
                .filter(|&(_, c)| c == '{' || c == ',')
                .map(|(at, c)| at + c.len_utf8()),
        );
        starts
            .any(|at| starts_with_key(line[at..].trim_start(), key))
            .then_some(i)
    })
}

/// Byte ranges found by [`yaml_spans`].
#[derive(Debug, Default)]
pub(super) struct YamlSpans {
    /// Plain scalars written as numbers.
    pub(super) numbers: Vec<(usize, usize)>,
    /// Comments, from their `#` to the line's end.
    pub(super) comments: Vec<(usize, usize)>,
}

/// The byte ranges of a YAML text's plain scalars that are written as
/// numbers (`1e-400`), wherever a value starts: after a line's indentation,
/// `key: `, `- ` or `? `, and inside flow collections (`{a: 1e-400}`,
/// `[1e-400]`) after `[`, `{` or `,`; and of its comments. Quoted scalars,
/// comments and the lines of block scalars (`|`, `>`) are skipped whole, so
/// no text in them is taken for a number (nor a `#` in them for a comment).
pub(super) fn yaml_spans(text: &str) -> YamlSpans {
    let b = text.as_bytes();
    let is_number = |token: &[u8]| {
        !token.is_empty()
            && token
                .iter()
                .all(|c| c.is_ascii_digit() || b".eE+-".contains(c))
    };
    let blank = |c: u8| matches!(c, b' ' | b'\t');
    let line_end = |c: u8| matches!(c, b'\n' | b'\r');
    let ends_here = |i: usize| i >= b.len() || blank(b[i]) || line_end(b[i]);
    let mut spans = YamlSpans::default();
    // `value`: a scalar may start here; `depth`: open flow collections;
    // `first`: nothing but indentation yet on a block context's line, where
    // a scalar that runs to the line's end is a key's or a multi-line
    // scalar's continuation, not a value.
    let (mut i, mut value, mut depth) = (0, true, 0usize);
    // A line that ends in `key:` or `-` has its value on the lines below.
    let (mut line_start, mut first, mut content) = (0, true, false);
    while i < b.len() {
        let c = b[i];
        if line_end(c) {
            if content {
                first = depth == 0 && !value;
            }
            (i, value, line_start, content) = (i + 1, true, i + 1, false);
            continue;
        }
        if blank(c) {
            i += 1;
            continue;
        }
        let was_first = std::mem::replace(&mut first, false);
        content |= c != b'#';
        if c == b'#' && (i == 0 || blank(b[i - 1]) || line_end(b[i - 1])) {
            let start = i;
            while i < b.len() && !line_end(b[i]) {
                i += 1;
            }
            spans.comments.push((start, i));
        } else if depth > 0 && matches!(c, b',' | b'[' | b'{')
            || value && c == b'['
            || value && c == b'{'
        {
            depth += usize::from(c != b',');
            (i, value) = (i + 1, true);
        } else if depth > 0 && matches!(c, b']' | b'}') {
            depth -= 1;
            (i, value) = (i + 1, false);
        } else if c == b':'
            && (ends_here(i + 1) || depth > 0 && i > 0 && b"\"'".contains(&b[i - 1]))
            || value && matches!(c, b'-' | b'?') && ends_here(i + 1)
        {
            (i, value) = (i + 1, true);
        } else if value && (c == b'"' || c == b'\'') {
            // A quoted scalar, to its closing quote (escaped as `\"` or `''`).
            i += 1;
            while i < b.len() {
                if c == b'"' && b[i] == b'\\' {
                    i += 2;
                } else if b[i] == c {
                    i += 1;
                    if !(c == b'\'' && b.get(i) == Some(&b'\'')) {
                        break;
                    }
                    i += 1;
                } else {
                    i += 1;
                }
            }
            value = false;
        } else if value && (c == b'|' || c == b'>') {
            // A block scalar: its lines are those indented past the line
            // that opens it (or blank).
            let indent = b[line_start..].iter().take_while(|&&c| c == b' ').count();
            while i < b.len() && !line_end(b[i]) {
                i += 1;
            }
            loop {
                let next = b[i..].iter().position(|&c| c == b'\n').map(|at| i + at + 1);
                let Some(next) = next else { break };
                let rest = &b[next..];
                let spaces = rest.iter().take_while(|&&c| c == b' ').count();
                let empty = rest.get(spaces).is_none_or(|&c| line_end(c));
                if !(empty || spaces > indent) {
                    break;
                }
                i = next + rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
            }
            value = false;
        } else if value {
            // A plain scalar, to a `: `, a ` #` comment, the line's end, or
            // in a flow collection a `,`, `]` or `}`.
            let start = i;
            let mut end = i;
            while i < b.len() && !line_end(b[i]) {
                let c = b[i];
                let stop = c == b':' && ends_here(i + 1)
                    || c == b'#' && blank(b[i - 1])
                    || depth > 0 && matches!(c, b',' | b']' | b'}');
                if stop {
                    break;
                }
                if !blank(c) {
                    end = i + 1;
                }
                i += 1;
            }
            // A scalar before `:` is a key; one alone on its line, a key's
            // or a multi-line scalar's continuation.
            let key = i < b.len() && b[i] == b':';
            let alone = was_first && (i >= b.len() || line_end(b[i]));
            if is_number(&b[start..end]) && !key && !alone {
                spans.numbers.push((start, end));
            }
            value = false;
        } else {
            i += 1;
        }
    }
    spans
}

/// One open container while scanning JSON text (see [`json_levels`]).
struct JsonLevel {
    /// This container's key in its parent object.
    key: Option<String>,
    object: bool,
    /// The last key read in this object, and whether the next string is one.
    last_key: Option<String>,
    expect_key: bool,
    /// Each key read in this object, with the byte offset of its `"`.
    keys: Vec<(String, usize)>,
}

/// The containers open at the 1-based `line` and `column` of a JSON `text`
/// (as serde_json counts them: bytes), outermost first. Only read up to
/// that point, which serde has already found well formed.
fn json_levels(text: &str, line: usize, column: usize) -> Vec<JsonLevel> {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let mut end = (line_start + column).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut levels: Vec<JsonLevel> = Vec::new();
    // The text of the string being read, and where its `"` is.
    let mut string: Option<(String, usize)> = None;
    let mut escape = false;
    for (at, c) in text[..end].char_indices() {
        if let Some((s, _)) = string.as_mut() {
            if escape {
                s.push(c);
                escape = false;
            } else if c == '\\' {
                s.push(c);
                escape = true;
            } else if c == '"' {
                let (written, from) = string.take().unwrap_or_default();
                // As written, escapes and all, so `use\u005fcase` is the
                // key `use_case` it repeats.
                let done =
                    serde_json::from_str::<String>(&format!("\"{written}\"")).unwrap_or(written);
                if let Some(level) = levels.last_mut() {
                    if level.object && level.expect_key {
                        level.keys.push((done.clone(), from));
                        level.last_key = Some(done);
                        level.expect_key = false;
                    }
                }
            } else {
                s.push(c);
            }
            continue;
        }
        match c {
            '"' => string = Some((String::new(), at)),
            '{' | '[' => {
                let key = levels
                    .last()
                    .and_then(|l| l.object.then(|| l.last_key.clone()).flatten());
                levels.push(JsonLevel {
                    key,
                    object: c == '{',
                    last_key: None,
                    expect_key: c == '{',
                    keys: Vec::new(),
                });
            }
            '}' | ']' => {
                levels.pop();
            }
            ',' => {
                if let Some(level) = levels.last_mut() {
                    level.expect_key = level.object;
                }
            }
            _ => {}
        }
    }
    levels
}

/// The keys of the objects enclosing the 1-based `line` and `column` of a
/// JSON `text` (see [`json_levels`]), outermost first; the top-level object
/// has no key. With `with_value_key`, also the key whose value is there
/// (`peak_reads_per_sec` at its `1e400`).
pub(super) fn json_path_at(
    text: &str,
    line: usize,
    column: usize,
    with_value_key: bool,
) -> Vec<String> {
    let levels = json_levels(text, line, column);
    let value_key = levels
        .last()
        .filter(|l| l.object && !l.expect_key)
        .and_then(|l| l.last_key.clone());
    let mut path: Vec<String> = levels.into_iter().filter_map(|l| l.key).collect();
    if with_value_key {
        path.extend(value_key);
    }
    path
}

/// Where `key` is first given, and given again, in the object that repeats
/// it at `line` and `column` (serde_json's place, just after the repeat):
/// each key's `"` as a 1-based line and column (in characters, as every
/// place is given); `None` when they cannot be found.
pub(super) fn json_repeated_key(
    text: &str,
    line: usize,
    column: usize,
    key: &str,
) -> Option<((usize, usize), (usize, usize))> {
    let levels = json_levels(text, line, column);
    let keys = &levels.last()?.keys;
    let first = keys.iter().find(|(k, _)| k == key)?.1;
    let repeat = keys.iter().rev().find(|(k, _)| k == key)?.1;
    (first < repeat).then(|| (place_of(text, first), place_of(text, repeat)))
}

/// The place of byte `at` in `text`: its line and column (in characters),
/// both from 1.
pub(super) fn place_of(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

/// Whether a line's content (indentation removed) starts with `key`, plain
/// or quoted, and a colon: `key:`, `"key" :`, `'key':`.
pub(crate) fn starts_with_key(content: &str, key: &str) -> bool {
    after_key(content, key).is_some()
}

/// What follows the colon when `content` starts with `key`, plain or
/// quoted, and a colon.
fn after_key<'a>(content: &'a str, key: &str) -> Option<&'a str> {
    let rest = content.strip_prefix(key).or_else(|| {
        ['"', '\''].iter().find_map(|&quote| {
            content
                .strip_prefix(quote)?
                .strip_prefix(key)?
                .strip_prefix(quote)
        })
    })?;
    rest.trim_start().strip_prefix(':')
}

/// The places (line and column, from 1) where the mapping starting at
/// `line` and `column` has `key`, plain or quoted, followed by a colon, in
/// order. The YAML reader puts a duplicate key at its mapping's start (its
/// first key, or the `{` of a flow mapping), the wrong place to fix: the
/// second place found here is the repeat's; none (odd layouts) keeps the
/// reader's. A block mapping's keys are the lines at its indentation, until
/// one is indented less; a flow mapping's (`{a: 1, a: 2}`, which may span
/// lines) are those at its own level, after its `{` or a comma.
pub(crate) fn key_places(text: &str, key: &str, line: usize, column: usize) -> Vec<(usize, usize)> {
    let (Some(indent), Some(skip)) = (column.checked_sub(1), line.checked_sub(1)) else {
        return Vec::new();
    };
    let Some(first) = text.lines().nth(skip) else {
        return Vec::new();
    };
    if first.chars().nth(indent) == Some('{') {
        // Line ends counted as they are (`\r\n` too), so the offset is
        // the `{`'s own.
        let start: usize = text
            .split_inclusive('\n')
            .take(skip)
            .map(str::len)
            .sum::<usize>()
            + first.char_indices().nth(indent).map_or(0, |(at, _)| at);
        return flow_key_offsets(text, start, key)
            .into_iter()
            .map(|at| place_of(text, at))
            .collect();
    }
    let mut found = Vec::new();
    for (i, l) in text.lines().enumerate().skip(skip) {
        let content = l.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let at = l.len() - content.len();
        if at < indent && i + 1 > line {
            break;
        }
        if at == indent && starts_with_key(content, key) {
            found.push((i + 1, column));
        }
    }
    found
}

/// The byte offsets of `key` among the keys of the flow mapping whose `{`
/// is at `start`: at its own level, first after the `{` or a comma, outside
/// quotes and comments.
fn flow_key_offsets(text: &str, start: usize, key: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let mut depth = 0usize;
    let mut expect_key = false;
    let mut chars = text[start..]
        .char_indices()
        .map(|(i, c)| (start + i, c))
        .peekable();
    let mut previous = ' ';
    while let Some((at, c)) = chars.next() {
        if expect_key && depth == 1 && !c.is_whitespace() && c != '#' {
            expect_key = false;
            if starts_with_key(&text[at..], key) {
                found.push(at);
            }
        }
        match c {
            '{' | '[' => {
                depth += 1;
                expect_key = depth == 1;
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    break;
                }
            }
            ',' => expect_key = depth == 1,
            '"' | '\'' => {
                // A quoted text, `''` and `\"` inside it kept.
                while let Some((_, q)) = chars.next() {
                    if q == '\\' && c == '"' {
                        chars.next();
                    } else if q == c {
                        if c == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                            chars.next();
                        } else {
                            break;
                        }
                    }
                }
            }
            '#' if previous.is_whitespace() => {
                // A comment, to the end of its line.
                for (_, n) in chars.by_ref() {
                    if n == '\n' {
                        break;
                    }
                }
            }
            _ => {}
        }
        previous = c;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::parse_errors::char_column;

    #[test]
    fn yaml_number_spans_are_values_only_and_comments_are_found() {
        fn numbers(text: &str) -> Vec<&str> {
            let spans = super::yaml_spans(text).numbers;
            spans.into_iter().map(|(a, b)| &text[a..b]).collect()
        }
        assert_eq!(numbers("a: 1e-400 # 2\n- 3\n"), ["1e-400", "3"]);
        assert_eq!(numbers("{a: 1, b: [2, 3], \"c\":4}"), ["1", "2", "3", "4"]);
        assert_eq!(numbers("a:\n  5\n"), ["5"]);
        // Keys, quoted text, block scalars, comments and a multi-line
        // scalar's continuation hold no values that are numbers.
        assert!(numbers("1: a\nb: '2, 3'\nc: \"4: 5\"\n").is_empty());
        assert!(numbers("a: |\n  6\n\n  7\nb: x\n  8\n# 9\n").is_empty());
        assert!(numbers("a: 'it''s, 1'\nb: \"\\\" 2\"").is_empty());
        let comments = |text| {
            let spans = super::yaml_spans(text).comments;
            spans
                .into_iter()
                .map(|(a, b)| &text[a..b])
                .collect::<Vec<_>>()
        };
        assert_eq!(
            comments("# a\nb: c # d\ne: 'f # g'\nh: |\n  i # j\nk: l#m\n"),
            ["# a", "# d"]
        );
    }

    /// Strings holding brackets, quotes and escapes do not move the path.
    #[test]
    fn a_json_position_is_named_by_the_keys_around_it() {
        let text = "{\"a\": \"x{\\\"[\", \"b\": {\"c\": [1, {\"d\": 1, \"d\": 2}]}}";
        let column = text.rfind("\"d\"").unwrap() + 4;
        assert_eq!(json_path_at(text, 1, column, false), ["b", "c"]);
        let text = "{\n \"p\": {\"s\": 1,\n \"s\": 2}}";
        assert_eq!(json_path_at(text, 3, 5, false), ["p"]);
        assert!(json_path_at("{\"a\": 1, \"a\": 2}", 1, 14, false).is_empty());
        // A value's own key, for a number out of range; none for a key.
        let text = "{\"p\": {\"s\": 1e400}}";
        assert_eq!(json_path_at(text, 1, 17, true), ["p", "s"]);
        assert_eq!(
            json_path_at("{\"p\": 1, \"q", 1, 12, true),
            Vec::<String>::new()
        );
    }

    /// A repeated key is found where it is: in a block mapping at its
    /// indentation only, in a flow mapping at its own level only (not in
    /// a nested one, a quoted text or a comment), with `\r\n` line ends and
    /// wide characters before it counted as the reader counts them.
    #[test]
    fn a_repeated_key_is_found_at_its_own_level() {
        let block = "a:\n  k: 1\n  b:\n    k: 2\n  'k': 3\nk: 4\n";
        assert_eq!(key_places(block, "k", 2, 3), [(2, 3), (5, 3)]);
        let flow = "x: {é: 'k: 1', k: {k: 2}, # k: 3\r\n  \"k\": 4}\r\n";
        assert_eq!(key_places(flow, "k", 1, 4), [(1, 16), (2, 3)]);
        // Not a mapping's start: nothing, and the reader's place is kept.
        assert!(key_places(flow, "k", 9, 1).is_empty());
        assert!(key_places(flow, "k", 0, 0).is_empty());
    }

    /// Whatever place the reader names, in whatever text, finding a key
    /// never panics (a column past a wide character, a line past the end,
    /// an unclosed quote or brace).
    #[test]
    fn finding_a_key_never_panics() {
        let texts = [
            "a: {é: 'k: 1', k: {k: 2}\r\n  \"k\": 4\r\n",
            "{\"k\\\": 1, k: 2, 'it''s': 3, k: [1, {k: 1}]}",
            "k: 1\r\nk: 2\n\u{feff}{ k: '\n",
            "x: {k: 1, # k\n k: 2",
            "日本: {k: 1, k: 2}\n",
            "",
        ];
        for text in texts {
            for line in 0..6 {
                for column in 0..30 {
                    let found = key_places(text, "k", line, column);
                    assert!(found.len() <= text.len(), "{text:?}");
                }
            }
        }
        assert_eq!(
            key_places("日本: {k: 1, k: 2}\n", "k", 1, 5),
            [(1, 6), (1, 12)]
        );
    }

    /// A key repeated in JSON is found in its own object (not an outer or
    /// inner one with the same key), escapes and all, at its `"`.
    #[test]
    fn a_repeated_json_key_is_found_in_its_own_object() {
        let text = "{\"k\": {\"k\": 1},\r\n \"x\": {\"a\\\"b\": 1, \"k\": 2, \"a\\\"b\": 3}}";
        let err = serde_json::from_str::<crate::raw::Raw>(text).unwrap_err();
        assert_eq!(
            json_repeated_key(text, err.line(), err.column(), "a\"b"),
            Some(((2, 8), (2, 27)))
        );
        // A key written with an escape is the key it spells.
        let text = "{\"k\": 1, \"\\u006b\": 2}";
        let err = serde_json::from_str::<crate::raw::Raw>(text).unwrap_err();
        assert_eq!(
            json_repeated_key(text, err.line(), err.column(), "k"),
            Some(((1, 2), (1, 10)))
        );
        // Columns count characters, not bytes.
        let text = "{\"é\": 1, \"k\": 1, \"k\": 2}";
        let err = serde_json::from_str::<crate::raw::Raw>(text).unwrap_err();
        assert_eq!(
            json_repeated_key(text, err.line(), err.column(), "k"),
            Some(((1, 10), (1, 18)))
        );
        assert_eq!(char_column("é\n{\"é\": x", 2, 8), 7);
        assert_eq!(char_column("{\"é\"", 1, 3), 3);
        assert_eq!(char_column("", 4, 0), 1);
        // Not repeated where serde stopped: nothing.
        assert_eq!(json_repeated_key(text, 1, 14, "k"), None);
        assert_eq!(json_repeated_key("", 3, 9, "k"), None);
    }
}
