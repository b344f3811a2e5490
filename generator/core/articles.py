"""Editors' articles: ``content/**/*.md`` read, front matter validated, every problem collected with its line."""
from __future__ import annotations

import difflib
import importlib.util
import os
import re
import unicodedata
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from datetime import date, datetime
from pathlib import Path

import yaml
from slugify import slugify, smart_truncate

from generator.core import choices, timeutil, yamlfile
from generator.core.config import SLUG_RE, SiteConfig
from generator.support.parallel import Map, serial_map
from generator.core.problems import Problem
from generator.core.schema import nfc as _text  # the one NFC-and-strip
from generator.core.redirects import clash_problems, read_redirects

REQUIRED = ("title", "date", "category")
OPTIONAL = ("channel", "summary", "tags", "author", "image", "slug", "draft", "redirect_from")
# Keys Material for MkDocs itself reads on a page; accepted so that theme features keep working.
THEME_KEYS = ("hide", "template", "description", "icon", "status", "search", "subtitle")
KNOWN = REQUIRED + OPTIONAL + THEME_KEYS
_IMAGE_RE = re.compile(r"!\[(?P<alt>[^\]]*)\]\(\s*<?(?P<src>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_INLINE_CODE_RE = re.compile(r"(`+).+?\1")
_IMG_TAG_RE = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
_ALT_RE = re.compile(r"\balt\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)
_SRC_RE = re.compile(r"\bsrc\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s>]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    path: str  # as editors see it: relative to the site repository, e.g. content/bai-viet/x.md
    src_uri: str  # relative to the content folder, as MkDocs names the file
    title: str
    slug: str
    date: datetime  # aware, in the site's timezone
    category: str
    channel: str
    given_summary: str  # the front matter's `summary:`, or "" (then `summary` is the body's first paragraph)
    tags: tuple[str, ...]
    author: str
    image: str
    draft: bool
    # The Markdown body (NFC) as UTF-8, or None in an article that was pickled (sent back by a worker of
    # load_articles, see __reduce__): ``body`` then reads the file again.
    body_utf8: bytes | None = field(compare=False)
    body_line: int  # line of the file where the Markdown body starts
    file: str = field(compare=False)  # the file read, as opened
    redirect_from: tuple[str, ...] = ()  # old slugs of the article, each kept alive by a redirect page

    @cached_property
    def body(self) -> str:
        """The Markdown body, decoded when first asked for (``chuyentrang check`` never asks)."""
        if self.body_utf8 is None:
            return read_body(self.file)
        return self.body_utf8.decode("utf-8")

    @cached_property
    def summary(self) -> str:
        """``summary:`` from the front matter, else the first paragraph as plain text; made when first asked for
        (``chuyentrang check`` never asks), or by the child process that read the article."""
        if self.given_summary:
            return self.given_summary
        # Not through ``body``, which would keep every article's decoded text from the load on beside its bytes.
        return excerpt(self.body_utf8.decode("utf-8") if self.body_utf8 is not None else read_body(self.file))

    @property
    def url(self) -> str:
        """Site-relative URL without leading slash, e.g. ``bai-viet/<slug>/``."""
        return f"bai-viet/{self.slug}/"

    @property
    def id(self) -> str:
        return f"bai-viet/{self.slug}"

    def __reduce__(self):
        # Pickled (a worker of load_articles sends its articles back) as a plain tuple of the fields, half the cost
        # of the default, with the summary when made instead of the body: the bodies are most of what would be sent.
        return _article_of, (tuple(getattr(self, f) for f in _SENT), self.__dict__.get("summary"))


_FIELDS = tuple(f.name for f in fields(Article))
_SENT = tuple(f for f in _FIELDS if f != "body_utf8")


def _article_of(values: tuple, summary: str | None) -> Article:
    article = object.__new__(Article)
    # what unpickling does, without a dict of field names per article
    article.__dict__.update(zip(_SENT, values), body_utf8=None)
    if summary is not None:
        article.__dict__["summary"] = summary
    return article



def read_body(file: str) -> str:
    """The Markdown body of the article file ``file``, as ``load_articles`` reads it (NFC, plain line ends)."""
    with open(file, "rb") as fh:
        text = fh.read().decode("utf-8-sig")
    return split_front_matter(_normalised(text))[1]


def _normalised(text: str) -> str:
    """An article file's text as it is read: NFC, plain line ends."""
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


_NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")
_DIGIT_COMMA_RE = re.compile(r"\d,\d")


SLUG_LENGTH = 80  # a slug made from a title is cut to this many characters, at the end of a phrase (below)
# Slugs made from titles are cut at the end of a phrase of the title from this day on; an article dated before it
# keeps the slug it was published under (cut after any syllable, "…dinh-danh-dien"): a URL once published stays.
PHRASE_CUT_SINCE = date(2026, 12, 1)


def article_slug(title: str, published: date | None = None) -> str:
    """The slug made from ``title``: ASCII, at most SLUG_LENGTH characters. A long title is cut at the end of one of
    its phrases (a punctuation mark, or before a word such as "trên", "của" that starts a new one), so that a slug
    never ends in half a word ("định danh điện tử" is two syllables). An article ``published`` before
    PHRASE_CUT_SINCE keeps the old cut, after any syllable."""
    if published is not None and published < PHRASE_CUT_SINCE:
        return _slug(title, SLUG_LENGTH) or "bai-viet"
    full = _slug(title, 0)
    if len(full) <= SLUG_LENGTH:
        return full or "bai-viet"
    best = ""
    for m in _PHRASE_END_RE.finditer(title):
        head = _slug(title[:m.start()], 0)
        if len(head) > SLUG_LENGTH:
            break
        best = head
    if len(best) >= MIN_PHRASE_SLUG:
        return best
    return _slug(title, SLUG_LENGTH) or "bai-viet"  # one long phrase: cut after a syllable, as before


MIN_PHRASE_SLUG = 30  # a shorter head says too little: better a slug cut after a syllable
# Where a phrase of a title ends: a punctuation mark (a "." or "/" only before a space: not "2/9", "4.0"), a dash
# between spaces, or the space before a word that starts a new phrase.
_PHRASE_END_RE = re.compile(
    r"\s*(?:[:;,!?…–—()\[\]{}\"“”«»]|[./](?=\s)|\s-(?=\s))"
    r"|\s+(?=(?:trên|của|cho|với|và|ở|tại|để|từ|đến|bằng|qua|trong|sau|khi|theo|nhằm|giúp)(?:\s|$))",
    re.IGNORECASE)


def _slug(title: str, max_length: int) -> str:
    text = title.translate(_ascii_letters())
    if text.isascii() and "&" not in text and not _DIGIT_COMMA_RE.search(text):
        # What slugify makes of plain ASCII text (no entities to decode, no digit groups "1,5" to join), without its
        # dozen passes: every run of other characters a "-". Tested against slugify.
        return smart_truncate(_NOT_SLUG_RE.sub("-", text.lower()).strip("-"), max_length, True, "-")
    return slugify(text, max_length=max_length, word_boundary=True)


_VI_LETTERS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"


@lru_cache(maxsize=1)
def _ascii_letters() -> dict[int, str]:
    """Vietnamese letters mapped to what slugify's transliteration makes of them, checked against slugify itself:
    slugify is much faster on ASCII text, and 10,000 titles are slugified on every check."""
    table = {}
    for ch in _VI_LETTERS + _VI_LETTERS.upper():
        plain = unicodedata.normalize("NFD", ch)[0].replace("đ", "d").replace("Đ", "D")
        if plain.isascii() and slugify(f"x{ch}x") == slugify(f"x{plain}x"):
            table[ord(ch)] = plain
    return table


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Return (front matter text or None, body, line number where the body starts)."""
    end = text.find("\n")
    if (text if end < 0 else text[:end]).rstrip() != "---":
        return None, text, 1
    if end < 0:
        return "", "", -1
    start = pos = end + 1  # the front matter's first line; the body is not split into lines
    n = 1
    while True:
        end = text.find("\n", pos)
        line = text[pos:] if end < 0 else text[pos:end]
        if line.rstrip() in ("---", "..."):
            return text[start:max(start, pos - 1)], "" if end < 0 else text[end + 1:], n + 2
        if end < 0:
            return text[start:], "", -1
        pos = end + 1
        n += 1


def load_articles(config: SiteConfig, *, map: Map = serial_map, summaries: bool = False
                  ) -> tuple[list[Article], list[Problem]]:
    """Every ``*.md`` under the content folder, validated. Returns the good articles and every problem found.
    ``map``: how the files are read (``serial_map``, or a ``parallel.Pool`` for thousands of them): same results.
    ``summaries``: each article's summary made as it is read (the pages need them; ``chuyentrang check`` does not),
    on a worker's core with a pool."""
    content = config.content_dir
    if not content.is_dir():
        return [], [Problem(config.rel(content), None, "không tìm thấy thư mục bài viết (docs_dir)")]
    _ascii_letters()  # made once here, not in every worker
    # Paths as strings: Path objects and config.rel cost a tenth of reading an article.
    base, shown = str(content) + os.sep, config.rel(content)
    shown = "" if shown in ("", ".") else shown + "/"

    def read(src: str):
        article, found, claim = _read(base + src, config, src, shown + src)
        if summaries and article is not None:
            article.summary  # noqa: B018 - made now, kept by cached_property
        return article, found, claim

    return gather(map(read, article_files(content)))


def gather(results) -> tuple[list[Article], list[Problem]]:
    """The articles and problems of every file's ``_read`` result, with the problems only the whole set shows: two
    articles claiming one address (a slug, or an old one kept by ``redirect_from``)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    claims: list[tuple[str, str, bool, int, tuple]] = []  # (slug, path, draft, line, redirects) of every file
    for article, found, claim in results:
        problems.extend(found)
        if article is not None:
            articles.append(article)
        if claim:
            claims.append(claim)
    problems.extend(_duplicate_slugs(claims))
    problems.extend(clash_problems(claims))
    return articles, problems


PAGES_FOLDER = "trang"  # content/trang/: plain pages (generator.core.staticpages), never articles, never counted


def article_files(content: Path) -> list[str]:
    """The Markdown files that are articles: every one but the plain pages (``content/trang/``)."""
    return [f for f in markdown_files(content) if not f.startswith(PAGES_FOLDER + "/")]


def markdown_files(content: Path) -> list[str]:
    """Every ``*.md`` file under ``content`` outside hidden folders, relative POSIX paths, in the order of sorted
    ``Path`` objects (part by part). A plain directory walk: ``rglob`` and ``relative_to`` cost more per file than the rest of a check reads."""
    found: list[tuple[str, ...]] = []
    base = str(content)
    seen = {os.path.realpath(base)}  # linked folders: followed as MkDocs follows them, each real folder once
    for dirpath, dirnames, filenames in os.walk(base, followlinks=True):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and _first_visit(os.path.join(dirpath, d), seen)]
        parts = tuple(Path(os.path.relpath(dirpath, base)).parts) if dirpath != base else ()
        found.extend((*parts, name) for name in filenames if name.endswith(".md") and not name.startswith("."))
    found.sort()
    return ["/".join(p) for p in found]


def _first_visit(folder: str, seen: set[str]) -> bool:
    real = os.path.realpath(folder)  # links may loop (generator.core.links reports those before any reading)
    if real in seen:
        return False
    seen.add(real)
    return True


def _read(path: Path | str, config: SiteConfig, src_uri: str | None = None, rel: str | None = None):
    rel = rel or config.rel(Path(path))
    try:
        with open(path, "rb") as fh:
            raw = fh.read()
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(rel, line, "tệp không phải văn bản UTF-8: hãy lưu lại với bảng mã UTF-8")], None
    text = _normalised(text)
    fm, body, body_line = split_front_matter(text)
    if fm is None:
        return None, [Problem(rel, 1, "thiếu phần thông tin đầu bài (front matter): tệp phải bắt đầu bằng dòng '---'")], None
    if body_line == -1:
        return None, [Problem(rel, 1, "phần thông tin đầu bài chưa được đóng bằng dòng '---'")], None
    try:
        meta, lines = yamlfile.load(fm, line_offset=1, aliases=False)
    except yaml.YAMLError as exc:
        return None, [Problem(rel, yamlfile.error_line(exc, 1), yamlfile.error_message(exc))], None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, [Problem(rel, 2, "phần thông tin đầu bài phải gồm các dòng 'khóa: giá trị'")], None
    return _validate(rel, path, meta, lines, body, body_line, config, src_uri, front=fm)


# Words an editor writes bare after the key. YAML reads `yes`, `2026` or `null` as a truth value, a number or nothing,
# and ` #` as the start of a comment: the title published would then be "True", "2026" or cut short, with no message.
WORD_KEYS = {"title": "tiêu đề", "summary": "tóm tắt (summary)", "author": "tác giả (author)"}
_COMMENT_RE = re.compile(r"\s#")


def _word_problems(meta: dict, lines, front: str) -> list[tuple[str, str]]:
    """(key, message) for each word key whose value YAML did not read as the text written on its line."""
    found = []
    raw_lines = front.split("\n")
    for key, label in WORD_KEYS.items():
        if key not in meta:
            continue
        value = meta[key]
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


def _validate(rel, path, meta: dict, lines, body: str, body_line: int, config: SiteConfig, src_uri: str | None = None,
              body_utf8: bytes | None = None, front: str = ""):
    problems: list[Problem] = []

    def err(key, message):
        problems.append(Problem(rel, lines.of(key) if key else 2, message))

    words = _word_problems(meta, lines, front)
    for key, message in words:
        err(key, message)

    for key in meta:
        if key not in KNOWN:
            close = difflib.get_close_matches(str(key), KNOWN, n=1)
            hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
            err(key, f"khóa không được hỗ trợ: '{_shown(key)}'{hint}")
    meta = dict(meta)
    for key, value in list(meta.items()):
        control = _control_char(key) or _control_char(value)
        if control:
            # they pass into the pages and the RSS feed, which then no longer reads as XML
            err(key, f"'{_shown(key)}' có ký tự điều khiển U+{ord(control):04X} (không nhìn thấy được): hãy xóa nó")
            meta[key] = _CONTROL_RE.sub("", value) if isinstance(value, str) else None  # one problem, not two
        elif key in TEXT_KEYS and value is not None and not isinstance(value, (str, int, float)):
            err(key, f"{key} phải là một đoạn văn bản, không phải danh sách hay nhóm khóa")
            meta[key] = None
    hide = meta.get("hide")
    if hide is not None and not (isinstance(hide, list) and all(isinstance(h, str) for h in hide)):
        err("hide", "hide phải là danh sách, ví dụ: hide: [navigation, toc]")
    if meta.get("template") not in (None, "") and not _template_ok(meta["template"], config):
        err("template", f"không có khuôn trang (template) '{_shown(meta['template'])}' trong giao diện của trang")

    title = _text(meta.get("title"))
    if not title and not any(key == "title" for key, _ in words):
        err("title" if "title" in meta else None, "thiếu tiêu đề (title)")

    date = None
    if meta.get("date") in (None, ""):
        err("date" if "date" in meta else None, "thiếu ngày đăng (date), ví dụ: date: 2024-05-06 08:30")
    else:
        try:
            date = timeutil.parse_datetime(meta["date"], config.tz)
        except ValueError as exc:
            err("date", f"ngày đăng sai: {exc}")
        else:
            first, last = date_bounds(config)
            if not first <= date.date() <= last:
                err("date", f"ngày đăng {date.date().isoformat()} không hợp lý: cần trong khoảng "
                            f"{first.isoformat()} đến {last.isoformat()}")
                date = None

    category = _text(meta.get("category"))
    category_options = [(c.id, c.name) for c in config.categories]
    if not category:
        err("category" if "category" in meta else None,
            f"thiếu chuyên mục (category); chọn một trong: {choices.listed(category_options)}")
    elif category not in config.category_ids:
        # the name as the site shows it ("Kỹ năng số cho người dân"), or the id with other case or diacritics
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

    tags_raw = meta.get("tags") or []
    if isinstance(tags_raw, str):
        tags_raw = [tags_raw]
    if not isinstance(tags_raw, list) or not all(isinstance(t, (str, int, float)) for t in tags_raw):
        err("tags", "tags phải là danh sách, ví dụ: tags: [chuyển đổi số, dịch vụ công]")
        tags_raw = []
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
        err("draft", "draft chỉ nhận true hoặc false")
        draft = True  # when in doubt, do not publish

    image = _text(meta.get("image"))
    if image and not _image_ok(image, config):
        err("image", f"ảnh '{_shown(image)}' không dùng được: cần một tệp trong thư mục content/ (ví dụ /assets/anh.jpg)")
    elif image and not _raster(config.content_dir / image.lstrip("/")):
        err("image", f"ảnh '{_shown(image)}' phải là ảnh JPEG, PNG hoặc WebP (Facebook, Zalo không hiện ảnh SVG; "
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
    return Article(
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


@lru_cache(maxsize=4096)
def tag_key(tag: str) -> str:
    """A tag's slug (its page is /the/<slug>/): the few tags of a site come back on thousands of articles."""
    return slugify(tag)


def _raster(path: Path) -> bool:
    """Whether ``path`` is a JPEG, PNG or WebP picture Pillow reads (its header only: the pixels are read at build)."""
    from PIL import Image, UnidentifiedImageError  # only for articles with a picture

    try:
        with Image.open(path) as im:
            return im.format in ("JPEG", "PNG", "WEBP") and im.width > 0 and im.height > 0
    except (OSError, UnidentifiedImageError, ValueError, Image.DecompressionBombError):
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
# C0 controls but tab and newline (no XML 1.0 document holds them), DEL and the C1 controls, the noncharacters
# U+FFFE/U+FFFF (no XML holds them either) and the line/paragraph separators (a line break no editor sees)
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\u2028\u2029]")


def _control_char(value: object) -> str | None:
    """The first control character in ``value`` or in the strings it holds (lists, mappings), else None."""
    if isinstance(value, str):
        m = _CONTROL_RE.search(value)
        return m.group() if m else None
    if isinstance(value, dict):
        value = [*value.keys(), *value.values()]
    if isinstance(value, (list, tuple, set)):
        for v in value:
            found = _control_char(v)
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
    problems: list[Problem] = []
    if "![" not in body and ("<" not in body or not _ANY_IMAGE_RE.search(body)):
        return problems  # the usual case: nothing below can match
    in_code = False
    for n, line in enumerate(body.split("\n"), body_line):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            continue
        line = _INLINE_CODE_RE.sub("", line)
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


def _image_source_problem(rel, n, src, config: SiteConfig, path: Path) -> list[Problem]:
    if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE) or src.startswith("//"):
        return [Problem(rel, n, f"ảnh '{src}' lấy từ trang khác: hãy tải ảnh vào thư mục content/ rồi dẫn tới tệp đó")]
    target = (config.content_dir / src.lstrip("/")) if src.startswith("/") else (Path(path).parent / src)
    try:
        found = target.resolve().is_file()
    except (OSError, ValueError):  # a name too long for the system, a NUL
        found = False
    if not found:
        return [Problem(rel, n, f"không tìm thấy tệp ảnh '{_shown(src)}'")]
    return []


def _duplicate_slugs(claims: list[tuple[str, str, bool, int, tuple]]) -> list[Problem]:
    seen: dict[str, str] = {}
    problems = []
    for slug, path, draft, line, _ in claims:
        if draft:
            continue
        first = seen.setdefault(slug, path)
        if first != path:
            problems.append(Problem(path, line, f"trùng đường dẫn /bai-viet/{slug}/ với bài {first}: "
                                             "đổi tiêu đề hoặc đặt 'slug:' khác"))
    return problems


_BLOCK_MARKERS = frozenset("#>-*+0123456789")


def _may_have_block_markers(text: str) -> bool:
    """False when no line of ``text`` starts (after its spaces) as a heading, quote, list item or numbered item:
    the pattern of line starts below then has nothing to do (its search for line starts is the costly part on a long paragraph)."""
    for line in text.split("\n"):
        if line[:1] in _BLOCK_MARKERS or line.lstrip()[:1] in _BLOCK_MARKERS:
            return True
    return False


# (pattern, replacement, a quick test that the text may hold what the pattern matches: it spares the regex scan)
_MD_STRIP = [
    (re.compile(r"```.*?```", re.S), " ", lambda t: "```" in t),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " ", lambda t: "](" in t),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1", lambda t: "](" in t),
    (re.compile(r"<[^>]+>"), " ", lambda t: "<" in t),
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+", re.M), "", _may_have_block_markers),
    (re.compile(r"[*_`|]+"), "", lambda t: "*" in t or "_" in t or "`" in t or "|" in t),
]


_ANY_IMAGE_RE = re.compile(r"!\[|<img", re.IGNORECASE)  # what _IMAGE_RE and _IMG_TAG_RE both need
_PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n")


def _paragraphs(markdown: str):
    """The paragraphs of ``markdown`` (split at blank lines), lazily: an excerpt needs only the first one or two."""
    start = 0
    for m in _PARAGRAPH_BREAK_RE.finditer(markdown):
        yield markdown[start:m.start()]
        start = m.end()
    yield markdown[start:]


def _strip_markdown(markdown: str) -> str:
    """The text of ``markdown`` with its markup dropped (runs of spaces left as they are)."""
    text = markdown
    for rx, repl, needs in _MD_STRIP:
        if needs(text):
            text = rx.sub(repl, text)
    return text


def excerpt(markdown: str, limit: int = 220) -> str:
    """The first paragraph of the body as plain text, cut at a word boundary."""
    return _excerpt(markdown, limit)


def _excerpt(markdown: str, limit: int) -> str:
    paragraphs = _paragraphs(markdown)
    para = next(paragraphs)
    for following in paragraphs:
        found = _paragraph_excerpt(para, limit)
        if found:
            return found
        para = following
    return _paragraph_excerpt(para, limit)


def _paragraph_excerpt(para: str, limit: int) -> str:
    if para.lstrip().startswith(("#", "|", "```", "!")):
        return ""
    stripped = _strip_markdown(para)
    # Spaces made one (str.split() splits where \s matches) in the head only: that is the start of the whole
    # paragraph's plain text (the last word perhaps cut short), and all the cut needs when it is longer than the
    # limit: a long paragraph is not split whole for a short excerpt.
    text = " ".join(stripped[:2 * limit].split())
    if len(text) <= limit:
        text = " ".join(stripped.split())
        if len(text) <= limit:
            return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
