"""`chuyentrang build` and `check`: exit codes, a failed build leaves site/ untouched, the report's schema."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from sitefactory import SHARED, run_cli

SCHEMA = SHARED / "frequency-report.schema.json"


@pytest.fixture
def weekly(repo):
    """A channel that needs one article a week since 2024-05-06, with articles in W19 and W20."""
    repo.write_config(channels="""\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 2}
          since: 2024-05-06
""")
    repo.article("tuan-19", "Bài tuần 19", "2024-05-07 09:00")
    repo.article("tuan-20", "Bài tuần 20", "2024-05-14 09:00")
    return repo


def test_check_exit_codes_and_text(weekly):
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 0 and "ĐẠT" in out
    # the open period (Tuesday 21/05, end of day): how far it is and how long is left
    assert "Kỳ đang diễn ra Tuần 21/2024 (20/05/2024–26/05/2024): 0 tin bài (chỉ tiêu: 1), còn 5 ngày" in out
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-28")  # W21 empty and judged
    assert code == 1
    assert "Chuyên trang (chuyen-trang)" in out and "2024-W21" in out and "0 tin bài (chỉ tiêu: 1)" in out and "0/1" not in out
    weekly.article("hong", "Hỏng", "không phải ngày")
    code, _, err = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 2 and "content/bai-viet/hong.md:3:" in err


def test_json_report_validates_against_the_contract_schema(weekly):
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-28T09:00:00", "--format", "json")
    assert code == 1
    report = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.validate(report, schema, format_checker=jsonschema.FormatChecker())
    assert report["as_of"] == "2024-05-28T09:00:00+07:00"
    ch = report["channels"][0]
    assert ch["window"] == ["2024-W20", "2024-W21"]
    assert [(p["period"], p["status"], p["count"]) for p in ch["periods"]] == [
        ("2024-W19", "met", 1), ("2024-W20", "met", 1), ("2024-W21", "missed", 0), ("2024-W22", "open", 0)]
    item = ch["periods"][0]["items"][0]
    assert item == {"id": "bai-viet/bai-tuan-19", "title": "Bài tuần 19",
                    "url": "https://example.test/bai-viet/bai-tuan-19/", "published": "2024-05-07T09:00:00+07:00",
                    "source": "content"}


@pytest.mark.parametrize("as_of, read", [
    ("2024-05-28", "2024-05-28T23:59:59+07:00"),  # a bare date: the end of that day, in the site's timezone
    ("2024-05-28T09:00", "2024-05-28T09:00:00+07:00"),
    ("2024-05-28 09:00:30", "2024-05-28T09:00:30+07:00"),
    ("2024-05-28T02:00:00Z", "2024-05-28T09:00:00+07:00"),
    ("2024-05-28t02:00:00z", "2024-05-28T09:00:00+07:00"),  # RFC 3339 allows lower case
    ("2024-05-28T04:00:00+09:00", "2024-05-28T02:00:00+07:00"),
    ("2024-05-27T21:00:00-05:00", "2024-05-28T09:00:00+07:00"),
])
def test_as_of_takes_iso_8601_with_or_without_an_offset(weekly, as_of, read):
    code, out, err = run_cli("check", "-f", weekly.config, "--as-of", as_of, "--format", "json")
    assert code == 1, err
    assert json.loads(out)["as_of"] == read


def tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_build_exit_codes_and_failed_build_leaves_site_untouched(weekly, tmp_path):
    site = tmp_path / "out"
    code, out, err = run_cli("build", "-f", weekly.config, "--as-of", "2024-05-21", "-d", site)
    assert code == 0, err
    assert (site / "bai-viet" / "bai-tuan-20" / "index.html").is_file()
    before = tree(site)

    code, _, err = run_cli("build", "-f", weekly.config, "--as-of", "2024-05-28", "-d", site)
    assert code == 1
    assert "2024-W21" in err and "chuyen-trang" in err
    assert tree(site) == before

    weekly.article("hong", "Hỏng", "2024-05-08", category="khong-co")
    code, _, err = run_cli("build", "-f", weekly.config, "--as-of", "2024-05-21", "-d", site)
    assert code == 2 and "content/bai-viet/hong.md:4:" in err
    assert tree(site) == before
    # no temporary build folder is left behind: beside out/ only its builds folder, holding the live build
    assert [p.name for p in tmp_path.glob(".out.*")] == [".out.builds"]
    assert sorted(p.name for p in (tmp_path / ".out.builds").iterdir()) == [".lock", os.readlink(site).split("/")[1]]


def test_drafts_and_scheduled_articles_are_not_published_nor_counted(weekly, tmp_path):
    weekly.article("nhap", "Bản nháp", "2024-05-15 09:00", draft="true")
    weekly.article("hen-gio", "Hẹn giờ", "2024-05-25 09:00")
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21", "--format", "json")
    report = json.loads(out)
    titles = [i["title"] for p in report["channels"][0]["periods"] for i in p["items"]]
    assert "Bản nháp" not in titles and "Hẹn giờ" not in titles
    site = tmp_path / "out"
    assert run_cli("build", "-f", weekly.config, "--as-of", "2024-05-21", "-d", site)[0] == 0
    assert not (site / "bai-viet" / "ban-nhap").exists()
    assert not (site / "bai-viet" / "hen-gio").exists()
    assert "Hẹn giờ" not in (site / "feed.xml").read_text(encoding="utf-8")


def test_console_script_and_module_are_the_same_command(weekly):
    for cmd in (["chuyentrang"], [sys.executable, "-m", "generator"]):
        exe = Path(sys.executable).parent / "chuyentrang" if cmd == ["chuyentrang"] else None
        argv = [str(exe)] if exe else cmd
        res = subprocess.run(argv + ["check", "-f", str(weekly.config), "--as-of", "2024-05-28"],
                             capture_output=True, text=True)
        assert res.returncode == 1, res.stderr
        assert "2024-W21" in res.stdout


def test_mkdocs_build_directly_aborts_on_a_missed_target(weekly, tmp_path):
    weekly.config.write_text(weekly.config.read_text(encoding="utf-8").replace(
        "default_channel: chuyen-trang", "default_channel: chuyen-trang\n      as_of: 2024-05-28"), encoding="utf-8")
    mkdocs = Path(sys.executable).parent / "mkdocs"
    res = subprocess.run([str(mkdocs), "build", "-f", str(weekly.config), "-d", str(tmp_path / "m")],
                         capture_output=True, text=True)
    assert res.returncode == 1  # as `chuyentrang build`: 1 a missed target, 2 bad input
    assert "2024-W21" in res.stderr
    said = res.stdout + res.stderr
    assert "Build dừng lại: không có gì được xuất bản" in said and "Aborted" not in said, said
    assert not (tmp_path / "m").exists()
    weekly.article("hong", "Hỏng", "không phải ngày")
    res = subprocess.run([str(mkdocs), "build", "-f", str(weekly.config), "-d", str(tmp_path / "m")],
                         capture_output=True, text=True)
    said = res.stdout + res.stderr
    assert res.returncode == 2 and "content/bai-viet/hong.md:3: ngày đăng sai" in said and "Aborted" not in said, said
