"""The report as an Excel workbook for the auditor: a summary per channel, every period, every evidence item.

* Every text cell is written with ``write_string``: a title such as ``=HYPERLINK(...)`` or ``+1`` stays text and is
  never read as a formula (``write()`` would make it one). Only ``http``/``https`` links become hyperlinks.
* Dates and times are real Excel dates (sortable, filterable), in the site's timezone.
* The same report gives the same bytes: the workbook's creation time is the report's as-of time (XlsxWriter fixes
  the zip entries' own timestamps).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Iterable, Mapping

import xlsxwriter

from generator.reports import rollup

from generator.core import timeutil
from generator.support.atomic import write_atomically
from generator.reports.handover.words import (
    CHANNEL_STATUS,
    PERIOD_STATUS,
    REPORT_STATUS,
    SOURCE_CONTENT,
    flag_words,
    period_name,
    period_short,
)
from generator.core.judge import ChannelResult, PeriodResult, Report
from generator.reports.report import num, target_words, urgent_decision_words, urgent_words

SUMMARY, PERIODS, EVIDENCE, ABOUT = "Tổng hợp", "Các kỳ", "Minh chứng", "Thông tin"
SUMMARY_HEADER = [("Mã kênh", 16), ("Tên kênh", 30), ("Chỉ tiêu", 48), ("Trạng thái", 14),
                  ("Các kỳ được đánh giá", 60), ("Số tin bài trong các kỳ đánh giá", 16), ("Số tin bài cần", 14)]
RANGE_SUMMARY_HEADER = [("Mã kênh", 16), ("Tên kênh", 30), ("Chỉ tiêu", 48), ("Trạng thái trong kỳ báo cáo", 16),
                        ("Số kỳ đạt", 10), ("Số kỳ không đạt", 12), ("Số kỳ miễn trừ", 12),
                        ("Số kỳ đang diễn ra", 12), ("Số tin bài", 12), ("Các kỳ không đạt", 40)]
PERIOD_HEADER = [("Mã kênh", 16), ("Tên kênh", 30), ("Kỳ", 30), ("Mã kỳ", 10), ("Từ ngày", 12), ("Đến ngày", 12),
                 ("Số tin bài", 10), ("Chỉ tiêu mỗi kỳ", 10), ("Trạng thái", 14), ("Trong cửa sổ đánh giá", 12),
                 ("Lý do miễn trừ", 36), ("Người phê duyệt", 24), ("Văn bản", 30)]
EVIDENCE_HEADER = [("Mã kênh", 16), ("Tên kênh", 30), ("Kỳ", 30), ("Tiêu đề", 60), ("Ngày đăng", 17),
                   ("Nguồn", 26), ("Liên kết", 60), ("Được tính", 10), ("Gắn cờ", 36)]
MAX_LINKS = 65_530  # Excel's limit of hyperlinks in one sheet: past it, links are written as plain text


@dataclass(frozen=True)
class Provenance:
    """Where the report came from, shown on the workbook's last sheet."""
    site_name: str = ""
    commit: str | None = None
    dirty: bool = False
    verification_code: str | None = None


def _naive(dt: datetime, tz) -> datetime:
    """The site-local wall time Excel shows (Excel dates carry no timezone)."""
    return dt.astimezone(tz).replace(tzinfo=None)


def _is_link(url: str) -> bool:
    return url.startswith(("https://", "http://")) and len(url) <= 2079


class _Book:
    def __init__(self, out, as_of: datetime, title: str):
        self.wb = xlsxwriter.Workbook(out, {"in_memory": True, "strings_to_formulas": False,
                                            "strings_to_numbers": False, "strings_to_urls": False})
        self.wb.set_properties({"title": title, "author": "chuyentrang", "comments": "Báo cáo tần suất đăng tin",
                                "created": as_of.astimezone(timezone.utc).replace(tzinfo=None)})
        self.head = self.wb.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#DDEBF7",
                                        "border": 1})
        self.day = self.wb.add_format({"num_format": "dd/mm/yyyy"})
        self.moment = self.wb.add_format({"num_format": "dd/mm/yyyy hh:mm"})
        self.link = self.wb.add_format({"font_color": "#0563C1", "underline": 1})
        self.wrap = self.wb.add_format({"text_wrap": True, "valign": "top"})

    def sheet(self, name: str, header: list[tuple[str, int]]):
        ws = self.wb.add_worksheet(name)
        for col, (text, width) in enumerate(header):
            ws.write_string(0, col, text, self.head)
            ws.set_column(col, col, width)
        ws.freeze_panes(1, 0)
        return _Sheet(self, ws, len(header))


class _Sheet:
    def __init__(self, book: _Book, ws, cols: int):
        self.book, self.ws, self.cols, self.row, self.links = book, ws, cols, 0, 0

    def add(self, values: list) -> None:
        """One row: str as text (never a formula), int/float as numbers, date and datetime as Excel dates,
        ``("link", url)`` as a hyperlink when it is an http(s) address, None as an empty cell."""
        self.row += 1
        ws, r, b = self.ws, self.row, self.book
        for c, v in enumerate(values):
            if v is None or v == "":
                continue
            if isinstance(v, bool):
                ws.write_string(r, c, "Có" if v else "Không")
            elif isinstance(v, (int, float)):
                ws.write_number(r, c, v)
            elif isinstance(v, datetime):
                ws.write_datetime(r, c, v, b.moment)
            elif isinstance(v, date):
                ws.write_datetime(r, c, v, b.day)
            elif isinstance(v, tuple):
                url = v[1]
                if _is_link(url) and self.links < MAX_LINKS and ws.write_url(r, c, url, b.link, string=url) == 0:
                    self.links += 1
                else:
                    ws.write_string(r, c, url)
            else:
                ws.write_string(r, c, str(v))

    def close(self) -> None:
        self.ws.autofilter(0, 0, max(self.row, 1), self.cols - 1)


def _source_name(source: str, names: Mapping[str, str]) -> str:
    return SOURCE_CONTENT if source == "content" else names.get(source, source)


def _waiver_fields(p: PeriodResult) -> list:
    w = p.waiver
    if w is None:
        return [None, None, None]
    return [w.reason, getattr(w, "approved_by", None), getattr(w, "document", None)]


def _period_row(c: ChannelResult, p: PeriodResult) -> list:
    return [c.channel.id, c.channel.name, period_name(p.period), p.period, p.start, p.end, p.count,
            num(c.channel.target.min), PERIOD_STATUS[p.status], p.period in c.window, *_waiver_fields(p)]


def _evidence(sheet: _Sheet, c: ChannelResult, periods: Iterable[PeriodResult], tz, names) -> None:
    for p in periods:
        label = period_name(p.period)
        for e in p.items:
            sheet.add([c.channel.id, c.channel.name, label, e.title, _naive(e.published, tz),
                       _source_name(e.source, names), ("link", e.url), e.counts, flag_words(e.flags)])


def _about(book: _Book, report: Report, prov: Provenance, scope: str, urgent: tuple = ()) -> None:
    """``urgent``: the urgent publishes the JSON beside carries (the one in force, or every one of the range): the
    workbook is the same report, and an override of a missed target is never left out of it."""
    s = book.sheet(ABOUT, [("Mục", 34), ("Nội dung", 90)])
    rows = [("Trang", prov.site_name), ("Phạm vi", scope),
            ("Thời điểm xét", timeutil.format_datetime(report.as_of) + f" ({report.timezone})"),
            ("Kết quả chung", REPORT_STATUS.get(report.status, report.status)),
            *(("Xuất bản khẩn", _urgent_line(u, report)) for u in urgent),
            ("Phiên bản dữ liệu (git commit)", prov.commit or "không xác định"),
            ("Mã xác minh", prov.verification_code or "")]
    if prov.dirty:
        rows.append(("Lưu ý", "Bản build có thay đổi chưa commit: không khớp hẳn với commit trên."))
    if prov.verification_code:
        rows.append(("Cách kiểm tra", "Chạy 'chuyentrang verify bao-cao.json' trong kho của trang: lệnh dựng lại "
                                      "báo cáo từ đúng commit trên và so sánh từng kỳ, từng tin bài."))
    for k, v in rows:
        s.add([k, v])
    s.close()


def _urgent_line(u, report: Report) -> str:
    return urgent_words(u) if report.urgent == u else urgent_decision_words(u)


def report_xlsx_bytes(report: Report, source_names: Mapping[str, str] | None = None,
                      provenance: Provenance | None = None) -> bytes:
    """The whole report: every channel, every period, every evidence item."""
    names, prov, tz = source_names or {}, provenance or Provenance(), timeutil.zone(report.timezone)
    buf = io.BytesIO()
    book = _Book(buf, report.as_of, "Báo cáo tần suất đăng tin")
    s = book.sheet(SUMMARY, SUMMARY_HEADER)
    for c in report.channels:
        s.add([c.channel.id, c.channel.name, target_words(c), CHANNEL_STATUS[c.status],
               ", ".join(period_name(p) for p in c.judged) or "chưa có kỳ nào được đánh giá",
               c.total, num(c.needed)])
    s.close()
    s = book.sheet(PERIODS, PERIOD_HEADER)
    for c in report.channels:
        for p in c.periods:
            s.add(_period_row(c, p))
    s.close()
    s = book.sheet(EVIDENCE, EVIDENCE_HEADER)
    for c in report.channels:
        _evidence(s, c, c.periods, tz, names)
    s.close()
    _about(book, report, prov, "Toàn bộ các kỳ", (report.urgent,) if report.urgent is not None else ())
    book.wb.close()
    return buf.getvalue()


def in_range(p: PeriodResult, pid: str) -> bool:
    """A channel period belongs to the month or quarter that holds its home day (a week: its Thursday), as in the
    monthly and quarterly summaries (``rollup``): each week is in exactly one month and one quarter."""
    home = rollup.home_of(p)
    return (rollup.quarter_of(home) if "-Q" in pid else timeutil.month_id(home)) == pid


def urgent_in(report: Report, pid: str) -> tuple:
    """The urgent-publish decisions (``decisions.UrgentPublish``) whose ``from``..``until`` overlaps the quarter or
    month ``pid`` (site-local days) and that had started by the report's as-of time (a decision yet to come is not
    part of a report made before it), oldest first."""
    start, end = rollup.bounds(pid)
    tz = timeutil.zone(report.timezone)
    return tuple(sorted((u for u in report.urgent_decisions
                         if u.start <= report.as_of and u.start.astimezone(tz).date() <= end
                         and u.end.astimezone(tz).date() >= start), key=lambda u: (u.start, u.path)))


def _range_status(ps: list[PeriodResult]) -> str:
    if not ps:
        return "Không áp dụng"
    statuses = {p.status for p in ps}
    if "missed" in statuses:
        return PERIOD_STATUS["missed"]
    if "open" in statuses:
        return PERIOD_STATUS["open"]
    if statuses == {"waived"}:
        return PERIOD_STATUS["waived"]
    return PERIOD_STATUS["met"]


def check_range(pid: str) -> str:
    """``YYYY-Qn`` or ``YYYY-MM``, checked; raises ValueError with a Vietnamese message."""
    try:
        rollup.bounds(pid)
    except (ValueError, IndexError):
        raise ValueError(f"kỳ báo cáo không hợp lệ: {pid!r} (cần YYYY-Qn, ví dụ 2026-Q4, hoặc YYYY-MM)") from None
    if "-Q" in pid and pid[-1] not in "1234" or "-Q" not in pid and timeutil.period_kind(pid) != "month":
        raise ValueError(f"kỳ báo cáo không hợp lệ: {pid!r} (cần YYYY-Qn, ví dụ 2026-Q4, hoặc YYYY-MM)")
    return pid


def range_xlsx_bytes(report: Report, pid: str, source_names: Mapping[str, str] | None = None,
                     provenance: Provenance | None = None) -> bytes:
    """One quarter (``2026-Q4``) or month (``2026-11``) of the report: only the periods placed in it and their
    evidence, for the formal quarterly and monthly reports."""
    check_range(pid)
    names, prov, tz = source_names or {}, provenance or Provenance(), timeutil.zone(report.timezone)
    chosen = [(c, [p for p in c.periods if in_range(p, pid)]) for c in report.channels]
    buf = io.BytesIO()
    book = _Book(buf, report.as_of, f"Báo cáo tần suất đăng tin {period_short(pid)}")
    s = book.sheet(SUMMARY, RANGE_SUMMARY_HEADER)
    for c, ps in chosen:
        by = {k: [p for p in ps if p.status == k] for k in ("met", "missed", "waived", "open")}
        s.add([c.channel.id, c.channel.name, target_words(c), _range_status(ps), len(by["met"]), len(by["missed"]),
               len(by["waived"]), len(by["open"]), sum(p.count for p in ps),
               ", ".join(period_name(p.period) for p in by["missed"])])
    s.close()
    s = book.sheet(PERIODS, PERIOD_HEADER)
    for c, ps in chosen:
        for p in ps:
            s.add(_period_row(c, p))
    s.close()
    s = book.sheet(EVIDENCE, EVIDENCE_HEADER)
    for c, ps in chosen:
        _evidence(s, c, ps, tz, names)
    s.close()
    start, end = rollup.bounds(pid)
    _about(book, report, prov, f"{period_short(pid)} ({timeutil.format_date(start)}–{timeutil.format_date(end)})",
           urgent_in(report, pid))
    book.wb.close()
    return buf.getvalue()


def write_report_xlsx(report: Report, path: Path | str, source_names: Mapping[str, str] | None = None,
                      provenance: Provenance | None = None) -> Path:
    return write_atomically(path, report_xlsx_bytes(report, source_names, provenance))


def write_range_xlsx(report: Report, path: Path | str, pid: str, source_names: Mapping[str, str] | None = None,
                     provenance: Provenance | None = None) -> Path:
    return write_atomically(path, range_xlsx_bytes(report, pid, source_names, provenance))
