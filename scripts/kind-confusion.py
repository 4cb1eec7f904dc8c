#!/usr/bin/env python3
"""Prints the page-kind classifier's confusion matrix on wcxb-dev, from the outputs of scripts/score-extraction.py.

  scripts/kind-confusion.py [OUT_DIR]      (default target/score-extraction/wcxb)

Rows are the page_type of meta.json, columns the `kind` the extractor wrote in {id}.json (EMPTY: no output). Also
prints the accuracy and how many pages came back with confidence "low".
"""
import collections, json, os, pathlib, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH = pathlib.Path(os.environ.get("CUTTINGS_BENCH", ROOT.parent / "shared" / "extraction-bench"))
KINDS = ["article", "forum", "product", "documentation", "listing", "collection", "service"]


def main():
    out = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "target" / "score-extraction" / "wcxb"
    meta = json.loads((BENCH / "wcxb-dev" / "meta.json").read_text(encoding="utf-8"))
    matrix, low = collections.Counter(), 0
    for page, m in meta.items():
        f = out / f"{page}.json"
        got = json.loads(f.read_text(encoding="utf-8")) if f.is_file() else {}
        matrix[(m["page_type"], got.get("kind", "EMPTY"))] += 1
        low += got.get("confidence") == "low"
    print("truth \\ got   " + " ".join(f"{k[:6]:>6}" for k in KINDS + ["EMPTY"]))
    for t in KINDS:
        print(f"{t:<13} " + " ".join(f"{matrix[(t, g)]:>6}" for g in KINDS + ["EMPTY"]))
    print(f"accuracy {sum(matrix[(k, k)] for k in KINDS) / len(meta):.3f}, confidence low on {low} pages")


if __name__ == "__main__":
    main()
