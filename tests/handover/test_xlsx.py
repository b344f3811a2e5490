"""The auditor's workbook, opened with openpyxl and read cell by cell as Excel would show it."""
from __future__ import annotations

import time
import zipfile
from datetime import datetime

import openpyxl
import pytest

from handoversite import FORMULA
from generator.reports.handover import publish, xlsx
from generator.core.site import load_site


@pytest.fixture(scope="module")
def site(site_repo):
    return load_site(site_repo.config, "2026-12-10")  # W48 and W49 have no article: the chuyên trang misses


@pytest.fixture(scope="module")
def book(site, tmp_path_factory):
    path = tmp_path_factory.mktemp("xlsx") / "bao-cao.xlsx"
    prov = xlsx.Provenance("Chuyên trang thử", "a" * 40, False, "ABCD-EFGH-IJKL")
    xlsx.write_report_xlsx(site.report, path, publish.source_names(site), prov)
    return path


def rows(ws) -> list[dict]:
    head = [c.value for c in ws[1]]
    return [dict(zip(head, r)) for r in ws.iter_rows(min_row=2)]


def test_sheets_headers_frozen_row_and_filters(book):
    wb = openpyxl.load_workbook(book)
    assert wb.sheetnames == ["Tổng hợp", "Các kỳ", "Minh chứng", "Thông tin"]
    for name, header in (("Tổng hợp", xlsx.SUMMARY_HEADER), ("Các kỳ", xlsx.PERIOD_HEADER),
                         ("Minh chứng", xlsx.EVIDENCE_HEADER)):
        ws = wb[name]
        assert [c.value for c in ws[1]] == [h for h, _ in header]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref.startswith("A1:")
        assert ws.column_dimensions["B"].width > 20  # names are readable without resizing


def test_summary_says_target_and_status_in_words(book):
    summary = {r["Mã kênh"].value: r for r in rows(openpyxl.load_workbook(book)["Tổng hợp"])}
    ct, bao = summary["chuyen-trang"], summary["bao"]
    assert ct["Tên kênh"].value == "Chuyên trang Chuyển đổi số"
    assert ct["Chỉ tiêu"].value.startswith("ít nhất 1 tin bài mỗi tuần")
    assert ct["Trạng thái"].value == "Không đạt" and bao["Trạng thái"].value == "Đạt"
    assert "Tuần 48/2026 (23/11–29/11)" in ct["Các kỳ được đánh giá"].value
    assert "Tuần 45/2026" not in bao["Các kỳ được đánh giá"].value  # waived: not judged


def test_periods_have_real_dates_numbers_and_waivers(book):
    periods = {(r["Mã kênh"].value, r["Mã kỳ"].value): r for r in rows(openpyxl.load_workbook(book)["Các kỳ"])}
    w47 = periods[("chuyen-trang", "2026-W47")]
    assert w47["Kỳ"].value == "Tuần 47/2026 (16/11–22/11)"
    assert w47["Từ ngày"].is_date and w47["Từ ngày"].value == datetime(2026, 11, 16)
    assert w47["Đến ngày"].value == datetime(2026, 11, 22) and w47["Từ ngày"].number_format == "dd/mm/yyyy"
    assert w47["Số tin bài"].data_type == "n" and w47["Số tin bài"].value == 2
    assert w47["Trạng thái"].value == "Đạt"
    assert periods[("chuyen-trang", "2026-W48")]["Trạng thái"].value == "Không đạt"
    assert periods[("chuyen-trang", "2026-W50")]["Trạng thái"].value == "Đang diễn ra"
    waived = periods[("bao", "2026-W45")]
    assert waived["Trạng thái"].value == "Miễn trừ"
    assert waived["Lý do miễn trừ"].value == "=Nghỉ lễ, đã duyệt" and waived["Lý do miễn trừ"].data_type == "s"


def test_evidence_dates_links_flags_and_sources(book):
    ev = rows(openpyxl.load_workbook(book)["Minh chứng"])
    by_title = {r["Tiêu đề"].value: r for r in ev}
    assert len(ev) == 12  # every item, the flagged one included
    first = by_title["Lâm Đồng số hóa hồ sơ"]
    assert first["Tên kênh"].value == "Báo Lâm Đồng" and first["Nguồn"].value == "Báo Lâm Đồng"
    assert first["Kỳ"].value == "Tuần 44/2026 (26/10–01/11)"
    assert first["Ngày đăng"].is_date and first["Ngày đăng"].value == datetime(2026, 10, 28, 7, 0)
    assert first["Liên kết"].hyperlink.target == "https://baolamdong.example/b1"
    assert first["Được tính"].value == "Có" and first["Gắn cờ"].value is None
    late = by_title["Bài đăng lùi ngày"]
    assert late["Nguồn"].value == "Bài viết của chuyên trang"
    assert late["Được tính"].value == "Không"
    assert late["Gắn cờ"].value == "Đăng lùi ngày"
    assert late["Liên kết"].hyperlink.target.startswith("https://example.test/bai-viet/")
    # a link that is not http(s) stays text, never a clickable hyperlink
    js = by_title["@SUM(1) người dùng"]
    assert js["Liên kết"].value == "javascript:alert(1)" and js["Liên kết"].hyperlink is None


def test_formula_payloads_stay_text(book):
    wb = openpyxl.load_workbook(book)
    titles = [r["Tiêu đề"] for r in rows(wb["Minh chứng"])]
    hostile = [c for c in titles if c.value[0] in "=+-@\t"]
    assert {c.value for c in hostile} == {FORMULA, "+1 dịch vụ công mới", "@SUM(1) người dùng",
                                           "\tTin thứ hai của tuần"}
    assert all(c.data_type == "s" for c in hostile)
    with zipfile.ZipFile(book) as z:  # no formula anywhere in the workbook
        assert not any(b"<f>" in z.read(n) or b"<f " in z.read(n) for n in z.namelist()
                       if n.startswith("xl/worksheets/"))


def test_same_report_same_bytes(site, tmp_path):
    a = xlsx.write_report_xlsx(site.report, tmp_path / "a.xlsx")
    time.sleep(1.1)  # the clock moved on: nothing of it may reach the file
    b = xlsx.write_report_xlsx(site.report, tmp_path / "b.xlsx")
    assert a.read_bytes() == b.read_bytes()
    assert openpyxl.load_workbook(a).properties.created == datetime(2026, 12, 10, 16, 59, 59)  # as-of, in UTC
    assert not list(tmp_path.glob(".*"))  # no temporary file left beside


def test_about_sheet_shows_commit_and_code(book):
    about = {r[0].value: r[1].value for r in openpyxl.load_workbook(book)["Thông tin"].iter_rows(min_row=2)}
    assert about["Mã xác minh"] == "ABCD-EFGH-IJKL"
    assert about["Phiên bản dữ liệu (git commit)"] == "a" * 40
    assert about["Thời điểm xét"].startswith("10/12/2026 23:59")


def test_a_month_holds_only_its_periods(site, tmp_path):
    path = xlsx.write_range_xlsx(site.report, tmp_path / "thang.xlsx", "2026-11", publish.source_names(site))
    wb = openpyxl.load_workbook(path)
    pids = {r["Mã kỳ"].value for r in rows(wb["Các kỳ"])}
    # W44 (26/10–01/11) has its Thursday in October; W48 (23/11–29/11) in November
    assert pids == {"2026-W45", "2026-W46", "2026-W47", "2026-W48"}
    titles = {r["Tiêu đề"].value for r in rows(wb["Minh chứng"])}
    assert "Lâm Đồng số hóa hồ sơ" not in titles and "+1 dịch vụ công mới" in titles
    summary = {r["Mã kênh"].value: r for r in rows(wb["Tổng hợp"])}
    assert summary["chuyen-trang"]["Trạng thái trong kỳ báo cáo"].value == "Không đạt"
    assert summary["chuyen-trang"]["Các kỳ không đạt"].value == "Tuần 48/2026 (23/11–29/11)"
    assert summary["bao"]["Số kỳ miễn trừ"].value == 1


def test_a_quarter_and_a_bad_range(site, tmp_path):
    path = xlsx.write_range_xlsx(site.report, tmp_path / "quy.xlsx", "2026-Q4")
    pids = {r["Mã kỳ"].value for r in rows(openpyxl.load_workbook(path)["Các kỳ"])}
    assert "2026-W44" in pids and "2026-W50" in pids
    for bad in ("2026-Q5", "2026-W47", "quý 4"):
        with pytest.raises(ValueError, match="kỳ báo cáo không hợp lệ"):
            xlsx.write_range_xlsx(site.report, tmp_path / "x.xlsx", bad)


def test_an_urgent_publish_is_in_the_workbook_as_in_the_json_beside_it(tmp_path):
    """The JSON carries the urgent publish (``urgent_publish``, a formal report's ``urgent_publishes``); the workbook,
    "the same report" for the auditor who opens only Excel, says it too: approver, document and file."""
    import io

    from handoversite import URGENT_FLOOD, make_site

    repo = make_site(tmp_path / "site-repo")
    repo.raw(*URGENT_FLOOD)
    site = load_site(repo.config, "2026-11-25")

    def urgent_rows(data: bytes) -> list[str]:
        ws = openpyxl.load_workbook(io.BytesIO(data))["Thông tin"]
        return [r[1].value for r in ws.iter_rows(min_row=2) if r[0].value == "Xuất bản khẩn"]

    for data in (xlsx.report_xlsx_bytes(site.report), xlsx.range_xlsx_bytes(site.report, "2026-11"),
                 xlsx.range_xlsx_bytes(site.report, "2026-Q4")):
        [line] = urgent_rows(data)
        for words in ("22/11/2026 00:00", "28/11/2026 23:59", "Tin bão lũ cần đăng ngay", "phê duyệt: Phó Giám đốc Sở",
                      "văn bản Công văn 77/SKHCN", "tệp xuat-ban-khan/bao-lu.yml"):
            assert words in line, line
    assert urgent_rows(xlsx.range_xlsx_bytes(site.report, "2026-10")) == []  # as its JSON: none in October
    later = load_site(repo.config, "2026-12-10")  # no longer in force: the whole report's JSON has none either
    assert urgent_rows(xlsx.report_xlsx_bytes(later.report)) == []
    assert len(urgent_rows(xlsx.range_xlsx_bytes(later.report, "2026-11"))) == 1
