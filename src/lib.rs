//! dbadvisor: recommends Amazon Aurora or Amazon DynamoDB for a described
//! workload and explains why.
//!
//! Data flows one way: answers (flags, JSON, interview) → [`Workload`] →
//! [`engine::decide`] → [`engine::Decision`] → a renderer. The knowledge lives
//! in a YAML decision pack ([`Pack`]); the engine is generic and pure.

#![warn(missing_docs)]
#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod advisor;
pub mod batch;
pub mod cli;
pub mod commands;
mod completions;
pub mod engine;
pub mod error;
pub mod estimate;
#[doc(hidden)]
pub mod fuzzing;
pub mod input;
pub mod interview;
pub mod man;
pub mod number;
pub mod output;
pub mod pack;
pub mod pricing;
pub mod raw;
pub mod render;
pub mod suggest;
mod usage_errors;
pub mod workload;
pub mod yaml_aliases;

pub use engine::{decide, evaluate, Decision};
pub use error::{Error, Problem, Result};
pub use pack::Pack;
pub use workload::{Value, Workload};
