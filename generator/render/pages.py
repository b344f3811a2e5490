"""Every generated page of the site, from the judged ``Site``: home, weeks, categories, archive, news, log."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import groupby
from functools import partial
from pathlib import Path
from typing import Callable

from babel.dates import format_date as babel_date
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from generator.reports import report as report_mod
from generator.core import timeutil
from generator.core.archive import FeedItem
from generator.core.articles import Article
from generator.render import urls
from generator.render.memo import PageOf, RenderMemo
from generator.render.cards import article_cards_function, evidence_periods_function, feed_cards_function
from generator.render.feed import rss
from generator.render.html import safe_url
from generator.render.redirects import redirect_files
from generator.render.pictures import DEFAULT_SHARE, Picture, default_share_card, make_pictures
from generator.core.site import Site
from generator.core.tags import Tag, collect_tags, tag_names

TEMPLATES = Path(__file__).parent / "templates"


@dataclass(frozen=True)
class GeneratedPage:
    url: str  # site-relative, directory style: "tuan/2024-w05/"
    title: str
    html: str  # "" for a page left for later (``render_site(..., later=True)``): see ``render``
    description: str = ""
    later: Callable[[], str] | None = field(default=None, compare=False, repr=False)

    def render(self) -> str:
        """The page's HTML. A page left for later is rendered now, on each call, and not kept: a build writes each
        page once, so the site's pages (hundreds of MB at 10,000 articles) are never all held at once."""
        return self.html if self.later is None else self.later()

    @property
    def src_uri(self) -> str:
        return urls.src_uri(self.url)


@dataclass(frozen=True)
class StaticFile:
    path: str  # site-relative file path: "nhat-ky-tan-suat/bao-cao.json"
    content: bytes  # or, in the preview after its first build, a ``memo.Later`` made when asked for; or, in a build
    # (``render_site(later=True)``), a formal report's PDF as a ``parallel.Elsewhere`` being made by a child process


@dataclass(frozen=True)
class Rendered:
    pages: tuple[GeneratedPage, ...]
    files: tuple[StaticFile, ...]
    nav: tuple[tuple[str, str], ...]  # (title, src_uri) for the site's small navigation
    notices: tuple[str, ...] = ()  # said once by the caller (Vietnamese): e.g. no speech engine for the radio audio
    tags: tuple[Tag, ...] = ()  # every tag of the published articles, each with its page
    pictures: tuple[Picture, ...] = ()  # the articles' pictures, made in a few widths (their files are in files)


@dataclass(frozen=True)
class SourceGroup:
    id: str
    name: str
    items: tuple[FeedItem, ...]


@dataclass(frozen=True)
class WeekRef:
    """A week as a link to its page (previous, next): its id only, so that a page linking to a week does not change
    with that week's articles."""
    id: str

    @property
    def url(self) -> str:
        return urls.week(self.id)

    @property
    def year(self) -> int:
        return int(self.id[:4])

    @property
    def number(self) -> int:
        return int(self.id[6:])


@dataclass(frozen=True)
class WeekView(WeekRef):
    """A week with what it shows (its page, the home page)."""
    articles: tuple[Article, ...]
    items: tuple[FeedItem, ...]
    item_groups: tuple[SourceGroup, ...] = field(default=())


@dataclass(frozen=True)
class MonthView:
    id: str
    count: int

    @property
    def url(self) -> str:
        return urls.month(self.id)

    @property
    def year(self) -> int:
        return int(self.id[:4])

    @property
    def month(self) -> int:
        return int(self.id[5:])


def _groups(items) -> tuple[SourceGroup, ...]:
    by: dict[str, list[FeedItem]] = defaultdict(list)
    for i in items:
        by[i.source].append(i)
    return tuple(SourceGroup(s, v[0].source_name, tuple(v)) for s, v in sorted(by.items(), key=lambda kv: kv[1][0].source_name))


def _environment(site: Site, tags: tuple[Tag, ...] = (), pictures: dict | None = None) -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, auto_reload=False)
    tz = site.config.tz
    channel_names = {c.id: c.name for c in site.config.channels}

    # Babel's Vietnamese day names, Monday first (2024-01-01 was a Monday): "Thứ hai", …, "Chủ nhật"
    day_names = [babel_date(date(2024, 1, d), "EEEE", locale="vi").capitalize() for d in range(1, 8)]

    def day_groups(articles):
        key = lambda a: a.date.astimezone(tz).date()  # noqa: E731
        for day, group in groupby(articles, key=key):
            yield f"{day_names[day.weekday()]}, {timeutil.format_date(day)}", list(group)

    def year_groups(views):
        return [(y, list(g)) for y, g in groupby(views, key=lambda v: v.year)]

    env.filters.update(groupby_day=day_groups, groupby_year=year_groups)
    env.globals.update(
        link=urls.relative,
        iso=lambda dt: timeutil.iso(dt.astimezone(tz)),
        ddmmyyyy=lambda d: timeutil.format_date(d.astimezone(tz) if hasattr(d, "astimezone") and hasattr(d, "hour") else d),
        ddmmyyyy_hm=lambda d: timeutil.format_datetime(d.astimezone(tz)),
        published_when=lambda d: timeutil.format_when(d.astimezone(tz)),
        describe=timeutil.describe_period,
        safe_url=safe_url,
        feed_cards=feed_cards_function(tz),
        evidence_periods=evidence_periods_function(tz),
        article_cards=article_cards_function(tz, {c.id: c.name for c in site.config.categories},
                                             site.config.default_channel, channel_names, tag_names(tags),
                                             pictures),
        status_vi=report_mod.STATUS_VI,
        target_words=report_mod.target_words,
        num=report_mod.num,
        channel_names=channel_names,
    )
    return env


def _weeks(site: Site, memo: RenderMemo | None = None) -> list[WeekView]:
    tz = site.config.tz
    arts: dict[str, list[Article]] = defaultdict(list)
    for a in sorted(site.articles, key=lambda a: (a.date, a.slug)):
        arts[timeutil.week_id(a.date.astimezone(tz).date())].append(a)
    last = memo.item_weeks if memo is not None else None
    if last is not None and last[0] is site.feed_items and last[1] == tz:
        items = last[2]  # the same feed items (a save of an article): grouped by week as they were
    else:
        by_week: dict[str, list[FeedItem]] = defaultdict(list)
        for i in site.feed_items:
            if i.published is not None:
                by_week[timeutil.week_id(i.published.astimezone(tz).date())].append(i)
        items = {w: (tuple(v), _groups(v)) for w, v in by_week.items()}
        if memo is not None:
            memo.item_weeks = (site.feed_items, tz, items)
    current = timeutil.week_id(site.as_of.date())
    known = set(arts) | set(items)
    first = min(known, key=lambda p: timeutil.period_bounds(p)[0]) if known else current
    ids = timeutil.periods_between(first, current) if timeutil.period_bounds(first)[0] <= site.as_of.date() else [current]
    return [WeekView(w, tuple(arts.get(w, ())), *items.get(w, ((), ()))) for w in ids]


def _paginate(items, size: int) -> list:
    pages = max(1, math.ceil(len(items) / size))
    return [items[i * size:(i + 1) * size] for i in range(pages)]


# What the home page shows of each list ("Xem thêm" leads to the rest): a phone reader sees it in a few screens.
HOME_WEEK_ARTICLES, HOME_WEEK_ITEMS, HOME_LATEST_ARTICLES, HOME_LATEST_ITEMS = 3, 4, 3, 4


def render_site(site: Site, *, later: bool = False, memo: RenderMemo | None = None) -> Rendered:
    """Every generated page and file of ``site``. ``later`` (a build): the pages made by templates are rendered only
    when their ``render()`` is called (their ``html`` is ""), from the values given now, so that no page's HTML is
    held through the build. ``memo`` (the preview's, kept between saves): a page planned as it was last rendered
    keeps its HTML (``generator.render.memo``). ``later`` also makes the formal reports' PDFs in child processes
    while the build goes on: their files' content is then a ``parallel.Elsewhere`` whose ``result()`` is the bytes."""
    tags = collect_tags(site.articles)
    pictures, picture_files = make_pictures(site.articles, site.config.content_dir,
                                            memo.pictures if memo is not None else None)
    cfg = site.config
    from generator.render import plans as plans_mod  # quizzes, monthly and radio bulletins

    plans = plans_mod.load_plans(site)
    active = plans_mod.active_quizzes(site, plans)

    def environment() -> Environment:
        env = _environment(site, tags, pictures)
        plans_mod.install(env, active)
        return env

    if memo is None:
        env, run = environment(), None
    else:
        # everything the globals and filters close over (see _environment and plans.install)
        env, run = memo.environment((cfg, tag_names(tags), pictures, active), environment), memo.start()

    def render(url: str, template: str, ctx: dict) -> str:
        """The page at ``url``: ``template`` with ``ctx`` (which holds ``here``), or its HTML as last rendered."""
        def make() -> str:
            return env.get_template(template).render(**ctx)
        return make() if run is None else run.html(url, template, ctx, make)

    pages: list[GeneratedPage] = []

    def page(url: str, title: str, template: str, description: str = "", **ctx) -> None:
        if later:
            pages.append(GeneratedPage(url, title, "", description,
                                       partial(env.get_template(template).render, here=url, **ctx)))
        else:
            pages.append(GeneratedPage(url, title, render(url, template, dict(here=url, **ctx)), description))

    weeks = _weeks(site, memo)
    by_category: dict[str, list[Article]] = defaultdict(list)
    by_month: dict[str, list[Article]] = defaultdict(list)
    for a in site.articles:  # newest first
        by_category[a.category].append(a)
        by_month[timeutil.month_id(a.date.astimezone(cfg.tz).date())].append(a)
    categories = [dict(id=c.id, name=c.name, description=c.description, count=len(by_category.get(c.id, ())))
                  for c in cfg.categories]

    # home: this week's newest, then the newest of the rest; nothing shown twice
    latest_by_source = _groups(site.feed_items)
    week = weeks[-1]
    week_articles = list(reversed(week.articles))[:HOME_WEEK_ARTICLES]
    week_items = sorted(week.items, key=lambda i: i.published, reverse=True)[:HOME_WEEK_ITEMS]
    shown_articles, shown_items = {a.id for a in week_articles}, {id(i) for i in week_items}
    page(urls.HOME, cfg.site_name, "home.html", cfg.site_description,
         site_name=cfg.site_name, site_description=cfg.site_description,
         week=week, prev_week=WeekRef(weeks[-2].id) if len(weeks) > 1 else None, week_articles=week_articles,
         week_items=week_items,
         latest=[a for a in site.articles if a.id not in shown_articles][:HOME_LATEST_ARTICLES],
         latest_items=[i for i in site.feed_items if id(i) not in shown_items][:HOME_LATEST_ITEMS],
         categories=categories, report=site.report, as_of=site.as_of)

    # weeks
    page(urls.WEEKS, "Chuyên trang các tuần", "weeks.html", "Chuyên trang chuyển đổi số theo từng tuần",
         weeks=list(reversed(weeks)))
    for n, w in enumerate(weeks):
        page(w.url, f"Chuyên trang tuần {w.number}/{w.year}", "week.html", timeutil.describe_period(w.id),
             week=w, prev=WeekRef(weeks[n - 1].id) if n else None,
             next=WeekRef(weeks[n + 1].id) if n + 1 < len(weeks) else None)

    # categories, paginated
    page(urls.CATEGORIES, "Chuyên mục", "categories.html", categories=categories)
    for c in cfg.categories:
        chunks = _paginate(by_category.get(c.id, []), cfg.page_size)
        for n, chunk in enumerate(chunks, 1):
            title = c.name + (f" (trang {n})" if n > 1 else "")
            page(urls.category(c.id, n), title, "listing.html", c.description or c.name, articles=chunk,
                 page=n, pages=len(chunks), url_of=PageOf(urls.category, (c.id,)), lead=c.description)

    # year/month archive, paginated
    months = [MonthView(m, len(v)) for m, v in sorted(by_month.items(), reverse=True)]
    page(urls.ARCHIVE, "Lưu trữ bài viết", "archive.html", months=months)
    for m in months:
        chunks = _paginate(by_month[m.id], cfg.page_size)
        for n, chunk in enumerate(chunks, 1):
            title = f"Bài viết tháng {m.month}/{m.year}" + (f" (trang {n})" if n > 1 else "")
            page(urls.month(m.id, n), title, "listing.html", articles=chunk, page=n, pages=len(chunks),
                 url_of=PageOf(urls.month, (m.id,)), lead="")

    # tags: an index, and a page of each tag's articles, paginated
    page(urls.TAGS, "Từ khóa", "tags.html", "Các từ khóa của bài viết", tags=tags)
    for t in tags:
        chunks = _paginate(list(t.articles), cfg.page_size)
        for n, chunk in enumerate(chunks, 1):
            title = f"Từ khóa: {t.name}" + (f" (trang {n})" if n > 1 else "")
            page(urls.tag(t.slug, n), title, "listing.html", f"Bài viết về {t.name}", articles=chunk, page=n,
                 pages=len(chunks), url_of=PageOf(urls.tag, (t.slug,)),
                 lead=f"{len(t.articles)} bài viết có từ khóa “{t.name}”.")

    # news from the feeds
    page(urls.NEWS, "Tin báo, đài", "news.html", "Tin chuyển đổi số từ báo, đài của tỉnh",
         sources=[SourceGroup(g.id, g.name, g.items[:30]) for g in latest_by_source])

    # the frequency log and its reports
    from generator.render.log import build_time, render_log

    if memo is not None and memo.built is None:
        memo.built = build_time(cfg.tz)
    log_files = render_log(site, page, {w.id: w.url for w in weeks}, env, built=memo.built if memo else None,
                           downloads=memo.downloads if memo else None, reports=memo.reports if memo else None,
                           elsewhere=later)

    files = [
        *(StaticFile(path, content) for path, content in picture_files),
        StaticFile(DEFAULT_SHARE, default_share_card(cfg.site_name)),
        *(StaticFile(path, content) for path, content in log_files),
        *(StaticFile(path, content) for path, content in redirect_files(site, env)),
        StaticFile("feed.xml", rss(cfg.site_name, cfg.site_url, cfg.site_description, list(site.articles),
                                   {c.id: c.name for c in cfg.categories}).encode("utf-8")),
    ]
    nav = (
        ("Trang chủ", urls.src_uri(urls.HOME)),
        ("Chuyên trang tuần", urls.src_uri(urls.WEEKS)),
        ("Chuyên mục", urls.src_uri(urls.CATEGORIES)),
        ("Lưu trữ", urls.src_uri(urls.ARCHIVE)),
        ("Tin báo, đài", urls.src_uri(urls.NEWS)),
        ("Nhật ký tần suất", urls.src_uri(urls.LOG)),
    )
    # campaigns, feedback, search (generator.render.citizen)
    from generator.render import citizen
    more_pages, more_files, more_nav = citizen.render_citizen(site, env, citizen.load_citizen(site), nav, render)
    pages += [GeneratedPage(*p) for p in more_pages]
    files += [StaticFile(*f) for f in more_files]
    plan_pages, plan_files, plan_nav, notices = plans_mod.render_plans(site, env, plans, render)
    pages += [GeneratedPage(*p) for p in plan_pages]
    files += [StaticFile(*f) for f in plan_files]
    if run is not None:
        run.finish()
    return Rendered(tuple(pages), tuple(files), nav + tuple(more_nav) + tuple(plan_nav), tuple(notices), tags,
                    tuple(pictures.values()))
