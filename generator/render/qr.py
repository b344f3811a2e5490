"""QR codes of article addresses as inline SVG: the same symbol as ``segno.make(url, error="m", micro=False,
mask=MASK, boost_error=False)``, drawn here because segno's public ``make`` costs too much for one code on every
article page (kept by measurement, see benchmarks/RESULTS-scale.md, "Round 9: speed tricks retired"; tests/render/test_qr.py compares the
two module for module and byte for byte).

It uses segno's internal ``segno.encoder`` and ``segno.consts`` (a segno release that changes them fails tests/render/test_qr.py): per version the
function patterns, the placement order of the data modules and the mask over them are computed once; per URL only
the codewords, their Reed-Solomon blocks and one gather of bits remain. A fixed mask is allowed by the standard
(ISO/IEC 18004 7.8: the evaluation only picks the most legible of eight valid symbols). Text that is not ASCII goes
to segno's public ``make``.
"""
from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter
from typing import Callable

import segno
from segno import consts, encoder

MASK = 0
ERROR = consts.ERROR_LEVEL_M
_BYTE = consts.MODE_BYTE


@lru_cache(maxsize=None)
def _layout(version: int) -> tuple[Callable, str, int, int, int]:
    """(a function that takes the data bits as a string of 0/1, in placement order, followed by ``fixed``, and gives
    the whole symbol's modules row after row as a tuple of "0"/"1"; ``fixed``: the symbol's function patterns, format
    and version information as 0/1, row after row; the number of data modules; the mask over them as an integer,
    first module as the highest bit; side length)."""
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
    # where each module comes from: its data bit (by placement) or, after the data bits, the fixed module itself
    source = [len(order) + k for k in range(size * size)]
    for placed, k in enumerate(order):
        source[k] = placed
    fixed = "".join("1" if v == 1 else "0" for row in m for v in row)  # data modules (0x2) are never taken from it
    return itemgetter(*source), fixed, len(order), mask, size


def _version(n_bytes: int) -> int | None:
    for version in range(1, 41):
        ccl = consts.CHAR_COUNT_INDICATOR_LENGTH[_BYTE][encoder.version_range(version)]
        if 4 + ccl + 8 * n_bytes <= consts.SYMBOL_CAPACITY[version][ERROR]:
            return version
    return None


def _codewords(data: bytes, version: int) -> list[int]:
    capacity = consts.SYMBOL_CAPACITY[version][ERROR]
    ccl = consts.CHAR_COUNT_INDICATOR_LENGTH[_BYTE][encoder.version_range(version)]
    n_bits = 4 + ccl + 8 * len(data)
    value = (((_BYTE << ccl) | len(data)) << (8 * len(data))) | int.from_bytes(data, "big")
    pad = min(capacity - n_bits, 4)  # terminator
    pad += 8 - (n_bits + pad) % 8  # to a codeword boundary (segno adds a whole zero byte when already there)
    words = list((value << pad).to_bytes((n_bits + pad) // 8, "big"))
    words += [0xEC, 0x11] * ((capacity // 8 - len(words)) // 2 + 1)
    return words[:capacity // 8]


@lru_cache(maxsize=None)
def _ecc_table(n_ecc: int) -> tuple[int, ...]:
    """For each byte value c, c times the generator polynomial of ``n_ecc`` error correction codewords (leading term
    left out), as an integer of ``n_ecc`` bytes: one division step of ISO/IEC 18004 7.5.2 is then a shift and an XOR."""
    log, exp = consts.GALIOS_LOG, consts.GALIOS_EXP
    gen = consts.GEN_POLY[n_ecc]
    return (0, *(int.from_bytes(bytes(exp[log[c] + g] for g in gen), "big") for c in range(1, 256)))


def _final_bits(words: list[int], version: int, n_modules: int) -> int:
    """The interleaved data and error correction codewords (ISO/IEC 18004 7.5, 7.6) as an integer of ``n_modules``
    bits, remainder bits included."""
    data_blocks, ecc_blocks = [], []
    pos = 0
    for info in consts.ECC[version][ERROR]:
        n_ecc = info.num_total - info.num_data
        table = _ecc_table(n_ecc)
        top, keep = 8 * (n_ecc - 1), (1 << (8 * n_ecc)) - 1
        for _ in range(info.num_blocks):
            block = words[pos:pos + info.num_data]
            pos += info.num_data
            rem = 0  # the remainder of block * x^n_ecc divided by the generator, as a shift register
            for word in block:
                rem = ((rem << 8) & keep) ^ table[word ^ (rem >> top)]
            data_blocks.append(block)
            ecc_blocks.append(rem.to_bytes(n_ecc, "big"))
    out = []
    for blocks in (data_blocks, ecc_blocks):
        for i in range(max(len(b) for b in blocks)):
            out.extend(b[i] for b in blocks if i < len(b))
    value = int.from_bytes(bytes(out), "big")
    return value << (n_modules - 8 * len(out))


def _modules(text: str) -> tuple[str, int] | None:
    """The symbol of ``text`` as a string of 0/1, row after row, and its side; None when not taken here."""
    try:
        data = text.encode("ascii")
    except UnicodeEncodeError:
        return None
    version = _version(len(data))
    if version is None:
        return None
    place, fixed, n_modules, mask, size = _layout(version)
    bits = _final_bits(_codewords(data, version), version, n_modules) ^ mask
    return "".join(place(format(bits, f"0{n_modules}b") + fixed)), size


def matrix(text: str) -> tuple[tuple[int, ...], ...] | None:
    """The QR symbol of ``text`` as rows of 0/1 (no quiet zone), or None when this encoder does not take it."""
    got = _modules(text)
    if got is None:
        return None
    flat, size = got
    return tuple(tuple(map(int, flat[r * size:(r + 1) * size])) for r in range(size))


_RUN = re.compile("1+")


def svg(text: str, scale: int = 4, border: int = 2) -> str:
    """Inline SVG of the QR code of ``text``, dark on white, sized by CSS (viewBox only); the same markup as segno's
    ``svg_inline(scale=scale, border=border, dark="#000", light="#fff", omitsize=True)``."""
    got = _modules(text)
    if got is None:
        return segno.make(text, error="m", micro=False).svg_inline(scale=scale, border=border, dark="#000",
                                                                   light="#fff", omitsize=True)
    text01, size = got
    n = size + 2 * border
    # rows joined by a light module: a run of dark modules never goes on to the next row
    width = size + 1
    rows = "0".join([text01[i:i + size] for i in range(0, size * size, size)])
    parts = []
    px, pr = 0, -1
    for run in _RUN.finditer(rows):
        start, end = run.span()
        r, c = divmod(start, width)
        x1 = border + c
        if pr < 0:
            parts.append(f"M{x1} {border + 0.5 + r}h{end - start}")
        else:
            parts.append(f"m{x1 - px} {r - pr}h{end - start}")
        px, pr = x1 + end - start, r
    return (f'<svg viewBox="0 0 {n * scale} {n * scale}" class="segno"><g transform="scale({scale})">'
            f'<path fill="#fff" d="M0 0h{n}v{n}h-{n}z"/><path class="qrline" stroke="#000" d="{"".join(parts)}"/>'
            "</g></svg>")
