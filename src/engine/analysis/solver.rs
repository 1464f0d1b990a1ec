//! The exact search behind settledness and bounds.
//!
//! [`Prepared`] compiles, once per analysis, what the search needs:
//!
//! - **answer classes**: for each field, its probe values (plus the known
//!   answer) grouped by the truth they give every leaf condition that reads
//!   the field. Two answers in one class make every rule and veto evaluate
//!   the same, so trying one representative per class is the same as trying
//!   every answer (`peak_reads_per_sec` has 9 probes but 4 classes);
//! - **rows**: for each class, the weighted points and vetoes of the rules
//!   and vetoes that read *only* that field (most of them), so a field's
//!   effect is a table lookup instead of condition evaluations;
//! - the **multi-field** rules and vetoes, evaluated during the search.
//!
//! [`Solver`] takes an assignment (a class for each fixed field, `None` for a
//! free one), folds everything already decided into a base, and groups the
//! free fields that still matter into **components**: fields linked by an
//! open multi-field rule or veto. Components are independent, so each is
//! enumerated on its own (product of class counts, at most [`ENUM_CAP`];
//! beyond that a sound interval summary is used instead) and summarised by
//! what the combination step needs: per candidate min/max of its points and
//! whether it can or must be vetoed, and per ordered pair `(a, b)` the
//! min/max of `a − b` over the combinations vetoing neither, and whether one
//! vetoes `b` but not `a`.

use crate::engine::condition::{Condition, Truth};
use crate::pack::{FieldKind, Pack};
use crate::workload::{Value, Workload};

/// Largest component enumerated exhaustively (product of its fields' class
/// counts). The real pack's largest is 4,320 since pack 1.5.0, whose
/// read-replica rule reads consistency: that joins the fields of the
/// small-ad-hoc rule (query flexibility, size, reads, writes) to those of
/// the consistency rules (latency, transactions). At the former cap, 4,096,
/// a workload leaving them all unanswered got inexact bounds, and then the
/// search for sufficient reasons ran to its budget (a batch line cost twice
/// the instructions); past this cap, a component gets the interval bound.
pub const ENUM_CAP: usize = 8192;

/// A rule or veto that reads several fields (or none), so it cannot be
/// folded into one field's rows.
pub(super) struct Multi<'p> {
    pub cond: &'p Condition,
    pub candidate: usize,
    /// Points × axis weight (0 for a veto).
    pub weighted: f64,
    pub veto: bool,
    /// Fields read, sorted and unique.
    pub fields: &'p [usize],
}

/// Per-analysis compiled form of the pack and the workload's answers.
pub(super) struct Prepared<'p> {
    pub pack: &'p Pack,
    /// Number of candidates.
    pub nc: usize,
    /// `start[f]..start[f + 1]`: the classes of field `f` in `reps` and rows.
    pub start: Vec<usize>,
    /// One representative answer per class.
    pub reps: Vec<Value>,
    /// The class of each known answer.
    pub known: Vec<Option<usize>>,
    /// Weighted points per `(class, candidate)` from single-field rules.
    pub row_delta: Vec<f64>,
    /// Vetoes per `(class, candidate)` from single-field vetoes.
    pub row_veto: Vec<bool>,
    /// Whether a field's rows differ between its classes.
    pub varies: Vec<bool>,
    /// Rules and vetoes reading more or fewer than one field.
    pub multi: Vec<Multi<'p>>,
}

/// The part of `Prepared` that depends only on the pack: each field's
/// answer classes from its probes, and for each rule and veto reading one
/// field whether it holds in each class. Computed once at load
/// ([`Pack::classes`]), so an analysis only classifies the known answers and
/// weighs the rows (this was a tenth of a batch line's work).
#[derive(Debug, Clone, Default)]
pub struct AnswerClasses {
    fields: Vec<FieldClasses>,
    /// Per rule: its one field and whether it holds per class, or `None`
    /// when it reads several fields (or none).
    rules: Vec<Option<(usize, Vec<bool>)>>,
    /// The same for vetoes.
    vetoes: Vec<Option<(usize, Vec<bool>)>>,
    /// Fields each rule reads, sorted and unique.
    rule_fields: Vec<Vec<usize>>,
    /// Fields each veto reads, sorted and unique.
    veto_fields: Vec<Vec<usize>>,
}

#[derive(Debug, Clone, Default)]
struct FieldClasses {
    /// One representative answer per class, in probe order.
    reps: Vec<Value>,
    /// The leaf conditions reading the field (of every rule and veto reading it).
    leaves: Vec<Condition>,
    /// Words per signature (a bit per leaf).
    words: usize,
    /// Each class's signature, `words` words each: which leaves hold.
    sigs: Vec<u64>,
}

impl FieldClasses {
    fn signature(&self, value: Value, sig: &mut Vec<u64>) {
        sig.clear();
        sig.resize(self.words, 0);
        for (l, leaf) in self.leaves.iter().enumerate() {
            if leaf_holds(leaf, value) {
                sig[l / 64] |= 1 << (l % 64);
            }
        }
    }

    /// The class an answer falls in, if some probe shares its signature.
    fn classify(&self, value: Value, sig: &mut Vec<u64>) -> Option<usize> {
        self.signature(value, sig);
        self.sigs
            .chunks(self.words)
            .position(|s| s == sig.as_slice())
    }
}

/// The one field a condition reads, if it reads exactly one.
fn single_field(cond: &Condition) -> Option<usize> {
    let mut only = None;
    let mut several = false;
    cond.for_each_leaf(&mut |leaf| match (only, leaf.leaf_field()) {
        (None, g) => only = g,
        (Some(f), Some(g)) if f != g => several = true,
        _ => {}
    });
    if several {
        None
    } else {
        only
    }
}

/// Whether a leaf condition on one field holds for `value`, a comparison
/// without [`Condition::eval_with`]'s general walk (this runs a leaf count
/// times a probe count at load).
fn leaf_holds(leaf: &Condition, value: Value) -> bool {
    match (leaf, value) {
        (Condition::Compare { op, value: t, .. }, Value::Number(n)) => op.holds(n, *t),
        _ => leaf.eval_with(&|_| Some(value)) == Truth::True,
    }
}

fn holds_for(cond: &Condition, f: usize, value: Value) -> bool {
    if matches!(cond, Condition::Compare { .. }) {
        return leaf_holds(cond, value);
    }
    cond.eval_with(&|g| (g == f).then_some(value)) == Truth::True
}

impl AnswerClasses {
    /// Groups each field's probes into classes (needs `pack.probes`).
    pub fn new(pack: &Pack) -> Self {
        let mut sig = Vec::new();
        let fields: Vec<FieldClasses> = (0..pack.fields.len())
            .map(|f| {
                let mut leaves = Vec::new();
                for cond in pack.conditions_reading(f) {
                    cond.for_each_leaf(&mut |leaf| {
                        if leaf.leaf_field() == Some(f) {
                            leaves.push(leaf.clone());
                        }
                    });
                }
                let mut classes = FieldClasses {
                    reps: Vec::new(),
                    words: leaves.len().div_ceil(64).max(1),
                    leaves,
                    sigs: Vec::new(),
                };
                let fallback = [fallback_value(pack, f)];
                let probes: &[Value] = if pack.probes[f].is_empty() {
                    &fallback
                } else {
                    &pack.probes[f]
                };
                // Signatures seen, hashed: a field compared with thousands
                // of thresholds has thousands of classes, and a scan of them
                // per probe made such a pack take seconds to load.
                let mut seen = std::collections::HashSet::new();
                for &value in probes {
                    classes.signature(value, &mut sig);
                    if seen.insert(sig.clone()) {
                        classes.sigs.extend_from_slice(&sig);
                        classes.reps.push(value);
                    }
                }
                classes
            })
            .collect();
        let rows = |cond: &Condition| {
            single_field(cond).map(|f| {
                let holds = fields[f].reps.iter().map(|&v| holds_for(cond, f, v));
                (f, holds.collect())
            })
        };
        AnswerClasses {
            rules: pack.rules.iter().map(|r| rows(&r.when)).collect(),
            vetoes: pack.vetoes.iter().map(|v| rows(&v.when)).collect(),
            rule_fields: pack.rules.iter().map(|r| r.when.fields()).collect(),
            veto_fields: pack.vetoes.iter().map(|v| v.when.fields()).collect(),
            fields,
        }
    }
}

/// A group of fields that rules or vetoes reading several of them join, and
/// whose answer combinations are more than the analysis enumerates.
#[derive(Debug, Clone, PartialEq)]
pub struct OversizedGroup {
    /// The fields, in pack order.
    pub fields: Vec<usize>,
    /// Product of the fields' answer classes.
    pub combinations: usize,
    /// Each field's answer classes (the answers the analysis tells apart),
    /// beside `fields`.
    pub answers: Vec<usize>,
    /// The multi-field rules (by index) that join them, in pack order.
    pub rules: Vec<usize>,
    /// The multi-field vetoes (by index) that join them, in pack order.
    pub vetoes: Vec<usize>,
}

/// The groups of fields that no workload leaving them all unanswered can have
/// enumerated exactly (product of answer classes over [`ENUM_CAP`]). As in
/// the search, a rule worth nothing at the pack's own axis weights joins
/// nothing.
pub fn oversized_groups(pack: &crate::pack::Pack) -> Vec<OversizedGroup> {
    let nf = pack.fields.len();
    let template = &pack.classes;
    let mut parent: Vec<usize> = (0..nf).collect();
    // (is a rule, index, fields read) of each rule or veto reading several.
    let joining: Vec<(bool, usize, &[usize])> = pack
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.points * pack.axes[r.axis].weight != 0.0)
        .map(|(i, _)| (true, i, template.rule_fields[i].as_slice()))
        .chain(
            template
                .veto_fields
                .iter()
                .enumerate()
                .map(|(i, f)| (false, i, f.as_slice())),
        )
        .filter(|(_, _, fields)| fields.len() > 1)
        .collect();
    for (_, _, fields) in &joining {
        for &g in &fields[1..] {
            let (a, b) = (root(&mut parent, fields[0]), root(&mut parent, g));
            parent[b] = a;
        }
    }
    let roots: Vec<usize> = (0..nf).map(|f| root(&mut parent, f)).collect();
    let mut product = vec![1usize; nf];
    let mut members = vec![0usize; nf];
    for (f, &r) in roots.iter().enumerate() {
        product[r] = product[r].saturating_mul(template.fields[f].reps.len().max(1));
        members[r] += 1;
    }
    (0..nf)
        .filter(|&r| roots[r] == r && members[r] > 1 && product[r] > ENUM_CAP)
        .map(|r| OversizedGroup {
            fields: (0..nf).filter(|&f| roots[f] == r).collect(),
            combinations: product[r],
            answers: (0..nf)
                .filter(|&f| roots[f] == r)
                .map(|f| template.fields[f].reps.len().max(1))
                .collect(),
            rules: joining
                .iter()
                .filter(|(rule, _, fields)| *rule && roots[fields[0]] == r)
                .map(|(_, i, _)| *i)
                .collect(),
            vetoes: joining
                .iter()
                .filter(|(rule, _, fields)| !*rule && roots[fields[0]] == r)
                .map(|(_, i, _)| *i)
                .collect(),
        })
        .collect()
}

impl<'p> Prepared<'p> {
    pub fn new(pack: &'p Pack, workload: &Workload, weights: &[f64]) -> Self {
        let template = &pack.classes;
        let nf = pack.fields.len();
        let nc = pack.candidates.len();
        let mut start = Vec::with_capacity(nf + 1);
        let mut reps = Vec::with_capacity(template.fields.iter().map(|c| c.reps.len() + 1).sum());
        let mut known = vec![None; nf];
        // A known answer no probe shares a signature with gets a class of
        // its own, last in its field (its rows are computed here).
        let mut extra = vec![false; nf];
        let mut sig = Vec::new();
        for (f, classes) in template.fields.iter().enumerate() {
            start.push(reps.len());
            reps.extend_from_slice(&classes.reps);
            if let Some(value) = workload.values.get(f).copied().flatten() {
                known[f] = Some(match classes.classify(value, &mut sig) {
                    Some(k) => k,
                    None => {
                        reps.push(value);
                        extra[f] = true;
                        classes.reps.len()
                    }
                });
            }
        }
        start.push(reps.len());

        let classes = reps.len();
        let mut row_delta = vec![0.0; classes * nc];
        let mut row_veto = vec![false; classes * nc];
        let mut multi = Vec::new();
        for (r, rule) in pack.rules.iter().enumerate() {
            let weighted = rule.points * weights[rule.axis];
            match &template.rules[r] {
                Some((f, holds)) => {
                    let f = *f;
                    for (k, &h) in holds.iter().enumerate() {
                        if h {
                            row_delta[(start[f] + k) * nc + rule.candidate] += weighted;
                        }
                    }
                    let k = start[f] + holds.len();
                    if extra[f] && holds_for(&rule.when, f, reps[k]) {
                        row_delta[k * nc + rule.candidate] += weighted;
                    }
                }
                // A rule worth nothing (0 points, or an axis weighted 0)
                // must not tie its fields together: the combination step
                // would then treat them as one, and its answers (bounds,
                // what could flip) would differ from the pack without it.
                None if weighted == 0.0 => {}
                None => multi.push(Multi {
                    cond: &rule.when,
                    candidate: rule.candidate,
                    weighted,
                    veto: false,
                    fields: &template.rule_fields[r],
                }),
            }
        }
        for (v, veto) in pack.vetoes.iter().enumerate() {
            match &template.vetoes[v] {
                Some((f, holds)) => {
                    let f = *f;
                    for (k, &h) in holds.iter().enumerate() {
                        if h {
                            row_veto[(start[f] + k) * nc + veto.candidate] = true;
                        }
                    }
                    let k = start[f] + holds.len();
                    if extra[f] && holds_for(&veto.when, f, reps[k]) {
                        row_veto[k * nc + veto.candidate] = true;
                    }
                }
                None => multi.push(Multi {
                    cond: &veto.when,
                    candidate: veto.candidate,
                    weighted: 0.0,
                    veto: true,
                    fields: &template.veto_fields[v],
                }),
            }
        }
        let varies = (0..nf)
            .map(|f| {
                let (a, b) = (start[f], start[f + 1]);
                (a + 1..b).any(|k| {
                    row_delta[k * nc..(k + 1) * nc] != row_delta[a * nc..(a + 1) * nc]
                        || row_veto[k * nc..(k + 1) * nc] != row_veto[a * nc..(a + 1) * nc]
                })
            })
            .collect();
        Prepared {
            pack,
            nc,
            start,
            reps,
            known,
            row_delta,
            row_veto,
            varies,
            multi,
        }
    }

    /// Number of classes of a field.
    pub fn classes(&self, f: usize) -> usize {
        self.start[f + 1] - self.start[f]
    }

    /// The representative answer of a field's class.
    pub fn rep(&self, f: usize, k: usize) -> Value {
        self.reps[self.start[f] + k]
    }

    /// The winner of one completion, every field given a class.
    pub fn outcome(
        &self,
        classes: &[usize],
        totals: &mut [f64],
        vetoed: &mut [bool],
        vals: &mut [Option<Value>],
    ) -> Option<usize> {
        totals.iter_mut().for_each(|t| *t = 0.0);
        vetoed.iter_mut().for_each(|v| *v = false);
        for (f, &k) in classes.iter().enumerate() {
            let (d, v) = self.row(f, k);
            for c in 0..self.nc {
                totals[c] += d[c];
                vetoed[c] |= v[c];
            }
            vals[f] = Some(self.rep(f, k));
        }
        for m in &self.multi {
            if m.cond.eval_with(&|g| vals[g]) == Truth::True {
                if m.veto {
                    vetoed[m.candidate] = true;
                } else {
                    totals[m.candidate] += m.weighted;
                }
            }
        }
        crate::engine::score::winner_of(totals, vetoed)
    }

    fn row(&self, f: usize, k: usize) -> (&[f64], &[bool]) {
        let i = (self.start[f] + k) * self.nc;
        (
            &self.row_delta[i..i + self.nc],
            &self.row_veto[i..i + self.nc],
        )
    }
}

/// Some valid answer for a field without probes (a number no rule compares):
/// no condition reads it, so any value stands for all.
fn fallback_value(pack: &Pack, f: usize) -> Value {
    match &pack.fields[f].kind {
        FieldKind::Choice(_) => Value::Choice(0),
        FieldKind::Bool => Value::Bool(false),
        FieldKind::Number(spec) if spec.min_exclusive => Value::Number(spec.max),
        FieldKind::Number(spec) => Value::Number(spec.min),
    }
}

/// A group of free fields linked by open multi-field rules or vetoes.
#[derive(Debug, Clone, Copy)]
pub(super) struct Comp {
    /// Range in `Solver::comp_fields`.
    pub fields: (usize, usize),
    /// Range in `Solver::comp_items` (indices into `Prepared::multi`).
    pub items: (usize, usize),
    /// Product of the fields' class counts (saturating).
    pub combos: usize,
    /// Enumerated exhaustively (else summarised by intervals).
    pub exact: bool,
    /// First stored combination in `combo_delta`/`combo_veto`, when stored.
    pub stored: usize,
}

const NONE: usize = usize::MAX;

/// The root of `f`'s set in a union-find forest (`parent[f] == f` at a
/// root), halving the path on the way.
pub(super) fn root(parent: &mut [usize], mut f: usize) -> usize {
    while parent[f] != f {
        parent[f] = parent[parent[f]];
        f = parent[f];
    }
    f
}

/// What building one truth table needs: entry `index` of the table gives
/// field `fields[j]` the class `(index / stride) % classes` for each
/// `(j, stride)` in `pos`; every other field the condition reads is fixed in `vals`.
struct Table<'a> {
    prep: &'a Prepared<'a>,
    vals: &'a [Option<Value>],
    fields: &'a [usize],
    pos: &'a [(usize, usize)],
    size: usize,
    words: usize,
}

impl Table<'_> {
    /// Pushes the condition's table (`words` words) onto `stack`.
    fn fill(&self, cond: &Condition, stack: &mut Vec<u64>) {
        let at = stack.len();
        let words = self.words;
        match cond {
            Condition::All(parts) | Condition::Any(parts) => {
                let all = matches!(cond, Condition::All(_));
                stack.resize(at + words, if all { u64::MAX } else { 0 });
                for part in parts {
                    self.fill(part, stack);
                    for w in 0..words {
                        let x = stack[at + words + w];
                        if all {
                            stack[at + w] &= x;
                        } else {
                            stack[at + w] |= x;
                        }
                    }
                    stack.truncate(at + words);
                }
            }
            Condition::Not(inner) => {
                self.fill(inner, stack);
                for w in &mut stack[at..at + words] {
                    *w = !*w;
                }
            }
            leaf => {
                stack.resize(at + words, 0);
                let field = leaf.leaf_field().expect("a leaf reads a field");
                let place = self.pos.iter().find(|&&(j, _)| self.fields[j] == field);
                match place {
                    Some(&(_, stride)) => {
                        let classes = self.prep.classes(field);
                        // One evaluation per class; then spread over the table.
                        let truth: Vec<bool> = (0..classes)
                            .map(|k| {
                                let v = self.prep.rep(field, k);
                                leaf.eval_with(&|_| Some(v)) == Truth::True
                            })
                            .collect();
                        // Class k covers runs of `stride` entries, cycling
                        // (counters, not divisions: this is the hot loop).
                        let (mut k, mut run) = (0, 0);
                        for index in 0..self.size {
                            if truth[k] {
                                stack[at + index / 64] |= 1 << (index % 64);
                            }
                            run += 1;
                            if run == stride {
                                run = 0;
                                k += 1;
                                if k == classes {
                                    k = 0;
                                }
                            }
                        }
                    }
                    None => {
                        let vals = self.vals;
                        if leaf.eval_with(&|g| vals[g]) == Truth::True {
                            stack[at..at + words].iter_mut().for_each(|w| *w = u64::MAX);
                        }
                    }
                }
            }
        }
    }
}

/// Reusable buffers for one assignment's components and their summaries.
pub(super) struct Solver {
    nc: usize,
    vals: Vec<Option<Value>>,
    parent: Vec<usize>,
    in_comp: Vec<bool>,
    comp_of: Vec<usize>,
    /// Weighted points per candidate from everything already decided.
    pub base: Vec<f64>,
    /// Candidates vetoed by something already decided.
    pub base_veto: Vec<bool>,
    pub comps: Vec<Comp>,
    pub comp_fields: Vec<usize>,
    pub comp_items: Vec<usize>,
    open: Vec<usize>,
    // Per (component, candidate).
    s_min: Vec<f64>,
    s_max: Vec<f64>,
    s_any_veto: Vec<bool>,
    s_all_veto: Vec<bool>,
    s_not_veto: Vec<bool>,
    // Per (component, a, b).
    p_min: Vec<f64>,
    p_max: Vec<f64>,
    p_exist: Vec<bool>,
    p_a_not_b: Vec<bool>,
    /// Per stored combination: points per candidate and vetoes.
    pub combo_delta: Vec<f64>,
    pub combo_veto: Vec<bool>,
    digits: Vec<usize>,
    /// Per position of the component being enumerated: rows start, class count.
    rows_at: Vec<(Option<usize>, usize)>,
    /// Truth tables (bitsets) of the open items of the component being enumerated.
    tables: Vec<u64>,
    /// Work space for building one table.
    scratch: Vec<u64>,
    /// Per item: (first bit in `tables`, range in `table_pos`).
    table_of: Vec<(usize, usize, usize)>,
    /// (digit position, stride in the item's table) per field an item reads.
    table_pos: Vec<(usize, usize)>,
    delta: Vec<f64>,
    veto: Vec<bool>,
    outer: Vec<f64>,
    outer_veto: Vec<bool>,
    /// The class of each field in the assignment being solved.
    fixed: Vec<Option<usize>>,
    /// Summaries of the components already enumerated in this analysis.
    memo: Memo,
}

/// Component summaries already enumerated, by what they depend on: the
/// component's fields and open items, and the classes of the fixed fields
/// those items read (the rows and points are the analysis's own). The
/// search for sufficient reasons frees one answer at a time, so most
/// components of one check are those of the previous one.
#[derive(Default)]
struct Memo {
    /// Where each key's summary starts in `numbers` and in `flags`.
    index: std::collections::HashMap<Box<[u32]>, (usize, usize)>,
    /// The lookup key being built (reused).
    key: Vec<u32>,
    /// The summaries' numbers and flags, one after another, each in the
    /// order of `Solver::summary_of`.
    numbers: Vec<f64>,
    flags: Vec<bool>,
}

/// Components with fewer combinations are enumerated again rather than
/// looked up: hashing the key costs about as much.
pub(super) const MEMO_MIN_COMBOS: usize = 16;

/// Most summary numbers the memo keeps (4 MB; with two candidates, about
/// 40,000 components): a pack with many candidates has large summaries
/// (2·(n + n²) numbers each), and past this the components are enumerated
/// again, as without the memo.
const MEMO_MAX_NUMBERS: usize = 1 << 19;

impl Solver {
    pub fn new(prep: &Prepared) -> Self {
        let nf = prep.pack.fields.len();
        let nc = prep.nc;
        Solver {
            nc,
            vals: vec![None; nf],
            parent: vec![0; nf],
            in_comp: vec![false; nf],
            comp_of: vec![NONE; nf],
            base: vec![0.0; nc],
            base_veto: vec![false; nc],
            comps: Vec::new(),
            comp_fields: Vec::new(),
            comp_items: Vec::new(),
            open: Vec::new(),
            s_min: Vec::new(),
            s_max: Vec::new(),
            s_any_veto: Vec::new(),
            s_all_veto: Vec::new(),
            s_not_veto: Vec::new(),
            p_min: Vec::new(),
            p_max: Vec::new(),
            p_exist: Vec::new(),
            p_a_not_b: Vec::new(),
            combo_delta: Vec::new(),
            combo_veto: Vec::new(),
            digits: Vec::new(),
            rows_at: Vec::new(),
            tables: Vec::new(),
            scratch: Vec::new(),
            table_of: Vec::new(),
            table_pos: Vec::new(),
            delta: vec![0.0; nc],
            veto: vec![false; nc],
            outer: Vec::new(),
            outer_veto: Vec::new(),
            fixed: vec![None; nf],
            memo: Memo::default(),
        }
    }

    fn find(&mut self, f: usize) -> usize {
        root(&mut self.parent, f)
    }

    fn add_row(&mut self, prep: &Prepared, f: usize, k: usize) {
        let (d, v) = prep.row(f, k);
        for c in 0..self.nc {
            self.base[c] += d[c];
            self.base_veto[c] |= v[c];
        }
    }

    /// Folds the decided part of an assignment into the base and builds the
    /// components of the free fields that still matter (not yet enumerated).
    pub fn prepare(&mut self, prep: &Prepared, fixed: &[Option<usize>]) {
        let nf = fixed.len();
        self.base.iter_mut().for_each(|b| *b = 0.0);
        self.base_veto.iter_mut().for_each(|b| *b = false);
        self.fixed.copy_from_slice(fixed);
        for (f, class) in fixed.iter().enumerate() {
            self.vals[f] = class.map(|k| prep.rep(f, k));
            self.parent[f] = f;
            self.in_comp[f] = false;
            self.comp_of[f] = NONE;
        }
        for (f, &class) in fixed.iter().enumerate() {
            match class {
                Some(k) => self.add_row(prep, f, k),
                // Free but every class scores alike: a constant.
                None if !prep.varies[f] => self.add_row(prep, f, 0),
                None => self.in_comp[f] = true,
            }
        }
        self.comp_items.clear();
        for (i, m) in prep.multi.iter().enumerate() {
            let vals = &self.vals;
            match m.cond.eval_with(&|g| vals[g]) {
                Truth::True => {
                    if m.veto {
                        self.base_veto[m.candidate] = true;
                    } else {
                        self.base[m.candidate] += m.weighted;
                    }
                }
                Truth::False => {}
                Truth::Unknown => {
                    let mut first = NONE;
                    for &g in m.fields {
                        if self.vals[g].is_none() {
                            self.in_comp[g] = true;
                            if first == NONE {
                                first = g;
                            } else {
                                let (a, b) = (self.find(first), self.find(g));
                                self.parent[b] = a;
                            }
                        }
                    }
                    // Kept here; grouped by component below.
                    self.comp_items.push(i);
                }
            }
        }
        // Components: one per root, fields grouped by a counting sort.
        self.comps.clear();
        for f in 0..nf {
            if self.in_comp[f] {
                let r = self.find(f);
                if self.comp_of[r] == NONE {
                    self.comp_of[r] = self.comps.len();
                    self.comps.push(Comp {
                        fields: (0, 0),
                        items: (0, 0),
                        combos: 1,
                        exact: true,
                        stored: 0,
                    });
                }
                let c = self.comp_of[r];
                self.comps[c].fields.1 += 1;
                self.comps[c].combos = self.comps[c].combos.saturating_mul(prep.classes(f));
            }
        }
        let mut offset = 0;
        for comp in &mut self.comps {
            let n = comp.fields.1;
            comp.fields = (offset, offset);
            offset += n;
            comp.exact = comp.combos <= ENUM_CAP;
        }
        self.comp_fields.clear();
        self.comp_fields.resize(offset, 0);
        for f in 0..nf {
            if self.in_comp[f] {
                let r = self.find(f);
                let c = self.comp_of[r];
                let at = self.comps[c].fields.1;
                self.comp_fields[at] = f;
                self.comps[c].fields.1 += 1;
            }
        }
        // Open items, grouped by component (stable, so pack order within one).
        std::mem::swap(&mut self.open, &mut self.comp_items);
        let open_count = self.open.len();
        for comp in &mut self.comps {
            comp.items = (0, 0);
        }
        for j in 0..open_count {
            let c = self.comp_of_item(prep, self.open[j]);
            self.comps[c].items.1 += 1;
        }
        let mut offset = 0;
        for comp in &mut self.comps {
            let n = comp.items.1;
            comp.items = (offset, offset);
            offset += n;
        }
        self.comp_items.clear();
        self.comp_items.resize(open_count, 0);
        for j in 0..open_count {
            let i = self.open[j];
            let c = self.comp_of_item(prep, i);
            let at = self.comps[c].items.1;
            self.comp_items[at] = i;
            self.comps[c].items.1 += 1;
        }
        // Smallest first: cheap components can end a settledness check early.
        self.comps.sort_unstable_by_key(|c| (c.combos, c.fields.0));
        let n = self.comps.len();
        let nc = self.nc;
        self.s_min.clear();
        self.s_min.resize(n * nc, f64::INFINITY);
        self.s_max.clear();
        self.s_max.resize(n * nc, f64::NEG_INFINITY);
        for v in [
            &mut self.s_any_veto,
            &mut self.s_not_veto,
            &mut self.p_exist,
            &mut self.p_a_not_b,
        ] {
            v.clear();
        }
        self.s_any_veto.resize(n * nc, false);
        self.s_all_veto.clear();
        self.s_all_veto.resize(n * nc, true);
        self.s_not_veto.resize(n * nc, false);
        self.p_min.clear();
        self.p_min.resize(n * nc * nc, f64::INFINITY);
        self.p_max.clear();
        self.p_max.resize(n * nc * nc, f64::NEG_INFINITY);
        self.p_exist.resize(n * nc * nc, false);
        self.p_a_not_b.resize(n * nc * nc, false);
        self.combo_delta.clear();
        self.combo_veto.clear();
    }

    /// The component an open item belongs to (by its first free field).
    fn comp_of_item(&mut self, prep: &Prepared, i: usize) -> usize {
        let m = &prep.multi[i];
        let g = m.fields.iter().copied().find(|&g| self.vals[g].is_none());
        let r = self.find(g.expect("an open item reads a free field"));
        self.comp_of[r]
    }

    /// The fields of a component.
    pub fn fields(&self, i: usize) -> &[usize] {
        let (a, b) = self.comps[i].fields;
        &self.comp_fields[a..b]
    }

    /// Enumerates (or, when too large, bounds) component `i`, filling its
    /// summary; with `store`, keeps every combination's outcome as well.
    /// `prep` must be the one the solver was made for: the memo of
    /// enumerated components assumes its rows and points.
    pub fn solve(&mut self, prep: &Prepared, i: usize, store: bool) {
        let comp = self.comps[i];
        if !comp.exact {
            self.bound(prep, i);
            return;
        }
        let memo = !store && comp.combos >= MEMO_MIN_COMBOS;
        if memo {
            self.memo_key(prep, i);
            if self.recall(i) {
                return;
            }
        }
        self.enumerate(prep, i, store);
        if memo {
            self.remember(i);
        }
    }

    /// Builds component `i`'s memo key: its fields, its open items and the
    /// classes of the fixed fields they read (0 for a free one).
    fn memo_key(&mut self, prep: &Prepared, i: usize) {
        let (fa, fb) = self.comps[i].fields;
        let (ia, ib) = self.comps[i].items;
        let key = &mut self.memo.key;
        key.clear();
        key.push((fb - fa) as u32);
        key.extend(self.comp_fields[fa..fb].iter().map(|&f| f as u32));
        key.push((ib - ia) as u32);
        for &it in &self.comp_items[ia..ib] {
            key.push(it as u32);
            for &g in prep.multi[it].fields {
                key.push(self.fixed[g].map_or(0, |k| k as u32 + 1));
            }
        }
    }

    /// Component `i`'s summary, numbers and flags, in the memo's order.
    fn summary_of(&mut self, i: usize) -> ([&mut [f64]; 4], [&mut [bool]; 5]) {
        let nc = self.nc;
        let (s, p) = (i * nc..(i + 1) * nc, i * nc * nc..(i + 1) * nc * nc);
        (
            [
                &mut self.s_min[s.clone()],
                &mut self.s_max[s.clone()],
                &mut self.p_min[p.clone()],
                &mut self.p_max[p.clone()],
            ],
            [
                &mut self.s_any_veto[s.clone()],
                &mut self.s_all_veto[s.clone()],
                &mut self.s_not_veto[s],
                &mut self.p_exist[p.clone()],
                &mut self.p_a_not_b[p],
            ],
        )
    }

    /// Copies the summary kept under the key [`Self::memo_key`] built into
    /// component `i`'s; false when there is none.
    fn recall(&mut self, i: usize) -> bool {
        let memo = std::mem::take(&mut self.memo);
        let found = memo.index.get(memo.key.as_slice()).copied();
        if let Some((mut n, mut f)) = found {
            let (numbers, flags) = self.summary_of(i);
            for part in numbers {
                part.copy_from_slice(&memo.numbers[n..n + part.len()]);
                n += part.len();
            }
            for part in flags {
                part.copy_from_slice(&memo.flags[f..f + part.len()]);
                f += part.len();
            }
        }
        self.memo = memo;
        found.is_some()
    }

    /// Keeps component `i`'s summary under the key [`Self::memo_key`] built.
    fn remember(&mut self, i: usize) {
        let nc = self.nc;
        if self.memo.numbers.len() + 2 * (nc + nc * nc) > MEMO_MAX_NUMBERS {
            return;
        }
        let mut memo = std::mem::take(&mut self.memo);
        let at = (memo.numbers.len(), memo.flags.len());
        let (numbers, flags) = self.summary_of(i);
        for part in numbers {
            memo.numbers.extend_from_slice(part);
        }
        for part in flags {
            memo.flags.extend_from_slice(part);
        }
        memo.index.insert(memo.key.as_slice().into(), at);
        self.memo = memo;
    }

    /// Enumerates component `i` (exact), filling its summary.
    fn enumerate(&mut self, prep: &Prepared, i: usize, store: bool) {
        let comp = self.comps[i];
        let nc = self.nc;
        let (fa, fb) = comp.fields;
        let (ia, ib) = comp.items;
        let m = fb - fa;
        self.comps[i].stored = self.combo_delta.len() / nc.max(1);
        if store {
            self.combo_delta.reserve(comp.combos * nc);
            self.combo_veto.reserve(comp.combos * nc);
        }
        self.build_tables(prep, i);
        self.digits.clear();
        self.digits.resize(m, 0);
        // Per position: where the field's rows start (None: rows all alike,
        // already in the base) and its class count.
        self.rows_at.clear();
        for j in 0..m {
            let f = self.comp_fields[fa + j];
            let at = prep.varies[f].then_some(prep.start[f] * nc);
            self.rows_at.push((at, prep.classes(f)));
        }
        let mut delta = std::mem::take(&mut self.delta);
        let mut veto = std::mem::take(&mut self.veto);
        // Rows of every position but the first (the fastest-moving digit),
        // summed again only when one of those digits moves.
        let mut outer = std::mem::take(&mut self.outer);
        let mut outer_veto = std::mem::take(&mut self.outer_veto);
        outer.clear();
        outer.resize(nc, 0.0);
        outer_veto.clear();
        outer_veto.resize(nc, false);
        let mut outer_stale = true;
        loop {
            if outer_stale {
                for c in 0..nc {
                    outer[c] = 0.0;
                    outer_veto[c] = false;
                }
                for (&(at, _), &digit) in self.rows_at.iter().zip(&self.digits).skip(1) {
                    if let Some(at) = at {
                        let row = at + digit * nc;
                        for c in 0..nc {
                            outer[c] += prep.row_delta[row + c];
                            outer_veto[c] |= prep.row_veto[row + c];
                        }
                    }
                }
                outer_stale = false;
            }
            match self.rows_at[0].0 {
                Some(at) => {
                    let row = at + self.digits[0] * nc;
                    for c in 0..nc {
                        delta[c] = outer[c] + prep.row_delta[row + c];
                        veto[c] = outer_veto[c] | prep.row_veto[row + c];
                    }
                }
                None => {
                    delta.copy_from_slice(&outer);
                    veto.copy_from_slice(&outer_veto);
                }
            }
            for (t, &it) in self.comp_items[ia..ib].iter().enumerate() {
                let (offset, pa, pb) = self.table_of[t];
                let index: usize = self.table_pos[pa..pb]
                    .iter()
                    .map(|&(j, stride)| self.digits[j] * stride)
                    .sum();
                let bit = offset + index;
                if self.tables[bit / 64] >> (bit % 64) & 1 == 1 {
                    let item = &prep.multi[it];
                    if item.veto {
                        veto[item.candidate] = true;
                    } else {
                        delta[item.candidate] += item.weighted;
                    }
                }
            }
            self.record(i, &delta, &veto);
            if store {
                self.combo_delta.extend_from_slice(&delta);
                self.combo_veto.extend_from_slice(&veto);
            }
            // Next combination, first field fastest.
            let mut j = 0;
            while j < m {
                self.digits[j] += 1;
                if self.digits[j] < self.rows_at[j].1 {
                    break;
                }
                self.digits[j] = 0;
                j += 1;
            }
            if j == m {
                break;
            }
            outer_stale |= j > 0;
        }
        self.delta = delta;
        self.veto = veto;
        self.outer = outer;
        self.outer_veto = outer_veto;
    }

    /// Truth tables of component `i`'s open items over the component fields
    /// each reads, so the enumeration looks truth up instead of evaluating
    /// conditions. A table is built bottom-up as a bitset: each leaf is
    /// evaluated once per class of its field, and `all`/`any`/`not` are
    /// word-wise and/or/not.
    fn build_tables(&mut self, prep: &Prepared, i: usize) {
        let (fa, fb) = self.comps[i].fields;
        let (ia, ib) = self.comps[i].items;
        self.tables.clear();
        self.table_of.clear();
        self.table_pos.clear();
        for t in ia..ib {
            let item = &prep.multi[self.comp_items[t]];
            let pa = self.table_pos.len();
            let mut size = 1;
            for j in 0..fb - fa {
                let f = self.comp_fields[fa + j];
                if item.fields.binary_search(&f).is_ok() {
                    self.table_pos.push((j, size));
                    size *= prep.classes(f);
                }
            }
            let pb = self.table_pos.len();
            let words = size.div_ceil(64);
            let offset = self.tables.len();
            self.table_of.push((offset * 64, pa, pb));
            let table = Table {
                prep,
                vals: &self.vals,
                fields: &self.comp_fields[fa..fb],
                pos: &self.table_pos[pa..pb],
                size,
                words,
            };
            self.scratch.clear();
            table.fill(item.cond, &mut self.scratch);
            self.tables.extend_from_slice(&self.scratch[..words]);
        }
    }

    fn record(&mut self, i: usize, delta: &[f64], veto: &[bool]) {
        let nc = self.nc;
        let s0 = i * nc;
        for c in 0..nc {
            let (d, v) = (delta[c], veto[c]);
            let s = s0 + c;
            self.s_min[s] = self.s_min[s].min(d);
            self.s_max[s] = self.s_max[s].max(d);
            self.s_any_veto[s] |= v;
            self.s_all_veto[s] &= v;
            self.s_not_veto[s] |= !v;
        }
        for a in 0..nc {
            if veto[a] {
                continue;
            }
            let p0 = (s0 + a) * nc;
            for b in 0..nc {
                if a == b {
                    continue;
                }
                let p = p0 + b;
                if veto[b] {
                    self.p_a_not_b[p] = true;
                } else {
                    let g = delta[a] - delta[b];
                    self.p_exist[p] = true;
                    self.p_min[p] = self.p_min[p].min(g);
                    self.p_max[p] = self.p_max[p].max(g);
                }
            }
        }
    }

    /// A sound summary of a component too large to enumerate: each field's
    /// rows and each open item taken independently. Possibilities are
    /// over-approximated (a veto that could fire is assumed able to), so a
    /// "settled" built on it is never wrong, only sometimes too cautious.
    fn bound(&mut self, prep: &Prepared, i: usize) {
        let nc = self.nc;
        let (fa, fb) = self.comps[i].fields;
        let (ia, ib) = self.comps[i].items;
        for c in 0..nc {
            let s = i * nc + c;
            self.s_min[s] = 0.0;
            self.s_max[s] = 0.0;
            self.s_all_veto[s] = false;
            self.s_not_veto[s] = true;
        }
        for p in 0..nc * nc {
            self.p_min[i * nc * nc + p] = 0.0;
            self.p_max[i * nc * nc + p] = 0.0;
            self.p_exist[i * nc * nc + p] = true;
        }
        for j in fa..fb {
            let f = self.comp_fields[j];
            if !prep.varies[f] {
                continue;
            }
            for c in 0..nc {
                let (mut lo, mut hi, mut vetoes) = (f64::INFINITY, f64::NEG_INFINITY, false);
                for k in 0..prep.classes(f) {
                    let (d, v) = prep.row(f, k);
                    lo = lo.min(d[c]);
                    hi = hi.max(d[c]);
                    vetoes |= v[c];
                }
                let s = i * nc + c;
                self.s_min[s] += lo;
                self.s_max[s] += hi;
                self.s_any_veto[s] |= vetoes;
            }
            for a in 0..nc {
                for b in 0..nc {
                    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
                    for k in 0..prep.classes(f) {
                        let (d, _) = prep.row(f, k);
                        lo = lo.min(d[a] - d[b]);
                        hi = hi.max(d[a] - d[b]);
                    }
                    let p = (i * nc + a) * nc + b;
                    self.p_min[p] += lo;
                    self.p_max[p] += hi;
                }
            }
        }
        for j in ia..ib {
            let item = &prep.multi[self.comp_items[j]];
            let c = item.candidate;
            if item.veto {
                self.s_any_veto[i * nc + c] = true;
                continue;
            }
            let w = item.weighted;
            self.s_min[i * nc + c] += w.min(0.0);
            self.s_max[i * nc + c] += w.max(0.0);
            for other in 0..nc {
                if other == c {
                    continue;
                }
                let p = (i * nc + c) * nc + other;
                self.p_min[p] += w.min(0.0);
                self.p_max[p] += w.max(0.0);
                let q = (i * nc + other) * nc + c;
                self.p_min[q] -= w.max(0.0);
                self.p_max[q] -= w.min(0.0);
            }
        }
        for a in 0..nc {
            for b in 0..nc {
                self.p_a_not_b[(i * nc + a) * nc + b] = self.s_any_veto[i * nc + b];
            }
        }
    }

    /// Lowest points candidate `c` can get from component `i`.
    pub fn min(&self, i: usize, c: usize) -> f64 {
        self.s_min[i * self.nc + c]
    }
    /// Highest points candidate `c` can get from component `i`.
    pub fn max(&self, i: usize, c: usize) -> f64 {
        self.s_max[i * self.nc + c]
    }
    /// Some combination of component `i` vetoes `c`.
    pub fn any_veto(&self, i: usize, c: usize) -> bool {
        self.s_any_veto[i * self.nc + c]
    }
    /// Every combination of component `i` vetoes `c`.
    pub fn all_veto(&self, i: usize, c: usize) -> bool {
        self.s_all_veto[i * self.nc + c]
    }
    /// Some combination of component `i` leaves `c` standing.
    pub fn not_veto(&self, i: usize, c: usize) -> bool {
        self.s_not_veto[i * self.nc + c]
    }
    /// Min of `a − b` over the combinations vetoing neither (+∞ if none).
    pub fn pair_min(&self, i: usize, a: usize, b: usize) -> f64 {
        self.p_min[(i * self.nc + a) * self.nc + b]
    }
    /// Max of `a − b` over the combinations vetoing neither (−∞ if none).
    pub fn pair_max(&self, i: usize, a: usize, b: usize) -> f64 {
        self.p_max[(i * self.nc + a) * self.nc + b]
    }
    /// Some combination vetoes neither `a` nor `b`.
    pub fn pair_exists(&self, i: usize, a: usize, b: usize) -> bool {
        self.p_exist[(i * self.nc + a) * self.nc + b]
    }
    /// Some combination vetoes `b` but not `a`.
    pub fn a_not_b(&self, i: usize, a: usize, b: usize) -> bool {
        self.p_a_not_b[(i * self.nc + a) * self.nc + b]
    }

    /// Every component's summary (numbers, then flags), for tests
    /// comparing two solvers.
    #[cfg(test)]
    pub fn summary(&self) -> (Vec<f64>, Vec<bool>) {
        let numbers = [&self.s_min, &self.s_max, &self.p_min, &self.p_max];
        let flags = [
            &self.s_any_veto,
            &self.s_all_veto,
            &self.s_not_veto,
            &self.p_exist,
            &self.p_a_not_b,
        ];
        (
            numbers.into_iter().flatten().copied().collect(),
            flags.into_iter().flatten().copied().collect(),
        )
    }

    /// Every component was enumerated exhaustively.
    pub fn exact(&self) -> bool {
        self.comps.iter().all(|c| c.exact)
    }

    /// With every component solved: does every completion keep `w` as the
    /// unique winner? Exact when every component is; sound otherwise.
    pub fn keeps(&self, w: usize) -> bool {
        if self.base_veto[w] {
            return false;
        }
        let n = self.comps.len();
        if (0..n).any(|i| self.any_veto(i, w)) {
            return false;
        }
        (0..self.nc).filter(|&d| d != w).all(|d| {
            if self.base_veto[d] || (0..n).any(|i| self.all_veto(i, d)) {
                return true; // `d` is out in every completion
            }
            // `w` is never vetoed here, so "vetoing neither" is "not vetoing d".
            let worst =
                self.base[w] - self.base[d] + (0..n).map(|i| self.pair_min(i, w, d)).sum::<f64>();
            worst > TIE_SAFE
        })
    }

    /// With every component solved: can some completion make `t` the unique
    /// winner? Exact with two candidates; with more, each rival is checked
    /// on its own, so "yes" may be too cautious (never a wrong "no").
    pub fn can_win(&self, t: usize) -> bool {
        let n = self.comps.len();
        if self.base_veto[t] || (0..n).any(|i| !self.not_veto(i, t)) {
            return false;
        }
        (0..self.nc).filter(|&d| d != t).all(|d| {
            if self.base_veto[d] || (0..n).any(|i| self.a_not_b(i, t, d)) {
                return true;
            }
            let best =
                self.base[t] - self.base[d] + (0..n).map(|i| self.pair_max(i, t, d)).sum::<f64>();
            best > TIE_SAFE - 2.0 * crate::engine::TIE
        })
    }
}

/// A margin must exceed this to count as a win in a claim of settledness:
/// twice the engine's tie tolerance, so float noise from summing in another
/// order can never make a "settled" claim wrong.
pub(super) const TIE_SAFE: f64 = 2.0 * crate::engine::TIE;
