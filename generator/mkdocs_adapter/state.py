"""What one build knows, in one object the plugin makes at ``on_config``: the judged site, what the core rendered
from it, and the lookups the page hooks use. The preview keeps it between saves and replaces the site's part with
``update`` (one place, not attributes set on the plugin from outside)."""
from __future__ import annotations

from pathlib import Path

from generator.core.site import Site
from generator.render import citizen as citizen_mod
from generator.render import searchdocs
from generator.render.pages import Rendered
from generator.support import parallel


class BuildState:
    """Not a value (it holds a child process, a template environment): one object per build, its fields fixed here."""

    __slots__ = ("site", "citizen", "rendered", "search", "print_source", "static", "generated", "articles",
                 "withheld", "tag_names", "pictures", "article_texts", "index_job", "pages", "outputs", "mkdocs_state", "env",
                 "later_files")

    def __init__(self, site: Site, citizen: citizen_mod.Citizen, rendered: Rendered, search: searchdocs.SearchIndex,
                 print_source: str, static: dict, index_job: parallel.Job | None = None):
        self.citizen = citizen
        self.search = search  # the search index of this build (made by index_job, or here at the end)
        self.print_source = print_source  # the print block's source line
        self.static = static  # src_uri -> the plain page (content/trang/)
        self.article_texts: dict[str, str] = {}  # article URL -> its text for the search index
        self.index_job = index_job  # the child making the search index (on_config to on_post_build)
        self.pages = None  # pagework.PageShare: the articles a child builds (on_nav to on_post_build)
        self.outputs = None  # pageoutput.PageOutputs: pages' HTML from the build cache (on_nav to on_post_build)
        self.mkdocs_state: tuple | None = None  # (files, nav) kept for the page child's finish
        self.env = None  # the theme's template environment, once MkDocs made it
        # (path in the site folder, parallel.Elsewhere): files made by child processes (the formal reports' PDFs),
        # written when the build ends (on_post_build)
        self.later_files: list[tuple[Path, parallel.Elsewhere]] = []
        # the site's part: site, rendered, generated (src_uri -> the core's page), articles (src_uri -> published
        # Article), withheld (src_uris of drafts and scheduled articles), tag_names, pictures
        self.update(site, rendered)

    def update(self, site: Site, rendered: Rendered, search_dir: Path | None = None) -> None:
        """The site's part made again from ``site`` and ``rendered`` (the preview after a save); ``search_dir``: a
        new search index in that folder."""
        self.site, self.rendered = site, rendered
        self.generated = {p.src_uri: p for p in rendered.pages}
        self.articles = {a.src_uri: a for a in site.articles}
        self.withheld = {a.src_uri for a in site.withheld}
        self.tag_names = {t.slug: t.name for t in rendered.tags}
        self.pictures = {p.src: p for p in rendered.pictures}
        if search_dir is not None:
            self.search = searchdocs.SearchIndex(site, self.citizen, search_dir)
