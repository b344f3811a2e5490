"""After any sequence of saves in `chuyentrang serve`, what it serves is what a clean `chuyentrang build` writes for
the same files: every file of the build, byte for byte (the live-reload script taken out), and nothing that the
build no longer has."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

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
