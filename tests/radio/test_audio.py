"""The bulletin's audio: espeak-ng's Vietnamese voice through ffmpeg's loudnorm, a plugged-in engine, no engine."""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from generator.radio.audio import AudioError, audio_notice, duration_seconds, make_audio
from generator.radio.script import RadioItem, build_script
from generator.radio.settings import AudioSettings, RadioSettings
from system_packages import ensure_program

ITEMS = [
    RadioItem("Xã Quảng Tín ra mắt Tổ CNSCĐ",
              "Ngày 13/10/2026, UBND xã Quảng Tín ra mắt 12 tổ công nghệ số cộng đồng với 85 thành viên, hướng "
              "dẫn bà con cài VNeID, thanh toán qua mã QR và nộp hồ sơ trên Cổng dịch vụ công.",
              date(2026, 10, 13), "Báo Đắk Nông"),
    RadioItem("Hơn 1.250 hộ dùng dịch vụ công trực tuyến",
              "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 62,5%, tăng 15% so với quý III. Bà con cần hỗ trợ gọi tổng "
              "đài 1022 hoặc số 0912 345 678 từ 7h30 đến 17h các ngày trong tuần.",
              date(2026, 10, 15), "Chuyên trang Chuyển đổi số"),
    RadioItem("Phủ sóng 4G đến 100% thôn, bon",
              "Đến quý IV, các nhà mạng đã lắp thêm 24 trạm phát sóng, kéo 35 km cáp quang đến các thôn vùng sâu.",
              date(2026, 10, 16), "Báo Đắk Nông"),
]


@pytest.fixture(scope="module")
def programs():
    found = {p: ensure_program(p, pkg) for p, pkg in (("espeak-ng", "espeak-ng"), ("ffmpeg", "ffmpeg"),
                                                     ("ffprobe", "ffmpeg"))}
    missing = [p for p, path in found.items() if path is None]
    if missing:
        pytest.skip(f"cannot install {', '.join(missing)} on this machine")
    return found


def integrated_loudness(path: Path) -> float:
    done = subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-i", str(path), "-af", "ebur128", "-f", "null",
                           "-"], capture_output=True, text=True, timeout=120)
    return float(re.findall(r"I:\s+(-?[\d.]+) LUFS", done.stderr)[-1])


@pytest.mark.parametrize("fmt, codec", [("mp3", "mp3"), ("ogg", "vorbis")])
def test_espeak_reads_the_script_within_the_estimated_time_at_the_set_loudness(programs, tmp_path, fmt, codec):
    settings = RadioSettings(audio=AudioSettings(format=fmt))
    script = build_script("2026-W42", ITEMS, settings)
    target = tmp_path / "truyen-thanh" / f"2026-w42.{fmt}"
    result = make_audio(script.spoken, target, settings)
    assert result.path == target and result.notice is None
    seconds = duration_seconds(target)
    estimate = script.reading_time
    # The range is the estimate at 170 and at 150 syllables a minute (about -6% / +7%): wide enough for the
    # engine's pauses at commas and full stops, narrow enough that espeak-ng left at its own speed (175 English
    # words a minute, about 240 Vietnamese syllables) or a cut-off or doubled reading falls outside it.
    assert estimate.low <= seconds <= estimate.high, (seconds, estimate)
    probe = subprocess.run([programs["ffprobe"], "-v", "error", "-show_entries", "stream=codec_name,channels",
                            "-of", "csv=p=0", str(target)], capture_output=True, text=True, timeout=60)
    assert probe.stdout.strip() == f"{codec},1"
    assert integrated_loudness(target) == pytest.approx(-16, abs=1.5)
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temporary file left beside it


def test_a_slower_rate_gives_a_longer_reading(programs, tmp_path):
    text = build_script("2026-W42", ITEMS[:1]).spoken
    fast = make_audio(text, tmp_path / "nhanh.mp3", RadioSettings(syllables_per_minute=190)).path
    slow = make_audio(text, tmp_path / "cham.mp3", RadioSettings(syllables_per_minute=130)).path
    assert duration_seconds(slow) / duration_seconds(fast) == pytest.approx(190 / 130, rel=0.12)


FAKE_ENGINE = """
import sys, wave
text_file, wav_file = sys.argv[1], sys.argv[2]
words = len(open(text_file, encoding="utf-8").read().split())
with wave.open(wav_file, "wb") as w:   # a tenth of a second of a quiet hum per word
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(16000)
    w.writeframes(b"\\x00\\x10\\x00\\xf0" * 800 * words)
"""


def test_a_province_plugs_in_its_own_engine(tmp_path):
    if ensure_program("ffmpeg", "ffmpeg") is None or ensure_program("ffprobe", "ffmpeg") is None:
        pytest.skip("cannot install ffmpeg on this machine")
    engine = tmp_path / "engine.py"
    engine.write_text(FAKE_ENGINE, encoding="utf-8")
    settings = RadioSettings(audio=AudioSettings(command=(sys.executable, str(engine), "{text_file}", "{wav_file}"),
                                                 format="ogg"))
    text = "Kính thưa bà con; $(rm -rf /) `reboot` và những chữ khác nữa."  # words, never a command
    result = make_audio(text, tmp_path / "ban-tin.ogg", settings)
    assert result.path.exists() and result.notice is None
    assert duration_seconds(result.path) == pytest.approx(len(text.split()) * 0.1, abs=0.15)


def test_no_engine_gives_the_notice_and_no_audio(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))  # neither espeak-ng nor ffmpeg can be found
    settings = RadioSettings()
    notice = audio_notice(settings.audio)
    assert notice.startswith("Chưa cài espeak-ng và ffmpeg trên máy build: bản tin phát thanh chỉ có văn bản")
    assert "sudo apt-get install espeak-ng ffmpeg" in notice
    result = make_audio("Kính thưa bà con.", tmp_path / "out" / "ban-tin.mp3", settings)
    assert result.path is None and result.notice == notice
    assert not (tmp_path / "out").exists()


def test_a_configured_engine_that_is_not_installed_is_named(tmp_path):
    audio = AudioSettings(command=("giong-doc-cua-tinh", "{text_file}", "{wav_file}"))
    assert audio_notice(audio).startswith("Chưa cài giong-doc-cua-tinh")


def test_a_failing_engine_is_one_clear_line_and_the_old_file_stays(tmp_path):
    if ensure_program("ffmpeg", "ffmpeg") is None:
        pytest.skip("cannot install ffmpeg on this machine")
    target = tmp_path / "ban-tin.mp3"
    target.write_bytes(b"ban tin tuan truoc")
    failing = AudioSettings(command=(sys.executable, "-c", "import sys; sys.stderr.write('no voice vi\\n'); "
                                     "sys.exit(3)", "{text_file}", "{wav_file}"))
    with pytest.raises(AudioError, match=r"^Chương trình đọc báo lỗi \(mã 3\): .*: no voice vi$"):
        make_audio("Kính thưa bà con.", target, RadioSettings(audio=failing))
    hanging = AudioSettings(command=(sys.executable, "-c", "import time; time.sleep(60)", "{text_file}",
                                     "{wav_file}"), timeout=0.5)
    with pytest.raises(AudioError, match=r"chạy quá 0\.5 giây và đã bị dừng"):
        make_audio("Kính thưa bà con.", target, RadioSettings(audio=hanging))
    silent = AudioSettings(command=(sys.executable, "-c", "pass", "{text_file}", "{wav_file}"))
    with pytest.raises(AudioError, match="không ghi ra âm thanh nào"):
        make_audio("Kính thưa bà con.", target, RadioSettings(audio=silent))
    assert target.read_bytes() == b"ban tin tuan truoc"
    assert [p.name for p in tmp_path.iterdir()] == ["ban-tin.mp3"]
