"""The plans' pages in a real browser: the practice quiz by keyboard at 360 px, its study mode without JavaScript,
a contest posted to a local form service, the monthly bulletin printed on A4, the radio bulletin's script and audio."""
from __future__ import annotations

import re
import subprocess
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from browser_demo import serve  # noqa: E402

PRACTICE = "thi-tim-hieu/tim-hieu-chuyen-doi-so/"
CONTEST = "thi-tim-hieu/thi-ngay-chuyen-doi-so-2026/"


def _phone(browser, **kw):
    return browser.new_context(viewport={"width": 360, "height": 740}, device_scale_factor=1, is_mobile=True,
                               has_touch=True, locale="vi-VN", **kw)


def test_practice_quiz_by_keyboard_only_at_360px(browser, demo_site, base_url):
    ctx = _phone(browser)
    requested = []
    ctx.on("request", lambda r: requested.append(r.url))
    try:
        page = ctx.new_page()
        page.goto(base_url + PRACTICE)
        page.wait_for_selector("[data-ct-quiz-app]:not([hidden])")
        assert page.locator("[data-ct-quiz-study]").is_hidden()
        assert "không phải bài thi" in page.locator(".ct-quiz__honest").inner_text()
        answers = {li.get_attribute("data-q"): li.get_attribute("data-answer")
                   for li in page.locator("[data-ct-quiz-study] .ct-q").all()}
        page.locator("[data-ct-quiz-start]").focus()
        page.keyboard.press("Enter")
        wrong_on_purpose = 2  # the 1st and the 2nd question answered wrongly: the score must say 8/10
        for n in range(10):
            title = page.locator(".ct-quiz__title")
            assert title.inner_text() == f"Câu {n + 1}/10"
            assert page.evaluate("document.activeElement.classList.contains('ct-quiz__title')")
            qid = page.locator(".ct-quiz__question").get_attribute("data-q")
            options = page.locator(".ct-quiz__question input")
            count, kind = options.count(), options.first.get_attribute("type")
            right = set(answers[qid])
            letters = "ABCDEF"[:count]
            pick = right if n >= wrong_on_purpose else {next(x for x in letters if x not in right)}
            page.keyboard.press("Tab")  # into the options
            if kind == "radio":
                target = letters.index(next(iter(pick)))
                if target == 0:
                    page.keyboard.press("Space")
                for _ in range(target):
                    page.keyboard.press("ArrowDown")
                page.keyboard.press("Tab")  # out of the radio group, to the answer button
            else:
                for x in letters:
                    if x in pick:
                        page.keyboard.press("Space")
                    page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent") == "Trả lời"
            page.keyboard.press("Enter")
            feedback = page.locator(".ct-quiz__feedback").inner_text()
            assert feedback.startswith("Đúng." if n >= wrong_on_purpose else "Chưa đúng. Đáp án đúng:")
            assert "Giải thích:" in feedback
            right_so_far = max(0, n + 1 - wrong_on_purpose)
            assert page.locator(".ct-quiz__progress").inner_text() == f"Đã trả lời đúng {right_so_far}/{n + 1} câu."
            assert page.evaluate("document.activeElement.hasAttribute('data-ct-quiz-next')")
            page.keyboard.press("Enter")
        assert page.locator(".ct-quiz__title").inner_text() == "Kết quả: đúng 8/10 câu"
        assert page.locator(".ct-quiz__review > li").count() == 10
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert widths[0] <= widths[1] <= 360
    finally:
        ctx.close()
    hosts = {urllib.parse.urlsplit(u).hostname for u in requested if not u.startswith(("data:", "blob:"))}
    assert hosts == {"127.0.0.1"}, requested


def test_practice_quiz_asks_for_a_choice_before_grading(page, base_url):
    page.goto(base_url + PRACTICE)
    page.get_by_role("button", name="Bắt đầu làm bài").click()
    page.get_by_role("button", name="Trả lời").click()
    assert "Hãy chọn" in page.get_by_role("status").inner_text()
    assert page.locator(".ct-quiz__feedback").count() == 0


def test_without_javascript_the_quiz_is_a_study_sheet(browser, base_url):
    ctx = browser.new_context(java_script_enabled=False, locale="vi-VN")
    try:
        page = ctx.new_page()
        page.goto(base_url + PRACTICE)
        study = page.locator("[data-ct-quiz-study]")
        assert study.is_visible()
        assert page.locator(".ct-q").count() == 12
        first = page.locator("#cau-ngay-chuyen-doi-so-quoc-gia")
        assert "Ngày 10 tháng 10 (đáp án đúng)" in first.inner_text()
        assert "Giải thích:" in first.inner_text() and first.locator("a[href^='https://']").count() == 1
    finally:
        ctx.close()


# ---- contest: posted to the form service, never graded in the page ----

class _FormService(BaseHTTPRequestHandler):
    received: list = []

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode("utf-8")
        type(self).received.append((self.path, urllib.parse.parse_qs(body)))
        data = "<!doctype html><title>Đã nhận</title><p>Đã nhận bài dự thi</p>".encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


CONTEST_BANK = """\
title: Thi tìm hiểu chuyển đổi số
mode: contest
campaign: ngay-cds
results: Kết quả công bố trên chuyên trang ngày 20/10/2026.
questions:
  - id: ngay-cds
    question: Ngày Chuyển đổi số quốc gia là ngày nào?
    options: ["Ngày 10 tháng 10", "Ngày 2 tháng 9"]
    answer: A
    explanation: GIAI-THICH-BI-MAT theo Quyết định 505/QĐ-TTg.
    source: https://dx.gov.vn/
  - id: an-toan
    question: Những việc nào giúp tránh lừa đảo?
    options: ["Giữ kín mã OTP", "Bấm link lạ", "Kiểm tra tên miền .gov.vn"]
    answer: [A, C]
    explanation: GIAI-THICH-THU-HAI.
    source: https://ais.gov.vn/
"""


@pytest.fixture(scope="module")
def contest_site(tmp_path_factory):
    service = ThreadingHTTPServer(("127.0.0.1", 0), _FormService)
    threading.Thread(target=service.serve_forever, daemon=True).start()
    endpoint = f"http://127.0.0.1:{service.server_address[1]}/nop-bai"
    root = tmp_path_factory.mktemp("contest")
    repo = root / "repo"
    (repo / "content" / "bai-viet").mkdir(parents=True)
    (repo / "cau-hoi").mkdir()
    (repo / "mkdocs.yml").write_text(f"""\
site_name: Chuyên trang thử
site_url: https://example.test/
docs_dir: content
theme: {{name: material, language: vi, font: false}}
plugins:
  - chuyentrang:
      categories: [{{id: chinh-quyen-so, name: Chính quyền số}}]
      channels:
        - {{id: chuyen-trang, name: Chuyên trang, target: {{per: week, min: 1, mode: every, window: 1}}, since: 2026-10-01}}
      campaigns:
        - {{id: ngay-cds, name: Ngày Chuyển đổi số 10/10, start: 2026-10-01, end: 2026-10-10, slogan: "Chuyển đổi số", tag: cds}}
      feedback: {{department: Sở Khoa học và Công nghệ, email: cds@example.test, form_endpoint: "{endpoint}"}}
""", encoding="utf-8")
    (repo / "content" / "bai-viet" / "a.md").write_text(
        "---\ntitle: Bài một\ndate: 2026-10-02\ncategory: chinh-quyen-so\n---\n\nNội dung.\n", encoding="utf-8")
    (repo / "cau-hoi" / "thi-cds.yml").write_text(CONTEST_BANK, encoding="utf-8")
    site = root / "site"
    done = subprocess.run([sys.executable, "-m", "generator", "build", "-f", str(repo / "mkdocs.yml"), "-d", str(site),
                           "--as-of", "2026-10-05"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    server, url = serve(site)
    yield site, url
    server.shutdown()
    service.shutdown()


def test_contest_page_holds_no_answer(contest_site):
    site, _ = contest_site
    html = (site / "thi-tim-hieu" / "thi-cds" / "index.html").read_text(encoding="utf-8")
    assert "Ngày Chuyển đổi số quốc gia là ngày nào?" in html
    assert "GIAI-THICH" not in html and "data-answer" not in html and "đáp án đúng)" not in html
    assert not any(p.suffix in (".yml", ".yaml") for p in site.rglob("*"))
    assert "Kết quả công bố trên chuyên trang ngày 20/10/2026." in html


def test_contest_entry_is_posted_with_consent(browser, contest_site):
    _, url = contest_site
    _FormService.received.clear()
    ctx = _phone(browser)
    try:
        page = ctx.new_page()
        page.clock.set_fixed_time("2026-10-05T09:00:00+07:00")  # the reader's clock: inside the contest window
        page.goto(url + "thi-tim-hieu/thi-cds/")
        assert "không chấm trên trang này" in page.locator(".ct-quiz__honest").inner_text()
        page.get_by_label("A. Ngày 10 tháng 10").check()
        page.get_by_label("A. Giữ kín mã OTP").check()
        page.get_by_label("C. Kiểm tra tên miền .gov.vn").check()
        page.get_by_role("textbox", name="Họ và tên").fill("Nguyễn Thị Hoa")
        page.get_by_role("textbox", name="Thôn, xã hoặc trường, lớp").fill("Lớp 9A, Trường THCS Quảng Tín")
        page.get_by_role("textbox", name="Số điện thoại").fill("0912 345 678")
        page.get_by_role("button", name="Nộp bài dự thi").click()
        assert _FormService.received == []  # the consent box is required: nothing sent without it
        page.get_by_label(re.compile("^Tôi đồng ý")).check()
        with page.expect_navigation():
            page.get_by_role("button", name="Nộp bài dự thi").click()
        assert "Đã nhận bài dự thi" in page.content()
    finally:
        ctx.close()
    (path, form), = _FormService.received
    assert path == "/nop-bai"
    assert form["bo_cau_hoi"] == ["thi-cds"] and form["cau_ngay-cds"] == ["A"] and form["cau_an-toan"] == ["A", "C"]
    assert form["ho_ten"] == ["Nguyễn Thị Hoa"] and form["dong_y"] == ["co"]


def test_contest_page_kept_past_its_deadline_takes_no_entry(page, contest_site):
    _, url = contest_site
    page.clock.set_fixed_time("2026-10-11T08:00:00+07:00")  # built on 05/10, read on 11/10 before a rebuild
    page.goto(url + "thi-tim-hieu/thi-cds/")
    assert page.get_by_role("button", name="Nộp bài dự thi").is_disabled()
    assert "hết hạn nhận bài" in page.get_by_role("alert").inner_text()


def test_contest_and_quiz_shown_on_home_and_campaign_page_in_the_window(page, contest_site):
    _, url = contest_site
    for where in ("", "chien-dich/ngay-cds/"):
        page.goto(url + where)
        link = page.locator(".ct-quiz-promo a", has_text="Thi tìm hiểu chuyển đổi số")
        assert link.count() == 1, where


def test_closed_contest_takes_no_entry(demo_site):
    html = (demo_site / CONTEST / "index.html").read_text(encoding="utf-8")
    assert "Cuộc thi đã kết thúc ngày 10/10/2026" in html and "<form" not in html.split("ct-quiz__state")[1]
    home = (demo_site / "index.html").read_text(encoding="utf-8")
    assert "ct-quiz-promo" not in home  # outside the campaign window


# ---- monthly bulletin on A4 ----

def test_bulletin_prints_on_two_to_four_a4_pages(page, demo_site, base_url, tmp_path):
    page.goto(base_url + "ban-tin/2026-10/")
    page.emulate_media(media="print")
    body = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.ct-bulletin__text')).fontSize)")
    table = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.ct-bulletin__table td')).fontSize)")
    assert body >= 11 * 96 / 72 - 0.01 and table >= 9 * 96 / 72 - 0.01
    assert page.evaluate("getComputedStyle(document.querySelector('.ct-bulletin__body')).columnCount") == "2"
    assert page.locator(".ct-bulletin__qr svg").count() == page.locator(".ct-bulletin__item").count() >= 5
    assert page.locator(".md-header").is_hidden()
    pdf = page.pdf(format="A4", print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert 2 <= pages <= 4, pages
    masthead = page.locator(".ct-bulletin__masthead").inner_text()
    assert "Sở Khoa học và Công nghệ tỉnh Lâm Đồng".upper() in masthead.upper() and "Số 3" in masthead
    assert "Tháng 10/2026" in masthead
    assert "Thư của Ban biên tập" in page.locator(".ct-bulletin__intro").inner_text()


# ---- radio bulletin ----

def test_radio_week_page_has_the_script_in_large_print_and_the_audio(page, demo_site, base_url):
    page.goto(base_url + "truyen-thanh/2026-w47/")
    script = page.locator(".ct-radio__script")
    text = script.inner_text()
    assert "Kính thưa bà con" in text and "Tin thứ nhất" in text
    read = " ".join(page.locator(".ct-radio__part, .ct-radio__item").all_inner_texts())
    assert read.count("Tin thứ") >= 2 and not re.search(r"\d", read)  # what is read aloud: numbers spelled out
    assert "khoảng" in page.locator(".ct-facts").inner_text()
    audio = page.locator("audio")
    assert audio.count() == 1
    src = audio.get_attribute("src")
    duration = page.evaluate("""(src) => new Promise((ok, fail) => { const a = new Audio(src);
        a.addEventListener('loadedmetadata', () => ok(a.duration)); a.addEventListener('error', () => fail('error')); })""",
                             src)
    assert duration > 30
    page.emulate_media(media="print")
    size = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.ct-radio__part')).fontSize)")
    assert size >= 16 * 96 / 72 - 0.01
    assert page.locator("audio").is_hidden()


def test_radio_audio_only_for_the_latest_weeks(demo_site):
    with_audio = sorted(p.parent.name for p in (demo_site / "truyen-thanh").glob("*/*.mp3"))
    assert with_audio == ["2026-w44", "2026-w45", "2026-w46", "2026-w47"]
    index = (demo_site / "truyen-thanh" / "index.html").read_text(encoding="utf-8")
    assert index.count("có âm thanh") == 4 and "2026-w35/" in index


@pytest.mark.parametrize("path", [PRACTICE, CONTEST, "thi-tim-hieu/", "ban-tin/", "ban-tin/2026-10/", "truyen-thanh/",
                                  "truyen-thanh/2026-w47/"])
def test_axe_reports_no_wcag_violation_on_the_plans_pages(page, demo_site, base_url, axe_source, path):
    page.goto(base_url + path)
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=axe_source)
    violations = page.evaluate("""async () => (await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
        .map(v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))""")
    assert violations == [], f"{path}: {violations}"
