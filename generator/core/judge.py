"""Frequency targets judged exactly as the contract says: periods, the open period, window, waivers, modes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Iterable

from generator.core import timeutil
from generator.core.config import Channel, SiteConfig, Waiver


@dataclass(frozen=True)
class Entry:
    """An item that may count for a channel: an article or a feed item, already published by the as-of time."""

    id: str
    title: str
    url: str
    published: datetime  # aware, site timezone
    source: str  # "content" for articles, else the feed source id
    channel: str
    flags: tuple[str, ...] = ()
    counts: bool = True  # False when an integrity flag keeps it from counting; it stays listed as evidence


@dataclass(frozen=True)
class PeriodResult:
    period: str
    start: date
    end: date
    count: int
    status: str  # met | missed | waived | open
    waiver: Waiver | None
    items: tuple[Entry, ...]


@dataclass(frozen=True)
class ChannelResult:
    channel: Channel
    status: str  # pass | fail | inactive
    window: tuple[str, ...]
    judged: tuple[str, ...]
    periods: tuple[PeriodResult, ...]
    total: int  # items counted in the judged periods
    needed: float  # items the judged periods needed (average mode: min x judged periods)

    def period(self, pid: str) -> PeriodResult | None:
        return next((p for p in self.periods if p.period == pid), None)

    @property
    def open(self) -> PeriodResult | None:
        return next((p for p in self.periods if p.status == "open"), None)

    @property
    def shortfalls(self) -> tuple[PeriodResult, ...]:
        """Judged periods below the target, oldest first."""
        return tuple(p for p in self.periods if p.period in self.judged and p.count < self.channel.target.min)


@dataclass(frozen=True)
class Report:
    as_of: datetime
    timezone: str
    status: str  # pass | fail
    channels: tuple[ChannelResult, ...]
    # The urgent publish (generator.core.decisions.UrgentPublish) in force at the as-of time, or None. It never changes
    # the verdict: a missed target stays missed; it only lets `build` publish, and is shown beside the verdict.
    urgent: object | None = None
    # Every urgent-publish decision file read (decisions.UrgentPublish), in force at the as-of time or not: a formal
    # report lists those of its quarter or month. Like ``urgent``, never part of the verdict.
    urgent_decisions: tuple = ()

    @property
    def may_publish(self) -> bool:
        return self.status == "pass" or self.urgent is not None

    def channel(self, cid: str) -> ChannelResult | None:
        return next((c for c in self.channels if c.channel.id == cid), None)


def _link_key(url: str) -> str:
    return url.strip().rstrip("/").lower()


def _order(e: Entry) -> tuple:
    return e.published, e.source != "content", e.source, e.id


def dedupe(entries: Iterable[Entry]) -> list[Entry]:
    """Keep the first copy of each item per channel: an entry with the id or the link of an earlier one of its
    channel (across sources) is a second copy. Oldest first; at the same time articles first, then by source and id.

    Earlier means any earlier entry, a copy left out too: a feed that gives a story another source's link and then,
    with the same guid, a new link sends one story three times, and the third shares nothing with the first."""
    out: list[Entry] = []
    seen: dict[str, tuple[set[str], set[str]]] = {}  # per channel: the ids and the links of every entry so far
    for e in sorted(entries, key=_order):
        known = seen.get(e.channel)
        if known is None:
            known = seen[e.channel] = (set(), set())
        ids, links = known
        link = _link_key(e.url) if e.url else ""
        copy = e.id in ids or (link != "" and link in links)
        ids.add(e.id)
        if link:
            links.add(link)
        if not copy:
            out.append(e)
    return out


def judge(config: SiteConfig, entries: Iterable[Entry], as_of: datetime) -> Report:
    """Judge every configured channel as of ``as_of`` (aware). ``entries`` must hold only published items."""
    tz = config.tz
    as_of = as_of.astimezone(tz)
    by_channel: dict[str, list[Entry]] = {}
    for e in dedupe(e for e in entries if e.published <= as_of):
        by_channel.setdefault(e.channel, []).append(e)
    results = tuple(
        _judge_channel(ch, by_channel.get(ch.id, []), [w for w in config.waivers if w.channel == ch.id], as_of, tz)
        for ch in config.channels
    )
    status = "fail" if any(r.status == "fail" for r in results) else "pass"
    return Report(as_of=as_of, timezone=config.timezone, status=status, channels=results)


def _judge_channel(ch: Channel, entries: list[Entry], waivers: list[Waiver], as_of: datetime, tz) -> ChannelResult:
    return channel_result(ch, buckets(entries, ch.target.per, tz), waivers, as_of, tz)


def buckets(entries: Iterable[Entry], per: str, tz) -> dict[str, list[Entry]]:
    """A channel's kept entries (deduplicated, oldest first) by the period they fall in."""
    out: dict[str, list[Entry]] = {}
    for e in entries:  # most days hold several entries: timeutil works a day's period out once
        out.setdefault(timeutil.period_id(e.published.astimezone(tz).date(), per), []).append(e)
    return out


def channel_result(ch: Channel, buckets: dict[str, list[Entry]], waivers: list[Waiver], as_of: datetime, tz,
                   kept: dict[str, PeriodResult] | None = None) -> ChannelResult:
    """The channel judged from its ``buckets``. ``kept``: results of periods whose bucket, as-of time and waivers
    are those they were judged from (``generator.core.rejudge``): used as they are."""
    per, minimum = ch.target.per, ch.target.min
    today = as_of.date()
    active = ch.since <= today and (ch.until is None or today <= ch.until)
    first = timeutil.period_id(ch.since, per)
    open_pid = timeutil.period_id(today, per)
    last_day = today if ch.until is None or today <= ch.until else ch.until
    last = timeutil.period_id(last_day, per)
    # from the period holding `since` to the open one (or the one holding `until`): a channel that starts later in
    # the open period already has that period, open; one that starts in a later period has none yet
    pids = timeutil.periods_between(first, last) if first <= open_pid else []

    waiver_of = {w.period: w for w in waivers}

    complete = [p for p in pids if p != open_pid and timeutil.period_bounds(p)[1] < today]
    window = tuple(complete[-ch.target.window:]) if complete else ()
    judged = tuple(p for p in window if p not in waiver_of)

    periods = []
    for pid in pids:
        if kept is not None and pid in kept:
            periods.append(kept[pid])
            continue
        start, end = timeutil.period_bounds(pid)
        items = tuple(buckets.get(pid, ()))
        count = sum(1 for e in items if e.counts)
        if pid == open_pid:
            status = "open"
        elif pid in waiver_of:
            status = "waived"
        else:
            status = "met" if count >= minimum else "missed"
        periods.append(PeriodResult(pid, start, end, count, status, waiver_of.get(pid), items))

    counts = {p.period: p.count for p in periods}
    total = sum(counts[p] for p in judged)
    if ch.target.mode == "every":
        needed = minimum * len(judged)
        ok = all(counts[p] >= minimum for p in judged)
    else:
        needed = minimum * len(judged)
        ok = total >= needed
    status = "inactive" if not active else ("pass" if ok else "fail")
    return ChannelResult(ch, status, window, judged, tuple(periods), total, needed)
