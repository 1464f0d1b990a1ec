//! The prompts for a terminal that cannot move its cursor (`TERM=dumb`:
//! Emacs's `M-x shell`, some screen-reader set-ups, a serial console). The
//! select lists and redrawn prompts of [`super::Terminal`] would show there
//! as escape codes; here every prompt is written once, as plain lines, and
//! answered by typing a line, which the terminal itself lets one edit.

use std::io::{BufRead, Write};

use super::prompter::{laid_out, Check, Prompter, Reply, BACK_TEXT};
use crate::error::{Error, Result};

/// Line-by-line prompts on stderr, answers read from stdin.
pub struct Plain {
    columns: Option<usize>,
}

impl Plain {
    /// Plain prompts, laid out to the terminal's width when it says.
    pub fn new() -> Self {
        Plain {
            columns: crate::output::stderr_columns().map(usize::from),
        }
    }

    fn write(&self, text: &str) -> Result<()> {
        let mut err = std::io::stderr().lock();
        err.write_all(text.as_bytes())
            .and_then(|()| err.flush())
            .map_err(|e| Error::io("writing to the terminal", e))
    }

    /// Writes `prompt` (no newline) and reads a line; the end of the input
    /// (Ctrl-D) ends the interview as Ctrl-C does.
    fn read(&self, prompt: &str) -> Result<String> {
        self.write(prompt)?;
        let mut line = String::new();
        let read = std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Error::io("reading from the terminal", e))?;
        crate::output::exit_if_interrupted();
        // The end of the input, also after text typed without Enter
        // (Ctrl-D twice): that text was not given as an answer.
        if read == 0 || !line.ends_with('\n') {
            let _ = self.write("\n");
            return Err(Error::Interrupted);
        }
        Ok(line.trim().to_owned())
    }
}

impl Default for Plain {
    fn default() -> Self {
        Self::new()
    }
}

impl Prompter for Plain {
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<Reply<usize>> {
        let mut text = laid_out(prompt, self.columns);
        for (i, item) in items.iter().enumerate() {
            text.push('\n');
            text.push_str(&laid_out(&format!("  {}) {item}", i + 1), self.columns));
        }
        text.push('\n');
        self.write(&text)?;
        let ask = format!(
            "Type 1 to {} (Enter for {}; {BACK_TEXT} goes back): ",
            items.len(),
            default + 1
        );
        loop {
            let typed = self.read(&ask)?;
            if typed == BACK_TEXT {
                return Ok(Reply::Back);
            }
            let pick = if typed.is_empty() {
                Some(default)
            } else {
                typed
                    .parse::<usize>()
                    .ok()
                    .filter(|n| (1..=items.len()).contains(n))
                    .map(|n| n - 1)
            };
            match pick {
                Some(pick) => {
                    self.write(&format!("  = {}\n", items[pick]))?;
                    return Ok(Reply::Answer(pick));
                }
                None => self.write(&format!(
                    "error: `{}` is not one of 1 to {}\n",
                    crate::raw::clipped(&typed),
                    items.len()
                ))?,
            }
        }
    }

    fn text(&mut self, prompt: &str, initial: &str, check: &Check) -> Result<Reply<String>> {
        self.write(&format!("{}\n", laid_out(prompt, self.columns)))?;
        // A line cannot be typed in for the person here: the answer given
        // before going back is said, to type again.
        if !initial.is_empty() {
            self.write(&format!("  (answered before: {initial})\n"))?;
        }
        loop {
            let typed = self.read("> ")?;
            if typed == BACK_TEXT {
                return Ok(Reply::Back);
            }
            match check(&typed) {
                Ok(shown) => {
                    let shown = if shown.is_empty() {
                        super::NOT_SURE.to_owned()
                    } else {
                        shown
                    };
                    self.write(&format!("  = {shown}\n"))?;
                    return Ok(Reply::Answer(typed));
                }
                Err(why) => self.write(&format!("error: {why}\n"))?,
            }
        }
    }

    fn say(&mut self, line: &str) {
        let _ = self.write(&format!("{}\n", laid_out(line, self.columns)));
    }

    fn say_verbatim(&mut self, line: &str) {
        let _ = self.write(&format!("{line}\n"));
    }
}
