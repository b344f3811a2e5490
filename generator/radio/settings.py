"""The radio bulletin's settings (``radio:`` in the plugin settings), declared once and validated with every problem
at once (``mkdocs.yml:line: message``). Every key is optional::

    radio:
      opening: "Kính thưa bà con! ..."        # {tuan} {nam} {tu_ngay} {den_ngay} are filled in
      closing: "Bản tin đến đây là kết thúc..."
      syllables_per_minute: 160               # reading speed, 120-200
      max_items: 10                           # at most this many items in a bulletin (the newest)
      zero_tens: linh                         # 105 = một trăm linh năm; "lẻ" in the South
      thousand: nghìn                         # or "ngàn"
      readings: {"CĐS": "chuyển đổi số", "iGov": "ai gớp"}   # added to (or replacing) the default reading table
      audio:
        command: [espeak-ng, -v, vi, -s, "{espeak_speed}", -f, "{text_file}", -w, "{wav_file}"]
        # {rate}: syllables a minute; {espeak_speed}: espeak-ng's -s value that reads Vietnamese at that rate
        format: mp3                           # or ogg
        loudness: -16                         # LUFS, ffmpeg's loudnorm target
        timeout: 600                          # seconds, for the engine and for ffmpeg each
        weeks: 4                              # audio for the latest N weeks only (0: none); speech is slow to make
"""
from __future__ import annotations

import re
import shlex
import unicodedata
from dataclasses import dataclass, field
from typing import Callable

from generator.problems import Problem
from generator.radio import spoken

DEFAULT_OPENING = ("Kính thưa bà con nhân dân! Sau đây là bản tin chuyển đổi số tuần {tuan} năm {nam}, "
                   "từ ngày {tu_ngay} đến ngày {den_ngay}.")
DEFAULT_CLOSING = ("Kính thưa bà con! Bản tin chuyển đổi số tuần này đến đây là kết thúc. Cảm ơn bà con đã chú ý "
                   "lắng nghe. Xin chào và hẹn gặp lại bà con trong bản tin tuần sau.")
PLACEHOLDERS = ("tuan", "nam", "tu_ngay", "den_ngay")

# Vietnamese radio news is read at about 150-170 syllables a minute; a commune loudspeaker bulletin sits in the
# middle of that range: slower than studio news, because the horn echoes between houses and listeners are outdoors,
# but not so slow that it drags. One Vietnamese written word is one syllable, so this is also words per minute.
DEFAULT_RATE = 160
DEFAULT_COMMAND = ("espeak-ng", "-v", "vi", "-s", "{espeak_speed}", "-f", "{text_file}", "-w", "{wav_file}")
ENGINE_PLACEHOLDERS = ("text_file", "wav_file", "rate", "espeak_speed")
# -16 LUFS: the level used for spoken-word streams and podcasts; EBU R128's -23 is for broadcast chains with their
# own gain, far too quiet for a commune amplifier fed from a phone or a laptop.
DEFAULT_LOUDNESS = -16.0
DEFAULT_TIMEOUT = 600.0
KEYS = ("opening", "closing", "syllables_per_minute", "max_items", "zero_tens", "thousand", "readings", "audio")
AUDIO_KEYS = ("command", "format", "loudness", "timeout", "weeks")


@dataclass(frozen=True)
class AudioSettings:
    command: tuple[str, ...] = DEFAULT_COMMAND
    format: str = "mp3"  # "mp3" | "ogg"
    loudness: float = DEFAULT_LOUDNESS
    timeout: float = DEFAULT_TIMEOUT
    weeks: int = 4  # the site's latest N weeks get audio; older weeks keep their script only


@dataclass(frozen=True)
class RadioSettings:
    opening: str = DEFAULT_OPENING
    closing: str = DEFAULT_CLOSING
    syllables_per_minute: int = DEFAULT_RATE
    max_items: int = 10
    readings: spoken.Readings = spoken.DEFAULT
    audio: AudioSettings = field(default_factory=AudioSettings)


def _text(value: object) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


def _placeholders(template: str) -> list[str]:
    return re.findall(r"\{([^{}]*)\}", template)


def read_settings(raw: object, *, path: str = "mkdocs.yml",
                  line: Callable[..., int | None] = lambda *keys: None) -> tuple[RadioSettings, list[Problem]]:
    """The settings from the ``radio:`` mapping (None: all defaults) and every problem found in it.

    ``line(*keys)`` gives the line of a key under ``radio:`` (``line("audio", "format")``), when known.
    """
    problems: list[Problem] = []

    def err(keys: tuple, message: str) -> None:
        problems.append(Problem(path, line(*keys), message))

    if raw is None:
        return RadioSettings(), problems
    if not isinstance(raw, dict):
        err((), "radio phải là một bảng khóa: giá trị (opening, closing, readings, audio...)")
        return RadioSettings(), problems
    for key in raw:
        if key not in KEYS:
            err((key,), f"radio: khóa không được hỗ trợ: '{key}' (có thể dùng: {', '.join(KEYS)})")

    values: dict = {}
    for key in ("opening", "closing"):
        if key in raw:
            template = _text(raw[key]) if raw[key] is not None else ""
            wrong = [p for p in _placeholders(template) if p not in PLACEHOLDERS]
            if not template:
                err((key,), f"radio: {key} không được để trống")
            elif wrong:
                err((key,), f"radio: {key}: không có chỗ điền '{{{wrong[0]}}}' "
                            f"(có thể dùng: {', '.join('{' + p + '}' for p in PLACEHOLDERS)})")
            else:
                values[key] = template
    for key, low, high in (("syllables_per_minute", 120, 200), ("max_items", 1, 50)):
        if key in raw:
            v = raw[key]
            if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= high:
                err((key,), f"radio: {key} phải là số nguyên từ {low} đến {high}, không phải '{v}'")
            else:
                values[key] = v

    readings = spoken.DEFAULT
    for key, allowed in (("zero_tens", ("linh", "lẻ")), ("thousand", ("nghìn", "ngàn"))):
        if key in raw:
            v = _text(raw[key])
            if v not in allowed:
                err((key,), f"radio: {key} phải là một trong: {', '.join(allowed)}, không phải '{v}'")
            else:
                readings = spoken.Readings(readings.words, **{**_regional(readings), key: v})
    if "readings" in raw:
        table = raw["readings"]
        if not isinstance(table, dict):
            err(("readings",), "radio: readings phải là một bảng 'cách viết: cách đọc', "
                               "ví dụ {\"CĐS\": \"chuyển đổi số\"}")
        else:
            extra = {}
            for written, said in table.items():
                if not _text(written) or said is None or not _text(said):
                    err(("readings", written), f"radio: readings: '{written}' cần cả cách viết và cách đọc")
                elif re.search(r"\d", _text(said)):
                    err(("readings", written), f"radio: readings: cách đọc của '{written}' phải viết bằng chữ, "
                                               f"không có chữ số: '{_text(said)}'")
                else:
                    extra[_text(written)] = _text(said)
            readings = readings.with_words(extra)
    values["readings"] = readings

    values["audio"] = _audio(raw.get("audio"), err)
    return RadioSettings(**values), problems


def _regional(r: spoken.Readings) -> dict:
    return {"zero_tens": r.zero_tens, "thousand": r.thousand, "billion": r.billion}


def _audio(raw: object, err) -> AudioSettings:
    if raw is None:
        return AudioSettings()
    if not isinstance(raw, dict):
        err(("audio",), "radio: audio phải là một bảng khóa: giá trị (command, format, loudness, timeout)")
        return AudioSettings()
    values: dict = {}
    for key in raw:
        if key not in AUDIO_KEYS:
            err(("audio", key), f"radio: audio: khóa không được hỗ trợ: '{key}' (có thể dùng: {', '.join(AUDIO_KEYS)})")
    if "command" in raw:
        command = raw["command"]
        try:
            # a list is taken as written; a line of text is split like a shell would, but never run by one
            parts = [str(p) for p in command] if isinstance(command, list) else shlex.split(str(command or ""))
        except ValueError as exc:
            parts = []
            err(("audio", "command"), f"radio: audio: command đọc không được: {exc}")
        used = [p for part in parts for p in _placeholders(part)]
        wrong = [p for p in used if p not in ENGINE_PLACEHOLDERS]
        if not parts:
            err(("audio", "command"), "radio: audio: command không được để trống")
        elif wrong:
            err(("audio", "command"), f"radio: audio: command: không có chỗ điền '{{{wrong[0]}}}' "
                                      f"(có thể dùng: {', '.join('{' + p + '}' for p in ENGINE_PLACEHOLDERS)})")
        elif "text_file" not in used or "wav_file" not in used:
            err(("audio", "command"), "radio: audio: command phải có {text_file} (văn bản cần đọc) và {wav_file} "
                                      "(tệp WAV chương trình ghi ra)")
        else:
            values["command"] = tuple(parts)
    if "format" in raw:
        if raw["format"] not in ("mp3", "ogg"):
            err(("audio", "format"), f"radio: audio: format phải là mp3 hoặc ogg, không phải '{raw['format']}'")
        else:
            values["format"] = raw["format"]
    for key, low, high in (("loudness", -30, -10), ("timeout", 10, 7200)):
        if key in raw:
            v = raw[key]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not low <= v <= high:
                err(("audio", key), f"radio: audio: {key} phải là số từ {low} đến {high}, không phải '{v}'")
            else:
                values[key] = float(v)
    if "weeks" in raw:
        v = raw["weeks"]
        if isinstance(v, bool) or not isinstance(v, int) or not 0 <= v <= 52:
            err(("audio", "weeks"), f"radio: audio: weeks phải là số nguyên từ 0 đến 52, không phải '{v}'")
        else:
            values["weeks"] = v
    return AudioSettings(**values)


def radio_settings(config) -> tuple[RadioSettings, list[Problem]]:
    """The settings under ``radio:`` in the plugin settings of a loaded ``SiteConfig``."""
    return read_settings(config.extra.get("radio"), path=config.config_file.name,
                         line=lambda *keys: config.line("radio", *keys))
