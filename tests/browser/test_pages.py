"""What a citizen sees in Chromium: campaign banner, print, phone width, accessibility (axe-core), keyboard, page
weight measured from the browser's network log, and no request to any other host."""
from __future__ import annotations

import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
import segno

from browser_demo import REPO

SITE_URL = "https://chuyendoiso.example.gov.vn/"
CAMPAIGN_SLOGAN = "Chuyển đổi số toàn dân, toàn diện"
HOME_BUDGET = 250 * 1000
ARTICLE_BUDGET = 200 * 1000


def first_article(site: Path) -> str:
    """The URL of the newest article the home page links to (site-relative)."""
    html = (site / "index.html").read_text(encoding="utf-8")
    return re.search(r'href="(bai-viet/[^"/]+/)"', html).group(1)


def a_week(site: Path) -> str:
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "tuan").glob("*/index.html"))[-2]


def a_category(site: Path) -> str:
    return sorted(p.parent.relative_to(site).as_posix() + "/" for p in (site / "chuyen-muc").glob("*/index.html"))[0]


def pages_to_check(site: Path) -> dict[str, str]:
    return {
        "trang chủ": "",
        "bài viết": first_article(site),
        "chuyên mục": a_category(site),
        "tuần": a_week(site),
        "nhật ký tần suất": "nhat-ky-tan-suat/",
        "kết quả tìm kiếm": "tim-kiem/?q=" + urllib.parse.quote("chuyển đổi số"),
        "góp ý": "gop-y/",
        "chiến dịch": "chien-dich/ngay-chuyen-doi-so-quoc-gia-2026/",
    }


def settle(page) -> None:
    if "/tim-kiem/" in page.url:
        page.locator("[data-search-results] li").first.wait_for(timeout=15000)


# ---- campaigns ----

@pytest.mark.parametrize("where", ["", "bai-viet", "tim-kiem/", "nhat-ky-tan-suat/"])
def test_campaign_banner_on_every_page_inside_the_window(page, campaign_site, campaign_url, where):
    url = first_article(campaign_site) if where == "bai-viet" else where
    page.goto(campaign_url + url)
    banner = page.locator(".md-banner .ct-banner")
    assert banner.is_visible()
    assert CAMPAIGN_SLOGAN in banner.inner_text()
    banner.locator("a").click()
    assert page.url.endswith("/chien-dich/ngay-chuyen-doi-so-quoc-gia-2026/")


def test_campaign_page_lists_the_tagged_articles(page, campaign_url):
    page.goto(campaign_url + "chien-dich/ngay-chuyen-doi-so-quoc-gia-2026/")
    titles = page.locator(".ct-card--article .ct-card__title").all_inner_texts()
    from generator.core.tags import tag_slug  # tags are written in words ("Ngày Chuyển đổi số quốc gia") or as ids

    tagged = [p for p in (REPO / "content").rglob("*.md")
              if any(tag_slug(t) == "ngay-chuyen-doi-so-quoc-gia" for line in re.findall(
                  r"^tags: *\[(.*)\]", p.read_text(encoding="utf-8"), re.M) for t in line.split(","))]
    assert len(tagged) >= 2
    assert len(titles) == len(tagged)
    assert any("Ngày Chuyển đổi số quốc gia" in t for t in titles)


@pytest.mark.parametrize("where", ["", "bai-viet", "tim-kiem/"])
def test_no_banner_outside_the_window(page, demo_site, base_url, where):
    url = first_article(demo_site) if where == "bai-viet" else where
    page.goto(base_url + url)
    assert page.locator(".ct-banner").count() == 0
    assert CAMPAIGN_SLOGAN not in page.content()


# ---- print ----

def test_print_shows_address_date_and_qr_without_navigation(page, demo_site, base_url):
    url = first_article(demo_site)
    page.goto(base_url + url)
    button = page.get_by_role("button", name="In / Lưu bài viết")
    assert button.is_visible()
    assert not page.locator(".ct-print-only").is_visible()
    page.emulate_media(media="print")
    for hidden in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer", ".ct-print-tools"):
        loc = page.locator(hidden)
        assert loc.count() == 0 or not loc.first.is_visible(), f"{hidden} is printed"
    block = page.locator(".ct-print-only")
    assert block.is_visible()
    text = block.inner_text()
    assert SITE_URL + url in text
    published = page.locator(".ct-article-meta time").inner_text()
    assert re.fullmatch(r"\d\d/\d\d/\d{4}", published) and published in text
    qr = block.locator("svg")
    box = qr.bounding_box()
    assert box and box["width"] > 60 and abs(box["width"] - box["height"]) < 2
    # the QR code is the one segno makes for the article's address: scanning it opens the article
    # (segno's symbol with one fixed mask, generator/render/qr.py)
    want = segno.make(SITE_URL + url, error="m", micro=False, mask=0, boost_error=False).svg_inline(
        scale=4, border=2, dark="#000", light="#fff", omitsize=True)
    assert re.findall(r'\sd="([^"]+)"', want) == [path.get_attribute("d") for path in qr.locator("path").all()]


def test_print_button_opens_the_print_dialog(page, demo_site, base_url):
    page.goto(base_url + first_article(demo_site))
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="In / Lưu bài viết").click()
    assert page.evaluate("window.__printed") == 1


# ---- phones ----

@pytest.mark.parametrize("name", ["trang chủ", "bài viết", "kết quả tìm kiếm", "nhật ký tần suất", "góp ý"])
def test_360px_wide_phone_has_no_horizontal_scroll(browser, demo_site, base_url, tmp_path, name):
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True,
                              has_touch=True, locale="vi-VN")
    try:
        page = ctx.new_page()
        page.goto(base_url + pages_to_check(demo_site)[name])
        settle(page)
        shot = page.screenshot(path=str(tmp_path / "360.png"), full_page=True)
        assert shot[:8] == b"\x89PNG\r\n\x1a\n"
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] <= 360, f"{name}: page is {widths[0]}px wide on a 360px screen"
    finally:
        ctx.close()


# ---- accessibility ----

@pytest.mark.parametrize("name", ["trang chủ", "bài viết", "chuyên mục", "tuần", "nhật ký tần suất",
                                  "kết quả tìm kiếm", "góp ý", "chiến dịch"])
def test_axe_reports_no_wcag_violation(page, demo_site, base_url, axe_source, name):
    page.goto(base_url + pages_to_check(demo_site)[name])
    settle(page)
    assert page.evaluate("document.documentElement.lang") == "vi"
    page.add_script_tag(content=axe_source)
    violations = page.evaluate("""async () => (await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
        .map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    assert violations == [], f"{name}: {violations}"


def test_axe_on_the_campaign_banner(page, campaign_url, axe_source):
    page.goto(campaign_url)
    page.add_script_tag(content=axe_source)
    violations = page.evaluate("""async () => (await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v => v.id)""")
    assert violations == []


def _tab_through(page, presses: int = 120) -> list[dict]:
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        seen.append(page.evaluate("""() => { const e = document.activeElement;
            return {tag: e.tagName, id: e.id, text: (e.innerText || e.getAttribute('aria-label') || '').trim(),
                    href: e.getAttribute('href') || ''}; }"""))
    return seen


def test_keyboard_reaches_skip_link_search_and_main_links(page, demo_site, base_url):
    page.goto(base_url)
    seen = _tab_through(page)
    assert "Bỏ qua, tới nội dung chính" in seen[0]["text"], seen[0]
    hrefs = [s["href"] for s in seen]
    for target in ("tim-kiem/", "chuyen-muc/", "nhat-ky-tan-suat/", "gop-y/", first_article(demo_site)):
        assert any(h.endswith(target) for h in hrefs), f"Tab never reaches a link to {target}"
    # the skip link moves on past the navigation to the content
    page.goto(base_url)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('.md-content') !== null")
    assert focused


def test_keyboard_reaches_the_search_input_and_results(page, base_url):
    page.goto(base_url)
    seen = _tab_through(page, 15)
    at = next(i for i, s in enumerate(seen) if s["href"].endswith("tim-kiem/"))
    page.goto(base_url)
    for _ in range(at + 1):
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/tim-kiem/$"))
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "ct-search-q":
            break
    assert page.evaluate("document.activeElement.id") == "ct-search-q"
    page.keyboard.type("chuyen doi so")
    page.keyboard.press("Enter")
    page.locator("[data-search-results] li a").first.wait_for(timeout=15000)
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('[data-search-results]')"):
            break
    assert page.evaluate("!!document.activeElement.closest('[data-search-results]')")



ON_SCREEN = """() => { const e = document.activeElement; const r = e.getBoundingClientRect();
    return {text: (e.innerText || e.getAttribute('aria-label') || '').trim(), href: e.getAttribute('href') || '',
            expanded: e.getAttribute('aria-expanded'),
            seen: r.width > 0 && r.height > 0 && r.right > 0 && r.left < innerWidth
                  && getComputedStyle(e).visibility !== 'hidden'}; }"""


def test_360px_keyboard_focus_never_goes_off_screen_and_the_menu_opens(browser, base_url):
    """On a phone's width (or a desktop zoomed to 400 %) Material's navigation is a drawer pushed off the screen: its
    ten links took ten Tab presses with the focus nowhere to be seen (WCAG 2.4.7), and its menu button could not be
    reached. Now the closed drawer is out of the Tab order, and its button opens it with Enter and closes with Escape."""
    ctx = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="vi-VN")
    try:
        page = ctx.new_page()
        page.goto(base_url)
        seen = []
        for _ in range(12):
            page.keyboard.press("Tab")
            seen.append(page.evaluate(ON_SCREEN))
        assert [s for s in seen if not s["seen"]] == [], seen
        menu = next(i for i, s in enumerate(seen) if s["text"] == "Mở danh mục trang")
        assert seen[menu]["expanded"] == "false"
        page.goto(base_url)
        for _ in range(menu + 1):
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        page.wait_for_function("document.getElementById('__drawer').checked")
        assert page.evaluate(ON_SCREEN)["expanded"] == "true"
        page.wait_for_timeout(400)  # the drawer slides in
        found = []
        for _ in range(8):
            page.keyboard.press("Tab")
            found.append(page.evaluate(ON_SCREEN))
        assert all(f["seen"] for f in found), found
        assert any(f["href"].endswith("chuyen-muc/") for f in found), found
        page.keyboard.press("Escape")
        page.wait_for_function("!document.getElementById('__drawer').checked")
        assert page.evaluate(ON_SCREEN)["text"] == "Mở danh mục trang"
    finally:
        ctx.close()


FOCUS_RING = """() => { const e = document.activeElement;
    if (!e || e === document.body) return null;
    const s = getComputedStyle(e);
    return {tag: e.tagName, id: e.id, text: (e.innerText || e.getAttribute('aria-label') || e.placeholder || '').trim(),
            ring: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none'}; }"""


@pytest.mark.parametrize("where", ["trang chủ", "bài viết", "tuần", "từ khóa", "góp ý", "trang 404"])
def test_keyboard_focus_is_visible_on_every_control(page, demo_site, base_url, where):
    """WCAG 2.4.7: whatever Tab reaches shows where the focus is (an outline or a ring), including the 404 page's
    search box (Material's stylesheet takes the browser's own focus ring off text inputs)."""
    url = {"trang chủ": "", "bài viết": first_article(demo_site), "tuần": a_week(demo_site),
           "từ khóa": "the/vneid/", "góp ý": "gop-y/", "trang 404": "khong-co/trang-nay/"}[where]
    page.goto(base_url + url)
    unmarked = []
    for _ in range(90):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_RING)
        if focused and not focused["ring"]:
            unmarked.append(focused)
    assert unmarked == [], f"không thấy chỗ đang chọn bằng bàn phím trên {where}: {unmarked[:3]}"


# ---- weight and third parties ----

def transferred(context, url: str) -> tuple[int, list[str]]:
    """Bytes the browser received for ``url`` and everything it loaded (gzip, headers included), from the
    DevTools network log of a cold profile."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    sizes: dict[str, int] = {}
    urls: dict[str, str] = {}
    cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(300)
    return sum(sizes.values()), sorted(urls.values())


def test_home_page_weight(context, base_url):
    total, loaded = transferred(context, base_url)
    assert total <= HOME_BUDGET, f"home page: {total} bytes > {HOME_BUDGET}: {loaded}"


def test_article_page_weight(context, demo_site, base_url):
    total, loaded = transferred(context, base_url + first_article(demo_site))
    assert total <= ARTICLE_BUDGET, f"article: {total} bytes > {ARTICLE_BUDGET}: {loaded}"


def test_first_search_weight(context, base_url):
    total, loaded = transferred(context, base_url + "tim-kiem/?q=" + urllib.parse.quote("chuyển đổi số"))
    assert any("/tim-kiem/index/u/" in u for u in loaded), "the search should have read its index"
    assert total <= ARTICLE_BUDGET + 100_000, f"search: {total} bytes: {loaded}"


def test_a_page_downloads_nothing_it_does_not_show(context, demo_site, base_url):
    """Every page names the RSS with <link rel="alternate">, which Material's script took for another language of the
    site: it downloaded the whole sitemap.xml on every page (~100 KB gzipped at 10,000 articles, on a phone's first
    visit). A page fetches its own HTML, styles, script, pictures and icon; never the sitemap, never the feed."""
    page = context.new_page()
    for name in ("trang chủ", "bài viết", "tuần", "nhật ký tần suất", "kết quả tìm kiếm"):
        page.goto(base_url + pages_to_check(demo_site)[name], wait_until="networkidle")
        settle(page)
    page.wait_for_timeout(500)
    assert [u for u in context.requested if re.search(r"/(sitemap\.xml|feed\.xml)", u)] == []
    assert page.evaluate("""[...document.querySelectorAll('link[type="application/rss+xml"]')]
                            .map(l => l.relList.contains('alternate'))""") == [True]  # still the site's feed


def test_no_request_leaves_127_0_0_1(context, demo_site, campaign_url, base_url):
    page = context.new_page()
    for url in pages_to_check(demo_site).values():
        page.goto(base_url + url, wait_until="networkidle")
    page.goto(campaign_url, wait_until="networkidle")
    hosts = {urllib.parse.urlsplit(u).hostname for u in context.requested if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, context.requested


class _Resources(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "source", "video", "audio") and a.get("src"):
            self.found.append(a["src"])
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "alternate", "prev", "next"):
            self.found.append(a["href"])


def test_built_html_loads_nothing_from_another_host(demo_site):
    offenders = []
    for html in demo_site.rglob("*.html"):
        if "admin" in html.relative_to(demo_site).parts:
            continue  # the editors' CMS, not a citizen's page
        p = _Resources()
        p.feed(html.read_text(encoding="utf-8"))
        offenders += [f"{html.relative_to(demo_site)}: {u}" for u in p.found if re.match(r"^(https?:)?//", u)]
    assert offenders == []
