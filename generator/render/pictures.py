"""Pictures: an article's ``image:`` made at build time, by Pillow, into a few widths for ``srcset`` (cards and the top
of the article) and a 1200×630 JPEG share card; and the site's default share card, a PNG with the site's name.

Facebook and Zalo show no SVG, so a share image is never one (an article's ``image:`` must be JPEG, PNG or WebP:
``generator.core.articles`` says so with its line). Feed items' pictures are not shown: they live on the newspapers'
servers, and showing one would make every reader's browser ask another site (the archive keeps only their address).

Plain Python: ``make_pictures`` returns frozen values and the files' bytes; the templates only print them.
"""
from __future__ import annotations

import hashlib
import io
import os
import textwrap
from dataclasses import dataclass
from html import escape
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

FOLDER = "anh/"
WIDTHS = (320, 640, 1024)  # for srcset: a card's thumbnail on any phone, the article's picture up to a wide screen
SHARE = (1200, 630)  # what Facebook, Zalo and X show large
DEFAULT_SHARE = FOLDER + "chia-se.png"
JPEG = {"format": "JPEG", "quality": 78, "optimize": True, "progressive": True}


@dataclass(frozen=True)
class Picture:
    src: str  # as the article's ``image:`` names it: "/assets/a.jpg"
    width: int  # of the widest variant made (the ``width`` and ``height`` attributes: the page keeps its place)
    height: int
    variants: tuple[tuple[str, int], ...]  # (site-relative path, width), narrowest first
    share: str  # site-relative path of its 1200×630 share card


def make_pictures(articles, content_dir: Path, kept: dict | None = None
                  ) -> tuple[dict[str, Picture], list[tuple[str, bytes]]]:
    """The pictures of ``articles`` (each image once), and the files to publish: their variants and share cards.
    ``kept``: the preview's, between saves: an image file with the same name, time and size is not made again."""
    pictures: dict[str, Picture] = {}
    files: list[tuple[str, bytes]] = []
    for a in articles:
        if a.image and a.image not in pictures:
            path = Path(content_dir) / a.image.lstrip("/")
            key = None
            if kept is not None:
                try:
                    st = path.stat()
                    key = (a.image, st.st_mtime_ns, st.st_size)
                except OSError:
                    pass
            if key is not None and key in kept:
                picture, made = kept[key]
            else:
                picture, made = _make(a.image, path)
                if key is not None:
                    kept[key] = (picture, made)
            pictures[a.image] = picture
            files += made
    return pictures, files


def _make(src: str, path: Path) -> tuple[Picture, list[tuple[str, bytes]]]:
    data = path.read_bytes()
    stem = "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in path.stem.lower()).strip("-")[:40] or "anh"
    name = f"{FOLDER}{stem}-{hashlib.sha256(data).hexdigest()[:8]}"  # a new picture, a new address: no stale cache
    with Image.open(io.BytesIO(data)) as im:
        im = _rgb(ImageOps.exif_transpose(im))
    files, variants = [], []
    for w in WIDTHS:
        if variants and w > im.width:
            break  # never made wider than the original
        small = _resized(im, min(w, im.width))
        url = f"{name}-{small.width}.jpg"
        files.append((url, _jpeg(small)))
        variants.append((url, small.width))
        last = small
    share = ImageOps.fit(im, SHARE, Image.Resampling.LANCZOS)
    files.append((f"{name}-chia-se.jpg", _jpeg(share)))
    return Picture(src, last.width, last.height, tuple(variants), f"{name}-chia-se.jpg"), files


def _rgb(im: Image.Image) -> Image.Image:
    if im.mode in ("RGBA", "LA", "P"):
        im = im.convert("RGBA")
        flat = Image.new("RGB", im.size, "white")
        flat.paste(im, mask=im.getchannel("A"))
        return flat
    return im.convert("RGB")


def _resized(im: Image.Image, width: int) -> Image.Image:
    height = max(1, round(im.height * width / im.width))
    return im.resize((width, height), Image.Resampling.LANCZOS) if width != im.width else im


def _jpeg(im: Image.Image) -> bytes:
    out = io.BytesIO()
    im.save(out, **JPEG)
    return out.getvalue()


# Fonts with the Vietnamese letters, where systems keep them (Debian, Alpine, Fedora, macOS, Windows); Pillow's own
# font has no "ể": without any of these the card still has the name, in letters without their marks.
FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf", "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
         "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", "/usr/share/fonts/noto/NotoSans-Bold.ttf",
         "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
         "/Library/Fonts/Arial Bold.ttf", "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
         "C:/Windows/Fonts/arialbd.ttf")


def _font(size: int):
    for path in FONTS:
        if os.path.isfile(path):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def default_share_card(site_name: str, subtitle: str = "") -> bytes:
    """The share card of a page without its own picture: 1200×630 PNG, the site's name in white on the theme's
    indigo, wrapped on word boundaries."""
    im = Image.new("RGB", SHARE, "#283593")
    draw = ImageDraw.Draw(im)
    draw.rectangle((0, SHARE[1] - 24, SHARE[0], SHARE[1]), fill="#ffb300")
    size, lines = 84, []
    while size >= 40:
        font = _font(size)
        lines = textwrap.wrap(site_name, width=max(8, int(1000 / (size * 0.58))))
        if len(lines) <= 4 and all(draw.textlength(line, font=font) <= 1040 for line in lines):
            break
        size -= 8
    y = 110
    for line in lines[:4]:
        draw.text((80, y), line, font=font, fill="white")
        y += int(size * 1.25)
    if subtitle:
        small = _font(36)
        for line in textwrap.wrap(subtitle, width=52)[:2]:
            draw.text((80, y + 30), line, font=small, fill="#e8eaf6")
            y += 46
    out = io.BytesIO()
    im.save(out, format="PNG", optimize=True)
    return out.getvalue()


def img_html(p: Picture, link, sizes: str, cls: str, lazy: bool = True, alt: str = "") -> str:
    """An ``<img>`` of ``p`` with its srcset (links made by ``link`` from site-relative paths), its width and height
    (the browser keeps its place before it loads), lazy below the fold."""
    srcset = ", ".join(f"{escape(link(url))} {w}w" for url, w in p.variants)
    loading = ' loading="lazy"' if lazy else ' fetchpriority="high"'
    return (f'<img class="{cls}" src="{escape(link(p.variants[0][0]))}" srcset="{srcset}" sizes="{sizes}" '
            f'width="{p.width}" height="{p.height}" alt="{escape(alt)}" decoding="async"{loading}>')
