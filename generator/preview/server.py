"""The preview's HTTP server: the last rendered folder as it is, each HTML page with the live-reload script and, for a
draft or scheduled article, its banner; while the site has a problem, every page is the Vietnamese list of problems.

The browser reloads by itself: the script asks ``/.chuyentrang/doi?v=N`` and the server answers as soon as the
preview's version is no longer ``N`` (or after a while, and the script asks again).
"""
from __future__ import annotations

import html
import mimetypes
import posixpath
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

POLL = "/.chuyentrang/doi"
WAIT = 25.0  # seconds a reload question is held open
# Everything the preview adds to a page sits between these marks, so that it can be told apart (tests take it out
# and compare the rest with the built file).
START, END = "<!--xem-truoc-->", "<!--/xem-truoc-->"

SCRIPT = START + """<script>(function(){var v=%d;function ask(){fetch("%s?v="+v,{cache:"no-store"})
.then(function(r){return r.text()}).then(function(t){if(t!==String(v)){location.reload()}else{ask()}})
.catch(function(){setTimeout(ask,1000)})}ask()})();</script>""" + END
BANNER = START + ('<div class="ct-xem-truoc" role="status" style="position:sticky;top:0;z-index:1000;'
                  'background:#b71c1c;color:#fff;font:bold 1.1rem/1.4 sans-serif;padding:.6rem 1rem;'
                  'text-align:center">%s</div>') + END


class State:
    """What the server shows: the folder, the banners, or the problems; ``version`` goes up at each change."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.banners: dict[str, str] = {}
        self.problems: list[str] | None = None
        self.message = ""
        self.version = 0
        # called with a file's site-relative path before it is served: the search index, a download made on demand
        self.before_file = None
        self._cond = threading.Condition()

    def show(self, root: Path, banners: dict[str, str]) -> None:
        with self._cond:
            self.root, self.banners, self.problems = root, dict(banners), None
            self.version += 1
            self._cond.notify_all()

    def fail(self, message: str, problems: list[str]) -> None:
        with self._cond:
            self.message, self.problems = message, list(problems)
            self.version += 1
            self._cond.notify_all()

    def wait_change(self, seen: int, timeout: float) -> int:
        with self._cond:
            self._cond.wait_for(lambda: self.version != seen, timeout=timeout)
            return self.version


def error_page(message: str, problems: list[str], version: int) -> str:
    items = "".join(f"<li><code>{html.escape(p)}</code></li>" for p in problems)
    return ("<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Lỗi khi xem trước</title>"
            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"></head>"
            "<body style=\"font:1rem/1.5 sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem\">"
            f"<h1 style=\"color:#b71c1c\">Trang chưa dựng được</h1><p>{html.escape(message)}</p>"
            f"<ul class=\"ct-loi\">{items}</ul>"
            "<p>Sửa tệp rồi lưu lại: trang sẽ tự hiện lại, không cần tải lại.</p>"
            + SCRIPT % (version, POLL) + "</body></html>")


def decorate(page: str, banner: str | None, version: int) -> str:
    """``page`` with the reload script before ``</body>`` and ``banner`` just after ``<body ...>``."""
    if banner:
        at = page.find("<body")
        at = page.find(">", at) + 1 if at >= 0 else 0
        page = page[:at] + BANNER % html.escape(banner) + page[at:]
    at = page.rfind("</body>")
    script = SCRIPT % (version, POLL)
    return page[:at] + script + page[at:] if at >= 0 else page + script


class _Handler(BaseHTTPRequestHandler):
    server: "PreviewServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):  # noqa: A002 - the editor's terminal shows what matters, not every request
        return

    def do_GET(self):  # noqa: N802
        self._serve(body=True)

    def do_HEAD(self):  # noqa: N802
        self._serve(body=False)

    def _send(self, status: int, content: bytes, ctype: str, body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if body:
            self.wfile.write(content)

    def _serve(self, body: bool) -> None:
        state = self.server.state
        parts = urlsplit(self.path)
        path = unquote(parts.path)
        if path == POLL:
            try:
                seen = int(parse_qs(parts.query).get("v", ["-1"])[0])
            except ValueError:
                seen = -1
            now = state.wait_change(seen, WAIT)
            return self._send(200, str(now).encode(), "text/plain; charset=utf-8", body)
        version, root, problems = state.version, state.root, state.problems
        target = _resolve(root, path) if root is not None else None
        is_page = path.endswith("/") or path.endswith(".html") or (target is not None and target.suffix == ".html")
        if problems is not None and (is_page or target is None):
            page = error_page(state.message, problems, version)
            return self._send(500, page.encode("utf-8"), "text/html; charset=utf-8", body)
        if root is None:
            return self._send(503, "Đang dựng trang…".encode(), "text/plain; charset=utf-8", body)
        if target is not None and state.before_file is not None:
            state.before_file(target.relative_to(root).as_posix())
        status = 200
        if target is None or not target.is_file():
            status, target = 404, root / "404.html"
            if not target.is_file():
                return self._send(404, "Không có trang này.".encode(), "text/plain; charset=utf-8", body)
        try:
            content = target.read_bytes()
        except OSError:  # replaced while being read: the next reload has it
            return self._send(404, "Không có trang này.".encode(), "text/plain; charset=utf-8", body)
        if target.suffix == ".html":
            key = path if path.endswith("/") else posixpath.dirname(path) + "/"
            page = decorate(content.decode("utf-8"), state.banners.get(key) if status == 200 else None, version)
            return self._send(status, page.encode("utf-8"), "text/html; charset=utf-8", body)
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/json", "application/javascript", "application/xml"):
            ctype += "; charset=utf-8"
        self._send(status, content, ctype, body)


def _resolve(root: Path, path: str) -> Path | None:
    """The file under ``root`` for a URL path (``index.html`` for a folder), or None outside ``root``."""
    clean = posixpath.normpath("/" + path.lstrip("/"))
    if ".." in clean.split("/"):
        return None
    target = root / clean.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], state: State):
        super().__init__(address, _Handler)
        self.state = state
