//! The price table behind the cost estimates (`rules/pricing.yaml`, or
//! `--pricing PATH`): region, currency, an `as_of` date, each price with its
//! unit and source, and the stated assumptions the estimate makes where a
//! workload cannot say. Loaded and validated like a decision pack: every
//! problem at once, shape (wrong types, unknown or missing keys) and
//! semantic (a price without a source, a share above 1), each at its line.

use serde::{Deserialize, Serialize};

use serde_yaml::Value;

use crate::error::{plain_words, Error, Problem, Result};
use crate::suggest;

/// The name errors use for the table compiled into the binary.
pub const EMBEDDED_PRICING_NAME: &str = "<embedded rules/pricing.yaml>";

/// The price table's YAML source, as compiled in.
pub const EMBEDDED: &str = include_str!("../rules/pricing.yaml");

/// The same table turned into JSON by `build.rs`: parsed several times faster.
const EMBEDDED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/embedded-pricing.json"));

/// One price (or priced quantity) with where it comes from.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The figure, in the table's currency per `unit` (or the quantity).
    pub value: f64,
    /// What one `value` buys, for people: `million read request units`.
    // Defaults to empty so that a missing one is reported with every other
    // problem in the table (a shape error would stop at the first).
    #[serde(default)]
    pub unit: String,
    /// Where the figure was read.
    #[serde(default)]
    pub source: String,
}

/// A stated guess the estimate makes, with the reason.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assumption {
    /// The assumed figure.
    pub value: f64,
    /// What it means and why it is a guess.
    #[serde(default)]
    pub why: String,
}

/// DynamoDB prices.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DynamoDbPrices {
    /// On-demand, per million write request units.
    pub on_demand_write_per_million: Entry,
    /// On-demand, per million read request units.
    pub on_demand_read_per_million: Entry,
    /// Storage per GB-month beyond the free amount.
    pub storage_per_gb_month: Entry,
    /// GB-months of storage free each month.
    pub storage_free_gb: Entry,
    /// Provisioned, per write capacity unit per hour.
    pub provisioned_wcu_hour: Entry,
    /// Provisioned, per read capacity unit per hour.
    pub provisioned_rcu_hour: Entry,
    /// Provisioned read capacity units free each month (the free tier).
    /// Optional, as price tables written before it was added lack it: none
    /// free then.
    #[serde(default)]
    pub provisioned_free_rcu: Option<Entry>,
    /// Provisioned write capacity units free each month (the free tier);
    /// optional, as `provisioned_free_rcu` is.
    #[serde(default)]
    pub provisioned_free_wcu: Option<Entry>,
}

impl DynamoDbPrices {
    /// Provisioned read capacity units free (0 when the table says none).
    pub fn free_rcu(&self) -> f64 {
        self.provisioned_free_rcu.as_ref().map_or(0.0, |e| e.value)
    }

    /// Provisioned write capacity units free (0 when the table says none).
    pub fn free_wcu(&self) -> f64 {
        self.provisioned_free_wcu.as_ref().map_or(0.0, |e| e.value)
    }
}

/// Aurora prices.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AuroraPrices {
    /// Serverless v2, per ACU-hour (Aurora Standard).
    pub serverless_v2_acu_hour: Entry,
    /// Storage per GB-month, Aurora Standard.
    pub storage_per_gb_month_standard: Entry,
    /// Storage per GB-month, Aurora I/O-Optimized.
    pub storage_per_gb_month_io_optimized: Entry,
    /// Per million I/O requests, Aurora Standard (I/O-Optimized has none).
    pub io_per_million_standard: Entry,
    /// Share added to compute under I/O-Optimized (0.30 = 30% more).
    pub io_optimized_compute_uplift: Entry,
    /// AWS suggests I/O-Optimized when I/O exceeds this share of the bill.
    pub io_optimized_advised_above: Entry,
}

/// The estimate's stated guesses.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Assumptions {
    /// Average load over a month as a share of peak, steady traffic.
    pub average_load_steady: Assumption,
    /// The same, traffic with known peaks.
    pub average_load_spiky: Assumption,
    /// The same, unpredictable traffic.
    pub average_load_unpredictable: Assumption,
    /// The same, traffic pattern not given.
    pub average_load_unknown: Assumption,
    /// Share of strongly consistent reads when consistency is mixed.
    pub mixed_strong_read_share: Assumption,
    /// Simple operations per second one ACU serves.
    pub aurora_ops_per_acu: Assumption,
    /// Share of Aurora reads that miss the buffer cache.
    pub aurora_read_cache_miss_share: Assumption,
}

/// A validated price table.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pricing {
    /// Table name.
    pub name: String,
    /// AWS Region the prices are for.
    pub region: String,
    /// ISO 4217 currency code.
    pub currency: String,
    /// The date the prices were read, `YYYY-MM-DD`.
    #[serde(deserialize_with = "date_string")]
    pub as_of: String,
    /// Hours in a billed month (AWS uses 730).
    pub hours_per_month: f64,
    /// DynamoDB prices.
    pub dynamodb: DynamoDbPrices,
    /// Aurora prices.
    pub aurora: AuroraPrices,
    /// Stated guesses.
    pub assumptions: Assumptions,
}

/// YAML reads an unquoted `2026-08-01` as a string already; accept a number-free
/// scalar either way and leave the format check to validation.
fn date_string<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    String::deserialize(d)
}

impl Pricing {
    /// The table compiled into the binary.
    pub fn embedded() -> Result<Pricing> {
        let mut deserializer = serde_json::Deserializer::from_str(EMBEDDED_JSON);
        let parsed = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            vec![Problem::new(
                e.path().to_string(),
                plain_words(&e.inner().to_string()),
            )]
        });
        // Problems name lines of the YAML the JSON was made from.
        Pricing::checked(parsed, EMBEDDED, EMBEDDED_PRICING_NAME)
    }

    /// Parses and validates a price table; `source_name` names it in errors.
    pub fn load(text: &str, source_name: &str) -> Result<Pricing> {
        // A byte-order mark is not content (see `Pack::load`).
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = &*crate::input::comment_separators_as_spaces(text);
        if crate::error::says_nothing(text) {
            return Err(Error::Pricing {
                source_name: source_name.to_owned(),
                problems: vec![Problem::new("", "the price table is empty")
                    .with_help(
                        "start from a copy of the built-in table: `dbadvisor rules show --pricing > my-prices.yaml`",
                    )],
            });
        }
        if let Some(problem) = crate::pack::too_deep(text)
            .or_else(|| crate::input::raw_control_character(text, 1))
            .or_else(|| crate::yaml_aliases::expand_beyond(text, crate::pack::MAX_PACK_BYTES, 1))
        {
            return Err(Error::Pricing {
                source_name: source_name.to_owned(),
                problems: vec![problem],
            });
        }
        let parsed = serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(text))
            .map_err(|e| crate::error::keys_not_fields(every_problem(text, &e)));
        // Its region names and notes are shown too (see the pack's check).
        if parsed.is_ok() {
            let controls = crate::pack::control_characters(text);
            if !controls.is_empty() {
                return Err(Error::Pricing {
                    source_name: source_name.to_owned(),
                    problems: controls,
                });
            }
        }
        Pricing::checked(parsed, text, source_name)
    }

    /// A parsed table, or its problems, after the semantic checks.
    fn checked(
        parsed: std::result::Result<Pricing, Vec<Problem>>,
        text: &str,
        source_name: &str,
    ) -> Result<Pricing> {
        let problems = match parsed {
            Ok(pricing) => {
                let problems = pricing.problems(text);
                if problems.is_empty() {
                    return Ok(pricing);
                }
                problems
            }
            Err(problems) => problems,
        };
        Err(Error::Pricing {
            source_name: source_name.to_owned(),
            problems,
        })
    }

    fn entries(&self) -> Vec<(&'static str, &'static str, &Entry)> {
        let d = &self.dynamodb;
        let a = &self.aurora;
        let optional = [
            ("provisioned_free_rcu", &d.provisioned_free_rcu),
            ("provisioned_free_wcu", &d.provisioned_free_wcu),
        ]
        .into_iter()
        .filter_map(|(key, entry)| entry.as_ref().map(|e| ("dynamodb", key, e)));
        let mut entries = vec![
            (
                "dynamodb",
                "on_demand_write_per_million",
                &d.on_demand_write_per_million,
            ),
            (
                "dynamodb",
                "on_demand_read_per_million",
                &d.on_demand_read_per_million,
            ),
            ("dynamodb", "storage_per_gb_month", &d.storage_per_gb_month),
            ("dynamodb", "storage_free_gb", &d.storage_free_gb),
            ("dynamodb", "provisioned_wcu_hour", &d.provisioned_wcu_hour),
            ("dynamodb", "provisioned_rcu_hour", &d.provisioned_rcu_hour),
            (
                "aurora",
                "serverless_v2_acu_hour",
                &a.serverless_v2_acu_hour,
            ),
            (
                "aurora",
                "storage_per_gb_month_standard",
                &a.storage_per_gb_month_standard,
            ),
            (
                "aurora",
                "storage_per_gb_month_io_optimized",
                &a.storage_per_gb_month_io_optimized,
            ),
            (
                "aurora",
                "io_per_million_standard",
                &a.io_per_million_standard,
            ),
            (
                "aurora",
                "io_optimized_compute_uplift",
                &a.io_optimized_compute_uplift,
            ),
            (
                "aurora",
                "io_optimized_advised_above",
                &a.io_optimized_advised_above,
            ),
        ];
        entries.extend(optional);
        entries
    }

    /// Assumptions with the range each must lie in: `(name, value, min, max)`,
    /// where a share must be above 0 and at most 1.
    fn assumption_ranges(&self) -> Vec<(&'static str, &Assumption, f64, f64)> {
        let s = &self.assumptions;
        vec![
            ("average_load_steady", &s.average_load_steady, 0.0, 1.0),
            ("average_load_spiky", &s.average_load_spiky, 0.0, 1.0),
            (
                "average_load_unpredictable",
                &s.average_load_unpredictable,
                0.0,
                1.0,
            ),
            ("average_load_unknown", &s.average_load_unknown, 0.0, 1.0),
            (
                "mixed_strong_read_share",
                &s.mixed_strong_read_share,
                0.0,
                1.0,
            ),
            // An ACU is 2 GiB of memory with its CPU: between 1 and a million
            // simple operations a second, whatever the engine.
            ("aurora_ops_per_acu", &s.aurora_ops_per_acu, 1.0, 1e6),
            (
                "aurora_read_cache_miss_share",
                &s.aurora_read_cache_miss_share,
                0.0,
                1.0,
            ),
        ]
    }

    fn problems(&self, text: &str) -> Vec<Problem> {
        let mut problems = Vec::new();
        let at = |path: &[&str]| place(text, path);
        if let Some((why, help)) = date_problem(&self.as_of) {
            problems.push(
                Problem::new(at(&["as_of"]), format!("as_of: {:?} {why}", self.as_of))
                    .with_help(help),
            );
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|c| c.is_ascii_uppercase()) {
            problems.push(
                Problem::new(
                    at(&["currency"]),
                    format!("currency: {:?} is not an ISO 4217 code", self.currency),
                )
                .with_help("write three capital letters, such as USD or EUR"),
            );
        }
        if self.region.trim().is_empty() {
            problems.push(Problem::new(at(&["region"]), "region: must not be empty"));
        }
        if !(self.hours_per_month.is_finite()
            && self.hours_per_month >= 672.0
            && self.hours_per_month <= 744.0)
        {
            problems.push(
                Problem::new(
                    at(&["hours_per_month"]),
                    format!(
                        "hours_per_month: {} is not the length of a month in hours",
                        shown(self.hours_per_month)
                    ),
                )
                .with_help("AWS prices a month as 730 hours"),
            );
        }
        for (section, key, entry) in self.entries() {
            // Above MAX_PRICE, a price times the largest quantities overflows to infinity.
            if !(entry.value.is_finite() && (0.0..=MAX_PRICE).contains(&entry.value)) {
                problems.push(Problem::new(
                    at(&[section, key, "value"]),
                    format!(
                        "{section}.{key}.value: {} must be a number from 0 to 1,000,000,000",
                        shown(entry.value)
                    ),
                ));
            }
            if entry.unit.trim().is_empty() {
                problems.push(
                    Problem::new(
                        at(&[section, key, "unit"]),
                        format!("{section}.{key}.unit: every price needs a unit"),
                    )
                    .with_help("say what one value buys, such as: million write request units"),
                );
            }
            if entry.source.trim().is_empty() {
                problems.push(
                    Problem::new(
                        at(&[section, key, "source"]),
                        format!("{section}.{key}.source: every price needs a source"),
                    )
                    .with_help("name the AWS page or Price List API offer it was read from"),
                );
            }
        }
        // Two entries are shares, not prices: 30 for 30% would price
        // I/O-Optimized compute at 31 times Standard's, without a word.
        let a = &self.aurora;
        for (key, entry) in [
            (
                "io_optimized_compute_uplift",
                &a.io_optimized_compute_uplift,
            ),
            ("io_optimized_advised_above", &a.io_optimized_advised_above),
        ] {
            let v = entry.value;
            if v.is_finite() && v > 1.0 && v <= MAX_PRICE {
                problems.push(
                    Problem::new(
                        at(&["aurora", key, "value"]),
                        format!("aurora.{key}.value: {} is a share, from 0 to 1", shown(v)),
                    )
                    .with_help(format!(
                        "write a percentage as a share: {}% is {}",
                        shown(v),
                        shown(v / 100.0)
                    )),
                );
            }
        }
        for (key, assumption, low, high) in self.assumption_ranges() {
            if assumption.why.trim().is_empty() {
                problems.push(
                    Problem::new(
                        at(&["assumptions", key, "why"]),
                        format!("assumptions.{key}.why: every assumption needs its reason"),
                    )
                    .with_help("say what the figure means and why it is a guess"),
                );
            }
            let v = assumption.value;
            if !(v.is_finite() && v > low && v <= high) {
                problems.push(Problem::new(
                    at(&["assumptions", key, "value"]),
                    format!(
                        "assumptions.{key}.value: {} must be above {} and at most {}",
                        shown(v),
                        shown(low),
                        shown(high)
                    ),
                ));
            }
        }
        problems
    }
}

/// A figure in a message: grouped like the bounds beside it (2,000,000,000),
/// 1e+308 rather than 309 digits, NaN as NaN.
fn shown(value: f64) -> String {
    if value.is_finite() {
        crate::number::GroupedExact(value).to_string()
    } else {
        value.to_string()
    }
}

/// The largest unit price a table may give (in any currency).
const MAX_PRICE: f64 = 1e9;

/// How many problems one table may list before the rest are left unsaid.
const MAX_PROBLEMS: usize = 100;

/// Every problem of a table serde could not read, not only the first one
/// (`first`, which keeps its line and column). Like the pack loader, which
/// reads each list item again on its own, the table is read again: as a
/// tree, mending after each problem the spot it names with the embedded
/// table's figure there (an unknown key is dropped), so the next reading
/// goes past it. Once the tree reads, the semantic checks run as well, so a
/// missing source is listed beside a wrong type; mended spots hold valid
/// figures and add no problems of their own. A misspelt key is reported as
/// unknown, with a did-you-mean, and not again as the key it missed. A YAML
/// syntax error stops at the first problem: nothing after it can be read.
fn every_problem(
    text: &str,
    first: &serde_path_to_error::Error<serde_yaml::Error>,
) -> Vec<Problem> {
    let mut problems = vec![crate::pack::shape_problem(first, text)];
    let first_path = first.path().to_string();
    let reference = Pricing::embedded()
        .ok()
        .and_then(|p| serde_yaml::to_value(p).ok());
    let (Ok(mut tree), Some(reference)) = (serde_yaml::from_str::<Value>(text), reference) else {
        return problems;
    };
    // Unknown keys dropped so far: (path of their mapping, key).
    let mut dropped: Vec<(Vec<String>, String)> = Vec::new();
    let mut first_seen = false;
    for _ in 0..MAX_PROBLEMS {
        let e = match serde_path_to_error::deserialize::<_, Pricing>(tree.clone()) {
            Ok(mended) => {
                problems.extend(mended.problems(text));
                break;
            }
            Err(e) => e,
        };
        let Some(path) = e
            .path()
            .iter()
            .map(|step| match step {
                serde_path_to_error::Segment::Map { key } => Some(key.clone()),
                _ => None,
            })
            .collect::<Option<Vec<String>>>()
        else {
            break;
        };
        let message = e.inner().to_string();
        let mut problem = crate::pack::shape_problem(&e, text);
        let mut report = true;
        let mended = if let Some(key) = quoted_after(&message, "unknown field `") {
            let parent = &path[..path.len().saturating_sub(1)];
            if let Some(Value::Mapping(known)) = node(&reference, parent) {
                // The message lists the known keys; the help is for a typo.
                let names = known.keys().filter_map(Value::as_str);
                problem.help = suggest::did_you_mean(key, names)
                    .map(|name| format!("did you mean `{name}`?"))
                    .or(problem.help.take());
            }
            dropped.push((parent.to_vec(), key.to_owned()));
            node_mut(&mut tree, parent)
                .and_then(Value::as_mapping_mut)
                .and_then(|map| map.remove(key))
                .is_some()
        } else if let Some(key) = quoted_after(&message, "missing field `") {
            report = !dropped
                .iter()
                .any(|(at, typo)| *at == path && suggest::did_you_mean(typo, [key]).is_some());
            let mut full = path.clone();
            full.push(key.to_owned());
            match (node(&reference, &full), node_mut(&mut tree, &path)) {
                (Some(figure), Some(Value::Mapping(map))) => {
                    map.insert(Value::from(key), figure.clone());
                    true
                }
                _ => false,
            }
        } else {
            match (node(&reference, &path), node_mut(&mut tree, &path)) {
                (Some(figure), Some(spot)) if spot != figure => {
                    *spot = figure.clone();
                    true
                }
                _ => false,
            }
        };
        if !first_seen && e.path().to_string() == first_path {
            // The first problem again: it is listed already, with its column.
            first_seen = true;
            problems[0].help = problem.help;
        } else if report {
            let keys: Vec<&str> = path.iter().map(String::as_str).collect();
            problem.place = place(text, &keys);
            problems.push(problem);
        }
        if !mended {
            break;
        }
    }
    // In the order of the text; problems without a line last.
    problems.sort_by_key(|p| {
        p.place
            .strip_prefix("line ")
            .and_then(|rest| rest.split(',').next()?.parse::<usize>().ok())
            .unwrap_or(usize::MAX)
    });
    problems
}

/// `name` in a message such as ``unknown field `name`, expected …``.
fn quoted_after<'m>(message: &'m str, start: &str) -> Option<&'m str> {
    message.strip_prefix(start)?.split('`').next()
}

/// The value at a key path of a tree.
fn node<'v>(tree: &'v Value, path: &[String]) -> Option<&'v Value> {
    path.iter().try_fold(tree, |at, key| at.get(key.as_str()))
}

/// The value at a key path of a tree, to change.
fn node_mut<'v>(tree: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter()
        .try_fold(tree, |at, key| at.get_mut(key.as_str()))
}

/// `line N` for a key path in a YAML text (each key found below the
/// previous one, indented deeper); for a key that is missing, the line of
/// its deepest parent that is there (the messages name the full path).
fn place(text: &str, path: &[&str]) -> String {
    let mut lines = text.lines().enumerate();
    let mut indent: Option<usize> = None;
    let mut deepest = None;
    for key in path {
        let wanted = format!("{key}:");
        let mut found = None;
        for (n, line) in lines.by_ref() {
            let trimmed = line.trim_start();
            let this = line.len() - trimmed.len();
            if indent.is_some_and(|i| this <= i) && !trimmed.is_empty() && !trimmed.starts_with('#')
            {
                break;
            }
            if trimmed.starts_with(&wanted) {
                found = Some(n + 1);
                indent = Some(this);
                break;
            }
        }
        match found {
            Some(line) => deepest = Some(line),
            None => break,
        }
    }
    match deepest {
        Some(line) => format!("line {line}"),
        // A key missing from the top level: where that mapping starts, as
        // serde names the first one.
        None if path.is_empty() => crate::pack::mapping_start(text),
        None => String::new(),
    }
}

/// Why `text` is not a day that exists written `YYYY-MM-DD` (year 1 to
/// 9999), with the help to give; `None` when it is one.
fn date_problem(text: &str) -> Option<(String, String)> {
    let b = text.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shaped {
        return Some((
            "is not a date written YYYY-MM-DD".to_owned(),
            "write the day the prices were read, e.g. 2026-08-01".to_owned(),
        ));
    }
    let number = |range: std::ops::Range<usize>| text[range].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (number(0..4), number(5..7), number(8..10));
    if year == 0 {
        return Some((
            "has no year 0: years start at 0001".to_owned(),
            "write the year the prices were read, e.g. 2026-08-01".to_owned(),
        ));
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => {
            return Some((
                format!("has no month {month:02}: months go from 01 to 12"),
                "write the month as 01 (January) to 12 (December), e.g. 2026-08-01".to_owned(),
            ))
        }
    };
    if !(1..=days).contains(&day) {
        let month = &text[..7];
        return Some((
            format!("is not a day that exists: {month} has {days} days"),
            format!("write a day from {month}-01 to {month}-{days}"),
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_loads() {
        let yaml = Pricing::load(EMBEDDED, "yaml").unwrap();
        let p = Pricing::embedded().unwrap();
        assert_eq!(
            serde_json::to_string(&yaml).unwrap(),
            serde_json::to_string(&p).unwrap(),
            "the build-time JSON is the YAML table"
        );
        assert_eq!(p.region, "us-east-1");
        assert_eq!(p.currency, "USD");
        assert_eq!(p.dynamodb.on_demand_write_per_million.value, 0.625);
        assert_eq!(p.aurora.serverless_v2_acu_hour.value, 0.12);
    }

    #[test]
    fn places_name_the_line_of_a_nested_key() {
        let text = "a: 1\nb:\n  x: 1\n  y:\n    z: 2\nc:\n  y: 3\n";
        assert_eq!(place(text, &["b", "y"]), "line 4");
        assert_eq!(place(text, &["c", "y"]), "line 7");
        // Missing: the line of the deepest parent that is there.
        assert_eq!(place(text, &["c", "q"]), "line 6");
        assert_eq!(place(text, &["q"]), "");
    }

    /// A missing source, unit or reason does not hide the other problems.
    #[test]
    fn missing_sources_units_and_reasons_are_listed_with_the_rest() {
        let mut lines: Vec<&str> = EMBEDDED.lines().collect();
        let first_source = lines
            .iter()
            .position(|l| l.trim_start().starts_with("source:"))
            .unwrap();
        lines.remove(first_source);
        let first_unit = lines
            .iter()
            .position(|l| l.trim_start().starts_with("unit:"))
            .unwrap();
        lines.remove(first_unit);
        let text = lines.join("\n").replace("value: 0.625", "value: -1");
        let Err(Error::Pricing { problems, .. }) = Pricing::load(&text, "p.yaml") else {
            panic!("a broken table loaded");
        };
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            text.iter().any(|t| t.contains("needs a source")),
            "{text:#?}"
        );
        assert!(text.iter().any(|t| t.contains("needs a unit")), "{text:#?}");
        assert!(text.iter().any(|t| t.contains("-1 must be")), "{text:#?}");
        assert!(text.iter().all(|t| t.starts_with("line ")), "{text:#?}");
    }

    #[test]
    fn control_characters_are_refused_at_their_place() {
        let raw = EMBEDDED.replacen("region: us-east-1", "region: us-east-\u{1b}1", 1);
        let escaped = EMBEDDED.replacen("region: us-east-1", "region: \"us-east-\\e1\"", 1);
        for (text, place) in [(raw, "line 13, column 17"), (escaped, "line 13, region")] {
            let Err(Error::Pricing { problems, .. }) = Pricing::load(&text, "p.yaml") else {
                panic!("a table with a control character loaded");
            };
            assert_eq!(problems.len(), 1, "{problems:#?}");
            assert_eq!(problems[0].place, place, "{problems:#?}");
            assert!(problems[0].message.contains("U+001B"), "{problems:#?}");
        }
        // A bidirectional control, shown as it is, would reorder the region.
        let bidi = EMBEDDED.replacen("region: us-east-1", "region: us-\u{202E}east-1", 1);
        let Err(Error::Pricing { problems, .. }) = Pricing::load(&bidi, "p.yaml") else {
            panic!("a table with a bidirectional control loaded");
        };
        assert_eq!(problems.len(), 1, "{problems:#?}");
        assert_eq!(problems[0].place, "line 13, region", "{problems:#?}");
        assert!(problems[0].message.contains("U+202E"), "{problems:#?}");
    }

    #[test]
    fn as_of_is_a_day_that_exists() {
        for good in ["2026-08-01", "2024-02-29", "2000-02-29", "2026-12-31"] {
            assert_eq!(date_problem(good), None, "{good}");
        }
        for bad in [
            "2026-02-30",
            "2026-06-31",
            "2025-02-29",
            "1900-02-29",
            "0000-01-01",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026-1-01",
            "26-01-01x",
            "2026/01/01",
        ] {
            assert!(date_problem(bad).is_some(), "{bad}");
        }
        let said = |date: &str| date_problem(date).unwrap().0;
        assert_eq!(
            said("2026-02-30"),
            "is not a day that exists: 2026-02 has 28 days"
        );
        assert_eq!(
            said("2024-02-30"),
            "is not a day that exists: 2024-02 has 29 days"
        );
        assert_eq!(
            said("2026-13-01"),
            "has no month 13: months go from 01 to 12"
        );
        assert_eq!(said("0000-01-01"), "has no year 0: years start at 0001");
        assert_eq!(said("2026/01/01"), "is not a date written YYYY-MM-DD");
    }

    #[test]
    fn every_semantic_problem_is_listed() {
        let text = EMBEDDED
            .replace("value: 0.625", "value: -1")
            .replace("value: 0.125", "value: 1e308")
            .replace(
                "value: 0.25\n    unit: GB-month\n",
                "value: 2000000000\n    unit: GB-month\n",
            )
            .replace("currency: USD", "currency: dollars")
            .replace("as_of: 2026-08-01", "as_of: last summer")
            .replace("    value: 0.1\n", "    value: 1.5\n");
        let Err(Error::Pricing { problems, .. }) = Pricing::load(&text, "p.yaml") else {
            panic!("a broken table loaded");
        };
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 6, "{text:#?}");
        // Grouped like the bound it breaks.
        assert!(
            text.iter().any(|t| t.contains(
                "dynamodb.storage_per_gb_month.value: 2,000,000,000 must be a number from 0 to 1,000,000,000"
            )),
            "{text:#?}"
        );
        // A price so large that a bill would overflow to infinity.
        assert!(
            text.iter().any(|t| t.contains(
                "line 25: dynamodb.on_demand_read_per_million.value: 1e+308 must be a number from 0 to 1,000,000,000"
            )),
            "{text:#?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("on_demand_write_per_million") && t.contains("line 21")),
            "{text:#?}"
        );
        assert!(text.iter().any(|t| t.contains("currency")), "{text:#?}");
        assert!(text.iter().any(|t| t.contains("as_of")), "{text:#?}");
        assert!(
            text.iter()
                .any(|t| t.contains("aurora_read_cache_miss_share") && t.contains("line 104")),
            "{text:#?}"
        );
    }

    /// Every key missing from the top level is named where the table
    /// starts, like the first one serde reports.
    #[test]
    fn every_missing_top_level_key_has_a_place() {
        let Err(Error::Pricing { problems, .. }) =
            Pricing::load("# prices\ncurrency: USD\n", "p.yaml")
        else {
            panic!("a table without figures loaded");
        };
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(text.len() > 2, "{text:#?}");
        for problem in &text {
            assert!(problem.starts_with("line 2, column 1: "), "{text:#?}");
        }
        assert!(
            text.iter().any(|t| t.contains("missing key `aurora`")),
            "{text:#?}"
        );
    }

    /// Shape problems anywhere in the table are listed together, with the
    /// semantic ones, in the order of the text.
    #[test]
    fn every_shape_problem_is_listed_with_the_semantic_ones() {
        let text = EMBEDDED
            .replace("hours_per_month: 730", "hours_per_month: lots\nextra: 1")
            .replace("    value: 0.00065\n", "")
            .replace("currency: USD", "currency: [USD]")
            .replace("    value: 0.1\n", "    value: 1.5\n");
        let Err(Error::Pricing { problems, .. }) = Pricing::load(&text, "p.yaml") else {
            panic!("a broken table loaded");
        };
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 5, "{text:#?}");
        assert!(
            text[0]
                .starts_with("line 14, column 11: currency: invalid type: a list, expected text"),
            "{text:#?}"
        );
        assert_eq!(
            text[1], "line 17: hours_per_month: invalid type: string \"lots\", expected a number",
            "{text:#?}"
        );
        assert!(
            text[2].starts_with("line 18: extra: unknown key `extra`"),
            "{text:#?}"
        );
        assert_eq!(
            text[3], "line 37: dynamodb.provisioned_wcu_hour: missing key `value`",
            "{text:#?}"
        );
        assert!(
            text[4].contains("aurora_read_cache_miss_share.value: 1.5 must be"),
            "{text:#?}"
        );
    }

    #[test]
    fn a_missing_or_unknown_key_is_a_shape_error_with_its_line() {
        let text = EMBEDDED.replace("  provisioned_rcu_hour:", "  provisioned_rcu_hours:");
        let Err(Error::Pricing { problems, .. }) = Pricing::load(&text, "p.yaml") else {
            panic!("a misspelt key loaded");
        };
        assert!(problems[0].place.starts_with("line "), "{problems:?}");
        assert!(
            problems[0].message.contains("provisioned_rcu_hours"),
            "{problems:?}"
        );
    }
}
