//! Generates random workloads as JSON Lines, for batch benchmarks
//! (`benches/batch.sh`) and for feeding the fuzzer or a profiler.
//!
//! ```text
//! cargo run --release --example gen_workloads -- N [SEED] > workloads.jsonl
//! ```
//!
//! Deterministic for a given seed (default 1): a splitmix64 generator, no
//! dependencies. Every field of the embedded pack is left out with
//! probability 0.3 (so unanswered fields are exercised), else given a random
//! valid answer: any option, either boolean, or a number drawn around the
//! thresholds the pack's rules compare it with (exactly at one a tenth of
//! the time, else log-uniform within a factor of 30 either side, clamped to
//! the field's bounds; now and then the bounds themselves). One workload in
//! five also sets one or two axis priorities.

use std::io::{BufWriter, Write};

use dbadvisor::pack::{FieldKind, NumberSpec};
use dbadvisor::Pack;
use serde_json::{Map, Value};

/// Probability that a field is left unanswered.
const UNANSWERED: f64 = 0.3;
/// Probability that a workload sets axis priorities.
const PRIORITIES: f64 = 0.2;

/// splitmix64 (Steele, Lea and Flood 2014): tiny, fast, good enough here.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() as u128 * n as u128) >> 64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
}

/// A number within the field's bounds, spread over its thresholds.
fn number(rng: &mut Rng, spec: &NumberSpec) -> f64 {
    let roll = rng.unit();
    let raw = if roll < 0.05 || spec.thresholds.is_empty() {
        // A bound, or log-uniform over the whole range.
        if roll < 0.025 {
            if spec.min_exclusive {
                spec.max
            } else {
                spec.min
            }
        } else {
            let lo = spec.min.max(1e-3).log10();
            let hi = spec.max.max(1e-3).log10();
            10f64.powf(lo + rng.unit() * (hi - lo))
        }
    } else {
        let t = spec.thresholds[rng.below(spec.thresholds.len())];
        if roll < 0.15 {
            t
        } else {
            // Within a factor of 30 either side, log-uniform.
            let scale = 30f64.powf(2.0 * rng.unit() - 1.0);
            let anchor = if t > 0.0 { t } else { 1.0 };
            anchor * scale
        }
    };
    // Round to a few significant figures so lines stay short and readable.
    let rounded = if raw >= 100.0 {
        raw.round()
    } else if raw >= 1.0 {
        (raw * 10.0).round() / 10.0
    } else {
        (raw * 1000.0).round() / 1000.0
    };
    let clamped = rounded.clamp(spec.min, spec.max);
    if spec.check(clamped).is_ok() {
        clamped
    } else {
        // Only `min_exclusive` can refuse a clamped value.
        spec.max
    }
}

/// The workloads for a seed, as JSON objects, endlessly (also used by
/// `benches/analysis.rs`, which includes this file as a module).
pub fn workloads(pack: &Pack, seed: u64) -> impl Iterator<Item = Value> + '_ {
    let mut rng = Rng(seed);
    std::iter::repeat_with(move || Value::Object(workload(&mut rng, pack)))
}

fn workload(rng: &mut Rng, pack: &Pack) -> Map<String, Value> {
    let mut out = Map::new();
    for field in &pack.fields {
        if rng.chance(UNANSWERED) {
            continue;
        }
        let value = match &field.kind {
            FieldKind::Choice(options) => Value::from(options[rng.below(options.len())].id.clone()),
            FieldKind::Bool => Value::from(rng.chance(0.5)),
            FieldKind::Number(spec) => dbadvisor::number::to_json(number(rng, spec)),
        };
        out.insert(field.id.clone(), value);
    }
    if rng.chance(PRIORITIES) {
        const WEIGHTS: [f64; 7] = [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 5.0];
        let mut priorities = Map::new();
        for _ in 0..1 + rng.below(2) {
            let axis = &pack.axes[rng.below(pack.axes.len())];
            let weight = WEIGHTS[rng.below(WEIGHTS.len())];
            priorities.insert(axis.id.clone(), dbadvisor::number::to_json(weight));
        }
        out.insert("priorities".into(), Value::Object(priorities));
    }
    out
}

fn main() {
    let mut args = std::env::args().skip(1);
    let usage = "usage: gen_workloads N [SEED]";
    let n: usize = match args.next().map(|a| a.parse()) {
        Some(Ok(n)) => n,
        _ => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    let seed: u64 = match args.next().map(|a| a.parse()) {
        None => 1,
        Some(Ok(s)) => s,
        Some(Err(_)) => {
            eprintln!("{usage}");
            std::process::exit(2);
        }
    };
    let pack = Pack::embedded().expect("the embedded pack is valid");
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in workloads(&pack, seed).take(n) {
        let written = serde_json::to_writer(&mut out, &line)
            .and_then(|()| out.write_all(b"\n").map_err(serde_json::Error::io));
        if written.is_err() {
            // A closed pipe (`| head`) ends the run quietly.
            return;
        }
    }
    let _ = out.flush();
}
