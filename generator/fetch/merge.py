"""Live entries into a source's archive. The archive only grows: an item that left the feed stays, a changed
item keeps its `first_seen`, an empty value in the feed never erases a known one."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Mapping

from generator.core.archive import FeedItem

from .identity import canonical_link
from .parse import Entry
from generator.core.sources import Source

_CONTENT_FIELDS = ("title", "link", "published", "published_raw", "summary", "categories", "image")


@dataclass(frozen=True)
class Candidate:
    """An entry that passed the filter, with its id."""
    id: str
    entry: Entry
    link_key: str | None = None  # canonical form of entry.link, computed where the entry was parsed


@dataclass(frozen=True)
class MergeResult:
    items: tuple[FeedItem, ...]
    new: int
    updated: int
    unchanged: int
    elsewhere: int  # already archived by another source of the same channel

    touched: int = 0  # unchanged items whose last_seen moved to today

    @property
    def changed(self) -> bool:
        return bool(self.new or self.updated or self.touched)


def _from_entry(source: Source, candidate: Candidate, now: datetime) -> FeedItem:
    e = candidate.entry
    return FeedItem(
        id=candidate.id, source=source.id, source_name=source.name, channel=source.channel, title=e.title,
        link=e.link, published=e.published, published_raw=e.published_raw, summary=e.summary,
        categories=e.categories, image=e.image, first_seen=now, last_seen=now, flags=(),
    )


def _refresh(old: FeedItem, fresh: FeedItem, now: datetime) -> FeedItem:
    changes = {}
    for name in _CONTENT_FIELDS:
        value = getattr(fresh, name)
        if value in (None, "", ()):  # the feed lost a value: keep what we knew
            continue
        if value != getattr(old, name):
            changes[name] = value
    if "published_raw" in changes and "published" not in changes and fresh.published is None:
        del changes["published_raw"]  # a new raw date we cannot read must not detach the known date from its raw
    # last_seen moves when the item changed, else once a day at most: hourly fetches leave the archive (and git) quiet
    if changes or fresh.source_name != old.source_name or now.date() != old.last_seen.astimezone(now.tzinfo).date():
        return dataclasses.replace(old, **changes, source_name=fresh.source_name, last_seen=now)
    return old


def merge(existing: Iterable[FeedItem], candidates: Iterable[Candidate], source: Source, now: datetime,
          taken: Mapping[str, str] | None = None) -> MergeResult:
    """The source's archive after this fetch, with counts.

    `taken` maps ids and canonical links archived by sources of the same channel to that source's id: an entry
    held by *another* source is the same item seen twice and is not archived again.
    """
    taken = taken or {}

    def elsewhere_holds(key: str | None) -> bool:
        return key is not None and taken.get(key, source.id) != source.id

    by_id: dict[str, FeedItem] = {}
    by_link: dict[str, str] = {}
    for item in existing:
        by_id[item.id] = item
        link = canonical_link(item.link)
        if link:
            by_link.setdefault(link, item.id)
    new = updated = unchanged = elsewhere = touched = 0
    seen: set[str] = set()
    for candidate in candidates:
        link = candidate.link_key if candidate.link_key is not None else canonical_link(candidate.entry.link)
        key = candidate.id if candidate.id in by_id else by_link.get(link) if link else None
        if key is not None:
            if key in seen:
                continue
            seen.add(key)
            old = by_id[key]
            fresh = _refresh(old, _from_entry(source, candidate, now), now)
            if any(getattr(fresh, f) != getattr(old, f) for f in _CONTENT_FIELDS):
                updated += 1
            else:
                unchanged += 1
                touched += fresh is not old
            by_id[key] = fresh
            continue
        if elsewhere_holds(candidate.id) or elsewhere_holds(link):
            elsewhere += 1
            continue
        if candidate.id in seen:
            continue
        seen.add(candidate.id)
        by_id[candidate.id] = _from_entry(source, candidate, now)
        if link:
            by_link.setdefault(link, candidate.id)
        new += 1
    return MergeResult(tuple(by_id.values()), new, updated, unchanged, elsewhere, touched)
