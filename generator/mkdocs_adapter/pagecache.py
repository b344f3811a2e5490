"""Each page's Markdown converted once: what MkDocs' ``Page.render`` makes of a page is kept in the build cache
(``generator.support.cache``), so a warm build converts only the pages that changed.

An entry is found in two steps, both by hash:
1. the page's Markdown as ``render`` gets it (after the plugins' ``page_markdown`` hooks), its source path, URL and
   inclusion, the settings that reach the conversion (``markdown_extensions``, ``mdx_configs``,
   ``use_directory_urls``, ``validation``), the installed packages and the log level: this finds the list of files
   the conversion looked up (its links' targets);
2. the same key with each of those targets and what it resolved to (its URL, whether it is excluded, or missing):
   this finds the result. Renaming a linked article changes its URL, so the linking page is converted again.
The result holds what MkDocs needs after ``render``: the HTML, the table of contents, the title from the first
heading, the anchor ids, the links to anchors, and the log records the conversion made (broken links...), handled
again on a hit so that a warm build warns (and ``--strict`` fails) as a clean one does. Entries are JSON, never
pickles: a cache restored by a CI is data, not code.
"""
from __future__ import annotations

import json
import logging
from functools import cache as once
from importlib import metadata

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.support import cache
from generator.mkdocs_adapter import private

_PAGES_LOG = logging.getLogger("mkdocs.structure.pages")  # whose level decides whether render keeps links_to_anchors


class _Lookups:
    """The site's files as the conversion sees them: each path it looks up is noted with what it found."""

    def __init__(self, files):
        self._files = files
        self.seen: dict[str, list | None] = {}

    def get_file_from_path(self, path: str):
        found = self._files.get_file_from_path(path)
        self.seen[path] = _state(found)
        return found

    def __getattr__(self, name):
        return getattr(self._files, name)


def _state(file) -> list | None:
    """What of a linked file reaches the linking page: its URL and whether it is left out of the site."""
    return None if file is None else [file.url, file.inclusion.is_excluded()]


def _plain(value):
    if isinstance(value, dict) or hasattr(value, "items"):
        return dict(value.items())
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"
    return repr(value)


@once
def _installed() -> str:
    """Every installed package and its version: a new Markdown, extension or MkDocs converts anew."""
    return "\n".join(sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions()))


def _settings(config) -> str:
    chosen = {k: config[k] for k in ("markdown_extensions", "mdx_configs", "use_directory_urls", "validation")}
    return json.dumps(chosen, sort_keys=True, default=_plain, ensure_ascii=False)


class _Records(logging.Handler):
    """Every log record made while a page is converted (once, though it reaches several loggers' handlers)."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[dict] = []
        self._last: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record is self._last:
            return
        self._last = record
        self.records.append({"name": record.name, "levelno": record.levelno, "levelname": record.levelname,
                             "msg": record.getMessage(), "pathname": record.pathname, "filename": record.filename,
                             "module": record.module, "lineno": record.lineno, "funcName": record.funcName})

    def __enter__(self) -> "_Records":
        self._loggers = [logging.getLogger()] + [lg for lg in list(logging.Logger.manager.loggerDict.values())
                                                 if isinstance(lg, logging.Logger) and lg.handlers]
        for lg in self._loggers:
            lg.addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for lg in self._loggers:
            lg.removeHandler(self)


def _toc_data(items) -> list:
    return [[i.title, i.id, i.level, _toc_data(i.children)] for i in items]


def _toc(data: list) -> list[AnchorLink]:
    out = []
    for title, id_, level, children in data:
        link = AnchorLink(title, id_, level)
        link.children = _toc(children)
        out.append(link)
    return out


def use_cache(page: Page) -> None:
    """Make ``page.render`` look in the build cache first (nothing changes when no cache is in use)."""
    if cache.current() is None or not private.page_cache_usable():
        return  # no cache in use (plain `mkdocs build`, tests), or a MkDocs whose render is not as tested

    def render(config, files, _page=page):
        cached_render(_page, config, files)

    page.render = render  # type: ignore[method-assign]


def cached_render(page: Page, config, files) -> None:
    """``page.render(config, files)``, or its result from the build cache."""
    c = cache.current()
    if c is None:
        Page.render(page, config, files)
        return
    keep_links = _PAGES_LOG.getEffectiveLevel() > logging.DEBUG
    first = cache.key("page-links", page.markdown, page.file.src_uri, page.file.url,
                      page.file.inclusion.is_excluded(), _settings(config), _installed(), keep_links)
    got = _load(c.get(first))
    if isinstance(got, list) and all(isinstance(p, str) for p in got):
        found = _load(c.get(_result_key(first, {p: _state(files.get_file_from_path(p)) for p in got})))
        if _apply(page, found, files, keep_links):
            return
    lookups = _Lookups(files)
    with _Records() as records:
        Page.render(page, config, lookups)
    result = {"content": page.content, "toc": _toc_data(page.toc), "title": page._title_from_render,
              "anchors": sorted(page.present_anchor_ids or ()), "records": records.records,
              "links": {to.src_uri: links for to, links in (page.links_to_anchors or {}).items()}}
    c.put(first, _dump(list(lookups.seen)))
    c.put(_result_key(first, lookups.seen), _dump(result))


def _result_key(first: str, targets: dict) -> str:
    return cache.key("page-render", first, json.dumps(targets, sort_keys=True, ensure_ascii=False))


def _dump(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _load(data: bytes | None):
    if data is None:
        return None
    try:
        return json.loads(data)
    except ValueError:
        return None


def _apply(page: Page, found, files, keep_links: bool) -> bool:
    """Set what ``render`` sets from a cached result; False (and nothing set) when the result is not whole."""
    try:
        content, title = found["content"], found["title"]
        toc = TableOfContents(_toc(found["toc"]))
        anchors = set(found["anchors"])
        links = {files.src_uris[uri]: dict(ln) for uri, ln in found["links"].items()}
        records = [logging.makeLogRecord(r) for r in found["records"]]
        if not isinstance(content, str) or not (title is None or isinstance(title, str)):
            return False
    except (TypeError, KeyError, ValueError, AttributeError):
        return False
    page.content, page.toc, page._title_from_render = content, toc, title
    page.present_anchor_ids = anchors
    if keep_links:
        page.links_to_anchors = links
    for record in records:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)
    return True
