//! Analysis benchmarks (target ≤ 50 µs for evaluate + analyse on one
//! workload): scoring alone, then scoring with the full analysis (settled,
//! bounds, could-flip, sufficient reasons, weight flips, near misses), on a
//! worked example and on a sparse workload with two answers.

use criterion::{criterion_group, criterion_main, Criterion};
use dbadvisor::engine::analysis::analyse_with;
use dbadvisor::raw::Raw;
use dbadvisor::{evaluate, Pack, Workload};
use std::hint::black_box;

fn analysis(c: &mut Criterion) {
    let pack = Pack::embedded().expect("the embedded pack is valid");
    let erp = pack
        .example("erp")
        .expect("the erp example exists")
        .workload
        .clone();
    let raw: Raw = serde_json::from_str(r#"{"use_case": "gaming", "consistency": "strong"}"#)
        .expect("valid JSON");
    let sparse = Workload::from_raw(&pack, &raw).expect("a valid workload");
    for (name, workload) in [("erp", &erp), ("sparse", &sparse)] {
        c.bench_function(&format!("evaluate {name}"), |b| {
            b.iter(|| evaluate(black_box(&pack), black_box(workload)))
        });
        c.bench_function(&format!("evaluate + analyse {name}"), |b| {
            b.iter(|| {
                let eval = evaluate(black_box(&pack), black_box(workload));
                analyse_with(&pack, workload, &eval)
            })
        });
    }
}

criterion_group!(benches, analysis);
criterion_main!(benches);
