//! Reading workload documents: one JSON or YAML object, or a JSON Lines
//! stream of them, with limits so hostile input is refused quickly.
//!
//! How the kind is told apart: if the first non-empty line parses on its own
//! as JSON, the input is JSON Lines (a single such line is simply one
//! workload); otherwise the whole input is one document, JSON when it starts
//! with `{` or `[` (unless it is a YAML flow mapping, or the file is named
//! `*.yaml` or `*.yml`), else YAML. If a multi-line input fails to parse as one
//! document but some later line parses alone as a JSON object, it is treated
//! as JSON Lines whose first line is bad, so the good lines are still
//! answered; so is a stream whose later lines are mostly JSON objects,
//! whatever its first line. (A later line that is only a string or a number,
//! as in a pretty-printed object with a syntax error, does not count.) A
//! file named `*.jsonl` or `*.ndjson` is always JSON Lines.

use std::io::{BufRead, Read};

use crate::error::{Error, Problem, Result};
use crate::pack::Pack;
use crate::raw::Raw;
use crate::workload::Workload;

/// Largest single document, and largest JSON Lines line: 1 MiB. A workload
/// is a few hundred bytes; anything near this is a mistake or an attack.
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// Largest nesting depth of a workload document. A workload nests two
/// levels (`priorities`); the parsers' own limit (128) stays the backstop.
pub const MAX_DEPTH: usize = 16;

/// What an input turned out to hold.
pub enum Parsed<R> {
    /// No bytes, or only whitespace: no answers from this source.
    Empty,
    /// One workload document.
    Single(Document),
    /// JSON Lines: each non-empty line is one workload, read lazily.
    Lines(Lines<R>),
}

/// One workload document (JSON or YAML), with its text when it spans
/// several lines, so that a problem with a field is placed at the line that
/// holds the field (`line 7, item_size_kb: …`), as a syntax error is.
#[derive(Debug)]
pub struct Document {
    /// The document's tree.
    pub raw: Raw,
    /// The text and the line it starts at, when it spans lines.
    text: Option<(String, usize)>,
}

impl Document {
    /// `problem`, placed at the line of the field its place names (`use_case`,
    /// `priorities.scalability`) when that line is found in the text.
    fn placed(&self, mut problem: Problem) -> Problem {
        let Some((text, first_line)) = &self.text else {
            return problem;
        };
        if problem.place.is_empty() || problem.place.starts_with("line ") {
            return problem;
        }
        let keys = place_keys(&problem.place);
        let top = keys.first().and_then(Option::as_deref);
        let inner = match keys.as_slice() {
            [_, Some(inner)] => Some(inner.as_str()),
            _ => None,
        };
        let line = top.and_then(|top| {
            nested_key_line(text, top, inner).or_else(|| {
                // An odd layout: the first line holding the key (or the
                // parent's) at the start of a key.
                let line = key_line(text, top, 0)?;
                match inner {
                    Some(inner) => key_line(text, inner, line).or(Some(line)),
                    None => Some(line),
                }
            })
        });
        if let Some(line) = line {
            problem.place = format!("line {}, {}", line + first_line, problem.place);
        }
        problem
    }
}

/// The keys a problem's place names (`priorities.scalability`), split at
/// the dots outside quotes: a key that is not a plain name is quoted there
/// (`"use_case "`, `priorities."scal ability"`, [`crate::raw::key_place`])
/// and is its text without the quotes; `None` for one whose text the quotes
/// do not show as it is (an escape, or cut short), or that is empty.
fn place_keys(place: &str) -> Vec<Option<String>> {
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
fn nested_key_line(text: &str, top: &str, inner: Option<&str>) -> Option<usize> {
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
fn key_line(text: &str, key: &str, from: usize) -> Option<usize> {
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

/// One line of a JSON Lines stream, parsed or not.
pub struct Line {
    /// 1-based line number in the input.
    pub number: usize,
    /// The parsed document, or what is wrong with it.
    pub document: std::result::Result<Raw, Problem>,
}

/// An input as the commands read it: buffered, and movable to the batch's
/// reader thread.
pub type Reader = Box<dyn BufRead + Send>;

/// Standard input as a [`Reader`]. (`Stdin::lock` cannot move to another
/// thread; reading through `Stdin` itself can.)
pub fn stdin() -> Reader {
    Box::new(std::io::BufReader::with_capacity(
        64 * 1024,
        Fused {
            inner: std::io::stdin(),
            ended: false,
        },
    ))
}

/// A reader that stays at its end once it has reached it. A terminal's
/// Ctrl-D ends one read only, and the next read waits for more: without
/// this, a workload typed at `--input -` needed Ctrl-D twice (once for the
/// line that decides what kind of input it is, once more for the rest).
struct Fused<R> {
    inner: R,
    ended: bool,
}

impl<R: std::io::Read> std::io::Read for Fused<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.ended || buf.is_empty() {
            return Ok(0);
        }
        let n = self.inner.read(buf)?;
        self.ended = n == 0;
        Ok(n)
    }
}

/// A lazy JSON Lines reader with bounded memory: one line at a time.
pub struct Lines<R> {
    reader: R,
    /// Lines already read while deciding the kind of input (`None`: a
    /// line past the length limit, reported when its turn comes).
    pending: std::collections::VecDeque<(usize, Option<Vec<u8>>)>,
    next_number: usize,
    source_name: String,
}

/// Reads and classifies an input. `source_name` is used in errors.
pub fn parse<R: BufRead>(mut reader: R, source_name: &str) -> Result<Parsed<R>> {
    let io = |e| Error::io(format!("reading {source_name}"), e);
    skip_byte_order_mark(&mut reader, source_name)?;
    let mut head: Vec<(usize, Vec<u8>)> = Vec::new();
    let mut number = 0;
    // Find the first non-empty line.
    loop {
        number += 1;
        match read_line(&mut reader, MAX_DOCUMENT_BYTES, false).map_err(io)? {
            LineRead::End => return Ok(Parsed::Empty),
            LineRead::TooLong => return Err(too_large(source_name)),
            LineRead::Line(bytes) => {
                let blank = bytes.iter().all(u8::is_ascii_whitespace);
                head.push((number, bytes));
                if !blank {
                    break;
                }
            }
        }
    }
    let first = &head.last().expect("a line was pushed").1;
    let first_is_json = parse_json_line(first).is_ok();
    // YAML's comment, directive or document start, which a single document
    // may open with before a JSON object on its next line.
    let first_is_yaml_preamble = {
        let t = first.trim_ascii_start();
        t.starts_with(b"#") || t.starts_with(b"%") || t.starts_with(b"---")
    };
    // A lone `{` or `[` opens a pretty document, not a broken line.
    let first_opens_document = opens_pretty_document(first);
    if first_is_json {
        // JSON Lines (or one single-line JSON document). Peek for another
        // non-empty line to tell which.
        let mut lines = Lines {
            reader,
            pending: head
                .into_iter()
                .filter(|(_, b)| !holds_no_workload(b))
                .map(|(n, b)| (n, Some(b)))
                .collect(),
            next_number: number + 1,
            source_name: source_name.to_owned(),
        };
        let second = lines.fill_next_nonblank()?;
        if !second {
            let (n, bytes) = lines.pending.pop_front().expect("first line is pending");
            let bytes = bytes.ok_or_else(|| too_large(source_name))?;
            return single_from_bytes(&bytes, source_name, n);
        }
        return Ok(Parsed::Lines(lines));
    }
    // A bad first line followed, at the start of the next line, by a JSON
    // object is a JSON Lines stream whose first line is broken (no single
    // workload document goes on like that): answer the rest as it comes,
    // rather than read it whole as one document (which refused such a
    // stream over 1 MiB, and answered nothing before the end of the input).
    if !first_is_yaml_preamble && !first_opens_document {
        // Kept to read with the next line (`head` grows).
        let first = first.clone();
        loop {
            number += 1;
            match read_line(&mut reader, MAX_DOCUMENT_BYTES, false).map_err(io)? {
                LineRead::End => break,
                LineRead::TooLong => return Err(too_large(source_name)),
                LineRead::Line(bytes) => {
                    let blank = holds_no_workload(&bytes);
                    head.push((number, bytes));
                    if !blank {
                        break;
                    }
                }
            }
        }
        let second = head.last().map(|(_, bytes)| bytes.as_slice());
        if head.iter().filter(|(_, b)| !holds_no_workload(b)).count() == 2
            && second.is_some_and(|b| {
                b.starts_with(b"{")
                    && matches!(parse_json_line(b), Ok(Raw::Map(_)))
                    && !goes_on_into(&first, b)
            })
        {
            return Ok(Parsed::Lines(Lines {
                reader,
                pending: head
                    .into_iter()
                    .filter(|(_, b)| !holds_no_workload(b))
                    .map(|(n, b)| (n, Some(b)))
                    .collect(),
                next_number: number + 1,
                source_name: source_name.to_owned(),
            }));
        }
    }
    // One document: read the rest, within the size limit.
    let mut text: Vec<u8> = Vec::new();
    for (_, line) in &head {
        text.extend_from_slice(line);
        text.push(b'\n');
    }
    let limit = (MAX_DOCUMENT_BYTES + 1).saturating_sub(text.len()) as u64;
    let rest = reader
        .by_ref()
        .take(limit)
        .read_to_end(&mut text)
        .map_err(io)?;
    if rest == 0 {
        // The input ended with the lines read: the newline added after the
        // last one may not be in it (`{"a": 1` with none), and an error at
        // the end would name a line 2 the file does not have.
        text.pop();
    }
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(too_large(source_name));
    }
    let single = single_from_bytes::<R>(&text, source_name, 1);
    // A document that is not a mapping (an error, or a YAML string made of
    // a bad first line and the JSON lines after it) may be JSON Lines whose
    // first line is bad: then keep answering the rest.
    if matches!(
        &single,
        Ok(Parsed::Single(Document {
            raw: Raw::Map(_),
            ..
        })) | Ok(Parsed::Empty)
    ) {
        return single;
    }
    let all: Vec<(usize, Vec<u8>)> = text
        .split(|b| *b == b'\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.to_vec()))
        .filter(|(_, l)| !holds_no_workload(l))
        .collect();
    let objects = all
        .iter()
        .skip(1)
        .filter(|(_, l)| matches!(parse_json_line(l), Ok(Raw::Map(_))))
        .count();
    // A broken first object followed by good lines, or a stream whose lines
    // are mostly objects whatever its first line is.
    let looks_like_lines = all.len() >= 2
        && ((text.trim_ascii_start().starts_with(b"{") && objects >= 1)
            || objects * 2 >= all.len() - 1);
    if looks_like_lines {
        Ok(Parsed::Lines(Lines {
            reader,
            pending: all.into_iter().map(|(n, b)| (n, Some(b))).collect(),
            next_number: usize::MAX,
            source_name: source_name.to_owned(),
        }))
    } else {
        single
    }
}

/// Whether the JSON begun on line `first` goes on into line `second`
/// rather than breaking off before it: the two read as one JSON value, or
/// as the start of one (`{"priorities":` then `{"scalability": 2}`, a
/// document laid out by hand), where a line cut short is followed by an
/// error (`{"use_case": "er` then `{"use_case": "erp"}`).
fn goes_on_into(first: &[u8], second: &[u8]) -> bool {
    let first = first.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(first);
    let mut both = Vec::with_capacity(first.len() + 1 + second.len());
    both.extend_from_slice(first);
    both.push(b'\n');
    both.extend_from_slice(second);
    // Numbers are skipped, not converted: one beyond f64 does not stop it.
    match serde_json::from_slice::<serde::de::IgnoredAny>(&both) {
        Ok(_) => true,
        Err(e) => e.is_eof(),
    }
}

/// Reads `reader` as JSON Lines whatever it holds (a `.jsonl` or `.ndjson`
/// file: one line is still a batch of one, answered as a line).
pub fn parse_lines<R: BufRead>(mut reader: R, source_name: &str) -> Result<Parsed<R>> {
    skip_byte_order_mark(&mut reader, source_name)?;
    Ok(Parsed::Lines(Lines {
        reader,
        pending: std::collections::VecDeque::new(),
        next_number: 1,
        source_name: source_name.to_owned(),
    }))
}

/// Skips a UTF-8 byte-order mark (Windows editors write one): it is not content.
fn skip_byte_order_mark<R: BufRead>(reader: &mut R, source_name: &str) -> Result<()> {
    let head = reader
        .fill_buf()
        .map_err(|e| Error::io(format!("reading {source_name}"), e))?;
    if head.starts_with(b"\xEF\xBB\xBF") {
        reader.consume(3);
    } else if let Some(problem) = utf16_problem(head) {
        // UTF-16 as a whole: read line by line, each of its newlines would
        // leave a stray NUL byte and a misleading error on every line.
        return Err(Error::Workload {
            source_name: source_name.to_owned(),
            problems: vec![problem],
        });
    }
    Ok(())
}

/// Whether a line of a JSON Lines stream holds no workload: blank, or a
/// comment (`# …`). JSON has no comments, but no workload line starts with
/// `#`, and a person who puts one before a line of a `.jsonl` file means
/// to leave that line out, as YAML (which a single document may be) reads it.
/// A byte-order mark before it counts for nothing, as before a workload
/// (see `parse_json_line`).
fn holds_no_workload(bytes: &[u8]) -> bool {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = text.trim_ascii_start();
    text.is_empty() || text.starts_with(b"#")
}

fn too_large(source_name: &str) -> Error {
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

fn single_from_bytes<R>(bytes: &[u8], source_name: &str, first_line: usize) -> Result<Parsed<R>> {
    let fail = |p: Problem| Error::Workload {
        source_name: source_name.to_owned(),
        problems: vec![p],
    };
    if let Some(problem) = utf16_without_mark(bytes) {
        return Err(fail(problem));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| fail(utf8_problem(bytes, e)))?;
    let text = &*comment_separators_as_spaces(text);
    let trimmed = text.trim_start();
    // A YAML file of nothing but comments says nothing, like an empty one.
    if crate::error::says_nothing(trimmed) {
        return Ok(Parsed::Empty);
    }
    let read_yaml = || -> Result<Raw> {
        if let Some(problem) = raw_control_character(text, first_line) {
            return Err(fail(problem));
        }
        if let Some(at) = flow_nesting_beyond(text, MAX_DEPTH) {
            return Err(fail(too_deep(Some(at), first_line - 1, String::new())));
        }
        if let Some(problem) =
            crate::yaml_aliases::expand_beyond(text, MAX_DOCUMENT_BYTES, first_line)
        {
            return Err(fail(problem));
        }
        serde_yaml::from_str::<Raw>(text)
            .map(|raw| with_underflows_as_text(raw, text, false))
            .map_err(|e| fail(yaml_problem(&e, text, first_line - 1)))
    };
    let raw = if trimmed.starts_with(['{', '[']) {
        match from_json(text) {
            Ok(raw) => raw,
            Err(e) => {
                let several = several_documents(text);
                // A YAML flow mapping (`{use_case: erp}`) starts like JSON
                // but has keys without double quotes: read as the YAML it
                // is. Any other JSON error stays one (`"schema": }` must not
                // quietly become YAML's null).
                let yaml_keys = e.to_string().starts_with("key must be a string")
                    && json_error_byte(&e, text).is_some_and(starts_bare_key);
                // A file named `.yaml` is YAML whatever it starts with:
                // `{"use_case": erp}` there is a flow mapping whose value is
                // the plain word, as every YAML reader takes it.
                if (yaml_keys || opens_with_collection_key(trimmed) || is_yaml_name(source_name))
                    && !several
                {
                    // Its errors, if any, are YAML's.
                    read_yaml()?
                } else {
                    let problem = json_problem(&e, text, first_line - 1, false);
                    return Err(fail(if several {
                        problem.with_help(SEVERAL_DOCUMENTS_HELP)
                    } else {
                        problem
                    }));
                }
            }
        }
    } else {
        read_yaml()?
    };
    check_depth(&raw, text, first_line).map_err(fail)?;
    // Kept only where a line helps: a one-line document needs none.
    let spans_lines = text.trim().contains('\n');
    Ok(Parsed::Single(Document {
        raw,
        text: spans_lines.then(|| (text.to_owned(), first_line)),
    }))
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

/// `jq .` prints a stream of workloads as pretty documents one after
/// another, which is neither one document nor JSON Lines.
const SEVERAL_DOCUMENTS_HELP: &str = "this is several JSON documents one after another; \
     a batch takes one workload per line (JSON Lines), as `jq -c .` writes them";

/// Whether `text` is a complete JSON value followed by another object or array.
fn several_documents(text: &str) -> bool {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<serde::de::IgnoredAny>();
    values.next().is_some_and(|first| first.is_ok())
        && text[values.byte_offset()..]
            .trim_start()
            .starts_with(['{', '['])
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
fn too_deep(at: Option<(usize, usize)>, line_offset: usize, otherwise: String) -> Problem {
    let place = at.map_or(otherwise, |(line, column)| {
        format!("line {}, column {column}", line + line_offset)
    });
    Problem::new(
        place,
        format!("document nests deeper than {MAX_DEPTH} levels"),
    )
}

fn parse_json_line(bytes: &[u8]) -> std::result::Result<Raw, Problem> {
    // A byte-order mark is not content, at the start of a line either: it
    // is where one file ends when JSON Lines files are concatenated
    // (`cat a.jsonl b.jsonl`) and the second was saved with one.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| utf8_problem(bytes, e))?;
    let raw = from_json(text).map_err(|e| json_problem(&e, text, 0, true))?;
    check_depth(&raw, text, 1)?;
    Ok(raw)
}

/// Most numbers beyond f64's range [`from_json`] reads on as text.
const MAX_OUT_OF_RANGE: usize = 50;

/// JSON text as a tree. serde_json stops at a number beyond f64's range
/// (`1e400`), which would hide every other problem in the document; such a
/// number is read on as the text it is (`"1e400"`, as YAML reads it), so
/// that validation names it where it stands among the others, in the words
/// YAML's and a quoted one's get. When the document has another error too,
/// the first such number is the error, as serde_json reports it (a column
/// after a quoted number would be off by its quotes).
fn from_json(text: &str) -> serde_json::Result<Raw> {
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
fn with_underflows_as_text(raw: Raw, text: &str, json: bool) -> Raw {
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

/// Byte ranges found by [`yaml_spans`].
#[derive(Debug, Default)]
struct YamlSpans {
    /// Plain scalars written as numbers.
    numbers: Vec<(usize, usize)>,
    /// Comments, from their `#` to the line's end.
    comments: Vec<(usize, usize)>,
}

/// The byte ranges of a YAML text's plain scalars that are written as
/// numbers (`1e-400`), wherever a value starts: after a line's indentation,
/// `key: `, `- ` or `? `, and inside flow collections (`{a: 1e-400}`,
/// `[1e-400]`) after `[`, `{` or `,`; and of its comments. Quoted scalars,
/// comments and the lines of block scalars (`|`, `>`) are skipped whole, so
/// no text in them is taken for a number (nor a `#` in them for a comment).
fn yaml_spans(text: &str) -> YamlSpans {
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

/// Refuses a document nested past [`MAX_DEPTH`], at the bracket that goes
/// past it when brackets do (`first_line`: the number of the text's first
/// line in its source).
fn check_depth(raw: &Raw, text: &str, first_line: usize) -> std::result::Result<(), Problem> {
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

/// The problem of a text in UTF-16, with its byte-order mark or without.
fn utf16_problem(bytes: &[u8]) -> Option<Problem> {
    if starts_as_utf16(bytes) {
        let utf8 = std::str::from_utf8(bytes).err()?;
        return Some(utf8_problem(bytes, utf8));
    }
    utf16_without_mark(bytes)
}

/// Text that is not UTF-8, with the fix when it is UTF-16 (what Windows
/// PowerShell 5's `>` and Notepad's "Unicode" write), known by its mark.
pub(crate) fn utf8_problem(bytes: &[u8], e: std::str::Utf8Error) -> Problem {
    let problem = Problem::new(utf8_place(bytes, e), "not valid UTF-8");
    if starts_as_utf16(bytes) {
        problem.with_help(
            "it is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8",
        )
    } else if looks_binary(bytes) {
        problem.with_help("it holds NUL bytes: a binary file (a program, an archive), not text")
    } else {
        problem
    }
}

/// Whether `bytes` hold a NUL within their first 8 KB, as binary files do
/// and text (UTF-16 aside, which has its own hint) never does: what `git`
/// and `grep` look at to tell one.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Whether `bytes` open with a UTF-16 byte-order mark (either byte order).
fn starts_as_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// The problem of UTF-16 text without a byte-order mark: its first
/// characters are ASCII, each with a NUL byte after it (little-endian) or
/// before it (big-endian). That is valid UTF-8, and would be reported as a
/// stray control character (U+0000) instead of as the encoding it is.
pub(crate) fn utf16_without_mark(bytes: &[u8]) -> Option<Problem> {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(4).collect();
    let ascii = |b: u8| b != 0 && b.is_ascii();
    let little = pairs.iter().all(|p| ascii(p[0]) && p[1] == 0);
    let big = pairs.iter().all(|p| p[0] == 0 && ascii(p[1]));
    (!pairs.is_empty() && (little || big)).then(|| {
        Problem::new(
            "line 1, column 1",
            "not UTF-8 text: every other byte is a NUL (U+0000)",
        )
        .with_help("it is UTF-16 text without a byte-order mark: save it as UTF-8")
    })
}

/// Where the first byte that is not UTF-8 is, as "line L, column C" (1-based,
/// the column counted in characters, as in every other message).
fn utf8_place(bytes: &[u8], e: std::str::Utf8Error) -> String {
    let valid = &bytes[..e.valid_up_to()];
    let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    format!("line {line}, column {column}")
}

/// `batch`: `text` is one line of a JSON Lines batch.
fn json_problem(e: &serde_json::Error, text: &str, line_offset: usize, batch: bool) -> Problem {
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
fn char_column(text: &str, line: usize, column: usize) -> usize {
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
fn json_error_byte(e: &serde_json::Error, text: &str) -> Option<u8> {
    let line = text.split('\n').nth(e.line().checked_sub(1)?)?;
    line.as_bytes().get(e.column().checked_sub(1)?).copied()
}

/// Whether `text` opens with a YAML flow collection used as a key
/// (`[a]: 1`, `{a: 1}: 2`): JSON never has a colon after its top-level
/// value, so the document is YAML and gets YAML's word for it.
fn opens_with_collection_key(text: &str) -> bool {
    let mut depth = 0usize;
    let mut quote = None;
    let mut escaped = false;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), _) if c == q && !escaped => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    let rest = text[at + 1..].trim_start_matches([' ', '\t']);
                    return rest.strip_prefix(':').is_some_and(|after| {
                        after.is_empty() || after.starts_with(char::is_whitespace)
                    });
                }
            }
            (None, '\n') if depth == 0 => return false,
            _ => {}
        }
        escaped = false;
    }
    false
}

/// Whether a file name says YAML (`.yaml`, `.yml`).
fn is_yaml_name(name: &str) -> bool {
    ends_with_any(name, &[".yaml", ".yml"])
}

/// Whether a file name says JSON Lines (`.jsonl`, `.ndjson`).
pub(crate) fn is_json_lines_name(name: &str) -> bool {
    ends_with_any(name, &[".jsonl", ".ndjson"])
}

/// Whether `name` ends with one of `endings`, case aside.
fn ends_with_any(name: &str, endings: &[&str]) -> bool {
    let name = name.to_ascii_lowercase();
    endings.iter().any(|e| name.ends_with(e))
}

/// Whether a key that starts with `b` is a YAML flow mapping's bare or
/// single-quoted key (`{use_case: erp}`), not a JSON slip such as `,,`.
fn starts_bare_key(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'\''
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
fn json_path_at(text: &str, line: usize, column: usize, with_value_key: bool) -> Vec<String> {
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
fn json_repeated_key(
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
fn place_of(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

fn yaml_problem(e: &serde_yaml::Error, text: &str, line_offset: usize) -> Problem {
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

enum LineRead {
    End,
    TooLong,
    Line(Vec<u8>),
}

/// Reads one line (without its LF or CRLF ending) of at most `limit` bytes. A longer
/// line is consumed to its end when `skip_long` (so the next read starts on
/// the next line), else left unread: the caller is giving up anyway, and
/// reading 50 MB only to refuse it would be slow.
fn read_line<R: BufRead>(
    reader: &mut R,
    limit: usize,
    skip_long: bool,
) -> std::io::Result<LineRead> {
    let mut line = Vec::new();
    // The line ending (LF or CRLF) does not count against the limit.
    let n = reader
        .by_ref()
        .take(limit as u64 + 2)
        .read_until(b'\n', &mut line)?;
    if n == 0 {
        return Ok(LineRead::End);
    }
    let ended = line.last() == Some(&b'\n');
    if ended {
        line.pop();
        if line.last() == Some(&b'\r') {
            line.pop();
        }
    }
    if line.len() > limit {
        if !skip_long || ended {
            return Ok(LineRead::TooLong);
        }
        // Skip the rest of the overlong line without keeping it.
        loop {
            let buf = reader.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            match buf.iter().position(|b| *b == b'\n') {
                Some(i) => {
                    reader.consume(i + 1);
                    break;
                }
                None => {
                    let len = buf.len();
                    reader.consume(len);
                }
            }
        }
        return Ok(LineRead::TooLong);
    }
    Ok(LineRead::Line(line))
}

impl<R: BufRead> Lines<R> {
    /// Reads until one more non-blank line is pending; false at the end.
    fn fill_next_nonblank(&mut self) -> Result<bool> {
        if self.next_number == usize::MAX {
            return Ok(false);
        }
        loop {
            let number = self.next_number;
            let read = read_line(&mut self.reader, MAX_DOCUMENT_BYTES, true)
                .map_err(|e| Error::io(format!("reading {}", self.source_name), e))?;
            self.next_number += 1;
            match read {
                LineRead::End => {
                    self.next_number = usize::MAX;
                    return Ok(false);
                }
                LineRead::TooLong => {
                    // `parse` reports it, in its turn.
                    self.pending.push_back((number, None));
                    return Ok(true);
                }
                LineRead::Line(bytes) if holds_no_workload(&bytes) => continue,
                LineRead::Line(bytes) => {
                    self.pending.push_back((number, Some(bytes)));
                    return Ok(true);
                }
            }
        }
    }

    /// The next non-blank line, parsed, or `None` at the end of the input.
    pub fn next_line(&mut self) -> Result<Option<Line>> {
        Ok(self.next_unparsed()?.map(UnparsedLine::parse))
    }

    /// The next non-blank line, read but not parsed, or `None` at the end of
    /// the input. A batch reads with this and parses on its worker threads.
    pub fn next_unparsed(&mut self) -> Result<Option<UnparsedLine>> {
        if self.pending.is_empty() && !self.fill_next_nonblank()? {
            return Ok(None);
        }
        let (number, bytes) = self.pending.pop_front().expect("a line is pending");
        Ok(Some(UnparsedLine { number, bytes }))
    }
}

/// Whether a line is a lone `{` or `[`: how a pretty-printed JSON document
/// starts, never a JSON Lines workload.
fn opens_pretty_document(line: &[u8]) -> bool {
    matches!(line.trim_ascii(), b"{" | b"[")
}

/// One line of a JSON Lines stream, read but not yet parsed.
pub struct UnparsedLine {
    number: usize,
    /// `None`: the line is past the length limit (its bytes were not kept).
    bytes: Option<Vec<u8>>,
}

impl UnparsedLine {
    /// Whether the line is a lone `{` or `[` (see `opens_pretty_document`).
    pub fn opens_a_pretty_document(&self) -> bool {
        self.bytes.as_deref().is_some_and(opens_pretty_document)
    }

    /// Parses the line.
    pub fn parse(self) -> Line {
        let document = match &self.bytes {
            None => Err(Problem::new(
                "",
                format!(
                    "line is longer than {} KiB (a workload is a few hundred bytes)",
                    MAX_DOCUMENT_BYTES / 1024
                ),
            )),
            Some(bytes) => parse_json_line(bytes).map_err(|mut p| {
                // Inside one line, the column is what helps; the line number is reported separately.
                p.place = p.place.split(", ").nth(1).unwrap_or("").to_owned();
                p
            }),
        };
        Line {
            number: self.number,
            document,
        }
    }
}

/// Checks a parsed document against the pack, naming `source_name` in errors.
pub fn workload(pack: &Pack, document: &Document, source_name: &str) -> Result<Workload> {
    Workload::from_raw(pack, &document.raw).map_err(|problems| Error::Workload {
        source_name: source_name.to_owned(),
        problems: problems.into_iter().map(|p| document.placed(p)).collect(),
    })
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

    use super::*;

    fn kind(input: &str) -> &'static str {
        match parse(input.as_bytes(), "<test>") {
            Ok(Parsed::Empty) => "empty",
            Ok(Parsed::Single(_)) => "single",
            Ok(Parsed::Lines(_)) => "lines",
            Err(_) => "error",
        }
    }

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
    fn a_collection_key_is_yaml() {
        for text in [
            "[a]: 1",
            "[\"a\"]: 1\n",
            "{a: 1}: 2",
            "[\"]\", 'x]']:\n  1",
            "[[a], b] :\n",
        ] {
            assert!(opens_with_collection_key(text), "{text}");
        }
        for text in [
            "[1, 2]",
            "{\"a\": 1}",
            "{\"a:\": 1}",
            "[a]:b",
            "[a",
            "[a]\n: 1",
        ] {
            assert!(!opens_with_collection_key(text), "{text}");
        }
    }

    #[test]
    fn tells_documents_from_json_lines() {
        assert_eq!(kind(""), "empty");
        assert_eq!(kind("  \n\n"), "empty");
        assert_eq!(kind("{\"a\": 1}"), "single");
        assert_eq!(kind("\n{\"a\": 1}\n\n"), "single");
        assert_eq!(kind("{\n  \"a\": 1\n}\n"), "single");
        assert_eq!(kind("a: 1\nb: 2\n"), "single");
        assert_eq!(kind("{\"a\": 1}\n{\"b\": 2}\n"), "lines");
        assert_eq!(kind("{\"a\": \n{\"b\": 2}\n"), "lines");
        assert_eq!(kind("{\"a\": \n"), "error");
        // A broken first line, then an object at the start of the next line.
        assert_eq!(kind("oops\n\n{\"b\": 2}\n"), "lines");
        assert_eq!(kind("{\"a\": 1,}\n{\"b\": 2}\n"), "lines");
        // Unless the first line goes on into it: a document laid out by hand.
        assert_eq!(kind("{\"a\":\n{\"b\": 2}\n}\n"), "single");
        assert_eq!(kind("{\"a\": 1, \"p\":\n{}\n}"), "single");
        assert_eq!(kind("{\"a\": \"x\n{\"b\": 2}\n"), "lines");
        // A document may open with a comment or `---`, or nest a JSON object.
        assert_eq!(kind("# mine\n{\"b\": 2}\n"), "single");
        assert_eq!(kind("---\n{\"b\": 2}\n"), "single");
        assert_eq!(kind("a:\n  {\"b\": 2}\n"), "single");
        // A comment after a one-line JSON document leaves it one document;
        // between JSON lines, it is skipped as a blank line is.
        assert_eq!(kind("{\"a\": 1}\n# note\n\n  # more\n"), "single");
        assert_eq!(kind("{\"a\": 1}\n# {\"b\": 2}\n{\"c\": 3}\n"), "lines");
    }

    #[test]
    fn json_lines_report_line_numbers_and_keep_going() {
        let Ok(Parsed::Lines(mut lines)) =
            parse("{\"a\":1}\n\n{oops\n{\"c\":3}\n".as_bytes(), "<t>")
        else {
            panic!("expected JSON Lines");
        };
        let mut seen = Vec::new();
        while let Some(line) = lines.next_line().unwrap() {
            seen.push((line.number, line.document.is_ok()));
        }
        assert_eq!(seen, vec![(1, true), (3, false), (4, true)]);
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

    /// Once at its end, a stdin reader stays there (a terminal would wait
    /// for a second Ctrl-D).
    #[test]
    fn a_fused_reader_stays_at_its_end() {
        use std::io::Read;
        struct Twice(u8);
        impl std::io::Read for Twice {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                self.0 += 1;
                // Data, then an end, then (as a terminal would) data again.
                if self.0 == 2 {
                    return Ok(0);
                }
                buf[0] = b'x';
                Ok(1)
            }
        }
        let mut fused = Fused {
            inner: Twice(0),
            ended: false,
        };
        let mut buf = [0u8; 4];
        assert_eq!(fused.read(&mut buf).unwrap(), 1);
        assert_eq!(fused.read(&mut buf).unwrap(), 0);
        assert_eq!(fused.read(&mut buf).unwrap(), 0);
        assert_eq!(fused.inner.0, 2, "not read again after its end");
    }

    /// The limit is on a line's content: its LF or CRLF ending does not
    /// count, and an overlong line is skipped whole.
    #[test]
    fn a_line_ending_does_not_count_against_the_limit() {
        let lines = |text: &str, skip_long: bool| {
            let mut reader = text.as_bytes();
            let mut out = Vec::new();
            loop {
                match read_line(&mut reader, 4, skip_long).unwrap() {
                    LineRead::End => return out,
                    LineRead::Line(l) => out.push(String::from_utf8(l).unwrap()),
                    LineRead::TooLong => out.push("(too long)".to_owned()),
                }
            }
        };
        assert_eq!(lines("abcd\r\nabcd\nab", true), ["abcd", "abcd", "ab"]);
        assert_eq!(lines("abcde\r\nxy\r\n", true), ["(too long)", "xy"]);
        assert_eq!(lines("abcdefgh\nxy\n", true), ["(too long)", "xy"]);
        assert_eq!(lines("abcd\r\n", false), ["abcd"]);
    }

    #[test]
    fn refuses_oversized_and_deep_documents() {
        let big = format!("{{\"a\": \"{}\"}}", "x".repeat(MAX_DOCUMENT_BYTES));
        assert!(matches!(
            parse(big.as_bytes(), "<t>"),
            Err(Error::Workload { .. })
        ));
        let deep = format!("{}{}", "[".repeat(40), "]".repeat(40));
        assert!(matches!(
            parse(deep.as_bytes(), "<t>"),
            Err(Error::Workload { .. })
        ));
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
