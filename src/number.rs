//! Numbers as people write them and as dbadvisor prints them.
//!
//! Output must be byte-identical whichever front end supplied a value, so every
//! number goes through [`to_json`]: integral values print without a fraction
//! (`20000`, not `20000.0`) and others with the shortest exact form.

/// Parses a number as a person types it: `20000`, `20_000`, `20,000`, `1.5e3`,
/// or with a suffix `k` (thousand), `M` (million), `G`/`B` (billion).
pub fn parse_human(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err("expected a number".into());
    }
    let cleaned: String = trimmed.chars().filter(|c| *c != '_' && *c != ',').collect();
    let (digits, factor) = match cleaned.chars().last() {
        Some('k' | 'K') => (&cleaned[..cleaned.len() - 1], 1e3),
        Some('m' | 'M') => (&cleaned[..cleaned.len() - 1], 1e6),
        Some('g' | 'G' | 'b' | 'B') => (&cleaned[..cleaned.len() - 1], 1e9),
        _ => (cleaned.as_str(), 1.0),
    };
    // `inf`, `nan` and hex are not numbers a person means here.
    if !digits
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E'))
    {
        return Err(format!("`{trimmed}` is not a number"));
    }
    let value: f64 = digits
        .trim()
        .parse()
        .map_err(|_| format!("`{trimmed}` is not a number"))?;
    let value = value * factor;
    if !value.is_finite() {
        return Err(format!("`{trimmed}` is too large"));
    }
    Ok(value)
}

/// A number as JSON: an integer when it is integral and exactly representable.
pub fn to_json(value: f64) -> serde_json::Value {
    if value.fract() == 0.0 && value.abs() < 9.007_199_254_740_992e15 {
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

/// A number for people: `20000`, `1.5`, `0.25`.
pub fn format(value: f64) -> String {
    let v = round(value);
    if v.abs() >= 9.007_199_254_740_992e15 {
        if let Some(big) = big_integer(v) {
            return big.to_string();
        }
    }
    to_json(v).to_string()
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
    let text = format(value);
    let (int, frac) = match text.find('.') {
        Some(i) => text.split_at(i),
        None => (text.as_str(), ""),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}{frac}")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn parses_suffixes_and_separators() {
        assert_eq!(parse_human("20k"), Ok(20_000.0));
        assert_eq!(parse_human("1.5M"), Ok(1_500_000.0));
        assert_eq!(parse_human("20,000"), Ok(20_000.0));
        assert_eq!(parse_human("2G"), Ok(2e9));
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
        let v = round(self.0);
        if v.fract() == 0.0 && v.abs() < 9.007_199_254_740_992e15 {
            serializer.serialize_i64(v as i64)
        } else if let Some(big) = big_integer(v) {
            // A whole number too large for i64 (a yearly I/O count): digits, not 3.4e21.
            serializer.serialize_i128(big)
        } else {
            serializer.serialize_f64(v)
        }
    }
}
