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
