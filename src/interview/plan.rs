//! TEMPORARY adapter until the analysis module lands (replaced before commit).

use crate::pack::Pack;
use crate::workload::Workload;

pub fn is_settled(_pack: &Pack, _workload: &Workload) -> bool {
    false
}

pub fn question_order(_pack: &Pack, workload: &Workload) -> Vec<usize> {
    (0..workload.values.len())
        .filter(|&f| workload.values[f].is_none())
        .collect()
}
