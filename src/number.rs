//! Numbers as people write them and as dbadvisor prints them.
//!
//! Output must be byte-identical whichever front end supplied a value, so every
//! number goes through [`to_json`]: integral values print without a fraction
//! (`20000`, not `20000.0`) and others with the shortest exact form.

use std::fmt;

/// Parses a number as a person types it: `20000`, `20_000`, `20,000`, `1.5e3`,
/// or with a suffix `k` (thousand), `M` (million), `G`/`B` (billion).
pub fn parse_human(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("expected a number".into());
    }
    // What the messages quote: a pasted page of digits is cut, saying how long it was.
    let shown = crate::raw::clipped(trimmed);
    // Only where the text is a number but for its commas: in words
    // ("500 GB, say 700") the comma is not the problem.
    let numeric = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || ",._+-eEkKmMgGbB".contains(c));
    // `1,5 TB`: a decimal comma before a unit is the problem still (the
    // unit, if another, is said once the number reads). Before words
    // (`5,1 or so`) it is not.
    let lead_end = trimmed
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, ',' | '.' | '-' | '+')))
        .unwrap_or(trimmed.len());
    let unit = trimmed[lead_end..].trim_start();
    let before_unit = unit.starts_with(char::is_alphabetic) && !unit.contains(char::is_whitespace);
    let comma_before_unit = before_unit && !commas_group_thousands(&trimmed[..lead_end]);
    if (numeric && !commas_group_thousands(trimmed)) || comma_before_unit {
        // `1,5` is a decimal comma, not fifteen: refuse rather than guess.
        return Err(format!(
            "`{shown}` is not a number: a comma separates thousands (20,000); write decimals with a point (1.5)"
        ));
    }
    // `_` groups digits (`20_000`): between two digits, never leading,
    // trailing or doubled, which are typos more likely than numbers.
    let bytes = trimmed.as_bytes();
    let stray_underscore = bytes.iter().enumerate().any(|(i, b)| {
        *b == b'_'
            && !(i > 0
                && bytes[i - 1].is_ascii_digit()
                && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
    });
    if stray_underscore {
        return Err(format!(
            "`{shown}` is not a number: `_` goes between digits (20_000)"
        ));
    }
    if let Some(decimal) = radix_value(trimmed) {
        return Err(format!(
            "`{shown}` is a hexadecimal, octal or binary number, which is not read here: write it in decimal, `{decimal}`"
        ));
    }
    let cleaned: String = trimmed.chars().filter(|c| *c != '_' && *c != ',').collect();
    let (digits, shift) = match cleaned.chars().last() {
        Some('k' | 'K') => (&cleaned[..cleaned.len() - 1], 3),
        Some('m' | 'M') => (&cleaned[..cleaned.len() - 1], 6),
        Some('g' | 'G' | 'b' | 'B') => (&cleaned[..cleaned.len() - 1], 9),
        _ => (cleaned.as_str(), 0),
    };
    // `inf`, `nan` and hex are not numbers a person means here.
    if !digits
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return Err(format!("`{shown}` is not a number"));
    }
    // The suffix moves the decimal exponent, so `1.005k` is read as the
    // decimal 1005 is (multiplying the double nearest 1.005 by 1000 gives
    // 1004.9999999999999, and the same answer as a flag and in JSON would
    // give different results).
    let not_a_number = || format!("`{shown}` is not a number");
    let digits = digits.trim();
    let value: f64 = if shift == 0 {
        digits.parse().map_err(|_| not_a_number())?
    } else {
        // `1e3k` is a typo more likely than a million: two ways of
        // scaling one number, where a person writes one.
        if digits.contains(['e', 'E']) {
            return Err(match digits.parse::<f64>() {
                Ok(_) => format!(
                    "`{shown}` is not a number: it has both an exponent and a suffix; write one of them, as in 1e6 or 1000k"
                ),
                Err(_) => not_a_number(),
            });
        }
        format!("{digits}e{shift}")
            .parse()
            .map_err(|_| not_a_number())?
    };
    if !value.is_finite() {
        return Err(format!("`{shown}` is too large"));
    }
    // A number below the smallest double (`1e-400`) is 0, as JSON and YAML
    // read it: the same answer must give the same result from every front
    // end, and where 0 is refused the range check says so.
    Ok(value)
}

/// The decimal value of a number written `0x10`, `0o17` or `0b101` (a
/// sign before it kept), as YAML 1.2 and most languages spell them: said
/// in the refusal, which otherwise read `0x10` as a number followed by an
/// unknown unit `x10`. `None` for anything else (`0b` alone is 0 billion).
pub(crate) fn radix_value(text: &str) -> Option<String> {
    let (sign, unsigned) = match text.strip_prefix(['-', '+']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    let radix = match unsigned.get(..2)? {
        "0x" | "0X" => 16,
        "0o" | "0O" => 8,
        "0b" | "0B" => 2,
        _ => return None,
    };
    let digits = unsigned[2..].replace('_', "");
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let value = u128::from_str_radix(&digits, radix).ok()?;
    let sign = if sign == "-" { "-" } else { "" };
    Some(format!("{sign}{value}"))
}

/// Whether every comma in `text` separates thousands: only in the whole part,
/// 1 to 3 digits before the first and exactly 3 after each (`1,234,567.5`),
/// the first group not starting with 0: `0,500` is half, written with a
/// decimal comma, never five hundred.
fn commas_group_thousands(text: &str) -> bool {
    if !text.contains(',') {
        return true;
    }
    let unsigned = text.trim_start_matches(['-', '+']);
    let whole_end = unsigned
        .find(|c: char| !(c.is_ascii_digit() || c == ','))
        .unwrap_or(unsigned.len());
    let (whole, rest) = unsigned.split_at(whole_end);
    if rest.contains(',') {
        return false;
    }
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    (1..=3).contains(&first.len()) && !first.starts_with('0') && groups.all(|g| g.len() == 3)
}

/// A number as JSON: an integer when it is integral and exactly representable.
pub fn to_json(value: f64) -> serde_json::Value {
    if value.fract() == 0.0 && value.abs() < MAX_EXACT {
        serde_json::Value::from(value as i64)
    } else {
        serde_json::Number::from_f64(value)
            .map(serde_json::Value::Number)
            .unwrap_or(serde_json::Value::Null)
    }
}

/// Rounds a score for display and output so float noise never shows
/// (`0.1 + 0.2` prints as `0.3`).
pub fn round(value: f64) -> f64 {
    if value.abs() >= 1e9 && value.is_finite() {
        // Past 1e9, scaling by 1e6 loses the digits it means to keep; keep 15
        // significant digits instead (what an f64 holds exactly), so
        // 4471706253.180001 prints as 4471706253.18.
        let decimals = 15usize.saturating_sub(value.abs().log10() as usize + 1);
        return format!("{value:.decimals$}").parse().unwrap_or(value);
    }
    let rounded = (value * 1e6).round() / 1e6;
    if rounded == 0.0 {
        0.0 // no `-0`
    } else {
        rounded
    }
}

/// `value` rounded to the fewest decimals in `decimals` for which `keep`
/// holds (`None` when none does): a figure as short as its use allows.
pub fn fewest_decimals(
    value: f64,
    decimals: std::ops::RangeInclusive<i32>,
    keep: impl Fn(f64) -> bool,
) -> Option<f64> {
    decimals
        .map(|d| {
            let scale = 10f64.powi(d);
            (value * scale).round() / scale
        })
        .find(|&v| keep(v))
}

/// What the input reader puts before a number too small for an f64
/// (`1e-400`, read as 0) that it keeps as its text, so that a refusal
/// quotes it as typed: a control character no workload's text holds, which
/// tells it from a string in quotes (`"1e-400"`, refused as one).
pub const BELOW_RANGE_MARK: char = '\u{1}';

/// The number `text` holds when the input reader kept it as text for being
/// below f64's range (see [`BELOW_RANGE_MARK`]).
pub fn below_range(text: &str) -> Option<&str> {
    text.strip_prefix(BELOW_RANGE_MARK)
        .filter(|number| underflows(number))
}

/// Whether `text` is a number too small for an f64, which reads as 0.
pub fn underflows(text: &str) -> bool {
    let text = text.trim();
    let mantissa = text.split(['e', 'E']).next().unwrap_or_default();
    mantissa.bytes().any(|b| (b'1'..=b'9').contains(&b))
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b".eE+-".contains(&b))
        && text.parse::<f64>().is_ok_and(|n| n == 0.0)
}

/// What to say of `text` when it is a number beyond an f64 (`1e400`, which
/// YAML reads as text); `None` for any other text.
pub fn beyond_range(text: &str) -> Option<String> {
    let text = text.trim();
    // Rust also parses the words `inf` and `infinity`: text, not a number.
    (text.bytes().any(|b| b.is_ascii_digit()) && text.parse::<f64>().is_ok_and(f64::is_infinite))
        .then(|| format!("{text} is beyond the range of numbers (about ±1.8e308)"))
}

/// Why a number written in a document was read as text: in quotes, or
/// with `_`, a suffix such as k or a leading zero (YAML 1.2 and JSON read
/// none of those as numbers), said after the plain number to write.
pub const READ_AS_TEXT: &str =
    "in quotes, or with `_`, a suffix such as k or a leading zero, it is text";

/// The plain number that `text` (a document's string: `"400"`, `1_000`,
/// `10k`) means, when it means a finite one.
pub fn meant_by_text(text: &str) -> Option<f64> {
    parse_human(text).ok().filter(|n| n.is_finite())
}

/// A number for people: `20000`, `1.5`, `0.25`.
pub fn format(value: f64) -> String {
    Shown(value).to_string()
}

/// Text writes a number this small or larger without an exponent (at most
/// eight zeros after the point); smaller ones keep JSON's `1e-10` form.
const PLAIN_FROM: f64 = 1e-9;

/// Integers below 2^53 are exact in an f64 and print as integers.
const MAX_EXACT: f64 = 9.007_199_254_740_992e15;

/// A number for people as a `Display` value: what [`format()`] returns, written
/// straight into the caller's text (the cost estimate and the analysis write
/// thousands of these per batch, and a `String` each was a measurable share).
#[derive(Debug, Clone, Copy)]
pub struct Shown(pub f64);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        Exact(round(self.0)).fmt(f)
    }
}

/// A number someone gave, as a `Display` value: its shortest exact digits,
/// never rounded. Computed figures go through [`Shown`], whose rounding hides
/// float noise; an answer has none to hide, and rounding it could say "you
/// said 5,000" of 5000.0000004 under a rule that needs ≤ 5,000, or "0 KB" of
/// a size that must be above 0.
#[derive(Debug, Clone, Copy)]
pub struct Exact(pub f64);

impl fmt::Display for Exact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.0 == 0.0 { 0.0 } else { self.0 }; // no `-0`
        if v.fract() == 0.0 && v.abs() < MAX_EXACT {
            return f.write_str(itoa::Buffer::new().format(v as i64));
        }
        if v.abs() >= MAX_EXACT {
            if let Some(big) = big_integer(v) {
                return f.write_str(itoa::Buffer::new().format(big));
            }
        }
        if v.is_finite() {
            // The digits serde_json writes for the same f64, so text and JSON agree.
            let mut buffer = zmij::Buffer::new();
            let digits = buffer.format_finite(v);
            if digits.contains("e-") && v.abs() >= PLAIN_FROM {
                // The same shortest digits, written out: a person reads
                // 0.000001 where 1e-6 is a programmer's notation.
                return write!(f, "{v}");
            }
            f.write_str(digits)
        } else {
            f.write_str("null")
        }
    }
}

/// A whole number beyond i64 as the integer its shortest decimal form
/// names (3.44925e21 is 3449250000000000000000, not the binary value's
/// 3449250000000000196608).
fn big_integer(value: f64) -> Option<i128> {
    if value.fract() != 0.0 || !value.is_finite() || value.abs() >= 1e38 {
        return None;
    }
    // Display for f64 writes the shortest digits, padded with zeros.
    format!("{value}").parse().ok()
}

/// A number for people with thousands separators: `20,000`.
pub fn format_grouped(value: f64) -> String {
    Grouped(value).to_string()
}

/// [`format_grouped`] as a `Display` value (see [`Shown`]).
#[derive(Debug, Clone, Copy)]
pub struct Grouped(pub f64);

impl fmt::Display for Grouped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(word) = non_finite(self.0) {
            return f.write_str(word);
        }
        write_grouped(f, Shown(self.0))
    }
}

/// A non-finite number in words, for text (JSON has none: it writes null).
/// A pack's `min: .nan` was quoted as "n,ull".
fn non_finite(value: f64) -> Option<&'static str> {
    match value {
        v if v.is_nan() => Some("NaN"),
        f64::INFINITY => Some("infinity"),
        f64::NEG_INFINITY => Some("-infinity"),
        _ => None,
    }
}

/// [`Exact`] with thousands separators: an answer in a sentence.
#[derive(Debug, Clone, Copy)]
pub struct GroupedExact(pub f64);

impl fmt::Display for GroupedExact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(word) = non_finite(self.0) {
            return f.write_str(word);
        }
        write_grouped(f, Exact(self.0))
    }
}

/// Writes `number`'s digits with a comma between thousands.
fn write_grouped(f: &mut fmt::Formatter<'_>, number: impl fmt::Display) -> fmt::Result {
    // At most 40 digits (i128), a sign, a fraction (up to 17 significant
    // digits): fits a small buffer.
    let mut plain = StackText::default();
    fmt::write(&mut plain, format_args!("{number}"))?;
    let text = plain.as_str();
    if text.contains('e') {
        // 1e+50: an exponent form has no thousands to group.
        return f.write_str(text);
    }
    let (int, frac) = text.split_at(text.find('.').unwrap_or(text.len()));
    let digits = match int.strip_prefix('-') {
        Some(d) => {
            f.write_str("-")?;
            d
        }
        None => int,
    };
    // The first group has 1–3 digits, every later one 3.
    let first = match digits.len() % 3 {
        0 => 3.min(digits.len()),
        n => n,
    };
    f.write_str(&digits[..first])?;
    for group in digits.as_bytes()[first..].chunks(3) {
        f.write_str(",")?;
        // Digits are ASCII, so every chunk is valid UTF-8.
        f.write_str(std::str::from_utf8(group).map_err(|_| fmt::Error)?)?;
    }
    f.write_str(frac)
}

/// A fixed buffer for one formatted number, so grouping needs no allocation.
struct StackText {
    bytes: [u8; 64],
    len: usize,
}

impl Default for StackText {
    fn default() -> Self {
        StackText {
            bytes: [0; 64],
            len: 0,
        }
    }
}

impl StackText {
    fn as_str(&self) -> &str {
        // Only whole `&str`s are ever appended.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl fmt::Write for StackText {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > self.bytes.len() {
            return Err(fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hexadecimal_octal_and_binary_are_refused_with_their_decimal() {
        let said = |t: &str| parse_human(t).unwrap_err();
        assert!(
            said("0x10").contains("write it in decimal, `16`"),
            "{}",
            said("0x10")
        );
        assert!(said("-0o17").contains("`-15`"));
        assert!(said("0B1_01").contains("`5`"));
        // Not numbers of another base: `0b` is 0 billion, `0xg` no number.
        assert_eq!(parse_human("0b"), Ok(0.0));
        assert_eq!(said("0xg"), "`0xg` is not a number");
        assert_eq!(said("0x+1"), "`0x+1` is not a number");
    }

    #[test]
    fn non_finite_numbers_are_words_in_text() {
        assert_eq!(format_grouped(f64::NAN), "NaN");
        assert_eq!(format_grouped(f64::INFINITY), "infinity");
        assert_eq!(GroupedExact(f64::NEG_INFINITY).to_string(), "-infinity");
        assert_eq!(format_grouped(-1234.5), "-1,234.5");
    }

    #[test]
    fn large_numbers_print_without_float_noise_or_exponents() {
        assert_eq!(round(4_471_706_253.180_001), 4_471_706_253.18);
        assert_eq!(format(4_471_706_253.180_001), "4471706253.18");
        assert_eq!(format(3.449_25e21), "3449250000000000000000");
        assert_eq!(format_grouped(3.449_25e21), "3,449,250,000,000,000,000,000");
        assert_eq!(
            serde_json::to_string(&Num(3.449_25e21)).unwrap(),
            "3449250000000000000000"
        );
        assert_eq!(format(0.1 + 0.2), "0.3");
    }

    #[test]
    fn text_and_json_write_the_same_digits() {
        // Texts (formulas, near misses) and JSON must never disagree on a number.
        let mut values = vec![
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1e-7,
            2.5e-5,
            123.456_789_1,
            1e15,
            9.1e15,
        ];
        values.extend([
            1e21,
            3.449_25e21,
            -7.25e18,
            4_471_706_253.180_001,
            1e300,
            f64::NAN,
        ]);
        let mut x = 0.000_123_4_f64;
        while x < 1e25 {
            values.push(x);
            values.push(-x * 1.7);
            x *= 3.3;
        }
        for v in values {
            let (text, json) = (format(v), serde_json::to_string(&Num(v)).unwrap());
            if text == json {
                continue;
            }
            // Only a small number's exponent differs: the same value, written out.
            assert!(
                json.contains("e-") && !text.contains('e'),
                "{text} / {json}"
            );
            assert_eq!(text.parse::<f64>().unwrap(), json.parse::<f64>().unwrap());
        }
        assert_eq!(format(2.5e-5), "0.000025");
        assert_eq!(format(-2.5e-5), "-0.000025");
        assert_eq!(Exact(1e-7).to_string(), "0.0000001");
        assert_eq!(Exact(1.5e-9).to_string(), "0.0000000015");
        assert_eq!(Exact(1e-10).to_string(), "1e-10");
        assert_eq!(format_grouped(-1_234_567.891), "-1,234,567.891");
        assert_eq!(format_grouped(123_456.0), "123,456");
        assert_eq!(format_grouped(12.0), "12");
        assert_eq!(format_grouped(1e50), "1e+50");
        assert_eq!(format_grouped(-1.5e300), "-1.5e+300");
    }

    /// An answer is shown with all its digits, as JSON writes it, while a
    /// computed figure is rounded: "you said 5,000" of 5000.0000004 under a
    /// rule that needs ≤ 5,000 contradicted itself.
    #[test]
    fn answers_keep_their_digits() {
        assert_eq!(GroupedExact(5_000.000_000_4).to_string(), "5,000.0000004");
        assert_eq!(format_grouped(5_000.000_000_4), "5,000");
        assert_eq!(Exact(4e-7).to_string(), "0.0000004");
        assert_eq!(Exact(4e-12).to_string(), "4e-12");
        assert_eq!(Exact(-0.0).to_string(), "0");
        assert_eq!(
            GroupedExact(3.449_25e21).to_string(),
            "3,449,250,000,000,000,000,000"
        );
        for v in [0.1 + 0.2, 4e-12, 5_000.000_000_4, 123_456.789, 1e300, -2.5] {
            assert_eq!(
                Exact(v).to_string(),
                serde_json::to_string(&to_json(v)).unwrap(),
                "{v:e}"
            );
            assert_eq!(Exact(v).to_string().parse::<f64>().unwrap(), v);
        }
    }

    #[test]
    fn parses_suffixes_and_separators() {
        assert_eq!(parse_human("20k"), Ok(20_000.0));
        assert_eq!(parse_human("1.5M"), Ok(1_500_000.0));
        assert_eq!(parse_human("20,000"), Ok(20_000.0));
        assert_eq!(parse_human("1,234,567.5"), Ok(1_234_567.5));
        assert_eq!(parse_human("-1,000k"), Ok(-1e6));
        for both in ["1e3k", "2E1M", "1e-3G", "1.1e-2k", "2.5e1K", "1e999k"] {
            let e = parse_human(both).unwrap_err();
            assert!(e.contains("both an exponent and a suffix"), "{both}: {e}");
        }
        // A decimal comma is refused, not read as a bigger number.
        for text in [
            "1,5", "0,5", "0,500", "00,500", "-0,250", "012,345", "12,34,5", ",5", "1,", "1.000,5",
            "1,0000", "1e3,000",
        ] {
            let error = parse_human(text).unwrap_err();
            assert!(
                error.contains("write decimals with a point"),
                "{text}: {error}"
            );
        }
        // Before a unit too (`1,5 TB`), but not a comma among words.
        for text in ["1,5 TB", "0,5TB", "1,5 reads"] {
            let error = parse_human(text).unwrap_err();
            assert!(
                error.contains("write decimals with a point"),
                "{text}: {error}"
            );
        }
        for text in ["1,000 TB", "500 GB, say 700", "5 TB,5", "5,1 or so"] {
            let error = parse_human(text).unwrap_err();
            assert!(!error.contains("decimals"), "{text}: {error}");
        }
        // `_` only between digits.
        assert_eq!(parse_human("20_000"), Ok(20_000.0));
        assert_eq!(parse_human("1_000_000.5"), Ok(1_000_000.5));
        assert_eq!(parse_human("2_0k"), Ok(20_000.0));
        for text in ["_1", "1_", "1__0", "1_.5", "1._5", "-_1", "1_k", "1e_3"] {
            let error = parse_human(text).unwrap_err();
            assert!(error.contains("`_` goes between digits"), "{text}: {error}");
        }
        // Below the smallest double: 0, as serde_json and YAML read it.
        assert_eq!(parse_human("1e-400"), Ok(0.0));
        assert_eq!(parse_human("0e-400"), Ok(0.0));
        assert_eq!(parse_human("0.000"), Ok(0.0));
        assert_eq!(parse_human("5e-324"), Ok(5e-324));
        assert_eq!(parse_human("2G"), Ok(2e9));
        // The suffix is exact: the decimal the person wrote, not a product
        // of two rounded doubles.
        assert_eq!(parse_human("1.005k"), Ok(1005.0));
        assert_eq!(parse_human("1.015k"), Ok(1015.0));
        assert_eq!(parse_human("0.0123M"), Ok(12_300.0));
        for text in ["k", ".k", "1e+k", "1.2.3k", "ek"] {
            assert!(parse_human(text).is_err(), "{text}");
        }
        assert!(parse_human("1e999k").is_err());
        assert_eq!(parse_human(" 7 "), Ok(7.0));
        assert!(parse_human("nan").is_err());
        assert!(parse_human("inf").is_err());
        assert!(parse_human("1e999").is_err());
        assert!(parse_human("twelve").is_err());
        assert!(parse_human("").is_err());
    }

    #[test]
    fn integral_numbers_print_without_fraction() {
        assert_eq!(to_json(20000.0).to_string(), "20000");
        assert_eq!(to_json(12.5).to_string(), "12.5");
        assert_eq!(format(0.1 + 0.2), "0.3");
        assert_eq!(format(-0.0), "0");
        assert_eq!(format_grouped(1234567.5), "1,234,567.5");
        assert_eq!(format_grouped(-1000.0), "-1,000");
        assert_eq!(format_grouped(999.0), "999");
    }
}

/// An `f64` that serializes through [`round`] and [`to_json`], so scores
/// print as `6`, `12.5`, never `6.0` or `0.30000000000000004`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Num(pub f64);

impl serde::Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_number(round(self.0), serializer)
    }
}

/// An answer (a weight someone gave) keeps every digit in JSON too.
impl serde::Serialize for Exact {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_number(self.0, serializer)
    }
}

fn serialize_number<S: serde::Serializer>(v: f64, serializer: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < MAX_EXACT {
        serializer.serialize_i64(v as i64)
    } else if let Some(big) = big_integer(v) {
        // A whole number too large for i64 (a yearly I/O count): digits, not 3.4e21.
        serializer.serialize_i128(big)
    } else {
        serializer.serialize_f64(v)
    }
}
