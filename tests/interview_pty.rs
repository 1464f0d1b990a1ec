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

/// Types keys once the prompt has had a moment to switch the terminal to
/// raw mode (it draws the prompt first, then starts reading keys).
fn press(p: &mut PtySession, keys: &str) {
    std::thread::sleep(std::time::Duration::from_millis(60));
    p.send(keys).unwrap();
    p.flush().unwrap();
}

fn bin() -> String {
    assert_cmd::cargo::cargo_bin("dbadvisor")
        .display()
        .to_string()
}

/// Spawns `sh -c SCRIPT` on a pseudo-terminal with a clean, colourless environment.
fn spawn(script: &str) -> PtySession {
    let mut cmd = Command::new("sh");
    cmd.args(["-c", script])
        .env("NO_COLOR", "1")
        .env("TERM", "xterm")
        .env("COLUMNS", "200");
    rexpect::session::spawn_command(cmd, Some(TIMEOUT_MS)).expect("a pseudo-terminal")
}

const SETTLED: &str = "Answer the remaining questions anyway?";
const PRIORITIES: &str = "Does one of these matter more than the others?";

/// Waits for the next prompt: a field's question (returned as its text), the
/// "settled" offer or the priorities question. Field questions are found
/// after their "Question N" line, because an answered prompt is redrawn with
/// its question and must not be taken for a new one.
fn next_prompt(p: &mut PtySession, pack: &Pack) -> String {
    let (_, found) = p
        .exp_any(vec![
            ReadUntil::String("at most ".into()),
            ReadUntil::String(SETTLED.into()),
            ReadUntil::String(PRIORITIES.into()),
        ])
        .expect("a prompt appears");
    if found != "at most " {
        return found;
    }
    let questions = pack
        .fields
        .iter()
        .map(|f| ReadUntil::String(f.question.clone()))
        .collect();
    p.exp_any(questions)
        .expect("a question follows its number")
        .1
}

/// Answers every question as `truth` would ("not sure" where it is silent)
/// until the interview ends; returns how many field questions were asked.
fn answer_as(p: &mut PtySession, pack: &Pack, truth: &Workload) -> usize {
    let mut asked = 0;
    loop {
        let found = next_prompt(p, pack);
        if found == SETTLED {
            // The offer to go on: say no (it may already have taken its default).
            let (_, next) = p
                .exp_any(vec![
                    ReadUntil::String("]".into()),
                    ReadUntil::String(PRIORITIES.into()),
                ])
                .unwrap();
            if next == PRIORITIES {
                p.exp_string("Use cases").unwrap();
                press(p, "\r");
                return asked;
            }
            press(p, "n");
            continue;
        }
        if found == PRIORITIES {
            p.exp_string("Use cases").unwrap();
            press(p, "\r"); // the default: weigh the axes equally
            p.flush().unwrap();
            return asked;
        }
        asked += 1;
        let field = pack
            .fields
            .iter()
            .position(|f| f.question == found)
            .unwrap();
        // Wait for the whole prompt to be drawn before typing.
        match &pack.fields[field].kind {
            FieldKind::Number(_) => {
                p.exp_string("empty if not sure]").unwrap();
                let text = match truth.values[field] {
                    Some(Value::Number(n)) => dbadvisor::number::format(n),
                    _ => String::new(),
                };
                press(p, &format!("{text}\r"));
            }
            kind => {
                p.exp_string("Not sure").unwrap();
                let index = match (truth.values[field], kind) {
                    (Some(Value::Choice(i)), _) => i,
                    (Some(Value::Bool(true)), _) => 0,
                    (Some(Value::Bool(false)), _) => 1,
                    (_, FieldKind::Choice(options)) => options.len(),
                    _ => 2,
                };
                press(p, &format!("{}\r", DOWN.repeat(index)));
            }
        }
        p.flush().unwrap();
    }
}

fn exit_code(p: &PtySession) -> i32 {
    match p.process().wait().unwrap() {
        WaitStatus::Exited(_, code) => code,
        other => panic!("did not exit normally: {other:?}"),
    }
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
    p.exp_string("Same result in a script:").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
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
    // Pre-answer everything but the write rate and the use case.
    let mut p = spawn(&format!(
        "{} interview --example iot-analytics --save {} --format json > /dev/null",
        bin(),
        saved.display()
    ));
    // The use case is pre-answered by the example, so the first question is another one;
    // answer questions until the write rate comes, saying "not sure" to choices.
    let mut saw_bad_number = false;
    loop {
        let found = next_prompt(&mut p, &pack);
        if found == SETTLED {
            let (_, next) = p
                .exp_any(vec![
                    ReadUntil::String("]".into()),
                    ReadUntil::String(PRIORITIES.into()),
                ])
                .unwrap();
            if next == PRIORITIES {
                p.exp_string("Use cases").unwrap();
                press(&mut p, "\r");
                break;
            }
            press(&mut p, "n");
        } else if found == PRIORITIES {
            p.exp_string("Use cases").unwrap();
            press(&mut p, "\r");
            break;
        } else {
            let field = pack
                .fields
                .iter()
                .position(|f| f.question == found)
                .unwrap();
            match &pack.fields[field].kind {
                FieldKind::Number(_) => {
                    p.exp_string("empty if not sure]").unwrap();
                    if !saw_bad_number {
                        press(&mut p, "-5\r");
                        p.exp_string("below the minimum").unwrap();
                        saw_bad_number = true;
                    }
                    press(&mut p, "\r");
                }
                FieldKind::Choice(options) => {
                    p.exp_string("Not sure").unwrap();
                    press(&mut p, &format!("{}\r", DOWN.repeat(options.len())));
                }
                FieldKind::Bool => {
                    p.exp_string("Not sure").unwrap();
                    press(&mut p, &format!("{}\r", DOWN.repeat(2)));
                }
            }
        }
        p.flush().unwrap();
    }
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 0);
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

#[test]
fn ctrl_c_exits_130_and_writes_no_save_file() {
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("answers.json");
    let mut p = spawn(&format!("{} interview --save {}", bin(), saved.display()));
    // Wait for the first question (whichever the analysis picks) to be drawn.
    p.exp_string("Question 1").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(500));
    p.send_control('c').unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 130);
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
    assert!(started.elapsed() < std::time::Duration::from_secs(5));

    // --no-input refuses even on a terminal.
    let mut p = spawn(&format!("{} interview --no-input", bin()));
    p.exp_string("--no-input").unwrap();
    p.exp_eof().unwrap();
    assert_eq!(exit_code(&p), 2);
}
