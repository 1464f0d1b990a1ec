//! A budget for what YAML aliases expand to.
//!
//! The size caps on input (1 MiB for a workload, 16 MiB for a pack or price
//! table) count bytes in the file, but a YAML alias (`*name`) repeats the
//! whole value its anchor (`&name`) marks, so a 500 KB string anchored once
//! and aliased 2,000 times asks for a gigabyte. The YAML parser's own guard
//! counts alias jumps, which stops nested "billion laughs" documents but not
//! a few aliases of one large value. So, before a YAML document that holds
//! aliases is read, a first pass walks it as the parser expands it, counting
//! bytes without keeping anything, and stops once the count passes
//! [`EXPANSION_FACTOR`] times the document's size cap.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Visitor};

use crate::error::Problem;

/// How many times the size cap a document may expand to. A document without
/// aliases counts about its own length (every string's bytes, plus one for
/// each value), so only aliases reach this.
pub const EXPANSION_FACTOR: usize = 4;

/// A problem when `text`'s aliases would expand it past
/// [`EXPANSION_FACTOR`] × `cap` bytes; `None` otherwise, also when the text
/// is not valid YAML (the real read reports that, with its place).
/// `first_line` is the line number of the text's first line in its source.
pub(crate) fn expand_beyond(text: &str, cap: usize, first_line: usize) -> Option<Problem> {
    // Without both an anchor and an alias there is nothing to expand: skip
    // the second pass (a stray `*` or `&` in a text only costs that pass).
    if !(text.contains('*') && text.contains('&')) {
        return None;
    }
    let limit = cap.saturating_mul(EXPANSION_FACTOR);
    let budget = Budget {
        left: Cell::new(limit),
    };
    let result = budget.deserialize(serde_yaml::Deserializer::from_str(text));
    match result {
        Err(e) if budget.left.get() == 0 => {
            let place = e
                .location()
                .map(|at| format!("line {}, column {}", at.line() + first_line - 1, at.column()))
                .unwrap_or_default();
            Some(
                Problem::new(
                    place,
                    format!(
                        "aliases (`*name`) expand the document beyond {} MiB, {EXPANSION_FACTOR} times the {} MiB a file may hold (this is the value being repeated when it passed)",
                        limit / (1024 * 1024),
                        cap / (1024 * 1024)
                    ),
                )
                .with_help("write the values out instead of repeating a large anchored (`&name`) value"),
            )
        }
        // The parser's own guard against nested aliases ("billion laughs"),
        // which says neither where nor what to do.
        Err(e) if e.to_string().starts_with("repetition limit exceeded") => Some(
            Problem::new(
                "",
                "aliases (`*name`) repeat values more often than a YAML document may (aliases of aliases)",
            )
            .with_help("write the values out instead of nesting aliases"),
        ),
        _ => None,
    }
}

/// Counts down the bytes the walk may still visit; 0 once spent.
struct Budget {
    left: Cell<usize>,
}

const SPENT: &str = "alias expansion budget spent";

impl Budget {
    fn spend<E: de::Error>(&self, bytes: usize) -> Result<(), E> {
        // One for the value itself, so that empty strings and nulls count.
        match self.left.get().checked_sub(bytes.saturating_add(1)) {
            Some(left) if left > 0 => {
                self.left.set(left);
                Ok(())
            }
            _ => {
                self.left.set(0);
                Err(E::custom(SPENT))
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for &Budget {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &Budget {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        self.spend(v.len())
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<(), E> {
        self.spend(v.len())
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.spend(0)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while seq.next_element_seed(self)?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.spend(0)?;
        while map.next_key_seed(self)?.is_some() {
            map.next_value_seed(self)?;
        }
        Ok(())
    }

    // A tagged value (`!tag value`).
    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<(), A::Error> {
        let ((), variant) = data.variant_seed(self)?;
        de::VariantAccess::newtype_variant_seed(variant, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIB: usize = 1024 * 1024;

    #[test]
    fn a_large_value_aliased_many_times_is_refused_at_that_value() {
        let mut text = format!("a: &a \"{}\"\n", "x".repeat(500 * 1024));
        for i in 0..2000 {
            text.push_str(&format!("k{i}: *a\n"));
        }
        let problem = expand_beyond(&text, MIB, 1).expect("refused");
        assert!(problem.message.contains("beyond 4 MiB"), "{problem:?}");
        // The place is the value being repeated when the count passed 4 MiB.
        assert_eq!(problem.place, "line 1, column 4");
    }

    #[test]
    fn documents_without_large_expansion_pass() {
        // Aliases, but small ones.
        assert!(expand_beyond("a: &a [1, 2]\nb: *a\nc: *a\n", MIB, 1).is_none());
        // No aliases: not even walked, though far larger than the budget.
        let big = format!("a: \"{}\"\n", "x".repeat(5 * MIB));
        assert!(expand_beyond(&big, MIB, 1).is_none());
        // A text that holds `*` and `&` but no alias, near the cap.
        let near = format!("a: \"& *{}\"\n", "x".repeat(MIB - 20));
        assert!(expand_beyond(&near, MIB, 1).is_none());
        // Broken YAML is left to the real read.
        assert!(expand_beyond("a: *nowhere &\n", MIB, 1).is_none());
    }

    #[test]
    fn aliases_of_aliases_are_refused_in_our_words() {
        // Each level doubles: 2^22 leaves of one byte and more.
        let mut text = String::from("l0: &l0 \"x\"\n");
        for i in 1..=22 {
            text.push_str(&format!("l{i}: &l{i} [*l{p}, *l{p}]\n", p = i - 1));
        }
        // The parser's own repetition limit stops it first; the message is ours.
        let refused = expand_beyond(&text, MIB, 1).expect("refused");
        assert!(
            refused.message.contains("aliases of aliases"),
            "{refused:?}"
        );
    }
}
