//! The question flow with a scripted prompter.

use super::*;
use crate::engine::decide;

fn pack() -> Pack {
    Pack::embedded().unwrap()
}

/// Answers every question the way `workload` would, "not sure" where it is silent.
struct Oracle<'p> {
    pack: &'p Pack,
    truth: Workload,
    asked: Vec<String>,
}

impl Prompter for Oracle<'_> {
    fn select(&mut self, prompt: &str, items: &[String], _default: usize) -> Result<Reply<usize>> {
        self.asked.push(prompt.to_owned());
        if let Some(field) = self
            .pack
            .fields
            .iter()
            .position(|f| prompt.starts_with(&f.question))
        {
            return Ok(Reply::Answer(
                match (self.truth.values[field], &self.pack.fields[field].kind) {
                    (Some(Value::Choice(i)), _) => i,
                    (Some(Value::Bool(true)), _) => 0,
                    (Some(Value::Bool(false)), _) => 1,
                    _ => items.len() - 1,
                },
            ));
        }
        Ok(Reply::Answer(0)) // priorities: weigh equally
    }
    fn text(&mut self, prompt: &str, _initial: &str, _check: &Check) -> Result<Reply<String>> {
        self.asked.push(prompt.to_owned());
        let field = self
            .pack
            .fields
            .iter()
            .position(|f| prompt.starts_with(&f.question))
            .unwrap();
        Ok(Reply::Answer(match self.truth.values[field] {
            Some(Value::Number(n)) => crate::number::format(n),
            _ => String::new(),
        }))
    }
    fn confirm(&mut self, _prompt: &str, _default: bool) -> Result<Reply<bool>> {
        Ok(Reply::Answer(false))
    }
    fn say(&mut self, _line: &str) {}
}

fn interview_as(pack: &Pack, truth: &Workload) -> Outcome {
    let mut oracle = Oracle {
        pack,
        truth: truth.clone(),
        asked: Vec::new(),
    };
    converse(
        pack,
        Workload::empty(pack),
        &mut oracle,
        Options {
            ask_priorities: false,
        },
    )
    .unwrap()
}

#[test]
fn every_worked_example_reaches_its_recommendation_and_settles_early() {
    let pack = pack();
    let mut counts = Vec::new();
    for example in &pack.examples {
        let outcome = interview_as(&pack, &example.workload);
        let decision = decide(&pack, &outcome.workload);
        assert_eq!(
            decision.recommendation,
            Some(pack.candidates[example.expect].id.as_str()),
            "{}",
            example.id
        );
        let settled = outcome.settled_after.unwrap_or(pack.fields.len() + 1);
        counts.push((example.id.clone(), settled));
    }
    // Printed for the README's table (`cargo test -- --nocapture`).
    #[allow(clippy::print_stderr)]
    {
        eprintln!("questions before settling: {counts:?}");
    }
    // Every example settles before the interview runs out of questions. (The
    // README reports the counts; the issue's goal of a median of 6 is not met
    // by this pack: each example's smallest sufficient set of answers already
    // has 7 or more, see `sufficient_reasons`.)
    for (id, n) in &counts {
        assert!(
            *n < pack.fields.len(),
            "{id} asked {n} questions before settling"
        );
    }
    // The README's table of counts is this test's output, kept in step.
    let readme = include_str!("../../README.md");
    for (id, n) in &counts {
        assert!(
            readme.contains(&format!("| {id} | {n} |")),
            "README's question count for {id} is not {n}"
        );
    }
}

#[test]
fn never_asks_a_pre_answered_question() {
    let pack = pack();
    let erp = pack.example("erp").unwrap().workload.clone();
    let mut pre = Workload::empty(&pack);
    let use_case = pack.field_index("use_case").unwrap();
    let data_shape = pack.field_index("data_shape").unwrap();
    pre.values[use_case] = erp.values[use_case];
    pre.values[data_shape] = erp.values[data_shape];
    let mut oracle = Oracle {
        pack: &pack,
        truth: erp,
        asked: Vec::new(),
    };
    let outcome = converse(
        &pack,
        pre,
        &mut oracle,
        Options {
            ask_priorities: false,
        },
    )
    .unwrap();
    assert!(!outcome.asked.contains(&use_case));
    assert!(!outcome.asked.contains(&data_shape));
    assert!(oracle
        .asked
        .iter()
        .all(|q| !q.starts_with(&pack.fields[use_case].question)));
}

#[test]
fn stops_when_settled_and_goes_on_when_asked_to() {
    let pack = pack();
    let truth = pack.example("iot-analytics").unwrap().workload.clone();
    let outcome = interview_as(&pack, &truth);
    let settled = outcome.settled_after.expect("the example settles");
    assert_eq!(outcome.asked.len(), settled, "no question after it settled");
    assert!(analysis::is_settled(&pack, &outcome.workload));
    assert!(outcome.asked.len() < pack.fields.len());
}

#[test]
fn asks_every_question_when_nothing_settles() {
    let pack = pack();
    // "Not sure" to everything: nothing is ever settled, so every field is asked once.
    let outcome = interview_as(&pack, &Workload::empty(&pack));
    assert_eq!(outcome.asked.len(), pack.fields.len());
    let mut unique = outcome.asked.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), pack.fields.len(), "each asked once");
    assert_eq!(outcome.settled_after, None);
    assert!(outcome.workload.values.iter().all(Option::is_none));
}

#[test]
fn a_bad_number_is_asked_again_with_the_reason() {
    let pack = pack();
    let writes = pack.field_index("peak_writes_per_sec").unwrap();
    let mut pre = pack.example("gaming").unwrap().workload.clone();
    pre.values[writes] = None;
    // Ask until the writes question comes; answer it badly twice, then well.
    let script = vec![
        Answer::Type("-5".into()),
        Answer::Type("lots".into()),
        Answer::Type("20k".into()),
    ];
    let mut scripted = Scripted::new(script);
    let value = ask(&pack, writes, &mut scripted, None).unwrap();
    assert_eq!(
        value,
        Reply::Answer((Some(Value::Number(20_000.0)), Recalled::Text("20k".into())))
    );
    assert_eq!(scripted.asked.len(), 3);
    assert!(
        scripted.said[0].contains("below the minimum 0"),
        "{:?}",
        scripted.said
    );
    assert!(
        scripted.said[1].contains("not a number"),
        "{:?}",
        scripted.said
    );
    // Shown again as understood, with the field's unit.
    assert_eq!(scripted.said[2], "answered: 20,000 writes/s");
}

/// A number answer is shown as it was read, not as it was typed: `+1.5m KB`
/// for a size in KB is a million and a half kilobytes, which a person who
/// meant 1.5 MB must be able to see. `+1.5m` alone, which may be 1.5 MB,
/// is asked again.
#[test]
fn a_number_answer_is_shown_as_understood() {
    let pack = pack();
    let size = pack.field_index("item_size_kb").unwrap();
    let mut scripted = Scripted::new([
        Answer::Type("+1.5m".into()),
        Answer::Type("+1.5m KB".into()),
    ]);
    let value = ask(&pack, size, &mut scripted, None).unwrap();
    assert_eq!(
        value,
        Reply::Answer((
            Some(Value::Number(1_500_000.0)),
            Recalled::Text("+1.5m KB".into())
        ))
    );
    assert_eq!(scripted.said.len(), 2, "{:?}", scripted.said);
    assert!(
        scripted.said[0]
            .contains("`+1.5m` is ambiguous: m means million (1,500,000 KB), or megabytes"),
        "{:?}",
        scripted.said
    );
    assert_eq!(scripted.said[1], "answered: 1,500,000 KB");
    // The question carries its help, as a choice question does.
    let help = &pack.fields[size].help;
    assert!(!help.is_empty() && scripted.asked[0].contains(help.as_str()));
}

/// "Settled … whatever the N answers still unknown would be" counts the
/// "Not sure" answers too, as the result does, and tells them apart from
/// the questions going on would ask.
#[test]
fn settled_tells_not_sure_answers_from_questions_left() {
    let pack = pack();
    let erp = pack.example("erp").unwrap().workload.clone();
    // Each answer of the example in turn left "not sure"; some are asked
    // before it settles (an unknown size never settles: it may veto).
    let mut checked = 0;
    for f in (0..pack.fields.len()).filter(|&f| erp.values[f].is_some()) {
        let mut truth = erp.clone();
        truth.values[f] = None;
        let said = said_answering(&pack, truth);
        let Some(line) = said.iter().find(|l| l.starts_with("Settled:")) else {
            continue;
        };
        let open: usize = line
            .split("whatever the ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{line}"));
        if line.contains("\"Not sure\")") {
            // The answer left open, and any question the example does not
            // answer that was asked before it settled (the read rate): the
            // two parts add up to the count.
            let (not_asked, not_sure): (usize, usize) = line
                .split_once('(')
                .and_then(|(_, rest)| rest.split_once(" not asked, "))
                .and_then(|(a, rest)| {
                    Some((a.parse().ok()?, rest.split(' ').next()?.parse().ok()?))
                })
                .unwrap_or_else(|| panic!("{line}"));
            assert!(not_sure >= 1, "{line}");
            assert_eq!(not_asked + not_sure, open, "{line}");
            checked += 1;
        } else {
            assert!(!line.contains("not asked"), "{line}");
        }
    }
    assert!(
        checked > 0,
        "no answer left open was asked before it settled"
    );
}

#[test]
fn priorities_become_a_weight() {
    let pack = pack();
    let mut workload = Workload::empty(&pack);
    let mut scripted = Scripted::new([Answer::Pick("Scalability".into())]);
    ask_priorities(&pack, &mut workload, &mut scripted, &mut Recall::default()).unwrap();
    let scalability = pack.axis_index("scalability").unwrap();
    assert_eq!(workload.priorities[scalability], Some(PRIORITY_WEIGHT));
}

#[test]
fn the_equivalent_command_reproduces_the_answers() {
    let pack = pack();
    let mut workload = pack.example("gaming").unwrap().workload.clone();
    workload.priorities[pack.axis_index("scalability").unwrap()] = Some(2.0);
    let line = equivalent_command(&pack, &workload, None);
    assert_eq!(
        line,
        "dbadvisor recommend --use-case gaming --data-shape key_value --relationships none \
         --query-flexibility known --schema flexible --peak-writes-per-sec 20000 --data-size-gb 200 \
         --item-size-kb 2 --traffic-pattern unpredictable --multi-region none --consistency mixed \
         --latency-p99-ms 5 --priority scalability=2"
    );
    // Every digit of an answer: rounded, 5000.0000004 would come back as 5000.
    let writes = pack.field_index("peak_writes_per_sec").unwrap();
    workload.values[writes] = Some(Value::Number(5_000.000_000_4));
    let line = equivalent_command(&pack, &workload, None);
    assert!(
        line.contains("--peak-writes-per-sec 5000.0000004 "),
        "{line}"
    );
    // And of a weight: rounded to 6 decimals, 1e-7 would be 0 (the axis
    // ignored) and 0.1234567891 another margin.
    workload.priorities[pack.axis_index("data_model").unwrap()] = Some(0.123_456_789_1);
    workload.priorities[pack.axis_index("scalability").unwrap()] = Some(1e-7);
    let line = equivalent_command(&pack, &workload, None);
    assert!(
        line.ends_with("--priority data_model=0.1234567891 --priority scalability=0.0000001"),
        "{line}"
    );
    // "Not sure" to everything: plain `recommend` would be a usage error
    // (no answers given); an empty document is answered.
    let line = equivalent_command(&pack, &Workload::empty(&pack), None);
    assert_eq!(line, "echo '{}' | dbadvisor recommend");
}

#[test]
fn number_hints_are_on_each_fields_scale() {
    let pack = pack();
    let hint = |id: &str| number_hint(&pack, pack.field_index(id).unwrap());
    // The middle of the worked examples' values, in the short form people type.
    assert_eq!(hint("item_size_kb"), "2");
    assert_eq!(hint("latency_p99_ms"), "5");
    assert_eq!(hint("peak_writes_per_sec"), "20k");
    assert_eq!(hint("peak_reads_per_sec"), "50k");
    assert_eq!(hint("data_size_gb"), "500");
    // Every hint is a value the question accepts.
    for (index, field) in pack.fields.iter().enumerate() {
        if matches!(field.kind, FieldKind::Number(_)) {
            let text = number_hint(&pack, index);
            assert!(parse_value(field, &text).is_ok(), "{}: {text}", field.id);
        }
    }
    // The prompt shows it.
    let item = pack.field_index("item_size_kb").unwrap();
    let mut scripted = Scripted::new([Answer::Type(String::new())]);
    ask(&pack, item, &mut scripted, None).unwrap();
    assert!(
        scripted.asked[0].ends_with("[KB; e.g. 2; empty if not sure; < goes back]"),
        "{:?}",
        scripted.asked
    );
}

/// The hint is an answer the prompt takes: on a size, a suffix alone is
/// ambiguous (`2k` GB: thousand, or kilobytes?), so a hint of 2,000 GB is
/// `2000`, while a rate keeps its `20k`.
#[test]
fn a_hint_is_never_a_number_the_prompt_refuses() {
    let mut pack = pack();
    for (id, value, hint) in [
        ("data_size_gb", 2_000.0, "2000"),
        ("item_size_kb", 1_500.0, "1500"),
        ("peak_writes_per_sec", 20_000.0, "20k"),
    ] {
        let index = pack.field_index(id).unwrap();
        for example in &mut pack.examples {
            example.workload.values[index] = Some(Value::Number(value));
        }
        assert_eq!(number_hint(&pack, index), hint, "{id}");
        let field = &pack.fields[index];
        assert_eq!(parse_value(field, hint), Ok(Value::Number(value)), "{id}");
    }
}

#[test]
fn a_pack_without_values_still_gets_a_hint_within_bounds() {
    let mut pack = pack();
    pack.examples.clear();
    pack.tests.clear();
    let item = pack.field_index("item_size_kb").unwrap();
    assert_eq!(number_hint(&pack, item), "1");
    if let FieldKind::Number(spec) = &mut pack.fields[item].kind {
        spec.min = 5.0;
        spec.min_exclusive = true;
        spec.max = 50.0;
    }
    assert_eq!(number_hint(&pack, item), "10");
}

#[test]
fn short_numbers_use_the_suffixes_the_prompt_accepts() {
    assert_eq!(short_number(20_000.0), "20k");
    assert_eq!(short_number(1_500_000.0), "1.5M");
    assert_eq!(short_number(2_200.0), "2.2k");
    assert_eq!(short_number(3e9), "3G");
    assert_eq!(short_number(1_234.0), "1234");
    assert_eq!(short_number(500.0), "500");
    assert_eq!(short_number(0.5), "0.5");
    for n in [20_000.0, 1_500_000.0, 2_200.0, 3e9, 1_234.0] {
        assert_eq!(crate::number::parse_human(&short_number(n)), Ok(n));
    }
}

#[test]
fn prompts_are_broken_into_lines_that_fit() {
    use super::prompter::wrap;
    let pack = pack();
    for width in [20, 40, 77, 117] {
        for field in &pack.fields {
            let text = format!("{} ({})", field.question, field.help);
            for last in [width, width / 2] {
                let lines = wrap(&text, width, last);
                let widths: Vec<usize> = lines
                    .iter()
                    .map(|l| console::measure_text_width(l))
                    .collect();
                assert!(widths.iter().all(|&w| w <= width), "{width}: {lines:?}");
                assert!(*widths.last().unwrap() <= last, "{last}: {lines:?}");
                // Nothing lost or reordered.
                assert_eq!(
                    lines.join(" ").split_whitespace().collect::<String>(),
                    text.split_whitespace().collect::<String>()
                );
            }
        }
    }
    // Only the last line leaves room for the answer: the lines before it
    // keep the full width, so there is at most one line more than plain
    // wrapping gives (re-wrapping the last line narrow made a staircase).
    for width in [57, 97] {
        for field in &pack.fields {
            let text = format!("{} ({})", field.question, field.help);
            let plain = wrap(&text, width, width).len();
            let tight = wrap(&text, width, width / 3);
            assert!(tight.len() <= plain + 1, "{width}: {tight:?}");
        }
    }
    // A line that fits is left alone.
    assert_eq!(wrap("How much?", 77, 60), vec!["How much?"]);
    // A word the short last line cannot take does not stand alone: the
    // last word of the line before joins it.
    let lines = wrap(
        "expect.) [writes/s; e.g. 20k; empty if not sure; < goes back]",
        37,
        24,
    );
    assert_eq!(
        lines,
        vec![
            "expect.) [writes/s; e.g. 20k;",
            "empty if",
            "not sure; < goes back]"
        ]
    );
    // Nor does a last word.
    assert_eq!(
        wrap("Question 1 — at most 6 left after this one", 38, 38),
        vec!["Question 1 — at most 6 left after", "this one"]
    );
    // The bracketed hint of a number question stays whole on the last line.
    assert_eq!(
        wrap(
            "What is the peak write rate? [writes/s; e.g. 20k; empty if not sure]",
            77,
            64
        ),
        vec![
            "What is the peak write rate?",
            "[writes/s; e.g. 20k; empty if not sure]"
        ]
    );
    // A word longer than a line is cut.
    assert_eq!(wrap("abcdefghij", 4, 4), vec!["abcd", "efgh", "ij"]);
}

#[test]
fn a_save_path_that_cannot_be_written_is_refused_before_any_question() {
    let dir = tempfile::tempdir().unwrap();
    let usage = |path: &std::path::Path| match check_save_path(path) {
        Err(e @ Error::Usage { .. }) => e.to_string(),
        other => panic!("{}: {other:?}", path.display()),
    };
    let missing = dir.path().join("no/such/dir/a.json");
    assert!(usage(&missing).contains("does not exist"));
    assert!(usage(&missing).starts_with("--save "));
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    assert!(usage(&file.join("a.json")).contains("is not a directory"));
    assert!(usage(dir.path()).contains("not a file path"));
    assert!(usage(std::path::Path::new("")).contains("--save"));
    // `-` is not taken as a file name (nor as stdout, which holds the result).
    assert!(usage(std::path::Path::new("-")).contains("not to standard output"));
    // A JSON Lines name would be read back as a batch, not as this workload.
    for name in ["a.jsonl", "a.NDJSON"] {
        assert!(
            usage(&dir.path().join(name)).contains("read the file as JSON Lines"),
            "{name}"
        );
    }
    // A link is written through, so a dangling one into a missing directory
    // is refused now, not after the last question.
    #[cfg(unix)]
    {
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink(dir.path().join("gone/x.json"), &link).unwrap();
        assert!(usage(&link).contains("does not exist"), "{}", usage(&link));
        std::fs::remove_file(&link).unwrap();
    }

    // A writable path passes, and the check leaves nothing behind.
    let fine = dir.path().join("answers.json");
    check_save_path(&fine).unwrap();
    // Overwriting an existing file is fine too (`save` renames over it).
    check_save_path(&file).unwrap();
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("file")]);
}

/// `--save` through a symbolic link writes the file it names, and to a FIFO
/// (like `/dev/null` or `/dev/stdout`) writes into it: renaming over either
/// replaced the link or the device itself (as root, `--save /dev/null` left a
/// regular file at /dev/null).
#[cfg(unix)]
#[test]
fn save_writes_through_links_and_into_fifos() {
    let pack = pack();
    let workload = pack.examples[0].workload.clone();
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, "old").unwrap();
    let link = dir.path().join("link.json");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    save(&pack, &workload, &link).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .contains(&pack.fields[0].id));

    // A dangling link (relative, through a second link) is followed too: the
    // file it names is created and the links stay links.
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let dangling = dir.path().join("dangling.json");
    std::os::unix::fs::symlink("hop.json", &dangling).unwrap();
    std::os::unix::fs::symlink("sub/new.json", dir.path().join("hop.json")).unwrap();
    save(&pack, &workload, &dangling).unwrap();
    assert!(std::fs::symlink_metadata(&dangling).unwrap().is_symlink());
    assert!(std::fs::read_to_string(dir.path().join("sub/new.json"))
        .unwrap()
        .contains(&pack.fields[0].id));

    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here: the link case above still ran
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    save(&pack, &workload, &fifo).unwrap();
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "the FIFO is still a FIFO"
    );
    assert!(reader.join().unwrap().ends_with("}\n"));
}

/// The interview from no answers, with the weight question on.
fn converse_weighing(pack: &Pack, prompter: &mut dyn Prompter) -> Outcome {
    converse(
        pack,
        Workload::empty(pack),
        prompter,
        Options {
            ask_priorities: true,
        },
    )
    .unwrap()
}

/// Marks, among the lines said, where the weight question was asked.
const WEIGHTS_ASKED: &str = "<weights asked>";

/// The oracle, picking one axis as the one that matters more.
struct Weighing<'p> {
    oracle: Oracle<'p>,
    axis: usize,
    said: Vec<String>,
    /// Mark each question asked among the lines said.
    mark_questions: bool,
}

impl<'p> Weighing<'p> {
    fn new(pack: &'p Pack, truth: Workload, axis: usize) -> Self {
        Weighing {
            oracle: Oracle {
                pack,
                truth,
                asked: Vec::new(),
            },
            axis,
            said: Vec::new(),
            mark_questions: false,
        }
    }
}

/// Marks, among the lines said, where a question was asked.
const QUESTION_ASKED: &str = "<question asked>";

impl Weighing<'_> {
    fn mark(&mut self) {
        if self.mark_questions {
            self.said.push(QUESTION_ASKED.to_owned());
        }
    }
}

impl Prompter for Weighing<'_> {
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<Reply<usize>> {
        if prompt.starts_with("Does one of these matter more") {
            self.said.push(WEIGHTS_ASKED.to_owned());
            return Ok(Reply::Answer(self.axis + 1));
        }
        self.mark();
        self.oracle.select(prompt, items, default)
    }
    fn text(&mut self, prompt: &str, initial: &str, check: &Check) -> Result<Reply<String>> {
        self.mark();
        self.oracle.text(prompt, initial, check)
    }
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<Reply<bool>> {
        self.mark();
        self.oracle.confirm(prompt, default)
    }
    fn say(&mut self, line: &str) {
        self.said.push(line.to_owned());
    }
}

/// After the last question nothing is "yet" to come: a lean still open
/// says the answers left unknown could change it ("(not settled yet)" was
/// said after the weight question that ended the interview).
#[test]
fn the_last_lean_does_not_promise_more_questions() {
    let pack = pack();
    let mut truths = vec![Workload::empty(&pack)];
    truths.extend(pack.examples.iter().map(|e| e.workload.clone()));
    let mut open_at_the_end = 0;
    for truth in truths {
        for axis in 0..pack.axes.len() {
            let mut weighing = Weighing::new(&pack, truth.clone(), axis);
            weighing.mark_questions = true;
            converse_weighing(&pack, &mut weighing);
            let last_question = weighing
                .said
                .iter()
                .rposition(|l| l == QUESTION_ASKED || l == WEIGHTS_ASKED)
                .unwrap();
            let after = &weighing.said[last_question + 1..];
            assert!(
                !after.iter().any(|l| l.contains("yet")),
                "said after the last question: {after:?}"
            );
            open_at_the_end += after
                .iter()
                .filter(|l| l.contains("answers left unknown could"))
                .count();
        }
    }
    assert!(open_at_the_end > 0, "no interview ended open");
}

/// "Settled" is said only when it holds with the weight the person then
/// gives: ERP with scalability doubled used to be called settled, and the
/// result then said 7 open questions could still change it.
#[test]
fn settled_holds_with_the_weight_picked() {
    let pack = pack();
    for example in &pack.examples {
        for axis in 0..pack.axes.len() {
            let mut weighing = Weighing::new(&pack, example.workload.clone(), axis);
            let outcome = converse_weighing(&pack, &mut weighing);
            assert_eq!(outcome.workload.priorities[axis], Some(PRIORITY_WEIGHT));
            // Before the weight is known, a lean is not called settled outright.
            let asked = weighing
                .said
                .iter()
                .position(|l| l == WEIGHTS_ASKED)
                .expect("the weight question was asked");
            assert!(
                !weighing.said[..asked]
                    .iter()
                    .any(|l| l.ends_with("(settled)")),
                "{} with {} doubled: said {:?}",
                example.id,
                pack.axes[axis].id,
                weighing.said
            );
            let claimed = weighing.said.iter().any(|l| l.starts_with("Settled:"));
            let settled = analysis::is_settled(&pack, &outcome.workload);
            assert!(
                !claimed || settled,
                "{} with {} doubled: said {:?}",
                example.id,
                pack.axes[axis].id,
                weighing.said
            );
        }
    }
}

/// Every question answered, the weight question still follows: the lean
/// after the last answer is not "(settled)" (a doubled axis can still
/// change a 1-point lead), but settled if the axes weigh the same.
#[test]
fn the_last_answer_is_not_called_settled_before_the_weight_question() {
    let pack = pack();
    let truth = Workload::from_raw(
        &pack,
        &serde_json::from_str(
            r#"{"use_case": "web", "data_shape": "mixed", "relationships": "few",
                "data_size_gb": 10, "item_size_kb": 1, "multi_region": "none",
                "consistency": "strong", "peak_writes_per_sec": 100,
                "peak_reads_per_sec": 100, "query_flexibility": "known",
                "transactions": "single_item", "schema": "evolving",
                "traffic_pattern": "steady", "latency_p99_ms": 20,
                "ops_model": "no_preference", "team_skills": "both",
                "existing_engine": "mysql", "server_side_logic": false}"#,
        )
        .unwrap(),
    )
    .unwrap();
    let mut weighing = Weighing::new(&pack, truth, 0);
    converse_weighing(&pack, &mut weighing);
    let asked = weighing
        .said
        .iter()
        .position(|l| l == WEIGHTS_ASKED)
        .expect("the weight question was asked");
    let before = &weighing.said[..asked];
    assert!(
        !before.iter().any(|l| l.ends_with("(settled)")),
        "{before:?}"
    );
    assert!(
        before
            .last()
            .is_some_and(|l| l.ends_with("(settled if the axes weigh the same)")),
        "{before:?}"
    );
}

/// A pack with one axis has nothing to weigh it against: no weight question,
/// and no lean that waits for one ("settled if the axes weigh the same").
#[test]
fn a_one_axis_pack_asks_no_weight_question() {
    let text = std::fs::read_to_string("tests/fixtures/tiny-pack.yaml").unwrap();
    let pack = Pack::load(&text, "tiny").unwrap();
    assert_eq!(pack.axes.len(), 1);
    let truth = pack.examples[0].workload.clone();
    let mut oracle = Oracle {
        pack: &pack,
        truth,
        asked: Vec::new(),
    };
    let outcome = converse_weighing(&pack, &mut oracle);
    assert!(
        !oracle
            .asked
            .iter()
            .any(|p| p.starts_with("Does one of these matter more")),
        "{:?}",
        oracle.asked
    );
    assert!(outcome.workload.priorities.iter().all(Option::is_none));
}

/// Every question answered "Not sure": both candidates score 0 on every
/// axis, no weight can move a total, and the weight question (whose answer
/// the result then called unable to break the tie) is not asked.
#[test]
fn no_weight_question_when_every_answer_is_not_sure() {
    let pack = pack();
    let mut weighing = Weighing::new(&pack, Workload::empty(&pack), 0);
    let outcome = converse_weighing(&pack, &mut weighing);
    assert!(
        !weighing.said.iter().any(|l| l == WEIGHTS_ASKED),
        "{:?}",
        weighing.said
    );
    assert!(outcome.workload.priorities.iter().all(Option::is_none));
    // One scoring answer, and the question is asked.
    let mut truth = Workload::empty(&pack);
    let use_case = pack.field_index("use_case").unwrap();
    truth.values[use_case] = pack.examples[0].workload.values[use_case];
    let mut weighing = Weighing::new(&pack, truth, 0);
    converse_weighing(&pack, &mut weighing);
    assert!(
        weighing.said.iter().any(|l| l == WEIGHTS_ASKED),
        "{:?}",
        weighing.said
    );
}

/// Once vetoes leave one candidate or none, a weight cannot change the
/// answer: the weight question is not asked (its answer used to be saved
/// and printed in the command as if it mattered), and the lean says what
/// decided it, never "no candidate ahead yet … settled".
#[test]
fn no_weight_question_once_vetoes_decide() {
    let pack = pack();
    let answers =
        |json: &str| Workload::from_raw(&pack, &serde_json::from_str(json).unwrap()).unwrap();
    let cases = [
        // Both ruled out: active-active writes (Aurora), 500 KB items (DynamoDB).
        (
            answers(r#"{"use_case": "erp", "multi_region": "active_active", "item_size_kb": 500}"#),
            &[
                "every candidate is ruled out (settled)",
                "Settled: no recommendation, every candidate ruled out, whatever",
            ][..],
        ),
        // One left: DynamoDB, Aurora ruled out.
        (
            answers(r#"{"use_case": "erp", "multi_region": "active_active"}"#),
            &["leaning Amazon DynamoDB: a hard limit rules out Amazon Aurora"][..],
        ),
    ];
    for (truth, leans) in cases {
        let lean = leans[0];
        let mut weighing = Weighing::new(&pack, truth.clone(), 1);
        let outcome = converse_weighing(&pack, &mut weighing);
        assert!(
            !weighing.said.iter().any(|l| l == WEIGHTS_ASKED),
            "{lean}: {:?}",
            weighing.said
        );
        assert!(outcome.workload.priorities.iter().all(Option::is_none));
        for lean in leans {
            assert!(
                weighing.said.iter().any(|l| l.contains(lean)),
                "{lean}: {:?}",
                weighing.said
            );
        }

        assert!(
            !weighing
                .said
                .iter()
                .any(|l| l.contains("yet (settled") || l.contains("if the axes weigh the same")),
            "{lean}: {:?}",
            weighing.said
        );
        // Once a veto decides, answers move nothing: the lean is said when
        // it changes, not repeated after every answer.
        let leans: Vec<&String> = weighing
            .said
            .iter()
            .filter(|l| l.starts_with("  → "))
            .collect();
        assert!(leans.windows(2).all(|w| w[0] != w[1]), "{lean}: {leans:?}");
    }
    // In the case with one candidate left the questions go on (a 400 KB item
    // could still rule DynamoDB out), and no lean line repeats.
    let truth = answers(r#"{"use_case": "erp", "multi_region": "active_active"}"#);
    let mut weighing = Weighing::new(&pack, truth, 1);
    converse_weighing(&pack, &mut weighing);
    let questions = weighing
        .said
        .iter()
        .filter(|l| l.starts_with("Question "))
        .count();
    let leans = weighing
        .said
        .iter()
        .filter(|l| l.starts_with("  → "))
        .count();
    assert!(questions > leans + 2, "{:?}", weighing.said);
    // The hard limit is said once, in the words of the result's "Ruled
    // out" section, when the answer that breaks it is given; the lean names
    // no rule id (it said "ruled out by active-active-writes").
    let ruled: Vec<&String> = weighing
        .said
        .iter()
        .filter(|l| l.starts_with("  ✗ "))
        .collect();
    let because = &pack.vetoes[pack
        .vetoes
        .iter()
        .position(|v| v.id == "active-active-writes")
        .unwrap()]
    .because;
    assert_eq!(
        ruled,
        [&format!("  ✗ Amazon Aurora: {because}")],
        "{:?}",
        weighing.said
    );
    assert!(!weighing
        .said
        .iter()
        .any(|l| l.contains("active-active-writes")));
}

/// "The last one" is said only when nothing follows: with the weighing
/// question still to come, the last workload question says so.
#[test]
fn the_last_question_is_called_the_last_only_when_it_is() {
    let pack = pack();
    // A close call (the social-media example with every other field given
    // a middle answer), then one field left open whose answer can still
    // change it: that field is the only question, and the weighing follows.
    let mut truth = pack.example("social-media").unwrap().workload.clone();
    for (f, value) in truth.values.iter_mut().enumerate() {
        if value.is_none() {
            *value = Some(pack.probes[f][pack.probes[f].len() / 2]);
        }
    }
    let open = (0..pack.fields.len())
        .find(|&f| {
            let mut pre = truth.clone();
            pre.values[f] = None;
            !analysis::is_settled(&pack, &pre)
        })
        .expect("some single answer is still open");
    let mut pre = truth.clone();
    pre.values[open] = None;
    for (ask_priorities, expected) in [
        (
            true,
            "Question 1 — the last about the workload; one on the axes' weights may follow",
        ),
        (false, "Question 1 — the last one"),
    ] {
        let mut weighing = Weighing::new(&pack, truth.clone(), 1);
        converse(
            &pack,
            pre.clone(),
            &mut weighing,
            Options { ask_priorities },
        )
        .unwrap();
        // After what the given answers say: how many, and the lean.
        assert_eq!(
            weighing
                .said
                .iter()
                .find(|l| l.starts_with("Question "))
                .map(String::as_str),
            Some(expected),
            "{:?}",
            weighing.said
        );
    }
}

/// Settled means no answer changes the recommendation, but an answer may
/// still raise a caution: the offer to go on says so.
#[test]
fn settled_says_when_an_answer_could_still_raise_a_caution() {
    let pack = caution_pack();
    let answers =
        |json: &str| Workload::from_raw(&pack, &serde_json::from_str(json).unwrap()).unwrap();
    for (truth, expected) in [
        (
            answers(r#"{"size": 200, "fragile": true}"#),
            "Settled: Blue, whatever the answer still unknown would be; it could still raise a caution.",
        ),
        // Small: `too-big` is false and `never` can never hold; `fragile`
        // could still raise `handle-with-care`.
        (
            answers(r#"{"size": 1}"#),
            "Settled: Red, whatever the answer still unknown would be; it could still raise a caution.",
        ),
    ] {
        let said = said_answering(&pack, truth);
        assert!(said.iter().any(|l| l == expected), "{said:?}");
    }
}

/// A caution said only when one candidate wins waits for the result (the
/// winner may still change), and the offer to go on counts it only while
/// that candidate could still win.
#[test]
fn a_caution_for_one_winner_waits_for_the_result() {
    let text = std::fs::read_to_string("tests/fixtures/caution-pack.yaml")
        .unwrap()
        .replace(
            "tests:\n",
            "  - { id: red-drops-it, winner: red, when: { field: fragile, is: true }, because: Red drops fragile things., source: test }\ntests:\n",
        );
    let pack = Pack::load(&text, "winner-caution-pack").unwrap();
    let answers =
        |json: &str| Workload::from_raw(&pack, &serde_json::from_str(json).unwrap()).unwrap();
    // Fragile given, the size answered: Red wins, said by the result only.
    let mut weighing = Weighing::new(&pack, answers(r#"{"size": 1}"#), 0);
    let outcome = converse(
        &pack,
        answers(r#"{"fragile": true}"#),
        &mut weighing,
        Options {
            ask_priorities: false,
        },
    )
    .unwrap();
    let said = weighing.said;
    assert!(
        said.iter()
            .any(|l| l == "  ! Neither packs fragile things."),
        "{said:?}"
    );
    assert!(said.iter().any(|l| l.starts_with("Question 1")), "{said:?}");
    assert!(!said.iter().any(|l| l.contains("Red drops")), "{said:?}");
    let result = crate::engine::decide(&pack, &outcome.workload);
    let ids: Vec<&str> = result.cautions.iter().map(|c| c.rule).collect();
    assert_eq!(ids, ["handle-with-care", "red-drops-it"]);
    for (truth, expected) in [
        // Blue's win is settled: only `handle-with-care` can still be raised.
        (
            answers(r#"{"size": 200, "fragile": true}"#),
            "Settled: Blue, whatever the answer still unknown would be; it could still raise a caution.",
        ),
        // Red's: so can the caution said when Red wins.
        (
            answers(r#"{"size": 1}"#),
            "Settled: Red, whatever the answer still unknown would be; it could still raise 2 cautions.",
        ),
    ] {
        let said = said_answering(&pack, truth);
        assert!(said.iter().any(|l| l == expected), "{said:?}");
    }
}

/// tests/fixtures/caution-pack.yaml: two candidates, sizes and fragility,
/// cautions for big and fragile things.
fn caution_pack() -> Pack {
    let text = std::fs::read_to_string("tests/fixtures/caution-pack.yaml").unwrap();
    Pack::load(&text, "caution-pack").unwrap()
}

/// What the interview says to someone answering as `truth`, from nothing
/// given, without the weighing question.
fn said_answering(pack: &Pack, truth: Workload) -> Vec<String> {
    let mut weighing = Weighing::new(pack, truth, 0);
    converse(
        pack,
        Workload::empty(pack),
        &mut weighing,
        Options {
            ask_priorities: false,
        },
    )
    .unwrap();
    weighing.said
}

/// A caution is said as soon as an answer raises it, once, before the lean.
#[test]
fn a_caution_is_said_when_an_answer_raises_it() {
    let pack = caution_pack();
    let truth = Workload::from_raw(
        &pack,
        &serde_json::from_str(r#"{"size": 200, "fragile": true}"#).unwrap(),
    )
    .unwrap();
    let said = &said_answering(&pack, truth);
    let at = said
        .iter()
        .position(|l| l == "  ! Nothing ships things over 100 GB in one piece.")
        .unwrap_or_else(|| panic!("{said:?}"));
    assert!(said[at - 1].starts_with("Question 1"), "{said:?}");
    assert!(said[at + 1].starts_with("  → leaning Blue"), "{said:?}");
    assert_eq!(
        said.iter().filter(|l| l.starts_with("  ! ")).count(),
        1,
        "{said:?}"
    );
}

/// A prompter that answers as `truth` and goes back at the prompts whose
/// numbers (counting from 0, every prompt shown) are in `back_at`.
struct Wavering<'p> {
    oracle: Oracle<'p>,
    back_at: Vec<usize>,
    /// Every prompt shown, in order.
    shown: Vec<String>,
    /// What each prompt offered: the default item, or the text typed in.
    offered: Vec<String>,
    /// What each prompt was answered (`None`: gone back from).
    given: Vec<Option<String>>,
    said: Vec<String>,
}

impl Wavering<'_> {
    fn back_now(&mut self, prompt: &str, offered: String) -> bool {
        self.shown.push(prompt.to_owned());
        self.offered.push(offered);
        let back = self.back_at.contains(&(self.shown.len() - 1));
        self.given.push(None);
        back
    }
    fn answered(&mut self, answer: String) {
        *self.given.last_mut().unwrap() = Some(answer);
    }
}

impl Prompter for Wavering<'_> {
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Result<Reply<usize>> {
        if self.back_now(prompt, items[default].clone()) {
            return Ok(Reply::Back);
        }
        let reply = self.oracle.select(prompt, items, default)?;
        if let Reply::Answer(pick) = reply {
            self.answered(items[pick].clone());
        }
        Ok(reply)
    }
    fn text(&mut self, prompt: &str, initial: &str, check: &Check) -> Result<Reply<String>> {
        if self.back_now(prompt, initial.to_owned()) {
            return Ok(Reply::Back);
        }
        let reply = self.oracle.text(prompt, initial, check)?;
        if let Reply::Answer(text) = &reply {
            self.answered(text.trim().to_owned());
        }
        Ok(reply)
    }
    fn confirm(&mut self, prompt: &str, default: bool) -> Result<Reply<bool>> {
        let offered = if default { "Yes" } else { "No" };
        if self.back_now(prompt, offered.to_owned()) {
            return Ok(Reply::Back);
        }
        let reply = self.oracle.confirm(prompt, default)?;
        if let Reply::Answer(yes) = reply {
            self.answered(if yes { "Yes" } else { "No" }.to_owned());
        }
        Ok(reply)
    }
    fn say(&mut self, line: &str) {
        self.said.push(line.to_owned());
    }
}

/// Going back returns to the prompt before, asked again as it was, and
/// once answered again the conversation goes on as if nobody had
/// wavered: the same answers, the same questions, the same outcome.
#[test]
fn going_back_asks_the_question_before_again_and_changes_nothing_else() {
    let pack = pack();
    for id in ["erp", "gaming", "mobile-gaming"] {
        let truth = pack.example(id).unwrap().workload.clone();
        for ask_priorities in [false, true] {
            let options = Options { ask_priorities };
            let straight = {
                let mut oracle = Oracle {
                    pack: &pack,
                    truth: truth.clone(),
                    asked: Vec::new(),
                };
                converse(&pack, Workload::empty(&pack), &mut oracle, options).unwrap()
            };
            for back_at in [
                vec![0],
                vec![1],
                vec![3],
                vec![3, 4],
                vec![5, 6, 7],
                vec![8, 9],
            ] {
                let mut wavering = Wavering {
                    oracle: Oracle {
                        pack: &pack,
                        truth: truth.clone(),
                        asked: Vec::new(),
                    },
                    back_at: back_at.clone(),
                    shown: Vec::new(),
                    offered: Vec::new(),
                    given: Vec::new(),
                    said: Vec::new(),
                };
                let outcome =
                    converse(&pack, Workload::empty(&pack), &mut wavering, options).unwrap();
                let case = format!("{id}, priorities {ask_priorities}, back at {back_at:?}");
                assert_eq!(outcome, straight, "{case}");
                // After each "back", the prompt shown is the last one
                // answered and not yet taken back (or the same one again,
                // when none is left).
                // It offers the answer given there before (highlighted, or
                // typed in), so that Enter keeps it.
                let mut answered: Vec<usize> = Vec::new();
                for (n, prompt) in wavering.shown.iter().enumerate() {
                    if !back_at.contains(&n) {
                        answered.push(n);
                        continue;
                    }
                    let earlier = answered.pop();
                    let expected = earlier.map_or(prompt, |k| &wavering.shown[k]);
                    if let Some(next) = wavering.shown.get(n + 1) {
                        assert_eq!(next, expected, "{case}: prompt {}", n + 1);
                        if let Some(Some(given)) = earlier.map(|k| &wavering.given[k]) {
                            assert_eq!(&wavering.offered[n + 1], given, "{case}: prompt {}", n + 1);
                        }
                    }
                }
                let backs = back_at
                    .iter()
                    .filter(|&&n| n < wavering.shown.len())
                    .count();
                let said_back = wavering
                    .said
                    .iter()
                    .filter(|l| {
                        l.contains("back to the question before")
                            || l.contains("no question before")
                    })
                    .count();
                assert_eq!(said_back, backs, "{case}: {:?}", wavering.said);
                // The question asked again, once answered, says its lean
                // (or its caution first), though the lean is the same as the
                // undone answer's above: else it reads as unchanged by it.
                for (i, line) in wavering.said.iter().enumerate() {
                    let (Some(header), Some(after)) =
                        (wavering.said.get(i + 1), wavering.said.get(i + 2))
                    else {
                        continue;
                    };
                    if line.contains("back to the question before")
                        && header.starts_with("Question ")
                        && !after.contains("back to the question before")
                    {
                        assert!(
                            after.starts_with("  → ") || after.starts_with("  ! "),
                            "{case}: {:?}",
                            wavering.said
                        );
                    }
                }
                // Going back from the first prompt asks it again without
                // saying its header (or "Settled") a second time.
                if back_at == [0] {
                    let first = &wavering.said[0];
                    let said_again = wavering.said.iter().filter(|l| *l == first).count();
                    assert_eq!(said_again, 1, "{case}: {:?}", wavering.said);
                }
            }
        }
    }
}

/// A caution the given answers (flags, --example, --input) already raise
/// is said before the first question, not left for the result alone.
#[test]
fn a_caution_the_given_answers_raise_is_said_first() {
    let pack = caution_pack();
    let answers =
        |json: &str| Workload::from_raw(&pack, &serde_json::from_str(json).unwrap()).unwrap();
    let mut weighing = Weighing::new(&pack, answers(r#"{"size": 200, "fragile": false}"#), 0);
    converse(
        &pack,
        answers(r#"{"size": 200}"#),
        &mut weighing,
        Options {
            ask_priorities: false,
        },
    )
    .unwrap();
    let said = &weighing.said;
    // What was given, then the caution it raises, then where it leans.
    assert_eq!(
        said.get(..2),
        Some(
            &[
                "Already answered before the interview (flags, --example or --input): 1 of 2 questions.".to_owned(),
                "  ! Nothing ships things over 100 GB in one piece.".to_owned()
            ][..]
        ),
        "{said:?}"
    );
    assert!(said[2].starts_with("  → "), "{said:?}");
    assert_eq!(
        said.iter().filter(|l| l.starts_with("  ! ")).count(),
        1,
        "{said:?}"
    );
}

/// The printed command line is broken between flags to fit the terminal,
/// with ` \` continuations a shell joins back into the one-line command.
#[test]
fn the_command_line_is_broken_between_flags_to_fit() {
    let pack = pack();
    let workload = pack.example("mobile-gaming").unwrap().workload.clone();
    let command = equivalent_command(&pack, &workload, Some(Path::new("my pack.yaml")));
    let one = format!("  {command}");
    assert_eq!(command_lines(&command, None), vec![one.clone()]);
    assert_eq!(command_lines(&command, Some(1000)), vec![one.clone()]);
    for columns in [30, 50, 80] {
        let lines = command_lines(&command, Some(columns));
        assert!(lines.len() > 1, "{columns}: {lines:?}");
        for line in &lines {
            // A piece longer than the line stays whole, on a line of its own.
            let alone = line.trim().trim_end_matches(" \\");
            assert!(
                line.len() < columns || !alone.contains(" --"),
                "{columns}: {line:?}"
            );
        }
        for line in &lines[..lines.len() - 1] {
            assert!(line.ends_with(" \\"), "{line:?}");
        }
        for line in &lines[1..] {
            assert!(
                line.starts_with("      ") && !line.starts_with("       "),
                "{line:?}"
            );
        }
        // The shell's reading: each ` \` and newline, then the indent, is one space.
        let joined = lines
            .iter()
            .map(|l| l.trim_end_matches(" \\").trim_start())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(format!("  {joined}"), one, "{columns}");
        // The quoted path stays whole, with its flag.
        assert!(
            lines.iter().any(|l| l.contains("--rules 'my pack.yaml'")),
            "{lines:?}"
        );
    }
}

/// A path with a quote in it is written `'it'\''s.yaml'`; the escaped quote
/// between the two quoted parts once threw the line breaker's quote count
/// off, so it broke a line inside a later quoted path, which the shell then
/// read with a backslash and a line break in it. Checked by the shell
/// itself: the broken lines give the same arguments as the one line.
#[cfg(unix)]
#[test]
fn a_broken_command_line_gives_the_shell_the_same_arguments() {
    let pack = pack();
    let workload = pack.example("erp").unwrap().workload.clone();
    let arguments = |script: &str| {
        let script = script
            .trim_start()
            .replacen("dbadvisor", "printf '<%s>\\n'", 1);
        let out = std::process::Command::new("sh")
            .args(["-c", &script])
            .output()
            .unwrap();
        assert!(out.status.success(), "{script}");
        String::from_utf8(out.stdout).unwrap()
    };
    for rules in ["it's.yaml", "a 'b' c/it's here.yaml", "plain.yaml"] {
        let command = equivalent_command(&pack, &workload, Some(Path::new(rules)));
        let expected = arguments(&command);
        assert!(expected.contains(&format!("<{rules}>")), "{expected}");
        for columns in [30, 50, 70, 100] {
            let lines = command_lines(&command, Some(columns));
            assert_eq!(
                arguments(&lines.join("\n")),
                expected,
                "{columns}: {lines:#?}"
            );
        }
    }
}

/// A number question takes "not sure" in words (or `?`) as it takes an
/// empty answer: the field stays unknown, and the answer is offered again.
#[test]
fn not_sure_in_words_at_a_number_is_not_sure() {
    let pack = pack();
    let item = pack.field_index("item_size_kb").unwrap();
    for typed in ["not sure", "Not Sure", " ? ", ""] {
        let mut scripted = Scripted::new([Answer::Type(typed.into())]);
        let Reply::Answer((value, _)) = ask(&pack, item, &mut scripted, None).unwrap() else {
            panic!("{typed:?}: answered");
        };
        assert_eq!(value, None, "{typed:?}");
    }
}

/// Answers "not sure" everywhere except the item size, answered 1,000 KB
/// (DynamoDB ruled out) and then, after going back from the prompt that
/// follows, "not sure" too.
struct Fickle {
    item_sizes: usize,
    backed: bool,
    said: Vec<String>,
}

impl Fickle {
    fn back_once(&mut self) -> bool {
        let back = self.item_sizes == 1 && !self.backed;
        self.backed |= back;
        back
    }
}

impl Prompter for Fickle {
    fn select(&mut self, _: &str, _: &[String], default: usize) -> Result<Reply<usize>> {
        if self.back_once() {
            return Ok(Reply::Back);
        }
        Ok(Reply::Answer(default))
    }
    fn text(&mut self, prompt: &str, _: &str, _: &Check) -> Result<Reply<String>> {
        if prompt.starts_with("How large is a typical record or item?") {
            self.item_sizes += 1;
            let answer = if self.item_sizes == 1 { "1000" } else { "" };
            return Ok(Reply::Answer(answer.to_owned()));
        }
        if self.back_once() {
            return Ok(Reply::Back);
        }
        Ok(Reply::Answer(String::new()))
    }
    fn confirm(&mut self, _: &str, default: bool) -> Result<Reply<bool>> {
        if self.back_once() {
            return Ok(Reply::Back);
        }
        Ok(Reply::Answer(default))
    }
    fn say(&mut self, line: &str) {
        self.said.push(line.to_owned());
    }
}

/// Going back and taking back the answer that ruled a candidate out says
/// the new lean: "Amazon DynamoDB is ruled out" was left as the last lean
/// on the screen, since the lean was compared with the one before that
/// answer rather than with the one last said.
#[test]
fn going_back_and_changing_an_answer_says_the_new_lean() {
    let pack = pack();
    let mut fickle = Fickle {
        item_sizes: 0,
        backed: false,
        said: Vec::new(),
    };
    converse(
        &pack,
        Workload::empty(&pack),
        &mut fickle,
        Options {
            ask_priorities: false,
        },
    )
    .unwrap();
    let said = &fickle.said;
    assert_eq!(fickle.item_sizes, 2, "{said:?}");
    let back = said
        .iter()
        .position(|l| l == "  ← back to the question before")
        .unwrap_or_else(|| panic!("{said:?}"));
    assert!(
        said[..back]
            .iter()
            .any(|l| l.contains("a hard limit rules out Amazon DynamoDB")),
        "{said:?}"
    );
    let next = said[back..]
        .iter()
        .find(|l| l.starts_with("  → "))
        .unwrap_or_else(|| panic!("a lean after going back: {said:?}"));
    assert!(!next.contains("ruled out"), "{next}: {said:?}");
}
