//! The interview (placeholder until the interview issue lands).

use clap::ArgMatches;

use crate::error::Error;
use crate::output::Style;
use crate::pack::Pack;

/// Runs the interview.
pub fn run(_pack: &Pack, _m: &ArgMatches, _style: Style) -> anyhow::Result<u8> {
    Err(Error::usage(
        "the interview is not available yet",
        Some("use `dbadvisor recommend`".into()),
    )
    .into())
}
