"""Every feed of the shared corpus through the ingestion path: bytes -> parse -> archive items.

feedparser's own 2,248 test files (fragments, broken encodings, hostile markup) and real Vietnamese feeds. The
corpus lives beside the repository (`../shared/corpus/feeds`); without it these tests are skipped, saying why.
"""

from __future__ import annotations

import email.utils
import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from generator.core import archive
from generator.core.archive import item_from_dict, item_to_dict
from generator.fetch.identity import item_id
from generator.fetch.merge import Candidate, merge
from generator.fetch.parse import ParseFailure, parse_feed
from generator.core.sources import Source

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds"
HCM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 8, 1, 12, 0, tzinfo=HCM)
SOURCE = Source("kho", "Kho thử", "http://localhost:8097/feed.xml", "bao")

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"feed corpus not found at {CORPUS}")


def _headers(body: bytes) -> dict[str, str]:
    """feedparser's test files state the HTTP headers they were served with in their opening comment."""
    head = body[:2000].decode("latin-1")
    headers = {}
    for name, value in re.findall(r"^Header:\s*([\w-]+):\s*(.*?)\s*$", head, re.M):
        headers[name.lower()] = value
    return headers


def ingest(path: Path):
    """The fetch path after the network: returns archive items, or the ParseFailure a source would report."""
    body = path.read_bytes()
    headers = _headers(body)
    feed = parse_feed(body, headers, SOURCE.url, HCM)
    candidates, seen = [], set()
    for entry in feed.entries:
        iid = item_id(entry.guid, entry.link, entry.title, entry.published_raw, entry.summary_text)
        if iid is None or iid in seen or not (entry.title or entry.link):
            continue
        seen.add(iid)
        candidates.append(Candidate(iid, entry))
    result = merge([], candidates, SOURCE, NOW)
    for item in result.items:  # every item survives the archive's own format
        line = json.dumps(item_to_dict(item), ensure_ascii=False, sort_keys=True)
        assert item_from_dict(json.loads(line)) == item
    # and the archive file the fetcher writes reads back the same, by msgspec in one call as line by line
    data = "".join(archive._line(i) + "\n" for i in result.items).encode("utf-8")
    assert archive._read_lines(data, path.name) == list(result.items)
    assert archive._read_whole(data) == list(result.items)
    return feed, result.items


@needs_corpus
def test_every_corpus_file_goes_through_without_uncaught_exception():
    files = sorted(p for p in CORPUS.rglob("*") if p.is_file() and p.suffix != ".txt" and p.name != "README.md")
    assert len(files) > 2000
    crashed, parsed, failed, items = [], 0, 0, 0
    for path in files:
        try:
            feed, archived = ingest(path)
            parsed += 1
            items += len(archived)
            # an entry that raised inside the parser is skipped with a warning: that must not happen either
            crashed.extend(f"{path.relative_to(CORPUS)}: {w}" for w in feed.warnings if "không đọc được" in w)
        except ParseFailure:
            failed += 1  # reported per source, as a fetch would
        except Exception as exc:  # noqa: BLE001 - this is what the test looks for
            crashed.append(f"{path.relative_to(CORPUS)}: {type(exc).__name__}: {exc}")
    assert not crashed, "\n".join(crashed[:20])
    assert parsed > 1000 and items > 500


def _expected_local(raw: str) -> datetime:
    """Independent reading of the RFC 822 dates in these feeds: stdlib email.utils, `GMT+7` spelled `+0700`."""
    raw = re.sub(r"GMT\+(\d{1,2})$", lambda m: f"+{int(m.group(1)):02d}00", raw.strip())
    return email.utils.parsedate_to_datetime(raw).astimezone(HCM)


@needs_corpus
@pytest.mark.parametrize("name", [
    "fts-news-scape__dantri_bom.rss", "fts-news-scape__vietnambiz_utf16.rss", "fts-news-scape__vietstock_feed.xml",
    "fts-news-scape__vneconomy_feed.xml", "fts-news-scape__vneconomy_capture_feed.xml",
    "javascript1102b3__source.extracted.xml", "string1808__dataMock.extracted.xml",
    "vnexpress-rss__example.xml", "vnexpress2810__data.extracted.xml",
])
def test_vietnamese_feeds_get_the_right_local_dates(name):
    path = CORPUS / "vietnamese" / name
    if not path.exists():
        pytest.skip(f"{name} not in the corpus")
    raw_dates = [re.sub(r"^<!\[CDATA\[|\]\]>$", "", d.strip()) for d in
                 re.findall(r"<pubDate>(.*?)</pubDate>", path.read_text(encoding="utf-8-sig"), re.S)]
    feed, items = ingest(path)
    dated = [e for e in feed.entries if e.published_raw]
    assert dated, name
    for entry in dated:
        assert entry.published_raw in raw_dates  # the raw string is kept as the feed wrote it
        assert entry.published == _expected_local(entry.published_raw), entry.published_raw
        assert entry.published.utcoffset().total_seconds() == 7 * 3600
    for item in items:
        if item.published:
            assert item.published.isoformat().endswith("+07:00")


@needs_corpus
def test_vietnamese_feed_spot_checks():
    """A few items read by hand from the files."""
    vietnambiz, _ = ingest(CORPUS / "vietnamese" / "fts-news-scape__vietnambiz_utf16.rss")
    first = vietnambiz.entries[0]
    assert first.title == "Sau loạt bán giải chấp, Chủ tịch DIC Group không còn là cổ đông lớn"
    assert first.published_raw == "Sat, 25 Jul 2026 20:01:31 GMT+7"
    assert first.published.isoformat() == "2026-07-25T20:01:31+07:00"
    vneconomy, _ = ingest(CORPUS / "vietnamese" / "fts-news-scape__vneconomy_feed.xml")
    assert vneconomy.entries[0].published_raw == "Fri, 24 Jul 2026 08:29:09 GMT"
    assert vneconomy.entries[0].published.isoformat() == "2026-07-24T15:29:09+07:00"
    vietstock, items = ingest(CORPUS / "vietnamese" / "fts-news-scape__vietstock_feed.xml")
    assert len(items) == len({e.guid for e in vietstock.entries}) < len(vietstock.entries)  # duplicate guids kept once
    assert all(item.image is None or item.image.startswith("https://") for item in items)
