"""A long build says what it is doing: phases with counts and elapsed time on stderr; a bar only on a terminal."""
from __future__ import annotations

import io
import re

from generator.cli.phases import Phases
from sitefactory import run_cli


def test_a_build_in_a_log_prints_one_plain_line_per_phase(repo, tmp_path):
    repo.write_config(as_of="2024-01-20")
    for n in range(3):
        repo.article(f"bai-{n}", f"Bài số {n}", f"2024-01-{2 + 7 * n:02d} 09:00")  # one a week
    code, out, err = run_cli("build", "-f", repo.config, "-d", tmp_path / "out")
    assert code == 0, out + err
    assert "\r" not in err and "\033" not in err and "#" not in err  # no bar in a log
    lines = [ln for ln in err.splitlines() if ": xong" in ln]
    assert [re.sub(r"^\[ *[\d.]+ giây\] ", "", ln).split(":")[0] for ln in lines] == [
        "Đọc và chấm dữ liệu", "Dựng trang tổng hợp, báo cáo", "Dựng các trang HTML"]
    assert "3 bài viết" in lines[0]
    pages = int(re.search(r"xong, (\d+) trang", lines[2]).group(1))
    assert pages >= 3  # at least the articles' pages


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_on_a_terminal_the_phase_is_a_bar_redrawn_in_place():
    t = [0.0]
    err = _Tty()
    p = Phases(err, clock=lambda: t[0])
    assert p.tty
    p.begin("Dựng các trang HTML", total=10)
    for _ in range(5):
        t[0] += 0.5
        p.advance()
    t[0] = 12.0
    p.end("10 trang")
    text = err.getvalue()
    assert "\r\033[K" in text
    assert "[############............] 5/10" in text
    assert text.endswith("[  12.0 giây] Dựng các trang HTML: xong, 10 trang\n")
    plain = io.StringIO()
    q = Phases(plain)
    assert not q.tty
    q.begin("Dựng các trang HTML", total=10_000)
    q.advance(10_000)
    q.end("10.000 trang")
    assert plain.getvalue().count("\n") == 1 and "\r" not in plain.getvalue()
