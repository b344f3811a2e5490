"""Links shown on pages: only absolute http(s) URLs with a host, whatever the feed or the hand-edited archive says.
``safe_url`` must answer as the rule written the long way with ``urlsplit`` does."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.render.html import safe_url

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds"


def by_urlsplit(url):
    """The rule, written the long way."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


TRICKY = [
    "https://baolamdong.vn/chuyen-doi-so/a-100.html", "HTTP://BAO.VN", "http://bao.vn:8080/x?y=1#z", "https://bao.vn?q",
    "  https://bao.vn/a  ", "https://bao.vn/a\tb", "https://user:pass@bao.vn/", "https://[::1]/", "https://[::1/",
    "https://bảolâmđồng.vn/", "https://", "https:///path", "http:/bao.vn", "//bao.vn/a", "/bai-viet/a/", "bao.vn",
    "javascript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)", "ht\ttps://bao.vn/", "data:text/html,x",
    "https://bao.vn\\@evil.vn/", "https://-/", "https://bao.vn:port/", "ftp://bao.vn/", "mailto:a@b.vn", "", None,
    "\x00https://bao.vn/", "https://bao.vn\u3002evil/", "https://bao.vn/\u0111\u01b0\u1eddng",
]


@pytest.mark.parametrize("url", TRICKY)
def test_safe_url_answers_as_the_full_check(url):
    assert safe_url(url) == by_urlsplit(url)


def test_safe_url_on_every_link_of_the_real_feeds():
    links = set()
    for f in CORPUS.rglob("*"):
        if f.is_file():
            links.update(re.findall(r"(?:href=[\"']|<link>|<guid[^>]*>)([^\"'<]+)", f.read_text("utf-8", "replace")))
    assert len(links) > 300
    wrong = [u for u in links if safe_url(u) != by_urlsplit(u)]
    assert not wrong
    assert safe_url("https://bao.vn/a") == "https://bao.vn/a" and safe_url("javascript:alert(1)") == ""


def test_escape_text_writes_the_entities_jinja_writes():
    from markupsafe import escape

    from generator.render.html import escape_text

    for text in ["Tin <b>\"nóng\"</b> & 'mới'", "", "Đắk Nông", "&amp; đã có", "<script>alert(1)</script>", "'" * 3]:
        assert escape_text(text) == str(escape(text))
    assert escape_text('<img src=x onerror="alert(1)">') == "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;"


def test_feed_summary_keeps_text_and_links_but_no_image_nor_the_link_left_empty_by_it():
    """The shape of most Vietnamese feeds' summaries (VnExpress, VietnamBiz, Báo Lâm Đồng): a linked lead image, then
    text. Citizens see the text; no picture from the paper's server, and no empty link for screen readers."""
    from generator.render.html import clean_feed_html

    real = ('<a href="https://vnexpress.net/a-4846612.html" rel="noopener noreferrer nofollow"><img height="100" '
            'src="https://i1-vnexpress.vnecdn.net/x.jpg?w=1200&amp;h=0" width="130"></a>Biệt thự Sellgren xây trên '
            'khu đất rộng 1.500 m2, <a href="https://vnexpress.net/b.html">xem thêm</a>.')
    html = str(clean_feed_html(real))
    assert html == ('Biệt thự Sellgren xây trên khu đất rộng 1.500 m2, '
                    '<a href="https://vnexpress.net/b.html" rel="noopener nofollow external">xem thêm</a>.')
    assert str(clean_feed_html('<p><a href="https://bao.vn/x"> &nbsp; </a>Tin <a href="javascript:x">xấu</a></p>')) \
        == "<p>Tin <a rel=\"noopener nofollow external\">xấu</a></p>"
    assert str(clean_feed_html('<a href="https://bao.vn/x" title="a>b"><img src="https://bao.vn/i.jpg"></a>Tin')) == "Tin"


def test_hostile_feed_summaries_are_cleaned():
    from generator.render.html import clean_feed_html

    for hostile, shown in [
        ('<img alt="x>Tin', ""),  # the quote never closes: the whole rest is inside the image, which goes
        ('<a href="x"><img src=1></a><script>alert(1)</script>Tin', "Tin"),
        ("<img src=1>Tin <b onclick=x>đậm</b>", "Tin <b>đậm</b>"),
        ("<img src=1>A & B < C", "A &amp; B &lt; C"),
        ('<p class="x">Tin</p>', "<p>Tin</p>"),
        ("Tin\r\nmới", "Tin\nmới"),
    ]:
        assert clean_feed_html(hostile) == shown
    assert clean_feed_html('<a href="https://bao.vn/a"><img src="i.jpg"></a>Tin &amp; ảnh<br/>mới') \
        == "Tin &amp; ảnh<br>mới"
    assert clean_feed_html("<img src=1>\n<p>Một</p>\n<p>Hai<br>ba</p>\n") == "\n<p>Một</p>\n<p>Hai<br>ba</p>\n"
