"""After any sequence of saves in `chuyentrang serve`, what it serves is what a clean `chuyentrang build` writes for
the same files: every file of the build, byte for byte (the live-reload script taken out), and nothing that the
build no longer has."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from generator.core.slugs import article_slug
from generator.publish.output import MARKER
from servehelp import Served, built_files, clean_build, page_bytes

DEMO = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(tmp_path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(DEMO / "mkdocs.yml", root)
    shutil.copytree(DEMO / "content", root / "content")
    shutil.copytree(DEMO / "feeds", root / "feeds")
    return root / "mkdocs.yml"


def _set(text: str, key: str, value: str) -> str:
    front, sep, body = text.partition("\n---\n")
    lines = [ln for ln in front.split("\n") if not ln.startswith(key + ":")]
    return "\n".join(lines + [f"{key}: {value}"]) + sep + body


def _articles(root: Path) -> list[Path]:
    # the articles: not the plain pages of content/trang/ (no date, no category)
    return sorted(p for p in (root / "content").rglob("*.md") if "trang" not in p.relative_to(root / "content").parts)


OPS = ["body", "title", "date", "category", "tags", "draft", "new", "rename", "delete", "schedule"]


def _edit(rng: random.Random, root: Path, n: int, op: str) -> str:
    paths = [p for p in _articles(root) if "title:" in p.read_text(encoding="utf-8")]
    p = rng.choice(paths)
    text = p.read_text(encoding="utf-8")
    if op == "body":
        p.write_text(text + f"\n\nĐoạn thêm số {n}: người dân làm thủ tục trực tuyến.\n", encoding="utf-8")
    elif op == "title":
        p.write_text(_set(text, "title", f'"Tiêu đề sửa lần {n} về chuyển đổi số"'), encoding="utf-8")
    elif op == "date":
        day = rng.randint(1, 19)
        p.write_text(_set(text, "date", f"2026-11-{day:02d} 09:{n % 60:02d}:00+07:00"), encoding="utf-8")
    elif op == "category":
        p.write_text(_set(text, "category", rng.choice(["kinh-te-so", "xa-hoi-so", "ky-nang-so"])), encoding="utf-8")
    elif op == "tags":
        p.write_text(_set(text, "tags", f"[the-moi-{n}, chi-so-dti]"), encoding="utf-8")
    elif op == "draft":
        p.write_text(_set(text, "draft", rng.choice(["true", "false"])), encoding="utf-8")
    elif op == "schedule":
        p.write_text(_set(text, "date", "2026-12-20 08:00:00+07:00"), encoding="utf-8")
    elif op == "new":
        (p.parent / f"bai-moi-{n}.md").write_text(
            f'---\ntitle: "Bài mới số {n} về dịch vụ công"\ndate: 2026-11-{rng.randint(1, 19):02d} 10:00:00+07:00\n'
            f"category: chinh-quyen-so\ntags: [dich-vu-cong]\n---\n\nNội dung bài mới số {n}.\n", encoding="utf-8")
    elif op == "rename":
        p.rename(p.with_name(f"doi-ten-{n}-{p.name}"))
    elif op == "delete":
        p.unlink()
    return f"{op} {p.name}"


def _compare(served: Served, config: Path, out: Path, seen: set[str]) -> None:
    clean_build(config, out)
    files = built_files(out)
    files.pop(MARKER, None)  # the output folder's mark (generator/publish/output.py), not a page of the site
    bad = []
    for rel, path in files.items():
        status, body = served.get(rel)
        if status != 200 or page_bytes(rel, body) != page_bytes(rel, path.read_bytes()):
            bad.append(f"{rel} ({status})")
    for rel in seen - set(files):
        if rel.endswith(".html") and served.get(rel)[0] == 200:
            status, body = served.get(rel)
            if b"ct-xem-truoc" not in body:  # a draft's or scheduled article's page is the preview's own
                bad.append(f"{rel} still served")
    seen |= set(files)
    # the next clean build replaces this one in place (its own output folder)
    assert not bad, "served differs from the clean build:\n" + "\n".join(bad[:30]) + f"\n({len(bad)} in all)"


def test_served_equals_clean_build_after_random_saves(site, tmp_path):
    root = site.parent
    served = Served(site)
    try:
        seen: set[str] = set()
        _compare(served, site, tmp_path / "clean", seen)
        rng = random.Random(17)
        ops = OPS + [rng.choice(OPS) for _ in range(6)]  # each kind of save at least once, in a random order
        rng.shuffle(ops)
        done = []
        for n in range(1, 13):
            before = served.version()
            for _ in range(1 if n % 3 else 2):  # sometimes two files saved at once
                done.append(_edit(rng, root, n, ops.pop()))
            served.settle(before)
            assert b"Trang ch\xc6\xb0a d\xe1\xbb\xb1ng" not in served.get("")[1], served.log.read_text()
            if n % 4 == 0:
                _compare(served, site, tmp_path / "clean", seen)
        log = served.log.read_text()
        assert log.count("Đã cập nhật") >= 10, log  # saves were handled incrementally, not by full builds
    finally:
        served.stop()


# ---- one save of each kind that changes what the listing pages show ----

ARTICLE = "content/bai-viet/2026/to-cong-nghe-so-cong-dong-cau-noi.md"  # 28/08/2026, ky-nang-so, two tags
# its address, made from its title
SLUG = article_slug("Tổ công nghệ số cộng đồng: cầu nối đưa người dân lên môi trường số")
LISTINGS = ("tuan/", "luu-tru/", "chuyen-muc/", "the/")


def _holders(files: dict[str, Path], slug: str) -> set[str]:
    """The listing pages of a built site (home, weeks, months, categories, tags) that link to the article ``slug``."""
    link = f'bai-viet/{slug}/"'.encode()
    return {rel for rel, path in files.items() if rel.endswith("index.html")
            and (rel == "index.html" or rel.startswith(LISTINGS)) and link in path.read_bytes()}


def _kinds(pages: set[str]) -> set[str]:
    return {rel.split("/", 1)[0] for rel in pages if rel != "index.html"}


def _served_as_built(served: Served, config: Path, out: Path) -> dict[str, Path]:
    _compare(served, config, out, set())
    files = built_files(out)
    files.pop(MARKER, None)
    return files


def _save(served: Served, path: Path, text: str) -> None:
    """Write ``path`` and wait until the preview has taken it in, incrementally (not by a full build)."""
    before, updates = served.version(), served.log.read_text().count("Đã cập nhật")
    path.write_text(text, encoding="utf-8")
    served.settle(before)
    assert served.log.read_text().count("Đã cập nhật") > updates, served.log.read_text()


@pytest.mark.parametrize("change", ["title", "new", "category", "tags", "draft"])
def test_listing_pages_follow_a_save(site, tmp_path, change):
    """After one save that changes what the listings show, the week, month, category, tag pages (and the home page
    when it shows the article) are served as a clean build writes them, holding the article as it is now."""
    root = site.parent
    p = root / ARTICLE
    text = p.read_text(encoding="utf-8")
    served = Served(site)
    try:
        before = _served_as_built(served, site, tmp_path / "before")
        held = _holders(before, SLUG)
        assert {"tuan", "luu-tru", "chuyen-muc", "the"} <= _kinds(held), held
        if change == "title":
            _save(served, p, _set(text, "title", '"Tổ công nghệ số: tiêu đề vừa sửa"'))
            slug, shown = "to-cong-nghe-so-tieu-de-vua-sua", "Tổ công nghệ số: tiêu đề vừa sửa"
        elif change == "new":
            _save(served, p.with_name("bai-vua-viet.md"), '---\ntitle: "Bài vừa viết về chữ ký số"\n'
                  "date: 2026-11-18 10:00\ncategory: chinh-quyen-so\ntags: [chữ ký số]\n---\n\nNội dung mới.\n")
            slug, shown = "bai-vua-viet-ve-chu-ky-so", "Bài vừa viết về chữ ký số"
        elif change == "category":
            _save(served, p, _set(text, "category", "kinh-te-so"))
            slug, shown = SLUG, "Tổ công nghệ số cộng đồng"
        elif change == "tags":
            _save(served, p, _set(text, "tags", "[thẻ vừa thêm]"))
            slug, shown = SLUG, "Tổ công nghệ số cộng đồng"
        else:
            _save(served, p, _set(text, "draft", "true"))
            after = _served_as_built(served, site, tmp_path / "draft")
            assert not _holders(after, SLUG)
            for rel in held:  # the pages that held it are served again, without it
                assert f"{SLUG}/".encode() not in page_bytes(rel, served.get(rel)[1]), rel
            _save(served, p, _set(text, "draft", "false"))
            slug, shown = SLUG, "Tổ công nghệ số cộng đồng"
        after = _served_as_built(served, site, tmp_path / "after")
        now = _holders(after, slug)
        assert {"tuan", "luu-tru", "chuyen-muc", "the"} <= _kinds(now), now
        for rel in now:  # served (and equal to the clean build, above) with the article as it is now
            assert shown.encode() in page_bytes(rel, served.get(rel)[1]), rel
        if change == "category":
            assert "chuyen-muc/kinh-te-so/index.html" in now and "chuyen-muc/ky-nang-so/index.html" not in now
        if change == "tags":
            assert "the/the-vua-them/index.html" in now and not any(r.startswith("the/ky-nang-so/") for r in now)
        if change == "title":
            assert not _holders(after, SLUG)
    finally:
        served.stop()
