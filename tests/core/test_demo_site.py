"""The bundled demo builds end to end, its pages exist and link to each other, and one missing week fails it."""
from __future__ import annotations

import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest

from sitefactory import REPO, run_cli


def copy_demo(dest: Path) -> Path:
    dest.mkdir()
    shutil.copy(REPO / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(REPO / "content", dest / "content")
    shutil.copytree(REPO / "feeds", dest / "feeds")
    for folder in ("cau-hoi", "ban-tin"):  # question banks and bulletin introductions, beside mkdocs.yml
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, dest / folder)
    return dest / "mkdocs.yml"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("demo")
    config = copy_demo(root / "repo")
    site = root / "site"
    code, out, err = run_cli("build", "-f", config, "-d", site)
    assert code == 0, err
    return config, site


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)


def test_demo_pages_exist(demo):
    config, site = demo
    for page in ["index.html", "tuan/index.html", "tuan/2026-w47/index.html", "tuan/2026-w35/index.html",
                 "chuyen-muc/index.html", "chuyen-muc/kinh-te-so/index.html", "luu-tru/index.html",
                 "luu-tru/2026/10/index.html", "tin-bao-dai/index.html", "nhat-ky-tan-suat/index.html",
                 "nhat-ky-tan-suat/bao-cao.json", "nhat-ky-tan-suat/bao-cao.csv", "feed.xml", "sitemap.xml"]:
        assert (site / page).is_file(), page
    articles = list((config.parent / "content" / "bai-viet").rglob("*.md"))
    published = list((site / "bai-viet").glob("*/index.html"))
    assert len(articles) - 2 == len(published) >= 26  # the draft and the scheduled article stay out
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="vi"' in html
    assert "Chuyên trang tuần này" in html and "Báo Lâm Đồng" in html  # the latest news, with their source


def test_every_internal_link_resolves(demo):
    _, site = demo
    broken = []
    for page in site.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or link.startswith(("#", "mailto:", "tel:", "//")):
                continue
            if not parts.path:
                target = page
            elif parts.path.startswith("/"):  # 404.html links from the site root
                target = (site / unquote(parts.path).lstrip("/")).resolve()
            else:
                target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {link}")
    assert not broken, broken[:20]


def test_pages_link_to_each_other(demo):
    _, site = demo
    week = (site / "tuan" / "2026-w46" / "index.html").read_text(encoding="utf-8")
    assert 'href="../2026-w45/"' in week and 'href="../2026-w47/"' in week
    assert re.search(r'href="\.\./\.\./bai-viet/[a-z0-9-]+/"', week)
    assert "https://baolamdong.vn/" in week  # newspaper items link to their originals
    log = (site / "nhat-ky-tan-suat" / "index.html").read_text(encoding="utf-8")
    assert "bao-cao.json" in log and "bao-cao.csv" in log
    article = next((site / "bai-viet").glob("*/index.html")).read_text(encoding="utf-8")
    assert re.search(r'href="\.\./\.\./chuyen-muc/[a-z-]+/"', article)
    assert re.search(r'href="\.\./\.\./tuan/2026-w\d\d/"', article)


def test_titles_are_escaped(demo):
    _, site = demo
    week = next(p for p in (site / "tuan").glob("*/index.html") if "OCOP" in p.read_text(encoding="utf-8"))
    text = week.read_text(encoding="utf-8")
    assert "&lt;OCOP Lâm Đồng&gt;" in text and "<OCOP" not in text


def test_feed_xml_is_valid_rss(demo):
    _, site = demo
    parsed = feedparser.parse((site / "feed.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    assert len(parsed.entries) >= 26
    first = parsed.entries[0]
    assert first.link.startswith("https://chuyendoiso.example.gov.vn/bai-viet/")
    assert first.published_parsed is not None


def test_every_page_tells_feed_readers_where_the_rss_is(demo):
    _, site = demo
    name = re.search(r"<title>([^<]+)</title>", (site / "index.html").read_text(encoding="utf-8")).group(1)
    for page in ["index.html", "tuan/2026-w47/index.html", "nhat-ky-tan-suat/index.html",
                 next(iter(sorted((site / "bai-viet").glob("*/index.html")))).relative_to(site).as_posix()]:
        html = (site / page).read_text(encoding="utf-8")
        found = re.search(r'<link rel="alternate" type="application/rss\+xml" title="([^"]+)" href="([^"]+)"', html)
        assert found, page
        assert found.group(1) == name, page  # the site's name, as on the home page
        assert ((site / page).parent / found.group(2)).resolve() == (site / "feed.xml").resolve(), page


def test_no_third_party_requests_in_page_assets(demo):
    _, site = demo
    for page in [site / "index.html", next((site / "bai-viet").glob("*/index.html"))]:
        html = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html):
            m = re.search(r'(?:src|href)="(https?:)?//([^/"]+)', tag)
            assert not m or m.group(2) == "chuyendoiso.example.gov.vn", tag


def test_removing_one_weeks_articles_fails_the_build_and_keeps_site(tmp_path, demo):
    config = copy_demo(tmp_path / "repo")
    site = tmp_path / "site"
    assert run_cli("build", "-f", config, "-d", site)[0] == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    removed = 0
    for md in (config.parent / "content").rglob("*.md"):
        text = md.read_text(encoding="utf-8")
        m = re.search(r"^date: (2026-11-(09|1[0-5]))", text, re.M)  # ISO week 2026-W46
        if m and "channel:" not in text:
            md.unlink()
            removed += 1
    assert removed >= 1
    code, _, err = run_cli("build", "-f", config, "-d", site)
    assert code == 1
    assert "chuyen-trang" in err and "2026-W46" in err
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_root_relative_images_work_below_a_sub_path(demo):
    # Editors write /assets/x.svg; the page must not depend on the site being served at the domain's root.
    _, site = demo
    pages = [p for p in (site / "bai-viet").glob("*/index.html") if "nong-nghiep-so.svg" in p.read_text(encoding="utf-8")]
    assert pages
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'src="../../assets/nong-nghiep-so.svg"' in html
        assert 'src="/assets/' not in html
