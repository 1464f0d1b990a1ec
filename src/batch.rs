//! JSON Lines batch: one result per input line, in input order, streamed
//! with bounded memory and answered on every core.
//!
//! How it runs: a reader thread reads lines (unparsed) into a bounded
//! queue; the main thread gathers them into chunks (up to 512, or what came
//! before the input paused) and hands each to one worker per core, each
//! answering a contiguous slice into one output buffer (JSON is serialized
//! straight into it). While the workers answer chunk N, the main thread
//! writes chunk N-1 and gathers chunk N+1, so reading and writing overlap
//! the work; when the input pauses, what is answered is written before
//! waiting for more. Each chunk goes out under one lock, a few results at
//! a time: an interrupt stops it at the end of a result (and waits for
//! that end while stdout keeps taking bytes), so it never cuts a line in
//! half. A closed stdout stops the batch: the lines in flight are dropped
//! unanswered.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::advisor::Advisor;
use crate::error::{exit, Error, Problem};
use crate::input::{Lines, UnparsedLine};
use crate::output::{write_stdout_records, Style};
use crate::render::{self, Format};
use crate::workload::Workload;

/// Lines answered per round: enough to keep every core busy for a while,
/// few enough that memory stays bounded (two chunks of results, a few MB
/// each, are alive at once).
const CHUNK_LINES: usize = 512;

/// How long the input may pause before the lines already read are answered
/// (a stream such as `tail -f` is answered as it comes).
const PAUSE: std::time::Duration = std::time::Duration::from_millis(5);

/// What one worker made of its slice: stdout bytes, with the stderr
/// messages of bad lines (table and Markdown) at the points they belong.
#[derive(Default)]
struct Output {
    pieces: Vec<Piece>,
    /// Lines answered (good and bad).
    lines: usize,
    bad: Bad,
    /// Emptied buffers from earlier chunks, used before allocating: a
    /// result buffer is megabytes, and reusing it saves the allocator's
    /// page faults on every chunk.
    spare: Vec<Vec<u8>>,
}

/// Bad lines: how many, and the first few line numbers for the summary on
/// stderr (bounded, however many lines are bad).
#[derive(Default)]
struct Bad {
    count: usize,
    first: Vec<usize>,
    /// The first bad line's error as stderr shows it, kept in JSON batches
    /// (whose errors go to stdout) to be said when stdout closes early:
    /// the reader that left may not have seen it.
    first_error: Option<String>,
}

impl Bad {
    /// Line numbers the summary names before "and N more".
    const NAMED: usize = 5;

    fn add(&mut self, line: usize) {
        self.count += 1;
        if self.first.len() < Self::NAMED {
            self.first.push(line);
        }
    }

    /// Adds a later output's bad lines (outputs arrive in input order).
    fn extend(&mut self, later: &Bad) {
        self.count += later.count;
        let room = Self::NAMED - self.first.len();
        self.first.extend(later.first.iter().take(room));
        if self.first_error.is_none() {
            self.first_error.clone_from(&later.first_error);
        }
    }

    /// "lines 4, 17 and 99", "lines 4, 5, 6, 7, 8 and 12 more".
    fn named(&self) -> String {
        let mut numbers: Vec<String> = self.first.iter().map(usize::to_string).collect();
        let more = self.count - self.first.len();
        if more > 0 {
            // Counts are grouped (`1,500`), line numbers are not, as in
            // every place an error names.
            numbers.push(format!("{} more", crate::number::Grouped(more as f64)));
        }
        let word = if self.count == 1 { "line" } else { "lines" };
        format!("{word} {}", crate::estimate::join_and(&numbers))
    }
}

enum Piece {
    /// Results, each ending at one of the offsets (an interrupt stops the
    /// writing at one of them).
    Stdout(Vec<u8>, Vec<usize>),
    Stderr(String),
}

impl Output {
    /// The stdout buffer to append to (a new one after a stderr message).
    fn stdout(&mut self) -> &mut Vec<u8> {
        if !matches!(self.pieces.last(), Some(Piece::Stdout(..))) {
            let buffer = self.spare.pop().unwrap_or_default();
            self.pieces.push(Piece::Stdout(buffer, Vec::new()));
        }
        match self.pieces.last_mut() {
            Some(Piece::Stdout(buffer, _)) => buffer,
            _ => unreachable!("a stdout piece was just pushed"),
        }
    }

    /// Marks the end of a line's result in the stdout buffer.
    fn end_result(&mut self) {
        if let Some(Piece::Stdout(buffer, ends)) = self.pieces.last_mut() {
            if ends.last() != Some(&buffer.len()) {
                ends.push(buffer.len());
            }
        }
    }

    /// Writes the pieces in order (stderr stays in step with stdout) and
    /// keeps the emptied buffers in `spare` for reuse.
    fn write(self, spare: &mut Vec<Vec<u8>>) -> crate::Result<()> {
        for piece in self.pieces {
            match piece {
                Piece::Stdout(mut bytes, ends) => {
                    write_stdout_records(&bytes, &ends)?;
                    bytes.clear();
                    spare.push(bytes);
                }
                Piece::Stderr(text) => crate::commands::eprint_str(&text),
            }
        }
        Ok(())
    }
}

/// `text` fit for an HTML comment, which `--` would end early (a file
/// named `a-->b` would show the rest as text): each `--` loses its pair.
fn comment_safe(text: &str) -> String {
    let mut text = text.to_owned();
    while text.contains("--") {
        text = text.replace("--", "- -");
    }
    text
}

/// The per-line work shared by the workers.
struct Answerer<'a, 'p> {
    /// Set when stdout is closed: the lines still queued are not answered.
    stop: AtomicBool,
    advisor: &'a Advisor<'p>,
    name: &'a str,
    /// `name` as table and Markdown headers show it: the name is the
    /// user's, and a control character in it is shown, not sent to the
    /// terminal.
    shown_name: std::borrow::Cow<'a, str>,
    base: &'a Workload,
    flags: &'a Workload,
    format: Format,
    style: Style,
}

impl Answerer<'_, '_> {
    fn answer(&self, line: UnparsedLine, out: &mut Output) {
        let pack = self.advisor.pack;
        let line = line.parse();
        let workload = line
            .document
            .map_err(|p| vec![p])
            .and_then(|raw| Workload::from_raw(pack, &raw));
        match workload {
            Ok(doc) => {
                let mut workload = self.base.clone();
                workload.merge(&doc);
                workload.merge(self.flags);
                let decision = self.advisor.decide(&workload);
                let buffer = out.stdout();
                match self.format {
                    Format::Json => render::write_json_line(buffer, &decision),
                    other => {
                        let source = format!("{}, line {}", self.shown_name, line.number);
                        let text = render::render(pack, &decision, other, &self.style);
                        // Markdown gets a comment, which renders as nothing.
                        let header = if other == Format::Markdown {
                            format!("<!-- {} -->", comment_safe(&source))
                        } else {
                            format!("── {source} ──")
                        };
                        buffer.extend_from_slice(format!("{header}\n{text}\n").as_bytes());
                    }
                }
            }
            Err(problems) => {
                out.bad.add(line.number);
                let error = Error::Workload {
                    source_name: format!("{}, line {}", self.name, line.number),
                    problems,
                };
                if self.format == Format::Json {
                    if out.bad.first_error.is_none() {
                        out.bad.first_error = Some(crate::error::render(&error));
                    }
                    out.stdout()
                        .extend_from_slice(error_line(line.number, &error).as_bytes());
                } else {
                    out.pieces.push(Piece::Stderr(crate::error::render(&error)));
                }
            }
        }
    }

    /// Answers a slice of lines into one output.
    fn answer_all(&self, slice: Slice) -> Output {
        let mut out = Output {
            spare: slice.buffers,
            ..Output::default()
        };
        for line in slice.lines {
            if self.stop.load(Ordering::Relaxed) {
                break;
            }
            self.answer(line, &mut out);
            out.end_result();
            out.lines += 1;
        }
        out
    }
}

/// A worker's share of a chunk, with an emptied buffer to answer into.
struct Slice {
    lines: Vec<UnparsedLine>,
    buffers: Vec<Vec<u8>>,
}

/// Splits a chunk into `n` contiguous parts, in order (some may be empty).
fn split(mut chunk: Vec<UnparsedLine>, n: usize) -> Vec<Vec<UnparsedLine>> {
    let per_part = chunk.len().div_ceil(n).max(1);
    let mut parts = Vec::with_capacity(n);
    for _ in 1..n {
        let tail = chunk.split_off(per_part.min(chunk.len()));
        parts.push(chunk);
        chunk = tail;
    }
    parts.push(chunk);
    parts
}

/// Answers every line of `lines`. A bad line yields an error object with
/// its line number (JSON) or a message on stderr (other formats); every
/// good line is still answered; the status is 3 if any line was bad.
pub fn run(
    advisor: &Advisor,
    mut lines: Lines<crate::input::Reader>,
    name: &str,
    base: &Workload,
    flags: &Workload,
    format: Format,
    style: Style,
) -> anyhow::Result<u8> {
    crate::output::install_interrupt_handler();
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let answerer = Answerer {
        stop: AtomicBool::new(false),
        advisor,
        name,
        shown_name: crate::output::escape_controls(name, &[]),
        base,
        flags,
        format,
        style,
    };
    // Lines are read on a thread of their own, so that a stream that pauses
    // (`tail -f`, a coprocess sending one workload at a time) has what came
    // so far answered at once: a chunk is whatever has arrived, up to
    // CHUNK_LINES. It is not joined: it may be waiting on a stdin that never
    // ends when the batch stops early (a closed stdout); exiting ends it.
    let (to_main, incoming) =
        std::sync::mpsc::sync_channel::<crate::Result<UnparsedLine>>(CHUNK_LINES);
    std::thread::spawn(move || {
        // A read error is passed on and ends the reading.
        while let Some(line) = lines.next_unparsed().transpose() {
            let failed = line.is_err();
            if to_main.send(line).is_err() || failed {
                break;
            }
        }
    });
    // A chunk: its first line, then the lines that follow without a pause
    // of more than PAUSE (a file or a busy pipe keeps the reader ahead, so
    // its chunks are full).
    let fill = |first: crate::Result<UnparsedLine>| -> crate::Result<Vec<UnparsedLine>> {
        let mut chunk = Vec::with_capacity(CHUNK_LINES);
        chunk.push(first?);
        while chunk.len() < CHUNK_LINES {
            match incoming.recv_timeout(PAUSE) {
                Ok(line) => chunk.push(line?),
                Err(_) => break,
            }
        }
        Ok(chunk)
    };
    // Bad lines among the outputs written so far, and how many lines those
    // outputs hold: a closed stdout ends the batch, and what was answered
    // before it still decides the status.
    let mut bad = Bad::default();
    let mut written = 0usize;
    let mut total = 0usize;
    // Whether the first line is a lone `{`: pretty JSON, not JSON Lines.
    let mut pretty = false;
    let batch = std::thread::scope(|scope| -> crate::Result<()> {
        // One long-lived worker per core, each with a queue of slices in and
        // a queue of outputs back; slices go round in order, so outputs are
        // collected in the same order.
        let answerer = &answerer;
        let pool: Vec<_> = (0..workers)
            .map(|_| {
                let (to_worker, slices) = std::sync::mpsc::channel::<Slice>();
                let (to_main, outputs) = std::sync::mpsc::channel::<Output>();
                scope.spawn(move || {
                    for slice in slices {
                        if to_main.send(answerer.answer_all(slice)).is_err() {
                            break;
                        }
                    }
                });
                (to_worker, outputs)
            })
            .collect();
        let collect = || -> Vec<Output> {
            pool.iter()
                .map(|(_, outputs)| outputs.recv().expect("a batch worker does not panic"))
                .collect()
        };
        let mut in_flight = false;
        let mut spare = Vec::new();
        let stop = |e| {
            answerer.stop.store(true, Ordering::Relaxed);
            e
        };
        let mut next = incoming.recv().ok();
        while let Some(first) = next {
            let chunk = fill(first)?;
            if total == 0 {
                pretty = chunk
                    .first()
                    .is_some_and(UnparsedLine::opens_a_pretty_document);
            }
            total += chunk.len();
            let answered = in_flight.then(collect);
            for ((to_worker, _), lines) in pool.iter().zip(split(chunk, workers)) {
                let buffers = spare.pop().into_iter().collect();
                to_worker
                    .send(Slice { lines, buffers })
                    .expect("a batch worker is alive until its queue closes");
            }
            in_flight = true;
            // The workers answer this chunk while the last one is written
            // and the next one read.
            if let Some(outputs) = answered {
                write_all(outputs, &mut bad, &mut written, &mut spare).map_err(stop)?;
            }
            next = match incoming.recv_timeout(PAUSE) {
                Ok(line) => Some(line),
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => None,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    // The input pauses: what is answered goes out before
                    // waiting for more.
                    write_all(collect(), &mut bad, &mut written, &mut spare).map_err(stop)?;
                    in_flight = false;
                    incoming.recv().ok()
                }
            };
        }
        if in_flight {
            write_all(collect(), &mut bad, &mut written, &mut spare)?;
        }
        Ok(())
        // Leaving the scope drops the queues, which ends the workers.
    });
    // The name as the messages show it (a line break in it escaped).
    let name = &answerer.shown_name;
    match batch {
        Ok(()) => {}
        // The reader has what it wanted (SPEC §5: still a success), unless
        // what it got held a bad line: that is its status whether or not
        // the rest still fit in the pipe when the reader left.
        Err(e) if e.is_broken_pipe() => {
            if bad.count == 0 {
                return Ok(exit::OK);
            }
            let lines = crate::render::count(written as f64, "line", "lines");
            let answered = if written == 1 { "was" } else { "were" };
            let were = if bad.count == 1 { "was" } else { "were" };
            // In a JSON batch the errors went to stdout: the first is
            // said again here (it names its line), so the status comes
            // with a reason.
            let first = bad.first_error.as_deref().unwrap_or_default();
            crate::commands::eprint_str(&format!(
                "dbadvisor: error: stdout closed after {lines} of {name} {answered} \
                 answered, of which {} {were} invalid ({})\n{first}",
                crate::number::Grouped(bad.count as f64),
                bad.named()
            ));
            return Ok(exit::INVALID);
        }
        Err(e) => return Err(e.into()),
    }
    if bad.count > 0 {
        let said = if bad.count == total {
            // "all 3 lines", so a reader does not look for the ones answered.
            if total == 1 {
                format!("1 line in {name} was invalid")
            } else {
                let lines = crate::render::count(total as f64, "line", "lines");
                format!("all {lines} in {name} were invalid; none was answered")
            }
        } else {
            let were = if bad.count == 1 { "was" } else { "were" };
            let others = if total - bad.count == 1 {
                "the other was"
            } else {
                "the others were"
            };
            format!(
                "{} of {} lines in {name} {were} invalid ({}); {others} answered",
                crate::number::Grouped(bad.count as f64),
                crate::number::Grouped(total as f64),
                bad.named()
            )
        };
        let help = if pretty {
            "help: line 1 is a lone `{` or `[`, as in pretty-printed JSON; a batch takes one \
             workload per line (JSON Lines), as `jq -c .` writes them\n"
        } else {
            ""
        };
        crate::commands::eprint_str(&format!("dbadvisor: error: {said}\n{help}"));
        Ok(exit::INVALID)
    } else {
        if total == 0 && !(base.is_empty() && flags.is_empty()) {
            // Not an error (an empty batch is one), but the answers given
            // on the command line went nowhere, which deserves a word.
            let given = match (base.is_empty(), flags.is_empty()) {
                (false, false) => "--example and the flags",
                (false, true) => "--example",
                _ => "the flags",
            };
            crate::commands::eprint_str(&format!(
                "dbadvisor: warning: {name} holds no workload, so the answers from {given} \
                 were applied to none\n"
            ));
        }
        Ok(exit::OK)
    }
}

/// Writes outputs in order, counting the lines and bad lines of each one
/// it starts to write (a closed stdout may cut that one short: its lines
/// were answered all the same).
fn write_all(
    outputs: Vec<Output>,
    bad: &mut Bad,
    written: &mut usize,
    spare: &mut Vec<Vec<u8>>,
) -> crate::Result<()> {
    for output in outputs {
        bad.extend(&output.bad);
        *written += output.lines;
        output.write(spare)?;
    }
    Ok(())
}

/// The JSON Lines error object for a bad line.
fn error_line(line: usize, error: &Error) -> String {
    let problems: Vec<serde_json::Value> = error.problems().iter().map(Problem::to_json).collect();
    let mut text = serde_json::json!({
        "line": line,
        "error": { "message": error.to_string(), "problems": problems },
    })
    .to_string();
    text.push('\n');
    text
}
