"""QR codes of article addresses as inline SVG, fast enough for one on every article page.

segno's ``make`` spends about 8 ms on a URL, most of it trying all eight masks and placing modules one Python call at a
time: 80 s for 10,000 articles. This encoder gives the same symbol as ``segno.make(url, error="m", micro=False,
mask=MASK, boost_error=False)`` (tests/render compare them module for module and byte for byte), in a fraction of the
time: per version the function patterns, the placement order of the data modules and the mask over them are computed
once; per URL only the codewords, their Reed-Solomon blocks and one scatter of bits remain. A fixed mask is allowed by
the standard (ISO/IEC 18004 7.8: the evaluation only picks the most legible of eight valid symbols). Text that is not
ASCII falls back to segno itself.
"""
from __future__ import annotations

import re
from functools import lru_cache

import segno
from segno import consts, encoder

MASK = 0
ERROR = consts.ERROR_LEVEL_M
_BYTE = consts.MODE_BYTE


@lru_cache(maxsize=None)
def _layout(version: int) -> tuple[bytearray, list[int], int, int]:
    """(template: function patterns, format and version info, as a flat bytearray; flat index of each data module in
    placement order; the mask over those modules as an integer, first module as the highest bit; side length)."""
    size = encoder.calc_matrix_size(version)
    m = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(m, size, size)
    encoder.add_alignment_patterns(m, size, size)
    order: list[int] = []
    for right in range(size - 1, 0, -2):  # as ISO/IEC 18004 7.7.3 (and segno's add_codewords)
        if right <= 6:
            right -= 1
        upwards = (right & 2) == 0
        for vertical in range(size):
            for z in (0, 1):
                j = right - z
                i = (size - 1 - vertical) if upwards ^ (j < 6) else vertical
                if m[i][j] == 0x2:
                    order.append(i * size + j)
    dark_module = (size - 8) * size + 8
    fn = encoder.get_data_mask_functions(False)[MASK]
    mask = 0
    for k in order:
        mask = (mask << 1) | (fn(k // size, k % size) if k != dark_module else 0)
    encoder.add_format_info(m, version, ERROR, MASK)
    encoder.add_version_info(m, version)
    flat = bytearray(b"".join(bytes(row) for row in m))
    for k in order:
        flat[k] = 0
    return flat, order, mask, size


def _version(n_bytes: int) -> int | None:
    for version in range(1, 41):
        ccl = consts.CHAR_COUNT_INDICATOR_LENGTH[_BYTE][encoder.version_range(version)]
        if 4 + ccl + 8 * n_bytes <= consts.SYMBOL_CAPACITY[version][ERROR]:
            return version
    return None


def _codewords(data: bytes, version: int) -> list[int]:
    capacity = consts.SYMBOL_CAPACITY[version][ERROR]
    ccl = consts.CHAR_COUNT_INDICATOR_LENGTH[_BYTE][encoder.version_range(version)]
    bits = format(_BYTE, "04b") + format(len(data), f"0{ccl}b") + "".join(format(b, "08b") for b in data)
    bits += "0" * min(capacity - len(bits), 4)  # terminator
    bits += "0" * (8 - len(bits) % 8)  # to a codeword boundary (segno adds a whole zero byte when already there)
    words = [int(bits[i:i + 8], 2) for i in range(0, len(bits), 8)]
    words += [0xEC, 0x11] * ((capacity // 8 - len(words)) // 2 + 1)
    return words[:capacity // 8]


def _final_bits(words: list[int], version: int, n_modules: int) -> int:
    """The interleaved data and error correction codewords (ISO/IEC 18004 7.5, 7.6) as an integer of ``n_modules``
    bits, remainder bits included."""
    log, exp = consts.GALIOS_LOG, consts.GALIOS_EXP
    data_blocks, ecc_blocks = [], []
    pos = 0
    for info in consts.ECC[version][ERROR]:
        n_ecc = info.num_total - info.num_data
        gen = consts.GEN_POLY[n_ecc]
        for _ in range(info.num_blocks):
            block = words[pos:pos + info.num_data]
            pos += info.num_data
            rem = block + [0] * n_ecc
            for k in range(len(block)):
                coef = rem[k]
                if coef:
                    lc = log[coef]
                    rem[k + 1:k + 1 + n_ecc] = [a ^ exp[lc + g] for a, g in zip(rem[k + 1:k + 1 + n_ecc], gen)]
            data_blocks.append(block)
            ecc_blocks.append(rem[len(block):])
    out = []
    for blocks in (data_blocks, ecc_blocks):
        for i in range(max(len(b) for b in blocks)):
            out.extend(b[i] for b in blocks if i < len(b))
    value = int.from_bytes(bytes(out), "big")
    return value << (n_modules - 8 * len(out))


def _modules(text: str) -> tuple[bytearray, int] | None:
    """The symbol of ``text`` as a flat bytearray of 0/1, row after row, and its side; None when not taken here."""
    try:
        data = text.encode("ascii")
    except UnicodeEncodeError:
        return None
    version = _version(len(data))
    if version is None:
        return None
    template, order, mask, size = _layout(version)
    bits = _final_bits(_codewords(data, version), version, len(order)) ^ mask
    flat = bytearray(template)
    for k, b in zip(order, format(bits, f"0{len(order)}b")):
        if b == "1":
            flat[k] = 1
    return flat, size


def matrix(text: str) -> tuple[tuple[int, ...], ...] | None:
    """The QR symbol of ``text`` as rows of 0/1 (no quiet zone), or None when this encoder does not take it."""
    got = _modules(text)
    if got is None:
        return None
    flat, size = got
    return tuple(tuple(flat[r * size:(r + 1) * size]) for r in range(size))


_RUN = re.compile("1+")
_AS_TEXT = bytes.maketrans(b"\x00\x01", b"01")


def svg(text: str, scale: int = 4, border: int = 2) -> str:
    """Inline SVG of the QR code of ``text``, dark on white, sized by CSS (viewBox only); the same markup as segno's
    ``svg_inline(scale=scale, border=border, dark="#000", light="#fff", omitsize=True)``."""
    got = _modules(text)
    if got is None:
        return segno.make(text, error="m", micro=False).svg_inline(scale=scale, border=border, dark="#000",
                                                                   light="#fff", omitsize=True)
    flat, size = got
    text01 = flat.translate(_AS_TEXT).decode("ascii")
    n = size + 2 * border
    parts = []
    px, py = 0, 0.0
    for r in range(size):
        y = border + 0.5 + r
        for run in _RUN.finditer(text01, r * size, (r + 1) * size):
            x1 = border + run.start() - r * size
            x2 = x1 + run.end() - run.start()
            dy = y - py
            parts.append(f"{'m' if parts else 'M'}{x1 - px} {int(dy) if parts else dy}h{x2 - x1}")
            px, py = x2, y
    return (f'<svg viewBox="0 0 {n * scale} {n * scale}" class="segno"><g transform="scale({scale})">'
            f'<path fill="#fff" d="M0 0h{n}v{n}h-{n}z"/><path class="qrline" stroke="#000" d="{"".join(parts)}"/>'
            "</g></svg>")
