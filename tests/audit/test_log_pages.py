"""The log page and the pages under it, as an auditor reads and prints them."""
from __future__ import annotations

import io
import re
from datetime import datetime, timedelta

from generator.core import timeutil
from generator.core.archive import FeedItem
from generator.cli.main import main
from generator.core.config import load_config
from generator.render import render_site
from generator.render.log import evidence_pages
from generator.core.site import assemble, load_site

CHANNELS = """\
        - id: chuyen-trang
          name: Chuyên trang Chuyển đổi số
          target: {per: week, min: 2, mode: average, window: 4}
          since: 2024-04-01
        - id: xa
          name: Truyền thanh cơ sở
          target: {per: month, min: 1, mode: every, window: 2}
          since: 2024-04-01
"""


def pages_of(site):
    return {p.url: p for p in render_site(site).pages}


def demo(repo, as_of="2024-05-24"):
    repo.write_config(channels=CHANNELS,
                      waivers='        - {channel: chuyen-trang, period: 2024-W18, reason: "Nghỉ lễ 30/4 - 1/5"}')
    for n, day in enumerate(["2024-04-02", "2024-04-04", "2024-04-09", "2024-04-11", "2024-04-16", "2024-04-18",
                             "2024-04-23", "2024-04-25", "2024-05-07", "2024-05-09", "2024-05-14", "2024-05-16",
                             "2024-05-21"]):
        repo.article(f"bai-{n}", f"Bài số {n}", f"{day} 08:00")
    repo.article("xa-4", "Phát thanh tháng 4", "2024-04-10 08:00", channel="xa")
    return load_site(repo.config, as_of)


def test_log_page_summarises_each_channel_with_progress_and_target_in_words(repo):
    html = pages_of(demo(repo))["nhat-ky-tan-suat/"].html
    assert "trung bình ít nhất 2 tin bài mỗi tuần, tính trên 4 tuần gần nhất" in html
    # Friday 24/05 23:59: Saturday and Sunday are left in week 21
    assert "1 tin bài (chỉ tiêu: 2), còn 2 ngày" in html and "1/2 tin bài" not in html
    assert "0 tin bài (chỉ tiêu: 1), còn 7 ngày" in html  # the month of May for the monthly channel
    assert "Nghỉ lễ 30/4 - 1/5" in html  # the waiver and its reason
    assert "Số liệu tính đến" in html and "24/05/2024 23:59" in html and "Thời điểm tạo trang" in html
    assert "Cửa sổ đánh giá" not in html and "Thời điểm build" not in html and "commit lúc" not in html
    # the integrity paragraph in plain words, for an auditor who has never used git
    assert "lần đầu bài được lưu vào kho" in html and "lịch sử lưu trữ" in html
    assert "commit đầu tiên" not in html and "lịch sử git" not in html and "chỉ tiêu ," not in html


def test_early_warning_on_the_page_and_in_check_with_exit_0_when_targets_pass(repo):
    site = demo(repo)
    html = pages_of(site)["nhat-ky-tan-suat/"].html
    assert "Cảnh báo sớm" in html
    assert "Chuyên trang Chuyển đổi số (chuyen-trang) mới có 1 tin bài (chỉ tiêu: 2) trong Tuần 21/2024" in html
    out = io.StringIO()
    code = main(["check", "-f", str(repo.config), "--as-of", "2024-05-24"], out=out, err=io.StringIO())
    text = out.getvalue()
    assert code == 0, text
    assert "CẢNH BÁO SỚM: Chuyên trang Chuyển đổi số (chuyen-trang)" in text
    assert "cần thêm 1 tin bài" in text
    assert "Truyền thanh cơ sở (xa)" not in text.split("CẢNH BÁO SỚM")[1]  # 7 days left in May: no warning yet
    # three days left: no warning
    out = io.StringIO()
    main(["check", "-f", str(repo.config), "--as-of", "2024-05-23"], out=out, err=io.StringIO())
    assert "CẢNH BÁO SỚM" not in out.getvalue()
    # json stays clean on stdout; the warning goes to stderr
    out, err = io.StringIO(), io.StringIO()
    main(["check", "-f", str(repo.config), "--as-of", "2024-05-24", "--format", "json"], out=out, err=err)
    assert out.getvalue().startswith("{") and "CẢNH BÁO SỚM" in err.getvalue()


def test_grid_cells_carry_a_text_label_not_only_colour(repo):
    html = pages_of(demo(repo, as_of="2024-06-20"))["nhat-ky-tan-suat/"].html
    cells = re.findall(r'<td class="ct-g ct-g--(\w+)"[^>]*>(.*?)</td>', html)
    assert cells
    for status, inner in cells:
        label = re.sub(r"<[^>]+>", "", inner).strip()
        assert label, status
    labels = {s: {re.sub(r"<[^>]+>", "", i)[0] for st, i in cells if st == s} for s, _ in cells}
    assert labels["met"] == {"✓"} and labels["missed"] == {"✗"} and labels["waived"] == {"M"}
    assert labels["open"] == {"…"} and labels["none"] == {"·"}
    # one grid per quarter that holds a channel period, so that each fits an A4 page: Q2/2024 has the 13 ISO weeks
    # whose Thursday is in April-June; a weekly row has a cell per week, the monthly row spans them in 3 months
    grids = [g.split("</table>")[0] for g in html.split('<table class="ct-grid">')[1:]]
    assert grids and "Quý 2/2024 (13 tuần)" in "".join(grids)
    for grid in grids:
        weeks = int(re.search(r"\((\d+) tuần\)", grid).group(1))
        rows = re.findall(r"<tr><th scope=\"row\">.*?</tr>", grid)
        assert len(re.findall(r"<td class=\"ct-g", rows[0])) == weeks
        spans = [int(s or 1) for s in re.findall(r'<td class="ct-g[^"]*"(?: colspan="(\d+)")?', rows[1])]
        assert len(spans) == 3 and sum(spans) == weeks


def test_history_outside_the_window_stays_missed(repo):
    site = demo(repo, as_of="2024-06-20")  # W18 is waived, but early weeks outside the window keep their status
    html = pages_of(site)["nhat-ky-tan-suat/kenh/chuyen-trang/2024/"].html
    assert 'id="ky-2024-w22"' in html
    w22 = html.split('id="ky-2024-w22"')[1].split("</h2>")[0]
    assert "không đạt" in w22


def test_evidence_page_lists_title_date_source_and_the_link_written_out(repo):
    site = demo(repo)
    html = pages_of(site)["nhat-ky-tan-suat/kenh/chuyen-trang/2024/"].html
    assert "Bài số 12" in html and "21/05/2024 08:00" in html and "Bài viết của chuyên trang" in html
    assert ">https://example.test/bai-viet/bai-so-12/</a>" in html  # printed pages keep the address
    assert "nhat-ky-tan-suat/bao-cao-thang/" in pages_of(site)
    monthly = pages_of(site)["nhat-ky-tan-suat/bao-cao-thang/"].html
    assert "Tháng 4/2024" in monthly and "Tháng 5/2024" in monthly
    assert "Quý 2/2024" in pages_of(site)["nhat-ky-tan-suat/bao-cao-quy/"].html


def test_print_stylesheet_is_a4_without_navigation():
    from pathlib import Path

    import generator.render as render

    css = (Path(render.__file__).parent / "static" / "chuyentrang.css").read_text(encoding="utf-8")
    prints = re.findall(r"@media print \{(.*?)\n\}", css, re.S)
    joined = "\n".join(prints)
    assert "size: A4" in joined
    assert ".md-header" in joined and ".md-tabs" in joined and ".md-sidebar" in joined and "display: none" in joined
    assert 'content: " (" attr(href) ")"' in joined
    assert "print-color-adjust: exact" in joined


def test_a_busy_year_is_split_into_pages_of_bounded_size(repo):
    repo.write_config(channels=CHANNELS)
    cfg = load_config(repo.config)
    start = datetime(2024, 4, 1, 8, tzinfo=cfg.tz)
    items = [FeedItem(id=f"tin-{n}", source="bao", source_name="Báo", channel="chuyen-trang", title=f"Tin {n}",
                      link=f"https://bao.example.test/{n}", published=start + timedelta(hours=3 * n),
                      published_raw=None, summary="", categories=(), image=None,
                      first_seen=start + timedelta(hours=3 * n + 1), last_seen=start + timedelta(hours=3 * n + 1),
                      flags=()) for n in range(1500)]
    site = assemble(cfg, timeutil.parse_datetime("2024-10-31", cfg.tz, end_of_day=True), [], items)
    ev = evidence_pages(site.report.channel("chuyen-trang"))
    assert len(ev) == 3 and [e.page for e in ev] == [1, 2, 3]
    assert all(sum(len(p.items) for p in e.periods) <= 600 for e in ev)
    assert sum(len(p.items) for e in ev for p in e.periods) == 1500
    pages = pages_of(site)
    assert "nhat-ky-tan-suat/kenh/chuyen-trang/2024/trang-3/" in pages
    # the grid links a week to the page that holds it
    last = ev[-1].periods[-1].period
    assert f'kenh/chuyen-trang/2024/trang-3/#ky-{last.lower()}' in pages["nhat-ky-tan-suat/"].html
    assert all(len(p.html) < 400_000 for u, p in pages.items() if u.startswith("nhat-ky-tan-suat/"))
