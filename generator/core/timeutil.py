"""Dates, times and periods in the site's timezone.

Every datetime that leaves this module is timezone-aware. A period is an ISO week (``2024-W05``) or a calendar month
(``2024-05``), both read in the site's timezone, so converting from UTC never moves an item across a day.
"""
from __future__ import annotations

import re
from functools import lru_cache
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

# `t` and `z` in lower case are RFC 3339's (ISO 8601's profile for the internet) and what some tools print.
# A fraction of a second: ISO 8601 allows a comma or a point and any number of digits (`date --iso-8601=ns`); kept
# to microseconds, cut as fromisoformat cuts.
_DATE_RE = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[Tt ]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,](?P<f>\d+))?)?"
    r"\s*(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?)?$"
)
# ISO 8601's basic format (`date -u +%Y%m%dT%H%M%SZ` in a CI script): read for an as-of time only.
_BASIC_RE = re.compile(
    r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})"
    r"(?:[Tt](?P<H>\d{2})(?P<M>\d{2})(?P<S>\d{2}(?:[.,]\d+)?)?(?P<tz>[Zz]|[+-]\d{2}(?:\d{2})?)?)?$"
)
WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")
MONTH_RE = re.compile(r"^(\d{4})-(\d{2})$")


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"múi giờ không tồn tại: {name!r}") from exc


def _offset(text: str) -> tzinfo:
    from datetime import timezone

    if text in ("Z", "z"):
        return timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 14 or minutes > 59:
        raise ValueError("độ lệch múi giờ không hợp lệ")
    return timezone(sign * timedelta(hours=hours, minutes=minutes))


def parse_datetime(value: object, tz: ZoneInfo, *, end_of_day: bool = False) -> datetime:
    """Read ``YYYY-MM-DD`` or ``YYYY-MM-DD HH:MM[:SS][offset]``; no offset means ``tz``.

    A bare date is the start of that day, or its last instant when ``end_of_day`` (used for ``--as-of``).
    Raises ValueError with a Vietnamese message.
    """
    if isinstance(value, datetime):
        return value.astimezone(tz) if value.tzinfo else value.replace(tzinfo=tz)
    if isinstance(value, date):
        moment = time.max if end_of_day else time.min
        return datetime.combine(value, moment, tzinfo=tz)
    text = str(value).strip()
    m = _DATE_RE.match(text)
    if not m:
        raise ValueError(
            f"ngày giờ không đúng dạng: {text!r} (cần YYYY-MM-DD hoặc YYYY-MM-DD HH:MM, có thể kèm +07:00)"
            + _hand_written_hint(text)
        )
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError as exc:
        raise ValueError(f"ngày không tồn tại: {text!r}") from exc
    if m["H"] is None:
        moment = time.max if end_of_day else time.min
        return datetime.combine(day, moment, tzinfo=tz)
    hour = int(m["H"])
    try:
        if hour == 24 and int(m["M"]) == int(m["S"] or 0) == int(m["f"] or 0) == 0:
            # ISO 8601's end of a day, as the contract's weeks end "Sunday 24:00": the next day's first instant
            day, hour = day + timedelta(days=1), 0
        clock = time(hour, int(m["M"]), int(m["S"] or 0), int((m["f"] or "0")[:6].ljust(6, "0")))
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"giờ không tồn tại: {text!r}") from exc
    try:
        if m["tz"]:
            return datetime.combine(day, clock, tzinfo=_offset(m["tz"])).astimezone(tz)
        return datetime.combine(day, clock, tzinfo=tz)
    except OverflowError:  # 9999-12-31 23:59:59-12:00 is in year 10000 in the site's timezone
        raise ValueError(f"ngày giờ nằm ngoài lịch: {text!r}") from None


# A date the way people write it by hand: day first ("07/12/2026", "7-12-2026", "07.12.2026"), or year first with
# another mark ("2026/12/07"); a time as "8:30", "8h30" or "8h".
_HAND_DAY_RE = re.compile(r"^(?:(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
                          r"|(?P<y2>\d{4})[/.-](?P<m2>\d{1,2})[/.-](?P<d2>\d{1,2}))"
                          r"(?:[Tt ,]+(?P<H>\d{1,2})\s*(?:[:hH]\s*(?P<M>\d{2})?|giờ\s*(?P<M2>\d{2})?)?)?$")


def _hand_written_hint(text: str) -> str:
    """What to write instead of a date written by hand: the same day and time, in the form read here (never a
    guess the other way round: 07/12 is the 7th of December, as Vietnamese is written)."""
    m = _HAND_DAY_RE.match(text)
    if not m:
        return ""
    try:
        day = date(int(m["y"] or m["y2"]), int(m["m"] or m["m2"]), int(m["d"] or m["d2"]))
        clock = time(int(m["H"]), int(m["M"] or m["M2"] or 0)) if m["H"] else None
    except ValueError:
        return ""
    said = f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
    if clock is None:
        return f"; {said} viết là: {day.isoformat()}"
    return f"; {said} lúc {clock:%H:%M} viết là: {day.isoformat()} {clock:%H:%M}"


def parse_as_of(value: object, tz: ZoneInfo) -> datetime:
    """An as-of time (``--as-of``, ``as_of:``): any ISO 8601 date-time, extended (``2024-05-20T09:00+07:00``) or
    basic (``20240520T090000Z``); a bare date is the end of that day; no offset means ``tz``."""
    m = _BASIC_RE.match(str(value).strip()) if isinstance(value, str) else None
    if m:
        value = f"{m['y']}-{m['m']}-{m['d']}"
        if m["H"]:
            seconds = f":{m['S'][:2]}{m['S'][2:]}" if m["S"] else ""
            value += f"T{m['H']}:{m['M']}{seconds}{m['tz'] or ''}"
    return parse_datetime(value, tz, end_of_day=True)


# Dates an editor or a feed may plausibly give: from ten years before the earliest channel starts (older articles
# brought over from a previous site) to five years ahead (scheduled publishing). Pages are made per week from the
# earliest date on: a date outside would make the site grow without bound (year 1: 105,971 week pages).
YEARS_BEFORE, YEARS_AHEAD = 10, 5


def plausible_days(earliest: date | None, today: date) -> tuple[date, date]:
    """First and last day a date may fall on, given the earliest channel's ``since`` (or None) and today."""
    start = earliest or today
    return date(max(1, start.year - YEARS_BEFORE), 1, 1), date(min(9999, today.year + YEARS_AHEAD), 12, 31)


def parse_day(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"ngày không đúng dạng YYYY-MM-DD: {text!r}") from exc


# The three below run for every feed item on the week pages, in the frequency log and its report: written for
# speed, same text.

def iso(dt: datetime) -> str:
    """ISO 8601 with offset, seconds precision: ``2024-05-20T09:00:00+07:00``."""
    # with no fraction of a second, isoformat() gives the same text, in two thirds of the time
    return dt.isoformat(timespec="seconds") if dt.microsecond else dt.isoformat()


def format_date(dt: datetime | date) -> str:
    return "%02d/%02d/%04d" % (dt.day, dt.month, dt.year)


def format_datetime(dt: datetime) -> str:
    return "%02d/%02d/%04d %02d:%02d" % (dt.day, dt.month, dt.year, dt.hour, dt.minute)


def format_when(dt: datetime) -> str:
    """A publication moment as printed: the date alone at midnight, since ``date: 2026-10-02`` (no time given) is
    read as 00:00 and "02/10/2026 00:00" would claim a time nobody wrote."""
    if dt.hour == dt.minute == dt.second == 0:
        return format_date(dt)
    return format_datetime(dt)


# --- periods -------------------------------------------------------------------------------------------------

# A day's week and month are asked for every item (week pages, judging, rollups: many items a day):
# worked out once a day.
@lru_cache(maxsize=1 << 14)
def week_id(day: date) -> str:
    y, w, _ = day.isocalendar()
    return f"{y:04d}-W{w:02d}"


@lru_cache(maxsize=1 << 14)
def month_id(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def period_id(day: date, per: str) -> str:
    return week_id(day) if per == "week" else month_id(day)


def period_kind(pid: str) -> str | None:
    if WEEK_RE.match(pid):
        return "week"
    if MONTH_RE.match(pid):
        return "month"
    return None


def period_bounds(pid: str) -> tuple[date, date]:
    """First and last day of a period id. Raises ValueError for an id that names no real period."""
    m = WEEK_RE.match(pid)
    if m:
        start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return start, start + timedelta(days=6)
    m = MONTH_RE.match(pid)
    if m:
        y, mo = int(m[1]), int(m[2])
        start = date(y, mo, 1)
        nxt = date(y + (mo == 12), mo % 12 + 1, 1)
        return start, nxt - timedelta(days=1)
    raise ValueError(f"mã kỳ không hợp lệ: {pid!r} (cần YYYY-Www hoặc YYYY-MM)")


def next_period(pid: str) -> str:
    kind = period_kind(pid)
    _, end = period_bounds(pid)
    return period_id(end + timedelta(days=1), kind or "week")


def periods_between(first: str, last: str) -> list[str]:
    """All period ids from ``first`` to ``last`` inclusive (empty when last < first)."""
    out: list[str] = []
    if period_bounds(last)[0] < period_bounds(first)[0]:
        return out
    pid = first
    while True:
        out.append(pid)
        if pid == last:
            return out
        pid = next_period(pid)


def week_slug(pid: str) -> str:
    """``2024-W05`` -> ``2024-w05`` as used in ``/tuan/<yyyy>-w<ww>/``."""
    return pid.lower()


def describe_period(pid: str) -> str:
    start, end = period_bounds(pid)
    if period_kind(pid) == "week":
        y, w = pid.split("-W")
        return f"Tuần {int(w)}/{y} ({format_date(start)}–{format_date(end)})"
    return f"Tháng {start.month}/{start.year}"
