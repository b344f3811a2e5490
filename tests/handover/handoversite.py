"""A site repository in git, with a weekly channel, a waiver, a backdated article and hostile titles."""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "audit"))  # gitrepo.py, the git helpers

from gitrepo import commit, init  # noqa: E402
from sitefactory import SiteRepo  # noqa: E402

CHANNELS = """\
        - id: chuyen-trang
          name: Chuyên trang Chuyển đổi số
          target: {per: week, min: 1, mode: every, window: 4}
          since: 2026-10-26
        - id: bao
          name: Báo Lâm Đồng
          target: {per: week, min: 1, mode: every, window: 4}
          since: 2026-10-26
"""
WAIVER = '        - {channel: bao, period: 2026-W45, reason: "=Nghỉ lễ, đã duyệt"}'
AS_OF = "2026-11-25"
FORMULA = "=cmd|' /C calc'!A0 (tiêu đề độc hại)"
# an urgent publish in force at AS_OF (xuat-ban-khan/bao-lu.yml)
URGENT_FLOOD = ("xuat-ban-khan/bao-lu.yml", """\
    reason: "Tin bão lũ cần đăng ngay"
    approved_by: "Phó Giám đốc Sở"
    document: "Công văn 77/SKHCN"
    from: 2026-11-22
    until: 2026-11-28
    """)


def make_site(root: Path) -> SiteRepo:
    repo = SiteRepo(root)
    (repo.root / "content").mkdir(parents=True)
    repo.write_config(channels=CHANNELS, waivers=WAIVER)
    init(repo.root)
    for n, day in enumerate(["2026-10-27", "2026-11-03", "2026-11-10", "2026-11-17"]):
        repo.article(f"bai-{n}", f"Chuyển đổi số ở xã số {n}", f"{day} 08:00")
        commit(repo.root, f"{day}T10:00:00+07:00")
    repo.article("cong-thuc", FORMULA, "2026-11-18 09:30")
    repo.feed_items("bao-lam-dong", "bao", [
        {"id": "b1", "title": "Lâm Đồng số hóa hồ sơ", "link": "https://baolamdong.example/b1",
         "published": "2026-10-28T07:00:00+07:00"},
        {"id": "b2", "title": "+1 dịch vụ công mới", "link": "https://baolamdong.example/b2",
         "published": "2026-11-11T07:00:00+07:00"},
        {"id": "b3", "title": "@SUM(1) người dùng", "link": "javascript:alert(1)",
         "published": "2026-11-18T07:00:00+07:00"},
        {"id": "b4", "title": "\tTin thứ hai của tuần", "link": "https://baolamdong.example/b4",
         "published": "2026-11-19T07:00:00+07:00"},
        {"id": "b5", "title": "Tuần 48: ví điện tử", "link": "https://baolamdong.example/b5",
         "published": "2026-11-24T07:00:00+07:00"},
        {"id": "b6", "title": "Tuần 49: chữ ký số", "link": "https://baolamdong.example/b6",
         "published": "2026-12-02T07:00:00+07:00"},
    ], source_name="Báo Lâm Đồng")
    commit(repo.root, "2026-11-19T10:00:00+07:00")
    # dated 04/11 but first committed on 24/11: backdated, listed but not counted
    repo.article("lui", "Bài đăng lùi ngày", "2026-11-04 08:00")
    commit(repo.root, "2026-11-24T10:00:00+07:00")
    return repo

