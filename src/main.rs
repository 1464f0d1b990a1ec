//! The `dbadvisor` binary: run the command, print an error once, exit with
//! the SPEC §5 status.

use std::process::ExitCode;

fn main() -> ExitCode {
    let code = match dbadvisor::commands::run(std::env::args_os().collect()) {
        Ok(code) => code,
        Err(err) => report(&err),
    };
    // An interrupt that came while the command ran is its status, even if
    // the command finished first (see `output::exit_if_interrupted`).
    dbadvisor::output::exit_if_interrupted();
    ExitCode::from(code)
}

/// Prints the error and returns its exit status. A closed stdout is not a
/// failure: the reader has what it wanted.
fn report(err: &anyhow::Error) -> u8 {
    let Some(typed) = err.downcast_ref::<dbadvisor::Error>() else {
        dbadvisor::commands::eprint_str(&format!("dbadvisor: error: {err:#}\n"));
        return dbadvisor::error::exit::INTERNAL;
    };
    if typed.is_broken_pipe() {
        return dbadvisor::error::exit::OK;
    }
    if matches!(typed, dbadvisor::Error::Interrupted) {
        // The person pressed Ctrl-C: a line break after the prompt is all they need.
        dbadvisor::commands::eprint_str("\n");
        return typed.exit_code();
    }
    dbadvisor::commands::eprint_str(&dbadvisor::error::render_with_headline(
        &format!("{err:#}"),
        typed,
    ));
    typed.exit_code()
}
