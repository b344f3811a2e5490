"""`chuyentrang new`: a valid article skeleton with today's date and a slug no other article uses."""
from __future__ import annotations

import unicodedata
from datetime import datetime, timezone
from pathlib import Path

from generator.articles import article_slug, load_articles
from generator.config import SiteConfig
from generator.links import link_problems
from generator.problems import InputError, Problem


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def new_article(config: SiteConfig, title: str, category: str, now: datetime | None = None) -> Path:
    title = unicodedata.normalize("NFC", title).strip()
    problems = []
    if not title:
        problems.append(Problem("chuyentrang new", None, "tiêu đề không được để trống"))
    if category not in config.category_ids:
        problems.append(Problem("--category", None, f"chuyên mục không có trong cấu hình: '{category}' "
                                                   f"(có: {', '.join(config.category_ids)})"))
    if problems:
        raise InputError(problems)
    when = (now or datetime.now(timezone.utc)).astimezone(config.tz).replace(microsecond=0)
    linked = link_problems(config)
    if linked:
        raise InputError(linked)
    articles, _ = load_articles(config)  # the slugs in use, even in files that still have problems
    taken = {a.slug for a in articles}
    folder = config.content_dir / "bai-viet" / f"{when.year:04d}"
    base = article_slug(title)
    slug, n = base, 1
    while slug in taken or (folder / f"{slug}.md").exists():
        n += 1
        slug = f"{base}-{n}"
    lines = [
        "---",
        f"title: {_yaml_str(title)}",
        f"date: {when.strftime('%Y-%m-%d %H:%M:%S')}{when.strftime('%z')[:3]}:{when.strftime('%z')[3:]}",
        f"category: {category}",
    ]
    if slug != base:
        lines.append(f"slug: {slug}")
    lines += [
        'summary: ""',
        "tags: []",
        "draft: true  # xóa dòng này (hoặc ghi false) khi bài đã sẵn sàng xuất bản",
        "---",
        "",
        "Viết đoạn mở đầu của bài ở đây.",
        "",
        "## Nội dung chính",
        "",
        "Viết nội dung bài. Ảnh đặt trong thư mục content/assets/ và luôn có lời mô tả, ví dụ: `![mô tả ảnh](/assets/ten-anh.jpg)`",
        "",
    ]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    with path.open("x", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    return path
