"""Editors' text never runs as script: a site built by ``chuyentrang build`` with a hostile value in every front-matter
field, every configured name, a feed item and a waiver still has only the site's own scripts, no event handler and no
javascript: address, on every page; the hostile text is shown as text."""
from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitefactory import run_cli
from PIL import Image

# Each holds "alert(1)"; the 1 becomes the number of the field it is put in, so a failure names the field.
PAYLOADS = [
    '"><svg/onload=alert(1)>',
    "</title><script>alert(1)</script>",
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    '<img alt=x src=x.png onerror=alert(1)>',  # (x.png is there: the editors' check wants a file and a description)
    '</textarea></noscript><iframe srcdoc="<script>alert(1)</script>">',
]
BENIGN = "Chuyển đổi số (1)"

FIELDS = [
    # article front matter
    "title", "description", "author", "tag", "image", "subtitle",
    # an article with a summary and no description: the summary is its description
    "title-3", "summary",
    # an article without summary: its excerpt is its first paragraph; a heading (table of contents), a link
    "title-2", "first-paragraph", "heading", "body-link",
    # mkdocs.yml
    "site_name", "site_description", "site_author", "copyright", "category-name", "category-description",
    "channel-name", "feed-channel-name", "waiver-reason", "campaign-name", "campaign-slogan", "campaign-tag",
    "feedback-department", "feedback-address",
    # the feed archive
    "feed-title", "feed-summary", "feed-link", "feed-source-name",
]


def value(payload: str, field: str) -> str:
    return payload.replace("alert(1)", f"alert({FIELDS.index(field) + 1})").replace("(1)", f"({FIELDS.index(field) + 1})")


def write_site(root: Path, payload: str) -> Path:
    """A site repository with ``payload`` in every field of FIELDS; returns its mkdocs.yml."""
    def v(field: str) -> str:
        return value(payload, field)

    def y(field: str) -> str:  # JSON is YAML: the value exactly as it is
        return json.dumps(v(field), ensure_ascii=False)

    content = root / "content"
    (content / "assets").mkdir(parents=True)
    image_name = v("image").replace("/", "_") + ".png"
    Image.new("RGB", (4, 3), "white").save(content / "assets" / image_name, "PNG")  # a real picture
    (content / "bai-viet").mkdir()
    Image.new("RGB", (4, 3), "white").save(content / "bai-viet" / "x.png", "PNG")  # a real picture
    (content / "bai-viet" / "mot.md").write_text(
        "---\n"
        f"title: {y('title')}\ndate: 2024-05-14 09:00\ncategory: chinh-quyen-so\n"
        f"description: {y('description')}\nauthor: {y('author')}\n"
        f"tags: [{y('tag')}, cds]\nimage: {json.dumps('/assets/' + image_name, ensure_ascii=False)}\n"
        f"subtitle: {y('subtitle')}\n"
        "---\n\nNội dung bài một.\n", encoding="utf-8")
    (content / "bai-viet" / "ba.md").write_text(
        f"---\ntitle: {y('title-3')}\ndate: 2024-05-15 09:00\ncategory: chinh-quyen-so\nsummary: {y('summary')}\n"
        "---\n\nNội dung bài ba.\n", encoding="utf-8")
    (content / "bai-viet" / "hai.md").write_text(
        "---\n"
        f"title: {y('title-2')}\ndate: 2024-05-21 09:00\ncategory: chinh-quyen-so\ntags: [cds]\n"
        "---\n\n"
        f"Mở đầu {v('first-paragraph')}\n\n"
        f"## Mục {v('heading')}\n\n"
        f"Xem <a href=\"{v('body-link')}\">ở đây</a>.\n"
        # (in a Markdown link, a "<img" would be taken by the editors' check for an image without description)
        + ("" if "<img" in payload else f"\nVà [liên kết]({v('body-link').replace(' ', '%20')}).\n"),
        encoding="utf-8")
    (root / "feeds" / "archive").mkdir(parents=True)
    items = [
        {"id": f"bao-{n}", "source": "bao", "source_name": v("feed-source-name"), "channel": "bao",
         "title": v("feed-title"), "link": f"{v('feed-link')}#{n}", "published": published, "published_raw": None,
         "summary": f"<p>{v('feed-summary')}</p>", "categories": [], "image": None,
         "first_seen": published, "last_seen": published, "flags": []}
        for n, published in enumerate(["2024-05-08T08:00:00+07:00", "2024-05-15T08:00:00+07:00",
                                       "2024-05-21T08:00:00+07:00"])]
    (root / "feeds" / "archive" / "bao.jsonl").write_text(
        "".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
    config = root / "mkdocs.yml"
    config.write_text(f"""\
site_name: {y('site_name')}
site_description: {y('site_description')}
site_author: {y('site_author')}
copyright: {y('copyright')}
site_url: https://example.test/
docs_dir: content
theme:
  name: material
  language: vi
  font: false
plugins:
  - chuyentrang:
      timezone: Asia/Ho_Chi_Minh
      default_channel: chuyen-trang
      as_of: 2024-05-22
      categories:
        - {{id: chinh-quyen-so, name: {y('category-name')}, description: {y('category-description')}}}
      channels:
        - id: chuyen-trang
          name: {y('channel-name')}
          target: {{per: week, min: 1, mode: every, window: 4}}
          since: 2024-05-06
        - id: bao
          name: {y('feed-channel-name')}
          target: {{per: week, min: 1, mode: every, window: 4}}
          since: 2024-05-06
      waivers:
        - {{channel: chuyen-trang, period: 2024-W19, reason: {y('waiver-reason')}}}
      campaigns:
        - id: tuan-cds
          name: {y('campaign-name')}
          start: 2024-05-20
          end: 2024-05-26
          slogan: {y('campaign-slogan')}
          tag: {y('campaign-tag')}
      feedback:
        department: {y('feedback-department')}
        address: {y('feedback-address')}
        email: gopy@example.test
""", encoding="utf-8")
    return config


URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "poster", "cite", "background", "data", "srcdoc"}


class _Page(HTMLParser):
    """What could run in a browser: scripts (src or text), event handler attributes, script addresses, frames."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.handlers: list[str] = []
        self.script_urls: list[str] = []
        self.frames: list[str] = []
        self.titles: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        for name, val in attrs:
            if name.startswith("on"):
                self.handlers.append(f"<{tag} {name}={val!r}>")
            if name in URL_ATTRS and val and re.match(r"\s*(java|vb)script:", re.sub(r"[\x00-\x20]", "", val), re.I):
                self.script_urls.append(f"<{tag} {name}={val!r}>")
        if tag in ("iframe", "frame", "object", "embed"):
            self.frames.append(tag)
        if tag == "script":
            src = dict(attrs).get("src")
            self.scripts.append("src:" + src.rsplit("/", 1)[-1] if src else "")
        self._in = tag if tag in ("script", "title") else None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        self._in = None

    def handle_data(self, data):
        if self._in == "script" and self.scripts and not self.scripts[-1].startswith("src:"):
            self.scripts[-1] += data
        elif self._in == "title":
            self.titles.append(data)

    def handle_endtag(self, tag):
        self._in = None


def build(root: Path, payload: str) -> Path:
    config = write_site(root, payload)
    out = root / "site"
    code, stdout, stderr = run_cli("build", "-f", config, "-d", out)
    assert code == 0, stdout + stderr
    return out


def pages(out: Path) -> dict[str, _Page]:
    parsed = {}
    for path in sorted(out.rglob("*.html")):
        p = _Page()
        p.feed(path.read_text(encoding="utf-8"))
        p.close()
        parsed[str(path.relative_to(out))] = p
    return parsed


def field_of(text: str) -> str:
    found = re.findall(r"alert\((\d+)\)", text) or re.findall(r"\((\d+)\)", text)
    return ", ".join(FIELDS[int(n) - 1] for n in found if 0 < int(n) <= len(FIELDS)) or "?"


@pytest.fixture(scope="module")
def own_scripts(tmp_path_factory) -> set[str]:
    """The scripts of the same site with harmless text: the site's own (Material's bundle, its inline scripts, ours)."""
    out = build(tmp_path_factory.mktemp("benign"), BENIGN)
    return {s for p in pages(out).values() for s in p.scripts}


@pytest.mark.parametrize("payload", PAYLOADS, ids=range(len(PAYLOADS)))
def test_no_value_runs_as_script_on_any_page(tmp_path, payload, own_scripts):
    out = build(tmp_path, payload)
    parsed = pages(out)
    assert len(parsed) > 15  # home, weeks, category, archive, news, log and its pages, campaign, feedback, articles
    bad = []
    for rel, p in parsed.items():
        bad += [f"{rel}: script {s[:80]!r} (from {field_of(s)})" for s in p.scripts if s not in own_scripts]
        bad += [f"{rel}: handler {h} (from {field_of(h)})" for h in p.handlers]
        bad += [f"{rel}: address {u} (from {field_of(u)})" for u in p.script_urls]
        bad += [f"{rel}: <{f}>" for f in p.frames]
    assert not bad, "\n".join(bad[:40])


@pytest.mark.parametrize("payload", PAYLOADS[:3], ids=range(3))
def test_hostile_text_is_shown_as_text(tmp_path, payload):
    """Escaped, not dropped: the reader sees what the editor wrote, in the tab title and the page."""
    out = build(tmp_path, payload)
    parsed = pages(out)
    article = next(p for rel, p in parsed.items() if rel.startswith("bai-viet/")
                   and any(value(payload, "title") in t for t in p.titles))
    assert "".join(article.titles).strip().startswith(value(payload, "title"))
    home = parsed["index.html"]
    assert value(payload, "site_name") in "".join(home.titles)
    text = (out / "chuyen-muc" / "chinh-quyen-so" / "index.html").read_text(encoding="utf-8")
    assert unescape(text).count(value(payload, "category-name")) >= 1
    # escaped once, never twice (the table of contents, titles from MkDocs are HTML text already)
    twice = [f"{rel}: {m}" for rel in parsed for m in
             re.findall(r".{0,30}&amp;(?:amp|lt|gt|quot|#\d+);.{0,30}", (out / rel).read_text(encoding="utf-8"))]
    assert not twice, "\n".join(twice[:10])


@pytest.mark.parametrize("payload", PAYLOADS[:3], ids=range(3))
def test_feed_and_sitemap_stay_well_formed_and_inert(tmp_path, payload):
    out = build(tmp_path, payload)
    rss = ET.parse(out / "feed.xml").getroot()
    ET.parse(out / "sitemap.xml")
    assert rss.findtext("channel/title") == value(payload, "site_name")
    items = list(rss.iter("item"))
    assert items
    for item in items:
        # a reader shows the description as HTML: read as HTML it must be text only, without any element
        tags = _Tags()
        tags.feed(item.findtext("description") or "")
        assert not tags.found, item.findtext("description")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.found.append(tag)
