"""The MkDocs adapter: a few hooks that hand MkDocs what the plain-Python core produced. No logic lives here."""
from __future__ import annotations

import html as htmllib
import json
import logging
from dataclasses import replace
from pathlib import Path

from markupsafe import Markup
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel

from generator.support import parallel
from generator.core.config import SETTINGS, load_config
from generator.mkdocs_adapter import pagecache, pageoutput, pagework
from generator.mkdocs_adapter.state import BuildState
from generator.publish.output import output_problems
from generator.core.problems import InputError, raise_if_any
from generator.render import render_site
from generator.render.memo import RenderMemo
from generator.render import citizen as citizen_mod
from generator.render import social
from generator.render import searchdocs
from generator.render import printing
from generator.render.article import decorate, root_links_relative, sanitize
from generator.reports.report import to_text
from generator.core.schema import Bool
from generator.core.site import Site, load_site

log = logging.getLogger("mkdocs.plugins.chuyentrang")


class _Stopped(PluginError):
    """The plugin stopped `mkdocs build` before anything was written: bad input (exit 2) or a missed target (exit 1),
    the codes `chuyentrang build` gives. MkDocs would end with its own English line and exit 1 for both."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code

    def __reduce__(self):  # made again with its code when it crosses a process boundary
        return type(self), (self.message, self.code)


STATIC = Path(__file__).parents[1] / "render" / "static"
CSS = "assets/chuyentrang/chuyentrang.css"
PRINT_CSS = "assets/chuyentrang/print.css"  # linked with media="print" by theme/main.html


def _plugin_config() -> type[Config]:
    """MkDocs' declaration of the plugin's settings, made from generator.core.config.SETTINGS (the one table).

    generator.core.config has judged every key already, with its line and a Vietnamese message: MkDocs only has to
    accept the keys (an unknown key or a wrong value never reaches it as a build). ``enabled`` keeps its type
    because the hooks below read it.
    """
    options = {}
    for f in SETTINGS.fields:
        if isinstance(f.kind, Bool):
            options[f.name] = c.Type(bool, default=f.default)
        else:
            options[f.name] = c.Optional(c.Type(object))
    return type("PluginConfig", (Config,), options)


PluginConfig = _plugin_config()


def generated_file(config, p, in_nav: bool) -> File:
    """The MkDocs file of a page the core rendered: only its title, as front matter (on_page_content gives the HTML)."""
    # JSON is YAML: any title (quotes, backslashes, line ends) comes back as it was, and adds no other key
    front = f"---\ntitle: {json.dumps(p.title, ensure_ascii=False)}\n---\n"
    return File.generated(config, p.src_uri, content=front,
                          inclusion=InclusionLevel.INCLUDED if in_nav else InclusionLevel.NOT_IN_NAV)


class ChuyenTrangPlugin(BasePlugin[PluginConfig]):
    prepared: Site | None = None  # set by `chuyentrang build`, which has already loaded and judged the site
    memo: RenderMemo | None = None  # set by `chuyentrang serve`: the generated pages it keeps between saves
    phases = None  # generator.cli.phases.Phases of `chuyentrang build`: what the build is doing, on stderr
    command = "build"  # MkDocs' command, from on_startup ("build" or "serve")
    dirty = False
    state: BuildState | None = None  # what this build knows (on_config on); the preview keeps it between saves

    def on_startup(self, *, command, dirty) -> None:
        self.command = command
        self.dirty = dirty

    def on_config(self, config):
        if not self.config.enabled:
            return config
        site = self.prepared
        if site is None:
            try:
                settings = load_config(config.config_file_path)
                if self.command != "serve":
                    # Plain `mkdocs build` empties site_dir right after this hook: the same guard as `chuyentrang
                    # build` first, so `-d feeds`, `-d .git` or someone's folder is refused before anything is removed.
                    # (`mkdocs serve` builds into a temporary folder of its own.)
                    raise_if_any(output_problems(settings, Path(config.site_dir)))
                site = load_site(settings, map=parallel.Pool())  # serial while threads run (serve)
            except InputError as exc:
                raise _Stopped("Dữ liệu đầu vào có lỗi:\n" + str(exc), 2) from None
            if not site.report.may_publish:
                if self.command == "serve":
                    log.warning("Không đạt chỉ tiêu tần suất (khi xuất bản thật, trang sẽ không được build):\n%s",
                                to_text(site.report))
                else:
                    raise _Stopped(to_text(site.report), 1)
        try:
            citizen = citizen_mod.load_citizen(site)
        except InputError as exc:
            if self.prepared is not None:
                raise
            raise _Stopped("Dữ liệu đầu vào có lỗi:\n" + str(exc), 2) from None
        # The search index is made in a child process on the other core: it indexes the feed items now, while this
        # process renders the pages, and the articles once MkDocs has rendered them (on_env); on_post_build waits.
        search = searchdocs.SearchIndex(site, citizen, Path(config.site_dir) / searchdocs.SEARCH_INDEX)
        index_job = parallel.start(search.finish, before=search.prepare)
        # A build renders each generated page when MkDocs writes it (on_page_context); serve keeps them to compare
        rendered = render_site(site, later=self.command == "build", memo=self.memo)
        if self.phases is not None:
            self.phases.end(f"{len(rendered.pages)} trang")
        for notice in rendered.notices:
            log.warning(notice)
        self.state = BuildState(site, citizen, rendered, search, printing.print_source(site, citizen),
                                {p.src_uri: p for p in citizen.pages}, index_job=index_job)
        config.extra["chuyentrang"] = {"banners": citizen_mod.banner_context(citizen),
                                       "search": citizen_mod.SEARCH, "print_css": PRINT_CSS,
                                       "footer": citizen_mod.footer_context(site, citizen)}
        if config.nav is None:
            config.nav = [{title: src} for title, src in rendered.nav]
        theme = config.theme
        if theme.name == "material" and not theme.get("font") is False:
            theme["font"] = False  # Google Fonts would be a third-party request from every reader
        if theme.name == "material" and theme.get("language") != "vi":
            # Every page's text is Vietnamese: without `language: vi` (Material's default is English) each page would
            # say lang="en" to screen readers and print Material's English words ("Table of contents", "Back to top").
            theme["language"] = "vi"
        theme.dirs.insert(1 if theme.custom_dir else 0, str(Path(__file__).parent / "theme"))
        config.extra_css.append(CSS)
        if config.copyright:  # HTML by Material's documentation: sanitized once, then printed as it is
            config.copyright = Markup(sanitize(str(config.copyright)))
        config.validation.nav.omitted_files = logging.DEBUG
        return config

    def on_files(self, files: Files, config) -> Files:
        if not self.config.enabled:
            return files
        for f in list(files):
            if f.src_uri in self.state.withheld:
                files.remove(f)
            elif f.src_uri in self.state.static:
                f.inclusion = InclusionLevel.NOT_IN_NAV  # footer and site map, not the tabs
            elif f.src_uri in self.state.articles:
                f.dest_uri = self.state.articles[f.src_uri].url + "index.html"
                for cached in ("url", "abs_dest_path"):
                    f.__dict__.pop(cached, None)
                f.inclusion = InclusionLevel.NOT_IN_NAV
        in_nav = {src for _, src in self.state.rendered.nav}
        for p in self.state.rendered.pages:
            files.append(generated_file(config, p, p.src_uri in in_nav))
        for s in self.state.rendered.files:
            files.append(self._static_file(config, files, s))
        if self.command == "build":  # written: the files' bytes (a hundred MB at 10,000 articles) are not kept
            self.state.rendered = replace(self.state.rendered, files=())
        files.append(File.generated(config, CSS, abs_src_path=str(STATIC / "chuyentrang.css")))
        files.append(File.generated(config, PRINT_CSS, abs_src_path=str(STATIC / "print.css")))
        if self.phases is not None:
            self.phases.begin("Dựng các trang HTML", total=len(files.documentation_pages()))
        return files

    def _static_file(self, config, files: Files, s) -> File:
        """The MkDocs file of one of the core's files. A build writes it into the site folder now (MkDocs has emptied
        it; it leaves a file whose source is its destination as it is) and keeps only its path. A file a child
        process is making (``parallel.Elsewhere``: a formal report's PDF) is written when the build ends."""
        content = s.content
        f = File.generated(config, s.path, abs_src_path=str(Path(config.site_dir, s.path)))
        if self.command != "build" or self.dirty or f.abs_dest_path != f.abs_src_path:
            if isinstance(content, parallel.Elsewhere):
                content = content.result()
            return File.generated(config, s.path, content=content)
        other = files.get_file_from_path(s.path)
        if other is not None:  # a file of content/ at the same place: the core's replaces it, as MkDocs copied it last
            files.remove(other)
        dest = Path(f.abs_dest_path)
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, parallel.Elsewhere):
            self.state.later_files.append((dest, content))
            content = b""  # there for MkDocs to leave as it is; its bytes are written by on_post_build
        dest.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return f

    def on_nav(self, nav, config, files):
        # A child builds the last articles on the other core (generator/pagework.py), from now to on_post_build.
        if self.config.enabled and self.command == "build" and not self.dirty \
                and pagework.own_events_only(config, self):
            self.state.outputs = pageoutput.PageOutputs()  # an unchanged page's HTML from the build cache
            articles = [f for f in files.documentation_pages()
                        if f.src_uri in self.state.articles and f.inclusion.is_not_in_nav() and not f.inclusion.is_excluded()]
            self.state.pages = pagework.PageShare.start(config, files, nav, articles, lambda: self.state.article_texts,
                                                  self._in_page_child)
            self.state.mkdocs_state = (files, nav)
        return nav

    def _in_page_child(self):
        self.state.index_job = None  # the search child is this process's parent's

    def on_page_read_source(self, page, config):
        if not self.config.enabled:
            return None
        if page.file.src_uri in self.state.generated:
            pagework.skip_empty_render(page)
        elif self.state.pages is not None and self.state.pages.owns(page):
            pagework.skip_empty_render(page)
            return ""  # the child reads and converts it
        return None

    def on_page_markdown(self, markdown, page, config, files):
        if self.state is None:
            return markdown
        if self.state.pages is not None and self.state.pages.owns(page):
            return ""
        if page.file.src_uri in self.state.generated:
            page.meta["description"] = self.state.generated[page.file.src_uri].description or page.meta.get("description")
            return ""
        pagecache.use_cache(page)  # converted once per content, links' targets and settings (generator.support.cache)
        static = self.state.static.get(page.file.src_uri)
        if static is not None and static.description:
            page.meta["description"] = static.description
        article = self.state.articles.get(page.file.src_uri)
        if article is not None:
            page.meta.setdefault("description", article.summary)
            return root_links_relative(markdown, page.file.src_uri, self.state.site.config.content_dir)
        return markdown

    def on_page_content(self, html, page, config, files):
        if self.state is None:
            return html
        if self.state.pages is not None and self.state.pages.owns(page):
            return ""  # not read here: a title set now would outlive a fallback to this process
        _plain_titles(page)
        gen = self.state.generated.get(page.file.src_uri)
        if gen is not None:
            return gen.html
        a = self.state.articles.get(page.file.src_uri)
        if a is not None:
            cfg = self.state.site.config
            cat = cfg.category(a.category)
            ch = cfg.channel(a.channel) if a.channel != cfg.default_channel else None
            self.state.article_texts[a.url] = searchdocs.search_text(html)
            return printing.article_page(
                decorate(html, a, a.url, cat.name if cat else a.category, ch.name if ch else None, cfg.tz,
                         self.state.tag_names, self.state.pictures.get(a.image)),
                a.url, cfg.site_url, a.date, cfg.tz, self.state.print_source)
        static = self.state.static.get(page.file.src_uri)
        if static is not None:
            return citizen_mod.static_page_html(sanitize(html), static)
        return sanitize(html)  # any other Markdown page of content/ is editors' text too

    def on_page_context(self, context, page, config, nav):
        if not self.config.enabled or (self.state.pages is not None and self.state.pages.owns(page)):
            return context
        # The theme escapes every value (on_env); the page's HTML is the one value that is HTML, made by our
        # autoescaped templates or passed through nh3 (on_page_content).
        gen = self.state.generated.get(page.file.src_uri)
        if gen is not None and gen.later is not None:
            page.content = Markup(gen.render())  # let go in on_post_page
        elif isinstance(page.content, str) and not isinstance(page.content, Markup):
            page.content = Markup(page.content)
        cfg = self.state.site.config
        a = self.state.articles.get(page.file.src_uri)
        page.meta["ct_social"] = social.social_tags(
            site_name=cfg.site_name, site_url=cfg.site_url, page_url=page.url,
            title=page.meta.get("title") or page.title or cfg.site_name,
            description=page.meta.get("description") or cfg.site_description,
            image=social.share_image(self.state.pictures.get(a.image) if a else None, config.extra.get("image")),
            kind="article" if a else "website", published=a.date.isoformat() if a else "")
        if self.state.outputs is not None:  # last: the key holds what this hook added
            self.state.outputs.look_up(context, page, config)
        return context

    def on_post_page(self, output, page, config):
        # MkDocs writes `output`; nothing reads the page's Markdown or HTML again. Letting them go keeps the build's
        # memory flat: 10,000 articles would otherwise hold about 300 MB until the end.
        if self.state is not None and self.state.outputs is not None:
            output = self.state.outputs.take(output, page)
        page.markdown = None
        page.content = None
        if self.phases is not None:
            self.phases.advance()
        return output

    def on_env(self, env, config, files):
        if self.config.enabled:
            # MkDocs' theme environment does not escape: Material would print an editor's title, summary, a channel's
            # or campaign's name into <title>, <h1> and <meta content="…"> as HTML. Set before any template is
            # compiled, so every {{ value }} of every template (Material's, ours, sitemap.xml) is escaped.
            env.autoescape = True
        if self.state is None:
            return env
        # Every page's Markdown is rendered by now (MkDocs renders them all before the templates): the child gets
        # the articles' text and builds the index; on_post_build waits for it.
        if self.config.enabled and self.state.pages is not None and not self.state.pages.in_child:
            self.state.env = env
            self.state.article_texts.update(self.state.pages.received(config, files, env))
        if self.state.index_job is not None:
            self.state.index_job.send(self.state.article_texts)
        return env

    def on_build_error(self, error):
        if isinstance(error, _Stopped) and self.command != "serve":  # build, gh-deploy
            # said here, and ended with a Vietnamese line and the exit code of `chuyentrang build`, in place of
            # MkDocs' "Aborted with a BuildError!" and exit 1 (Abort is MkDocs' public way to end a command)
            log.error(str(error))
            stopped = Abort("Build dừng lại: không có gì được xuất bản, thư mục kết quả giữ nguyên.")
            stopped.exit_code = error.code
            raise stopped from None
        if self.state is None:
            return
        job = self.state.index_job
        if job is not None:
            job.cancel()  # nothing writes into the site folder once the build has stopped
        for _, made in self.state.later_files:
            made.cancel()
        self.state.later_files = []
        if self.state.pages is not None:
            self.state.pages.cancel()

    def on_post_build(self, config):
        if not self.config.enabled:
            return
        if self.state.pages is not None:
            self.state.pages.finish(config, *self.state.mkdocs_state, self.state.env)
            self.state.pages = None
        for path, made in self.state.later_files:  # made by now, or made here if their child failed
            path.write_bytes(made.result())
        self.state.later_files = []
        job = self.state.index_job
        if job is None or not job.join():  # no child (mkdocs serve, one core), or it failed: build it here
            self.state.search.finish(self.state.article_texts)
        if self.phases is not None:  # every page is written by now, here or by the page child (not counted here)
            self.phases.end(f"{self.phases.total if self.phases.total is not None else self.phases.done} trang")


def _plain_titles(page) -> None:
    """The page's title taken from its first heading, and its table of contents, as plain text: MkDocs gives them as
    HTML text (entities kept, tags stripped), which the escaping theme would escape a second time."""
    if "title" not in page.meta and page.title:
        page.title = htmllib.unescape(page.title)
    stack = list(page.toc or ())
    while stack:
        item = stack.pop()
        item.title = htmllib.unescape(item.title)
        stack.extend(item.children)
