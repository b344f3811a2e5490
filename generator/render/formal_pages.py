"""The formal quarterly and monthly reports as pages of the site, each with its JSON, workbook, CSV files and (a
quarter) PDF beside it, and their index at ``/nhat-ky-tan-suat/bao-cao/``. What the documents say is made by
``generator.reports.handover.formal``; this module only renders and lists the files.

A report's page (with its JSON) and its downloads are made in two steps, each kept in the build cache
(``generator.support.cache``), keyed by what the report shows: its quarter's or month's part of the judged report and the settings, sources, commit and templates
that reach it. A closed quarter is made once; the next build, or the next save in ``serve``, hashes that key and
reads the rest. Only the page's build time is not part of the key: it is written into the page afterwards.

A quarter's PDF is kept apart from its other downloads: a build (``elsewhere``) makes it in a child process
(``parallel.Elsewhere``) from when the report's document is ready, while this process renders and MkDocs writes the
pages; the plugin collects it when the build ends."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import lru_cache
from typing import Callable

from jinja2 import Environment
from markupsafe import Markup, escape

from generator.support import cache, parallel

from generator.reports import rollup
from generator.reports.handover import formal as formal_mod
from generator.reports.handover import csvfiles, kept, pdf, xlsx
from generator.reports.handover.publish import source_names
from generator.core.report_settings import load_report_settings
from generator.reports.handover.words import period_short
from generator.core.integrity import summary
from generator.render import urls
from generator.render.pages import TEMPLATES
from generator.core.site import Site

INDEX = formal_mod.BASE
KIND = "formal-report"
KIND_FILES = "formal-report-files"
KIND_PDF = "formal-report-pdf"
PDF = "bao-cao.pdf"
# Stands for the build time in a kept page. Autoescape writes any "<" of the data as "&lt;", so the marker can
# only come from the template.
BUILT = Markup("<!--chuyentrang:built-->")
_PAGE = "\0page"  # the page's member in a kept entry; the other members are files, by name
_CODE = "\0code"


@dataclass(frozen=True)
class Listed:
    """A report as its index lists it."""
    pid: str
    url: str
    period_words: str
    start: date
    end: date
    finished: bool
    code: str


class KeptPage:
    """A formal report's page as the template prints it (``__html__``): read from its kept cache entry when the page
    is written. Equal to another for the same key (the preview's memo compares the pages' values)."""

    def __init__(self, key: bytes, read: Callable[[], bytes], built_words: str):
        self.key, self._read, self.built_words = key, read, built_words

    def __html__(self) -> str:
        return self._read().decode("utf-8").replace(BUILT, self.built_words)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, KeptPage) and (self.key, self.built_words) == (other.key, other.built_words)

    __hash__ = None  # compared, never a key


@lru_cache(maxsize=1)
def templates_digest() -> str:
    """The templates' own digest (the cache's key holds the program's Python source, not its templates)."""
    h = hashlib.sha256()
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            h.update(str(path.relative_to(TEMPLATES)).encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def render_formal(site: Site, page: Callable[..., None], env: Environment, built: datetime,
                  with_pdf: bool | None = None, downloads=None, reports: dict | None = None,
                  elsewhere: bool = False) -> list[tuple[str, bytes | parallel.Elsewhere[bytes]]]:
    """Render every formal report through ``page``; return the files (site-relative path, bytes) beside them.
    ``with_pdf``: None to make PDFs when WeasyPrint is installed (saying once when it is not). ``downloads``: the
    preview's ``RenderMemo.downloads``: each report's workbook, CSVs and PDF made only when asked for. ``reports``:
    the preview's ``RenderMemo.reports``, what each report was made from last (see ``_unchanged``).
    ``elsewhere``: a PDF not kept in the build cache is made in a child process, its bytes given as a
    ``parallel.Elsewhere`` (the same bytes; made here by its ``result()`` if the child could not make them)."""
    rep = site.report
    settings = load_report_settings(site.config)
    git = site.integrity.git if site.integrity else None
    integrity = summary(site.integrity)
    names = source_names(site)
    quarters, months = formal_mod.ranges(rep)
    parts = formal_mod.by_range(rep)
    make_pdf = pdf.available() if with_pdf is None else with_pdf
    files: list[tuple[str, bytes]] = []
    listed = []
    # report: pdf_quarters (the latest quarters only; 0 for none): see generator/core/report_settings.py
    latest = quarters[-settings.pdf_quarters:] if settings.pdf_quarters else []
    with_pdfs = set(latest) if make_pdf else set()
    # all that reaches a report besides its part of the judged report (the GitInfo itself holds a set, whose
    # pickle may differ between processes: only what the documents show of it)
    shared = (settings, git and (git.commit, git.dirty, git.commit_time), integrity, names, site.config.site_url,
              site.config.site_name, str(site.config.tz), templates_digest(),
              pdf.engine_version() if with_pdfs else None)
    built_words = escape(env.globals["ddmmyyyy_hm"](built))

    made: dict[str, tuple] = {}  # the report being made now: its two steps share its document

    def document(pid: str) -> tuple:
        """The report's JSON, its build record and its formal text."""
        if pid not in made:
            made.clear()  # one report's at a time: all of them would hold every evidence row of five years
            data, build = formal_mod.range_json_bytes(rep, pid, git, integrity)
            made[pid] = data, build, formal_mod.formal(rep, pid, settings, build, git, built, names,
                                                       site.config.site_url)
        return made[pid]

    def make_page(pid: str, has_pdf: bool) -> dict[str, bytes]:
        data, _build, f = document(pid)
        html = env.get_template("formal_page.html").render(here=f.url, f=f, pdf=has_pdf, log_url=urls.LOG,
                                                           index_url=INDEX, built_words=BUILT)
        return {_PAGE: html.encode("utf-8"), _CODE: f.code.encode("utf-8"), "bao-cao.json": data}

    def make_files(pid: str) -> dict[str, bytes]:
        """The downloads beside the page but the PDF: the workbook, the CSV files."""
        data, build, f = document(pid)
        prov = xlsx.Provenance(site.config.site_name, build["commit"], build["dirty"], build["verification_code"])
        # kept on its own too: a changed page template leaves the workbook as it was
        chosen = [(c.channel, c.window, [p for p in c.periods if xlsx.in_range(p, pid)]) for c in rep.channels]
        book = cache.cached_bytes("xlsx-range", (pid, chosen, rep.as_of, rep.status, rep.timezone, names, prov),
                                  lambda: xlsx.range_xlsx_bytes(rep, pid, names, prov))
        return {"bao-cao.xlsx": book,
                **{path[len(f.url):]: b for path, b in csvfiles.csv_files(parts[pid], names, f.url)}}

    def make_pdf(pid: str) -> bytes:
        data, _build, f = document(pid)
        template = env.get_template("formal_document.html")
        doc = template.render(f=f, printed=built, pdf=True)
        # the key leaves out the times of this build, which change every build while the document does not
        # (a kept PDF keeps the print date of the build that made it)
        same = template.render(f=replace(f, built=rep.as_of), printed=rep.as_of, pdf=True)
        return cache.cached_bytes("pdf", (same, data, pdf.engine_version()), lambda: pdf.pdf_bytes(doc, data, rep.as_of))

    def printed(pid: str, key: bytes) -> bytes | parallel.Elsewhere[bytes]:
        """The report's PDF, kept in the build cache by the report's key; else made (here, or in a child)."""
        found = kept.find(KIND_PDF, key, (PDF,))
        if found is not None:
            return found[PDF]

        def make() -> bytes:
            return kept.files_once(KIND_PDF, key, lambda: {PDF: make_pdf(pid)}, (PDF,))[PDF]
        # forked now: the child has this report's document (``made``) and the cache; it puts the PDF's entries
        return parallel.Elsewhere(make) if elsewhere else make()

    def show(pid: str, url: str, words: str, html, data: bytes, code: str, downloaded: list) -> None:
        """The report's page, its JSON and downloads beside it, its line in the index."""
        page(url, f"Báo cáo {words}", "formal_kept.html",
             f"Báo cáo kết quả thực hiện chỉ tiêu tần suất cập nhật thông tin chuyển đổi số, {words}", html=html)
        files.extend([(url + "bao-cao.json", data), *downloaded])
        start, end = rollup.bounds(pid)
        listed.append(Listed(pid, url, words, start, end, rep.as_of.date() > end, code))

    kept_in = cache.current()
    on_disk = kept_in is not None and kept_in.path is not None
    for pid in [*reversed(quarters), *reversed(months)]:
        has_pdf = pid in with_pdfs
        if reports is not None:  # the preview: what the report is made from, compared with the last save's
            bare, periods = _bare(pid, parts[pid], has_pdf, shared, built_words), tuple(c.periods for c in parts[pid].channels)
            last = reports.get(pid)
            if last is not None and _unchanged(last, bare, periods):
                show(pid, *last[2])
                continue
        # what the report shows, pickled and hashed once for its two entries and its page's comparison
        key = hashlib.sha256(kept.fingerprint((pid, parts[pid], has_pdf, shared))).digest()
        members = kept.files_once(KIND, key, lambda: make_page(pid, has_pdf), (_PAGE, _CODE, "bao-cao.json"))
        url, words = formal_mod.url_of(pid), period_short(pid)
        if on_disk:  # read again when the page is written: a build does not hold every report's page meanwhile
            html = KeptPage(key, lambda pid=pid, has_pdf=has_pdf, key=key: kept.files_once(
                KIND, key, lambda: make_page(pid, has_pdf), (_PAGE,))[_PAGE], built_words)
        else:
            html = Markup(members[_PAGE].decode("utf-8").replace(BUILT, built_words))

        def downloadable(pid=pid, has_pdf=has_pdf, key=key, url=url) -> list[tuple[str, bytes]]:
            the_pdf = [(url + PDF, printed(pid, key))] if has_pdf else []  # first: a child starts on it now
            kept_files = kept.files_once(KIND_FILES, key, lambda: make_files(pid), ("bao-cao.xlsx",))
            return [(url + name, data) for name, data in kept_files.items()] + the_pdf

        # In the preview the workbook, CSVs and PDF are made when asked for (a title change must not print a PDF)
        kind = f"formal:{pid}:{has_pdf}"
        downloaded = downloadable() if downloads is None else downloads(kind, downloadable)
        code = members[_CODE].decode("utf-8")
        show(pid, url, words, html, members["bao-cao.json"], code, downloaded)
        if reports is not None:
            # kept as files made when asked for (the first build's are made now): not every report's workbook and
            # PDF held for the rest of the preview
            if any(isinstance(content, bytes) for _, content in downloaded):
                downloaded = downloads(kind, downloadable)
            reports[pid] = (bare, periods, (url, words, html, members["bao-cao.json"], code, downloaded))
    page(INDEX, "Báo cáo quý, báo cáo tháng", "formal_index.html",
         "Báo cáo kết quả thực hiện chỉ tiêu tần suất theo quý và theo tháng, để in, ký và lưu",
         reports=listed, pdfs=with_pdfs, log_url=urls.LOG, configured=settings.configured)
    return files


def _bare(pid: str, part, has_pdf: bool, shared: tuple, built_words: str) -> bytes:
    """What a report is made from besides its periods: its part of the judged report with the periods left out
    (the channels' verdicts, windows, totals; the as-of time), the settings and sources shared by all reports."""
    return kept.fingerprint((pid, replace(part, channels=tuple(replace(c, periods=()) for c in part.channels)),
                             has_pdf, shared, built_words))


def _unchanged(last: tuple, bare: bytes, periods: tuple) -> bool:
    """The report is made from what it was last made from: the same ``_bare`` bytes and, channel by channel, the
    very same period results (the preview's judge keeps a period's result, the same object, while nothing in the
    period changed: ``generator.core.rejudge``). Its page, JSON and downloads are then the last ones."""
    return last[0] == bare and len(last[1]) == len(periods) and all(
        len(a) == len(b) and all(x is y for x, y in zip(a, b)) for a, b in zip(last[1], periods))
