"""The build cache (.cache/chuyentrang/): a build that finds its work there writes the same bytes as a clean build,
after edits, renames and deletions; a cut-short, edited or foreign entry is ignored and made again."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.support import cache
from sitefactory import run_cli

DEMO = Path(__file__).resolve().parents[2]


# ---- the cache folder itself ----

def test_an_entry_is_found_again_by_the_same_inputs_only(tmp_path):
    c = cache.Cache(tmp_path)
    made = []
    make = lambda: made.append(1) or b"noi dung"  # noqa: E731
    assert c.bytes_of("xlsx", ("2026-Q4", {"a": 1}), make) == b"noi dung"
    fresh = cache.Cache(tmp_path)  # another process: from the folder
    assert fresh.bytes_of("xlsx", ("2026-Q4", {"a": 1}), make) == b"noi dung"
    assert len(made) == 1
    fresh.bytes_of("xlsx", ("2026-Q4", {"a": 2}), make)
    fresh.bytes_of("pdf", ("2026-Q4", {"a": 1}), make)
    assert len(made) == 3


@pytest.mark.parametrize("damage", ["truncate", "flip", "foreign", "empty"])
def test_a_damaged_or_foreign_entry_is_made_again_not_trusted(tmp_path, damage):
    k = cache.key("pdf", "tài liệu")
    cache.Cache(tmp_path).put(k, b"A" * 1000)
    entry = next(p for p in (tmp_path / "objects").rglob("*") if p.is_file())
    raw = entry.read_bytes()
    if damage == "truncate":
        entry.write_bytes(raw[:-10])
    elif damage == "flip":
        entry.write_bytes(raw[:-1] + b"B")
    elif damage == "foreign":  # another key's entry copied over this one
        other = cache.key("pdf", "khác")
        cache.Cache(tmp_path).put(other, b"A" * 1000)
        entry.write_bytes((tmp_path / "objects" / other[:2] / other[2:]).read_bytes())
    else:
        entry.write_bytes(b"")
    fresh = cache.Cache(tmp_path)
    assert fresh.get(k) is None
    assert fresh.bytes_of("pdf", ("tài liệu",), lambda: b"moi") == b"moi"


def test_an_unwritable_cache_only_costs_time(tmp_path):
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("x")
    c = cache.Cache(blocker)
    assert c.bytes_of("xlsx", ("a",), lambda: b"ok") == b"ok"
    assert cache.Cache(blocker).get(cache.key("xlsx", "a")) is None


# ---- a whole build ----

def _files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def _build(root: Path, out: Path, cache_dir: Path, monkeypatch) -> dict[str, bytes]:
    monkeypatch.setenv(cache.ENV, str(cache_dir))
    code, stdout, stderr = run_cli("build", "-f", root / "mkdocs.yml", "-d", out)
    assert code == 0, stdout + stderr
    files = _files(out.resolve())
    shutil.rmtree(out.resolve())
    out.unlink() if out.is_symlink() else None
    return files


def _differences(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


def test_a_cached_build_writes_what_a_clean_build_writes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # both stamp the same build time
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(DEMO / "mkdocs.yml", root)
    shutil.copytree(DEMO / "content", root / "content")
    shutil.copytree(DEMO / "feeds", root / "feeds")
    kept = tmp_path / "cache"
    _build(root, tmp_path / "out", kept, monkeypatch)  # fills the cache
    assert any((kept / "objects").rglob("*")), "nothing was cached"

    arts = sorted((root / "content").rglob("*.md"))
    arts = [p for p in arts if "title:" in p.read_text(encoding="utf-8")]
    text = arts[0].read_text(encoding="utf-8")
    lines = ['title: "Tiêu đề sửa để thử bộ nhớ đệm"' if ln.startswith("title:") else ln for ln in text.split("\n")]
    arts[0].write_text("\n".join(lines) + "\n\nĐoạn thêm.\n", encoding="utf-8")
    arts[1].rename(arts[1].with_name("doi-ten-" + arts[1].name))
    arts[2].unlink()
    (arts[3].parent / "bai-moi-cache.md").write_text(
        '---\ntitle: "Bài mới để thử bộ nhớ đệm"\ndate: 2026-11-18 09:00\ncategory: chinh-quyen-so\n---\n\nNội dung.\n',
        encoding="utf-8")

    cached = _build(root, tmp_path / "out", kept, monkeypatch)
    clean = _build(root, tmp_path / "out", tmp_path / "empty-cache", monkeypatch)
    assert not _differences(cached, clean), _differences(cached, clean)[:20]

    for entry in (p for p in (kept / "objects").rglob("*") if p.is_file()):  # every entry damaged
        entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")
    damaged = _build(root, tmp_path / "out", kept, monkeypatch)
    assert not _differences(damaged, clean), _differences(damaged, clean)[:20]


# ---- CI keeps the folder between scheduled builds ----

def test_the_ci_templates_restore_and_save_the_build_cache():
    import yaml

    gh = yaml.safe_load((DEMO / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    steps = [s for job in gh["jobs"].values() for s in job.get("steps", [])]
    names = [s.get("run", "") + s.get("uses", "") for s in steps]
    cached = next(i for i, s in enumerate(steps) if s.get("uses", "").startswith("actions/cache@")
                  and s["with"]["path"] == ".cache/chuyentrang")
    assert cached < names.index("chuyentrang build")
    gl = yaml.safe_load((DEMO / ".gitlab-ci.yml").read_text(encoding="utf-8"))
    assert "chuyentrang build" in gl["pages"]["script"]
    assert any(".cache/chuyentrang" in c["paths"] for c in gl["pages"]["cache"])
