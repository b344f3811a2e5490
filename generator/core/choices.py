"""A value chosen from a configured list (a category, a channel): found by its id or by the name the site shows,
whatever the case and the diacritics; an unknown one answered with the closest valid id."""
from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Iterable

_SEPARATORS_RE = re.compile(r"[\s_\-–—]+")


def fold(text: str) -> str:
    """``text`` without case, diacritics or separators: 'Kỹ năng số' and 'ky-nang-so' both give 'ky nang so'."""
    plain = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch)).casefold()
    return _SEPARATORS_RE.sub(" ", plain).strip()


def find(value: str, options: Iterable[tuple[str, str]]) -> str | None:
    """The id of the option ``value`` names, by id or by name, case and diacritics aside; None when none does."""
    options = list(options)
    for oid, _ in options:
        if value == oid:
            return oid
    key = fold(value)
    for oid, name in options:
        if key in (fold(oid), fold(name)):
            return oid
    return None


def closest(value: str, options: Iterable[tuple[str, str]]) -> tuple[str, str] | None:
    """The option (id, name) nearest to ``value`` by its id or its name, or None when nothing is near."""
    key = fold(value)
    if not key:
        return None
    by_form: dict[str, tuple[str, str]] = {}
    for oid, name in options:
        by_form.setdefault(fold(oid), (oid, name))
        by_form.setdefault(fold(name), (oid, name))
    found = difflib.get_close_matches(key, list(by_form), n=1, cutoff=0.6)
    if found:
        return by_form[found[0]]
    # a start of an id or a name ('kinh te' for 'kinh-te-so'), too short for the ratio above
    starting = [form for form in by_form if form.startswith(key) or key.startswith(form)]
    return by_form[starting[0]] if len(starting) == 1 else None


def hint(value: str, options: Iterable[tuple[str, str]]) -> str:
    """'; có phải ý bạn là 'kinh-te-so' (Kinh tế số)?' or ''."""
    near = closest(value, options)
    if near is None:
        return ""
    oid, name = near
    return f"; có phải ý bạn là '{oid}'" + (f" ({name})" if name and name != oid else "") + "?"


def listed(options: Iterable[tuple[str, str]]) -> str:
    """'chinh-quyen-so (Chính quyền số), kinh-te-so (Kinh tế số)'"""
    return ", ".join(f"{oid} ({name})" if name and name != oid else oid for oid, name in options)
