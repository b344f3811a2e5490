"""An article's front matter and body checked: every key, value and image with its line, in Vietnamese. ``validate``
gives the article's fields (``articles`` makes the ``Article``) or the problems found."""
from __future__ import annotations

import difflib
import importlib.util
import os
import re
from urllib.parse import unquote, urlsplit
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path

import yaml

from generator.core import choices, timeutil, yamlfile
from generator.core.config import SLUG_RE, SiteConfig
from generator.core.problems import Problem
from generator.core.redirects import read_redirects
from generator.core.schema import nfc as _text  # the one NFC-and-strip
from generator.core.slugs import article_slug, tag_key

REQUIRED = ("title", "date", "category")
OPTIONAL = ("channel", "summary", "tags", "author", "image", "slug", "draft", "redirect_from")
# Keys Material for MkDocs itself reads on a page; accepted so that theme features keep working.
THEME_KEYS = ("hide", "template", "description", "icon", "status", "search", "subtitle")
KNOWN = REQUIRED + OPTIONAL + THEME_KEYS
# Keys written in Vietnamese ("ngày: 2026-12-07"), as ``choices.fold`` makes them: the key meant.
VIETNAMESE_KEYS = {
    "tieu de": "title", "tieude": "title", "ten bai": "title", "ngay": "date", "ngay dang": "date",
    "thoi gian": "date", "chuyen muc": "category", "chuyenmuc": "category", "danh muc": "category",
    "kenh": "channel", "tom tat": "summary", "mo ta": "summary", "tu khoa": "tags", "the": "tags",
    "tac gia": "author", "nguoi viet": "author", "anh": "image", "hinh": "image", "hinh anh": "image",
    "anh dai dien": "image", "dia chi": "slug", "duong dan": "slug", "nhap": "draft", "ban nhap": "draft",
}
_KNOWN = frozenset(KNOWN)  # looked up for every key of every article
_IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_INLINE_CODE_RE = re.compile(r"(`+).+?\1")
_IMG_TAG_RE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_ALT_RE = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_SRC_RE = re.compile(r"\bsrc\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_ANY_IMAGE_RE = re.compile(r"!\[|<img", re.IGNORECASE)  # what _IMAGE_RE and _IMG_TAG_RE both need
# A link's target as Markdown makes it a link: [text](target), <scheme://target>, [id]: target. Only one whose host
# part holds a bracket is looked at: "https://[::1/x" with its bracket left open stops MkDocs with a traceback.
_BRACKET_HOST_RE = re.compile(r"//[^/\s?#)>\"']*[\[\]]")
_LINK_TARGET_RE = re.compile(r"\]\(\s*<?(?P<a>[^)\s>]+)|<(?P<b>[a-z][a-z0-9+.-]*://[^\s>]+)>|^\s*\[[^\]]+\]:\s*<?(?P<c>\S+?)>?(?:\s|$)",
                             re.IGNORECASE)


# Words an editor writes bare after the key. YAML reads `yes`, `2026` or `null` as a truth value, a number or nothing,
# and ` #` as the start of a comment: the title published would then be "True", "2026" or cut short, with no message.
WORD_KEYS = {"title": "tiêu đề", "summary": "tóm tắt (summary)", "author": "tác giả (author)"}
_COMMENT_RE = re.compile(r"\s#")


def _word_problems(meta: dict, lines, front: str) -> list[tuple[str, str]]:
    """(key, message) for each word key whose value YAML did not read as the text written on its line."""
    found = []
    raw_lines = None
    comments = "#" in front  # without one, only a value YAML read as other than text can be wrong
    for key, label in WORD_KEYS.items():
        if key not in meta:
            continue
        value = meta[key]
        if isinstance(value, str) and not comments:
            continue  # the usual case: text, and no '#' anywhere that could have cut it short
        if raw_lines is None:
            raw_lines = front.split("\n")
        n = lines.of(key)
        raw = raw_lines[n - 2] if n is not None and 2 <= n < len(raw_lines) + 2 else ""
        written = raw.split(":", 1)[1].strip() if ":" in raw else ""
        example = f"ví dụ: {key}: {yamlfile.quoted(written)}"
        if written.startswith("#") or (isinstance(value, str) and written[:1] not in ('"', "'", "|", ">")
                                       and _COMMENT_RE.search(written)):
            found.append((key, f"dấu # bắt đầu phần ghi chú của YAML, phần sau nó bị bỏ: hãy đặt cả {label} "
                               f"trong dấu ngoặc kép, {example}"))
        elif isinstance(value, (bool, int, float)) or (value is None and written not in ("", "|", ">")):
            found.append((key, f"{label} phải là chữ: hãy đặt trong dấu ngoặc kép, {example}"))
    return found


ABSENT = object()  # no key: see validate's err


def validate(rel, path, meta: dict, lines, body: str, body_line: int, config: SiteConfig, src_uri: str | None = None,
              body_utf8: bytes | None = None, front: str = "", bounds: tuple[date, date] | None = None):
    """``body_utf8``: ``body`` as UTF-8 when the caller has it (the file's own bytes); ``bounds``: ``date_bounds(config)``
    when the caller loads many articles and worked them out once."""
    problems: list[Problem] = []

    def err(key, message):
        # ABSENT: a required key missing (its problem stands on the front matter's first line); any other key,
        # `null:`, `0:` or `false:` included, on its own line
        problems.append(Problem(rel, 2 if key is ABSENT else lines.of(key), message))

    words = _word_problems(meta, lines, front)
    for key, message in words:
        err(key, message)

    meant = set()  # required keys an unknown key was taken for: "thiếu tiêu đề" would say that mistake twice
    for key in meta:
        if key not in _KNOWN:
            vietnamese = VIETNAMESE_KEYS.get(choices.fold(key))
            close = [vietnamese] if vietnamese else difflib.get_close_matches(str(key), KNOWN, n=1)
            hint = (f"; tên khóa viết bằng tiếng Anh: có phải ý bạn là '{close[0]}'?" if vietnamese else
                    f"; có phải ý bạn là '{close[0]}'?" if close else "")
            meant.update(close)
            written = "null" if key is None else str(key).lower() if isinstance(key, bool) else key  # as YAML reads
            err(key, f"khóa không được hỗ trợ: '{_shown(written)}'{hint}")
    meta = dict(meta)
    # A key or value holds a control character only if the text does, or a double-quoted escape ("\\u0001") makes one
    plain = "\\" not in front and not _CONTROL_RE.search(front) if front else False
    for key, value in list(meta.items()):
        control = None if plain else control_char(key) or control_char(value)
        if control:
            # they pass into the pages and the RSS feed, which then no longer reads as XML
            err(key, f"'{_shown(key)}' có ký tự điều khiển U+{ord(control):04X} (không nhìn thấy được): hãy xóa nó")
            meta[key] = _CONTROL_RE.sub("", value) if isinstance(value, str) else None  # one problem, not two
        elif key in _TEXT_KEYS and value is not None and not isinstance(value, (str, int, float)):
            err(key, f"{key} phải là một đoạn văn bản, không phải danh sách hay nhóm khóa")
            meta[key] = None
    hide = meta.get("hide")
    if hide is not None and not (isinstance(hide, list) and all(isinstance(h, str) for h in hide)):
        err("hide", "hide phải là danh sách, ví dụ: hide: [navigation, toc]")
    if meta.get("template") not in (None, "") and not _template_ok(meta["template"], config):
        err("template", f"không có khuôn trang (template) '{_shown(meta['template'])}' trong giao diện của trang")

    title = _text(meta.get("title"))
    if not title and not any(key == "title" for key, _ in words) and ("title" in meta or "title" not in meant):
        err("title" if "title" in meta else ABSENT, "thiếu tiêu đề (title)")

    date = None
    if meta.get("date") in (None, ""):
        if "date" in meta or "date" not in meant:
            err("date" if "date" in meta else ABSENT, "thiếu ngày đăng (date), ví dụ: date: 2024-05-06 08:30")
    else:
        try:
            date = timeutil.parse_datetime(meta["date"], config.tz)
        except ValueError as exc:
            err("date", f"ngày đăng sai: {exc}")
        else:
            first, last = bounds or date_bounds(config)
            if not first <= date.date() <= last:
                err("date", f"ngày đăng {date.date().isoformat()} không hợp lý: cần trong khoảng "
                            f"{first.isoformat()} đến {last.isoformat()} (kiểm tra lại năm, có thể gõ nhầm)")
                date = None

    category = _text(meta.get("category"))
    if not category:
        category_options = [(c.id, c.name) for c in config.categories]
        if "category" in meta or "category" not in meant:
            err("category" if "category" in meta else ABSENT,
                f"thiếu chuyên mục (category); chọn một trong: {choices.listed(category_options)}")
    elif not any(c.id == category for c in config.categories):
        # the name as the site shows it ("Kỹ năng số cho người dân"), or the id with other case or diacritics
        category_options = [(c.id, c.name) for c in config.categories]
        found = choices.find(category, category_options)
        if found is None:
            err("category", f"chuyên mục không có trong cấu hình: '{_shown(category)}'"
                             f"{choices.hint(category, category_options)} (có: {choices.listed(category_options)})")
        category = found or category

    channel = config.default_channel
    if "channel" in meta:
        channel = _text(meta.get("channel"))
        channel_options = [(c.id, c.name) for c in config.channels]
        found = channel if channel in (c.id for c in config.channels) else choices.find(channel, channel_options)
        if found is None:
            err("channel", f"kênh không có trong cấu hình: '{_shown(channel)}'{choices.hint(channel, channel_options)}"
                           f" (có: {choices.listed(channel_options) or 'chưa khai báo kênh nào'})")
        channel = found or channel

    slug = ""
    if meta.get("slug") not in (None, ""):
        slug = _text(meta["slug"])
        if len(slug) > MAX_SLUG:
            err("slug", f"slug dài {len(slug)} ký tự: tối đa {MAX_SLUG} (nó là tên thư mục của bài trên trang)")
            slug = ""
        elif not SLUG_RE.match(slug):
            err("slug", f"slug '{_shown(slug)}' chỉ được gồm chữ thường không dấu, số và '-', ví dụ: {article_slug(slug)}")
    elif title:
        slug = article_slug(title, date.date() if date is not None else None)

    if "tags" in meta and meta["tags"] is None and "#" in front:
        n = lines.of("tags")
        raw = front.split("\n")[n - 2] if n is not None and 2 <= n < front.count("\n") + 3 else ""
        written = raw.split(":", 1)[-1].strip()
        if re.match(r"#[^\s#]", written):
            # "tags: #chuyendoiso", as on Facebook: YAML reads a comment, and the article would have no tag at all
            # ("tags:  # chưa có" is a comment, meant as one)
            example = ", ".join(w.lstrip("#") for w in written.split() if w.lstrip("#")) or "chuyển đổi số"
            err("tags", f"dấu # bắt đầu phần ghi chú của YAML nên bài không có từ khóa nào: viết từ khóa không kèm "
                        f"dấu #, ví dụ tags: [{example}]")
    tags_raw = meta.get("tags") or []
    if isinstance(tags_raw, str):
        # "tags: chuyển đổi số, dịch vụ công" is two tags, as the editor meant, not one named with a comma
        tags_raw = tags_raw.split(",")
    if not isinstance(tags_raw, list):
        err("tags", "tags phải là danh sách, ví dụ: tags: [chuyển đổi số, dịch vụ công]")
        tags_raw = []
    elif not all(isinstance(t, (str, int, float)) for t in tags_raw):
        # a list with an empty entry ("- " alone, a trailing comma) or a "key: value" in it: say which entry
        for i, t in enumerate(tags_raw):
            if not isinstance(t, (str, int, float)):
                problems.append(Problem(rel, lines.of("tags", i) or lines.of("tags"),
                                        f"tags: mục thứ {i + 1} " + ("để trống" if t is None else "không phải chữ")
                                        + ": mỗi từ khóa là một đoạn chữ; xóa mục này hoặc điền từ khóa"))
        tags_raw = [t for t in tags_raw if isinstance(t, (str, int, float))]
    by_slug: dict[str, str] = {}  # a tag written twice, two ways ("Dịch vụ công", "dich-vu-cong"), is one tag
    for t in (_text(t) for t in tags_raw):
        key = tag_key(t) if t else ""
        if t and not key:
            err("tags", f"từ khóa '{_shown(t)}' không có chữ hay số nào: không làm được trang /the/…/ của nó")
        elif len(key) > MAX_SLUG:
            err("tags", f"từ khóa '{_shown(t)}' dài quá: tối đa {MAX_SLUG} ký tự khi viết không dấu")
        elif key:
            by_slug.setdefault(key, t)
    tags = tuple(by_slug.values())

    draft = meta.get("draft", False)
    if draft not in (True, False):
        err("draft", f"draft chỉ nhận true hoặc false, không nhận '{_shown(draft)}': ghi 'draft: true' khi bài còn là "
                     "bản nháp (không xuất bản), hoặc xóa dòng này khi bài đã sẵn sàng xuất bản")
        draft = True  # when in doubt, do not publish

    image = _text(meta.get("image"))
    if image and not _image_ok(image, config):
        err("image", f"ảnh '{_shown(image)}' không dùng được: cần một tệp trong thư mục content/ (ví dụ /assets/anh.jpg)")
    elif image and (kind := _raster(config.content_dir / image.lstrip("/"))) is not True:
        err("image", f"ảnh '{_shown(image)}' quá lớn ({kind}): hãy thu nhỏ ảnh (ví dụ còn rộng 2000 điểm ảnh) rồi lưu "
                     "lại" if kind else
                     f"ảnh '{_shown(image)}' phải là ảnh JPEG, PNG hoặc WebP (Facebook, Zalo không hiện ảnh SVG; "
                     "trang làm ảnh nhỏ cho điện thoại từ nó)")

    for key in ("summary", "author"):
        if key in meta and meta[key] is not None and not isinstance(meta[key], (str, int, float, bool)):
            err(key, f"{key} phải là một đoạn văn bản")

    redirects, found = read_redirects(meta.get("redirect_from"),
                                      lambda i: lines.of("redirect_from") if i is None else lines.of("redirect_from", i))
    problems.extend(Problem(rel, line or 2, message) for line, message in found)

    problems.extend(_body_problems(rel, body, body_line, config, path))
    claim = (slug, rel, draft is True, lines.of("slug" if "slug" in meta else "title") or 2, redirects) if slug else None
    if problems or date is None:
        return None, problems, claim
    return dict(
        path=rel,
        src_uri=src_uri or Path(path).relative_to(config.content_dir).as_posix(),
        title=title,
        slug=slug,
        date=date,
        category=category,
        channel=channel,
        given_summary=_text(meta.get("summary")),
        tags=tags,
        author=_text(meta.get("author")),
        image=image,
        draft=bool(draft),
        body_utf8=body.encode("utf-8") if body_utf8 is None else body_utf8,
        body_line=body_line,
        file=str(path),
        redirect_from=tuple(s for s, _ in redirects),
    ), [], claim


def _raster(path: Path) -> bool | str:
    """Whether ``path`` is a JPEG, PNG or WebP picture Pillow reads (its header only: the pixels are read at build);
    for one with more pixels than the build will resize (Pillow refuses it as a decompression bomb), why, in words."""
    from PIL import Image, UnidentifiedImageError  # only for articles with a picture

    try:
        with Image.open(path) as im:
            return im.format in ("JPEG", "PNG", "WEBP") and im.width > 0 and im.height > 0
    except Image.DecompressionBombError:
        return f"hơn {2 * (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000} triệu điểm ảnh"
    except (OSError, UnidentifiedImageError, ValueError):
        return False


def _image_ok(src: str, config: SiteConfig) -> bool:
    if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE) or src.startswith("//"):
        return False  # a picture from another host: a third-party request for every reader
    try:
        target = (config.content_dir / src.lstrip("/")).resolve()
        return target.is_file() and config.content_dir in target.parents
    except (OSError, ValueError):  # a name too long for the system, a NUL
        return False


MAX_SLUG = 100  # a folder name on the site: well under the 255 bytes systems allow
# Front matter keys whose value is one piece of text (Material reads the theme's ones as text too).
TEXT_KEYS = ("title", "category", "channel", "slug", "image", "summary", "author", "template", "description", "icon",
             "status", "subtitle")
_TEXT_KEYS = frozenset(TEXT_KEYS)
# C0 controls but tab and newline (no XML 1.0 document holds them), DEL and the C1 controls, the noncharacters
# U+FFFE/U+FFFF (no XML holds them either) and the line/paragraph separators (a line break no editor sees)
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029]")


def control_char(value: object) -> str | None:
    """The first control character in ``value`` or in the strings it holds (lists, mappings), else None."""
    if isinstance(value, str):
        m = _CONTROL_RE.search(value)
        return m.group() if m else None
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple, set)):
        for v in value:
            found = control_char(v)
            if found:
                return found
    return None


def _shown(value: object, limit: int = 60) -> str:
    """``value`` as text in a message: cut when long, control characters as escapes."""
    text = str(value)
    text = text if len(text) <= limit else text[:limit] + "…"
    return _UNPRINTED_RE.sub(lambda m: m.group().encode("unicode_escape").decode(), text)  # one problem, one line


_UNPRINTED_RE = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]")  # and what splits a line: \n, NEL, U+2028


def date_bounds(config: SiteConfig) -> tuple[date, date]:
    """First and last day an article or a feed item may be dated (see ``timeutil.plausible_days``)."""
    today = datetime.now(config.tz).date()
    if config.as_of_pinned is not None:
        today = max(today, config.as_of_pinned.date())
    return timeutil.plausible_days(min((c.since for c in config.channels), default=None), today)


def _template_ok(name: object, config: SiteConfig) -> bool:
    if not isinstance(name, str) or name.startswith("/") or ".." in name.split("/"):
        return False  # the theme's template loader refuses those too
    return any(os.path.isfile(os.path.join(folder, name)) for folder in _theme_dirs(str(config.config_file)))


@lru_cache(maxsize=4)
def _theme_dirs(config_file: str) -> tuple[str, ...]:
    """Folders MkDocs looks for page templates in: the theme's ``custom_dir``, this package's theme, the theme's own."""
    try:
        with open(config_file, encoding="utf-8") as fh:
            data, _ = yamlfile.load(fh.read())
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        data = None
    theme = data.get("theme") if isinstance(data, dict) else None
    theme = theme if isinstance(theme, dict) else {"name": theme}
    dirs = [str(Path(__file__).parents[1] / "mkdocs_adapter" / "theme")]  # this package's overrides (files, not code)
    if isinstance(theme.get("custom_dir"), str):
        dirs.insert(0, os.path.join(os.path.dirname(config_file), theme["custom_dir"]))
    # The installed theme's own templates, found as files without importing the generator (the core runs without
    # it): a theme package keeps them in its "templates" folder (Material: material/templates).
    name = str(theme.get("name") or "mkdocs")
    spec = importlib.util.find_spec(name) if name.isidentifier() else None
    if spec is not None and spec.submodule_search_locations:
        dirs += [os.path.join(loc, "templates") for loc in spec.submodule_search_locations]
    return tuple(dirs)


def _body_problems(rel: str, body: str, body_line: int, config: SiteConfig, path: Path) -> list[Problem]:
    problems: list[Problem] = _link_problems(rel, body, body_line) if _BRACKET_HOST_RE.search(body) else []
    if links_to_files(body):
        problems.extend(_missing_link_targets(rel, body, body_line, config, path))
    if "![" not in body and ("<" not in body or not _ANY_IMAGE_RE.search(body)):
        return problems  # the usual case: nothing below can match
    for n, line in _prose_lines(body, body_line):
        for m in _IMAGE_RE.finditer(line):
            src = m["src"]
            if not m["alt"].strip():
                problems.append(Problem(rel, n, f"ảnh '{src}' thiếu lời mô tả (alt): viết ![mô tả ảnh]({src})"))
            problems.extend(_image_source_problem(rel, n, src, config, path))
        for m in _IMG_TAG_RE.finditer(line):
            alt = _ALT_RE.search(m["attrs"])
            src_m = _SRC_RE.search(m["attrs"])
            src = src_m.group(1).strip("\"'") if src_m else ""
            if not alt or not alt.group(1).strip("\"'").strip():
                problems.append(Problem(rel, n, f"thẻ <img> '{src}' thiếu lời mô tả (alt=\"...\")"))
            if src:
                problems.extend(_image_source_problem(rel, n, src, config, path))
    return problems


def _prose_lines(body: str, body_line: int):
    """(line number, text) of the body's lines outside fenced code, inline code taken out: what Markdown reads as
    links and images."""
    in_code = False
    for n, line in enumerate(body.split("\n"), body_line):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if not in_code:
            yield n, _INLINE_CODE_RE.sub("", line)


def _link_problems(rel: str, body: str, body_line: int) -> list[Problem]:
    problems = []
    for n, line in _prose_lines(body, body_line):
        for m in _LINK_TARGET_RE.finditer(line):
            target = m["a"] or m["b"] or m["c"]
            try:
                urlsplit(target)
            except ValueError:
                problems.append(Problem(rel, n, f"liên kết '{_shown(target)}' không đọc được: dấu ngoặc [ ] trong "
                                                "địa chỉ chỉ dùng cho địa chỉ IPv6 và phải đủ cặp, ví dụ "
                                                "https://[2001:db8::1]/"))
    return problems


# A link (not an image) to a file of the site by its relative path, "[x](../2026/ten-bai.md)": what MkDocs turns into
# the other page's address, inline or as a reference definition ("[x]: ../2026/ten-bai.md"). Looked for in the whole
# body first: most articles hold none. Two patterns, each tried only when its "](" or "]:" is there: as one
# alternation they were tried at every character of every article, most of the time `check` spent on bodies.
_RELATIVE_FILE_LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?(?![a-z][a-z0-9+.-]*:|/|#)[^)\s>]*\.[a-z0-9]+[)\s>#?]",
                                    re.IGNORECASE)
_RELATIVE_FILE_REFERENCE_RE = re.compile(r"^\s*\[[^\]]+\]:\s*<?(?![a-z][a-z0-9+.-]*:|/|#)\S*\.[a-z0-9]+(?:[>\s#?]|$)",
                                         re.IGNORECASE | re.MULTILINE)
_LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?(?P<a>[^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(?P<c>[^\s>]+)")


def _near_miss(target: Path, name: str, config: SiteConfig, link_from: Path | None = None) -> str:
    """The file an editor most likely meant, said as the fix: the same name in other letter case (the site's server
    tells 'Anh.JPG' from 'anh.jpg'), or a path from content/ written as if from the article's folder. ``link_from``:
    the article's folder, for a link (MkDocs follows only a link written from there, an image also from '/')."""
    try:
        if not name.startswith("/") and (config.content_dir / name).is_file():
            if link_from is not None:
                return (f"; đường dẫn tính từ thư mục của bài: viết "
                        f"{_shown(os.path.relpath(config.content_dir / name, link_from))}")
            return f"; tệp trong thư mục content/ viết bắt đầu bằng '/': /{_shown(name)}"
        folder = os.path.normpath(target.parent)
        if os.path.isdir(folder):
            same = [f for f in os.listdir(folder) if f.lower() == target.name.lower() and f != target.name]
            if same:
                return (f"; tên tệp phân biệt chữ hoa, chữ thường: tệp có tên là '{_shown(same[0])}', hãy viết đúng "
                        "như vậy")
    except (OSError, ValueError):
        pass
    return ""


def links_to_files(body: str) -> bool:
    """Whether ``body`` may link to a file of the site by its path: its check must be made again when files come or
    go (the preview keeps an unchanged article's read)."""
    return ("](" in body and _RELATIVE_FILE_LINK_RE.search(body) is not None
            or "]:" in body and _RELATIVE_FILE_REFERENCE_RE.search(body) is not None)


def _missing_link_targets(rel: str, body: str, body_line: int, config: SiteConfig, path: Path) -> list[Problem]:
    """A relative link to a file (another article's .md, a PDF) that is not in content/: MkDocs would only warn,
    without a line, and publish a link that leads nowhere."""
    problems = []
    content = config.content_dir.resolve()
    for n, line in _prose_lines(body, body_line):
        for m in _LINK_RE.finditer(line):
            target = m["a"] or m["c"]
            try:
                parts = urlsplit(target)
            except ValueError:
                continue  # said by _link_problems
            name = unquote(parts.path)
            if parts.scheme or parts.netloc or not name or name.startswith("/") or "." not in name.rsplit("/", 1)[-1]:
                continue  # another site, the site's own address, a section of this page, a folder-style address
            wanted = os.path.normpath(Path(path).parent / name)
            try:
                found = Path(wanted).resolve()
                ok = found.is_file() and content in found.parents
            except (OSError, ValueError):  # a name too long for the system, a NUL
                ok = False
            if not ok:
                near = _near_miss(Path(wanted), name, config, Path(path).parent)
                problems.append(Problem(rel, n, f"liên kết '{_shown(target)}' hỏng: không có tệp "
                                                f"{_shown(config.rel(Path(wanted)))}" + (near or
                                                ". Kiểm tra tên tệp; liên kết tới bài khác viết bằng đường dẫn tương "
                                                "đối tới tệp .md của bài, ví dụ [tên bài](../2026/ten-bai.md)")))
    return problems


_ON_A_COMPUTER_RE = re.compile(r"^(?:[a-z]:[\\/]|file:|\\\\)|\\", re.IGNORECASE)  # C:\..., file:///..., \\may\...


def _image_source_problem(rel, n, src, config: SiteConfig, path: Path) -> list[Problem]:
    if _ON_A_COMPUTER_RE.search(src):
        name = re.split(r"[\\/]", src)[-1] or "anh.jpg"
        return [Problem(rel, n, f"ảnh '{_shown(src)}' là một tệp trên máy tính của bạn, trang web không lấy được: chép "
                                f"ảnh vào thư mục content/assets/ rồi viết ![mô tả ảnh](/assets/{_shown(name)})")]
    if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE) or src.startswith("//"):
        return [Problem(rel, n, f"ảnh '{src}' lấy từ trang khác: hãy tải ảnh vào thư mục content/ rồi dẫn tới tệp đó")]
    try:
        name = unquote(urlsplit(src).path) or src  # "/assets/anh%20hop.jpg" is the file "anh hop.jpg"
    except ValueError:
        name = src
    target = (config.content_dir / name.lstrip("/")) if name.startswith("/") else (Path(path).parent / name)
    try:
        found = target.resolve().is_file()
    except (OSError, ValueError):  # a name too long for the system, a NUL
        found = False
    if not found:
        return [Problem(rel, n, f"không tìm thấy tệp ảnh '{_shown(src)}'{_near_miss(target, name, config)}")]
    try:
        size = target.stat().st_size
    except OSError:
        size = 0
    if size > MAX_BODY_PICTURE_BYTES:
        weight = f"{size / 1_000_000:.1f}".replace(".", ",")
        return [Problem(rel, n, f"ảnh '{_shown(src)}' nặng {weight} MB: ảnh trong bài được đăng nguyên tệp, người "
                                "đọc trên điện thoại phải tải hết; hãy thu nhỏ ảnh (rộng khoảng 1600 điểm ảnh, lưu "
                                f"dạng JPEG) cho nhẹ dưới {MAX_BODY_PICTURE_BYTES // 1_000_000} MB rồi lưu lại")]
    return []


# A picture in the body is published as it is (only ``image:`` is resized): a phone's photo weighs many times a whole
# article's page (README, Citizens).
MAX_BODY_PICTURE_BYTES = 1_000_000
