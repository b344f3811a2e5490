"""The target folder's releases, the links ``current`` and ``previous``, and the lock: the primitives a deploy and a
rollback are made of (``generator.publish.deploy`` says how they keep a deploy safe when killed at any moment)."""
from __future__ import annotations

import errno
import fcntl
import os
import re
import shutil
import stat
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from generator.core.problems import Problem
from generator.support.atomic import sync_folder

RELEASES = "releases"
CURRENT = "current"
PREVIOUS = "previous"
LOCK = ".lock"
PARTIAL = ".partial-"
TRASH = ".trash-"
DEFAULT_KEEP = 5
_NAME_RE = re.compile(r"^(?P<stamp>\d{8}T\d{6}Z)-(?P<n>[1-9]\d*)$")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Release:
    name: str
    number: int
    path: Path


class DeployError(Exception):
    """A problem that stops a deploy or rollback before anything visible changes: exit 2 for bad input, 3 for the
    machine failing (a full or read-only disk)."""

    def __init__(self, problem: Problem, code: int = 2):
        self.problem = problem
        self.code = code
        super().__init__(str(problem))


# ---------------------------------------------------------------------------------------------------------- reading

def list_releases(target: Path) -> list[Release]:
    """Complete releases in ``target/releases``, oldest first (by their number, not by the clock)."""
    folder = target / RELEASES
    found: list[Release] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    for entry in entries:
        m = _NAME_RE.match(entry.name)
        if m and entry.is_dir(follow_symlinks=False):
            found.append(Release(entry.name, int(m["n"]), Path(entry.path)))
    return sorted(found, key=lambda r: r.number)


def link_target(link: Path) -> str | None:
    """Name of the release a ``current``/``previous`` symlink points at, or None."""
    try:
        value = os.readlink(link)
    except (FileNotFoundError, OSError):
        return None
    name = Path(value).name
    return name if _NAME_RE.match(name) else None


def current_release(target: Path) -> str | None:
    return link_target(target / CURRENT)


def previous_release(target: Path) -> str | None:
    return link_target(target / PREVIOUS)


# ---------------------------------------------------------------------------------------------------------- writing


def copy_file(src: Path, dst: Path) -> int:
    with open(src, "rb") as fin, open(dst, "xb") as fout:
        size = 0
        while chunk := fin.read(_CHUNK):
            fout.write(chunk)
            size += len(chunk)
        fout.flush()
        os.fsync(fout.fileno())
    shutil.copystat(src, dst)
    os.chmod(dst, 0o644)  # readable by the web server whatever the umask of the build
    return size


def copy_tree(src: Path, dst: Path) -> tuple[int, int]:
    """Copy ``src`` into the new folder ``dst`` with every file and folder fsync'ed. Returns (files, bytes)."""
    files = size = 0
    os.mkdir(dst, 0o755)
    for root, dirs, names in os.walk(src, followlinks=False):
        rel = Path(root).relative_to(src)
        out = dst / rel
        for d in sorted(dirs):
            if (Path(root) / d).is_symlink():  # a link to a folder: copy what it points at, as a plain folder
                shutil.copytree(Path(root) / d, out / d)
                continue
            os.mkdir(out / d, 0o755)
        for name in sorted(names):
            size += copy_file(Path(root) / name, out / name)
            files += 1
        sync_folder(out)
    dirs_in_order = sorted((Path(r) for r, _, _ in os.walk(dst)), key=lambda p: len(p.parts), reverse=True)
    for d in dirs_in_order:  # deepest first, so each parent records its children durably
        sync_folder(d)
    return files, size


def swap_link(target: Path, link_name: str, release_name: str) -> None:
    """Point ``target/link_name`` at ``releases/release_name`` atomically (a temp symlink renamed over it)."""
    tmp = target / f"{link_name}.tmp"
    try:
        if tmp.is_dir() and not tmp.is_symlink():
            os.rmdir(tmp)  # an empty folder by this name (_check_names refused any other)
        else:
            os.unlink(tmp)
    except FileNotFoundError:
        pass
    os.symlink(f"{RELEASES}/{release_name}", tmp)
    os.replace(tmp, target / link_name)
    sync_folder(target)


def remove_link(target: Path, link_name: str) -> None:
    try:
        os.unlink(target / link_name)
    except FileNotFoundError:
        return
    sync_folder(target)


def discard(folder: Path, release: Release) -> None:
    trash = folder / f"{TRASH}{release.name}"
    os.rename(release.path, trash)
    sync_folder(folder)
    shutil.rmtree(trash, ignore_errors=True)


def clean_leftovers(folder: Path) -> None:
    """Remove what a killed deploy or prune left behind (called with the lock held)."""
    for entry in os.scandir(folder):
        if entry.name.startswith((PARTIAL, TRASH)):
            shutil.rmtree(entry.path, ignore_errors=True)


def new_name(releases: list[Release], now: datetime | None = None) -> str:
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    number = (releases[-1].number if releases else 0) + 1
    return f"{now:%Y%m%dT%H%M%SZ}-{number}"


class Lock:
    """An exclusive flock on ``target/.lock``; released by the kernel even when the process is killed."""

    def __init__(self, target: Path):
        self.path = target / LOCK
        self.fd: int | None = None

    def __enter__(self) -> "Lock":
        # Never through a symlink: a planted `.lock -> /some/file` would otherwise be created or opened for writing.
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, 0o644)
        except OSError as exc:
            if exc.errno in (errno.ELOOP, errno.EISDIR, errno.ENXIO):
                raise DeployError(Problem(str(self.path), None, "tệp khoá phải là một tệp thường, không phải liên kết "
                                                                "hay thư mục; hãy xoá nó rồi chạy lại")) from None
            raise
        if not stat.S_ISREG(os.fstat(self.fd).st_mode):
            os.close(self.fd)
            self.fd = None
            raise DeployError(Problem(str(self.path), None, "tệp khoá phải là một tệp thường; hãy xoá nó rồi chạy lại"))
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self.fd)
            self.fd = None
            raise DeployError(Problem(str(self.path), None,
                                      "một lần triển khai hoặc quay lại khác đang chạy trên thư mục này; hãy thử lại sau")) from None
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)
