"""Careless or hostile articles and archive lines: each is a problem named with its file and line (exit 2), never a
traceback, and no date makes the site grow without bound."""
from __future__ import annotations

import json
import time

import pytest

from sitefactory import run_cli

AS_OF = "2024-05-20"


def check(repo):
    code, out, err = run_cli("check", "-f", repo.config, "--as-of", AS_OF)
    assert "Traceback" not in err
    return code, err


@pytest.mark.parametrize("date", ["0001-01-01", "1900-01-01", "9999-12-31 23:59:59-12:00", "0001-01-01 00:00+14:00",
                                  "2099-01-01"])
def test_an_absurd_article_date_is_a_problem_on_its_line(repo, date):
    repo.article("a", "Bài một", date)
    started = time.monotonic()
    code, err = check(repo)
    assert code == 2
    assert "content/bai-viet/a.md:3: ngày " in err
    assert time.monotonic() - started < 10


@pytest.mark.parametrize("extra, line, words", [
    ({"template": "khong-co.html"}, 5, "khuôn trang"),
    ({"template": "../../etc/passwd"}, 5, "khuôn trang"),
    ({"slug": "a" * 439}, 5, "tối đa 100"),
    ({"title": '"Bài \\x01 một"'}, 2, "U+0001"),
    ({"summary": '"Tóm \\0 tắt"'}, 5, "U+0000"),
    ({"tags": '["ok", "x\\x1fy"]'}, 5, "U+001F"),
    ({"author": "[a, b]"}, 5, "author phải là một đoạn văn bản"),
    ({"title": "{a: 1}"}, 2, "title phải là một đoạn văn bản"),
    ({"hide": "5"}, 5, "hide phải là danh sách"),
    ({"tags": "[ok, null]"}, 5, "tags: mục thứ 2 để trống"),
    ({"tags": "[ok, {a: b}]"}, 5, "tags: mục thứ 2 không phải chữ"),
    ({"image": "/" + "x" * 5000}, 5, "không dùng được"),
])
def test_front_matter_values_are_problems_with_their_line(repo, extra, line, words):
    title = extra.pop("title", None)
    path = repo.article("a", "Bài một", "2024-05-06", **extra)
    if title:
        text = path.read_text().replace('title: "Bài một"', f"title: {title}")
        path.write_text(text)
    code, err = check(repo)
    assert code == 2, err
    assert f"content/bai-viet/a.md:{line}: " in err and words in err, err


@pytest.mark.parametrize("key, shown", [("1", "1"), ("null", "null"), ("~", "null"), ("false", "false"),
                                        ("3.5", "3.5")])
def test_a_key_yaml_reads_as_a_number_or_null_is_named_on_its_own_line(repo, key, shown):
    repo.article("a", "Bài một", "2024-05-06", author="An", **{"summary": "Tóm tắt"})
    path = repo.root / "content" / "bai-viet" / "a.md"
    path.write_text(path.read_text().replace("summary: Tóm tắt", f"{key}: x"))
    code, err = check(repo)
    assert code == 2, err
    assert f"content/bai-viet/a.md:6: khóa không được hỗ trợ: '{shown}'" in err, err


@pytest.mark.parametrize("body, target", [
    ("Xem [trang](https://[::1/tin) nhé.", "https://[::1/tin"),
    ("Xem <https://[::1/tin>.", "https://[::1/tin"),
    ("Xem [trang][a].\n\n[a]: https://[::1/tin", "https://[::1/tin"),
])
def test_a_link_markdown_cannot_split_is_a_problem_on_its_line_not_a_traceback(repo, body, target):
    repo.article("a", "Bài một", "2024-05-06", body=body)
    code, err = check(repo)
    assert code == 2, err
    assert f"liên kết '{target}' không đọc được" in err and "content/bai-viet/a.md:" in err, err


def test_an_ipv6_link_in_code_or_plain_text_is_no_problem(repo):
    repo.article("a", "Bài một", "2024-05-06",
                 body="[máy chủ](https://[2001:db8::1]/) và `[mã](https://[::1)` và http://x.vn[1] trong chữ.")
    code, err = check(repo)
    assert code != 2, err


@pytest.mark.parametrize("name", ["bai.markdown", "bai.MD", "bai.Md", "bai.mkd"])
def test_an_article_file_named_as_markdown_but_not_md_is_a_problem_not_published_unchecked(repo, name):
    path = repo.article("bai", "Bài một", "2024-05-06", draft="true")
    path.rename(path.with_name(name))
    code, err = check(repo)
    assert code == 2, err
    assert f"content/bai-viet/{name}: tệp không được đọc như bài viết: đổi đuôi thành .md viết thường (bai.md)" in err


def test_a_template_the_theme_has_is_accepted(repo):
    repo.article("a", "Bài một", "2024-05-06", template="main.html")
    code, err = check(repo)
    assert code == 1, err  # judged: no input problem


def test_a_control_character_never_reaches_the_feed(repo, tmp_path):
    repo.article("a", "Bài một", "2024-05-13")
    repo.article("b", "Bài \\x0b hai", "2024-05-14")
    code, _, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF, "-d", tmp_path / "out")
    assert code == 2 and "content/bai-viet/b.md:2: 'title' có ký tự điều khiển U+000B" in err
    assert not (tmp_path / "out").exists()


def test_a_duplicate_slug_is_named_at_the_slug_line(repo):
    repo.article("a", "Bài một", "2024-05-06")
    repo.article("b", "Bài khác", "2024-05-07", summary="x", slug="bai-mot")
    code, err = check(repo)
    assert code == 2
    assert "content/bai-viet/b.md:6: trùng đường dẫn /bai-viet/bai-mot/" in err


def test_a_duplicate_title_is_named_at_the_title_line(repo):
    repo.article("a", "Bài một", "2024-05-06")
    repo.article("b", "Bài một", "2024-05-07")
    code, err = check(repo)
    assert "content/bai-viet/b.md:2: trùng đường dẫn" in err


def archive_line(**changes) -> dict:
    d = {"id": "x-1", "source": "bao", "source_name": "Báo", "channel": "chuyen-trang", "title": "Tin",
         "link": "https://bao.test/1", "published": "2024-05-06T08:00:00+07:00", "published_raw": None, "summary": "",
         "categories": ["a"], "image": None, "first_seen": "2024-05-06T09:00:00+07:00",
         "last_seen": "2024-05-06T09:00:00+07:00", "flags": []}
    d.update(changes)
    return d


@pytest.mark.parametrize("changes, words", [
    ({"link": 5}, "'link' phải là chuỗi"),
    ({"link": ["a"]}, "'link' phải là chuỗi"),
    ({"link": {"href": "x"}}, "'link' phải là chuỗi"),
    ({"flags": "late-seen"}, "'flags' phải là danh sách"),
    ({"categories": "Chuyển đổi số"}, "'categories' phải là danh sách"),
    ({"channel": "khong-co"}, "kênh 'khong-co' không có trong cấu hình"),
    ({"title": "Tin \x01 lạ"}, "'title' có ký tự điều khiển U+0001"),
    ({"categories": ["a\x0c"]}, "'categories' có ký tự điều khiển"),
    ({"first_seen": "0001-01-01T00:00:00+14:00"}, "'first_seen' 0001-01-01 không hợp lý"),
    ({"last_seen": "9999-12-31T23:59:59-12:00"}, "'last_seen' 9999-12-31 không hợp lý"),
])
def test_bad_archive_lines_are_named_with_their_line(repo, changes, words):
    path = repo.root / "feeds" / "archive" / "bao.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(archive_line()) + "\n" + json.dumps(archive_line(id="x-2", **changes)) + "\n")
    code, err = check(repo)
    assert code == 2, err
    assert f"feeds/archive/bao.jsonl:2: dòng lưu trữ tin không đọc được: {words}" in err, err


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00+14:00", "1900-01-01T00:00:00+07:00",
                                       "9999-12-31T23:59:59-12:00"])
def test_a_feed_item_with_an_absurd_date_is_read_as_undated(repo, published, tmp_path):
    path = repo.root / "feeds" / "archive" / "bao.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps(archive_line(published=published)) + "\n")
    code, out, err = run_cli("check", "-f", repo.config, "--as-of", AS_OF, "--format", "json")
    assert code == 1, err
    report = json.loads(out)
    assert not any(p["items"] for c in report["channels"] for p in c["periods"])  # not counted anywhere
    assert report["channels"][0]["periods"][0]["period"] == "2024-W01"  # no period before the channel's since


@pytest.mark.parametrize("escaped, code_point", [("\\x7f", "007F"), ("\\x85", "0085"), ("\\x9f", "009F"),
                                                 ("\\uFFFE", "FFFE"), ("\\uFFFF", "FFFF"), ("\\u2028", "2028"),
                                                 ("\\u2029", "2029")])
@pytest.mark.parametrize("key", ["title", "summary", "author"])
def test_c1_controls_noncharacters_and_line_separators_are_refused_in_front_matter(repo, escaped, code_point, key):
    path = repo.article("a", "Bài một", "2024-05-06", **({} if key == "title" else {key: '"x"'}))
    text = path.read_text()
    if key == "title":
        text = text.replace('title: "Bài một"', f'title: "B{escaped}ài một"')
    else:
        text = text.replace(f'{key}: "x"', f'{key}: "x{escaped}y"')
    path.write_text(text)
    code, err = check(repo)
    assert code == 2, err
    assert f"'{key}' có ký tự điều khiển U+{code_point}" in err, err


@pytest.mark.parametrize("body", ["Đoạn \x01 một \x00 hai.", "Mở \x0b đầu\x1f, \ufffe và \uffff hết.",
                                  "\x08" * 50 + "Nội dung.", "Chữ \x7f\x85\u2028 vẫn hợp lệ trong XML."])
def test_every_xml_the_build_writes_parses_whatever_an_article_body_holds(repo, tmp_path, body):
    """An article's description in feed.xml is taken from its body, which front-matter checks never see."""
    from xml.etree import ElementTree

    repo.article("a", "Bài một", "2024-05-13", body=body)
    repo.article("b", "Bài hai", "2024-05-14", body=body + "\n\nĐoạn sau " + body)
    for day in ("2024-04-16", "2024-04-23", "2024-04-30", "2024-05-07"):  # every week of the window: published
        repo.article(f"c-{day}", f"Bài {day}", day, body=body)
    code, out, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF, "-d", tmp_path / "out")
    assert code == 0, err
    written = sorted((tmp_path / "out").resolve().rglob("*.xml"))
    assert any(p.name == "feed.xml" for p in written)
    for p in written:
        ElementTree.parse(p)  # raises ParseError (expat) on any character XML 1.0 forbids
    items = ElementTree.parse(next(p for p in written if p.name == "feed.xml")).getroot().iter("item")
    assert all("Đoạn" in (i.findtext("description") or "") or "Nội dung" in (i.findtext("description") or "")
               or "Chữ" in (i.findtext("description") or "") or "Mở" in (i.findtext("description") or "")
               for i in items)


def test_the_feed_writer_drops_what_xml_forbids_and_keeps_the_rest():
    from xml.etree import ElementTree

    from generator.render.feed import xml_document

    text = "<a>x\x00\x01\x0b\x1f\ud800\ufffe\uffff y\t\n\x7f\x85\u2028\U0001f600</a>"
    cleaned = xml_document(text)
    assert ElementTree.fromstring(cleaned.encode("utf-8", "surrogatepass")).text == "x y\t\n\x7f\x85\u2028\U0001f600"
