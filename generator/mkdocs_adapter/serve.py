"""`chuyentrang serve`: the preview server. The site is loaded and judged once, kept in memory, and after each save
only what changed is read again and only the affected pages rendered again (``preview.Preview``); the browser
reloads by itself. The as-of time is the start's, moved on when a scheduled article's time comes (unless --as-of
or mkdocs.yml fixes it); the drafts and scheduled articles are named after each rebuild, as ``build`` names them.
A problem in the input shows in the browser as the Vietnamese list ``path:line: message``; the
server keeps running and shows the site again once the file is fixed."""
from __future__ import annotations

import gc
import shutil
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

from generator.support.exits import EXIT_ENVIRONMENT, os_reason
from generator.support import cache
from generator.mkdocs_adapter.preview import Preview
from generator.preview.server import PreviewServer, State
from generator.preview.sources import Sources
from generator.preview.watch import ARCHIVE, CONTENT, FULL, Inputs, Watcher
from generator.reports.progress import advice
from generator.reports.report import to_text, urgent_frame
from generator.core.problems import InputError

CLOCK = "clock"  # a scheduled article's time has come
LONGEST_WAIT = 3600.0  # seconds: a timer set months ahead is set again on the way
BROKEN = "Dữ liệu đầu vào có lỗi, cần sửa (trang xem trước giữ nguyên cho tới khi sửa xong):"
MISSED = "Không đạt chỉ tiêu tần suất (trang xem trước vẫn chạy; khi build thật, trang sẽ không được xuất bản):"
FAILED = ("Không dựng lại được trang xem trước sau lần lưu vừa rồi. Hãy xem lại tệp vừa sửa; nếu lỗi còn, báo cho "
          "người phụ trách kỹ thuật (chi tiết in ở cửa sổ dòng lệnh).")


def parse_address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 <= int(port) < 65536:
        raise InputError([f"-a {text}: địa chỉ phải có dạng HOST:CỔNG, ví dụ 127.0.0.1:8000"])
    return host.strip("[]"), int(port)


class Session:
    """One preview: the inputs kept in memory, the last rendered folder, what the server shows."""

    def __init__(self, config_file: Path, as_of=None, out=sys.stdout, err=sys.stderr):
        self.config_file = Path(config_file).resolve()
        cache.use(self.config_file.parent, memory=True)  # a save makes again only what it changed
        self.out, self.err = out, err
        self.state = State()
        self.sources = Sources(self.config_file, as_of)
        self.work = Path(tempfile.mkdtemp(prefix="chuyentrang-xem-truoc-")).resolve()
        self.preview = Preview(self.config_file, self.work)
        self.state.before_file = self._before_file
        self.need_full = True
        self.pending: set[str] = set()  # articles read again since the last good update
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        self.verdict = ""  # the missed targets last said on the terminal

    def _verdict(self, report) -> str:
        """What `build` would stop for (a missed target), said as `build` says it, or the loud warning `build`
        prints when an urgent publish lets it through; empty when the targets are met."""
        if report.status != "fail":
            return ""
        if not report.may_publish:
            return MISSED + "\n" + to_text(report)
        return urgent_frame(report)

    def _before_file(self, path: str) -> None:
        if path.startswith("tim-kiem/"):
            try:
                self.preview.ensure_search()
            except Exception as exc:  # noqa: BLE001 - the index stays as it was; the pages are still served
                self.err.write(f"Không làm lại được chỉ mục tìm kiếm: {exc!r}\n")
        try:
            self.preview.ensure_file(path)
        except Exception as exc:  # noqa: BLE001 - the file is missing (404); the pages are still served
            self.err.write(f"Không làm được tệp {path}: {exc!r}\n")

    def refresh(self, kinds: set[str] = frozenset({FULL})) -> None:
        with self.lock:
            start = time.perf_counter()
            try:
                full = self.need_full or FULL in kinds
                if full:
                    self.sources.reset()
                if CLOCK in kinds:
                    self.sources.advance()
                site, changed = self.sources.load()
                self.pending |= changed
                if full or not self.preview.update(site, self.pending):
                    gc.unfreeze()
                    self.preview.full(site)
                    full = True
                    # What the full build leaves (the site, MkDocs' pages, the memo: millions of objects) lives
                    # until the next one: kept out of the cyclic collector's reach, so that a collection during a
                    # save walks only what the save made.
                    gc.collect()
                    gc.freeze()
                self.pending = set()
                self.need_full = False
                self.state.show(self.preview.site_dir, self.preview.banners)
                what = "dựng lại toàn bộ" if full else "cập nhật"
                self.out.write(f"Đã {what} trang xem trước sau {time.perf_counter() - start:.2f} giây.\n")
                # A missed target does not stop the preview (the editor is writing the article that meets it) but
                # is said, as `mkdocs serve` says it: said again only when it changed, not after every save.
                verdict = self._verdict(site.report)
                if verdict != self.verdict:
                    self.err.write(verdict or "Chỉ tiêu tần suất đã đạt: khi build thật, trang sẽ được xuất bản.\n")
                    self.verdict = verdict
                self.out.write(advice(site))  # after the page is served: git's history is read for moved addresses
                self._wake_at(self.sources.due(site))
            except InputError as exc:
                problems = [str(p) for p in exc.problems]
                self.state.fail(BROKEN, problems)
                self.err.write(BROKEN + "\n" + "".join(p + "\n" for p in problems))
            except Exception as exc:  # noqa: BLE001 - the server keeps running; the next save tries a full build
                self.need_full = True
                self.state.fail(FAILED, [])
                self.err.write(f"Lỗi khi dựng trang xem trước: {exc!r}\n")
            self.out.flush()

    def _wake_at(self, when) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        if when is None:
            return
        wait = (when - datetime.now(timezone.utc)).total_seconds() + 0.05
        self.timer = threading.Timer(min(max(wait, 0.0), LONGEST_WAIT), self.refresh, args=({CLOCK},))
        self.timer.daemon = True
        self.timer.start()

    def inputs(self) -> Inputs:
        cfg = self.sources.config
        if cfg is None:  # mkdocs.yml itself could not be read: watch it and the usual folders beside it
            root = self.config_file.parent
            return Inputs(root, self.config_file, root / "content", root / "feeds", [])
        return Inputs(cfg.root, self.config_file, cfg.content_dir, cfg.feeds_dir, [cfg.root / "overrides"])

    def close(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.preview.close()
        shutil.rmtree(self.work, ignore_errors=True)


def serve_command(config_file: Path, address: str, out=sys.stdout, err=sys.stderr, as_of=None,
                  started: threading.Event | None = None, stop: threading.Event | None = None) -> int:
    host, port = parse_address(address)
    session = Session(config_file, as_of, out, err)
    try:
        server = PreviewServer((host, port), session.state)
    except OSError as exc:
        session.close()
        err.write(f"Không mở được máy chủ xem trước tại {host}:{port} ({os_reason(exc)}): "
                  "cổng đang bận? Thử -a 127.0.0.1:8001\n")
        return EXIT_ENVIRONMENT
    threading.Thread(target=server.serve_forever, daemon=True).start()
    out.write(f"Trang xem trước: http://{host}:{server.server_address[1]}/ (Ctrl+C để dừng)\n")
    # A save made while the first build runs is caught up when the watch begins (a little slack for file times,
    # which the file system takes from a coarser clock than time.time)
    first_read = time.time() - 0.05
    session.refresh()
    watcher = Watcher(session.inputs())
    watcher.start(since=first_read)
    if started is not None:
        started.set()
    if stop is not None:
        threading.Thread(target=lambda: (stop.wait(), watcher.stop()), daemon=True).start()
    try:
        for kinds in watcher.batches():
            session.refresh(kinds)
            if FULL in kinds:
                watcher.rewatch()
    except KeyboardInterrupt:
        out.write("Đã dừng trang xem trước.\n")
    finally:
        watcher.stop()
        server.shutdown()
        server.server_close()
        session.close()
    return 0


__all__ = ["serve_command", "Session", "ARCHIVE", "CONTENT", "FULL"]
