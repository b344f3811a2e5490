"""Text as feeds really send it: byte-level repairs before parsing, NFC, markup to plain text, mojibake."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

_UTF8_BOM = b"\xef\xbb\xbf"
_XML_DECL = re.compile(rb"^(\s*<\?xml[^>]*?encoding\s*=\s*[\"'])([A-Za-z0-9._:-]+)([\"'])")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SPACE = re.compile(r"\s+")


def repair_bytes(body: bytes) -> tuple[bytes, tuple[str, ...]]:
    """Fix what would make the XML parser give up or guess, and say what was fixed.

    - A declaration of a 16/32-bit encoding (`encoding="utf-16"`) over bytes that are plainly ASCII-compatible
      (no BOM, no NUL bytes) is a lie told by many CMSes: if the bytes are valid UTF-8, the declaration is
      rewritten to utf-8.
    Byte order marks are left to the parser, which honours them.
    """
    notes: list[str] = []
    start = body[len(_UTF8_BOM):] if body.startswith(_UTF8_BOM) else body
    match = _XML_DECL.match(start)
    if match:
        declared = match.group(2).decode("ascii").lower()
        wide = declared.startswith(("utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs2", "ucs-4", "iso-10646"))
        if wide and b"\x00" not in start[:200]:
            try:
                start.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                notes.append(f"feed khai báo encoding=\"{match.group(2).decode('ascii')}\" nhưng nội dung là UTF-8: "
                             "đã đọc theo UTF-8")
                start = _XML_DECL.sub(rb"\1utf-8\3", start, count=1)
                body = (_UTF8_BOM + start) if body.startswith(_UTF8_BOM) else start
    return body, tuple(notes)


def nfc(text: str) -> str:
    """NFC, without control characters (cp1258 and some CMSes send decomposed Vietnamese)."""
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))


def one_line(text: str) -> str:
    """NFC, whitespace runs collapsed to one space, trimmed: for titles and names."""
    return _SPACE.sub(" ", nfc(text)).strip()


class _TextExtractor(HTMLParser):
    _SKIP = {"script", "style", "template", "noscript", "svg", "math", "iframe", "object"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in {"br", "p", "div", "li"}:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment: tags dropped, entities decoded exactly once, one line, NFC."""
    if "<" not in markup and "&" not in markup:
        return one_line(markup)
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    return one_line("".join(parser.parts))


_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")


def plain_text(value: str, content_type: str | None) -> str:
    """A feed text construct as plain text. HTML types are unmarked once; `text/plain` is kept as it is,
    unless it carries tags (feeds that declare nothing and send `&lt;b&gt;` mean markup, not text)."""
    if content_type and ("html" in content_type or "xml" in content_type) or _TAG.search(value):
        return html_to_text(value)
    return one_line(value)


def _as_cp1252_bytes(word: str) -> bytes | None:
    out = bytearray()
    for ch in word:
        code = ord(ch)
        if code < 0x100:
            out.append(code)
            continue
        try:
            out += ch.encode("cp1252")
        except UnicodeEncodeError:
            return None
    return bytes(out)


# A lead byte of a 2- or 3-byte UTF-8 sequence read as Latin-1/cp1252, followed by a continuation byte so read.
_SUSPECT = re.compile("[\u00c2-\u00ef][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
                      "\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]")


def mojibake_sample(text: str) -> str | None:
    """The first word that is UTF-8 read as Windows-1252/Latin-1 (`Ä‘` for `đ`, `Ã¡` for `á`), else None.

    A word is mojibake when re-encoding it as cp1252 gives valid UTF-8 that differs from it; real Vietnamese
    (`ạ`, `ư`, `Ã` alone as in `NGÃ`) does not survive that round trip, so it is never accused.
    """
    if not _SUSPECT.search(text):
        return None
    for word in text.split():
        if word.isascii():
            continue
        raw = _as_cp1252_bytes(word)
        if raw is None or raw.isascii():
            continue
        try:
            fixed = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if fixed != word:
            return word
    return None

