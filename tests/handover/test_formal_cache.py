"""The formal reports are made once: a second build with the build cache reads every unchanged report (page, JSON,
CSV, workbook) from it and writes the same bytes as a clean build; an edited article remakes its quarter's and month's
reports and not an older quarter's; a damaged or foreign entry is made again, never trusted."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.support import cache
from generator.reports.handover import kept
from generator.render import formal_pages
from sitefactory import REPO, run_cli

BASE = "nhat-ky-tan-suat/bao-cao/"


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """The demo without PDFs (their own cache is tested in test_formal.py), a fixed build time, a counter of the
    formal reports made (pages may be built in a forked child: counted in a file)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    root = tmp_path / "repo"
    root.mkdir()
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "pdf_quarters: 2" in text
    (root / "mkdocs.yml").write_text(text.replace("pdf_quarters: 2", "pdf_quarters: 0"), encoding="utf-8")
    for d in ("content", "feeds"):
        shutil.copytree(REPO / d, root / d, ignore=shutil.ignore_patterns("state.json"))
    made = tmp_path / "made"
    made.write_text("")
    from generator.reports.handover import formal

    real = formal.formal

    def counted(report, pid, *args, **kwargs):
        with made.open("a") as out:
            out.write(pid + "\n")
        return real(report, pid, *args, **kwargs)

    monkeypatch.setattr(formal, "formal", counted)
    return root, made


def _build(root: Path, out: Path, cache_dir: Path, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setenv(cache.ENV, str(cache_dir))
    code, stdout, stderr = run_cli("build", "-f", root / "mkdocs.yml", "-d", out)
    assert code == 0, stdout + stderr
    found = out.resolve()
    return {str(p.relative_to(found)): p.read_bytes() for p in sorted(found.rglob("*")) if p.is_file()}


def _made(counter: Path) -> list[str]:
    found = counter.read_text().split()
    counter.write_text("")
    return found


def _of(files: dict[str, bytes], pid: str) -> dict[str, bytes]:
    return {k: v for k, v in files.items() if k.startswith(BASE + pid.lower() + "/")}


def test_a_second_build_reads_the_reports_from_the_cache_and_writes_the_same_bytes(repo, tmp_path, monkeypatch):
    root, counter = repo
    first = _build(root, tmp_path / "s1", tmp_path / "cache", monkeypatch)
    made = _made(counter)
    assert {"2026-Q4", "2026-Q3", "2026-11"} <= set(made), made
    assert set(_of(first, "2026-Q3")) >= {BASE + "2026-q3/" + n for n in
                                           ("index.html", "bao-cao.json", "bao-cao.xlsx", "bao-cao.csv",
                                            "minh-chung.csv")}

    second = _build(root, tmp_path / "s2", tmp_path / "cache", monkeypatch)
    assert _made(counter) == [], "unchanged reports were made again"
    clean = _build(root, tmp_path / "s3", tmp_path / "empty", monkeypatch)
    assert len(_made(counter)) == len(made)
    assert second == first == clean, sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    # the page says when it was built (SOURCE_DATE_EPOCH here), not when its kept copy was made
    assert "Thời điểm tạo trang" in second[BASE + "2026-q3/index.html"].decode("utf-8")
    assert formal_pages.BUILT not in second[BASE + "2026-q3/index.html"].decode("utf-8")


def test_an_edited_article_remakes_its_quarter_and_not_an_older_one(repo, tmp_path, monkeypatch):
    root, counter = repo
    first = _build(root, tmp_path / "s1", tmp_path / "cache", monkeypatch)
    _made(counter)
    art = root / "content" / "bai-viet" / "2026" / "ho-kinh-doanh-hoa-don-dien-tu.md"  # 17/11/2026: Q4, November
    text = art.read_text(encoding="utf-8")
    lines = ['title: "Hộ kinh doanh dùng hóa đơn điện tử (bản sửa)"' if ln.startswith("title:") else ln
             for ln in text.split("\n")]
    art.write_text("\n".join(lines), encoding="utf-8")

    second = _build(root, tmp_path / "s2", tmp_path / "cache", monkeypatch)
    assert sorted(_made(counter)) == ["2026-11", "2026-Q4"]
    assert "(bản sửa)" in second[BASE + "2026-q4/bao-cao.json"].decode("utf-8")
    assert "(bản sửa)" in second[BASE + "2026-q4/index.html"].decode("utf-8")
    assert _of(second, "2026-Q4") != _of(first, "2026-Q4")
    assert _of(second, "2026-Q3") == _of(first, "2026-Q3") and _of(first, "2026-Q3")
    assert second == _build(root, tmp_path / "s3", tmp_path / "empty", monkeypatch)


def test_a_damaged_entry_is_made_again(repo, tmp_path, monkeypatch):
    root, counter = repo
    first = _build(root, tmp_path / "s1", tmp_path / "cache", monkeypatch)
    made = _made(counter)
    for entry in (p for p in (tmp_path / "cache" / "objects").rglob("*") if p.is_file()):
        entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")
    again = _build(root, tmp_path / "s2", tmp_path / "cache", monkeypatch)
    assert sorted(_made(counter)) == sorted(made), "a damaged entry was trusted"
    assert again == first


def test_an_entry_that_is_not_a_report_is_not_read_as_one(tmp_path):
    members = {"\0page": "<p>Quý 4/2026</p>".encode(), "\0code": b"ABCD-EFGH-IJKL", "bao-cao.json": b"{}\n",
               "bao-cao.csv": b""}
    assert kept.unpack(kept.pack(members)) == members
    for foreign in (b"", b"\x80\x04\x95", b"[]\n", b'[["\\u0000page", 9]]\nshort', kept.pack(members)[:-1],
                    b'[["bao-cao.json", 2]]\n{}'):
        assert kept.unpack(foreign, ("\0page",)) is None, foreign
