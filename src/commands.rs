//! The commands: what each subcommand does with its arguments. Parsing is in
//! `cli`, the engine in `engine`, output text in `render`, completion scripts
//! in `completions`, and errors for a command line clap refused in
//! `usage_errors`.

use std::ffi::OsString;
use std::io::{BufReader, IsTerminal};
use std::path::{Path, PathBuf};

use clap::ArgMatches;

use crate::advisor::Advisor;
use crate::cli;
use crate::completions::completions;
use crate::error::{exit, Error, Problem};
use crate::input::{self, Parsed};
use crate::output::{write_stdout, Style};
use crate::pack::{Pack, EMBEDDED_NAME, MAX_PACK_BYTES};
use crate::render::{self, Format};
use crate::usage_errors::{clap_error, single_dash_tip};
use crate::workload::Workload;

/// Runs dbadvisor with these arguments (the first is the program name) and
/// returns the exit status. Errors carry [`Error`] for the exit code.
pub fn run(args: Vec<OsString>) -> anyhow::Result<u8> {
    // Ctrl-C and SIGTERM exit 130 from every command, also one waiting for
    // its standard input, and never in the middle of a result.
    crate::output::install_interrupt_handler();
    // Before anything can fail: errors about the command line itself are
    // coloured as `--color` says, on a terminal.
    let colour = cli::prescan_color(&args);
    crate::output::set_message_colour(colour);
    let rules_path = cli::prescan_rules(&args)?;
    let rules = rules_path.as_deref().map(Path::new);
    // A `--rules` pack that does not load stops every command that uses it,
    // but not `rules schema` (which reads no pack) or `rules check` (which
    // checks its PATH, or reports on that pack itself): their flags are the
    // same whatever the pack, so the embedded pack parses the command line.
    let (pack, rules_error) = match rules {
        Some(path) => match load_pack(path, "--rules") {
            Ok(pack) => (pack, None),
            Err(error) => (Pack::embedded()?, Some(error)),
        },
        None => (Pack::embedded()?, None),
    };
    let pack_name = rules.map_or(EMBEDDED_NAME.to_owned(), crate::output::shown_path);
    let mut command = cli::command_for(&pack, rules);
    let args = cli::attach_negative_values(&command, cli::help_flag_after_help(args));
    let matches = match command.try_get_matches_from_mut(&args) {
        Ok(m) => m,
        Err(e) => {
            use clap::error::ErrorKind;
            return match rules_error {
                // Help and the version are there also while the pack is
                // being mended (cargo and rg never fail `--version`): the
                // built-in pack's, said to be.
                Some(_)
                    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) =>
                {
                    eprint_str(&format!(
                        "dbadvisor: warning: the --rules pack {} does not load (`dbadvisor rules \
                         check {}` says why); this is for the built-in pack\n",
                        crate::output::escape_controls(&pack_name, &[]),
                        crate::interview::shell_quote_path(rules.expect("a --rules path")),
                    ));
                    clap_error(e, &pack, &command, colour, None)
                }
                Some(error) => Err(error),
                None => {
                    let tip = single_dash_tip(&command, &args);
                    clap_error(e, &pack, &command, colour, tip)
                }
            };
        }
    };
    let rules_sub = match matches.subcommand() {
        Some(("rules", m)) => m.subcommand_name(),
        _ => None,
    };
    // The `--rules` pack `rules check` loads again itself, for its report.
    let failed_rules = rules.filter(|_| rules_error.is_some());
    if let (Some(error), false) = (
        rules_error,
        matches!(rules_sub, Some("schema" | "check" | "show")),
    ) {
        return Err(error);
    }
    let mut style = Style::for_stdout(cli::color(&matches));
    if let Some((_, m)) = matches.subcommand() {
        style.explain = m
            .try_get_one::<bool>("explain")
            .ok()
            .flatten()
            .copied()
            .unwrap_or(false);
    }
    match matches.subcommand() {
        Some(("recommend", m)) => recommend(&Advisor::from_matches(&pack, m)?, m, style),
        Some(("interview", m)) => {
            crate::interview::run(&Advisor::from_matches(&pack, m)?, m, style)
        }
        Some(("examples", m)) => examples(&Advisor::from_matches(&pack, m)?, m, style),
        Some(("schema", _)) => {
            let mut text = serde_json::to_string_pretty(&pack.workload_schema())?;
            text.push('\n');
            write_stdout(&text)?;
            Ok(exit::OK)
        }
        Some(("completions", m)) => {
            let shell = m.get_one::<String>("shell").expect("clap requires a shell");
            write_stdout(&completions(&pack, shell))?;
            Ok(exit::OK)
        }
        Some(("man", m)) => {
            let command = m.get_one::<String>("command").map(String::as_str);
            write_stdout(&crate::man::page(&pack, rules, command)?)?;
            Ok(exit::OK)
        }
        Some(("rules", m)) => match m.subcommand() {
            Some(("check", c)) => rules_check(&pack, &pack_name, failed_rules, c, style.color),
            Some(("schema", _)) => {
                write_stdout(crate::pack::PACK_SCHEMA)?;
                Ok(exit::OK)
            }
            Some(("show", s)) => {
                write_stdout(if s.get_flag("pricing") {
                    crate::pricing::EMBEDDED
                } else {
                    crate::pack::EMBEDDED
                })?;
                Ok(exit::OK)
            }
            _ => unreachable!("clap requires a rules subcommand"),
        },
        _ => {
            if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
                crate::interview::run(&Advisor::from_matches(&pack, &matches)?, &matches, style)
            } else {
                let program = cli::hint_program(rules_path.as_deref().map(Path::new));
                let flags = cli::hint_flags(&pack, 2);
                let by_flags = if flags.is_empty() {
                    String::new()
                } else {
                    format!("`{program} recommend {flags}`, ")
                };
                // Which end is not a terminal, as `interview` says it.
                let missing = if std::io::stdin().is_terminal() {
                    "stderr is not a terminal to ask questions on"
                } else {
                    "stdin is not a terminal to answer questions on"
                };
                Err(Error::usage(
                    format!("no command given, and {missing}"),
                    Some(format!(
                        "describe the workload with `{program} recommend`, e.g. {by_flags}\
                         `{program} recommend --input workload.json` or `... | {program} recommend`; \
                         see `{program} recommend --help`"
                    )),
                )
                .into())
            }
        }
    }
}

/// Writes to stderr, ignoring failure: there is nowhere left to report it.
pub fn eprint_str(text: &str) {
    use std::io::Write;
    crate::output::exit_if_interrupted();
    let text = without_control_characters(text);
    let _ = std::io::stderr()
        .lock()
        .write_all(crate::output::paint_messages(&text).as_bytes());
}

/// Error text echoes what it was given (a key, a flag value, a path), so a
/// control character in it (an escape sequence that clears the screen or
/// recolours it) is shown as `\u{1b}`, not sent to the terminal. Line
/// breaks and tabs stay; the only styling is dbadvisor's own, added after
/// ([`crate::output::paint_messages`]).
fn without_control_characters(text: &str) -> std::borrow::Cow<'_, str> {
    crate::output::escape_controls(text, &['\n', '\t'])
}

/// Loads and validates a pack from a file; `given_as` says how the path was
/// given (`--rules`, `rules check`) for the error when it does not exist.
///
/// `rules check -` reads the pack from stdin (a generated pack need not be
/// written to a file first); `--rules -` is refused, as stdin there is the
/// workload's or the interview's.
pub fn load_pack(path: &std::path::Path, given_as: &str) -> anyhow::Result<Pack> {
    let loaded = load_pack_checking(path, given_as)?;
    Ok(Pack::outcomes_held(loaded, &pack_source_name(path))?)
}

/// How a pack read from `path` is named in messages.
fn pack_source_name(path: &std::path::Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_owned()
    } else {
        crate::output::shown_path(path)
    }
}

/// [`load_pack`], with the worked examples and test cases that fail apart
/// (see [`Pack::load_checking`]).
fn load_pack_checking(
    path: &std::path::Path,
    given_as: &str,
) -> anyhow::Result<(Pack, Vec<Problem>)> {
    let invalid = |source_name, problems| Error::Pack {
        source_name,
        problems,
    };
    if path.as_os_str() == "-" {
        if given_as != "rules check" {
            return Err(Error::usage(
                format!("{given_as} -: a decision pack is read from a file, not from stdin"),
                Some(
                    "stdin is the workload's (or the interview's); give the pack's path, \
                     or check a piped pack with `dbadvisor rules check -`"
                        .to_owned(),
                ),
            )
            .into());
        }
        let name = pack_source_name(path);
        let text = read_limited(
            std::io::stdin().lock(),
            &name,
            MAX_PACK_BYTES as u64,
            invalid,
        )?;
        return Ok(Pack::load_checking(&text, &name)?);
    }
    let name = pack_source_name(path);
    let text = read_text_file(path, MAX_PACK_BYTES as u64, given_as, invalid)?;
    Ok(Pack::load_checking(&text, &name)?)
}

/// Loads and validates a price table from a file (`--pricing`).
pub fn load_pricing(path: &std::path::Path) -> anyhow::Result<crate::pricing::Pricing> {
    let name = crate::output::shown_path(path);
    let text = read_text_file(
        path,
        MAX_PACK_BYTES as u64,
        "--pricing",
        |source_name, problems| Error::Pricing {
            source_name,
            problems,
        },
    )?;
    Ok(crate::pricing::Pricing::load(&text, &name)?)
}

/// Reads a whole text file of at most `limit` bytes; `invalid` builds the
/// error for a file that is too large or not UTF-8.
fn read_text_file(
    path: &std::path::Path,
    limit: u64,
    flag: &str,
    invalid: fn(String, Vec<Problem>) -> Error,
) -> anyhow::Result<String> {
    let file = open_file(path, flag, &format!("check the path given to {flag}"))?;
    read_limited(file, &crate::output::shown_path(path), limit, invalid)
}

/// Reads all of `reader` as text of at most `limit` bytes, `name` naming it
/// in errors; a larger input is refused after `limit + 1` bytes, not read
/// whole.
fn read_limited(
    reader: impl std::io::Read,
    name: &str,
    limit: u64,
    invalid: fn(String, Vec<Problem>) -> Error,
) -> anyhow::Result<String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    reader
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(format!("cannot read {name}"), e))?;
    let what = if name == "<stdin>" { "input" } else { "file" };
    if bytes.len() as u64 > limit {
        return Err(invalid(
            name.to_owned(),
            vec![Problem::new(
                "",
                format!("{what} is larger than {} MiB", limit / 1024 / 1024),
            )],
        )
        .into());
    }
    if let Some(problem) = input::utf16_without_mark(&bytes) {
        return Err(invalid(name.to_owned(), vec![problem]).into());
    }
    String::from_utf8(bytes).map_err(|e| {
        invalid(
            name.to_owned(),
            vec![input::utf8_problem(e.as_bytes(), e.utf8_error())],
        )
        .into()
    })
}

/// The answers from `--example`, then the input document, then flags.
struct Sources {
    base: Workload,
    flags: Workload,
    /// Whether any source gave anything at all.
    given: bool,
}

fn sources(pack: &Pack, m: &ArgMatches) -> anyhow::Result<Sources> {
    let mut base = Workload::empty(pack);
    let mut given = false;
    if let Some(id) = m.get_one::<String>("example") {
        let example = pack.example(id).expect("clap checked the example id");
        base.merge(&example.workload);
        given = true;
    }
    let flags = cli::flags_workload(pack, m)?;
    given |= !flags.is_empty();
    Ok(Sources { base, flags, given })
}

/// The interview's pre-answers: `--example`, then `--input FILE` (one
/// workload), then flags. Stdin belongs to the prompts, so it is not read.
pub fn pre_answers(pack: &Pack, m: &ArgMatches) -> anyhow::Result<Workload> {
    let Sources {
        mut base, flags, ..
    } = sources(pack, m)?;
    if let Some(path) = m.get_one::<PathBuf>("input") {
        if path.as_os_str() == "-" {
            return Err(Error::usage(
                "the interview reads its answers from the terminal, not from --input -",
                Some("give a file (--input workload.json), or use `dbadvisor recommend` for piped input".into()),
            )
            .into());
        }
        let (reader, name) = open_input(path, "give the path of a workload JSON/YAML file")?;
        match input::parse(reader, &name)? {
            Parsed::Single(document) => base.merge(&input::workload(pack, &document, &name)?),
            Parsed::Empty => {}
            Parsed::Lines(_) => {
                return Err(Error::usage(
                    format!(
                        "--input {} holds several workloads (JSON Lines); the interview takes one",
                        crate::output::shown_path(path)
                    ),
                    Some("use `dbadvisor recommend --input` for a batch".into()),
                )
                .into())
            }
        }
    }
    base.merge(&flags);
    Ok(base)
}

/// Opens `--input PATH`; the name returned (for messages) shows a path
/// that is not UTF-8 lossily. `help` is said when it is missing: the
/// interview cannot offer `-` (stdin), which `recommend` can.
fn open_input(path: &Path, help: &str) -> anyhow::Result<(input::Reader, String)> {
    let file = open_file(path, "--input", help)?;
    Ok((
        Box::new(BufReader::new(file)),
        crate::output::shown_path(path),
    ))
}

/// Opens a file named on the command line. A path that does not exist
/// (also one through a file, or too long) or is a directory is a usage
/// error (exit 2) naming `flag`, with `help`;
/// other failures (permissions, I/O) are I/O errors (exit 1).
fn open_file(path: &std::path::Path, flag: &str, help: &str) -> Result<std::fs::File, Error> {
    let usage = |what: &str| {
        Error::usage(
            format!("{flag} {}: {what}", crate::output::shown_path(path)),
            Some(help.to_owned()),
        )
    };
    let file = std::fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => usage("no such file"),
        std::io::ErrorKind::IsADirectory => usage("is a directory, not a file"),
        // `notes.json/x`: not found, since a part of the path is a file.
        std::io::ErrorKind::NotADirectory => match path.ancestors().skip(1).find(|p| p.is_file()) {
            Some(file) => usage(&format!(
                "no such file: {} is a file, not a directory",
                crate::output::shown_path(file)
            )),
            None => usage("no such file: a part of the path is not a directory"),
        },
        std::io::ErrorKind::InvalidFilename => {
            usage("no such file: the path is too long, or a name in it is")
        }
        _ => Error::io(
            format!("cannot open {flag} {}", crate::output::shown_path(path)),
            e,
        ),
    })?;
    // Opening a directory succeeds on Unix; reading it is what fails.
    match file.metadata() {
        Ok(meta) if meta.is_dir() => Err(usage("is a directory, not a file")),
        _ => Ok(file),
    }
}

/// Where the input document comes from: `--input PATH`, `--input -`, or a
/// piped stdin; `None` when stdin is a terminal and no `--input` was given.
fn input_source(m: &ArgMatches) -> anyhow::Result<Option<(input::Reader, String)>> {
    match m.get_one::<PathBuf>("input") {
        Some(path) if path.as_os_str() == "-" => {
            if std::io::stdin().is_terminal() && std::io::stderr().is_terminal() {
                // Otherwise it waits in silence, as if hung.
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "dbadvisor: reading a workload from the terminal; end it with Ctrl-D"
                );
            }
            Ok(Some(stdin_source()?))
        }
        Some(path) => Ok(Some(open_input(
            path,
            "give the path of a workload JSON/YAML file, or - to read stdin",
        )?)),
        None if !std::io::stdin().is_terminal() => Ok(Some(stdin_source()?)),
        None => Ok(None),
    }
}

/// Standard input as the input document. A directory there (`< dir`) is a
/// usage error, as `--input DIR` is, not an I/O error at the first read.
fn stdin_source() -> Result<(input::Reader, String), Error> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        let is_dir = std::io::stdin()
            .as_fd()
            .try_clone_to_owned()
            .ok()
            .map(std::fs::File::from)
            .and_then(|f| f.metadata().ok())
            .is_some_and(|meta| meta.is_dir());
        if is_dir {
            return Err(Error::usage(
                "standard input is a directory, not a file",
                Some("redirect a file (`< workload.json`) or pass --input FILE".to_owned()),
            ));
        }
    }
    Ok((input::stdin(), "<stdin>".into()))
}

fn recommend(advisor: &Advisor, m: &ArgMatches, style: Style) -> anyhow::Result<u8> {
    let pack = advisor.pack;
    let format = cli::format(m);
    let Sources {
        base,
        flags,
        mut given,
    } = sources(pack, m)?;
    let parsed = match input_source(m)? {
        // A stream that happens to hold one line (a generator's) must not
        // switch to a pretty single result: `--batch` says it is a stream.
        Some((reader, name)) if m.get_flag("batch") || input::is_json_lines_name(&name) => {
            Some((input::parse_lines(reader, &name)?, name))
        }
        Some((reader, name)) => Some((input::parse(reader, &name)?, name)),
        None => None,
    };
    // An empty input means no JSON (SPEC); when nothing else answers, the
    // error says the input was empty rather than that none was given.
    let mut empty_input = None;
    let document = match parsed {
        Some((Parsed::Lines(lines), name)) => {
            return crate::batch::run(advisor, lines, &name, &base, &flags, format, style)
        }
        Some((Parsed::Single(document), name)) => {
            given = true;
            Some(input::workload(pack, &document, &name)?)
        }
        Some((Parsed::Empty, name)) => {
            empty_input = Some(name);
            None
        }
        None => None,
    };
    if !given {
        let program = cli::hint_program(m.get_one::<PathBuf>("rules").map(PathBuf::as_path));
        let example = if pack.examples.is_empty() {
            ""
        } else {
            "--example ID, "
        };
        let flags = match cli::hint_flags(pack, 1) {
            flags if flags.is_empty() => "field flags".to_owned(),
            flags => format!("field flags such as {flags}"),
        };
        let what = match empty_input {
            Some(name) if name == "<stdin>" => {
                "no answers given: standard input holds no workload (it is empty, or only comments)"
                    .to_owned()
            }
            Some(name) => {
                format!("no answers given: --input {name} holds no workload (it is empty, or only comments)")
            }
            None => "no answers given".to_owned(),
        };
        return Err(Error::usage(
            what,
            Some(format!(
                "pass {example}--input FILE, {flags}, or pipe JSON on stdin; \
                 `{program} recommend --help` lists them (or run `{program} interview` on a terminal)"
            )),
        )
        .into());
    }
    let mut workload = base;
    if let Some(doc) = &document {
        workload.merge(doc);
    }
    workload.merge(&flags);
    let decision = advisor.decide(&workload);
    write_stdout(&render::render(pack, &decision, format, &style))?;
    Ok(exit::OK)
}

fn examples(advisor: &Advisor, m: &ArgMatches, mut style: Style) -> anyhow::Result<u8> {
    let pack = advisor.pack;
    let format = cli::format(m);
    match m.get_one::<String>("id") {
        Some(id) => {
            // `examples` takes no answers: more go to `recommend --example`.
            let program = cli::hint_program(m.get_one::<PathBuf>("rules").map(PathBuf::as_path));
            style.answers_to = Some(format!(
                "{program} recommend --example {}",
                crate::interview::shell_quote(id)
            ));
            let example = pack.example(id).expect("clap checked the example id");
            style.quoted_example = Some(example.id.clone());
            let decision = advisor.decide(&example.workload);
            let text = match format {
                Format::Json => render::json(&decision),
                _ => {
                    // A pack that names no source document has examples
                    // of its own: their answer is what the example expects.
                    let gives = if pack.source.is_empty() {
                        "The example expects"
                    } else {
                        "The source document gives"
                    };
                    let section = if example.section.is_empty() {
                        String::new()
                    } else {
                        format!(" — {}", example.section)
                    };
                    let header = format!(
                        "{} [{}]{section}\n“{}”\n{gives}: {}\n\n",
                        example.title,
                        example.id,
                        example.text,
                        pack.candidates[example.expect].name
                    );
                    let header = if format == Format::Markdown {
                        // A blank quote line between lines keeps them apart.
                        // Escaped as the result below it is (a `<` in a
                        // title could hide the rest).
                        let quoted =
                            format!("> {}\n\n", header.trim_end().replace('\n', "\n>\n> "));
                        render::escape_html(&quoted).into_owned()
                    } else {
                        render::fit_terminal(header, style.wrap)
                    };
                    format!(
                        "{header}{}",
                        render::render(pack, &decision, format, &style)
                    )
                }
            };
            write_stdout(&text)?;
        }
        None => {
            // The list gives each example's expected answer, not a result:
            // an option about a result could only be ignored, so it is
            // refused, as clap refuses an option it does not know.
            let result_only = [
                ("explain", "--explain", "no results to explain"),
                ("aurora-acu", "--aurora-acu", "no cost estimate"),
                ("average-load", "--average-load", "no cost estimate"),
                ("pricing", "--pricing", "no cost estimate"),
            ];
            let given = result_only.into_iter().find(|(id, ..)| {
                m.try_contains_id(id).unwrap_or(false)
                    && m.value_source(id) == Some(clap::parser::ValueSource::CommandLine)
            });
            if let Some((id, flag, what)) = given {
                let program =
                    cli::hint_program(m.get_one::<PathBuf>("rules").map(PathBuf::as_path));
                let example = cli::hint_example(pack).unwrap_or("ID");
                let shown = match (flag, m.get_raw(id).and_then(|mut v| v.next())) {
                    ("--explain", _) | (_, None) => flag.to_owned(),
                    (_, Some(value)) => format!(
                        "{flag} {}",
                        crate::interview::shell_quote(&value.to_string_lossy())
                    ),
                };
                return Err(Error::usage(
                    format!("{flag} needs an example: the list shows {what}"),
                    Some(format!(
                        "give its id, e.g. {program} examples {} {shown}",
                        crate::interview::shell_quote(example)
                    )),
                )
                .into());
            }
            let text = match format {
                Format::Json => {
                    let list: Vec<serde_json::Value> = pack
                        .examples
                        .iter()
                        .map(|e| {
                            serde_json::json!({
                                "id": e.id,
                                "title": e.title,
                                "section": e.section,
                                "text": e.text,
                                "expect": pack.candidates[e.expect].id,
                                "workload": e.workload.to_json(pack),
                            })
                        })
                        .collect();
                    let mut t = serde_json::to_string_pretty(&list)?;
                    t.push('\n');
                    t
                }
                Format::Markdown => {
                    let mut t = String::from(
                        "| Id | Worked example | The document gives | Section |\n|---|---|---|---|\n",
                    );
                    for e in &pack.examples {
                        t.push_str(&format!(
                            "| `{}` | {} | {} | {} |\n",
                            e.id,
                            e.title.replace('|', "\\|"),
                            pack.candidates[e.expect].name.replace('|', "\\|"),
                            e.section.replace('|', "\\|")
                        ));
                    }
                    render::escape_html(&t).into_owned()
                }
                Format::Table if pack.examples.is_empty() => {
                    format!("The pack `{}` has no worked examples.\n", pack.name)
                }
                Format::Table => {
                    // Columns padded in terminal columns, to the widest entry.
                    let rows: Vec<(&str, &str, &str)> = pack
                        .examples
                        .iter()
                        .map(|e| {
                            (
                                e.id.as_str(),
                                pack.candidates[e.expect].name.as_str(),
                                e.title.as_str(),
                            )
                        })
                        .collect();
                    let id_width = rows.iter().map(|r| render::columns(r.0)).max().unwrap_or(0);
                    let name_width = rows.iter().map(|r| render::columns(r.1)).max().unwrap_or(0);
                    let mut t = String::new();
                    for (id, name, title) in rows {
                        t.push_str(&format!(
                            "{}  {}  {title}\n",
                            render::pad(id, id_width),
                            render::pad(name, name_width),
                        ));
                    }
                    // The hint is for a person: piped (`| cut -d' ' -f1`),
                    // the list is its rows alone.
                    if std::io::stdout().is_terminal() {
                        let rules = m.try_get_one::<PathBuf>("rules").ok().flatten();
                        t.push_str(&format!(
                            "\nShow one with its result: {} examples ID\n",
                            cli::hint_program(rules.map(PathBuf::as_path))
                        ));
                    }
                    t
                }
            };
            write_stdout(&text)?;
        }
    }
    Ok(exit::OK)
}

/// `rules check --format json` for a pack that does not load: the same keys
/// as a valid pack's report, with `valid: false` and every problem. `read`
/// is false when the file itself could not be read (missing, a directory):
/// the summary then does not call it a pack at all.
fn invalid_pack_report(
    path: &str,
    problems: &[Problem],
    read: bool,
    min_coverage: Option<f64>,
) -> anyhow::Result<String> {
    let summary = if read {
        format!(
            "{path} is not a valid pack: {}",
            render::count(problems.len() as f64, "problem", "problems")
        )
    } else {
        format!("{path} could not be read")
    };
    let problems: Vec<serde_json::Value> = problems.iter().map(report_problem).collect();
    let mut text = serde_json::to_string_pretty(&serde_json::json!({
        "path": path,
        "pack": null,
        "valid": false,
        "passed": false,
        "problems": problems,
        "summary": summary,
        "findings": [],
        "coverage_percent": null,
        "min_coverage": min_coverage,
        "coverage": [],
        "pricing": null,
    }))?;
    text.push('\n');
    Ok(text)
}

/// A problem in `rules check`'s JSON report: its `place`, `message` and
/// `help`, and the `line` its place names (null without one), a number as
/// the lint findings have it, so a CI annotation needs no text parsing.
fn report_problem(problem: &Problem) -> serde_json::Value {
    let mut json = problem.to_json();
    json["line"] = serde_json::json!(problem.line());
    json
}

/// The problems an error lists, for a JSON report: a pack's or price
/// table's own, else the error as one problem.
fn error_problems(error: &anyhow::Error) -> Vec<Problem> {
    match error.downcast_ref() {
        Some(Error::Pack { problems, .. } | Error::Pricing { problems, .. }) => problems.clone(),
        Some(Error::Usage { message, help, .. }) => {
            vec![Problem::new("", message.clone()).with_optional_help(help.clone())]
        }
        _ => vec![Problem::new("", format!("{error:#}"))],
    }
}

/// `rules check`: the pack at its PATH, else the `--rules` pack that did not
/// load (`failed_rules`), else `pack`.
fn rules_check(
    pack: &Pack,
    pack_name: &str,
    failed_rules: Option<&Path>,
    m: &ArgMatches,
    color: bool,
) -> anyhow::Result<u8> {
    let json = m.get_one::<String>("format").map(String::as_str) == Some("json");
    let min_coverage = m.get_one::<f64>("min-coverage").copied();
    let loaded;
    let shown;
    // The worked examples and test cases that fail: the pack is otherwise
    // whole, so it is still linted and its coverage counted.
    let mut failing = Vec::new();
    let named = m
        .get_one::<PathBuf>("path")
        .map(|p| (p.as_path(), "rules check"))
        .or(failed_rules.map(|p| (p, "--rules")));
    let attempt = match named {
        Some((path, given_as)) => {
            let shown = if path.as_os_str() == "-" {
                "<stdin>".to_owned()
            } else {
                path.to_string_lossy().into_owned()
            };
            Some((shown, load_pack_checking(path, given_as)))
        }
        // With no PATH and no --rules, a pack piped in is the one to check,
        // as `recommend` reads a piped workload: `generate-pack | dbadvisor
        // rules check` must not pass by checking the built-in pack. An empty
        // stdin (a CI job's, a test harness's) leaves the built-in pack.
        None if m.get_one::<PathBuf>("rules").is_none() && !std::io::stdin().is_terminal() => {
            let invalid = |source_name, problems| Error::Pack {
                source_name,
                problems,
            };
            let text = read_limited(
                std::io::stdin().lock(),
                "<stdin>",
                MAX_PACK_BYTES as u64,
                invalid,
            )?;
            (!text.trim().is_empty()).then(|| {
                let loaded = Pack::load_checking(&text, "<stdin>").map_err(anyhow::Error::from);
                ("<stdin>".to_owned(), loaded)
            })
        }
        None => None,
    };
    let (checked, name) = match attempt {
        Some((name, attempted)) => {
            shown = name;
            loaded = match attempted {
                Ok((pack, failed)) => {
                    failing = failed;
                    pack
                }
                Err(error) => {
                    // A script asking for JSON gets a report to read either
                    // way (`valid: false` and the problems), as well as the
                    // error on stderr and its exit code (3, or 2 for a
                    // missing file, 1 for one that cannot be read).
                    if json {
                        let problems = error_problems(&error);
                        let read = matches!(error.downcast_ref(), Some(Error::Pack { .. }));
                        write_stdout(&invalid_pack_report(&shown, &problems, read, min_coverage)?)?;
                    }
                    return Err(error);
                }
            };
            (&loaded, shown.as_str())
        }
        None => (pack, pack_name),
    };
    // `--pricing`: a price table checked beside the pack (it is otherwise
    // read only by a command that estimates cost); not read when the pack
    // itself failed.
    let pricing = m
        .get_one::<PathBuf>("pricing")
        .map(|path| (path.to_string_lossy().into_owned(), load_pricing(path)));
    let report = crate::pack::lint(checked);
    let deny_warnings = m.get_flag("deny-warnings");
    let coverage_fails = min_coverage.is_some_and(|min| report.coverage() + 1e-9 < min);
    let warnings_fail = deny_warnings && !report.findings.is_empty();
    let n = |items: usize, one: &str, many: &str| render::count(items as f64, one, many);
    // Cautions are counted only in a pack that has any (most need none).
    let cautions = match checked.cautions.len() {
        0 => String::new(),
        c => format!(", {}", n(c, "caution", "cautions")),
    };
    let outcomes = if failing.is_empty() {
        format!(
            "{} and {} give their expected candidate",
            n(checked.examples.len(), "worked example", "worked examples"),
            n(checked.tests.len(), "test case", "test cases"),
        )
    } else {
        // Each failing item once, though a test may fail twice (winner
        // and cautions).
        let mut items: Vec<&str> = failing.iter().map(|p| p.place.as_str()).collect();
        items.dedup();
        // JSON lists them in `problems`, on stdout beside the summary.
        format!(
            "{} of {} worked examples and test cases fail ({})",
            items.len(),
            checked.examples.len() + checked.tests.len(),
            if json { "see problems" } else { "on stderr" }
        )
    };
    let summary = format!(
        "pack {} {}: {}, {}, {}, {}, {}{cautions}; {outcomes}",
        checked.name,
        checked.version,
        n(checked.candidates.len(), "candidate", "candidates"),
        n(checked.axes.len(), "axis", "axes"),
        n(checked.fields.len(), "field", "fields"),
        n(checked.rules.len(), "rule", "rules"),
        n(checked.vetoes.len(), "veto", "vetoes"),
    );
    let valid = failing.is_empty();
    // Why the check fails, beside a valid pack: on stderr, and in JSON.
    let mut reasons = Vec::new();
    if let (true, Some(min)) = (coverage_fails, min_coverage) {
        reasons.push(
            Problem::new(
                "",
                format!(
                    "coverage {}% is below --min-coverage {}%",
                    crate::number::format(report.coverage_shown(min_coverage).0),
                    crate::number::format(min)
                ),
            )
            .with_help(format!(
                "add worked examples or test cases that make {} fire{}",
                // JSON lists no rule on stderr: its `coverage` has them.
                if json {
                    "each rule, veto or caution whose `fired` is 0 under `coverage`"
                } else {
                    "the listed rules"
                },
                if report.findings.iter().any(|f| f.kind == "never-fires") {
                    "; a rule that can never fire needs its condition fixed first"
                } else {
                    ""
                }
            )),
        );
    }
    if warnings_fail {
        // The pack format has no way to silence one finding: each is fixed
        // in the pack, or the check is run without the flag.
        reasons.push(
            Problem::new(
                "",
                format!(
                    "{} with --deny-warnings",
                    n(report.findings.len(), "lint finding", "lint findings")
                ),
            )
            .with_help(if json {
                "fix each of the findings at its line, or leave out --deny-warnings to accept them"
            } else {
                "fix each warning the check lists (on stdout) at its line, or leave out --deny-warnings to accept them"
            }),
        );
    }
    let pricing_fails = pricing.as_ref().is_some_and(|(_, table)| table.is_err());
    let text = if json {
        let pricing_report = pricing.as_ref().map(|(path, table)| match table {
            Ok(t) => serde_json::json!({
                "path": path,
                "valid": true,
                "problems": [],
                "name": t.name,
                "region": t.region,
                "currency": t.currency,
                "as_of": t.as_of,
            }),
            Err(error) => serde_json::json!({
                "path": path,
                "valid": false,
                "problems": error_problems(error).iter().map(report_problem).collect::<Vec<_>>(),
            }),
        });
        let mut t = serde_json::to_string_pretty(&serde_json::json!({
            "path": name,
            "pack": { "name": checked.name, "version": checked.version },
            "valid": valid,
            "passed": valid && !(coverage_fails || warnings_fail || pricing_fails),
            "problems": if valid { &reasons } else { &failing }
                .iter()
                .map(report_problem)
                .collect::<Vec<_>>(),
            "summary": summary,
            "findings": report.findings,
            "coverage_percent": report.coverage_shown(min_coverage),
            "min_coverage": min_coverage,
            "coverage": report.coverage,
            "pricing": pricing_report,
        }))?;
        t.push('\n');
        t
    } else {
        // "ok" only when the whole check passes (a CI log reading "ok:"
        // above a failing price table would read as a pass); the reason it
        // fails follows on stderr.
        let status = if !valid {
            "failed"
        } else if coverage_fails || warnings_fail || pricing_fails {
            "checked"
        } else {
            "ok"
        };
        let name = crate::output::escape_controls(name, &[]);
        let mut t = format!("{status}: {name}: {summary}\n");
        // A generated pack of thousands of rules can have thousands of
        // findings: a screenful is listed, JSON has them all.
        const FINDINGS_SHOWN: usize = 50;
        for f in report.findings.iter().take(FINDINGS_SHOWN) {
            let line = f
                .line
                .map_or(String::new(), |line| format!("line {line}, "));
            t.push_str(&format!(
                "warning: {line}{}: {} [{}]\n",
                f.place, f.message, f.kind
            ));
        }
        if report.findings.len() > FINDINGS_SHOWN {
            t.push_str(&format!(
                "warning: and {} not listed (--format json lists every finding)\n",
                n(
                    report.findings.len() - FINDINGS_SHOWN,
                    "more finding",
                    "more findings"
                )
            ));
        }
        let silent: Vec<&str> = report
            .coverage
            .iter()
            .filter(|c| c.fired == 0)
            .map(|c| c.rule.as_str())
            .collect();
        let counted = if checked.cautions.is_empty() {
            "rules and vetoes"
        } else {
            "rules, vetoes and cautions"
        };
        if report.coverage.is_empty() {
            // 100% of nothing: said as such, not as a pack well covered.
            t.push_str("coverage: 100%, as there are no rules, vetoes or cautions to fire");
        } else {
            t.push_str(&format!(
                "coverage: {}% of {counted} fire in at least one worked example or test case",
                crate::number::format(report.coverage_shown(min_coverage).0)
            ));
        }
        // A pack of thousands of rules would make this one line of
        // thousands of ids; JSON lists them all.
        const SHOWN: usize = 20;
        match silent.len() {
            0 => {}
            k if k <= SHOWN => t.push_str(&format!(" (never: {})", silent.join(", "))),
            k => t.push_str(&format!(
                " (never: {} and {} more; --format json lists every rule)",
                silent[..SHOWN].join(", "),
                crate::number::format_grouped((k - SHOWN) as f64)
            )),
        }
        t.push('\n');
        match &pricing {
            Some((path, Ok(table))) => t.push_str(&format!(
                "ok: {}: price table {}: {}, {}, as of {}\n",
                crate::output::escape_controls(path, &[]),
                table.name,
                table.region,
                table.currency,
                table.as_of
            )),
            // The report on stdout says which part failed; the problems
            // follow on stderr, as for every other failure.
            Some((path, Err(error))) => {
                let path = crate::output::escape_controls(path, &[]);
                let count = error_problems(error).len().max(1);
                t.push_str(&match error.downcast_ref::<Error>() {
                    // No table was read: a missing file or a directory.
                    Some(Error::Usage { .. } | Error::Io { .. }) => {
                        format!("failed: {path}: the price table cannot be read (on stderr)\n")
                    }
                    _ => format!(
                        "failed: {path}: not a valid price table: {} (on stderr)\n",
                        n(count, "problem", "problems")
                    ),
                });
            }
            None => {}
        }
        let t = render::fit_terminal(t, Style::for_stdout(crate::output::ColorChoice::Never).wrap);
        // Its `warning:` lines as cargo's, when stdout is coloured.
        if color {
            crate::output::paint_labels(&t)
        } else {
            t
        }
    };
    write_stdout(&text)?;
    if let Some((_, Err(error))) = pricing {
        return Err(error);
    }
    if !valid {
        return Err(Error::Pack {
            source_name: name.to_owned(),
            problems: failing,
        }
        .into());
    }
    if !reasons.is_empty() {
        return Err(Error::Check {
            source_name: name.to_owned(),
            problems: reasons,
        }
        .into());
    }
    Ok(exit::OK)
}
