"""The publishing gate's last word: the site about to be published carries the report that was judged.

``chuyentrang build`` judges the site in plain Python before any generator runs. A generator that skipped the plugin
(MkDocs with the plugin left out of ``mkdocs.yml``, or a successor such as Zensical that ignores plugins it does not
know) would produce a site without the frequency log, unchecked. So after the generator has written its output, and
before that output replaces the published site, the report file in it must be byte for byte the one judged here.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from generator.reports.handover.publish import report_json
from generator.core.problems import InputError, Problem
from generator.render import urls
from generator.core.site import Site

REPORT_FILE = urls.LOG + "bao-cao.json"


def judged(site: Site) -> bytes:
    """The digest of the report judged for ``site``, to give ``verify_output``. Taken before the generator runs: the
    report's JSON of a large site is made of many objects, better made while little else is held."""
    return hashlib.sha256(report_json(site)).digest()


def verify_output(site: Site, out_dir: Path, expected: bytes | None = None) -> None:
    """Raise InputError unless ``out_dir`` holds the report judged for ``site`` (``expected``: its ``judged`` digest,
    taken now if not given)."""
    where = site.config.rel(site.config.config_file)
    path = Path(out_dir) / REPORT_FILE
    try:
        found = path.read_bytes()
    except OSError:
        raise InputError([Problem(where, None,
                                  f"trang vừa tạo không có báo cáo tần suất ({REPORT_FILE}): plugin chuyentrang "
                                  "không chạy (kiểm tra mục plugins trong mkdocs.yml); trang không được xuất bản")]) \
            from None
    if hashlib.sha256(found).digest() != (expected if expected is not None else judged(site)):
        raise InputError([Problem(where, None,
                                  f"báo cáo tần suất trong trang vừa tạo ({REPORT_FILE}) khác với kết quả vừa kiểm "
                                  "tra: trang không được xuất bản")])
