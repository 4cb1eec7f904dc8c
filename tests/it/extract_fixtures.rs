//! Integration tests: extract_fixtures.
