"""`chuyentrang build -d DIR`: the output folder may not be, hold or sit inside the project's inputs, and only a
folder this program built is ever replaced. Every refused variant exits 2 with a message and changes no byte."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitefactory import run_cli

AS_OF = "2024-05-21"
CHANNELS = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 2}
          since: 2024-05-06
"""


@pytest.fixture
def project(repo, tmp_path, monkeypatch):
    """A site repository with articles, a feed archive, a .git folder and uncommitted work; cwd is its root."""
    repo.write_config(channels=CHANNELS)
    repo.article("tuan-19", "Bài tuần 19", "2024-05-07 09:00")
    repo.article("tuan-20", "Bài tuần 20", "2024-05-14 09:00")
    (repo.root / "content" / "sub").mkdir()
    repo.feed_items("bao", "chuyen-trang", [{"published": "2024-05-08T09:00:00+07:00", "link": "https://b.test/1"}])
    repo.raw("feeds/sources.yml", "sources: []\n")
    repo.raw(".git/HEAD", "ref: refs/heads/main\n")
    repo.raw(".git/objects/ab/cdef", "blob")
    repo.raw("ghi-chu-chua-commit.txt", "việc đang làm dở\n")
    monkeypatch.chdir(repo.root)
    return repo


def snapshot(top: Path) -> dict[str, object]:
    """Every file (bytes), folder and link under ``top``: what a user would lose."""
    seen: dict[str, object] = {}
    for dirpath, dirs, files in os.walk(top):
        for name in dirs + files:
            p = Path(dirpath) / name
            rel = p.relative_to(top).as_posix()
            if p.is_symlink():
                seen[rel] = ("link", os.readlink(p))
            elif p.is_dir():
                seen[rel] = "dir"
            else:
                seen[rel] = p.read_bytes()
    return seen


def spellings(path: Path, root: Path, tmp: Path) -> list[str]:
    """Ways a user may write the same folder: relative, absolute, with a trailing slash, through `.`, `x/..`,
    doubled slashes, and through a symlink made beside the project."""
    rel = os.path.relpath(path, root)
    forms = [rel, rel + "/", str(path), str(path) + "/", f"./{rel}", f"content/../{rel}", rel.replace("/", "//")]
    link = tmp / f"lien-ket-{len(list(tmp.glob('lien-ket-*')))}"
    link.symlink_to(path, target_is_directory=True)
    forms += [str(link), str(link) + "/"]
    return forms


def refused(args: list[str], before: dict, top: Path, needle: str | None = None) -> None:
    code, out, err = run_cli("build", "-f", "mkdocs.yml", "--as-of", AS_OF, *args)
    assert code == 2, (args, code, out, err)
    assert "Traceback" not in err and err.strip(), args
    if needle:
        assert needle in err, (args, err)
    assert snapshot(top) == before, f"{args}: something was written or removed"


def test_every_spelling_of_an_input_folder_or_a_folder_around_or_inside_one_is_refused(project, tmp_path):
    root = project.root
    inputs = [root / "content", root / "content" / "sub", root / "content" / "bai-viet", root / "feeds",
              root / "feeds" / "archive", root / ".git", root / ".git" / "objects"]
    cases: list[tuple[str, str]] = []
    for path in inputs:
        cases += [(form, "thư mục kết quả không được") for form in spellings(path, root, tmp_path)]
        cases.append((os.path.relpath(path / "moi", root), "thư mục kết quả không được"))  # a new folder inside
    # the project folder and every folder above it, in every spelling
    for up in (root, root.parent, root.parent.parent):
        cases += [(form, "thư mục kết quả không được") for form in spellings(up, root, tmp_path)]
    cases += [(".", None), ("./", None), ("..", None), ("../", None), ("../..", None), ("/", None),
              ("content/bai-viet/tuan-19.md", None),   # a file inside the content
              ("mkdocs.yml", None), ("mkdocs.yml/ra", None), ("ghi-chu-chua-commit.txt", None)]
    top = tmp_path
    before = snapshot(top)  # after the symlinks above were made
    assert len(cases) > 90
    for arg, needle in cases:
        refused(["-d", arg], before, top, needle)


def test_a_folder_the_program_did_not_build_is_never_replaced(project, tmp_path):
    root = project.root
    project.raw("ghi-chep/a.md", "của người dùng\n")                       # someone's notes
    project.raw("gan-giong/index.html", "<p>chỉ có index</p>\n")         # looks a bit like a site, is not one
    project.raw("gan-giong-2/index.html", "x")
    project.raw("gan-giong-2/sitemap.xml", "x")                          # still no frequency log
    project.raw("an/.env", "SECRET=1\n")                                 # only a hidden file
    (tmp_path / "noi-khac").mkdir()
    (tmp_path / "noi-khac" / "du-lieu.txt").write_text("x")
    (root / "lien-ket").symlink_to(tmp_path / "noi-khac")                  # a link someone made: not replaced
    (root / "lien-ket-hong").symlink_to(tmp_path / "khong-co")            # a dangling link someone made
    (root / "tep").write_text("x")
    (root / ".out.builds").write_text("x")                                 # our builds name taken by a file
    before = snapshot(tmp_path)
    for arg in ("ghi-chep", "ghi-chep/", str(root / "ghi-chep"), "gan-giong", "gan-giong-2", "an", "lien-ket",
                "lien-ket/", "lien-ket-hong", "tep", "tep/", "out", str(tmp_path / "noi-khac"), "docs/../ghi-chep"):
        refused(["-d", arg], before, tmp_path)


def test_docs_dir_elsewhere_and_a_symlinked_content_folder_are_inputs_too(repo, tmp_path, monkeypatch):
    repo.write_config(channels=CHANNELS)
    repo.config.write_text(repo.config.read_text(encoding="utf-8").replace("docs_dir: content",
                                                                            "docs_dir: ../bai-o-noi-khac"))
    (repo.root / "content").rmdir()
    docs = tmp_path / "bai-o-noi-khac"
    (docs / "bai-viet").mkdir(parents=True)
    for name, day in (("a", "2024-05-07"), ("b", "2024-05-14")):
        (docs / "bai-viet" / f"{name}.md").write_text(
            f'---\ntitle: "Bài {name}"\ndate: {day}\ncategory: chinh-quyen-so\n---\n\nNội dung.\n', encoding="utf-8")
    (repo.root / "content").symlink_to(docs, target_is_directory=True)  # a second way to reach it
    monkeypatch.chdir(repo.root)
    before = snapshot(tmp_path)
    for arg in ("../bai-o-noi-khac", str(docs), str(docs) + "/", "../bai-o-noi-khac/bai-viet", "content",
                "content/", "content/moi", "../bai-o-noi-khac/site", str(tmp_path)):
        refused(["-d", arg], before, tmp_path, "thư mục bài viết" if arg != str(tmp_path) else None)
    # and the build itself reads nothing outside the project: a docs_dir out there is refused too
    code, _, err = run_cli("build", "-f", "mkdocs.yml", "--as-of", AS_OF, "-d", "site")
    assert code == 2 and "nằm ngoài dự án" in err, err
    assert not (repo.root / "site").exists()


@pytest.mark.parametrize("shape", ["missing", "empty", "missing-parent", "ours", "ours-marker", "legacy", "legacy-public"])
def test_a_missing_empty_or_own_folder_is_built_into(project, shape):
    name = "public" if shape == "legacy-public" else "site"
    out = project.root / ("a/b/site" if shape == "missing-parent" else name)
    if shape == "empty":
        out.mkdir()
    elif shape == "ours":
        assert run_cli("build", "-f", "mkdocs.yml", "--as-of", AS_OF, "-d", out)[0] == 0
        (out / "cu.html").write_text("bản cũ")
    elif shape == "ours-marker":  # a copy of a build (links followed), carrying the marker
        project.raw(f"{name}/.chuyentrang-site", "x")
        project.raw(f"{name}/cu.html", "bản cũ")
    elif shape.startswith("legacy"):  # built before the marker existed
        for rel in ("index.html", "sitemap.xml", "nhat-ky-tan-suat/index.html", "cu.html"):
            project.raw(f"{name}/{rel}", "bản cũ")
    code, out_text, err = run_cli("build", "-f", "mkdocs.yml", "--as-of", AS_OF, "-d", out)
    assert code == 0, err
    assert out.is_symlink() and (out / "bai-viet" / "bai-tuan-20" / "index.html").is_file()
    marker = (out / ".chuyentrang-site").read_text(encoding="utf-8")
    assert "Thư mục này" in marker and "folder" not in marker  # whoever opens it reads Vietnamese only
    assert not (out / "cu.html").exists()
    # what the old folder held is gone with it; nothing else beside the output
    builds = out.with_name(f".{out.name}.builds")
    assert sorted(p.name for p in builds.iterdir()) == [".lock", os.readlink(out).split("/")[1]]
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}")) == [builds.name]


def _plain_mkdocs_build(config: Path, site_dir: Path) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(config_file=str(config), site_dir=str(site_dir)))


def test_plain_mkdocs_build_refuses_an_input_or_a_foreign_folder_before_emptying_it(project, tmp_path, caplog):
    """MkDocs empties site_dir right after the plugin's on_config: `mkdocs build -d feeds` must stop before that."""
    from mkdocs.exceptions import Abort, ConfigurationError

    root = project.root
    project.write_config(channels=CHANNELS, as_of=AS_OF)  # plain MkDocs has no --as-of
    foreign = tmp_path / "cua-nguoi-khac"
    (foreign / "sub").mkdir(parents=True)
    (foreign / "sub" / "ghi-chu.txt").write_text("không được xoá\n", encoding="utf-8")
    cases = [(root / "feeds", "thư mục kết quả không được"), (root / "feeds" / "archive", "thư mục kết quả không được"),
             (root / ".git", "thư mục kết quả không được"), (root / ".git" / "objects", "thư mục kết quả không được"),
             (root / "content", None), (root / "content" / "sub", None),  # MkDocs refuses these reading its config
             (foreign, "không phải trang do chuyentrang build")]
    before, before_foreign = snapshot(root), snapshot(foreign)
    for site_dir, needle in cases:
        caplog.clear()
        with pytest.raises((Abort, ConfigurationError)):
            _plain_mkdocs_build(root / "mkdocs.yml", site_dir)
        assert needle is None or needle in caplog.text, (site_dir, caplog.text)
        assert snapshot(root) == before and snapshot(foreign) == before_foreign, f"{site_dir}: something was touched"


def test_plain_mkdocs_build_still_builds_into_a_new_folder_and_into_the_site_link_chuyentrang_made(project):
    root = project.root
    project.write_config(channels=CHANNELS, as_of=AS_OF)
    _plain_mkdocs_build(root / "mkdocs.yml", root / "moi")
    assert (root / "moi" / "index.html").is_file()
    assert run_cli("build", "-f", "mkdocs.yml", "--as-of", AS_OF)[0] == 0
    assert (root / "site").is_symlink()
    _plain_mkdocs_build(root / "mkdocs.yml", root / "site")
    assert (root / "site" / "index.html").is_file()
