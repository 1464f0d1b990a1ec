//! A workload: the answers to the pack's fields, each known or unknown, and
//! the axis priorities. Every front end (flags, JSON, the interview) builds
//! one of these, and results are derived from it alone, which is what makes
//! their JSON byte-identical.

use crate::error::Problem;
use crate::number;
use crate::pack::{Field, FieldKind, Pack};
use crate::raw::Raw;
use crate::raw::{clipped, quoted};
use crate::suggest;

/// Largest accepted priority weight; larger values are almost surely typos.
pub const MAX_WEIGHT: f64 = 1000.0;

/// One known answer. Choices are option indices so evaluation never compares strings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// Index into the field's options.
    Choice(usize),
    /// A yes/no answer.
    Bool(bool),
    /// A number within the field's bounds.
    Number(f64),
}

/// The answers, indexed like `pack.fields`, and the priorities, indexed like `pack.axes`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workload {
    /// `None` means unknown.
    pub values: Vec<Option<Value>>,
    /// `None` means the axis keeps the pack's default weight.
    pub priorities: Vec<Option<f64>>,
}

/// The key a document may use to name its JSON Schema for an editor; read
/// past, as it answers nothing.
pub const SCHEMA_KEY: &str = "$schema";

impl Workload {
    /// A workload where every field is unknown.
    pub fn empty(pack: &Pack) -> Self {
        Workload {
            values: vec![None; pack.fields.len()],
            priorities: vec![None; pack.axes.len()],
        }
    }

    /// True when no field is answered and no priority set.
    pub fn is_empty(&self) -> bool {
        self.values.iter().all(Option::is_none) && self.priorities.iter().all(Option::is_none)
    }

    /// The weight of each axis: the priority if given, else the pack's default.
    pub fn weights(&self, pack: &Pack) -> Vec<f64> {
        pack.axes
            .iter()
            .zip(&self.priorities)
            .map(|(axis, p)| p.unwrap_or(axis.weight))
            .collect()
    }

    /// Copies every known answer and priority of `other` over this one (later wins).
    pub fn merge(&mut self, other: &Workload) {
        for (mine, theirs) in self.values.iter_mut().zip(&other.values) {
            if theirs.is_some() {
                *mine = *theirs;
            }
        }
        for (mine, theirs) in self.priorities.iter_mut().zip(&other.priorities) {
            if theirs.is_some() {
                *mine = *theirs;
            }
        }
    }

    /// Ids of the fields without an answer, in pack order.
    pub fn unknown<'p>(&self, pack: &'p Pack) -> Vec<&'p str> {
        pack.fields
            .iter()
            .zip(&self.values)
            .filter(|(_, v)| v.is_none())
            .map(|(f, _)| f.id.as_str())
            .collect()
    }

    /// Reads a workload from a document tree, checking every key and value
    /// against the pack. All problems are returned, each with its field path.
    pub fn from_raw(pack: &Pack, raw: &Raw) -> Result<Workload, Vec<Problem>> {
        let Raw::Map(entries) = raw else {
            // A document read as YAML is whatever its text is (`NaN`, `42`,
            // a sentence): the value is quoted, as no JSON was written.
            let found = match raw {
                Raw::Null | Raw::List(_) | Raw::Map(_) => raw.kind().to_owned(),
                // Infinity and not-a-number say so in words already.
                Raw::Number(n) if !n.is_finite() => raw.show(),
                _ => format!("{} ({})", raw.kind(), raw.show()),
            };
            // `use_case:gaming` is one YAML string: the colon needs a space.
            let help = match raw {
                Raw::String(text) => colon_space_help(text),
                _ => None,
            };
            return Err(vec![Problem::new(
                "",
                format!("expected an object of answers, found {found}"),
            )
            .with_help(help.unwrap_or_else(|| "write the workload as {\"field\": value, ...} (JSON) or as `field: value` lines (YAML); `dbadvisor schema` lists the fields".to_owned()))]);
        };
        let mut workload = Workload::empty(pack);
        let mut problems = Vec::new();
        let mut fields_listed = false;
        for (key, value) in entries {
            if key == "priorities" {
                read_priorities(pack, value, &mut workload, &mut problems);
                continue;
            }
            if key == SCHEMA_KEY {
                // How a JSON or YAML file names its schema for an editor
                // (`dbadvisor schema` writes one): not an answer.
                if !matches!(value, Raw::String(_)) {
                    problems.push(
                        Problem::new(
                            SCHEMA_KEY,
                            format!("expected the schema's path or URL, found {}", value.kind()),
                        )
                        .with_help("write \"$schema\": \"workload.schema.json\" (the file `dbadvisor schema` writes), or leave it out"),
                    );
                }
                continue;
            }
            let Some(index) = pack.field_index(key) else {
                let names = pack
                    .fields
                    .iter()
                    .map(|f| f.id.as_str())
                    .chain(["priorities", SCHEMA_KEY]);
                let problem = Problem::new(crate::raw::key_place(key), "unknown field");
                problems.push(if problems.len() >= MAX_LISTED_PROBLEMS {
                    problem // not listed: only counted, so no hint to work out
                } else if key == "<<" {
                    problem.with_help(crate::error::MERGE_KEY_HELP)
                } else {
                    // The fields listed once, not again for each unknown key.
                    match suggest::suggestion(key, names.clone()) {
                        Some(suggested) => problem.with_help(suggested),
                        None if fields_listed => {
                            problem.with_help("expected one of the fields listed above")
                        }
                        None => {
                            fields_listed = true;
                            problem.with_help(suggest::listing(names))
                        }
                    }
                });
                continue;
            };
            match field_value_from_raw(&pack.fields[index], value) {
                Ok(v) => workload.values[index] = v,
                Err(p) => problems.push(p),
            }
        }
        if problems.is_empty() {
            Ok(workload)
        } else {
            Err(capped(problems))
        }
    }

    /// The answers as a JSON object in pack order, with `priorities` last when
    /// any is set: the canonical form written by `--save` and echoed in results.
    pub fn to_json(&self, pack: &Pack) -> serde_json::Value {
        let mut map = serde_json::Map::new();
        for (field, value) in pack.fields.iter().zip(&self.values) {
            if let Some(v) = value {
                map.insert(field.id.clone(), value_to_json(field, *v));
            }
        }
        let mut priorities = serde_json::Map::new();
        for (axis, p) in pack.axes.iter().zip(&self.priorities) {
            if let Some(w) = p {
                priorities.insert(axis.id.clone(), number::to_json(*w));
            }
        }
        if !priorities.is_empty() {
            map.insert("priorities".into(), serde_json::Value::Object(priorities));
        }
        serde_json::Value::Object(map)
    }
}

/// A value as JSON: option id, boolean or number.
pub fn value_to_json(field: &Field, value: Value) -> serde_json::Value {
    match (value, &field.kind) {
        (Value::Choice(i), FieldKind::Choice(options)) => options[i].id.clone().into(),
        (Value::Bool(b), _) => b.into(),
        (Value::Number(n), _) => number::to_json(n),
        // A choice index on a non-choice field cannot be built through this crate's API.
        (Value::Choice(i), _) => i.into(),
    }
}

/// A value for people: the option label, yes/no, or the number with its unit.
/// Numbers keep all their digits (as in the JSON result): a field's value is
/// an answer, a threshold or a value to try, never a computed figure with
/// float noise to round away.
pub fn value_label(field: &Field, value: Value) -> String {
    match (value, &field.kind) {
        (Value::Choice(i), FieldKind::Choice(options)) => options[i].label.clone(),
        (Value::Bool(true), _) => "yes".into(),
        (Value::Bool(false), _) => "no".into(),
        (Value::Number(n), FieldKind::Number(spec)) => {
            format!("{} {}", number::GroupedExact(n), spec.unit)
                .trim_end()
                .to_owned()
        }
        (Value::Number(n), _) => number::GroupedExact(n).to_string(),
        (Value::Choice(i), _) => i.to_string(),
    }
}

/// An answer that changes the outcome, for people: [`value_label`], except
/// that a number between two of the field's thresholds is said as that
/// interval ("over 400 KB", "under 1 ms", "over 10 GB and under 100 GB"),
/// since every number in it gives the same result. The value itself (one
/// past the threshold, 401 KB) read as the one figure that does it.
pub fn change_label(field: &Field, value: Value) -> String {
    let (Value::Number(n), FieldKind::Number(spec)) = (value, &field.kind) else {
        return value_label(field, value);
    };
    let region = crate::engine::region(&spec.thresholds, n);
    if region % 2 == 1 {
        return value_label(field, value); // a threshold itself
    }
    // Below threshold `below`, above the one before it.
    let below = region / 2;
    let label = |t: f64| value_label(field, Value::Number(t));
    // A threshold outside the accepted range bounds nothing a person can give.
    let low = below
        .checked_sub(1)
        .map(|i| spec.thresholds[i])
        .filter(|&t| t >= spec.min);
    let high = spec
        .thresholds
        .get(below)
        .copied()
        .filter(|&t| t <= spec.max);
    match (low, high) {
        (Some(low), Some(high)) => format!("over {} and under {}", label(low), label(high)),
        (Some(low), None) => format!("over {}", label(low)),
        (None, Some(high)) => format!("under {}", label(high)),
        (None, None) => value_label(field, value),
    }
}

/// A value as typed on the command line: option id, `yes`/`no`, or the number.
pub fn value_arg(field: &Field, value: Value) -> String {
    match (value, &field.kind) {
        (Value::Choice(i), FieldKind::Choice(options)) => options[i].id.clone(),
        (Value::Bool(true), _) => "yes".into(),
        (Value::Bool(false), _) => "no".into(),
        // All the digits: the command line must give back the same answer.
        (Value::Number(n), _) => number::Exact(n).to_string(),
        (Value::Choice(i), _) => i.to_string(),
    }
}

/// Parses a field's value as typed by a person (flags, prompts):
/// an option id, `yes`/`no`/`true`/`false`, or a number with optional suffix.
/// The error is one line, the fix (if known) after a semicolon.
pub fn parse_value(field: &Field, text: &str) -> Result<Value, String> {
    parse_value_with_help(field, text).map_err(|problem| match problem.help {
        Some(help) => format!("{}; {help}", problem.message),
        None => problem.message,
    })
}

/// What a yes/no flag or answer accepts.
const YES_NO_HELP: &str = "accepted: yes or no (also y/n, true/false)";

/// "expected one of: a, b, c": a choice field's option ids.
fn expected_options(options: &[crate::pack::ChoiceOption]) -> String {
    let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
    format!("expected one of: {}", ids.join(", "))
}

/// [`parse_value`] with the fix apart, as a [`Problem`] placed at the flag.
pub fn parse_value_with_help(field: &Field, text: &str) -> Result<Value, Problem> {
    let place = format!("--{}", field.flag());
    // `--multi-region ''` (an unset shell variable): not "`` is not an option".
    if text.trim().is_empty() {
        let help = match &field.kind {
            FieldKind::Choice(options) => expected_options(options),
            FieldKind::Bool => YES_NO_HELP.to_owned(),
            FieldKind::Number(spec) => format!("accepted: {}", spec.describe_range()),
        };
        return Err(Problem::new(place, "the value is empty").with_help(help));
    }
    match &field.kind {
        FieldKind::Choice(options) => {
            let text = text.trim();
            options
                .iter()
                .position(|o| o.id == text)
                .or_else(|| loose_option(options.iter().map(|o| o.id.as_str()), text))
                .map(Value::Choice)
                .ok_or_else(|| {
                    Problem::new(place, format!("`{}` is not an option", clipped(text)))
                        .with_help(suggest::hint(text, options.iter().map(|o| o.id.as_str())))
                })
        }
        FieldKind::Bool => match text.trim().to_ascii_lowercase().as_str() {
            "yes" | "y" | "true" => Ok(Value::Bool(true)),
            "no" | "n" | "false" => Ok(Value::Bool(false)),
            other => Err(
                Problem::new(place, format!("`{}` is not yes or no", clipped(other)))
                    .with_help(YES_NO_HELP),
            ),
        },
        FieldKind::Number(spec) => {
            let typed = text.trim();
            let (text, unit_written) = without_unit(typed, &spec.unit);
            // With the unit written out (`4k KB`), the k can only be thousand.
            if let Some(problem) = ambiguous_suffix(text, spec).filter(|_| !unit_written) {
                return Err(Problem { place, ..problem });
            }
            // Quoting what was typed, unit and all (`20 kwrites/s`).
            if let Some(problem) = another_unit(text, typed, spec) {
                return Err(Problem { place, ..problem });
            }
            number::parse_human(text)
                // Quoting what was typed, unit and all (`4 KB KB`).
                .map_err(|m| {
                    if unit_written {
                        number::parse_human(typed).err().unwrap_or(m)
                    } else {
                        m
                    }
                })
                .and_then(|n| spec.check_shown(n, &shown_as_typed(text, n)))
                .map(Value::Number)
                .map_err(|message| {
                    Problem::new(place, message)
                        .with_help(format!("accepted: {}", spec.describe_range()))
                })
        }
    }
}

/// The one option `typed` names when case and the separator between words
/// are ignored (`Gaming`, `active-active`, `multi item`), as flags and the
/// interview are typed by people who know `--kebab-case`; `None` when none
/// or several do (an empty id, an answer without one, is never named).
/// Documents (JSON, YAML) keep the exact ids: they are data, written once.
pub(crate) fn loose_option<'a>(ids: impl Iterator<Item = &'a str>, typed: &str) -> Option<usize> {
    let loose = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '-' | ' ' => '_',
                c => c.to_ascii_lowercase(),
            })
            .collect()
    };
    let wanted = loose(typed);
    let mut found = ids
        .enumerate()
        .filter(|(_, id)| !id.is_empty() && loose(id) == wanted);
    match (found.next(), found.next()) {
        (Some((index, _)), None) => Some(index),
        _ => None,
    }
}

/// How a refusal quotes a number given as `typed`: as `value` reads, every
/// digit grouped, and with what was typed beside it where the two read
/// differently: a number below the smallest double (`1e-400`, read as 0, as
/// JSON reads it) or with more digits than a double keeps
/// (`99999999999999999999999`, read as 100,000,000,000,000,000,000,000).
fn shown_as_typed(typed: &str, value: f64) -> String {
    let mantissa = typed
        .split(['e', 'E'])
        .next()
        .unwrap_or_default()
        .trim_end_matches(['k', 'K', 'm', 'M', 'g', 'G', 'b', 'B']);
    let digits = mantissa
        .chars()
        .filter(char::is_ascii_digit)
        .skip_while(|&c| c == '0')
        .collect::<String>();
    let significant = digits.trim_end_matches('0').len();
    let underflow = value == 0.0 && !digits.is_empty();
    let shown = number::GroupedExact(value).to_string();
    if underflow || significant > 15 {
        format!("`{}` (read as {shown})", crate::raw::clipped(typed))
    } else {
        shown
    }
}

/// `text` without the field's own unit after the number (`2 KB`, `500gb`,
/// `20k writes/s`): the answer is in that unit anyway. True when a unit was
/// taken off.
fn without_unit<'t>(text: &'t str, unit: &str) -> (&'t str, bool) {
    if unit.is_empty() || text.len() <= unit.len() {
        return (text, false);
    }
    // A byte unit also as its binary name (`KiB` for KB): sizes count in
    // 1,024s here, so they are one unit.
    let binary = byte_unit_power(unit)
        .filter(|_| unit.len() == 2)
        .map(|_| format!("{}i{}", &unit[..1], &unit[1..]));
    // Milliseconds by their other names (`5msec`), longest first, so that
    // `msecs` is not read as `msec` after an `s`.
    let millis: &[&str] = if unit.eq_ignore_ascii_case("ms") {
        &["milliseconds", "millisecond", "msecs", "msec"]
    } else {
        &[]
    };
    // A rate by its other spellings (`20k writes per second`,
    // `20k writes/sec`): the same unit.
    let rates: Vec<String> = match unit.strip_suffix("/s") {
        Some(what) if !what.is_empty() => ["/second", "/sec", " per second", " per sec"]
            .iter()
            .map(|per| format!("{what}{per}"))
            .collect(),
        _ => Vec::new(),
    };
    for unit in std::iter::once(unit)
        .chain(binary.as_deref())
        .chain(millis.iter().copied())
        .chain(rates.iter().map(String::as_str))
    {
        let Some(cut) = text.len().checked_sub(unit.len()) else {
            continue;
        };
        match (text.get(..cut), text.get(cut..)) {
            (Some(number), Some(tail))
                if tail.eq_ignore_ascii_case(unit) && !number.trim().is_empty() =>
            {
                return (number.trim_end(), true);
            }
            _ => {}
        }
    }
    (text, false)
}

/// A number followed by a unit that is not the field's (`1 TB` for a size
/// in GB, `20k reads/s` for writes): said as that, not "not a number".
/// `text` is what was typed with the field's own unit taken off; the
/// message quotes `typed`, unit and all (`20 kwrites/s`).
fn another_unit(text: &str, typed: &str, spec: &crate::pack::NumberSpec) -> Option<Problem> {
    // Only for text that is no number at all: `1e400` is one, too large.
    let not_a_number = match number::parse_human(text) {
        Ok(_) => false,
        Err(why) => why.ends_with("is not a number"),
    };
    if spec.unit.is_empty() || !not_a_number {
        return None;
    }
    // The longest number first: `20k reads/s` is 20k and `reads/s`, `20k/s`
    // is 20k and `/s`; an exponent (`1e5x`) is part of the number.
    let split = text.char_indices().skip(1).filter(|&(at, c)| {
        let exponent = matches!(c, 'e' | 'E')
            && text[at + 1..].starts_with(|n: char| n.is_ascii_digit() || n == '+' || n == '-');
        (c.is_alphabetic() || c == '/') && !exponent && number::parse_human(&text[..at]).is_ok()
    });
    let (mut at, _) = split.last()?;
    // A byte unit is one word: `1.5MB` is 1.5 and `MB`, not 1.5M and `B`;
    // `400KiB` is 400 and `KiB`.
    // Likewise `100 bytes` is 100 and `bytes`, not 100b (billion) and
    // `ytes`: a magnitude letter that starts a unit belongs to the unit.
    if text[..at].ends_with(|c: char| c.is_ascii_alphabetic())
        && unit_size(text[at - 1..].trim()).is_some()
    {
        at -= 1;
    }
    let tail = text[at..].trim();
    let unit = &spec.unit;
    // An unfinished exponent (`2e`), or the unit twice (`4 KB KB`), is
    // just not a number.
    if tail.eq_ignore_ascii_case("e") || tail.eq_ignore_ascii_case(unit) {
        return None;
    }
    // A rate per second, said again: the unit already is.
    if unit.ends_with("/s")
        && ["/s", "/sec", "/second", "per second", "ps"]
            .iter()
            .any(|per| tail.eq_ignore_ascii_case(per))
    {
        let number = text[..at].trim();
        return Some(
            Problem::new(
                "",
                format!(
                    "`{}` is not a number alone: `{}` is said already, as this answer is in {unit}",
                    clipped(typed),
                    clipped(tail)
                ),
            )
            .with_help(format!(
                "write `{number}` (or `{number} {unit}`); accepted: {}",
                spec.describe_range()
            )),
        );
    }
    // `20 k`: a magnitude set apart from its number (on a size, `4 K` may
    // be 4 KB: `ambiguous_suffix` says both readings before this).
    let magnitude = matches!(tail, "k" | "K" | "m" | "M" | "g" | "G" | "B");
    let bare = text[..at].trim();
    if magnitude && byte_unit_power(unit).is_none() && text[..at].ends_with(' ') {
        if let Ok(n) = number::parse_human(&format!("{bare}{tail}")) {
            return Some(
                Problem::new(
                    "",
                    format!(
                        "`{}` is not a number: a suffix such as `{tail}` goes right after the number",
                        clipped(typed)
                    ),
                )
                .with_help(format!(
                    "write {bare}{tail} ({} {unit}); accepted: {}",
                    number::Grouped(n),
                    spec.describe_range()
                )),
            );
        }
    }
    // On a size, `T` or `P` alone is no magnitude (those are k, m and b),
    // so it can only be short for TB or PB: converted as such.
    let as_unit = match tail {
        "T" | "t" | "P" | "p" if byte_unit_power(unit).is_some() => {
            format!("{}B", tail.to_ascii_uppercase())
        }
        _ => tail.to_owned(),
    };
    Some(
        Problem::new(
            "",
            format!(
                "`{}` is not a number alone: this answer is in {unit}, and `{}` is not that unit",
                clipped(typed),
                clipped(tail)
            ),
        )
        .with_help(match converted(&text[..at], &as_unit, unit) {
            Some((n, per, kind)) => {
                // A byte unit by its usual name; a lowercase `b` is a bit to
                // some (`1 Tb`, a terabit), and a letter alone (`1.5T`) is
                // short for it: said as the byte unit it is read as.
                let (named, reading, counted, counted_short) = match kind {
                    UnitKind::Time => (tail.to_owned(), String::new(), "", ""),
                    UnitKind::Bytes => {
                        let named = canonical_byte_unit(&as_unit);
                        let reading = match tail.ends_with('b') || as_unit != tail {
                            true => format!("reading `{tail}` as {named}: "),
                            false => String::new(),
                        };
                        (
                            named,
                            reading,
                            ", counted in 1,024s as AWS counts sizes",
                            " (counted in 1,024s)",
                        )
                    }
                };
                let ratio = if per >= 1.0 {
                    format!("{reading}1 {named} is {} {unit}", number::Grouped(per))
                } else {
                    format!(
                        "{reading}{} {named} is 1 {unit}",
                        number::Grouped(1.0 / per)
                    )
                };
                match spec.check(n) {
                    // Every digit, to copy (`0.48828125`, not `0.488281`).
                    Ok(_) => format!(
                        "write it in {unit}: {n} ({ratio}{counted}); accepted: {}",
                        spec.describe_range()
                    ),
                    // `-5TB`: no number to write, but why.
                    Err(why) => format!(
                        "{ratio}{counted_short}, and {why}; accepted: {}",
                        spec.describe_range()
                    ),
                }
            }
            None => format!(
                "write the number of {unit} alone; accepted: {}",
                spec.describe_range()
            ),
        }),
    )
}

/// What a unit measures, for converting between two of a kind.
#[derive(Clone, Copy, PartialEq, Eq)]
enum UnitKind {
    Bytes,
    Time,
}

/// How many bytes (sizes count in 1,024s here: a GB is 2^30 bytes, as AWS
/// counts storage, so `KiB` and `KB` are one unit) or milliseconds one
/// `unit` is; `None` for a unit of anything else.
fn unit_size(unit: &str) -> Option<(UnitKind, f64)> {
    if let Some(power) = byte_unit_power(unit) {
        return Some((UnitKind::Bytes, 1024f64.powi(i32::try_from(power).ok()?)));
    }
    let size = match unit.to_lowercase().as_str() {
        "b" | "byte" | "bytes" => (UnitKind::Bytes, 1.0),
        // In nanoseconds, so every size is a whole number, held exactly.
        "ns" => (UnitKind::Time, 1.0),
        "us" | "µs" | "μs" => (UnitKind::Time, 1e3),
        "ms" => (UnitKind::Time, 1e6),
        "s" | "sec" | "secs" | "second" | "seconds" => (UnitKind::Time, 1e9),
        "min" | "mins" | "minute" | "minutes" => (UnitKind::Time, 6e10),
        _ => return None,
    };
    Some(size)
}

/// `number` of the unit `tail` (`TB`, `bytes`, `s`) in the unit `unit` of
/// the same kind, with how many of `unit` one `tail` is; `None` unless
/// both are units of one kind and `number` is a number. Into a larger
/// unit the number is divided by the whole ratio, as a person would: `5ns`
/// times a millionth (which no `f64` holds) is 0.0000049999999999999996 ms,
/// 5 divided by a million is 0.000005.
fn converted(number: &str, tail: &str, unit: &str) -> Option<(f64, f64, UnitKind)> {
    let (from_kind, from) = unit_size(tail)?;
    let (to_kind, to) = unit_size(unit)?;
    if from_kind != to_kind {
        return None;
    }
    let n = number::parse_human(number.trim()).ok()?;
    let value = if from >= to {
        n * (from / to)
    } else {
        n / (to / from)
    };
    Some((value, from / to, to_kind))
}

/// A byte unit (`tb`, `mib`, `bytes`) as it is usually written: `TB`,
/// `MiB`, `B`.
fn canonical_byte_unit(unit: &str) -> String {
    if byte_unit_power(unit).is_none() {
        return "B".to_owned();
    }
    let mut chars = unit.chars();
    let prefix = chars.next().map(|c| c.to_ascii_uppercase());
    let binary = chars.as_str().len() == 2;
    prefix
        .into_iter()
        .chain(binary.then_some('i'))
        .chain(['B'])
        .collect()
}

/// The power of 1,024 a byte unit (`KB`, `GB`, in any case, or by its
/// binary name, `KiB`: sizes count in 1,024s here) stands for: 1 for KB, 3
/// for GB; `None` for a unit that counts anything else. On a field with
/// such a unit, a magnitude suffix alone is refused (see
/// `ambiguous_suffix`).
pub fn byte_unit_power(unit: &str) -> Option<usize> {
    let mut chars = unit.chars();
    let prefix = chars.next()?;
    let rest = chars.as_str();
    if rest.eq_ignore_ascii_case("b") || rest.eq_ignore_ascii_case("ib") {
        byte_power(prefix).filter(|&p| p > 0)
    } else {
        None
    }
}

/// A number written as text (`"20000"`; YAML's `010`, `1_000` and `10k`
/// are text too): `found` says so, with the plain number to write when it
/// passes `checked`, else why not and `range_help`.
fn number_as_text(
    place: String,
    found: String,
    n: f64,
    checked: Result<f64, String>,
    range_help: String,
) -> Problem {
    match checked {
        // "Without quotes" alone would puzzle whoever wrote YAML's `10k`.
        Ok(_) => Problem::new(place, found).with_help(format!(
            "write it as a plain number: {} ({})",
            number::format(n),
            number::READ_AS_TEXT
        )),
        Err(why) => {
            Problem::new(place, format!("{found}, and as a number {why}")).with_help(range_help)
        }
    }
}

/// The power of 1,024 a letter names as a byte unit: B 0, K 1, M 2, G 3,
/// T 4, P 5, E 6.
fn byte_power(letter: char) -> Option<usize> {
    "BKMGTPE".find(letter.to_ascii_uppercase())
}

/// A magnitude suffix that is also a byte unit's letter, on a size: `4K`
/// for an item size in KB means 4,000 KB (k is thousand), though it looks
/// like 4 KB; `5M` for a data size in GB means 5,000,000 GB, past Aurora's
/// 256 TiB, though it may be 5 MB; a `B` is billion, or bytes. Refused,
/// with both readings, rather than taken either way, since either reading
/// can rule a candidate out unseen. The fix offers the magnified number
/// only when the field accepts it.
fn ambiguous_suffix(text: &str, spec: &crate::pack::NumberSpec) -> Option<Problem> {
    let unit = spec.unit.as_str();
    if unit.eq_ignore_ascii_case("ms") {
        return ambiguous_on_millis(text, spec);
    }
    let unit_power = byte_unit_power(unit)?;
    let suffix = text.chars().last()?;
    let suffix_power = byte_power(suffix)?;
    let word = match suffix.to_ascii_uppercase() {
        'K' => "thousand",
        'M' => "million",
        'G' | 'B' => "billion",
        _ => return None, // T is no magnitude: another unit, said as that
    };
    // `4 K` as `4K`: the letter set apart is as ambiguous.
    let bare = text[..text.len() - suffix.len_utf8()].trim_end();
    let joined = format!("{bare}{suffix}");
    let (Ok(plain), Ok(magnified)) = (number::parse_human(bare), number::parse_human(&joined))
    else {
        return None;
    };
    let (message, mut help) = if suffix_power == unit_power {
        (
            format!(
                "`{}` reads like {} {unit}, but {suffix} means {word}: {} {unit}",
                clipped(text),
                number::Grouped(plain),
                number::Grouped(magnified)
            ),
            format!(
                "write {} for {} {unit}",
                number::format(plain),
                number::Grouped(plain)
            ),
        )
    } else {
        let units = ["bytes", "kilobytes", "megabytes", "gigabytes"];
        let other = units.get(suffix_power).copied().unwrap_or("bytes");
        let ratio = |steps: usize| match steps {
            1 => "1,024",
            2 => "1,048,576",
            3 => "2^30",
            _ => "2^40",
        };
        // The larger unit first: 1 GB is 1,024 MB; 1 MB is 1,024 KB.
        let scale = if suffix_power < unit_power {
            let small = if suffix_power == 0 {
                "bytes".to_string()
            } else {
                format!("{}B", &"BKMGT"[suffix_power..=suffix_power])
            };
            format!("1 {unit} is {} {small}", ratio(unit_power - suffix_power))
        } else {
            format!(
                "1 {}B is {} {unit}",
                &"BKMGT"[suffix_power..=suffix_power],
                ratio(suffix_power - unit_power)
            )
        };
        (
            format!(
                "`{}` is ambiguous: {suffix} means {word} ({} {unit}), or {other}",
                clipped(text),
                number::Grouped(magnified)
            ),
            // Bytes are not what was typed: the size goes in the field's
            // unit, and the magnified reading follows when it is allowed.
            format!("write the size in {unit} ({scale})"),
        )
    };
    if spec.check(magnified).is_ok() {
        help.push_str(&format!(
            ", or {} for {} {unit}",
            number::format(magnified),
            number::Grouped(magnified)
        ));
    }
    Some(Problem::new("", message).with_help(help))
}

/// An `m` on a time in ms (`0.5m`): million as a magnitude, yet it reads as
/// minutes, or as ms cut short; taken as million, a sub-millisecond target
/// became eight minutes unseen. Refused with the readings, as a byte
/// unit's letter on a size is.
fn ambiguous_on_millis(text: &str, spec: &crate::pack::NumberSpec) -> Option<Problem> {
    let suffix = text.chars().last()?;
    let bare = text.strip_suffix(['m', 'M'])?.trim_end();
    let magnified = number::parse_human(&format!("{bare}M")).ok()?;
    let plain = number::parse_human(bare).ok().filter(|n| *n != 0.0)?;
    let minutes = plain * 60_000.0;
    // Each reading the field accepts, as the number to write for it.
    let readings: Vec<String> = [
        (plain, format!("{} ms", number::Grouped(plain))),
        (minutes, format!("{} min", number::Grouped(plain))),
        (magnified, format!("{} ms", number::Grouped(magnified))),
    ]
    .into_iter()
    .filter(|(n, _)| spec.check(*n).is_ok())
    .map(|(n, said)| format!("{} for {said}", number::format(n)))
    .collect();
    let help = match readings.as_slice() {
        [] => format!("write the time in ms; accepted: {}", spec.describe_range()),
        [only] => format!("write the time in ms: {only}"),
        [first @ .., last] => format!("write the time in ms: {}, or {last}", first.join(", ")),
    };
    Some(
        Problem::new(
            "",
            format!(
                "`{}` is ambiguous: {suffix} means million ({} ms), but it reads like minutes, or ms cut short",
                clipped(text),
                number::Grouped(magnified)
            ),
        )
        .with_help(help),
    )
}

/// A number below f64's range that the reader kept as typed (`1e-400`,
/// see [`number::BELOW_RANGE_MARK`]) as the 0 it reads as; any other value
/// as it is.
fn below_range_as_zero(raw: &Raw) -> &Raw {
    static ZERO: Raw = Raw::Number(0.0);
    match raw {
        Raw::String(s) if number::below_range(s).is_some() => &ZERO,
        other => other,
    }
}

fn field_value_from_raw(field: &Field, raw: &Raw) -> Result<Option<Value>, Problem> {
    let place = field.id.clone();
    // As typed when the reader kept it so (`1e-400`): a refusal quotes it.
    let typed = match raw {
        Raw::String(s) => number::below_range(s),
        _ => None,
    };
    match (&field.kind, below_range_as_zero(raw)) {
        (_, Raw::Null) => Ok(None),
        (FieldKind::Choice(options), Raw::String(s)) => {
            match options.iter().position(|o| o.id == *s) {
                Some(i) => Ok(Some(Value::Choice(i))),
                None => Err(
                    Problem::new(place, format!("{} is not an option", quoted(s)))
                        .with_help(suggest::hint(s, options.iter().map(|o| o.id.as_str()))),
                ),
            }
        }
        (FieldKind::Choice(options), other) => Err(Problem::new(
            place,
            format!(
                "expected one of the options as a string, found {}",
                other.kind()
            ),
        )
        .with_help(expected_options(options))),
        (FieldKind::Bool, Raw::Bool(b)) => Ok(Some(Value::Bool(*b))),
        (FieldKind::Bool, other) => Err(Problem::new(
            place,
            format!("expected true or false, found {}", other.show()),
        )
        .with_help(bool_word_help(other))),
        (FieldKind::Number(spec), Raw::Number(n)) => match typed {
            Some(typed) => spec.check_shown(*n, &shown_as_typed(typed, *n)),
            None => spec.check(*n),
        }
        .map(|n| Some(Value::Number(n)))
        .map_err(|m| {
            Problem::new(place, m).with_help(format!("accepted: {}", spec.describe_range()))
        }),
        // YAML reads a number beyond f64 (`1e400`) as text: said as what it
        // is, like the flags and JSON say it.
        (FieldKind::Number(spec), Raw::String(s)) if number::beyond_range(s).is_some() => Err(
            Problem::new(place, number::beyond_range(s).unwrap_or_default())
                .with_help(format!("accepted: {}", spec.describe_range())),
        ),
        (FieldKind::Number(spec), Raw::String(s)) => Err(number_in_string(field, spec, s)),
        (FieldKind::Number(spec), other) => Err(Problem::new(
            place,
            format!("expected a number, found {}", other.show()),
        )
        .with_help(format!(
            "write a plain number; accepted: {}",
            spec.describe_range()
        ))),
    }
}

/// A number field answered with a string (`"20000"`, and YAML's `10k`,
/// `4 KB` or `1_000`, which it reads as text): read as the flags read it,
/// so a document gets the flags' words for `4K` (4 KB or 4,000 KB?), `1 TB`,
/// `1,5` or `0x10`, and the plain number to write when the text means one.
fn number_in_string(field: &Field, spec: &crate::pack::NumberSpec, s: &str) -> Problem {
    let place = field.id.clone();
    let found = format!("expected a number, found the string {s:?}");
    let range_help = format!(
        "write a plain number (not in quotes); accepted: {}",
        spec.describe_range()
    );
    let refused = match parse_value_with_help(field, s) {
        Ok(Value::Number(n)) => return number_as_text(place, found, n, Ok(n), range_help),
        Ok(_) => None,
        Err(problem) => Some(problem),
    };
    match (refused, number::parse_human(s)) {
        // A number the field's range refuses: both said at once (the hint
        // alone would lead to a second error).
        (_, Ok(n)) if ambiguous_suffix(s.trim(), spec).is_none() => {
            number_as_text(place, found, n, spec.check(n), range_help)
        }
        (Some(problem), _) if !problem.message.ends_with("` is not a number") => {
            let help = match problem.help {
                Some(help) => format!("{help} (a number, not in quotes)"),
                None => "write it as a number, not in quotes".to_owned(),
            };
            Problem::new(place, problem.message).with_help(help)
        }
        _ => Problem::new(place, format!("expected a number, found {}", quoted(s))).with_help(
            format!("write a plain number; accepted: {}", spec.describe_range()),
        ),
    }
}

/// The fix for a yes/no answer written otherwise: the flags and the
/// interview take `yes`, but in a document it is text, not a boolean.
fn bool_word_help(raw: &Raw) -> &'static str {
    let Raw::String(s) = raw else {
        return "write true or false";
    };
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" | "no" | "y" | "n" | "on" | "off" => {
            "write true or false (in YAML and JSON, yes/no are plain strings)"
        }
        "true" | "false" => "write true or false without quotes",
        _ => "write true or false",
    }
}

fn read_priorities(pack: &Pack, raw: &Raw, workload: &mut Workload, problems: &mut Vec<Problem>) {
    let entries = match raw {
        Raw::Map(entries) => entries,
        Raw::Null => return,
        other => {
            problems.push(
                Problem::new(
                    "priorities",
                    format!("expected an object, found {}", other.kind()),
                )
                .with_help(
                    match other {
                        Raw::String(text) => colon_space_help(text),
                        _ => None,
                    }
                    .unwrap_or_else(|| "write priorities as {\"scalability\": 2}".to_owned()),
                ),
            );
            return;
        }
    };
    for (key, value) in entries {
        let place = format!("priorities.{}", crate::raw::key_place(key));
        let Some(axis) = pack.axis_index(key) else {
            problems.push(
                Problem::new(place, "unknown axis")
                    .with_help(suggest::hint(key, pack.axes.iter().map(|a| a.id.as_str()))),
            );
            continue;
        };
        match below_range_as_zero(value) {
            Raw::Number(w) => match check_weight(*w) {
                Ok(w) => workload.priorities[axis] = Some(w),
                Err(m) => problems.push(Problem::new(place, m).with_help(WEIGHT_RANGE_HELP)),
            },
            Raw::Null => {}
            // `1e400`, which YAML (and the JSON reader) keep as text.
            Raw::String(s) if number::beyond_range(s).is_some() => problems.push(
                Problem::new(place, number::beyond_range(s).unwrap_or_default())
                    .with_help(WEIGHT_RANGE_HELP),
            ),
            // A number in quotes (or YAML's `2k`, which it reads as text):
            // the plain number to write, as a number field says it.
            Raw::String(s) if number::parse_human(s).is_ok() => {
                let n = number::parse_human(s).unwrap_or_default();
                problems.push(number_as_text(
                    place,
                    format!("expected a weight (a number), found the string {s:?}"),
                    n,
                    check_weight(n),
                    WEIGHT_RANGE_HELP.to_owned(),
                ));
            }
            other => problems.push(
                Problem::new(
                    place,
                    format!("expected a weight (a number), found {}", other.show()),
                )
                .with_help(WEIGHT_RANGE_HELP),
            ),
        }
    }
}

/// The `help:` for a weight out of range.
pub const WEIGHT_RANGE_HELP: &str = "accepted: 0 to 1,000 (1 is the default; 0 ignores the axis)";

/// Checks an axis weight: finite, at least 0, at most [`MAX_WEIGHT`].
pub fn check_weight(weight: f64) -> Result<f64, String> {
    if !weight.is_finite() {
        Err("weight must be a finite number".into())
    } else if weight < 0.0 {
        Err(format!(
            "weight {} is negative",
            number::GroupedExact(weight)
        ))
    } else if weight > MAX_WEIGHT {
        Err(format!(
            "weight {} is above the maximum {}",
            number::GroupedExact(weight),
            number::Grouped(MAX_WEIGHT)
        ))
    } else {
        Ok(weight)
    }
}

/// Problems listed for one workload, at most: a document of a hundred
/// thousand unknown keys gets the first of them and a count, not a
/// hundred thousand lines (nobody fixes them one by one).
pub const MAX_LISTED_PROBLEMS: usize = 50;

/// `problems`, cut to [`MAX_LISTED_PROBLEMS`] with a last line counting
/// the rest.
fn capped(mut problems: Vec<Problem>) -> Vec<Problem> {
    if problems.len() > MAX_LISTED_PROBLEMS {
        let rest = problems.len() - MAX_LISTED_PROBLEMS;
        problems.truncate(MAX_LISTED_PROBLEMS);
        problems.push(Problem::new(
            "",
            format!(
                "and {} more problem{} not listed",
                crate::number::Grouped(rest as f64),
                if rest == 1 { "" } else { "s" }
            ),
        ));
    }
    problems
}

/// The fix for a `key:value` written without the space YAML needs after the
/// colon: the key a plain name (`use_case`, `peak-reads`), the value not
/// empty and not starting with a space (nor `//`, as in a URL).
pub(crate) fn colon_space_help(line: &str) -> Option<String> {
    let (key, value) = line.trim().split_once(':')?;
    let plain_key = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    let bare_value =
        !value.is_empty() && !value.starts_with([' ', '\t', ':']) && !value.starts_with("//");
    (plain_key && bare_value)
        .then(|| format!("YAML needs a space after a key's colon: `{key}: {value}`"))
}

#[cfg(test)]
mod tests {
    use super::loose_option;

    #[test]
    fn a_loose_option_is_the_one_it_names_or_none() {
        let ids = ["single_item", "multi_item", "complex"];
        assert_eq!(loose_option(ids.into_iter(), "Multi-Item"), Some(1));
        assert_eq!(loose_option(ids.into_iter(), "multi  item"), None);
        assert_eq!(loose_option(ids.into_iter(), "multi"), None);
        // Two ids a pack tells apart only by case: neither is guessed.
        assert_eq!(loose_option(["ab", "AB"].into_iter(), "Ab"), None);
    }

    /// A changing number is said as the interval it stands for: one past
    /// a limit (401 KB) read as the one figure that does it.
    #[test]
    fn a_changing_number_is_said_as_its_interval() {
        use super::{change_label, Value};
        let pack = crate::pack::Pack::embedded().unwrap();
        let field = |id| &pack.fields[pack.field_index(id).unwrap()];
        let say = |id, n| change_label(field(id), Value::Number(n));
        assert_eq!(say("item_size_kb", 401.0), "over 400 KB");
        assert_eq!(say("item_size_kb", 3.0), "under 4 KB");
        assert_eq!(
            say("peak_writes_per_sec", 5001.0),
            "over 5,000 writes/s and under 10,000 writes/s"
        );
        // A threshold itself, and answers that are not numbers, as typed.
        assert_eq!(say("item_size_kb", 400.0), "400 KB");
        assert_eq!(
            change_label(field("schema"), Value::Choice(0)),
            super::value_label(field("schema"), Value::Choice(0))
        );
    }
}
