"""`chuyentrang fetch`: every source fetched in parallel, each one's result merged into its archive as it comes.

Worker threads only fetch and parse (no shared state); the main thread merges, writes and prints, so archives
and `feeds/state.json` have a single writer. A source's failure is reported on its line and leaves its archive
untouched; the run still exits 0. A bad `sources.yml` or config exits 2 with every problem as `path:line`.

Each source has a deadline across its retries (`deadline:` in sources.yml), and the run has one (`run_deadline:`):
the main thread stops waiting for what passed them and reports it as cut. The fetching threads are daemons, so a
server that holds a connection open cannot keep the command alive after its summary.
"""

from __future__ import annotations

import dataclasses
import queue
import sys
import threading
import time
from dataclasses import dataclass
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Callable, TextIO

from generator import __version__
from generator.core.archive import FeedItem, read_source_archive, write_source_archive
from generator.core.config import load_config
from generator.core.problems import InputError, Problem

from . import filter as keyword_filter
from .http import FetchError, Limits, fetch, make_client
from .identity import canonical_link, item_id
from .merge import Candidate, merge
from .parse import ParseFailure, parse_feed
from generator.core.sources import Source, load_feeds
from generator.core.fetchstate import SourceState, load_state, save_state
from .workers import parse_workers
from generator.support.exits import os_reason

SOURCES_FILE = "sources.yml"
ARCHIVE_DIR = "archive"
MAX_THREADS = 32
GRACE = 2.0  # seconds past a source's deadline before the main thread gives up on it (its thread reports first)


@dataclass(frozen=True)
class Outcome:
    source: Source
    status: str  # "ok" | "not-modified" | "failed"
    seconds: float
    candidates: tuple[Candidate, ...] = ()
    filtered: int = 0
    warnings: tuple[str, ...] = ()
    error: str | None = None
    error_kind: str | None = None  # FetchError/ParseFailure kind, e.g. "deadline"
    etag: str | None = None
    last_modified: str | None = None


def user_agent(site_url: str) -> str:
    return f"chuyentrang/{__version__} (+{site_url})" if site_url else f"chuyentrang/{__version__}"


@dataclass(frozen=True)
class Digest:
    """What a feed body yields for one source: its candidate items, and what to tell the editor."""
    candidates: tuple[Candidate, ...]
    filtered: int
    warnings: tuple[str, ...]


def digest_feed(body: bytes, headers: dict[str, str], url: str, tz: tzinfo, keywords: tuple[str, ...]) -> Digest:
    """Parse, filter and identify: pure, runs in the fetching thread.

    Raises ParseFailure when the body gives nothing usable.
    """
    parsed = parse_feed(body, headers, url, tz)
    warnings = list(parsed.warnings)
    patterns = keyword_filter.compile_keywords(keywords)
    candidates: list[Candidate] = []
    filtered = nameless = 0
    mojibake: list[str] = []
    seen: set[str] = set()
    shared = _shared_guids(parsed.entries)
    for entry in parsed.entries:
        if not keyword_filter.matches(patterns, entry.title, entry.summary_text, entry.categories):
            filtered += 1
            continue
        if not entry.title and not entry.link:
            nameless += 1
            continue
        guid = None if entry.guid in shared else entry.guid
        iid = item_id(guid, entry.link, entry.title, entry.published_raw, entry.summary_text)
        if iid is None:
            nameless += 1
            continue
        if iid in seen:
            continue
        seen.add(iid)
        if entry.mojibake:
            mojibake.append(entry.mojibake)
        candidates.append(Candidate(iid, entry, canonical_link(entry.link)))
    if shared:
        warnings.append(f"{len(shared)} mã nhận diện tin (guid) bị nhiều tin có liên kết khác nhau dùng chung (ví dụ "
                        f"«{sorted(shared)[0]}»): các tin ấy được nhận theo liên kết, để không tin nào đè lên tin khác")
    if nameless:
        warnings.append(f"bỏ qua {nameless} mục không có tiêu đề lẫn liên kết")
    if mojibake:
        warnings.append(f"{len(mojibake)} mục có chữ bị lỗi mã hoá (mojibake), ví dụ «{mojibake[0]}»: "
                        "nên báo cho đơn vị quản lý feed")
    undated = [c.entry.published_raw for c in candidates if c.entry.published is None]
    if undated:
        raws = sorted({raw for raw in undated if raw})
        sample = f" (ví dụ «{raws[0]}»)" if raws else ""
        warnings.append(f"{len(undated)} mục không có ngày đọc được chắc chắn{sample}: được lưu nhưng không được tính")
    return Digest(tuple(candidates), filtered, tuple(warnings))


def _shared_guids(entries) -> set[str]:
    """Guids the feed gives to entries with different links: a CMS that writes one guid (often its home page) on
    every item. Such a guid names no item; trusted, each new item would overwrite the archived one holding it."""
    links: dict[str, set[str]] = {}
    for entry in entries:
        link = canonical_link(entry.link)
        if entry.guid and link:
            links.setdefault(entry.guid, set()).add(link)
    return {guid for guid, seen in links.items() if len(seen) > 1}


def fetch_source(client, source: Source, state: SourceState | None, limits: Limits, tz: tzinfo,
                 conditional: bool = True, parse: Callable[..., Digest] = digest_feed) -> Outcome:
    """Fetch, parse, filter and identify one source's entries. Never raises: a failure is an Outcome.

    `parse` is called like `digest_feed` (it may run it in a worker process).
    """
    started = time.monotonic()
    use_validators = conditional and state is not None and state.url == source.url
    try:
        response = fetch(client, source.url, limits=limits, deadline=source.deadline,
                         etag=state.etag if use_validators else None,
                         last_modified=state.last_modified if use_validators else None)
        warnings: list[str] = []
        if response.permanent_redirect:
            warnings.append(f"feed đã chuyển hẳn sang {response.permanent_redirect}: nên sửa url trong sources.yml")
        if response.not_modified:
            return Outcome(source, "not-modified", time.monotonic() - started, warnings=tuple(warnings),
                           etag=state.etag if state else None, last_modified=state.last_modified if state else None)
        args = (response.body, response.headers, response.url, tz, source.keywords)
        digest = parse(*args)
        return Outcome(source, "ok", time.monotonic() - started, digest.candidates, digest.filtered,
                       tuple(warnings) + digest.warnings,
                       etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"))
    except (FetchError, ParseFailure) as exc:
        return Outcome(source, "failed", time.monotonic() - started, error=exc.message, error_kind=exc.kind)
    except Exception as exc:  # a bug or a library surprise must stay this source's problem
        return Outcome(source, "failed", time.monotonic() - started,
                       error=f"lỗi không lường trước ({type(exc).__name__}: {str(exc)[:200]})")


def _seconds(s: float) -> str:
    return f"{s:.1f} s".replace(".", ",")


def fetch_command(config_file: Path, source_id: str | None = None, out: TextIO = sys.stdout, *,
                  err: TextIO | None = None, limits: Limits | None = None, now: datetime | None = None,
                  parse: Callable[..., Digest] = digest_feed) -> int:
    """Run `chuyentrang fetch`; returns the exit code (0 even if sources failed, 2 on bad config/sources).

    `parse` is `digest_feed` or a function called the same way (importable by name: it may run in worker processes).
    """
    err = err or sys.stderr
    try:
        cfg = load_config(Path(config_file))
        sources_path = cfg.feeds_dir / SOURCES_FILE
        channel_ids = tuple(dict.fromkeys([*(c.id for c in cfg.channels), cfg.default_channel]))
        feeds = load_feeds(sources_path, label=cfg.rel(sources_path), channels=channel_ids)
        sources = feeds.sources
        if source_id is not None and source_id not in {s.id for s in sources}:
            known = ", ".join(s.id for s in sources) or "(chưa có nguồn nào)"
            raise InputError([Problem(cfg.rel(sources_path), None,
                                      f"không có nguồn '{source_id}' (các nguồn: {known})")])
    except InputError as exc:
        for problem in exc.problems:
            print(problem, file=err)
        return 2

    limits = limits or Limits()
    now = (now or datetime.now(cfg.tz)).astimezone(cfg.tz).replace(microsecond=0)
    archive_dir = cfg.feeds_dir / ARCHIVE_DIR
    selected = [s for s in sources if source_id is None or s.id == source_id]
    states = load_state(cfg.feeds_dir)

    # Every archive, to know what each channel already holds (the same item from two sources is kept once).
    archives: dict[str, list[FeedItem]] = {}
    broken: dict[str, str] = {}
    for path in sorted(archive_dir.glob("*.jsonl")) if archive_dir.is_dir() else []:
        try:
            archives[path.stem] = read_source_archive(path, label=cfg.rel(path))
        except InputError as exc:
            broken[path.stem] = str(exc.problems[0])
    holders: dict[str, dict[str, str]] = {}  # channel -> id or canonical link -> source id
    for sid, items in archives.items():
        for item in items:
            _hold(holders, item, sid)

    started = time.monotonic()
    print(f"Đang tải {len(selected)} nguồn tin…", file=out, flush=True)
    totals = {"ok": 0, "not-modified": 0, "failed": 0, "new": 0, "updated": 0, "cut": 0}
    to_fetch = [s for s in selected if s.id not in broken]
    for source in selected:
        if source.id in broken:
            message = f"lưu trữ hiện có bị hỏng, không tải để khỏi ghi đè ({broken[source.id]})"
            _report(out, source, "failed", 0.0, message)
            states[source.id] = _failed(states.get(source.id), source, message, now)
            totals["failed"] += 1

    def fail(source: Source, seconds: float, message: str) -> None:
        _report(out, source, "failed", seconds, message)
        states[source.id] = _failed(states.get(source.id), source, message, now)
        totals["failed"] += 1

    def settle(outcome: Outcome) -> None:
        source = outcome.source
        previous = states.get(source.id)
        if outcome.status == "failed":
            fail(source, outcome.seconds, outcome.error)
            totals["cut"] += outcome.error_kind == "deadline"
            return
        if outcome.status == "not-modified":
            _report(out, source, "not-modified", outcome.seconds, "không có gì mới (304)", outcome.warnings)
            states[source.id] = _succeeded(previous, source, outcome, now)
            totals["not-modified"] += 1
            return
        existing = archives.get(source.id, [])
        result = merge(existing, outcome.candidates, source, now, holders.get(source.channel))
        try:
            if result.changed:
                write_source_archive(archive_dir / f"{source.id}.jsonl", result.items)
        except OSError as exc:
            fail(source, outcome.seconds, f"không ghi được lưu trữ ({os_reason(exc)}): lưu trữ cũ giữ nguyên")
            return
        archives[source.id] = list(result.items)
        for item in result.items:
            _hold(holders, item, source.id)
        parts = [f"{result.new} mới", f"{result.updated} cập nhật", f"{result.unchanged} không đổi"]
        if outcome.filtered:
            parts.append(f"{outcome.filtered} không khớp từ khoá")
        if result.elsewhere:
            parts.append(f"{result.elsewhere} đã có từ nguồn khác cùng kênh")
        _report(out, source, "ok", outcome.seconds, ", ".join(parts), outcome.warnings)
        states[source.id] = _succeeded(previous, source, outcome, now)
        totals["ok"] += 1
        totals["new"] += result.new
        totals["updated"] += result.updated

    run_until = started + feeds.run_deadline
    with make_client(user_agent(cfg.site_url), limits) as client:
        parser = parse_workers(parse, len(to_fetch))
        results: queue.Queue[Outcome] = queue.Queue()
        began: dict[str, float] = {}  # source id -> when its thread started on it
        slots = threading.BoundedSemaphore(max(1, min(MAX_THREADS, len(to_fetch))))
        stop = threading.Event()

        def work(source: Source) -> None:
            with slots:
                if stop.is_set():
                    return
                began[source.id] = time.monotonic()
                outcome = fetch_source(client, source, states.get(source.id), limits, cfg.tz,
                                       (archive_dir / f"{source.id}.jsonl").exists(), parser)
            results.put(outcome)

        waiting = {s.id: s for s in to_fetch}
        for source in to_fetch:
            threading.Thread(target=work, args=(source,), name=f"fetch {source.id}", daemon=True).start()
        shortest = min((s.deadline for s in to_fetch), default=0.0)
        while waiting:
            clock = time.monotonic()
            for sid, t0 in list(began.items()):
                if sid in waiting and clock >= t0 + waiting[sid].deadline + GRACE:
                    source = waiting.pop(sid)
                    fail(source, clock - t0, f"quá thời hạn {_number(source.deadline)} giây dành cho nguồn này: "
                                             "đã bỏ dở, lưu trữ giữ nguyên")
                    totals["cut"] += 1
            if not waiting or clock >= run_until:
                break
            # a source that starts after this moment cannot pass its deadline sooner than `shortest` from now
            wake = min([run_until, clock + shortest + GRACE] + [began[sid] + waiting[sid].deadline + GRACE
                                                                for sid in waiting if sid in began])
            try:
                outcome = results.get(timeout=max(0.01, wake - clock))
            except queue.Empty:
                continue
            if waiting.pop(outcome.source.id, None) is not None:
                settle(outcome)
        stop.set()
        if waiting:
            clock = time.monotonic()
            reason = f"cả lượt tải đã quá thời hạn {_number(feeds.run_deadline)} giây (run_deadline)"
            for source in sorted(waiting.values(), key=lambda s: s.line or 0):
                totals["cut"] += 1
                if source.id in began:
                    fail(source, clock - began[source.id], f"{reason}: đã bỏ dở nguồn này, lưu trữ giữ nguyên")
                else:
                    _report(out, source, "cut", 0.0, f"{reason}: chưa kịp tải nguồn này, lần sau sẽ tải")
        parser.close(wait=not waiting)

    try:
        save_state(cfg.feeds_dir, states)
    except OSError as exc:
        print(f"{cfg.rel(cfg.feeds_dir / 'state.json')}: không ghi được trạng thái nguồn ({exc})", file=out)
    summary = (f"Xong {len(selected)} nguồn trong {_seconds(time.monotonic() - started)}: "
               f"{totals['ok'] + totals['not-modified']} thành công")
    if totals["not-modified"]:
        summary += f" ({totals['not-modified']} không đổi)"
    summary += f", {totals['failed']} lỗi; {totals['new']} tin mới, {totals['updated']} tin cập nhật."
    if totals["cut"]:
        summary += f" {totals['cut']} nguồn bị cắt vì quá thời hạn."
    print(summary, file=out, flush=True)
    return 0


def _number(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def _hold(holders: dict[str, dict[str, str]], item: FeedItem, sid: str) -> None:
    table = holders.setdefault(item.channel, {})
    table.setdefault(item.id, sid)
    link = canonical_link(item.link)
    if link:
        table.setdefault(link, sid)


def _report(out: TextIO, source: Source, status: str, seconds: float, message: str | None,
            warnings: tuple[str, ...] = ()) -> None:
    mark = {"ok": "✓", "not-modified": "=", "failed": "✗", "cut": "–"}[status]
    label = {"failed": "LỖI: ", "cut": "BỊ CẮT: "}.get(status, "")
    print(f"{mark} {source.id}: {label}{message} ({_seconds(seconds)})", file=out, flush=True)
    for warning in warnings:
        print(f"    ! {warning}", file=out, flush=True)


def _failed(previous: SourceState | None, source: Source, message: str | None, now: datetime) -> SourceState:
    previous = previous or SourceState(url=source.url)
    return dataclasses.replace(previous, last_attempt=now, last_error=message, last_error_at=now,
                               consecutive_failures=previous.consecutive_failures + 1)


def _succeeded(previous: SourceState | None, source: Source, outcome: Outcome, now: datetime) -> SourceState:
    previous = previous or SourceState()
    return dataclasses.replace(previous, url=source.url, etag=outcome.etag, last_modified=outcome.last_modified,
                               last_attempt=now, last_success=now, consecutive_failures=0)
