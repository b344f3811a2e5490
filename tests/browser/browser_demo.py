"""The built demo and a local web server for the browser tests (imported by conftest.py and the tests)."""

from __future__ import annotations

import gzip
import mimetypes
import shutil
import subprocess
import sys
import threading
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
# The campaign in the demo's mkdocs.yml runs 01/10–10/10/2026; the demo pins its as-of time to 20/11/2026.
INSIDE_CAMPAIGN = "2026-10-10"
OUTSIDE_CAMPAIGN = "2026-11-20"
COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")

# A test article (added to a copy of the demo) written with the old tone placement "hoà", to search as "hòa".
HOA_ARTICLE = """\
---
title: Người cao tuổi hoà nhập cuộc sống số cùng con cháu
date: 2026-10-06 08:00
category: ky-nang-so
summary: Lớp học kỹ năng số giúp người cao tuổi hoà mình vào đời sống số.
tags: [ky-nang-so]
---

Các lớp học giúp ông bà hoà nhập với điện thoại thông minh: gọi video, đọc tin, thanh toán khi đi chợ.
"""


def build_demo(dest: Path, as_of: str | None) -> Path:
    """A copy of the demo repository (plus the test article) built with ``chuyentrang build -d``; returns the site."""
    repo = dest / "repo"
    repo.mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", repo / "mkdocs.yml")
    shutil.copytree(REPO / "content", repo / "content")
    shutil.copytree(REPO / "feeds", repo / "feeds")
    for folder in ("cau-hoi", "ban-tin"):  # question banks and bulletin introductions, beside mkdocs.yml
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, repo / folder)
    (repo / "content" / "bai-viet" / "2026" / "nguoi-cao-tuoi-hoa-nhap.md").write_text(HOA_ARTICLE, encoding="utf-8")
    site = dest / "site"
    cmd = [sys.executable, "-m", "generator", "build", "-f", str(repo / "mkdocs.yml"), "-d", str(site)]
    if as_of:
        cmd += ["--as-of", as_of]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=repo, timeout=600)
    assert done.returncode == 0, f"build failed ({done.returncode}):\n{done.stdout}\n{done.stderr}"
    return site


class _Handler(SimpleHTTPRequestHandler):
    """Static files with gzip for text, as nginx serves the site (the page-weight budget is in gzip bytes)."""

    def log_message(self, *args):  # keep test output quiet
        pass

    def do_GET(self):
        path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
        target = (Path(self.directory) / path.lstrip("/")).resolve()
        if target.is_dir():
            target = target / "index.html"
        status = 200
        if Path(self.directory).resolve() not in target.parents or not target.is_file():
            status, target = 404, Path(self.directory) / "404.html"
        data = target.read_bytes() if target.is_file() else b"not found"
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self.send_response(status)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        if "gzip" in self.headers.get("Accept-Encoding", "") and ctype.startswith(COMPRESSIBLE):
            data = gzip.compress(data, 6)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def serve(directory: Path):
    handler = lambda *a, **kw: _Handler(*a, directory=str(directory), **kw)  # noqa: E731
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


