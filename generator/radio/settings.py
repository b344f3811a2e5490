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
from dataclasses import dataclass, field
from typing import Callable

from generator.core import schema
from generator.core.problems import Problem
from generator.radio import spoken
from generator.core.schema import Block, Check, Choice, Field, Int, Number, nfc

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


def _placeholders(template: str) -> list[str]:
    return re.findall(r"\{([^{}]*)\}", template)


def _template(value: object) -> str:
    template = nfc(value)
    wrong = [p for p in _placeholders(template) if p not in PLACEHOLDERS]
    if wrong:
        raise ValueError(f"không có chỗ điền '{{{wrong[0]}}}' "
                         f"(có thể dùng: {', '.join('{' + p + '}' for p in PLACEHOLDERS)})")
    return template


def _command(command: object) -> tuple[str, ...]:
    try:
        # a list is taken as written; a line of text is split like a shell would, but never run by one
        parts = [str(p) for p in command] if isinstance(command, list) else shlex.split(str(command or ""))
    except ValueError as exc:
        raise ValueError(f"command đọc không được: {exc}") from None
    used = [p for part in parts for p in _placeholders(part)]
    wrong = [p for p in used if p not in ENGINE_PLACEHOLDERS]
    if not parts:
        raise ValueError("command không được để trống")
    if wrong:
        raise ValueError(f"command: không có chỗ điền '{{{wrong[0]}}}' "
                         f"(có thể dùng: {', '.join('{' + p + '}' for p in ENGINE_PLACEHOLDERS)})")
    if "text_file" not in used or "wav_file" not in used:
        raise ValueError("command phải có {text_file} (văn bản cần đọc) và {wav_file} (tệp WAV chương trình ghi ra)")
    return tuple(parts)


AUDIO = Block("radio › audio", (
    Field("command", Check(_command), default=DEFAULT_COMMAND, message="{p}{detail}", blank_is_wrong=True),
    Field("format", Choice(("mp3", "ogg")), default="mp3",
          message="{p}format phải là mp3 hoặc ogg, không phải '{value}'"),
    Field("loudness", Number(-30, -10), default=DEFAULT_LOUDNESS),  # LUFS, ffmpeg's loudnorm target
    Field("timeout", Number(10, 7200), default=DEFAULT_TIMEOUT),  # seconds, for the engine and for ffmpeg each
    Field("weeks", Int(0, 52), default=4),  # audio for the latest N weeks only (0: none)
), who=lambda raw: "radio: audio")
BLOCK = Block("radio", (
    Field("opening", Check(_template), default=DEFAULT_OPENING, blank_is_wrong=True),
    Field("closing", Check(_template), default=DEFAULT_CLOSING, blank_is_wrong=True),
    Field("syllables_per_minute", Int(120, 200), default=DEFAULT_RATE),
    Field("max_items", Int(1, 50), default=10),
    Field("zero_tens", Choice(("linh", "lẻ")), default=spoken.DEFAULT.zero_tens),
    Field("thousand", Choice(("nghìn", "ngàn")), default=spoken.DEFAULT.thousand),
    Field("readings", None, deferred=True),  # each entry judged on its own line, below
    Field("audio", AUDIO, message="{p}audio phải là một bảng khóa: giá trị (command, format, loudness, timeout)"),
), who=lambda raw: "radio", message="radio phải là một bảng khóa: giá trị (opening, closing, readings, audio...)")
KEYS = BLOCK.keys
AUDIO_KEYS = AUDIO.keys


def read_settings(raw: object, *, path: str = "mkdocs.yml",
                  line: Callable[..., int | None] = lambda *keys: None) -> tuple[RadioSettings, list[Problem]]:
    """The settings from the ``radio:`` mapping (None: all defaults) and every problem found in it.

    ``line(*keys)`` gives the line of a key under ``radio:`` (``line("audio", "format")``), when known.
    """
    if raw is None:
        return RadioSettings(), []
    v, problems = schema.validate(BLOCK, raw, path=path, line=line)
    if v is None:
        return RadioSettings(), problems
    regional = {key: v[key] for key in ("zero_tens", "thousand") if key in v}
    readings = spoken.Readings(spoken.DEFAULT.words, **{**_regional(spoken.DEFAULT), **regional})
    if "readings" in raw:
        table = raw["readings"]
        if not isinstance(table, dict):
            problems.append(Problem(path, line("readings"), "radio: readings phải là một bảng 'cách viết: cách đọc', "
                                                            "ví dụ {\"CĐS\": \"chuyển đổi số\"}"))
        else:
            extra = {}
            for written, said in table.items():
                where = line("readings", written)
                if not nfc(written) or not nfc(said):
                    problems.append(Problem(path, where, f"radio: readings: '{written}' cần cả cách viết và cách đọc"))
                elif re.search(r"\d", nfc(said)):
                    problems.append(Problem(path, where, f"radio: readings: cách đọc của '{written}' phải viết bằng "
                                                         f"chữ, không có chữ số: '{nfc(said)}'"))
                else:
                    extra[nfc(written)] = nfc(said)
            readings = readings.with_words(extra)
    audio = v.get("audio") or AUDIO.defaults
    audio = AudioSettings(**{k: (float(x) if k in ("loudness", "timeout") else x) for k, x in audio.items()})
    return RadioSettings(**{k: v[k] for k in ("opening", "closing", "syllables_per_minute", "max_items") if k in v},
                         readings=readings, audio=audio), problems


def _regional(r: spoken.Readings) -> dict:
    return {"zero_tens": r.zero_tens, "thousand": r.thousand, "billion": r.billion}


def radio_settings(config) -> tuple[RadioSettings, list[Problem]]:
    """The settings under ``radio:`` in the plugin settings of a loaded ``SiteConfig``."""
    return read_settings(config.extra.get("radio"), path=config.config_file.name,
                         line=lambda *keys: config.line("radio", *keys))
