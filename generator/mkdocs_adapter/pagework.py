"""A share of the articles built on the other core.

At ``on_nav`` a child is forked (``PageShare.start``) that does, for the last articles, what MkDocs 1.6 does for every
page in this process: read, convert the Markdown with every plugin's page hooks (``_populate_page``), then render the
theme's template and write the file (``_build_page``). Same MkDocs functions, same state (forked), so the same bytes.
Meanwhile this process skips those pages: no source read, no Markdown converted, an empty template rendered (MkDocs
then writes nothing for them). The child sends back what this process still needs: the articles' text for the search
index, each page's anchors (MkDocs checks links to anchors after the build) and the log records it made (warnings
such as broken links are logged here, so ``--strict`` and ``chuyentrang build`` see them).

A fixed share, not ``parallel.Pool``'s chunks pulled as each process is free: MkDocs' loop drives this process
through every page twice (convert all, then write all) and a page is written where it was converted, so who does
which page is settled before the loop.

Only for ``build`` (not ``serve``, not ``--dirty``), when forking is possible, and when no other plugin has page hooks
(their state would stay in the child). If the child fails, its pages are done here after all, as without it.
"""
from __future__ import annotations

import logging
import os
import signal
import threading
from typing import Callable

import jinja2
from mkdocs.commands import build as mkbuild
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from generator.support import parallel
from generator.mkdocs_adapter import private

SHARE = 0.35  # of the articles, done by the child (it shares its core with the search index child)
EMPTY_TEMPLATE = "chuyentrang/empty.html"
PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content", "page_context", "post_page", "env")
_SKIPPED = "Page skipped: '"


def own_events_only(config, plugin) -> bool:
    """True when ``plugin`` is the only one with page hooks (and env): the pages can then be built elsewhere."""
    events = config.plugins.events
    return all(getattr(m, "__self__", None) is plugin for e in PAGE_EVENTS for m in events.get(e, ()))


def render_empty(page: Page) -> None:
    """What ``page.render`` leaves for empty Markdown, without making a Markdown converter (half a millisecond)."""
    page.content = ""
    page.toc = get_toc([])
    page._title_from_render = None
    page.present_anchor_ids = set()
    if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
        page.links_to_anchors = {}


def skip_empty_render(page: Page) -> None:
    """Make ``page.render`` use ``render_empty`` when the page's Markdown is empty once the plugins had it."""
    def render(config, files, _page=page):
        if _page.markdown == "":
            render_empty(_page)
        else:
            Page.render(_page, config, files)

    page.render = render  # type: ignore[method-assign]


class _Collect(logging.Handler):
    """In the child: every record the loggers' handlers would have had, kept to be handled in the parent."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self._last: logging.LogRecord | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if record is self._last:  # the same record reaching a second logger's handlers
            return
        self._last = record
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg, record.args, record.exc_info = record.getMessage(), None, None
        self.records.append(record)

    def take(self) -> list[logging.LogRecord]:
        records, self.records = self.records, []
        return records

    @classmethod
    def install(cls) -> "_Collect":
        collect = cls()
        loggers = [logging.getLogger()] + [lg for lg in logging.Logger.manager.loggerDict.values()
                                           if isinstance(lg, logging.Logger)]
        for lg in loggers:
            if lg.handlers:
                lg.handlers = [collect]
        return collect


def replay(records) -> None:
    for record in records or ():
        logging.getLogger(record.name).handle(record)


class _SkippedFilter(logging.Filter):
    def __init__(self, uris: set[str]):
        super().__init__()
        self.uris = uris

    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.msg
        return not (isinstance(msg, str) and msg.startswith(_SKIPPED) and msg[len(_SKIPPED):].split("'", 1)[0] in self.uris)


class PageShare:
    """The pages a child builds (``owned``: src URIs) and the child itself. In this process ``owns(page)`` tells the
    plugin's hooks to skip a page; ``received(...)`` at ``on_env``, ``finish(...)`` at ``on_post_build``."""

    def __init__(self, owned: list[File]):
        self.files = owned
        self.owned = {f.src_uri for f in owned}
        self.worker: parallel.Worker | None = None
        self.in_child = False
        self._filter: _SkippedFilter | None = None
        self._records: list[logging.LogRecord] = []

    @classmethod
    def start(cls, config, files: Files, nav, candidates: list[File], texts: Callable[[], dict],
              in_child: Callable[[], None], share: float = SHARE) -> "PageShare | None":
        """Fork the child for the last ``share`` of ``candidates`` (pages not in the nav, in MkDocs' order).
        ``texts()`` gives the articles' text the plugin gathered (in the child, after its pages); ``in_child()`` is
        called first thing in the child."""
        n = int(len(candidates) * share)
        if n < 2 or not private.page_functions_usable():
            return None  # a MkDocs whose private page functions are not as tested: every page is built here
        self = cls(candidates[-n:])
        self.worker = parallel.spawn(lambda send: self._child(send, config, files, nav, texts, in_child))
        return self if self.worker is not None else None

    def owns(self, page: Page) -> bool:
        return not self.in_child and page.file.src_uri in self.owned

    # ---- in the child ----

    def _child(self, send, config, files: Files, nav, texts, in_child) -> None:
        self.in_child = True
        in_child()
        collect = _Collect.install()
        for page in nav.pages:  # their titles and meta appear in every page's navigation
            mkbuild._populate_page(page, config, files)
        for file in self.files:
            if file.page is None:
                Page(None, file, config)
            mkbuild._populate_page(file.page, config, files)
        anchors = {f.src_uri: (f.page.present_anchor_ids,
                               {to.src_uri: links for to, links in (f.page.links_to_anchors or {}).items()})
                   for f in self.files}
        message = ("read", texts(), anchors, collect.take())
        sender = threading.Thread(target=send, args=(message,))  # while the parent is still busy, go on
        sender.start()
        env = config.plugins.on_env(config.theme.get_env(), config=config, files=files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in self.files:
            mkbuild._build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
        sender.join()
        send(("built", collect.take()))

    # ---- in this process ----

    def received(self, config, files: Files, env) -> dict[str, str]:
        """At ``on_env``: the articles' text from the child (its pages' anchors set here, its log records kept);
        if the child failed, its pages are read and converted here now. Sets up ``env`` to skip its pages."""
        got = self.worker.receive() if self.worker else None
        if not (isinstance(got, tuple) and got[0] == "read"):
            self._take_back()
            for file in self.files:
                mkbuild._populate_page(file.page, config, files)
            return {}
        _, texts, anchors, self._records = got  # replayed once the child has written its pages (finish)
        for file in self.files:
            present, links = anchors[file.src_uri]
            file.page.present_anchor_ids = present
            file.page.links_to_anchors = {files.src_uris[uri]: ln for uri, ln in links.items()}
            file.page.meta["template"] = EMPTY_TEMPLATE
        env.loader = jinja2.ChoiceLoader([jinja2.DictLoader({EMPTY_TEMPLATE: ""}), env.loader])
        self._filter = _SkippedFilter(self.owned)
        mkbuild.log.addFilter(self._filter)
        return texts

    def finish(self, config, files: Files, nav, env) -> None:
        """At ``on_post_build``: wait for the child; its log records replayed here (before MkDocs counts warnings
        for ``--strict``); if it failed, its pages are read and built here now instead, logging as they do."""
        self._drop_filter()
        if self.worker is None:
            return
        got = self.worker.receive()
        ok = self.worker.join() and isinstance(got, tuple) and got[0] == "built"
        self.worker = None
        if ok:
            replay(self._records + got[1])
            return
        if not self.owned:  # its pages were already taken back at on_env and built by MkDocs
            return
        self._take_back()
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for file in self.files:
            file.page.meta.pop("template", None)
            mkbuild._populate_page(file.page, config, files)
            mkbuild._build_page(file.page, config, doc_files, nav, env, excluded=file.inclusion.is_excluded())
        for file in self.files:
            file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)

    def cancel(self) -> None:
        self._drop_filter()
        if self.worker is not None:
            try:
                os.kill(self.worker.pid, signal.SIGTERM)
            except OSError:
                pass
            self.worker.join()
            self.worker = None

    def _drop_filter(self) -> None:
        if self._filter is not None:
            mkbuild.log.removeFilter(self._filter)
            self._filter = None

    def _take_back(self) -> None:
        """The child failed: from now on this process does its pages as any other."""
        if self.worker is not None:
            self.worker.join()
            self.worker = None
        self.owned = set()
        for file in self.files:
            if file.page is not None:
                file.page.__dict__.pop("render", None)
