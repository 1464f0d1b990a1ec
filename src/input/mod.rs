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

mod encoding;
mod limits;
mod numbers;
mod parse_errors;
mod places;
mod separators;

use std::io::{BufRead, Read};

use crate::error::{Error, Problem, Result};
use crate::pack::Pack;
use crate::raw::Raw;
use crate::workload::Workload;

pub(crate) use encoding::{utf16_without_mark, utf8_problem};
pub(crate) use limits::{
    block_nesting_beyond, flow_nesting_beyond, raw_control_character, values_beyond, JsonDepth,
};
pub(crate) use parse_errors::first_at;
pub(crate) use places::{key_places, starts_with_key};
pub(crate) use separators::{
    comment_separators_as_spaces, editor_place, editor_places_in, line_separator_help,
};

use encoding::utf16_problem;
use limits::{check_depth, too_deep, too_large};
use numbers::{from_json, with_underflows_as_text};
use parse_errors::{json_error_byte, json_problem, yaml_problem};
use places::{key_line, nested_key_line, place_keys};

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
        let mut lines = Lines::after(reader, head, number, source_name);
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
            return Ok(Parsed::Lines(Lines::after(
                reader,
                head,
                number,
                source_name,
            )));
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
    /// The stream after the lines already read (`head`, numbered, the last
    /// numbered `number`), which are answered first, blank ones left out.
    fn after(reader: R, head: Vec<(usize, Vec<u8>)>, number: usize, source_name: &str) -> Self {
        Lines {
            reader,
            pending: head
                .into_iter()
                .filter(|(_, b)| !holds_no_workload(b))
                .map(|(n, b)| (n, Some(b)))
                .collect(),
            next_number: number + 1,
            source_name: source_name.to_owned(),
        }
    }

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
}
