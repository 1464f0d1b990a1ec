//! The table format: a verdict line, the score table (axes as rows,
//! candidates as columns), then the vetoes, cautions, reasons, what would
//! change the answer and the closest worked example.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style as Ansi};
use comfy_table::{presets, CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

use super::{
    answer_label, axis_title, candidate_name, change_target, change_to_label, verdict_name,
};
use crate::engine::{ChangeOut, DecidedBy, Decision};
use crate::number;
use crate::output::Style;
use crate::pack::Pack;

/// How many "what would change it" lines the short table shows.
const CHANGES_SHOWN: usize = 6;

/// The changes the short form lists, in their order: at most
/// [`CHANGES_SHOWN`], chosen first among those a hard limit decides (a veto,
/// or every candidate ruled out), which are all shown however many, then
/// those leading to a candidate, then those leading to a tie: a list cut
/// short must not hide a hard limit or another winner behind a tie.
fn changes_shown<'d, 'p>(all: &'d [ChangeOut<'p>]) -> Vec<&'d ChangeOut<'p>> {
    let rank = |c: &ChangeOut| match (c.decided_by, c.recommendation) {
        (DecidedBy::Veto | DecidedBy::NothingLeft, _) => 0,
        (_, Some(_)) => 1,
        (_, None) => 2,
    };
    let hard = all.iter().filter(|c| rank(c) == 0).count();
    let mut chosen: Vec<usize> = (0..all.len()).collect();
    // Stable: within a rank, the list's own order.
    chosen.sort_by_key(|&i| rank(&all[i]));
    chosen.truncate(CHANGES_SHOWN.max(hard));
    chosen.sort_unstable();
    chosen.into_iter().map(|i| &all[i]).collect()
}

/// Renders the decision for a person at a terminal (or a plain log).
pub fn table(pack: &Pack, d: &Decision, style: &Style) -> String {
    let mut out = String::new();
    let bold = Ansi::new().bold();
    let green = Ansi::new().bold().fg_color(Some(AnsiColor::Green.into()));
    let dim = Ansi::new().dimmed();
    let red = Ansi::new().fg_color(Some(AnsiColor::Red.into()));
    let yellow = Ansi::new().fg_color(Some(AnsiColor::Yellow.into()));

    let verdict = verdict_name(pack, d);
    let _ = write!(
        out,
        "{} {}",
        style.paint(bold, "Recommendation:"),
        style.paint(green, &verdict)
    );
    if d.recommendation.is_some() {
        let how = match d.decided_by {
            DecidedBy::Veto => super::alternatives_ruled_out(pack).to_owned(),
            _ => format!("margin {}", super::count(d.margin.0, "point", "points")),
        };
        let open = super::open_note(pack, d).map_or(String::new(), |n| format!("; {n}"));
        let _ = write!(out, " (confidence {}, {how}{open})", d.confidence.as_str());
    }
    out.push_str("\n\n");

    out.push_str(&score_table(pack, d, style));

    if !d.excluded.is_empty() {
        let _ = writeln!(out, "\n{}", style.paint(bold, "Ruled out"));
        // In the score table's column order (the pack's order of vetoes
        // is JSON's).
        let column = |cid: &str| d.scores.0.iter().position(|(c, _)| *c == cid);
        let mut excluded: Vec<_> = d.excluded.iter().collect();
        excluded.sort_by_key(|x| column(x.candidate));
        for x in excluded {
            let _ = writeln!(
                out,
                "  {} {}: {}",
                style.paint(red, "✗"),
                candidate_name(pack, x.candidate),
                x.because
            );
        }
        if let Some(caveat) = super::veto_caveat(pack, d) {
            let _ = writeln!(out, "  {caveat}");
        }
    }

    // Right under the verdict and the vetoes: each says what the advice
    // cannot promise, so it is read before the reasons for it.
    if !d.cautions.is_empty() {
        let heading = if d.cautions.len() == 1 {
            "Caution"
        } else {
            "Cautions"
        };
        let _ = writeln!(out, "\n{}", style.paint(bold, heading));
        for c in &d.cautions {
            let _ = writeln!(out, "  {} {}", style.paint(yellow, "!"), c.because);
        }
        if let Some(note) = super::limit_note(pack, d) {
            let _ = writeln!(out, "  {note}");
        }
    }

    // Columns as wide as their widest entry in any list (at least `+3`
    // under `+10`), measured in terminal columns, so every reason's text
    // starts in the same column whatever the weights or the axis titles.
    let points_width = d
        .reasons
        .iter()
        .map(|r| signed(r.weighted.0).chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let axis_width = pack
        .axes
        .iter()
        .map(|a| super::columns(&a.title))
        .max()
        .unwrap_or(0)
        + 1;
    // On a terminal so narrow that the text column would start past its
    // middle, each reason's text goes on the lines below its axis (wrapping
    // beside the column would lose the column and leave a sliver of text).
    // The line is "  {points}  {axis, padded} {text}", and the wrapper
    // (`wrap::hanging_indent`) continues under the text only when it starts
    // before the middle: past it, the padding was squeezed to one space.
    let text_column = 2 + points_width + 2 + axis_width + 1;
    let narrow = style
        .wrap
        .map(usize::from)
        .filter(|&columns| text_column >= columns / 2);
    // The winner's reasons first, as in Markdown; the others (all of them
    // on a tie) in column order.
    let mut candidates: Vec<&str> = d.scores.0.iter().map(|(cid, _)| *cid).collect();
    candidates.sort_by_key(|cid| d.recommendation != Some(*cid));
    for cid in candidates {
        let mut reasons: Vec<_> = d.reasons.iter().filter(|r| r.candidate == cid).collect();
        if reasons.is_empty() {
            continue;
        }
        reasons.sort_by(|a, b| b.weighted.0.total_cmp(&a.weighted.0));
        let heading = if d.recommendation == Some(cid) {
            format!("Why {}", candidate_name(pack, cid))
        } else {
            format!("In favour of {}", candidate_name(pack, cid))
        };
        let _ = writeln!(out, "\n{}", style.paint(bold, &heading));
        for r in reasons {
            let points = signed(r.weighted.0);
            let because = format!("{}{}", r.because, super::uncounted(pack, d, r));
            match narrow {
                // The text under the points and axis, not squeezed beside them.
                Some(columns) => {
                    let _ = writeln!(
                        out,
                        "  {points:>points_width$}  {}\n{}",
                        axis_title(pack, r.axis),
                        super::wrap::indented(&because, 2 + points_width + 2, columns)
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "  {points:>points_width$}  {} {}",
                        super::pad(axis_title(pack, r.axis), axis_width),
                        because
                    );
                }
            }
        }
    }

    if !d.what_would_change.is_empty() {
        let _ = writeln!(out, "\n{}", style.paint(bold, "What would change it"));
        // The long form (--explain) lists every one, as Markdown does.
        let shown: Vec<&ChangeOut> = if style.explain {
            d.what_would_change.iter().collect()
        } else {
            changes_shown(&d.what_would_change)
        };
        for &c in &shown {
            let (name, detail) = change_target(pack, c);
            let change = if c.from.is_null() {
                format!(
                    "{} (unanswered): {}",
                    c.field,
                    change_to_label(pack, c.field, &c.to)
                )
            } else {
                format!(
                    "{}: {} → {}",
                    c.field,
                    answer_label(pack, c.field, &c.from),
                    change_to_label(pack, c.field, &c.to)
                )
            };
            // On a terminal (whose long lines are broken at spaces) the
            // arrow and the name it leads to stay together on one line.
            // What follows the name ("(a hard limit rules out …)") may break.
            let target = match style.wrap {
                Some(_) => format!("⇒\u{a0}{}{detail}", name.replace(' ', "\u{a0}")),
                None => format!("⇒ {name}{detail}"),
            };
            let _ = writeln!(out, "  {change}  {target}");
        }
        if d.what_would_change.len() > shown.len() {
            let _ = writeln!(
                out,
                "  {}",
                style.paint(
                    dim,
                    &format!(
                        "… and {} more (--explain, --format markdown and --format json list them all)",
                        d.what_would_change.len() - shown.len()
                    )
                )
            );
        }
    }

    let _ = writeln!(out, "\n{}", style.paint(bold, "How solid"));
    for line in super::analysis::summary(pack, d, &d.analysis) {
        let _ = writeln!(out, "  {line}");
    }
    if style.explain {
        for (heading, lines) in super::analysis::explain(pack, &d.analysis) {
            let _ = writeln!(out, "\n{}", style.paint(bold, &heading));
            for line in lines {
                let _ = writeln!(out, "  {line}");
            }
        }
    }

    if let Some(e) = &d.estimates {
        let _ = writeln!(out, "\n{}", style.paint(bold, &super::estimate::heading(e)));
        for line in super::estimate::summary(pack, e, style.answers_to.as_deref()) {
            let _ = writeln!(out, "  {line}");
        }
        if style.explain {
            for section in super::estimate::explain(pack, e) {
                let _ = writeln!(out, "\n{}", style.paint(bold, &section.heading));
                for line in section.lines_within(style.wrap.map(usize::from), 2) {
                    let _ = writeln!(out, "  {line}");
                }
            }
        } else {
            let _ = writeln!(
                out,
                "  {}",
                style.paint(
                    dim,
                    "Cost never changes the recommendation; --explain shows the arithmetic."
                )
            );
        }
    }

    if !d.unknown.is_empty() {
        let mut still = vec![super::count(d.open.rules.len() as f64, "rule", "rules")];
        for (n, one, many) in [
            (d.open.vetoes.len(), "veto", "vetoes"),
            (d.open.cautions.len(), "caution", "cautions"),
        ] {
            if n > 0 {
                still.push(super::count(n as f64, one, many));
            }
        }
        let still = match still.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => String::new(),
        };
        let _ = writeln!(
            out,
            "\n{} {} of {} questions unanswered ({still} still open): {}",
            style.paint(bold, "Open:"),
            d.unknown.len(),
            pack.fields.len(),
            d.unknown.join(", ")
        );
    }

    if let Some(e) = &d.example {
        let percent = (e.similarity.0 * 100.0).round();
        let heading = style.paint(bold, "Closest worked example:");
        if percent == 0.0 {
            // A quote that has nothing in common with the answers says nothing.
            let _ = writeln!(
                out,
                "\n{heading} none; the nearest, {} [{}], {}",
                e.title,
                e.id,
                super::nothing_alike(e.similarity.0)
            );
        } else if style.quoted_example.as_deref() == Some(e.id) {
            let _ = writeln!(
                out,
                "\n{heading} this one, {} [{}], {percent}% alike",
                e.title, e.id
            );
        } else {
            let _ = writeln!(out, "\n{heading} {} [{}], {percent}% alike", e.title, e.id);
            let _ = writeln!(out, "  “{}”", e.text);
        }
    }
    if let Some((n, percent, gives)) = super::nearest_other(pack, d) {
        let _ = writeln!(
            out,
            "{}{} {} [{}], {percent}% alike ({gives})",
            if d.example.is_some() { "" } else { "\n" },
            style.paint(bold, super::nearest_label(d)),
            n.title,
            n.id
        );
    }
    super::fit_terminal(out, style.wrap)
}

fn signed(v: f64) -> String {
    if v >= 0.0 {
        format!("+{}", number::format_grouped(v))
    } else {
        number::format_grouped(v)
    }
}

fn score_table(pack: &Pack, d: &Decision, style: &Style) -> String {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = style.width {
        table.set_width(w);
    }
    let mut header = vec!["Axis".to_owned()];
    for (cid, score) in &d.scores.0 {
        let mut name = candidate_name(pack, cid).to_owned();
        if d.recommendation == Some(*cid) {
            name.push_str(" ✓");
        } else if score.excluded {
            name.push_str(" ✗");
        }
        header.push(name);
    }
    table.set_header(header);
    for (i, axis) in pack.axes.iter().enumerate() {
        let weight = d.weights.0[i].1 .0;
        let mut label = axis.title.clone();
        if (weight - 1.0).abs() > 1e-12 {
            let _ = write!(label, " (×{})", number::GroupedExact(weight));
        }
        let mut row = vec![label];
        for (_, score) in &d.scores.0 {
            row.push(number::format_grouped(score.axes.0[i].1 .0));
        }
        table.add_row(row);
    }
    let mut total = vec!["Total".to_owned()];
    for (_, score) in &d.scores.0 {
        total.push(number::format_grouped(score.total.0));
    }
    table.add_row(total);
    for column in 1..=d.scores.0.len() {
        if let Some(c) = table.column_mut(column) {
            c.set_cell_alignment(CellAlignment::Right);
        }
    }
    // On a narrow terminal comfy-table shares the width out evenly and cuts
    // words ("Scalabilit" / "y"); no column narrower than its longest word,
    // and, where that fits too, than a word with the sign after it, so that
    // "&" does not stand alone on a line ("Consistency &" / "performance").
    if let Some(width) = style.width {
        let least = |glue_signs: bool| -> Vec<u16> {
            (0..=d.scores.0.len())
                .map(|column| {
                    table
                        .column_cells_iter(column)
                        .flatten()
                        .chain(table.header().and_then(|h| h.cell_iter().nth(column)))
                        .flat_map(|cell| unbroken_widths(cell.content().as_str(), glue_signs))
                        .max()
                        .unwrap_or(0)
                        + 2 // the boundary counts the cell's padding too
                })
                .collect()
        };
        // Only when they fit with the borders: past that comfy-table would
        // overflow the line, and a cut word is the lesser harm. The signs
        // are kept with their word column by column, the axes first, as
        // far as the width allows.
        let borders = d.scores.0.len() as u16 + 2;
        let fits = |least: &[u16]| least.iter().sum::<u16>() + borders <= width;
        let glued = least(true);
        let fitting = Some(least(false)).filter(|l| fits(l)).map(|mut least| {
            for (column, &wider) in glued.iter().enumerate() {
                let narrower = std::mem::replace(&mut least[column], wider);
                if !fits(&least) {
                    least[column] = narrower;
                }
            }
            least
        });
        if let Some(least) = fitting {
            table.set_constraints(
                least
                    .into_iter()
                    .map(|w| ColumnConstraint::LowerBoundary(Width::Fixed(w))),
            );
        }
    }
    let _ = style; // colour is applied outside the table so widths stay exact
    let mut text = table.to_string();
    text.push('\n');
    text
}

/// The widths of the pieces of a cell that should not be broken: its
/// words, and with `glue_signs` a word together with the signs standing
/// after it ("Consistency &"), which alone on a line read as nothing.
fn unbroken_widths(text: &str, glue_signs: bool) -> Vec<u16> {
    let mut widths: Vec<u16> = Vec::new();
    for word in text.split_whitespace() {
        let width = super::columns(word) as u16;
        match widths.last_mut() {
            Some(last) if glue_signs && !word.chars().any(char::is_alphanumeric) => {
                *last += 1 + width;
            }
            _ => widths.push(width),
        }
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::Num;

    fn change<'p>(field: &'p str, recommendation: Option<&'p str>) -> ChangeOut<'p> {
        ChangeOut {
            field,
            from: serde_json::Value::Null,
            to: serde_json::Value::Null,
            recommendation,
            margin: Num(0.0),
            decided_by: if recommendation.is_some() {
                DecidedBy::Scores
            } else {
                DecidedBy::Tie
            },
        }
    }

    /// At 40 columns the axis column is cut between words, and a lone
    /// "&" stays with the word before it; a column wider than the longest
    /// word is not forced where the signs cannot fit with the rest.
    #[test]
    fn a_narrow_score_table_keeps_signs_with_their_word() {
        let pack = Pack::embedded().unwrap();
        let advisor = crate::advisor::Advisor::new(&pack).unwrap();
        let d = advisor.decide(&pack.example("erp").unwrap().workload);
        let at = |width| {
            let style = Style {
                width: Some(width),
                ..Style::plain()
            };
            score_table(&pack, &d, &style)
        };
        let table = at(40);
        assert!(table.contains("│ Consistency & ┆"), "{table}");
        assert!(table.contains("│ performance   ┆"), "{table}");
        assert!(
            table.lines().all(|l| super::super::columns(l) <= 40),
            "{table}"
        );
        assert!(!table.contains("Scalabilit "), "{table}");
        // Too narrow to widen every column: the axis column first.
        let table = at(38);
        assert!(table.contains("│ Consistency & ┆"), "{table}");
        assert!(
            table.lines().all(|l| super::super::columns(l) <= 38),
            "{table}"
        );
        assert_eq!(unbroken_widths("Consistency & performance", true), [13, 11]);
        assert_eq!(
            unbroken_widths("Consistency & performance", false),
            [11, 1, 11]
        );
        assert_eq!(unbroken_widths("Amazon Aurora ✓", true), [6, 8]);
    }

    fn fields<'p>(shown: &[&ChangeOut<'p>]) -> Vec<&'p str> {
        shown.iter().map(|c| c.field).collect()
    }

    #[test]
    fn a_cut_list_keeps_changes_to_a_candidate_before_ties() {
        // Five changes to a candidate, a tie, then a hard limit: the tie
        // is the one left for `--format json`.
        let names: Vec<String> = (0..8).map(|i| format!("a{i}")).collect();
        let mut all: Vec<ChangeOut> = names[..5].iter().map(|n| change(n, Some("x"))).collect();
        all.push(change("tie", None));
        all.push(change("limit", Some("x")));
        assert_eq!(
            fields(&changes_shown(&all)),
            ["a0", "a1", "a2", "a3", "a4", "limit"]
        );
        // Room left: ties are shown, in their place.
        let few = vec![
            change("tie1", None),
            change("b", Some("x")),
            change("tie2", None),
        ];
        assert_eq!(fields(&changes_shown(&few)), ["tie1", "b", "tie2"]);
        // Ties only: the first six.
        let ties: Vec<ChangeOut> = names.iter().map(|n| change(n, None)).collect();
        assert_eq!(changes_shown(&ties).len(), CHANGES_SHOWN);
        assert_eq!(changes_shown(&ties)[5].field, "a5");
    }

    /// A change a hard limit decides is shown even after six others that
    /// lead to a candidate (`--use-case gaming` hid `item_size_kb → 401`).
    #[test]
    fn a_cut_list_always_shows_a_hard_limit() {
        let names: Vec<String> = (0..8).map(|i| format!("a{i}")).collect();
        let mut all: Vec<ChangeOut> = names.iter().map(|n| change(n, Some("x"))).collect();
        all.push(change("tie", None));
        let mut veto = change("limit", Some("y"));
        veto.decided_by = DecidedBy::Veto;
        all.push(veto);
        assert_eq!(
            fields(&changes_shown(&all)),
            ["a0", "a1", "a2", "a3", "a4", "limit"]
        );
        // Every candidate ruled out is a hard limit too, shown before a tie.
        let mut none_left = change("none_left", None);
        none_left.decided_by = DecidedBy::NothingLeft;
        let mut few: Vec<ChangeOut> = names[..6].iter().map(|n| change(n, None)).collect();
        few.push(none_left);
        assert_eq!(
            fields(&changes_shown(&few)),
            ["a0", "a1", "a2", "a3", "a4", "none_left"]
        );
    }
}
