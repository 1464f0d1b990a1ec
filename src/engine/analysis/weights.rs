//! Weight-flip thresholds: how far one axis weight can move, the others
//! fixed, before the recommendation changes.
//!
//! Each total is linear in the weight `x` of axis `a`:
//! `total_c(x) = k_c + raw_c(a) · x`. The ranking only changes where two
//! lines cross, so between consecutive crossings the winner is constant; the
//! scan checks each open stretch (at its middle) and each crossing point in
//! turn, from the current weight toward 0 or [`MAX_WEIGHT`].

use serde::Serialize;

use crate::engine::score::{winner_of, Evaluation, TIE};
use crate::pack::Pack;
use crate::workload::{Workload, MAX_WEIGHT};

/// Which way the weight moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// A higher weight.
    Raise,
    /// A lower weight.
    Lower,
}

/// The nearest weight, in one direction, at which the recommendation changes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AxisFlip {
    /// Raise or lower.
    pub direction: Direction,
    /// The weight at which the recommendation first differs (at an exact
    /// crossing the totals tie, so there is no recommendation at the threshold itself).
    pub threshold: f64,
    /// The recommendation just past the threshold (`None`: a tie or nothing left).
    pub recommendation: Option<usize>,
    /// The totals tie at the threshold itself: `recommendation` holds only
    /// past it (a weight of exactly 3 ties; 3.000001 is DynamoDB), or, when
    /// it is `None`, the tie is all the weight reaches (at 0 or 1,000).
    pub ties_at: bool,
}

/// One axis's weight and the thresholds that flip the recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightFlip {
    /// Axis index.
    pub axis: usize,
    /// The weight in use.
    pub weight: f64,
    /// Whether the weight came from the workload's priorities (else the pack default).
    pub from_priorities: bool,
    /// Up to one flip per direction; empty when no weight of this axis
    /// (within `0..=MAX_WEIGHT`) changes the recommendation.
    pub flips: Vec<AxisFlip>,
}

pub(super) fn weight_flips(pack: &Pack, workload: &Workload, eval: &Evaluation) -> Vec<WeightFlip> {
    let nc = pack.candidates.len();
    let current = eval.winner();
    let mut k = vec![0.0; nc];
    let mut slope = vec![0.0; nc];
    let mut totals = vec![0.0; nc];
    let mut events = Vec::new();
    (0..pack.axes.len())
        .map(|a| {
            let x0 = eval.weights[a];
            for c in 0..nc {
                slope[c] = eval.raw(c, a);
                k[c] = (0..pack.axes.len())
                    .filter(|&b| b != a)
                    .map(|b| eval.weighted(c, b))
                    .sum();
            }
            let mut winner_at = |x: f64| {
                for c in 0..nc {
                    totals[c] = k[c] + slope[c] * x;
                }
                winner_of(&totals, &eval.excluded)
            };
            let mut flips = Vec::new();
            for direction in [Direction::Raise, Direction::Lower] {
                let bound = match direction {
                    Direction::Raise => MAX_WEIGHT,
                    Direction::Lower => 0.0,
                };
                let ahead = |x: f64| match direction {
                    Direction::Raise => x > x0 && x <= bound,
                    Direction::Lower => x < x0 && x >= bound,
                };
                // Every crossing of two standing candidates' lines ahead.
                events.clear();
                for c in (0..nc).filter(|&c| !eval.excluded[c]) {
                    for d in (c + 1..nc).filter(|&d| !eval.excluded[d]) {
                        if slope[c] != slope[d] {
                            let x = (k[d] - k[c]) / (slope[c] - slope[d]);
                            if ahead(x) {
                                events.push(x);
                            }
                            // Where the two totals come within TIE of each
                            // other: a tie, so the answer changes there,
                            // before the lines cross (by TIE / slope
                            // difference: 1.7e-7 for a weight of 2e-7
                            // against 3 points). This also absorbs float
                            // noise: a crossing at 0 that rounding put at
                            // 1.85e-17 is reached at 5e-7, written 0.
                            let gap = k[c] - k[d];
                            for edge in [TIE, -TIE] {
                                let x = (edge - gap) / (slope[c] - slope[d]);
                                if ahead(x) {
                                    events.push(x);
                                }
                            }
                        }
                    }
                }
                if ahead(bound) {
                    events.push(bound);
                }
                events.sort_by(|p, q| match direction {
                    Direction::Raise => p.total_cmp(q),
                    Direction::Lower => q.total_cmp(p),
                });
                events.dedup();
                // Each open stretch between events (tried at its middle)
                // and each event, in order, with the weight that reaches it.
                let mut probes = Vec::with_capacity(events.len() * 2);
                let mut from = x0;
                for &point in events.iter() {
                    probes.push((from, (from + point) / 2.0));
                    probes.push((point, point));
                    from = point;
                }
                let Some(first) = probes.iter().position(|&(_, x)| winner_at(x) != current) else {
                    continue;
                };
                let threshold = probes[first].0;
                // The outcome past the threshold: the first candidate that
                // wins there, past any tie on the way (a tie at the crossing
                // itself, and within TIE of it).
                let mut recommendation = None;
                for &(_, x) in &probes[first..] {
                    match winner_at(x) {
                        w if w == current => break,
                        Some(c) => {
                            recommendation = Some(c);
                            break;
                        }
                        None => {}
                    }
                }
                // Said to six decimals, as every figure is, rounded away from
                // the current weight so the rounded value still changes it
                // (float noise aside: 1.0999999999999999 is 1.1).
                let scaled = threshold * 1e6;
                let shown = if (scaled - scaled.round()).abs() <= 1e-6 {
                    scaled.round()
                } else {
                    match direction {
                        Direction::Raise => scaled.ceil(),
                        Direction::Lower => scaled.floor(),
                    }
                } / 1e6;
                let shown = shown.clamp(0.0, MAX_WEIGHT);
                let threshold = if winner_at(shown) != current {
                    shown
                } else {
                    threshold
                };
                flips.push(AxisFlip {
                    direction,
                    threshold,
                    recommendation,
                    ties_at: current.is_some() && winner_at(threshold).is_none(),
                });
            }
            WeightFlip {
                axis: a,
                weight: x0,
                from_priorities: workload.priorities.get(a).copied().flatten().is_some(),
                flips,
            }
        })
        .collect()
}
