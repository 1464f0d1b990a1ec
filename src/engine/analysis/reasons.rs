//! Sufficient reasons: a smallest set of the given answers that, with every
//! other field unanswered, already settles the recommendation.
//!
//! Settledness is monotone (more answers leave fewer completions), which
//! gives both shortcuts used here: greedy deletion yields a *minimal* set
//! (every kept answer was needed by a superset, hence by the result), and an
//! answer whose removal from the full set unsettles it belongs to *every*
//! sufficient reason, so the search for a *minimum* one only enumerates the
//! others, by increasing size below the greedy set's size, when that takes
//! at most [`CHECK_BUDGET`] checks.

use serde::Serialize;

use super::solver::{Prepared, Solver, ENUM_CAP, TIE_SAFE};
use crate::engine::condition::Truth;
use crate::engine::score::Evaluation;
use crate::workload::{Value, Workload};

/// Whether a sufficient reason is known to be the smallest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReasonKind {
    /// No smaller set of the given answers settles it.
    Minimum,
    /// No answer can be dropped from it, but a smaller set may exist.
    Minimal,
}

/// Given answers that alone settle the recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct SufficientReason {
    /// Minimum or only minimal.
    pub kind: ReasonKind,
    /// The answers kept (field index and answer), in pack order.
    pub fields: Vec<(usize, Value)>,
    /// Whether `kind` is proven. The set always settles the recommendation,
    /// but deciding that a smaller one does not can take a cautious test:
    /// with more than two candidates and no recommendation, or a component
    /// too large to enumerate (never with the embedded pack). Then `kind`
    /// says what the search found, not what it proved.
    pub proven: bool,
}

/// Most settledness checks the search for a minimum set may need; beyond,
/// the greedy minimal set is reported. Each check is a few microseconds.
const CHECK_BUDGET: usize = 1024;

/// For one rival `d` of the winner `w`: each field's worst answer for `w`
/// against `d` (one not ruling `d` out), and the margin rows `a` (the given
/// answer) and `b` (the worst answer).
///
/// Freeing the fields outside a set `S` and giving each its worst answer is
/// one completion; if it changes the winner, `S` is not sufficient. Its
/// margin is at most `Σ_{f∈S} a_f + Σ_{f∉S} b_f + M`, `M` bounding what the
/// multi-field rules can add, which is additive in `S`: if even the `k`
/// largest gains `a_f − b_f` cannot lift it above 0, no set of `k` more
/// answers settles it. That bound needs the witness to stand for `d`: every
/// multi-field veto on `d` must be kept false by some field whatever it
/// answers between its given and its worst answer.
struct Witness {
    worst: Vec<usize>,
    a: Vec<f64>,
    b: Vec<f64>,
    /// `M`: the most multi-field rules can add to `w − d`.
    multi_max: f64,
    /// The bound is valid for this rival.
    bounded: bool,
}

impl Witness {
    fn new(prep: &Prepared, w: usize, d: usize) -> Self {
        let nf = prep.pack.fields.len();
        let nc = prep.nc;
        let mut worst = vec![0; nf];
        let mut a = vec![0.0; nf];
        let mut b = vec![0.0; nf];
        let mut bounded = true;
        let margin = |k: usize| {
            let at = k * nc;
            if prep.row_veto[at + w] {
                f64::NEG_INFINITY
            } else if prep.row_veto[at + d] {
                f64::INFINITY
            } else {
                prep.row_delta[at + w] - prep.row_delta[at + d]
            }
        };
        for f in 0..nf {
            let classes = prep.start[f]..prep.start[f + 1];
            let best = classes
                .clone()
                .filter(|&k| !prep.row_veto[k * nc + d])
                .min_by(|&x, &y| margin(x).total_cmp(&margin(y)));
            match best {
                Some(k) => {
                    worst[f] = k - prep.start[f];
                    b[f] = margin(k);
                }
                // Every answer rules d out: no witness against d from this field.
                None => bounded = false,
            }
            a[f] = prep.known[f].map_or(b[f], |k| margin(prep.start[f] + k));
        }
        let mut multi_max = 0.0;
        for m in &prep.multi {
            if m.veto {
                // A veto on d must be kept false by one of its fields at both
                // the given and the worst answer.
                if m.candidate == d {
                    let blocked = m.fields.iter().any(|&f| {
                        let false_at = |k: usize| {
                            let v = prep.rep(f, k);
                            m.cond.eval_with(&|g| (g == f).then_some(v)) == Truth::False
                        };
                        false_at(worst[f]) && prep.known[f].is_none_or(false_at)
                    });
                    bounded &= blocked;
                }
            } else if m.candidate == w {
                multi_max += m.weighted.max(0.0);
            } else if m.candidate == d {
                multi_max -= m.weighted.min(0.0);
            }
        }
        Witness {
            worst,
            a,
            b,
            multi_max,
            bounded,
        }
    }

    /// Whether the completion giving every free field its worst answer
    /// changes the winner.
    fn flips(
        &self,
        prep: &Prepared,
        fixed: &[Option<usize>],
        target: Option<usize>,
        scratch: &mut Scratch,
    ) -> bool {
        for (f, class) in fixed.iter().enumerate() {
            scratch.classes[f] = class.unwrap_or(self.worst[f]);
        }
        prep.outcome(
            &scratch.classes,
            &mut scratch.totals,
            &mut scratch.vetoed,
            &mut scratch.vals,
        ) != target
    }

    /// The smallest number of answers beyond `necessary`, taken from
    /// `others`, that the additive bound does not rule out (at most `limit`).
    fn smallest_size(&self, necessary: &[usize], others: &[usize], limit: usize) -> usize {
        if !self.bounded {
            return 0;
        }
        let nf = self.a.len();
        let mut bound = self.multi_max;
        for f in 0..nf {
            bound += if necessary.contains(&f) {
                self.a[f]
            } else {
                self.b[f]
            };
        }
        let mut gains: Vec<f64> = others.iter().map(|&f| self.a[f] - self.b[f]).collect();
        gains.sort_by(|x, y| y.total_cmp(x));
        let mut k = 0;
        // Ruled out while even the best k gains leave the margin at or below 0.
        while k < limit && bound <= 0.0 {
            if k < gains.len() {
                bound += gains[k];
            }
            k += 1;
        }
        // NaN (not expected: ±∞ never meet) proves nothing.
        if bound.is_nan() {
            return 0;
        }
        k
    }
}

/// A cheap proof of settledness for the winner `w`: a lower bound of every
/// rival's margin over the completions of an assignment, additive per field
/// (each free field at its lowest margin among the answers not ruling the
/// rival out, each open multi-field rule at its worst). When every bound
/// clears the tie by a safety slack (so float rounding cannot matter) and
/// nothing free can rule `w` out, every completion keeps `w`: the exact
/// search would say "settled" too, and is skipped. Only used when every
/// component the search could form is enumerated exhaustively, so the exact
/// search's answer is the truth this bound proves.
struct Lower {
    w: usize,
    /// Per `(field, candidate)`: the lowest margin of `w` over the candidate
    /// among the field's classes not ruling it out (+∞ if all do).
    free_min: Vec<f64>,
    /// Per field: some class rules `w` out.
    free_vetoes_w: Vec<bool>,
}

impl Lower {
    fn new(prep: &Prepared, w: usize) -> Option<Self> {
        let nf = prep.pack.fields.len();
        let nc = prep.nc;
        // The exact search enumerates components: single fields, or fields
        // joined by multi-field items. Each must stay within the enumeration
        // cap for the proof to agree with the exact search. A check's
        // components are parts of the pack's (fixing a field only splits
        // them), so the pack's components, joined through every item, are
        // what is checked.
        let root = super::solver::root;
        let mut parent: Vec<usize> = (0..nf).collect();
        for m in &prep.multi {
            if let Some((&first, rest)) = m.fields.split_first() {
                for &g in rest {
                    let (a, b) = (root(&mut parent, first), root(&mut parent, g));
                    parent[b] = a;
                }
            }
        }
        let mut product = vec![1usize; nf];
        for f in 0..nf {
            if prep.classes(f) > ENUM_CAP {
                return None;
            }
            let r = root(&mut parent, f);
            product[r] = product[r].saturating_mul(prep.classes(f));
            if product[r] > ENUM_CAP {
                return None;
            }
        }
        let mut free_min = vec![f64::INFINITY; nf * nc];
        let mut free_vetoes_w = vec![false; nf];
        for f in 0..nf {
            for k in prep.start[f]..prep.start[f + 1] {
                let at = k * nc;
                free_vetoes_w[f] |= prep.row_veto[at + w];
                for d in 0..nc {
                    if !prep.row_veto[at + d] {
                        let m = prep.row_delta[at + w] - prep.row_delta[at + d];
                        let slot = &mut free_min[f * nc + d];
                        *slot = slot.min(m);
                    }
                }
            }
        }
        Some(Lower {
            w,
            free_min,
            free_vetoes_w,
        })
    }

    /// True when the bound proves that every completion of `fixed` keeps `w`
    /// (false proves nothing).
    fn proves(&self, prep: &Prepared, fixed: &[Option<usize>], bound: &mut [f64]) -> bool {
        let nc = prep.nc;
        let w = self.w;
        // Sum of magnitudes, for the rounding slack.
        let mut scale = 0.0;
        bound.iter_mut().for_each(|b| *b = 0.0);
        for (f, class) in fixed.iter().enumerate() {
            match class {
                Some(k) => {
                    let at = (prep.start[f] + k) * nc;
                    if prep.row_veto[at + w] {
                        return false;
                    }
                    for (d, b) in bound.iter_mut().enumerate() {
                        *b += if prep.row_veto[at + d] {
                            f64::INFINITY
                        } else {
                            prep.row_delta[at + w] - prep.row_delta[at + d]
                        };
                    }
                    scale += prep.row_delta[at..at + nc]
                        .iter()
                        .map(|x| x.abs())
                        .sum::<f64>();
                }
                None => {
                    if self.free_vetoes_w[f] {
                        return false;
                    }
                    for (b, &m) in bound.iter_mut().zip(&self.free_min[f * nc..(f + 1) * nc]) {
                        *b += m;
                        if m.is_finite() {
                            scale += m.abs();
                        }
                    }
                }
            }
        }
        let vals = |g: usize| fixed[g].map(|k| prep.rep(g, k));
        for m in &prep.multi {
            let truth = m.cond.eval_with(&vals);
            let c = m.candidate;
            if m.veto {
                match truth {
                    Truth::False => {}
                    _ if c == w => return false,
                    Truth::True => bound[c] = f64::INFINITY,
                    // An open veto on a rival can only help `w`.
                    Truth::Unknown => {}
                }
                continue;
            }
            let x = m.weighted;
            scale += x.abs();
            let (lo, hi) = match truth {
                Truth::True => (x, x),
                Truth::False => (0.0, 0.0),
                Truth::Unknown => (x.min(0.0), x.max(0.0)),
            };
            if c == w {
                bound.iter_mut().for_each(|b| *b += lo);
            } else {
                bound[c] -= hi;
            }
        }
        let slack = TIE_SAFE + 1e-6 + 1e-9 * scale;
        (0..nc).all(|d| d == w || bound[d] > slack)
    }
}

/// Buffers for evaluating one completion.
struct Scratch {
    classes: Vec<usize>,
    totals: Vec<f64>,
    vetoed: Vec<bool>,
    vals: Vec<Option<Value>>,
}

impl Scratch {
    fn new(prep: &Prepared) -> Self {
        Scratch {
            classes: vec![0; prep.pack.fields.len()],
            totals: vec![0.0; prep.nc],
            vetoed: vec![false; prep.nc],
            vals: vec![None; prep.pack.fields.len()],
        }
    }
}

/// `n` choose `k`, `None` on overflow.
fn binomial(n: usize, k: usize) -> Option<usize> {
    (0..k).try_fold(1usize, |acc, i| acc.checked_mul(n - i).map(|x| x / (i + 1)))
}

/// A sufficient reason for the recommendation `target`, which the full
/// workload must settle (the caller checked).
pub(super) fn sufficient(
    prep: &Prepared,
    solver: &mut Solver,
    target: Option<usize>,
    workload: &Workload,
    eval: &Evaluation,
) -> Option<SufficientReason> {
    let pack = prep.pack;
    let known: Vec<usize> = (0..pack.fields.len())
        .filter(|&f| prep.known[f].is_some())
        .collect();
    let witnesses = match target {
        Some(w) => (0..prep.nc)
            .filter(|&d| d != w)
            .map(|d| Witness::new(prep, w, d))
            .collect(),
        None => Vec::new(),
    };
    let lower = target.and_then(|w| Lower::new(prep, w));
    let mut bound = vec![0.0; prep.nc];
    let mut scratch = Scratch::new(prep);
    // Whether every "not settled" answer was certain: minimality rests on it.
    let mut certain = true;
    let mut check = |fixed: &[Option<usize>]| {
        // A concrete completion that changes the winner settles it quickly,
        // and so does an additive bound proving that none does; only when
        // neither answers is the exact search run.
        if witnesses
            .iter()
            .any(|wit| wit.flips(prep, fixed, target, &mut scratch))
        {
            return false;
        }
        if lower
            .as_ref()
            .is_some_and(|l| l.proves(prep, fixed, &mut bound))
        {
            return true;
        }
        let (settled, sure) = settled_with(prep, solver, fixed, target);
        certain &= sure;
        settled
    };

    // Every answer whose removal from the full set unsettles it is in every
    // sufficient reason; only the others need trying.
    let mut fixed = prep.known.clone();
    let mut necessary = Vec::new();
    let mut others = Vec::new();
    for &f in &known {
        fixed[f] = None;
        if check(&fixed) {
            others.push(f);
        } else {
            necessary.push(f);
        }
        fixed[f] = prep.known[f];
    }

    // Greedy deletion, least influential answers first so the ones that
    // carry the decision are the ones kept.
    let influence = |f: usize| -> f64 {
        let readers = &pack.readers[f];
        let rules: f64 = readers
            .rules
            .iter()
            .filter(|&&r| eval.rules[r] == Truth::True)
            .map(|&r| (pack.rules[r].points * eval.weights[pack.rules[r].axis]).abs())
            .sum();
        let vetoes = readers
            .vetoes
            .iter()
            .filter(|&&v| eval.vetoes[v] == Truth::True)
            .count();
        rules + vetoes as f64 * 1e6
    };
    let mut order = others.clone();
    order.sort_by(|&a, &b| influence(a).total_cmp(&influence(b)).then(b.cmp(&a)));
    for (i, &f) in order.iter().enumerate() {
        fixed[f] = None;
        // The first removal was already checked with everything else kept.
        if i == 0 {
            continue;
        }
        if !check(&fixed) {
            fixed[f] = prep.known[f];
        }
    }
    let mut best: Vec<usize> = known
        .iter()
        .copied()
        .filter(|&f| fixed[f].is_some())
        .collect();
    let mut kind = ReasonKind::Minimal;

    // Smaller sets, by increasing size, skipping the sizes that the additive
    // bound rules out, if that takes few enough checks.
    let below = best.len().saturating_sub(necessary.len());
    let from = witnesses
        .iter()
        .map(|wit| wit.smallest_size(&necessary, &others, below))
        .max()
        .unwrap_or(0);
    let subsets = (from..below).try_fold(0usize, |n, k| n.checked_add(binomial(others.len(), k)?));
    if subsets.is_some_and(|n| n <= CHECK_BUDGET) {
        'sizes: for size in from..below {
            let mut pick: Vec<usize> = (0..size).collect();
            loop {
                fixed.iter_mut().for_each(|v| *v = None);
                for &f in necessary.iter().chain(pick.iter().map(|&j| &others[j])) {
                    fixed[f] = prep.known[f];
                }
                if check(&fixed) {
                    best = known
                        .iter()
                        .copied()
                        .filter(|&f| fixed[f].is_some())
                        .collect();
                    break 'sizes;
                }
                if !next_combination(&mut pick, others.len()) {
                    break;
                }
            }
        }
        kind = ReasonKind::Minimum;
    }
    Some(SufficientReason {
        kind,
        proven: certain,
        fields: best
            .into_iter()
            .map(|f| (f, workload.values[f].expect("a kept field is answered")))
            .collect(),
    })
}

/// Advances `pick` (sorted indices below `n`) to the next combination of
/// the same size in lexicographic order; false after the last.
fn next_combination(pick: &mut [usize], n: usize) -> bool {
    let k = pick.len();
    for i in (0..k).rev() {
        if pick[i] < n - k + i {
            pick[i] += 1;
            for j in i + 1..k {
                pick[j] = pick[j - 1] + 1;
            }
            return true;
        }
    }
    false
}

/// Whether every completion of the assignment `fixed` gives `target`.
/// Stops at the first component that can veto the winner.
pub(super) fn settled_with(
    prep: &Prepared,
    solver: &mut Solver,
    fixed: &[Option<usize>],
    target: Option<usize>,
) -> (bool, bool) {
    // Returns (settled, certain): "settled" is always certain; "not settled"
    // is only when every component was enumerated and, without a winner,
    // there are at most two candidates (see `Solver::can_win`).
    solver.prepare(prep, fixed);
    match target {
        Some(w) => {
            if solver.base_veto[w] {
                return (false, true);
            }
            for i in 0..solver.comps.len() {
                solver.solve(prep, i, false);
                if solver.any_veto(i, w) {
                    return (false, solver.comps[i].exact);
                }
            }
            let keeps = solver.keeps(w);
            (keeps, keeps || solver.exact())
        }
        None => {
            if solver.base_veto.iter().all(|&v| v) {
                return (true, true);
            }
            for i in 0..solver.comps.len() {
                solver.solve(prep, i, false);
            }
            let someone = (0..prep.nc).any(|t| solver.can_win(t));
            (!someone, !someone || (solver.exact() && prep.nc <= 2))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{binomial, next_combination};

    #[test]
    fn combinations_in_order() {
        let mut pick = vec![0, 1];
        let mut seen = vec![pick.clone()];
        while next_combination(&mut pick, 4) {
            seen.push(pick.clone());
        }
        assert_eq!(
            seen,
            vec![
                vec![0, 1],
                vec![0, 2],
                vec![0, 3],
                vec![1, 2],
                vec![1, 3],
                vec![2, 3]
            ]
        );
        let mut empty: Vec<usize> = vec![];
        assert!(!next_combination(&mut empty, 3));
    }

    #[test]
    fn binomials() {
        assert_eq!(binomial(14, 0), Some(1));
        assert_eq!(binomial(14, 7), Some(3432));
        assert_eq!(binomial(200, 100), None);
    }
}
