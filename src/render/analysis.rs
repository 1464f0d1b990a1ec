//! How solid the recommendation is, in words: the three-line summary every
//! table and Markdown result shows, and the long form behind `--explain`.

use std::fmt::Write as _;

use crate::engine::analysis::{Analysis, AxisFlip, Direction, Expected, LeafOp, ReasonKind};
use crate::engine::{DecidedBy, Decision};
use crate::number;
use crate::pack::{FieldKind, Pack};
use crate::workload::{change_label, value_label, Value, MAX_WEIGHT};

/// How many "could change it" fields the summary names.
const FLIPS_NAMED: usize = 3;

fn candidate(pack: &Pack, c: Option<usize>) -> String {
    c.map_or_else(
        || "no recommendation".to_owned(),
        |c| pack.candidates[c].name.clone(),
    )
}

/// Three lines: settled or not, which answers decide it (or which could
/// change it), and how far the axis weights can move.
pub fn summary(pack: &Pack, d: &Decision, a: &Analysis) -> Vec<String> {
    let open = d.unknown.len();
    let mut lines = Vec::new();
    let exact = if a.bounds_exact {
        ""
    } else {
        " (by a cautious bound)"
    };
    if open == 0 {
        lines.push("Settled: every question is answered.".to_owned());
    } else if d.recommendation.is_none() {
        lines.push(if a.settled {
            format!(
                "Settled: no answer to the open question{} gives a recommendation.",
                if open == 1 { "" } else { "s" }
            )
        } else if open == 1 {
            "Not settled: the answer to the 1 open question could still decide it.".to_owned()
        } else {
            format!("Not settled: answers to the {open} open questions could still decide it.")
        });
    } else if a.settled {
        lines.push(format!(
            "Settled: no answer to the {open} open question{} can change it{exact}.",
            if open == 1 { "" } else { "s" }
        ));
    } else if open == 1 {
        lines.push("Not settled: the answer to the 1 open question could still change it.".into());
    } else {
        lines.push(format!(
            "Not settled: answers to the {open} open questions could still change it."
        ));
    }
    if let Some(reasons) = &a.sufficient_reasons {
        let given = pack.fields.len() - open;
        let names: Vec<&str> = reasons
            .fields
            .iter()
            .map(|(f, _)| pack.fields[*f].id.as_str())
            .collect();
        let kind = match reasons.kind {
            ReasonKind::Minimum => "no fewer would do",
            ReasonKind::Minimal => "none of them can be dropped",
        };
        lines.push(if names.is_empty() {
            // An empty set: the result does not depend on any answer (a pack
            // whose rules or vetoes hold unconditionally, or a tie nothing breaks).
            "No answer is needed: the pack gives this result whatever the answers.".to_owned()
        } else if names.len() == 1 && given == 1 {
            format!("Your 1 answer already decides it: {}.", names[0])
        } else if names.len() == 1 {
            format!(
                "This 1 of your {given} answers already decides it ({kind}): {}.",
                names[0]
            )
        } else {
            format!(
                "These {} of your {given} answers already decide it ({kind}): {}.",
                names.len(),
                names.join(", ")
            )
        });
    } else if !a.could_flip.is_empty() {
        // Those that change it alone first, as the headline counts them.
        let mut could_flip: Vec<_> = a.could_flip.iter().collect();
        could_flip.sort_by_key(|f| !f.flips_alone);
        let named: Vec<String> = could_flip
            .into_iter()
            .take(FLIPS_NAMED)
            .map(|f| {
                let field = &pack.fields[f.field];
                if f.flips_alone {
                    format!(
                        "{} ({} → {})",
                        field.id,
                        change_label(field, f.to),
                        candidate(pack, f.recommendation)
                    )
                } else {
                    format!(
                        "{} ({}, only with other answers)",
                        field.id,
                        change_label(field, f.to)
                    )
                }
            })
            .collect();
        let more = a.could_flip.len().saturating_sub(FLIPS_NAMED);
        lines.push(format!(
            "Could change it: {}{}.",
            named.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }
    let mut moves: Vec<String> = Vec::new();
    for wf in &a.weight_flips {
        for flip in &wf.flips {
            // At the threshold itself the totals tie: the answer has changed.
            let change = weight_move(
                flip,
                wf.weight,
                &Moves {
                    up: "rises to {} or more",
                    down: "drops to {} or less",
                    up_to_end: "rises to {}",
                    down_to_end: "drops to {}",
                    past_up: "rises above {}",
                    past_down: "drops below {}",
                },
            );
            // From a tie, which way it breaks is the news; to a tie and no
            // further (at an end of the range), that it only ties.
            let towards = match (d.recommendation, flip.recommendation) {
                (None, Some(c)) => format!(" ({})", pack.candidates[c].name),
                (Some(_), None) if flip.ties_at => " (only to a tie)".to_owned(),
                _ => String::new(),
            };
            let tie = tie_at(flip, wf.weight)
                .filter(|_| towards.is_empty())
                .map_or(String::new(), |t| format!(" ({t})"));
            moves.push(format!(
                "{} weight {change}{towards}{tie}",
                pack.axes[wf.axis].title.to_lowercase(),
            ));
        }
    }
    // One weight at a time: two moved together can change it sooner.
    lines.push(match (d.recommendation, d.decided_by, moves.is_empty()) {
        (None, DecidedBy::NothingLeft, _) => {
            "No axis weight changes it: hard limits rule out every candidate.".to_owned()
        }
        (None, _, true) => "No single axis weight from 0 to 1,000 breaks the tie.".to_owned(),
        (None, _, false) => format!(
            "One axis weight alone breaks the tie if the {}.",
            moves.join(", or the ")
        ),
        (Some(_), _, true) => "No single axis weight from 0 to 1,000 changes it.".to_owned(),
        (Some(_), _, false) => format!(
            "One axis weight alone changes it only if the {}.",
            moves.join(", or the ")
        ),
    });
    lines
}

/// "a tie at 3" when the threshold itself ties on the way to another
/// winner (see [`AxisFlip::ties_at`]); a tie that is all the weight reaches
/// is said as "no recommendation".
fn tie_at(flip: &AxisFlip, weight: f64) -> Option<String> {
    (flip.ties_at && flip.recommendation.is_some())
        .then(|| format!("a tie at {}", weight_move(flip, weight, &BARE)))
}

/// The phrases for how an axis weight moves, each with `{}` for a weight.
struct Moves {
    /// To the threshold or past it (at the threshold the totals tie, which
    /// already changes the answer).
    up: &'static str,
    down: &'static str,
    /// To an end of the weights' range, when the change comes only there:
    /// weights run from 0 to 1000, and nothing lies past either end ("below
    /// 0" or "above 1000" would name weights that are refused).
    up_to_end: &'static str,
    down_to_end: &'static str,
    /// Any move past the weight in use, when the threshold is the next
    /// figure six decimals can write (a tie broken by any change).
    past_up: &'static str,
    past_down: &'static str,
}

/// Every pattern the bare weight.
const BARE: Moves = Moves {
    up: "{}",
    down: "{}",
    up_to_end: "{}",
    down_to_end: "{}",
    past_up: "above {}",
    past_down: "below {}",
};

/// How an axis weight, now `weight`, must move for `flip`.
fn weight_move(flip: &AxisFlip, weight: f64, moves: &Moves) -> String {
    // A weight is something a person types: two decimals, said to be
    // "about" when they are not the exact threshold (23/7 is about 3.29;
    // JSON keeps 3.285714), or as many more as it takes to stay on the far
    // side of the threshold and not to land on an end of the range (1e-7 is
    // not "below 0"); a threshold one millionth from the weight in use (a
    // tie broken at 1.000001) is any move past it ("above 1").
    let t = flip.threshold;
    let beyond = |r: f64| match flip.direction {
        Direction::Raise => r >= t - 1e-12,
        Direction::Lower => r <= t + 1e-12,
    };
    let next_step = (t - weight).abs() <= 1.000_001e-6;
    let threshold = if next_step {
        number::Exact(weight).to_string()
    } else if t > 0.0 && t < MAX_WEIGHT {
        let shown = number::fewest_decimals(t, 2..=15, |r| r > 0.0 && r < MAX_WEIGHT && beyond(r))
            .unwrap_or(t);
        if (shown - t).abs() <= 1e-9 * t.max(1.0) {
            number::Exact(shown).to_string()
        } else {
            format!("about {}", number::Exact(shown))
        }
    } else {
        number::format_grouped(t)
    };
    let (pattern, threshold) = match flip.direction {
        Direction::Raise if t >= MAX_WEIGHT => (moves.up_to_end, threshold),
        Direction::Lower if t <= 0.0 => (moves.down_to_end, "0".to_owned()),
        Direction::Raise if next_step => (moves.past_up, threshold),
        Direction::Lower if next_step => (moves.past_down, threshold),
        Direction::Raise => (moves.up, threshold),
        Direction::Lower => (moves.down, threshold),
    };
    pattern.replace("{}", &threshold)
}

fn op_text(op: LeafOp) -> &'static str {
    match op {
        LeafOp::Is => "=",
        LeafOp::IsNot => "≠",
        LeafOp::In => "=",
        LeafOp::NotIn => "neither",
        LeafOp::Gt => ">",
        LeafOp::Gte => "≥",
        LeafOp::Lt => "<",
        LeafOp::Lte => "≤",
    }
}

/// The long form: bounds, every field that could change it, every weight
/// threshold and the near misses, one item per line.
pub fn explain(pack: &Pack, a: &Analysis) -> Vec<(String, Vec<String>)> {
    let mut sections = Vec::new();
    let bounds = a
        .bounds
        .iter()
        .enumerate()
        .map(|(c, b)| {
            format!(
                "{}: {} to {}{}",
                pack.candidates[c].name,
                number::format_grouped(b.min),
                number::format_grouped(b.max),
                match b.excluded {
                    crate::engine::analysis::Excluded::Never => "",
                    crate::engine::analysis::Excluded::Possible => ", can be ruled out",
                    crate::engine::analysis::Excluded::Always => ", ruled out",
                }
            )
        })
        .collect();
    sections.push((
        format!(
            "Totals once every open question is answered{}",
            if a.bounds_exact {
                " (exact)"
            } else {
                " (cautious bounds)"
            }
        ),
        bounds,
    ));
    if !a.could_flip.is_empty() {
        sections.push((
            // The order is the analysis's: an answer that can rule a
            // candidate out outweighs any swing in points, so it says so.
            "Unanswered questions that could change it, most decisive first".to_owned(),
            a.could_flip
                .iter()
                .map(|f| {
                    let field = &pack.fields[f.field];
                    let mut why = format!("swing {}", number::format_grouped(f.swing));
                    if !f.rules_out.is_empty() {
                        let names: Vec<&str> = f
                            .rules_out
                            .iter()
                            .map(|&c| pack.candidates[c].name.as_str())
                            .collect();
                        let _ = write!(why, "; an answer can rule out {}", names.join(" or "));
                    }
                    if f.flips_alone {
                        format!(
                            "{}: {} → {} on its own ({why})",
                            field.id,
                            change_label(field, f.to),
                            candidate(pack, f.recommendation),
                        )
                    } else {
                        format!(
                            "{}: {}, together with other answers ({why})",
                            field.id,
                            change_label(field, f.to),
                        )
                    }
                })
                .collect(),
        ));
    }
    sections.push((
        "Axis weights".to_owned(),
        a.weight_flips
            .iter()
            .map(|wf| {
                let axis = &pack.axes[wf.axis];
                let now = format!(
                    "{} (weight {}{})",
                    axis.title,
                    // A weight is given (a priority, or the pack's), never
                    // computed: every digit, as the score table's header.
                    number::GroupedExact(wf.weight),
                    if wf.from_priorities {
                        ", your priority"
                    } else {
                        ""
                    }
                );
                if wf.flips.is_empty() {
                    format!("{now}: no weight from 0 to 1,000 changes it")
                } else {
                    let parts: Vec<String> = wf
                        .flips
                        .iter()
                        .map(|f| {
                            format!(
                                "{} → {}{}",
                                weight_move(
                                    f,
                                    wf.weight,
                                    &Moves {
                                        up: "{} or more changes it",
                                        down: "{} or less changes it",
                                        up_to_end: "at {}",
                                        down_to_end: "at {}",
                                        past_up: "above {} changes it",
                                        past_down: "below {} changes it",
                                    }
                                ),
                                tie_at(f, wf.weight)
                                    .map_or(String::new(), |t| format!("{t}, then ")),
                                candidate(pack, f.recommendation)
                            )
                        })
                        .collect();
                    format!("{now}: {}", parts.join("; "))
                }
            })
            .collect(),
    ));
    // A rule waiting on an unanswered field is open, not missed: those are
    // listed above as questions that could change it.
    let misses: Vec<_> = a
        .near_misses
        .iter()
        .filter(|m| m.observed.is_some())
        .collect();
    if !misses.is_empty() {
        sections.push((
            "Near misses (rules for another candidate that failed on one answer)".to_owned(),
            misses
                .iter()
                .map(|m| {
                    let field = &pack.fields[m.field];
                    // Labels and units on both sides, as people answered;
                    // a semicolon before "you said", since labels hold commas.
                    let expected = match &m.expected {
                        Expected::Value(v) => value_label(field, *v),
                        Expected::Number(n) => value_label(field, Value::Number(*n)),
                        Expected::Options(options) => match &field.kind {
                            FieldKind::Choice(all) => options
                                .iter()
                                .map(|&o| all[o].label.as_str())
                                .collect::<Vec<_>>()
                                // "= A or B", "neither A nor B".
                                .join(if m.op == LeafOp::NotIn {
                                    " nor "
                                } else {
                                    " or "
                                }),
                            _ => String::new(),
                        },
                    };
                    let observed = m.observed.map_or(String::new(), |v| value_label(field, v));
                    format!(
                        "{} +{} for {} ({}): needs {} {} {}; you said {}",
                        pack.rules[m.rule].id,
                        number::format_grouped(m.weighted),
                        pack.candidates[m.candidate].name,
                        pack.axes[m.axis].title,
                        field.id,
                        op_text(m.op),
                        expected,
                        observed
                    )
                })
                .collect(),
        ));
    }
    sections
}
