"""The files auditors hand in: CSV that Excel reads (UTF-8 with BOM), JSON valid against the contract's schema,
both byte-identical for the same inputs and as-of time."""
from __future__ import annotations

import csv
import io
import json

import jsonschema
import pytest

from gitrepo import commit, init
from sitefactory import SHARED
from generator.cli.main import main

CHANNELS = """\
        - id: chuyen-trang
          name: Chuyên trang Chuyển đổi số
          target: {per: week, min: 1, mode: every, window: 4}
          since: 2025-12-01
        - id: truyen-thanh
          name: Truyền thanh cơ sở
          target: {per: month, min: 1, mode: every, window: 2}
          since: 2025-11-01
"""
FILES = ["bao-cao.json", "bao-cao.csv", "minh-chung.csv", "bao-cao-thang.csv", "bao-cao-quy.csv"]


@pytest.fixture
def site_repo(repo):
    repo.write_config(channels=CHANNELS,
                      waivers='        - {channel: chuyen-trang, period: 2025-W52, reason: "Nghỉ Tết Dương lịch"}')
    init(repo.root)
    for n, day in enumerate(["2025-12-02", "2025-12-09", "2025-12-16", "2025-12-31", "2026-01-06", "2026-01-13"]):
        repo.article(f"bai-{n}", f"Chuyển đổi số ở xã số {n}", f"{day} 08:00")
    repo.article("truyen-thanh", "Phát thanh: dịch vụ công", "2025-11-20 08:00", channel="truyen-thanh")
    repo.article("truyen-thanh-12", "Phát thanh: chữ ký số", "2025-12-10 08:00", channel="truyen-thanh")
    commit(repo.root, "2025-11-20T09:00:00+07:00")
    repo.article("lui", "Bài đăng lùi ngày", "2026-01-07 08:00", channel="truyen-thanh")
    commit(repo.root, "2026-01-19T09:00:00+07:00")
    repo.feed_items("bao", "chuyen-trang", [])
    return repo


def build(repo, dest, monkeypatch, epoch: str):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    out, err = io.StringIO(), io.StringIO()
    code = main(["build", "-f", str(repo.config), "--as-of", "2026-01-20", "-d", str(dest)], out=out, err=err)
    assert code == 0, err.getvalue()
    return dest / "nhat-ky-tan-suat"


def test_two_builds_give_byte_identical_reports(site_repo, tmp_path, monkeypatch):
    a = build(site_repo, tmp_path / "a", monkeypatch, "1768870800")
    b = build(site_repo, tmp_path / "b", monkeypatch, "1768957200")  # a day later
    for name in FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    # the human page does show when it was built, so it differs
    assert (a / "index.html").read_bytes() != (b / "index.html").read_bytes()
    assert "20/01/2026 08:00" in (a / "index.html").read_text(encoding="utf-8")


def _rows(path) -> list[dict]:
    return list(csv.DictReader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))


def test_csv_files_open_in_excel_and_in_the_csv_module(site_repo, tmp_path, monkeypatch):
    log = build(site_repo, tmp_path / "s", monkeypatch, "1768870800")
    report = json.loads((log / "bao-cao.json").read_text(encoding="utf-8"))
    for name in ["bao-cao.csv", "minh-chung.csv", "bao-cao-thang.csv", "bao-cao-quy.csv"]:
        raw = (log / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name  # the BOM Excel needs to read UTF-8
        assert b"\r\n" in raw
        naive = raw.decode("utf-8")
        assert naive.startswith("\ufeffMã kênh")  # a reader unaware of the BOM sees it in the first cell
        assert not naive.startswith("\ufeffsep=")  # no Excel-only hint line that other readers take for data
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert rows[0][0] == "Mã kênh"
        assert all(len(r) == len(rows[0]) for r in rows)
        names = {r[1] for r in rows[1:]}
        assert names == {"Chuyên trang Chuyển đổi số", "Truyền thanh cơ sở"}
        # Vietnamese words only: no English status code in any cell
        assert not {c for r in rows[1:] for c in r} & {"met", "missed", "waived", "open", "pass", "fail"}, name
    # bao-cao.csv: one row per channel and period, as in the JSON, the period in words and as its code
    rows = _rows(log / "bao-cao.csv")
    assert [(r["Mã kênh"], r["Mã kỳ"]) for r in rows] == [
        (c["id"], p["period"]) for c in report["channels"] for p in c["periods"]]
    waived = next(r for r in rows if r["Mã kỳ"] == "2025-W52")
    assert waived["Kỳ"] == "Tuần 52/2025 (22/12–28/12)"
    assert (waived["Từ ngày"], waived["Đến ngày"]) == ("2025-12-22", "2025-12-28")
    assert waived["Trạng thái"] == "Miễn trừ" and waived["Lý do miễn trừ"] == "Nghỉ Tết Dương lịch"
    assert {r["Trạng thái"] for r in rows} <= {"Đạt", "Không đạt", "Miễn trừ", "Đang diễn ra"}
    assert not any("http" in c for r in rows for c in r.values())  # links are in minh-chung.csv, one a row
    # monthly: one row per channel and month, across the new year
    months = _rows(log / "bao-cao-thang.csv")
    assert [(r["Mã kênh"], r["Kỳ báo cáo"]) for r in months] == [
        ("chuyen-trang", "2025-12"), ("chuyen-trang", "2026-01"),
        ("truyen-thanh", "2025-11"), ("truyen-thanh", "2025-12"), ("truyen-thanh", "2026-01")]
    jan = months[-1]
    assert jan["Số tin bài (theo ngày đăng)"] == "0" and jan["Tin bài gắn cờ, không tính"] == "1"
    quarters = _rows(log / "bao-cao-quy.csv")
    assert [(r["Mã kênh"], r["Kỳ báo cáo"]) for r in quarters] == [
        ("chuyen-trang", "2025-Q4"), ("chuyen-trang", "2026-Q1"), ("truyen-thanh", "2025-Q4"),
        ("truyen-thanh", "2026-Q1")]
    assert quarters[0]["Số tin bài (theo ngày đăng)"] == "4"


def test_evidence_csv_has_one_item_a_row_with_its_title_and_flags_in_words(site_repo, tmp_path, monkeypatch):
    log = build(site_repo, tmp_path / "s", monkeypatch, "1768870800")
    report = json.loads((log / "bao-cao.json").read_text(encoding="utf-8"))
    rows = _rows(log / "minh-chung.csv")
    items = [(c["id"], p["period"], i) for c in report["channels"] for p in c["periods"] for i in p["items"]]
    assert len(rows) == len(items) == 9
    for r, (cid, pid, i) in zip(rows, items):
        assert (r["Mã kênh"], r["Mã kỳ"], r["Tiêu đề"], r["Liên kết"]) == (cid, pid, i["title"], i["url"])
        assert r["Liên kết"].count("http") == 1
    first = rows[0]
    assert first["Kỳ"] == "Tuần 49/2025 (01/12–07/12)" and first["Tiêu đề"] == "Chuyển đổi số ở xã số 0"
    assert first["Ngày giờ đăng"] == "2025-12-02 08:00" and first["Nguồn"] == "Bài viết của chuyên trang"
    assert first["Được tính vào chỉ tiêu"] == "Có" and first["Gắn cờ"] == ""
    late, = [r for r in rows if r["Gắn cờ"]]
    assert late["Tiêu đề"] == "Bài đăng lùi ngày" and late["Mã kỳ"] == "2026-01"
    assert late["Gắn cờ"] == "Đăng lùi ngày" and late["Được tính vào chỉ tiêu"] == "Không"
    periods = _rows(log / "bao-cao.csv")
    assert next(r for r in periods if r["Mã kỳ"] == "2026-01")["Số tin bài gắn cờ"] == "1"


def test_log_page_offers_the_workbook_for_excel_and_both_csvs(site_repo, tmp_path, monkeypatch):
    log = build(site_repo, tmp_path / "s", monkeypatch, "1768870800")
    html = (log / "index.html").read_text(encoding="utf-8")
    for name in ["bao-cao.xlsx", "bao-cao.csv", "minh-chung.csv"]:
        assert f'href="{name}"' in html and (log / name).is_file()
    assert "dùng bao-cao.xlsx" in html


def test_json_report_validates_against_the_contract_schema(site_repo, tmp_path, monkeypatch):
    log = build(site_repo, tmp_path / "s", monkeypatch, "1768870800")
    schema = json.loads((SHARED / "frequency-report.schema.json").read_text(encoding="utf-8"))
    report = json.loads((log / "bao-cao.json").read_text(encoding="utf-8"))
    jsonschema.validate(report, schema, format_checker=jsonschema.FormatChecker())
    items = [i for c in report["channels"] for p in c["periods"] for i in p["items"]]
    late, = [i for i in items if i.get("flags")]
    assert late["flags"] == ["backdated"] and late["counted"] is False
    assert report["integrity"]["git"] == "ok" and report["integrity"]["backdated"] == 1
    # readable and diffable: indented, one evidence item per line
    lines = (log / "bao-cao.json").read_text(encoding="utf-8").splitlines()
    item_lines = [json.loads(line.strip().rstrip(",")) for line in lines if line.lstrip().startswith('{"id": ')]
    assert item_lines == items and lines[1].startswith('  "schema": ')
    # `check --format json` prints the same report
    out = io.StringIO()
    main(["check", "-f", str(site_repo.config), "--as-of", "2026-01-20", "--format", "json"], out=out,
         err=io.StringIO())
    assert out.getvalue() == (log / "bao-cao.json").read_text(encoding="utf-8")
