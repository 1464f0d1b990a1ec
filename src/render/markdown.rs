//! The Markdown format: a decision record a person pastes into a design
//! document (context = the answers, decision, reasons, alternatives, what
//! would change it, the closest worked example).

use std::borrow::Cow;
use std::fmt::Write as _;

use super::{
    answer_label, axis_title, candidate_name, change_target, change_to_label, verdict_name,
};
use crate::engine::{DecidedBy, Decision};
use crate::number;
use crate::output::Style;
use crate::pack::Pack;

/// Escapes characters that would break a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Renders the decision as a Markdown section.
pub fn markdown(pack: &Pack, d: &Decision, style: &Style) -> String {
    let explain = style.explain;
    let mut out = String::new();
    let verdict = verdict_name(pack, d);
    let _ = writeln!(out, "## Database choice: {verdict}\n");
    let how = match (d.recommendation.is_some(), d.decided_by) {
        (false, _) => String::new(),
        (true, DecidedBy::Veto) => format!(
            "; confidence {}; {}",
            d.confidence.as_str(),
            super::alternatives_ruled_out(pack)
        ),
        (true, _) => format!(
            "; confidence {}; margin {}",
            d.confidence.as_str(),
            super::count(d.margin.0, "point", "points")
        ),
    };
    let open = super::open_note(pack, d).map_or(String::new(), |n| format!("; {n}"));
    let _ = writeln!(
        out,
        "**Decision:** {verdict}{how}{open}. _(dbadvisor, pack {} {})_\n",
        d.pack.name, d.pack.version
    );
    if let Some(caveat) = super::veto_caveat(pack, d) {
        // Not one of the pack's cautions (JSON has it in no list): a note.
        let _ = writeln!(out, "**Note:** {caveat}\n");
    }
    for c in &d.cautions {
        let _ = writeln!(out, "**Caution:** {} _Source: {}._\n", c.because, c.source);
    }
    if let Some(note) = super::limit_note(pack, d) {
        let _ = writeln!(out, "**Note:** {note}\n");
    }

    let _ = writeln!(out, "### Context\n");
    let answered: Vec<_> = pack
        .fields
        .iter()
        .filter_map(|f| d.workload.get(&f.id).map(|v| (f, v)))
        .collect();
    if answered.is_empty() {
        let _ = writeln!(out, "No questions answered.\n");
    } else {
        let _ = writeln!(out, "| Question | Answer |\n|---|---|");
        for (field, value) in answered {
            let _ = writeln!(
                out,
                "| {} | {} |",
                cell(&field.question),
                cell(&answer_label(pack, &field.id, &value))
            );
        }
        out.push('\n');
    }
    if !d.unknown.is_empty() {
        let _ = writeln!(
            out,
            "Not answered: {}.\n",
            d.unknown
                .iter()
                .map(|u| format!("`{u}`"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }

    let _ = writeln!(out, "### Scores\n");
    let mut header = "| Axis | Weight |".to_owned();
    let mut rule = "|---|---:|".to_owned();
    for (cid, _) in &d.scores.0 {
        let _ = write!(header, " {} |", cell(candidate_name(pack, cid)));
        rule.push_str("---:|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for (i, axis) in pack.axes.iter().enumerate() {
        let _ = write!(
            out,
            "| {} | {} |",
            cell(&axis.title),
            number::GroupedExact(d.weights.0[i].1 .0)
        );
        for (_, score) in &d.scores.0 {
            let _ = write!(out, " {} |", number::format_grouped(score.axes.0[i].1 .0));
        }
        out.push('\n');
    }
    let _ = write!(out, "| **Total** | |");
    for (_, score) in &d.scores.0 {
        let _ = write!(out, " **{}** |", number::format_grouped(score.total.0));
    }
    out.push_str("\n\n");

    if let Some(winner) = &d.recommendation {
        let _ = writeln!(out, "### Reasons\n");
        for r in d.reasons.iter().filter(|r| r.candidate == *winner) {
            let _ = writeln!(
                out,
                "- **{}** (+{}): {}{} _Source: {}._",
                axis_title(pack, r.axis),
                number::format_grouped(r.weighted.0),
                r.because,
                super::uncounted(pack, d, r),
                r.source
            );
        }
        out.push('\n');
    }

    let _ = writeln!(out, "### Alternatives considered\n");
    for (cid, score) in &d.scores.0 {
        if d.recommendation == Some(*cid) {
            continue;
        }
        let _ = writeln!(
            out,
            "- **{}**: total {}.",
            candidate_name(pack, cid),
            number::format_grouped(score.total.0)
        );
        for x in d.excluded.iter().filter(|x| x.candidate == *cid) {
            let _ = writeln!(out, "  - Ruled out: {} _Source: {}._", x.because, x.source);
        }
        for r in d.reasons.iter().filter(|r| r.candidate == *cid) {
            let _ = writeln!(
                out,
                "  - In its favour ({}, +{}): {}{}",
                axis_title(pack, r.axis),
                number::format_grouped(r.weighted.0),
                r.because,
                super::uncounted(pack, d, r)
            );
        }
    }
    out.push('\n');

    let _ = writeln!(out, "### How solid it is\n");
    for line in super::analysis::summary(pack, d, &d.analysis) {
        let _ = writeln!(out, "- {line}");
    }
    out.push('\n');
    if explain {
        for (heading, lines) in super::analysis::explain(pack, &d.analysis) {
            let _ = writeln!(out, "#### {heading}\n");
            for line in lines {
                let _ = writeln!(out, "- {line}");
            }
            out.push('\n');
        }
    }

    let _ = writeln!(out, "### What would change the decision\n");
    if d.what_would_change.is_empty() {
        let _ = writeln!(out, "No single answer changes it.\n");
    } else {
        for c in &d.what_would_change {
            let (name, detail) = change_target(pack, c);
            let target = format!("{name}{detail}");
            let to = change_to_label(pack, c.field, &c.to);
            let _ = if c.from.is_null() {
                writeln!(out, "- `{}` (unanswered): {to} ⇒ {target}", c.field)
            } else {
                let from = answer_label(pack, c.field, &c.from);
                writeln!(out, "- `{}`: {to} instead of {from} ⇒ {target}", c.field)
            };
        }
        out.push('\n');
    }

    if let Some(e) = &d.estimates {
        let _ = writeln!(out, "### {}\n", super::estimate::heading(e));
        for line in super::estimate::summary(pack, e, style.answers_to.as_deref()) {
            let line = match line.strip_prefix("! ") {
                Some(warning) => format!("**Warning:** {warning}"),
                None => line.split_whitespace().collect::<Vec<_>>().join(" "),
            };
            let _ = writeln!(out, "- {line}");
        }
        let _ = writeln!(
            out,
            "- Cost is information beside the axis scores; it does not change the decision.\n"
        );
        // A design doc keeps the assumptions; the bills are the long form.
        for section in super::estimate::explain(pack, e) {
            if !section.bill.is_empty() && !explain {
                continue;
            }
            let _ = writeln!(out, "#### {}\n", section.heading);
            if !section.bill.is_empty() {
                let _ = writeln!(out, "| Item | Monthly | How |\n|---|--:|---|");
                for [item, monthly, formula] in &section.bill {
                    let _ = writeln!(
                        out,
                        "| {} | {} | {} |",
                        cell(item),
                        cell(monthly),
                        cell(formula)
                    );
                }
            }
            for note in &section.notes {
                let _ = writeln!(out, "- {note}");
            }
            out.push('\n');
        }
    }

    if let Some(e) = d
        .example
        .as_ref()
        .filter(|e| (e.similarity.0 * 100.0).round() == 0.0)
    {
        let _ = writeln!(
            out,
            "### Closest worked example\n\nNone; the nearest, {} (`{}`), {}.",
            e.title,
            e.id,
            super::nothing_alike(e.similarity.0)
        );
    } else if let Some(e) = d
        .example
        .as_ref()
        .filter(|e| style.quoted_example.as_deref() == Some(e.id))
    {
        let _ = writeln!(
            out,
            "### Closest worked example: this one, {} (`{}`)\n\n_{}% alike._",
            e.title,
            e.id,
            (e.similarity.0 * 100.0).round()
        );
    } else if let Some(e) = &d.example {
        let _ = writeln!(
            out,
            "### Closest worked example: {} (`{}`)\n",
            e.title, e.id
        );
        let _ = writeln!(out, "> {}\n", e.text);
        let _ = writeln!(
            out,
            "_{}; {}% alike._",
            e.section,
            (e.similarity.0 * 100.0).round()
        );
    }
    if let Some((n, percent, gives)) = super::nearest_other(pack, d) {
        if d.example.is_none() {
            out.push_str("### Closest worked example\n\n");
        } else {
            out.push('\n');
        }
        // With no recommendation the heading above says what it is.
        let label = match d.recommendation {
            Some(_) => format!("{} ", super::nearest_label(d)),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "{label}{} (`{}`), {percent}% alike ({gives}).",
            n.title, n.id
        );
    }
    // A pack's texts are written as they are, and a `<` in one could open
    // an HTML comment or tag that hides the rest of the document
    // (`because: "<!-- x"`). This renderer writes no `<` of its own.
    let out = match escape_html(&out) {
        Cow::Borrowed(_) => out, // no copy for a character it lacks
        Cow::Owned(escaped) => escaped,
    };
    match code_flags(&out) {
        Cow::Borrowed(_) => out,
        Cow::Owned(coded) => coded,
    }
}

/// `text` (Markdown) with each command-line flag outside a code span
/// (`--peak-reads-per-sec`, with its placeholder: `--average-load PCT`) put
/// in one, as a command is written in a document: plain, a Markdown
/// processor with smart punctuation turns its `--` into a dash.
pub fn code_flags(text: &str) -> Cow<'_, str> {
    if !text.contains("--") {
        return text.into();
    }
    outside_code_spans(text, |b, i| {
        let flag = b[i..].starts_with(b"--")
            && b.get(i + 2).is_some_and(u8::is_ascii_lowercase)
            && (i == 0 || matches!(b[i - 1], b' ' | b'(' | b'\t'));
        if !flag {
            return None;
        }
        let name = 2 + b[i + 2..]
            .iter()
            .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || **c == b'-')
            .count();
        let mut end = i + name;
        // A placeholder in capitals after it: `--aurora-acu N`.
        let caps = b[end..]
            .iter()
            .skip(1)
            .take_while(|c| c.is_ascii_uppercase())
            .count();
        let word_ends = |at: usize| b.get(at).is_none_or(|c| !c.is_ascii_alphanumeric());
        if b.get(end) == Some(&b' ') && caps > 0 && word_ends(end + 1 + caps) {
            end += 1 + caps;
        }
        // ASCII from `i` to `end`, so a whole `str`.
        Some((end, format!("`{}`", String::from_utf8_lossy(&b[i..end]))))
    })
}

/// `text` (Markdown) with each `<` that could start raw HTML written as
/// `&lt;`, so a pack's text cannot hide what follows it. A `<` inside a
/// code span is left (it shows as written there, and `&lt;` would show as
/// that), as is one that opens an autolink (`<https://…>`) or is escaped
/// with a backslash.
pub fn escape_html(text: &str) -> Cow<'_, str> {
    if !text.contains('<') {
        return text.into();
    }
    outside_code_spans(text, |b, i| {
        (b[i] == b'<' && autolink_len(&b[i..]).is_none()).then(|| (i + 1, "&lt;".to_owned()))
    })
}

/// `text` (Markdown) with what `replace` finds outside code spans and
/// backslash escapes replaced: called with a line's bytes at each such
/// position, it returns where the text it replaces ends and what replaces
/// it. Code spans are found as CommonMark finds them (a run of backticks
/// closed by a run as long), within a line, and in a table row within a
/// cell.
fn outside_code_spans(
    text: &str,
    mut replace: impl FnMut(&[u8], usize) -> Option<(usize, String)>,
) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let (mut line_start, mut copied) = (0, 0);
    for line in text.split_inclusive('\n') {
        let b = line.as_bytes();
        let table_row = line.starts_with('|');
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                // An escaped character is text (a multi-byte one is skipped
                // into, harmlessly: only ASCII bytes are looked at).
                b'\\' => i += 2,
                b'`' => {
                    let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                    i = match closing_backticks(b, i + run, run, table_row) {
                        Some(end) => end + run,
                        None => i + run,
                    };
                }
                _ => match replace(b, i) {
                    Some((end, with)) => {
                        let out = out.get_or_insert_with(|| String::with_capacity(text.len() + 32));
                        out.push_str(&text[copied..line_start + i]);
                        out.push_str(&with);
                        copied = line_start + end;
                        i = end;
                    }
                    None => i += 1,
                },
            }
        }
        line_start += line.len();
    }
    match out {
        None => text.into(),
        Some(mut out) => {
            out.push_str(&text[copied..]);
            out.into()
        }
    }
}

/// Where a run of exactly `run` backticks starts at or after `from`,
/// before the cell ends (an unescaped `|` in a table row).
fn closing_backticks(b: &[u8], from: usize, run: usize, table_row: bool) -> Option<usize> {
    let mut j = from;
    while j < b.len() {
        match b[j] {
            b'`' => {
                let len = b[j..].iter().take_while(|&&c| c == b'`').count();
                if len == run {
                    return Some(j);
                }
                j += len;
            }
            b'|' if table_row && b[j - 1] != b'\\' => return None,
            _ => j += 1,
        }
    }
    None
}

/// The length of the CommonMark URI autolink at the start of `b`
/// (`<scheme:…>`, the scheme 2 to 32 letters, digits, `+`, `.` or `-`
/// after a letter; no space, `<` or control character before the `>`).
fn autolink_len(b: &[u8]) -> Option<usize> {
    let scheme = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'.' | b'-'))
        .count();
    if !(2..=32).contains(&scheme)
        || !b.get(1)?.is_ascii_alphabetic()
        || b.get(1 + scheme) != Some(&b':')
    {
        return None;
    }
    let rest = &b[2 + scheme..];
    let end = rest
        .iter()
        .position(|&c| c == b'>' || c == b'<' || c <= b' ' || c == 0x7f)?;
    (rest[end] == b'>').then_some(2 + scheme + end + 1)
}

#[cfg(test)]
mod tests {
    use super::{code_flags, escape_html};

    #[test]
    fn flags_outside_code_spans_are_put_in_them() {
        let cases = [
            (
                "give --peak-reads-per-sec to",
                "give `--peak-reads-per-sec` to",
            ),
            ("give --average-load PCT to", "give `--average-load PCT` to"),
            ("(--aurora-acu N)", "(`--aurora-acu N`)"),
            ("--aurora-acu Now", "`--aurora-acu` Now"),
            ("| needs --x, or --y |", "| needs `--x`, or `--y` |"),
            // Left: in a code span, escaped, inside a word, or not a flag.
            ("run `a --b` now", "run `a --b` now"),
            ("a\\--b c--d -- e --E |---|", "a\\--b c--d -- e --E |---|"),
        ];
        for (text, expected) in cases {
            assert_eq!(code_flags(text), expected, "{text:?}");
        }
    }

    #[test]
    fn only_a_lt_that_could_open_html_is_escaped() {
        let cases = [
            ("a <!-- b", "a &lt;!-- b"),
            ("keys like `user<id>` here", "keys like `user<id>` here"),
            ("``a ` <b>`` <c>", "``a ` <b>`` &lt;c>"),
            (
                "see <https://example.com/a?b=1>",
                "see <https://example.com/a?b=1>",
            ),
            ("not <https://a b>", "not &lt;https://a b>"),
            ("<x:y>", "&lt;x:y>"),
            ("an escaped \\<b>", "an escaped \\<b>"),
            ("unclosed ` <b>", "unclosed ` &lt;b>"),
            // A code span does not reach past its table cell.
            ("| `a | <b>` |", "| `a | &lt;b>` |"),
            ("| `a \\| <b>` |", "| `a \\| <b>` |"),
            ("x\n`<a>`\n<b>", "x\n`<a>`\n&lt;b>"),
            ("é <b> `ü<c>`", "é &lt;b> `ü<c>`"),
        ];
        for (text, expected) in cases {
            assert_eq!(escape_html(text), expected, "{text:?}");
        }
    }
}
