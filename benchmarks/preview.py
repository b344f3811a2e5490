"""Save -> served in `chuyentrang serve`, on the scale benchmark's corpus: a body edit, a title change, a new article
(medians of --repeat runs). For reference, on the same corpus: `mkdocs serve` (one save, whole rebuild, with a
timeout), `chuyentrang build` clean and then with its cache after one new article, and Hugo's clean build of the
same articles (a minimal layout written here). Figures printed.

    .venv/bin/python benchmarks/preview.py --articles 2000 --items 20000 [--repeat 3] [--no-mkdocs-serve]
    .venv/bin/python benchmarks/preview.py --articles 10000 --items 50000 --corpus /tmp/mem10k-final/site --repeat 3
"""
from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "preview"))

from benchmarks import scale_corpus  # noqa: E402
from servehelp import Served  # noqa: E402
from generator.core.slugs import article_slug  # noqa: E402

AS_OF = scale_corpus.AS_OF.strftime("%Y-%m-%dT%H:%M")
HUGO = shutil.which("hugo") or "/usr/bin/hugo"


def _wait_for(served: Served, path: str, needle: bytes, timeout: float = 120) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        status, body = served.get(path)
        if status == 200 and needle in body:
            return time.perf_counter()
        time.sleep(0.01)
    raise SystemExit(f"{path} never showed {needle!r}:\n{served.log.read_text()[-3000:]}")


def serve_figures(root: Path, repeat: int) -> dict[str, list[float]]:
    """Each figure: from the file written to the page served with the change (polled every 10 ms)."""
    served = Served(root / "mkdocs.yml", "--as-of", AS_OF, start_timeout=1800)  # the first build: minutes at 10k
    times: dict[str, list[float]] = {"body edit": [], "title change": [], "new article": []}
    try:
        arts = sorted((root / "content").rglob("*.md"))
        for n in range(repeat):
            p = arts[len(arts) // 2 + n]
            text = p.read_text(encoding="utf-8")
            mark = f"Đoạn đo thời gian {n}"
            t0 = time.perf_counter()
            p.write_text(text + f"\n\n{mark}\n", encoding="utf-8")
            times["body edit"].append(_wait_for(served, f"bai-viet/{p.stem}/", mark.encode()) - t0)
            # a new title: a new slug, so a new URL; the week, month, category, tag and home pages rendered again
            title = f"Bài đo tiêu đề mới số {n}"
            text = p.read_text(encoding="utf-8")
            front, _, body = text.partition("\n---\n")
            front = "\n".join(f'title: "{title}"' if ln.startswith("title:") else ln for ln in front.split("\n"))
            t0 = time.perf_counter()
            p.write_text(front + "\n---\n" + body, encoding="utf-8")
            times["title change"].append(_wait_for(served, f"bai-viet/{article_slug(title)}/", title.encode()) - t0)
            t0 = time.perf_counter()
            (p.parent / f"bai-do-{n}.md").write_text(
                f'---\ntitle: "Bài đo số {n}"\ndate: 2026-11-19 08:00\ncategory: kinh-te-so\n---\n\nNội dung đo {n}.\n',
                encoding="utf-8")
            times["new article"].append(
                _wait_for(served, f"bai-viet/{article_slug(f'Bài đo số {n}')}/", f"Nội dung đo {n}".encode()) - t0)
    finally:
        served.stop()
    return times


def _new_article(root: Path, name: str, title: str, text: str) -> None:
    (root / "content" / "bai-viet" / f"{name}.md").write_text(
        f'---\ntitle: "{title}"\ndate: 2026-11-19 08:00\ncategory: kinh-te-so\n---\n\n{text}\n', encoding="utf-8")


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return 0, b""


def mkdocs_serve_figure(root: Path, timeout: float) -> str:
    """`mkdocs serve` (the plugin, a whole rebuild on each save): one body edit, save -> served."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = root / ".mkdocs-serve.log"
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"),
                             "-a", f"127.0.0.1:{port}"], cwd=root,
                            stdout=open(log, "w"), stderr=subprocess.STDOUT)
    try:
        p = sorted((root / "content").rglob("*.md"))[7]
        url = f"http://127.0.0.1:{port}/bai-viet/{p.stem}/"
        start = time.perf_counter()
        while _get(url)[0] != 200:
            if proc.poll() is not None or time.perf_counter() - start > timeout:
                return f"did not start within {timeout:.0f} s (log: {log.read_text()[-300:]!r})"
            time.sleep(0.5)
        started = time.perf_counter() - start
        mark = "Đoạn đo mkdocs serve"
        t0 = time.perf_counter()
        p.write_text(p.read_text(encoding="utf-8") + f"\n\n{mark}\n", encoding="utf-8")
        while mark.encode() not in _get(url)[1]:
            if proc.poll() is not None or time.perf_counter() - t0 > timeout:
                return f"not served within {timeout:.0f} s"
            time.sleep(0.05)
        return f"{time.perf_counter() - t0:.2f} s (first build {started:.1f} s)"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()


def timed(cmd: list[str], cwd: Path) -> float:
    t0 = time.perf_counter()
    r = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if r.returncode:
        raise SystemExit(f"{cmd[0]} failed:\n{r.stdout[-2000:]}{r.stderr[-2000:]}")
    return time.perf_counter() - t0


def hugo_site(root: Path, posts) -> Path:
    """The same articles as a Hugo site with a minimal layout (a page per article, paginated lists)."""
    (root / "layouts" / "_default").mkdir(parents=True)
    (root / "hugo.toml").write_text('baseURL = "https://chuyendoiso.example.gov.vn/"\ntitle = "Chuyên trang"\n'
                                    'languageCode = "vi"\n[pagination]\npagerSize = 20\n', encoding="utf-8")
    base = ('<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>'
            '<body><nav><a href="/">Trang chủ</a></nav><main>{{ block "main" . }}{{ end }}</main></body></html>')
    (root / "layouts" / "_default" / "baseof.html").write_text(base, encoding="utf-8")
    (root / "layouts" / "_default" / "single.html").write_text(
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "02/01/2006" }}</time>'
        '{{ .Content }}</article>{{ end }}', encoding="utf-8")
    (root / "layouts" / "_default" / "list.html").write_text(
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}<h2><a href="{{ .RelPermalink }}">'
        '{{ .Title }}</a></h2><p>{{ .Summary }}</p>{{ end }}{{ end }}', encoding="utf-8")
    d = root / "content" / "bai-viet"
    d.mkdir(parents=True)
    for p in posts:
        cat = scale_corpus.CATEGORIES[p.category][0]
        (d / f"{p.slug}.md").write_text(
            f"---\ntitle: {scale_corpus._yaml_str(p.title)}\ndate: {p.date.isoformat()}\ncategories: [{cat}]\n"
            f"tags: [{', '.join(p.tags)}]\n---\n\n{p.body}", encoding="utf-8")
    return root


def median(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} s" if values else "-"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--items", type=int, default=20000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-mkdocs-serve", action="store_true", help="leave out the `mkdocs serve` reference")
    ap.add_argument("--serve-only", action="store_true", help="only `chuyentrang serve` (no builds, no Hugo)")
    ap.add_argument("--corpus", type=Path, help="an existing corpus (its folder with mkdocs.yml), copied first "
                    "(the benchmark edits its files): serve only; --articles and --items are then only printed")
    ap.add_argument("--mkdocs-timeout", type=float, default=600, help="seconds allowed to `mkdocs serve`")
    args = ap.parse_args(argv)
    load = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as tmp:
        tmp = Path(tmp)
        site = tmp / "site"
        if args.corpus is not None:
            shutil.copytree(args.corpus, site)
            args.serve_only = True
        else:
            posts = scale_corpus.posts(args.articles)
            scale_corpus.write_site(site, posts, scale_corpus.feed_items(args.items))
        build = [sys.executable, "-m", "generator", "build", "--as-of", AS_OF, "-d", str(tmp / "out")]
        clean = cached = None
        if not args.serve_only:
            shutil.rmtree(site / ".cache", ignore_errors=True)
            clean = timed(build, site)  # no cache yet: everything made
            _new_article(site, "bai-do-bo-dem", "Bài đo bộ đệm", "Nội dung đo bộ đệm.")
            cached = timed(build, site)  # the cache of the clean build, one article more
            shutil.rmtree(site / ".cache", ignore_errors=True)
        hugo = "not run" if args.serve_only else "missing (apt-get install -y hugo)"
        if Path(HUGO).exists() and not args.serve_only:
            hugo_root = hugo_site(tmp / "hugo", posts)
            hugo = median([timed([HUGO, "--quiet", "-d", str(tmp / "hugo-out"), "--cleanDestinationDir"], hugo_root)
                           for _ in range(args.repeat)])
        figures = serve_figures(site, args.repeat)
        reference = "not run" if args.no_mkdocs_serve or args.serve_only else mkdocs_serve_figure(
            site, args.mkdocs_timeout)
    print(f"{args.articles} articles + {args.items} feed items; serve: median of {args.repeat}; "
          f"load average at the start {load[0]:.1f}, at the end {os.getloadavg()[0]:.1f} "
          f"({os.cpu_count()} cores)")
    for what, values in figures.items():
        print(f"  serve, save -> served, {what}: {median(values)}  (all: {', '.join(f'{v:.2f}' for v in values)})")
    print(f"  mkdocs serve, save -> served, body edit (whole rebuild): {reference}")
    if clean is not None:
        print(f"  chuyentrang build, clean (no cache): {clean:.2f} s")
        print(f"  chuyentrang build, cached, after one new article: {cached:.2f} s")
    print(f"  hugo, clean build of the same articles (minimal layout): {hugo}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
