"""A build renders each generated page only when MkDocs writes it (``render_site(later=True)``): the same pages, the
same HTML, none of it held beforehand; the formal reports' PDFs made by child processes meanwhile are the bytes made
here."""
from __future__ import annotations

import os

from generator.render import render_site
from generator.support import cache, parallel
from sitefactory import record_pdf_printers
from test_log_pages import demo


def test_pages_rendered_later_are_the_pages_rendered_now(repo, monkeypatch, tmp_path, forkable):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # the log pages print the build time
    monkeypatch.setattr(cache, "_current", None)  # no build cache: each render makes its PDFs
    site = demo(repo)
    printed_by = tmp_path / "printed-by"  # the processes that ran WeasyPrint
    record_pdf_printers(monkeypatch, printed_by)
    now = render_site(site)
    pdfs = {s.path for s in now.files if s.path.endswith(".pdf")}
    assert pdfs and printed_by.read_text().split() == [str(os.getpid())] * len(pdfs)  # made here
    printed_by.unlink()
    later = render_site(site, later=True)
    assert [(p.url, p.title, p.description) for p in later.pages] == [(p.url, p.title, p.description) for p in now.pages]
    made_by_templates = [p for p in later.pages if p.later is not None]
    assert len(made_by_templates) > 10 and all(p.html == "" for p in made_by_templates)  # nothing kept
    assert [p.render() for p in later.pages] == [p.html for p in now.pages]
    elsewhere = {s.path for s in later.files if isinstance(s.content, parallel.Elsewhere)}
    assert elsewhere == pdfs
    assert [(s.path, s.content.result() if s.path in elsewhere else s.content) for s in later.files] == \
        [(s.path, s.content) for s in now.files]
    children = printed_by.read_text().split()
    assert len(children) == len(pdfs) and str(os.getpid()) not in children  # each made by a child
