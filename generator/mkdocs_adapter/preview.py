"""The MkDocs side of `chuyentrang serve`: one full build whose MkDocs state (config, files, navigation, template
environment, the plugin) is kept, then, for each save, only the affected pages rendered again with MkDocs' own page
functions (``_populate_page``, ``_build_page``: the same code as the build, so the same bytes).

What a new site affects, compared with the one last rendered:
- an article read again: its page; an article added, removed or moved to another URL: also the pages whose Markdown
  names its file (their links change);
- the core's pages (home, weeks, months, categories, tags, campaigns, frequency log...): planned again by
  ``render_site`` only when what they show changed (the published articles with their summaries, the feed items, the
  report), and of those only the pages whose plan changed rendered through Jinja (the memo,
  ``generator.render.memo``); the pages whose HTML, title or description changed are built again through MkDocs'
  theme, the new ones added, the gone ones removed; the core's other files (feeds, CSV) written when their bytes
  changed;
- the sitemap (when the set of pages changed), the search index and the whole report's downloads (``bao-cao.json``,
  ``.xlsx``, ``.csv``) when the server is asked for them (``ensure_search``, ``ensure_file``).
A change of the navigation (a page's title in it, a page added to it) needs a full build: ``update`` says so.

Drafts and scheduled articles get a page here too (never in ``build``), marked by the server with a banner.
"""
from __future__ import annotations

import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote

from mkdocs.commands import build as mkbuild
from mkdocs.config import load_config as mkdocs_config
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, InclusionLevel, file_sort_key
from mkdocs.structure.pages import Page

from generator.core import timeutil
from generator.mkdocs_adapter.plugin import generated_file
from generator.core.problems import InputError
from generator.render import render_site
from generator.render import searchdocs
from generator.render.memo import Later, RenderMemo
from generator.core.site import Site


class _Keep(BasePlugin):
    """Registered after the site's plugins: keeps the files, navigation and environment MkDocs built with."""

    def on_nav(self, nav, config, files):
        self.nav, self.files = nav, files
        return nav

    def on_env(self, env, config, files):
        self.env = env
        return env


def _listings(site: Site) -> tuple:
    """What the core's pages show: equal values, same pages."""
    return (site.as_of, site.articles, tuple(a.summary for a in site.articles), site.feed_items, site.report,
            site.entries)


def banner_text(site: Site, article) -> str:
    if article.draft:
        return "BẢN NHÁP — không được xuất bản"
    when = article.date.astimezone(site.config.tz)
    return f"HẸN GIỜ — xuất bản lúc {when:%H:%M} {timeutil.format_date(when.date())}"


class Preview:
    """The last build's MkDocs state, in ``site_dir``. ``full(site)`` builds everything into a new folder;
    ``update(site, changed)`` renders only the affected pages, or returns False when a full build is needed."""

    def __init__(self, config_file: Path, work_dir: Path):
        self.config_file = Path(config_file)
        self.work_dir = Path(work_dir)
        self.site_dir: Path | None = None
        self.cfg = None
        self.banners: dict[str, str] = {}  # "/bai-viet/x/" -> the banner of a draft or scheduled article
        self.drafts: dict[str, object] = {}  # src_uri -> withheld Article with a page here
        self.search_stale = False
        self._search_lock = threading.Lock()
        # the sitemap is written again when asked for after the set of pages changed (``ensure_file``); an update
        # holds the lock while it changes MkDocs' files
        self.sitemap_stale: object = None  # the Rendered whose page order the sitemap follows, or None
        self._files_lock = threading.RLock()
        self._serial = 0
        self.memo = RenderMemo()
        self.links = _Links()
        self.later: dict[str, Later] = {}  # site-relative path -> a download made when first asked for
        self._later_lock = threading.Lock()

    # ---- a full build ----

    def full(self, site: Site) -> Path:
        self._serial += 1
        site_dir = self.work_dir / f"site-{self._serial}"
        if site_dir.exists():
            shutil.rmtree(site_dir)
        cfg = mkdocs_config(config_file=str(self.config_file), site_dir=str(site_dir))
        plugin = cfg.plugins.get("chuyentrang")
        if plugin is None:
            raise InputError([])
        plugin.prepared = site
        self.memo = plugin.memo = RenderMemo()  # new settings or templates: nothing kept from the last build
        keep = _Keep()
        cfg.plugins["chuyentrang-xem-truoc"] = keep
        cfg.plugins.on_startup(command="serve", dirty=False)
        try:
            mkbuild.build(cfg)
        finally:
            cfg.plugins.on_shutdown()
        old = self.site_dir
        self.cfg, self.plugin, self.files, self.nav, self.env = cfg, plugin, keep.files, keep.nav, keep.env
        self.site_dir = site_dir
        self.drafts = {}
        with self._later_lock:
            self.later = {}
        self.search_stale = False
        self.sitemap_stale = None
        self._drafts(site, set())
        if old is not None and old != site_dir:
            shutil.rmtree(old, ignore_errors=True)
        return site_dir

    # ---- one save ----

    def update(self, site: Site, changed: set[str]) -> bool:
        with self._files_lock:
            return self._update(site, changed)

    def _update(self, site: Site, changed: set[str]) -> bool:
        plugin, cfg, files = self.plugin, self.cfg, self.files
        old_site: Site = plugin.state.site
        rendered = plugin.state.rendered if _listings(old_site) == _listings(site) else render_site(site, memo=self.memo)
        if rendered.nav != plugin.state.rendered.nav:
            return False
        in_nav = {src for _, src in rendered.nav}
        old_pages = plugin.state.generated
        new_pages = {p.src_uri: p for p in rendered.pages}
        if any(old_pages[src].title != new_pages[src].title for src in in_nav):
            return False

        build: list[Page] = []
        set_changed = False
        # the core's pages
        for src, p in new_pages.items():
            old = old_pages.get(src)
            if old is None:
                f = generated_file(cfg, p, False)
                files.append(f)
                Page(None, f, cfg)
                build.append(f.page)
                set_changed = True
            elif old != p:
                f = files.src_uris[src]
                if old.title != p.title:
                    f.content_string = generated_file(cfg, p, False).content_string
                build.append(f.page)
        for src in old_pages.keys() - new_pages.keys():
            self._remove(files.src_uris[src])
            set_changed = True
        old_static = {s.path: s.content for s in plugin.state.rendered.files}
        with self._later_lock:
            for s in rendered.files:
                if old_static.get(s.path) is not s.content and old_static.get(s.path) != s.content:
                    later = isinstance(s.content, Later)
                    files.append(File.generated(cfg, s.path, content=b"" if later else s.content))
                    if later:  # written when the server is asked for it (``ensure_file``)
                        self.later[s.path] = s.content
                        _unlink(self.site_dir / s.path, self.site_dir)
                    else:
                        self.later.pop(s.path, None)
                        _write(self.site_dir / s.path, s.content)
            for path in old_static.keys() - {s.path for s in rendered.files}:
                f = files.src_uris.get(path)
                if f is not None:
                    files.remove(f)
                self.later.pop(path, None)
                _unlink(self.site_dir / path, self.site_dir)

        # the articles
        old_arts = plugin.state.articles
        new_arts = {a.src_uri: a for a in site.articles}
        moved: set[str] = set()
        for src in (old_arts.keys() | new_arts.keys()):
            before, after = old_arts.get(src), new_arts.get(src)
            if before is not None and (after is None or after.url != before.url):
                self._remove(files.src_uris[src])
                plugin.state.article_texts.pop(before.url, None)
                moved.add(src)
            if after is not None and (before is None or after.url != before.url):
                f = File(src, cfg.docs_dir, cfg.site_dir, cfg.use_directory_urls, dest_uri=after.url + "index.html",
                         inclusion=InclusionLevel.NOT_IN_NAV)
                files.append(f)
                Page(None, f, cfg)
                build.append(f.page)
                moved.add(src)
            elif after is not None and src in changed:
                build.append(files.src_uris[src].page)
        if moved:
            set_changed = True
            for src in self.links.linking_to(site, moved) - moved:
                if src in new_arts and files.src_uris[src].page not in build:
                    build.append(files.src_uris[src].page)

        plugin.state.update(site, rendered, self.site_dir / searchdocs.SEARCH_INDEX)
        self.search_stale = True

        self._drafts(site, changed, before=old_site)
        for page in build:
            mkbuild._populate_page(page, cfg, files)
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        for page in build:
            mkbuild._build_page(page, cfg, doc_files, self.nav, self.env)
        if set_changed:
            self.sitemap_stale = rendered
            for name in SITEMAP:
                _unlink(self.site_dir / name, self.site_dir)
        return True

    def ensure_sitemap(self) -> None:
        """The sitemap, written again after the set of pages changed (only when a reader asks for it)."""
        with self._files_lock:
            if self.sitemap_stale is not None:
                self._reorder(self.sitemap_stale)
                mkbuild._build_theme_template("sitemap.xml", self.env, self.files, self.cfg, self.nav)
                self.sitemap_stale = None

    def _reorder(self, rendered) -> None:
        """The files in the order a clean build has them (the sitemap lists the pages in that order): the content
        folder's as MkDocs finds them, the core's pages as rendered, the rest as they were."""
        files = self.files
        order = {p.src_uri: n for n, p in enumerate(rendered.pages)}
        pages = [f for f in files if f.is_documentation_page()]
        own = sorted((f for f in pages if f.src_uri not in order), key=file_sort_key)
        made = sorted((f for f in pages if f.src_uri in order), key=lambda f: order[f.src_uri])
        for f in own + made:
            files.remove(f)
            files.append(f)

    def _remove(self, f: File) -> None:
        self.files.remove(f)
        _unlink(Path(f.abs_dest_path), self.site_dir)

    def _drafts(self, site: Site, changed: set[str], before: Site | None = None) -> None:
        """Pages for the drafts and scheduled articles (not in MkDocs' files: not in the sitemap, nowhere linked)."""
        plugin, cfg = self.plugin, self.cfg
        now = {a.src_uri: a for a in site.withheld}
        published = {a.url for a in site.articles}
        for src, a in list(self.drafts.items()):
            if src not in now or now[src].url != a.url or src in changed:
                if a.url not in published:
                    _unlink(self.site_dir / a.url / "index.html", self.site_dir)
                del self.drafts[src]
        self.banners = {"/" + a.url: banner_text(site, a) for a in site.withheld}
        todo = [a for src, a in now.items() if src not in self.drafts and a.url not in published]
        for a in todo:
            f = File(a.src_uri, cfg.docs_dir, cfg.site_dir, cfg.use_directory_urls, dest_uri=a.url + "index.html",
                     inclusion=InclusionLevel.NOT_IN_NAV)
            page = Page(None, f, cfg)
            plugin.state.articles[a.src_uri] = a  # made like any article's page, then forgotten by the plugin
            try:
                mkbuild._populate_page(page, cfg, self.files)
                mkbuild._build_page(page, cfg, self.files.documentation_pages(inclusion=InclusionLevel.is_included),
                                    self.nav, self.env)
            finally:
                del plugin.state.articles[a.src_uri]
                plugin.state.article_texts.pop(a.url, None)
            self.drafts[a.src_uri] = a

    def ensure_file(self, path: str) -> None:
        """The download at ``path`` (site-relative) written, if it was left to be made when asked for."""
        if path in SITEMAP:
            self.ensure_sitemap()
        if path not in self.later:
            return
        with self._later_lock:
            later = self.later.pop(path, None)
            if later is not None:
                content = later.bytes()
                if content is not None:
                    _write(self.site_dir / path, content)

    def ensure_search(self) -> None:
        """The search index, made again after the last change (only when a reader asks for it)."""
        with self._search_lock:
            if self.search_stale:
                self.plugin.state.search.finish(self.plugin.state.article_texts)
                self.search_stale = False

    def close(self) -> None:
        if self.site_dir is not None:
            shutil.rmtree(self.site_dir, ignore_errors=True)


SITEMAP = ("sitemap.xml", "sitemap.xml.gz")  # written by MkDocs' theme template "sitemap.xml"

# A Markdown file's name as a link ends it (``../bai-viet/x.md#muc``): what follows the last "/", up to ".md"
_MD_NAME = re.compile(r"[^\s/\\()\[\]<>\"'`]*\.md(?!\w)")


class _Links:
    """The Markdown file names each article's body names, read once per version of the article (an unchanged
    article is the same object from one save to the next)."""

    def __init__(self) -> None:
        self.names: dict[str, tuple[object, frozenset[str]]] = {}  # src_uri -> (article, names)

    def linking_to(self, site: Site, srcs: set[str]) -> set[str]:
        """The articles whose Markdown names one of ``srcs``' files (a link that MkDocs resolves to its page)."""
        wanted = {os.path.basename(s) for s in srcs}
        found, now = set(), {}
        for a in site.articles:
            kept = self.names.get(a.src_uri)
            if kept is None or kept[0] is not a:
                try:
                    # every name the pattern finds holds ".md": a body without it (most) is not decoded
                    raw = a.body_utf8 if a.body_utf8 is not None else a.body.encode("utf-8")
                    names = _MD_NAME.findall(raw.decode("utf-8")) if b".md" in raw else ()
                    kept = (a, frozenset(unquote(m) for m in names))
                except OSError:
                    continue
            now[a.src_uri] = kept
            if any(n.endswith(w) for n in kept[1] for w in wanted):
                found.add(a.src_uri)
        self.names = now
        return found


def _write(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)


def _unlink(path: Path, root: Path) -> None:
    """Remove ``path`` and the folders it leaves empty, up to ``root``."""
    try:
        path.unlink()
    except OSError:
        return
    parent = path.parent
    try:
        while parent != root and root in parent.parents and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent
    except OSError:
        pass
