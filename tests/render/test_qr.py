"""The fast QR encoder draws the same symbol segno draws (same version, error level and mask), so a phone scans it."""
from __future__ import annotations

import random

import pytest
import segno

from generator.render import qr


def _urls():
    rng = random.Random(7)
    yield "https://x.vn/"
    yield "https://chuyendoiso.example.gov.vn/bai-viet/dich-vu-cong-truc-tuyen-toan-trinh/"
    for _ in range(60):  # every length from one module version to version 13
        slug = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789-") for _ in range(rng.randint(1, 250)))
        yield f"https://chuyendoiso.example.gov.vn/bai-viet/{slug}/"


@pytest.mark.parametrize("url", list(_urls()))
def test_same_symbol_and_markup_as_segno(url):
    ref = segno.make(url, error="m", micro=False, mask=qr.MASK, boost_error=False)
    assert qr.matrix(url) == tuple(tuple(row) for row in ref.matrix)
    assert qr.svg(url) == ref.svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True)


def test_covers_many_versions():
    versions = {segno.make(u, error="m", micro=False, boost_error=False).version for u in _urls()}
    assert len(versions) >= 8


def test_non_ascii_falls_back_to_a_scannable_code():
    url = "https://chuyendoiso.example.gov.vn/bài-viết/"
    assert qr.matrix(url) is None
    out = qr.svg(url)
    assert out.startswith("<svg viewBox=") and 'class="qrline"' in out
