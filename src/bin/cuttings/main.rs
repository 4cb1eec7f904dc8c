//! The `cuttings` command-line program: one subcommand per operation on the library, plus `extract`.
//!
//! Every error ends the program with a non-zero status and one plain line on stderr.

mod extract_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Keep press clippings: clip web articles, organise them, search and export them.
#[derive(Parser)]
#[command(name = "cuttings", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract the article from a saved page or a URL and print it, without saving
    Extract(extract_cmd::ExtractArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract_cmd::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // One plain line: the chain of causes joined, as "doing x: because y".
            eprintln!("cuttings: {error:#}");
            ExitCode::FAILURE
        }
    }
}
