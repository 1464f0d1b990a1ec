//! Which unanswered fields could change the recommendation, and how far
//! each can move the margin (see the module documentation of `analysis`).

use super::solver::{Prepared, Solver};
use crate::engine::condition::Truth;
use crate::engine::score::{margin_of, winner_of, Evaluation, TIE};
use crate::number::round;
use crate::workload::{Value, Workload};

/// An unanswered field that could still change the recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct FlipField {
    /// Field index.
    pub field: usize,
    /// The answer that flips the recommendation on its own, else the one
    /// that pushes hardest toward a flip (the one in the worst completion).
    pub to: Value,
    /// The most one answer to this field can move the margin, every other
    /// answer held fixed (weighted points; vetoes are in `rules_out`).
    pub swing: f64,
    /// Candidates an answer to this field can rule out (candidate indices).
    pub rules_out: Vec<usize>,
    /// Whether answering `to`, with the other fields still unanswered,
    /// already changes the recommendation.
    pub flips_alone: bool,
    /// The recommendation right after answering `to` (`None`: a tie or nothing left).
    pub recommendation: Option<usize>,
    /// The margin right after answering `to`.
    pub margin: f64,
}

impl FlipField {
    /// Field `field` answered with its class `class`, whose outcome alone
    /// (the other fields as they are) is `(recommendation, margin)`.
    fn new(
        prep: &Prepared,
        field: usize,
        class: usize,
        swing: f64,
        rules_out: &[usize],
        (recommendation, margin): (Option<usize>, f64),
        target: Option<usize>,
    ) -> Self {
        FlipField {
            field,
            to: prep.rep(field, class),
            swing,
            rules_out: rules_out.to_vec(),
            flips_alone: recommendation != target,
            recommendation,
            margin,
        }
    }
}

/// How far an unanswered field's answers can move the outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldWidth {
    /// Field index.
    pub field: usize,
    /// The most one answer can move the margin, other answers held fixed
    /// (0 when no open rule reads the field).
    pub width: f64,
    /// Candidates an answer to this field can rule out.
    pub rules_out: Vec<usize>,
}

/// A component's values of the margin `w − d` over its combinations that
/// veto neither: exact (sorted, distinct), or an interval for a component
/// too large to enumerate.
#[derive(Debug, Clone)]
enum Rest {
    Set(Vec<f64>),
    Range(f64, f64),
}

impl Rest {
    fn bounds(&self) -> (f64, f64) {
        match self {
            Rest::Set(s) => (
                s.first().copied().unwrap_or(f64::INFINITY),
                s.last().copied().unwrap_or(f64::NEG_INFINITY),
            ),
            Rest::Range(a, b) => (*a, *b),
        }
    }
}

/// Search nodes one "can the other components sum into this window" query
/// may visit before answering "yes" (the cautious answer).
const SEARCH_BUDGET: usize = 100_000;

/// One combination's outcome for the pair (winner, rival).
#[derive(Clone, Copy)]
struct Outcome {
    veto_w: bool,
    veto_d: bool,
    margin: f64,
}

/// Computes `could_flip` (empty when settled) and every unanswered field's width.
pub(super) fn effects(
    prep: &Prepared,
    solver: &Solver,
    target: Option<usize>,
    settled: bool,
    workload: &Workload,
    eval: &Evaluation,
) -> (Vec<FlipField>, Vec<FieldWidth>) {
    let nc = prep.nc;
    // Pairs whose margin matters: the winner against each rival, or (no
    // winner) every pair of candidates that can still stand.
    let pairs: Vec<(usize, usize)> = match target {
        Some(w) => (0..nc).filter(|&d| d != w).map(|d| (w, d)).collect(),
        None => (0..nc)
            .flat_map(|a| (a + 1..nc).map(move |b| (a, b)))
            .filter(|&(a, b)| !solver.base_veto[a] && !solver.base_veto[b])
            .collect(),
    };
    // Built on first need: most fields flip the recommendation alone or not at all.
    let mut rests: Option<Vec<RivalRest>> = None;
    // With no completion keeping the winner (it is bound to change), every
    // field with an effect is listed, though none is pivotal.
    let none_keep = target.is_some_and(|w| !settled && !solver.can_win(w));
    let mut alone = Alone::new(eval);
    let mut alone_flips = Vec::new();
    let mut widths = Vec::new();
    let mut flips = Vec::new();
    for i in 0..solver.comps.len() {
        for (p, &f) in solver.fields(i).iter().enumerate() {
            let (width, rules_out) = if solver.comps[i].exact {
                exact_width(prep, solver, i, p, &pairs)
            } else {
                bounded_width(prep, solver, i, f, &pairs)
            };
            if !settled {
                alone_flips.clear();
                alone_flips
                    .extend((0..prep.classes(f)).map(|v| alone.answer(prep, workload, eval, f, v)));
                let has_effect = width > 0.0 || !rules_out.is_empty();
                let could = alone_flips.iter().any(|&(r, _)| r != target)
                    || (none_keep && has_effect)
                    || match target {
                        Some(w) if solver.comps[i].exact => {
                            let rests = rests.get_or_insert_with(|| rest_sets(solver, w));
                            pivotal(prep, solver, i, p, w, rests)
                        }
                        _ => has_effect,
                    };
                if could {
                    let to = choose_answer(prep, solver, i, p, target, &pairs, &alone_flips);
                    let flip =
                        FlipField::new(prep, f, to, width, &rules_out, alone_flips[to], target);
                    flips.push(flip);
                }
            }
            widths.push(FieldWidth {
                field: f,
                width,
                rules_out,
            });
        }
    }
    // Unanswered fields outside every component: each of their answers
    // scores alike (a threshold outside the field's range can leave one
    // class), so no completion depends on them, yet answering one still
    // changes the totals from "unknown". Their effect is that one row.
    // (`widths` holds exactly the component fields so far.)
    let in_comps = widths.len();
    for (f, value) in workload.values.iter().enumerate() {
        if value.is_some()
            || widths[..in_comps].iter().any(|w| w.field == f)
            || prep.classes(f) == 0
        {
            continue;
        }
        let at = prep.start[f] * nc;
        let (row, veto) = (&prep.row_delta[at..at + nc], &prep.row_veto[at..at + nc]);
        let rules_out: Vec<usize> = (0..nc).filter(|&c| veto[c]).collect();
        if row.iter().all(|&d| d == 0.0) && rules_out.is_empty() {
            continue;
        }
        let width = pairs
            .iter()
            .map(|&(a, b)| (row[a] - row[b]).abs())
            .fold(0.0, f64::max);
        if !settled {
            let outcome = alone.answer(prep, workload, eval, f, 0);
            // It can flip the winner only by helping a rival or ruling the winner out.
            let against_winner = match target {
                Some(w) => veto[w] || (0..nc).any(|d| d != w && row[d] > row[w]),
                None => true,
            };
            if outcome.0 != target || none_keep || against_winner {
                flips.push(FlipField::new(
                    prep, f, 0, width, &rules_out, outcome, target,
                ));
            }
        }
        widths.push(FieldWidth {
            field: f,
            width,
            rules_out,
        });
    }
    // Unanswered fields no open rule reads: width 0.
    for (f, value) in workload.values.iter().enumerate() {
        if value.is_none() && !widths.iter().any(|w| w.field == f) {
            widths.push(FieldWidth {
                field: f,
                width: 0.0,
                rules_out: Vec::new(),
            });
        }
    }
    widths.sort_by_key(|w| w.field);
    // Fields that can rule the winner out first (an unbounded swing), then by swing.
    let rules_out_winner = |f: &FlipField| match target {
        Some(w) => f.rules_out.contains(&w),
        None => !f.rules_out.is_empty(),
    };
    // Among fields that can rule the winner out (an unbounded swing), one
    // that does it alone comes before one that needs other answers too.
    flips.sort_by(|a, b| {
        rules_out_winner(b)
            .cmp(&rules_out_winner(a))
            .then_with(|| {
                if rules_out_winner(a) {
                    b.flips_alone.cmp(&a.flips_alone)
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            // By the swing as shown (6 decimals): two swings equal but for
            // float noise keep the pack's field order, whatever the noise.
            .then(round(b.swing).total_cmp(&round(a.swing)))
            .then(a.field.cmp(&b.field))
    });
    (flips, widths)
}

/// Iterates the combinations of component `i` grouped by the other fields'
/// answers: calls `group(offsets)` with the stored indices of field `p`'s
/// classes, others fixed.
fn for_each_group(
    prep: &Prepared,
    solver: &Solver,
    i: usize,
    p: usize,
    mut group: impl FnMut(&[usize]),
) {
    let fields = solver.fields(i);
    let stride: usize = fields[..p].iter().map(|&f| prep.classes(f)).product();
    let radix = prep.classes(fields[p]);
    let combos = solver.comps[i].combos;
    let stored = solver.comps[i].stored;
    let mut idx = Vec::with_capacity(radix);
    // Combination index = low + stride·(v + radix·high).
    for high in 0..combos / (stride * radix) {
        for low in 0..stride {
            let base = stored + low + stride * radix * high;
            idx.clear();
            idx.extend((0..radix).map(|v| base + v * stride));
            group(&idx);
        }
    }
}

fn exact_width(
    prep: &Prepared,
    solver: &Solver,
    i: usize,
    p: usize,
    pairs: &[(usize, usize)],
) -> (f64, Vec<usize>) {
    let nc = prep.nc;
    let mut width: f64 = 0.0;
    let mut rules_out = vec![false; nc];
    for_each_group(prep, solver, i, p, |idx| {
        for &(a, b) in pairs {
            let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
            for &k in idx {
                let g = solver.combo_delta[k * nc + a] - solver.combo_delta[k * nc + b];
                lo = lo.min(g);
                hi = hi.max(g);
            }
            width = width.max(hi - lo);
        }
        for (c, out) in rules_out.iter_mut().enumerate() {
            let vetoed = idx
                .iter()
                .filter(|&&k| solver.combo_veto[k * nc + c])
                .count();
            *out |= vetoed > 0 && vetoed < idx.len();
        }
    });
    (width, candidates(&rules_out))
}

/// A sound over-estimate for a field of a component too large to enumerate.
fn bounded_width(
    prep: &Prepared,
    solver: &Solver,
    i: usize,
    f: usize,
    pairs: &[(usize, usize)],
) -> (f64, Vec<usize>) {
    let nc = prep.nc;
    let mut rules_out = vec![false; nc];
    let mut width: f64 = 0.0;
    let (ia, ib) = solver.comps[i].items;
    for &(a, b) in pairs {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for k in 0..prep.classes(f) {
            let at = (prep.start[f] + k) * nc;
            let g = prep.row_delta[at + a] - prep.row_delta[at + b];
            lo = lo.min(g);
            hi = hi.max(g);
        }
        let items: f64 = solver.comp_items[ia..ib]
            .iter()
            .map(|&it| &prep.multi[it])
            .filter(|m| !m.veto && m.fields.contains(&f) && (m.candidate == a || m.candidate == b))
            .map(|m| m.weighted.abs())
            .sum();
        width = width.max(hi - lo + items);
    }
    for k in 0..prep.classes(f) {
        let at = (prep.start[f] + k) * nc;
        for (c, out) in rules_out.iter_mut().enumerate() {
            *out |= prep.row_veto[at + c];
        }
    }
    for &it in &solver.comp_items[ia..ib] {
        let m = &prep.multi[it];
        if m.veto && m.fields.contains(&f) {
            rules_out[m.candidate] = true;
        }
    }
    (width, candidates(&rules_out))
}

fn candidates(flags: &[bool]) -> Vec<usize> {
    flags
        .iter()
        .enumerate()
        .filter(|(_, &b)| b)
        .map(|(c, _)| c)
        .collect()
}

/// For one rival `d` and each component `i`: what the *other* components
/// can add to the margin `w − d` while vetoing neither, and whether they can
/// veto `d` without vetoing `w`.
struct RivalRest {
    rival: usize,
    /// Per component, its own values.
    own: Vec<Rest>,
    /// Per component, the range of the sum over the others (empty: lo > hi).
    range: Vec<(f64, f64)>,
    rival_out: Vec<bool>,
    /// Enumerated components, widest spread first (prunes the search best).
    order: Vec<usize>,
    // The search over the components other than `ready_for`.
    ready_for: Option<usize>,
    ranges: (f64, f64),
    sets: Vec<usize>,
    suffix: Vec<(f64, f64)>,
}

impl RivalRest {
    /// Sets up the search over the components other than `i` (queries come
    /// in runs for one component).
    fn prepare(&mut self, i: usize) {
        // Interval components: some x in [ra, rb] must fit, so the
        // enumerated ones must sum into (lo − rb, hi − ra].
        let (mut ra, mut rb) = (0.0, 0.0);
        for (j, own) in self.own.iter().enumerate() {
            if let (true, Rest::Range(x, y)) = (j != i, own) {
                ra += x;
                rb += y;
            }
        }
        self.ranges = (ra, rb);
        self.sets.clear();
        self.sets
            .extend(self.order.iter().copied().filter(|&j| j != i));
        self.suffix.clear();
        self.suffix.resize(self.sets.len() + 1, (0.0, 0.0));
        for k in (0..self.sets.len()).rev() {
            let (x, y) = self.own[self.sets[k]].bounds();
            let (sx, sy) = self.suffix[k + 1];
            self.suffix[k] = (sx + x, sy + y);
        }
        self.ready_for = Some(i);
    }

    /// Some sum `r` of one value per other component with `lo < r ≤ hi`.
    /// Exact (a pruned depth-first search over the enumerated components),
    /// except that components too large to enumerate count as intervals and
    /// a search past [`SEARCH_BUDGET`] answers yes.
    fn hits(&mut self, i: usize, lo: f64, hi: f64) -> bool {
        let (a, b) = self.range[i];
        if !(lo < b && a <= hi && lo < hi) {
            return false;
        }
        if self.ready_for != Some(i) {
            self.prepare(i);
        }
        let (ra, rb) = self.ranges;
        let mut budget = SEARCH_BUDGET;
        search(
            &self.own,
            &self.sets,
            &self.suffix,
            0,
            0.0,
            (lo - rb, hi - ra),
            &mut budget,
        )
    }
}

/// Depth-first: a value of component `sets[k]` such that the total can still
/// land in `(lo, hi]` given the remaining components' range.
fn search(
    own: &[Rest],
    sets: &[usize],
    suffix: &[(f64, f64)],
    k: usize,
    acc: f64,
    (lo, hi): (f64, f64),
    budget: &mut usize,
) -> bool {
    if k == sets.len() {
        return lo < acc && acc <= hi;
    }
    let Rest::Set(values) = &own[sets[k]] else {
        return true; // not reached: intervals are folded into the window
    };
    let (rest_min, rest_max) = suffix[k + 1];
    let from = values.partition_point(|&v| acc + v + rest_max <= lo);
    for &v in &values[from..] {
        if acc + v + rest_min > hi {
            break;
        }
        if *budget == 0 {
            return true;
        }
        *budget -= 1;
        if search(own, sets, suffix, k + 1, acc + v, (lo, hi), budget) {
            return true;
        }
    }
    false
}

fn rest_sets(solver: &Solver, w: usize) -> Vec<RivalRest> {
    let n = solver.comps.len();
    let nc = solver.base.len();
    let mut out = Vec::new();
    for d in (0..nc).filter(|&d| d != w) {
        let own: Vec<Rest> = (0..n)
            .map(|j| {
                let comp = solver.comps[j];
                if !comp.exact {
                    return if solver.pair_exists(j, w, d) {
                        Rest::Range(solver.pair_min(j, w, d), solver.pair_max(j, w, d))
                    } else {
                        Rest::Set(Vec::new())
                    };
                }
                let mut values: Vec<f64> = (comp.stored..comp.stored + comp.combos)
                    .filter(|&k| !solver.combo_veto[k * nc + w] && !solver.combo_veto[k * nc + d])
                    .map(|k| solver.combo_delta[k * nc + w] - solver.combo_delta[k * nc + d])
                    .collect();
                values.sort_unstable_by(f64::total_cmp);
                values.dedup();
                Rest::Set(values)
            })
            .collect();
        let range = (0..n)
            .map(|i| {
                own.iter().enumerate().filter(|&(j, _)| j != i).fold(
                    (0.0, 0.0),
                    |(lo, hi), (_, r)| {
                        let (a, b) = r.bounds();
                        (lo + a, hi + b)
                    },
                )
            })
            .collect();
        let rival_out = (0..n)
            .map(|i| {
                let w_can_stand = (0..n).all(|j| j == i || solver.not_veto(j, w));
                w_can_stand
                    && (solver.base_veto[d] || (0..n).any(|j| j != i && solver.a_not_b(j, w, d)))
            })
            .collect();
        let mut order: Vec<usize> = (0..n).filter(|&j| matches!(own[j], Rest::Set(_))).collect();
        order.sort_by(|&x, &y| {
            let (a, b) = own[x].bounds();
            let (c, e) = own[y].bounds();
            (e - c).total_cmp(&(b - a)).then(x.cmp(&y))
        });
        out.push(RivalRest {
            rival: d,
            own,
            range,
            rival_out,
            order,
            ready_for: None,
            ranges: (0.0, 0.0),
            sets: Vec::new(),
            suffix: Vec::new(),
        });
    }
    out
}

/// Whether changing only field `p` of component `i` can turn a completion
/// that keeps `w` into one that does not (per rival; see the module docs).
fn pivotal(
    prep: &Prepared,
    solver: &Solver,
    i: usize,
    p: usize,
    w: usize,
    rests: &mut [RivalRest],
) -> bool {
    let nc = prep.nc;
    let n = solver.comps.len();
    let outcome = |k: usize, d: usize| Outcome {
        veto_w: solver.combo_veto[k * nc + w],
        veto_d: solver.combo_veto[k * nc + d],
        margin: solver.combo_delta[k * nc + w] - solver.combo_delta[k * nc + d],
    };
    let mut found = false;
    if rests.is_empty() {
        // No rival: only a veto on the winner can change anything.
        let w_can_stand = (0..n).all(|j| j == i || solver.not_veto(j, w));
        for_each_group(prep, solver, i, p, |idx| {
            let some_keep = idx.iter().any(|&k| !solver.combo_veto[k * nc + w]);
            let some_veto = idx.iter().any(|&k| solver.combo_veto[k * nc + w]);
            found |= w_can_stand && some_keep && some_veto;
        });
        return found;
    }
    for rest in rests.iter_mut() {
        let d = rest.rival;
        let base = solver.base[w] - solver.base[d];
        let both_ok = !solver.base_veto[d] && rest.range[i].0 <= rest.range[i].1;
        let rival_out = rest.rival_out[i];
        for_each_group(prep, solver, i, p, |idx| {
            if found {
                return;
            }
            for &k in idx {
                let keep = outcome(k, d);
                if keep.veto_w {
                    continue;
                }
                for &k2 in idx {
                    let lose = outcome(k2, d);
                    // The rest vetoes d (not w): only a veto on w can lose.
                    if rival_out && lose.veto_w {
                        found = true;
                        return;
                    }
                    if !both_ok {
                        continue;
                    }
                    // The rest vetoes neither and adds r: keep needs
                    // base + keep.margin + r > tie (or d vetoed here), lose
                    // needs base + lose.margin + r ≤ tie (or w vetoed there).
                    let lo = if keep.veto_d {
                        f64::NEG_INFINITY
                    } else {
                        TIE - base - keep.margin
                    };
                    let hi = if lose.veto_w {
                        f64::INFINITY
                    } else if lose.veto_d {
                        continue;
                    } else {
                        TIE - base - lose.margin
                    };
                    if rest.hits(i, lo, hi) {
                        found = true;
                        return;
                    }
                }
            }
        });
        if found {
            return true;
        }
    }
    false
}

/// The class of field `p` to report: among those that flip the
/// recommendation on their own, else among all, the most dangerous one
/// (able to rule the winner out, then the lowest worst-case margin).
fn choose_answer(
    prep: &Prepared,
    solver: &Solver,
    i: usize,
    p: usize,
    target: Option<usize>,
    pairs: &[(usize, usize)],
    alone: &[(Option<usize>, f64)],
) -> usize {
    let nc = prep.nc;
    let n = solver.comps.len();
    let f = solver.fields(i)[p];
    let radix = prep.classes(f);
    // danger[v]: (rules the winner out, worst margin); lower margin = worse.
    let mut rules_w_out = vec![false; radix];
    let mut worst = vec![f64::INFINITY; radix];
    let exact = solver.comps[i].exact;
    if let (true, Some(w)) = (exact, target) {
        // Per rival: whether it can be in the running at all, and the
        // other components' worst plus the base.
        let rivals: Vec<(usize, f64)> = pairs
            .iter()
            .map(|&(_, d)| d)
            .filter(|&d| !solver.base_veto[d] && !(0..n).any(|j| j != i && solver.all_veto(j, d)))
            .map(|d| {
                let rest: f64 = (0..n)
                    .filter(|&j| j != i)
                    .map(|j| solver.pair_min(j, w, d))
                    .sum();
                (d, solver.base[w] - solver.base[d] + rest)
            })
            .collect();
        let comp = solver.comps[i];
        let stride: usize = solver.fields(i)[..p]
            .iter()
            .map(|&g| prep.classes(g))
            .product();
        // Field p's class `v` cycles every `stride` combinations.
        let (mut next_v, mut run) = (0, 0);
        for offset in 0..comp.combos {
            let k = comp.stored + offset;
            let v = next_v;
            run += 1;
            if run == stride {
                run = 0;
                next_v = if v + 1 == radix { 0 } else { v + 1 };
            }
            if solver.combo_veto[k * nc + w] {
                rules_w_out[v] = true;
                continue;
            }
            for &(d, rest) in &rivals {
                if !solver.combo_veto[k * nc + d] {
                    let m = rest + solver.combo_delta[k * nc + w] - solver.combo_delta[k * nc + d];
                    worst[v] = worst[v].min(m);
                }
            }
        }
    } else {
        for v in 0..radix {
            let at = (prep.start[f] + v) * nc;
            if let Some(w) = target {
                for &(_, d) in pairs {
                    worst[v] = worst[v].min(prep.row_delta[at + w] - prep.row_delta[at + d]);
                }
                rules_w_out[v] = prep.row_veto[at + w];
            }
        }
    }
    if target.is_none() {
        // No winner: the answer that alone gives the clearest one.
        for (v, w) in worst.iter_mut().enumerate() {
            *w = -alone[v].1;
        }
    }
    let flips_alone = |v: usize| alone[v].0 != target;
    let danger = |v: usize| (!rules_w_out[v], worst[v]);
    let best_of = |pick: &dyn Fn(usize) -> bool| {
        (0..radix).filter(|&v| pick(v)).min_by(|&a, &b| {
            let (da, db) = (danger(a), danger(b));
            da.0.cmp(&db.0).then(da.1.total_cmp(&db.1)).then(a.cmp(&b))
        })
    };
    best_of(&flips_alone)
        .or_else(|| best_of(&|_| true))
        .unwrap_or(0)
}

/// Re-scores the workload with one more answer, the rest still unanswered.
///
/// With the field unanswered, every rule and veto reading only that field
/// was unknown (did not count); answered, exactly those its class row lists
/// hold. So the new totals are the current ones plus the class row, plus the
/// multi-field rules and vetoes the answer newly makes hold (Kleene truth
/// only ever goes from unknown to decided when an answer is added).
pub(super) struct Alone {
    totals: Vec<f64>,
    excluded: Vec<bool>,
}

impl Alone {
    pub fn new(eval: &Evaluation) -> Self {
        Alone {
            totals: eval.totals.clone(),
            excluded: eval.excluded.clone(),
        }
    }

    /// The winner and margin with `field` answered with its class `class`.
    pub fn answer(
        &mut self,
        prep: &Prepared,
        workload: &Workload,
        eval: &Evaluation,
        field: usize,
        class: usize,
    ) -> (Option<usize>, f64) {
        let nc = prep.nc;
        let at = (prep.start[field] + class) * nc;
        for c in 0..nc {
            self.totals[c] = eval.totals[c] + prep.row_delta[at + c];
            self.excluded[c] = eval.excluded[c] || prep.row_veto[at + c];
        }
        let to = prep.rep(field, class);
        for m in prep
            .multi
            .iter()
            .filter(|m| m.fields.binary_search(&field).is_ok())
        {
            let before = m.cond.eval_with(&|f| workload.values[f]) == Truth::True;
            let after = m.cond.eval_with(&|f| {
                if f == field {
                    Some(to)
                } else {
                    workload.values[f]
                }
            }) == Truth::True;
            if after && !before {
                if m.veto {
                    self.excluded[m.candidate] = true;
                } else {
                    self.totals[m.candidate] += m.weighted;
                }
            }
        }
        (
            winner_of(&self.totals, &self.excluded),
            margin_of(&self.totals, &self.excluded),
        )
    }
}
