"""A real git repository for the integrity tests: commits with chosen dates."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path


def git(root: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Biên tập viên", "GIT_AUTHOR_EMAIL": "btv@example.test",
           "GIT_COMMITTER_NAME": "Biên tập viên", "GIT_COMMITTER_EMAIL": "btv@example.test",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    if when:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = when
    r = subprocess.run(["git", "-C", str(root), *args], env=env, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    return r.stdout


def init(root: Path) -> None:
    git(root, "init", "-q", "-b", "main")


def commit(root: Path, when: str, *paths: str, message: str = "cập nhật") -> None:
    """Commit ``paths`` (default: everything) with author and committer date ``when`` (ISO 8601 with offset)."""
    git(root, "add", *(paths or ["-A"]))
    git(root, "commit", "-q", "-m", message, when=when)
