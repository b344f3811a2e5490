"""A shallow clone must not silently disable the backdating check: it is detected and said, and what can still be
checked (commits after the clone's boundary) still is."""
from __future__ import annotations

import io
import subprocess

from gitrepo import commit, init
from generator.cli.main import main
from generator.render import render_site
from generator.core.site import load_site

WEEKLY = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 2}
          since: 2024-04-29
"""


def make_history(repo):
    repo.write_config(channels=WEEKLY)
    init(repo.root)
    repo.article("cu", "Bài cũ đăng lùi", "2024-05-01 08:00")
    commit(repo.root, "2024-05-10T09:00:00+07:00", message="bài cũ")  # backdated, in full history
    repo.article("giua", "Bài giữa", "2024-05-08 08:00")
    commit(repo.root, "2024-05-08T09:00:00+07:00", message="bài giữa")
    repo.article("moi", "Bài mới đăng lùi", "2024-05-13 08:00")
    commit(repo.root, "2024-05-20T09:00:00+07:00", message="bài mới")  # backdated, after the boundary


def clone(src, dest, depth: int):
    subprocess.run(["git", "clone", "-q", f"--depth={depth}", f"file://{src}", str(dest)], check=True,
                   capture_output=True)
    return dest / "mkdocs.yml"


def test_full_history_finds_both_backdated_articles(repo):
    make_history(repo)
    site = load_site(repo.config, "2024-05-21")
    assert site.integrity.git.state == "ok"
    assert sorted(e.title for e in site.entries if e.flags) == ["Bài cũ đăng lùi", "Bài mới đăng lùi"]


def test_shallow_clone_is_detected_and_reported(repo, tmp_path):
    make_history(repo)
    config = clone(repo.root, tmp_path / "shallow", depth=2)
    site = load_site(config, "2024-05-21")
    assert site.integrity.git.state == "shallow"
    # the boundary commit ("bài giữa") seems to add every older file: those cannot be judged, and are not
    assert set(site.integrity.unknown_shallow) == {"content/bai-viet/cu.md", "content/bai-viet/giua.md"}
    # what came after the boundary is still checked
    assert [e.title for e in site.entries if e.flags] == ["Bài mới đăng lùi"]
    out = io.StringIO()
    main(["check", "-f", str(config), "--as-of", "2024-05-21"], out=out, err=io.StringIO())
    assert "bản sao nông (shallow clone)" in out.getvalue()
    assert "2 bài viết" in out.getvalue() and "fetch-depth: 0" in out.getvalue()
    log = {p.url: p for p in render_site(site).pages}["nhat-ky-tan-suat/"].html
    assert "bản sao nông (shallow clone)" in log


def test_depth_one_clone_checks_nothing_and_says_so(repo, tmp_path):
    make_history(repo)
    config = clone(repo.root, tmp_path / "one", depth=1)
    site = load_site(config, "2024-05-21")
    assert site.integrity.git.state == "shallow"
    assert len(site.integrity.unknown_shallow) == 3 and site.integrity.checked == 0
    assert not any(e.flags for e in site.entries)
    assert any("KHÔNG kiểm tra được" in n for n in site.integrity.notices())
