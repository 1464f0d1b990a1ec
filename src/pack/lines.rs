//! Where things are in a pack's YAML text: the line of an item, of a key
//! inside it, of an option. yaml_serde keeps no spans, so these are cheap
//! text scans; pointing at the right line matters more than exactness in
//! unusual layouts.

use super::raw::TOP_LEVEL_KEYS;

/// The indentation (in spaces) of the pack's top-level keys: 0, but for
/// a document indented as a whole (every line starting with the same
/// spaces), which YAML reads alike. Its first line that is not blank, a
/// comment, a directive or `---` sets it, as for [`mapping_start`].
pub(super) fn top_indent(text: &str) -> usize {
    first_content_line(text).map_or(0, |(_, line)| {
        let line = line.trim_start_matches('\u{feff}');
        line.len() - line.trim_start_matches(' ').len()
    })
}

/// The content of `line` when it is written at the top level's indentation
/// `top` ([`top_indent`]): after exactly that many spaces (and the byte
/// order mark that may open the text's first line).
pub(super) fn at_top(line: &str, top: usize) -> Option<&str> {
    let line = line.trim_start_matches('\u{feff}');
    let content = line.trim_start_matches(' ');
    (line.len() - content.len() == top).then_some(content)
}

/// Whether `line` is the top-level key `key`'s, written at the top level's
/// indentation `top` ([`top_indent`]).
pub(super) fn is_top_key(line: &str, top: usize, key: &str) -> bool {
    at_top(line, top).is_some_and(|content| crate::input::starts_with_key(content, key))
}

/// "line N, `key`" for a top-level key written at line N, else the key
/// alone (a pack on one line, as the embedded one, has no lines to name).
/// A key of a document written as a flow mapping or as JSON (`"version":`
/// at the top object's level) is found by [`index_lines`]' scan.
pub(super) fn top_key_place(text: &str, key: &str) -> String {
    let top = top_indent(text);
    let line = text
        .lines()
        .position(|l| is_top_key(l, top, key))
        .map(|i| i + 1)
        .or_else(|| {
            index_lines(text)
                .get(&(key.to_owned(), String::new()))
                .and_then(|lines| lines.first().copied())
        });
    match line {
        Some(line) => format!("line {line}, {key}"),
        None => key.to_owned(),
    }
}

/// Maps `(top-level section, "key: value")` to the 1-based line where a list
/// item with that key starts (`- id: x`, `- { id: x, ... }`, or `name:`).
/// A cheap text scan: yaml_serde keeps no spans, and pointing at the right
/// line matters more than exactness in unusual layouts.
pub(super) fn index_lines(text: &str) -> std::collections::HashMap<(String, String), Vec<usize>> {
    // JSON, perhaps after YAML comments (`# yaml-language-server: …`).
    let first = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#'));
    if first.is_some_and(|l| l.starts_with('{')) {
        // The embedded pack, read at every start, is JSON on one line, which
        // has no lines to name: not scanned.
        if !text.trim_end().contains('\n') {
            return std::collections::HashMap::new();
        }
        // A YAML flow mapping's keys may be plain (`{ name: x, rules: [ … ]
        // }`), its items anywhere on a line.
        let mut index = std::collections::HashMap::new();
        let mut state = Flow {
            document: Some(String::new()),
            ..Flow::new()
        };
        for (n, line) in text.lines().enumerate() {
            flow_items(line, &mut state, n + 1, "", &mut index);
        }
        // JSON's keys are quoted, one to a line: an item is named at its
        // `"id"` line rather than its `{`. Quoted first and plain after
        // (`{"name": t, rules: [ … ]}`), the items the JSON scan misses
        // keep their flow lines.
        if first_key_quoted(text) {
            index.extend(index_json_lines(text));
        }
        return index;
    }
    let mut index = std::collections::HashMap::new();
    let mut section = "";
    // The column of the section's items' `-`, and of the current item's
    // own keys: an `id:` elsewhere is a nested one's (a field's option
    // `serverless` is not a field `serverless` declared later).
    let mut dash_column: Option<usize> = None;
    let mut key_column: Option<usize> = None;
    // The brackets open in a section written as a flow sequence (`rules: [`
    // and `{ id: a, … }, { id: b, … }` items, several to a line maybe).
    let mut flow: Option<Flow> = None;
    // An item written as a flow mapping after its `-` (`- { id: a, … }`),
    // while it goes on over more lines: its nested items are not items.
    let mut item_flow: Option<Flow> = None;
    // The line of the current block item's `-`: the item's line, where its
    // id is named, whichever of its keys comes first.
    let mut item_line: Option<usize> = None;
    let lines: Vec<&str> = text.lines().collect();
    // A document indented as a whole has its top-level keys there.
    let top = top_indent(text);
    for (n, line) in lines.iter().enumerate() {
        if let Some(line) =
            at_top(line, top).filter(|l| !l.is_empty() && !l.starts_with(['\t', '-', '#']))
        {
            // The key quoted too (`"rules":`), as YAML allows.
            section = line
                .split(':')
                .next()
                .unwrap_or("")
                .trim()
                .trim_matches(['"', '\'']);
            dash_column = None;
            key_column = None;
            flow = None;
            item_flow = None;
            item_line = None;
            // The top-level key's own line, under an empty item.
            index
                .entry((section.to_owned(), String::new()))
                .or_insert_with(Vec::new)
                .push(n + 1);
            let rest = line
                .split_once(':')
                .map_or("", |(_, rest)| rest.trim_start());
            if rest.starts_with('[') {
                let state = flow.insert(Flow::new());
                flow_items(rest, state, n + 1, section, &mut index);
            }
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let dashed = line.trim_start();
        if dashed.starts_with('#') {
            continue;
        }
        if flow.is_none() && dash_column.is_none() && dashed.starts_with('[') {
            flow = Some(Flow::new());
        }
        if let Some(state) = flow.as_mut() {
            flow_items(dashed, state, n + 1, section, &mut index);
            continue;
        }
        if let Some(state) = item_flow.as_mut() {
            flow_items(dashed, state, n + 1, section, &mut index);
            if state.depth <= 1 && state.quote.is_none() {
                item_flow = None;
            }
            continue;
        }
        if let Some(after) = dashed.strip_prefix('-') {
            if *dash_column.get_or_insert(indent) != indent {
                continue;
            }
            let after = after.trim_start();
            if after.starts_with('{') {
                // Read as an item of a flow sequence, whose `id:` may come
                // after other keys.
                let mut state = Flow {
                    depth: 1,
                    ..Flow::new()
                };
                flow_items(after, &mut state, n + 1, section, &mut index);
                if state.depth > 1 || state.quote.is_some() {
                    item_flow = Some(state);
                }
                key_column = None;
                continue;
            }
            item_line = Some(n + 1);
            // A `-` alone (or before a comment, or with only an anchor or
            // a tag): the item's keys start on the next line, whose indent
            // is theirs.
            let content = without_properties(after);
            let bare = content.is_empty() || content.starts_with('#');
            key_column = (!bare).then(|| line.len() - after.len());
        } else if dashed.is_empty() || *key_column.get_or_insert(indent) != indent {
            continue;
        }
        let item = dashed.trim_start_matches('-').trim_start();
        let flow = item.starts_with('{');
        let item = item.trim_start_matches('{').trim_start();
        // The key's column: a block scalar's lines are indented past it.
        let indent = line.len() - item.len();
        // An explicit key (`? id`), its value on the next line (`: x`).
        let explicit = item
            .strip_prefix('?')
            .filter(|key| key.starts_with([' ', '\t']))
            .and_then(|key| {
                let value = lines.get(n + 1)?.trim_start().strip_prefix(':')?;
                Some(format!("{}:{value}", without_comment(key)))
            });
        let next = lines.get(n + 1 + usize::from(explicit.is_some())..);
        if let Some((key, rest)) = naming_key(explicit.as_deref().unwrap_or(item)) {
            let value = scalar_text(rest.trim(), flow, indent, next.unwrap_or_default());
            index
                .entry((section.to_owned(), format!("{key}: {value}")))
                .or_insert_with(Vec::new)
                .push(item_line.unwrap_or(n + 1));
        }
    }
    index
}

/// The `id:` or `name:` key `text` starts with (quoted too, `"id": x`, as
/// YAML allows), and what follows its colon.
fn naming_key(text: &str) -> Option<(&'static str, &str)> {
    let text = without_properties(text);
    ["id", "name"].into_iter().find_map(|key| {
        [key.to_owned(), format!("\"{key}\""), format!("'{key}'")]
            .iter()
            .find_map(|k| text.strip_prefix(k.as_str()))
            .and_then(|r| r.trim_start().strip_prefix(':'))
            .map(|rest| (key, rest))
    })
}

/// Whether the first key of the document's top-level flow mapping (after
/// its `{`, perhaps on a later line) is quoted, as JSON's are.
fn first_key_quoted(text: &str) -> bool {
    let mut rest = text.trim_start_matches('\u{feff}');
    // Past the comments before the `{`.
    loop {
        rest = rest.trim_start();
        match rest.strip_prefix('#') {
            Some(comment) => rest = comment.split_once('\n').map_or("", |(_, after)| after),
            None => break,
        }
    }
    rest.strip_prefix('{')
        .is_some_and(|r| r.trim_start().starts_with(['"', '}']))
}

/// `text` past the node properties it starts with, each followed by a
/// space or a tab: anchors (`&a`) and tags (`!!str`, `!<tag:x>`), which
/// YAML allows before a key (`- &a id: x`) or a value (`id: !!str x`). A
/// plain text cannot start with `&` or `!`, so none is cut.
pub(super) fn without_properties(text: &str) -> &str {
    let mut rest = text;
    while rest.starts_with(['&', '!']) {
        let end = rest.find([' ', '\t']).unwrap_or(rest.len());
        rest = rest[end..].trim_start();
    }
    rest
}

/// Where a scan of a flow sequence is, carried from line to line.
#[derive(Debug, Clone)]
struct Flow {
    /// Brackets open (0 before the sequence's `[`).
    depth: usize,
    /// For a document written as a flow mapping (`{ name: x, rules: [ … ] }`),
    /// the top-level key being read: its keys (at depth 1) name the
    /// sections, whose items are one bracket deeper than a section's own
    /// flow sequence's. `None` in a section's flow sequence.
    document: Option<String>,
    /// The quote of the string being read.
    quote: Option<char>,
    /// At the start of an entry of an item's mapping (after its `{` or a
    /// `,`), where its `id:` may be.
    entry: bool,
    /// Where a scalar may start: a quote there opens a string (in `it's`
    /// it does not).
    scalar_start: bool,
    /// The char before, in a string (`\"` does not end one).
    escaped: bool,
    /// The line of the current item's `{`, where it is named.
    item_line: usize,
}

impl Flow {
    fn new() -> Self {
        Flow {
            depth: 0,
            document: None,
            quote: None,
            entry: false,
            scalar_start: true,
            escaped: false,
            item_line: 0,
        }
    }
}

/// The items of a flow sequence on one of its lines (`line`): each `id:`
/// or `name:` key of a mapping directly in the sequence. In a document
/// written as a flow mapping ([`Flow::document`]), each of its keys starts
/// a section, at its line, as a block one's does.
fn flow_items(
    text: &str,
    flow: &mut Flow,
    line: usize,
    section: &str,
    index: &mut std::collections::HashMap<(String, String), Vec<usize>>,
) {
    let mut chars = text.char_indices().peekable();
    let mut previous = ' ';
    // The depth of the items' mappings: a section's flow sequence's `[`
    // is 1, or 2 inside a document's `{`.
    let items = 2 + usize::from(flow.document.is_some());
    while let Some((at, c)) = chars.next() {
        if let Some(q) = flow.quote {
            if flow.escaped {
                flow.escaped = false;
            } else if q == '"' && c == '\\' {
                flow.escaped = true;
            } else if c == q {
                // `''` is a quote inside a single-quoted string.
                if q == '\'' && chars.peek().is_some_and(|&(_, n)| n == '\'') {
                    chars.next();
                } else {
                    flow.quote = None;
                    flow.scalar_start = false;
                }
            }
            previous = c;
            continue;
        }
        if flow.entry && !c.is_whitespace() && c != '#' {
            if flow.depth == 1 {
                // A key of the document's mapping: the section from here.
                if let Some(key) = flow_key(&text[at..]) {
                    index
                        .entry((key.clone(), String::new()))
                        .or_default()
                        .push(line);
                    flow.document = Some(key);
                }
            } else if let Some((key, after)) = naming_key(&text[at..]) {
                let value = scalar_text(after.trim_start(), true, 0, &[]);
                let section = flow.document.as_deref().unwrap_or(section);
                index
                    .entry((section.to_owned(), format!("{key}: {value}")))
                    .or_default()
                    .push(flow.item_line);
            }
            flow.entry = false;
        }
        match c {
            '#' if previous.is_whitespace() => return,
            '"' | '\'' if flow.scalar_start => flow.quote = Some(c),
            '[' | '{' => {
                flow.depth += 1;
                let document = flow.document.is_some() && flow.depth == 1;
                flow.entry = c == '{' && (flow.depth == items || document);
                if flow.entry {
                    flow.item_line = line;
                }
            }
            ']' | '}' => flow.depth = flow.depth.saturating_sub(1),
            ',' => {
                flow.entry = flow.depth == items || (flow.document.is_some() && flow.depth == 1);
            }
            _ => {}
        }
        if !c.is_whitespace() && flow.quote.is_none() {
            flow.scalar_start = matches!(c, '[' | '{' | ',' | ':');
        }
        previous = c;
    }
}

/// The key a flow mapping's entry `text` starts with, plain (up to its
/// `:`) or quoted; `None` when no `:` follows it.
fn flow_key(text: &str) -> Option<String> {
    if text.starts_with(['"', '\'']) {
        let key = scalar_text(text, true, 0, &[]);
        // Past the closing quote: the first `:` after the key's text.
        let rest = text.get(1..)?;
        let after = rest.split_once(text.chars().next()?)?.1;
        return after.trim_start().starts_with(':').then_some(key);
    }
    let end = text.find([':', ',', '{', '}', '[', ']', '#'])?;
    text[end..]
        .starts_with(':')
        .then(|| text[..end].trim().to_owned())
}

/// [`index_lines`] for a pack written as JSON (`generate-pack | dbadvisor
/// rules check -`), laid out one key per line as JSON printers do: a key at
/// the top object's level starts a section, and an `"id"` or `"name"` key
/// inside it an item, at its own line.
fn index_json_lines(text: &str) -> std::collections::HashMap<(String, String), Vec<usize>> {
    let mut index = std::collections::HashMap::new();
    let mut section = String::new();
    let mut depth = 0usize;
    for (n, line) in text.lines().enumerate() {
        let start = line.trim_start_matches('\u{feff}').trim_start();
        if start.starts_with('#') {
            continue;
        }
        let item = start.trim_start_matches(['{', '[', ' ', '\t']);
        // The depth of the line's first key: the top object's keys are at
        // 1, a section's items' at 3 (an option's, deeper, are not items).
        let at = depth
            + start[..start.len() - item.len()]
                .matches(['{', '['])
                .count();
        if let Some((key, rest)) = json_key(item) {
            if at == 1 {
                section = key.clone();
                index
                    .entry((section.clone(), String::new()))
                    .or_insert_with(Vec::new)
                    .push(n + 1);
            } else if at == 3 && (key == "id" || key == "name") && rest.starts_with('"') {
                let value = scalar_text(rest, true, 0, &[]);
                index
                    .entry((section.clone(), format!("{key}: {value}")))
                    .or_insert_with(Vec::new)
                    .push(n + 1);
            }
        }
        // Brackets outside strings set the depth of the next line (a
        // string does not go on past its line in JSON).
        let mut scan = crate::input::JsonDepth::at(depth);
        line.chars().for_each(|c| {
            scan.step(c);
        });
        depth = scan.depth;
    }
    index
}

/// A JSON line's leading `"key":`, as the key and what follows the colon.
fn json_key(item: &str) -> Option<(String, &str)> {
    let quoted = item.strip_prefix('"')?;
    let end = quoted.find('"')?;
    let rest = quoted[end + 1..].trim_start().strip_prefix(':')?;
    Some((quoted[..end].to_owned(), rest.trim_start()))
}

/// The string a YAML scalar written as `rest` (what follows `key:`) stands
/// for, as far as a name is written in practice: quoted (`"flat, no
/// garden"`, `'it''s'`), a folded or literal block (`>-` and the more
/// indented lines after it), or plain (to the end of the line, or in a
/// `{ … }` item to the next `,` or `}`), without a trailing `# comment`.
pub(super) fn scalar_text(rest: &str, flow: bool, indent: usize, next: &[&str]) -> String {
    let rest = without_properties(rest);
    if let Some(quoted) = rest.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = quoted.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(escape @ ('x' | 'u' | 'U')) => {
                        let digits = match escape {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let hex: String = chars.by_ref().take(digits).collect();
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(c) => out.push(c),
                            None => return String::new(), // matches no name: no line
                        }
                    }
                    Some(other) => out.push(other),
                    None => break,
                },
                c => out.push(c),
            }
        }
        return out;
    }
    if let Some(quoted) = rest.strip_prefix('\'') {
        return match quoted.replace("''", "\u{0}").split_once('\'') {
            Some((inner, _)) => inner.replace('\u{0}', "'"),
            None => quoted.replace("''", "'"),
        };
    }
    let header = without_comment(rest);
    if let Some(style) = header.strip_prefix(['>', '|']) {
        let folded = header.starts_with('>');
        let body: Vec<&str> = next
            .iter()
            .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > indent)
            .map(|l| l.trim())
            .collect();
        let mut value = body.join(if folded { " " } else { "\n" });
        value.truncate(value.trim_end().len());
        if !style.starts_with('-') {
            value.push('\n'); // "clip": the block's final line break stays
        }
        return value;
    }
    let value = if flow {
        rest.split([',', '}']).next().unwrap_or("")
    } else {
        rest
    };
    without_comment(value).to_owned()
}

/// `text` before a `# comment` (which YAML starts after a space or a tab).
pub(super) fn without_comment(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(i, c)| c == '#' && i > 0 && text[..i].ends_with([' ', '\t']))
        .map_or(text.len(), |(i, _)| i);
    text[..end].trim()
}

#[cfg(test)]
pub(super) fn find_line(text: &str, section: &str, key: &str, id: &str) -> Option<usize> {
    index_lines(text)
        .get(&(section.to_owned(), format!("{key}: {id}")))
        .and_then(|lines| lines.first())
        .copied()
}

/// Where the document's top-level mapping starts (`line 3, column 1`): its
/// first line that is not blank, a comment, a directive or `---`.
pub(crate) fn mapping_start(text: &str) -> String {
    first_content_line(text).map_or_else(String::new, |(i, l)| {
        let column = l.chars().take_while(|c| *c == ' ').count() + 1;
        format!("line {}, column {column}", i + 1)
    })
}

/// The first line (from 0) of `text` that is not blank, a comment, a
/// directive or `---`, where the document's top-level mapping starts.
fn first_content_line(text: &str) -> Option<(usize, &str)> {
    text.lines().enumerate().find(|(_, l)| {
        let t = l.trim_start_matches('\u{feff}').trim_start();
        !(t.is_empty() || t.starts_with('#') || t.starts_with('%') || t.starts_with("---"))
    })
}

/// The line of a nested key path (`workload.use_cas`) in the item at line
/// `at`: each key looked for after the one before it, and the line of the
/// deepest one found (`None` when not even the first is). Not for paths that
/// index a list (`when.all[2].field`): which element is meant is not counted.
pub(super) fn item_path_line(text: &str, at: usize, path: &str) -> Option<usize> {
    if path.contains('[') {
        return None;
    }
    // The deepest key found: a key inside a one-line `{ … }` mapping is
    // not at a line's start, and its mapping's line is where it is.
    let mut line = None;
    for key in path.split('.').filter(|k| !k.is_empty()) {
        match item_key_line_from(text, at, line.unwrap_or(at), key) {
            Some(found) => line = Some(found),
            None => break,
        }
    }
    line
}

/// The column (1-based) of the last key of `path` on line `line` (1-based),
/// when the line starts with it (after its indentation and a `- `).
pub(super) fn key_column(text: &str, line: usize, path: &str) -> Option<usize> {
    let key = path.rsplit('.').next()?;
    let whole = text.lines().nth(line.checked_sub(1)?)?;
    let mut content = whole.trim_start();
    while let Some(rest) = content.strip_prefix("- ") {
        content = rest.trim_start();
    }
    crate::input::starts_with_key(content, key).then(|| whole.len() - content.len() + 1)
}

/// The column (1-based, in characters) of the value written after the key
/// at `key_column` on line `line` (`three` in `points: three`); `None` when
/// the value is not on that line (a block below it, or nothing).
pub(super) fn value_column(text: &str, line: usize, key_column: usize) -> Option<usize> {
    let whole = text.lines().nth(line.checked_sub(1)?)?;
    let from = whole.char_indices().nth(key_column.checked_sub(1)?)?.0;
    // The key's colon: the first `: ` (or `:` at the end) after the key
    // itself, which may be quoted.
    let rest = &whole[from..];
    let colon = rest
        .match_indices(':')
        .map(|(at, _)| at)
        .find(|&at| rest[at + 1..].is_empty() || rest[at + 1..].starts_with([' ', '\t']))?;
    let after = &rest[colon + 1..];
    let value = after.trim_start_matches([' ', '\t']);
    if value.is_empty() || value.starts_with('#') {
        return None;
    }
    let at = from + colon + 1 + (after.len() - value.len());
    Some(whole[..at].chars().count() + 1)
}

/// The line (1-based) where the `index`th item (0-based) of the top-level
/// block list `section` starts: its `-` lines at the list's indentation are
/// counted. `None` for a flow list (`rules: [ … ]`) or too few items.
pub(super) fn section_item_line(text: &str, section: &str, index: usize) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let top = top_indent(text);
    let start = lines.iter().position(|l| is_top_key(l, top, section))?;
    let mut dash = None;
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if indent <= top && !content.starts_with('-') {
            return None; // the next top-level key
        }
        if (content == "-" || content.starts_with("- ")) && indent == *dash.get_or_insert(indent) {
            if seen == index {
                return Some(i + 1);
            }
            seen += 1;
        }
    }
    None
}

/// The line of `key:` in the list item that has a key on line `at`
/// (1-based): from the item's `-` (or from line `from`, when later) to the
/// next line as little indented, the first line that starts with the key.
/// `None` when it is not found there.
pub(super) fn item_key_line_from(text: &str, at: usize, from: usize, key: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |line: &str| line.len() - line.trim_start().len();
    // A JSON item is placed at its `"name"` (or `"id"`) key: the item's
    // keys share that line's indentation, and it ends at a line less
    // indented (its `}`). Else the item starts at the nearest line at or
    // above `at` whose content begins with "- ", and ends at the next line
    // as little indented as its dash.
    let json = lines
        .get(at.checked_sub(1)?)
        .filter(|l| l.trim_start().starts_with('"'));
    let (start, item_indent) = match json {
        Some(line) => (at - 1, indent(line)),
        None => {
            let start = (0..at).rev().find(|&i| {
                lines
                    .get(i)
                    .is_some_and(|l| l.trim_start().starts_with("- "))
            })?;
            (start, indent(lines[start]))
        }
    };
    for (i, line) in lines.iter().enumerate().skip(start) {
        let content = line.trim_start();
        if i > start
            && !content.is_empty()
            && !content.starts_with('#')
            && (indent(line) < item_indent || (json.is_none() && indent(line) == item_indent))
        {
            return None;
        }
        if i + 1 < from {
            continue;
        }
        let content = content.strip_prefix("- ").map_or(content, str::trim_start);
        if crate::input::starts_with_key(content, key) {
            return Some(i + 1);
        }
    }
    None
}

/// The lines (1-based) of the options with id `id` in the field item whose
/// line is `field_line`: each option's `-` line (`- id: kv`, `- { label:
/// K, id: kv }`, or a `-` alone with the option's keys below it), as its
/// field is placed at its own `-`. The field's own keys, before its first
/// option's `-`, are not an option's.
pub(super) fn option_lines(text: &str, field_line: usize, id: &str) -> Vec<usize> {
    let indent = |line: &str| line.len() - line.trim_start().len();
    let mut lines = text.lines().enumerate().skip(field_line.saturating_sub(1));
    let Some((_, first)) = lines.next() else {
        return Vec::new();
    };
    let dash = indent(first);
    // Whether a key is `id: <id>`, after a `- `, a `{` or an anchor or tag.
    let is_id = |key: &str| {
        let item = without_properties(
            key.trim_start()
                .trim_start_matches("- ")
                .trim_start_matches('{')
                .trim_start(),
        );
        let value = item
            .strip_prefix("id:")
            .map(|v| without_properties(v.trim_start()).trim_matches(|c| c == '"' || c == '\''));
        value.is_some_and(|v| {
            v.strip_prefix(id)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([',', ' ', '}', '"', '\'']))
        })
    };
    // The line of the current option's `-`.
    let mut option = None;
    let mut found = Vec::new();
    for (i, line) in lines {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if indent(line) <= dash {
            break;
        }
        if content == "-" || content.starts_with("- ") {
            option = Some(i + 1);
        }
        let Some(at) = option else {
            continue;
        };
        // The line's keys: at its start, and after a flow mapping's `{`
        // or `,` (`{ label: K, id: kv }`).
        let mut keys = std::iter::once(0).chain(
            content
                .char_indices()
                .filter(|&(_, c)| c == '{' || c == ',')
                .map(|(at, _)| at + 1),
        );
        if keys.any(|k| content.get(k..).is_some_and(is_id)) {
            found.push(at);
        }
    }
    found
}

/// Where a YAML error is, as (line, column), when serde read it from
/// `text`, counted as [`crate::input::editor_place`] counts them.
pub(super) fn yaml_at(e: &serde_yaml::Error, text: &str) -> Option<(usize, usize)> {
    e.location()
        .map(|l| crate::input::editor_place(text, l.line(), l.column()))
}

/// [`yaml_at`] as a problem's place: "line L, column C", or nothing.
pub(super) fn yaml_place(e: &serde_yaml::Error, text: &str) -> String {
    yaml_at(e, text).map_or(String::new(), |(line, column)| {
        format!("line {line}, column {column}")
    })
}

/// The pack's top-level keys written more than once, each with the lines
/// it is on (from 1), by a scan of the lines that start with a plain key.
pub(super) fn repeated_top_level_keys(text: &str) -> Vec<(&str, Vec<usize>)> {
    let mut keys: Vec<(&str, Vec<usize>)> = Vec::new();
    let top = top_indent(text);
    for (i, line) in text.lines().enumerate() {
        let Some((key, _)) = at_top(line, top).and_then(|l| l.split_once(':')) else {
            continue;
        };
        if !TOP_LEVEL_KEYS.contains(&key) {
            continue;
        }
        match keys.iter_mut().find(|(k, _)| *k == key) {
            Some((_, lines)) => lines.push(i + 1),
            None => keys.push((key, vec![i + 1])),
        }
    }
    keys.retain(|(_, lines)| lines.len() > 1);
    keys
}
