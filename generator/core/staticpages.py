"""Plain pages: ``content/trang/*.md`` (Giới thiệu, Liên hệ, an English contact page...). Read and validated like
articles (``title`` required, unknown keys refused with the closest key, every problem with its line), but they
have no date, category or channel: never counted, never in the listings, the weeks or the feed; they are in the
footer, the site map, the sitemap and the search.

Front matter::

    ---
    title: Giới thiệu            # required
    description: ...            # optional: the search result's and the sharing card's text
    lang: en                    # optional: vi (default) or en; the page's text is marked with it
    order: 1                    # optional: place in the footer's list (smaller first; then by title)
    ---

The page is published at ``/trang/<file name>/`` (``content/trang/lien-he.md`` -> ``/trang/lien-he/``).
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.core import yamlfile
from generator.core.articles import PAGES_FOLDER, markdown_files, split_front_matter
from generator.core.frontmatter import THEME_KEYS
from generator.core.config import SLUG_RE, SiteConfig
from generator.core.problems import Problem
from generator.core.schema import nfc as _text  # the one NFC-and-strip
from generator.support.exits import os_reason

KEYS = ("title", "description", "lang", "order") + tuple(k for k in THEME_KEYS if k != "description")
LANGS = {"vi": "tiếng Việt", "en": "tiếng Anh"}
ARTICLE_ONLY = ("date", "category", "channel", "tags", "draft", "summary", "author", "image", "slug")


@dataclass(frozen=True)
class StaticPage:
    path: str  # as editors see it: content/trang/lien-he.md
    src_uri: str  # relative to the content folder: trang/lien-he.md
    title: str
    description: str
    lang: str  # "vi" or "en"
    order: int
    body: str  # the Markdown, for the search index

    @property
    def url(self) -> str:
        """Where MkDocs publishes it: ``trang/lien-he/`` (``trang/index.md``: ``trang/``)."""
        stem = self.src_uri[:-len(".md")]
        return (stem[:-len("index")] if stem.endswith("/index") else stem + "/")


def load_pages(config: SiteConfig) -> tuple[tuple[StaticPage, ...], list[Problem]]:
    """Every page of ``content/trang/``, in footer order, and every problem found in them."""
    folder = config.content_dir / PAGES_FOLDER
    if not folder.is_dir():
        return (), []
    pages: list[StaticPage] = []
    problems: list[Problem] = []
    shown = config.rel(config.content_dir)
    shown = "" if shown in ("", ".") else shown + "/"
    for name in markdown_files(folder):
        src = f"{PAGES_FOLDER}/{name}"
        page, found = _read(folder / name, src, shown + src)
        problems += found
        if page is not None:
            pages.append(page)
    pages.sort(key=lambda p: (p.order, p.title, p.src_uri))
    return tuple(pages), problems


def _read(path: Path, src: str, rel: str) -> tuple[StaticPage | None, list[Problem]]:
    problems: list[Problem] = []
    for part in src[:-len(".md")].split("/")[1:]:
        if not SLUG_RE.match(part):
            problems.append(Problem(rel, None, f"tên '{part}' là một phần địa chỉ trang: chỉ dùng chữ thường không "
                                               "dấu, số và '-', ví dụ lien-he.md"))
    try:
        text = unicodedata.normalize("NFC", path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n"))
    except UnicodeDecodeError:
        return None, [*problems, Problem(rel, None, "tệp không phải văn bản UTF-8: hãy lưu lại với bảng mã UTF-8")]
    except OSError as exc:
        return None, [*problems, Problem(rel, None, f"không đọc được tệp ({os_reason(exc)})")]
    fm, body, body_line = split_front_matter(text)
    if fm is None:
        return None, [*problems, Problem(rel, 1, "thiếu phần thông tin đầu trang (front matter): tệp phải bắt đầu "
                                                 "bằng dòng '---', rồi 'title: ...', rồi '---'")]
    if body_line == -1:
        return None, [*problems, Problem(rel, 1, "phần thông tin đầu trang chưa được đóng bằng dòng '---'")]
    try:
        meta, lines = yamlfile.load(fm, line_offset=1, aliases=False)
    except yaml.YAMLError as exc:
        return None, [*problems, Problem(rel, yamlfile.error_line(exc, 1), yamlfile.error_message(exc))]
    meta = {} if meta is None else meta
    if not isinstance(meta, dict):
        return None, [*problems, Problem(rel, 2, "phần thông tin đầu trang phải gồm các dòng 'khóa: giá trị'")]

    def err(key, message):
        problems.append(Problem(rel, lines.of(key) if key is not None else 2, message))

    for key in meta:
        if key in ARTICLE_ONLY:
            err(key, f"'{key}' chỉ dùng cho bài viết; trang trong {PAGES_FOLDER}/ không có ngày đăng, chuyên mục, "
                     f"không được tính vào chỉ tiêu: hãy xóa dòng này (hoặc chuyển tệp sang thư mục bài viết)")
        elif key not in KEYS:
            close = difflib.get_close_matches(str(key), KEYS, n=1)
            hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
            err(key, f"khóa không được hỗ trợ: '{str(key)[:60]}'{hint} (có thể dùng: {', '.join(KEYS[:4])})")
    for key in ("title", "description"):
        if meta.get(key) is not None and not isinstance(meta[key], (str, int, float)):
            err(key, f"{key} phải là một đoạn văn bản")
            meta[key] = None
    title = _text(meta.get("title"))
    if not title:
        err("title" if "title" in meta else None, "thiếu tiêu đề (title)")
    lang = _text(meta.get("lang")) or "vi"
    if lang not in LANGS:
        err("lang", f"lang '{lang[:20]}' không được hỗ trợ: dùng " + ", ".join(f"{k} ({v})" for k, v in LANGS.items()))
    order = meta.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        err("order", "order phải là một số nguyên, ví dụ: order: 1")
        order = 100
    if problems:
        return None, problems
    return StaticPage(rel, src, title, _text(meta.get("description")), lang, order, body), []
