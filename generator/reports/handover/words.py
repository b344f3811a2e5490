"""The words the handover documents use for periods, statuses and flags: plain Vietnamese, as an auditor reads them."""
from __future__ import annotations

from generator.core import timeutil

PERIOD_STATUS = {"met": "Đạt", "missed": "Không đạt", "waived": "Miễn trừ", "open": "Đang diễn ra"}
CHANNEL_STATUS = {"pass": "Đạt", "fail": "Không đạt", "inactive": "Không áp dụng"}
REPORT_STATUS = {"pass": "Đạt", "fail": "Không đạt"}
FLAGS = {"backdated": "Đăng lùi ngày", "late-seen": "Xuất hiện muộn"}
SOURCE_CONTENT = "Bài viết của chuyên trang"


def period_short(pid: str) -> str:
    """``2026-W47`` -> ``Tuần 47/2026``; ``2026-11`` -> ``Tháng 11/2026``; ``2026-Q4`` -> ``Quý 4/2026``."""
    if "-Q" in pid:
        return f"Quý {pid[-1]}/{pid[:4]}"
    if timeutil.period_kind(pid) == "week":
        y, w = pid.split("-W")
        return f"Tuần {int(w)}/{y}"
    if timeutil.period_kind(pid) == "month":
        return f"Tháng {int(pid[5:])}/{pid[:4]}"
    return pid


def period_name(pid: str) -> str:
    """A week with its days: ``Tuần 47/2026 (16/11–22/11)``; the years too when it spans two. Months as short."""
    if timeutil.period_kind(pid) != "week":
        return period_short(pid)
    start, end = timeutil.period_bounds(pid)
    if start.year == end.year:
        days = f"{start.day:02d}/{start.month:02d}–{end.day:02d}/{end.month:02d}"
    else:
        days = f"{timeutil.format_date(start)}–{timeutil.format_date(end)}"
    return f"{period_short(pid)} ({days})"


def flag_words(flags, counted: bool = True) -> str:
    words = [FLAGS.get(f, f) for f in flags]
    if not counted:
        words.append("Không tính vào chỉ tiêu")
    return "; ".join(words)
