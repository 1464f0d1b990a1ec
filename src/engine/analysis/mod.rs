//! Explanations beyond the score: whether unanswered questions could still
//! change the recommendation, which answers alone already imply it, how far
//! each axis weight can move before the winner changes, and the losing
//! candidates' rules that missed by one condition.
//!
//! # The maths
//!
//! **Completions.** A *completion* answers every unanswered field. Numbers
//! only matter through the pack's thresholds, so each field has finitely
//! many *classes* of answers (answers that make every condition reading the
//! field evaluate alike; see `solver`). Trying one answer per class is the
//! same as trying every answer, so everything below is exhaustive, not
//! sampled.
//!
//! **Components.** A rule or veto whose outcome still depends on unanswered
//! fields is *open*. Fields read together by an open rule or veto are
//! linked; each connected group (a *component*) can be answered
//! independently of the others. A candidate's total in a completion is
//!
//! ```text
//! total_c = base_c + Σ_K δ_c(K)        (δ: weighted points of component K's open rules)
//! ```
//!
//! and it is vetoed when a decided veto holds or any component vetoes it.
//!
//! **Bounds.** The lowest (highest) total of a candidate is `base_c` plus the
//! sum of each component's lowest (highest) `δ_c`: components are
//! independent, so the per-component extremes are reached together. They are
//! *exact* when every component was enumerated (at most
//! [`solver::ENUM_CAP`] combinations each; the real pack's largest is 4,320)
//! and otherwise a sound interval (each field and open rule taken on its own).
//!
//! **Settled.** The recommendation `w` is settled when every completion keeps
//! it: no component can veto `w`, and for every rival `d` that is not vetoed
//! in every completion,
//!
//! ```text
//! base_w − base_d + Σ_K min { δ_w − δ_d : combinations of K not vetoing d } > tie
//! ```
//!
//! The winner changes exactly when *some* rival catches up (or `w` is
//! vetoed), so checking each rival's worst case on its own is exact for any
//! number of candidates. When there is no recommendation (a tie, or every
//! candidate ruled out), it is settled when no completion makes any
//! candidate `t` the unique winner; the per-rival test of that ("`t` can beat
//! each rival") is exact with two candidates and cautious (it may answer
//! "not settled" wrongly, never "settled" wrongly) with more.
//!
//! **Could flip.** An unanswered field *could flip* the recommendation when
//! some completion keeps it and changing only that field's answer does not
//! (it is *pivotal*), or when answering it alone (the others still
//! unanswered) already changes the recommendation. With the field in
//! component `K`, the other fields of `K` at `y` and the rest of the
//! completion adding `R` to the margin, pivotal means two answers `v, v'` and
//! an achievable `R` with `margin(v, y) + R > tie ≥ margin(v', y) + R`
//! (vetoes handled alongside). Whether some sum of one value per other
//! component lands in that window is a pruned depth-first search, exact
//! except past a node budget or for components too large to enumerate (then
//! it answers yes: a field may be listed that cannot quite flip it, never is
//! one omitted that can). With more than two candidates each rival is tested
//! on its own (the same caution); with no recommendation, every field with
//! an effect is listed. When no completion keeps the recommendation (it is
//! bound to change), every field with an effect is listed too.
//!
//! Fields are ranked by their *swing*: the most one answer can move the
//! margin with every other answer held fixed; fields that can rule the
//! winner out come first (an unbounded swing), those that do it on their own
//! before those that need other answers. Each comes with the answer that
//! flips it on its own if there is one, else the one in the worst completion
//! (ruling the winner out, else the lowest margin).

//! **Sufficient reasons.** A set of given answers is sufficient when, with
//! every other field unanswered, the recommendation is settled. Settledness
//! only grows with more answers, so a field whose removal from the full set
//! unsettles it is in every sufficient reason; greedy deletion gives a
//! *minimal* set, and a search of the smaller sets by increasing size proves
//! a *minimum* one when that takes at most 1,024 settledness checks. Two
//! shortcuts keep this cheap: a concrete bad completion (every free field at
//! its worst answer) disproves a set without the exact search, and an
//! additive upper bound on that completion's margin rules out whole sizes.

//! **Weight flips.** With the other weights fixed, each total is linear in an
//! axis weight `x`: `total_c(x) = k_c + raw_c · x`. The winner can only change
//! where two of these lines cross, so the nearest crossing in each direction
//! (within `0..=MAX_WEIGHT`) where the winner differs is found exactly.
//!
//! **Near misses.** A losing candidate's rule that did not fire, but would if
//! one leaf condition (a single field comparison) held, and some answer to
//! that field makes it fire with every other answer unchanged.

mod flip;
mod near;
mod reasons;
mod solver;
#[cfg(test)]
mod tests;
mod weights;

use serde::Serialize;

use super::decision::Keyed;
use super::score::{evaluate, Evaluation};
use crate::number::{Exact, Num};
use crate::pack::Pack;
use crate::pack::{Field, FieldKind};
use crate::workload::{Value, Workload};

pub use flip::{FieldWidth, FlipField};
pub use near::{Described, Expected, LeafOp, NearMiss};
pub use reasons::{ReasonKind, SufficientReason};
pub use solver::{oversized_groups, AnswerClasses, OversizedGroup, ENUM_CAP};
pub use weights::{AxisFlip, Direction, WeightFlip};

use solver::{Prepared, Solver};

/// Whether a candidate can be ruled out by a veto over the completions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Excluded {
    /// No completion rules it out.
    Never,
    /// Some completions rule it out.
    Possible,
    /// Every completion rules it out.
    Always,
}

/// The range of a candidate's total over every completion of the unanswered fields.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bound {
    /// Lowest total.
    pub min: f64,
    /// Highest total.
    pub max: f64,
    /// Whether a veto can rule the candidate out.
    pub excluded: Excluded,
}

/// Everything this module explains about one workload; serializes with ids
/// (see the module documentation for the meaning of each part).
#[derive(Debug, Clone)]
pub struct Analysis<'p> {
    pack: &'p Pack,
    /// The current recommendation (candidate index), as `evaluate` gives it.
    pub recommendation: Option<usize>,
    /// No answer to the unanswered fields changes the recommendation.
    pub settled: bool,
    /// `bounds` and `settled` come from exhaustive enumeration (else sound bounds).
    pub bounds_exact: bool,
    /// Per candidate (pack order), its total over every completion.
    pub bounds: Vec<Bound>,
    /// Unanswered fields that could change the recommendation, largest swing first.
    pub could_flip: Vec<FlipField>,
    /// Every unanswered field's possible effect on the margin, in pack order.
    pub widths: Vec<FieldWidth>,
    /// A smallest set of given answers that alone settles the recommendation;
    /// `None` when the full workload is not settled.
    pub sufficient_reasons: Option<SufficientReason>,
    /// Per axis (pack order), the weights at which the winner changes.
    pub weight_flips: Vec<WeightFlip>,
    /// Losing candidates' rules that missed by one condition, in axis then rule order.
    pub near_misses: Vec<NearMiss>,
}

impl<'p> Analysis<'p> {
    /// The pack the indices refer to.
    pub fn pack(&self) -> &'p Pack {
        self.pack
    }

    /// The width of an unanswered field's effect, if the field is unanswered.
    pub fn width(&self, field: usize) -> Option<&FieldWidth> {
        self.widths.iter().find(|w| w.field == field)
    }
}

/// Analyses a workload (scoring it first).
pub fn analyse<'p>(pack: &'p Pack, workload: &Workload) -> Analysis<'p> {
    let eval = evaluate(pack, workload);
    analyse_with(pack, workload, &eval)
}

/// Analyses a workload whose evaluation the caller already has.
pub fn analyse_with<'p>(pack: &'p Pack, workload: &Workload, eval: &Evaluation) -> Analysis<'p> {
    let prep = Prepared::new(pack, workload, &eval.weights);
    let mut solver = Solver::new(&prep);
    solver.prepare(&prep, &prep.known);
    for i in 0..solver.comps.len() {
        solver.solve(&prep, i, true);
    }
    let recommendation = eval.winner();
    let (settled, exact) = settledness(&solver, recommendation);
    let bounds = bounds(&solver, pack.candidates.len());
    let (could_flip, widths) =
        flip::effects(&prep, &solver, recommendation, settled, workload, eval);
    let sufficient_reasons = if settled {
        reasons::sufficient(&prep, &mut solver, recommendation, workload, eval)
    } else {
        None
    };
    Analysis {
        pack,
        recommendation,
        settled,
        bounds_exact: exact,
        bounds,
        could_flip,
        widths,
        sufficient_reasons,
        weight_flips: weights::weight_flips(pack, workload, eval),
        near_misses: near::near_misses(pack, workload, eval),
    }
}

/// The unanswered fields that could still change the recommendation,
/// largest swing first (empty when it is settled). The interview asks the
/// first one next.
pub fn could_flip(pack: &Pack, workload: &Workload) -> Vec<FlipField> {
    effects(pack, workload).0
}

/// Every unanswered field's possible effect on the margin (its swing and the
/// candidates it can rule out), in pack order: the interview asks the widest
/// when nothing can flip the recommendation.
pub fn field_widths(pack: &Pack, workload: &Workload) -> Vec<FieldWidth> {
    effects(pack, workload).1
}

/// Whether no answer to the unanswered fields can change the current
/// recommendation (the `settled` of [`analyse`], without the rest of the analysis).
pub fn is_settled(pack: &Pack, workload: &Workload) -> bool {
    let eval = evaluate(pack, workload);
    let prep = Prepared::new(pack, workload, &eval.weights);
    let mut solver = Solver::new(&prep);
    reasons::settled_with(&prep, &mut solver, &prep.known, eval.winner()).0
}

/// Every unanswered field, in the order an interview should ask them: the
/// [`could_flip`] ranking first, then the others widest first (fields that
/// can rule a candidate out before the rest), ties in pack order.
pub fn question_order(pack: &Pack, workload: &Workload) -> Vec<usize> {
    let (flips, mut widths) = effects(pack, workload);
    let mut order: Vec<usize> = flips.iter().map(|f| f.field).collect();
    widths.retain(|w| !order.contains(&w.field));
    widths.sort_by(|a, b| {
        a.rules_out
            .is_empty()
            .cmp(&b.rules_out.is_empty())
            .then(b.width.total_cmp(&a.width))
            .then(a.field.cmp(&b.field))
    });
    order.extend(widths.iter().map(|w| w.field));
    order
}

fn effects(pack: &Pack, workload: &Workload) -> (Vec<FlipField>, Vec<FieldWidth>) {
    let eval = evaluate(pack, workload);
    let prep = Prepared::new(pack, workload, &eval.weights);
    let mut solver = Solver::new(&prep);
    solver.prepare(&prep, &prep.known);
    for i in 0..solver.comps.len() {
        solver.solve(&prep, i, true);
    }
    let recommendation = eval.winner();
    let (settled, _) = settledness(&solver, recommendation);
    flip::effects(&prep, &solver, recommendation, settled, workload, &eval)
}

/// Whether every completion keeps `target` as the outcome, and whether that
/// verdict is exact. All components must be solved.
fn settledness(solver: &Solver, target: Option<usize>) -> (bool, bool) {
    let nc = solver.base.len();
    match target {
        Some(w) => (solver.keeps(w), solver.exact()),
        // Vetoes only add up: with everything ruled out, nothing can come back.
        None if solver.base_veto.iter().all(|&v| v) => (true, true),
        None => {
            let someone_can_win = (0..nc).any(|t| solver.can_win(t));
            (
                !someone_can_win,
                solver.exact() && (nc <= 2 || !someone_can_win),
            )
        }
    }
}

fn bounds(solver: &Solver, nc: usize) -> Vec<Bound> {
    let n = solver.comps.len();
    (0..nc)
        .map(|c| Bound {
            min: solver.base[c] + (0..n).map(|i| solver.min(i, c)).sum::<f64>(),
            max: solver.base[c] + (0..n).map(|i| solver.max(i, c)).sum::<f64>(),
            excluded: if solver.base_veto[c] || (0..n).any(|i| solver.all_veto(i, c)) {
                Excluded::Always
            } else if (0..n).any(|i| solver.any_veto(i, c)) {
                Excluded::Possible
            } else {
                Excluded::Never
            },
        })
        .collect()
}

// --- Serialization: indices become ids, values become JSON, numbers Num. ---

/// An answer (or the values a near miss expected) serialized in place, with
/// exactly the output of `value_to_json` / `Expected::to_json` but without
/// building a `serde_json::Value` (no string copies).
pub(crate) enum JsonOut<'p> {
    Answer(&'p Field, Value),
    /// A bare number (`number::to_json`'s form).
    Number(f64),
    Options(&'p Field, &'p [usize]),
    Unanswered,
}

impl<'p> JsonOut<'p> {
    fn expected(field: &'p Field, expected: &'p Expected) -> Self {
        match expected {
            Expected::Value(v) => JsonOut::Answer(field, *v),
            Expected::Options(options) => JsonOut::Options(field, options),
            Expected::Number(n) => JsonOut::Answer(field, Value::Number(*n)),
        }
    }
}

impl Serialize for JsonOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            JsonOut::Answer(field, value) => match (value, &field.kind) {
                (Value::Choice(i), FieldKind::Choice(options)) => {
                    serializer.serialize_str(&options[i].id)
                }
                (Value::Bool(b), _) => serializer.serialize_bool(b),
                (Value::Number(n), _) => JsonOut::Number(n).serialize(serializer),
                (Value::Choice(i), _) => serializer.serialize_u64(i as u64),
            },
            // As `number::to_json`.
            JsonOut::Number(n) => {
                if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
                    serializer.serialize_i64(n as i64)
                } else if n.is_finite() {
                    serializer.serialize_f64(n)
                } else {
                    serializer.serialize_unit()
                }
            }
            JsonOut::Options(field, options) => {
                use serde::ser::SerializeSeq;
                let mut seq = serializer.serialize_seq(Some(options.len()))?;
                for &o in options {
                    seq.serialize_element(&JsonOut::Answer(field, Value::Choice(o)))?;
                }
                seq.end()
            }
            JsonOut::Unanswered => serializer.serialize_str("unanswered"),
        }
    }
}

#[derive(Serialize)]
struct BoundOut {
    min: Num,
    max: Num,
    excluded: Excluded,
}

#[derive(Serialize)]
struct FlipOut<'p> {
    field: &'p str,
    to: JsonOut<'p>,
    swing: Num,
    rules_out: Vec<&'p str>,
    flips_alone: bool,
    recommendation: Option<&'p str>,
    margin: Num,
}

#[derive(Serialize)]
struct ReasonOut<'p> {
    kind: ReasonKind,
    fields: Keyed<'p, JsonOut<'p>>,
}

#[derive(Serialize)]
struct AxisFlipOut<'p> {
    direction: Direction,
    threshold: Num,
    recommendation: Option<&'p str>,
    /// The scores tie at `threshold` itself; `recommendation` is past it.
    tie_at_threshold: bool,
}

#[derive(Serialize)]
struct WeightFlipOut<'p> {
    axis: &'p str,
    weight: Exact,
    from_priorities: bool,
    flips: Vec<AxisFlipOut<'p>>,
}

#[derive(Serialize)]
struct ConditionOut<'p> {
    field: &'p str,
    op: LeafOp,
    expected: JsonOut<'p>,
}

#[derive(Serialize)]
struct NearMissOut<'p> {
    candidate: &'p str,
    rule: &'p str,
    points: Num,
    weighted: Num,
    condition: ConditionOut<'p>,
    observed: JsonOut<'p>,
    text: Collected<near::Described<'p>>,
}

/// A `Display` value serialized as a JSON string without an intermediate `String`.
struct Collected<T>(T);

impl<T: std::fmt::Display> Serialize for Collected<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

#[derive(Serialize)]
struct AnalysisOut<'p> {
    settled: bool,
    bounds_exact: bool,
    bounds: Keyed<'p, BoundOut>,
    could_flip: Vec<FlipOut<'p>>,
    sufficient_reasons: Option<ReasonOut<'p>>,
    weight_flips: Vec<WeightFlipOut<'p>>,
    near_misses: Keyed<'p, Vec<NearMissOut<'p>>>,
}

impl Serialize for Analysis<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let pack = self.pack;
        let cand = |c: usize| pack.candidates[c].id.as_str();
        let out = AnalysisOut {
            settled: self.settled,
            bounds_exact: self.bounds_exact,
            bounds: Keyed(
                self.bounds
                    .iter()
                    .enumerate()
                    .map(|(c, b)| {
                        (
                            cand(c),
                            BoundOut {
                                min: Num(b.min),
                                max: Num(b.max),
                                excluded: b.excluded,
                            },
                        )
                    })
                    .collect(),
            ),
            could_flip: self
                .could_flip
                .iter()
                .map(|f| {
                    let field = &pack.fields[f.field];
                    FlipOut {
                        field: &field.id,
                        to: JsonOut::Answer(field, f.to),
                        swing: Num(f.swing),
                        rules_out: f.rules_out.iter().map(|&c| cand(c)).collect(),
                        flips_alone: f.flips_alone,
                        recommendation: f.recommendation.map(cand),
                        margin: Num(f.margin),
                    }
                })
                .collect(),
            sufficient_reasons: self.sufficient_reasons.as_ref().map(|r| ReasonOut {
                kind: r.kind,
                fields: Keyed(
                    r.fields
                        .iter()
                        .map(|&(f, v)| {
                            let field = &pack.fields[f];
                            (field.id.as_str(), JsonOut::Answer(field, v))
                        })
                        .collect(),
                ),
            }),
            weight_flips: self
                .weight_flips
                .iter()
                .map(|w| WeightFlipOut {
                    axis: &pack.axes[w.axis].id,
                    weight: Exact(w.weight),
                    from_priorities: w.from_priorities,
                    flips: w
                        .flips
                        .iter()
                        .map(|f| AxisFlipOut {
                            direction: f.direction,
                            threshold: Num(f.threshold),
                            recommendation: f.recommendation.map(cand),
                            tie_at_threshold: f.ties_at,
                        })
                        .collect(),
                })
                .collect(),
            near_misses: Keyed(
                pack.axes
                    .iter()
                    .enumerate()
                    .map(|(a, axis)| {
                        let misses = self
                            .near_misses
                            .iter()
                            .filter(|m| m.axis == a)
                            .map(|m| {
                                let field = &pack.fields[m.field];
                                NearMissOut {
                                    candidate: cand(m.candidate),
                                    rule: &pack.rules[m.rule].id,
                                    points: Num(m.points),
                                    weighted: Num(m.weighted),
                                    condition: ConditionOut {
                                        field: &field.id,
                                        op: m.op,
                                        expected: JsonOut::expected(field, &m.expected),
                                    },
                                    observed: m
                                        .observed
                                        .map_or(JsonOut::Unanswered, |v| JsonOut::Answer(field, v)),
                                    text: Collected(m.text(pack)),
                                }
                            })
                            .collect();
                        (axis.id.as_str(), misses)
                    })
                    .collect(),
            ),
        };
        out.serialize(serializer)
    }
}
