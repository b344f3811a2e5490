"""`chuyentrang new`: a valid article skeleton with today's date and its own address written in (``slug:``), so
that fixing a typo in the title later does not move the article."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from generator.core import choices
from generator.core.slugs import article_slug, tag_key
from generator.core.articles import load_articles
from generator.core.config import SLUG_RE, SiteConfig
from generator.core.frontmatter import control_char
from generator.core.links import link_problems
from generator.core.problems import InputError, Problem


def _yaml_str(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class NewArticle:
    path: Path
    notes: tuple[str, ...]  # what the editor should know (a title already used by another article)


def new_article(config: SiteConfig, title: str, category: str | None, now: datetime | None = None,
                slug: str | None = None) -> NewArticle:
    """Write the skeleton. Refuses (InputError) an address another article has or had: ``new`` run twice with one
    title must not make a second copy at ``<slug>-2`` that nobody asked for."""
    title = " ".join(unicodedata.normalize("NFC", title).split())  # one line: a pasted line break is a space
    options = [(c.id, c.name) for c in config.categories]
    problems = []
    if not title:
        problems.append(Problem("chuyentrang new", None, "tiêu đề không được để trống"))
    control = control_char(title)  # what the front matter refuses: written there, no build could read the file
    if control:
        problems.append(Problem("chuyentrang new", None, f"tiêu đề có ký tự điều khiển U+{ord(control):04X} "
                                                         "(không nhìn thấy được): hãy xóa nó"))
    if not category:
        problems.append(Problem("--category", None, f"cần chọn chuyên mục, ví dụ --category {config.category_ids[0]}"
                                                   f"; có: {choices.listed(options)}" if options else
                                "cần chọn chuyên mục, nhưng mkdocs.yml chưa khai báo chuyên mục nào (categories)"))
    else:
        found = choices.find(unicodedata.normalize("NFC", category).strip(), options)
        if found is None:
            problems.append(Problem("--category", None, f"chuyên mục không có trong cấu hình: '{category}'"
                                                       f"{choices.hint(category, options)} (có: {choices.listed(options)})"))
        category = found
    if title and slug is None and not tag_key(title):
        # no letter or digit to make an address of ("???"): it would be /bai-viet/bai-viet/, which says nothing
        problems.append(Problem("chuyentrang new", None, f"tiêu đề '{title}' không có chữ hay số nào để làm địa chỉ "
                                                         "của bài: viết tiêu đề có chữ, hoặc tự chọn địa chỉ với "
                                                         "--slug, ví dụ --slug hoi-nghi-chuyen-doi-so"))
    if slug is not None and not SLUG_RE.match(slug):
        problems.append(Problem("--slug", None, f"slug '{slug}' chỉ được gồm chữ thường không dấu, số và '-', "
                                               f"ví dụ: {article_slug(slug)}"))
    if problems:
        raise InputError(problems)
    when = (now or datetime.now(timezone.utc)).astimezone(config.tz).replace(microsecond=0)
    linked = link_problems(config)
    if linked:
        raise InputError(linked)
    articles, _ = load_articles(config)  # the addresses in use, even while other files still have problems
    folder = config.content_dir / "bai-viet" / f"{when.year:04d}"
    slug = slug or article_slug(title)
    path = folder / f"{slug}.md"
    rel = config.rel(path)
    holders = {a.slug: a for a in articles}
    holders.update({old: a for a in articles for old in a.redirect_from if old not in holders})
    same_file = sorted(config.rel(p) for p in (config.content_dir / "bai-viet").glob(f"*/{slug}.md"))
    holder = holders.get(slug)
    if holder is not None or same_file or path.exists():
        taken = {a.slug for a in articles} | {old for a in articles for old in a.redirect_from}
        free = next(f"{slug}-{n}" for n in range(2, 1000) if f"{slug}-{n}" not in taken
                    and not any((config.content_dir / "bai-viet").glob(f"*/{slug}-{n}.md")))
        where = holder.path if holder is not None else (same_file[0] if same_file else rel)
        what = f"bài '{holder.title}'" if holder is not None else "một bài"
        raise InputError([Problem(where, None, f"{what} đã dùng địa chỉ /bai-viet/{slug}/, nên chưa tạo bài mới {rel}. "
                                               f"Muốn sửa bài cũ: mở tệp {where}. Muốn viết bài khác: đặt tiêu đề "
                                               f"khác, hoặc giữ tiêu đề và chọn địa chỉ khác với --slug {free}")])
    notes = tuple(f"Lưu ý: tiêu đề này đã có ở bài {a.path} (địa chỉ /bai-viet/{a.slug}/); bài mới: {rel}"
                  for a in articles if a.title.casefold() == title.casefold())
    lines = [
        "---",
        f"title: {_yaml_str(title)}",
        f"date: {when.strftime('%Y-%m-%d %H:%M:%S')}{when.strftime('%z')[:3]}:{when.strftime('%z')[3:]}",
        f"category: {category}",
        f"slug: {slug}  # địa chỉ của bài: /bai-viet/{slug}/. Sửa tiêu đề không làm đổi địa chỉ này; "
        "đừng đổi nó sau khi bài đã đăng",
        'summary: ""',
        "tags: []",
        "draft: true  # xóa dòng này (hoặc ghi false) khi bài đã sẵn sàng xuất bản, và sửa date thành lúc đăng",
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
    with path.open("x", encoding="utf-8") as fh:
        fh.write("\n".join(lines))
    return NewArticle(path, notes)
