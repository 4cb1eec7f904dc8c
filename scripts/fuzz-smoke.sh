#!/usr/bin/env bash
# Fuzz smoke run: the cargo-fuzz targets for a short time in all, split between them: `extract` (decode_page then
# extract on arbitrary bytes) and `prepare` (the whole of clip::prepare_bytes, whole-page fallback included), seeded
# with fuzz/seeds/extract and the pages of tests/fixtures. Fails if any input panics, overflows the stack, runs
# longer than 10 s or uses more than 2 GiB (libFuzzer's -timeout and -rss_limit_mb; extraction itself gives up on a
# page after 10 s and caps elements and depth, so a hit here is a bug). A crash leaves its input in
# fuzz/artifacts/<target>/. Meant for CI.
#
# Usage: scripts/fuzz-smoke.sh [SECONDS]   (default 60 in all; the first build of the fuzz crate takes a few minutes)
#        scripts/fuzz-smoke.sh --build       (only build the targets: `scripts/dev test` does it while the project
#                                             builds, so the smoke run itself starts at once)
# Needs: cargo-fuzz (`cargo install cargo-fuzz`) and a C++ compiler. Works on the stable toolchain:
# RUSTC_BOOTSTRAP=1 lets cargo-fuzz pass its nightly-only flags (-Zsanitizer=address) to a stable rustc.
set -euo pipefail

build_only=false
if [ "${1:-}" = "--build" ]; then build_only=true; shift; fi
seconds="${1:-60}"
targets=(extract prepare)
per_target=$(( (seconds + ${#targets[@]} - 1) / ${#targets[@]} ))
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root/fuzz"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-smoke: cargo-fuzz is not installed (cargo install cargo-fuzz)" >&2
    exit 2
fi

if $build_only; then
    for target in "${targets[@]}"; do
        RUSTC_BOOTSTRAP=1 cargo fuzz build "$target"
    done
    exit 0
fi

# The seeds are shared by both targets (each takes a page as its bytes); the working corpora grow between runs and
# are not committed.
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

for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    RUSTC_BOOTSTRAP=1 cargo fuzz run "$target" "corpus/$target" "${seeds[@]}" -- \
        -max_total_time="$per_target" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
