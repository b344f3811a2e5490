"""The output folder: where a build may write, and the atomic swap of a finished build into place.

Plain Python, no generator involved (the build driver in ``mkdocs_adapter/build.py`` runs MkDocs into the folder this
module gives it). Layout beside the output folder ``site`` (any ``-d DIR`` the same way, with its own name)::

    site -> .site.builds/20261122T223000Z-4242   a relative symlink: what readers, `mkdocs serve` and deploy see
    .site.builds/20261122T223000Z-4242/          the live build; holds the marker file .chuyentrang-site
    .site.builds/.lock                           held while a build writes here

A build: take the lock; remove what killed builds left (every build folder but the live one, temporary links, the
``.site.new-*``/``.site.old-*`` folders of versions before this layout); write into a new build folder; write the
marker; point a temporary symlink at it and ``os.replace`` it over ``site`` (one atomic rename); remove the old build
folder. Killed at any instant, ``site`` is the whole old build or the whole new one.

Only a site this program built is ever replaced: an empty or missing folder, our own link, a folder holding the
marker, or a folder built before the marker existed (``index.html``, ``sitemap.xml`` and the frequency log). The
output may not be, hold, or sit inside the project's inputs.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
from datetime import datetime, timezone
from pathlib import Path

from generator.support.atomic import sync_folder
from generator.core.config import SiteConfig
from generator.core.problems import Problem

MARKER = ".chuyentrang-site"
MARKER_TEXT = "Thư mục này do lệnh `chuyentrang build` tạo ra; lần tạo trang sau sẽ thay nó bằng bản mới.\n"
LOCK = ".lock"
_ID_RE = re.compile(r"^\d{8}T\d{6}Z-\d+(?:-\d+)?$")
# the pages a site built before the marker existed always has
_LEGACY_FILES = ("index.html", "sitemap.xml", "nhat-ky-tan-suat/index.html")


def place(site_dir: Path) -> Path:
    """The output folder's own path: absolute, its parents' links followed, the last name kept as it is (the output
    itself is a symlink this program swaps, not a folder to look through)."""
    out = Path(os.path.abspath(site_dir))
    return out.parent.resolve() / out.name if out.name else out.resolve()


def builds_folder(out: Path) -> Path:
    return out.with_name(f".{out.name}.builds")


def _inputs(config: SiteConfig) -> list[tuple[Path, str, bool]]:
    """(path, what it is, whether the output may sit inside it) for each of the project's inputs."""
    root = config.root.resolve()
    return [
        (root, "thư mục dự án (nơi có mkdocs.yml)", True),
        (config.content_dir.resolve(), "thư mục bài viết (docs_dir)", False),
        (config.feeds_dir.resolve(), "thư mục tin (feeds/)", False),
        ((root / ".git").resolve(), "kho git (.git)", False),
        ((root / "mien-tru").resolve(), "thư mục miễn trừ (mien-tru/)", False),
        ((root / "xuat-ban-khan").resolve(), "thư mục xuất bản khẩn (xuat-ban-khan/)", False),
    ]


def _looks_built(folder: Path) -> bool:
    if (folder / MARKER).is_file():
        return True
    return all((folder / rel).is_file() for rel in _LEGACY_FILES)


def live_build(out: Path) -> str | None:
    """The build a symlink ``out`` points at, when it is a link this program made; else None."""
    try:
        value = os.readlink(out)
    except OSError:
        return None
    head, _, name = value.partition("/")
    return name if head == builds_folder(out).name and _ID_RE.match(name) else None


def output_problems(config: SiteConfig, site_dir: Path) -> list[Problem]:
    """Why ``site_dir`` may not receive a build (empty when it may). Nothing is written or removed here."""
    shown = str(site_dir)
    out = place(site_dir)
    if out.parent == out:
        return [Problem(shown, None, "không thể dùng thư mục gốc của máy làm thư mục kết quả")]
    where = {out}
    if os.path.lexists(out) and live_build(out) is None:
        where.add(out.resolve())  # a link someone else made, or a folder reached through one
    for path, what, inside_ok in _inputs(config):
        for cand in where:
            if cand == path or cand in path.parents or (not inside_ok and path in cand.parents):
                return [Problem(shown, None, f"thư mục kết quả không được là, chứa, hay nằm trong {what}: "
                                             f"{path}; hãy chọn một thư mục riêng, ví dụ site/")]
    above = out.parent
    while not os.path.lexists(above) and above.parent != above:
        above = above.parent
    if not above.is_dir():
        return [Problem(shown, None, f"{above} là một tệp, không phải thư mục, nên không tạo được thư mục kết quả")]
    builds = builds_folder(out)
    if os.path.lexists(builds) and (builds.is_symlink() or not builds.is_dir()):
        return [Problem(str(builds), None, "tên này dành cho các bản build của chuyentrang nhưng đã bị một tệp "
                                           "hoặc liên kết khác chiếm; hãy chuyển nó đi")]
    if not os.path.lexists(out) or live_build(out) is not None:
        return []
    if out.is_symlink():
        return [Problem(shown, None, f"đây là một liên kết tới {os.readlink(out)} không do chuyentrang tạo; "
                                     "không thay nó. Hãy chọn thư mục khác hoặc tự xoá liên kết")]
    if not out.is_dir():
        return [Problem(shown, None, "đã có một tệp ở đây, không phải thư mục; không ghi đè")]
    if next(os.scandir(out), None) is None or _looks_built(out):
        return []
    return [Problem(shown, None, f"thư mục đã có nội dung nhưng không phải trang do chuyentrang build (không có tệp "
                                 f"đánh dấu {MARKER}); không xoá nó. Hãy chọn thư mục khác, hoặc tự chuyển nó đi")]


# -------------------------------------------------------------------------------------------------------- building


class Lock:
    """An exclusive flock on ``.site.builds/.lock``, never through a symlink; released by the kernel when the
    process dies, so a killed build never blocks the next one."""

    def __init__(self, builds: Path):
        self.path = builds / LOCK
        self.fd: int | None = None

    def __enter__(self) -> "Lock":
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o644)
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BaseException:
            os.close(self.fd)
            raise
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.close(self.fd)


def new_build_id(builds: Path) -> str:
    base = f"{datetime.now(timezone.utc):%Y%m%dT%H%M%SZ}-{os.getpid()}"
    name, n = base, 1
    while os.path.lexists(builds / name):
        n += 1
        name = f"{base}-{n}"
    return name


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


def clean_leftovers(out: Path, keep: str | None) -> None:
    """Remove what killed or older builds left: every build folder but ``keep``, temporary links, and the
    ``.site.new-<pid>``/``.site.old-<pid>`` folders of versions before the symlink layout. Call with the lock held."""
    builds = builds_folder(out)
    for entry in os.scandir(builds):
        if _ID_RE.match(entry.name) and entry.name != keep:
            remove(Path(entry.path))
    pattern = re.compile(rf"^\.{re.escape(out.name)}\.(?:link-\d+|new-\d+|old-\d+)$")
    for entry in os.scandir(out.parent):
        if pattern.match(entry.name):
            remove(Path(entry.path))


def swap_in(new: Path, out: Path) -> None:
    """Make ``out`` the symlink to the complete build ``new`` in one atomic rename."""
    link = out.with_name(f".{out.name}.link-{os.getpid()}")
    remove(link)
    os.symlink(f"{new.parent.name}/{new.name}", link)
    try:
        _replace(link, out, new.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            remove(link)
        raise
    sync_folder(out.parent)


def _replace(link: Path, out: Path, builds: Path) -> None:
    if out.is_dir() and not out.is_symlink():
        # A real folder (empty, or built before the symlink layout): a link cannot be renamed over a folder, so it
        # moves into the builds folder first. Only this first swap has a moment without `out`.
        if next(os.scandir(out), None) is None:
            os.rmdir(out)
        else:
            aside = builds / new_build_id(builds)
            os.rename(out, aside)
            try:
                os.replace(link, out)
            except BaseException:
                os.rename(aside, out)
                raise
            return
    os.replace(link, out)


