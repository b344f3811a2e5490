"""Feed cards and evidence tables (written in Python for speed): hostile feed text stays text, only http(s) links are
links, dates are local, and the frequency log's flags read as the auditors expect."""
from __future__ import annotations

from datetime import date, datetime, timezone
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from generator.core.archive import FeedItem
from generator.core.config import Waiver
from generator.core.judge import Entry, PeriodResult
from generator.render.cards import evidence_periods_function, feed_cards_function

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


def test_evidence_periods_show_heading_flags_notes_and_write_links_out():
    periods = evidence_periods_function(TZ)
    entries = (Entry("a", "Bài <1>", "https://x.vn/a?b=1&c=2", LATE_UTC, "content", "chuyen-trang", ("backdated",), False),
               Entry("b", "", "javascript:x", LATE_UTC, "bao", "bao"))
    week = PeriodResult("2024-W19", date(2024, 5, 6), date(2024, 5, 12), 1, "met", None, entries)
    channel = SimpleNamespace(channel=SimpleNamespace(target=SimpleNamespace(min=1.0)), window=("2024-W19",))
    html = str(periods([week], channel, "nhat-ky-tan-suat/kenh/bao/2024/", {"bao": "Báo Thử"},
                       {("content", "a"): "commit đầu tiên 20/05/2024"}, {"backdated": "đăng lùi ngày"},
                       {"2024-W19": "tuan/2024-w19/"}))
    assert html.startswith('<section class="ct-period">\n  <h2 id="ky-2024-w19" class="ct-period-head">Tuần 19/2024 '
                           '(06/05/2024–12/05/2024): <span class="ct-status ct-status--met">đạt</span>, 1 tin bài (chỉ tiêu: 1)</h2>')
    assert ("06/05/2024–12/05/2024 · trong cửa sổ đánh giá · "
            '<a href="../../../../tuan/2024-w19/">chuyên trang tuần này</a>') in html
    assert "<caption>Tin bài 2024-W19</caption>" in html
    first, second = html.split("<tbody>\n")[1].split("    </tr>\n")[:2]
    assert 'class="ct-row--flagged"' in first and "<td>1</td>" in first and "Bài &lt;1&gt;" in first
    assert '<a href="https://x.vn/a?b=1&amp;c=2" rel="noopener nofollow">https://x.vn/a?b=1&amp;c=2</a>' in first
    assert '<span class="ct-flag">đăng lùi ngày</span> <span class="ct-flag ct-flag--nocount">không tính</span>' \
           '<br><small>commit đầu tiên 20/05/2024</small>' in first
    assert "06/05/2024 00:30" in first
    assert "ct-row--flagged" not in second and "<a " not in second and "javascript:x" in second and "Báo Thử" in second

    waived = PeriodResult("2024-W20", date(2024, 5, 13), date(2024, 5, 19), 0, "waived",
                          Waiver("bao", "2024-W20", "Nghỉ lễ <30/4>"), ())
    empty = str(periods([waived], channel, "nhat-ky-tan-suat/kenh/bao/2024/", {}, {}, {}, {}))
    assert "miễn trừ</span>, 0 tin bài (chỉ tiêu: 1) · miễn trừ: Nghỉ lễ &lt;30/4&gt;</h2>" in empty
    assert "<p>Không có tin bài nào trong kỳ này.</p>" in empty and "<table" not in empty
    assert "cửa sổ" not in empty and "chuyên trang tuần này" not in empty


def test_evidence_row_of_an_article_dated_without_a_time_shows_the_date_alone():
    """``date: 2024-05-06`` is read as midnight: "06/05/2024 00:00" would claim a time the editor never wrote."""
    periods = evidence_periods_function(TZ)
    midnight = datetime(2024, 5, 6, tzinfo=TZ)
    entries = (Entry("a", "Bài chỉ có ngày", "https://x.vn/a", midnight, "content", "chuyen-trang"),)
    week = PeriodResult("2024-W19", date(2024, 5, 6), date(2024, 5, 12), 1, "met", None, entries)
    channel = SimpleNamespace(channel=SimpleNamespace(target=SimpleNamespace(min=1.0)), window=("2024-W19",))
    html = str(periods([week], channel, "nhat-ky-tan-suat/kenh/bao/2024/", {}, {}, {}, {}))
    assert ">06/05/2024</time>" in html and "00:00</time>" not in html
