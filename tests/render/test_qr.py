"""The printed QR codes scan to the article's address, stay small, and are made once per address."""
from __future__ import annotations

import random
import re

import pytest
import zxingcpp
from PIL import Image

from generator.support import cache
from generator.render import qr

PX = 4  # pixels per module of the picture given to the decoder


def _urls():
    rng = random.Random(7)
    yield "https://x.vn/"
    yield "https://chuyendoiso.example.gov.vn/bai-viet/dich-vu-cong-truc-tuyen-toan-trinh/"
    yield "https://chuyendoiso.example.gov.vn/bài-viết/"  # not ASCII
    for _ in range(30):  # lengths from the smallest symbols to version 13
        slug = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789-") for _ in range(rng.randint(1, 250)))
        yield f"https://chuyendoiso.example.gov.vn/bai-viet/{slug}/"


def _picture(svg: str) -> Image.Image:
    """The SVG as the printer draws it: each path run ``h n`` is a row of n dark modules."""
    side = int(re.search(r'viewBox="0 0 (\d+) ', svg)[1]) // 4  # scale=4: user units per module
    img = Image.new("L", (side * PX, side * PX), 255)
    d = re.search(r'class="qrline" stroke="#000" d="([^"]+)"', svg)[1]
    x = y = 0.0
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", d):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            n = int(a)
            row = int(y - 0.5)
            img.paste(0, (int(x) * PX, row * PX, (int(x) + n) * PX, (row + 1) * PX))
            x += n
    return img


@pytest.mark.parametrize("url", list(_urls()))
def test_printed_code_scans_to_the_address(url):
    svg = qr.svg(url)
    found = zxingcpp.read_barcodes(_picture(svg))
    assert [r.text for r in found] == [url]


def test_code_stays_small():
    url = "https://chuyendoiso.example.gov.vn/bai-viet/nong-nghiep-so-tren-dat-do-bazan-truy-xuat-nguon-goc-ca-phe/"
    svg = qr.svg(url)
    assert svg.startswith("<svg viewBox=") and "<path" in svg
    assert len(svg.encode()) < 4000  # one path of runs, no module drawn alone
    assert qr.make(url).version <= 7


def test_made_once_per_address(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    before = cache.current()
    try:
        c = cache.use(tmp_path)
        url = "https://x.vn/bai-viet/mot/"
        first = qr.svg(url)
        assert (c.hits, c.misses) == (0, 1)
        assert qr.svg(url) == first and c.hits == 1
        assert qr.svg(url + "hai/") != first and c.misses == 2
    finally:
        cache._current = before
