"""The frequency report in its outward forms: JSON (the contract's schema), text, and the one CSV writer (the CSV
files themselves: ``generator.reports.handover.csvfiles``)."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime
from typing import Iterable

from generator.core import timeutil
from generator.core.judge import ChannelResult, Entry, Report
from generator.reports.progress import progress
from generator.reports.wording import STATUS_VI, count_words, num, target_words  # noqa: F401 - also read from here by the pages

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


def waiver_dict(w) -> dict:
    out = {"reason": w.reason}
    out.update((k, v) for k, v in (("approved_by", w.approved_by), ("document", w.document), ("file", w.source)) if v)
    return out


def urgent_dict(u) -> dict:
    return {"reason": u.reason, "approved_by": u.approved_by, "document": u.document,
            "from": timeutil.iso(u.start), "until": timeutil.iso(u.end), "file": u.path}


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
                        "waiver": waiver_dict(p.waiver) if p.waiver else None,
                        "items": item_dicts(p.items),
                    }
                    for p in c.periods
                ],
            }
            for c in report.channels
        ],
        **({"urgent_publish": urgent_dict(report.urgent)} if report.urgent is not None else {}),
    }


def to_json(report: Report, integrity: dict | None = None, build: dict | None = None) -> str:
    """``integrity``: the added top-level field describing the evidence integrity check (integrity.summary).
    ``build``: the added field naming the commit built from and the verification code (handover.verify)."""
    return dict_json(to_dict(report), integrity, build)


def dict_json(d: dict, integrity: dict | None = None, build: dict | None = None) -> str:
    """``to_json`` of a report already made into its dictionary (``to_dict``), which is left as it was."""
    d = dict(d)
    if integrity is not None:
        d["integrity"] = integrity
    if build is not None:
        d["build"] = build
    return _pretty(d, "") + "\n"


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


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A separator, any double quotes, then a formula start: where a reader that splits cells on that separator starts a
# new cell with a formula. Excel under Vietnamese regional settings splits a double-clicked CSV on ';' whatever the
# file's quoting, so "Tin;=HYPERLINK(...)" would give it a cell "=HYPERLINK(...)" (OWASP's second case).
_INNER_FORMULA = re.compile(r'([;,]"*)(?=[=+\-@\t\r])')


def csv_cell(value) -> str:
    """One CSV cell, never a live formula: OWASP's neutralisation, a ' before = + - @ TAB CR at the start of the cell
    and right after a ';' or ',' inside it (with any double quotes between).

    Waiver reasons, names and feed values are typed by people or sent by feeds, and auditors open these files in
    Excel. The counts written here are never negative, so no number is changed.
    """
    text = _INNER_FORMULA.sub(r"\1'", "" if value is None else str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def excel_csv(header: list[str], rows: Iterable[list]) -> str:
    """CSV text as Excel opens it with Vietnamese intact: a UTF-8 BOM first (the caller encodes), CRLF line ends.

    Every cell goes through ``csv_cell``: this is the one CSV writer of the published reports.
    """
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow([csv_cell(v) for v in header])
    w.writerows([csv_cell(v) for v in row] for row in rows)
    return "\ufeff" + buf.getvalue()


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
        lines.append(f"    Miễn trừ {timeutil.describe_period(p.period)}: {p.waiver.reason}" + waiver_approval(p.waiver))
    if t.mode == "average" and c.judged:
        lines.append(f"    Tổng trong cửa sổ: {count_words(c.total, c.needed)}")
    if c.status == "fail":
        for p in c.shortfalls:
            lines.append(f"    THIẾU {timeutil.describe_period(p.period)}: {count_words(p.count, t.min)}, "
                         f"thiếu {num(t.min - p.count)}")
        if t.mode == "average":
            lines.append(f"    Cả cửa sổ thiếu {num(c.needed - c.total)} tin bài so với mức trung bình yêu cầu.")
        from generator.core.decisions import waiver_advice  # decisions reads config; report is read by everything

        period = c.shortfalls[0].period if c.shortfalls else c.window[-1]
        lines.append("    Cách khắc phục: nếu tin bài đã thực sự được đăng mà chưa có ở đây, hãy bổ sung đúng ngày đăng "
                     "thật (bài viết trong content/, tin báo/đài bằng 'chuyentrang fetch'). Một kỳ đã qua không thể "
                     "đăng bù: nếu kỳ đó có lý do chính đáng được lãnh đạo phê duyệt, "
                     + waiver_advice(c.channel.id, period).replace("\n", "\n    "))
        if c.shortfalls:
            last = c.shortfalls[-1]
            # Each time the open period closes the window takes it in; once the window is full it drops its oldest.
            closes = c.window.index(last.period) + 1 + (t.window - len(c.window))
            lines.append(f"    Kỳ thiếu gần nhất ({last.period}) rời khỏi cửa sổ đánh giá sau {closes} {unit} nữa.")
    o = c.open
    if o is not None:
        p = progress(c, as_of) if as_of is not None else None
        lines.append(f"    Kỳ đang diễn ra {timeutil.describe_period(o.period)}: "
                     + (p.words() if p is not None else count_words(o.count, t.min)))
    return lines


def waiver_approval(w) -> str:
    """`` (phê duyệt: Giám đốc Sở, văn bản 12/STTTT)`` when the waiver names them."""
    parts = [p for p in (w.approved_by and f"phê duyệt: {w.approved_by}", w.document and f"văn bản {w.document}") if p]
    return f" ({', '.join(parts)})" if parts else ""


def urgent_decision_words(u) -> str:
    """An urgent-publish decision: its window, reason, approver, document and file."""
    return (f"có hiệu lực từ {timeutil.format_datetime(u.start)} đến {timeutil.format_datetime(u.end)}: {u.reason} "
            f"(phê duyệt: {u.approved_by}, văn bản {u.document}; tệp {u.path}).")


def urgent_words(u) -> str:
    """The urgent publish in force at the as-of time."""
    return "XUẤT BẢN KHẨN đang " + urgent_decision_words(u)


def urgent_frame(report: Report) -> str:
    """The report, framed so that it is not missed, when an urgent publish lets a missed target be published."""
    return "!" * 70 + "\n" + to_text(report) + "!" * 70 + "\n"


def _urgent_hint(report: Report) -> str:
    from generator.core.decisions import urgent_advice

    return "Nếu có " + urgent_advice(report.as_of) + "\n"


def to_text(report: Report) -> str:
    head = (f"Kiểm tra tần suất đăng tin: {STATUS_VI[report.status]}\n"
            f"Thời điểm xét: {timeutil.format_datetime(report.as_of)} ({report.timezone})\n")
    body = "\n".join("\n".join(channel_lines(c, report.as_of)) for c in report.channels)
    failed = [c for c in report.channels if c.status == "fail"]
    tail = ""
    if failed:
        tail = ("\nKhông đạt chỉ tiêu: " + ", ".join(f"{c.channel.name} ({c.channel.id})" for c in failed)
                + (". Trang vẫn được xuất bản vì " + urgent_words(report.urgent) + " Kỳ thiếu vẫn được ghi "
                   "là KHÔNG ĐẠT trên nhật ký tần suất.\n" if report.urgent is not None
                   else ". Trang chưa được xuất bản.\n" + _urgent_hint(report)))
    return head + "\n" + body + "\n" + tail
