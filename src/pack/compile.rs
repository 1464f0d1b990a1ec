//! Compiling a read pack: names resolved to indices, every field, rule,
//! veto, caution, example and test checked, and the limits that keep
//! loading and answering fast.

use super::checker::{duplicates, split_place, Checker, Seen};
use super::lines::{option_lines, top_key_place};
use super::outcomes::expected_cautions;
use super::raw::{RawCondition, RawFieldType, RawPack};
use super::shape::non_text_value;
use super::{
    Axis, Candidate, Caution, ChoiceOption, Field, FieldKind, NumberSpec, Pack, Rule, TestCase,
    Veto, WorkedExample,
};
use crate::engine::{Comparison, Condition};
use crate::raw::Raw;
use crate::suggest;
use crate::workload::{Value, Workload};

/// The most rules, vetoes and cautions a pack may hold, and the most
/// different numbers its conditions may compare one number field with. The
/// analysis works through every range between those numbers for every rule
/// reading the field, so its time grows with their product: 10,000 rules on
/// one field at 1,000 numbers load and answer in about 0.2 s, where 20,000
/// rules each at its own number took 7 s and 470 MB, 60,000 a minute.
pub const MAX_RULES: usize = 10_000;
/// See [`MAX_RULES`].
pub const MAX_NUMBERS_PER_FIELD: usize = 1_000;

/// The most points one rule may give or take: with every rule of a 16 MiB
/// pack and the largest axis weight, totals stay finite.
pub(super) const MAX_POINTS: f64 = 1e6;

/// dbadvisor's own long options on the commands that take field flags
/// (`crate::cli`): a field whose `--flag` is one of these would clash with it.
pub const RESERVED_FLAGS: &[&str] = &[
    "rules",
    "color",
    "help",
    "version",
    "format",
    "explain",
    "batch",
    "input",
    "example",
    "priority",
    "pricing",
    "aurora-acu",
    "average-load",
    "save",
    "no-input",
];

pub(super) fn is_identifier(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

/// The fix for an id that lower case and `separator` for spaces do not
/// mend: the characters it cannot hold named (`è`: an id is ASCII, since
/// it is written in JSON and on command lines, while a name or label may
/// hold any), or the letter it must start with.
pub(super) fn id_fix(mended: &str, separator: char) -> Option<String> {
    let mut refused: Vec<char> = Vec::new();
    for c in mended.chars() {
        let allowed = c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == separator;
        if !allowed && !refused.contains(&c) {
            refused.push(c);
        }
    }
    if refused.is_empty() {
        return mended
            .chars()
            .next()
            .map(|_| "start it with a letter, a to z".to_owned());
    }
    let shown: Vec<String> = refused
        .iter()
        .take(3)
        .map(|c| match c {
            '`' => "the backquote".to_owned(),
            c if c.is_control() || c.is_whitespace() => format!("{:?}", c),
            c => format!("`{c}`"),
        })
        .collect();
    let more = if refused.len() > 3 { " and others" } else { "" };
    Some(format!(
        "remove or replace {}{more}: ids hold only a-z, 0-9{} (they are written in JSON and on command lines); a name, title or label may hold any text",
        crate::estimate::join_with(&shown, "and"),
        if separator == '-' { ", `_` and `-`" } else { " and `_`" },
    ))
}

/// Refuses `id` unless it is an identifier; `kind` and `scope` (the field
/// of an option) remember it for the unknown ids it leaves behind.
pub(super) fn check_id(
    check: &mut Checker,
    place: &str,
    id: &str,
    kind: &'static str,
    scope: &str,
) {
    if !is_identifier(id) {
        check.refused.push((kind, scope.to_owned(), id.to_owned()));
        // `KV-data`, `big items`: the spelling that would do, when there is one.
        let mended: String = id
            .trim()
            .chars()
            .map(|c| match c {
                ' ' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        let help = if is_identifier(&mended) {
            Some(format!("write it `{mended}`"))
        } else {
            id_fix(&mended, '-')
        };
        check.push(
            place.to_owned(),
            format!(
                "id {id:?} must start with a lowercase letter and hold only a-z, 0-9, `_` and `-`"
            ),
            help,
        );
    }
}

pub(super) fn compile_header(raw: &RawPack, check: &mut Checker) -> Pack {
    if raw.name.trim().is_empty() {
        check.push(
            top_key_place(check.text, "name"),
            "the pack needs a name",
            None,
        );
    }
    if raw.title.as_ref().is_some_and(|t| t.trim().is_empty()) {
        check.push(
            top_key_place(check.text, "title"),
            "the pack's title must not be empty",
            Some("leave `title` out to show the pack's name instead".into()),
        );
    }
    if raw.version.trim().is_empty() {
        check.push(
            top_key_place(check.text, "version"),
            "the pack needs a version",
            None,
        );
    } else if let Some(found) = non_text_value(check.text, "version", &raw.version) {
        check.push(
            top_key_place(check.text, "version"),
            format!("expected text or a number, found {found}"),
            Some("put it in quotes if it is meant as text, or give a number such as `1.0`".into()),
        );
    }
    if raw.candidates.len() < 2 {
        check.push(
            top_key_place(check.text, "candidates"),
            format!(
                "a pack needs at least two candidates, found {}",
                raw.candidates.len()
            ),
            Some("a decision is between two candidates or more".into()),
        );
    }
    if raw.axes.is_empty() {
        check.push(
            top_key_place(check.text, "axes"),
            "a pack needs at least one axis",
            None,
        );
    }
    let mut seen = Seen::default();
    for c in &raw.candidates {
        let place = check.nth_place("candidates", "id", &c.id, "candidate", seen.next(&c.id));
        check_id(check, &place, &c.id, "candidate", "");
        check_text(check, &place, "name", &c.name);
    }
    check.refuse_duplicates(
        "candidates",
        "candidate",
        raw.candidates.iter().map(|c| c.id.as_str()),
    );
    let mut seen = Seen::default();
    for a in &raw.axes {
        let place = check.nth_place("axes", "id", &a.id, "axis", seen.next(&a.id));
        check_id(check, &place, &a.id, "axis", "");
        check_text(check, &place, "title", &a.title);
        if let Err(m) = crate::workload::check_weight(a.weight) {
            check.push(place, m, None);
        }
    }
    check.refuse_duplicates("axes", "axis", raw.axes.iter().map(|a| a.id.as_str()));
    Pack {
        name: raw.name.clone(),
        version: raw.version.clone(),
        title: raw.title.clone().unwrap_or_else(|| raw.name.clone()),
        source: raw.source.clone().unwrap_or_default(),
        candidates: raw
            .candidates
            .iter()
            .map(|c| Candidate {
                id: c.id.clone(),
                name: c.name.clone(),
                summary: c.summary.clone(),
            })
            .collect(),
        axes: raw
            .axes
            .iter()
            .map(|a| Axis {
                id: a.id.clone(),
                title: a.title.clone(),
                weight: a.weight,
            })
            .collect(),
        fields: Vec::new(),
        rules: Vec::new(),
        vetoes: Vec::new(),
        cautions: Vec::new(),
        examples: Vec::new(),
        tests: Vec::new(),
        readers: Vec::new(),
        probes: Vec::new(),
        classes: Default::default(),
        lines: Default::default(),
    }
}

pub(super) fn lookup_axis(
    pack: &Pack,
    check: &mut Checker,
    place: &str,
    id: &str,
) -> Option<usize> {
    let found = pack.axis_index(id);
    if found.is_none() {
        check.push_unknown(
            "axis",
            id,
            check.at_name(place, id),
            format!("unknown axis `{id}`"),
            Some(hint_in(id, "axes", pack.axes.iter().map(|a| a.id.as_str()))),
        );
    }
    found
}

/// [`suggest::hint`] among the ids of the pack's `section`, or, when that
/// list is empty (itself refused), where to declare `id`: "expected one
/// of:" nothing, or "nothing to choose from", does not say it.
fn hint_in<'a>(id: &str, section: &str, ids: impl Iterator<Item = &'a str> + Clone) -> String {
    if ids.clone().next().is_none() {
        return format!("the pack's `{section}:` list is empty: declare `{id}` there");
    }
    suggest::hint(id, ids)
}

pub(super) fn lookup_candidate(
    pack: &Pack,
    check: &mut Checker,
    place: &str,
    id: &str,
) -> Option<usize> {
    let found = pack.candidate_index(id);
    if found.is_none() {
        check.push_unknown(
            "candidate",
            id,
            check.at_name(place, id),
            format!("unknown candidate `{id}`"),
            Some(hint_in(
                id,
                "candidates",
                pack.candidates.iter().map(|c| c.id.as_str()),
            )),
        );
    }
    found
}

pub(super) fn compile_fields(raw: &RawPack, pack: &Pack, check: &mut Checker) -> Vec<Field> {
    let mut fields = Vec::new();
    let mut seen = Seen::default();
    for f in &raw.fields {
        let place = check.nth_place("fields", "id", &f.id, "field", seen.next(&f.id));
        if !f.id.starts_with(|c: char| c.is_ascii_lowercase())
            || !f
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            // `my-field`, `Peak Reads`: the spelling that would do, when there is one.
            let mended: String =
                f.id.trim()
                    .chars()
                    .map(|c| match c {
                        ' ' | '-' => '_',
                        c => c.to_ascii_lowercase(),
                    })
                    .collect();
            let valid = mended.starts_with(|c: char| c.is_ascii_lowercase())
                && mended
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            check.refused.push(("field", String::new(), f.id.clone()));
            check.push(
                place.clone(),
                "a field id must start with a lowercase letter and hold only a-z, 0-9 and `_`",
                if valid {
                    Some(format!(
                        "write it `{mended}` (its flag is `--{}`), here and where rules read it",
                        mended.replace('_', "-")
                    ))
                } else {
                    id_fix(&mended, '_')
                },
            );
        }
        if f.id == "priorities" {
            check.push(
                place.clone(),
                "`priorities` is reserved for axis weights",
                None,
            );
        }
        let flag = f.id.replace('_', "-");
        if RESERVED_FLAGS.contains(&flag.as_str()) {
            check.push(
                place.clone(),
                format!("its flag --{flag} clashes with dbadvisor's own --{flag} option"),
                Some(format!("rename the field, e.g. `{}_answer`", f.id)),
            );
        }
        check_text(check, &place, "question", &f.question);
        let axis = lookup_axis(pack, check, &place, &f.axis);
        if f.kind != RawFieldType::Choice && f.options.is_some() {
            check.push(place.clone(), "only choice fields have options", None);
        }
        if f.kind != RawFieldType::Number
            && (f.unit.is_some() || f.min.is_some() || f.max.is_some() || f.min_exclusive.is_some())
        {
            check.push(
                place.clone(),
                "only number fields have unit, min, min_exclusive or max",
                None,
            );
        }
        let kind = match f.kind {
            RawFieldType::Bool => FieldKind::Bool,
            RawFieldType::Choice => {
                let options = f.options.as_deref().unwrap_or_default();
                if options.len() < 2 {
                    check.push(
                        place.clone(),
                        "a choice field needs at least two options",
                        Some("list its answers under `options:`, each as `- { id: …, label: … }`; the rules and workloads that use the field are checked once it has them".into()),
                    );
                    check.broken.push(f.id.clone());
                }
                let mut seen = Seen::default();
                for o in options {
                    let at = format!("{place}, option `{}`", o.id);
                    let before = check.problems.len();
                    let nth = seen.next(&o.id);
                    check_id(check, &at, &o.id, "option", &f.id);
                    check_text(check, &at, "label", &o.label);
                    // Placed at the option's own line, found only for a
                    // problem: a scan per option would be quadratic.
                    if check.problems.len() > before {
                        if let Some((line, rest)) = split_place(&place) {
                            let lines = option_lines(check.text, line, &o.id);
                            if let Some(own) = lines.get(nth).or(lines.last()) {
                                let own = format!("line {own}, {rest}, option `{}`", o.id);
                                for p in &mut check.problems[before..] {
                                    p.place.clone_from(&own);
                                }
                            }
                        }
                    }
                }
                for dup in duplicates(options.iter().map(|o| o.id.as_str())) {
                    // At the repeat's line, naming the first, as for ids.
                    let (at, first) = split_place(&place)
                        .and_then(
                            |(line, rest)| match option_lines(check.text, line, dup)[..] {
                                [first, second, ..] => Some((
                                    format!("line {second}, {rest}"),
                                    format!(" (first at line {first})"),
                                )),
                                _ => None,
                            },
                        )
                        .unwrap_or_else(|| (place.clone(), String::new()));
                    check.repeated.push((
                        "option",
                        f.id.clone(),
                        dup.to_owned(),
                        split_place(&at).map(|(l, _)| l),
                    ));
                    check.push(
                        at,
                        format!("duplicate option `{dup}`{first}"),
                        Some("give each option of a field an id of its own".into()),
                    );
                }
                FieldKind::Choice(
                    options
                        .iter()
                        .map(|o| ChoiceOption {
                            id: o.id.clone(),
                            label: o.label.clone(),
                        })
                        .collect(),
                )
            }
            RawFieldType::Number => {
                let min = f.min.unwrap_or(0.0);
                let max = f.max.unwrap_or(MAX_NUMBER_BOUND);
                let exclusive = f.min_exclusive.unwrap_or(false);
                if !min.is_finite() || !max.is_finite() || min > max {
                    // With the values, and which of them was left out.
                    let said = |value: Option<f64>, default: f64| match value {
                        Some(v) => crate::number::format_grouped(v),
                        None => format!("{} (not given)", crate::number::format_grouped(default)),
                    };
                    check.push(
                        place.clone(),
                        format!(
                            "min and max must be finite with min ≤ max; min is {}, max is {}",
                            said(f.min, 0.0),
                            said(f.max, MAX_NUMBER_BOUND)
                        ),
                        Some("the rules and workloads that use the field are checked once its range holds an answer".into()),
                    );
                    check.broken.push(f.id.clone());
                } else if min.abs() > MAX_NUMBER_BOUND || max.abs() > MAX_NUMBER_BOUND {
                    check.push(
                        place.clone(),
                        format!(
                            "min and max must lie within ±{}: beyond it a cost estimate could overflow",
                            crate::number::format_grouped(MAX_NUMBER_BOUND)
                        ),
                        Some("choose a larger unit (TB rather than GB) for larger figures".to_owned()),
                    );
                } else if exclusive && min == max {
                    check.push(
                        place.clone(),
                        "no answer is accepted: min_exclusive refuses min, which is also max",
                        Some("raise max above min, or drop min_exclusive".to_owned()),
                    );
                    check.broken.push(f.id.clone());
                }
                FieldKind::Number(NumberSpec {
                    min,
                    min_exclusive: exclusive,
                    max,
                    unit: f.unit.clone().unwrap_or_default(),
                    thresholds: Vec::new(),
                })
            }
        };
        fields.push(Field {
            id: f.id.clone(),
            axis: axis.unwrap_or(0),
            question: f.question.clone(),
            help: f.help.clone(),
            kind,
        });
    }
    check.refuse_duplicates("fields", "field", raw.fields.iter().map(|f| f.id.as_str()));
    fields
}

pub(super) fn compile_rules(raw: &RawPack, pack: &Pack, check: &mut Checker) -> Vec<Rule> {
    let mut rules = Vec::new();
    let mut seen = Seen::default();
    for r in &raw.rules {
        let place = check.nth_place("rules", "id", &r.id, "rule", seen.next(&r.id));
        check_id(check, &place, &r.id, "rule", "");
        let axis = lookup_axis(pack, check, &place, &r.axis);
        let candidate = lookup_candidate(pack, check, &place, &r.candidate);
        if !r.points.is_finite() {
            check.push(place.clone(), "points must be a finite number", None);
        } else if r.points.abs() > MAX_POINTS {
            // Beyond this, a few rules times an axis weight overflow to infinity.
            check.push(
                place.clone(),
                format!(
                    "points {} are outside -1,000,000 to 1,000,000",
                    crate::number::format(r.points)
                ),
                None,
            );
        }
        check_text(check, &place, "because", &r.because);
        check_text(check, &place, "source", &r.source);
        let when = compile_condition(pack_fields(pack), &r.when, &place, check);
        if let (Some(axis), Some(candidate), Some(when)) = (axis, candidate, when) {
            rules.push(Rule {
                id: r.id.clone(),
                axis,
                candidate,
                points: r.points,
                when,
                because: r.because.clone(),
                source: r.source.clone(),
            });
        }
    }
    rules
}

pub(super) fn compile_vetoes(raw: &RawPack, pack: &Pack, check: &mut Checker) -> Vec<Veto> {
    let mut vetoes = Vec::new();
    let mut seen = Seen::default();
    for v in &raw.vetoes {
        let place = check.nth_place("vetoes", "id", &v.id, "veto", seen.next(&v.id));
        check_id(check, &place, &v.id, "veto", "");
        let candidate = lookup_candidate(pack, check, &place, &v.candidate);
        check_text(check, &place, "because", &v.because);
        check_text(check, &place, "source", &v.source);
        let when = compile_condition(pack_fields(pack), &v.when, &place, check);
        if let (Some(candidate), Some(when)) = (candidate, when) {
            vetoes.push(Veto {
                id: v.id.clone(),
                candidate,
                when,
                because: v.because.clone(),
                source: v.source.clone(),
            });
        }
    }
    vetoes
}

pub(super) fn compile_cautions(raw: &RawPack, pack: &Pack, check: &mut Checker) -> Vec<Caution> {
    let mut cautions = Vec::new();
    let mut seen = Seen::default();
    for c in &raw.cautions {
        let place = check.nth_place("cautions", "id", &c.id, "caution", seen.next(&c.id));
        check_id(check, &place, &c.id, "caution", "");
        check_text(check, &place, "because", &c.because);
        check_text(check, &place, "source", &c.source);
        // `Some(None)`: not given (said whichever wins; no limit);
        // `None`: an unknown candidate.
        let mut optional = |id: &Option<String>| match id {
            Some(id) => lookup_candidate(pack, check, &place, id).map(Some),
            None => Some(None),
        };
        let winner = optional(&c.winner);
        let limit_of = optional(&c.limit_of);
        let when = compile_condition(pack_fields(pack), &c.when, &place, check);
        if let (Some(winner), Some(limit_of), Some(when)) = (winner, limit_of, when) {
            cautions.push(Caution {
                id: c.id.clone(),
                winner,
                limit_of,
                when,
                because: c.because.clone(),
                source: c.source.clone(),
            });
        }
    }
    cautions
}

/// Rules, vetoes and cautions share one namespace: results and `rules
/// check` cite them by id alone.
pub(super) fn check_unique_rule_ids(raw: &RawPack, check: &mut Checker) {
    const SECTIONS: [(&str, &str); 3] = [
        ("rules", "rule"),
        ("vetoes", "veto"),
        ("cautions", "caution"),
    ];
    // Which sections hold each id (bit i: SECTIONS[i]), built once.
    let mut held: std::collections::HashMap<&str, u8> = std::collections::HashMap::new();
    let lists = [
        raw.rules.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        raw.vetoes.iter().map(|v| v.id.as_str()).collect(),
        raw.cautions.iter().map(|c| c.id.as_str()).collect(),
    ];
    for (bit, list) in lists.iter().enumerate() {
        for id in list {
            *held.entry(id).or_default() |= 1 << bit;
        }
    }
    for dup in duplicates(lists.iter().flatten().copied()) {
        // Only the sections holding it: when the copies have no line of
        // their own (a YAML alias), the place names the right kind of item.
        let bits = held.get(dup).copied().unwrap_or(0);
        let holding: Vec<(&str, &str)> = SECTIONS
            .into_iter()
            .enumerate()
            .filter(|(bit, _)| bits & (1 << bit) != 0)
            .map(|(_, section)| section)
            .collect();
        let (place, first) = check.duplicate_place(&holding, "id", dup);
        check.push(
            place,
            format!("duplicate id among rules, vetoes and cautions{first}"),
            Some("give each rule, veto and caution an id of its own".into()),
        );
    }
}

pub(super) fn check_text(check: &mut Checker, place: &str, key: &str, text: &str) {
    // Zero-width characters alone show nothing either.
    let invisible = |c: char| {
        c.is_whitespace() || matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}')
    };
    if text.chars().all(invisible) {
        check.push(place.to_owned(), format!("`{key}` must not be empty"), None);
    }
}

/// The fields compiled so far (they are set on the pack before rules).
pub(super) fn pack_fields(pack: &Pack) -> &[Field] {
    &pack.fields
}

pub(super) fn compile_condition(
    fields: &[Field],
    raw: &RawCondition,
    place: &str,
    check: &mut Checker,
) -> Option<Condition> {
    let ops: Vec<&str> = [
        ("is", raw.is.is_some()),
        ("in", raw.one_of.is_some()),
        ("gt", raw.gt.is_some()),
        ("gte", raw.gte.is_some()),
        ("lt", raw.lt.is_some()),
        ("lte", raw.lte.is_some()),
        ("all", raw.all.is_some()),
        ("any", raw.any.is_some()),
        ("not", raw.not.is_some()),
    ]
    .into_iter()
    .filter(|(_, present)| *present)
    .map(|(name, _)| name)
    .collect();
    // The shape of the condition is the `when:` line's to fix.
    let at_when = || check.at_path(place, "when");
    let op = match ops.as_slice() {
        [op] => *op,
        [] => {
            check.push(
                at_when(),
                "condition has no operator",
                Some("use one of: is, in, gt, gte, lt, lte, all, any, not".into()),
            );
            return None;
        }
        several => {
            check.push(
                at_when(),
                format!("condition has several operators ({})", several.join(", ")),
                Some("combine several tests with `all: [...]`".into()),
            );
            return None;
        }
    };
    let combine = |list: &Vec<RawCondition>, check: &mut Checker| -> Option<Vec<Condition>> {
        if list.is_empty() {
            check.push(
                check.at_path(place, "when"),
                format!("`{op}` needs at least one condition"),
                None,
            );
            return None;
        }
        let parts: Vec<Option<Condition>> = list
            .iter()
            .map(|c| compile_condition(fields, c, place, check))
            .collect();
        parts.into_iter().collect()
    };
    if matches!(op, "all" | "any" | "not") {
        if raw.field.is_some() {
            check.push(
                place.to_owned(),
                format!("`{op}` takes conditions, not a `field`"),
                None,
            );
            return None;
        }
        return match op {
            "all" => combine(raw.all.as_ref()?, check).map(Condition::All),
            "any" => combine(raw.any.as_ref()?, check).map(Condition::Any),
            _ => compile_condition(fields, raw.not.as_deref()?, place, check)
                .map(|c| Condition::Not(Box::new(c))),
        };
    }
    let Some(field_id) = &raw.field else {
        check.push(place.to_owned(), format!("`{op}` needs a `field`"), None);
        return None;
    };
    let Some(index) = fields.iter().position(|f| f.id == *field_id) else {
        check.push_unknown(
            "field",
            field_id,
            check.at_name(place, field_id),
            format!("unknown field `{field_id}`"),
            Some(hint_in(
                field_id,
                "fields",
                fields.iter().map(|f| f.id.as_str()),
            )),
        );
        return None;
    };
    let field = &fields[index];
    if check.broken.contains(&field.id) {
        return None; // its definition is the error to fix
    }
    // A condition deep in an `all:` is found by its field and operator,
    // not left at the rule's first line for the author to hunt.
    // Found only for a problem: the scan of the item's lines costs, and a
    // pack of thousands of rules made it quadratic.
    let item = place;
    let here = |check: &Checker| check.at_condition(item, field_id, op);
    let option = |value: &Raw, check: &mut Checker| -> Option<usize> {
        let FieldKind::Choice(options) = &field.kind else {
            return None;
        };
        let Raw::String(s) = value else {
            check.push(
                here(check),
                format!(
                    "field `{field_id}` takes an option id, found {}",
                    value.kind()
                ),
                None,
            );
            return None;
        };
        let found = options.iter().position(|o| o.id == *s);
        if found.is_none() {
            check.push_unknown_option(
                field_id,
                s,
                check.at_name(item, s),
                format!("unknown option `{s}` for field `{field_id}`"),
                Some(suggest::hint(s, options.iter().map(|o| o.id.as_str()))),
            );
        }
        found
    };
    match op {
        "is" => {
            let value = raw.is.as_ref()?;
            let compiled = match (&field.kind, value) {
                (FieldKind::Choice(_), v) => option(v, check).map(Value::Choice),
                (FieldKind::Bool, Raw::Bool(b)) => Some(Value::Bool(*b)),
                (FieldKind::Number(_), Raw::Number(n)) if n.is_finite() => Some(Value::Number(*n)),
                (kind, v) => {
                    check.push(
                        here(check),
                        format!(
                            "`is` on {} field `{field_id}` needs {}, found {}",
                            kind.name(),
                            match kind {
                                FieldKind::Bool => "true or false",
                                _ => "a finite number",
                            },
                            v.show()
                        ),
                        is_help(kind, v, field_id),
                    );
                    None
                }
            };
            compiled.map(|value| Condition::Is {
                field: index,
                value,
            })
        }
        "in" => {
            if !matches!(field.kind, FieldKind::Choice(_)) {
                check.push(
                    here(check),
                    format!(
                        "`in` needs a choice field, but `{field_id}` is a {} field",
                        field.kind.name()
                    ),
                    Some(match field.kind {
                        FieldKind::Number(_) => "compare a number with gt, gte, lt or lte".into(),
                        _ => "test a yes/no field with `is: true` or `is: false`".into(),
                    }),
                );
                return None;
            }
            let list = raw.one_of.as_ref()?;
            if list.is_empty() {
                check.push(here(check), "`in` needs at least one option", None);
                return None;
            }
            let options: Vec<Option<usize>> = list.iter().map(|v| option(v, check)).collect();
            let options: Option<Vec<usize>> = options.into_iter().collect();
            options.map(|options| Condition::In {
                field: index,
                options,
            })
        }
        _ => {
            let (comparison, value) = match op {
                "gt" => (Comparison::Gt, raw.gt.as_ref()?),
                "gte" => (Comparison::Gte, raw.gte.as_ref()?),
                "lt" => (Comparison::Lt, raw.lt.as_ref()?),
                _ => (Comparison::Lte, raw.lte.as_ref()?),
            };
            if !matches!(field.kind, FieldKind::Number(_)) {
                check.push(
                    here(check),
                    format!(
                        "numeric comparison `{op}` on {} field `{field_id}`",
                        field.kind.name()
                    ),
                    Some(match field.kind {
                        FieldKind::Choice(_) => "use `is` or `in` with option ids".into(),
                        _ => "use `is: true` or `is: false`".into(),
                    }),
                );
                return None;
            }
            match value {
                Raw::Number(n) if n.is_finite() => Some(Condition::Compare {
                    field: index,
                    op: comparison,
                    value: *n,
                }),
                other => {
                    // `gt: "400"` or `gt: 10_000`: text to YAML.
                    let help = match other {
                        Raw::String(text) => crate::number::meant_by_text(text).map(|n| {
                            format!(
                                "write it as a plain number: `{op}: {}` ({})",
                                crate::number::format(n),
                                crate::number::READ_AS_TEXT
                            )
                        }),
                        _ => None,
                    };
                    check.push(
                        here(check),
                        format!("`{op}` needs a finite number, found {}", other.show()),
                        help,
                    );
                    None
                }
            }
        }
    }
}

/// The fix for an `is` whose value does not fit its field: a bool in quotes
/// (`is: "true"`) is text to YAML; a number written as text likewise; a word
/// on a number field wants a comparison.
fn is_help(kind: &FieldKind, value: &Raw, field_id: &str) -> Option<String> {
    match (kind, value) {
        (FieldKind::Bool, Raw::String(text)) => {
            let word = text.trim().to_ascii_lowercase();
            matches!(word.as_str(), "true" | "false" | "yes" | "no").then(|| {
                let b = matches!(word.as_str(), "true" | "yes");
                if matches!(word.as_str(), "yes" | "no") {
                    // Unquoted too: the flags take yes/no, YAML 1.2 does not.
                    format!("write `is: {b}`: in a pack, yes and no are text (YAML 1.2)")
                } else {
                    format!("write it without quotes: `is: {b}` (in quotes it is text)")
                }
            })
        }
        (FieldKind::Number(_), Raw::String(text)) => {
            Some(match crate::number::meant_by_text(text) {
                Some(n) => format!(
                    "write it as a plain number: `is: {}` ({})",
                    crate::number::format(n),
                    crate::number::READ_AS_TEXT
                ),
                None => format!(
                    "a number field is compared with a number: `is: 100`, or a range with \
                     `gt`, `gte`, `lt` or `lte` (`{{ field: {field_id}, gt: 10000 }}`)"
                ),
            })
        }
        _ => None,
    }
}

/// The widest a number field's `min` and `max` may be (and its `max` when
/// none is given). Answers up to it keep every total and every cost estimate
/// finite: the largest bill, every rate and size at 10^12, is about 10^23.
pub(super) const MAX_NUMBER_BOUND: f64 = 1e12;

pub(super) fn readers(pack: &Pack) -> Vec<super::Readers> {
    let mut readers = vec![super::Readers::default(); pack.fields.len()];
    for (i, rule) in pack.rules.iter().enumerate() {
        for f in rule.when.fields() {
            readers[f].rules.push(i);
        }
    }
    for (i, veto) in pack.vetoes.iter().enumerate() {
        for f in veto.when.fields() {
            readers[f].vetoes.push(i);
        }
    }
    readers
}

/// Checks [`MAX_RULES`] and [`MAX_NUMBERS_PER_FIELD`]: true when the pack
/// is past either (the problems are in `check`).
pub(super) fn too_large(pack: &Pack, check: &mut Checker) -> bool {
    let mut large = false;
    let items = pack.rules.len() + pack.vetoes.len() + pack.cautions.len();
    if items > MAX_RULES {
        large = true;
        check.push(
            "rules".into(),
            format!(
                "the pack holds {} rules, vetoes and cautions; at most {} are read",
                crate::number::format_grouped(items as f64),
                crate::number::format_grouped(MAX_RULES as f64)
            ),
            Some(
                "split it into packs for narrower questions, or merge rules that say the same"
                    .into(),
            ),
        );
    }
    for field in &pack.fields {
        if let FieldKind::Number(spec) = &field.kind {
            if spec.thresholds.len() > MAX_NUMBERS_PER_FIELD {
                large = true;
                check.push(
                    check.place("fields", "id", &field.id, "field"),
                    format!(
                        "its rules and vetoes compare it with {} different numbers; at most {}",
                        crate::number::format_grouped(spec.thresholds.len() as f64),
                        crate::number::format_grouped(MAX_NUMBERS_PER_FIELD as f64)
                    ),
                    Some("the analysis works through every range between them: round the numbers to fewer values".into()),
                );
            }
        }
    }
    large
}

pub(super) fn collect_thresholds(pack: &mut Pack) {
    let mut per_field: Vec<Vec<f64>> = vec![Vec::new(); pack.fields.len()];
    let conditions = pack
        .rules
        .iter()
        .map(|r| &r.when)
        .chain(pack.vetoes.iter().map(|v| &v.when));
    for condition in conditions {
        condition.for_each_leaf(&mut |leaf| match leaf {
            Condition::Compare { field, value, .. }
            | Condition::Is {
                field,
                value: Value::Number(value),
            } => per_field[*field].push(*value),
            _ => {}
        });
    }
    for (field, mut thresholds) in pack.fields.iter_mut().zip(per_field) {
        if let FieldKind::Number(spec) = &mut field.kind {
            thresholds.sort_by(f64::total_cmp);
            thresholds.dedup();
            spec.thresholds = thresholds;
        }
    }
}

pub(super) fn workload_from(
    pack: &Pack,
    raw: &Raw,
    place: &str,
    check: &mut Checker,
) -> Option<Workload> {
    match Workload::from_raw(pack, raw) {
        Ok(w) => Some(w),
        Err(problems) => {
            for p in problems {
                let field = p.place.split(['.', '[']).next().unwrap_or_default();
                if check.broken.iter().any(|b| b == field) {
                    continue; // its definition is the error to fix
                }
                let at = if p.place.is_empty() {
                    format!("{place}, workload")
                } else {
                    format!("{place}, workload.{}", p.place)
                };
                let at = check.at_path(&at, &format!("workload.{}", p.place));
                let option = match raw_value(raw, &p.place) {
                    Some(Raw::String(s)) if p.message.ends_with(" is not an option") => Some(s),
                    _ => None,
                };
                if p.message == "unknown field" && !p.place.contains('.') {
                    check.push_unknown("field", &p.place, at, p.message, p.help);
                } else if let Some(option) = option {
                    check.push_unknown_option(field, option, at, p.message, p.help);
                } else {
                    check.push(at, p.message, p.help);
                }
            }
            None
        }
    }
}

/// The value a workload gives `field`, when `raw` is a mapping that has it.
pub(super) fn raw_value<'r>(raw: &'r Raw, field: &str) -> Option<&'r Raw> {
    match raw {
        Raw::Map(entries) => entries.iter().find(|(k, _)| k == field).map(|(_, v)| v),
        _ => None,
    }
}

pub(super) fn compile_examples(
    raw: &RawPack,
    pack: &Pack,
    check: &mut Checker,
) -> Vec<WorkedExample> {
    let mut examples = Vec::new();
    let mut seen = Seen::default();
    for e in &raw.examples {
        let place = check.nth_place("examples", "id", &e.id, "example", seen.next(&e.id));
        check_id(check, &place, &e.id, "example", "");
        check_text(check, &place, "title", &e.title);
        check_text(check, &place, "text", &e.text);
        let expect = lookup_candidate(pack, check, &place, &e.expect);
        let workload = workload_from(pack, &e.workload, &place, check);
        if let (Some(expect), Some(workload)) = (expect, workload) {
            examples.push(WorkedExample {
                id: e.id.clone(),
                title: e.title.clone(),
                section: e.section.clone(),
                text: e.text.clone(),
                expect,
                workload,
            });
        }
    }
    for dup in duplicates(raw.examples.iter().map(|e| e.id.as_str())) {
        let (place, first) = check.duplicate_place(&[("examples", "example")], "id", dup);
        check.push(
            place,
            format!("duplicate example id{first}"),
            Some("give each example an id of its own".into()),
        );
    }
    examples
}

pub(super) fn compile_tests(raw: &RawPack, pack: &Pack, check: &mut Checker) -> Vec<TestCase> {
    let mut tests = Vec::new();
    // Built once: a pack may have thousands of cautions and test cases.
    let caution_index: std::collections::HashMap<&str, usize> = pack
        .cautions
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut seen = Seen::default();
    for t in &raw.tests {
        let place = check.nth_place("tests", "name", &t.name, "test", seen.next(&t.name));
        check_text(check, &place, "name", &t.name);
        let expect = lookup_candidate(pack, check, &place, &t.expect);
        if let Some(m) = t.min_margin {
            if !m.is_finite() || m < 0.0 {
                check.push(place.clone(), "min_margin must be a number ≥ 0", None);
            }
        }
        let workload = workload_from(pack, &t.workload, &place, check);
        let cautions = t
            .cautions
            .as_ref()
            .map(|ids| expected_cautions(raw, pack, &caution_index, ids, &place, check));
        if let (Some(expect), Some(workload)) = (expect, workload) {
            tests.push(TestCase {
                name: t.name.clone(),
                workload,
                expect,
                min_margin: t.min_margin,
                cautions,
            });
        }
    }
    // A failing test is reported by its name, so two tests with one name
    // would leave the reader guessing which failed.
    for dup in duplicates(raw.tests.iter().map(|t| t.name.as_str())) {
        let (place, first) = check.duplicate_place(&[("tests", "test")], "name", dup);
        check.push(
            place,
            format!("duplicate test name{first}"),
            Some("give each test a name of its own".into()),
        );
    }
    tests
}
