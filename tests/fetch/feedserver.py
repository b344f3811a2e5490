"""A real HTTP server on 127.0.0.1 serving fixture feeds, and a throw-away site repository."""

from __future__ import annotations

import textwrap
import threading
import time
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from xml.sax.saxutils import escape



@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=lambda: {"Content-Type": "application/rss+xml; charset=utf-8"})
    delay: float = 0.0  # seconds before answering
    etag: str | None = None  # when set, answer 304 to a matching If-None-Match
    drip: float = 0.0  # seconds between body chunks of 1 KiB
    handler: Callable | None = None  # full control: handler(request) -> (status, headers, body)


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[dict] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args) -> None:
                pass

            def do_GET(self) -> None:
                with server._lock:
                    server.requests.append({"path": self.path, "headers": {k.lower(): v for k, v in self.headers.items()}})
                route = server.routes.get(self.path)
                if route is None:
                    self._send(404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>")
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.handler:
                    self._send(*route.handler(self))
                    return
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self._send(304, {"ETag": route.etag}, b"")
                    return
                headers = dict(route.headers)
                if route.etag:
                    headers["ETag"] = route.etag
                self._send(route.status, headers, route.body, route.drip)

            def _send(self, status: int, headers: dict, body: bytes, drip: float = 0.0) -> None:
                try:
                    self.send_response(status)
                    for k, v in headers.items():
                        self.send_header(k, v)
                    if "Content-Length" not in headers:
                        self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if drip:
                        for i in range(0, len(body), 1024):
                            self.wfile.write(body[i:i + 1024])
                            self.wfile.flush()
                            time.sleep(drip)
                    else:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> list[dict]:
        return [r for r in self.requests if r["path"] == path]

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def rss(items: list[dict], title: str = "Báo Thử", extra_channel: str = "") -> bytes:
    """An RSS 2.0 document; item keys: title, link, guid, description, pubDate, category (list)."""
    parts = []
    for it in items:
        fields = []
        if "title" in it:
            fields.append(f"<title>{escape(it['title'])}</title>")
        if "link" in it:
            fields.append(f"<link>{escape(it['link'])}</link>")
        if "guid" in it:
            fields.append(f"<guid isPermaLink=\"false\">{escape(it['guid'])}</guid>")
        if "description" in it:
            fields.append(f"<description>{escape(it['description'])}</description>")
        if "pubDate" in it:
            fields.append(f"<pubDate>{escape(it['pubDate'])}</pubDate>")
        for c in it.get("category", []):
            fields.append(f"<category>{escape(c)}</category>")
        parts.append("<item>" + "".join(fields) + "</item>")
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>{escape(title)}</title>'
            f"<link>https://bao.example.vn/</link>{extra_channel}" + "\n".join(parts) + "</channel></rss>\n").encode()


def rfc822(dt: datetime) -> str:
    return format_datetime(dt)


MKDOCS_YML = """\
site_name: Chuyên trang thử
site_url: https://cds.example.gov.vn/
docs_dir: content
plugins:
  - chuyentrang:
      timezone: Asia/Ho_Chi_Minh
      default_channel: chuyen-trang
      categories:
        - {id: chinh-quyen-so, name: Chính quyền số}
      channels:
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: average, window: 4}
          since: 2022-06-01
        - id: bao
          name: Báo Đắk Nông
          target: {per: week, min: 1, mode: every, window: 4}
          since: 2022-06-01
"""


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        (root / "content").mkdir(parents=True)
        (root / "feeds").mkdir()
        self.config = root / "mkdocs.yml"
        self.config.write_text(MKDOCS_YML, encoding="utf-8")

    def sources(self, *entries: dict) -> None:
        lines = ["sources:"]
        for e in entries:
            lines.append(f"  - id: {e['id']}")
            lines.append(f"    name: {e.get('name', 'Nguồn ' + e['id'])}")
            lines.append(f"    url: {e['url']}")
            lines.append(f"    channel: {e.get('channel', 'bao')}")
            if "keywords" in e:
                lines.append(f"    keywords: [{', '.join(repr(k) for k in e['keywords'])}]")
        (self.root / "feeds" / "sources.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")

    def write_sources_text(self, text: str) -> None:
        (self.root / "feeds" / "sources.yml").write_text(textwrap.dedent(text), encoding="utf-8")

    def archive(self, source_id: str) -> Path:
        return self.root / "feeds" / "archive" / f"{source_id}.jsonl"
