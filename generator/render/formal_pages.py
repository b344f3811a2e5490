"""The formal quarterly and monthly reports as pages of the site, each with its JSON, workbook, CSV files and (a
quarter) PDF beside it, and their index at ``/nhat-ky-tan-suat/bao-cao/``. What the documents say is made by
``generator.reports.handover.formal``; this module only renders and lists the files."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Callable

from jinja2 import Environment

from generator.support import cache
from generator.reports.handover import formal as formal_mod
from generator.reports.handover import csvfiles, pdf, xlsx
from generator.reports.handover.publish import source_names
from generator.core.report_settings import load_report_settings
from generator.core.integrity import summary
from generator.render import urls
from generator.core.site import Site

INDEX = formal_mod.BASE


def render_formal(site: Site, page: Callable[..., None], env: Environment, built: datetime,
                  with_pdf: bool | None = None) -> list[tuple[str, bytes]]:
    """Render every formal report through ``page``; return the files (site-relative path, bytes) beside them.
    ``with_pdf``: None to make PDFs when WeasyPrint is installed (saying once when it is not)."""
    rep = site.report
    settings = load_report_settings(site.config)
    git = site.integrity.git if site.integrity else None
    integrity = summary(site.integrity)
    names = source_names(site)
    quarters, months = formal_mod.ranges(rep)
    make_pdf = pdf.available() if with_pdf is None else with_pdf
    files: list[tuple[str, bytes]] = []
    listed = []
    # report: pdf_quarters (the latest quarters only; 0 for none): see generator/core/report_settings.py
    latest = quarters[-settings.pdf_quarters:] if settings.pdf_quarters else []
    with_pdfs = set(latest) if make_pdf else set()
    for pid in [*reversed(quarters), *reversed(months)]:
        data, build = formal_mod.range_json_bytes(rep, pid, git, integrity)
        f = formal_mod.formal(rep, pid, settings, build, git, built, names, site.config.site_url)
        has_pdf = pid in with_pdfs
        page(f.url, f"Báo cáo {f.period_words}", "formal_page.html",
             f"Báo cáo kết quả thực hiện chỉ tiêu tần suất cập nhật thông tin chuyển đổi số, {f.period_words}",
             f=f, pdf=has_pdf, log_url=urls.LOG, index_url=INDEX)
        prov = xlsx.Provenance(site.config.site_name, build["commit"], build["dirty"], build["verification_code"])
        # made again only when what they show changed: every quarter and month of the site's years, on every build
        chosen = [(c.channel, c.window, [p for p in c.periods if xlsx.in_range(p, pid)]) for c in rep.channels]
        book = cache.cached_bytes("xlsx-range", (pid, chosen, rep.as_of, rep.status, rep.timezone, names, prov),
                                  lambda: xlsx.range_xlsx_bytes(rep, pid, names, prov))
        files += [(f.url + "bao-cao.json", data), (f.url + "bao-cao.xlsx", book),
                  *csvfiles.csv_files(formal_mod.restrict(rep, pid), names, f.url)]
        if has_pdf:
            template = env.get_template("formal_document.html")
            html = template.render(f=f, printed=built, pdf=True)
            # the key leaves out the times of this build, which change every build while the document does not
            # (a cached PDF keeps the print date of the build that made it)
            same = template.render(f=replace(f, built=rep.as_of), printed=rep.as_of, pdf=True)
            files.append((f.url + "bao-cao.pdf", cache.cached_bytes(
                "pdf", (same, data, pdf.engine_version()), lambda: pdf.pdf_bytes(html, data, rep.as_of))))
        listed.append(f)
    page(INDEX, "Báo cáo quý, báo cáo tháng", "formal_index.html",
         "Báo cáo kết quả thực hiện chỉ tiêu tần suất theo quý và theo tháng, để in, ký và lưu",
         reports=listed, pdfs=with_pdfs, log_url=urls.LOG, configured=settings.configured)
    return files
