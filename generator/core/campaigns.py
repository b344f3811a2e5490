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

from dataclasses import dataclass
from datetime import date, datetime

from slugify import slugify

from generator.core import schema
from generator.core.archive import FeedItem
from generator.core.articles import Article
from generator.core.config import SiteConfig
from generator.core.problems import Problem
from generator.core.schema import Block, Day, Field, ListOf, Slug, Text, nfc, short


_ID = "mã chiến dịch '{value}' phải viết thường, không dấu, nối bằng '-'"
_DAY = "{who} cần '{key}' (ngày dạng YYYY-MM-DD)"
FIELD = Field("campaigns", ListOf(Block("chiến dịch", (
    Field("id", Slug(), required=True, message=_ID, missing=_ID.replace("{value}", "")),
    Field("name", Text(), required=True, missing="{who} cần '{key}'"),
    Field("start", Day(), required=True, missing=_DAY),  # first day of the window, site timezone
    Field("end", Day(), required=True, missing=_DAY),  # last day of the window (inclusive)
    Field("slogan", Text(), required=True, missing="{who} cần '{key}'"),
    Field("tag", Text(), required=True, missing="{who} cần '{key}'"),
), who=lambda raw: f"chiến dịch '{short(nfc(raw.get('id')))}'"),
    item_message="mỗi chiến dịch cần có id, name, start, end, slogan, tag",
    message="campaigns phải là một danh sách chiến dịch: - {{id, name, start, end, slogan, tag}}"), default=())
KEYS = FIELD.kind.item.keys


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
    return slugify(nfc(tag))


def campaign_problems(config: SiteConfig) -> tuple[tuple[Campaign, ...], list[Problem]]:
    """The configured campaigns and every problem found in them (``mkdocs.yml:line: message``)."""
    name = config.config_file.name
    raw, problems = schema.validate_field(FIELD, config.extra.get("campaigns"), path=name, line=config.line)
    out: list[Campaign] = []
    seen: set[str] = set()
    for c in raw or ():
        ok = c.ok
        if "id" in c and c["id"] in seen:
            problems.append(Problem(name, config.line("campaigns", c.index, "id"), f"mã chiến dịch '{c['id']}' bị trùng"))
            ok = False
        seen.add(c.get("id"))
        if "start" in c and "end" in c and c["end"] < c["start"]:
            problems.append(Problem(name, config.line("campaigns", c.index, "end"),
                                    f"chiến dịch '{c.get('id', '')}': ngày kết thúc ({c['end']:%d/%m/%Y}) trước ngày "
                                    f"bắt đầu ({c['start']:%d/%m/%Y})"))
            ok = False
        if ok:
            out.append(Campaign(**c))
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
