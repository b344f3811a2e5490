"""Fuzzing article front matter and feed archive lines: whatever an editor or a hand edit writes, `chuyentrang check`
ends with exit 0, 1 or 2 and says something, never with an exception, and in bounded time.

CHUYENTRANG_FUZZ_EXAMPLES=10000 runs the long mode (default: a run of well under a minute)."""
from __future__ import annotations

import io
import json
import os
import shutil
import time
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli.main import main
from sitefactory import SiteRepo

EXAMPLES = int(os.environ.get("CHUYENTRANG_FUZZ_EXAMPLES", "60"))
CASE_SECONDS = 20  # one case: a check of a two-file site takes well under a second even on a loaded machine
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= 100,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])

CONTROL = st.sampled_from([chr(c) for c in range(0x20) if c not in (9, 10)] + ["\x7f", "\ufffe", "\u2028"])
text = st.one_of(st.text(max_size=30), st.text(st.one_of(CONTROL, st.characters()), max_size=12),
                 st.sampled_from(["", " ", "chinh-quyen-so", "chuyen-trang", "khong-co", "a" * 500, "../../x",
                                  "Chuyển đổi số", "main.html", "/assets/x.png", "---", "&amp;<b>"]))
dates = st.one_of(
    st.dates().map(str),
    st.builds(lambda d, h, m, tz: f"{d} {h:02d}:{m:02d}{tz}", st.dates(), st.integers(0, 30), st.integers(0, 70),
              st.sampled_from(["", "+07:00", "-12:00", "+14:00", "Z", "+99:99"])),
    st.sampled_from(["0001-01-01", "9999-12-31 23:59:59-12:00", "2024-02-30", "2024-05-06T08:00:00.1234567",
                     "1900-01-01", "2024-5-6", "hôm nay"]),
)
numbers = st.one_of(st.integers(), st.integers(min_value=10**20, max_value=10**400), st.floats(), st.booleans())
scalars = st.one_of(st.none(), text, numbers, dates)
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(text, inner, max_size=3)), max_leaves=6)
KEYS = ["title", "date", "category", "channel", "summary", "tags", "author", "image", "slug", "draft", "template",
        "hide", "description", "redirect_from"]
front_matter = st.dictionaries(st.one_of(st.sampled_from(KEYS), text), values, max_size=8)
# mostly plausible articles, so that checks also go past validation
good = st.fixed_dictionaries({"title": text, "date": st.just("2024-05-06"), "category": st.just("chinh-quyen-so")})
article = st.one_of(front_matter, st.builds(lambda g, extra: {**g, **extra}, good, front_matter))

ARCHIVE_KEYS = ["id", "source", "source_name", "channel", "title", "link", "published", "published_raw", "summary",
                "categories", "image", "first_seen", "last_seen", "flags"]
iso = st.one_of(st.datetimes(timezones=st.timezones()).map(lambda d: d.isoformat()), dates, text)
archive_values = st.one_of(values, iso)
archive_line = st.one_of(
    st.fixed_dictionaries({k: archive_values for k in ARCHIVE_KEYS}),
    st.builds(lambda base, extra: {**base, **extra},
              st.just({"id": "x", "source": "bao", "channel": "chuyen-trang", "title": "Tin",
                       "first_seen": "2024-05-06T09:00:00+07:00"}),
              st.dictionaries(st.sampled_from(ARCHIVE_KEYS), archive_values, max_size=4)),
    st.dictionaries(text, archive_values, max_size=4),
)
line_bytes = st.one_of(archive_line.map(lambda d: json.dumps(d, ensure_ascii=False)), st.text(max_size=40),
                       archive_values.map(json.dumps))


def _check(root: Path) -> tuple[int, str, str, float]:
    out, err = io.StringIO(), io.StringIO()
    started = time.monotonic()
    code = main(["check", "-f", str(root / "mkdocs.yml"), "--as-of", "2024-05-20"], out=out, err=err)
    return code, out.getvalue(), err.getvalue(), time.monotonic() - started


def _site(tmp_path_factory) -> SiteRepo:
    root = tmp_path_factory.mktemp("fuzz") / "site"
    repo = SiteRepo(root)
    (root / "content" / "bai-viet").mkdir(parents=True)
    repo.write_config()
    return repo


def _dump(meta: dict) -> str:
    try:
        return yaml.safe_dump(meta, allow_unicode=True, width=10**6)
    except (yaml.YAMLError, ValueError):
        return repr(meta)  # unrepresentable: still front matter text an editor could have written


@FUZZ
@given(metas=st.lists(article, min_size=1, max_size=3))
def test_any_front_matter_ends_in_an_exit_code_and_a_message(tmp_path_factory, metas):
    repo = _site(tmp_path_factory)
    try:
        for n, meta in enumerate(metas):
            (repo.root / "content" / "bai-viet" / f"b{n}.md").write_text(f"---\n{_dump(meta)}---\n\nNội dung.\n",
                                                                         encoding="utf-8", errors="surrogatepass")
        code, out, err, took = _check(repo.root)
        assert code in (0, 1, 2)
        assert (out if code != 2 else err).strip()
        if code == 2:
            assert all(":" in line for line in err.strip().splitlines()[1:])
        assert took < CASE_SECONDS
    finally:
        shutil.rmtree(repo.root.parent)


@FUZZ
@given(lines=st.lists(line_bytes, min_size=1, max_size=4))
def test_any_archive_line_ends_in_an_exit_code_and_a_message(tmp_path_factory, lines):
    repo = _site(tmp_path_factory)
    try:
        repo.article("a", "Bài một", "2024-05-06")
        path = repo.root / "feeds" / "archive" / "bao.jsonl"
        path.parent.mkdir(parents=True)
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass") + b"\n")
        code, out, err, took = _check(repo.root)
        assert code in (0, 1, 2)
        assert (out if code != 2 else err).strip()
        if code == 2:
            assert "feeds/archive/bao.jsonl:" in err
        assert took < CASE_SECONDS
    finally:
        shutil.rmtree(repo.root.parent)
