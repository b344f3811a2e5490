"""Each page's final HTML kept in the build cache, so that a warm build does not send an unchanged page through the
theme's templates again (most of a warm build's time otherwise).

The key holds everything a template can reach when MkDocs renders the page (``_build_page``: ``get_context``, then
the plugins' ``page_context``, then the template, then ``post_page``):
- the template context as the plugins leave it: the page (its HTML, table of contents, meta, title, Markdown, file,
  addresses, previous and next page, parent, active state), the whole navigation (each item's kind, title, address,
  meta and nesting), ``base_url``, the extra CSS and JavaScript, MkDocs' version; what our ``on_page_context`` adds
  (``page.meta.ct_social``, a generated page's HTML) is in it, since the key is taken after it;
- the configuration (every setting, the theme's variables and folders, each plugin's settings), serialised once per
  build;
- the bytes of every file of a theme folder that is not part of an installed package (ours, ``custom_dir``), and the
  installed packages' versions (Material's templates), and the program (``generator.support.cache`` keys by it).
A few values change on every build while no template of this site reads them (the output folder, the build date,
the list of all pages, which changes with each new article): they are left out only while no template file of the
theme's folders names them; a theme that names one keys by it.

A value that cannot be written out faithfully (an object of unknown kind) leaves its page out of the cache: it is
rendered as without it. Only for ``build`` and when our plugin is the only one with page hooks (another plugin's
``post_page`` would not run on a page taken from the cache).

On a hit the context gets ``chuyentrang_kept``: our ``main.html`` then extends an empty template (nothing of
Material's is rendered) and ``on_post_page`` returns the kept HTML, which MkDocs writes as it would have.
Entries are the UTF-8 bytes of the HTML, hash-checked by the cache: a damaged one is not found and is made again.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sys
import sysconfig
from collections.abc import Mapping
from pathlib import Path

from mkdocs.localization import parse_locale
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from generator.support import cache
from generator.mkdocs_adapter.pagecache import _installed

KEPT = "chuyentrang_kept"  # the context variable our main.html tests
# values that differ from build to build though no template of this site reads them: left out of the key only
# while no template names them (see ``_unread``)
VOLATILE_CONFIG = ("site_dir", "config_file_path", "docs_dir")
VOLATILE_CONTEXT = ("pages", "build_date_utc")
VOLATILE_PAGE = ("update_date",)
VOLATILE_FILE = ("abs_dest_path", "abs_src_path")
_PAGE_SKIP = ("render", "_Page__active")  # our own render wrapper (pagecache, pagework); active: taken apart below


_LOCALE = type(parse_locale("en"))


class Unkeyable(Exception):
    """A value whose every part cannot be written out: its page is rendered, not kept."""


def _installed_dirs() -> tuple[str, ...]:
    paths = sysconfig.get_paths()
    return tuple(str(Path(paths[k]).resolve()) for k in ("purelib", "platlib") if k in paths)


def _theme_files(dirs: list[str], static: set[str]) -> tuple[str, set[str]]:
    """A digest of the theme folders that are not an installed package's (each file's path and bytes), and the
    volatile names some template file names. The theme's static templates (``sitemap.xml``, ``404.html``) are
    rendered by MkDocs with a context of their own, not for a page: what they name is not looked for."""
    names = VOLATILE_CONFIG + VOLATILE_CONTEXT + VOLATILE_PAGE + VOLATILE_FILE
    pattern = re.compile(rb"(?<![\w.])(" + b"|".join(n.encode() for n in names) + rb")(?!\w)")
    installed = _installed_dirs()
    h = hashlib.sha256()
    named: set[str] = set()
    for d in dirs:
        root = Path(d).resolve()
        packaged = str(root).startswith(installed)  # keyed by the package's version
        h.update(b"dir\0" + str(root).encode() + (b"\0packaged" if packaged else b""))
        found = [*root.rglob("*.html"), *root.rglob("*.xml")] if packaged else root.rglob("*")
        for path in sorted(p for p in found if p.is_file()):
            data = path.read_bytes()
            if path.relative_to(root).as_posix() not in static:
                named.update(m.decode() for m in pattern.findall(data))
            if not packaged:
                h.update(str(path.relative_to(root)).encode() + b"\0" + hashlib.sha256(data).digest())
    return h.hexdigest(), named


class _Writer:
    """Writes a context's values out as JSON-able data; an unknown kind of object raises ``Unkeyable``."""

    def __init__(self, named: set[str]):
        self.named = named

    def value(self, v, depth: int = 0):
        if depth > 40:
            raise Unkeyable("too deep")
        t = type(v)
        if t is str or v is None or t is bool or t is int or t is float:
            return v
        if t is dict:
            return self._map(v, depth)
        if t is list or t is tuple:
            return [self.value(x, depth + 1) for x in v]
        if isinstance(v, str):
            return [t.__name__, str(v)]  # Markup is not escaped, str is
        if isinstance(v, (bool, int, float)):
            return [t.__name__, v]
        if isinstance(v, (dt.datetime, dt.date, dt.time)):
            return ["time", v.isoformat()]
        if isinstance(v, _LOCALE):  # the theme's language (babel's, or MkDocs' stand-in): its code is all of it
            return ["locale", str(v)]
        if isinstance(v, Page):
            return ["page-ref", v.file.src_uri, v.title, v.url]
        if isinstance(v, Section):
            return ["section-ref", v.title, self._section_path(v)]
        if isinstance(v, Link):
            return ["link", v.title, v.url]
        if isinstance(v, File):
            return self.file(v)
        if isinstance(v, Navigation):
            return self.navigation(v)
        if isinstance(v, (TableOfContents, AnchorLink)):
            return self.toc(v)
        if isinstance(v, BasePlugin):
            return ["plugin", f"{type(v).__module__}.{type(v).__qualname__}", self.value(v.config, depth + 1)]
        if isinstance(v, Mapping) or (hasattr(v, "items") and hasattr(v, "keys") and not isinstance(v, type)):
            return self._map(v, depth)
        if isinstance(v, (list, tuple)):
            return [self.value(x, depth + 1) for x in v]
        if isinstance(v, (set, frozenset)):
            return ["set", sorted(json.dumps(self.value(x, depth + 1), sort_keys=True) for x in v)]
        raise Unkeyable(type(v).__qualname__)

    def _map(self, v, depth: int) -> list:
        return ["map", type(v).__name__,
                sorted(([str(k), self.value(x, depth + 1)] for k, x in v.items()), key=lambda kv: kv[0])]

    def file(self, f: File) -> list:
        fields = ["src_uri", "dest_uri", "url", "name", "generated_by", "abs_src_path", "abs_dest_path"]
        return ["file", {k: getattr(f, k, None) for k in fields if k not in VOLATILE_FILE or k in self.named},
                f.inclusion.name]

    def toc(self, t) -> list:
        items = t if isinstance(t, TableOfContents) else [t]
        return [[i.title, i.id, i.level, self.toc(TableOfContents(i.children))] for i in items]

    def page(self, p: Page, whole: bool) -> dict:
        """Every attribute of the page; ``whole`` False (another page, in the navigation): not its HTML, Markdown or
        anchors, which no template can show of a page that is not the one being rendered (MkDocs lets them go)."""
        if type(p) is not Page:  # a theme's or plugin's own kind of page (a blog post...): not known here
            raise Unkeyable(type(p).__qualname__)
        out = {"kind": type(p).__qualname__, "active": p.active, "url": p.url, "title": p.title,
               "is_homepage": p.is_homepage}
        left = _PAGE_SKIP if whole else _PAGE_SKIP + ("content", "markdown", "present_anchor_ids", "links_to_anchors")
        for k, v in vars(p).items():
            if k in left or (k in VOLATILE_PAGE and k not in self.named):
                continue
            if k == "links_to_anchors" and v:
                v = {f.src_uri: links for f, links in v.items()}
            out[k] = self.value(v, 1)
        return out

    def navigation(self, nav: Navigation) -> list:
        def item(i):
            if isinstance(i, Page):
                return ["page", self.page(i, whole=False)]
            if isinstance(i, Section):
                return ["section", i.title, i.active, [item(c) for c in i.children]]
            if isinstance(i, Link):
                return ["link", i.title, i.url]
            raise Unkeyable(type(i).__qualname__)
        return ["nav", [item(i) for i in nav.items], nav.homepage.file.src_uri if nav.homepage else None]

    def _section_path(self, s: Section) -> list:
        path = []
        while s is not None:
            path.append(s.title)
            s = s.parent
        return path


class PageOutputs:
    """The page-output cache of one build: its part of the key that is the same for every page (made at the first
    page, once every page is read and converted), and the keys of the pages being rendered."""

    def __init__(self) -> None:
        self._base: str | None = None
        self._named: set[str] = set()
        self._pending: dict[str, str] = {}  # src_uri -> key, from page_context to post_page
        self._hits: dict[str, str] = {}
        self.rendered = self.kept = 0  # pages sent through the templates / taken from the cache

    def _build_part(self, config) -> str | None:
        if self._base is None:
            try:
                theme, self._named = _theme_files(list(config.theme.dirs), set(config.theme.static_templates))
                settings = {k: v for k, v in config.items()
                            if k not in VOLATILE_CONFIG or k in self._named}
                w = _Writer(self._named)
                theme_vars = w.value(dict(config.theme.items()))
                data = {"config": w.value(settings), "theme": [config.theme.name, list(config.theme.dirs),
                                                                 sorted(config.theme.static_templates), theme_vars],
                        "theme_files": theme, "installed": _installed(), "python": sys.version}
                self._base = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
            except (Unkeyable, OSError, TypeError, ValueError):
                self._base = ""  # nothing of this build is kept
        return self._base or None

    def look_up(self, context, page: Page, config) -> None:
        """At the end of ``on_page_context``: the page's key; on a hit the context tells the theme to render
        nothing (``chuyentrang_kept``) and ``take`` gives the kept HTML."""
        c = cache.current()
        base = self._build_part(config) if c is not None else None
        if base is None:
            return
        w = _Writer(self._named)
        try:
            parts = {}
            for k, v in context.items():
                if k == "config" or (k in VOLATILE_CONTEXT and k not in self._named):
                    continue
                parts[k] = w.page(v, whole=True) if isinstance(v, Page) else w.value(v)
            text = json.dumps(parts, sort_keys=True, ensure_ascii=False)
        except (Unkeyable, TypeError, ValueError):
            return  # rendered, not kept
        k = cache.key("page-output", base, text)
        self._pending[page.file.src_uri] = k
        data = c.get(k)
        if data is not None:
            try:
                self._hits[page.file.src_uri] = data.decode("utf-8")
            except UnicodeDecodeError:
                return  # not what this program writes: rendered, and kept again
            context[KEPT] = True

    def take(self, output: str, page: Page) -> str:
        """At ``on_post_page``: the kept HTML of a hit; after a render, the output kept for the next build."""
        k = self._pending.pop(page.file.src_uri, None)
        hit = self._hits.pop(page.file.src_uri, None)
        if hit is not None and not output:  # the theme rendered nothing, as asked
            self.kept += 1
            return hit
        if not output:
            return output  # rendered elsewhere (pagework's child), or empty
        self.rendered += 1
        c = cache.current()
        if k is not None and c is not None and hit is None:
            try:
                c.put(k, output.encode("utf-8"))
            except UnicodeEncodeError:
                pass  # not kept: MkDocs writes it with character references, which a hit could not tell
        return output
