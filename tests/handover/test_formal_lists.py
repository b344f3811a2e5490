"""What a formal quarterly or monthly report lists beside its document: every urgent-publish decision of its range
(not only the one in force when it was made), and its own CSV files, one period a row and one evidence item a row."""
from __future__ import annotations

import csv
import io
import json

import pytest

from handoversite import AS_OF, FORMULA, make_site
from sitefactory import run_cli

BASE = "nhat-ky-tan-suat/bao-cao/"
URGENT = {  # file name: (from, until, document)
    "bao-thang-10": ("2026-10-05 07:00", "2026-10-07", "10/STTTT"),
    "lua-dao": ("2026-11-10 08:00", "2026-11-12", "11/STTTT"),
    "bao-so-9": ("2026-11-24 07:00", "2026-11-27", "12/STTTT"),  # in force at the as-of time
    "sau-ngay-lap": ("2026-12-10 07:00", "2026-12-12", "13/STTTT"),  # not started by the as-of time
    "quy-3": ("2026-09-01 07:00", "2026-09-03", "9/STTTT"),  # another quarter
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    repo = make_site(tmp_path_factory.mktemp("formal-lists") / "site-repo")
    for name, (start, end, doc) in URGENT.items():
        repo.raw(f"xuat-ban-khan/{name}.yml", f"""\
            reason: "Tin khẩn {name}"
            approved_by: "Phó Giám đốc Sở"
            document: "{doc}"
            from: {start}
            until: {end}
            """)
    site = repo.root / "site"
    from generator.reports.handover import pdf

    saved, pdf.available = pdf.available, lambda: False  # the PDF is tested in test_formal.py; not needed here
    try:
        code, out, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF, "-d", site)
    finally:
        pdf.available = saved
    assert code == 0, out + err
    return site / BASE


def _documents(folder) -> list[str]:
    data = json.loads((folder / "bao-cao.json").read_text(encoding="utf-8"))
    return [u["document"] for u in data["urgent_publishes"]]


def test_every_urgent_publish_of_the_range_is_listed_not_only_the_one_in_force(built):
    assert _documents(built / "2026-q4") == ["10/STTTT", "11/STTTT", "12/STTTT"]
    assert _documents(built / "2026-11") == ["11/STTTT", "12/STTTT"]
    assert _documents(built / "2026-10") == ["10/STTTT"]
    q4 = json.loads((built / "2026-q4" / "bao-cao.json").read_text(encoding="utf-8"))
    assert q4["urgent_publish"]["document"] == "12/STTTT"  # the one in force at the as-of time, as before
    html = (built / "2026-q4" / "index.html").read_text(encoding="utf-8")
    section = html[html.index("III. Miễn trừ và xuất bản khẩn"):html.index("IV. Danh mục minh chứng")]
    for doc in ("10/STTTT", "11/STTTT", "12/STTTT"):
        assert doc in section
    assert "13/STTTT" not in section and "9/STTTT" not in section
    assert "Từ 05/10/2026 07:00 đến 07/10/2026 23:59" in section
    assert section.count("đang có hiệu lực lúc lập báo cáo") == 1
    assert "Nghỉ lễ, đã duyệt" in section  # the waiver stays listed beside them


def _rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_each_formal_report_has_its_own_period_and_evidence_csv(built):
    month = built / "2026-11"
    periods = _rows(month / "bao-cao.csv")
    report = json.loads((month / "bao-cao.json").read_text(encoding="utf-8"))
    assert [(r["Mã kênh"], r["Mã kỳ"]) for r in periods] == [
        (c["id"], p["period"]) for c in report["channels"] for p in c["periods"]]
    assert {r["Mã kỳ"] for r in periods} == {"2026-W45", "2026-W46", "2026-W47", "2026-W48"}  # Thursdays in November
    waived = next(r for r in periods if (r["Mã kênh"], r["Mã kỳ"]) == ("bao", "2026-W45"))
    assert waived["Trạng thái"] == "Miễn trừ" and waived["Kỳ"] == "Tuần 45/2026 (02/11–08/11)"
    assert waived["Lý do miễn trừ"] == "'=Nghỉ lễ, đã duyệt"  # neutralised, never a formula
    evidence = _rows(month / "minh-chung.csv")
    items = [(c["id"], p["period"], i["title"]) for c in report["channels"] for p in c["periods"] for i in p["items"]]
    assert [(r["Mã kênh"], r["Mã kỳ"], r["Tiêu đề"].removeprefix("'")) for r in evidence] == items
    formula = next(r for r in evidence if FORMULA in r["Tiêu đề"])
    assert formula["Tiêu đề"] == "'" + FORMULA and formula["Nguồn"] == "Bài viết của chuyên trang"
    late = next(r for r in evidence if r["Tiêu đề"] == "Bài đăng lùi ngày")
    assert late["Gắn cờ"] == "Đăng lùi ngày" and late["Được tính vào chỉ tiêu"] == "Không"
    october = _rows(built / "2026-10" / "minh-chung.csv")
    assert {r["Mã kỳ"] for r in october} == {"2026-W44"}
    page = (month / "index.html").read_text(encoding="utf-8")
    assert 'href="minh-chung.csv"' in page and 'href="bao-cao.csv"' in page
