//! Where output goes and how it looks: the stdout writer, the colour
//! decision and the width used when stdout is not a terminal.

use std::io::{IsTerminal, Write};

use crate::error::{Error, Result};

/// `text` with every control character other than those in `keep` shown as
/// `\u{1b}`: text echoed from the user (a key, a path) must not send an
/// escape sequence that clears or recolours the terminal, nor a
/// bidirectional control ([`is_bidi_control`]) that reorders what follows.
pub fn escape_controls<'t>(text: &'t str, keep: &[char]) -> std::borrow::Cow<'t, str> {
    let escaped = |c: char| (c.is_control() || is_bidi_control(c)) && !keep.contains(&c);
    if !text.chars().any(escaped) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if escaped(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// A path as messages show it: lossily if it is not UTF-8, and with
/// [`escape_controls`], a line break included (a message's lines are its
/// own, and a path in one must not start another).
pub fn shown_path(path: &std::path::Path) -> String {
    escape_controls(&path.to_string_lossy(), &[]).into_owned()
}

/// The explicit bidirectional embeddings, overrides and isolates (U+202A to
/// U+202E, U+2066 to U+2069): not control characters to Rust, but one shows
/// the text after it reordered (`Aurora` as `arorua`), which can make a
/// message or a reason say something it does not ("Trojan Source",
/// CVE-2021-42574).
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Width of tables and wrapped text when stdout is not a terminal, so
/// piped and captured output is the same on every machine.
pub const PIPE_WIDTH: u16 = 100;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when stdout is a terminal and the environment allows it
    /// (`NO_COLOR`, `CLICOLOR=0`, `TERM=dumb`).
    Auto,
    /// Always colour (still overridden by nothing: the user asked).
    Always,
    /// Never colour.
    Never,
}

/// Presentation settings shared by the renderers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Style {
    /// Emit ANSI colour codes.
    pub color: bool,
    /// The table's width: the terminal's, or [`PIPE_WIDTH`] when stdout is
    /// not a terminal or its width is unknown; `None` lets the table measure.
    pub width: Option<u16>,
    /// On a terminal, its width: long text lines are broken to fit it.
    pub wrap: Option<u16>,
    /// `--explain`: add the long form of the analysis to tables and Markdown.
    pub explain: bool,
    /// The command that takes more answers, when the one rendering takes
    /// none: `examples ID` shows a fixed workload, so what would complete
    /// its estimate is said as `dbadvisor recommend --example ID --flag N`.
    pub answers_to: Option<String>,
    /// The id of the worked example quoted above the result (`examples
    /// ID`): when it is also the closest example, it is named, not quoted
    /// a second time.
    pub quoted_example: Option<String>,
}

impl Style {
    /// Plain output at the pipe width: what tests and snapshots use.
    pub fn plain() -> Self {
        Style {
            color: false,
            width: Some(PIPE_WIDTH),
            wrap: None,
            explain: false,
            answers_to: None,
            quoted_example: None,
        }
    }

    /// Decides colour and width for stdout.
    pub fn for_stdout(choice: ColorChoice) -> Self {
        let terminal = std::io::stdout().is_terminal();
        let color = colour_for(choice, terminal);
        // A terminal of unknown width is taken to be the pipe width: its
        // long lines are still broken, at that width.
        let columns = terminal.then(|| {
            terminal_columns(reported_columns(), std::env::var_os("COLUMNS")).unwrap_or(PIPE_WIDTH)
        });
        Style {
            color,
            width: Some(columns.unwrap_or(PIPE_WIDTH)),
            wrap: columns,
            explain: false,
            answers_to: None,
            quoted_example: None,
        }
    }

    /// This style with stdout's width measured now: the interview's
    /// result fits the window as it is when the last answer is given, not
    /// as it was when the interview started.
    pub fn measured_again(self) -> Self {
        let now = Style::for_stdout(ColorChoice::Never);
        Style {
            width: now.width,
            wrap: now.wrap,
            ..self
        }
    }

    /// Wraps `text` in an ANSI style when colour is on.
    pub fn paint(&self, style: anstyle::Style, text: &str) -> String {
        if self.color {
            format!("{}{text}{}", style.render(), style.render_reset())
        } else {
            text.to_owned()
        }
    }
}

/// The columns stdout's terminal reports, `None` when it reports none.
fn reported_columns() -> Option<u16> {
    #[cfg(unix)]
    return columns_of(std::io::stdout());
    #[cfg(not(unix))]
    return console::Term::stdout()
        .size_checked()
        .map(|(_, columns)| columns);
}

/// [`reported_columns`] for stderr, where the interview draws.
pub(crate) fn stderr_columns() -> Option<u16> {
    #[cfg(unix)]
    return columns_of(std::io::stderr());
    #[cfg(not(unix))]
    return console::Term::stderr()
        .size_checked()
        .map(|(_, columns)| columns);
}

/// The columns a terminal reports, read directly: console's size gives
/// nothing when the rows are 0, as under `script -c 'stty cols 50; …'`,
/// though the columns are known.
#[cfg(unix)]
fn columns_of(stream: impl std::os::fd::AsFd) -> Option<u16> {
    rustix::termios::tcgetwinsize(stream)
        .ok()
        .map(|size| size.ws_col)
        .filter(|&c| c > 0)
}

/// A terminal's width: what it reports, else `COLUMNS`, else unknown. A
/// terminal that reports 0 columns (a pseudo-terminal never sized, as under
/// `script` in CI or `docker run -t` before a resize) is unknown, not 0
/// wide: the table then has the pipe width, instead of one letter a row.
fn terminal_columns(reported: Option<u16>, env: Option<std::ffi::OsString>) -> Option<u16> {
    reported.filter(|&c| c > 0).or_else(|| {
        env.and_then(|v| v.to_str()?.trim().parse::<u16>().ok())
            .filter(|&c| c > 0)
    })
}

/// Whether to colour what goes to stderr (the interview's prompts):
/// `--color` as for stdout, but `auto` asks whether stderr is a terminal,
/// so `dbadvisor interview > result.txt` keeps its coloured prompts.
pub fn stderr_color(choice: ColorChoice) -> bool {
    colour_for(choice, std::io::stderr().is_terminal())
}

/// Whether [`paint_messages`] colours: set once the command line's
/// `--color` is known ([`set_message_colour`]), off until then.
static MESSAGE_COLOUR: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Decides, from `--color` and whether stderr is a terminal, whether error,
/// warning and help lines on stderr are coloured.
pub fn set_message_colour(choice: ColorChoice) {
    MESSAGE_COLOUR.store(stderr_color(choice), std::sync::atomic::Ordering::Relaxed);
}

/// `error:` in bold red, `warning:` in bold yellow and `help:` in bold cyan
/// at the start of a message's lines, as cargo and rustc show them, when
/// [`set_message_colour`] said so; the text itself is left as it is.
pub fn paint_messages(text: &str) -> std::borrow::Cow<'_, str> {
    if !MESSAGE_COLOUR.load(std::sync::atomic::Ordering::Relaxed) {
        return text.into();
    }
    paint_labels(text).into()
}

/// `text` with the `error:`, `warning:` and `help:` that start its lines
/// (after an indent, or `dbadvisor: `) painted as [`paint_messages`] does.
pub fn paint_labels(text: &str) -> String {
    use anstyle::{AnsiColor, Style};
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.split_inclusive('\n') {
        let (head, rest) = match line.strip_prefix("dbadvisor: ") {
            Some(rest) => ("dbadvisor: ", rest),
            None => {
                let content = line.trim_start();
                (&line[..line.len() - content.len()], content)
            }
        };
        let label = [
            ("error:", AnsiColor::Red),
            ("warning:", AnsiColor::Yellow),
            ("help:", AnsiColor::Cyan),
        ]
        .into_iter()
        .find(|(label, _)| rest.starts_with(label));
        match label {
            Some((label, colour)) => {
                let style = Style::new().bold().fg_color(Some(colour.into()));
                out.push_str(head);
                out.push_str(&format!(
                    "{}{label}{}",
                    style.render(),
                    style.render_reset()
                ));
                out.push_str(&rest[label.len()..]);
            }
            None => out.push_str(line),
        }
    }
    out
}

/// `--color` for a stream: `auto` colours a terminal the environment allows.
fn colour_for(choice: ColorChoice, terminal: bool) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => colour_auto(terminal, |name| std::env::var_os(name)),
    }
}

/// `--color auto`: colour on a terminal, unless `NO_COLOR` is set and not
/// empty (no-color.org), `CLICOLOR` is `0` (bixense.com/clicolors) or `TERM`
/// is `dumb`; and anywhere when `CLICOLOR_FORCE` is set to anything but `0`
/// or empty (the same convention; empty counts as unset, as for `NO_COLOR`
/// and in CMake), which only `NO_COLOR` overrides, as in anstream, the
/// colour crate of clap and cargo.
fn colour_auto(terminal: bool, var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    if var("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        return false;
    }
    if var("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0") {
        return true;
    }
    let clicolor_off = var("CLICOLOR").is_some_and(|v| v == "0");
    let dumb = var("TERM").is_some_and(|t| t == "dumb");
    terminal && !(clicolor_off || dumb)
}

/// Whether the terminal says it cannot move its cursor (`TERM=dumb`): no
/// colour, and the interview's prompts as plain lines.
pub(crate) fn dumb_terminal() -> bool {
    std::env::var_os("TERM").is_some_and(|t| t == "dumb")
}

/// Held while a piece of output (a whole result, or a run of batch results)
/// is written, so an interrupt never cuts a result in half.
static WRITING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Bytes stdout has taken so far: the interrupt handler waits while this
/// grows (a slow reader is still reading) and gives up only when it has
/// stood still for [`INTERRUPT_GRACE`].
static WRITTEN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Writes `text` to stdout in one locked write and flushes, mapping errors
/// to [`Error::Io`] so a closed pipe can be told apart and ignored.
pub fn write_stdout(text: &str) -> Result<()> {
    write_stdout_bytes(text.as_bytes())
}

/// [`write_stdout`] for bytes that are already UTF-8 text.
pub fn write_stdout_bytes(bytes: &[u8]) -> Result<()> {
    write_stdout_records(bytes, &[bytes.len()])
}

/// Writes results to stdout under one lock: `bytes` holds several, each
/// ending at one of the offsets `ends` (ascending; the last is
/// `bytes.len()`). After an interrupt the writing stops at the end of the
/// result being written, and the process exits 130: a batch's chunk of
/// megabytes is not finished first, and no result is cut in half.
pub fn write_stdout_records(bytes: &[u8], ends: &[usize]) -> Result<()> {
    let _whole = WRITING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    exit_if_interrupted();
    let mut out = std::io::stdout().lock();
    let io = |e| Error::io("writing to stdout", e);
    let mut start = 0;
    for &end in ends {
        // Results are written a few at a time: one write call per result
        // would cost a batch more than its results' work.
        if end <= start || (end - start < RECORDS_PER_WRITE_BYTES && end < bytes.len()) {
            continue;
        }
        write_counted(&mut out, &bytes[start..end]).map_err(io)?;
        start = end;
        if SIGNALLED.load(std::sync::atomic::Ordering::SeqCst) {
            out.flush().map_err(io)?;
            exit_interrupted();
        }
    }
    write_counted(&mut out, &bytes[start..]).map_err(io)?;
    out.flush().map_err(io)
}

/// How many bytes of whole results [`write_stdout_records`] writes before
/// it looks for an interrupt: a pipe's worth.
const RECORDS_PER_WRITE_BYTES: usize = 64 * 1024;

/// `write_all`, counting in [`WRITTEN`] what each write call took.
fn write_counted(out: &mut impl Write, mut bytes: &[u8]) -> std::io::Result<()> {
    while !bytes.is_empty() {
        match out.write(bytes) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => {
                bytes = &bytes[n..];
                WRITTEN.fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// How long an interrupt waits while stdout takes none of the output being
/// written. A reader that stopped reading (a stalled pipe, a FIFO nobody
/// drains) would otherwise keep a write, and so the exit, waiting for ever:
/// Ctrl-C, `timeout` and a CI cancel could not stop it. A slow reader that
/// is still reading is waited for.
const INTERRUPT_GRACE: std::time::Duration = std::time::Duration::from_secs(2);

/// Set by the signal handler itself, at the moment Ctrl-C or SIGTERM
/// arrives. The exit runs on ctrlc's own thread, which may be scheduled a
/// little later; until then [`exit_if_interrupted`] lets the main thread
/// see the interrupt. Without it, `cat | dbadvisor recommend` and Ctrl-C
/// could race: `cat` dies, the input ends, and the result of the cut-off
/// input was written with status 0 (or "no answers given", status 2)
/// before the exit thread ran.
static SIGNALLED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// How many times Ctrl-C or SIGTERM has come, counted on a thread of its
/// own: a second one means "quit now", and the exit's wait for the result
/// being written ends.
static INTERRUPTS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Exits 130 if Ctrl-C or SIGTERM has arrived (see `SIGNALLED`); called
/// before anything is written, and before the exit status is returned.
pub fn exit_if_interrupted() {
    if SIGNALLED.load(std::sync::atomic::Ordering::SeqCst) {
        exit_interrupted();
    }
}

/// The terminal's modes as dbadvisor found them, put back on an interrupt.
/// A prompt holds the terminal raw (no echo, no line editing, no Ctrl-C)
/// only while it waits for a key, and puts the modes back itself after each
/// one; a signal from outside (`kill`, `timeout`, a closed window) can come
/// in that wait, and exiting then would leave the shell typing blind.
#[cfg(unix)]
static TERMINAL_MODES: std::sync::OnceLock<rustix::termios::Termios> = std::sync::OnceLock::new();

fn save_terminal_modes() {
    #[cfg(unix)]
    if std::io::stdin().is_terminal() {
        if let Ok(modes) = rustix::termios::tcgetattr(std::io::stdin()) {
            let _ = TERMINAL_MODES.set(modes);
        }
    }
}

fn restore_terminal_modes() {
    #[cfg(unix)]
    if let Some(modes) = TERMINAL_MODES.get() {
        let _ = rustix::termios::tcsetattr(
            std::io::stdin(),
            rustix::termios::OptionalActions::Now,
            modes,
        );
    }
}

/// Puts the terminal's modes back, shows the cursor again if a prompt hid
/// it, and exits 130.
fn exit_interrupted() -> ! {
    restore_terminal_modes();
    // A dumb terminal had its prompts as plain lines: no cursor was hidden,
    // and the escape code would show as text. Either way the shell's prompt
    // goes on a line of its own, not after the `^C`.
    if std::io::stderr().is_terminal() {
        let term = console::Term::stderr();
        if !dumb_terminal() {
            let _ = term.show_cursor();
        }
        let _ = term.write_line("");
    }
    std::process::exit(i32::from(crate::error::exit::INTERRUPTED));
}

/// On Ctrl-C or SIGTERM: wait for the result being written (if any) to
/// finish, unless stdout takes none of it for `INTERRUPT_GRACE` or another
/// Ctrl-C or SIGTERM comes, show the cursor again if a
/// prompt hid it, and exit 130. Installing twice is harmless (the second
/// call is ignored).
pub fn install_interrupt_handler() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        save_terminal_modes();
        let _ = ctrlc::set_handler(|| {
            let written = || WRITTEN.load(std::sync::atomic::Ordering::Relaxed);
            let (mut seen, mut deadline) = (written(), std::time::Instant::now() + INTERRUPT_GRACE);
            let _whole = loop {
                match WRITING.try_lock() {
                    Ok(guard) => break Some(guard),
                    Err(std::sync::TryLockError::Poisoned(p)) => break Some(p.into_inner()),
                    Err(std::sync::TryLockError::WouldBlock) => {
                        let now = std::time::Instant::now();
                        if INTERRUPTS.load(std::sync::atomic::Ordering::SeqCst) > 1 {
                            break None;
                        } else if written() != seen {
                            (seen, deadline) = (written(), now + INTERRUPT_GRACE);
                        } else if now >= deadline {
                            break None;
                        }
                        std::thread::sleep(std::time::Duration::from_millis(5));
                    }
                }
            };
            exit_interrupted();
        });
        // Registered after ctrlc, whose handler signal-hook then chains.
        for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
            let _ = signal_hook::flag::register(signal, &SIGNALLED);
        }
        let interrupts = [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM];
        if let Ok(mut signals) = signal_hook::iterator::Signals::new(interrupts) {
            std::thread::spawn(move || {
                for _ in signals.forever() {
                    INTERRUPTS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                }
            });
        }
    });
}

#[cfg(test)]
mod tests {
    use super::{colour_auto, terminal_columns};

    #[test]
    fn a_terminal_of_zero_columns_has_an_unknown_width() {
        let env = |v: &str| Some(std::ffi::OsString::from(v));
        assert_eq!(terminal_columns(Some(120), env("60")), Some(120));
        assert_eq!(terminal_columns(Some(0), env("60")), Some(60));
        assert_eq!(terminal_columns(None, env("72")), Some(72));
        assert_eq!(terminal_columns(Some(0), None), None);
        assert_eq!(terminal_columns(Some(0), env("0")), None);
        assert_eq!(terminal_columns(Some(0), env("wide")), None);
    }

    #[test]
    fn colour_follows_no_color_clicolor_and_clicolor_force() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| std::ffi::OsString::from(v))
            }
        };
        assert!(colour_auto(true, env(&[])));
        assert!(!colour_auto(false, env(&[])));
        assert!(colour_auto(
            true,
            env(&[("NO_COLOR", ""), ("CLICOLOR", "1"), ("TERM", "xterm")])
        ));
        assert!(!colour_auto(true, env(&[("NO_COLOR", "1")])));
        assert!(!colour_auto(true, env(&[("CLICOLOR", "0")])));
        assert!(!colour_auto(true, env(&[("TERM", "dumb")])));
        // CLICOLOR_FORCE colours a pipe and a dumb terminal too; only
        // NO_COLOR wins over it, and `0` or empty forces nothing.
        assert!(colour_auto(false, env(&[("CLICOLOR_FORCE", "1")])));
        assert!(colour_auto(
            true,
            env(&[("CLICOLOR_FORCE", "1"), ("CLICOLOR", "0"), ("TERM", "dumb")])
        ));
        assert!(!colour_auto(
            false,
            env(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")])
        ));
        assert!(!colour_auto(false, env(&[("CLICOLOR_FORCE", "0")])));
        assert!(!colour_auto(false, env(&[("CLICOLOR_FORCE", "")])));
    }
}
