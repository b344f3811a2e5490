"""The weekly reading script: which items are read, in what order, what is said, how long it takes; its settings."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from generator.radio.script import RadioItem, build_script
from generator.radio.settings import RadioSettings, read_settings
from generator.radio.spoken import syllables

WEEK = "2026-W42"  # Monday 12/10/2026 to Sunday 18/10/2026


def item(day: int, headline: str, summary: str = "", source: str = "Báo Đắk Nông", month: int = 10) -> RadioItem:
    return RadioItem(headline, summary, date(2026, month, day), source)


ITEMS = [
    item(15, "Hơn 1.250 hộ dùng dịch vụ công trực tuyến",
         "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 62,5%, tăng 15% so với quý III."),
    item(13, "Xã Quảng Tín ra mắt Tổ CNSCĐ",
         "<p>Ngày 13/10/2026, UBND xã ra mắt 12 tổ với 85 thành viên, hướng dẫn bà con cài <b>VNeID</b>.</p>",
         source="Chuyên trang CĐS"),
    item(11, "Tin của tuần trước"),      # Sunday of week 41
    item(19, "Tin của tuần sau"),        # Monday of week 43
]


def test_items_of_the_week_read_in_the_weeks_order_with_numbered_sections():
    script = build_script(WEEK, ITEMS)
    assert (script.start, script.end) == (date(2026, 10, 12), date(2026, 10, 18))
    assert [s.item.headline for s in script.sections] == ["Xã Quảng Tín ra mắt Tổ CNSCĐ",
                                                          "Hơn 1.250 hộ dùng dịch vụ công trực tuyến"]
    assert script.left_out == 0
    first, second = script.sections
    assert first.headline == "Xã Quảng Tín ra mắt Tổ công nghệ số cộng đồng"
    # the feed's markup is gone, the numbers and names are words
    assert first.summary == ("Ngày mười ba tháng mười năm hai nghìn không trăm hai mươi sáu, ủy ban nhân dân xã ra "
                             "mắt mười hai tổ với tám mươi lăm thành viên, hướng dẫn bà con cài vê en ê ai đi.")
    assert first.spoken.startswith("Tin thứ nhất. Xã Quảng Tín ra mắt Tổ công nghệ số cộng đồng. Ngày mười ba")
    assert first.spoken.endswith("Theo Chuyên trang chuyển đổi số.")
    assert second.spoken.startswith("Tin thứ hai. Hơn một nghìn hai trăm năm mươi hộ")
    assert "sáu mươi hai phẩy năm phần trăm" in second.summary and "quý ba" in second.summary
    assert not any(ch.isdigit() for ch in script.spoken)


def test_default_opening_and_closing_name_the_week_and_are_spoken():
    script = build_script(WEEK, ITEMS)
    assert script.opening == ("Kính thưa bà con nhân dân! Sau đây là bản tin chuyển đổi số tuần bốn mươi hai năm "
                              "hai nghìn không trăm hai mươi sáu, từ ngày mười hai tháng mười năm hai nghìn không "
                              "trăm hai mươi sáu đến ngày mười tám tháng mười năm hai nghìn không trăm hai mươi sáu.")
    assert script.closing.startswith("Kính thưa bà con! Bản tin chuyển đổi số tuần này đến đây là kết thúc.")
    paragraphs = script.spoken.strip().split("\n\n")
    assert paragraphs[0] == script.opening and paragraphs[-1] == script.closing and len(paragraphs) == 4


def test_printable_text_keeps_what_the_editors_wrote():
    text = build_script(WEEK, ITEMS).printable
    assert text.startswith("BẢN TIN PHÁT THANH CHUYỂN ĐỔI SỐ: TUẦN 42 NĂM 2026\n"
                           "Từ ngày 12/10/2026 đến ngày 18/10/2026\n")
    assert "1. Xã Quảng Tín ra mắt Tổ CNSCĐ\n   (13/10/2026, Chuyên trang CĐS)\n" in text
    assert "2. Hơn 1.250 hộ dùng dịch vụ công trực tuyến\n   (15/10/2026, Báo Đắk Nông)\n" in text
    assert "<p>" not in text and "cài VNeID." in text
    assert "tuần 42 năm 2026, từ ngày 12/10/2026 đến ngày 18/10/2026." in text
    assert "Tin của tuần" not in text


def test_reading_time_counts_the_spoken_syllables_at_the_set_rate():
    script = build_script(WEEK, ITEMS)
    t = script.reading_time
    assert t.syllables == syllables(script.spoken) > 150
    assert t.rate == 160
    assert t.seconds == pytest.approx(t.syllables * 60 / 160)
    assert t.low == pytest.approx(t.syllables * 60 / 170)
    # the top of the range also allows for pauses at punctuation: audio made from this text may run past the
    # syllables alone, and the printed range must still hold it
    marks = script.spoken.count(".") + script.spoken.count(",")
    assert marks > 10 and t.high > t.syllables * 60 / 150 + marks * 0.2
    assert script.printable.splitlines()[2] == f"Thời lượng đọc: {t.describe()}"
    slow = build_script(WEEK, ITEMS, RadioSettings(syllables_per_minute=130)).reading_time
    assert slow.seconds == pytest.approx(t.seconds * 160 / 130)


def test_a_full_week_keeps_the_newest_items_and_says_how_many_were_left_out():
    many = [item(12 + i % 7, f"Tin số {i}") for i in range(14)]
    script = build_script(WEEK, many, RadioSettings(max_items=5))
    days = [s.item.date for s in script.sections]
    assert len(days) == 5 and script.left_out == 9
    # two a day: the newest five are Sunday's two, Saturday's two and one of Friday's
    assert days == [date(2026, 10, 16)] + [date(2026, 10, 17)] * 2 + [date(2026, 10, 18)] * 2
    # the same items in another order give the same script
    assert build_script(WEEK, list(reversed(many)), RadioSettings(max_items=5)) == script


def test_a_week_without_items_still_has_its_opening_and_closing():
    script = build_script(WEEK, [])
    assert script.sections == () and "(Tuần này chưa có tin để đọc.)" in script.printable
    assert script.spoken.strip().split("\n\n") == [script.opening, script.closing]


def test_datetimes_count_by_their_own_date():
    late = RadioItem("Tin đêm Chủ nhật", "", datetime(2026, 10, 18, 23, 30, tzinfo=timezone(timedelta(hours=7))),
                     "Đài")
    assert [s.item.headline for s in build_script(WEEK, [late]).sections] == ["Tin đêm Chủ nhật"]


def test_not_a_week_id_is_refused():
    with pytest.raises(ValueError, match="mã tuần không hợp lệ"):
        build_script("2026-10", ITEMS)


def test_settings_change_what_is_said():
    settings, problems = read_settings({
        "opening": "Alô alô! Bản tin tuần {tuan} của xã Quảng Tín.",
        "closing": "Hết bản tin.",
        "zero_tens": "lẻ",
        "readings": {"CĐS": "chuyển đổi số quốc gia", "Quảng Tín": "Quảng Tín thân yêu"},
    })
    assert problems == []
    script = build_script(WEEK, [item(13, "105 hộ ở Quảng Tín học CĐS")], settings)
    assert script.opening == "Alô alô! Bản tin tuần bốn mươi hai của xã Quảng Tín thân yêu."
    assert script.sections[0].headline == "một trăm lẻ năm hộ ở Quảng Tín thân yêu học chuyển đổi số quốc gia"
    assert script.closing == "Hết bản tin."


def test_every_settings_problem_is_reported_with_its_line():
    lines = {("opening",): 3, ("syllables_per_minute",): 4, ("colour",): 5, ("readings", "AI"): 7,
             ("audio", "command"): 9, ("audio", "format"): 10}
    settings, problems = read_settings({
        "opening": "Bản tin tuần {tuần}",
        "syllables_per_minute": 400,
        "colour": "đỏ",
        "readings": {"AI": "", "5G": "5 gờ"},
        "audio": {"command": "espeak-ng -v vi {text_file}", "format": "wav"},
        "zero_tens": "lẽ",
    }, path="mkdocs.yml", line=lambda *keys: lines.get(keys))
    messages = [str(p) for p in problems]
    assert "mkdocs.yml:5: khóa không được hỗ trợ trong radio: 'colour' (có thể dùng: opening, closing, " \
           "syllables_per_minute, max_items, zero_tens, thousand, readings, audio)" in messages
    assert any(m.startswith("mkdocs.yml:3: radio: opening: không có chỗ điền '{tuần}'") for m in messages)
    assert "mkdocs.yml:4: radio: syllables_per_minute phải là số nguyên từ 120 đến 200, không phải '400'" in messages
    assert "mkdocs.yml:7: radio: readings: 'AI' cần cả cách viết và cách đọc" in messages
    assert any("'5G' phải viết bằng chữ" in m for m in messages)
    assert any(m.startswith("mkdocs.yml:9: radio: audio: command phải có {text_file}") for m in messages)
    assert "mkdocs.yml:10: radio: audio: format phải là mp3 hoặc ogg, không phải 'wav'" in messages
    assert any("zero_tens phải là một trong: linh, lẻ" in m for m in messages)
    assert len(problems) == 8
    assert settings == RadioSettings()  # nothing half-applied: every bad value kept its default
