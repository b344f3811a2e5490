"""Vietnamese normalisation, tokenising and folding, in Python and in search.js alike."""

import json
import subprocess
import unicodedata
from pathlib import Path

import pytest
from search_helpers import NODE

from generator.search import assets_dir, fold, words
from generator.search.text import bucket_of, phrases, terms


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
        # an apostrophe between letters stays in the word (the peoples' and places' names), written one way
        ("Người M'Nông ở Đắk R’Lấp, K\u02bcHo", ["người", "m'nông", "ở", "đắk", "r'lấp", "k'ho"]),
        ("the province's 'own' site", ["the", "province's", "own", "site"]),
    ],
)
def test_words(text, expected):
    assert words(text) == expected


@pytest.mark.parametrize(
    "word, key",
    [("chuyển", "chuyen"), ("đổi", "doi"), ("Đắk", "dak"), ("số", "so"), ("sở", "so"), ("ưu", "uu"), ("hòa", "hoa"),
     # Ð (U+00D0) and Ɖ look like Đ: text from old VNI/TCVN3 fonts and Windows-1258 pages types it so
     ("Ðắk", "dak"), ("ÐỒNG", "dong"), ("ðổi", "doi"), ("Ɖồng", "dong"),
     # the apostrophe of M'Nông goes: M'Nông, M’Nông and Mnông are one key
     ("m'nông", "mnong"), ("M’Nông", "mnong"), ("Mnông", "mnong")],
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
    "ÐẮK NÔNG, Ɖồng bào, ðổi mới",
    "Đồng bào M'Nông, M’Nông, Mnông ở Đắk R\u02bcLấp; the province's 'own' site",
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


def _terms_by_runs(text):
    """What ``terms`` must give, the slow way: the words of ``phrases`` and each run's neighbouring pairs, folded."""
    runs = phrases(text)
    return [w for run in runs for w in run], {f"{fold(a)} {fold(b)}" for run in runs for a, b in zip(run, run[1:])}


@pytest.mark.parametrize("text", [
    *SAMPLES,
    "chuyển đổi. Số hoá\nđời  sống",
    "(Chuyển đổi) số: «hỗ trợ» người_dân 42/2022/NĐ-CP – 100%\u00a0thủ\ttục",
    "M'Nông 'trích' a''b x' 'y R’Lấp\nK'Ho",
    "một  hai\u202fba\u2003bốn\r\nnăm , sáu ,bảy",
    "", "  ", "— – ,", "a", "Hoà\u00a0bình",
])
def test_terms_are_the_words_and_phrase_keys_of_phrases(text):
    assert terms(text) == _terms_by_runs(text)


def test_terms_agree_with_phrases_on_real_feed_text():
    """The index's fast tokeniser against the plain one, on every title and summary of the real Vietnamese feeds."""
    import feedparser

    from generator.fetch.text import html_to_text as html_text

    folder = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "feeds" / "vietnamese"
    if not folder.is_dir():
        pytest.skip(f"the shared feed corpus is not beside the repository ({folder})")
    feeds = sorted(p for p in folder.iterdir() if p.suffix in (".xml", ".rss"))
    checked = 0
    for path in feeds:
        for entry in feedparser.parse(path.read_bytes()).entries:
            for text in (entry.get("title", ""), html_text(entry.get("summary", "")), entry.get("summary", "")):
                assert terms(text) == _terms_by_runs(text), (path.name, text[:80])
                checked += 1
    assert checked > 100
