"""Monthly and quarterly summaries per channel, from the judged weekly or monthly periods.

Items are counted by their own date, read in the site's timezone, so an item of Monday 31 December 2029 counts for
December and Q4 2029 even though its ISO week (2030-W01) belongs to January. A channel's own periods (weeks or
months) are summed into the month and quarter that hold them: a week belongs to the month of its Thursday
(ISO 8601's rule: the month that holds most of its days), so every week is in exactly one month and one quarter.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable

from generator.core import timeutil
from generator.core.config import Channel
from generator.core.judge import ChannelResult, PeriodResult, Report
from generator.reports.report import STATUS_VI, excel_csv, num


@lru_cache(maxsize=1 << 14)  # asked for every item's day, as timeutil.month_id
def quarter_of(day: date) -> str:
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def bounds(pid: str) -> tuple[date, date]:
    """First and last day of ``YYYY-MM`` or ``YYYY-Qn``."""
    if "-Q" in pid:
        y, q = int(pid[:4]), int(pid[-1])
        start = date(y, 3 * q - 2, 1)
        end = date(y + (q == 4), (3 * q) % 12 + 1, 1) - timedelta(days=1)
        return start, end
    return timeutil.period_bounds(pid)


def following(pid: str) -> str:
    return (timeutil.month_id if "-Q" not in pid else quarter_of)(bounds(pid)[1] + timedelta(days=1))


def home_of(period: PeriodResult) -> date:
    """The day that places a channel period in a month or quarter: a week's Thursday, a month's first day."""
    if timeutil.period_kind(period.period) == "week":
        return period.start + timedelta(days=3)
    return period.start


@dataclass(frozen=True)
class RollupRow:
    channel: Channel
    period: str  # YYYY-MM or YYYY-Qn
    start: date
    end: date
    count: int  # counted items dated in this month/quarter
    flagged: int  # items dated in it that integrity flags keep from counting
    met: tuple[str, ...]  # the channel's own periods (weeks or months) placed in it, by status
    missed: tuple[str, ...]
    waived: tuple[str, ...]
    open: tuple[str, ...]
    waiver_reasons: tuple[str, ...]

    @property
    def status(self) -> str:
        """missed when any closed period in it missed; open while one is still running; waived when all were."""
        if self.missed:
            return "missed"
        if self.open:
            return "open"
        if self.waived and not self.met:
            return "waived"
        return "met"

    @property
    def closed(self) -> int:
        return len(self.met) + len(self.missed)

    @property
    def needed(self) -> float:
        """Items the closed, not waived periods in it needed together."""
        return self.channel.target.min * self.closed


def rollup_channel(c: ChannelResult, per: str, tz) -> list[RollupRow]:
    """Every month (``per='month'``) or quarter (``per='quarter'``) the channel's periods touch, oldest first,
    with no gaps."""
    key = timeutil.month_id if per == "month" else quarter_of
    counts: dict[str, list[int]] = {}
    placed: dict[str, dict[str, list[PeriodResult]]] = {}
    for p in c.periods:
        placed.setdefault(key(home_of(p)), {}).setdefault(p.status, []).append(p)
        for e in p.items:
            k = key(e.published.astimezone(tz).date())
            pair = counts.get(k)
            if pair is None:
                pair = counts[k] = [0, 0]
            pair[0 if e.counts else 1] += 1
    keys = set(counts) | set(placed)
    if not keys:
        return []
    first, last = min(keys), max(keys)
    rows = []
    pid = first
    while True:
        got = placed.get(pid, {})
        ids = {s: tuple(p.period for p in got.get(s, ())) for s in ("met", "missed", "waived", "open")}
        reasons = tuple(f"{p.period}: {p.waiver.reason}" for p in got.get("waived", ()) if p.waiver)
        start, end = bounds(pid)
        n, flagged = counts.get(pid, (0, 0))
        rows.append(RollupRow(c.channel, pid, start, end, n, flagged, ids["met"], ids["missed"], ids["waived"],
                              ids["open"], reasons))
        if pid == last:
            return rows
        pid = following(pid)


def rollup(report: Report, per: str, tz) -> list[RollupRow]:
    """One row per channel and month/quarter: channels in config order, periods oldest first."""
    if per not in ("month", "quarter"):
        raise ValueError(per)
    return [row for c in report.channels for row in rollup_channel(c, per, tz)]


CSV_HEADER = ["Mã kênh", "Tên kênh", "Kỳ báo cáo", "Từ ngày", "Đến ngày", "Số tin bài (theo ngày đăng)",
              "Tin bài gắn cờ, không tính", "Chỉ tiêu mỗi kỳ", "Đơn vị kỳ", "Số kỳ đạt", "Số kỳ không đạt",
              "Số kỳ miễn trừ", "Kỳ đang diễn ra", "Trạng thái", "Các kỳ không đạt",
              "Lý do miễn trừ"]


def to_csv(rows: Iterable[RollupRow]) -> str:
    """One row per channel and month/quarter (``report.excel_csv``: opens in Excel with Vietnamese intact)."""
    return excel_csv(CSV_HEADER, ([
        r.channel.id, r.channel.name, r.period, r.start.isoformat(), r.end.isoformat(), r.count, r.flagged,
        num(r.channel.target.min), "tuần" if r.channel.target.per == "week" else "tháng", len(r.met),
        len(r.missed), len(r.waived), " ".join(r.open), STATUS_VI[r.status], " ".join(r.missed),
        "; ".join(r.waiver_reasons),
    ] for r in rows))


def describe(pid: str) -> str:
    if "-Q" in pid:
        return f"Quý {pid[-1]}/{pid[:4]}"
    return timeutil.describe_period(pid)
