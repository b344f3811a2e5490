"""Decap CMS collections for waiver and urgent-publish files: what their forms write passes the build's validation,
and their choices and patterns match the site's config."""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from generator.core.config import load_config
from generator.core.decisions import load_decisions

ROOT = Path(__file__).resolve().parents[2]
TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _collections() -> dict[str, dict]:
    cfg = yaml.safe_load((ROOT / "content" / "admin" / "config.yml").read_text(encoding="utf-8"))
    return {c["name"]: c for c in cfg["collections"]}


def _fields(name: str) -> dict[str, dict]:
    return {f["name"]: f for f in _collections()[name]["fields"]}


def test_waiver_form_offers_exactly_the_configured_channels():
    config = load_config(ROOT / "mkdocs.yml")
    options = _fields("mien-tru")["channel"]["options"]
    assert [(o["value"], o["label"]) for o in options] == [(c.id, c.name) for c in config.channels]


@pytest.mark.parametrize("period, ok", [("2026-W49", True), ("2026-12", True), ("2026-W54", False),
                                        ("2026-13", False), ("2026-w49", False), ("tuần 49", False)])
def test_waiver_form_period_pattern(period, ok):
    pattern = _fields("mien-tru")["period"]["pattern"][0]
    assert bool(re.fullmatch(pattern, period)) is ok


def _site(tmp_path: Path) -> Path:
    for name in ("mkdocs.yml",):
        (tmp_path / name).write_text((ROOT / name).read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "content").mkdir()
    return tmp_path


def test_what_the_forms_write_is_accepted(tmp_path):
    root = _site(tmp_path)
    c = _collections()
    assert c["mien-tru"]["folder"] == "mien-tru" and c["xuat-ban-khan"]["folder"] == "xuat-ban-khan"
    waiver = {"channel": "bao", "period": "2026-W36", "reason": "Nghỉ lễ", "approved_by": "Giám đốc Sở",
              "document": "1/STTTT"}
    # mkdocs.yml already waives bao 2026-W36: use another week
    waiver["period"] = "2026-W40"
    (root / "mien-tru").mkdir()
    (root / "mien-tru" / "bao-2026-w40.yml").write_text(yaml.safe_dump(waiver, allow_unicode=True), encoding="utf-8")
    fmt = "%Y-%m-%d %H:%M:%S%z"  # what "YYYY-MM-DD HH:mm:ssZ" writes, with the colon in the offset
    start = datetime(2026, 11, 19, 7, 0, tzinfo=TZ)
    stamp = lambda d: (lambda s: s[:-2] + ":" + s[-2:])(d.strftime(fmt))  # noqa: E731
    urgent = {"reason": "Cảnh báo bão", "approved_by": "Phó Giám đốc Sở", "document": "2/STTTT",
              "from": stamp(start), "until": stamp(start + timedelta(days=2))}
    assert _fields("xuat-ban-khan")["from"]["format"] == "YYYY-MM-DD HH:mm:ssZ"
    (root / "xuat-ban-khan").mkdir()
    (root / "xuat-ban-khan" / "bao.yml").write_text(yaml.safe_dump(urgent, allow_unicode=True), encoding="utf-8")
    decisions, problems = load_decisions(load_config(root / "mkdocs.yml"))
    assert problems == []
    assert [(w.channel, w.period, w.document) for w in decisions.waivers] == [("bao", "2026-W40", "1/STTTT")]
    assert decisions.urgent_at(datetime(2026, 11, 20, 12, 0, tzinfo=TZ)).document == "2/STTTT"
