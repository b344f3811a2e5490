"""What citizens get beyond the listings: campaign pages and banner, the feedback page, the search page and its
documents, sharing cards (Open Graph, Twitter) and the print block (URL, date, QR code) of an article.

Plain Python: the MkDocs plugin only hands these values to MkDocs and the theme.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from markupsafe import escape

from generator.support import cache

from generator.core import timeutil
from generator.render.qr import svg as qr_code_svg
from generator.fetch.text import html_to_text as html_text  # the one html-to-text: feeds, search
from generator.core.agency import Agency, agency_problems
from generator.core.campaigns import (Campaign, active_campaigns, campaign_problems, tagged_articles, tagged_items,
                                 window_items)
from generator.core.feedback import Feedback, feedback_problems
from generator.core.staticpages import StaticPage, load_pages
from generator.core.problems import InputError
from generator.render import urls
from generator.render.html import safe_url
from generator.render.pictures import DEFAULT_SHARE, FOLDER, SHARE
from generator.search import SearchDoc, assets_dir, search_page_html
from generator.search.index import IndexBuilder
from generator.core.site import Site
from generator.core.tags import collect_tags

FEEDBACK = "gop-y/"
SITE_MAP = "so-do-trang/"
SEARCH = urls.SEARCH  # "tim-kiem/"
SEARCH_INDEX = SEARCH + "index/"  # where build_search_index writes, after MkDocs has rendered the pages
STATIC = Path(__file__).parent / "static"


@dataclass(frozen=True)
class Citizen:
    campaigns: tuple[Campaign, ...]
    active: tuple[Campaign, ...]  # the campaigns whose window holds the build's as-of time: banner on every page
    feedback: Feedback | None
    agency: Agency | None = None  # who owns the site: footer and printouts (None: neither agency nor feedback set)
    pages: tuple[StaticPage, ...] = ()  # content/trang/: footer, site map, search


def load_citizen(site: Site) -> Citizen:
    """Campaigns, feedback and agency settings and the plain pages, validated together; raises InputError listing
    every problem."""
    cfg = site.config
    campaigns, problems = campaign_problems(cfg)
    feedback, more = feedback_problems(cfg)
    agency, wrong = agency_problems(cfg)
    pages, bad_pages = load_pages(cfg)
    if problems or more or wrong or bad_pages:
        raise InputError([*problems, *more, *wrong, *bad_pages])
    if feedback is not None:
        agency = (agency or Agency("")).filled_from(feedback.department, feedback.address, feedback.phone,
                                                     feedback.email)
    if agency is not None:
        agency = agency.with_defaults(cfg.site_name, cfg.site_url)
    return Citizen(campaigns, active_campaigns(campaigns, site.as_of, cfg.tz), feedback, agency, pages)


def render_citizen(site: Site, env, citizen: Citizen, sections=(), render=None):
    """The campaign pages, the feedback page, the search page and the site map: ``(pages, files, nav)`` in the
    shapes of ``generator.render.pages`` (pages as (url, title, html, description), files as (path, bytes)).
    ``sections``: the site's navigation as ``(title, src_uri)``, for the site map. ``render(url, template, ctx)``:
    a page's HTML (``render_site``'s, which keeps the preview's memo); by default the template rendered with ``env``."""
    if render is None:
        def render(url: str, template: str, ctx: dict) -> str:
            return env.get_template(template).render(**ctx)
    pages: list[tuple[str, str, str, str]] = []
    files: list[tuple[str, bytes]] = []
    nav: list[tuple[str, str]] = []
    tz = site.config.tz
    for c in citizen.campaigns:
        tagged = tagged_items(c, site.feed_items)
        html = render(c.url, "campaign.html", dict(
            here=c.url, campaign=c, active=c in citizen.active, state=c.state(site.as_of, tz),
            start=timeutil.format_date(c.start), end=timeutil.format_date(c.end),
            articles=tagged_articles(c, site.articles), items=tagged,
            window=[i for i in window_items(c, site.feed_items, tz) if i not in tagged]))
        pages.append((c.url, c.name, html, c.slogan))
    if citizen.feedback is not None:
        html = render(FEEDBACK, "feedback.html", dict(here=FEEDBACK, fb=citizen.feedback,
                                                      site_name=site.config.site_name))
        pages.append((FEEDBACK, "Góp ý, hỏi đáp", html,
                      f"Gửi góp ý, câu hỏi về chuyển đổi số tới {citizen.feedback.department}"))
        nav.append(("Góp ý, hỏi đáp", urls.src_uri(FEEDBACK)))
    pages.append((SEARCH, "Tìm kiếm", search_page_html(index_url="index/", site_root="../", assets_url=""),
                  "Tìm bài viết và tin chuyển đổi số, gõ có dấu hoặc không dấu"))
    sections = [(title, src[:-len("index.md")]) for title, src in (*sections, *nav) if src.endswith("index.md")]
    html = render(SITE_MAP, "site_map.html", dict(
        here=SITE_MAP, sections=sections, pages=citizen.pages, campaigns=citizen.campaigns, search=SEARCH))
    pages.append((SITE_MAP, "Sơ đồ trang", html, f"Các mục và trang của {site.config.site_name}"))
    for name in ("search.js", "search.css"):
        files.append((SEARCH + name, (assets_dir() / name).read_bytes()))
    return pages, files, nav


# ---- search documents ----

def search_plan(site: Site, citizen: Citizen | None = None) -> tuple[list[SearchDoc | None], list[tuple[int, object]]]:
    """What the search page finds, newest first: the articles, the feed items (title and summary; the result links
    to the original), then the feedback and campaign pages. The articles' text is not known yet (MkDocs renders it):
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
    for t in collect_tags(site.articles):
        docs.append(SearchDoc(t.url, f"Từ khóa: {t.name}", f"{t.name}: {len(t.articles)} bài viết", "", "Từ khóa"))
    return docs, articles


def search_text(html: str) -> str:
    """An article's text for its search document, from its rendered HTML; kept in the build cache by that HTML."""
    return cache.cached_bytes("search-text", (html,), lambda: html_text(html).encode("utf-8")).decode("utf-8")


def article_doc(site: Site, a, article_texts: dict[str, str]) -> SearchDoc:
    """An article's search document: its rendered text from ``article_texts`` (keyed by URL), else its Markdown's."""
    text = article_texts.get(a.url) or html_text(a.body)
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


# ---- sharing cards ----

def absolute(site_url: str, url: str) -> str:
    """``url`` (site-relative, or an absolute path from the content folder such as ``/assets/a.jpg``) made absolute
    with ``site_url``; "" when the site has no ``site_url``."""
    if "://" in url:
        return url
    return site_url + url.lstrip("/") if site_url else ""


def share_image(picture, configured: object = None) -> str:
    """The share card of a page: its article's picture made 1200×630 (``generator.render.pictures``), else the image
    set in ``extra.image`` unless it is an SVG (Facebook and Zalo show none), else the card made with the site's name."""
    if picture is not None:
        return picture.share
    if isinstance(configured, str) and configured.strip() and not configured.lower().split("?")[0].endswith(".svg"):
        return configured
    return DEFAULT_SHARE


def social_tags(*, site_name: str, site_url: str, page_url: str, title: str, description: str,
                image: str = "", kind: str = "website", published: str = "") -> list[tuple[str, str, str]]:
    """Open Graph and Twitter card tags for one page: ``(attribute, name, content)``, e.g.
    ``("property", "og:title", "...")``. URLs are absolute (Facebook and Zalo ignore relative ones)."""
    tags = [
        ("property", "og:type", kind),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", "vi_VN"),
        ("property", "og:title", title),
    ]
    if description:
        tags.append(("property", "og:description", description))
    canonical = absolute(site_url, page_url)
    if canonical:
        tags.append(("property", "og:url", canonical))
    image_url = absolute(site_url, image) if image else ""
    if image_url:
        tags.append(("property", "og:image", image_url))
        if image.startswith(FOLDER):  # made by generator.render.pictures: its size is known
            tags += [("property", "og:image:width", str(SHARE[0])), ("property", "og:image:height", str(SHARE[1]))]
        tags.append(("property", "og:image:alt", title))
    if kind == "article" and published:
        tags.append(("property", "article:published_time", published))
    tags.append(("name", "twitter:card", "summary_large_image" if image_url else "summary"))
    tags.append(("name", "twitter:title", title))
    if description:
        tags.append(("name", "twitter:description", description))
    if image_url:
        tags.append(("name", "twitter:image", image_url))
    return tags


# ---- printing an article ----

def qr_svg(url: str) -> str:
    """A QR code of ``url`` as inline SVG (scales with CSS; dark modules on white)."""
    svg = qr_code_svg(url)
    return svg.replace("<svg ", f'<svg role="img" aria-label="Mã QR dẫn tới {escape(url)}" ', 1)


def print_toolbar() -> str:
    """The "In / Lưu" button (shown once the page's script has wired it; without JavaScript it stays hidden)."""
    return ('<p class="ct-print-tools ct-no-print"><button type="button" class="md-button ct-print-button" '
            'data-ct-print hidden>In / Lưu bài viết</button></p>')


def published_text(local) -> str:
    """The publication time as printed: the date alone when the article gave none (``date: 2026-10-20`` is read as
    midnight; an article really published at 00:00 is shown the same way)."""
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        return timeutil.format_date(local)
    return timeutil.format_datetime(local)


def print_block(page_url: str, site_url: str, published, tz, source: str = "") -> str:
    """What only the printout shows: where it comes from (site and agency), the article's address and date written
    out, and a QR code of the address."""
    address = absolute(site_url, page_url) or "/" + page_url
    local = published.astimezone(tz)
    qr = qr_svg(address) if "://" in address else ""
    origin = f'<p class="ct-print-source">Nguồn: {escape(source)}</p>' if source else ""
    return (f'<aside class="ct-print-only"><div class="ct-print-only__text">{origin}'
            f'<p>Địa chỉ bài viết: <span class="ct-print-url">{escape(address)}</span></p>'
            f'<p>Ngày đăng: {escape(published_text(local))}</p>'
            f'<p>Quét mã QR để đọc bài trên điện thoại.</p></div>'
            f'<div class="ct-qr">{qr}</div></aside>')


def print_source(site: Site, citizen: Citizen) -> str:
    """The printout's origin: the site's name and the agency that manages it."""
    name = site.config.site_name
    agency = citizen.agency.name if citizen.agency else ""
    return f"{name}, cơ quan quản lý: {agency}" if agency else name


def article_page(decorated: str, page_url: str, site_url: str, published, tz, source: str = "") -> str:
    """An article's decorated HTML with the print button before it and the print block after it."""
    return print_toolbar() + decorated + print_block(page_url, site_url, published, tz, source)


def static_page_html(content: str, page: StaticPage) -> str:
    """A plain page's (sanitized) HTML, its text marked with the page's language when that is not the site's."""
    return f'<div lang="{page.lang}">{content}</div>' if page.lang != "vi" else content


def footer_context(site: Site, citizen: Citizen) -> dict:
    """What every page's footer shows (theme/partials/footer.html): the agency that owns the site, how to reach it,
    the decision the site rests on, the note on citing it, and links to the plain pages and the site map."""
    a = citizen.agency
    links = [{"title": p.title, "url": p.url, "lang": p.lang} for p in citizen.pages]
    if citizen.feedback is not None:
        links.append({"title": "Góp ý, hỏi đáp", "url": FEEDBACK, "lang": "vi"})
    links.append({"title": "Sơ đồ trang", "url": SITE_MAP, "lang": "vi"})
    return {
        "site_name": site.config.site_name,
        "agency": None if a is None else {
            "name": a.name, "responsible": a.responsible, "address": a.address, "phone": a.phone,
            "tel": a.tel_href, "email": a.email, "licence": a.licence, "republish": a.republish},
        "links": links,
    }


def banner_context(citizen: Citizen) -> list[dict]:
    """The banner of each active campaign, for the theme (``config.extra.chuyentrang.banners``)."""
    return [{"id": c.id, "slogan": c.slogan, "name": c.name, "url": c.url,
             "dates": f"{timeutil.format_date(c.start)}–{timeutil.format_date(c.end)}"} for c in citizen.active]

