//! Engine benchmarks: scoring alone (target ≤ 1 µs) and the full explained
//! decision with what would change it and the closest example.

use criterion::{criterion_group, criterion_main, Criterion};
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
    c.bench_function("load embedded pack (JSON)", |b| b.iter(Pack::embedded));
    c.bench_function("load pack from YAML", |b| {
        b.iter(|| Pack::load(black_box(dbadvisor::pack::EMBEDDED), "<bench>"))
    });
}

criterion_group!(benches, engine);
criterion_main!(benches);
