"""Fixtures for the search tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from search_helpers import case_docs  # noqa: E402

from generator.search import build_search_index  # noqa: E402


@pytest.fixture(scope="session")
def case_index(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("search-index")
    build_search_index(case_docs(), out)
    return out
