"""Pages' final HTML from the build cache (generator/mkdocs_adapter/pageoutput.py): a warm build writes every byte a
clean build writes after each kind of change that reaches the theme's templates (an article's title, a template
override, a setting of `extra` or of the theme, a new article); the kept HTML is what the warm build writes (a
marked entry shows up); a damaged entry is made again.

SOURCE_DATE_EPOCH fixes the time the log pages stamp, so whole output trees are compared with nothing left out."""
from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path


from generator.support import cache
from cachedbuilds import build, differences, same_build_time  # noqa: F401 (autouse)

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from benchmarks import scale_corpus  # noqa: E402

MARK = "DANH-DAU-BAN-LUU"
NEW = """---
title: "Bài mới sau lần build trước"
date: {date}
category: chinh-quyen-so
---

Nội dung bài mới.
"""


def _page_entries(kept: Path) -> list[Path]:
    """The cache entries holding a page's HTML."""
    return [p for p in (kept / "objects").rglob("*") if p.is_file() and b"<!doctype html>" in p.read_bytes()[:200]]


def _warm_equals_clean(root: Path, tmp_path: Path, kept: Path, monkeypatch, as_of=None) -> dict:
    warm = build(root, tmp_path / "out", kept, monkeypatch, as_of)
    fresh = tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}"  # a clean build: a new, empty cache
    clean = build(root, tmp_path / "out", fresh, monkeypatch, as_of)
    assert not differences(warm, clean), differences(warm, clean)[:20]
    return warm


def _set_title(article: Path, title: str) -> None:
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"^title: .*$", f'title: "{title}"', text, count=1, flags=re.M), encoding="utf-8")


def _demo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root)
    for folder in ("content", "feeds", "cau-hoi", "ban-tin"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    # a site's own template override, read by every page (Material's logo partial, in the header)
    (root / "overrides" / "partials").mkdir(parents=True)
    (root / "overrides" / "partials" / "logo.html").write_text('<span class="logo-rieng">CĐS</span>\n', encoding="utf-8")
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1),
                   encoding="utf-8")
    return root


def test_demo_warm_build_equals_clean_build_after_each_kind_of_change(tmp_path, monkeypatch):
    root = _demo(tmp_path)
    kept = tmp_path / "cache"
    first = build(root, tmp_path / "out", kept, monkeypatch)
    assert 'class="logo-rieng"' in first["index.html"].decode()
    entries = _page_entries(kept)
    assert len(entries) > 100  # every page's HTML kept

    # (a) nothing changed: the same bytes, every page from the cache (a marked entry is what gets written)
    assert not differences(first, build(root, tmp_path / "out", kept, monkeypatch))
    marked = 0
    for entry in entries:
        k = entry.parent.name + entry.name
        data = cache.Cache(kept).get(k)
        entry.unlink()
        cache.Cache(kept).put(k, data.replace(b"</body>", f"<!-- {MARK} --></body>".encode(), 1))
        marked += 1
    warm = build(root, tmp_path / "out", kept, monkeypatch)
    shown = [k for k, v in warm.items() if MARK.encode() in v]
    assert len(shown) == marked
    # a damaged entry (its bytes no longer match their hash) is not read: the page is rendered and kept again
    for entry in entries:
        raw = entry.read_bytes()
        entry.write_bytes(raw.replace(MARK.encode(), b"HONG-" + MARK.encode()[5:], 1))
    again = build(root, tmp_path / "out", kept, monkeypatch)
    assert not differences(first, again), differences(first, again)[:20]
    assert not [p for p in _page_entries(kept) if b"HONG-" in p.read_bytes()]

    # (b) an article's title: its page, the listings that show it, the home page
    article = sorted((root / "content" / "bai-viet" / "2026").glob("*.md"))[3]
    _set_title(article, "Tiêu đề đã sửa của một bài")
    warm = _warm_equals_clean(root, tmp_path, kept, monkeypatch)
    assert any("Tiêu đề đã sửa của một bài" in v.decode("utf-8", "replace") for k, v in warm.items()
               if k.endswith("index.html") and not k.startswith("bai-viet/"))

    # (c) the template override: every page's header
    (root / "overrides" / "partials" / "logo.html").write_text('<span class="logo-moi">CĐS</span>\n', encoding="utf-8")
    warm = _warm_equals_clean(root, tmp_path, kept, monkeypatch)
    assert 'class="logo-moi"' in warm["index.html"].decode()

    # (d) a setting of `extra` the header reads (the logo's link), then one of the theme (its colour)
    yml = root / "mkdocs.yml"
    yml.write_text(yml.read_text(encoding="utf-8") + "\nextra:\n  homepage: https://tinh.example.gov.vn/\n",
                   encoding="utf-8")
    warm = _warm_equals_clean(root, tmp_path, kept, monkeypatch)
    assert 'href="https://tinh.example.gov.vn/"' in warm["index.html"].decode()
    yml.write_text(yml.read_text(encoding="utf-8").replace("primary: indigo", "primary: teal"), encoding="utf-8")
    warm = _warm_equals_clean(root, tmp_path, kept, monkeypatch)
    assert 'data-md-color-primary="teal"' in warm["index.html"].decode()

    # (e) a new article: its page, the listings, the neighbours
    date = next(ln for ln in article.read_text(encoding="utf-8").split("\n") if ln.startswith("date:"))[6:]
    (article.parent / "bai-moi-sau-build.md").write_text(NEW.format(date=date), encoding="utf-8")
    warm = _warm_equals_clean(root, tmp_path, kept, monkeypatch)
    assert any("Bài mới sau lần build trước" in v.decode("utf-8", "replace") for k, v in warm.items()
               if k.startswith("bai-viet/") and k.endswith("index.html"))


def test_corpus_of_300_warm_build_equals_clean_build_after_a_title_change_and_a_new_article(tmp_path, monkeypatch):
    root = tmp_path / "site"
    scale_corpus.write_site(root, scale_corpus.posts(300), scale_corpus.feed_items(3000))
    articles = sorted(p for p in (root / "content").rglob("*.md") if "bai-viet" in p.parts)
    as_of = scale_corpus.AS_OF.strftime("%Y-%m-%dT%H:%M")
    kept = tmp_path / "cache"
    first = build(root, tmp_path / "out", kept, monkeypatch, as_of)
    assert len(_page_entries(kept)) > 300
    warm = build(root, tmp_path / "out", kept, monkeypatch, as_of)
    assert not differences(first, warm), differences(first, warm)[:20]

    _set_title(articles[len(articles) // 2], "Tiêu đề mới của bài giữa kho")
    date = next(ln for ln in articles[-1].read_text(encoding="utf-8").split("\n") if ln.startswith("date:"))[6:]
    (articles[-1].parent / "bai-moi-sau-build.md").write_text(NEW.format(date=date), encoding="utf-8")
    _warm_equals_clean(root, tmp_path, kept, monkeypatch, as_of)
