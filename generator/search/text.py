"""Vietnamese text for search: normalise, tokenise, fold.

The browser client (``assets/search.js``) does exactly the same steps; a change here must be made there too
(tests/search runs both on the same cases).

- ``normalise``: NFC, lowercase, and one spelling for the tone mark of ``oa``/``oe``/``uy`` at the end of a syllable:
  ``hoà`` and ``hòa``, ``khoẻ`` and ``khỏe``, ``thuỷ`` and ``thủy`` are the same word written in the two styles in use;
  both become the form with the mark on the first vowel (``hòa``, ``khỏe``, ``thủy``).
- ``tokens``: runs of letters, digits and combining marks, so every Vietnamese letter (precomposed or not) stays in
  its word; an apostrophe between two letters stays in it too (``M'Nông``, ``K'Ho``, ``Đắk R'Lấp``: the names of
  the province's peoples and places, also written ``Mnông``; and English ``province's`` is one word, not a stray
  ``s``). ``’`` and ``ʼ`` are written ``'``.
- ``fold``: strip every diacritic and map ``đ`` to ``d`` (``chuyển đổi số`` → ``chuyen doi so``); the index is keyed
  by the folded word, the exact form is kept beside it to rank an exact match first. The apostrophe goes too:
  ``M'Nông``, ``M’Nông`` and ``Mnông`` are the one key ``mnong``. ``Ð``/``ð`` (U+00D0, the
  Icelandic eth) and ``Ɖ``/``ɖ`` look the same as ``Đ``/``đ`` and are what text converted from the old VNI/TCVN3
  fonts, Windows-1258 pages and some keyboards give for it (``ÐẮK NÔNG``): they fold to ``d`` as well.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from array import array
from functools import lru_cache

# Letters and digits (str.isalnum) plus the combining-mark blocks; same class as WORD_RE in search.js.
_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
_APOSTROPHES = "'\u2019\u02bc"
_LETTER = rf"(?:[^\W_]|[{_MARKS}])"
WORD_RE = re.compile(rf"{_LETTER}+(?:[{_APOSTROPHES}]{_LETTER}+)*")
# What cuts a phrase: any character that is neither part of a word nor a space or tab (punctuation, line break); an
# apostrophe only when it is not between two letters.
_PHRASE_CUT_RE = re.compile(rf"(?:[^\w \t\u00a0{_APOSTROPHES}{_MARKS}]|_|(?<!{_LETTER})[{_APOSTROPHES}]"
                            rf"|[{_APOSTROPHES}](?!{_LETTER}))+")
_ONE_APOSTROPHE = str.maketrans({"\u2019": "'", "\u02bc": "'"})
_COMBINING_RE = re.compile(f"[{_MARKS}]")
# đ, and the letters that look like it in Vietnamese text from old fonts and keyboards: ð (eth), ɖ (African d).
_D_LIKE = str.maketrans({"đ": "d", "ð": "d", "ɖ": "d", "'": None, "\u2019": None, "\u02bc": None})

_TONED_A_E = {
    "à": "òa", "á": "óa", "ả": "ỏa", "ã": "õa", "ạ": "ọa",
    "è": "òe", "é": "óe", "ẻ": "ỏe", "ẽ": "õe", "ẹ": "ọe",
}
_TONED_Y = {"ỳ": "ùy", "ý": "úy", "ỷ": "ủy", "ỹ": "ũy", "ỵ": "ụy"}
_OA_OE_RE = re.compile("o([àáảãạèéẻẽẹ])$")
_UY_RE = re.compile("(^|[^q])u([ỳýỷỹỵ])$")


@lru_cache(maxsize=1 << 17)
def normalise_word(word: str) -> str:
    """One word (already NFC and lowercase) with its tone mark placed the one way the index uses."""
    m = _OA_OE_RE.search(word)
    if m:
        return word[: m.start()] + _TONED_A_E[m.group(1)]
    m = _UY_RE.search(word)
    if m:
        return word[: m.start()] + m.group(1) + _TONED_Y[m.group(2)]
    return word


@lru_cache(maxsize=1 << 17)
def fold(word: str) -> str:
    """The word without any diacritic, ``đ`` as ``d``, lowercase: the key the index is sharded and looked up by."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return _COMBINING_RE.sub("", decomposed).translate(_D_LIKE)


def _low(text: str) -> str:
    """``text`` in NFC, lowercase, every apostrophe written ``'``."""
    return unicodedata.normalize("NFC", text).lower().translate(_ONE_APOSTROPHE)


def words(text: str) -> list[str]:
    """The normalised words of ``text``, in order."""
    return list(map(normalise_word, WORD_RE.findall(_low(text))))


def phrases(text: str) -> list[list[str]]:
    """The normalised words of ``text`` in runs that punctuation or a line break does not cut: the units in which two
    neighbouring words count as a phrase."""
    return _runs(_low(text))


# Whitespace that is not a word separator inside a phrase (line breaks and the like cut phrases, as punctuation does).
_CUTTING_SPACE_RE = re.compile("[\n\v\f\r\x1c-\x1f\x85\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def terms(text: str) -> tuple[list[str], set[str]]:
    """What the index keeps of ``text``: its normalised words in order (as ``words``), and the phrase keys: every two
    neighbouring words that no punctuation or line break cuts (as in ``phrases``), folded and joined by one space.

    The index makes these for every page and every feed item, so this is the fast way to the same result: the text is
    split at spaces and each distinct space-free token is looked at once (``_token``); two neighbouring words make a
    phrase only across a space, between one token's last word and the next token's first."""
    low = _low(text)
    if _CUTTING_SPACE_RE.search(low):
        runs = _runs(low)
        return [w for run in runs for w in run], {f"{fold(a)} {fold(b)}" for run in runs for a, b in zip(run, run[1:])}
    tokens = list(map(_token, low.split()))
    found = [w for forms, _, _ in tokens for w in forms]
    pairs = {f"{last} {first}" for (_, _, last), (_, first, _) in zip(tokens, tokens[1:])
             if last is not None and first is not None}
    return found, pairs


@lru_cache(maxsize=1 << 17)
def _token(token: str) -> tuple[tuple[str, ...], str | None, str | None]:
    """A space-free piece of lowercase NFC text: (its normalised words; its first word folded, or None when it does
    not start with a word; its last word folded, or None when it does not end with one)."""
    forms = tuple(map(normalise_word, WORD_RE.findall(token)))
    if not forms:
        return forms, None, None
    starts = WORD_RE.match(token) is not None
    ends = WORD_RE.match(token, len(token) - 1) is not None
    return forms, fold(forms[0]) if starts else None, fold(forms[-1]) if ends else None


def _runs(low: str) -> list[list[str]]:
    runs = []
    for segment in _PHRASE_CUT_RE.split(low):
        found = WORD_RE.findall(segment)
        if found:
            runs.append([normalise_word(w) for w in found])
    return runs


def bucket_of(key: str, buckets: int) -> int:
    """The shard that holds ``key``: FNV-1a (32 bit) over its UTF-16 code units, modulo ``buckets`` (a power of 2).
    Same function as ``bucketOf`` in search.js."""
    units = array("H", key.encode("utf-16-le"))
    if sys.byteorder == "big":
        units.byteswap()
    h = 0x811C9DC5
    for unit in units:
        h = ((h ^ unit) * 0x01000193) & 0xFFFFFFFF
    return h & (buckets - 1)
