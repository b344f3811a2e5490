"""Symbolic links in ``content/`` and ``feeds/``: checked before anything there is read or copied.

MkDocs copies every file it finds in the content folder and follows links; a link to ``/proc/self/environ`` or to a
folder outside the project would publish what it points at. Rule: a link may point only inside the project (never
into its ``.git`` folder, where CI keeps the push token); a link that leaves the project, a dangling link and a link
loop are problems, each reported with the link's path.
"""
from __future__ import annotations

import os
from pathlib import Path

from generator.core.config import SiteConfig
from generator.core.problems import Problem
from generator.support.exits import os_reason

MAX_DEPTH = 64  # folders deep: far beyond any real content tree, and short of the system's path limits


def link_problems(config: SiteConfig) -> list[Problem]:
    """Every bad link under the content and feeds folders (and those folders themselves when they lie outside)."""
    root = Path(os.path.realpath(config.root))
    problems: list[Problem] = []
    for folder, name in ((config.content_dir, "thư mục bài viết (docs_dir)"), (config.feeds_dir, "thư mục feeds/")):
        real = Path(os.path.realpath(folder))
        if not inside_project(real, root):
            problems.append(Problem(str(folder), None, f"{name} nằm ngoài dự án ({real}): không được đọc"))
            continue
        if real.is_dir():
            _walk(str(real), (str(real),), root, config, problems, 0)
    return problems


def inside_project(path: Path, root: Path) -> bool:
    """Whether the real path ``path`` lies in the project ``root``, outside its ``.git``."""
    return (path == root or root in path.parents) and not _inside_git(path, root)


def outside_words(path: Path, root: Path) -> str:
    """Where ``path`` (not ``inside_project``) leads, as a problem says it: "trỏ <these words> ('…')"."""
    return "vào thư mục .git của dự án" if _inside_git(path, root) else "ra ngoài dự án"


def _walk(folder: str, chain: tuple[str, ...], root: Path, config: SiteConfig, problems: list[Problem], depth: int):
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(config.rel(Path(folder)), None, f"không đọc được thư mục: {os_reason(exc)}"))
        return
    for entry in entries:
        if entry.is_symlink():
            real = _check(entry.path, root, config, problems)
            if real is None or not real.is_dir():
                continue
            here = Path(chain[-1])
            if real == here or real in here.parents or str(real) in chain or depth >= MAX_DEPTH:
                problems.append(Problem(config.rel(Path(entry.path)), None,
                                        f"liên kết (symlink) tạo vòng lặp: trỏ về thư mục chứa nó ({os.readlink(entry.path)})"))
                continue
            # MkDocs follows a linked folder: the links inside it are checked too
            _walk(entry.path, (*chain, str(real)), root, config, problems, depth + 1)
        elif entry.is_dir(follow_symlinks=False):
            _walk(entry.path, (*chain, os.path.realpath(entry.path)), root, config, problems, depth + 1)


def _check(path: str, root: Path, config: SiteConfig, problems: list[Problem]) -> Path | None:
    """The real target of the link ``path``, or None (and a problem) when it must not be followed."""
    shown = config.rel(Path(path))
    target = os.readlink(path)
    try:
        real = Path(path).resolve(strict=True)
    except FileNotFoundError:
        problems.append(Problem(shown, None, f"liên kết (symlink) hỏng: đích '{target}' không tồn tại; "
                                             "hãy xóa liên kết hoặc chép tệp thật vào đây"))
        return None
    except (RuntimeError, OSError):  # a loop of links (ELOOP), or an unreadable step
        problems.append(Problem(shown, None, f"liên kết (symlink) tạo vòng lặp hoặc không đọc được: '{target}'"))
        return None
    if not inside_project(real, root):
        where = outside_words(real, root)
        problems.append(Problem(shown, None, f"liên kết (symlink) trỏ {where} ('{target}'): tệp đó sẽ không được "
                                             "đọc hay xuất bản; hãy chép tệp vào dự án hoặc xóa liên kết"))
        return None
    return real


def _inside_git(path: Path, root: Path) -> bool:
    return path == root / ".git" or root / ".git" in path.parents


def folder_link_problems(folder: Path, config: SiteConfig) -> list[Problem]:
    """Every bad link under ``folder`` (a real folder inside the project that MkDocs reads besides content/: a theme
    folder, a snippets folder, ``generator.core.reach``)."""
    root = Path(os.path.realpath(config.root))
    problems: list[Problem] = []
    real = os.path.realpath(folder)
    _walk(real, (real,), root, config, problems, 0)
    return problems
