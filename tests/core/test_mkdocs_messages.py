"""MkDocs' own messages reach editors in Vietnamese, with the file they are about: a broken link in an article, a
misspelt theme, Markdown extension or plugin in mkdocs.yml."""
from __future__ import annotations

import pytest

from generator.mkdocs_adapter import messages
from sitefactory import run_cli

WEEKLY = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 2}
          since: 2024-05-06
"""


@pytest.fixture
def site(repo):
    repo.write_config(channels=WEEKLY)
    repo.article("tuan-19", "Bài tuần 19", "2024-05-07 09:00")
    repo.article("tuan-20", "Bài tuần 20", "2024-05-14 09:00",
                 body="Xem [mục](tuan-19.md#khong-co-muc).")
    return repo


def test_a_broken_link_in_an_article_is_said_in_vietnamese_with_its_line(site):
    """MkDocs alone would only warn (its message, translated by ``messages.warning``, has no line) and publish a link
    that leads nowhere: the core refuses it first, with its line."""
    site.article("tuan-20", "Bài tuần 20", "2024-05-14 09:00", body="Xem [bài cũ](bai-khong-co.md).")
    code, _, err = run_cli("build", "-f", site.config, "--as-of", "2024-05-21")
    assert code == 2 and "content/bai-viet/tuan-20.md:7: liên kết 'bai-khong-co.md' hỏng" in err, err
    assert "not found among documentation files" not in err and "WARNING" not in err, err


@pytest.mark.parametrize("find, replace, key, message", [
    ("name: material", "name: materil", "name: materil",
     "theme: không có giao diện 'materil' (có: "),
    ("plugins:", "markdown_extensions:\n  - toc\n  - nosuchext\nplugins:", "- nosuchext",
     "markdown_extensions: không nạp được phần mở rộng Markdown 'nosuchext' (sai tên, hoặc gói của nó chưa được cài)"),
])
def test_a_mkdocs_yml_typo_is_said_in_vietnamese_on_its_line(site, find, replace, key, message):
    text = site.config.read_text(encoding="utf-8")
    assert find in text
    site.config.write_text(text.replace(find, replace, 1), encoding="utf-8")
    line = next(n for n, x in enumerate(site.config.read_text(encoding="utf-8").splitlines(), 1) if key in x)
    code, _, err = run_cli("build", "-f", site.config, "--as-of", "2024-05-21")
    assert code == 2, err
    assert f"mkdocs.yml:{line}: {message}" in err, err
    assert "Aborted" not in err and "Config value" not in err and "Traceback" not in err, err
    if "materil" in replace:
        assert "có phải ý bạn là 'material'?" in err
    assert not (site.root / "site").exists()


@pytest.mark.parametrize("english, vietnamese", [
    ("Doc file 'a.md' contains a link 'b.md', but the target is not found among documentation files.",
     "content/a.md: liên kết 'b.md' trỏ tới 'b.md', nhưng không có tệp đó trong content/"),
    ("Doc file 'a.md' contains a link 'b.md#x', but the doc 'b.md' does not contain an anchor '#x'.",
     "content/a.md: liên kết 'b.md#x' trỏ tới mục '#x', nhưng trang content/b.md không có mục đó"),
    ("Doc file 'a.md' contains an absolute link '/tin/', it was left as is.",
     "content/a.md: liên kết '/tin/' bắt đầu bằng '/'"),
    ("Doc file 'a.md' contains an unrecognized relative link 'tin/', it was left as is.",
     "content/a.md: liên kết 'tin/' không trỏ tới tệp nào"),
    ("Something else happened.", "Thông báo của MkDocs (tiếng Anh): Something else happened."),
])
def test_other_mkdocs_warnings(english, vietnamese):
    assert messages.warning(english).startswith(vietnamese)


def test_a_link_to_a_draft_says_the_article_is_not_published_yet_not_that_its_file_is_missing():
    english = ("Doc file 'bai-viet/a.md' contains a link 'b.md', but the target 'bai-viet/b.md' is not found among "
               "documentation files.")
    said = messages.warning(english, withheld=frozenset({"bai-viet/b.md"}))
    assert said.startswith("content/bai-viet/a.md: liên kết 'b.md' trỏ tới bài content/bai-viet/b.md, bài này chưa "
                           "được xuất bản (bản nháp hoặc hẹn giờ)")
    assert "không có tệp" not in said


@pytest.mark.parametrize("block", ["name: material", "theme:\n  name: material\n  language: vi\n  font: false"])
def test_check_says_a_misspelt_theme_as_the_build_does(site, block):
    """`check` runs in CI before the build: a theme typo must stop it there, on its line, not pass and fail later."""
    text = site.config.read_text(encoding="utf-8")
    assert block in text
    wrong = "name: materil" if block.startswith("name") else "theme: materil"
    site.config.write_text(text.replace(block, wrong, 1), encoding="utf-8")
    line = next(n for n, x in enumerate(site.config.read_text(encoding="utf-8").splitlines(), 1) if "materil" in x)
    code, out, err = run_cli("check", "-f", site.config, "--as-of", "2024-05-21")
    assert code == 2, (out, err)
    assert f"mkdocs.yml:{line}: theme: không có giao diện 'materil' (có: " in err, err
    assert "có phải ý bạn là 'material'?" in err and "Traceback" not in err
    # an installed theme other than Material passes the check
    site.config.write_text(text.replace("name: material", "name: mkdocs", 1), encoding="utf-8")
    assert run_cli("check", "-f", site.config, "--as-of", "2024-05-21")[0] == 0
