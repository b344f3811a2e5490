"""Scale benchmark: a five-year site built with chuyentrang, and the same articles with Material's blog plugin.

    .venv/bin/python benchmarks/scale.py --preset 2k            # 2,000 articles + 20,000 feed items
    .venv/bin/python benchmarks/scale.py --preset 10k --skip-blog
    .venv/bin/python benchmarks/scale.py --articles 500 --items 5000 --keep /tmp/corpus

For each build: wall time, peak memory (max RSS of the build process, from ``wait4``), output size, and the bytes a
first search downloads (chuyentrang: manifest + shards + result metadata of its sharded index, when the build has
one; Material: ``search/search_index.json``, which its search loads whole). Also: ``chuyentrang check`` alone.
Whole builds only: wall time and CPU time (user + system of the build and every process it forked; the build keeps
every core busy, so CPU time is also the steadier figure on a shared machine). Runs one build at a time; times on a
shared machine are noisy, so chuyentrang's build and check are timed ``--repeat`` times (default 3) and the median
shown; the blog build (minutes) once. chuyentrang's builds start with an empty build cache (as a fresh clone's
first build); then the same build with the cache a scheduled CI run restores (filled once, timed unchanged).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks import scale_corpus  # noqa: E402

PY = sys.executable
BIN = Path(PY).parent
AS_OF = scale_corpus.AS_OF.strftime("%Y-%m-%dT%H:%M")
QUERY = "chuyển đổi số"
PRESETS = {"small": (300, 3_000), "2k": (2_000, 20_000), "10k": (10_000, 50_000)}
# Targets of issue 7.
SPEEDUP_MIN = 5.0
MEMORY_MAX = 1 << 30
CHECK_MAX_S = 2.0


@dataclass
class Run:
    name: str
    seconds: float = 0.0
    peak_rss: int = 0  # bytes
    exit: int = 0
    output_bytes: int = 0
    output_files: int = 0
    search_bytes: int | None = None
    notes: list[str] = field(default_factory=list)
    all_seconds: list[float] = field(default_factory=list)  # every timed build, in order; ``seconds`` is their median
    cpu_seconds: float = 0.0  # user + system CPU of the build with the median wall time, all its processes


def measure(cmd: list[str], cwd: Path, timeout: float | None = None, env: dict | None = None
            ) -> tuple[float, int, int, str, float]:
    """Run ``cmd``; return (wall seconds, peak RSS in bytes of that process, exit code, stderr tail, CPU seconds: user
    + system of the process and of the children it waited for)."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONHASHSEED": "0", **(env or {})})
    err_chunks: list[str] = []
    # wait4 gives this child's own rusage (RUSAGE_CHILDREN would be the maximum over every child so far)
    import threading

    reader = threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    deadline = None if timeout is None else started + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if deadline and time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    reader.join(5)
    tail = "".join(err_chunks)[-2000:]
    return seconds, usage.ru_maxrss * 1024, proc.returncode, tail, usage.ru_utime + usage.ru_stime


def tree_size(path: Path) -> tuple[int, int]:
    total = files = 0
    for dirpath, _dirs, names in os.walk(path):
        for n in names:
            total += os.stat(os.path.join(dirpath, n)).st_size
            files += 1
    return total, files


def chuyentrang_search_bytes(site_dir: Path, query: str = QUERY) -> int | None:
    """Bytes of index data a first query downloads from chuyentrang's sharded index (JavaScript not counted, as for
    Material's ``search_index.json``). Measured with the real client in Node (benchmarks/search_size.py) when node is
    there; else estimated: the manifest, the query's word and phrase shards, the metadata chunks of its first ten
    hits. None when the build has no index."""
    manifests = [p for p in site_dir.rglob("manifest.json") if (p.parent / "u").is_dir()]
    if not manifests:
        return None
    try:
        from benchmarks import search_size

        fetched = search_size.ours_query(manifests[0].parent, [query])[0]["fetched"]
        return search_size.ours_bytes(manifests[0].parent, fetched)["data_raw"]
    except Exception as exc:  # no node, or the helper changed: estimate instead
        print(f"search bytes estimated ({type(exc).__name__}: {exc})", file=sys.stderr)
    from generator.search.index import decode_ids
    from generator.search.text import bucket_of, fold, phrases

    root = manifests[0].parent
    man = json.loads(manifests[0].read_bytes())
    total = manifests[0].stat().st_size
    keys = [fold(w) for run in phrases(query) for w in run]
    hits: set[int] | None = None
    for shard in sorted({bucket_of(k, man["ub"]) for k in keys}):
        total += (root / "u" / f"{shard}.json").stat().st_size
    for k in keys:
        data = json.loads((root / "u" / f"{bucket_of(k, man['ub'])}.json").read_bytes()).get(k, {})
        ids = {i for ids, _w in data.values() for i in decode_ids(ids)}
        hits = ids if hits is None else hits & ids
    pairs = {f"{a} {b}" for a, b in zip(keys, keys[1:])}
    for shard in sorted({bucket_of(p, man["bb"]) for p in pairs}):
        total += (root / "b" / f"{shard}.json").stat().st_size
    for chunk in sorted({i // man["chunk"] for i in sorted(hits or ())[:10]}):
        total += (root / "m" / f"{chunk}.json").stat().st_size
    return total


def _median_at(values: list[float]) -> int:
    """Index of the median of ``values`` (the upper middle one of an even number): a run's figures stay together."""
    return sorted(range(len(values)), key=values.__getitem__)[len(values) // 2]


def build_chuyentrang(site_root: Path, out: Path, repeat: int = 1, cache_dir: Path | None = None,
                      name: str = "chuyentrang") -> Run:
    """``repeat`` builds (the output folder removed before each): wall time and CPU time of the median run (the
    upper middle one of an even number), peak memory the maximum. ``cache_dir``: the build cache the builds use and
    keep (a warm build); None: each build starts with an empty cache (a clean build, as a fresh clone's first)."""
    run = Run(name)
    cpus = []
    for _ in range(repeat):
        shutil.rmtree(out, ignore_errors=True)
        kept = cache_dir or Path(tempfile.mkdtemp(prefix="chuyentrang-cache-"))
        seconds, rss, run.exit, err, cpu = measure(
            [str(BIN / "chuyentrang"), "build", "--as-of", AS_OF, "-d", str(out)], site_root,
            env={"CHUYENTRANG_CACHE_DIR": str(kept)})
        if cache_dir is None:  # the last clean build's cache is left in out/../cache for a warm build
            last = out.parent / "cache"
            shutil.rmtree(last, ignore_errors=True)
            shutil.move(kept, last)
        if run.exit:
            raise SystemExit(f"chuyentrang build failed ({run.exit}):\n{err}")
        run.all_seconds.append(seconds)
        cpus.append(cpu)
        run.peak_rss = max(run.peak_rss, rss)
    median = _median_at(run.all_seconds)
    run.seconds, run.cpu_seconds = run.all_seconds[median], cpus[median]
    run.output_bytes, run.output_files = tree_size(out)
    run.search_bytes = chuyentrang_search_bytes(out)
    if run.search_bytes is None:
        run.notes.append("no search index in the build")
    return run


def build_blog(blog_root: Path, out: Path, timeout: float) -> Run:
    run = Run("Material blog plugin")
    run.seconds, run.peak_rss, run.exit, err, run.cpu_seconds = measure(
        [str(BIN / "mkdocs"), "build", "-q", "-d", str(out)], blog_root, timeout)
    if run.exit:
        run.notes.append(f"exit {run.exit} after {run.seconds:.0f} s (timeout {timeout:.0f} s?): {err[-300:]}")
        return run
    run.output_bytes, run.output_files = tree_size(out)
    index = out / "search" / "search_index.json"
    run.search_bytes = index.stat().st_size if index.exists() else None
    return run


def time_check(site_root: Path, repeat: int = 1) -> list[float]:
    """Wall time of ``repeat`` runs of ``chuyentrang check``, in order."""
    times = []
    for _ in range(repeat):
        seconds, _rss, code, err, _cpu = measure([str(BIN / "chuyentrang"), "check", "--as-of", AS_OF], site_root)
        if code:
            raise SystemExit(f"chuyentrang check failed ({code}):\n{err}")
        times.append(seconds)
    return times


def mib(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def kib(n: int | None) -> str:
    return "—" if n is None else f"{n / 1024:,.0f} KiB"


def ratio(a: float | None, b: float | None) -> str:
    return "—" if not a or not b else f"{a / b:.1f}×"


def table(n: int, m: int, ct: Run, blog: Run | None, check_runs: list[float], warm: Run | None = None) -> str:
    rows = [("", "chuyentrang", f"Material blog plugin ({n:,} bài)" if blog else "Material blog plugin", "blog ÷ chuyentrang")]
    b = blog if blog and not blog.notes else None

    def row(label, f, raw):
        rows.append((label, f(raw(ct)), f(raw(b)) if b else "—", ratio(raw(b), raw(ct)) if b else "—"))

    row("Build wall time" + (f" (median of {len(ct.all_seconds)})" if len(ct.all_seconds) > 1 else ""),
        lambda v: f"{v:,.1f} s", lambda r: r.seconds)
    row("Build CPU time (user + system, all processes)", lambda v: f"{v:,.1f} s", lambda r: r.cpu_seconds)
    if warm is not None:
        rows.append(("Build wall time, warm cache (the next build, nothing changed)", f"{warm.seconds:,.1f} s", "—",
                     ratio(b.seconds, warm.seconds) if b else "—"))
        rows.append(("Build CPU time, warm cache", f"{warm.cpu_seconds:,.1f} s", "—", "—"))
    row("Peak memory (RSS)", mib, lambda r: r.peak_rss)
    row("Output size", mib, lambda r: r.output_bytes)
    row("Output files", lambda v: f"{v:,}", lambda r: r.output_files)
    row(f"Search bytes, first query ({QUERY})", kib, lambda r: r.search_bytes)
    widths = [max(len(str(r[i])) for r in rows) for i in range(4)]
    lines = ["| " + " | ".join(str(c).ljust(w) for c, w in zip(r, widths)) + " |" for r in rows]
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    check_s = check_runs[_median_at(check_runs)]
    if len(ct.all_seconds) > 1:
        lines.append("")
        lines.append("chuyentrang builds: " + " / ".join(f"{v:.1f} s" for v in ct.all_seconds) + " (one blog build: it "
                     "takes minutes)")
    lines += [
        "",
        f"Corpus: {n:,} articles (~400 words, 5 years, 6 categories), {m:,} feed items (5 sources, 3 channels).",
        f"`chuyentrang check` alone: {check_s:.2f} s"
        + (f" (median of {', '.join(f'{v:.2f}' for v in check_runs)})" if len(check_runs) > 1 else "")
        + f" (target < {CHECK_MAX_S:.0f} s at 10k + 50k).",
    ]
    if blog and blog.notes:
        lines.append("Material blog plugin: " + "; ".join(blog.notes))
    if ct.notes:
        lines.append("chuyentrang: " + "; ".join(ct.notes))
    return "\n".join(lines)


def _positive(text: str) -> int:
    n = int(text)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {n}")
    return n


def versions() -> str:
    v = {k: metadata.version(k) for k in ("mkdocs", "mkdocs-material", "markdown")}
    return (f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), Python {platform.python_version()}, "
            f"MkDocs {v['mkdocs']}, Material {v['mkdocs-material']}, Markdown {v['markdown']}")


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--preset", choices=PRESETS, help="small = 300 + 3,000; 2k = 2,000 + 20,000; 10k = 10,000 + 50,000")
    p.add_argument("--articles", type=int, help="number of articles (N)")
    p.add_argument("--items", type=int, help="number of feed items (M)")
    p.add_argument("--skip-blog", action="store_true", help="do not build the Material blog for comparison")
    p.add_argument("--blog-timeout", type=float, default=1800, help="give up on the blog build after this (s)")
    p.add_argument("--repeat", type=_positive, default=3,
                   help="chuyentrang builds and checks timed this many times; the median is shown (default 3)")
    p.add_argument("--no-warm", action="store_true", help="leave out the build with a warm cache")
    p.add_argument("--keep", type=Path, help="write the corpus and the builds here and keep them")
    p.add_argument("--json", type=Path, help="also write the figures as JSON to this file")
    a = p.parse_args(argv)
    n, m = PRESETS[a.preset] if a.preset else PRESETS["small"]
    n, m = a.articles or n, a.items or m

    work = a.keep or Path(tempfile.mkdtemp(prefix="chuyentrang-scale-"))
    try:
        t = time.perf_counter()
        marker = work / "corpus.txt"  # a kept corpus of the same size is reused (it is deterministic)
        made = marker.read_text().split() if marker.exists() else []
        if made[:2] != [str(n), str(m)] or (not a.skip_blog and "blog" not in made):
            for sub in ("site", "blog"):
                shutil.rmtree(work / sub, ignore_errors=True)
            posts = scale_corpus.posts(n)
            scale_corpus.write_site(work / "site", posts, scale_corpus.feed_items(m))
            if not a.skip_blog:
                scale_corpus.write_blog(work / "blog", posts)
            marker.write_text(f"{n} {m}" + ("" if a.skip_blog else " blog"))
        print(f"corpus: {n:,} articles, {m:,} feed items in {work} ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
        for out in ("out-chuyentrang", "out-blog"):
            shutil.rmtree(work / out, ignore_errors=True)

        ct = build_chuyentrang(work / "site", work / "out-chuyentrang", a.repeat)
        print(f"chuyentrang build: {ct.seconds:.1f} s ({' / '.join(f'{v:.1f}' for v in ct.all_seconds)})",
              file=sys.stderr)
        # the build cache a scheduled CI run restores (.cache/chuyentrang/): filled once, then timed unchanged
        warm = None
        if not a.no_warm:
            kept = work / "cache"  # the cache the last clean build filled
            warm = build_chuyentrang(work / "site", work / "out-chuyentrang", a.repeat, kept, "chuyentrang, warm cache")
            print(f"chuyentrang build, warm cache: {warm.seconds:.1f} s", file=sys.stderr)
        check_runs = time_check(work / "site", a.repeat)
        blog = None
        if not a.skip_blog:
            blog = build_blog(work / "blog", work / "out-blog", a.blog_timeout)
            print(f"blog build: {blog.seconds:.1f} s", file=sys.stderr)

        print(f"\n{versions()}\n")
        print(table(n, m, ct, blog, check_runs, warm))
        if a.json:
            a.json.write_text(json.dumps({
                "articles": n, "items": m, "machine": versions(), "check_seconds": check_runs,
                "runs": [r.__dict__ for r in (ct, warm, blog) if r is not None]}, indent=2), encoding="utf-8")
        verdicts = []
        if blog and not blog.notes:
            verdicts.append(f"speed-up {blog.seconds / ct.seconds:.1f}× clean"
                            + (f", {blog.seconds / warm.seconds:.1f}× with a warm cache" if warm else "")
                            + f" (target ≥ {SPEEDUP_MIN:.0f}×)")
        verdicts.append(f"peak memory {mib(ct.peak_rss)} (target < 1 GiB)")
        verdicts.append(f"check {check_runs[_median_at(check_runs)]:.2f} s (target < {CHECK_MAX_S:.0f} s at 10k)")
        print("\n" + "; ".join(verdicts))
    finally:
        if not a.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
