"""`chuyentrang serve` keeps previewing when a frequency target is missed, and says so on the terminal, as `mkdocs
serve` does: an editor who only previews must learn before pushing that the real build would publish nothing."""
from __future__ import annotations

from servehelp import Served

MISSED = "Không đạt chỉ tiêu tần suất"
MET = "Chỉ tiêu tần suất đã đạt"


def test_a_missed_target_is_a_warning_and_serve_goes_on(repo):
    repo.article("tuan-1", "Bài tuần 1", "2024-01-02 09:00")  # weeks 2..4 of the window have nothing
    served = Served(repo.config, "--as-of", "2024-02-01")
    try:
        log = served.wait_log(MISSED)
        assert MISSED in log and "KHÔNG ĐẠT" in log and "THIẾU Tuần 2/2024" in log, log
        assert "Traceback" not in log, log
        assert served.get("bai-viet/bai-tuan-1/")[0] == 200  # the preview still serves the site
        before = served.version()
        for week, day in ((2, "09"), (3, "16"), (4, "23")):
            repo.article(f"tuan-{week}", f"Bài tuần {week}", f"2024-01-{day} 09:00")
        served.settle(before)
        log = served.wait_log(MET)
        assert MET in log.split(MISSED)[-1], log  # said once the missing weeks are written
        assert log.count("THIẾU Tuần 2/2024") == 1, log  # the miss was said once, not again after every save
    finally:
        served.stop()
