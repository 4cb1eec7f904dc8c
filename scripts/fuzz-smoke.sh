#!/usr/bin/env bash
# Fuzz smoke run: the `extract` cargo-fuzz target (decode_page then extract on arbitrary bytes) for a short time,
# seeded with fuzz/seeds/extract and the pages of tests/fixtures. Fails if any input panics, overflows the stack,
# runs longer than 10 s or uses more than 2 GiB. Meant for CI; a crash leaves its input in fuzz/artifacts/extract/.
#
# Usage: scripts/fuzz-smoke.sh [SECONDS]   (default 60; the first build of the fuzz crate takes several minutes)
# Needs: cargo-fuzz (`cargo install cargo-fuzz`) and a C++ compiler. Works on the stable toolchain:
# RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its nightly-only flags (-Zsanitizer=address) to a stable rustc.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: cargo-fuzz is not installed (cargo install cargo-fuzz)" >&2
    exit 2
fi

# The working corpus grows between runs and is not committed; the seeds are.
mkdir -p corpus/extract
seeds=("seeds/extract")
if [ -d "$root/tests/fixtures" ]; then
    mkdir -p target/fixture-seeds
    # Fixture folders all hold a `page.html`: name each seed after its folder.
    find "$root/tests/fixtures" -name '*.html' -size -64k -print0 |
        while IFS= read -r -d '' page; do
            cp "$page" "target/fixture-seeds/$(basename "$(dirname "$page")")-$(basename "$page")"
        done
    seeds+=("target/fixture-seeds")
fi

RUSTC_BOOTSTRAP=1 cargo fuzz run extract corpus/extract "${seeds[@]}" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
