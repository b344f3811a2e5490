"""Written Vietnamese -> text to be read aloud: what a commune announcer (or a speech engine) says, word for word.

``speak(text, readings)`` spells out numbers, dates, times, percentages, money, units, phone numbers, ordinals,
Roman numerals after "quý", "khóa"... and abbreviations and English names from a reading table the province can
extend; it drops URLs and e-mail addresses (nobody can follow a link heard on a loudspeaker). Pure and deterministic:
the same text and readings give the same words.

Vietnamese conventions (Thông tư 01/2011/TT-BNV for writing numbers in documents): the dot groups thousands
("1.250" = một nghìn hai trăm năm mươi), the comma is the decimal mark ("3,5" = ba phẩy năm). A dot not followed by
groups of exactly three digits is read "chấm", as in "Công nghiệp 4.0".

Numbers, dates and the reading table themselves are in ``generator.radio.numbers``.

Ambiguities and how they are settled, so that the reading never surprises an editor twice:
- "d/m" is a date when written after a date word ("ngày 1/7", "từ 1/7", "sáng 10/10") or with a two-digit part
  ("10/10", "5/12"); "1/2" alone is a fraction ("một phần hai").
- a reading-table key written all in capitals ("AI", "CĐS") matches only capitals: "Ai cũng..." stays Vietnamese;
  any other key ("Zalo", "VNeID") matches in any case.
- an unknown word of 2-5 capitals ("DTI") is spelled letter by letter ("đê tê i"), unless it stands among other
  capitalised words (a headline written in capitals).
"""
from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from generator.radio.numbers import (  # noqa: F401  (Readings, DEFAULT and read_number are this module's API too)
    CODE_LETTERS, DEFAULT, UNITS, Readings, LETTERS, nfc, read_date, read_digits, read_month, read_number, read_numeral,
    read_ordinal)

# ---- the passes ------------------------------------------------------------------------------------------------

_NUM = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])|\d+(?:[.,]\d+)?)"
_URL = re.compile(r"(?i)\b(?:https?://|www\.)[^\s<>\"]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
                  r"|\b(?:[a-z0-9-]+\.)+(?:gov\.vn|com\.vn|edu\.vn|org\.vn|net\.vn|vn|com|org|net|info)\b(?:/[^\s]*)?")
_CONTEXT_PHONE = re.compile(r"(?i)(\b(?:điện thoại|hotline|đường dây nóng|tổng đài|số máy|fax)\b|(?<!\w)S?ĐT\b)"
                            r"(\s*:?\s*)(\+?\d(?:[\d .-]*\d)?)")
# "Nghị định 42/2022/NĐ-CP", "Kế hoạch 125/KH-UBND": "số", the number, "năm" and the year, then the filing code
# spelled as announcers read document codes (consonants by their Vietnamese names: "nờ đê xê pê", "u bê nờ đê"), so
# that two decrees of the same number and year (a Nghị định and a Thông tư) are told apart by ear
_DOC_NUMBER = re.compile(r"(?<![\d.,/])(\d+)(?:/(\d{4}))?/([A-ZĐ]{1,6}(?:-[A-ZĐ][A-Za-zĐđ]{0,7})+)(?![\w-])")
# 1800/1900 hotlines ("1900 1234", "1800.1567", "1900 555 588") are numbers to dial, said digit by digit in groups
_HOTLINE = re.compile(r"(?<![\w.,])(1[89]00)[ .]?(\d{4}(?:\d{2})?|\d{3}[ .]\d{3}|\d{2}[ .]\d{2}[ .]\d{2})(?![\d]|[.,]\d)")
# "50.000 đồng/hộ", "3 lần/tuần": a quantity per unit, "một" as the announcer says it. Only after a number and
# before one of these units, so "cấp xã/phường" or "và/hoặc" keep their meaning (read as a pause).
_PER_UNIT = re.compile(r"(?<=[^\W\d_])/(hộ|người|ngày|tuần|tháng|năm|quý|giờ|phút|giây|lượt|lần|xã|huyện|tỉnh|"
                       r"thôn|trường|lớp|học sinh|máy|thiết bị|tài khoản|hồ sơ|giao dịch|kg|km|m2|ha|con|cái|"
                       r"chiếc|bộ|ca|buổi|km²|m²)(?!\w)")
_DOLLAR = re.compile(r"\$\s?(" + _NUM + ")")
_ISO_DATE = re.compile(r"(?<![\d.,/])(?:(?i:(ngày))\s+)?(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_DATE_RANGE = re.compile(r"(?<![\d.,/])(?:(?i:(ngày))\s+)?(\d{1,2})\s?[-–]\s?(\d{1,2})([/.])(\d{1,2})"
                         r"(?:\4(\d{4}))?(?![\d/])")
_FULL_DATE = re.compile(r"(?<![\d.,/])(?:(?i:(ngày))\s+)?(\d{1,2})([/.-])(\d{1,2})\3(\d{4})(?![\d/.-]\d)")
_MONTH_YEAR = re.compile(r"(?<![\d.,/])(?:(?i:(tháng))\s+)?(\d{1,2})/(\d{4})(?![\d/])")
_DATE_WORDS = r"ngày|hôm|từ|đến|tới|sáng|trưa|chiều|tối|đêm|trước|sau|khoảng"
_DAY_MONTH = re.compile(r"(?<![\d.,/])(?:(?i:(" + _DATE_WORDS + r"))\s+)?(\d{1,2})/(\d{1,2})(?![\d/])")
_CLOCK = re.compile(r"(?<![\d.,:])(\d{1,2}):(\d{2})(?::(\d{2}))?(?![\d:])")
_H_TIME = re.compile(r"(?<![\w.,])(\d{1,2})[hg](\d{2})?'?(?!\w)")
_PHONE = re.compile(r"(?<![\w.,+])(\+84[ .-]?|0)(\d{1,4}(?:[ .-]?\d{2,4}){1,4})(?![\d]|[.,]\d)")
_ROMAN_CONTEXT = re.compile(r"(?i:\b(quý|khóa|khoá|thế kỷ|thế kỉ|kỳ|kì|lần thứ|thứ|chương|phần|mục|giai đoạn|"
                            r"đợt|vòng|tập|đại hội))\s+([IVXLC]+)(?:/(\d{4}))?(?!\w)")
_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ORDINAL = re.compile(r"(?i:\b(thứ))\s+(\d+)(?![\d.,/])")
_MONTH_WORD = re.compile(r"(?i:\b(tháng))\s+(\d{1,2})(?![\d.,/])")
_RANGE = re.compile(r"(?<=\d)\s?[-–—]\s?(?=\d)")
_CAPS = re.compile(r"(?<!\w)([A-ZĐ]{2,5})(?!\w)")
_CAPS_WORD = re.compile(r"^[A-ZĐÀ-ỸƠƯ]{2,}$")


def _say_date(prefix: str | None, text: str) -> str:
    # "ngày 10/10" -> the editor's "ngày" is kept (with its capital), never doubled
    return f"{prefix} {text[len('ngày '):]}" if prefix and text.startswith("ngày ") else text


def _valid(d: int | None, m: int | None, y: int | None = None) -> bool:
    try:
        date(y or 2024, m or 1, d or 1)  # 2024: a leap year, so 29/2 is a date
        return True
    except ValueError:
        return False


def _iso_date(mt: re.Match, r: Readings) -> str:
    y, m, d = int(mt[2]), int(mt[3]), int(mt[4])
    if not _valid(d, m, y):
        return mt[0]
    return _say_date(mt[1], read_date(d=d, m=m, y=y, readings=r))


def _date_range(mt: re.Match, r: Readings) -> str:
    d1, d2, m = int(mt[2]), int(mt[3]), int(mt[5])
    y = int(mt[6]) if mt[6] else None
    if not (_valid(d1, m, y) and _valid(d2, m, y) and d1 < d2):
        return mt[0]
    rest = read_date(d=d2, m=m, y=y, readings=r)
    return f"{mt[1] or 'ngày'} {read_number(d1, r)} đến {rest}"


def _full_date(mt: re.Match, r: Readings) -> str:
    d, m, y = int(mt[2]), int(mt[4]), int(mt[5])
    if not (1 <= d <= 31 and 1 <= m <= 12):
        return mt[0]  # a date that cannot exist in any month (31/4 can: read as written, the editor's slip)
    return _say_date(mt[1], read_date(d=d, m=m, y=y, readings=r))


def _month_year(mt: re.Match, r: Readings) -> str:
    m, y = int(mt[2]), int(mt[3])
    if not mt[1] and 1 <= m <= 4 and re.search(r"(?i)\bquý\s$", mt.string[:mt.start()]):
        return f"{read_number(m, r)} năm {read_number(y, r)}"  # "quý 4/2026": a quarter, not April
    if not 1 <= m <= 12:
        return mt[0]
    text = f"tháng {read_month(m, r)} năm {read_number(y, r)}"
    return f"{mt[1]} {text[len('tháng '):]}" if mt[1] else text


def _day_month(mt: re.Match, r: Readings) -> str:
    word, a, b = mt[1], mt[2], mt[3]
    if _valid(int(a), int(b)) and (word or len(a) == 2 or len(b) == 2):
        said = read_date(d=int(a), m=int(b), readings=r)
        if word and word.lower() == "ngày":
            return _say_date(word, said)
        return f"{word} {said}" if word else said
    # not a date: a fraction, "3/4" = ba phần tư
    lead = f"{word} " if word else ""
    below = "tư" if b == "4" else read_numeral(b, r)
    return f"{lead}{read_numeral(a, r)} phần {below}"


def _clock(mt: re.Match, r: Readings) -> str:
    h, m = int(mt[1]), int(mt[2])
    s = int(mt[3]) if mt[3] else 0
    if h > 24 or m > 59 or s > 59:
        return mt[0]
    return _say_time(h, m, s, r)


def _say_time(h: int, m: int, s: int, r: Readings) -> str:
    words = [read_number(h, r), "giờ"]
    if m or s:
        words += [read_number(m, r), "phút"]
    if s:
        words += [read_number(s, r), "giây"]
    return " ".join(words)


def _h_time(mt: re.Match, r: Readings) -> str:
    h, m = int(mt[1]), int(mt[2] or 0)
    if h > 24 or m > 59:
        return mt[0]
    return _say_time(h, m, 0, r)


def _phone_groups(lead: str, rest: str) -> list[str]:
    groups = [g for g in re.split(r"[ .-]", rest) if g]
    if len(groups) == 1 and len(groups[0]) > 4:
        # written without separators: 0912345678 is said 0912, 345, 678 (and +84 912 345 678)
        digits = (lead if lead == "0" else "") + groups[0]
        first = 4 if lead == "0" else 3
        groups = [digits[:first]] + [digits[i:i + 3] for i in range(first, len(digits), 3)]
        if len(groups[-1]) == 1:  # never a lone digit at the end: 0263 381 234 5 -> 0263 381 2345
            groups[-2:] = [groups[-2] + groups[-1]]
        lead = ""
    elif lead == "0":
        groups[0] = "0" + groups[0]
        lead = ""
    return ([lead] if lead else []) + groups


def _say_phone(groups: list[str]) -> str:
    return ", ".join(("cộng " + read_digits(g)) if g.startswith("+") else read_digits(g) for g in groups)


def _phone(mt: re.Match) -> str:
    lead, rest = mt[1].rstrip(" .-"), mt[2]
    count = len(re.sub(r"\D", "", rest)) + (1 if lead == "0" else 2)
    if not (10 <= count <= 12):
        return mt[0]
    return _say_phone(_phone_groups(lead, rest))


def _hotline(mt: re.Match) -> str:
    return _say_phone([mt[1]] + [g for g in re.split(r"[ .]", mt[2]) if g])


def _doc_number(mt: re.Match, r: Readings) -> str:
    lead = "" if re.search(r"(?i)\bsố\s*$", mt.string[:mt.start()]) else "số "
    year = f" năm {read_number(int(mt[2]), r)}" if mt[2] else ""
    code = " ".join(CODE_LETTERS.get(c, LETTERS.get(c, c)) for c in mt[3].upper() if c.isalpha())
    return f"{lead}{read_number(int(mt[1]), r)}{year} {code}"


def _per_unit(mt: re.Match) -> str:
    # a number among the three words before: "50.000 đồng/hộ", "2 tin bài/tuần"
    before = mt.string[:mt.start()].split()[-3:]
    return f" một {mt[1]}" if any(re.search(r"\d", w) for w in before) else mt[0]


def _context_phone(mt: re.Match) -> str:
    number = mt[3]
    lead = "+84" if number.startswith("+84") else ""
    rest = number[len(lead):]
    groups = ([lead] if lead else []) + [g for g in re.split(r"[ .-]", rest) if g]
    return f"{mt[1]}{mt[2]}{_say_phone(groups)}"


def _roman(mt: re.Match, r: Readings) -> str:
    numeral = mt[2]
    if not _ROMAN.fullmatch(numeral):
        return mt[0]
    values = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
    n = 0
    for a, b in zip(numeral, numeral[1:] + " "):
        n += -values[a] if b != " " and values[b] > values[a] else values[a]
    said = read_ordinal(n, r) if mt[1].lower().endswith("thứ") else read_number(n, r)
    year = f" năm {read_number(int(mt[3]), r)}" if mt[3] else ""  # "quý IV/2026"
    return f"{mt[1]} {said}{year}"


@lru_cache(maxsize=16)
def _table(words: tuple[tuple[str, str], ...]):
    exact, folded, parts = {}, {}, []
    for key, said in sorted(words, key=lambda kv: (-len(kv[0]), kv[0])):
        if not key:
            continue
        if key == key.upper():
            exact[key] = said
            parts.append(re.escape(key))
        else:
            folded[key.casefold()] = said
            parts.append("(?i:" + re.escape(key) + ")")
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)") if parts else None
    return pattern, exact, folded


def _units():
    keys = sorted(UNITS, key=lambda k: (-len(k), k))
    return re.compile(r"(?<![\d.,])(-)?(" + _NUM + r")(?:\s?(" + "|".join(re.escape(k) for k in keys) + r")(?!\w))?")


_NUMBER = _units()


def _number(mt: re.Match, r: Readings) -> str:
    said = read_numeral(mt[2], r)
    if mt[1]:
        said = "âm " + said
    return f"{said} {UNITS[mt[3]]}" if mt[3] else said


def _spell_caps(text: str) -> str:
    def spell(mt: re.Match) -> str:
        before = text[:mt.start()].split()[-1:]
        after = text[mt.end():].split()[:1]
        if any(_CAPS_WORD.match(re.sub(r"\W", "", w)) for w in before + after):
            return mt[0]  # a headline in capitals: its words are Vietnamese, not abbreviations
        return " ".join(LETTERS.get(c, c) for c in mt[1])

    return _CAPS.sub(spell, text)


def _tidy(text: str) -> str:
    text = re.sub(r"[“”\"«»‘’`*#•_~^|]", " ", text)
    text = re.sub(r"\.{3}|…", ".", text)
    text = text.replace("&", " và ").replace("+", " cộng ")
    text = re.sub(r"\s[-–—]\s", ", ", text)  # a spaced dash between clauses: a pause
    text = re.sub(r"[-–—/\\]", " ", text)
    text = re.sub(r"\(\s*\)|\[\s*\]", " ", text)
    text = re.sub(r"\s*[(\[]\s*", ", ", text)
    text = re.sub(r"\s*[)\]]", ",", text)
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"([,;:])(?:\s*[,;:])+", r"\1", text)
    text = re.sub(r"[,;:]+\s*([.!?])", r"\1", text)
    text = re.sub(r"([.!?])\s*[,;:]+", r"\1", text)
    text = re.sub(r"([,.;:!?])(?=\w)", r"\1 ", text)
    return text.strip(" ,;:")


def speak(text: str, readings: Readings = DEFAULT) -> str:
    """``text`` as it is to be read aloud (see the module's docstring for the rules)."""
    r = readings
    text = nfc(text)
    text = re.sub(r"\s+", " ", text).strip()
    text = _URL.sub(lambda mt: " " + re.search(r"[.,;:!?)]*$", mt[0])[0], text)  # the sentence's stop stays
    text = _CONTEXT_PHONE.sub(_context_phone, text)
    text = _HOTLINE.sub(_hotline, text)
    text = _DOC_NUMBER.sub(lambda mt: _doc_number(mt, r), text)
    text = _PER_UNIT.sub(_per_unit, text)
    text = _DOLLAR.sub(r"\1 đô la", text)
    pattern, exact, folded = _table(r.words)
    if pattern is not None:
        text = pattern.sub(lambda mt: exact.get(mt[0]) or folded.get(mt[0].casefold(), mt[0]), text)
    text = _ISO_DATE.sub(lambda mt: _iso_date(mt, r), text)
    text = _DATE_RANGE.sub(lambda mt: _date_range(mt, r), text)
    text = _FULL_DATE.sub(lambda mt: _full_date(mt, r), text)
    text = _MONTH_YEAR.sub(lambda mt: _month_year(mt, r), text)
    text = _DAY_MONTH.sub(lambda mt: _day_month(mt, r), text)
    text = _CLOCK.sub(lambda mt: _clock(mt, r), text)
    text = _H_TIME.sub(lambda mt: _h_time(mt, r), text)
    text = _PHONE.sub(_phone, text)
    text = _ROMAN_CONTEXT.sub(lambda mt: _roman(mt, r), text)
    text = _ORDINAL.sub(lambda mt: f"{mt[1]} {read_ordinal(int(mt[2]), r)}", text)
    text = _MONTH_WORD.sub(lambda mt: f"{mt[1]} {read_month(int(mt[2]), r)}"
                           if 1 <= int(mt[2]) <= 12 else mt[0], text)
    text = _RANGE.sub(" đến ", text)
    text = _NUMBER.sub(lambda mt: _number(mt, r), text)
    text = _spell_caps(text)
    return _tidy(text)


_SYLLABLE = re.compile(r"\w+")


def syllables(spoken: str) -> int:
    """Syllables of spoken Vietnamese text: one written word is one syllable ("chuyển đổi số" = 3)."""
    return len(_SYLLABLE.findall(spoken))
