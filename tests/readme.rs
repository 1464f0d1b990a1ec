//! The README's `console` examples are what the binary prints: each block's
//! command is run (by `sh`, with this build's `dbadvisor` first on PATH,
//! stdout and stderr together, as a pipe sees them) and every line shown
//! must come out in that order. A line `…` stands for lines left out; the
//! lines between two of them must come out one after another, and a block
//! that neither starts nor ends with `…` shows the whole output.

use std::path::Path;
use std::process::Command;

/// `(line number, command, expected lines)` of every console block.
fn console_blocks(text: &str) -> Vec<(usize, String, Vec<String>)> {
    let mut blocks = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        if line.trim() != "```console" {
            continue;
        }
        let mut command = String::new();
        let mut expected = Vec::new();
        let mut in_command = true;
        for (_, line) in lines.by_ref() {
            if line.trim() == "```" {
                break;
            }
            if in_command {
                let part = line.strip_prefix("$ ").unwrap_or(line);
                match part.strip_suffix('\\') {
                    Some(head) => command.push_str(head),
                    None => {
                        command.push_str(part);
                        in_command = false;
                    }
                }
            } else {
                expected.push(line.to_owned());
            }
        }
        blocks.push((n + 1, command, expected));
    }
    blocks
}

/// Whether `actual` shows `expected`, `…` lines standing for any lines.
fn shows(actual: &[&str], expected: &[String]) -> Result<(), String> {
    let segments: Vec<&[String]> = expected.split(|l| l == "…").collect();
    let mut at = 0;
    let last = segments.len() - 1;
    for (i, segment) in segments.iter().enumerate() {
        if segment.is_empty() {
            continue;
        }
        let fits = |start: usize| {
            start + segment.len() <= actual.len()
                && segment
                    .iter()
                    .zip(&actual[start..])
                    .all(|(e, a)| e.trim_end() == a.trim_end())
        };
        let found = if i == 0 {
            // No `…` before it: the output starts with it.
            fits(0).then_some(0)
        } else {
            (at..=actual.len()).find(|&s| fits(s))
        };
        let Some(start) = found else {
            return Err(format!(
                "not found (in order) from output line {}:\n{}",
                at + 1,
                segment.join("\n")
            ));
        };
        at = start + segment.len();
        if i == last && at != actual.len() {
            return Err(format!(
                "the output goes on after the last line shown (line {at} of {})",
                actual.len()
            ));
        }
    }
    Ok(())
}

#[test]
fn the_readme_console_examples_are_what_the_binary_prints() {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let blocks = console_blocks(&readme);
    assert!(blocks.len() >= 4, "the README's examples are found");
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_dbadvisor")).parent().unwrap();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    for (line, command, expected) in blocks {
        let out = Command::new("sh")
            .arg("-c")
            .arg(format!("{command} 2>&1"))
            .env("PATH", &path)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR_FORCE")
            .env_remove("COLUMNS")
            .output()
            .expect("sh runs");
        let text = String::from_utf8(out.stdout).unwrap();
        let actual: Vec<&str> = text.lines().collect();
        if let Err(why) = shows(&actual, &expected) {
            panic!("README.md line {line}: `{command}`: {why}\n--- output:\n{text}");
        }
    }
}

/// The matcher itself: a changed line, a missing line, extra output after
/// a block that shows it all, and lines out of order are each caught.
#[test]
fn the_matcher_catches_what_differs() {
    let expected = |lines: &[&str]| lines.iter().map(|l| l.to_string()).collect::<Vec<_>>();
    let actual = ["a", "b", "c", "d"];
    assert!(shows(&actual, &expected(&["a", "b", "c", "d"])).is_ok());
    assert!(shows(&actual, &expected(&["a", "…", "d"])).is_ok());
    assert!(shows(&actual, &expected(&["a", "b", "…"])).is_ok());
    assert!(shows(&actual, &expected(&["…", "c", "…"])).is_ok());
    assert!(shows(&actual, &expected(&["a", "x", "…"])).is_err());
    assert!(shows(&actual, &expected(&["a", "b", "c"])).is_err());
    assert!(shows(&actual, &expected(&["b", "…"])).is_err());
    assert!(shows(&actual, &expected(&["a", "…", "c", "b", "…"])).is_err());
    assert!(shows(&actual, &expected(&["…", "d", "c"])).is_err());
}

/// docs/packs.md's "adding a third candidate" walkthrough, done as written:
/// its YAML snippets added to a copy of the built-in pack, which then passes
/// `rules check --min-coverage 100` and recommends the new candidate for
/// its test case's answers.
#[test]
fn the_pack_guide_third_candidate_walkthrough_works() {
    let guide = std::fs::read_to_string("docs/packs.md").unwrap();
    let section = guide
        .split("## Example: adding a third candidate")
        .nth(1)
        .expect("the walkthrough is in docs/packs.md");
    // Each ```yaml block (indented under its list item): its first line
    // names the pack's section, the rest are items for it.
    let mut pack = std::fs::read_to_string("rules/aurora-vs-dynamodb.yaml").unwrap();
    let mut blocks = 0;
    for block in section.split("```yaml\n").skip(1) {
        let body = block.split("```").next().unwrap();
        let lines: Vec<&str> = body
            .lines()
            .map(|l| l.strip_prefix("   ").unwrap_or(l))
            .collect();
        let (key, items) = lines.split_first().unwrap();
        if key.contains(": ") {
            // Top-level `key: value` lines (the identity): each replaces
            // the copy's line of that key.
            for line in lines.iter().filter(|l| !l.trim().is_empty()) {
                let name = &line[..=line.find(':').unwrap()];
                let start = pack.find(&format!("\n{name} ")).expect("a top-level key") + 1;
                let end = start + pack[start..].find('\n').unwrap();
                pack.replace_range(start..end, line);
            }
            blocks += 1;
            continue;
        }
        let key = format!("\n{key}\n");
        assert!(pack.contains(&key), "the pack has a `{key}` section");
        pack = pack.replacen(&key, &format!("{key}{}\n", items.join("\n")), 1);
        blocks += 1;
    }
    assert_eq!(blocks, 4, "identity, candidates, rules and tests");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("my-pack.yaml");
    std::fs::write(&path, pack).unwrap();
    let bin = env!("CARGO_BIN_EXE_dbadvisor");
    let path = path.to_str().unwrap();
    let out = Command::new(bin)
        .args(["rules", "check", path, "--min-coverage", "100"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("pack team-databases 1.0.0: 3 candidates"),
        "{stdout}"
    );
    // As the guide says: two warnings, the axes DocumentDB scores nothing
    // on, and no other (its rules join no large group of fields).
    let warnings: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("warning:"))
        .collect();
    assert_eq!(warnings.len(), 2, "{stdout}");
    assert!(
        warnings.iter().all(|w| w.ends_with("[axis-without-rules]")),
        "{stdout}"
    );
    let out = Command::new(bin)
        .args(["--rules", path, "recommend", "--data-shape", "document"])
        .args([
            "--query-flexibility",
            "ad_hoc",
            "--existing-engine",
            "nosql",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("Recommendation: Amazon DocumentDB"),
        "{stdout}"
    );
    // A tie with three candidates names the two that tie (it said "the
    // scores tie", among all three for all it showed).
    let out = Command::new(bin)
        .args(["--rules", path, "recommend", "--data-shape", "document"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(
            "Recommendation: no recommendation (Amazon DocumentDB and Amazon DynamoDB tie)\n"
        ),
        "{stdout}"
    );
    // A veto with three candidates: DynamoDB beats DocumentDB on the scores
    // among those left, but Aurora, ruled out, scores more than either. The
    // confidence is low and the output says why, as with two candidates
    // (it said "high" and nothing).
    let out = Command::new(bin)
        .args(["--rules", path, "recommend", "--example", "ecommerce"])
        .args(["--multi-region", "active_active"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("Recommendation: Amazon DynamoDB (confidence low, margin 4 points)"),
        "{stdout}"
    );
    assert!(
        stdout.contains(
            "Amazon DynamoDB leads only because Amazon Aurora is ruled out; \
             on everything else Amazon Aurora scores 15 points more (19 against 4)."
        ),
        "{stdout}"
    );
}

/// Every kind of lint finding `rules check` can give (each `kind: "…"` in
/// src/pack/lint.rs but the coverage entries' `rule`, `veto` and
/// `caution`) is named in README.md, docs/packs.md and `dbadvisor man
/// rules`: the two short lists once left out six of them.
#[test]
fn every_lint_kind_is_documented() {
    let source = std::fs::read_to_string("src/pack/lint.rs").unwrap();
    let kinds: Vec<&str> = source
        .split("kind: \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|kind| !["rule", "veto", "caution"].contains(kind))
        .collect();
    assert!(kinds.len() >= 14, "{kinds:?}");
    let page = Command::new(env!("CARGO_BIN_EXE_dbadvisor"))
        .args(["man", "rules"])
        .output()
        .unwrap();
    let page = String::from_utf8(page.stdout).unwrap().replace("\\-", "-");
    for (name, text) in [
        ("README.md", std::fs::read_to_string("README.md").unwrap()),
        (
            "docs/packs.md",
            std::fs::read_to_string("docs/packs.md").unwrap(),
        ),
        ("man rules", page),
    ] {
        let text = text.replace("\\fB", "`").replace("\\fR", "`");
        for kind in &kinds {
            assert!(
                text.contains(&format!("`{kind}`")),
                "{name} does not name `{kind}`"
            );
        }
    }
}
