//! The core's integration tests: one binary, one module per area, shared helpers in `util`.
