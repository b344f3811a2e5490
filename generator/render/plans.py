"""What the provincial plans ask for beyond articles: the quiz pages, the monthly bulletins (pages, RSS) and the weekly
radio bulletins (reading scripts, audio). Values in, ``(pages, files, nav, notices)`` out, in the shapes of
``generator.render.pages``."""
from __future__ import annotations

from dataclasses import dataclass
from email.utils import format_datetime
from html import escape as html_escape
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import markdown as markdown_lib
from markupsafe import Markup

from generator.core import timeutil
from generator.core.bulletin import INDEX as BULLETIN_INDEX, Bulletin, BulletinSettings, make_bulletins, read_intros, \
    read_settings as bulletin_settings
from generator.core.campaigns import campaign_problems
from generator.core.feedback import feedback_problems
from generator.core.problems import InputError
from generator.core.quiz import INDEX as QUIZ_INDEX, Bank, active_banks, contest_state, load_banks
from generator.radio.settings import RadioSettings, radio_settings
from generator.radio.spoken import read_ordinal
from generator.radio.weekly import INDEX as RADIO_INDEX, cache_dir, radio_weeks, week_audio
from generator.render import urls
from generator.render.article import sanitize
from generator.render.social import absolute
from generator.render.printing import qr_svg
from generator.render.feed import xml_document
from generator.fetch.text import html_to_text  # the one html-to-text (feeds, search, this feed)
from generator.core.site import Site

STATIC = Path(__file__).parent / "static"
CSS = "assets/chuyentrang/plans.css"
QUIZ_JS = "assets/chuyentrang/quiz.js"


@dataclass(frozen=True)
class Plans:
    banks: tuple[Bank, ...]
    bulletin: BulletinSettings | None  # None: no bulletins (no `bulletin:` block)
    intros: dict
    radio: RadioSettings | None  # None: no radio bulletins (no `radio:` block)
    organiser: str  # who receives a contest's entries


def load_plans(site: Site) -> Plans:
    config = site.config
    campaigns, _ = campaign_problems(config)
    fb, _ = feedback_problems(config)
    banks, problems = load_banks(config, campaigns, fb.form_endpoint if fb else "")
    settings, more = bulletin_settings(config)
    intros, more2 = read_intros(config) if settings is not None else ({}, [])
    radio, more3 = radio_settings(config) if "radio" in config.extra else (None, [])
    problems = [*problems, *more, *more2, *more3]
    if problems:
        raise InputError(problems)
    return Plans(banks, settings, intros, radio, fb.department if fb else config.site_name)


def active_quizzes(site: Site, plans: Plans) -> tuple[Bank, ...]:
    """The quizzes open on the as-of day."""
    return tuple(active_banks(plans.banks, site.as_of.astimezone(site.config.tz).date()))


def install(env, active) -> None:
    """What the home and campaign templates show of the plans: ``active`` (``active_quizzes``), and the quizzes of a
    campaign in its window."""
    active = list(active)
    env.globals.update(active_quizzes=active,
                       campaign_quizzes=lambda cid: [b for b in active if b.campaign == cid])


def _markdown(text: str) -> Markup:
    return Markup(sanitize(markdown_lib.markdown(text, extensions=["tables"], output_format="html")))


@dataclass(frozen=True)
class _Address:
    """``address(url)`` on a bulletin: the page's full address (a value: equal plans, equal pages)."""
    site_url: str

    def __call__(self, url: str) -> str:
        return absolute(self.site_url, url) or "/" + url


@dataclass(frozen=True)
class _Qr:
    """``qr(url)`` on a bulletin: the QR code of the page's full address, none without ``site_url``."""
    site_url: str

    def __call__(self, url: str):
        return Markup(qr_svg(absolute(self.site_url, url))) if self.site_url else ""


def render_plans(site: Site, env, plans: Plans, render=None):
    """``render(url, template, ctx)``: the page's HTML (``render_site``'s, which keeps the preview's memo); by
    default the template rendered with ``env``."""
    pages: list[tuple[str, str, str, str]] = []
    files: list[tuple[str, bytes]] = []
    nav: list[tuple[str, str]] = []
    notices: list[str] = []
    cfg = site.config
    today = site.as_of.astimezone(cfg.tz).date()
    used_assets = False

    if render is None:
        def render(url: str, template: str, ctx: dict) -> str:
            return env.get_template(template).render(**ctx)

    def page(url: str, title: str, template: str, description: str = "", **ctx) -> None:
        html = render(url, template, dict(here=url, css=CSS, quiz_js=QUIZ_JS, **ctx))
        pages.append((url, title, html, description))

    # quizzes
    if plans.banks:
        used_assets = True
        page(QUIZ_INDEX, "Thi tìm hiểu chuyển đổi số", "quizzes.html",
             "Luyện tập và dự thi tìm hiểu về chuyển đổi số", banks=plans.banks,
             states={b.id: contest_state(b, today) for b in plans.banks})
        for b in plans.banks:
            page(b.url, b.title, "quiz_contest.html" if b.contest else "quiz.html", b.description or b.title,
                 bank=b, state=contest_state(b, today), organiser=plans.organiser, site_name=cfg.site_name,
                 closes=timeutil.iso(_end_of(b.closes, cfg.tz)) if b.closes else "",
                 opens_text=timeutil.format_date(b.opens) if b.opens else "",
                 closes_text=timeutil.format_date(b.closes) if b.closes else "")
        nav.append(("Thi tìm hiểu", urls.src_uri(QUIZ_INDEX)))

    # monthly bulletins
    if plans.bulletin is not None:
        used_assets = True
        bulletins = make_bulletins(cfg, plans.bulletin, site.as_of, site.articles, site.feed_items, plans.intros)
        page(BULLETIN_INDEX, "Bản tin chuyển đổi số", "bulletins.html",
             "Bản tin chuyển đổi số hằng tháng, in được trên khổ A4", bulletins=list(reversed(bulletins)),
             settings=plans.bulletin)
        names = {c.id: c.name for c in cfg.categories}
        for n, b in enumerate(bulletins):
            page(b.url, f"{b.title} (số {b.number})", "bulletin.html",
                 f"Số {b.number}: {len(b.articles)} bài viết, {len(b.items)} tin báo, đài trong tháng",
                 b=b, agency=plans.bulletin.agency, groups=_by_category(b, cfg.categories),
                 item_groups=_by_source(b.items), names=names,
                 intro=_markdown(b.intro.markdown) if b.intro else None,
                 qr=_Qr(cfg.site_url), address=_Address(cfg.site_url),
                 prev=bulletins[n - 1] if n else None, next=bulletins[n + 1] if n + 1 < len(bulletins) else None)
        files.append((BULLETIN_INDEX + "feed.xml", _bulletin_rss(cfg, plans.bulletin, bulletins).encode("utf-8")))
        nav.append(("Bản tin", urls.src_uri(BULLETIN_INDEX)))

    # weekly radio bulletins
    if plans.radio is not None:
        used_assets = True
        weeks = radio_weeks(site, plans.radio)
        audio = week_audio(weeks, plans.radio, cache_dir(cfg.root))
        notices += audio.notices
        fmt = plans.radio.audio.format
        audio_urls = {}
        for w in weeks:
            if w.week in audio.files:
                path = f"{w.url}ban-tin-{timeutil.week_slug(w.week)}.{fmt}"
                files.append((path, Path(audio.files[w.week]).read_bytes()))
                audio_urls[w.week] = path
        page(RADIO_INDEX, "Bản tin phát thanh", "radio_weeks.html",
             "Bản tin chuyển đổi số hằng tuần cho hệ thống truyền thanh cơ sở", weeks=list(reversed(weeks)),
             audio_urls=audio_urls, audio_weeks=plans.radio.audio.weeks)
        for n, w in enumerate(weeks):
            page(w.url, f"Bản tin phát thanh tuần {w.number}/{w.year}", "radio_week.html",
                 f"Bản tin đọc trên loa truyền thanh: {len(w.script.sections)} tin, {w.script.reading_time.describe()}",
                 w=w, audio_url=audio_urls.get(w.week), ordinal=read_ordinal, mime="audio/mpeg" if fmt == "mp3" else "audio/ogg",
                 prev=weeks[n - 1] if n else None, next=weeks[n + 1] if n + 1 < len(weeks) else None)
        nav.append(("Phát thanh", urls.src_uri(RADIO_INDEX)))

    if used_assets:
        files.append((CSS, (STATIC / "plans.css").read_bytes()))
        files.append((QUIZ_JS, (STATIC / "quiz.js").read_bytes()))
    return pages, files, nav, notices


def _end_of(day, tz):
    from datetime import datetime, time

    return datetime.combine(day, time(23, 59, 59), tzinfo=tz)


def _by_category(b: Bulletin, categories) -> list[tuple[str, list]]:
    out = []
    for c in categories:
        arts = [a for a in b.articles if a.category == c.id]
        if arts:
            out.append((c.name, arts))
    return out


def _by_source(items) -> list[tuple[str, list]]:
    groups: dict[str, list] = {}
    for i in items:
        groups.setdefault(i.source_name, []).append(i)
    return sorted(groups.items())


def _bulletin_rss(cfg, settings: BulletinSettings, bulletins) -> str:
    base = cfg.site_url or "/"
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">', "<channel>",
           f"<title>{escape('Bản tin chuyển đổi số: ' + settings.agency)}</title>",
           f"<link>{escape(base + BULLETIN_INDEX)}</link>",
           f"<description>{escape('Bản tin chuyển đổi số hằng tháng của ' + settings.agency)}</description>",
           "<language>vi</language>"]
    if cfg.site_url:
        out.append(f'<atom:link href={quoteattr(cfg.site_url + BULLETIN_INDEX + "feed.xml")} rel="self" '
                   f'type="application/rss+xml"/>')
    for b in reversed(bulletins):
        link = base + b.url
        text = (f"Số {b.number}, tháng {b.month_number}/{b.year}: {len(b.articles)} bài viết, "
                f"{len(b.items)} tin báo, đài.")
        if b.intro:
            text += " " + _intro_text(b.intro.markdown)
        out += ["<item>", f"<title>{escape(b.title + f' (số {b.number})')}</title>", f"<link>{escape(link)}</link>",
                f'<guid isPermaLink="true">{escape(link)}</guid>', f"<pubDate>{format_datetime(b.published)}</pubDate>",
                f"<description>{escape(html_escape(text, quote=False))}</description>", "</item>"]
    out += ["</channel>", "</rss>", ""]
    return xml_document("\n".join(out))


INTRO_IN_FEED = 400  # characters of the editors' letter a feed reader shows


def _intro_text(markdown: str) -> str:
    """The words of the editors' letter as a reader sees them on the page (its Markdown made HTML, then text), cut at
    a word with "…": a feed reader shows the description as it is, "**Tết**" and all."""
    words = html_to_text(str(_markdown(markdown)))
    if len(words) <= INTRO_IN_FEED:
        return words
    return words[:INTRO_IN_FEED + 1].rsplit(" ", 1)[0] + "…"
