//! The decision pack: candidates, axes, fields, rules, vetoes, cautions,
//! worked examples and test cases, checked and compiled so the engine works on indices.
//!
//! A pack is written in YAML (`rules/*.yaml`); [`Pack::load`] parses and
//! validates it, listing every problem with its place. The steps, one file
//! each: `load` runs them in order; `raw` is the document as written;
//! `shape` finds its syntax and shape problems; `compile` resolves names to
//! indices and checks every item; `outcomes` runs the worked examples and
//! test cases; `checker` collects the problems, placed by `lines` (where an
//! item is in the text). `lint` is `rules check`'s warnings and coverage,
//! `schema` the workload's JSON Schema.

mod checker;
mod compile;
mod lines;
mod lint;
mod load;
mod outcomes;
mod raw;
mod schema;
mod shape;

use crate::engine::Condition;
use crate::workload::Workload;

pub use compile::{MAX_NUMBERS_PER_FIELD, MAX_RULES, RESERVED_FLAGS};
pub(crate) use lines::mapping_start;
pub use lint::{lint, Finding, LintReport, RuleCoverage};
pub use load::{EMBEDDED_NAME, MAX_PACK_BYTES};
pub(crate) use shape::{control_characters, shape_problem, too_deep, MAX_VALUES};

/// The pack compiled into the binary, as written (YAML).
pub const EMBEDDED: &str = include_str!("../../rules/aurora-vs-dynamodb.yaml");

/// The JSON Schema of the pack format (`dbadvisor rules schema`).
pub const PACK_SCHEMA: &str = include_str!("../../rules/pack.schema.json");

/// The same pack converted to JSON by `build.rs`, for fast start-up.
const EMBEDDED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/embedded-pack.json"));

/// A validated decision pack.
#[derive(Debug, Clone)]
pub struct Pack {
    /// Machine name, e.g. `aurora-vs-dynamodb`.
    pub name: String,
    /// The pack's own version, reported in every result.
    pub version: String,
    /// A title for people.
    pub title: String,
    /// Where the knowledge comes from.
    pub source: String,
    /// The options being chosen between.
    pub candidates: Vec<Candidate>,
    /// The dimensions scores are grouped by.
    pub axes: Vec<Axis>,
    /// The questions a workload answers.
    pub fields: Vec<Field>,
    /// Scoring rules.
    pub rules: Vec<Rule>,
    /// Hard limits that rule a candidate out.
    pub vetoes: Vec<Veto>,
    /// Warnings shown beside the result, which change no score.
    pub cautions: Vec<Caution>,
    /// The source document's worked examples.
    pub examples: Vec<WorkedExample>,
    /// Extra workloads with their expected outcome.
    pub tests: Vec<TestCase>,
    /// For each field, the rules and vetoes that read it (indices), so a
    /// change to one answer re-evaluates only what it can affect.
    pub readers: Vec<Readers>,
    /// For each field, the answers worth trying (see `engine::probe_values`),
    /// computed once at load.
    pub probes: Vec<Vec<crate::workload::Value>>,
    /// For each field, its probes grouped by the truth they give every
    /// condition reading it, computed once at load for the analysis.
    pub classes: crate::engine::analysis::AnswerClasses,
    /// Where the pack's items are in the YAML it was read from.
    pub(crate) lines: SourceLines,
}

/// `(section, "id: x")` → the lines it is on, when the pack was read from
/// YAML (empty for the embedded pack, which is read from JSON). Not part of
/// the pack's content: its `Debug` shows nothing of it.
#[derive(Clone, Default)]
pub(crate) struct SourceLines(pub(crate) std::collections::HashMap<(String, String), Vec<usize>>);

impl std::fmt::Debug for SourceLines {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SourceLines(..)")
    }
}

impl Pack {
    /// The line of the item with `id` in a top-level `section` (`rules`,
    /// `vetoes`, `cautions`, `fields`, `axes`) of the YAML the pack was read from.
    pub fn line_of(&self, section: &str, id: &str) -> Option<usize> {
        self.lines
            .0
            .get(&(section.to_owned(), format!("id: {id}")))
            .and_then(|lines| lines.first())
            .copied()
    }
}

/// The rules and vetoes that read one field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Readers {
    /// Indices into `pack.rules`.
    pub rules: Vec<usize>,
    /// Indices into `pack.vetoes`.
    pub vetoes: Vec<usize>,
}

/// One option being chosen between.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Stable id, e.g. `aurora`.
    pub id: String,
    /// Display name, e.g. `Amazon Aurora`.
    pub name: String,
    /// The source document's one-paragraph summary.
    pub summary: String,
}

/// A scoring dimension.
#[derive(Debug, Clone)]
pub struct Axis {
    /// Stable id, e.g. `data_model`.
    pub id: String,
    /// Display title, e.g. `Data model`.
    pub title: String,
    /// Default weight, overridable with priorities.
    pub weight: f64,
}

/// A question a workload answers.
#[derive(Debug, Clone)]
pub struct Field {
    /// Stable id, e.g. `peak_writes_per_sec`; also the JSON key and, with
    /// dashes, the flag name.
    pub id: String,
    /// The axis the field mostly informs (rules may read any field).
    pub axis: usize,
    /// The question as the interview asks it.
    pub question: String,
    /// A one-line explanation.
    pub help: String,
    /// The type of answer.
    pub kind: FieldKind,
}

impl Field {
    /// The command-line flag for this field, without the leading dashes.
    pub fn flag(&self) -> String {
        self.id.replace('_', "-")
    }

    /// The index of a choice option by id.
    pub fn option_index(&self, id: &str) -> Option<usize> {
        match &self.kind {
            FieldKind::Choice(options) => options.iter().position(|o| o.id == id),
            _ => None,
        }
    }
}

/// The type of answer a field takes.
#[derive(Debug, Clone)]
pub enum FieldKind {
    /// One of a fixed list of options.
    Choice(Vec<ChoiceOption>),
    /// Yes or no.
    Bool,
    /// A bounded number.
    Number(NumberSpec),
}

impl FieldKind {
    /// The type's name in the pack format.
    pub fn name(&self) -> &'static str {
        match self {
            FieldKind::Choice(_) => "choice",
            FieldKind::Bool => "bool",
            FieldKind::Number(_) => "number",
        }
    }
}

/// One option of a choice field.
#[derive(Debug, Clone)]
pub struct ChoiceOption {
    /// Stable id, used in JSON and flags.
    pub id: String,
    /// What a person sees.
    pub label: String,
}

/// Bounds and unit of a number field.
#[derive(Debug, Clone)]
pub struct NumberSpec {
    /// Smallest accepted value.
    pub min: f64,
    /// Whether `min` itself is refused (`> min` rather than `>= min`).
    pub min_exclusive: bool,
    /// Largest accepted value; anything above is a typo or an attack.
    pub max: f64,
    /// The unit shown next to the value, e.g. `writes/s`.
    pub unit: String,
    /// Every value this field is compared against by a rule or veto, sorted
    /// and unique: the places where the answer can change.
    pub thresholds: Vec<f64>,
}

impl NumberSpec {
    /// Checks a value against the bounds; the error says why it is refused.
    pub fn check(&self, value: f64) -> Result<f64, String> {
        // The answer with every digit it has (1,000,000,000.0000001 is above
        // 1,000,000,000; rounded, it would read as equal).
        self.check_shown(value, &crate::number::GroupedExact(value).to_string())
    }

    /// [`NumberSpec::check`], quoting the value as `given` in the error.
    pub fn check_shown(&self, value: f64, given: &str) -> Result<f64, String> {
        use crate::number::Grouped;
        if !value.is_finite() {
            return Err("must be a finite number".into());
        }
        let min = Grouped(self.min);
        if self.min_exclusive && value <= self.min {
            return Err(format!("{given} is too small: it must be more than {min}"));
        }
        if value < self.min {
            return Err(format!("{given} is below the minimum {min}"));
        }
        if value > self.max {
            return Err(format!(
                "{given} is above the maximum {}",
                Grouped(self.max)
            ));
        }
        Ok(value)
    }

    /// The accepted range for help texts, e.g. `0 to 1,000,000,000 writes/s`.
    pub fn describe_range(&self) -> String {
        let low = if self.min_exclusive { "more than " } else { "" };
        format!(
            "{low}{} to {} {}",
            crate::number::format_grouped(self.min),
            crate::number::format_grouped(self.max),
            self.unit
        )
        .trim_end()
        .to_owned()
    }
}

/// A scoring rule: when the condition holds, add points for a candidate on an axis.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Stable id, cited in results.
    pub id: String,
    /// Axis index.
    pub axis: usize,
    /// Candidate index.
    pub candidate: usize,
    /// Points added (before the axis weight) when the rule fires.
    pub points: f64,
    /// When the rule fires.
    pub when: Condition,
    /// The sentence shown to the user.
    pub because: String,
    /// Where the claim comes from.
    pub source: String,
}

/// A hard limit: when the condition holds, the candidate is ruled out.
#[derive(Debug, Clone)]
pub struct Veto {
    /// Stable id, cited in results.
    pub id: String,
    /// Candidate index.
    pub candidate: usize,
    /// When the candidate is ruled out.
    pub when: Condition,
    /// The sentence shown to the user.
    pub because: String,
    /// The documented limit.
    pub source: String,
}

/// A warning: when the condition holds, the result carries the sentence,
/// and nothing else changes. For what neither candidate does as asked (the
/// advice stands, but the user should know), where a rule's points or a
/// veto would misstate it, or, with `winner`, what the recommended
/// candidate lacks of what the workload asks.
#[derive(Debug, Clone)]
pub struct Caution {
    /// Stable id, cited in results.
    pub id: String,
    /// When the caution applies.
    pub when: Condition,
    /// Said only when this candidate is recommended (an index into
    /// `candidates`); `None`: whichever wins.
    pub winner: Option<usize>,
    /// The candidate whose limit it states (an index into `candidates`):
    /// when that one is recommended all the same, the confidence drops one
    /// step, since the advice rests on working around the limit.
    pub limit_of: Option<usize>,
    /// The sentence shown to the user.
    pub because: String,
    /// Where the claim comes from.
    pub source: String,
}

/// One of the source document's worked examples.
#[derive(Debug, Clone)]
pub struct WorkedExample {
    /// Stable id, e.g. `erp` (SPEC §2).
    pub id: String,
    /// A short title.
    pub title: String,
    /// Where in the source document it stands.
    pub section: String,
    /// The document's text.
    pub text: String,
    /// The candidate the document gives it.
    pub expect: usize,
    /// A workload that encodes the example.
    pub workload: Workload,
}

/// An extra workload with the outcome the pack must give.
#[derive(Debug, Clone)]
pub struct TestCase {
    /// What the case checks.
    pub name: String,
    /// The workload.
    pub workload: Workload,
    /// The candidate it must recommend.
    pub expect: usize,
    /// The smallest acceptable margin, if any.
    pub min_margin: Option<f64>,
    /// The cautions that must hold, exactly (indices into `pack.cautions`),
    /// when the case lists them.
    pub cautions: Option<Vec<usize>>,
}

impl Pack {
    /// The conditions of the rules, then the vetoes, that read `field`.
    pub fn conditions_reading(&self, field: usize) -> impl Iterator<Item = &Condition> {
        let readers = &self.readers[field];
        let rules = readers.rules.iter().map(|&r| &self.rules[r].when);
        rules.chain(readers.vetoes.iter().map(|&v| &self.vetoes[v].when))
    }

    /// The embedded pack. It is checked by the test suite, so failing to
    /// load it is a build defect, reported as an ordinary pack error.
    pub fn embedded() -> crate::Result<Pack> {
        Pack::load_json(EMBEDDED_JSON, EMBEDDED_NAME)
    }

    /// A field's index by id.
    pub fn field_index(&self, id: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.id == id)
    }

    /// An axis's index by id.
    pub fn axis_index(&self, id: &str) -> Option<usize> {
        self.axes.iter().position(|a| a.id == id)
    }

    /// A candidate's index by id.
    pub fn candidate_index(&self, id: &str) -> Option<usize> {
        self.candidates.iter().position(|c| c.id == id)
    }

    /// A worked example by id.
    pub fn example(&self, id: &str) -> Option<&WorkedExample> {
        self.examples.iter().find(|e| e.id == id)
    }
}
