"""Vietnamese search on the built demo, typed into /tim-kiem/ in Chromium.

The expected answers come from the demo's own sources (Markdown articles and the feed archive), folded here with a
few lines independent of the generator: a query must find every published item holding its words, however the
query is typed, and items holding the exact accented word must come before items that only match without accents.
"""
from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import yaml

from browser_demo import HOA_ARTICLE, OUTSIDE_CAMPAIGN, REPO

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
AS_OF = datetime.fromisoformat(OUTSIDE_CAMPAIGN + "T23:59:59").replace(tzinfo=TZ)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", unicodedata.normalize("NFC", text).lower()))


def _fold(word: str) -> str:
    stripped = "".join(ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).replace("đ", "d")


def _strip_html(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html or "")


def _article(text: str):
    _, fm, body = text.split("---\n", 2)
    meta = yaml.safe_load(fm)
    body = re.sub(r"!\[[^\]]*\]\([^)]*\)", " ", body)  # image alt text is not page text
    return meta, body


@pytest.fixture(scope="module")
def corpus() -> dict[str, set[str]]:
    """title -> words, for every item the demo publishes at its as-of time (articles and feed items)."""
    docs: dict[str, set[str]] = {}
    sources = [p.read_text(encoding="utf-8") for p in (REPO / "content").rglob("*.md")] + [HOA_ARTICLE]
    for text in sources:
        if not text.startswith("---\n"):
            continue
        meta, body = _article(text)
        if not isinstance(meta, dict) or "title" not in meta or "date" not in meta or meta.get("draft"):
            continue  # a plain page (content/trang/) has no date: these cases are about articles and feed items
        when = meta["date"]
        when = when if isinstance(when, datetime) else datetime.fromisoformat(str(when))
        if (when if when.tzinfo else when.replace(tzinfo=TZ)) > AS_OF:
            continue
        docs[str(meta["title"])] = _words(str(meta["title"]) + " " + body)
    for archive in (REPO / "feeds" / "archive").glob("*.jsonl"):
        for line in archive.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item["published"] and datetime.fromisoformat(item["published"]) > AS_OF:
                continue
            docs[item["title"]] = _words(item["title"] + " " + _strip_html(item["summary"]))
    return docs


def expected(corpus, query: str) -> set[str]:
    keys = {_fold(w) for w in _words(query)}
    return {t for t, ws in corpus.items() if keys <= {_fold(w) for w in ws}}


def search(page, base_url: str, query: str) -> list[str]:
    """Type ``query`` into the search page, submit, show every result; their titles, best first."""
    page.goto(base_url + "tim-kiem/")
    page.fill("#ct-search-q", query)
    page.press("#ct-search-q", "Enter")
    status = page.locator("[data-search-status]")
    status.filter(has_text=re.compile("Tìm thấy|Không tìm thấy")).wait_for(timeout=15000)
    if "Tìm thấy" in status.inner_text():
        page.locator("[data-search-results] li").first.wait_for(timeout=15000)
    more = page.locator("[data-search-more]")
    for _ in range(50):
        if not more.is_visible():
            break
        before = page.locator("[data-search-results] li").count()
        more.click()
        page.wait_for_function(f"document.querySelectorAll('[data-search-results] li').length > {before}")
    titles = page.locator("[data-search-results] li h2").all_inner_texts()
    match = re.search(r"Tìm thấy ([\d.]+)", status.inner_text())
    assert match is None or int(match.group(1).replace(".", "")) == len(titles)
    return [unicodedata.normalize("NFC", t.strip()) for t in titles]


@pytest.mark.parametrize("query", ["số", "chuyển đổi số", "chuyen doi so", "dịch vụ công", "dat dai"])
def test_query_finds_every_item_holding_its_words(page, base_url, corpus, query):
    want = expected(corpus, query)
    assert want, f"the demo should hold items for {query!r}"
    got = search(page, base_url, query)
    missing = want - set(got)
    assert not missing, f"{query!r} missed: {sorted(missing)[:5]}"


def test_with_and_without_diacritics_find_the_same_items(page, base_url):
    accented = search(page, base_url, "chuyển đổi số")
    plain = search(page, base_url, "chuyen doi so")
    assert len(accented) > 5
    assert set(accented) == set(plain)


def test_decomposed_unicode_query_is_the_same_query(page, base_url):
    nfc = search(page, base_url, "chuyển đổi số")
    nfd = unicodedata.normalize("NFD", "chuyển đổi số")
    assert nfd != "chuyển đổi số"
    assert search(page, base_url, nfd) == nfc


def test_old_and_new_tone_placement(page, base_url):
    title = "Người cao tuổi hoà nhập cuộc sống số cùng con cháu"
    old_style = search(page, base_url, "hoà nhập")
    new_style = search(page, base_url, "hòa nhập")
    assert title in old_style
    assert set(old_style) == set(new_style)


@pytest.mark.parametrize("query", ["đất", "dat"])
def test_word_starting_with_d_stroke(page, base_url, corpus, query):
    with_stroke = {t for t, ws in corpus.items() if "đất" in ws}
    assert with_stroke
    got = set(search(page, base_url, query))
    assert with_stroke <= got


@pytest.mark.parametrize("query", ["sở", "số"])
def test_exact_diacritics_rank_above_folded_matches(page, base_url, corpus, query):
    got = search(page, base_url, query)
    exact = [t in corpus and query in corpus[t] for t in got if t in corpus]
    assert True in exact and False in exact, "the demo should hold both exact and folded-only matches"
    first_folded = exact.index(False)
    assert all(not e for e in exact[first_folded:]), (
        f"a folded-only match ranks above an exact one for {query!r}: {got[:15]}")


def test_no_result_message(page, base_url):
    page.goto(base_url + "tim-kiem/?q=" + "xyzzyqwv")
    page.locator("[data-search-status]").filter(has_text="Không tìm thấy").wait_for(timeout=15000)
    assert page.locator("[data-search-results] li").count() == 0


def test_a_query_typed_with_telex_keys_is_offered_without_them(page, base_url):
    """No Vietnamese keyboard on: "chuyeenr ddooir soos" finds nothing as typed; the page offers "chuyen doi so",
    and following the offer finds the articles."""
    page.goto(base_url + "tim-kiem/?q=" + "chuyeenr%20ddooir%20soos")
    page.locator("[data-search-status]").filter(has_text="Không tìm thấy").wait_for(timeout=15000)
    offer = page.locator("[data-search-suggest] a").first
    offer.wait_for(timeout=15000)
    assert offer.inner_text() == "chuyen doi so"
    offer.click()
    page.locator("[data-search-results] li").first.wait_for(timeout=15000)  # shown once their titles are loaded
    assert "Tìm thấy" in page.inner_text("[data-search-status]")
    assert page.input_value("#ct-search-q") == "chuyen doi so"


def test_more_results_moves_the_focus_to_the_first_new_one(page, base_url):
    """A keyboard or screen reader user presses "Xem thêm kết quả": the focus goes to the first result added, not left
    on the button below them (or lost to the page when the button goes, at the last page of results)."""
    page.goto(base_url + "tim-kiem/?q=" + "chuy%E1%BB%83n%20%C4%91%E1%BB%95i%20s%E1%BB%91")
    results = page.locator("[data-search-results] li")
    results.first.wait_for(timeout=15000)
    assert results.count() == 10
    page.focus("[data-search-more]")
    page.keyboard.press("Enter")
    page.wait_for_function("document.querySelectorAll('[data-search-results] li').length > 10")
    page.wait_for_function("!!document.activeElement.closest('[data-search-results]')")
    focused = page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == results.nth(10).locator("a").get_attribute("href")
