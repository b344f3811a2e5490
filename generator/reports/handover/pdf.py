"""The formal report as PDF, made by WeasyPrint (a paged-media engine: page numbers, margin boxes, A4), with the
report's JSON embedded as a PDF attachment so that ``chuyentrang verify bao-cao.pdf`` can rebuild and compare it.

WeasyPrint is an optional extra (``pip install 'chuyentrang[pdf]'``, with Debian's libpango-1.0-0 and
libpangoft2-1.0-0): without it, ``available()`` says why once and the build goes on without PDFs.
"""
from __future__ import annotations

import io
import logging
from contextlib import contextmanager
from functools import lru_cache

ATTACHMENT = "bao-cao.json"
log = logging.getLogger("mkdocs.plugins.chuyentrang")  # shown by the build like MkDocs' own warnings


@lru_cache(maxsize=1)
def missing() -> str | None:
    """None when WeasyPrint works here; else one line saying what is missing."""
    try:
        import weasyprint  # noqa: F401
    except ImportError:
        return ("chưa cài WeasyPrint nên không tạo bản PDF của báo cáo quý (cài: pip install 'chuyentrang[pdf]' "
                "và gói Debian libpango-1.0-0 libpangoft2-1.0-0)")
    except OSError as exc:  # the library is there but Pango is not
        return f"WeasyPrint không chạy được nên không tạo bản PDF của báo cáo quý (thiếu thư viện hệ thống: {exc})"
    return None


_said = False


def engine_version() -> str:
    """WeasyPrint's version: part of a cached PDF's key."""
    import weasyprint

    return weasyprint.__version__


def available() -> bool:
    """Whether PDFs can be made; the first time they cannot, says so once on the build's log."""
    global _said
    why = missing()
    if why and not _said:
        log.warning(why)
        _said = True
    return why is None


def pdf_bytes(html: str, report_json: bytes, made) -> bytes:
    """The document ``html`` (self-contained: inline CSS, no external resources) as PDF, ``report_json`` attached.
    ``made``: the attachment's date (the report's as-of time), so that the same report gives the same file."""
    import weasyprint

    # Nothing is fetched while rendering: the document needs no resource, and a link in a title must not be loaded.
    def no_fetch(url, *args, **kwargs):
        raise ValueError(f"không tải tài nguyên ngoài khi in: {url}")

    doc = weasyprint.HTML(string=html, url_fetcher=no_fetch)
    attachment = weasyprint.Attachment(string=report_json, name=ATTACHMENT,
                                       description="Số liệu của báo cáo (JSON), để kiểm chứng bằng chuyentrang verify",
                                       created=made, modified=made)
    out = io.BytesIO()
    doc.write_pdf(out, attachments=[attachment], pdf_identifier=b"chuyentrang", uncompressed_pdf=False)
    return out.getvalue()


@contextmanager
def pypdf_quiet():
    """pypdf reading a damaged file logs its own English warnings ("EOF marker not found") straight to stderr, where
    the command's user reads only Vietnamese; what went wrong is said by the caller, from the exception."""
    pypdf_log = logging.getLogger("pypdf")  # its modules' loggers ("pypdf._reader") take this level
    was = pypdf_log.level
    pypdf_log.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        pypdf_log.setLevel(was)


def attached_report(data: bytes) -> bytes | None:
    """The report JSON embedded in a PDF this module made, or None."""
    from pypdf import PdfReader

    with pypdf_quiet():
        reader = PdfReader(io.BytesIO(data))
        found = reader.attachments.get(ATTACHMENT)
    return found[0] if found else None
