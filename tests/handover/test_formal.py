"""The formal quarterly report of the demo, as an inspector gets it: the PDF read back (agency, plan, signature
block, page numbers and verification code on every page, font sizes), the workbook, and ``chuyentrang verify``
accepting the real JSON and PDF and rejecting a changed count."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sitefactory import REPO, run_cli
from system_packages import ensure_program

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "audit"))
from gitrepo import commit, init  # noqa: E402

Q4 = "nhat-ky-tan-suat/bao-cao/2026-q4/"


def _pango() -> None:
    """WeasyPrint needs Debian's Pango; a clean CI machine installs it here, as other tests install their programs."""
    try:
        import weasyprint  # noqa: F401
    except OSError:
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "libpango-1.0-0",
                        "libpangoft2-1.0-0"], capture_output=True)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo in its own git repository (so that verify can rebuild it from the commit), built once."""
    _pango()
    from generator.reports.handover import pdf
    pdf.missing.cache_clear()
    assert pdf.missing() is None, pdf.missing()
    root = tmp_path_factory.mktemp("formal") / "repo"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for d in ("content", "feeds"):
        shutil.copytree(REPO / d, root / d, ignore=shutil.ignore_patterns("state.json"))
    init(root)
    commit(root, "2026-11-20T08:00:00+07:00")
    site = root.parent / "site"
    code, out, err = run_cli("build", "-f", root / "mkdocs.yml", "-d", site)
    assert code == 0, out + err
    return root / "mkdocs.yml", site / Q4


def _text(pdf: Path, page: int | None = None) -> str:
    tool = ensure_program("pdftotext", "poppler-utils")
    assert tool, "pdftotext (poppler-utils) không cài được"
    args = [tool, "-enc", "UTF-8"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(pdf), "-"]
    return " ".join(subprocess.run(args, capture_output=True, check=True).stdout.decode("utf-8").split())


def test_the_quarterly_pdf_has_the_parts_an_office_signs_and_files(demo):
    _, q4 = demo
    text = _text(q4 / "bao-cao.pdf")
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "UBND TỈNH LÂM ĐỒNG", "SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH LÂM ĐỒNG", "Số: ……/BC-SKHCN",
                  "Lâm Đồng, ngày 20 tháng 11 năm 2026", "BÁO CÁO",
                  "Kết quả thực hiện chỉ tiêu tần suất cập nhật thông tin chuyển đổi số, Quý 4/2026",
                  "mục II.2",
                  "Nơi nhận:", "UBND tỉnh Lâm Đồng (để báo cáo)", "Lưu: VT, CĐS.",
                  "KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "(Ký tên và đóng dấu)", "Trần Quang Minh",
                  "NGƯỜI LẬP", "Nguyễn Thị Hồng Nhung",
                  "Tuần 47/2026 (16/11–22/11)", "tin bài (chỉ tiêu: 1)", "Trong quý 4/2026 không có kỳ nào được miễn trừ"):
        assert words in text, words
    # the plan's number may be broken over two lines ("71/ KH-UBND", "71/KH- UBND"): compared without spaces, dashes
    assert "Kếhoạchsố71/KHUBNDngày30/9/2022" in re.sub(r"[\s-]", "", text)
    # plain words: no week codes, no "3/1" counts, no jargon outside the technical appendix
    body = text.split("Phụ lục: Thông tin kỹ thuật")[0]
    assert not re.search(r"\b20\d\d-W\d\d\b", body)
    assert "Cửa sổ đánh giá" not in text and "Thời điểm build" not in text
    assert "Tuần 36/2026" not in text  # a Q3 week is not in the Q4 report


def test_every_page_has_its_number_and_the_verification_code(demo):
    _, q4 = demo
    code = json.loads((q4 / "bao-cao.json").read_text(encoding="utf-8"))["build"]["verification_code"]
    assert re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}", code)
    import pypdf

    pages = len(pypdf.PdfReader(q4 / "bao-cao.pdf").pages)
    assert pages >= 3
    for n in range(1, pages + 1):
        text = _text(q4 / "bao-cao.pdf", n)
        assert f"Trang {n}/{pages}" in text, n
        assert f"Mã xác minh: {code}" in text, n
        assert "Ngày in:" in text, n


def test_printed_text_is_at_least_11pt_and_tables_at_least_9pt(demo):
    import pdfplumber

    _, q4 = demo
    with pdfplumber.open(q4 / "bao-cao.pdf") as pdf:
        sizes = [round(c["size"], 1) for p in pdf.pages for c in p.chars if c["text"].strip()]
        assert min(sizes) >= 8.99  # tables and margins; sizes come back as 10.9995 for 11
        first = pdf.pages[0]
        words = first.extract_words(extra_attrs=["size"])
        # the body paragraph under "I. Căn cứ và phạm vi báo cáo" (13 pt in Decree 30's layout)
        body = [w for w in words if w["text"] in ("liệu", "Mỗi", "hai")]
        assert len(body) >= 3 and min(w["size"] for w in body) >= 12.99
        assert max(sizes) <= 16


def test_the_quarterly_workbook_holds_only_the_quarter(demo):
    import openpyxl

    _, q4 = demo
    wb = openpyxl.load_workbook(q4 / "bao-cao.xlsx")
    periods = [r[2] for r in wb["Các kỳ"].iter_rows(min_row=2, values_only=True)]
    assert periods and all(re.search(r"/2026", p) for p in periods)
    assert "Tuần 47/2026 (16/11–22/11)" in periods and not any(p.startswith("Tuần 36/") for p in periods)
    about = {r[0]: r[1] for r in wb["Thông tin"].iter_rows(min_row=2, values_only=True)}
    code = json.loads((q4 / "bao-cao.json").read_text(encoding="utf-8"))["build"]["verification_code"]
    assert about["Mã xác minh"] == code


def test_verify_accepts_the_quarterly_json_and_pdf(demo):
    config, q4 = demo
    for name in ("bao-cao.json", "bao-cao.pdf"):
        code, out, err = run_cli("verify", "-f", config, q4 / name)
        assert code == 0, out + err
        assert "KHỚP" in out


def test_verify_rejects_a_quarterly_json_with_a_count_changed(demo, tmp_path):
    config, q4 = demo
    claim = json.loads((q4 / "bao-cao.json").read_text(encoding="utf-8"))
    assert claim["range"] == {"id": "2026-Q4", "start": "2026-10-01", "end": "2026-12-31"}
    period = next(p for c in claim["channels"] for p in c["periods"] if p["period"] == "2026-W45")
    period["count"] += 1
    changed = tmp_path / "bao-cao.json"
    changed.write_text(json.dumps(claim, ensure_ascii=False), encoding="utf-8")
    code, out, _ = run_cli("verify", "-f", config, changed)
    assert code == 1
    assert "Tuần 45/2026: số tin bài" in out and "mã xác minh ghi trong tệp" in out


def test_verify_rejects_a_pdf_without_the_report(demo, tmp_path):
    import pypdf

    config, q4 = demo
    writer = pypdf.PdfWriter()
    writer.append(pypdf.PdfReader(q4 / "bao-cao.pdf"), import_outline=False)
    writer._root_object.pop(pypdf.generic.NameObject("/Names"), None)
    bare = tmp_path / "bao-cao.pdf"
    with bare.open("wb") as fh:
        writer.write(fh)
    code, _, err = run_cli("verify", "-f", config, bare)
    assert code == 2 and "không mang theo số liệu báo cáo" in err


def test_the_monthly_report_and_index(demo):
    _, q4 = demo
    month = q4.parent / "2026-11"
    assert (month / "bao-cao.json").is_file() and (month / "bao-cao.xlsx").is_file()
    html = (month / "index.html").read_text(encoding="utf-8")
    assert "Tháng 11/2026" in html and "Nơi nhận" in html
    index = (q4.parent / "index.html").read_text(encoding="utf-8")
    assert "Quý 4/2026" in index and "2026-q4/bao-cao.pdf" in index


def test_report_settings_problems_have_lines(tmp_path):
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace("        signer_name: Trần Quang Minh\n", "")
    text = text.replace("        symbol: BC-SKHCN\n", "        symbol: bc skhcn\n        seal: yes\n")
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(text, encoding="utf-8")
    (tmp_path / "content").mkdir()
    code, out, err = run_cli("check", "-f", cfg)
    assert code == 2
    lines = text.splitlines()
    report_line = next(i for i, l in enumerate(lines, 1) if l.strip() == "report:")
    assert f"mkdocs.yml:{report_line}: report cần 'signer_name'" in err
    symbol_line = next(i for i, l in enumerate(lines, 1) if "symbol: bc skhcn" in l)
    assert f"mkdocs.yml:{symbol_line}: report: ký hiệu văn bản" in err
    assert "khóa không được hỗ trợ trong report: 'seal'" in err


def test_an_empty_plan_is_named_with_its_line(tmp_path):
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    text = text.replace('          plan: "Kế hoạch số 71', '          plan: ""\n          x-plan: "Kế hoạch số 71', 1)
    cfg = tmp_path / "mkdocs.yml"
    cfg.write_text(text, encoding="utf-8")
    (tmp_path / "content").mkdir()
    code, out, err = run_cli("check", "-f", cfg)
    line = next(i for i, l in enumerate(text.splitlines(), 1) if l.strip() == 'plan: ""')
    assert code == 2 and f"mkdocs.yml:{line}: kênh 'truyen-thanh-co-so': plan phải là dòng chữ" in err


def test_without_weasyprint_the_build_says_so_once_and_goes_on(demo, tmp_path, monkeypatch):
    from generator.reports.handover import pdf

    config, _ = demo
    monkeypatch.setattr(pdf, "missing", lambda: "chưa cài WeasyPrint (thử nghiệm)")
    monkeypatch.setattr(pdf, "_said", False)
    code, out, err = run_cli("build", "-f", config, "-d", tmp_path / "site")
    assert code == 0, out + err
    assert (out + err).count("chưa cài WeasyPrint (thử nghiệm)") == 1
    q4 = tmp_path / "site" / Q4
    assert (q4 / "bao-cao.json").is_file() and not (q4 / "bao-cao.pdf").exists()
    assert "bao-cao.pdf" not in (q4 / "index.html").read_text(encoding="utf-8")


def _counting_pdfs(monkeypatch, tmp_path) -> Path:
    """Counts WeasyPrint runs in a file (pages may be built in a forked child, whose memory the test cannot see)."""
    from generator.reports.handover import pdf

    calls = tmp_path / "weasyprint-calls"
    calls.write_text("")
    real = pdf.pdf_bytes

    def counted(html, data, made):
        with calls.open("a") as out:
            out.write("x")
        return real(html, data, made)

    monkeypatch.setattr(pdf, "pdf_bytes", counted)
    monkeypatch.setenv("CHUYENTRANG_CACHE_DIR", str(tmp_path / "cache"))
    return calls


def test_a_second_build_reuses_the_cached_pdf_and_a_changed_report_is_printed_again(demo, tmp_path, monkeypatch):
    from generator.reports.handover import pdf

    config, _ = demo
    calls = _counting_pdfs(monkeypatch, tmp_path)
    q4 = lambda site: tmp_path / site / Q4 / "bao-cao.pdf"  # noqa: E731
    assert run_cli("build", "-f", config, "-d", tmp_path / "s1")[0] == 0
    made = len(calls.read_text())
    pdfs = sorted(p.parent.name for p in (tmp_path / "s1" / "nhat-ky-tan-suat" / "bao-cao").glob("*/bao-cao.pdf"))
    assert made == 2 and pdfs == ["2026-q3", "2026-q4"]  # by default only the latest 2 quarters
    assert [p for p in (tmp_path / "cache").rglob("*") if p.is_file()], "the PDFs were kept in the cache folder"

    assert run_cli("build", "-f", config, "-d", tmp_path / "s2")[0] == 0
    assert len(calls.read_text()) == made, "the unchanged reports were printed again"
    assert q4("s2").read_bytes() == q4("s1").read_bytes()

    # another as-of time: the Q4 report says other things, so its PDF is made anew and carries the new report
    assert run_cli("build", "-f", config, "-d", tmp_path / "s3", "--as-of", "2026-11-21")[0] == 0
    assert len(calls.read_text()) > made
    new_json = (tmp_path / "s3" / Q4 / "bao-cao.json").read_bytes()
    assert pdf.attached_report(q4("s3").read_bytes()) == new_json != (tmp_path / "s1" / Q4 / "bao-cao.json").read_bytes()


def test_pdf_quarters_0_makes_no_pdf_and_a_wrong_value_is_refused(demo, tmp_path, monkeypatch):
    config, _ = demo
    calls = _counting_pdfs(monkeypatch, tmp_path)
    text = config.read_text(encoding="utf-8")
    assert "pdf_quarters: 2" in text
    other = config.parent / "mkdocs-khong-pdf.yml"
    other.write_text(text.replace("pdf_quarters: 2", "pdf_quarters: 0"), encoding="utf-8")
    code, out, err = run_cli("build", "-f", other, "-d", tmp_path / "site")
    assert code == 0, out + err
    assert calls.read_text() == "" and not list((tmp_path / "site").rglob("*.pdf"))
    line = text[:text.index("pdf_quarters: 2")].count("\n") + 1
    other.write_text(text.replace("pdf_quarters: 2", "pdf_quarters: hai"), encoding="utf-8")
    code, out, err = run_cli("build", "-f", other, "-d", tmp_path / "site2")
    other.unlink()
    assert code == 2 and f"mkdocs-khong-pdf.yml:{line}: " in err and "pdf_quarters" in err, err


def test_nothing_on_the_quarterly_pdf_runs_off_the_a4_page(demo):
    import pdfplumber

    _, q4 = demo
    with pdfplumber.open(q4 / "bao-cao.pdf") as pdf:
        off = [(n, c["text"], round(c["x1"], 1)) for n, p in enumerate(pdf.pages, 1) for c in p.chars
               if c["text"].strip() and (c["x1"] > p.width or c["x0"] < 0)]
        borders = [(n, round(r["x1"], 1)) for n, p in enumerate(pdf.pages, 1) for r in p.rects + p.lines
                   if r["x1"] > p.width + 0.5]
    assert not off and not borders, (off[:10], borders[:10])


def _pdf_of(pages_from: Path, attach: Path, out: Path, drop: int | None = None) -> Path:
    """A PDF with the printed pages of ``pages_from`` (one dropped if asked) and the attachment of ``attach``."""
    import pypdf

    from generator.reports.handover.pdf import ATTACHMENT, attached_report

    writer = pypdf.PdfWriter()
    for n, p in enumerate(pypdf.PdfReader(pages_from).pages, 1):
        if n != drop:
            writer.add_page(p)
    writer.add_attachment(ATTACHMENT, attached_report(attach.read_bytes()))
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def test_verify_rejects_a_pdf_whose_printed_pages_are_another_quarters(demo, tmp_path):
    config, q4 = demo
    swapped = _pdf_of(q4.parent / "2026-q3" / "bao-cao.pdf", q4 / "bao-cao.pdf", tmp_path / "bao-cao.pdf")
    code, out, err = run_cli("verify", "-f", config, swapped)
    assert code == 1, out + err
    assert "KHÔNG KHỚP" in out and "không thuộc báo cáo này" in out and "không ghi kỳ Quý 4/2026" in out


def test_verify_rejects_a_pdf_with_a_page_removed(demo, tmp_path):
    config, q4 = demo
    same = _pdf_of(q4 / "bao-cao.pdf", q4 / "bao-cao.pdf", tmp_path / "same.pdf")
    code, out, err = run_cli("verify", "-f", config, same)
    assert code == 0, out + err  # the pages and attachment of one report, copied: still KHỚP
    cut = _pdf_of(q4 / "bao-cao.pdf", q4 / "bao-cao.pdf", tmp_path / "cut.pdf", drop=2)
    code, out, err = run_cli("verify", "-f", config, cut)
    assert code == 1, out + err
    assert "tệp đã bị bớt, thêm hoặc đổi chỗ trang" in out
