"""Article URLs do not change with the faster slug: every title gives the slug python-slugify gives."""
from __future__ import annotations

import random

from slugify import slugify

from generator.articles import _VI_LETTERS, article_slug

OTHER = "ÀÉÎÕÜçñßøæœ Ёё Ωω 中文 ﬁ ½ – — “ ” ‘ ’ … « » & @ # % / : ; ! ? ( ) [ ] - _ . , ' \" 2024 \u0301\u0323"


def test_same_slug_as_python_slugify():
    rng = random.Random(3)
    alphabet = list(_VI_LETTERS + _VI_LETTERS.upper() + "abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ    ") + OTHER.split()
    for _ in range(3000):
        title = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 120)))
        assert article_slug(title) == (slugify(title, max_length=80, word_boundary=True) or "bai-viet"), title


def test_vietnamese_title():
    assert article_slug("Đắk Nông: Chuyển đổi số ở buôn, bon") == "dak-nong-chuyen-doi-so-o-buon-bon"
