"""`chuyentrang fetch` end to end against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import io
import json
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from generator.core.archive import read_source_archive
from generator.fetch.http import Limits
from generator.fetch.run import fetch_command
from generator.core.fetchstate import load_state

from .feedserver import Route, rss

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
FAST = Limits(connect_timeout=1.0, read_timeout=0.5, total_timeout=2.0, max_bytes=200_000, retries=2, backoff=0.01)

ITEMS = [
    {"title": "Chuyển đổi số ở Gia Nghĩa", "link": "https://bao.example.vn/a.html", "guid": "bao-1",
     "description": '<p>Đẩy mạnh <b>chuyển đổi số</b></p><img src="/anh/a.jpg">', "pubDate": "Thu, 06 Feb 2025 20:30:48 +0700"},
    {"title": "Hội nghị trực tuyến", "link": "https://bao.example.vn/b.html?utm_source=rss", "guid": "bao-2",
     "description": "Tin thứ hai", "pubDate": "Fri, 07 Feb 2025 01:00:00 GMT"},
    {"title": "Tin không giờ", "link": "https://bao.example.vn/c.html", "guid": "bao-3",
     "description": "Tin thứ ba", "pubDate": "Thứ 7, 08/02/2025 09:15"},
]


def run(site, source_id=None, now=None, limits=FAST):
    out, err = io.StringIO(), io.StringIO()
    code = fetch_command(site.config, source_id, out, err=err, limits=limits, now=now)
    return code, out.getvalue(), err.getvalue()


def test_first_fetch_archives_items_with_local_dates_and_clean_summaries(server, site):
    server.routes["/rss"] = Route(body=rss(ITEMS))
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss")})
    code, out, _ = run(site)
    assert code == 0
    assert "bao-dak-nong: 3 mới, 0 cập nhật, 0 không đổi" in out
    items = {i.id: i for i in read_source_archive(site.archive("bao-dak-nong"))}
    assert set(items) == {"bao-1", "bao-2", "bao-3"}
    assert items["bao-1"].published.isoformat() == "2025-02-06T20:30:48+07:00"
    assert items["bao-2"].published.isoformat() == "2025-02-07T08:00:00+07:00"
    assert items["bao-3"].published.isoformat() == "2025-02-08T09:15:00+07:00"
    assert items["bao-3"].published_raw == "Thứ 7, 08/02/2025 09:15"
    assert items["bao-1"].channel == "bao" and items["bao-1"].source == "bao-dak-nong"
    # relative image resolved against the feed URL, and picked as the lead image
    assert f'src="{server.url("/anh/a.jpg")}"' in items["bao-1"].summary
    assert items["bao-1"].image == server.url("/anh/a.jpg")
    # the file is the documented format: sorted compact JSON lines, NFC text not escaped
    raw = site.archive("bao-dak-nong").read_text(encoding="utf-8")
    assert raw.endswith("\n") and "Chuyển đổi số" in raw
    first = json.loads(raw.splitlines()[0])
    assert list(first) == sorted(first)


def test_archive_only_grows_and_changed_item_keeps_first_seen(server, site):
    server.routes["/rss"] = Route(body=rss(ITEMS))
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss")})
    t1 = datetime(2025, 2, 9, 8, 0, tzinfo=TZ)
    assert run(site, now=t1)[0] == 0
    changed = dict(ITEMS[0], title="Chuyển đổi số ở Gia Nghĩa (cập nhật)")
    new = {"title": "Tin mới", "link": "https://bao.example.vn/d.html", "guid": "bao-4",
           "pubDate": "Sun, 09 Feb 2025 10:00:00 +0700"}
    server.routes["/rss"] = Route(body=rss([changed, ITEMS[1], new]))  # bao-3 left the live feed
    t2 = datetime(2025, 2, 10, 8, 0, tzinfo=TZ)
    code, out, _ = run(site, now=t2)
    assert code == 0
    assert "1 mới, 1 cập nhật, 1 không đổi" in out
    items = {i.id: i for i in read_source_archive(site.archive("bao-dak-nong"))}
    assert set(items) == {"bao-1", "bao-2", "bao-3", "bao-4"}
    assert items["bao-1"].title.endswith("(cập nhật)")
    assert items["bao-1"].first_seen == t1 and items["bao-1"].last_seen == t2
    assert items["bao-3"].last_seen == t1  # gone from the feed, kept as it was
    assert items["bao-4"].first_seen == t2


def test_conditional_get_uses_etag_and_leaves_archive_alone_on_304(server, site):
    server.routes["/rss"] = Route(body=rss(ITEMS), etag='"v1"')
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss")})
    run(site)
    before = site.archive("bao-dak-nong").read_bytes()
    code, out, _ = run(site)
    assert code == 0 and "304" in out
    assert server.hits("/rss")[-1]["headers"].get("if-none-match") == '"v1"'
    assert site.archive("bao-dak-nong").read_bytes() == before
    assert load_state(site.root / "feeds")["bao-dak-nong"].etag == '"v1"'


def test_user_agent_names_the_tool_and_the_site(server, site):
    server.routes["/rss"] = Route(body=rss(ITEMS))
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss")})
    run(site)
    agent = server.hits("/rss")[0]["headers"]["user-agent"]
    assert agent.startswith("chuyentrang/") and "https://cds.example.gov.vn/" in agent


def _redirect_loop(request):
    nxt = "/loop-b" if request.path == "/loop-a" else "/loop-a"
    return 302, {"Location": nxt}, b""


FAILURES = {
    "404": (Route(status=404, body=b"<html>Not found</html>", headers={"Content-Type": "text/html"}), "404"),
    "410": (Route(status=410, body=b"gone"), "410"),
    "500": (Route(status=500, body=b"oops"), "500"),
    "html-200": (Route(body=b"<!DOCTYPE html><html><head><title>L\xe1\xbb\x97i</title></head><body>B\xe1\xba\xa3o tr\xc3\xac</body></html>",
                       headers={"Content-Type": "text/html; charset=utf-8"}), "trang HTML"),
    "empty": (Route(body=b""), "rỗng"),
    "oversized": (Route(body=rss([{"title": "x" * 1000, "guid": str(i)} for i in range(400)])), "vượt giới hạn"),
    "oversized-no-length": (Route(body=b"", handler=lambda r: (200, {"Content-Length": str(10**9),
                                                                       "Content-Type": "application/rss+xml"}, b"<rss>")),
                            "vượt giới hạn"),
    "redirect-loop": (Route(handler=_redirect_loop), "vòng lặp"),
    "slow": (Route(body=rss(ITEMS), delay=1.5), "hết thời gian chờ"),
    "invalid-xml": (Route(body=b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti'), "XML không hợp lệ"),
    "zero-entries": (Route(body=rss([])), "không có mục nào"),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_each_failure_is_reported_per_source_and_leaves_archive_untouched(server, site, case):
    route, fragment = FAILURES[case]
    path = "/loop-a" if case == "redirect-loop" else "/bad"
    server.routes["/good"] = Route(body=rss(ITEMS))
    server.routes["/bad"] = Route(body=rss(ITEMS[:1]))
    site.sources({"id": "hong", "url": server.url(path)}, {"id": "tot", "url": server.url("/good")})
    assert run(site)[0] == 0 if case != "redirect-loop" else True
    server.routes["/bad"] = route
    server.routes["/loop-a"] = server.routes["/loop-b"] = route
    before = site.archive("hong").read_bytes() if site.archive("hong").exists() else None
    code, out, _ = run(site)
    assert code == 0
    bad_line = next(line for line in out.splitlines() if line.startswith("✗ hong:"))
    assert "LỖI" in bad_line and fragment in bad_line, out
    assert "✓ tot:" in out or "= tot:" in out
    after = site.archive("hong").read_bytes() if site.archive("hong").exists() else None
    assert after == before
    state = load_state(site.root / "feeds")["hong"]
    assert state.consecutive_failures == 1 and fragment in state.last_error
    assert "1 lỗi" in out.splitlines()[-1]


def test_5xx_is_retried_then_recovers(server, site):
    calls = []

    def flaky(request):
        calls.append(1)
        if len(calls) < 3:
            return 503, {"Content-Type": "text/plain"}, b"busy"
        return 200, {"Content-Type": "application/rss+xml"}, rss(ITEMS)

    server.routes["/rss"] = Route(handler=flaky)
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss")})
    code, out, _ = run(site)
    assert code == 0 and "3 mới" in out and len(calls) == 3


def test_connection_refused_is_a_per_source_failure(site, closed_port):
    site.sources({"id": "chet", "url": f"http://127.0.0.1:{closed_port}/rss"})
    code, out, _ = run(site)
    assert code == 0
    assert "✗ chet: LỖI: không kết nối được" in out
    # why, in Vietnamese: not the operating system's "[Errno 111] Connection refused"
    assert "máy chủ từ chối kết nối" in out and "Errno" not in out and "refused" not in out


def test_a_server_error_is_said_in_vietnamese_not_with_the_servers_reason_phrase(server, site):
    server.routes["/rss"] = Route(status=503, body=b"down")
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss")})
    code, out, _ = run(site)
    assert code == 0
    assert "✗ bao-dak-nong: LỖI: máy chủ gặp lỗi (503: máy chủ tạm thời không phục vụ)" in out
    assert "Service Unavailable" not in out and "503" in load_state(site.root / "feeds")["bao-dak-nong"].last_error


def test_invalid_xml_with_usable_entries_keeps_them_with_a_warning(server, site):
    body = rss(ITEMS).replace(b"</channel></rss>", b"<item><title>H\xe1\xbb\x8fng & v\xe1\xbb\xa1</title></item>")
    server.routes["/rss"] = Route(body=body)
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss")})
    code, out, _ = run(site)
    assert code == 0
    assert "✓ bao-dak-nong:" in out and "XML không hợp lệ" in out
    ids = {i.id for i in read_source_archive(site.archive("bao-dak-nong"))}
    assert {"bao-1", "bao-2", "bao-3"} <= ids


def test_consecutive_failures_count_up_and_reset(server, site):
    server.routes["/rss"] = Route(status=500)
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss")})
    run(site)
    run(site)
    state = load_state(site.root / "feeds")["bao-dak-nong"]
    assert state.consecutive_failures == 2 and state.last_success is None
    server.routes["/rss"] = Route(body=rss(ITEMS))
    run(site)
    state = load_state(site.root / "feeds")["bao-dak-nong"]
    assert state.consecutive_failures == 0 and state.last_success is not None
    assert state.last_error is not None  # history kept for auditors


def test_keywords_filter_accent_insensitively(server, site):
    server.routes["/rss"] = Route(body=rss(ITEMS + [
        {"title": "Giá cà phê hôm nay", "guid": "bao-9", "link": "https://bao.example.vn/z.html",
         "category": ["Kinh tế"]},
        {"title": "Tin tổng hợp", "guid": "bao-10", "link": "https://bao.example.vn/y.html",
         "category": ["CHUYỂN ĐỔI SỐ"]},
    ]))
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss"), "keywords": ["chuyen doi so"]})
    code, out, _ = run(site)
    ids = {i.id for i in read_source_archive(site.archive("bao-dak-nong"))}
    assert ids == {"bao-1", "bao-10"}
    assert "3 không khớp từ khoá" in out


def test_same_item_from_two_sources_of_one_channel_is_kept_once(server, site):
    server.routes["/a"] = Route(body=rss(ITEMS[:2]))
    other = [dict(ITEMS[1], guid="khac-2", link="https://bao.example.vn/b.html#top"),
             {"title": "Chỉ ở nguồn B", "guid": "b-only", "link": "https://bao.example.vn/only.html"}]
    server.routes["/b"] = Route(body=rss(other), delay=0.3)
    site.sources({"id": "nguon-a", "url": server.url("/a")}, {"id": "nguon-b", "url": server.url("/b")})
    code, out, _ = run(site)
    assert {i.id for i in read_source_archive(site.archive("nguon-b"))} == {"b-only"}
    assert "1 đã có từ nguồn khác cùng kênh" in out
    # and within one feed: the duplicate guid is archived once
    server.routes["/a"] = Route(body=rss([ITEMS[0], ITEMS[0], ITEMS[1]]))
    run(site, "nguon-a")
    assert len(read_source_archive(site.archive("nguon-a"))) == 2


def test_sources_are_fetched_in_parallel(server, site):
    for i in range(6):
        server.routes[f"/s{i}"] = Route(body=rss([dict(ITEMS[0], guid=f"s{i}")]), delay=1.5)
    site.sources(*({"id": f"nguon-{i}", "url": server.url(f"/s{i}")} for i in range(6)))
    started = time.monotonic()
    code, out, _ = run(site, limits=Limits(read_timeout=5.0, retries=0))
    elapsed = time.monotonic() - started
    assert code == 0 and out.count("✓") == 6
    # one after another they would take 9 s at least; the margin is wide because the machine may be busy
    assert elapsed < 6.0, f"6 sources of 1.5 s each took {elapsed:.2f} s"


def test_one_source_only_and_unknown_source(server, site):
    server.routes["/a"] = Route(body=rss(ITEMS))
    server.routes["/b"] = Route(body=rss(ITEMS))
    site.sources({"id": "nguon-a", "url": server.url("/a")}, {"id": "nguon-b", "url": server.url("/b"), "channel": "chuyen-trang"})
    assert run(site, "nguon-b")[0] == 0
    assert site.archive("nguon-b").exists() and not site.archive("nguon-a").exists()
    code, _, err = run(site, "khong-co")
    assert code == 2 and "khong-co" in err


def test_permanent_redirect_is_followed_and_reported(server, site):
    server.routes["/old"] = Route(handler=lambda r: (301, {"Location": "/new"}, b""))
    server.routes["/new"] = Route(body=rss(ITEMS))
    site.sources({"id": "bao-dak-nong", "url": server.url("/old")})
    code, out, _ = run(site)
    assert "3 mới" in out and "chuyển hẳn sang " + server.url("/new") in out


def test_bad_sources_file_exits_2_with_every_problem_and_line(site, server):
    site.write_sources_text("""\
        sources:
          - id: Bao Dak Nong
            name: Báo
            url: https://bao.example.vn/rss
            channel: bao
          - id: vov
            name: VOV
            url: ftp://vov.vn/rss
            channel: khong-co-kenh
            keyword: [chuyển đổi số]
          - id: vov
            url: https://vov.vn/rss2
            channel: bao
        """)
    code, out, err = run(site)
    assert code == 2
    lines = err.strip().splitlines()
    assert any(l.startswith("feeds/sources.yml:2:") and "slug" in l for l in lines), err
    assert any(l.startswith("feeds/sources.yml:8:") and "http" in l for l in lines), err
    assert any(l.startswith("feeds/sources.yml:9:") and "khong-co-kenh" in l for l in lines), err
    assert any(l.startswith("feeds/sources.yml:10:") and "keyword" in l for l in lines), err
    assert any(l.startswith("feeds/sources.yml:11:") and "trùng" in l for l in lines), err
    assert any("thiếu khóa bắt buộc 'name'" in l for l in lines), err
    assert not (site.root / "feeds" / "archive").exists()


def test_a_number_where_text_is_expected_says_to_quote_it_not_that_it_is_empty(site):
    site.write_sources_text("""\
        sources:
          - id: 2024
            name: 115
            url: https://bao.example.vn/rss
            channel: bao
        """)
    code, _, err = run(site)
    assert code == 2
    lines = err.strip().splitlines()
    assert any(l.startswith("feeds/sources.yml:2:") and 'id: "2024"' in l for l in lines), err
    assert any(l.startswith("feeds/sources.yml:3:") and 'name: "115"' in l for l in lines), err
    assert "không rỗng" not in err


def test_one_feed_may_count_for_two_channels_but_not_twice_for_one(server, site):
    server.routes["/rss"] = Route(body=rss(ITEMS))
    site.sources({"id": "bao-cds", "url": server.url("/rss"), "channel": "bao", "keywords": ["chuyển đổi số"]},
                 {"id": "bao-trang", "url": server.url("/rss"), "channel": "chuyen-trang"})
    code, out, err = run(site)
    assert code == 0, err
    assert "✓ bao-cds: 1 mới" in out and "✓ bao-trang: 3 mới" in out
    assert [i.channel for i in read_source_archive(site.archive("bao-cds"))] == ["bao"]
    assert {i.channel for i in read_source_archive(site.archive("bao-trang"))} == {"chuyen-trang"}

    site.sources({"id": "bao-cds", "url": server.url("/rss"), "channel": "bao"},
                 {"id": "bao-lai", "url": server.url("/rss"), "channel": "bao"})
    code, _, err = run(site)
    assert code == 2 and err.startswith("feeds/sources.yml:8:") and "'bao-cds'" in err, err


def test_a_keyword_of_punctuation_alone_is_a_problem_not_keep_everything(site, server):
    server.routes["/rss"] = Route(body=rss(ITEMS))
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss"), "keywords": ["chuyển đổi số", "#!"]})
    code, _, err = run(site)
    assert code == 2
    assert err.startswith("feeds/sources.yml:") and "'#!' không có chữ hay số nào" in err, err
    assert not site.archive("bao-dak-nong").exists()


@pytest.mark.parametrize("url", ["https://[::1/rss", "https://bao.example.vn:99999/rss"])
def test_a_url_that_cannot_be_read_is_a_problem_on_its_line(site, url):
    site.sources({"id": "bao-dak-nong", "url": url})
    code, _, err = run(site)
    assert "Traceback" not in err
    assert code == 2 and err.startswith("feeds/sources.yml:") and "không phải địa chỉ hợp lệ" in err, err


def test_yaml_syntax_error_and_missing_file(site):
    code, _, err = run(site)
    assert code == 2 and "feeds/sources.yml" in err
    site.write_sources_text("sources:\n  - id: a\n    name: [x\n")
    code, _, err = run(site)
    assert code == 2 and err.startswith("feeds/sources.yml:")


def test_broken_existing_archive_is_never_overwritten(server, site):
    server.routes["/rss"] = Route(body=rss(ITEMS))
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss")})
    site.archive("bao-dak-nong").parent.mkdir(parents=True)
    site.archive("bao-dak-nong").write_text('{"id": "x", "tru\n', encoding="utf-8")
    code, out, _ = run(site)
    assert code == 0 and "✗ bao-dak-nong" in out
    assert site.archive("bao-dak-nong").read_text(encoding="utf-8") == '{"id": "x", "tru\n'


def test_refetch_on_the_same_day_leaves_the_archive_file_unchanged(server, site):
    server.routes["/rss"] = Route(body=rss(ITEMS))  # no ETag: the body is fetched and merged again
    site.sources({"id": "bao-dak-nong", "url": server.url("/rss")})
    run(site, now=datetime(2025, 2, 9, 8, 0, tzinfo=TZ))
    before = site.archive("bao-dak-nong").read_bytes()
    code, out, _ = run(site, now=datetime(2025, 2, 9, 20, 0, tzinfo=TZ))
    assert "0 mới, 0 cập nhật, 3 không đổi" in out
    assert site.archive("bao-dak-nong").read_bytes() == before  # hourly fetches make no git noise
    run(site, now=datetime(2025, 2, 10, 8, 0, tzinfo=TZ))
    items = read_source_archive(site.archive("bao-dak-nong"))
    assert {i.last_seen.date().isoformat() for i in items} == {"2025-02-10"}  # seen again the next day


def test_an_empty_pubdate_leaves_the_date_to_dc_date(server, site):
    """CMSes write `<pubDate></pubDate>` beside a real `dc:date`: the item is dated (and counted), not left undated."""
    dc = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'
    body = ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<rss version="2.0" {dc}><channel><title>Báo</title><link>https://bao.example.vn/</link>'
            '<item><title>Tin rỗng ngày</title><link>https://bao.example.vn/r.html</link><guid>r-1</guid>'
            '<pubDate></pubDate><dc:date>2025-02-08T00:30:00+07:00</dc:date></item>'
            '</channel></rss>\n').encode()
    server.routes["/rss"] = Route(body=body)
    site.sources({"id": "bao-x", "url": server.url("/rss")})
    code, out, _ = run(site)
    assert code == 0
    [item] = read_source_archive(site.archive("bao-x"))
    assert item.published == datetime(2025, 2, 8, 0, 30, tzinfo=TZ)
    assert "không có ngày" not in out


def test_one_guid_on_every_item_loses_no_item(server, site):
    """A CMS writing its home page as every item's guid: each item is kept, and a later fetch whose feed leads with
    a new item adds it instead of overwriting the archived one."""
    def items(*letters):
        return [{"title": f"Tin {x}", "link": f"https://bao.example.vn/{x}.html", "guid": "https://bao.example.vn/",
                 "pubDate": f"Thu, 0{i + 1} Feb 2025 10:00:00 +0700"} for i, x in enumerate(letters)]
    server.routes["/rss"] = Route(body=rss(items("a", "b", "c")))
    site.sources({"id": "bao-x", "url": server.url("/rss")})
    assert run(site)[0] == 0
    assert sorted(i.title for i in read_source_archive(site.archive("bao-x"))) == ["Tin a", "Tin b", "Tin c"]
    server.routes["/rss"] = Route(body=rss(items("d", "a", "b")))
    code, out, _ = run(site)
    assert code == 0
    assert sorted(i.title for i in read_source_archive(site.archive("bao-x"))) == ["Tin a", "Tin b", "Tin c", "Tin d"]
    assert "guid" in out
