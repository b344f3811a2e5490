"""Hostile and careless plugin settings, front matter and command lines: every one is exit 2 with `path:line: message`
in Vietnamese, in bounded time, never a traceback, never a false verdict."""
from __future__ import annotations

import datetime
import time

import pytest
import yaml

from generator.core import yamlfile
from sitefactory import run_cli

GOOD_CHANNEL = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 4}
          since: 2024-01-01
"""


def settings(repo, text: str) -> None:
    """Replace one line of the standard config, or add lines at the end of the plugin's settings."""
    repo.config.write_text(repo.config.read_text(encoding="utf-8") + text, encoding="utf-8")


def check(repo, *extra) -> tuple[int, str, str]:
    return run_cli("check", "-f", repo.config, "--as-of", "2024-05-21", *extra)


def line_of(repo, needle: str) -> int:
    return next(n for n, line in enumerate(repo.config.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def bomb(levels: int = 9, width: int = 9, indent: str = "") -> str:
    """`&a [*b, *b, ...]` nested: nine lines that expand to 9**9 values."""
    lines = [f"{indent}a0: &a0 [{', '.join(['lol'] * width)}]"]
    lines += [f"{indent}a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


# --- item 7, 18: wrong types are messages, not tracebacks ---------------------------------------------------------

@pytest.mark.parametrize("value, message", [
    ("5", "waivers phải là một danh sách"),
    ('"abc"', "waivers phải là một danh sách"),  # one message, not one per character
])
def test_waivers_of_the_wrong_type_is_one_problem_with_its_line(repo, value, message):
    repo.write_config(waivers=f"        {value}")
    code, _, err = check(repo)
    assert code == 2, err
    problems = [line for line in err.splitlines() if line.startswith("mkdocs.yml:")]
    assert problems == [f"mkdocs.yml:{line_of(repo, 'waivers:')}: {problems[0].split(': ', 1)[1]}"]
    assert message in problems[0]


def test_plugins_not_a_list_and_settings_not_a_table(repo):
    repo.config.write_text("site_name: T\nplugins: 5\n", encoding="utf-8")
    code, _, err = check(repo)
    assert code == 2 and "mkdocs.yml:2: plugins phải là một danh sách" in err
    repo.config.write_text("site_name: T\nplugins:\n  - chuyentrang: [1, 2]\n", encoding="utf-8")
    code, _, err = check(repo)
    assert code == 2 and "mkdocs.yml:3: cấu hình của plugin 'chuyentrang' phải là một bảng" in err


def test_config_file_naming_a_folder(repo):
    code, _, err = run_cli("check", "-f", repo.root / "content")
    assert code == 2 and "đây là một thư mục" in err and "mkdocs.yml" in err
    assert "Traceback" not in err


# --- item 8: default_channel must name a channel ------------------------------------------------------------------

def test_default_channel_naming_no_channel_is_refused_not_judged(repo):
    repo.write_config(channels=GOOD_CHANNEL)
    repo.config.write_text(repo.config.read_text(encoding="utf-8").replace(
        "default_channel: chuyen-trang", "default_channel: chuyen-trag"), encoding="utf-8")
    code, out, err = check(repo)
    assert code == 2 and "KHÔNG ĐẠT" not in out
    assert (f"mkdocs.yml:{line_of(repo, 'default_channel')}: default_channel: kênh không có trong cấu hình: "
            f"'chuyen-trag' (có: chuyen-trang)") in err


# --- item 12: min must be a finite number ------------------------------------------------------------------------

@pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", "0", "-1", "1e400", "true", "'1'", "[1]"])
def test_min_must_be_a_finite_positive_number(repo, value):
    repo.write_config(channels=GOOD_CHANNEL.replace("min: 1,", f"min: {value},"))
    code, out, err = check(repo, "--format", "json")
    assert code == 2 and out == ""
    assert f"mkdocs.yml:{line_of(repo, 'target:')}: kênh 'chuyen-trang': min phải là số lớn hơn 0" in err


# --- item 13: unknown keys at every level, with the closest key suggested ---------------------------------------------

@pytest.mark.parametrize("channels, needle, message", [
    (GOOD_CHANNEL + "          untill: 2024-12-31\n", "untill:",
     "khóa không được hỗ trợ trong kênh: 'untill'; có phải ý bạn là 'until'?"),
    (GOOD_CHANNEL.replace("window: 4", "windw: 4"), "windw",
     "khóa không được hỗ trợ trong target: 'windw'; có phải ý bạn là 'window'?"),
])
def test_unknown_key_in_a_channel_or_a_target(repo, channels, needle, message):
    repo.write_config(channels=channels)
    code, out, err = check(repo)
    assert code == 2 and out == ""
    assert f"mkdocs.yml:{line_of(repo, needle)}: {message}" in err


def test_unknown_key_at_the_top_of_the_settings_and_in_a_waiver(repo):
    repo.write_config(waivers="        - {channel: chuyen-trang, period: 2024-W10, reasn: Tết}")
    settings(repo, "      timezon: Asia/Ho_Chi_Minh\n")
    code, _, err = check(repo)
    assert code == 2
    assert f"mkdocs.yml:{line_of(repo, 'timezon:')}: khóa không được hỗ trợ: 'timezon'; có phải ý bạn là 'timezone'?" in err
    assert "khóa không được hỗ trợ trong miễn trừ: 'reasn'; có phải ý bạn là 'reason'?" in err


# --- item 14: a key written twice ----------------------------------------------------------------------------------

def test_duplicate_key_in_the_plugin_settings(repo):
    settings(repo, "      page_size: 10\n      page_size: 20\n")
    code, _, err = check(repo)
    first, second = line_of(repo, "page_size: 10"), line_of(repo, "page_size: 20")
    assert code == 2
    assert f"mkdocs.yml:{second}: khóa 'page_size' xuất hiện hai lần (dòng {first} và dòng {second})" in err


def test_duplicate_key_in_front_matter_is_refused_with_its_line(repo):
    repo.write_config(channels=GOOD_CHANNEL)
    repo.raw("content/bai-viet/hai-ngay.md", """\
        ---
        title: Hai ngày
        date: 2024-05-06
        category: chinh-quyen-so
        date: 2024-05-13
        ---

        Nội dung.
        """)
    code, _, err = check(repo)
    assert code == 2
    assert "content/bai-viet/hai-ngay.md:5: khóa 'date' xuất hiện hai lần (dòng 3 và dòng 5)" in err


@pytest.mark.parametrize("tagged, kind", [("!!timestamp 2024-13-01", "timestamp"), ("!!float abc", "float"),
                                          ("!!int x", "int")])
def test_a_value_not_of_the_type_written_on_it_is_a_problem_on_its_line(repo, tagged, kind):
    """`!!timestamp 2024-13-01` stopped every command with Python's error, in mkdocs.yml or in an article."""
    hint = f"giá trị không đọc được theo kiểu '{kind}' đã ghi cho nó: hãy sửa giá trị, hoặc bỏ thẻ '!!{kind}'"
    repo.write_config(channels=GOOD_CHANNEL)
    good = repo.config.read_text(encoding="utf-8")
    repo.config.write_text(good.replace("site_name:", f"site_description: {tagged}\nsite_name:", 1), encoding="utf-8")
    code, _, err = check(repo)
    assert code == 2 and "Traceback" not in err, err
    assert f"mkdocs.yml:{line_of(repo, 'site_description:')}: {hint}" in err, err
    repo.config.write_text(good, encoding="utf-8")
    repo.article("kieu", "Bài", "2024-05-06", summary=tagged)
    code, _, err = check(repo)
    assert code == 2 and "Traceback" not in err, err
    assert f"content/bai-viet/kieu.md:5: {hint}" in err, err


# --- item 5: alias bombs end in seconds ----------------------------------------------------------------------------

def test_alias_bomb_in_mkdocs_yml_is_refused_quickly(repo):
    settings(repo, "      integrity:\n" + bomb(indent="        "))
    start = time.monotonic()
    for command in ("check", "build"):
        code, _, err = run_cli(command, "-f", repo.config, "--as-of", "2024-05-21")
        assert code == 2 and "khi mở hết các bí danh YAML" in err, err
    assert time.monotonic() - start < 10
    assert not (repo.root / "site").exists()  # refused before MkDocs read the file


def test_alias_bomb_elsewhere_in_mkdocs_yml_is_refused(repo):
    repo.config.write_text(bomb() + repo.config.read_text(encoding="utf-8"), encoding="utf-8")
    code, _, err = check(repo)
    assert code == 2 and "mkdocs.yml:" in err and "bí danh YAML" in err


def test_front_matter_refuses_any_alias(repo):
    repo.write_config(channels=GOOD_CHANNEL)
    repo.raw("content/bai-viet/bom.md", "---\n" + bomb() + "title: &t Bom\nsummary: *t\ndate: 2024-05-06\n"
             "category: chinh-quyen-so\n---\n\nNội dung.\n")
    start = time.monotonic()
    code, _, err = check(repo)
    assert time.monotonic() - start < 10
    assert code == 2 and "content/bai-viet/bom.md:3: không dùng bí danh YAML" in err


def test_plain_alias_in_mkdocs_yml_still_works(repo):
    repo.write_config(channels=GOOD_CHANNEL.replace("target: {", "target: &muc-tieu {") + """\
        - id: bao
          name: Báo
          target: *muc-tieu
          since: 2024-01-01
""")
    code, out, err = check(repo, "--format", "json")
    assert code in (0, 1), err
    assert out.count('"per": "week"') == 2


@pytest.mark.parametrize("text, message", [
    ("a: &a [*a]", "trỏ vào chính giá trị chứa nó"),
    ("a: " + "[" * 500 + "]" * 500, "lồng nhau quá 100 tầng"),
    ("a: " + "[" * 5000 + "]" * 5000, "lồng nhau quá sâu"),
])
def test_self_reference_and_deep_nesting_are_refused(text, message):
    with pytest.raises(Exception) as caught:
        yamlfile.load(text)
    assert isinstance(caught.value, yamlfile.yaml.YAMLError)
    assert message in yamlfile.error_message(caught.value)
    assert yamlfile.error_line(caught.value) == 1


# --- absurd dates -------------------------------------------------------------------------------------------------

def test_absurd_dates_in_the_settings_are_problems_with_their_line(repo):
    repo.write_config(channels=GOOD_CHANNEL.replace("since: 2024-01-01", "since: 0001-01-01")
                      + GOOD_CHANNEL.replace("chuyen-trang", "bao").replace("since: 2024-01-01",
                                                                            "since: 2024-01-01\n          until: 9999-12-31"),
                      as_of="9999-12-31")
    code, _, err = check(repo)
    last = datetime.date.today().year + 5
    assert code == 2 and "Traceback" not in err
    assert f"mkdocs.yml:{line_of(repo, 'as_of:')}: as_of: ngày 31/12/9999 nằm ngoài khoảng hợp lý " \
           f"(từ năm 2000 đến năm {last})" in err
    assert f"mkdocs.yml:{line_of(repo, 'since: 0001')}: kênh 'chuyen-trang': since: ngày 01/01/0001" in err
    assert f"mkdocs.yml:{line_of(repo, 'until: 9999')}: kênh 'bao': until: ngày 31/12/9999" in err


@pytest.mark.parametrize("as_of, message", [
    ("9999-12-31", "nằm ngoài khoảng hợp lý"),
    ("1999-12-31", "nằm ngoài khoảng hợp lý"),
    ("9999-12-31T23:00-05:00", "nằm ngoài lịch"),
])
def test_absurd_as_of_on_the_command_line(repo, as_of, message):
    code, _, err = run_cli("check", "-f", repo.config, "--as-of", as_of)
    assert code == 2 and "--as-of: " in err and message in err


@pytest.mark.parametrize("command", ["check", "build"])
@pytest.mark.parametrize("as_of", ["", "   "])
def test_an_empty_as_of_is_bad_input_not_now(repo, command, as_of):
    """`--as-of "$AS_OF"` with the variable unset in CI must not judge at the moment of the run instead."""
    code, out, err = run_cli(command, "-f", repo.config, "--as-of", as_of)
    assert code == 2 and "--as-of: ngày giờ không đúng dạng" in err and "Traceback" not in err
    assert not (repo.root / "site").exists()


@pytest.mark.parametrize("as_of", [
    "2024-05-19T16:59:59,5+00:00",            # ISO 8601's comma before the fraction
    "2024-05-19T16:59:59.123456789Z",         # nanoseconds, as `date --iso-8601=ns` writes them (with a comma)
    "2024-05-19T16:59:59,123456789+00:00",
])
def test_as_of_with_any_iso_fraction_of_a_second(repo, as_of):
    import json

    code, out, err = run_cli("check", "-f", repo.config, "--as-of", as_of, "--format", "json")
    assert code in (0, 1), err
    assert json.loads(out)["as_of"] == "2024-05-19T23:59:59+07:00"  # Sunday in the site's timezone, not Monday


def test_campaign_dates_and_keys(repo):
    settings(repo, """\
      campaigns:
        - id: ngay-cds
          name: Ngày CĐS
          start: 0001-01-01
          end: 2024-10-10
          slogan: Chuyển đổi số
          tags: cds
""")
    code, _, err = check(repo)
    assert code == 2
    assert f"mkdocs.yml:{line_of(repo, 'start: 0001')}: chiến dịch 'ngay-cds': start: ngày 01/01/0001" in err
    assert f"mkdocs.yml:{line_of(repo, 'tags: cds')}: khóa không được hỗ trợ trong chiến dịch: 'tags'; " \
           "có phải ý bạn là 'tag'?" in err


# --- issue 18: a YAML syntax error says what to do -----------------------------------------------------------------

@pytest.mark.parametrize("front_matter, line, advice", [
    ("title: Hội nghị: chuyển đổi số\ndate: 2024-05-06", 2,
     "hãy đặt cả giá trị trong dấu ngoặc kép, ví dụ title: \"Hội nghị: chuyển đổi số\""),
    ("title: Bài\n\tdate: 2024-05-06", 3, "YAML chỉ thụt lề bằng dấu cách, hãy thay Tab bằng dấu cách"),
    ("title: Bài\ndate:2024-05-06\ncategory: chinh-quyen-so", 4, "thiếu dấu cách sau dấu ':' (viết 'date: ...'"),
    ('title: "Bài\ndate: 2024-05-06', 2, "thiếu dấu ngoặc đóng"),
    ("title: @Bài\ndate: 2024-05-06", 2, "giá trị bắt đầu bằng ký tự đặc biệt"),
    ("title: *Bài*\ndate: 2024-05-06", 2, "dấu '*' ở đầu giá trị là bí danh YAML"),
    ("tags:\n  - a\n - b\ndate: 2024-05-06", 4, "thụt lề không đều"),
    # a value opening like a quoted text or a list with words after it: the whole value quoted, single quotes if needed
    ('title: "Chuyển đổi số" là gì\ndate: 2024-05-06', 2,
     "hãy đặt cả giá trị trong dấu ngoặc kép, ví dụ title: '\"Chuyển đổi số\" là gì'"),
    ("title: [Thông báo] Lịch nghỉ\ndate: 2024-05-06", 2,
     'hãy đặt cả giá trị trong dấu ngoặc kép, ví dụ title: "[Thông báo] Lịch nghỉ"'),
    ("title: 'Bài' hay\ndate: 2024-05-06", 2, "ví dụ title: \"'Bài' hay\""),
    # colons YAML does not see as one: the key's line, not the next one where YAML stops
    ("title\uff1a Bài\ndate: 2024-05-06", 2, "dấu hai chấm '：' là dấu toàn độ rộng"),
    ("category: kinh-te-so\ntitle:\u00a0Bài\ndate: 2024-05-06", 3, "sau dấu ':' là dấu cách không ngắt"),
])
def test_yaml_syntax_errors_name_the_line_and_the_fix(repo, front_matter, line, advice):
    repo.write_config(channels=GOOD_CHANNEL)
    repo.raw("content/bai-viet/loi.md", f"---\n{front_matter}\n---\n\nNội dung.\n")
    code, _, err = check(repo)
    assert code == 2
    problem = next(p for p in err.splitlines() if p.startswith("content/bai-viet/loi.md:"))
    assert problem.startswith(f"content/bai-viet/loi.md:{line}: lỗi cú pháp YAML: "), problem
    assert advice in problem
    assert not any(word in problem for word in ("expected", "found", "mapping", "while", "scalar")), problem


@pytest.mark.parametrize("text", ["a: b: c", "a: [1", "a:\n  - b\n c: d", "a: 'x' y", "- a\nb: c"])
def test_yaml_messages_are_vietnamese_only(text):
    """No English parser text in parentheses: any syntax error reads as Vietnamese advice."""
    with pytest.raises(yaml.YAMLError) as caught:
        yamlfile.load(text)
    message = yamlfile.error_message(caught.value)
    assert message.startswith("lỗi cú pháp YAML: ") or not message.startswith("lỗi"), message
    assert not any(word in message for word in ("expected", "found", "mapping", "while", "scalar", "could not")), message


@pytest.mark.parametrize("value", [".nan", ".inf", "-1", "1.0e+300"])
def test_backdate_tolerance_must_be_a_plausible_number_of_days(repo, value):
    settings(repo, f"      integrity: {{backdate_tolerance_days: {value}}}\n")
    code, _, err = check(repo)
    assert code == 2 and "Traceback" not in err
    assert f"mkdocs.yml:{line_of(repo, 'integrity:')}: integrity: backdate_tolerance_days phải là số ngày" in err


# --- issue 18: front matter values an editor gets wrong are answered with the valid one ----------------------------

@pytest.mark.parametrize("extra, line, message", [
    # a category or a channel near a valid one: the closest id, with the name the site shows
    ("category: kinh te", 4, "chuyên mục không có trong cấu hình: 'kinh te'; có phải ý bạn là 'kinh-te-so' (Kinh tế số)?"),
    ("category: chinh-quyen", 4, "có phải ý bạn là 'chinh-quyen-so' (Chính quyền số)?"),
    ("category: Chính quyền", 4, "có phải ý bạn là 'chinh-quyen-so' (Chính quyền số)?"),
    ("channel: chuyen-trag", 5, "kênh không có trong cấu hình: 'chuyen-trag'; có phải ý bạn là 'chuyen-trang' "
                                "(Chuyên trang)?"),
    # old addresses: a slug or an article's path, in a list
    ("redirect_from: /tin-tuc/bai-cu/", 5, "redirect_from: '/tin-tuc/bai-cu/' không phải địa chỉ cũ của một bài"),
    ("redirect_from:\n  - bai-cu\n  - Bài Cũ", 7, "redirect_from: 'Bài Cũ' không phải địa chỉ cũ của một bài"),
    ("redirect_from: {bai-cu: 1}", 5, "redirect_from phải là danh sách các địa chỉ cũ của bài"),
    ("redirect_from: [bai]", 5, "redirect_from: 'bai' là địa chỉ hiện tại của chính bài này"),
    # YAML syntax in the new key: the line and the fix
    ("redirect_from: [bai-cu", 6, "lỗi cú pháp YAML"),
    ("title: Bài: mới", 2, 'hãy đặt cả giá trị trong dấu ngoặc kép, ví dụ title: "Hội nghị: chuyển đổi số"'),
])
def test_front_matter_values_answered_with_the_valid_one(repo, extra, line, message):
    repo.write_config(channels=GOOD_CHANNEL)
    lines = ["---", "title: Bài", "date: 2024-05-06 09:00", "category: kinh-te-so", extra, "---", "", "Nội dung.", ""]
    if extra.startswith(("category:", "title:")):  # in place of the standard line
        key = extra.split(":")[0]
        lines = [extra if line_.startswith(key + ":") else line_ for line_ in lines[:4]] + lines[5:]
    repo.raw("content/bai-viet/loi.md", "\n".join(lines))
    code, _, err = check(repo)
    assert code == 2, err
    problems = [p for p in err.splitlines() if p.startswith("content/bai-viet/loi.md:")]
    assert any(p.startswith(f"content/bai-viet/loi.md:{line}: ") and message in p for p in problems), problems


@pytest.mark.parametrize("written", ["Kinh tế số", "kinh tế số", "KINH TẾ SỐ", "Kinh-te-so", "kinh_te_so"])
def test_a_category_written_by_its_name_is_accepted_as_its_id(repo, written):
    from generator.core.site import load_site

    repo.write_config(channels=GOOD_CHANNEL)
    repo.article("theo-ten", "Theo tên", "2024-05-06 09:00", category=written)
    site = load_site(repo.config, "2024-05-21")
    assert [a.category for a in site.articles] == ["kinh-te-so"]


# --- issue 18: a title YAML would read as something else is a problem, never published changed --------------------

@pytest.mark.parametrize("written, message", [
    ("title: Tin số #5 hôm nay", 'dấu # bắt đầu phần ghi chú của YAML, phần sau nó bị bỏ: hãy đặt cả tiêu đề trong '
                                 'dấu ngoặc kép, ví dụ: title: "Tin số #5 hôm nay"'),
    ("title: #5 tin hôm nay", "dấu # bắt đầu phần ghi chú của YAML"),
    ("title: yes", 'tiêu đề phải là chữ: hãy đặt trong dấu ngoặc kép, ví dụ: title: "yes"'),
    ("title: 2026", 'tiêu đề phải là chữ: hãy đặt trong dấu ngoặc kép, ví dụ: title: "2026"'),
    ("title: 3.5", 'ví dụ: title: "3.5"'),
    ("title: null", 'tiêu đề phải là chữ: hãy đặt trong dấu ngoặc kép, ví dụ: title: "null"'),
    ("summary: no", 'tóm tắt (summary) phải là chữ: hãy đặt trong dấu ngoặc kép, ví dụ: summary: "no"'),
    ("summary: Tóm tắt #1", "hãy đặt cả tóm tắt (summary) trong dấu ngoặc kép"),
    ("author: 1975", 'tác giả (author) phải là chữ: hãy đặt trong dấu ngoặc kép, ví dụ: author: "1975"'),
    ("author: Ban biên tập\t#2", "dấu # bắt đầu phần ghi chú của YAML"),
])
def test_a_word_yaml_reads_as_something_else_is_a_problem_on_its_line(repo, written, message):
    repo.write_config(channels=GOOD_CHANNEL)
    key = written.split(":")[0]
    lines = ["title: Bài", "date: 2024-05-06 09:00", "category: kinh-te-so"]
    lines = [written if line.startswith(key + ":") else line for line in lines]
    if key not in ("title",):
        lines.append(written)
    front = "\n".join(lines)
    repo.raw("content/bai-viet/loi.md", f"---\n{front}\n---\n\nNội dung.\n")
    code, _, err = check(repo)
    assert code == 2, err
    line = 2 + lines.index(written)
    problems = [p for p in err.splitlines() if p.startswith("content/bai-viet/loi.md:")]
    assert problems and all(p.startswith(f"content/bai-viet/loi.md:{line}: ") for p in problems), problems
    assert message in problems[0], problems
    assert "thiếu tiêu đề" not in err


@pytest.mark.parametrize("written", ['title: "Tin số #5 hôm nay"', "title: 'yes'", 'title: "2026"',
                                     "title: Tin số#5", "title: Bài # ghi chú", "summary: Tóm tắt"])
def test_words_written_as_text_pass_and_the_fast_reader_agrees(repo, written):
    repo.write_config(channels=GOOD_CHANNEL)
    lines = ["title: Bài", "date: 2024-05-06 09:00", "category: kinh-te-so"]
    lines = [written if line.startswith("title:") else line for line in lines] if written.startswith("title:") \
        else lines + [written]
    front = "\n".join(lines)
    repo.raw("content/bai-viet/tot.md", f"---\n{front}\n---\n\nNội dung.\n")
    code, _, err = check(repo)
    expect_problem = written == "title: Bài # ghi chú"
    assert (code == 2) == expect_problem, err
    assert ("content/bai-viet/tot.md:2: dấu # bắt đầu phần ghi chú" in err) == expect_problem, err
    # the fast reader of plain lines and the full parser read the same values
    fast = yamlfile._simple_mapping(front)
    if fast is not None:
        assert fast[0] == yamlfile._Loader(front).get_single_data()
