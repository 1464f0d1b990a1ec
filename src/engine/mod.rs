//! The engine: pure functions from a pack and a workload to an explained
//! decision. Nothing here reads files, terminals or the clock.

pub mod analysis;
mod change;
mod condition;
mod decision;
mod score;
mod similarity;

pub use analysis::{analyse, could_flip, field_widths, Analysis, FlipField};
pub use change::{numeric_probes, probe_values, region, what_would_change, Change};
pub use condition::{Comparison, Condition, Truth};
pub use decision::{
    cautions, decide, open_cautions, Answers, CandidateScore, CautionOut, ChangeOut, Confidence,
    DecidedBy, Decision, ExampleMatch, Exclusion, Keyed, NearestExample, Open, PackRef, Reason,
};
pub use score::{evaluate, evaluate_with, Evaluation, TIE};
pub use similarity::{closest_example, similarity};
