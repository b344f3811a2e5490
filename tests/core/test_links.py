"""Symbolic links in content/ and feeds/: nothing outside the project is read or published; a bad link is a problem
named with its path (exit 2), never a traceback; a link inside the project works."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitefactory import run_cli

AS_OF = "2024-05-20"


@pytest.fixture
def site(repo, tmp_path):
    repo.article("a", "Bài một", "2024-05-06")
    outside = tmp_path / "outside"
    (outside / "dir").mkdir(parents=True)
    (outside / "outside.md").write_text("---\ntitle: Ngoài\ndate: 2024-05-07\ncategory: chinh-quyen-so\n---\nx\n")
    (outside / "dir" / "secret.txt").write_text("SECRET")
    (repo.root / "feeds" / "archive").mkdir(parents=True)
    return repo


# (where the link is, relative to the project; what it points at, "{out}" being a folder outside the project)
BAD = [
    ("content/assets/env.txt", "/proc/self/environ"),
    ("content/bai-viet/ngoai.md", "../../../outside/outside.md"),
    ("content/assets/etc", "/etc"),
    ("content/assets/ngoai", "{out}/dir"),
    ("content/bai-viet/hong.md", "khong-co.md"),
    ("feeds/archive/bao.jsonl", "/proc/self/environ"),
    ("feeds/sources.yml", "{out}/outside.md"),
    ("content/assets/git.txt", "../../.git/config"),
]


@pytest.mark.parametrize("where, target", BAD, ids=[w for w, _ in BAD])
def test_a_link_leaving_the_project_or_going_nowhere_is_named(site, tmp_path, where, target):
    if target.endswith(".git/config"):
        (site.root / ".git").mkdir()
        (site.root / ".git" / "config").write_text("[http] extraheader = AUTHORIZATION: basic TOKEN\n")
    link = site.root / where
    link.parent.mkdir(parents=True, exist_ok=True)
    os.symlink(target.format(out=tmp_path / "outside"), link)
    code, out, err = run_cli("check", "-f", site.config, "--as-of", AS_OF)
    assert code == 2
    assert f"\n{where}: liên kết (symlink)" in err
    assert "Traceback" not in err and "SECRET" not in err + out


def test_link_chains_loops_and_links_to_links(site, tmp_path):
    content = site.root / "content"
    (content / "assets").mkdir()
    os.symlink("/proc/self/environ", tmp_path / "hop")  # outside, through a link outside
    os.symlink(tmp_path / "hop", content / "assets" / "qua-1-buoc.txt")
    os.symlink("qua-1-buoc.txt", content / "assets" / "qua-2-buoc.txt")  # a link to a link that leaves
    os.symlink("vong-b", content / "assets" / "vong-a")
    os.symlink("vong-a", content / "assets" / "vong-b")
    os.symlink("..", content / "assets" / "len")  # a folder holding itself: MkDocs would walk it 40 times
    code, _, err = run_cli("check", "-f", site.config, "--as-of", AS_OF)
    assert code == 2
    for name in ("qua-1-buoc.txt", "qua-2-buoc.txt", "vong-a", "vong-b", "len"):
        assert f"\ncontent/assets/{name}: liên kết (symlink)" in err, name
    assert "vòng lặp" in err


def test_a_link_into_a_linked_outside_folder_is_found_through_an_inside_link(site, tmp_path):
    (site.root / "other").mkdir()
    os.symlink("/etc/hostname", site.root / "other" / "host.txt")
    os.symlink("../other", site.root / "content" / "khac")
    code, _, err = run_cli("check", "-f", site.config, "--as-of", AS_OF)
    assert code == 2
    assert "\ncontent/khac/host.txt: liên kết (symlink) trỏ ra ngoài dự án" in err


def test_links_inside_the_project_are_followed_as_mkdocs_follows_them(site):
    (site.root / "anh").mkdir()
    (site.root / "anh" / "logo.png").write_bytes(b"png")
    (site.root / "content" / "assets").mkdir()
    os.symlink("../../anh/logo.png", site.root / "content" / "assets" / "logo.png")
    os.symlink("../anh", site.root / "content" / "thu-vien")
    (site.root / "bai-cu").mkdir()
    (site.root / "bai-cu" / "b.md").write_text("---\ntitle: Bài hai\ndate: 2024-05-13\ncategory: kinh-te-so\n---\nx\n")
    os.symlink("../bai-cu", site.root / "content" / "bai-cu")
    code, out, err = run_cli("check", "-f", site.config, "--as-of", AS_OF, "--format", "json")
    assert code == 1, err  # judged (weeks before May have nothing): no input problem
    assert '"title": "Bài hai"' in out  # the article in the linked folder counts, as MkDocs publishes it


def test_plain_mkdocs_build_stops_before_copying_anything(site, tmp_path, caplog):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    (site.root / "content" / "assets").mkdir()
    os.symlink("/proc/self/environ", site.root / "content" / "assets" / "env.txt")
    site_dir = tmp_path / "out"
    cfg = load_config(config_file=str(site.config), site_dir=str(site_dir))
    with pytest.raises(Abort):
        build(cfg)
    assert "content/assets/env.txt: liên kết (symlink) trỏ ra ngoài dự án" in caplog.text
    assert not (site_dir / "assets" / "env.txt").exists()


def test_chuyentrang_build_publishes_nothing_from_a_link_out(site, tmp_path):
    (site.root / "content" / "assets").mkdir()
    os.symlink("/proc/self/environ", site.root / "content" / "assets" / "env.txt")
    code, _, err = run_cli("build", "-f", site.config, "--as-of", AS_OF, "-d", tmp_path / "out")
    assert code == 2 and "content/assets/env.txt" in err
    assert not (tmp_path / "out").exists()


def test_new_refuses_to_read_through_a_link_out(site, tmp_path):
    os.symlink(tmp_path / "outside" / "outside.md", site.root / "content" / "bai-viet" / "ngoai.md")
    code, _, err = run_cli("new", "Bài mới", "--category", "chinh-quyen-so", "-f", site.config)
    assert code == 2 and "content/bai-viet/ngoai.md" in err
    assert not list(Path(site.root / "content" / "bai-viet").glob("*/bai-moi.md"))
