//! Bytes the readers cannot take as text: not UTF-8, or UTF-16 with its
//! byte-order mark or without. Told apart before any parser runs, because a
//! parser would call UTF-16 a stray NUL byte on every line; the commands
//! refuse the other files they read (given to a flag) in the same words.

use crate::error::Problem;

/// The problem of a text in UTF-16, with its byte-order mark or without.
pub(super) fn utf16_problem(bytes: &[u8]) -> Option<Problem> {
    if starts_as_utf16(bytes) {
        let utf8 = std::str::from_utf8(bytes).err()?;
        return Some(utf8_problem(bytes, utf8));
    }
    utf16_without_mark(bytes)
}

/// Text that is not UTF-8, with the fix when it is UTF-16 (what Windows
/// PowerShell 5's `>` and Notepad's "Unicode" write), known by its mark.
pub(crate) fn utf8_problem(bytes: &[u8], e: std::str::Utf8Error) -> Problem {
    let problem = Problem::new(utf8_place(bytes, e), "not valid UTF-8");
    if starts_as_utf16(bytes) {
        problem.with_help(
            "it is UTF-16 text (it starts with a UTF-16 byte-order mark): save it as UTF-8",
        )
    } else if looks_binary(bytes) {
        problem.with_help("it holds NUL bytes: a binary file (a program, an archive), not text")
    } else {
        problem
    }
}

/// Whether `bytes` hold a NUL within their first 8 KB, as binary files do
/// and text (UTF-16 aside, which has its own hint) never does: what `git`
/// and `grep` look at to tell one.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes[..bytes.len().min(8192)].contains(&0)
}

/// Whether `bytes` open with a UTF-16 byte-order mark (either byte order).
fn starts_as_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// The problem of UTF-16 text without a byte-order mark: its first
/// characters are ASCII, each with a NUL byte after it (little-endian) or
/// before it (big-endian). That is valid UTF-8, and would be reported as a
/// stray control character (U+0000) instead of as the encoding it is.
pub(crate) fn utf16_without_mark(bytes: &[u8]) -> Option<Problem> {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(4).collect();
    let ascii = |b: u8| b != 0 && b.is_ascii();
    let little = pairs.iter().all(|p| ascii(p[0]) && p[1] == 0);
    let big = pairs.iter().all(|p| p[0] == 0 && ascii(p[1]));
    (!pairs.is_empty() && (little || big)).then(|| {
        Problem::new(
            "line 1, column 1",
            "not UTF-8 text: every other byte is a NUL (U+0000)",
        )
        .with_help("it is UTF-16 text without a byte-order mark: save it as UTF-8")
    })
}

/// Where the first byte that is not UTF-8 is, as "line L, column C" (1-based,
/// the column counted in characters, as in every other message).
fn utf8_place(bytes: &[u8], e: std::str::Utf8Error) -> String {
    let valid = &bytes[..e.valid_up_to()];
    let line_start = valid.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
    let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
    let column = String::from_utf8_lossy(&valid[line_start..])
        .chars()
        .count()
        + 1;
    format!("line {line}, column {column}")
}
