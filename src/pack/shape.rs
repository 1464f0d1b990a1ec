//! Problems found before a pack is compiled: YAML syntax, the document's
//! shape (unknown, missing or mistyped keys), refused characters and
//! nesting, each with its place and, where a common slip explains it, help.

use super::lines::{
    index_lines, is_top_key, item_path_line, key_column, mapping_start, repeated_top_level_keys,
    section_item_line, top_indent, value_column, yaml_at, yaml_place,
};
use super::raw::{
    not_null, optional_one_line, text, version, RawAxis, RawCandidate, RawCaution, RawExample,
    RawField, RawRule, RawTest, RawVeto, REQUIRED_TOP_LEVEL_KEYS, TOP_LEVEL_KEYS,
};
use crate::error::{plain_words, Problem};
use crate::output::is_bidi_control;
use crate::suggest;

/// What YAML reads a top-level key's value as, when that is neither text
/// nor a number: a yes/no value, infinity or not-a-number (YAML 1.2's core
/// spellings, the ones yaml_serde resolves). `spelled` is the value as the
/// pack's reader took it, as text: only those spellings are looked at again,
/// in the document read as plain YAML values, where `true` and `"true"`
/// differ however the document is laid out (a block, a flow mapping, JSON,
/// a quoted key). `None` for text and numbers, and when the key is absent.
pub(super) fn non_text_value(text: &str, key: &str, spelled: &str) -> Option<String> {
    let suspect = matches!(
        spelled.trim_start_matches(['+', '-']),
        "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
            | ".nan"
            | ".NaN"
            | ".NAN"
            | ".inf"
            | ".Inf"
            | ".INF"
    );
    if !suspect {
        return None;
    }
    let document = serde_yaml::from_str::<serde_yaml::Value>(text).ok()?;
    match document.get(key)? {
        serde_yaml::Value::Bool(_) => Some(format!("a yes/no value ({spelled})")),
        serde_yaml::Value::Number(n) => match n.as_f64() {
            Some(f) if f.is_nan() => Some(format!("not-a-number ({spelled})")),
            Some(f) if f.is_infinite() => Some(format!("infinity ({spelled})")),
            _ => None,
        },
        _ => None,
    }
}

/// Whether `c` may not appear in a pack's text: every control character
/// but a line break and a tab, and the bidirectional controls that reorder
/// how the text around them is shown ([`is_bidi_control`]).
pub(super) fn is_refused_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// The keys a pack types as numbers (as `gt:` and a test's workload read
/// theirs from the text, where `010` is refused).
const NUMBER_KEYS: [&str; 5] = ["weight", "points", "min", "max", "min_margin"];

/// A condition's bounds, which the reader takes as YAML numbers of any form.
const BOUND_KEYS: [&str; 4] = ["gt", "gte", "lt", "lte"];

/// Numbers written other than in plain decimal, each refused with the
/// number to write: with a leading zero (`weight: 010`) under the keys the
/// reader types as numbers, which it takes as 10, YAML 1.1 tools (PyYAML)
/// as octal 8, and the pack's other numbers (`gt: 010`) refuse as text;
/// and in hexadecimal, octal or binary (`gt: 0x1F`) as a condition's bound,
/// which YAML reads as 31 though the same number is refused as a rule's
/// points (and in the JSON Schema).
pub(crate) fn non_decimal_numbers(text: &str) -> Vec<Problem> {
    let mut problems = Vec::new();
    // Named by its item too, as serde's problems are (`line 3, column 13,
    // rule `x``); the items' lines are found only once a number is wrong.
    let mut index = None;
    let mut place = |line: usize, column: usize| {
        let index = index.get_or_insert_with(|| index_lines(text));
        match item_named_at(index, line) {
            Some(named) => format!("line {line}, column {column}, {named}"),
            None => format!("line {line}, column {column}"),
        }
    };
    for (n, line) in text.lines().enumerate() {
        let content = line.split(" #").next().unwrap_or(line);
        for key in NUMBER_KEYS.into_iter().chain(BOUND_KEYS) {
            let pattern = format!("{key}:");
            for (at, _) in content.match_indices(&pattern) {
                let before = &content[..at];
                let starts_key = before
                    .chars()
                    .next_back()
                    .is_none_or(|c| matches!(c, ' ' | '{' | ',' | '-'));
                // Inside a quoted text, it is words, not a key.
                let quoted =
                    before.matches('"').count() % 2 == 1 || before.matches('\'').count() % 2 == 1;
                if !starts_key || quoted {
                    continue;
                }
                let value = content[at + pattern.len()..].trim_start();
                let token: String = value
                    .chars()
                    .take_while(|c| !matches!(c, ',' | '}' | ' ' | ']'))
                    .collect();
                let (sign, digits) = match token.strip_prefix(['-', '+']) {
                    Some(rest) => (&token[..1], rest),
                    None => ("", token.as_str()),
                };
                let column = content[..at + pattern.len()].chars().count()
                    + (content[at + pattern.len()..].len() - value.len())
                    + 1;
                let radix = match digits.get(..2).map(str::to_ascii_lowercase).as_deref() {
                    Some("0x") => Some(16),
                    Some("0o") => Some(8),
                    Some("0b") => Some(2),
                    _ => None,
                };
                let based = radix.and_then(|r| u64::from_str_radix(&digits[2..], r).ok());
                if let (Some(value), true) = (based, BOUND_KEYS.contains(&key)) {
                    problems.push(
                        Problem::new(
                            place(n + 1, column),
                            format!("`{key}` has a hexadecimal, octal or binary number, `{token}`"),
                        )
                        .with_help(format!(
                            "write it in decimal, `{key}: {sign}{value}`, as a pack's other \
                             numbers are written"
                        )),
                    );
                    continue;
                }
                if !NUMBER_KEYS.contains(&key) {
                    continue;
                }
                let number_like = digits.len() > 1
                    && digits.starts_with('0')
                    && digits.as_bytes()[1].is_ascii_digit()
                    && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.');
                if !number_like {
                    continue;
                }
                let meant = match digits.trim_start_matches('0') {
                    "" => "0".to_owned(),
                    rest if rest.starts_with('.') => format!("0{rest}"),
                    rest => rest.to_owned(),
                };
                problems.push(
                    Problem::new(
                        place(n + 1, column),
                        format!("`{key}` has a number with a leading zero, `{token}`"),
                    )
                    .with_help(format!(
                        "write it as `{key}: {sign}{meant}`: this reader would take it as {sign}{meant}, \
                         YAML 1.1 tools as an octal number, and a condition's `gt: {token}` is text"
                    )),
                );
            }
        }
    }
    problems
}

/// Every string of the pack (key or value) that holds a control character
/// other than a line break or a tab, at its field path. The pack's texts
/// reach the terminal as written, and an escape sequence in one (`"\e[2J"`)
/// would clear or recolour the screen of whoever runs the pack. A raw
/// control character is refused before reading
/// ([`crate::input::raw_control_character`]), so only a double-quoted
/// escape can put one here. A line is given when each such string has
/// exactly one line with such an escape.
pub(crate) fn control_characters(text: &str) -> Vec<Problem> {
    // Without a backslash there is no escape; a bidirectional control may
    // also be there as it is (the reader takes it, unlike a raw control).
    if !text.contains('\\') && !text.chars().any(is_bidi_control) {
        return Vec::new();
    }
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    collect_controls(&value, &mut String::new(), &mut found);
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line_has_control(line))
        .map(|(i, _)| i + 1)
        .collect();
    let with_lines = lines.len() == found.len();
    found
        .into_iter()
        .enumerate()
        .map(|(i, (path, c))| {
            let place = match with_lines {
                true => format!("line {}, {path}", lines[i]),
                false => path,
            };
            let help = if is_bidi_control(c) {
                "remove it: texts are shown as written, and a bidirectional control reorders the text shown after it"
            } else {
                "remove it: texts are shown as written, and an escape sequence in one would recolour or clear the screen"
            };
            // Unicode classes the bidirectional ones as format characters (Cf).
            let kind = match is_bidi_control(c) {
                true => "bidirectional formatting character",
                false => "control character",
            };
            Problem::new(
                place,
                format!(
                    "holds the {kind} U+{:04X}, which would reach the terminal as it is",
                    u32::from(c)
                ),
            )
            .with_help(help)
        })
        .collect()
}

/// Adds `(path, first refused character)` for every string under `value`.
pub(super) fn collect_controls(
    value: &serde_yaml::Value,
    path: &mut String,
    found: &mut Vec<(String, char)>,
) {
    use serde_yaml::Value;
    let at = |path: &str| {
        if path.is_empty() {
            ".".to_owned()
        } else {
            path.to_owned()
        }
    };
    match value {
        Value::String(s) => {
            if let Some(c) = s.chars().find(|&c| is_refused_control(c)) {
                found.push((at(path), c));
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                collect_controls(item, path, found);
                path.truncate(len);
            }
        }
        Value::Mapping(map) => {
            for (key, item) in map {
                let len = path.len();
                let name = match key {
                    Value::String(k) => k.clone(),
                    other => serde_yaml::to_string(other)
                        .unwrap_or_default()
                        .trim()
                        .to_owned(),
                };
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&crate::output::escape_controls(&name, &[]));
                if let Some(c) = name.chars().find(|&c| is_refused_control(c)) {
                    found.push((at(path), c));
                }
                collect_controls(item, path, found);
                path.truncate(len);
            }
        }
        Value::Tagged(tagged) => collect_controls(&tagged.value, path, found),
        _ => {}
    }
}

/// Whether a line of YAML holds a double-quoted escape that means a refused
/// control character (`\e`, `\x1b`, `\u001b`, …), or a bidirectional
/// control as it is.
pub(super) fn line_has_control(line: &str) -> bool {
    if line.chars().any(is_bidi_control) {
        return true;
    }
    let bytes = line.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let hex = |n: usize| {
            line.get(i + 2..i + 2 + n)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
        };
        let (meant, width) = match bytes[i + 1] {
            b'0' | b'a' | b'b' | b'v' | b'f' | b'r' | b'e' => (Some('\u{1}'), 2),
            b'N' => (Some('\u{85}'), 2),
            b'x' => (hex(2), 4),
            b'u' => (hex(4), 6),
            b'U' => (hex(8), 10),
            _ => (None, 2),
        };
        if meant.is_some_and(is_refused_control) {
            return true;
        }
        i += width;
    }
    false
}

/// Every item of the pack's lists whose shape is wrong, not only the first
/// one serde stopped at: each item is read again on its own (so a wrong
/// type in two rules is reported twice, each at its rule's line). The
/// first problem keeps serde's exact line and column. A YAML syntax error
/// stops there: nothing after it can be read.
pub(super) fn shape_problems(
    text: &str,
    first: &serde_path_to_error::Error<serde_yaml::Error>,
) -> Vec<Problem> {
    let mut problems = vec![shape_problem(first, text)];
    if problems[0].place.ends_with(", column 1") && problems[0].message.contains("duplicate ") {
        // The reader stops at the first key given twice; the others (the
        // pack's snippets pasted at its end repeat several sections) are
        // found in the text, so one run lists them all.
        for (key, lines) in repeated_top_level_keys(text) {
            let place = format!("line {}, column 1", lines[1]);
            if place != problems[0].place {
                problems.push(with_shape_help(Problem::new(
                    place,
                    format!("duplicate key `{key}` (first at line {})", lines[0]),
                )));
            }
        }
        return problems;
    }
    let top = match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(serde_yaml::Value::Mapping(top)) => top,
        Ok(_) => return problems,
        Err(syntax) if syntax.to_string().contains("duplicate") => {
            // A key given twice within an item stops the reading of the
            // items one by one: said beside serde's first problem (it was
            // left out), placed and named as that one would be.
            let repeat = serde_path_to_error::deserialize::<_, serde_yaml::Value>(
                serde_yaml::Deserializer::from_str(text),
            )
            .err()
            .map(|e| shape_problem(&e, text));
            if let Some(repeat) = repeat.filter(|_| !problems[0].message.contains("duplicate")) {
                problems.push(with_shape_help(repeat));
            }
            return problems;
        }
        Err(syntax) => return syntax_problem(&syntax, first, text).map_or(problems, |p| vec![p]),
    };
    let first_path = first.path().to_string();
    // serde's problem keeps its column and also names its item, as the
    // others do (`line 243, column 5, rule `x``).
    if let Some(named) = item_named_by(&top, &first_path) {
        let place = &mut problems[0].place;
        *place = if place.is_empty() {
            named
        } else {
            format!("{place}, {named}")
        };
    }
    let lines = index_lines(text);
    let top_level = top_level_problems(text, &top, &problems[0]);
    problems.extend(top_level);
    let mut item_problems =
        |section: &str,
         noun: &str,
         check: &dyn Fn(serde_yaml::Value) -> Option<(String, String)>| {
            let Some(serde_yaml::Value::Sequence(items)) = top.get(section) else {
                return;
            };
            for (i, item) in items.iter().enumerate() {
                let Some((path, message)) = check(item.clone()) else {
                    continue;
                };
                let full = if path.is_empty() || path == "." {
                    format!("{section}[{i}]")
                } else {
                    format!("{section}[{i}].{path}")
                };
                if full == first_path {
                    continue; // already reported, with its column
                }
                // A key of the item (`point:`, `workload.use_cas`) is
                // named at its own line (and column), not the item's; a
                // value of the wrong type (`points: three`) at the value,
                // as serde places the first problem.
                let of_value =
                    message.starts_with("invalid type") || message.starts_with("invalid value");
                let at_key = |line: usize| match item_path_line(text, line, &path) {
                    Some(at) => match key_column(text, at, &path) {
                        Some(column) => {
                            let column = of_value
                                .then(|| value_column(text, at, column))
                                .flatten()
                                .unwrap_or(column);
                            format!("line {at}, column {column}")
                        }
                        None => format!("line {at}"),
                    },
                    None => format!("line {line}"),
                };
                let named = item_ids(item).find_map(|(key, value)| {
                    let value = value.as_str();
                    let line = *lines
                        .get(&(section.to_owned(), format!("{key}: {value}")))?
                        .first()?;
                    Some(format!("{}, {noun} `{value}`", at_key(line)))
                });
                // An item without an id (the problem may be its `id:`) is
                // found by its place in the list.
                let place = named
                    .or_else(|| section_item_line(text, section, i).map(at_key))
                    .unwrap_or_default();
                // Each with the help the first problem would get.
                problems.push(with_shape_help(
                    Problem::new(place, format!("{full}: {message}")).with_merge_key_help(),
                ));
            }
        };
    fn check<T: serde::de::DeserializeOwned>(item: serde_yaml::Value) -> Option<(String, String)> {
        serde_path_to_error::deserialize::<_, T>(item)
            .err()
            .map(|e| (e.path().to_string(), plain_words(&e.inner().to_string())))
    }
    item_problems("candidates", "candidate", &check::<RawCandidate>);
    item_problems("axes", "axis", &check::<RawAxis>);
    item_problems("fields", "field", &check::<RawField>);
    // Read from an item on its own, `when: null` is an empty condition
    // (serde_yaml's values take null for an empty mapping), though the
    // pack's text refuses it: said here, or beside another problem it
    // went unreported.
    fn conditioned<T: serde::de::DeserializeOwned>(
        item: serde_yaml::Value,
    ) -> Option<(String, String)> {
        if matches!(item.get("when"), Some(serde_yaml::Value::Null)) {
            return Some((
                "when".into(),
                "invalid type: null, expected a mapping".into(),
            ));
        }
        check::<T>(item)
    }
    item_problems("rules", "rule", &conditioned::<RawRule>);
    item_problems("vetoes", "veto", &conditioned::<RawVeto>);
    item_problems("cautions", "caution", &conditioned::<RawCaution>);
    item_problems("examples", "example", &check::<RawExample>);
    item_problems("tests", "test", &check::<RawTest>);
    without_missing_misspelt(problems)
}

/// Without the "missing field `fields`" that a misspelt `field:` beside it
/// explains: the unknown key's did-you-mean names the missing one, in the
/// same mapping, so the fix is one, not two.
pub(super) fn without_missing_misspelt(problems: Vec<Problem>) -> Vec<Problem> {
    // `rules[0].because: unknown field …` → (`rules[0]`, message tail).
    let path_and = |p: &Problem, what: &str| -> Option<(String, String)> {
        let (head, tail) = p.message.split_once(what)?;
        let path = head.strip_suffix(": ").unwrap_or(head);
        Some((path.to_owned(), tail.split('`').next()?.to_owned()))
    };
    let misspelt: Vec<(String, String)> = problems
        .iter()
        .filter_map(|p| {
            let (path, _) = path_and(p, "unknown field `")?;
            let meant = p.help.as_deref()?.strip_prefix("did you mean `")?;
            let parent = path.rsplit_once('.').map_or("", |(parent, _)| parent);
            Some((parent.to_owned(), meant.split('`').next()?.to_owned()))
        })
        .collect();
    problems
        .into_iter()
        .filter(|p| path_and(p, "missing field `").is_none_or(|gap| !misspelt.contains(&gap)))
        .collect()
}

/// ``rule `id` `` for a key path into a list item (`rules[0].becuase`),
/// when the item has an id (or name) to name it by.
pub(super) fn item_named_by(top: &serde_yaml::Mapping, path: &str) -> Option<String> {
    let (section, rest) = path.split_once('[')?;
    let index: usize = rest.split_once(']')?.0.parse().ok()?;
    let noun = section_noun(section)?;
    let (_, id) = item_ids(top.get(section)?.as_sequence()?.get(index)?).next()?;
    Some(format!("{noun} `{id}`"))
}

/// The noun for an item of a top-level list (`rules` → `rule`).
fn section_noun(section: &str) -> Option<&'static str> {
    Some(match section {
        "candidates" => "candidate",
        "axes" => "axis",
        "fields" => "field",
        "rules" => "rule",
        "vetoes" => "veto",
        "cautions" => "caution",
        "examples" => "example",
        "tests" => "test",
        _ => return None,
    })
}

/// The item (`rule `x``) whose text holds `line`, found from the lines
/// [`index_lines`] gives each item and top-level key: the last of them at
/// or before `line`, when it is an item.
fn item_named_at(
    index: &std::collections::HashMap<(String, String), Vec<usize>>,
    line: usize,
) -> Option<String> {
    let ((section, item), _) = index
        .iter()
        .flat_map(|(key, lines)| lines.iter().map(move |&at| (key, at)))
        .filter(|&(_, at)| at <= line)
        .max_by_key(|&(_, at)| at)?;
    let (_, id) = item.split_once(": ")?;
    Some(format!("{} `{id}`", section_noun(section)?))
}

/// A list item's `id` and `name` (a test's id) as text, each with its key.
/// An id YAML read as a number or yes/no (`id: 404`, the problem itself,
/// maybe) still names its item.
pub(super) fn item_ids(
    item: &serde_yaml::Value,
) -> impl Iterator<Item = (&'static str, String)> + '_ {
    ["id", "name"].into_iter().filter_map(|key| {
        let value = match item.get(key)? {
            serde_yaml::Value::String(s) => s.clone(),
            serde_yaml::Value::Number(n) => n.to_string(),
            serde_yaml::Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        Some((key, value))
    })
}

/// Every problem with the pack's own keys, beyond the first (`first`, which
/// serde stopped at): serde reads a mapping until its first problem, so a
/// missing `version`, an unknown key and a wrong `title` were reported one
/// per run. Each key is read again on its own; a list's items are checked
/// by the caller.
pub(super) fn top_level_problems(
    pack_text: &str,
    top: &serde_yaml::Mapping,
    first: &Problem,
) -> Vec<Problem> {
    use serde::Deserialize as _;
    let mut problems = Vec::new();
    let mut push = |place: String, message: String| {
        // The first problem is serde's, with its column: not twice.
        if !(first.message == message || first.message.ends_with(&format!(": {message}"))) {
            problems.push(Problem::new(place, message).with_merge_key_help());
        }
    };
    // The mapping keeps the keys in the order of the text, so each is
    // looked for after the one before: a scan of the whole text per key
    // took a pack of 10,000 unknown keys over a second.
    let lines: Vec<&str> = pack_text.lines().collect();
    let indent = top_indent(pack_text);
    let mut after = 0;
    let mut line_of = |key: &str| {
        let found = |from: usize| (from..lines.len()).find(|&i| is_top_key(lines[i], indent, key));
        match found(after).or_else(|| found(0)) {
            Some(i) => {
                after = i + 1;
                format!("line {}", i + 1)
            }
            None => String::new(),
        }
    };
    for (key, value) in top {
        let Some(name) = key.as_str() else {
            continue; // not a text key: serde's own report names it
        };
        let v = value.clone();
        let problem = match name {
            "name" => not_null(v).err(),
            // A number is read from the text as written (`1.10` stays
            // 1.10); only the tree, already parsed, holds it as a number.
            "version" if v.is_number() => None,
            "version" => version(v).err(),
            "title" => optional_one_line(v).err(),
            "source" => text(v).err(),
            _ if TOP_LEVEL_KEYS.contains(&name) => {
                Vec::<serde::de::IgnoredAny>::deserialize(v).err()
            }
            _ => {
                let expected: Vec<String> =
                    TOP_LEVEL_KEYS.iter().map(|k| format!("`{k}`")).collect();
                push(
                    line_of(name),
                    format!(
                        "unknown field `{}`, expected one of {}",
                        crate::raw::clipped(name),
                        expected.join(", ")
                    ),
                );
                continue;
            }
        };
        if let Some(e) = problem {
            let message = plain_words(&crate::error::yaml_message(&e.to_string()));
            push(line_of(name), format!("{name}: {message}"));
        }
    }
    // serde names a missing key at the start of the mapping that lacks it;
    // the others it never reached are named there too.
    let start = mapping_start(pack_text);
    for key in &REQUIRED_TOP_LEVEL_KEYS {
        if !top.contains_key(*key) {
            push(start.clone(), format!("missing field `{key}`"));
        }
    }
    problems
}

/// The YAML reader's own nesting limit: deeper flow collections are refused
/// before reading (see [`crate::input::flow_nesting_beyond`]), which the
/// reader would refuse too, only after a time quadratic in their depth.
pub(super) const MAX_NESTING: usize = 128;

/// The most values a pack or price table may hold (see
/// [`crate::input::values_beyond`] for how they are counted): the largest
/// pack read, 10,000 rules each on one line in braces, counts about 170,000,
/// and one with a long sentence in each rule's reason about 500,000. A
/// 16 MiB file of `1,` repeated held 8 million, which the YAML reader took
/// 2.4 GB of memory and seconds to hold before anything could refuse them.
pub(crate) const MAX_VALUES: usize = 1_000_000;

/// A pack or price table the YAML reader should not be given: `[` and `{`
/// nesting deeper than it allows (which it would refuse only after a time
/// quadratic in their depth), indentation nesting far deeper (indentation
/// is counted loosely here, so only past twice the limit the reader then
/// applies exactly), or more than [`MAX_VALUES`] values.
pub(crate) fn too_deep(text: &str) -> Option<Problem> {
    if let Some((line, column)) = crate::input::flow_nesting_beyond(text, MAX_NESTING) {
        return Some(Problem::new(
            format!("line {line}, column {column}"),
            format!("`[` and `{{` nest deeper than {MAX_NESTING} levels"),
        ));
    }
    if let Some((line, column)) = crate::input::block_nesting_beyond(text, 2 * MAX_NESTING) {
        return Some(Problem::new(
            format!("line {line}, column {column}"),
            format!(
                "nests deeper than {MAX_NESTING} levels (`[`, `{{` and indented blocks together)"
            ),
        ));
    }
    crate::input::values_beyond(text, MAX_VALUES).map(|(line, column)| {
        Problem::new(
            format!("line {line}, column {column}"),
            format!(
                "holds more than {} values (each `,`, `- ` item and key counted; a pack of 10,000 rules, the most read, holds about 170,000)",
                crate::number::Grouped(MAX_VALUES as f64)
            ),
        )
    })
}

/// The YAML syntax error to report instead of serde's first shape error
/// `first`, when the text is broken further on. serde stopped at the first
/// thing it could not use, which may be a symptom of that (a key indented
/// one space too little ends its mapping early: "missing field"), so the
/// syntax error is what to fix. Duplicate keys keep serde's report, which
/// names the repeated key's line; a syntax error serde stopped at itself
/// keeps its key path.
pub(super) fn syntax_problem(
    syntax: &serde_yaml::Error,
    first: &serde_path_to_error::Error<serde_yaml::Error>,
    text: &str,
) -> Option<Problem> {
    let at = yaml_at(syntax, text);
    if at.is_none_or(|at| Some(at) == yaml_at(first.inner(), text))
        || syntax.to_string().contains("duplicate")
    {
        return None;
    }
    let message = plain_words(&crate::input::editor_places_in(
        crate::error::yaml_message(&syntax.to_string()),
        text,
    ));
    Some(with_syntax_help(
        Problem::new(yaml_place(syntax, text), message),
        text,
        at.map(|(line, _)| line),
    ))
}

/// A YAML shape error (unknown or missing key, wrong type) with its line,
/// column (when serde read it from `text`) and key path, in plain words;
/// also used for the price table.
pub(crate) fn shape_problem(
    e: &serde_path_to_error::Error<serde_yaml::Error>,
    text: &str,
) -> Problem {
    let inner = e.inner();
    let message =
        crate::input::editor_places_in(crate::error::yaml_message(&inner.to_string()), text);
    if message.contains("more than one document") {
        return several_documents(text);
    }
    // A plain value's reader says it its own way (`duplicate entry with
    // key "points"`): in the typed reader's words.
    let message = match message.split_once("duplicate entry with key \"") {
        Some((head, rest)) => match rest.split_once('"') {
            Some((key, tail)) => format!("{head}duplicate key `{key}`{tail}"),
            None => message,
        },
        None => message,
    };
    // The reader puts a duplicate key at its mapping's first key; the line
    // to fix is the repeat's.
    let duplicate = ["duplicate field `", "duplicate key `"]
        .iter()
        .find_map(|start| message.split_once(start)?.1.split_once('`'))
        .map(|(key, _)| key);
    let mut first_at = String::new();
    let at = yaml_at(inner, text);
    let place = match (at, duplicate) {
        (Some((line, column)), Some(key)) => {
            let places = crate::input::key_places(text, key, line, column);
            if let [first, (repeat, repeat_column), ..] = places[..] {
                first_at = crate::input::first_at(first, repeat, 0);
                format!("line {repeat}, column {repeat_column}")
            } else {
                format!("line {line}, column {column}")
            }
        }
        _ => yaml_place(inner, text),
    };
    // serde_path_to_error writes `?` for a step it could not name (a syntax
    // error inside a value); the line and column say where it is.
    let mut path = e
        .path()
        .to_string()
        .split('.')
        .filter(|step| *step != "?")
        .collect::<Vec<_>>()
        .join(".");
    if message.contains("tab character") {
        // The path is the key read before the bad line ("rules[2].candidate"
        // for a tab in front of `points`): keep only the item it is in.
        path.truncate(path.rfind(']').map_or(0, |i| i + 1));
    }
    // yaml_serde may already lead with part of the path; keep the full one once.
    let message = match message.split_once(": ") {
        Some((head, rest)) if path.starts_with(head) => rest.to_owned(),
        _ => message,
    };
    // The alias the reader could not resolve is where it stopped: named.
    let alias = at
        .filter(|_| message.ends_with("unknown anchor"))
        .and_then(|(line, column)| {
            let rest = text
                .lines()
                .nth(line.checked_sub(1)?)?
                .get(column.checked_sub(1)?..)?;
            let name: String = rest
                .strip_prefix('*')?
                .chars()
                .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
                .collect();
            (!name.is_empty()).then_some(name)
        });
    let message = match &alias {
        Some(name) => format!("{message} `{name}`"),
        None => message,
    };
    let message = plain_words(&message) + &first_at;
    let message = if path.is_empty() || path == "." {
        message
    } else {
        format!("{path}: {message}")
    };
    let problem = Problem::new(place, message);
    let problem = match alias {
        Some(name) => problem.with_help(format!(
            "an alias `*{name}` repeats the value marked `&{name}` earlier in the file: mark that value, or write it out here"
        )),
        None => problem,
    };
    with_syntax_help(
        with_shape_help(problem.with_merge_key_help()),
        text,
        at.map(|(line, _)| line),
    )
}

/// The fix for a key missing from an item or given twice in it.
pub(super) fn with_shape_help(problem: Problem) -> Problem {
    let key_in = |start: &str| {
        let (_, rest) = problem.message.split_once(start)?;
        Some(rest.split_once('`')?.0.to_owned())
    };
    // What other tools call a field's type, and this pack's words for it.
    const TYPE_WORDS: [(&str, &str); 9] = [
        ("boolean", "bool"),
        ("yes_no", "bool"),
        ("int", "number"),
        ("integer", "number"),
        ("float", "number"),
        ("double", "number"),
        ("enum", "choice"),
        ("string", "choice"),
        ("select", "choice"),
    ];
    let path = problem
        .message
        .split(": ")
        .next()
        .unwrap_or_default()
        .to_owned();
    if problem.help.is_some() {
        problem
    } else if let Some(digits) = key_in("unknown key `")
        .or_else(|| key_in("unknown field `"))
        .filter(|key| !key.is_empty() && key.bytes().all(|b| b.is_ascii_digit()))
    {
        // `{ gt: 1,000 }`: in a flow mapping the comma ends the value.
        problem.with_help(format!(
            "a number with a thousands separator? Inside `{{ … }}` a comma ends the value, \
             so `N,{digits}` is read as N and a key `{digits}`: write the number without \
             separators (`N{digits}`)"
        ))
    } else if let Some(variant) = key_in("unknown variant `") {
        let listed: Vec<&str> = problem
            .message
            .split_once(", expected one of ")
            .map_or(Vec::new(), |(_, list)| {
                list.split('`').skip(1).step_by(2).collect()
            });
        let meant = TYPE_WORDS
            .iter()
            .find(|(word, _)| variant.eq_ignore_ascii_case(word))
            .map(|&(_, meant)| meant)
            .filter(|meant| listed.contains(meant))
            .or_else(|| suggest::did_you_mean(&variant, listed.iter().copied()))
            .map(str::to_owned);
        match meant {
            Some(meant) => problem.with_help(format!("did you mean `{meant}`?")),
            None => problem,
        }
    } else if (path.ends_with(".when") || path.ends_with(".not"))
        && problem
            .message
            .ends_with("invalid type: a list, expected a mapping")
    {
        problem.with_help(
            "one condition is a mapping; for a list of them, write `all: [...]` (each must hold) \
             or `any: [...]` (one must)",
        )
    } else if path.starts_with("cautions[") && path.ends_with(".winner") {
        problem.with_help(
            "give the id of the pack's candidate it is said for (`winner: ID`, as in its \
             `candidates:` list), or leave `winner` out to say it whichever candidate wins",
        )
    } else if path.starts_with("cautions[") && path.ends_with(".limit_of") {
        problem.with_help(
            "give the id of the pack's candidate whose limit it states (`limit_of: ID`, as in \
             its `candidates:` list), or leave `limit_of` out",
        )
    } else if path.starts_with("cautions[") && problem.message.contains("unknown field `candidate`")
    {
        problem.with_help(
            "a caution has no candidate: it changes no score; a rule (points) or a veto (rules \
             one out) has one. To say it only when one candidate is recommended, write \
             `winner: ID`",
        )
    } else if let Some(key) = key_in("unknown field `").filter(|key| {
        path.contains(".when")
            && [
                "id",
                "axis",
                "candidate",
                "points",
                "because",
                "source",
                "winner",
                "limit_of",
            ]
            .contains(&key.as_str())
    }) {
        // `because:` indented under `when:` reads as part of the condition.
        problem.with_help(format!(
            "`{key}` is a key of the item, not of its condition: indent it level with `when:`"
        ))
    } else if (path.starts_with("tests[") || path.starts_with("examples["))
        && path.ends_with(".expect")
    {
        problem.with_help(
            "give the id of the candidate it must come out as (as in the pack's `candidates:` \
             list); a tie cannot be expected",
        )
    } else if let Some(key) = key_in("missing field `") {
        problem.with_help(format!(
            "add `{key}: …` to it; if it is there, check its indentation \
             (a key indented less than the item's others ends the item)"
        ))
    } else if let Some(key) = key_in("duplicate field `").or_else(|| key_in("duplicate key `")) {
        // A second list under a pack's section (its snippets pasted at the
        // end) is not joined to the first: either would be lost.
        let section =
            TOP_LEVEL_KEYS[4..].contains(&key.as_str()) && problem.place.ends_with(", column 1");
        problem.with_help(if section {
            format!(
                "one `{key}:` list per pack (two are not joined): move the items under this one into the first, and remove this line"
            )
        } else {
            format!("remove one of the two `{key}` keys")
        })
    } else if problem.message.contains("invalid type: string \"")
        && problem.message.ends_with("expected a number")
    {
        problem.with_help(
            "write a plain number, without quotes or a unit: digits, a decimal point and an \
             exponent if needed (3, 0.625, 1e6)",
        )
    } else {
        problem
    }
}

/// Whether a YAML reader's message is about the text itself (indentation,
/// tabs, quoting) rather than a key or value of the wrong shape.
pub(super) fn is_syntax_error(message: &str) -> bool {
    const SHAPE: [&str; 10] = [
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown variant",
        "unknown field",
        "missing field",
        "duplicate field",
        "duplicate key",
        "recursion limit",
        "repetition limit",
    ];
    !SHAPE.iter().any(|start| message.contains(start))
}

/// What usually causes the YAML reader's terse syntax messages: first an
/// invisible line separator in `text` near the error's `line`
/// ([`crate::input::line_separator_help`]).
pub(super) fn with_syntax_help(problem: Problem, text: &str, line: Option<usize>) -> Problem {
    let m = problem.message.as_str();
    if problem.help.is_some() || !is_syntax_error(m) {
        problem
    } else if let Some(help) =
        line.and_then(|line| crate::input::line_separator_help(text, line, 0))
    {
        problem.with_help(help)
    } else if m.contains("tab character") || m.contains("cannot start any token") {
        problem.with_help("indent with spaces: YAML does not allow tabs in indentation")
    } else if m.contains("mapping values are not allowed") {
        problem.with_help(
            "check the indentation of this line and the one above it; \
             a value that contains `: ` needs quotes",
        )
    } else if m.contains("expected ',' or '}'") || m.contains("expected ',' or ']'") {
        problem.with_help(
            "a `{ … }` or `[ … ]` on one line needs a comma between its entries and its \
             closing bracket; a value that contains `,`, `: ` or a bracket needs quotes",
        )
    } else if m.contains("did not find expected") || m.contains("could not find expected") {
        problem.with_help(
            "check the indentation of this line and the one above it: \
             the keys of one mapping, and the `-` of one list, start in the same column",
        )
    } else {
        problem
    }
}

/// A pack or price table of several YAML documents: where the second starts.
pub(super) fn several_documents(text: &str) -> Problem {
    let mut content = false;
    let second = text.lines().enumerate().find_map(|(i, line)| {
        let starts_document = line == "---" || line.starts_with("--- ");
        if starts_document && content {
            return Some(i + 1);
        }
        content |= !starts_document && !line.trim().is_empty() && !line.starts_with('#');
        None
    });
    Problem::new(
        second.map_or(String::new(), |line| format!("line {line}")),
        "a second YAML document starts here (`---`); the file must hold one",
    )
    .with_help("remove the `---` line, or move what follows it to a file of its own")
}
