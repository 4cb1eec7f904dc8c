//! The clipping library: one SQLite file. The only module that touches SQLite.
