"""A handover document's files kept as one entry of the build cache (``generator.support.cache``): made once for the data
they show, read back whole by the next build. The key is a memo-free pickle of that data, so that two loads of the
same site find the same entry; an entry that is not a set of files made here is made again, never read."""
from __future__ import annotations

import io
import json
import pickle
from typing import Callable

from generator.support import cache


def fingerprint(value) -> bytes:
    """``value``'s pickle without its memo: equal values give the same bytes whether or not they share objects
    (two loads of the same site share strings differently, and a memo writes a shared one as a reference)."""
    buf = io.BytesIO()
    p = pickle.Pickler(buf, protocol=5)
    p.fast = True  # no memo; a report holds no cycle
    p.dump(value)
    return buf.getvalue()


def pack(members: dict[str, bytes]) -> bytes:
    """Named byte strings as one: a JSON line of names and sizes, then the bytes."""
    head = json.dumps([[name, len(data)] for name, data in members.items()]).encode("utf-8")
    return head + b"\n" + b"".join(members.values())


def unpack(blob: bytes, needed: tuple[str, ...] = ()) -> dict[str, bytes] | None:
    """``pack``'s members, or None when ``blob`` is not one or lacks a member ``needed``."""
    head, sep, rest = blob.partition(b"\n")
    try:
        sizes = json.loads(head) if sep else None
    except ValueError:
        return None
    if not isinstance(sizes, list) or not all(
            isinstance(s, list) and len(s) == 2 and isinstance(s[0], str) and type(s[1]) is int and s[1] >= 0
            for s in sizes) or sum(s[1] for s in sizes) != len(rest):
        return None
    out, at = {}, 0
    for name, size in sizes:
        out[name], at = rest[at:at + size], at + size
    return out if all(n in out for n in needed) else None


def files_once(kind: str, shows, make: Callable[[], dict[str, bytes]],
               needed: tuple[str, ...] = ()) -> dict[str, bytes]:
    """``make()``, or its members kept in the build cache when the same data (``shows``) was made before."""
    c = cache.current()
    if c is None:
        return make()
    k = cache.key(kind, fingerprint(shows))
    members = _found(c, k, needed)
    if members is None:
        members = make()
        c.put(k, pack(members))
    return members


def find(kind: str, shows, needed: tuple[str, ...] = ()) -> dict[str, bytes] | None:
    """The members ``files_once`` kept for the same data (``shows``), or None: none kept, or no cache."""
    c = cache.current()
    return _found(c, cache.key(kind, fingerprint(shows)), needed) if c is not None else None


def _found(c: cache.Cache, k: str, needed: tuple[str, ...]) -> dict[str, bytes] | None:
    kept = c.get(k)
    return unpack(kept, needed) if kept is not None else None
