"""Settings written by hand in YAML, declared once as a table of fields and judged by one walker.

A block is a table of ``Field`` lines: the key, its kind (text, slug, choice, number with a range, day, month, list
of X, a nested block), whether it is required, its default and its Vietnamese message. From that one table come
the list of keys (``Block.keys``), the defaults, every message and the line each problem is reported at; unknown
keys are refused the same way at every level (``unknown_key``). What depends on more than one value (a waiver's
period against its channel's target, ``until`` after ``since``) is left to the caller, after the table.

``validate`` never raises on the input: it returns the frozen values (defaults filled in, ``None`` for a block
that was not usable) and every problem found, as ``path:line: message``.

Messages are ``str.format`` templates filled with: ``{p}`` the block's prefix (``"kênh 'bao': "``), ``{key}``,
``{value}`` (the value as text, shortened), ``{raw}`` (its ``repr``, shortened), ``{detail}`` (what the kind
found wrong) and the kind's own parameters (``{lo}``, ``{hi}``, ``{options}``...).
"""
from __future__ import annotations

import difflib
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from collections.abc import Mapping
from typing import Callable

from generator.core import timeutil
from generator.core.problems import Problem

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Dates in the settings and `--as-of` must fall in these years: the chuyên trang began after 2000, and a date far
# ahead is a typo (9999-12-31 would also overflow the period arithmetic). The upper bound moves with the clock.
FIRST_YEAR = 2000
YEARS_AHEAD = 5


def nfc(value: object) -> str:
    """Text as stored: NFC (a Vietnamese letter typed as one character or as a letter plus marks compares equal),
    without surrounding blanks; ``None`` is ""."""
    return "" if value is None else unicodedata.normalize("NFC", str(value)).strip()


def short(value: object, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def unknown_key(key: object, known, where: str = "") -> str:
    """The message for a key not in ``known``, with the closest known key suggested: the same at every level."""
    known = list(known)
    close = difflib.get_close_matches(str(key), known, n=1)
    hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
    return (f"khóa không được hỗ trợ{' trong ' + where if where else ''}: '{short(key)}'{hint} "
            f"(có thể dùng: {', '.join(known)})")


def plausible_day(day: date, today: date | None = None) -> None:
    """Raise ValueError (Vietnamese) for a day outside FIRST_YEAR..(this year + YEARS_AHEAD)."""
    last = (today or date.today()).year + YEARS_AHEAD
    if not FIRST_YEAR <= day.year <= last:
        raise ValueError(f"ngày {day.day:02d}/{day.month:02d}/{day.year:04d} nằm ngoài khoảng hợp lý "
                         f"(từ năm {FIRST_YEAR} đến năm {last})")


# --- kinds: what one value may be --------------------------------------------------------------------------------

class Kind:
    """Reads one value (never None: an absent value is the field's business) or raises ValueError(detail)."""
    message = "{p}{key}: {detail}"

    def read(self, value: object) -> object:
        raise NotImplementedError

    def params(self) -> dict:
        return dict(vars(self))


def _is_text(value: object, numbers: bool = True) -> bool:
    return isinstance(value, str) or (numbers and isinstance(value, (int, float)) and not isinstance(value, bool))


@dataclass(frozen=True)
class Text(Kind):
    """One line of text, stored NFC; a number written bare (``phone: 0263``) is taken as its text unless
    ``numbers=False``."""
    max_len: int | None = None
    numbers: bool = True
    message = "{p}{key} {detail}"

    def read(self, value):
        if not _is_text(value, self.numbers):
            raise ValueError("phải là một đoạn văn bản, không phải danh sách hay nhóm khóa")
        text = nfc(value)
        if self.max_len is not None and len(text) > self.max_len:
            raise ValueError(f"dài {len(text)} ký tự, tối đa {self.max_len}")
        return text


@dataclass(frozen=True)
class Pattern(Text):
    """Text of a given form (an email address, a phone number)."""
    pattern: re.Pattern | None = None
    message = "{p}{key} không hợp lệ: '{value}'"

    def read(self, value):
        text = super().read(value)
        if self.pattern is not None and not self.pattern.match(text):
            raise ValueError("không đúng dạng")
        return text

    def params(self):
        return {}


@dataclass(frozen=True)
class Slug(Kind):
    """An id: lower case, no accents, words joined by '-'."""
    message = "{p}mã '{value}' phải viết thường, không dấu, nối bằng '-'"

    def read(self, value):
        text = nfc(value) if _is_text(value) else ""
        if not SLUG_RE.match(text):
            raise ValueError("không phải mã")
        return text


@dataclass(frozen=True)
class Choice(Kind):
    options: tuple
    message = "{p}{key} phải là một trong: {options}, không phải '{value}'"

    def read(self, value):
        text = nfc(value) if isinstance(value, str) else value
        if isinstance(value, bool) or text not in self.options:
            raise ValueError("không có trong danh sách")
        return text

    def params(self):
        return {"options": ", ".join(map(str, self.options))}


@dataclass(frozen=True)
class Int(Kind):
    lo: int | None = None
    hi: int | None = None
    message = "{p}{key} phải là số nguyên từ {lo} đến {hi}, không phải '{value}'"

    def read(self, value):
        if isinstance(value, bool) or not isinstance(value, int) \
                or (self.lo is not None and value < self.lo) or (self.hi is not None and value > self.hi):
            raise ValueError("không phải số nguyên trong khoảng")
        return value


@dataclass(frozen=True)
class Number(Kind):
    """A finite number in lo..hi (``.nan`` and ``.inf`` are numbers to YAML, neither is a count nor JSON);
    ``above`` instead of ``lo``: strictly greater."""
    lo: float | None = None
    hi: float | None = None
    above: float | None = None
    message = "{p}{key} phải là số từ {lo} đến {hi}, không phải '{value}'"

    def read(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
                or (self.lo is not None and value < self.lo) or (self.hi is not None and value > self.hi) \
                or (self.above is not None and not value > self.above):
            raise ValueError("không phải số trong khoảng")
        return value


@dataclass(frozen=True)
class Bool(Kind):
    message = "{p}{key} chỉ nhận true hoặc false"

    def read(self, value):
        if not isinstance(value, bool):
            raise ValueError("không phải true/false")
        return bool(value)


@dataclass(frozen=True)
class Day(Kind):
    """A day, YYYY-MM-DD, in the plausible years."""
    message = "{p}{key}: {detail}"

    def read(self, value):
        day = timeutil.parse_day(str(value))
        plausible_day(day)
        return day


@dataclass(frozen=True)
class Month(Kind):
    """A month, YYYY-MM, kept as its text."""
    message = "{p}{key} phải là một tháng dạng YYYY-MM (ví dụ 2026-09), không phải '{value}'"

    def read(self, value):
        text = nfc(value)
        try:
            ok = timeutil.period_kind(text) == "month" and bool(timeutil.period_bounds(text))
        except ValueError:
            ok = False
        if not ok:
            raise ValueError("không phải tháng")
        return text


@dataclass(frozen=True)
class Check(Kind):
    """A value read by a function of the caller's (it raises ValueError with the Vietnamese detail)."""
    reader: Callable[[object], object]
    message = "{p}{key}: {detail}"

    def read(self, value):
        return self.reader(value)

    def params(self):
        return {}


ABSENT = object()


@dataclass(frozen=True)
class Item(Mapping):
    """A block's values in a list, with its position there (for the line of a problem found after the table).
    An item with a problem is kept with the values found good (``ok`` false): the checks across its fields still
    run, so that every problem is said at once; only ``ok`` items become frozen values."""
    index: int
    values: Mapping
    ok: bool = True

    def __getitem__(self, key):
        return self.values[key]

    def __iter__(self):
        return iter(self.values)

    def __len__(self):
        return len(self.values)


@dataclass(frozen=True)
class Field:
    """One key of a block: ``Field("min", Number(above=0, hi=10_000), required=True, message="...")``.

    ``message`` is said when the value is wrong (default: the kind's), ``missing`` when a required key is absent
    (default: ``{p}cần '{key}'`` and the help). A value ``None`` or blank text counts as absent. ``deferred``: the
    block accepts the key and keeps its raw value; another module judges it (with its own table).
    """
    name: str
    kind: object  # a Kind, a Block or a ListOf
    required: bool = False
    default: object = None
    message: str | None = None
    missing: str | None = None
    help: str = ""
    deferred: bool = False
    blank_is_wrong: bool = False  # `plan: ""` written out is a mistake (``missing`` said), not the default


@dataclass(frozen=True)
class ListOf:
    item: object  # a Kind or a Block
    min_items: int = 0
    message: str = "{p}{key} phải là một danh sách"  # not a list, or too short
    item_message: str | None = None  # an item of the wrong kind (default: the item kind's message)


@dataclass(frozen=True)
class Block:
    """A mapping of declared keys. ``label`` names it in the unknown-key message ("trong kênh"); ``who(raw)`` names
    the mapping in its messages (``{who}``: "kênh 'bao'"; ``{p}``: "kênh 'bao': "), inherited by nested blocks that
    have none."""
    label: str
    fields: tuple[Field, ...]
    who: Callable[[dict], str] | None = None
    message: str = "{p}{key} phải là một bảng khóa: {keys}"

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def defaults(self) -> Mapping[str, object]:
        return MappingProxyType({f.name: f.default for f in self.fields if not f.required})

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)


@dataclass
class _Walk:
    path: str
    line: Callable[..., int | None]
    problems: list[Problem] = field(default_factory=list)

    def err(self, at: tuple, message: str) -> None:
        self.problems.append(Problem(self.path, self.line(*at), message))


def validate(block: Block, raw: object, *, path: str, line: Callable[..., int | None] = lambda *keys: None,
             prefix: str = "", key: str = "") -> tuple[Mapping[str, object] | None, list[Problem]]:
    """The block's values (``None`` if ``raw`` is not a mapping; the keys found good otherwise) and every problem.

    ``line(*keys)`` gives the line of a key below the block (``line("audio", "format")``), or of the block itself
    with no keys. ``raw`` None is an empty block: the defaults, and a problem for each required key.
    """
    walk = _Walk(path, line)
    values = _block(block, {} if raw is None else raw, (), walk, prefix, key or block.label, partial=True)
    return values, walk.problems


def validate_field(f: Field, raw: object, *, path: str, line: Callable[..., int | None] = lambda *keys: None
                   ) -> tuple[object, list[Problem]]:
    """One field judged on its own (a block or a list the caller keeps under its key): its value (the default when
    ``raw`` is absent, ``None`` when it is not usable) and every problem. ``line`` is the outer one: the field's
    own key comes first (``line("campaigns", 0, "start")``)."""
    walk = _Walk(path, line)
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raw = {} if isinstance(f.kind, Block) else None
    if raw is None:
        return f.default, []
    if isinstance(f.kind, Block) and isinstance(raw, dict):
        value = _block(f.kind, raw, (f.name,), walk, "", f.name, partial=True)
    else:
        value = _value(f, raw, (f.name,), walk, "")
    return (None if value is ABSENT else value), walk.problems


def _fill(template: str, p: str, key: str, value: object, detail: str = "", **params) -> str:
    return template.format(p=p, who=p[:-2], key=key, value=short(value), raw=short(repr(value)), detail=detail,
                           **params)


def _block(block: Block, raw: object, at: tuple, walk: _Walk, prefix: str, key: str, partial: bool = False):
    # a nested block with a problem is dropped (a broken channel is not judged); the outermost keeps what was
    # good, for the checks across fields that follow the table
    if not isinstance(raw, dict):
        walk.err(at, _fill(block.message, prefix, key, raw, keys=", ".join(block.keys)))
        return None
    before = len(walk.problems)
    names = block.keys
    for name in raw:
        if name not in names:
            walk.err(at + (name,), unknown_key(name, names, block.label))
    p = block.who(raw) + ": " if block.who else prefix
    values: dict[str, object] = {}
    for f in block.fields:
        value = raw.get(f.name)
        if f.deferred:
            if f.name in raw:
                values[f.name] = value
            continue
        if isinstance(value, str) and not value.strip() and f.blank_is_wrong:
            walk.err(at + (f.name,), _fill(f.missing or "{p}{key} không được để trống", p, f.name, value))
            continue
        if value is None or (isinstance(value, str) and not value.strip()):
            if f.required:
                template = f.missing or ("{p}cần '{key}'" + (": " + f.help if f.help else ""))
                walk.err(at + ((f.name,) if f.name in raw else ()), _fill(template, p, f.name, value))
            else:
                values[f.name] = f.default
            continue
        got = _value(f, value, at + (f.name,), walk, p)
        if got is not ABSENT:
            values[f.name] = got
    if len(walk.problems) > before and not partial:
        return None
    return MappingProxyType(values)


def _value(f: Field, value: object, at: tuple, walk: _Walk, p: str):
    kind = f.kind
    if isinstance(kind, Block):
        if not isinstance(value, dict):
            walk.err(at, _fill(f.message or kind.message, p, f.name, value, keys=", ".join(kind.keys)))
            return ABSENT
        got = _block(kind, value, at, walk, p, f.name)
        return ABSENT if got is None else got
    if isinstance(kind, ListOf):
        return _list(f, kind, value, at, walk, p)
    return _scalar(kind, f.message, f.name, value, at, walk, p)


def _scalar(kind: Kind, message: str | None, key: str, value: object, at: tuple, walk: _Walk, p: str):
    try:
        return kind.read(value)
    except (ValueError, OverflowError) as exc:
        walk.err(at, _fill(message or kind.message, p, key, value, str(exc), **kind.params()))
        return ABSENT


def _list(f: Field, kind: ListOf, value: object, at: tuple, walk: _Walk, p: str):
    if not isinstance(value, list) or len(value) < kind.min_items:
        walk.err(at, _fill(f.message or kind.message, p, f.name, value))
        return ABSENT
    out = []
    for i, item in enumerate(value):
        if isinstance(kind.item, Block):
            if not isinstance(item, dict):
                walk.err(at + (i,), _fill(kind.item_message or kind.item.message, p, f.name, item,
                                          keys=", ".join(kind.item.keys)))
                continue
            before = len(walk.problems)
            got = Item(i, _block(kind.item, item, at + (i,), walk, p, f.name, partial=True),
                       ok=len(walk.problems) == before)
        elif item is None or (isinstance(item, str) and not item.strip()):
            walk.err(at + (i,), _fill(kind.item_message or kind.item.message, p, f.name, item, "",
                                      **kind.item.params()))
            continue
        else:
            got = _scalar(kind.item, kind.item_message, f.name, item, at + (i,), walk, p)
        if got is not None and got is not ABSENT:
            out.append(got)
    return tuple(out)

