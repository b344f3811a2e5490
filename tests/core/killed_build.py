"""`chuyentrang build ARGS...` that SIGKILLs itself at one point of its work on the output folder (run as a child).

``python killed_build.py POINT ARGS...``: POINT ``n`` kills just before the n-th change the build makes to the
folder outside MkDocs (mkdir, rename, replace, symlink, unlink, rmdir, a whole rmtree, the marker's write);
``n.mid`` kills half-way through the n-th change when it is an rmtree (some files gone, some left);
``mkdocs`` kills while MkDocs writes its pages. Exit 0: the build ran past every point."""
from __future__ import annotations

import os
import shutil
import signal
import sys
from pathlib import Path

import mkdocs.utils

from generator.mkdocs_adapter import build

point = sys.argv[1]
target, mid = (int(point.split(".")[0]), point.endswith(".mid")) if point != "mkdocs" else (-1, False)
state = {"armed": False, "n": 0}


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def step(kind: str, path=None) -> None:
    if not state["armed"]:
        return
    n = state["n"]
    state["n"] += 1
    if n != target:
        return
    if not mid:
        die()
    if kind == "rmtree":  # delete a few files, then die: a half-removed folder
        files = [Path(d) / f for d, _, fs in os.walk(path) for f in fs]
        for f in files[: max(1, len(files) // 2)]:
            f.unlink()
        die()


def wrap(owner, name: str) -> None:
    real = getattr(owner, name)

    def patched(*args, **kwargs):
        step(name, args[0] if args else None)
        if name == "rmtree":  # one change, however many files: its own unlinks are not points
            armed, state["armed"] = state["armed"], False
            try:
                return real(*args, **kwargs)
            finally:
                state["armed"] = armed
        return real(*args, **kwargs)

    setattr(owner, name, patched)


for fn in ("mkdir", "rename", "replace", "symlink", "unlink", "rmdir"):
    wrap(os, fn)
wrap(shutil, "rmtree")
wrap(Path, "write_text")

real_run, real_into = build.run_mkdocs, build.build_into
writes = {"n": 0}
real_write = mkdocs.utils.write_file


def write_file(content, output_path):
    real_write(content, output_path)
    writes["n"] += 1
    if point == "mkdocs" and writes["n"] == 5:
        die()


mkdocs.utils.write_file = write_file


def run_mkdocs(site, site_dir, *more, **named):
    state["armed"] = False  # MkDocs' own file work is not a point (except in the "mkdocs" mode)
    try:
        return real_run(site, site_dir, *more, **named)
    finally:
        state["armed"] = True


def build_into(*args, **kwargs):
    state["armed"] = True
    try:
        return real_into(*args, **kwargs)
    finally:
        state["armed"] = False


build.run_mkdocs, build.build_into = run_mkdocs, build_into

from generator.cli.main import main  # noqa: E402  (after the patches, which it must see)

sys.exit(main(sys.argv[2:]))
