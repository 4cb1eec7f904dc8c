#!/usr/bin/env python3
"""Scores the extractor on the development sets, with the extraction crate's own release batch example.

  scripts/score-extraction.py [--skip-build] [--worst N] [--kind KIND] [--out DIR] [--set wcxb|news|both] [--runs N]

Builds `cargo build --release -p cuttings-extract --example batch`, extracts every page of
../shared/extraction-bench/wcxb-dev (1,497 pages) and of the 181-page news set in one process each, and scores them
with the shared scorers' own functions (score.py: 4-token shingle F1; meta_score.py: title / author / date).

Printed: articles F1, all-pages F1, empty pages, per page kind (F1, and how many are typed as that kind), title / author / date on the articles, pages/s on the
181 pages (the pages decompressed first, as the benchmark's reference speeds were measured; on one core, with parsing
alone beside it, and on every core; with --runs N, the one-core run N times, every figure printed with their median: the
machine's load moves a single run by a third); and the same figures on two folds of wcxb-dev split by domain (md5 of the host, fold 0 of 5 is the
"held-out" fold). Rules are developed by reading failures from folds 1-4 only (`--worst` lists only those); the
held-out fold's figures show whether what was learned there carries over to domains never looked at.
"""
import argparse, gzip, hashlib, importlib.util, json, os, pathlib, subprocess, sys, time, urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
# ../shared/extraction-bench beside the checkout (or beside a folder above it, for a git worktree), or $CUTTINGS_BENCH.
BENCH = pathlib.Path(os.environ.get("CUTTINGS_BENCH") or next(
    (up / "shared" / "extraction-bench" for up in ROOT.parents if (up / "shared" / "extraction-bench").is_dir()),
    ROOT.parent / "shared" / "extraction-bench"))
WCXB = BENCH / "wcxb-dev"
NEWS = ROOT / "tests" / "extraction-bench" / "data"


def load(name):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


score = load("score")
meta_score = load("meta_score")


def fold_of(url):
    host = (urllib.parse.urlsplit(url).hostname or "").removeprefix("www.")
    return int(hashlib.md5(host.encode()).hexdigest(), 16) % 5


def run_batch(binary, data, out, parse_only=False, threads=None, pages=None):
    """Runs the batch example over the set in `data`, reading the pages from `pages` (id -> path) when given, and
    returns the truth and the process's wall time (start-up included, as the reference speeds were measured)."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    for old in out.iterdir():
        old.unlink()
    listing = out.with_suffix(".list")
    path = lambda i: (pages or {}).get(i) or data / "html" / (i + ".html.gz")
    listing.write_text("".join(f"{i}\t{path(i)}\t{e['url']}\n" for i, e in sorted(truth.items())))
    options = [*(["--parse-only"] if parse_only else []), *(["--threads", str(threads)] if threads else [])]
    started = time.monotonic()
    subprocess.run([binary, *options, str(listing), str(out)], check=True, stderr=subprocess.DEVNULL)
    return truth, time.monotonic() - started


def decompressed(data, folder):
    """The set's pages decompressed once into `folder` (id -> path): the benchmark's reference speeds were measured
    with the HTML already decompressed, so the timed runs read plain files too."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = {}
    for gz in sorted((data / "html").glob("*.html.gz")):
        plain = folder / gz.name.removesuffix(".gz")
        if not plain.is_file():
            plain.write_bytes(gzip.decompress(gz.read_bytes()))
        pages[gz.name.removesuffix(".html.gz")] = plain
    return pages


def page_scores(truth, out, ids):
    rows = {}
    for i in ids:
        f = out / f"{i}.txt"
        pred = score.decode(f.read_bytes()) if f.is_file() else ""
        c = score.page_counts(truth[i].get("articleBody") or "", pred)
        rows[i] = (c, not score.tokens(pred))
    return rows


def f1(rows, ids):
    ids = list(ids)
    if not ids:
        return float("nan"), 0
    _, _, f = score.aggregate([rows[i][0] for i in ids])
    return f, sum(rows[i][1] for i in ids)


def kind_of(out, i):
    f = out / f"{i}.json"
    return json.loads(f.read_text(encoding="utf-8")).get("kind") if f.is_file() else None


def meta_hits(meta, out, ids):
    hit = {"title": [0, 0], "author": [0, 0], "date": [0, 0]}
    words = lambda x: __import__("re").sub(r"[^\w\s]", " ", meta_score.norm(x)).split()
    for i in ids:
        m = meta[i]
        f = out / f"{i}.json"
        got = json.loads(f.read_text(encoding="utf-8")) if f.is_file() else {}
        if m.get("title"):
            hit["title"][1] += 1
            hit["title"][0] += meta_score.norm(got.get("title")) == meta_score.norm(m["title"])
        if m.get("author"):
            pred = words(got.get("byline") or "")
            hit["author"][1] += 1
            hit["author"][0] += bool(pred) and all(w in pred for w in words(m["author"]))
        if m.get("publish_date"):
            hit["date"][1] += 1
            hit["date"][0] += str(got.get("published") or "").startswith(m["publish_date"][:10])
    return " / ".join(f"{a / n:.3f}" if n else "-" for a, n in hit.values())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--skip-build", action="store_true")
    ap.add_argument("--worst", type=int, default=0, help="list the N lowest-F1 pages of folds 1-4")
    ap.add_argument("--kind", help="with --worst: only pages of this kind")
    ap.add_argument("--out", type=pathlib.Path, default=ROOT / "target" / "score-extraction")
    ap.add_argument("--set", choices=["wcxb", "news", "both"], default="both")
    ap.add_argument("--runs", type=int, default=1, help="time the one-core run on the 181 pages N times")
    a = ap.parse_args()
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
    if not a.skip_build:
        subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "cuttings-extract", "--example", "batch"],
                       cwd=ROOT, check=True)
    binary = str(target / "release" / "examples" / "batch")

    if a.set in ("news", "both"):
        out = a.out / "news"
        truth, _ = run_batch(binary, NEWS, out)
        rows = page_scores(truth, out, sorted(truth))
        f, empty = f1(rows, truth)
        # Speed as the benchmark's reference figures were measured: one process, the HTML already decompressed;
        # on one core (the figure the peers' single-threaded runs compare with), then on every core.
        plain = decompressed(NEWS, a.out / "news-html")
        runs = sorted(run_batch(binary, NEWS, a.out / "news-timed", threads=1, pages=plain)[1]
                      for _ in range(max(1, a.runs)))
        one_core = runs[len(runs) // 2]
        _, every_core = run_batch(binary, NEWS, a.out / "news-timed", pages=plain)
        _, parse_seconds = run_batch(binary, NEWS, a.out / "news-parse", parse_only=True, threads=1, pages=plain)
        n = len(truth)
        several = f" (median of {len(runs)}: {' / '.join(f'{n / s:.0f}' for s in runs)})" if len(runs) > 1 else ""
        print(f"181 news pages: F1 {f:.3f}, empty {empty}, {n / one_core:.0f} pages/s on one core ({one_core:.2f} s; "
              f"parsing alone {n / parse_seconds:.0f} pages/s){several}, {n / every_core:.0f} pages/s on "
              f"{os.cpu_count()} cores")

    if a.set in ("wcxb", "both"):
        out = a.out / "wcxb"
        truth, seconds = run_batch(binary, WCXB, out)
        meta = json.loads((WCXB / "meta.json").read_text(encoding="utf-8"))
        ids = sorted(truth)
        rows = page_scores(truth, out, ids)
        folds = {i: fold_of(truth[i]["url"]) for i in ids}
        articles = set((WCXB / "articles.txt").read_text().split())
        print(f"wcxb-dev ({len(ids)} pages, {len(ids) / seconds:.0f} pages/s)")
        print(f"{'':<22} {'articles F1':>11} {'all F1':>7} {'empty':>6}   title / author / date")
        for label, chosen in [("all domains", ids), ("folds 1-4 (looked at)", [i for i in ids if folds[i]]),
                              ("fold 0 (held out)", [i for i in ids if not folds[i]])]:
            art = [i for i in chosen if i in articles]
            fa, _ = f1(rows, art)
            fall, empty = f1(rows, chosen)
            print(f"{label:<22} {fa:>11.3f} {fall:>7.3f} {empty:>6}   {meta_hits(meta, out, art)}")
        print("per kind (all domains; 'typed right': pages whose kind the extractor names as the labels do):")
        typed = {i: kind_of(out, i) == meta[i]["page_type"] for i in ids}
        for kind in sorted({m["page_type"] for m in meta.values()}):
            chosen = [i for i in ids if meta[i]["page_type"] == kind]
            fk, empty = f1(rows, chosen)
            right = sum(typed[i] for i in chosen)
            print(f"  {kind:<14} {len(chosen):>4} pages  F1 {fk:.3f}  empty {empty}  typed right {right:>4}")
        share = lambda chosen: sum(typed[i] for i in chosen) / max(1, len(chosen))
        print(f"  kind typed right: all {share(ids):.3f}, folds 1-4 {share([i for i in ids if folds[i]]):.3f}, "
              f"fold 0 {share([i for i in ids if not folds[i]]):.3f}")
        if a.worst:
            looked = [i for i in ids if folds[i] and (not a.kind or meta[i]["page_type"] == a.kind)]
            looked.sort(key=lambda i: score.page_f1(rows[i][0]))
            for i in looked[: a.worst]:
                c = rows[i][0]
                print(f"  {score.page_f1(c):.3f} P={score.prec(*c):.2f} R={score.rec(*c):.2f} {i} "
                      f"{meta[i]['page_type']:<13} {truth[i]['url']}")


if __name__ == "__main__":
    main()
