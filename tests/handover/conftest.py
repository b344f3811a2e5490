"""The handover tests' site, made once per module (handoversite.py)."""
from __future__ import annotations

import pytest

from handoversite import make_site
from sitefactory import SiteRepo


@pytest.fixture(scope="module")
def site_repo(tmp_path_factory) -> SiteRepo:
    return make_site(tmp_path_factory.mktemp("handover") / "site-repo")
