//! Renderers: one per output format, each a pure function from a report to text.

mod analysis;
mod estimate;
mod json;
mod markdown;
mod table;
mod wrap;

use crate::engine::Decision;
use crate::output::Style;
use crate::pack::Pack;

pub use json::{json, write_json_line};
pub use markdown::{escape_html, markdown};
pub use table::table;

/// Columns `text` takes on a terminal (wide characters count two).
pub(crate) fn columns(text: &str) -> usize {
    console::measure_text_width(text)
}

/// `text` followed by spaces up to `width` terminal columns, so a column of
/// such cells lines up whatever characters they hold.
pub(crate) fn pad(text: &str, width: usize) -> String {
    format!("{text}{:1$}", "", width.saturating_sub(columns(text)))
}

/// `text` as a Markdown code span: fenced by one backtick more than its
/// longest run of them, and padded with a space where it starts or ends
/// with one, so a path holding a backtick (`--rules 'my`pack.yaml'`) stays
/// one span, to be copied whole.
pub(crate) fn code_span(text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// How a veto decided it, in the verdict line: every other candidate is
/// ruled out, and with two candidates that is one.
pub(crate) fn alternatives_ruled_out(pack: &Pack) -> &'static str {
    if pack.candidates.len() == 2 {
        "the alternative is ruled out"
    } else {
        "the alternatives are ruled out"
    }
}

/// `n` with its noun, singular only for a figure written 1: "1 point",
/// "2.5 points" (the noun follows the figure shown, so 1.0000001 is "1
/// point").
pub(crate) fn count(n: f64, one: &str, many: &str) -> String {
    let figure = crate::number::format_grouped(n);
    let noun = if figure == "1" { one } else { many };
    format!("{figure} {noun}")
}

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A score table with the explanation, for people at a terminal.
    Table,
    /// The SPEC §4 JSON object (JSON Lines in batch mode).
    Json,
    /// A section to paste into a design document.
    Markdown,
}

impl Format {
    /// Parses a `--format` value.
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "table" => Some(Format::Table),
            "json" => Some(Format::Json),
            "markdown" | "md" => Some(Format::Markdown),
            _ => None,
        }
    }
}

/// Renders one decision in the chosen format.
pub fn render(pack: &Pack, decision: &Decision, format: Format, style: &Style) -> String {
    match format {
        Format::Table => table(pack, decision, style),
        Format::Json => json(decision),
        Format::Markdown => markdown(pack, decision, style),
    }
}

/// Text for a terminal `wrap` columns wide (when stdout is one), its long
/// lines broken at spaces as the result's are; piped, as it is.
pub fn fit_terminal(text: String, wrap: Option<u16>) -> String {
    match wrap {
        Some(columns) => wrap::wrap_lines(&text, usize::from(columns)),
        None => text,
    }
}

/// The example more alike than the recommended candidate's closest, with
/// its rounded percent and its candidate's name, when it is at least 1%
/// alike (a nearer example of no likeness says nothing).
fn nearest_other<'d>(
    pack: &'d Pack,
    d: &'d Decision,
) -> Option<(&'d crate::engine::NearestExample<'d>, f64, String)> {
    let n = d.nearest_example.as_ref()?;
    let percent = (n.similarity.0 * 100.0).round();
    let name = candidate_name(pack, n.expect);
    // A pack that names no source document has examples of its own.
    let gives = if pack.source.is_empty() {
        format!("the example expects {name}")
    } else {
        format!("the source document recommends {name} for it")
    };
    (percent >= 1.0).then_some((n, percent, gives))
}

/// The words after a reason on an axis weighted 0, which counts for
/// nothing (its "+0" alone would read as a rule worth no points).
fn uncounted(pack: &Pack, d: &Decision, r: &crate::engine::Reason) -> String {
    let weight = d.weights.0.iter().find(|(axis, _)| *axis == r.axis);
    match weight {
        Some((_, w)) if w.0 == 0.0 => {
            format!(
                " (Not counted: the {} weight is 0.)",
                axis_title(pack, r.axis).to_lowercase()
            )
        }
        _ => String::new(),
    }
}

/// What the nearest worked example of another candidate is called: beside
/// a recommendation, the example it would be with another answer; with
/// none (a tie, or every candidate ruled out), simply the closest.
fn nearest_label(d: &Decision) -> &'static str {
    if d.recommendation.is_some() {
        "More alike, with another answer:"
    } else {
        "Closest worked example:"
    }
}

/// Said of the nearest worked example when it rounds to 0% alike: exactly
/// nothing in common, or under one percent.
fn nothing_alike(similarity: f64) -> &'static str {
    if similarity == 0.0 {
        "has nothing in common with these answers"
    } else {
        "is under 1% alike"
    }
}

/// What the open questions could still do, said in the headline beside the
/// confidence (they lower it, and a low confidence with a wide margin
/// puzzles a reader otherwise): the questions one answer to which alone
/// changes the recommendation, else that several answers together could.
/// `None` when the result is settled or there is none.
fn open_note(pack: &Pack, d: &Decision) -> Option<String> {
    d.recommendation?;
    if d.analysis.settled {
        return None;
    }
    let alone: Vec<&str> = d
        .analysis
        .could_flip
        .iter()
        .filter(|f| f.flips_alone)
        .map(|f| pack.fields[f.field].id.as_str())
        .collect();
    Some(match alone.as_slice() {
        [] => "open questions together could change it".to_owned(),
        [one] => format!("answering {one} alone could change it"),
        [a, b] => format!("answering {a} or {b} alone could change it"),
        many if many.len() == d.unknown.len() => {
            format!(
                "any of the {} open questions alone could change it",
                many.len()
            )
        }
        many => format!(
            "{} of the {} open questions could each change it alone",
            many.len(),
            d.unknown.len()
        ),
    })
}

/// When a caution stating a limit of the recommended candidate lowered the
/// confidence: a sentence saying so (JSON says it by the caution's
/// `limit_of`).
fn limit_note(pack: &Pack, d: &Decision) -> Option<String> {
    let winner = d.recommendation.filter(|_| d.lowered_by_limits)?;
    // Named by id: beside other cautions, "it" would not say which.
    let limits: Vec<&str> = d
        .cautions
        .iter()
        .filter(|c| c.limit_of == Some(winner))
        .map(|c| c.rule)
        .collect();
    let one = limits.len() == 1;
    (!limits.is_empty()).then(|| {
        format!(
            "Confidence is one step lower for the {} of {name} cautioned above ({}): {name} is recommended in spite of {}, so the advice rests on working around {}.",
            if one { "limit" } else { "limits" },
            limits.join(", "),
            if one { "it" } else { "them" },
            if one { "it" } else { "them" },
            name = candidate_name(pack, winner),
        )
    })
}

/// When a ruled-out candidate outscores the winner on the axes: a sentence
/// saying so, since the winner then fails the workload's other needs
/// (confidence is low). With three candidates or more the scores among
/// those left may have decided, so it says the winner leads, not that it
/// is the one left.
fn veto_caveat(pack: &Pack, d: &Decision) -> Option<String> {
    let winner = d.recommendation?;
    let is_left = if d.decided_by == crate::engine::DecidedBy::Veto {
        "is left"
    } else {
        "leads"
    };
    let total = |id: &str| {
        d.scores
            .0
            .iter()
            .find(|(c, _)| *c == id)
            .map(|(_, s)| s.total.0)
    };
    let own = total(winner)?;
    let (best, score) = d
        .scores
        .0
        .iter()
        .filter(|(_, s)| s.excluded)
        .max_by(|a, b| a.1.total.0.total_cmp(&b.1.total.0))?;
    (score.total.0 > own).then(|| {
        format!(
            "{} {is_left} only because {} is ruled out; on everything else {} scores {} more ({} against {}). \
             If the requirement behind that limit can change, reconsider.",
            candidate_name(pack, winner),
            candidate_name(pack, best),
            candidate_name(pack, best),
            count(score.total.0 - own, "point", "points"),
            crate::number::format_grouped(score.total.0),
            crate::number::format_grouped(own)
        )
    })
}

/// A candidate's display name from its id.
fn candidate_name<'p>(pack: &'p Pack, id: &'p str) -> &'p str {
    pack.candidate_index(id)
        .map_or(id, |c| pack.candidates[c].name.as_str())
}

/// An axis title from its id.
fn axis_title<'p>(pack: &'p Pack, id: &'p str) -> &'p str {
    pack.axis_index(id)
        .map_or(id, |a| pack.axes[a].title.as_str())
}

/// A JSON answer as people read it: the option label, yes/no, or number and unit.
fn answer_label(pack: &Pack, field_id: &str, value: &serde_json::Value) -> String {
    let Some(field) = pack.field_index(field_id).map(|i| &pack.fields[i]) else {
        return value.to_string();
    };
    match value {
        serde_json::Value::Null => "unanswered".into(),
        serde_json::Value::String(s) => field
            .option_index(s)
            .and_then(|i| match &field.kind {
                crate::pack::FieldKind::Choice(options) => Some(options[i].label.clone()),
                _ => None,
            })
            .unwrap_or_else(|| s.clone()),
        serde_json::Value::Bool(b) => if *b { "yes" } else { "no" }.into(),
        serde_json::Value::Number(n) => {
            let v = n.as_f64().unwrap_or(0.0);
            crate::workload::value_label(field, crate::workload::Value::Number(v))
        }
        other => other.to_string(),
    }
}

/// The answer a change leads to, as [`answer_label`] says it, a number as
/// the interval of numbers that do the same (`workload::change_label`).
fn change_to_label(pack: &Pack, field_id: &str, value: &serde_json::Value) -> String {
    match (pack.field_index(field_id), value.as_f64()) {
        (Some(i), Some(n)) => {
            crate::workload::change_label(&pack.fields[i], crate::workload::Value::Number(n))
        }
        _ => answer_label(pack, field_id, value),
    }
}

/// Where one changed answer leads, as a name and what to add after it:
/// "Amazon DynamoDB", "Amazon Aurora" + " (a hard limit rules out Amazon
/// DynamoDB)", "no recommendation" + " (the scores tie)", as the result's
/// own verdict says it (else it reads as the tool giving up), or "no
/// candidate" + " (every one is ruled out)". A hard limit is said, as no weight or other answer can
/// undo it.
fn change_target(pack: &Pack, change: &crate::engine::ChangeOut) -> (String, String) {
    use crate::engine::DecidedBy;
    match (change.recommendation, change.decided_by) {
        (Some(id), DecidedBy::Veto) => {
            let others: Vec<&str> = pack
                .candidates
                .iter()
                .filter(|c| c.id != id)
                .map(|c| c.name.as_str())
                .collect();
            (
                candidate_name(pack, id).to_owned(),
                format!(
                    " (a hard limit rules out {})",
                    crate::estimate::join_with(&others, "and")
                ),
            )
        }
        (Some(id), _) => (candidate_name(pack, id).to_owned(), String::new()),
        (None, DecidedBy::NothingLeft) => (
            "no candidate".to_owned(),
            " (every one is ruled out)".to_owned(),
        ),
        (None, _) => (
            "no recommendation".to_owned(),
            " (the scores tie)".to_owned(),
        ),
    }
}

/// "Amazon Aurora", "no recommendation (tie)" and the like.
fn verdict_name(pack: &Pack, decision: &Decision) -> String {
    match &decision.recommendation {
        Some(id) => candidate_name(pack, id).to_owned(),
        None => match decision.decided_by {
            crate::engine::DecidedBy::NothingLeft => {
                "no single candidate (every one is ruled out)".into()
            }
            _ if pack.candidates.len() > 2 => {
                // With three or more, say which lead together: the tie is
                // between them, not among all.
                let top = decision
                    .scores
                    .0
                    .iter()
                    .filter(|(_, s)| !s.excluded)
                    .map(|(_, s)| s.total.0)
                    .fold(f64::NEG_INFINITY, f64::max);
                let tied: Vec<&str> = decision
                    .scores
                    .0
                    .iter()
                    .filter(|(_, s)| !s.excluded && top - s.total.0 < crate::engine::TIE)
                    .map(|(id, _)| candidate_name(pack, id))
                    .collect();
                format!(
                    "no recommendation ({} tie)",
                    crate::estimate::join_with(&tied, "and")
                )
            }
            _ => "no recommendation (the scores tie)".into(),
        },
    }
}
