"""Dates as Vietnamese feeds write them, read with certainty or not at all.

feedparser's own date parsing is never trusted: it reads `GMT+7` as nothing, a date without zone as UTC and
`2025/01/06 08:30` as 1 November. Every date is read here from the raw string, in one of these forms:

- RFC 822 / 2822: `[Thu, ]06 Feb 2025 20:30:48 +0700`, zones `+0700`, `+07:00`, `+07`, `GMT`, `UT`, `UTC`, `Z`,
  `GMT+7`, `UTC+07:00`, `ICT`, the US zones of RFC 822; seconds optional;
- ISO 8601 / RFC 3339: `2025-02-06T20:30:48+07:00`, `2025-02-06 20:30`, `2025-02-06`, `20250206T203048Z`;
- Vietnamese day-first: `28/05/2026 17:00[:00]`, `28-05-2026`, `28.05.2026`, time before or after the date,
  a leading weekday (`Thứ 5,`, `Thứ Năm,`, `Chủ nhật,`, `T5,`), `ngày 28 tháng 5 năm 2026`, with any zone above;
- year-first with slashes: `2025/01/06 08:30` is 6 January 2025.

A date without a zone is in the site's timezone. Anything else (unknown zone names, two-digit years outside
RFC 822, impossible values, trailing words) gives None: the item stays undated rather than mis-dated.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta, timezone, tzinfo

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12, "january": 1, "february": 2, "march": 3, "april": 4, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}
# RFC 822 section 5.1 zones; military single letters other than Z are ambiguous in practice and refused.
_NAMED_ZONES = {
    "gmt": 0, "ut": 0, "utc": 0, "z": 0, "ict": 7 * 60,
    "est": -5 * 60, "edt": -4 * 60, "cst": -6 * 60, "cdt": -5 * 60,
    "mst": -7 * 60, "mdt": -6 * 60, "pst": -8 * 60, "pdt": -7 * 60,
}

_WEEKDAY = (
    r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
    r"|thu\s*(?:[2-7]|hai|ba|tu|nam|sau|bay)|t\s*[2-7]|chu\s*nhat|cn)"
)
_ZONE = (
    r"(?P<zone>"
    r"(?:gmt|utc|ut)?\s*[+-]\s*\d{1,2}(?::?\d{2})?"  # +0700, +07:00, +07, GMT+7, UTC+07:00
    r"|[a-z]{1,5}"  # GMT, UTC, Z, ICT, EST... (validated against the table)
    r")"
)
_TIME = r"(?P<hour>\d{1,2})(?::|h)(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"

_RFC822 = re.compile(
    rf"^(?:{_WEEKDAY}\s*,?\s*)?(?P<day>\d{{1,2}})\s+(?P<month>[a-z]{{3,9}})\.?\s+(?P<year>\d{{2}}|\d{{4}})"
    rf"(?:\s+{_TIME})?(?:\s*\(?\s*{_ZONE}\s*\)?)?$"
)
_ISO = re.compile(
    r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})"
    r"(?:(?:t|\s+)(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:[.,]\d+)?)?"
    r"\s*(?P<zone>z|[+-]\d{2}(?::?\d{2})?)?)?$"
)
_ISO_BASIC = re.compile(
    r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})t(?P<hour>\d{2})(?P<minute>\d{2})(?P<second>\d{2})?"
    r"(?P<zone>z|[+-]\d{2}(?:\d{2})?)?$"
)
_DAY_FIRST_DATE = r"(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4})"
_DAY_FIRST = re.compile(
    rf"^(?:{_WEEKDAY}\s*[,-]?\s*)?(?:ngay\s+)?{_DAY_FIRST_DATE}(?:\s*[,-]?\s*{_TIME})?(?:\s*\(?\s*{_ZONE}\s*\)?)?$"
)
_TIME_FIRST = re.compile(
    rf"^{_TIME}\s*(?:\(?\s*{_ZONE}\s*\)?)?\s*[,-]?\s*(?:{_WEEKDAY}\s*[,-]?\s*)?(?:ngay\s+)?{_DAY_FIRST_DATE}$"
)
_YEAR_FIRST_SLASH = re.compile(
    rf"^(?P<year>\d{{4}})/(?P<month>\d{{1,2}})/(?P<day>\d{{1,2}})(?:\s+{_TIME})?(?:\s*{_ZONE})?$"
)
_WORDS_VI = re.compile(
    rf"^(?:{_WEEKDAY}\s*,?\s*)?(?:ngay\s+)?(?P<day>\d{{1,2}})\s+thang\s+(?P<month>\d{{1,2}})\s+nam\s+(?P<year>\d{{4}})"
    rf"(?:\s*,?\s*(?:luc\s+)?{_TIME})?(?:\s*\(?\s*{_ZONE}\s*\)?)?$"
)


def _fold(raw: str) -> str:
    """Lower case, no accents (`Thứ Năm` -> `thu nam`), one space between words, trimmed."""
    text = unicodedata.normalize("NFD", raw.replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(text.lower().split())


def _zone_offset(zone: str | None) -> timedelta | None | bool:
    """The zone's offset; None when there is no zone; False when the zone cannot be known."""
    if zone is None:
        return None
    zone = zone.replace(" ", "")
    if zone in _NAMED_ZONES:
        return timedelta(minutes=_NAMED_ZONES[zone])
    match = re.fullmatch(r"(?:gmt|utc|ut)?([+-])(\d{1,2})(?::?(\d{2}))?", zone)
    if not match:
        return False
    sign, hours, minutes = match.group(1), int(match.group(2)), int(match.group(3) or 0)
    if hours > 14 or minutes >= 60:
        return False
    delta = timedelta(hours=hours, minutes=minutes)
    return -delta if sign == "-" else delta


def _build(groups: dict, month: int, year: int, tz: tzinfo) -> datetime | None:
    try:
        day = date(year, month, int(groups["day"]))
        hour = int(groups.get("hour") or 0)
        minute = int(groups.get("minute") or 0)
        second = int(groups.get("second") or 0)
        if second == 60:  # a leap second is read as the last second of its minute
            second = 59
        clock = time(hour, minute, second)
    except (ValueError, TypeError):
        return None
    offset = _zone_offset(groups.get("zone"))
    if offset is False:
        return None
    naive = datetime.combine(day, clock)
    if offset is None:
        return naive.replace(tzinfo=tz)
    return naive.replace(tzinfo=timezone(offset)).astimezone(tz)


def parse_date(raw: str | None, tz: tzinfo) -> datetime | None:
    """The moment `raw` names, in `tz`, or None when it cannot be read with certainty."""
    if not raw:
        return None
    text = _fold(raw)
    if not text or len(text) > 80:
        return None
    if match := _ISO.match(text) or _ISO_BASIC.match(text):
        groups = match.groupdict()
        return _build(groups, int(groups["month"]), int(groups["year"]), tz)
    if match := _RFC822.match(text):
        groups = match.groupdict()
        month = _MONTHS.get(groups["month"])
        if month is None:
            return None
        year = int(groups["year"])
        if len(groups["year"]) == 2:  # RFC 2822 section 4.3
            year += 2000 if year < 50 else 1900
        return _build(groups, month, year, tz)
    for pattern in (_DAY_FIRST, _TIME_FIRST, _YEAR_FIRST_SLASH, _WORDS_VI):
        if match := pattern.match(text):
            groups = match.groupdict()
            return _build(groups, int(groups["month"]), int(groups["year"]), tz)
    return None
