"""Fetch benchmark: 20 sources x 200 items on loopback, each answering after 1 s.

Prints the full `chuyentrang fetch` time (target: well under 3 s, i.e. about as long as the slowest source)
and the parse throughput (bytes -> sanitized, dated entries) in items per second.

    .venv/bin/python benchmarks/fetch.py [--sources 20] [--items 200] [--delay 1.0]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import multiprocessing
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.core.archive import read_archive  # noqa: E402
from generator.fetch.parse import parse_feed  # noqa: E402
from generator.fetch.run import fetch_command  # noqa: E402

DATES = ["Thu, 06 Feb 2025 20:30:48 +0700", "Sat, 25 Jul 2026 20:01:31 GMT+7", "Fri, 24 Jul 2026 09:46:53 GMT",
         "Thứ 5, 28/05/2026 17:00:00 GMT+7", "28/05/2026 17:00"]


def make_feed(source: int, items: int) -> bytes:
    parts = []
    for i in range(items):
        parts.append(
            f"<item><title>Tin {source}-{i}: Đắk Nông đẩy mạnh chuyển đổi số &amp; chính quyền số</title>"
            f"<link>https://bao{source}.example.vn/tin-{i}.html?utm_source=rss</link>"
            f"<guid isPermaLink=\"false\">bao{source}-{i}</guid>"
            f"<description><![CDATA[<a href=\"/tin-{i}.html\"><img width=130 height=100 src=\"/anh/{i}.jpg\"></a></br>"
            f"Tỉnh tiếp tục triển khai các nhiệm vụ chuyển đổi số, <b>nâng cao</b> chất lượng dịch vụ công trực tuyến "
            f"<a href=\"jav&#x61;script:alert(1)\">và</a> hạ tầng số.]]></description>"
            f"<category>Chuyển đổi số</category><pubDate>{DATES[i % len(DATES)]}</pubDate></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Báo thử</title>'
            + "".join(parts) + "</channel></rss>").encode()


def serve(feeds: dict[str, bytes], delay: float) -> tuple[int, Callable[[], None]]:
    """The feed servers, in a process of their own as the newspapers' servers are on machines of their own (in this
    process their threads would queue on the GIL with the fetch they are measured against). ``(port, stop)``."""
    ready = multiprocessing.get_context("fork").SimpleQueue()
    proc = multiprocessing.get_context("fork").Process(target=_serve_forever, args=(feeds, delay, ready), daemon=True)
    proc.start()
    port = ready.get()

    def stop() -> None:
        proc.terminate()
        proc.join()

    return port, stop


def _serve_forever(feeds: dict[str, bytes], delay: float, ready) -> None:
    httpd = _server(feeds, delay)
    ready.put(httpd.server_address[1])
    httpd.serve_forever()


def _server(feeds: dict[str, bytes], delay: float) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args) -> None:
            pass

        def do_GET(self) -> None:
            time.sleep(delay)
            body = feeds.get(self.path, b"")
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    return httpd


MKDOCS = """site_name: Bench
site_url: https://bench.example.vn/
plugins:
  - chuyentrang:
      timezone: Asia/Ho_Chi_Minh
      categories: [{id: a, name: A}]
      channels:
        - {id: bao, name: Báo, target: {per: week, min: 1, mode: every, window: 4}, since: 2022-06-01}
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sources", type=int, default=20)
    ap.add_argument("--items", type=int, default=200)
    ap.add_argument("--delay", type=float, default=1.0)
    args = ap.parse_args()

    feeds = {f"/s{n}.rss": make_feed(n, args.items) for n in range(args.sources)}
    port, stop = serve(feeds, args.delay)
    total_bytes = sum(len(b) for b in feeds.values())
    print(f"{args.sources} nguồn × {args.items} tin, mỗi nguồn trả lời sau {args.delay:g} s, "
          f"tổng {total_bytes / 1e6:.1f} MB")

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "content").mkdir()
        (root / "feeds").mkdir()
        (root / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
        (root / "feeds" / "sources.yml").write_text("sources:\n" + "".join(
            f"  - {{id: nguon-{n}, name: Nguồn {n}, url: 'http://127.0.0.1:{port}/s{n}.rss', channel: bao}}\n"
            for n in range(args.sources)), encoding="utf-8")
        for label in ("lần đầu (archive trống)", "lần hai (mọi tin đã có)"):
            out = io.StringIO()
            started = time.perf_counter()
            code = fetch_command(root / "mkdocs.yml", None, out)
            elapsed = time.perf_counter() - started
            archived = len(read_archive(root / "feeds" / "archive"))
            print(f"fetch {label}: {elapsed:.2f} s (exit {code}, {archived} tin trong archive; "
                  f"chậm nhất một nguồn: {args.delay:g} s; mục tiêu < 3 s)")
            print("    " + out.getvalue().strip().splitlines()[-1])
    stop()

    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    body = feeds["/s0.rss"]
    runs = []
    for _ in range(5):
        started = time.perf_counter()
        feed = parse_feed(body, {"content-type": "application/rss+xml"}, "https://bao0.example.vn/rss", tz)
        runs.append(time.perf_counter() - started)
    best, median = min(runs), statistics.median(runs)
    print(f"parse: {len(feed.entries)} tin trong {median * 1000:.0f} ms (trung vị của 5 lần) → "
          f"{len(feed.entries) / median:,.0f} tin/s (tốt nhất {len(feed.entries) / best:,.0f} tin/s)")


if __name__ == "__main__":
    main()
