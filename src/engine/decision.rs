//! The explained decision: scores, reasons, vetoes, open questions, what would
//! change it and the closest worked example, as one serializable value.
//!
//! Confidence: the *relative margin* `r = margin / (|winner total| +
//! |runner-up total|)` sets the level, `high` when r ≥ 1/3 (the winner
//! scores at least twice the runner-up, or a veto decided), `medium` when
//! r ≥ 0.15, else `low`. A decision where a ruled-out candidate scores more
//! on the axes than the winner is `low`: the winner fails the workload's
//! other needs (with two candidates only a veto decision can be one).
//! Then the open questions lower it, by the exact analysis: `low` when one
//! more answer alone could change the winner, one step down when only
//! several together could (not settled). `none`: no winner (a tie, or every
//! candidate ruled out).

use serde::Serialize;

use super::analysis::Analysis;
use super::change::{what_would_change, Change};
use super::condition::Truth;
use super::score::{evaluate, Evaluation};
use super::similarity::closest_example;
use crate::number::{Exact, Num};
use crate::pack::Pack;
use crate::workload::{value_to_json, Workload};

/// How sure the recommendation is; see the module documentation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Clear margin, nothing open could flip it.
    High,
    /// Fair margin, only an open veto could flip it.
    Medium,
    /// Narrow margin, or open rules could flip it.
    Low,
    /// No recommendation.
    None,
}

impl Confidence {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
            Confidence::None => "none",
        }
    }

    /// One step lower (`low` and `none` stay).
    fn lowered(self) -> Self {
        match self {
            Confidence::High => Confidence::Medium,
            Confidence::Medium | Confidence::Low => Confidence::Low,
            Confidence::None => Confidence::None,
        }
    }
}

/// What settled the recommendation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DecidedBy {
    /// The winner has the highest total.
    Scores,
    /// Every other candidate is ruled out by a hard limit.
    Veto,
    /// The top totals are equal.
    Tie,
    /// Every candidate is ruled out.
    NothingLeft,
}

impl DecidedBy {
    /// What settles a result with this winner and these candidates ruled out.
    pub fn of(winner: Option<usize>, excluded: &[bool]) -> DecidedBy {
        let standing = excluded.iter().filter(|&&e| !e).count();
        match winner {
            None if standing == 0 => DecidedBy::NothingLeft,
            None => DecidedBy::Tie,
            Some(_) if standing == 1 && excluded.len() > 1 => DecidedBy::Veto,
            Some(_) => DecidedBy::Scores,
        }
    }
}

/// A list of `(id, value)` pairs that serializes as a JSON object in order.
/// Ids borrow from the pack: a decision allocates as little as it can,
/// which is what makes batches of thousands fast.
#[derive(Debug, Clone, PartialEq)]
pub struct Keyed<'p, T>(pub Vec<(&'p str, T)>);

impl<T: Serialize> Serialize for Keyed<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<T> Keyed<'_, T> {
    /// The value for a key.
    pub fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }
}

/// A candidate's scores.
#[derive(Debug, Clone, Serialize)]
pub struct CandidateScore<'p> {
    /// Sum of the weighted axis scores.
    pub total: Num,
    /// Weighted score per axis.
    pub axes: Keyed<'p, Num>,
    /// Raw points per axis, before weights.
    pub raw: Keyed<'p, Num>,
    /// Ruled out by a veto.
    pub excluded: bool,
}

/// A rule that fired.
#[derive(Debug, Clone, Serialize)]
pub struct Reason<'p> {
    /// Rule id.
    pub rule: &'p str,
    /// Axis id.
    pub axis: &'p str,
    /// Candidate id.
    pub candidate: &'p str,
    /// Raw points.
    pub points: Num,
    /// Points times the axis weight.
    pub weighted: Num,
    /// Why, for people.
    pub because: &'p str,
    /// Where the claim comes from.
    pub source: &'p str,
}

/// A veto that holds.
#[derive(Debug, Clone, Serialize)]
pub struct Exclusion<'p> {
    /// Candidate id ruled out.
    pub candidate: &'p str,
    /// Veto id.
    pub rule: &'p str,
    /// Why, for people.
    pub because: &'p str,
    /// The documented limit.
    pub source: &'p str,
}

/// A caution that holds: a warning beside the result, which changes no score.
#[derive(Debug, Clone, Serialize)]
pub struct CautionOut<'p> {
    /// Caution id.
    pub rule: &'p str,
    /// The candidate whose limit it states, if any (see
    /// [`crate::pack::Caution::limit_of`]); left out of JSON when none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit_of: Option<&'p str>,
    /// What the user should know, for people.
    pub because: &'p str,
    /// Where the claim comes from.
    pub source: &'p str,
}

/// The cautions that hold for `workload` when `winner` is recommended
/// (indices into `pack.cautions`, in pack order); unknown ones are not
/// listed. With `winner` `None` (no winner, or none yet, as in the
/// interview), only the cautions said whichever candidate wins.
pub fn cautions(pack: &Pack, workload: &Workload, winner: Option<usize>) -> Vec<usize> {
    cautions_where(pack, workload, winner, |_| false, Truth::True).collect()
}

/// The cautions an answer to an unanswered field could still raise, given
/// the recommendation now and whether it is settled (a caution said only
/// for one winner cannot be raised when another's win is settled).
pub fn open_cautions<'a>(
    pack: &'a Pack,
    workload: &'a Workload,
    winner: Option<usize>,
    settled: bool,
) -> impl Iterator<Item = usize> + 'a {
    let could_win = move |c: usize| winner == Some(c) || !settled;
    cautions_where(pack, workload, winner, could_win, Truth::Unknown)
}

/// Whether `caution` holds (`True`), could still be raised by an answer
/// (`Unknown`), or neither, with `winner` recommended; `could_win` says
/// whether some answers to the open questions could make a candidate win
/// (a caution said for one winner cannot be raised where it cannot). The
/// condition and the win are weighed apart: a caution whose condition
/// needs answers that make another candidate win may still be `Unknown`.
fn caution_truth(
    caution: &crate::pack::Caution,
    workload: &Workload,
    winner: Option<usize>,
    could_win: impl Fn(usize) -> bool,
) -> Truth {
    let holds = caution.when.eval(workload);
    let Some(gate) = caution.winner else {
        return holds;
    };
    match holds {
        Truth::False => Truth::False,
        Truth::True if winner == Some(gate) => Truth::True,
        // Another winner now: an answer that changes it could raise it.
        Truth::True | Truth::Unknown if could_win(gate) => Truth::Unknown,
        Truth::True | Truth::Unknown => Truth::False,
    }
}

fn cautions_where<'a>(
    pack: &'a Pack,
    workload: &'a Workload,
    winner: Option<usize>,
    could_win: impl Fn(usize) -> bool + 'a,
    truth: Truth,
) -> impl Iterator<Item = usize> + 'a {
    pack.cautions
        .iter()
        .enumerate()
        .filter(move |(_, c)| caution_truth(c, workload, winner, &could_win) == truth)
        .map(|(i, _)| i)
}

/// Whether some answers to the open questions could make `candidate` win,
/// by the score bounds over every completion: never when a veto already
/// rules it out, or when it cannot pass another candidate that no veto
/// can rule out (a tie at best). Settled, only the winner can.
fn can_still_win(analysis: &Analysis, winner: Option<usize>, candidate: usize) -> bool {
    use super::analysis::Excluded;
    if winner == Some(candidate) {
        return true;
    }
    if analysis.settled {
        return false;
    }
    let Some(own) = analysis.bounds.get(candidate) else {
        return false;
    };
    own.excluded != Excluded::Always
        && analysis.bounds.iter().enumerate().all(|(other, bound)| {
            other == candidate
                || bound.excluded != Excluded::Never
                || own.max - bound.min > super::TIE
        })
}

/// The rules, vetoes and cautions whose conditions still wait on unanswered
/// fields (their details are in the pack; `could_flip` ranks the fields).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Open<'p> {
    /// Rule ids.
    pub rules: Vec<&'p str>,
    /// Veto ids.
    pub vetoes: Vec<&'p str>,
    /// Caution ids: an answer could still raise them (no score changes).
    pub cautions: Vec<&'p str>,
}

/// The worked example most alike of all, when it is not the closest of the
/// recommended candidate's (it has another answer, or there is no winner).
#[derive(Debug, Clone, Serialize)]
pub struct NearestExample<'p> {
    /// Example id (SPEC §2).
    pub id: &'p str,
    /// Short title.
    pub title: &'p str,
    /// The candidate the source document gives it.
    pub expect: &'p str,
    /// Similarity in `[0, 1]` (see `engine::similarity`).
    pub similarity: Num,
}

/// The closest worked example of the recommended candidate.
#[derive(Debug, Clone, Serialize)]
pub struct ExampleMatch<'p> {
    /// Example id (SPEC §2).
    pub id: &'p str,
    /// Short title.
    pub title: &'p str,
    /// The source document's text.
    pub text: &'p str,
    /// Where in the source document it stands.
    pub section: &'p str,
    /// Similarity in `[0, 1]` (see `engine::similarity`).
    pub similarity: Num,
}

/// One answer that alone changes the recommendation.
#[derive(Debug, Clone, Serialize)]
pub struct ChangeOut<'p> {
    /// Field id.
    pub field: &'p str,
    /// The current answer (`null`: unanswered).
    pub from: serde_json::Value,
    /// The answer that changes it.
    pub to: serde_json::Value,
    /// The recommendation it leads to (`null`: a tie or nothing left).
    pub recommendation: Option<&'p str>,
    /// The margin after the change.
    pub margin: Num,
    /// What settles the result after the change (`veto`: a hard limit
    /// rules out every other candidate; `nothing_left`: every one).
    pub decided_by: DecidedBy,
}

/// The pack that produced a decision.
#[derive(Debug, Clone, Serialize)]
pub struct PackRef<'p> {
    /// Pack name.
    pub name: &'p str,
    /// Pack version.
    pub version: &'p str,
}

/// The answers of a decision, serialized as `Workload::to_json` writes them
/// (answered fields in pack order, then `priorities` if any) but without
/// building a `serde_json::Value`: a batch writes one per line.
#[derive(Debug, Clone)]
pub struct Answers<'p> {
    pack: &'p Pack,
    values: Vec<Option<crate::workload::Value>>,
    priorities: Vec<Option<f64>>,
}

impl Answers<'_> {
    /// A field's answer as JSON, `None` when unanswered or unknown.
    pub fn get(&self, field_id: &str) -> Option<serde_json::Value> {
        let f = self.pack.field_index(field_id)?;
        self.values[f].map(|v| value_to_json(&self.pack.fields[f], v))
    }
}

impl Serialize for Answers<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use super::analysis::JsonOut;
        use serde::ser::SerializeMap;
        let pack = self.pack;
        let mut map = serializer.serialize_map(None)?;
        for (field, value) in pack.fields.iter().zip(&self.values) {
            if let Some(v) = value {
                map.serialize_entry(&field.id, &JsonOut::Answer(field, *v))?;
            }
        }
        if self.priorities.iter().any(Option::is_some) {
            let weights: Vec<(&str, JsonOut)> = pack
                .axes
                .iter()
                .zip(&self.priorities)
                .filter_map(|(axis, p)| {
                    // A number whatever the field: `number::to_json`'s form.
                    p.map(|w| (axis.id.as_str(), JsonOut::Number(w)))
                })
                .collect();
            map.serialize_entry("priorities", &Keyed(weights))?;
        }
        map.end()
    }
}

/// The full, explained result for one workload (SPEC §4).
#[derive(Debug, Clone, Serialize)]
pub struct Decision<'p> {
    /// Winning candidate id, `null` when none.
    pub recommendation: Option<&'p str>,
    /// See [`Confidence`].
    pub confidence: Confidence,
    /// Whether a caution stating a limit of the winner lowered the
    /// confidence (JSON tells it by the cautions' `limit_of`).
    #[serde(skip)]
    pub lowered_by_limits: bool,
    /// Winner's total minus the runner-up's.
    pub margin: Num,
    /// What settled it.
    pub decided_by: DecidedBy,
    /// The candidate the margin is measured against.
    pub runner_up: Option<&'p str>,
    /// Scores per candidate, in pack order.
    pub scores: Keyed<'p, CandidateScore<'p>>,
    /// The weight used for each axis.
    pub weights: Keyed<'p, Exact>,
    /// Every rule that fired, in pack order.
    pub reasons: Vec<Reason<'p>>,
    /// Every veto that holds.
    pub excluded: Vec<Exclusion<'p>>,
    /// Every caution that holds, in pack order.
    pub cautions: Vec<CautionOut<'p>>,
    /// The closest worked example of the recommended candidate.
    pub example: Option<ExampleMatch<'p>>,
    /// The example more alike than `example`, of another answer (null when
    /// `example` is the most alike).
    pub nearest_example: Option<NearestExample<'p>>,
    /// Unanswered fields, in pack order.
    pub unknown: Vec<&'p str>,
    /// Rules and vetoes waiting on unanswered fields.
    pub open: Open<'p>,
    /// Single answers that change the recommendation.
    pub what_would_change: Vec<ChangeOut<'p>>,
    /// How solid it is: `settled`, `bounds_exact`, `bounds`, `could_flip`,
    /// `sufficient_reasons`, `weight_flips`, `near_misses` (see `engine::analysis`).
    #[serde(flatten)]
    pub analysis: Analysis<'p>,
    /// Capacity and monthly cost of each candidate, when the caller asked
    /// for them (see [`crate::estimate`]); information beside the scores.
    /// Always a key: `null` when there is no estimate (a pack that compares
    /// neither Aurora nor DynamoDB), as documented, so scripts can rely on it.
    pub estimates: Option<crate::estimate::Estimates>,
    /// The answers, canonical.
    pub workload: Answers<'p>,
    /// The pack used.
    pub pack: PackRef<'p>,
}

/// Evaluates a workload and explains the result.
pub fn decide<'p>(pack: &'p Pack, workload: &Workload) -> Decision<'p> {
    let eval = evaluate(pack, workload);
    let changes = what_would_change(pack, workload, &eval);
    let analysis = super::analysis::analyse_with(pack, workload, &eval);
    build(pack, workload, &eval, &changes, analysis)
}

fn build<'p>(
    pack: &'p Pack,
    workload: &Workload,
    eval: &Evaluation,
    changes: &[Change],
    analysis: Analysis<'p>,
) -> Decision<'p> {
    let winner = eval.winner();
    let decided_by = DecidedBy::of(winner, &eval.excluded);
    let runner_up = winner.and_then(|w| eval.runner_up(w));
    let margin = eval.margin();

    let id = |c: usize| pack.candidates[c].id.as_str();
    let axis_map = |f: &dyn Fn(usize) -> f64| {
        Keyed(
            pack.axes
                .iter()
                .enumerate()
                .map(|(a, axis)| (axis.id.as_str(), Num(f(a))))
                .collect(),
        )
    };
    let scores = Keyed(
        (0..pack.candidates.len())
            .map(|c| {
                (
                    id(c),
                    CandidateScore {
                        total: Num(eval.totals[c]),
                        axes: axis_map(&|a| eval.weighted(c, a)),
                        raw: axis_map(&|a| eval.raw(c, a)),
                        excluded: eval.excluded[c],
                    },
                )
            })
            .collect(),
    );
    let reasons = pack
        .rules
        .iter()
        .zip(&eval.rules)
        .filter(|(_, t)| **t == Truth::True)
        .map(|(r, _)| Reason {
            rule: &r.id,
            axis: &pack.axes[r.axis].id,
            candidate: id(r.candidate),
            points: Num(r.points),
            weighted: Num(r.points * eval.weights[r.axis]),
            because: &r.because,
            source: &r.source,
        })
        .collect();
    let excluded = pack
        .vetoes
        .iter()
        .zip(&eval.vetoes)
        .filter(|(_, t)| **t == Truth::True)
        .map(|(v, _)| Exclusion {
            candidate: id(v.candidate),
            rule: &v.id,
            because: &v.because,
            source: &v.source,
        })
        .collect();
    // Each caution's truth once, for the ones that hold and the open ones.
    let caution_truths: Vec<Truth> = pack
        .cautions
        .iter()
        .map(|c| {
            caution_truth(c, workload, winner, |candidate| {
                can_still_win(&analysis, winner, candidate)
            })
        })
        .collect();
    let cautions_that = |truth: Truth| {
        pack.cautions
            .iter()
            .zip(&caution_truths)
            .filter(move |(_, t)| **t == truth)
            .map(|(c, _)| c)
    };
    let cautions: Vec<CautionOut> = cautions_that(Truth::True)
        .map(|c| CautionOut {
            rule: &c.id,
            limit_of: c.limit_of.map(id),
            because: &c.because,
            source: &c.source,
        })
        .collect();
    // Recommended in spite of a limit a caution states: the advice rests
    // on working around it (more clusters, a redesign), so it is less sure.
    let unlimited = confidence(eval, &analysis, winner, runner_up, margin, decided_by);
    let winner_limited = winner.is_some_and(|w| cautions.iter().any(|c| c.limit_of == Some(id(w))));
    let confidence = if winner_limited {
        unlimited.lowered()
    } else {
        unlimited
    };
    let open = Open {
        rules: pack
            .rules
            .iter()
            .zip(&eval.rules)
            .filter(|(_, t)| **t == Truth::Unknown)
            .map(|(r, _)| r.id.as_str())
            .collect(),
        vetoes: pack
            .vetoes
            .iter()
            .zip(&eval.vetoes)
            .filter(|(_, t)| **t == Truth::Unknown)
            .map(|(v, _)| v.id.as_str())
            .collect(),
        cautions: cautions_that(Truth::Unknown)
            .map(|c| c.id.as_str())
            .collect(),
    };
    let example = winner
        .and_then(|w| closest_example(pack, workload, Some(w)))
        .map(|(i, s)| {
            let e = &pack.examples[i];
            ExampleMatch {
                id: &e.id,
                title: &e.title,
                text: &e.text,
                section: &e.section,
                similarity: Num(s),
            }
        });
    // The example most alike of all, when it is not that one: a workload
    // can be nearly the stock-trading example yet get the other answer
    // (or none), and only examples of the winner were looked at.
    let nearest_example = closest_example(pack, workload, None)
        .filter(|&(_, s)| s > example.as_ref().map_or(0.0, |e| e.similarity.0))
        .map(|(i, s)| {
            let e = &pack.examples[i];
            NearestExample {
                id: &e.id,
                title: &e.title,
                expect: &pack.candidates[e.expect].id,
                similarity: Num(s),
            }
        });
    let what_would_change = changes
        .iter()
        .map(|c| {
            let field = &pack.fields[c.field];
            ChangeOut {
                field: &field.id,
                from: c
                    .from
                    .map_or(serde_json::Value::Null, |v| value_to_json(field, v)),
                to: value_to_json(field, c.to),
                recommendation: c.recommendation.map(id),
                margin: Num(c.margin),
                decided_by: c.decided_by,
            }
        })
        .collect();

    Decision {
        recommendation: winner.map(id),
        confidence,
        lowered_by_limits: confidence != unlimited,
        margin: Num(margin),
        decided_by,
        runner_up: runner_up.map(id),
        scores,
        weights: Keyed(
            pack.axes
                .iter()
                .zip(&eval.weights)
                .map(|(a, w)| (a.id.as_str(), Exact(*w)))
                .collect(),
        ),
        reasons,
        excluded,
        cautions,
        example,
        nearest_example,
        unknown: workload.unknown(pack),
        open,
        what_would_change,
        analysis,
        estimates: None,
        workload: Answers {
            pack,
            values: workload.values.clone(),
            priorities: workload.priorities.clone(),
        },
        pack: PackRef {
            name: &pack.name,
            version: &pack.version,
        },
    }
}

/// The level from the relative margin, lowered by what the open questions
/// could still do (the analysis's exact answer, not a worst case that adds
/// up rules which cannot fire together).
fn confidence(
    eval: &Evaluation,
    analysis: &Analysis,
    winner: Option<usize>,
    runner_up: Option<usize>,
    margin: f64,
    decided_by: DecidedBy,
) -> Confidence {
    let Some(w) = winner else {
        return Confidence::None;
    };
    // If a ruled-out candidate fits everything else better, the winner is
    // ahead only because of a hard limit: a weak position, as the
    // workload's other needs point the other way. With three candidates or
    // more this holds whether the veto decided (every other one ruled out)
    // or the scores among those left did.
    let best_ruled_out = (0..eval.totals.len())
        .filter(|&c| eval.excluded[c])
        .map(|c| eval.totals[c])
        .fold(f64::NEG_INFINITY, f64::max);
    if best_ruled_out > eval.totals[w] {
        return Confidence::Low;
    }
    let relative = if decided_by == DecidedBy::Veto {
        // Won because a hard limit rules out the rest.
        1.0
    } else {
        let scale = eval.totals[w].abs() + runner_up.map_or(0.0, |r| eval.totals[r].abs());
        if scale > 0.0 {
            margin / scale
        } else {
            0.0
        }
    };
    let base = if relative >= 1.0 / 3.0 {
        Confidence::High
    } else if relative >= 0.15 {
        Confidence::Medium
    } else {
        Confidence::Low
    };
    if analysis.settled {
        base
    } else if analysis.could_flip.iter().any(|f| f.flips_alone) {
        // One more answer is enough to change it.
        Confidence::Low
    } else {
        base.lowered()
    }
}
