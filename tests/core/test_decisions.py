"""Waivers and urgent publishing as reviewed files beside mkdocs.yml (mien-tru/, xuat-ban-khan/)."""
from __future__ import annotations

import json

import pytest

from sitefactory import run_cli

WEEKLY = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 4}
          since: 2024-04-15
"""


@pytest.fixture
def missed(repo):
    """W17, W18, W20 have an article; W19 (06/05–12/05/2024) has none: as of 21/05 the target is missed."""
    repo.write_config(channels=WEEKLY)
    for day in ("04-23", "04-30", "05-14"):
        repo.article(f"bai-{day}", f"Bài ngày {day}", f"2024-{day} 09:00")
    return repo


def _file(repo, folder: str, name: str, text: str):
    path = repo.root / folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


WAIVER = """\
channel: chuyen-trang
period: 2024-W19
reason: "Nghỉ lễ 30/4 – 1/5 kéo dài"
approved_by: "Giám đốc Sở, Nguyễn Văn A"
document: "123/STTTT-CĐS"
"""


def test_missed_week_advice_gives_the_waiver_file_to_write(missed):
    code, out, _ = run_cli("check", "-f", missed.config, "--as-of", "2024-05-21")
    assert code == 1
    assert "mien-tru/chuyen-trang-2024-w19.yml" in out
    assert "period: 2024-W19" in out and "approved_by:" in out and "document:" in out
    assert "xuat-ban-khan/" in out  # the way to publish an urgent notice meanwhile


def test_waiver_file_waives_the_week_and_names_approver_and_document(missed):
    _file(missed, "mien-tru", "nghi-le.yml", WAIVER)
    code, out, err = run_cli("check", "-f", missed.config, "--as-of", "2024-05-21", "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    week = next(p for p in report["channels"][0]["periods"] if p["period"] == "2024-W19")
    assert week["status"] == "waived"
    assert week["waiver"] == {"reason": "Nghỉ lễ 30/4 – 1/5 kéo dài", "approved_by": "Giám đốc Sở, Nguyễn Văn A",
                              "document": "123/STTTT-CĐS", "file": "mien-tru/nghi-le.yml"}
    code, _, err = run_cli("build", "-f", missed.config, "--as-of", "2024-05-21")
    assert code == 0, err
    log = (missed.root / "site" / "nhat-ky-tan-suat" / "index.html").read_text(encoding="utf-8")
    assert "Giám đốc Sở, Nguyễn Văn A" in log and "123/STTTT-CĐS" in log
    # the decision's file too, as the README promises: the auditor finds the reviewed file (and its history) by it
    assert "văn bản 123/STTTT-CĐS; tệp mien-tru/nghi-le.yml" in log


@pytest.mark.parametrize("text, line, words", [
    (WAIVER.replace('approved_by: "Giám đốc Sở, Nguyễn Văn A"\n', ""), 1, "thiếu approved_by"),
    (WAIVER.replace('document: "123/STTTT-CĐS"\n', ""), 1, "thiếu document"),
    (WAIVER.replace("chuyen-trang", "bao"), 1, "kênh không có trong cấu hình: 'bao'"),
    (WAIVER.replace("2024-W19", "2024-05"), 2, "tính theo tuần"),
    (WAIVER.replace("2024-W19", "tuần 19"), 2, "không hợp lệ"),
    (WAIVER.replace("2024-W19", "2024-W54"), 2, "không hợp lệ"),
    (WAIVER + "ghi_chu: x\n", 6, "khóa không được hỗ trợ: 'ghi_chu'"),
    ("channel: [a\n", 2, "YAML"),
    ("- a\n- b\n", 1, "khóa: giá trị"),
])
def test_bad_waiver_file_is_exit_2_with_its_line(missed, text, line, words):
    _file(missed, "mien-tru", "sai.yml", text)
    code, _, err = run_cli("check", "-f", missed.config, "--as-of", "2024-05-21")
    assert code == 2
    assert f"mien-tru/sai.yml:{line}: " in err and words in err, err


@pytest.mark.parametrize("folder", ["mien-tru", "xuat-ban-khan"])
@pytest.mark.parametrize("rel, words", [
    ("2024/nghi-le.yml", "{folder}/2024: tệp trong thư mục con không được đọc"),
    ("nghi-le.YML", "{folder}/nghi-le.YML: đuôi tệp phải viết thường (nghi-le.yml)"),
])
def test_a_decision_file_that_would_never_be_read_is_a_problem_not_ignored(missed, folder, rel, words):
    _file(missed, folder, rel, WAIVER)
    _file(missed, folder, "ghi-chu.txt", "ghi chú của biên tập viên")  # not a decision: no problem
    code, _, err = run_cli("check", "-f", missed.config, "--as-of", "2024-05-21")
    assert code == 2, err
    assert words.format(folder=folder) in err and "ghi-chu" not in err, err


def test_same_period_waived_twice_is_a_problem(missed):
    missed.write_config(channels=WEEKLY, waivers='        - {channel: chuyen-trang, period: 2024-W19, reason: "Lễ"}')
    _file(missed, "mien-tru", "nghi-le.yml", WAIVER)
    code, _, err = run_cli("check", "-f", missed.config, "--as-of", "2024-05-21")
    assert code == 2 and "mien-tru/nghi-le.yml:2: " in err and "đã được miễn trừ ở mkdocs.yml" in err


URGENT = """\
reason: "Cảnh báo bão số 2"
approved_by: "Phó Giám đốc Sở, Trần Thị B"
document: "45/STTTT-TTĐT"
from: 2024-05-20 07:00
until: 2024-05-22
"""


def test_urgent_publish_in_force_builds_despite_the_miss_and_hides_nothing(missed):
    _file(missed, "xuat-ban-khan", "bao-so-2.yml", URGENT)
    code, out, err = run_cli("build", "-f", missed.config, "--as-of", "2024-05-21")
    assert code == 0, err
    assert "XUẤT BẢN KHẨN" in err and "KHÔNG ĐẠT" in err  # loud, and the miss is said
    report = json.loads((missed.root / "site" / "nhat-ky-tan-suat" / "bao-cao.json").read_text(encoding="utf-8"))
    assert report["status"] == "fail"  # the verdict is unchanged
    assert report["urgent_publish"]["document"] == "45/STTTT-TTĐT"
    assert report["urgent_publish"]["from"] == "2024-05-20T07:00:00+07:00"
    log = (missed.root / "site" / "nhat-ky-tan-suat" / "index.html").read_text(encoding="utf-8")
    assert "Xuất bản khẩn" in log and "Cảnh báo bão số 2" in log and "không đạt" in log.lower()
    assert "văn bản 45/STTTT-TTĐT; tệp xuat-ban-khan/bao-so-2.yml" in log
    # check still says the target is missed
    code, _, _ = run_cli("check", "-f", missed.config, "--as-of", "2024-05-21")
    assert code == 1


@pytest.mark.parametrize("as_of", ["2024-05-20 06:59", "2024-05-23 00:00"])
def test_urgent_publish_outside_its_window_has_no_effect(missed, as_of):
    _file(missed, "xuat-ban-khan", "bao-so-2.yml", URGENT)
    code, _, err = run_cli("build", "-f", missed.config, "--as-of", as_of)
    assert code == 1
    assert not (missed.root / "site").exists()


@pytest.mark.parametrize("text, line, words", [
    (URGENT.replace("until: 2024-05-22", "until: 2024-05-28"), 5, "dài nhất 7 ngày"),
    (URGENT.replace("until: 2024-05-22", "until: 2024-05-19"), 5, "until phải sau from"),
    (URGENT.replace("from: 2024-05-20 07:00", "from: hôm nay"), 4, "from:"),
    (URGENT.replace('document: "45/STTTT-TTĐT"\n', ""), 1, "thiếu document"),
])
def test_bad_urgent_file_is_exit_2(missed, text, line, words):
    _file(missed, "xuat-ban-khan", "sai.yml", text)
    code, _, err = run_cli("build", "-f", missed.config, "--as-of", "2024-05-21")
    assert code == 2
    assert f"xuat-ban-khan/sai.yml:{line}: " in err and words in err, err


@pytest.mark.parametrize("text, line, words", [
    (WAIVER.replace("channel: chuyen-trang", "channel: chuyen-tran"), 1,
     "kênh không có trong cấu hình: 'chuyen-tran' (có: chuyen-trang); có phải ý bạn là 'chuyen-trang' (Chuyên trang)?"),
    (WAIVER.replace("2024-W19", "2024-W54"), 2, "không hợp lệ"),
])
def test_waiver_file_typos_are_answered_with_the_closest_value(missed, text, line, words):
    _file(missed, "mien-tru", "sai.yml", text)
    code, _, err = run_cli("check", "-f", missed.config, "--as-of", "2024-05-21")
    assert code == 2
    assert f"mien-tru/sai.yml:{line}: " in err and words in err, err


def test_a_lowercase_week_is_the_week_as_in_its_address(missed):
    _file(missed, "mien-tru", "nghi-le.yml", WAIVER.replace("2024-W19", "2024-w19"))
    code, out, err = run_cli("check", "-f", missed.config, "--as-of", "2024-05-21", "--format", "json")
    assert code == 0, err
    week = next(p for p in json.loads(out)["channels"][0]["periods"] if p["period"] == "2024-W19")
    assert week["status"] == "waived"


def test_default_channel_typo_is_answered_with_the_closest_channel(missed):
    text = missed.config.read_text(encoding="utf-8")
    assert "default_channel: chuyen-trang" in text
    missed.config.write_text(text.replace("default_channel: chuyen-trang", "default_channel: chuyen-tran"),
                             encoding="utf-8")
    code, _, err = run_cli("check", "-f", missed.config, "--as-of", "2024-05-21")
    assert code == 2, err
    assert "default_channel: kênh không có trong cấu hình: 'chuyen-tran'" in err
    assert "có phải ý bạn là 'chuyen-trang' (Chuyên trang)?" in err


@pytest.mark.parametrize("until, code", [("2024-05-27", 0), ("2024-05-28", 2)])
def test_urgent_dates_only_count_calendar_days(missed, until, code):
    """from 20/05 until 27/05 is 7 calendar days: allowed; 28/05 is 8."""
    text = URGENT.replace("from: 2024-05-20 07:00", "from: 2024-05-20").replace("until: 2024-05-22", f"until: {until}")
    _file(missed, "xuat-ban-khan", "bao.yml", text)
    got, _, err = run_cli("check", "-f", missed.config, "--as-of", "2024-05-21")
    assert (got == 2) == (code == 2), err
    assert ("dài nhất 7 ngày" in err) == (code == 2), err


@pytest.mark.parametrize("start, until, code", [
    ("2024-05-20 07:00", "2024-05-27", 0),        # the README's form: a time, then a bare date 7 days on
    ("2024-05-20 07:00", "2024-05-28", 2),
    ("2024-05-20", "2024-05-27 07:00", 0),
    ("2024-05-20 07:00", "2024-05-27 07:00", 0),  # two times: exactly 7 days
    ("2024-05-20 07:00", "2024-05-27 07:01", 2),
])
def test_urgent_window_with_a_time_and_a_date_counts_like_two_dates(missed, start, until, code):
    """from 20/05 until 27/05 is allowed (test above): the same days with a start time, a shorter window, are too."""
    text = URGENT.replace("from: 2024-05-20 07:00", f"from: {start}").replace("until: 2024-05-22", f"until: {until}")
    _file(missed, "xuat-ban-khan", "bao.yml", text)
    got, _, err = run_cli("check", "-f", missed.config, "--as-of", "2024-05-21")
    assert ("xuat-ban-khan/bao.yml:5: xuất bản khẩn dài nhất 7 ngày" in err) == (code == 2), err
    assert (got == 2) == (code == 2), err
