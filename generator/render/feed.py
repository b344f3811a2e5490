"""``/feed.xml``: RSS 2.0 of the site's own articles, newest first."""
from __future__ import annotations

import re
from email.utils import format_datetime
from html import escape as html_escape
from xml.sax.saxutils import escape, quoteattr

from generator.core.articles import Article

LIMIT = 50
# Characters no XML 1.0 document may hold, even escaped: C0 controls but tab and line ends, lone surrogates, U+FFFE
# and U+FFFF. One of them anywhere (an article body's control character reaches the description) and readers refuse
# the whole feed.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_document(text: str) -> str:
    """``text``, an XML document this build writes, without the characters XML 1.0 forbids: every XML file the build
    writes passes through here."""
    return _NOT_XML.sub("", text)


def rss(site_name: str, site_url: str, description: str, articles: list[Article], category_names: dict[str, str]) -> str:
    base = site_url or "/"
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"<title>{escape(site_name)}</title>",
        f"<link>{escape(base)}</link>",
        f"<description>{escape(description or site_name)}</description>",
        "<language>vi</language>",
    ]
    if site_url:
        out.append(f'<atom:link href={quoteattr(site_url + "feed.xml")} rel="self" type="application/rss+xml"/>')
    if articles:
        out.append(f"<lastBuildDate>{format_datetime(articles[0].date)}</lastBuildDate>")
    for a in articles[:LIMIT]:
        link = base + a.url
        out += [
            "<item>",
            f"<title>{escape(a.title)}</title>",
            f"<link>{escape(link)}</link>",
            f'<guid isPermaLink="true">{escape(link)}</guid>',
            f"<pubDate>{format_datetime(a.date)}</pubDate>",
            f"<category>{escape(category_names.get(a.category, a.category))}</category>",
        ]
        if a.author:
            out.append(f"<author>{escape(a.author)}</author>" if "@" in a.author else "")
        # Readers show an item's description as HTML: the summary is text, so it is written as HTML text first
        out += [f"<description>{escape(html_escape(a.summary, quote=False))}</description>", "</item>"]
    out += ["</channel>", "</rss>", ""]
    return xml_document("\n".join(x for x in out if x))
