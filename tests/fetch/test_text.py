"""Encodings and text as real feeds send them."""

from __future__ import annotations

import unicodedata
from zoneinfo import ZoneInfo

import pytest

from generator.fetch.parse import parse_feed
from generator.fetch.text import mojibake_sample, repair_bytes

HCM = ZoneInfo("Asia/Ho_Chi_Minh")
TITLE = "Chuyển đổi số: Đắk Nông ưu tiên"


def _feed(title_xml: str, declaration: str = '<?xml version="1.0" encoding="utf-8"?>') -> str:
    return (f'{declaration}<rss version="2.0"><channel><title>t</title><item><guid>1</guid>'
            f"<title>{title_xml}</title></item></channel></rss>")


def _title(body: bytes, headers=None) -> str:
    return parse_feed(body, headers or {}, "https://a.vn/rss", HCM).entries[0].title


def test_utf8_bom():
    assert _title(b"\xef\xbb\xbf" + _feed(TITLE).encode("utf-8")) == TITLE


def test_utf16_declaration_over_utf8_bytes():
    body = _feed(TITLE, '<?xml version="1.0" encoding="utf-16"?>').encode("utf-8")
    fixed, notes = repair_bytes(body)
    assert b'encoding="utf-8"' in fixed and notes
    feed = parse_feed(body, {}, "https://a.vn/rss", HCM)
    assert feed.entries[0].title == TITLE
    assert any("utf-16" in w for w in feed.warnings)


def test_real_utf16_is_left_alone():
    body = _feed(TITLE, '<?xml version="1.0" encoding="utf-16"?>').encode("utf-16")
    assert repair_bytes(body) == (body, ())
    assert _title(body) == TITLE


def _cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed where the code page has them, tones combining."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            while marks and len(unicodedata.normalize("NFC", base + marks[0])) == 1:
                try:
                    unicodedata.normalize("NFC", base + marks[0]).encode("cp1258")
                except UnicodeEncodeError:
                    break
                base = unicodedata.normalize("NFC", base + marks.pop(0))
            out += (base + "".join(marks)).encode("cp1258")
    return out


def test_cp1258_decomposed_tones_become_nfc():
    body = _cp1258(_feed(TITLE, '<?xml version="1.0" encoding="windows-1258"?>'))
    assert b"\xcc" in body or b"\xd2" in body or b"\xde" in body or b"\xec" in body or b"\xf2" in body
    title = _title(body)
    assert title == TITLE and unicodedata.is_normalized("NFC", title)


def test_nfd_input_is_normalized():
    assert _title(_feed(unicodedata.normalize("NFD", TITLE)).encode()) == TITLE


@pytest.mark.parametrize("xml, expected", [
    ("Sau loạt b&amp;#225;n giải chấp", "Sau loạt bán giải chấp"),  # entity escaped once more in XML
    ("<![CDATA[Sau loạt b&#225;n giải chấp]]>", "Sau loạt bán giải chấp"),  # entity inside CDATA
    ("Tom &amp;amp; Jerry", "Tom & Jerry"),  # decoded once, not twice
    ("<![CDATA[A &amp;lt;b&amp;gt; B]]>", "A &lt;b&gt; B"),
    ("5 &lt; 6", "5 < 6"),
    ("  nhiều   \n khoảng   trắng ", "nhiều khoảng trắng"),
])
def test_entities_are_decoded_exactly_once(xml, expected):
    assert _title(_feed(xml).encode()) == expected


@pytest.mark.parametrize("text, bad", [
    ("Chuyá»ƒn Ä‘á»•i sá»‘", True),
    ("Äáº¯k NÃ´ng", True),
    ("Thá»§ tÆ°á»›ng", True),
    ("Chuyển đổi số", False),
    ("NGÃ BA ĐÀ NẴNG", False),
    ("Café Tây Nguyên", False),
    ("Ã", False),
])
def test_mojibake_detection(text, bad):
    assert (mojibake_sample(text) is not None) is bad


def test_mojibake_is_reported_as_a_warning_by_fetch_path():
    body = _feed("Chuyá»ƒn Ä‘á»•i sá»‘").encode("utf-8")
    entry = parse_feed(body, {}, "https://a.vn/rss", HCM).entries[0]
    assert entry.mojibake
