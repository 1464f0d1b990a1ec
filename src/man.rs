//! `dbadvisor man [COMMAND]`: the manual, as roff on stdout.
//!
//! Without a command it is one complete page, dbadvisor(1): every command
//! with its options, the workload flags, exit status, environment, files and
//! examples. `dbadvisor man COMMAND` prints that command's own page,
//! dbadvisor-COMMAND(1).
//!
//! Options come from the clap [`Command`] the parser uses, so the workload
//! flags are those of the pack in use (`--rules` brings its own) and can never
//! drift from `--help`; the prose is written here. The options are rendered
//! here rather than by clap_mangen because clap_mangen gives each help
//! heading a top-level `.SH` (which cannot sit under a command's `.SS`) and
//! names `dbadvisor-COMMAND(1)` pages whether or not they can be produced.

use std::fmt::Write as _;
use std::path::Path;

use clap::{Arg, Command};

use crate::cli;
use crate::error::{exit, Error, Result};
use crate::pack::{Pack, EMBEDDED_NAME};

/// The commands with a page of their own, in the order the pages list them
/// (`dbadvisor man COMMAND`).
pub const PAGES: [&str; 7] = [
    "recommend",
    "interview",
    "examples",
    "schema",
    "completions",
    "man",
    "rules",
];

/// The page for `command`: dbadvisor(1) for `None`, else
/// dbadvisor-COMMAND(1). An unknown command is a usage error.
///
/// `rules` is the path of the pack given with `--rules`: the examples are
/// then written in that pack's terms, with `--rules PATH`, so that they run.
pub fn page(pack: &Pack, rules: Option<&Path>, command: Option<&str>) -> Result<String> {
    let mut root = cli::command(pack);
    root.build();
    let examples = match rules {
        None => EXAMPLES.iter().map(Example::from).collect(),
        Some(path) => pack_examples(pack, path),
    };
    let ctx = Context {
        pack,
        root: &root,
        examples,
        builtin: rules.is_none(),
        program: cli::hint_program(rules),
    };
    match command {
        None => Ok(top_page(&ctx)),
        Some(name) => match root.find_subcommand(name) {
            Some(sub) if PAGES.contains(&name) => Ok(command_page(&ctx, sub)),
            _ => Err(Error::usage(
                format!("no manual page for `{name}`"),
                Some(format!("pages: {}", PAGES.join(", "))),
            )),
        },
    }
}

struct Context<'a> {
    pack: &'a Pack,
    root: &'a Command,
    /// The examples the pages show, in the pack's terms.
    examples: Vec<Example>,
    /// The pack is the built-in one, whose limits the prose may name.
    builtin: bool,
    /// `dbadvisor`, or `dbadvisor --rules PATH` for another pack.
    program: String,
}

impl Context<'_> {
    fn is_field(&self, arg: &Arg) -> bool {
        self.pack
            .fields
            .iter()
            .any(|f| f.id == arg.get_id().as_str())
    }

    /// Options every command takes: `--rules`, `--color`, `--help`.
    fn is_global(&self, arg: &Arg) -> bool {
        arg.is_global_set() || matches!(arg.get_id().as_str(), "help" | "version")
    }

    /// A command's own options and arguments (no global, field or
    /// grouped ones), in definition order.
    fn own_args<'c>(&self, cmd: &'c Command) -> Vec<&'c Arg> {
        cmd.get_arguments()
            .filter(|a| !a.is_hide_set() && !self.is_global(a) && !self.is_field(a))
            .filter(|a| a.get_help_heading().is_none())
            .collect()
    }

    /// Options under a help heading other than the workload fields, by heading.
    fn grouped_args<'c>(&self, cmd: &'c Command) -> Vec<(&'c str, Vec<&'c Arg>)> {
        let mut groups: Vec<(&str, Vec<&Arg>)> = Vec::new();
        for arg in cmd.get_arguments() {
            if arg.is_hide_set() || self.is_global(arg) || self.is_field(arg) {
                continue;
            }
            let Some(heading) = arg.get_help_heading() else {
                continue;
            };
            match groups.iter_mut().find(|(h, _)| *h == heading) {
                Some((_, args)) => args.push(arg),
                None => groups.push((heading, vec![arg])),
            }
        }
        groups
    }

    fn has_fields(&self, cmd: &Command) -> bool {
        cmd.get_arguments().any(|a| self.is_field(a))
    }

    /// The leaf commands under the root, with their path (`rules check`).
    fn leaves(&self) -> Vec<(String, &Command)> {
        let mut out = Vec::new();
        for name in PAGES {
            if let Some(cmd) = self.root.find_subcommand(name) {
                collect_leaves(name.to_owned(), cmd, &mut out);
            }
        }
        out
    }

    /// The first command that takes the workload flags (to list them once).
    fn field_command(&self) -> Option<&Command> {
        self.root.get_subcommands().find(|c| self.has_fields(c))
    }
}

fn visible_subcommands(cmd: &Command) -> impl Iterator<Item = &Command> {
    cmd.get_subcommands()
        .filter(|c| !c.is_hide_set() && c.get_name() != "help")
}

fn collect_leaves<'c>(path: String, cmd: &'c Command, out: &mut Vec<(String, &'c Command)>) {
    if cmd.has_subcommands() {
        for sub in visible_subcommands(cmd) {
            collect_leaves(format!("{path} {}", sub.get_name()), sub, out);
        }
    } else {
        out.push((path, cmd));
    }
}

// ---------------------------------------------------------------------------
// The pages.

fn top_page(ctx: &Context) -> String {
    let mut r = Roff::default();
    r.title("DBADVISOR");
    r.section("NAME");
    r.text(&format!(
        "dbadvisor \\- {}",
        escape(&lower_first(&about(ctx.root)))
    ));

    r.section("SYNOPSIS");
    let mut forms = vec![format!("\\fBdbadvisor\\fR [\\fIGLOBAL{NBSP}OPTIONS\\fR]")];
    for (path, cmd) in ctx.leaves() {
        forms.push(short_usage(ctx, &path, cmd));
    }
    r.synopsis(&forms);

    r.section("DESCRIPTION");
    for p in top_description(ctx) {
        r.paragraph(&p);
    }

    r.section("GLOBAL OPTIONS");
    r.paragraph(
        "`--rules` and `--color` are accepted before or after any command; `--help` after a \
         command shows that command's help (`dbadvisor help` *COMMAND* is the same); \
         `--version` comes before any command.",
    );
    for arg in ctx.root.get_arguments().filter(|a| !a.is_hide_set()) {
        r.option(arg);
    }

    r.section("COMMANDS");
    for (path, cmd) in ctx.leaves() {
        r.subsection(&path);
        r.synopsis(&[usage(ctx, &path, cmd)]);
        for p in command_description(&path, cmd) {
            r.paragraph(&p);
        }
        let own = ctx.own_args(cmd);
        for arg in &own {
            r.option(arg);
        }
        let mut also = Vec::new();
        if ctx.has_fields(cmd) {
            also.push("the workload flags (see **WORKLOAD FLAGS**)".to_owned());
        }
        for (heading, _) in ctx.grouped_args(cmd) {
            let name = group_section(heading);
            also.push(format!("the {} (see **{}**)", name.to_lowercase(), name));
        }
        if !also.is_empty() {
            r.paragraph(&format!("Also takes {}.", also.join(" and ")));
        }
    }

    if let Some(cmd) = ctx.field_command() {
        r.section("WORKLOAD FLAGS");
        workload_flags(&mut r, ctx, cmd);
    }
    // Each group of options once, with the commands that take it.
    let mut groups: Vec<(&str, Vec<&Arg>, Vec<String>)> = Vec::new();
    for (path, cmd) in ctx.leaves() {
        for (heading, args) in ctx.grouped_args(cmd) {
            match groups.iter_mut().find(|(h, _, _)| *h == heading) {
                Some((_, _, users)) => users.push(path.clone()),
                None => groups.push((heading, args, vec![path.clone()])),
            }
        }
    }
    for (heading, args, users) in groups {
        r.section(&group_section(heading));
        let users: Vec<String> = users.iter().map(|u| format!("`{u}`")).collect();
        r.paragraph(&format!("Accepted by {}.", join_words(&users)));
        group_intro(&mut r, heading);
        for arg in args {
            r.option(arg);
        }
    }

    workload_documents(&mut r, ctx);
    output_section(&mut r);
    exit_status(&mut r);
    environment(&mut r);
    files(&mut r);

    r.section("EXAMPLES");
    for example in &ctx.examples {
        r.example(example);
    }
    r.paragraph("Install this page and the page of each command:");
    r.literal(&install_lines(&ctx.program));

    r.section("SEE ALSO");
    let pages: Vec<String> = PAGES
        .iter()
        .map(|p| format!("\\fBdbadvisor\\-{}\\fR(1)", escape(p)))
        .collect();
    r.text(&format!("{},", pages.join(",\n")));
    r.text(&inline(
        "printed by `dbadvisor man` *COMMAND*. \
         In the source distribution: `README.md` and `docs/packs.md` (how to write a \
         decision pack).",
    ));
    r.finish()
}

fn command_page(ctx: &Context, cmd: &Command) -> String {
    let name = cmd.get_name();
    let mut r = Roff::default();
    r.title(&format!("DBADVISOR-{}", name.to_uppercase()));
    r.section("NAME");
    r.text(&format!(
        "dbadvisor\\-{} \\- {}",
        escape(name),
        escape(&lower_first(&about(cmd)))
    ));

    r.section("SYNOPSIS");
    let mut leaves = Vec::new();
    collect_leaves(name.to_owned(), cmd, &mut leaves);
    let forms: Vec<String> = leaves
        .iter()
        .map(|(path, leaf)| usage(ctx, path, leaf))
        .collect();
    r.synopsis(&forms);

    r.section("DESCRIPTION");
    for p in command_description(name, cmd) {
        r.paragraph(&p);
    }

    if cmd.has_subcommands() {
        r.section("COMMANDS");
        for (path, leaf) in &leaves {
            r.subsection(path);
            r.synopsis(&[usage(ctx, path, leaf)]);
            for p in command_description(path, leaf) {
                r.paragraph(&p);
            }
            for arg in ctx.own_args(leaf) {
                r.option(arg);
            }
        }
    } else {
        let own = ctx.own_args(cmd);
        if !own.is_empty() {
            r.section("OPTIONS");
            for arg in own {
                r.option(arg);
            }
        }
        if ctx.has_fields(cmd) {
            r.section("WORKLOAD FLAGS");
            workload_flags(&mut r, ctx, cmd);
        }
        for (heading, args) in ctx.grouped_args(cmd) {
            r.section(&group_section(heading));
            group_intro(&mut r, heading);
            for arg in args {
                r.option(arg);
            }
        }
    }

    r.section("GLOBAL OPTIONS");
    for arg in ctx.root.get_arguments().filter(|a| {
        !a.is_hide_set()
            && a.get_id() != "version"
            && cmd.get_arguments().any(|b| b.get_id() == a.get_id())
    }) {
        r.option(arg);
    }

    if ctx.has_fields(cmd) {
        workload_documents(&mut r, ctx);
    }
    if matches!(name, "recommend" | "interview" | "examples") {
        output_section(&mut r);
    }
    exit_status(&mut r);
    if matches!(name, "recommend" | "interview" | "examples") {
        environment(&mut r);
    }

    let examples: Vec<&Example> = ctx.examples.iter().filter(|e| e.command == name).collect();
    if !examples.is_empty() || name == "man" {
        r.section("EXAMPLES");
        for example in examples {
            r.example(example);
        }
        if name == "man" {
            r.paragraph("Install every page:");
            r.literal(&install_lines(&ctx.program));
        }
    }

    r.section("SEE ALSO");
    let mut see = vec!["\\fBdbadvisor\\fR(1)".to_owned()];
    see.extend(
        PAGES
            .iter()
            .filter(|p| **p != name)
            .map(|p| format!("\\fBdbadvisor\\-{}\\fR(1)", escape(p))),
    );
    r.text(&see.join(",\n"));
    r.paragraph(
        "The full manual, with the environment, files and every example, is \
         dbadvisor(1): `dbadvisor man`.",
    );
    r.finish()
}

// ---------------------------------------------------------------------------
// Sections shared by the pages.

/// The shell lines that install every page of the pack in use into
/// `~/.local/share/man/man1` (`program` is `dbadvisor --rules PATH` for
/// another pack), each command broken to fit the page as the examples are.
fn install_lines(program: &str) -> Vec<String> {
    let mut lines = vec!["mkdir -p ~/.local/share/man/man1".to_owned()];
    lines.extend(on_the_page(
        &format!("{program} man > ~/.local/share/man/man1/dbadvisor.1"),
        "",
    ));
    lines.extend(on_the_page(
        &format!("for c in {}; do", PAGES.join(" ")),
        "",
    ));
    lines.extend(on_the_page(
        &format!("{program} man \"$c\" > ~/.local/share/man/man1/dbadvisor-\"$c\".1"),
        "    ",
    ));
    lines.push("done".to_owned());
    lines
}

fn top_description(ctx: &Context) -> Vec<String> {
    let pack = ctx.pack;
    // The built-in pack's own figures, or none: another pack may have
    // neither DynamoDB nor a `--use-case` flag.
    let (flags_example, veto_example, caution_example) = if ctx.builtin {
        (
            "dbadvisor recommend --use-case gaming --peak-writes-per-sec 20k".to_owned(),
            " such as DynamoDB's 400 KB item size,",
            ", such as strongly consistent reads under 1 ms",
        )
    } else {
        (
            format!("{} recommend {}", ctx.program, cli::sample_flags(pack)),
            ",",
            "",
        )
    };
    let candidates: Vec<String> = pack.candidates.iter().map(|c| c.name.clone()).collect();
    let axes: Vec<String> = pack.axes.iter().map(|a| a.title.to_lowercase()).collect();
    let weights = cli::default_weights(pack);
    vec![
        format!(
            "dbadvisor recommends {} for a described workload. It shows each candidate's score \
             on {} {} ({}), {}.",
            join_words_or(&candidates),
            number_word(axes.len()),
            if axes.len() == 1 { "axis" } else { "axes" },
            axes.join(", "),
            join_words(&shows(pack))
        ),
        format!(
            "Describe the workload in one of three ways: with flags, in a script \
             (`{flags_example}`; see **WORKLOAD FLAGS**); as a JSON or YAML document, from a \
             file or piped on stdin (see **WORKLOAD DOCUMENTS**); or by answering questions on a \
             terminal (`dbadvisor interview`, or `dbadvisor` with no command). Every answer is \
             optional: an unanswered field is unknown, never a silent default. The result lists \
             the questions still open and says whether any answer to them could change the \
             recommendation."
        ),
        format!(
            "The knowledge is a decision pack: a YAML file of fields, scoring rules, vetoes and \
             cautions, each citing its source. A rule whose condition holds adds its points to \
             its candidate on its axis; each axis's points are multiplied by the axis weight \
             (`--priority` *AXIS*=*WEIGHT*, {weights}) and the best total wins. A veto, a \
             documented hard limit{veto_example} rules its candidate out. A condition on an \
             unknown answer is neither true nor false, and the rules still waiting on one are \
             listed as open. A caution changes no score: it warns of what neither candidate \
             does as asked{caution_example}."
        ),
        "Confidence is `high`, `medium`, `low` or `none`. It follows the winner's relative margin \
         (high when the winner has at least twice the runner-up's points, or a veto decided; low \
         when a ruled-out candidate scores more than the winner) and is lowered when the open \
         questions could still change the winner: `low` when one more answer alone could. A result is settled when no answer to the open questions can change \
         it. Cost estimates are information beside the axes: they never change the \
         recommendation."
            .to_owned(),
        format!(
            "This page documents the decision pack `{}` version {}; with `--rules` *PATH*, \
             `dbadvisor --rules` *PATH* `man` documents that pack's flags. Each command also has \
             a page of its own, printed by `dbadvisor man` *COMMAND*, for example \
             `dbadvisor man recommend | man -l -`.",
            pack.name, pack.version
        ),
    ]
}

fn command_description(path: &str, cmd: &Command) -> Vec<String> {
    let text: &[&str] = match path {
        "recommend" => &[
            "Recommends a database for a workload given by flags, a JSON or YAML document, or a \
             worked example, and never prompts. Sources merge in this order, later wins: \
             `--example`, then the document, then the flags.",
            "The document comes from `--input` *PATH*, from `--input -` (stdin), or from stdin \
             when stdin is a pipe or a file and no `--input` is given; an empty stdin means no \
             document. Given nothing at all (no flags, no example and no document, or a \
             document of only whitespace or comments) it exits 2 and says how to give answers; \
             an explicit empty workload `{}`, or only `--priority`, is answered (every field \
             unknown).",
            "A JSON Lines stream (one workload object per line) is a batch: one result per line, \
             in order, with memory that stays flat however long the stream. One line alone is \
             one document unless the file is named `*.jsonl` or `*.ndjson` or `--batch` is \
             given, which a script whose stream may hold a single line should pass. `--example` \
             and the flags apply to every line. A bad line yields an error naming its line number (an \
             error object in `--format json`), every good line is still answered, and the run \
             exits 3 at the end.",
        ],
        "interview" => &[
            "Asks, on a terminal, the questions that matter for your answers, most decisive \
             first; shows after an answer which way it leans when that changed (also once \
             settled, as the margin still moves); and stops as soon as no \
             remaining answer could change the recommendation, then offers to go on (default \
             no). Whether one axis matters more (weight 2) is asked before it says settled, \
             since a doubled axis can unsettle it (then the questions go on), or at the end \
             when it never settles. It prints the result on stdout and then, on stderr, the \
             `dbadvisor recommend` command line that gives the same result in a script.",
            "Choices, yes/no questions and the offer to go on are select lists (arrow keys or \
             j/k, then Enter) with a \"Not sure\" entry where it fits; in any of them, typing \
             an answer, by its label or the word its flag takes, moves to it (`key-value` or \
             `no`, then Enter; `?` for Not sure). Numbers show their unit \
             and help, accept suffixes such as `20k` or `1.5M`, are asked again, with the \
             reason, when invalid, and are shown back as they were read; an empty number means \
             not sure. Esc (or q) in a list, or `<` typed at a number, goes back to the question \
             before; what follows is asked again from the new answer. With `TERM=dumb` the \
             prompts are plain numbered lines, answered by typing a number, the answer, or the \
             word a flag takes for it (`active_active`, `true`). Flags, `--example` \
             and `--input` pre-answer questions, which are then skipped. Prompts go to stderr.",
            "The interview needs a terminal on stdin and stderr. Without one, or with \
             `--no-input`, it exits 2 at once with a hint to use `dbadvisor recommend`. Ctrl-C \
             restores the cursor and exits 130. `dbadvisor` with no command, on a terminal, runs \
             the interview.",
        ],
        "examples" => &[
            "Without *ID*, lists the worked examples of the decision pack: each one's id, the \
             database it expects (the one its source document gives it, when the pack names \
             one), and its title. With *ID*, quotes the example with the database it expects, \
             then shows the result for the example's answers, as `dbadvisor recommend \
             --example` *ID* does.",
            "With `--format json`, the list carries each example's text and workload, and a \
             single example prints its result alone.",
        ],
        "schema" => &[
            "Prints the JSON Schema (draft 2020-12) of a workload document, derived from the \
             decision pack's fields, for editors, validators and code generators.",
        ],
        "completions" => &[
            "Prints a completion script for *SHELL* on stdout. It is generated from the same \
             definition as the parser, so it completes every workload flag and its options; \
             with `--rules` *PATH* it completes that pack's flags.",
        ],
        "man" => &[
            "Prints the manual in roff on stdout: dbadvisor(1) without *COMMAND*, or that \
             command's own page, dbadvisor-*COMMAND*(1). Read it with `man -l -`, or save it in \
             a directory on the manual path (see **EXAMPLES**). The workload flags documented are \
             those of the decision pack in use, so `dbadvisor --rules` *PATH* `man` documents \
             that pack's flags.",
        ],
        "rules" => &[
            "Works with decision packs: `rules check` validates a pack, `rules schema` prints \
             the JSON Schema of the pack format and `rules show` prints the built-in pack, to \
             start one of your own from a copy.",
        ],
        "rules check" => &[
            "Validates a decision pack: *PATH* (`-` for stdin), else the pack given with \
             `--rules`, else a pack piped on stdin, else the built-in one. It reports YAML errors with line and column; unknown fields, options, \
             axes or candidates, named with the rule id, its line and a did-you-mean; type \
             mismatches; duplicate ids; and every worked example and test case that does not \
             produce its expected candidate. Every problem is listed, not only the first; an \
             invalid pack exits 3.",
            "It also lints the pack, each finding named by its kind: rules that can never fire \
             (`never-fires`), parts of an `any:` that can never hold (`dead-branch`), rules that \
             fire only where a veto rules their own candidate out (`never-counts`), rules that \
             double count another's condition (`double-counting`), cautions said for the same \
             answers (`same-caution-condition`), fields no rule reads (`unread-field`), axes \
             where a candidate cannot score (`axis-without-rules`), rules of 0 points \
             (`zero-points`), axes of weight 0 that have rules (`zero-weight`), fields joined \
             into more answer combinations than the analysis enumerates (`joined-fields`), \
             conditions too large to check (`not-checked`), labels a person cannot tell apart \
             (`same-label`), fields the cost estimate cannot read (`estimate-field`), and a \
             changed copy keeping the built-in pack's name and version (`builtin-identity`). It \
             measures \
             coverage: the share of rules, vetoes and cautions that fire in at least one worked \
             example or test case. Findings are warnings unless `--deny-warnings` is given; \
             `--min-coverage` sets a floor. Either failing exits 3.",
        ],
        "rules schema" => &[
            "Prints the JSON Schema of the decision pack format, for editors: a pack names it \
             with a `# yaml-language-server: $schema=pack.schema.json` comment.",
        ],
        "rules show" => &[
            "Prints the built-in decision pack, the YAML file compiled into dbadvisor, to start \
             a pack of your own from a copy (its comments explain its parts, and docs/packs.md in \
             the source distribution how to write one); with \
             `--pricing`, the built-in price table, to start one for `--pricing`. It prints the \
             built-in one whatever `--rules` says.",
        ],
        _ => &[],
    };
    if text.is_empty() {
        // A command added without prose here still gets its own help text.
        let long = cmd
            .get_long_about()
            .or(cmd.get_about())
            .map(ToString::to_string)
            .unwrap_or_default();
        return long
            .split("\n\n")
            .map(|p| p.trim().replace('\n', " "))
            .filter(|p| !p.is_empty())
            .collect();
    }
    text.iter().map(|p| (*p).to_owned()).collect()
}

/// The field flags, under one subsection per axis, in pack order.
fn workload_flags(r: &mut Roff, ctx: &Context, cmd: &Command) {
    let pack = ctx.pack;
    let users: Vec<String> = ctx
        .root
        .get_subcommands()
        .filter(|c| ctx.has_fields(c))
        .map(|c| format!("`{}`", c.get_name()))
        .collect();
    r.paragraph(&format!(
        "Each field of the decision pack `{} {}` has a flag, accepted by {}. Every flag is \
         optional: an unanswered field is unknown. A choice takes one of the options listed, in \
         any case and with `-` or a space between words (`active-active`); a \
         yes/no field takes `yes` or `no` (also `true`/`false`, `y`/`n`, in any case); a number \
         must lie in the range given and accepts a suffix `k`, `M`, `G` or `B` in either case \
         (`20k` is 20000, `1.5M` is 1500000) and the field's unit after it (`2 KB`, or `2 KiB`: \
         sizes count in 1,024s); on a size in \
         KB or GB, a suffix is taken only before the unit (`1.5k GB`), since alone it could name \
         a byte unit (`5M`: 5 MB?). In a workload document the same fields are keys{}.",
        pack.name,
        pack.version,
        join_words(&users),
        // A field whose flag differs from its key shows how (the built-in
        // pack's `--peak-writes-per-sec` is `peak_writes_per_sec`).
        pack.field_index("peak_writes_per_sec")
            .or_else(|| pack.fields.iter().position(|f| f.flag() != f.id))
            .map_or(String::new(), |i| {
                let f = &pack.fields[i];
                format!(", with underscores: `--{}` is `{}`", f.flag(), f.id)
            })
    ));
    for (index, axis) in pack.axes.iter().enumerate() {
        let args: Vec<&Arg> = pack
            .fields
            .iter()
            .filter(|f| f.axis == index)
            .filter_map(|f| cmd.get_arguments().find(|a| a.get_id() == f.id.as_str()))
            .collect();
        if args.is_empty() {
            continue;
        }
        r.subsection(&axis.title);
        for arg in args {
            r.option(arg);
        }
    }
}

/// The section name of a help heading's options: `Cost estimate` →
/// `COST ESTIMATE OPTIONS`.
fn group_section(heading: &str) -> String {
    format!("{} OPTIONS", heading.to_uppercase())
}

fn group_intro(r: &mut Roff, heading: &str) {
    if heading == "Cost estimate" {
        r.paragraph(
            "Figures for the capacity and monthly cost estimate, which are not answers about the \
             workload: `interview --save` does not store them, and the command line the interview \
             prints repeats them. The estimate uses the price table's list prices (see **FILES**) \
             and never changes the recommendation. A bill line that needs a figure the workload \
             does not give says what it needs rather than counting zero, and the result names \
             the flags that would complete it; `--explain` shows the arithmetic and every \
             assumption.",
        );
    }
}

fn workload_documents(r: &mut Roff, ctx: &Context) {
    let pack = ctx.pack;
    r.section("WORKLOAD DOCUMENTS");
    let axes: Vec<String> = pack.axes.iter().map(|a| format!("`{}`", a.id)).collect();
    r.paragraph(&format!(
        "A workload document is one JSON or YAML object whose keys are the field names (the \
         workload flags' names with underscores) and `priorities`, an object of axis weights \
         (axes: {}). Every key is optional; an unknown key is refused with a did-you-mean hint. \
         `dbadvisor schema` prints its JSON Schema. For example:",
        join_words(&axes)
    ));
    if ctx.builtin {
        r.literal(&[
            "{\"use_case\": \"gaming\", \"data_shape\": \"key_value\",".to_owned(),
            " \"relationships\": \"none\", \"peak_writes_per_sec\": 20000,".to_owned(),
            " \"consistency\": \"mixed\", \"priorities\": {\"scalability\": 2}}".to_owned(),
        ]);
    } else {
        r.literal(&cli::sample_document_lines(pack, LITERAL_WIDTH));
    }
    r.paragraph(&format!(
        "A stream of JSON Lines, one object per line, is a batch: one result per line, in \
         order. A document, or one line of a stream, is at most {}\u{a0}MiB and nests at most \
         {} levels; a pack or price table file is at most {}\u{a0}MiB and {} values, and \
         a pack holds at most {} rules, vetoes and cautions. YAML aliases may expand a \
         document to at most {} times that size.",
        crate::input::MAX_DOCUMENT_BYTES / (1024 * 1024),
        crate::input::MAX_DEPTH,
        crate::pack::MAX_PACK_BYTES / (1024 * 1024),
        crate::number::format_grouped(crate::pack::MAX_VALUES as f64),
        crate::number::format_grouped(crate::pack::MAX_RULES as f64),
        crate::yaml_aliases::EXPANSION_FACTOR
    ));
}

fn output_section(r: &mut Roff) {
    r.section("OUTPUT");
    r.paragraph(&format!(
        "Results go to stdout; prompts, progress and errors to stderr. `--format table` (the \
         default) is for reading, `markdown` for design documents, and `json` for programs: \
         one object per workload, whose keys are stable (values may be added, never renamed or \
         removed). When stdout is not a terminal, tables are {} columns wide, so logs and \
         snapshots are the same on every machine; on a terminal, long lines are broken at \
         spaces to its width. Colour is used only when stdout is a terminal, `NO_COLOR` is \
         unset or empty, `CLICOLOR` is not `0` and `TERM` is not `dumb`, or when \
         `CLICOLOR_FORCE` is set to anything but `0` or empty (then also on a pipe; `NO_COLOR` still wins); \
         `--color always` or `never` overrides.",
        crate::output::PIPE_WIDTH
    ));
    r.paragraph("The main keys of the JSON result:");
    const KEYS: [(&str, &str); 19] = [
        ("recommendation", "the winning candidate's id, or null when the scores tie or every candidate is ruled out"),
        ("confidence", "high, medium, low or none"),
        ("margin", "the winner's total minus the runner-up's"),
        ("decided_by", "scores, veto, tie or nothing_left"),
        ("scores", "per candidate: total, weighted axes, raw points per axis, excluded"),
        ("weights", "the weight used for each axis"),
        ("reasons", "every rule that fired, with its points, reason and source"),
        ("excluded", "every veto that holds"),
        ("cautions", "every caution that holds: what the advice cannot promise, which changes no score"),
        ("example", "the closest worked example of the recommended candidate"),
        ("unknown", "the unanswered fields"),
        ("open", "the rules, vetoes and cautions still waiting on unanswered fields"),
        ("what_would_change", "every single answer that changes the recommendation"),
        ("settled, bounds", "whether any answer to the open questions can change it; each candidate's reachable totals"),
        ("could_flip", "the open questions that could change it, most decisive first"),
        ("sufficient_reasons", "the given answers that alone settle it"),
        ("weight_flips, near_misses", "the axis weights at which the winner changes; the other candidates' rules that failed on one condition"),
        (
            "estimates",
            "capacity and monthly cost of each candidate a price table prices, line by line \
             (null when the pack compares none of them)",
        ),
        ("workload, pack", "the answers, canonical; the decision pack's name and version"),
    ];
    for (key, meaning) in KEYS {
        let tag: Vec<String> = key
            .split(", ")
            .map(|k| format!("\\fB{}\\fR", escape(k)))
            .collect();
        r.tagged(&tag.join(", "), meaning);
    }
}

fn exit_status(r: &mut Roff) {
    r.section("EXIT STATUS");
    let codes: [(u8, &str); 5] = [
        (
            exit::OK,
            "Success, also when stdout is closed early (for example by `head -1`).",
        ),
        (
            exit::INTERNAL,
            "Internal failure: an I/O error other than a closed pipe, such as a file that cannot \
             be read.",
        ),
        (
            exit::USAGE,
            "Usage error: an unknown command, flag or option value, no answers given to \
             `recommend`, or an `--input`, `--rules` or `--pricing` file that does not exist; or \
             input is needed and there is no terminal to ask on.",
        ),
        (
            exit::INVALID,
            "Invalid data: a workload document, decision pack or price table that fails \
             validation; in a batch, at least one bad line (every good line is still answered; \
             when stdout closes early, a bad line among those answered before it closed); \
             `rules check` with lint findings and `--deny-warnings`, or coverage below \
             `--min-coverage`.",
        ),
        (
            exit::INTERRUPTED,
            "Interrupted by Ctrl-C or SIGTERM, or by SIGHUP (a closed terminal), which is \
             taken the same way rather than as the usual 129. The terminal is restored and no \
             output line is cut in half.",
        ),
    ];
    for (code, meaning) in codes {
        r.tagged(&format!("\\fB{code}\\fR"), meaning);
    }
    r.paragraph(
        "Errors go to stderr as `dbadvisor: error:` followed by what is wrong. They name the \
         place (file, line, column or field path), list every problem found rather than only \
         the first, and add a `help:` line where a fix is known.",
    );
}

fn environment(r: &mut Roff) {
    r.section("ENVIRONMENT");
    r.tagged(
        "\\fBNO_COLOR\\fR",
        "When set to a non-empty value, output has no colour unless `--color always` is given \
         (https://no-color.org).",
    );
    r.tagged(
        "\\fBTERM\\fR",
        "When `dumb`, output has no colour unless `--color always` is given or \
         `CLICOLOR_FORCE` is set to anything but `0` or empty.",
    );
    r.tagged(
        "\\fBCLICOLOR\\fR",
        "When `0`, output has no colour unless `--color always` is given \
         (https://bixense.com/clicolors).",
    );
    r.tagged(
        "\\fBCLICOLOR_FORCE\\fR",
        "When set to anything but `0` or empty, output is coloured even when it is not a terminal, unless \
         `NO_COLOR` is set and not empty, or `--color never` is given \
         (https://bixense.com/clicolors).",
    );
    r.tagged(
        "\\fBCOLUMNS\\fR",
        "The width of a terminal that does not report its own (a pseudo-terminal never \
         sized); without it, such a terminal is taken to be 100 columns wide.",
    );
    r.paragraph("No other environment variable changes what dbadvisor does.");
}

fn files(r: &mut Roff) {
    r.section("FILES");
    let pack_path = EMBEDDED_NAME
        .trim_start_matches("<embedded ")
        .trim_end_matches('>');
    r.tagged(
        &format!("\\fI{}\\fR (built in)", escape(pack_path)),
        "The decision pack compiled into the binary: fields, rules, vetoes, worked examples \
         and test cases. `--rules` *PATH* replaces it on any command; `dbadvisor rules check` \
         validates a pack, `dbadvisor rules schema` prints the format's JSON Schema and \
         `dbadvisor rules show` prints this file.",
    );
    let prices = match crate::pricing::Pricing::embedded() {
        Ok(p) => format!(
            " ({} list prices in {}, as of {})",
            p.region, p.currency, p.as_of
        ),
        Err(_) => String::new(),
    };
    r.tagged(
        "\\fIrules/pricing.yaml\\fR (built in)",
        &format!(
            "The price table for the cost estimate{prices}, each price with its source. \
             `--pricing` *PATH* replaces it; it is validated like a pack, and its `assumptions` \
             block holds every guess the estimate makes, so a team can tune them; \
             `dbadvisor rules show --pricing` prints it."
        ),
    );
    r.tagged(
        &inline("`--rules` *PATH*, `--pricing` *PATH*"),
        "A decision pack or price table in YAML, at most 16\u{a0}MiB, validated before use; errors \
         name the line.",
    );
    r.tagged(
        &inline("`--input` *PATH*"),
        "A workload document (JSON or YAML) or a JSON Lines stream; `-` is stdin.",
    );
    r.tagged(
        &inline("`--save` *PATH*"),
        "Where `interview` writes the answers, as workload JSON, atomically (a temporary file \
         beside it, then renamed).",
    );
    r.paragraph("dbadvisor reads no configuration file and writes no file but `--save`'s.");
}

/// An example as the built-in pack's pages give it.
struct Builtin {
    /// The command whose page shows it.
    command: &'static str,
    what: &'static str,
    lines: &'static [&'static str],
    /// What the example takes from the built-in pack, and so how another
    /// pack's manual shows it.
    terms: Terms,
}

/// How an example depends on the pack in use.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Terms {
    /// It names the built-in pack's fields or worked examples: another
    /// pack's manual makes its own in their place.
    BuiltIn,
    /// It works with any pack: shown with `--rules PATH`.
    Any,
    /// It names its own pack file already: shown as it is.
    Own,
}

/// An example on a page.
struct Example {
    /// The command whose page shows it.
    command: &'static str,
    what: String,
    lines: Vec<String>,
}

impl From<&Builtin> for Example {
    fn from(b: &Builtin) -> Self {
        Example {
            command: b.command,
            what: b.what.to_owned(),
            lines: b.lines.iter().map(|l| (*l).to_owned()).collect(),
        }
    }
}

/// The examples for a pack given with `--rules PATH`: the built-in ones
/// name its fields, worked examples and axes, which another pack may not
/// have, so those are made from this pack's (as `--help`'s are), and every
/// command carries `--rules PATH`, so each runs as shown.
fn pack_examples(pack: &Pack, path: &Path) -> Vec<Example> {
    let program = cli::hint_program(Some(path));
    let example = |command: &'static str, what: String, commands: &[String]| Example {
        command,
        what,
        lines: commands.iter().flat_map(|c| on_the_page(c, "")).collect(),
    };
    let mut out = Vec::new();
    let id = cli::hint_example(pack);
    if let Some(id) = id {
        out.push(example(
            "recommend",
            "Answer one of the pack's worked examples:".into(),
            &[format!("{program} recommend --example {id}")],
        ));
    }
    let flags = cli::sample_flags(pack);
    if !flags.is_empty() {
        let (what, weight) = match pack.axes.get(1) {
            Some(axis) => (
                format!(
                    "Describe a workload with flags, weighting {} twice:",
                    axis.title.to_lowercase()
                ),
                format!(" --priority {}=2", axis.id),
            ),
            _ => ("Describe a workload with flags:".to_owned(), String::new()),
        };
        out.push(example(
            "recommend",
            what,
            &[format!("{program} recommend {flags}{weight}")],
        ));
    }
    if let Some(json) = cli::sample_json(pack) {
        out.push(example(
            "recommend",
            "Pipe JSON in and get JSON out; pick one key with jq:".into(),
            &[format!(
                "echo '{json}' | {program} recommend --format json | jq -r .recommendation"
            )],
        ));
    }
    // The rest name nothing of the built-in pack: the same, with --rules.
    for builtin in EXAMPLES.iter().filter(|b| b.terms == Terms::Any) {
        // Each command whole (the built-in lines are broken by hand with
        // ` \`), named with `--rules PATH`, then broken again to fit.
        let mut commands: Vec<String> = Vec::new();
        let mut continued = false;
        for line in builtin.lines {
            let (text, more) = match line.strip_suffix(" \\") {
                Some(text) => (text, true),
                None => (*line, false),
            };
            match commands.last_mut() {
                Some(last) if continued => {
                    last.push(' ');
                    last.push_str(text.trim_start());
                }
                _ => commands.push(text.to_owned()),
            }
            continued = more;
        }
        let commands: Vec<String> = commands
            .iter()
            .map(|c| c.replace("dbadvisor ", &format!("{program} ")))
            .collect();
        out.push(example(builtin.command, builtin.what.to_owned(), &commands));
    }
    if let Some(id) = id {
        out.push(example(
            "recommend",
            "Start from a worked example and show how each figure was reached:".into(),
            &[format!("{program} recommend --example {id} --explain")],
        ));
        out.push(example(
            "examples",
            "List the worked examples, then show one with its result:".into(),
            &[
                format!("{program} examples"),
                format!("{program} examples {id}"),
            ],
        ));
    }
    out.extend(
        EXAMPLES
            .iter()
            .filter(|b| b.terms == Terms::Own)
            .map(Example::from),
    );
    out
}

/// `command` broken to fit a literal block of the page after `indent`
/// (inside a shell loop, say), each line starting with it.
fn on_the_page(command: &str, indent: &str) -> Vec<String> {
    // `broken_command` indents by two, which the page's block does instead.
    cli::broken_command(command, LITERAL_WIDTH + 2 - indent.len())
        .into_iter()
        .map(|l| format!("{indent}{}", l.strip_prefix("  ").unwrap_or(&l)))
        .collect()
}

/// Columns a line of a literal block (an example, the sample document) may
/// take: the page indents them 11 columns, so they fit an 80-column
/// terminal.
const LITERAL_WIDTH: usize = 69;

const EXAMPLES: &[Builtin] = &[
    Builtin {
        command: "recommend",
        what: "Answer one of the source document's worked examples:",
        lines: &["dbadvisor recommend --example erp"],
        terms: Terms::BuiltIn,
    },
    Builtin {
        command: "recommend",
        what: "Describe a workload with flags, weighting scalability twice:",
        lines: &[
            "dbadvisor recommend --use-case gaming --consistency strong \\",
            "    --peak-writes-per-sec 20k --priority scalability=2",
        ],
        terms: Terms::BuiltIn,
    },
    Builtin {
        command: "recommend",
        what: "Pipe JSON in and get JSON out; pick one key with jq:",
        lines: &[
            "echo '{\"use_case\": \"gaming\", \"peak_writes_per_sec\": 20000}' |",
            "    dbadvisor recommend --format json | jq -r .recommendation",
        ],
        terms: Terms::BuiltIn,
    },
    Builtin {
        command: "recommend",
        what: "Answer a YAML file and append the result to a design document:",
        lines: &[
            "dbadvisor recommend --input workload.yaml --format markdown \\",
            "    >> design.md",
        ],
        terms: Terms::Any,
    },
    Builtin {
        command: "recommend",
        what: "Answer a batch: one JSON result line per JSON Lines input line:",
        lines: &[
            "dbadvisor recommend --input workloads.jsonl --format json \\",
            "    > results.jsonl",
        ],
        terms: Terms::Any,
    },
    Builtin {
        command: "recommend",
        what: "Start from an example, change one answer, and show the cost arithmetic:",
        lines: &[
            "dbadvisor recommend --example ecommerce --peak-reads-per-sec 2000 \\",
            "    --aurora-acu 4 --explain",
        ],
        terms: Terms::BuiltIn,
    },
    Builtin {
        command: "interview",
        what:
            "Answer questions on a terminal, save the answers, and get the same result in a script:",
        lines: &[
            "dbadvisor interview --save answers.json",
            "dbadvisor recommend --input answers.json",
        ],
        terms: Terms::Any,
    },
    Builtin {
        command: "examples",
        what: "List the worked examples, then show one with its result:",
        lines: &["dbadvisor examples", "dbadvisor examples gaming"],
        terms: Terms::BuiltIn,
    },
    Builtin {
        command: "schema",
        what: "Save the JSON Schema of a workload for an editor or a validator:",
        lines: &["dbadvisor schema > workload.schema.json"],
        terms: Terms::Any,
    },
    Builtin {
        command: "rules",
        what: "Check a team's own decision pack strictly, then use it:",
        lines: &[
            "dbadvisor rules check team-pack.yaml \\",
            "    --min-coverage 90 --deny-warnings",
            "dbadvisor --rules team-pack.yaml recommend --input workload.json",
        ],
        terms: Terms::Own,
    },
    Builtin {
        command: "completions",
        what: "Install shell completion:",
        lines: &[
            "mkdir -p ~/.local/share/bash-completion/completions",
            "dbadvisor completions bash \\",
            "    > ~/.local/share/bash-completion/completions/dbadvisor",
            "# and in ~/.zshrc, before compinit: fpath=(~/.zfunc $fpath)",
            "mkdir -p ~/.zfunc",
            "dbadvisor completions zsh > ~/.zfunc/_dbadvisor",
            "mkdir -p ~/.config/fish/completions",
            "dbadvisor completions fish \\",
            "    > ~/.config/fish/completions/dbadvisor.fish",
        ],
        terms: Terms::Any,
    },
    Builtin {
        command: "man",
        what: "Read this manual, or one command's page, without installing it:",
        lines: &[
            "dbadvisor man | man -l -",
            "dbadvisor man recommend | man -l -",
        ],
        terms: Terms::Any,
    },
];

// ---------------------------------------------------------------------------
// Usage lines.

/// `dbadvisor recommend [--format FORMAT] … [WORKLOAD FLAGS] [--pricing PATH] …`
fn usage(ctx: &Context, path: &str, cmd: &Command) -> String {
    let mut parts = vec![format!("\\fBdbadvisor {}\\fR", escape(path))];
    let own = ctx.own_args(cmd);
    parts.extend(
        own.iter()
            .filter(|a| !a.is_positional())
            .map(|a| usage_arg(a)),
    );
    if ctx.has_fields(cmd) {
        parts.push(format!("[\\fIWORKLOAD{NBSP}FLAGS\\fR]"));
    }
    for (_, args) in ctx.grouped_args(cmd) {
        parts.extend(args.iter().map(|a| usage_arg(a)));
    }
    parts.extend(
        own.iter()
            .filter(|a| a.is_positional())
            .map(|a| usage_arg(a)),
    );
    parts.join(" ")
}

/// `dbadvisor recommend [OPTIONS] [WORKLOAD FLAGS]`
fn short_usage(ctx: &Context, path: &str, cmd: &Command) -> String {
    let mut parts = vec![format!("\\fBdbadvisor {}\\fR", escape(path))];
    let own = ctx.own_args(cmd);
    if own.iter().any(|a| !a.is_positional()) || !ctx.grouped_args(cmd).is_empty() {
        parts.push("[\\fIOPTIONS\\fR]".to_owned());
    }
    if ctx.has_fields(cmd) {
        parts.push(format!("[\\fIWORKLOAD{NBSP}FLAGS\\fR]"));
    }
    parts.extend(
        own.iter()
            .filter(|a| a.is_positional())
            .map(|a| usage_arg(a)),
    );
    parts.join(" ")
}

fn usage_arg(arg: &Arg) -> String {
    let mut text = if arg.is_positional() {
        format!("\\fI{}\\fR", escape(&value_name(arg)))
    } else {
        let mut name = match arg.get_long() {
            Some(long) => format!("\\fB\\-\\-{}\\fR", escape(long)),
            None => format!(
                "\\fB\\-{}\\fR",
                escape(&arg.get_short().unwrap_or('?').to_string())
            ),
        };
        if takes_value(arg) {
            write!(name, "{NBSP}\\fI{}\\fR", escape(&value_name(arg))).expect("a String");
        }
        name
    };
    if !arg.is_required_set() {
        text = format!("[{text}]");
    }
    if matches!(arg.get_action(), clap::ArgAction::Append) {
        text.push_str("...");
    }
    text
}

fn takes_value(arg: &Arg) -> bool {
    arg.get_action().takes_values()
}

fn value_name(arg: &Arg) -> String {
    match arg.get_value_names() {
        Some(names) if !names.is_empty() => names
            .iter()
            .map(|n| n.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        _ => arg.get_id().as_str().to_uppercase(),
    }
}

fn about(cmd: &Command) -> String {
    cmd.get_about()
        .or(cmd.get_long_about())
        .map(ToString::to_string)
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// Roff.

/// An unbreakable space in roff.
const NBSP: &str = "\\ ";

/// Code spans up to this long are not broken across lines.
const SHORT_CODE: usize = 24;

/// A man page being written: requests and text lines, escaped.
#[derive(Default)]
struct Roff(String);

impl Roff {
    fn title(&mut self, title: &str) {
        self.0
            .push_str(".\\\" Generated by `dbadvisor man`; edit src/man.rs, not this file.\n");
        let source = format!("dbadvisor {}", env!("CARGO_PKG_VERSION"));
        self.request("TH", &[title, "1", "", &source, "User Commands"]);
        // Ragged right and no hyphenation: flags and field names stay whole
        // and can be searched for and copied.
        self.0.push_str(".ad l\n.nh\n");
    }

    /// A request or macro line; the arguments are plain text, escaped and quoted.
    fn request(&mut self, name: &str, args: &[&str]) {
        self.0.push('.');
        self.0.push_str(name);
        for arg in args {
            self.0.push_str(" \"");
            self.0.push_str(&escape(arg).replace('"', "\\(dq"));
            self.0.push('"');
        }
        self.0.push('\n');
    }

    /// Filled text, already in roff: a line that would start with a control
    /// character is protected, and blank lines (which would break) dropped.
    fn text(&mut self, roff: &str) {
        for line in roff.lines().map(str::trim).filter(|l| !l.is_empty()) {
            self.guarded(line);
        }
    }

    fn guarded(&mut self, line: &str) {
        if line.starts_with('.') || line.starts_with('\'') {
            self.0.push_str("\\&");
        }
        self.0.push_str(line);
        self.0.push('\n');
    }

    fn section(&mut self, title: &str) {
        self.request("SH", &[title]);
    }

    fn subsection(&mut self, title: &str) {
        self.request("SS", &[title]);
    }

    /// A paragraph of markup (see [`inline`]).
    fn paragraph(&mut self, markup: &str) {
        self.request("PP", &[]);
        self.text(&inline(markup));
    }

    /// A tagged paragraph: `tag` in roff, the body in markup.
    fn tagged(&mut self, tag: &str, body: &str) {
        self.request("TP", &[]);
        self.text(tag);
        self.text(&inline(body));
    }

    /// Usage forms, each on its own line, wrapped ones indented under the first.
    fn synopsis(&mut self, forms: &[String]) {
        self.request("PP", &[]);
        self.0.push_str(".in +4n\n");
        for (i, form) in forms.iter().enumerate() {
            if i > 0 {
                self.0.push_str(".br\n");
            }
            self.0.push_str(".ti -4n\n");
            self.text(form);
        }
        self.0.push_str(".in -4n\n");
    }

    /// Lines shown exactly as written: no filling, no reflow.
    fn literal(&mut self, lines: &[String]) {
        self.request("PP", &[]);
        self.0.push_str(".RS 4\n.nf\n");
        for line in lines {
            if line.is_empty() {
                self.0.push_str("\\&\n");
            } else {
                self.guarded(&escape(line));
            }
        }
        self.0.push_str(".fi\n.RE\n");
    }

    fn example(&mut self, example: &Example) {
        self.paragraph(&example.what);
        self.literal(&example.lines);
    }

    /// One option or argument: its names and value, help, default and
    /// accepted values.
    fn option(&mut self, arg: &Arg) {
        let mut tag = if arg.is_positional() {
            format!("\\fI{}\\fR", escape(&value_name(arg)))
        } else {
            let mut names = Vec::new();
            if let Some(short) = arg.get_short() {
                names.push(format!("\\fB\\-{}\\fR", escape(&short.to_string())));
            }
            if let Some(long) = arg.get_long() {
                names.push(format!("\\fB\\-\\-{}\\fR", escape(long)));
            }
            let mut tag = names.join(", ");
            if takes_value(arg) {
                write!(tag, " \\fI{}\\fR", escape(&value_name(arg))).expect("a String");
            }
            tag
        };
        if matches!(arg.get_action(), clap::ArgAction::Append) {
            tag.push_str(" ...");
        }
        self.request("TP", &[]);
        self.text(&tag);

        let help = arg
            .get_long_help()
            .or(arg.get_help())
            .map(ToString::to_string)
            .unwrap_or_default();
        let mut paragraphs: Vec<String> = help
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| help_text(&p.replace('\n', " ")))
            .collect();

        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|d| format!("\\fB{}\\fR", escape(&d.to_string_lossy())))
            .collect();
        if !defaults.is_empty() && takes_value(arg) && !arg.is_hide_default_value_set() {
            let last = paragraphs.pop().unwrap_or_default();
            paragraphs.push(
                format!("{last} Default: {}.", defaults.join(", "))
                    .trim()
                    .to_owned(),
            );
        }

        let values: Vec<_> = if arg.is_hide_possible_values_set() {
            Vec::new()
        } else {
            arg.get_possible_values()
                .into_iter()
                .filter(|v| !v.is_hide_set())
                .collect()
        };
        let labelled = values.iter().any(|v| v.get_help().is_some());
        if !values.is_empty() && !labelled {
            let words: Vec<String> = values
                .iter()
                .map(|v| {
                    let mut names = v.get_name_and_aliases();
                    let name = format!("\\fB{}\\fR", escape(names.next().unwrap_or_default()));
                    let aliases: Vec<String> =
                        names.map(|a| format!("\\fB{}\\fR", escape(a))).collect();
                    if aliases.is_empty() {
                        name
                    } else {
                        format!("{name} (or {})", aliases.join(", "))
                    }
                })
                .collect();
            let last = paragraphs.pop().unwrap_or_default();
            paragraphs.push(
                format!("{last} One of: {}.", words.join(", "))
                    .trim()
                    .to_owned(),
            );
        }
        for (i, p) in paragraphs.iter().enumerate() {
            if i > 0 {
                self.0.push_str(".IP\n");
            }
            self.text(p);
        }

        if labelled {
            let width = values
                .iter()
                .map(|v| v.get_name().len())
                .max()
                .unwrap_or(0)
                .clamp(4, 20)
                + 2;
            self.0.push_str(".RS\n.PD 0\n");
            for v in values {
                self.0.push_str(&format!(".TP {width}\n"));
                self.text(&format!("\\fB{}\\fR", escape(v.get_name())));
                let label = v.get_help().map(ToString::to_string).unwrap_or_default();
                self.text(&render_markup(&label, &['`']));
            }
            self.0.push_str(".PD\n.RE\n");
        }
    }

    fn finish(self) -> String {
        self.0
    }
}

/// Escapes plain text for roff: backslashes, dashes (so flags stay ASCII
/// hyphen-minus and searchable), quotes and accents that groff would turn
/// into typographic ones, and every non-ASCII character as `\[uXXXX]`, so the
/// page renders the same whatever the reader's locale and preprocessor.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\e"),
            '-' => out.push_str("\\-"),
            '\'' => out.push_str("\\(aq"),
            '`' => out.push_str("\\(ga"),
            '~' => out.push_str("\\(ti"),
            '^' => out.push_str("\\(ha"),
            '\t' => out.push(' '),
            '\u{a0}' => out.push_str(NBSP),
            c if c.is_ascii() => out.push(c),
            c => write!(out, "\\[u{:04X}]", u32::from(c)).expect("a String"),
        }
    }
    out
}

/// Markup for the prose here: `` `code` `` is bold, `*word*` italic and
/// `**SECTION**` a bold cross-reference; everything else is escaped. A short
/// code span is kept on one line.
fn inline(markup: &str) -> String {
    render_markup(markup, &['`', '*'])
}

/// Help texts from the command line and the pack: only `` `code` `` is
/// markup (a `*` there is a literal), and the text ends as a sentence.
fn help_text(text: &str) -> String {
    let text = text.trim();
    let end = if text.ends_with(|c: char| c.is_alphanumeric() || c == ')' || c == '`') {
        "."
    } else {
        ""
    };
    format!("{}{end}", render_markup(text, &['`']))
}

fn render_markup(markup: &str, marks: &[char]) -> String {
    let mut out = String::new();
    let mut rest = markup;
    while let Some(i) = rest.find(marks) {
        out.push_str(&escape(&rest[..i]));
        let (open, font) = if rest[i..].starts_with("**") {
            ("**", "B")
        } else if rest[i..].starts_with('`') {
            ("`", "B")
        } else {
            ("*", "I")
        };
        let after = &rest[i + open.len()..];
        match after.find(open) {
            Some(j) => {
                let span = &after[..j];
                let span = if open == "`" && span.len() <= SHORT_CODE {
                    escape(span).replace(' ', NBSP)
                } else {
                    escape(span)
                };
                write!(out, "\\f{font}{span}\\fR").expect("a String");
                rest = &after[j + open.len()..];
            }
            None => {
                out.push_str(&escape(open));
                rest = after;
            }
        }
    }
    out.push_str(&escape(rest));
    out
}

/// What a result shows after the scores, as far as the pack has it: the
/// closest worked example when it has examples (from the source document
/// when it names one), and the cost estimate for the candidates a price
/// table prices.
fn shows(pack: &Pack) -> Vec<String> {
    let mut parts = vec![
        "the rules that decided it and the source each one cites".to_owned(),
        "every single answer that would change the recommendation".to_owned(),
        "how solid the answer is".to_owned(),
    ];
    if !pack.examples.is_empty() {
        parts.push(if pack.source.is_empty() {
            "the closest worked example".to_owned()
        } else {
            "the closest worked example from the source document".to_owned()
        });
    }
    let priced: Vec<String> = pack
        .candidates
        .iter()
        .filter(|c| crate::estimate::PRICED.contains(&c.id.as_str()))
        .map(|c| c.name.clone())
        .collect();
    if priced.len() == pack.candidates.len() {
        parts.push("an estimate of each candidate's capacity and monthly cost".to_owned());
    } else if !priced.is_empty() {
        parts.push(format!(
            "an estimate of the capacity and monthly cost of {}",
            join_words(&priced)
        ));
    }
    parts
}

/// `a, b and c`.
fn join_words(words: &[String]) -> String {
    join_with(words, "and")
}

/// `a, b or c`.
fn join_words_or(words: &[String]) -> String {
    join_with(words, "or")
}

fn join_with(words: &[String], last: &str) -> String {
    match words {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., tail] => format!("{} {last} {tail}", init.join(", ")),
    }
}

fn number_word(n: usize) -> String {
    const WORDS: [&str; 10] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| (*w).to_owned())
}

/// `Recommends …` → `recommends …` for the NAME line; a first word in
/// capitals (`JSON`) is left alone.
fn lower_first(text: &str) -> String {
    let first_word = text.split_whitespace().next().unwrap_or_default();
    let mut chars = first_word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() && chars.all(|c| !c.is_uppercase()) => {
            let mut out: String = c.to_lowercase().collect();
            out.push_str(&text[c.len_utf8()..]);
            out
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_keeps_flags_ascii_and_quotes_straight() {
        assert_eq!(escape("--peak"), "\\-\\-peak");
        assert_eq!(escape("it's `x` a\\b"), "it\\(aqs \\(gax\\(ga a\\eb");
        assert_eq!(escape("a → b ×"), "a \\[u2192] b \\[u00D7]");
        assert_eq!(escape("~/x ^"), "\\(ti/x \\(ha");
    }

    #[test]
    fn inline_markup() {
        assert_eq!(
            inline("use `--x` on *PATH*"),
            "use \\fB\\-\\-x\\fR on \\fIPATH\\fR"
        );
        assert_eq!(inline("see **FILES**."), "see \\fBFILES\\fR.");
        assert_eq!(inline("2 * 3"), "2 * 3");
    }

    #[test]
    fn text_lines_never_start_with_a_control_character() {
        let mut r = Roff::default();
        r.text(".hidden\n'also");
        r.literal(&[".dot".to_owned()]);
        assert!(r.0.contains("\\&.hidden\n"));
        assert!(r.0.contains("\\&.dot\n"));
        assert!(r.0.contains("\\&'also\n"));
        assert_eq!(inline("'quoted'"), "\\(aqquoted\\(aq");
    }

    #[test]
    fn pages_are_the_commands() {
        let pack = Pack::embedded().unwrap();
        let names: Vec<String> = cli::command(&pack)
            .get_subcommands()
            .map(|c| c.get_name().to_owned())
            .collect();
        assert_eq!(names, PAGES.map(str::to_owned).to_vec());
        for name in PAGES {
            assert!(page(&pack, None, Some(name)).is_ok(), "{name}");
        }
        assert!(page(&pack, None, Some("bogus")).is_err());
    }

    #[test]
    fn lowercase_first() {
        assert_eq!(lower_first("Print it"), "print it");
        assert_eq!(lower_first("JSON thing"), "JSON thing");
    }
}
