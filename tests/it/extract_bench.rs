//! Integration tests: extract_bench.
