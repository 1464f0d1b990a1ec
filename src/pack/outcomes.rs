//! Whether the pack's worked examples and test cases come out as they
//! expect: winner, vetoes and cautions, with help naming what decided them.

use super::checker::Checker;
use super::raw::RawPack;
use super::Pack;
use crate::engine::{evaluate, Truth};
use crate::suggest;
use crate::workload::Workload;

/// The fix for a worked example or test case the pack answers otherwise (or
/// by less than its `min_margin`: `key` names what else may be wrong):
/// the rules that fire for its workload, by candidate, with their points
/// (before the axis weight), so the one to fix can be found without
/// running the workload by hand.
pub(super) fn wrong_winner_help(
    pack: &Pack,
    eval: &crate::engine::Evaluation,
    key: &str,
) -> String {
    const SHOWN: usize = 8;
    let by_candidate: Vec<String> = pack
        .candidates
        .iter()
        .enumerate()
        .map(|(c, candidate)| {
            let fired: Vec<String> = pack
                .rules
                .iter()
                .zip(&eval.rules)
                .filter(|(r, truth)| r.candidate == c && **truth == Truth::True)
                .map(|(r, _)| {
                    let sign = if r.points < 0.0 { "" } else { "+" };
                    format!("`{}` {sign}{}", r.id, crate::number::format(r.points))
                })
                .collect();
            match fired.len() {
                0 => format!("{}: none", candidate.id),
                k if k <= SHOWN => format!("{}: {}", candidate.id, fired.join(", ")),
                k => format!(
                    "{}: {} and {} more",
                    candidate.id,
                    fired[..SHOWN].join(", "),
                    k - SHOWN
                ),
            }
        })
        .collect();
    // The totals in the message are weighted; the points here are not.
    let mut weighted = if eval.weights.iter().any(|&w| w != 1.0) {
        ", points before the axis weights".to_owned()
    } else {
        String::new()
    };
    // A rule that fires on an axis weighted 0 counts nothing: say which.
    let zeroed: Vec<String> = pack
        .axes
        .iter()
        .zip(&eval.weights)
        .enumerate()
        .filter(|&(a, (_, &w))| {
            w == 0.0
                && pack
                    .rules
                    .iter()
                    .zip(&eval.rules)
                    .any(|(r, truth)| r.axis == a && *truth == Truth::True)
        })
        .map(|(_, (axis, _))| format!("`{}`", axis.id))
        .collect();
    if !zeroed.is_empty() {
        let (noun, verb) = if zeroed.len() == 1 {
            ("axis", "has")
        } else {
            ("axes", "have")
        };
        weighted.push_str(&format!(
            "; {noun} {} {verb} weight 0, so the rules there count nothing",
            zeroed.join(", ")
        ));
    }
    format!(
        "the rules that fire for its workload ({}{weighted}): fix their points or conditions, or its `{key}` if that is what is wrong",
        by_candidate.join("; ")
    )
}

/// Caution ids for a message, at most ten of them (`a`, `b` and 3 more).
/// Why an expected caution said only for one winner is missing: its
/// condition holds, but another candidate (or none) wins.
pub(super) fn gated_help(
    pack: &Pack,
    workload: &Workload,
    winner: Option<usize>,
    expected: &[usize],
    holding: &[usize],
) -> Option<String> {
    let missing = expected.iter().find(|c| {
        let caution = &pack.cautions[**c];
        !holding.contains(c)
            && caution.winner.is_some_and(|g| Some(g) != winner)
            && caution.when.eval(workload) == crate::engine::Truth::True
    })?;
    let caution = &pack.cautions[*missing];
    let gate = &pack.candidates[caution.winner?].id;
    let gives = winner.map_or("no winner".to_owned(), |w| pack.candidates[w].id.clone());
    Some(format!(
        "`{}` is said only when {gate} is recommended (its `winner`), and this workload gives {gives}",
        caution.id
    ))
}

pub(super) fn caution_ids(pack: &Pack, list: &[usize]) -> String {
    const SHOWN: usize = 10;
    let ids: Vec<String> = list
        .iter()
        .take(SHOWN)
        .map(|&c| format!("`{}`", pack.cautions[c].id))
        .collect();
    match list.len().saturating_sub(SHOWN) {
        0 => ids.join(", "),
        more => format!("{} and {more} more", ids.join(", ")),
    }
}

/// A test case's `cautions`: indices in pack order (the order the cautions
/// that hold come in), every unknown and repeated id reported.
pub(super) fn expected_cautions(
    raw: &RawPack,
    pack: &Pack,
    index: &std::collections::HashMap<&str, usize>,
    ids: &[String],
    place: &str,
    check: &mut Checker,
) -> Vec<usize> {
    let mut found = std::collections::BTreeSet::new();
    for id in ids {
        match index.get(id.as_str()) {
            Some(&i) => {
                if !found.insert(i) {
                    check.push(
                        place.to_owned(),
                        format!("`cautions` lists `{id}` twice"),
                        None,
                    );
                }
            }
            // Declared, but refused for a problem of its own (or of a field
            // it reads), already reported.
            None if raw.cautions.iter().any(|c| c.id == *id) => {}
            None => {
                let kind = if raw.rules.iter().any(|r| r.id == *id) {
                    Some("rule")
                } else if raw.vetoes.iter().any(|v| v.id == *id) {
                    Some("veto")
                } else {
                    None
                };
                let help = if let Some(kind) = kind {
                    format!(
                        "`{id}` is a {kind}, not a caution: a test's `cautions` lists the cautions that must hold (every one, and no other)"
                    )
                } else if pack.cautions.is_empty() {
                    "the pack has no cautions".to_owned()
                } else {
                    suggest::hint(id, pack.cautions.iter().map(|c| c.id.as_str()))
                };
                check.push(
                    place.to_owned(),
                    format!("unknown caution `{id}` in `cautions`"),
                    Some(help),
                );
            }
        }
    }
    found.into_iter().collect()
}

/// Runs every worked example and test case; each must recommend its candidate.
pub(super) fn check_outcomes(pack: &Pack, check: &mut Checker) {
    // A ruled-out candidate's score alone would suggest it lost on points.
    let describe = |eval: &crate::engine::Evaluation| -> String {
        let parts = pack
            .candidates
            .iter()
            .zip(&eval.totals)
            .enumerate()
            .map(|(i, (c, t))| {
                let vetoes: Vec<String> = pack
                    .vetoes
                    .iter()
                    .zip(&eval.vetoes)
                    .filter(|(v, truth)| v.candidate == i && **truth == Truth::True)
                    .map(|(v, _)| format!("`{}`", v.id))
                    .collect();
                if vetoes.is_empty() {
                    format!("{} {}", c.id, crate::number::format(*t))
                } else {
                    format!(
                        "{} {}, ruled out by {}",
                        c.id,
                        crate::number::format(*t),
                        vetoes.join(" and ")
                    )
                }
            })
            .collect::<Vec<_>>();
        let separator = if eval.excluded.contains(&true) {
            "; "
        } else {
            ", "
        };
        parts.join(separator)
    };
    let outcome = |eval: &crate::engine::Evaluation| -> String {
        eval.winner().map_or("no recommendation".into(), |w| {
            pack.candidates[w].id.clone()
        })
    };
    for e in &pack.examples {
        let eval = evaluate(pack, &e.workload);
        if eval.winner() != Some(e.expect) {
            let place = check.place("examples", "id", &e.id, "example");
            check.push(
                place,
                format!(
                    "expects {} but the pack gives {} ({})",
                    pack.candidates[e.expect].id,
                    outcome(&eval),
                    describe(&eval)
                ),
                Some(wrong_winner_help(pack, &eval, "expect")),
            );
        }
    }
    for t in &pack.tests {
        let eval = evaluate(pack, &t.workload);
        let place = check.place("tests", "name", &t.name, "test");
        if eval.winner() != Some(t.expect) {
            check.push(
                place.clone(),
                format!(
                    "expects {} but the pack gives {} ({})",
                    pack.candidates[t.expect].id,
                    outcome(&eval),
                    describe(&eval)
                ),
                Some(wrong_winner_help(pack, &eval, "expect")),
            );
        } else if let Some(min) = t.min_margin {
            if eval.margin() + crate::engine::TIE < min {
                check.push(
                    place.clone(),
                    format!(
                        "margin {} is below min_margin {}",
                        crate::number::format(eval.margin()),
                        crate::number::format(min)
                    ),
                    Some(wrong_winner_help(pack, &eval, "min_margin")),
                );
            }
        }
        if let Some(expected) = &t.cautions {
            let holding = crate::engine::cautions(pack, &t.workload, eval.winner());
            if holding != *expected {
                check.push(
                    place,
                    format!(
                        "expects {} but {}",
                        match expected.len() {
                            0 => "no caution".to_owned(),
                            1 => format!("caution {}", caution_ids(pack, expected)),
                            _ => format!("cautions {}", caution_ids(pack, expected)),
                        },
                        match holding.len() {
                            0 => "none holds".to_owned(),
                            1 => format!("{} holds", caution_ids(pack, &holding)),
                            _ => format!("{} hold", caution_ids(pack, &holding)),
                        }
                    ),
                    gated_help(pack, &t.workload, eval.winner(), expected, &holding),
                );
            }
        }
    }
}
