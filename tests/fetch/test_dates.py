"""Dates as Vietnamese feeds write them: read right, or left undated, never mis-dated."""

from __future__ import annotations

from zoneinfo import ZoneInfo

import pytest

from generator.fetch.dates import parse_date

HCM = ZoneInfo("Asia/Ho_Chi_Minh")

READ = [
    # RFC 822 with the zones seen in Vietnamese feeds
    ("Thu, 06 Feb 2025 20:30:48 +0700", "2025-02-06T20:30:48+07:00"),
    ("Thu, 06 Feb 2025 20:30:48 +07:00", "2025-02-06T20:30:48+07:00"),
    ("Thu, 06 Feb 2025 20:30:48 +07", "2025-02-06T20:30:48+07:00"),
    ("Fri, 24 Jul 2026 09:46:53 GMT", "2026-07-24T16:46:53+07:00"),
    ("Sat, 25 Jul 2026 20:01:31 GMT+7", "2026-07-25T20:01:31+07:00"),
    ("Sat, 25 Jul 2026 20:01:31 GMT+07:00", "2026-07-25T20:01:31+07:00"),
    ("Sat, 25 Jul 2026 20:01:31 UTC", "2026-07-26T03:01:31+07:00"),
    ("Sat, 25 Jul 2026 20:01:31 Z", "2026-07-26T03:01:31+07:00"),
    ("Sat, 25 Jul 2026 20:01:31 EST", "2026-07-26T08:01:31+07:00"),
    ("25 Jul 2026 20:01 +0700", "2026-07-25T20:01:00+07:00"),
    ("Sat, 25 Jul 26 20:01:31 +0700", "2026-07-25T20:01:31+07:00"),
    ("  Sat, 25 Jul 2026 20:01:31 +0700\n ", "2026-07-25T20:01:31+07:00"),
    # no zone: the site's timezone, never UTC
    ("Sat, 25 Jul 2026 20:01:31", "2026-07-25T20:01:31+07:00"),
    # Vietnamese day-first forms, weekdays in words or numbers
    ("Thứ 5, 28/05/2026 17:00:00 GMT+7", "2026-05-28T17:00:00+07:00"),
    ("Thứ Năm, 28/05/2026 17:00", "2026-05-28T17:00:00+07:00"),
    ("Chủ nhật, 31/05/2026 - 08:05", "2026-05-31T08:05:00+07:00"),
    ("CN, 31/05/2026 08:05 (GMT+7)", "2026-05-31T08:05:00+07:00"),
    ("T2, 01/06/2026 08:05", "2026-06-01T08:05:00+07:00"),
    ("28/05/2026 17:00", "2026-05-28T17:00:00+07:00"),
    ("28-05-2026 17:00", "2026-05-28T17:00:00+07:00"),
    ("28.05.2026 17h00", "2026-05-28T17:00:00+07:00"),
    ("06-01-2025 08:30", "2025-01-06T08:30:00+07:00"),  # feedparser: 2006-01-20
    ("17:00 28/05/2026", "2026-05-28T17:00:00+07:00"),
    ("28/05/2026", "2026-05-28T00:00:00+07:00"),
    ("ngày 28 tháng 5 năm 2026", "2026-05-28T00:00:00+07:00"),
    ("Ngày 28 tháng 05 năm 2026, lúc 09:30", "2026-05-28T09:30:00+07:00"),
    ("2025/01/06 08:30", "2025-01-06T08:30:00+07:00"),  # feedparser: 1 November 2025
    # ISO 8601 / RFC 3339
    ("2025-02-06T20:30:48+07:00", "2025-02-06T20:30:48+07:00"),
    ("2025-02-06T13:30:48Z", "2025-02-06T20:30:48+07:00"),
    ("2025-02-06T13:30:48.123Z", "2025-02-06T20:30:48+07:00"),
    ("2025-02-06 20:30", "2025-02-06T20:30:00+07:00"),
    ("2025-02-06", "2025-02-06T00:00:00+07:00"),
    ("20250206T133048Z", "2025-02-06T20:30:48+07:00"),
    ("2003-12-31T10:14:55-08:00", "2004-01-01T01:14:55+07:00"),
]

UNDATED = [
    None, "", "   ", "hôm qua", "Thu, 31 Feb 2025 10:00:00 +0700", "32/01/2025", "28/13/2026 10:00",
    "Thu, 06 Feb 2025 25:00:00 +0700", "Thu, 06 Feb 2025 20:30:48 CET",  # ambiguous zone name
    "Thu, 06 Feb 2025 20:30:48 +0700 extra", "Thu, 06 Foo 2025 20:30:48 +0700", "Thu, 06 Feb 2025 20:30:48 +2500",
    "06/01/25 08:30",  # two-digit year in a day-first date: cannot be sure
    "2025-13-01", "1738846835",
]


@pytest.mark.parametrize("raw, expected", READ)
def test_readable_dates(raw, expected):
    got = parse_date(raw, HCM)
    assert got is not None, raw
    assert got.isoformat() == expected


@pytest.mark.parametrize("raw", UNDATED)
def test_uncertain_dates_are_left_undated(raw):
    assert parse_date(raw, HCM) is None


def test_zone_less_dates_follow_the_site_timezone():
    assert parse_date("28/05/2026 17:00", ZoneInfo("Europe/Paris")).isoformat() == "2026-05-28T17:00:00+02:00"
    # an explicit zone is converted into the site's timezone
    assert parse_date("28/05/2026 17:00 GMT+7", ZoneInfo("UTC")).isoformat() == "2026-05-28T10:00:00+00:00"
