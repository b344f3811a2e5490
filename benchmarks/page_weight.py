"""Page weight as a citizen's phone receives it: the demo built, served with gzip on 127.0.0.1, each page loaded in
Chromium with a cold cache, and the bytes summed from the DevTools network log (``encodedDataLength``: compressed
bodies plus headers). Also lists every host the pages contacted (must be 127.0.0.1 only).

    .venv/bin/python benchmarks/page_weight.py [--json]

Budgets (issue 5): home page 250 KB, an article 200 KB. Needs Debian's Chromium at /usr/bin/chromium and playwright.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import urllib.parse
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "browser"))
from browser_demo import CHROMIUM, CHROMIUM_ARGS, OUTSIDE_CAMPAIGN, build_demo, serve  # noqa: E402

BUDGETS = {"trang chủ": 250_000, "bài viết": 200_000}


def measure(context, url: str) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls, sizes = {}, {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    by_kind: dict[str, int] = defaultdict(int)
    for rid, n in sizes.items():
        path = urllib.parse.urlsplit(urls.get(rid, "")).path
        kind = (path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else "html")
        by_kind[kind] += n
    page.close()
    return {"bytes": sum(sizes.values()), "requests": len(sizes), "by_type": dict(by_kind),
            "hosts": sorted({urllib.parse.urlsplit(u).hostname or "" for u in urls.values()} - {""})}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        site = build_demo(Path(tmp), OUTSIDE_CAMPAIGN)
        article = re.search(r'href="(bai-viet/[^"/]+/)"', (site / "index.html").read_text(encoding="utf-8")).group(1)
        pages = {"trang chủ": "", "bài viết": article, "nhật ký tần suất": "nhat-ky-tan-suat/",
                 "tìm kiếm (lần tìm đầu)": "tim-kiem/?q=" + urllib.parse.quote("chuyển đổi số"), "góp ý": "gop-y/"}
        server, base = serve(site)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                ctx = browser.new_context(locale="vi-VN")
                results = {name: measure(ctx, base + url) for name, url in pages.items()}
                browser.close()
        finally:
            server.shutdown()
    ok = True
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    for name, r in results.items():
        budget = BUDGETS.get(name)
        flag = "" if budget is None else (" ≤ %d: đạt" % budget if r["bytes"] <= budget else " > %d: VƯỢT" % budget)
        ok &= budget is None or r["bytes"] <= budget
        ok &= r["hosts"] == ["127.0.0.1"]
        if not args.json:
            kinds = ", ".join(f"{k} {v / 1000:.1f}" for k, v in sorted(r["by_type"].items(), key=lambda kv: -kv[1]))
            print(f"{name:26} {r['bytes'] / 1000:7.1f} KB, {r['requests']:2} yêu cầu{flag}  [{kinds}]  máy chủ: {', '.join(r['hosts'])}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
