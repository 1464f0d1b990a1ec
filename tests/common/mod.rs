//! Helpers shared by the integration tests that run the real binary.

#![allow(dead_code)]

use assert_cmd::Command;

/// The binary with a clean environment: no colour or terminal settings leak
/// in from the person running the tests.
pub fn dbadvisor() -> Command {
    let mut cmd = Command::cargo_bin("dbadvisor").expect("the binary is built");
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("TERM", "dumb")
        .env("COLUMNS", "100");
    cmd
}

/// Runs the binary with `args` and `stdin`, returning (exit code, stdout, stderr).
pub fn run(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = dbadvisor()
        .args(args)
        .write_stdin(stdin)
        .output()
        .expect("the binary runs");
    (
        out.status.code().expect("exited, not killed"),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// Parses stdout as one JSON document.
pub fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{stdout}"))
}

/// `dbadvisor recommend --format json` running, with stdin, stdout and
/// stderr piped: for tests that feed a batch and watch it as it goes.
pub fn spawn_json_batch() -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("dbadvisor"))
        .args(["recommend", "--format", "json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary starts")
}
