"""The swap of a new build into `site/`: killed at any point, `site/` is the whole old or the whole new site, and the
next build removes whatever the killed one left."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitefactory import run_cli

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
AS_OF = "2024-05-21"
EPOCH = "1716282000"  # the log page shows when it was built: one fixed time makes two builds of one input equal
CHANNELS = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 2}
          since: 2024-05-06
"""


def tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture
def versions(repo, tmp_path, monkeypatch):
    """The repository with two contents, A and B, and the whole site each builds to; site/ holds A."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    repo.write_config(channels=CHANNELS)
    repo.article("tuan-19", "Bài tuần 19", "2024-05-07 09:00")
    repo.article("tuan-20", "Bài tuần 20", "2024-05-14 09:00")
    extra = repo.root / "content" / "bai-viet" / "them.md"
    texts = {"A": None, "B": '---\ntitle: "Bài thêm của bản B"\ndate: 2024-05-15\ncategory: kinh-te-so\n---\n\nB.\n'}

    def use(v: str) -> None:
        if texts[v] is None:
            extra.unlink(missing_ok=True)
        else:
            extra.write_text(texts[v], encoding="utf-8")

    sites = {}
    out = repo.root / "site"
    for v in "BA":
        use(v)
        code, _, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF)
        assert code == 0, err
        sites[v] = tree(out)
    assert sites["A"] != sites["B"]
    return repo, out, sites, use


def killed_build(repo, point: str) -> int:
    env = dict(os.environ, PYTHONPATH=f"{ROOT}{os.pathsep}{HERE}", SOURCE_DATE_EPOCH=EPOCH)
    done = subprocess.run([sys.executable, str(HERE / "killed_build.py"), point, "build", "-f", str(repo.config),
                           "--as-of", AS_OF], cwd=repo.root, env=env, capture_output=True, text=True, timeout=300)
    assert "Traceback" not in done.stderr, done.stderr
    return done.returncode


def assert_clean(out: Path) -> None:
    """Only the live build beside site/: no half-made build, no old one, no temporary link."""
    builds = out.with_name(".site.builds")
    live = os.readlink(out).split("/")[1]
    assert sorted(p.name for p in builds.iterdir()) == [".lock", live]
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".site")) == [".site.builds"]


def test_a_build_killed_at_each_point_leaves_a_whole_site_and_the_next_build_cleans_up(versions):
    repo, out, sites, use = versions
    live = "A"
    seen = {"old": 0, "new": 0}
    points = [str(n) for n in range(60)]
    points[1:1] = ["mkdocs"]
    finished = False
    for point in points:
        nxt = "B" if live == "A" else "A"
        use(nxt)
        code = killed_build(repo, point)
        now = tree(out)
        assert now in (sites["A"], sites["B"]), f"kill at {point}: site/ is neither whole site"
        if now == sites[nxt]:
            live = nxt
            seen["new"] += 1
        else:
            seen["old"] += 1
        if code == 0:  # ran past every point: all of them were tried
            finished = True
            assert live == nxt
            break
        assert code == -9, code
    assert finished, "more change points than the test tries"
    assert seen["old"] >= 3 and seen["new"] >= 2, seen
    # kills half-way through removing a folder (an old build, or a leftover of a killed one)
    for n in range(12):
        use("B" if live == "A" else "A")
        if killed_build(repo, f"{n}.mid") == 0:
            break
        assert tree(out) in (sites["A"], sites["B"])
    live = "B" if tree(out) == sites["B"] else "A"
    use(live)
    code, _, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF)
    assert code == 0, err
    assert tree(out) == sites[live]
    assert_clean(out)


def test_leftovers_of_builds_before_the_symlink_layout_are_removed(versions, tmp_path):
    """A build of an older version killed between its two renames left no site/, a `.site.old-<pid>` and a
    `.site.new-<pid>`; or it was killed earlier and left a `.site.new-<pid>` beside a real site/ folder."""
    repo, out, sites, use = versions
    real = out.with_name(".site.builds") / os.readlink(out).split("/")[1]
    for layout in ("between-renames", "before-swap"):
        os.unlink(out)
        os.rename(real, out.with_name(".site.old-4242"))
        (out.with_name(".site.new-4242") / "bai-viet").mkdir(parents=True)
        (out.with_name(".site.new-4242") / "bai-viet" / "x.html").write_text("nửa chừng")
        (out.with_name(".site.new-999") / "index.html").parent.mkdir()
        if layout == "before-swap":  # the real site/ folder of those versions, with a page since removed
            os.rename(out.with_name(".site.old-4242"), out)
            (out / "trang-da-xoa.html").write_text("cũ")
        use("B")
        code, _, err = run_cli("build", "-f", repo.config, "--as-of", AS_OF)
        assert code == 0, err
        assert out.is_symlink() and tree(out) == sites["B"]
        assert_clean(out)
        real = out.with_name(".site.builds") / os.readlink(out).split("/")[1]
