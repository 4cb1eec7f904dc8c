#!/usr/bin/env bash
# Time and peak memory of extraction on hostile pages (issue 12), one process per page, release build: the pages of
# tests/it/extract_hostile.rs at ten times their sizes, and a 20 MiB page of ordinary wide markup (the fetch limit).
# Prints one Markdown table row per page: page, size, wall time of the process, time of the extraction alone, peak
# RSS, outcome.
#
# Usage: scripts/bench-hostile.sh [EXTRACT_PAGE_BINARY]
#   (default: builds and runs target/release/examples/extract_page, built without the export; any program taking
#   `PAGE.html` and printing one line works, e.g. an older build of the same example, to compare)
# Environment: HOSTILE_TIMEOUT (seconds per page, default 300), HOSTILE_MEMORY_MB (address-space limit per page,
# default none; set it when measuring an extractor without caps, which can take gigabytes)
set -euo pipefail
timeout_s=${HOSTILE_TIMEOUT:-300}
memory_mb=${HOSTILE_MEMORY_MB:-}
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
binary=${1:-}
if [ -z "$binary" ]; then
    cargo build --release --quiet --no-default-features --example extract_page
    binary="$target/release/examples/extract_page"
fi
pages=$(mktemp -d)
trap 'rm -rf "$pages"' EXIT
python3 - "$pages" <<'PY'
import os, sys
out = sys.argv[1]
prose = ("The harbour authority said on Tuesday that the new quay would open in the spring, after two "
         "years of work, and that traffic would double within five years.")
def write(name, text):
    with open(os.path.join(out, name), "w") as f:
        f.write(text)
# Unclosed <b>s with distinct ids, then paragraphs that each re-open them all (630 KB, as 10 x the 63 KB report).
write("1-unclosed-b.html", "<html><body><p>" + "".join(f"<b id={i}>" for i in range(25_000))
      + f"<p>{prose}</p>" * 2_000)
# The same with fewer <b>s than the depth cap, re-opened in every paragraph.
write("2-unclosed-b-shallow.html", "<html><body><p>" + "".join(f"<b id={i}>" for i in range(400))
      + f"<p>{prose}</p>" * 4_000)
# 1,000,000 nested <div>s (11 MB).
write("3-nested-divs.html", "<html><body>" + "<div>" * 1_000_000 + f"<p>{prose}</p>" * 2 + "</div>" * 1_000_000)
# 1,000,000 nested inline elements with words in each (18 MB).
write("4-nested-spans.html", "<html><body><p>" + "<span>More words, " * 1_000_000 + "</p></body></html>")
# 20 MiB of ordinary markup: sibling sections under the body, each a heading and two paragraphs.
section = f'<div class="section"><h2>A heading</h2><p>{prose}</p><p>{prose}</p></div>\n'
write("5-wide-20mib.html", "<html><head><title>A long report</title></head><body>"
      + section * ((20 * 1024 * 1024 - 4096) // len(section)) + "</body></html>")
# 20 MiB of plain paragraphs under one <article>.
write("6-paragraphs-20mib.html", "<html><body><article>" + f"<p>{prose}</p>\n" * ((20 * 1024 * 1024 - 4096) // (len(prose) + 8))
      + "</article></body></html>")
PY
echo "| page | size | process | extraction | peak RSS | outcome |"
echo "| --- | --- | --- | --- | --- | --- |"
for page in "$pages"/*.html; do
    size=$(stat -c %s "$page")
    log=$(mktemp)
    line=$( ( [ -z "$memory_mb" ] || ulimit -v $((memory_mb * 1024)); timeout "$timeout_s" /usr/bin/time -v "$binary" "$page" ) \
        2>"$log" || printf -- '-\tstopped after %s s or out of memory (%s MB)' "$timeout_s" "${memory_mb:-no limit}")
    wall=$(grep -F 'Elapsed (wall clock)' "$log" | awk '{print $NF}' || true)
    rss=$(grep -F 'Maximum resident set size' "$log" | awk '{print $NF}' || true)
    rm -f "$log"
    printf '| %s | %s KB | %s | %s s | %s MB | %s |\n' "$(basename "$page" .html)" "$((size / 1024))" "$wall" \
        "$(cut -f1 <<<"$line")" "$(( ${rss:-0} / 1024 ))" "$(cut -f2- <<<"$line")"
done
