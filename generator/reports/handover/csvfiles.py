"""The auditor's CSV files, beside the frequency log and in every formal report's folder:

* ``bao-cao.csv``: one row per channel and period (the contract's shape): the period in words and as its code, its
  days, count, target, status in Vietnamese, and the waiver with who approved it under which document;
* ``minh-chung.csv``: one evidence item per row: channel, period, title, date, source name, link, flags in Vietnamese.

Plain RFC 4180 CSV (comma, UTF-8 with a BOM, CRLF; ``report.excel_csv``), one value a cell, so that a spreadsheet
can sort and filter it and any CSV reader can take it. Excel set to Vietnamese regional settings splits on ``;`` when
a CSV is double-clicked; the ``sep=;`` hint that would fix that is Excel-only, shows as a stray first row in every
other reader and makes Excel ignore the BOM (Vietnamese garbled). The workbook ``bao-cao.xlsx`` beside these files is
the one meant to be opened in Excel: it opens right under any regional settings (README, "For auditors").
"""
from __future__ import annotations

from typing import Mapping

from generator.core import timeutil
from generator.reports.handover.words import PERIOD_STATUS, SOURCE_CONTENT, flag_words, period_name
from generator.core.judge import Report
from generator.reports.report import excel_csv, num

PERIODS_FILE, EVIDENCE_FILE = "bao-cao.csv", "minh-chung.csv"

PERIOD_HEADER = ["Mã kênh", "Tên kênh", "Kỳ", "Mã kỳ", "Từ ngày", "Đến ngày", "Số tin bài", "Chỉ tiêu mỗi kỳ",
                 "Trạng thái", "Trong cửa sổ đánh giá", "Lý do miễn trừ", "Người phê duyệt miễn trừ",
                 "Văn bản phê duyệt miễn trừ", "Số tin bài gắn cờ"]
EVIDENCE_HEADER = ["Mã kênh", "Tên kênh", "Kỳ", "Mã kỳ", "Tiêu đề", "Ngày giờ đăng", "Nguồn", "Liên kết",
                   "Được tính vào chỉ tiêu", "Gắn cờ"]


def _yes(flag: bool) -> str:
    return "Có" if flag else "Không"


def periods_csv(report: Report) -> str:
    """``bao-cao.csv``: one row per channel and period, oldest first within each channel."""
    rows = []
    for c in report.channels:
        for p in c.periods:
            w = p.waiver
            rows.append([c.channel.id, c.channel.name, period_name(p.period), p.period, p.start.isoformat(),
                         p.end.isoformat(), p.count, num(c.channel.target.min), PERIOD_STATUS[p.status],
                         _yes(p.period in c.window), w.reason if w else "", (w.approved_by or "") if w else "",
                         (w.document or "") if w else "", sum(1 for e in p.items if e.flags)])
    return excel_csv(PERIOD_HEADER, rows)


def evidence_csv(report: Report, source_names: Mapping[str, str]) -> str:
    """``minh-chung.csv``: one row per evidence item, in the report's order (channel, period, publication time).
    Times are written ``YYYY-MM-DD HH:MM`` in the site's timezone: a form every spreadsheet reads as a date."""
    tz = timeutil.zone(report.timezone)
    rows = []
    for c in report.channels:
        for p in c.periods:
            label = period_name(p.period)
            for e in p.items:
                source = SOURCE_CONTENT if e.source == "content" else source_names.get(e.source, e.source)
                rows.append([c.channel.id, c.channel.name, label, p.period, e.title,
                             e.published.astimezone(tz).strftime("%Y-%m-%d %H:%M"), source, e.url, _yes(e.counts),
                             flag_words(e.flags)])
    return excel_csv(EVIDENCE_HEADER, rows)


def csv_files(report: Report, source_names: Mapping[str, str], base: str) -> list[tuple[str, bytes]]:
    """(site-relative path, bytes) of ``bao-cao.csv`` and ``minh-chung.csv`` under ``base``."""
    return [(base + PERIODS_FILE, periods_csv(report).encode("utf-8")),
            (base + EVIDENCE_FILE, evidence_csv(report, source_names).encode("utf-8"))]
