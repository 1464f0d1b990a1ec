//! Analysis benchmarks (target ≤ 50 µs for evaluate + analyse on one
//! workload): scoring alone, then scoring with the full analysis (settled,
//! bounds, could-flip, sufficient reasons, weight flips, near misses), on a
//! worked example and on a sparse workload with two answers; then the same
//! per workload over a mix of 1,000 generated workloads (the batch
//! benchmark's generator, `examples/gen_workloads.rs`, seed 1), with the
//! whole decision and its JSON line for comparison.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dbadvisor::engine::analysis::analyse_with;
use dbadvisor::raw::Raw;
use dbadvisor::{decide, evaluate, Pack, Workload};
use std::hint::black_box;

#[allow(dead_code)]
#[path = "../examples/gen_workloads.rs"]
mod gen_workloads;

/// Workloads in the generated mix.
const MIX: usize = 1000;

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

    let mix: Vec<Workload> = gen_workloads::workloads(&pack, 1)
        .take(MIX)
        .map(|json| {
            let raw: Raw = serde_json::from_value(json).expect("generated JSON is a document");
            Workload::from_raw(&pack, &raw).expect("generated workloads are valid")
        })
        .collect();
    let mut group = c.benchmark_group("mix");
    group.throughput(Throughput::Elements(MIX as u64));
    group.sample_size(20);
    group.bench_function("evaluate", |b| {
        b.iter(|| {
            for w in &mix {
                black_box(evaluate(&pack, black_box(w)));
            }
        })
    });
    group.bench_function("evaluate + analyse", |b| {
        b.iter(|| {
            for w in &mix {
                let eval = evaluate(&pack, black_box(w));
                black_box(analyse_with(&pack, w, &eval));
            }
        })
    });
    group.bench_function("evaluate + analyse + JSON", |b| {
        b.iter(|| {
            for w in &mix {
                let eval = evaluate(&pack, black_box(w));
                black_box(serde_json::to_string(&analyse_with(&pack, w, &eval)).unwrap());
            }
        })
    });
    group.bench_function("decide", |b| {
        b.iter(|| {
            for w in &mix {
                black_box(decide(&pack, black_box(w)));
            }
        })
    });
    group.bench_function("decide + JSON line", |b| {
        b.iter(|| {
            for w in &mix {
                black_box(serde_json::to_string(&decide(&pack, black_box(w))).unwrap());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
