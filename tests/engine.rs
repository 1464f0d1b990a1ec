//! The engine through the library API: pack coverage, scoring semantics,
//! unknown answers, vetoes, what would change the answer, example matching.

use dbadvisor::engine::{decide, evaluate, Confidence, DecidedBy, Truth};
use dbadvisor::raw::Raw;
use dbadvisor::{Pack, Workload};

fn pack() -> Pack {
    Pack::embedded().expect("the embedded pack is valid")
}

fn workload(pack: &Pack, json: &str) -> Workload {
    let raw: Raw = serde_json::from_str(json).unwrap();
    Workload::from_raw(pack, &raw).unwrap_or_else(|p| panic!("{p:?}"))
}

#[test]
fn every_field_is_read_and_every_axis_has_rules_for_both_candidates() {
    let pack = pack();
    for (f, field) in pack.fields.iter().enumerate() {
        let read = pack.rules.iter().any(|r| r.when.fields().contains(&f));
        assert!(read, "no rule reads field `{}`", field.id);
    }
    for (a, axis) in pack.axes.iter().enumerate() {
        for (c, candidate) in pack.candidates.iter().enumerate() {
            assert!(
                pack.rules.iter().any(|r| r.axis == a && r.candidate == c),
                "axis `{}` has no rule for `{}`",
                axis.id,
                candidate.id
            );
        }
    }
}

#[test]
fn every_rule_and_veto_cites_its_source() {
    let pack = pack();
    for rule in &pack.rules {
        assert!(
            rule.source.starts_with("seed §") || rule.source.starts_with("AWS "),
            "rule `{}` cites neither the source document nor AWS: {}",
            rule.id,
            rule.source
        );
    }
    for veto in &pack.vetoes {
        assert!(
            veto.source.starts_with("AWS "),
            "veto `{}` must cite a documented AWS limit",
            veto.id
        );
    }
}

#[test]
fn the_pack_carries_the_specs_eight_examples() {
    let pack = pack();
    let ids: Vec<&str> = pack.examples.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "ecommerce",
            "gaming",
            "news-portal",
            "iot-analytics",
            "stock-trading",
            "social-media",
            "erp",
            "mobile-gaming"
        ]
    );
    for e in &pack.examples {
        let d = decide(&pack, &e.workload);
        assert_eq!(
            d.recommendation,
            Some(pack.candidates[e.expect].id.as_str()),
            "{}",
            e.id
        );
        assert_eq!(
            d.example.as_ref().map(|m| m.id),
            Some(e.id.as_str()),
            "{} matches itself",
            e.id
        );
        assert_eq!(d.example.as_ref().unwrap().similarity.0, 1.0);
    }
}

/// Numbers are alike for the closest example when every rule treats them
/// alike: a 2 KB item is as much like the e-commerce example's 4 KB as 4 KB
/// is (the only nearby rule is `lte: 4`), while 5 KB is not.
#[test]
fn closest_example_compares_numbers_the_way_the_rules_do() {
    let pack = pack();
    let similarity = |json: &str| {
        let d = decide(&pack, &workload(&pack, json));
        let m = d.example.expect("a closest example");
        (m.id, m.similarity.0)
    };
    let two = similarity(r#"{"use_case": "ecommerce", "item_size_kb": 2}"#);
    let four = similarity(r#"{"use_case": "ecommerce", "item_size_kb": 4}"#);
    let five = similarity(r#"{"use_case": "ecommerce", "item_size_kb": 5}"#);
    assert_eq!(two, ("ecommerce", 0.2));
    assert_eq!(two, four);
    assert_eq!(five, ("ecommerce", 0.1));
    // The reviewer's case: a high-write e-commerce workload is the e-commerce example.
    let d = decide(
        &pack,
        &workload(
            &pack,
            r#"{"use_case": "ecommerce", "data_shape": "relational", "relationships": "many",
                "transactions": "complex", "peak_writes_per_sec": 200000, "peak_reads_per_sec": 1000,
                "item_size_kb": 2, "data_size_gb": 500}"#,
        ),
    );
    assert_eq!(d.example.map(|m| m.id), Some("ecommerce"));
}

/// Scores are the sum of fired rules' points per candidate and axis, times the axis weight.
#[test]
fn scoring_is_points_times_weight() {
    let pack = pack();
    let w = workload(
        &pack,
        r#"{"data_shape": "relational", "relationships": "many", "priorities": {"data_model": 2.5}}"#,
    );
    let eval = evaluate(&pack, &w);
    let aurora = pack.candidate_index("aurora").unwrap();
    let data_model = pack.axis_index("data_model").unwrap();
    assert_eq!(eval.raw(aurora, data_model), 6.0, "3 + 3 points");
    assert_eq!(eval.weighted(aurora, data_model), 15.0, "6 × 2.5");
    assert_eq!(eval.totals[aurora], 15.0);
    let d = decide(&pack, &w);
    assert_eq!(d.margin.0, 15.0);
    assert_eq!(d.reasons.len(), 2);
    assert!(d.reasons.iter().all(|r| r.weighted.0 == 7.5));
}

#[test]
fn unknown_fields_leave_rules_open_not_false() {
    let pack = pack();
    let w = workload(&pack, r#"{"peak_writes_per_sec": 2000}"#);
    let eval = evaluate(&pack, &w);
    let read_heavy = pack
        .rules
        .iter()
        .position(|r| r.id == "read-heavy-replicas")
        .unwrap();
    assert_eq!(
        eval.rules[read_heavy],
        Truth::Unknown,
        "reads are unknown, writes satisfied"
    );
    let d = decide(&pack, &w);
    assert!(d.open.rules.contains(&"read-heavy-replicas"));
    assert!(d.unknown.contains(&"peak_reads_per_sec"));
    assert!(!d.unknown.contains(&"peak_writes_per_sec"));
    // ...and a false part settles it even with the other part unknown.
    let w = workload(&pack, r#"{"peak_writes_per_sec": 9000}"#);
    assert_eq!(evaluate(&pack, &w).rules[read_heavy], Truth::False);
}

#[test]
fn read_replicas_earn_nothing_when_every_read_must_be_strong() {
    let pack = pack();
    let read_heavy = pack
        .rules
        .iter()
        .position(|r| r.id == "read-heavy-replicas")
        .unwrap();
    let truth = |consistency: &str| {
        let w = workload(
            &pack,
            &format!(
                r#"{{"peak_reads_per_sec": 10000, "peak_writes_per_sec": 1000, "consistency": "{consistency}"}}"#
            ),
        );
        evaluate(&pack, &w).rules[read_heavy]
    };
    // Replicas trail the writer: only reads allowed to trail can go to them.
    assert_eq!(truth("strong"), Truth::False);
    assert_eq!(truth("mixed"), Truth::True);
    assert_eq!(truth("eventual"), Truth::True);
}

#[test]
fn vetoes_rule_candidates_out() {
    let pack = pack();
    let d = decide(
        &pack,
        &workload(
            &pack,
            r#"{"use_case": "gaming", "data_shape": "key_value", "item_size_kb": 800}"#,
        ),
    );
    assert_eq!(d.recommendation, Some("aurora"));
    assert_eq!(d.decided_by, DecidedBy::Veto);
    assert_eq!(d.excluded[0].rule, "item-over-400kb");
    assert!(d.scores.get("dynamodb").unwrap().excluded);

    let d = decide(
        &pack,
        &workload(
            &pack,
            r#"{"item_size_kb": 800, "multi_region": "active_active"}"#,
        ),
    );
    assert_eq!(d.recommendation, None, "both ruled out");
    assert_eq!(d.decided_by, DecidedBy::NothingLeft);
    assert_eq!(d.confidence, Confidence::None);
}

/// AWS's advice against DynamoDB for small ad-hoc workloads is guidance,
/// not a hard limit: it weighs for Aurora, and it does not rule DynamoDB out
/// (so a workload that also needs active-active writes is not left with
/// nothing).
#[test]
fn small_ad_hoc_workloads_weigh_for_aurora_without_a_veto() {
    let pack = pack();
    let small = r#"{"query_flexibility": "ad_hoc", "data_size_gb": 50, "peak_reads_per_sec": 200, "peak_writes_per_sec": 20}"#;
    let d = decide(&pack, &workload(&pack, small));
    assert!(d.excluded.is_empty());
    assert_eq!(d.recommendation, Some("aurora"));
    assert!(d.reasons.iter().any(|r| r.rule == "small-ad-hoc-workload"));
    let global = r#"{"query_flexibility": "ad_hoc", "data_size_gb": 50, "peak_reads_per_sec": 200,
        "peak_writes_per_sec": 20, "multi_region": "active_active"}"#;
    let d = decide(&pack, &workload(&pack, global));
    assert_eq!(
        d.recommendation,
        Some("dynamodb"),
        "Aurora is ruled out, DynamoDB is not"
    );
    assert_eq!(d.confidence, Confidence::Low);
}

/// DAX answers eventually consistent reads from memory; strongly consistent
/// reads pass through it, so a sub-millisecond p99 earns DynamoDB nothing
/// when every read must be strong, and stays open while consistency is.
#[test]
fn the_dax_rule_needs_reads_that_may_be_eventually_consistent() {
    let pack = pack();
    let fired = |json: &str| {
        decide(&pack, &workload(&pack, json))
            .reasons
            .iter()
            .any(|r| r.rule == "sub-ms-reads-with-dax")
    };
    assert!(fired(
        r#"{"latency_p99_ms": 0.5, "consistency": "eventual"}"#
    ));
    assert!(fired(r#"{"latency_p99_ms": 0.5, "consistency": "mixed"}"#));
    assert!(!fired(
        r#"{"latency_p99_ms": 0.5, "consistency": "strong"}"#
    ));
    assert!(!fired(
        r#"{"latency_p99_ms": 2, "consistency": "eventual"}"#
    ));
    let open = decide(&pack, &workload(&pack, r#"{"latency_p99_ms": 0.5}"#));
    assert!(open.open.rules.contains(&"sub-ms-reads-with-dax"));
}

#[test]
fn an_empty_workload_ties() {
    let pack = pack();
    let d = decide(&pack, &Workload::empty(&pack));
    assert_eq!(d.recommendation, None);
    assert_eq!(d.decided_by, DecidedBy::Tie);
    assert_eq!(d.unknown.len(), pack.fields.len());
}

/// Every listed change really flips the winner, and known fields' changes come first.
#[test]
fn what_would_change_lists_real_flips() {
    let pack = pack();
    for json in [
        r#"{"use_case": "gaming", "consistency": "strong", "peak_writes_per_sec": 20000}"#,
        r#"{"use_case": "erp", "data_shape": "relational"}"#,
        r#"{"data_shape": "key_value", "latency_p99_ms": 12, "item_size_kb": 3}"#,
    ] {
        let w = workload(&pack, json);
        let d = decide(&pack, &w);
        assert!(!d.what_would_change.is_empty(), "{json}");
        let mut seen_unknown = false;
        for c in &d.what_would_change {
            seen_unknown |= c.from.is_null();
            assert!(
                !seen_unknown || c.from.is_null(),
                "answered fields come first"
            );
            let mut changed = w.clone();
            let raw: Raw = serde_json::from_value(serde_json::json!({ c.field: c.to })).unwrap();
            changed.merge(&Workload::from_raw(&pack, &raw).unwrap());
            let after = decide(&pack, &changed);
            assert_eq!(
                after.recommendation, c.recommendation,
                "{json}: {} → {}",
                c.field, c.to
            );
            assert_ne!(after.recommendation, d.recommendation);
        }
    }
}

/// The changes `decide` lists for one field of a workload: the value, the
/// recommendation it leads to and what settles that.
fn changes_of(
    pack: &Pack,
    json: &str,
    field: &str,
) -> Vec<(serde_json::Value, Option<String>, DecidedBy)> {
    decide(pack, &workload(pack, json))
        .what_would_change
        .iter()
        .filter(|c| c.field == field)
        .map(|c| {
            (
                c.to.clone(),
                c.recommendation.map(str::to_owned),
                c.decided_by,
            )
        })
        .collect()
}

#[test]
fn a_number_lists_the_nearest_flip_on_each_side() {
    let writes = changes_of(
        &pack(),
        r#"{"use_case": "gaming", "consistency": "strong", "peak_writes_per_sec": 20000}"#,
        "peak_writes_per_sec",
    );
    assert_eq!(writes.len(), 1, "only lowering the writes flips it");
    assert_eq!(
        writes[0].0, 5000,
        "the nearest value that flips it is the 5,000 writes/s threshold"
    );
}

/// A nearer tie does not hide a farther value that hands the answer to the
/// other candidate: 101 KB items tie, 401 KB items (past DynamoDB's 400 KB
/// item limit) make it Aurora, and both are listed, nearest first.
#[test]
fn a_number_lists_the_nearest_value_for_each_outcome() {
    let sizes = changes_of(
        &pack(),
        r#"{"use_case": "iot", "consistency": "strong", "item_size_kb": 1}"#,
        "item_size_kb",
    );
    assert_eq!(
        sizes,
        [
            (serde_json::json!(101), None, DecidedBy::Tie),
            (
                serde_json::json!(401),
                Some("aurora".to_owned()),
                DecidedBy::Veto
            )
        ]
    );
}

/// A hard limit is its own outcome: 101 KB items make it Aurora on points
/// (a weight could undo that), 401 KB rule DynamoDB out (nothing undoes
/// that), and both are listed; so are the runs of an unanswered number.
#[test]
fn a_hard_limit_past_a_change_to_the_same_candidate_is_listed() {
    let pack = pack();
    let aurora = Some("aurora".to_owned());
    assert_eq!(
        changes_of(
            &pack,
            r#"{"consistency": "strong", "relationships": "none", "item_size_kb": 1}"#,
            "item_size_kb",
        ),
        [
            (serde_json::json!(5), None, DecidedBy::Tie),
            (serde_json::json!(101), aurora.clone(), DecidedBy::Scores),
            (serde_json::json!(401), aurora, DecidedBy::Veto),
        ]
    );
    let sizes: Vec<_> = changes_of(
        &pack,
        r#"{"data_shape": "relational", "relationships": "none"}"#,
        "data_size_gb",
    )
    .into_iter()
    .map(|(_, recommendation, decided_by)| (recommendation, decided_by))
    .collect();
    let dynamodb = Some("dynamodb".to_owned());
    assert!(
        sizes.contains(&(dynamodb.clone(), DecidedBy::Scores))
            && sizes.contains(&(dynamodb, DecidedBy::Veto)),
        "{sizes:?}"
    );
}

#[test]
fn confidence_reflects_margin_and_open_rules() {
    let pack = pack();
    // Every field answered, a wide margin: nothing open can flip it.
    let full = r#"{"use_case": "erp", "data_shape": "relational", "relationships": "many", "query_flexibility": "ad_hoc",
        "transactions": "complex", "schema": "fixed", "server_side_logic": true, "existing_engine": "postgresql",
        "peak_reads_per_sec": 2000, "peak_writes_per_sec": 300, "data_size_gb": 500, "item_size_kb": 2,
        "traffic_pattern": "steady", "multi_region": "none", "consistency": "strong", "latency_p99_ms": 20,
        "ops_model": "instances", "team_skills": "sql"}"#;
    let d = decide(&pack, &workload(&pack, full));
    assert_eq!(d.confidence, Confidence::High);
    assert!(d.open.rules.is_empty() && d.open.vetoes.is_empty() && d.unknown.is_empty());
    // One answer, everything open: one more answer alone could flip it.
    let d = decide(&pack, &workload(&pack, r#"{"use_case": "erp"}"#));
    assert!(d.analysis.could_flip.iter().any(|f| f.flips_alone));
    assert_eq!(
        d.confidence,
        Confidence::Low,
        "one answer away from flipping"
    );
    // A clear lead that only several answers together could overturn.
    let d = decide(
        &pack,
        &workload(
            &pack,
            r#"{"relationships": "many", "transactions": "complex", "schema": "fixed", "existing_engine": "nosql",
                "peak_reads_per_sec": 64.4, "data_size_gb": 99324, "multi_region": "none"}"#,
        ),
    );
    assert!(!d.analysis.settled && d.analysis.could_flip.iter().all(|f| !f.flips_alone));
    assert_eq!(
        d.confidence,
        Confidence::Medium,
        "a clear lead lowered one step"
    );
    // Settled with a moderate lead: nothing open lowers it, even though open
    // rules that cannot fire together would add up to more than the margin.
    let news = pack
        .examples
        .iter()
        .find(|e| e.id == "news-portal")
        .unwrap();
    let d = decide(&pack, &news.workload);
    assert!(d.analysis.settled && !d.open.rules.is_empty());
    assert_eq!(d.confidence, Confidence::High);
    let d = decide(
        &pack,
        &workload(&pack, r#"{"use_case": "saas", "team_skills": "nosql"}"#),
    );
    assert_eq!(d.recommendation, None);
}

#[test]
fn a_workload_round_trips_through_its_canonical_json() {
    let pack = pack();
    let w = workload(
        &pack,
        r#"{"priorities": {"use_cases": 0.5}, "team_skills": "sql", "data_size_gb": 1.5, "use_case": "web"}"#,
    );
    let json = w.to_json(&pack);
    assert_eq!(
        json.to_string(),
        r#"{"use_case":"web","data_size_gb":1.5,"team_skills":"sql","priorities":{"use_cases":0.5}}"#,
        "pack order, priorities last"
    );
    let again = workload(&pack, &json.to_string());
    assert_eq!(again, w);
}

/// The binary loads the JSON that build.rs makes from the YAML pack; both
/// must give the same pack.
#[test]
fn the_embedded_json_is_the_yaml_pack() {
    let from_yaml = Pack::load(dbadvisor::pack::EMBEDDED, "rules/aurora-vs-dynamodb.yaml").unwrap();
    assert_eq!(format!("{from_yaml:?}"), format!("{:?}", pack()));
}

/// A veto decides, but the ruled-out candidate fits everything else far
/// better (a relational ledger written in several Regions at once): the
/// winner is left only by the hard limit, so confidence is low.
#[test]
fn a_veto_win_against_the_rest_of_the_workload_is_low_confidence() {
    let pack = pack();
    let ledger = r#"{"use_case": "finance", "data_shape": "relational", "relationships": "many",
        "transactions": "complex", "schema": "fixed", "server_side_logic": true,
        "consistency": "strong", "multi_region": "active_active"}"#;
    let d = decide(&pack, &workload(&pack, ledger));
    assert_eq!(d.recommendation, Some("dynamodb"));
    assert_eq!(d.decided_by, dbadvisor::engine::DecidedBy::Veto);
    assert_eq!(d.confidence, Confidence::Low);
    // A veto that agrees with the rest keeps its high confidence.
    let big_items = r#"{"use_case": "erp", "data_shape": "relational", "item_size_kb": 800,
        "transactions": "complex", "relationships": "many", "schema": "fixed",
        "multi_region": "none", "data_size_gb": 100, "consistency": "strong"}"#;
    let d = decide(&pack, &workload(&pack, big_items));
    assert_eq!(d.recommendation, Some("aurora"));
    assert_eq!(d.decided_by, dbadvisor::engine::DecidedBy::Veto);
    assert_ne!(d.confidence, Confidence::Low);
}

/// The built-in pack's analysis is exact whatever is left unanswered: its
/// largest group of fields joined by rules stays enumerable (pack 1.5.0's
/// read-replica rule joined seven, past the former limit, and an empty
/// workload got interval bounds).
#[test]
fn the_builtin_pack_gives_exact_bounds_even_with_nothing_answered() {
    let pack = pack();
    for json in ["{}", r#"{"use_case": "erp"}"#, r#"{"team_skills": "sql"}"#] {
        let d = decide(&pack, &workload(&pack, json));
        assert!(d.analysis.bounds_exact, "{json}");
    }
}
