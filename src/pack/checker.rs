//! Collects a pack's problems, each placed at the line of the item (rule,
//! field, option, condition) it is about, and says an unknown name once with
//! the declaration that likely broke it.

use super::lines::{index_lines, item_path_line, option_lines};
use crate::error::Problem;

/// Counts the items seen so far with each id, for [`Checker::nth_place`].
#[derive(Default)]
pub(super) struct Seen<'a>(std::collections::HashMap<&'a str, usize>);

impl<'a> Seen<'a> {
    /// How many items with `id` came before this one.
    pub(super) fn next(&mut self, id: &'a str) -> usize {
        let count = self.0.entry(id).or_default();
        *count += 1;
        *count - 1
    }
}

/// Whether `c` may be part of an id (`data_shape`, `big-items`).
pub(super) fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

/// Whether `line` holds `name` as a whole word.
pub(super) fn holds_word(line: &str, name: &str) -> bool {
    line.match_indices(name).any(|(at, _)| {
        !line[..at].ends_with(is_word) && !line[at + name.len()..].starts_with(is_word)
    })
}

/// A place "line N, rule `x`" as (N, "rule `x`").
pub(super) fn split_place(place: &str) -> Option<(usize, &str)> {
    let (n, rest) = place.strip_prefix("line ")?.split_once(", ")?;
    Some((n.parse().ok()?, rest))
}

/// Collects problems with the line each named item starts on.
pub(super) struct Checker<'t> {
    /// `(section, key: value)` → the first line it appears on, built in one pass.
    pub(super) lines: std::collections::HashMap<(String, String), Vec<usize>>,
    /// The pack's text, to find a misspelt name inside its item.
    pub(super) text: &'t str,
    /// Where each line of `text` starts: an item's lines are found without
    /// walking every line before them (thousands of problems would make
    /// that quadratic).
    pub(super) line_starts: Vec<usize>,
    pub(super) problems: Vec<Problem>,
    /// The problems that name an unknown field, candidate, axis or option,
    /// as `(index into problems, kind, scope, name)`, the scope being the
    /// field of an option (empty for the other kinds): one misspelt
    /// declaration breaks every reference to it, and
    /// [`Checker::collapse_unknown`] says so once.
    pub(super) unknown: Vec<(usize, &'static str, String, String)>,
    /// Ids given twice, as `(noun, scope, id, line of the copy)`: a copy
    /// whose id was not changed is the likely cause of an unknown id of
    /// that kind (in that field, for an option).
    pub(super) repeated: Vec<(&'static str, String, String, Option<usize>)>,
    /// Fields whose own definition is refused (a choice without options,
    /// min above max): what rules and workloads say of them is not checked,
    /// as every use would be an error too, burying the one cause.
    pub(super) broken: Vec<String>,
    /// Ids refused for their spelling (`région`), as `(kind, scope, id)`:
    /// the likely cause of an unknown id of that kind, as a copy is.
    pub(super) refused: Vec<(&'static str, String, String)>,
}

impl<'t> Checker<'t> {
    pub(super) fn new(text: &'t str) -> Self {
        Checker {
            lines: index_lines(text),
            text,
            line_starts: std::iter::once(0)
                .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                .collect(),
            problems: Vec::new(),
            unknown: Vec::new(),
            repeated: Vec::new(),
            broken: Vec::new(),
            refused: Vec::new(),
        }
    }

    /// `place` ("line N, rule `x`") moved to the line of the item that
    /// holds `name` as a word: a misspelt field or option deep in a rule's
    /// `all:` was placed at the rule's first line, leaving the author to
    /// hunt. Unchanged when the name is not found before the next item.
    pub(super) fn at_name(&self, place: &str, name: &str) -> String {
        self.at_line_where(place, |l| holds_word(l, name))
            .unwrap_or_else(|| place.to_owned())
    }

    /// [`Checker::at_name`] for a condition: the line holding its field and
    /// its operator (`{ field: serverless, in: [true] }`), else its field's.
    pub(super) fn at_condition(&self, place: &str, field: &str, op: &str) -> String {
        let op = format!("{op}:");
        self.at_line_where(place, |l| {
            holds_word(l, field)
                && l.match_indices(&op)
                    .any(|(at, _)| !l[..at].ends_with(is_word))
        })
        .unwrap_or_else(|| self.at_name(place, field))
    }

    /// `place` moved to the first line of its item for which `holds` is
    /// true; `None` when no line before the next item is.
    pub(super) fn at_line_where(
        &self,
        place: &str,
        holds: impl Fn(&str) -> bool,
    ) -> Option<String> {
        let (line, rest) = split_place(place)?;
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let mut lines = self.text[start..]
            .lines()
            .enumerate()
            .map(|(i, l)| (i + line - 1, l));
        let (_, first) = lines.next()?;
        let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
        let item_indent = indent(first);
        // A JSON item is placed at its `"id"` key, which its other keys
        // share the indentation of: it ends where a line is less indented
        // (its `}`). A YAML item is placed at its `-`, or at a flow
        // mapping's `{`, and ends at the next line as little indented.
        let json_key = first.trim_start_matches(' ').starts_with('"');
        for (i, l) in std::iter::once((line - 1, first)).chain(lines) {
            let content = l.trim_start_matches(' ');
            if i >= line
                && !content.is_empty()
                && !content.starts_with('#')
                && (indent(l) < item_indent || (!json_key && indent(l) == item_indent))
            {
                break; // the next item, or the section's end
            }
            if holds(l) {
                return Some(format!("line {}, {rest}", i + 1));
            }
        }
        None
    }

    /// `place` ("line N, example `x`, workload.use_cas") moved to the line
    /// of the key `path` names in that item; unchanged when it is not found.
    pub(super) fn at_path(&self, place: &str, path: &str) -> String {
        split_place(place)
            .and_then(|(line, rest)| {
                Some(format!(
                    "line {}, {rest}",
                    item_path_line(self.text, line, path)?
                ))
            })
            .unwrap_or_else(|| place.to_owned())
    }

    /// `line N, rule `id`` — the line of `- id: <id>` (or `name:`) under a top-level section.
    pub(super) fn place(&self, section: &str, key: &str, id: &str, what: &str) -> String {
        self.nth_place(section, key, id, what, 0)
    }

    /// [`Checker::place`] of the `nth` item (from 0) with this id: with a
    /// duplicated id, each copy's problems are placed at its own line.
    pub(super) fn nth_place(
        &self,
        section: &str,
        key: &str,
        id: &str,
        what: &str,
        nth: usize,
    ) -> String {
        let lines = self.lines_of(section, key, id);
        match lines.get(nth).or(lines.last()) {
            Some(line) => format!("line {line}, {what} `{id}`"),
            None => format!("{what} `{id}`"),
        }
    }

    /// Every line where an item of `section` has `key: id`, in order.
    pub(super) fn lines_of(&self, section: &str, key: &str, id: &str) -> &[usize] {
        self.lines
            .get(&(section.to_owned(), format!("{key}: {id}")))
            .map_or(&[], Vec::as_slice)
    }

    /// Where a duplicated id is: its second occurrence among `sections`
    /// (each with the noun for its items), named by the section it is in,
    /// and the first, so the message points at the copy to fix.
    pub(super) fn duplicate_place(
        &self,
        sections: &[(&str, &str)],
        key: &str,
        id: &str,
    ) -> (String, String) {
        let mut lines: Vec<(usize, &str)> = sections
            .iter()
            .flat_map(|&(section, what)| {
                self.lines_of(section, key, id)
                    .iter()
                    .map(move |&line| (line, what))
            })
            .collect();
        lines.sort_unstable();
        match lines.as_slice() {
            [(first, _), (second, what), ..] => (
                format!("line {second}, {what} `{id}`"),
                format!(" (first at line {first})"),
            ),
            _ => {
                let (section, what) = sections[0];
                (self.place(section, key, id, what), String::new())
            }
        }
    }

    /// A problem for each id of `section` given more than once, at the copy
    /// to fix, naming the first.
    pub(super) fn refuse_duplicates<'a>(
        &mut self,
        section: &str,
        noun: &'static str,
        ids: impl IntoIterator<Item = &'a str>,
    ) {
        for dup in duplicates(ids) {
            let (place, first) = self.duplicate_place(&[(section, noun)], "id", dup);
            self.repeated.push((
                noun,
                String::new(),
                dup.to_owned(),
                split_place(&place).map(|(l, _)| l),
            ));
            self.push(
                place,
                format!("duplicate {noun} id{first}"),
                Some(format!("give each {noun} an id of its own")),
            );
        }
    }

    /// A problem naming an unknown `kind` (`field`, `candidate`, `axis`)
    /// called `name`, remembered for [`Checker::collapse_unknown`].
    pub(super) fn push_unknown(
        &mut self,
        kind: &'static str,
        name: &str,
        place: String,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.unknown
            .push((self.problems.len(), kind, String::new(), name.to_owned()));
        self.push(place, message, help);
    }

    /// A problem naming an unknown option `name` of `field`, remembered
    /// for [`Checker::collapse_unknown`] as [`Checker::push_unknown`] does.
    pub(super) fn push_unknown_option(
        &mut self,
        field: &str,
        name: &str,
        place: String,
        message: impl Into<String>,
        help: Option<String>,
    ) {
        self.unknown.push((
            self.problems.len(),
            "option",
            field.to_owned(),
            name.to_owned(),
        ));
        self.push(place, message, help);
    }

    /// The line of option `id` of `field`, the first if it is given twice.
    pub(super) fn option_line(&self, field: &str, id: &str) -> Option<usize> {
        let field_line = *self.lines_of("fields", "id", field).first()?;
        option_lines(self.text, field_line, id).first().copied()
    }

    /// The line declaring the `kind` (`field`, `option` of field `scope`…)
    /// with `id`, when found.
    pub(super) fn declared_line(&self, kind: &str, scope: &str, id: &str) -> Option<usize> {
        if kind == "option" {
            self.option_line(scope, id)
        } else {
            self.lines_of(section_of(kind), "id", id).first().copied()
        }
    }

    /// Each unknown name said once, at its first line, with the lines of
    /// its other uses: a declaration misspelt, or copied without a new id,
    /// broke every reference to it, and a screenful of the same error (each
    /// suggesting the misspelling) hid the one line to fix. The help then
    /// names that declaration: the copy that repeats an id of this kind, or
    /// the similar id that may be the one misspelt.
    pub(super) fn collapse_unknown<'r>(&mut self, declared: impl Fn(&str, &str) -> Vec<&'r str>) {
        let mut dropped = vec![false; self.problems.len()];
        let mut groups: Vec<(&'static str, String, String, Vec<usize>)> = Vec::new();
        for (index, kind, scope, name) in &self.unknown {
            match groups
                .iter_mut()
                .find(|(k, s, n, _)| k == kind && s == scope && n == name)
            {
                Some((_, _, _, members)) => members.push(*index),
                None => groups.push((kind, scope.clone(), name.clone(), vec![*index])),
            }
        }
        for (kind, scope, name, mut members) in groups {
            members.sort_by_key(|&i| self.problems[i].line());
            let (&kept, rest) = members.split_first().expect("a group has a member");
            let mut others: Vec<usize> = rest
                .iter()
                .filter_map(|&i| self.problems[i].line())
                .collect();
            others.dedup();
            for &i in rest {
                dropped[i] = true;
            }
            let uses = members.len();
            // An option of a field whose id is repeated, declared by one of
            // the copies: the repeated id (said at the copy) is the one
            // thing to fix, and "did you mean `sql`?" for `sql` misled.
            if kind == "option"
                && self
                    .repeated
                    .iter()
                    .any(|(noun, _, id, _)| *noun == "field" && *id == scope)
                && declared(kind, &scope).contains(&name.as_str())
            {
                for &i in &members {
                    dropped[i] = true;
                }
                continue;
            }
            let similar = crate::suggest::did_you_mean(&name, declared(kind, &scope));
            // One use with a similar id is a misspelt use, whatever else
            // is wrong: its own did-you-mean stays.
            let copy = self
                .repeated
                .iter()
                .find(|(noun, of, _, _)| *noun == kind && *of == scope)
                .map(|(_, _, id, line)| (id.clone(), *line))
                .filter(|_| uses > 1 || similar.is_none());
            let misspelt = similar
                .filter(|_| uses > 1)
                .map(|id| (id, self.declared_line(kind, &scope, id)));
            // "option of field `data_shape`": an option id is only known
            // within its field.
            let of = if kind == "option" {
                format!(" of field `{scope}`")
            } else {
                String::new()
            };
            let noun = format!("{kind}{of}");
            // An id refused for its spelling, when no copy explains it and
            // no valid id is like the one used (`Relational` for
            // `relational` is the refused one itself).
            let refused_of_kind =
                |(noun, of, _): &&(&str, String, String)| *noun == kind && *of == scope;
            let refused = match similar {
                Some(like) => self
                    .refused
                    .iter()
                    .filter(refused_of_kind)
                    .find(|(_, _, id)| id == like),
                None => self.refused.iter().find(refused_of_kind),
            }
            .map(|(_, _, id)| id.clone())
            .filter(|_| copy.is_none())
            .map(|id| {
                let line = self.declared_line(kind, &scope, &id);
                (id, line)
            });
            // Either copy may be the one that lost its id: both are named.
            let copy_first = copy.as_ref().and_then(|(id, line)| {
                self.declared_line(kind, &scope, id)
                    .filter(|first| Some(*first) != *line)
            });
            let problem = &mut self.problems[kept];
            if !others.is_empty() {
                const SHOWN: usize = 6;
                let mut list: Vec<String> =
                    others.iter().take(SHOWN).map(ToString::to_string).collect();
                if others.len() > SHOWN {
                    list.push(format!("{} more", others.len() - SHOWN));
                }
                let lines = if others.len() == 1 { "line" } else { "lines" };
                problem.message = format!(
                    "{}; also at {lines} {}",
                    problem.message,
                    crate::estimate::join_and(&list)
                );
            }
            if let Some((id, line)) = refused {
                let at = line.map_or(String::new(), |l| format!(" at line {l}"));
                problem.help = Some(format!(
                    "no {noun} has this id; the id `{id}` of the {kind}{at} is refused (see there): if that {kind} is `{name}`, give it that id"
                ));
                continue;
            }
            match (copy, misspelt) {
                (Some((id, line)), _) => {
                    problem.help = Some(match (copy_first, line) {
                        (Some(first), Some(line)) => format!(
                            "no {noun} has this id; the {kind}s at lines {first} and {line} share the id `{id}`: if one was meant to be `{name}`, give it that id"
                        ),
                        _ => {
                            let at = line.map_or(String::new(), |l| format!(" at line {l}"));
                            format!(
                                "no {noun} has this id; the {kind}{at} repeats the id `{id}`: if it was meant to be `{name}`, give it that id"
                            )
                        }
                    });
                }
                (None, Some((id, line))) => {
                    let at = line.map_or(String::new(), |l| format!(" at line {l}"));
                    problem.help = Some(format!(
                        "did you mean `{id}`? `{name}` is used {uses} times: if the {kind} `{id}`{of}{at} was meant to be `{name}`, rename it there instead"
                    ));
                }
                (None, None) => {}
            }
        }
        let mut index = 0;
        self.problems.retain(|_| {
            index += 1;
            !dropped[index - 1]
        });
        self.unknown.clear();
    }

    pub(super) fn push(&mut self, place: String, message: impl Into<String>, help: Option<String>) {
        self.problems
            .push(Problem::new(place, message).with_optional_help(help));
    }
}

/// The top-level section that declares items of `kind` (`field` → `fields`).
pub(super) fn section_of(kind: &str) -> &'static str {
    match kind {
        "candidate" => "candidates",
        "axis" => "axes",
        _ => "fields",
    }
}

pub(super) fn duplicates<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = std::collections::HashSet::new();
    let mut reported = std::collections::HashSet::new();
    let mut dups = Vec::new();
    for id in ids {
        // A set for the reported ones too: thousands of repeated ids would
        // make a list's `contains` quadratic.
        if !seen.insert(id) && reported.insert(id) {
            dups.push(id);
        }
    }
    dups
}
