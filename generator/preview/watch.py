"""Which saved files matter to the preview, and watchdog watching them.

A save of an article (``content/**/*.md``) or of the feed archive is handled by re-reading only that; any other
input (``mkdocs.yml``, a waiver or urgent-publish file, ``feeds/sources.yml``, an image or other file in the content
folder, the theme overrides) rebuilds everything. Hidden files (editors' swap files), the output folders and files
outside those inputs are ignored.
"""
from __future__ import annotations

import os
import queue
import threading
from pathlib import Path

from watchdog.events import FileSystemEventHandler
from watchdog.observers import Observer

from generator.core.articles import PAGES_FOLDER

CONTENT, ARCHIVE, FULL = "content", "archive", "full"
QUIET = 0.08  # seconds without a new event before a batch of saves is handled (an editor's save is several events)


class Inputs:
    def __init__(self, root: Path, config_file: Path, content_dir: Path, feeds_dir: Path, extra: list[Path]):
        self.root, self.config_file = root.resolve(), config_file.resolve()
        self.content, self.feeds = content_dir.resolve(), feeds_dir.resolve()
        # decision files, quiz banks and bulletin introductions beside mkdocs.yml: read with the whole site
        self.full_dirs = [root.resolve() / name for name in ("mien-tru", "xuat-ban-khan", "cau-hoi", "ban-tin")]
        self.full_dirs += [p.resolve() for p in extra]

    def kind(self, path: str) -> str | None:
        p = Path(path)
        try:
            rel = p.relative_to(self.root)
        except ValueError:
            return None
        if any(part.startswith(".") for part in rel.parts) or p.name.endswith("~"):
            return None
        if p == self.config_file:
            return FULL
        if self.content in p.parents:  # a plain page (content/trang/) is in the footer of every page
            plain = (self.content / PAGES_FOLDER) in p.parents
            return CONTENT if p.suffix == ".md" and not plain else FULL
        if self.feeds in p.parents:
            return ARCHIVE if (self.feeds / "archive") in p.parents else FULL
        if any(d == p or d in p.parents for d in self.full_dirs):
            return FULL
        return None


class _Events(FileSystemEventHandler):
    def __init__(self, inputs: Inputs, out: "queue.Queue[str]"):
        self.inputs, self.out = inputs, out

    def on_any_event(self, event):
        if event.event_type in ("opened", "closed_no_write"):
            return
        if event.is_directory:
            # A folder's own change is its files' changes, reported one by one; a folder moved or removed in the
            # content folder takes its articles with it (the content folder is scanned again).
            if event.event_type != "modified" and self.inputs.kind(event.src_path + "/x.md") == CONTENT:
                self.out.put(CONTENT)
            return
        for path in (event.src_path, getattr(event, "dest_path", "") or ""):
            if path:
                kind = self.inputs.kind(path)
                if kind is not None:
                    self.out.put(kind)


class Watcher:
    """``batches()`` yields, after each burst of saves, the set of kinds of inputs changed. The site's folder is
    watched alone (a new ``mien-tru/`` is seen there), each input folder with what is under it: never the whole
    repository, whose ``site/`` or ``.venv`` may hold tens of thousands of folders."""

    def __init__(self, inputs: Inputs):
        self.inputs = inputs
        self.events: "queue.Queue[str]" = queue.Queue()
        self.observer = Observer()
        self.handler = _Events(inputs, self.events)
        self.watched: set[Path] = set()
        self.observer.schedule(self.handler, str(inputs.root), recursive=False)
        self.rewatch()
        self.stopped = threading.Event()

    def rewatch(self) -> None:
        """Watch the input folders made since the last call (after a full build)."""
        for d in (self.inputs.content, self.inputs.feeds, *self.inputs.full_dirs):
            if d not in self.watched and d.is_dir():
                self.observer.schedule(self.handler, str(d), recursive=True)
                self.watched.add(d)

    def start(self, since: float | None = None) -> None:
        """Start watching. ``since`` (a ``time.time()``): when the inputs were last read. A save made after it and
        before the watch began (while the first build ran) raised no event: it is queued here, found by its time."""
        self.observer.start()
        if since is not None:
            for kind in self._saved_since(since):
                self.events.put(kind)

    def _saved_since(self, since: float) -> set[str]:
        kinds = set()
        for entry in os.scandir(self.inputs.root):  # mkdocs.yml and the other files beside it
            if entry.is_file() and entry.stat().st_mtime >= since:
                kinds.add(self.inputs.kind(entry.path))
        for top in self.watched:
            for folder, dirs, files in os.walk(top):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                if os.stat(folder).st_mtime >= since:  # a file made, renamed or removed in it
                    kinds.add(self.inputs.kind(os.path.join(folder, "x.md")))
                for name in files:
                    path = os.path.join(folder, name)
                    try:
                        if os.stat(path).st_mtime >= since:
                            kinds.add(self.inputs.kind(path))
                    except OSError:  # removed meanwhile: its folder's time says so
                        pass
        kinds.discard(None)
        return kinds

    def stop(self) -> None:
        self.stopped.set()
        self.events.put("")
        self.observer.stop()
        self.observer.join(timeout=5)

    def batches(self):
        while not self.stopped.is_set():
            first = self.events.get()
            if self.stopped.is_set():
                return
            kinds = {first} if first else set()
            while True:
                try:
                    kinds.add(self.events.get(timeout=QUIET))
                except queue.Empty:
                    break
            kinds.discard("")
            if kinds:
                yield kinds
