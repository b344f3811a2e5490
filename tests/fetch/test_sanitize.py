"""Hostile feed content: what feedparser's own sanitizer lets through must not reach the archive."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest

from generator.fetch.parse import parse_feed
from generator.fetch.sanitize import absolute_http_url, sanitize_html

FEED_URL = "https://bao.example.vn/rss/chuyen-doi-so.rss"

ATTACKS = {
    "entity-encoded javascript: link": '<a href="jav&#x61;script:alert(1)">bấm</a>',
    "tab inside javascript:": '<a href="java&#x09;script:alert(1)">bấm</a>',
    "upper-case scheme": '<a href=" JAVASCRIPT:alert(1)">bấm</a>',
    "form action": '<form action="javascript:alert(1)"><input name="q"><button>Gửi</button></form>',
    "svg xlink:href": '<svg><a xlink:href="javascript:alert(1)"><text>bấm</text></a></svg>',
    "img src javascript:": '<img src="javascript:alert(1)">',
    "event handler": '<img src="https://a.vn/x.jpg" onerror="alert(1)"><p onclick="alert(1)">x</p>',
    "script": "<script>alert(1)</script>",
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "data: url": '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    "style": '<p style="background:url(javascript:alert(1))">x</p><style>*{}</style>',
}


class _Audit(HTMLParser):
    """Everything in sanitized HTML that a browser could run or submit."""

    FORBIDDEN_TAGS = {"script", "style", "iframe", "form", "input", "button", "svg", "math", "object", "embed"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.FORBIDDEN_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on") or name in {"style", "action", "formaction"} or ":" in name:
                self.found.append(f"{tag}[{name}]")
            if name in {"href", "src", "cite"} and not (value or "").startswith(("http://", "https://")):
                self.found.append(f"{tag}[{name}={value!r}]")


def _dangerous(html: str) -> list[str]:
    audit = _Audit()
    audit.feed(html)
    audit.close()
    return audit.found


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_sanitizer_removes_attack(name):
    out = sanitize_html(ATTACKS[name], FEED_URL)
    assert _dangerous(out) == [] and "javascript:" not in out.lower()


@pytest.mark.parametrize("name", sorted(ATTACKS))
def test_attack_in_a_real_feed_does_not_reach_the_entry(name):
    """Through the whole path (bytes -> feedparser -> entry), with the payload escaped and in CDATA."""
    payload = ATTACKS[name]
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    body = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>t</title>
<item><title>Một</title><guid>1</guid><description>{escaped}</description></item>
<item><title>Hai</title><guid>2</guid><description><![CDATA[{payload}]]></description></item>
<item><title>Ba</title><guid>3</guid><content:encoded><![CDATA[{payload}]]></content:encoded></item>
</channel></rss>""".encode()
    feed = parse_feed(body, {"content-type": "application/rss+xml"}, FEED_URL, ZoneInfo("Asia/Ho_Chi_Minh"))
    assert len(feed.entries) == 3
    for entry in feed.entries:
        assert _dangerous(entry.summary) == [], entry.summary
        assert entry.image is None or entry.image.startswith("https://")


def test_safe_markup_and_links_are_kept_and_relative_links_resolved():
    html = ('<p>Đọc <a href="/tin/1.html">tin</a> và <a href="//cdn.example.vn/a">ảnh</a> '
            '<img src="anh.jpg" alt="Ảnh"></p><ul><li><strong>một</strong></li></ul>')
    out = sanitize_html(html, FEED_URL)
    assert 'href="https://bao.example.vn/tin/1.html"' in out
    assert 'href="https://cdn.example.vn/a"' in out
    assert 'src="https://bao.example.vn/rss/anh.jpg"' in out
    assert "<strong>một</strong>" in out and "<li>" in out
    assert re.search(r'rel="[^"]*noopener', out)


def test_only_http_urls_with_a_host_pass():
    assert absolute_http_url("mailto:a@b.vn") is None
    assert absolute_http_url("ftp://a.vn/x") is None
    assert absolute_http_url("http:///x") is None
    assert absolute_http_url("/x", "https://a.vn/rss") == "https://a.vn/x"
    assert absolute_http_url("https://a.vn/x\n") == "https://a.vn/x"


def test_titles_are_plain_text_with_markup_removed():
    body = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><guid>1</guid><title>&lt;script&gt;alert(1)&lt;/script&gt;Tin &lt;b&gt;n\xc3\xb3ng&lt;/b&gt;</title></item>
<item><guid>2</guid><title><![CDATA[<img src=x onerror=alert(1)>Tin hai]]></title></item>
</channel></rss>"""
    feed = parse_feed(body, {}, FEED_URL, ZoneInfo("Asia/Ho_Chi_Minh"))
    assert [e.title for e in feed.entries] == ["Tin nóng", "Tin hai"]
