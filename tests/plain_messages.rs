//! Error messages in plain words: no Rust type names from serde in pack
//! errors, and a fix for a yes/no answer written as a string in a document.

mod common;

use common::run;

/// Wrong types in a pack say what was expected in words a pack author uses,
/// keeping the line, column and field path.
#[test]
fn a_wrong_type_in_a_pack_is_named_in_plain_words() {
    let pack = std::fs::read_to_string("rules/aurora-vs-dynamodb.yaml").unwrap();
    let bad = pack
        .replacen("    points: 3\n", "    points: three\n", 1)
        .replacen("  - id: ", "  - id: [x]\n    old_id: ", 1)
        .replacen("    weight: ", "    weight: [1] # ", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.yaml");
    std::fs::write(&path, bad).unwrap();
    let (code, _, stderr) = run(&["rules", "check", path.to_str().unwrap()], "");
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("candidates[0].id: invalid type: a list, expected text"),
        "{stderr}"
    );
    assert!(
        stderr.contains("axes[0].weight: invalid type: a list, expected a number"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "rules[0].points: invalid type: string \"three\", expected a number\n    \
             help: write a plain number, without quotes or a unit"
        ),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .skip(1)
            .all(|l| l.starts_with("  line ") || l.starts_with("    help: ")),
        "{stderr}"
    );
    for jargon in [
        "f64",
        "u64",
        "usize",
        "borrowed string",
        "sequence",
        "a map,",
        "struct ",
    ] {
        assert!(!stderr.contains(jargon), "`{jargon}` in:\n{stderr}");
    }
}

/// `server_side_logic: yes` is a string in YAML and JSON (the flag takes
/// `yes`): the error says to write true or false.
#[test]
fn yes_or_no_for_a_boolean_field_gets_a_fix() {
    let help = "\n    help: write true or false (in YAML and JSON, yes/no are plain strings)";
    for (document, found) in [
        ("server_side_logic: yes\n", "\"yes\""),
        ("server_side_logic: \"No\"\n", "\"No\""),
        ("server_side_logic: off\n", "\"off\""),
        ("{\"server_side_logic\": \"Y\"}", "\"Y\""),
    ] {
        let (code, stdout, stderr) = run(&["recommend"], document);
        assert_eq!(code, 3, "{document}: {stderr}");
        assert!(stdout.is_empty());
        let expected = format!("server_side_logic: expected true or false, found {found}{help}");
        assert!(stderr.contains(&expected), "{document}: {stderr}");
    }
    let (code, _, stderr) = run(&["recommend"], "{\"server_side_logic\": \"true\"}");
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains("found \"true\"\n    help: write true or false without quotes"),
        "{stderr}"
    );
    // Any other string is told the two values, without the yes/no aside.
    let (code, _, stderr) = run(&["recommend"], "server_side_logic: maybe\n");
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.ends_with("found \"maybe\"\n    help: write true or false\n"),
        "{stderr}"
    );
}

/// A YAML merge key (`<<: *anchor`) is read as a key named `<<`; the error
/// says merge keys are not supported and how to write it instead, in a
/// workload, a pack (first and later items) and a price table.
#[test]
fn a_yaml_merge_key_gets_help() {
    let help = "help: YAML merge keys (`<<: *anchor`) are not supported: write the keys out";
    let (code, _, stderr) = run(
        &["recommend"],
        "base: &b\n  use_case: erp\n<<: *b\ndata_shape: relational\n",
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains(&format!("  line 3, \"<<\": unknown field\n    {help}")),
        "{stderr}"
    );

    let pack = std::fs::read_to_string("tests/fixtures/tiny-pack.yaml").unwrap();
    let merged = pack.replacen(
        "  - { id: round-is-blue,",
        "  - { <<: {points: 1}, id: round-is-blue,",
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("merge.yaml");
    std::fs::write(&path, merged).unwrap();
    let (code, _, stderr) = run(&["rules", "check", path.to_str().unwrap()], "");
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains("rules[1].<<: unknown key `<<`"), "{stderr}");
    assert!(stderr.contains(help), "{stderr}");

    let prices = std::fs::read_to_string("rules/pricing.yaml").unwrap();
    let merged = prices.replacen("name: ", "<<: {x: 1}\nname: ", 1);
    let path = dir.path().join("prices.yaml");
    std::fs::write(&path, merged).unwrap();
    let (code, _, stderr) = run(
        &[
            "recommend",
            "--example",
            "erp",
            "--pricing",
            path.to_str().unwrap(),
        ],
        "",
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(stderr.contains(help), "{stderr}");
}

/// A custom YAML tag in a workload is named as such, at its place, instead
/// of serde's "invalid type: enum"; YAML's own `!!str` still reads.
#[test]
fn a_yaml_tag_in_a_workload_is_named() {
    let (code, _, stderr) = run(
        &["recommend"],
        "use_case: erp\nconsistency: !fancy strong\n",
    );
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.contains(
            "line 2, column 14: consistency: YAML tags such as `!fancy` are not supported: write the plain value"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("enum"), "{stderr}");
    let (code, stdout, stderr) = run(&["recommend", "--format", "json"], "use_case: !!str erp\n");
    assert_eq!(code, 0, "{stderr}");
    let result: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(result["workload"]["use_case"], "erp", "{stdout}");
}

/// An empty pack or price table (or one of only comments) is called empty,
/// with where to start, instead of "missing field `name`".
#[test]
fn an_empty_pack_or_price_table_is_called_empty() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("empty.yaml", ""),
        ("comments.yaml", "# to do\n\n  # later\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let path = path.to_str().unwrap();
        let (code, _, stderr) = run(&["rules", "check", path], "");
        assert_eq!(code, 3, "{stderr}");
        assert!(
            stderr.contains(&format!(
                "invalid decision pack {path}\n  the pack is empty\n    help: start from a copy"
            )),
            "{stderr}"
        );
        let (code, _, stderr) = run(&["recommend", "--example", "erp", "--pricing", path], "");
        assert_eq!(code, 3, "{stderr}");
        assert!(
            stderr.contains(
                "  the price table is empty\n    help: start from a copy of the built-in table: `dbadvisor rules show --pricing > my-prices.yaml`"
            ),
            "{stderr}"
        );
        assert!(!stderr.contains("missing field"), "{stderr}");
    }
}
