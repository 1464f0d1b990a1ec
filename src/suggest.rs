//! "Did you mean" suggestions by string similarity.

/// The closest of `candidates` to `input`, if it is close enough to be a
/// plausible typo (Jaro-Winkler similarity of at least 0.8, as cargo and clap do).
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let mut best: Option<(f64, &str)> = None;
    // Case is no evidence against a match: `ERP` means `erp`.
    let input = input.to_lowercase();
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    // Other languages' names for a pack condition's operators, too short
    // for string similarity to connect (`le` is as far from `lte` as from `lt`).
    const ALIASES: [(&str, &str); 11] = [
        ("le", "lte"),
        ("<=", "lte"),
        ("ge", "gte"),
        (">=", "gte"),
        ("<", "lt"),
        (">", "gt"),
        ("eq", "is"),
        ("equals", "is"),
        ("==", "is"),
        ("one_of", "in"),
        ("oneof", "in"),
    ];
    if let Some(&(_, target)) = ALIASES.iter().find(|(alias, _)| *alias == input) {
        if let Some(found) = candidates.iter().find(|c| **c == target) {
            return Some(found);
        }
    }
    for candidate in candidates {
        let score = strsim::jaro_winkler(&input, &candidate.to_lowercase());
        if score >= 0.8 && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// A `help:` text for a did-you-mean, or a list of the valid values when
/// nothing is close.
pub fn hint<'a, I>(input: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    if let Some(suggested) = suggestion(input, candidates.clone()) {
        return suggested;
    }
    listing(candidates)
}

/// "did you mean `x`?" for a close name, or for a name `input` is whole
/// words of (`did you mean `a` or `b`?`); `None` when nothing is near.
pub fn suggestion<'a, I>(input: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    if let Some(c) = did_you_mean(input, candidates.clone()) {
        return Some(format!("did you mean `{c}`?"));
    }
    match part_of(input, candidates).as_slice() {
        [] => None,
        [only] => Some(format!("did you mean `{only}`?")),
        [first @ .., last] => {
            let first: Vec<String> = first.iter().map(|c| format!("`{c}`")).collect();
            Some(format!("did you mean {} or `{last}`?", first.join(", ")))
        }
    }
}

/// "expected one of: …", each candidate once.
pub fn listing<'a>(candidates: impl IntoIterator<Item = &'a str>) -> String {
    // Each once: a pack with a duplicated id (refused on its own) listed
    // it twice, "expected one of: sqs, sqs".
    let mut all: Vec<&str> = Vec::new();
    for c in candidates {
        if !all.contains(&c) {
            all.push(c);
        }
    }
    if all.is_empty() {
        // Said beside the error that there are none (a field with no options).
        return "there is nothing to choose from".to_owned();
    }
    format!("expected one of: {}", all.join(", "))
}

/// The candidates that hold `input` as whole words of theirs (`region` in
/// `multi_region`, `writes_per_sec` in `peak_writes_per_sec`, `p99` in
/// `latency_p99_ms`): a name cut short, which string similarity misses.
/// At most three, and none for an input under three letters.
fn part_of<'a, I>(input: &str, candidates: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let words = input.to_lowercase().replace(['-', ' '], "_");
    let words = words.trim_matches('_');
    if words.len() < 3 {
        return Vec::new();
    }
    let needle = format!("_{words}_");
    let mut found: Vec<&str> = Vec::new();
    for candidate in candidates {
        let padded = format!("_{}_", candidate.to_lowercase());
        if padded.contains(&needle) && !found.contains(&candidate) {
            found.push(candidate);
        }
    }
    if found.len() > 3 {
        found.clear();
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_each_choice_once() {
        assert_eq!(
            hint("zzz", ["sqs", "sqs", "kinesis"]),
            "expected one of: sqs, kinesis"
        );
    }

    #[test]
    fn suggests_a_close_name() {
        let fields = ["relationships", "schema", "consistency"];
        assert_eq!(did_you_mean("relationship", fields), Some("relationships"));
        assert_eq!(did_you_mean("zzz", fields), None);
        assert_eq!(did_you_mean("SCHEMA", fields), Some("schema"));
        assert_eq!(did_you_mean("Consistency", fields), Some("consistency"));
    }

    #[test]
    fn knows_other_names_of_the_condition_operators() {
        let operators = ["field", "is", "in", "gt", "gte", "lt", "lte"];
        assert_eq!(did_you_mean("le", operators), Some("lte"));
        assert_eq!(did_you_mean(">=", operators), Some("gte"));
        assert_eq!(did_you_mean("eq", operators), Some("is"));
        // Only among the names that exist where it was written.
        assert_eq!(did_you_mean("le", ["erp", "gaming"]), None);
    }

    #[test]
    fn a_name_cut_short_is_found_by_its_words() {
        let fields = [
            "peak_writes_per_sec",
            "multi_region",
            "data_size_gb",
            "item_size_kb",
            "latency_p99_ms",
        ];
        assert_eq!(
            hint("writes_per_sec", fields),
            "did you mean `peak_writes_per_sec`?"
        );
        assert_eq!(hint("Region", fields), "did you mean `multi_region`?");
        assert_eq!(hint("p99", fields), "did you mean `latency_p99_ms`?");
        assert_eq!(
            hint("size", fields),
            "did you mean `data_size_gb` or `item_size_kb`?"
        );
        // Whole words only, and not under three letters.
        assert!(hint("siz", fields).starts_with("expected one of"));
        assert!(hint("gb", fields).starts_with("expected one of"));
    }

    #[test]
    fn hint_lists_values_when_nothing_is_close() {
        assert_eq!(hint("xyz", ["a", "b"]), "expected one of: a, b");
        assert_eq!(hint("xyz", []), "there is nothing to choose from");
        assert_eq!(
            hint("eventul", ["strong", "eventual"]),
            "did you mean `eventual`?"
        );
    }
}
