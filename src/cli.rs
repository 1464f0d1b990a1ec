//! The command line: clap definitions, with one flag per pack field
//! generated at run time (so `--help` lists every field and its options, and
//! a pack given with `--rules` brings its own flags).

use std::ffi::OsString;
use std::path::Path;

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::{Arg, ArgAction, ArgMatches, Command};

use crate::error::{Error, Problem, Result};
use crate::estimate::EstimateOptions;
use crate::number;
use crate::output::ColorChoice;
use crate::pack::{FieldKind, Pack};
use crate::render::Format;
use crate::suggest;
use crate::workload::{check_weight, parse_value_with_help, Workload};

/// The heading under which field flags are listed in `--help`.
const FIELD_HEADING: &str = "Workload answers (each optional; unanswered means unknown)";

/// The answers the built-in pack's usage hints show (`--use-case erp
/// --data-shape relational`), the worked example they name, and the answers
/// of the flags line and the JSON line of the `--help` examples. Another
/// pack gets hints from its own fields and examples (see [`sample_answers`]).
const HINT_ANSWERS: &[(&str, &str)] = &[("use_case", "erp"), ("data_shape", "relational")];
const HINT_EXAMPLE: &str = "erp";
const HELP_FLAG_ANSWERS: &[(&str, &str)] = &[
    ("use_case", "gaming"),
    ("data_shape", "key_value"),
    ("peak_writes_per_sec", "20k"),
];
const HELP_JSON_ANSWERS: &[(&str, &str)] = &[("use_case", "erp")];

/// The examples after `--help`, in the active pack's terms (with
/// `--rules PATH` for another pack, so that its flags exist when run):
/// `recommend`'s, and for the top level an interview's as well.
fn after_help(pack: &Pack, rules: Option<&Path>, top: bool) -> String {
    let program = hint_program(rules);
    let mut lines = vec!["Examples:".to_owned()];
    if let Some(id) = hint_example(pack) {
        lines.push(example_line(&format!("{program} recommend --example {id}")));
    }
    let flags = sample_flags(pack);
    if !flags.is_empty() {
        lines.push(example_line(&format!("{program} recommend {flags}")));
    }
    if let Some(json) = sample_json(pack) {
        lines.push(example_line(&format!(
            "echo '{json}' | {program} recommend --format json"
        )));
    }
    lines.push("  # JSON Lines in, one result per line out:".to_owned());
    lines.push(example_line(&format!(
        "{program} recommend --input workloads.jsonl --format json"
    )));
    if top {
        lines.push(example_line(&format!(
            "{program} interview --save answers.json"
        )));
    }
    lines.join("\n")
}

/// A command's `--help` examples, `lines` with `{program}` standing for
/// [`hint_program`], after `before` (a paragraph, or empty).
fn examples_help(rules: Option<&Path>, before: &str, lines: &[&str]) -> String {
    let program = hint_program(rules);
    let mut out = String::from(before);
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str("Examples:");
    for line in lines {
        out.push('\n');
        if line.starts_with('#') {
            out.push_str("  ");
            out.push_str(line);
        } else {
            out.push_str(&example_line(&line.replace("{program}", &program)));
        }
    }
    out
}

/// A few answers as the pack's flags, for an example command
/// (`--use-case gaming --data-shape key_value --peak-writes-per-sec 20k`).
pub(crate) fn sample_flags(pack: &Pack) -> String {
    flag_words(pack, &sample_answers(pack, HELP_FLAG_ANSWERS, 3))
}

/// A one-answer workload document for an example (`{"use_case": "erp"}`).
pub(crate) fn sample_json(pack: &Pack) -> Option<String> {
    let (index, text) = sample_answers(pack, HELP_JSON_ANSWERS, 1)
        .into_iter()
        .next()?;
    let field = &pack.fields[index];
    let value = crate::workload::parse_value(field, &text).ok()?;
    let json = crate::workload::value_to_json(field, value);
    Some(format!(
        "{{{}: {json}}}",
        serde_json::Value::from(field.id.as_str())
    ))
}

/// A workload document with a few answers and, with several axes, a
/// weight, for an example (`{"size": 1, "fragile": true}`).
pub(crate) fn sample_document(pack: &Pack) -> String {
    let mut parts: Vec<String> = sample_answers(pack, &[], 3)
        .into_iter()
        .filter_map(|(index, text)| {
            let field = &pack.fields[index];
            let value = crate::workload::parse_value(field, &text).ok()?;
            let json = crate::workload::value_to_json(field, value);
            Some(format!(
                "{}: {json}",
                serde_json::Value::from(field.id.as_str())
            ))
        })
        .collect();
    if let (Some(axis), true) = (pack.axes.first(), pack.axes.len() > 1) {
        parts.push(format!(
            "\"priorities\": {{{}: 2}}",
            serde_json::Value::from(axis.id.as_str())
        ));
    }
    format!("{{{}}}", parts.join(", "))
}

/// [`sample_document`] broken after its top-level commas into lines of at
/// most `width` columns (the later ones indented by one space), for a
/// manual page, where a long literal line runs off an 80-column terminal.
/// A key and its value are never parted; a longer one takes a line alone.
pub(crate) fn sample_document_lines(pack: &Pack, width: usize) -> Vec<String> {
    let document = sample_document(pack);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for part in top_level_parts(&document) {
        let part = if line.is_empty() && !lines.is_empty() {
            format!(" {}", part.trim_start())
        } else {
            part.to_owned()
        };
        if !line.is_empty() && line.chars().count() + part.chars().count() > width {
            lines.push(std::mem::take(&mut line));
            line = format!(" {}", part.trim_start());
        } else {
            line.push_str(&part);
        }
    }
    lines.push(line);
    lines
}

/// `document` (one JSON object) cut after each comma at its top level,
/// each piece keeping its comma: joined, the pieces are `document`.
fn top_level_parts(document: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut scan = crate::input::JsonDepth::default();
    let mut start = 0;
    for (i, c) in document.char_indices() {
        if scan.step(c) && c == ',' && scan.depth == 1 {
            parts.push(&document[start..=i]);
            start = i + 1;
        }
    }
    parts.push(&document[start..]);
    parts
}

/// Columns an example line may take: clap wraps help text to the terminal
/// (100 columns when piped), and a command it wraps no longer runs when
/// copied, so longer ones are continued with ` \` on lines of their own.
const EXAMPLE_WIDTH: usize = 78;

/// `command` indented as a help example, continued with ` \` where it is
/// wider than [`EXAMPLE_WIDTH`].
fn example_line(command: &str) -> String {
    broken_command(command, EXAMPLE_WIDTH).join("\n")
}

/// A shell command indented two columns and broken into lines of at most
/// `width` columns, each but the last ending in ` \` and the ones after
/// the first indented six, so that it runs when pasted as shown. Words in
/// single quotes stay together, a flag with its value, a redirection with
/// its file (`> results.jsonl`) and `; do` or `; then` with the word before
/// it (a line of its own would read as a command); a piece longer
/// than a line stays whole. A comment (`# …` outside quotes) ends the last
/// line as written, however long: a ` \` inside it would be part of the
/// comment, not a continuation, and the shell would run the next line's
/// words as a command of their own.
pub(crate) fn broken_command(command: &str, width: usize) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    let mut quote = Quote::None;
    let mut comment: Option<String> = None;
    let mut spaces = 0;
    let mut pieces = command.split(' ');
    while let Some(word) = pieces.next() {
        if word.is_empty() && !words.is_empty() && quote == Quote::None {
            // A run of spaces, kept only before a comment.
            spaces += 1;
            continue;
        }
        if word.starts_with('#') && !words.is_empty() && quote == Quote::None {
            let rest: Vec<&str> = std::iter::once(word).chain(pieces).collect();
            comment = Some(format!("{}{}", " ".repeat(spaces + 1), rest.join(" ")));
            break;
        }
        // Spaces between words that are not a comment's are one separator.
        spaces = 0;
        match words.last_mut() {
            Some(last)
                if quote != Quote::None
                    || (last.starts_with("--")
                        && !last.contains(' ')
                        && !word.starts_with('-')
                        && word != "|")
                    || matches!(last.as_str(), ">" | ">>" | "<" | "2>" | "&>")
                    || (last.ends_with(';') && matches!(word, "do" | "then")) =>
            {
                last.push(' ');
                last.push_str(word);
            }
            _ => words.push(word.to_owned()),
        }
        quote = quote.after(word);
    }
    let mut lines = Vec::new();
    let mut out = String::from("  ");
    let mut used = 2;
    for (i, word) in words.iter().enumerate() {
        let columns = crate::render::columns(word);
        if i > 0 && used + 1 + columns + 2 > width {
            out.push_str(" \\");
            lines.push(std::mem::replace(&mut out, "      ".to_owned()));
            used = 6;
        } else if i > 0 {
            out.push(' ');
            used += 1;
        }
        out.push_str(word);
        used += columns;
    }
    if let Some(comment) = comment {
        out.push_str(&comment);
    }
    lines.push(out);
    lines
}

/// The quoting a POSIX shell is in at some point of a command line, so that
/// [`broken_command`] never breaks a line inside quotes (where ` \` and a
/// line break would stay in the argument).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    None,
    /// `'…'`: nothing is special but the closing quote.
    Single,
    /// `$'…'`: a backslash escapes the next character, `\'` included.
    AnsiC,
    /// `"…"`: a backslash escapes the next character.
    Double,
}

impl Quote {
    /// The quoting after `word` and the space that follows it. Outside
    /// quotes a backslash escapes the next character, so the `'\''` that
    /// [`crate::interview::shell_quote`] writes for a quote in a path
    /// closes and reopens the quotes, not the reverse.
    fn after(self, word: &str) -> Quote {
        let mut quote = self;
        let mut chars = word.chars().peekable();
        while let Some(c) = chars.next() {
            quote = match (quote, c) {
                (Quote::None | Quote::AnsiC | Quote::Double, '\\') => {
                    chars.next();
                    quote
                }
                (Quote::None, '\'') | (Quote::Double, '"') => {
                    if quote == Quote::None {
                        Quote::Single
                    } else {
                        Quote::None
                    }
                }
                (Quote::None, '"') => Quote::Double,
                (Quote::None, '$') if chars.peek() == Some(&'\'') => {
                    chars.next();
                    Quote::AnsiC
                }
                (Quote::Single | Quote::AnsiC, '\'') => Quote::None,
                _ => quote,
            };
        }
        quote
    }
}

/// Answers for a usage hint, as (field index, value as typed): `preferred`
/// when the active pack takes every one of them (so the built-in pack's
/// hints read as they always have); else the first `count` answers of the
/// pack's first worked example; else its first fields, each with its first
/// option, `yes` or a typical number.
pub fn sample_answers(
    pack: &Pack,
    preferred: &[(&str, &str)],
    count: usize,
) -> Vec<(usize, String)> {
    let taken: Option<Vec<(usize, String)>> = preferred
        .iter()
        .map(|(id, text)| {
            let index = pack.field_index(id)?;
            crate::workload::parse_value(&pack.fields[index], text).ok()?;
            Some((index, (*text).to_owned()))
        })
        .collect();
    if let Some(taken) = taken.filter(|t| !t.is_empty()) {
        return taken;
    }
    if let Some(example) = pack.examples.first() {
        let answers: Vec<(usize, String)> = example
            .workload
            .values
            .iter()
            .enumerate()
            .filter_map(|(index, value)| {
                value.map(|v| (index, crate::workload::value_arg(&pack.fields[index], v)))
            })
            .take(count)
            .collect();
        if !answers.is_empty() {
            return answers;
        }
    }
    pack.fields
        .iter()
        .enumerate()
        .take(count)
        .map(|(index, field)| {
            let text = match &field.kind {
                FieldKind::Choice(options) => options[0].id.clone(),
                FieldKind::Bool => "yes".into(),
                FieldKind::Number(_) => crate::interview::number_hint(pack, index),
            };
            (index, text)
        })
        .collect()
}

/// Answers as field flags: `--use-case erp --data-shape relational`.
fn flag_words(pack: &Pack, answers: &[(usize, String)]) -> String {
    answers
        .iter()
        .map(|(index, text)| {
            format!(
                "--{} {}",
                pack.fields[*index].flag(),
                crate::interview::shell_quote(text)
            )
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The field flags a usage hint shows: `--use-case erp --data-shape
/// relational` with the built-in pack, the active pack's own otherwise.
pub fn hint_flags(pack: &Pack, count: usize) -> String {
    let preferred = &HINT_ANSWERS[..count.min(HINT_ANSWERS.len())];
    flag_words(pack, &sample_answers(pack, preferred, count))
}

/// The worked example a usage hint names: `erp` when the pack has it, else
/// its first one (none when it has none).
pub fn hint_example(pack: &Pack) -> Option<&str> {
    pack.example(HINT_EXAMPLE)
        .or_else(|| pack.examples.first())
        .map(|e| e.id.as_str())
}

/// The command a usage hint tells people to run: `dbadvisor`, or with
/// another pack `dbadvisor --rules PATH`, so that its flags exist.
pub fn hint_program(rules: Option<&std::path::Path>) -> String {
    match rules {
        Some(path) => format!(
            "dbadvisor --rules {}",
            crate::interview::shell_quote_path(path)
        ),
        None => "dbadvisor".into(),
    }
}

/// Finds `--rules PATH` (or `--rules=PATH`) before clap runs, because the
/// pack decides which flags exist. Given twice (`--rules A recommend --rules
/// B`, which clap would accept as a global option at two levels) it is a
/// usage error, not a silent choice of one of them.
pub fn prescan_rules(args: &[OsString]) -> crate::Result<Option<OsString>> {
    let mut found = None;
    let mut iter = args.iter().skip(1);
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        let path = if arg == "--rules" {
            iter.next().cloned()
        } else if let Some(path) = rules_equals(arg) {
            Some(path)
        } else {
            continue;
        };
        if found.is_some() {
            return Err(crate::Error::usage(
                "the argument '--rules <PATH>' cannot be used multiple times",
                Some("give one decision pack".into()),
            ));
        }
        found = path;
        if found.is_none() {
            // `--rules` at the very end: clap says the value is missing.
            break;
        }
    }
    Ok(found)
}

/// The path in `--rules=PATH`, which may be any OS path (not only UTF-8).
fn rules_equals(arg: &std::ffi::OsStr) -> Option<OsString> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        arg.as_bytes()
            .strip_prefix(b"--rules=")
            .map(|path| std::ffi::OsStr::from_bytes(path).to_owned())
    }
    #[cfg(not(unix))]
    {
        arg.to_str()
            .and_then(|a| a.strip_prefix("--rules="))
            .map(OsString::from)
    }
}

/// A file path flag's parser: any OS path, not only UTF-8 (clap's default
/// refuses a file name it cannot show as text).
fn path_parser() -> clap::builder::ValueParser {
    clap::value_parser!(std::path::PathBuf)
}

/// The whole command, with field flags from `pack`.
pub fn command(pack: &Pack) -> Command {
    command_for(pack, None)
}

/// `help --help` (or `-h`) as `help help`, and `help recommend --help` as
/// `help recommend`: clap's help command takes `--help` for the name of a
/// command ("unrecognized subcommand '--help'"), where `git help --help`
/// and `cargo help --help` describe the help command. The same for the
/// help command of `rules` (`rules help --help`, `rules help check -h`).
pub fn help_flag_after_help(args: Vec<OsString>) -> Vec<OsString> {
    // A command's place: after the global options and their values.
    let after_globals = |mut at: usize| {
        while let Some(arg) = args.get(at) {
            if arg == "--rules" || arg == "--color" {
                at += 2;
            } else if arg
                .to_str()
                .is_some_and(|a| a.starts_with("--rules=") || a.starts_with("--color="))
            {
                at += 1;
            } else {
                break;
            }
        }
        at
    };
    let mut at = after_globals(1);
    if args.get(at).is_some_and(|a| a == "rules") {
        at = after_globals(at + 1);
    }
    if args.get(at).is_none_or(|a| a != "help") {
        return args;
    }
    let is_help_flag = |a: &OsString| a == "--help" || a == "-h";
    if !args[at + 1..].iter().any(is_help_flag) {
        return args;
    }
    let mut out: Vec<OsString> = args[..=at].to_vec();
    out.extend(args[at + 1..].iter().filter(|a| !is_help_flag(a)).cloned());
    if out.len() == at + 1 {
        out.push("help".into());
    }
    out
}

/// `--peak-writes-per-sec -5k` as `--peak-writes-per-sec=-5k`: clap takes
/// a negative number as a number flag's value only when it is all digits
/// (`-5000`), and read `-5k` as the short flags `-5` and `-k` ("unexpected
/// argument '-5'"), where the value's own error ("below the minimum 0") is
/// what helps. Only a value that starts like a number (`-` then a digit or
/// a point) after a flag that takes numbers is joined; anything after `--`
/// is left alone.
pub fn attach_negative_values(command: &Command, args: Vec<OsString>) -> Vec<OsString> {
    fn number_flags(cmd: &Command, into: &mut Vec<String>) {
        for arg in cmd.get_arguments() {
            if arg.is_allow_negative_numbers_set() {
                if let Some(long) = arg.get_long() {
                    into.push(format!("--{long}"));
                }
            }
        }
        for sub in cmd.get_subcommands() {
            number_flags(sub, into);
        }
    }
    let mut flags = Vec::new();
    number_flags(command, &mut flags);
    let mut out: Vec<OsString> = Vec::with_capacity(args.len());
    let mut rest = args.into_iter().peekable();
    while let Some(arg) = rest.next() {
        if arg == "--" {
            out.push(arg);
            out.extend(rest);
            break;
        }
        let takes_number = arg.to_str().is_some_and(|a| flags.iter().any(|f| f == a));
        let negative = rest.peek().and_then(|v| v.to_str()).is_some_and(|v| {
            let mut chars = v.chars();
            chars.next() == Some('-')
                && chars.next().is_some_and(|c| c.is_ascii_digit() || c == '.')
        });
        if takes_number && negative {
            let mut joined = arg;
            joined.push("=");
            joined.push(rest.next().expect("peeked"));
            out.push(joined);
        } else {
            out.push(arg);
        }
    }
    out
}

/// [`command`] for the pack read from `rules` (`--rules PATH`), which the
/// help's examples repeat.
pub fn command_for(pack: &Pack, rules: Option<&Path>) -> Command {
    let version: &'static str = Box::leak(
        format!(
            "{} (pack {} {})",
            env!("CARGO_PKG_VERSION"),
            pack.name,
            pack.version
        )
        .into_boxed_str(),
    );
    // In the active pack's terms: its candidates and axes.
    let names: Vec<&str> = pack.candidates.iter().map(|c| c.name.as_str()).collect();
    let choice = crate::estimate::join_with(&names, "or");
    let axes: Vec<String> = pack.axes.iter().map(|a| a.title.to_lowercase()).collect();
    let command = Command::new("dbadvisor")
        .version(version)
        .about(format!("Recommends {choice} for a workload, and explains why"))
        .long_about(format!(
            "Recommends {choice} for a described workload, shows the score on each axis ({}), \
             the rules that decided it{}.\n\nWith no command on a terminal, dbadvisor \
             interviews you.",
            axes.join(", "),
            // A pack may have no worked examples to compare with.
            if pack.examples.is_empty() {
                " and what would change the answer"
            } else {
                ", what would change the answer and the closest worked example"
            }
        ))
        .after_help(after_help(pack, rules, true))
        .arg(
            Arg::new("rules")
                .long("rules")
                .global(true)
                .value_name("PATH")
                .value_parser(path_parser())
                .help("Use this decision pack (YAML) instead of the built-in one"),
        )
        .arg(
            Arg::new("color")
                .long("color")
                .global(true)
                .value_name("WHEN")
                // In any case, as `--format`, and as the pre-scan that
                // colours errors before clap runs reads it.
                .value_parser(case_blind(&["auto", "always", "never"], &[]))
                .ignore_case(true)
                // The last one wins, as in rg and cargo: an alias's
                // `--color always` gives way to a `--color never` after it.
                .overrides_with("color")
                .default_value("auto")
                .help("Colour output: auto (a terminal, unless NO_COLOR, CLICOLOR=0 or TERM=dumb; or CLICOLOR_FORCE), always or never"),
        )
        .subcommand(with_workload_args(
            with_estimate_args(Command::new("recommend"), pack)
                .about("Recommend a database for a workload given by flags, JSON or an example (never prompts)")
                .after_help(after_help(pack, rules, false))
                .arg(format_arg())
                .arg(explain_arg())
                .arg(
                    Arg::new("batch")
                        .long("batch")
                        .action(ArgAction::SetTrue)
                        .help("Read the input as JSON Lines even when it holds one line, as a *.jsonl or *.ndjson file always is: one result per workload (a compact line with --format json), and an error for a bad line (an error object in JSON)"),
                )
                .arg(
                    // Scripts pass it to every command (interview takes it);
                    // refused, it read as a misspelt --input.
                    Arg::new("no-input")
                        .long("no-input")
                        .action(ArgAction::SetTrue)
                        .help("Never prompt, as recommend never does (accepted so one set of flags serves interview too)"),
                ),
            pack,
        ))
        .subcommand(with_workload_args(
            with_estimate_args(Command::new("interview"), pack)
                .about("Answer questions on a terminal and get a recommendation")
                .after_help(examples_help(
                    rules,
                    "Keys: arrows (or j/k) and Enter pick; in any list, typing an answer, by its \
                     label or the word its flag takes, moves to it (key-value or no, then Enter; \
                     ? for Not sure); Esc (or q) in a list, or < typed \
                     at a number, goes back a question, offering the earlier answer; Ctrl-C \
                     quits (exit 130). With TERM=dumb the prompts are numbered lines, answered \
                     by typing a number or the answer.",
                    &[
                        "{program} interview",
                        "# Save the answers; recommend gives the same result from them:",
                        "{program} interview --save answers.json",
                        "{program} recommend --input answers.json",
                        "# Questions answered in the file are not asked:",
                        "{program} interview --input partial.json",
                    ],
                ))
                .arg(
                    Arg::new("save")
                        .long("save")
                        .value_name("PATH")
                        .value_parser(path_parser())
                        .help("Write the answers as workload JSON that `recommend --input` reproduces"),
                )
                .arg(
                    Arg::new("no-input")
                        .long("no-input")
                        .action(ArgAction::SetTrue)
                        .help("Never prompt: fail with a usage error instead"),
                )
                .arg(format_arg())
                .arg(explain_arg()),
            pack,
        )
        // The questions are asked on the terminal, so the answers given
        // beforehand come from a file, and one workload only.
        .mut_arg("input", |arg| {
            arg.help("Pre-answer questions from a JSON/YAML file holding one workload (not -: stdin is the terminal)")
        }))
        .subcommand(
            with_estimate_args(Command::new("examples"), pack)
                .about("List the worked examples, or show one with its result")
                .arg(
                    Arg::new("id")
                        .value_name("ID")
                        .help("The example to show")
                        .ignore_case(true)
                        .value_parser(example_ids(pack)),
                )
                .arg(format_arg())
                .arg(explain_arg())
                .after_help(match hint_example(pack) {
                    Some(id) => examples_help(
                        rules,
                        "",
                        &[
                            "{program} examples",
                            &format!("{{program}} examples {id}"),
                            &format!("{{program}} examples {id} --format json"),
                        ],
                    ),
                    None => examples_help(rules, "", &["{program} examples"]),
                }),
        )
        .subcommand(
            Command::new("schema")
                .about("Print the JSON Schema of a workload")
                .after_help(examples_help(
                    rules,
                    "",
                    &["{program} schema > workload.schema.json"],
                )),
        )
        .subcommand(
            Command::new("completions")
                .about("Print a shell completion script")
                .after_help(
                    "Examples:\n  mkdir -p ~/.local/share/bash-completion/completions\n  \
                     dbadvisor completions bash > ~/.local/share/bash-completion/completions/dbadvisor\n  \
                     mkdir -p ~/.zfunc   # and in ~/.zshrc, before compinit: fpath=(~/.zfunc $fpath)\n  \
                     dbadvisor completions zsh > ~/.zfunc/_dbadvisor\n  \
                     mkdir -p ~/.config/fish/completions\n  \
                     dbadvisor completions fish > ~/.config/fish/completions/dbadvisor.fish",
                )
                .arg(
                    Arg::new("shell")
                        .value_name("SHELL")
                        .required(true)
                        .value_parser(["bash", "zsh", "fish", "powershell", "elvish"]),
                ),
        )
        .subcommand(
            Command::new("man")
                .about("Print the manual page (roff): dbadvisor(1), or one command's page")
                .arg(
                    Arg::new("command")
                        .value_name("COMMAND")
                        .value_parser(crate::man::PAGES)
                        .help("Print this command's own page, dbadvisor-COMMAND(1), instead"),
                )
                .after_help(
                    "Examples:\n  dbadvisor man | man -l -\n  dbadvisor man recommend | man -l -\n  \
                     dbadvisor man > dbadvisor.1 && man ./dbadvisor.1",
                ),
        )
        .subcommand(
            Command::new("rules")
                .about("Work with decision packs")
                .subcommand_required(true)
                .after_help(examples_help(
                    None,
                    "",
                    &[
                        "# Start a pack of your own from the built-in one, with its schema:",
                        "dbadvisor rules show > my-pack.yaml",
                        "dbadvisor rules schema > pack.schema.json",
                        "dbadvisor rules check my-pack.yaml --min-coverage 90 --deny-warnings",
                        "dbadvisor --rules my-pack.yaml recommend --input workload.json",
                    ],
                ))
                .subcommand(
                    Command::new("schema")
                        .about(
                            "Print the JSON Schema of the pack format itself (for editors: \
                             `# yaml-language-server: $schema=pack.schema.json`)",
                        )
                        .after_help(examples_help(
                            None,
                            "",
                            &["dbadvisor rules schema > pack.schema.json"],
                        )),
                )
                .subcommand(
                    Command::new("show")
                        // After the global options, as on the other commands
                        // (a nested command's own count starts where theirs did).
                        .next_display_order(10)
                        .about("Print the built-in pack (YAML), to start a pack of your own from a copy")
                        .arg(
                            Arg::new("pricing")
                                .long("pricing")
                                .action(ArgAction::SetTrue)
                                .help("Print the built-in price table instead, to start one for --pricing"),
                        )
                        .after_help(
                            "Always the built-in pack: --rules does not change what this prints (the pack --rules names is a file you have already).\n\n\
                             Examples:\n  dbadvisor rules show > my-pack.yaml\n  \
                             dbadvisor rules schema > pack.schema.json\n  \
                             dbadvisor rules show --pricing > my-prices.yaml",
                        ),
                )
                .subcommand(
                    Command::new("check")
                        // After the global options, as on the other commands
                        // (a nested command's own count starts where theirs did).
                        .next_display_order(10)
                        .about("Validate a pack, run its worked examples and test cases, and lint it")
                        .after_help(examples_help(
                            None,
                            "",
                            &[
                                "dbadvisor rules check my-pack.yaml",
                                "# In CI: fail on lint findings or when rules go unexercised:",
                                "dbadvisor rules check my-pack.yaml --min-coverage 90 --deny-warnings",
                                "dbadvisor rules check my-pack.yaml --format json",
                                "# The built-in pack with a price table of your own:",
                                "dbadvisor rules check --pricing my-prices.yaml",
                                "generate-pack | dbadvisor rules check",
                            ],
                        ))
                        .arg(
                            Arg::new("path")
                                .value_name("PATH")
                                .value_parser(path_parser())
                                .help("The pack to check, - for stdin (default: --rules, else a pack piped on stdin, else the built-in pack)"),
                        )
                        .arg(
                            Arg::new("min-coverage")
                                .long("min-coverage")
                                .value_name("PCT")
                                .value_hint(clap::ValueHint::Other)
                                .allow_negative_numbers(true)
                                .value_parser(coverage_percent)
                                .help("Fail unless at least PCT % of rules, vetoes and cautions fire in some example or test case"),
                        )
                        .arg(
                            Arg::new("deny-warnings")
                                .long("deny-warnings")
                                .action(ArgAction::SetTrue)
                                .help("Fail on any lint finding"),
                        )
                        .arg(
                            Arg::new("pricing")
                                .long("pricing")
                                .value_name("PATH")
                                .value_parser(path_parser())
                                .help("Also validate this price table (YAML), as --pricing on recommend reads it"),
                        )
                        .arg(
                            Arg::new("format")
                                .long("format")
                                .short('f')
                                .value_name("FORMAT")
                                .value_parser(case_blind(&["text", "json"], &[("text", "table")]))
                                .ignore_case(true)
                                .overrides_with("format")
                                .default_value("text")
                                .help("Report format"),
                        ),
                ),
        );
    styled_headings(command)
}

/// `command` and its subcommands with the headings of their after-help
/// text (`Examples:`, a line of its own ending in `:`) styled as clap styles
/// `Usage:` and `Options:`, so coloured help is alike throughout; plain help
/// (`StyledStr`'s `Display`) drops the styling.
fn styled_headings(command: Command) -> Command {
    let header = *command.get_styles().get_header();
    let command = match command.get_after_help().map(ToString::to_string) {
        Some(text) => {
            let lines: Vec<String> = text
                .split('\n')
                .map(
                    |line| match line.ends_with(':') && !line.starts_with([' ', '#']) {
                        true => format!("{}{line}{}", header.render(), header.render_reset()),
                        false => line.to_owned(),
                    },
                )
                .collect();
            command.after_help(lines.join("\n"))
        }
        None => command,
    };
    command.mut_subcommands(styled_headings)
}

/// `--min-coverage`: a percentage from 0 to 100 (`90` or `90%`); NaN would
/// let every check pass and 101 none.
fn coverage_percent(text: &str) -> std::result::Result<f64, String> {
    match text.trim().trim_end_matches('%').trim().parse::<f64>() {
        // Coverage is shown to 6 decimals at most: a finer threshold could
        // fail against a figure shown equal to it, or pass below it.
        Ok(pct) if (0.0..=100.0).contains(&pct) && (pct * 1e6).round() / 1e6 != pct => {
            Err("a percentage with at most 6 decimals, as coverage is shown".into())
        }
        Ok(pct) if (0.0..=100.0).contains(&pct) => Ok(pct),
        _ => Err("expected a percentage from 0 to 100".into()),
    }
}

const ESTIMATE_HEADING: &str = "Cost estimate";

/// `--pricing`, `--aurora-acu`, `--average-load`: figures for the capacity
/// and cost estimate, which are not workload answers.
/// Only for a pack with a priced candidate (a price table prices Aurora and
/// DynamoDB), and `--aurora-acu` only when it compares Aurora: a flag that
/// could only be ignored is not offered.
fn with_estimate_args(cmd: Command, pack: &Pack) -> Command {
    let compares = |id: &str| pack.candidate_index(id).is_some();
    if !crate::estimate::PRICED.iter().any(|id| compares(id)) {
        return cmd;
    }
    let cmd = if compares("aurora") {
        cmd.arg(
            Arg::new("aurora-acu")
                .long("aurora-acu")
                .value_name("ACU")
                .value_hint(clap::ValueHint::Other)
                .help_heading(ESTIMATE_HEADING)
                .allow_negative_numbers(true)
                .value_parser(Deferred(Vec::new()))
                .help("Average Aurora Capacity Units over the month, measured (else estimated from the peak rates); 0 to 4,096"),
        )
    } else {
        cmd
    };
    cmd.arg(
        Arg::new("pricing")
            .long("pricing")
            .value_name("PATH")
            .value_parser(path_parser())
            .help_heading(ESTIMATE_HEADING)
            .help("Use this price table (YAML; `dbadvisor rules show --pricing` prints the built-in one to start from) for the cost estimate"),
    )
    .arg(
        Arg::new("average-load")
            .long("average-load")
            .value_name("PCT")
            .help_heading(ESTIMATE_HEADING)
            .value_hint(clap::ValueHint::Other)
            .allow_negative_numbers(true)
            .value_parser(Deferred(Vec::new()))
            .help("Average load over the month in % of the peak rates, 0.01 to 100 (default from the traffic pattern)"),
    )
}

fn explain_arg() -> Arg {
    Arg::new("explain")
        .long("explain")
        .action(ArgAction::SetTrue)
        .help("Add the long form of how solid the answer is: reachable totals, every question that could change it, axis-weight thresholds, near misses")
}

fn format_arg() -> Arg {
    Arg::new("format")
        .long("format")
        .short('f')
        .value_name("FORMAT")
        .value_parser(case_blind(
            &["table", "json", "markdown"],
            &[("table", "text")],
        ))
        .ignore_case(true)
        // The last one wins, as `--color` (an alias's format gives way).
        .overrides_with("format")
        .default_value("table")
        .help("Output format")
}

/// One of `values`, in any case (`--format JSON`), given on as written in
/// `values`, so every reader of the value sees one spelling. `aliases`
/// (value, alias) are hidden other names: `rules check` says `text` where
/// the results say `table`, and a script passing one `--format` to every
/// command should not trip on which.
fn case_blind(
    values: &[&'static str],
    aliases: &'static [(&'static str, &'static str)],
) -> impl clap::builder::TypedValueParser<Value = String> {
    use clap::builder::{PossibleValue, TypedValueParser};
    let possible = values.iter().map(|&value| {
        aliases
            .iter()
            .filter(|(of, _)| *of == value)
            .fold(PossibleValue::new(value), |v, (_, alias)| v.alias(*alias))
    });
    clap::builder::PossibleValuesParser::new(possible).map(move |v| {
        let v = v.to_ascii_lowercase();
        match aliases.iter().find(|(_, alias)| *alias == v) {
            Some((value, _)) => (*value).to_owned(),
            None => v,
        }
    })
}

fn example_ids(pack: &Pack) -> clap::builder::ValueParser {
    use clap::builder::TypedValueParser;
    if pack.examples.is_empty() {
        // clap would say only "invalid value", listing nothing.
        let name = pack.name.clone();
        return clap::builder::ValueParser::new(move |_: &str| -> Result<String, String> {
            Err(format!("the pack `{name}` has no worked examples"))
        });
    }
    // In any case (`--example ERP`, with the arg's `ignore_case`), given on
    // in the pack's spelling, which is what looking the example up needs.
    let ids: Vec<String> = pack.examples.iter().map(|e| e.id.clone()).collect();
    PossibleValuesParser::new(
        pack.examples
            .iter()
            .map(|e| PossibleValue::new(leak(&e.id)).help(leak(&e.title))),
    )
    .map(move |v| {
        ids.iter()
            .find(|id| id.eq_ignore_ascii_case(&v))
            .cloned()
            .unwrap_or(v)
    })
    .into()
}

/// clap wants `'static` strings for generated names; the pack lives for the
/// whole run, so leaking its few dozen strings once is the simple, honest cost.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn with_workload_args(mut cmd: Command, pack: &Pack) -> Command {
    cmd = cmd
        .arg(
            Arg::new("input")
                .long("input")
                .short('i')
                .value_name("PATH")
                .value_parser(path_parser())
                .help("Read the workload from a JSON/YAML file, a JSON Lines file, or - for stdin"),
        )
        .arg(
            Arg::new("example")
                .long("example")
                .short('e')
                .value_name("ID")
                .ignore_case(true)
                .value_parser(example_ids(pack))
                .help("Start from a worked example's answers (input and flags override them)"),
        )
        .arg(
            Arg::new("priority")
                .long("priority")
                .short('p')
                .value_name("AXIS=WEIGHT")
                // Not a path: shells should not offer file names here.
                .value_hint(clap::ValueHint::Other)
                .action(ArgAction::Append)
                .help(leak(&format!(
                    "Weight an axis, 0 to 1,000 ({}; 0 ignores it; repeatable: for one axis, the last weight wins, as later sources win over earlier ones). Axes: {}",
                    default_weights(pack),
                    pack.axes
                        .iter()
                        .map(|a| a.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))),
        );
    for field in &pack.fields {
        // The question, then its help when the pack gives one.
        let described = if field.help.is_empty() {
            field.question.clone()
        } else {
            format!("{} {}", field.question, field.help)
        };
        let mut arg = Arg::new(leak(&field.id))
            .long(leak(&field.flag()))
            .help_heading(FIELD_HEADING)
            .help(leak(&field.question))
            .long_help(leak(&described));
        arg = match &field.kind {
            FieldKind::Choice(options) => arg.value_name("OPTION").value_parser(Deferred(
                options
                    .iter()
                    .map(|o| PossibleValue::new(leak(&o.id)).help(leak(&o.label)))
                    .collect(),
            )),
            FieldKind::Bool => arg
                .value_name("yes|no")
                .long_help(leak(&format!(
                    "{described} Accepts yes or no (also y/n and true/false, in any case)."
                )))
                .value_parser(Deferred(vec![
                    PossibleValue::new("yes").alias("true").alias("y"),
                    PossibleValue::new("no").alias("false").alias("n"),
                ])),
            FieldKind::Number(spec) => {
                let unit = if spec.unit.is_empty() {
                    "N".to_owned()
                } else {
                    spec.unit.to_uppercase()
                };
                // Examples only of values the field accepts (1.5M is above
                // a 600,000 ms maximum).
                let fitting = |examples: &[(String, f64)]| -> String {
                    let shown: Vec<&str> = examples
                        .iter()
                        .filter(|(_, n)| spec.check(*n).is_ok())
                        .map(|(text, _)| text.as_str())
                        .collect();
                    if shown.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", shown.join(", "))
                    }
                };
                let u = &spec.unit;
                // On a size, a suffix alone could be a byte unit (`5M`: MB?).
                let suffixes = if crate::workload::byte_unit_power(u).is_some() {
                    format!(
                        "the unit after the number{}; suffixes k, M, G or B, in either case, only before the unit{}, since alone they could name a byte unit",
                        fitting(&[(format!("500 {u}"), 500.0)]),
                        fitting(&[(format!("1.5k {u} = 1500 {u}"), 1500.0)]),
                    )
                } else if u.eq_ignore_ascii_case("ms") {
                    // A time in ms: M alone is refused, as it reads like
                    // minutes (`0.5M`); before the unit it is million.
                    format!(
                        "suffixes k, M, G or B, in either case{}, M only before the unit{}, since alone it reads like minutes; and the unit after the number",
                        fitting(&[("20k = 20000".to_owned(), 20_000.0)]),
                        fitting(&[(format!("0.5M {u} = 500000 {u}"), 500_000.0)]),
                    )
                } else {
                    let examples = fitting(&[
                        ("20k = 20000".to_owned(), 20_000.0),
                        ("1.5M = 1500000".to_owned(), 1_500_000.0),
                    ]);
                    if u.trim().is_empty() {
                        // A field without a unit takes none after the number.
                        format!("suffixes k, M, G or B, in either case{examples}")
                    } else {
                        format!("suffixes k, M, G or B, in either case{examples}, and the unit after the number")
                    }
                };
                arg.value_name(leak(&unit))
                    // A number, not a path: shells should not offer file names.
                    .value_hint(clap::ValueHint::Other)
                    .allow_negative_numbers(true)
                    .long_help(leak(&format!(
                        "{described} Accepts {}; {suffixes}.",
                        spec.describe_range()
                    )))
                    .value_parser(Deferred(Vec::new()))
            }
        };
        cmd = cmd.arg(arg);
    }
    cmd
}

/// A field flag's value parser: takes any text, so that `flags_workload` can
/// check every flag and list every bad value at once (clap stops at the
/// first), while still giving clap the options for `--help` and completions.
#[derive(Clone)]
struct Deferred(Vec<PossibleValue>);

impl clap::builder::TypedValueParser for Deferred {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &Command,
        arg: Option<&Arg>,
        value: &std::ffi::OsStr,
    ) -> std::result::Result<String, clap::Error> {
        clap::builder::StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        if self.0.is_empty() {
            None
        } else {
            Some(Box::new(self.0.iter().cloned()))
        }
    }
}

/// The answers given as field flags (and `--priority`), as a workload.
/// Every bad value is reported, each under its flag.
pub fn flags_workload(pack: &Pack, matches: &ArgMatches) -> Result<Workload> {
    let (workload, problems) = read_flags(pack, matches);
    if problems.is_empty() {
        Ok(workload)
    } else {
        Err(bad_values(problems))
    }
}

/// Checks every value given on the command line at once (field flags,
/// `--priority`, `--aurora-acu`, `--average-load`) and returns the estimate
/// figures; an error lists every bad value.
pub fn check_values(pack: &Pack, matches: &ArgMatches) -> Result<EstimateOptions> {
    let (_, mut problems) = read_flags(pack, matches);
    let (options, estimate_problems) = read_estimate_options(matches);
    problems.extend(estimate_problems);
    if problems.is_empty() {
        Ok(options)
    } else {
        Err(bad_values(problems))
    }
}

/// The field flags and priorities given, and what is wrong with them.
fn read_flags(pack: &Pack, matches: &ArgMatches) -> (Workload, Vec<Problem>) {
    let mut workload = Workload::empty(pack);
    let mut problems = Vec::new();
    for (index, field) in pack.fields.iter().enumerate() {
        // `try_`: commands without field flags (examples) have none of them.
        let Ok(Some(text)) = matches.try_get_one::<String>(&field.id) else {
            continue;
        };
        match parse_value_with_help(field, text) {
            Ok(value) => workload.values[index] = Some(value),
            Err(problem) => problems.push(problem),
        }
    }
    if let Ok(Some(priorities)) = matches.try_get_many::<String>("priority") {
        for text in priorities {
            match parse_priority(pack, text) {
                Ok((axis, weight)) => workload.priorities[axis] = Some(weight),
                Err(error) => {
                    let mut problem = Problem::new("", error.to_string());
                    if let Error::Usage { help, .. } = error {
                        problem.help = help;
                    }
                    problems.push(problem);
                }
            }
        }
    }
    (workload, problems)
}

/// `--aurora-acu` and `--average-load`, and what is wrong with them.
fn read_estimate_options(matches: &ArgMatches) -> (EstimateOptions, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut read = |id: &str, low: f64, high: f64, what: &str, percent: bool| {
        let Ok(Some(text)) = matches.try_get_one::<String>(id) else {
            return None;
        };
        // A percentage may carry its sign: `--average-load 50%`.
        let number = if percent {
            text.trim().trim_end_matches('%')
        } else {
            text.as_str()
        };
        match number::parse_human(number) {
            Ok(v) if (low..=high).contains(&v) => Some(v),
            Ok(v) => {
                // The number read, and which end it passes, as a field
                // flag's range error says them (`5k` is 5,000).
                let side = if v < low {
                    format!("below the minimum {}", number::format_grouped(low))
                } else {
                    format!("above the maximum {}", number::format_grouped(high))
                };
                let read = if number.trim() == number::format_grouped(v)
                    || number.trim() == number::format(v)
                {
                    String::new()
                } else {
                    format!(" ({})", number::format_grouped(v))
                };
                problems.push(
                    Problem::new(format!("--{id}"), format!("`{text}`{read} is {side}")).with_help(
                        format!(
                            "{what}: from {} to {}",
                            number::format_grouped(low),
                            number::format_grouped(high)
                        ),
                    ),
                );
                None
            }
            Err(message) => {
                problems.push(Problem::new(format!("--{id}"), message));
                None
            }
        }
    };
    let aurora_acu = read("aurora-acu", 0.0, 4096.0, "average ACUs", false);
    let average_load = read(
        "average-load",
        0.01,
        100.0,
        "the average load in percent of the peak",
        true,
    )
    .map(|pct| pct / 100.0);
    (
        EstimateOptions {
            aurora_acu,
            average_load,
        },
        problems,
    )
}

/// The usage error for bad flag values: one is the headline (as clap would
/// print it), several are listed under a count.
fn bad_values(mut problems: Vec<Problem>) -> Error {
    if problems.len() == 1 {
        let problem = problems.remove(0);
        let message = problem.to_string();
        return Error::usage(message, problem.help);
    }
    Error::Usage {
        message: format!("{} flag values are invalid", problems.len()),
        help: None,
        problems,
    }
}

/// Parses `AXIS=WEIGHT`.
pub fn parse_priority(pack: &Pack, text: &str) -> Result<(usize, f64)> {
    let axes = || pack.axes.iter().map(|a| a.id.as_str());
    let Some((axis, weight)) = text.split_once('=') else {
        return Err(Error::usage(
            format!("--priority {text:?}: expected AXIS=WEIGHT"),
            Some(format!(
                "for example --priority scalability=2; axes: {}",
                axes().collect::<Vec<_>>().join(", ")
            )),
        ));
    };
    let axis = axis.trim();
    if axis.is_empty() {
        return Err(Error::usage(
            format!("--priority {text:?}: no axis before `=`"),
            Some(format!(
                "write AXIS=WEIGHT, for example --priority scalability=2; axes: {}",
                axes().collect::<Vec<_>>().join(", ")
            )),
        ));
    }
    // As loose as a choice flag's option (`Scalability`, `use-cases`).
    let index = pack
        .axis_index(axis)
        .or_else(|| crate::workload::loose_option(axes(), axis));
    let Some(index) = index else {
        return Err(Error::usage(
            format!("--priority: unknown axis `{axis}`"),
            Some(suggest::hint(axis, axes())),
        ));
    };
    // `a=2,b=3`: a list, which a decimal comma's message would misread;
    // `a=2=3` or `a==2` names one axis, and its weight is no number.
    let listed = weight
        .split_once([',', ' ', ';'])
        .filter(|(_, rest)| rest.contains('='));
    if let Some((first, rest)) = listed {
        let rest = rest.trim();
        return Err(Error::usage(
            format!("--priority {text:?}: one axis per --priority"),
            Some(format!(
                "give --priority once per axis: --priority {axis}={first} --priority {rest}"
            )),
        ));
    }
    let weight = number::parse_human(weight)
        .and_then(check_weight)
        .map_err(|m| {
            // Like a field flag's error, it says what is accepted.
            Error::usage(
                format!("--priority {axis}: {m}"),
                Some(crate::workload::WEIGHT_RANGE_HELP.to_owned()),
            )
        })?;
    Ok((index, weight))
}

/// The `--format` value.
pub fn format(matches: &ArgMatches) -> Format {
    matches
        .get_one::<String>("format")
        .and_then(|f| Format::parse(f))
        .unwrap_or(Format::Table)
}

/// The pack's default axis weights in words: "default 1", or, when a pack
/// sets others, "default 1; scale 2".
pub fn default_weights(pack: &Pack) -> String {
    let others: Vec<String> = pack
        .axes
        .iter()
        .filter(|a| a.weight != 1.0)
        .map(|a| format!("{} {}", a.id, crate::number::format(a.weight)))
        .collect();
    if others.is_empty() {
        "default 1".to_owned()
    } else if others.len() == pack.axes.len() {
        format!("defaults: {}", others.join(", "))
    } else {
        format!("default 1; {}", others.join(", "))
    }
}

/// `--color` as the arguments give it, before clap reads them (the last
/// one wins, as with clap; a value it would refuse counts as `auto`), for
/// the messages about a command line clap refuses.
pub fn prescan_color(args: &[OsString]) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut iter = args.iter().skip(1).filter_map(|a| a.to_str());
    while let Some(arg) = iter.next() {
        if arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--color") {
            Some("") => iter.next(),
            Some(rest) => rest.strip_prefix('='),
            None => continue,
        };
        choice = color_choice(value.map(str::to_ascii_lowercase).as_deref());
    }
    choice
}

/// The `--color` value.
pub fn color(matches: &ArgMatches) -> ColorChoice {
    color_choice(matches.get_one::<String>("color").map(String::as_str))
}

/// A `--color` value as clap's choice: `auto` for anything else.
fn color_choice(value: Option<&str>) -> ColorChoice {
    match value {
        Some("always") => ColorChoice::Always,
        Some("never") => ColorChoice::Never,
        _ => ColorChoice::Auto,
    }
}
