"""Vietnamese numbers, dates and the reading table, as a commune announcer says them: the vocabulary of
``generator.radio.spoken``, which finds them in running text.

Readings of numbers: 21 "hai mươi mốt", 15 and 25 "mười lăm", "hai mươi lăm", 24 "hai mươi tư", 105 "một trăm linh
năm", 1005 "một nghìn không trăm linh năm". "linh" (North) or "lẻ" (South), "nghìn" or "ngàn", "tỷ" or "tỉ" are settings.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from datetime import date
from typing import Mapping

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")

# Abbreviations of Vietnamese administration and digital transformation, and English names as a commune
# announcer says them. A province adds or overrides entries in the `radio: readings:` setting.
DEFAULT_WORDS: dict[str, str] = {
    # administration
    "CĐS": "chuyển đổi số",
    "UBND": "ủy ban nhân dân",
    "HĐND": "hội đồng nhân dân",
    "MTTQ": "mặt trận tổ quốc",
    "UBMTTQ": "ủy ban mặt trận tổ quốc",
    "TP.HCM": "thành phố Hồ Chí Minh",
    "TP. HCM": "thành phố Hồ Chí Minh",
    "TPHCM": "thành phố Hồ Chí Minh",
    "TP.": "thành phố",
    "Tp.": "thành phố",
    "TP": "thành phố",
    "TX.": "thị xã",
    "TT&TT": "thông tin và truyền thông",
    "TTTT": "thông tin và truyền thông",
    "KH&CN": "khoa học và công nghệ",
    "KHCN": "khoa học và công nghệ",
    "GD&ĐT": "giáo dục và đào tạo",
    "GDĐT": "giáo dục và đào tạo",
    "KT-XH": "kinh tế - xã hội",
    "PT-TH": "phát thanh - truyền hình",
    "PTTH": "phát thanh - truyền hình",
    "NĐ-CP": "nghị định chính phủ",
    "QĐ-TTg": "quyết định thủ tướng chính phủ",
    "CNTT": "công nghệ thông tin",
    "CSDL": "cơ sở dữ liệu",
    "DVC": "dịch vụ công",
    "DVCTT": "dịch vụ công trực tuyến",
    "TTHC": "thủ tục hành chính",
    "CCCD": "căn cước công dân",
    "BHYT": "bảo hiểm y tế",
    "BHXH": "bảo hiểm xã hội",
    "ATTT": "an toàn thông tin",
    "HTX": "hợp tác xã",
    "THCS": "trung học cơ sở",
    "THPT": "trung học phổ thông",
    "CNSCĐ": "công nghệ số cộng đồng",
    "SĐT": "số điện thoại",
    "TMĐT": "thương mại điện tử",
    "VNĐ": "đồng",
    "VND": "đồng",
    "vnđ": "đồng",
    "USD": "đô la Mỹ",
    # English names and terms
    "VNeID": "vê en ê ai đi",
    "VssID": "vê ét ét ai đi",
    "Zalo": "da lô",
    "Facebook": "phây búc",
    "YouTube": "diu túp",
    "TikTok": "tích tốc",
    "Google": "gu gồ",
    "Internet": "in tơ nét",
    "online": "on lai",
    "website": "quép sai",
    "email": "i meo",
    "e-mail": "i meo",
    "hotline": "hót lai",
    "smartphone": "sờ mát phôn",
    "app": "áp",
    "Wi-Fi": "oai phai",
    "wifi": "oai phai",
    "camera": "ca mê ra",
    "Viettel": "vi ét ten",
    "VNPT": "vê en pê tê",
    "MobiFone": "mô bi phôn",
    "MoMo": "mô mô",
    "COVID-19": "cô vít mười chín",
    "4G": "bốn gờ",
    "5G": "năm gờ",
    "3G": "ba gờ",
    "AI": "ây ai",
    "IoT": "ai ô ti",
    "QR": "qui a",
    "OTP": "ô tê pê",
    "PC-Covid": "pê xê cô vít",
}

LETTERS = {
    "A": "a", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e", "F": "ép", "G": "gờ", "H": "hát", "I": "i",
    "J": "gi", "K": "ca", "L": "e lờ", "M": "em", "N": "en", "O": "o", "P": "pê", "Q": "qui", "R": "e rờ",
    "S": "ét", "T": "tê", "U": "u", "V": "vê", "W": "vê kép", "X": "ích", "Y": "i dài", "Z": "dét",
}
# In a document's filing code ("NĐ-CP", "QĐ-UBND") the consonants are said by their Vietnamese names, as announcers
# read them: "nờ đê xê pê", not "en đê xê pê".
CODE_LETTERS = {"N": "nờ", "M": "mờ", "L": "lờ", "R": "rờ"}

# Unit after a number -> its reading. Case matters (m vs M); the longest written form is tried first.
UNITS: dict[str, str] = {
    "km²": "ki lô mét vuông", "km2": "ki lô mét vuông", "m²": "mét vuông", "m2": "mét vuông",
    "m³": "mét khối", "m3": "mét khối", "km/h": "ki lô mét một giờ", "km": "ki lô mét", "cm": "xen ti mét",
    "mm": "mi li mét", "m": "mét", "ha": "héc ta", "kg": "ki lô gam", "°C": "độ xê", "độ C": "độ xê",
    "GB": "gi ga bai", "MB": "mê ga bai", "KB": "ki lô bai", "TB": "tê ra bai", "MB/s": "mê ga bai một giây",
    "GB/s": "gi ga bai một giây", "Mbps": "mê ga bít một giây", "Gbps": "gi ga bít một giây",
    "kWh": "ki lô oát giờ", "kW": "ki lô oát", "MW": "mê ga oát", "GHz": "gi ga héc", "MHz": "mê ga héc",
    "đ": "đồng", "%": "phần trăm",
}


@dataclass(frozen=True)
class Readings:
    """How to read: the reading table (written form -> spoken words) and the regional number words."""

    words: tuple[tuple[str, str], ...] = tuple(sorted(DEFAULT_WORDS.items()))
    zero_tens: str = "linh"  # 105 = một trăm linh năm; "lẻ" in the South
    thousand: str = "nghìn"  # "ngàn" in the South
    billion: str = "tỷ"      # "tỉ" is also correct

    def with_words(self, extra: Mapping[str, str]) -> "Readings":
        """These readings with ``extra`` added (an entry of ``extra`` replaces a default one)."""
        merged = dict(self.words)
        merged.update({nfc(k).strip(): nfc(v).strip() for k, v in extra.items()})
        return replace(self, words=tuple(sorted(merged.items())))


DEFAULT = Readings()


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", str(text))


# ---- numbers ---------------------------------------------------------------------------------------------------

def _below_thousand(n: int, padded: bool, r: Readings) -> list[str]:
    """0 < n < 1000. ``padded``: a group after a higher one (1.005 -> "không trăm linh năm")."""
    h, t, u = n // 100, n // 10 % 10, n % 10
    words: list[str] = []
    if h or padded:
        words += [DIGITS[h], "trăm"]
    if t == 0:
        if u:
            if h or padded:
                words.append(r.zero_tens)
            words.append(DIGITS[u])
    elif t == 1:
        words.append("mười")
        if u:
            words.append("lăm" if u == 5 else DIGITS[u])
    else:
        words += [DIGITS[t], "mươi"]
        if u:
            words.append({1: "mốt", 4: "tư", 5: "lăm"}.get(u, DIGITS[u]))
    return words


def _int_words(n: int, padded: bool, r: Readings) -> list[str]:
    if n >= 1_000_000_000:
        high, low = divmod(n, 1_000_000_000)
        return _int_words(high, padded, r) + [r.billion] + (_int_words(low, True, r) if low else [])
    words: list[str] = []
    for value, name in ((n // 1_000_000, "triệu"), (n // 1000 % 1000, r.thousand), (n % 1000, "")):
        if value:
            words += _below_thousand(value, padded, r)
            if name:
                words.append(name)
            padded = True
    return words


def read_number(n: int, readings: Readings = DEFAULT) -> str:
    """An integer in words: 21 -> "hai mươi mốt", 1005 -> "một nghìn không trăm linh năm", -5 -> "âm năm"."""
    if n < 0:
        return "âm " + read_number(-n, readings)
    if n == 0:
        return "không"
    return " ".join(_int_words(n, False, readings))


def read_digits(digits: str) -> str:
    """Digit by digit: "0912" -> "không chín một hai"."""
    return " ".join(DIGITS[int(d)] for d in digits if d.isdigit())


def _fraction_digits(digits: str, r: Readings) -> str:
    # "3,05" = ba phẩy không năm; "12,25" = mười hai phẩy hai mươi lăm; long tails digit by digit.
    zeros = len(digits) - len(digits.lstrip("0"))
    rest = digits[zeros:]
    words = ["không"] * zeros
    if rest:
        words.append(read_number(int(rest), r) if len(rest) <= 3 else read_digits(rest))
    return " ".join(words)


_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")


def read_numeral(text: str, readings: Readings = DEFAULT) -> str:
    """A written number in Vietnamese convention: "1.250" (thousands dot), "3,5" (decimal comma), "4.0" ("chấm")."""
    if _THOUSANDS.fullmatch(text):
        whole, _, frac = text.replace(".", "").partition(",")
        spoken = read_number(int(whole), readings)
        return f"{spoken} phẩy {_fraction_digits(frac, readings)}" if frac else spoken
    for mark, word in ((",", "phẩy"), (".", "chấm")):
        if mark in text:
            whole, _, frac = text.partition(mark)
            return f"{read_numeral(whole, readings)} {word} {_fraction_digits(frac, readings)}"
    if len(text) > 1 and text.startswith("0") or len(text) > 15:
        return read_digits(text)  # "05", a long code: as written
    return read_number(int(text), readings)


def read_month(month: int, r: Readings = DEFAULT) -> str:
    return "tư" if month == 4 else read_number(month, r)  # April is "tháng tư", never "tháng bốn"


def read_ordinal(n: int, r: Readings = DEFAULT) -> str:
    return {1: "nhất", 4: "tư"}.get(n) or read_number(n, r)


def read_date(day: date | None = None, *, d: int | None = None, m: int | None = None, y: int | None = None,
              readings: Readings = DEFAULT) -> str:
    """"ngày mười tháng mười năm hai nghìn không trăm hai mươi sáu"; parts may be left out (d/m, m/y)."""
    if day is not None:
        d, m, y = day.day, day.month, day.year
    words = []
    if d is not None:
        words.append(f"ngày {read_number(d, readings)}")
    if m is not None:
        words.append(f"tháng {read_month(m, readings)}")
    if y is not None:
        words.append(f"năm {read_number(y, readings)}")
    return " ".join(words)
