//! `cuttings serve` and `cuttings token`: the local clipping API without a window, and its pairing token.

use anyhow::Context;
use clap::Args;
use cuttings::api::{self, ApiServer, ApiState, ServerRole};

use crate::LibraryPath;

/// Arguments of `cuttings serve`.
#[derive(Args)]
pub struct ServeArgs {
    /// The port on 127.0.0.1 to listen on (set the same one in the extension)
    #[arg(long, env = api::PORT_ENV, default_value_t = api::DEFAULT_PORT)]
    pub port: u16,
}

/// Arguments of `cuttings token`.
#[derive(Args)]
pub struct TokenArgs {
    /// Make a new token: the old one stops working at once, and the extension must be paired again
    #[arg(long)]
    pub new: bool,
}

/// Runs `cuttings serve`: serves the API for the library until Ctrl+C (or the end of the process).
pub fn serve(library: &LibraryPath, args: ServeArgs) -> anyhow::Result<()> {
    let path = library.path()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the network runtime")?;
    runtime.block_on(async {
        let server = ApiServer::bind(args.port)?;
        let state = ApiState::new(&path, ServerRole::Serve, server.port())?
            .with_on_saved(|id, title| println!("saved #{id}: {title}"));
        println!(
            "Serving the clipping API for {} on http://127.0.0.1:{} (Ctrl+C to stop).",
            path.display(),
            server.port()
        );
        println!("Pair the browser extension with the token that `cuttings token` prints.");
        server.run(std::sync::Arc::new(state), async { tokio::signal::ctrl_c().await.unwrap_or(()) }).await;
        println!("Stopped.");
        anyhow::Ok(())
    })
}

/// Runs `cuttings token`: prints the pairing token (made on first use), or a new one with `--new`.
pub fn token(library: &LibraryPath, args: TokenArgs) -> anyhow::Result<()> {
    let path = library.path()?;
    let token = if args.new { api::token::renew(&path)? } else { api::token::current_or_new(&path)? };
    println!("{token}");
    if args.new {
        eprintln!("The old token no longer works: pair the browser extension again with this one.");
    }
    Ok(())
}
