"""`chuyentrang serve` names the drafts and scheduled articles, and shows a scheduled article published once its
time comes (without --as-of), as a build made then would."""
from __future__ import annotations

import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from servehelp import Served

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_scheduled_article_goes_up_when_its_time_comes(repo):
    now = datetime.now(TZ)
    repo.article("bai-cu", "Bài đã đăng", (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S"))
    repo.article("bai-nhap", "Bài còn nháp", (now - timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S"), draft="true")
    due = (now + timedelta(seconds=25)).replace(microsecond=0)
    repo.article("bai-hen-gio", "Bài hẹn giờ sắp lên", due.strftime("%Y-%m-%d %H:%M:%S"))
    served = Served(repo.config)
    try:
        log = served.wait_log("Bản nháp")
        assert "Bản nháp (không xuất bản): content/bai-viet/bai-nhap.md" in log, log
        assert "Hẹn giờ" in log and "content/bai-viet/bai-hen-gio.md lúc" in log, log
        status, body = served.get("bai-viet/bai-hen-gio-sap-len/")
        assert status == 200 and "HẸN GIỜ".encode() in body
        assert "Bài hẹn giờ sắp lên".encode() not in served.get("")[1]  # not on the home page yet
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            status, body = served.get("bai-viet/bai-hen-gio-sap-len/")
            if "HẸN GIỜ".encode() not in body:
                break
            time.sleep(0.5)
        assert datetime.now(TZ) >= due
        assert status == 200 and "HẸN GIỜ".encode() not in body, served.log.read_text(encoding="utf-8")
        assert "Bài hẹn giờ sắp lên".encode() in served.get("")[1]  # listed like any published article
        log = served.wait_log("Bản nháp", after="Đã cập nhật")  # the draft is still named after the update
        assert log.count("Đã cập nhật") >= 1 and "bai-hen-gio.md lúc" not in log.split("Đã cập nhật")[-1], log
    finally:
        served.stop()
