"""The open period of each channel: how far it is ("2 tin bài (chỉ tiêu: 1), còn 3 ngày") and the early warning when it is
below target with two days or fewer left."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from generator.core import timeutil
from generator.core.judge import ChannelResult, Report
from generator.reports.wording import count_words, num

WARN_DAYS = 2


@dataclass(frozen=True)
class Progress:
    channel: ChannelResult
    period: str
    count: int
    needed: float  # the target's min for one period
    left: timedelta  # time from the as-of moment to the end of the period

    @property
    def days_left(self) -> int:
        """Whole days left, rounding a part day of 12 hours or more up: Friday 09:00 -> 3, Friday 23:59 -> 2."""
        return self.left.days + (1 if self.left.seconds >= 12 * 3600 else 0)

    @property
    def missing(self) -> float:
        return max(0.0, self.needed - self.count)

    @property
    def warning(self) -> bool:
        return self.missing > 0 and self.days_left <= WARN_DAYS

    def time_words(self) -> str:
        if self.days_left >= 1:
            return f"còn {self.days_left} ngày"
        hours = max(1, math.ceil(self.left.total_seconds() / 3600))
        return f"còn {hours} giờ"

    def words(self) -> str:
        """``2 tin bài (chỉ tiêu: 1), còn 3 ngày``"""
        return f"{count_words(self.count, self.needed)}, {self.time_words()}"

    def warning_text(self) -> str:
        ch = self.channel.channel
        end = timeutil.period_bounds(self.period)[1]
        return (f"CẢNH BÁO SỚM: {ch.name} ({ch.id}) mới có {count_words(self.count, self.needed)} trong "
                f"{timeutil.describe_period(self.period)}, {self.time_words()} (hết ngày {timeutil.format_date(end)}): "
                f"cần thêm {num(self.missing)} tin bài để đạt chỉ tiêu kỳ này.")


def progress(c: ChannelResult, as_of: datetime) -> Progress | None:
    """The open period's progress, or None when the channel has no open period (inactive, or not started)."""
    o = c.open
    if o is None or c.status == "inactive":
        return None
    end = datetime.combine(o.end + timedelta(days=1), time.min, tzinfo=as_of.tzinfo)
    return Progress(c, o.period, o.count, c.channel.target.min, max(timedelta(0), end - as_of))


def early_warnings(report: Report) -> list[Progress]:
    """Channels whose open period is below target with two days or fewer left, in config order."""
    found = (progress(c, report.as_of) for c in report.channels)
    return [p for p in found if p is not None and p.warning]


def advice(site) -> str:
    """What `chuyentrang check` and `build` print after the verdict: early warnings, the drafts and scheduled
    articles left out, published addresses that changed, then what the evidence integrity check could not do or found. Empty when there is nothing to say."""
    from generator.core.withheld import withheld_line

    lines = [p.warning_text() for p in early_warnings(site.report)]
    if getattr(site, "withheld", None) is not None:
        from generator.core.slughistory import warnings as moved_addresses

        lines += [line for line in [withheld_line(site)] if line]
        lines += moved_addresses(site.config, site.articles)  # published addresses that changed, from git
    if getattr(site, "integrity", None) is not None:
        from generator.core.integrity import backdated_lines

        lines += [f"Tính xác thực của bằng chứng: {n}" for n in site.integrity.notices()]
        lines += backdated_lines(site.integrity, site.config.root)  # which articles, and the fix, for the editor
    return "".join(f"{line}\n" for line in lines)
