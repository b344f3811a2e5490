"""Real-browser fixtures: the demo site built into a temporary folder, served on 127.0.0.1 (gzip, like a real web
server), and Debian's Chromium driven by Playwright. Nothing here downloads a browser: Chromium comes from apt
(installed here when missing), axe-core from the npm registry (cached)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser_demo import CHROMIUM, CHROMIUM_ARGS, INSIDE_CAMPAIGN, OUTSIDE_CAMPAIGN, build_demo, serve  # noqa: E402


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo as published (its pinned as-of time, outside the campaign window)."""
    return build_demo(tmp_path_factory.mktemp("demo-outside"), OUTSIDE_CAMPAIGN)


@pytest.fixture(scope="session")
def campaign_site(tmp_path_factory) -> Path:
    """The demo built on a day inside the Ngày Chuyển đổi số quốc gia window."""
    return build_demo(tmp_path_factory.mktemp("demo-inside"), INSIDE_CAMPAIGN)


@pytest.fixture(scope="session")
def base_url(demo_site):
    server, url = serve(demo_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def campaign_url(campaign_site):
    server, url = serve(campaign_site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def chromium_path() -> str:
    if not CHROMIUM.exists():
        try:
            subprocess.run(["apt-get", "install", "-y", "chromium"], check=True, capture_output=True, timeout=1200)
        except (OSError, subprocess.SubprocessError) as exc:
            pytest.skip(f"cần Chromium tại {CHROMIUM}; 'apt-get install -y chromium' không chạy được: {exc}")
    if not CHROMIUM.exists():
        pytest.skip(f"cần Chromium tại {CHROMIUM}; apt-get đã chạy nhưng không có tệp đó")
    return str(CHROMIUM)


@pytest.fixture(scope="session")
def browser(chromium_path):
    sync_api = pytest.importorskip("playwright.sync_api", reason="cần gói playwright (pip install playwright)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    """A fresh browser profile (cold cache) that records every request it makes."""
    ctx = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    ctx.requested = []
    ctx.on("request", lambda r: ctx.requested.append(r.url))
    yield ctx
    ctx.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core's browser bundle, fetched once from the npm registry with npm and cached."""
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "chuyentrang-tests" / "axe-core"
    script = cache / "package" / "axe.min.js"
    if not script.is_file():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("cần npm để lấy axe-core từ npm registry")
        cache.mkdir(parents=True, exist_ok=True)
        try:
            done = subprocess.run([npm, "pack", "axe-core@4", "--pack-destination", str(cache)], cwd=cache,
                                  capture_output=True, text=True, timeout=300, check=True)
        except (OSError, subprocess.SubprocessError) as exc:
            pytest.skip(f"không lấy được axe-core từ npm registry: {exc}")
        tgz = cache / done.stdout.strip().splitlines()[-1]
        with tarfile.open(tgz) as tar:
            tar.extract("package/axe.min.js", cache, filter="data")
    return script.read_text(encoding="utf-8")
