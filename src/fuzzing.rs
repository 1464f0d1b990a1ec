//! The bodies of the fuzz targets (`fuzz/`), kept in the library so the
//! committed corpus can be replayed by an ordinary `cargo test` on stable.
//! Each must return normally for any input: an `Err` is fine, a panic is a bug.

use crate::engine::decide;
use crate::input::{self, Parsed};
use crate::output::Style;
use crate::pack::Pack;
use crate::render::{self, Format};
use crate::workload::Workload;

fn render_all(pack: &Pack, workload: &Workload) {
    let decision = decide(pack, workload);
    for format in [Format::Table, Format::Json, Format::Markdown] {
        let _ = render::render(pack, &decision, format, Style::plain());
    }
}

/// Workload bytes (JSON, YAML or JSON Lines) → parse → evaluate and explain → render.
pub fn workload_bytes(pack: &Pack, data: &[u8]) {
    match input::parse(data, "<fuzz>") {
        Ok(Parsed::Single(raw)) => {
            if let Ok(workload) = Workload::from_raw(pack, &raw) {
                render_all(pack, &workload);
            }
        }
        Ok(Parsed::Lines(mut lines)) => {
            while let Ok(Some(line)) = lines.next_line() {
                if let Ok(workload) = line
                    .document
                    .map_err(|_| ())
                    .and_then(|raw| Workload::from_raw(pack, &raw).map_err(|_| ()))
                {
                    render_all(pack, &workload);
                }
            }
        }
        Ok(Parsed::Empty) | Err(_) => {}
    }
}

/// Pack bytes → load and validate → lint, and answer one example if it loads.
pub fn pack_bytes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(pack) = Pack::load(text, "<fuzz>") {
        let _ = crate::pack::lint(&pack);
        let _ = pack.workload_schema();
        if let Some(example) = pack.examples.first() {
            render_all(&pack, &example.workload);
        }
    }
}
