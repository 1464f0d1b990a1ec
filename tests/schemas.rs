//! The published JSON Schemas accept what dbadvisor accepts: the workload
//! schema every worked example, the pack schema every valid pack.

use dbadvisor::{Pack, Workload};
use serde_json::Value;

fn yaml_file(path: &str) -> Value {
    serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_pack_schema_accepts_valid_packs_and_refuses_broken_ones() {
    let schema: Value = serde_json::from_str(dbadvisor::pack::PACK_SCHEMA).unwrap();
    let validator =
        jsonschema::validator_for(&schema).expect("the pack schema is a valid JSON Schema");
    for path in [
        "rules/aurora-vs-dynamodb.yaml",
        "tests/fixtures/tiny-pack.yaml",
        "tests/fixtures/lint-pack.yaml",
    ] {
        let errors: Vec<String> = validator
            .iter_errors(&yaml_file(path))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
    let unknown_key = yaml_file("tests/fixtures/unknown-key-pack.yaml");
    assert!(
        !validator.is_valid(&unknown_key),
        "`weigth` is not a key of the format"
    );
    let two_tests: Value = serde_json::json!({"field": "x", "is": "a", "gt": 3});
    let condition_schema =
        serde_json::json!({"$ref": "#/$defs/condition", "$defs": schema["$defs"]});
    let condition = jsonschema::validator_for(&condition_schema).unwrap();
    assert!(!condition.is_valid(&two_tests), "one test per condition");
    assert!(condition.is_valid(
        &serde_json::json!({"all": [{"field": "x", "gt": 3}, {"not": {"field": "y", "is": true}}]})
    ));
}

#[test]
fn the_workload_schema_accepts_every_worked_example_and_refuses_typos() {
    let pack = Pack::embedded().unwrap();
    let schema = pack.workload_schema();
    let validator =
        jsonschema::validator_for(&schema).expect("the workload schema is a valid JSON Schema");
    for example in &pack.examples {
        let workload = example.workload.to_json(&pack);
        assert!(validator.is_valid(&workload), "{}: {workload}", example.id);
    }
    assert!(!validator.is_valid(&serde_json::json!({"relationship": "many"})));
    assert!(!validator.is_valid(&serde_json::json!({"peak_writes_per_sec": -5})));
    assert!(!validator.is_valid(&serde_json::json!({"item_size_kb": 0})));
    assert!(!validator.is_valid(&serde_json::json!({"priorities": {"scale": 2}})));
    assert!(!validator.is_valid(&serde_json::json!({"use_case": "gamin"})));
    // null means unknown, as the reader takes it.
    let nulls =
        serde_json::json!({"use_case": null, "server_side_logic": null, "item_size_kb": null});
    assert!(validator.is_valid(&nulls));
    let w = Workload::from_raw(&pack, &serde_json::from_value(nulls).unwrap()).unwrap();
    assert!(w.is_empty());
}

#[test]
fn the_workload_schema_and_the_reader_agree() {
    // SPEC: the schema and the validation come from one definition, so a
    // document the reader takes must validate, and one it refuses must not.
    let pack = Pack::embedded().unwrap();
    let validator = jsonschema::validator_for(&pack.workload_schema()).unwrap();
    let documents = [
        r#"{"priorities": null, "use_case": "erp"}"#,
        r#"{"priorities": {"scalability": null}}"#,
        r#"{"priorities": {"scalability": 2, "use_cases": 0}}"#,
        r#"{"priorities": {"scalability": -1}}"#,
        r#"{"priorities": {"scalability": "high"}}"#,
        r#"{"priorities": []}"#,
        r#"{"priorities": {"speed": 1}}"#,
        r#"{"data_size_gb": 0}"#,
        r#"{"item_size_kb": 0}"#,
        r#"{"item_size_kb": 400.5}"#,
        r#"{"latency_p99_ms": 600001}"#,
        r#"{"server_side_logic": "yes"}"#,
        r#"{"server_side_logic": false, "use_case": null}"#,
        r#"{"use_case": ["erp"]}"#,
        r#"{"use_cases": "erp"}"#,
        r#"{}"#,
    ];
    for text in documents {
        let document: serde_json::Value = serde_json::from_str(text).unwrap();
        let raw = serde_json::from_value(document.clone()).unwrap();
        let reader = Workload::from_raw(&pack, &raw).is_ok();
        assert_eq!(validator.is_valid(&document), reader, "{text}");
    }
}

/// The pack schema (for editors) and `rules check` agree on the shape of a
/// pack: what one accepts the other accepts. Editors used to flag valid
/// packs (an unquoted version, optional keys set to null) and pass invalid
/// ones (a condition with two tests); and `help: null` was read as the word
/// "null".
#[test]
fn the_pack_schema_and_the_reader_agree() {
    let schema: Value = serde_json::from_str(dbadvisor::pack::PACK_SCHEMA).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let tiny = std::fs::read_to_string("tests/fixtures/tiny-pack.yaml").unwrap();
    let cases: [(&str, &str, &str, bool); 19] = [
        (
            "a null list of vetoes and an empty cautions key",
            "rules:",
            "vetoes: null\ncautions:\nrules:",
            true,
        ),
        (
            "an unquoted version",
            "version: \"0.1\"",
            "version: 1.10",
            true,
        ),
        (
            "a null title",
            "name: tiny",
            "name: tiny\ntitle: null",
            true,
        ),
        (
            "a null summary",
            "name: Red }",
            "name: Red, summary: null }",
            true,
        ),
        ("a null unit", "unit: GB", "unit: null", true),
        (
            "a null help",
            "question: How big?",
            "question: How big?\n    help: ~",
            true,
        ),
        (
            "a null section",
            "title: Big and round,",
            "title: Big and round, section: null,",
            true,
        ),
        (
            "a null min_margin",
            "min_margin: 1",
            "min_margin: null",
            true,
        ),
        (
            "a null because",
            "because: Big things are red.",
            "because: null",
            false,
        ),
        (
            "two tests in a condition",
            "{ field: shape, is: round }",
            "{ field: shape, is: round, all: [{ field: size, gt: 1 }] }",
            false,
        ),
        (
            "a test beside not",
            "{ field: size, gt: 10 }",
            "{ field: size, gt: 10, not: { field: shape, is: round } }",
            false,
        ),
        (
            "a because of spaces only",
            "because: Big things are red.",
            "because: \"  \"",
            false,
        ),
        ("a label of spaces only", "label: Round", "label: \" \"", false),
        (
            "a unit on a choice field",
            "question: What shape?",
            "question: What shape?\n    unit: GB",
            false,
        ),
        (
            "options on a number field",
            "unit: GB",
            "unit: GB\n    options:\n      - { id: a, label: A }\n      - { id: b, label: B }",
            false,
        ),
        (
            "a choice field without options",
            "    options:\n      - { id: round, label: Round }\n      - { id: square, label: Square }\n",
            "",
            false,
        ),
        // `options: null` is no options: fine on a number (or bool) field,
        // as the reader takes it, and no list of options on a choice field.
        (
            "null options on a number field",
            "unit: GB",
            "unit: GB\n    options: null",
            true,
        ),
        (
            "null options on a choice field",
            "    options:\n      - { id: round, label: Round }\n      - { id: square, label: Square }\n",
            "    options: null\n",
            false,
        ),
        (
            "a field beside all",
            "{ field: size, gt: 10 }",
            "{ field: size, all: [{ field: size, gt: 10 }] }",
            false,
        ),
    ];
    for (what, from, to, valid) in cases {
        let text = tiny.replacen(from, to, 1);
        assert_ne!(text, tiny, "{what}");
        let loaded = Pack::load(&text, "tiny.yaml");
        assert_eq!(
            loaded.is_ok(),
            valid,
            "rules check, {what}: {:?}",
            loaded.err()
        );
        let value: Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(validator.is_valid(&value), valid, "the schema, {what}");
    }
    // A field id the reader refuses (its flag would be dbadvisor's own,
    // or it is the weights' key) is refused by the schema too; one beside
    // them is fine by both.
    for (id, valid) in [
        ("format", false),
        ("no_input", false),
        ("priorities", false),
        ("aurora_acu", false),
        ("formats", true),
    ] {
        let text = tiny
            .replace("id: size", &format!("id: {id}"))
            .replace("field: size", &format!("field: {id}"))
            .replace("{ size: ", &format!("{{ {id}: "));
        assert_eq!(
            Pack::load(&text, "tiny.yaml").is_ok(),
            valid,
            "rules check, {id}"
        );
        let value: Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(validator.is_valid(&value), valid, "the schema, {id}");
    }
    // Optional text set to null is no text, not the word "null".
    let text = tiny.replacen(
        "question: How big?",
        "question: How big?\n    help: null",
        1,
    );
    let pack = Pack::load(&text, "tiny.yaml").unwrap();
    assert_eq!(pack.fields[0].help, "");
    let text = tiny.replacen("version: \"0.1\"", "version: 1.10", 1);
    assert_eq!(Pack::load(&text, "tiny.yaml").unwrap().version, "1.10");
}
