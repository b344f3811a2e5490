"""Tags as editors write them: Vietnamese words with diacritics, one tag however it is written, a page for each at
/the/<slug>/, links from the article and its cards, found by the search; a tag with no letter is refused."""
from __future__ import annotations

import json
import re

from collections import Counter

from sitefactory import run_cli

from generator.core.tags import display_name


CHANNEL = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 1}
          since: 2024-05-06
          until: 2024-05-12
"""


def build(repo):
    repo.write_config(channels=CHANNEL)
    out = repo.root / "out"
    code, _, err = run_cli("build", "-f", repo.config, "--as-of", "2024-05-20", "-d", out)
    assert code == 0, err
    return out


def page(out, url):
    return (out / url / "index.html").read_text(encoding="utf-8")


def test_a_tag_written_two_ways_is_one_tag_with_one_page(repo):
    repo.article("mot", "Nông nghiệp số ở Lâm Hà", "2024-05-08 09:00", tags="[Nông nghiệp số, truy xuất nguồn gốc]")
    repo.article("hai", "Mã QR cho cà phê", "2024-05-09 09:00", tags="[nong-nghiep-so]")
    repo.article("ba", "Dịch vụ công", "2024-05-10 09:00", tags="[nông nghiệp số, Nông nghiệp số]")
    out = build(repo)
    tag_page = page(out, "the/nong-nghiep-so/")
    assert "<h1>Từ khóa: Nông nghiệp số</h1>" in tag_page
    titles = re.findall(r'class="ct-card__title"><a href="([^"]+)">([^<]+)</a>', tag_page)
    assert [t for _, t in titles] == ["Dịch vụ công", "Mã QR cho cà phê", "Nông nghiệp số ở Lâm Hà"]  # newest first
    assert titles[0][0] == "../../bai-viet/dich-vu-cong/"
    # the article: its tags are links to their pages, under the one name, each once
    art = page(out, "bai-viet/ma-qr-cho-ca-phe/")
    assert '<p class="ct-tags">Từ khóa: <a href="../../the/nong-nghiep-so/">Nông nghiệp số</a></p>' in art
    ba = page(out, "bai-viet/dich-vu-cong/")
    assert ba.count('href="../../the/nong-nghiep-so/"') == 1
    # cards link to the tag pages too
    assert '<a href="../../the/truy-xuat-nguon-goc/">truy xuất nguồn gốc</a>' in page(out, "chuyen-muc/chinh-quyen-so/")
    # the index of tags
    index = page(out, "the/")
    assert '<a href="nong-nghiep-so/">Nông nghiệp số</a> <span class="ct-count">(3 bài)</span>' in index
    # the search index has the tag page, and the articles are found by their tags' words
    metas = [row for f in sorted((out / "tim-kiem" / "index" / "m").glob("*.json"))
             for row in json.loads(f.read_text(encoding="utf-8"))]
    assert ["the/nong-nghiep-so/", "Từ khóa: Nông nghiệp số"] in [r[:2] for r in metas]


def test_the_name_shown_is_written_in_words_and_the_same_on_every_build():
    assert display_name(Counter({"nong-nghiep-so": 5, "Nông nghiệp số": 1})) == "Nông nghiệp số"
    assert display_name(Counter({"nông nghiệp số": 2, "Nông nghiệp số": 2})) == "Nông nghiệp số"
    assert display_name(Counter({"vneid": 1})) == "vneid"


def test_a_tag_with_no_letter_or_digit_is_refused_with_its_line(repo):
    repo.article("mot", "Bài một", "2024-05-08 09:00", tags='["!!!", dịch vụ công]')
    code, _, err = run_cli("check", "-f", repo.config, "--as-of", "2024-05-20")
    assert code == 2
    assert "content/bai-viet/mot.md:5: từ khóa '!!!' không có chữ hay số nào" in err
