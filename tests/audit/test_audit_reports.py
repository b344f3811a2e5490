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
from generator.cli import main

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
FILES = ["bao-cao.json", "bao-cao.csv", "bao-cao-thang.csv", "bao-cao-quy.csv"]


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


def test_csv_files_open_in_excel_and_in_the_csv_module(site_repo, tmp_path, monkeypatch):
    log = build(site_repo, tmp_path / "s", monkeypatch, "1768870800")
    report = json.loads((log / "bao-cao.json").read_text(encoding="utf-8"))
    for name in ["bao-cao.csv", "bao-cao-thang.csv", "bao-cao-quy.csv"]:
        raw = (log / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), name  # the BOM Excel needs to read UTF-8
        assert b"\r\n" in raw
        naive = raw.decode("utf-8")
        assert naive.startswith("\ufeffMã kênh")  # a reader unaware of the BOM sees it in the first cell
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert rows[0][0] == "Mã kênh"
        assert all(len(r) == len(rows[0]) for r in rows)
        names = {r[1] for r in rows[1:]}
        assert names == {"Chuyên trang Chuyển đổi số", "Truyền thanh cơ sở"}
    # bao-cao.csv: one row per channel and period, as in the JSON
    rows = list(csv.DictReader(io.StringIO((log / "bao-cao.csv").read_bytes().decode("utf-8-sig"), newline="")))
    assert [(r["Mã kênh"], r["Kỳ"]) for r in rows] == [
        (c["id"], p["period"]) for c in report["channels"] for p in c["periods"]]
    waived = next(r for r in rows if r["Kỳ"] == "2025-W52")
    assert waived["Trạng thái"] == "miễn trừ" and waived["Lý do miễn trừ"] == "Nghỉ Tết Dương lịch"
    # monthly: one row per channel and month, across the new year
    months = list(csv.DictReader(io.StringIO((log / "bao-cao-thang.csv").read_bytes().decode("utf-8-sig"),
                                             newline="")))
    assert [(r["Mã kênh"], r["Kỳ báo cáo"]) for r in months] == [
        ("chuyen-trang", "2025-12"), ("chuyen-trang", "2026-01"),
        ("truyen-thanh", "2025-11"), ("truyen-thanh", "2025-12"), ("truyen-thanh", "2026-01")]
    jan = months[-1]
    assert jan["Số tin bài (theo ngày đăng)"] == "0" and jan["Tin bài gắn cờ, không tính"] == "1"
    quarters = list(csv.DictReader(io.StringIO((log / "bao-cao-quy.csv").read_bytes().decode("utf-8-sig"),
                                               newline="")))
    assert [(r["Mã kênh"], r["Kỳ báo cáo"]) for r in quarters] == [
        ("chuyen-trang", "2025-Q4"), ("chuyen-trang", "2026-Q1"), ("truyen-thanh", "2025-Q4"),
        ("truyen-thanh", "2026-Q1")]
    assert quarters[0]["Số tin bài (theo ngày đăng)"] == "4"


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
