//! The interview: the shortest honest conversation that reaches a settled
//! recommendation.
//!
//! Questions come from the pack. The next question is the unanswered field
//! whose answer could move the margin most (the analysis's `could_flip`
//! ranking); once no answer to the remaining questions can change the
//! winner, the interview says so and offers to go on (default no). Which axis
//! matters more is asked at that moment, before "settled" is said (a doubled
//! axis can unsettle it, and then the questions go on), or after the last
//! question when it never settles. Prompts go to stderr and the result to
//! stdout, exactly as `recommend` prints it.

mod line_edit;
mod plain;
mod prompter;

pub use plain::Plain;
use prompter::NO_QUESTION_BEFORE;
pub use prompter::{Answer, Check, Prompter, Reply, Scripted, Terminal, BACK_TEXT};

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::ArgMatches;

use crate::engine::{analysis, evaluate, Evaluation};
use crate::error::{exit, Error, Result};
use crate::output::{write_stdout, Style};
use crate::pack::{FieldKind, Pack};
use crate::render;
use crate::workload::{parse_value, value_arg, Value, Workload};

/// The label of the entry that leaves a field unknown.
pub const NOT_SURE: &str = "Not sure";

/// The weight given to the axis a person says matters more.
pub const PRIORITY_WEIGHT: f64 = 2.0;

/// What the conversation produced.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The answers, pre-answers included.
    pub workload: Workload,
    /// Fields asked, in order.
    pub asked: Vec<usize>,
    /// How many questions were asked before the recommendation was settled
    /// (`None`: it never settled).
    pub settled_after: Option<usize>,
}

/// Options of the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// Ask about priorities at the end (skipped when priorities were pre-answered).
    pub ask_priorities: bool,
}

/// The unanswered field to ask next: the one whose answer could move the
/// margin most, or `None` when no question is left.
pub fn next_question(pack: &Pack, workload: &Workload, skipped: &[usize]) -> Option<usize> {
    analysis::question_order(pack, workload)
        .into_iter()
        .find(|f| !skipped.contains(f))
}

/// Runs the question flow against any prompter. Fields already answered in
/// `workload` are never asked. Going back (Esc, `<`) returns to the prompt
/// before, as it was asked: the state saved before each answered prompt is
/// restored, so what followed from that answer (a caution said, the weight
/// question, "settled") follows again from the new one.
pub fn converse(
    pack: &Pack,
    workload: Workload,
    prompter: &mut dyn Prompter,
    options: Options,
) -> Result<Outcome> {
    // Cautions are said as an answer raises them (the result lists them
    // all again); those the given answers already raise, first. One said
    // only for one winner waits for the result: until the last answer
    // (and the weights), the winner may change.
    // Pre-answers (flags, `--example`, `--input FILE`) are not asked: how
    // many, and where they lean, is said first, or `--example gaming` opened
    // on a later question (or the weight question) with nothing said of them.
    let given = workload.values.iter().filter(|v| v.is_some()).count();
    if given > 0 {
        prompter.say(&format!(
            "Already answered before the interview (flags, --example or --input): {given} of {} questions.",
            pack.fields.len()
        ));
    }
    let cautioned = crate::engine::cautions(pack, &workload, None);
    for &c in &cautioned {
        prompter.say(&format!("  ! {}", pack.cautions[c].because));
    }
    // So are hard limits, in the words the result's "Ruled out" uses.
    let ruled = vetoes_holding(pack, &workload);
    for &v in &ruled {
        prompter.say(&ruled_out_line(pack, v));
    }
    // With one axis there is nothing to weigh it against.
    let priorities_pending = options.ask_priorities
        && pack.axes.len() > 1
        && workload.priorities.iter().all(Option::is_none);
    let last_lean = if given > 0 {
        let pending = priorities_pending && weights_can_matter(pack, &workload, &[]);
        let lean = lean_line(pack, &workload, pending, false);
        prompter.say(&format!("  → {lean}"));
        lean
    } else {
        String::new()
    };
    let mut state = State {
        workload,
        asked: Vec::new(),
        skipped: Vec::new(),
        settled_after: None,
        last_lean,
        cautioned,
        ruled,
        priorities_pending,
        finishing: false,
    };
    // The state before each answered prompt, latest last.
    let mut history: Vec<State> = Vec::new();
    // The last answer given at each prompt: asked again after going back,
    // a prompt offers it (highlighted, or typed in), so that Enter keeps it.
    let mut recall = Recall::default();
    // The same prompt again at once (going back from the first one): its
    // header and the "Settled" line are not said twice.
    let mut again = false;
    loop {
        prompter.can_go_back(!history.is_empty());
        let before = state.clone();
        let step = state.step(pack, prompter, &mut recall, again)?;
        let asked_again = std::mem::replace(&mut again, false);
        match step {
            Step::Done => break,
            Step::Moved => {}
            Step::Answered => history.push(before),
            Step::Back => match history.pop() {
                Some(mut earlier) => {
                    // The lean on the screen above is the undone answer's:
                    // the new answer's is said whatever it is, even the
                    // same, or it would read as unchanged by the new answer
                    // (or as the undone one's "ruled out" still standing).
                    earlier.last_lean = String::new();
                    state = earlier;
                    prompter.say("  ← back to the question before");
                }
                None => {
                    state = before;
                    // Said once, however often it is asked in a row.
                    if !asked_again {
                        prompter.say(&format!("  ({NO_QUESTION_BEFORE})"));
                    }
                    again = true;
                }
            },
        }
    }
    Ok(Outcome {
        workload: state.workload,
        asked: state.asked,
        settled_after: state.settled_after,
    })
}

/// The conversation between two prompts.
#[derive(Clone)]
struct State {
    workload: Workload,
    /// Fields asked, in order.
    asked: Vec<usize>,
    /// Fields answered "not sure": unknown, and not asked again.
    skipped: Vec<usize>,
    settled_after: Option<usize>,
    /// The lean last said: the same line again after an answer that moved
    /// nothing (once a veto decides, every answer) says nothing new.
    last_lean: String,
    /// Cautions already said, or raised by the given answers.
    cautioned: Vec<usize>,
    /// Vetoes already said, or holding for the given answers.
    ruled: Vec<usize>,
    /// The weight question is still to come.
    priorities_pending: bool,
    /// No workload question is left to ask; the weight question may be.
    finishing: bool,
}

/// The answer last given at each prompt, by what it asked.
#[derive(Default)]
struct Recall {
    /// Per field: the item picked, or the text typed.
    fields: std::collections::HashMap<usize, Recalled>,
    /// The item picked at the weight question.
    priorities: Option<usize>,
    /// Whether going on was chosen once settled.
    go_on: Option<bool>,
}

/// An answer to offer again.
#[derive(Debug, Clone, PartialEq)]
enum Recalled {
    Pick(usize),
    Text(String),
}

/// What one step of the conversation did.
enum Step {
    /// Nothing is left to ask.
    Done,
    /// The state moved on without a prompt.
    Moved,
    /// A prompt was answered.
    Answered,
    /// A prompt asked to go back.
    Back,
}

/// `?` for a reply: its answer, or the step's `Back`.
macro_rules! answer {
    ($reply:expr) => {
        match $reply? {
            Reply::Answer(answer) => answer,
            Reply::Back => return Ok(Step::Back),
        }
    };
}

impl State {
    /// Shows at most one prompt, so that going back restores the state
    /// saved before it and the same prompt comes again.
    fn step(
        &mut self,
        pack: &Pack,
        prompter: &mut dyn Prompter,
        recall: &mut Recall,
        again: bool,
    ) -> Result<Step> {
        if self.finishing {
            if !self.priorities_pending {
                return Ok(Step::Done);
            }
            return self.weigh(pack, prompter, recall);
        }
        let settled = analysis::is_settled(pack, &self.workload);
        if !weights_can_matter(pack, &self.workload, &self.skipped) {
            // One candidate left, or none: vetoes decide, weights cannot.
            self.priorities_pending = false;
        }
        if settled && self.settled_after.is_none() {
            if self.priorities_pending && unanswered(&self.workload, &self.skipped) > 0 {
                // "Settled" must hold with the weights the result will use:
                // a doubled axis can unsettle it, and then the questions go on.
                return self.weigh(pack, prompter, recall);
            }
            let left = unanswered(&self.workload, &self.skipped);
            if left == 0 {
                self.settled_after = Some(self.asked.len());
                self.finishing = true;
                return Ok(Step::Moved);
            }
            if !again {
                self.say_settled(pack, left, prompter);
            }
            let go_on = answer!(prompter.confirm(
                "Answer the remaining questions anyway?",
                recall.go_on.unwrap_or(false)
            ));
            recall.go_on = Some(go_on);
            self.settled_after = Some(self.asked.len());
            self.finishing = !go_on;
            return Ok(Step::Answered);
        }
        let Some(field) = next_question(pack, &self.workload, &self.skipped) else {
            self.finishing = true;
            return Ok(Step::Moved);
        };
        let left = unanswered(&self.workload, &self.skipped);
        let weighing_follows =
            self.priorities_pending && weights_can_matter(pack, &self.workload, &self.skipped);
        if !again {
            prompter.say(&format!(
                "Question {} — {}",
                self.asked.len() + 1,
                match left - 1 {
                    // Whether the weighing is asked depends on this answer
                    // too ("Not sure" to all may leave nothing to weigh).
                    0 if weighing_follows => {
                        "the last about the workload; one on the axes' weights may follow"
                            .to_owned()
                    }
                    0 => "the last one".to_owned(),
                    n => format!("at most {n} left after this one"),
                }
            ));
        }
        let (value, given) = answer!(ask(pack, field, prompter, recall.fields.get(&field)));
        recall.fields.insert(field, given);
        match value {
            Some(value) => self.workload.values[field] = Some(value),
            None => self.skipped.push(field),
        }
        self.asked.push(field);
        for c in crate::engine::cautions(pack, &self.workload, None) {
            if !self.cautioned.contains(&c) {
                prompter.say(&format!("  ! {}", pack.cautions[c].because));
                self.cautioned.push(c);
            }
        }
        for v in vetoes_holding(pack, &self.workload) {
            if !self.ruled.contains(&v) {
                prompter.say(&ruled_out_line(pack, v));
                self.ruled.push(v);
            }
        }
        // Also once settled: the winner stays, but the margin may move.
        // After the last question too: the weight question still follows.
        let pending =
            self.priorities_pending && weights_can_matter(pack, &self.workload, &self.skipped);
        let last = !self.priorities_pending
            && next_question(pack, &self.workload, &self.skipped).is_none();
        let lean = lean_line(pack, &self.workload, pending, last);
        if lean != self.last_lean {
            prompter.say(&format!("  → {lean}"));
            self.last_lean = lean;
        }
        Ok(Step::Answered)
    }

    /// The weight question, and the lean it gives when an axis was picked.
    fn weigh(
        &mut self,
        pack: &Pack,
        prompter: &mut dyn Prompter,
        recall: &mut Recall,
    ) -> Result<Step> {
        let picked = answer!(ask_priorities(pack, &mut self.workload, prompter, recall));
        self.priorities_pending = false;
        if picked {
            // The questions go on after it when the weight unsettles the lean.
            let last = next_question(pack, &self.workload, &self.skipped).is_none();
            prompter.say(&format!(
                "  → with that axis counting double: {}",
                lean_line(pack, &self.workload, false, last)
            ));
        }
        Ok(Step::Answered)
    }

    /// "Settled: …, whatever the N answers still unknown would be".
    fn say_settled(&self, pack: &Pack, left: usize, prompter: &mut dyn Prompter) {
        let workload = &self.workload;
        let winner = lean(pack, workload);
        // Every unknown, "not sure" answers too, as the result counts
        // them; those are told apart from the questions still to ask,
        // which is what going on would ask.
        let open = workload.values.iter().filter(|v| v.is_none()).count();
        let not_sure = open - left;
        // They cannot change the answer, but one may still raise a
        // caution (strong reads under 1 ms…): worth going on for.
        let recommended = crate::engine::evaluate(pack, workload).winner();
        let cautions = crate::engine::open_cautions(pack, workload, recommended, true).count();
        let they = if open == 1 { "it" } else { "they" };
        let raise = match cautions {
            0 => String::new(),
            1 => format!("; {they} could still raise a caution"),
            n => format!("; {they} could still raise {n} cautions"),
        };
        let unknown = match (open, not_sure) {
            (1, _) => "the answer still unknown".to_owned(),
            (n, 0) => format!("the {n} answers still unknown"),
            (n, k) => {
                format!("the {n} answers still unknown ({left} not asked, {k} \"{NOT_SURE}\")")
            }
        };
        prompter.say(&format!(
            "Settled: {winner}, whatever {unknown} would be{raise}."
        ));
    }
}

/// Whether an axis weight could change the recommendation: not when a veto
/// has left one candidate or none (a weight ranks candidates, it does not
/// bring back one a hard limit ruled out), nor, once no question is left
/// (`skipped`: the fields answered "Not sure"), when the candidates left
/// have the same points on every axis (every answer "Not sure" scores 0 to
/// 0): no weight moves a total then, and asking for one changed nothing.
fn weights_can_matter(pack: &Pack, workload: &Workload, skipped: &[usize]) -> bool {
    let eval = evaluate(pack, workload);
    if candidates_left(&eval) < 2 {
        return false;
    }
    if unanswered(workload, skipped) > 0 {
        return true;
    }
    let axes = pack.axes.len();
    let raw = eval.raw_points();
    let left: Vec<usize> = (0..pack.candidates.len())
        .filter(|&c| !eval.excluded[c])
        .collect();
    left.windows(2)
        .any(|pair| (0..axes).any(|a| raw[pair[0] * axes + a] != raw[pair[1] * axes + a]))
}

/// The vetoes that hold for `workload`, in pack order.
fn vetoes_holding(pack: &Pack, workload: &Workload) -> Vec<usize> {
    let eval = evaluate(pack, workload);
    (0..pack.vetoes.len())
        .filter(|&v| eval.vetoes[v] == crate::engine::Truth::True)
        .collect()
}

/// A hard limit as the result's "Ruled out" section says it.
fn ruled_out_line(pack: &Pack, v: usize) -> String {
    let veto = &pack.vetoes[v];
    format!(
        "  ✗ {}: {}",
        pack.candidates[veto.candidate].name, veto.because
    )
}

/// How many candidates no veto rules out.
fn candidates_left(eval: &Evaluation) -> usize {
    eval.excluded.iter().filter(|e| !**e).count()
}

fn unanswered(workload: &Workload, skipped: &[usize]) -> usize {
    workload
        .values
        .iter()
        .enumerate()
        .filter(|(i, v)| v.is_none() && !skipped.contains(i))
        .count()
}

fn lean(pack: &Pack, workload: &Workload) -> String {
    let eval = evaluate(pack, workload);
    match eval.winner() {
        Some(w) => pack.candidates[w].name.clone(),
        None if candidates_left(&eval) == 0 => {
            "no recommendation, every candidate ruled out".into()
        }
        None => "no candidate ahead".into(),
    }
}

/// One short line: who leads, by how much, and whether it is settled.
/// `weight_pending`: the axis-weight question is still to come, so a
/// settled lean holds only for equal weights (a doubled axis can unsettle it).
/// `last`: nothing is left to ask (the weight question was the last), so
/// what could still change it is the answers left as "Not sure", not "yet".
fn lean_line(pack: &Pack, workload: &Workload, weight_pending: bool, last: bool) -> String {
    let eval = evaluate(pack, workload);
    let settled = analysis::is_settled(pack, workload);
    let state = match (settled, weight_pending, last) {
        (true, false, _) => "settled",
        (true, true, _) => "settled if the axes weigh the same",
        (false, _, true) => "not settled: answers left unknown could change it",
        (false, _, false) => "not settled yet",
    };
    match eval.winner() {
        // Ahead because the others are ruled out, not on points (against a
        // ruled-out candidate, a margin would be "by 3 points" or "by 0").
        Some(w) if candidates_left(&eval) == 1 => {
            let out: Vec<&str> = (0..pack.candidates.len())
                .filter(|&c| c != w)
                .map(|c| pack.candidates[c].name.as_str())
                .collect();
            // Which hard limit was said in its own words when it came to
            // hold (see `ruled_out_line`); the lean says only that one did.
            format!(
                "leaning {}: a hard limit rules out {} ({state})",
                pack.candidates[w].name,
                crate::estimate::join_with(&out, "and"),
            )
        }
        Some(w) => format!(
            "leaning {} by {} ({state})",
            pack.candidates[w].name,
            crate::render::count(eval.margin(), "point", "points")
        ),
        // Each candidate hit a hard limit: no answer or weight undoes that.
        None if candidates_left(&eval) == 0 => "every candidate is ruled out (settled)".into(),
        None if settled => format!("no candidate ahead: the scores tie ({state})"),
        // Not settled here ("yet" says so; "(not settled yet)" repeated it).
        None if last => "no candidate ahead: answers left unknown could break the tie".into(),
        None => "no candidate ahead yet".into(),
    }
}

/// Whether a number question's answer says "not sure": empty, as the
/// prompt offers, or the words of the lists' entry (`not sure`, `?`).
fn not_sure_typed(text: &str) -> bool {
    let text = text.trim();
    text.is_empty() || text == "?" || text.eq_ignore_ascii_case(NOT_SURE)
}

/// Asks one field, offering `earlier` (the answer given before going back)
/// as the default; the answer (`None` means "not sure") and what was given,
/// to offer again.
fn ask(
    pack: &Pack,
    index: usize,
    prompter: &mut dyn Prompter,
    earlier: Option<&Recalled>,
) -> Result<Reply<(Option<Value>, Recalled)>> {
    // With no earlier answer the cursor starts on "Not sure" (the last
    // entry): an answer is a claim about the workload, and Enter pressed
    // without reading must not make one (it gave "Yes" to stored procedures).
    let earlier_pick = match earlier {
        Some(Recalled::Pick(pick)) => *pick,
        _ => usize::MAX,
    };
    let field = &pack.fields[index];
    let prompt = if field.help.is_empty() {
        field.question.clone()
    } else {
        format!("{} ({})", field.question, field.help)
    };
    match &field.kind {
        FieldKind::Choice(options) => {
            let mut items: Vec<String> = options.iter().map(|o| o.label.clone()).collect();
            items.push(NOT_SURE.into());
            let default = earlier_pick.min(items.len() - 1);
            let ids: Vec<&str> = options.iter().map(|o| o.id.as_str()).collect();
            Ok(prompter
                .select_with_ids(&prompt, &items, &ids, default)?
                .map(|pick| {
                    let value = (pick < options.len()).then_some(Value::Choice(pick));
                    (value, Recalled::Pick(pick))
                }))
        }
        FieldKind::Bool => {
            let items = vec!["Yes".to_owned(), "No".to_owned(), NOT_SURE.to_owned()];
            let default = earlier_pick.min(items.len() - 1);
            Ok(prompter.yes_no(&prompt, &items, default)?.map(|pick| {
                let value = match pick {
                    0 => Some(Value::Bool(true)),
                    1 => Some(Value::Bool(false)),
                    _ => None,
                };
                (value, Recalled::Pick(pick))
            }))
        }
        FieldKind::Number(spec) => {
            // The help says what to count ("including the growth you plan
            // for", "1 GB = 2^30 bytes"), as a choice question's does.
            let prompt = format!(
                "{} [{}; e.g. {}; empty if not sure; {BACK_TEXT} goes back]",
                prompt,
                if spec.unit.is_empty() {
                    "a number"
                } else {
                    &spec.unit
                },
                number_hint(pack, index)
            );
            // Shown as understood, grouped and with its unit as the result
            // shows it: `+1.5m` typed for kilobytes is 1,500,000 KB.
            let check = |text: &str| -> std::result::Result<String, String> {
                if not_sure_typed(text) {
                    return Ok(String::new());
                }
                let Value::Number(n) = parse_value(field, text)? else {
                    return Ok(text.trim().to_owned());
                };
                let n = crate::number::GroupedExact(n);
                Ok(if spec.unit.is_empty() {
                    n.to_string()
                } else {
                    format!("{n} {}", spec.unit)
                })
            };
            let initial = match earlier {
                Some(Recalled::Text(text)) => text.as_str(),
                _ => "",
            };
            let Reply::Answer(text) = prompter.text(&prompt, initial, &check)? else {
                return Ok(Reply::Back);
            };
            let given = Recalled::Text(text.trim().to_owned());
            if not_sure_typed(&text) {
                Ok(Reply::Answer((None, given)))
            } else {
                parse_value(field, &text)
                    .map(|v| Reply::Answer((Some(v), given)))
                    .map_err(|m| Error::usage(m, None))
            }
        }
    }
}

/// The "e.g." value shown with a number question, in the short form people
/// may type (`20k`): the middle of the values the pack's worked examples give
/// this field (its test cases when no example does), so it is on the field's
/// own scale (a few KB per item, a few ms of latency, thousands of writes per
/// second); a value within the field's bounds when the pack has none.
pub(crate) fn number_hint(pack: &Pack, index: usize) -> String {
    let FieldKind::Number(spec) = &pack.fields[index].kind else {
        return String::new();
    };
    let values = |workloads: &mut dyn Iterator<Item = &Workload>| -> Vec<f64> {
        let mut values: Vec<f64> = workloads
            .filter_map(|w| match w.values.get(index) {
                Some(Some(Value::Number(n))) => Some(*n),
                _ => None,
            })
            .collect();
        values.sort_by(f64::total_cmp);
        values
    };
    let mut seen = values(&mut pack.examples.iter().map(|e| &e.workload));
    if seen.is_empty() {
        seen = values(&mut pack.tests.iter().map(|t| &t.workload));
    }
    let value = if seen.is_empty() {
        // No value in the pack: 1, 10, 100… clamped to the bounds.
        [1.0, 10.0, 100.0, 1000.0, spec.max]
            .into_iter()
            .find(|&v| spec.check(v).is_ok())
            .unwrap_or(spec.max)
    } else {
        // The lower middle: an actual value of the pack, never an average.
        seen[(seen.len() - 1) / 2]
    };
    // The short form only where the prompt takes it: on a size, `2k` alone
    // is refused as ambiguous (thousand, or kilobytes?), so a pack whose
    // examples put the hint for GB at 2,000 showed `e.g. 2k` and refused it.
    let short = short_number(value);
    match parse_value(&pack.fields[index], &short) {
        Ok(Value::Number(n)) if n == value => short,
        _ => crate::number::format(value),
    }
}

/// `20000` as `20k`, `1500000` as `1.5M`: the suffixes the number prompts
/// accept, when they say it exactly in at most one decimal.
fn short_number(value: f64) -> String {
    for (factor, suffix) in [(1e9, "G"), (1e6, "M"), (1e3, "k")] {
        let scaled = value / factor;
        let tenths = scaled * 10.0;
        if scaled.abs() >= 1.0 && (tenths - tenths.round()).abs() < 1e-9 {
            return format!("{}{suffix}", crate::number::format(scaled));
        }
    }
    crate::number::format(value)
}

/// Asks which axis matters more; true when one was picked and weighted.
fn ask_priorities(
    pack: &Pack,
    workload: &mut Workload,
    prompter: &mut dyn Prompter,
    recall: &mut Recall,
) -> Result<Reply<bool>> {
    let mut items = vec!["No, weigh them equally".to_owned()];
    items.extend(pack.axes.iter().map(|a| a.title.clone()));
    // The axes are named as `--priority` names them; the first item has
    // no id.
    let mut ids = vec![""];
    ids.extend(pack.axes.iter().map(|a| a.id.as_str()));
    let Reply::Answer(pick) = prompter.select_with_ids(
        "Does one of these matter more than the others? (The one you pick counts double.)",
        &items,
        &ids,
        recall.priorities.unwrap_or(0).min(items.len() - 1),
    )?
    else {
        return Ok(Reply::Back);
    };
    recall.priorities = Some(pick);
    if pick > 0 {
        workload.priorities[pick - 1] = Some(PRIORITY_WEIGHT);
    }
    Ok(Reply::Answer(pick > 0))
}

/// The `dbadvisor recommend …` command line that gives the same result.
pub fn equivalent_command(pack: &Pack, workload: &Workload, rules: Option<&Path>) -> String {
    let mut parts = vec!["dbadvisor".to_owned()];
    if let Some(path) = rules {
        parts.push("--rules".into());
        parts.push(shell_quote_path(path));
    }
    parts.push("recommend".into());
    for (field, value) in pack.fields.iter().zip(&workload.values) {
        if let Some(v) = value {
            parts.push(format!("--{}", field.flag()));
            parts.push(shell_quote(&value_arg(field, *v)));
        }
    }
    for (axis, weight) in pack.axes.iter().zip(&workload.priorities) {
        if let Some(w) = weight {
            parts.push("--priority".into());
            parts.push(format!("{}={}", axis.id, crate::number::Exact(*w)));
        }
    }
    let command = parts.join(" ");
    if workload.is_empty() {
        // Every question answered "Not sure": `recommend` with nothing at
        // all is a usage error (no answers given), an empty document is not.
        format!("echo '{{}}' | {command}")
    } else {
        command
    }
}

/// A command line laid out for a terminal `columns` wide, indented two
/// columns: one line when the width is unknown or it fits, else broken
/// between flags with a shell's ` \` continuations, so it can be copied
/// whole into a shell (a terminal breaking a long line itself cut flags in
/// two: `--query-flexibili` / `ty known`).
fn command_lines(command: &str, columns: Option<usize>) -> Vec<String> {
    match columns {
        // One free column.
        Some(columns) => crate::cli::broken_command(command, columns.saturating_sub(1)),
        None => vec![format!("  {command}")],
    }
}

/// Quotes a word for a POSIX shell when it needs it.
pub(crate) fn shell_quote(text: &str) -> String {
    if !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:+,".contains(c))
    {
        text.to_owned()
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}

/// Quotes a path for a POSIX shell. One that is not UTF-8 is written as
/// `$'…\xff…'` (each byte that is not printable ASCII escaped), which bash,
/// zsh, ksh and POSIX.1-2024 shells read back as the same bytes.
pub(crate) fn shell_quote_path(path: &Path) -> String {
    if let Some(text) = path.to_str() {
        return shell_quote(text);
    }
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::from("$'");
        for &byte in path.as_os_str().as_bytes() {
            match byte {
                b'\\' | b'\'' => {
                    out.push('\\');
                    out.push(char::from(byte));
                }
                0x20..=0x7e => out.push(char::from(byte)),
                _ => out.push_str(&format!("\\x{byte:02x}")),
            }
        }
        out.push('\'');
        out
    }
    #[cfg(not(unix))]
    {
        shell_quote(&path.to_string_lossy())
    }
}

/// Writes the workload JSON atomically: to a temporary file beside the
/// target, then renamed over it, so an interrupted run never leaves a
/// half-written file. A symbolic link is followed to the file it names, and
/// what is not a regular file (`/dev/null`, `/dev/stdout`, a FIFO) is written
/// straight: renaming over it would replace the device or pipe itself.
pub fn save(pack: &Pack, workload: &Workload, path: &Path) -> Result<()> {
    use std::io::Write;
    let mut text =
        serde_json::to_string_pretty(&workload.to_json(pack)).expect("a JSON value serializes");
    text.push('\n');
    let failed = |e| {
        Error::io(
            format!("writing --save {}", crate::output::shown_path(path)),
            e,
        )
    };
    let target = resolve_save_target(path);
    if std::fs::metadata(&target).is_ok_and(|m| !m.is_file()) {
        return std::fs::OpenOptions::new()
            .write(true)
            .open(&target)
            .and_then(|mut file| file.write_all(text.as_bytes()))
            .map_err(failed);
    }
    let tmp = temporary_beside(&target);
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, &target)
    };
    write().map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        failed(e)
    })
}

/// The file `--save PATH` means: a symbolic link's target, also when that
/// does not exist yet (a dangling link is followed, not replaced by a file);
/// a path that does not exist yet as given.
fn resolve_save_target(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let mut target = path.to_path_buf();
    // Links to links: follow a bounded number, as the kernel does.
    for _ in 0..40 {
        let Ok(link) = std::fs::read_link(&target) else {
            break;
        };
        target = if link.is_absolute() {
            link
        } else {
            save_dir(&target).join(link)
        };
    }
    target
}

/// The directory `--save PATH` writes in (`.` for a bare file name).
fn save_dir(path: &Path) -> &Path {
    path.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The temporary file [`save`] writes before renaming it over `path`.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    save_dir(path).join(format!(".{name}.{}.tmp", std::process::id()))
}

/// Checks, before the first question, that [`save`] will be able to write
/// `path`: it names a file (not a directory) in a directory that exists and
/// lets a file be created. A usage error naming `--save` otherwise, so no one
/// answers every question only to lose the answers.
pub fn check_save_path(path: &Path) -> Result<()> {
    let shown = crate::output::shown_path(path);
    let refuse = |message: String, help: &str| -> Result<()> {
        Err(Error::usage(message, Some(help.to_owned())))
    };
    let text = path.as_os_str().to_string_lossy();
    if text.is_empty() {
        return refuse(
            "--save needs the path of the file to write".into(),
            "e.g. --save answers.json",
        );
    }
    // `-` means standard input or output to every other flag, and standard
    // output here carries the recommendation: refused rather than creating
    // a file named `-` nobody asked for.
    if text == "-" {
        return refuse(
            "--save -: the answers are written to a file, not to standard output".into(),
            "give a file name, e.g. --save answers.json (standard output carries the recommendation)",
        );
    }
    // `recommend --input` reads such a name as a batch, one workload a line:
    // the saved answers would not give the interview's result back.
    if crate::input::is_json_lines_name(&text) {
        return refuse(
            format!(
                "--save {shown}: a .jsonl or .ndjson name makes `recommend --input` read the \
                 file as JSON Lines (a batch), so it would not give this result back"
            ),
            "the answers are one workload: name the file .json (or .yaml), e.g. --save answers.json",
        );
    }
    if path.is_dir() || path.file_name().is_none() || text.ends_with('/') {
        return refuse(
            format!("--save {shown}: not a file path (it names a directory)"),
            "give the path of the file to write, e.g. --save answers.json",
        );
    }
    // A symbolic link is written through (see `save`), so the directory
    // that matters is its target's: a dangling link into a missing one
    // would otherwise fail only after the last question.
    let target = resolve_save_target(path);
    let dir = save_dir(&target);
    match std::fs::metadata(dir) {
        Err(_) => {
            return refuse(
                format!(
                    "--save {shown}: the directory {} does not exist",
                    crate::output::shown_path(dir)
                ),
                "create the directory first, or give a path in an existing one",
            )
        }
        Ok(meta) if !meta.is_dir() => {
            return refuse(
                format!(
                    "--save {shown}: {} is not a directory",
                    crate::output::shown_path(dir)
                ),
                "give a path in an existing directory",
            )
        }
        Ok(_) => {}
    }
    // Create (and remove at once) the temporary file `save` will write.
    let probe = temporary_beside(&target);
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(file) => {
            drop(file);
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => refuse(
            format!(
                "--save {shown}: cannot create a file in {}: {e}",
                crate::output::shown_path(dir)
            ),
            "give a path in a directory you can write to",
        ),
    }
}

/// `dbadvisor interview` (and `dbadvisor` alone on a terminal).
pub fn run(advisor: &crate::advisor::Advisor, m: &ArgMatches, style: Style) -> anyhow::Result<u8> {
    let pack = advisor.pack;
    let no_input = m
        .try_get_one::<bool>("no-input")
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false);
    // The answers given (flags, --input FILE, never stdin) are checked
    // first, as cargo checks its command line before its surroundings: a
    // script that runs this without a terminal learns every error at once.
    let pre = crate::commands::pre_answers(pack, m)?;
    let stdin_terminal = std::io::stdin().is_terminal();
    let stderr_terminal = std::io::stderr().is_terminal();
    if no_input || !stdin_terminal || !stderr_terminal {
        let program = crate::cli::hint_program(m.get_one::<PathBuf>("rules").map(PathBuf::as_path));
        let flags = match crate::cli::hint_flags(pack, 2) {
            flags if flags.is_empty() => String::new(),
            flags => format!("e.g. {flags}; "),
        };
        return Err(Error::usage(
            // Which one is missing: `echo '{}' | dbadvisor interview` on a
            // terminal has stderr, and a reader looks for what to change.
            match (no_input, stdin_terminal, stderr_terminal) {
                (true, _, _) => "--no-input: the interview needs to ask questions",
                (_, false, false) => {
                    "the interview needs a terminal on stdin and stderr, and neither is one"
                }
                (_, false, true) => {
                    "the interview reads its answers from a terminal, and stdin is not one \
                     (it is redirected: a pipe, a file or /dev/null)"
                }
                _ => {
                    "the interview shows its questions on stderr, and stderr is not a terminal \
                     (it is redirected)"
                }
            },
            Some(format!(
                "give the answers to `{program} recommend` instead, as flags ({flags}\
                 `{program} recommend --help` lists them), with --input FILE, or as JSON on stdin"
            )),
        )
        .into());
    }
    let save_path = m
        .try_get_one::<PathBuf>("save")
        .ok()
        .flatten()
        .map(PathBuf::as_path);
    if let Some(path) = save_path {
        check_save_path(path)?;
    }
    crate::output::install_interrupt_handler();
    // A terminal that cannot move its cursor gets plain, numbered prompts.
    let dumb = crate::output::dumb_terminal();
    let mut terminal: Box<dyn Prompter> = if dumb {
        Box::new(Plain::new())
    } else {
        Box::new(Terminal::new(crate::output::stderr_color(
            crate::cli::color(m),
        )))
    };
    terminal.say(&format!(
        "{} — answer what you know; pick \"{NOT_SURE}\" (or leave a number empty) for the rest.",
        pack.title
    ));
    // The lean says "settled if the axes weigh the same", and the weight
    // question lists them: named here first.
    if let Some((last, init @ [_, ..])) = pack.axes.split_last() {
        let init: Vec<&str> = init.iter().map(|a| a.title.as_str()).collect();
        terminal.say(&format!(
            "Your answers score each candidate on {} axes: {} and {}.",
            pack.axes.len(),
            init.join(", "),
            last.title
        ));
    }
    terminal.say(&if dumb {
        format!(
            "Type the number of an answer (or the answer, or its word as a flag takes it), or \
             {BACK_TEXT} to go back a question; Ctrl-C quits."
        )
    } else {
        format!(
            "Keys: arrows (or j/k) and Enter pick, or type the answer; Esc (or {BACK_TEXT} typed in a \
             number) goes back a question; Ctrl-C quits."
        )
    });
    let outcome = converse(
        pack,
        pre,
        terminal.as_mut(),
        Options {
            ask_priorities: true,
        },
    )?;
    let decision = advisor.decide(&outcome.workload);
    let rules = m.get_one::<PathBuf>("rules").map(PathBuf::as_path);
    let format = m
        .try_get_one::<String>("format")
        .ok()
        .flatten()
        .and_then(|f| render::Format::parse(f))
        .unwrap_or(render::Format::Table);
    // The answers are saved before the result is printed, so a reader who
    // stops at the result still has them; the notes about them (saved, the
    // command line) come after it, where a long table does not scroll them
    // away. A failed save is reported after the result, never instead of it.
    let saved = save_path.map(|path| (path, save(pack, &outcome.workload, path)));
    let style = style.measured_again();
    let printed = write_stdout(&render::render(pack, &decision, format, &style));
    terminal.say("");
    if let Some((path, Ok(()))) = &saved {
        terminal.say(&format!(
            "Saved the answers to {}.",
            crate::output::shown_path(path)
        ));
        // SPEC: `recommend --input` reproduces the saved answers exactly;
        // the pack and the estimate's figures are not answers, so the file
        // lacks them and the command that gives this result again is said.
        let extra = advisor.estimate_args();
        if rules.is_some() || !extra.is_empty() {
            let mut again = vec!["dbadvisor".to_owned()];
            if let Some(path) = rules {
                again.push(format!("--rules {}", shell_quote_path(path)));
            }
            again.push(format!("recommend --input {}", shell_quote_path(path)));
            again.extend(extra);
            terminal.say(&format!(
                "The file holds the answers only; with it, {} gives this result again.",
                again.join(" ")
            ));
        }
    }
    // The same output, not only the same answers: the format and the long
    // form are repeated too.
    let output_args = match format {
        render::Format::Table => None,
        render::Format::Json => Some("--format json"),
        render::Format::Markdown => Some("--format markdown"),
    };
    terminal.say("Same result in a script:");
    let mut command = equivalent_command(pack, &outcome.workload, rules);
    let more = advisor
        .estimate_args()
        .into_iter()
        .chain(output_args.map(str::to_owned));
    for arg in more.chain(style.explain.then(|| "--explain".to_owned())) {
        command.push(' ');
        command.push_str(&arg);
    }
    let columns = crate::output::stderr_columns().map(usize::from);
    for line in command_lines(&command, columns) {
        terminal.say_verbatim(&line);
    }
    if let Some((_, saved)) = saved {
        saved?;
    }
    printed?;
    Ok(exit::OK)
}

#[cfg(test)]
mod tests;
