"""How the frequency report's numbers, statuses and targets are written in Vietnamese, for every form of it (text,
CSV, pages, the open period's progress)."""
from __future__ import annotations

from generator.core.judge import ChannelResult

STATUS_VI = {"met": "đạt", "missed": "không đạt", "waived": "miễn trừ", "open": "đang diễn ra",
             "pass": "ĐẠT", "fail": "KHÔNG ĐẠT", "inactive": "không áp dụng"}


def num(x: float):
    """A count or target as people write it: 2, not 2.0; 1.5 stays 1.5."""
    return int(x) if float(x).is_integer() else round(x, 2)


def count_words(n: int, minimum: float) -> str:
    """``3 tin bài (chỉ tiêu: 1)``: never ``3/1 tin bài``, which an auditor reads as a date or a fraction."""
    return f"{n} tin bài (chỉ tiêu: {num(minimum)})"


def target_words(c: ChannelResult) -> str:
    t = c.channel.target
    unit = "tuần" if t.per == "week" else "tháng"
    n = num(t.min)
    if t.mode == "every":
        return f"ít nhất {n} tin bài mỗi {unit}, xét {t.window} {unit} gần nhất"
    return f"trung bình ít nhất {n} tin bài mỗi {unit}, tính trên {t.window} {unit} gần nhất"
