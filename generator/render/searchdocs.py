"""What the search page finds: the documents of the articles, feed items, feedback, campaign and plain pages, quizzes,
categories and tags, and
the index made from them in a child process on the other core (``SearchIndex``)."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.core import timeutil
from generator.core.site import Site
from generator.core.quiz import load_banks
from generator.core.tags import collect_tags
from generator.fetch.text import html_to_text as html_text  # the one html-to-text: feeds, search
from generator.render import urls
from generator.render.html import safe_url
from generator.search import SearchDoc
from generator.search.index import IndexBuilder
from generator.support import cache

if TYPE_CHECKING:
    from generator.render.citizen import Citizen

SEARCH = urls.SEARCH  # "tim-kiem/"
SEARCH_INDEX = SEARCH + "index/"  # where build_search_index writes, after MkDocs has rendered the pages
FEEDBACK = urls.FEEDBACK


def search_plan(site: Site, citizen: Citizen | None = None) -> tuple[list[SearchDoc | None], list[tuple[int, object]]]:
    """What the search page finds, newest first: the articles, the feed items (title and summary; the result links
    to the original), then the feedback, campaign and plain pages, the quizzes, the tags and the categories (a reader
    who types a category's name, "kinh tế số", or "thi tìm hiểu", is looking for that page). The articles' text is not known yet (MkDocs renders it):
    their places hold None, and ``(position, article)`` says which goes where (``article_doc`` makes it)."""
    tz = site.config.tz
    dated = []
    for a in site.articles:
        dated.append((a.date, 0, a))
    for i in site.feed_items:
        when = i.published or i.first_seen
        link = safe_url(i.link) or urls.week(timeutil.week_id(when.astimezone(tz).date()))
        dated.append((when, 1, SearchDoc(link, i.title or "(không có tiêu đề)", html_text(i.summary),
                                         timeutil.format_date(when.astimezone(tz)) if i.published else "",
                                         i.source_name)))
    dated.sort(key=lambda t: (t[0], -t[1]), reverse=True)
    docs: list[SearchDoc | None] = [d if kind else None for _, kind, d in dated]
    articles = [(pos, d) for pos, (_, kind, d) in enumerate(dated) if not kind]
    if citizen is not None:
        if citizen.feedback is not None:
            fb = citizen.feedback
            docs.append(SearchDoc(FEEDBACK, "Góp ý, hỏi đáp",
                                  f"Góp ý hỏi đáp liên hệ {fb.department} {fb.address} {fb.phone} {fb.email}", "", "Trang"))
        for c in citizen.campaigns:
            docs.append(SearchDoc(c.url, c.name, c.slogan, "", "Chiến dịch"))
        for p in citizen.pages:
            docs.append(SearchDoc(p.url, p.title, f"{p.description} {html_text(p.body)}".strip(), "", "Trang"))
        # the banks were validated with the rest of the plans before any page was made: problems are not said twice
        banks, _ = load_banks(site.config, citizen.campaigns,
                              citizen.feedback.form_endpoint if citizen.feedback is not None else "")
        for b in banks:
            kind = "Cuộc thi" if b.contest else "Thi tìm hiểu"
            docs.append(SearchDoc(b.url, b.title, f"Thi tìm hiểu {b.title} {b.description}", "", kind))
    for t in collect_tags(site.articles):
        docs.append(SearchDoc(t.url, f"Từ khóa: {t.name}", f"{t.name}: {len(t.articles)} bài viết", "", "Từ khóa"))
    for c in site.config.categories:
        docs.append(SearchDoc(urls.category(c.id), f"Chuyên mục: {c.name}", f"{c.name}. {c.description}".strip(),
                              "", "Chuyên mục"))
    return docs, articles


def search_text(html: str) -> str:
    """An article's text for its search document, from its rendered HTML; kept in the build cache by that HTML."""
    return cache.cached_bytes("search-text", (html,), lambda: html_text(html).encode("utf-8")).decode("utf-8")


def article_doc(site: Site, a, article_texts: dict[str, str]) -> SearchDoc:
    """An article's search document: its summary (shown on every card, the home page and the sharing card, but not in
    the article's own text: a reader searches the words they saw there), then its rendered text from
    ``article_texts`` (keyed by URL), else its Markdown's. The summary also opens the result's excerpt."""
    text = article_texts.get(a.url) or html_text(a.body)
    if a.summary:
        text = f"{a.summary}\n{text}"  # a line break: no phrase across the two
    return SearchDoc(a.url, a.title, text, timeutil.format_date(a.date.astimezone(site.config.tz)), "Bài viết")


class SearchIndex:
    """The site's search index, made in two steps so that most of the work can be done before the articles are
    rendered: ``prepare()`` indexes the feed items and the other pages, ``finish(article_texts)`` adds the articles
    and writes the index into ``out_dir`` (preparing first if that was not done). The files are the same as
    ``build_search_index`` over every doc of ``search_plan`` at once."""

    def __init__(self, site: Site, citizen: Citizen | None, out_dir: Path):
        self.site, self.citizen, self.out_dir = site, citizen, Path(out_dir)
        self.builder: IndexBuilder | None = None

    def prepare(self) -> None:
        docs, self.articles = search_plan(self.site, self.citizen)
        self.builder = IndexBuilder()
        for pos, doc in enumerate(docs):
            if doc is not None:
                self.builder.add(pos, doc)

    def finish(self, article_texts: dict[str, str]) -> dict:
        if self.builder is None:
            self.prepare()
        builder, self.builder = self.builder, None
        for pos, a in self.articles:
            builder.add(pos, article_doc(self.site, a, article_texts))
        return builder.write(self.out_dir)
