"""Helpers for the search tests: run the real search.js in Node against an index on disk."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from vi_search_cases import DOCS

from generator.search import SearchDoc, assets_dir

HERE = Path(__file__).parent
NODE = shutil.which("node") or "/usr/bin/node"


def run_queries(index_dir: Path, queries: list[str], limit: int = 50, prefix: bool = False) -> dict[str, dict]:
    """query -> {terms, total, results: [...], fetched: [paths]}, each answered by a fresh client; ``prefix``: as
    while typing (the last word matches the words it begins)."""
    out = subprocess.run(
        [NODE, str(HERE / "node_search.cjs"), str(assets_dir() / "search.js"), str(index_dir), str(limit), *queries],
        capture_output=True, text=True, check=True, timeout=300, env={**os.environ, "CT_PREFIX": "1" if prefix else "0"},
    ).stdout
    answers = [json.loads(line) for line in out.splitlines()]
    return {a["query"]: a for a in answers}


def case_docs() -> list[SearchDoc]:
    return [SearchDoc(url, title, text, f"0{i % 9 + 1}/11/2026", "Bài viết") for i, (url, title, text) in enumerate(DOCS)]
