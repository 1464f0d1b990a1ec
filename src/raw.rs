//! A loosely typed document tree (from JSON or YAML) that keeps key order,
//! refuses duplicate keys and keeps every number as `f64`, so validation can
//! report every problem with its field path instead of stopping at the first.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A value read from JSON or YAML before it is checked against the pack.
#[derive(Debug, Clone, PartialEq)]
pub enum Raw {
    /// `null` / `~`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// Any number; integers are widened to `f64` (every field is bounded far below 2^53).
    Number(f64),
    /// A string.
    String(String),
    /// A list.
    List(Vec<Raw>),
    /// A mapping with string keys, in document order.
    Map(Vec<(String, Raw)>),
}

impl Raw {
    /// A short description of the value's type for error messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Raw::Null => "null",
            Raw::Bool(_) => "a boolean",
            Raw::Number(_) => "a number",
            Raw::String(_) => "a string",
            Raw::List(_) => "a list",
            Raw::Map(_) => "an object",
        }
    }

    /// The value as it would be written in JSON, for error messages.
    pub fn show(&self) -> String {
        match self {
            Raw::Null => "null".into(),
            Raw::Bool(b) => b.to_string(),
            // YAML's `.inf` and `.nan` (JSON has no such numbers).
            Raw::Number(n) if n.is_nan() => "not-a-number (.nan)".into(),
            Raw::Number(n) if n.is_infinite() => if *n > 0.0 {
                "infinity (.inf)"
            } else {
                "minus infinity (-.inf)"
            }
            .into(),
            Raw::Number(n) => crate::number::format(*n),
            Raw::String(s) => quoted(s),
            Raw::List(_) => "a list".into(),
            Raw::Map(_) => "an object".into(),
        }
    }

    /// Looks a key up in a map.
    pub fn get(&self, key: &str) -> Option<&Raw> {
        match self {
            Raw::Map(entries) => entries.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Characters of a long value an error message quotes: enough to
/// recognise it, not the whole of a 100 KB string.
const QUOTED_CHARS: usize = 100;

/// `text` in double quotes, escaped, for an error message; a long text is
/// cut, saying how long it was.
pub fn quoted(text: &str) -> String {
    match cut(text) {
        None => format!("{text:?}"),
        Some((head, chars)) => format!("{head:?}… ({chars} characters)"),
    }
}

/// `text` as it is for an error message (the caller quotes it); a long text
/// is cut, saying how long it was.
pub fn clipped(text: &str) -> std::borrow::Cow<'_, str> {
    match cut(text) {
        None => text.into(),
        Some((head, chars)) => format!("{head}… ({chars} characters)").into(),
    }
}

/// A key as an error's place names it: as it is when it is a plain name
/// (`use_case`, `$schema`), else in double quotes, so an empty key or one
/// with a space (`"use_case "`) is seen for what it is.
pub fn key_place(key: &str) -> std::borrow::Cow<'_, str> {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '$'));
    if plain {
        clipped(key)
    } else {
        quoted(key).into()
    }
}

/// A text longer than [`QUOTED_CHARS`]: its first characters, and how many
/// it has.
fn cut(text: &str) -> Option<(&str, usize)> {
    let (end, _) = text.char_indices().nth(QUOTED_CHARS)?;
    Some((&text[..end], text.chars().count()))
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON or YAML value")
    }

    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw, D::Error> {
        Raw::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Number(v as f64))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Number(v as f64))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Number(v as f64))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Raw, E> {
        Ok(Raw::Number(v as f64))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Number(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::String(v))
    }
    /// YAML hands a value with a custom tag (`!name value`) over as an enum
    /// variant named after the tag; a workload has no use for tags, so the
    /// error names it in words instead of serde's "invalid type: enum".
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<Raw, A::Error> {
        let (tag, _) = data.variant::<String>()?;
        Err(de::Error::custom(format_args!(
            "YAML tags such as `!{}` are not supported: write the plain value",
            tag.trim_start_matches('!')
        )))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Raw::List(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries: Vec<(String, Raw)> = Vec::new();
        // A workload has a few keys, found fastest by a scan; a hostile one
        // may have a hundred thousand, where a scan per key is quadratic
        // (a minute for 1 MiB), so past a few the keys go in a set.
        const SCANNED: usize = 32;
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        while let Some(Key(key)) = map.next_key::<Key>()? {
            let repeated = if entries.len() < SCANNED {
                entries.iter().any(|(k, _)| *k == key)
            } else {
                if seen.is_empty() {
                    seen.extend(entries.iter().map(|(k, _)| k.clone()));
                }
                !seen.insert(key.clone())
            };
            if repeated {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
}

/// A mapping's key: text, as a field name is (YAML's `1:` or `null:` keys
/// come as their text). A YAML complex key (`? [a]`) is refused by the YAML
/// reader as "invalid type: sequence, expected a field name", which
/// `error::yaml_message` puts in words.
struct Key(String);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_string(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> Visitor<'de> for KeyVisitor {
    type Value = Key;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Key, E> {
        Ok(Key(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Key, E> {
        Ok(Key(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_refuses_duplicates() {
        let raw: Raw = serde_json::from_str(r#"{"b": 1, "a": [true, null]}"#).unwrap();
        assert_eq!(
            raw,
            Raw::Map(vec![
                ("b".into(), Raw::Number(1.0)),
                ("a".into(), Raw::List(vec![Raw::Bool(true), Raw::Null])),
            ])
        );
        let err = serde_json::from_str::<Raw>("{\"a\": 1,\n \"a\": 2}").unwrap_err();
        assert_eq!(err.to_string(), "duplicate key `a` at line 2 column 4");
    }

    /// Past the keys found by a scan, a repeat is still refused, whether it
    /// repeats a key from before the set was built or after.
    #[test]
    fn refuses_duplicates_in_a_large_map() {
        for (repeat, at) in [(3, 100), (50, 100), (39, 40)] {
            let mut keys: Vec<String> = (0..at).map(|i| format!("\"k{i}\": {i}")).collect();
            keys.push(format!("\"k{repeat}\": 0"));
            let text = format!("{{{}}}", keys.join(","));
            let err = serde_json::from_str::<Raw>(&text).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with(&format!("duplicate key `k{repeat}`")),
                "{repeat} at {at}: {err}"
            );
        }
        let distinct: Vec<String> = (0..200).map(|i| format!("\"k{i}\": {i}")).collect();
        let raw: Raw = serde_json::from_str(&format!("{{{}}}", distinct.join(","))).unwrap();
        assert!(matches!(raw, Raw::Map(entries) if entries.len() == 200));
    }
}
