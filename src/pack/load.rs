//! Loading a pack from YAML (or the embedded pack's JSON), in the order its
//! problems are looked for: the text's limits, then its syntax and shape
//! ([`super::shape`], with line and column), then every semantic problem
//! ([`super::compile`]: unknown names with a did-you-mean, type mismatches,
//! duplicate ids), then whether the examples and test cases come out as
//! expected ([`super::outcomes`]), each problem naming the rule, field or
//! example and its line.

use super::checker::Checker;
use super::compile::{
    check_unique_rule_ids, collect_thresholds, compile_cautions, compile_examples, compile_fields,
    compile_header, compile_rules, compile_tests, compile_vetoes, readers, too_large,
};
use super::outcomes::check_outcomes;
use super::raw::RawPack;
use super::shape::{control_characters, shape_problems, too_deep};
use super::Pack;
use crate::error::{plain_words, Error, Problem, Result};

/// Largest pack (or price table) file read: a pack with thousands of rules
/// is well under this.
pub const MAX_PACK_BYTES: usize = 16 * 1024 * 1024;

/// The name errors use for the pack compiled into the binary.
pub const EMBEDDED_NAME: &str = "<embedded rules/aurora-vs-dynamodb.yaml>";

impl Pack {
    /// Parses and validates a pack. `source_name` names it in errors (a path
    /// or [`EMBEDDED_NAME`]). Every problem found is reported at once.
    pub fn load(text: &str, source_name: &str) -> Result<Pack> {
        Pack::load_checking(text, source_name)
            .and_then(|loaded| Pack::outcomes_held(loaded, source_name))
    }

    /// [`Pack::load`], with the worked examples and test cases that do not
    /// come out as they expect returned beside the pack, not as an error:
    /// such a pack is otherwise whole, and `rules check` lints it, since a
    /// finding (a rule that can never fire) may be why one fails.
    pub fn load_checking(text: &str, source_name: &str) -> Result<(Pack, Vec<Problem>)> {
        // A byte-order mark (Windows editors write one) is not content; the
        // YAML reader would lose the key after it.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        // A lone CR (an old Mac editor's line end) ends a line for the YAML
        // reader, and so for its errors' line numbers, but not for the
        // scans that place the rest (`str::lines`): one count for all.
        let unified;
        let text = if text
            .bytes()
            .enumerate()
            .any(|(i, b)| b == b'\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
        {
            unified = text.replace("\r\n", "\n").replace('\r', "\n");
            unified.as_str()
        } else {
            text
        };
        let text = &*crate::input::comment_separators_as_spaces(text);
        let fail = |problems: Vec<Problem>| Error::Pack {
            source_name: source_name.to_owned(),
            problems,
        };
        if crate::error::says_nothing(text) {
            return Err(fail(vec![Problem::new("", "the pack is empty").with_help(
                "start from a copy of the built-in pack (`dbadvisor rules show > my-pack.yaml`), whose comments explain its parts; `dbadvisor rules schema` describes every key",
            )]));
        }
        if let Some(problem) = too_deep(text) {
            return Err(fail(vec![problem]));
        }
        if let Some(problem) = crate::input::raw_control_character(text, 1)
            .or_else(|| crate::yaml_aliases::expand_beyond(text, MAX_PACK_BYTES, 1))
        {
            return Err(fail(vec![problem]));
        }
        let deserializer = serde_yaml::Deserializer::from_str(text);
        let raw: RawPack = serde_path_to_error::deserialize(deserializer).map_err(|e| {
            fail(crate::error::keys_not_fields(in_line_order(
                shape_problems(text, &e),
            )))
        })?;
        let controls = control_characters(text);
        if !controls.is_empty() {
            return Err(fail(controls));
        }
        let zeros = super::shape::non_decimal_numbers(text);
        if !zeros.is_empty() {
            return Err(fail(zeros));
        }
        Pack::compile(&raw, text, source_name)
    }

    /// Parses and validates a pack written as JSON (the build turns the
    /// embedded YAML pack into JSON because it loads several times faster).
    pub fn load_json(text: &str, source_name: &str) -> Result<Pack> {
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let raw: RawPack =
            serde_path_to_error::deserialize(&mut deserializer).map_err(|e| Error::Pack {
                source_name: source_name.to_owned(),
                problems: vec![Problem::new(
                    e.path().to_string(),
                    plain_words(&e.inner().to_string()),
                )],
            })?;
        Pack::compile(&raw, text, source_name)
            .and_then(|loaded| Pack::outcomes_held(loaded, source_name))
    }

    /// The pack of [`Pack::load_checking`], if its worked examples and
    /// test cases all came out as expected; else their problems.
    pub fn outcomes_held((pack, failing): (Pack, Vec<Problem>), source_name: &str) -> Result<Pack> {
        if failing.is_empty() {
            Ok(pack)
        } else {
            Err(Error::Pack {
                source_name: source_name.to_owned(),
                problems: failing,
            })
        }
    }

    /// The pack, and the problems of its examples and tests that fail.
    fn compile(raw: &RawPack, text: &str, source_name: &str) -> Result<(Pack, Vec<Problem>)> {
        let fail = |problems: Vec<Problem>| Error::Pack {
            source_name: source_name.to_owned(),
            problems,
        };
        let mut check = Checker::new(text);
        let mut pack = compile_header(raw, &mut check);
        pack.fields = compile_fields(raw, &pack, &mut check);
        pack.rules = compile_rules(raw, &pack, &mut check);
        pack.vetoes = compile_vetoes(raw, &pack, &mut check);
        pack.cautions = compile_cautions(raw, &pack, &mut check);
        check_unique_rule_ids(raw, &mut check);
        collect_thresholds(&mut pack);
        if too_large(&pack, &mut check) {
            // What follows would take minutes and gigabytes.
            return Err(fail(finish(check, raw)));
        }
        pack.readers = readers(&pack);
        pack.probes = (0..pack.fields.len())
            .map(|f| crate::engine::probe_values(&pack, f))
            .collect();
        pack.classes = crate::engine::analysis::AnswerClasses::new(&pack);
        pack.examples = compile_examples(raw, &pack, &mut check);
        pack.tests = compile_tests(raw, &pack, &mut check);
        if !check.problems.is_empty() {
            return Err(fail(finish(check, raw)));
        }
        check_outcomes(&pack, &mut check);
        let failing = in_line_order(std::mem::take(&mut check.problems));
        pack.lines = super::SourceLines(check.lines);
        Ok((pack, failing))
    }
}

/// The problems found, each unknown name once, in line order.
fn finish(mut check: Checker<'_>, raw: &RawPack) -> Vec<Problem> {
    check.collapse_unknown(|kind, scope| match kind {
        "candidate" => raw.candidates.iter().map(|c| c.id.as_str()).collect(),
        "axis" => raw.axes.iter().map(|a| a.id.as_str()).collect(),
        "option" => raw
            .fields
            .iter()
            .filter(|f| f.id == scope)
            .flat_map(|f| f.options.iter().flatten())
            .map(|o| o.id.as_str())
            .collect(),
        _ => raw.fields.iter().map(|f| f.id.as_str()).collect(),
    });
    in_line_order(check.problems)
}

/// Problems in the order of the lines they name, as a compiler lists them
/// (each round gathers them kind by kind); those without a line keep their
/// order, first.
fn in_line_order(mut problems: Vec<Problem>) -> Vec<Problem> {
    problems.sort_by_key(|p| p.line().unwrap_or(0));
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{lines::find_line, RESERVED_FLAGS};

    #[test]
    fn finds_the_line_of_an_item() {
        let text = "name: x\nrules:\n  - id: a\n    axis: b\n  - { id: \"c\", axis: d }\ntests:\n  - name: a\n";
        assert_eq!(find_line(text, "rules", "id", "a"), Some(3));
        assert_eq!(find_line(text, "rules", "id", "c"), Some(5));
        assert_eq!(find_line(text, "tests", "name", "a"), Some(7));
        assert_eq!(find_line(text, "rules", "id", "zz"), None);
        // A nested item's id is not an item's: an option `serverless` came
        // before the field `serverless` (and `id:` inside a text too).
        for text in [
            "fields:\n  - id: ops\n    options:\n      - { id: serverless, label: S }\n      - id: x\n  - id: serverless\n",
            "fields:\n- id: ops\n  options:\n  - id: serverless\n  help: |\n    - id: serverless\n- type: bool\n  id: serverless\n",
            "{\n  \"fields\": [\n    {\n      \"id\": \"ops\",\n      \"options\": [\n        { \"id\": \"serverless\" }\n      ]\n    },\n    { \"id\": \"serverless\" }\n  ]\n}\n",
        ] {
            // The item's first line (its `-`), whichever key comes first.
            let line = text.lines().count()
                - usize::from(text.starts_with('{')) * 2
                - usize::from(text.contains("type: bool"));
            assert_eq!(find_line(text, "fields", "id", "serverless"), Some(line), "{text}");
        }
        // A flow sequence, two items to a line, nested mappings and a
        // quote inside a plain text among them (the second had no line).
        let text = "candidates: [{ id: a, name: A }, { id: b, name: B }]\nrules: [\n  { id: r1, when: { field: f, is: p }, because: it's t }, { axis: x, \"id\": r2 },\n  { id: 'r3' }\n  ]\n";
        for (section, id, line) in [
            ("candidates", "b", 1),
            ("rules", "r1", 3),
            ("rules", "r2", 3),
            ("rules", "r3", 4),
        ] {
            assert_eq!(find_line(text, section, "id", id), Some(line), "{id}");
        }
        assert_eq!(find_line(text, "rules", "id", "p"), None);
        // A `{` alone, its keys on the lines below (JSON's layout); brackets
        // and a sham item in strings, one across lines and one with `''`.
        let text = "rules: [\n  {\n    \"id\": \"r1\",\n    \"because\": \"see [the\n { id: sham,\n notes]\"\n  },\n  { because: 'it''s :-[ sad', id: r2 }, { id: r3 }\n]\n";
        for (id, line) in [
            ("r1", Some(2)),
            ("r2", Some(8)),
            ("r3", Some(8)),
            ("sham", None),
        ] {
            assert_eq!(find_line(text, "rules", "id", id), line, "{id}");
        }
        // JSON after a YAML comment.
        let text = "# yaml-language-server: $schema=pack.schema.json\n{\n  \"rules\": [\n    { \"id\": \"a\" }\n  ]\n}\n";
        assert_eq!(find_line(text, "rules", "id", "a"), Some(4));
        // A section's key in quotes.
        let text = "\"rules\":\n  - id: a\n'tests':\n  - name: b\n";
        assert_eq!(find_line(text, "rules", "id", "a"), Some(2));
        assert_eq!(find_line(text, "tests", "name", "b"), Some(4));
        // A `-` alone on its line, the item's keys below it: the item is
        // at its `-`.
        let text = "rules:\n  -\n    axis: x\n\n    id: a\n  - # b\n    id: b\n";
        assert_eq!(find_line(text, "rules", "id", "a"), Some(2));
        assert_eq!(find_line(text, "rules", "id", "b"), Some(6));
    }

    fn problems(text: &str) -> Vec<String> {
        match Pack::load(text, "t.yaml") {
            Ok(_) => Vec::new(),
            Err(Error::Pack { problems, .. }) => problems
                .iter()
                .map(|p| format!("{}: {} {:?}", p.place, p.message, p.help))
                .collect(),
            Err(other) => vec![other.to_string()],
        }
    }

    /// Asserts that loading `text` reports a problem containing `needle`.
    fn assert_problem(text: &str, needle: &str) {
        let found = problems(text);
        assert!(
            found.iter().any(|p| p.contains(needle)),
            "{needle}: {found:?}"
        );
    }

    /// Problems come in the order of their lines, whichever check found
    /// them: here a test case written above the rules comes first.
    #[test]
    fn problems_are_listed_in_line_order() {
        let text = std::fs::read_to_string("tests/fixtures/caution-pack.yaml").unwrap();
        let at = text.find("\ntests:\n").unwrap() + 1;
        let (head, tests) = text.split_at(at);
        let rules = head.find("\nrules:\n").unwrap() + 1;
        let moved = format!("{}{tests}{}", &head[..rules], &head[rules..])
            .replacen("expect: red", "expect: redd", 1)
            .replacen("field: size, lt: 10", "field: sise, lt: 10", 1);
        let found = problems(&moved);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("unknown candidate `redd`"), "{found:?}");
        assert!(found[1].contains("unknown field `sise`"), "{found:?}");
    }

    /// A declaration misspelt, or copied without a new id, breaks every
    /// reference to it: said once, at the first, with the other lines and
    /// the declaration to fix, not once per reference (each suggesting the
    /// misspelling).
    #[test]
    fn a_broken_declaration_is_said_once_with_its_uses() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        // Every mention but the declaration is a use (rules, workloads).
        let uses = text.matches("item_size_kb").count() - 1;
        assert!(uses > 5, "{uses}");
        // Misspelt where it is declared.
        let misspelt = text.replacen("  - id: item_size_kb\n", "  - id: item_size_k\n", 1);
        assert_ne!(misspelt, text);
        let found = problems(&misspelt);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("unknown field `item_size_kb`; also at lines ")
                && found[0].contains(&format!("{} more", uses - 1 - 6)),
            "{found:?}"
        );
        let declared = text
            .lines()
            .position(|l| l == "  - id: item_size_kb")
            .unwrap()
            + 1;
        assert!(
            found[0].contains(&format!(
                "did you mean `item_size_k`? `item_size_kb` is used {uses} times: if the field `item_size_k` at line {declared} was meant to be `item_size_kb`, rename it there instead"
            )),
            "{found:?}"
        );
        // A copy of another field's id.
        let copied = text.replacen("  - id: item_size_kb\n", "  - id: data_size_gb\n", 1);
        let found = problems(&copied);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("duplicate field id (first at line "),
            "{found:?}"
        );
        assert!(
            found[0].contains("give each field an id of its own"),
            "{found:?}"
        );
        assert!(
            found[1].contains(&format!(
                "no field has this id; the fields at lines {} and {declared} share the id `data_size_gb`: if one was meant to be `item_size_kb`, give it that id",
                // Either copy may be the one renamed: both are named.
                text.lines().position(|l| l == "  - id: data_size_gb").unwrap() + 1
            )),
            "{found:?}"
        );
        // A field renamed to the id of the one after it: the options of
        // either copy are known (the rules on `team_skills` were said to
        // use unknown options, with "did you mean `sql`?" for `sql`).
        let renamed = text.replacen("  - id: ops_model\n", "  - id: team_skills\n", 1);
        let found = problems(&renamed);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("duplicate field id"), "{found:?}");
        assert!(
            found[1].contains("unknown field `ops_model`")
                && found[1]
                    .contains("share the id `team_skills`: if one was meant to be `ops_model`"),
            "{found:?}"
        );
        // Beside the copy, one misspelt use of another field keeps its own
        // suggestion, not the copy's.
        let both = copied.replacen("field: latency_p99_ms,", "field: latency_p99_m,", 1);
        let found = problems(&both);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(
            found.iter().any(|p| p.contains(
                "unknown field `latency_p99_m` Some(\"did you mean `latency_p99_ms`?\")"
            )),
            "{found:?}"
        );
        // One misspelt reference keeps its own suggestion.
        let once = text.replacen("field: item_size_kb", "field: item_sise_kb", 1);
        let found = problems(&once);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .contains("unknown field `item_sise_kb` Some(\"did you mean `item_size_kb`?\")"),
            "{found:?}"
        );
    }

    /// A field or option whose id is refused for its spelling (`région`)
    /// leaves its uses unknown: they are said once, pointing at it, not at
    /// a list of the other ids.
    #[test]
    fn uses_of_a_refused_id_point_at_it() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let line_of =
            |text: &str, needle: &str| text.lines().position(|l| l == needle).unwrap() + 1;
        let field = text.replacen("  - id: multi_region\n", "  - id: région\n", 1);
        let found = problems(&field);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("remove or replace `é`"), "{found:?}");
        assert!(
            found[1].contains(&format!(
                "no field has this id; the id `région` of the field at line {} is refused (see there): if that field is `multi_region`, give it that id",
                line_of(&field, "  - id: région")
            )),
            "{found:?}"
        );
        let option = text.replacen(
            "      - { id: relational, label:",
            "      - { id: Relational, label:",
            1,
        );
        let found = problems(&option);
        assert_eq!(found.len(), 2, "{found:?}");
        let own = option
            .lines()
            .position(|l| l.contains("id: Relational"))
            .unwrap()
            + 1;
        assert!(
            found[0].starts_with(&format!(
                "line {own}, field `data_shape`, option `Relational`: "
            )) && found[0].contains("write it `relational`"),
            "{found:?}"
        );
        assert!(
            found[1].contains(&format!(
                "no option of field `data_shape` has this id; the id `Relational` of the option at line {own} is refused",
            )),
            "{found:?}"
        );
    }

    /// An option misspelt or copied where its field declares it is said
    /// once too, with its uses in rules and in the examples' and tests'
    /// workloads, and the option line to fix.
    #[test]
    fn a_broken_option_is_said_once_with_its_uses() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let declaration = "      - { id: key_value, label:";
        let declared = text
            .lines()
            .position(|l| l.starts_with(declaration))
            .unwrap()
            + 1;
        let uses = text.matches("key_value").count() - 1;
        assert!(uses > 5, "{uses}");
        let misspelt = text.replacen(declaration, "      - { id: key_valu, label:", 1);
        let found = problems(&misspelt);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("unknown option `key_value` for field `data_shape`; also at lines "),
            "{found:?}"
        );
        assert!(
            found[0].contains(&format!(
                "did you mean `key_valu`? `key_value` is used {uses} times: if the option `key_valu` of field `data_shape` at line {declared} was meant to be `key_value`, rename it there instead"
            )),
            "{found:?}"
        );
        let copied = text.replacen(declaration, "      - { id: document, label:", 1);
        let found = problems(&copied);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("duplicate option `document`"),
            "{found:?}"
        );
        assert!(
            found[1].contains(&format!(
                "no option of field `data_shape` has this id; the options at lines {declared} and {} share the id `document`: if one was meant to be `key_value`, give it that id",
                // The repeat is the later line: the original `document`.
                declared + 1
            )),
            "{found:?}"
        );
        // The same option id unknown in two fields is two problems.
        let two = text
            .replacen(
                "field: data_shape, in: [key_value,",
                "field: data_shape, in: [kv,",
                1,
            )
            .replacen("field: use_case, is: content", "field: use_case, is: kv", 1);
        let found = problems(&two);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(
            found[0].contains("`kv` for field `data_shape`"),
            "{found:?}"
        );
        assert!(found[1].contains("`kv` for field `use_case`"), "{found:?}");
    }

    /// A field whose own definition is refused is the one problem said:
    /// its uses in rules, cautions and workloads are not checked against a
    /// range or options it does not have.
    #[test]
    fn a_refused_field_is_said_without_its_uses() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let at = text.find("  - id: item_size_kb\n").unwrap();
        let range = "    min: 0\n    min_exclusive: true\n    max: 10000000\n";
        let upside_down = format!(
            "{}{}",
            &text[..at],
            text[at..].replacen(range, "    min: 100\n    max: 1\n", 1)
        );
        assert_ne!(upside_down, text);
        let found = problems(&upside_down);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].contains("min is 100, max is 1"), "{found:?}");
        let shape = text.find("  - id: data_shape\n").unwrap();
        let options = shape + text[shape..].find("    options:\n").unwrap();
        let end = options + text[options..].find("\n  - id: ").unwrap() + 1;
        let without = format!("{}{}", &text[..options], &text[end..]);
        let found = problems(&without);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("a choice field needs at least two options"),
            "{found:?}"
        );
    }

    /// A bad condition deep in a rule's `all:` is placed at its own line
    /// (its field and operator), not at the rule's first line; a number in
    /// quotes is told to lose them.
    #[test]
    fn a_bad_condition_is_placed_at_its_own_line() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let caution = "        - { field: consistency, in: [strong, mixed] }\n        - { field: latency_p99_ms, lt: 1 }\n";
        assert_eq!(text.matches(caution).count(), 1);
        let broken = text.replacen(
            caution,
            "        - { field: consistency, gt: 1 }\n        - { field: latency_p99_ms, lt: \"1\" }\n",
            1,
        );
        let line = |needle: &str| broken.lines().position(|l| l.contains(needle)).unwrap() + 1;
        let found = problems(&broken);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(
            found[0],
            format!(
                "line {}, caution `strong-reads-under-1ms`: numeric comparison `gt` on choice field `consistency` Some(\"use `is` or `in` with option ids\")",
                line("{ field: consistency, gt: 1 }")
            )
        );
        assert_eq!(
            found[1],
            format!(
                "line {}, caution `strong-reads-under-1ms`: `lt` needs a finite number, found \"1\" Some(\"write it as a plain number: `lt: 1` (in quotes, or with `_`, a suffix such as k or a leading zero, it is text)\")",
                line("lt: \"1\"")
            )
        );
        // The same lines with a lone CR for each line end (the scans
        // placing a rule counted none of them, and named no line).
        assert_eq!(problems(&broken.replace('\n', "\r")), found);
    }

    /// Mistakes with a known fix get it: another tool's word for a type,
    /// a list of conditions, a candidate on a caution, an id in capitals, a
    /// rule listed as a caution, an alias with no anchor (named).
    #[test]
    fn pack_mistakes_with_a_known_fix_get_it() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let cases = [
            (
                "    type: bool\n",
                "    type: boolean\n",
                "did you mean `bool`?",
            ),
            (
                "    type: number\n",
                "    type: integer\n",
                "did you mean `number`?",
            ),
            (
                "    when: { field: data_shape, is: relational }\n",
                "    when: [{ field: data_shape, is: relational }]\n",
                "write `all: [...]` (each must hold) or `any: [...]` (one must)",
            ),
            (
                "  - id: writes-under-1ms\n",
                "  - id: writes-under-1ms\n    candidate: aurora\n",
                "a caution has no candidate: it changes no score",
            ),
            (
                "  - id: fixed-schema\n",
                "  - id: Fixed-Schema\n",
                "write it `fixed-schema`",
            ),
            (
                "    cautions: [writes-under-1ms]\n",
                "    cautions: [fixed-schema]\n",
                "`fixed-schema` is a rule, not a caution",
            ),
            (
                "    because: ",
                "    because: *because\n    source: x\n    unused: ",
                "unknown anchor `because`",
            ),
            // An id no spelling mends: what to change.
            (
                "  - id: relational-data-fits-tables\n",
                "  - id: règle-1\n",
                "remove or replace `è`: ids hold only a-z, 0-9, `_` and `-`",
            ),
            (
                "  - id: relational-data-fits-tables\n",
                "  - id: 1-rule\n",
                "start it with a letter, a to z",
            ),
            (
                "  - id: multi_region\n",
                "  - id: région\n",
                "remove or replace `é`: ids hold only a-z, 0-9 and `_`",
            ),
            // `limit_of` names a candidate, and needs one.
            (
                "    limit_of: aurora\n",
                "    limit_of: auroa\n",
                "did you mean `aurora`?",
            ),
            (
                "    limit_of: aurora\n",
                "    limit_of: ~\n",
                "or leave `limit_of` out",
            ),
            // YAML 1.2 reads `10_000` as text: the number meant is said.
            (
                "    when: { field: peak_writes_per_sec, gt: 10000 }\n",
                "    when: { field: peak_writes_per_sec, gt: 10_000 }\n",
                "write it as a plain number: `gt: 10000` (in quotes, or with `_`",
            ),
            (
                "    weight: 1\n",
                "    weight: 1_0\n",
                "expected a number, found the text \"1_0\" (in quotes, or with `_`, a suffix such as k or a leading zero, it is text): write it as a plain number, `10`",
            ),
            // Read as 10 by the reader (8 by YAML 1.1 tools), where `gt:
            // 010` is text: refused alike.
            (
                "    weight: 1\n",
                "    weight: 010\n",
                // Named by its item, as serde's problems are.
                "axis `data_model`: `weight` has a number with a leading zero, `010`",
            ),
            (
                "    points: 3\n",
                "    points: 03 # three\n",
                "rule `relational-data-fits-tables`: `points` has a number with a leading zero",
            ),
            (
                "    points: 3\n",
                "    points: 03 # three\n",
                "write it as `points: 3`: this reader",
            ),
            // YAML reads `0x1F` as 31, yet a rule's points refuse it: a
            // bound is refused alike (it was taken as 31 unsaid).
            (
                "    when: { field: peak_writes_per_sec, gt: 10000 }\n",
                "    when: { field: peak_writes_per_sec, gt: 0x2710 }\n",
                "`gt` has a hexadecimal, octal or binary number, `0x2710`",
            ),
            (
                "    when: { field: peak_writes_per_sec, gt: 10000 }\n",
                "    when: { field: peak_writes_per_sec, gt: 0o23420 }\n",
                "write it in decimal, `gt: 10000`",
            ),
        ];
        for (from, to, needle) in cases {
            assert!(text.contains(from), "{from}");
            assert_problem(&text.replacen(from, to, 1), needle);
        }
    }

    /// The pack schema refuses the field ids the reader refuses, so an
    /// editor flags them: the same list, kept in step.
    #[test]
    fn the_schema_reserves_the_ids_the_reader_refuses() {
        let schema: serde_json::Value = serde_json::from_str(super::super::PACK_SCHEMA).unwrap();
        let listed: std::collections::BTreeSet<&str> = schema["properties"]["fields"]["items"]
            ["properties"]["id"]["not"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let reserved: Vec<String> = RESERVED_FLAGS.iter().map(|f| f.replace('-', "_")).collect();
        let refused: std::collections::BTreeSet<&str> = reserved
            .iter()
            .map(String::as_str)
            .chain(["priorities"])
            .collect();
        assert_eq!(listed, refused);
    }

    /// A pack of one candidate, or no axis, is named at its section's line.
    #[test]
    fn too_few_candidates_or_axes_are_placed_at_their_section() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let at = text.find("  - id: dynamodb\n").unwrap();
        let end = at + text[at..].find("\naxes:").unwrap() + 1;
        let one = format!("{}{}", &text[..at], &text[end..]);
        let line = one.lines().position(|l| l == "candidates:").unwrap() + 1;
        assert_problem(
            &one,
            &format!("line {line}, candidates: a pack needs at least two candidates, found 1"),
        );
    }

    /// A text of zero-width characters alone is as empty as a blank one;
    /// Unicode's line and paragraph separators are line breaks, joined
    /// into one line like `\n`.
    #[test]
    fn invisible_texts_are_empty_and_unicode_line_breaks_join() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let at = text.find("    because: ").unwrap();
        let end = at + text[at..].find('\n').unwrap();
        let with =
            |because: &str| format!("{}    because: \"{because}\"{}", &text[..at], &text[end..]);
        assert_problem(&with("\\u200B\\u2060"), "`because` must not be empty");
        let pack = Pack::load(&with("one\\u2028 two\\u2029three"), "t.yaml").unwrap();
        assert_eq!(pack.rules[0].because, "one two three");
    }

    /// YAML's `.inf` in a condition is named as infinity, not as `null`
    /// (JSON's spelling of a number it cannot write).
    #[test]
    fn an_infinite_threshold_is_named_as_one() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let inf = text.replacen("gt: 10000 }", "gt: .inf }", 1);
        assert_problem(&inf, "`gt` needs a finite number, found infinity (.inf)");
        let nan = text.replacen("gt: 10000 }", "gt: .nan }", 1);
        assert_problem(
            &nan,
            "`gt` needs a finite number, found not-a-number (.nan)",
        );
    }

    /// A numeric version is fine beside another top-level problem: not
    /// reported as "expected text" (nor `1.10` misquoted as 1.1).
    #[test]
    fn a_numeric_version_is_no_problem_beside_another() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let line = text.lines().find(|l| l.starts_with("version: ")).unwrap();
        for version in ["1", "1.10"] {
            let broken = text.replacen(line, &format!("version: {version}"), 1) + "foo: 1\n";
            assert_ne!(broken, format!("{text}foo: 1\n"));
            let found = problems(&broken);
            assert!(
                found.iter().any(|p| p.contains("unknown key `foo`")),
                "{found:?}"
            );
            assert_eq!(found.len(), 1, "{version}: {found:?}");
        }
    }

    /// Every missing top-level key is named where the mapping starts, as
    /// serde names the first: not one with a place and the rest without.
    #[test]
    fn every_missing_top_level_key_has_the_same_place() {
        let found = problems("# a comment\n\nname: x\nversion: \"1\"\n");
        for key in ["candidates", "axes", "fields", "rules"] {
            let wanted = format!("line 3, column 1: missing key `{key}`");
            assert!(
                found.iter().any(|p| p.starts_with(&wanted)),
                "{key}: {found:?}"
            );
        }
    }

    /// Problems with the pack's own keys are all listed at once, with the
    /// items' problems, not one per run (serde stops at the first).
    #[test]
    fn every_top_level_problem_is_listed_at_once() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let version = text.lines().find(|l| l.starts_with("version: ")).unwrap();
        let broken = text
            .replacen(&format!("{version}\n"), "", 1)
            .replacen("\ntitle: ", "\nexample: 1\ntitle: [", 1)
            .replacen("\n    points: 3\n", "\n    points: three\n", 1);
        let broken = broken.replacen("title: [Amazon Aurora or Amazon DynamoDB", "title: [1]", 1);
        let found = problems(&broken);
        let has = |needle: &str| found.iter().filter(|p| p.contains(needle)).count();
        assert_eq!(has("missing key `version`"), 1, "{found:?}");
        assert_eq!(has("unknown key `example`"), 1, "{found:?}");
        assert_eq!(has("did you mean `examples`?"), 1, "{found:?}");
        assert_eq!(
            has("title: invalid type: a list, expected text"),
            1,
            "{found:?}"
        );
        assert_eq!(
            has("points: invalid type: string \"three\""),
            1,
            "{found:?}"
        );
        assert_eq!(found.len(), 4, "{found:?}");
    }

    /// With an empty list of axes, each unknown axis says where to declare
    /// it ("there is nothing to choose from" said nothing useful).
    #[test]
    fn an_empty_section_says_where_to_declare_a_name() {
        let text = include_str!("../../tests/fixtures/tiny-pack.yaml").replacen(
            "axes:\n  - { id: fit, title: Fit }\n",
            "axes: []\n",
            1,
        );
        let found = problems(&text);
        assert!(
            found.iter().any(|p| p.contains("unknown axis `fit`")
                && p.contains("the pack's `axes:` list is empty: declare `fit` there")),
            "{found:?}"
        );
    }

    /// A key repeated inside one rule is said beside a problem serde met
    /// first in another rule (it was left out, since the items could not
    /// be read one by one), at the repeat, with its help.
    #[test]
    fn a_key_repeated_in_an_item_is_said_beside_an_earlier_problem() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let broken = text
            .replacen("\n    points: 3\n", "\n    points: 3\n    points: 4\n", 2)
            .replacen(
                "\n    points: 3\n    points: 4\n",
                "\n    points: three\n",
                1,
            );
        let found = problems(&broken);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].contains("points: invalid type"), "{found:?}");
        let repeat = broken.lines().position(|l| l == "    points: 4").unwrap() + 1;
        assert!(
            found[1].starts_with(&format!("line {repeat}, column 5: rules["))
                && found[1].contains("rules[1]: duplicate key `points` (first at line ")
                && found[1].contains("remove one of the two `points` keys"),
            "{found:?}"
        );
    }

    /// Every value of the wrong type is placed at the value, the later ones
    /// too (they were placed at their key, column 5, where serde places the
    /// first at its value, column 13).
    #[test]
    fn each_mistyped_value_is_placed_at_the_value() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let broken = text
            .replacen("\n    points: 3\n", "\n    points: three\n", 1)
            .replacen("\n    points: 3\n", "\n    points: x\n", 1);
        let found = problems(&broken);
        assert_eq!(found.len(), 2, "{found:?}");
        for (problem, value) in found.iter().zip(["three", "x"]) {
            assert!(problem.contains("points: invalid type"), "{problem}");
            let line = broken
                .lines()
                .position(|l| l == format!("    points: {value}"))
                .unwrap()
                + 1;
            assert!(
                problem.starts_with(&format!("line {line}, column 13, ")),
                "{problem}"
            );
        }
    }

    /// YAML reads `name: 123` or `because: true` as a number or a yes/no
    /// value; the schema refuses them, and so does the loader, at the line,
    /// instead of taking the spelling as the text. `version` alone may be a
    /// number, read as written.
    #[test]
    fn a_number_or_yes_no_where_text_belongs_is_refused_at_its_line() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let line_of = |t: &str, needle: &str| t[..t.find(needle).unwrap()].lines().count() + 1;
        let named = text.replacen("name: aurora-vs-dynamodb", "name: 123", 1);
        let found = problems(&named);
        let line = line_of(&named, "name: 123");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!("line {line}, column 7: name: expected text, found a number (123); put it in quotes")),
            "{found:?}"
        );
        let because = text.replacen("    because: ", "    because: true\n    # ", 1);
        assert_problem(
            &because,
            "rules[0].because: expected text, found a yes/no value (true)",
        );
        let unit = text.replacen("unit: writes/s", "unit: 5", 1);
        assert_problem(&unit, ".unit: expected text, found a number (5)");
        let quoted = text.replacen("name: aurora-vs-dynamodb", "name: \"123\"", 1);
        assert_eq!(problems(&quoted), Vec::<String>::new());
        let line = text.lines().find(|l| l.starts_with("version: ")).unwrap();
        let version = text.replacen(line, "version: 1.10", 1);
        assert_eq!(Pack::load(&version, "t.yaml").unwrap().version, "1.10");
    }

    /// A key indented one space too little ends its mapping early, so serde
    /// first sees a missing key; the YAML error further on is what to fix,
    /// and is what is reported, at its own line.
    #[test]
    fn a_syntax_error_after_a_shape_symptom_is_the_one_reported() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        let at = text.find("\n    points: 3\n").expect("a rule worth 3") + 1;
        let line = text[..at].lines().count() + 1;
        let broken = format!("{} {}", &text[..at], &text[at + 2..]);
        let found = problems(&broken);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with(&format!("line {line}, column 4: did not find expected")),
            "{found:?}"
        );
    }

    #[test]
    fn a_field_that_accepts_no_answer_and_a_repeated_veto_id_are_named() {
        let tiny = include_str!("../../tests/fixtures/tiny-pack.yaml");
        let none = tiny.replacen(
            "unit: GB",
            "unit: GB\n    min: 5\n    max: 5\n    min_exclusive: true",
            1,
        );
        assert_problem(&none, "field `size`: no answer is accepted");
        let vetoes = "vetoes:\n  - { id: big-is-red, candidate: red, when: { field: size, gt: 99 }, because: b, source: s }\n";
        assert_problem(
            &format!("{tiny}{vetoes}"),
            "veto `big-is-red`: duplicate id",
        );
        // Vetoes first, then the rule repeating the id: the rule is named.
        let (head, rules) = tiny.split_once("rules:\n").unwrap();
        assert_problem(
            &format!("{head}{vetoes}rules:\n{rules}"),
            "rule `big-is-red`: duplicate id",
        );
        let typo = tiny.replacen("candidate: red,", "candiate: red,", 1);
        assert_problem(&typo, "did you mean `candidate`?");
    }

    /// Names as people write them: with commas (the built-in pack has one),
    /// `#`, quotes and folded blocks. Each used to lose its line.
    #[test]
    fn finds_names_with_commas_quotes_and_blocks() {
        let text = "tests:\n\
                    \x20 - name: mixed shape, multi-region writes # why\n\
                    \x20 - {name: \"flat, no garden\", expect: a}\n\
                    \x20 - name: 'it''s # not a comment'\n\
                    \x20 - name: >-\n\
                    \x20     a folded\n\
                    \x20     name\n\
                    \x20   expect: a\n\
                    \x20 - name: C# app\n\
                    \x20 - name: \"caf\\u00e9\"\n\
                    \x20 - name: tabbed\t# comment\n";
        for (name, line) in [
            ("mixed shape, multi-region writes", 2),
            ("flat, no garden", 3),
            ("it's # not a comment", 4),
            ("a folded name", 5),
            ("C# app", 9),
            ("café", 10),
            ("tabbed", 11),
        ] {
            assert_eq!(find_line(text, "tests", "name", name), Some(line), "{name}");
        }
        // And as the YAML reader reads them.
        let raw: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
        let names: Vec<&str> = raw["tests"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap())
            .collect();
        assert_eq!(
            names,
            [
                "mixed shape, multi-region writes",
                "flat, no garden",
                "it's # not a comment",
                "a folded name",
                "C# app",
                "café",
                "tabbed"
            ]
        );
    }

    /// Each problem's place without its column, which a layout moves.
    fn lines_only(problems: Vec<String>) -> Vec<String> {
        problems
            .into_iter()
            .map(|p| {
                let Some(at) = p.find(", column ") else {
                    return p;
                };
                let digits = p[at + 9..].chars().take_while(char::is_ascii_digit).count();
                format!("{}{}", &p[..at], &p[at + 9 + digits..])
            })
            .collect()
    }

    /// A duplicated option is placed at its own `-`, whatever the layout:
    /// its `id:` after another key, or its keys below a `-` alone (both
    /// were placed at the field's line, or at the field's own `id:`).
    #[test]
    fn a_duplicate_option_is_placed_at_its_own_line() {
        let tiny = std::fs::read_to_string("tests/fixtures/tiny-pack.yaml").unwrap();
        let flow = tiny.replace(
            "{ id: square, label: Square }",
            "{ label: Square, id: round }",
        );
        let bare = tiny.replace("  - id: shape\n", "  -\n    id: shape\n").replace(
            "      - { id: round, label: Round }\n      - { id: square, label: Square }",
            "      -\n        id: shape\n        label: Round\n      -\n        label: Square\n        id: shape",
        );
        for (text, id, first, repeat) in [(flow, "round", 19, 20), (bare, "shape", 20, 23)] {
            let found = problems(&text);
            assert!(
                found[0].starts_with(&format!(
                    "line {repeat}, field `shape`: duplicate option `{id}` (first at line {first})"
                )),
                "{found:?}"
            );
        }
    }

    /// Unicode's line and paragraph separators in a text are no line
    /// breaks to an editor (the YAML reader counted them as ones): a place
    /// the reader gives is counted as the editor's, as the scans' are.
    #[test]
    fn a_line_separator_in_a_text_moves_no_line() {
        let text = std::fs::read_to_string("tests/fixtures/tiny-pack.yaml")
            .unwrap()
            .replace("question: How big?", "question: \"How\u{2029}big?\"")
            .replacen("points: 2,", "source: \"a\u{2028}b\", points: two,", 1)
            .replacen(", source: test }", " }", 1);
        let line = text.lines().position(|l| l.contains("two")).unwrap() + 1;
        let row = text.lines().nth(line - 1).unwrap();
        let column = row[..row.find("two").unwrap()].chars().count() + 1;
        let found = problems(&text);
        assert!(
            found[0].starts_with(&format!(
                "line {line}, column {column}, rule `big-is-red`: rules[0].points: invalid type"
            )),
            "{found:?}"
        );
    }

    /// An anchor or a tag before an item's key or its value, and a key
    /// written explicitly (`? id`), as YAML allows: the item is still found.
    #[test]
    fn finds_an_item_after_an_anchor_a_tag_or_an_explicit_key() {
        let text = "rules:\n  - &a id: a\n    axis: x\n  - axis: y\n    id: !!str b\n  - ? id\n    : c\n  - &d\n    id: &e 'd'\n  - { &f id: !!str e }\nfields:\n  - id: f\n    options:\n      - &o id: !!str kv\n";
        for (id, line) in [("a", 2), ("b", 4), ("c", 6), ("d", 8), ("e", 10)] {
            assert_eq!(find_line(text, "rules", "id", id), Some(line), "{id}");
        }
        assert_eq!(crate::pack::lines::option_lines(text, 12, "kv"), [14]);
    }

    /// A pack written as one flow mapping, its keys plain as YAML allows
    /// (JSON's are quoted): its items are found wherever they start on a
    /// line, and a `{ id: … }` nested in an item is not one.
    #[test]
    fn a_flow_mapping_document_keeps_its_lines() {
        let text = "# A pack as one flow mapping.\n{\n  name: tiny,\n  version: \"0.1\",\n  candidates: [ { id: red, name: Red }, { id: blue, name: Blue } ],\n  axes: [ { id: fit, title: Fit } ],\n  fields: [\n    { id: shape, axis: fit, type: choice, question: \"Shape?\", options: [ { id: size, label: S }, { id: flat, label: F } ] },\n    { id: size, axis: fit, type: number, question: How big? },\n  ],\n  'rules': [\n    { id: big, axis: fit, candidate: red, points: 2,\n      when: { field: sise, gt: 10 }, because: Big., source: test },\n    { id: small, axis: fit, candidate: blue, points: 1, when: { field: sise, lt: 10 }, because: Small., source: test }\n  ]\n}\n";
        for (section, id, line) in [
            ("candidates", "blue", Some(5)),
            ("fields", "size", Some(9)),
            ("rules", "big", Some(12)),
            ("rules", "small", Some(14)),
            ("fields", "flat", None),
        ] {
            assert_eq!(find_line(text, section, "id", id), line, "{id}");
        }
        assert_eq!(
            problems(text),
            ["line 13, rule `big`: unknown field `sise`; also at line 14 Some(\"did you mean `size`? `sise` is used 2 times: if the field `size` at line 9 was meant to be `sise`, rename it there instead\")"]
        );
    }

    /// A document indented as a whole (pasted under another key, or
    /// written so) is the same pack to YAML: its problems are placed at the
    /// same lines (the columns moved with the text).
    #[test]
    fn an_indented_document_keeps_its_lines() {
        let text = include_str!("../../rules/aurora-vs-dynamodb.yaml");
        for broken in [
            // An unknown field, used three times.
            text.replace(
                "field: multi_region, is: active_active }",
                "field: multi_regio, is: active_active }",
            ),
            // Mistyped values in two rules, an unknown top-level key.
            text.replacen("points: 3", "points: three", 2).replacen(
                "\naxes:\n",
                "\naxess: 1\naxes:\n",
                1,
            ),
            // A top-level key given twice.
            format!("{text}name: again\n"),
            // A top-level text that YAML reads as a yes/no value.
            text.replacen("name: aurora-vs-dynamodb", "name: true", 1),
        ] {
            assert_ne!(broken, text);
            let indented: String = broken
                .split_inclusive('\n')
                .map(|l| {
                    if l.trim().is_empty() {
                        l.to_owned()
                    } else {
                        format!("    {l}")
                    }
                })
                .collect();
            let found = problems(&broken);
            assert!(found.iter().all(|p| p.starts_with("line ")), "{found:?}");
            assert_eq!(lines_only(problems(&indented)), lines_only(found));
        }
    }
}

#[cfg(test)]
mod control_tests {
    use super::control_characters;

    #[test]
    fn escaped_control_characters_are_found_and_placed() {
        let places = |text: &str| -> Vec<String> {
            control_characters(text)
                .into_iter()
                .map(|p| p.place)
                .collect()
        };
        // Plain text, a tab, a line break and an escaped backslash are fine.
        assert!(places("a: \"x\\ty\\n\\\\e\"\nb: plain\n").is_empty());
        assert!(places("a: 'caf\\u00e9'\nb: \"caf\\u00e9\"\n").is_empty());
        assert_eq!(
            places("a: ok\nlist:\n  - \"\\x07bell\"\n  - {k: \"\\u001b[31m\"}\n"),
            ["line 3, list[0]", "line 4, list[1].k"]
        );
        // A key is a text too.
        assert_eq!(places("\"\\e\": 1\n"), ["line 1, \\u{1b}"]);
        // When lines and strings do not pair up (a literal `\e` in a plain
        // scalar is not an escape), the field path alone is given.
        assert_eq!(places("path: C:\\every\nb: \"\\a\"\n"), ["b"]);
    }
}
