"""Settings of mkdocs.yml that make MkDocs read beyond content/ or put an address on every page: nothing outside the
project is read or published (INHERIT, !ENV, theme.custom_dir, pymdownx.snippets), no script address reaches the
site (extra_css, extra_javascript, favicon, social links); each is a problem with its line (exit 2), and the same
settings kept inside the project still work."""
from __future__ import annotations

import os

import pytest

from sitefactory import run_cli

AS_OF = "2024-01-03"  # the channel's first week is still open: nothing judged, a clean site builds


def configure(repo, theme: str = "", top: str = "") -> None:
    text = repo.config.read_text(encoding="utf-8")
    text = text.replace("  font: false\n", "  font: false\n" + theme).replace("docs_dir: content\n", "docs_dir: content\n" + top)
    repo.config.write_text(text, encoding="utf-8")


def line_of(path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


@pytest.fixture
def outside(tmp_path):
    out = tmp_path / "outside"
    out.mkdir()
    (out / "secret.txt").write_text("SECRET-OUTSIDE")
    (out / "parent.yml").write_text('copyright: "SECRET-OUTSIDE"\n')
    return out


# (theme lines, top-level lines, the line's needle, words of the message); "{out}" is a folder outside the project
REFUSED = [
    ("  custom_dir: ../../outside\n", "", "custom_dir", "theme.custom_dir trỏ ra ngoài dự án ('../../outside')"),
    ("  custom_dir: .\n", "", "custom_dir", "theme.custom_dir không được là thư mục dự án"),
    ("  custom_dir: .git/hooks\n", "", "custom_dir", "theme.custom_dir trỏ vào thư mục .git của dự án"),
    ("", "site_description: !ENV GITHUB_TOKEN\n", "site_description", "không dùng !ENV"),
    ("", "extra:\n  note: !ENV [CI_JOB_TOKEN, '']\n", "note:", "không dùng !ENV"),
    ("", "INHERIT: ../../outside/parent.yml\n", "INHERIT", "INHERIT trỏ ra ngoài dự án"),
    ("", "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: ['{out}']\n", "base_path",
     "pymdownx.snippets: base_path trỏ ra ngoài dự án"),
    ("", "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: !relative $config_dir/..\n", "base_path",
     "pymdownx.snippets: base_path trỏ ra ngoài dự án"),
    ("", "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: !relative $config_dir\n", "base_path",
     "pymdownx.snippets: base_path không được là thư mục dự án"),
    ("", "markdown_extensions:\n  - pymdownx.snippets:\n      url_download: true\n      base_path: [doan-chen]\n",
     "url_download", "url_download: true tải nội dung từ trang khác"),
    ("", "markdown_extensions:\n  - pymdownx.snippets:\n      restrict_base_path: false\n      base_path: [doan-chen]\n",
     "restrict_base_path", "restrict_base_path: false cho phép chèn tệp ở bất cứ đâu"),
    ("", "extra_javascript: ['data:text/javascript,alert(1)']\n", "extra_javascript", "'data:text/javascript,alert(1)'"),
    ("", "extra_javascript:\n  - path: ' javascript:alert(1)'\n", "path:", "extra_javascript: địa chỉ ' javascript:alert(1)'"),
    ("", "extra_css: ['java\tscript:alert(1)']\n", "extra_css", "extra_css: địa chỉ"),
    ("  favicon: 'javascript:alert(1)'\n", "", "favicon", "theme.favicon: địa chỉ 'javascript:alert(1)'"),
    ("", "extra:\n  social:\n    - icon: fontawesome/brands/facebook\n      link: 'javascript:alert(1)'\n", "link:",
     "extra.social.link: địa chỉ 'javascript:alert(1)'"),
]


@pytest.mark.parametrize("theme, top, needle, words", REFUSED, ids=[w[:40] for *_, w in REFUSED])
def test_a_setting_reaching_outside_or_holding_a_script_address_is_a_problem_on_its_line(
        repo, outside, monkeypatch, theme, top, needle, words):
    (repo.root / ".git" / "hooks").mkdir(parents=True)
    (repo.root / "doan-chen").mkdir()
    monkeypatch.chdir(repo.root)
    configure(repo, theme, top.replace("{out}", str(outside)))
    code, out, err = run_cli("check", "-f", repo.config, "--as-of", AS_OF)
    assert code == 2, err
    assert f"mkdocs.yml:{line_of(repo.config, needle)}: " in err and words in err, err
    assert "Traceback" not in err and "SECRET" not in out + err


def test_snippets_by_default_read_the_working_folder_which_holds_git(repo, monkeypatch):
    (repo.root / ".git").mkdir()
    (repo.root / ".git" / "config").write_text("[http] extraheader = AUTHORIZATION: basic SECRET\n")
    monkeypatch.chdir(repo.root)
    configure(repo, top="markdown_extensions:\n  - pymdownx.snippets\n")
    repo.article("a", "Bài một", "2024-01-02", body='--8<-- ".git/config"')
    code, out, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF, "-d", repo.root.parent / "out")
    assert code == 2, err
    assert f"mkdocs.yml:{line_of(repo.config, 'pymdownx.snippets')}: pymdownx.snippets: base_path không được là " \
           "thư mục dự án ('.')" in err
    assert not (repo.root.parent / "out").exists()


@pytest.mark.parametrize("where", ["overrides", "doan-chen"])
def test_a_link_out_of_a_theme_or_snippet_folder_is_named(repo, outside, monkeypatch, where):
    monkeypatch.chdir(repo.root)
    (repo.root / where).mkdir()
    os.symlink(outside / "secret.txt", repo.root / where / "bi-mat.txt")
    configure(repo, "  custom_dir: overrides\n", "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [doan-chen]\n")
    (repo.root / ({"overrides", "doan-chen"} - {where}).pop()).mkdir()
    code, _, err = run_cli("check", "-f", repo.config, "--as-of", AS_OF)
    assert code == 2 and f"{where}/bi-mat.txt: liên kết (symlink) trỏ ra ngoài dự án" in err, err


def test_an_inherited_file_inside_the_project_is_checked_like_mkdocs_yml(repo, outside):
    (repo.root / "chung.yml").write_text("theme:\n  custom_dir: ../../outside\nextra:\n  token: !ENV GITHUB_TOKEN\n")
    configure(repo, top="INHERIT: chung.yml\n")
    code, _, err = run_cli("check", "-f", repo.config, "--as-of", AS_OF)
    assert code == 2
    assert "chung.yml:2: theme.custom_dir trỏ ra ngoài dự án" in err and "chung.yml:4: không dùng !ENV" in err, err


def test_an_inherited_file_that_cannot_be_read_is_said_in_vietnamese(repo):
    (repo.root / "chung.yml").write_bytes(b"extra:\n  note: \xd0\xe1k N\xf4ng\n")  # saved in an old 8-bit code page
    configure(repo, top="INHERIT: chung.yml\n")
    code, _, err = run_cli("check", "-f", repo.config, "--as-of", AS_OF)
    assert code == 2 and "chung.yml: tệp cấu hình không phải UTF-8" in err, err
    assert "Error" not in err, err  # not the exception's English name


def test_the_same_settings_inside_the_project_build(repo, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # !relative reads against the project, whatever the working folder
    (repo.root / "overrides").mkdir()
    (repo.root / "overrides" / "ghi-chu.txt").write_text("tệp của giao diện")
    (repo.root / "doan-chen").mkdir()
    (repo.root / "doan-chen" / "lien-he.md").write_text("Đường dây nóng: 1900 0000")
    configure(repo, "  custom_dir: overrides\n  favicon: assets/icon.png\n",
              "extra_css: [assets/them.css, 'https://cdn.example.test/a.css']\n"
              "extra:\n  social:\n    - icon: fontawesome/brands/facebook\n      link: https://facebook.com/x\n"
              "markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [!relative $config_dir/doan-chen]\n")
    repo.article("a", "Bài một", "2024-01-02", body='Liên hệ.\n\n--8<-- "lien-he.md"')
    out = tmp_path / "out"
    code, _, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF, "-d", out)
    assert code == 0, err
    assert "Đường dây nóng: 1900 0000" in (out / "bai-viet" / "bai-mot" / "index.html").read_text(encoding="utf-8")
    assert (out / "ghi-chu.txt").read_text(encoding="utf-8") == "tệp của giao diện"


def test_plain_mkdocs_build_publishes_no_environment_variable(repo, tmp_path, monkeypatch, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    monkeypatch.setenv("HOSTILE_TOKEN", "SECRET-TOKEN")
    configure(repo, top="copyright: !ENV HOSTILE_TOKEN\n")
    site_dir = tmp_path / "out"
    cfg = load_config(config_file=str(repo.config), site_dir=str(site_dir))
    with pytest.raises(Abort):
        build(cfg)
    assert f"mkdocs.yml:{line_of(repo.config, 'copyright')}: không dùng !ENV" in caplog.text
    assert not site_dir.exists() or not any(site_dir.iterdir())


def test_a_snippet_that_is_not_there_is_a_problem_of_its_page_not_a_traceback(repo, tmp_path):
    (repo.root / "doan-chen").mkdir()
    configure(repo, top="markdown_extensions:\n  - pymdownx.snippets:\n      base_path: [!relative $config_dir/doan-chen]\n"
                        "      check_paths: true\n")
    page = repo.article("a", "Bài một", "2024-01-02", body='Liên hệ.\n\n--8<-- "khong-co.md"')
    code, _, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF, "-d", tmp_path / "out")
    assert code == 2, err
    assert f"content/bai-viet/a.md:{line_of(page, 'khong-co.md')}: không tìm thấy tệp chèn 'khong-co.md'" in err, err
    assert "Error reading page" not in err
    assert not (tmp_path / "out").exists()
