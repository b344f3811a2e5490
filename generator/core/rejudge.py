"""The judge again after a save, for the preview: only the periods a changed entry falls in are judged again; the
others keep their ``PeriodResult`` (the same object, so that what is made from them downstream can tell they did
not change). The result equals ``judge.judge`` for the same inputs.

Why this is the same: ``judge.dedupe`` keeps, per channel, the first entry of each id and of each link. An entry
that shares neither its id nor its link with any other entry of its channel is kept, and its coming or going
changes no other entry's fate; so when every added or removed entry is such an entry, the kept entries are the
last ones plus the added minus the removed, and only their periods change. Anything else (a shared id or link,
another as-of time, another config) is judged again from nothing.
"""
from __future__ import annotations

from bisect import insort
from collections import Counter
from datetime import datetime
from typing import Iterable

from generator.core import timeutil
from generator.core.config import SiteConfig
from generator.core.judge import Entry, Report, _link_key, _order, buckets, channel_result, dedupe


def _keys(e: Entry) -> tuple:
    return ((e.channel, 0, e.id), (e.channel, 1, _link_key(e.url))) if e.url else ((e.channel, 0, e.id),)


def _diff(fresh: list[Entry], gone: list[Entry]) -> tuple[list[Entry], list[Entry]]:
    """(added, removed): the entries of ``fresh`` (not the last load's objects) equal to none of ``gone`` (the last
    load's that are not this one's), and the other way round; each equal pair cancels out. Matched by source, id and
    channel first: an entry hashed whole is slower (its time's offset is worked out again)."""
    by: dict[tuple, list[Entry]] = {}
    for e in gone:
        by.setdefault((e.source, e.id, e.channel), []).append(e)
    added = []
    for e in fresh:
        same = by.get((e.source, e.id, e.channel))
        if same and e in same:
            same.remove(e)
        else:
            added.append(e)
    return added, [e for same in by.values() for e in same]


class _Last:
    """One judgement with what it was judged from."""

    def __init__(self, config: SiteConfig, as_of: datetime, entries: list[Entry], report: Report,
                 keys: Counter, kept: dict[str, dict[str, list[Entry]]], ids: set[int] | None = None):
        self.config, self.as_of, self.report = config, as_of, report
        self.entries = entries  # held: the ids below are theirs
        self.ids = ids if ids is not None else {id(e) for e in entries}
        self.keys = keys  # how many entries (before dedupe) hold each id and link, per channel
        self.kept = kept  # channel id -> period -> the kept entries, oldest first


class Rejudge:
    """``judge.judge`` with the last judgement kept (``Sources`` keeps one between saves). ``judged``: how many
    periods the last call judged again (all, or only those a changed entry falls in), for the tests."""

    def __init__(self) -> None:
        self.last: _Last | None = None
        self.judged = 0

    def __call__(self, config: SiteConfig, entries: Iterable[Entry], as_of: datetime) -> Report:
        as_of = as_of.astimezone(config.tz)
        now = [e for e in entries if e.published <= as_of]
        last = self.last
        if last is None or last.as_of != as_of or not (last.config is config or last.config == config):
            return self._anew(config, now, as_of)
        ids = {id(e) for e in now}
        added, removed = _diff([e for e in now if id(e) not in last.ids],
                               [e for e in last.entries if id(e) not in ids])
        if not added and not removed:
            self.last = _Last(config, as_of, now, last.report, last.keys, last.kept, ids)
            self.judged = 0
            return last.report
        out = Counter(k for e in removed for k in _keys(e))
        into = Counter(k for e in added for k in _keys(e))
        # a changed entry shares no id or link with an entry that stayed, nor with another one added or removed
        # (a date or title changed keeps the entry's id: it leaves and comes back as the same key)
        if any(n > 1 for n in out.values()) or any(n > 1 for n in into.values()) or \
                any(last.keys[k] != out[k] for k in out.keys() | into.keys()):
            return self._anew(config, now, as_of)
        keys = last.keys  # brought up to date in place: the last judgement is replaced below
        for k in out:
            del keys[k]
        keys.update(into)
        tz, pers = config.tz, {c.id: c.target.per for c in config.channels}
        kept = dict(last.kept)
        dirty: dict[str, set[str]] = {}
        for e, add in [*((e, False) for e in removed), *((e, True) for e in added)]:
            per = pers.get(e.channel)
            if per is None:  # a channel no longer configured: judged nowhere
                continue
            pid = timeutil.period_id(e.published.astimezone(tz).date(), per)
            if e.channel not in dirty:
                dirty[e.channel] = set()
                kept[e.channel] = dict(kept.get(e.channel, {}))
            if pid not in dirty[e.channel]:
                dirty[e.channel].add(pid)
                kept[e.channel][pid] = list(kept[e.channel].get(pid, ()))
            bucket = kept[e.channel][pid]
            if add:
                insort(bucket, e, key=_order)
            else:
                bucket.remove(e)
        channels = []
        for ch, old in zip(config.channels, last.report.channels):
            if ch.id not in dirty:
                channels.append(old)
                continue
            waivers = [w for w in config.waivers if w.channel == ch.id]
            same = {p.period: p for p in old.periods if p.period not in dirty[ch.id]}
            channels.append(channel_result(ch, kept[ch.id], waivers, as_of, tz, kept=same))
        self.judged = sum(len(d) for d in dirty.values())
        status = "fail" if any(r.status == "fail" for r in channels) else "pass"
        report = Report(as_of=as_of, timezone=config.timezone, status=status, channels=tuple(channels))
        self.last = _Last(config, as_of, now, report, keys, kept, ids)
        return report

    def _anew(self, config: SiteConfig, now: list[Entry], as_of: datetime) -> Report:
        by_channel: dict[str, list[Entry]] = {}
        for e in dedupe(now):
            by_channel.setdefault(e.channel, []).append(e)
        kept = {c.id: buckets(by_channel.get(c.id, []), c.target.per, config.tz) for c in config.channels}
        keys = Counter(k for e in now for k in _keys(e))
        # as ``judge.judge`` makes it, from the same buckets
        channels = tuple(channel_result(c, kept[c.id], [w for w in config.waivers if w.channel == c.id], as_of,
                                        config.tz) for c in config.channels)
        report = Report(as_of=as_of, timezone=config.timezone,
                        status="fail" if any(r.status == "fail" for r in channels) else "pass", channels=channels)
        self.last = _Last(config, as_of, now, report, keys, kept)
        self.judged = sum(len(c.periods) for c in report.channels)
        return report
