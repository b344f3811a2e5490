"""A save made while `serve`'s first build runs (seconds at thousands of articles) is not lost: the watch begins after
that build, and what was saved meanwhile is found by its time and handled as the first batch."""
from __future__ import annotations

import os
import threading
import time

import pytest

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


def _save_article(root):
    (root / "content" / "bai-viet" / "moi.md").write_text("---\ntitle: Mới\n---\n", encoding="utf-8")


def _save_archive_and_settings(root):
    (root / "feeds" / "archive" / "bao.jsonl").write_text("", encoding="utf-8")
    (root / "mkdocs.yml").write_text("site_name: y\n", encoding="utf-8")


def _remove_article(root):
    (root / "content" / "bai-viet" / "cu.md").unlink()


@pytest.mark.parametrize("save, kinds", [
    (_save_article, {CONTENT}),  # an article saved during the first build
    (_save_archive_and_settings, {ARCHIVE, FULL}),  # each by its kind
    (_remove_article, {CONTENT}),  # a removal: its folder's time says so
    (lambda root: None, set()),  # nothing saved since the first read: no batch
])
def test_what_was_saved_while_the_first_build_ran_is_the_first_batch(tmp_path, save, kinds):
    inputs = _site(tmp_path)
    _backdate(tmp_path, 60)
    first_read = time.time() - 0.05
    save(tmp_path)
    watcher = Watcher(inputs)
    watcher.start(since=first_read)
    assert _first_batch(watcher, wait=3.0 if kinds else 1.0) == kinds
