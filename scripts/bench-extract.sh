#!/usr/bin/env bash
# Scores the release extractor on the 181-page benchmark with ../shared/extraction-bench/score.py (or the copy in
# tests/extraction-bench/ when the shared one is absent) and prints quality and pages per second.
# Usage: scripts/bench-extract.sh [OUT_DIR]   (builds target/release/cuttings first)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-target/bench-extract}
data=tests/extraction-bench/data
score=../shared/extraction-bench/score.py
[ -f "$score" ] || score=tests/extraction-bench/score.py
cargo build --release --quiet --bin cuttings
rm -rf "$out" && mkdir -p "$out"
python3 - "$data" > "$out.list" <<'PY'
import json, os, sys
data = sys.argv[1]
truth = json.load(open(os.path.join(data, "ground-truth.json")))
for page_id, entry in sorted(truth.items()):
    print(f"{page_id}\t{os.path.join(data, 'html', page_id + '.html.gz')}\t{entry['url']}")
PY
start=$(date +%s.%N)
target/release/cuttings extract --batch "$out.list" --out-dir "$out" --text
end=$(date +%s.%N)
elapsed=$(python3 -c "print($end - $start)")
echo "181 pages in ${elapsed} s (one process, release, including start-up)"
python3 "$score" --outputs "$out" --elapsed "$elapsed" --data "$data" "${@:2}"
