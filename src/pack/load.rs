//! Loading a pack from YAML: shape errors with line and column, then every
//! semantic problem (unknown names with a did-you-mean, type mismatches,
//! duplicate ids, examples and test cases that do not come out as expected),
//! each naming the rule, field or example and the line it starts on.

use serde::Deserialize;

use super::{
    Axis, Candidate, Caution, ChoiceOption, Field, FieldKind, NumberSpec, Pack, Rule, TestCase,
    Veto, WorkedExample,
};
use crate::engine::{evaluate, Comparison, Condition, Truth};
use crate::error::{plain_words, Error, Problem, Result};
use crate::output::is_bidi_control;
use crate::raw::Raw;
use crate::suggest;
use crate::workload::{Value, Workload};

/// Largest pack (or price table) file read: a pack with thousands of rules
/// is well under this.
pub const MAX_PACK_BYTES: usize = 16 * 1024 * 1024;

/// The name errors use for the pack compiled into the binary.
pub const EMBEDDED_NAME: &str = "<embedded rules/aurora-vs-dynamodb.yaml>";

/// The most rules, vetoes and cautions a pack may hold, and the most
/// different numbers its conditions may compare one number field with. The
/// analysis works through every range between those numbers for every rule
/// reading the field, so its time grows with their product: 10,000 rules on
/// one field at 1,000 numbers load and answer in about 0.2 s, where 20,000
/// rules each at its own number took 7 s and 470 MB, 60,000 a minute.
pub const MAX_RULES: usize = 10_000;
/// See [`MAX_RULES`].
pub const MAX_NUMBERS_PER_FIELD: usize = 1_000;

/// The most points one rule may give or take: with every rule of a 16 MiB
/// pack and the largest axis weight, totals stay finite.
const MAX_POINTS: f64 = 1e6;

/// dbadvisor's own long options on the commands that take field flags
/// (`crate::cli`): a field whose `--flag` is one of these would clash with it.
pub const RESERVED_FLAGS: &[&str] = &[
    "rules",
    "color",
    "help",
    "version",
    "format",
    "explain",
    "batch",
    "input",
    "example",
    "priority",
    "pricing",
    "aurora-acu",
    "average-load",
    "save",
    "no-input",
];

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    #[serde(deserialize_with = "not_null")]
    name: String,
    /// Read as written: `1.10` stays "1.10" (the schema takes a number).
    #[serde(deserialize_with = "version")]
    version: String,
    #[serde(default, deserialize_with = "optional_one_line")]
    title: Option<String>,
    #[serde(default, deserialize_with = "text")]
    source: Option<String>,
    candidates: Vec<RawCandidate>,
    axes: Vec<RawAxis>,
    fields: Vec<RawField>,
    rules: Vec<RawRule>,
    #[serde(default, deserialize_with = "list")]
    vetoes: Vec<RawVeto>,
    #[serde(default, deserialize_with = "list")]
    cautions: Vec<RawCaution>,
    #[serde(default, deserialize_with = "list")]
    examples: Vec<RawExample>,
    #[serde(default, deserialize_with = "list")]
    tests: Vec<RawTest>,
}

/// An optional list: `null` (`vetoes: null`, `vetoes: ~`) is none, as a key
/// left empty (`vetoes:`) or left out is; YAML reads all three alike.
fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCandidate {
    #[serde(deserialize_with = "not_null")]
    id: String,
    #[serde(deserialize_with = "one_line")]
    name: String,
    #[serde(default, deserialize_with = "one_line_or_empty")]
    summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAxis {
    #[serde(deserialize_with = "not_null")]
    id: String,
    #[serde(deserialize_with = "one_line")]
    title: String,
    #[serde(default = "one")]
    weight: f64,
}

/// Text or `null`. A number or a yes/no value is refused, as the JSON
/// Schema refuses it: YAML reads `id: 404` or `because: true` as one, and
/// taking its spelling as the text would let the editor and the loader
/// disagree. (`version` is the exception: it may be a number, read as
/// written, so it does not come through here.)
fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(Text { required: false })
}

/// Reads text, refusing what YAML reads as something else. With `required`,
/// `null` is refused here, in the visitor: serde_yaml places an error
/// raised while it reads the value at the value, and one raised after at
/// the mapping holding it (`version: ~` was reported at the pack's first
/// line, `because: ~` at its rule's `- id:` line).
struct Text {
    required: bool,
}

fn refused<E: serde::de::Error>(found: &str) -> E {
    E::custom(format!(
        "expected text, found {found}; put it in quotes if it is meant as text"
    ))
}

impl<'de> serde::de::Visitor<'de> for Text {
    type Value = Option<String>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("text")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Some(v.to_owned()))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Some(v))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        if self.required {
            Err(E::custom(NULL_TEXT))
        } else {
            Ok(None)
        }
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.visit_unit()
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Err(refused(&format!("a yes/no value ({v})")))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Err(refused(&format!("a number ({v})")))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Err(refused(&format!("a number ({v})")))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Err(refused(&format!("a number ({})", crate::number::format(v))))
    }
}

/// The message for a required text given as `null` (or `~`).
const NULL_TEXT: &str = "expected text, found null";

/// The pack's version, as written: a number is taken by its spelling
/// (`1.10` stays "1.10"), which [`text`] would lose.
/// `null` reads as no version, which `compile_header` refuses at the key's
/// line (serde_yaml would place an error here at the pack's first line),
/// and so is a yes/no value or `.nan` written unquoted, which only the text
/// tells apart from the quoted word.
fn version<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// Text where the key is required. A YAML `null` (or `~`) is refused: the
/// reader would otherwise take the word "null" as the text.
fn not_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(Text { required: true })
        .map(Option::unwrap_or_default)
}

/// Optional text whose key, when written, needs a value: `winner: ~` (or
/// `winner:` alone) would otherwise read as no winner, silently saying the
/// caution whichever candidate wins.
fn some_not_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    not_null(d).map(Some)
}

/// Optional text: `null` is the same as leaving the key out (not the word "null").
fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(text(d)?.unwrap_or_default())
}

/// A text shown inside a line (a reason, a title, a label), as [`not_null`]
/// reads it, on one line: a line break (from a folded `>` block's end, or
/// typed inside) and the spaces around it become one space, so the text can
/// neither break the table's columns nor start a Markdown heading.
fn one_line<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    not_null(d).map(|text| joined(&text))
}

/// [`one_line`] for optional text ([`null_as_empty`]).
fn one_line_or_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    null_as_empty(d).map(|text| joined(&text))
}

/// [`one_line`] for an `Option`.
fn optional_one_line<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(text(d)?.map(|text| joined(&text)))
}

/// Line breaks: a pack text is one line, so each of these and the spaces
/// around it become one space (Unicode's line and paragraph separators too,
/// which a terminal would otherwise show as it likes).
const LINE_BREAKS: [char; 4] = ['\n', '\r', '\u{2028}', '\u{2029}'];

/// `text` with every line break, and the spaces around it, made one space.
fn joined(text: &str) -> String {
    if !text.contains(LINE_BREAKS) {
        return text.to_owned();
    }
    text.split(LINE_BREAKS)
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn one() -> f64 {
    1.0
}

#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
enum RawFieldType {
    Choice,
    Bool,
    Number,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawField {
    #[serde(deserialize_with = "not_null")]
    id: String,
    #[serde(deserialize_with = "not_null")]
    axis: String,
    #[serde(rename = "type")]
    kind: RawFieldType,
    #[serde(deserialize_with = "one_line")]
    question: String,
    #[serde(default, deserialize_with = "one_line_or_empty")]
    help: String,
    #[serde(default)]
    options: Option<Vec<RawOption>>,
    #[serde(default, deserialize_with = "text")]
    unit: Option<String>,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    min_exclusive: Option<bool>,
    #[serde(default)]
    max: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOption {
    #[serde(deserialize_with = "not_null")]
    id: String,
    #[serde(deserialize_with = "one_line")]
    label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(deserialize_with = "not_null")]
    id: String,
    #[serde(deserialize_with = "not_null")]
    axis: String,
    #[serde(deserialize_with = "not_null")]
    candidate: String,
    points: f64,
    when: RawCondition,
    #[serde(deserialize_with = "one_line")]
    because: String,
    #[serde(deserialize_with = "one_line")]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVeto {
    #[serde(deserialize_with = "not_null")]
    id: String,
    #[serde(deserialize_with = "not_null")]
    candidate: String,
    when: RawCondition,
    #[serde(deserialize_with = "one_line")]
    because: String,
    #[serde(deserialize_with = "one_line")]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCaution {
    #[serde(deserialize_with = "not_null")]
    id: String,
    #[serde(default, deserialize_with = "some_not_null")]
    winner: Option<String>,
    #[serde(default, deserialize_with = "some_not_null")]
    limit_of: Option<String>,
    when: RawCondition,
    #[serde(deserialize_with = "one_line")]
    because: String,
    #[serde(deserialize_with = "one_line")]
    source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCondition {
    #[serde(default)]
    field: Option<String>,
    #[serde(default, deserialize_with = "written")]
    is: Option<Raw>,
    #[serde(default, rename = "in")]
    one_of: Option<Vec<Raw>>,
    #[serde(default, deserialize_with = "written")]
    gt: Option<Raw>,
    #[serde(default, deserialize_with = "written")]
    gte: Option<Raw>,
    #[serde(default, deserialize_with = "written")]
    lt: Option<Raw>,
    #[serde(default, deserialize_with = "written")]
    lte: Option<Raw>,
    #[serde(default)]
    all: Option<Vec<RawCondition>>,
    #[serde(default)]
    any: Option<Vec<RawCondition>>,
    #[serde(default)]
    not: Option<Box<RawCondition>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    #[serde(deserialize_with = "not_null")]
    id: String,
    #[serde(deserialize_with = "one_line")]
    title: String,
    #[serde(default, deserialize_with = "one_line_or_empty")]
    section: String,
    #[serde(deserialize_with = "one_line")]
    text: String,
    #[serde(deserialize_with = "not_null")]
    expect: String,
    workload: Raw,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTest {
    #[serde(deserialize_with = "not_null")]
    name: String,
    workload: Raw,
    #[serde(deserialize_with = "not_null")]
    expect: String,
    #[serde(default)]
    min_margin: Option<f64>,
    #[serde(default)]
    cautions: Option<Vec<String>>,
}

/// An operator's value as written, `null` included (`is: ~` is an operator
/// with no value to compare with, not "no operator").
fn written<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Raw>, D::Error> {
    Raw::deserialize(d).map(Some)
}

/// Counts the items seen so far with each id, for [`Checker::nth_place`].
#[derive(Default)]
struct Seen<'a>(std::collections::HashMap<&'a str, usize>);

impl<'a> Seen<'a> {
    /// How many items with `id` came before this one.
    fn next(&mut self, id: &'a str) -> usize {
        let count = self.0.entry(id).or_default();
        *count += 1;
        *count - 1
    }
}

/// Whether `c` may be part of an id (`data_shape`, `big-items`).
fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Whether `line` holds `name` as a whole word.
fn holds_word(line: &str, name: &str) -> bool {
    line.match_indices(name).any(|(at, _)| {
        !line[..at].ends_with(is_word) && !line[at + name.len()..].starts_with(is_word)
    })
}

/// A place "line N, rule `x`" as (N, "rule `x`").
fn split_place(place: &str) -> Option<(usize, &str)> {
    let (n, rest) = place.strip_prefix("line ")?.split_once(", ")?;
    Some((n.parse().ok()?, rest))
}

/// Collects problems with the line each named item starts on.
struct Checker<'t> {
    /// `(section, key: value)` → the first line it appears on, built in one pass.
    lines: std::collections::HashMap<(String, String), Vec<usize>>,
    /// The pack's text, to find a misspelt name inside its item.
    text: &'t str,
    /// Where each line of `text` starts: an item's lines are found without
    /// walking every line before them (thousands of problems would make
    /// that quadratic).
    line_starts: Vec<usize>,
    problems: Vec<Problem>,
    /// The problems that name an unknown field, candidate, axis or option,
    /// as `(index into problems, kind, scope, name)`, the scope being the
    /// field of an option (empty for the other kinds): one misspelt
    /// declaration breaks every reference to it, and
    /// [`Checker::collapse_unknown`] says so once.
    unknown: Vec<(usize, &'static str, String, String)>,
    /// Ids given twice, as `(noun, scope, id, line of the copy)`: a copy
    /// whose id was not changed is the likely cause of an unknown id of
    /// that kind (in that field, for an option).
    repeated: Vec<(&'static str, String, String, Option<usize>)>,
    /// Fields whose own definition is refused (a choice without options,
    /// min above max): what rules and workloads say of them is not checked,
    /// as every use would be an error too, burying the one cause.
    broken: Vec<String>,
    /// Ids refused for their spelling (`région`), as `(kind, scope, id)`:
    /// the likely cause of an unknown id of that kind, as a copy is.
    refused: Vec<(&'static str, String, String)>,
}

impl<'t> Checker<'t> {
    fn new(text: &'t str) -> Self {
        Checker {
            lines: index_lines(text),
            text,
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                .collect(),
            problems: Vec::new(),
            unknown: Vec::new(),
            repeated: Vec::new(),
            broken: Vec::new(),
            refused: Vec::new(),
        }
    }

    /// `place` ("line N, rule `x`") moved to the line of the item that
    /// holds `name` as a word: a misspelt field or option deep in a rule's
    /// `all:` was placed at the rule's first line, leaving the author to
    /// hunt. Unchanged when the name is not found before the next item.
    fn at_name(&self, place: &str, name: &str) -> String {
        self.at_line_where(place, |l| holds_word(l, name))
            .unwrap_or_else(|| place.to_owned())
    }

    /// [`Checker::at_name`] for a condition: the line holding its field and
    /// its operator (`{ field: serverless, in: [true] }`), else its field's.
    fn at_condition(&self, place: &str, field: &str, op: &str) -> String {
        let op = format!("{op}:");
        self.at_line_where(place, |l| {
            holds_word(l, field)
                && l.match_indices(&op)
                    .any(|(at, _)| !l[..at].ends_with(is_word))
        })
        .unwrap_or_else(|| self.at_name(place, field))
    }

    /// `place` moved to the first line of its item for which `holds` is
    /// true; `None` when no line before the next item is.
    fn at_line_where(&self, place: &str, holds: impl Fn(&str) -> bool) -> Option<String> {
        let (line, rest) = split_place(place)?;
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let mut lines = self.text[start..]
            .lines()
            .enumerate()
            .map(|(i, l)| (i + line - 1, l));
        let (_, first) = lines.next()?;
        let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
        let item_indent = indent(first);
        for (i, l) in std::iter::once((line - 1, first)).chain(lines) {
            let content = l.trim_start_matches(' ');
            if i >= line
                && !content.is_empty()
                && !content.starts_with('#')
                && indent(l) <= item_indent
            {
                break; // the next item, or the section's end
            }
            if holds(l) {
                return Some(format!("line {}, {rest}", i + 1));
            }
        }
        None
    }

    /// `place` ("line N, example `x`, workload.use_cas") moved to the line
    /// of the key `path` names in that item; unchanged when it is not found.
    fn at_path(&self, place: &str, path: &str) -> String {
        split_place(place)
            .and_then(|(line, rest)| {
                Some(format!(
                    "line {}, {rest}",
                    item_path_line(self.text, line, path)?
                ))
            })
            .unwrap_or_else(|| place.to_owned())
    }

    /// `line N, rule `id`` — the line of `- id: <id>` (or `name:`) under a top-level section.
    fn place(&self, section: &str, key: &str, id: &str, what: &str) -> String {
        self.nth_place(section, key, id, what, 0)
    }

    /// [`Checker::place`] of the `nth` item (from 0) with this id: with a
    /// duplicated id, each copy's problems are placed at its own line.
    fn nth_place(&self, section: &str, key: &str, id: &str, what: &str, nth: usize) -> String {
        let lines = self.lines_of(section, key, id);
        match lines.get(nth).or(lines.last()) {
            Some(line) => format!("line {line}, {what} `{id}`"),
            None => format!("{what} `{id}`"),
        }
    }

    /// Every line where an item of `section` has `key: id`, in order.
    fn lines_of(&self, section: &str, key: &str, id: &str) -> &[usize] {
        self.lines
            .get(&(section.to_owned(), format!("{key}: {id}")))
            .map_or(&[], Vec::as_slice)
    }

    /// Where a duplicated id is: its second occurrence among `sections`
    /// (each with the noun for its items), named by the section it is in,
    /// and the first, so the message points at the copy to fix.
    fn duplicate_place(&self, sections: &[(&str, &str)], key: &str, id: &str) -> (String, String) {
        let mut lines: Vec<(usize, &str)> = sections
            .iter()
            .flat_map(|&(section, what)| {
                self.lines_of(section, key, id)
                    .iter()
                    .map(move |&line| (line, what))
            })
            .collect();
        lines.sort_unstable();
        match lines.as_slice() {
            [(first, _), (second, what), ..] => (
                format!("line {second}, {what} `{id}`"),
                format!(" (first at line {first})"),
            ),
            _ => {
                let (section, what) = sections[0];
                (self.place(section, key, id, what), String::new())
            }
        }
    }

    /// A problem for each id of `section` given more than once, at the copy
    /// to fix, naming the first.
    fn refuse_duplicates<'a>(
        &mut self,
        section: &str,
        noun: &'static str,
        ids: impl IntoIterator<Item = &'a str>,
    ) {
        for dup in duplicates(ids) {
            let (place, first) = self.duplicate_place(&[(section, noun)], "id", dup);
            self.repeated.push((
                noun,
                String::new(),
                dup.to_owned(),
                split_place(&place).map(|(l, _)| l),
            ));
            self.push(
                place,
                format!("duplicate {noun} id{first}"),
                Some(format!("give each {noun} an id of its own")),
            );
        }
    }

    /// A problem naming an unknown `kind` (`field`, `candidate`, `axis`)
    /// called `name`, remembered for [`Checker::collapse_unknown`].
    fn push_unknown(
        &mut self,
        kind: &'static str,
        name: &str,
        place: String,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.unknown
            .push((self.problems.len(), kind, String::new(), name.to_owned()));
        self.push(place, message, help);
    }

    /// A problem naming an unknown option `name` of `field`, remembered
    /// for [`Checker::collapse_unknown`] as [`Checker::push_unknown`] does.
    fn push_unknown_option(
        &mut self,
        field: &str,
        name: &str,
        place: String,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.unknown.push((
            self.problems.len(),
            "option",
            field.to_owned(),
            name.to_owned(),
        ));
        self.push(place, message, help);
    }

    /// The line of option `id` of `field`, the first if it is given twice.
    fn option_line(&self, field: &str, id: &str) -> Option<usize> {
        let field_line = *self.lines_of("fields", "id", field).first()?;
        option_lines(self.text, field_line, id).first().copied()
    }

    /// The line declaring the `kind` (`field`, `option` of field `scope`…)
    /// with `id`, when found.
    fn declared_line(&self, kind: &str, scope: &str, id: &str) -> Option<usize> {
        if kind == "option" {
            self.option_line(scope, id)
        } else {
            self.lines_of(section_of(kind), "id", id).first().copied()
        }
    }

    /// Each unknown name said once, at its first line, with the lines of
    /// its other uses: a declaration misspelt, or copied without a new id,
    /// broke every reference to it, and a screenful of the same error (each
    /// suggesting the misspelling) hid the one line to fix. The help then
    /// names that declaration: the copy that repeats an id of this kind, or
    /// the similar id that may be the one misspelt.
    fn collapse_unknown<'r>(&mut self, declared: impl Fn(&str, &str) -> Vec<&'r str>) {
        let mut dropped = vec![false; self.problems.len()];
        let mut groups: Vec<(&'static str, String, String, Vec<usize>)> = Vec::new();
        for (index, kind, scope, name) in &self.unknown {
            match groups
                .iter_mut()
                .find(|(k, s, n, _)| k == kind && s == scope && n == name)
            {
                Some((_, _, _, members)) => members.push(*index),
                None => groups.push((kind, scope.clone(), name.clone(), vec![*index])),
            }
        }
        for (kind, scope, name, mut members) in groups {
            members.sort_by_key(|&i| self.problems[i].line());
            let (&kept, rest) = members.split_first().expect("a group has a member");
            let mut others: Vec<usize> = rest
                .iter()
                .filter_map(|&i| self.problems[i].line())
                .collect();
            others.dedup();
            for &i in rest {
                dropped[i] = true;
            }
            let uses = members.len();
            let similar = crate::suggest::did_you_mean(&name, declared(kind, &scope));
            // One use with a similar id is a misspelt use, whatever else
            // is wrong: its own did-you-mean stays.
            let copy = self
                .repeated
                .iter()
                .find(|(noun, of, _, _)| *noun == kind && *of == scope)
                .map(|(_, _, id, line)| (id.clone(), *line))
                .filter(|_| uses > 1 || similar.is_none());
            let misspelt = similar
                .filter(|_| uses > 1)
                .map(|id| (id, self.declared_line(kind, &scope, id)));
            // "option of field `data_shape`": an option id is only known
            // within its field.
            let of = if kind == "option" {
                format!(" of field `{scope}`")
            } else {
                String::new()
            };
            let noun = format!("{kind}{of}");
            // An id refused for its spelling, when no copy explains it and
            // no valid id is like the one used (`Relational` for
            // `relational` is the refused one itself).
            let refused_of_kind =
                |(noun, of, _): &&(&str, String, String)| *noun == kind && *of == scope;
            let refused = match similar {
                Some(like) => self
                    .refused
                    .iter()
                    .filter(refused_of_kind)
                    .find(|(_, _, id)| id == like),
                None => self.refused.iter().find(refused_of_kind),
            }
            .map(|(_, _, id)| id.clone())
            .filter(|_| copy.is_none())
            .map(|id| {
                let line = self.declared_line(kind, &scope, &id);
                (id, line)
            });
            let problem = &mut self.problems[kept];
            if !others.is_empty() {
                const SHOWN: usize = 6;
                let mut list: Vec<String> =
                    others.iter().take(SHOWN).map(ToString::to_string).collect();
                if others.len() > SHOWN {
                    list.push(format!("{} more", others.len() - SHOWN));
                }
                let lines = if others.len() == 1 { "line" } else { "lines" };
                problem.message = format!(
                    "{}; also at {lines} {}",
                    problem.message,
                    crate::estimate::join_and(&list)
                );
            }
            if let Some((id, line)) = refused {
                let at = line.map_or(String::new(), |l| format!(" at line {l}"));
                problem.help = Some(format!(
                    "no {noun} has this id; the id `{id}` of the {kind}{at} is refused (see there): if that {kind} is `{name}`, give it that id"
                ));
                continue;
            }
            match (copy, misspelt) {
                (Some((id, line)), _) => {
                    let at = line.map_or(String::new(), |l| format!(" at line {l}"));
                    problem.help = Some(format!(
                        "no {noun} has this id; the {kind}{at} repeats the id `{id}`: if it was meant to be `{name}`, give it that id"
                    ));
                }
                (None, Some((id, line))) => {
                    let at = line.map_or(String::new(), |l| format!(" at line {l}"));
                    problem.help = Some(format!(
                        "did you mean `{id}`? `{name}` is used {uses} times: if the {kind} `{id}`{of}{at} was meant to be `{name}`, rename it there instead"
                    ));
                }
                (None, None) => {}
            }
        }
        let mut index = 0;
        self.problems.retain(|_| {
            index += 1;
            !dropped[index - 1]
        });
        self.unknown.clear();
    }

    fn push(&mut self, place: String, message: impl Into<String>, help: Option<String>) {
        self.problems
            .push(Problem::new(place, message).with_optional_help(help));
    }
}

/// "line N, `key`" for a top-level key written at line N, else the key
/// alone (a pack read from JSON has no lines to name).
fn top_key_place(text: &str, key: &str) -> String {
    match text
        .lines()
        .position(|l| crate::input::starts_with_key(l, key))
    {
        Some(i) => format!("line {}, {key}", i + 1),
        None => key.to_owned(),
    }
}

/// What YAML reads a top-level key's unquoted value as, when that is
/// neither text nor a number: a yes/no value, infinity or not-a-number
/// (YAML 1.2's core spellings, the ones yaml_serde resolves). `None` for
/// anything else, or when the key is not found at a line's start.
fn unquoted_non_text(text: &str, key: &str) -> Option<String> {
    let line = text
        .lines()
        .find(|l| crate::input::starts_with_key(l, key))?;
    let value = line[key.len()..].trim_start().strip_prefix(':')?;
    let value = value.split(" #").next().unwrap_or("").trim();
    match value {
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => {
            Some(format!("a yes/no value ({value})"))
        }
        ".nan" | ".NaN" | ".NAN" => Some(format!("not-a-number ({value})")),
        _ if matches!(
            value.trim_start_matches(['+', '-']),
            ".inf" | ".Inf" | ".INF"
        ) =>
        {
            Some(format!("infinity ({value})"))
        }
        _ => None,
    }
}

/// The top-level section that declares items of `kind` (`field` → `fields`).
fn section_of(kind: &str) -> &'static str {
    match kind {
        "candidate" => "candidates",
        "axis" => "axes",
        _ => "fields",
    }
}

/// Maps `(top-level section, "key: value")` to the 1-based line where a list
/// item with that key starts (`- id: x`, `- { id: x, ... }`, or `name:`).
/// A cheap text scan: yaml_serde keeps no spans, and pointing at the right
/// line matters more than exactness in unusual layouts.
fn index_lines(text: &str) -> std::collections::HashMap<(String, String), Vec<usize>> {
    let mut index = std::collections::HashMap::new();
    let mut section = "";
    let lines: Vec<&str> = text.lines().collect();
    for (n, line) in lines.iter().enumerate() {
        if !line.starts_with([' ', '\t', '-', '#']) && !line.is_empty() {
            section = line.split(':').next().unwrap_or("").trim();
            continue;
        }
        let item = line.trim_start().trim_start_matches('-').trim_start();
        let flow = item.starts_with('{');
        let item = item.trim_start_matches('{').trim_start();
        for key in ["id", "name"] {
            if let Some(rest) = item.strip_prefix(key).and_then(|r| r.strip_prefix(':')) {
                // The key's column: a block scalar's lines are indented past it.
                let indent = line.len() - item.len();
                let value = scalar_text(rest.trim(), flow, indent, &lines[n + 1..]);
                index
                    .entry((section.to_owned(), format!("{key}: {value}")))
                    .or_insert_with(Vec::new)
                    .push(n + 1);
            }
        }
    }
    index
}

/// The string a YAML scalar written as `rest` (what follows `key:`) stands
/// for, as far as a name is written in practice: quoted (`"flat, no
/// garden"`, `'it''s'`), a folded or literal block (`>-` and the more
/// indented lines after it), or plain (to the end of the line, or in a
/// `{ … }` item to the next `,` or `}`), without a trailing `# comment`.
fn scalar_text(rest: &str, flow: bool, indent: usize, next: &[&str]) -> String {
    if let Some(quoted) = rest.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = quoted.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(escape @ ('x' | 'u' | 'U')) => {
                        let digits = match escape {
                            'x' => 2,
                            'u' => 4,
                            _ => 8,
                        };
                        let hex: String = chars.by_ref().take(digits).collect();
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(c) => out.push(c),
                            None => return String::new(), // matches no name: no line
                        }
                    }
                    Some(other) => out.push(other),
                    None => break,
                },
                c => out.push(c),
            }
        }
        return out;
    }
    if let Some(quoted) = rest.strip_prefix('\'') {
        return match quoted.replace("''", "\u{0}").split_once('\'') {
            Some((inner, _)) => inner.replace('\u{0}', "'"),
            None => quoted.replace("''", "'"),
        };
    }
    let header = without_comment(rest);
    if let Some(style) = header.strip_prefix(['>', '|']) {
        let folded = header.starts_with('>');
        let body: Vec<&str> = next
            .iter()
            .take_while(|l| l.trim().is_empty() || l.len() - l.trim_start().len() > indent)
            .map(|l| l.trim())
            .collect();
        let mut value = body.join(if folded { " " } else { "\n" });
        value.truncate(value.trim_end().len());
        if !style.starts_with('-') {
            value.push('\n'); // "clip": the block's final line break stays
        }
        return value;
    }
    let value = if flow {
        rest.split([',', '}']).next().unwrap_or("")
    } else {
        rest
    };
    without_comment(value).to_owned()
}

/// `text` before a `# comment` (which YAML starts after a space or a tab).
fn without_comment(text: &str) -> &str {
    let end = text
        .char_indices()
        .find(|&(i, c)| c == '#' && i > 0 && text[..i].ends_with([' ', '\t']))
        .map_or(text.len(), |(i, _)| i);
    text[..end].trim()
}

#[cfg(test)]
fn find_line(text: &str, section: &str, key: &str, id: &str) -> Option<usize> {
    index_lines(text)
        .get(&(section.to_owned(), format!("{key}: {id}")))
        .and_then(|lines| lines.first())
        .copied()
}

impl Pack {
    /// Parses and validates a pack. `source_name` names it in errors (a path
    /// or [`EMBEDDED_NAME`]). Every problem found is reported at once.
    pub fn load(text: &str, source_name: &str) -> Result<Pack> {
        Pack::load_checking(text, source_name)
            .and_then(|loaded| Pack::outcomes_held(loaded, source_name))
    }

    /// [`Pack::load`], with the worked examples and test cases that do not
    /// come out as they expect returned beside the pack, not as an error:
    /// such a pack is otherwise whole, and `rules check` lints it, since a
    /// finding (a rule that can never fire) may be why one fails.
    pub fn load_checking(text: &str, source_name: &str) -> Result<(Pack, Vec<Problem>)> {
        // A byte-order mark (Windows editors write one) is not content; the
        // YAML reader would lose the key after it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let fail = |problems: Vec<Problem>| Error::Pack {
            source_name: source_name.to_owned(),
            problems,
        };
        if crate::error::says_nothing(text) {
            return Err(fail(vec![Problem::new("", "the pack is empty").with_help(
                "start from a copy of the built-in pack (`dbadvisor rules show > my-pack.yaml`); docs/packs.md explains its parts",
            )]));
        }
        if let Some(problem) = too_deep(text) {
            return Err(fail(vec![problem]));
        }
        if let Some(problem) = crate::input::raw_control_character(text, 1)
            .or_else(|| crate::yaml_aliases::expand_beyond(text, MAX_PACK_BYTES, 1))
        {
            return Err(fail(vec![problem]));
        }
        let deserializer = serde_yaml::Deserializer::from_str(text);
        let raw: RawPack = serde_path_to_error::deserialize(deserializer).map_err(|e| {
            fail(crate::error::keys_not_fields(in_line_order(
                shape_problems(text, &e),
            )))
        })?;
        let controls = control_characters(text);
        if !controls.is_empty() {
            return Err(fail(controls));
        }
        Pack::compile(&raw, text, source_name)
    }

    /// Parses and validates a pack written as JSON (the build turns the
    /// embedded YAML pack into JSON because it loads several times faster).
    pub fn load_json(text: &str, source_name: &str) -> Result<Pack> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let raw: RawPack =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|e| Error::Pack {
                source_name: source_name.to_owned(),
                problems: vec![Problem::new(
                    e.path().to_string(),
                    plain_words(&e.inner().to_string()),
                )],
            })?;
        Pack::compile(&raw, text, source_name)
            .and_then(|loaded| Pack::outcomes_held(loaded, source_name))
    }

    /// The pack of [`Pack::load_checking`], if its worked examples and
    /// test cases all came out as expected; else their problems.
    pub fn outcomes_held((pack, failing): (Pack, Vec<Problem>), source_name: &str) -> Result<Pack> {
        if failing.is_empty() {
            Ok(pack)
        } else {
            Err(Error::Pack {
                source_name: source_name.to_owned(),
                problems: failing,
            })
        }
    }

    /// The pack, and the problems of its examples and tests that fail.
    fn compile(raw: &RawPack, text: &str, source_name: &str) -> Result<(Pack, Vec<Problem>)> {
        let fail = |problems: Vec<Problem>| Error::Pack {
            source_name: source_name.to_owned(),
            problems,
        };
        let mut check = Checker::new(text);
        let mut pack = compile_header(raw, &mut check);
        pack.fields = compile_fields(raw, &pack, &mut check);
        pack.rules = compile_rules(raw, &pack, &mut check);
        pack.vetoes = compile_vetoes(raw, &pack, &mut check);
        pack.cautions = compile_cautions(raw, &pack, &mut check);
        check_unique_rule_ids(raw, &mut check);
        collect_thresholds(&mut pack);
        if too_large(&pack, &mut check) {
            // What follows would take minutes and gigabytes.
            return Err(fail(finish(check, raw)));
        }
        pack.readers = readers(&pack);
        pack.probes = (0..pack.fields.len())
            .map(|f| crate::engine::probe_values(&pack, f))
            .collect();
        pack.classes = crate::engine::analysis::AnswerClasses::new(&pack);
        pack.examples = compile_examples(raw, &pack, &mut check);
        pack.tests = compile_tests(raw, &pack, &mut check);
        if !check.problems.is_empty() {
            return Err(fail(finish(check, raw)));
        }
        check_outcomes(&pack, &mut check);
        let failing = in_line_order(std::mem::take(&mut check.problems));
        pack.lines = super::SourceLines(check.lines);
        Ok((pack, failing))
    }
}

/// The problems found, each unknown name once, in line order.
fn finish(mut check: Checker<'_>, raw: &RawPack) -> Vec<Problem> {
    check.collapse_unknown(|kind, scope| match kind {
        "candidate" => raw.candidates.iter().map(|c| c.id.as_str()).collect(),
        "axis" => raw.axes.iter().map(|a| a.id.as_str()).collect(),
        "option" => raw
            .fields
            .iter()
            .filter(|f| f.id == scope)
            .flat_map(|f| f.options.iter().flatten())
            .map(|o| o.id.as_str())
            .collect(),
        _ => raw.fields.iter().map(|f| f.id.as_str()).collect(),
    });
    in_line_order(check.problems)
}

/// Problems in the order of the lines they name, as a compiler lists them
/// (each round gathers them kind by kind); those without a line keep their
/// order, first.
fn in_line_order(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by_key(|p| p.line().unwrap_or(0));
    problems
}

/// Whether `c` may not appear in a pack's text: every control character
/// but a line break and a tab, and the bidirectional controls that reorder
/// how the text around them is shown ([`is_bidi_control`]).
fn is_refused_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

/// Every string of the pack (key or value) that holds a control character
/// other than a line break or a tab, at its field path. The pack's texts
/// reach the terminal as written, and an escape sequence in one (`"\e[2J"`)
/// would clear or recolour the screen of whoever runs the pack. A raw
/// control character is refused before reading
/// ([`crate::input::raw_control_character`]), so only a double-quoted
/// escape can put one here. A line is given when each such string has
/// exactly one line with such an escape.
pub(crate) fn control_characters(text: &str) -> Vec<Problem> {
    // Without a backslash there is no escape; a bidirectional control may
    // also be there as it is (the reader takes it, unlike a raw control).
    if !text.contains('\\') && !text.chars().any(is_bidi_control) {
        return Vec::new();
    }
    let Ok(value) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    collect_controls(&value, &mut String::new(), &mut found);
    let lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| line_has_control(line))
        .map(|(i, _)| i + 1)
        .collect();
    let with_lines = lines.len() == found.len();
    found
        .into_iter()
        .enumerate()
        .map(|(i, (path, c))| {
            let place = match with_lines {
                true => format!("line {}, {path}", lines[i]),
                false => path,
            };
            let help = if is_bidi_control(c) {
                "remove it: texts are shown as written, and a bidirectional control reorders the text shown after it"
            } else {
                "remove it: texts are shown as written, and an escape sequence in one would recolour or clear the screen"
            };
            Problem::new(
                place,
                format!(
                    "holds the control character U+{:04X}, which would reach the terminal as it is",
                    u32::from(c)
                ),
            )
            .with_help(help)
        })
        .collect()
}

/// Adds `(path, first refused character)` for every string under `value`.
fn collect_controls(value: &serde_yaml::Value, path: &mut String, found: &mut Vec<(String, char)>) {
    use serde_yaml::Value;
    let at = |path: &str| {
        if path.is_empty() {
            ".".to_owned()
        } else {
            path.to_owned()
        }
    };
    match value {
        Value::String(s) => {
            if let Some(c) = s.chars().find(|&c| is_refused_control(c)) {
                found.push((at(path), c));
            }
        }
        Value::Sequence(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                collect_controls(item, path, found);
                path.truncate(len);
            }
        }
        Value::Mapping(map) => {
            for (key, item) in map {
                let len = path.len();
                let name = match key {
                    Value::String(k) => k.clone(),
                    other => serde_yaml::to_string(other)
                        .unwrap_or_default()
                        .trim()
                        .to_owned(),
                };
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(&crate::output::escape_controls(&name, &[]));
                if let Some(c) = name.chars().find(|&c| is_refused_control(c)) {
                    found.push((at(path), c));
                }
                collect_controls(item, path, found);
                path.truncate(len);
            }
        }
        Value::Tagged(tagged) => collect_controls(&tagged.value, path, found),
        _ => {}
    }
}

/// Whether a line of YAML holds a double-quoted escape that means a refused
/// control character (`\e`, `\x1b`, `\u001b`, …), or a bidirectional
/// control as it is.
fn line_has_control(line: &str) -> bool {
    if line.chars().any(is_bidi_control) {
        return true;
    }
    let bytes = line.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let hex = |n: usize| {
            line.get(i + 2..i + 2 + n)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
        };
        let (meant, width) = match bytes[i + 1] {
            b'0' | b'a' | b'b' | b'v' | b'f' | b'r' | b'e' => (Some('\u{1}'), 2),
            b'N' => (Some('\u{85}'), 2),
            b'x' => (hex(2), 4),
            b'u' => (hex(4), 6),
            b'U' => (hex(8), 10),
            _ => (None, 2),
        };
        if meant.is_some_and(is_refused_control) {
            return true;
        }
        i += width;
    }
    false
}

/// Every item of the pack's lists whose shape is wrong, not only the first
/// one serde stopped at: each item is read again on its own (so a wrong
/// type in two rules is reported twice, each at its rule's line). The
/// first problem keeps serde's exact line and column. A YAML syntax error
/// stops there: nothing after it can be read.
fn shape_problems(
    text: &str,
    first: &serde_path_to_error::Error<serde_yaml::Error>,
) -> Vec<Problem> {
    let mut problems = vec![shape_problem(first, text)];
    if problems[0].place.ends_with(", column 1") && problems[0].message.contains("duplicate ") {
        // The reader stops at the first key given twice; the others (the
        // pack's snippets pasted at its end repeat several sections) are
        // found in the text, so one run lists them all.
        for (key, lines) in repeated_top_level_keys(text) {
            let place = format!("line {}, column 1", lines[1]);
            if place != problems[0].place {
                problems.push(with_shape_help(Problem::new(
                    place,
                    format!("duplicate key `{key}` (first at line {})", lines[0]),
                )));
            }
        }
        return problems;
    }
    let top = match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(serde_yaml::Value::Mapping(top)) => top,
        Ok(_) => return problems,
        Err(syntax) => return syntax_problem(&syntax, first).map_or(problems, |p| vec![p]),
    };
    let first_path = first.path().to_string();
    // serde's problem keeps its column and also names its item, as the
    // others do (`line 243, column 5, rule `x``).
    if let Some(named) = item_named_by(&top, &first_path) {
        let place = &mut problems[0].place;
        *place = if place.is_empty() {
            named
        } else {
            format!("{place}, {named}")
        };
    }
    let lines = index_lines(text);
    let top_level = top_level_problems(text, &top, &problems[0]);
    problems.extend(top_level);
    let mut item_problems =
        |section: &str,
         noun: &str,
         check: &dyn Fn(serde_yaml::Value) -> Option<(String, String)>| {
            let Some(serde_yaml::Value::Sequence(items)) = top.get(section) else {
                return;
            };
            for (i, item) in items.iter().enumerate() {
                let Some((path, message)) = check(item.clone()) else {
                    continue;
                };
                let full = if path.is_empty() || path == "." {
                    format!("{section}[{i}]")
                } else {
                    format!("{section}[{i}].{path}")
                };
                if full == first_path {
                    continue; // already reported, with its column
                }
                // A key of the item (`point:`, `workload.use_cas`) is
                // named at its own line (and column), not the item's.
                let at_key = |line: usize| match item_path_line(text, line, &path) {
                    Some(at) => match key_column(text, at, &path) {
                        Some(column) => format!("line {at}, column {column}"),
                        None => format!("line {at}"),
                    },
                    None => format!("line {line}"),
                };
                let named = item_ids(item).find_map(|(key, value)| {
                    let value = value.as_str();
                    let line = *lines
                        .get(&(section.to_owned(), format!("{key}: {value}")))?
                        .first()?;
                    Some(format!("{}, {noun} `{value}`", at_key(line)))
                });
                // An item without an id (the problem may be its `id:`) is
                // found by its place in the list.
                let place = named
                    .or_else(|| section_item_line(text, section, i).map(at_key))
                    .unwrap_or_default();
                problems
                    .push(Problem::new(place, format!("{full}: {message}")).with_merge_key_help());
            }
        };
    fn check<T: serde::de::DeserializeOwned>(item: serde_yaml::Value) -> Option<(String, String)> {
        serde_path_to_error::deserialize::<_, T>(item)
            .err()
            .map(|e| (e.path().to_string(), plain_words(&e.inner().to_string())))
    }
    item_problems("candidates", "candidate", &check::<RawCandidate>);
    item_problems("axes", "axis", &check::<RawAxis>);
    item_problems("fields", "field", &check::<RawField>);
    // Read from an item on its own, `when: null` is an empty condition
    // (serde_yaml's values take null for an empty mapping), though the
    // pack's text refuses it: said here, or beside another problem it
    // went unreported.
    fn conditioned<T: serde::de::DeserializeOwned>(
        item: serde_yaml::Value,
    ) -> Option<(String, String)> {
        if matches!(item.get("when"), Some(serde_yaml::Value::Null)) {
            return Some((
                "when".into(),
                "invalid type: null, expected a mapping".into(),
            ));
        }
        check::<T>(item)
    }
    item_problems("rules", "rule", &conditioned::<RawRule>);
    item_problems("vetoes", "veto", &conditioned::<RawVeto>);
    item_problems("cautions", "caution", &conditioned::<RawCaution>);
    item_problems("examples", "example", &check::<RawExample>);
    item_problems("tests", "test", &check::<RawTest>);
    without_missing_misspelt(problems)
}

/// Without the "missing field `fields`" that a misspelt `field:` beside it
/// explains: the unknown key's did-you-mean names the missing one, in the
/// same mapping, so the fix is one, not two.
fn without_missing_misspelt(problems: Vec<Problem>) -> Vec<Problem> {
    // `rules[0].because: unknown field …` → (`rules[0]`, message tail).
    let path_and = |p: &Problem, what: &str| -> Option<(String, String)> {
        let (head, tail) = p.message.split_once(what)?;
        let path = head.strip_suffix(": ").unwrap_or(head);
        Some((path.to_owned(), tail.split('`').next()?.to_owned()))
    };
    let misspelt: Vec<(String, String)> = problems
        .iter()
        .filter_map(|p| {
            let (path, _) = path_and(p, "unknown field `")?;
            let meant = p.help.as_deref()?.strip_prefix("did you mean `")?;
            let parent = path.rsplit_once('.').map_or("", |(parent, _)| parent);
            Some((parent.to_owned(), meant.split('`').next()?.to_owned()))
        })
        .collect();
    problems
        .into_iter()
        .filter(|p| path_and(p, "missing field `").is_none_or(|gap| !misspelt.contains(&gap)))
        .collect()
}

/// ``rule `id` `` for a key path into a list item (`rules[0].becuase`),
/// when the item has an id (or name) to name it by.
fn item_named_by(top: &serde_yaml::Mapping, path: &str) -> Option<String> {
    let (section, rest) = path.split_once('[')?;
    let index: usize = rest.split_once(']')?.0.parse().ok()?;
    let noun = match section {
        "candidates" => "candidate",
        "axes" => "axis",
        "fields" => "field",
        "rules" => "rule",
        "vetoes" => "veto",
        "cautions" => "caution",
        "examples" => "example",
        "tests" => "test",
        _ => return None,
    };
    let (_, id) = item_ids(top.get(section)?.as_sequence()?.get(index)?).next()?;
    Some(format!("{noun} `{id}`"))
}

/// A list item's `id` and `name` (a test's id) as text, each with its key.
/// An id YAML read as a number or yes/no (`id: 404`, the problem itself,
/// maybe) still names its item.
fn item_ids(item: &serde_yaml::Value) -> impl Iterator<Item = (&'static str, String)> + '_ {
    ["id", "name"].into_iter().filter_map(|key| {
        let value = match item.get(key)? {
            serde_yaml::Value::String(s) => s.clone(),
            serde_yaml::Value::Number(n) => n.to_string(),
            serde_yaml::Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        Some((key, value))
    })
}

/// The pack's top-level keys, in [`RawPack`]'s order (serde's "expected
/// one of" lists them so), and the ones it cannot do without.
const TOP_LEVEL_KEYS: [&str; 12] = [
    "name",
    "version",
    "title",
    "source",
    "candidates",
    "axes",
    "fields",
    "rules",
    "vetoes",
    "cautions",
    "examples",
    "tests",
];
const REQUIRED_TOP_LEVEL_KEYS: [&str; 6] =
    ["name", "version", "candidates", "axes", "fields", "rules"];

/// Every problem with the pack's own keys, beyond the first (`first`, which
/// serde stopped at): serde reads a mapping until its first problem, so a
/// missing `version`, an unknown key and a wrong `title` were reported one
/// per run. Each key is read again on its own; a list's items are checked
/// by the caller.
fn top_level_problems(pack_text: &str, top: &serde_yaml::Mapping, first: &Problem) -> Vec<Problem> {
    use serde::Deserialize as _;
    let mut problems = Vec::new();
    let mut push = |place: String, message: String| {
        // The first problem is serde's, with its column: not twice.
        if !(first.message == message || first.message.ends_with(&format!(": {message}"))) {
            problems.push(Problem::new(place, message).with_merge_key_help());
        }
    };
    // The mapping keeps the keys in the order of the text, so each is
    // looked for after the one before: a scan of the whole text per key
    // took a pack of 10,000 unknown keys over a second.
    let lines: Vec<&str> = pack_text.lines().collect();
    let mut after = 0;
    let mut line_of = |key: &str| {
        let found = |from: usize| {
            (from..lines.len()).find(|&i| crate::input::starts_with_key(lines[i], key))
        };
        match found(after).or_else(|| found(0)) {
            Some(i) => {
                after = i + 1;
                format!("line {}", i + 1)
            }
            None => String::new(),
        }
    };
    for (key, value) in top {
        let Some(name) = key.as_str() else {
            continue; // not a text key: serde's own report names it
        };
        let v = value.clone();
        let problem = match name {
            "name" => not_null(v).err(),
            // A number is read from the text as written (`1.10` stays
            // 1.10); only the tree, already parsed, holds it as a number.
            "version" if v.is_number() => None,
            "version" => version(v).err(),
            "title" => optional_one_line(v).err(),
            "source" => text(v).err(),
            _ if TOP_LEVEL_KEYS.contains(&name) => {
                Vec::<serde::de::IgnoredAny>::deserialize(v).err()
            }
            _ => {
                let expected: Vec<String> =
                    TOP_LEVEL_KEYS.iter().map(|k| format!("`{k}`")).collect();
                push(
                    line_of(name),
                    format!(
                        "unknown field `{}`, expected one of {}",
                        crate::raw::clipped(name),
                        expected.join(", ")
                    ),
                );
                continue;
            }
        };
        if let Some(e) = problem {
            let message = plain_words(&crate::error::yaml_message(&e.to_string()));
            push(line_of(name), format!("{name}: {message}"));
        }
    }
    // serde names a missing key at the start of the mapping that lacks it;
    // the others it never reached are named there too.
    let start = mapping_start(pack_text);
    for key in &REQUIRED_TOP_LEVEL_KEYS {
        if !top.contains_key(*key) {
            push(start.clone(), format!("missing field `{key}`"));
        }
    }
    problems
}

/// Where the document's top-level mapping starts (`line 3, column 1`): its
/// first line that is not blank, a comment, a directive or `---`.
pub(crate) fn mapping_start(text: &str) -> String {
    text.lines()
        .enumerate()
        .find(|(_, l)| {
            let t = l.trim_start();
            !(t.is_empty() || t.starts_with('#') || t.starts_with('%') || t.starts_with("---"))
        })
        .map_or_else(String::new, |(i, l)| {
            let column = l.chars().take_while(|c| *c == ' ').count() + 1;
            format!("line {}, column {column}", i + 1)
        })
}

/// The YAML reader's own nesting limit: deeper flow collections are refused
/// before reading (see [`crate::input::flow_nesting_beyond`]), which the
/// reader would refuse too, only after a time quadratic in their depth.
const MAX_NESTING: usize = 128;

/// A pack or price table nesting `[` and `{` deeper than the reader allows.
pub(crate) fn too_deep(text: &str) -> Option<Problem> {
    crate::input::flow_nesting_beyond(text, MAX_NESTING).map(|(line, column)| {
        Problem::new(
            format!("line {line}, column {column}"),
            format!("`[` and `{{` nest deeper than {MAX_NESTING} levels"),
        )
    })
}

/// The YAML syntax error to report instead of serde's first shape error
/// `first`, when the text is broken further on. serde stopped at the first
/// thing it could not use, which may be a symptom of that (a key indented
/// one space too little ends its mapping early: "missing field"), so the
/// syntax error is what to fix. Duplicate keys keep serde's report, which
/// names the repeated key's line; a syntax error serde stopped at itself
/// keeps its key path.
fn syntax_problem(
    syntax: &serde_yaml::Error,
    first: &serde_path_to_error::Error<serde_yaml::Error>,
) -> Option<Problem> {
    if yaml_at(syntax).is_none_or(|at| Some(at) == yaml_at(first.inner()))
        || syntax.to_string().contains("duplicate")
    {
        return None;
    }
    let message = plain_words(&crate::error::yaml_message(&syntax.to_string()));
    Some(with_syntax_help(Problem::new(yaml_place(syntax), message)))
}

/// The line of a nested key path (`workload.use_cas`) in the item at line
/// `at`: each key looked for after the one before it, and the line of the
/// deepest one found (`None` when not even the first is). Not for paths that
/// index a list (`when.all[2].field`): which element is meant is not counted.
fn item_path_line(text: &str, at: usize, path: &str) -> Option<usize> {
    if path.contains('[') {
        return None;
    }
    // The deepest key found: a key inside a one-line `{ … }` mapping is
    // not at a line's start, and its mapping's line is where it is.
    let mut line = None;
    for key in path.split('.').filter(|k| !k.is_empty()) {
        match item_key_line_from(text, at, line.unwrap_or(at), key) {
            Some(found) => line = Some(found),
            None => break,
        }
    }
    line
}

/// The column (1-based) of the last key of `path` on line `line` (1-based),
/// when the line starts with it (after its indentation and a `- `).
fn key_column(text: &str, line: usize, path: &str) -> Option<usize> {
    let key = path.rsplit('.').next()?;
    let whole = text.lines().nth(line.checked_sub(1)?)?;
    let mut content = whole.trim_start();
    while let Some(rest) = content.strip_prefix("- ") {
        content = rest.trim_start();
    }
    crate::input::starts_with_key(content, key).then(|| whole.len() - content.len() + 1)
}

/// The line (1-based) where the `index`th item (0-based) of the top-level
/// block list `section` starts: its `-` lines at the list's indentation are
/// counted. `None` for a flow list (`rules: [ … ]`) or too few items.
fn section_item_line(text: &str, section: &str, index: usize) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| crate::input::starts_with_key(l, section))?;
    let mut dash = None;
    let mut seen = 0;
    for (i, line) in lines.iter().enumerate().skip(start + 1) {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        let indent = line.len() - content.len();
        if indent == 0 && !content.starts_with('-') {
            return None; // the next top-level key
        }
        if (content == "-" || content.starts_with("- ")) && indent == *dash.get_or_insert(indent) {
            if seen == index {
                return Some(i + 1);
            }
            seen += 1;
        }
    }
    None
}

/// The line of `key:` in the list item that has a key on line `at`
/// (1-based): from the item's `-` (or from line `from`, when later) to the
/// next line as little indented, the first line that starts with the key.
/// `None` when it is not found there.
fn item_key_line_from(text: &str, at: usize, from: usize, key: &str) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |line: &str| line.len() - line.trim_start().len();
    // The item starts at the nearest line at or above `at` whose content
    // begins with "- "; its dash's column bounds the item.
    let start = (0..at).rev().find(|&i| {
        lines
            .get(i)
            .is_some_and(|l| l.trim_start().starts_with("- "))
    })?;
    let dash = indent(lines[start]);
    for (i, line) in lines.iter().enumerate().skip(start) {
        let content = line.trim_start();
        if i > start && !content.is_empty() && !content.starts_with('#') && indent(line) <= dash {
            return None;
        }
        if i + 1 < from {
            continue;
        }
        let content = content.strip_prefix("- ").map_or(content, str::trim_start);
        if crate::input::starts_with_key(content, key) {
            return Some(i + 1);
        }
    }
    None
}

/// The lines (1-based) of the options with id `id` in the field item whose
/// line is `field_line`: `- id: kv` or `- { id: kv, … }`.
fn option_lines(text: &str, field_line: usize, id: &str) -> Vec<usize> {
    let indent = |line: &str| line.len() - line.trim_start().len();
    let mut lines = text.lines().enumerate().skip(field_line.saturating_sub(1));
    let Some((_, first)) = lines.next() else {
        return Vec::new();
    };
    let dash = indent(first);
    let mut found = Vec::new();
    for (i, line) in lines {
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if indent(line) <= dash {
            break;
        }
        let item = content
            .trim_start_matches("- ")
            .trim_start_matches('{')
            .trim_start();
        let value = item
            .strip_prefix("id:")
            .map(|v| v.trim_start().trim_matches(|c| c == '"' || c == '\''));
        if value.is_some_and(|v| {
            v.strip_prefix(id)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with([',', ' ', '}', '"', '\'']))
        }) {
            found.push(i + 1);
        }
    }
    found
}

/// Where a YAML error is, as (line, column), when serde read it from text.
fn yaml_at(e: &serde_yaml::Error) -> Option<(usize, usize)> {
    e.location().map(|l| (l.line(), l.column()))
}

/// [`yaml_at`] as a problem's place: "line L, column C", or nothing.
fn yaml_place(e: &serde_yaml::Error) -> String {
    yaml_at(e).map_or(String::new(), |(line, column)| {
        format!("line {line}, column {column}")
    })
}

/// A YAML shape error (unknown or missing key, wrong type) with its line,
/// column (when serde read it from `text`) and key path, in plain words;
/// also used for the price table.
pub(crate) fn shape_problem(
    e: &serde_path_to_error::Error<serde_yaml::Error>,
    text: &str,
) -> Problem {
    let inner = e.inner();
    let message = crate::error::yaml_message(&inner.to_string());
    if message.contains("more than one document") {
        return several_documents(text);
    }
    // The reader puts a duplicate key at its mapping's first key; the line
    // to fix is the repeat's.
    let duplicate = ["duplicate field `", "duplicate key `"]
        .iter()
        .find_map(|start| message.split_once(start)?.1.split_once('`'))
        .map(|(key, _)| key);
    let mut first_at = String::new();
    let place = match (yaml_at(inner), duplicate) {
        (Some((line, column)), Some(key)) => {
            let places = crate::input::key_places(text, key, line, column);
            if let [first, (repeat, repeat_column), ..] = places[..] {
                first_at = crate::input::first_at(first, repeat, 0);
                format!("line {repeat}, column {repeat_column}")
            } else {
                format!("line {line}, column {column}")
            }
        }
        _ => yaml_place(inner),
    };
    // serde_path_to_error writes `?` for a step it could not name (a syntax
    // error inside a value); the line and column say where it is.
    let mut path = e
        .path()
        .to_string()
        .split('.')
        .filter(|step| *step != "?")
        .collect::<Vec<_>>()
        .join(".");
    if message.contains("tab character") {
        // The path is the key read before the bad line ("rules[2].candidate"
        // for a tab in front of `points`): keep only the item it is in.
        path.truncate(path.rfind(']').map_or(0, |i| i + 1));
    }
    // yaml_serde may already lead with part of the path; keep the full one once.
    let message = match message.split_once(": ") {
        Some((head, rest)) if path.starts_with(head) => rest.to_owned(),
        _ => message,
    };
    // The alias the reader could not resolve is where it stopped: named.
    let alias = yaml_at(inner)
        .filter(|_| message.ends_with("unknown anchor"))
        .and_then(|(line, column)| {
            let rest = text
                .lines()
                .nth(line.checked_sub(1)?)?
                .get(column.checked_sub(1)?..)?;
            let name: String = rest
                .strip_prefix('*')?
                .chars()
                .take_while(|c| !c.is_whitespace() && !",[]{}".contains(*c))
                .collect();
            (!name.is_empty()).then_some(name)
        });
    let message = match &alias {
        Some(name) => format!("{message} `{name}`"),
        None => message,
    };
    let message = plain_words(&message) + &first_at;
    let message = if path.is_empty() || path == "." {
        message
    } else {
        format!("{path}: {message}")
    };
    let problem = Problem::new(place, message);
    let problem = match alias {
        Some(name) => problem.with_help(format!(
            "an alias `*{name}` repeats the value marked `&{name}` earlier in the file: mark that value, or write it out here"
        )),
        None => problem,
    };
    with_syntax_help(with_shape_help(problem.with_merge_key_help()))
}

/// The pack's top-level keys written more than once, each with the lines
/// it is on (from 1), by a scan of the lines that start with a plain key.
fn repeated_top_level_keys(text: &str) -> Vec<(&str, Vec<usize>)> {
    let mut keys: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let Some((key, _)) = line.split_once(':') else {
            continue;
        };
        if !TOP_LEVEL_KEYS.contains(&key) {
            continue;
        }
        match keys.iter_mut().find(|(k, _)| *k == key) {
            Some((_, lines)) => lines.push(i + 1),
            None => keys.push((key, vec![i + 1])),
        }
    }
    keys.retain(|(_, lines)| lines.len() > 1);
    keys
}

/// The fix for a worked example or test case the pack answers otherwise:
/// the rules that fire for its workload, by candidate, with their points
/// (before the axis weight), so the one to fix can be found without
/// running the workload by hand.
fn wrong_winner_help(pack: &Pack, eval: &crate::engine::Evaluation) -> String {
    const SHOWN: usize = 8;
    let by_candidate: Vec<String> = pack
        .candidates
        .iter()
        .enumerate()
        .map(|(c, candidate)| {
            let fired: Vec<String> = pack
                .rules
                .iter()
                .zip(&eval.rules)
                .filter(|(r, truth)| r.candidate == c && **truth == Truth::True)
                .map(|(r, _)| {
                    let sign = if r.points < 0.0 { "" } else { "+" };
                    format!("`{}` {sign}{}", r.id, crate::number::format(r.points))
                })
                .collect();
            match fired.len() {
                0 => format!("{}: none", candidate.id),
                k if k <= SHOWN => format!("{}: {}", candidate.id, fired.join(", ")),
                k => format!(
                    "{}: {} and {} more",
                    candidate.id,
                    fired[..SHOWN].join(", "),
                    k - SHOWN
                ),
            }
        })
        .collect();
    // The totals in the message are weighted; the points here are not.
    let mut weighted = if eval.weights.iter().any(|&w| w != 1.0) {
        ", points before the axis weights".to_owned()
    } else {
        String::new()
    };
    // A rule that fires on an axis weighted 0 counts nothing: say which.
    let zeroed: Vec<String> = pack
        .axes
        .iter()
        .zip(&eval.weights)
        .enumerate()
        .filter(|&(a, (_, &w))| {
            w == 0.0
                && pack
                    .rules
                    .iter()
                    .zip(&eval.rules)
                    .any(|(r, truth)| r.axis == a && *truth == Truth::True)
        })
        .map(|(_, (axis, _))| format!("`{}`", axis.id))
        .collect();
    if !zeroed.is_empty() {
        let (noun, verb) = if zeroed.len() == 1 {
            ("axis", "has")
        } else {
            ("axes", "have")
        };
        weighted.push_str(&format!(
            "; {noun} {} {verb} weight 0, so the rules there count nothing",
            zeroed.join(", ")
        ));
    }
    format!(
        "the rules that fire for its workload ({}{weighted}): fix their points or conditions, or its `expect` if that is what is wrong",
        by_candidate.join("; ")
    )
}

/// The fix for a key missing from an item or given twice in it.
fn with_shape_help(problem: Problem) -> Problem {
    let key_in = |start: &str| {
        let (_, rest) = problem.message.split_once(start)?;
        Some(rest.split_once('`')?.0.to_owned())
    };
    // What other tools call a field's type, and this pack's words for it.
    const TYPE_WORDS: [(&str, &str); 9] = [
        ("boolean", "bool"),
        ("yes_no", "bool"),
        ("int", "number"),
        ("integer", "number"),
        ("float", "number"),
        ("double", "number"),
        ("enum", "choice"),
        ("string", "choice"),
        ("select", "choice"),
    ];
    let path = problem
        .message
        .split(": ")
        .next()
        .unwrap_or_default()
        .to_owned();
    if problem.help.is_some() {
        problem
    } else if let Some(variant) = key_in("unknown variant `") {
        let listed: Vec<&str> = problem
            .message
            .split_once(", expected one of ")
            .map_or(Vec::new(), |(_, list)| {
                list.split('`').skip(1).step_by(2).collect()
            });
        let meant = TYPE_WORDS
            .iter()
            .find(|(word, _)| variant.eq_ignore_ascii_case(word))
            .map(|&(_, meant)| meant)
            .filter(|meant| listed.contains(meant))
            .or_else(|| suggest::did_you_mean(&variant, listed.iter().copied()))
            .map(str::to_owned);
        match meant {
            Some(meant) => problem.with_help(format!("did you mean `{meant}`?")),
            None => problem,
        }
    } else if (path.ends_with(".when") || path.ends_with(".not"))
        && problem
            .message
            .ends_with("invalid type: a list, expected a mapping")
    {
        problem.with_help(
            "one condition is a mapping; for a list of them, write `all: [...]` (each must hold) \
             or `any: [...]` (one must)",
        )
    } else if path.starts_with("cautions[") && path.ends_with(".winner") {
        problem.with_help(
            "give the id of the pack's candidate it is said for (`winner: ID`, as in its \
             `candidates:` list), or leave `winner` out to say it whichever candidate wins",
        )
    } else if path.starts_with("cautions[") && path.ends_with(".limit_of") {
        problem.with_help(
            "give the id of the pack's candidate whose limit it states (`limit_of: ID`, as in \
             its `candidates:` list), or leave `limit_of` out",
        )
    } else if path.starts_with("cautions[") && problem.message.contains("unknown field `candidate`")
    {
        problem.with_help(
            "a caution has no candidate: it changes no score; a rule (points) or a veto (rules \
             one out) has one. To say it only when one candidate is recommended, write \
             `winner: ID`",
        )
    } else if let Some(key) = key_in("missing field `") {
        problem.with_help(format!(
            "add `{key}: …` to it; if it is there, check its indentation \
             (a key indented less than the item's others ends the item)"
        ))
    } else if let Some(key) = key_in("duplicate field `").or_else(|| key_in("duplicate key `")) {
        // A second list under a pack's section (its snippets pasted at the
        // end) is not joined to the first: either would be lost.
        let section =
            TOP_LEVEL_KEYS[4..].contains(&key.as_str()) && problem.place.ends_with(", column 1");
        problem.with_help(if section {
            format!(
                "one `{key}:` list per pack (two are not joined): move the items under this one into the first, and remove this line"
            )
        } else {
            format!("remove one of the two `{key}` keys")
        })
    } else {
        problem
    }
}

/// Whether a YAML reader's message is about the text itself (indentation,
/// tabs, quoting) rather than a key or value of the wrong shape.
fn is_syntax_error(message: &str) -> bool {
    const SHAPE: [&str; 10] = [
        "invalid type",
        "invalid value",
        "invalid length",
        "unknown variant",
        "unknown field",
        "missing field",
        "duplicate field",
        "duplicate key",
        "recursion limit",
        "repetition limit",
    ];
    !SHAPE.iter().any(|start| message.contains(start))
}

/// What usually causes the YAML reader's terse syntax messages.
fn with_syntax_help(problem: Problem) -> Problem {
    let m = problem.message.as_str();
    if problem.help.is_some() || !is_syntax_error(m) {
        problem
    } else if m.contains("tab character") || m.contains("cannot start any token") {
        problem.with_help("indent with spaces: YAML does not allow tabs in indentation")
    } else if m.contains("mapping values are not allowed") {
        problem.with_help(
            "check the indentation of this line and the one above it; \
             a value that contains `: ` needs quotes",
        )
    } else if m.contains("expected ',' or '}'") || m.contains("expected ',' or ']'") {
        problem.with_help(
            "a `{ … }` or `[ … ]` on one line needs a comma between its entries and its \
             closing bracket; a value that contains `,`, `: ` or a bracket needs quotes",
        )
    } else if m.contains("did not find expected") || m.contains("could not find expected") {
        problem.with_help(
            "check the indentation of this line and the one above it: \
             the keys of one mapping, and the `-` of one list, start in the same column",
        )
    } else {
        problem
    }
}

/// A pack or price table of several YAML documents: where the second starts.
fn several_documents(text: &str) -> Problem {
    let mut content = false;
    let second = text.lines().enumerate().find_map(|(i, line)| {
        let starts_document = line == "---" || line.starts_with("--- ");
        if starts_document && content {
            return Some(i + 1);
        }
        content |= !starts_document && !line.trim().is_empty() && !line.starts_with('#');
        None
    });
    Problem::new(
        second.map_or(String::new(), |line| format!("line {line}")),
        "a second YAML document starts here (`---`); the file must hold one",
    )
    .with_help("remove the `---` line, or move what follows it to a file of its own")
}

fn is_identifier(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// The fix for an id that lower case and `separator` for spaces do not
/// mend: the characters it cannot hold named (`è`: an id is ASCII, since
/// it is written in JSON and on command lines, while a name or label may
/// hold any), or the letter it must start with.
fn id_fix(mended: &str, separator: char) -> Option<String> {
    let mut refused: Vec<char> = Vec::new();
    for c in mended.chars() {
        let allowed = c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == separator;
        if !allowed && !refused.contains(&c) {
            refused.push(c);
        }
    }
    if refused.is_empty() {
        return mended
            .chars()
            .next()
            .map(|_| "start it with a letter, a to z".to_owned());
    }
    let shown: Vec<String> = refused
        .iter()
        .take(3)
        .map(|c| match c {
            '`' => "the backquote".to_owned(),
            c if c.is_control() || c.is_whitespace() => format!("{:?}", c),
            c => format!("`{c}`"),
        })
        .collect();
    let more = if refused.len() > 3 { " and others" } else { "" };
    Some(format!(
        "remove or replace {}{more}: ids hold only a-z, 0-9{} (they are written in JSON and on command lines); a name, title or label may hold any text",
        crate::estimate::join_with(&shown, "and"),
        if separator == '-' { ", `_` and `-`" } else { " and `_`" },
    ))
}

/// Refuses `id` unless it is an identifier; `kind` and `scope` (the field
/// of an option) remember it for the unknown ids it leaves behind.
fn check_id(check: &mut Checker, place: &str, id: &str, kind: &'static str, scope: &str) {
    if !is_identifier(id) {
        check.refused.push((kind, scope.to_owned(), id.to_owned()));
        // `KV-data`, `big items`: the spelling that would do, when there is one.
        let mended: String = id
            .trim()
            .chars()
            .map(|c| match c {
                ' ' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        let help = if is_identifier(&mended) {
            Some(format!("write it `{mended}`"))
        } else {
            id_fix(&mended, '-')
        };
        check.push(
            place.to_owned(),
            format!(
                "id {id:?} must start with a lowercase letter and hold only a-z, 0-9, `_` and `-`"
            ),
            help,
        );
    }
}

fn duplicates<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    let mut reported = std::collections::HashSet::new();
    let mut dups = Vec::new();
    for id in ids {
        // A set for the reported ones too: thousands of repeated ids would
        // make a list's `contains` quadratic.
        if !seen.insert(id) && reported.insert(id) {
            dups.push(id);
        }
    }
    dups
}

fn compile_header(raw: &RawPack, check: &mut Checker) -> Pack {
    if raw.name.trim().is_empty() {
        check.push(
            top_key_place(check.text, "name"),
            "the pack needs a name",
            None,
        );
    }
    if raw.title.as_ref().is_some_and(|t| t.trim().is_empty()) {
        check.push(
            top_key_place(check.text, "title"),
            "the pack's title must not be empty",
            Some("leave `title` out to show the pack's name instead".into()),
        );
    }
    if raw.version.trim().is_empty() {
        check.push(
            top_key_place(check.text, "version"),
            "the pack needs a version",
            None,
        );
    } else if let Some(found) = unquoted_non_text(check.text, "version") {
        check.push(
            top_key_place(check.text, "version"),
            format!("expected text or a number, found {found}"),
            Some("put it in quotes if it is meant as text, or give a number such as `1.0`".into()),
        );
    }
    if raw.candidates.len() < 2 {
        check.push(
            top_key_place(check.text, "candidates"),
            format!(
                "a pack needs at least two candidates, found {}",
                raw.candidates.len()
            ),
            Some("a decision is between two candidates or more".into()),
        );
    }
    if raw.axes.is_empty() {
        check.push(
            top_key_place(check.text, "axes"),
            "a pack needs at least one axis",
            None,
        );
    }
    let mut seen = Seen::default();
    for c in &raw.candidates {
        let place = check.nth_place("candidates", "id", &c.id, "candidate", seen.next(&c.id));
        check_id(check, &place, &c.id, "candidate", "");
        check_text(check, &place, "name", &c.name);
    }
    check.refuse_duplicates(
        "candidates",
        "candidate",
        raw.candidates.iter().map(|c| c.id.as_str()),
    );
    let mut seen = Seen::default();
    for a in &raw.axes {
        let place = check.nth_place("axes", "id", &a.id, "axis", seen.next(&a.id));
        check_id(check, &place, &a.id, "axis", "");
        check_text(check, &place, "title", &a.title);
        if let Err(m) = crate::workload::check_weight(a.weight) {
            check.push(place, m, None);
        }
    }
    check.refuse_duplicates("axes", "axis", raw.axes.iter().map(|a| a.id.as_str()));
    Pack {
        name: raw.name.clone(),
        version: raw.version.clone(),
        title: raw.title.clone().unwrap_or_else(|| raw.name.clone()),
        source: raw.source.clone().unwrap_or_default(),
        candidates: raw
            .candidates
            .iter()
            .map(|c| Candidate {
                id: c.id.clone(),
                name: c.name.clone(),
                summary: c.summary.clone(),
            })
            .collect(),
        axes: raw
            .axes
            .iter()
            .map(|a| Axis {
                id: a.id.clone(),
                title: a.title.clone(),
                weight: a.weight,
            })
            .collect(),
        fields: Vec::new(),
        rules: Vec::new(),
        vetoes: Vec::new(),
        cautions: Vec::new(),
        examples: Vec::new(),
        tests: Vec::new(),
        readers: Vec::new(),
        probes: Vec::new(),
        classes: Default::default(),
        lines: Default::default(),
    }
}

fn lookup_axis(pack: &Pack, check: &mut Checker, place: &str, id: &str) -> Option<usize> {
    let found = pack.axis_index(id);
    if found.is_none() {
        check.push_unknown(
            "axis",
            id,
            check.at_name(place, id),
            format!("unknown axis `{id}`"),
            Some(suggest::hint(id, pack.axes.iter().map(|a| a.id.as_str()))),
        );
    }
    found
}

fn lookup_candidate(pack: &Pack, check: &mut Checker, place: &str, id: &str) -> Option<usize> {
    let found = pack.candidate_index(id);
    if found.is_none() {
        check.push_unknown(
            "candidate",
            id,
            check.at_name(place, id),
            format!("unknown candidate `{id}`"),
            Some(suggest::hint(
                id,
                pack.candidates.iter().map(|c| c.id.as_str()),
            )),
        );
    }
    found
}

fn compile_fields(raw: &RawPack, pack: &Pack, check: &mut Checker) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut seen = Seen::default();
    for f in &raw.fields {
        let place = check.nth_place("fields", "id", &f.id, "field", seen.next(&f.id));
        if !f.id.starts_with(|c: char| c.is_ascii_lowercase())
            || !f
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            // `my-field`, `Peak Reads`: the spelling that would do, when there is one.
            let mended: String =
                f.id.trim()
                    .chars()
                    .map(|c| match c {
                        ' ' | '-' => '_',
                        c => c.to_ascii_lowercase(),
                    })
                    .collect();
            let valid = mended.starts_with(|c: char| c.is_ascii_lowercase())
                && mended
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            check.refused.push(("field", String::new(), f.id.clone()));
            check.push(
                place.clone(),
                "a field id must start with a lowercase letter and hold only a-z, 0-9 and `_`",
                if valid {
                    Some(format!(
                        "write it `{mended}` (its flag is `--{}`), here and where rules read it",
                        mended.replace('_', "-")
                    ))
                } else {
                    id_fix(&mended, '_')
                },
            );
        }
        if f.id == "priorities" {
            check.push(
                place.clone(),
                "`priorities` is reserved for axis weights",
                None,
            );
        }
        let flag = f.id.replace('_', "-");
        if RESERVED_FLAGS.contains(&flag.as_str()) {
            check.push(
                place.clone(),
                format!("its flag --{flag} clashes with dbadvisor's own --{flag} option"),
                Some(format!("rename the field, e.g. `{}_answer`", f.id)),
            );
        }
        check_text(check, &place, "question", &f.question);
        let axis = lookup_axis(pack, check, &place, &f.axis);
        if f.kind != RawFieldType::Choice && f.options.is_some() {
            check.push(place.clone(), "only choice fields have options", None);
        }
        if f.kind != RawFieldType::Number
            && (f.unit.is_some() || f.min.is_some() || f.max.is_some() || f.min_exclusive.is_some())
        {
            check.push(
                place.clone(),
                "only number fields have unit, min, min_exclusive or max",
                None,
            );
        }
        let kind = match f.kind {
            RawFieldType::Bool => FieldKind::Bool,
            RawFieldType::Choice => {
                let options = f.options.as_deref().unwrap_or_default();
                if options.len() < 2 {
                    check.push(
                        place.clone(),
                        "a choice field needs at least two options",
                        Some("list its answers under `options:`, each as `- { id: …, label: … }`; the rules and workloads that use the field are checked once it has them".into()),
                    );
                    check.broken.push(f.id.clone());
                }
                let mut seen = Seen::default();
                for o in options {
                    let at = format!("{place}, option `{}`", o.id);
                    let before = check.problems.len();
                    let nth = seen.next(&o.id);
                    check_id(check, &at, &o.id, "option", &f.id);
                    check_text(check, &at, "label", &o.label);
                    // Placed at the option's own line, found only for a
                    // problem: a scan per option would be quadratic.
                    if check.problems.len() > before {
                        if let Some((line, rest)) = split_place(&place) {
                            let lines = option_lines(check.text, line, &o.id);
                            if let Some(own) = lines.get(nth).or(lines.last()) {
                                let own = format!("line {own}, {rest}, option `{}`", o.id);
                                for p in &mut check.problems[before..] {
                                    p.place.clone_from(&own);
                                }
                            }
                        }
                    }
                }
                for dup in duplicates(options.iter().map(|o| o.id.as_str())) {
                    // At the repeat's line, naming the first, as for ids.
                    let (at, first) = split_place(&place)
                        .and_then(
                            |(line, rest)| match option_lines(check.text, line, dup)[..] {
                                [first, second, ..] => Some((
                                    format!("line {second}, {rest}"),
                                    format!(" (first at line {first})"),
                                )),
                                _ => None,
                            },
                        )
                        .unwrap_or_else(|| (place.clone(), String::new()));
                    check.repeated.push((
                        "option",
                        f.id.clone(),
                        dup.to_owned(),
                        split_place(&at).map(|(l, _)| l),
                    ));
                    check.push(
                        at,
                        format!("duplicate option `{dup}`{first}"),
                        Some("give each option of a field an id of its own".into()),
                    );
                }
                FieldKind::Choice(
                    options
                        .iter()
                        .map(|o| ChoiceOption {
                            id: o.id.clone(),
                            label: o.label.clone(),
                        })
                        .collect(),
                )
            }
            RawFieldType::Number => {
                let min = f.min.unwrap_or(0.0);
                let max = f.max.unwrap_or(MAX_NUMBER_BOUND);
                let exclusive = f.min_exclusive.unwrap_or(false);
                if !min.is_finite() || !max.is_finite() || min > max {
                    // With the values, and which of them was left out.
                    let said = |value: Option<f64>, default: f64| match value {
                        Some(v) => crate::number::format_grouped(v),
                        None => format!("{} (not given)", crate::number::format_grouped(default)),
                    };
                    check.push(
                        place.clone(),
                        format!(
                            "min and max must be finite with min ≤ max; min is {}, max is {}",
                            said(f.min, 0.0),
                            said(f.max, MAX_NUMBER_BOUND)
                        ),
                        Some("the rules and workloads that use the field are checked once its range holds an answer".into()),
                    );
                    check.broken.push(f.id.clone());
                } else if min.abs() > MAX_NUMBER_BOUND || max.abs() > MAX_NUMBER_BOUND {
                    check.push(
                        place.clone(),
                        format!(
                            "min and max must lie within ±{}: beyond it a cost estimate could overflow",
                            crate::number::format_grouped(MAX_NUMBER_BOUND)
                        ),
                        Some("choose a larger unit (TB rather than GB) for larger figures".to_owned()),
                    );
                } else if exclusive && min == max {
                    check.push(
                        place.clone(),
                        "no answer is accepted: min_exclusive refuses min, which is also max",
                        Some("raise max above min, or drop min_exclusive".to_owned()),
                    );
                    check.broken.push(f.id.clone());
                }
                FieldKind::Number(NumberSpec {
                    min,
                    min_exclusive: exclusive,
                    max,
                    unit: f.unit.clone().unwrap_or_default(),
                    thresholds: Vec::new(),
                })
            }
        };
        fields.push(Field {
            id: f.id.clone(),
            axis: axis.unwrap_or(0),
            question: f.question.clone(),
            help: f.help.clone(),
            kind,
        });
    }
    check.refuse_duplicates("fields", "field", raw.fields.iter().map(|f| f.id.as_str()));
    fields
}

fn compile_rules(raw: &RawPack, pack: &Pack, check: &mut Checker) -> Vec<Rule> {
    let mut rules = Vec::new();
    let mut seen = Seen::default();
    for r in &raw.rules {
        let place = check.nth_place("rules", "id", &r.id, "rule", seen.next(&r.id));
        check_id(check, &place, &r.id, "rule", "");
        let axis = lookup_axis(pack, check, &place, &r.axis);
        let candidate = lookup_candidate(pack, check, &place, &r.candidate);
        if !r.points.is_finite() {
            check.push(place.clone(), "points must be a finite number", None);
        } else if r.points.abs() > MAX_POINTS {
            // Beyond this, a few rules times an axis weight overflow to infinity.
            check.push(
                place.clone(),
                format!(
                    "points {} are outside -1,000,000 to 1,000,000",
                    crate::number::format(r.points)
                ),
                None,
            );
        }
        check_text(check, &place, "because", &r.because);
        check_text(check, &place, "source", &r.source);
        let when = compile_condition(pack_fields(pack), &r.when, &place, check);
        if let (Some(axis), Some(candidate), Some(when)) = (axis, candidate, when) {
            rules.push(Rule {
                id: r.id.clone(),
                axis,
                candidate,
                points: r.points,
                when,
                because: r.because.clone(),
                source: r.source.clone(),
            });
        }
    }
    rules
}

fn compile_vetoes(raw: &RawPack, pack: &Pack, check: &mut Checker) -> Vec<Veto> {
    let mut vetoes = Vec::new();
    let mut seen = Seen::default();
    for v in &raw.vetoes {
        let place = check.nth_place("vetoes", "id", &v.id, "veto", seen.next(&v.id));
        check_id(check, &place, &v.id, "veto", "");
        let candidate = lookup_candidate(pack, check, &place, &v.candidate);
        check_text(check, &place, "because", &v.because);
        check_text(check, &place, "source", &v.source);
        let when = compile_condition(pack_fields(pack), &v.when, &place, check);
        if let (Some(candidate), Some(when)) = (candidate, when) {
            vetoes.push(Veto {
                id: v.id.clone(),
                candidate,
                when,
                because: v.because.clone(),
                source: v.source.clone(),
            });
        }
    }
    vetoes
}

fn compile_cautions(raw: &RawPack, pack: &Pack, check: &mut Checker) -> Vec<Caution> {
    let mut cautions = Vec::new();
    let mut seen = Seen::default();
    for c in &raw.cautions {
        let place = check.nth_place("cautions", "id", &c.id, "caution", seen.next(&c.id));
        check_id(check, &place, &c.id, "caution", "");
        check_text(check, &place, "because", &c.because);
        check_text(check, &place, "source", &c.source);
        // `Some(None)`: not given (said whichever wins; no limit);
        // `None`: an unknown candidate.
        let mut optional = |id: &Option<String>| match id {
            Some(id) => lookup_candidate(pack, check, &place, id).map(Some),
            None => Some(None),
        };
        let winner = optional(&c.winner);
        let limit_of = optional(&c.limit_of);
        let when = compile_condition(pack_fields(pack), &c.when, &place, check);
        if let (Some(winner), Some(limit_of), Some(when)) = (winner, limit_of, when) {
            cautions.push(Caution {
                id: c.id.clone(),
                winner,
                limit_of,
                when,
                because: c.because.clone(),
                source: c.source.clone(),
            });
        }
    }
    cautions
}

/// Rules, vetoes and cautions share one namespace: results and `rules
/// check` cite them by id alone.
fn check_unique_rule_ids(raw: &RawPack, check: &mut Checker) {
    const SECTIONS: [(&str, &str); 3] = [
        ("rules", "rule"),
        ("vetoes", "veto"),
        ("cautions", "caution"),
    ];
    // Which sections hold each id (bit i: SECTIONS[i]), built once.
    let mut held: std::collections::HashMap<&str, u8> = std::collections::HashMap::new();
    let lists = [
        raw.rules.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        raw.vetoes.iter().map(|v| v.id.as_str()).collect(),
        raw.cautions.iter().map(|c| c.id.as_str()).collect(),
    ];
    for (bit, list) in lists.iter().enumerate() {
        for id in list {
            *held.entry(id).or_default() |= 1 << bit;
        }
    }
    for dup in duplicates(lists.iter().flatten().copied()) {
        // Only the sections holding it: when the copies have no line of
        // their own (a YAML alias), the place names the right kind of item.
        let bits = held.get(dup).copied().unwrap_or(0);
        let holding: Vec<(&str, &str)> = SECTIONS
            .into_iter()
            .enumerate()
            .filter(|(bit, _)| bits & (1 << bit) != 0)
            .map(|(_, section)| section)
            .collect();
        let (place, first) = check.duplicate_place(&holding, "id", dup);
        check.push(
            place,
            format!("duplicate id among rules, vetoes and cautions{first}"),
            Some("give each rule, veto and caution an id of its own".into()),
        );
    }
}

fn check_text(check: &mut Checker, place: &str, key: &str, text: &str) {
    // Zero-width characters alone show nothing either.
    let invisible = |c: char| {
        c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
    };
    if text.chars().all(invisible) {
        check.push(place.to_owned(), format!("`{key}` must not be empty"), None);
    }
}

/// The fields compiled so far (they are set on the pack before rules).
fn pack_fields(pack: &Pack) -> &[Field] {
    &pack.fields
}

fn compile_condition(
    fields: &[Field],
    raw: &RawCondition,
    place: &str,
    check: &mut Checker,
) -> Option<Condition> {
    let ops: Vec<&str> = [
        ("is", raw.is.is_some()),
        ("in", raw.one_of.is_some()),
        ("gt", raw.gt.is_some()),
        ("gte", raw.gte.is_some()),
        ("lt", raw.lt.is_some()),
        ("lte", raw.lte.is_some()),
        ("all", raw.all.is_some()),
        ("any", raw.any.is_some()),
        ("not", raw.not.is_some()),
    ]
    .into_iter()
    .filter(|(_, present)| *present)
    .map(|(name, _)| name)
    .collect();
    // The shape of the condition is the `when:` line's to fix.
    let at_when = || check.at_path(place, "when");
    let op = match ops.as_slice() {
        [op] => *op,
        [] => {
            check.push(
                at_when(),
                "condition has no operator",
                Some("use one of: is, in, gt, gte, lt, lte, all, any, not".into()),
            );
            return None;
        }
        several => {
            check.push(
                at_when(),
                format!("condition has several operators ({})", several.join(", ")),
                Some("combine several tests with `all: [...]`".into()),
            );
            return None;
        }
    };
    let combine = |list: &Vec<RawCondition>, check: &mut Checker| -> Option<Vec<Condition>> {
        if list.is_empty() {
            check.push(
                check.at_path(place, "when"),
                format!("`{op}` needs at least one condition"),
                None,
            );
            return None;
        }
        let parts: Vec<Option<Condition>> = list
            .iter()
            .map(|c| compile_condition(fields, c, place, check))
            .collect();
        parts.into_iter().collect()
    };
    if matches!(op, "all" | "any" | "not") {
        if raw.field.is_some() {
            check.push(
                place.to_owned(),
                format!("`{op}` takes conditions, not a `field`"),
                None,
            );
            return None;
        }
        return match op {
            "all" => combine(raw.all.as_ref()?, check).map(Condition::All),
            "any" => combine(raw.any.as_ref()?, check).map(Condition::Any),
            _ => compile_condition(fields, raw.not.as_deref()?, place, check)
                .map(|c| Condition::Not(Box::new(c))),
        };
    }
    let Some(field_id) = &raw.field else {
        check.push(place.to_owned(), format!("`{op}` needs a `field`"), None);
        return None;
    };
    let Some(index) = fields.iter().position(|f| f.id == *field_id) else {
        check.push_unknown(
            "field",
            field_id,
            check.at_name(place, field_id),
            format!("unknown field `{field_id}`"),
            Some(suggest::hint(
                field_id,
                fields.iter().map(|f| f.id.as_str()),
            )),
        );
        return None;
    };
    let field = &fields[index];
    if check.broken.contains(&field.id) {
        return None; // its definition is the error to fix
    }
    // A condition deep in an `all:` is found by its field and operator,
    // not left at the rule's first line for the author to hunt.
    // Found only for a problem: the scan of the item's lines costs, and a
    // pack of thousands of rules made it quadratic.
    let item = place;
    let here = |check: &Checker| check.at_condition(item, field_id, op);
    let option = |value: &Raw, check: &mut Checker| -> Option<usize> {
        let FieldKind::Choice(options) = &field.kind else {
            return None;
        };
        let Raw::String(s) = value else {
            check.push(
                here(check),
                format!(
                    "field `{field_id}` takes an option id, found {}",
                    value.kind()
                ),
                None,
            );
            return None;
        };
        let found = options.iter().position(|o| o.id == *s);
        if found.is_none() {
            check.push_unknown_option(
                field_id,
                s,
                check.at_name(item, s),
                format!("unknown option `{s}` for field `{field_id}`"),
                Some(suggest::hint(s, options.iter().map(|o| o.id.as_str()))),
            );
        }
        found
    };
    match op {
        "is" => {
            let value = raw.is.as_ref()?;
            let compiled = match (&field.kind, value) {
                (FieldKind::Choice(_), v) => option(v, check).map(Value::Choice),
                (FieldKind::Bool, Raw::Bool(b)) => Some(Value::Bool(*b)),
                (FieldKind::Number(_), Raw::Number(n)) if n.is_finite() => Some(Value::Number(*n)),
                (kind, v) => {
                    check.push(
                        here(check),
                        format!(
                            "`is` on {} field `{field_id}` needs {}, found {}",
                            kind.name(),
                            match kind {
                                FieldKind::Bool => "true or false",
                                _ => "a finite number",
                            },
                            v.show()
                        ),
                        None,
                    );
                    None
                }
            };
            compiled.map(|value| Condition::Is {
                field: index,
                value,
            })
        }
        "in" => {
            if !matches!(field.kind, FieldKind::Choice(_)) {
                check.push(
                    here(check),
                    format!(
                        "`in` needs a choice field, but `{field_id}` is a {} field",
                        field.kind.name()
                    ),
                    Some(match field.kind {
                        FieldKind::Number(_) => "compare a number with gt, gte, lt or lte".into(),
                        _ => "test a yes/no field with `is: true` or `is: false`".into(),
                    }),
                );
                return None;
            }
            let list = raw.one_of.as_ref()?;
            if list.is_empty() {
                check.push(here(check), "`in` needs at least one option", None);
                return None;
            }
            let options: Vec<Option<usize>> = list.iter().map(|v| option(v, check)).collect();
            let options: Option<Vec<usize>> = options.into_iter().collect();
            options.map(|options| Condition::In {
                field: index,
                options,
            })
        }
        _ => {
            let (comparison, value) = match op {
                "gt" => (Comparison::Gt, raw.gt.as_ref()?),
                "gte" => (Comparison::Gte, raw.gte.as_ref()?),
                "lt" => (Comparison::Lt, raw.lt.as_ref()?),
                _ => (Comparison::Lte, raw.lte.as_ref()?),
            };
            if !matches!(field.kind, FieldKind::Number(_)) {
                check.push(
                    here(check),
                    format!(
                        "numeric comparison `{op}` on {} field `{field_id}`",
                        field.kind.name()
                    ),
                    Some(match field.kind {
                        FieldKind::Choice(_) => "use `is` or `in` with option ids".into(),
                        _ => "use `is: true` or `is: false`".into(),
                    }),
                );
                return None;
            }
            match value {
                Raw::Number(n) if n.is_finite() => Some(Condition::Compare {
                    field: index,
                    op: comparison,
                    value: *n,
                }),
                other => {
                    // `gt: "400"` or `gt: 10_000`: text to YAML.
                    let help = match other {
                        Raw::String(text) => crate::number::meant_by_text(text).map(|n| {
                            format!(
                                "write it as a plain number: `{op}: {}` ({})",
                                crate::number::format(n),
                                crate::number::READ_AS_TEXT
                            )
                        }),
                        _ => None,
                    };
                    check.push(
                        here(check),
                        format!("`{op}` needs a finite number, found {}", other.show()),
                        help,
                    );
                    None
                }
            }
        }
    }
}

/// The widest a number field's `min` and `max` may be (and its `max` when
/// none is given). Answers up to it keep every total and every cost estimate
/// finite: the largest bill, every rate and size at 10^12, is about 10^23.
const MAX_NUMBER_BOUND: f64 = 1e12;

fn readers(pack: &Pack) -> Vec<super::Readers> {
    let mut readers = vec![super::Readers::default(); pack.fields.len()];
    for (i, rule) in pack.rules.iter().enumerate() {
        for f in rule.when.fields() {
            readers[f].rules.push(i);
        }
    }
    for (i, veto) in pack.vetoes.iter().enumerate() {
        for f in veto.when.fields() {
            readers[f].vetoes.push(i);
        }
    }
    readers
}

/// Checks [`MAX_RULES`] and [`MAX_NUMBERS_PER_FIELD`]: true when the pack
/// is past either (the problems are in `check`).
fn too_large(pack: &Pack, check: &mut Checker) -> bool {
    let mut large = false;
    let items = pack.rules.len() + pack.vetoes.len() + pack.cautions.len();
    if items > MAX_RULES {
        large = true;
        check.push(
            "rules".into(),
            format!(
                "the pack holds {} rules, vetoes and cautions; at most {} are read",
                crate::number::format_grouped(items as f64),
                crate::number::format_grouped(MAX_RULES as f64)
            ),
            Some(
                "split it into packs for narrower questions, or merge rules that say the same"
                    .into(),
            ),
        );
    }
    for field in &pack.fields {
        if let FieldKind::Number(spec) = &field.kind {
            if spec.thresholds.len() > MAX_NUMBERS_PER_FIELD {
                large = true;
                check.push(
                    check.place("fields", "id", &field.id, "field"),
                    format!(
                        "its rules and vetoes compare it with {} different numbers; at most {}",
                        crate::number::format_grouped(spec.thresholds.len() as f64),
                        crate::number::format_grouped(MAX_NUMBERS_PER_FIELD as f64)
                    ),
                    Some("the analysis works through every range between them: round the numbers to fewer values".into()),
                );
            }
        }
    }
    large
}

fn collect_thresholds(pack: &mut Pack) {
    let mut per_field: Vec<Vec<f64>> = vec![Vec::new(); pack.fields.len()];
    let conditions = pack
        .rules
        .iter()
        .map(|r| &r.when)
        .chain(pack.vetoes.iter().map(|v| &v.when));
    for condition in conditions {
        condition.for_each_leaf(&mut |leaf| match leaf {
            Condition::Compare { field, value, .. }
            | Condition::Is {
                field,
                value: Value::Number(value),
            } => per_field[*field].push(*value),
            _ => {}
        });
    }
    for (field, mut thresholds) in pack.fields.iter_mut().zip(per_field) {
        if let FieldKind::Number(spec) = &mut field.kind {
            thresholds.sort_by(f64::total_cmp);
            thresholds.dedup();
            spec.thresholds = thresholds;
        }
    }
}

fn workload_from(pack: &Pack, raw: &Raw, place: &str, check: &mut Checker) -> Option<Workload> {
    match Workload::from_raw(pack, raw) {
        Ok(w) => Some(w),
        Err(problems) => {
            for p in problems {
                let field = p.place.split(['.', '[']).next().unwrap_or_default();
                if check.broken.iter().any(|b| b == field) {
                    continue; // its definition is the error to fix
                }
                let at = if p.place.is_empty() {
                    format!("{place}, workload")
                } else {
                    format!("{place}, workload.{}", p.place)
                };
                let at = check.at_path(&at, &format!("workload.{}", p.place));
                let option = match raw_value(raw, &p.place) {
                    Some(Raw::String(s)) if p.message.ends_with(" is not an option") => Some(s),
                    _ => None,
                };
                if p.message == "unknown field" && !p.place.contains('.') {
                    check.push_unknown("field", &p.place, at, p.message, p.help);
                } else if let Some(option) = option {
                    check.push_unknown_option(field, option, at, p.message, p.help);
                } else {
                    check.push(at, p.message, p.help);
                }
            }
            None
        }
    }
}

/// The value a workload gives `field`, when `raw` is a mapping that has it.
fn raw_value<'r>(raw: &'r Raw, field: &str) -> Option<&'r Raw> {
    match raw {
        Raw::Map(entries) => entries.iter().find(|(k, _)| k == field).map(|(_, v)| v),
        _ => None,
    }
}

fn compile_examples(raw: &RawPack, pack: &Pack, check: &mut Checker) -> Vec<WorkedExample> {
    let mut examples = Vec::new();
    let mut seen = Seen::default();
    for e in &raw.examples {
        let place = check.nth_place("examples", "id", &e.id, "example", seen.next(&e.id));
        check_id(check, &place, &e.id, "example", "");
        check_text(check, &place, "title", &e.title);
        check_text(check, &place, "text", &e.text);
        let expect = lookup_candidate(pack, check, &place, &e.expect);
        let workload = workload_from(pack, &e.workload, &place, check);
        if let (Some(expect), Some(workload)) = (expect, workload) {
            examples.push(WorkedExample {
                id: e.id.clone(),
                title: e.title.clone(),
                section: e.section.clone(),
                text: e.text.clone(),
                expect,
                workload,
            });
        }
    }
    for dup in duplicates(raw.examples.iter().map(|e| e.id.as_str())) {
        let (place, first) = check.duplicate_place(&[("examples", "example")], "id", dup);
        check.push(
            place,
            format!("duplicate example id{first}"),
            Some("give each example an id of its own".into()),
        );
    }
    examples
}

fn compile_tests(raw: &RawPack, pack: &Pack, check: &mut Checker) -> Vec<TestCase> {
    let mut tests = Vec::new();
    // Built once: a pack may have thousands of cautions and test cases.
    let caution_index: std::collections::HashMap<&str, usize> = pack
        .cautions
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut seen = Seen::default();
    for t in &raw.tests {
        let place = check.nth_place("tests", "name", &t.name, "test", seen.next(&t.name));
        check_text(check, &place, "name", &t.name);
        let expect = lookup_candidate(pack, check, &place, &t.expect);
        if let Some(m) = t.min_margin {
            if !m.is_finite() || m < 0.0 {
                check.push(place.clone(), "min_margin must be a number ≥ 0", None);
            }
        }
        let workload = workload_from(pack, &t.workload, &place, check);
        let cautions = t
            .cautions
            .as_ref()
            .map(|ids| expected_cautions(raw, pack, &caution_index, ids, &place, check));
        if let (Some(expect), Some(workload)) = (expect, workload) {
            tests.push(TestCase {
                name: t.name.clone(),
                workload,
                expect,
                min_margin: t.min_margin,
                cautions,
            });
        }
    }
    // A failing test is reported by its name, so two tests with one name
    // would leave the reader guessing which failed.
    for dup in duplicates(raw.tests.iter().map(|t| t.name.as_str())) {
        let (place, first) = check.duplicate_place(&[("tests", "test")], "name", dup);
        check.push(
            place,
            format!("duplicate test name{first}"),
            Some("give each test a name of its own".into()),
        );
    }
    tests
}

/// Caution ids for a message, at most ten of them (`a`, `b` and 3 more).
/// Why an expected caution said only for one winner is missing: its
/// condition holds, but another candidate (or none) wins.
fn gated_help(
    pack: &Pack,
    workload: &Workload,
    winner: Option<usize>,
    expected: &[usize],
    holding: &[usize],
) -> Option<String> {
    let missing = expected.iter().find(|c| {
        let caution = &pack.cautions[**c];
        !holding.contains(c)
            && caution.winner.is_some_and(|g| Some(g) != winner)
            && caution.when.eval(workload) == crate::engine::Truth::True
    })?;
    let caution = &pack.cautions[*missing];
    let gate = &pack.candidates[caution.winner?].id;
    let gives = winner.map_or("no winner".to_owned(), |w| pack.candidates[w].id.clone());
    Some(format!(
        "`{}` is said only when {gate} is recommended (its `winner`), and this workload gives {gives}",
        caution.id
    ))
}

fn caution_ids(pack: &Pack, list: &[usize]) -> String {
    const SHOWN: usize = 10;
    let ids: Vec<String> = list
        .iter()
        .take(SHOWN)
        .map(|&c| format!("`{}`", pack.cautions[c].id))
        .collect();
    match list.len().saturating_sub(SHOWN) {
        0 => ids.join(", "),
        more => format!("{} and {more} more", ids.join(", ")),
    }
}

/// A test case's `cautions`: indices in pack order (the order the cautions
/// that hold come in), every unknown and repeated id reported.
fn expected_cautions(
    raw: &RawPack,
    pack: &Pack,
    index: &std::collections::HashMap<&str, usize>,
    ids: &[String],
    place: &str,
    check: &mut Checker,
) -> Vec<usize> {
    let mut found = std::collections::BTreeSet::new();
    for id in ids {
        match index.get(id.as_str()) {
            Some(&i) => {
                if !found.insert(i) {
                    check.push(
                        place.to_owned(),
                        format!("`cautions` lists `{id}` twice"),
                        None,
                    );
                }
            }
            // Declared, but refused for a problem of its own (or of a field
            // it reads), already reported.
            None if raw.cautions.iter().any(|c| c.id == *id) => {}
            None => {
                let kind = if raw.rules.iter().any(|r| r.id == *id) {
                    Some("rule")
                } else if raw.vetoes.iter().any(|v| v.id == *id) {
                    Some("veto")
                } else {
                    None
                };
                let help = if let Some(kind) = kind {
                    format!(
                        "`{id}` is a {kind}, not a caution: a test's `cautions` lists the cautions that must hold (every one, and no other)"
                    )
                } else if pack.cautions.is_empty() {
                    "the pack has no cautions".to_owned()
                } else {
                    suggest::hint(id, pack.cautions.iter().map(|c| c.id.as_str()))
                };
                check.push(
                    place.to_owned(),
                    format!("unknown caution `{id}` in `cautions`"),
                    Some(help),
                );
            }
        }
    }
    found.into_iter().collect()
}

/// Runs every worked example and test case; each must recommend its candidate.
fn check_outcomes(pack: &Pack, check: &mut Checker) {
    // A ruled-out candidate's score alone would suggest it lost on points.
    let describe = |eval: &crate::engine::Evaluation| -> String {
        let parts = pack
            .candidates
            .iter()
            .zip(&eval.totals)
            .enumerate()
            .map(|(i, (c, t))| {
                let vetoes: Vec<String> = pack
                    .vetoes
                    .iter()
                    .zip(&eval.vetoes)
                    .filter(|(v, truth)| v.candidate == i && **truth == Truth::True)
                    .map(|(v, _)| format!("`{}`", v.id))
                    .collect();
                if vetoes.is_empty() {
                    format!("{} {}", c.id, crate::number::format(*t))
                } else {
                    format!(
                        "{} {}, ruled out by {}",
                        c.id,
                        crate::number::format(*t),
                        vetoes.join(" and ")
                    )
                }
            })
            .collect::<Vec<_>>();
        let separator = if eval.excluded.contains(&true) {
            "; "
        } else {
            ", "
        };
        parts.join(separator)
    };
    let outcome = |eval: &crate::engine::Evaluation| -> String {
        eval.winner().map_or("no recommendation".into(), |w| {
            pack.candidates[w].id.clone()
        })
    };
    for e in &pack.examples {
        let eval = evaluate(pack, &e.workload);
        if eval.winner() != Some(e.expect) {
            let place = check.place("examples", "id", &e.id, "example");
            check.push(
                place,
                format!(
                    "expects {} but the pack gives {} ({})",
                    pack.candidates[e.expect].id,
                    outcome(&eval),
                    describe(&eval)
                ),
                Some(wrong_winner_help(pack, &eval)),
            );
        }
    }
    for t in &pack.tests {
        let eval = evaluate(pack, &t.workload);
        let place = check.place("tests", "name", &t.name, "test");
        if eval.winner() != Some(t.expect) {
            check.push(
                place.clone(),
                format!(
                    "expects {} but the pack gives {} ({})",
                    pack.candidates[t.expect].id,
                    outcome(&eval),
                    describe(&eval)
                ),
                Some(wrong_winner_help(pack, &eval)),
            );
        } else if let Some(min) = t.min_margin {
            if eval.margin() + crate::engine::TIE < min {
                check.push(
                    place.clone(),
                    format!(
                        "margin {} is below min_margin {}",
                        crate::number::format(eval.margin()),
                        crate::number::format(min)
                    ),
                    None,
                );
            }
        }
        if let Some(expected) = &t.cautions {
            let holding = crate::engine::cautions(pack, &t.workload, eval.winner());
            if holding != *expected {
                check.push(
                    place,
                    format!(
                        "expects {} but {}",
                        match expected.len() {
                            0 => "no caution".to_owned(),
                            1 => format!("caution {}", caution_ids(pack, expected)),
                            _ => format!("cautions {}", caution_ids(pack, expected)),
                        },
                        match holding.len() {
                            0 => "none holds".to_owned(),
                            1 => format!("{} holds", caution_ids(pack, &holding)),
                            _ => format!("{} hold", caution_ids(pack, &holding)),
                        }
                    ),
                    gated_help(pack, &t.workload, eval.winner(), expected, &holding),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_line_of_an_item() {
        let text = "name: x\nrules:\n  - id: a\n    axis: b\n  - { id: \"c\", axis: d }\ntests:\n  - name: a\n";
        assert_eq!(find_line(text, "rules", "id", "a"), Some(3));
        assert_eq!(find_line(text, "rules", "id", "c"), Some(5));
        assert_eq!(find_line(text, "tests", "name", "a"), Some(7));
        assert_eq!(find_line(text, "rules", "id", "zz"), None);
    }

    fn problems(text: &str) -> Vec<String> {
        match Pack::load(text, "t.yaml") {
            Ok(_) => Vec::new(),
            Err(Error::Pack { problems, .. }) => problems
                .iter()
                .map(|p| format!("{}: {} {:?}", p.place, p.message, p.help))
                .collect(),
            Err(other) => vec![other.to_string()],
        }
    }

    /// Asserts that loading `text` reports a problem containing `needle`.
    fn assert_problem(text: &str, needle: &str) {
        let found = problems(text);
        assert!(
            found.iter().any(|p| p.contains(needle)),
            "{needle}: {found:?}"
        );
    }

    /// Problems come in the order of their lines, whichever check found
    /// them: here a test case written above the rules comes first.
    #[test]
    fn problems_are_listed_in_line_order() {
        let text = std::fs::read_to_string("tests/fixtures/caution-pack.yaml").unwrap();
        let at = text.find("\ntests:\n").unwrap() + 1;
        let (head, tests) = text.split_at(at);
        let rules = head.find("\nrules:\n").unwrap() + 1;
        let moved = format!("{}{tests}{}", &head[..rules], &head[rules..])
            .replacen("expect: red", "expect: redd", 1)
            .replacen("field: size, lt: 10", "field: sise, lt: 10", 1);
        let found = problems(&moved);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("unknown candidate `redd`"), "{found:?}");
        assert!(found[1].contains("unknown field `sise`"), "{found:?}");
    }

    /// A declaration misspelt, or copied without a new id, breaks every
    /// reference to it: said once, at the first, with the other lines and
    /// the declaration to fix, not once per reference (each suggesting the
    /// misspelling).
    #[test]
    fn a_broken_declaration_is_said_once_with_its_uses() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        // Every mention but the declaration is a use (rules, workloads).
        let uses = text.matches("item_size_kb").count() - 1;
        assert!(uses > 5, "{uses}");
        // Misspelt where it is declared.
        let misspelt = text.replacen("  - id: item_size_kb\n", "  - id: item_size_k\n", 1);
        assert_ne!(misspelt, text);
        let found = problems(&misspelt);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("unknown field `item_size_kb`; also at lines ")
                && found[0].contains(&format!("{} more", uses - 1 - 6)),
            "{found:?}"
        );
        let declared = text
            .lines()
            .position(|l| l == "  - id: item_size_kb")
            .unwrap()
            + 1;
        assert!(
            found[0].contains(&format!(
                "did you mean `item_size_k`? `item_size_kb` is used {uses} times: if the field `item_size_k` at line {declared} was meant to be `item_size_kb`, rename it there instead"
            )),
            "{found:?}"
        );
        // A copy of another field's id.
        let copied = text.replacen("  - id: item_size_kb\n", "  - id: data_size_gb\n", 1);
        let found = problems(&copied);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("duplicate field id (first at line "),
            "{found:?}"
        );
        assert!(
            found[0].contains("give each field an id of its own"),
            "{found:?}"
        );
        assert!(
            found[1].contains(&format!(
                "no field has this id; the field at line {declared} repeats the id `data_size_gb`: if it was meant to be `item_size_kb`, give it that id"
            )),
            "{found:?}"
        );
        // Beside the copy, one misspelt use of another field keeps its own
        // suggestion, not the copy's.
        let both = copied.replacen("field: latency_p99_ms,", "field: latency_p99_m,", 1);
        let found = problems(&both);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found.iter().any(|p| p.contains(
                "unknown field `latency_p99_m` Some(\"did you mean `latency_p99_ms`?\")"
            )),
            "{found:?}"
        );
        // One misspelt reference keeps its own suggestion.
        let once = text.replacen("field: item_size_kb", "field: item_sise_kb", 1);
        let found = problems(&once);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .contains("unknown field `item_sise_kb` Some(\"did you mean `item_size_kb`?\")"),
            "{found:?}"
        );
    }

    /// A field or option whose id is refused for its spelling (`région`)
    /// leaves its uses unknown: they are said once, pointing at it, not at
    /// a list of the other ids.
    #[test]
    fn uses_of_a_refused_id_point_at_it() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let line_of =
            |text: &str, needle: &str| text.lines().position(|l| l == needle).unwrap() + 1;
        let field = text.replacen("  - id: multi_region\n", "  - id: région\n", 1);
        let found = problems(&field);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("remove or replace `é`"), "{found:?}");
        assert!(
            found[1].contains(&format!(
                "no field has this id; the id `région` of the field at line {} is refused (see there): if that field is `multi_region`, give it that id",
                line_of(&field, "  - id: région")
            )),
            "{found:?}"
        );
        let option = text.replacen(
            "      - { id: relational, label:",
            "      - { id: Relational, label:",
            1,
        );
        let found = problems(&option);
        assert_eq!(found.len(), 2, "{found:?}");
        let own = option
            .lines()
            .position(|l| l.contains("id: Relational"))
            .unwrap()
            + 1;
        assert!(
            found[0].starts_with(&format!(
                "line {own}, field `data_shape`, option `Relational`: "
            )) && found[0].contains("write it `relational`"),
            "{found:?}"
        );
        assert!(
            found[1].contains(&format!(
                "no option of field `data_shape` has this id; the id `Relational` of the option at line {own} is refused",
            )),
            "{found:?}"
        );
    }

    /// An option misspelt or copied where its field declares it is said
    /// once too, with its uses in rules and in the examples' and tests'
    /// workloads, and the option line to fix.
    #[test]
    fn a_broken_option_is_said_once_with_its_uses() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let declaration = "      - { id: key_value, label:";
        let declared = text
            .lines()
            .position(|l| l.starts_with(declaration))
            .unwrap()
            + 1;
        let uses = text.matches("key_value").count() - 1;
        assert!(uses > 5, "{uses}");
        let misspelt = text.replacen(declaration, "      - { id: key_valu, label:", 1);
        let found = problems(&misspelt);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("unknown option `key_value` for field `data_shape`; also at lines "),
            "{found:?}"
        );
        assert!(
            found[0].contains(&format!(
                "did you mean `key_valu`? `key_value` is used {uses} times: if the option `key_valu` of field `data_shape` at line {declared} was meant to be `key_value`, rename it there instead"
            )),
            "{found:?}"
        );
        let copied = text.replacen(declaration, "      - { id: document, label:", 1);
        let found = problems(&copied);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("duplicate option `document`"),
            "{found:?}"
        );
        assert!(
            found[1].contains(&format!(
                "no option of field `data_shape` has this id; the option at line {} repeats the id `document`: if it was meant to be `key_value`, give it that id",
                // The repeat is the later line: the original `document`.
                declared + 1
            )),
            "{found:?}"
        );
        // The same option id unknown in two fields is two problems.
        let two = text
            .replacen(
                "field: data_shape, in: [key_value,",
                "field: data_shape, in: [kv,",
                1,
            )
            .replacen("field: use_case, is: content", "field: use_case, is: kv", 1);
        let found = problems(&two);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("`kv` for field `data_shape`"),
            "{found:?}"
        );
        assert!(found[1].contains("`kv` for field `use_case`"), "{found:?}");
    }

    /// A field whose own definition is refused is the one problem said:
    /// its uses in rules, cautions and workloads are not checked against a
    /// range or options it does not have.
    #[test]
    fn a_refused_field_is_said_without_its_uses() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let at = text.find("  - id: item_size_kb\n").unwrap();
        let range = "    min: 0\n    min_exclusive: true\n    max: 10000000\n";
        let upside_down = format!(
            "{}{}",
            &text[..at],
            text[at..].replacen(range, "    min: 100\n    max: 1\n", 1)
        );
        assert_ne!(upside_down, text);
        let found = problems(&upside_down);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("min is 100, max is 1"), "{found:?}");
        let shape = text.find("  - id: data_shape\n").unwrap();
        let options = shape + text[shape..].find("    options:\n").unwrap();
        let end = options + text[options..].find("\n  - id: ").unwrap() + 1;
        let without = format!("{}{}", &text[..options], &text[end..]);
        let found = problems(&without);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("a choice field needs at least two options"),
            "{found:?}"
        );
    }

    /// A bad condition deep in a rule's `all:` is placed at its own line
    /// (its field and operator), not at the rule's first line; a number in
    /// quotes is told to lose them.
    #[test]
    fn a_bad_condition_is_placed_at_its_own_line() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let caution = "        - { field: consistency, in: [strong, mixed] }\n        - { field: latency_p99_ms, lt: 1 }\n";
        assert_eq!(text.matches(caution).count(), 1);
        let broken = text.replacen(
            caution,
            "        - { field: consistency, gt: 1 }\n        - { field: latency_p99_ms, lt: \"1\" }\n",
            1,
        );
        let line = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
        let found = problems(&broken);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0],
            format!(
                "line {}, caution `strong-reads-under-1ms`: numeric comparison `gt` on choice field `consistency` Some(\"use `is` or `in` with option ids\")",
                line("{ field: consistency, gt: 1 }")
            )
        );
        assert_eq!(
            found[1],
            format!(
                "line {}, caution `strong-reads-under-1ms`: `lt` needs a finite number, found \"1\" Some(\"write it as a plain number: `lt: 1` (in quotes, or with `_`, a suffix such as k or a leading zero, it is text)\")",
                line("lt: \"1\"")
            )
        );
    }

    /// Mistakes with a known fix get it: another tool's word for a type,
    /// a list of conditions, a candidate on a caution, an id in capitals, a
    /// rule listed as a caution, an alias with no anchor (named).
    #[test]
    fn pack_mistakes_with_a_known_fix_get_it() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let cases = [
            (
                "    type: bool\n",
                "    type: boolean\n",
                "did you mean `bool`?",
            ),
            (
                "    type: number\n",
                "    type: integer\n",
                "did you mean `number`?",
            ),
            (
                "    when: { field: data_shape, is: relational }\n",
                "    when: [{ field: data_shape, is: relational }]\n",
                "write `all: [...]` (each must hold) or `any: [...]` (one must)",
            ),
            (
                "  - id: writes-under-1ms\n",
                "  - id: writes-under-1ms\n    candidate: aurora\n",
                "a caution has no candidate: it changes no score",
            ),
            (
                "  - id: fixed-schema\n",
                "  - id: Fixed-Schema\n",
                "write it `fixed-schema`",
            ),
            (
                "    cautions: [writes-under-1ms]\n",
                "    cautions: [fixed-schema]\n",
                "`fixed-schema` is a rule, not a caution",
            ),
            (
                "    because: ",
                "    because: *because\n    source: x\n    unused: ",
                "unknown anchor `because`",
            ),
            // An id no spelling mends: what to change.
            (
                "  - id: relational-data-fits-tables\n",
                "  - id: règle-1\n",
                "remove or replace `è`: ids hold only a-z, 0-9, `_` and `-`",
            ),
            (
                "  - id: relational-data-fits-tables\n",
                "  - id: 1-rule\n",
                "start it with a letter, a to z",
            ),
            (
                "  - id: multi_region\n",
                "  - id: région\n",
                "remove or replace `é`: ids hold only a-z, 0-9 and `_`",
            ),
            // `limit_of` names a candidate, and needs one.
            (
                "    limit_of: aurora\n",
                "    limit_of: auroa\n",
                "did you mean `aurora`?",
            ),
            (
                "    limit_of: aurora\n",
                "    limit_of: ~\n",
                "or leave `limit_of` out",
            ),
            // YAML 1.2 reads `10_000` as text: the number meant is said.
            (
                "    when: { field: peak_writes_per_sec, gt: 10000 }\n",
                "    when: { field: peak_writes_per_sec, gt: 10_000 }\n",
                "write it as a plain number: `gt: 10000` (in quotes, or with `_`",
            ),
            (
                "    weight: 1\n",
                "    weight: 1_0\n",
                "expected a number, found the text \"1_0\" (in quotes, or with `_`, a suffix such as k or a leading zero, it is text): write it as a plain number, `10`",
            ),
        ];
        for (from, to, needle) in cases {
            assert!(text.contains(from), "{from}");
            assert_problem(&text.replacen(from, to, 1), needle);
        }
    }

    /// The pack schema refuses the field ids the reader refuses, so an
    /// editor flags them: the same list, kept in step.
    #[test]
    fn the_schema_reserves_the_ids_the_reader_refuses() {
        let schema: serde_json::Value = serde_json::from_str(super::super::PACK_SCHEMA).unwrap();
        let listed: std::collections::BTreeSet<&str> = schema["properties"]["fields"]["items"]
            ["properties"]["id"]["not"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let reserved: Vec<String> = RESERVED_FLAGS.iter().map(|f| f.replace('-', "_")).collect();
        let refused: std::collections::BTreeSet<&str> = reserved
            .iter()
            .map(String::as_str)
            .chain(["priorities"])
            .collect();
        assert_eq!(listed, refused);
    }

    /// A pack of one candidate, or no axis, is named at its section's line.
    #[test]
    fn too_few_candidates_or_axes_are_placed_at_their_section() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let at = text.find("  - id: dynamodb\n").unwrap();
        let end = at + text[at..].find("\naxes:").unwrap() + 1;
        let one = format!("{}{}", &text[..at], &text[end..]);
        let line = one.lines().position(|l| l == "candidates:").unwrap() + 1;
        assert_problem(
            &one,
            &format!("line {line}, candidates: a pack needs at least two candidates, found 1"),
        );
    }

    /// A text of zero-width characters alone is as empty as a blank one;
    /// Unicode's line and paragraph separators are line breaks, joined
    /// into one line like `\n`.
    #[test]
    fn invisible_texts_are_empty_and_unicode_line_breaks_join() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let at = text.find("    because: ").unwrap();
        let end = at + text[at..].find('\n').unwrap();
        let with =
            |because: &str| format!("{}    because: \"{because}\"{}", &text[..at], &text[end..]);
        assert_problem(&with("\\u200B\\u2060"), "`because` must not be empty");
        let pack = Pack::load(&with("one\\u2028 two\\u2029three"), "t.yaml").unwrap();
        assert_eq!(pack.rules[0].because, "one two three");
    }

    /// YAML's `.inf` in a condition is named as infinity, not as `null`
    /// (JSON's spelling of a number it cannot write).
    #[test]
    fn an_infinite_threshold_is_named_as_one() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let inf = text.replacen("gt: 10000 }", "gt: .inf }", 1);
        assert_problem(&inf, "`gt` needs a finite number, found infinity (.inf)");
        let nan = text.replacen("gt: 10000 }", "gt: .nan }", 1);
        assert_problem(
            &nan,
            "`gt` needs a finite number, found not-a-number (.nan)",
        );
    }

    /// A numeric version is fine beside another top-level problem: not
    /// reported as "expected text" (nor `1.10` misquoted as 1.1).
    #[test]
    fn a_numeric_version_is_no_problem_beside_another() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let line = text.lines().find(|l| l.starts_with("version: ")).unwrap();
        for version in ["1", "1.10"] {
            let broken = text.replacen(line, &format!("version: {version}"), 1) + "foo: 1\n";
            assert_ne!(broken, format!("{text}foo: 1\n"));
            let found = problems(&broken);
            assert!(
                found.iter().any(|p| p.contains("unknown key `foo`")),
                "{found:?}"
            );
            assert_eq!(found.len(), 1, "{version}: {found:?}");
        }
    }

    /// Every missing top-level key is named where the mapping starts, as
    /// serde names the first: not one with a place and the rest without.
    #[test]
    fn every_missing_top_level_key_has_the_same_place() {
        let found = problems("# a comment\n\nname: x\nversion: \"1\"\n");
        for key in ["candidates", "axes", "fields", "rules"] {
            let wanted = format!("line 3, column 1: missing key `{key}`");
            assert!(
                found.iter().any(|p| p.starts_with(&wanted)),
                "{key}: {found:?}"
            );
        }
    }

    /// Problems with the pack's own keys are all listed at once, with the
    /// items' problems, not one per run (serde stops at the first).
    #[test]
    fn every_top_level_problem_is_listed_at_once() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let version = text.lines().find(|l| l.starts_with("version: ")).unwrap();
        let broken = text
            .replacen(&format!("{version}\n"), "", 1)
            .replacen("\ntitle: ", "\nexample: 1\ntitle: [", 1)
            .replacen("\n    points: 3\n", "\n    points: three\n", 1);
        let broken = broken.replacen("title: [Amazon Aurora or Amazon DynamoDB", "title: [1]", 1);
        let found = problems(&broken);
        let has = |needle: &str| found.iter().filter(|p| p.contains(needle)).count();
        assert_eq!(has("missing key `version`"), 1, "{found:?}");
        assert_eq!(has("unknown key `example`"), 1, "{found:?}");
        assert_eq!(has("did you mean `examples`?"), 1, "{found:?}");
        assert_eq!(
            has("title: invalid type: a list, expected text"),
            1,
            "{found:?}"
        );
        assert_eq!(
            has("points: invalid type: string \"three\""),
            1,
            "{found:?}"
        );
        assert_eq!(found.len(), 4, "{found:?}");
    }

    /// YAML reads `name: 123` or `because: true` as a number or a yes/no
    /// value; the schema refuses them, and so does the loader, at the line,
    /// instead of taking the spelling as the text. `version` alone may be a
    /// number, read as written.
    #[test]
    fn a_number_or_yes_no_where_text_belongs_is_refused_at_its_line() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let line_of = |t: &str, needle: &str| t[..t.find(needle).unwrap()].lines().count() + 1;
        let named = text.replacen("name: aurora-vs-dynamodb", "name: 123", 1);
        let found = problems(&named);
        let line = line_of(&named, "name: 123");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!("line {line}, column 7: name: expected text, found a number (123); put it in quotes")),
            "{found:?}"
        );
        let because = text.replacen("    because: ", "    because: true\n    # ", 1);
        assert_problem(
            &because,
            "rules[0].because: expected text, found a yes/no value (true)",
        );
        let unit = text.replacen("unit: writes/s", "unit: 5", 1);
        assert_problem(&unit, ".unit: expected text, found a number (5)");
        let quoted = text.replacen("name: aurora-vs-dynamodb", "name: \"123\"", 1);
        assert_eq!(problems(&quoted), Vec::<String>::new());
        let line = text.lines().find(|l| l.starts_with("version: ")).unwrap();
        let version = text.replacen(line, "version: 1.10", 1);
        assert_eq!(Pack::load(&version, "t.yaml").unwrap().version, "1.10");
    }

    /// A key indented one space too little ends its mapping early, so serde
    /// first sees a missing key; the YAML error further on is what to fix,
    /// and is what is reported, at its own line.
    #[test]
    fn a_syntax_error_after_a_shape_symptom_is_the_one_reported() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let at = text.find("\n    points: 3\n").expect("a rule worth 3") + 1;
        let line = text[..at].lines().count() + 1;
        let broken = format!("{} {}", &text[..at], &text[at + 2..]);
        let found = problems(&broken);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!("line {line}, column 4: did not find expected")),
            "{found:?}"
        );
    }

    #[test]
    fn a_field_that_accepts_no_answer_and_a_repeated_veto_id_are_named() {
        let tiny = include_str!("../../tests/fixtures/tiny-pack.yaml");
        let none = tiny.replacen(
            "unit: GB",
            "unit: GB\n    min: 5\n    max: 5\n    min_exclusive: true",
            1,
        );
        assert_problem(&none, "field `size`: no answer is accepted");
        let vetoes = "vetoes:\n  - { id: big-is-red, candidate: red, when: { field: size, gt: 99 }, because: b, source: s }\n";
        assert_problem(
            &format!("{tiny}{vetoes}"),
            "veto `big-is-red`: duplicate id",
        );
        // Vetoes first, then the rule repeating the id: the rule is named.
        let (head, rules) = tiny.split_once("rules:\n").unwrap();
        assert_problem(
            &format!("{head}{vetoes}rules:\n{rules}"),
            "rule `big-is-red`: duplicate id",
        );
        let typo = tiny.replacen("candidate: red,", "candiate: red,", 1);
        assert_problem(&typo, "did you mean `candidate`?");
    }

    /// Names as people write them: with commas (the built-in pack has one),
    /// `#`, quotes and folded blocks. Each used to lose its line.
    #[test]
    fn finds_names_with_commas_quotes_and_blocks() {
        let text = "tests:\n\
                    \x20 - name: mixed shape, multi-region writes # why\n\
                    \x20 - {name: \"flat, no garden\", expect: a}\n\
                    \x20 - name: 'it''s # not a comment'\n\
                    \x20 - name: >-\n\
                    \x20     a folded\n\
                    \x20     name\n\
                    \x20   expect: a\n\
                    \x20 - name: C# app\n\
                    \x20 - name: \"caf\\u00e9\"\n\
                    \x20 - name: tabbed\t# comment\n";
        for (name, line) in [
            ("mixed shape, multi-region writes", 2),
            ("flat, no garden", 3),
            ("it's # not a comment", 4),
            ("a folded name", 5),
            ("C# app", 9),
            ("café", 10),
            ("tabbed", 11),
        ] {
            assert_eq!(find_line(text, "tests", "name", name), Some(line), "{name}");
        }
        // And as the YAML reader reads them.
        let raw: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        let names: Vec<&str> = raw["tests"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "mixed shape, multi-region writes",
                "flat, no garden",
                "it's # not a comment",
                "a folded name",
                "C# app",
                "café",
                "tabbed"
            ]
        );
    }
}

#[cfg(test)]
mod control_tests {
    use super::control_characters;

    #[test]
    fn escaped_control_characters_are_found_and_placed() {
        let places = |text: &str| -> Vec<String> {
            control_characters(text)
                .into_iter()
                .map(|p| p.place)
                .collect()
        };
        // Plain text, a tab, a line break and an escaped backslash are fine.
        assert!(places("a: \"x\\ty\\n\\\\e\"\nb: plain\n").is_empty());
        assert!(places("a: 'caf\\u00e9'\nb: \"caf\\u00e9\"\n").is_empty());
        assert_eq!(
            places("a: ok\nlist:\n  - \"\\x07bell\"\n  - {k: \"\\u001b[31m\"}\n"),
            ["line 3, list[0]", "line 4, list[1].k"]
        );
        // A key is a text too.
        assert_eq!(places("\"\\e\": 1\n"), ["line 1, \\u{1b}"]);
        // When lines and strings do not pair up (a literal `\e` in a plain
        // scalar is not an escape), the field path alone is given.
        assert_eq!(places("path: C:\\every\nb: \"\\a\"\n"), ["b"]);
    }
}
