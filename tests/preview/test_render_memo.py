"""The preview's memo of the generated pages (generator/render/memo.py): after each save, ``render_site`` with the
memo gives the same pages and files as ``render_site`` from nothing, and renders again only the pages whose inputs
changed."""
from __future__ import annotations

import pytest

from generator.preview.sources import Sources
from generator.render import render_site
from generator.render.memo import Later, PageOf, RenderMemo
from generator.render import urls

AS_OF = "2024-05-24T12:00"


@pytest.fixture(autouse=True)
def _same_build_time(monkeypatch):
    # both renders stamp the same build time on the log pages, as reproducible builds do
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1716500000")


def _site(repo):
    for n, day in enumerate(["2024-04-02", "2024-04-09", "2024-04-16", "2024-04-23", "2024-05-07", "2024-05-14",
                             "2024-05-21"]):
        repo.article(f"bai-{n}", f"Bài số {n}", f"{day} 08:00", category=["chinh-quyen-so", "kinh-te-so"][n % 2],
                     body=f"Đoạn mở đầu của bài {n}.\n\nĐoạn sau.", tags=f"[the-{n % 3}, chung]")
    return Sources(repo.config, AS_OF)


def _pages(rendered):
    return {p.url: (p.title, p.html, p.description) for p in rendered.pages}


def _files(rendered):
    """The files, a download left for later made now (as the preview makes it when asked for)."""
    return {f.path: f.content.bytes() if isinstance(f.content, Later) else f.content for f in rendered.files}


SAVES = [
    ("body", lambda repo: repo.article("bai-4", "Bài số 4", "2024-05-07 08:00", category="chinh-quyen-so",
                                       body="Đoạn mở đầu đã viết lại.\n\nĐoạn sau.", tags="[the-1, chung]")),
    ("title", lambda repo: repo.article("bai-5", "Bài số năm, tiêu đề mới", "2024-05-14 08:00", category="kinh-te-so",
                                        body="Đoạn mở đầu của bài 5.\n\nĐoạn sau.", tags="[the-2, chung]")),
    ("new", lambda repo: repo.article("bai-moi", "Bài mới", "2024-05-22 09:00", body="Bài mới viết.", tags="[chung]")),
    ("category", lambda repo: repo.article("bai-2", "Bài số 2", "2024-04-16 08:00", category="kinh-te-so",
                                           body="Đoạn mở đầu của bài 2.\n\nĐoạn sau.", tags="[the-2, chung]")),
    ("draft", lambda repo: repo.article("bai-6", "Bài số 6", "2024-05-21 08:00", body="Đoạn mở đầu của bài 6.",
                                        tags="[the-0, chung]", draft="true")),
    ("gone", lambda repo: (repo.root / "content" / "bai-viet" / "bai-1.md").unlink()),
]


def test_memo_renders_what_a_fresh_render_does_and_only_the_changed_pages(repo):
    sources = _site(repo)
    memo = RenderMemo()
    site, _ = sources.load()
    first = render_site(site, memo=memo)
    assert memo.kept == 0 and memo.rendered == len(first.pages) - 1  # all but the search page (not a template)
    for what, save in SAVES:
        save(repo)
        site, _ = sources.load()
        with_memo, fresh = render_site(site, memo=memo), render_site(site)
        assert _pages(with_memo) == _pages(fresh), what
        assert _files(with_memo) == _files(fresh), what
        assert any(isinstance(f.content, Later) for f in with_memo.files)  # the whole report's files: when asked for
        # the pages that do not show the article were kept: the news, the weeks before April's last
        assert "tin-bao-dai/" not in memo.made, (what, memo.made)
        assert not {urls.week("2024-W14"), urls.week("2024-W15")} & set(memo.made) or what in ("category", "gone"), \
            (what, memo.made)
        assert memo.kept > 0, what


def test_a_new_first_paragraph_reaches_the_listings(repo):
    """An article's ``==`` leaves out its body; its summary (the first paragraph) is on the cards all the same."""
    sources = _site(repo)
    memo = RenderMemo()
    render_site(sources.load()[0], memo=memo)
    SAVES[0][1](repo)
    pages = _pages(render_site(sources.load()[0], memo=memo))
    for url in (urls.category("chinh-quyen-so"), urls.month("2024-05"), urls.tag("chung"), urls.week("2024-W19")):
        assert "Đoạn mở đầu đã viết lại." in pages[url][1], url
        assert "Đoạn mở đầu của bài 4." not in pages[url][1], url


def test_unchanged_site_renders_nothing_again(repo):
    sources = _site(repo)
    memo = RenderMemo()
    site, _ = sources.load()
    render_site(site, memo=memo)
    again = render_site(sources.load()[0], memo=memo)
    assert memo.rendered == 0 and memo.kept == len(again.pages) - 1


def test_pager_addresses_compare_by_value():
    assert PageOf(urls.category, ("kinh-te-so",)) == PageOf(urls.category, ("kinh-te-so",))
    assert PageOf(urls.category, ("kinh-te-so",)) != PageOf(urls.category, ("xa-hoi-so",))
    assert PageOf(urls.tag, ("chung",))(2) == urls.tag("chung", 2)


def test_pictures_made_once_while_their_file_is_unchanged(repo, monkeypatch):
    from PIL import Image

    from generator.render import pictures

    (repo.root / "content" / "assets").mkdir(parents=True)
    Image.new("RGB", (800, 500), (20, 90, 160)).save(repo.root / "content" / "assets" / "anh.jpg")
    sources = _site(repo)
    repo.article("bai-anh", "Bài có ảnh", "2024-05-20 08:00", body="Có ảnh.", image="/assets/anh.jpg")
    made = []
    real = pictures._make
    monkeypatch.setattr(pictures, "_make", lambda *a: made.append(a[0]) or real(*a))
    memo = RenderMemo()
    first = render_site(sources.load()[0], memo=memo)
    SAVES[1][1](repo)  # a title changes: the listings are planned again
    site = sources.load()[0]
    again = render_site(site, memo=memo)
    assert made == ["/assets/anh.jpg"]  # not made again
    assert _files(again) == _files(render_site(site)) and _pages(again) == _pages(render_site(site))
    assert any(f.path.endswith("-chia-se.jpg") for f in first.files)


def test_a_date_moved_to_another_week_remakes_both_weeks_and_only_the_reports_holding_them(repo):
    """The save judges again only the periods the article left and joined (``core.rejudge``); the weeks' pages, the
    log and the formal reports of both months are made again, as a fresh render makes them, and a formal report of
    a month the article is in neither before nor after is kept."""
    from generator.reports.handover import formal as formal_mod

    sources = _site(repo)
    memo = RenderMemo()
    render_site(sources.load()[0], memo=memo)
    repo.article("bai-1", "Bài số 1", "2024-05-16 08:00", category="kinh-te-so",  # was 2024-04-09: W15 -> W20
                 body="Đoạn mở đầu của bài 1.\n\nĐoạn sau.", tags="[the-1, chung]")
    site = sources.load()[0]
    assert 0 < sources.rejudge.judged < sum(len(c.periods) for c in site.report.channels)
    with_memo, fresh = render_site(site, memo=memo), render_site(site)
    assert _pages(with_memo) == _pages(fresh) and _files(with_memo) == _files(fresh)
    week_15, week_20 = urls.week("2024-W15"), urls.week("2024-W20")
    assert {week_15, week_20, urls.LOG} <= set(memo.made), memo.made
    assert "bai-viet/bai-so-1/" not in _pages(with_memo)[week_15][1]
    assert "bai-viet/bai-so-1/" in _pages(with_memo)[week_20][1]
    formal = {p.url for p in with_memo.pages if p.url.startswith(formal_mod.BASE) and p.url != formal_mod.BASE}
    touched = {formal_mod.url_of(pid) for pid in ("2024-04", "2024-05", "2024-Q2")}
    assert touched <= formal and touched <= set(memo.made), memo.made
    untouched = formal - touched
    assert untouched and not untouched & set(memo.made), (untouched, memo.made)
