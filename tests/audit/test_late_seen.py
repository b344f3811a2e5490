"""Feed items first seen long after their stated date, while an earlier fetch of that source succeeded without
them: flagged "xuất hiện muộn", listed, not counted by default."""
from __future__ import annotations

from datetime import timedelta

from generator.core.fetchstate import SourceState, save_state
from generator.core.integrity import late_seen
from generator.core.archive import read_source_archive
from generator.render import render_site
from generator.core.site import load_site
from generator.core import timeutil

CHANNELS = """\
        - id: chuyen-trang
          name: Chuyên trang
          target: {per: week, min: 1, mode: every, window: 2}
          since: 2024-04-29
        - id: bao
          name: Báo tỉnh
          target: {per: week, min: 1, mode: every, window: 2}
          since: 2024-04-29
"""


def archive(repo, source, rows):
    """``rows``: (published, first_seen, last_seen) of each item of the channel ``bao``."""
    return repo.feed_items(source, "bao", [
        {"link": f"https://bao.example.test/{n}", "published": published, "first_seen": first_seen,
         "last_seen": last_seen} for n, (published, first_seen, last_seen) in enumerate(rows)], source_name="Báo tỉnh")


def test_item_that_appeared_after_a_successful_fetch_is_flagged(repo):
    repo.write_config(channels=CHANNELS)
    repo.article("a", "Bài", "2024-05-14 08:00")
    repo.article("b", "Bài 2", "2024-05-08 08:00")
    archive(repo, "bao-tinh", [
        # the first fetch (06/05) saw item 0; a fetch on 10/05 saw it again
        ("2024-05-06T07:00:00+07:00", "2024-05-06T09:00:00+07:00", "2024-05-10T09:00:00+07:00"),
        # dated 07/05 but first seen 14/05, although the 10/05 fetch succeeded without it: late
        ("2024-05-07T07:00:00+07:00", "2024-05-14T09:00:00+07:00", "2024-05-14T09:00:00+07:00"),
        # dated 13/05, seen 14/05: the normal lag
        ("2024-05-13T07:00:00+07:00", "2024-05-14T09:00:00+07:00", "2024-05-14T09:00:00+07:00"),
    ])
    site = load_site(repo.config, "2024-05-21")
    flagged = {e.id: e for e in site.entries if e.flags}
    assert list(flagged) == ["bao-tinh-1"]
    assert flagged["bao-tinh-1"].flags == ("late-seen",) and not flagged["bao-tinh-1"].counts
    ch = site.report.channel("bao")
    assert ch.period("2024-W19").count == 1 and len(ch.period("2024-W19").items) == 2
    log = {p.url: p for p in render_site(site).pages}["nhat-ky-tan-suat/"].html
    assert "xuất hiện muộn" in log
    assert "lần lấy tin lúc 10/05/2024 09:00 thành công mà chưa có tin này" in log


def test_the_first_fetch_of_a_new_source_flags_nothing(repo):
    repo.write_config(channels=CHANNELS)
    archive(repo, "bao-tinh", [
        ("2024-04-01T07:00:00+07:00", "2024-05-14T09:00:00+07:00", "2024-05-14T09:00:00+07:00"),
        ("2024-05-07T07:00:00+07:00", "2024-05-14T09:00:00+07:00", "2024-05-14T09:00:00+07:00"),
    ])
    assert not any(e.flags for e in load_site(repo.config, "2024-05-21").entries)


def test_no_known_fetch_between_date_and_first_sight_means_not_late(repo):
    # weekly fetches: an item of Tuesday first seen the next Monday is not late: no fetch ran in between
    repo.write_config(channels=CHANNELS)
    path = archive(repo, "bao-tinh", [
        ("2024-05-06T07:00:00+07:00", "2024-05-06T09:00:00+07:00", "2024-05-13T09:00:00+07:00"),
        ("2024-05-07T07:00:00+07:00", "2024-05-13T09:00:00+07:00", "2024-05-13T09:00:00+07:00"),
    ])
    items = read_source_archive(path)
    fetches = sorted({i.first_seen for i in items} | {i.last_seen for i in items})
    assert late_seen(items[1], fetches, timedelta(days=2)) is None
    assert not any(e.flags for e in load_site(repo.config, "2024-05-21").entries)


def test_the_fetchers_last_success_counts_as_a_fetch_and_shows_as_source_health(repo):
    repo.write_config(channels=CHANNELS)
    archive(repo, "bao-tinh", [
        ("2024-05-06T07:00:00+07:00", "2024-05-06T09:00:00+07:00", "2024-05-06T09:00:00+07:00"),
        ("2024-05-07T07:00:00+07:00", "2024-05-16T09:00:00+07:00", "2024-05-16T09:00:00+07:00"),
    ])
    tz = timeutil.zone("Asia/Ho_Chi_Minh")
    save_state(repo.root / "feeds", {"bao-tinh": SourceState(
        url="https://bao.example.test/rss", last_success=timeutil.parse_datetime("2024-05-12 09:00", tz),
        last_attempt=timeutil.parse_datetime("2024-05-20 09:00", tz), last_error="máy chủ trả lỗi 503",
        last_error_at=timeutil.parse_datetime("2024-05-20 09:00", tz), consecutive_failures=3)})
    site = load_site(repo.config, "2024-05-21")
    assert [e.id for e in site.entries if e.flags] == ["bao-tinh-1"]
    log = {p.url: p for p in render_site(site).pages}["nhat-ky-tan-suat/"].html
    assert "lỗi 3 lần liên tiếp" in log and "máy chủ trả lỗi 503" in log
