//! Breaking long text lines to a terminal's width, for the table format on
//! a terminal (piped output keeps one line per item, for grep and diff).
//!
//! A line that is too long is broken at spaces and continued under its text
//! column: for "    +2  Scalability        Over 10,000 writes/s …" that is
//! where "Over" starts (the start of the last run of two or more spaces in
//! the first half of the line), else two columns past the line's indent.
//! A number and the unit after it ("1 KB", "3,000 read units/s") break
//! apart only when together they are wider than a line. ANSI colour codes
//! take no width. A word longer than the room is left whole rather than cut
//! (a URL stays copyable), except that text in a script written without
//! spaces (Chinese, Japanese) may break between any two of its wide
//! characters, as it does in print.

use console::{measure_text_width, strip_ansi_codes};

/// Glue: words joined by it (`⇒ Amazon DynamoDB`) break apart only when
/// together they are wider than a line, and it is written as a space (a
/// copied line matches the piped one).
const GLUE: char = '\u{a0}';

/// `text` with every line longer than `width` columns broken at spaces.
pub fn wrap_lines(text: &str, width: usize) -> String {
    let out = wrap_at_spaces(text, width);
    if out.contains(GLUE) {
        out.replace(GLUE, " ")
    } else {
        out
    }
}

fn wrap_at_spaces(text: &str, width: usize) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.split_inclusive('\n') {
        let (body, newline) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        if measure_text_width(body) <= width {
            out.push_str(line);
            continue;
        }
        wrap_line(body, width, &mut out);
        out.push_str(newline);
    }
    out
}

fn wrap_line(line: &str, width: usize, out: &mut String) {
    let indent = hanging_indent(&strip_ansi_codes(line), width);
    // The part before the text column stays as it is; the rest is words.
    let split = byte_at_column(line, indent);
    let (head, rest) = line.split_at(split);
    let room = width.saturating_sub(indent).max(1);
    out.push_str(head);
    // Whether a space is owed before the next word on this line. The text
    // column can fall right after a word ("  It| changes …" when the line
    // has no columns): that space separates two words and must stay.
    let plain_head = strip_ansi_codes(head);
    let gap = rest.starts_with(' ') && !plain_head.is_empty() && !plain_head.ends_with(' ');
    fill(rest, indent, room, gap, out);
}

/// `text` as lines that start `indent` columns in and end by `width`,
/// broken at spaces (a word longer than the room stays whole).
pub fn indented(text: &str, indent: usize, width: usize) -> String {
    let mut out = " ".repeat(indent);
    fill(
        text,
        indent,
        width.saturating_sub(indent).max(1),
        false,
        &mut out,
    );
    out
}

/// Appends the words of `rest`, starting a new line indented by `indent`
/// whenever the next word would pass `room` columns. `gap`: a space is owed
/// before the first word.
fn fill(rest: &str, indent: usize, room: usize, mut gap: bool, out: &mut String) {
    let mut used = 0;
    // A glued unit wider than a whole line is its words again.
    let units = units(rest).into_iter().flat_map(|(word, joined)| {
        let parts: Vec<(String, bool)> = if word.contains(GLUE) && measure_text_width(&word) > room
        {
            word.split(GLUE)
                .enumerate()
                .map(|(i, part)| (part.to_owned(), joined && i == 0))
                .collect()
        } else {
            vec![(word, joined)]
        };
        parts
    });
    for (word, joined) in units {
        let word = word.as_str();
        let w = measure_text_width(word);
        let space = usize::from(!joined);
        if gap && used + space + w > room {
            out.push('\n');
            out.extend(std::iter::repeat_n(' ', indent));
            used = 0;
            gap = false;
        }
        if gap && !joined {
            out.push(' ');
            used += 1;
        }
        // Glue is written as a space, also by [`indented`].
        out.extend(word.chars().map(|c| if c == GLUE { ' ' } else { c }));
        used += w;
        gap = true;
    }
}

/// The units a line may break between: the words of `rest` (a number glued
/// to its unit, [`numbers_with_units`]), a separator dot (`a · b`) kept
/// with the word before it, so no line starts with one
/// ("· provisioned $6.25" read as a list); and within a word, each wide
/// character apart, `true` marking a unit joined to the one before (no space
/// between them).
fn units(rest: &str) -> Vec<(String, bool)> {
    let mut units: Vec<(String, bool)> = Vec::new();
    for word in numbers_with_units(rest) {
        match units.last_mut() {
            Some((last, _)) if word == "·" => {
                last.push(' ');
                last.push_str(&word);
            }
            _ => {
                let mut joined = false;
                for piece in wide_pieces(&word) {
                    units.push((piece.to_owned(), joined));
                    joined = true;
                }
            }
        }
    }
    units
}

/// The words of `rest`, a number glued to the unit after it ("1 KB",
/// "3,000 read units/s", "0.5 ACU", "$0.12 per"), so that no line ends
/// with a number whose unit starts the next.
fn numbers_with_units(rest: &str) -> Vec<String> {
    let words: Vec<&str> = rest.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let mut word = words[i].to_owned();
        let glued = if is_number(words[i]) {
            unit_words(&words[i + 1..])
        } else {
            0
        };
        for next in &words[i + 1..=i + glued] {
            word.push(GLUE);
            word.push_str(next);
        }
        out.push(word);
        i += 1 + glued;
    }
    out
}

/// Whether `word` is a number as the output writes one: digits grouped by
/// commas, maybe a decimal part, maybe after an opening bracket, a sign,
/// `~` or a currency sign ("(100", "$44,210.94", "−2.5"). A number followed
/// by punctuation ("10," in a list) ends a phrase and is not.
fn is_number(word: &str) -> bool {
    let digits = word.trim_start_matches(['(', '[', '~', '≈', '+', '-', '−', '$', '€', '£']);
    digits.starts_with(|c: char| c.is_ascii_digit())
        && digits.ends_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// Units written as words after a number.
const UNITS: &[&str] = &[
    "B", "bytes", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "ms", "s", "h",
    "seconds", "minutes", "hours", "days", "months", "%", "items", "item", "points", "point",
    "pages", "page", "ACU", "ACUs", "RCU", "RCUs", "WCU", "WCUs", "million", "billion", "USD",
    "EUR", "GBP",
];

/// How many of `words` (those after a number) are its unit: 0 when they do
/// not start with one; "KB", "writes/s", "ACU-hours" (a known unit, a rate
/// per second or a unit with a suffix) are one; "read units/s", "write
/// units" and a word before a rate ("simple reads/s") are two.
fn unit_words<'a>(words: &[&'a str]) -> usize {
    let bare = |w: &'a str| w.trim_end_matches([')', ']', '.', ',', ';', ':', '!', '?']);
    let Some(first) = words.first().map(|w| bare(w)) else {
        return 0;
    };
    let known =
        |w: &str| UNITS.contains(&w) || w.split_once('-').is_some_and(|(u, _)| UNITS.contains(&u));
    let second = words.get(1).map_or("", |w| bare(w));
    if ((first == "read" || first == "write")
        && (second.starts_with("unit") || second.starts_with("request")))
        || (second.ends_with("/s") && !first.ends_with("/s"))
    {
        2
    } else if known(first) || (first.ends_with("/s") && first.len() > 2) {
        1
    } else {
        0
    }
}

/// `word` cut before each wide character (and after the last of a run),
/// except before the punctuation that must not start a line (`。`, `、`, `」`…).
fn wide_pieces(word: &str) -> Vec<&str> {
    let wide = |c: char| measure_text_width(c.encode_utf8(&mut [0; 4])) == 2;
    let closing = |c: char| "、。，．：；？！）」』】〕〉》ー・".contains(c);
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut previous_wide = false;
    for (i, c) in word.char_indices() {
        let is_wide = wide(c);
        if i > start && (is_wide || previous_wide) && !closing(c) {
            pieces.push(&word[start..i]);
            start = i;
        }
        previous_wide = is_wide;
    }
    pieces.push(&word[start..]);
    pieces
}

/// The column continuation lines start at (see the module comment).
fn hanging_indent(plain: &str, width: usize) -> usize {
    let chars: Vec<char> = plain.chars().collect();
    let leading = chars.iter().take_while(|c| **c == ' ').count();
    let limit = (width / 2).min(chars.len());
    let mut column = None;
    let mut i = leading;
    while i + 2 < limit {
        if chars[i] == ' ' && chars[i + 1] == ' ' {
            let mut j = i;
            while j < chars.len() && chars[j] == ' ' {
                j += 1;
            }
            if j < limit {
                column = Some(j);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    column.unwrap_or((leading + 2).min(width / 2))
}

/// The byte index in `line` (which may hold ANSI codes) where visible
/// column `column` begins.
fn byte_at_column(line: &str, column: usize) -> usize {
    let mut seen = 0;
    let mut escape = false;
    for (i, c) in line.char_indices() {
        if escape {
            // A CSI sequence ends with a letter.
            if c.is_ascii_alphabetic() {
                escape = false;
            }
            continue;
        }
        if c == '\x1b' {
            escape = true;
            continue;
        }
        if seen == column {
            return i;
        }
        seen += console::measure_text_width(c.encode_utf8(&mut [0; 4]));
    }
    line.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indented_text_keeps_its_indent_on_every_line() {
        assert_eq!(
            indented("one two three four", 4, 14),
            "    one two\n    three four"
        );
        assert_eq!(indented("short", 2, 40), "  short");
    }

    /// A separator dot stays at the end of a line, never starting one.
    #[test]
    fn no_line_starts_with_a_separator_dot() {
        let line = "  Amazon Aurora    Standard at least $5.00 (incomplete) · I/O-Optimized at least $11.25 (incomplete)";
        for width in 40..100 {
            let wrapped = wrap_lines(line, width);
            assert!(
                wrapped.lines().all(|l| !l.trim_start().starts_with('·')),
                "{width}:\n{wrapped}"
            );
            assert_eq!(
                wrapped.split_whitespace().collect::<Vec<_>>(),
                line.split_whitespace().collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn glued_words_stay_together_unless_wider_than_a_line() {
        let line = "  item_size_kb: 2 KB → 401 KB  ⇒\u{a0}Amazon\u{a0}Aurora (a hard limit)";
        // Together on the next line, written with plain spaces.
        assert_eq!(
            wrap_lines(line, 40),
            "  item_size_kb: 2 KB → 401 KB\n    ⇒ Amazon Aurora (a hard limit)"
        );
        // Wider than the room: broken at its glue like any words.
        let narrow = wrap_lines(line, 12);
        assert!(!narrow.contains('\u{a0}'), "{narrow}");
        // (Only a word longer than the room alone passes it.)
        assert!(
            narrow
                .lines()
                .all(|l| l.chars().count() <= 12 || !l.trim().contains(' ')),
            "{narrow}"
        );
        assert!(narrow.contains("⇒\n    Amazon"), "{narrow}");
    }

    /// A number and its unit stay on one line ("…takes one unit per 1" /
    /// "KB)." was shown at 60 columns), written with a plain space.
    #[test]
    fn a_number_stays_with_its_unit() {
        let lines = [
            "    +1  Scalability   An item up to 4 KB is read with one DynamoDB read unit, so a partition's 3,000 read units/s serve the most reads of it (a write still takes one unit per 1 KB).",
            "  compute  $26.28  (100 items of 500 GB, 1 instance × 0.5 ACU per instance), 1,000 simple operations/s per ACU at 10 ms",
        ];
        let glued = [
            "4 KB",
            "3,000 read units/s",
            "1 KB).",
            "(100 items",
            "500 GB,",
            "0.5 ACU",
            "1,000 simple operations/s",
            "10 ms",
        ];
        for line in lines {
            for width in 50..=120 {
                for wrapped in [
                    wrap_lines(line, width),
                    indented(line.trim_start(), 4, width),
                ] {
                    assert!(!wrapped.contains(GLUE), "{width}: {wrapped:?}");
                    let flat = wrapped.split_whitespace().collect::<Vec<_>>().join(" ");
                    assert_eq!(flat, line.split_whitespace().collect::<Vec<_>>().join(" "));
                    for pair in glued.iter().filter(|g| line.contains(*g)) {
                        assert!(
                            wrapped.contains(pair),
                            "{width}: {pair:?} split:\n{wrapped}"
                        );
                    }
                }
            }
        }
        // A number not before a unit still ends a line when it must.
        assert_eq!(
            wrap_lines("  no weight from 0 to 1,000 changes it", 28),
            "  no weight from 0 to 1,000\n    changes it"
        );
    }

    #[test]
    fn short_lines_are_left_alone() {
        assert_eq!(wrap_lines("a b c\n\nd\n", 10), "a b c\n\nd\n");
    }

    #[test]
    fn a_long_line_continues_under_its_text_column() {
        let line = "    +2  Scalability   Over 10,000 writes/s, DynamoDB partitions writes";
        let wrapped = wrap_lines(line, 50);
        assert_eq!(
            wrapped,
            "    +2  Scalability   Over 10,000 writes/s,\n                      DynamoDB partitions writes"
        );
        assert!(wrapped.lines().all(|l| l.chars().count() <= 50));
    }

    #[test]
    fn without_columns_it_hangs_two_past_the_indent() {
        let wrapped = wrap_lines(
            "  Could change it: item_size_kb, data_shape and 12 more.",
            30,
        );
        assert_eq!(
            wrapped,
            "  Could change it:\n    item_size_kb, data_shape\n    and 12 more."
        );
    }

    #[test]
    fn colour_codes_take_no_width_and_survive() {
        let red = "\x1b[31m";
        let reset = "\x1b[0m";
        let line = format!("  {red}!{reset}  Aurora: the peak writes need about 200 ACUs");
        let wrapped = wrap_lines(&line, 30);
        assert!(wrapped.starts_with(&format!("  {red}!{reset}  Aurora: the peak")));
        for l in wrapped.lines() {
            assert!(measure_text_width(l) <= 30, "{l:?}");
        }
        assert_eq!(strip_ansi_codes(&wrapped).split_whitespace().count(), 9);
    }

    /// The words, in order, whatever the width: wrapping only moves
    /// line breaks (a space used to vanish when the text column fell
    /// right after a word, giving "Afinancial" and "Itchanges").
    #[test]
    fn wrapping_keeps_every_word_apart() {
        let lines = [
            "  “A financial services application processing stock trades would choose Aurora.”",
            "  It changes only if: peak_writes_per_sec over 100,000 writes/s (you said 800 writes/s)",
            "  No single axis weight from 0 to 1,000 changes it.",
            "    +2  Scalability        Over 10,000 writes/s, DynamoDB partitions writes across servers.",
            "  \x1b[1mA\x1b[0m bold start and a long tail of words to wrap at every width here",
        ];
        for line in lines {
            let words: Vec<String> = strip_ansi_codes(line)
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            for width in 8..=100 {
                let wrapped = strip_ansi_codes(&wrap_lines(line, width)).into_owned();
                let got: Vec<&str> = wrapped.split_whitespace().collect();
                assert_eq!(got, words, "width {width}: {wrapped:?}");
            }
        }
    }

    /// Text without spaces between its words breaks between its wide
    /// characters, never before closing punctuation; every character kept.
    #[test]
    fn chinese_and_japanese_text_breaks_between_characters() {
        let line = "  ! 在线新闻门户网站在突发新闻期间流量激增。読み取りレプリカで読み取りを処理します、主データベースに影響しません。";
        for width in 12..60 {
            let wrapped = wrap_lines(line, width);
            for l in wrapped.lines() {
                assert!(measure_text_width(l) <= width, "{width}: {l:?}");
                assert!(!l.trim_start().starts_with(['。', '、']), "{width}: {l:?}");
            }
            let joined: String = wrapped.lines().map(str::trim_start).collect();
            assert_eq!(joined, line.trim_start(), "{width}");
        }
    }

    #[test]
    fn a_word_longer_than_the_room_stays_whole() {
        let wrapped = wrap_lines("  x https://example.com/a/very/long/path/indeed", 20);
        assert!(wrapped.contains("https://example.com/a/very/long/path/indeed"));
    }
}
