"""Addresses that moved: a published article whose address (``/bai-viet/<slug>/``, made from the title unless
``slug:`` is set) is not the one it was first published at, read from git history. Links already shared (Zalo,
Facebook, other sites) point at the old address; the warning says the exact line that keeps them working.

"First published at": the first committed version of the file (renames followed) that was not a draft. Git is read
in one ``git log`` pass over the content folder and one ``git cat-file --batch`` for the old versions of the files
changed since they were added; a folder outside git, or no git, gives no warning (the integrity notices say that
git could not be read)."""
from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Iterable

import yaml

from generator.core import timeutil, yamlfile
from generator.core.articles import Article, split_front_matter
from generator.core.slugs import article_slug
from generator.core.config import SLUG_RE, SiteConfig
from generator.core.gitlog import log_changes


def _git(cwd: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess | None:
    env = {**os.environ, "LC_ALL": "C", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        return subprocess.run(["git", "-c", "core.quotepath=off", "-C", str(cwd), *args], input=stdin,
                              capture_output=True, env=env, check=False)
    except OSError:
        return None


def versions(content_dir: Path) -> dict[str, list[str]]:
    """For every file now under ``content_dir`` (path relative to it): the commits that changed it, oldest first,
    each as ``<commit>:<path in the repository then>``, renames followed."""
    prefix = _git(content_dir, "rev-parse", "--show-prefix")
    r = _git(content_dir, "log", "--reverse", "-M", "--name-status", "-z", "--relative", "--format=%x01%H", "--",
             ".")
    if prefix is None or r is None or prefix.returncode != 0 or r.returncode != 0:
        return {}
    base = prefix.stdout.decode("utf-8", "surrogateescape").strip()
    history: dict[str, list[str]] = {}
    for commit, changes in log_changes(r.stdout):
        for status, old, new in changes:
            if status in "RC":
                kept = history.pop(old, []) if status == "R" else list(history.get(old, []))
                history[new] = kept + [f"{commit}:{base}{new}"]
            elif status == "D":
                history.pop(new, None)
            elif new:
                history.setdefault(new, []).append(f"{commit}:{base}{new}")
    return history


def _read_blobs(cwd: Path, revs: list[str]) -> dict[str, bytes]:
    if not revs:
        return {}
    r = _git(cwd, "cat-file", "--batch", stdin="".join(f"{rev}\n" for rev in revs).encode("utf-8", "surrogateescape"))
    if r is None or r.returncode != 0:
        return {}
    out, pos, blobs = r.stdout, 0, {}
    for rev in revs:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        pos = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            blobs[rev] = out[pos:pos + size]
            pos += size + 1
    return blobs


def _published_slug(text: bytes) -> str | None:
    """The address slug of one old version of an article, or None when it was a draft or cannot be read."""
    try:
        fm, _, _ = split_front_matter(text.decode("utf-8-sig").replace("\r\n", "\n"))
        meta, _ = yamlfile.load(fm or "", aliases=False)
    except (UnicodeDecodeError, yaml.YAMLError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("draft") is True:
        return None
    slug = meta.get("slug")
    if isinstance(slug, str) and SLUG_RE.match(slug.strip()):
        return slug.strip()
    title = meta.get("title")
    if title in (None, ""):
        return None
    try:  # the slug rule depends on the article's date (long titles are cut differently from PHRASE_CUT_SINCE on)
        day = timeutil.parse_day(str(meta.get("date") or "")[:10])
    except ValueError:
        day = None
    return article_slug(str(title).strip(), day)


def _changed_since_commit(content_dir: Path) -> set[str]:
    r = _git(content_dir, "status", "--porcelain", "-z", "--untracked-files=no", "--", ".")
    if r is None or r.returncode != 0:
        return set()
    prefix = _git(content_dir, "rev-parse", "--show-prefix")
    base = prefix.stdout.decode().strip() if prefix is not None and prefix.returncode == 0 else ""
    found = set()
    for entry in r.stdout.decode("utf-8", "surrogateescape").split("\0"):
        if len(entry) > 3 and entry[3:].startswith(base):
            found.add(entry[3 + len(base):])
    return found


def moved(config: SiteConfig, articles: Iterable[Article]) -> list[tuple[Article, str]]:
    """(article, the slug it was first published at) for every article whose address changed since, without a
    redirect from the old one."""
    articles = [a for a in articles if not a.draft]
    if not articles or not config.content_dir.is_dir():
        return []
    history = versions(config.content_dir)
    if not history:
        return []
    changed = _changed_since_commit(config.content_dir)
    # a file never changed since it was added holds its first version still: nothing can have moved
    candidates = [a for a in articles if len(history.get(a.src_uri, ())) > 1 or a.src_uri in changed]
    blobs = _read_blobs(config.content_dir, [rev for a in candidates for rev in history.get(a.src_uri, ())])
    found = []
    for a in candidates:
        for rev in history.get(a.src_uri, ()):
            old = _published_slug(blobs[rev]) if rev in blobs else None
            if old is not None:
                if old != a.slug and old not in a.redirect_from:
                    found.append((a, old))
                break
    return found


_KEY_RE = re.compile(r"^(slug|title)\s*:", re.M)


def _line(article: Article) -> int:
    """The line of ``slug:`` (else ``title:``) in the article's file: where the fix goes."""
    try:
        text = Path(article.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return 2
    lines = {m.group(1): text.count("\n", 0, m.start()) + 1 for m in _KEY_RE.finditer(text)}
    return lines.get("slug") or lines.get("title") or 2


def warnings(config: SiteConfig, articles: Iterable[Article]) -> list[str]:
    """One line for each moved address: ``path:line: message`` with the exact fix."""
    return [f"{a.path}:{_line(a)}: địa chỉ bài đã đổi từ /bai-viet/{old}/ (địa chỉ lúc đăng) thành "
            f"/bai-viet/{a.slug}/: liên kết cũ đã chia sẻ (Zalo, Facebook, trang khác) sẽ hỏng. Sửa: thêm dòng "
            f"'redirect_from: [{old}]' để địa chỉ cũ chuyển tới địa chỉ mới, hoặc đặt lại 'slug: {old}'"
            for a, old in moved(config, articles)]
