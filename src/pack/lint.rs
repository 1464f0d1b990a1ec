//! The pack linter behind `rules check`: problems that are not errors (the
//! pack loads and its examples pass) but make its advice weaker or wrong, and
//! rule coverage over the pack's own worked examples and test cases.
//!
//! "Can this rule ever fire?" and "do these two rules say the same thing?"
//! are decided exactly: every field only matters up to the regions the pack's
//! thresholds carve out (`engine::probe_values`), so trying one value per
//! region of each field a condition reads covers every possible answer.

use serde::Serialize;

use super::Pack;
use super::{FieldKind, NumberSpec};
use crate::engine::{evaluate, numeric_probes, probe_values, Condition, Truth};
use crate::number::Num;
use crate::workload::Value;

/// Beyond this many combinations a condition is not enumerated (and not
/// reported); real rules read one to four fields.
const MAX_COMBINATIONS: usize = 200_000;

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// One of: `never-fires`; `dead-branch` (an `any:` part that can never
    /// hold where it stands, in a condition that can); `never-counts` (a
    /// rule that fires only where a veto rules its candidate out);
    /// `double-counting`; `same-caution-condition` (two cautions said for
    /// exactly the same answers); `unread-field`;
    /// `axis-without-rules`; `zero-points`; `zero-weight`; `not-checked` (a
    /// condition with too many answer combinations for the checks above to
    /// try); `joined-fields`
    /// (rules reading several fields join so many that the analysis cannot
    /// enumerate them); `estimate-field` (a field the cost estimate reads by
    /// id, of another type or with options it does not price); `same-label`
    /// (two options of a field, two candidates or two axes a person cannot
    /// tell apart); `builtin-identity` (a changed copy of the built-in pack
    /// that keeps its name and version).
    pub kind: &'static str,
    /// The rule, veto, caution, field or axis concerned.
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// The line of the rule, veto, caution, field or axis in the pack's YAML, when
    /// known (not for the embedded pack, which is read from JSON).
    pub line: Option<usize>,
}

/// How often a rule, veto or caution fires across the examples and test cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RuleCoverage {
    /// Rule, veto or caution id.
    pub rule: String,
    /// `rule`, `veto` or `caution`.
    pub kind: &'static str,
    /// Number of examples and test cases in which it fires.
    pub fired: usize,
}

/// The linter's report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LintReport {
    /// Every finding, rules first.
    pub findings: Vec<Finding>,
    /// Percentage of rules, vetoes and cautions that fire in at least one example or
    /// test case, rounded *down* to one decimal: 2,100 of 2,101 is 99.9,
    /// never a 100 that a rule never firing belies.
    pub coverage_percent: Num,
    /// Per rule, veto and caution.
    pub coverage: Vec<RuleCoverage>,
    /// The exact percentage, which `--min-coverage` is compared with.
    #[serde(skip)]
    exact_percent: f64,
}

impl LintReport {
    /// The exact coverage percentage (`--min-coverage` compares with this,
    /// not with the rounded figure shown).
    pub fn coverage(&self) -> f64 {
        self.exact_percent
    }

    /// The coverage to show beside `--min-coverage`: rounded down to one
    /// decimal, or to as many as the threshold has (up to six), so the
    /// figure shown is below the threshold exactly when the check fails
    /// (99.958% against 99.95 shows 99.95, not a 99.9 that reads as failing).
    pub fn coverage_shown(&self, min: Option<f64>) -> Num {
        let decimals = min.map_or(1, |m| {
            let text = format!("{m}");
            text.split_once('.').map_or(0, |(_, d)| d.len()).clamp(1, 6)
        });
        if decimals == 1 {
            return self.coverage_percent;
        }
        let scale = 10f64.powi(decimals as i32);
        // The nudge keeps a quotient like 1,999/2,000 (99.95, held as
        // 99.94999…) from flooring a step too low.
        Num(((self.exact_percent * scale) + 1e-6).floor() / scale)
    }
}

/// Lints a pack (which has already passed validation).
pub fn lint(pack: &Pack) -> LintReport {
    let mut findings = Vec::new();
    let conditions: Vec<(&str, &'static str, &Condition)> = pack
        .rules
        .iter()
        .map(|r| (r.id.as_str(), "rule", &r.when))
        .chain(pack.vetoes.iter().map(|v| (v.id.as_str(), "veto", &v.when)))
        .chain(
            pack.cautions
                .iter()
                .map(|c| (c.id.as_str(), "caution", &c.when)),
        )
        .collect();
    let mut never = vec![false; conditions.len()];
    // Each condition without its dead `any:` parts: what it holds for,
    // compared as that for double counting (a rule with a dead part
    // reading another field double-counts a rule without it).
    let mut live: Vec<std::borrow::Cow<Condition>> = conditions
        .iter()
        .map(|(_, _, when)| std::borrow::Cow::Borrowed(*when))
        .collect();
    for (i, (id, kind, when)) in conditions.iter().enumerate() {
        let fires = can_fire(pack, when);
        let section = match *kind {
            "rule" => "rules",
            "veto" => "vetoes",
            _ => "cautions",
        };
        if fires == Some(true) {
            let dead = dead_branches(pack, when);
            for path in &dead {
                findings.push(Finding {
                    kind: "dead-branch",
                    line: pack.line_of(section, id),
                    place: format!("{kind} `{id}`"),
                    message: format!(
                        "{} can never hold where it stands, so it never makes the condition true: take it out, or correct it",
                        branch_name(when, path)
                    ),
                });
            }
            if !dead.is_empty() {
                live[i] = std::borrow::Cow::Owned(without_branches(when, &dead, &mut Vec::new()));
            }
        }
        // Said, not skipped: a check left undone must not pass for a clean pack.
        if fires != Some(false) {
            let tried = combinations(pack, when);
            if tried.is_none_or(|n| n > MAX_COMBINATIONS) {
                let unchecked = if fires.is_none() {
                    "whether it can fire at all, whether it double-counts another rule, and whether it holds only where a veto applies are"
                } else {
                    "whether it double-counts another rule, and whether it holds only where a veto applies, are"
                };
                findings.push(Finding {
                    kind: "not-checked",
                    line: pack.line_of(section, id),
                    place: format!("{kind} `{id}`"),
                    message: format!(
                        "its condition reads {} fields, whose answers that differ for it make {} combinations, more than the {} the linter tries one by one: {unchecked} not checked; let it read fewer fields, or compare its number fields with fewer numbers",
                        when.fields().len(),
                        tried.map_or_else(|| "more than 10^19".to_owned(), |n| crate::number::format_grouped(n as f64)),
                        crate::number::format_grouped(MAX_COMBINATIONS as f64),
                    ),
                });
            }
        }
        if let Some(false) = fires {
            never[i] = true;
            let message = match out_of_range(pack, when) {
                Some(why) => format!("its condition is false for every answer the fields accept: {why}"),
                None => "its condition is false for every answer the fields accept (its parts contradict each other, or no answer in a field's range or options meets them)".into(),
            };
            findings.push(Finding {
                kind: "never-fires",
                line: pack.line_of(section, id),
                place: format!("{kind} `{id}`"),
                message,
            });
        }
    }
    // Whether `when` holds only where a veto rules `candidate` out (false
    // when the candidate has no veto).
    let only_where_vetoed = |when: &Condition, candidate: usize| {
        let vetoes: Vec<Condition> = pack
            .vetoes
            .iter()
            .filter(|v| v.candidate == candidate)
            .map(|v| v.when.clone())
            .collect();
        !vetoes.is_empty()
            && can_fire(
                pack,
                &Condition::All(vec![
                    when.clone(),
                    Condition::Not(Box::new(Condition::Any(vetoes))),
                ]),
            ) == Some(false)
    };
    // A rule whose condition holds only where a veto rules its candidate
    // out never helps that candidate win: its points show in a ruled-out
    // column (and count only toward the confidence).
    let mut vetoed = vec![false; pack.rules.len()];
    for (r, rule) in pack.rules.iter().enumerate() {
        if !never[r] && only_where_vetoed(&rule.when, rule.candidate) {
            vetoed[r] = true;
            let name = &pack.candidates[rule.candidate].id;
            findings.push(Finding {
                kind: "never-counts",
                line: pack.line_of("rules", &rule.id),
                place: format!("rule `{}`", rule.id),
                message: format!(
                    "its condition holds only where a veto rules `{name}` out, so its points never help `{name}` win (they show in a ruled-out column)"
                ),
            });
        }
    }
    // A caution said for one winner whose condition holds only where a
    // veto rules that winner out is never said, though it can hold.
    let before_cautions = pack.rules.len() + pack.vetoes.len();
    for (c, caution) in pack.cautions.iter().enumerate() {
        let Some(gate) = caution.winner else { continue };
        if !never[before_cautions + c] && only_where_vetoed(&caution.when, gate) {
            never[before_cautions + c] = true;
            let name = &pack.candidates[gate].id;
            findings.push(Finding {
                kind: "never-fires",
                line: pack.line_of("cautions", &caution.id),
                place: format!("caution `{}`", caution.id),
                message: format!(
                    "it is said only when `{name}` is recommended, and its condition holds only where a veto rules `{name}` out"
                ),
            });
        }
    }
    // Points or a weight of 0: a rule that fires and changes nothing (a
    // caution is the way to say a thing without points), an axis whose
    // rules count only when a workload's priorities raise it.
    for r in pack.rules.iter().filter(|r| r.points == 0.0) {
        findings.push(Finding {
            kind: "zero-points",
            line: pack.line_of("rules", &r.id),
            place: format!("rule `{}`", r.id),
            message: "its points are 0: when it fires it changes no score (a caution says a thing beside the advice without points)".into(),
        });
    }
    for (a, axis) in pack.axes.iter().enumerate() {
        if axis.weight == 0.0 && pack.rules.iter().any(|r| r.axis == a && r.points != 0.0) {
            findings.push(Finding {
                kind: "zero-weight",
                line: pack.line_of("axes", &axis.id),
                place: format!("axis `{}`", axis.id),
                message: "its weight is 0: its rules count nothing unless a workload's `priorities` raise it".into(),
            });
        }
    }
    // Double counting: group rules by candidate, axis and the fields they
    // read, then by a canonical form of their truth, so thousands of rules
    // cost a sort rather than comparing every pair. `items`: a group key
    // and an index into `conditions` each; pairs of such indices come back.
    let same_condition = |items: &mut dyn Iterator<Item = ((usize, usize), usize)>| {
        // (group key, fields read) → indices into `conditions`.
        type Groups = std::collections::HashMap<((usize, usize), Vec<usize>), Vec<usize>>;
        let mut groups = Groups::default();
        for (key, i) in items {
            groups.entry((key, live[i].fields())).or_default().push(i);
        }
        let mut duplicates: Vec<(usize, usize)> = Vec::new();
        for members in groups.values() {
            let mut seen: std::collections::HashMap<Option<String>, Vec<usize>> =
                Default::default();
            for &i in members {
                seen.entry(truth_table(pack, &live[i])).or_default().push(i);
            }
            for (table, same) in seen {
                for (k, &b) in same.iter().enumerate() {
                    // With a canonical table, equal tables are equivalent conditions; without
                    // one (too many combinations), fall back to comparing the pairs directly.
                    if let Some(&a) = same[..k].iter().find(|&&a| {
                        table.is_some() || equivalent(pack, &live[a], &live[b]) == Some(true)
                    }) {
                        duplicates.push((a, b));
                    }
                }
            }
        }
        duplicates.sort_unstable();
        duplicates
    };
    // A rule that never fires counts nothing, so it cannot count twice
    // (the rules come first among `conditions`).
    let rules = &mut pack
        .rules
        .iter()
        .enumerate()
        .filter(|&(i, _)| !never[i])
        .map(|(i, r)| ((r.candidate, r.axis), i));
    for (a, b) in same_condition(rules) {
        findings.push(Finding {
            kind: "double-counting",
            line: pack.line_of("rules", &pack.rules[b].id),
            place: format!("rule `{}`", pack.rules[b].id),
            message: format!(
                "has the same condition as rule `{}` for the same candidate and axis, so the points count twice",
                pack.rules[a].id
            ),
        });
    }
    // Two cautions said for the same answers (and the same winner) are
    // always said together: one, or a mistake in one's condition.
    let cautions = &mut pack
        .cautions
        .iter()
        .enumerate()
        .map(|(c, caution)| (before_cautions + c, caution))
        .filter(|&(i, _)| !never[i])
        .map(|(i, caution)| ((caution.winner.map_or(0, |w| w + 1), 0), i));
    for (a, b) in same_condition(cautions) {
        let (first, second) = (
            &pack.cautions[a - before_cautions],
            &pack.cautions[b - before_cautions],
        );
        findings.push(Finding {
            kind: "same-caution-condition",
            line: pack.line_of("cautions", &second.id),
            place: format!("caution `{}`", second.id),
            message: format!(
                "has the same condition as caution `{}`{}, so the two are always said together: say both in one, or correct the condition",
                first.id,
                if first.winner.is_some() { " for the same winner" } else { "" }
            ),
        });
    }
    for (f, field) in pack.fields.iter().enumerate() {
        if !conditions
            .iter()
            .any(|(_, _, when)| when.fields().contains(&f))
        {
            findings.push(Finding {
                kind: "unread-field",
                line: pack.line_of("fields", &field.id),
                place: format!("field `{}`", field.id),
                message: "no rule, veto or caution reads it, so its answer never matters".into(),
            });
        }
    }
    for (a, axis) in pack.axes.iter().enumerate() {
        for (c, candidate) in pack.candidates.iter().enumerate() {
            // Rules come first in `conditions`, so `never[r]` is rule r's.
            let on_axis = |r: &(usize, &crate::pack::Rule)| r.1.axis == a && r.1.candidate == c;
            let rules: Vec<usize> = pack
                .rules
                .iter()
                .enumerate()
                .filter(on_axis)
                .map(|(r, _)| r)
                .collect();
            let message = if rules.is_empty() {
                format!("no rule gives points to `{}` on it", candidate.id)
            } else if rules.iter().all(|&r| never[r]) {
                format!(
                    "no rule that can fire gives points to `{}` on it (its rules here never fire)",
                    candidate.id
                )
            } else if rules.iter().all(|&r| never[r] || vetoed[r]) {
                format!(
                    "no rule gives points that can help `{}` win on it (its rules here fire only where a veto rules it out, or never)",
                    candidate.id
                )
            } else {
                continue;
            };
            findings.push(Finding {
                kind: "axis-without-rules",
                line: pack.line_of("axes", &axis.id),
                place: format!("axis `{}`", axis.id),
                message,
            });
        }
    }
    // A group too large to enumerate makes the analysis approximate for
    // workloads that leave it unanswered (pack 1.5.0's own rules came close).
    for group in crate::engine::analysis::oversized_groups(pack) {
        let fields: Vec<String> = group
            .fields
            .iter()
            .map(|&f| format!("`{}`", pack.fields[f].id))
            .collect();
        // Which factor grew is what the author needs: a one-field rule
        // comparing a number with a new threshold adds an answer range too.
        let factors: Vec<String> = fields
            .iter()
            .zip(&group.answers)
            .map(|(f, n)| format!("{f} {n}"))
            .collect();
        let rules: Vec<String> = group
            .rules
            .iter()
            .map(|&r| format!("`{}`", pack.rules[r].id))
            .chain(
                group
                    .vetoes
                    .iter()
                    .map(|&v| format!("`{}`", pack.vetoes[v].id)),
            )
            .collect();
        let line = match (group.rules.first(), group.vetoes.first()) {
            (Some(&r), _) => pack.line_of("rules", &pack.rules[r].id),
            (None, Some(&v)) => pack.line_of("vetoes", &pack.vetoes[v].id),
            (None, None) => None,
        };
        findings.push(Finding {
            kind: "joined-fields",
            line,
            place: format!("fields {}", crate::estimate::join_with(&fields, "and")),
            message: format!(
                "rules and vetoes reading several of them ({}) join them into {} answer \
                 combinations ({}: the answers that differ for some rule or veto, multiplied), more \
                 than the {} the analysis enumerates: a workload leaving them unanswered gets \
                 approximate bounds (`bounds_exact: false`) and may be called unsettled when \
                 no answer could change it; let fewer rules read two of these fields at once{}",
                crate::estimate::join_with(&rules, "and"),
                crate::number::format_grouped(group.combinations as f64),
                factors.join(" × "),
                crate::number::format_grouped(crate::engine::analysis::ENUM_CAP as f64),
                if group
                    .fields
                    .iter()
                    .any(|&f| matches!(pack.fields[f].kind, FieldKind::Number(_)))
                {
                    ", or compare the number fields with fewer different numbers (in any \
                     rule or veto, one reading a single field too)"
                } else {
                    ""
                },
            ),
        });
    }
    // Two choices a person cannot tell apart: the interview would offer both
    // and every text would name either the same way.
    let same_label = |labels: Vec<(&str, &str)>| -> Vec<(String, String)> {
        let keys: Vec<String> = labels.iter().map(|(_, l)| as_seen(l)).collect();
        (0..labels.len())
            .filter_map(|i| {
                let first = keys[..i].iter().position(|k| *k == keys[i])?;
                Some((labels[first].0.to_owned(), labels[i].0.to_owned()))
            })
            .collect()
    };
    for field in &pack.fields {
        if let FieldKind::Choice(options) = &field.kind {
            let labels = options
                .iter()
                .map(|o| (o.id.as_str(), o.label.as_str()))
                .collect();
            for (first, second) in same_label(labels) {
                findings.push(Finding {
                    kind: "same-label",
                    line: pack.line_of("fields", &field.id),
                    place: format!("field `{}`", field.id),
                    message: format!(
                        "options `{first}` and `{second}` have the same label, so a person cannot tell them apart"
                    ),
                });
            }
        }
    }
    let named = [
        (
            "candidates",
            "candidate",
            "name",
            pack.candidates
                .iter()
                .map(|c| (c.id.as_str(), c.name.as_str()))
                .collect(),
        ),
        (
            "axes",
            "axis",
            "title",
            pack.axes
                .iter()
                .map(|a| (a.id.as_str(), a.title.as_str()))
                .collect(),
        ),
    ];
    for (section, noun, label, labels) in named {
        for (first, second) in same_label(labels) {
            findings.push(Finding {
                kind: "same-label",
                line: pack.line_of(section, &second),
                place: format!("{noun} `{second}`"),
                message: format!(
                    "has the same {label} as {noun} `{first}`, so a person cannot tell them apart"
                ),
            });
        }
    }
    // Only a pack that the estimate prices (it compares Aurora or DynamoDB).
    if pack
        .candidates
        .iter()
        .any(|c| crate::estimate::PRICED.contains(&c.id.as_str()))
    {
        for (id, message) in crate::estimate::field_mismatches(pack) {
            findings.push(Finding {
                kind: "estimate-field",
                line: pack.line_of("fields", &id),
                place: format!("field `{id}`"),
                message,
            });
        }
    }
    if let Some(finding) = builtin_identity(pack) {
        findings.push(finding);
    }

    let workloads: Vec<_> = pack
        .examples
        .iter()
        .map(|e| &e.workload)
        .chain(pack.tests.iter().map(|t| &t.workload))
        .collect();
    let mut rule_fired = vec![0usize; pack.rules.len()];
    let mut veto_fired = vec![0usize; pack.vetoes.len()];
    let mut caution_fired = vec![0usize; pack.cautions.len()];
    for w in workloads {
        let eval = evaluate(pack, w);
        for (count, truth) in rule_fired.iter_mut().zip(&eval.rules) {
            *count += usize::from(*truth == Truth::True);
        }
        for (count, truth) in veto_fired.iter_mut().zip(&eval.vetoes) {
            *count += usize::from(*truth == Truth::True);
        }
        for c in crate::engine::cautions(pack, w, eval.winner()) {
            caution_fired[c] += 1;
        }
    }
    let coverage: Vec<RuleCoverage> = pack
        .rules
        .iter()
        .zip(rule_fired)
        .map(|(r, fired)| RuleCoverage {
            rule: r.id.clone(),
            kind: "rule",
            fired,
        })
        .chain(
            pack.vetoes
                .iter()
                .zip(veto_fired)
                .map(|(v, fired)| RuleCoverage {
                    rule: v.id.clone(),
                    kind: "veto",
                    fired,
                }),
        )
        .chain(
            pack.cautions
                .iter()
                .zip(caution_fired)
                .map(|(c, fired)| RuleCoverage {
                    rule: c.id.clone(),
                    kind: "caution",
                    fired,
                }),
        )
        .collect();
    let covered = coverage.iter().filter(|c| c.fired > 0).count();
    let percent = if coverage.is_empty() {
        100.0
    } else {
        100.0 * covered as f64 / coverage.len() as f64
    };
    // Each kind in file order (pairs were found in another order), the
    // kinds in the order they were found.
    let mut kinds: Vec<&str> = Vec::new();
    for f in &findings {
        if !kinds.contains(&f.kind) {
            kinds.push(f.kind);
        }
    }
    findings.sort_by_key(|f| {
        (
            kinds.iter().position(|k| *k == f.kind),
            f.line.is_none(),
            f.line,
        )
    });
    LintReport {
        findings,
        coverage_percent: Num((percent * 10.0).floor() / 10.0),
        coverage,
        exact_percent: percent,
    }
}

/// A text as a person reads it: case, spacing and zero-width characters
/// (which show as nothing at all) aside.
fn as_seen(text: &str) -> String {
    let seen: String = text
        .chars()
        .filter(|c| {
            !matches!(
                c,
                '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{00ad}'
            )
        })
        .collect();
    seen.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A copy of the built-in pack (`rules show`) that was changed but kept its
/// `name` and `version`: every result it gives would be stamped as the
/// built-in pack's, which a reader of a decision record trusts. Kept as a
/// person reads them: `"aurora-vs-dynamodb "` or another case is no name
/// of its own.
fn builtin_identity(pack: &Pack) -> Option<Finding> {
    let builtin = Pack::embedded().ok()?;
    if as_seen(&pack.name) != as_seen(&builtin.name)
        || as_seen(&pack.version) != as_seen(&builtin.version)
    {
        return None;
    }
    // The content, not the layout: `Debug` leaves out where items are.
    let content = |p: &Pack| {
        format!(
            "{:?}",
            (
                &p.title,
                &p.candidates,
                &p.axes,
                &p.fields,
                &p.rules,
                &p.vetoes,
                &p.cautions,
                &p.examples,
                &p.tests
            )
        )
    };
    (content(pack) != content(&builtin)).then(|| Finding {
        kind: "builtin-identity",
        place: "name".into(),
        message: format!(
            "the pack differs from the built-in pack but keeps its name and version \
             ({} {}), so its results would be stamped as the built-in pack's; \
             give it a `name` and `version` of its own (and a `title`)",
            builtin.name, builtin.version
        ),
        line: pack
            .lines
            .0
            .get(&("name".to_owned(), String::new()))
            .and_then(|lines| lines.first())
            .copied(),
    })
}

/// Calls `visit` with every combination of probe values of `fields`;
/// stops early when `visit` returns false. `None` when there are too many.
/// With `every_option`, a choice field takes all its options, not only
/// those `conditions` tell apart ([`local_probes`]): a truth table keyed by
/// the answers is then the same for two conditions true for the same ones.
fn for_each_assignment(
    pack: &Pack,
    conditions: &[&Condition],
    fields: &[usize],
    every_option: bool,
    mut visit: impl FnMut(&dyn Fn(usize) -> Option<Value>) -> bool,
) -> Option<()> {
    let probes: Vec<Vec<Value>> = fields
        .iter()
        .map(|&f| match pack.fields[f].kind {
            FieldKind::Choice(_) if every_option => probe_values(pack, f),
            _ => local_probes(pack, conditions, f),
        })
        .collect();
    let total = probes
        .iter()
        .try_fold(1usize, |acc, p| acc.checked_mul(p.len().max(1)))?;
    if total > MAX_COMBINATIONS {
        return None;
    }
    let mut index = vec![0usize; fields.len()];
    loop {
        let answer = |f: usize| {
            fields
                .iter()
                .position(|&x| x == f)
                .and_then(|i| probes[i].get(index[i]).copied())
        };
        if !visit(&answer) {
            return Some(());
        }
        // Next combination, like an odometer.
        let mut i = 0;
        loop {
            if i == fields.len() {
                return Some(());
            }
            index[i] += 1;
            if index[i] < probes[i].len() {
                break;
            }
            index[i] = 0;
            i += 1;
        }
    }
}

/// The values worth trying for `field` when only `conditions` matter: the
/// options they name and one of those they do not (options none of them
/// names are alike to every one of them), both booleans, or one number per
/// region of *their* constants (a condition's truth only changes at its own
/// constants). Exhaustive, and small.
fn local_probes(pack: &Pack, conditions: &[&Condition], field: usize) -> Vec<Value> {
    let spec = match &pack.fields[field].kind {
        FieldKind::Number(spec) => spec,
        FieldKind::Choice(options) => {
            let mut named = vec![false; options.len()];
            for condition in conditions {
                condition.for_each_leaf(&mut |leaf| match leaf {
                    Condition::Is {
                        field: f,
                        value: Value::Choice(i),
                    } if *f == field => named[*i] = true,
                    Condition::In { field: f, options } if *f == field => {
                        options.iter().for_each(|&i| named[i] = true);
                    }
                    _ => {}
                });
            }
            let other = named.iter().position(|n| !n);
            return (0..options.len())
                .filter(|&i| named[i] || Some(i) == other)
                .map(Value::Choice)
                .collect();
        }
        FieldKind::Bool => return probe_values(pack, field),
    };
    let mut thresholds = Vec::new();
    for condition in conditions {
        condition.for_each_leaf(&mut |leaf| match leaf {
            Condition::Compare {
                field: f, value, ..
            }
            | Condition::Is {
                field: f,
                value: Value::Number(value),
            } if *f == field => thresholds.push(*value),
            _ => {}
        });
    }
    thresholds.sort_by(f64::total_cmp);
    thresholds.dedup();
    let local = NumberSpec {
        thresholds,
        ..spec.clone()
    };
    numeric_probes(&local)
        .into_iter()
        .map(Value::Number)
        .collect()
}

/// A canonical description of when a condition is true, equal for two
/// conditions exactly when they are true for the same answers: for choice
/// and yes/no fields the truth of every combination; for one number field,
/// the points where the truth changes. `None` for conditions too large to
/// tabulate or mixing a number with other fields.
fn truth_table(pack: &Pack, when: &Condition) -> Option<String> {
    use std::fmt::Write as _;
    let fields = when.fields();
    let numeric: Vec<usize> = fields
        .iter()
        .copied()
        .filter(|&f| matches!(pack.fields[f].kind, FieldKind::Number(_)))
        .collect();
    let mut table = String::new();
    match numeric.as_slice() {
        [] => {
            for_each_assignment(pack, &[when], &fields, true, |answer| {
                let key: Vec<Option<Value>> = fields.iter().map(|&f| answer(f)).collect();
                let _ = write!(table, "{key:?}={};", when.eval_with(answer) == Truth::True);
                true
            })?;
            Some(table)
        }
        [field] if fields.len() == 1 => {
            let probes = local_probes(pack, &[when], *field);
            let truth =
                |v: Value| when.eval_with(&|f: usize| (f == *field).then_some(v)) == Truth::True;
            let truths: Vec<bool> = probes.iter().map(|&v| truth(v)).collect();
            let is_threshold = |v: Value| {
                let mut found = false;
                when.for_each_leaf(&mut |leaf| {
                    if let Condition::Compare { value, .. }
                    | Condition::Is {
                        value: Value::Number(value),
                        ..
                    } = leaf
                    {
                        found |= Value::Number(*value) == v;
                    }
                });
                found
            };
            // The starting truth, then each change: at a threshold (`t=`) or just above it (`t>`).
            let _ = write!(table, "{}", truths.first().copied().unwrap_or(false));
            for i in 1..probes.len() {
                if truths[i] != truths[i - 1] {
                    let (point, side) = if is_threshold(probes[i]) {
                        (probes[i], '=')
                    } else {
                        (probes[i - 1], '>')
                    };
                    let _ = write!(table, ";{point:?}{side}{}", truths[i]);
                }
            }
            Some(table)
        }
        _ => None,
    }
}

/// Whether some answer makes the condition true (`None`: too many to try).
/// The parts of a conjunction that read no field in common are tried apart:
/// the whole holds for some answer exactly when each such group does, so a
/// rule reading many fields is still checked whole, and a contradiction
/// within one field (`gt: 10` and `lt: 5`) is found whatever else it reads.
fn can_fire(pack: &Pack, when: &Condition) -> Option<bool> {
    let mut parts = Vec::new();
    conjuncts(when, &mut parts);
    let mut unknown = false;
    for group in groups_by_field(&parts) {
        let mut fields: Vec<usize> = group.iter().flat_map(|part| part.fields()).collect();
        fields.sort_unstable();
        fields.dedup();
        let mut found = false;
        let tried = for_each_assignment(pack, &group, &fields, false, |answer| {
            found = group
                .iter()
                .all(|part| part.eval_with(answer) == Truth::True);
            !found
        });
        match tried {
            None => unknown = true,
            Some(()) if !found => return Some(false),
            Some(()) => {}
        }
    }
    (!unknown).then_some(true)
}

/// The parts of nested `all`s, flattened.
fn conjuncts<'a>(when: &'a Condition, parts: &mut Vec<&'a Condition>) {
    match when {
        Condition::All(inner) => inner.iter().for_each(|part| conjuncts(part, parts)),
        other => parts.push(other),
    }
}

/// `parts` gathered into groups that share no field with one another.
fn groups_by_field<'a>(parts: &[&'a Condition]) -> Vec<Vec<&'a Condition>> {
    let mut groups: Vec<(Vec<usize>, Vec<&'a Condition>)> = Vec::new();
    for &part in parts {
        let mut fields = part.fields();
        let mut members = vec![part];
        // Every group sharing a field with this part joins it.
        let mut i = 0;
        while i < groups.len() {
            if groups[i].0.iter().any(|f| fields.contains(f)) {
                let (group_fields, group_members) = groups.swap_remove(i);
                fields.extend(group_fields);
                members.extend(group_members);
            } else {
                i += 1;
            }
        }
        fields.sort_unstable();
        fields.dedup();
        groups.push((fields, members));
    }
    groups.into_iter().map(|(_, members)| members).collect()
}

/// How many answer combinations the linter would try for `when` whole (as
/// it must to compare it with another condition), or `None` past `usize`.
fn combinations(pack: &Pack, when: &Condition) -> Option<usize> {
    when.fields().iter().try_fold(1usize, |acc, &f| {
        acc.checked_mul(local_probes(pack, &[when], f).len().max(1))
    })
}

/// The `any:` parts of `when` that can never hold where they stand (the
/// condition taken through that part alone, and through the part of every
/// `any:` around it, can never be true), as paths of part indices from
/// the root; a part inside a dead one is not named again. Parts under a
/// `not:` are left alone: there an `any:` is an "all of them fail".
fn dead_branches(pack: &Pack, when: &Condition) -> Vec<Vec<usize>> {
    /// Every way through an `any:` part: its path, and the condition with
    /// each `any:` on the way reduced to the part taken.
    fn routes(c: &Condition, path: &mut Vec<usize>, out: &mut Vec<(Vec<usize>, Condition)>) {
        match c {
            Condition::Any(parts) => {
                for (i, part) in parts.iter().enumerate() {
                    path.push(i);
                    out.push((path.clone(), part.clone()));
                    let mut inner = Vec::new();
                    routes(part, path, &mut inner);
                    out.extend(inner);
                    path.pop();
                }
            }
            Condition::All(parts) => {
                for (i, part) in parts.iter().enumerate() {
                    path.push(i);
                    let mut inner = Vec::new();
                    routes(part, path, &mut inner);
                    for (p, sub) in inner {
                        let mut whole = parts.clone();
                        whole[i] = sub;
                        out.push((p, Condition::All(whole)));
                    }
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    routes(when, &mut Vec::new(), &mut found);
    let mut dead: Vec<Vec<usize>> = Vec::new();
    for (path, through) in found {
        // Routes come outer part first, so a dead outer part is known.
        if dead.iter().any(|d| path.starts_with(d)) {
            continue;
        }
        if can_fire(pack, &through) == Some(false) {
            dead.push(path);
        }
    }
    dead
}

/// How a finding names the `any:` part at `path` in `when`: `` `any:`
/// part 2``, after the parts around it when it is nested (`` `all:` part
/// 3 › `any:` part 2``).
fn branch_name(when: &Condition, path: &[usize]) -> String {
    let mut steps = Vec::new();
    let mut node = when;
    for &i in path {
        let (kind, parts) = match node {
            Condition::All(parts) => ("all", parts),
            Condition::Any(parts) => ("any", parts),
            _ => break,
        };
        steps.push(format!("`{kind}:` part {}", i + 1));
        node = &parts[i];
    }
    format!("its {}", steps.join(" › "))
}

/// `when` without the `any:` parts at `dead` (paths as [`dead_branches`]
/// gives them); `path` is where `when` stands.
fn without_branches(when: &Condition, dead: &[Vec<usize>], path: &mut Vec<usize>) -> Condition {
    let kept = |parts: &[Condition], path: &mut Vec<usize>, drop: bool| {
        let mut out = Vec::new();
        for (i, part) in parts.iter().enumerate() {
            path.push(i);
            if !(drop && dead.contains(path)) {
                out.push(without_branches(part, dead, path));
            }
            path.pop();
        }
        out
    };
    match when {
        Condition::Any(parts) => Condition::Any(kept(parts, path, true)),
        Condition::All(parts) => Condition::All(kept(parts, path, false)),
        other => other.clone(),
    }
}

/// Whether two conditions are true for exactly the same answers.
fn equivalent(pack: &Pack, a: &Condition, b: &Condition) -> Option<bool> {
    if a == b {
        return Some(true);
    }
    let mut fields = a.fields();
    fields.extend(b.fields());
    fields.sort_unstable();
    fields.dedup();
    let mut same = true;
    for_each_assignment(pack, &[a, b], &fields, false, |answer| {
        same = (a.eval_with(answer) == Truth::True) == (b.eval_with(answer) == Truth::True);
        same
    })?;
    Some(same)
}

/// A comparison of a condition, outside `not`, that no answer in its
/// field's range can meet (`gt: 200000` on a field of at most 100,000), in
/// words: the usual reason a rule never fires is a threshold in the wrong
/// unit or beyond the range, which the general message does not name.
fn out_of_range(pack: &Pack, when: &Condition) -> Option<String> {
    use crate::engine::Comparison;
    use crate::number::Grouped;
    match when {
        Condition::All(parts) | Condition::Any(parts) => {
            parts.iter().find_map(|p| out_of_range(pack, p))
        }
        Condition::Compare { .. } | Condition::Is { .. } => {
            let (field, key, v) = match when {
                Condition::Compare { field, op, value } => (*field, op.key(), *value),
                Condition::Is {
                    field,
                    value: crate::workload::Value::Number(value),
                } => (*field, "is", *value),
                _ => return None,
            };
            let FieldKind::Number(spec) = &pack.fields[field].kind else {
                return None;
            };
            let (min, max) = (spec.min, spec.max);
            let above_min = min < v || (min == v && !spec.min_exclusive);
            let possible = match when {
                Condition::Compare { op, .. } => match op {
                    Comparison::Gt => max > v,
                    Comparison::Gte => max >= v,
                    Comparison::Lt => min < v,
                    Comparison::Lte => above_min,
                },
                _ => above_min && v <= max,
            };
            let id = &pack.fields[field].id;
            let accepts = if spec.min_exclusive {
                format!("above {} up to {}", Grouped(min), Grouped(max))
            } else {
                format!("{} to {}", Grouped(min), Grouped(max))
            };
            (!possible).then(|| {
                format!(
                    "`{key}: {}` never holds, as `{id}` accepts {accepts}",
                    Grouped(v)
                )
            })
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "name: t\nversion: '1'\ncandidates: [{id: a, name: A}, {id: b, name: B}]\n\
        axes: [{id: x, title: X}, {id: y, title: Y}]\n\
        fields:\n  - {id: n, axis: x, type: number, question: N?}\n  - {id: c, axis: x, type: choice, question: C?, options: [{id: p, label: P}, {id: q, label: Q}]}\n  - {id: unused, axis: x, type: bool, question: U?}\n";

    #[test]
    fn finds_contradictions_double_counting_unread_fields_and_bare_axes() {
        let yaml = format!(
            "{HEADER}rules:\n\
             - {{id: never, axis: x, candidate: a, points: 1, when: {{all: [{{field: n, gt: 10}}, {{field: n, lt: 5}}]}}, because: b, source: s}}\n\
             - {{id: never-either, axis: x, candidate: a, points: 1, when: {{all: [{{field: n, gt: 20}}, {{field: n, lt: 2}}]}}, because: b, source: s}}\n\
             - {{id: one, axis: x, candidate: b, points: 1, when: {{field: c, is: p}}, because: b, source: s}}\n\
             - {{id: two, axis: x, candidate: b, points: 1, when: {{field: c, in: [p]}}, because: b, source: s}}\n\
             - {{id: fine, axis: x, candidate: a, points: 1, when: {{field: n, gte: 10}}, because: b, source: s}}\n"
        );
        let pack = Pack::load(&yaml, "t").unwrap();
        let report = lint(&pack);
        let kinds: Vec<(&str, &str)> = report
            .findings
            .iter()
            .map(|f| (f.kind, f.place.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                ("never-fires", "rule `never`"),
                // Not also double counting with `never`: neither counts anything.
                ("never-fires", "rule `never-either`"),
                ("double-counting", "rule `two`"),
                ("unread-field", "field `unused`"),
                ("axis-without-rules", "axis `y`"),
                ("axis-without-rules", "axis `y`"),
            ]
        );
        assert_eq!(report.coverage(), 0.0, "no examples or tests");
    }

    /// A rule reading fields of many answers each: a contradiction within
    /// one field is still found, and what cannot be tried is said.
    #[test]
    fn conditions_too_large_to_try_whole_are_split_or_said() {
        let many = |field: &str| {
            let parts: Vec<String> = (1..=600)
                .map(|i| format!("{{field: {field}, gt: {i}}}"))
                .collect();
            format!("{{any: [{}]}}", parts.join(", "))
        };
        let (m, k) = (many("m"), many("k"));
        let pairs: Vec<String> = (1..=600)
            .map(|i| format!("{{all: [{{field: m, gt: {i}}}, {{field: k, lt: {i}}}]}}"))
            .collect();
        let yaml = format!(
            "{HEADER}  - {{id: m, axis: x, type: number, question: M?}}\n  - {{id: k, axis: x, type: number, question: K?}}\n\
             rules:\n\
             - {{id: never, axis: x, candidate: a, points: 1, when: {{all: [{{field: n, gt: 10}}, {{field: n, lt: 5}}, {m}, {k}]}}, because: b, source: s}}\n\
             - {{id: fires, axis: x, candidate: a, points: 1, when: {{all: [{{field: n, gt: 10}}, {m}, {k}]}}, because: b, source: s}}\n\
             - {{id: joined, axis: y, candidate: b, points: 1, when: {{any: [{}]}}, because: b, source: s}}\n\
             - {{id: plain, axis: y, candidate: a, points: 1, when: {{field: c, is: p}}, because: b, source: s}}\n",
            pairs.join(", ")
        );
        let pack = Pack::load(&yaml, "t").unwrap();
        let report = lint(&pack);
        let found: Vec<(&str, &str, &str)> = report
            .findings
            .iter()
            .filter(|f| f.kind == "never-fires" || f.kind == "not-checked")
            .map(|f| (f.kind, f.place.as_str(), f.message.as_str()))
            .collect();
        assert_eq!(found.len(), 3, "{found:#?}");
        assert_eq!((found[0].0, found[0].1), ("never-fires", "rule `never`"));
        assert_eq!((found[1].0, found[1].1), ("not-checked", "rule `fires`"));
        assert!(
            found[1].2.starts_with("its condition reads 3 fields, whose answers that differ for it make ")
                && found[1].2.contains("whether it double-counts another rule, and whether it holds only where a veto applies, are not checked"),
            "{}",
            found[1].2
        );
        assert_eq!((found[2].0, found[2].1), ("not-checked", "rule `joined`"));
        assert!(
            found[2].2.contains(": whether it can fire at all,"),
            "{}",
            found[2].2
        );
    }

    /// Options a condition does not name are alike to it: three choice
    /// fields of 60 options each make 216,000 combinations, past what is
    /// tried, but a condition naming two or three options of each differs
    /// for 3 × 2 × 2 of them. It was said not checked, and a rule counting
    /// the same answers twice went unseen.
    #[test]
    fn options_a_condition_does_not_name_are_tried_once() {
        let options: Vec<String> = (1..=60)
            .map(|i| format!("{{id: o{i}, label: O{i}}}"))
            .collect();
        let fields: String = ["f", "g", "h"]
            .iter()
            .map(|f| {
                format!(
                    "  - {{id: {f}, axis: x, type: choice, question: {f}?, options: [{}]}}\n",
                    options.join(", ")
                )
            })
            .collect();
        let yaml = format!(
            "{HEADER}{fields}rules:\n\
             - {{id: wide, axis: y, candidate: a, points: 1, when: {{all: [{{field: f, in: [o1, o2]}}, {{field: g, is: o3}}, {{field: h, is: o4}}]}}, because: b, source: s}}\n\
             - {{id: wide-again, axis: y, candidate: a, points: 1, when: {{all: [{{any: [{{field: f, is: o2}}, {{field: f, is: o1}}]}}, {{field: g, in: [o3]}}, {{field: h, is: o4}}]}}, because: b, source: s}}\n\
             - {{id: plain, axis: x, candidate: a, points: 1, when: {{all: [{{field: c, is: p}}, {{field: n, gt: 1}}, {{field: unused, is: true}}]}}, because: b, source: s}}\n"
        );
        let pack = Pack::load(&yaml, "t").unwrap();
        let report = lint(&pack);
        let found: Vec<(&str, &str)> = report
            .findings
            .iter()
            .filter(|f| f.kind != "axis-without-rules")
            .map(|f| (f.kind, f.place.as_str()))
            .collect();
        assert_eq!(
            found,
            [("double-counting", "rule `wide-again`")],
            "{:#?}",
            report.findings
        );
    }

    /// A rule of 0 points fires and changes nothing; an axis of weight 0
    /// counts its rules only when a workload's priorities raise it.
    #[test]
    fn zero_points_and_zero_weights_are_found() {
        let yaml = format!(
            "{HEADER}rules:\n\
             - {{id: nothing, axis: x, candidate: a, points: 0, when: {{field: c, is: p}}, because: b, source: s}}\n\
             - {{id: unweighed, axis: y, candidate: b, points: 2, when: {{field: n, gt: 1}}, because: b, source: s}}\n"
        )
        .replacen("{id: y, title: Y}", "{id: y, title: Y, weight: 0}", 1);
        let pack = Pack::load(&yaml, "t").unwrap();
        let report = lint(&pack);
        let found: Vec<(&str, &str)> = report
            .findings
            .iter()
            .filter(|f| f.kind.starts_with("zero-"))
            .map(|f| (f.kind, f.place.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("zero-points", "rule `nothing`"),
                ("zero-weight", "axis `y`")
            ]
        );
    }

    /// Labels a person cannot tell apart: two options of one field, two
    /// candidates, two axes (case, spacing and zero-width characters aside);
    /// a label shared across fields is fine.
    #[test]
    fn labels_a_person_cannot_tell_apart_are_found() {
        let yaml = "name: t\nversion: '1'\ncandidates:\n  - {id: a, name: Aurora}\n  - {id: b, name: ' aurora'}\n\
            axes:\n  - {id: x, title: Fit}\n  - {id: y, title: Cost}\n  - {id: z, title: FIT}\n\
            fields:\n  - {id: c, axis: x, type: choice, question: C?, options: [{id: p, label: Yes please}, {id: q, label: yes  please}, {id: r, label: No}]}\n\
            \x20 - {id: d, axis: x, type: choice, question: D?, options: [{id: p, label: No}, {id: q, label: Maybe}, {id: s, label: \"May\\u200bbe\"}]}\n\
            rules:\n\
            - {id: r1, axis: x, candidate: a, points: 1, when: {field: c, is: p}, because: b, source: s}\n";
        let pack = Pack::load(yaml, "t").unwrap();
        let same: Vec<String> = lint(&pack)
            .findings
            .into_iter()
            .filter(|f| f.kind == "same-label")
            .map(|f| format!("{} (line {:?}): {}", f.place, f.line, f.message))
            .collect();
        assert_eq!(
            same,
            // In file order.
            [
                "candidate `b` (line Some(5)): has the same name as candidate `a`, so a person cannot tell them apart",
                "axis `z` (line Some(9)): has the same title as axis `x`, so a person cannot tell them apart",
                "field `c` (line Some(11)): options `p` and `q` have the same label, so a person cannot tell them apart",
                "field `d` (line Some(12)): options `q` and `s` have the same label, so a person cannot tell them apart",
            ]
        );
    }

    /// Findings of `kinds` for the pack `yaml`, as "place: message".
    fn found(yaml: &str, kinds: &[&str]) -> Vec<String> {
        let pack = Pack::load(yaml, "t").unwrap();
        lint(&pack)
            .findings
            .into_iter()
            .filter(|f| kinds.contains(&f.kind))
            .map(|f| format!("{}: {}", f.place, f.message))
            .collect()
    }

    #[test]
    fn an_any_part_that_can_never_hold_is_found_and_not_counted() {
        // `hidden` holds exactly where `plain` does: its second part can
        // never hold, nested or beside a part it contradicts.
        let yaml = format!(
            "{HEADER}rules:\n\
             - {{id: plain, axis: x, candidate: a, points: 1, when: {{field: c, is: p}}, because: b, source: s}}\n\
             - {{id: hidden, axis: x, candidate: a, points: 1, when: {{any: [{{field: c, is: p}}, {{all: [{{field: n, gt: 10}}, {{field: n, lt: 5}}]}}]}}, because: b, source: s}}\n\
             - {{id: nested, axis: y, candidate: a, points: 1, when: {{all: [{{field: c, is: p}}, {{any: [{{field: n, gt: 10}}, {{field: c, is: q}}]}}]}}, because: b, source: s}}\n\
             - {{id: fine, axis: y, candidate: b, points: 1, when: {{any: [{{field: c, is: p}}, {{field: n, gt: 10}}]}}, because: b, source: s}}\n\
             - {{id: negated, axis: y, candidate: b, points: 1, when: {{not: {{any: [{{field: c, is: q}}, {{all: [{{field: n, gt: 10}}, {{field: n, lt: 5}}]}}]}}}}, because: b, source: s}}\n"
        );
        assert_eq!(
            found(&yaml, &["dead-branch", "double-counting"]),
            [
                "rule `hidden`: its `any:` part 2 can never hold where it stands, so it never makes the condition true: take it out, or correct it",
                "rule `nested`: its `all:` part 2 › `any:` part 2 can never hold where it stands, so it never makes the condition true: take it out, or correct it",
                "rule `hidden`: has the same condition as rule `plain` for the same candidate and axis, so the points count twice",
            ]
        );
    }

    #[test]
    fn cautions_said_for_the_same_answers_are_found() {
        let yaml = format!(
            "{HEADER}rules:\n\
             - {{id: r, axis: x, candidate: a, points: 1, when: {{field: c, is: p}}, because: b, source: s}}\n\
             - {{id: r2, axis: y, candidate: b, points: 1, when: {{field: n, gt: 1}}, because: b, source: s}}\n\
             cautions:\n\
             - {{id: one, when: {{field: n, gt: 5}}, because: b, source: s}}\n\
             - {{id: same, when: {{not: {{field: n, lte: 5}}}}, because: c, source: s}}\n\
             - {{id: gated, winner: a, when: {{field: n, gt: 5}}, because: d, source: s}}\n\
             - {{id: other, when: {{field: n, gt: 6}}, because: e, source: s}}\n"
        );
        assert_eq!(
            found(&yaml, &["same-caution-condition"]),
            ["caution `same`: has the same condition as caution `one`, so the two are always said together: say both in one, or correct the condition"]
        );
    }

    #[test]
    fn a_number_is_outside_the_range_is_named() {
        let yaml = "name: t\nversion: '1'\ncandidates: [{id: a, name: A}, {id: b, name: B}]\n\
            axes: [{id: x, title: X}]\n\
            fields:\n  - {id: n, axis: x, type: number, question: N?, min: 1, min_exclusive: true, max: 50}\n\
            rules:\n\
            - {id: below, axis: x, candidate: a, points: 1, when: {field: n, is: -1}, because: b, source: s}\n\
            - {id: at-min, axis: x, candidate: a, points: 1, when: {field: n, is: 1}, because: b, source: s}\n\
            - {id: within, axis: x, candidate: b, points: 1, when: {field: n, is: 50}, because: b, source: s}\n";
        let why = "its condition is false for every answer the fields accept";
        assert_eq!(
            found(yaml, &["never-fires"]),
            [
                format!(
                    "rule `below`: {why}: `is: -1` never holds, as `n` accepts above 1 up to 50"
                ),
                format!(
                    "rule `at-min`: {why}: `is: 1` never holds, as `n` accepts above 1 up to 50"
                ),
            ]
        );
    }

    /// A candidate whose only rules on an axis never fire cannot score there
    /// either: the axis finding names it, not only each rule.
    #[test]
    fn an_axis_whose_rules_never_fire_is_bare_too() {
        let yaml = format!(
            "{HEADER}rules:\n\
             - {{id: never, axis: y, candidate: a, points: 1, when: {{all: [{{field: c, is: p}}, {{field: c, is: q}}]}}, because: b, source: s}}\n\
             - {{id: fine, axis: y, candidate: b, points: 1, when: {{field: c, is: p}}, because: b, source: s}}\n\
             - {{id: x-a, axis: x, candidate: a, points: 1, when: {{field: n, gt: 1}}, because: b, source: s}}\n\
             - {{id: x-b, axis: x, candidate: b, points: 1, when: {{field: n, lt: 1}}, because: b, source: s}}\n"
        );
        let pack = Pack::load(&yaml, "t").unwrap();
        let bare: Vec<String> = lint(&pack)
            .findings
            .into_iter()
            .filter(|f| f.kind == "axis-without-rules")
            .map(|f| format!("{}: {}", f.place, f.message))
            .collect();
        assert_eq!(
            bare,
            ["axis `y`: no rule that can fire gives points to `a` on it (its rules here never fire)"]
        );
        // Nor where its only rule fires only where a veto rules it out.
        let yaml = yaml.replacen(
            "{all: [{field: c, is: p}, {field: c, is: q}]}",
            "{field: n, gt: 10}",
            1,
        )
            + "vetoes:\n - {id: v, candidate: a, when: {field: n, gt: 5}, because: b, source: s}\n";
        assert_eq!(
            found(&yaml, &["axis-without-rules"]),
            ["axis `y`: no rule gives points that can help `a` win on it (its rules here fire only where a veto rules it out, or never)"]
        );
    }

    #[test]
    fn numeric_conditions_are_compared_by_meaning() {
        let yaml = format!(
            "{HEADER}rules:\n\
             - {{id: gt5, axis: x, candidate: a, points: 1, when: {{field: n, gt: 5}}, because: b, source: s}}\n\
             - {{id: gte5, axis: x, candidate: a, points: 1, when: {{field: n, gte: 5}}, because: b, source: s}}\n\
             - {{id: not-lte5, axis: x, candidate: a, points: 1, when: {{not: {{field: n, lte: 5}}}}, because: b, source: s}}\n\
             - {{id: gt5-or-gt9, axis: x, candidate: a, points: 1, when: {{any: [{{field: n, gt: 5}}, {{field: n, gt: 9}}]}}, because: b, source: s}}\n"
        );
        let pack = Pack::load(&yaml, "t").unwrap();
        let doubles: Vec<String> = lint(&pack)
            .findings
            .into_iter()
            .filter(|f| f.kind == "double-counting")
            .map(|f| format!("{} {}", f.place, f.message))
            .collect();
        assert_eq!(doubles.len(), 2, "{doubles:?}");
        assert!(doubles[0].starts_with("rule `not-lte5`") && doubles[0].contains("rule `gt5`"));
        assert!(doubles[1].starts_with("rule `gt5-or-gt9`") && doubles[1].contains("rule `gt5`"));
    }

    #[test]
    fn the_embedded_pack_is_clean() {
        let pack = Pack::embedded().unwrap();
        let report = lint(&pack);
        assert!(report.findings.is_empty(), "{:#?}", report.findings);
    }
}
