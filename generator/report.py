"""The frequency report in its three outward forms: JSON (the contract's schema), CSV (Excel-ready), text."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Iterable

from generator import timeutil
from generator.judge import ChannelResult, Entry, Report
from generator.progress import progress
from generator.wording import STATUS_VI, num, target_words  # noqa: F401 - also read from here by the pages

SCHEMA = "chuyentrang.frequency-report/1"


def item_dict(e: Entry) -> dict:
    d = {"id": e.id, "title": e.title, "url": e.url, "published": timeutil.iso(e.published), "source": e.source}
    if e.flags:
        d["flags"] = list(e.flags)
    if not e.counts:
        d["counted"] = False  # added field: an integrity flag keeps it from counting
    return d


def item_dicts(entries: tuple[Entry, ...]) -> list[dict]:
    return [item_dict(e) for e in entries]


def to_dict(report: Report) -> dict:
    """The report as the schema has it."""
    return {
        "schema": SCHEMA,
        "as_of": timeutil.iso(report.as_of),
        "timezone": report.timezone,
        "status": report.status,
        "channels": [
            {
                "id": c.channel.id,
                "name": c.channel.name,
                "target": c.channel.target.as_dict(),
                "since": c.channel.since.isoformat(),
                "until": c.channel.until.isoformat() if c.channel.until else None,
                "status": c.status,
                "window": list(c.window),
                "periods": [
                    {
                        "period": p.period,
                        "start": p.start.isoformat(),
                        "end": p.end.isoformat(),
                        "count": p.count,
                        "status": p.status,
                        "waiver": {"reason": p.waiver.reason} if p.waiver else None,
                        "items": item_dicts(p.items),
                    }
                    for p in c.periods
                ],
            }
            for c in report.channels
        ],
    }


def to_json(report: Report, integrity: dict | None = None) -> str:
    """``integrity``: the added top-level field describing the evidence integrity check (integrity.summary)."""
    d = to_dict(report)
    if integrity is not None:
        d["integrity"] = integrity
    return _pretty(d, "") + "\n"


def to_json_bytes(report: Report, integrity: dict | None = None) -> bytes:
    """``to_json`` as UTF-8, as the site's file holds it."""
    return to_json(report, integrity).encode("utf-8")


_flat = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _pretty(o, indent: str) -> str:
    """JSON indented by two spaces down to the values that hold no nested container: those (an evidence item, a
    target, the window) are written on one line. Readable and diffable like ``indent=2`` (one evidence item a line),
    and a fifth smaller."""
    out: list[str] = []
    _write(o, indent, out.append)
    return "".join(out)


def _write(o, indent: str, put) -> None:
    """``o`` as JSON (see ``_pretty``), in pieces given to ``put``."""
    if isinstance(o, dict):
        if not o or _is_flat(o.values()):
            put(_flat(o))
            return
        inner = indent + "  "
        sep = "{\n"
        for k, v in o.items():
            put(f"{sep}{inner}{_flat(k)}: ")
            _write(v, inner, put)
            sep = ",\n"
        put(f"\n{indent}}}")
    elif isinstance(o, list):
        if not o or _is_flat(o):
            put(_flat(o))
            return
        inner = indent + "  "
        sep = "[\n"
        for v in o:
            put(sep + inner)
            _write(v, inner, put)
            sep = ",\n"
        put(f"\n{indent}]")
    else:
        put(_flat(o))


def _is_flat(values) -> bool:
    for v in values:
        if isinstance(v, dict) or (isinstance(v, list) and any(isinstance(x, (dict, list)) for x in v)):
            return False
    return True


CSV_HEADER = ["Mã kênh", "Tên kênh", "Kỳ", "Từ ngày", "Đến ngày", "Số tin bài", "Chỉ tiêu", "Trạng thái",
              "Trạng thái (mã)", "Trong cửa sổ đánh giá", "Lý do miễn trừ", "Liên kết kiểm chứng",
              "Tin bài gắn cờ (đăng lùi ngày, xuất hiện muộn)"]


def excel_csv(header: list[str], rows: Iterable[list]) -> str:
    """CSV text as Excel opens it with Vietnamese intact: a UTF-8 BOM first (the caller encodes), CRLF line ends."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return "\ufeff" + buf.getvalue()


def to_csv(report: Report) -> str:
    """One row per channel and period (``excel_csv``)."""
    return excel_csv(CSV_HEADER, ([
        c.channel.id, c.channel.name, p.period, p.start.isoformat(), p.end.isoformat(), p.count,
        num(c.channel.target.min), STATUS_VI[p.status], p.status,
        "có" if p.period in c.window else "không",
        p.waiver.reason if p.waiver else "",
        " ".join(e.url for e in p.items),
        sum(1 for e in p.items if e.flags),
    ] for c in report.channels for p in c.periods))


def _window_words(c: ChannelResult) -> str:
    if not c.window:
        return "chưa có kỳ nào đủ để đánh giá"
    start = timeutil.period_bounds(c.window[0])[0]
    end = timeutil.period_bounds(c.window[-1])[1]
    return f"{c.window[0]} … {c.window[-1]} ({timeutil.format_date(start)}–{timeutil.format_date(end)})"


def channel_lines(c: ChannelResult, as_of: datetime | None = None) -> list[str]:
    """What a person needs to read about one channel: verdict, shortfalls, and what would fix them."""
    t = c.channel.target
    unit = "tuần" if t.per == "week" else "tháng"
    lines = [f"[{STATUS_VI[c.status]}] {c.channel.name} ({c.channel.id}): {target_words(c)}"]
    if c.status == "inactive":
        span = f"{timeutil.format_date(c.channel.since)}–" + (timeutil.format_date(c.channel.until) if c.channel.until else "")
        lines.append(f"    Chỉ tiêu áp dụng {span}: thời điểm xét nằm ngoài khoảng này, không đánh giá.")
        return lines
    lines.append(f"    Cửa sổ đánh giá: {_window_words(c)}")
    waived = [p for p in c.periods if p.period in c.window and p.status == "waived"]
    for p in waived:
        lines.append(f"    Miễn trừ {timeutil.describe_period(p.period)}: {p.waiver.reason}")
    if t.mode == "average" and c.judged:
        lines.append(f"    Tổng trong cửa sổ: {c.total}/{num(c.needed)} tin bài")
    if c.status == "fail":
        for p in c.shortfalls:
            lines.append(f"    THIẾU {timeutil.describe_period(p.period)}: {p.count}/{num(t.min)} tin bài, "
                         f"thiếu {num(t.min - p.count)}")
        if t.mode == "average":
            lines.append(f"    Cả cửa sổ thiếu {num(c.needed - c.total)} tin bài so với mức trung bình yêu cầu.")
        lines.append("    Cách khắc phục: nếu tin bài đã thực sự được đăng mà chưa có ở đây, hãy bổ sung đúng ngày đăng "
                     "thật (bài viết trong content/, tin báo/đài bằng 'chuyentrang fetch'); nếu kỳ đó có lý do "
                     "chính đáng, khai báo miễn trừ trong mkdocs.yml (waivers: - {channel: "
                     f"{c.channel.id}, period: {c.shortfalls[0].period if c.shortfalls else c.window[-1]}, reason: \"...\"}}).")
        if c.shortfalls:
            last = c.shortfalls[-1]
            # Each time the open period closes the window takes it in; once the window is full it drops its oldest.
            closes = c.window.index(last.period) + 1 + (t.window - len(c.window))
            lines.append(f"    Kỳ thiếu gần nhất ({last.period}) rời khỏi cửa sổ đánh giá sau {closes} {unit} nữa.")
    o = c.open
    if o is not None:
        p = progress(c, as_of) if as_of is not None else None
        lines.append(f"    Kỳ đang diễn ra {timeutil.describe_period(o.period)}: "
                     + (p.words() if p is not None else f"{o.count}/{num(t.min)} tin bài"))
    return lines


def to_text(report: Report) -> str:
    head = (f"Kiểm tra tần suất đăng tin: {STATUS_VI[report.status]}\n"
            f"Thời điểm xét: {timeutil.format_datetime(report.as_of)} ({report.timezone})\n")
    body = "\n".join("\n".join(channel_lines(c, report.as_of)) for c in report.channels)
    failed = [c for c in report.channels if c.status == "fail"]
    tail = ""
    if failed:
        tail = ("\nKhông đạt chỉ tiêu: " + ", ".join(f"{c.channel.name} ({c.channel.id})" for c in failed)
                + ". Trang chưa được xuất bản.\n")
    return head + "\n" + body + "\n" + tail
