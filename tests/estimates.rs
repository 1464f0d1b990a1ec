//! Capacity and monthly cost estimates: each formula checked against
//! arithmetic done by hand (written out beside each assertion), a changed
//! price table showing up in the result, and missing figures never costing
//! zero.

use assert_cmd::Command;
use dbadvisor::estimate::{estimate, EstimateOptions, Estimates, Plan};
use dbadvisor::pricing::Pricing;
use dbadvisor::raw::Raw;
use dbadvisor::{Pack, Workload};
use serde_json::Value;

fn pack() -> Pack {
    Pack::embedded().unwrap()
}

fn workload(pack: &Pack, json: &str) -> Workload {
    let raw: Raw = serde_json::from_str(json).unwrap();
    Workload::from_raw(pack, &raw).unwrap_or_else(|p| panic!("{p:?}"))
}

fn run(json: &str, options: EstimateOptions) -> Estimates {
    let pack = pack();
    let w = workload(&pack, json);
    estimate(&pack, &Pricing::embedded().unwrap(), &w, options)
}

fn plan<'e>(plans: &'e [Plan], id: &str) -> &'e Plan {
    plans.iter().find(|p| p.plan == id).unwrap()
}

fn monthly(p: &Plan, item: &str) -> Option<f64> {
    p.lines
        .iter()
        .find(|l| l.item == item)
        .unwrap()
        .monthly
        .map(|m| m.0)
}

fn total(p: &Plan) -> Option<f64> {
    p.total.map(|t| t.0)
}

/// Steady traffic (average load 75% of peak), 6 KB items, 1,000 reads/s
/// eventually consistent, 80 writes/s single-item, 120 GB. A month is
/// 730 h = 2,628,000 s.
const STEADY: &str = r#"{"peak_reads_per_sec": 1000, "peak_writes_per_sec": 80,
    "item_size_kb": 6, "data_size_gb": 120, "consistency": "eventual",
    "transactions": "single_item", "traffic_pattern": "steady"}"#;

#[test]
fn dynamodb_on_demand_by_hand() {
    let e = run(STEADY, EstimateOptions::default());
    let c = &e.dynamodb.capacity;
    // ceil(6 KB / 4 KB) = 2 read units, eventually consistent: half = 1.
    assert_eq!(c.read_units_per_read.unwrap().0, 1.0);
    // ceil(6 KB / 1 KB) = 6 write units, no transaction.
    assert_eq!(c.write_units_per_write.unwrap().0, 6.0);
    assert_eq!(c.peak_read_units_per_sec.unwrap().0, 1000.0);
    assert_eq!(c.peak_write_units_per_sec.unwrap().0, 480.0);
    let od = plan(&e.dynamodb.plans, "on_demand");
    // 1,000 × 1 × 0.75 × 2,628,000 = 1,971 million × $0.125 = $246.375 → $246.38
    assert_eq!(monthly(od, "reads"), Some(246.38));
    // 80 × 6 × 0.75 × 2,628,000 = 946.08 million × $0.625 = $591.30
    assert_eq!(monthly(od, "writes"), Some(591.3));
    // (120 − 25 free) GB × $0.25 = $23.75
    assert_eq!(monthly(od, "storage"), Some(23.75));
    // 246.38 + 591.30 + 23.75
    assert_eq!(total(od), Some(861.43));
}

#[test]
fn dynamodb_provisioned_and_partitions_by_hand() {
    let e = run(STEADY, EstimateOptions::default());
    let pv = plan(&e.dynamodb.plans, "provisioned");
    // (1,000 − 25 free) RCU × 730 h × $0.00013 = $92.5275 → $92.53
    assert_eq!(monthly(pv, "reads"), Some(92.53));
    // (480 − 25 free) WCU × 730 h × $0.00065 = $215.8975 → $215.90
    assert_eq!(monthly(pv, "writes"), Some(215.9));
    assert!(e
        .assumptions
        .iter()
        .any(|a| a.contains("and 25 RCU and 25 WCU of provisioned capacity) is deducted")));
    // A price table without the free capacity (written before it was
    // added) is still valid, and has none free.
    let pack = pack();
    let table = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/pricing.yaml"))
        .unwrap();
    let (before, rest) = table.split_once("  # Optional").unwrap();
    let (_, after) = rest.split_once("\naurora:").unwrap();
    let older = Pricing::load(&format!("{before}\naurora:{after}"), "older.yaml").unwrap();
    assert!(older.dynamodb.provisioned_free_rcu.is_none());
    let e = estimate(
        &pack,
        &older,
        &workload(&pack, STEADY),
        EstimateOptions::default(),
    );
    let pv = plan(&e.dynamodb.plans, "provisioned");
    // 1,000 RCU × 730 h × $0.00013 = $94.90; 480 WCU × 730 h × $0.00065 = $227.76
    assert_eq!(monthly(pv, "reads"), Some(94.9));
    assert_eq!(monthly(pv, "writes"), Some(227.76));
    // 94.90 + 227.76 + 23.75
    assert_eq!(total(pv), Some(346.41));
    assert_eq!(e.dynamodb.cheapest, Some("provisioned"));
    // max(1,000 / 3,000, 480 / 1,000, 120 GB / 10 GB) = 12 partitions.
    assert_eq!(e.dynamodb.capacity.partitions.unwrap().0, 12.0);
}

#[test]
fn aurora_standard_and_io_optimized_by_hand() {
    let e = run(STEADY, EstimateOptions::default());
    let cap = &e.aurora.capacity;
    // (1,000 + 80) ops/s ÷ 1,000 ops per ACU = 1.08 ACU at peak; one instance.
    assert_eq!(cap.peak_acu.unwrap().0, 1.08);
    assert_eq!(cap.read_replicas.unwrap().0, 0.0);
    // max(1.08 × 0.75, 0.5) = 0.81 ACU on average, an estimate.
    assert_eq!(cap.average_acu.unwrap().0, 0.81);
    assert_eq!(cap.acu_source, "estimate");
    let std = plan(&e.aurora.plans, "standard");
    // 0.81 ACU × 730 h × $0.12 = $70.956 → $70.96
    assert_eq!(monthly(std, "compute"), Some(70.96));
    // 120 GB × $0.10 = $12
    assert_eq!(monthly(std, "storage"), Some(12.0));
    // I/O: reads 1,000 × 10% miss × ceil(6/8) = 1 page; writes 80 × ceil(6/4) = 2.
    // (100 + 160) × 0.75 × 2,628,000 = 512.46 million × $0.20 = $102.492 → $102.49
    assert_eq!(monthly(std, "io"), Some(102.49));
    assert_eq!(cap.io_requests_per_month.unwrap().0, 512_460_000.0);
    assert_eq!(total(std), Some(185.45));
    let opt = plan(&e.aurora.plans, "io_optimized");
    // 0.81 × 730 × $0.12 × 1.3 = $92.2428 → $92.24; 120 GB × $0.225 = $27
    assert_eq!(monthly(opt, "compute"), Some(92.24));
    assert_eq!(monthly(opt, "storage"), Some(27.0));
    assert_eq!(total(opt), Some(119.24));
    assert_eq!(e.aurora.cheapest, Some("io_optimized"));
    // One instance is priced, and the bill says a failover standby is not.
    assert!(
        e.assumptions
            .iter()
            .any(|a| a.contains("no standby to fail over to in another Availability Zone")),
        "{:?}",
        e.assumptions
    );
    // I/O is 102.49 / 185.45 = 55% of the Standard bill, above AWS's 25%.
    assert_eq!(cap.io_share_of_standard.unwrap().0, 0.553);
    assert!(
        e.warnings.iter().any(|w| w.contains("I/O-Optimized")),
        "{:?}",
        e.warnings
    );
}

#[test]
fn consistency_and_transactions_change_request_units() {
    // Strong reads of 8 KB: ceil(8/4) = 2 units; complex transactions double
    // each write: ceil(8/1) × 2 = 16.
    let e = run(
        r#"{"item_size_kb": 8, "consistency": "strong", "transactions": "complex"}"#,
        EstimateOptions::default(),
    );
    assert_eq!(e.dynamodb.capacity.read_units_per_read.unwrap().0, 2.0);
    assert_eq!(e.dynamodb.capacity.write_units_per_write.unwrap().0, 16.0);
    // Mixed: half strong (2 units), half eventual (1 unit) = 1.5 on average.
    let e = run(
        r#"{"item_size_kb": 8, "consistency": "mixed"}"#,
        EstimateOptions::default(),
    );
    assert_eq!(e.dynamodb.capacity.read_units_per_read.unwrap().0, 1.5);
    // A 0.5 KB item still costs a whole unit each way.
    let e = run(
        r#"{"item_size_kb": 0.5, "consistency": "eventual"}"#,
        EstimateOptions::default(),
    );
    assert_eq!(e.dynamodb.capacity.read_units_per_read.unwrap().0, 0.5);
    assert_eq!(e.dynamodb.capacity.write_units_per_write.unwrap().0, 1.0);
}

#[test]
fn given_acus_and_average_load_replace_the_estimates() {
    let e = run(
        STEADY,
        EstimateOptions {
            aurora_acu: Some(4.0),
            average_load: Some(1.0),
        },
    );
    assert_eq!(e.aurora.capacity.acu_source, "given");
    // 4 ACU × 730 h × $0.12 = $350.40; × 1.3 = $455.52
    assert_eq!(
        monthly(plan(&e.aurora.plans, "standard"), "compute"),
        Some(350.4)
    );
    assert_eq!(
        monthly(plan(&e.aurora.plans, "io_optimized"), "compute"),
        Some(455.52)
    );
    // Load 100%: 1,000 × 2,628,000 = 2,628 million × $0.125 = $328.50
    assert_eq!(
        monthly(plan(&e.dynamodb.plans, "on_demand"), "reads"),
        Some(328.5)
    );
    assert_eq!(e.inputs["average_load"], 1);
    assert_eq!(e.inputs["aurora_acu"], 4);
    // `--average-load 0.0123456789` keeps every digit in `inputs`, so the
    // bill can be worked out again from them (six decimals gave 0.000123).
    let e = run(
        STEADY,
        EstimateOptions {
            aurora_acu: None,
            average_load: Some(0.0123456789 / 100.0),
        },
    );
    assert_eq!(e.inputs["average_load"], 0.000123456789);
    // `--average-load 0.5` may be a share meant as 50%: the assumption
    // says what to give for that, as the bills are a hundred times lower.
    let e = run(
        STEADY,
        EstimateOptions {
            aurora_acu: None,
            average_load: Some(0.005),
        },
    );
    assert!(
        e.assumptions.contains(
            &"Average load 0.5% of the peak (--average-load) (a percentage: for 50%, give \
              --average-load 50)."
                .to_owned()
        ),
        "{:?}",
        e.assumptions
    );
}

#[test]
fn limits_are_warned_about() {
    // 5,000 writes/s of 1 KB = 5,000 write units/s > 4,000 for a new
    // on-demand table; 350 KB items are near the 400 KB limit.
    let e = run(
        r#"{"peak_writes_per_sec": 5000, "item_size_kb": 1}"#,
        EstimateOptions::default(),
    );
    assert!(
        e.warnings.iter().any(|w| w.contains("4,000")),
        "{:?}",
        e.warnings
    );
    // The default table quota is 40,000 units/s each way: 40,000 writes/s
    // of 1 KB is at it, 40,001 over; 10,001 strong reads of 16 KB take
    // 40,004 read units.
    let quota = |json: &str, way: &str| {
        run(json, EstimateOptions::default())
            .warnings
            .iter()
            .any(|w| w.contains(&format!("default table quota of 40,000 {way} units/s")))
    };
    assert!(!quota(
        r#"{"peak_writes_per_sec": 40000, "item_size_kb": 1}"#,
        "write"
    ));
    assert!(quota(
        r#"{"peak_writes_per_sec": 40001, "item_size_kb": 1}"#,
        "write"
    ));
    assert!(!quota(
        r#"{"peak_writes_per_sec": 40001, "item_size_kb": 1}"#,
        "read"
    ));
    let strong = r#"{"peak_reads_per_sec": 10001, "item_size_kb": 16, "consistency": "strong"}"#;
    assert!(quota(strong, "read"));
    assert!(!quota(&strong.replace("10001", "10000"), "read"));
    let e = run(r#"{"item_size_kb": 350}"#, EstimateOptions::default());
    assert!(e.warnings.iter().any(|w| w.contains("near the 400 KB")));
    // Over the limit: priced at 400 KB (100 read units strong), and said.
    let e = run(
        r#"{"item_size_kb": 800, "consistency": "strong"}"#,
        EstimateOptions::default(),
    );
    assert_eq!(e.dynamodb.capacity.read_units_per_read.unwrap().0, 100.0);
    assert!(e.warnings.iter().any(|w| w.contains("exceed the 400 KB")));
    // 600,000 reads/s at 1,000 ops per ACU = 600 ACU: 3 instances of 256,
    // so 2 read replicas; 6,000,000 reads/s needs 23, past the 15 limit.
    let e = run(
        r#"{"peak_reads_per_sec": 600000, "peak_writes_per_sec": 0}"#,
        EstimateOptions::default(),
    );
    assert_eq!(e.aurora.capacity.read_replicas.unwrap().0, 2.0);
    let e = run(
        r#"{"peak_reads_per_sec": 6000000, "peak_writes_per_sec": 0}"#,
        EstimateOptions::default(),
    );
    assert_eq!(e.aurora.capacity.read_replicas.unwrap().0, 23.0);
    assert!(e.warnings.iter().any(|w| w.contains("limit of 15")));
    // The single writer: 100,000 writes/s (100 ACU) fits, 200,000 (200 ACU)
    // is over half its 256 ACU, 300,000 is past it.
    let writes = |n: u32| {
        run(
            &format!(r#"{{"peak_reads_per_sec": 0, "peak_writes_per_sec": {n}}}"#),
            EstimateOptions::default(),
        )
        .warnings
    };
    assert!(!writes(100_000).iter().any(|w| w.contains("writer")));
    assert!(writes(200_000)
        .iter()
        .any(|w| w.contains("need about 200 ACUs, 78% of the Aurora Serverless v2 maximum")));
    // Said as the share it is: 240 ACUs was "over half" of 256.
    assert!(writes(240_000)
        .iter()
        .any(|w| w.contains("need about 240 ACUs, 93% of the Aurora Serverless v2 maximum")));
    assert!(writes(300_000)
        .iter()
        .any(|w| w.contains("more than the Aurora Serverless v2 maximum of 256")));
    // At the edges the figure reads as what it is said to be: 256 ACUs is
    // all of the maximum, and 256.0000004 more than it (not "about 256").
    assert!(writes(256_000)
        .iter()
        .any(|w| w.contains("need about 256 ACUs, all of the Aurora Serverless v2 maximum")));
    let past = run(
        r#"{"peak_reads_per_sec": 0, "peak_writes_per_sec": 256000.0004}"#,
        EstimateOptions::default(),
    )
    .warnings;
    assert!(
        past.iter()
            .any(|w| w.contains("need about 256.0000004 ACUs, more than the")),
        "{past:?}"
    );
    // A light load's peak is never below the 0.5 ACU an instance runs at,
    // nor below the average it bounds.
    let light = run(
        r#"{"peak_reads_per_sec": 100, "peak_writes_per_sec": 100}"#,
        EstimateOptions::default(),
    )
    .aurora
    .capacity;
    assert_eq!(light.peak_acu.unwrap().0, 0.5);
    assert!(light.peak_acu.unwrap().0 >= light.average_acu.unwrap().0);
    // Replicas serve reads only: writes past the writer are not replicas.
    let replicas = |reads: u32, writes: u32| {
        run(
            &format!(r#"{{"peak_reads_per_sec": {reads}, "peak_writes_per_sec": {writes}}}"#),
            EstimateOptions::default(),
        )
        .aurora
        .capacity
        .read_replicas
        .unwrap()
        .0
    };
    assert_eq!(replicas(0, 300_000), 0.0);
    assert_eq!(replicas(0, 5_000_000), 0.0);
    // The writer (100 ACU of writes) has 156 ACU left for reads: 400 ACU of
    // reads leave 244 for one replica; with the writer full, 2 replicas.
    assert_eq!(replicas(400_000, 100_000), 1.0);
    assert_eq!(replicas(400_000, 300_000), 2.0);
}

/// Replicas trail the writer, so strongly consistent reads stay on it: 2M
/// reads/s strong need no replica but overload the one writer (a cache is no
/// way out for them); eventual ones spread over 7 replicas; mixed puts half
/// on the writer; not given counts every read as one a replica may serve and
/// says so.
#[test]
fn strongly_consistent_reads_stay_on_the_aurora_writer() {
    let at = |consistency: &str| {
        run(
            &format!(
                r#"{{"peak_reads_per_sec": 2000000, "peak_writes_per_sec": 1000{consistency}}}"#
            ),
            EstimateOptions::default(),
        )
    };
    let overloaded = |e: &Estimates| {
        e.warnings
            .iter()
            .any(|w| w.contains("strongly consistent reads, which replicas cannot serve"))
    };
    let strong = at(r#", "consistency": "strong""#);
    assert_eq!(strong.aurora.capacity.read_replicas.unwrap().0, 0.0);
    assert!(overloaded(&strong), "{:?}", strong.warnings);
    let eventual = at(r#", "consistency": "eventual""#);
    assert_eq!(eventual.aurora.capacity.read_replicas.unwrap().0, 7.0);
    assert!(!overloaded(&eventual), "{:?}", eventual.warnings);
    // 1,000 ACU of reads on the writer, 1,000 on 4 replicas.
    let mixed = at(r#", "consistency": "mixed""#);
    assert_eq!(mixed.aurora.capacity.read_replicas.unwrap().0, 4.0);
    assert!(overloaded(&mixed));
    let unknown = at("");
    assert_eq!(unknown.aurora.capacity.read_replicas.unwrap().0, 7.0);
    assert!(unknown
        .assumptions
        .iter()
        .any(|a| a.contains("strongly consistent reads would all go to the writer")));
    // Whether the writer can serve them turns on the answer: said as a
    // warning, not only an assumption, once they would overload it.
    let if_strong = |e: &Estimates| {
        e.warnings
            .iter()
            .any(|w| w.contains("if they must be strongly consistent, they stay on the one writer"))
    };
    assert!(if_strong(&unknown), "{:?}", unknown.warnings);
    assert!(!if_strong(&eventual) && !if_strong(&strong) && !if_strong(&mixed));
    let light = run(
        r#"{"peak_reads_per_sec": 200000, "peak_writes_per_sec": 1000}"#,
        EstimateOptions::default(),
    );
    assert!(!if_strong(&light), "{:?}", light.warnings);
    // Under the writer's limit, strong reads count towards its "over half".
    let near = run(
        r#"{"peak_reads_per_sec": 150000, "peak_writes_per_sec": 1000, "consistency": "strong"}"#,
        EstimateOptions::default(),
    );
    assert!(near
        .warnings
        .iter()
        .any(|w| w.contains("and the strongly consistent reads (the writer serves them)")));
}

/// Every combination of the four figures left out: a line that needs a
/// missing figure has no cost (never 0), a plan with such a line has no
/// total, and `missing` names exactly the figures left out.
#[test]
fn a_missing_figure_never_costs_zero() {
    let figures = [
        ("peak_reads_per_sec", "1000"),
        ("peak_writes_per_sec", "80"),
        ("item_size_kb", "6"),
        ("data_size_gb", "120"),
    ];
    for mask in 0u32..16 {
        let given: Vec<String> = figures
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, (k, v))| format!("\"{k}\": {v}"))
            .collect();
        let json = format!("{{{}}}", given.join(", "));
        let e = run(&json, EstimateOptions::default());
        let left_out: Vec<&str> = figures
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) == 0)
            .map(|(_, (k, _))| *k)
            .collect();
        let named: Vec<&str> = e.missing.iter().map(|m| m.field).collect();
        assert_eq!(named, left_out, "{json}");
        let has = |k: &str| !left_out.contains(&k);
        for (candidate, plans) in [("aurora", &e.aurora.plans), ("dynamodb", &e.dynamodb.plans)] {
            for p in plans.iter() {
                for l in &p.lines {
                    let needs: &[&str] = match (candidate, l.item) {
                        (_, "storage") => &["data_size_gb"],
                        ("aurora", "compute") => &["peak_reads_per_sec", "peak_writes_per_sec"],
                        ("aurora", "io") => {
                            &["peak_reads_per_sec", "peak_writes_per_sec", "item_size_kb"]
                        }
                        ("dynamodb", "reads") => &["peak_reads_per_sec", "item_size_kb"],
                        ("dynamodb", "writes") => &["peak_writes_per_sec", "item_size_kb"],
                        other => panic!("unexpected line {other:?}"),
                    };
                    let known = needs.iter().all(|k| has(k));
                    assert_eq!(
                        l.monthly.is_some(),
                        known,
                        "{json}: {candidate} {} {}",
                        p.plan,
                        l.item
                    );
                    if !known {
                        assert!(l.quantity.is_none() && l.formula.starts_with("needs --"));
                    }
                }
                let complete = p.lines.iter().all(|l| l.monthly.is_some());
                assert_eq!(p.total.is_some(), complete, "{json}: {}", p.plan);
            }
        }
    }
}

#[test]
fn a_zero_figure_is_a_real_zero() {
    // No writes at all is an answer, not a gap: the write line costs $0.
    let e = run(
        r#"{"peak_reads_per_sec": 10, "peak_writes_per_sec": 0, "item_size_kb": 1, "data_size_gb": 1}"#,
        EstimateOptions::default(),
    );
    let od = plan(&e.dynamodb.plans, "on_demand");
    assert_eq!(monthly(od, "writes"), Some(0.0));
    assert!(od.total.is_some());
    assert!(e.missing.is_empty());
}

fn json_of(args: &[&str]) -> Value {
    let out = Command::cargo_bin("dbadvisor")
        .unwrap()
        .args(args)
        .write_stdin("")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_changed_price_table_shows_up_in_the_result() {
    let base = [
        "recommend",
        "--format",
        "json",
        "--peak-reads-per-sec",
        "1000",
        "--peak-writes-per-sec",
        "80",
        "--item-size-kb",
        "6",
        "--data-size-gb",
        "120",
        "--consistency",
        "eventual",
        "--traffic-pattern",
        "steady",
    ];
    let before = json_of(&base);
    let reads = |v: &Value| v["estimates"]["dynamodb"]["plans"][0]["lines"][0]["monthly"].clone();
    assert_eq!(reads(&before), 246.38);
    assert_eq!(before["estimates"]["pricing"]["as_of"], "2026-08-01");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prices.yaml");
    let table = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/pricing.yaml"))
        .unwrap()
        .replace("value: 0.125", "value: 0.25")
        .replace("as_of: 2026-08-01", "as_of: 2027-01-01");
    std::fs::write(&path, table).unwrap();
    let mut args = base.to_vec();
    args.extend(["--pricing", path.to_str().unwrap()]);
    let after = json_of(&args);
    // Twice the read price: 1,971 million × $0.25 = $492.75.
    assert_eq!(reads(&after), 492.75);
    assert_eq!(after["estimates"]["pricing"]["as_of"], "2027-01-01");
    // Cost is information only: the recommendation is untouched.
    assert_eq!(before["recommendation"], after["recommendation"]);
    assert_eq!(before["scores"], after["scores"]);
}

#[test]
fn a_bad_price_table_is_refused_with_its_places() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prices.yaml");
    let table = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/pricing.yaml"))
        .unwrap()
        .replace("value: 0.625", "value: -0.625")
        .replace("value: 0.12\n", "value: .nan\n");
    std::fs::write(&path, table).unwrap();
    let out = Command::cargo_bin("dbadvisor")
        .unwrap()
        .args(["recommend", "--example", "erp", "--pricing"])
        .arg(&path)
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("invalid price table"), "{stderr}");
    assert!(
        stderr.contains("line 21: dynamodb.on_demand_write_per_million.value: -0.625"),
        "{stderr}"
    );
    assert!(
        stderr.contains("aurora.serverless_v2_acu_hour.value: NaN"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());

    let out = Command::cargo_bin("dbadvisor")
        .unwrap()
        .args([
            "recommend",
            "--example",
            "erp",
            "--pricing",
            "/nonexistent.yaml",
        ])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

/// A price table is read like a pack: a byte-order mark before its first
/// key is not content, and aliases may not blow it up.
#[test]
fn a_price_table_with_a_byte_order_mark_or_aliases() {
    let table = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/pricing.yaml"))
        .unwrap();
    let body: String = table
        .lines()
        .skip_while(|l| l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    assert!(body.starts_with("name: "), "{body}");
    let (code, stderr) = with_table(&format!(
        "\u{feff}{}",
        body.replace("value: 0.625", "value: -1")
    ));
    assert_eq!(code, Some(3), "{stderr}");
    assert!(
        stderr.contains("dynamodb.on_demand_write_per_million.value: -1"),
        "only the real problem, not a lost first key: {stderr}"
    );
    let wide = body.replacen(
        "as_of: 2026-08-01",
        &format!(
            "as_of: 2026-08-01\nbig: &big \"{}\"\n{}",
            "x".repeat(2 * 1024 * 1024),
            (0..40)
                .map(|i| format!("copy{i}: *big\n"))
                .collect::<String>()
        ),
        1,
    );
    let (code, stderr) = with_table(&wide);
    assert_eq!(code, Some(3), "{stderr}");
    assert!(
        stderr.contains("aliases (`*name`) expand the document beyond 64 MiB"),
        "{stderr}"
    );
}

/// Runs `recommend --example erp` with `table` as the price table: exit
/// code and stderr.
fn with_table(table: &str) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prices.yaml");
    std::fs::write(&path, table).unwrap();
    let out = Command::cargo_bin("dbadvisor")
        .unwrap()
        .args(["recommend", "--example", "erp", "--pricing"])
        .arg(&path)
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.stdout.is_empty());
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The table with the first line under `entry` that starts with `key:`
/// replaced by `line` (or removed when `line` is empty).
fn edit(table: &str, entry: &str, key: &str, line: &str) -> String {
    let mut lines: Vec<String> = table.lines().map(str::to_owned).collect();
    let start = lines
        .iter()
        .position(|l| l.trim_start().starts_with(&format!("{entry}:")))
        .unwrap();
    let at = start
        + lines[start..]
            .iter()
            .position(|l| l.trim_start().starts_with(&format!("{key}:")))
            .unwrap();
    if line.is_empty() {
        lines.remove(at);
    } else {
        lines[at] = line.to_owned();
    }
    lines.join("\n") + "\n"
}

/// Wrong types, a misspelt key and a missing source are all listed in one
/// error, each at its line, in plain words (no `f64`).
#[test]
fn every_problem_of_a_price_table_is_listed_with_its_line() {
    let table = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/pricing.yaml"))
        .unwrap();
    let bad = edit(
        &table,
        "on_demand_read_per_million",
        "value",
        "    value: nope",
    );
    let bad = edit(&bad, "storage_per_gb_month", "value", "    value: cheap");
    let bad = edit(&bad, "provisioned_wcu_hour", "source", "");
    let (code, stderr) = with_table(&bad);
    assert_eq!(code, Some(3), "{stderr}");
    let problems: Vec<&str> = stderr.lines().filter(|l| l.starts_with("  line")).collect();
    assert_eq!(
        problems,
        [
            "  line 25, column 12: dynamodb.on_demand_read_per_million.value: \
             invalid type: string \"nope\", expected a number",
            "  line 29: dynamodb.storage_per_gb_month.value: \
             invalid type: string \"cheap\", expected a number",
            "  line 36: dynamodb.provisioned_wcu_hour.source: every price needs a source",
        ],
        "{stderr}"
    );

    // A misspelt key (with its did-you-mean, and not also reported as the
    // missing key it meant) beside a missing source further down.
    let bad = table.replace("  storage_free_gb:", "  storage_fre_gb:");
    let bad = edit(&bad, "provisioned_rcu_hour", "source", "");
    let bad = edit(&bad, "average_load_spiky", "value", "    value: [1]");
    let (code, stderr) = with_table(&bad);
    assert_eq!(code, Some(3), "{stderr}");
    let problems: Vec<&str> = stderr.lines().skip(1).collect();
    assert_eq!(problems.len(), 5, "{stderr}");
    assert!(
        problems[0].starts_with("  line 32, column 3: dynamodb.storage_fre_gb: unknown key"),
        "{stderr}"
    );
    assert_eq!(
        problems[1], "    help: did you mean `storage_free_gb`?",
        "{stderr}"
    );
    assert_eq!(
        problems[2], "  line 40: dynamodb.provisioned_rcu_hour.source: every price needs a source",
        "{stderr}"
    );
    assert_eq!(
        problems[4],
        "  line 84: assumptions.average_load_spiky.value: invalid type: a list, expected a number",
        "{stderr}"
    );
    assert!(!stderr.contains("missing key"), "{stderr}");
}

#[test]
fn the_table_says_what_is_missing_and_the_cost_lines() {
    let out = Command::cargo_bin("dbadvisor")
        .unwrap()
        .args(["recommend", "--example", "erp"])
        .write_stdin("")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Monthly cost (estimate, us-east-1"), "{text}");
    assert!(
        text.contains("Missing: give --peak-reads-per-sec and --peak-writes-per-sec"),
        "{text}"
    );
    assert!(
        text.contains("Standard at least $50.00 (incomplete)"),
        "{text}"
    );
    let out = Command::cargo_bin("dbadvisor")
        .unwrap()
        .args([
            "recommend",
            "--example",
            "erp",
            "--peak-reads-per-sec",
            "2000",
            "--peak-writes-per-sec",
            "300",
            "--explain",
        ])
        .write_stdin("")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Bill: Amazon DynamoDB — on-demand"), "{text}");
    assert!(text.contains("Cost assumptions"), "{text}");
    assert!(!text.contains("Missing:"), "{text}");
}

/// Money prints as whole cents with thousands separators, however large.
#[test]
fn money_prints_exact_cents_at_any_size() {
    use dbadvisor::estimate::format_money;
    assert_eq!(format_money("USD", 1234.5), "$1,234.50");
    assert_eq!(format_money("USD", 0.0), "$0.00");
    assert_eq!(
        format_money("USD", 6_898_499_999_999.9),
        "$6,898,499,999,999.90"
    );
    assert_eq!(
        format_money("USD", 920_471_428_656.999_9),
        "$920,471,428,657.00"
    );
    assert_eq!(format_money("EUR", 12.345), "12.35 EUR");
}

/// A read that misses the cache reads one page: 16 KB in Aurora MySQL (taken
/// when MySQL is the engine today), 8 KB in Aurora PostgreSQL, per AWS's
/// Aurora pricing; 50 KB rows are 4 pages or 7.
#[test]
fn aurora_read_io_counts_the_engine_s_page() {
    let io = |engine: &str| {
        let e = run(
            &format!(
                r#"{{"peak_reads_per_sec": 1000, "peak_writes_per_sec": 0, "item_size_kb": 50,
                    "data_size_gb": 100, "traffic_pattern": "steady", "existing_engine": "{engine}"}}"#
            ),
            EstimateOptions::default(),
        );
        let said = e
            .assumptions
            .iter()
            .find(|a| a.starts_with("Aurora I/O"))
            .cloned()
            .unwrap();
        (e.aurora.capacity.io_requests_per_month.unwrap().0, said)
    };
    // 1,000 reads/s × 10% × pages × 0.75 × 2,628,000 s.
    let (mysql, said) = io("mysql");
    assert_eq!(mysql, 1000.0 * 0.1 * 4.0 * 0.75 * 2_628_000.0);
    assert!(
        said.contains("one 16 KB page per started 16 KB (Aurora MySQL's"),
        "{said}"
    );
    let (postgresql, said) = io("postgresql");
    assert_eq!(postgresql, 1000.0 * 0.1 * 7.0 * 0.75 * 2_628_000.0);
    assert!(
        said.contains("one 8 KB page per started 8 KB (Aurora PostgreSQL's"),
        "{said}"
    );
}

/// A workload in several Regions is priced for one, and the estimate says so
/// among its warnings, which the summary shows (an assumption waits for
/// --explain, and the bill may be a few times too low).
#[test]
fn other_regions_are_named_as_not_priced() {
    for (answer, needle) in [
        ("read_local", "local reads in other Regions"),
        ("active_active", "with writes in several Regions"),
    ] {
        let e = run(
            &format!(r#"{{"multi_region": "{answer}"}}"#),
            EstimateOptions::default(),
        );
        assert!(
            e.warnings
                .iter()
                .any(|a| a.starts_with("Priced for one Region") && a.contains(needle)),
            "{:?}",
            e.warnings
        );
    }
    let e = run(r#"{"multi_region": "none"}"#, EstimateOptions::default());
    assert!(!e
        .warnings
        .iter()
        .chain(&e.assumptions)
        .any(|a| a.contains("Priced for one Region")));
    // In the table's summary, without --explain.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dbadvisor"))
        .args([
            "recommend",
            "--example",
            "stock-trading",
            "--multi-region",
            "active_active",
        ])
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("  ! Priced for one Region: with writes"),
        "{table}"
    );
}

/// No traffic: on-demand costs nothing, but a provisioned table still has
/// its minimum of 1 RCU and 1 WCU.
#[test]
fn a_provisioned_table_has_at_least_one_unit_of_each() {
    let e = run(
        r#"{"peak_reads_per_sec": 0, "peak_writes_per_sec": 0, "item_size_kb": 1, "data_size_gb": 1}"#,
        EstimateOptions::default(),
    );
    let on_demand = plan(&e.dynamodb.plans, "on_demand");
    assert_eq!(on_demand.total.unwrap().0, 0.0);
    let provisioned = plan(&e.dynamodb.plans, "provisioned");
    // 1 RCU and 1 WCU (a table's least), within the free tier's 25 each,
    // and storage free.
    assert_eq!(provisioned.total.unwrap().0, 0.0);
}

/// The ACU rule of thumb counts operations: rows larger than a page get a
/// warning that the compute figure is low, unless ACUs were given.
#[test]
fn large_rows_warn_that_the_aurora_compute_figure_is_low() {
    let large = r#"{"peak_reads_per_sec": 500, "peak_writes_per_sec": 50, "item_size_kb": 2048, "data_size_gb": 100}"#;
    let warned = |e: &Estimates| {
        e.warnings
            .iter()
            .any(|w| w.contains("counts operations, not bytes"))
    };
    let e = run(large, EstimateOptions::default());
    assert!(warned(&e), "{:?}", e.warnings);
    assert!(e
        .warnings
        .iter()
        .any(|w| w.contains("rows of 2,048 KB span 256 pages")));
    let small = large.replace("2048", "8");
    assert!(!warned(&run(&small, EstimateOptions::default())));
    let given = EstimateOptions {
        aurora_acu: Some(4.0),
        average_load: None,
    };
    assert!(!warned(&run(large, given)));
}

/// A single Aurora cluster holds at most 256 TiB (262,144 GB): past it the
/// estimate says its Aurora bill prices a cluster that cannot exist, as it
/// says of DynamoDB items past 400 KB; at the limit it says nothing.
#[test]
fn aurora_storage_past_256_tib_is_warned_of() {
    let warned = |gb: &str| {
        run(
            &format!(
                r#"{{"peak_reads_per_sec": 10, "peak_writes_per_sec": 10, "data_size_gb": {gb}}}"#
            ),
            EstimateOptions::default(),
        )
        .warnings
        .iter()
        .any(|w| w.contains("exceeds the 256 TiB (262,144 GB) limit of one cluster volume"))
    };
    assert!(warned("300000"));
    assert!(warned("262144.5"));
    assert!(!warned("262144"));
    // Between the old limit and the new one the cluster can hold it.
    assert!(!warned("200000"));
    assert!(!warned("120"));
}

/// The compute formula shows the rule of thumb's peak (100 operations/s at
/// 1,000 per ACU: 0.1 ACU), and the 0.5 ACU floor as its second term; it
/// said "0.5 ACU peak", a figure no operation count gives.
#[test]
fn aurora_compute_formula_shows_the_peak_the_operations_need() {
    let e = run(
        r#"{"peak_reads_per_sec": 100, "peak_writes_per_sec": 0}"#,
        EstimateOptions::default(),
    );
    let standard = plan(&e.aurora.plans, "standard");
    let compute = standard.lines.iter().find(|l| l.item == "compute").unwrap();
    assert!(
        compute
            .formula
            .starts_with("max(0.1 ACU peak × 50% average load, 1 instance × 0.5 ACU) = 0.5 ACU"),
        "{}",
        compute.formula
    );
    // The capacity's peak is still the floor the instance runs at.
    assert_eq!(e.aurora.capacity.peak_acu.unwrap().0, 0.5);
}

/// A writer over half full must not hide that strongly consistent reads
/// (consistency not given) would be more than it serves at all: 200,000
/// writes/s need 200 ACUs, and 1,000,000 reads/s with them about 1,200.
#[test]
fn a_busy_writer_keeps_the_strong_reads_warning() {
    let e = run(
        r#"{"peak_reads_per_sec": 1000000, "peak_writes_per_sec": 200000, "item_size_kb": 1, "data_size_gb": 100}"#,
        EstimateOptions::default(),
    );
    let aurora: Vec<&String> = e
        .warnings
        .iter()
        .filter(|w| w.starts_with("Aurora:"))
        .collect();
    assert!(aurora.iter().any(|w| w.contains("78% of")), "{aurora:?}");
    assert!(
        aurora
            .iter()
            .any(|w| w.contains("consistency is not given")),
        "{aurora:?}"
    );
    // Past the maximum with the writes alone, that warning says enough.
    let e = run(
        r#"{"peak_reads_per_sec": 1000000, "peak_writes_per_sec": 300000, "item_size_kb": 1, "data_size_gb": 100}"#,
        EstimateOptions::default(),
    );
    assert!(!e
        .warnings
        .iter()
        .any(|w| w.contains("consistency is not given")));
}

/// AWS's 25% is a rule of thumb: when the two bills say I/O-Optimized is
/// dearer all the same, the warning says so; and the share is shown with
/// the places that keep it above the line (25.02%, not 25%).
#[test]
fn the_io_optimized_advice_agrees_with_the_bills() {
    let e = run(
        r#"{"peak_reads_per_sec": 0, "peak_writes_per_sec": 1000, "item_size_kb": 1, "data_size_gb": 7437.6}"#,
        EstimateOptions::default(),
    );
    // Standard: compute $98.55, storage 7,437.6 GB × $0.10 = $743.76 and
    // I/O $208.05 (25.02% of $1,050.36); I/O-Optimized: $128.12 + $1,602.29.
    let warning = e
        .warnings
        .iter()
        .find(|w| w.contains("I/O-Optimized"))
        .unwrap();
    assert!(
        warning.starts_with("Aurora: I/O is 25.02% of the Standard bill, above the 25% at which AWS suggests Aurora I/O-Optimized, yet here I/O-Optimized comes to more ($1,730.40 against $1,050.36"),
        "{warning}"
    );
    assert_eq!(e.aurora.capacity.io_share_of_standard.unwrap().0, 0.2502);
    assert_eq!(e.aurora.cheapest, Some("standard"));
    // Where I/O-Optimized is the cheaper (README's example), the advice
    // stands alone.
    let e = run(
        r#"{"consistency": "strong", "peak_reads_per_sec": 2000, "peak_writes_per_sec": 300,
            "item_size_kb": 2, "data_size_gb": 80, "traffic_pattern": "spiky"}"#,
        EstimateOptions::default(),
    );
    assert_eq!(e.aurora.cheapest, Some("io_optimized"));
    assert!(
        e.warnings.contains(
            &"Aurora: I/O is 53% of the Standard bill, above the 25% at which AWS suggests Aurora I/O-Optimized."
                .to_owned()
        ),
        "{:?}",
        e.warnings
    );
}

/// Equal bills have no cheaper plan: no "(cheaper plan)" mark, `cheapest` null.
#[test]
fn equal_bills_have_no_cheaper_plan() {
    let v = json_of(&[
        "recommend",
        "--peak-reads-per-sec",
        "0",
        "--peak-writes-per-sec",
        "0",
        "--item-size-kb",
        "1",
        "--data-size-gb",
        "0",
        "--aurora-acu",
        "0",
        "--format",
        "json",
    ]);
    for candidate in ["aurora", "dynamodb"] {
        assert_eq!(
            v["estimates"][candidate]["cheapest"],
            Value::Null,
            "{candidate}"
        );
    }
}

/// The two Aurora entries that are shares refuse a percentage written as
/// 30 for 30%, as the assumptions' shares do.
#[test]
fn a_price_table_share_written_as_a_percentage_is_refused() {
    let table = dbadvisor::pricing::EMBEDDED
        .replacen("value: 0.30\n", "value: 30\n", 1)
        .replacen(
            "value: 0.25\n    unit: share of the bill",
            "value: 25\n    unit: share of the bill",
            1,
        );
    assert_ne!(table, dbadvisor::pricing::EMBEDDED);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prices.yaml");
    std::fs::write(&path, table).unwrap();
    let out = Command::cargo_bin("dbadvisor")
        .unwrap()
        .args(["rules", "check", "--pricing", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    for expected in [
        "line 72: aurora.io_optimized_compute_uplift.value: 30 is a share, from 0 to 1\n    help: write a percentage as a share: 30% is 0.3",
        "line 76: aurora.io_optimized_advised_above.value: 25 is a share, from 0 to 1",
    ] {
        assert!(stderr.contains(expected), "{stderr}");
    }
    assert!(String::from_utf8_lossy(&out.stdout).contains("not a valid price table: 2 problems"));
    // A table that is not there is not an invalid one.
    let missing = dir.path().join("none.yaml");
    let out = Command::cargo_bin("dbadvisor")
        .unwrap()
        .args(["rules", "check", "--pricing", missing.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.ends_with("none.yaml: the price table cannot be read (on stderr)\n"),
        "{stdout}"
    );
}

/// A negotiated price with seven decimals is quoted with all of them, in
/// the formula and in the JSON, so quantity × unit price gives the bill.
#[test]
fn a_price_is_quoted_with_every_digit_the_table_gives() {
    let table = dbadvisor::pricing::EMBEDDED.replacen("value: 0.00013\n", "value: 0.0001209\n", 1);
    assert_ne!(table, dbadvisor::pricing::EMBEDDED);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("prices.yaml");
    std::fs::write(&path, table).unwrap();
    let v = json_of(&[
        "recommend",
        "--peak-reads-per-sec",
        "20000",
        "--peak-writes-per-sec",
        "300",
        "--item-size-kb",
        "2",
        "--data-size-gb",
        "80",
        "--pricing",
        path.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let reads = &v["estimates"]["dynamodb"]["plans"][1]["lines"][0];
    // (20,000 − 25 free) RCU × 730 h = 14,581,750 RCU-hours × $0.0001209
    // = $1,762.93.
    assert_eq!(reads["quantity"], 14_581_750.0);
    assert_eq!(reads["unit_price"], 0.0001209);
    assert_eq!(reads["monthly"], 1762.93);
    assert!(
        reads["formula"]
            .as_str()
            .unwrap()
            .ends_with("× 730 h × $0.0001209"),
        "{reads}"
    );
}

/// A measured average beyond what the instances the estimate counts can
/// run (256 ACUs each) is priced as given, and said to need more of them.
#[test]
fn given_acus_beyond_the_counted_instances_are_warned_about() {
    let light = r#"{"peak_reads_per_sec": 10, "peak_writes_per_sec": 1, "item_size_kb": 1, "data_size_gb": 1}"#;
    let warned = |acu: f64| {
        let e = run(
            light,
            EstimateOptions {
                aurora_acu: Some(acu),
                average_load: None,
            },
        );
        e.warnings
            .iter()
            .find(|w| w.contains("--aurora-acu"))
            .cloned()
    };
    assert_eq!(warned(256.0), None);
    assert_eq!(
        warned(4096.0).as_deref(),
        Some(
            "Aurora: --aurora-acu 4,096 is more than the one instance the estimate counts runs \
             (256 ACUs, the Aurora Serverless v2 maximum); the bill prices the ACUs as given, \
             which need more instances than the capacity figures show."
        )
    );
}

/// The Aurora bill prices Serverless v2 ACU-hours, whatever the operations
/// model: it says so, and where provisioned instances are the answer, that
/// their class is not priced (a steady load on one often costs less), as a
/// warning the short form shows (only --explain said it).
#[test]
fn provisioned_instances_are_said_not_priced() {
    let said = |ops: &str| {
        let e = run(
            &format!(
                r#"{{"peak_reads_per_sec": 100, "peak_writes_per_sec": 10, "ops_model": "{ops}"}}"#
            ),
            EstimateOptions::default(),
        );
        (
            e.assumptions
                .iter()
                .any(|a| a.contains("priced as Aurora Serverless v2 capacity (ACU-hours)")),
            e.warnings
                .iter()
                .any(|a| a.contains("billed per instance-hour of the class you choose")),
        )
    };
    assert_eq!(said("instances"), (true, true));
    assert_eq!(said("serverless"), (true, false));
    assert_eq!(said("no_preference"), (true, false));
}

/// Multi-item transactions price every DynamoDB write as transactional
/// (double): a warning the short form shows, not an assumption only
/// --explain listed, since it can double the bill's largest line.
#[test]
fn transactional_writes_are_a_warning() {
    let warned = |transactions: &str| {
        let e = run(
            &format!(
                r#"{{"peak_reads_per_sec": 100, "peak_writes_per_sec": 1000, "transactions": "{transactions}"}}"#
            ),
            EstimateOptions::default(),
        );
        e.warnings
            .iter()
            .any(|w| w.contains("every DynamoDB write priced as transactional (double"))
    };
    assert!(warned("multi_item"));
    assert!(warned("complex"));
    assert!(!warned("single_item"));
}
