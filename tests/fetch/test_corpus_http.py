"""The shared corpus served from a real HTTP server on 127.0.0.1, one source per file, through `chuyentrang fetch`
and then `chuyentrang check`: what an editor sees when the province's feeds are as broken as real ones.

The real Vietnamese feeds, and feedparser's own files about encodings, compression, HTTP and ill-formed XML, each
served with the headers its opening comment states (`Header: Content-Type: …`, `Status: 301`). The parsing of
every one of the 2,248 files is covered by test_corpus.py without the network.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from generator.core.archive import read_archive
from generator.fetch.identity import canonical_link
from sitefactory import run_cli

from .feedserver import Route
from .test_corpus import CORPUS, needs_corpus
from .test_run import run

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
PARTS = ("vietnamese", "feedparser-tests/illformed", "feedparser-tests/encoding", "feedparser-tests/compression",
         "feedparser-tests/http")
# Words of the parser's, feedparser's and the network stack's own English messages: none may reach the editor
ENGLISH = re.compile(r"\b(not|found|while|declared|but|parsed|entity|token|element|errno|connection|refused|"
                     r"unclosed|mismatched|media type|server|internal|error|decompressing|invalid)\b", re.I)


def _served(server, path: Path) -> str:
    """Serve `path` as its opening comment says it was served; returns its URL."""
    body = path.read_bytes()
    declared = dict(re.findall(r"^Header:\s*([\w-]+):\s*(.*?)\s*$", body[:2000].decode("latin-1"), re.M))
    headers = {k.title(): v for k, v in declared.items() if k.lower() != "status"}
    status = int(declared.get("Status", 200))
    if "Location" in headers:
        headers["Location"] = headers["Location"].replace("http://localhost:8097", server.url(""))
    if path.suffix in (".gz", ".z"):
        headers["Content-Encoding"] = "gzip" if path.suffix == ".gz" else "deflate"
    headers.setdefault("Content-Type", "application/rss+xml; charset=utf-8" if "vietnamese" in str(path)
                       else "application/xml")
    url_path = "/" + path.relative_to(CORPUS).as_posix()
    if "feedparser-tests/http/" in url_path:  # the Locations of these files point at /tests/http/…
        url_path = url_path.replace("/feedparser-tests/http/", "/tests/http/")
    server.routes[url_path] = Route(status=status, body=body, headers=headers)
    return server.url(url_path)


def _english(line: str) -> str | None:
    """The English left on a report line, quoted feed text («…») and addresses aside."""
    plain = re.sub(r"«[^»]*»|https?://\S+", "", line)
    match = ENGLISH.search(plain)
    return match.group(0) if match else None


@needs_corpus
def test_every_corpus_feed_fetched_over_http_reports_in_vietnamese_and_counts_as_the_contract_says(server, site):
    files = sorted(p for part in PARTS for p in (CORPUS / part).iterdir() if p.is_file() and p.suffix != ".txt")
    assert len(files) > 250
    ids = {f"nguon-{n}": path for n, path in enumerate(files)}
    site.sources(*({"id": sid, "url": _served(server, path)} for sid, path in ids.items()))
    now = datetime(2026, 8, 1, 9, 0, tzinfo=TZ)

    code, out, err = run(site, now=now)
    assert code == 0 and err == "", err
    assert "Traceback" not in out
    result_lines = [line for line in out.splitlines() if line[:2] in ("✓ ", "✗ ", "= ")]
    reported = [line.split(":", 1)[0][2:] for line in result_lines]
    assert sorted(reported) == sorted(ids)  # one line per source, each source once
    failed = [line for line in result_lines if line.startswith("✗ ")]
    assert failed and len(failed) < len(ids)  # the corpus holds both kinds
    for line in failed + [line for line in out.splitlines() if line.startswith("    ! ")]:
        assert _english(line) is None, line
    # the real Vietnamese feeds all arrive
    for sid, path in ids.items():
        if path.parent.name == "vietnamese":
            assert f"✓ {sid}: " in out, (path.name, out)

    items = read_archive(site.root / "feeds" / "archive")
    assert len(items) > 250

    # a second fetch of the same feeds adds and changes nothing
    code, again, _ = run(site, now=now)
    assert code == 0 and "0 tin mới, 0 tin cập nhật" in again
    assert sorted(read_archive(site.root / "feeds" / "archive"), key=lambda i: (i.source, i.id)) == \
        sorted(items, key=lambda i: (i.source, i.id))

    # `check` counts each dated item once per channel (same id or same link: once), by its day in Hà Nội time
    code, report_json, err = run_cli("check", "--format", "json", "--as-of", "2026-08-01", "-f", site.config)
    assert code in (0, 1), err
    report = json.loads(report_json)
    counted = {p["period"]: p["count"] for c in report["channels"] if c["id"] == "bao" for p in c["periods"]}
    expected: dict[str, int] = defaultdict(int)
    ids_seen, links_seen = set(), set()
    for item in sorted((i for i in items if i.published is not None), key=lambda i: (i.published, i.source, i.id)):
        link = canonical_link(item.link)
        if item.id in ids_seen or (link and link in links_seen):
            continue
        ids_seen.add(item.id)
        links_seen.add(link)
        year, week, _ = item.published.astimezone(TZ).isocalendar()
        pid = f"{year}-W{week:02d}"
        if pid in counted:
            expected[pid] += 1
    assert sum(expected.values()) > 50
    assert {pid: n for pid, n in counted.items() if n} == dict(expected)

