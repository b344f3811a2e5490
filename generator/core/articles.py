"""Editors' articles: ``content/**/*.md`` read, front matter validated, every problem collected with its line."""
from __future__ import annotations

import codecs
import os
import unicodedata
from dataclasses import dataclass, field, fields
from functools import cached_property
from datetime import datetime
from pathlib import Path

import yaml

from generator.core import slugs, yamlfile
from generator.core.config import SiteConfig
from generator.core.excerpts import excerpt
from generator.core.frontmatter import date_bounds, validate
from generator.core.problems import Problem
from generator.core.redirects import clash_problems
from generator.support.parallel import Map, serial_map


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
    slugs.ascii_letters()  # made once here, not in every worker
    # Paths as strings: Path objects and config.rel cost a tenth of reading an article.
    base, shown = str(content) + os.sep, config.rel(content)
    shown = "" if shown in ("", ".") else shown + "/"
    bounds = date_bounds(config)  # the plausible days, worked out once for every article

    def read(src: str):
        article, found, claim = _read(base + src, config, src, shown + src, bounds)
        if summaries and article is not None:
            article.summary  # noqa: B018 - made now, kept by cached_property
        return article, found, claim

    misnamed: list[str] = []
    articles, problems = gather(map(read, article_files(content, misnamed)))
    # MkDocs would publish these unchecked: ".markdown" as a page outside /bai-viet/<slug>/ (even a draft), ".MD" as
    # its raw source text
    problems += [Problem(shown + m, None, f"tệp không được đọc như bài viết: đổi đuôi thành .md viết thường "
                                          f"({m.rsplit('/', 1)[-1].rsplit('.', 1)[0]}.md)") for m in misnamed]
    return articles, problems


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


def article_files(content: Path, misnamed: list[str] | None = None) -> list[str]:
    """The Markdown files that are articles: every one but the plain pages (``content/trang/``). ``misnamed``: given,
    it gets the articles' files named as Markdown some other way (see ``markdown_files``)."""
    odd: list[str] = []
    files = [f for f in markdown_files(content, odd) if not f.startswith(PAGES_FOLDER + "/")]
    if misnamed is not None:
        misnamed.extend(f for f in odd if not f.startswith(PAGES_FOLDER + "/"))
    return files


# what MkDocs takes for Markdown, in any case: only ".md" is read as an article or page here
_MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")


def markdown_files(content: Path, misnamed: list[str] | None = None) -> list[str]:
    """Every ``*.md`` file under ``content`` outside hidden folders, relative POSIX paths, in the order of sorted
    ``Path`` objects (part by part). A plain directory walk: ``rglob`` and ``relative_to`` cost more per file than the rest of a check reads.
    ``misnamed``: given, it gets the files with another Markdown suffix (``.markdown``, ``.MD``), sorted likewise."""
    found: list[tuple[str, ...]] = []
    odd: list[tuple[str, ...]] = []
    base = str(content)
    seen = {os.path.realpath(base)}  # linked folders: followed as MkDocs follows them, each real folder once
    for dirpath, dirnames, filenames in os.walk(base, followlinks=True):
        dirnames[:] = [d for d in dirnames if not d.startswith(".") and _first_visit(os.path.join(dirpath, d), seen)]
        parts = tuple(Path(os.path.relpath(dirpath, base)).parts) if dirpath != base else ()
        found.extend((*parts, name) for name in filenames if name.endswith(".md") and not name.startswith("."))
        if misnamed is not None:
            odd.extend((*parts, name) for name in filenames if not name.endswith(".md") and not name.startswith(".")
                       and name.lower().endswith(_MARKDOWN_SUFFIXES))
    found.sort()
    if misnamed is not None:
        misnamed.extend("/".join(p) for p in sorted(odd))
    return ["/".join(p) for p in found]


def _first_visit(folder: str, seen: set[str]) -> bool:
    real = os.path.realpath(folder)  # links may loop (generator.core.links reports those before any reading)
    if real in seen:
        return False
    seen.add(real)
    return True


def _read(path: Path | str, config: SiteConfig, src_uri: str | None = None, rel: str | None = None,
          bounds: tuple | None = None):
    """``bounds``: see ``validate``."""
    rel = rel or config.rel(Path(path))
    try:
        with open(path, "rb", buffering=0) as fh:  # read whole at once: no buffer in between
            raw = fh.read()
        decoded = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [Problem(rel, line, "tệp không phải văn bản UTF-8: hãy lưu lại với bảng mã UTF-8")], None
    text = _normalised(decoded)
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
    body_utf8 = None
    if text is decoded or text == decoded:
        # Already NFC with plain line ends (the usual file): the body's UTF-8 is the file's own bytes after the front
        # matter (and a byte order mark, which utf-8-sig took off), not the whole body encoded again.
        head = text[:len(text) - len(body)]
        body_utf8 = raw[(3 if raw.startswith(codecs.BOM_UTF8) else 0) + len(head.encode("utf-8")):]
    fields_, problems, claim = validate(rel, path, meta, lines, body, body_line, config, src_uri, body_utf8, fm,
                                        bounds)
    return (Article(**fields_) if fields_ is not None else None), problems, claim


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

