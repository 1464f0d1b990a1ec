//! The interview driven through a real pseudo-terminal, as a person would:
//! wait for each prompt, answer it, read the result.

mod common;

use dbadvisor::pack::FieldKind;
use dbadvisor::{Pack, Value, Workload};
use rexpect::process::WaitStatus;
use rexpect::session::PtySession;
use rexpect::ReadUntil;
use std::process::Command;

const TIMEOUT_MS: u64 = 15_000;
const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const SHOW_CURSOR: &str = "\x1b[?25h";
const HIDE_CURSOR: &str = "\x1b[?25l";

/// A session on a pseudo-terminal that keeps everything the program wrote
/// (prompts, escape sequences), so a test can look at the whole of it.
struct Pty {
    session: PtySession,
    /// rexpect hands out bytes one `char` each: kept as bytes here.
    written: Vec<u8>,
}

impl Pty {
    fn keep(&mut self, text: &str) {
        // Every char came from one byte (see `written`).
        self.written.extend(
            text.chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?')),
        );
    }

    fn exp_string(&mut self, needle: &str) {
        let before = self
            .session
            .exp_string(needle)
            .unwrap_or_else(|e| panic!("waiting for {needle:?}: {e}"));
        self.keep(&before);
        self.keep(needle);
    }

    /// Waits for the first of `needles`; returns it.
    fn exp_any(&mut self, needles: Vec<ReadUntil>) -> String {
        let (before, found) = self.session.exp_any(needles).expect("an expected text");
        self.keep(&before);
        self.keep(&found);
        found
    }

    fn exp_eof(&mut self) {
        let rest = self.session.exp_eof().expect("the program ends");
        self.keep(&rest);
    }

    /// Types keys once the prompt has had a moment to switch the terminal to
    /// raw mode (it draws the prompt first, then starts reading keys).
    fn press(&mut self, keys: &str) {
        std::thread::sleep(std::time::Duration::from_millis(60));
        self.session.send(keys).unwrap();
        self.session.flush().unwrap();
    }

    fn ctrl_c(&mut self) {
        self.session.send_control('c').unwrap();
    }

    fn exit_code(&self) -> i32 {
        match self.session.process().wait().unwrap() {
            WaitStatus::Exited(_, code) => code,
            other => panic!("did not exit normally: {other:?}"),
        }
    }

    /// Everything written so far, as text.
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.written).into_owned()
    }
}

fn bin() -> String {
    assert_cmd::cargo::cargo_bin("dbadvisor")
        .display()
        .to_string()
}

/// Spawns `sh -c SCRIPT` on a pseudo-terminal with a clean, colourless environment.
fn spawn(script: &str) -> Pty {
    spawn_with(script, true)
}

/// [`spawn`], with colour allowed when `plain` is false.
fn spawn_with(script: &str, plain: bool) -> Pty {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", script])
        .env("TERM", "xterm")
        .env("COLUMNS", "200")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE");
    if plain {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    Pty {
        session: rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).expect("a pseudo-terminal"),
        written: Vec::new(),
    }
}

const SETTLED: &str = "Answer the remaining questions anyway?";
const PRIORITIES: &str = "Does one of these matter more than the others?";
/// Printed once the questions are over, also when `--save` then fails.
const DONE: &str = "Same result in a script:";
/// The first line of a result table, printed before [`DONE`] when the result
/// goes to the terminal too: its text must not be read as prompts.
const RESULT: &str = "Recommendation: ";

/// Waits for the next prompt: a field's question (returned as its text), the
/// "settled" offer, the priorities question or the end of the questions.
/// Field questions are found after their "Question N" line, because an
/// answered prompt is redrawn with its question and must not be taken for a
/// new one.
fn next_prompt(p: &mut Pty, pack: &Pack) -> String {
    // "Question N — at most M left after this one", "— the last one", or
    // "— the last about the workload" (the weighing question follows).
    let found = p.exp_any(vec![
        ReadUntil::String("at most ".into()),
        ReadUntil::String("the last one".into()),
        ReadUntil::String("the last about the workload".into()),
        ReadUntil::String(SETTLED.into()),
        ReadUntil::String(PRIORITIES.into()),
        ReadUntil::String(DONE.into()),
        ReadUntil::String(RESULT.into()),
    ]);
    if found == RESULT {
        p.exp_string(DONE);
        return DONE.to_owned();
    }
    if [SETTLED, PRIORITIES, DONE].contains(&found.as_str()) {
        return found;
    }
    let questions = pack
        .fields
        .iter()
        .map(|f| ReadUntil::String(f.question.clone()))
        .collect();
    p.exp_any(questions)
}

/// Leaves number questions unanswered up to the next list, once it is
/// drawn (its "Not sure" shown), and returns that question's field id.
fn next_list(p: &mut Pty, pack: &Pack) -> String {
    loop {
        let found = next_prompt(p, pack);
        assert!(
            ![DONE, SETTLED, PRIORITIES].contains(&found.as_str()),
            "no list came before the end of the questions: {}",
            p.text()
        );
        let field = pack.fields.iter().find(|f| f.question == found).unwrap();
        if matches!(field.kind, FieldKind::Number(_)) {
            p.exp_string("back]");
            p.press("\r");
            continue;
        }
        p.exp_string("Not sure");
        return field.id.clone();
    }
}

/// Says no to going on once settled, or weighs the axes equally, and waits
/// for the prompt's redrawn, answered copy (so it is not taken for a new one).
fn answer_offer(p: &mut Pty, prompt: &str) {
    if prompt == SETTLED {
        p.exp_string("No");
        p.press("\r"); // the default: no
    } else {
        p.exp_string("Use cases");
        p.press("\r"); // the default: weigh the axes equally
    }
    p.exp_string(prompt);
}

/// Answers every question as `truth` would ("not sure" where it is silent,
/// axes weighed equally, no going on once settled) until the questions are
/// over; returns how many field questions were asked.
fn answer_as(p: &mut Pty, pack: &Pack, truth: &Workload) -> usize {
    let mut asked = 0;
    loop {
        let found = next_prompt(p, pack);
        if found == DONE {
            return asked;
        }
        if found == SETTLED || found == PRIORITIES {
            answer_offer(p, &found);
            continue;
        }
        asked += 1;
        let field = pack
            .fields
            .iter()
            .position(|f| f.question == found)
            .unwrap();
        // Wait for the whole prompt to be drawn before typing.
        match &pack.fields[field].kind {
            FieldKind::Number(spec) => {
                p.exp_string("back]");
                let text = match truth.values[field] {
                    Some(Value::Number(n)) => dbadvisor::number::format(n),
                    _ => String::new(),
                };
                p.press(&format!("{text}\r"));
                // Echoed as understood, grouped and with its unit, as the
                // result shows it (after the question, without the hint).
                if let Some(Value::Number(n)) = truth.values[field] {
                    p.exp_string(&format!(
                        ": {} {}\r\n",
                        dbadvisor::number::GroupedExact(n),
                        spec.unit
                    ));
                }
            }
            kind => {
                p.exp_string("Not sure");
                // The cursor starts on "Not sure", the last entry.
                let last = match kind {
                    FieldKind::Choice(options) => options.len(),
                    _ => 2,
                };
                let index = match truth.values[field] {
                    Some(Value::Choice(i)) => i,
                    Some(Value::Bool(true)) => 0,
                    Some(Value::Bool(false)) => 1,
                    _ => last,
                };
                p.press(&format!("{}\r", UP.repeat(last - index)));
            }
        }
    }
}

/// Answers as the erp worked example until the interview ends: its exit
/// status and everything it wrote.
fn finish_as_erp(p: &mut Pty, pack: &Pack) -> (i32, String) {
    answer_as(p, pack, &pack.example("erp").unwrap().workload);
    p.exp_eof();
    (p.exit_code(), p.text())
}

fn interview_matches_recommend_example(id: &str) {
    let pack = Pack::embedded().unwrap();
    let example = pack.example(id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("answers.json");
    let out = dir.path().join("out.json");
    let mut p = spawn(&format!(
        "{} interview --format json --save {} > {}",
        bin(),
        saved.display(),
        out.display()
    ));
    let asked = answer_as(&mut p, &pack, &example.workload);
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    assert!(
        asked < pack.fields.len(),
        "{id}: settled before every question ({asked} asked)"
    );

    let interview: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    let by_example = common::run(&["recommend", "--example", id, "--format", "json"], "");
    let by_example: serde_json::Value = serde_json::from_str(&by_example.1).unwrap();
    assert_eq!(
        interview["recommendation"], by_example["recommendation"],
        "{id}"
    );

    // --save round trip: byte-identical JSON from `recommend --input`.
    let replay = common::run(
        &[
            "recommend",
            "--input",
            saved.to_str().unwrap(),
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(replay.0, 0, "{}", replay.2);
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        replay.1,
        "{id}: interview and replay differ"
    );
}

#[test]
fn interview_as_the_gaming_example() {
    interview_matches_recommend_example("gaming");
}

#[test]
fn interview_as_the_erp_example() {
    interview_matches_recommend_example("erp");
}

#[test]
fn not_sure_leaves_a_field_unknown_and_a_bad_number_is_asked_again() {
    let pack = Pack::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("answers.json");
    let mut p = spawn(&format!(
        "{} interview --example iot-analytics --save {} --format json > /dev/null",
        bin(),
        saved.display()
    ));
    // The example settles it at once: go on anyway, so the questions it
    // leaves open (numbers among them) are asked, and say "not sure" to each.
    let mut saw_bad_number = false;
    loop {
        let found = next_prompt(&mut p, &pack);
        if found == DONE {
            break;
        } else if found == SETTLED {
            p.exp_string("No");
            p.press(&format!("{UP}\r"));
            p.exp_string(SETTLED);
        } else if found == PRIORITIES {
            answer_offer(&mut p, &found);
        } else {
            let field = pack
                .fields
                .iter()
                .position(|f| f.question == found)
                .unwrap();
            match &pack.fields[field].kind {
                FieldKind::Number(_) => {
                    p.exp_string("back]");
                    if !saw_bad_number {
                        p.press("-5\r");
                        p.exp_string("below the minimum");
                        saw_bad_number = true;
                        // The refused `-5` stays typed in, to be corrected.
                        p.press("\x15");
                    }
                    p.press("\r");
                    // An empty number is echoed as the choice lists say it.
                    p.exp_string(": Not sure\r\n");
                }
                // Enter alone: the cursor starts on "Not sure".
                FieldKind::Choice(_) | FieldKind::Bool => {
                    p.exp_string("Not sure");
                    p.press("\r");
                }
            }
        }
    }
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    assert!(saw_bad_number, "no number was asked:\n{}", p.text());
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    let example = pack
        .example("iot-analytics")
        .unwrap()
        .workload
        .to_json(&pack);
    assert_eq!(
        saved, example,
        "\"not sure\" added nothing to the example's answers"
    );
}

/// A signal from outside (`kill`, `timeout`, a closed window) while a
/// prompt waits for a key, with the terminal raw: the shell after it gets
/// the terminal's modes back as they were (echo, line editing, Ctrl-C).
/// Sent to the process, the signal may interrupt the prompt's read, which
/// then puts the modes back itself, in a race with the exit on the
/// handler's thread; sent to that thread alone, as here, the prompt never
/// hears of it, so nothing but the exit can put the modes back.
#[cfg(target_os = "linux")]
#[test]
fn a_signal_from_outside_leaves_the_terminal_as_it_was() {
    for signal in [libc::SIGTERM, libc::SIGINT, libc::SIGHUP] {
        let mut p = spawn(&format!(
            "echo shell $$; stty -a; echo before; {} interview; echo after; stty -a",
            bin()
        ));
        p.exp_string("Question 1");
        std::thread::sleep(std::time::Duration::from_millis(300));
        let text = p.text();
        let shell = text[text.find("shell ").unwrap() + 6..]
            .split_whitespace()
            .next()
            .unwrap()
            .to_owned();
        let children = std::fs::read_to_string(format!("/proc/{shell}/task/{shell}/children"))
            .expect("the shell's children");
        let pid: i32 = children.split_whitespace().next().unwrap().parse().unwrap();
        let handler = std::fs::read_dir(format!("/proc/{pid}/task"))
            .unwrap()
            .filter_map(|task| task.ok()?.file_name().to_str()?.parse::<i32>().ok())
            .find(|tid| {
                std::fs::read_to_string(format!("/proc/{pid}/task/{tid}/comm"))
                    .is_ok_and(|name| name.trim() == "ctrl-c")
            })
            .expect("the interrupt handler's thread");
        // SAFETY: a system call with plain integer arguments.
        let sent = unsafe { libc::syscall(libc::SYS_tgkill, pid, handler, signal) };
        assert_eq!(sent, 0, "tgkill");
        p.exp_eof();
        let text = p.text();
        let modes = |stty: &str| -> Vec<String> {
            stty.split([' ', ';', '\r', '\n'])
                .filter(|m| {
                    ["echo", "icanon", "isig", "icrnl", "opost"]
                        .contains(&m.trim_start_matches('-'))
                })
                .map(str::to_owned)
                .collect()
        };
        let before = modes(&text[..text.find("before").expect("stty ran")]);
        let after = modes(&text[text.rfind("after").expect("the interview ended")..]);
        assert_eq!(before.len(), 5, "{text}");
        assert_eq!(
            after, before,
            "signal {signal}: the terminal's modes changed"
        );
    }
}

#[test]
fn ctrl_c_exits_130_and_writes_no_save_file() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("answers.json");
    let mut p = spawn(&format!("{} interview --save {}", bin(), saved.display()));
    // Wait for the first question (whichever the analysis picks) to be drawn.
    p.exp_string("Question 1");
    std::thread::sleep(std::time::Duration::from_millis(500));
    p.ctrl_c();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
    assert!(!saved.exists(), "no --save file after Ctrl-C");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(
        leftovers.is_empty(),
        "no temporary file left behind: {leftovers:?}"
    );
}

#[test]
fn no_terminal_exits_2_without_waiting() {
    let started = std::time::Instant::now();
    let (code, stdout, stderr) = common::run(&["interview"], "");
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(
        stderr.contains("dbadvisor recommend"),
        "names the scripted way: {stderr}"
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(30));

    // Piped answers with the questions on a terminal: the message names
    // stdin, the one to change, rather than "there is no terminal".
    let mut p = spawn(&format!("echo '{{}}' | {} interview", bin()));
    p.exp_string("reads its answers from a terminal, and stdin is not one");
    p.exp_eof();
    assert_eq!(p.exit_code(), 2);
    let dir = tempfile::tempdir().unwrap();
    let errors = dir.path().join("errors.txt");
    let mut p = spawn(&format!("{} interview 2> {}", bin(), errors.display()));
    p.exp_eof();
    assert_eq!(p.exit_code(), 2);
    let said = std::fs::read_to_string(&errors).unwrap();
    assert!(said.contains("stderr is not a terminal"), "{said}");

    // --no-input refuses even on a terminal.
    let mut p = spawn(&format!("{} interview --no-input", bin()));
    p.exp_string("--no-input");
    p.exp_eof();
    assert_eq!(p.exit_code(), 2);
}

/// A person may type the answer to a yes/no question: `no⏎` answered with
/// the highlighted Yes (the list ignored letters). Typed text moves to the
/// item it starts; `yes⏎` goes on once settled, `not sure⏎` is Not sure.
#[test]
fn typing_the_answer_to_a_yes_no_question_picks_it() {
    let pack = Pack::embedded().unwrap();
    let bool_question = |id: &str| {
        pack.fields
            .iter()
            .find(|f| f.id == id)
            .unwrap()
            .question
            .clone()
    };
    let stored = bool_question("server_side_logic");
    // On a terminal of 5 rows the items share one line (dialoguer's paged
    // list, used there before, ignored what was typed).
    for (size, typed, echoed, flag) in [
        ("", "no", "No", Some("--server-side-logic no")),
        ("", "not sure", "Not sure", None),
        ("", "Yes", "Yes", Some("--server-side-logic yes")),
        // A slip: `y`, then `no`.
        ("", "yno", "No", Some("--server-side-logic no")),
        // The words JSON has for them, as the flags and the plain prompts
        // take them (each key of `true` was dropped, and Enter picked the
        // cursor's Not sure).
        ("", "true", "Yes", Some("--server-side-logic yes")),
        ("", "False", "No", Some("--server-side-logic no")),
        (
            "stty rows 5 cols 100; exec ",
            "no",
            "No",
            Some("--server-side-logic no"),
        ),
    ] {
        let mut p = spawn(&format!(
            "{size}{} interview --example erp --priority data_model=1",
            bin()
        ));
        let mut went_on = false;
        loop {
            let found = next_prompt(&mut p, &pack);
            if found == DONE {
                break;
            }
            if found == SETTLED {
                p.exp_string("No");
                p.press("yes\r");
                p.exp_string(&format!("{SETTLED}: Yes"));
                went_on = true;
                continue;
            }
            if found == PRIORITIES {
                answer_offer(&mut p, &found);
                continue;
            }
            p.exp_any(vec![
                ReadUntil::String("Not sure".into()),
                ReadUntil::String("back]".into()),
                // A paged list (short terminal) may show only its first items.
                ReadUntil::String("[Page 1/".into()),
            ]);
            if found == stored {
                p.press(&format!("{typed}\r"));
                p.exp_string(&format!(": {echoed}\r\n"));
            } else {
                p.press("\r");
            }
        }
        p.exp_string("dbadvisor");
        p.exp_eof();
        assert_eq!(p.exit_code(), 0, "{typed}");
        assert!(went_on, "typing yes goes on once settled");
        let text = p.text();
        let command = &text[text.rfind(DONE).unwrap()..];
        match flag {
            Some(flag) => assert!(command.contains(flag), "{typed}: {command}"),
            None => assert!(
                !command.contains("--server-side-logic"),
                "{typed}: {command}"
            ),
        }
    }
}

/// Text that names no answer of a yes/no question is refused, as on any
/// list, not dropped key by key: `maybe⏎` kept only its `y` and answered
/// Yes, `unsure⏎` its `n` and answered No.
#[test]
fn a_word_that_is_no_answer_to_a_yes_no_question_is_refused() {
    let pack = Pack::embedded().unwrap();
    let stored = pack
        .fields
        .iter()
        .find(|f| f.id == "server_side_logic")
        .unwrap()
        .question
        .clone();
    let mut p = spawn(&format!(
        "{} interview --example erp --priority data_model=1",
        bin()
    ));
    loop {
        let found = next_prompt(&mut p, &pack);
        if found == DONE {
            break;
        }
        if found == SETTLED {
            p.exp_string("No");
            p.press("yes\r");
            p.exp_string(&format!("{SETTLED}: Yes"));
            continue;
        }
        if found == PRIORITIES {
            answer_offer(&mut p, &found);
            continue;
        }
        p.exp_any(vec![
            ReadUntil::String("Not sure".into()),
            ReadUntil::String("back]".into()),
        ]);
        if found != stored {
            p.press("\r");
            continue;
        }
        for word in ["maybe", "unsure"] {
            p.press(&format!("{word}\r"));
            p.exp_string(&format!("`{word}` names no answer here"));
            p.press("\x1b"); // Esc clears the text
        }
        // The list still waits for an answer: nothing was picked.
        p.press("no\r");
        p.exp_string(": No\r\n");
    }
    p.exp_string("dbadvisor");
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    let text = p.text();
    let command = &text[text.rfind(DONE).unwrap()..];
    assert!(command.contains("--server-side-logic no"), "{command}");
}

#[test]
fn ctrl_c_at_a_menu_leaves_the_cursor_shown() {
    // The menu hides the cursor. Ctrl-C ends the process from two threads at
    // once (the prompt returns, the signal handler runs): whichever wins, the
    // last word on the cursor must be "show". Several runs, as it was a race.
    for run in 0..5 {
        let mut p = spawn(&format!(
            "{} interview --peak-writes-per-sec 100 --item-size-kb 2",
            bin()
        ));
        // Skip number questions (if any come first) until a menu is drawn.
        p.exp_string("Question 1");
        while p.exp_any(vec![
            ReadUntil::String("Not sure".into()),
            ReadUntil::String("back]".into()),
        ]) != "Not sure"
        {
            p.press("\r");
        }
        std::thread::sleep(std::time::Duration::from_millis(150));
        p.ctrl_c();
        p.exp_eof();
        assert_eq!(p.exit_code(), 130, "run {run}");
        let text = p.text();
        let hidden = text.rfind(HIDE_CURSOR).expect("the menu hides the cursor");
        let shown = text.rfind(SHOW_CURSOR);
        assert!(
            shown.is_some_and(|shown| shown > hidden),
            "run {run}: the cursor is left hidden: {text:?}"
        );
    }
}

#[test]
fn a_save_path_that_cannot_be_written_fails_before_the_first_question() {
    let mut p = spawn(&format!(
        "{} interview --save /nonexistent/dir/a.json",
        bin()
    ));
    p.exp_eof();
    assert_eq!(p.exit_code(), 2);
    let text = p.text();
    assert!(text.contains("--save /nonexistent/dir/a.json"), "{text}");
    assert!(text.contains("does not exist"), "{text}");
    assert!(!text.contains("Question"), "asked nothing: {text}");
}

/// The help for a missing --input file offers only what the interview
/// takes: `-` (stdin) is refused there, so it is not suggested.
#[test]
fn a_missing_input_file_is_named_without_offering_stdin() {
    let mut p = spawn(&format!("{} interview --input /nonexistent/a.json", bin()));
    p.exp_eof();
    assert_eq!(p.exit_code(), 2);
    let text = p.text();
    assert!(text.contains("--input /nonexistent/a.json"), "{text}");
    assert!(
        text.contains("give the path of a workload JSON/YAML file"),
        "{text}"
    );
    assert!(!text.contains("to read stdin"), "{text}");
}

#[test]
fn a_save_that_fails_at_the_end_still_prints_the_result() {
    let pack = Pack::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone");
    std::fs::create_dir(&gone).unwrap();
    let out = dir.path().join("out.json");
    let mut p = spawn(&format!(
        "{} interview --example erp --format json --save {} > {}",
        bin(),
        gone.join("answers.json").display(),
        out.display()
    ));
    // The path was fine when the interview began; it is not by the end.
    p.exp_string("Amazon Aurora or Amazon DynamoDB");
    std::fs::remove_dir(&gone).unwrap();
    let (code, text) = finish_as_erp(&mut p, &pack);
    assert_eq!(code, 1);
    assert!(text.contains("writing --save"), "{text}");
    let by_example = common::run(&["recommend", "--example", "erp", "--format", "json"], "");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        by_example.1,
        "the result is printed, as `recommend` prints it"
    );
}

/// On a terminal the result comes first and the notes about it last: a
/// result table is longer than a screen, and the command line printed before
/// it scrolled away.
#[test]
fn the_command_line_comes_after_the_result() {
    let pack = Pack::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("answers.json");
    let mut p = spawn(&format!(
        "{} interview --example erp --save {}",
        bin(),
        saved.display()
    ));
    let (code, text) = finish_as_erp(&mut p, &pack);
    assert_eq!(code, 0);
    let text = text.replace('\r', "");
    let result = text.rfind("Closest worked example").expect("the result");
    let saved_at = text.find("Saved the answers to ").expect("the save note");
    let command = text.find(DONE).unwrap();
    assert!(result < saved_at && saved_at < command, "{text}");
    let tail = &text[command..];
    assert!(
        tail.contains("dbadvisor recommend --use-case erp"),
        "{tail}"
    );
    assert!(
        !tail.contains("Recommendation") && !tail.contains("Closest"),
        "nothing of the result after the command line: {tail}"
    );
}

/// The estimate's figures are not answers, so `--save` leaves them out; the
/// note after the save says the command that gives the result again, and
/// it does, byte for byte (a QA pass found the saved file alone gave
/// another estimate, silently).
#[test]
fn the_save_note_names_the_estimate_flags_the_file_lacks() {
    let pack = Pack::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("answers.json");
    let out = dir.path().join("out.json");
    let mut p = spawn(&format!(
        "{} interview --example erp --average-load 30 --aurora-acu 4 --format json --save {} > {}",
        bin(),
        saved.display(),
        out.display()
    ));
    let (code, text) = finish_as_erp(&mut p, &pack);
    assert_eq!(code, 0, "{text}");
    let text = text.replace('\r', "");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let again = format!(
        "The file holds the answers only; with it, dbadvisor recommend --input {} \
         --aurora-acu 4 --average-load 30 gives this result again.",
        saved.display()
    );
    assert!(flat.contains(&again), "{text}");
    let replay = common::dbadvisor()
        .args(["recommend", "--input"])
        .arg(&saved)
        .args([
            "--aurora-acu",
            "4",
            "--average-load",
            "30",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(replay.stdout).unwrap(),
        std::fs::read_to_string(&out).unwrap()
    );
}

/// What a terminal `columns` wide shows once it has displayed `bytes`: the
/// few controls dialoguer and console use (CR, LF, cursor up/down/left/right,
/// erase in line/display), with the automatic wrap of a real terminal (a
/// character after the last column goes to the next row). Rows are not limited.
fn screen(bytes: &[u8], columns: usize) -> Vec<String> {
    screen_of(bytes, columns, usize::MAX)
}

/// [`screen`] for a terminal `height` rows high: output past the bottom row
/// scrolls, and the cursor cannot move up above the top visible row (what
/// scrolled away stays as it was, as in a real terminal's scrollback).
fn screen_of(bytes: &[u8], columns: usize, height: usize) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut top = 0usize;
    let mut rows: Vec<Vec<char>> = vec![Vec::new()];
    let (mut row, mut col) = (0usize, 0usize);
    let mut pending_wrap = false;
    let mut chars = text.chars().peekable();
    let at = |rows: &mut Vec<Vec<char>>, row: usize| {
        while rows.len() <= row {
            rows.push(Vec::new());
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                col = 0;
                pending_wrap = false;
            }
            '\n' => {
                row += 1;
                at(&mut rows, row);
                top = top.max((row + 1).saturating_sub(height));
                pending_wrap = false;
            }
            '\x1b' => {
                if chars.peek() != Some(&'[') {
                    continue;
                }
                chars.next();
                let mut params = String::new();
                let mut end = ' ';
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        end = c;
                        break;
                    }
                    params.push(c);
                }
                let n: usize = params.parse().unwrap_or(1).max(1);
                match end {
                    'A' => row = row.saturating_sub(n).max(top),
                    'B' => {
                        row += n;
                        at(&mut rows, row);
                    }
                    'C' => col = (col + n).min(columns - 1),
                    'D' => col = col.saturating_sub(n),
                    'K' if params == "2" => rows[row].clear(),
                    'K' => rows[row].truncate(col),
                    'J' => {
                        rows[row].truncate(col);
                        rows.truncate(row + 1);
                    }
                    _ => {} // colours, cursor visibility
                }
                if matches!(end, 'A' | 'B' | 'C' | 'D') {
                    pending_wrap = false;
                }
            }
            c if c.is_control() => {}
            c => {
                if pending_wrap {
                    row += 1;
                    col = 0;
                    at(&mut rows, row);
                    top = top.max((row + 1).saturating_sub(height));
                    pending_wrap = false;
                }
                let line = &mut rows[row];
                while line.len() <= col {
                    line.push(' ');
                }
                line[col] = c;
                if col + 1 == columns {
                    pending_wrap = true;
                } else {
                    col += 1;
                }
            }
        }
    }
    rows.iter()
        .map(|r| r.iter().collect::<String>().trim_end().to_owned())
        .collect()
}

#[test]
fn the_screen_model_wraps_like_a_terminal() {
    let rows = screen(b"abcdef\r\nxy\x1b[1A\r\x1b[2Kq", 4);
    assert_eq!(rows, vec!["abcd", "q", "xy"]);
    // Two rows high: "a" has scrolled away and cannot be reached again.
    let rows = screen_of(b"a\r\nb\r\nc\x1b[2A\r\x1b[2Kq", 4, 2);
    assert_eq!(rows, vec!["a", "q", "c"]);
}

/// Enter pressed with the cursor inside the text: the refused text comes
/// back with the cursor at its end, so Ctrl-U clears all of it, not only
/// what was left of the cursor (`1,5` with the cursor after the 1 became
/// `2,5`, refused again).
#[test]
fn ctrl_u_clears_a_refused_number_wherever_enter_was_pressed() {
    let mut p = spawn(&format!(
        "exec {} interview --data-size-gb 10 --multi-region none",
        bin()
    ));
    p.exp_string("Question 1");
    p.exp_string("back]");
    p.press("1,5\x1b[D\x1b[D\r");
    p.exp_string("not a number");
    p.press("\x152\r");
    p.exp_string("Question 2");
    p.ctrl_c();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
    let rows = screen(&p.written, 200);
    assert!(rows.iter().any(|r| r.contains(" 2 ")), "{rows:#?}");
}

/// On a terminal 40 columns wide, a refused number's reason and the lean
/// after an answer are broken to fit; once the answer is accepted the
/// reason is gone, every row of it.
#[test]
fn a_narrow_terminal_keeps_messages_whole_and_clears_them() {
    let mut p = spawn(&format!(
        "stty cols 40 rows 60; exec {} interview --data-size-gb 10 --multi-region none",
        bin()
    ));
    // The first question is a number's (prompts are broken across rows
    // here, so only the end of one is looked for).
    p.exp_string("Question 1");
    p.exp_string("back]");
    p.press("1,5\r");
    p.exp_string("not a number");
    // The refused text stays typed in: Ctrl-U clears it.
    p.press("\x152\r");
    p.exp_string("settled");
    p.exp_string("Question 2");
    p.ctrl_c();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
    let rows = screen(&p.written, 40);
    let shown = rows.join("\n");
    assert!(rows.iter().all(|r| r.chars().count() <= 40), "{shown}");
    assert!(!shown.contains("not a number"), "{shown}");
    assert!(!shown.contains("accepted"), "{shown}");
    for row in rows.iter().filter(|r| r.contains("settled")) {
        assert!(
            row.starts_with("  "),
            "the lean continues indented:\n{shown}"
        );
    }
}

/// A number edited in the middle shows what Enter takes (dialoguer's prompt,
/// under a question of two rows, showed `500` and took 5,700), a refused
/// text stays typed in to be corrected, and Esc goes back from a number as
/// from a list.
#[test]
fn an_edited_number_shows_what_is_taken() {
    let mut p = spawn(&format!(
        "stty cols 100 rows 40; exec {} interview --use-case ecommerce",
        bin()
    ));
    p.exp_string("How much data will it hold?");
    p.exp_string("back]");
    // 5000, two to the left, Backspace, 7; then Home, 1 and End.
    p.press("5000\x1b[D\x1b[D\x7f7");
    p.exp_string("5700");
    let rows = screen(&p.written, 100);
    assert!(
        rows.iter()
            .any(|r| r.contains("goes back]") && r.ends_with(" 5700")),
        "{}",
        rows.join("\n")
    );
    p.press("\x1b[H1\x1b[F\r");
    p.exp_string("15,700 GB");
    // Back from the list that follows, to the number: Esc, then `x` typed
    // after the earlier answer is refused and stays, and Esc goes back.
    p.exp_string("Not sure");
    p.press("\x1b");
    p.exp_string("back to the question before");
    p.exp_string("back]");
    p.press("x\r");
    p.exp_string("not that unit");
    p.exp_string("15700x");
    let rows = screen(&p.written, 100);
    assert!(
        rows.iter()
            .any(|r| r.contains("goes back]") && r.ends_with(" 15700x")),
        "{}",
        rows.join("\n")
    );
    // Esc at the first question keeps it, and what is typed in it; said
    // once however often it is pressed.
    p.press("\x1b");
    p.exp_string("there is no question before this one");
    p.exp_string("15700x");
    p.press("\x1b");
    p.exp_string("15700x");
    p.press("\x7f");
    p.exp_string("15700");
    let rows = screen(&p.written, 100);
    let said = rows
        .iter()
        .filter(|r| r.contains("no question before"))
        .count();
    assert_eq!(said, 1, "{}", rows.join("\n"));
    assert!(
        rows.iter()
            .any(|r| r.contains("goes back]") && r.ends_with(" 15700")),
        "{}",
        rows.join("\n")
    );
    p.press("\r");
    p.exp_string("15,700 GB");
    p.ctrl_c();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
}

/// An answer too long for the prompt's last row wraps onto rows of its own:
/// once it is answered, or refused, no copy of the prompt's first row stays
/// above it (dialoguer clears by counting the prompt's line breaks only).
#[test]
fn a_long_typed_answer_leaves_no_copy_of_the_prompt() {
    let mut p = spawn(&format!("stty cols 40 rows 60; exec {} interview", bin()));
    p.exp_string("Question 1");
    p.exp_string("back]");
    p.press("100000000.00000000000001\r");
    p.exp_string("Question 2");
    p.exp_string("back]");
    p.press("abcdefghijklmnopqrstuvwxyz\r");
    p.exp_string("10,000,000 KB");
    p.press("\x152\r");
    // Past 256 TiB Aurora is ruled out, so it is settled here.
    p.exp_string("anyway?");
    p.ctrl_c();
    p.exp_eof();
    let rows = screen(&p.written, 40);
    let shown = rows.join("\n");
    for (question, answer) in [
        ("How much data will it hold?", "100,000,000 GB"),
        ("How large is a typical record or", "2 KB"),
    ] {
        let copies = rows.iter().filter(|r| r.contains(question)).count();
        assert_eq!(copies, 1, "{question}:\n{shown}");
        let at = rows.iter().position(|r| r.contains(question)).unwrap();
        let end = (at..rows.len().min(at + 8))
            .find(|&i| rows[i].contains(answer))
            .unwrap_or_else(|| panic!("{answer}:\n{shown}"));
        // The answered copy drops the typing hint: the answer says the unit.
        assert!(!rows[at..=end].join(" ").contains("goes back"), "{shown}");
    }
    assert!(!shown.contains("abcdefghij"), "{shown}");
}

/// On a terminal 10 rows high, the 15-item use-case list is paged so the
/// prompt and its page fit: moving through it leaves nothing behind.
#[test]
fn a_short_terminal_pages_the_list_without_leaving_copies() {
    let pack = Pack::embedded().unwrap();
    let mut p = spawn(&format!(
        "stty cols 100 rows 10; exec {} interview --data-size-gb 10 --multi-region none \
         --item-size-kb 1 --peak-writes-per-sec 100 --consistency strong --query-flexibility known",
        bin()
    ));
    let question = next_prompt(&mut p, &pack);
    assert_eq!(
        question,
        pack.fields[pack.field_index("use_case").unwrap()].question
    );
    // The cursor starts on "Not sure", on the last page; the prompt says
    // the other answers are there.
    p.exp_string("15 answers)");
    p.exp_string("[Page ");
    for key in [DOWN; 9].into_iter().chain(["\x1b[A"; 9]) {
        p.press(key);
    }
    p.press("\r");
    p.exp_string(&question); // the answered copy
    next_prompt(&mut p, &pack);
    p.ctrl_c();
    p.exp_eof();
    let rows = screen_of(&p.written, 100, 10);
    let shown = rows.join("\n");
    let copies = rows
        .iter()
        .filter(|r| r.contains(question.split('(').next().unwrap().trim()))
        .count();
    assert_eq!(copies, 1, "{shown}");
}

/// A question taller than a small terminal is cut short so that it, an
/// answer and the typed text fit: its first row stays on screen, and paging
/// or typing leaves no copies in the scrollback (each key left one, and the
/// question's start had scrolled away); text pasted at a list takes one
/// row, its end shown.
#[test]
fn a_tall_question_on_a_small_terminal_stays_on_screen() {
    let mut p = spawn(&format!(
        "stty cols 30 rows 10; exec {} interview --data-size-gb 500",
        bin()
    ));
    p.exp_string("Does it run in more");
    p.exp_string("[Page ");
    p.press(DOWN);
    p.press(DOWN);
    p.press(&"x".repeat(30));
    p.press(&"y".repeat(20));
    p.exp_string(&"y".repeat(17));
    std::thread::sleep(std::time::Duration::from_millis(200));
    p.ctrl_c();
    p.exp_eof();
    let rows = screen_of(&p.written, 30, 10);
    let shown = rows.join("\n");
    let copies = rows
        .iter()
        .filter(|r| r.contains("Does it run in more"))
        .count();
    assert_eq!(copies, 1, "{shown}");
    let visible = &rows[rows.len().saturating_sub(10)..];
    assert!(
        visible.iter().any(|r| r.contains("Does it run in more")),
        "the question's first row on screen:\n{}",
        visible.join("\n")
    );
}

/// Answers every question "not sure" on a terminal `columns` wide, and
/// checks what stays on screen: each question once, as answered.
fn answered_prompts_leave_one_copy(columns: usize, plain: bool) {
    let pack = Pack::embedded().unwrap();
    let mut p = spawn_with(
        &format!(
            "stty cols {columns} rows 60; exec {} interview > /dev/null",
            bin()
        ),
        plain,
    );
    let asked = answer_as(&mut p, &pack, &Workload::empty(&pack));
    assert_eq!(asked, pack.fields.len());
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    let rows = screen(&p.written, columns);
    let shown = rows.join("\n");
    for field in &pack.fields {
        let copies = rows
            .iter()
            .filter(|r| {
                r.trim_start_matches(['?', '✔', ' '])
                    .starts_with(&field.question)
            })
            .count();
        assert_eq!(copies, 1, "{columns} columns, {}:\n{shown}", field.id);
    }
    for number in 1..=pack.fields.len() {
        let line = format!("Question {number} ");
        assert_eq!(
            rows.iter().filter(|r| r.starts_with(&line)).count(),
            1,
            "{shown}"
        );
    }
}

#[test]
fn answered_prompts_leave_one_copy_at_80_columns() {
    answered_prompts_leave_one_copy(80, true);
    answered_prompts_leave_one_copy(80, false);
}

#[test]
fn answered_prompts_leave_one_copy_at_120_columns() {
    answered_prompts_leave_one_copy(120, false);
}

/// `recommend` on a terminal breaks long lines to its width, continuing
/// under the text column, in colour or not.
#[test]
fn recommend_on_a_terminal_fits_its_width() {
    for plain in [true, false] {
        let mut p = spawn_with(
            &format!(
                "stty cols 70 rows 60; exec {} recommend --example ecommerce --peak-reads-per-sec 2000",
                bin()
            ),
            plain,
        );
        p.exp_eof();
        assert_eq!(p.exit_code(), 0);
        let text = p.text();
        let lines: Vec<String> = text
            .split("\r\n")
            .map(|l| console::strip_ansi_codes(l).into_owned())
            .collect();
        for line in &lines {
            assert!(line.chars().count() <= 70, "{line:?} in\n{text}");
        }
        // A long reason continues indented past its "+N", not at the margin.
        let continued = lines.windows(2).any(|pair| {
            pair[0].starts_with("    +")
                && pair[1].starts_with(&" ".repeat(8))
                && !pair[1].trim().is_empty()
        });
        assert!(continued, "{text}");
    }
}

/// `examples ID` (its quote above the result) and `rules check` (its
/// coverage line names every rule that never fires) fit a terminal too.
#[test]
fn examples_and_rules_check_fit_the_terminal() {
    for command in ["examples erp", "rules check"] {
        let mut p = spawn(&format!("stty cols 40 rows 60; exec {} {command}", bin()));
        p.exp_eof();
        assert_eq!(p.exit_code(), 0);
        let text = p.text();
        for line in text.split("\r\n") {
            assert!(line.chars().count() <= 40, "{command}: {line:?} in\n{text}");
        }
        // Broken at spaces, continued indented (not cut by the terminal).
        let continued = if command == "rules check" {
            "\r\n  cautions fire in at least one"
        } else {
            "\r\n  customer data benefits from"
        };
        assert!(text.contains(continued), "{text}");
    }
}

/// The interview's result fits the terminal as it is at the end: a window
/// narrowed during the questions gets a result that narrow, not one laid
/// out for the width it had when the interview started.
#[test]
fn the_result_fits_a_window_narrowed_during_the_interview() {
    let dir = tempfile::tempdir().unwrap();
    let tty = dir.path().join("tty");
    let mut p = spawn(&format!(
        "tty > {}; stty cols 120 rows 60; exec {} interview --example erp",
        tty.display(),
        bin()
    ));
    p.exp_string(PRIORITIES);
    // Narrowed from outside, as a window manager does.
    let path = std::fs::read_to_string(&tty).unwrap();
    let narrowed = Command::new("stty")
        .args(["-F", path.trim(), "cols", "60"])
        .status()
        .unwrap();
    assert!(narrowed.success());
    answer_offer(&mut p, PRIORITIES);
    loop {
        let pack = Pack::embedded().unwrap();
        match next_prompt(&mut p, &pack).as_str() {
            DONE => break,
            offer @ (SETTLED | PRIORITIES) => answer_offer(&mut p, offer),
            other => panic!("unexpected prompt {other:?}"),
        }
    }
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    let text = p.text();
    let result = &text[text.find(RESULT).unwrap()..text.find(DONE).unwrap()];
    for line in result.split("\r\n") {
        assert!(line.chars().count() <= 60, "{line:?} in\n{result}");
    }
}

/// The command line the interview prints at the end gives the same result:
/// run as printed, it writes the bytes the interview wrote, in the same
/// format and with the same long form.
#[test]
fn the_printed_command_line_gives_the_same_output() {
    let pack = Pack::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let mut p = spawn(&format!(
        "{} interview --example erp --format json --explain > {}",
        bin(),
        out.display()
    ));
    let (code, text) = finish_as_erp(&mut p, &pack);
    assert_eq!(code, 0);
    let line = text
        .split("Same result in a script:")
        .nth(1)
        .and_then(|rest| rest.trim_start().lines().next())
        .unwrap_or_else(|| panic!("no command line: {text}"))
        .trim()
        .to_owned();
    let script = line.replacen("dbadvisor", &bin(), 1);
    let replay = Command::new("sh").args(["-c", &script]).output().unwrap();
    assert!(replay.status.success(), "{line}");
    assert_eq!(
        String::from_utf8(replay.stdout).unwrap(),
        std::fs::read_to_string(&out).unwrap(),
        "`{line}` does not print what the interview printed"
    );
}

/// `--save` (and `--rules`) take a file name that is not UTF-8: clap refused
/// one with "invalid UTF-8 was detected in one or more arguments". The saved
/// answers replay to the same result, and the printed command line names the
/// pack as `$'…\xff…'`, which a shell reads back as the same bytes.
#[cfg(unix)]
#[test]
fn save_and_rules_take_a_file_name_that_is_not_utf8() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let pack = Pack::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        "rules/aurora-vs-dynamodb.yaml",
        dir.path().join(OsStr::from_bytes(b"pa\xffck.yaml")),
    )
    .unwrap();
    let saved = dir.path().join(OsStr::from_bytes(b"ans\xffwers.json"));
    let out = dir.path().join("out.json");
    // `printf '\377'` is the byte 0xff in any POSIX shell.
    let mut p = spawn(&format!(
        "cd '{}' && {} --rules \"$(printf 'pa\\377ck.yaml')\" interview --example erp --format json \
         --save \"$(printf 'ans\\377wers.json')\" > out.json",
        dir.path().display(),
        bin(),
    ));
    let (code, text) = finish_as_erp(&mut p, &pack);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Saved the answers to "), "{text}");
    assert!(text.contains("--rules $'pa\\xffck.yaml'"), "{text}");

    let replay = common::dbadvisor()
        .arg("recommend")
        .arg("--input")
        .arg(&saved)
        .args(["--format", "json"])
        .output()
        .unwrap();
    assert!(replay.status.success(), "{replay:?}");
    assert_eq!(
        String::from_utf8(replay.stdout).unwrap(),
        std::fs::read_to_string(&out).unwrap(),
        "the saved answers give what the interview gave"
    );

    // The printed command line, run by a shell that reads `$'…'`.
    let line = text
        .split("Same result in a script:")
        .nth(1)
        .and_then(|rest| rest.trim_start().lines().next())
        .unwrap()
        .trim()
        .replacen("dbadvisor", &bin(), 1);
    if let Ok(replay) = Command::new("bash")
        .args(["-c", &line])
        .current_dir(dir.path())
        .output()
    {
        assert!(replay.status.success(), "{line}: {replay:?}");
        assert_eq!(
            String::from_utf8(replay.stdout).unwrap(),
            std::fs::read_to_string(&out).unwrap(),
            "{line}"
        );
    }
}

/// ERP is settled with equal weights; doubling Scalability unsettles it. The
/// weight is asked before "Settled" is said, and then the questions go on:
/// the interview must not call settled what its own result calls open.
#[test]
fn a_weight_that_unsettles_it_brings_the_questions_back() {
    let pack = Pack::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let mut p = spawn(&format!(
        "{} interview --example erp --format json > {}",
        bin(),
        out.display()
    ));
    assert_eq!(next_prompt(&mut p, &pack), PRIORITIES);
    p.exp_string("Use cases");
    p.press(&format!("{}\r", DOWN.repeat(2))); // Scalability
    p.exp_string(PRIORITIES);
    p.exp_string("with that axis counting double: leaning Amazon Aurora");
    p.exp_string("(not settled yet)");
    let asked = answer_as(&mut p, &pack, &Workload::empty(&pack));
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    assert!(asked > 0, "questions went on");
    let text = p.text();
    assert!(!text.contains("Settled:"), "{text}");
    let result: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(result["settled"], false);
    assert_eq!(result["weights"]["scalability"], 2.0);
}

/// `--color always` wins over NO_COLOR for the prompts too, as for the
/// result (the prompt theme used to read NO_COLOR by itself).
#[test]
fn color_always_colours_the_prompts_despite_no_color() {
    let pack = Pack::embedded().unwrap();
    let mut p = spawn(&format!("{} interview --color always --example erp", bin()));
    assert_eq!(next_prompt(&mut p, &pack), PRIORITIES);
    p.exp_string("Use cases");
    p.ctrl_c();
    p.exp_eof();
    let text = p.text();
    let prompt = text.find(PRIORITIES).unwrap();
    assert!(text[..prompt].contains("\x1b[33m"), "{text:?}");
}

/// On a narrow terminal a bill's formula goes under its item and amount,
/// every line of it starting in the same column (wrapped beside them, the
/// gap before it shrank to one space and its lines went under the amount).
#[test]
fn bills_on_a_narrow_terminal_keep_their_formula_column() {
    let mut p = spawn(&format!(
        "stty cols 40 rows 200; exec {} recommend --example social-media --explain",
        bin()
    ));
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    let rows = screen(&p.written, 40);
    let shown = rows.join("\n");
    assert!(rows.iter().all(|r| r.chars().count() <= 40), "{shown}");
    let at = rows
        .iter()
        .position(|r| r.starts_with("Bill: Amazon Aurora — Standard"))
        .unwrap_or_else(|| panic!("the Aurora bill:\n{shown}"));
    assert_eq!(rows[at + 1].trim_end(), "  compute   $4,818.00", "{shown}");
    assert!(rows[at + 2].starts_with("    max(220 ACU peak"), "{shown}");
    for row in rows[at + 2..]
        .iter()
        .take_while(|r| !r.starts_with("  storage"))
    {
        assert!(
            row.starts_with("    ") && !row.starts_with("     "),
            "{row:?} in\n{shown}"
        );
    }
}

/// On a narrow terminal a reason's text goes under its points and axis, every
/// line of it starting in the same column; on a wide one it stays beside them.
#[test]
fn reasons_on_a_narrow_terminal_keep_their_text_column() {
    let run = |columns: usize| {
        let mut p = spawn(&format!(
            "stty cols {columns} rows 200; exec {} recommend --example erp",
            bin()
        ));
        p.exp_eof();
        assert_eq!(p.exit_code(), 0);
        screen(&p.written, columns)
    };
    let rows = run(60);
    let shown = rows.join("\n");
    assert!(rows.iter().all(|r| r.chars().count() <= 60), "{shown}");
    let at = rows
        .iter()
        .position(|r| r.trim_end() == "    +1  Use cases")
        .unwrap_or_else(|| panic!("the axis on its own line:\n{shown}"));
    assert_eq!(
        rows[at + 1].trim_end(),
        "        A team fluent in SQL uses Aurora's SQL capabilities",
        "{shown}"
    );
    assert_eq!(rows[at + 2].trim_end(), "        directly.", "{shown}");

    // Just below the width where the text column fits in the first half
    // (the wrapper's hanging indent): under the axis, never beside it with
    // the padding squeezed to one space ("Use cases A team fluent").
    for columns in [70, 71] {
        let rows = run(columns);
        let shown = rows.join("\n");
        assert!(
            rows.iter().any(|r| r.trim_end() == "    +1  Use cases"),
            "{columns}: {shown}"
        );
        assert!(!shown.contains("Use cases A team"), "{columns}: {shown}");
    }
    let rows = run(72);
    assert!(
        rows.iter().any(|r| r.trim_end()
            == "    +1  Use cases                  A team fluent in SQL uses Aurora's"),
        "{}",
        rows.join("\n")
    );

    let rows = run(120);
    assert!(
        rows.iter().any(|r| r.trim_end()
            == "    +1  Use cases                  A team fluent in SQL uses Aurora's SQL capabilities directly."),
        "{}",
        rows.join("\n")
    );
}

/// On a 40-column terminal the score table breaks its cells between words
/// ("Consistency &" / "performance", the sign kept with its word), never inside one ("Scalabilit" /
/// "y"); on a terminal too narrow for even that, words are cut but the
/// table keeps its shape.
#[test]
fn the_score_table_breaks_cells_between_words_on_a_narrow_terminal() {
    let run = |columns: usize| {
        let mut p = spawn(&format!(
            "stty cols {columns} rows 200; exec {} recommend --example erp --priority scalability=2",
            bin()
        ));
        p.exp_eof();
        assert_eq!(p.exit_code(), 0);
        screen(&p.written, columns)
    };
    let rows = run(40);
    let shown = rows.join("\n");
    for row in [
        "│ Scalability   ┆        0 ┆        2 │",
        "│ (×2)          ┆          ┆          │",
        "│ Consistency & ┆        4 ┆        0 │",
        "│ performance   ┆          ┆          │",
        "│               ┆ Aurora ✓ ┆ DynamoDB │",
    ] {
        assert!(rows.iter().any(|r| r.trim_end() == row), "{row}:\n{shown}");
    }
    // What would change it: "⇒ Amazon DynamoDB" is never broken, at the
    // arrow or inside the name; what follows it ("(a hard limit rules out
    // …)") may be. Its spaces are plain ones, as piped.
    assert!(!shown.contains('\u{a0}'), "{shown}");
    let arrows: Vec<&String> = rows.iter().filter(|r| r.contains('⇒')).collect();
    assert!(!arrows.is_empty(), "{shown}");
    for row in arrows {
        let target = row.split('⇒').nth(1).unwrap().trim_end();
        let name = target.split_once(" (").map_or(target, |(name, _)| name);
        assert!(
            [" Amazon Aurora", " Amazon DynamoDB", " no recommendation"].contains(&name),
            "{row:?}:\n{shown}"
        );
    }
    assert!(
        shown.contains(" Amazon DynamoDB (a hard limit"),
        "the data size past Aurora's 256 TiB is a hard limit:\n{shown}"
    );
    let rows = run(30);
    let table: Vec<&String> = rows
        .iter()
        .filter(|r| r.starts_with(['│', '╭', '╰', '╞']))
        .collect();
    assert!(table.len() > 8, "{}", rows.join("\n"));
    let width = table[0].chars().count();
    assert!(
        width <= 30 && table.iter().all(|r| r.chars().count() == width),
        "{}",
        rows.join("\n")
    );
}

/// A terminal that reports no width (a pseudo-terminal never sized) and no
/// `COLUMNS`: taken to be 100 columns wide, long lines broken there.
#[test]
fn a_terminal_of_unknown_width_is_taken_as_100_columns() {
    let mut p = spawn(&format!(
        "stty cols 0 rows 0; exec env -u COLUMNS {} recommend --example erp",
        bin()
    ));
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    let text = p.text();
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let longest = lines.iter().map(|l| l.chars().count()).max().unwrap();
    assert!(longest <= 100, "{longest} columns:\n{text}");
    // Broken, not cut: a reason's text continues under its column.
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with(&" ".repeat(20)) && !l.trim().is_empty()),
        "{text}"
    );
}

/// A terminal sized with columns but no rows (`stty cols 50` under
/// `script`): its width is the 50 columns it reports, not the 200 of
/// `COLUMNS` (console's size gives nothing when the rows are 0).
#[test]
fn a_terminal_reporting_columns_but_no_rows_is_that_wide() {
    let mut p = spawn(&format!(
        "stty cols 50 rows 0; exec {} recommend --use-case erp --relationships many --multi-region active_active",
        bin()
    ));
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    let text = p.text();
    let longest = text
        .lines()
        .map(|l| l.trim_end_matches('\r').chars().count())
        .max()
        .unwrap();
    assert!(longest <= 50, "{longest} columns:\n{text}");
}

/// Without colour the theme writes `error: ` before a refused answer's
/// message (7 columns, not the coloured `✘ `): the message is broken to fit
/// after it, so the terminal never splits a word, and it is cleared whole
/// once a good answer comes.
#[test]
fn a_refused_answer_fits_after_the_plain_error_prefix() {
    let mut p = spawn(&format!(
        "stty cols 120 rows 50; exec {} interview --use-case gaming",
        bin()
    ));
    p.exp_string("Question 1");
    p.exp_string("back]");
    p.press("1,5\r");
    p.exp_string("10,000,000 KB");
    let rows = screen(&p.written, 120);
    let shown = rows.join("\n");
    assert!(
        shown.contains("accepted: more\n  than 0 to 10,000,000 KB"),
        "broken at a space, within 120 columns:\n{shown}"
    );
    p.press("\x152\r");
    p.exp_string("Question 2");
    let rows = screen(&p.written, 120);
    let shown = rows.join("\n");
    assert!(!shown.contains("not a number"), "{shown}");
    assert!(!shown.contains("than 0"), "{shown}");
    p.ctrl_c();
    p.exp_eof();
}

/// The prompts are on stderr: with stdout sent to a file they keep the
/// coloured theme of a terminal (they used to fall back to the plain one,
/// asked of stdout), while the file gets the result without colour.
#[test]
fn prompts_follow_stderr_when_stdout_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("result.txt");
    let mut p = spawn_with(
        &format!("{} interview --example erp > {}", bin(), out.display()),
        false,
    );
    p.exp_string(PRIORITIES);
    p.press("\r");
    p.exp_string(SETTLED);
    p.press("\r");
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    // The coloured theme's pointer and its escape codes, not the plain `>`.
    let shown = p.text();
    assert!(shown.contains('❯') && shown.contains('\x1b'), "{shown:?}");
    let result = std::fs::read_to_string(&out).unwrap();
    assert!(
        result.starts_with("Recommendation: Amazon Aurora"),
        "{result}"
    );
    assert!(!result.contains('\x1b'), "{result:?}");
}

/// Going on once settled is a list of Yes and No like the other yes/no
/// questions: typing `yes⏎` there used to answer on the `y` and give the
/// Enter to the next question. Now what is typed moves to the item it
/// starts, Enter picks it, and nothing is left over for the next question.
#[test]
fn typing_a_word_at_the_go_on_offer_answers_nothing_else() {
    let mut p = spawn(&format!("{} interview --example erp", bin()));
    p.exp_string(PRIORITIES);
    p.press("\r");
    p.exp_string(SETTLED);
    p.exp_string("No");
    p.press("yes\r");
    p.exp_string(&format!("{SETTLED}: Yes"));
    p.exp_string("Question 1");
    p.exp_string("back]: ");
    // Time for a left-over key to answer it, then the screen is read.
    std::thread::sleep(std::time::Duration::from_millis(400));
    p.ctrl_c();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
    let text = p.text();
    let after = &text[text.rfind("Question 1").unwrap()..];
    assert!(
        !after.contains("Not sure"),
        "question 1 is still waiting: {after:?}"
    );
    assert!(!after.contains("Question 2"), "{after:?}");
}

/// Esc in a list, or `<` typed at a number, goes back to the question
/// before, which is asked again; the answers given after going back are
/// the ones the result uses.
#[test]
fn esc_or_a_typed_back_mark_returns_to_the_question_before() {
    let pack = Pack::embedded().unwrap();
    let mut p = spawn(&format!("{} interview", bin()));
    // The axes the lean and the weight question speak of are named first.
    p.exp_string("score each candidate on 4 axes: Data model, Scalability, Consistency & performance and Use cases.");
    p.exp_string("goes back a question");
    // The first question: nothing before it.
    let first = next_prompt(&mut p, &pack);
    let wait_drawn = |p: &mut Pty, question: &str| {
        let field = pack
            .fields
            .iter()
            .position(|f| f.question == question)
            .unwrap();
        match pack.fields[field].kind {
            FieldKind::Number(_) => p.exp_string("back]"),
            _ => p.exp_string("Not sure"),
        }
        field
    };
    let f1 = wait_drawn(&mut p, &first);
    // Back by the question's own key: `<` at a number, Esc in a list.
    let back = |p: &mut Pty, field: usize| match pack.fields[field].kind {
        FieldKind::Number(_) => p.press("<\r"),
        _ => p.press("\x1b"),
    };
    back(&mut p, f1);
    p.exp_string("there is no question before this one");
    // The same prompt again, without its "Question 1" header a second time.
    p.exp_string(&first);
    wait_drawn(&mut p, &first);
    // Answer it "not sure": an empty number, or Enter on a list, whose
    // cursor starts on its last entry, "Not sure".
    let not_sure = |p: &mut Pty, _field: usize| p.press("\r");
    not_sure(&mut p, f1);
    let second = next_prompt(&mut p, &pack);
    let f2 = wait_drawn(&mut p, &second);
    back(&mut p, f2);
    p.exp_string("back to the question before");
    assert_eq!(
        next_prompt(&mut p, &pack),
        first,
        "the first question again"
    );
    wait_drawn(&mut p, &first);
    // This time, a real answer: the first option, or a number.
    match pack.fields[f1].kind {
        FieldKind::Number(_) => p.press("7\r"),
        _ => p.press("\r"),
    }
    p.exp_string("Question 2");
    // Back again: the number question has its answer typed in (`7`), and a
    // `<` typed after it goes back too (it said "`7<` is not a number").
    let second = next_prompt(&mut p, &pack);
    let f2 = wait_drawn(&mut p, &second);
    back(&mut p, f2);
    p.exp_string("back to the question before");
    assert_eq!(next_prompt(&mut p, &pack), first);
    wait_drawn(&mut p, &first);
    p.press("<\r");
    p.exp_string("there is no question before this one");
    p.ctrl_c();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
    let text = p.text();
    assert!(text.contains("← back to the question before"), "{text}");
    // Both keys were used: with the built-in pack, the first question is
    // a number and the second a list.
    let kinds = [f1, f2].map(|f| matches!(pack.fields[f].kind, FieldKind::Number(_)));
    assert_eq!(kinds, [true, false], "{first} / {second}");
}

/// On a dumb terminal, `<` at the first question is answered each time it
/// is typed, and the question is read again without being written again.
#[test]
fn going_back_from_a_dumb_terminal_s_first_question_is_answered_each_time() {
    let mut p = spawn(&format!("TERM=dumb exec {} interview", bin()));
    p.exp_string("\n> ");
    p.press("<\r");
    p.exp_string("(there is no question before this one)");
    p.exp_string("\n> ");
    p.press("<\r");
    p.exp_string("(there is no question before this one)");
    p.exp_string("\n> ");
    p.press("12\r");
    p.exp_string("= 12 GB");
    p.ctrl_c();
    p.exp_eof();
    let text = p.text();
    assert_eq!(
        text.matches("How much data will it hold?").count(),
        1,
        "{text}"
    );
    assert_eq!(text.matches("no question before").count(), 2, "{text}");
}

/// With `TERM=dumb` (Emacs's shell, a serial console) the prompts are
/// plain numbered lines, answered by typing: no escape code is written,
/// and the result is the one `recommend` gives for the same answers.
#[test]
fn a_dumb_terminal_gets_plain_numbered_prompts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let mut p = spawn(&format!(
        "TERM=dumb {} interview --example erp --format json > {}",
        bin(),
        out.display()
    ));
    let mut asked = 0;
    loop {
        let found = p.exp_any(vec![
            ReadUntil::String("(Enter for".into()),
            ReadUntil::String("\n> ".into()),
            ReadUntil::String(DONE.into()),
        ]);
        if found == DONE {
            break;
        }
        if found == "\n> " {
            // A number: empty is "not sure".
            p.press("\r");
            asked += 1;
            continue;
        }
        let text = p.text();
        // "Type 1 to 5, or the answer", or "Type 1 or 2, …".
        let block = &text[text.rfind("Type 1 ").unwrap() + "Type 1 ".len()..];
        let count: usize = block[3..]
            .split([' ', ','])
            .next()
            .unwrap()
            .parse()
            .unwrap();
        // The prompt being asked: what follows the last answer's echo.
        let current = &text[text.rfind("  = ").unwrap_or(0)..];
        if current.contains(PRIORITIES) {
            p.press("1\r"); // weigh equally
        } else if current.contains(SETTLED) {
            assert!(block.starts_with("or 2, or the answer"), "{block}");
            p.press("yes\r"); // go on, typed as a word
        } else if asked % 2 == 0 {
            p.press(&format!("{count}\r")); // "Not sure", the last entry
            asked += 1;
        } else {
            p.press("not\r"); // "Not sure" again, by the start of its text
            asked += 1;
        }
    }
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    assert!(asked > 0, "went on and asked the remaining questions");
    let shown = p.text();
    assert!(!shown.contains('\x1b'), "no escape code: {shown:?}");
    assert!(shown.contains("  = Not sure"), "{shown}");
    let by_flags = common::run(&["recommend", "--example", "erp", "--format", "json"], "");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), by_flags.1);
}

/// On a dumb terminal the answers can be typed as flags and JSON spell them:
/// option ids (`key_value`), `true` and `false`, an axis id. Answering so
/// as the gaming example gives byte for byte what `recommend` gives it.
#[test]
fn a_dumb_terminal_takes_answers_typed_as_flags_spell_them() {
    let pack = Pack::embedded().unwrap();
    let truth = &pack.example("gaming").unwrap().workload;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let mut p = spawn(&format!(
        "TERM=dumb {} interview --format json > {}",
        bin(),
        out.display()
    ));
    let mut ids_typed = 0;
    let mut refused = 0;
    let mut weighed = false;
    loop {
        let found = next_prompt(&mut p, &pack);
        if found == DONE {
            break;
        }
        if found == SETTLED {
            // Yes, go on: every answer of the example is given.
            p.exp_string("(Enter for");
            p.press("true\r");
            p.exp_string("  = Yes");
            continue;
        }
        if found == PRIORITIES {
            p.exp_string("(Enter for");
            p.press("scalability\r");
            p.exp_string("  = Scalability");
            weighed = true;
            continue;
        }
        let field = pack
            .fields
            .iter()
            .position(|f| f.question == found)
            .unwrap();
        let typed = match (&pack.fields[field].kind, truth.values[field]) {
            (FieldKind::Number(_), Some(Value::Number(n))) => dbadvisor::number::format(n),
            (FieldKind::Choice(options), Some(Value::Choice(i))) => {
                ids_typed += 1;
                options[i].id.clone()
            }
            (FieldKind::Bool, Some(Value::Bool(b))) => b.to_string(),
            _ => String::new(),
        };
        match pack.fields[field].kind {
            FieldKind::Number(_) => p.exp_string("\n> "),
            _ => p.exp_string("(Enter for"),
        }
        if pack.fields[field].id == "transactions" {
            // The start of one label and of another answer's flag word is
            // refused, naming the word.
            p.press("multi\r");
            p.exp_string("error: `multi` starts 2 answers (3 `multi_item` and 4)");
            p.exp_string("(Enter for");
            refused += 1;
        }
        // Flag words as people type them too: `key-value` for `key_value`.
        p.press(&format!("{}\r", typed.replace('_', "-")));
        // The echo of the answer, before the next question is looked for.
        p.exp_string("  = ");
    }
    p.exp_eof();
    assert_eq!(p.exit_code(), 0, "{}", p.text());
    assert!(ids_typed >= 2, "{ids_typed} ids typed: {}", p.text());
    assert_eq!(refused, 1, "the transactions question: {}", p.text());
    assert_eq!(p.text().matches("error:").count(), refused, "{}", p.text());
    let mut args = vec!["recommend", "--example", "gaming", "--format", "json"];
    if weighed {
        args.extend(["--priority", "scalability=2"]);
    }
    let by_flags = common::run(&args, "");
    assert_eq!(by_flags.0, 0, "{}", by_flags.2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), by_flags.1);
}

/// `examples` on a terminal ends with how to show one, in the terms of the
/// pack in use; piped, it is the rows alone (tests/cli.rs).
#[test]
fn the_examples_list_says_how_to_show_one_on_a_terminal() {
    let mut p = spawn(&format!(
        "exec {} --rules tests/fixtures/tiny-pack.yaml examples",
        bin()
    ));
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    let text = p.text();
    assert!(
        text.contains(
            "Show one with its result: dbadvisor --rules tests/fixtures/tiny-pack.yaml examples ID"
        ),
        "{text}"
    );
}

/// On a narrow terminal the printed command line is broken between flags
/// with ` \` continuations: pasted into a shell as shown, it still gives
/// the interview's output.
#[test]
fn a_command_line_broken_to_fit_still_runs_as_shown() {
    let pack = Pack::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let mut p = spawn(&format!(
        "stty cols 60 rows 40; exec {} interview --example erp --format json --aurora-acu 4 > {}",
        bin(),
        out.display()
    ));
    let (code, text) = finish_as_erp(&mut p, &pack);
    assert_eq!(code, 0);
    let text = text.replace('\r', "");
    let shown: Vec<&str> = text
        .split("Same result in a script:\n")
        .nth(1)
        .unwrap()
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .collect();
    assert!(shown.len() > 1, "broken to fit: {shown:?}");
    assert!(shown.iter().all(|l| l.len() < 60), "{shown:?}");
    let script = shown.join("\n").replacen("dbadvisor", &bin(), 1);
    let replay = Command::new("sh").args(["-c", &script]).output().unwrap();
    assert!(replay.status.success(), "{script}");
    assert_eq!(
        String::from_utf8(replay.stdout).unwrap(),
        std::fs::read_to_string(&out).unwrap(),
        "{script}"
    );
}

/// On a dumb terminal Ctrl-D ends the interview (exit 130), also after a
/// text typed without Enter: that text is not taken as an answer.
#[test]
fn ctrl_d_after_typed_text_on_a_dumb_terminal_ends_it() {
    let mut p = spawn(&format!("TERM=dumb exec {} interview", bin()));
    p.exp_string("\n> ");
    p.press("12");
    std::thread::sleep(std::time::Duration::from_millis(100));
    // The first Ctrl-D hands "12" over without a newline; the second is
    // the end of the input.
    p.session.send_control('d').unwrap();
    std::thread::sleep(std::time::Duration::from_millis(100));
    p.session.send_control('d').unwrap();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
    let text = p.text();
    assert!(!text.contains("= 12"), "{text}");
}

/// `--input -` on a terminal says it is reading, instead of waiting in
/// silence as if hung, and answers what is typed up to Ctrl-D.
#[test]
fn reading_a_workload_from_the_terminal_says_so() {
    let mut p = spawn(&format!("{} recommend --input -", bin()));
    p.exp_string("reading a workload from the terminal; end it with Ctrl-D");
    p.press("{\"use_case\": \"erp\"}\r");
    p.session.send_control('d').unwrap();
    p.exp_string("Recommendation: Amazon Aurora");
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    // YAML, and nothing at all, end with one Ctrl-D too, as the message
    // says: the read that decides the kind of input saw the end already.
    let mut p = spawn(&format!("{} recommend --input -", bin()));
    p.exp_string("end it with Ctrl-D");
    p.press("use_case: gaming\r");
    p.session.send_control('d').unwrap();
    p.exp_string("Recommendation: Amazon DynamoDB");
    p.exp_eof();
    assert_eq!(p.exit_code(), 0);
    let mut p = spawn(&format!("{} recommend --input -", bin()));
    p.exp_string("end it with Ctrl-D");
    p.session.send_control('d').unwrap();
    p.exp_string("no answers given");
    p.exp_eof();
    assert_eq!(p.exit_code(), 2);
}

/// On a terminal (`--color auto`), an error's `error:` and `help:` are
/// coloured as cargo colours them; with NO_COLOR set, not.
#[test]
fn errors_on_a_terminal_have_coloured_labels() {
    let mut p = spawn_with(&format!("{} recommend --json", bin()), false);
    p.exp_eof();
    assert_eq!(p.exit_code(), 2);
    let text = p.text();
    assert!(
        text.contains("dbadvisor: \u{1b}[1m\u{1b}[31merror:\u{1b}[0m unexpected"),
        "{text:?}"
    );
    assert!(
        text.contains("\u{1b}[1m\u{1b}[36mhelp:\u{1b}[0m for JSON output"),
        "{text:?}"
    );
    let mut p = spawn(&format!("{} recommend --json", bin()));
    p.exp_eof();
    let text = p.text();
    assert!(text.contains("dbadvisor: error: unexpected"), "{text:?}");
    assert!(!text.contains('\u{1b}'), "{text:?}");
}

/// On a dumb terminal, leaves every number question before the first list
/// unanswered, and stops where the list's answer is typed.
fn to_the_first_list(p: &mut Pty) {
    loop {
        let found = p.exp_any(vec![
            ReadUntil::String("(Enter for".into()),
            ReadUntil::String("\n> ".into()),
        ]);
        if found != "\n> " {
            p.exp_string("): ");
            return;
        }
        p.press("\r"); // a number: not sure
    }
}

/// On a dumb terminal, `?` at a list is "Not sure", as it is at a number
/// (it was refused as "neither one of 1 to N nor the start of one answer").
#[test]
fn a_question_mark_at_a_dumb_terminal_s_list_is_not_sure() {
    let mut p = spawn(&format!("TERM=dumb exec {} interview", bin()));
    to_the_first_list(&mut p);
    p.press("?\r");
    p.exp_string("  = Not sure");
    p.ctrl_c();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
    assert!(!p.text().contains("neither one of"), "{}", p.text());
}

/// On a dumb terminal a list is answered by typing the start of an answer;
/// `no` at a question whose answers are not yes and no means "not that",
/// not the "Not sure" it starts, so it is refused with what to type.
#[test]
fn no_at_a_dumb_terminal_s_list_of_other_answers_is_refused() {
    let mut p = spawn(&format!("TERM=dumb exec {} interview", bin()));
    to_the_first_list(&mut p);
    p.press("no\r");
    // Its answers are not those, and what it does start is named.
    p.exp_string(
        "error: `no` answers yes or no, and this question's answers are not those; it starts answer 4: type more of it, or its number",
    );
    p.press("1\r");
    p.exp_string("  = ");
    p.ctrl_c();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
    // Answered once, by the number: the `no` picked nothing.
    let text = p.text();
    let list_answers: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("(Enter for") && l.contains("  = "))
        .collect();
    assert_eq!(list_answers.len(), 1, "{text}");
    assert!(!list_answers[0].ends_with("= Not sure"), "{text}");
}

/// On a full terminal a list takes a typed answer too, by its label or its
/// word as a flag takes it, as a dumb terminal does: dialoguer's list took
/// the letters as keys, so `known⏎` moved up with the `k` and picked what
/// it landed on, and `postgresql⏎` went back a question at the `q`. Here
/// the gaming example is answered by typing every answer (`key-value`
/// starts with the k that moves up while nothing is typed), and gives the
/// JSON its flags give; typed text that names no answer is refused, and
/// Esc clears it.
#[test]
fn a_full_terminal_takes_answers_typed_as_words() {
    let pack = Pack::embedded().unwrap();
    let truth = &pack.example("gaming").unwrap().workload;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let mut p = spawn(&format!(
        "{} interview --existing-engine nosql --format json > {}",
        bin(),
        out.display()
    ));
    let mut typed_words = 0;
    let mut refused = false;
    loop {
        let found = next_prompt(&mut p, &pack);
        if found == DONE {
            break;
        }
        if found == SETTLED {
            // Yes, go on: every answer of the example is given.
            p.exp_string("No");
            p.press("yes\r");
            p.exp_string(&format!("{SETTLED}: Yes"));
            continue;
        }
        if found == PRIORITIES {
            p.exp_string("Use cases");
            p.press("\r");
            p.exp_string(&found);
            continue;
        }
        let field = &pack.fields[pack
            .fields
            .iter()
            .position(|f| f.question == found)
            .unwrap()];
        let answer = truth.values[pack.field_index(&field.id).unwrap()];
        let (typed, echoed) = match (&field.kind, answer) {
            (FieldKind::Number(_), Some(Value::Number(n))) => {
                p.exp_string("back]");
                (dbadvisor::number::format(n), None)
            }
            (FieldKind::Number(_), _) => {
                p.exp_string("back]");
                (String::new(), None)
            }
            (FieldKind::Choice(options), Some(Value::Choice(i))) => {
                p.exp_string("Not sure");
                typed_words += 1;
                (
                    options[i].id.replace('_', "-"),
                    Some(options[i].label.clone()),
                )
            }
            (FieldKind::Bool, Some(Value::Bool(b))) => {
                p.exp_string("Not sure");
                let word = if b { "yes" } else { "no" };
                (
                    word.to_owned(),
                    Some(if b { "Yes" } else { "No" }.to_owned()),
                )
            }
            _ => {
                p.exp_string("Not sure");
                ("?".to_owned(), Some("Not sure".to_owned()))
            }
        };
        if !refused && echoed.is_some() {
            p.press("xyz\r");
            p.exp_string("`xyz` names no answer here");
            p.press("\x1b");
            refused = true;
        }
        p.press(&format!("{typed}\r"));
        if let Some(echoed) = echoed {
            p.exp_string(&format!(": {echoed}\r\n"));
        }
    }
    p.exp_eof();
    assert_eq!(p.exit_code(), 0, "{}", p.text());
    assert!(typed_words >= 3, "{typed_words} words typed: {}", p.text());
    assert!(refused, "{}", p.text());
    let by_flags = common::run(
        &[
            "recommend",
            "--example",
            "gaming",
            "--existing-engine",
            "nosql",
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(by_flags.0, 0, "{}", by_flags.2);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), by_flags.1);
}

/// A `q` inside a typed word is a letter, not "go back": `postgresql⏎`
/// picks PostgreSQL.
#[test]
fn a_q_inside_a_typed_word_is_a_letter() {
    let pack = Pack::embedded().unwrap();
    let mut p = spawn(&format!(
        "{} interview --use-case other --data-shape mixed --relationships few \
         --query-flexibility mixed --transactions none --schema evolving --server-side-logic no",
        bin()
    ));
    loop {
        if next_list(&mut p, &pack) == "existing_engine" {
            p.press("postgresql\r");
            p.exp_string(": PostgreSQL\r\n");
            break;
        }
        p.press("?\r");
        p.exp_string(": Not sure\r\n");
    }
    p.ctrl_c();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
}

/// The rows `text` (escape sequences aside) takes on a terminal `columns`
/// wide that wraps long lines, as most terminals do on a resize.
fn rows_at(text: &str, columns: usize) -> usize {
    let mut plain = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            // A CSI sequence: up to its final byte.
            chars.next();
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else if c != '\r' {
            plain.push(c);
        }
    }
    plain
        .trim_end_matches('\n')
        .split('\n')
        .map(|line| line.chars().count().div_ceil(columns).max(1))
        .sum()
}

/// A window narrowed while a list waits for a key: the terminal rewraps
/// what was drawn onto more rows, and all of them are cleared (a first row
/// of a rewrapped item used to stay on screen, a stale copy above the list),
/// then the question and its answers are laid out again to fit.
#[test]
fn a_window_narrowed_at_a_prompt_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let tty = dir.path().join("tty");
    let mut p = spawn(&format!(
        "tty > {}; stty cols 100 rows 40; exec {} interview --data-size-gb 10",
        tty.display(),
        bin()
    ));
    p.exp_string("Does it run in more than one AWS Region?");
    p.exp_string("Not sure");
    // The question's first row on, to the end of its list.
    let text = p.text();
    let question = text.rfind("Does it run").unwrap();
    let drawn = text[text[..question].rfind('\n').unwrap() + 1..].to_owned();
    let narrow = |columns: &str| {
        let path = std::fs::read_to_string(&tty).unwrap();
        let status = Command::new("stty")
            .args(["-F", path.trim(), "cols", columns])
            .status()
            .unwrap();
        assert!(status.success());
    };
    narrow("50");
    let before = p.written.len();
    p.press(DOWN);
    p.exp_string("Not sure");
    let after = String::from_utf8_lossy(&p.written[before..]).into_owned();
    let cleared = format!("\x1b[{}A", rows_at(&drawn, 50));
    assert!(
        // (After the end of the last item's line.)
        after.trim_start_matches("\r\n").starts_with(&cleared),
        "expected {cleared:?} (every row of {drawn:?} at 50 columns) first in {after:?}"
    );
    let redrawn = &after[after.find("Does it run").expect("the question again")..];
    // (A row drawn again in place, after a `\r`, is measured alone: the
    // resize is answered at once, and the key pressed after it again.)
    for line in redrawn.split(['\r', '\n']) {
        assert!(
            rows_at(line, 50) == 1,
            "{line:?} is wider than 50 columns in {redrawn:?}"
        );
    }
    p.ctrl_c();
    p.exp_eof();
}

/// [`a_window_narrowed_at_a_prompt_leaves_nothing_behind`] at a number
/// prompt: the question and the input row, rewrapped, are cleared up to the
/// cursor's row and drawn again to fit, with what was typed.
#[test]
fn a_window_narrowed_at_a_number_prompt_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let tty = dir.path().join("tty");
    let mut p = spawn(&format!(
        "tty > {}; stty cols 100 rows 40; exec {} interview",
        tty.display(),
        bin()
    ));
    p.exp_string("How much data will it hold?");
    p.exp_string("goes back]");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let text = p.text();
    let question = text.rfind("How much data").unwrap();
    let drawn = text[text[..question].rfind('\n').unwrap() + 1..].to_owned();
    let path = std::fs::read_to_string(&tty).unwrap();
    let status = Command::new("stty")
        .args(["-F", path.trim(), "cols", "45"])
        .status()
        .unwrap();
    assert!(status.success());
    let before = p.written.len();
    p.press("4");
    p.exp_string("goes back]");
    p.exp_string("4");
    let after = String::from_utf8_lossy(&p.written[before..]).into_owned();
    // The cursor waits after the input row's text, on its last row.
    let cleared = format!("\x1b[{}A\r\x1b[J", rows_at(&drawn, 45) - 1);
    let redrawn_at = after.find("How much data").expect("the question again");
    assert!(
        after[..redrawn_at].ends_with(&cleared),
        "expected {cleared:?} (every row of {drawn:?} at 45 columns, less the cursor's) before the question in {after:?}"
    );
    let redrawn = &after[redrawn_at..];
    // (A row drawn again in place, after a `\r`, is measured alone: the
    // resize is answered at once, and the key pressed after it again.)
    for line in redrawn.split(['\r', '\n']) {
        assert!(
            rows_at(line, 45) == 1,
            "{line:?} is wider than 45 columns in {redrawn:?}"
        );
    }
    p.ctrl_c();
    p.exp_eof();
}

/// Ctrl-Z at a prompt stops the interview, as at any shell prompt (the
/// terminal is in raw mode while a key is awaited, so the key stopped
/// nothing and was lost), and `fg` draws the question again with what was
/// typed, which Enter then takes; the same at a list.
#[test]
fn ctrl_z_suspends_the_interview_and_fg_resumes_it() {
    let mut p = spawn("PS1='$ ' exec bash --norc --noprofile -i");
    p.exp_string("$ ");
    p.press(&format!("{} interview\r", bin()));
    p.exp_string("goes back]");
    p.press("12");
    p.press("\x1a");
    p.exp_string("Stopped");
    p.press("fg\r");
    p.exp_string("How much data will it hold?");
    p.exp_string("goes back]");
    p.press("\r");
    p.exp_string("GB.): 12 GB");
    p.exp_string("Does it run in more than one AWS Region?");
    p.exp_string("Not sure");
    p.press("\x1a");
    p.exp_string("Stopped");
    p.press("fg\r");
    p.exp_string("Does it run in more than one AWS Region?");
    p.exp_string("Not sure");
    p.press("one\r");
    p.exp_string("reads.): One Region");
    p.ctrl_c();
    p.exp_string("$ ");
    p.press("exit\r");
    p.exp_eof();
}

/// Keys console knows only the start of (Ctrl-→ is `ESC [1;5C`, F5 `ESC
/// [15~`, F1 `ESC O P`) type nothing into a list: their rest came as
/// letters (`typed: 5C~P`), and Enter then refused the answer typed after.
/// A flag word typed in part is refused with why.
#[test]
fn function_keys_type_nothing_into_a_list() {
    let pack = Pack::embedded().unwrap();
    let mut p = spawn(&format!("{} interview", bin()));
    // Numbers are left unanswered up to the first list of options.
    let (_, option) = loop {
        let question = next_prompt(&mut p, &pack);
        let field = pack.fields.iter().find(|f| f.question == question).unwrap();
        match &field.kind {
            FieldKind::Choice(options) if options.len() > 2 => {
                break (question, options[options.len() - 1].clone());
            }
            FieldKind::Number(_) => {
                p.exp_string("back]");
                p.press("\r");
            }
            _ => panic!("{question}: a yes/no list before the first list of options"),
        }
    };
    p.exp_string("Not sure");
    // A flag word's start moves the cursor to its answer, and Enter says
    // why it is not taken (it said the text named no answer).
    let start = &option.id[..3];
    assert!(!option.label.to_lowercase().starts_with(start));
    p.press(&format!("{start}\r"));
    p.exp_string(&format!(
        "`{start}` starts the flag word `{}`, which is taken only whole",
        option.id
    ));
    p.press("\x1b");
    p.press(&format!("\x1b[1;5C\x1b[15~\x1bOP{}\r", option.id));
    p.exp_string(&format!(": {}\r\n", option.label));
    p.ctrl_c();
    p.exp_eof();
    assert!(!p.text().contains("names no answer"), "{}", p.text());
}

/// A window resized while a prompt waits gets the question laid out again
/// at once, not at the next key (a list and a number prompt alike).
#[test]
fn a_prompt_is_laid_out_again_when_resized_without_a_key() {
    let pack = Pack::embedded().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let tty = dir.path().join("tty");
    let mut p = spawn(&format!(
        "tty > {}; stty cols 120 rows 60; exec {} interview",
        tty.display(),
        bin()
    ));
    // Read once the prompt is up, when `tty` has written it.
    let resize = |columns: &str| {
        let path = std::fs::read_to_string(&tty).unwrap();
        let done = Command::new("stty")
            .args(["-F", path.trim(), "cols", columns])
            .status()
            .unwrap();
        assert!(done.success());
    };
    let mut kinds = Vec::new();
    for columns in ["60", "120"] {
        let question = next_prompt(&mut p, &pack);
        let field = pack.fields.iter().find(|f| f.question == question).unwrap();
        let number = matches!(field.kind, FieldKind::Number(_));
        p.exp_string(if number { "back]" } else { "Not sure" });
        resize(columns);
        // The question's first words, drawn again with no key pressed.
        p.exp_string(&question[..20]);
        p.exp_string(if number { "back]" } else { "Not sure" });
        kinds.push(number);
        p.press("\r");
    }
    p.ctrl_c();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
    assert!(kinds.contains(&true) && kinds.contains(&false), "{kinds:?}");
}

/// On a narrow terminal the result's long lines are broken at spaces, but
/// never between a number and its unit: at 60 columns the gaming example
/// showed "…takes one unit per 1" / "KB).", and with `--explain` "4" /
/// "KB", "0.5" / "ACU per instance" and the like. The glue that holds them
/// is written as a plain space.
#[test]
fn a_narrow_terminal_keeps_numbers_with_their_units() {
    let widths = [50, 60, 66, 72, 80, 91, 100];
    let script = widths
        .iter()
        .map(|c| {
            format!(
                "stty cols {c} rows 50; {} recommend --example gaming --explain </dev/null; echo '=={c}=='",
                bin()
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let mut p = spawn(&script);
    p.exp_eof();
    let text = p.text().replace('\r', "");
    assert!(!text.contains('\u{a0}'), "a no-break space leaked:\n{text}");
    let number = |w: &str| {
        let d = w.trim_start_matches(['(', '$']);
        d.starts_with(|c: char| c.is_ascii_digit())
            && d.ends_with(|c: char| c.is_ascii_digit())
            && d.chars()
                .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    };
    let units = [
        "KB", "GB", "MB", "ms", "items", "ACU", "ACUs", "WCU", "RCU", "read", "write", "writes/s",
        "reads/s", "points", "h", "s", "million", "simple",
    ];
    let mut rest = text.as_str();
    for c in widths {
        let marker = format!("=={c}==");
        let (shown, after) = rest.split_once(&marker).expect("each run ends");
        rest = after;
        assert!(shown.contains("Why Amazon DynamoDB"), "{c}:\n{shown}");
        let lines: Vec<&str> = shown.lines().collect();
        for pair in lines.windows(2) {
            let (Some(last), Some(first)) = (
                pair[0].split_whitespace().last(),
                pair[1].split_whitespace().next(),
            ) else {
                continue;
            };
            let first = first.trim_end_matches([')', '.', ',', ';']);
            assert!(
                !(number(last) && units.contains(&first)),
                "{c} columns: {:?} / {:?}\n{shown}",
                pair[0],
                pair[1]
            );
        }
    }
}

/// A word typed at a list that starts with j or k, the keys that move the
/// cursor, is typed whole: `junk⏎` is refused as `junk` (it was `unk`, the
/// `j` having moved the cursor), and after Esc the cursor is where it was,
/// so Enter picks "Not sure", where it starts (it picked the answer the `j`
/// moved to).
#[test]
fn a_word_starting_with_j_is_typed_whole_and_esc_leaves_the_cursor() {
    let pack = Pack::embedded().unwrap();
    // `exec`: a Ctrl-C between two prompts (the terminal not raw) reaches
    // the shell too, and sh then dies of it whatever dbadvisor exits with.
    let mut p = spawn(&format!("exec {} interview", bin()));
    next_list(&mut p, &pack);
    p.press("junk\r");
    p.exp_string("`junk` names no answer here");
    p.press("\x1b");
    p.press("\r");
    p.exp_string(": Not sure\r\n");
    p.ctrl_c();
    p.exp_eof();
    assert_eq!(p.exit_code(), 130);
}
