"""Vietnamese normalisation, tokenising and folding, in Python and in search.js alike."""

import json
import subprocess
import unicodedata

import pytest
from search_helpers import NODE

from generator.search import assets_dir, fold, words
from generator.search.text import bucket_of, phrases


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Chuyển đổi số", ["chuyển", "đổi", "số"]),
        ("số", ["số"]),  # a precomposed vowel stays in its word (Material's lunr rule made it "s")
        (unicodedata.normalize("NFD", "Chuyển đổi số"), ["chuyển", "đổi", "số"]),
        ("HOÀ BÌNH, khoẻ; thuỷ lợi", ["hòa", "bình", "khỏe", "thủy", "lợi"]),
        ("hòa khỏe thủy", ["hòa", "khỏe", "thủy"]),
        ("quý, quỳ, thuý, uỷ ban", ["quý", "quỳ", "thúy", "ủy", "ban"]),  # qu- is a consonant: no move
        ("hoàng hoạn khuỳnh toả", ["hoàng", "hoạn", "khuỳnh", "tỏa"]),  # a final consonant: nothing to move
        ("Nghị định 42/2022/NĐ-CP", ["nghị", "định", "42", "2022", "nđ", "cp"]),
    ],
)
def test_words(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(
    "word, key",
    [("chuyển", "chuyen"), ("đổi", "doi"), ("Đắk", "dak"), ("số", "so"), ("sở", "so"), ("ưu", "uu"), ("hòa", "hoa")],
)
def test_fold(word, key):
    assert fold(word) == key


def test_phrases_are_cut_by_punctuation_and_line_breaks():
    assert phrases("chuyển đổi. Số hoá\nđời  sống") == [["chuyển", "đổi"], ["số", "hóa"], ["đời", "sống"]]


SAMPLES = [
    "Chuyển đổi số ở Đắk Nông",
    unicodedata.normalize("NFD", "Hoà bình, khoẻ mạnh, thuỷ lợi; quý uỷ ban"),
    "ĐỒNG BÀO dân tộc thiểu số — ứng dụng VNeID 2024",
    "Ưu tiên «hỗ trợ» người dân: 100% thủ tục",
    "naïve café Zürich",
]


def test_search_js_tokenises_and_folds_like_python():
    script = (
        "const s = require(process.argv[1]);"
        "const inp = JSON.parse(process.argv[2]);"
        "console.log(JSON.stringify(inp.map(t => { const w = s.words(t);"
        " return [w, w.map(s.fold), w.map(x => s.bucketOf(s.fold(x), 1024))]; })));"
    )
    out = subprocess.run(
        [NODE, "-e", script, str(assets_dir() / "search.js"), json.dumps(SAMPLES)],
        capture_output=True, text=True, check=True,
    ).stdout
    js = json.loads(out)
    py = [[words(t), [fold(w) for w in words(t)], [bucket_of(fold(w), 1024) for w in words(t)]] for t in SAMPLES]
    assert js == py
