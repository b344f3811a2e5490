"""The handover files a build publishes beside the frequency log: ``bao-cao.json`` carrying the commit it was built
from and its verification code, the same report as ``bao-cao.xlsx``, and as ``bao-cao.csv`` (one row per channel and
period) with ``minh-chung.csv`` (one evidence item per row)."""
from __future__ import annotations

from generator.support import cache
from generator.reports.handover import csvfiles, kept, xlsx
from generator.reports.handover.verify import published_json
from generator.core.integrity import summary


def source_names(site) -> dict[str, str]:
    """Feed source ids to the names people know them by."""
    names: dict[str, str] = {}
    for i in site.feed_items:
        names.setdefault(i.source, i.source_name)
    if site.integrity:
        for h in site.integrity.sources:
            names[h.id] = h.name
    return names


def _published(site) -> tuple[bytes, dict]:
    return published_json(site.report, summary(site.integrity), site.integrity.git if site.integrity else None)


def report_json(site) -> bytes:
    """``bao-cao.json`` as published (and as the publishing gate expects to find it in the output)."""
    return _published(site)[0]


def report_files(site, base: str) -> list[tuple[str, bytes]]:
    """(site-relative path, bytes) of ``bao-cao.json``, ``bao-cao.xlsx`` and the CSV files under ``base``. All are
    the same bytes for the same commit and as-of time, so they are kept in the build cache together, keyed by what
    they show (``kept``): the judged report, the sources' names, the integrity summary, the commit."""
    git = site.integrity.git if site.integrity else None
    names = source_names(site)
    # the GitInfo itself holds a set, whose pickle may differ between processes: only what the files show of it
    shows = (site.report, names, summary(site.integrity), git and (git.commit, git.dirty), site.config.site_name)

    def make() -> dict[str, bytes]:
        data, build = _published(site)
        prov = xlsx.Provenance(site.config.site_name, build["commit"], build["dirty"], build["verification_code"])
        return {"bao-cao.json": data,
                "bao-cao.xlsx": cache.cached_bytes("xlsx", (site.report, names, prov),
                                                   lambda: xlsx.report_xlsx_bytes(site.report, names, prov)),
                **{path[len(base):]: data for path, data in csvfiles.csv_files(site.report, names, base)}}

    return [(base + name, data) for name, data in kept.files_once("report-files", shows, make).items()]
