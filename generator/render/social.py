"""Sharing cards: the Open Graph and Twitter tags of a page, with absolute URLs and a share image."""
from __future__ import annotations

from generator.render.pictures import DEFAULT_SHARE, FOLDER, SHARE


def absolute(site_url: str, url: str) -> str:
    """``url`` (site-relative, or an absolute path from the content folder such as ``/assets/a.jpg``) made absolute
    with ``site_url``; "" when the site has no ``site_url``."""
    if "://" in url:
        return url
    return site_url + url.lstrip("/") if site_url else ""


def share_image(picture, configured: object = None) -> str:
    """The share card of a page: its article's picture made 1200×630 (``generator.render.pictures``), else the image
    set in ``extra.image`` unless it is an SVG (Facebook and Zalo show none), else the card made with the site's name."""
    if picture is not None:
        return picture.share
    if isinstance(configured, str) and configured.strip() and not configured.lower().split("?")[0].endswith(".svg"):
        return configured
    return DEFAULT_SHARE


def social_tags(*, site_name: str, site_url: str, page_url: str, title: str, description: str,
                image: str = "", kind: str = "website", published: str = "") -> list[tuple[str, str, str]]:
    """Open Graph and Twitter card tags for one page: ``(attribute, name, content)``, e.g.
    ``("property", "og:title", "...")``. URLs are absolute (Facebook and Zalo ignore relative ones)."""
    tags = [
        ("property", "og:type", kind),
        ("property", "og:site_name", site_name),
        ("property", "og:locale", "vi_VN"),
        ("property", "og:title", title),
    ]
    if description:
        tags.append(("property", "og:description", description))
    canonical = absolute(site_url, page_url)
    if canonical:
        tags.append(("property", "og:url", canonical))
    image_url = absolute(site_url, image) if image else ""
    if image_url:
        tags.append(("property", "og:image", image_url))
        if image.startswith(FOLDER):  # made by generator.render.pictures: its size is known
            tags += [("property", "og:image:width", str(SHARE[0])), ("property", "og:image:height", str(SHARE[1]))]
        tags.append(("property", "og:image:alt", title))
    if kind == "article" and published:
        tags.append(("property", "article:published_time", published))
    tags.append(("name", "twitter:card", "summary_large_image" if image_url else "summary"))
    tags.append(("name", "twitter:title", title))
    if description:
        tags.append(("name", "twitter:description", description))
    if image_url:
        tags.append(("name", "twitter:image", image_url))
    return tags
