"""The site as the province's own, in Chromium at 360 px and 1280 px: the agency's footer, the Vietnamese 404 page,
the plain pages (reachable from the footer, absent from the listings), the campaign banner (short on a phone,
closable, remembered), the printout (no "00:00", the agency's name) and axe-core on the new page types."""
from __future__ import annotations

import re

import pytest

AGENCY = "Sở Khoa học và Công nghệ tỉnh Lâm Đồng"
PHONE = dict(viewport={"width": 360, "height": 740}, device_scale_factor=2, is_mobile=True, has_touch=True,
             locale="vi-VN")
AXE = """async () => (await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',
    'wcag21aa']}})).violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"""


@pytest.fixture(params=[1280, 360], ids=["1280px", "360px"])
def any_page(request, browser):
    ctx = browser.new_context(**PHONE) if request.param == 360 else browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="vi-VN")
    yield ctx.new_page()
    ctx.close()


@pytest.fixture
def phone(browser):
    ctx = browser.new_context(**PHONE)
    yield ctx.new_page()
    ctx.close()


def test_footer_shows_the_agency_and_leads_to_a_plain_page(any_page, base_url):
    page = any_page
    page.goto(base_url)
    footer = page.locator(".md-footer-meta")
    footer.scroll_into_view_if_needed()
    said = footer.inner_text()
    for want in (AGENCY, "Chịu trách nhiệm nội dung", "Trần Quang Minh", "Số 35 Trần Hưng Đạo", "0263 3822 424",
                 "chuyendoiso@lamdong.gov.vn", "Quyết định số", "ghi rõ nguồn"):
        assert want in said, want
    assert "Made with" not in page.content() and "Material for MkDocs" not in said
    assert footer.get_by_role("link", name="0263 3822 424").get_attribute("href") == "tel:02633822424"
    footer.get_by_role("link", name="Giới thiệu").click()
    page.wait_for_url(re.compile(r"/trang/gioi-thieu/$"))
    assert page.locator("h1").inner_text() == "Giới thiệu"
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1]


def test_plain_pages_are_not_in_the_listings(page, demo_site, base_url):
    for url in ("", "tuan/", "chuyen-muc/", "luu-tru/"):
        page.goto(base_url + url)
        links = page.locator(".md-content a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert not [h for h in links if "trang/" in h and "so-do-trang" not in h], url
    weeks = sorted(p.parent.name for p in (demo_site / "tuan").glob("*/index.html"))
    for week in weeks:
        assert "/trang/" not in (demo_site / "tuan" / week / "index.html").read_text(encoding="utf-8").split(
            'data-md-component="content"')[1].split('<footer class="md-footer"')[0]


def test_english_contact_page_is_marked_english(page, base_url):
    page.goto(base_url)
    page.locator(".md-footer-meta").get_by_role("link", name="About us / Contact").click()
    page.wait_for_url(re.compile(r"/trang/contact/$"))
    english = page.locator(".md-content [lang=en]")
    assert "Department of Science and Technology" in english.inner_text()
    assert page.locator("h1").evaluate("h => h.closest('[lang]').lang") == "en"


def test_404_page_in_vietnamese_with_search_and_sections(any_page, base_url):
    page = any_page
    response = page.goto(base_url + "khong-co/trang-nay/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Không tìm thấy trang"
    assert "Not found" not in page.content()
    for section in ("Chuyên mục", "Nhật ký tần suất", "Góp ý, hỏi đáp", "Sơ đồ trang"):
        page.locator(".md-content").get_by_role("link", name=section, exact=True).wait_for()
    page.get_by_label("Tìm bài viết, tin tức").fill("dịch vụ công")
    page.get_by_role("button", name="Tìm kiếm").click()
    page.wait_for_url(re.compile(r"/tim-kiem/\?q="))
    page.locator("[data-search-results] li").first.wait_for(timeout=15000)


def test_campaign_banner_short_on_a_phone_and_closable(phone, campaign_url):
    page = phone
    page.goto(campaign_url)
    banner = page.locator(".md-banner")
    assert banner.is_visible()
    height = banner.bounding_box()["height"]
    assert height <= 60, f"banner {height}px tall at 360px"
    colour = banner.evaluate("b => getComputedStyle(b).backgroundColor")
    primary = page.evaluate("getComputedStyle(document.body).getPropertyValue('--md-primary-fg-color').trim()")
    assert colour not in ("rgb(0, 0, 0)", "rgba(0, 0, 0, 0.87)") and primary
    page.get_by_role("button", name="Đóng thông báo chiến dịch").click()
    assert not banner.is_visible()
    page.goto(campaign_url + "tuan/")  # another page: still closed
    assert page.locator(".ct-banner").count() == 1 and not page.locator(".md-banner").is_visible()


def test_campaign_page_says_it_is_over_and_lists_the_press(page, base_url):
    page.goto(base_url + "chien-dich/ngay-chuyen-doi-so-quoc-gia-2026/")
    assert "Chiến dịch đã kết thúc" in page.locator(".ct-campaign-when").inner_text()
    assert "01/10/2026" in page.locator(".ct-campaign-when").inner_text()
    press = page.locator("h2:has-text('trong thời gian chiến dịch') ~ .ct-card--feed")
    assert press.count() >= 1
    dates = press.locator("time").evaluate_all("ts => ts.map(t => t.getAttribute('datetime').slice(0, 10))")
    assert dates and all("2026-10-01" <= d <= "2026-10-10" for d in dates), dates


def test_print_without_midnight_and_with_the_agency(page, base_url):
    # content/bai-viet/2026/dich-vu-cong-truc-tuyen-toan-trinh.md gives "date: 2026-08-25", no time
    page.goto(base_url + "bai-viet/lam-dong-day-manh-dich-vu-cong-truc-tuyen-toan-trinh-sau-hop-nhat/")
    page.emulate_media(media="print")
    block = page.locator(".ct-print-only")
    assert block.is_visible()
    printed = block.inner_text()
    assert AGENCY in printed and "Chuyên trang Chuyển đổi số tỉnh Lâm Đồng" in printed
    assert "00:00" not in printed
    assert re.search(r"Ngày đăng: \d\d/\d\d/\d{4}", printed)


@pytest.mark.parametrize("url", ["trang/gioi-thieu/", "trang/contact/", "so-do-trang/", "khong-co-trang-nay/",
                                 "gop-y/", "chien-dich/ngay-chuyen-doi-so-quoc-gia-2026/"])
def test_axe_on_the_new_pages(page, base_url, axe_source, url):
    page.goto(base_url + url)
    assert page.evaluate("document.documentElement.lang") == "vi"
    page.add_script_tag(content=axe_source)
    assert page.evaluate(AXE) == [], url


def test_axe_on_the_banner_at_360px(phone, campaign_url, axe_source):
    phone.goto(campaign_url)
    phone.add_script_tag(content=axe_source)
    assert phone.evaluate(AXE) == []


@pytest.mark.parametrize("url", ["nhat-ky-tan-suat/", "nhat-ky-tan-suat/bao-cao/"])
def test_axe_on_the_log_pages_on_a_phone_and_a_desktop(any_page, base_url, axe_source, url):
    """The frequency log and the list of formal reports are public pages too: on a phone a wide table scrolls inside
    itself and must be reachable by keyboard (WCAG 2.1.1); a link with words beside it in a table cell is underlined,
    not told apart by colour alone (WCAG 1.4.1)."""
    any_page.goto(base_url + url)
    any_page.add_script_tag(content=axe_source)
    assert any_page.evaluate(AXE) == [], url


def test_page_titles_name_the_page_once(page, base_url):
    """WCAG 2.4.2: the title a browser tab, a bookmark and a screen reader give says which page this is: the home
    page is the site's name (once, not "X - X"), an address that does not exist says so."""
    page.goto(base_url)
    site_name = page.locator('meta[property="og:site_name"]').get_attribute("content")
    assert page.title() == site_name
    page.goto(base_url + "khong-co/trang-nay/")
    assert page.title() == f"Không tìm thấy trang - {site_name}"
    page.goto(base_url + "so-do-trang/")
    assert page.title() == f"Sơ đồ trang - {site_name}"
