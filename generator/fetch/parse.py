"""Feed bytes -> frozen entries, via feedparser (given bytes and headers, never a URL or a path).

Like lemon24/reader, feedparser's bozo errors are split: a wrong encoding declaration or content type is
survivable (warn, keep entries); broken XML keeps the entries read before the break (warn) and is fatal only
when none could be read. A body that is no feed at all (an HTML error page sent with 200, an empty body) and a
feed with zero entries are failures of the source. One bad entry is skipped, not the feed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Mapping

import feedparser

from . import dates, reasons, sanitize, text

_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_IMG_SRC = re.compile(r'<img\b[^>]*?\bsrc="([^"]+)"', re.I)


@dataclass(frozen=True)
class Entry:
    guid: str | None
    link: str | None
    title: str  # plain text, NFC
    summary: str  # sanitized HTML
    summary_text: str  # the summary as plain text, for keyword filtering
    categories: tuple[str, ...]
    image: str | None
    published: datetime | None
    published_raw: str | None
    mojibake: str | None = None  # a sample of mis-decoded text, when seen


@dataclass(frozen=True)
class ParsedFeed:
    title: str
    version: str
    entries: tuple[Entry, ...]
    warnings: tuple[str, ...] = ()


class ParseFailure(Exception):
    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message

    def __reduce__(self):
        # raised in parse worker processes: pickle must rebuild it from both arguments, not from `args` alone
        return type(self), (self.kind, self.message)


_SURVIVABLE = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def parse_feed(body: bytes, headers: Mapping[str, str], url: str, tz: tzinfo) -> ParsedFeed:
    """Entries of the feed in `body`; raises ParseFailure when the source gave nothing usable."""
    if not body.strip():
        raise ParseFailure("empty", "máy chủ trả về nội dung rỗng")
    body, notes = text.repair_bytes(body)
    warnings = list(notes)
    lower = {k.lower(): v for k, v in headers.items()}
    lower.setdefault("content-location", url)
    result = feedparser.parse(body, response_headers=lower, sanitize_html=False, resolve_relative_uris=False)
    raw_entries = list(result.get("entries") or [])
    version = result.get("version") or ""

    if result.get("bozo"):
        exc = result.get("bozo_exception")
        if isinstance(exc, _SURVIVABLE):
            warnings.append(reasons.reader_warning(exc))
        elif raw_entries:
            warnings.append(f"XML không hợp lệ ({reasons.xml_problem(exc)}): vẫn giữ {len(raw_entries)} mục đọc được")
        elif _HTML_START.match(body) or (not version and "html" in lower.get("content-type", "")):
            raise ParseFailure("not-a-feed", "máy chủ trả về một trang HTML, không phải feed RSS/Atom")
        else:
            raise ParseFailure("invalid-xml", f"XML không hợp lệ, không đọc được mục nào ({reasons.xml_problem(exc)})")
    if not version and not raw_entries:
        if _HTML_START.match(body) or "html" in lower.get("content-type", ""):
            raise ParseFailure("not-a-feed", "máy chủ trả về một trang HTML, không phải feed RSS/Atom")
        raise ParseFailure("not-a-feed", "nội dung không phải feed RSS/Atom")
    if not raw_entries:
        raise ParseFailure("no-entries", "feed không có mục nào")

    base = lower.get("content-location") or url
    entries: list[Entry] = []
    skipped = 0
    for raw in raw_entries:
        try:
            entries.append(_entry(raw, base, tz))
        except Exception:  # one malformed entry must not sink the feed
            skipped += 1
    if skipped:
        warnings.append(f"bỏ qua {skipped} mục không đọc được")
    if not entries:
        raise ParseFailure("no-entries", "không đọc được mục nào của feed")
    feed = result.get("feed") or {}
    title = text.plain_text(feed.get("title", ""), (feed.get("title_detail") or {}).get("type"))
    return ParsedFeed(title=title, version=version, entries=tuple(entries), warnings=tuple(warnings))


def _str(value) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


def _entry(raw, base: str, tz: tzinfo) -> Entry:
    detail = raw.get("title_detail") or {}
    title = text.plain_text(raw.get("title") or "", detail.get("type"))

    summary_html = ""
    summary_detail = raw.get("summary_detail") or {}
    if _str(raw.get("summary")):
        summary_html = raw["summary"]
        if summary_detail.get("type") == "text/plain":
            summary_html = _escape(summary_html)
    else:
        for content in raw.get("content") or ():
            if _str(content.get("value")):
                summary_html = content["value"]
                if content.get("type") == "text/plain":
                    summary_html = _escape(summary_html)
                break
    summary = sanitize.sanitize_html(summary_html, base)
    summary_text = text.html_to_text(summary) if summary else ""

    categories: list[str] = []
    for tag in raw.get("tags") or ():
        term = text.one_line(tag.get("term") or tag.get("label") or "")
        if term and term not in categories:
            categories.append(term)

    # An empty <pubDate/> (or Atom <published/>) is no date at all: the item's dc:date/<updated> is then its date.
    date_raw = _str(raw.get("published")) or _str(raw.get("updated"))
    date_raw = text.one_line(date_raw) if date_raw else None
    published = dates.parse_date(date_raw, tz)

    link = sanitize.absolute_http_url(_str(raw.get("link")), base)
    guid = _str(raw.get("id"))
    mojibake = text.mojibake_sample(title) or text.mojibake_sample(summary_text)
    return Entry(
        guid=text.one_line(guid) if guid else None,
        link=link,
        title=title,
        summary=summary,
        summary_text=summary_text,
        categories=tuple(categories),
        image=_image(raw, base, summary),
        published=published,
        published_raw=date_raw,
        mojibake=mojibake,
    )


def _escape(value: str) -> str:
    import html
    return html.escape(value, quote=False)


def _image(raw, base: str, summary: str) -> str | None:
    """The lead image: media:content / media:thumbnail / an image enclosure, else the summary's first image."""
    candidates: list[str | None] = []
    for media in raw.get("media_content") or ():
        if media.get("medium") == "image" or (media.get("type") or "").startswith("image/"):
            candidates.append(media.get("url"))
    for thumb in raw.get("media_thumbnail") or ():
        candidates.append(thumb.get("url"))
    for enclosure in raw.get("enclosures") or ():
        if (enclosure.get("type") or "").startswith("image/"):
            candidates.append(enclosure.get("href"))
    match = _IMG_SRC.search(summary)
    if match:
        candidates.append(text.html_to_text(match.group(1)))
    for candidate in candidates:
        url = sanitize.absolute_http_url(candidate, base)
        if url:
            return url
    return None
