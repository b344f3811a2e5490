"""The judge against the contract's rules written out again, plainly, on random channels, items, waivers and as-of
times: ISO week 53, year ends, midnight in the site's timezone, since/until around the as-of time, every window."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.core import timeutil
from generator.core.config import Channel, Target, Waiver, load_config
from generator.core.judge import Entry, judge

TZ = timeutil.zone("Asia/Ho_Chi_Minh")
# around the end of 2026 (ISO week 53) and of 2020 (week 53 runs into 2021)
ANCHORS = [date(2026, 12, 28), date(2027, 1, 4), date(2020, 12, 31), date(2024, 2, 29)]


def period_of(day: date, per: str) -> str:
    if per == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def days_of(pid: str) -> tuple[date, date]:
    if "W" in pid:
        first = date.fromisocalendar(int(pid[:4]), int(pid[6:]), 1)
        return first, first + timedelta(days=6)
    first = date(int(pid[:4]), int(pid[5:]), 1)
    return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def expected(channels, entries, waivers, as_of: datetime) -> dict:
    """Each channel's (status, window, [(period, count, status)]) as the contract states the rules."""
    today = as_of.date()
    kept, ids, links = [], set(), set()
    for e in sorted((e for e in entries if e.published <= as_of), key=lambda e: (e.published, e.id)):
        copy = (e.channel, e.id) in ids or (e.channel, e.url) in links  # a second copy: same id, or same link
        ids.add((e.channel, e.id))
        links.add((e.channel, e.url))
        if not copy:
            kept.append(e)
    out = {}
    for ch in channels:
        per = ch.target.per
        last = today if ch.until is None or ch.until > today else ch.until
        pids, day = [], ch.since
        while day <= last:  # the periods holding a day of since..until, up to the open one
            pids.append(period_of(day, per))
            day = days_of(pids[-1])[1] + timedelta(days=1)
        if not pids and period_of(ch.since, per) == period_of(today, per):
            pids = [period_of(today, per)]  # starts later in the open period: that period is listed, open
        waived = {w.period for w in waivers if w.channel == ch.id}
        open_pid = period_of(today, per)
        window = [p for p in pids if p != open_pid][-ch.target.window:]
        judged = [p for p in window if p not in waived]
        count = {p: sum(1 for e in kept if e.channel == ch.id and period_of(e.published.date(), per) == p)
                 for p in pids}
        if ch.target.mode == "every":
            ok = all(count[p] >= ch.target.min for p in judged)
        else:
            ok = sum(count[p] for p in judged) >= ch.target.min * len(judged)
        active = ch.since <= today and (ch.until is None or today <= ch.until)
        out[ch.id] = ("inactive" if not active else "pass" if ok else "fail", window,
                      [(p, count[p], "open" if p == open_pid else "waived" if p in waived
                        else "met" if count[p] >= ch.target.min else "missed") for p in pids])
    return out


@st.composite
def cases(draw):
    anchor = draw(st.sampled_from(ANCHORS))
    day = st.integers(-70, 20).map(lambda n: anchor + timedelta(days=n))
    channels = []
    for cid in draw(st.sampled_from([["chuyen-trang"], ["chuyen-trang", "bao"]])):
        since = draw(day)
        until = draw(st.one_of(st.none(), st.integers(0, 80).map(lambda n: since + timedelta(days=n))))
        target = Target(draw(st.sampled_from(["week", "month"])), draw(st.sampled_from([1, 2, 0.5])),
                        draw(st.sampled_from(["every", "average"])), draw(st.integers(1, 6)))
        channels.append(Channel(cid, cid, target, since, until))
    # minutes either side of midnight, in the site's timezone or in UTC
    moment = st.builds(lambda d, m, utc: datetime.combine(d, time(), tzinfo=TZ) + timedelta(minutes=m)
                       - (timedelta(hours=7) if utc else timedelta()),
                       day, st.sampled_from([0, 1, -1, 9 * 60, 7 * 60, 24 * 60 - 1]), st.booleans())
    entries = [Entry(f"tin-{draw(st.integers(0, 12))}", "Tin", f"https://bao.test/{draw(st.integers(0, 12))}",
                     draw(moment), "content", draw(st.sampled_from([c.id for c in channels])))
               for _ in range(draw(st.integers(0, 14)))]
    as_of = draw(st.one_of(moment, day.map(lambda d: datetime.combine(d, time.max, tzinfo=TZ))))
    # most in the weeks or months before the as-of time, where the window is
    before = st.integers(0, 50).map(lambda n: as_of.astimezone(TZ).date() - timedelta(days=n))
    waivers = {(c.id, period_of(draw(st.one_of(before, day)), c.target.per))
               for c in channels for _ in range(draw(st.integers(0, 3)))}
    return channels, entries, [Waiver(c, p, "lý do") for c, p in sorted(waivers)], as_of


@settings(max_examples=150, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(case=cases())
def test_judge_follows_the_contract_rules(repo, case):
    channels, entries, waivers, as_of = case
    if not repo.config.exists():
        repo.write_config()
    config = replace(load_config(repo.config), channels=tuple(channels), waivers=tuple(waivers))
    report = judge(config, entries, as_of)
    got = {c.channel.id: (c.status, list(c.window), [(p.period, p.count, p.status) for p in c.periods])
           for c in report.channels}
    want = expected(channels, [replace(e, published=e.published.astimezone(TZ)) for e in entries], waivers,
                    as_of.astimezone(TZ))
    assert got == want
    assert report.status == ("fail" if any(s == "fail" for s, _, _ in want.values()) else "pass")
