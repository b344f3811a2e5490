"""What citizens get beyond the listings: campaign pages and banner, the feedback page, the search page, the site map,
the footer and the plain pages. The search documents are in ``searchdocs``, the sharing cards in ``social``, the
print block in ``printing``.

Plain Python: the MkDocs plugin only hands these values to MkDocs and the theme.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


from generator.core import timeutil
from generator.core.agency import Agency, agency_problems
from generator.core.campaigns import (Campaign, active_campaigns, campaign_problems, tagged_articles, tagged_items,
                                 window_items)
from generator.core.feedback import Feedback, feedback_problems
from generator.core.staticpages import StaticPage, load_pages
from generator.core.problems import InputError
from generator.render import urls
from generator.search import assets_dir, search_page_html
from generator.core.site import Site

FEEDBACK = urls.FEEDBACK
SITE_MAP = urls.SITE_MAP
SEARCH = urls.SEARCH
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

