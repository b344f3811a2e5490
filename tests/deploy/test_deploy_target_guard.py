"""`chuyentrang deploy --to DIR`: DIR may not be, hold or sit inside the project's inputs, and must be missing, empty
or a folder a deploy made. Anything else is exit 2 with a message, and not a byte is written."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitefactory import run_cli


def snapshot(top: Path) -> dict[str, object]:
    seen: dict[str, object] = {}
    for dirpath, dirs, files in os.walk(top):
        for name in dirs + files:
            p = Path(dirpath) / name
            seen[p.relative_to(top).as_posix()] = ("link", os.readlink(p)) if p.is_symlink() else (
                "dir" if p.is_dir() else p.read_bytes())
    return seen


@pytest.fixture
def project(repo, tmp_path):
    built = tmp_path / "da-dung"
    (built / "bai-viet").mkdir(parents=True)
    (built / "index.html").write_text("<h1>Trang</h1>")
    repo.article("a", "Bài một", "2024-05-06")
    repo.raw("feeds/sources.yml", "sources: []\n")
    repo.raw(".git/HEAD", "ref: refs/heads/main\n")
    return repo, built


def deploy(repo, built, to) -> tuple[int, str]:
    code, out, err = run_cli("deploy", "-f", repo.config, "-d", built, "--to", to)
    assert "Traceback" not in err
    return code, out + err


@pytest.mark.parametrize("where", ["content", "content/bai-viet", "content/moi", "feeds", ".git", ".git/x", ".",
                                   "..", "mien-tru"])
def test_the_projects_inputs_are_refused(project, tmp_path, where):
    repo, built = project
    before = snapshot(tmp_path)
    code, said = deploy(repo, built, repo.root / where)
    assert code == 2 and "thư mục đích không được" in said, said
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("shape", ["file-inside", "folder-inside", "real-current-file"])
def test_a_foreign_folder_with_content_is_refused(project, tmp_path, shape):
    """Like /etc: someone's folder, not a deploy target."""
    repo, built = project
    target = tmp_path / "cua-nguoi-khac"
    target.mkdir()
    if shape == "file-inside":
        (target / "passwd").write_text("root:x:0:0\n")
    elif shape == "folder-inside":
        (target / "ssh").mkdir()
        (target / "ssh" / "config").write_text("Host *\n")
    else:
        (target / "current").write_text("không phải liên kết")
    before = snapshot(tmp_path)
    code, said = deploy(repo, built, target)
    assert code == 2, said
    assert snapshot(tmp_path) == before


def test_a_missing_an_empty_and_an_earlier_target_are_deployed_to(project, tmp_path):
    repo, built = project
    (tmp_path / "trong").mkdir()
    for target in (tmp_path / "moi", tmp_path / "trong", tmp_path / "moi"):  # the third: a deploy made it
        code, said = deploy(repo, built, target)
        assert code == 0, said
        assert (target / "current" / "index.html").read_text() == "<h1>Trang</h1>"
