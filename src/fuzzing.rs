//! The bodies of the fuzz targets (`fuzz/`), kept in the library so the
//! committed corpus can be replayed by an ordinary `cargo test` on stable.
//! Each must return normally for any input: an `Err` is fine, a panic is a bug.

use crate::engine::decide;
use crate::estimate::{estimate, EstimateOptions};
use crate::input::{self, Parsed};
use crate::output::Style;
use crate::pack::Pack;
use crate::pricing::Pricing;
use crate::render::{self, Format};
use crate::workload::Workload;

fn render_all(pack: &Pack, workload: &Workload) {
    // What the commands do (`Advisor::decide`): decision, analysis and cost
    // estimate, with the price table parsed once per process.
    static PRICING: std::sync::OnceLock<Option<Pricing>> = std::sync::OnceLock::new();
    let mut decision = decide(pack, workload);
    if let Some(pricing) = PRICING.get_or_init(|| Pricing::embedded().ok()) {
        decision.estimates = Some(estimate(
            pack,
            pricing,
            workload,
            EstimateOptions::default(),
        ));
    }
    for format in [Format::Table, Format::Json, Format::Markdown] {
        let _ = render::render(pack, &decision, format, &Style::plain());
    }
}

/// JSON Lines lines taken through decide, estimate and render per input.
const LINES_ANSWERED: usize = 2;

/// Workload bytes (JSON, YAML or JSON Lines) → parse → evaluate and explain → render.
pub fn workload_bytes(pack: &Pack, data: &[u8]) {
    // Half the inputs come from a file named `.yaml`, which is read as YAML
    // whatever it starts with: both ways of telling JSON from YAML are fuzzed.
    let name = if data.len() % 2 == 1 {
        "fuzz.yaml"
    } else {
        "<fuzz>"
    };
    match input::parse(data, name) {
        // Through `input::workload`, which places a field's problems at
        // their lines in the text (an error is written out, as shown).
        Ok(Parsed::Single(document)) => match input::workload(pack, &document, name) {
            Ok(workload) => render_all(pack, &workload),
            Err(error) => drop(error.to_string()),
        },
        Ok(Parsed::Lines(mut lines)) => {
            // Every line is parsed and checked; only the first few valid ones
            // go through the whole pipeline, which keeps long inputs from
            // slowing the fuzzer to a crawl (the pipeline does not depend on
            // how many lines came before).
            let mut answered = 0;
            while let Ok(Some(line)) = lines.next_line() {
                if let Ok(workload) = line
                    .document
                    .map_err(|_| ())
                    .and_then(|raw| Workload::from_raw(pack, &raw).map_err(|_| ()))
                {
                    if answered < LINES_ANSWERED {
                        render_all(pack, &workload);
                        answered += 1;
                    }
                }
            }
        }
        Ok(Parsed::Empty) | Err(_) => {}
    }
}

/// Pack bytes → load and validate → lint, and answer one example if it
/// loads; the same bytes as a price table → load and validate.
pub fn pack_bytes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = crate::pricing::Pricing::load(text, "<fuzz>");
    if let Ok(pack) = Pack::load(text, "<fuzz>") {
        let _ = crate::pack::lint(&pack);
        let _ = pack.workload_schema();
        if let Some(example) = pack.examples.first() {
            render_all(&pack, &example.workload);
        }
    }
}
