#!/usr/bin/env python3
"""Copies the sample of wcxb-dev that CI scores into tests/extraction-bench/wcxb-sample/: every page whose id is a
multiple of 3 (499 of the 1,497, all seven kinds in about their proportions), with its truth, metadata and kind.

  scripts/make-wcxb-sample.py [WCXB_DEV_DIR]     (default ../shared/extraction-bench/wcxb-dev)

The sample is chosen by id alone, never by how the extractor does on a page. WCXB is CC-BY-4.0 (see the LICENSE
copied beside the sample).
"""
import json, pathlib, shutil, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
source = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "extraction-bench" / "wcxb-dev"
target = ROOT / "tests" / "extraction-bench" / "wcxb-sample"
truth = json.loads((source / "ground-truth.json").read_text(encoding="utf-8"))
meta = json.loads((source / "meta.json").read_text(encoding="utf-8"))
chosen = sorted(i for i in truth if int(i) % 3 == 0)
if target.exists():
    shutil.rmtree(target)
(target / "html").mkdir(parents=True)
for i in chosen:
    shutil.copyfile(source / "html" / f"{i}.html.gz", target / "html" / f"{i}.html.gz")
dump = lambda value: json.dumps(value, ensure_ascii=False, indent=0, sort_keys=True) + "\n"
(target / "ground-truth.json").write_text(dump({i: {"articleBody": truth[i]["articleBody"], "url": truth[i]["url"]}
                                                for i in chosen}), encoding="utf-8")
(target / "meta.json").write_text(dump({i: meta[i] for i in chosen}), encoding="utf-8")
shutil.copyfile(source / "LICENSE", target / "LICENSE")
kinds = {}
for i in chosen:
    kinds[meta[i]["page_type"]] = kinds.get(meta[i]["page_type"], 0) + 1
print(f"{len(chosen)} pages copied to {target}: {kinds}")
