"""The JSON report: hostile evidence titles (quotes, backslashes, braces, control characters, any Unicode) read back
as they were, one evidence item a line."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

from generator.reports import report
from generator.reports.handover import verify
from generator.core.judge import Entry
from generator.core.site import load_site

REPO = Path(__file__).resolve().parents[2]
ICT = timezone(timedelta(hours=7))


def written(entries) -> str:
    out: list[str] = []
    report._write(report.item_dicts(entries), "      ", out.append)
    return "".join(out)


def entry(n: int, title: str, **kw) -> Entry:
    return Entry(f"id-{n}", title, kw.pop("url", f"https://baolamdong.vn/{n}.html"),
                 datetime(2026, 11, 16, 7, n % 60, 0, 250 * n, tzinfo=ICT), kw.pop("source", "bao-lam-dong"), "bao",
                 **kw)


def test_hostile_titles_read_back_one_item_a_line():
    titles = ['Tin "trích dẫn" \\ gạch', '}, {"id": "giả"}, {"', '{"', '}', "\x00\x1f\x7f\u2028\u2029\ufeff",
              "Việt Nam 🇻🇳 \U0001f600", "</script><!--", "", " "]
    entries = tuple(entry(n, t, flags=("backdated",) * (n % 2), counts=bool(n % 3)) for n, t in enumerate(titles))
    entries += (entry(99, "không có liên kết", url=""),)
    text = written(entries)
    items = json.loads(text)
    assert [d["title"] for d in items[:len(titles)]] == titles
    assert [d.get("counted", True) for d in items[:len(titles)]] == [bool(n % 3) for n in range(len(titles))]
    assert len(text.split("\n")) == len(entries) + 2  # one item a line, between the brackets
    assert written(()) == "[]"


def test_demo_report_as_text_and_as_the_site_file():
    site = load_site(REPO / "mkdocs.yml")
    text = report.to_json(site.report)
    published, build = verify.published_json(site.report, None, None)  # the site's file: the same, with its record
    assert published.decode("utf-8") == report.dict_json(json.loads(text), None, build) and text.endswith("}\n")
    assert json.loads(text)["schema"] == report.SCHEMA
    assert sum(len(p["items"]) for c in json.loads(text)["channels"] for p in c["periods"]) > 50
