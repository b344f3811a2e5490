"""A build renders each generated page only when MkDocs writes it (``render_site(later=True)``): the same pages, the
same HTML, none of it held beforehand."""
from __future__ import annotations

from generator.render import render_site
from test_log_pages import demo


def test_pages_rendered_later_are_the_pages_rendered_now(repo, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # the log pages print the build time
    site = demo(repo)
    now, later = render_site(site), render_site(site, later=True)
    assert [(p.url, p.title, p.description) for p in later.pages] == [(p.url, p.title, p.description) for p in now.pages]
    made_by_templates = [p for p in later.pages if p.later is not None]
    assert len(made_by_templates) > 10 and all(p.html == "" for p in made_by_templates)  # nothing kept
    assert [p.render() for p in later.pages] == [p.html for p in now.pages]
    assert later.files == now.files
