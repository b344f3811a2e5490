"""Reading thousands of articles on every core gives what one loop gives: the same articles, the same problems in
the same order; a worker that fails costs time, never results, and never hangs the build."""
from __future__ import annotations

import os
import pickle
import time
from datetime import datetime

import pytest

from generator.core import articles as articles_mod
from generator.support import parallel
from generator.core.archive import FeedItem, read_archive, write_source_archive
from generator.core.config import load_config
from generator.core.problems import InputError
from generator.core.site import load_site


def _wait_for(path, seconds=30.0):
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, "no worker started"
        time.sleep(0.005)


def test_pool_gives_the_loop_results_in_order_and_workers_share_the_work(tmp_path, forkable):
    me = os.getpid()
    started = tmp_path / "a-worker-took-a-chunk"

    def fn(x):
        if os.getpid() != me:
            started.touch()
        return x * 2, os.getpid()

    pool = parallel.Pool(min_items=1, chunk=3)
    # this process takes its first chunk only once a worker has taken one: the test does not hang on timing
    waited = pool.meanwhile(lambda: _wait_for(started) or os.getpid())
    got = pool(fn, range(101))
    assert [x for x, _ in got] == [x * 2 for x in range(101)]
    assert waited.result() == me
    assert any(pid != me for _, pid in got)


def test_few_items_or_no_fork_run_the_plain_loop_here(monkeypatch):
    me = os.getpid()
    assert parallel.Pool(min_items=10)(lambda x: os.getpid(), range(9)) == [me] * 9
    monkeypatch.setattr(parallel, "can_fork", lambda: False)
    assert parallel.Pool(min_items=1)(lambda x: os.getpid(), range(50)) == [me] * 50


@pytest.mark.parametrize("how", ["raises", "crashes"])
def test_a_failed_worker_leaves_its_chunks_to_this_process(tmp_path, how, forkable):
    me = os.getpid()
    took = tmp_path / "a-worker-took-a-chunk"

    def fn(x):
        if os.getpid() != me:
            took.touch()
            if how == "raises":
                raise RuntimeError("worker fails")
            os._exit(3)  # killed mid-chunk: nothing sent
        return x + 1

    pool = parallel.Pool(min_items=1, chunk=2)
    pool.meanwhile(lambda: _wait_for(took))  # a worker has taken (and lost) a chunk before this process takes any
    assert pool(fn, range(200)) == list(range(1, 201))


def test_an_error_is_raised_here_as_the_loop_raises_it(forkable):
    def fn(x):
        if x == 150:
            raise ValueError("bad item 150")
        return x

    with pytest.raises(ValueError, match="bad item 150"):
        parallel.Pool(min_items=1, chunk=4)(fn, range(300))


def test_concurrently_runs_the_second_here_while_workers_run_the_first(tmp_path, forkable):
    me = os.getpid()
    started = tmp_path / "a-worker-took-a-chunk"

    def work(x):
        if os.getpid() != me:
            started.touch()
        return x

    def here():
        _wait_for(started)  # only while the first's map is running in the workers can this end
        return os.getpid()

    got, pid = parallel.concurrently(parallel.Pool(min_items=1, chunk=2), lambda m: m(work, range(80)), here)
    assert got == list(range(80)) and pid == me
    assert parallel.concurrently(parallel.serial_map, lambda m: m(str, [1, 2]), lambda: "here") == (["1", "2"], "here")


def test_an_error_in_the_work_done_meanwhile_is_raised_where_its_result_is_asked(forkable):
    pool = parallel.Pool(min_items=1)
    later = pool.meanwhile(lambda: 1 / 0)
    assert pool(lambda x: x, range(10)) == list(range(10))
    with pytest.raises(ZeroDivisionError):
        later.result()


def _many_articles(repo, n):
    cfg_path = repo.write_config()
    for i in range(n):
        # folders whose names sort differently as text and part by part ("a-b/" before "a/" as text)
        folder = ("a", "a-b", "a.b", "b")[i % 4]
        body = f"Đoạn {i}." if i % 97 else "![](/khong-co.png)"
        category = "khong-co" if i % 131 == 5 else "chinh-quyen-so"
        path = repo.article(f"{folder}/bai-{i:04d}", f"Bài số {i} về chuyển đổi số", f"2024-03-{1 + i % 28:02d} 08:{i % 60:02d}",
                            category=category, body=body)
        assert path.exists()
    return cfg_path


def test_many_articles_same_result_as_one_loop(repo, forkable):
    cfg_path = _many_articles(repo, 460)
    repo.raw("content/bai-viet/a/trung.md", "---\ntitle: Bài số 7 về chuyển đổi số\ndate: 2024-03-02\n"
                                            "category: chinh-quyen-so\n---\nx\n")
    config = load_config(cfg_path)

    pool = parallel.Pool(min_items=1)
    forked = articles_mod.load_articles(config, map=pool, summaries=True)
    alone = articles_mod.load_articles(config)
    assert forked == alone
    # a worker sends each article's summary, not its body: both read the same here
    assert [(a.body, a.summary) for a in forked[0]] == [(a.body, a.summary) for a in alone[0]]
    assert {a.summary for a in forked[0]} >= {f"Đoạn {i}." for i in range(1, 460) if i % 97 and i % 131 != 5}
    # `chuyentrang check` has no summaries made: asked for later, they and the bodies are read from the files
    unsummed = articles_mod.load_articles(config, map=pool)[0]
    assert [(a.summary, a.body) for a in unsummed] == [(a.summary, a.body) for a in alone[0]]
    articles, problems = forked
    per_file = [p.path for p in problems if "trùng đường dẫn" not in p.message]  # duplicates come last
    assert per_file == sorted(per_file, key=lambda s: s.split("/"))
    assert any("trùng đường dẫn" in p.message for p in problems)
    assert any("khong-co.png" in p.message for p in problems)
    # the whole load: the same problems, in the same order, whichever map reads the articles
    found = []
    for m in (parallel.serial_map, pool):
        with pytest.raises(InputError) as exc:
            load_site(config, "2024-03-29", map=m)
        found.append(exc.value.problems)
    assert found[0] == found[1] and len(found[0]) > 3


def test_a_site_loaded_on_every_core_is_the_one_loaded_in_one_loop(repo, forkable):
    _many_articles(repo, 300)
    for f in repo.root.joinpath("content").rglob("*.md"):  # only good articles: the site loads
        text = f.read_text(encoding="utf-8")
        if "khong-co" in text:
            f.unlink()
    repo.feed_items("bao", "chuyen-trang", [
        {"id": f"tin-{i}", "title": f"Tin {i}", "link": f"https://bao.example.vn/{i}.html",
         "published": f"2024-03-{1 + i % 28:02d}T09:00:00+07:00", "summary": f"<p>Tóm tắt {i}</p>"} for i in range(50)])
    serial = load_site(repo.config, "2024-03-29")
    pooled = load_site(repo.config, "2024-03-29", map=parallel.Pool(min_items=1))
    assert pooled.articles == serial.articles and pooled.feed_items == serial.feed_items
    assert pooled.entries == serial.entries and pooled.report == serial.report
    assert [a.summary for a in pooled.articles] == [a.summary for a in serial.articles]


def test_a_pickled_article_carries_its_summary_not_its_body(repo):
    repo.write_config()
    repo.article("bai", "Bài về chuyển đổi số", "2024-03-02 08:00", body="Đoạn đầu.\n\nĐoạn sau dài hơn.")
    [article], _ = articles_mod.load_articles(load_config(repo.config), summaries=True)
    data = pickle.dumps(article, protocol=pickle.HIGHEST_PROTOCOL)
    assert "Đoạn sau".encode() not in data
    back = pickle.loads(data)
    assert back == article and back.summary == "Đoạn đầu." and back.body == article.body


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

    from generator.cli.main import main

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


def test_a_value_made_elsewhere_is_made_by_a_child_and_is_the_value_made_here(forkable):
    made = parallel.Elsewhere(lambda: (os.getpid(), "chuyển đổi số" * 1000))
    pid, value = made.result()
    assert pid != os.getpid() and value == "chuyển đổi số" * 1000
    assert made.result() == (pid, value)  # asked again: the same value, the child long gone


def test_a_value_the_child_could_not_make_is_made_here_and_its_error_raised_here(capfd, forkable):
    parent = os.getpid()

    def work():
        if os.getpid() != parent:
            raise RuntimeError("hỏng trong tiến trình con")
        return "làm ở đây"

    assert parallel.Elsewhere(work).result() == "làm ở đây"
    assert "hỏng" not in "".join(capfd.readouterr())  # the child failed silently: its work was done here

    def fails_everywhere():
        raise ValueError("số liệu sai")

    with pytest.raises(ValueError, match="số liệu sai"):
        parallel.Elsewhere(fails_everywhere).result()
    assert "Traceback" not in "".join(capfd.readouterr())  # only the error raised here, once


def test_a_cancelled_value_is_never_made_and_its_child_is_stopped(tmp_path, forkable):
    # cancel() waits for the child: had it not been stopped, it would have written the file by then
    made = parallel.Elsewhere(lambda: time.sleep(30) or (tmp_path / "made").write_text("x"))
    made.cancel()
    assert not (tmp_path / "made").exists()
