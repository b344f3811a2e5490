"""An article page's HTML: the Markdown output made safe, framed by its date, category, tags and week."""
from __future__ import annotations

import posixpath
import re
from html import escape
from pathlib import Path

import nh3

from generator.core import timeutil
from generator.core.articles import Article
from generator.core.slugs import tag_key
from generator.render import urls
from generator.render.pictures import Picture, img_html

_ATTRS = {
    "*": {"id", "class", "title", "lang", "dir", "role"},
    "a": {"href", "title", "name"},
    "img": {"src", "alt", "width", "height", "loading", "title"},
    "td": {"colspan", "rowspan", "align", "style"},
    "th": {"colspan", "rowspan", "align", "scope", "style"},
    "time": {"datetime"},
    "ol": {"start", "type"},
    "abbr": {"title"},
}


_ROOT_LINK = re.compile(r"(\]\(\s*<?|\b(?:src|href)\s*=\s*[\"']?)/(?!/)([^)\s\"'>#?]*)")


def root_links_relative(markdown: str, src_uri: str, content_dir: Path) -> str:
    """Editors write ``/assets/x.jpg`` for a file in content/; make it relative to the Markdown file so that MkDocs
    checks it and the site also works below a sub-path (a GitHub Pages project site)."""
    up = posixpath.relpath(".", posixpath.dirname(src_uri) or ".")
    prefix = "" if up == "." else up + "/"

    def fix(m: re.Match) -> str:
        if not (content_dir / m.group(2)).is_file():
            return m.group(0)
        return m.group(1) + prefix + m.group(2)

    return _ROOT_LINK.sub(fix, markdown)


_CLEANER = nh3.Cleaner(  # built once, not on every call as nh3.clean() does
    tags=set(nh3.ALLOWED_TAGS) - {"area", "map"},
    attributes=_ATTRS,
    generic_attribute_prefixes={"aria-", "data-"},
    url_schemes={"http", "https", "mailto", "tel"},
    link_rel=None,
    filter_style_properties={"text-align"},
)


def sanitize(html: str) -> str:
    """Editors' Markdown may hold raw HTML: keep document structure, drop scripts, forms, frames, handlers and
    any link that is not http(s), mailto, tel or relative."""
    return _CLEANER.clean(html)


def tag_links(tags, link, names: dict[str, str]) -> str:
    """"Từ khóa: " and a link to each tag's page, under the tag's one name (``generator.core.tags``)."""
    out = []
    for t in tags:
        slug = tag_key(t)
        if slug:
            out.append(f'<a href="{escape(link(urls.tag(slug)))}">{escape(names.get(slug, t))}</a>')
    return f'<p class="ct-tags">Từ khóa: {", ".join(out)}</p>' if out else ""


HERO_SIZES = "(min-width: 76.25em) 38rem, 100vw"  # the text column's width (Material's grid)


def decorate(content_html: str, a: Article, here: str, category_name: str, channel_name: str | None, tz,
             tag_names: dict[str, str] | None = None, picture: Picture | None = None) -> str:
    local = a.date.astimezone(tz)
    week = timeutil.week_id(local.date())
    meta = [
        f'<time datetime="{timeutil.iso(local)}">{timeutil.format_date(local)}</time>',
        f'<a href="{escape(urls.relative(here, urls.category(a.category)))}">{escape(category_name)}</a>',
    ]
    if a.author:
        meta.append(f"<span>{escape(a.author)}</span>")
    if channel_name:
        meta.append(f"<span>{escape(channel_name)}</span>")
    head = f'<p class="ct-meta ct-article-meta">Đăng ngày {" · ".join(meta)}</p>'
    if picture is not None:  # the top of the page: loaded at once
        head += img_html(picture, urls.linker(here), HERO_SIZES, "ct-article__pic", lazy=False)
    tags = ""
    if a.tags:
        tags = tag_links(a.tags, urls.linker(here), tag_names or {})
    foot = (f'<footer class="ct-article-foot">{tags}<p>Bài viết thuộc '
            f'<a href="{escape(urls.relative(here, urls.week(week)))}">chuyên trang {escape(timeutil.describe_period(week))}</a>.</p>'
            "</footer>")
    return head + sanitize(content_html) + foot
