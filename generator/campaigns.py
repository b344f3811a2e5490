"""Campaigns: configured date windows (Ngày Chuyển đổi số quốc gia 10/10, the province's own day) that put a banner
with a slogan on every page built inside the window, and a page listing the items tagged for the campaign.

Config (plugin settings in ``mkdocs.yml``)::

    campaigns:
      - id: ngay-chuyen-doi-so-quoc-gia-2026
        name: Ngày Chuyển đổi số quốc gia 10/10/2026
        start: 2026-10-01            # first day of the window, site timezone
        end: 2026-10-10              # last day of the window (inclusive)
        slogan: "Chuyển đổi số toàn dân, toàn diện"
        tag: ngay-chuyen-doi-so-quoc-gia   # articles' `tags` and feed items' categories that belong to it
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from slugify import slugify

from generator import timeutil
from generator.archive import FeedItem
from generator.articles import Article
from generator.config import SLUG_RE, SiteConfig, plausible_day, unknown_key
from generator.problems import Problem


KEYS = ("id", "name", "start", "end", "slogan", "tag")


@dataclass(frozen=True)
class Campaign:
    id: str
    name: str
    start: date
    end: date  # inclusive
    slogan: str
    tag: str

    @property
    def url(self) -> str:
        return f"chien-dich/{self.id}/"

    def active(self, when: datetime, tz) -> bool:
        """Whether a build at ``when`` falls in the window (days read in the site's timezone)."""
        return self.start <= when.astimezone(tz).date() <= self.end

    def state(self, when: datetime, tz) -> str:
        """``upcoming``, ``active`` or ``over`` at ``when`` (days read in the site's timezone)."""
        day = when.astimezone(tz).date()
        return "upcoming" if day < self.start else "over" if day > self.end else "active"


def tag_key(tag: str) -> str:
    """Tags and feed categories are compared in slug form: ``Ngày Chuyển đổi số quốc gia`` matches
    ``ngay-chuyen-doi-so-quoc-gia``."""
    return slugify(unicodedata.normalize("NFC", str(tag)))


def campaign_problems(config: SiteConfig) -> tuple[tuple[Campaign, ...], list[Problem]]:
    """The configured campaigns and every problem found in them (``mkdocs.yml:line: message``)."""
    name = config.config_file.name
    raw = config.extra.get("campaigns") or []
    problems: list[Problem] = []

    def err(path: tuple, message: str) -> None:
        problems.append(Problem(name, config.line("campaigns", *path), message))

    if not isinstance(raw, list):
        err((), "campaigns phải là một danh sách chiến dịch: - {id, name, start, end, slogan, tag}")
        return (), problems
    out: list[Campaign] = []
    for i, c in enumerate(raw):
        if not isinstance(c, dict):
            err((i,), "mỗi chiến dịch cần có id, name, start, end, slogan, tag")
            continue
        ok = True
        for key in c:
            if key not in KEYS:
                err((i, key), unknown_key(key, KEYS, "chiến dịch"))
                ok = False
        cid = _text(c.get("id"))
        if not cid or not SLUG_RE.match(cid):
            err((i, "id") if "id" in c else (i,), f"mã chiến dịch '{cid[:60]}' phải viết thường, không dấu, nối bằng '-'")
            ok = False
        elif any(x.id == cid for x in out):
            err((i, "id"), f"mã chiến dịch '{cid}' bị trùng")
            ok = False
        for key in ("name", "slogan", "tag"):
            if not _text(c.get(key)):
                err((i, key) if key in c else (i,), f"chiến dịch '{cid}' cần '{key}'")
                ok = False
        days: dict[str, date] = {}
        for key in ("start", "end"):
            if c.get(key) in (None, ""):
                err((i,), f"chiến dịch '{cid}' cần '{key}' (ngày dạng YYYY-MM-DD)")
                ok = False
                continue
            try:
                days[key] = timeutil.parse_day(c[key])
                plausible_day(days[key])
            except ValueError as exc:
                err((i, key), f"chiến dịch '{cid}': {key}: {exc}")
                ok = False
        if len(days) == 2 and days["end"] < days["start"]:
            err((i, "end"), f"chiến dịch '{cid}': ngày kết thúc ({days['end']:%d/%m/%Y}) trước ngày bắt đầu "
                            f"({days['start']:%d/%m/%Y})")
            ok = False
        if ok:
            out.append(Campaign(cid, _text(c["name"]), days["start"], days["end"], _text(c["slogan"]),
                                _text(c["tag"])))
    return tuple(out), problems


def active_campaigns(campaigns, when: datetime, tz) -> tuple[Campaign, ...]:
    return tuple(c for c in campaigns if c.active(when, tz))


def tagged_articles(campaign: Campaign, articles) -> tuple[Article, ...]:
    key = tag_key(campaign.tag)
    return tuple(a for a in articles if any(tag_key(t) == key for t in a.tags))


def tagged_items(campaign: Campaign, items) -> tuple[FeedItem, ...]:
    key = tag_key(campaign.tag)
    return tuple(i for i in items if any(tag_key(t) == key for t in i.categories))


def window_items(campaign: Campaign, items, tz) -> tuple[FeedItem, ...]:
    """The press and broadcast items published inside the campaign's window, tagged or not (newest first, as
    given): what the newspapers and stations ran while it lasted."""
    return tuple(i for i in items
                 if i.published is not None and campaign.start <= i.published.astimezone(tz).date() <= campaign.end)


def _text(value: object) -> str:
    return unicodedata.normalize("NFC", str(value)).strip() if value is not None else ""
