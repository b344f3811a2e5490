"""A throwaway site repository written from a few lines of test data (used by tests/conftest.py)."""
from __future__ import annotations

import io
import json
import re
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"

BASE_CONFIG = """\
site_name: Chuyên trang thử
site_url: https://example.test/
docs_dir: content
theme:
  name: material
  language: vi
  font: false
plugins:
  - chuyentrang:
      timezone: Asia/Ho_Chi_Minh
      default_channel: {default_channel}
{as_of}      categories:
        - {{id: chinh-quyen-so, name: Chính quyền số}}
        - {{id: kinh-te-so, name: Kinh tế số}}
      channels:
{channels}
      waivers:
{waivers}
"""

DEFAULT_CHANNELS = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 4}
          since: 2024-01-01
"""


class SiteRepo:
    def __init__(self, root: Path):
        self.root = root
        self.config = root / "mkdocs.yml"

    def write_config(self, channels: str = DEFAULT_CHANNELS, waivers: str = "", as_of: str | None = None) -> Path:
        as_of_line = f"      as_of: {as_of}\n" if as_of else ""
        # the site's own channel must be one of the channels: the first one given, unless chuyen-trang is there
        ids = re.findall(r"^ *- id: *([a-z0-9-]+)", channels, re.M)
        default = "chuyen-trang" if "chuyen-trang" in ids or not ids else ids[0]
        self.config.write_text(
            BASE_CONFIG.format(channels=channels, waivers=waivers or "        []", as_of=as_of_line,
                               default_channel=default), encoding="utf-8"
        )
        return self.config

    def article(self, name: str, title: str, date: str, category: str = "chinh-quyen-so", body: str = "Nội dung.",
                **extra) -> Path:
        lines = ["---", f'title: "{title}"', f"date: {date}", f"category: {category}"]
        lines += [f"{k}: {v}" for k, v in extra.items()]
        lines += ["---", "", body, ""]
        path = self.root / "content" / "bai-viet" / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines), encoding="utf-8")
        return path

    def raw(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    def feed_items(self, source: str, channel: str, items: list[dict], source_name: str | None = None) -> Path:
        path = self.root / "feeds" / "archive" / f"{source}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = []
        for n, it in enumerate(items):
            first_seen = it.get("first_seen", "2024-01-01T00:00:00+07:00")
            row = {"id": it.get("id", f"{source}-{n}"), "source": source, "source_name": source_name or source.upper(),
                   "channel": channel, "title": it.get("title", f"Tin {n}"), "link": it.get("link"),
                   "published": it.get("published"), "published_raw": None, "summary": it.get("summary", ""),
                   "categories": [], "image": None, "first_seen": first_seen,
                   "last_seen": it.get("last_seen", first_seen), "flags": []}
            rows.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
        path.write_text("\n".join(rows) + "\n", encoding="utf-8")
        return path


def run_cli(*argv) -> tuple[int, str, str]:
    """``chuyentrang ARGV...`` in this process: (exit code, stdout, stderr)."""
    from generator.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    code = main([str(a) for a in argv], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def record_pdf_printers(monkeypatch, record: Path) -> None:
    """Each process that runs WeasyPrint (``pdf.pdf_bytes``) appends its pid to ``record``: a child's memory is not
    seen here, its line in the file is."""
    import os

    from generator.reports.handover import pdf

    real = pdf.pdf_bytes

    def recorded(*args):
        with record.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return real(*args)

    monkeypatch.setattr(pdf, "pdf_bytes", recorded)
