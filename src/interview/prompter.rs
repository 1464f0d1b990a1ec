//! The prompting seam: a small trait in front of dialoguer, so the question
//! flow can be unit-tested with a scripted implementation.

use std::collections::VecDeque;

use super::line_edit::EscapeSkip;
use crate::error::{Error, Result};

/// What a prompt gave: an answer, or the wish to go back to the question
/// before (Esc in a list, `<` in a text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reply<T> {
    /// The answer.
    Answer(T),
    /// Go back one question.
    Back,
}

impl<T> Reply<T> {
    /// The answer changed by `f`; going back stays going back.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Reply<U> {
        match self {
            Reply::Answer(answer) => Reply::Answer(f(answer)),
            Reply::Back => Reply::Back,
        }
    }
}

/// How a text prompt checks what was typed: why it is refused, or how it
/// was understood (shown again as the answer).
pub type Check<'a> = dyn Fn(&str) -> std::result::Result<String, String> + 'a;

/// What is typed in a text prompt to go back one question.
pub const BACK_TEXT: &str = "<";
/// Said when a person asks to go back from the first question.
pub const NO_QUESTION_BEFORE: &str = "there is no question before this one";

/// What the interview needs from a terminal.
pub trait Prompter {
    /// Picks one of `items`; returns its index.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<Reply<usize>>;
    /// Reads a line of text; `check` returns why a text is refused, and the
    /// prompt is asked again until it accepts. An empty answer is allowed.
    /// An accepted text is shown again as `check` understood it (`1.5M`
    /// as `1,500,000 KB`: what was typed can hide a misreading), or as
    /// "Not sure" when `check` gives an empty text. [`BACK_TEXT`] alone
    /// goes back. `initial` is typed in already (the answer given before
    /// going back), to keep with Enter or edit.
    fn text(&mut self, prompt: &str, initial: &str, check: &Check) -> Result<Reply<String>>;
    /// A yes/no question: by default a list of Yes and No, like every
    /// other yes/no question here, not dialoguer's `(y/n)` prompt, which
    /// takes the first key as the answer (a person typing `yes⏎` answered
    /// the next question with the Enter, and `no⏎` left an `o` for the
    /// shell) and redraws only its last line (the `?` landed mid-question
    /// on a narrow terminal).
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<Reply<bool>> {
        let items = ["Yes".to_owned(), "No".to_owned()];
        Ok(self
            .yes_no(prompt, &items, usize::from(!default))?
            .map(|pick| pick == 0))
    }
    /// [`Prompter::select`] where items have ids, the words flags and JSON
    /// use for them (`ad_tech`, `scalability`), `ids[i]` for `items[i]`
    /// (empty, or missing at the end, for an item without one, such as
    /// "Not sure"): where answers are typed, an id names its item too, so a
    /// person who knows the flags need not learn the labels.
    fn select_with_ids(
        &mut self,
        prompt: &str,
        items: &[String],
        _ids: &[&str],
        default: usize,
    ) -> Result<Reply<usize>> {
        self.select(prompt, items, default)
    }
    /// [`Prompter::select`] for a yes/no question (`Yes`, `No`, and maybe
    /// `Not sure`), where a person may type the answer: a terminal moves to
    /// the item that starts with what is typed (`no⏎` picks No, not the
    /// highlighted Yes).
    fn yes_no(&mut self, prompt: &str, items: &[String], default: usize) -> Result<Reply<usize>> {
        self.select(prompt, items, default)
    }
    /// Whether a question comes before the next prompt. Where there is
    /// none, a terminal keeps the prompt (and what is typed in it) on Esc
    /// or `<`, saying so in its place, instead of going back.
    fn can_go_back(&mut self, _can: bool) {}
    /// A line of information (progress, the current lean).
    fn say(&mut self, line: &str);
    /// A line written whole, never broken: the command line to copy.
    fn say_verbatim(&mut self, line: &str) {
        self.say(line);
    }
}

/// The real terminal, through dialoguer. Prompts go to stderr.
pub struct Terminal {
    theme: Box<dyn dialoguer::theme::Theme>,
    term: console::Term,
    /// Columns the theme writes before a validation error: `✘ ` in colour,
    /// `error: ` without.
    error_prefix: usize,
    /// See [`Prompter::can_go_back`].
    can_go_back: bool,
}

impl Terminal {
    /// A terminal prompter; `color` picks the coloured theme.
    pub fn new(color: bool) -> Self {
        // The coloured theme's styles ask console whether stderr may be
        // coloured, which reads NO_COLOR and CLICOLOR itself: the decision
        // already made (`--color always` wins over NO_COLOR) is passed on.
        console::set_colors_enabled_stderr(color);
        let (theme, error_prefix): (Box<dyn dialoguer::theme::Theme>, usize) = if color {
            (Box::new(dialoguer::theme::ColorfulTheme::default()), 2)
        } else {
            (Box::new(dialoguer::theme::SimpleTheme), "error: ".len())
        };
        Terminal {
            theme,
            can_go_back: true,
            term: console::Term::stderr(),
            error_prefix,
        }
    }
}

/// Columns the themes put before a prompt or an item (`? `, `❯ `), and the
/// indent of its continuation lines.
const PREFIX: usize = 2;
/// Columns after a select prompt (` ›`).
const SELECT_TAIL: usize = 2;
/// Columns a paged list adds after its prompt (` [Page 10/12]`).
const PAGE_TAIL: usize = 13;
/// Columns after a text prompt (` › `) plus room to type a number (`1.5M`,
/// `20,000`) on the same line.
const TEXT_TAIL: usize = 3 + 10;
/// Below this many columns per line, wrapping no longer helps.
const NARROWEST: usize = 12;

impl Terminal {
    /// Columns of the terminal, when it says (also with no rows, which
    /// console's size would take as saying nothing).
    fn columns(&self) -> Option<usize> {
        crate::output::stderr_columns().map(usize::from)
    }

    /// Rows of the terminal, when it says.
    fn rows(&self) -> Option<usize> {
        self.term.size_checked().map(|(rows, _)| usize::from(rows))
    }

    /// Lays `text` out in lines that fit the terminal, the continuation lines
    /// indented under the first, the last leaving `tail` columns free.
    ///
    /// dialoguer clears an answered prompt by counting its `\n`s: a line the
    /// terminal wraps by itself is not counted, and its first row would stay
    /// on screen above the answer. A prompt broken here never wraps.
    fn fit(&self, text: &str, tail: usize) -> String {
        self.fit_after(text, PREFIX, tail)
    }

    /// [`Self::fit`] for a text whose first line follows `prefix` columns.
    fn fit_after(&self, text: &str, prefix: usize, tail: usize) -> String {
        let Some(columns) = self.columns() else {
            return text.to_owned();
        };
        // The prefix, then one free column so no line ends in the last one.
        let width = columns
            .saturating_sub(prefix.max(PREFIX) + 1)
            .max(NARROWEST);
        let last = width.saturating_sub(tail).max(NARROWEST);
        wrap(text, width, last).join(&format!("\n{}", " ".repeat(PREFIX)))
    }

    /// Rows and columns of the terminal, as far as it says: a change
    /// between two keys is a resize, after which what was drawn is cleared
    /// and drawn again to fit.
    fn size(&self) -> (Option<usize>, Option<usize>) {
        (self.rows(), self.columns())
    }

    /// The next key, as `Term::read_key` reads it; or, when the terminal's
    /// size stops being `size` before one comes, `Key::Unknown`, a key
    /// that does nothing, so a resized prompt is laid out again at once
    /// rather than at the next key. (console waits in a `poll` that a
    /// SIGWINCH handler would interrupt, which it takes for Ctrl-C.)
    fn key_or_resize(&self, size: (Option<usize>, Option<usize>)) -> std::io::Result<console::Key> {
        #[cfg(unix)]
        {
            use rustix::event::{poll, PollFd, PollFlags, Timespec};
            use rustix::termios::{tcgetattr, tcsetattr, OptionalActions};
            let stdin = std::io::stdin();
            if let Ok(modes) = tcgetattr(&stdin) {
                // Raw while waiting, as console holds it while it reads: a
                // key typed now is neither echoed nor held back for a line.
                let mut raw = modes.clone();
                raw.make_raw();
                raw.output_modes = modes.output_modes;
                let _ = tcsetattr(&stdin, OptionalActions::Drain, &raw);
                let quarter = Timespec {
                    tv_sec: 0,
                    tv_nsec: 250_000_000,
                };
                let resized = loop {
                    let mut fds = [PollFd::new(&stdin, PollFlags::IN)];
                    match poll(&mut fds, Some(&quarter)) {
                        Ok(0) if self.size() != size => break true,
                        Ok(0) | Err(rustix::io::Errno::INTR) => {}
                        // A key, or an error the read meets too.
                        _ => break false,
                    }
                };
                let _ = tcsetattr(&stdin, OptionalActions::Drain, &modes);
                if resized {
                    return Ok(console::Key::Unknown);
                }
            }
        }
        self.term.read_key()
    }

    /// How a list is shown at the terminal's present size (see
    /// [`Self::list`]).
    fn layout(&self, prompt: &str, items: &[String], typing: Typing) -> Layout {
        let mut shown_prompt = self.fit(prompt, SELECT_TAIL);
        let mut fitted: Vec<String> = items.iter().map(|i| self.fit(i, 0)).collect();
        let item_rows = fitted.iter().map(|i| i.lines().count()).max().unwrap_or(1);
        let mut one_line = false;
        if typing == Typing::YesNo {
            let vertical = shown_prompt.lines().count()
                + fitted.iter().map(|i| i.lines().count()).sum::<usize>();
            // `❯ Yes` or `  No` each, three spaces apart.
            let width: usize = items.iter().map(|i| columns_of(i) + PREFIX + 3).sum();
            if self.rows().is_some_and(|rows| rows <= vertical + 1)
                && self.columns().is_none_or(|c| width < c)
            {
                one_line = true;
                fitted = items.to_vec();
            }
        }
        // Rows for items: the terminal's less the prompt, a row for typed
        // text (or its refusal) and one for the cursor.
        let room = |prompt: &str| {
            self.rows().map_or(items.len(), |rows| {
                (rows.saturating_sub(prompt.lines().count() + 2) / item_rows.max(1)).max(1)
            })
        };
        // The question, an item, the typed text's row and the cursor's must
        // fit the terminal: a question taller than that is cut short (its
        // first rows scrolled away, and every key left a copy of the rest).
        let most_rows = self
            .rows()
            .map(|rows| rows.saturating_sub(item_rows + 2).max(1));
        let clipped = |text: String, tail: usize| match most_rows {
            Some(most) => clip_rows(&text, most, self.columns(), tail),
            None => text,
        };
        shown_prompt = clipped(shown_prompt, SELECT_TAIL);
        let mut page = if one_line {
            items.len()
        } else {
            room(&shown_prompt)
        };
        if page < items.len() {
            // Paged: the prompt's last line also shows ` [Page 2/3]`. The
            // cursor starts on "Not sure", the last item, so the first page
            // shown is the last: the prompt says the other answers are a
            // key away (a short terminal showed only "Not sure").
            let paged = format!("{prompt} (↑↓: all {} answers)", items.len());
            shown_prompt = clipped(
                self.fit(&paged, SELECT_TAIL + PAGE_TAIL),
                SELECT_TAIL + PAGE_TAIL,
            );
            page = balanced_page(room(&shown_prompt), items.len());
        }
        Layout {
            shown_prompt,
            fitted,
            one_line,
            page,
            pages: items.len().div_ceil(page),
        }
    }

    /// A list, drawn and read here: dialoguer's list takes letters as keys
    /// (`j`, `k`, `q`, space), so typing `known⏎` moved the cursor up with
    /// the `k` and picked what it landed on, and `postgresql⏎` went back a
    /// question at the `q`. Here typed text names an answer, as at the
    /// plain prompter: the cursor follows the answer it names or starts
    /// (by its label, or its word as a flag takes it, `key_value`), the
    /// text shows under the list, and Enter picks what it names; text that
    /// names no one answer is refused there, and nothing is picked. j, k, q
    /// and space move, go back and pick only while nothing is typed, and j
    /// or k just before a letter that continues it into an answer start
    /// that word (`kn` is "Known…", the cursor put back). Esc clears typed
    /// text, else goes back. On a yes/no list a key that leaves the text
    /// naming nothing starts it again when it starts an answer itself
    /// (`yno` is `no`; `maybe` is refused), and a terminal too
    /// short for the prompt and the items one per line shows the items on
    /// one line (`❯ Yes   No`). A list taller than the terminal is paged
    /// (`[Page 2/3]`; ←→ turn pages), its pages as even as their number
    /// allows.
    fn list(
        &mut self,
        prompt: &str,
        items: &[String],
        ids: &[&str],
        default: usize,
        typing: Typing,
    ) -> Result<Reply<usize>> {
        let given = (prompt, items);
        let mut size = self.size();
        let Layout {
            mut shown_prompt,
            mut fitted,
            mut one_line,
            mut page,
            mut pages,
        } = self.layout(prompt, items, typing);
        let io = |e: std::io::Error| self.failed(dialoguer::Error::IO(e));
        let n = items.len();
        let mut sel = default.min(n - 1);
        let mut typed = String::new();
        // j and k pressed while nothing was typed, and where the cursor was
        // before them: the start of a word if a letter continues them.
        let mut pending = String::new();
        let mut before_pending = sel;
        let mut refusal: Option<String> = None;
        // Ctrl-→, F5 and the like: console knows only their start, and
        // their rest came as letters typed (`5C`, `~`) that Enter refused.
        let mut skip = EscapeSkip::default();
        self.term.hide_cursor().map_err(io)?;
        // The prompt is written once, and again only when the page it
        // names changes; the items (and typed text) after each key.
        let mut head_page = None;
        let mut head_lines = String::new();
        let pick = loop {
            if head_page != Some(sel / page) {
                if head_page.is_some() {
                    self.term
                        .clear_last_lines(head_lines.lines().count())
                        .map_err(io)?;
                }
                let mut head = String::new();
                // Only `fmt::Write` errors, which a `String` never has.
                let _ = self.theme.format_select_prompt(&mut head, &shown_prompt);
                if pages > 1 {
                    head.push_str(&format!(" [Page {}/{}]", sel / page + 1, pages));
                }
                self.term.write_line(&head).map_err(io)?;
                head_lines = head;
                head_page = Some(sel / page);
            }
            let mut drawn = String::new();
            let first = sel / page * page;
            for (i, item) in fitted.iter().enumerate().skip(first).take(page) {
                if i > first {
                    drawn.push_str(if one_line { "   " } else { "\n" });
                }
                let _ = self
                    .theme
                    .format_select_prompt_item(&mut drawn, item, i == sel);
            }
            if let Some(why) = &refusal {
                drawn.push('\n');
                let _ = self
                    .theme
                    .format_error(&mut drawn, &self.fit_after(why, self.error_prefix, 0));
            } else if !typed.is_empty() {
                drawn.push('\n');
                // One row, however much was typed or pasted: the rows of
                // the list are counted with one for it.
                let room = self.columns().map_or(usize::MAX, |c| {
                    c.saturating_sub(PREFIX + "  typed: ".len() + 1)
                        .max(NARROWEST)
                });
                drawn.push_str(&format!("  typed: {}", tail_within(&typed, room)));
            }
            self.term.write_line(&drawn).map_err(io)?;
            self.term.flush().map_err(io)?;
            let key = self.key_or_resize(size);
            let now = self.size();
            if now == size {
                self.term
                    .clear_last_lines(drawn.lines().count())
                    .map_err(io)?;
            } else {
                // Resized while the key was awaited: the terminal has
                // rewrapped what was drawn at the old width (as most do), so
                // its rows are counted at the new one, the prompt goes too,
                // and all is laid out again and drawn to fit.
                let rows = rows_at(&drawn, now.1) + rows_at(&head_lines, now.1);
                self.term.clear_last_lines(rows).map_err(io)?;
                Layout {
                    shown_prompt,
                    fitted,
                    one_line,
                    page,
                    pages,
                } = self.layout(prompt, items, typing);
                head_page = None;
                size = now;
            }
            let key = key.map_err(io)?;
            if skip.swallows(&key) {
                continue;
            }
            if key == console::Key::Char(CTRL_Z) {
                // The question stays above the shell's lines; on `fg` it
                // is drawn again below them, with the cursor where it was.
                suspend(&self.term).map_err(io)?;
                self.term.hide_cursor().map_err(io)?;
                head_page = None;
                continue;
            }
            let starts_word = matches!(key, console::Key::Char(c)
                if typed.is_empty() && !pending.is_empty() && !c.is_control() && !"jkq ".contains(c));
            if !starts_word && !matches!(key, console::Key::Char('j' | 'k') if typed.is_empty()) {
                pending.clear();
            }
            let moved = |typed: &mut String, refusal: &mut Option<String>, to: usize| {
                typed.clear();
                *refusal = None;
                to % n
            };
            match key {
                console::Key::ArrowDown | console::Key::Tab => {
                    sel = moved(&mut typed, &mut refusal, sel + 1)
                }
                console::Key::ArrowUp | console::Key::BackTab => {
                    sel = moved(&mut typed, &mut refusal, sel + n - 1)
                }
                console::Key::Char(c @ ('j' | 'k')) if typed.is_empty() => {
                    if pending.is_empty() {
                        before_pending = sel;
                    }
                    pending.push(c);
                    let to = if c == 'j' { sel + 1 } else { sel + n - 1 };
                    sel = moved(&mut typed, &mut refusal, to);
                }
                console::Key::ArrowRight if pages > 1 => {
                    sel = moved(&mut typed, &mut refusal, (sel / page + 1) % pages * page)
                }
                console::Key::ArrowLeft if pages > 1 => {
                    sel = moved(
                        &mut typed,
                        &mut refusal,
                        (sel / page + pages - 1) % pages * page,
                    )
                }
                console::Key::Home => sel = moved(&mut typed, &mut refusal, 0),
                console::Key::End => sel = moved(&mut typed, &mut refusal, n - 1),
                console::Key::Enter if typed.is_empty() => break Some(sel),
                console::Key::Enter => match named(items, ids, &typed) {
                    Ok(i) => break Some(i),
                    Err(starting) => {
                        let why = if starting.len() > 1 {
                            format!(
                                "`{}` starts more than one answer: type more of it",
                                tail_within(&typed, NARROWEST)
                            )
                        } else if let Some(i) =
                            id_started(items, ids, &typed).filter(|_| starting.is_empty())
                        {
                            // The cursor went to the answer whose flag word
                            // this starts (no label does), which would be
                            // taken only whole.
                            format!(
                                "`{}` starts the flag word `{}`, which is taken only whole",
                                tail_within(&typed, NARROWEST),
                                ids[i]
                            )
                        } else {
                            format!("`{}` names no answer here", tail_within(&typed, NARROWEST))
                        };
                        refusal = Some(format!("{why} (Backspace edits it, Esc clears it)"));
                    }
                },
                console::Key::Char(' ') if typed.is_empty() => break Some(sel),
                console::Key::Escape if !typed.is_empty() => {
                    sel = moved(&mut typed, &mut refusal, sel)
                }
                console::Key::Escape => break None,
                console::Key::Char('q') if typed.is_empty() => break None,
                console::Key::Backspace => {
                    typed.pop();
                    refusal = None;
                    sel = following(items, ids, &typed).unwrap_or(sel);
                }
                console::Key::Char(c) if !c.is_control() => {
                    refusal = None;
                    let key: String = c.to_lowercase().collect();
                    // Whether the text so far names or starts an answer: a
                    // slip after it starts the text again on a yes/no list.
                    let was_a_start = following(items, ids, &typed).is_some();
                    if starts_word {
                        let word = format!("{pending}{key}");
                        // One j or k before a letter that starts nothing
                        // was a word's first letter too (`junk`): typed
                        // whole, for Enter to refuse, and the cursor back
                        // where it was (it stayed moved after Esc).
                        let first_letter =
                            pending.len() == 1 && following(items, ids, &key).is_none();
                        pending.clear();
                        if following(items, ids, &word).is_some() || first_letter {
                            sel = before_pending;
                            typed = word;
                        } else {
                            typed = key.clone();
                        }
                    } else {
                        typed.push_str(&key);
                    }
                    if typing == Typing::YesNo
                        && was_a_start
                        && following(items, ids, &typed).is_none()
                        && following(items, ids, &key).is_some()
                    {
                        // A slip (`y`, then `no`): start again from this key.
                        // Text that names or starts no answer (`maybe`,
                        // `unsure`) stays, for Enter to refuse, as on any
                        // list: dropping its keys left the letters that
                        // start an answer, and `maybe⏎` picked Yes.
                        typed = key;
                    }
                    sel = following(items, ids, &typed).unwrap_or(sel);
                }
                _ => {}
            }
        };
        self.term
            .clear_last_lines(head_lines.lines().count())
            .map_err(io)?;
        self.term.show_cursor().map_err(io)?;
        self.term.flush().map_err(io)?;
        self.picked(given.0, given.1, pick)
    }

    /// Writes an answered prompt (`✔ question · answer`, as the theme
    /// styles it), laid out here as a whole: dialoguer's own copy kept the
    /// question's line breaks and left the answer to the terminal, which
    /// cut a long one mid-word, and made every prompt keep its last line
    /// short to leave room for it.
    fn answered(&self, line: &str) -> Result<()> {
        self.term
            .write_line(&self.fit_after(line, 0, 0))
            .map_err(|e| self.failed(dialoguer::Error::IO(e)))
    }

    /// Draws a text prompt's input row, `last_row` and the text typed
    /// (wrapping onto more rows when long), from the row the cursor is on
    /// (`cursor_row` rows below the input's first), and puts the cursor
    /// where the next key edits, noting its row. Returns how many rows of
    /// the input are below the cursor's.
    fn draw_input(
        &self,
        last_row: &str,
        line: &super::line_edit::LineEdit,
        cursor_row: &mut usize,
    ) -> std::io::Result<usize> {
        let columns = self.columns().filter(|&c| c > 0).unwrap_or(100);
        let start = console::measure_text_width(last_row);
        let text = line.text();
        let end = start + console::measure_text_width(&text);
        let at = start + console::measure_text_width(&line.before_cursor());
        let mut out = String::new();
        if *cursor_row > 0 {
            out.push_str(&format!("\x1b[{cursor_row}A"));
        }
        out.push_str("\r\x1b[J");
        out.push_str(last_row);
        out.push_str(&text);
        // Text that ends a row exactly leaves the cursor on that row's last
        // column, waiting to wrap: a new row makes it where counted.
        if end > 0 && end.is_multiple_of(columns) {
            out.push_str("\r\n");
        }
        out.push('\r');
        let (end_row, row) = (end / columns, at / columns);
        if end_row > row {
            out.push_str(&format!("\x1b[{}A", end_row - row));
        }
        if !at.is_multiple_of(columns) {
            out.push_str(&format!("\x1b[{}C", at % columns));
        }
        *cursor_row = row;
        self.term.write_str(&out)?;
        self.term.flush()?;
        Ok(end_row - row)
    }

    /// A list's outcome: the answered prompt written (see
    /// [`Self::answered`]) and the pick, or going back (`None`: Esc).
    fn picked(&self, prompt: &str, items: &[String], pick: Option<usize>) -> Result<Reply<usize>> {
        let Some(pick) = pick else {
            return Ok(Reply::Back);
        };
        let mut line = String::new();
        // Only a `fmt::Write` error, which a `String` never has.
        let _ = self
            .theme
            .format_select_prompt_selection(&mut line, prompt, &items[pick]);
        self.answered(&line)?;
        Ok(Reply::Answer(pick))
    }

    /// Turns a prompt's failure into the library's error. On Ctrl-C the
    /// cursor (which select and yes/no prompts hide) is shown again here, on
    /// this thread, before anything else: the interrupt handler's thread does
    /// it too, but the process may have ended before that thread runs.
    fn failed(&self, e: dialoguer::Error) -> Error {
        let dialoguer::Error::IO(io) = e;
        let error = terminal_failure(io);
        if matches!(error, Error::Interrupted) {
            let _ = self.term.show_cursor();
            let _ = self.term.flush();
        }
        error
    }
}

/// A failed read from the terminal: Ctrl-C, or a terminal that went away
/// (its window closed: the read fails with EIO, or ends, when no SIGHUP
/// came first, as under a shell that traps it), is an interruption, exit
/// 130 as documented for a closed terminal; anything else is an I/O error.
fn terminal_failure(io: std::io::Error) -> Error {
    /// EIO, the same number on Linux, macOS and the BSDs.
    const EIO: i32 = 5;
    let hung_up = io.kind() == std::io::ErrorKind::UnexpectedEof
        || (cfg!(unix) && io.raw_os_error() == Some(EIO));
    if io.kind() == std::io::ErrorKind::Interrupted || hung_up {
        Error::Interrupted
    } else {
        Error::io("reading from the terminal", io)
    }
}

/// Breaks `text` at spaces into lines of at most `width` columns, the last
/// one at most `last` columns (`last <= width`). When `text` ends with a
/// square-bracketed group (`[unit; e.g. 20k; …]`) that fits a line of its
/// own, no break falls inside it: it moves to a line of its own when it
/// would be split, or when the last line is too long (then a final
/// parenthesised group may move instead). A word longer than a line is cut.
pub(crate) fn wrap(text: &str, width: usize, last: usize) -> Vec<String> {
    let width = width.max(1);
    let last = last.clamp(1, width);
    let mut lines = greedy(text, width);
    if let Some((head, group)) = text.rfind(" [").map(|at| (&text[..at], &text[at + 1..])) {
        let split = lines.len() > 1
            && group.ends_with(']')
            && !head.trim().is_empty()
            && columns_of(group) <= last
            && lines.last().is_some_and(|l| !l.ends_with(group));
        if split {
            lines = greedy(head, width);
            lines.push(group.to_owned());
        }
    }
    // A last word alone on its line (`one` under `Question 1 — at most 6
    // left after this`) shares it with words from the line before, when
    // the last line still leaves its room.
    if lines.len() > 1
        && lines
            .last()
            .is_some_and(|l| !l.contains(' ') && columns_of(l) <= last)
    {
        let alone = lines.pop().unwrap_or_default();
        let before = lines.pop().unwrap_or_default();
        let evened = even(&before, &[alone.as_str()], width);
        if evened.last().is_some_and(|l| columns_of(l) <= last) {
            lines.extend(evened);
        } else {
            lines.extend([before, alone]);
        }
    }
    if lines.last().is_some_and(|l| columns_of(l) > last) {
        let group = text
            .rfind(" [")
            .or_else(|| text.rfind(" ("))
            .map(|at| (&text[..at], &text[at + 1..]))
            .filter(|(head, group)| {
                !head.trim().is_empty()
                    && (group.ends_with(']') || group.ends_with(')'))
                    && columns_of(group) <= last
            });
        if let Some((head, group)) = group {
            lines = greedy(head, width);
            lines.push(group.to_owned());
        } else {
            // Only the last line must leave room: its final words move to a
            // line of their own, and the lines before keep the full width
            // (re-wrapping the whole last line at `last` made a staircase).
            let tail = lines.pop().unwrap_or_default();
            let words: Vec<&str> = tail.split(' ').collect();
            let mut keep = words.len();
            while keep > 0 && columns_of(&words[keep - 1..].join(" ")) <= last {
                keep -= 1;
            }
            if keep == words.len() {
                // Not even the last word fits: cut it as a long word is cut.
                lines.extend(greedy(&tail, last));
            } else {
                // The words left behind would stand alone (`if` between
                // `… empty` and `not sure; < goes back]`): shared with the
                // line before, the two lines as even as they can be.
                let rest: Vec<&str> = words[..keep].to_vec();
                match lines.pop() {
                    Some(before) => lines.extend(even(&before, &rest, width)),
                    None => lines.push(rest.join(" ")),
                }
                lines.push(words[keep..].join(" "));
            }
        }
    }
    lines
}

/// `before` and then `rest` on two lines, the last word of `before` moved
/// down to join `rest` when `before` has another and the second line stays
/// within `width` columns: a word no longer stands alone, and the first
/// line, and the sentence on it, change as little as they can.
fn even(before: &str, rest: &[&str], width: usize) -> Vec<String> {
    let rest = rest.join(" ");
    match before.rsplit_once(' ') {
        Some((kept, moved)) if columns_of(moved) + 1 + columns_of(&rest) <= width => {
            vec![kept.to_owned(), format!("{moved} {rest}")]
        }
        _ => vec![before.to_owned(), rest],
    }
}

/// Greedy word wrap at `width` columns.
fn greedy(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let mut word = word.to_owned();
        // A word that fits no line is cut into pieces that do.
        while columns_of(&word) > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let cut = word
                .char_indices()
                .map(|(i, _)| i)
                .take_while(|&i| columns_of(&word[..i]) <= width)
                .last()
                .filter(|&i| i > 0)
                .unwrap_or_else(|| word.chars().next().map_or(word.len(), char::len_utf8));
            lines.push(word[..cut].to_owned());
            word = word[cut..].to_owned();
        }
        if word.is_empty() {
            continue;
        }
        if line.is_empty() {
            line = word;
        } else if columns_of(&line) + 1 + columns_of(&word) <= width {
            line.push(' ');
            line.push_str(&word);
        } else {
            lines.push(std::mem::replace(&mut line, word));
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The length of a page of `items` entries that fit `room` rows, the pages
/// as even as their number allows: dialoguer cuts pages from the top, and
/// 15 answers at 7 a page left "Not sure", where the cursor starts, alone on
/// the last page; at 5 a page it shares it with four others.
fn balanced_page(room: usize, items: usize) -> usize {
    let room = room.max(1);
    let pages = items.div_ceil(room).max(1);
    items.div_ceil(pages).max(1)
}

/// A said text broken at spaces to fit `columns` (when known), an
/// indented line continuing two columns past its indent (under the text
/// after `→ `).
pub(crate) fn laid_out(text: &str, columns: Option<usize>) -> String {
    let Some(columns) = columns else {
        return text.to_owned();
    };
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let body = line.trim_start_matches(' ');
            let (lead, hang) = match line.len() - body.len() {
                0 => (0, 0),
                indent => (indent, indent + 2),
            };
            let room = columns.saturating_sub(hang + 1).max(NARROWEST);
            let hang = format!("\n{}", " ".repeat(hang));
            format!(
                "{}{}",
                &line[..lead],
                wrap(body, room, usize::MAX).join(&hang)
            )
        })
        .collect();
    lines.join("\n")
}

fn columns_of(text: &str) -> usize {
    console::measure_text_width(text)
}

/// Ctrl-Z, read as a key: the terminal is in raw mode while a key is
/// awaited, so it stops nothing by itself.
const CTRL_Z: char = '\u{1a}';

/// Stops the program as Ctrl-Z does at a shell prompt, the cursor shown
/// and the terminal as it was (it is in raw mode only while a key is
/// read); returns once it is continued (`fg`). Where no shell can continue
/// it (a process group no job-control shell leads, which the kernel will
/// not stop), it returns at once and the prompt is drawn again.
fn suspend(term: &console::Term) -> std::io::Result<()> {
    term.show_cursor()?;
    term.flush()?;
    signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)
}

/// The end of `text` within `width` columns, after a `…` when cut.
fn tail_within(text: &str, width: usize) -> String {
    if columns_of(text) <= width {
        return text.to_owned();
    }
    let mut kept = 1;
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| {
            kept += columns_of(c.encode_utf8(&mut [0; 4]));
            kept > width
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    format!("…{}", &text[start..])
}

/// `text` (laid out lines, the first after a `? ` prefix) cut to its first
/// `most` lines, the last ending in `…` with `tail` columns left after it.
fn clip_rows(text: &str, most: usize, columns: Option<usize>, tail: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() <= most {
        return text.to_owned();
    }
    let last = lines[most - 1];
    let prefix = if most == 1 { PREFIX } else { 0 };
    let room = columns.map_or(usize::MAX, |c| {
        c.saturating_sub(prefix + tail + 2).max(NARROWEST)
    });
    let mut width = 0;
    let end = last
        .char_indices()
        .find(|&(_, c)| {
            width += columns_of(c.encode_utf8(&mut [0; 4]));
            width > room
        })
        .map_or(last.len(), |(i, _)| i);
    let mut kept: Vec<String> = lines[..most - 1].iter().map(|l| (*l).to_owned()).collect();
    kept.push(format!("{}…", last[..end].trim_end()));
    kept.join("\n")
}

/// How a list is shown (see `Terminal::layout`).
struct Layout {
    /// The prompt, fitted to the terminal.
    shown_prompt: String,
    /// The items, each fitted.
    fitted: Vec<String>,
    /// A yes/no list shown on one line.
    one_line: bool,
    /// Items a page.
    page: usize,
    /// Pages.
    pages: usize,
}

/// The rows `text` takes on a terminal `columns` wide that wraps long
/// lines (each line at least one row).
fn rows_at(text: &str, columns: Option<usize>) -> usize {
    let columns = columns.filter(|&c| c > 0).unwrap_or(usize::MAX);
    text.lines()
        .map(|line| columns_of(line).div_ceil(columns).max(1))
        .sum()
}

impl Prompter for Terminal {
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<Reply<usize>> {
        self.list(prompt, items, &[], default, Typing::Words)
    }

    fn select_with_ids(
        &mut self,
        prompt: &str,
        items: &[String],
        ids: &[&str],
        default: usize,
    ) -> Result<Reply<usize>> {
        self.list(prompt, items, ids, default, Typing::Words)
    }

    fn yes_no(&mut self, prompt: &str, items: &[String], default: usize) -> Result<Reply<usize>> {
        // Yes and No by the words JSON has for them (and the flags take),
        // `true` and `false`, as the plain prompter reads them: without
        // them `true⏎` was dropped key by key and Enter took the cursor's.
        let ids: &[&str] = match items {
            [yes, no, ..] if yes == "Yes" && no == "No" => &["true", "false"],
            _ => &[],
        };
        self.list(prompt, items, ids, default, Typing::YesNo)
    }

    fn text(&mut self, prompt: &str, initial: &str, check: &Check) -> Result<Reply<String>> {
        let given = prompt;
        // The question's rows, written once; the last row (`[GB; …] › `)
        // is redrawn with the text after each key. Both are laid out again
        // after a resize.
        let question = |this: &Self| {
            let mut drawn = String::new();
            // Only `fmt::Write` errors, which a `String` never has.
            let _ = this
                .theme
                .format_input_prompt(&mut drawn, &this.fit(given, TEXT_TAIL), None);
            match drawn.rsplit_once('\n') {
                Some((head, last)) => (head.to_owned(), last.to_owned()),
                None => (String::new(), drawn),
            }
        };
        let (mut head, mut last_row) = question(self);
        let io = |e: std::io::Error| self.failed(dialoguer::Error::IO(e));
        let mut line = super::line_edit::LineEdit::new(initial);
        let mut refusal: Option<String> = None;
        let (answer, shown) = 'drawn: loop {
            // Rows above the input row: a refusal, then the question.
            let mut above = String::new();
            if let Some(why) = &refusal {
                let _ = self
                    .theme
                    .format_error(&mut above, &self.fit_after(why, self.error_prefix, 0));
                above.push('\n');
            }
            if !head.is_empty() {
                above.push_str(&head);
                above.push('\n');
            }
            self.term.write_str(&above).map_err(io)?;
            let size = self.size();
            let mut cursor_row = 0;
            let (edit, rows_up) = loop {
                let below = self
                    .draw_input(&last_row, &line, &mut cursor_row)
                    .map_err(io)?;
                let key = self.key_or_resize(size).map_err(|e| {
                    // Ctrl-C, or a closed terminal: what follows (the
                    // shell's prompt) starts below the text, not inside it.
                    if below > 0 {
                        let _ = self.term.write_str(&format!("\x1b[{below}B"));
                    }
                    io(e)
                })?;
                if key == console::Key::Char(CTRL_Z) {
                    // What was typed stays, drawn again below the shell's
                    // lines on `fg`.
                    if below > 0 {
                        self.term.write_str(&format!("\x1b[{below}B")).map_err(io)?;
                    }
                    self.term.write_str("\n").map_err(io)?;
                    suspend(&self.term).map_err(io)?;
                    continue 'drawn;
                }
                // Where the cursor is, in columns from the input row's
                // start, before the key moves it.
                let at = columns_of(&last_row) + columns_of(&line.before_cursor());
                let edit = line.key(&key);
                let now = self.size();
                if now != size {
                    // Resized while the key was awaited: the terminal has
                    // rewrapped what was drawn (as most do), so the rows to
                    // clear are counted at the new width, and the question
                    // is laid out again to fit.
                    let columns = now.1.filter(|&c| c > 0).unwrap_or(usize::MAX);
                    (head, last_row) = question(self);
                    break (edit, rows_at(&above, now.1) + at / columns);
                }
                match edit {
                    super::line_edit::Edit::Changed => {}
                    done => break (done, above.lines().count() + cursor_row),
                }
            };
            // Everything this prompt drew goes; the answer is written below.
            let mut clear = String::new();
            if rows_up > 0 {
                clear.push_str(&format!("\x1b[{rows_up}A"));
            }
            clear.push_str("\r\x1b[J");
            self.term.write_str(&clear).map_err(io)?;
            if edit == super::line_edit::Edit::Changed {
                // Only a resize ends the keys with an edit: draw it all again.
                continue;
            }
            let text = line.text();
            if edit == super::line_edit::Edit::Back || goes_back(&text) {
                if self.can_go_back {
                    // The interview says it goes back.
                    return Ok(Reply::Back);
                }
                // Nothing to go back to: the prompt stays, and so does what
                // was typed (less the `<`), so Esc loses nothing.
                if edit != super::line_edit::Edit::Back {
                    let kept = text.trim_end().strip_suffix(BACK_TEXT).unwrap_or(&text);
                    line = super::line_edit::LineEdit::new(kept);
                }
                refusal = Some(NO_QUESTION_BEFORE.to_owned());
                continue;
            }
            // A refused text stays typed in, to be corrected, the cursor at
            // its end wherever Enter was pressed, so Ctrl-U clears it all.
            match check(&text) {
                Ok(shown) if shown.is_empty() => break (text, super::NOT_SURE.to_owned()),
                Ok(shown) => break (text, shown),
                Err(why) => {
                    line = super::line_edit::LineEdit::new(&text);
                    refusal = Some(why);
                }
            }
        };
        // The answered copy drops the typing hint (`[GB; e.g. 500; …]`):
        // the answer after it says the unit, and the keys no longer apply.
        let asked = match given.rsplit_once(" [") {
            Some((question, hint)) if hint.ends_with(']') && !hint.contains('[') => question,
            _ => given,
        };
        let mut line = String::new();
        // Only a `fmt::Write` error, which a `String` never has.
        let _ = self
            .theme
            .format_input_prompt_selection(&mut line, asked, &shown);
        self.answered(&line)?;
        Ok(Reply::Answer(answer))
    }

    fn can_go_back(&mut self, can: bool) {
        self.can_go_back = can;
    }

    /// Each line is laid out to fit (see `laid_out`).
    fn say(&mut self, text: &str) {
        let _ = self.term.write_line(&laid_out(text, self.columns()));
    }

    fn say_verbatim(&mut self, line: &str) {
        let _ = self.term.write_line(line);
    }
}

/// Whether a typed answer goes back: [`BACK_TEXT`] alone, or after the
/// earlier answer offered as initial text (`2<`), which no number ends with.
pub(crate) fn goes_back(text: &str) -> bool {
    text.trim_end().ends_with(BACK_TEXT)
}

/// Where the cursor goes for typed text: the answer it names, as Enter
/// would pick it, else the first answer whose label starts with it, else
/// the first whose flag word does (`multi` at `multi_item`).
fn following(items: &[String], ids: &[&str], typed: &str) -> Option<usize> {
    if typed.is_empty() {
        return None;
    }
    match named(items, ids, typed) {
        Ok(i) => Some(i),
        Err(starting) => {
            let label = typed.to_lowercase();
            starting
                .iter()
                .copied()
                .find(|&i| items[i].to_lowercase().starts_with(&label))
                .or_else(|| starting.first().copied())
        }
        .or_else(|| id_started(items, ids, typed)),
    }
}

/// The first answer whose flag word typed text starts (`multi` at
/// `multi_item`), as a person may type it (`multi-`, `multi i`).
fn id_started(items: &[String], ids: &[&str], typed: &str) -> Option<usize> {
    let word = typed.replace(['-', ' '], "_");
    ids.iter()
        .take(items.len())
        .position(|id| !id.is_empty() && id.starts_with(&word))
}

/// The answer typed text names, as Enter takes it: `?` is "Not sure", as
/// at a number; otherwise as the plain prompter reads a typed answer (else
/// the answers it starts).
fn named(items: &[String], ids: &[&str], typed: &str) -> std::result::Result<usize, Vec<usize>> {
    match super::plain::not_sure(items, typed) {
        Some(i) => Ok(i),
        None => super::plain::typed_answer(items, ids, typed),
    }
}

/// How typed text acts on a list (see `Terminal::list`).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Typing {
    /// Yes, No (and Not sure): a slip starts the text again.
    YesNo,
    /// Any other list: the text stays, to be named whole or refused.
    Words,
}

/// One scripted answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Pick the item with this text (a label, `Not sure`, `Yes`, `No`...).
    Pick(String),
    /// Type this text.
    Type(String),
    /// Answer a yes/no question.
    Confirm(bool),
    /// Go back one question (Esc, or `<` typed), at any prompt.
    Back,
}

/// A prompter that answers from a script and records what it was asked:
/// the question flow's unit tests use it.
#[derive(Debug, Default)]
pub struct Scripted {
    answers: VecDeque<Answer>,
    /// Every prompt shown, in order.
    pub asked: Vec<String>,
    /// Every line said.
    pub said: Vec<String>,
}

impl Scripted {
    /// A script of answers, consumed in order.
    pub fn new(answers: impl IntoIterator<Item = Answer>) -> Self {
        Scripted {
            answers: answers.into_iter().collect(),
            ..Scripted::default()
        }
    }

    fn next(&mut self, prompt: &str) -> Result<Answer> {
        self.asked.push(prompt.to_owned());
        self.answers
            .pop_front()
            .ok_or_else(|| Error::usage(format!("script ran out of answers at: {prompt}"), None))
    }
}

impl Prompter for Scripted {
    fn select(&mut self, prompt: &str, items: &[String], _default: usize) -> Result<Reply<usize>> {
        match self.next(prompt)? {
            Answer::Pick(text) => items
                .iter()
                .position(|i| *i == text)
                .map(Reply::Answer)
                .ok_or_else(|| {
                    Error::usage(format!("no item {text:?} in {items:?} at: {prompt}"), None)
                }),
            Answer::Back => Ok(Reply::Back),
            other => Err(Error::usage(
                format!("expected a pick, scripted {other:?} at: {prompt}"),
                None,
            )),
        }
    }

    fn text(&mut self, prompt: &str, _initial: &str, check: &Check) -> Result<Reply<String>> {
        // Like the terminal: refused texts are reported and the question
        // asked again, and an accepted one is shown as understood.
        loop {
            match self.next(prompt)? {
                Answer::Back => return Ok(Reply::Back),
                Answer::Type(text) if text.trim() == BACK_TEXT => return Ok(Reply::Back),
                Answer::Type(text) => match check(&text) {
                    Ok(shown) => {
                        self.said.push(format!("answered: {shown}"));
                        return Ok(Reply::Answer(text));
                    }
                    Err(why) => self.said.push(format!("refused: {why}")),
                },
                other => {
                    return Err(Error::usage(
                        format!("expected text, scripted {other:?} at: {prompt}"),
                        None,
                    ))
                }
            }
        }
    }

    fn confirm(&mut self, prompt: &str, _default: bool) -> Result<Reply<bool>> {
        match self.next(prompt)? {
            Answer::Confirm(b) => Ok(Reply::Answer(b)),
            Answer::Back => Ok(Reply::Back),
            other => Err(Error::usage(
                format!("expected yes/no, scripted {other:?} at: {prompt}"),
                None,
            )),
        }
    }

    fn say(&mut self, line: &str) {
        self.said.push(line.to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Typed text the cursor follows goes first to an answer whose label
    /// it starts, then to one whose flag word it starts: `multi` is
    /// "Multi-statement…", not `multi_item` ("A few items at once").
    #[test]
    fn the_cursor_follows_a_label_before_a_flag_word() {
        let items: Vec<String> = [
            "None",
            "Single-item updates",
            "A few items at once",
            "Multi-statement, multi-table ACID",
            "Not sure",
        ]
        .map(str::to_owned)
        .to_vec();
        let ids = ["none", "single_item", "multi_item", "complex", ""];
        assert_eq!(following(&items, &ids, "multi"), Some(3));
        assert_eq!(following(&items, &ids, "multi_"), Some(2));
        assert_eq!(following(&items, &ids, "si"), Some(1));
        assert_eq!(named(&items, &ids, "multi"), Err(vec![2, 3]));
    }

    /// A question taller than the terminal is cut to its first rows, the
    /// last ending in `…` with room for what follows it; typed text too
    /// long for its row keeps its end.
    #[test]
    fn a_question_too_tall_is_cut_and_long_typing_keeps_its_end() {
        let text = "? one two\n  three four five\n  six seven\n  eight";
        assert_eq!(clip_rows(text, 4, Some(40), 2), text);
        assert_eq!(
            clip_rows(text, 2, Some(40), 2),
            "? one two\n  three four five…"
        );
        let cut = clip_rows(text, 2, Some(18), 2);
        assert_eq!(cut, "? one two\n  three four f…");
        assert_eq!(tail_within("abcdef", 10), "abcdef");
        assert_eq!(tail_within("abcdefghijkl", 5), "…ijkl");
    }

    #[test]
    fn long_lists_are_paged_evenly() {
        // 15 answers in 7 rows: three pages of 5, not 7, 7 and 1.
        assert_eq!(balanced_page(7, 15), 5);
        assert_eq!(balanced_page(8, 15), 8);
        assert_eq!(balanced_page(4, 15), 4);
        assert_eq!(balanced_page(6, 14), 5);
        // Everything fits, or hardly anything does.
        assert_eq!(balanced_page(20, 15), 15);
        assert_eq!(balanced_page(0, 15), 1);
        for room in 1..20 {
            for items in 1..40 {
                let page = balanced_page(room, items);
                assert!(page <= room.max(1), "{room} {items}");
                let pages = items.div_ceil(page);
                // No more pages than the rows need, and the last one short
                // by fewer entries than there are pages.
                assert_eq!(pages, items.div_ceil(room), "{room} {items}");
                let last = items - (pages - 1) * page;
                assert!(
                    page - last < pages,
                    "{room} {items}: {page} a page, {last} last"
                );
            }
        }
    }

    /// A closed terminal (EIO, or the end of input) exits 130 like Ctrl-C,
    /// not 1 with "Input/output error"; other failures stay I/O errors.
    #[test]
    fn a_terminal_that_went_away_is_an_interruption() {
        let closed = [
            std::io::Error::from_raw_os_error(5),
            std::io::Error::from(std::io::ErrorKind::UnexpectedEof),
            std::io::Error::from(std::io::ErrorKind::Interrupted),
        ];
        for io in closed {
            let shown = io.to_string();
            assert!(
                matches!(terminal_failure(io), Error::Interrupted),
                "{shown}"
            );
        }
        let other = terminal_failure(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        assert_eq!(other.exit_code(), crate::error::exit::INTERNAL);
    }
}
