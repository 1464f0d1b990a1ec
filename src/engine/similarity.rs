//! Which worked example a workload resembles most.
//!
//! Similarity is a Jaccard index over answers: the number of fields both
//! workloads answer *alike*, divided by the number of fields either answers.
//! Choices and booleans are alike when equal; numbers when they fall in the
//! same region of the pack's thresholds (so 20,000 and 50,000 writes/s are
//! alike when no rule tells them apart). Two identical workloads score 1, two
//! with no answer in common 0. Priorities are not compared.

use super::change::region;
use crate::pack::{FieldKind, Pack};
use crate::workload::{Value, Workload};

/// Similarity of two workloads in `[0, 1]`.
pub fn similarity(pack: &Pack, a: &Workload, b: &Workload) -> f64 {
    let mut union = 0usize;
    let mut alike = 0usize;
    for (field, (x, y)) in pack.fields.iter().zip(a.values.iter().zip(&b.values)) {
        match (x, y) {
            (None, None) => {}
            (Some(x), Some(y)) => {
                union += 1;
                let same = match (&field.kind, x, y) {
                    (FieldKind::Number(spec), Value::Number(p), Value::Number(q)) => {
                        region(&spec.thresholds, *p) == region(&spec.thresholds, *q)
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

/// The worked example most similar to the workload among those that expect
/// `candidate`, with its similarity; ties go to the earlier example in the pack.
pub fn closest_example(pack: &Pack, workload: &Workload, candidate: usize) -> Option<(usize, f64)> {
    let mut best: Option<(usize, f64)> = None;
    for (i, example) in pack.examples.iter().enumerate() {
        if example.expect != candidate {
            continue;
        }
        let s = similarity(pack, workload, &example.workload);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((i, s));
        }
    }
    best
}
