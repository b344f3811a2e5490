"""`chuyentrang deploy/rollback`: releases, the `current` symlink, pruning, bad input, and kills mid-deploy."""
from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.publish import deploy as d
from generator.publish.releases import Lock

ROOT = Path(__file__).resolve().parents[2]


def make_site(path: Path, version: str, files: int = 3, size: int = 10) -> dict[str, bytes]:
    """A small built site whose every file says which version it is; returns {relative path: content}."""
    tree = {"index.html": f"<h1>Bản {version}</h1>".encode()}
    for i in range(files):
        tree[f"bai-viet/bai-{i}/index.html"] = (f"{version}:{i}:" + "x" * size).encode()
    tree["assets/site.css"] = f"/* {version} */".encode()
    for rel, data in tree.items():
        p = path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
    return tree


def read_tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def served(target: Path) -> dict[str, bytes]:
    """What a web server with `root target/current` serves."""
    return read_tree((target / "current").resolve(strict=True))


def releases(target: Path) -> list[str]:
    return [r.name for r in d.list_releases(target)]


def run_deploy(site: Path, target: Path, keep: int = 5) -> tuple[int, str]:
    """(exit code, stdout + stderr); a failure writes to stderr only."""
    out, err = io.StringIO(), io.StringIO()
    code = d.deploy_command(site, target, keep, out=out, err=err)
    assert not (code and out.getvalue()), "problems go to stderr"
    return code, out.getvalue() + err.getvalue()


def run_rollback(target: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = d.rollback_command(target, out=out, err=err)
    assert not (code and out.getvalue()), "problems go to stderr"
    return code, out.getvalue() + err.getvalue()


def test_deploy_serves_the_site_through_a_relative_current_symlink(tmp_path):
    site = tmp_path / "site"
    tree = make_site(site, "A")
    target = tmp_path / "www"
    code, out = run_deploy(site, target)
    assert code == 0, out
    assert served(target) == tree
    assert (target / "current").is_symlink()
    link = os.readlink(target / "current")
    assert not os.path.isabs(link) and link.startswith("releases/")
    assert "Đã triển khai bản" in out
    # the copy is independent of site/: rebuilding site/ does not change what is served
    make_site(site, "B")
    assert served(target) == tree


def test_each_deploy_is_a_new_release_and_rollback_returns_to_the_previous(tmp_path):
    site, target = tmp_path / "site", tmp_path / "www"
    trees = {}
    for v in "ABC":
        trees[v] = make_site(site, v)
        assert run_deploy(site, target)[0] == 0
        assert served(target) == trees[v]
    assert len(releases(target)) == 3

    code, out = run_rollback(target)
    assert code == 0, out
    assert served(target) == trees["B"]
    assert "Đã quay lại bản" in out
    code, out = run_rollback(target)
    assert code == 0
    assert served(target) == trees["A"]
    # nothing older than A
    code, out = run_rollback(target)
    assert code == 2
    assert "không có bản nào trước" in out
    assert served(target) == trees["A"]


def test_rollback_after_a_deploy_that_followed_a_rollback_returns_to_what_was_live(tmp_path):
    site, target = tmp_path / "site", tmp_path / "www"
    trees = {}
    for v in "ABC":
        trees[v] = make_site(site, v)
        run_deploy(site, target)
    run_rollback(target)
    run_rollback(target)  # C and B were bad; A is live
    trees["D"] = make_site(site, "D")
    run_deploy(site, target)
    assert served(target) == trees["D"]
    assert run_rollback(target)[0] == 0
    assert served(target) == trees["A"], "rollback must return to the release live before, not the bad C"


def test_prune_keeps_the_newest_n_and_never_the_live_or_previous(tmp_path):
    site, target = tmp_path / "site", tmp_path / "www"
    for v in range(7):
        make_site(site, f"v{v}")
        code, out = run_deploy(site, target, keep=3)
        assert code == 0
    names = releases(target)
    assert len(names) == 3
    assert [n.rsplit("-", 1)[1] for n in names] == ["5", "6", "7"]
    assert "Đã xoá bản cũ" in out
    # roll back twice: live is release 5; then deploy with keep=1: live-before (5) must survive as previous
    run_rollback(target)
    run_rollback(target)
    live = d.current_release(target)
    assert live.endswith("-5")
    tree = make_site(site, "new")
    assert run_deploy(site, target, keep=1)[0] == 0
    names = releases(target)
    assert live in names and d.previous_release(target) == live
    assert served(target) == tree
    assert run_rollback(target)[0] == 0
    assert d.current_release(target) == live
    # no leftovers a visitor or the next prune could mistake for a release
    assert {p.name for p in (target / "releases").iterdir()} == set(releases(target))  # no leftovers


def test_release_numbers_keep_growing_even_if_the_clock_goes_back(tmp_path):
    site, target = tmp_path / "site", tmp_path / "www"
    make_site(site, "A")
    run_deploy(site, target)
    # a release named with a later timestamp than any real clock
    late = target / "releases" / "29991231T235959Z-9"
    late.mkdir()
    (late / "index.html").write_text("late")
    tree = make_site(site, "B")
    run_deploy(site, target)
    assert d.current_release(target).endswith("-10")
    assert served(target) == tree


@pytest.mark.parametrize("case", ["no-site", "no-index", "keep-0", "target-is-file", "inside-site", "no-parent"])
def test_bad_input_exits_2_and_changes_nothing(tmp_path, case):
    site, target = tmp_path / "site", tmp_path / "www"
    tree = make_site(site, "A")
    assert run_deploy(site, target)[0] == 0
    keep = 5
    if case == "no-site":
        site = tmp_path / "khong-co"
    elif case == "no-index":
        (site / "index.html").unlink()
    elif case == "keep-0":
        keep = 0
    elif case == "target-is-file":
        target = tmp_path / "file"
        target.write_text("x")
    elif case == "inside-site":
        target = site / "www"
    elif case == "no-parent":
        target = tmp_path / "a" / "b" / "www"
    code, out = run_deploy(site, target, keep)
    assert code == 2, out
    assert out.strip(), "a message must say why"
    assert "Chưa triển khai gì" in out
    assert served(tmp_path / "www") == tree
    assert len(releases(tmp_path / "www")) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_target_exits_2(tmp_path):
    site = tmp_path / "site"
    make_site(site, "A")
    target = tmp_path / "www"
    target.mkdir(mode=0o555)
    code, out = run_deploy(site, target)
    assert code == 2 and "quyền ghi" in out


def test_unwritable_target_exits_2_as_root_too(tmp_path, monkeypatch):
    """A read-only target (checked via os.access) is refused before anything is written."""
    site = tmp_path / "site"
    make_site(site, "A")
    target = tmp_path / "www"
    target.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == target else real_access(p, mode, **kw))
    code, out = run_deploy(site, target)
    monkeypatch.undo()
    assert code == 2 and "quyền ghi" in out
    assert not (target / "releases").exists()


def test_real_directory_named_current_is_refused(tmp_path):
    site, target = tmp_path / "site", tmp_path / "www"
    make_site(site, "A")
    (target / "current").mkdir(parents=True)
    (target / "current" / "index.html").write_text("old site")
    code, out = run_deploy(site, target)
    assert code == 2 and "current" in out
    assert (target / "current" / "index.html").read_text() == "old site"


def test_rollback_on_a_never_deployed_folder_exits_2(tmp_path):
    code, out = run_rollback(tmp_path)
    assert code == 2 and "chưa từng được triển khai" in out
    site = tmp_path / "site"
    make_site(site, "A")
    run_deploy(site, tmp_path / "www")
    code, out = run_rollback(tmp_path / "www")
    assert code == 2 and "không có bản nào trước" in out


def test_a_second_deploy_while_one_holds_the_lock_is_refused(tmp_path):
    site, target = tmp_path / "site", tmp_path / "www"
    tree = make_site(site, "A")
    run_deploy(site, target)
    with Lock(target):
        make_site(site, "B")
        code, out = run_deploy(site, target)
    assert code == 2 and "đang chạy" in out
    assert served(target) == tree


def test_module_entry_point(tmp_path):
    site, target = tmp_path / "site", tmp_path / "www"
    tree = make_site(site, "A")
    cmd = [sys.executable, "-m", "generator.publish.deploy"]
    p = subprocess.run(cmd + ["deploy", "--to", str(target), "--site-dir", str(site)], cwd=ROOT,
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
    assert served(target) == tree
    p = subprocess.run(cmd + ["rollback", "--to", str(target)], cwd=ROOT, capture_output=True, text=True)
    assert p.returncode == 2 and "không có bản nào trước" in p.stderr and not p.stdout


def test_deploy_killed_at_random_moments_always_leaves_a_complete_release_live(tmp_path):
    """SIGKILL a real deploy process at random moments: `current` always serves one whole site, never a mix."""
    target = tmp_path / "www"
    sites = {}
    for v in "AB":
        sites[v] = make_site(tmp_path / f"site-{v}", v, files=150, size=2000)
    assert run_deploy(tmp_path / "site-A", target)[0] == 0
    live = "A"

    # how long one deploy takes here, to spread the kills over it
    start = time.monotonic()
    assert run_deploy(tmp_path / "site-B", target)[0] == 0
    duration = time.monotonic() - start
    live = "B"

    rng = random.Random(20261122)
    outcomes = {"killed": 0, "finished": 0}
    leftovers: set[str] = set()  # which stages the kills landed in (.partial: mid-copy, .trash: mid-prune)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for attempt in range(20):
        nxt = "A" if live == "B" else "B"
        before = d.current_release(target)
        proc = subprocess.Popen([sys.executable, "-m", "generator.publish.deploy", "deploy", "--to", str(target),
                                 "--site-dir", str(tmp_path / f"site-{nxt}"), "--keep", "3"],
                                cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # interpreter start-up is part of the window: kill anywhere from early start-up to a bit past the end
        time.sleep(rng.uniform(0.02, 0.15 + duration * 1.3))
        proc.send_signal(signal.SIGKILL)
        code = proc.wait()
        outcomes["finished" if code == 0 else "killed"] += 1
        leftovers.update(p.name.split("-")[0] for p in (target / "releases").iterdir() if p.name.startswith("."))
        now = served(target)
        assert now in (sites["A"], sites["B"]), f"attempt {attempt}: a partial or mixed site is live"
        if d.current_release(target) != before:
            assert now == sites[nxt]
            live = nxt
        else:
            assert now == sites[live]
    print(f"one deploy: {duration:.3f} s; {outcomes}; leftovers seen: {sorted(leftovers)}")
    assert outcomes["killed"] >= 5, outcomes
    # after the kills, a normal deploy cleans what the killed ones left behind and prunes as asked
    tree = make_site(tmp_path / "site-C", "C")
    assert run_deploy(tmp_path / "site-C", target, keep=3)[0] == 0
    assert served(target) == tree
    assert {p.name for p in (target / "releases").iterdir()} == set(releases(target))  # no leftovers
    assert len(releases(target)) <= 4  # 3 newest, plus the previous one if older


def test_chuyentrang_deploy_and_rollback_commands(tmp_path):
    """The console commands as users type them: `chuyentrang deploy --to DIR -d site` and `chuyentrang rollback`."""
    target = tmp_path / "www"
    cmd = [sys.executable, "-m", "generator"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    trees = {}
    for v in "AB":
        trees[v] = make_site(tmp_path / f"site-{v}", v)
        p = subprocess.run(cmd + ["deploy", "--to", str(target), "-d", str(tmp_path / f"site-{v}"), "--keep", "2"],
                           cwd=tmp_path, env=env, capture_output=True, text=True)
        assert p.returncode == 0, p.stdout + p.stderr
        assert served(target) == trees[v]
    p = subprocess.run(cmd + ["rollback", "--to", str(target)], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert p.returncode == 0 and served(target) == trees["A"]
    # without -d: site/ beside mkdocs.yml, here missing
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    p = subprocess.run(cmd + ["deploy", "--to", str(target)], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert p.returncode == 2 and "chuyentrang build" in p.stdout + p.stderr
    assert served(target) == trees["A"]
