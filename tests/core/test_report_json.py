"""The JSON report's evidence items, written by msgspec a period at a time, are the text the plain writer gives:
hostile titles (quotes, backslashes, braces, control characters, every Unicode character) included."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import msgspec

from generator import report
from generator.judge import Entry
from generator.site import load_site

REPO = Path(__file__).resolve().parents[2]
ICT = timezone(timedelta(hours=7))


def plain(entries) -> str:
    out: list[bytes] = []
    report._write(report.item_dicts(entries), "      ", out.append)
    return b"".join(out).decode("utf-8")


def fast(entries) -> str:
    out: list[bytes] = []
    report._write(report._Items(entries), "      ", out.append)
    return b"".join(out).decode("utf-8")


def entry(n: int, title: str, **kw) -> Entry:
    return Entry(f"id-{n}", title, kw.pop("url", f"https://baolamdong.vn/{n}.html"),
                 datetime(2026, 11, 16, 7, n % 60, 0, 250 * n, tzinfo=ICT), kw.pop("source", "bao-lam-dong"), "bao",
                 **kw)


def test_hostile_titles_written_as_the_plain_writer_writes_them():
    titles = ['Tin "trích dẫn" \\ gạch', '}, {"id": "giả"}, {"', '{"', '}', "\x00\x1f\x7f\u2028\u2029\ufeff",
              "Việt Nam 🇻🇳 \U0001f600", "</script><!--", "", " "]
    entries = tuple(entry(n, t, flags=("backdated",) * (n % 2), counts=bool(n % 3)) for n, t in enumerate(titles))
    entries += (entry(99, "không có liên kết", url=""),)
    text = fast(entries)
    assert text == plain(entries)
    assert [d["title"] for d in json.loads(text)[:len(titles)]] == titles
    assert len(text.split("\n")) == len(entries) + 2  # one item a line, between the brackets
    assert fast(()) == plain(()) == "[]"


def test_every_character_escaped_as_json_escapes_it():
    chars = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert msgspec.json.format(msgspec.json.encode(chars), indent=0).decode() == json.dumps(chars, ensure_ascii=False)


def test_demo_report_same_as_the_plain_writer():
    site = load_site(REPO / "mkdocs.yml")
    text = report.to_json(site.report)
    plain_text = report._pretty(report.to_dict(site.report), "") + b"\n"  # every item by json, as a dict
    assert text.encode("utf-8") == report.to_json_bytes(site.report) == plain_text
    assert sum(len(p["items"]) for c in json.loads(text)["channels"] for p in c["periods"]) > 50
