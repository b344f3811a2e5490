"""Relative links between generated pages: the same as posixpath.relpath gives, for every shape of URL we make."""
from __future__ import annotations

import itertools
import posixpath

from generator.render import urls

URLS = ["", "tuan/", "tuan/2024-w05/", "bai-viet/chuyen-doi-so/", "chuyen-muc/kinh-te-so/trang-2/",
        "nhat-ky-tan-suat/", "nhat-ky-tan-suat/bao-cao.json", "nhat-ky-tan-suat/kenh/bao/2024/",
        "nhat-ky-tan-suat/kenh/bao/2024/#2024-w05", "luu-tru/2024/05/", "assets/a.svg", "tuan//x/", "a/./b/", "a/../c/"]

MORE = ["bai-viet/", "bai-viet/x/", "chuyen-muc/x/", "/tuan/", "../x/", "./", ".", "..", "#top", "tuan/#top", "a.b/c/",
        "x/.hidden/", "https://bao.vn/a/"]


def reference(from_url: str, to_url: str) -> str:
    if "://" in to_url:
        return to_url
    target = posixpath.relpath("/" + to_url, "/" + from_url)
    if to_url.endswith("/") and not target.endswith("/"):
        target = "./" if target == "." else target + "/"
    return target


def test_relative_links_match_posixpath():
    for a, b in itertools.product(URLS + MORE, URLS + MORE):
        assert urls.relative(a, b) == reference(a, b), (a, b)
        assert urls.linker(a)(b) == reference(a, b), (a, b)
    assert urls.relative("tuan/2024-w05/", "bai-viet/x/") == "../../bai-viet/x/"
    assert urls.relative("tuan/", "tuan/") == "./"
    assert urls.relative("tuan/", "https://bao.vn/a") == "https://bao.vn/a"
