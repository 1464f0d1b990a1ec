//! Usage errors: clap's error for a command line it could not parse, given
//! the tip that fits what was meant (`--json`, `-example`, a file name where
//! a flag belongs) and dbadvisor's `help:` lines. Kept apart from the
//! commands because it reworks clap's rendered text, which changes with
//! clap, not with what any command does.

use std::ffi::OsString;
use std::path::Path;

use crate::cli;
use crate::commands::eprint_str;
use crate::error::exit;
use crate::output::{write_stdout, Style};
use crate::pack::Pack;

/// Prints a clap error or help/version output and returns its exit status.
/// `command` is the command line that gave it, for its usage lines.
pub(crate) fn clap_error(
    e: clap::Error,
    pack: &Pack,
    command: &clap::Command,
    colour: crate::output::ColorChoice,
    single_dash: Option<String>,
) -> anyhow::Result<u8> {
    use clap::error::ErrorKind;
    // Headings and flags in bold, as clap, cargo and rg show help, when
    // `--color` (or a terminal) says colour.
    let rendered = |coloured: bool| match coloured {
        true => e.render().ansi().to_string(),
        false => e.render().to_string(),
    };
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            write_stdout(&rendered(Style::for_stdout(colour).color))?;
            Ok(exit::OK)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint_str(&rendered(crate::output::stderr_color(colour)));
            Ok(exit::USAGE)
        }
        _ => {
            let mut text = rendered(false);
            if let Some(tip) = single_dash {
                // clap's list of values is for the value it read wrongly
                // (`xample` of `-example`): the tip is the fix.
                let text_without_values: String = text
                    .split_inclusive('\n')
                    .filter(|line| !line.trim_start().starts_with("[possible values:"))
                    .collect();
                text = with_tip(&text_without_values, &tip, command);
            } else if let Some(tip) = unknown_argument_tip(&e, &text, pack) {
                text = with_tip(&text, &tip, command);
            } else if is_invalid_shell(&e) {
                // clap offered `zsh` for `tcsh` and `bash` for `ksh`: another
                // shell, not a spelling of the one meant. The list stays.
                text = without_similar_value(&text);
            }
            let text = text.strip_prefix("error: ").unwrap_or(&text);
            eprint_str(&format!("dbadvisor: error: {}", with_help_lines(text)));
            Ok(exit::USAGE)
        }
    }
}

/// The tip for a long option written with one dash (`-example erp`, which
/// clap reads as `-e xample`): the option with two.
pub(crate) fn single_dash_tip(command: &clap::Command, args: &[OsString]) -> Option<String> {
    fn has_long(command: &clap::Command, name: &str) -> bool {
        command.get_arguments().any(|a| a.get_long() == Some(name))
            || command.get_subcommands().any(|sub| has_long(sub, name))
    }
    args.iter()
        .skip(1)
        .map_while(|a| a.to_str().filter(|a| *a != "--"))
        .find_map(|arg| {
            let name = arg.strip_prefix('-')?;
            let name = name.split_once('=').map_or(name, |(name, _)| name);
            (!name.starts_with('-')
                && name.len() > 1
                && name.starts_with(|c: char| c.is_ascii_alphabetic())
                && has_long(command, name))
            .then(|| {
                format!(
                    "a long option takes two dashes: `--{name}` (with one, `-{}` is read with \
                     `{}` as its value)",
                    &name[..1],
                    &name[1..]
                )
            })
        })
}

/// Whether `e` is an unknown shell given to `completions`.
fn is_invalid_shell(e: &clap::Error) -> bool {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    e.kind() == ErrorKind::InvalidValue
        && matches!(e.get(ContextKind::InvalidArg), Some(ContextValue::String(arg)) if arg == "<SHELL>")
}

/// A rendered clap error without its "a similar value exists" tip, and
/// without the blank line that set it apart.
fn without_similar_value(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    for line in rendered.split_inclusive('\n') {
        if line.trim_start().starts_with("tip: a similar value exists") {
            continue;
        }
        if line.trim().is_empty() && out.ends_with("\n\n") {
            continue;
        }
        out.push_str(line);
    }
    out
}

/// A better fix than clap's closest spelling for an unknown argument that
/// says what another tool's flag would (`--json`, `-o`, `--no-color`), or a
/// word given where a flag belongs (`recommend w.json`, `recommend erp`):
/// clap offered `--example` for `--yaml` and nothing for those.
fn unknown_argument_tip(e: &clap::Error, rendered: &str, pack: &Pack) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let top_level = rendered.contains("Usage: dbadvisor [OPTIONS] [COMMAND]");
    if e.kind() == ErrorKind::InvalidSubcommand && top_level {
        // `dbadvisor erp`: clap offered `help` as the nearest command.
        let Some(ContextValue::String(word)) = e.get(ContextKind::InvalidSubcommand) else {
            return None;
        };
        if word == "version" {
            return Some("the version is `dbadvisor --version`".to_owned());
        }
        return word_tip(word, pack, "dbadvisor recommend ");
    }
    if e.kind() != ErrorKind::UnknownArgument {
        return None;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return None;
    };
    let flag = arg.split_once('=').map_or(arg.as_str(), |(flag, _)| flag);
    if matches!(
        flag,
        "--pack" | "--rules-file" | "--decision-pack" | "--rule"
    ) {
        // Anywhere: `--rules` is global. clap offered nothing, or (for
        // `rules check`, which takes a path) `-- --pack`.
        return Some(
            "a decision pack is given with `--rules PATH` (on any command), \
             and `dbadvisor rules check PATH` checks one"
                .to_owned(),
        );
    }
    if top_level && matches!(flag, "-v" | "--verbose") {
        return Some("the version is `dbadvisor --version` (or `-V`)".to_owned());
    }
    if top_level {
        // `dbadvisor --example erp`: a command's flag before any command.
        let command = cli::command(pack);
        let has = |sub: &clap::Command| {
            sub.get_arguments().any(|a| {
                a.get_long()
                    .is_some_and(|long| flag.strip_prefix("--") == Some(long))
                    || a.get_short()
                        .is_some_and(|short| flag == format!("-{short}"))
            })
        };
        let takes = |name: &str| command.find_subcommand(name).is_some_and(has);
        // `--no-input` is taken by the interview only to refuse itself
        // (one set of flags serves both), so only `recommend` is named.
        if takes("recommend") && takes("interview") && flag != "--no-input" {
            return Some(format!(
                "`{flag}` goes after a command: `dbadvisor recommend {flag} …` answers at once, \
                 `dbadvisor interview {flag} …` asks the rest"
            ));
        }
        // Else the first command (or `rules` command) that takes it.
        let subs = command.get_subcommands().flat_map(|sub| {
            std::iter::once((None, sub)).chain(sub.get_subcommands().map(move |s| (Some(sub), s)))
        });
        for (parent, sub) in subs {
            if has(sub) {
                let path = match parent {
                    Some(parent) => format!("{} {}", parent.get_name(), sub.get_name()),
                    None => sub.get_name().to_owned(),
                };
                return Some(format!(
                    "`{flag}` goes after its command: `dbadvisor {path} {flag} …`"
                ));
            }
        }
        return None;
    }
    // Flags of `recommend` given to the commands that have none like them
    // (clap's guesses were `--explain` and `-- --format`).
    let usage_of = |name: &str| rendered.contains(&format!("Usage: dbadvisor {name} "));
    if usage_of("examples") && matches!(flag, "--example" | "-e" | "--id") {
        return Some(
            "give the example's id alone: `dbadvisor examples erp` (`dbadvisor examples` lists them)"
                .to_owned(),
        );
    }
    if usage_of("man") && matches!(flag, "--format" | "-f") {
        return Some(
            "`man` writes a roff page only; to read it: `dbadvisor man | man -l -`".to_owned(),
        );
    }
    let workload_command = ["Usage: dbadvisor recommend", "Usage: dbadvisor interview"]
        .iter()
        .any(|usage| rendered.contains(usage));
    let tip = match flag {
        "--json" | "-j" => "for JSON output, use `--format json`",
        "--markdown" | "--md" => "for Markdown output, use `--format markdown`",
        "--table" => "for a table, use `--format table` (the default)",
        "--yaml" | "--yml" => {
            "YAML and JSON workloads are read the same way, from `--input FILE` or stdin; \
             the result comes as `--format table`, `json` or `markdown`"
        }
        // Not `-f` or `-i`: they are `--format` and `--input` where a
        // workload is read.
        "--file" | "--workload" => "to read a workload from a file, use `--input FILE`",
        "--output" | "--out" | "-o" => {
            "the result goes to stdout: pick its format with `--format` and redirect it \
             (`--format json > result.json`)"
        }
        "--verbose" | "-v" => "for the long form of the analysis, use `--explain`",
        "--save" => {
            "`--save FILE` belongs to `dbadvisor interview`; here the answers are in the \
             result's `workload` (`--format json | jq .workload > answers.json`)"
        }
        "--weight" | "--weights" | "--priorities" | "-w" => {
            "to weigh an axis, use `--priority AXIS=WEIGHT` (e.g. `--priority scalability=2`)"
        }
        "--no-color" | "--no-colour" | "--nocolor" => "use `--color never` (or set NO_COLOR=1)",
        // Only the program has a version (with its pack's).
        "--version" | "-V" => "the version is `dbadvisor --version`, before any command",
        _ if !arg.starts_with('-') && workload_command => return word_tip(arg, pack, ""),
        _ => return None,
    };
    Some(tip.to_owned())
}

/// The tip for a word given where a flag belongs: a worked example's id or
/// a workload file, the flag to use after `command` (the command to run, or
/// nothing when the word was given to it).
fn word_tip(word: &str, pack: &Pack, command: &str) -> Option<String> {
    if pack.example(word).is_some() {
        Some(format!(
            "to answer as a worked example, use `{command}--example {word}`"
        ))
    } else if Path::new(word).is_file()
        || [".json", ".jsonl", ".yaml", ".yml"]
            .iter()
            .any(|ext| word.to_ascii_lowercase().ends_with(ext))
    {
        Some(format!(
            "to read a workload from a file, use `{command}--input {}`",
            crate::interview::shell_quote(word)
        ))
    } else {
        None
    }
}

/// clap's rendered error with its own tips replaced by `tip`, and a usage
/// line that followed clap's guess (`Usage: dbadvisor recommend --example
/// <ID>` for `--yaml`) put back to the command's, as `command` renders it
/// (`dbadvisor examples [OPTIONS] [ID]`).
fn with_tip(rendered: &str, tip: &str, command: &clap::Command) -> String {
    // `words`: `dbadvisor` and the command's names (`rules check`).
    let command_usage = |words: &[&str]| {
        let mut at = command;
        for word in words.iter().skip(1) {
            at = at.find_subcommand(word)?;
        }
        let usage = at.clone().render_usage().to_string();
        Some(usage.trim_end().to_owned())
    };
    let mut out = String::with_capacity(rendered.len() + tip.len());
    let mut lines = rendered.lines();
    if let Some(first) = lines.next() {
        out.push_str(first);
        out.push_str(&format!("\n\n  tip: {tip}\n"));
    }
    let mut blank = false;
    for line in lines {
        if line.trim_start().starts_with("tip: ") {
            continue;
        }
        let line = match line.strip_prefix("Usage: ").filter(|u| u.contains(" -")) {
            Some(usage) => {
                let words: Vec<&str> = usage
                    .split(' ')
                    .take_while(|w| !w.starts_with(['-', '[', '<']))
                    .collect();
                command_usage(&words)
                    .unwrap_or_else(|| format!("Usage: {} [OPTIONS]", words.join(" ")))
            }
            None => line.to_owned(),
        };
        // No two blank lines where a tip was taken out.
        if line.is_empty() && (blank || out.ends_with("\n\n")) {
            continue;
        }
        blank = line.is_empty();
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// clap's fix hints in the `help:` form of every other error (SPEC §5):
/// its `tip: a similar argument exists` and `[possible values: …]`, at the
/// start of the line as under every other one-problem error (clap indents
/// them two columns).
fn with_help_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let (body, end) = line
            .strip_suffix('\n')
            .map_or((line, ""), |body| (body, "\n"));
        let content = body.trim_start();
        if let Some(tip) = content.strip_prefix("tip: ") {
            out.push_str(&format!("help: {tip}{end}"));
        } else if let Some(values) = content
            .strip_prefix("[possible values: ")
            .and_then(|v| v.strip_suffix(']'))
        {
            out.push_str(&format!("help: possible values: {values}{end}"));
        } else {
            out.push_str(line);
        }
    }
    out
}
