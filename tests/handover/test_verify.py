"""`chuyentrang verify FILE`: a real built report matches; one with a count changed, an item removed or a date moved
does not, and says where in Vietnamese; a file that is no report is exit 2. The user's working tree is untouched."""
from __future__ import annotations

import json

import openpyxl
import pytest

from gitrepo import commit, git
from sitefactory import run_cli
from generator.reports.handover.verify import canonical, normalise_code, verification_code
from handoversite import AS_OF


@pytest.fixture(scope="module")
def built(site_repo, tmp_path_factory):
    dest = tmp_path_factory.mktemp("built") / "site"
    code, out, err = run_cli("build", "-f", site_repo.config, "--as-of", AS_OF, "-d", dest)
    assert code == 0, err
    return dest / "nhat-ky-tan-suat"


@pytest.fixture
def claim(built):
    return json.loads((built / "bao-cao.json").read_text(encoding="utf-8"))


def verify(site_repo, path):
    return run_cli("verify", "-f", site_repo.config, path)


def write(tmp_path, d) -> str:
    path = tmp_path / "bao-cao.json"
    path.write_text(json.dumps(d, ensure_ascii=False, indent=2), encoding="utf-8")
    return path


def periods(d, cid):
    return {p["period"]: p for c in d["channels"] if c["id"] == cid for p in c["periods"]}


def test_the_built_report_names_its_commit_and_code(site_repo, claim, built):
    head = git(site_repo.root, "rev-parse", "HEAD").strip()
    assert claim["build"] == {"commit": head, "dirty": False,
                              "verification_code": verification_code(claim, head)}
    assert len(claim["build"]["verification_code"]) == 14 and claim["build"]["verification_code"].count("-") == 2
    about = {r[0].value: r[1].value for r in openpyxl.load_workbook(built / "bao-cao.xlsx")["Thông tin"].iter_rows()}
    assert about["Mã xác minh"] == claim["build"]["verification_code"]
    assert about["Phiên bản dữ liệu (git commit)"] == head
    # `check --format json` prints the same report, build field included
    code, out, _ = run_cli("check", "-f", site_repo.config, "--as-of", AS_OF, "--format", "json")
    assert json.loads(out) == claim


def test_the_code_changes_with_content_or_commit_not_with_layout(claim):
    c = claim["build"]["commit"]
    assert verification_code(json.loads(json.dumps(claim, indent=None)), c) == verification_code(claim, c)
    assert verification_code(claim, "0" * 40) != verification_code(claim, c)
    d = json.loads(json.dumps(claim))
    d["integrity"]["notices"] = ["khác"]  # how far the build machine could check: not judged content
    assert canonical(d) == canonical(claim)
    periods(d, "bao")["2026-W46"]["items"][0]["title"] += "."
    assert verification_code(d, c) != verification_code(claim, c)
    assert normalise_code(claim["build"]["verification_code"].lower().replace("-", " ")) == \
        claim["build"]["verification_code"]


def test_the_real_report_matches(site_repo, built):
    status = git(site_repo.root, "status", "--porcelain")
    head = git(site_repo.root, "rev-parse", "HEAD")
    code, out, err = verify(site_repo, built / "bao-cao.json")
    assert code == 0, out + err
    assert "KHỚP" in out and json.loads((built / "bao-cao.json").read_text())["build"]["verification_code"] in out
    # the user's working tree, branch and worktree list are as they were
    assert git(site_repo.root, "status", "--porcelain") == status
    assert git(site_repo.root, "rev-parse", "HEAD") == head
    assert len(git(site_repo.root, "worktree", "list").splitlines()) == 1


def test_a_changed_count_differs(site_repo, claim, tmp_path):
    periods(claim, "bao")["2026-W47"]["count"] = 3
    code, out, _ = verify(site_repo, write(tmp_path, claim))
    assert code == 1
    assert "Kênh Báo Lâm Đồng, Tuần 47/2026: số tin bài 3 ≠ 2" in out
    assert "mã xác minh ghi trong tệp" in out  # the file was edited after the build


def test_a_removed_item_differs(site_repo, claim, tmp_path):
    w46 = periods(claim, "bao")["2026-W46"]
    w46["items"] = []
    w46["count"] = 0
    w46["status"] = "missed"
    code, out, _ = verify(site_repo, write(tmp_path, claim))
    assert code == 1
    assert "Kênh Báo Lâm Đồng, Tuần 46/2026: thiếu tin bài: «+1 dịch vụ công mới»" in out
    assert "Kênh Báo Lâm Đồng, Tuần 46/2026: trạng thái Không đạt ≠ Đạt" in out


def test_a_moved_date_differs_even_with_the_code_recomputed(site_repo, claim, tmp_path):
    item = periods(claim, "chuyen-trang")["2026-W47"]["items"][0]
    item["published"] = "2026-11-16T09:00:00+07:00"
    # a forger who knows the scheme recomputes the code: the rebuild still catches the date
    claim["build"]["verification_code"] = verification_code(claim, claim["build"]["commit"])
    code, out, _ = verify(site_repo, write(tmp_path, claim))
    assert code == 1
    assert (f"Kênh Chuyên trang Chuyển đổi số, Tuần 47/2026: ngày đăng khác: «{item['title']}»: "
            "16/11/2026 09:00 ≠ 17/11/2026 08:00") in out
    assert "mã xác minh ghi trong tệp" not in out


def test_a_later_commit_does_not_change_the_verdict_on_an_old_report(site_repo, built, tmp_path):
    report = tmp_path / "cu.json"
    report.write_bytes((built / "bao-cao.json").read_bytes())
    site_repo.article("moi", "Bài mới sau báo cáo", "2026-11-20 08:00")
    commit(site_repo.root, "2026-11-24T11:00:00+07:00")
    try:
        code, out, err = verify(site_repo, report)
        assert code == 0, out + err
    finally:
        git(site_repo.root, "reset", "-q", "--hard", "HEAD~1")


@pytest.mark.parametrize("text, words", [
    ("{", "không phải JSON hợp lệ"),
    ('{"schema": "khac/1"}', "không phải báo cáo tần suất"),
    ("%PDF-1.7\n", "tệp PDF"),
])
def test_a_file_that_is_no_report_is_bad_input(site_repo, tmp_path, text, words):
    path = tmp_path / "bao-cao.json"
    path.write_text(text, encoding="utf-8")
    code, out, err = verify(site_repo, path)
    assert code == 2 and words in err and str(path) in err
    for english in ("Expecting", "Error", "EOF", "line 1 column"):  # json's and pypdf's own words
        assert english not in err, err


def test_a_broken_pdf_is_said_in_vietnamese_only_on_the_real_stderr(site_repo, tmp_path):
    """pypdf logs its own English warnings on a damaged file; run as the user runs it, the command's stderr holds only
    the Vietnamese line (in-process, pytest's log capture would hide such a line)."""
    import subprocess
    import sys

    path = tmp_path / "bao-cao.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")  # cut short: no xref, no %%EOF
    r = subprocess.run([sys.executable, "-m", "generator", "verify", "-f", str(site_repo.config), str(path)],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 2, r.stderr
    assert r.stderr.strip() == f"{path}: không đọc được tệp PDF: tệp hỏng hoặc không phải PDF", r.stderr


def test_a_report_with_its_code_removed_differs(site_repo, claim, tmp_path):
    """Every report built from a commit carries its code: one that names the commit but not the code was edited, even
    when everything else still matches."""
    del claim["build"]["verification_code"]
    code, out, err = verify(site_repo, write(tmp_path, claim))
    assert code == 1, out + err
    assert "KHÔNG KHỚP" in out and "tệp không ghi mã xác minh" in out


@pytest.mark.parametrize("span, shown", [
    ({"id": "2026-Q3", "start": "2026-10-01", "end": "2026-12-31"},
     "kỳ báo cáo: Quý 3/2026, 01/10/2026–31/12/2026 ≠ Quý 3/2026, 01/07/2026–30/09/2026"),
    ({"id": "2026-Q4", "start": "2026-09-01", "end": "2026-12-31"},
     "kỳ báo cáo: Quý 4/2026, 01/09/2026–31/12/2026 ≠ Quý 4/2026, 01/10/2026–31/12/2026"),
    ({"id": "2026-Q4", "start": ["x"], "end": "2026-12-31"}, 'kỳ báo cáo: {"id": "2026-Q4", "start": ["x"]'),
])
def test_a_formal_report_with_its_range_changed_says_it_in_words(site_repo, built, tmp_path, span, shown):
    d = json.loads((built / "bao-cao" / "2026-q4" / "bao-cao.json").read_text(encoding="utf-8"))
    d["range"] = span
    code, out, err = verify(site_repo, write(tmp_path, d))
    assert code == 1, out + err
    assert shown in out and "{'id'" not in out, out


def test_missing_file_no_commit_unknown_commit_are_bad_input(site_repo, claim, tmp_path):
    code, _, err = verify(site_repo, tmp_path / "khong-co.json")
    assert code == 2 and "không đọc được tệp (không tồn tại)" in err and "No such file" not in err, err
    del claim["build"]
    code, _, err = verify(site_repo, write(tmp_path, claim))
    assert code == 2 and "không ghi commit" in err
    claim["build"] = {"commit": "1" * 40}
    code, _, err = verify(site_repo, write(tmp_path, claim))
    assert code == 2 and "không có trong kho" in err


@pytest.fixture(scope="module")
def urgent_built(tmp_path_factory):
    """A site whose report carries an urgent publish in force at the as-of time (xuat-ban-khan/)."""
    from handoversite import URGENT_FLOOD, make_site

    repo = make_site(tmp_path_factory.mktemp("urgent") / "site-repo")
    repo.raw(*URGENT_FLOOD)
    commit(repo.root, "2026-11-24T12:00:00+07:00")
    dest = tmp_path_factory.mktemp("urgent-built") / "site"
    code, out, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF, "-d", dest)
    assert code == 0, out + err
    return repo, dest / "nhat-ky-tan-suat"


@pytest.mark.parametrize("change", ["removed", "document"])
def test_an_urgent_publish_removed_or_reworded_differs(urgent_built, tmp_path, change):
    repo, built = urgent_built
    d = json.loads((built / "bao-cao.json").read_text(encoding="utf-8"))
    assert d["urgent_publish"]["document"] == "Công văn 77/SKHCN"
    code, out, err = verify(repo, built / "bao-cao.json")
    assert code == 0, out + err
    if change == "removed":
        del d["urgent_publish"]
    else:
        d["urgent_publish"]["document"] = "Công văn 99/SKHCN"
    code, out, _ = verify(repo, write(tmp_path, d))
    assert code == 1, out
    assert "xuất bản khẩn:" in out and "Công văn 77/SKHCN" in out


def test_a_formal_report_with_an_urgent_publish_dropped_differs(urgent_built, tmp_path):
    repo, built = urgent_built
    d = json.loads((built / "bao-cao" / "2026-q4" / "bao-cao.json").read_text(encoding="utf-8"))
    assert [u["document"] for u in d["urgent_publishes"]] == ["Công văn 77/SKHCN"]
    d["urgent_publishes"] = []
    code, out, _ = verify(repo, write(tmp_path, d))
    assert code == 1, out
    assert "xuất bản khẩn: không có ≠ Tin bão lũ cần đăng ngay" in out


@pytest.mark.parametrize("value, shown", [("2", '"2" (không phải số) ≠ 2'), (None, "(không ghi) ≠ 2")])
def test_a_count_written_as_text_or_left_out_is_shown_as_such(site_repo, claim, tmp_path, value, shown):
    w47 = periods(claim, "bao")["2026-W47"]
    assert w47["count"] == 2
    if value is None:
        del w47["count"]
    else:
        w47["count"] = value
    code, out, _ = verify(site_repo, write(tmp_path, claim))
    assert code == 1
    assert f"Kênh Báo Lâm Đồng, Tuần 47/2026: số tin bài {shown}" in out


def _set(d, path, value):
    """``path``: keys and indexes into the report; "P" is the first period of the channel with evidence items."""
    path = [next(i for i, p in enumerate(d["channels"][0]["periods"]) if p["items"]) if k == "P" else k for k in path]
    *parents, last = path
    for key in parents:
        d = d[key]
    if value is KeyError:
        del d[last]
    else:
        d[last] = value


@pytest.mark.parametrize("path, value", [
    (("channels", 0, "id"), ["x"]),
    (("channels", 0, "window"), 5),
    (("channels", 0, "periods"), 5),
    (("channels", 0, "periods", 0, "period"), ["x"]),
    (("channels", 0, "periods", "P", "items"), 5),
    (("channels", 0, "periods", "P", "items", 0, "flags"), 5),
    (("channels", 0, "periods", "P", "items", 0, "id"), {"a": 1}),
])
def test_a_hand_edited_report_of_any_shape_differs_without_a_traceback(site_repo, claim, tmp_path, path, value):
    _set(claim, path, value)
    code, out, err = verify(site_repo, write(tmp_path, claim))
    assert "Traceback" not in err
    assert code == 1, out + err
    assert "KHÔNG KHỚP" in out


def test_nan_in_a_report_is_bad_input_not_a_traceback(site_repo, built, tmp_path):
    text = (built / "bao-cao.json").read_text(encoding="utf-8")
    path = tmp_path / "bao-cao.json"
    path.write_text(text.replace('"count": 2,', '"count": NaN,', 1), encoding="utf-8")
    code, out, err = verify(site_repo, path)
    assert "Traceback" not in err
    assert code == 2 and "không phải JSON hợp lệ" in err and "NaN" in err
