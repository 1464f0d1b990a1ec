//! The cost estimate as text: a few short lines for the table and Markdown
//! (one line per candidate with each plan's monthly total, warnings, what is
//! missing), and with `--explain` every bill line with its arithmetic and
//! every assumption.

use crate::estimate::{format_money, join_and, CandidateEstimate, Estimates, Plan};
use crate::pack::Pack;

/// The section heading.
pub fn heading(e: &Estimates) -> String {
    format!(
        "Monthly cost (estimate, {} list prices as of {}, {})",
        e.pricing.region, e.pricing.as_of, e.pricing.currency
    )
}

/// One plan's monthly total. The cheaper of a candidate's plans is marked
/// "(cheaper plan)", not "(cheaper)", which beside DynamoDB's total read as
/// if DynamoDB were cheaper than Aurora.
fn plan_total(e: &Estimates, p: &Plan, plans: usize, cheapest: Option<&str>) -> String {
    match p.total {
        Some(total) => {
            let mark = match cheapest {
                Some(plan) if plan == p.plan && plans > 2 => " (cheapest plan)",
                Some(plan) if plan == p.plan => " (cheaper plan)",
                _ => "",
            };
            format!(
                "{} {}{mark}",
                p.title,
                format_money(&e.pricing.currency, total.0)
            )
        }
        None if p.known_subtotal.0 > 0.0 => format!(
            "{} at least {} (incomplete)",
            p.title,
            format_money(&e.pricing.currency, p.known_subtotal.0)
        ),
        None => format!("{} unknown", p.title),
    }
}

fn candidate_line<C>(e: &Estimates, c: &CandidateEstimate<C>) -> String {
    c.plans
        .iter()
        .map(|p| plan_total(e, p, c.plans.len(), c.cheapest))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The short form: one line per candidate of the pack (in pack order; one the
/// price table does not cover is named as not priced), then warnings and what
/// is missing.
pub fn summary(pack: &Pack, e: &Estimates, answers_to: Option<&str>) -> Vec<String> {
    let width = pack
        .candidates
        .iter()
        .map(|c| super::columns(&c.name))
        .max()
        .unwrap_or(0);
    let mut lines: Vec<String> = pack
        .candidates
        .iter()
        .map(|c| {
            let priced = match c.id.as_str() {
                "aurora" => candidate_line(e, &e.aurora),
                "dynamodb" => candidate_line(e, &e.dynamodb),
                _ => "not priced (the price table covers Aurora and DynamoDB)".to_owned(),
            };
            format!("{}  {priced}", super::pad(&c.name, width))
        })
        .collect();
    for w in &e.warnings {
        lines.push(format!("! {w}"));
    }
    // Only a field the pack has can be given; the others are named as what
    // the pack does not ask.
    let (askable, unasked): (Vec<_>, Vec<_>) = e.missing.iter().partition(|m| m.flag.is_some());
    if !askable.is_empty() {
        let flags: Vec<&str> = askable.iter().filter_map(|m| m.flag.as_deref()).collect();
        lines.push(match answers_to {
            None => format!(
                "Missing: give {} to complete the estimate (a missing figure is never counted as zero).",
                join_and(&flags)
            ),
            Some(command) => format!(
                "Missing: {}; {} completes the estimate (a missing figure is never counted as zero).",
                join_and(&flags),
                super::code_span(&format!(
                    "{command} {}",
                    flags.iter().map(|f| format!("{f} N")).collect::<Vec<_>>().join(" ")
                ))
            ),
        });
    }
    if !unasked.is_empty() {
        let fields: Vec<&str> = unasked.iter().map(|m| m.field).collect();
        lines.push(format!(
            "Not asked by this pack (as a number): {}; the lines that need them stay unknown.",
            join_and(&fields)
        ));
    }
    lines
}

/// One section of the long form: a plan's bill, or the assumptions.
pub struct Section {
    /// `Bill: Amazon Aurora — Standard`, `Cost assumptions`.
    pub heading: String,
    /// The bill's lines: item, monthly amount (or `unknown`), arithmetic.
    pub bill: Vec<[String; 3]>,
    /// Sentences (the assumptions).
    pub notes: Vec<String>,
    /// Widths of the item and amount columns, the same in every bill.
    widths: [usize; 2],
}

impl Section {
    /// The section as text lines: bill columns padded to the widest entry
    /// of any bill (amounts right-aligned), then the notes.
    pub fn lines(&self) -> Vec<String> {
        let [item, monthly] = self.widths;
        self.bill
            .iter()
            .map(|[i, m, f]| format!("{i:<item$}  {m:>monthly$}  {f}"))
            .chain(self.notes.iter().cloned())
            .collect()
    }

    /// [`Self::lines`] for a terminal `columns` wide, the lines to be
    /// indented by `indent`: when the formula column would start past the
    /// terminal's middle, each formula goes on the lines below its item and
    /// amount (wrapped beside them, it lost its column: the wrapper hangs
    /// text only under a column left of the middle), as the reasons do.
    pub fn lines_within(&self, columns: Option<usize>, indent: usize) -> Vec<String> {
        let [item, monthly] = self.widths;
        let Some(columns) = columns.filter(|&c| indent + item + 2 + monthly + 2 >= c / 2) else {
            return self.lines();
        };
        let mut lines = Vec::new();
        for [i, m, f] in &self.bill {
            lines.push(format!("{i:<item$}  {m:>monthly$}"));
            let under = super::wrap::indented(f, 2, columns.saturating_sub(indent));
            lines.extend(under.lines().map(str::to_owned));
        }
        lines.extend(self.notes.iter().cloned());
        lines
    }
}

/// The long form: each plan's bill with its arithmetic, then the assumptions.
pub fn explain(pack: &Pack, e: &Estimates) -> Vec<Section> {
    let mut sections = Vec::new();
    let currency = &e.pricing.currency;
    let mut bill = |candidate: &str, plans: &[Plan]| {
        for p in plans {
            let bill = p
                .lines
                .iter()
                .map(|l| {
                    let monthly = l
                        .monthly
                        .map_or("unknown".to_owned(), |m| format_money(currency, m.0));
                    [l.item.to_owned(), monthly, l.formula.clone()]
                })
                .collect();
            sections.push(Section {
                heading: format!("Bill: {candidate} — {}", p.title),
                bill,
                notes: Vec::new(),
                widths: [0, 0],
            });
        }
    };
    // Only the bills of candidates the pack compares.
    for c in &pack.candidates {
        match c.id.as_str() {
            "aurora" => bill(&c.name, &e.aurora.plans),
            "dynamodb" => bill(&c.name, &e.dynamodb.plans),
            _ => {}
        }
    }
    sections.push(Section {
        heading: "Cost assumptions".to_owned(),
        bill: Vec::new(),
        notes: e.assumptions.clone(),
        widths: [0, 0],
    });
    let width = |i: usize| {
        sections
            .iter()
            .flat_map(|s| &s.bill)
            .map(|row| row[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths = [width(0), width(1)];
    for section in &mut sections {
        section.widths = widths;
    }
    sections
}
