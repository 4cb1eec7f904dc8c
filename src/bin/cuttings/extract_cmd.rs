//! `cuttings extract`: print the article of a saved page or URL without saving it.

use clap::Args;

/// Arguments of `cuttings extract`.
#[derive(Args)]
pub struct ExtractArgs {
    /// A saved HTML file
    pub source: std::path::PathBuf,
}

/// Runs `cuttings extract`.
pub fn run(_args: ExtractArgs) -> anyhow::Result<()> {
    anyhow::bail!("not implemented yet")
}
