"""Save -> served in `chuyentrang serve`, on the scale benchmark's corpus; clean `chuyentrang build` and Hugo's clean
build of the same articles (a minimal layout written here) for reference. Figures printed, medians of --repeat runs.

    .venv/bin/python benchmarks/preview.py --articles 2000 --items 20000 [--repeat 5] [--mkdocs-serve]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
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
    served = Served(root / "mkdocs.yml", "--as-of", AS_OF)
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
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="preview-bench-") as tmp:
        tmp = Path(tmp)
        posts = scale_corpus.posts(args.articles)
        scale_corpus.write_site(tmp / "site", posts, scale_corpus.feed_items(args.items))
        build = [sys.executable, "-m", "generator", "build", "--as-of", AS_OF, "-d", str(tmp / "out")]
        clean = [timed(build, tmp / "site") for _ in range(args.repeat)]
        hugo_root = hugo_site(tmp / "hugo", posts)
        hugo = [timed([HUGO, "--quiet", "-d", str(tmp / "hugo-out"), "--cleanDestinationDir"], hugo_root)
                for _ in range(args.repeat)]
        figures = serve_figures(tmp / "site", args.repeat)
    print(f"{args.articles} articles + {args.items} feed items, median of {args.repeat}")
    for what, values in figures.items():
        print(f"  serve, save -> served, {what}: {median(values)}  (all: {', '.join(f'{v:.2f}' for v in values)})")
    print(f"  chuyentrang build, clean: {median(clean)}")
    print(f"  hugo, clean build of the same articles (minimal layout): {median(hugo)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
