"""``redirect_from:`` in an article's front matter: the old addresses of the article, each kept alive by a redirect
page. Read and checked here (each value, then every article's against the others); the pages are made by
``generator.render.redirects``."""
from __future__ import annotations

import re
from typing import Iterable

from generator.core.config import SLUG_RE
from generator.core.problems import Problem

# "/bai-viet/<slug>/", "bai-viet/<slug>", "/bai-viet/<slug>/index.html": an old path of an article
_PATH_RE = re.compile(r"^/?bai-viet/(?P<slug>[^/]+)/?(?:index\.html)?$")
EXAMPLE = "redirect_from: [ten-cu-cua-bai] hoặc redirect_from: [/bai-viet/ten-cu-cua-bai/]"


def old_slug(value: object) -> str | None:
    """The slug an entry of ``redirect_from`` names (a slug, or an article's path), or None when it is neither."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    m = _PATH_RE.match(text)
    slug = m["slug"] if m else text
    return slug if SLUG_RE.match(slug) and len(slug) <= 100 else None


def read_redirects(value: object, line_of) -> tuple[tuple[tuple[str, int], ...], list[tuple[int, str]]]:
    """The ``redirect_from`` value read: ((slug, line), ...) and the problems as (line, message).
    ``line_of(i)``: the line of the i-th entry (None: the key's line)."""
    if value in (None, "", []):
        return (), []
    if isinstance(value, str):
        value = [value]  # one old address written without brackets
    if not isinstance(value, list):
        return (), [(line_of(None), f"redirect_from phải là danh sách các địa chỉ cũ của bài, ví dụ: {EXAMPLE}")]
    found: list[tuple[str, int]] = []
    problems: list[tuple[int, str]] = []
    for i, entry in enumerate(value):
        slug = old_slug(entry)
        line = line_of(i)
        if slug is None:
            shown = str(entry)[:60].encode("unicode_escape").decode() if not isinstance(entry, str) else entry[:60]
            problems.append((line, f"redirect_from: '{shown}' không phải địa chỉ cũ của một bài: ghi slug cũ "
                                   "(chữ thường không dấu, số và '-') hoặc đường dẫn /bai-viet/<slug-cũ>/"))
        elif slug not in (s for s, _ in found):
            found.append((slug, line))
    return tuple(found), problems


def clash_problems(claims: Iterable[tuple[str, str, bool, int, tuple[tuple[str, int], ...]]]) -> list[Problem]:
    """Old addresses that cannot redirect: the article's own address, another article's live address, or an old
    address two articles claim. ``claims``: (slug, path, draft, line, redirects) of every article file; drafts
    publish nothing and claim nothing."""
    claims = [c for c in claims if not c[2]]
    live = {}
    for slug, path, _, _, _ in claims:
        live.setdefault(slug, path)
    taken: dict[str, str] = {}
    problems = []
    for slug, path, _, _, redirects in claims:
        for old, line in redirects:
            if old == slug:
                problems.append(Problem(path, line, f"redirect_from: '{old}' là địa chỉ hiện tại của chính bài này, "
                                                    "không phải địa chỉ cũ: xóa dòng này"))
            elif old in live:
                problems.append(Problem(path, line, f"redirect_from: /bai-viet/{old}/ đang là địa chỉ của bài "
                                                    f"{live[old]}: không chuyển hướng được; xóa dòng này"))
            elif taken.setdefault(old, path) != path:
                problems.append(Problem(path, line, f"redirect_from: địa chỉ cũ /bai-viet/{old}/ đã được bài "
                                                    f"{taken[old]} khai báo: một địa chỉ chỉ chuyển tới một bài"))
    return problems
