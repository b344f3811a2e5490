"""Hostile and careless sources: one bad feed, a dying parser or a silent server costs that source only."""

from __future__ import annotations

import io
import os
import signal
import socket
import threading
import time

import pytest

from generator.core.archive import read_source_archive
from generator.fetch.http import Limits
from generator.fetch.run import digest_feed, fetch_command
from generator.core.fetchstate import load_state

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


@pytest.fixture
def silent():
    """A server on 127.0.0.1 that accepts every connection and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    held: list[socket.socket] = []

    def accept() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)

    waiting = threading.Thread(target=accept, daemon=True)
    waiting.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/rss"
    # closing alone does not wake a thread blocked in accept(): shut the socket down first, so that the thread ends
    # (a thread left running makes the later tests of forked work refuse to run)
    listener.shutdown(socket.SHUT_RDWR)
    listener.close()
    waiting.join(timeout=10)
    for conn in held:
        conn.close()


# The real timeouts: without a deadline, a silent server holds its source 30 s per attempt, three attempts.
PATIENT = Limits(backoff=0.01)


def sources_yml(site, server, extra_top: str = "", silent_url: str | None = None, silent_deadline: str = "") -> None:
    lines = [extra_top, "sources:"] if extra_top else ["sources:"]
    if silent_url:
        lines += ["  - id: im-lang", "    name: Nguồn im lặng", f"    url: {silent_url}", "    channel: bao"]
        if silent_deadline:
            lines.append(f"    deadline: {silent_deadline}")
    for source in good_sources(server, 2):
        lines += [f"  - id: {source['id']}", f"    name: Nguồn {source['id']}", f"    url: {source['url']}",
                  "    channel: bao"]
    site.write_sources_text("\n".join(lines) + "\n")


def test_a_silent_source_is_cut_at_its_deadline_and_the_others_archived(server, site, silent):
    sources_yml(site, server, silent_url=silent, silent_deadline="1.5")
    started = time.monotonic()
    code, out, err = run(site, limits=PATIENT)
    elapsed = time.monotonic() - started
    assert code == 0, err
    assert 1.4 < elapsed < 4.5, out
    assert_good_archived(site, 2)
    line = next(line for line in out.splitlines() if line.startswith("✗ im-lang:"))
    assert "quá thời hạn 1,5 giây dành cho nguồn này" in line
    assert "1 nguồn bị cắt vì quá thời hạn" in out.splitlines()[-1]


def test_the_default_source_deadline_comes_from_the_top_of_sources_yml(server, site, silent):
    sources_yml(site, server, extra_top="deadline: 1", silent_url=silent)
    started = time.monotonic()
    code, out, _ = run(site, limits=PATIENT)
    assert code == 0 and time.monotonic() - started < 4.0, out
    assert "quá thời hạn 1 giây dành cho nguồn này" in out
    assert_good_archived(site, 2)


def test_the_run_deadline_cuts_what_is_still_running_and_says_so(server, site, silent):
    sources_yml(site, server, extra_top="run_deadline: 1.5", silent_url=silent)
    started = time.monotonic()
    code, out, _ = run(site, limits=PATIENT)
    elapsed = time.monotonic() - started
    assert code == 0
    assert 1.4 < elapsed < 4.0, out
    assert_good_archived(site, 2)
    line = next(line for line in out.splitlines() if line.startswith("✗ im-lang:"))
    assert "cả lượt tải đã quá thời hạn 1,5 giây" in line and "lưu trữ giữ nguyên" in line
    assert "1 nguồn bị cắt vì quá thời hạn" in out.splitlines()[-1]


def test_the_run_deadline_names_the_sources_it_never_started(site, silent, monkeypatch):
    import generator.fetch.run as run_module
    monkeypatch.setattr(run_module, "MAX_THREADS", 1)  # one at a time: whichever starts holds the others back
    site.sources(*({"id": f"im-lang-{i}", "url": f"{silent}?{i}"} for i in range(3)))
    (site.root / "feeds" / "sources.yml").write_text(
        "run_deadline: 1\n" + (site.root / "feeds" / "sources.yml").read_text(encoding="utf-8"), encoding="utf-8")
    started = time.monotonic()
    code, out, _ = run(site, limits=PATIENT)
    assert code == 0 and time.monotonic() - started < 3.0
    lines = [line for line in out.splitlines() if line.startswith(("✗", "–"))]
    assert len(lines) == 3, out
    cut_running = [line for line in lines if line.startswith("✗")]
    never_started = [line for line in lines if line.startswith("–")]
    assert len(cut_running) == 1 and "LỖI: cả lượt tải đã quá thời hạn 1 giây" in cut_running[0]
    assert len(never_started) == 2
    for line in never_started:
        assert "BỊ CẮT: cả lượt tải đã quá thời hạn 1 giây (run_deadline): chưa kịp tải" in line
    assert "0 thành công, 1 lỗi" in out.splitlines()[-1] and "3 nguồn bị cắt" in out.splitlines()[-1]
    states = load_state(site.root / "feeds")
    assert sum(1 for i in range(3) if f"im-lang-{i}" in states) == 1  # a source never tried keeps its health


@pytest.mark.parametrize("text, message", [
    ("deadline: 0\nsources: []\n", "feeds/sources.yml:1: 'deadline' phải là số giây lớn hơn 0"),
    ("run_deadline: nhanh\nsources: []\n", "feeds/sources.yml:1: 'run_deadline' phải là số giây lớn hơn 0"),
    ("sources:\n  - id: a\n    name: A\n    url: https://a.vn/rss\n    channel: bao\n    deadline: -5\n",
     "feeds/sources.yml:6: 'deadline' phải là số giây lớn hơn 0"),
])
def test_a_bad_deadline_exits_2_with_its_line(site, text, message):
    site.write_sources_text(text)
    code, _, err = run(site)
    assert code == 2
    assert message in err


def test_retries_and_their_waits_stay_inside_the_source_deadline(server):
    from generator.fetch.http import FetchError, fetch, make_client

    server.routes["/loi"] = Route(status=503, body=b"", headers={"Retry-After": "20"})
    limits = Limits(retries=5, backoff=0.01)
    started = time.monotonic()
    with make_client("chuyentrang-test", limits) as client, pytest.raises(FetchError) as caught:
        fetch(client, server.url("/loi"), limits=limits, deadline=2.0)
    assert time.monotonic() - started < 1.0  # a 20 s Retry-After cannot fit: stop now, not in 20 s
    assert caught.value.kind == "deadline"
    assert "quá thời hạn 2 giây" in caught.value.message and "máy chủ gặp lỗi (503" in caught.value.message
    assert len(server.hits("/loi")) == 1
