"""Shared fixtures. Helpers live in sitefactory.py: several conftest.py files exist, so never import from one."""
from __future__ import annotations

import pytest

from sitefactory import SiteRepo


@pytest.fixture
def repo(tmp_path) -> SiteRepo:
    r = SiteRepo(tmp_path / "site-repo")
    (r.root / "content").mkdir(parents=True)
    r.write_config()
    return r
