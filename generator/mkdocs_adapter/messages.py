"""MkDocs' messages in Vietnamese for editors: the usual link warnings of an article and the usual mistakes in
mkdocs.yml (a theme, a Markdown extension or a plugin misspelt), each with its file; any other message is shown as
MkDocs wrote it, said to be MkDocs' English. No MkDocs import: these are its texts only."""
from __future__ import annotations

import difflib
import re

from generator.core import yamlfile
from generator.core.problems import Problem

ENGLISH = "Thông báo của MkDocs (tiếng Anh): "

_NOT_FOUND = re.compile(r"Doc file '(?P<f>[^']*)' contains a link '(?P<l>[^']*)', but the target(?: '(?P<t>[^']*)')? "
                        r"is not found among documentation files\.")
_ANCHOR = re.compile(r"Doc file '(?P<f>[^']*)' contains a link '(?P<l>[^']*)', but the doc '(?P<t>[^']*)' does not "
                     r"contain an anchor '(?P<a>[^']*)'\.")
_OWN_ANCHOR = re.compile(r"Doc file '(?P<f>[^']*)' contains a link '(?P<l>[^']*)', but there is no such anchor on "
                         r"this page\.")
_ABSOLUTE = re.compile(r"Doc file '(?P<f>[^']*)' contains an absolute link '(?P<l>[^']*)', it was left as is\.")
_UNRECOGNIZED = re.compile(r"Doc file '(?P<f>[^']*)' contains an unrecognized relative link '(?P<l>[^']*)', it was "
                           r"left as is\.")


def warning(message: str, content: str = "content", withheld: frozenset[str] = frozenset()) -> str:
    """One of MkDocs' warnings as a line for the editor; ``content``: the content folder as the editor knows it;
    ``withheld``: the drafts and scheduled articles (their paths in it), left out of the site though their file is
    there."""
    first = message.splitlines()[0] if message else ""
    m = _NOT_FOUND.match(first)
    if m:
        target = m["t"] or m["l"].lstrip("/")
        if target in withheld:
            return (f"{content}/{m['f']}: liên kết '{m['l']}' trỏ tới bài {content}/{target}, bài này chưa được "
                    "xuất bản (bản nháp hoặc hẹn giờ): trên trang, liên kết sẽ không dẫn tới đâu cho tới khi bài đó "
                    "được đăng")
        return (f"{content}/{m['f']}: liên kết '{m['l']}' trỏ tới '{target}', nhưng không có tệp đó trong {content}/ "
                "(kiểm tra tên tệp hoặc đường dẫn)")
    m = _ANCHOR.match(first)
    if m:
        return (f"{content}/{m['f']}: liên kết '{m['l']}' trỏ tới mục '{m['a']}', nhưng trang {content}/{m['t']} "
                "không có mục đó (kiểm tra tên mục, viết thường, nối bằng dấu '-')")
    m = _OWN_ANCHOR.match(first)
    if m:
        return f"{content}/{m['f']}: liên kết '{m['l']}' trỏ tới một mục không có trên chính trang này"
    m = _ABSOLUTE.match(first)
    if m:
        return (f"{content}/{m['f']}: liên kết '{m['l']}' bắt đầu bằng '/' nên không được kiểm tra và được giữ "
                "nguyên: nên trỏ tới tệp .md bằng đường dẫn tương đối, ví dụ ../bai-viet/ten-bai.md")
    m = _UNRECOGNIZED.match(first)
    if m:
        return (f"{content}/{m['f']}: liên kết '{m['l']}' không trỏ tới tệp nào nên được giữ nguyên: hãy trỏ tới "
                "tệp .md, ví dụ ../bai-viet/ten-bai.md")
    return ENGLISH + message


_CONFIG_VALUE = re.compile(r"Config value '(?P<key>[^']*)': (?P<error>.*)", re.S)
_THEME = re.compile(r"Unrecognised theme name: '(?P<name>[^']*)'\. The available installed themes are: (?P<all>.*)")
_EXTENSION = re.compile(r"Failed to load extension '(?P<name>[^']*)'")
_EXTENSION_NAME = re.compile(r"'(?P<name>[^']*)' is not a valid Markdown Extension name")
_PLUGIN = re.compile(r'The "(?P<name>[^"]*)" plugin is not installed')


def config_errors(messages: list[str], config_file, name: str) -> list[Problem]:
    """MkDocs' "Config value 'KEY': ERROR" lines as problems of mkdocs.yml, on the line of the value at fault."""
    try:
        with open(config_file, encoding="utf-8") as fh:
            data, lines = yamlfile.load(fh.read())
    except (OSError, UnicodeDecodeError, yamlfile.yaml.YAMLError):
        data, lines = {}, yamlfile.Lines({})
    data = data if isinstance(data, dict) else {}
    problems = []
    for message in messages:
        m = _CONFIG_VALUE.match(message)
        if m is None:
            continue
        key, error = m["key"], m["error"]
        text, line = f"{key}: {ENGLISH}{error.splitlines()[0]}", lines.of(key)
        if (t := _THEME.match(error)):
            text = _no_theme(t["name"], [x.strip() for x in t["all"].split(",") if x.strip()])
            line = _theme_line(data, lines)
        elif (e := _EXTENSION.match(error) or _EXTENSION_NAME.match(error)):
            text = (f"markdown_extensions: không nạp được phần mở rộng Markdown '{e['name']}' "
                    "(sai tên, hoặc gói của nó chưa được cài)")
            line = _item_line(data, lines, key, e["name"])
        elif (p := _PLUGIN.match(error)):
            text = f"plugins: không có plugin '{p['name']}' (sai tên, hoặc gói của nó chưa được cài)"
            line = _item_line(data, lines, key, p["name"])
        problems.append(Problem(name, line, text))
    return problems


def theme_problems(config_file, name: str) -> list[Problem]:
    """A theme in mkdocs.yml that is not installed, found before MkDocs is run (so `check` says it too, not only a
    build), in the words of the build's own message. Material, the theme this program is made for, comes with it
    (a dependency): only another name is looked up among the installed themes."""
    try:
        with open(config_file, encoding="utf-8-sig") as fh:
            data, lines = yamlfile.load(fh.read())
    except (OSError, UnicodeDecodeError, yamlfile.yaml.YAMLError):
        return []  # said by the config's own reading
    theme = data.get("theme") if isinstance(data, dict) else None
    chosen = theme.get("name") if isinstance(theme, dict) else theme
    if not isinstance(chosen, str) or chosen == "material":
        return []
    from importlib.metadata import entry_points  # only here: its import is a noticeable part of a quick check

    known = [e.name for e in entry_points(group="mkdocs.themes")]
    if chosen in known:
        return []
    return [Problem(name, _theme_line(data, lines), _no_theme(chosen, known))]


def _no_theme(chosen: str, known: list[str]) -> str:
    near = difflib.get_close_matches(chosen, known, n=1)
    return (f"theme: không có giao diện '{chosen}' (có: {', '.join(known)})"
            + (f"; có phải ý bạn là '{near[0]}'?" if near else ""))


def _theme_line(data: dict, lines: yamlfile.Lines) -> int | None:
    return lines.of("theme", "name") if isinstance(data.get("theme"), dict) else lines.of("theme")


def _item_line(data: dict, lines: yamlfile.Lines, key: str, name: str) -> int | None:
    """The line of the list item ``name`` (written `- name` or `- name: {...}`) under ``key``."""
    items = data.get(key)
    if isinstance(items, list):
        for i, item in enumerate(items):
            if item == name or (isinstance(item, dict) and name in item):
                return lines.of(key, i)
    return lines.of(key)


_SNIPPET = re.compile(r"Snippet at path '(?P<path>[^']*)' could not be found")


def page_error(exc: Exception, page, shown: str) -> Problem:
    """A Markdown extension's error on one page (``page``: its file; ``shown``: as the editor knows it), on the line
    it names where one can be found."""
    m = _SNIPPET.match(str(exc))
    if m:
        return Problem(shown, _line_holding(page, m["path"]),
                       f"không tìm thấy tệp chèn '{m['path']}' (--8<--) trong thư mục base_path của pymdownx.snippets: "
                       "kiểm tra tên tệp, hoặc chép tệp vào thư mục đó")
    return Problem(shown, None, f"MkDocs không dựng được trang: {ENGLISH}{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}")


def _line_holding(page, text: str) -> int | None:
    try:
        lines = page.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return None
    return next((i for i, line in enumerate(lines, 1) if "--8<--" in line and text in line), None) or \
        next((i for i, line in enumerate(lines, 1) if text in line), None)
