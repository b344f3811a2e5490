"""Feed cards and evidence rows (written in Python for speed): hostile feed text stays text, only http(s) links are
links, dates are local, and the frequency log's flags read as the auditors expect."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from generator.archive import FeedItem
from generator.judge import Entry
from generator.render.cards import evidence_rows_function, feed_cards_function

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LATE_UTC = datetime(2024, 5, 5, 17, 30, tzinfo=timezone.utc)  # Monday 06/05 00:30 in Việt Nam


def item(**kw) -> FeedItem:
    base = dict(id="x", source="bao", source_name="Báo <Thử>", channel="bao", title="Tiêu đề", link="https://bao.vn/a",
                published=LATE_UTC, published_raw=None, summary="", categories=(), image=None, first_seen=LATE_UTC,
                last_seen=LATE_UTC)
    return FeedItem(**{**base, **kw})


def test_feed_card_escapes_text_sanitizes_summary_and_links_only_http():
    cards = feed_cards_function(TZ)
    html = str(cards([item(title='<img src=x onerror="alert(1)">', summary='<p>Tin <script>alert(1)</script>'
                           '<a href="javascript:alert(1)">xấu</a> <b>tốt</b></p>')], "h4"))
    assert "<img" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert "<script" not in html and "javascript:" not in html and "<b>tốt</b>" in html
    assert '<h4 class="ct-card__title"><a href="https://bao.vn/a" rel="noopener nofollow external">' in html
    assert "Báo &lt;Thử&gt;" in html
    assert '<time datetime="2024-05-06T00:30:00+07:00">06/05/2024</time>' in html  # local day, not the UTC one
    unsafe = str(cards([item(link="javascript:alert(1)", title="", published=None)]))
    assert "<a " not in unsafe and "(không có tiêu đề)" in unsafe and "chưa rõ ngày đăng" in unsafe
    assert '<h3 class="ct-card__title">' in unsafe  # the default heading
    two = str(cards([item(id="1", title="Một"), item(id="2", title="Hai")], "h4"))
    assert two.count('<article class="ct-card ct-card--feed">') == 2 and two.index("Một") < two.index("Hai")
    assert str(cards([])) == ""


def test_evidence_rows_show_flags_notes_and_write_links_out():
    rows = evidence_rows_function(TZ)
    entries = (Entry("a", "Bài <1>", "https://x.vn/a?b=1&c=2", LATE_UTC, "content", "chuyen-trang", ("backdated",), False),
               Entry("b", "", "javascript:x", LATE_UTC, "bao", "bao"))
    html = str(rows(entries, {"bao": "Báo Thử"}, {("content", "a"): "commit đầu tiên 20/05/2024"},
                    {"backdated": "đăng lùi ngày"}))
    first, second = html.split("    </tr>\n")[:2]
    assert 'class="ct-row--flagged"' in first and "<td>1</td>" in first and "Bài &lt;1&gt;" in first
    assert '<a href="https://x.vn/a?b=1&amp;c=2" rel="noopener nofollow">https://x.vn/a?b=1&amp;c=2</a>' in first
    assert '<span class="ct-flag">đăng lùi ngày</span> <span class="ct-flag ct-flag--nocount">không tính</span>' \
           '<br><small>commit đầu tiên 20/05/2024</small>' in first
    assert "06/05/2024 00:30" in first
    assert "ct-row--flagged" not in second and "<a " not in second and "javascript:x" in second and "Báo Thử" in second
    assert "Không có tin bài nào" in str(rows((), {}, {}, {}))
