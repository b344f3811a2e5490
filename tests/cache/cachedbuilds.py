"""What the build-cache tests share: a build in-process with a chosen cache folder, its files read back, and the
files two builds wrote differently."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.support import cache
from sitefactory import run_cli


def build(root: Path, out: Path, cache_dir: Path, monkeypatch, as_of: str | None = None) -> dict[str, bytes]:
    """Build the site in ``root`` into ``out`` with the build cache in ``cache_dir``; every file written, by path
    (the output folder is removed again, so the next build starts from nothing)."""
    monkeypatch.setenv(cache.ENV, str(cache_dir))
    when = ["--as-of", as_of] if as_of else []
    code, stdout, stderr = run_cli("build", "-f", root / "mkdocs.yml", "-d", out, *when)
    assert code == 0, stdout + stderr
    real = out.resolve()
    files = {str(p.relative_to(real)): p.read_bytes() for p in sorted(real.rglob("*")) if p.is_file()}
    shutil.rmtree(real)
    if out.is_symlink():
        out.unlink()
    return files


def differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


@pytest.fixture(autouse=True)
def same_build_time(monkeypatch):
    """Every build of a test module that imports this stamps the same time (the log pages print it), so whole output
    trees can be compared (the build cache the test chose is forgotten after it by tests/conftest.py)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
