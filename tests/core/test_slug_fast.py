"""Article URLs do not change with the faster slug: every title of an article published before the phrase cut gives
the slug python-slugify gives."""
from __future__ import annotations

import random
from datetime import date

from slugify import slugify

from generator.core.slugs import _VI_LETTERS, article_slug

OTHER = "ÀÉÎÕÜçñßøæœ Ёё Ωω 中文 ﬁ ½ – — “ ” ‘ ’ … « » & @ # % / : ; ! ? ( ) [ ] - _ . , ' \" 2024 \u0301\u0323"


def test_same_slug_as_python_slugify():
    rng = random.Random(3)
    alphabet = list(_VI_LETTERS + _VI_LETTERS.upper() + "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ    ") + OTHER.split()
    for _ in range(3000):
        title = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120)))
        assert article_slug(title, date(2026, 11, 30)) == (slugify(title, max_length=80, word_boundary=True) or "bai-viet"), title


def test_vietnamese_title():
    assert article_slug("Đắk Nông: Chuyển đổi số ở buôn, bon") == "dak-nong-chuyen-doi-so-o-buon-bon"


LONG = 'Cảnh giác với thủ đoạn giả danh cán bộ công an yêu cầu "cập nhật định danh điện tử"'


def test_a_long_title_is_cut_at_the_end_of_a_phrase_not_inside_a_word():
    assert article_slug(LONG) == "canh-giac-voi-thu-doan-gia-danh-can-bo-cong-an-yeu-cau"
    # no punctuation: cut before a word that starts a new phrase ("trên")
    assert article_slug("Chương trình phát thanh Chuyển đổi số tháng 9/2026 trên hệ thống truyền thanh cơ sở") \
        == "chuong-trinh-phat-thanh-chuyen-doi-so-thang-9-2026"
    # a "/" between digits is not the end of a phrase
    assert article_slug("Thanh toán không dùng tiền mặt dịp Quốc khánh 2/9: chợ truyền thống cũng quét mã QR") \
        == "thanh-toan-khong-dung-tien-mat-dip-quoc-khanh-2-9"
    # short enough: the whole title, as before
    assert article_slug("Đắk Nông: Chuyển đổi số ở buôn, bon") == "dak-nong-chuyen-doi-so-o-buon-bon"


def test_an_article_published_before_the_change_keeps_its_url(repo):
    """A URL once published stays: the demo's articles (all dated before December 2026) keep their slugs."""
    from generator.core.articles import load_articles
    from generator.core.config import load_config

    title = LONG.replace('"', "“", 1).replace('"', "”")
    repo.article("cu", title=title, date="2026-11-20 08:00")
    repo.article("moi", title=title + " nữa", date="2026-12-02 08:00")
    found, problems = load_articles(load_config(repo.config))
    assert problems == []
    assert {a.path.rsplit("/", 1)[-1]: a.slug for a in found} == {
        "cu.md": "canh-giac-voi-thu-doan-gia-danh-can-bo-cong-an-yeu-cau-cap-nhat-dinh-danh-dien",
        "moi.md": "canh-giac-voi-thu-doan-gia-danh-can-bo-cong-an-yeu-cau"}
