"""The site as the province's own: the `agency:` settings (validated with their line, contacts written once with
`feedback:`), the plain pages of content/trang/ (validated like articles, never counted, never listed), the site map,
and the printout's date and origin. Real builds and checks, no browser."""
from __future__ import annotations

import json
import re
from pathlib import Path

from sitefactory import run_cli

CHANNEL = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 1}
          since: 2024-05-06
"""

AGENCY = """\
      agency:
        name: Sở Khoa học và Công nghệ tỉnh Thử
        responsible: Ông Nguyễn Văn Thử, Phó Giám đốc Sở
        address: 1 Đường Thử, tỉnh Thử
        phone: "0263 3822 424"
        email: cds@example.test
        licence: Quyết định số 1/QĐ-SKHCN ngày 01/01/2024
"""

PAGE = """\
    ---
    title: Giới thiệu
    description: Chuyên trang là gì
    ---

    Chuyên trang thử đăng tin chuyển đổi số của tỉnh Thử. Từ riêng: kỳlânthử.
    """

AS_OF = "2024-05-20"  # week 2024-W20 open; 2024-W19 (13-19/05) is the judged one


def setup(repo, extra: str = AGENCY):
    repo.write_config(channels=CHANNEL)
    with repo.config.open("a", encoding="utf-8") as f:
        f.write(extra)
    repo.article("bai-mot", "Bài một", "2024-05-08 09:00")
    repo.article("bai-hai", "Bài hai", "2024-05-14")  # no time given
    return repo


def build(repo) -> Path:
    out = repo.root / "out"
    code, _, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF, "-d", out)
    assert code == 0, err
    return out


def text(out: Path, url: str) -> str:
    return (out / url / "index.html").read_text(encoding="utf-8")


def main(html: str) -> str:
    """The page's own content: without header, navigation and footer."""
    return html.split('data-md-component="content"')[1].split('<footer class="md-footer"')[0]


def line_of(repo, needle: str) -> int:
    return next(n for n, line in enumerate(repo.config.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


# ---- agency settings ----

def test_agency_problems_reported_together_with_their_lines(repo):
    setup(repo, AGENCY.replace("        licence:", "        licnce:").replace("cds@example.test", "cds-at-example")
          + "        phone_2: [1, 2]\n")
    code, _, err = run_cli("check", "-f", repo.config, "--as-of", AS_OF)
    assert code == 2
    assert f"mkdocs.yml:{line_of(repo, 'licnce:')}: khóa không được hỗ trợ trong agency: 'licnce'; " \
           "có phải ý bạn là 'licence'?" in err
    assert f"mkdocs.yml:{line_of(repo, 'cds-at-example')}: địa chỉ thư điện tử không hợp lệ" in err
    assert f"mkdocs.yml:{line_of(repo, 'phone_2')}: khóa không được hỗ trợ trong agency: 'phone_2'" in err
    assert "Traceback" not in err


def test_agency_needs_a_name_unless_feedback_gives_the_department(repo):
    setup(repo, AGENCY.replace("        name: Sở Khoa học và Công nghệ tỉnh Thử\n", ""))
    code, _, err = run_cli("check", "-f", repo.config, "--as-of", AS_OF)
    assert code == 2 and "agency cần 'name'" in err
    with repo.config.open("a", encoding="utf-8") as f:
        f.write("      feedback:\n        department: Sở Thông tin thử\n")
    code, _, err = run_cli("check", "-f", repo.config, "--as-of", AS_OF)
    assert code == 0, err


def test_contacts_written_once_serve_footer_feedback_page_and_printout(repo):
    out = build(setup(repo))
    for url in ("", "bai-viet/bai-mot/", "gop-y/", "so-do-trang/"):
        foot = text(out, url).split('class="md-footer-meta md-typeset')[1]
        for want in ("Sở Khoa học và Công nghệ tỉnh Thử", "Ông Nguyễn Văn Thử", "1 Đường Thử", 'href="tel:02633822424"',
                     "cds@example.test", "Quyết định số 1/QĐ-SKHCN", "ghi rõ nguồn “Chuyên trang thử”"):
            assert want in foot, (url, want)
        assert "Made with" not in text(out, url) and "Material for MkDocs" not in foot
    # no feedback: block: the feedback page is made from the agency's contacts, with no form and no dead mailto only
    feedback = main(text(out, "gop-y/"))
    assert 'href="tel:02633822424"' in feedback and "1 Đường Thử" in feedback
    assert re.search(r'<span class="ct-copy__value" id="ct-email">cds@example.test</span>', feedback)
    assert "<form" not in feedback


def test_feedback_and_agency_fill_each_other(repo):
    setup(repo, "      agency:\n        responsible: Bà Trần Thị Thử\n"
                "      feedback:\n        department: Sở Thử\n        email: gopy@example.test\n"
                "        address: 9 Phố Thử\n        form_endpoint: https://gopy.example.test/gui\n")
    out = build(repo)
    foot = text(out, "").split('class="md-footer-meta md-typeset')[1]
    assert "Sở Thử" in foot and "Bà Trần Thị Thử" in foot and "9 Phố Thử" in foot and "gopy@example.test" in foot
    assert '<form class="ct-form" action="https://gopy.example.test/gui"' in text(out, "gop-y/")


# ---- plain pages ----

def test_plain_pages_are_never_counted(repo):
    """A week with only a plain page misses its target: the page is not an article."""
    repo.write_config(channels=CHANNEL)
    repo.article("bai-mot", "Bài một", "2024-05-08 09:00")  # 2024-W19 only
    code, out, _ = run_cli("check", "-f", repo.config, "--as-of", "2024-05-27", "--format", "json")
    assert code == 1
    missed = json.loads(out)["channels"][0]["periods"]
    repo.raw("content/trang/gioi-thieu.md", PAGE)
    repo.raw("content/trang/lien-he.md", PAGE.replace("Giới thiệu", "Liên hệ"))
    code, again, err = run_cli("check", "-f", repo.config, "--as-of", "2024-05-27", "--format", "json")
    assert code == 1, err
    assert json.loads(again)["channels"][0]["periods"] == missed


def test_plain_page_published_out_of_listings_in_sitemap_and_search(repo):
    setup(repo)
    repo.raw("content/trang/gioi-thieu.md", PAGE)
    out = build(repo)
    page = text(out, "trang/gioi-thieu/")
    assert "Chuyên trang thử đăng tin chuyển đổi số" in page
    assert 'href="trang/gioi-thieu/"' in text(out, "")  # the footer links to it
    for url in ("", "tuan/2024-w19/", "tuan/2024-w20/", "chuyen-muc/chinh-quyen-so/", "luu-tru/", "luu-tru/2024/05/"):
        content = main(text(out, url))
        assert "gioi-thieu" not in content and "Giới thiệu" not in content, url
    assert "gioi-thieu" not in (out / "feed.xml").read_text(encoding="utf-8")
    assert "/trang/gioi-thieu/</loc>" in (out / "sitemap.xml").read_text(encoding="utf-8")
    site_map = text(out, "so-do-trang/")
    assert 'href="../trang/gioi-thieu/"' in site_map and 'href="../nhat-ky-tan-suat/"' in site_map
    words = b"".join(p.read_bytes() for p in (out / "tim-kiem" / "index").rglob("*") if p.is_file())
    assert "kỳlânthử".encode() in words or b"kylanthu" in words


def test_plain_page_validated_like_an_article(repo):
    setup(repo)
    repo.raw("content/trang/lien-he.md", """\
        ---
        date: 2024-05-08
        titel: Liên hệ
        lang: fr
        ---

        Nội dung.
        """)
    repo.raw("content/trang/Gioi Thieu.md", PAGE)
    code, _, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF, "-d", repo.root / "out")
    assert code == 2
    assert "content/trang/lien-he.md:2: 'date' chỉ dùng cho bài viết" in err
    assert "content/trang/lien-he.md:3: khóa không được hỗ trợ: 'titel'; có phải ý bạn là 'title'?" in err
    assert "content/trang/lien-he.md:4: lang 'fr' không được hỗ trợ" in err
    assert "content/trang/lien-he.md:2: thiếu tiêu đề (title)" in err
    assert "content/trang/Gioi Thieu.md: tên 'Gioi Thieu'" in err
    assert not (repo.root / "out").exists()


def test_english_page_marked_english(repo):
    setup(repo)
    repo.raw("content/trang/contact.md", "---\ntitle: Contact\nlang: en\n---\n\nThe department's address.\n")
    page = text(build(repo), "trang/contact/")
    assert re.search(r'<div lang="en">.*The department&#39;s address\.|<div lang="en">.*The department\'s address\.',
                     page, re.S)
    assert '<html lang="vi"' in page  # the site's frame stays Vietnamese
    assert 'lang="en" hreflang="en">Contact</a>' in page  # the footer's link says so too


# ---- printout ----

def test_printout_date_without_midnight_and_with_site_and_agency(repo):
    out = build(setup(repo))
    no_time = text(out, "bai-viet/bai-hai/").split('class="ct-print-only"')[1].split("</aside>")[0]
    assert "Ngày đăng: 14/05/2024<" in no_time and "00:00" not in no_time
    assert "Chuyên trang thử" in no_time and "Sở Khoa học và Công nghệ tỉnh Thử" in no_time
    timed = text(out, "bai-viet/bai-mot/").split('class="ct-print-only"')[1].split("</aside>")[0]
    assert "Ngày đăng: 08/05/2024 09:00" in timed


# ---- the theme's words ----

def test_no_theme_string_falls_back_to_english():
    import material

    ours = (Path(__file__).parents[2] / "generator/mkdocs_adapter/theme/partials/languages/vi.html").read_text("utf-8")
    english = (Path(material.__file__).parent / "templates/partials/languages/en.html").read_text("utf-8")
    keys = lambda t: set(re.findall(r'^\s*"([a-z.]+)":', t, re.M))  # noqa: E731
    missing = {k for k in keys(english) - keys(ours) if not k.startswith("search.config.")}
    assert missing == set()
    for english_word in ("Tabs", "Metadata", "RSS feed", "Initializing", "Contributors"):
        assert f'": "{english_word}' not in ours


def test_a_site_without_theme_language_is_still_vietnamese(repo):
    """mkdocs.yml without `language: vi` (or with Material's `en`): Material would write lang="en" and its English
    words on every page; the site's pages are Vietnamese whatever the setting says."""
    setup(repo)
    for language in ("", "  language: en\n"):
        config = re.sub(r"  language: \w+\n", language, repo.config.read_text(encoding="utf-8"))
        repo.config.write_text(config, encoding="utf-8")
        repo.article("bai-mot", "Bài một", "2024-05-08 09:00", body="## Phần một\n\nNội dung.\n\n## Phần hai\n\nHết.")
        out = build(repo)
        for url in ("", "bai-viet/bai-mot/", "tim-kiem/"):
            page = text(out, url)
            assert '<html lang="vi"' in page, (language, url)
            for english in ("Table of contents", "Skip to content", "Back to top", 'aria-label="Header"',
                            'aria-label="Navigation"', 'aria-label="Footer"'):
                assert english not in page, (language, url, english)
        assert "Mục lục" in text(out, "bai-viet/bai-mot/")
