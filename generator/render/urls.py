"""Site URLs: one place that says where each kind of page lives, and relative links between pages."""
from __future__ import annotations

import posixpath
from typing import Callable

from generator.core import timeutil
from generator.core.tags import tag_url


def week(pid: str) -> str:
    return f"tuan/{timeutil.week_slug(pid)}/"


def category(cid: str, page: int = 1) -> str:
    return f"chuyen-muc/{cid}/" + (f"trang-{page}/" if page > 1 else "")


def month(pid: str, page: int = 1) -> str:
    y, m = pid.split("-")
    return f"luu-tru/{y}/{m}/" + (f"trang-{page}/" if page > 1 else "")


def tag(slug: str, page: int = 1) -> str:
    return tag_url(slug, page)


HOME = ""
WEEKS = "tuan/"
CATEGORIES = "chuyen-muc/"
ARCHIVE = "luu-tru/"
NEWS = "tin-bao-dai/"
LOG = "nhat-ky-tan-suat/"
SEARCH = "tim-kiem/"
FEEDBACK = "gop-y/"
SITE_MAP = "so-do-trang/"
TAGS = "the/"


def period_anchor(pid: str) -> str:
    """The id of a period's section on an evidence page: ``2024-W05`` -> ``ky-2024-w05``."""
    return "ky-" + pid.lower()


def src_uri(url: str) -> str:
    """The MkDocs source name that gives ``url`` with directory URLs: ``tuan/2024-w05/`` -> ``tuan/2024-w05/index.md``."""
    return url + "index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative, directory style)."""
    if "://" in to_url:
        return to_url
    # posixpath.relpath's result, without its abspath/normpath passes (every link of every page comes here)
    f = [s for s in from_url.split("/") if s]
    t = [s for s in to_url.split("/") if s]
    if ("." in from_url or "." in to_url) and any(s in (".", "..") for s in (*f, *t)):
        target = posixpath.relpath("/" + to_url, "/" + from_url)
    else:
        i, n = 0, min(len(f), len(t))
        while i < n and f[i] == t[i]:
            i += 1
        target = "/".join([".."] * (len(f) - i) + t[i:]) or "."
    if to_url.endswith("/") and not target.endswith("/"):
        target = "./" if target == "." else target + "/"
    return target


def linker(from_url: str) -> Callable[[str], str]:
    """``relative(from_url, to)`` for the many links of one page: a link into another top-level folder is the way up
    and the target (``../../bai-viet/x/``), made without splitting either URL; the others go the long way."""
    f = [s for s in from_url.split("/") if s]
    if "." in from_url and any(s in (".", "..") for s in f):
        return lambda to: relative(from_url, to)
    up = "../" * len(f)
    first = f[0] if f else ""

    def link(to: str) -> str:
        head = to.split("/", 1)[0]
        if not head or head == first or "." in to or "//" in to:  # "//": empty segments, and "://"
            return relative(from_url, to)
        return up + to

    return link
