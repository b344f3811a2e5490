"""Per-article work from the build cache (Markdown to HTML, search text, QR code): a warm build writes every byte a
clean build writes, on the demo and on a 300-article corpus, after edits, a linked article's new address, deletions
and a new article; a damaged entry is made again; a cache made by another version of the program is not read.

Two clean builds of the same inputs differ only in the time the build stamps on the log pages; SOURCE_DATE_EPOCH
fixes it, so whole output trees are compared with nothing left out."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path


from generator.support import cache
from cachedbuilds import build, differences, same_build_time  # noqa: F401 (autouse)

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from benchmarks import scale_corpus  # noqa: E402

LINKING = """---
title: "Bài dẫn sang bài khác"
date: {date}
category: chinh-quyen-so
slug: bai-dan-sang
---

Xem thêm [bài được dẫn](bai-duoc-dan.md#muc-hai) và [đầu bài đó](bai-duoc-dan.md).
"""
LINKED = """---
title: "Bài được dẫn tới"
date: {date}
category: chinh-quyen-so
slug: {slug}
---

Mở đầu.

## Mục hai

Nội dung mục hai.
"""
MARK = "CU-PHIEN-BAN-KHAC"
NEW = """---
title: "Bài mới viết sau lần build trước"
date: {date}
category: chinh-quyen-so
---

Nội dung bài mới, có [liên kết](bai-dan-sang.md).
"""


def _edit_between_builds(folder: Path, date: str) -> None:
    """An edited body, the linked article moved to a new address (its slug), one article deleted, one new."""
    arts = sorted(p for p in folder.rglob("*.md") if p.name not in ("bai-dan-sang.md", "bai-duoc-dan.md"))
    arts[0].write_text(arts[0].read_text(encoding="utf-8") + "\n\nĐoạn thêm vào thân bài.\n", encoding="utf-8")
    gone = next(ln for ln in arts[1].read_text(encoding="utf-8").split("\n") if ln.startswith("date:"))
    arts[1].unlink()
    (folder / "bai-duoc-dan.md").write_text(LINKED.format(date=date, slug="dia-chi-moi"), encoding="utf-8")
    # in the deleted article's week: the frequency targets are met as before
    new = NEW.replace("date: {date}", gone)
    (folder / "bai-moi-sau-build.md").write_text(new, encoding="utf-8")


def _run_sequence(root: Path, folder: Path, date: str, tmp_path: Path, monkeypatch, as_of: str | None = None):
    (folder / "bai-dan-sang.md").write_text(LINKING.format(date=date), encoding="utf-8")
    (folder / "bai-duoc-dan.md").write_text(LINKED.format(date=date, slug="dia-chi-cu"), encoding="utf-8")
    kept, out = tmp_path / "cache", tmp_path / "out"
    first = build(root, out, kept, monkeypatch, as_of)
    assert "bai-viet/dia-chi-cu/index.html" in first
    warm = build(root, out, kept, monkeypatch, as_of)
    assert cache.current().hits and cache.current().misses == 0  # nothing made again
    assert not differences(first, warm), differences(first, warm)[:20]

    _edit_between_builds(folder, date)
    warm = build(root, out, kept, monkeypatch, as_of)
    clean = build(root, out, tmp_path / "fresh-cache", monkeypatch, as_of)
    assert not differences(warm, clean), differences(warm, clean)[:20]
    linking = warm["bai-viet/bai-dan-sang/index.html"].decode()
    assert 'href="../dia-chi-moi/#muc-hai"' in linking and "dia-chi-cu" not in linking
    assert "bai-viet/dia-chi-cu/index.html" not in warm
    return kept, out, clean


def test_demo_warm_build_equals_clean_build_after_edits(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root)
    for folder in ("content", "feeds", "cau-hoi", "ban-tin"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, root / folder)
    kept, out, clean = _run_sequence(root, root / "content" / "bai-viet" / "2026", "2026-11-17 09:00",
                                     tmp_path, monkeypatch)

    # every page conversion entry damaged: ignored, made again, same output
    damaged = 0
    for entry in (p for p in (kept / "objects").rglob("*") if p.is_file()):
        raw = entry.read_bytes()
        if b'"content":' in raw:
            entry.write_bytes(raw.replace(b'"content":"', b'"content":"<p>sai</p>', 1))
            damaged += 1
    assert damaged > 20
    again = build(root, out, kept, monkeypatch)
    assert not differences(again, clean), differences(again, clean)[:20]
    still_bad = [p for p in (kept / "objects").rglob("*") if p.is_file() and b"<p>sai</p>" in p.read_bytes()]
    # left damaged: only the four results no page needs any more (the edited body, the deleted article, the moved
    # article at its old address, the linking article with the old address); every other one was made again
    assert len(still_bad) == 4
    assert all(cache.Cache(kept).get(p.parent.name + p.name) is None for p in still_bad)


def test_a_cache_from_another_version_is_not_read(tmp_path, monkeypatch):
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root)
    for folder in ("content", "feeds"):
        shutil.copytree(REPO / folder, root / folder)
    kept = tmp_path / "cache"
    real = cache.code_digest()
    monkeypatch.setattr(cache, "_code", "0123456789abcdef")  # the entries of another program
    build(root, tmp_path / "out", kept, monkeypatch)
    # every entry of that program made valid but marked: printed if it were ever read
    store = cache.Cache(kept)
    for entry in [p for p in (kept / "objects").rglob("*") if p.is_file()]:
        k = entry.parent.name + entry.name
        data = store.get(k)
        if data.startswith(b'{"content":'):
            page = json.loads(data)
            page["content"] = f"<p>{MARK}</p>"
            data = json.dumps(page).encode()
        elif not data.startswith(b"["):
            data = MARK.encode()
        entry.unlink()
        cache.Cache(kept).put(k, data)
    other = build(root, tmp_path / "out", kept, monkeypatch)
    assert any(MARK.encode() in v for v in other.values())  # that program finds them

    monkeypatch.setattr(cache, "_code", real)
    ours = build(root, tmp_path / "out", kept, monkeypatch)
    assert not [k for k, v in ours.items() if MARK.encode() in v]


def test_corpus_of_300_warm_build_equals_clean_build_after_edits(tmp_path, monkeypatch):
    root = tmp_path / "site"
    scale_corpus.write_site(root, scale_corpus.posts(300), scale_corpus.feed_items(3000))
    folder = next(p.parent for p in (root / "content").rglob("*.md") if "bai-viet" in p.parts)
    as_of = scale_corpus.AS_OF.strftime("%Y-%m-%dT%H:%M")
    date = (scale_corpus.AS_OF.replace(hour=8) - __import__("datetime").timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
    _run_sequence(root, folder, date, tmp_path, monkeypatch, as_of)
