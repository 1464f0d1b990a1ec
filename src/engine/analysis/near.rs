//! Near misses: why not the other candidate. A losing candidate's rule that
//! did not fire but would if one leaf condition held (every other leaf as it
//! is), provided some answer to that leaf's field really makes it fire.

use std::fmt;

use serde::Serialize;

use crate::engine::condition::{Comparison, Condition, Truth};
use crate::engine::score::Evaluation;
use crate::number;
use crate::pack::{Field, FieldKind, Pack};
use crate::workload::{value_arg, value_label, value_to_json, Value, Workload};

/// The comparison a near miss needed, as people read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LeafOp {
    /// Equals the value.
    Is,
    /// Differs from the value.
    IsNot,
    /// One of the options.
    In,
    /// None of the options.
    NotIn,
    /// Greater than.
    Gt,
    /// Greater than or equal.
    Gte,
    /// Less than.
    Lt,
    /// Less than or equal.
    Lte,
}

/// The value(s) a near miss's condition compares with.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    /// One answer (`is` / `is_not`).
    Value(Value),
    /// Choice option indices (`in` / `not_in`).
    Options(Vec<usize>),
    /// A number (comparisons).
    Number(f64),
}

impl Expected {
    /// The expected value(s) as JSON: an option id, a list of them, a boolean or a number.
    pub fn to_json(&self, field: &Field) -> serde_json::Value {
        match self {
            Expected::Value(v) => value_to_json(field, *v),
            Expected::Options(options) => serde_json::Value::Array(
                options
                    .iter()
                    .map(|&o| value_to_json(field, Value::Choice(o)))
                    .collect(),
            ),
            Expected::Number(n) => number::to_json(*n),
        }
    }
}

/// A losing candidate's rule that missed by one condition.
#[derive(Debug, Clone, PartialEq)]
pub struct NearMiss {
    /// Rule index.
    pub rule: usize,
    /// The rule's axis.
    pub axis: usize,
    /// The rule's candidate (a loser).
    pub candidate: usize,
    /// Raw points the rule would have added.
    pub points: f64,
    /// Points times the axis weight.
    pub weighted: f64,
    /// The field of the condition that failed.
    pub field: usize,
    /// The comparison that would have had to hold.
    pub op: LeafOp,
    /// What it compares with.
    pub expected: Expected,
    /// The answer given (`None`: unanswered).
    pub observed: Option<Value>,
}

impl NearMiss {
    /// The missed condition for people, e.g.
    /// `consistency is eventual (answered: strong)`.
    pub fn describe(&self, pack: &Pack) -> String {
        self.text(pack).to_string()
    }

    /// [`NearMiss::describe`] as a `Display` value, written straight into
    /// the output (a result has dozens of near misses; a batch, millions).
    pub fn text<'a>(&'a self, pack: &'a Pack) -> Described<'a> {
        Described { miss: self, pack }
    }
}

/// A near miss in words; see [`NearMiss::describe`].
pub struct Described<'a> {
    miss: &'a NearMiss,
    pack: &'a Pack,
}

impl fmt::Display for Described<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let miss = self.miss;
        let field = &self.pack.fields[miss.field];
        // Numbers with their unit, grouped; other answers as typed.
        let show = |f: &mut fmt::Formatter<'_>, v: Value| match (&field.kind, v) {
            (FieldKind::Number(spec), Value::Number(n)) => {
                // As `value_label`: the unit after a space, nothing when it is blank.
                write!(f, "{}", number::GroupedExact(n))?;
                match spec.unit.trim_end() {
                    "" => Ok(()),
                    unit => write!(f, " {unit}"),
                }
            }
            (FieldKind::Number(_), _) => f.write_str(&value_label(field, v)),
            _ => f.write_str(&value_arg(field, v)),
        };
        let list = |f: &mut fmt::Formatter<'_>, options: &[usize], join: &str| {
            for (i, &o) in options.iter().enumerate() {
                if i + 1 == options.len() && i > 0 {
                    write!(f, " {join} ")?;
                } else if i > 0 {
                    f.write_str(", ")?;
                }
                show(f, Value::Choice(o))?;
            }
            Ok(())
        };
        write!(f, "{} ", field.id)?;
        match (&miss.op, &miss.expected) {
            (LeafOp::Is, Expected::Value(v)) => {
                f.write_str("is ")?;
                show(f, *v)?;
            }
            (LeafOp::IsNot, Expected::Value(v)) => {
                f.write_str("is not ")?;
                show(f, *v)?;
            }
            (LeafOp::In, Expected::Options(o)) => {
                f.write_str("is ")?;
                list(f, o, "or")?;
            }
            (LeafOp::NotIn, Expected::Options(o)) => {
                f.write_str("is neither ")?;
                list(f, o, "nor")?;
            }
            (op, Expected::Number(n)) => {
                let symbol = match op {
                    LeafOp::Gt => ">",
                    LeafOp::Gte => "≥",
                    LeafOp::Lt => "<",
                    _ => "≤",
                };
                write!(f, "{symbol} ")?;
                show(f, Value::Number(*n))?;
            }
            (_, expected) => write!(f, "{expected:?}")?,
        }
        match miss.observed {
            Some(v) => {
                f.write_str(" (answered: ")?;
                show(f, v)?;
                f.write_str(")")
            }
            None => f.write_str(" (unanswered)"),
        }
    }
}

pub(super) fn near_misses(pack: &Pack, workload: &Workload, eval: &Evaluation) -> Vec<NearMiss> {
    let winner = eval.winner();
    let answer = |f: usize| workload.values[f];
    let mut misses = Vec::new();
    let mut leaves: Vec<&Condition> = Vec::new();
    for a in 0..pack.axes.len() {
        for (r, rule) in pack.rules.iter().enumerate() {
            let weighted = rule.points * eval.weights[rule.axis];
            if rule.axis != a
                || Some(rule.candidate) == winner
                || eval.excluded[rule.candidate]
                || weighted <= 0.0
                || eval.rules[r] == Truth::True
            {
                continue;
            }
            leaves.clear();
            rule.when.for_each_leaf(&mut |leaf| leaves.push(leaf));
            for (l, leaf) in leaves.iter().enumerate() {
                let now = leaf.eval_with(&answer);
                let needed = [Truth::True, Truth::False].into_iter().find(|&t| {
                    t != now && eval_forced(&rule.when, &answer, l, t, &mut 0) == Truth::True
                });
                let (Some(needed), Some(field)) = (needed, leaf.leaf_field()) else {
                    continue;
                };
                // Some real answer to the field must make the rule fire.
                let reachable = pack.probes[field].iter().any(|&v| {
                    rule.when
                        .eval_with(&|f| if f == field { Some(v) } else { answer(f) })
                        == Truth::True
                });
                if !reachable {
                    continue;
                }
                let (op, expected) = describe_leaf(leaf, needed == Truth::True);
                misses.push(NearMiss {
                    rule: r,
                    axis: a,
                    candidate: rule.candidate,
                    points: rule.points,
                    weighted,
                    field,
                    op,
                    expected,
                    observed: workload.values[field],
                });
            }
        }
    }
    misses
}

/// Evaluates `cond` with leaf number `target` (depth-first order) forced to
/// `forced`. Never short-circuits, so leaf numbers match `for_each_leaf`.
fn eval_forced(
    cond: &Condition,
    answer: &impl Fn(usize) -> Option<Value>,
    target: usize,
    forced: Truth,
    next: &mut usize,
) -> Truth {
    match cond {
        Condition::All(parts) => {
            let mut result = Truth::True;
            for part in parts {
                match eval_forced(part, answer, target, forced, next) {
                    Truth::False => result = Truth::False,
                    Truth::Unknown if result == Truth::True => result = Truth::Unknown,
                    _ => {}
                }
            }
            result
        }
        Condition::Any(parts) => {
            let mut result = Truth::False;
            for part in parts {
                match eval_forced(part, answer, target, forced, next) {
                    Truth::True => result = Truth::True,
                    Truth::Unknown if result == Truth::False => result = Truth::Unknown,
                    _ => {}
                }
            }
            result
        }
        Condition::Not(inner) => match eval_forced(inner, answer, target, forced, next) {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        },
        leaf => {
            let i = *next;
            *next += 1;
            if i == target {
                forced
            } else {
                leaf.eval_with(answer)
            }
        }
    }
}

/// The leaf's comparison, negated when it would have had to fail.
fn describe_leaf(leaf: &Condition, holds: bool) -> (LeafOp, Expected) {
    match leaf {
        Condition::Is { value, .. } => (
            if holds { LeafOp::Is } else { LeafOp::IsNot },
            Expected::Value(*value),
        ),
        Condition::In { options, .. } => (
            if holds { LeafOp::In } else { LeafOp::NotIn },
            Expected::Options(options.clone()),
        ),
        Condition::Compare { op, value, .. } => {
            let op = match (op, holds) {
                (Comparison::Gt, true) | (Comparison::Lte, false) => LeafOp::Gt,
                (Comparison::Gte, true) | (Comparison::Lt, false) => LeafOp::Gte,
                (Comparison::Lt, true) | (Comparison::Gte, false) => LeafOp::Lt,
                (Comparison::Lte, true) | (Comparison::Gt, false) => LeafOp::Lte,
            };
            (op, Expected::Number(*value))
        }
        // Not a leaf; `for_each_leaf` only yields leaves.
        _ => (LeafOp::Is, Expected::Options(Vec::new())),
    }
}
