"""Reading thousands of articles on every core gives what one loop gives: the same articles, the same problems in
the same order; a child that fails costs time, never results."""
from __future__ import annotations

import os
from datetime import datetime


from generator import articles as articles_mod
from generator import parallel
from generator.archive import FeedItem, read_archive, write_source_archive
from generator.config import load_config


def test_map_chunks_uses_children_and_keeps_order(forkable):
    me = os.getpid()
    got = parallel.map_chunks(lambda c: (os.getpid(), [x * 2 for x in c]), [[1, 2], [3], [4, 5, 6]])
    assert [r[1] for r in got] == [[2, 4], [6], [8, 10, 12]]
    assert got[0][0] == me and all(pid != me for pid, _ in got[1:])


def test_a_failed_child_is_redone_here():
    me = os.getpid()

    def fn(chunk):
        if os.getpid() != me:
            raise RuntimeError("child dies")
        return sum(chunk)

    assert parallel.map_chunks(fn, [[1, 2], [3, 4], [5]]) == [3, 7, 5]


def test_split_keeps_order_and_every_item():
    items = list(range(1001))
    for parts in (1, 2, 3, 5):
        chunks = parallel.split(items, parts=parts)
        assert [x for c in chunks for x in c] == items
        assert len(chunks) == parts


def test_many_articles_same_result_as_one_loop(repo, monkeypatch, forkable):
    cfg_path = repo.write_config()
    n = articles_mod.PARALLEL_MIN + 60
    for i in range(n):
        # folders whose names sort differently as text and part by part ("a-b/" before "a/" as text)
        folder = ("a", "a-b", "a.b", "b")[i % 4]
        body = f"Đoạn {i}." if i % 97 else "![](/khong-co.png)"
        category = "khong-co" if i % 131 == 5 else "chinh-quyen-so"
        path = repo.article(f"{folder}/bai-{i:04d}", f"Bài số {i} về chuyển đổi số", f"2024-03-{1 + i % 28:02d} 08:{i % 60:02d}",
                            category=category, body=body)
        assert path.exists()
    repo.raw("content/bai-viet/a/trung.md", "---\ntitle: Bài số 7 về chuyển đổi số\ndate: 2024-03-02\n"
                                            "category: chinh-quyen-so\n---\nx\n")
    config = load_config(cfg_path)

    forked = articles_mod.load_articles(config)
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    alone = articles_mod.load_articles(config)

    assert forked == alone
    # a child sends each article's summary, not its body: both read the same in this process
    assert [(a.body, a.summary) for a in forked[0]] == [(a.body, a.summary) for a in alone[0]]
    assert {a.summary for a in forked[0]} >= {f"Đoạn {i}." for i in range(1, n) if i % 97 and i % 131 != 5}
    # `chuyentrang check` has no summaries made: asked for later, they and the bodies are read from the files
    unsummed = articles_mod.load_articles_alongside(config, None, summaries=False)[0]
    assert [(a.summary, a.body) for a in unsummed] == [(a.summary, a.body) for a in alone[0]]
    # `load_site` reads the feed archive here while a child reads most of the articles: same articles, and the
    # work done alongside runs once, in this process
    monkeypatch.undo()
    me, ran = os.getpid(), []
    with_archive = articles_mod.load_articles_alongside(config, lambda: ran.append(os.getpid()) or "archive")
    assert with_archive == (*alone, "archive") and ran == [me]
    articles, problems = forked
    assert len(articles) > articles_mod.PARALLEL_MIN
    per_file = [p.path for p in problems if "trùng đường dẫn" not in p.message]  # duplicates come last
    assert per_file == sorted(per_file, key=lambda s: s.split("/"))
    assert any("trùng đường dẫn" in p.message for p in problems)
    assert any("khong-co.png" in p.message for p in problems)


def test_archive_times_read_back_equal(tmp_path):
    def item(i, when):
        t = datetime.fromisoformat(when)
        return FeedItem(id=f"id-{i}", source="bao", source_name="Báo", channel="bao", title=f"Tin {i}", link=None,
                        published=t, published_raw=None, summary="", categories=(), image=None, first_seen=t,
                        last_seen=t)

    times = ["2024-05-06T08:00:00+07:00", "2024-05-06T01:00:00+00:00", "2024-05-06T09:30:00.250000-02:30",
             "2024-05-07T08:00:00+07:00"]
    write_source_archive(tmp_path / "bao.jsonl", [item(i, w) for i, w in enumerate(times)])
    got = sorted(read_archive(tmp_path), key=lambda i: i.id)
    assert [i.published.isoformat() for i in got] == times
    assert [i.published for i in got] == [datetime.fromisoformat(w) for w in times]
    assert sorted(i.published for i in got) == sorted(datetime.fromisoformat(w) for w in times)


def _files(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_search_index_built_beside_mkdocs_is_the_one_built_after_it(repo, tmp_path, monkeypatch):
    import io

    from generator.cli import main

    for i in range(12):
        repo.article(f"bai-{i}", f"Chuyển đổi số bài {i}", f"2024-03-{1 + i:02d} 08:00",
                     body=f"Người dân dùng dịch vụ công trực tuyến lần {i}.\n\n## Mục {i}\n\nThanh toán không dùng tiền mặt.")
    repo.feed_items("bao", "chuyen-trang", [
        {"id": f"tin-{i}", "title": f"Tin chuyển đổi số {i}", "link": f"https://bao.example.vn/{i}.html",
         "published": f"2024-03-{1 + i:02d}T09:00:00+07:00", "summary": f"<p>Tóm tắt <b>tin</b> {i}</p>"}
        for i in range(20)])

    def build(out):
        code = main(["build", "-f", str(repo.config), "--as-of", "2024-03-25", "-d", str(out)],
                    out=io.StringIO(), err=io.StringIO())
        assert code == 0
        return _files(out / "tim-kiem" / "index")

    beside = build(tmp_path / "a")  # in a child process while MkDocs writes the pages, where forking is possible
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    after = build(tmp_path / "b")  # in the build's own process, after the pages
    assert beside == after
    assert "manifest.json" in beside and any(name.startswith("u/") for name in beside)


def test_started_job_works_once_given_its_input_and_does_nothing_when_cancelled(tmp_path, forkable):
    job = parallel.start(lambda text: (tmp_path / "a.txt").write_text(text, encoding="utf-8"))
    job.send("chuyển đổi số")
    assert job.join() and (tmp_path / "a.txt").read_text(encoding="utf-8") == "chuyển đổi số"

    job = parallel.start(lambda text: (tmp_path / "b.txt").write_text(text, encoding="utf-8"))
    job.cancel()
    assert not job.join() and not (tmp_path / "b.txt").exists()


def test_started_job_does_its_first_part_before_its_input_arrives(tmp_path, forkable):
    state = {}
    job = parallel.start(lambda text: (tmp_path / "a.txt").write_text(state["early"] + text, encoding="utf-8"),
                         before=lambda: state.update(early="chuyển đổi "))
    job.send("số")
    assert job.join() and (tmp_path / "a.txt").read_text(encoding="utf-8") == "chuyển đổi số"
    assert state == {}  # the first part ran in the child
