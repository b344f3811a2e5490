"""The built index answers Vietnamese queries through the real search.js (run in Node), ranked as a reader expects."""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from vi_search_cases import CASES, judge
from search_helpers import NODE, case_docs, run_queries

from generator.search import SearchDoc, assets_dir, build_search_index, search_page_html
from generator.search.index import decode_ids, encode_ids

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def answers(case_index):
    return run_queries(case_index, [c["query"] for c in CASES])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_vietnamese_query_finds_and_ranks(case, answers):
    ranked = [r["url"] for r in answers[case["query"]]["results"]]
    assert judge(case, ranked) == []


def test_exact_diacritics_rank_above_folded_matches(answers):
    results = answers["số"]["results"]
    exact = [r["exactTerms"] for r in results]
    assert exact == sorted(exact, reverse=True)
    assert exact[0] == 1 and exact[-1] == 0
    # The folded-only article has more matching words ("sở", "sổ" x5) and still comes after the exact one.
    assert [r["url"] for r in results].index("bai-viet/so-nong-nghiep/") > 0


def test_query_without_diacritics_prefers_the_phrase(answers):
    urls = [r["url"] for r in answers["chuyen doi so"]["results"]]
    assert set(urls[:2]) == {"bai-viet/chuyen-doi-so-dak-nong/", "bai-viet/tin-khong-dau/"}
    assert urls[2:] == ["bai-viet/so-nong-nghiep/"]  # words scattered ("chuyến", "đổi", "sổ"): last


def test_results_carry_metadata(answers):
    top = answers["đồng bào"]["results"][0]
    assert top["title"] == "Đồng bào dân tộc thiểu số dùng điện thoại thông minh"
    assert top["kind"] == "Bài viết" and top["date"].endswith("/11/2026")
    assert top["excerpt"].startswith("Đồng bào được hướng dẫn")


def test_a_word_not_in_the_site_finds_nothing(case_index):
    a = run_queries(case_index, ["chuyển đổi xanh", "   ", "!!!"])
    assert a["chuyển đổi xanh"]["total"] == 0
    assert a["   "]["total"] == 0 and a["   "]["fetched"] == []
    assert a["!!!"]["total"] == 0


def test_first_search_fetches_only_what_the_query_needs(case_index):
    a = run_queries(case_index, ["chuyển đổi số"], limit=10)["chuyển đổi số"]
    fetched = a["fetched"]
    assert fetched[0] == "manifest.json"
    assert len([f for f in fetched if f.startswith("u/")]) <= 3  # one shard per word
    assert len([f for f in fetched if f.startswith("b/")]) <= 2  # one per pair of neighbouring words
    assert len(fetched) == len(set(fetched))


def test_rebuild_replaces_the_index_and_leaves_other_files(tmp_path):
    (tmp_path / "keep.txt").write_text("x")
    build_search_index(case_docs(), tmp_path)
    build_search_index([SearchDoc("bai-viet/x/", "Chỉ một bài", "nội dung")], tmp_path)
    assert (tmp_path / "keep.txt").read_text() == "x"
    a = run_queries(tmp_path, ["chuyển đổi số", "nội dung"])
    assert a["chuyển đổi số"]["total"] == 0
    assert [r["url"] for r in a["nội dung"]["results"]] == ["bai-viet/x/"]
    assert json.loads((tmp_path / "manifest.json").read_text())["docs"] == 1


@pytest.mark.parametrize("seed", range(5))
def test_doc_id_encoding_round_trips(seed):
    rng = random.Random(seed)
    for density in (0.001, 0.05, 0.5, 1.0):
        ids = sorted({i for i in range(rng.randint(1, 5000)) if rng.random() < density})
        assert decode_ids(encode_ids(ids)) == ids


def test_search_page_is_accessible_markup():
    html = search_page_html(index_url="chi-muc/", site_root="../")
    assert '<label for="ct-search-q">Từ cần tìm</label>' in html  # "Tìm kiếm" once: the page's heading
    assert 'id="ct-search-q" type="search"' in html
    assert 'aria-live="polite"' in html
    assert 'data-search-index="chi-muc/"' in html
    assert "cần JavaScript" in html  # what a reader without JavaScript is told
    assert {p.name for p in assets_dir().iterdir()} >= {"search.js", "search.css"}


def test_client_is_small():
    assert (assets_dir() / "search.js").stat().st_size < 16_000
    assert len(gzip.compress((assets_dir() / "search.js").read_bytes())) < 10_000


def test_first_search_at_10000_articles_downloads_under_300_kb(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    import vi_corpus

    docs = [SearchDoc(f"bai-viet/{i}/", t, body, "01/01/2026", "Bài viết")
            for i, (t, body) in enumerate(vi_corpus.articles(10_000))]
    stats = build_search_index(docs, tmp_path)
    assert stats["docs"] == 10_000
    a = run_queries(tmp_path, ["chuyển đổi số"], limit=10)["chuyển đổi số"]
    assert a["total"] > 1000 and len(a["results"]) == 10
    raw = (assets_dir() / "search.js").stat().st_size + sum((tmp_path / f).stat().st_size for f in a["fetched"])
    assert raw < 300_000  # even from a server that does not compress JSON


@pytest.mark.parametrize("seed", [0, 1])
def test_docs_added_in_any_order_give_the_same_index(tmp_path, seed):
    from generator.search import IndexBuilder

    docs = case_docs()
    build_search_index(docs, tmp_path / "in-order")
    ids = list(range(len(docs)))
    random.Random(seed).shuffle(ids)
    builder = IndexBuilder()
    for i in ids:
        builder.add(i, docs[i])
    builder.write(tmp_path / "shuffled")
    files = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
    assert files(tmp_path / "shuffled") == files(tmp_path / "in-order")
    with pytest.raises(ValueError):
        _missing_doc(docs, tmp_path)


def _missing_doc(docs, tmp_path):
    from generator.search import IndexBuilder

    builder = IndexBuilder()
    for i, doc in enumerate(docs[1:], start=1):
        builder.add(i, doc)
    builder.write(tmp_path / "missing")  # doc 0 never given


def test_the_last_word_being_typed_matches_the_words_it_begins(case_index):
    typing = run_queries(case_index, ["chuyen doi s", "chuyển đổi s", "dak n", "chuyen doi xyz"], prefix=True)
    whole = run_queries(case_index, ["chuyen doi so", "chuyen doi s"])
    found = {r["url"] for r in typing["chuyen doi s"]["results"]}
    assert found >= {r["url"] for r in whole["chuyen doi so"]["results"]} and found
    assert {r["url"] for r in typing["chuyển đổi s"]["results"]} == found
    assert "bai-viet/chuyen-doi-so-dak-nong/" in {r["url"] for r in typing["dak n"]["results"]}
    assert typing["chuyen doi xyz"]["total"] == 0
    assert whole["chuyen doi s"]["total"] == 0  # a finished query ("s" then a space, or Enter on it): whole words
    # the completions cost one small file and the shards of a few words
    assert len([f for f in typing["chuyen doi s"]["fetched"] if f.startswith("p/")]) == 1


def test_a_whole_word_ranks_above_words_it_only_begins(tmp_path):
    build_search_index([SearchDoc("a/", "Sổ tay", "sổ tay người dân"), SearchDoc("b/", "Số hóa", "số hóa dữ liệu"),
                        SearchDoc("c/", "Sóng", "sóng di động")], tmp_path)
    urls = [r["url"] for r in run_queries(tmp_path, ["so"], prefix=True)["so"]["results"]]
    assert set(urls[:2]) == {"a/", "b/"} and urls[2:] == ["c/"]


# Typed with the Telex or VNI keys while no Vietnamese keyboard was on (a borrowed computer, a phone's English
# keyboard): what the search suggests when the query finds nothing.
KEYS_TYPED = {
    "chuyeenr ddooir soos": "chuyen doi so",  # Telex, tone key after the syllable
    "ddoofng baof": "dong bao",  # Telex, tone key before the final consonant
    "thuyr lowij": "thuy loi",  # ơ from "ow", the tone after it
    "nhwngx": "nhung",  # ư from a "w" alone
    "chuye6n3 d9o6i3 so61": "chuyen doi so",  # VNI
    "Chuyển ddooir số": "chuyển doi số",  # only the word typed with keys changes
}


def test_a_query_typed_with_telex_or_vni_keys_is_offered_without_them(case_index):
    script = ("const s = require(process.argv[1]);"
              "console.log(JSON.stringify(JSON.parse(process.argv[2]).map(s.plainFromKeys)));")
    queries = [*KEYS_TYPED, "chuyển đổi số", "chuyen doi so", "VNeID 4G", "xyzzy"]
    out = subprocess.run([NODE, "-e", script, str(assets_dir() / "search.js"), json.dumps(queries)],
                         capture_output=True, text=True, check=True).stdout
    plain = dict(zip(queries, json.loads(out)))
    assert {q: plain[q] for q in KEYS_TYPED} == KEYS_TYPED
    assert [plain[q] for q in queries[len(KEYS_TYPED):]] == ["", "", "", ""]  # nothing typed with keys: no offer
    answers = run_queries(case_index, ["chuyeenr ddooir soos", "chuyen doi so"])
    assert answers["chuyeenr ddooir soos"]["total"] == 0  # as typed it finds nothing: hence the offer
    assert "bai-viet/chuyen-doi-so-dak-nong/" in {r["url"] for r in answers["chuyen doi so"]["results"]}


def test_an_english_possessive_is_no_stray_word_while_typing(tmp_path):
    """Typing "chuyen doi s": an English page saying "the province's" held a whole word "s" and came first, above
    every article on "chuyển đổi số"."""
    build_search_index([SearchDoc("trang/contact/", "About us", "Chuyên trang Chuyển đổi số: the province's site"),
                        SearchDoc("bai-viet/a/", "Chuyển đổi số ở xã", "Xã đẩy mạnh chuyển đổi số.")], tmp_path)
    urls = [r["url"] for r in run_queries(tmp_path, ["chuyen doi s"], prefix=True)["chuyen doi s"]["results"]]
    assert urls[0] == "bai-viet/a/"
