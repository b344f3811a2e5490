"""Front matter read by the fast path means exactly what the full YAML parser says it means, line numbers included."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from generator.core import yamlfile
from generator.core.articles import split_front_matter

REPO = Path(__file__).resolve().parents[2]


def _full(text: str, offset: int = 1):
    loader = yamlfile._Loader(text)
    try:
        node = loader.get_single_node()
        return (None, None) if node is None else (loader.construct_document(node), yamlfile.Lines(None, offset, node))
    finally:
        loader.dispose()


CASES = [
    'title: "Tổ công nghệ số: cầu nối"\ndate: 2026-08-28 08:30\ncategory: ky-nang-so',
    "title: Những người \"cầm tay chỉ việc\" ở thôn\ndate: 2026-08-28\ncategory: kinh-te-so\ndraft: true",
    "title: 'Một, hai: ba'\ntags: [chuyen-doi-so, dich-vu-cong]\nauthor: H'Yên\nsummary:",
    "\ntitle: Tiêu đề   \n\ndate: 2024-05-06 08:30:00+07:00\ntags: []\ndraft: no\nimage: ~",
    "title: 50% người dân {đã} dùng [dịch vụ]\ndate: '2024-05-06'\nslug: null",
    "draft: yes\nchannel: on",
    # these need the full parser; results must still be the same
    "title: 2024\ndate: 2024-05-06",
    "title: a # comment\ndate: x",
    'title: "a \\" b"\ndate: x',
    "title: >\n  folded\n  text\ndate: x",
    "tags:\n  - a\n  - b\ntitle: x",
    "title: [a, [b]]",
    "title: [a, b,]",
    "yes: x",
    "title: 'it''s'",
    "title:\tx",
    "# a comment\ntitle: x",
    "title: &a x\nb: *a",
    "title: 1.5e3",
]


@pytest.mark.parametrize("text", CASES)
def test_same_values_and_lines_as_the_full_parser(text):
    try:
        expected, lines_full = _full(text)
    except yaml.YAMLError:
        with pytest.raises(yaml.YAMLError):
            yamlfile.load(text, line_offset=1)
        return
    got, lines = yamlfile.load(text, line_offset=1)
    assert got == expected and type(got) is type(expected)
    if isinstance(expected, dict):
        for key in expected:
            assert lines.of(key) == lines_full.of(key)
            assert type(got[key]) is type(expected[key])


def test_fast_path_taken_for_ordinary_front_matter():
    assert yamlfile._simple_mapping(CASES[0]) is not None
    assert yamlfile._simple_mapping(CASES[2]) is not None
    assert yamlfile._simple_mapping("tags:\n  - a") is None


def test_every_demo_article_reads_the_same():
    for path in sorted((REPO / "content").rglob("*.md")):
        fm, _body, _line = split_front_matter(path.read_text(encoding="utf-8"))
        if fm is None:
            continue
        expected, lines_full = _full(fm)
        got, lines = yamlfile.load(fm, line_offset=1)
        assert got == expected, path
        for key in expected or {}:
            assert lines.of(key) == lines_full.of(key), (path, key)
