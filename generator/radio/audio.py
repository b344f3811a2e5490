"""The reading script -> an MP3 or Ogg file for the commune loudspeakers, when a speech engine is installed.

The engine is a command template (``radio: audio: command:``), by default Debian's ``espeak-ng`` with its Vietnamese
voice; a province plugs in a better voice with any program that reads a UTF-8 text file and writes a WAV file
(``{text_file}``, ``{wav_file}``, and ``{rate}`` in syllables a minute or ``{espeak_speed}``, espeak-ng's speed
for that rate). It is run with a list of arguments, never
through a shell, so nothing in a headline can become a command. ``ffmpeg`` then evens out the loudness (its
``loudnorm`` filter) and encodes. Each program has a timeout; the file appears whole or not at all (written beside
the target under a temporary name, then renamed over it).

No engine or no ffmpeg is not an error: ``audio_notice`` says so in Vietnamese (the caller prints it once) and
``make_audio`` returns no file. An engine that is there but fails raises ``AudioError`` with one clear line.
"""
from __future__ import annotations

import json
import math
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator.radio.settings import AudioSettings, RadioSettings
from generator.support.exits import os_reason

ENCODERS = {"mp3": ("-c:a", "libmp3lame", "-b:a", "64k", "-f", "mp3"),  # mono speech: 64 kbit/s is plenty
            "ogg": ("-c:a", "libvorbis", "-q:a", "3", "-f", "ogg")}
PROBE_TIMEOUT = 60
# espeak-ng's -s is in English words a minute; its Vietnamese voice says about 1.39 syllables for each (measured
# with Debian's espeak-ng 1.51 over speeds 90-130), so {espeak_speed} = syllables a minute / 1.39.
ESPEAK_SYLLABLES_PER_WORD = 1.39


class AudioError(Exception):
    """The engine or ffmpeg is installed but failed: one line, in Vietnamese."""


@dataclass(frozen=True)
class AudioResult:
    path: Path | None  # the audio file, or None when no engine is installed
    notice: str | None  # why there is no audio


def _program(name: str) -> str | None:
    if os.sep in name:
        return name if os.access(name, os.X_OK) else None
    return shutil.which(name)


def missing_programs(settings: AudioSettings) -> tuple[str, ...]:
    """The programs the audio needs and this machine lacks: the engine (the command's first word) and ffmpeg."""
    return tuple(p for p in (settings.command[0], "ffmpeg") if _program(p) is None)


def audio_notice(settings: AudioSettings) -> str | None:
    """None when audio can be made; else the Vietnamese notice the caller says once."""
    missing = missing_programs(settings)
    if not missing:
        return None
    return (f"Chưa cài {' và '.join(missing)} trên máy build: bản tin phát thanh chỉ có văn bản, không có tệp âm "
            f"thanh. Trên Debian/Ubuntu: sudo apt-get install espeak-ng ffmpeg (hoặc đặt radio: audio: command: "
            f"là chương trình đọc tiếng Việt của tỉnh).")


def _fill(part: str, values: dict[str, str]) -> str:
    return re.sub(r"\{(\w+)\}", lambda mt: values.get(mt[1], mt[0]), part)


def _last_line(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    return lines[-1] if lines else "không có thông báo lỗi"


def _run(command: list[str], timeout: float, what: str) -> bytes:
    try:
        done = subprocess.run(command, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise AudioError(f"{what} chạy quá {timeout:g} giây và đã bị dừng: {command[0]}") from None
    except OSError as exc:
        raise AudioError(f"{what} không chạy được: {command[0]}: {os_reason(exc)}") from None
    if done.returncode != 0:
        raise AudioError(f"{what} báo lỗi (mã {done.returncode}): {command[0]}: {_last_line(done.stderr)}")
    return done.stderr


def _loudnorm(ffmpeg: str, wav_file: Path, audio: AudioSettings) -> str:
    """The loudnorm filter in two passes: measured first, then applied linearly. One pass adjusts as it goes and,
    on a few minutes of speech, ends up a couple of LU short of the target."""
    target = f"I={audio.loudness:g}:TP=-1.5:LRA=11"
    report = _run([ffmpeg, "-nostdin", "-hide_banner", "-i", str(wav_file), "-af",
                   f"loudnorm={target}:print_format=json", "-f", "null", "-"], audio.timeout, "ffmpeg")
    found = re.search(rb"\{[^{}]*\"input_i\"[^{}]*\}", report)
    try:
        m = json.loads(found[0]) if found else {}
        measured = {k: float(m[k]) for k in ("input_i", "input_tp", "input_lra", "input_thresh", "target_offset")}
        if not all(math.isfinite(v) for v in measured.values()):
            raise ValueError("silence")
    except (KeyError, ValueError):
        return f"loudnorm={target}"  # silence or an odd report: the one-pass filter still evens the level
    return (f"loudnorm={target}:measured_I={measured['input_i']}:measured_TP={measured['input_tp']}:"
            f"measured_LRA={measured['input_lra']}:measured_thresh={measured['input_thresh']}:"
            f"offset={measured['target_offset']}:linear=true")


def make_audio(text: str, target: Path, settings: RadioSettings = RadioSettings()) -> AudioResult:
    """Read ``text`` (a script's ``spoken`` text) into ``target``, loudness-normalised, in ``settings.audio.format``.

    Returns the file, or no file and the notice when the engine or ffmpeg is not installed; raises AudioError when
    one of them fails or runs past its timeout (``target`` is then left as it was).
    """
    audio = settings.audio
    notice = audio_notice(audio)
    if notice:
        return AudioResult(None, notice)
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    for stale in target.parent.glob(f".{target.name}.*.tmp"):  # left by a build killed mid-write
        stale.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="chuyentrang-radio-") as work:
        text_file, wav_file = Path(work) / "ban-tin.txt", Path(work) / "ban-tin.wav"
        text_file.write_text(text, encoding="utf-8")
        rate = settings.syllables_per_minute
        values = {"text_file": str(text_file), "wav_file": str(wav_file), "rate": str(rate),
                  "espeak_speed": str(round(rate / ESPEAK_SYLLABLES_PER_WORD))}
        command = [_fill(part, values) for part in audio.command]
        command[0] = _program(command[0]) or command[0]
        _run(command, audio.timeout, "Chương trình đọc")
        if not wav_file.exists() or wav_file.stat().st_size <= 44:  # 44 bytes: a WAV header with no sound
            raise AudioError(f"Chương trình đọc không ghi ra âm thanh nào: {audio.command[0]}")

        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        ffmpeg = _program("ffmpeg") or "ffmpeg"
        try:
            _run([ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error", "-y",
                  "-i", str(wav_file), "-af", _loudnorm(ffmpeg, wav_file, audio),
                  "-ar", "44100", "-ac", "1", *ENCODERS[audio.format], tmp], audio.timeout, "ffmpeg")
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return AudioResult(target, None)


def duration_seconds(path: Path, ffprobe: str = "ffprobe") -> float | None:
    """The audio file's duration by ffprobe; None when ffprobe is missing or cannot read it."""
    program = _program(ffprobe)
    if program is None:
        return None
    try:
        done = subprocess.run([program, "-v", "error", "-show_entries", "format=duration", "-of",
                               "default=noprint_wrappers=1:nokey=1", str(path)],
                              stdin=subprocess.DEVNULL, capture_output=True, timeout=PROBE_TIMEOUT)
        return float(done.stdout.decode().strip()) if done.returncode == 0 else None
    except (subprocess.TimeoutExpired, OSError, ValueError):
        return None
