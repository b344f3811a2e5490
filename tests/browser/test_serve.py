"""`chuyentrang serve` in a real browser: a draft and a scheduled article shown with their banners; a broken article
shows the Vietnamese list of problems in the open tab by itself, and the page comes back by itself once fixed."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "preview"))
from servehelp import Served  # noqa: E402

DEMO = Path(__file__).resolve().parents[2]
DRAFT = "bai-viet/kinh-nghiem-xay-dung-thon-thong-minh-o-cac-bon-dong-bao-m-nong/"
SCHEDULED = "bai-viet/tro-ly-ao-ho-tro-can-bo-cong-chuc-cap-xa-sau-ba-thang-thi-diem/"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("serve") / "repo"
    root.mkdir()
    shutil.copy(DEMO / "mkdocs.yml", root)
    shutil.copytree(DEMO / "content", root / "content")
    shutil.copytree(DEMO / "feeds", root / "feeds")
    s = Served(root / "mkdocs.yml")
    yield s
    s.stop()


def test_draft_and_scheduled_articles_show_their_banner(served, page):
    page.goto(served.url + DRAFT)
    assert page.locator(".ct-xem-truoc").inner_text().strip() == "BẢN NHÁP — không được xuất bản"
    assert page.locator("article h1").count() >= 1
    page.goto(served.url + SCHEDULED)
    assert page.locator(".ct-xem-truoc").inner_text().strip() == "HẸN GIỜ — xuất bản lúc 08:00 27/11/2026"
    page.goto(served.url)  # a published page: no banner
    assert page.locator(".ct-xem-truoc").count() == 0


def test_broken_article_shows_vietnamese_problems_then_recovers_by_itself(served, page):
    root = served.log.parent
    article = root / "content/bai-viet/2026/dieu-hanh-bang-du-lieu-cap-xa.md"
    good = article.read_text(encoding="utf-8")
    page.goto(served.url + "chuyen-muc/")
    title = page.title()
    article.write_text(good.replace("category: chinh-quyen-so", "category: khong-co-chuyen-muc-nay"), encoding="utf-8")
    try:
        page.wait_for_selector("ul.ct-loi", timeout=30_000)  # the open tab reloaded by itself
        text = page.locator("body").inner_text()
        assert "Trang chưa dựng được" in text
        assert "content/bai-viet/2026/dieu-hanh-bang-du-lieu-cap-xa.md:4:" in text, text
        assert "khong-co-chuyen-muc-nay" in text
    finally:
        article.write_text(good, encoding="utf-8")
    page.wait_for_selector("ul.ct-loi", state="detached", timeout=30_000)
    page.wait_for_load_state()
    assert page.title() == title
    assert page.url == served.url + "chuyen-muc/"
