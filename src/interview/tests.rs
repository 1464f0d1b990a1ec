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
    fn select(&mut self, prompt: &str, items: &[String], _default: usize) -> Result<usize> {
        self.asked.push(prompt.to_owned());
        if let Some(field) = self
            .pack
            .fields
            .iter()
            .position(|f| prompt.starts_with(&f.question))
        {
            return Ok(
                match (self.truth.values[field], &self.pack.fields[field].kind) {
                    (Some(Value::Choice(i)), _) => i,
                    (Some(Value::Bool(true)), _) => 0,
                    (Some(Value::Bool(false)), _) => 1,
                    _ => items.len() - 1,
                },
            );
        }
        Ok(0) // priorities: weigh equally
    }
    fn text(
        &mut self,
        prompt: &str,
        _check: &dyn Fn(&str) -> std::result::Result<(), String>,
    ) -> Result<String> {
        self.asked.push(prompt.to_owned());
        let field = self
            .pack
            .fields
            .iter()
            .position(|f| prompt.starts_with(&f.question))
            .unwrap();
        Ok(match self.truth.values[field] {
            Some(Value::Number(n)) => crate::number::format(n),
            _ => String::new(),
        })
    }
    fn confirm(&mut self, _prompt: &str, _default: bool) -> Result<bool> {
        Ok(false)
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
    // README reports the counts; the goal of a median of 6 is not met
    // by this pack: each example's smallest sufficient set of answers already
    // has 7 or more, see `sufficient_reasons`.)
    for (id, n) in &counts {
        assert!(
            *n < pack.fields.len(),
            "{id} asked {n} questions before settling"
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
    let value = ask(&pack, writes, &mut scripted).unwrap();
    assert_eq!(value, Some(Value::Number(20_000.0)));
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
}

#[test]
fn priorities_become_a_weight() {
    let pack = pack();
    let mut workload = Workload::empty(&pack);
    let mut scripted = Scripted::new([Answer::Pick("Scalability".into())]);
    ask_priorities(&pack, &mut workload, &mut scripted).unwrap();
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
         --latency-p99-ms 10 --priority scalability=2"
    );
}
