"""Editors' mistakes: every one reported at once, as path:line in Vietnamese, exit 2."""
from __future__ import annotations

import datetime
import unicodedata

from generator.core.slugs import article_slug
from sitefactory import run_cli


def test_every_problem_in_every_file_is_reported_with_its_line(repo):
    repo.raw("content/bai-viet/a.md", """\
        ---
        title: Bài A
        date: 2024-13-45
        category: chinh-quyen-so
        ---
        x
        """)
    repo.raw("content/bai-viet/b.md", """\
        ---
        date: 2024-05-06
        category: khong-co
        channel: kenh-la
        ---
        """)
    repo.raw("content/bai-viet/c.md", """\
        ---
        title: "Bài C
        date: 2024-05-06
        ---
        """)
    repo.raw("content/bai-viet/d.md", "Không có phần đầu bài\n")
    repo.raw("content/bai-viet/e.md", """\
        ---
        title: Tiêu đề trùng
        date: 2024-05-06
        category: kinh-te-so
        ---
        """)
    repo.raw("content/bai-viet/f.md", """\
        ---
        title: Tiêu đề trùng
        date: 2024-05-07
        category: kinh-te-so
        catgory: x
        ---
        """)
    code, out, err = run_cli("check", "-f", str(repo.config), "--as-of", "2024-05-20")
    assert code == 2
    lines = err.splitlines()
    def has(prefix, word):
        return any(l.startswith(prefix) and word in l for l in lines)
    assert has("content/bai-viet/a.md:3:", "ngày")
    assert has("content/bai-viet/b.md:", "tiêu đề")
    assert has("content/bai-viet/b.md:3:", "khong-co")
    assert has("content/bai-viet/b.md:4:", "kenh-la")
    assert has("content/bai-viet/c.md:", "YAML")
    assert has("content/bai-viet/d.md:1:", "front matter")
    assert has("content/bai-viet/f.md:", "trùng đường dẫn /bai-viet/tieu-de-trung/")
    assert has("content/bai-viet/f.md:5:", "'catgory'")
    assert has("content/bai-viet/f.md:5:", "category")
    assert not has("content/bai-viet/e.md", "")


def test_missing_date_and_category_are_named(repo):
    repo.raw("content/bai-viet/x.md", "---\ntitle: X\n---\nBody\n")
    code, _, err = run_cli("build", "-f", str(repo.config), "--as-of", "2024-05-20")
    assert code == 2
    assert "content/bai-viet/x.md:2: thiếu ngày đăng (date)" in err
    assert "thiếu chuyên mục (category)" in err


def test_image_without_alt_text_is_an_error(repo):
    (repo.root / "content" / "assets").mkdir()
    (repo.root / "content" / "assets" / "a.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    repo.article("anh", "Ảnh", "2024-05-06", body="Mở đầu\n\n![](/assets/a.svg)\n\n![Bản đồ](https://cdn.other.test/x.png)")
    code, _, err = run_cli("check", "-f", str(repo.config), "--as-of", "2024-05-20")
    assert code == 2
    assert "content/bai-viet/anh.md:9: ảnh '/assets/a.svg' thiếu lời mô tả (alt)" in err
    assert "content/bai-viet/anh.md:11:" in err and "trang khác" in err


def test_slugs_are_ascii_from_vietnamese_titles():
    assert article_slug("Đồng bộ dữ liệu đất đai: bước tiến mới") == "dong-bo-du-lieu-dat-dai-buoc-tien-moi"
    assert article_slug("Hoà nhập số – Khoẻ mạnh") == "hoa-nhap-so-khoe-manh"


def test_text_is_normalised_to_nfc(repo):
    from generator.core.config import load_config
    from generator.core.articles import load_articles

    nfd = unicodedata.normalize("NFD", "Chuyển đổi số")
    repo.article("nfd", nfd, "2024-05-06")
    [article], problems = load_articles(load_config(repo.config))
    assert not problems
    assert article.title == unicodedata.normalize("NFC", "Chuyển đổi số")
    assert article.slug == "chuyen-doi-so"


def test_body_is_the_normalised_text_whatever_the_file_looked_like(repo):
    """Windows line ends, a BOM, NFD text or none of them: the body (and the summary made from it) is NFC text with
    plain line ends."""
    from generator.core.config import load_config
    from generator.core.articles import load_articles

    body = "Người dân dùng dịch vụ công trực tuyến.\n\nĐoạn hai: chữ ký số."
    head = "---\ntitle: Bài {n}\ndate: 2024-05-06\ncategory: chinh-quyen-so\n---\n"
    files = {"thuong": head.format(n=1) + body,
             "crlf": (head.format(n=2) + body).replace("\n", "\r\n"),
             "bom": "\ufeff" + head.format(n=3) + body,
             "nfd": unicodedata.normalize("NFD", head.format(n=4) + body)}
    for name, text in files.items():
        repo.raw(f"content/bai-viet/{name}.md", "")
        (repo.root / "content" / "bai-viet" / f"{name}.md").write_bytes(text.encode("utf-8"))
    articles, problems = load_articles(load_config(repo.config))
    assert not problems and len(articles) == 4
    for a in articles:
        assert a.body == body, a.path
        assert a.summary == "Người dân dùng dịch vụ công trực tuyến."


def test_date_without_offset_is_site_time_and_with_offset_is_converted(repo):
    from generator.core.articles import load_articles
    from generator.core.config import load_config

    repo.article("a", "A", "2024-05-06 08:30")
    repo.article("b", "B", "2024-05-06 08:30:00+00:00")
    repo.article("c", "C", "2024-05-06")
    arts = {a.slug: a for a in load_articles(load_config(repo.config))[0]}
    assert arts["a"].date.isoformat() == "2024-05-06T08:30:00+07:00"
    assert arts["b"].date.isoformat() == "2024-05-06T15:30:00+07:00"
    assert arts["c"].date.isoformat() == "2024-05-06T00:00:00+07:00"


def test_config_errors_are_reported_with_lines(repo):
    repo.config.write_text(repo.config.read_text(encoding="utf-8").replace("mode: every", "mode: sometimes")
                           .replace("since: 2024-01-01", "since: 2024-02-30"), encoding="utf-8")
    code, _, err = run_cli("check", "-f", str(repo.config))
    assert code == 2
    assert "mkdocs.yml:18:" in err and "'sometimes'" in err
    assert "mkdocs.yml:19:" in err and "since" in err


def test_new_writes_a_valid_skeleton_with_its_slug(repo):
    repo.article("x", "Chuyển đổi số ở xã", "2024-05-06")
    code, out, _ = run_cli("new", "Chuyển đổi số ở xã", "--category", "kinh-te-so", "--slug", "chuyen-doi-so-o-xa-2",
                           "-f", str(repo.config))
    assert code == 0
    path = out.strip()
    text = open(path, encoding="utf-8").read()
    assert "slug: chuyen-doi-so-o-xa-2" in text and "category: kinh-te-so" in text
    assert "draft: true" in text
    next_year = f"{datetime.date.today().year + 1}-12-31"  # after the skeleton's date, within --as-of's range
    code, _, err = run_cli("check", "-f", str(repo.config), "--as-of", next_year)
    assert code in (0, 1), err  # the skeleton validates
    code, _, err = run_cli("new", "Bài", "--category", "khong-co", "-f", str(repo.config))
    assert code == 2 and "khong-co" in err


def test_summary_made_from_the_body_is_plain_text_on_one_line_cut_at_a_word():
    """The card's summary when the front matter has none: the first paragraph (headings skipped), Markdown dropped,
    every run of spaces, tabs, line breaks and non-breaking spaces one space, cut before 220 characters at a word."""
    from generator.core.excerpts import excerpt

    assert excerpt("## Tiêu đề\n\n**Người dân**\u00a0\u00a0dùng\t[dịch vụ công](https://dichvucong.gov.vn)\n"
                   "  trực tuyến.\u3000\n\nĐoạn hai.") == "Người dân dùng dịch vụ công trực tuyến."
    long = excerpt(" ".join(["chuyển đổi số"] * 40))
    assert long.endswith("…") and len(long) <= 221 and "  " not in long and (long[:-1] + " ").count("chuyển đổi số ") > 10


def _plain_reference(markdown: str) -> str:
    import re

    from generator.core.excerpts import _MD_STRIP

    text = markdown
    for rx, repl, _ in _MD_STRIP:
        text = rx.sub(repl, text)
    return re.sub(r"\s+", " ", text).strip()


BODIES = [
    "Đoạn đầu **đậm** với [liên kết](https://a.vn) và <b>thẻ</b>.\n\nĐoạn hai.",
    "# Tiêu đề\n\n> Trích dẫn\n> hai dòng\n\n- mục một\n  - mục hai\n3. số ba\n\n```\nmã\n\nmã\n```\n\nSau mã.",
    "  ## lùi hai\n\u00a0\u00a0# nbsp\n\t- tab\n    - bốn dấu cách\n1.không cách\n12. mười hai\n\n|a|b|\n\n![ảnh](x.png)",
    "\n\n\n   \n\nSau nhiều dòng trống.\u2028Dòng\u2029mới.\r\nHết.",
    "",
]


def test_plain_text_skips_no_markup_it_should_drop():
    from generator.core.excerpts import _strip_markdown

    for body in BODIES:
        for para in body.split("\n\n"):
            assert " ".join(_strip_markdown(para).split()) == _plain_reference(para), para
