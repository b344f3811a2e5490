"""Build the sharded search index that ``assets/search.js`` reads.

Layout written under ``out_dir`` (all JSON, UTF-8):

- ``manifest.json``: ``{"v": 1, "docs": N, "ub": U, "bb": B, "chunk": C, "id": build id}``.
- ``u/<n>.json``: word shards. ``n = bucket_of(folded word, U)``. An object
  ``{folded word: {exact form: [doc ids, weights]}}``.
- ``b/<n>.json``: phrase shards (two neighbouring words). ``n = bucket_of("a b", B)`` with ``a``, ``b`` folded. An
  object ``{"a b": [doc ids, doc ids with the phrase in the title]}``.
- ``p/<n>.json``: completions, for the last word of a query being typed. ``n = bucket_of(prefix, P)``. An object
  ``{prefix: [folded words]}``: for each prefix of 1 to PREFIX_CHARS characters of a folded word, the PREFIX_WORDS
  longer words starting with it found in the most docs, most first (``chuyen doi s`` looks up ``s``; a longer typed
  prefix is looked up by its first PREFIX_CHARS characters and the words kept that start with all of it).
  The manifest's ``pb`` is P (an index without it has no completions).
- ``m/<n>.json``: result metadata of docs ``n*C .. n*C+C-1``: a list of ``[url, title, date, kind, excerpt]``.

Doc ids are positions in the order the docs were given (give them newest first: ties rank in that order).
``doc ids`` is written with the 64 characters of ``ALPHABET``, whichever is shorter of: the gaps between ascending ids,
each a little-endian base-32 varint (characters 0-31 end a number, 32-63 carry five more bits); or ``~`` followed by
a bitmap, six docs per character, lowest bit first. ``weights`` packs two docs per character
(``ALPHABET[8 * first + second]``), each ``min(count in body, 3) + 4 if the word is in the title``.

A first search for three words reads the manifest, three word shards, two phrase shards and the metadata chunks of
the results it shows; nothing else (docs/search-evaluation.md has the measurements).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import struct
import time
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import chain, repeat
from operator import sub
from pathlib import Path
from typing import Iterable

from .text import bucket_of, fold, terms

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
FORMAT_VERSION = 1
CHUNK_SIZE = 10
EXCERPT_CHARS = 160
# Shard counts are powers of two chosen so that a shard holds about this many bytes of postings on average (no
# more shards than keys, at most MAX_SHARDS): small sites get few files, big ones small shards.
SHARD_BYTES = 4096
MAX_SHARDS = 8192
PREFIX_CHARS = 5  # Vietnamese syllables are short: five letters leave few words to choose from
PREFIX_WORDS = 8


@dataclass(frozen=True)
class SearchDoc:
    """One page to find. ``url`` is relative to the site root without a leading slash (``bai-viet/x/``) or absolute
    (``/...`` or ``https://...``, used as is); ``title`` and ``text`` are plain text; ``date_display`` and ``kind``
    are shown as given (``kind`` is a short label such as ``Bài viết``)."""

    url: str
    title: str
    text: str
    date_display: str = ""
    kind: str = ""


def _varint_one(v: int) -> str:
    out = []
    while v >= 32:
        out.append(ALPHABET[32 + (v & 31)])
        v >>= 5
    out.append(ALPHABET[v])
    return "".join(out)


_VARINT: list[str] = []  # _VARINT[gap] == _varint_one(gap), grown as needed: one lookup per posting


def _varint_ids(ids) -> str:
    if not len(ids):
        return ""
    while len(_VARINT) <= ids[-1]:  # no gap is larger than the last id
        _VARINT.extend(_varint_one(v) for v in range(len(_VARINT), max(2 * len(_VARINT), ids[-1] + 1, 1024)))
    return "".join(map(_VARINT.__getitem__, map(sub, ids, chain((0,), ids))))


# Six docs' bits, one byte each (0 or 1), read as a little-endian (32-bit, 16-bit) pair -> that cell's character.
_CELL = {struct.unpack("<IH", bytes((v >> k) & 1 for k in range(6))): ALPHABET[v] for v in range(64)}


def _bitmap_ids(ids) -> str:
    bits = bytearray(ids[-1] // 6 * 6 + 6) if len(ids) else bytearray()
    for _ in map(bits.__setitem__, ids, repeat(1)):  # one byte per doc, set without a Python step per id
        pass
    return "~" + "".join(map(_CELL.__getitem__, struct.iter_unpack("<IH", bits)))


def encode_ids(ids: list[int]) -> str:
    """Ascending doc ids in the shorter of the two encodings."""
    if not ids:
        return ""
    varint = _varint_ids(ids)
    if len(varint) * 6 < ids[-1]:
        return varint  # the bitmap could not be shorter
    bitmap = _bitmap_ids(ids)
    return bitmap if len(bitmap) < len(varint) else varint


def decode_ids(s: str) -> list[int]:
    if s.startswith("~"):
        return [6 * k + bit for k, ch in enumerate(s[1:]) for bit in range(6) if ALPHABET.index(ch) >> bit & 1]
    ids: list[int] = []
    prev = 0
    v = shift = 0
    for ch in s:
        d = ALPHABET.index(ch)
        if d >= 32:
            v |= (d - 32) << shift
            shift += 5
        else:
            prev += v | (d << shift)
            ids.append(prev)
            v = shift = 0
    return ids


def encode_weights(weights) -> str:
    """Weights 0-7, two per character."""
    w = bytes(weights) + (b"\0" if len(weights) % 2 else b"")
    return "".join([ALPHABET[8 * a + b] for a, b in zip(w[::2], w[1::2])])


def _shard_count(keys: int, size: int) -> int:
    n = 1
    while n * SHARD_BYTES < size and n < keys and n < MAX_SHARDS:
        n *= 2
    return n


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= EXCERPT_CHARS:
        return flat
    cut = flat[:EXCERPT_CHARS]
    if " " in cut:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-–") + "…"


def _dump(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")


def build_search_index(docs: Iterable[SearchDoc], out_dir: Path) -> dict:
    """Write the index of ``docs`` into ``out_dir`` (its ``u/``, ``b/``, ``p/``, ``m/`` and ``manifest.json`` are replaced;
    nothing else there is touched). Returns figures about it: docs, keys, shards, files, bytes, seconds."""
    started = time.perf_counter()
    builder = IndexBuilder()
    for doc_id, doc in enumerate(docs):
        builder.add(doc_id, doc)
    return builder.write(out_dir, started)


class IndexBuilder:
    """``build_search_index`` in steps: ``add(doc_id, doc)`` for every doc, in any order of ids (e.g. the feed items
    while the articles' text is not known yet), then ``write(out_dir)``. The files written are the same as
    ``build_search_index`` over the docs in id order; ids must be 0 .. N-1, each given once."""

    def __init__(self) -> None:
        # Docs usually come in id order, so appending keeps every posting list sorted (else write() sorts them);
        # compact arrays keep a five-year site's docs small (a dict per word and per phrase, with a list per doc, did
        # not fit in memory; figures in benchmarks/RESULTS-scale.md).
        # folded word -> exact form -> doc id * 8 + weight, ascending
        self.word_postings: dict[str, dict[str, array]] = {}
        # "a b" (folded) -> (doc ids, doc ids with the phrase in the title)
        self.phrase_postings: dict[str, tuple[array, array]] = {}
        self.metadata: dict[int, list[str]] = {}
        self._by_form: dict[str, array] = {}  # form -> its posting in word_postings
        self._last = -1
        self._ordered = True

    def add(self, doc_id: int, doc: SearchDoc) -> None:
        if doc_id in self.metadata:
            raise ValueError(f"doc id {doc_id} given twice")
        if doc_id < self._last:
            self._ordered = False
        self._last = doc_id
        self.metadata[doc_id] = [doc.url, doc.title, doc.date_display, doc.kind, _excerpt(doc.text)]
        by_form, phrase_postings = self._by_form, self.phrase_postings
        body_words, body_pairs = terms(doc.text)
        title_words, title_pairs = terms(doc.title)
        in_body, in_title = Counter(body_words), set(title_words)
        packed = doc_id * 8
        for form in in_title.union(in_body):
            posting = by_form.get(form)
            if posting is None:
                posting = self._posting(form)
            # the weight, 0-7: times in the body up to 3, plus 4 when in the title (1.5 million postings at 2k)
            count = in_body.get(form, 0)
            posting.append(packed + (count if count < 3 else 3) + (4 if form in in_title else 0))
        for key in body_pairs.union(title_pairs):
            posting = phrase_postings.get(key)
            if posting is None:
                posting = phrase_postings[key] = (array("i"), array("i"))
            posting[0].append(doc_id)
            if key in title_pairs:
                posting[1].append(doc_id)

    def _posting(self, form: str) -> array:
        key = fold(form)
        forms = self.word_postings.get(key)
        if forms is None:
            forms = self.word_postings[key] = {}
        posting = self._by_form[form] = forms[form] = array("q")
        return posting

    def write(self, out_dir: Path, started: float | None = None) -> dict:
        """Write the index of the docs added (see ``build_search_index``) and return its figures."""
        started = time.perf_counter() if started is None else started
        out_dir = Path(out_dir)
        n = len(self.metadata)
        if self._last >= n or (n and max(self.metadata) != n - 1):
            raise ValueError("doc ids must be 0 .. N-1")
        metadata = [self.metadata[i] for i in range(n)]
        self.metadata = {}
        ordered = self._ordered

        word_entries: dict[str, dict[str, list[str]]] = {}
        found_in = {key: sum(len(p) for p in forms.values()) for key, forms in self.word_postings.items()}
        for key, forms in self.word_postings.items():
            entry = word_entries[key] = {}
            for form, packed in forms.items():
                if not ordered:
                    packed = sorted(packed)
                entry[form] = [encode_ids([v >> 3 for v in packed]), encode_weights(bytes([v & 7 for v in packed]))]
        self.word_postings, self._by_form = {}, {}
        phrase_entries: dict[str, list[str]] = {}
        for key, (ids, title_ids) in self.phrase_postings.items():
            if not ordered:
                ids, title_ids = sorted(ids), sorted(title_ids)
            phrase_entries[key] = [encode_ids(ids), encode_ids(title_ids)]
        self.phrase_postings = {}
        return _write_files(out_dir, metadata, word_entries, phrase_entries, started, _completions(found_in))


def _completions(found_in: dict[str, int]) -> dict[str, list[str]]:
    """prefix -> the PREFIX_WORDS longer words that start with it found in the most docs (see the layout above)."""
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for key in sorted(found_in, key=lambda k: (-found_in[k], k)):
        for n in range(1, min(len(key), PREFIX_CHARS + 1)):
            kept = by_prefix[key[:n]]
            if len(kept) < PREFIX_WORDS:
                kept.append(key)
    return by_prefix


def _write_files(out_dir: Path, metadata: list[list[str]], word_entries: dict[str, dict[str, list[str]]],
                 phrase_entries: dict[str, list[str]], started: float,
                 completions: dict[str, list[str]] | None = None) -> dict:
    completions = completions or {}
    word_shards = _shard_count(
        len(word_entries), sum(len(k) + len(f) + len(a) + len(b) + 12
                               for k, forms in word_entries.items() for f, (a, b) in forms.items()))
    phrase_shards = _shard_count(
        len(phrase_entries), sum(len(k) + len(a) + len(b) + 10 for k, (a, b) in phrase_entries.items()))
    prefix_shards = _shard_count(
        len(completions), sum(len(k) + sum(len(w) + 3 for w in v) + 6 for k, v in completions.items()))

    files: dict[str, bytes] = {}
    for prefix, entries, count in (("u", word_entries, word_shards), ("b", phrase_entries, phrase_shards),
                                   ("p", completions, prefix_shards)):
        shards: dict[int, dict] = defaultdict(dict)
        for key, entry in entries.items():
            shards[bucket_of(key, count)][key] = entry
        for n, content in shards.items():
            files[f"{prefix}/{n}.json"] = _dump(content)
    for start in range(0, len(metadata), CHUNK_SIZE):
        files[f"m/{start // CHUNK_SIZE}.json"] = _dump(metadata[start : start + CHUNK_SIZE])

    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(files[name])
    manifest = {
        "v": FORMAT_VERSION,
        "docs": len(metadata),
        "ub": word_shards,
        "bb": phrase_shards,
        "pb": prefix_shards,
        "chunk": CHUNK_SIZE,
        "id": digest.hexdigest()[:12],
    }
    files["manifest.json"] = _dump(manifest)

    for part in ("u", "b", "p", "m"):
        if (out_dir / part).exists():
            shutil.rmtree(out_dir / part)
        (out_dir / part).mkdir(parents=True)
    for name, data in files.items():
        (out_dir / name).write_bytes(data)

    sizes = [len(data) for data in files.values()]
    return {
        "docs": len(metadata),
        "word_keys": len(word_entries),
        "phrase_keys": len(phrase_entries),
        "word_shards": word_shards,
        "phrase_shards": phrase_shards,
        "files": len(files),
        "bytes": sum(sizes),
        "largest_file_bytes": max(sizes),
        "seconds": round(time.perf_counter() - started, 3),
    }
