"""A report's verification code, and the differences between a report someone holds and one rebuilt.

The code is 12 base32 characters grouped ``ABCD-EFGH-IJKL``, typed by hand from a printout: the first 60 bits of a
SHA-256 over the report's judged content (schema, as-of time, timezone, status, channels with every period and
evidence item) written as canonical JSON, and the git commit it was built from. The ``integrity`` summary is left
out: it says how far the build machine could check (a shallow clone, uncommitted files), not what was judged.
"""
from __future__ import annotations

import base64
import hashlib
import json
from datetime import datetime

from generator.core import timeutil
from generator.reports.handover.words import CHANNEL_STATUS, PERIOD_STATUS, REPORT_STATUS, period_short

CONTENT_KEYS = ("schema", "as_of", "timezone", "status", "channels")
RANGE_KEY = "range"  # a formal report's JSON: {"id": "2026-Q4", "start", "end"}; absent in the whole report
URGENT_KEYS = ("urgent_publish", "urgent_publishes")  # the one in force at the as-of time; a formal report's list
BUILD_KEY = "build"  # the report JSON's added field: {"commit", "dirty", "verification_code"}
_DOMAIN = b"chuyentrang.verification/1\0"


def canonical(report: dict) -> bytes:
    """The judged content of a report dict as canonical JSON: sorted keys, no spaces, UTF-8."""
    content = {k: report.get(k) for k in CONTENT_KEYS}
    if report.get(RANGE_KEY) is not None:  # a quarterly or monthly report: which part of the report it is
        content[RANGE_KEY] = report[RANGE_KEY]
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode("utf-8")


def verification_code(report: dict, commit: str | None) -> str:
    digest = hashlib.sha256(_DOMAIN + (commit or "").encode("ascii") + b"\0" + canonical(report)).digest()
    letters = base64.b32encode(digest).decode("ascii")[:12]
    return "-".join(letters[i:i + 4] for i in range(0, 12, 4))


def normalise_code(text: str) -> str:
    """A code as typed (lower case, spaces, no dashes, O for 0) in its written form."""
    letters = "".join(ch for ch in str(text).upper() if ch.isalnum()).replace("0", "O").replace("1", "I")
    return "-".join(letters[i:i + 4] for i in range(0, len(letters), 4))


def build_record(report_dict: dict, commit: str | None, dirty: bool) -> dict:
    """The ``build`` field a built report carries: which commit it was built from and its code."""
    return {"commit": commit, "dirty": bool(dirty), "verification_code": verification_code(report_dict, commit)}


def published_json(report, integrity: dict | None, git) -> tuple[bytes, dict]:
    """The whole report's JSON as the site publishes it (``bao-cao.json``: ``integrity`` is its integrity summary,
    ``git`` the build's ``gitlog.GitInfo`` or None), and its ``build`` record (the commit and the verification code).
    The report's dictionary, five years of evidence, is made once for both."""
    from generator.reports.report import dict_json, to_dict

    d = to_dict(report)
    build = build_record(d, git.commit if git is not None else None, git.dirty if git is not None else False)
    return dict_json(d, integrity, build).encode("utf-8"), build


# --- differences ---------------------------------------------------------------------------------------------

def _when(text) -> str:
    try:
        return timeutil.format_datetime(datetime.fromisoformat(str(text)))
    except ValueError:
        return str(text)


def _item_key(item: dict) -> tuple[str, str]:
    return str(item.get("source")), str(item.get("id"))


def _item_name(item: dict) -> str:
    return f"«{item.get('title')}» ({_when(item.get('published'))}, {item.get('url') or item.get('id')})"


def _by(rows, key) -> dict:
    """The dict rows of a list by their key. A hand-edited report may hold anything: a row whose key is not text
    (a list, a number) is kept under its JSON form, so it reads as a difference, never as a crash."""
    out = {}
    for r in rows if isinstance(rows, list) else []:
        if isinstance(r, dict):
            k = key(r)
            out.setdefault(k if isinstance(k, str) or k is None else json.dumps(k, ensure_ascii=False), r)
    return out


def _span(value) -> str:
    """A formal report's ``range`` in words ("Quý 4/2026, 01/10/2026–31/12/2026"), or as written when it is not one."""
    if value is None:
        return "không có (báo cáo toàn bộ các kỳ)"
    try:
        return (f"{period_short(value['id'])}, {timeutil.format_date(datetime.fromisoformat(value['start']))}–"
                f"{timeutil.format_date(datetime.fromisoformat(value['end']))}")
    except (TypeError, KeyError, ValueError, IndexError, AttributeError):  # hand-edited: shown as written
        return json.dumps(value, ensure_ascii=False)


def _listed(value) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else json.dumps(value, ensure_ascii=False)


def differences(claimed: dict, rebuilt: dict) -> list[str]:
    """What the report someone holds (``claimed``) says differently from the one rebuilt from the repository, one
    Vietnamese line each, written "what the report says ≠ what the rebuild says". Empty when they agree."""
    out: list[str] = []
    if claimed.get("schema") != rebuilt.get("schema"):
        out.append(f"dạng báo cáo: {claimed.get('schema')} ≠ {rebuilt.get('schema')}")
    if claimed.get("as_of") != rebuilt.get("as_of"):
        out.append(f"thời điểm xét: {_when(claimed.get('as_of'))} ≠ {_when(rebuilt.get('as_of'))}")
    if claimed.get(RANGE_KEY) != rebuilt.get(RANGE_KEY):
        out.append(f"kỳ báo cáo: {_span(claimed.get(RANGE_KEY))} ≠ {_span(rebuilt.get(RANGE_KEY))}")
    if claimed.get("timezone") != rebuilt.get("timezone"):
        out.append(f"múi giờ: {claimed.get('timezone')} ≠ {rebuilt.get('timezone')}")
    if claimed.get("status") != rebuilt.get("status"):
        out.append(f"kết quả chung: {REPORT_STATUS.get(claimed.get('status'), claimed.get('status'))} ≠ "
                   f"{REPORT_STATUS.get(rebuilt.get('status'), rebuilt.get('status'))}")
    # The override that let a missed target be published is part of what an auditor checks: a report whose urgent
    # publish was removed, added or reworded does not match, even though the code is left as it was.
    for key in URGENT_KEYS:
        if claimed.get(key) != rebuilt.get(key):
            out.append(f"xuất bản khẩn: {_urgent(claimed.get(key))} ≠ {_urgent(rebuilt.get(key))}")
    mine = _by(claimed.get("channels"), lambda c: c.get("id"))
    theirs = _by(rebuilt.get("channels"), lambda c: c.get("id"))
    for cid, c in mine.items():
        if cid not in theirs:
            out.append(f"Kênh {c.get('name')} ({cid}): có trong báo cáo nhưng không có trong cấu hình của commit")
    for cid, c in theirs.items():
        if cid not in mine:
            out.append(f"Kênh {c.get('name')} ({cid}): thiếu trong báo cáo")
        else:
            out += _channel_differences(mine[cid], c)
    return out


def _channel_differences(a: dict, b: dict) -> list[str]:
    head = f"Kênh {b.get('name')}"
    out: list[str] = []
    if a.get("name") != b.get("name"):
        out.append(f"{head}: tên kênh {a.get('name')} ≠ {b.get('name')}")
    if a.get("target") != b.get("target"):
        out.append(f"{head}: chỉ tiêu {json.dumps(a.get('target'), ensure_ascii=False)} ≠ "
                   f"{json.dumps(b.get('target'), ensure_ascii=False)}")
    for key, words in (("since", "áp dụng từ"), ("until", "áp dụng đến")):
        if a.get(key) != b.get(key):
            out.append(f"{head}: {words} {a.get(key)} ≠ {b.get(key)}")
    if a.get("status") != b.get("status"):
        out.append(f"{head}: kết quả {CHANNEL_STATUS.get(a.get('status'), a.get('status'))} ≠ "
                   f"{CHANNEL_STATUS.get(b.get('status'), b.get('status'))}")
    if a.get("window") != b.get("window"):
        out.append(f"{head}: các kỳ được đánh giá {_listed(a.get('window'))} ≠ {_listed(b.get('window'))}")
    pa = _by(a.get("periods"), lambda p: p.get("period"))
    pb = _by(b.get("periods"), lambda p: p.get("period"))
    for pid in pa.keys() - pb.keys():
        out.append(f"{head}, {period_short(str(pid))}: có trong báo cáo nhưng không có khi dựng lại")
    for pid, p in pb.items():
        where = f"{head}, {period_short(str(pid))}"
        q = pa.get(pid)
        if q is None:
            out.append(f"{where}: thiếu trong báo cáo")
            continue
        if q.get("count") != p.get("count"):
            out.append(f"{where}: số tin bài {_count(q.get('count'))} ≠ {_count(p.get('count'))}")
        if q.get("status") != p.get("status"):
            out.append(f"{where}: trạng thái {PERIOD_STATUS.get(q.get('status'), q.get('status'))} ≠ "
                       f"{PERIOD_STATUS.get(p.get('status'), p.get('status'))}")
        if (q.get("start"), q.get("end")) != (p.get("start"), p.get("end")):
            out.append(f"{where}: từ ngày–đến ngày {q.get('start')}–{q.get('end')} ≠ {p.get('start')}–{p.get('end')}")
        if q.get("waiver") != p.get("waiver"):
            out.append(f"{where}: miễn trừ {_waiver(q.get('waiver'))} ≠ {_waiver(p.get('waiver'))}")
    # Items are matched across the channel's periods, so an item whose date moved to another period reads as one
    # moved item, not as one missing and one extra.
    ia = _channel_items(pa)
    ib = _channel_items(pb)
    for key, (pid, item) in ia.items():
        if key not in ib:
            out.append(f"{head}, {period_short(pid)}: tin bài không có trong kho ở commit này: {_item_name(item)}")
    for key, (pid, item) in ib.items():
        got = ia.get(key)
        where = f"{head}, {period_short(pid)}"
        if got is None:
            out.append(f"{where}: thiếu tin bài: {_item_name(item)}")
            continue
        _, mine = got
        if mine.get("published") != item.get("published"):
            out.append(f"{where}: ngày đăng khác: «{item.get('title')}»: {_when(mine.get('published'))} ≠ "
                       f"{_when(item.get('published'))}")
        if mine.get("title") != item.get("title"):
            out.append(f"{where}: tiêu đề khác: «{mine.get('title')}» ≠ «{item.get('title')}»")
        if mine.get("url") != item.get("url"):
            out.append(f"{where}: liên kết khác: «{item.get('title')}»: {mine.get('url')} ≠ {item.get('url')}")
        if _flag_list(mine) != _flag_list(item) or mine.get("counted", True) != item.get(
                "counted", True):
            out.append(f"{where}: cờ kiểm tra khác: «{item.get('title')}»: {_flags(mine)} ≠ {_flags(item)}")
    return out


def _channel_items(periods: dict) -> dict:
    out = {}
    for pid, p in periods.items():
        items = p.get("items")
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict):
                out.setdefault(_item_key(item), (str(pid), item))
    return out


def _count(n) -> str:
    """A count as the report writes it: a number; anything else (missing, written as text) is shown as such, so that
    an auditor never reads "2 ≠ 2"."""
    if n is None:
        return "(không ghi)"
    if isinstance(n, int) and not isinstance(n, bool):
        return str(n)
    return f"{json.dumps(n, ensure_ascii=False)} (không phải số)"


def _urgent(u) -> str:
    if not u:
        return "không có"
    if isinstance(u, list):
        return " | ".join(_urgent(x) for x in u)
    if not isinstance(u, dict):
        return str(u)
    return "; ".join(str(v) for v in (u.get("reason"), u.get("approved_by"), u.get("document"),
                                       f"{_when(u.get('from') or '?')}–{_when(u.get('until') or '?')}", u.get("file")) if v)


def _waiver(w) -> str:
    if not w:
        return "không có"
    return "; ".join(str(v) for v in w.values() if v) if isinstance(w, dict) else str(w)


def _flags(item: dict) -> str:
    from generator.reports.handover.words import flag_words

    return flag_words(_flag_list(item), item.get("counted", True) is not False) or "không có cờ"


def _flag_list(item: dict) -> list:
    flags = item.get("flags") or []
    return [str(f) for f in flags] if isinstance(flags, list) else [json.dumps(flags, ensure_ascii=False)]
