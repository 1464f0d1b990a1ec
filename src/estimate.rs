//! Capacity and monthly cost of each candidate for a workload, from the
//! workload's figures and a [`Pricing`] table. Pure arithmetic, shown with
//! its working: every cost line carries the formula that produced it, every
//! guess is listed in `assumptions`, and a figure the workload does not give
//! is never taken as zero: the lines that need it have no cost, the plan's
//! `total` is `null`, and `missing` says which answer would complete it.
//!
//! Cost is information beside the four axes: it never changes the
//! recommendation.
//!
//! # The arithmetic
//!
//! A month is `hours_per_month` (730) hours, 2,628,000 seconds. Requests per
//! month are the *average* rate, `peak × average load`, times those seconds;
//! the average load is `--average-load` or the table's assumption for the
//! workload's traffic pattern. Capacity that must be reserved (provisioned
//! units, replicas) is sized for the peak.
//!
//! DynamoDB (AWS developer guide, "Read/write capacity mode"): a read of an
//! item up to 4 KB is one read unit, rounded up per item; eventually
//! consistent reads cost half; transactional reads and writes cost double; a
//! write of up to 1 KB is one write unit. On-demand bills request units;
//! provisioned bills units per hour (here provisioned for the peak all
//! month). Storage beyond the free 25 GB is billed per GB-month. A partition
//! serves at most 3,000 read units/s, 1,000 write units/s and 10 GB.
//!
//! Aurora: storage per GB-month; on Aurora Standard, I/O per million
//! requests, counted as one page per read that misses the buffer cache (8 KB
//! in Aurora PostgreSQL, 16 KB in Aurora MySQL, taken when the engine in use
//! today is MySQL) and one 4 KB log write unit per started 4 KB written; Aurora I/O-Optimized
//! has no I/O charge, dearer storage and 30% dearer compute. Compute is the
//! average ACUs given with `--aurora-acu`, or an estimate: peak operations
//! divided by the table's operations per ACU, times the average load, and
//! never below 0.5 ACU per instance: the lowest capacity that stays
//! running (Serverless v2 can go to 0 ACU only by pausing after an idle
//! spell, which an application that stays connected never has).

use std::fmt;

use serde::Serialize;

use crate::number::{self, Num};
use crate::pack::{FieldKind, Pack};
use crate::pricing::{Entry, Pricing};
use crate::workload::{Value, Workload};

/// DynamoDB's item size limit, KB.
const DYNAMODB_MAX_ITEM_KB: f64 = 400.0;
/// Warn about item size from this share of the limit on.
const NEAR_ITEM_LIMIT: f64 = 0.75;
/// KB per read request unit.
const READ_UNIT_KB: f64 = 4.0;
/// KB per write request unit.
const WRITE_UNIT_KB: f64 = 1.0;
/// Per-partition throughput and size.
const PARTITION_RCU: f64 = 3000.0;
const PARTITION_WCU: f64 = 1000.0;
const PARTITION_GB: f64 = 10.0;
/// What a new on-demand table serves at first (AWS: "up to 4,000 writes per
/// second and 12,000 reads per second"), in request units per second.
const NEW_ON_DEMAND_WRITES: f64 = 4000.0;
const NEW_ON_DEMAND_READS: f64 = 12_000.0;
/// The default per-table throughput quota, each way, in on-demand request
/// units and provisioned capacity units alike (AWS DynamoDB quotas: "40,000
/// read request units and 40,000 write request units" per table; adjustable).
const TABLE_QUOTA_UNITS: f64 = 40_000.0;
/// Aurora Serverless v2 capacity per instance, ACUs.
const AURORA_MIN_ACU: f64 = 0.5;
const AURORA_MAX_ACU: f64 = 256.0;
/// An Aurora cluster volume's limit, GB as AWS counts them (256 TiB on
/// recent engine versions, 128 TiB on older ones; AWS Aurora size limits),
/// the pack's `data-over-256tib` veto.
const AURORA_MAX_STORAGE_GB: f64 = 262_144.0;
/// Warn about the single writer from this share of its maximum on.
const NEAR_WRITER_LIMIT: f64 = 0.5;
/// Aurora replicas per cluster.
const AURORA_MAX_REPLICAS: f64 = 15.0;
/// KB per Aurora read I/O (one page: Aurora PostgreSQL's, and Aurora
/// MySQL's, per AWS's Aurora pricing) and per write I/O.
const AURORA_POSTGRESQL_PAGE_KB: f64 = 8.0;
const AURORA_MYSQL_PAGE_KB: f64 = 16.0;
const AURORA_WRITE_IO_KB: f64 = 4.0;

/// Figures the command line adds to the workload for the estimate.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct EstimateOptions {
    /// Average Aurora Capacity Units over the month (`--aurora-acu`).
    pub aurora_acu: Option<f64>,
    /// Average load as a share of peak, 0–1 (`--average-load PCT` / 100).
    pub average_load: Option<f64>,
}

/// The price table an estimate used.
#[derive(Debug, Clone, Serialize)]
pub struct PricingRef {
    /// Table name.
    pub name: String,
    /// AWS Region.
    pub region: String,
    /// Currency code.
    pub currency: String,
    /// When the prices were read.
    pub as_of: String,
}

/// An answer the estimate needs and the workload does not give.
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    /// Field id.
    pub field: &'static str,
    /// The flag that gives it; `null` when the pack has no such field.
    pub flag: Option<String>,
    /// What it would let the estimate price.
    pub needed_for: &'static str,
}

/// One line of a monthly bill.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    /// What is billed: `reads`, `storage`, `compute`…
    pub item: &'static str,
    /// How many units a month; `null` when a figure is missing.
    pub quantity: Option<Num>,
    /// The billed unit.
    pub unit: String,
    /// Price per unit, with every digit the price table gives (a derived
    /// price, I/O-Optimized compute, to 12 significant digits).
    pub unit_price: number::Exact,
    /// Monthly cost, rounded to cents; `null` when a figure is missing.
    pub monthly: Option<Num>,
    /// The arithmetic, or which answer is missing.
    pub formula: String,
}

/// One way to run a candidate (on-demand, provisioned, Standard, I/O-Optimized).
#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    /// Plan id.
    pub plan: &'static str,
    /// For people.
    pub title: &'static str,
    /// The bill's lines.
    pub lines: Vec<Line>,
    /// Monthly total; `null` unless every line is known.
    pub total: Option<Num>,
    /// Sum of the lines that are known: a lower bound when `total` is `null`.
    pub known_subtotal: Num,
}

/// DynamoDB capacity for the workload.
#[derive(Debug, Clone, Serialize)]
pub struct DynamoDbCapacity {
    /// Read units one read costs, after consistency.
    pub read_units_per_read: Option<Num>,
    /// Write units one write costs, after transactions.
    pub write_units_per_write: Option<Num>,
    /// Read units per second at peak.
    pub peak_read_units_per_sec: Option<Num>,
    /// Write units per second at peak.
    pub peak_write_units_per_sec: Option<Num>,
    /// Partitions the table needs at least.
    pub partitions: Option<Num>,
}

/// Aurora capacity for the workload.
#[derive(Debug, Clone, Serialize)]
pub struct AuroraCapacity {
    /// Average ACUs over the month.
    pub average_acu: Option<Num>,
    /// `given` (`--aurora-acu`) or `estimate`.
    pub acu_source: &'static str,
    /// ACUs at peak load (estimate), at least 0.5 per instance (the floor
    /// the instances run at).
    pub peak_acu: Option<Num>,
    /// Read replicas the peak reads need beyond what the writer serves (0–15, or more than the limit).
    pub read_replicas: Option<Num>,
    /// I/O requests per month on Aurora Standard.
    pub io_requests_per_month: Option<Num>,
    /// I/O cost as a share of the Aurora Standard bill.
    pub io_share_of_standard: Option<Num>,
}

/// One candidate's estimate.
#[derive(Debug, Clone, Serialize)]
pub struct CandidateEstimate<C> {
    /// Capacity needed.
    pub capacity: C,
    /// Ways to run it, each with its bill.
    pub plans: Vec<Plan>,
    /// The cheaper plan when every total is known and they differ.
    pub cheapest: Option<&'static str>,
}

/// The `estimates` object of a result.
#[derive(Debug, Clone, Serialize)]
pub struct Estimates {
    /// The price table used.
    pub pricing: PricingRef,
    /// The figures used, from the workload and the command line.
    pub inputs: serde_json::Map<String, serde_json::Value>,
    /// Every guess made, in words.
    pub assumptions: Vec<String>,
    /// Answers that would complete the estimate.
    pub missing: Vec<Missing>,
    /// Limits the workload comes near or crosses.
    pub warnings: Vec<String>,
    /// Aurora.
    pub aurora: CandidateEstimate<AuroraCapacity>,
    /// DynamoDB.
    pub dynamodb: CandidateEstimate<DynamoDbCapacity>,
    /// The pack's other candidates, by id, which the price table does not
    /// cover (empty for the built-in pack).
    pub not_priced: Vec<String>,
}

/// The workload's figures the estimate reads, by field id. A pack without
/// one of these fields simply leaves it missing.
struct Figures<'a> {
    reads: Option<f64>,
    writes: Option<f64>,
    data_gb: Option<f64>,
    item_kb: Option<f64>,
    consistency: Option<&'a str>,
    transactions: Option<&'a str>,
    traffic: Option<&'a str>,
    /// Aurora's page, in KB: MySQL's when that is the engine today.
    page_kb: f64,
}

/// The four figures an estimate needs, by field id, with what each prices
/// (in the order `missing` lists them).
const FIGURES: [(&str, &str); 4] = [
    (
        "peak_reads_per_sec",
        "read cost (DynamoDB read units, Aurora compute and I/O)",
    ),
    (
        "peak_writes_per_sec",
        "write cost (DynamoDB write units, Aurora compute and I/O)",
    ),
    (
        "item_size_kb",
        "request units per read and write (DynamoDB) and I/O per request (Aurora)",
    ),
    ("data_size_gb", "storage cost and partitions"),
];

impl Figures<'_> {
    /// Whether the workload gives the figure with this id (one of [`FIGURES`]).
    fn given(&self, id: &str) -> bool {
        match id {
            "peak_reads_per_sec" => self.reads.is_some(),
            "peak_writes_per_sec" => self.writes.is_some(),
            "item_size_kb" => self.item_kb.is_some(),
            "data_size_gb" => self.data_gb.is_some(),
            _ => false,
        }
    }
}

/// The choice fields the estimate reads, with the options it prices.
const CHOICES: [(&str, &[&str]); 4] = [
    ("consistency", &["strong", "eventual", "mixed"]),
    (
        "transactions",
        &["none", "single_item", "multi_item", "complex"],
    ),
    ("traffic_pattern", &["steady", "spiky", "unpredictable"]),
    ("multi_region", &["none", "read_local", "active_active"]),
];

/// Where a pack's fields differ from what the estimate reads by id (a
/// figure that is not a number field, a choice that is not a choice or has
/// options the estimate does not price): `(field id, what differs)`. The
/// estimate treats such an answer as not given; `rules check` warns, and so
/// does every estimate made with the pack. Empty for the built-in pack.
pub fn field_mismatches(pack: &Pack) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (id, _) in FIGURES {
        if let Some(f) = pack.field_index(id) {
            let kind = &pack.fields[f].kind;
            if let FieldKind::Number(spec) = kind {
                if spec.min < 0.0 {
                    found.push((
                        id.to_owned(),
                        format!(
                            "the cost estimate cannot price a negative figure, but this pack \
                             allows down to {}, so a negative answer is treated as not given",
                            crate::number::GroupedExact(spec.min)
                        ),
                    ));
                }
            } else {
                found.push((
                    id.to_owned(),
                    format!(
                        "the cost estimate reads it as a number, but this pack makes it a {}, \
                         so the estimate treats it as not given",
                        kind.name()
                    ),
                ));
            }
        }
    }
    for (id, known) in CHOICES {
        let Some(f) = pack.field_index(id) else {
            continue;
        };
        let message = match &pack.fields[f].kind {
            FieldKind::Choice(options) => {
                let unknown: Vec<String> = options
                    .iter()
                    .filter(|o| !known.contains(&o.id.as_str()))
                    .map(|o| format!("`{}`", o.id))
                    .collect();
                if unknown.is_empty() {
                    continue;
                }
                format!(
                    "the cost estimate prices only the options {}; {} {} priced as if not given",
                    join_and(&known.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>()),
                    join_and(&unknown),
                    if unknown.len() == 1 { "is" } else { "are" }
                )
            }
            kind => format!(
                "the cost estimate reads it as a choice, but this pack makes it a {}, \
                 so the estimate treats it as not given",
                kind.name()
            ),
        };
        found.push((id.to_owned(), message));
    }
    found
}

/// A figure of the workload; a negative one (which only a pack allowing it
/// can give: see [`field_mismatches`]) prices nothing, so it counts as not given.
fn number_of(pack: &Pack, workload: &Workload, id: &str) -> Option<f64> {
    match pack.field_index(id).and_then(|f| workload.values[f]) {
        Some(Value::Number(n)) if n >= 0.0 => Some(n),
        _ => None,
    }
}

fn choice_of<'a>(pack: &'a Pack, workload: &Workload, id: &str) -> Option<&'a str> {
    let f = pack.field_index(id)?;
    match (workload.values[f], &pack.fields[f].kind) {
        (Some(Value::Choice(i)), FieldKind::Choice(options)) => Some(options[i].id.as_str()),
        _ => None,
    }
}

/// The flag that answers a figure, when the pack has it as a number field
/// (a figure the pack makes something else cannot be given: see
/// [`field_mismatches`]).
fn flag_of(pack: &Pack, id: &str) -> Option<String> {
    pack.field_index(id)
        .filter(|&f| matches!(pack.fields[f].kind, FieldKind::Number(_)))
        .map(|f| format!("--{}", pack.fields[f].flag()))
}

/// The candidates a price table prices; a pack may compare others, or only
/// one of these.
pub const PRICED: [&str; 2] = ["aurora", "dynamodb"];

/// A unit price in full: `$0.00013`, `$0.225`.
fn price(pricing: &Pricing, value: f64) -> Price<'_> {
    Price {
        currency: &pricing.currency,
        value,
    }
}

/// See [`price`]; written into the formula text without a `String` of its own.
struct Price<'a> {
    currency: &'a str,
    value: f64,
}

impl fmt::Display for Price<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = significant(self.value);
        // Whole cents print as money ($0.10, $1,234.50); finer prices with
        // every digit ($0.00013, $0.0001209), so the formula gives its own
        // result.
        if ((value * 100.0).round() - value * 100.0).abs() < 1e-9 {
            return f.write_str(&format_money(self.currency, value));
        }
        if self.currency == "USD" {
            f.write_str("$")?;
        }
        write!(f, "{}", number::GroupedExact(value))?;
        if self.currency != "USD" {
            write!(f, " {}", self.currency)?;
        }
        Ok(())
    }
}

/// A figure to 12 significant digits: every digit a price table or an
/// option gives, without the float noise of one derived from it (0.12 × 1.3
/// is 0.15600000000000003 in floats, and is $0.156; `--average-load
/// 0.0123456789` is a share of 0.000123456789).
fn significant(value: f64) -> f64 {
    if value == 0.0 || !value.is_finite() {
        return value;
    }
    let magnitude = value.abs().log10().floor() as i32;
    let scale = 10f64.powi(11 - magnitude);
    (value * scale).round() / scale
}

fn cents(value: f64) -> Num {
    Num((value * 100.0).round() / 100.0)
}

/// A monthly amount as people read it: `$1,234.56`, or `1,234.56 EUR`.
pub fn format_money(currency: &str, value: f64) -> String {
    let cents = (value * 100.0).round();
    let grouped = if cents.is_finite() && cents.abs() < 1e36 {
        // Whole cents as an integer: exact digits however large the bill.
        let cents = cents as i128;
        let sign = if cents < 0 { "-" } else { "" };
        let (units, rest) = (cents.abs() / 100, cents.abs() % 100);
        format!("{sign}{}.{rest:02}", number::format_grouped(units as f64))
    } else {
        format!("{value}")
    };
    if currency == "USD" {
        format!("${grouped}")
    } else {
        format!("{grouped} {currency}")
    }
}

fn g(value: f64) -> number::Grouped {
    // Quantities in formulas: grouped, at most 4 significant decimals.
    number::Grouped((value * 1e4).round() / 1e4)
}

/// [`g`] for a quantity said to exceed `limit`: with as many more decimals
/// as it takes to read above it (256.0000004 ACUs is not "about 256 ACUs,
/// more than the maximum of 256").
fn g_above(value: f64, limit: f64) -> String {
    match number::fewest_decimals(value, 4..=12, |r| r > limit) {
        Some(shown) => number::GroupedExact(shown).to_string(),
        None => g(value).to_string(),
    }
}

/// An answer in a formula: grouped, with every digit it was given.
fn given(value: f64) -> number::GroupedExact {
    number::GroupedExact(value)
}

fn pct(share: f64) -> Pct {
    Pct(share)
}

/// `share` rounded to a tenth of a percent, or to as many more places
/// (up to six) as it takes to stay on the same side of `threshold`: a share
/// of 0.2502 beside a 25% line is 25.02%, not a 25% that reads as at it.
fn share_shown_above(share: f64, threshold: f64) -> f64 {
    number::fewest_decimals(share, 3..=6, |shown| {
        (shown > threshold) == (share > threshold)
    })
    .unwrap_or_else(|| number::round(share))
}

/// A share as a percentage: `25%`. Every share shown is given (a price
/// table's assumption, `--average-load PCT` / 100) or already rounded, so
/// it shows the shortest percentage that divides back to the share, give or
/// take the division's own rounding: the digits it was given (33.3333333,
/// not 33.333333; 81.4, not 81.39999999999999).
struct Pct(f64);

impl fmt::Display for Pct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let percent = self.0 * 100.0;
        let close = |p: f64| (p / 100.0 - self.0).abs() <= 4.0 * f64::EPSILON * self.0.abs();
        let given = (1..=17)
            .filter_map(|digits| format!("{percent:.*e}", digits - 1).parse::<f64>().ok())
            .find(|&p| close(p))
            .unwrap_or(percent);
        write!(f, "{}%", number::Exact(given))
    }
}

/// A line whose figures are known.
fn line(
    item: &'static str,
    quantity: f64,
    unit: &str,
    unit_price: f64,
    monthly: f64,
    formula: String,
) -> Line {
    Line {
        item,
        quantity: Some(Num(quantity)),
        unit: unit.to_owned(),
        unit_price: number::Exact(significant(unit_price)),
        monthly: Some(cents(monthly)),
        formula,
    }
}

/// A line that cannot be priced: names what is missing, costs nothing known.
fn unknown_line(item: &'static str, unit: &str, unit_price: f64, missing: &[String]) -> Line {
    Line {
        item,
        quantity: None,
        unit: unit.to_owned(),
        unit_price: number::Exact(significant(unit_price)),
        monthly: None,
        formula: format!("needs {}", join_and(missing)),
    }
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn join_and<S: AsRef<str>>(items: &[S]) -> String {
    join_with(items, "and")
}

/// `a, b or c` with `word` "or" (see [`join_and`]).
pub(crate) fn join_with<S: AsRef<str>>(items: &[S], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {word} {}", init.join(", "), last.as_ref())
        }
    }
}

fn plan(plan: &'static str, title: &'static str, lines: Vec<Line>) -> Plan {
    let known: f64 = lines.iter().filter_map(|l| l.monthly).map(|m| m.0).sum();
    let total = lines
        .iter()
        .all(|l| l.monthly.is_some())
        .then_some(cents(known));
    Plan {
        plan,
        title,
        lines,
        total,
        known_subtotal: cents(known),
    }
}

/// The plan whose total is lowest; `None` unless every total is known and
/// one is below the others (equal bills, to the cent, have no cheaper one).
fn cheapest(plans: &[Plan]) -> Option<&'static str> {
    let mut best: Option<(&'static str, f64)> = None;
    let mut tied = false;
    for p in plans {
        let total = p.total?.0;
        match best {
            Some((_, b)) if total == b => tied = true,
            Some((_, b)) if total > b => {}
            _ => (best, tied) = (Some((p.plan, total)), false),
        }
    }
    best.filter(|_| !tied).map(|(id, _)| id)
}

/// What is billed of `amount` (shown as `shown`) beyond a free allowance
/// `free` (`free_shown`), with the formula's words for it; never a negative
/// difference: within the allowance nothing is billed (0 `unit`).
fn beyond_free(amount: f64, shown: &str, free: f64, free_shown: &str, unit: &str) -> (f64, String) {
    let billed = (amount - free).max(0.0);
    let words = if free == 0.0 {
        shown.to_owned()
    } else if billed > 0.0 {
        format!("({shown} − {free_shown} free)")
    } else {
        format!("{shown}, within the {free_shown} free = 0 {unit}")
    };
    (billed, words)
}

/// Estimates capacity and monthly cost of each candidate for a workload.
pub fn estimate(
    pack: &Pack,
    pricing: &Pricing,
    workload: &Workload,
    options: EstimateOptions,
) -> Estimates {
    let fig = Figures {
        reads: number_of(pack, workload, "peak_reads_per_sec"),
        writes: number_of(pack, workload, "peak_writes_per_sec"),
        data_gb: number_of(pack, workload, "data_size_gb"),
        item_kb: number_of(pack, workload, "item_size_kb"),
        consistency: choice_of(pack, workload, "consistency"),
        transactions: choice_of(pack, workload, "transactions"),
        traffic: choice_of(pack, workload, "traffic_pattern"),
        page_kb: match choice_of(pack, workload, "existing_engine") {
            Some("mysql") => AURORA_MYSQL_PAGE_KB,
            _ => AURORA_POSTGRESQL_PAGE_KB,
        },
    };
    let flag = |id: &str| flag_of(pack, id);
    let a = &pricing.assumptions;
    let mut assumptions = Vec::new();
    let mut warnings: Vec<String> = field_mismatches(pack)
        .into_iter()
        .map(|(id, differs)| format!("This pack's field `{id}`: {differs}."))
        .collect();
    if choice_of(pack, workload, "ops_model") == Some("instances") {
        // The bill prices ACU-hours whatever the operations model: said in
        // the summary (a warning), since the answer asks for the other way
        // to pay and the figure shown is not its price.
        warnings.push(
            "Aurora on provisioned instances (the operations model answered) is billed per \
             instance-hour of the class you choose, which this estimate does not price: its \
             Aurora compute is Serverless v2's rate for the capacity the load needs, and a \
             provisioned class sized for a steady load often costs less for the same memory; \
             price the class you would run (AWS Pricing Calculator)."
                .to_owned(),
        );
    }
    let seconds = pricing.hours_per_month * 3600.0;

    let load = match options.average_load {
        Some(load) => {
            // `--average-load 0.5` meant as a share (50%) is 0.5%: said,
            // as the bills come out a hundred times lower.
            let share_like = if load <= 0.01 {
                format!(
                    " (a percentage: for {}, give --average-load {})",
                    pct(load * 100.0),
                    number::GroupedExact(significant(load * 1e4))
                )
            } else {
                String::new()
            };
            assumptions.push(format!(
                "Average load {} of the peak (--average-load){share_like}.",
                pct(load)
            ));
            load
        }
        None => {
            let (assumed, said) = match fig.traffic {
                Some("steady") => (&a.average_load_steady, "steady traffic"),
                Some("spiky") => (&a.average_load_spiky, "traffic with known peaks"),
                Some("unpredictable") => (&a.average_load_unpredictable, "unpredictable traffic"),
                None => (&a.average_load_unknown, "traffic pattern not given"),
                Some(_) => (
                    &a.average_load_unknown,
                    "a traffic pattern it does not know",
                ),
            };
            assumptions.push(format!(
                "Average load {} of the peak ({said}); give --average-load PCT to change it.",
                pct(assumed.value)
            ));
            assumed.value
        }
    };

    // Missing figures, each said once with what it would price.
    let missing: Vec<Missing> = FIGURES
        .iter()
        .filter(|(field, _)| !fig.given(field))
        .map(|&(field, needed_for)| Missing {
            field,
            flag: flag(field),
            needed_for,
        })
        .collect();
    // The flags of the figures a line needs and the workload does not give.
    let lacking = |ids: &[&str]| -> Vec<String> {
        ids.iter()
            .filter(|id| !fig.given(id))
            .map(|id| flag(id).unwrap_or_else(|| format!("{id} (not asked by this pack)")))
            .collect()
    };

    // DynamoDB request units per operation.
    let strong_share = match fig.consistency {
        Some("strong") => 1.0,
        Some("eventual") => 0.0,
        Some("mixed") => {
            assumptions.push(format!(
                "Mixed consistency: {} of reads strongly consistent, on DynamoDB at full price \
                 (the rest at half) and on Aurora served by the writer (the rest may go to read \
                 replicas).",
                pct(a.mixed_strong_read_share.value)
            ));
            a.mixed_strong_read_share.value
        }
        given => {
            assumptions.push(format!(
                "Consistency {}: DynamoDB reads priced as strongly consistent (the dearer).",
                if given.is_some() {
                    "not one the estimate knows"
                } else {
                    "not given"
                }
            ));
            1.0
        }
    };
    let transactional = matches!(fig.transactions, Some("multi_item" | "complex"));
    if transactional {
        // Doubling every write is the most transactions can cost, and the
        // bill's largest line may be the writes: a warning, in the summary.
        warnings.push(
            "Multi-item transactions: every DynamoDB write priced as transactional (double, \
             the most they can cost; writes outside transactions cost half); reads outside \
             transactions."
                .into(),
        );
    } else if fig.transactions.is_none() {
        assumptions
            .push("Transactions not given: DynamoDB writes priced as non-transactional.".into());
    } else if !matches!(fig.transactions, Some("none" | "single_item")) {
        assumptions.push(
            "Transactions not of a kind the estimate knows: DynamoDB writes priced as \
             non-transactional."
                .into(),
        );
    }
    // The bill is for one Region; say so when the workload runs in more
    // (the other Regions' copies are not a zero cost, just an unpriced one),
    // as a warning: the summary shows it, where an assumption waits for
    // --explain, and a bill a few times too low is worth a line.
    match choice_of(pack, workload, "multi_region") {
        Some("read_local") => warnings.push(
            "Priced for one Region: local reads in other Regions need DynamoDB global-table \
             replicas or Aurora Global Database secondary clusters, each with its own writes, \
             storage and compute, not included here."
                .into(),
        ),
        Some("active_active") => warnings.push(
            "Priced for one Region: with writes in several Regions, every DynamoDB global-table \
             replica pays for each replicated write and its own storage, not included here; \
             DynamoDB transactions are ACID only in the Region that runs them."
                .into(),
        ),
        _ => {}
    }
    assumptions.push(
        "DynamoDB: one table, no global secondary indexes or streams (each index adds its own \
         writes and storage); item overhead ignored."
            .into(),
    );
    // An item over the limit cannot live in DynamoDB: price the part that can
    // (at most 400 KB per item) and say so; S3 is not priced.
    let dynamo_item_kb = fig.item_kb.map(|kb| kb.min(DYNAMODB_MAX_ITEM_KB));
    let units_per_item_read = dynamo_item_kb.map(|kb| (kb / READ_UNIT_KB).ceil().max(1.0));
    let rpr = units_per_item_read.map(|u| u * (strong_share + (1.0 - strong_share) * 0.5));
    let wpw = dynamo_item_kb
        .map(|kb| (kb / WRITE_UNIT_KB).ceil().max(1.0) * if transactional { 2.0 } else { 1.0 });
    let peak_rru = fig.reads.zip(rpr).map(|(r, u)| r * u);
    let peak_wru = fig.writes.zip(wpw).map(|(w, u)| w * u);

    let d = &pricing.dynamodb;
    let read_missing = lacking(&["peak_reads_per_sec", "item_size_kb"]);
    let write_missing = lacking(&["peak_writes_per_sec", "item_size_kb"]);
    let storage_line = match fig.data_gb {
        Some(gb) => {
            let (billed, shown) = beyond_free(
                gb,
                &format!("{} GB", given(gb)),
                d.storage_free_gb.value,
                &format!("{} GB", g(d.storage_free_gb.value)),
                "GB",
            );
            line(
                "storage",
                billed,
                &d.storage_per_gb_month.unit,
                d.storage_per_gb_month.value,
                billed * d.storage_per_gb_month.value,
                format!("{shown} × {}", price(pricing, d.storage_per_gb_month.value)),
            )
        }
        None => unknown_line(
            "storage",
            &d.storage_per_gb_month.unit,
            d.storage_per_gb_month.value,
            &lacking(&["data_size_gb"]),
        ),
    };
    // Request units a month at the average load, billed per million.
    let on_demand = |item: &'static str,
                     op: &str,
                     rate: Option<f64>,
                     units: Option<f64>,
                     entry: &Entry,
                     needs: &[String]| match rate.zip(units) {
        Some((rate, units)) => {
            let millions = rate * units * load * seconds / 1e6;
            line(
                item,
                millions,
                &entry.unit,
                entry.value,
                millions * entry.value,
                format!(
                    "{} {op}s/s × {} {op} unit{} × {} average load × {} s = {} million × {}",
                    given(rate),
                    g(units),
                    if units == 1.0 { "" } else { "s" },
                    pct(load),
                    g(seconds),
                    g(millions),
                    price(pricing, entry.value)
                ),
            )
        }
        None => unknown_line(item, &entry.unit, entry.value, needs),
    };
    // Capacity units for the peak, billed per hour all month, beyond the
    // free tier's (as for storage).
    let provisioned = |item: &'static str,
                       kind: &str,
                       capacity: Option<f64>,
                       free: f64,
                       entry: &Entry,
                       needs: &[String]| {
        match capacity {
            Some(capacity) => {
                let (billed, units) = beyond_free(
                    capacity,
                    &format!("{} {kind} (peak)", g(capacity)),
                    free,
                    &g(free).to_string(),
                    kind,
                );
                line(
                    item,
                    billed * pricing.hours_per_month,
                    &entry.unit,
                    entry.value,
                    billed * pricing.hours_per_month * entry.value,
                    format!(
                        "{units} × {} h × {}",
                        g(pricing.hours_per_month),
                        price(pricing, entry.value)
                    ),
                )
            }
            None => unknown_line(item, &entry.unit, entry.value, needs),
        }
    };
    // A provisioned table has at least 1 RCU and 1 WCU.
    let rcu = peak_rru.map(|u| u.ceil().max(1.0));
    let wcu = peak_wru.map(|u| u.ceil().max(1.0));
    let on_demand_reads = on_demand(
        "reads",
        "read",
        fig.reads,
        rpr,
        &d.on_demand_read_per_million,
        &read_missing,
    );
    let on_demand_writes = on_demand(
        "writes",
        "write",
        fig.writes,
        wpw,
        &d.on_demand_write_per_million,
        &write_missing,
    );
    let provisioned_reads = provisioned(
        "reads",
        "RCU",
        rcu,
        d.free_rcu(),
        &d.provisioned_rcu_hour,
        &read_missing,
    );
    let provisioned_writes = provisioned(
        "writes",
        "WCU",
        wcu,
        d.free_wcu(),
        &d.provisioned_wcu_hour,
        &write_missing,
    );
    assumptions.push(
        "DynamoDB provisioned capacity sized for the peak all month, without auto scaling.".into(),
    );
    assumptions.push(format!(
        "DynamoDB's free tier ({} GB of storage{}) is deducted as if this were the account's \
         only table in the Region: the allowance is the account's, shared by its tables.",
        g(d.storage_free_gb.value),
        if d.free_rcu() > 0.0 || d.free_wcu() > 0.0 {
            format!(
                ", and {} RCU and {} WCU of provisioned capacity",
                g(d.free_rcu()),
                g(d.free_wcu())
            )
        } else {
            String::new()
        }
    ));
    let partitions = match (rcu, wcu, fig.data_gb) {
        (Some(rcu), Some(wcu), Some(gb)) => Some(Num((rcu / PARTITION_RCU)
            .max(wcu / PARTITION_WCU)
            .max(gb / PARTITION_GB)
            .ceil()
            .max(1.0))),
        _ => None,
    };
    if let Some(wru) = peak_wru.filter(|w| *w > NEW_ON_DEMAND_WRITES) {
        warnings.push(format!(
            "DynamoDB: {} write units/s at peak is above the 4,000 a new on-demand table serves \
             at first; pre-warm the table (warm throughput) or start with provisioned capacity.",
            g(wru)
        ));
    }
    if let Some(rru) = peak_rru.filter(|r| *r > NEW_ON_DEMAND_READS) {
        warnings.push(format!(
            "DynamoDB: {} read units/s at peak is above the 12,000 a new on-demand table serves \
             at first; pre-warm the table (warm throughput) or start with provisioned capacity.",
            g(rru)
        ));
    }
    for (units, way) in [(peak_wru, "write"), (peak_rru, "read")] {
        if let Some(units) = units.filter(|u| *u > TABLE_QUOTA_UNITS) {
            warnings.push(format!(
                "DynamoDB: {} {way} units/s at peak is above the default table quota of 40,000 \
                 {way} units/s (on-demand and provisioned alike); request an increase in \
                 Service Quotas before launch.",
                g(units)
            ));
        }
    }
    if let Some(kb) = fig.item_kb {
        if kb > DYNAMODB_MAX_ITEM_KB {
            warnings.push(format!(
                "DynamoDB: items of {} KB exceed the 400 KB item limit; the large part would \
                 live in Amazon S3 (its requests not priced here), so the DynamoDB figures \
                 price reads and writes at 400 KB an item, and storage as if all the data \
                 stayed in DynamoDB (at S3's price it would cost less).",
                given(kb)
            ));
        } else if kb >= DYNAMODB_MAX_ITEM_KB * NEAR_ITEM_LIMIT {
            warnings.push(format!(
                "DynamoDB: items of {} KB are near the 400 KB item limit; items that grow \
                 past it cannot be written.",
                given(kb)
            ));
        }
    }
    let dynamo_plans = vec![
        plan(
            "on_demand",
            "on-demand",
            vec![on_demand_reads, on_demand_writes, storage_line.clone()],
        ),
        plan(
            "provisioned",
            "provisioned",
            vec![provisioned_reads, provisioned_writes, storage_line],
        ),
    ];
    let dynamodb = CandidateEstimate {
        capacity: DynamoDbCapacity {
            read_units_per_read: rpr.map(Num),
            write_units_per_write: wpw.map(Num),
            peak_read_units_per_sec: peak_rru.map(Num),
            peak_write_units_per_sec: peak_wru.map(Num),
            partitions,
        },
        cheapest: cheapest(&dynamo_plans),
        plans: dynamo_plans,
    };

    // Aurora.
    let au = &pricing.aurora;
    let ops_per_acu = a.aurora_ops_per_acu.value;
    let peak_read_acu = fig.reads.map(|r| r / ops_per_acu);
    let peak_write_acu = fig.writes.map(|w| w / ops_per_acu);
    let needed_acu = peak_read_acu.zip(peak_write_acu).map(|(r, w)| r + w);
    // Replicas trail the writer, so they serve only reads that may be
    // eventually consistent: the writer takes the writes and the strongly
    // consistent reads, and the other reads its remaining capacity cannot
    // serve go to replicas. Consistency not given counts every read as one a
    // replica may serve, the dearer reading for Aurora (more instances), as
    // strong is DynamoDB's. Load beyond one writer is the single-writer
    // warning's, never more replicas.
    let writer_read_share = match fig.consistency {
        Some("strong") => 1.0,
        Some("mixed") => a.mixed_strong_read_share.value,
        _ => 0.0,
    };
    let writer_acu = peak_read_acu
        .zip(peak_write_acu)
        .map(|(r, w)| w + r * writer_read_share);
    let replicas = peak_read_acu.zip(writer_acu).map(|(r, writer)| {
        let writer_room = (AURORA_MAX_ACU - writer).max(0.0);
        ((r * (1.0 - writer_read_share) - writer_room).max(0.0) / AURORA_MAX_ACU).ceil()
    });
    // The instances run at 0.5 ACU at least, so a light load's peak is that
    // floor, not less: otherwise the peak read below the average it bounds.
    // The average is unchanged (the load share is at most 1).
    let peak_acu = needed_acu
        .zip(replicas)
        .map(|(peak, replicas)| peak.max((1.0 + replicas) * AURORA_MIN_ACU));
    if fig.consistency.is_none() && replicas.is_some_and(|r| r > 0.0) {
        assumptions.push(
            "Consistency not given: the Aurora reads the writer cannot serve go to read \
             replicas, which serve only reads that may trail the latest write (strongly \
             consistent reads would all go to the writer)."
                .into(),
        );
    }
    let strong_reads_on_writer = writer_read_share > 0.0 && peak_read_acu.is_some_and(|r| r > 0.0);
    if let Some(w) = peak_write_acu.filter(|w| *w > AURORA_MAX_ACU) {
        warnings.push(format!(
            "Aurora: the peak writes need about {} ACUs, more than the Aurora Serverless v2 \
             maximum of 256 per instance (a provisioned instance class can be larger, yet it is \
             still one writer); Aurora has a single writer per cluster, so this write rate \
             needs sharding or DynamoDB.",
            g_above(w, AURORA_MAX_ACU)
        ));
    } else if let Some(w) = writer_acu.filter(|w| *w > AURORA_MAX_ACU) {
        warnings.push(format!(
            "Aurora: the peak writes and the strongly consistent reads, which replicas cannot \
             serve as they trail the writer, need about {} ACUs, more than the Aurora \
             Serverless v2 maximum of 256 per instance; a cache does not serve strongly consistent reads \
             either, so this needs eventually consistent reads, sharding or DynamoDB.",
            g_above(w, AURORA_MAX_ACU)
        ));
    } else if let Some(w) = writer_acu.filter(|w| *w > AURORA_MAX_ACU * NEAR_WRITER_LIMIT) {
        warnings.push(format!(
            "Aurora: the peak writes{} need about {} ACUs, {} the Aurora Serverless \
             v2 maximum of 256 per instance; Aurora has a single writer per cluster, so there is little room \
             for the {} to grow.",
            if strong_reads_on_writer {
                " and the strongly consistent reads (the writer serves them)"
            } else {
                ""
            },
            g(w),
            if w >= AURORA_MAX_ACU {
                "all of".to_owned()
            } else {
                // Whole percent, rounded down: 255.9 ACUs is not "100%".
                format!("{}% of", (w / AURORA_MAX_ACU * 100.0).floor())
            },
            if strong_reads_on_writer {
                "load"
            } else {
                "write rate"
            },
        ));
    }
    // Not in the chain above: a writer already over half full must not
    // hide that strong reads would be more than it serves at all. Only the
    // writes alone past the maximum say more than this would.
    if let Some(all) = needed_acu.filter(|all| {
        fig.consistency.is_none()
            && *all > AURORA_MAX_ACU
            && !peak_write_acu.is_some_and(|w| w > AURORA_MAX_ACU)
    }) {
        // Priced as if replicas may serve every read (DynamoDB is priced
        // as if every read were strong): whether Aurora can serve the reads
        // at all turns on the answer, so the bill says so.
        warnings.push(format!(
            "Aurora: consistency is not given, and this bill lets read replicas serve the \
             reads; if they must be strongly consistent, they stay on the one writer with the \
             writes (replicas trail it), about {} ACUs, more than the Aurora Serverless v2 \
             maximum of 256 per instance, which needs eventually consistent reads, sharding or \
             DynamoDB.",
            g_above(all, AURORA_MAX_ACU)
        ));
    }
    if let Some(gb) = fig.data_gb.filter(|gb| *gb > AURORA_MAX_STORAGE_GB) {
        warnings.push(format!(
            "Aurora: {} GB of data exceeds the 256 TiB (262,144 GB) limit of one cluster \
             volume (on recent engine versions; 128 TiB on older ones); the Aurora figures \
             price it as if one cluster could hold it, where it needs several clusters or \
             part of it archived (to Amazon S3, not priced here).",
            given(gb)
        ));
    }
    if let Some(r) = replicas.filter(|r| *r > AURORA_MAX_REPLICAS) {
        warnings.push(format!(
            "Aurora: the peak reads need about {} read replicas, beyond the limit of 15 per \
             cluster; add a cache or consider DynamoDB.",
            g(r)
        ));
    }
    let (average_acu, acu_source, compute_formula) = match options.aurora_acu {
        Some(acu) => {
            // A measured average beyond what the instances the estimate
            // counts can run says the cluster is larger than it thinks.
            let instances = 1.0 + replicas.unwrap_or(0.0);
            if acu > instances * AURORA_MAX_ACU {
                let counted = if instances == 1.0 {
                    "the one instance the estimate counts runs (256 ACUs, the Aurora \
                     Serverless v2 maximum)"
                        .to_owned()
                } else {
                    format!(
                        "the {} instances the estimate counts run ({} ACUs in all, 256 each, \
                         the Aurora Serverless v2 maximum)",
                        g(instances),
                        g(instances * AURORA_MAX_ACU)
                    )
                };
                warnings.push(format!(
                    "Aurora: --aurora-acu {} is more than {counted}; the bill prices the ACUs \
                     as given, which need more instances than the capacity figures show.",
                    given(acu),
                ));
            }
            (
                Some(acu),
                "given",
                format!("{} ACU (--aurora-acu)", given(acu)),
            )
        }
        None => {
            assumptions.push(format!(
                "Aurora compute is priced as Aurora Serverless v2 capacity (ACU-hours) and is \
                 an estimate: {} simple operations/s per ACU at peak, scaled \
                 by the average load, at least 0.5 ACU per instance (the lowest that stays \
                 running: 0 ACU means pausing when idle); give --aurora-acu N with your \
                 measured average instead.",
                g(ops_per_acu)
            ));
            // The rule of thumb is for rows of a page or less: larger rows
            // move more bytes per operation, which it does not count.
            if let Some(kb) = fig.item_kb.filter(|kb| *kb > fig.page_kb) {
                warnings.push(format!(
                    "Aurora: the compute estimate counts operations, not bytes; rows of {} KB \
                     span {} pages each, so expect more ACUs than shown (give --aurora-acu N \
                     with a measured figure).",
                    given(kb),
                    g((kb / fig.page_kb).ceil())
                ));
            }
            // The formula shows what the rule of thumb gives, not the
            // floored peak: the floor is its second term, and the result
            // is the same (a floored peak times the load is at most the floor).
            match (needed_acu, replicas) {
                (Some(peak), Some(replicas)) => {
                    let floor = (1.0 + replicas) * AURORA_MIN_ACU;
                    let acu = (peak * load).max(floor);
                    (
                        Some(acu),
                        "estimate",
                        format!(
                            "max({} ACU peak × {} average load, {} instance{} × 0.5 ACU) = {} ACU (estimate)",
                            g(peak),
                            pct(load),
                            g(1.0 + replicas),
                            if replicas == 0.0 { "" } else { "s" },
                            g(acu)
                        ),
                    )
                }
                _ => (None, "estimate", String::new()),
            }
        }
    };
    let compute_missing = format!(
        "{}, or --aurora-acu",
        join_and(&lacking(&["peak_reads_per_sec", "peak_writes_per_sec"]))
    );
    let compute_line = |uplift: f64| match average_acu {
        Some(acu) => {
            let hours = acu * pricing.hours_per_month;
            let unit_price = au.serverless_v2_acu_hour.value * (1.0 + uplift);
            line(
                "compute",
                hours,
                &au.serverless_v2_acu_hour.unit,
                unit_price,
                hours * unit_price,
                format!(
                    "{compute_formula} × {} h × {}{}",
                    g(pricing.hours_per_month),
                    price(pricing, au.serverless_v2_acu_hour.value),
                    if uplift > 0.0 {
                        format!(" × {} (I/O-Optimized)", g(1.0 + uplift))
                    } else {
                        String::new()
                    }
                ),
            )
        }
        None => Line {
            formula: format!("needs {compute_missing}"),
            ..unknown_line(
                "compute",
                &au.serverless_v2_acu_hour.unit,
                au.serverless_v2_acu_hour.value * (1.0 + uplift),
                &[],
            )
        },
    };
    let aurora_storage = |entry: &Entry| match fig.data_gb {
        Some(gb) => line(
            "storage",
            gb,
            &entry.unit,
            entry.value,
            gb * entry.value,
            format!("{} GB × {}", given(gb), price(pricing, entry.value)),
        ),
        None => unknown_line(
            "storage",
            &entry.unit,
            entry.value,
            &lacking(&["data_size_gb"]),
        ),
    };
    let miss_share = a.aurora_read_cache_miss_share.value;
    let io_per_month = match (fig.reads, fig.writes, fig.item_kb) {
        (Some(r), Some(w), Some(kb)) => {
            let per_read = (kb / fig.page_kb).ceil().max(1.0);
            let per_write = (kb / AURORA_WRITE_IO_KB).ceil().max(1.0);
            Some((
                (r * miss_share * per_read + w * per_write) * load * seconds,
                per_read,
                per_write,
            ))
        }
        _ => None,
    };
    let page = if fig.page_kb == AURORA_MYSQL_PAGE_KB {
        "Aurora MySQL's page, for the MySQL in use today"
    } else {
        "Aurora PostgreSQL's page; Aurora MySQL's is 16 KB, counted when the engine today is MySQL"
    };
    assumptions.push(format!(
        "Aurora I/O: {} of reads miss the buffer cache and read one {} KB page per started {} KB \
         ({page}); each write costs one I/O per started 4 KB (at most: AWS batches \
         concurrent log records smaller than 4 KB into one).",
        pct(miss_share),
        g(fig.page_kb),
        g(fig.page_kb),
    ));
    // DynamoDB's price includes its copies in three Availability Zones;
    // Aurora's storage is copied likewise, but a standby instance is extra.
    assumptions.push(
        "Aurora instances: the writer and the read replicas the peak reads need, with no \
         standby to fail over to in another Availability Zone (AWS advises one in production; \
         it adds one more instance's compute). DynamoDB's prices include its copies in three \
         Availability Zones."
            .into(),
    );
    let io_line = match (io_per_month, fig.reads, fig.writes) {
        (Some((ios, per_read, per_write)), Some(r), Some(w)) => {
            let millions = ios / 1e6;
            line(
                "io",
                millions,
                &au.io_per_million_standard.unit,
                au.io_per_million_standard.value,
                millions * au.io_per_million_standard.value,
                format!(
                    "({} reads/s × {} cache misses × {} + {} writes/s × {}) × {} average load × \
                     {} s = {} million × {}",
                    given(r),
                    pct(miss_share),
                    g(per_read),
                    given(w),
                    g(per_write),
                    pct(load),
                    g(seconds),
                    g(millions),
                    price(pricing, au.io_per_million_standard.value)
                ),
            )
        }
        _ => unknown_line(
            "io",
            &au.io_per_million_standard.unit,
            au.io_per_million_standard.value,
            &lacking(&["peak_reads_per_sec", "peak_writes_per_sec", "item_size_kb"]),
        ),
    };
    let uplift = au.io_optimized_compute_uplift.value;
    let standard = plan(
        "standard",
        "Standard",
        vec![
            compute_line(0.0),
            aurora_storage(&au.storage_per_gb_month_standard),
            io_line,
        ],
    );
    let io_optimized = plan(
        "io_optimized",
        "I/O-Optimized",
        vec![
            compute_line(uplift),
            aurora_storage(&au.storage_per_gb_month_io_optimized),
        ],
    );
    let io_share = standard.total.and_then(|total| {
        let io = standard.lines.iter().find(|l| l.item == "io")?.monthly?.0;
        (total.0 > 0.0).then(|| io / total.0)
    });
    let advised_above = au.io_optimized_advised_above.value;
    if let Some(share) = io_share.filter(|share| *share > advised_above) {
        // AWS's share is a rule of thumb; the two bills are the answer, and
        // when they disagree with it the warning says so.
        let dearer = match (standard.total, io_optimized.total) {
            (Some(s), Some(o)) if o.0 >= s.0 => format!(
                ", yet here I/O-Optimized comes to more ({} against {}: its compute and \
                 storage cost more than the I/O it saves)",
                format_money(&pricing.currency, o.0),
                format_money(&pricing.currency, s.0)
            ),
            _ => String::new(),
        };
        warnings.push(format!(
            "Aurora: I/O is {} of the Standard bill, above the {} at which AWS suggests \
             Aurora I/O-Optimized{dearer}.",
            pct(share_shown_above(share, advised_above)),
            pct(advised_above)
        ));
    }
    let aurora_plans = vec![standard, io_optimized];
    let aurora = CandidateEstimate {
        capacity: AuroraCapacity {
            average_acu: average_acu.map(Num),
            acu_source,
            peak_acu: peak_acu.map(Num),
            read_replicas: replicas.map(Num),
            io_requests_per_month: io_per_month.map(|(ios, _, _)| Num(ios.round())),
            io_share_of_standard: io_share.map(|s| Num(share_shown_above(s, advised_above))),
        },
        cheapest: cheapest(&aurora_plans),
        plans: aurora_plans,
    };

    let mut inputs = serde_json::Map::new();
    let mut put = |key: &str, value: serde_json::Value| {
        inputs.insert(key.to_owned(), value);
    };
    let num = |v: Option<f64>| v.map_or(serde_json::Value::Null, number::to_json);
    let text = |v: Option<&str>| v.map_or(serde_json::Value::Null, |s| s.into());
    put("peak_reads_per_sec", num(fig.reads));
    put("peak_writes_per_sec", num(fig.writes));
    put("data_size_gb", num(fig.data_gb));
    put("item_size_kb", num(fig.item_kb));
    put("consistency", text(fig.consistency));
    put("transactions", text(fig.transactions));
    put("traffic_pattern", text(fig.traffic));
    put("average_load", number::to_json(significant(load)));
    put("aurora_acu", num(options.aurora_acu));

    // A pack that compares only one of the two keeps only the notes about it
    // (and the general ones); every note names the service it is about.
    let compared = |id: &str| pack.candidate_index(id).is_some();
    let (aurora_in, dynamodb_in) = (compared("aurora"), compared("dynamodb"));
    let about_the_pack = |note: &String| {
        let (a, d) = (note.contains("Aurora"), note.contains("DynamoDB"));
        !(a || d) || (a && aurora_in) || (d && dynamodb_in)
    };
    if !(aurora_in && dynamodb_in) {
        assumptions.retain(about_the_pack);
        warnings.retain(about_the_pack);
    }

    Estimates {
        pricing: PricingRef {
            name: pricing.name.clone(),
            region: pricing.region.clone(),
            currency: pricing.currency.clone(),
            as_of: pricing.as_of.clone(),
        },
        inputs,
        assumptions,
        missing,
        warnings,
        aurora,
        dynamodb,
        not_priced: pack
            .candidates
            .iter()
            .filter(|c| !matches!(c.id.as_str(), "aurora" | "dynamodb"))
            .map(|c| c.id.clone())
            .collect(),
    }
}
