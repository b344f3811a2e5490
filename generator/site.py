"""Load and judge a whole site: config -> articles + feed archive -> entries -> report. One frozen result."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from generator import parallel, timeutil
from generator.archive import FeedItem, Rules, read_archive
from generator.articles import Article, date_bounds, load_articles_alongside
from generator.campaigns import campaign_problems
from generator.config import SiteConfig, load_config, plausible_day
from generator.decisions import load_decisions, with_urgent
from generator.agency import agency_problems
from generator.feedback import feedback_problems
from generator.handover.settings import report_settings_problems
from generator.integrity import Audit, FeedChecks, examine, examine_feeds, read_settings
from generator.judge import Entry, Report, judge
from generator.links import link_problems
from generator.staticpages import load_pages
from generator.problems import InputError, Problem
from generator.active_content import active_content_problems
from generator.bulletin import bulletin_entries
from generator.planfiles import plans_problems


@dataclass(frozen=True)
class Site:
    config: SiteConfig
    as_of: datetime
    articles: tuple[Article, ...]  # published: not drafts, dated by the as-of time; newest first
    withheld: tuple[Article, ...]  # drafts and scheduled articles: never on the site
    feed_items: tuple[FeedItem, ...]  # shown: published by the as-of time, or undated but seen by then; newest first
    entries: tuple[Entry, ...]  # everything that may count, as the checker sees it
    report: Report
    integrity: Audit | None = None  # evidence integrity: git and fetch record checks, what they could not check

    def article_url(self, article: Article) -> str:
        return self.config.site_url + article.url if self.config.site_url else "/" + article.url


def resolve_as_of(config: SiteConfig, as_of: str | datetime | None, now: datetime | None = None) -> datetime:
    """``--as-of`` beats the config's pinned ``as_of`` (demo), which beats now (production)."""
    if isinstance(as_of, datetime):
        return as_of.astimezone(config.tz) if as_of.tzinfo else as_of.replace(tzinfo=config.tz)
    if as_of:
        try:
            when = timeutil.parse_datetime(as_of, config.tz, end_of_day=True)
            plausible_day(when.date())
            return when
        except ValueError as exc:
            raise InputError([Problem("--as-of", None, str(exc))]) from None
    if config.as_of_pinned is not None:
        return config.as_of_pinned
    return (now or datetime.now(timezone.utc)).astimezone(config.tz)


# Reading the feed archive, making its entries and checking them cost about as much as reading an article for every
# 11 KB of archive (measured at 2,000 articles + 20,000 feed items and at 10,000 + 50,000).
ARCHIVE_BYTES_PER_ARTICLE = 11_000


def load_site(config_file: Path | str | SiteConfig, as_of: str | datetime | None = None,
              now: datetime | None = None, *, summaries: bool = True) -> Site:
    """Everything the checker and the renderer need. Raises InputError with every problem found. ``summaries``:
    the articles' summaries made while loading, for the pages (the checker needs none)."""
    # Loading makes millions of objects that all stay, and no reference cycles: each run of the cyclic garbage
    # collector would walk them again (10,000 articles + 50,000 items: 0.25 s of a 2.4 s check).
    with parallel.gc_paused():
        return _load_site(config_file, as_of, now, summaries)


def _load_site(config_file, as_of, now, summaries) -> Site:
    config = config_file if isinstance(config_file, SiteConfig) else load_config(config_file)
    # Before anything in content/ or feeds/ is read (or, in the plugin, copied by MkDocs): a link out of the project
    # would publish what it points at.
    linked = link_problems(config)
    if linked:
        raise InputError(linked)
    when = resolve_as_of(config, as_of, now)
    decisions, decided = load_decisions(config)  # waiver and urgent-publish files beside mkdocs.yml
    config = replace(config, waivers=config.waivers + decisions.waivers)

    settings, found = read_settings(config)
    archive = config.feeds_dir / "archive"

    def feeds() -> tuple[list[FeedItem], FeedPart | None, FeedChecks | None, list[Problem]]:
        try:
            items = read_archive(archive, rel=config.rel, rules=Rules(frozenset(c.id for c in config.channels),
                                                                     *date_bounds(config)))
        except InputError as exc:
            return [], None, None, exc.problems
        return items, feed_part(config, when, items), examine_feeds(config, settings, items), []

    # The archive is read, its entries made and checked, here while forked children read most of the articles
    # (see load_articles_alongside).
    cost = sum(p.stat().st_size for p in archive.glob("*.jsonl")) / ARCHIVE_BYTES_PER_ARTICLE if archive.is_dir() else 0
    articles, problems, (items, part, checks, broken) = load_articles_alongside(config, feeds, cost, summaries)
    problems = [*problems, *decided, *broken, *found, *campaign_problems(config)[1], *feedback_problems(config)[1],
                *active_content_problems(config), *report_settings_problems(config)[1], *plans_problems(config),
                *agency_problems(config)[1], *load_pages(config)[1]]
    if problems:
        raise InputError(problems)
    site = assemble(config, when, articles, items, examine(config, settings, articles, items, checks), part)
    return replace(site, report=with_urgent(site.report, decisions, when))


@dataclass(frozen=True)
class FeedPart:
    """The feed items' share of a site as of a time: those shown, newest first, and the entries of the dated ones."""
    shown: tuple[FeedItem, ...]
    entries: tuple[Entry, ...]


def feed_part(config: SiteConfig, when: datetime, items: list[FeedItem]) -> FeedPart:
    shown = [i for i in items if (i.published <= when if i.published else i.first_seen <= when)]
    shown.sort(key=lambda i: (i.published or i.first_seen, i.id), reverse=True)
    tz = config.tz
    entries = [Entry(i.id, i.title, i.link or "", i.published.astimezone(tz), i.source, i.channel, i.flags)
               for i in shown if i.published is not None]
    return FeedPart(tuple(shown), tuple(entries))


def assemble(config: SiteConfig, when: datetime, articles: list[Article], items: list[FeedItem],
             audit: Audit | None = None, part: FeedPart | None = None) -> Site:
    """``part``: ``feed_part(config, when, items)`` when already made."""
    published = sorted((a for a in articles if not a.draft and a.date <= when), key=lambda a: (a.date, a.slug),
                       reverse=True)
    withheld = tuple(a for a in articles if a.draft or a.date > when)
    part = part or feed_part(config, when, items)
    shown = part.shown
    base = config.site_url or "/"
    entries = [Entry(a.id, a.title, base + a.url, a.date, "content", a.channel) for a in published]
    entries += part.entries
    if audit is not None:
        entries = audit.apply(entries)
    entries += bulletin_entries(config, when, published, shown)  # a channel fed by the monthly bulletins
    report = judge(config, entries, when)
    return Site(config, when, tuple(published), withheld, shown, tuple(entries), report, audit)
