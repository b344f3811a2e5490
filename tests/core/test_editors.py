"""Issue 18, editors' day: what the commands say to an editor (drafts and scheduled articles, Vietnamese help and
argument errors, `new`), and addresses that stay: redirect pages followed by a real HTTP client, a changed address
found in git history."""
from __future__ import annotations

import functools
import http.server
import re
import sys
import threading
from pathlib import Path
from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx
import pytest

from generator.cli.main import main
from sitefactory import run_cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "audit"))  # gitrepo.py, the git helpers

from gitrepo import commit, git, init  # noqa: E402

WEEKLY = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 2}
          since: 2024-05-06
"""


@pytest.fixture
def weekly(repo):
    repo.write_config(channels=WEEKLY)
    repo.article("tuan-19", "Bài tuần 19", "2024-05-07 09:00")
    repo.article("tuan-20", "Bài tuần 20", "2024-05-14 09:00")
    return repo


# --- the drafts and the scheduled articles, named ----------------------------------------------------------------

def test_check_and_build_name_the_drafts_and_the_scheduled_articles_and_publish_neither(weekly, tmp_path):
    weekly.article("nhap", "Bản nháp", "2024-05-15 09:00", draft="true")
    weekly.article("hen-gio", "Hẹn giờ", "2024-05-25 08:00")
    expected = ("Bản nháp (không xuất bản): content/bai-viet/nhap.md. Hẹn giờ (chưa đăng, vì ngày đăng sau thời "
                "điểm xét 23:59 21/05/2024): content/bai-viet/hen-gio.md lúc 08:00 25/05/2024.")
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 0 and expected in out.splitlines()
    site = tmp_path / "out"
    code, out, err = run_cli("build", "-f", weekly.config, "--as-of", "2024-05-21", "-d", site)
    assert code == 0 and expected in (out + err).splitlines()
    assert (site / "bai-viet" / "bai-tuan-20" / "index.html").is_file()
    assert not (site / "bai-viet" / "ban-nhap").exists() and not (site / "bai-viet" / "hen-gio").exists()
    # once its time has come, the scheduled article is published and no longer named
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-25 09:00")
    assert "hen-gio.md" not in out and "Bản nháp (không xuất bản): content/bai-viet/nhap.md." in out


def test_nothing_withheld_says_nothing(weekly):
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 0 and "Bản nháp" not in out and "Hẹn giờ" not in out


# --- argparse in Vietnamese ----------------------------------------------------------------------------------------

# argparse's own English words; a value of ours (a command's name, text/json, a placeholder) is not among them
ENGLISH = re.compile(r"\b(usage|positional|optional|options?|arguments?|show|message|exit|error|required|invalid|"
                     r"choices?|choose|expected|unrecognized|ambiguous|subcommands?|allowed|ignored|one of|the|and)\b",
                     re.IGNORECASE)


def _argparse_says(capsys, *argv) -> tuple[int, str]:
    with pytest.raises(SystemExit) as stopped:
        main(list(argv))
    captured = capsys.readouterr()
    return stopped.value.code, captured.out + captured.err


def _english(text: str) -> list[str]:
    text = text.replace("--help", "")  # the option's own name
    return ENGLISH.findall(text)


@pytest.mark.parametrize("command", ["", "build", "check", "fetch", "new", "deploy", "rollback", "verify"])
def test_help_of_every_command_is_vietnamese(capsys, command):
    code, text = _argparse_says(capsys, *([command] if command else []), "--help")
    assert code == 0 and "cách dùng: chuyentrang" in text and "hiện hướng dẫn này rồi thoát" in text
    assert not _english(text), text


@pytest.mark.parametrize("argv, message", [
    ([], "chuyentrang: lỗi: thiếu tham số bắt buộc: LỆNH"),
    (["buid"], "không có lựa chọn 'buid' (chọn một trong: 'build', 'check'"),
    (["buid"], "; có phải ý bạn là 'build'?"),
    (["check", "--format", "jsn"], "; có phải ý bạn là 'json'?"),
    (["new"], "chuyentrang new: lỗi: thiếu tham số bắt buộc: TIÊU_ĐỀ"),
    (["check", "--format", "xml"], "tham số --format: không có lựa chọn 'xml'"),
    (["check", "--as-of"], "tham số --as-of: cần một giá trị sau tham số này"),
    (["build", "--bogus"], "không hiểu tham số: --bogus"),
    # a misspelt option: the closest one of that command, under that command's usage
    (["new", "x", "--categry", "kinh-te-so"], "chuyentrang new: lỗi: không hiểu tham số: --categry kinh-te-so; "
                                              "có phải ý bạn là '--category'?"),
    (["build", "--as-off", "2026-11-20"], "cách dùng: chuyentrang build [-h]"),
    (["check", "--formt=json"], "có phải ý bạn là '--format'?"),
    (["deploy"], "thiếu tham số bắt buộc: --to"),
    (["deploy", "--to", "x", "--keep", "abc"], "tham số --keep: giá trị không hợp lệ: 'abc'"),
])
def test_argument_mistakes_are_answered_in_vietnamese(capsys, argv, message):
    code, text = _argparse_says(capsys, *argv)
    assert code == 2 and "cách dùng: chuyentrang" in text and message in text, text
    assert not _english(text), text


def test_argparse_speaks_english_again_outside_the_command(capsys):
    """The translation is for chuyentrang's own parsers while it runs, not a change to every argparse user."""
    import argparse

    _argparse_says(capsys, "--help")
    parser = argparse.ArgumentParser(prog="x")
    parser.print_help()
    assert "usage: x" in capsys.readouterr().out


# --- new -----------------------------------------------------------------------------------------------------------

def test_new_twice_with_one_title_refuses_and_names_both_paths(repo):
    code, out, _ = run_cli("new", "Hội nghị: chuyển đổi số", "--category", "kinh-te-so", "-f", repo.config)
    assert code == 0
    first = out.strip()
    text = open(first, encoding="utf-8").read()
    assert 'title: "Hội nghị: chuyển đổi số"' in text and "\nslug: hoi-nghi-chuyen-doi-so  #" in text
    code, out, err = run_cli("new", "Hội nghị: chuyển đổi số", "--category", "kinh-te-so", "-f", repo.config)
    assert code == 2 and out == ""
    rel = first.split("site-repo/", 1)[1]
    assert f"{rel}: bài 'Hội nghị: chuyển đổi số' đã dùng địa chỉ /bai-viet/hoi-nghi-chuyen-doi-so/, nên chưa tạo " \
           f"bài mới {rel}" in err
    assert "--slug hoi-nghi-chuyen-doi-so-2" in err
    assert sorted(p.name for p in (repo.root / "content").rglob("*.md")) == ["hoi-nghi-chuyen-doi-so.md"]
    # the way out it names: another address, same title; the title's other article is pointed at
    code, out, err = run_cli("new", "Hội nghị: chuyển đổi số", "--category", "kinh-te-so", "--slug",
                             "hoi-nghi-chuyen-doi-so-2", "-f", repo.config)
    assert code == 0 and out.strip().endswith("hoi-nghi-chuyen-doi-so-2.md")
    assert f"Lưu ý: tiêu đề này đã có ở bài {rel}" in err


def test_new_refuses_an_address_kept_by_a_redirect(repo):
    repo.article("moi", "Tên mới", "2024-05-06 09:00", redirect_from="[ten-cu]")
    code, _, err = run_cli("new", "Tên cũ", "--category", "kinh-te-so", "-f", repo.config)
    assert code == 2 and "content/bai-viet/moi.md: bài 'Tên mới' đã dùng địa chỉ /bai-viet/ten-cu/" in err


@pytest.mark.parametrize("argv, message", [
    ([], "--category: cần chọn chuyên mục, ví dụ --category chinh-quyen-so; có: chinh-quyen-so (Chính quyền số), "
         "kinh-te-so (Kinh tế số)"),
    (["--category", "kinh-te"], "--category: chuyên mục không có trong cấu hình: 'kinh-te'; có phải ý bạn là "
                                "'kinh-te-so' (Kinh tế số)?"),
    (["--slug", "Bài Mới"], "--slug: slug 'Bài Mới' chỉ được gồm chữ thường không dấu, số và '-', ví dụ: bai-moi"),
])
def test_new_answers_a_missing_or_unknown_value_with_the_valid_ones(repo, argv, message):
    argv = argv if "--category" in argv else [*argv, *(["--category", "x"] if "--slug" in argv else [])]
    code, out, err = run_cli("new", "Bài mới", *argv, "-f", repo.config)
    assert code == 2 and out == "" and message in err, err
    assert err.startswith("Dữ liệu đầu vào có lỗi, chưa tạo bài mới:\n") and "build" not in err, err  # new builds nothing
    assert not list((repo.root / "content").rglob("*.md"))


def test_new_refuses_a_title_with_a_control_character_and_makes_a_pasted_line_break_a_space(repo):
    code, out, err = run_cli("new", "Bài \x01 mới", "--category", "kinh-te-so", "-f", repo.config)
    assert code == 2 and out == "" and "chuyentrang new: tiêu đề có ký tự điều khiển U+0001" in err, err
    assert not list((repo.root / "content").rglob("*.md"))
    code, out, err = run_cli("new", "Dòng một\nDòng hai", "--category", "kinh-te-so", "-f", repo.config)
    assert code == 0 and out.strip().endswith("dong-mot-dong-hai.md")
    assert 'title: "Dòng một Dòng hai"\n' in open(out.strip(), encoding="utf-8").read()
    code, _, err = run_cli("check", "-f", repo.config, "--as-of", "2024-05-20")
    assert code != 2, err  # the file it wrote reads


def test_new_refuses_a_title_with_no_letter_to_make_an_address_unless_one_is_chosen(repo):
    code, out, err = run_cli("new", "??? !!!", "--category", "kinh-te-so", "-f", repo.config)
    assert code == 2 and out == "", err
    assert ("chuyentrang new: tiêu đề '??? !!!' không có chữ hay số nào để làm địa chỉ của bài: viết tiêu đề có chữ, "
            "hoặc tự chọn địa chỉ với --slug, ví dụ --slug hoi-nghi-chuyen-doi-so") in err.splitlines(), err
    assert not list((repo.root / "content").rglob("*.md"))
    code, out, err = run_cli("new", "??? !!!", "--category", "kinh-te-so", "--slug", "hoi-dap", "-f", repo.config)
    assert code == 0 and out.strip().endswith("/hoi-dap.md"), err
    code, _, err = run_cli("check", "-f", repo.config, "--as-of", "2024-05-20")
    assert code != 2, err  # the file it wrote reads


def test_new_takes_a_category_by_the_name_the_site_shows(repo):
    code, out, _ = run_cli("new", "Bài mới", "--category", "kinh tế số", "-f", repo.config)
    assert code == 0 and "\ncategory: kinh-te-so\n" in open(out.strip(), encoding="utf-8").read()


# --- redirects followed by an HTTP client --------------------------------------------------------------------------

class _Refresh(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refresh = self.canonical = self.robots = None
        self.links: list[tuple[str, str]] = []
        self._href = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.refresh = a["content"]
        if tag == "meta" and a.get("name") == "robots":
            self.robots = a["content"]
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a["href"]
        if tag == "a":
            self._href = a.get("href")

    def handle_data(self, data):
        if self._href is not None and data.strip():
            self.links.append((self._href, data.strip()))
            self._href = None


def _follow(client: httpx.Client, url: str, hops: int = 5) -> tuple[httpx.Response, list[str]]:
    """GET ``url``, following HTTP redirects and meta refreshes as a browser would."""
    seen = [url]
    for _ in range(hops):
        response = client.get(url, follow_redirects=True)
        url = str(response.url)
        page = _Refresh()
        page.feed(response.text)
        if page.refresh is None:
            return response, seen
        target = re.search(r"url=(.+)$", page.refresh, re.I).group(1).strip()
        url = urljoin(url, target)
        seen.append(url)
    raise AssertionError(f"more than {hops} redirects: {seen}")


@pytest.fixture
def served():
    """Serve a folder over HTTP on 127.0.0.1; yields a function giving the base URL."""
    servers = []

    def serve(folder) -> str:
        handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
        server.server_close()


def test_old_addresses_land_on_the_article(weekly, tmp_path, served):
    weekly.article("doi-ten", "Hội nghị chuyển đổi số năm 2024", "2024-05-08 09:00",
                   redirect_from="[hoi-nghi-chuyen-doi-so-nam-2042, /bai-viet/hoi-nghi-cds/]")
    site = tmp_path / "out"
    code, _, err = run_cli("build", "-f", weekly.config, "--as-of", "2024-05-21", "-d", site)
    assert code == 0, err
    base = served(site.resolve())
    new = base + "bai-viet/hoi-nghi-chuyen-doi-so-nam-2024/"
    with httpx.Client(timeout=10) as client:
        for old in ("bai-viet/hoi-nghi-chuyen-doi-so-nam-2042/", "bai-viet/hoi-nghi-cds/", "bai-viet/hoi-nghi-cds"):
            response, hops = _follow(client, base + old)
            assert response.status_code == 200 and hops[-1] == new, hops
            assert "<h1" in response.text and "Hội nghị chuyển đổi số năm 2024" in response.text
        stop = client.get(base + "bai-viet/hoi-nghi-cds/")
    page = _Refresh()
    page.feed(stop.text)
    assert page.robots == "noindex"
    assert page.canonical == "https://example.test/bai-viet/hoi-nghi-chuyen-doi-so-nam-2024/"
    assert page.links == [("../hoi-nghi-chuyen-doi-so-nam-2024/", "Hội nghị chuyển đổi số năm 2024")]
    assert "đã chuyển sang địa chỉ mới" in stop.text and '<html lang="vi">' in stop.text
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "hoi-nghi-chuyen-doi-so-nam-2024/" in sitemap and "hoi-nghi-cds" not in sitemap


def test_redirects_of_drafts_and_scheduled_articles_wait_for_them(weekly, tmp_path):
    weekly.article("nhap", "Bản nháp", "2024-05-15 09:00", draft="true", redirect_from="[nhap-cu]")
    weekly.article("hen-gio", "Hẹn giờ", "2024-05-25 08:00", redirect_from="[hen-gio-cu]")
    site = tmp_path / "out"
    assert run_cli("build", "-f", weekly.config, "--as-of", "2024-05-21", "-d", site)[0] == 0
    assert not (site / "bai-viet" / "nhap-cu").exists() and not (site / "bai-viet" / "hen-gio-cu").exists()


def test_old_addresses_that_cannot_redirect_are_refused_with_their_line(weekly):
    weekly.article("a", "Bài A", "2024-05-08 09:00", redirect_from="[bai-tuan-19]")
    weekly.article("b", "Bài B", "2024-05-08 10:00", redirect_from="[cu-chung]")
    weekly.article("c", "Bài C", "2024-05-08 11:00", redirect_from="\n  - bai-c-cu\n  - /bai-viet/cu-chung/")
    code, _, err = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 2
    assert ("content/bai-viet/a.md:5: redirect_from: /bai-viet/bai-tuan-19/ đang là địa chỉ của bài "
            "content/bai-viet/tuan-19.md") in err
    assert ("content/bai-viet/c.md:7: redirect_from: địa chỉ cũ /bai-viet/cu-chung/ đã được bài content/bai-viet/b.md "
            "khai báo") in err


# --- a changed address found in git history ------------------------------------------------------------------------

def test_a_published_address_that_changed_is_warned_with_the_exact_fix(weekly, tmp_path):
    init(weekly.root)
    path = weekly.article("hoi-nghi", "Hội nghị chuyển đổi sô", "2024-05-08 09:00", draft="true")
    commit(weekly.root, "2024-05-08T08:00:00+07:00")
    # still a draft: its address was never published, a new title is free
    path.write_text(path.read_text(encoding="utf-8").replace("chuyển đổi sô", "chuyển đổi xô"), encoding="utf-8")
    path.write_text(path.read_text(encoding="utf-8").replace("draft: true\n", ""), encoding="utf-8")
    commit(weekly.root, "2024-05-08T09:00:00+07:00")
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 0 and "địa chỉ bài đã đổi" not in out
    # published, then the typo in the title fixed: the address moves
    path.write_text(path.read_text(encoding="utf-8").replace("chuyển đổi xô", "chuyển đổi số"), encoding="utf-8")
    commit(weekly.root, "2024-05-09T09:00:00+07:00")
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 0
    assert ("content/bai-viet/hoi-nghi.md:2: địa chỉ bài đã đổi từ /bai-viet/hoi-nghi-chuyen-doi-xo/ (địa chỉ lúc "
            "đăng) thành /bai-viet/hoi-nghi-chuyen-doi-so/: liên kết cũ đã chia sẻ (Zalo, Facebook, trang khác) sẽ "
            "hỏng. Sửa: thêm dòng 'redirect_from: [hoi-nghi-chuyen-doi-xo]' để địa chỉ cũ chuyển tới địa chỉ mới, "
            "hoặc đặt lại 'slug: hoi-nghi-chuyen-doi-xo'") in out.splitlines()
    # before the fix is committed (a local edit) the warning is gone already; a rename of the file changes nothing
    path.write_text(path.read_text(encoding="utf-8").replace("---\n\n", "redirect_from: [hoi-nghi-chuyen-doi-xo]\n"
                                                             "---\n\n"), encoding="utf-8")
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 0 and "địa chỉ bài đã đổi" not in out
    git(weekly.root, "mv", "content/bai-viet/hoi-nghi.md", "content/bai-viet/hoi-nghi-cds.md")
    commit(weekly.root, "2024-05-10T09:00:00+07:00")
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 0 and "địa chỉ bài đã đổi" not in out
    target = weekly.root / "content/bai-viet/hoi-nghi-cds.md"
    target.write_text(target.read_text(encoding="utf-8").replace("redirect_from: [hoi-nghi-chuyen-doi-xo]\n", ""),
                      encoding="utf-8")
    code, out, _ = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert "content/bai-viet/hoi-nghi-cds.md:2: địa chỉ bài đã đổi từ /bai-viet/hoi-nghi-chuyen-doi-xo/" in out


def test_an_article_left_out_as_backdated_is_named_on_its_date_line_with_the_fix(weekly):
    """`new` dates an article the day it is begun: finished and first committed days later, it is backdated by its
    own date and not counted. The auditors' notice only counts such articles; the editor needs which, and the fix."""
    init(weekly.root)
    commit(weekly.root, "2024-05-07T10:00:00+07:00")
    code, out, err = run_cli("new", "Bài viết dở", "--category", "kinh-te-so", "-f", weekly.config)
    assert code == 0, err
    path = Path(out.strip())
    text = path.read_text(encoding="utf-8")
    assert "khi bài đã sẵn sàng xuất bản, và sửa date thành lúc đăng" in text
    # begun on 15/05, finished and committed on 20/05 with its draft line taken out
    text = re.sub(r"\ndate: [^\n]*\n", "\ndate: 2024-05-15 08:00\n", text).replace("draft: true", "draft: false")
    path.write_text(text, encoding="utf-8")
    commit(weekly.root, "2024-05-20T09:30:00+07:00")
    code, out, err = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    rel = path.relative_to(weekly.root).as_posix()
    assert (f"{rel}:3: bài không được tính vào chỉ tiêu vì đăng lùi ngày: ngày đăng ghi 15/05/2024 08:00, nhưng bài "
            "chỉ được commit lần đầu lúc 20/05/2024 09:30 (muộn 5,1 ngày). Nếu bài mới đăng lần đầu lúc đó (viết từ "
            "trước, nay mới xong), sửa ngày đăng thành ngày giờ đăng thật, ví dụ date: 2024-05-20 09:30"
            ) in out.splitlines(), out
    # as it says: the article counts, and nothing more is said
    path.write_text(text.replace("date: 2024-05-15 08:00", "date: 2024-05-20 09:30"), encoding="utf-8")
    commit(weekly.root, "2024-05-20T09:40:00+07:00")
    code, out, err = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert "đăng lùi ngày" not in out and rel not in out, out


def test_the_web_editing_guides_template_is_a_valid_article(repo):
    """docs/soan-bai-tren-web.md: editors paste its template and change the words; a title with a colon must
    still read (the template quotes it)."""
    from generator.core.articles import load_articles
    from generator.core.config import load_config

    guide = (Path(__file__).resolve().parents[2] / "docs" / "soan-bai-tren-web.md").read_text(encoding="utf-8")
    template = re.search(r"```markdown\n(.*?)```", guide, re.S).group(1)
    repo.raw("content/bai-viet/2026/mau.md", template)
    articles, problems = load_articles(load_config(repo.config))
    assert not problems
    [article] = articles
    assert ":" in article.title and article.slug == "ngay-hoi-chuyen-doi-so-xa-quang-khe"


# --- an editor's usual mistakes: each with its file and line, all at once -----------------------------------------

def test_a_link_to_another_article_or_a_file_that_is_not_there_is_named_with_its_line(weekly, tmp_path):
    (weekly.root / "content" / "tai-lieu").mkdir()
    (weekly.root / "content" / "tai-lieu" / "ke hoach.pdf").write_bytes(b"%PDF-1.4\n")
    weekly.article("dich", "Bài đích", "2024-05-06 09:00")
    weekly.article("nguon", "Bài nguồn", "2024-05-07 09:00", body=(
        "Xem [bài đích](dich.md#muc) và [kế hoạch](../tai-lieu/ke%20hoach.pdf), [trang](https://x.test/a.md), "
        "[mục](#muc), [địa chỉ](/bai-viet/bai-dich/).\n\n"
        "Xem thêm [bài khác](../khac.md) và `[mã](khong.md)`.\n\n"
        "[tham-khao]: ../2026/khong-co.pdf\n"))
    code, out, err = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 2, out + err
    broken = [line for line in err.splitlines() if "hỏng" in line]
    assert broken == [
        "content/bai-viet/nguon.md:9: liên kết '../khac.md' hỏng: không có tệp content/khac.md. Kiểm tra tên tệp; "
        "liên kết tới bài khác viết bằng đường dẫn tương đối tới tệp .md của bài, ví dụ [tên bài](../2026/ten-bai.md)",
        "content/bai-viet/nguon.md:11: liên kết '../2026/khong-co.pdf' hỏng: không có tệp content/2026/khong-co.pdf. "
        "Kiểm tra tên tệp; liên kết tới bài khác viết bằng đường dẫn tương đối tới tệp .md của bài, ví dụ "
        "[tên bài](../2026/ten-bai.md)"], err
    # fixed, the site builds and the link leads to the other article's address
    text = (weekly.root / "content" / "bai-viet" / "nguon.md").read_text(encoding="utf-8")
    (weekly.root / "content" / "bai-viet" / "nguon.md").write_text(
        text.replace("../khac.md", "dich.md").replace("../2026/khong-co.pdf", "../tai-lieu/ke%20hoach.pdf"),
        encoding="utf-8")
    code, out, err = run_cli("build", "-f", weekly.config, "--as-of", "2024-05-21", "-d", tmp_path / "out")
    assert code == 0, out + err
    page = (tmp_path / "out" / "bai-viet" / "bai-nguon" / "index.html").read_text(encoding="utf-8")
    assert 'href="../bai-dich/#muc"' in page


def test_front_matter_mistakes_are_all_said_at_once_with_their_line_and_the_fix(weekly):
    weekly.raw("content/bai-viet/ngay.md", """\
        ---
        title: "Ngày viết kiểu Việt Nam"
        date: 07/12/2024 08:30
        category: kinh-te-so
        ---
        x
        """)
    weekly.raw("content/bai-viet/nhap.md", """\
        ---
        title: "Nháp"
        date: 2024-05-08
        category: kinh-te-so
        draft: "có"
        ---
        x
        """)
    weekly.raw("content/bai-viet/khong.md", """\
        ---
        title: "Không nháp"
        date: 2024-05-08
        category: kinh-te-so
        draft: không
        ---
        x
        """)
    weekly.article("xa", "Năm gõ nhầm", "2204-05-08")
    code, out, err = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 2, out + err
    lines = err.splitlines()
    assert any(line.startswith("content/bai-viet/xa.md:3: ngày đăng 2204-05-08 không hợp lý: cần trong khoảng ")
               and line.endswith(" (kiểm tra lại năm, có thể gõ nhầm)") for line in lines), err
    assert ("content/bai-viet/ngay.md:3: ngày đăng sai: ngày giờ không đúng dạng: '07/12/2024 08:30' (cần YYYY-MM-DD "
            "hoặc YYYY-MM-DD HH:MM, có thể kèm +07:00); ngày 07 tháng 12 năm 2024 lúc 08:30 viết là: 2024-12-07 "
            "08:30") in lines, err
    for name, value in (("nhap", "có"), ("khong", "không")):
        assert (f"content/bai-viet/{name}.md:5: draft chỉ nhận true hoặc false, không nhận '{value}': ghi "
                "'draft: true' khi bài còn là bản nháp (không xuất bản), hoặc xóa dòng này khi bài đã sẵn sàng xuất "
                "bản") in lines, err


@pytest.mark.parametrize("written, hint", [
    ("07/12/2026", "; ngày 07 tháng 12 năm 2026 viết là: 2026-12-07"),
    ("7.12.2026 8h30", "; ngày 07 tháng 12 năm 2026 lúc 08:30 viết là: 2026-12-07 08:30"),
    ("2026/12/07", "; ngày 07 tháng 12 năm 2026 viết là: 2026-12-07"),
    ("2026-12-07 14h", "; ngày 07 tháng 12 năm 2026 lúc 14:00 viết là: 2026-12-07 14:00"),
    ("31/02/2026", None),  # no such day: no made-up fix
    ("07/12/26", None),  # which century is a guess
    ("12/31/2026", None),  # month first is not how Vietnamese is written: no 31st month
])
def test_a_date_written_by_hand_is_answered_with_the_same_day_as_it_must_be_written(written, hint):
    from zoneinfo import ZoneInfo

    from generator.core.timeutil import parse_datetime

    with pytest.raises(ValueError) as caught:
        parse_datetime(written, ZoneInfo("Asia/Ho_Chi_Minh"))
    said = str(caught.value)
    if hint is None:
        assert "viết là" not in said, said
    else:
        assert said.endswith(hint), said


def test_a_title_in_quotes_that_holds_quotes_is_answered_with_the_title_meant(weekly):
    weekly.raw("content/bai-viet/ngoac.md", """\
        ---
        title: "Hội nghị "chuyển đổi số" tỉnh"
        date: 2024-05-08
        category: kinh-te-so
        ---
        x
        """)
    weekly.raw("content/bai-viet/ngoac2.md", """\
        ---
        title: "CĐS" là "gì"
        date: 2024-05-08
        category: kinh-te-so
        ---
        x
        """)
    code, out, err = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 2, out + err
    assert "content/bai-viet/ngoac.md:2: " in err and "ví dụ title: 'Hội nghị \"chuyển đổi số\" tỉnh'\n" in err, err
    assert "content/bai-viet/ngoac2.md:2: " in err and "ví dụ title: '\"CĐS\" là \"gì\"'\n" in err, err


def test_tags_written_as_hashtags_are_said_not_dropped_and_a_comment_is_left_alone(weekly):
    weekly.article("hashtag", "Hashtag", "2024-05-08 09:00", tags="#chuyendoiso #dichvucong")
    weekly.article("ghi-chu", "Ghi chú", "2024-05-09 09:00", tags="  # chưa chọn từ khóa")
    code, out, err = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 2, out + err
    assert [line for line in err.splitlines() if line.startswith("content/")] == [
        "content/bai-viet/hashtag.md:5: dấu # bắt đầu phần ghi chú của YAML nên bài không có từ khóa nào: viết từ "
        "khóa không kèm dấu #, ví dụ tags: [chuyendoiso, dichvucong]"], err


def test_tags_written_as_one_line_with_commas_are_several_tags(weekly, tmp_path):
    weekly.article("the", "Bài có từ khóa", "2024-05-08 09:00", tags="chuyển đổi số, Dịch vụ công")
    code, out, err = run_cli("build", "-f", weekly.config, "--as-of", "2024-05-21", "-d", tmp_path / "out")
    assert code == 0, out + err
    assert (tmp_path / "out" / "the" / "chuyen-doi-so" / "index.html").is_file()
    assert (tmp_path / "out" / "the" / "dich-vu-cong" / "index.html").is_file()
    assert not (tmp_path / "out" / "the" / "chuyen-doi-so-dich-vu-cong").exists()


def _png_header(width: int, height: int) -> bytes:
    """A PNG that says it is ``width``×``height`` (its pixels are never read: the check reads the header)."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))


def test_a_picture_too_big_is_named_with_its_line_and_how_to_make_it_smaller(weekly):
    assets = weekly.root / "content" / "assets"
    assets.mkdir()
    (assets / "khong-lo.png").write_bytes(_png_header(20000, 20000))
    (assets / "dien-thoai.jpg").write_bytes(b"\xff" * 3_600_000)  # a phone's photo, as it came
    (assets / "nho.jpg").write_bytes(b"\xff" * 200_000)
    weekly.article("anh", "Ảnh", "2024-05-08 09:00", image="/assets/khong-lo.png",
                   body="![Ảnh nhỏ](/assets/nho.jpg)\n\n![Hội nghị](/assets/dien-thoai.jpg)")
    code, out, err = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 2, out + err
    lines = err.splitlines()
    assert ("content/bai-viet/anh.md:5: ảnh '/assets/khong-lo.png' quá lớn (hơn 178 triệu điểm ảnh): hãy thu nhỏ ảnh "
            "(ví dụ còn rộng 2000 điểm ảnh) rồi lưu lại") in lines, err
    assert ("content/bai-viet/anh.md:10: ảnh '/assets/dien-thoai.jpg' nặng 3,6 MB: ảnh trong bài được đăng nguyên "
            "tệp, người đọc trên điện thoại phải tải hết; hãy thu nhỏ ảnh (rộng khoảng 1600 điểm ảnh, lưu dạng JPEG) "
            "cho nhẹ dưới 1 MB rồi lưu lại") in lines, err
    assert "nho.jpg" not in err


def test_a_picture_or_link_not_found_is_answered_with_the_file_meant(weekly):
    assets = weekly.root / "content" / "assets"
    assets.mkdir()
    (assets / "Hoi-Nghi.jpg").write_bytes(b"\xff" * 100)
    (assets / "anh hop.jpg").write_bytes(b"\xff" * 100)
    weekly.raw("content/bai-viet/2024/dich.md", "---\ntitle: Đích\ndate: 2024-05-08\ncategory: kinh-te-so\n---\nx\n")
    weekly.article("2024/nguon", "Nguồn", "2024-05-09 09:00", body=(
        "![Hội nghị](/assets/hoi-nghi.jpg)\n\n"
        "![Hội nghị](assets/Hoi-Nghi.jpg)\n\n"
        "![Ảnh họp](/assets/anh%20hop.jpg)\n\n"
        "![Ảnh trên máy](C:\\Users\\btv\\Desktop\\anh-hop.jpg)\n\n"
        "[Bài đích](bai-viet/2024/dich.md) và [bài đích](DICH.md)"))
    code, out, err = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 2, out + err
    said = [line for line in err.splitlines() if line.startswith("content/")]
    f = "content/bai-viet/2024/nguon.md"
    assert said == [
        f"{f}:15: liên kết 'bai-viet/2024/dich.md' hỏng: không có tệp content/bai-viet/2024/bai-viet/2024/dich.md; "
        "đường dẫn tính từ thư mục của bài: viết dich.md",
        f"{f}:15: liên kết 'DICH.md' hỏng: không có tệp content/bai-viet/2024/DICH.md; tên tệp phân biệt chữ hoa, chữ "
        "thường: tệp có tên là 'dich.md', hãy viết đúng như vậy",
        f"{f}:7: không tìm thấy tệp ảnh '/assets/hoi-nghi.jpg'; tên tệp phân biệt chữ hoa, chữ thường: tệp có tên là "
        "'Hoi-Nghi.jpg', hãy viết đúng như vậy",
        f"{f}:9: không tìm thấy tệp ảnh 'assets/Hoi-Nghi.jpg'; tệp trong thư mục content/ viết bắt đầu bằng '/': "
        "/assets/Hoi-Nghi.jpg",
        f"{f}:13: ảnh 'C:\\Users\\btv\\Desktop\\anh-hop.jpg' là một tệp trên máy tính của bạn, trang web không lấy "
        "được: chép ảnh vào thư mục content/assets/ rồi viết ![mô tả ảnh](/assets/anh-hop.jpg)",
    ], err  # "/assets/anh%20hop.jpg" is the file "anh hop.jpg": no problem


def test_a_key_misspelt_or_written_in_vietnamese_is_said_once_with_the_key_meant(weekly):
    weekly.raw("content/bai-viet/khoa.md", """\
        ---
        tilte: "Sai chính tả"
        Date: 2024-05-08
        chuyên mục: kinh-te-so
        Từ khóa: [chuyển đổi số]
        ---
        x
        """)
    code, out, err = run_cli("check", "-f", weekly.config, "--as-of", "2024-05-21")
    assert code == 2, out + err
    assert [line for line in err.splitlines() if line.startswith("content/")] == [
        "content/bai-viet/khoa.md:2: khóa không được hỗ trợ: 'tilte'; có phải ý bạn là 'title'?",
        "content/bai-viet/khoa.md:3: khóa không được hỗ trợ: 'Date'; có phải ý bạn là 'date'?",
        "content/bai-viet/khoa.md:4: khóa không được hỗ trợ: 'chuyên mục'; tên khóa viết bằng tiếng Anh: có phải ý "
        "bạn là 'category'?",
        "content/bai-viet/khoa.md:5: khóa không được hỗ trợ: 'Từ khóa'; tên khóa viết bằng tiếng Anh: có phải ý bạn "
        "là 'tags'?",
    ], err  # not "thiếu tiêu đề (title)" besides: the same mistake said twice
