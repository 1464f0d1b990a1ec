//! Snapshots of each output format, so any change to what users see is
//! reviewed (`cargo insta review`, or INSTA_UPDATE=always to accept).

mod common;

use common::run;

fn output(args: &[&str], stdin: &str) -> String {
    let (code, stdout, stderr) = run(args, stdin);
    assert_eq!(code, 0, "{stderr}");
    stdout
}

#[test]
fn table_for_a_worked_example() {
    insta::assert_snapshot!(output(&["recommend", "--example", "erp"], ""));
}

#[test]
fn table_for_a_sparse_workload_with_a_priority() {
    insta::assert_snapshot!(output(
        &[
            "recommend",
            "--use-case",
            "gaming",
            "--consistency",
            "strong",
            "--peak-writes-per-sec",
            "20k",
            "--priority",
            "scalability=2"
        ],
        ""
    ));
}

#[test]
fn table_when_a_veto_decides() {
    insta::assert_snapshot!(output(
        &["recommend", "--example", "gaming", "--item-size-kb", "800"],
        ""
    ));
}

#[test]
fn markdown_for_a_worked_example() {
    insta::assert_snapshot!(output(
        &[
            "recommend",
            "--example",
            "social-media",
            "--format",
            "markdown"
        ],
        ""
    ));
}

#[test]
fn json_for_a_worked_example() {
    insta::assert_snapshot!(output(
        &["recommend", "--example", "news-portal", "--format", "json"],
        ""
    ));
}

#[test]
fn examples_list() {
    insta::assert_snapshot!(output(&["examples"], ""));
}
