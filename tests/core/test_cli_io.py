"""The command's behaviour when the machine or the caller misbehaves: a full or read-only disk (exit 3, one line),
`-f` naming no file (exit 2), a reader that goes away (`check | head`), MkDocs without the plugin."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitefactory import run_cli

ROOT = Path(__file__).resolve().parents[2]
AS_OF = "2024-05-21"
CHANNELS = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 2}
          since: 2024-05-06
"""


def tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture
def weekly(repo):
    repo.write_config(channels=CHANNELS)
    repo.article("tuan-19", "Bài tuần 19", "2024-05-07 09:00")
    repo.article("tuan-20", "Bài tuần 20", "2024-05-14 09:00")
    return repo


def leftovers(out: Path) -> list[str]:
    """What is beside the output folder apart from its live build."""
    live = os.readlink(out).split("/")[1] if out.is_symlink() else None
    builds = out.with_name(f".{out.name}.builds")
    inside = [p.name for p in builds.iterdir() if p.name not in (".lock", live)] if builds.is_dir() else []
    beside = [p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}.") and p != builds]
    return inside + beside


# ---------------------------------------------------------------------------------------- environment failures

def one_line(err: str, words: str) -> bool:
    """The failure is told in the last line of stderr, alone: no MkDocs error lines, no traceback (the lines before
    it are the notices every build prints)."""
    last = err.splitlines()[-1]
    return (words in last and "Lỗi môi trường" in last and err.count("Lỗi môi trường") == 1
            and "ERROR" not in err and "Traceback" not in err)


ERRNOS = {errno.ENOSPC: "hết chỗ trống", errno.EROFS: "chỉ cho đọc", errno.EACCES: "không có quyền",
          errno.EDQUOT: "hạn mức", errno.EIO: "lỗi đọc/ghi"}


def _failing(monkeypatch, where: str, code: int) -> None:
    """Make the build's ``where`` fail with ``code``, only while build_into runs (loading the site reads files)."""
    import mkdocs.utils

    from generator.mkdocs_adapter import build

    armed = {"on": False}
    owners = {"write_file": mkdocs.utils, "write_text": Path, "symlink": os, "replace": os, "open": os,
              "rename": os, "mkdir": os}
    owner = owners[where]
    real = getattr(owner, where)

    def fail(*args, **kwargs):
        if armed["on"]:
            raise OSError(code, os.strerror(code), str(args[0]))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, where, fail)
    real_into = build.build_into

    def into(*args, **kwargs):
        armed["on"] = True
        try:
            return real_into(*args, **kwargs)
        finally:
            armed["on"] = False

    monkeypatch.setattr(build, "build_into", into)


STEPS = ["write_file", "write_text", "symlink", "replace", "open", "mkdir", "rename"]


def test_every_disk_failure_is_told_in_vietnamese():
    from generator.cli.main import environment_line

    for code, words in ERRNOS.items():
        line = environment_line(OSError(code, os.strerror(code), "/srv/site"), "build")
        assert line.startswith("/srv/site: ") and words in line and line.count("\n") == 1
        assert os.strerror(code) not in line  # not the English text


def test_a_system_error_without_vietnamese_words_is_named_by_its_code_not_in_english():
    from generator.support.exits import os_reason

    for code in (errno.ENOTSUP, errno.ECONNRESET, errno.ETXTBSY):
        reason = os_reason(OSError(code, os.strerror(code)))
        assert reason == f"lỗi hệ thống {errno.errorcode[code]}" and os.strerror(code) not in reason
    assert os_reason(OSError(errno.EADDRINUSE, os.strerror(errno.EADDRINUSE))) == \
        "địa chỉ đang được một chương trình khác dùng"  # serve's busy port


@pytest.mark.parametrize("where,code", [(step, list(ERRNOS)[i % len(ERRNOS)]) for i, step in enumerate(STEPS)])
def test_a_disk_failure_at_any_step_is_one_line_exit_3_and_site_untouched(weekly, monkeypatch, where, code):
    out = weekly.root / "site"
    assert run_cli("build", "-f", weekly.config, "--as-of", AS_OF)[0] == 0
    before = tree(out)
    weekly.article("moi", "Bài mới", "2024-05-15 09:00")
    fresh = weekly.root / "lan-dau"  # a first build: the builds folder is made (mkdir) and a real folder moved
    fresh.mkdir()
    (fresh / ".chuyentrang-site").write_text("x")
    (fresh / "index.html").write_text("cũ")
    words = ERRNOS[code]
    with monkeypatch.context() as m:
        _failing(m, where, code)
        for target, was in ((out, before), (fresh, {".chuyentrang-site": b"x", "index.html": "cũ".encode()})):
            if where == "mkdir" and target is out or where == "rename" and target is not fresh:
                continue  # those steps happen only on a first build
            rc, text, err = run_cli("build", "-f", weekly.config, "--as-of", AS_OF, "-d", target)
            assert rc == 3, (where, code, rc, err)
            assert text == "" and one_line(err, words), err
            assert tree(target) == was, (where, code)
            assert leftovers(target) == [], (where, code)
    rc, _, err = run_cli("build", "-f", weekly.config, "--as-of", AS_OF)  # the disk is back: builds again
    assert rc == 0, err
    assert "bai-moi" in "".join(tree(out))


@pytest.fixture
def small_disk(tmp_path):
    """A real 16 MB file system (tmpfs), or a skip where mounting is not allowed."""
    mnt = tmp_path / "dia"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mnt)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a small file system here")
    yield mnt
    subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_a_really_full_and_a_really_read_only_disk(weekly, small_disk):
    out = small_disk / "site"
    # fill the disk but for a few kilobytes: a site (several MB) cannot fit
    (small_disk / "day").write_bytes(b"x" * (16 * 1024 * 1024 - 64 * 1024))
    rc, text, err = run_cli("build", "-f", weekly.config, "--as-of", AS_OF, "-d", out)
    assert rc == 3 and one_line(err, "hết chỗ trống"), err
    assert "Traceback" not in err and str(out) in err, err  # no child's traceback; the folder being written named
    (small_disk / "day").unlink()
    assert run_cli("build", "-f", weekly.config, "--as-of", AS_OF, "-d", out)[0] == 0
    before = tree(out)
    assert subprocess.run(["mount", "-o", "remount,ro", str(small_disk)]).returncode == 0
    weekly.article("moi", "Bài mới", "2024-05-15 09:00")
    rc, text, err = run_cli("build", "-f", weekly.config, "--as-of", AS_OF, "-d", out)
    assert rc == 3 and one_line(err, "chỉ cho đọc"), err
    assert tree(out) == before


# ------------------------------------------------------------------------------------------------- -f and errors

def test_config_file_that_is_a_folder_or_missing_exits_2_for_every_command(weekly, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lien-ket-hong.yml").symlink_to(tmp_path / "khong-co.yml")
    bad = [weekly.root, weekly.root / "content", tmp_path / "khong-co.yml", tmp_path / "lien-ket-hong.yml",
           Path("."), Path("khong-co/mkdocs.yml")]
    commands = [["build", "--as-of", AS_OF], ["check"], ["check", "--format", "json"], ["fetch"],
                ["new", "Bài", "--category", "chinh-quyen-so"], ["deploy", "--to", str(tmp_path / "www")]]
    for path in bad:
        for cmd in commands:
            rc, text, err = run_cli(cmd[0], "-f", path, *cmd[1:])
            assert rc == 2, (path, cmd, rc, err)
            assert f"{path}: " in err and ("thư mục" in err or "không tìm thấy" in err), (path, cmd, err)
            assert "Traceback" not in err and text == ""
    # no mkdocs.yml is needed when deploy is told where the site is, nor by rollback
    rc, _, err = run_cli("rollback", "-f", tmp_path / "khong-co.yml", "--to", tmp_path)
    assert rc == 2 and "chưa từng được triển khai" in err


def test_mkdocs_without_the_plugin_is_named_in_a_message(weekly, monkeypatch):
    import mkdocs.config

    real = mkdocs.config.load_config

    def without_plugin(*args, **kwargs):
        cfg = real(*args, **kwargs)
        del cfg.plugins["chuyentrang"]  # as when the package is not installed where MkDocs runs
        return cfg

    monkeypatch.setattr(mkdocs.config, "load_config", without_plugin)
    rc, _, err = run_cli("build", "-f", weekly.config, "--as-of", AS_OF)
    assert rc == 2 and "mkdocs.yml: " in err and "plugin 'chuyentrang'" in err, err
    assert not (weekly.root / "site").exists()


# ------------------------------------------------------------------------------------------ a reader goes away

def _run(args: list[str], cwd: Path, close: str | None) -> tuple[int, str]:
    """Run ``chuyentrang ARGS`` as a program; ``close``: "out", "err" or "both" streams whose reader goes away at
    once (as `| head -0` does), before the program writes."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    r_out, w_out = os.pipe()
    r_err, w_err = os.pipe()
    proc = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd, env=env, stdout=w_out, stderr=w_err)
    os.close(w_out)
    os.close(w_err)
    if close in ("out", "both"):
        os.close(r_out)
    if close in ("err", "both"):
        os.close(r_err)
    err = b""
    if close not in ("err", "both"):
        with os.fdopen(r_err, "rb") as f:
            if close is None:
                with os.fdopen(r_out, "rb") as o:
                    o.read()
            err = f.read()
    elif close == "err":
        with os.fdopen(r_out, "rb") as o:
            o.read()
    return proc.wait(timeout=300), err.decode()


def test_output_cut_short_by_its_reader_exits_quietly_with_the_commands_own_code(weekly, tmp_path):
    site = tmp_path / "out"
    www = tmp_path / "www"
    cases = [
        ["check", "-f", str(weekly.config), "--as-of", AS_OF],
        ["check", "-f", str(weekly.config), "--as-of", "2024-05-28", "--format", "json"],
        ["build", "-f", str(weekly.config), "--as-of", AS_OF, "-d", str(site)],
        ["build", "-f", str(weekly.config), "--as-of", AS_OF, "-d", "."],                  # exit 2
        ["check", "-f", str(tmp_path)],                                                   # exit 2
        ["deploy", "--to", str(www), "-d", str(site)],
        ["deploy", "--to", str(www), "-d", str(tmp_path / "khong-co")],                   # exit 2
    ]
    for args in cases:
        expected, _ = _run(args, weekly.root, None)
        for close in ("out", "both") if args[0] != "check" or "json" in args else ("out", "err", "both"):
            code, err = _run(args, weekly.root, close)
            assert code == expected, (args, close, code, expected, err)
            assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, err


def test_check_run_as_a_program_says_all_it_says_in_process_and_ends_with_its_code(weekly):
    """A check run as a program ends at once once it has written (the loaded site is not freed first): nothing it
    wrote may be lost on the way, with its output in a pipe (block-buffered, as in CI logs) and not a terminal."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    env["PYTHONPATH"] = str(ROOT)
    for as_of, fmt in (("2024-05-21", "text"), ("2024-05-21", "json"), ("2024-06-11", "text"), ("2024-06-11", "json")):
        args = ["check", "-f", str(weekly.config), "--as-of", as_of, "--format", fmt]
        expected = run_cli(*args)
        proc = subprocess.run([sys.executable, "-m", "generator", *args], cwd=weekly.root, env=env,
                              capture_output=True, timeout=300)
        assert (proc.returncode, proc.stdout.decode(), proc.stderr.decode()) == expected, (as_of, fmt)
        assert expected[0] == (0 if as_of == "2024-05-21" else 1) and expected[1]


def test_a_second_build_into_the_same_folder_while_one_runs_exits_3(weekly):
    from generator.publish import output

    out = weekly.root / "site"
    assert run_cli("build", "-f", weekly.config, "--as-of", AS_OF)[0] == 0
    before = tree(out)
    weekly.article("moi", "Bài mới", "2024-05-15 09:00")
    with output.Lock(out.with_name(".site.builds")):  # as a build running in another process holds it
        rc, text, err = run_cli("build", "-f", weekly.config, "--as-of", AS_OF)
    assert rc == 3 and one_line(err, "một lần build khác đang chạy"), err
    assert tree(out) == before and leftovers(out) == []
