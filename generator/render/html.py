"""Hostile text made safe for pages: URL scheme allowlist and re-sanitized feed HTML."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

import nh3


def _escape_plain(text: str) -> str:
    """``str(markupsafe.escape(text))`` for a str: & < > " ' as entities, the same ones Jinja writes."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&#34;")
            .replace("'", "&#39;"))


# escape_text(text) -> str: the same, by markupsafe's own C escaping of a str when it has one (markupsafe 3), without
# wrapping the result in Markup (a third of escape()'s time); chosen once here, not on every call.
try:
    from markupsafe import _escape_inner as escape_text
except ImportError:  # pragma: no cover - markupsafe < 3
    escape_text = _escape_plain


FEED_TAGS = {"p", "br", "a", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote", "span"}


# What urlsplit() surely reads as http(s) with a host: the scheme, then an ASCII host name and port, then the end or
# the path, query or fragment (nearly every feed link: 10x faster than urlsplit; the rest go the long way).
_PLAIN_HTTP = re.compile(r"https?://[a-z0-9.-]+(?::[0-9]*)?(?:[/?#]|\Z)", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)  # the same links are checked on week pages, the frequency log, campaigns, search
def safe_url(url: str | None) -> str:
    """``url`` if it is an absolute http(s) URL, else "" (no javascript:, data:, or relative surprises)."""
    if not url:
        return ""
    url = url.strip()
    if _PLAIN_HTTP.match(url):
        return url
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return url


# Built once: nh3.clean() builds its sanitizer from the arguments on every call, twice the time of the cleaning
# itself for a feed summary (20,000 of them at five years of archive).
_FEED_CLEANER = nh3.Cleaner(
    tags=FEED_TAGS,
    attributes={"a": {"href", "title"}},
    url_schemes={"http", "https"},
    link_rel="noopener nofollow external",
    strip_comments=True,
)


# A link left with nothing inside: most Vietnamese papers open a summary with <a href=…><img …></a>, and without the
# image that is a link with no name (WCAG 2.4.4, 4.1.2) and an empty stop for the keyboard. In nh3's output every
# tag is well formed, so the pattern sees whole tags.
_EMPTY_LINK = re.compile(r"<a\s[^>]*>(?:\s|&nbsp;)*</a>")


def clean_feed_html(html: str) -> str:
    """Feed summaries: text formatting and http(s) links only. Images are dropped: every picture from a
    newspaper's server would be a third-party request from a citizen's phone; a link that only held an image goes
    with it. Safe HTML, as a str for the code that puts it into a page (cards.py)."""
    if not html:
        return ""
    known = _known_clean(html) if _KNOWN_REST else None
    return _sanitized(html) if known is None else known


def _sanitized(html: str) -> str:
    """What ``clean_feed_html`` gives, always by nh3."""
    clean = _FEED_CLEANER.clean(html)
    if "</a>" in clean:
        clean = _EMPTY_LINK.sub("", clean)
    return clean


# nh3's answer, known without asking it, for the shapes nearly every feed sends (all 289 summaries of the real
# Vietnamese feeds as fetched; nh3 is half the time of a week page's feed cards): an optional lead image, linked or
# not, which goes; then text, <br> and whole <p>…</p> paragraphs without attributes, and only the four entities nh3
# itself writes. Anything else (another tag, a quote left open, a bare & or <, a NUL, a CR) goes to nh3. What this
# returns has no tag but <br>, <p> and </p> and no entity but those four, so it is safe whatever the input; that it is
# exactly nh3's text is tested against nh3 on the real feeds and on hundreds of thousands of hostile variants.
_WS = "[ \t\n\f]"  # HTML's whitespace inside a tag; \s would also take \x1c-\x1f and U+0085, which are not
_ATTRS = (rf"""(?:{_WS}++[^ \t\n\f"'<>/=]++(?:{_WS}*+={_WS}*+(?:"[^"<>]*+"|'[^'<>]*+'|[^ \t\n\f"'<>=`]++))?+)*+"""
          rf"{_WS}*+")
_TEXT = rf"(?:[^<>&\0\r\xa0]++|&(?:amp|lt|gt|nbsp);|<br{_WS}*+/?>)*+"
_BR = re.compile(rf"<br{_WS}*/?>")
try:
    # Inside the link \s as in _EMPTY_LINK, which removes such a link from nh3's output.
    _LEAD_IMAGE = re.compile(rf"({_WS}*+)(?:<a{_ATTRS}>\s*+<img{_ATTRS}/?>\s*+</a>|<img{_ATTRS}/?>)")
    _KNOWN_REST = re.compile(rf"(?:{_TEXT}|(?:{_WS}*+<p>{_TEXT}</p>)++{_WS}*+)\Z")
except re.error:  # pragma: no cover - Python 3.10 has no possessive *+ ++, without which a hostile summary could
    _LEAD_IMAGE = _KNOWN_REST = None  # make these patterns backtrack for ages: there every summary goes to nh3


def _known_clean(html: str) -> str | None:
    """nh3's answer for ``html`` (see above), or None when it takes nh3 to know."""
    lead = _LEAD_IMAGE.match(html)
    if lead:
        keep = lead.group(1)
        html = html[lead.end():]
    else:
        keep = ""
    if "<" in html or "&" in html or ">" in html or "\r" in html or "\0" in html or "\xa0" in html:
        if not _KNOWN_REST.match(html):
            return None
        if "<br" in html:
            html = _BR.sub("<br>", html)
    return keep + html if keep else html
