"""Redirect pages: one small page at each old address of an article (``redirect_from:``), sending the reader on to
its address now. A static file, not a page of the site: it has no navigation and is not in the sitemap (a sitemap
lists the addresses a search engine should keep; these ask to be left out, ``noindex``, and name the article's
address as canonical)."""
from __future__ import annotations

from jinja2 import Environment

from generator.core.site import Site


def redirect_files(site: Site, env: Environment) -> list[tuple[str, bytes]]:
    """(site-relative path, HTML) of the redirect page of every old address of every published article. Drafts
    and scheduled articles have none until they are published: their address does not answer yet either."""
    template = env.get_template("redirect.html")
    files = []
    for article in site.articles:
        for old in article.redirect_from:
            # relative, so that it works wherever the site is served (a preview, a folder of the host)
            target = f"../{article.slug}/"
            html = template.render(title=article.title, target=target, canonical=site.article_url(article))
            files.append((f"bai-viet/{old}/index.html", html.encode("utf-8")))
    return files
