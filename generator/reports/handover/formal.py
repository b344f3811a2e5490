"""The formal quarterly and monthly reports (``/nhat-ky-tan-suat/bao-cao/<yyyy>-q<n>/``, ``…/<yyyy>-<mm>/``): the
frequency report restricted to one quarter or month, laid out as a Vietnamese administrative report (Decree
30/2020/NĐ-CP), with its own JSON, verification code, workbook and (for a quarter, when WeasyPrint is installed) PDF.

A channel period belongs to the quarter or month that holds its home day (a week: its Thursday), as in the monthly
and quarterly summaries, so each week is in exactly one quarter. The channel's verdict (``status``, ``window``) stays
the one judged at the as-of time: the formal report adds the verdict within its own range beside it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import date, datetime

from generator.reports import report as report_mod
from generator.reports import rollup
from generator.core import timeutil
from generator.reports.handover import verify
from generator.core.report_settings import ReportSettings
from generator.reports.handover.words import PERIOD_STATUS, flag_words, period_name, period_short
from generator.reports.handover.xlsx import check_range, in_range, urgent_in
from generator.core.judge import ChannelResult, Entry, PeriodResult, Report

BASE = "nhat-ky-tan-suat/bao-cao/"


def url_of(pid: str) -> str:
    """``2026-Q4`` -> ``nhat-ky-tan-suat/bao-cao/2026-q4/``."""
    return f"{BASE}{pid.lower()}/"


def restrict(report: Report, pid: str) -> Report:
    """The report with only the periods placed in ``pid`` (``YYYY-Qn`` or ``YYYY-MM``)."""
    check_range(pid)
    return replace(report, channels=tuple(replace(c, periods=tuple(p for p in c.periods if in_range(p, pid)))
                                          for c in report.channels))


def by_range(report: Report) -> dict[str, Report]:
    """``restrict(report, pid)`` of every quarter and month of ``ranges(report)``, placing each period once
    (rather than looking at every period again for each of the site's ranges)."""
    placed: dict[str, list[list[PeriodResult]]] = {}
    for n, c in enumerate(report.channels):
        for p in c.periods:
            home = rollup.home_of(p)
            for pid in (rollup.quarter_of(home), timeutil.month_id(home)):
                placed.setdefault(pid, [[] for _ in report.channels])[n].append(p)
    return {pid: replace(report, channels=tuple(replace(c, periods=tuple(ps[n]))
                                               for n, c in enumerate(report.channels)))
            for pid, ps in placed.items()}


def range_record(pid: str) -> dict:
    start, end = rollup.bounds(pid)
    return {"id": pid, "start": start.isoformat(), "end": end.isoformat()}


def range_dict(report: Report, pid: str) -> dict:
    """The formal report's JSON content (without its build record): ``report.to_dict`` of the restricted report,
    with ``range`` saying which quarter or month it is and ``urgent_publishes``, every urgent publish of the range
    (``urgent_publish`` stays the one in force at the as-of time, if any)."""
    d = report_mod.to_dict(restrict(report, pid))
    d[verify.RANGE_KEY] = range_record(pid)
    d["urgent_publishes"] = [report_mod.urgent_dict(u) for u in urgent_in(report, pid)]
    return d


def range_json_bytes(report: Report, pid: str, git, integrity: dict | None = None) -> tuple[bytes, dict]:
    """(the formal report's ``bao-cao.json``, its build record)."""
    d = range_dict(report, pid)
    build = verify.build_record(d, git.commit if git is not None else None, git.dirty if git is not None else False)
    if integrity is not None:
        d["integrity"] = integrity
    d[verify.BUILD_KEY] = build
    return json.dumps(d, ensure_ascii=False, indent=1).encode("utf-8") + b"\n", build


def ranges(report: Report) -> tuple[list[str], list[str]]:
    """(quarters, months) holding at least one channel period, oldest first."""
    quarters, months = set(), set()
    for c in report.channels:
        for p in c.periods:
            home = rollup.home_of(p)
            quarters.add(rollup.quarter_of(home))
            months.add(timeutil.month_id(home))
    key = lambda pid: rollup.bounds(pid)[0]  # noqa: E731
    return sorted(quarters, key=key), sorted(months, key=key)


# --- what the document shows ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class PeriodLine:
    name: str  # "Tuần 47/2026 (16/11–22/11)"
    count_words: str  # "3 tin bài (chỉ tiêu: 1)"
    status: str  # met | missed | waived | open
    status_words: str
    note: str  # the waiver, or the shortfall
    anchor: str


@dataclass(frozen=True)
class ChannelLine:
    c: ChannelResult
    plan: str
    target: str
    periods: tuple[PeriodLine, ...]
    judged: int  # closed periods in the range (met, missed or waived)
    met: int
    missed: int
    waived: int
    open: int
    items: int  # items counted in the range
    not_counted: int  # items listed but kept from counting by an integrity flag
    verdict: str  # within the range


@dataclass(frozen=True)
class EvidenceLine:
    n: int
    period: str
    published: datetime
    title: str
    source: str
    url: str
    note: str


@dataclass(frozen=True)
class WaiverLine:
    channel: str
    period: str
    reason: str
    approved_by: str
    document: str


@dataclass(frozen=True)
class Formal:
    pid: str
    kind: str  # quarter | month
    period_words: str  # "Quý 4/2026"
    start: date
    end: date
    finished: bool  # the range ended before the as-of time
    settings: ReportSettings
    report: Report
    channels: tuple[ChannelLine, ...]
    waivers: tuple[WaiverLine, ...]
    urgent: tuple  # every urgent publish of the range (urgent_in), oldest first
    evidence: tuple[tuple[ChannelResult, tuple[EvidenceLine, ...]], ...]
    plans: tuple[str, ...]
    build: dict
    git: object | None
    built: datetime
    url: str
    site_url: str

    @property
    def title(self) -> str:
        return f"Kết quả thực hiện chỉ tiêu tần suất cập nhật thông tin chuyển đổi số, {self.period_words}"

    @property
    def number(self) -> str:
        # The number is the clerk's, given when the report is registered (Decree 30, art. 15): left blank here.
        return f"……/{self.settings.symbol}"

    @property
    def dateline(self) -> str:
        d = self.report.as_of.date()
        day = f"{d.day:02d}" if d.day < 10 else str(d.day)
        month = f"{d.month:02d}" if d.month < 3 else str(d.month)
        return f"{self.settings.place}, ngày {day} tháng {month} năm {d.year}"

    @property
    def code(self) -> str:
        return self.build.get("verification_code") or ""


def count_words(n: int, minimum: float | None = None) -> str:
    """``3 tin bài (chỉ tiêu: 1)``: a count never written as ``3/1``, which reads as a date or a fraction."""
    text = f"{n} tin bài"
    return text + (f" (chỉ tiêu: {report_mod.num(minimum)})" if minimum is not None else "")


def verdict(ps: tuple[PeriodResult, ...]) -> str:
    """The channel's result within the report's range, in words that say what is not yet judged."""
    statuses = {p.status for p in ps}
    if not ps:
        return "Không áp dụng"
    if "missed" in statuses:
        return "Không đạt"
    if statuses == {"open"}:
        return "Chưa đánh giá (kỳ đang diễn ra)"
    if statuses == {"waived"}:
        return "Miễn trừ"
    return "Đạt (các kỳ đã kết thúc)" if "open" in statuses else "Đạt"


def _period_line(c: ChannelResult, p: PeriodResult) -> PeriodLine:
    t = c.channel.target
    note = ""
    if p.waiver:
        note = "Miễn trừ: " + p.waiver.reason + report_mod.waiver_approval(p.waiver)
    elif p.status == "missed":
        note = f"Thiếu {report_mod.num(max(0, t.min - p.count))} tin bài"
    elif p.status == "open":
        note = "Kỳ chưa kết thúc tại thời điểm lập báo cáo, chưa đánh giá"
    flagged = sum(1 for e in p.items if not e.counts)
    if flagged:
        note = (note + "; " if note else "") + f"{flagged} tin bài bị gắn cờ, không tính"
    return PeriodLine(period_name(p.period), count_words(p.count, t.min), p.status, PERIOD_STATUS[p.status], note,
                      "ky-" + c.channel.id + "-" + p.period.lower())


def _source(e: Entry, names) -> str:
    return "Bài viết của chuyên trang" if e.source == "content" else names.get(e.source, e.source)


def formal(report: Report, pid: str, settings: ReportSettings, build: dict, git, built: datetime,
           names: dict[str, str], site_url: str = "") -> Formal:
    part = restrict(report, pid)
    start, end = rollup.bounds(pid)
    tz = timeutil.zone(report.timezone)
    lines, evidence, waivers, plans = [], [], [], []
    for c in part.channels:
        ps = c.periods
        by = {k: sum(1 for p in ps if p.status == k) for k in ("met", "missed", "waived", "open")}
        lines.append(ChannelLine(
            c, c.channel.plan, report_mod.target_words(c), tuple(_period_line(c, p) for p in ps),
            by["met"] + by["missed"] + by["waived"], by["met"], by["missed"], by["waived"], by["open"],
            sum(p.count for p in ps), sum(1 for p in ps for e in p.items if not e.counts), verdict(ps)))
        if c.channel.plan and c.channel.plan not in plans:
            plans.append(c.channel.plan)
        ev, n = [], 0
        for p in ps:
            for e in p.items:
                n += 1
                ev.append(EvidenceLine(n, period_short(p.period), e.published.astimezone(tz), e.title,
                                       _source(e, names), e.url, flag_words(e.flags, e.counts)))
            if p.waiver:
                waivers.append(WaiverLine(c.channel.name, period_name(p.period), p.waiver.reason,
                                          p.waiver.approved_by, p.waiver.document))
        evidence.append((c, tuple(ev)))
    urgent = urgent_in(report, pid)
    return Formal(pid, "quarter" if "-Q" in pid else "month", period_short(pid), start, end,
                  report.as_of.date() > end, settings, report, tuple(lines), tuple(waivers), urgent, tuple(evidence),
                  tuple(plans), build, git, built, url_of(pid), site_url)
