"""The build cache: work whose result depends only on its inputs (a report's workbook, a PDF, a radio bulletin's
audio...) kept in a folder by a hash of those inputs, so that the next build, or the next save in ``serve``, does
only the new work.

The folder is ``$CHUYENTRANG_CACHE_DIR`` when that variable is set (a CI keeps it between runs), else
``.cache/chuyentrang/`` beside ``mkdocs.yml`` (ignored by git). It is safe to delete at any time. Every key holds
the program's version and a digest of its source, so an entry made by another version is never found. Every entry
carries the hash of its bytes: an entry that was cut short, edited or written by something else is ignored (and made
again), never trusted.

A process uses one cache, chosen by the driver (``use(root)`` in ``build`` and ``serve``); without one, nothing is
kept and every result is made anew (tests, ``check``, the library).
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
import threading
from collections import OrderedDict
from pathlib import Path
from typing import Callable

from generator import __version__

ENV = "CHUYENTRANG_CACHE_DIR"
MAGIC = b"chuyentrang-cache/1\n"
_MEMORY_BYTES = 256 * 1024 * 1024  # what a long `serve` keeps in memory besides the folder


def folder(root: Path) -> Path:
    """The cache folder of the site whose ``mkdocs.yml`` is in ``root``."""
    env = os.environ.get(ENV)
    return Path(env) if env else Path(root) / ".cache" / "chuyentrang"


_code: str | None = None


def code_digest() -> str:
    """The program's version and a digest of its Python source: a changed program never reads an older entry."""
    global _code
    if _code is None:
        h = hashlib.sha256(__version__.encode())
        base = Path(__file__).parents[1]  # the whole generator package
        for path in sorted(base.rglob("*.py")):
            h.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes())
        _code = h.hexdigest()[:16]
    return _code


def key(kind: str, *parts) -> str:
    """The hash of ``parts`` (bytes, str or any picklable value), with the kind of work and the program."""
    h = hashlib.sha256(f"{kind}\0{code_digest()}\0".encode())
    for part in parts:
        if isinstance(part, bytes):
            data = b"b" + part
        elif isinstance(part, str):
            data = b"s" + part.encode("utf-8")
        else:  # a frozen value: the same value pickles to the same bytes (a set may not: then only a miss)
            data = b"p" + pickle.dumps(part, protocol=5)
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


class Cache:
    """A folder of entries (``None``: in memory only) and the entries of this process."""

    def __init__(self, path: Path | None, memory: int = 0):
        self.path = Path(path) if path is not None else None
        self.memory = memory if path is not None else max(memory, _MEMORY_BYTES)  # bytes kept in this process
        self._memory: OrderedDict[str, bytes] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def _file(self, k: str) -> Path:
        return self.path / "objects" / k[:2] / k[2:]

    def get(self, k: str) -> bytes | None:
        with self._lock:
            data = self._memory.get(k)
            if data is not None:
                self._memory.move_to_end(k)
                self.hits += 1
                return data
        data = self._read(k) if self.path is not None else None
        with self._lock:
            if data is None:
                self.misses += 1
            else:
                self.hits += 1
                self._remember(k, data)
        return data

    def _read(self, k: str) -> bytes | None:
        try:
            raw = self._file(k).read_bytes()
        except OSError:
            return None
        head = len(MAGIC) + 64 + 1
        if not raw.startswith(MAGIC) or len(raw) < head:
            return None
        digest, data = raw[len(MAGIC):head - 1], raw[head:]
        if hashlib.sha256(k.encode() + data).hexdigest().encode() != digest:
            return None  # cut short, changed, or made for another key: made again
        return data

    def put(self, k: str, data: bytes) -> None:
        with self._lock:
            self._remember(k, data)
        if self.path is None:
            return
        target = self._file(k)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC + hashlib.sha256(k.encode() + data).hexdigest().encode() + b"\n" + data)
            os.replace(tmp, target)  # a reader sees the whole entry or none
        except OSError:
            pass  # a cache that cannot be written only makes the next build slower

    def _remember(self, k: str, data: bytes) -> None:
        if k in self._memory or not self.memory:
            return
        self._memory[k] = data
        self._size += len(data)
        while self._size > self.memory and self._memory:
            _, old = self._memory.popitem(last=False)
            self._size -= len(old)

    def bytes_of(self, kind: str, parts: tuple, make: Callable[[], bytes]) -> bytes:
        k = key(kind, *parts)
        data = self.get(k)
        if data is None:
            data = make()
            self.put(k, data)
        return data


_current: Cache | None = None


def use(root: Path | None, memory: bool = False) -> Cache | None:
    """Choose this process's cache: the folder of the site in ``root``, or none (``None``). ``memory``: entries also
    kept in this process (``serve``, which asks for the same ones save after save); a build reads each entry once
    and keeps none, so that its memory does not grow with the site."""
    global _current
    _current = Cache(folder(root), _MEMORY_BYTES if memory else 0) if root is not None else None
    return _current


def current() -> Cache | None:
    return _current


def cached_bytes(kind: str, parts: tuple, make: Callable[[], bytes]) -> bytes:
    """``make()``, or its bytes from the cache when the same ``parts`` were made before."""
    c = _current
    return make() if c is None else c.bytes_of(kind, parts, make)
