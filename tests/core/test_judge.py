"""The checker's rules, edge by edge, as the contract states them."""
from __future__ import annotations

import json
from datetime import datetime

import pytest
from sitefactory import run_cli

from generator.core import timeutil
from generator.core.config import load_config
from generator.core.judge import Entry, judge

TZ = timeutil.zone("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime:
    return timeutil.parse_datetime(text, TZ, end_of_day=True)


def entry(when: str, channel="chuyen-trang", source="content", id=None, url=None) -> Entry:
    dt = timeutil.parse_datetime(when, TZ)
    ident = id or f"{source}:{when}"
    return Entry(ident, f"Tin {when}", url or f"https://x.test/{ident}", dt, source, channel)


def channels(per="week", mode="every", minimum=1, window=4, since="2024-01-01", until=None, cid="chuyen-trang"):
    until_line = f"          until: {until}\n" if until else ""
    return (f"        - id: {cid}\n          name: Kênh {cid}\n"
            f"          target: {{per: {per}, min: {minimum}, mode: {mode}, window: {window}}}\n"
            f"          since: {since}\n{until_line}")


def run(repo, entries, as_of, waivers="", **kw):
    repo.write_config(channels=channels(**kw), waivers=waivers)
    return judge(load_config(repo.config), entries, at(as_of))


def test_sunday_2359_and_monday_0000_fall_in_different_weeks(repo):
    rep = run(repo, [entry("2024-05-12 23:59+07:00"), entry("2024-05-13 00:00+07:00")], "2024-05-20",
              since="2024-05-06")
    ch = rep.channels[0]
    assert ch.period("2024-W19").count == 1
    assert ch.period("2024-W20").count == 1
    assert ch.period("2024-W19").end.isoformat() == "2024-05-12"


def test_utc_date_is_read_in_site_timezone_across_midnight(repo):
    # 17:30 UTC on Sunday is 00:30 on Monday in Việt Nam: it belongs to the next ISO week.
    rep = run(repo, [entry("2024-05-12T17:30:00Z")], "2024-05-20", since="2024-05-06")
    ch = rep.channels[0]
    assert ch.period("2024-W19").count == 0
    assert ch.period("2024-W20").count == 1
    assert ch.period("2024-W20").items[0].published.isoformat() == "2024-05-13T00:30:00+07:00"


def test_iso_week_53_and_week_numbering_year(repo):
    # 3 January 2021 is a Sunday in ISO week 53 of 2020.
    rep = run(repo, [entry("2021-01-03 10:00")], "2021-01-12", since="2020-12-21", window=2)
    ch = rep.channels[0]
    assert [p.period for p in ch.periods] == ["2020-W52", "2020-W53", "2021-W01", "2021-W02"]
    assert ch.period("2020-W53").count == 1
    assert ch.period("2020-W53").start.isoformat() == "2020-12-28"
    assert ch.window == ("2020-W53", "2021-W01")
    assert ch.status == "fail"  # 2021-W01 is empty
    assert [p.period for p in ch.shortfalls] == ["2021-W01"]


def test_month_edges_in_local_time(repo):
    items = [entry("2024-01-31 23:59+07:00"), entry("2024-01-31T17:30:00Z"), entry("2024-02-29 12:00")]
    rep = run(repo, items, "2024-03-05", per="month", since="2024-01-01", window=2)
    ch = rep.channels[0]
    assert ch.period("2024-01").count == 1
    assert ch.period("2024-02").count == 2
    assert (ch.period("2024-02").start.isoformat(), ch.period("2024-02").end.isoformat()) == ("2024-02-01", "2024-02-29")
    assert ch.period("2024-03").status == "open"
    assert ch.status == "pass"


WAIVE_W19 = '        - {channel: chuyen-trang, period: 2024-W19, reason: "Nghỉ lễ"}\n'


def test_waived_period_is_left_out_in_every_mode(repo):
    items = [entry("2024-04-30 09:00"), entry("2024-05-14 09:00"), entry("2024-05-21 09:00")]  # W18, W20, W21
    rep = run(repo, items, "2024-05-28", since="2024-04-29", window=4)
    assert rep.channels[0].status == "fail"
    rep = run(repo, items, "2024-05-28", since="2024-04-29", window=4, waivers=WAIVE_W19)
    ch = rep.channels[0]
    assert ch.status == "pass"
    assert ch.window == ("2024-W18", "2024-W19", "2024-W20", "2024-W21")
    assert ch.judged == ("2024-W18", "2024-W20", "2024-W21")
    assert ch.period("2024-W19").status == "waived"
    assert ch.period("2024-W19").waiver.reason == "Nghỉ lễ"


def test_waived_period_is_left_out_in_average_mode(repo):
    # 2 items a week needed on average. W18: 2, W19: 0 (waived), W20: 3, W21: 1 -> 6 over 3 judged weeks = 2.0.
    items = [entry(d) for d in ("2024-04-30 09:00", "2024-05-01 09:00", "2024-05-14 09:00", "2024-05-15 09:00",
                                "2024-05-16 09:00", "2024-05-21 09:00")]
    rep = run(repo, items, "2024-05-28", since="2024-04-29", mode="average", minimum=2)
    assert rep.channels[0].status == "fail"  # 6 < 8 without the waiver
    rep = run(repo, items, "2024-05-28", since="2024-04-29", mode="average", minimum=2, waivers=WAIVE_W19)
    ch = rep.channels[0]
    assert ch.status == "pass"
    assert (ch.total, ch.needed) == (6, 6)


def test_since_mid_week_the_whole_week_is_the_first_period(repo):
    # since is a Wednesday; the Monday item of that week counts for that week.
    rep = run(repo, [entry("2024-05-06 08:00")], "2024-05-14", since="2024-05-08", window=4)
    ch = rep.channels[0]
    assert [p.period for p in ch.periods] == ["2024-W19", "2024-W20"]
    assert ch.period("2024-W19").count == 1
    assert ch.window == ("2024-W19",)
    assert ch.status == "pass"


def test_until_in_the_past_makes_the_channel_inactive(repo):
    rep = run(repo, [], "2024-06-20", since="2024-05-01", until="2024-05-31", per="month")
    ch = rep.channels[0]
    assert ch.status == "inactive"
    assert [p.period for p in ch.periods] == ["2024-05"]
    assert ch.periods[0].status == "missed"  # history stays honest
    assert rep.status == "pass"


def test_since_in_the_future_is_inactive_with_no_periods(repo):
    rep = run(repo, [], "2024-06-20", since="2024-07-01")
    ch = rep.channels[0]
    assert (ch.status, ch.periods, ch.window) == ("inactive", (), ())


def test_since_later_in_the_open_period_lists_that_period_open(repo):
    """The contract: a channel's periods hold a day of since..until, and run from the period holding `since` to the
    open one. A channel starting later this month (week) already has this month (week), open; it is still inactive."""
    rep = run(repo, [entry("2024-06-03 09:00")], "2024-06-20", since="2024-06-25", per="month")
    ch = rep.channels[0]
    assert ch.status == "inactive" and ch.window == ()
    assert [(p.period, p.status, p.count) for p in ch.periods] == [("2024-06", "open", 1)]
    week = run(repo, [], "2024-06-18", since="2024-06-22").channels[0]  # a Tuesday; the channel starts on Saturday
    assert (week.status, [(p.period, p.status) for p in week.periods]) == ("inactive", [("2024-W25", "open")])


def test_empty_window_passes_and_open_period_is_never_judged(repo):
    rep = run(repo, [], "2024-05-08", since="2024-05-06")
    ch = rep.channels[0]
    assert ch.window == ()
    assert [(p.period, p.status) for p in ch.periods] == [("2024-W19", "open")]
    assert ch.status == "pass"


def test_items_after_as_of_are_not_counted(repo):
    rep = run(repo, [entry("2024-05-13 09:00"), entry("2024-05-20 09:00")], "2024-05-19 12:00", since="2024-05-13")
    assert rep.channels[0].period("2024-W20").count == 1


def test_duplicates_across_two_sources_of_one_channel_count_once(repo):
    link = "https://bao.test/tin-1.html"
    items = [entry("2024-05-14 09:00", channel="bao", source="bao-a", id="a1", url=link),
             entry("2024-05-14 10:00", channel="bao", source="bao-b", id="b7", url=link + "/"),
             entry("2024-05-15 10:00", channel="bao", source="bao-b", id="a1", url="https://bao.test/other")]
    rep = run(repo, items, "2024-05-28", since="2024-05-13", cid="bao", minimum=2)
    ch = rep.channels[0]
    assert ch.period("2024-W20").count == 1
    assert ch.status == "fail"


def test_a_copy_of_a_left_out_copy_is_not_counted_either(repo):
    # One story three times: source b gives a's link under its own guid, then the same guid with a new link. The
    # third shares its id with the second copy, which is a copy of the first: it is a second copy too.
    items = [entry("2024-05-14 09:00", channel="bao", source="bao-a", id="a1", url="https://bao.test/tin-1"),
             entry("2024-05-14 10:00", channel="bao", source="bao-b", id="b7", url="https://bao.test/tin-1"),
             entry("2024-05-21 10:00", channel="bao", source="bao-b", id="b7", url="https://bao.test/tin-1-moi")]
    rep = run(repo, items, "2024-05-28", since="2024-05-13", cid="bao")
    ch = rep.channels[0]
    assert [(p.period, p.count) for p in ch.periods] == [("2024-W20", 1), ("2024-W21", 0), ("2024-W22", 0)]
    assert ch.status == "fail"


@pytest.mark.parametrize("mode,expected", [("every", "fail"), ("average", "pass")])
def test_every_and_average_differ_on_an_uneven_window(repo, mode, expected):
    # W20: 0, W21: 2 -> every fails, average (1/week) passes.
    items = [entry("2024-05-21 09:00"), entry("2024-05-22 09:00")]
    rep = run(repo, items, "2024-05-28", since="2024-05-13", mode=mode, window=2)
    assert rep.channels[0].status == expected
    assert rep.status == expected


def test_text_report_says_when_the_shortfall_leaves_the_window(repo):
    from generator.reports.report import to_text

    # Window of 4 weeks, only 2 complete so far: the empty W20 needs 2 more weeks to fill the window + 1 to leave.
    rep = run(repo, [entry("2024-05-14 09:00"), entry("2024-05-15 09:00")], "2024-05-28", since="2024-05-13",
              window=4, cid="bao")
    text = to_text(rep)
    assert "[KHÔNG ĐẠT] Kênh bao (bao)" in text
    assert "THIẾU Tuần 21/2024 (20/05/2024–26/05/2024): 0 tin bài (chỉ tiêu: 1), thiếu 1" in text
    assert "rời khỏi cửa sổ đánh giá sau 4 tuần nữa" in text


@pytest.mark.parametrize("as_of,open_week", [
    ("2024-05-19T24:00:00+07:00", "2024-W21"),  # "Sunday 24:00", the end of W20 as the contract writes it
    ("2024-05-19T24:00", "2024-W21"),
    ("2024-05-19t23:59:59+07:00", "2024-W20"),  # RFC 3339's small t
    ("20240519T165959z", "2024-W20"),  # basic format, UTC: 23:59:59 in Việt Nam
    ("20240519T170000Z", "2024-W21"),
    ("20240519", "2024-W20"),
])
def test_as_of_is_any_iso_8601_date_time(repo, as_of, open_week):
    repo.write_config(channels=channels(since="2024-05-06", window=1))
    repo.article("a", "Tin tuần 19", "2024-05-07 09:00")
    code, out, err = run_cli("check", "-f", repo.config, "--as-of", as_of, "--format", "json")
    assert code in (0, 1), err
    ch = json.loads(out)["channels"][0]
    assert ch["periods"][-1]["period"] == open_week and ch["periods"][-1]["status"] == "open"
    # W20 is empty: judged (and missed) once the as-of time has left it
    assert (code, ch["window"]) == ((1, ["2024-W20"]) if open_week == "2024-W21" else (0, ["2024-W19"]))
