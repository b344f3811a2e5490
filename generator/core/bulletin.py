"""The monthly bulletin "Bản tin chuyển đổi số": made at build time from a closed month's articles and press and
broadcast items, with an optional editor's introduction. A bulletin is also evidence: a channel may be fed by the
bulletins (a plan's "1 bản tin/tháng").

Config (plugin settings in ``mkdocs.yml``; the block turns the bulletins on, every key is optional)::

    bulletin:
      agency: Sở Khoa học và Công nghệ tỉnh Lâm Đồng   # the masthead's issuing agency; default: site_name
      since: 2026-09          # the month of bulletin number 1; default: the first month with an item
      channel: ban-tin        # a configured channel the bulletins count for

Introductions are files ``ban-tin/<yyyy>-<mm>.md`` beside ``mkdocs.yml`` (Markdown, optional front matter with
``title:``, and ``month:`` the same month as the file's name, which Decap CMS writes). They live outside ``content/``, where every Markdown file is an article.

A month's bulletin exists once the month has closed (the as-of time is past its last day) and it holds at least one
item; it is published, and counts for its channel, at 00:00 on the first day of the next month.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

import yaml

from generator.core import schema, timeutil, yamlfile
from generator.core.archive import FeedItem
from generator.core.articles import Article, split_front_matter
from generator.core.config import SiteConfig
from generator.core.judge import Entry
from generator.core.problems import Problem
from generator.core.schema import Block, Field, Month, Text, nfc

FIELD = Field("bulletin", Block("bulletin", (
    Field("agency", Text(), default=""),  # the masthead's issuing agency; site_name when left out
    Field("since", Month(), default=""),  # the month of bulletin number 1; the first month with an item when left out
    Field("channel", Text(), default=""),  # a configured channel the bulletins count for
), who=lambda raw: "bulletin"))
KEYS = FIELD.kind.keys
INTRO_KEYS = ("title", "month")  # an introduction's front matter
FOLDER = "ban-tin"
INDEX = "ban-tin/"
SOURCE = "ban-tin"  # an entry's `source` in the frequency report
_MONTH_FILE = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class BulletinSettings:
    agency: str
    since: str  # "2026-09" or ""
    channel: str  # "" when no channel counts the bulletins


@dataclass(frozen=True)
class Intro:
    month: str
    path: str
    title: str
    markdown: str


@dataclass(frozen=True)
class Bulletin:
    month: str  # "2026-10"
    number: int  # 1, 2, ... from `since`
    published: datetime  # the first moment of the next month, site timezone
    articles: tuple[Article, ...]  # oldest first
    items: tuple[FeedItem, ...]  # dated press and broadcast items, oldest first
    intro: Intro | None

    @property
    def url(self) -> str:
        return f"{INDEX}{self.month}/"

    @property
    def year(self) -> int:
        return int(self.month[:4])

    @property
    def month_number(self) -> int:
        return int(self.month[5:])

    @property
    def title(self) -> str:
        return f"Bản tin chuyển đổi số tháng {self.month_number}/{self.year}"


def read_settings(config: SiteConfig) -> tuple[BulletinSettings | None, list[Problem]]:
    """The ``bulletin:`` settings (None when the block is absent: no bulletins) and every problem in them."""
    if "bulletin" not in config.extra:
        return None, []
    v, problems = schema.validate_field(FIELD, config.extra.get("bulletin"), path=config.config_file.name,
                                        line=config.line)
    if v is None:
        return None, problems
    channel = v.get("channel", "")
    if channel and config.channel(channel) is None:
        known = ", ".join(c.id for c in config.channels)
        problems.append(Problem(config.config_file.name, config.line("bulletin", "channel"),
                                f"bulletin: kênh không có trong cấu hình: '{schema.short(channel)}' (có: {known})"))
    if problems:
        return None, problems
    return BulletinSettings(v["agency"] or config.site_name, v["since"], channel), []


def read_intros(config: SiteConfig) -> tuple[dict[str, Intro], list[Problem]]:
    """The editors' introductions, by month, and every problem in them."""
    base = config.root / FOLDER
    intros: dict[str, Intro] = {}
    problems: list[Problem] = []
    if not base.is_dir():
        return intros, problems
    for path in sorted(base.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        rel = config.rel(path)
        m = _MONTH_FILE.match(path.stem)
        if path.suffix != ".md" or not m or not 1 <= int(m[2]) <= 12:
            problems.append(Problem(rel, None, "lời giới thiệu bản tin phải đặt tên theo tháng: ban-tin/YYYY-MM.md "
                                               "(ví dụ ban-tin/2026-10.md)"))
            continue
        intro = _read_intro(path, rel, path.stem, problems)
        if intro is not None:
            intros[intro.month] = intro
    return intros, problems


def _read_intro(path: Path, rel: str, month: str, problems: list[Problem]) -> Intro | None:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        problems.append(Problem(rel, None, "không đọc được tệp (cần văn bản UTF-8)"))
        return None
    front, body, body_line = split_front_matter(text)
    title = ""
    if front is not None:
        try:
            meta, lines = yamlfile.load(front, line_offset=1)
        except yaml.YAMLError as exc:
            problems.append(Problem(rel, yamlfile.error_line(exc, 1), yamlfile.error_message(exc)))
            return None
        if meta is not None and not isinstance(meta, dict):
            problems.append(Problem(rel, 2, "phần đầu (front matter) cần dạng 'title: ...'"))
            return None
        for key in meta or {}:
            if key not in INTRO_KEYS:
                problems.append(Problem(rel, lines.of(key), f"khóa không được hỗ trợ: '{key}' (có thể dùng: "
                                                            f"{', '.join(INTRO_KEYS)})"))
        # `month:` is what Decap CMS names the file after; the file's name is the month that counts
        said = nfc((meta or {}).get("month"))
        if said and said != month:
            problems.append(Problem(rel, lines.of("month"), f"month: '{said}' khác tháng của tên tệp ({month}): "
                                                            f"sửa cho khớp, hoặc đổi tên tệp thành ban-tin/{said}.md"))
            return None
        title = nfc((meta or {}).get("title"))
    if not body.strip():
        problems.append(Problem(rel, body_line or 1, "lời giới thiệu để trống: viết vài câu, hoặc xóa tệp"))
        return None
    return Intro(month, rel, title or "Lời giới thiệu", body.strip())


def closed_months(config: SiteConfig, settings: BulletinSettings, when: datetime, articles, items) -> list[str]:
    """The months with a bulletin as of ``when``: closed, from ``since``, with at least one dated item."""
    tz = config.tz
    today = when.astimezone(tz).date()
    months = {timeutil.month_id(a.date.astimezone(tz).date()) for a in articles if not a.draft and a.date <= when}
    months |= {timeutil.month_id(i.published.astimezone(tz).date()) for i in items
               if i.published is not None and i.published <= when}
    start = settings.since or "0000-00"
    return sorted(m for m in months if m >= start and timeutil.period_bounds(m)[1] < today)


def _opening(month: str, tz) -> datetime:
    day = timeutil.period_bounds(month)[1] + timedelta(days=1)
    return datetime.combine(day, time(0, 0), tzinfo=tz)


def make_bulletins(config: SiteConfig, settings: BulletinSettings, when: datetime, articles, items,
                   intros: dict[str, Intro]) -> tuple[Bulletin, ...]:
    """Every bulletin as of ``when``, oldest first. ``articles``: the published ones; ``items``: the feed items shown."""
    tz = config.tz
    months = closed_months(config, settings, when, articles, items)
    by_articles: dict[str, list[Article]] = {m: [] for m in months}
    by_items: dict[str, list[FeedItem]] = {m: [] for m in months}
    for a in articles:
        m = timeutil.month_id(a.date.astimezone(tz).date())
        if m in by_articles and not a.draft and a.date <= when:
            by_articles[m].append(a)
    for i in items:
        if i.published is not None and i.published <= when:
            m = timeutil.month_id(i.published.astimezone(tz).date())
            if m in by_items:
                by_items[m].append(i)
    return tuple(
        Bulletin(m, n, _opening(m, tz), tuple(sorted(by_articles[m], key=lambda a: (a.date, a.slug))),
                 tuple(sorted(by_items[m], key=lambda i: (i.published, i.id))), intros.get(m))
        for n, m in enumerate(months, 1))


def bulletin_entries(config: SiteConfig, when: datetime, articles, items) -> list[Entry]:
    """The entries of the bulletins for the channel they feed (none without ``bulletin: channel:``). Settings
    problems are reported by ``bulletin_problems``; here a bad block only means no entries."""
    settings, problems = read_settings(config)
    if settings is None or problems or not settings.channel:
        return []
    base = config.site_url or "/"
    return [Entry(f"{SOURCE}-{b.month}", f"{b.title} (số {b.number})", base + b.url, b.published, SOURCE,
                  settings.channel)
            for b in make_bulletins(config, settings, when, articles, items, {})]


def bulletin_problems(config: SiteConfig) -> list[Problem]:
    settings, problems = read_settings(config)
    if settings is None and not problems:
        return []
    return problems + read_intros(config)[1]
