//! Rule conditions and their three-valued evaluation.
//!
//! A condition on an unknown field is neither true nor false but
//! [`Truth::Unknown`]; `all`, `any` and `not` follow Kleene's logic, so a
//! rule fires only when its condition is true whatever the unknown answers
//! turn out to be... and is "open" when it could still go either way.

use crate::workload::{Value, Workload};

/// Kleene three-valued truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Truth {
    /// Holds.
    True,
    /// Does not hold.
    False,
    /// Depends on an unknown answer.
    Unknown,
}

impl Truth {
    fn not(self) -> Truth {
        match self {
            Truth::True => Truth::False,
            Truth::False => Truth::True,
            Truth::Unknown => Truth::Unknown,
        }
    }
}

/// A numeric comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparison {
    /// `>`
    Gt,
    /// `>=`
    Gte,
    /// `<`
    Lt,
    /// `<=`
    Lte,
}

impl Comparison {
    /// The key used in the pack format.
    pub fn key(self) -> &'static str {
        match self {
            Comparison::Gt => "gt",
            Comparison::Gte => "gte",
            Comparison::Lt => "lt",
            Comparison::Lte => "lte",
        }
    }

    /// The mathematical symbol, for explanations.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Gt => ">",
            Comparison::Gte => "≥",
            Comparison::Lt => "<",
            Comparison::Lte => "≤",
        }
    }

    /// Applies the comparison.
    pub fn holds(self, left: f64, right: f64) -> bool {
        match self {
            Comparison::Gt => left > right,
            Comparison::Gte => left >= right,
            Comparison::Lt => left < right,
            Comparison::Lte => left <= right,
        }
    }
}

/// A compiled condition: field references are indices into `pack.fields`.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// The field equals the value.
    Is {
        /// Field index.
        field: usize,
        /// The value compared with.
        value: Value,
    },
    /// The field is one of the choice options (indices).
    In {
        /// Field index.
        field: usize,
        /// Option indices.
        options: Vec<usize>,
    },
    /// A numeric comparison of the field with a constant.
    Compare {
        /// Field index.
        field: usize,
        /// The operator.
        op: Comparison,
        /// The constant.
        value: f64,
    },
    /// Every sub-condition holds.
    All(Vec<Condition>),
    /// At least one sub-condition holds.
    Any(Vec<Condition>),
    /// The sub-condition does not hold.
    Not(Box<Condition>),
}

impl Condition {
    /// Evaluates the condition against a workload in three-valued logic.
    pub fn eval(&self, workload: &Workload) -> Truth {
        self.eval_with(&|field| workload.values[field])
    }

    /// Evaluates with answers supplied by a lookup, so analyses can try
    /// hypothetical answers without copying the workload.
    pub fn eval_with(&self, answer: &(impl Fn(usize) -> Option<Value> + ?Sized)) -> Truth {
        match self {
            Condition::Is { field, value } => match answer(*field) {
                None => Truth::Unknown,
                Some(v) => truth(v == *value),
            },
            Condition::In { field, options } => match answer(*field) {
                None => Truth::Unknown,
                Some(Value::Choice(i)) => truth(options.contains(&i)),
                Some(_) => Truth::False,
            },
            Condition::Compare { field, op, value } => match answer(*field) {
                None => Truth::Unknown,
                Some(Value::Number(n)) => truth(op.holds(n, *value)),
                Some(_) => Truth::False,
            },
            Condition::All(parts) => {
                let mut result = Truth::True;
                for part in parts {
                    match part.eval_with(answer) {
                        Truth::False => return Truth::False,
                        Truth::Unknown => result = Truth::Unknown,
                        Truth::True => {}
                    }
                }
                result
            }
            Condition::Any(parts) => {
                let mut result = Truth::False;
                for part in parts {
                    match part.eval_with(answer) {
                        Truth::True => return Truth::True,
                        Truth::Unknown => result = Truth::Unknown,
                        Truth::False => {}
                    }
                }
                result
            }
            Condition::Not(inner) => inner.eval_with(answer).not(),
        }
    }

    /// Calls `visit` on every leaf (field-reading) condition.
    pub fn for_each_leaf<'a>(&'a self, visit: &mut impl FnMut(&'a Condition)) {
        match self {
            Condition::All(parts) | Condition::Any(parts) => {
                parts.iter().for_each(|p| p.for_each_leaf(visit))
            }
            Condition::Not(inner) => inner.for_each_leaf(visit),
            leaf => visit(leaf),
        }
    }

    /// The field a leaf condition reads; `None` for `all`/`any`/`not`.
    pub fn leaf_field(&self) -> Option<usize> {
        match self {
            Condition::Is { field, .. }
            | Condition::In { field, .. }
            | Condition::Compare { field, .. } => Some(*field),
            _ => None,
        }
    }

    /// Every field the condition reads, sorted and unique.
    pub fn fields(&self) -> Vec<usize> {
        let mut fields = Vec::new();
        self.for_each_leaf(&mut |leaf| fields.extend(leaf.leaf_field()));
        fields.sort_unstable();
        fields.dedup();
        fields
    }
}

fn truth(b: bool) -> Truth {
    if b {
        Truth::True
    } else {
        Truth::False
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(values: &[Option<Value>]) -> impl Fn(usize) -> Option<Value> + '_ {
        move |i| values[i]
    }

    #[test]
    fn unknown_fields_give_unknown_unless_decided() {
        let a_is_1 = Condition::Is {
            field: 0,
            value: Value::Choice(1),
        };
        let b_gt_10 = Condition::Compare {
            field: 1,
            op: Comparison::Gt,
            value: 10.0,
        };
        let both = Condition::All(vec![a_is_1.clone(), b_gt_10.clone()]);
        let either = Condition::Any(vec![a_is_1.clone(), b_gt_10.clone()]);

        let vals = [Some(Value::Choice(1)), None];
        assert_eq!(both.eval_with(&answers(&vals)), Truth::Unknown);
        assert_eq!(either.eval_with(&answers(&vals)), Truth::True);

        let vals = [Some(Value::Choice(0)), None];
        assert_eq!(both.eval_with(&answers(&vals)), Truth::False);
        assert_eq!(either.eval_with(&answers(&vals)), Truth::Unknown);
        assert_eq!(
            Condition::Not(Box::new(either)).eval_with(&answers(&vals)),
            Truth::Unknown
        );

        let vals = [None, Some(Value::Number(10.0))];
        assert_eq!(b_gt_10.eval_with(&answers(&vals)), Truth::False);
        let gte = Condition::Compare {
            field: 1,
            op: Comparison::Gte,
            value: 10.0,
        };
        assert_eq!(gte.eval_with(&answers(&vals)), Truth::True);
    }

    #[test]
    fn lists_the_fields_read() {
        let c = Condition::Not(Box::new(Condition::Any(vec![
            Condition::In {
                field: 3,
                options: vec![0, 2],
            },
            Condition::Is {
                field: 1,
                value: Value::Bool(true),
            },
            Condition::Compare {
                field: 3,
                op: Comparison::Lt,
                value: 1.0,
            },
        ])));
        assert_eq!(c.fields(), vec![1, 3]);
    }
}
