"""Summaries re-sanitized with an allowlist (nh3, the Rust `ammonia` sanitizer), whatever the feed sent.

feedparser's own sanitizer keeps `<a href="jav&#x61;script:…">`, `<form action>`, SVG `xlink:href` and
`<img src="javascript:…">`; nh3 parses like a browser (entities decoded before the scheme is checked) and keeps
only what is listed here. Links and images may only be http(s); relative ones are resolved against the feed URL.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

import nh3

from .text import nfc

ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "dl", "dt", "em", "figcaption",
    "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "li", "mark", "ol", "p", "pre", "q", "s",
    "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
})
# Removed with everything inside them (the rest of the unknown tags are unwrapped, their text kept).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "svg", "math", "form", "template",
                                  "noscript", "textarea", "select", "button", "frame", "frameset", "applet"})
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
SCHEMES = frozenset({"http", "https"})
_CONTROL = re.compile(r"[\x00-\x1f]")
_ABSOLUTE = re.compile(r"^https?://", re.I)


def absolute_http_url(value: str | None, base: str | None = None) -> str | None:
    """`value` resolved against `base`, if the result is an http(s) URL with a host; else None."""
    if not value:
        return None
    value = value.strip()
    if _CONTROL.search(value):
        return None
    try:
        url = value if (_ABSOLUTE.match(value) or not base) else urljoin(base, value)
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SCHEMES or not parts.hostname:
        return None
    return url


@lru_cache(maxsize=128)
def _cleaner(base_url: str | None) -> nh3.Cleaner:
    """One compiled sanitizer per feed URL (nh3 resolves relative links itself, no Python callback per link)."""
    return nh3.Cleaner(
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        url_schemes=set(SCHEMES),
        url_relative=("rewrite_with_base", base_url) if base_url else "deny",
        strip_comments=True,
        link_rel="noopener noreferrer nofollow",
    )


def sanitize_html(markup: str, base_url: str | None) -> str:
    """Safe HTML for a summary: allowlisted tags and attributes, http(s) links only, NFC, trimmed."""
    if not markup or not markup.strip():
        return ""
    if base_url and not absolute_http_url(base_url):
        base_url = None
    return nfc(_cleaner(base_url).clean(markup)).strip()
