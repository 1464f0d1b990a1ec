//! `dbadvisor man [COMMAND]`: the roff is well formed, the page is complete
//! (every command, the workload flags, exit status, environment, files,
//! examples kept line for line), it names only pages that can be printed,
//! and it renders with groff and man when they are installed.

mod common;

use common::{dbadvisor, run};
use dbadvisor::error::exit;
use std::io::{Read, Write};
use std::process::{Command, Stdio};

/// The commands with a page of their own (a unit test keeps this list in
/// step with the subcommands).
const COMMANDS: [&str; 7] = dbadvisor::man::PAGES;

fn page(args: &[&str]) -> String {
    let mut all = vec!["man"];
    all.extend_from_slice(args);
    let (code, stdout, stderr) = run(&all, "");
    assert_eq!(code, 0, "dbadvisor {all:?}: {stderr}");
    assert_eq!(stderr, "", "dbadvisor {all:?} writes nothing on stderr");
    stdout
}

/// The roff source as plain text, near enough to search: fonts dropped,
/// the escapes dbadvisor uses turned back into their characters.
fn plain(roff: &str) -> String {
    let mut text = roff
        .replace("\\fB", "")
        .replace("\\fI", "")
        .replace("\\fR", "")
        .replace("\\-", "-")
        .replace("\\(aq", "'")
        .replace("\\(ga", "`")
        .replace("\\(ti", "~")
        .replace("\\(ha", "^")
        .replace("\\(dq", "\"")
        .replace("\\ ", " ")
        .replace("\\&", "");
    text = text.replace("\\e", "\\");
    text
}

/// Whether `tool` is on the PATH (CI may have neither groff nor man).
fn have(tool: &str) -> bool {
    Command::new("which")
        .arg(tool)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Feeds `input` to `program args` and returns (stdout, stderr, success).
fn filter(
    program: &str,
    args: &[&str],
    env: &[(&str, &str)],
    input: &str,
) -> (String, String, bool) {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("the tool runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_owned();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(input.as_bytes());
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    (
        strip_terminal_codes(&String::from_utf8_lossy(&out.stdout)),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

/// Drops overstriking (`x\bx`, `_\bx`) and SGR escapes, as `col -b` would.
fn strip_terminal_codes(text: &str) -> String {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{8}' => {
                out.pop();
            }
            '\u{1b}' => {
                for d in chars.by_ref() {
                    if d.is_ascii_alphabetic() {
                        break;
                    }
                }
            }
            c => out.push(c),
        }
    }
    out.into_iter().collect()
}

/// The lines of section `name` in rendered text (up to the next heading).
fn section<'a>(rendered: &'a str, name: &str) -> Vec<&'a str> {
    rendered
        .lines()
        .skip_while(|l| l.trim_end() != name)
        .skip(1)
        .take_while(|l| l.is_empty() || l.starts_with(' ') || l.starts_with('\t'))
        .collect()
}

/// Every `dbadvisor-NAME(1)` named in `text`, NAME in lower case.
fn page_references(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in text.match_indices("dbadvisor-") {
        let rest = &text[i + "dbadvisor-".len()..];
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '-')
            .collect();
        if !name.is_empty() && rest[name.len()..].starts_with("(1)") {
            found.push(name);
        }
    }
    found
}

#[test]
fn the_roff_uses_only_known_requests_and_no_text_line_is_a_request() {
    let known = [
        "TH", "SH", "SS", "PP", "TP", "IP", "RS", "RE", "PD", "nf", "fi", "br", "in", "ti", "ad",
        "nh", "\\\"",
    ];
    for args in std::iter::once(vec![]).chain(COMMANDS.iter().map(|c| vec![*c])) {
        let roff = page(&args);
        assert!(roff.starts_with(".\\\""), "{args:?}: starts with a comment");
        assert!(roff.contains("\n.TH "), "{args:?}: has a title");
        for line in roff.lines() {
            if let Some(request) = line.strip_prefix('.') {
                let name: String = request.chars().take_while(|c| !c.is_whitespace()).collect();
                assert!(
                    known.contains(&name.as_str()),
                    "{args:?}: unknown request {line:?}"
                );
            }
            assert!(
                !line.starts_with('\''),
                "{args:?}: {line:?} would be a request"
            );
            assert!(
                line.is_ascii(),
                "{args:?}: non-ASCII left unescaped in {line:?}"
            );
        }
    }
}

#[test]
fn the_top_page_documents_every_command_flag_and_section() {
    let roff = page(&[]);
    let text = plain(&roff);
    for heading in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "GLOBAL OPTIONS",
        "COMMANDS",
        "WORKLOAD FLAGS",
        "COST ESTIMATE OPTIONS",
        "WORKLOAD DOCUMENTS",
        "OUTPUT",
        "EXIT STATUS",
        "ENVIRONMENT",
        "FILES",
        "EXAMPLES",
        "SEE ALSO",
    ] {
        assert!(
            roff.contains(&format!(".SH \"{heading}\"\n")),
            "section {heading} missing"
        );
    }
    for command in [
        "recommend",
        "interview",
        "examples",
        "schema",
        "completions",
        "man",
        "rules check",
        "rules schema",
    ] {
        assert!(
            roff.contains(&format!(".SS \"{command}\"\n")),
            "command {command} has no subsection"
        );
        assert!(
            text.contains(&format!("dbadvisor {command}")),
            "command {command} has no usage line"
        );
    }
    // Every field flag of the pack, generated at run time, with its options.
    let pack = dbadvisor::Pack::embedded().unwrap();
    for field in &pack.fields {
        assert!(
            text.contains(&format!("--{}", field.flag())),
            "--{} missing",
            field.flag()
        );
    }
    for flag in [
        "--peak-writes-per-sec WRITES/S",
        "--server-side-logic yes|no",
        "--use-case OPTION",
        "realtime_analytics",
        "--priority AXIS=WEIGHT",
        "--aurora-acu ACU",
        "--pricing PATH",
        "--rules PATH",
        "--color WHEN",
        "--save PATH",
        "--no-input",
        "--min-coverage PCT",
        "--deny-warnings",
        "--explain",
    ] {
        assert!(text.contains(flag), "{flag} missing");
    }
    assert!(text.contains("NO_COLOR"));
    assert!(text.contains(&format!("pack aurora-vs-dynamodb version {}", pack.version)));
    // The old stub's section names are gone.
    assert!(!roff.contains(".SH EXTRA"));
}

#[test]
fn examples_are_literal_blocks_kept_line_for_line() {
    let roff = page(&[]);
    let examples = &roff[roff.find(".SH \"EXAMPLES\"").expect("EXAMPLES")..];
    let block = examples
        .find(".nf\n")
        .expect("an example is a no-fill block");
    assert!(examples[block..].contains(".fi\n"), "the block is closed");
    for line in [
        "dbadvisor recommend \\-\\-example erp",
        "dbadvisor recommend \\-\\-use\\-case gaming \\-\\-consistency strong \\e",
        "    \\-\\-peak\\-writes\\-per\\-sec 20k \\-\\-priority scalability=2",
        "for c in recommend interview examples schema completions man \\e",
        "    rules; do",
    ] {
        assert!(
            examples.lines().any(|l| l == line),
            "example line {line:?} is not one source line"
        );
    }
}

#[test]
fn it_names_only_pages_that_can_be_printed() {
    let top = plain(&page(&[]));
    let mut named = page_references(&top);
    for command in COMMANDS {
        let sub = plain(&page(&[command]));
        assert!(sub.contains(".TH \"DBADVISOR-"), "{command}");
        assert!(
            sub.contains(&format!(".TH \"DBADVISOR-{}\"", command.to_uppercase())),
            "{command}: its own title"
        );
        assert!(
            sub.contains("dbadvisor(1)"),
            "{command}: points back to dbadvisor(1)"
        );
        named.extend(page_references(&sub));
    }
    assert!(
        named.contains(&"recommend".to_owned()),
        "SEE ALSO lists the command pages"
    );
    for name in named {
        let (code, stdout, stderr) = run(&["man", &name], "");
        assert_eq!(
            code, 0,
            "dbadvisor-{name}(1) is named but cannot be printed: {stderr}"
        );
        assert!(plain(&stdout).contains(&format!(".TH \"DBADVISOR-{}\"", name.to_uppercase())));
    }
    let (code, _, stderr) = run(&["man", "bogus"], "");
    assert_eq!(code, i32::from(exit::USAGE));
    assert!(stderr.contains("possible values"), "{stderr}");
}

#[test]
fn command_pages_carry_their_own_options() {
    let recommend = plain(&page(&["recommend"]));
    for needle in [
        "dbadvisor-recommend - recommend a database",
        "--peak-writes-per-sec",
        "--example ID",
        "WORKLOAD DOCUMENTS",
        "EXIT STATUS",
        "NO_COLOR",
        "GLOBAL OPTIONS",
    ] {
        assert!(
            recommend.contains(needle),
            "recommend page: {needle} missing"
        );
    }
    let rules = plain(&page(&["rules"]));
    for needle in ["rules check", "rules schema", "--min-coverage PCT"] {
        assert!(rules.contains(needle), "rules page: {needle} missing");
    }
    assert!(
        !plain(&page(&["schema"])).contains("--peak-writes-per-sec"),
        "schema takes no workload flags"
    );
}

#[test]
fn the_page_documents_the_pack_in_use() {
    let yaml = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/rules/aurora-vs-dynamodb.yaml"
    ))
    .unwrap();
    let yaml: String = yaml
        .lines()
        .map(|l| {
            if l.starts_with("version:") {
                "version: 9.9.9-man-test"
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.yaml");
    std::fs::write(&path, yaml).unwrap();
    let (code, stdout, stderr) = run(&["--rules", path.to_str().unwrap(), "man"], "");
    assert_eq!(code, 0, "{stderr}");
    assert!(plain(&stdout).contains("aurora-vs-dynamodb version 9.9.9-man-test"));
}

#[test]
fn a_closed_stdout_is_not_an_error() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("dbadvisor"))
        .arg("man")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here, like `dbadvisor man | head -c 16`.
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn groff_renders_every_page_without_warnings() {
    if !have("groff") {
        eprintln!("skipped: groff is not installed");
        return;
    }
    for args in std::iter::once(vec![]).chain(COMMANDS.iter().map(|c| vec![*c])) {
        let roff = page(&args);
        let (rendered, warnings, ok) = filter(
            "groff",
            &["-man", "-Tutf8", "-ww"],
            &[("GROFF_NO_SGR", "1")],
            &roff,
        );
        assert!(ok, "{args:?}: groff failed: {warnings}");
        assert_eq!(warnings, "", "{args:?}: groff warns");
        assert!(rendered.contains("NAME"), "{args:?}");
        assert!(rendered.contains("EXIT STATUS"), "{args:?}");
    }

    let (rendered, _, _) = filter(
        "groff",
        &["-man", "-Tutf8"],
        &[("GROFF_NO_SGR", "1")],
        &page(&[]),
    );
    // Flags come out as plain hyphen-minus, so they can be searched and copied.
    assert!(
        rendered.contains("--peak-writes-per-sec WRITES/S"),
        "{rendered}"
    );
    for command in [
        "recommend",
        "interview",
        "examples",
        "schema",
        "completions",
        "man",
    ] {
        assert!(
            rendered.lines().any(|l| l.trim() == command),
            "{command} subsection heading"
        );
    }
    assert!(rendered.lines().any(|l| l.trim() == "rules check"));

    let exit_status = section(&rendered, "EXIT STATUS");
    for code in [
        exit::OK,
        exit::INTERNAL,
        exit::USAGE,
        exit::INVALID,
        exit::INTERRUPTED,
    ] {
        assert!(
            exit_status
                .iter()
                .any(|l| l.trim_start().starts_with(&format!("{code} "))),
            "exit code {code} missing from EXIT STATUS: {exit_status:#?}"
        );
    }
    let environment = section(&rendered, "ENVIRONMENT");
    assert!(
        environment.iter().any(|l| l.trim() == "NO_COLOR"),
        "{environment:#?}"
    );

    // Examples are not reflowed: each line comes out whole, on a line of its
    // own.
    for line in [
        "dbadvisor recommend --example erp",
        "dbadvisor recommend --use-case gaming --consistency strong \\",
        "--peak-writes-per-sec 20k --priority scalability=2",
        "dbadvisor man recommend | man -l -",
        "for c in recommend interview examples schema completions man \\",
        "rules; do",
        "echo '{\"use_case\": \"gaming\", \"peak_writes_per_sec\": 20000}' |",
    ] {
        assert!(
            rendered.lines().any(|l| l.trim() == line),
            "example line {line:?} was reflowed:\n{}",
            section(&rendered, "EXAMPLES").join("\n")
        );
    }
}

#[test]
fn man_reads_the_page_from_stdin() {
    if !have("man") || !have("groff") {
        eprintln!("skipped: man or groff is not installed");
        return;
    }
    let (rendered, stderr, ok) = filter(
        "man",
        &["-l", "-"],
        &[
            ("MANPAGER", "cat"),
            ("PAGER", "cat"),
            ("MANWIDTH", "80"),
            ("GROFF_NO_SGR", "1"),
        ],
        &page(&[]),
    );
    assert!(ok, "man -l - failed: {stderr}");
    assert!(rendered.contains("DBADVISOR(1)"), "{rendered}");
    assert!(rendered.contains("WORKLOAD FLAGS"));
}

#[test]
fn help_for_man_names_the_pages() {
    let out = dbadvisor().args(["man", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("[COMMAND]"), "{help}");
    assert!(help.contains("recommend"), "{help}");
}

/// With `--rules PATH`, the manual is in that pack's terms: its examples
/// use its flags and carry `--rules PATH` (so they run as shown), and the
/// prose names none of the built-in pack's flags or limits.
#[test]
fn another_packs_manual_speaks_its_terms() {
    let pack = "tests/fixtures/caution-pack.yaml";
    let (code, stdout, stderr) = run(&["--rules", pack, "man"], "");
    assert_eq!(code, 0, "{stderr}");
    let text = plain(&stdout);
    for absent in [
        "--use-case",
        "use_case",
        "DynamoDB's 400 KB",
        "under 1 ms",
        "one axes",
    ] {
        assert!(!text.contains(absent), "{absent} in: {text}");
    }
    assert!(text.contains("on one axis (fit)"), "{text}");
    assert!(
        text.contains("A veto, a documented hard limit, rules"),
        "{text}"
    );
    let examples = text
        .split("\n.SH \"EXAMPLES\"")
        .nth(1)
        .and_then(|rest| rest.split("\n.SH ").next())
        .unwrap();
    // A command broken to fit the page (` \` at a line's end) is one.
    let examples = examples.lines().fold(String::new(), |mut joined, line| {
        match joined.strip_suffix(" \\") {
            Some(head) => joined = format!("{head} {}", line.trim_start()),
            None => {
                joined.push('\n');
                joined.push_str(line);
            }
        }
        joined
    });
    let mut commands = 0;
    for line in examples.lines().filter(|l| l.contains("dbadvisor ")) {
        if line.contains("rules check") || line.contains("team-pack.yaml") {
            continue;
        }
        assert!(
            line.contains(&format!("dbadvisor --rules {pack} ")),
            "{line}"
        );
        commands += 1;
    }
    assert!(commands >= 8, "{examples}");
    // Its own flags, run as the example shows them.
    assert!(examples.contains("recommend --size 1"), "{examples}");
    let (code, _, stderr) = run(
        &[
            "--rules",
            pack,
            "recommend",
            "--size",
            "1",
            "--fragile",
            "yes",
        ],
        "",
    );
    assert_eq!(code, 0, "{stderr}");
}

/// The shell commands of a page's EXAMPLES section, as a script: every
/// no-fill block, its roff escapes turned back into characters.
fn example_script(roff: &str) -> String {
    let examples = roff
        .split("\n.SH \"EXAMPLES\"")
        .nth(1)
        .and_then(|rest| rest.split("\n.SH ").next())
        .expect("an EXAMPLES section");
    let mut script = String::new();
    for block in examples.split("\n.nf\n").skip(1) {
        let block = block.split("\n.fi").next().unwrap();
        script.push_str(&plain(block));
        script.push('\n');
    }
    script
}

/// Every example, with the built-in pack and with another one (whose
/// commands carry `--rules PATH` and are broken again to fit), pastes into
/// a shell as shown: `bash -n` finds no syntax error. A comment once had a
/// ` \` put inside it, which continues nothing, so the shell ran the rest
/// of the comment (`$fpath)`) as a command and stopped at its `)`.
#[cfg(unix)]
#[test]
fn every_example_pastes_into_a_shell() {
    if !have("bash") {
        eprintln!("skipped: bash is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("a-team-pack-with-a-long-name.yaml");
    std::fs::copy("tests/fixtures/caution-pack.yaml", &pack).unwrap();
    let pack = pack.to_str().unwrap();
    for args in [
        vec!["man"],
        vec!["man", "completions"],
        vec!["--rules", pack, "man"],
        vec!["--rules", pack, "man", "completions"],
    ] {
        let (code, roff, stderr) = run(&args, "");
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let script = example_script(&roff);
        assert!(script.contains("~/.zfunc"), "{args:?}: {script}");
        let (_, errors, ok) = filter("bash", &["-n"], &[], &script);
        assert!(ok, "{args:?}: bash -n: {errors}\n{script}");
        // The comment is one line, whole, before the command it explains.
        assert!(
            script.contains(
                "\n# and in ~/.zshrc, before compinit: fpath=(~/.zfunc $fpath)\nmkdir -p ~/.zfunc\n"
            ),
            "{args:?}: {script}"
        );
    }
}

/// Every list of the interview takes a typed answer (`key-value⏎` at the
/// data shape, `no⏎` at a yes/no question: `a_full_terminal_takes_answers_
/// typed_as_words` in tests/interview_pty.rs); the help and the page once
/// said typing worked on a yes/no question only.
#[test]
fn the_interview_help_says_every_list_takes_a_typed_answer() {
    let (code, help, stderr) = run(&["interview", "--help"], "");
    assert_eq!(code, 0, "{stderr}");
    let page = plain(&page(&["interview"]));
    for (what, text) in [("--help", help.replace('\n', " ")), ("man", page)] {
        assert!(
            !text.contains("on a yes/no question, typing"),
            "{what}: {text}"
        );
        assert!(text.contains("key-value"), "{what}: {text}");
    }
}

/// The sample document under WORKLOAD DOCUMENTS, for the built-in pack and
/// another, is a workload the pack accepts, its lines within 80 columns on
/// the page (11 of indentation): another pack's was one line of 122.
#[test]
fn the_sample_document_is_a_workload_that_fits_the_page() {
    for args in [
        &["man"][..],
        &["--rules", "rules/aurora-vs-dynamodb.yaml", "man"],
        &["--rules", "tests/fixtures/caution-pack.yaml", "man"],
    ] {
        let (code, stdout, stderr) = run(args, "");
        assert_eq!(code, 0, "{stderr}");
        let text = plain(&stdout);
        let block: Vec<&str> = text
            .split("For example:")
            .nth(1)
            .and_then(|rest| rest.split(".nf\n").nth(1))
            .and_then(|rest| rest.split("\n.fi").next())
            .unwrap()
            .lines()
            .collect();
        for line in &block {
            assert!(line.chars().count() + 11 <= 80, "{args:?}: {line}");
        }
        let document = block.concat();
        serde_json::from_str::<serde_json::Value>(&document)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {document}"));
        let mut recommend: Vec<&str> = args[..args.len() - 1].to_vec();
        recommend.extend(["recommend", "--format", "json"]);
        let (code, _, stderr) = run(&recommend, &document);
        assert_eq!(code, 0, "{args:?}: {document}: {stderr}");
    }
}

/// Every line of a literal block (examples, install commands, the sample
/// document) fits an 80-column terminal, which indents them 11 columns, on
/// every page and with another pack's `--rules PATH` inserted: examples
/// were up to 90 columns (100 with `--rules`). Broken lines keep a
/// redirection with its file and `; do` whole.
#[test]
fn literal_lines_fit_an_80_column_page() {
    let mut manuals: Vec<Vec<&str>> = Vec::new();
    for rules in [
        &[][..],
        &["--rules", "rules/aurora-vs-dynamodb.yaml"],
        &["--rules", "tests/fixtures/caution-pack.yaml"],
    ] {
        for command in std::iter::once("").chain(COMMANDS) {
            let mut args = rules.to_vec();
            args.push("man");
            if !command.is_empty() {
                args.push(command);
            }
            manuals.push(args);
        }
    }
    for args in manuals {
        let (code, stdout, stderr) = run(&args, "");
        assert_eq!(code, 0, "{args:?}: {stderr}");
        let text = plain(&stdout);
        let mut literal = false;
        for line in text.lines() {
            match line {
                ".nf" => literal = true,
                ".fi" => literal = false,
                _ if literal => {
                    assert!(
                        line.chars().count() + 11 <= 80,
                        "{args:?}: {} columns: {line}",
                        line.chars().count() + 11
                    );
                    let trimmed = line.trim();
                    assert!(
                        !trimmed.ends_with("> \\")
                            && trimmed != "do"
                            && !trimmed.starts_with("do "),
                        "{args:?}: {line}"
                    );
                }
                _ => {}
            }
        }
    }
}
