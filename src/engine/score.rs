//! Scoring: which rules and vetoes hold for a workload, and the points per
//! candidate and axis.
//!
//! Semantics: a rule whose condition is true adds its `points` to its
//! candidate on its axis (the *raw* score). The *weighted* score of an axis is
//! raw × the axis weight (the workload's priority, else the pack default), and
//! a candidate's *total* is the sum of its weighted axis scores. A veto whose
//! condition is true excludes its candidate. The winner is the candidate with
//! the highest total among those not excluded; equal totals are a tie.

use super::condition::Truth;
use crate::pack::Pack;
use crate::workload::Workload;

/// Totals closer than this are a tie: half the smallest difference a
/// result shows (scores are rounded to six decimals), so a winner always
/// shows a margin of at least 0.000001, never "margin 0" beside a winner
/// (as with an axis weight of 1e-7). It also absorbs float noise.
pub const TIE: f64 = 5e-7;

/// The outcome of scoring one workload: cheap to compute (no strings, a few
/// small vectors), so analyses can call it many times.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Weight per axis.
    pub weights: Vec<f64>,
    /// Raw points, `candidate * axes + axis`.
    raw: Vec<f64>,
    axes: usize,
    /// Truth of each rule's condition, indexed like `pack.rules`.
    pub rules: Vec<Truth>,
    /// Truth of each veto's condition, indexed like `pack.vetoes`.
    pub vetoes: Vec<Truth>,
    /// Whether each candidate is excluded by a veto that holds.
    pub excluded: Vec<bool>,
    /// Weighted total per candidate.
    pub totals: Vec<f64>,
}

/// Scores a workload against the pack.
pub fn evaluate(pack: &Pack, workload: &Workload) -> Evaluation {
    evaluate_with(pack, workload.weights(pack), &|field| {
        workload.values[field]
    })
}

/// Scores with answers from a lookup and explicit weights, so analyses can
/// try hypothetical answers without cloning the workload.
pub fn evaluate_with(
    pack: &Pack,
    weights: Vec<f64>,
    answer: &impl Fn(usize) -> Option<crate::workload::Value>,
) -> Evaluation {
    let axes = pack.axes.len();
    let mut raw = vec![0.0; pack.candidates.len() * axes];
    let mut rules = Vec::with_capacity(pack.rules.len());
    for rule in &pack.rules {
        let t = rule.when.eval_with(answer);
        if t == Truth::True {
            raw[rule.candidate * axes + rule.axis] += rule.points;
        }
        rules.push(t);
    }
    let mut excluded = vec![false; pack.candidates.len()];
    let mut vetoes = Vec::with_capacity(pack.vetoes.len());
    for veto in &pack.vetoes {
        let t = veto.when.eval_with(answer);
        if t == Truth::True {
            excluded[veto.candidate] = true;
        }
        vetoes.push(t);
    }
    let totals = (0..pack.candidates.len())
        .map(|c| (0..axes).map(|a| raw[c * axes + a] * weights[a]).sum())
        .collect();
    Evaluation {
        weights,
        raw,
        axes,
        rules,
        vetoes,
        excluded,
        totals,
    }
}

impl Evaluation {
    /// Raw points of a candidate on an axis.
    pub fn raw(&self, candidate: usize, axis: usize) -> f64 {
        self.raw[candidate * self.axes + axis]
    }

    /// Weighted points of a candidate on an axis.
    pub fn weighted(&self, candidate: usize, axis: usize) -> f64 {
        self.raw(candidate, axis) * self.weights[axis]
    }

    /// Candidates not excluded, best total first (ties keep pack order).
    pub fn ranking(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.totals.len())
            .filter(|&c| !self.excluded[c])
            .collect();
        order.sort_by(|&a, &b| self.totals[b].total_cmp(&self.totals[a]));
        order
    }

    /// The recommended candidate: the best total among those not excluded,
    /// or `None` when every candidate is excluded or the top two tie.
    pub fn winner(&self) -> Option<usize> {
        winner_of(&self.totals, &self.excluded)
    }

    /// The candidate the winner is measured against: the best other total
    /// among those not excluded, else the best other total of all.
    pub fn runner_up(&self, winner: usize) -> Option<usize> {
        runner_up_of(&self.totals, &self.excluded, winner)
    }

    /// Winner's total minus the runner-up's (0 without a winner).
    pub fn margin(&self) -> f64 {
        margin_of(&self.totals, &self.excluded)
    }
}

/// The winner given totals and exclusions (see [`Evaluation::winner`]); no allocation.
pub fn winner_of(totals: &[f64], excluded: &[bool]) -> Option<usize> {
    let mut best: Option<usize> = None;
    let mut second: Option<usize> = None;
    for c in (0..totals.len()).filter(|&c| !excluded[c]) {
        match best {
            Some(b) if totals[c] <= totals[b] => {
                if second.is_none_or(|s| totals[c] > totals[s]) {
                    second = Some(c);
                }
            }
            _ => {
                second = best;
                best = Some(c);
            }
        }
    }
    match (best, second) {
        (Some(b), Some(s)) if totals[b] - totals[s] <= TIE => None,
        (best, _) => best,
    }
}

/// The runner-up given totals and exclusions (see [`Evaluation::runner_up`]).
pub fn runner_up_of(totals: &[f64], excluded: &[bool], winner: usize) -> Option<usize> {
    let best_other = |allow_excluded: bool| {
        (0..totals.len())
            .filter(|&c| c != winner && (allow_excluded || !excluded[c]))
            .max_by(|&a, &b| totals[a].total_cmp(&totals[b]).then(b.cmp(&a)))
    };
    best_other(false).or_else(|| best_other(true))
}

/// The margin given totals and exclusions (see [`Evaluation::margin`]).
pub fn margin_of(totals: &[f64], excluded: &[bool]) -> f64 {
    match winner_of(totals, excluded) {
        Some(w) => match runner_up_of(totals, excluded, w) {
            Some(r) => totals[w] - totals[r],
            None => totals[w],
        },
        None => 0.0,
    }
}

impl Evaluation {
    /// Raw points as one slice, `candidate * axes + axis`.
    pub fn raw_points(&self) -> &[f64] {
        &self.raw
    }
}
