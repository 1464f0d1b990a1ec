//! Error messages in plain words: no Rust type names from serde in pack
//! errors.

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
        stderr.contains("rules[0].points: invalid type: string \"three\", expected a number"),
        "{stderr}"
    );
    assert!(
        stderr.lines().skip(1).all(|l| l.starts_with("  line ")),
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
