"""Shared fixtures. Helpers live in sitefactory.py: several conftest.py files exist, so never import from one."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitefactory import SiteRepo

# The demo's radio audio is made once per machine, not once per copy of the demo a test builds (speech is slow);
# tests of the audio path itself point CHUYENTRANG_CACHE_DIR at a fresh folder.
os.environ.setdefault("CHUYENTRANG_CACHE_DIR", str(Path.home() / ".cache" / "chuyentrang-tests" / "build-cache"))


@pytest.fixture(autouse=True)
def _no_build_cache_left_behind():
    """A command run in-process chooses the process's build cache (``cache.use``), as a real run does once for its
    whole life; the next test starts as a fresh process would, with none chosen."""
    yield
    from generator.support import cache

    cache.use(None)


@pytest.fixture
def repo(tmp_path) -> SiteRepo:
    r = SiteRepo(tmp_path / "site-repo")
    (r.root / "content").mkdir(parents=True)
    r.write_config()
    return r


def pytest_collection_modifyitems(items):
    """Browser tests last: Playwright and the demo servers keep threads alive until the session ends, and with other
    threads running nothing forks (generator.support.parallel), so the tests of the forked paths would only be skipped."""
    items.sort(key=lambda item: item.path.parent.name == "browser")


@pytest.fixture
def forkable():
    """For tests of the forked paths (generator.support.parallel): skipped where forking cannot help (no fork, one core),
    failed where a test left threads running (forking would then be refused and the test prove nothing)."""
    import os
    import threading

    from generator.support import parallel

    if not hasattr(os, "fork") or parallel.cores() < 2:
        pytest.skip("no fork here, or one core")
    others = [t.name for t in threading.enumerate() if t is not threading.main_thread()]
    assert not others, f"threads left running by earlier tests: {others}"
