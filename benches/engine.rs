//! Engine benchmarks: scoring alone (target ≤ 1 µs) and the full explained
//! decision with what would change it and the closest example; the cost
//! estimate (with every formula written out) and loading the price table.

use criterion::{criterion_group, criterion_main, Criterion};
use dbadvisor::estimate::{estimate, EstimateOptions};
use dbadvisor::pricing::Pricing;
use dbadvisor::{decide, evaluate, Pack};
use std::hint::black_box;

fn engine(c: &mut Criterion) {
    let pack = Pack::embedded().expect("the embedded pack is valid");
    let erp = pack
        .example("erp")
        .expect("the erp example exists")
        .workload
        .clone();
    c.bench_function("evaluate erp", |b| {
        b.iter(|| evaluate(black_box(&pack), black_box(&erp)))
    });
    c.bench_function("decide erp (explained)", |b| {
        b.iter(|| decide(black_box(&pack), black_box(&erp)))
    });
    let pricing = Pricing::embedded().expect("the embedded price table is valid");
    let mut gaming = pack.example("gaming").expect("gaming").workload.clone();
    gaming.values[pack.field_index("peak_reads_per_sec").expect("field")] =
        Some(dbadvisor::Value::Number(50_000.0));
    c.bench_function("estimate gaming (all figures)", |b| {
        b.iter(|| {
            estimate(
                black_box(&pack),
                &pricing,
                black_box(&gaming),
                EstimateOptions::default(),
            )
        })
    });
    c.bench_function("load embedded price table", |b| b.iter(Pricing::embedded));
    c.bench_function("load embedded pack (JSON)", |b| b.iter(Pack::embedded));
    c.bench_function("load pack from YAML", |b| {
        b.iter(|| Pack::load(black_box(dbadvisor::pack::EMBEDDED), "<bench>"))
    });
    // Issue 5: thousands of rules load in well under a second. The worst
    // case is one field compared with many different numbers by every rule
    // (each threshold adds answer classes every rule must be tried in): the
    // largest pack read, 10,000 rules at 1,000 numbers (see MAX_RULES).
    let tiny = include_str!("../tests/fixtures/tiny-pack.yaml");
    let rules: String = (0..9998)
        .map(|i| {
            format!(
                "  - {{ id: r{i}, axis: fit, candidate: blue, points: 1, \
                 when: {{ field: size, gt: {} }}, because: b, source: s }}\n",
                i % 1000 + 1
            )
        })
        .collect();
    let big = tiny
        .replace("rules:\n", &format!("rules:\n{rules}"))
        .replace("expect: red", "expect: blue")
        .replace(", min_margin: 1", "");
    Pack::load(&big, "<bench>").expect("the 10,000-rule pack is valid");
    let mut group = c.benchmark_group("large packs");
    group.sample_size(10);
    group.bench_function(
        "load 10,000 rules on one field at 1,000 different numbers",
        |b| b.iter(|| Pack::load(black_box(&big), "<bench>")),
    );
    group.finish();
}

criterion_group!(benches, engine);
criterion_main!(benches);
