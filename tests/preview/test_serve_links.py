"""The preview keeps an unchanged article's read between saves; a link in it to another article's file must still be
checked again when that file goes or comes back, as `build` would check it."""
from __future__ import annotations

import pytest

from generator.core.problems import InputError
from generator.preview.sources import Sources

WEEKLY = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 2}
          since: 2024-05-06
"""


def test_a_link_left_pointing_at_a_removed_article_is_said_and_cleared_when_it_is_back(repo, tmp_path):
    repo.write_config(channels=WEEKLY)
    target = repo.article("dich", "Bài đích", "2024-05-07 09:00")
    repo.article("nguon", "Bài nguồn", "2024-05-14 09:00", body="Xem [bài đích](dich.md).")
    repo.article("khac", "Bài khác", "2024-05-15 09:00")
    sources = Sources(repo.config, "2024-05-21")
    sources.load()
    saved = target.read_bytes()
    target.unlink()
    with pytest.raises(InputError) as caught:
        sources.load()
    said = [f"{p.path}:{p.line}: {p.message}" for p in caught.value.problems]
    assert any(s.startswith("content/bai-viet/nguon.md:7: liên kết 'dich.md' hỏng") for s in said), said
    target.write_bytes(saved)
    site, changed = sources.load()
    assert "bai-viet/nguon.md" in changed and "bai-viet/khac.md" not in changed  # only what may link is read again
    assert sorted(a.slug for a in site.articles) == ["bai-dich", "bai-khac", "bai-nguon"]
