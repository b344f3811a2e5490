"""Hostile and careless sources: one bad feed, a dying parser or a silent server costs that source only."""

from __future__ import annotations

import io
import os
import signal
import socket
import threading
import time

import pytest

from generator.archive import read_source_archive
from generator.fetch.http import Limits
from generator.fetch.run import digest_feed, fetch_command

from .feedserver import Route, rss

FAST = Limits(connect_timeout=1.0, read_timeout=2.0, total_timeout=4.0, max_bytes=200_000, retries=2, backoff=0.01)


def items(prefix: str, n: int = 3) -> list[dict]:
    return [{"title": f"Tin {prefix} số {i}", "link": f"https://{prefix}.example.vn/{i}.html", "guid": f"{prefix}-{i}",
             "description": "Chuyển đổi số", "pubDate": "Thu, 06 Feb 2025 20:30:48 +0700"} for i in range(n)]


def run(site, limits=FAST, **kwargs):
    out, err = io.StringIO(), io.StringIO()
    code = fetch_command(site.config, None, out, err=err, limits=limits, **kwargs)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def processes(monkeypatch):
    """Parsing in worker processes, as on a machine with cores to spare (the path where a worker can die)."""
    monkeypatch.delenv("CHUYENTRANG_FETCH_PROCESSES", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 4)


def good_sources(server, n: int = 4) -> list[dict]:
    out = []
    for i in range(n):
        server.routes[f"/tot-{i}"] = Route(body=rss(items(f"tot{i}")))
        out.append({"id": f"tot-{i}", "url": server.url(f"/tot-{i}")})
    return out


def assert_good_archived(site, n: int = 4) -> None:
    for i in range(n):
        archived = {item.id for item in read_source_archive(site.archive(f"tot-{i}"))}
        assert archived == {f"tot{i}-{k}" for k in range(3)}


def test_html_and_empty_bodies_fail_alone_among_six_sources(server, site, processes):
    server.routes["/html"] = Route(body="<!DOCTYPE html><html><body>Bảo trì</body></html>".encode(),
                                   headers={"Content-Type": "text/html; charset=utf-8"})
    server.routes["/rong"] = Route(body=b"")
    site.sources({"id": "html", "url": server.url("/html")}, {"id": "rong", "url": server.url("/rong")},
                 *good_sources(server))
    code, out, err = run(site)
    assert code == 0, err
    assert_good_archived(site)
    lines = {line.split(":")[0]: line for line in out.splitlines() if line[:1] in "✓✗="}
    assert "trang HTML" in lines["✗ html"]
    assert "rỗng" in lines["✗ rong"]
    assert sum(1 for k in lines if k.startswith("✓")) == 4, out
    assert "BrokenProcessPool" not in out
    assert "4 thành công, 2 lỗi; 12 tin mới" in out.splitlines()[-1]


# Parsers that break the way a C library or a hostile feed can. Module-level, so that worker processes import them.
def die_on_marker(body, headers, url, tz, keywords):
    if b"KILL-PARSER" in body:
        os.kill(os.getpid(), signal.SIGKILL)
    if b"EXIT-PARSER" in body:
        os._exit(3)
    return digest_feed(body, headers, url, tz, keywords)


class TwoArgumentError(Exception):
    """Like the old ParseFailure: pickle cannot rebuild it from `args`."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


def raise_unpicklable(body, headers, url, tz, keywords):
    if b"RAISE-ODD" in body:
        raise TwoArgumentError("odd", "không dựng lại được")
    return digest_feed(body, headers, url, tz, keywords)


@pytest.mark.parametrize("marker", ["KILL-PARSER", "EXIT-PARSER"])
def test_a_parser_that_dies_costs_its_source_only(server, site, processes, marker):
    server.routes["/chet"] = Route(body=rss([{"title": marker, "guid": "x", "link": "https://x.vn/1"}]))
    site.sources({"id": "chet", "url": server.url("/chet")}, *good_sources(server, 5))
    code, out, err = run(site, parse=die_on_marker)
    assert code == 0, err
    assert_good_archived(site, 5)
    dead = next(line for line in out.splitlines() if line.startswith("✗ chet:"))
    assert "trình đọc feed bị dừng đột ngột" in dead
    assert not site.archive("chet").exists()
    assert "5 thành công, 1 lỗi; 15 tin mới" in out.splitlines()[-1]


def test_an_exception_pickle_cannot_rebuild_costs_its_source_only(server, site, processes):
    server.routes["/la"] = Route(body=rss([{"title": "RAISE-ODD", "guid": "x", "link": "https://x.vn/1"}]))
    site.sources({"id": "la", "url": server.url("/la")}, *good_sources(server))
    code, out, err = run(site, parse=raise_unpicklable)
    assert code == 0, err
    assert_good_archived(site)
    odd = next(line for line in out.splitlines() if line.startswith("✗ la:"))
    assert "TwoArgumentError" in odd and "không dựng lại được" in odd
