"""A save made while `serve`'s first build runs (seconds at thousands of articles) is not lost: the watch begins after
that build, and what was saved meanwhile is found by its time and handled as the first batch."""
from __future__ import annotations

import os
import threading
import time

from generator.preview.watch import ARCHIVE, CONTENT, FULL, Inputs, Watcher


def _site(root):
    (root / "content" / "bai-viet").mkdir(parents=True)
    (root / "feeds" / "archive").mkdir(parents=True)
    (root / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    old = root / "content" / "bai-viet" / "cu.md"
    old.write_text("---\ntitle: Cũ\n---\n", encoding="utf-8")
    return Inputs(root, root / "mkdocs.yml", root / "content", root / "feeds", [])


def _first_batch(watcher: Watcher, wait: float = 3.0) -> set[str]:
    found: list[set[str]] = []
    t = threading.Thread(target=lambda: found.append(next(watcher.batches(), set())), daemon=True)
    t.start()
    t.join(wait)
    watcher.stop()
    return found[0] if found else set()


def _backdate(root, seconds: float) -> None:
    then = time.time() - seconds
    for folder, dirs, files in os.walk(root):
        for name in files + [""]:
            os.utime(os.path.join(folder, name) if name else folder, (then, then))


def test_an_article_saved_during_the_first_build_is_handled(tmp_path):
    inputs = _site(tmp_path)
    _backdate(tmp_path, 60)
    first_read = time.time() - 0.05
    (tmp_path / "content" / "bai-viet" / "moi.md").write_text("---\ntitle: Mới\n---\n", encoding="utf-8")
    watcher = Watcher(inputs)
    watcher.start(since=first_read)
    assert _first_batch(watcher) == {CONTENT}


def test_an_archive_or_a_setting_saved_meanwhile_is_handled_by_its_kind(tmp_path):
    inputs = _site(tmp_path)
    _backdate(tmp_path, 60)
    first_read = time.time() - 0.05
    (tmp_path / "feeds" / "archive" / "bao.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: y\n", encoding="utf-8")
    watcher = Watcher(inputs)
    watcher.start(since=first_read)
    assert _first_batch(watcher) == {ARCHIVE, FULL}


def test_an_article_removed_meanwhile_is_handled(tmp_path):
    inputs = _site(tmp_path)
    _backdate(tmp_path, 60)
    first_read = time.time() - 0.05
    (tmp_path / "content" / "bai-viet" / "cu.md").unlink()
    watcher = Watcher(inputs)
    watcher.start(since=first_read)
    assert _first_batch(watcher) == {CONTENT}


def test_nothing_saved_since_the_first_read_makes_no_batch(tmp_path):
    inputs = _site(tmp_path)
    _backdate(tmp_path, 60)
    watcher = Watcher(inputs)
    watcher.start(since=time.time() - 0.05)
    assert _first_batch(watcher, wait=1.0) == set()
