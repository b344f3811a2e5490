"""A fetch killed at any moment leaves each archive as it was before or as it is after, never broken."""

from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from generator.core.archive import read_source_archive
from generator.fetch.run import fetch_command

from .feedserver import Route, rss

REPO = Path(__file__).resolve().parents[2]

WRITER = textwrap.dedent("""
    import sys
    from datetime import datetime, timedelta, timezone
    from generator.core.archive import FeedItem, write_source_archive

    tz = timezone(timedelta(hours=7))
    t0 = datetime(2025, 1, 1, tzinfo=tz)

    def items(version, n):
        return [FeedItem(id=f"id-{i}", source="bao", source_name="Báo", channel="bao",
                         title=f"Tin {i} phiên bản {version}", link=f"https://bao.vn/{i}", published=t0,
                         published_raw=None, summary="<p>" + "Chuyển đổi số " * 60 + "</p>", categories=(),
                         image=None, first_seen=t0 + timedelta(seconds=i), last_seen=t0, flags=())
                for i in range(n)]

    old, new = items("cũ", 1500), items("mới", 2000)
    path = sys.argv[1]
    write_source_archive(path, old)
    print("ready", flush=True)
    while True:
        write_source_archive(path, new)
        write_source_archive(path, old)
""")


def _python_env() -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


@pytest.mark.parametrize("round_", range(20))
def test_archive_write_killed_at_random_moment_leaves_old_or_new(tmp_path, round_):
    path = tmp_path / "bao.jsonl"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, env=_python_env(),
                            cwd=tmp_path)
    try:
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(random.uniform(0.0, 0.4))
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    items = read_source_archive(path)  # raises on a torn line
    versions = {item.title.rsplit(" ", 1)[-1] for item in items}
    assert (len(items), versions) in [(1500, {"cũ"}), (2000, {"mới"})]
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n") and text.count("\n") == len(items)


FETCHER = textwrap.dedent("""
    import sys
    from generator.fetch.run import fetch_command
    sys.exit(fetch_command(sys.argv[1], None))
""")


@pytest.mark.parametrize("round_", range(5))
def test_fetch_process_killed_at_random_moment_leaves_a_readable_archive(server, site, round_):
    old = [{"title": f"Tin {i}", "guid": f"g{i}", "link": f"https://bao.vn/{i}", "description": "x" * 400,
            "pubDate": "Thu, 06 Feb 2025 20:30:48 +0700"} for i in range(300)]
    new = [dict(it, title=it["title"] + " (sửa)") for it in old] + [
        {"title": f"Tin mới {i}", "guid": f"n{i}", "link": f"https://bao.vn/n{i}", "description": "y" * 400}
        for i in range(1500)]
    server.routes["/rss"] = Route(body=rss(old))
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss")})
    assert fetch_command(site.config, None, io.StringIO(), err=io.StringIO()) == 0
    before = site.archive("bao-dak-nong").read_bytes()
    server.routes["/rss"] = Route(body=rss(new))
    proc = subprocess.Popen([sys.executable, "-c", FETCHER, str(site.config)], stdout=subprocess.DEVNULL,
                            env=_python_env(), cwd=site.root)
    time.sleep(random.uniform(0.2, 1.2))
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    after = read_source_archive(site.archive("bao-dak-nong"))
    ids = {item.id for item in after}
    if site.archive("bao-dak-nong").read_bytes() != before:
        assert len(ids) == 1800 and all(i.title.endswith("(sửa)") for i in after if i.id.startswith("g"))
    else:
        assert len(ids) == 300
