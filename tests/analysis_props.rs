//! Properties of the analysis over random workloads of the real pack: a
//! settled recommendation survives every completion, sufficient reasons
//! alone keep it, weight thresholds are exactly where the winner changes,
//! could-flip lists every field that can flip it, and a zero-point rule
//! changes nothing.

use std::sync::LazyLock;

use dbadvisor::engine::analysis::{analyse, AxisFlip, Direction, Excluded};
use dbadvisor::pack::FieldKind;
use dbadvisor::workload::MAX_WEIGHT;
use dbadvisor::{evaluate, Pack, Value, Workload};
use proptest::prelude::*;

static PACK: LazyLock<Pack> =
    LazyLock::new(|| Pack::embedded().expect("the embedded pack is valid"));

/// A tiny deterministic generator for completions (proptest supplies the seed).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Any valid answer for a field: a probe, or for numbers often an arbitrary value.
fn random_value(pack: &Pack, f: usize, rng: &mut Rng) -> Value {
    let probes = &pack.probes[f];
    match &pack.fields[f].kind {
        FieldKind::Number(spec) if rng.below(2) == 0 || probes.is_empty() => {
            // Log-uniform over the range, so every threshold region is hit.
            let top = spec.max.log10();
            let mut v = (10f64.powf(rng.unit() * top)).round().min(spec.max);
            if v < spec.min || (spec.min_exclusive && v <= spec.min) {
                v = spec.min + 1.0;
            }
            Value::Number(v)
        }
        _ => probes[rng.below(probes.len())],
    }
}

fn arb_workload() -> impl Strategy<Value = Workload> {
    let pack = &*PACK;
    let nf = pack.fields.len();
    let na = pack.axes.len();
    (
        0u8..=10,
        prop::collection::vec((0u8..10, any::<u64>()), nf),
        prop::collection::vec((0u8..10, 0usize..7, 0.0f64..MAX_WEIGHT), na),
    )
        .prop_map(move |(unknown_tenths, fields, priorities)| {
            let mut w = Workload::empty(pack);
            for (f, (k, seed)) in fields.into_iter().enumerate() {
                if k >= unknown_tenths {
                    w.values[f] = Some(random_value(pack, f, &mut Rng(seed | 1)));
                }
            }
            const WEIGHTS: [f64; 7] = [0.0, 0.5, 1.0, 2.0, 3.0, 10.0, MAX_WEIGHT];
            for (a, (k, i, x)) in priorities.into_iter().enumerate() {
                w.priorities[a] = match k {
                    0..=5 => None,
                    6..=8 => Some(WEIGHTS[i]),
                    _ => Some(x),
                };
            }
            w
        })
}

/// Calls `visit` with completions of the unknown fields: all of them (over
/// probes) when there are at most `limit`, else `samples` random ones.
fn completions(
    pack: &Pack,
    workload: &Workload,
    seed: u64,
    limit: usize,
    samples: usize,
    mut visit: impl FnMut(&Workload),
) -> bool {
    let unknown: Vec<usize> = (0..pack.fields.len())
        .filter(|&f| workload.values[f].is_none())
        .collect();
    let product = unknown
        .iter()
        .try_fold(1usize, |p, &f| p.checked_mul(pack.probes[f].len().max(1)))
        .unwrap_or(usize::MAX);
    let mut w = workload.clone();
    if product <= limit {
        for mut i in 0..product {
            for &f in &unknown {
                let n = pack.probes[f].len();
                w.values[f] = Some(pack.probes[f][i % n]);
                i /= n;
            }
            visit(&w);
        }
        true
    } else {
        let mut rng = Rng(seed | 1);
        for _ in 0..samples {
            for &f in &unknown {
                w.values[f] = Some(random_value(pack, f, &mut rng));
            }
            visit(&w);
        }
        false
    }
}

fn with_weight(workload: &Workload, axis: usize, x: f64) -> Workload {
    let mut w = workload.clone();
    w.priorities[axis] = Some(x);
    w
}

fn zero_rule_pack(variant: usize) -> Pack {
    const CONDITIONS: [&str; 4] = [
        "{ field: use_case, is: gaming }",
        "{ all: [ { field: consistency, is: strong }, { field: data_shape, in: [relational, mixed] } ] }",
        "{ field: peak_writes_per_sec, gt: 10000 }",
        "{ any: [ { field: schema, is: fixed }, { not: { field: server_side_logic, is: true } } ] }",
    ];
    let (axis, candidate) = [
        ("data_model", "aurora"),
        ("use_cases", "dynamodb"),
        ("scalability", "aurora"),
        ("consistency_performance", "dynamodb"),
    ][variant];
    let rule = format!(
        "  - id: zero-points-{variant}\n    axis: {axis}\n    candidate: {candidate}\n    points: 0\n    when: {}\n    because: Nothing.\n    source: test\n\n",
        CONDITIONS[variant]
    );
    let yaml = dbadvisor::pack::EMBEDDED.replacen("\nvetoes:", &format!("\n{rule}vetoes:"), 1);
    Pack::load(&yaml, "<zero-rule>").expect("the pack with a zero-point rule is valid")
}

static ZERO_PACKS: LazyLock<Vec<Pack>> = LazyLock::new(|| (0..4).map(zero_rule_pack).collect());

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn settled_means_no_completion_changes_the_winner(workload in arb_workload(), seed in any::<u64>()) {
        let pack = &*PACK;
        let analysis = analyse(pack, &workload);
        let winner = evaluate(pack, &workload).winner();
        let mut flipped = false;
        let exhaustive = completions(pack, &workload, seed, 4096, 300, |w| {
            let eval = evaluate(pack, w);
            if eval.winner() != winner {
                flipped = true;
            }
            // Every completion's totals lie within the bounds.
            for (c, b) in analysis.bounds.iter().enumerate() {
                assert!(eval.totals[c] >= b.min - 1e-9 && eval.totals[c] <= b.max + 1e-9,
                    "total {} of {c} outside [{}, {}]", eval.totals[c], b.min, b.max);
                if eval.excluded[c] {
                    assert_ne!(b.excluded, Excluded::Never);
                } else {
                    assert_ne!(b.excluded, Excluded::Always);
                }
            }
        });
        if analysis.settled {
            prop_assert!(!flipped, "settled, yet a completion changes the winner");
        }
        // Exact and exhaustive: "not settled" must be witnessed.
        if exhaustive && analysis.bounds_exact && !analysis.settled {
            prop_assert!(flipped, "not settled, yet no completion changes the winner");
        }
        if analysis.settled {
            prop_assert!(analysis.could_flip.is_empty());
        }
    }

    #[test]
    fn sufficient_reasons_alone_keep_the_winner(workload in arb_workload(), seed in any::<u64>()) {
        let pack = &*PACK;
        let analysis = analyse(pack, &workload);
        let winner = evaluate(pack, &workload).winner();
        let Some(reason) = &analysis.sufficient_reasons else {
            prop_assert!(!analysis.settled);
            return Ok(());
        };
        prop_assert!(analysis.settled);
        let mut kept = Workload::empty(pack);
        kept.priorities = workload.priorities.clone();
        for &(f, v) in &reason.fields {
            prop_assert_eq!(workload.values[f], Some(v));
            kept.values[f] = Some(v);
        }
        completions(pack, &kept, seed, 2048, 200, |w| {
            assert_eq!(evaluate(pack, w).winner(), winner, "a completion of the reason changes the winner");
        });
    }

    #[test]
    fn weight_thresholds_are_where_the_winner_changes(workload in arb_workload()) {
        let pack = &*PACK;
        let analysis = analyse(pack, &workload);
        let winner = evaluate(pack, &workload).winner();
        for flip in &analysis.weight_flips {
            let a = flip.axis;
            let x0 = flip.weight;
            for direction in [Direction::Raise, Direction::Lower] {
                let sign = if direction == Direction::Raise { 1.0 } else { -1.0 };
                let found: Option<&AxisFlip> = flip.flips.iter().find(|f| f.direction == direction);
                match found {
                    Some(f) => {
                        let t = f.threshold;
                        let eps = 1e-6 * t.abs().max(1.0);
                        let past = (t + sign * eps).clamp(0.0, MAX_WEIGHT);
                        let after = evaluate(pack, &with_weight(&workload, a, past)).winner();
                        if past == t {
                            prop_assert_ne!(after, winner, "at the bound threshold {}", t);
                        } else {
                            prop_assert_ne!(after, winner, "just past {} on axis {}", t, a);
                            prop_assert_eq!(after, f.recommendation, "just past {} on axis {}", t, a);
                        }
                        if (t - x0).abs() > 2.0 * eps {
                            let before = evaluate(pack, &with_weight(&workload, a, t - sign * eps)).winner();
                            prop_assert_eq!(before, winner, "just before {} on axis {}", t, a);
                        }
                    }
                    None => {
                        // No weight that way changes it: try a spread of them.
                        let end = if direction == Direction::Raise { MAX_WEIGHT } else { 0.0 };
                        if direction == Direction::Raise && x0 > MAX_WEIGHT { continue; }
                        for i in 1..=20 {
                            let x = x0 + (end - x0) * f64::from(i) / 20.0;
                            let w = evaluate(pack, &with_weight(&workload, a, x)).winner();
                            prop_assert_eq!(w, winner, "weight {} on axis {} with no threshold", x, a);
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_zero_point_rule_changes_nothing(workload in arb_workload(), variant in 0usize..4) {
        let pack = &*PACK;
        let modified = &ZERO_PACKS[variant];
        let before = serde_json::to_value(analyse(pack, &workload)).unwrap();
        let after = serde_json::to_value(analyse(modified, &workload)).unwrap();
        for (key, value) in before.as_object().unwrap() {
            prop_assert_eq!(value, &after[key], "`{}` differs", key);
        }
    }

    #[test]
    fn answers_reported_to_flip_alone_do(workload in arb_workload()) {
        let pack = &*PACK;
        let analysis = analyse(pack, &workload);
        let winner = evaluate(pack, &workload).winner();
        for flip in &analysis.could_flip {
            prop_assert!(workload.values[flip.field].is_none());
            let mut w = workload.clone();
            w.values[flip.field] = Some(flip.to);
            let eval = evaluate(pack, &w);
            prop_assert_eq!(eval.winner(), flip.recommendation);
            prop_assert_eq!(flip.flips_alone, eval.winner() != winner);
        }
        for miss in &analysis.near_misses {
            prop_assert_ne!(Some(miss.candidate), winner);
            let reachable = pack.probes[miss.field].iter().any(|&v| {
                let mut w = workload.clone();
                w.values[miss.field] = Some(v);
                pack.rules[miss.rule].when.eval(&w) == dbadvisor::engine::Truth::True
            });
            prop_assert!(reachable, "near miss {} cannot fire", pack.rules[miss.rule].id);
        }
    }
}

/// Workloads with few unknown fields, so every completion can be tried.
fn arb_dense_workload() -> impl Strategy<Value = Workload> {
    let pack = &*PACK;
    (
        arb_workload(),
        prop::collection::vec(any::<u64>(), pack.fields.len()),
        1usize..5,
    )
        .prop_map(move |(mut w, seeds, keep_unknown)| {
            let unknown: Vec<usize> = (0..pack.fields.len())
                .filter(|&f| w.values[f].is_none())
                .collect();
            for (i, &f) in unknown.iter().enumerate() {
                if i >= keep_unknown {
                    w.values[f] = Some(random_value(pack, f, &mut Rng(seeds[f] | 1)));
                }
            }
            w
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A field that is pivotal in some completion (changing only it changes
    /// the winner from the current one) must be in `could_flip`; with two
    /// candidates and exact bounds, a listed field that does not flip it
    /// alone must be pivotal.
    #[test]
    fn could_flip_lists_exactly_the_pivotal_fields(workload in arb_dense_workload()) {
        let pack = &*PACK;
        let analysis = analyse(pack, &workload);
        let winner = evaluate(pack, &workload).winner();
        let unknown: Vec<usize> = (0..pack.fields.len()).filter(|&f| workload.values[f].is_none()).collect();
        let mut pivotal = vec![false; pack.fields.len()];
        let mut some_keep = false;
        let exhaustive = completions(pack, &workload, 1, 20_000, 0, |x| {
            if evaluate(pack, x).winner() != winner {
                return;
            }
            some_keep = true;
            for &f in &unknown {
                if pivotal[f] { continue; }
                let mut y = x.clone();
                for &v in &pack.probes[f] {
                    y.values[f] = Some(v);
                    if evaluate(pack, &y).winner() != winner {
                        pivotal[f] = true;
                        break;
                    }
                }
            }
        });
        prop_assume!(exhaustive);
        let listed: Vec<usize> = analysis.could_flip.iter().map(|f| f.field).collect();
        for &f in &unknown {
            if pivotal[f] {
                prop_assert!(listed.contains(&f), "pivotal field {} not listed", pack.fields[f].id);
            }
        }
        // Listed without flipping alone, while some completion keeps the
        // winner: then it must be pivotal.
        if winner.is_some() && analysis.bounds_exact && some_keep {
            for flip in analysis.could_flip.iter().filter(|f| !f.flips_alone) {
                prop_assert!(pivotal[flip.field], "field {} listed but not pivotal", pack.fields[flip.field].id);
            }
        }
    }
}
