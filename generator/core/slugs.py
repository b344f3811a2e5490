"""Article and tag slugs: ASCII, from Vietnamese titles (python-slugify: `đ` -> `d`), cut at the end of a phrase."""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from functools import lru_cache

from slugify import slugify, smart_truncate


_NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")
_DIGIT_COMMA_RE = re.compile(r"\d,\d")


SLUG_LENGTH = 80  # a slug made from a title is cut to this many characters, at the end of a phrase (below)
# Slugs made from titles are cut at the end of a phrase of the title from this day on; an article dated before it
# keeps the slug it was published under (cut after any syllable, "…dinh-danh-dien"): a URL once published stays.
PHRASE_CUT_SINCE = date(2026, 12, 1)


def article_slug(title: str, published: date | None = None) -> str:
    """The slug made from ``title``: ASCII, at most SLUG_LENGTH characters. A long title is cut at the end of one of
    its phrases (a punctuation mark, or before a word such as "trên", "của" that starts a new one), so that a slug
    never ends in half a word ("định danh điện tử" is two syllables). An article ``published`` before
    PHRASE_CUT_SINCE keeps the old cut, after any syllable."""
    if published is not None and published < PHRASE_CUT_SINCE:
        return _slug(title, SLUG_LENGTH) or "bai-viet"
    full = _slug(title, 0)
    if len(full) <= SLUG_LENGTH:
        return full or "bai-viet"
    best = ""
    for m in _PHRASE_END_RE.finditer(title):
        head = _slug(title[:m.start()], 0)
        if len(head) > SLUG_LENGTH:
            break
        best = head
    if len(best) >= MIN_PHRASE_SLUG:
        return best
    return _slug(title, SLUG_LENGTH) or "bai-viet"  # one long phrase: cut after a syllable, as before


MIN_PHRASE_SLUG = 30  # a shorter head says too little: better a slug cut after a syllable
# Where a phrase of a title ends: a punctuation mark (a "." or "/" only before a space: not "2/9", "4.0"), a dash
# between spaces, or the space before a word that starts a new phrase.
_PHRASE_END_RE = re.compile(
    r"\s*(?:[:;,!?…–—()\[\]{}\"“”«»]|[./](?=\s)|\s-(?=\s))"
    r"|\s+(?=(?:trên|của|cho|với|và|ở|tại|để|từ|đến|bằng|qua|trong|sau|khi|theo|nhằm|giúp)(?:\s|$))",
    re.IGNORECASE)


def _slug(title: str, max_length: int) -> str:
    text = title.translate(ascii_letters())
    if text.isascii() and "&" not in text and not _DIGIT_COMMA_RE.search(text):
        # What slugify makes of plain ASCII text (no entities to decode, no digit groups "1,5" to join), without its
        # dozen passes: every run of other characters a "-". Tested against slugify.
        return smart_truncate(_NOT_SLUG_RE.sub("-", text.lower()).strip("-"), max_length, True, "-")
    return slugify(text, max_length=max_length, word_boundary=True)


_VI_LETTERS = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"


@lru_cache(maxsize=1)
def ascii_letters() -> dict[int, str]:
    """Vietnamese letters mapped to what slugify's transliteration makes of them, checked against slugify itself:
    slugify is much faster on ASCII text, and 10,000 titles are slugified on every check."""
    table = {}
    for ch in _VI_LETTERS + _VI_LETTERS.upper():
        plain = unicodedata.normalize("NFD", ch)[0].replace("đ", "d").replace("Đ", "D")
        if plain.isascii() and slugify(f"x{ch}x") == slugify(f"x{plain}x"):
            table[ord(ch)] = plain
    return table


@lru_cache(maxsize=4096)
def tag_key(tag: str) -> str:
    """A tag's slug (its page is /the/<slug>/): the few tags of a site come back on thousands of articles."""
    return slugify(tag)
