"""The auditors' frequency log: ``/nhat-ky-tan-suat/`` and everything under it.

* the log page: per channel summary, open period progress and early warnings, a year-by-week grid of all channels,
  waivers, evidence integrity, source health, as-of time, build time and git commit;
* one evidence page per channel and year (paginated when a year holds many items), listing every item per period;
* monthly and quarterly summaries as pages and CSV; the contract's ``bao-cao.json`` and ``bao-cao.csv``.

Only the JSON and CSV files must be byte-identical for the same inputs; the HTML pages also show the build time.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import date, datetime, timezone
from typing import Callable

from generator.reports import report as report_mod
from generator.reports import rollup
from generator.core.integrity import FLAG_VI, Audit
from generator.core.judge import ChannelResult, PeriodResult
from generator.reports.handover.publish import source_names
from generator.reports.handover.words import period_name
from generator.reports.progress import early_warnings, progress
from generator.render import urls
from generator.render.memo import PageOf
from generator.core.site import Site

ITEMS_PER_PAGE = 600  # evidence rows on one channel-year page before it is split
FINDINGS_ON_LOG = 100  # flagged items listed on the log page itself; all are on the channel pages
LABEL = {"met": "✓", "missed": "✗", "waived": "M", "open": "…", "none": "·"}
LEGEND = [("met", "✓ số", "đạt (số tin bài đã tính)"), ("missed", "✗ số", "không đạt"),
          ("waived", "M", "miễn trừ, có lý do"), ("open", "… số", "kỳ đang diễn ra, chưa đánh giá"),
          ("none", "·", "ngoài thời gian áp dụng chỉ tiêu")]
MONTHLY = urls.LOG + "bao-cao-thang/"
QUARTERLY = urls.LOG + "bao-cao-quy/"


def channel_year(cid: str, year: int, page: int = 1) -> str:
    return f"{urls.LOG}kenh/{cid}/{year}/" + (f"trang-{page}/" if page > 1 else "")


def build_time(tz) -> datetime:
    """Now, or ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).astimezone(tz)
    return datetime.now(tz)


# --- evidence pages ------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class EvidencePage:
    channel: ChannelResult
    year: int
    page: int
    pages: int
    periods: tuple[PeriodResult, ...]

    @property
    def url(self) -> str:
        return channel_year(self.channel.channel.id, self.year, self.page)


def _split(periods: list[PeriodResult], limit: int) -> list[list[PeriodResult]]:
    chunks: list[list[PeriodResult]] = [[]]
    size = 0
    for p in periods:
        rows = max(1, len(p.items))
        if chunks[-1] and size + rows > limit:
            chunks.append([])
            size = 0
        chunks[-1].append(p)
        size += rows
    return chunks


def evidence_pages(c: ChannelResult, limit: int = ITEMS_PER_PAGE) -> list[EvidencePage]:
    by_year: dict[int, list[PeriodResult]] = {}
    for p in c.periods:
        by_year.setdefault(int(p.period[:4]), []).append(p)
    out = []
    for year in sorted(by_year):
        chunks = _split(by_year[year], limit)
        out += [EvidencePage(c, year, n, len(chunks), tuple(ch)) for n, ch in enumerate(chunks, 1)]
    return out


# --- the year-by-week grid -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Cell:
    status: str  # met | missed | waived | open | none
    span: int
    label: str
    title: str
    url: str | None  # evidence page with anchor


@dataclass(frozen=True)
class GridRow:
    channel: ChannelResult
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Grid:
    year: int
    quarter: int
    week_numbers: tuple[int, ...]  # the ISO weeks whose Thursday is in the quarter
    months: tuple[tuple[int, int], ...]  # (month, number of ISO weeks whose Thursday is in it)
    rows: tuple[GridRow, ...]

    @property
    def weeks(self) -> int:
        return len(self.week_numbers)


def weeks_in(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


def _cell(c: ChannelResult, pid: str, span: int, where: dict[str, str]) -> Cell:
    p = c.period(pid)
    name = period_name(pid)
    if p is None:
        return Cell("none", span, LABEL["none"], f"{name}: ngoài thời gian áp dụng chỉ tiêu", None)
    label = LABEL[p.status] + ("" if p.status == "waived" else str(p.count))
    words = report_mod.STATUS_VI[p.status]
    reason = f" ({p.waiver.reason})" if p.waiver else ""
    return Cell(p.status, span, label, f"{name}: {p.count} tin bài, {words}{reason}", where.get(pid))


def grids(report, where: dict[tuple[str, str], str]) -> list[Grid]:
    """One grid per quarter, newest first, so that each fits the width of an A4 page: a row per channel, a column
    per ISO week whose Thursday is in the quarter (a monthly channel's cell spans the weeks of its month)."""
    years = sorted({int(p.period[:4]) for c in report.channels for p in c.periods}, reverse=True)
    where_of = {c.channel.id: {pid: u for (cid, pid), u in where.items() if cid == c.channel.id}
                for c in report.channels}
    out = []
    for y in years:
        month_of = {w: date.fromisocalendar(y, w, 4).month for w in range(1, weeks_in(y) + 1)}
        for q in (4, 3, 2, 1):
            months = range(3 * q - 2, 3 * q + 1)
            weeks = tuple(w for w, m in month_of.items() if m in months)
            span = {m: sum(1 for w in weeks if month_of[w] == m) for m in months}
            rows = []
            for c in report.channels:
                w_of = where_of[c.channel.id]
                if c.channel.target.per == "week":
                    cells = [_cell(c, f"{y:04d}-W{w:02d}", 1, w_of) for w in weeks]
                else:
                    cells = [_cell(c, f"{y:04d}-{m:02d}", span[m], w_of) for m in months if span[m]]
                rows.append(GridRow(c, tuple(cells)))
            if any(cell.status != "none" for r in rows for cell in r.cells):
                out.append(Grid(y, q, weeks, tuple((m, span[m]) for m in months if span[m]), tuple(rows)))
    return out


# --- the whole log -------------------------------------------------------------------------------------------

def _source_names(site: Site) -> dict[str, str]:
    return {"content": "Bài viết của chuyên trang", **source_names(site)}


def render_log(site: Site, page: Callable[..., None], week_urls: dict[str, str], env=None,
               built: datetime | None = None, downloads=None, reports: dict | None = None,
               elsewhere: bool = False) -> list[tuple[str, bytes]]:
    """Render every log page through ``page(url, title, template, description, **ctx)``; return the files
    (site-relative path, bytes) to publish beside them. ``built``: the build time the pages show (default: now).
    ``downloads(kind, make)``: the preview's ``RenderMemo.downloads``, which makes the whole report's files (JSON,
    workbook, CSV: downloads no page shows) only when they are asked for. ``reports``: the preview's
    ``RenderMemo.reports`` (``formal_pages.render_formal``). ``elsewhere``: the formal reports' PDFs made in child
    processes meanwhile (``formal_pages.render_formal``)."""
    rep, tz = site.report, site.config.tz
    audit: Audit | None = site.integrity
    built = built or build_time(tz)
    months = rollup.rollup(rep, "month", tz)
    quarters = rollup.rollup(rep, "quarter", tz)
    names = _source_names(site)
    why = {(f.source, f.id): f.describe() for f in audit.findings} if audit else {}
    # report: not on the evidence pages, which show only its time zone (a page changes with what it shows)
    common = dict(period_name=period_name, as_of=site.as_of, built=built, git=audit.git if audit else None, names=names,
                  why=why, flag_vi=FLAG_VI, describe_any=rollup.describe, log_url=urls.LOG,
                  monthly_url=MONTHLY, quarterly_url=QUARTERLY)

    all_pages: dict[str, list[EvidencePage]] = {}
    where: dict[tuple[str, str], str] = {}
    for c in rep.channels:
        ev = evidence_pages(c)
        all_pages[c.channel.id] = ev
        for e in ev:
            for p in e.periods:
                where[(c.channel.id, p.period)] = e.url + "#" + urls.period_anchor(p.period)

    summaries = []
    for c in rep.channels:
        years = sorted({e.year for e in all_pages[c.channel.id]}, reverse=True)
        window_periods = [p for p in c.periods if p.period in c.window or p.status == "open"]
        summaries.append(dict(c=c, progress=progress(c, rep.as_of), years=years,
                              year_url={y: channel_year(c.channel.id, y) for y in years},
                              window_periods=list(reversed(window_periods)),
                              waivers=[p for p in c.periods if p.waiver]))
    findings = list(audit.findings) if audit else []
    page(urls.LOG, "Nhật ký tần suất cập nhật", "log.html",
         "Nhật ký tần suất đăng tin chuyển đổi số theo từng kênh, làm tài liệu kiểm chứng",
         summaries=summaries, warnings=early_warnings(rep), grids=grids(rep, where), legend=LEGEND,
         audit=audit, notices=audit.notices() if audit else [], findings=findings[:FINDINGS_ON_LOG],
         more_findings=max(0, len(findings) - FINDINGS_ON_LOG), where=where, week_urls=week_urls, report=rep,
         **common)

    for cid, ev in all_pages.items():
        years = sorted({x.year for x in ev})
        for e in ev:
            # an evidence page shows its own periods and the channel's verdict and window, none of its other periods:
            # left out, a change in one period leaves the plans of the channel's other pages as they were
            e = replace(e, channel=replace(e.channel, periods=()))
            title = f"Bằng chứng {e.channel.channel.name} năm {e.year}" + (f" (trang {e.page})" if e.page > 1 else "")
            page(e.url, title, "log_channel.html", f"Tin bài làm bằng chứng của kênh {e.channel.channel.name}, "
                 f"năm {e.year}", ev=e, c=e.channel, years=years,
                 year_url={y: channel_year(cid, y) for y in years},
                 url_of=PageOf(channel_year, (cid, e.year)), week_urls=week_urls, timezone=rep.timezone, **common)

    for url, rows, per, title in ((MONTHLY, months, "month", "Báo cáo tần suất theo tháng"),
                                  (QUARTERLY, quarters, "quarter", "Báo cáo tần suất theo quý")):
        by_channel = [(c, [r for r in rows if r.channel.id == c.channel.id]) for c in rep.channels]
        page(url, title, "log_rollup.html", title + " của từng kênh", per=per, by_channel=by_channel,
             csv_name="bao-cao-thang.csv" if per == "month" else "bao-cao-quy.csv", where=where, report=rep,
             **common)

    from generator.reports.handover import publish
    from generator.render.formal_pages import render_formal

    formal_files = (render_formal(site, page, env, built, downloads=downloads, reports=reports, elsewhere=elsewhere)
                    if env is not None else [])
    report_files = lambda: publish.report_files(site, urls.LOG)  # noqa: E731
    return [
        *(report_files() if downloads is None else downloads("report", report_files)),
        *formal_files,
        (urls.LOG + "bao-cao-thang.csv", rollup.to_csv(months).encode("utf-8")),
        (urls.LOG + "bao-cao-quy.csv", rollup.to_csv(quarters).encode("utf-8")),
    ]
