"""Publish a built ``site/`` to a self-hosted web server's folder, atomically, and roll back.

Layout of the target folder ``DIR`` (the web server serves ``DIR/current``)::

    DIR/releases/20261122T223000Z-7/   one complete copy of site/ per deploy; the number after "-" only grows
    DIR/current  -> releases/<newest>   what visitors get (a relative symlink)
    DIR/previous -> releases/<older>    what ``rollback`` returns to
    DIR/.lock                           held while a deploy or rollback runs

How a deploy stays safe when killed at any moment:

1. the copy goes into ``releases/.partial-<name>/``, every file and folder fsync'ed;
2. it is renamed to ``releases/<name>/`` (atomic): a release without a leading dot is always complete;
3. ``current.tmp`` is made pointing at it and renamed over ``current`` (``os.replace``, atomic), then ``DIR`` fsync'ed;
4. releases beyond ``keep`` are renamed to ``.trash-<name>`` before deletion, so a half-deleted folder never looks
   like a release. Leftover ``.partial-*`` and ``.trash-*`` folders are removed by the next deploy.

Until step 3, ``current`` still points at the old complete release.
"""
from __future__ import annotations

import argparse
import errno
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from generator.core.problems import Problem
from generator.support.atomic import sync_folder
from generator.publish.releases import (CURRENT, DEFAULT_KEEP, PARTIAL, PREVIOUS, RELEASES, DeployError, Lock,
                                        clean_leftovers, copy_tree, current_release, discard, list_releases, new_name,
                                        previous_release, remove_link, swap_link)
from generator.support.exits import os_reason

# ------------------------------------------------------------------------------------------------------ operations

@dataclass(frozen=True)
class DeployResult:
    release: str
    files: int
    bytes: int
    previous: str | None
    pruned: tuple[str, ...]


def _check_site(site_dir: Path) -> None:
    if not site_dir.is_dir():
        raise DeployError(Problem(str(site_dir), None,
                                  "không tìm thấy thư mục trang đã dựng; hãy chạy `chuyentrang build` trước"))
    if not (site_dir / "index.html").is_file():
        raise DeployError(Problem(str(site_dir), None,
                                  "thư mục này không có index.html, không phải một trang đã dựng; hãy chạy `chuyentrang build` trước"))


def _prepare_target(target: Path) -> None:
    if target.exists() and not target.is_dir():
        raise DeployError(Problem(str(target), None, "đích triển khai phải là một thư mục"))
    if not target.exists():
        if not target.parent.is_dir():
            raise DeployError(Problem(str(target), None,
                                      f"thư mục cha {target.parent} không tồn tại; hãy tạo nó trước"))
        try:
            target.mkdir()
        except OSError as exc:
            raise DeployError(Problem(str(target), None, f"không tạo được thư mục đích ({os_reason(exc)})")) from None
    if not os.access(target, os.W_OK | os.X_OK):
        raise DeployError(Problem(str(target), None, "không có quyền ghi vào thư mục đích"))
    _check_names(target)
    (target / RELEASES).mkdir(exist_ok=True)  # _check_names made sure no file has this name


def _check_names(target: Path) -> None:
    """The names this layout uses must hold what it puts there, or nothing: never a traceback, never someone else's
    folder removed. A leftover temporary link (or an empty folder) by a temporary name is ours to clean."""
    for name in (CURRENT, PREVIOUS):
        path = target / name
        if os.path.lexists(path) and not path.is_symlink():
            raise DeployError(Problem(str(path), None,
                                      f"đã có một tệp hoặc thư mục thật tên '{name}'; hãy chuyển nó đi để dùng bố cục "
                                      "releases/ + liên kết"))
    for name in (f"{CURRENT}.tmp", f"{PREVIOUS}.tmp"):
        path = target / name
        if path.is_symlink():
            continue  # a killed deploy's temporary link: replaced when the link is next swapped
        if path.is_dir():
            if next(os.scandir(path), None) is not None:
                raise DeployError(Problem(str(path), None,
                                          f"'{name}' là tên tạm của chuyentrang nhưng đang là một thư mục có nội dung; "
                                          "hãy chuyển nó đi rồi chạy lại"))
        elif os.path.lexists(path):
            raise DeployError(Problem(str(path), None, f"'{name}' là tên tạm của chuyentrang nhưng đang là một tệp; "
                                                       "hãy chuyển nó đi rồi chạy lại"))
    releases = target / RELEASES
    if os.path.lexists(releases) and (releases.is_symlink() or not releases.is_dir()):
        # through a link, pruning would delete release-named folders somewhere else
        raise DeployError(Problem(str(releases), None, "'releases' phải là một thư mục thật (không phải tệp hay liên "
                                                       "kết) chứa các bản phát hành"))


def _check_target_shape(target: Path, inputs: list[tuple[Path, str, bool]]) -> None:
    """The target may not be, hold or sit inside the project's inputs, and must be missing, empty, or a folder a
    deploy made (``releases/`` or the ``current`` link): never /etc, content/ or someone's folder filled with ours."""
    where = target.resolve()
    for path, what, inside_ok in inputs:
        if where == path or where in path.parents or (not inside_ok and path in where.parents):
            raise DeployError(Problem(str(target), None, f"thư mục đích không được là, chứa, hay nằm trong {what}: "
                                                         f"{path}; hãy chọn thư mục của máy chủ web"))
    if not where.is_dir() or next(os.scandir(where), None) is None:
        return
    if (where / RELEASES).is_dir() or (where / CURRENT).is_symlink():
        return
    raise DeployError(Problem(str(target), None, "thư mục đích đã có nội dung nhưng không phải nơi chuyentrang triển "
                                                 f"khai (không có {RELEASES}/ hay liên kết {CURRENT}); không ghi vào "
                                                 "đó. Hãy chọn một thư mục trống hoặc chưa có"))


def deploy(site_dir: Path, target: Path, keep: int = DEFAULT_KEEP,
           inputs: list[tuple[Path, str, bool]] = ()) -> DeployResult:
    """Copy ``site_dir`` into a new release under ``target`` and make it current. Raises DeployError on bad input."""
    site_dir, target = Path(site_dir), Path(target)
    if keep < 1:
        raise DeployError(Problem("--keep", None, f"số bản giữ lại phải từ 1 trở lên (đã cho {keep})"))
    _check_site(site_dir)
    site_abs, target_abs = site_dir.resolve(), target.resolve()
    if target_abs == site_abs or site_abs in target_abs.parents or target_abs in site_abs.parents:
        raise DeployError(Problem(str(target), None, "thư mục đích không được nằm trong thư mục trang (hay ngược lại)"))
    _check_target_shape(target, inputs)
    _prepare_target(target)
    folder = target / RELEASES
    with Lock(target):
        clean_leftovers(folder)
        releases = list_releases(target)
        name = new_name(releases)
        partial = folder / f"{PARTIAL}{name}"
        try:
            files, size = copy_tree(site_dir, partial)
        except OSError as exc:
            shutil.rmtree(partial, ignore_errors=True)
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise DeployError(Problem(str(target), None, f"không ghi được vào thư mục đích ({os_reason(exc)})"),
                                  3) from None
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise DeployError(Problem(str(target), None, "hết chỗ trống trên đĩa; trang đang chạy không bị ảnh hưởng"),
                                  3) from None
            raise
        os.rename(partial, folder / name)
        sync_folder(folder)
        old = current_release(target)
        if old is not None and (folder / old).is_dir():
            swap_link(target, PREVIOUS, old)
        swap_link(target, CURRENT, name)
        pruned = _prune(target, keep)
    return DeployResult(name, files, size, old, pruned)


def _prune(target: Path, keep: int) -> tuple[str, ...]:
    """Delete releases beyond the ``keep`` newest; never the current or the previous one."""
    releases = list_releases(target)
    protected = {current_release(target), previous_release(target)}
    newest = {r.name for r in releases[-keep:]}
    doomed = [r for r in releases if r.name not in newest and r.name not in protected]
    for r in doomed:
        discard(target / RELEASES, r)
    return tuple(r.name for r in doomed)


def rollback(target: Path) -> tuple[str, str]:
    """Point ``current`` back at the previous release. Returns (from, to). Raises DeployError if there is none."""
    target = Path(target)
    if not (target / RELEASES).is_dir():
        raise DeployError(Problem(str(target), None, "thư mục này chưa từng được triển khai (không có releases/)"))
    if not os.access(target, os.W_OK | os.X_OK):
        raise DeployError(Problem(str(target), None, "không có quyền ghi vào thư mục đích"))
    _check_names(target)
    with Lock(target):
        releases = list_releases(target)
        names = [r.name for r in releases]
        now = current_release(target)
        back = previous_release(target)
        if back not in names or back == now:
            # no recorded previous one (e.g. after a rollback): the newest release older than the current one
            older = [r for r in releases if now in names and r.number < releases[names.index(now)].number]
            back = older[-1].name if older else None
        if now is None or back is None:
            raise DeployError(Problem(str(target), None, "không có bản nào trước bản hiện tại để quay lại"))
        swap_link(target, CURRENT, back)
        before = [r for r in releases if r.number < releases[names.index(back)].number]
        if before:
            swap_link(target, PREVIOUS, before[-1].name)
        else:
            remove_link(target, PREVIOUS)
    return now, back


# ------------------------------------------------------------------------------------------------- command entries

def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            text = f"{n:.1f}".rstrip("0").rstrip(".") if unit != "B" else str(n)
            return f"{text.replace('.', ',')} {unit}"
        n /= 1024
    return str(n)


def deploy_command(site_dir: Path, target: Path, keep: int = DEFAULT_KEEP, out: TextIO | None = None,
                   err: TextIO | None = None, inputs: list[tuple[Path, str, bool]] = ()) -> int:
    """``chuyentrang deploy --to DIR [--site-dir site] [--keep N]``: 0 deployed, 2 bad input, 3 a full or read-only
    disk (nothing changed in either case). Problems go to ``err``, the result to ``out``."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        result = deploy(site_dir, target, keep, inputs)
    except DeployError as exc:
        print(f"{exc.problem} Chưa triển khai gì; trang đang chạy giữ nguyên.", file=err)
        return exc.code
    print(f"Đã triển khai bản {result.release} ({result.files} tệp, {_size(result.bytes)}): "
          f"{Path(target) / CURRENT} → {RELEASES}/{result.release}", file=out)
    if result.previous:
        print(f"Bản trước: {result.previous} (dùng `chuyentrang rollback --to {target}` để quay lại)", file=out)
    for name in result.pruned:
        print(f"Đã xoá bản cũ {name}", file=out)
    return 0


def rollback_command(target: Path, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """``chuyentrang rollback --to DIR``: 0 rolled back, 2 nothing to roll back to or bad input."""
    out, err = out or sys.stdout, err or sys.stderr
    try:
        was, now = rollback(target)
    except DeployError as exc:
        print(str(exc.problem), file=err)
        return exc.code
    print(f"Đã quay lại bản {now} (thay cho {was}): {Path(target) / CURRENT} → {RELEASES}/{now}", file=out)
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.publish.deploy deploy|rollback``: the same as ``chuyentrang deploy|rollback``."""
    parser = argparse.ArgumentParser(prog="python -m generator.publish.deploy")
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("deploy", help="đưa site/ lên thư mục web, đổi bản đang chạy trong một bước")
    d.add_argument("--to", required=True, type=Path, metavar="DIR")
    d.add_argument("-d", "--site-dir", default=Path("site"), type=Path)
    d.add_argument("--keep", default=DEFAULT_KEEP, type=int, metavar="N")
    r = sub.add_parser("rollback", help="quay lại bản triển khai trước")
    r.add_argument("--to", required=True, type=Path, metavar="DIR")
    args = parser.parse_args(argv)
    try:
        if args.command == "deploy":
            return deploy_command(args.site_dir, args.to, args.keep)
        return rollback_command(args.to)
    except OSError as exc:
        from generator.support.exits import EXIT_ENVIRONMENT, environment_line

        sys.stderr.write(environment_line(exc, args.command))
        return EXIT_ENVIRONMENT


if __name__ == "__main__":
    raise SystemExit(main())
