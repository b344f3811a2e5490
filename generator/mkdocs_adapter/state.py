"""What one build knows, in one object the plugin makes at ``on_config``: the judged site, what the core rendered
from it, and the lookups the page hooks use. The preview keeps it between saves and replaces the site's part with
``update`` (one place, not attributes set on the plugin from outside)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from generator.core.site import Site
from generator.render import citizen as citizen_mod
from generator.render import searchdocs
from generator.render.pages import Rendered
from generator.support import parallel


@dataclass
class BuildState:
    site: Site
    citizen: citizen_mod.Citizen
    rendered: Rendered
    search: searchdocs.SearchIndex  # the search index of this build (made by index_job, or here at the end)
    print_source: str  # the print block's source line
    static: dict  # src_uri -> the plain page (content/trang/)
    generated: dict = field(default_factory=dict)  # src_uri -> the core's page
    articles: dict = field(default_factory=dict)  # src_uri -> the published Article
    withheld: set = field(default_factory=set)  # src_uris of drafts and scheduled articles: never built
    tag_names: dict = field(default_factory=dict)  # tag slug -> its name
    pictures: dict = field(default_factory=dict)  # image path -> its Picture
    article_texts: dict = field(default_factory=dict)  # article URL -> its text for the search index
    index_job: parallel.Job | None = None  # the child making the search index (on_config to on_post_build)
    pages: object = None  # pagework.PageShare: the articles a child builds (on_nav to on_post_build)
    mkdocs_state: tuple | None = None  # (files, nav) kept for the page child's finish
    env: object = None  # the theme's template environment, once MkDocs made it

    def __post_init__(self) -> None:
        self.update(self.site, self.rendered)

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
