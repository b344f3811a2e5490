"""What git says about the site repository: HEAD and whether the inputs changed since (``git_info``), and when each
article file was first added, following renames (``first_added``), read in ONE ``git log`` pass (``log_changes``)."""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True)
class GitInfo:
    state: str  # ok | shallow | not-a-repo | no-git | error
    commit: str | None = None  # HEAD, full hash
    commit_time: datetime | None = None
    dirty: bool = False  # uncommitted changes in content/, feeds/ or the config
    detail: str = ""  # git's own message when state is error
    shallow_roots: frozenset[str] = frozenset()


def _git(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    return subprocess.run(["git", "-c", "core.quotepath=off", "-C", str(cwd), *args], capture_output=True,
                          env=env, check=False)


def git_info(root: Path, tz, watched: Iterable[Path] = ()) -> GitInfo:
    """What git knows about the site folder: HEAD, shallowness, uncommitted changes under ``watched``. Never raises."""
    try:
        r = _git(root, "rev-parse", "--is-shallow-repository", "--path-format=absolute", "--git-path", "shallow")
    except FileNotFoundError:
        return GitInfo("no-git")
    if r.returncode != 0:
        message = r.stderr.decode("utf-8", "replace").strip()
        if "not a git repository" in message:
            return GitInfo("not-a-repo")
        return GitInfo("error", detail=message[:300])
    shallow_line, shallow_file = (r.stdout.decode().splitlines() + ["", ""])[:2]
    roots: frozenset[str] = frozenset()
    if shallow_line.strip() == "true":
        try:
            roots = frozenset(Path(shallow_file).read_text().split())
        except OSError:
            roots = frozenset()
    head = _git(root, "log", "-1", "--format=%H %cI")
    commit = when = None
    if head.returncode == 0 and head.stdout.strip():
        commit, stamp = head.stdout.decode().split()
        when = datetime.fromisoformat(stamp).astimezone(tz)
    status = _git(root, "status", "--porcelain", "--", *(str(p) for p in watched or [root]))
    dirty = status.returncode == 0 and bool(status.stdout.strip())
    return GitInfo("shallow" if shallow_line.strip() == "true" else "ok", commit, when, dirty, shallow_roots=roots)


def log_changes(output: bytes):
    """The commits of ``git log --name-status -z --format=%x01<header>``, oldest first as asked: ``(header,
    [(status letter, old path, new path), ...])``; old and new differ only for a rename or copy (R, C)."""
    for record in output.decode("utf-8", "surrogateescape").split("\x01")[1:]:
        header, _, rest = record.partition("\0")
        tokens = rest.lstrip("\n").split("\0")
        changes: list[tuple[str, str, str]] = []
        i = 0
        while i < len(tokens):
            status = tokens[i].strip()
            if not status:
                i += 1
            elif status[0] in "RC" and i + 2 < len(tokens):
                changes.append((status[0], tokens[i + 1], tokens[i + 2]))
                i += 3
            else:
                path = tokens[i + 1] if i + 1 < len(tokens) else ""
                changes.append((status[0], path, path))
                i += 2
        yield header.strip(), changes


def first_added(content_dir: Path, tz) -> dict[str, tuple[datetime, str]]:
    """For every file ever added under ``content_dir``: (commit time, commit hash) of the commit that first added it,
    by its path relative to ``content_dir``, following renames. One ``git log`` pass for the whole folder."""
    r = _git(content_dir, "log", "--reverse", "--diff-filter=AR", "-M", "--name-status", "-z", "--relative",
             "--format=%x01%H %cI", "--", ".")
    if r.returncode != 0:
        return {}
    added: dict[str, tuple[datetime, str]] = {}
    for header, changes in log_changes(r.stdout):
        commit, stamp = header.split()
        when = datetime.fromisoformat(stamp).astimezone(tz)
        for status, old, new in changes:
            if status in "RC":
                added[new] = added.get(old, (when, commit))
            elif new and (new not in added or when < added[new][0]):
                added[new] = (when, commit)
    return added
