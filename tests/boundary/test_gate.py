"""The gate does not depend on the plugin: `chuyentrang build` publishes only an output that carries the report it
judged, whatever the generator did."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.mkdocs_adapter import build as build_mod
from sitefactory import run_cli


@pytest.fixture
def site(repo):
    repo.write_config(as_of="2024-05-21")
    for day in ("04-23", "04-30", "05-07", "05-14"):  # one a week: the window of four weeks is met
        repo.article(f"bai-{day}", f"Bài ngày {day}", f"2024-{day} 09:00")
    code, _, err = run_cli("build", "-f", repo.config)
    assert code == 0, err
    return repo


def _generator_without_plugin(real, site_obj, out: Path) -> None:
    # What a successor generator that silently ignores unknown plugins would leave: pages, no frequency log.
    out.mkdir(parents=True)
    (out / "index.html").write_text("<html>trang chưa kiểm tra</html>", encoding="utf-8")


def _generator_with_other_report(real, site_obj, out: Path) -> None:
    real(site_obj, out)
    report = out / "nhat-ky-tan-suat" / "bao-cao.json"
    report.write_bytes(report.read_bytes().replace(b'"status": "pass"', b'"status": "fail"', 1))


@pytest.mark.parametrize("generator", [_generator_without_plugin, _generator_with_other_report])
def test_output_without_the_judged_report_is_not_published(site, monkeypatch, generator):
    before = {p.relative_to(site.root / "site"): p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}
    real = build_mod.run_mkdocs
    monkeypatch.setattr(build_mod, "run_mkdocs", lambda s, out, *progress: generator(real, s, out))
    code, _, err = run_cli("build", "-f", site.config)
    assert code == 2
    assert "bao-cao.json" in err and "không được xuất bản" in err
    after = {p.relative_to(site.root / "site"): p.read_bytes() for p in (site.root / "site").rglob("*") if p.is_file()}
    assert after == before  # the published site is the previous one, whole
    assert not list(site.root.glob(".site.new-*"))


def test_normal_build_passes_the_gate(site):
    report = site.root / "site" / "nhat-ky-tan-suat" / "bao-cao.json"
    assert report.is_file() and b'"schema"' in report.read_bytes()
