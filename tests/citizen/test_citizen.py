"""Campaigns, feedback, sharing cards, print block and search index in a real build (no browser), and the
validation editors see: an image without alt text, a broken campaign or feedback setting -> exit 2 with path:line."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from PIL import Image

from sitefactory import run_cli

CHANNEL = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 1}
          since: 2024-05-06
          until: 2024-05-12
        - id: bao
          name: Báo thử
          target: {per: week, min: 1, mode: every, window: 1}
          since: 2024-05-06
          until: 2024-05-12
"""

CAMPAIGN = """\
      campaigns:
        - id: ngay-cds-2024
          name: Ngày Chuyển đổi số quốc gia 10/10/2024
          start: 2024-05-10
          end: 2024-05-16
          slogan: Chuyển đổi số toàn dân, toàn diện
          tag: ngay-chuyen-doi-so-quoc-gia
"""

FEEDBACK = """\
      feedback:
        department: Sở Khoa học và Công nghệ tỉnh Thử
        address: 1 Đường Thử
        phone: "0263 3822 424"
        email: gopy@example.test
"""


@pytest.fixture
def site(repo):
    repo.write_config(channels=CHANNEL)
    with repo.config.open("a", encoding="utf-8") as f:
        f.write(CAMPAIGN + FEEDBACK)
    (repo.root / "content" / "assets").mkdir()
    Image.new("RGB", (800, 500), "#3a6").save(repo.root / "content" / "assets" / "anh.png")
    repo.article("ngay-hoi", "Ngày hội chuyển đổi số ở xã Đạ Tẻh", "2024-05-08 09:00",
                 tags="[ngay-chuyen-doi-so-quoc-gia, ky-nang-so]", image="/assets/anh.png",
                 summary="Người dân hòa mình vào ngày hội số.",
                 body="![Người dân thử dịch vụ công](/assets/anh.png)\n\nNgười dân đến đông đủ.")
    repo.article("khac", "Đề án 06 ở cấp xã", "2024-05-07 09:00", tags="[de-an-06]")
    repo.feed_items("bao-thu", "bao", [
        {"title": "Báo: hưởng ứng Ngày Chuyển đổi số", "link": "https://bao.example.test/a",
         "published": "2024-05-09T08:00:00+07:00"},
        {"title": "Báo: tin khác", "link": "https://bao.example.test/b", "published": "2024-05-09T09:00:00+07:00"},
    ])
    # feed categories are matched to the campaign tag in slug form
    path = repo.root / "feeds" / "archive" / "bao-thu.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows[0]["categories"] = ["Ngày Chuyển đổi số quốc gia"]
    path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
    return repo


def build(repo, as_of: str):
    out_dir = repo.root / "out"
    code, out, err = run_cli("build", "-f", repo.config, "--as-of", as_of, "-d", out_dir)
    assert code == 0, err
    return out_dir


def html(out_dir, url: str) -> str:
    return (out_dir / url / "index.html").read_text(encoding="utf-8")


def test_banner_only_inside_the_window(site):
    inside = build(site, "2024-05-14")
    for url in ("", "bai-viet/ngay-hoi-chuyen-doi-so-o-xa-da-teh/", "tim-kiem/", "gop-y/", "nhat-ky-tan-suat/"):
        assert "Chuyển đổi số toàn dân, toàn diện" in html(inside, url).split("</aside>")[0], url
    # the window ends with its last day: 17/05 is outside
    outside = build(site, "2024-05-17")
    assert 'class="ct-banner"' not in html(outside, "")
    assert "Chuyển đổi số toàn dân" in html(outside, "chien-dich/ngay-cds-2024/")  # the page stays


def test_campaign_page_lists_tagged_articles_and_feed_items(site):
    page = html(build(site, "2024-05-14"), "chien-dich/ngay-cds-2024/")
    assert "Ngày hội chuyển đổi số ở xã Đạ Tẻh" in page
    assert "Báo: hưởng ứng Ngày Chuyển đổi số" in page
    assert "Đề án 06 ở cấp xã" not in page and "Báo: tin khác" not in page


def test_sharing_card_of_an_article(site):
    page = html(build(site, "2024-05-20"), "bai-viet/ngay-hoi-chuyen-doi-so-o-xa-da-teh/")
    meta = dict(re.findall(r'<meta (?:property|name)="([^"]+)" content="([^"]*)"', page))
    assert meta["og:title"] == "Ngày hội chuyển đổi số ở xã Đạ Tẻh"
    assert meta["og:description"] == "Người dân hòa mình vào ngày hội số."
    assert meta["og:url"] == "https://example.test/bai-viet/ngay-hoi-chuyen-doi-so-o-xa-da-teh/"
    # the picture made 1200×630 (a JPEG: Facebook and Zalo show no SVG; the PNG as written would be cropped)
    assert re.fullmatch(r"https://example\.test/anh/anh-[0-9a-f]{8}-chia-se\.jpg", meta["og:image"]), meta["og:image"]
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1200", "630")
    assert meta["og:type"] == "article" and meta["og:locale"] == "vi_VN"
    assert meta["twitter:card"] == "summary_large_image"
    assert meta["twitter:image"] == meta["og:image"]


def test_print_block_has_address_date_and_qr(site):
    page = html(build(site, "2024-05-20"), "bai-viet/ngay-hoi-chuyen-doi-so-o-xa-da-teh/")
    block = page.split('class="ct-print-only"')[1].split("</aside>")[0]
    assert "https://example.test/bai-viet/ngay-hoi-chuyen-doi-so-o-xa-da-teh/" in block
    assert "08/05/2024" in block
    assert '<svg role="img" aria-label="Mã QR' in block and "<path" in block
    assert 'media="print"' in page and "In / Lưu bài viết" in page


def test_feedback_page_mailto_without_endpoint_form_with_one(site):
    page = html(build(site, "2024-05-20"), "gop-y/")
    assert "Sở Khoa học và Công nghệ tỉnh Thử" in page and 'href="tel:02633822424"' in page
    assert "mailto:gopy@example.test?subject=" in page and "<form" not in page.split("md-content")[1]
    text = site.config.read_text(encoding="utf-8").replace(
        '        email: gopy@example.test\n',
        '        email: gopy@example.test\n        form_endpoint: https://gopy.example.test/gui\n')
    site.config.write_text(text, encoding="utf-8")
    page = html(build(site, "2024-05-20"), "gop-y/")
    form = re.search(r'<form class="ct-form" action="([^"]+)" method="post"', page)
    assert form and form.group(1) == "https://gopy.example.test/gui"
    fields = re.findall(r'<(?:input|textarea|select) id="([^"]+)"', page)
    labels = set(re.findall(r'<label for="([^"]+)"', page))
    assert len(fields) >= 4 and set(fields) <= labels


def test_search_index_holds_articles_feed_items_and_pages(site):
    out_dir = build(site, "2024-05-20")
    manifest = json.loads((out_dir / "tim-kiem" / "index" / "manifest.json").read_text(encoding="utf-8"))
    # articles, feed items, feedback page, campaign page, 3 tags' pages, 2 categories' pages
    assert manifest["docs"] == 2 + 2 + 2 + 3 + 2
    assert (out_dir / "tim-kiem" / "search.js").is_file()
    page = html(out_dir, "tim-kiem/")
    assert 'data-search-index="index/"' in page and '<script src="search.js"' in page
    assert 'href="../tim-kiem/"' in html(out_dir, "gop-y/")  # header link to the search page


def test_search_finds_a_category_and_a_quiz_by_their_names(site):
    """A reader types the name of a section ("kinh te so") or "thi tìm hiểu": the page itself comes first, not only the
    articles and feed items that happen to say it (before, neither page could be found)."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "search"))
    from search_helpers import run_queries

    site.raw("cau-hoi/hieu-biet-so.yml", """\
title: Hiểu biết số cho mọi nhà
description: Mười câu hỏi về dịch vụ công trực tuyến.
draw: 1
questions:
  - id: ngay-cds
    question: Ngày Chuyển đổi số quốc gia là ngày nào?
    options: ["Ngày 10 tháng 10", "Ngày 2 tháng 9"]
    answer: A
    explanation: Quyết định 505/QĐ-TTg.
    source: https://dx.gov.vn/
""")
    site.article("kinh-te", "Chợ phiên bán hàng qua mạng", "2024-05-09 09:00", category="kinh-te-so")
    out_dir = build(site, "2024-05-20")
    answers = run_queries(out_dir / "tim-kiem" / "index", ["kinh te so", "Kinh tế số", "thi tìm hiểu",
                                                           "hieu biet so"])
    for query in ("kinh te so", "Kinh tế số"):
        first = answers[query]["results"][0]
        assert (first["url"], first["kind"], first["title"]) == ("chuyen-muc/kinh-te-so/", "Chuyên mục",
                                                                 "Chuyên mục: Kinh tế số"), query
        assert (out_dir / first["url"] / "index.html").is_file()
    for query in ("thi tìm hiểu", "hieu biet so"):
        first = answers[query]["results"][0]
        assert (first["url"], first["title"]) == ("thi-tim-hieu/hieu-biet-so/", "Hiểu biết số cho mọi nhà"), query
        assert (out_dir / first["url"] / "index.html").is_file()


def test_search_finds_an_article_by_its_summary(site):
    """The summary is what the home page, the cards and the sharing card show of an article; its words are found, and
    the result's excerpt is the summary (before, only the body was searched: "hòa mình" found nothing)."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "search"))
    from search_helpers import run_queries

    out_dir = build(site, "2024-05-20")
    answer = run_queries(out_dir / "tim-kiem" / "index", ["hoa minh ngay hoi"])["hoa minh ngay hoi"]
    assert [r["url"] for r in answer["results"]] == ["bai-viet/ngay-hoi-chuyen-doi-so-o-xa-da-teh/"]
    assert answer["results"][0]["excerpt"].startswith("Người dân hòa mình vào ngày hội số.")


def test_image_without_alt_text_is_a_validation_error(site):
    site.article("anh-thieu-alt", "Ảnh thiếu mô tả", "2024-05-09 10:00",
                 body="Đoạn mở đầu.\n\n![](/assets/anh.png)\n\n<img src=\"/assets/anh.png\">")
    before = sorted(p.name for p in site.root.iterdir())
    code, _, err = run_cli("build", "-f", site.config, "--as-of", "2024-05-20")
    assert code == 2
    # front matter: lines 1-5, blank line 6, body from line 7
    assert "content/bai-viet/anh-thieu-alt.md:9: " in err and "alt" in err
    assert "content/bai-viet/anh-thieu-alt.md:11: " in err
    assert sorted(p.name for p in site.root.iterdir()) == before  # nothing built


def test_bad_campaign_and_feedback_settings_are_reported_together_with_lines(site):
    text = site.config.read_text(encoding="utf-8")
    text = text.replace("end: 2024-05-16", "end: 2024-05-01").replace("          slogan: Chuyển đổi số toàn dân, toàn diện\n", "")
    text = text.replace("email: gopy@example.test", "email: gopy-at-example")
    site.config.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    end_line = next(i for i, line in enumerate(lines, 1) if "end: 2024-05-01" in line)
    email_line = next(i for i, line in enumerate(lines, 1) if "gopy-at-example" in line)
    code, _, err = run_cli("build", "-f", site.config, "--as-of", "2024-05-20", "-d", site.root / "out")
    assert code == 2
    assert f"mkdocs.yml:{end_line}: chiến dịch 'ngay-cds-2024': ngày kết thúc" in err
    assert "cần 'slogan'" in err
    assert f"mkdocs.yml:{email_line}: địa chỉ thư điện tử không hợp lệ" in err
    assert not (site.root / "out").exists()


def test_check_reports_bad_campaign_and_feedback_settings_too(site):
    """`check` is what editors run before pushing: it must catch the same setting mistakes `build` does."""
    text = site.config.read_text(encoding="utf-8").replace("end: 2024-05-16", "end: 2024-05-01")
    site.config.write_text(text.replace("email: gopy@example.test", "email: gopy-at-example"), encoding="utf-8")
    code, _, err = run_cli("check", "-f", site.config, "--as-of", "2024-05-20")
    assert code == 2
    assert "chiến dịch 'ngay-cds-2024': ngày kết thúc" in err
    assert "địa chỉ thư điện tử không hợp lệ" in err


def test_search_index_made_in_two_steps_is_the_one_made_at_once(site, tmp_path):
    from generator.render.searchdocs import SearchIndex, article_doc, search_plan
    from generator.render.citizen import load_citizen
    from generator.search import build_search_index
    from generator.core.site import load_site

    loaded = load_site(site.config, as_of="2024-05-20")
    citizen = load_citizen(loaded)
    texts = {loaded.articles[0].url: "Văn bản đã dựng của bài, chuyển đổi số"}  # the other article: its Markdown
    docs, places = search_plan(loaded, citizen)  # every doc, in id order, added at once
    for pos, article in places:
        docs[pos] = article_doc(loaded, article, texts)
    build_search_index(docs, tmp_path / "once")
    steps = SearchIndex(loaded, citizen, tmp_path / "steps")
    steps.prepare()  # feed items and pages, before the articles' text is known
    steps.finish(texts)
    files = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert files(tmp_path / "steps") == files(tmp_path / "once") and len(files(tmp_path / "once")) > 3
