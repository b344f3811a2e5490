"""Reading the feed archive: the fast whole-file reading gives exactly what line-by-line reading gives; a hand-edited
archive is read as leniently as before; every bad line is named with its file and line, in Vietnamese."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from generator.core import archive
from generator.core.archive import FeedItem, read_source_archive, write_source_archive
from generator.core.problems import InputError

REPO = Path(__file__).resolve().parents[2]
ICT = timezone(timedelta(hours=7))


def line(**changes) -> dict:
    d = {"categories": ["Chuyển đổi số"], "channel": "bao", "first_seen": "2026-08-25T08:42:00+07:00", "flags": [],
         "id": "https://baolamdong.vn/a-1.html", "image": None, "last_seen": "2026-08-25T14:42:00+07:00",
         "link": "https://baolamdong.vn/a-1.html", "published": "2026-08-25T07:15:00+07:00",
         "published_raw": "Tue, 25 Aug 2026 07:15:00 +0700", "source": "bao-lam-dong", "source_name": "Báo Lâm Đồng",
         "summary": "<p>Tóm tắt</p>", "title": "Tiêu đề"}
    for k, v in changes.items():
        if v is KeyError:
            d.pop(k)
        else:
            d[k] = v
    return d


def write(path: Path, *lines) -> Path:
    path.write_bytes(b"".join((x if isinstance(x, bytes) else json.dumps(x, ensure_ascii=False).encode()) + b"\n"
                              for x in lines))
    return path


def test_bundled_archive_read_whole_equals_line_by_line():
    paths = sorted((REPO / "feeds" / "archive").glob("*.jsonl"))
    assert paths
    for p in paths:
        data = p.read_bytes()
        whole = archive._read_whole(data)
        assert whole is not None, f"{p.name}: the fetcher's own format must take the fast reading"
        assert whole == archive._read_lines(data, p.name)
        assert [archive._line(i) for i in whole] == data.decode().splitlines()
        rules = archive.Rules(frozenset({"bao", "dai"}), date(2016, 1, 1), date(2031, 12, 31))
        assert archive._read_whole(data, rules) == whole, "the site's own rules must keep the fast reading"


def test_written_archive_round_trips(tmp_path):
    items = [FeedItem(f"id-{n}", "s", "Nguồn Đà Lạt", "bao", f"Tin {n} <b>&</b>", f"https://x.vn/{n}" if n % 3 else None,
                      datetime(2026, 1, 1, 7, 0, n, 123456 * (n % 2), tzinfo=ICT) if n % 4 else None,
                      "1/1/2026" if n % 5 else None, "<p>Nội dung</p>" * (n % 2), ("a", "b")[: n % 3],
                      "https://x.vn/i.jpg" if n % 7 == 0 else None,
                      datetime(2026, 1, 2, tzinfo=timezone.utc), datetime(2026, 1, 3, tzinfo=timezone.utc),
                      ("late_seen",) if n % 6 == 0 else ())
             for n in range(1, 60)]
    path = tmp_path / "s.jsonl"
    write_source_archive(path, items)
    got = read_source_archive(path)
    assert sorted(got, key=lambda i: i.id) == sorted(items, key=lambda i: i.id)
    assert archive._read_whole(path.read_bytes()) == got


@pytest.mark.parametrize("changes, expect", [
    ({"link": ""}, {"link": None}),
    ({"image": ""}, {"image": None}),
    ({"source_name": ""}, {"source_name": "bao-lam-dong"}),
    ({"source_name": KeyError}, {"source_name": "bao-lam-dong"}),
    ({"title": None}, {"title": ""}),
    ({"summary": KeyError}, {"summary": ""}),
    ({"categories": KeyError, "flags": KeyError}, {"categories": (), "flags": ()}),
    ({"id": 42}, {"id": "42"}),
    ({"published": ""}, {"published": None}),
    ({"last_seen": KeyError}, {"last_seen": datetime(2026, 8, 25, 8, 42, tzinfo=ICT)}),
    ({"published": "2026-08-25T07:15:00.1234567+07:00"},
     {"published": datetime(2026, 8, 25, 7, 15, 0, 123456, tzinfo=ICT)}),  # as fromisoformat: cut, not rounded
])
def test_hand_edited_lines_read_leniently(tmp_path, changes, expect):
    path = write(tmp_path / "a.jsonl", line(), line(**{"id": "b", **changes}))
    first, second = read_source_archive(path)
    for k, v in expect.items():
        assert getattr(second, k) == v, k
    assert first.link == "https://baolamdong.vn/a-1.html"


def test_every_bad_line_named(tmp_path):
    path = write(tmp_path / "bao-lam-dong.jsonl",
                 line(),
                 b"{not json",
                 line(id="b"),
                 line(id="c", published="2026-08-25T07:15:00"),  # no time zone
                 b"",
                 line(id="d", first_seen="2026-08-25T08:42:00z"),  # fromisoformat does not read a lowercase z
                 b'{"id": "e\xff", "source": "s"}',  # not UTF-8 (a file saved in another encoding)
                 line(id="f", channel=KeyError),
                 json.dumps(line(id="g", title="Tin \ud800")).encode(),  # half a UTF-16 pair: no page could hold it
                 json.dumps(line(id="h", title="Tin \U0001f600")).encode())  # a whole pair, escaped: fine
    with pytest.raises(InputError) as exc:
        read_source_archive(path, label="feeds/archive/bao-lam-dong.jsonl")
    problems = exc.value.problems
    assert [p.line for p in problems] == [2, 4, 6, 7, 8, 9]
    assert all(p.path == "feeds/archive/bao-lam-dong.jsonl" for p in problems)
    assert "múi giờ" in problems[1].message
    assert "UTF-8" in problems[3].message
    assert "\\ud800" in problems[5].message
    assert all(p.message.startswith("dòng lưu trữ tin") for p in problems)


def test_blank_and_crlf_lines(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_bytes(json.dumps(line()).encode() + b"\r\n\r\n   \n" + json.dumps(line(id="b")).encode())
    assert [i.id for i in read_source_archive(path)] == ["https://baolamdong.vn/a-1.html", "b"]
    assert read_source_archive(tmp_path / "missing.jsonl") == []


def test_a_lowercase_z_is_named_as_line_by_line_reading_names_it(tmp_path):
    path = write(tmp_path / "a.jsonl", line(), line(id="b", first_seen="2026-08-25T01:42:00z"))
    with pytest.raises(InputError) as exc:
        read_source_archive(path)
    assert [p.line for p in exc.value.problems] == [2]


@pytest.mark.parametrize("deep", [b"[" * 100_000, b'{"a":' * 100_000, b"[" * 100_000 + b"]" * 100_000,
                                  b'{"id": ' + b"[" * 50_000 + b"1" + b"]" * 50_000 + b"}"])
def test_a_line_nested_too_deep_is_a_problem_with_its_line(tmp_path, deep):
    path = write(tmp_path / "bao.jsonl", line(), line(id="b"), deep, line(id="c"))
    with pytest.raises(InputError) as exc:
        read_source_archive(path, label="feeds/archive/bao.jsonl")
    assert [str(p).split(": ")[0] for p in exc.value.problems] == ["feeds/archive/bao.jsonl:3"]


def test_a_line_nested_too_deep_exits_2_through_check(repo):
    from sitefactory import run_cli

    repo.article("mot", "Bài một", "2024-01-03")
    (repo.root / "feeds" / "archive").mkdir(parents=True)
    (repo.root / "feeds" / "archive" / "a1.jsonl").write_bytes(b"[" * 100_000 + b"\n")
    code, out, err = run_cli("check", "-f", repo.config, "--as-of", "2024-01-05")
    assert code == 2 and "feeds/archive/a1.jsonl:1: dòng lưu trữ tin" in err, (code, out, err)
    assert "Traceback" not in err


@pytest.mark.parametrize("raw, message", [
    (json.dumps(line(first_seen="garbage")).encode(), "dòng lưu trữ tin không đọc được: ngày giờ không đọc được: "
                                                      "'garbage'"),
    (json.dumps(line(published="26/08/2026")).encode(), "ngày giờ không đọc được: '26/08/2026'"),
    (b"{not json", "dòng lưu trữ tin không đọc được: dòng không phải JSON hợp lệ"),
    (b"", None),
    (b'{"a": 1}', "dòng lưu trữ tin không đọc được: thiếu trường 'id'"),
    (json.dumps(line(source=KeyError)).encode(), "thiếu trường 'source'"),
])
def test_archive_problems_are_vietnamese_without_python_text(tmp_path, raw, message):
    path = tmp_path / "a.jsonl"
    path.write_bytes(json.dumps(line()).encode() + b"\n" + raw + b"\n")
    if message is None:
        assert len(read_source_archive(path)) == 1
        return
    with pytest.raises(InputError) as exc:
        read_source_archive(path)
    [problem] = exc.value.problems
    assert problem.line == 2 and message in problem.message, problem.message
    for english in ("Invalid isoformat", "Expecting value", "char 0", "line 1 column"):
        assert english not in problem.message
