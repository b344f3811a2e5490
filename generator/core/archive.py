"""The feed archive: every feed item ever accepted, one JSON Lines file per source under ``feeds/archive/``.

Format (stable for clean git diffs): UTF-8, one object per line with sorted keys and compact separators, lines
sorted by ``(first_seen, id)``, trailing newline. Writes are atomic: a reader sees the old file or the new one.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable

import msgspec

from generator.support.atomic import remove_stale_temporaries, write_atomically
from generator.core.problems import InputError, Problem


@dataclass(frozen=True)
class FeedItem:
    id: str
    source: str
    source_name: str
    channel: str
    title: str
    link: str | None
    published: datetime | None
    published_raw: str | None
    summary: str
    categories: tuple[str, ...]
    image: str | None
    first_seen: datetime
    last_seen: datetime
    flags: tuple[str, ...] = ()


_ZONES: dict = {}  # one shared tzinfo object per UTC offset read from the archive


def _dt(value: str | None) -> datetime | None:
    if value in (None, ""):
        return None
    try:
        dt = datetime.fromisoformat(value)
    except (TypeError, ValueError):  # Python's own text is English
        raise ValueError(f"ngày giờ không đọc được: {value!r} (cần dạng 2026-11-20T08:30:00+07:00)") from None
    tz = dt.tzinfo
    if tz is None:
        raise ValueError(f"thời điểm thiếu múi giờ: {value!r}")
    # fromisoformat makes a new tzinfo object per call. Datetimes sharing one tzinfo object compare without
    # computing offsets: sorting 100,000 times of the archive (judge, integrity) is then much cheaper. Same values.
    shared = _ZONES.setdefault(tz, tz)
    return dt if shared is tz else _combine(dt.date(), dt.time(), shared)  # combine: cheaper than replace


_combine = datetime.combine


def _iso(dt: datetime | None) -> str | None:
    return None if dt is None else dt.isoformat()


@dataclass(frozen=True)
class Rules:
    """What the site allows in its archive: the configured channels, and the days an item may be dated on."""
    channels: frozenset[str]
    first_day: date
    last_day: date


# C0 controls no XML 1.0 document holds (tab, newline, carriage return are fine): the fetcher strips them from feeds
# (generator.fetch.text), so only a hand edit puts one in the archive.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What may hold one in a JSON line (a raw one is not JSON): \b, \f or \u0000-\u001f. A few false alarms (an escaped
# backslash before a "b", an escaped tab) only send the file to the line-by-line reading.
_CONTROL_ESCAPE = re.compile(rb"\\(?:[bfBF]|[uU]00[01])")  # led by the backslash: searched for as a literal


def _text(d: dict, key: str, default: str | None = "") -> str | None:
    value = d.get(key)
    if value is None or value == "":
        return default
    if not isinstance(value, str):
        raise ValueError(f"'{key}' phải là chuỗi văn bản hoặc null, không phải {type(value).__name__}")
    m = _CONTROL_RE.search(value)
    if m:
        raise ValueError(f"'{key}' có ký tự điều khiển U+{ord(m.group()):04X}: hãy xóa nó")
    return value


def _texts(d: dict, key: str) -> tuple[str, ...]:
    value = d.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{key}' phải là danh sách chuỗi, ví dụ [\"a\", \"b\"]")
    for v in value:
        if _CONTROL_RE.search(v):
            raise ValueError(f"'{key}' có ký tự điều khiển: hãy xóa nó")
    return tuple(value)


def item_from_dict(d: dict, rules: Rules | None = None) -> FeedItem:
    """One archive line's item. ``rules``: its channel must be configured, and its times plausible: a ``published``
    outside them is read as no date (it came from the feed, which may be wrong), a ``first_seen`` or ``last_seen``
    outside them is a problem (the fetcher writes its own clock there: only a hand edit puts such a time)."""
    if not isinstance(d, dict):
        raise ValueError("mỗi dòng phải là một đối tượng JSON {...}")
    ident = d["id"]
    if isinstance(ident, bool) or not isinstance(ident, (str, int)):
        raise ValueError("'id' phải là chuỗi văn bản")
    channel = _text(d, "channel", None)
    if channel is None:
        raise KeyError("channel")
    if rules is not None and channel not in rules.channels:
        raise ValueError(f"kênh {channel!r} không có trong cấu hình (có: {', '.join(sorted(rules.channels))})")
    source = _text(d, "source", None)
    if source is None:
        raise KeyError("source")
    published = _dt(_text(d, "published", None))
    first_seen = _dt(_text(d, "first_seen", None) or d["first_seen"])
    if first_seen is None:
        raise ValueError("thiếu 'first_seen' (thời điểm lấy được tin)")
    last_seen = _dt(_text(d, "last_seen", None)) or first_seen
    if rules is not None:
        if published is not None and not _plausible(published, rules):
            published = None
        for key, when in (("first_seen", first_seen), ("last_seen", last_seen)):
            if not _plausible(when, rules):
                raise ValueError(f"'{key}' {when.date().isoformat()} không hợp lý: cần trong khoảng "
                                 f"{rules.first_day.isoformat()} đến {rules.last_day.isoformat()}")
    return FeedItem(
        id=str(_text(d, "id") if isinstance(ident, str) else ident),
        source=source,
        source_name=_text(d, "source_name", None) or source,
        channel=channel,
        title=_text(d, "title"),
        link=_text(d, "link", None),
        published=published,
        published_raw=_text(d, "published_raw", None),
        summary=_text(d, "summary"),
        categories=_texts(d, "categories"),
        image=_text(d, "image", None),
        first_seen=first_seen,
        last_seen=last_seen,
        flags=_texts(d, "flags"),
    )


def _plausible(when: datetime, rules: Rules) -> bool:
    # compared as dates of the time's own offset: a day's slack either way, and no arithmetic that could overflow
    return rules.first_day <= when.date() <= rules.last_day


def item_to_dict(item: FeedItem) -> dict:
    return {
        "id": item.id,
        "source": item.source,
        "source_name": item.source_name,
        "channel": item.channel,
        "title": item.title,
        "link": item.link,
        "published": _iso(item.published),
        "published_raw": item.published_raw,
        "summary": item.summary,
        "categories": list(item.categories),
        "image": item.image,
        "first_seen": _iso(item.first_seen),
        "last_seen": _iso(item.last_seen),
        "flags": list(item.flags),
    }


def _line(item: FeedItem) -> str:
    return json.dumps(item_to_dict(item), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sort_items(items: Iterable[FeedItem]) -> list[FeedItem]:
    return sorted(items, key=lambda i: (i.first_seen.isoformat(), i.id))


def read_source_archive(path: Path, *, label: str | None = None, rules: Rules | None = None) -> list[FeedItem]:
    """Read one source's archive; a missing file is an empty archive. Raises InputError naming bad lines.
    ``rules``: see ``item_from_dict``."""
    path = Path(path)
    label = label or str(path)
    try:
        with path.open("rb") as fh:
            data = fh.read()
    except FileNotFoundError:
        return []
    fast = _read_whole(data, rules)
    return fast if fast is not None else _read_lines(data, label, rules)


# The archive as the fetcher writes it, read by msgspec in one call a file: json.loads and item_from_dict line by line
# were the longest part of loading five years of feed items (benchmarks/RESULTS-scale.md, round 7). Anything else
# goes line by line, where each problem is named with its line and lenient values are read as before.
_DECODER = msgspec.json.Decoder(FeedItem)
# Datetimes msgspec reads and fromisoformat does not (a lowercase "z") or not alike (more than six digits of a second,
# rounded, not cut). Two searches, each led by a literal: one pattern with both scans 20 MB at a twentieth the speed.
_LONG_FRACTION = re.compile(rb":[0-9]{2}[.,][0-9]{7}")
_LOWER_Z = re.compile(rb'[0-9]z"')


def _read_whole(data: bytes, rules: Rules | None = None) -> list[FeedItem] | None:
    """Every item of ``data``, the same as ``_read_lines`` gives; None when a line needs ``_read_lines``: a problem,
    a value it reads leniently ("" for a link or an image, no source name, a number for an id...)."""
    # b"z" first: one byte is searched for many times faster than two, and Vietnamese text seldom has one
    if (_LONG_FRACTION.search(data) or (b"z" in data and b'z"' in data and _LOWER_Z.search(data))
            or _CONTROL_ESCAPE.search(data)):
        return None
    try:
        items = _DECODER.decode_lines(data)
    except (msgspec.DecodeError, RecursionError, MemoryError):  # not JSON, not UTF-8, a missing field or a value of
        return None  # another type, nested too deep: line by line names the line
    for i in items:
        if (not i.source_name or i.link == "" or i.image == "" or i.first_seen.tzinfo is None
                or i.last_seen.tzinfo is None or (i.published is not None and i.published.tzinfo is None)):
            return None
    if rules is not None:
        channels, first, last = rules.channels, rules.first_day, rules.last_day
        for i in items:
            if (i.channel not in channels or not first <= i.first_seen.date() <= last
                    or not first <= i.last_seen.date() <= last
                    or (i.published is not None and not first <= i.published.date() <= last)):
                return None
    if items:  # a file read line by line later shares msgspec's tzinfo objects (see _dt)
        tz = items[0].first_seen.tzinfo
        _ZONES.setdefault(tz, tz)
    return items


def _read_lines(data: bytes, label: str, rules: Rules | None = None) -> list[FeedItem]:
    items: list[FeedItem] = []
    problems: list[Problem] = []
    for n, raw in enumerate(data.split(b"\n"), 1):
        if not raw.strip():
            continue
        try:
            d = json.loads(raw.decode("utf-8"))
            if b"\\u" in raw:  # an escape json.loads reads and no page can hold: half of a UTF-16 pair, "\\ud800"
                json.dumps(d, ensure_ascii=False).encode("utf-8")
            items.append(item_from_dict(d, rules))
        except UnicodeDecodeError:
            problems.append(Problem(label, n, "dòng lưu trữ tin không phải văn bản UTF-8"))
        except UnicodeEncodeError as exc:
            problems.append(Problem(label, n, "dòng lưu trữ tin có ký tự không hợp lệ (nửa cặp UTF-16: "
                                              f"{exc.object[exc.start:exc.end].encode('unicode_escape').decode()})"))
        except json.JSONDecodeError:  # a ValueError whose text is English
            problems.append(Problem(label, n, "dòng lưu trữ tin không đọc được: dòng không phải JSON hợp lệ"))
        except KeyError as exc:
            problems.append(Problem(label, n, f"dòng lưu trữ tin không đọc được: thiếu trường {exc}"))
        except (ValueError, TypeError) as exc:
            problems.append(Problem(label, n, f"dòng lưu trữ tin không đọc được: {exc}"))
        except (RecursionError, MemoryError):  # '[[[[…' nested past what the decoder can hold, or far too big
            problems.append(Problem(label, n, "dòng lưu trữ tin lồng nhau quá sâu hoặc quá lớn để đọc: mỗi dòng phải "
                                              "là một tin (một nhóm khóa JSON)"))
    if problems:
        raise InputError(problems)
    return items


def read_archive(archive_dir: Path, *, rel=None, rules: Rules | None = None) -> list[FeedItem]:
    """Every item of every ``*.jsonl`` file in ``archive_dir``, in file-name order; every bad line reported.
    ``rules``: see ``item_from_dict``."""
    archive_dir = Path(archive_dir)
    items: list[FeedItem] = []
    problems: list[Problem] = []
    if not archive_dir.is_dir():
        return items
    # Read here, never in a worker: sending the items back would cost as much as reading them (msgspec makes them
    # in one call a file; pickling their datetimes and tuples does not go faster).
    for path in sorted(archive_dir.glob("*.jsonl")):
        got, found = _read_or_problems(path, rel, rules)
        items.extend(got)
        problems.extend(found)
    if problems:
        raise InputError(problems)
    return items


def _read_or_problems(path: Path, rel, rules: Rules | None = None) -> tuple[list[FeedItem], list[Problem]]:
    try:
        return read_source_archive(path, label=rel(path) if rel else None, rules=rules), []
    except InputError as exc:
        return [], list(exc.problems)


def write_source_archive(path: Path, items: Iterable[FeedItem]) -> None:
    """Write atomically (see generator.support.atomic), sorted, one item a line."""
    remove_stale_temporaries(path)
    write_atomically(path, "".join(_line(i) + "\n" for i in sort_items(items)))
