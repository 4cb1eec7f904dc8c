//! The core's integration tests: one binary, one module per area, shared helpers in `util`.

mod api;
mod archive;
mod cli;
mod clip;
mod export;
mod extract_hostile;
mod fetch;
mod guard;
mod queue;
mod queue_cli;
mod store;
mod util;
