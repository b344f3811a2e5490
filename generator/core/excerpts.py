"""An article's summary when its front matter gives none: the first paragraph as plain text, cut at a word."""
from __future__ import annotations

import re


_BLOCK_MARKERS = frozenset("#>-*+0123456789")


def _may_have_block_markers(text: str) -> bool:
    """False when no line of ``text`` starts (after its spaces) as a heading, quote, list item or numbered item:
    the pattern of line starts below then has nothing to do (its search for line starts is the costly part on a long paragraph)."""
    for line in text.split("\n"):
        if line[:1] in _BLOCK_MARKERS or line.lstrip()[:1] in _BLOCK_MARKERS:
            return True
    return False


# (pattern, replacement, a quick test that the text may hold what the pattern matches: it spares the regex scan)
_MD_STRIP = [
    (re.compile(r"```.*?```", re.S), " ", lambda t: "```" in t),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), " ", lambda t: "](" in t),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1", lambda t: "](" in t),
    (re.compile(r"<[^>]+>"), " ", lambda t: "<" in t),
    (re.compile(r"^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+", re.M), "", _may_have_block_markers),
    (re.compile(r"[*_`|]+"), "", lambda t: "*" in t or "_" in t or "`" in t or "|" in t),
]


_PARAGRAPH_BREAK_RE = re.compile(r"\n\s*\n")


def _paragraphs(markdown: str):
    """The paragraphs of ``markdown`` (split at blank lines), lazily: an excerpt needs only the first one or two."""
    start = 0
    for m in _PARAGRAPH_BREAK_RE.finditer(markdown):
        yield markdown[start:m.start()]
        start = m.end()
    yield markdown[start:]


def _strip_markdown(markdown: str) -> str:
    """The text of ``markdown`` with its markup dropped (runs of spaces left as they are)."""
    text = markdown
    for rx, repl, needs in _MD_STRIP:
        if needs(text):
            text = rx.sub(repl, text)
    return text


def excerpt(markdown: str, limit: int = 220) -> str:
    """The first paragraph of the body as plain text, cut at a word boundary."""
    return _excerpt(markdown, limit)


def _excerpt(markdown: str, limit: int) -> str:
    paragraphs = _paragraphs(markdown)
    para = next(paragraphs)
    for following in paragraphs:
        found = _paragraph_excerpt(para, limit)
        if found:
            return found
        para = following
    return _paragraph_excerpt(para, limit)


def _paragraph_excerpt(para: str, limit: int) -> str:
    if para.lstrip().startswith(("#", "|", "```", "!")):
        return ""
    stripped = _strip_markdown(para)
    # Spaces made one (str.split() splits where \s matches) in the head only: that is the start of the whole
    # paragraph's plain text (the last word perhaps cut short), and all the cut needs when it is longer than the
    # limit: a long paragraph is not split whole for a short excerpt.
    text = " ".join(stripped[:2 * limit].split())
    if len(text) <= limit:
        text = " ".join(stripped.split())
        if len(text) <= limit:
            return text
    return text[:limit].rsplit(" ", 1)[0] + "…"
