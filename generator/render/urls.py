"""Site URLs: one place that says where each kind of page lives, and relative links between pages."""
from __future__ import annotations

import posixpath

from generator import timeutil


def article(slug: str) -> str:
    return f"bai-viet/{slug}/"


def week(pid: str) -> str:
    return f"tuan/{timeutil.week_slug(pid)}/"


def category(cid: str, page: int = 1) -> str:
    return f"chuyen-muc/{cid}/" + (f"trang-{page}/" if page > 1 else "")


def month(pid: str, page: int = 1) -> str:
    y, m = pid.split("-")
    return f"luu-tru/{y}/{m}/" + (f"trang-{page}/" if page > 1 else "")


HOME = ""
WEEKS = "tuan/"
CATEGORIES = "chuyen-muc/"
ARCHIVE = "luu-tru/"
NEWS = "tin-bao-dai/"
LOG = "nhat-ky-tan-suat/"
SEARCH = "tim-kiem/"


def src_uri(url: str) -> str:
    """The MkDocs source name that gives ``url`` with directory URLs: ``tuan/2024-w05/`` -> ``tuan/2024-w05/index.md``."""
    return url + "index.md"


def relative(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative, directory style)."""
    if "://" in to_url:
        return to_url
    target = posixpath.relpath("/" + to_url, "/" + from_url)
    if to_url.endswith("/") and not target.endswith("/"):
        target = "./" if target == "." else target + "/"
    return target
