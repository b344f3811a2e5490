"""Item identity, duplicates and keyword filtering."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from generator.fetch.filter import compile_keywords, fold, matches
from generator.fetch.identity import canonical_link, item_id
from generator.fetch.merge import Candidate, merge
from generator.fetch.parse import Entry
from generator.core.sources import Source

HCM = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize("url, expected", [
    ("https://Bao.VN/a.html?utm_source=rss&utm_medium=feed#top", "https://bao.vn/a.html"),
    ("https://bao.vn/a.html?id=3&utm_campaign=x&fbclid=1", "https://bao.vn/a.html?id=3"),
    ("https://bao.vn:443/a.html", "https://bao.vn/a.html"),
    ("http://bao.vn:8080/a", "http://bao.vn:8080/a"),
    ("https://bao.vn", "https://bao.vn/"),
])
def test_canonical_link(url, expected):
    assert canonical_link(url) == expected


def test_id_prefers_guid_then_link_then_hash():
    assert item_id(" guid-1 ", "https://a.vn/x", "T", None) == "guid-1"
    assert item_id(None, "https://a.vn/x?utm_source=a#f", "T", None) == "https://a.vn/x"
    h1 = item_id(None, None, "Tiêu đề", "28/05/2026")
    assert h1 == item_id(None, None, "Tiêu đề", "28/05/2026") and h1.startswith("sha256:")
    assert h1 != item_id(None, None, "Tiêu đề", "29/05/2026")
    assert item_id(None, None, "", None) is None


@pytest.mark.parametrize("keyword, text, hit", [
    ("chuyen doi so", "Đẩy mạnh Chuyển đổi số", True),
    ("chuyển đổi số", "CHUYỂN  ĐỔI   SỐ toàn tỉnh", True),
    ("Chuyển Đổi Số", "chuyen-doi-so", True),
    ("dak nong", "Đắk Nông", True),
    ("chuyển đổi số", "CHUYỂN \u00d0ỔI SỐ", True),  # Ð (eth), as text from old VNI/TCVN3 fonts writes Đ
    ("Đắk Nông", "\u0189ắk Nông", True),  # Ɖ, another letter that looks like Đ
    ("so", "soạn thảo", False),
    ("chuyen doi so", "chuyển đổi", False),
])
def test_keywords_match_accent_insensitively_on_whole_words(keyword, text, hit):
    assert matches(compile_keywords([keyword]), text, "", ()) is hit


def test_keywords_look_at_summary_and_categories_and_no_keywords_keep_all():
    patterns = compile_keywords(["chuyển đổi số"])
    assert matches(patterns, "Tin", "bài về chuyển đổi số", ())
    assert matches(patterns, "Tin", "", ("Chuyển đổi số",))
    assert not matches(patterns, "Tin", "", ("Kinh tế",))
    assert matches((), "bất kỳ", "", ())
    assert fold("Đắk Nông") == "dak nong"


def _entry(title: str, link: str | None = None, summary: str = "", published=None, raw=None) -> Entry:
    return Entry(guid=None, link=link, title=title, summary=summary, summary_text=summary, categories=(),
                 image=None, published=published, published_raw=raw)


def test_merge_never_erases_known_values_and_matches_by_link():
    source = Source("bao", "Báo", "https://bao.vn/rss", "bao")
    t1, t2 = datetime(2025, 1, 1, tzinfo=HCM), datetime(2025, 1, 2, tzinfo=HCM)
    dated = datetime(2024, 12, 31, 8, 0, tzinfo=HCM)
    first = merge([], [Candidate("g1", _entry("Tin", "https://bao.vn/1", "Tóm tắt", dated, "31/12/2024 08:00"))],
                  source, t1)
    # the feed now sends the same article with a new guid, no summary and an unreadable date
    second = merge(first.items, [Candidate("g1-new", _entry("Tin (sửa)", "https://bao.vn/1?utm_source=x", "",
                                                            None, "hôm qua"))], source, t2)
    assert (second.new, second.updated) == (0, 1)
    (item,) = second.items
    assert item.id == "g1" and item.title == "Tin (sửa)" and item.summary == "Tóm tắt"
    assert item.published == dated and item.published_raw == "31/12/2024 08:00"
    assert item.first_seen == t1 and item.last_seen == t2
