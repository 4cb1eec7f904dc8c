//! The local clipping API: what the browser extension (and scripts, bookmarklets, other tools) clip through.
//! Served by the desktop app while it runs and by `cuttings serve`; documented for its users in `docs/api.md`.
//!
//! **The one module that listens on the network**, and only on `127.0.0.1`. A request is served only if, in this
//! order: its `Host` is this server's own loopback address (no DNS rebinding, [`guard::check_host`]); it comes from
//! no web page (`Origin` absent or the extension's, [`guard::check_origin`]); it carries the pairing token
//! ([`token`]), except `GET /api/v1/status`; its body is at most [`MAX_BODY_BYTES`]. Every refusal is a JSON
//! [`ApiError`] with a stable code; the token never appears in one.
//!
//! The API only asks the core: a page is clipped by [`crate::clip`] and filed by the [`crate::store`], with the
//! same rules (folders, tags, duplicates, images) as the command line and the app.
//!
//! - `token.rs`: the pairing token, a file beside the library.
//! - `guard.rs`: host, origin and token checks (pure).
//! - `request.rs`: the clip request's fields, each refused by name (pure).
//! - `routes.rs`: what each request does.
//! - `server.rs`: binding the port (saying who holds it when taken), the HTTP loop, body limits.
//! - `error.rs`: refusals as types, with their status and code.

mod error;
pub mod guard;
mod request;
mod routes;
mod server;
pub mod token;

pub use error::ApiError;
pub use request::ClipRequest;
pub use server::{ApiServer, ApiState, PortHolder, ServeError, ServerRole, probe_port};

/// The port the API listens on unless told otherwise (`cuttings serve --port`, `CUTTINGS_API_PORT`).
pub const DEFAULT_PORT: u16 = 41521;

/// The largest request body taken: a rendered page with its images, base64-encoded.
pub const MAX_BODY_BYTES: u64 = 30 * 1024 * 1024;

/// The environment variable that gives the app (and `cuttings serve`) another port.
pub const PORT_ENV: &str = "CUTTINGS_API_PORT";
