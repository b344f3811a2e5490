"""What `mkdocs.yml` makes MkDocs read, or put on every page, beyond `content/`: checked before MkDocs runs.

MkDocs reads more than the content folder, and each way could publish what lies outside the project:
- `INHERIT: other.yml` merges another YAML file into the settings;
- `!ENV NAME` puts an environment variable's value into the settings (on CI: the push token, deploy keys);
- `theme: custom_dir:` is copied onto the site file by file, as the theme's own pictures and styles;
- `pymdownx.snippets` pastes any file under its `base_path` into a page (`--8<-- "file"`), reads URLs when told to.
A few settings become addresses on every page (`extra_css`, `extra_javascript`, `theme.favicon`, `theme.logo`,
`extra.social`/`extra.alternate` links): a `javascript:` or `data:` address there runs script on every page.

Rules: every file or folder those settings name lies inside the project (never its `.git`, where CI keeps the push
token), and the links in its folders lead nowhere else (``generator.core.links``); a theme folder or snippet folder
is not the project folder itself (that would hand over `.git` and every input); no `!ENV` (write the value itself);
addresses are http(s) or relative. `!relative` (pymdownx's way to name a folder) is read as MkDocs reads it.
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from generator.core import yamlfile
from generator.core.config import SiteConfig
from generator.core.links import folder_link_problems, inside_project, outside_words
from generator.core.problems import Problem
from generator.core.schema import short
from generator.support.exits import os_reason

SNIPPETS = "pymdownx.snippets"
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_MAX_INHERIT = 10  # files in an INHERIT chain: MkDocs itself would loop forever on a cycle


class _Relative(str):
    """The text of a `!relative` value (``$config_dir/x``, ``$docs_dir``, or empty: the page's own folder)."""


class _Env:
    """Where a `!ENV` stood: refused, its value never looked at."""


class _Loader(yaml.SafeLoader):
    yaml_implicit_resolvers = yamlfile.DATES_AS_TEXT  # as the settings are read: a wrong date is said there, on its line


_Loader.add_constructor("!ENV", lambda loader, node: _Env())
_Loader.add_constructor("!relative", lambda loader, node: _Relative(loader.construct_scalar(node)))


# `!!python/name:material.extensions.emoji.twemoji` and the like: their text, never run, as the settings are read
_Loader.add_multi_constructor("!", yamlfile.unknown_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", yamlfile.unknown_tag)


def reach_problems(config: SiteConfig) -> list[Problem]:
    """Every setting of ``mkdocs.yml`` (and the files it INHERITs) that reaches outside the project or puts a script
    address on the site."""
    root = Path(os.path.realpath(config.root))
    problems: list[Problem] = []
    path, seen = Path(config.config_file), set()
    while path is not None and len(seen) < _MAX_INHERIT:
        seen.add(path)
        path = _one_file(path, root, config, problems, seen)
    return problems


def _one_file(path: Path, root: Path, config: SiteConfig, problems: list[Problem], seen: set) -> Path | None:
    """Check one settings file; return the file it INHERITs, if it is to be read too."""
    shown = config.rel(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
        yamlfile.load(text)  # the same limits as mkdocs.yml itself: no alias bomb, no key twice, not too deep
        data, lines = _read(text, shown, problems)
    except UnicodeDecodeError:
        problems.append(Problem(shown, None, "tệp cấu hình không phải UTF-8"))
        return None
    except OSError as exc:  # said in Vietnamese, as load_config says it (the exception's name is English)
        problems.append(Problem(shown, None, f"không đọc được tệp cấu hình ({os_reason(exc)})"))
        return None
    except yaml.YAMLError as exc:
        problems.append(Problem(shown, yamlfile.error_line(exc), yamlfile.error_message(exc)))
        return None
    if not isinstance(data, dict):
        return None

    def add(keys: tuple, message: str) -> None:
        problems.append(Problem(shown, lines.of(*keys), message))

    theme = data.get("theme")
    if isinstance(theme, dict) and isinstance(theme.get("custom_dir"), str):
        _folder(Path(config.root) / theme["custom_dir"], theme["custom_dir"], root, config, ("theme", "custom_dir"),
                "theme.custom_dir", "MkDocs chép mọi tệp trong thư mục giao diện lên trang", "overrides/", add, problems)
    _addresses(data, add)
    _snippets(data, root, config, add, problems)

    parent = data.get("INHERIT")
    if parent is None:
        return None
    if not isinstance(parent, str) or not parent.strip():
        add(("INHERIT",), "INHERIT phải là đường dẫn tới một tệp YAML trong dự án")
        return None
    target = Path(os.path.realpath(path.parent / parent))
    if not inside_project(target, root):
        add(("INHERIT",), f"INHERIT trỏ {outside_words(target, root)} ('{parent}'): tệp đó sẽ không được đọc; hãy chép "
                          "các cấu hình cần dùng vào mkdocs.yml")
        return None
    if target in seen:
        add(("INHERIT",), f"INHERIT tạo vòng lặp: '{parent}' đã được kế thừa trước đó")
        return None
    return target if target.is_file() else None  # a missing file: MkDocs says so itself


def _read(text: str, shown: str, problems: list[Problem]) -> tuple[object, yamlfile.Lines]:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, yamlfile.Lines({})
        for line in _env_lines(node):
            problems.append(Problem(shown, line, "không dùng !ENV trong cấu hình: giá trị của biến môi trường (trên "
                                                 "máy CI có thể là mã truy cập, khóa bí mật) sẽ bị đăng lên trang; "
                                                 "hãy viết thẳng giá trị vào đây"))
        return loader.construct_document(node), yamlfile.Lines(None, 0, node)
    finally:
        loader.dispose()


def _env_lines(root: yaml.Node) -> list[int]:
    found, todo, seen = [], [root], set()
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag == "!ENV":
            found.append(node.start_mark.line + 1)
        elif isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            todo.extend(v for pair in node.value for v in pair)
    return sorted(found)


def _folder(path: Path, written: str, root: Path, config: SiteConfig, keys: tuple, name: str, why: str, example: str,
            add, problems) -> None:
    """A folder whose every file MkDocs may read and publish: inside the project, not the project itself, and no
    link inside it leading out."""
    real = Path(os.path.realpath(path))
    if not inside_project(real, root):
        add(keys, f"{name} trỏ {outside_words(real, root)} ('{short(written)}'): {why}, nên chỉ được dùng thư mục trong dự án")
    elif real == root:
        add(keys, f"{name} không được là thư mục dự án ('{short(written)}'): {why}, kể cả .git và mọi tệp cấu hình; "
                  f"hãy dùng một thư mục con riêng, ví dụ {example}")
    elif real.is_dir():
        problems.extend(folder_link_problems(real, config))


def _snippets(data: dict, root: Path, config: SiteConfig, add, problems) -> None:
    extensions = data.get("markdown_extensions")
    entries = []
    if isinstance(extensions, dict):
        entries = [(k, v, (k,)) for k, v in extensions.items()]
    elif isinstance(extensions, list):
        for i, e in enumerate(extensions):
            if isinstance(e, str):
                entries.append((e, None, (i,)))
            elif isinstance(e, dict):
                entries += [(k, v, (i, k)) for k, v in e.items()]
    for name, options, at in entries:
        if name != SNIPPETS:
            continue
        options = options if isinstance(options, dict) else {}
        keys = ("markdown_extensions", *at)
        if options.get("url_download") is True:
            add((*keys, "url_download"), f"{SNIPPETS}: url_download: true tải nội dung từ trang khác vào bài lúc "
                                         "build; hãy tắt (url_download: false) và chép nội dung vào dự án")
        if options.get("restrict_base_path") is False:
            add((*keys, "restrict_base_path"), f"{SNIPPETS}: restrict_base_path: false cho phép chèn tệp ở bất cứ "
                                               "đâu trên máy build; hãy bỏ dòng này")
        bases = options.get("base_path", ["."])
        for j, base in enumerate(bases if isinstance(bases, list) else [bases]):
            if not isinstance(base, str):
                continue
            where = (*keys, "base_path", j) if isinstance(bases, list) else (*keys, "base_path")
            _folder(_snippet_base(base, config), base, root, config, where, f"{SNIPPETS}: base_path",
                    "mọi tệp trong đó có thể bị chèn vào bài và đăng lên trang", "base_path: [doan-chen]", add, problems)


def _snippet_base(base: str, config: SiteConfig) -> Path:
    """The folder pymdownx.snippets reads ``base`` as: `!relative` against the config's or the docs folder (bare:
    the page's own folder, inside the docs folder), anything else against the working folder, as pymdownx does."""
    if isinstance(base, _Relative):
        for var, folder in (("$config_dir", config.root), ("$docs_dir", config.content_dir)):
            if base == var or base.startswith(var + "/"):
                return Path(folder) / base[len(var) + 1:]
        return Path(config.content_dir)
    return Path(os.path.abspath(base))


def _addresses(data: dict, add) -> None:
    """The settings that become an address on every page: http(s) or relative, never a script."""
    found: list[tuple[tuple, object]] = []
    for key in ("extra_css", "extra_javascript"):
        items = data.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            found.append(((key, i), item.get("path") if isinstance(item, dict) else item))
    theme = data.get("theme")
    if isinstance(theme, dict):
        found += [(("theme", k), theme.get(k)) for k in ("favicon", "logo")]
    extra = data.get("extra")
    if isinstance(extra, dict):
        for key in ("social", "alternate"):
            items = extra.get(key)
            for i, item in enumerate(items if isinstance(items, list) else []):
                if isinstance(item, dict):
                    found.append((("extra", key, i, "link"), item.get("link")))
        found.append((("extra", "homepage"), extra.get("homepage")))
    for keys, value in found:
        if isinstance(value, str):
            m = _SCHEME.match(re.sub(r"[\x00-\x20\x7f]", "", value))
            if m and m.group(1).lower() not in ("http", "https", "mailto", "tel"):
                label = ".".join(str(k) for k in keys if not isinstance(k, int))
                add(keys, f"{label}: địa chỉ '{short(value)}' không được dùng trên trang (chỉ http(s) hoặc "
                          "đường dẫn tới tệp trong dự án): một địa chỉ 'javascript:', 'data:'... sẽ chạy mã trên "
                          "mọi trang")

