"""Load and judge a whole site: config -> articles + feed archive -> entries -> report. One frozen result."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from generator.core import timeutil
from generator.core.archive import FeedItem, Rules, read_archive
from generator.core.articles import Article, load_articles
from generator.core.frontmatter import date_bounds
from generator.core.campaigns import campaign_problems
from generator.core.config import SiteConfig, load_config, plausible_day
from generator.core.decisions import Decisions, load_decisions, with_urgent
from generator.core.agency import agency_problems
from generator.core.feedback import feedback_problems
from generator.core.report_settings import report_settings_problems
from generator.core.integrity import Audit, FeedChecks, examine, examine_feeds, read_settings
from generator.core.judge import Entry, Report, judge
from generator.core.links import link_problems
from generator.core.reach import reach_problems
from generator.core.staticpages import load_pages
from generator.support.parallel import Map, concurrently, serial_map
from generator.core.problems import InputError, Problem, raise_if_any
from generator.core.active_content import active_content_problems
from generator.core.bulletin import bulletin_entries
from generator.core.planfiles import plans_problems


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
    if as_of is not None:  # given but empty (`--as-of "$UNSET"`) is bad input, not "now"
        try:
            when = timeutil.parse_as_of(as_of, config.tz)
            plausible_day(when.date())
            return when
        except ValueError as exc:
            raise InputError([Problem("--as-of", None, str(exc))]) from None
    if config.as_of_pinned is not None:
        return config.as_of_pinned
    return (now or datetime.now(timezone.utc)).astimezone(config.tz)


def load_site(config_file: Path | str | SiteConfig, as_of: str | datetime | None = None,
              now: datetime | None = None, *, summaries: bool = True, map: Map = serial_map) -> Site:
    """Everything the checker and the renderer need. Raises InputError with every problem found. ``summaries``:
    the articles' summaries made while loading, for the pages (the checker needs none). ``map``: how the articles
    are read (``serial_map``, or a ``parallel.Pool``: the feed archive is then read here meanwhile)."""
    setup = set_up(config_file if isinstance(config_file, SiteConfig) else load_config(config_file), as_of, now)
    config, when, settings = setup.config, setup.when, setup.settings
    # this process reads the feed archive and the other inputs while the pool reads articles, then joins it
    (articles, problems), (feeds, others) = concurrently(
        map, lambda m: load_articles(config, map=m, summaries=summaries),
        lambda: (load_feeds(config, settings, when), other_problems(config, setup.found)))
    raise_if_any([*problems, *setup.decided, *feeds.problems, *others])
    return judged(setup, articles, feeds)


def judged(setup: Setup, articles: list[Article], feeds: Feeds, judge_with=judge) -> Site:
    """The back half of every load (``load_site`` and the preview's): the evidence audited, the entries judged, the
    urgent publishing decisions applied to the report. ``judge_with``: ``judge``, or the preview's
    ``rejudge.Rejudge`` (the same report, judging again only the periods that changed)."""
    audit = examine(setup.config, setup.settings, articles, feeds.items, feeds.checks)
    site = assemble(setup.config, setup.when, articles, feeds.items, audit, feeds.part, judge_with)
    return replace(site, report=with_urgent(site.report, setup.decisions, setup.when))


@dataclass(frozen=True)
class Setup:
    """What every load starts from: the config with the waiver files' waivers, the as-of time, the decision files,
    the integrity settings, and the problems found reading them."""
    config: SiteConfig
    when: datetime
    decisions: Decisions
    settings: object  # integrity.Settings
    decided: list[Problem]  # the decision files' problems
    found: list[Problem]  # the integrity settings' problems


def set_up(config: SiteConfig, as_of: str | datetime | None = None, now: datetime | None = None) -> Setup:
    # Before anything in content/ or feeds/ is read (or, in the plugin, copied by MkDocs): a link out of the project
    # would publish what it points at; so would a theme folder, a snippet folder or an INHERITed file outside it.
    raise_if_any(link_problems(config) + reach_problems(config))
    when = resolve_as_of(config, as_of, now)
    decisions, decided = load_decisions(config)  # waiver and urgent-publish files beside mkdocs.yml
    config = replace(config, waivers=config.waivers + decisions.waivers)
    settings, found = read_settings(config)
    return Setup(config, when, decisions, settings, list(decided), list(found))


def other_problems(config: SiteConfig, found: list[Problem]) -> list[Problem]:
    """The problems of every input read beside the articles and the feed archive, in the order they are reported
    (after the articles', the decision files' and the archive's)."""
    return [*found, *campaign_problems(config)[1], *feedback_problems(config)[1], *active_content_problems(config),
            *report_settings_problems(config)[1], *plans_problems(config), *agency_problems(config)[1],
            *load_pages(config)[1]]


@dataclass(frozen=True)
class Feeds:
    """The feed archive as loaded: its items, their share of the site, their integrity checks, its problems."""
    items: list[FeedItem]
    part: FeedPart | None
    checks: FeedChecks | None
    problems: list[Problem]


def load_feeds(config: SiteConfig, settings, when: datetime) -> Feeds:
    rules = Rules(frozenset(c.id for c in config.channels), *date_bounds(config))
    try:
        items = read_archive(config.feeds_dir / "archive", rel=config.rel, rules=rules)
    except InputError as exc:
        return Feeds([], None, None, exc.problems)
    return Feeds(items, feed_part(config, when, items), examine_feeds(config, settings, items), [])


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
             audit: Audit | None = None, part: FeedPart | None = None, judge_with=judge) -> Site:
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
    report = judge_with(config, entries, when)
    return Site(config, when, tuple(published), withheld, shown, tuple(entries), report, audit)
