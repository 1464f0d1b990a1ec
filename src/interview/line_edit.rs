//! The text being typed at a number prompt, and the editing keys on it.
//!
//! dialoguer's text prompt moved the cursor by arithmetic that counts the
//! whole prompt as one row: with the question on rows of its own above the
//! input, a Backspace in the middle of a number left the cursor columns
//! away from the text, and what the screen showed (`500`) was not what was
//! taken (`5,700`). The prompt here redraws the input from this state after
//! every key instead, so the screen always shows what Enter takes.

/// What a key did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// The text or the cursor changed (or nothing did): draw it again.
    Changed,
    /// Enter: take the text.
    Submit,
    /// Esc: go back a question.
    Back,
}

/// A line of text and a cursor in it (counted in chars).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    chars: Vec<char>,
    cursor: usize,
    /// The rest of an escape sequence the terminal library did not know
    /// still to come, as plain chars: it is skipped, not typed in.
    skipping: EscapeSkip,
}

/// The rest of an escape sequence the terminal library did not know, which
/// comes as plain chars to be skipped, not typed in: at a number prompt and
/// in a list alike.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EscapeSkip(Skip);

impl EscapeSkip {
    /// Whether `key` is part of an unknown escape sequence (its start, as
    /// console reads it, or a char of its rest), to be ignored.
    pub fn swallows(&mut self, key: &console::Key) -> bool {
        use console::Key;
        match (self.0, key) {
            (Skip::ToFinal, Key::Char(c)) => {
                if is_final(*c) {
                    self.0 = Skip::Nothing;
                }
                return true;
            }
            (Skip::One, Key::Char(_)) => {
                self.0 = Skip::Nothing;
                return true;
            }
            _ => self.0 = Skip::Nothing,
        }
        let Key::UnknownEscSeq(seq) = key else {
            return false;
        };
        self.0 = match seq.as_slice() {
            ['[', .., last] if seq.len() > 1 && is_final(*last) => Skip::Nothing,
            ['[', ..] => Skip::ToFinal,
            ['O'] => Skip::One,
            _ => Skip::Nothing,
        };
        true
    }
}

/// What is left of an unknown escape sequence (`Ctrl-←` is `ESC [1;5D`,
/// of which console reads `ESC [1;` and leaves `5D` to come as keys, which
/// typed in made `12` read `15D2`, and `0.0` with `Ctrl-↓` a number).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Skip {
    #[default]
    Nothing,
    /// Up to a CSI sequence's final byte (`@` to `~`), which ends it.
    ToFinal,
    /// One char (the key of an SS3 sequence, `ESC O P` for F1).
    One,
}

/// Whether `c` ends a CSI escape sequence.
fn is_final(c: char) -> bool {
    ('\u{40}'..='\u{7e}').contains(&c)
}

impl LineEdit {
    /// `initial` typed in, the cursor after it.
    pub fn new(initial: &str) -> Self {
        let chars: Vec<char> = initial.chars().collect();
        LineEdit {
            cursor: chars.len(),
            chars,
            skipping: EscapeSkip::default(),
        }
    }

    /// The text.
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// The text before the cursor.
    pub fn before_cursor(&self) -> String {
        self.chars[..self.cursor].iter().collect()
    }

    /// Applies one key: the usual line-editing keys of a shell (arrows,
    /// Home/End and Ctrl-A/Ctrl-E, Backspace, Delete, Ctrl-U and Ctrl-K to
    /// the start or end, Ctrl-W a word back); other control keys do nothing.
    pub fn key(&mut self, key: &console::Key) -> Edit {
        use console::Key;
        if self.skipping.swallows(key) {
            return Edit::Changed;
        }
        match key {
            Key::Enter => return Edit::Submit,
            Key::Escape => return Edit::Back,
            Key::Char('\u{15}') => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            Key::Char('\u{0b}') => self.chars.truncate(self.cursor),
            Key::Char('\u{17}') => {
                let spaces = self.chars[..self.cursor]
                    .iter()
                    .rev()
                    .take_while(|c| c.is_whitespace())
                    .count();
                let word = self.chars[..self.cursor - spaces]
                    .iter()
                    .rev()
                    .take_while(|c| !c.is_whitespace())
                    .count();
                let from = self.cursor - spaces - word;
                self.chars.drain(from..self.cursor);
                self.cursor = from;
            }
            Key::Char(c) if !c.is_control() => {
                self.chars.insert(self.cursor, *c);
                self.cursor += 1;
            }
            Key::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            Key::Del if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            Key::ArrowLeft => self.cursor = self.cursor.saturating_sub(1),
            Key::ArrowRight => self.cursor = (self.cursor + 1).min(self.chars.len()),
            Key::Home => self.cursor = 0,
            Key::End => self.cursor = self.chars.len(),
            _ => {}
        }
        Edit::Changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use console::Key;

    fn typed(initial: &str, keys: &[Key]) -> (String, String) {
        let mut line = LineEdit::new(initial);
        for key in keys {
            line.key(key);
        }
        (line.text(), line.before_cursor())
    }

    fn chars(text: &str) -> Vec<Key> {
        text.chars().map(Key::Char).collect()
    }

    #[test]
    fn editing_keys_change_the_text_where_the_cursor_is() {
        // The QA case: 5000, two left, Backspace, 7 is 5700, not 500.
        let mut keys = chars("5000");
        keys.extend([
            Key::ArrowLeft,
            Key::ArrowLeft,
            Key::Backspace,
            Key::Char('7'),
        ]);
        assert_eq!(typed("", &keys), ("5700".into(), "57".into()));
        // Home then a digit puts it first; End then Backspace drops the last.
        let keys = [Key::Home, Key::Char('1'), Key::End, Key::Backspace];
        assert_eq!(typed("500", &keys), ("150".into(), "150".into()));
        // Delete takes the char under the cursor; at the end, nothing.
        let keys = [Key::Home, Key::ArrowRight, Key::Del];
        assert_eq!(typed("5000", &keys), ("500".into(), "5".into()));
        assert_eq!(typed("5", &[Key::Del]), ("5".into(), "5".into()));
        // Ctrl-U clears to the start, Ctrl-K to the end.
        let keys = [Key::ArrowLeft, Key::Char('\u{15}')];
        assert_eq!(typed("20 GB", &keys), ("B".into(), "".into()));
        let keys = [Key::Home, Key::ArrowRight, Key::Char('\u{0b}')];
        assert_eq!(typed("20 GB", &keys), ("2".into(), "2".into()));
        // Ctrl-W takes the word before the cursor and the spaces after it.
        assert_eq!(
            typed("1.5 TB ", &[Key::Char('\u{17}')]),
            ("1.5 ".into(), "1.5 ".into())
        );
        // At the ends, moving and deleting stop; control keys add nothing.
        let keys = [Key::ArrowLeft, Key::Backspace, Key::Char('\t'), Key::Tab];
        assert_eq!(typed("", &keys), (String::new(), String::new()));
        assert_eq!(typed("9", &[Key::ArrowRight]), ("9".into(), "9".into()));
    }

    #[test]
    fn unknown_escape_sequences_type_nothing() {
        // What console gives for Ctrl-← (ESC [1;5D), Ctrl-↓ after `0.0`,
        // F5 (ESC [15~), Shift-F5 (ESC [15;2~) and F1 (ESC O P).
        let seq = |s: &str| Key::UnknownEscSeq(s.chars().collect());
        let cases: [(&str, Vec<Key>, &str); 5] = [
            (
                "12",
                vec![Key::ArrowLeft, seq("[1;"), Key::Char('5'), Key::Char('D')],
                "12",
            ),
            (
                "0.0",
                vec![seq("[1;"), Key::Char('5'), Key::Char('B')],
                "0.0",
            ),
            ("1", vec![seq("[15"), Key::Char('~')], "1"),
            (
                "1",
                vec![seq("[15"), Key::Char(';'), Key::Char('2'), Key::Char('~')],
                "1",
            ),
            ("1", vec![seq("O"), Key::Char('P')], "1"),
        ];
        for (initial, keys, text) in cases {
            assert_eq!(typed(initial, &keys).0, text, "{keys:?}");
        }
        // A complete unknown sequence leaves the next key alone; so does
        // Alt with a letter (ESC b).
        let keys = [seq("[1~"), Key::Char('7')];
        assert_eq!(typed("", &keys).0, "7");
        assert_eq!(typed("", &[seq("b"), Key::Char('7')]).0, "7");
    }

    #[test]
    fn enter_takes_and_esc_goes_back() {
        let mut line = LineEdit::new("12");
        assert_eq!(line.key(&Key::Enter), Edit::Submit);
        assert_eq!(line.key(&Key::Escape), Edit::Back);
        assert_eq!(line.key(&Key::Char('3')), Edit::Changed);
        assert_eq!(line.text(), "123");
    }
}
