//! The pack as written: the YAML (or JSON) document read into plain
//! structures, before any name is resolved. Texts are checked for their
//! shape here (one line, not null), everything else in [`super::compile`].

use serde::Deserialize;

use crate::error::Result;
use crate::raw::Raw;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawPack {
    #[serde(deserialize_with = "not_null")]
    pub(super) name: String,
    /// Read as written: `1.10` stays "1.10" (the schema takes a number).
    #[serde(deserialize_with = "version")]
    pub(super) version: String,
    #[serde(default, deserialize_with = "optional_one_line")]
    pub(super) title: Option<String>,
    #[serde(default, deserialize_with = "text")]
    pub(super) source: Option<String>,
    pub(super) candidates: Vec<RawCandidate>,
    pub(super) axes: Vec<RawAxis>,
    pub(super) fields: Vec<RawField>,
    pub(super) rules: Vec<RawRule>,
    #[serde(default, deserialize_with = "list")]
    pub(super) vetoes: Vec<RawVeto>,
    #[serde(default, deserialize_with = "list")]
    pub(super) cautions: Vec<RawCaution>,
    #[serde(default, deserialize_with = "list")]
    pub(super) examples: Vec<RawExample>,
    #[serde(default, deserialize_with = "list")]
    pub(super) tests: Vec<RawTest>,
}

/// The pack's top-level keys, in [`RawPack`]'s order (serde's "expected
/// one of" lists them so), and the ones it cannot do without.
pub(super) const TOP_LEVEL_KEYS: [&str; 12] = [
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
pub(super) const REQUIRED_TOP_LEVEL_KEYS: [&str; 6] =
    ["name", "version", "candidates", "axes", "fields", "rules"];

/// An optional list: `null` (`vetoes: null`, `vetoes: ~`) is none, as a key
/// left empty (`vetoes:`) or left out is; YAML reads all three alike.
pub(super) fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCandidate {
    #[serde(deserialize_with = "not_null")]
    pub(super) id: String,
    #[serde(deserialize_with = "one_line")]
    pub(super) name: String,
    #[serde(default, deserialize_with = "one_line_or_empty")]
    pub(super) summary: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAxis {
    #[serde(deserialize_with = "not_null")]
    pub(super) id: String,
    #[serde(deserialize_with = "one_line")]
    pub(super) title: String,
    #[serde(default = "one")]
    pub(super) weight: f64,
}

/// Text or `null`. A number or a yes/no value is refused, as the JSON
/// Schema refuses it: YAML reads `id: 404` or `because: true` as one, and
/// taking its spelling as the text would let the editor and the loader
/// disagree. (`version` is the exception: it may be a number, read as
/// written, so it does not come through here.)
pub(super) fn text<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    d.deserialize_any(Text { required: false })
}

/// Reads text, refusing what YAML reads as something else. With `required`,
/// `null` is refused here, in the visitor: serde_yaml places an error
/// raised while it reads the value at the value, and one raised after at
/// the mapping holding it (`version: ~` was reported at the pack's first
/// line, `because: ~` at its rule's `- id:` line).
pub(super) struct Text {
    pub(super) required: bool,
}

pub(super) fn refused<E: serde::de::Error>(found: &str) -> E {
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
pub(super) const NULL_TEXT: &str = "expected text, found null";

/// The pack's version, as written: a number is taken by its spelling
/// (`1.10` stays "1.10"), which [`text`] would lose.
/// `null` reads as no version, which `compile_header` refuses at the key's
/// line (serde_yaml would place an error here at the pack's first line),
/// and so is a yes/no value or `.nan` written unquoted, which only the text
/// tells apart from the quoted word.
pub(super) fn version<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
}

/// Text where the key is required. A YAML `null` (or `~`) is refused: the
/// reader would otherwise take the word "null" as the text.
pub(super) fn not_null<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    d.deserialize_any(Text { required: true })
        .map(Option::unwrap_or_default)
}

/// Optional text whose key, when written, needs a value: `winner: ~` (or
/// `winner:` alone) would otherwise read as no winner, silently saying the
/// caution whichever candidate wins.
pub(super) fn some_not_null<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    not_null(d).map(Some)
}

/// Optional text: `null` is the same as leaving the key out (not the word "null").
pub(super) fn null_as_empty<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(text(d)?.unwrap_or_default())
}

/// A text shown inside a line (a reason, a title, a label), as [`not_null`]
/// reads it, on one line: a line break (from a folded `>` block's end, or
/// typed inside) and the spaces around it become one space, so the text can
/// neither break the table's columns nor start a Markdown heading.
pub(super) fn one_line<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    not_null(d).map(|text| joined(&text))
}

/// [`one_line`] for optional text ([`null_as_empty`]).
pub(super) fn one_line_or_empty<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<String, D::Error> {
    null_as_empty(d).map(|text| joined(&text))
}

/// [`one_line`] for an `Option`.
pub(super) fn optional_one_line<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    Ok(text(d)?.map(|text| joined(&text)))
}

/// Line breaks: a pack text is one line, so each of these and the spaces
/// around it become one space (Unicode's line and paragraph separators too,
/// which a terminal would otherwise show as it likes).
pub(super) const LINE_BREAKS: [char; 4] = ['\n', '\r', '\u{2028}', '\u{2029}'];

/// `text` with every line break, and the spaces around it, made one space.
pub(super) fn joined(text: &str) -> String {
    if !text.contains(LINE_BREAKS) {
        return text.to_owned();
    }
    text.split(LINE_BREAKS)
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn one() -> f64 {
    1.0
}

#[derive(Deserialize, Clone, Copy, PartialEq)]
#[serde(rename_all = "lowercase")]
pub(super) enum RawFieldType {
    Choice,
    Bool,
    Number,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawField {
    #[serde(deserialize_with = "not_null")]
    pub(super) id: String,
    #[serde(deserialize_with = "not_null")]
    pub(super) axis: String,
    #[serde(rename = "type")]
    pub(super) kind: RawFieldType,
    #[serde(deserialize_with = "one_line")]
    pub(super) question: String,
    #[serde(default, deserialize_with = "one_line_or_empty")]
    pub(super) help: String,
    #[serde(default)]
    pub(super) options: Option<Vec<RawOption>>,
    #[serde(default, deserialize_with = "text")]
    pub(super) unit: Option<String>,
    #[serde(default)]
    pub(super) min: Option<f64>,
    #[serde(default)]
    pub(super) min_exclusive: Option<bool>,
    #[serde(default)]
    pub(super) max: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawOption {
    #[serde(deserialize_with = "not_null")]
    pub(super) id: String,
    #[serde(deserialize_with = "one_line")]
    pub(super) label: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    #[serde(deserialize_with = "not_null")]
    pub(super) id: String,
    #[serde(deserialize_with = "not_null")]
    pub(super) axis: String,
    #[serde(deserialize_with = "not_null")]
    pub(super) candidate: String,
    pub(super) points: f64,
    pub(super) when: RawCondition,
    #[serde(deserialize_with = "one_line")]
    pub(super) because: String,
    #[serde(deserialize_with = "one_line")]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawVeto {
    #[serde(deserialize_with = "not_null")]
    pub(super) id: String,
    #[serde(deserialize_with = "not_null")]
    pub(super) candidate: String,
    pub(super) when: RawCondition,
    #[serde(deserialize_with = "one_line")]
    pub(super) because: String,
    #[serde(deserialize_with = "one_line")]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCaution {
    #[serde(deserialize_with = "not_null")]
    pub(super) id: String,
    #[serde(default, deserialize_with = "some_not_null")]
    pub(super) winner: Option<String>,
    #[serde(default, deserialize_with = "some_not_null")]
    pub(super) limit_of: Option<String>,
    pub(super) when: RawCondition,
    #[serde(deserialize_with = "one_line")]
    pub(super) because: String,
    #[serde(deserialize_with = "one_line")]
    pub(super) source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCondition {
    #[serde(default)]
    pub(super) field: Option<String>,
    #[serde(default, deserialize_with = "written")]
    pub(super) is: Option<Raw>,
    #[serde(default, rename = "in")]
    pub(super) one_of: Option<Vec<Raw>>,
    #[serde(default, deserialize_with = "written")]
    pub(super) gt: Option<Raw>,
    #[serde(default, deserialize_with = "written")]
    pub(super) gte: Option<Raw>,
    #[serde(default, deserialize_with = "written")]
    pub(super) lt: Option<Raw>,
    #[serde(default, deserialize_with = "written")]
    pub(super) lte: Option<Raw>,
    #[serde(default)]
    pub(super) all: Option<Vec<RawCondition>>,
    #[serde(default)]
    pub(super) any: Option<Vec<RawCondition>>,
    #[serde(default)]
    pub(super) not: Option<Box<RawCondition>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawExample {
    #[serde(deserialize_with = "not_null")]
    pub(super) id: String,
    #[serde(deserialize_with = "one_line")]
    pub(super) title: String,
    #[serde(default, deserialize_with = "one_line_or_empty")]
    pub(super) section: String,
    #[serde(deserialize_with = "one_line")]
    pub(super) text: String,
    #[serde(deserialize_with = "not_null")]
    pub(super) expect: String,
    pub(super) workload: Raw,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawTest {
    #[serde(deserialize_with = "not_null")]
    pub(super) name: String,
    pub(super) workload: Raw,
    #[serde(deserialize_with = "not_null")]
    pub(super) expect: String,
    #[serde(default)]
    pub(super) min_margin: Option<f64>,
    #[serde(default)]
    pub(super) cautions: Option<Vec<String>>,
}

/// An operator's value as written, `null` included (`is: ~` is an operator
/// with no value to compare with, not "no operator").
pub(super) fn written<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Raw>, D::Error> {
    Raw::deserialize(d).map(Some)
}
