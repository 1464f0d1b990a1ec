//! Which worked example a workload resembles most.
//!
//! Similarity is a Jaccard index over answers: the number of fields both
//! workloads answer *alike*, divided by the number of fields either answers.
//! Choices and booleans are alike when equal; numbers when every comparison
//! the pack's rules and vetoes make on that field treats them alike (so
//! 20,000 and 50,000 writes/s are alike when no rule tells them apart, and
//! so are 2 and 4 KB items when the only nearby rule is `lte: 4`). Two
//! identical workloads score 1, two with no answer in common 0. Priorities
//! are not compared.

use crate::pack::{FieldKind, Pack};
use crate::workload::{Value, Workload};

/// Similarity of two workloads in `[0, 1]`.
pub fn similarity(pack: &Pack, a: &Workload, b: &Workload) -> f64 {
    let mut union = 0usize;
    let mut alike = 0usize;
    for (f, (field, (x, y))) in pack
        .fields
        .iter()
        .zip(a.values.iter().zip(&b.values))
        .enumerate()
    {
        match (x, y) {
            (None, None) => {}
            (Some(x), Some(y)) => {
                union += 1;
                let same = match (&field.kind, x, y) {
                    (FieldKind::Number(_), Value::Number(p), Value::Number(q)) => {
                        numbers_alike(pack, f, *p, *q)
                    }
                    _ => x == y,
                };
                alike += usize::from(same);
            }
            _ => union += 1,
        }
    }
    if union == 0 {
        0.0
    } else {
        alike as f64 / union as f64
    }
}

/// Whether two answers to number field `field` satisfy exactly the same
/// comparisons in the rules and vetoes that read it.
fn numbers_alike(pack: &Pack, field: usize, a: f64, b: f64) -> bool {
    let mut alike = true;
    for condition in pack.conditions_reading(field) {
        condition.for_each_leaf(&mut |leaf| {
            if alike && leaf.leaf_field() == Some(field) {
                let at = |x: f64| leaf.eval_with(&|_| Some(Value::Number(x)));
                alike = at(a) == at(b);
            }
        });
        if !alike {
            break;
        }
    }
    alike
}

/// The worked example most similar to the workload among those that expect
/// `candidate` (any, with `None`), with its similarity; ties go to the
/// earlier example in the pack.
pub fn closest_example(
    pack: &Pack,
    workload: &Workload,
    candidate: Option<usize>,
) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for (i, example) in pack.examples.iter().enumerate() {
        if candidate.is_some_and(|c| example.expect != c) {
            continue;
        }
        let s = similarity(pack, workload, &example.workload);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best
}
