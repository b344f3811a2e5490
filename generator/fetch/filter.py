"""Keep only the entries that match a source's keywords, accent-insensitively:
`chuyen doi so` matches `Chuyển đổi số`, `CHUYỂN ĐỔI SỐ` and `chuyển  đổi   số`."""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable


_D_LIKE = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ɖ": "d", "Ɖ": "D"})


def fold(text: str) -> str:
    """Lower case without accents, `đ` as `d`, words separated by single spaces, punctuation as spaces."""
    text = unicodedata.normalize("NFD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    # đ, and the letters that look like it in text from old fonts and keyboards (Ð eth, Ɖ): as search folds them
    text = text.translate(_D_LIKE).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def compile_keywords(keywords: Iterable[str]) -> tuple[re.Pattern, ...]:
    """A pattern per keyword, matching whole words only (`so` does not match inside `soan`)."""
    patterns = []
    for keyword in keywords:
        folded = fold(keyword)
        if folded:
            patterns.append(re.compile(r"(?<!\w)" + re.escape(folded) + r"(?!\w)"))
    return tuple(patterns)


def matches(patterns: tuple[re.Pattern, ...], title: str, summary_text: str, categories: Iterable[str]) -> bool:
    """True when there are no keywords, or one of them occurs in the title, the summary or a category."""
    if not patterns:
        return True
    haystack = " \n ".join([fold(title), fold(summary_text), *(fold(c) for c in categories)])
    return any(p.search(haystack) for p in patterns)
