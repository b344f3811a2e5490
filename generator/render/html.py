"""Hostile text made safe for pages: URL scheme allowlist and re-sanitized feed HTML."""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urlsplit

import markupsafe
import nh3


def escape_text(text: str) -> str:
    """``text`` with & < > " ' as the entities Jinja writes: markupsafe's own escaping, the one the templates use."""
    return str(markupsafe.escape(text))


FEED_TAGS = {"p", "br", "a", "strong", "em", "b", "i", "u", "ul", "ol", "li", "blockquote", "span"}


@lru_cache(maxsize=1 << 16)  # the same links are checked on week pages, the frequency log, campaigns, search
def safe_url(url: str | None) -> str:
    """``url`` if it is an absolute http(s) URL, else "" (no javascript:, data:, or relative surprises)."""
    if not url:
        return ""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return url


# Built once: nh3.clean() builds its sanitizer from the arguments on every call, which costs more than cleaning
# one feed summary.
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
    clean = _FEED_CLEANER.clean(html)
    if "</a>" in clean:
        clean = _EMPTY_LINK.sub("", clean)
    return clean
