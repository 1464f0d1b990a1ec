//! Single-field changes: which other answer to one field would change the
//! recommendation, and how numeric answers are grouped into the regions the
//! pack's thresholds carve out.

use super::condition::Truth;
use super::decision::DecidedBy;
use super::score::{margin_of, winner_of, Evaluation};
use crate::pack::{FieldKind, NumberSpec, Pack};
use crate::workload::{Value, Workload};

/// One answer that, alone, changes the recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// Field index.
    pub field: usize,
    /// The current answer (`None`: the field is unanswered).
    pub from: Option<Value>,
    /// The answer that changes the outcome.
    pub to: Value,
    /// The recommendation it leads to (`None`: a tie or nothing left).
    pub recommendation: Option<usize>,
    /// The margin after the change.
    pub margin: f64,
    /// What settles the result after the change.
    pub decided_by: DecidedBy,
}

impl Change {
    /// The result it leads to: the recommendation and what settles it.
    fn outcome(&self) -> (Option<usize>, DecidedBy) {
        (self.recommendation, self.decided_by)
    }
}

/// The values worth trying for a field: every option, both booleans, or one
/// value on each side of and at every threshold the pack compares the field with.
pub fn probe_values(pack: &Pack, field: usize) -> Vec<Value> {
    match &pack.fields[field].kind {
        FieldKind::Choice(options) => (0..options.len()).map(Value::Choice).collect(),
        FieldKind::Bool => vec![Value::Bool(false), Value::Bool(true)],
        FieldKind::Number(spec) => numeric_probes(spec)
            .into_iter()
            .map(Value::Number)
            .collect(),
    }
}

/// Representative numbers for a numeric field, sorted: each threshold and a
/// "nice" value just below and just above it, kept within the bounds. Every
/// region between thresholds contains one of them, so trying these is the
/// same as trying every number.
pub fn numeric_probes(spec: &NumberSpec) -> Vec<f64> {
    let mut probes = Vec::new();
    for (i, &t) in spec.thresholds.iter().enumerate() {
        let below_limit = if i == 0 {
            spec.min
        } else {
            spec.thresholds[i - 1]
        };
        let above_limit = spec.thresholds.get(i + 1).copied().unwrap_or(spec.max);
        probes.push(nice_between(below_limit, t, true));
        probes.push(t);
        probes.push(nice_between(t, above_limit, false));
    }
    probes.retain(|&v| spec.check(v).is_ok());
    probes.sort_by(f64::total_cmp);
    probes.dedup();
    cover_every_region(spec, &mut probes);
    probes
}

/// Adds a value to each region the accepted range reaches but `probes`
/// miss: a threshold outside `min..=max` has neighbours that are refused
/// too (`lt: 1000` on a field up to 100 left no probe at all, so the rule
/// was said never to fire and its field never to matter). The accepted
/// range is cut at the thresholds inside it; the middle of each piece, and
/// the bounds themselves, meet every region it reaches.
fn cover_every_region(spec: &NumberSpec, probes: &mut Vec<f64>) {
    if spec.thresholds.is_empty() {
        return; // no rule reads the field: no answer to it matters
    }
    let mut cuts = vec![spec.min];
    cuts.extend(
        spec.thresholds
            .iter()
            .copied()
            .filter(|&t| t > spec.min && t < spec.max),
    );
    cuts.push(spec.max);
    let middles = cuts.windows(2).map(|pair| {
        let middle = pair[0] + (pair[1] - pair[0]) / 2.0;
        without_noise(middle, pair[0], pair[1])
    });
    // A set, not a scan of `probes` per middle: a pack with thousands of
    // thresholds on one field would otherwise take seconds to load.
    let mut covered: std::collections::HashSet<usize> = probes
        .iter()
        .map(|&p| region(&spec.thresholds, p))
        .collect();
    let mut added = false;
    for v in middles.chain([spec.min, spec.max]) {
        let r = region(&spec.thresholds, v);
        if !covered.contains(&r) && spec.check(v).is_ok() {
            covered.insert(r);
            probes.push(v);
            added = true;
        }
    }
    if added {
        probes.sort_by(f64::total_cmp);
    }
}

/// A value strictly between `low` and `high`, next to `high` when `near_high`
/// (else next to `low`): one unit away when the gap allows, else the midpoint.
fn nice_between(low: f64, high: f64, near_high: bool) -> f64 {
    let step = if high - low > 2.0 {
        1.0
    } else {
        (high - low) / 2.0
    };
    let value = if near_high { high - step } else { low + step };
    without_noise(value, low, high)
}

/// `value` without binary float noise (2.675 − 1 is 1.6749999999999998,
/// which would be suggested to people as an answer): the fewest decimals
/// that change it by no more than noise, kept strictly between `low` and
/// `high` (the region it stands for).
fn without_noise(value: f64, low: f64, high: f64) -> f64 {
    let noise = 1e-9 * value.abs().max(1.0);
    crate::number::fewest_decimals(value, 0..=15, |v| {
        (v - value).abs() <= noise && v > low && v < high
    })
    .unwrap_or(value)
}

/// The region of a number relative to sorted thresholds: `2k` for "below
/// threshold k" and `2k + 1` for "equal to threshold k". Two numbers in the
/// same region satisfy exactly the same comparisons.
pub fn region(thresholds: &[f64], value: f64) -> usize {
    let below = thresholds.partition_point(|&t| t < value);
    if thresholds.get(below) == Some(&value) {
        2 * below + 1
    } else {
        2 * below
    }
}

/// Every single-field change that gives a different recommendation.
///
/// For an answered choice or boolean, each other value; for an answered
/// number, below and above it, the nearest value for each outcome it can
/// change to (a tie, or each other candidate); for
/// an unanswered field, each answer that would change it (numbers: the first
/// value of each run of changing values). Answered fields come first, then
/// unanswered ones, each in pack order.
pub fn what_would_change(pack: &Pack, workload: &Workload, current: &Evaluation) -> Vec<Change> {
    let winner = current.winner();
    let mut delta = Delta::new(pack, current);
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for field in 0..pack.fields.len() {
        let from = workload.values[field];
        let mut flips: Vec<Change> = Vec::new();
        for &to in &pack.probes[field] {
            if Some(to) == from || same_region(pack, field, from, to) {
                continue;
            }
            let (recommendation, margin, decided_by) =
                delta.with_answer(pack, workload, current, field, to);
            if recommendation != winner {
                flips.push(Change {
                    field,
                    from,
                    to,
                    recommendation,
                    margin,
                    decided_by,
                });
            }
        }
        let flips = match (&pack.fields[field].kind, from) {
            (FieldKind::Number(_), Some(Value::Number(current))) => {
                nearest_each_side(flips, current)
            }
            (FieldKind::Number(_), None) => first_of_each_run(pack, field, flips),
            _ => flips,
        };
        if from.is_some() {
            known.extend(flips);
        } else {
            unknown.extend(flips);
        }
    }
    known.extend(unknown);
    known
}

/// Re-scores a workload with one answer changed by re-evaluating only the
/// rules and vetoes that read that field, in buffers reused across calls.
struct Delta {
    raw: Vec<f64>,
    totals: Vec<f64>,
    excluded: Vec<bool>,
    /// Vetoes holding per candidate in the base evaluation.
    base_vetoes: Vec<u32>,
    vetoes: Vec<u32>,
}

impl Delta {
    fn new(pack: &Pack, base: &Evaluation) -> Self {
        let mut base_vetoes = vec![0u32; pack.candidates.len()];
        for (veto, truth) in pack.vetoes.iter().zip(&base.vetoes) {
            if *truth == Truth::True {
                base_vetoes[veto.candidate] += 1;
            }
        }
        Delta {
            raw: base.raw_points().to_vec(),
            totals: base.totals.clone(),
            excluded: base.excluded.clone(),
            vetoes: base_vetoes.clone(),
            base_vetoes,
        }
    }

    /// The winner and margin if `field` were answered `to`.
    fn with_answer(
        &mut self,
        pack: &Pack,
        workload: &Workload,
        base: &Evaluation,
        field: usize,
        to: Value,
    ) -> (Option<usize>, f64, DecidedBy) {
        let axes = pack.axes.len();
        let answer = |f: usize| {
            if f == field {
                Some(to)
            } else {
                workload.values[f]
            }
        };
        self.raw.copy_from_slice(base.raw_points());
        self.vetoes.copy_from_slice(&self.base_vetoes);
        let readers = &pack.readers[field];
        for &r in &readers.rules {
            let rule = &pack.rules[r];
            let before = base.rules[r] == Truth::True;
            let after = rule.when.eval_with(&answer) == Truth::True;
            if before != after {
                let sign = if after { 1.0 } else { -1.0 };
                self.raw[rule.candidate * axes + rule.axis] += sign * rule.points;
            }
        }
        for &v in &readers.vetoes {
            let veto = &pack.vetoes[v];
            let before = base.vetoes[v] == Truth::True;
            let after = veto.when.eval_with(&answer) == Truth::True;
            if before && !after {
                self.vetoes[veto.candidate] -= 1;
            } else if after && !before {
                self.vetoes[veto.candidate] += 1;
            }
        }
        for c in 0..pack.candidates.len() {
            self.totals[c] = (0..axes)
                .map(|a| self.raw[c * axes + a] * base.weights[a])
                .sum();
            self.excluded[c] = self.vetoes[c] > 0;
        }
        let winner = winner_of(&self.totals, &self.excluded);
        (
            winner,
            margin_of(&self.totals, &self.excluded),
            DecidedBy::of(winner, &self.excluded),
        )
    }
}

fn same_region(pack: &Pack, field: usize, from: Option<Value>, to: Value) -> bool {
    match (&pack.fields[field].kind, from, to) {
        (FieldKind::Number(spec), Some(Value::Number(a)), Value::Number(b)) => {
            region(&spec.thresholds, a) == region(&spec.thresholds, b)
        }
        _ => false,
    }
}

fn number_of(value: Value) -> f64 {
    match value {
        Value::Number(n) => n,
        _ => f64::NAN,
    }
}

/// For an answered number (`flips` sorted by value): on each side of the
/// current answer, the nearest value for each different outcome (the
/// recommendation and what settles it), in increasing order. Only the
/// nearest one overall let a nearer change hide a hard limit farther on (an
/// item size of 1 KB listed 101 KB, a tie or Aurora on points, but not
/// 401 KB, where a veto rules DynamoDB out whatever the other answers).
fn nearest_each_side(flips: Vec<Change>, current: f64) -> Vec<Change> {
    let nearest_per_outcome = |side: &mut dyn Iterator<Item = &Change>| {
        let mut kept: Vec<Change> = Vec::new();
        for change in side {
            if kept.iter().all(|k| k.outcome() != change.outcome()) {
                kept.push(change.clone());
            }
        }
        kept
    };
    let mut below =
        nearest_per_outcome(&mut flips.iter().rev().filter(|c| number_of(c.to) < current));
    below.reverse();
    let above = nearest_per_outcome(&mut flips.iter().filter(|c| number_of(c.to) > current));
    below.into_iter().chain(above).collect()
}

/// Keeps the first probe of each run of consecutive changing probes, so an
/// unanswered number lists "from 10,001 up" once rather than every probe.
fn first_of_each_run(pack: &Pack, field: usize, flips: Vec<Change>) -> Vec<Change> {
    let probes = &pack.probes[field];
    let position = |c: &Change| probes.iter().position(|p| *p == c.to);
    let mut kept: Vec<Change> = Vec::new();
    let mut last: Option<(usize, (Option<usize>, DecidedBy))> = None;
    for change in flips {
        let pos = position(&change);
        let continues = match (last, pos) {
            (Some((prev, outcome)), Some(p)) => p == prev + 1 && outcome == change.outcome(),
            _ => false,
        };
        if let Some(p) = pos {
            last = Some((p, change.outcome()));
        }
        if !continues {
            kept.push(change);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(thresholds: Vec<f64>) -> NumberSpec {
        NumberSpec {
            min: 0.0,
            min_exclusive: false,
            max: 1e9,
            unit: String::new(),
            thresholds,
        }
    }

    #[test]
    fn probes_cover_every_region() {
        let s = spec(vec![5000.0, 10000.0]);
        assert_eq!(
            numeric_probes(&s),
            vec![4999.0, 5000.0, 5001.0, 9999.0, 10000.0, 10001.0]
        );
        let thresholds = &s.thresholds;
        let regions: Vec<usize> = numeric_probes(&s)
            .iter()
            .map(|&v| region(thresholds, v))
            .collect();
        assert_eq!(regions, vec![0, 1, 2, 2, 3, 4]);
    }

    /// A threshold outside the accepted range still leaves one value for
    /// each region the range reaches (`lt: 1000` on a field up to 100 used
    /// to leave none: the rule "never fired" and its field "never mattered").
    #[test]
    fn thresholds_outside_the_range_still_leave_a_value_to_try() {
        let s = NumberSpec {
            max: 100.0,
            ..spec(vec![1000.0])
        };
        assert_eq!(numeric_probes(&s), vec![50.0]);
        let s = NumberSpec {
            max: 100.0,
            ..spec(vec![-5.0, 50.0, 1000.0])
        };
        // Above -5 and below 50, 50 itself, above 50 and below 1000.
        assert_eq!(numeric_probes(&s), vec![49.0, 50.0, 51.0]);
        let s = NumberSpec {
            max: 100.0,
            ..spec(vec![100.5])
        };
        assert_eq!(numeric_probes(&s), vec![99.5]);
        // Every region an accepted value falls in has a probe.
        for thresholds in [vec![-5.0], vec![0.0], vec![100.0], vec![99.9, 100.0, 300.0]] {
            let s = NumberSpec {
                max: 100.0,
                ..spec(thresholds)
            };
            let probes = numeric_probes(&s);
            for v in [0.0, 0.5, 1.0, 42.0, 99.9, 99.95, 100.0] {
                let r = region(&s.thresholds, v);
                assert!(
                    probes.iter().any(|&p| region(&s.thresholds, p) == r),
                    "{v} with {:?}: {probes:?}",
                    s.thresholds
                );
            }
        }
    }

    /// Values to try are what a person would type: 2.675 − 1 is offered as
    /// 1.675, not 1.6749999999999998.
    #[test]
    fn probes_carry_no_float_noise() {
        let s = spec(vec![2.675]);
        assert_eq!(numeric_probes(&s), vec![1.675, 2.675, 3.675]);
        let s = NumberSpec {
            min: 0.1,
            max: 0.3,
            ..spec(vec![0.2])
        };
        assert_eq!(numeric_probes(&s), vec![0.15, 0.2, 0.25]);
    }

    #[test]
    fn probes_respect_an_exclusive_minimum() {
        let s = NumberSpec {
            min_exclusive: true,
            ..spec(vec![1.0])
        };
        assert_eq!(numeric_probes(&s), vec![0.5, 1.0, 2.0]);
    }
}
