//! The library's error type and the exit code each kind maps to (SPEC §5).

use std::fmt;

/// Exit status for each kind of failure, fixed by SPEC §5.
pub mod exit {
    /// Success, also when stdout was closed early.
    pub const OK: u8 = 0;
    /// Internal failure: an I/O error other than a closed pipe.
    pub const INTERNAL: u8 = 1;
    /// Usage error, or input needed and no terminal to ask.
    pub const USAGE: u8 = 2;
    /// Invalid input data or an invalid decision pack.
    pub const INVALID: u8 = 3;
    /// Interrupted by Ctrl-C; the terminal was restored.
    pub const INTERRUPTED: u8 = 130;
}

/// One problem found in a document, with where it is.
///
/// Problems are collected rather than returned one at a time so that a user
/// fixing a file sees every mistake in one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// Where: `line 12, column 3`, a field path such as `priorities.scalability`,
    /// or a rule id such as ``rule `joins-need-relational` ``. Empty when the
    /// problem concerns the whole document.
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when known (for example a did-you-mean).
    pub help: Option<String>,
}

impl Problem {
    /// The line its place starts with (`line 12, column 3, …`), if any.
    pub fn line(&self) -> Option<usize> {
        self.place
            .strip_prefix("line ")
            .and_then(|rest| rest.split([',', ':']).next())
            .and_then(|n| n.parse().ok())
    }

    /// The problem as a JSON object, `{"place", "message", "help"}`: a
    /// place or help that is not known is `null`, not an empty string.
    pub fn to_json(&self) -> serde_json::Value {
        let place = (!self.place.is_empty()).then_some(&self.place);
        serde_json::json!({ "place": place, "message": self.message, "help": self.help })
    }

    /// A problem at `place`.
    pub fn new(place: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            place: place.into(),
            message: message.into(),
            help: None,
        }
    }

    /// Adds a fix hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a fix hint when there is one.
    pub fn with_optional_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    /// The help for a YAML merge key, when serde's message is about one:
    /// YAML 1.1's `<<: *anchor` reaches the readers as a plain key named
    /// `<<`, which no pack or price table has.
    pub(crate) fn with_merge_key_help(self) -> Self {
        if self.message.contains("unknown field `<<`") {
            self.with_help(MERGE_KEY_HELP)
        } else {
            self.with_unknown_key_help()
        }
    }

    /// serde's "unknown field `candiate`, expected one of `id`, `axis`, …"
    /// gets a did-you-mean when one of the keys is close (the list stays
    /// in the message otherwise).
    fn with_unknown_key_help(self) -> Self {
        let Some((_, rest)) = self.message.split_once("unknown field `") else {
            return self;
        };
        let Some((key, expected)) = rest.split_once('`') else {
            return self;
        };
        let known: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
        match crate::suggest::did_you_mean(key, known.iter().copied()) {
            Some(close) => {
                let help = format!("did you mean `{close}`?");
                self.with_help(help)
            }
            None => self,
        }
    }
}

/// serde's words for a document's keys ("unknown field `candiate`",
/// "missing field `because`", "duplicate field `points`") said as keys: in
/// a pack, a *field* is a question, and "unknown field" is also what a
/// misspelt question id gets, so an author could not tell a misspelt key
/// from a misspelt field. Applied last, after the messages were read for
/// their key names.
pub(crate) fn keys_not_fields(problems: Vec<Problem>) -> Vec<Problem> {
    problems
        .into_iter()
        .map(|p| Problem {
            message: p
                .message
                .replacen("unknown field `", "unknown key `", 1)
                .replacen("missing field `", "missing key `", 1)
                .replacen("duplicate field `", "duplicate key `", 1),
            ..p
        })
        .collect()
}

/// A serde_json or yaml_serde message without the "at line L column C"
/// they append: the problem's place already says where.
pub(crate) fn without_location(message: &str) -> &str {
    message.find(" at line ").map_or(message, |i| &message[..i])
}

/// A YAML reader's message without its location (the problem's place says
/// it), keeping what it was reading and where that began, in plain words:
/// "found unexpected end of stream (a quoted text opened at line 28,
/// column 14 has no closing quote)". Without it, an unclosed quote was
/// reported only at the end of the file.
pub(crate) fn yaml_message(message: &str) -> String {
    let base = without_location(message);
    // A complex key (`? [a]`), refused by the key's reader (see `raw::Key`),
    // maybe after the path of the mapping it is in (`priorities: …`).
    for (found, words) in [("sequence", "a list"), ("map", "a mapping")] {
        let said = format!("invalid type: {found}, expected a field name");
        if base.ends_with(&said) {
            return base.replace(&said, &format!("a key must be a name, found {words}"));
        }
    }
    // `!!null` or `!!bool yes`: a core-schema tag on a value the reader
    // does not take with it (an empty value, YAML 1.1's yes/no).
    for (said, tag, write) in [
        ("\", expected null", "!!null", "null"),
        ("\", expected a boolean", "!!bool", "true or false"),
    ] {
        if let Some(start) = base
            .strip_suffix(said)
            .and_then(|rest| rest.rfind("invalid value: string \""))
        {
            return format!(
                "{}`{tag}` with this value is not read: write {write}, without the tag",
                &base[..start]
            );
        }
    }
    let Some((_, context)) = message.split_once(", while ") else {
        return base.to_owned();
    };
    let (what, at) = match context.split_once(" at line ") {
        Some((what, at)) => {
            let mut numbers = at.split(" column ");
            match (numbers.next(), numbers.next()) {
                (Some(line), Some(column)) => (
                    what,
                    format!("line {}, column {}", line.trim(), column.trim()),
                ),
                _ => (what, String::new()),
            }
        }
        None => (context, String::new()),
    };
    let at_place = if at.is_empty() {
        String::new()
    } else {
        format!(" at {at}")
    };
    let words = match what {
        "scanning a quoted scalar" => {
            format!("a quoted text opened{at_place} has no closing quote")
        }
        "parsing a flow sequence" => format!("the `[`{at_place} is not closed"),
        "parsing a flow mapping" => format!("the `{{`{at_place} is not closed"),
        // "…, while scanning for the next token (while scanning for the
        // next token)": the reader's context repeats what it said.
        other if at_place.is_empty() && base.ends_with(&format!("while {other}")) => {
            return base.to_owned()
        }
        other => format!("while {other}{at_place}"),
    };
    format!("{base} ({words})")
}

/// Whether a YAML text says nothing: blank, or only comments and document
/// markers (`---`, `...`). Such a pack or
/// price table gets one plain problem instead of "missing field `name`".
pub(crate) fn says_nothing(text: &str) -> bool {
    // YAML breaks lines at CR too: a file saved with old Mac line ends is
    // not one long comment.
    text.trim_start_matches('\u{feff}')
        .split(['\n', '\r'])
        .all(|l| {
            let l = l.trim_start();
            // A document's start or end marker holds nothing either: `---`
            // alone is an empty document, as YAML reads it (null).
            let l = ["---", "..."]
                .iter()
                .find_map(|marker| l.strip_prefix(marker))
                .filter(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
                .map_or(l, str::trim_start);
            l.is_empty() || l.starts_with('#')
        })
}

/// Said for a YAML merge key.
pub(crate) const MERGE_KEY_HELP: &str =
    "YAML merge keys (`<<: *anchor`) are not supported: write the keys out (an alias for a whole value, `key: *anchor`, works)";

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.place.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.place, self.message)
        }
    }
}

/// A serde message about a value of the wrong type, in plain words: serde
/// names what it expected by Rust type (`expected f64`, `expected a
/// sequence`, `expected struct RawRule`), which means nothing to someone
/// editing a YAML file. Used by the pack and price table loaders; other
/// messages (unknown or missing fields, syntax errors) pass unchanged.
pub fn plain_words(message: &str) -> String {
    // The YAML reader's own limit, reached by indented blocks as well as by
    // the `[` and `{` the loaders count before reading.
    if message.starts_with("recursion limit exceeded") {
        return "nests deeper than 128 levels (`[`, `{` and indented blocks together)".to_owned();
    }
    let is_mismatch = ["invalid type: ", "invalid value: ", "invalid length "]
        .iter()
        .any(|start| message.starts_with(start));
    let Some((found, expected)) = message.rsplit_once(", expected ").filter(|_| is_mismatch) else {
        return message.to_owned();
    };
    // YAML reads a number beyond f64 (`1e400`) as a string.
    if let Some(said) = found
        .strip_prefix("invalid type: string \"")
        .and_then(|rest| rest.strip_suffix('"'))
        .and_then(crate::number::beyond_range)
    {
        return said;
    }
    // `weight: 1_000` or `weight: "3"`: text to YAML, said as such, with the
    // number meant.
    let text = found
        .strip_prefix("invalid type: string \"")
        .and_then(|rest| rest.strip_suffix('"'));
    if let (Some((text, n)), "f64" | "f32") = (
        text.and_then(|t| crate::number::meant_by_text(t).map(|n| (t, n))),
        expected,
    ) {
        return format!(
            "expected a number, found the text \"{text}\" ({}): write it as a plain number, `{}`",
            crate::number::READ_AS_TEXT,
            crate::number::format(n)
        );
    }
    // yaml_serde reads `0x10`, `0o7` and `0b1` as integers, yet not as a
    // `f64`: "integer `16`, expected a number" contradicted itself.
    if let (Some(n), "f64" | "f32") = (
        found
            .strip_prefix("invalid type: integer `")
            .and_then(|rest| rest.strip_suffix('`')),
        expected,
    ) {
        return format!(
            "a hexadecimal, octal or binary number ({n}) is not read here: write it in decimal, `{n}`"
        );
    }
    let found = match found {
        "invalid type: unit value" => "invalid type: null",
        "invalid type: sequence" => "invalid type: a list",
        "invalid type: map" => "invalid type: a mapping",
        other => other,
    };
    let expected = match expected {
        "f64" | "f32" => "a number",
        "u8" | "u16" | "u32" | "u64" | "u128" | "usize" => "a whole number of at least 0",
        "i8" | "i16" | "i32" | "i64" | "i128" | "isize" => "a whole number",
        "a string" | "a borrowed string" => "text",
        "a character" | "char" => "a single character",
        "a boolean" => "true or false",
        "a sequence" => "a list",
        "a map" => "a mapping",
        "unit" => "null",
        struct_name if struct_name.starts_with("struct ") => "a mapping",
        other => other,
    };
    format!("{found}, expected {expected}")
}

/// A file name as an error's first line names it: a control character in
/// it, a line break too, is shown escaped (`\u{a}`), so the name cannot
/// split the line or restyle the terminal (the message's own line breaks
/// are kept when it is printed).
fn shown(name: &str) -> std::borrow::Cow<'_, str> {
    crate::output::escape_controls(name, &[])
}

/// Everything that can go wrong in the library, by kind, so the binary can
/// choose the exit code and callers can tell the cases apart.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A workload (JSON, YAML, a JSON Lines line or flag values) is invalid.
    #[error("invalid workload in {}", shown(.source_name))]
    Workload {
        /// The file, `<stdin>`, `<flags>` or `line N of <stdin>`.
        source_name: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// A decision pack is invalid.
    #[error("invalid decision pack {}", shown(.source_name))]
    Pack {
        /// The pack's path or `<embedded>`.
        source_name: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// A valid pack fails `rules check` (coverage below `--min-coverage`,
    /// or lint findings with `--deny-warnings`).
    #[error("decision pack {} does not pass the check", shown(.source_name))]
    Check {
        /// The pack's path or `<embedded>`.
        source_name: String,
        /// Why it does not pass.
        problems: Vec<Problem>,
    },
    /// A price table (`rules/pricing.yaml` or `--pricing`) is invalid.
    #[error("invalid price table {}", shown(.source_name))]
    Pricing {
        /// The table's path or `<embedded>`.
        source_name: String,
        /// Every problem found.
        problems: Vec<Problem>,
    },
    /// The command line asks for something that does not exist or is incomplete.
    #[error("{message}")]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        help: Option<String>,
        /// Each bad flag value, when there are several to list.
        problems: Vec<Problem>,
    },
    /// Reading or writing failed.
    // The cause is part of the message, not a `#[source]`: anyhow's `{:#}`
    // would print it twice.
    #[error("{context}: {cause}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        cause: std::io::Error,
    },
    /// The user pressed Ctrl-C or the process got SIGTERM.
    #[error("interrupted")]
    Interrupted,
}

impl Error {
    /// The SPEC §5 exit status for this error.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Workload { .. }
            | Error::Pack { .. }
            | Error::Check { .. }
            | Error::Pricing { .. } => exit::INVALID,
            Error::Usage { .. } => exit::USAGE,
            Error::Io { .. } => exit::INTERNAL,
            Error::Interrupted => exit::INTERRUPTED,
        }
    }

    /// The individual problems, for errors that carry a list.
    pub fn problems(&self) -> &[Problem] {
        match self {
            Error::Workload { problems, .. }
            | Error::Pack { problems, .. }
            | Error::Check { problems, .. }
            | Error::Pricing { problems, .. }
            | Error::Usage { problems, .. } => problems,
            _ => &[],
        }
    }

    /// A usage error with an optional fix.
    pub fn usage(message: impl Into<String>, help: Option<String>) -> Self {
        Error::Usage {
            message: message.into(),
            help,
            problems: Vec::new(),
        }
    }

    /// An I/O error with what was being done.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            cause: source,
        }
    }

    /// True when the error is a write to a closed pipe, which is not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { cause, .. } if cause.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Shorthand used throughout the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The text printed on stderr for an error: `dbadvisor: error: …`, then each
/// problem on its own line with its place, and `help:` lines where a fix is known.
pub fn render(err: &Error) -> String {
    render_with_headline(&err.to_string(), err)
}

/// Like [`render`], with the headline given (for example with context added
/// by the caller).
pub fn render_with_headline(headline: &str, err: &Error) -> String {
    let mut out = format!("dbadvisor: error: {headline}\n");
    if let Error::Usage {
        help: Some(help), ..
    } = err
    {
        out.push_str(&format!("help: {help}\n"));
    }
    let problems = err.problems();
    // A pack of ten thousand unknown keys gets the first of them and a
    // count, as a workload does (its list arrives cut already, with its
    // count as the last problem, hence the one more allowed here).
    let listed = if problems.len() > LISTED + 1 {
        LISTED
    } else {
        problems.len()
    };
    for problem in &problems[..listed] {
        out.push_str(&format!("  {problem}\n"));
        if let Some(help) = &problem.help {
            out.push_str(&format!("    help: {help}\n"));
        }
    }
    if listed < problems.len() {
        let rest = problems.len() - listed;
        out.push_str(&format!(
            "  and {} more problems not listed\n",
            crate::number::Grouped(rest as f64)
        ));
        if matches!(err, Error::Pack { .. }) {
            out.push_str("    help: `dbadvisor rules check PATH --format json` lists every one\n");
        }
    }
    out
}

/// Problems an error lists on stderr, at most (the same as a workload's,
/// [`crate::workload::MAX_LISTED_PROBLEMS`]).
const LISTED: usize = crate::workload::MAX_LISTED_PROBLEMS;

#[cfg(test)]
mod tests {
    use super::plain_words;

    #[test]
    fn a_number_beyond_f64_is_said_to_be_one() {
        assert_eq!(
            plain_words("invalid type: string \"1e400\", expected f64"),
            "1e400 is beyond the range of numbers (about ±1.8e308)"
        );
        assert_eq!(
            plain_words("invalid type: string \"big\", expected f64"),
            "invalid type: string \"big\", expected a number"
        );
    }

    #[test]
    fn serde_type_names_become_plain_words() {
        for (serde, plain) in [
            (
                r#"invalid type: string "x", expected f64"#,
                r#"invalid type: string "x", expected a number"#,
            ),
            (
                "invalid value: integer `-1`, expected u64",
                "invalid value: integer `-1`, expected a whole number of at least 0",
            ),
            (
                "invalid type: floating point `1.5`, expected usize",
                "invalid type: floating point `1.5`, expected a whole number of at least 0",
            ),
            (
                "invalid type: integer `5`, expected a borrowed string",
                "invalid type: integer `5`, expected text",
            ),
            (
                "invalid type: map, expected a sequence",
                "invalid type: a mapping, expected a list",
            ),
            (
                "invalid type: sequence, expected a map",
                "invalid type: a list, expected a mapping",
            ),
            (
                "invalid type: unit value, expected struct RawRule",
                "invalid type: null, expected a mapping",
            ),
            (
                r#"invalid type: string "yes", expected a boolean"#,
                r#"invalid type: string "yes", expected true or false"#,
            ),
            (
                "invalid type: integer `1`, expected a string",
                "invalid type: integer `1`, expected text",
            ),
            // `1_000` and `"3"`: text to YAML, and the number meant.
            (
                r#"invalid type: string "1_000", expected f64"#,
                r#"expected a number, found the text "1_000" (in quotes, or with `_`, a suffix such as k or a leading zero, it is text): write it as a plain number, `1000`"#,
            ),
            (
                r#"invalid type: string "abc", expected f64"#,
                r#"invalid type: string "abc", expected a number"#,
            ),
            // `0x10`: an integer YAML reads, not as a float.
            (
                "invalid type: integer `16`, expected f64",
                "a hexadecimal, octal or binary number (16) is not read here: write it in decimal, `16`",
            ),
        ] {
            assert_eq!(plain_words(serde), plain, "{serde}");
        }
        // Anything else is left as it is.
        for message in [
            "unknown field `x`, expected one of `a`, `b`",
            "missing field `value`",
            "unknown variant `text`, expected one of `choice`, `bool`, `number`",
        ] {
            assert_eq!(plain_words(message), message);
        }
    }
}
