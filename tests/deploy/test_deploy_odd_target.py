"""Whatever sits in the deploy target under the names deploy uses (left by a killed run, or put there by someone):
deploy and rollback either work or exit 2 with a message on stderr; never a traceback, never the live site changed
on a refusal, never a file outside the target written through a planted link."""
from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from generator.publish import deploy as d

NAMES = ["current.tmp", "previous.tmp", ".lock", "releases", "current", "previous"]
KINDS = ["file", "empty-dir", "full-dir", "link-to-dir", "link-to-file", "dangling-link", "fifo"]


def make_site(path: Path, version: str) -> dict[str, bytes]:
    tree = {"index.html": f"<h1>Bản {version}</h1>".encode(), "bai-viet/a/index.html": version.encode()}
    for rel, data in tree.items():
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_bytes(data)
    return tree


def read_tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def plant(path: Path, kind: str, outside: Path) -> None:
    if os.path.lexists(path):
        if path.is_dir() and not path.is_symlink():
            import shutil
            shutil.rmtree(path)
        else:
            path.unlink()
    if kind == "file":
        path.write_text("của ai đó")
    elif kind == "empty-dir":
        path.mkdir()
    elif kind == "full-dir":
        path.mkdir()
        (path / "ghi-chu.txt").write_text("của ai đó")
    elif kind == "link-to-dir":
        path.symlink_to(outside / "thu-muc")
    elif kind == "link-to-file":
        path.symlink_to(outside / "bi-mat.txt")
    elif kind == "dangling-link":
        path.symlink_to(outside / "khong-co")
    elif kind == "fifo":
        os.mkfifo(path)


@pytest.mark.parametrize("name", NAMES)
def test_odd_entries_in_the_target_never_crash_nor_leak(tmp_path, name):
    outside = tmp_path / "ngoai"
    (outside / "thu-muc").mkdir(parents=True)
    (outside / "thu-muc" / "x.txt").write_text("x")
    (outside / "bi-mat.txt").write_text("bí mật")
    sites = {v: make_site(tmp_path / f"site-{v}", v) for v in "AB"}
    for kind in KINDS:
        target = tmp_path / f"www-{kind}"
        for v in "AB":
            out, err = io.StringIO(), io.StringIO()
            assert d.deploy_command(tmp_path / f"site-{v}", target, out=out, err=err) == 0, err.getvalue()
        live = read_tree((target / "current").resolve())
        plant(target / name, kind, outside)
        for op in ("deploy", "rollback"):
            out, err = io.StringIO(), io.StringIO()
            try:
                if op == "deploy":
                    code = d.deploy_command(tmp_path / "site-A", target, out=out, err=err)
                else:
                    code = d.rollback_command(target, out=out, err=err)
            except Exception as exc:  # pragma: no cover - the failure this test is for
                pytest.fail(f"{name} as {kind}: {op} raised {exc!r}")
            assert code in (0, 2), (name, kind, op, code, err.getvalue())
            if code == 2:
                assert err.getvalue().strip() and not out.getvalue(), (name, kind, op)
                if (target / "current").is_symlink() and (target / "current").resolve().is_dir():
                    assert read_tree((target / "current").resolve()) == live, (name, kind, op)
            else:
                served = read_tree((target / "current").resolve(strict=True))
                assert served in (sites["A"], sites["B"]), (name, kind, op)
                live = served
        assert (outside / "bi-mat.txt").read_text() == "bí mật", f"{name} as {kind}: written through a link"
        assert read_tree(outside / "thu-muc") == {"x.txt": b"x"}, f"{name} as {kind}: a folder outside changed"
        if kind == "full-dir":  # someone's folder is never removed
            assert (target / name / "ghi-chu.txt").read_text() == "của ai đó"


def test_a_leftover_temporary_link_or_empty_folder_is_cleaned_and_deploy_works(tmp_path):
    site = tmp_path / "site"
    tree = make_site(site, "A")
    target = tmp_path / "www"
    assert d.deploy_command(site, target, out=io.StringIO(), err=io.StringIO()) == 0
    for kind in ("empty-dir", "dangling-link", "link-to-dir"):
        plant(target / "current.tmp", kind, tmp_path)
        err = io.StringIO()
        assert d.deploy_command(site, target, out=io.StringIO(), err=err) == 0, err.getvalue()
        assert read_tree((target / "current").resolve()) == tree
        assert not os.path.lexists(target / "current.tmp")
