"""What a first search costs at 10,000 articles: our sharded index against Pagefind, by measurement.

    .venv/bin/python benchmarks/search_size.py [--articles 10000] [--words 400] [--json FILE]

Generates deterministic Vietnamese articles (benchmarks/vi_corpus.py), builds both indexes, answers a first query
with each engine's real JavaScript in Node (a fresh client per query, so nothing is cached), and prints the bytes it
downloaded: raw, and as sent with gzip (our JSON and JS, Pagefind's JS; Pagefind's index files are gzip already and
count as they are). Then both engines answer the Vietnamese cases of tests/search/vi_search_cases.py. Needs `node` and
`pagefind[bin]` (pip) in the venv. Touches no network.
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests" / "search"))

import vi_corpus  # noqa: E402
from vi_search_cases import CASES, DOCS, judge  # noqa: E402

from generator.search import SearchDoc, assets_dir, build_search_index  # noqa: E402

NODE = shutil.which("node") or "/usr/bin/node"
QUERIES = ["chuyển đổi số", "chuyen doi so", "số", "đắk nông"]
RESULTS_SHOWN = 10
PAGEFIND_ALREADY_GZIPPED = (".pf_meta", ".pf_index", ".pf_fragment", ".pagefind")


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


# ---- ours ----

def ours_build(articles, out: Path) -> dict:
    docs = [SearchDoc(f"bai-viet/{i}/", t, body, "01/01/2026", "Bài viết") for i, (t, body) in enumerate(articles)]
    return build_search_index(docs, out)


def ours_query(index_dir: Path, queries: list[str], limit: int = RESULTS_SHOWN) -> list[dict]:
    out = subprocess.run(
        [NODE, str(REPO / "tests/search/node_search.cjs"), str(assets_dir() / "search.js"), str(index_dir),
         str(limit), *queries],
        capture_output=True, text=True, check=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def ours_bytes(index_dir: Path, fetched: list[str]) -> dict:
    js = (assets_dir() / "search.js").read_bytes()
    files = [(index_dir / f).read_bytes() for f in fetched]
    return {
        "requests": 1 + len(files),
        "js_raw": len(js), "js_gzip": gz(js),
        "data_raw": sum(map(len, files)), "data_gzip": sum(gz(d) for d in files),
        "total_raw": len(js) + sum(map(len, files)),
        "total_gzip": gz(js) + sum(gz(d) for d in files),
    }


# ---- Pagefind ----

def pagefind_site(docs: list[tuple[str, str, str]], site: Path) -> None:
    for url, title, text in docs:
        page = site / url / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(
            '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
            f"<title>{html.escape(title)}</title></head><body><main data-pagefind-body>"
            f"<h1>{html.escape(title)}</h1><p>{html.escape(text)}</p></main></body></html>",
            encoding="utf-8",
        )


def pagefind_build(site: Path) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"], check=True)
    return time.perf_counter() - started


def pagefind_query(bundle: Path, queries: list[str], limit: int = RESULTS_SHOWN) -> list[dict]:
    out = subprocess.run(
        [NODE, str(REPO / "benchmarks/pagefind_query.mjs"), str(bundle), str(limit), *queries],
        capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(out)


def pagefind_bytes(bundle: Path, fetched: list[str]) -> dict:
    js_files = ["pagefind.js", "pagefind-worker.js"]  # a browser loads both (the worker runs the search)
    js = [(bundle / f).read_bytes() for f in js_files]
    data = [(bundle / f).read_bytes() for f in fetched]
    data_sent = sum(len(d) if f.endswith(PAGEFIND_ALREADY_GZIPPED) else gz(d) for f, d in zip(fetched, data))
    ui = [(bundle / f).read_bytes() for f in ("pagefind-ui.js", "pagefind-ui.css")]
    return {
        "requests": len(js) + len(data),
        "js_raw": sum(map(len, js)), "js_gzip": sum(gz(d) for d in js),
        "data_raw": sum(map(len, data)), "data_gzip": data_sent,
        "total_raw": sum(map(len, js)) + sum(map(len, data)),
        "total_gzip": sum(gz(d) for d in js) + data_sent,
        "default_ui_gzip": sum(gz(d) for d in ui),
    }


# ---- cases ----

def run_cases(work: Path) -> list[dict]:
    ours_dir = work / "cases-ours"
    build_search_index([SearchDoc(u, t, x) for u, t, x in DOCS], ours_dir)
    site = work / "cases-pagefind"
    pagefind_site(DOCS, site)
    pagefind_build(site)
    queries = [c["query"] for c in CASES]
    ours = {a["query"]: [r["url"] for r in a["results"]] for a in ours_query(ours_dir, queries, limit=50)}
    theirs = {a["query"]: [u.lstrip("/") for u in a["urls"]] for a in pagefind_query(site / "pagefind", queries, 50)}
    return [
        {"case": c["name"], "query": c["query"], "ours": judge(c, ours[c["query"]]),
         "pagefind": judge(c, theirs[c["query"]]), "pagefind_results": theirs[c["query"]]}
        for c in CASES
    ]


def kb(n: int) -> str:
    return f"{n / 1000:,.1f} KB"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    parser.add_argument("--keep", type=Path, help="build here (kept) instead of a temporary folder")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="search-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict = {"articles": args.articles, "words_per_article": args.words, "results_shown": RESULTS_SHOWN}
    try:
        started = time.perf_counter()
        articles = vi_corpus.articles(args.articles, args.words)
        report["corpus_seconds"] = round(time.perf_counter() - started, 1)
        # A whole-index client (Material's lunr search, even with its Vietnamese word rule repaired) downloads at
        # least every article's text on the first search; this is that floor.
        whole = json.dumps([{"location": f"bai-viet/{i}/", "title": t, "text": b} for i, (t, b) in
                            enumerate(articles)], ensure_ascii=False).encode("utf-8")
        report["whole_index_floor"] = {"raw": len(whole), "gzip": gz(whole)}

        stats = ours_build(articles, work / "ours")
        report["ours_build"] = stats
        answers = ours_query(work / "ours", QUERIES)
        report["ours"] = {a["query"]: {"total": a["total"], **ours_bytes(work / "ours", a["fetched"])} for a in answers}

        site = work / "pagefind-site"
        pagefind_site([(f"bai-viet/{i}/", t, b) for i, (t, b) in enumerate(articles)], site)
        pf_seconds = pagefind_build(site)
        bundle = site / "pagefind"
        pf_files = [p for p in bundle.rglob("*") if p.is_file()]
        report["pagefind_build"] = {"seconds": round(pf_seconds, 1), "files": len(pf_files),
                                    "bytes": sum(p.stat().st_size for p in pf_files)}
        answers = pagefind_query(bundle, QUERIES)
        report["pagefind"] = {a["query"]: {"total": a["total"], **pagefind_bytes(bundle, a["fetched"])}
                              for a in answers}
        report["cases"] = run_cases(work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    print(f"{args.articles:,} articles, ~{args.words} words each; a first query showing {RESULTS_SHOWN} results\n")
    print(f"{'engine':<10} {'query':<16} {'hits':>6} {'req':>4} {'JS gzip':>10} {'data gzip':>10} "
          f"{'total gzip':>11} {'total raw':>11}")
    for engine in ("ours", "pagefind"):
        for q, f in report[engine].items():
            print(f"{engine:<10} {q:<16} {f['total']:>6} {f['requests']:>4} {kb(f['js_gzip']):>10} "
                  f"{kb(f['data_gzip']):>10} {kb(f['total_gzip']):>11} {kb(f['total_raw']):>11}")
    pf_ui = next(iter(report["pagefind"].values()))["default_ui_gzip"]
    print(f"\n(Pagefind's Default UI would add {kb(pf_ui)} gzip of JS/CSS; ours ships search.css "
          f"{kb(gz((assets_dir() / 'search.css').read_bytes()))} gzip.)")
    w = report["whole_index_floor"]
    print(f"Whole-index client (Material search), floor = all article text as JSON: {kb(w['gzip'])} gzip, "
          f"{kb(w['raw'])} raw")
    s = report["ours_build"]
    print(f"\nbuild: ours {s['seconds']:.1f} s, {s['files']:,} files, {kb(s['bytes'])} "
          f"({s['word_keys']:,} words in {s['word_shards']} shards, {s['phrase_keys']:,} pairs in "
          f"{s['phrase_shards']} shards); Pagefind {report['pagefind_build']['seconds']:.1f} s, "
          f"{report['pagefind_build']['files']:,} files, {kb(report['pagefind_build']['bytes'])}")
    print("\nVietnamese cases (tests/search/vi_search_cases.py):")
    for c in report["cases"]:
        ours = "ok" if not c["ours"] else "FAIL: " + "; ".join(c["ours"])
        theirs = "ok" if not c["pagefind"] else "FAIL: " + "; ".join(c["pagefind"])
        print(f"  {c['case']:<26} ours {ours:<6} | Pagefind {theirs}")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
