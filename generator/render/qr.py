"""QR codes of addresses as inline SVG, made by segno's public API and kept in the build cache by address (a
warm build reads each article's code instead of making it again).

One fixed mask (``MASK``) instead of segno's evaluation of all eight: ISO/IEC 18004 7.8 allows any of them (the
evaluation only picks the most legible of eight valid symbols) and evaluating them costs several times the rest of
the work. Error level M without boost: every address of one length gets a symbol of one size.
"""
from __future__ import annotations

import segno

from generator.support import cache

MASK = 0


def make(text: str) -> segno.QRCode:
    """The QR symbol of ``text`` as drawn by ``svg``."""
    return segno.make(text, error="m", micro=False, mask=MASK, boost_error=False)


def svg(text: str, scale: int = 4, border: int = 2) -> str:
    """Inline SVG of the QR code of ``text``, dark on white, sized by CSS (viewBox only)."""
    def draw() -> bytes:
        return make(text).svg_inline(scale=scale, border=border, dark="#000", light="#fff",
                                     omitsize=True).encode("utf-8")

    return cache.cached_bytes("qr-svg", (text, scale, border), draw).decode("utf-8")
