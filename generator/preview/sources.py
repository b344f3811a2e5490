"""The site's inputs as the preview keeps them in memory: each article file's read (kept while its bytes' stamp is
unchanged) and the feed archive, so that a save re-reads only what changed and the site is judged again from the
rest. Same steps and same helpers as ``generator.core.site.load_site``: the result is the same ``Site``."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from generator.core import articles as articles_mod

from generator.core import frontmatter
from generator.core.archive import FeedItem, Rules, read_archive
from generator.core.config import SiteConfig, load_config
from generator.core.integrity import examine_feeds
from generator.core.problems import InputError, Problem
from generator.core.rejudge import Rejudge
from generator.core.site import Feeds, Setup, Site, feed_part, judged, other_problems, resolve_as_of, set_up

Stamp = tuple[int, int]  # (mtime_ns, size)


@dataclass
class _Read:
    stamp: Stamp
    article: articles_mod.Article | None
    problems: list[Problem]
    claim: tuple | None


def _links(read: _Read) -> bool:
    """Whether a kept read may hold a link to a file of the site (or its problems may be such a link's)."""
    if read.article is None:
        return bool(read.problems)
    data = read.article.body_utf8
    if data is None:
        return True
    if b"](" not in data and b"]:" not in data:
        return False  # the usual article, told apart without decoding it (a new file among 10,000 kept ones)
    return frontmatter.links_to_files(data.decode("utf-8"))


def _stamp(path: str) -> Stamp | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class Sources:
    """Everything ``load_site`` reads, kept between saves. ``load()`` re-reads what changed on disk and returns
    the judged site, or raises InputError with every problem (as ``load_site`` does)."""

    def __init__(self, config_file: Path, as_of: str | datetime | None = None):
        self.config_file = Path(config_file)
        self.as_of_arg = as_of
        self.config: SiteConfig | None = None
        self.reads: dict[str, _Read] = {}
        self.archive_stamps: dict[str, Stamp] = {}
        self.items: list[FeedItem] = []
        self.archive_problems: list[Problem] = []
        self.archive_read = False
        self.fixed: tuple[Setup, list[Problem]] | None = None  # the load's start, the other inputs' problems
        # the feed items' share of the site and their checks, kept while the items, the as-of time and the feeds'
        # state and sources files are unchanged (a save of an article does not touch them)
        self.feeds: tuple | None = None  # (items, key, part, checks)
        self.rejudge = Rejudge()  # the last judgement: a save judges again only the periods it changed

    def reset(self) -> None:
        """mkdocs.yml or a decision file changed: everything is read again at the next ``load``."""
        self.__init__(self.config_file, self.as_of_arg)

    def _settle(self):
        if self.fixed is None:
            setup = set_up(load_config(self.config_file), self.as_of_arg)
            config = setup.config
            # the plain pages (content/trang/) and the other files read here are read again only by a full rebuild
            # (the watcher says so for a change to them)
            later = other_problems(config, setup.found)
            self.config = config
            self.fixed = (setup, later)
        return self.fixed

    def due(self, site: Site) -> datetime | None:
        """When the next scheduled article goes up, if the as-of time follows the clock (no --as-of, none pinned in
        mkdocs.yml): ``advance`` then, and the preview shows it published."""
        if self.as_of_arg is not None or self.config is None or self.config.as_of_pinned is not None:
            return None
        return min((a.date for a in site.withheld if not a.draft and a.date > site.as_of), default=None)

    def advance(self) -> None:
        """The as-of time set to now (the site is judged again at the next ``load``)."""
        if self.fixed is not None:
            setup, later = self.fixed
            self.fixed = (replace(setup, when=resolve_as_of(setup.config, self.as_of_arg)), later)

    def _articles(self, config: SiteConfig) -> tuple[list[articles_mod.Article], list[Problem], set[str]]:
        content = config.content_dir
        if not content.is_dir():
            self.reads = {}
            return [], [Problem(config.rel(content), None, "không tìm thấy thư mục bài viết (docs_dir)")], set()
        base, shown = str(content) + os.sep, config.rel(content)
        shown = "" if shown in ("", ".") else shown + "/"
        srcs = articles_mod.article_files(content)
        reads: dict[str, _Read] = {}
        changed: set[str] = set()
        # an article that links to another's file is read again when files come or go: the link it holds may now
        # lead nowhere, or again somewhere (a build would say so)
        moved = set(srcs) != set(self.reads) and bool(self.reads)
        for src in srcs:
            stamp = _stamp(base + src)
            old = self.reads.get(src)
            if old is not None and old.stamp == stamp and not (moved and _links(old)):
                reads[src] = old
                continue
            article, found, claim = articles_mod._read(base + src, config, src, shown + src)
            reads[src] = _Read(stamp, article, found, claim)
            changed.add(src)
        changed |= set(self.reads) - set(reads)
        self.reads = reads
        arts, problems = articles_mod.gather((r.article, r.problems, r.claim) for r in reads.values())
        return arts, problems, changed

    def _archive(self, config: SiteConfig) -> None:
        archive = config.feeds_dir / "archive"
        paths = sorted(str(p) for p in archive.glob("*.jsonl")) if archive.is_dir() else []
        stamps = {p: _stamp(p) for p in paths}
        if stamps == self.archive_stamps and self.archive_read:
            return
        self.archive_read = True
        self.archive_stamps = stamps
        try:
            rules = Rules(frozenset(c.id for c in config.channels), *frontmatter.date_bounds(config))
            self.items, self.archive_problems = read_archive(archive, rel=config.rel, rules=rules), []
        except InputError as exc:
            self.items, self.archive_problems = [], exc.problems

    def load(self) -> tuple[Site, set[str]]:
        """The site as it is on disk now, and the src URIs of the article files read again (or gone)."""
        setup, later = self._settle()
        config, when, settings = setup.config, setup.when, setup.settings
        arts, problems, changed = self._articles(config)
        self._archive(config)
        problems = [*problems, *setup.decided, *self.archive_problems, *later]  # in load_site's order
        if problems:
            raise InputError(problems)
        items = self.items
        key = (when, config, settings, _stamp(str(config.feeds_dir / "state.json")),
               _stamp(str(config.feeds_dir / "sources.yml")))
        if self.feeds is not None and self.feeds[0] is items and self.feeds[1] == key:
            part, checks = self.feeds[2:]
        else:
            part, checks = feed_part(config, when, items), examine_feeds(config, settings, items)
            self.feeds = (items, key, part, checks)
        return judged(setup, arts, Feeds(items, part, checks, []), self.rejudge), changed
