//! Small hand-built packs whose answers can be worked out on paper.

use super::*;
use crate::raw::Raw;
use crate::workload::Value;

/// Two candidates, two axes, a number with thresholds 10 and 100, a choice
/// and three booleans; `rules` and `vetoes` are YAML list items.
fn hand_pack(rules: &str, vetoes: &str) -> Pack {
    pack_with(&["red", "blue"], rules, vetoes)
}

/// [`hand_pack`] with these candidates (ids; the name is the id capitalised).
fn pack_with(candidates: &[&str], rules: &str, vetoes: &str) -> Pack {
    let candidates: String = candidates
        .iter()
        .map(|id| {
            let mut name = id.to_string();
            name[..1].make_ascii_uppercase();
            format!("  - {{ id: {id}, name: {name} }}\n")
        })
        .collect();
    let yaml = format!(
        r#"name: hand
version: "1"
candidates:
{candidates}axes:
  - {{ id: fit, title: Fit }}
  - {{ id: cost, title: Cost }}
fields:
  - {{ id: size, axis: fit, type: number, question: How big?, unit: GB }}
  - {{ id: shape, axis: fit, type: choice, question: What shape?, options: [{{ id: round, label: Round }}, {{ id: square, label: Square }}] }}
  - {{ id: a, axis: fit, type: bool, question: A? }}
  - {{ id: b, axis: fit, type: bool, question: B? }}
  - {{ id: c, axis: fit, type: bool, question: C? }}
rules:
{rules}vetoes:
{vetoes}"#
    );
    Pack::load(&yaml, "<hand>").unwrap_or_else(|e| panic!("{e:?}\n{yaml}"))
}

fn rule(id: &str, axis: &str, candidate: &str, points: f64, when: &str) -> String {
    format!(
        "  - {{ id: {id}, axis: {axis}, candidate: {candidate}, points: {points}, when: {when}, because: b, source: s }}\n"
    )
}

/// The basic pack: size > 10 gives red 2 (fit); round gives blue 1 (cost).
fn basic() -> Pack {
    let rules = rule("big-is-red", "fit", "red", 2.0, "{ field: size, gt: 10 }")
        + &rule(
            "round-is-blue",
            "cost",
            "blue",
            1.0,
            "{ field: shape, is: round }",
        );
    hand_pack(&rules, "  []\n")
}

fn workload(pack: &Pack, json: &str) -> Workload {
    let raw: Raw = serde_json::from_str(json).unwrap();
    Workload::from_raw(pack, &raw).unwrap_or_else(|p| panic!("{p:?}"))
}

fn field(pack: &Pack, id: &str) -> usize {
    pack.field_index(id).unwrap()
}

/// A rule every answer satisfies (`size ≥ 0`) leaves one scoring class:
/// no completion depends on the field, but answering it still adds the
/// points. It must be listed as able to change the result, as
/// `what_would_change` lists it (it was left out of `could_flip`).
#[test]
fn a_field_whose_every_answer_scores_alike_can_still_flip_it() {
    let rules = rule(
        "any-size-is-red",
        "fit",
        "red",
        2.0,
        "{ field: size, gte: 0 }",
    ) + &rule(
        "round-is-blue",
        "cost",
        "blue",
        1.0,
        "{ field: shape, is: round }",
    );
    let pack = hand_pack(&rules, "  []\n");
    let a = analyse(&pack, &workload(&pack, r#"{"shape": "round"}"#));
    assert_eq!(a.recommendation, Some(1));
    assert!(!a.settled);
    let size = field(&pack, "size");
    let flip = a
        .could_flip
        .iter()
        .find(|f| f.field == size)
        .expect("size listed");
    assert!(flip.flips_alone);
    assert_eq!(
        (flip.recommendation, flip.margin, flip.swing),
        (Some(0), 1.0, 2.0)
    );
}

#[test]
fn an_unknown_number_that_can_outweigh_the_lead_is_not_settled() {
    let pack = basic();
    let a = analyse(&pack, &workload(&pack, r#"{"shape": "round"}"#));
    // blue 1 now; size > 10 would give red 2.
    assert_eq!(a.recommendation, Some(1));
    assert!(!a.settled);
    assert!(a.bounds_exact);
    assert_eq!((a.bounds[0].min, a.bounds[0].max), (0.0, 2.0));
    assert_eq!((a.bounds[1].min, a.bounds[1].max), (1.0, 1.0));
    assert_eq!(a.bounds[0].excluded, Excluded::Never);
    assert_eq!(a.could_flip.len(), 1);
    let flip = &a.could_flip[0];
    assert_eq!(flip.field, field(&pack, "size"));
    assert_eq!(flip.to, Value::Number(11.0));
    assert_eq!(flip.swing, 2.0);
    assert!(flip.flips_alone);
    assert_eq!((flip.recommendation, flip.margin), (Some(0), 1.0));
    assert!(a.sufficient_reasons.is_none());
    assert_eq!(
        could_flip(&pack, &workload(&pack, r#"{"shape": "round"}"#)),
        a.could_flip
    );
}

#[test]
fn a_lead_no_answer_can_overturn_is_settled_with_its_reason() {
    let pack = basic();
    let w = workload(&pack, r#"{"size": 20}"#);
    let a = analyse(&pack, &w);
    // red 2; the unknown shape gives blue at most 1.
    assert_eq!(a.recommendation, Some(0));
    assert!(a.settled && a.bounds_exact);
    assert!(is_settled(&pack, &w));
    assert_eq!((a.bounds[1].min, a.bounds[1].max), (0.0, 1.0));
    assert!(a.could_flip.is_empty());
    let reason = a.sufficient_reasons.as_ref().unwrap();
    assert_eq!(reason.kind, ReasonKind::Minimum);
    assert_eq!(
        reason.fields,
        vec![(field(&pack, "size"), Value::Number(20.0))]
    );
    // shape is still worth asking about: its width is 1.
    let shape = a.width(field(&pack, "shape")).unwrap();
    assert_eq!(shape.width, 1.0);
    assert_eq!(a.width(field(&pack, "a")).unwrap().width, 0.0);
    assert_eq!(question_order(&pack, &w)[0], field(&pack, "shape"));
}

#[test]
fn weight_thresholds_solve_the_linear_totals() {
    let pack = basic();
    let w = workload(
        &pack,
        r#"{"size": 20, "shape": "round", "priorities": {"fit": 1}}"#,
    );
    let a = analyse(&pack, &w);
    // red 2·fit = 2 against blue 1·cost = 1.
    assert_eq!(a.recommendation, Some(0));
    let fit = &a.weight_flips[0];
    assert!(fit.from_priorities);
    assert_eq!(
        fit.flips,
        vec![AxisFlip {
            direction: Direction::Lower,
            threshold: 0.5,
            recommendation: Some(1),
            // 2·0.5 = 1: the totals tie at the threshold itself.
            ties_at: true,
        }]
    );
    let cost = &a.weight_flips[1];
    assert!(!cost.from_priorities);
    assert_eq!(
        cost.flips,
        vec![AxisFlip {
            direction: Direction::Raise,
            threshold: 2.0,
            recommendation: Some(1),
            // 1·2 = 2: the totals tie at the threshold itself.
            ties_at: true,
        }]
    );
}

#[test]
fn a_weight_that_only_reaches_a_tie_at_zero_reports_no_winner() {
    let rules = rule("big-is-red", "fit", "red", 2.0, "{ field: size, gt: 10 }");
    let pack = hand_pack(&rules, "  []\n");
    let a = analyse(&pack, &workload(&pack, r#"{"size": 20}"#));
    assert_eq!(
        a.weight_flips[0].flips,
        vec![AxisFlip {
            direction: Direction::Lower,
            threshold: 0.0,
            recommendation: None,
            // At 0 the totals tie (0 to 0), and that is all it reaches.
            ties_at: true,
        }]
    );
    assert!(a.weight_flips[1].flips.is_empty());
}

/// Red's other points are 0.3, blue's 0.1 + 0.2 (0.30000000000000004 in
/// floats): the totals cross at a cost weight of 0, not at 5.55e-17, which
/// the text printed as "drops to 5.551115123125783e-17 or less".
#[test]
fn a_crossing_within_float_noise_of_an_end_is_at_that_end() {
    let big = "{ field: size, gt: 10 }";
    let rules = rule("red-fit", "fit", "red", 0.3, big)
        + &rule("red-cost", "cost", "red", 1.0, big)
        + &rule("blue-fit-a", "fit", "blue", 0.1, big)
        + &rule("blue-fit-b", "fit", "blue", 0.2, big);
    let pack = hand_pack(&rules, "  []\n");
    let a = analyse(&pack, &workload(&pack, r#"{"size": 20}"#));
    assert_eq!(a.recommendation, Some(0));
    assert_eq!(
        a.weight_flips[1].flips,
        vec![AxisFlip {
            direction: Direction::Lower,
            threshold: 0.0,
            recommendation: None,
            ties_at: true,
        }]
    );
}

/// Fit 1 against cost 3 (blue): red's fit weight must pass 3 to win, a
/// crossing at exactly 3; cost 1/3 against fit 1 crosses at 1/3, written to
/// six decimals on the side where the answer has changed.
#[test]
fn a_threshold_is_the_nearest_six_decimal_weight_that_changes_it() {
    let big = "{ field: size, gt: 10 }";
    let rules =
        rule("red-fit", "fit", "red", 1.0, big) + &rule("blue-cost", "cost", "blue", 3.0, big);
    let pack = hand_pack(&rules, "  []\n");
    let a = analyse(
        &pack,
        &workload(
            &pack,
            r#"{"size": 20, "priorities": {"fit": 4, "cost": 1}}"#,
        ),
    );
    assert_eq!(a.recommendation, Some(0));
    // Cost: red 4, blue 3·cost; at 4/3 they tie.
    let cost = &a.weight_flips[1].flips;
    assert_eq!(cost.len(), 1);
    assert_eq!(cost[0].direction, Direction::Raise);
    assert_eq!(cost[0].recommendation, Some(1));
    let t = cost[0].threshold;
    assert_eq!(t, 1.333334, "at 1.333333 red still leads by 1e-6");
    let at = |cost_weight: f64| {
        let json = format!(r#"{{"size": 20, "priorities": {{"fit": 4, "cost": {cost_weight}}}}}"#);
        analyse(&pack, &workload(&pack, &json)).recommendation
    };
    assert_eq!(at(t), Some(1), "changed at the threshold");
    assert_eq!(at(t - 0.000001), Some(0), "not a step before it");
    // Fit: red fit·1 against blue 3; lowering past 3 ties, then blue.
    let fit = &a.weight_flips[0].flips;
    assert_eq!(fit[0].direction, Direction::Lower);
    assert_eq!(fit[0].threshold, 3.0);
    assert_eq!(fit[0].recommendation, Some(1), "past the tie, blue");
}

#[test]
fn vetoes_count_in_bounds_and_settledness() {
    let rules = rule("big-is-red", "fit", "red", 2.0, "{ field: size, gt: 10 }")
        + &rule(
            "round-is-blue",
            "cost",
            "blue",
            1.0,
            "{ field: shape, is: round }",
        );
    let vetoes =
        "  - { id: huge, candidate: red, when: { field: size, gt: 100 }, because: b, source: s }\n";
    let pack = hand_pack(&rules, vetoes);
    // Only the shape is known: size 11..100 makes red win, over 100 rules it out.
    let a = analyse(&pack, &workload(&pack, r#"{"shape": "square"}"#));
    assert_eq!(a.recommendation, None);
    assert!(!a.settled);
    assert_eq!(a.bounds[0].excluded, Excluded::Possible);
    let size = a.could_flip.iter().find(|f| f.field == 0).unwrap();
    assert_eq!(size.rules_out, vec![0]);
    // Size known and under the limit: blue's best (1) stays below red's 2.
    let w = workload(&pack, r#"{"size": 50, "shape": "round"}"#);
    let a = analyse(&pack, &w);
    assert!(a.settled);
    let reason = a.sufficient_reasons.unwrap();
    assert_eq!(reason.kind, ReasonKind::Minimum);
    assert_eq!(reason.fields, vec![(0, Value::Number(50.0))]);
    // Without the size, a size over 100 could rule red out.
    let a = analyse(&pack, &workload(&pack, r#"{"shape": "round"}"#));
    assert!(!a.settled);
    assert_eq!(a.could_flip[0].field, 0);
    assert!(a.could_flip[0].rules_out.contains(&0) || a.could_flip[0].flips_alone);
}

#[test]
fn a_flip_that_needs_two_answers_lists_both_and_not_a_bystander() {
    // red 2 from x (size > 10, known); blue 3 only if a and b; c gives red 0.5,
    // too little to matter either way.
    let rules = rule("big-is-red", "fit", "red", 2.0, "{ field: size, gt: 10 }")
        + &rule(
            "both",
            "fit",
            "blue",
            3.0,
            "{ all: [ { field: a, is: true }, { field: b, is: true } ] }",
        )
        + &rule("bystander", "fit", "red", 0.5, "{ field: c, is: true }");
    let pack = hand_pack(&rules, "  []\n");
    let a = analyse(&pack, &workload(&pack, r#"{"size": 20}"#));
    assert_eq!(a.recommendation, Some(0));
    assert!(!a.settled && a.bounds_exact);
    assert_eq!((a.bounds[1].min, a.bounds[1].max), (0.0, 3.0));
    let listed: Vec<usize> = a.could_flip.iter().map(|f| f.field).collect();
    assert_eq!(listed, vec![field(&pack, "a"), field(&pack, "b")]);
    for flip in &a.could_flip {
        assert!(!flip.flips_alone);
        assert_eq!(flip.to, Value::Bool(true));
        assert_eq!(flip.swing, 3.0);
    }
    // c still has a width, for when nothing else is left to ask.
    assert_eq!(a.width(field(&pack, "c")).unwrap().width, 0.5);
    // With c worth 1.5 instead, c decides between a tie-free win and a loss.
    let rules = rule("big-is-red", "fit", "red", 2.0, "{ field: size, gt: 10 }")
        + &rule(
            "both",
            "fit",
            "blue",
            3.0,
            "{ all: [ { field: a, is: true }, { field: b, is: true } ] }",
        )
        + &rule("decider", "fit", "red", 1.5, "{ field: c, is: true }");
    let pack = hand_pack(&rules, "  []\n");
    let a = analyse(&pack, &workload(&pack, r#"{"size": 20}"#));
    let listed: Vec<usize> = a.could_flip.iter().map(|f| f.field).collect();
    assert!(listed.contains(&field(&pack, "c")));
    assert_eq!(
        a.could_flip
            .iter()
            .find(|f| f.field == field(&pack, "c"))
            .unwrap()
            .to,
        Value::Bool(false)
    );
}

#[test]
fn a_tie_is_settled_only_when_no_answer_breaks_it() {
    let rules = rule(
        "round-is-red",
        "fit",
        "red",
        1.0,
        "{ field: shape, is: round }",
    ) + &rule(
        "round-is-blue",
        "fit",
        "blue",
        1.0,
        "{ field: shape, is: round }",
    ) + &rule("a-is-blue", "fit", "blue", 1.0, "{ field: a, is: true }");
    let pack = hand_pack(&rules, "  []\n");
    let a = analyse(&pack, &workload(&pack, r#"{"a": false}"#));
    assert_eq!(a.recommendation, None);
    assert!(a.settled, "the shape gives both the same points");
    let a = analyse(&pack, &workload(&pack, r#"{"shape": "round"}"#));
    assert!(!a.settled, "a = true breaks the tie");
    assert_eq!(a.could_flip[0].field, field(&pack, "a"));
    assert_eq!(a.could_flip[0].recommendation, Some(1));
}

#[test]
fn near_misses_name_the_one_condition_that_failed() {
    let rules = rule("big-is-red", "fit", "red", 2.0, "{ field: size, gt: 10 }")
        + &rule(
            "round-and-small",
            "fit",
            "blue",
            1.0,
            "{ all: [ { field: shape, is: round }, { field: size, lte: 100 } ] }",
        )
        + &rule(
            "small-is-blue",
            "cost",
            "blue",
            1.0,
            "{ not: { field: size, gt: 10 } }",
        )
        + &rule(
            "a-and-b",
            "cost",
            "blue",
            1.0,
            "{ all: [ { field: a, is: true }, { field: b, is: true } ] }",
        );
    let pack = hand_pack(&rules, "  []\n");
    let a = analyse(
        &pack,
        &workload(
            &pack,
            r#"{"size": 20, "shape": "square", "a": false, "b": false}"#,
        ),
    );
    assert_eq!(a.recommendation, Some(0));
    let rules_missed: Vec<&str> = a
        .near_misses
        .iter()
        .map(|m| pack.rules[m.rule].id.as_str())
        .collect();
    // a-and-b fails on two conditions: not a near miss.
    assert_eq!(rules_missed, vec!["round-and-small", "small-is-blue"]);
    let round = &a.near_misses[0];
    assert_eq!((round.op, round.field), (LeafOp::Is, field(&pack, "shape")));
    assert_eq!(round.observed, Some(Value::Choice(1)));
    assert_eq!(round.describe(&pack), "shape is round (answered: square)");
    let small = &a.near_misses[1];
    assert_eq!(
        (small.op, &small.expected),
        (LeafOp::Lte, &Expected::Number(10.0))
    );
    assert_eq!(small.describe(&pack), "size ≤ 10 GB (answered: 20 GB)");
    let json = serde_json::to_value(&a).unwrap();
    assert_eq!(json["near_misses"]["fit"][0]["condition"]["op"], "is");
    assert_eq!(json["near_misses"]["cost"][0]["condition"]["op"], "lte");
    assert_eq!(json["near_misses"]["cost"][0]["observed"], 20);
}

#[test]
fn serializes_with_ids_in_a_stable_shape() {
    let pack = basic();
    let a = analyse(&pack, &workload(&pack, r#"{"shape": "round"}"#));
    let json = serde_json::to_value(&a).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        vec![
            "settled",
            "bounds_exact",
            "bounds",
            "could_flip",
            "sufficient_reasons",
            "weight_flips",
            "near_misses"
        ]
    );
    assert_eq!(json["bounds"]["red"]["max"], 2);
    assert_eq!(json["bounds"]["red"]["excluded"], "never");
    assert_eq!(json["could_flip"][0]["field"], "size");
    assert_eq!(json["could_flip"][0]["to"], 11);
    assert_eq!(json["could_flip"][0]["recommendation"], "red");
    assert_eq!(json["sufficient_reasons"], serde_json::Value::Null);
    assert_eq!(json["weight_flips"][1]["axis"], "cost");
    assert_eq!(json["weight_flips"][1]["flips"][0]["direction"], "lower");
}

#[test]
fn the_real_pack_worked_examples_analyse_consistently() {
    let pack = Pack::embedded().unwrap();
    for example in &pack.examples {
        let a = analyse(&pack, &example.workload);
        assert_eq!(a.recommendation, Some(example.expect), "{}", example.id);
        assert!(a.bounds_exact, "{}", example.id);
        assert_eq!(a.settled, a.could_flip.is_empty(), "{}", example.id);
        assert_eq!(a.settled, a.sufficient_reasons.is_some(), "{}", example.id);
        assert_eq!(
            a.settled,
            is_settled(&pack, &example.workload),
            "{}",
            example.id
        );
    }
}

/// Three candidates, multi-field rules and vetoes: every partial workload
/// over probe answers, checked against every completion.
#[test]
fn three_candidates_exhaustively() {
    let rules = rule("big-is-red", "fit", "red", 2.0, "{ field: size, gt: 10 }")
        + &rule(
            "round-is-blue",
            "cost",
            "blue",
            1.5,
            "{ field: shape, is: round }",
        )
        + &rule(
            "a-and-b-green",
            "fit",
            "green",
            3.0,
            "{ all: [ { field: a, is: true }, { field: b, is: true } ] }",
        )
        + &rule(
            "c-or-small-blue",
            "fit",
            "blue",
            1.0,
            "{ any: [ { field: c, is: true }, { field: size, lte: 10 } ] }",
        )
        + &rule(
            "not-a-red",
            "cost",
            "red",
            0.5,
            "{ not: { field: a, is: true } }",
        );
    let vetoes = "  - { id: huge, candidate: red, when: { field: size, gt: 100 }, because: b, source: s }\n  - { id: square-c, candidate: green, when: { all: [ { field: shape, is: square }, { field: c, is: true } ] }, because: b, source: s }\n";
    let pack = pack_with(&["red", "blue", "green"], &rules, vetoes);
    let nf = pack.fields.len();
    // Every partial workload: each field unknown or one of its probes.
    let choices: Vec<usize> = (0..nf).map(|f| pack.probes[f].len() + 1).collect();
    let total: usize = choices.iter().product();
    let mut checked_settled = 0;
    // Every completion of `w` (over probes) gives `expect`.
    let always = |w: &Workload, expect: Option<usize>| {
        let unknown: Vec<usize> = (0..nf).filter(|&f| w.values[f].is_none()).collect();
        let n: usize = unknown.iter().map(|&f| pack.probes[f].len()).product();
        (0..n).all(|mut k| {
            let mut x = w.clone();
            for &f in &unknown {
                let p = &pack.probes[f];
                x.values[f] = Some(p[k % p.len()]);
                k /= p.len();
            }
            crate::engine::evaluate(&pack, &x).winner() == expect
        })
    };
    for index in 0..total {
        let mut code = index;
        let mut w = Workload::empty(&pack);
        for (f, &n) in choices.iter().enumerate() {
            let k = code % n;
            code /= n;
            w.values[f] = (k > 0).then(|| pack.probes[f][k - 1]);
        }
        if index % 3 == 1 {
            w.priorities[1] = Some(2.0);
        }
        let a = analyse(&pack, &w);
        let winner = crate::engine::evaluate(&pack, &w).winner();
        let mut flipped = false;
        let unknown: Vec<usize> = (0..nf).filter(|&f| w.values[f].is_none()).collect();
        let n: usize = unknown.iter().map(|&f| pack.probes[f].len()).product();
        for mut k in 0..n {
            let mut x = w.clone();
            for &f in &unknown {
                let p = &pack.probes[f];
                x.values[f] = Some(p[k % p.len()]);
                k /= p.len();
            }
            let e = crate::engine::evaluate(&pack, &x);
            flipped |= e.winner() != winner;
            for (c, b) in a.bounds.iter().enumerate() {
                assert!(e.totals[c] >= b.min - 1e-9 && e.totals[c] <= b.max + 1e-9);
            }
        }
        if a.settled {
            checked_settled += 1;
            assert!(!flipped, "settled but a completion flips: {w:?}");
            let reason = a
                .sufficient_reasons
                .as_ref()
                .expect("a settled workload has a reason");
            let mut kept = Workload::empty(&pack);
            kept.priorities = w.priorities.clone();
            for &(f, v) in &reason.fields {
                kept.values[f] = Some(v);
            }
            assert!(always(&kept, winner), "{w:?} reason {reason:?}");
            // Minimal: dropping any kept answer loses it.
            if !reason.proven {
                assert!(winner.is_none(), "only cautious without a winner");
                continue;
            }
            for &(f, _) in &reason.fields {
                let mut less = kept.clone();
                less.values[f] = None;
                assert!(
                    !always(&less, winner),
                    "{w:?} reason {reason:?} without {f}"
                );
            }
        } else if winner.is_some() {
            // Exact for a recommendation, whatever the number of candidates.
            assert!(flipped, "not settled, yet nothing flips: {w:?}");
            assert!(!a.could_flip.is_empty());
        }
    }
    assert!(checked_settled > 10);
}

/// The memo of components: a solver that has seen many assignments (so
/// most components are looked up) summarises each exactly as a fresh one
/// (which enumerates them all). The assignments free random fields one at
/// a time, as the sufficient-reason search does. Returns how many solved
/// components were large enough for the memo.
fn memo_matches_enumeration(pack: &Pack, workload: &Workload, rounds: usize) -> usize {
    use super::solver::{Prepared, Solver, MEMO_MIN_COMBOS};
    let eval = crate::engine::evaluate(pack, workload);
    let prep = Prepared::new(pack, workload, &eval.weights);
    let nf = pack.fields.len();
    let mut seen = Solver::new(&prep);
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let mut large = 0;
    for _ in 0..rounds {
        // Every field fixed to a random class, then freed one by one.
        let mut fixed: Vec<Option<usize>> = (0..nf).map(|f| Some(next(prep.classes(f)))).collect();
        for _ in 0..nf {
            fixed[next(nf)] = None;
            seen.prepare(&prep, &fixed);
            let mut fresh = Solver::new(&prep);
            fresh.prepare(&prep, &fixed);
            for i in 0..seen.comps.len() {
                seen.solve(&prep, i, false);
                fresh.solve(&prep, i, false);
                large += usize::from(seen.comps[i].combos >= MEMO_MIN_COMBOS);
            }
            assert_eq!(seen.summary(), fresh.summary(), "{fixed:?}");
        }
    }
    large
}

/// On the real pack, whose largest components are past the memo's threshold.
#[test]
fn memoised_components_summarise_as_enumerated_ones() {
    let pack = Pack::embedded().unwrap();
    let erp = &pack.example("erp").unwrap().workload;
    assert!(memo_matches_enumeration(&pack, erp, 40) > 100);
}

/// A rule whose open part depends on a fixed answer's value, not only on
/// being open: with `a` true it reads `b` and `size`, with `a` false `c`
/// and `shape`. The memo must tell those apart (its key holds the classes
/// of the fixed fields an open rule reads).
#[test]
fn the_memo_tells_apart_fixed_answers_that_leave_a_rule_open() {
    let when = "{ any: [ { all: [ { field: a, is: true }, { field: b, is: true }, { field: size, gt: 10 } ] }, { all: [ { field: a, is: false }, { field: c, is: true }, { field: shape, is: round } ] } ] }";
    let rules = rule("either-way", "fit", "red", 2.0, when)
        + &rule("b-is-blue", "cost", "blue", 1.0, "{ field: b, is: true }")
        + &rule("c-is-blue", "fit", "blue", 1.5, "{ field: c, is: true }");
    let pack = hand_pack(&rules, "  []\n");
    let w = workload(&pack, "{}");
    assert!(memo_matches_enumeration(&pack, &w, 200) > 50);
}
