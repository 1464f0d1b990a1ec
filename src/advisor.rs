//! The one path every answering command takes (recommend, batch, examples,
//! interview): decide, then attach the cost estimate. Keeping it in one place
//! is what makes the three front ends give byte-identical JSON.

use clap::ArgMatches;

use crate::engine::{decide, Decision};
use crate::estimate::{estimate, EstimateOptions};
use crate::pack::Pack;
use crate::pricing::Pricing;
use crate::workload::Workload;

/// A pack, a price table and the estimate's command-line figures.
#[derive(Debug, Clone)]
pub struct Advisor<'p> {
    /// The decision pack.
    pub pack: &'p Pack,
    /// The price table.
    pub pricing: Pricing,
    /// `--aurora-acu`, `--average-load`.
    pub options: EstimateOptions,
    /// `--pricing PATH` as given, for the equivalent command line.
    pub pricing_path: Option<std::path::PathBuf>,
}

impl<'p> Advisor<'p> {
    /// The built-in price table and no extra figures.
    pub fn new(pack: &'p Pack) -> crate::Result<Self> {
        Ok(Advisor {
            pack,
            pricing: Pricing::embedded()?,
            options: EstimateOptions::default(),
            pricing_path: None,
        })
    }

    /// From a subcommand's `--pricing`, `--aurora-acu` and `--average-load`.
    pub fn from_matches(pack: &'p Pack, m: &ArgMatches) -> anyhow::Result<Self> {
        // Every flag value is checked here, at once, before anything is read.
        let options = crate::cli::check_values(pack, m)?;
        let pricing_path = m
            .try_get_one::<std::path::PathBuf>("pricing")
            .ok()
            .flatten()
            .cloned();
        let pricing = match &pricing_path {
            Some(path) => crate::commands::load_pricing(path)?,
            None => Pricing::embedded()?,
        };
        Ok(Advisor {
            pack,
            pricing,
            options,
            pricing_path,
        })
    }

    /// The explained decision with its cost estimate; a pack that compares
    /// neither Aurora nor DynamoDB (the candidates a price table prices) has
    /// no estimate (`estimates: null`).
    pub fn decide(&self, workload: &Workload) -> Decision<'p> {
        let mut decision = decide(self.pack, workload);
        let priced = crate::estimate::PRICED
            .iter()
            .any(|id| self.pack.candidate_index(id).is_some());
        if priced {
            decision.estimates = Some(estimate(self.pack, &self.pricing, workload, self.options));
        }
        decision
    }

    /// The estimate's flags as a command line would repeat them, each with
    /// its value (empty when none).
    pub fn estimate_args(&self) -> Vec<String> {
        let mut args = Vec::new();
        if let Some(path) = &self.pricing_path {
            args.push(format!(
                "--pricing {}",
                crate::interview::shell_quote_path(path)
            ));
        }
        if let Some(acu) = self.options.aurora_acu {
            args.push(format!("--aurora-acu {}", crate::number::format(acu)));
        }
        if let Some(load) = self.options.average_load {
            args.push(format!(
                "--average-load {}",
                crate::number::format(load * 100.0)
            ));
        }
        args
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_estimate_flags_are_repeated_for_scripts() {
        let pack = Pack::embedded().unwrap();
        let mut advisor = Advisor::new(&pack).unwrap();
        assert!(advisor.estimate_args().is_empty());
        advisor.options = EstimateOptions {
            aurora_acu: Some(2.5),
            average_load: Some(0.4),
        };
        advisor.pricing_path = Some("my prices.yaml".into());
        assert_eq!(
            advisor.estimate_args(),
            [
                "--pricing 'my prices.yaml'",
                "--aurora-acu 2.5",
                "--average-load 40"
            ]
        );
        let w = pack.example("erp").unwrap().workload.clone();
        let d = advisor.decide(&w);
        let e = d.estimates.expect("every answer carries an estimate");
        assert_eq!(e.aurora.capacity.acu_source, "given");
    }
}
