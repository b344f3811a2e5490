"""A week's items -> the radio bulletin's reading script: what the commune announcer (or the speech engine) reads,
section by section, with the printable text and the estimated reading time.

The reading time is counted in syllables, the unit Vietnamese reading speed is measured in (one written word is one
syllable): ``syllables_per_minute`` (default 160) gives the estimate, and 150-170 a minute (or the setting ±10) its
range, the span of Vietnamese radio news reading. The top of the range also allows for the pauses a reader (or the
speech engine, which stops at every comma and full stop on top of its syllable rate) makes at punctuation and
between items: a recorded bulletin ran a few seconds past a range that counted syllables alone.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from generator.core import timeutil
from generator.radio import spoken
from generator.radio.settings import RadioSettings

RATE_SPREAD = 10  # syllables a minute either side of the setting: 150-170 around the default 160
# An allowance, not a measurement: the slowest reading pauses this long at each mark, so that the printed range
# holds for the audio made from the same text (the engine's pauses come on top of its syllable rate).
PAUSE_COMMA = 0.25  # seconds at , ; :
PAUSE_STOP = 0.5  # seconds at . ! ? and between parts


@dataclass(frozen=True)
class RadioItem:
    headline: str
    summary: str
    date: date  # the day it was published, in the site's timezone (a datetime's own date is taken as it is)
    source: str  # "Báo Đắk Nông", the site's own name...


@dataclass(frozen=True)
class Section:
    number: int  # 1, 2, ... in reading order
    item: RadioItem
    headline: str  # as spoken
    summary: str  # as spoken
    source: str  # as spoken

    @property
    def spoken(self) -> str:
        parts = [f"Tin thứ {spoken.read_ordinal(self.number)}.", _sentence(self.headline)]
        if self.summary:
            parts.append(_sentence(self.summary))
        if self.source:
            parts.append(f"Theo {_sentence(self.source)}")
        return " ".join(parts)


@dataclass(frozen=True)
class ReadingTime:
    syllables: int
    rate: int  # syllables a minute
    seconds: float  # at ``rate``
    low: float  # at rate + RATE_SPREAD
    high: float  # at rate - RATE_SPREAD

    def describe(self) -> str:
        """"khoảng 4 phút 10 giây (3 phút 55 giây đến 4 phút 27 giây, đọc 160 tiếng một phút)"."""
        return (f"khoảng {_duration(self.seconds)} ({_duration(self.low)} đến {_duration(self.high)}, "
                f"đọc {self.rate} tiếng một phút)")


@dataclass(frozen=True)
class Script:
    week: str  # "2026-W42"
    start: date
    end: date
    opening: str  # as spoken
    sections: tuple[Section, ...]
    closing: str  # as spoken
    left_out: int  # items of the week beyond ``max_items`` (the oldest), not read
    printable: str  # the written text for paper: headlines, dates, sources, summaries as the editors wrote them
    reading_time: ReadingTime

    @property
    def spoken(self) -> str:
        """The whole text for a speech engine: one paragraph per part, a blank line between them."""
        return "\n\n".join([self.opening, *(s.spoken for s in self.sections), self.closing]) + "\n"


def _duration(seconds: float) -> str:
    total = round(seconds)
    minutes, secs = divmod(total, 60)
    if not minutes:
        return f"{secs} giây"
    return f"{minutes} phút {secs} giây" if secs else f"{minutes} phút"


def _sentence(text: str) -> str:
    return text if not text or text[-1] in ".!?…" else text + "."


def _plain(text: str) -> str:
    # feed summaries may carry markup and entities: the script needs only their words
    text = html.unescape(re.sub(r"<[^>]*>", " ", str(text or "")))
    text = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()
    return re.sub(r"\s+([,.;:!?])", r"\1", text)  # "<b>VNeID</b>." was "VNeID ."


def _day(value: date) -> date:
    return value.date() if isinstance(value, datetime) else value


def reading_time(spoken_text: str, rate: int) -> ReadingTime:
    count = spoken.syllables(spoken_text)
    pauses = (PAUSE_COMMA * len(re.findall(r"[,;:]", spoken_text))
              + PAUSE_STOP * len(re.findall(r"[.!?]+|\n\n", spoken_text)))
    return ReadingTime(count, rate, count * 60 / rate, count * 60 / (rate + RATE_SPREAD),
                       count * 60 / (rate - RATE_SPREAD) + pauses)


def _fill(template: str, week: str, start: date, end: date) -> str:
    year, number = week.split("-W")
    values = {"tuan": str(int(number)), "nam": year, "tu_ngay": timeutil.format_date(start),
              "den_ngay": timeutil.format_date(end)}
    return re.sub(r"\{(\w+)\}", lambda mt: values.get(mt[1], mt[0]), template)


def build_script(week: str, items, settings: RadioSettings = RadioSettings()) -> Script:
    """The script of ISO week ``week`` (``2026-W42``) from ``items`` (RadioItem).

    Items dated outside the week are not read. At most ``settings.max_items`` are read, the newest; they are read
    oldest first, as the week went. Raises ValueError for a ``week`` that is not an ISO week id.
    """
    if timeutil.period_kind(week) != "week":
        raise ValueError(f"mã tuần không hợp lệ: {week!r} (cần dạng 2026-W42)")
    start, end = timeutil.period_bounds(week)
    r = settings.readings
    inside = [i for i in items if start <= _day(i.date) <= end]
    # newest first to choose, then back to the week's order; headline breaks ties so the order never depends on input
    chosen = sorted(inside, key=lambda i: (_day(i.date), _plain(i.headline)), reverse=True)[:settings.max_items]
    chosen.reverse()

    sections = tuple(
        Section(n, item, spoken.speak(_plain(item.headline), r), spoken.speak(_plain(item.summary), r),
                spoken.speak(_plain(item.source), r))
        for n, item in enumerate(chosen, 1))
    opening_text = _fill(settings.opening, week, start, end)
    closing_text = _fill(settings.closing, week, start, end)
    opening, closing = spoken.speak(opening_text, r), spoken.speak(closing_text, r)
    said = "\n\n".join([opening, *(s.spoken for s in sections), closing])
    time = reading_time(said, settings.syllables_per_minute)

    year, number = week.split("-W")
    lines = [f"BẢN TIN PHÁT THANH CHUYỂN ĐỔI SỐ: TUẦN {int(number)} NĂM {year}",
             f"Từ ngày {timeutil.format_date(start)} đến ngày {timeutil.format_date(end)}",
             f"Thời lượng đọc: {time.describe()}", "", opening_text, ""]
    for s in sections:
        item = s.item
        lines.append(f"{s.number}. {_plain(item.headline)}")
        byline = ", ".join(x for x in (timeutil.format_date(_day(item.date)), _plain(item.source)) if x)
        lines.append(f"   ({byline})")
        if _plain(item.summary):
            lines.append(f"   {_plain(item.summary)}")
        lines.append("")
    if not sections:
        lines += ["(Tuần này chưa có tin để đọc.)", ""]
    lines.append(closing_text)
    return Script(week, start, end, opening, sections, closing, len(inside) - len(chosen),
                  "\n".join(lines) + "\n", time)
