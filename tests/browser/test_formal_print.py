"""The quarterly report printed from Chromium (print emulation, and a real print to PDF): body text at least 11 pt,
table text at least 9 pt, no navigation, and the page numbers and verification code in the margins."""
from __future__ import annotations

import json
import subprocess

PT = 96 / 72  # CSS pixels per point
Q4 = "nhat-ky-tan-suat/bao-cao/2026-q4/"

SIZES = """() => {
  const px = (el) => parseFloat(getComputedStyle(el).fontSize);
  const body = [...document.querySelectorAll('.ct-formal > p')].filter(e => e.innerText.trim());
  const cells = [...document.querySelectorAll('.ct-formal table.ct-formal__table td, .ct-formal table.ct-formal__table th, .ct-formal__url')];
  return {body: Math.min(...body.map(px)), bodyCount: body.length, table: Math.min(...cells.map(px)),
          tableCount: cells.length};
}"""


def test_quarterly_report_prints_at_readable_sizes(page, demo_site, base_url, tmp_path):
    page.goto(base_url + Q4)
    page.emulate_media(media="print")
    sizes = page.evaluate(SIZES)
    assert sizes["bodyCount"] >= 3 and sizes["tableCount"] >= 20
    assert sizes["body"] >= 11 * PT - 0.01, sizes
    assert sizes["table"] >= 9 * PT - 0.01, sizes
    assert not page.locator(".md-header").is_visible()
    assert not page.locator(".ct-formal-tools").is_visible()
    out = tmp_path / "q4.pdf"
    page.pdf(path=str(out), format="A4", prefer_css_page_size=True)
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True).stdout.decode()
    code = json.loads((demo_site / Q4 / "bao-cao.json").read_text(encoding="utf-8"))["build"]["verification_code"]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert f"Mã xác minh: {code}" in text and "Trang 1/" in text


def test_the_formal_report_fits_a_360px_phone_without_cells_running_into_each_other(browser, base_url):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                              has_touch=True, locale="vi-VN")
    try:
        page = ctx.new_page()
        page.goto(base_url + Q4)
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] <= 360, f"the report is {widths[0]}px wide on a 360px screen"
        found = page.evaluate("""() => {
          const tables = [...document.querySelectorAll('.ct-formal table.ct-formal__table')];
          const wide = tables.filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
                             .map(t => t.querySelector('caption')?.innerText || t.className);
          const cells = tables.flatMap(t => [...t.querySelectorAll('td, th')]);
          const over = cells.filter(c => c.scrollWidth > c.clientWidth + 1).map(c => c.innerText.slice(0, 40));
          return {tables: tables.length, cells: cells.length, wide, over};
        }""")
        assert found["tables"] >= 3 and found["cells"] >= 20, found
        assert not found["wide"] and not found["over"], found
        # Bảng 1 reads whole: "20 tin bài" and the verdict stay in their own cells
        row = page.locator(".ct-formal__summary tbody tr").first
        assert "tin bài" in row.locator("td.ct-num").nth(1).inner_text()
    finally:
        ctx.close()


def test_printed_addresses_after_links_are_at_least_9pt(page, base_url):
    for url in (Q4, "nhat-ky-tan-suat/"):
        page.goto(base_url + url)
        page.emulate_media(media="print")
        sizes = page.evaluate("""() => [...document.querySelectorAll('.md-typeset a[href^="http"]')]
          .map(a => parseFloat(getComputedStyle(a, '::after').fontSize))""")
        assert sizes, url
        assert min(sizes) >= 9 * PT - 0.01, (url, min(sizes) / PT)
