//! The prompting seam: a small trait in front of dialoguer, so the question
//! flow can be unit-tested with a scripted implementation.

use std::collections::VecDeque;

use crate::error::{Error, Result};

/// What the interview needs from a terminal.
pub trait Prompter {
    /// Picks one of `items`; returns its index.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize>;
    /// Reads a line of text; `check` returns why a text is refused, and the
    /// prompt is asked again until it accepts. An empty answer is allowed.
    fn text(
        &mut self,
        prompt: &str,
        check: &dyn Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String>;
    /// A yes/no question.
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool>;
    /// A line of information (progress, the current lean).
    fn say(&mut self, line: &str);
}

/// The real terminal, through dialoguer. Prompts go to stderr.
pub struct Terminal {
    theme: Box<dyn dialoguer::theme::Theme>,
    term: console::Term,
}

impl Terminal {
    /// A terminal prompter; `color` picks the coloured theme.
    pub fn new(color: bool) -> Self {
        let theme: Box<dyn dialoguer::theme::Theme> = if color {
            Box::new(dialoguer::theme::ColorfulTheme::default())
        } else {
            Box::new(dialoguer::theme::SimpleTheme)
        };
        Terminal {
            theme,
            term: console::Term::stderr(),
        }
    }
}

fn prompt_error(e: dialoguer::Error) -> Error {
    let dialoguer::Error::IO(io) = e;
    if io.kind() == std::io::ErrorKind::Interrupted {
        Error::Interrupted
    } else {
        Error::io("reading from the terminal", io)
    }
}

impl Prompter for Terminal {
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<usize> {
        dialoguer::Select::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .items(items)
            .default(default)
            .interact_on(&self.term)
            .map_err(prompt_error)
    }

    fn text(
        &mut self,
        prompt: &str,
        check: &dyn Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        dialoguer::Input::<String>::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .allow_empty(true)
            .validate_with(|text: &String| check(text))
            .interact_text_on(&self.term)
            .map_err(prompt_error)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> Result<bool> {
        dialoguer::Confirm::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .default(default)
            .interact_on(&self.term)
            .map_err(prompt_error)
    }

    fn say(&mut self, line: &str) {
        let _ = self.term.write_line(line);
    }
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
    fn select(&mut self, prompt: &str, items: &[String], _default: usize) -> Result<usize> {
        match self.next(prompt)? {
            Answer::Pick(text) => items.iter().position(|i| *i == text).ok_or_else(|| {
                Error::usage(format!("no item {text:?} in {items:?} at: {prompt}"), None)
            }),
            other => Err(Error::usage(
                format!("expected a pick, scripted {other:?} at: {prompt}"),
                None,
            )),
        }
    }

    fn text(
        &mut self,
        prompt: &str,
        check: &dyn Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        // Like the terminal: refused texts are reported and the question asked again.
        loop {
            match self.next(prompt)? {
                Answer::Type(text) => match check(&text) {
                    Ok(()) => return Ok(text),
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

    fn confirm(&mut self, prompt: &str, _default: bool) -> Result<bool> {
        match self.next(prompt)? {
            Answer::Confirm(b) => Ok(b),
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
