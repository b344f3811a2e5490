"""Monthly and quarterly summaries: items by their own date in the site's timezone, weeks by their Thursday,
across year edges."""
from __future__ import annotations

from generator.reports import rollup

from generator.core import timeutil
from generator.core.config import load_config
from generator.core.judge import Entry, judge

TZ = timeutil.zone("Asia/Ho_Chi_Minh")


def entry(when: str, channel: str = "tuan", counts: bool = True) -> Entry:
    dt = timeutil.parse_datetime(when, TZ)
    return Entry(f"{channel}:{when}", f"Tin {when}", f"https://x.test/{channel}/{when}", dt, "content", channel,
                 () if counts else ("backdated",), counts)


CHANNELS = """\
        - id: tuan
          name: Kênh tuần
          target: {per: week, min: 1, mode: every, window: 4}
          since: 2025-12-01
        - id: thang
          name: Kênh tháng
          target: {per: month, min: 1, mode: every, window: 3}
          since: 2025-11-01
"""


def report(repo, entries, as_of, waivers=""):
    repo.write_config(channels=CHANNELS, waivers=waivers)
    return judge(load_config(repo.config), entries, timeutil.parse_datetime(as_of, TZ, end_of_day=True))


def rows(rep, per, channel):
    return {r.period: r for r in rollup.rollup(rep, per, TZ) if r.channel.id == channel}


def test_items_count_by_their_local_date_across_the_new_year(repo):
    rep = report(repo, [
        entry("2025-12-31 23:30"),            # December, Q4 2025
        entry("2025-12-31T17:30:00Z"),        # 00:30 on 1 January in Việt Nam: January, Q1 2026
        entry("2026-01-02 10:00"),
        entry("2026-01-03 10:00", counts=False),  # flagged: listed apart, not counted
    ], "2026-01-20")
    months = rows(rep, "month", "tuan")
    assert list(months) == ["2025-12", "2026-01"]
    assert (months["2025-12"].count, months["2026-01"].count, months["2026-01"].flagged) == (1, 2, 1)
    quarters = rows(rep, "quarter", "tuan")
    assert list(quarters) == ["2025-Q4", "2026-Q1"]
    assert quarters["2025-Q4"].count == 1 and quarters["2026-Q1"].count == 2
    assert (quarters["2025-Q4"].start.isoformat(), quarters["2025-Q4"].end.isoformat()) == ("2025-10-01", "2025-12-31")


def test_a_week_across_the_new_year_belongs_to_the_month_of_its_thursday(repo):
    # 2026-W01 runs 29/12/2025 to 04/01/2026; its Thursday is 1 January: it is January's (and Q1's) week
    rep = report(repo, [entry("2025-12-30 09:00")], "2026-01-20")
    months = rows(rep, "month", "tuan")
    assert "2026-W01" in months["2026-01"].met and "2026-W01" not in months["2025-12"].met
    assert months["2025-12"].count == 1 and months["2026-01"].count == 0  # the item itself is December's
    assert months["2025-12"].missed == ("2025-W49", "2025-W50", "2025-W51", "2025-W52")
    assert months["2026-01"].open == ("2026-W04",) and months["2026-01"].missed == ("2026-W02", "2026-W03")
    assert months["2026-01"].status == "missed" and months["2025-12"].status == "missed"
    # every week lands in exactly one month and one quarter
    weeks = [p.period for p in rep.channel("tuan").periods]
    for per in ("month", "quarter"):
        placed = [w for r in rows(rep, per, "tuan").values() for w in r.met + r.missed + r.waived + r.open]
        assert sorted(placed) == sorted(weeks)


def test_week_53_goes_to_december(repo):
    # 2026 has 53 ISO weeks; W53 (28/12/2026 to 03/01/2027) has its Thursday on 31 December
    repo.write_config(channels=CHANNELS.replace("since: 2025-12-01", "since: 2026-12-01"))
    rep = judge(load_config(repo.config), [entry("2027-01-02 09:00")], timeutil.parse_datetime("2027-01-10", TZ,
                                                                                              end_of_day=True))
    months = rows(rep, "month", "tuan")
    assert "2026-W53" in months["2026-12"].met
    assert months["2027-01"].count == 1 and months["2026-12"].count == 0
    assert "2026-W53" in rows(rep, "quarter", "tuan")["2026-Q4"].met


def test_monthly_channel_quarters_and_waivers(repo):
    rep = report(repo, [entry("2025-11-05 09:00", "thang"), entry("2026-01-05 09:00", "thang"),
                        entry("2026-02-05 09:00", "thang")], "2026-04-10",
                 waivers='        - {channel: thang, period: 2025-12, reason: "Nghỉ cuối năm"}')
    quarters = rows(rep, "quarter", "thang")
    assert list(quarters) == ["2025-Q4", "2026-Q1", "2026-Q2"]
    q4 = quarters["2025-Q4"]
    assert q4.met == ("2025-11",) and q4.waived == ("2025-12",) and q4.status == "met"
    assert q4.waiver_reasons == ("2025-12: Nghỉ cuối năm",)
    assert quarters["2026-Q1"].missed == ("2026-03",) and quarters["2026-Q1"].status == "missed"
    assert quarters["2026-Q2"].status == "open"
    months = rows(rep, "month", "thang")
    assert months["2025-12"].status == "waived" and months["2026-01"].status == "met"


def test_quarter_bounds():
    assert [tuple(d.isoformat() for d in rollup.bounds(q)) for q in ("2024-Q1", "2024-Q4")] == [
        ("2024-01-01", "2024-03-31"), ("2024-10-01", "2024-12-31")]
    assert rollup.following("2024-Q4") == "2025-Q1" and rollup.following("2024-12") == "2025-01"
