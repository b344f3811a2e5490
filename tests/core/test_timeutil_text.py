"""Dates and times as pages and reports show them: dd/mm/yyyy, dd/mm/yyyy hh:mm, ISO 8601 to the second with offset."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from generator.core import timeutil

ZONES = [ZoneInfo("Asia/Ho_Chi_Minh"), timezone.utc, timezone(timedelta(hours=-3, minutes=-30)),
         ZoneInfo("America/New_York")]


def test_shown_dates_and_times():
    dt = datetime(2026, 3, 5, 7, 4, 9, tzinfo=ZONES[0])
    assert timeutil.format_date(dt) == "05/03/2026"
    assert timeutil.format_date(date(987, 1, 2)) == "02/01/0987"
    assert timeutil.format_datetime(dt) == "05/03/2026 07:04"
    assert timeutil.iso(dt) == "2026-03-05T07:04:09+07:00"


def test_iso_to_the_second_whatever_the_fraction_and_zone():
    for tz in ZONES:
        for micro in (0, 1, 500_000, 999_999):
            for dt in (datetime(2026, 11, 1, 1, 30, 0, micro, tzinfo=tz), datetime(2024, 2, 29, 23, 59, 59, micro, tzinfo=tz),
                       datetime(2026, 11, 1, 1, 30, 0, micro, tzinfo=tz, fold=1)):
                assert timeutil.iso(dt) == dt.isoformat(timespec="seconds")
                assert timeutil.format_datetime(dt) == dt.strftime("%d/%m/%Y %H:%M")
