//! Replays the fuzz corpus and every input that once crashed, on stable:
//! each must be handled without a panic.

use std::path::Path;

fn files(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// A corpus file's bytes; `None` when it went away since the directory
/// was listed (a fuzzer running beside the tests replaces the inputs it
/// shortens).
fn read(file: &Path) -> Option<Vec<u8>> {
    match std::fs::read(file) {
        Ok(bytes) => Some(bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => panic!("{}: {e}", file.display()),
    }
}

#[test]
fn workload_corpus_and_regressions() {
    let pack = dbadvisor::Pack::embedded().unwrap();
    let mut n = 0;
    for dir in ["fuzz/corpus/workload", "fuzz/regressions/workload"] {
        for file in files(dir) {
            let Some(bytes) = read(&file) else { continue };
            dbadvisor::fuzzing::workload_bytes(&pack, &bytes);
            n += 1;
        }
    }
    assert!(n >= 7, "the corpus is there ({n} files)");
}

#[test]
fn pack_corpus_and_regressions() {
    let mut n = 0;
    for dir in ["fuzz/corpus/pack", "fuzz/regressions/pack"] {
        for file in files(dir) {
            let Some(bytes) = read(&file) else { continue };
            dbadvisor::fuzzing::pack_bytes(&bytes);
            n += 1;
        }
    }
    assert!(n >= 3, "the corpus is there ({n} files)");
}
