"""A deterministic five-year site for the scale benchmark: a chuyentrang site repository, and the same articles as a
Material blog. Same arguments, same bytes (no clock, no network)."""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import vi_corpus  # noqa: E402
from generator.core.archive import FeedItem, write_source_archive  # noqa: E402
from generator.core.slugs import article_slug  # noqa: E402

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
AS_OF = datetime(2026, 11, 20, 12, 0, tzinfo=TZ)
YEARS = 5
START = AS_OF - timedelta(days=365 * YEARS)

CATEGORIES = (
    ("chinh-quyen-so", "Chính quyền số"),
    ("kinh-te-so", "Kinh tế số"),
    ("xa-hoi-so", "Xã hội số"),
    ("ha-tang-du-lieu-so", "Hạ tầng và dữ liệu số"),
    ("an-toan-thong-tin", "An toàn thông tin mạng"),
    ("ky-nang-so", "Kỹ năng số cho người dân"),
)
# (id, name, channel, share of the feed items, host)
SOURCES = (
    ("bao-lam-dong", "Báo Lâm Đồng", "bao", 0.35, "baolamdong.vn"),
    ("bao-dien-tu-tinh", "Cổng thông tin điện tử tỉnh", "bao", 0.15, "lamdong.gov.vn"),
    ("ptth-lam-dong", "Đài Phát thanh - Truyền hình Lâm Đồng", "dai", 0.30, "lamdongtv.vn"),
    ("truyen-thanh-bao-loc", "Đài truyền thanh Bảo Lộc", "truyen-thanh-co-so", 0.10, "baoloc.lamdong.gov.vn"),
    ("truyen-thanh-di-linh", "Đài truyền thanh Di Linh", "truyen-thanh-co-so", 0.10, "dilinh.lamdong.gov.vn"),
)
CHANNELS = (
    ("chuyen-trang", "Chuyên trang Chuyển đổi số"),
    ("bao", "Báo Lâm Đồng"),
    ("dai", "Đài Phát thanh - Truyền hình Lâm Đồng"),
    ("truyen-thanh-co-so", "Truyền thanh cơ sở"),
)
WEEKS = YEARS * 365 / 7


@dataclass(frozen=True)
class Post:
    title: str
    slug: str
    date: datetime
    category: int  # index into CATEGORIES
    tags: tuple[str, ...]
    author: str
    body: str  # Markdown


def _spread(n: int, i: int, rng: random.Random) -> datetime:
    """The i-th of n moments spread evenly over the five years, at office hours (never two weeks apart)."""
    t = START + (AS_OF - START) * ((i + 0.5) / n)
    t = t.replace(hour=rng.randint(7, 17), minute=rng.choice((0, 15, 30, 45)), second=0, microsecond=0)
    return min(t, AS_OF - timedelta(hours=1))


def posts(n: int, seed: int = 2024) -> list[Post]:
    """``n`` articles of about 400 words, oldest first, every category, unique slugs."""
    rng = random.Random(seed)
    texts = vi_corpus.articles(n, words_per_article=400, seed=seed)
    authors = ("H'Yên", "Nguyễn Văn An", "Trần Thị Bích", "K'Brôl", "Lê Minh", "")
    seen: set[str] = set()
    out = []
    for i, (title, body) in enumerate(texts):
        slug = article_slug(title)
        if slug in seen:
            title = f"{title} (kỳ {i})"
            slug = article_slug(title)
        seen.add(slug)
        sentences = body.split(". ")
        k = max(1, len(sentences) // 3)
        paragraphs = [". ".join(sentences[j:j + k]).strip() for j in range(0, len(sentences), k)]
        heading = " ".join(rng.sample(vi_corpus.TITLE_WORDS, 3)).capitalize()
        bullets = "\n".join(f"- {w.capitalize()}" for w in rng.sample(vi_corpus.TITLE_WORDS, 3))
        md = "\n\n".join([paragraphs[0], f"## {heading}", *paragraphs[1:2], bullets, *paragraphs[2:]]) + "\n"
        tags = tuple(rng.sample(("chuyen-doi-so", "dich-vu-cong", "ky-nang-so", "du-lieu", "an-toan"), rng.randint(0, 2)))
        out.append(Post(title, slug, _spread(n, i, rng), i % len(CATEGORIES), tags, rng.choice(authors), md))
    return out


def _summary(text: str, link: str, host: str, published: datetime, n: int, shape: float) -> str:
    """A summary shaped like the real Vietnamese feeds' (shared corpus, as archived: 205 of 289 open with a linked
    lead image, 30 with an image, 54 are text): 70% linked image + text, 10% image + text, 20% a paragraph."""
    img = f"https://{host}/images/{published:%Y/%m/%d}/anh-{n}_180x108.jpg"
    if shape < 0.7:
        return (f'<a href="{link}" rel="noopener noreferrer nofollow"><img height="100" src="{img}" width="130"></a>'
                f"{text}")
    if shape < 0.8:
        return f'<img alt="" height="90" src="{img}" width="120">{text}'
    return f"<p>{text}</p>"


def feed_items(m: int, seed: int = 7) -> dict[str, list[FeedItem]]:
    """``m`` feed items over the sources, each source's items spread over the five years; about 1% undated."""
    rng = random.Random(seed)
    shapes = random.Random(seed + 1)  # its own generator: the items' dates are those of the plain-paragraph corpus
    titles = vi_corpus.articles(m, words_per_article=30, seed=seed)
    out: dict[str, list[FeedItem]] = {}
    start = 0
    for sid, name, channel, share, host in SOURCES:
        count = round(m * share) if sid != SOURCES[-1][0] else m - start
        items = []
        for j in range(count):
            title, summary = titles[start + j]
            link = f"https://{host}/chuyen-doi-so/{article_slug(title)[:60]}-{100000 + start + j}.html"
            published = _spread(count, j, rng)
            undated = rng.random() < 0.01
            first_seen = published + timedelta(minutes=rng.randint(5, 600))
            items.append(FeedItem(
                id=link, source=sid, source_name=name, channel=channel, title=title, link=link,
                published=None if undated else published,
                published_raw=None if undated else published.strftime("%a, %d %b %Y %H:%M:%S +0700"),
                summary=_summary(summary, link, host, published, start + j, shapes.random()),
                categories=("Chuyển đổi số",), image=None,
                first_seen=first_seen, last_seen=first_seen + timedelta(hours=6), flags=(),
            ))
        start += count
        out[sid] = items
    return out


def _target(per_week: float, mode: str) -> str:
    """A target the corpus meets: weekly when there is about one item a week or more, else monthly."""
    if per_week >= 1.2:
        return f"{{per: week, min: 1, mode: {mode}, window: 4}}"
    return f"{{per: month, min: 1, mode: {mode}, window: 3}}"


def _site_yml(n: int, m: int) -> str:
    per_channel = {"chuyen-trang": n / WEEKS}
    for _sid, _name, channel, share, _host in SOURCES:
        per_channel[channel] = per_channel.get(channel, 0) + m * share / WEEKS
    cats = "\n".join(f"        - {{id: {cid}, name: {name}}}" for cid, name in CATEGORIES)
    since = START.date() + timedelta(days=14)
    chans = "\n".join(
        f"        - id: {cid}\n          name: {name}\n"
        f"          target: {_target(per_channel[cid], 'average' if cid == 'chuyen-trang' else 'every')}\n"
        f"          since: {since.isoformat()}"
        for cid, name in CHANNELS)
    return f"""site_name: Chuyên trang Chuyển đổi số (thử tải {n} bài)
site_description: Bộ dữ liệu sinh tự động cho phép đo quy mô
site_url: https://chuyendoiso.example.gov.vn/
docs_dir: content
theme:
  name: material
  language: vi
  font: false
  features:
    - navigation.tabs
    - navigation.top
markdown_extensions:
  - tables
  - attr_list
  - toc:
      permalink: false
plugins:
  - chuyentrang:
      timezone: Asia/Ho_Chi_Minh
      default_channel: chuyen-trang
      categories:
{cats}
      channels:
{chans}
      waivers:
        - {{channel: bao, period: 2024-W06, reason: "Nghỉ Tết Nguyên đán"}}
"""


def _sources_yml() -> str:
    lines = ["sources:"]
    for sid, name, channel, _share, host in SOURCES:
        lines += [f"  - id: {sid}", f"    name: {name}", f"    url: https://{host}/rss/chuyen-doi-so.rss",
                  f"    channel: {channel}"]
    return "\n".join(lines) + "\n"


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_site(root: Path, articles: list[Post], items: dict[str, list[FeedItem]]) -> None:
    """A chuyentrang site repository: mkdocs.yml, content/bai-viet/<year>/<slug>.md, feeds/."""
    root.mkdir(parents=True, exist_ok=True)
    n = len(articles)
    m = sum(len(v) for v in items.values())
    (root / "mkdocs.yml").write_text(_site_yml(n, m), encoding="utf-8")
    for p in articles:
        d = root / "content" / "bai-viet" / str(p.date.year)
        d.mkdir(parents=True, exist_ok=True)
        fm = [f"title: {_yaml_str(p.title)}", f"date: {p.date:%Y-%m-%d %H:%M}", f"category: {CATEGORIES[p.category][0]}"]
        if p.tags:
            fm.append(f"tags: [{', '.join(p.tags)}]")
        if p.author:
            fm.append(f"author: {_yaml_str(p.author)}")
        (d / f"{p.slug}.md").write_text("---\n" + "\n".join(fm) + "\n---\n\n" + p.body, encoding="utf-8")
    (root / "feeds" / "archive").mkdir(parents=True, exist_ok=True)
    (root / "feeds" / "sources.yml").write_text(_sources_yml(), encoding="utf-8")
    for sid, its in items.items():
        write_source_archive(root / "feeds" / "archive" / f"{sid}.jsonl", its)


def write_blog(root: Path, articles: list[Post]) -> None:
    """The same articles for Material's blog plugin (with Material's search), as a user would set it up."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(f"""site_name: Chuyên trang Chuyển đổi số (blog, {len(articles)} bài)
site_url: https://chuyendoiso.example.gov.vn/
theme:
  name: material
  language: vi
  font: false
  features:
    - navigation.tabs
    - navigation.top
markdown_extensions:
  - tables
  - attr_list
  - toc:
      permalink: false
plugins:
  - search
  - blog
""", encoding="utf-8")
    posts_dir = root / "docs" / "blog" / "posts"
    posts_dir.mkdir(parents=True, exist_ok=True)
    (root / "docs" / "index.md").write_text("# Chuyên trang Chuyển đổi số\n", encoding="utf-8")
    (root / "docs" / "blog" / "index.md").write_text("# Tin bài\n", encoding="utf-8")
    for p in articles:
        fm = [f"date: {p.date:%Y-%m-%d %H:%M:%S}", f"categories:\n  - {CATEGORIES[p.category][1]}",
              f"slug: {p.slug}"]
        if p.tags:
            fm.append("tags:\n" + "".join(f"  - {t}\n" for t in p.tags).rstrip())
        (posts_dir / f"{p.slug}.md").write_text(
            "---\n" + "\n".join(fm) + "\n---\n\n# " + p.title + "\n\n" + p.body, encoding="utf-8")
