"""`feeds/sources.yml`: the feed sources, validated all at once with the line of every problem."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

from generator.core import yamlfile
from generator.core.problems import InputError, Problem

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KNOWN_KEYS = ("id", "name", "url", "channel", "keywords", "deadline")
TOP_KEYS = ("sources", "deadline", "run_deadline")
SOURCE_DEADLINE = 45.0  # seconds for one source, all its retries and redirects included
RUN_DEADLINE = 300.0  # seconds for the whole run
MAX_DEADLINE = 3600.0


@dataclass(frozen=True)
class Source:
    id: str
    name: str
    url: str
    channel: str
    keywords: tuple[str, ...] = ()
    line: int | None = None
    deadline: float = SOURCE_DEADLINE  # seconds for this source, across its retries


@dataclass(frozen=True)
class Feeds:
    """The whole of `sources.yml`: the sources, and how long the run may take."""
    sources: tuple[Source, ...]
    run_deadline: float = RUN_DEADLINE


def _split(url: str):
    """``url`` split, or None when it cannot be ('https://[::1' with its bracket left open, a port over 65535)."""
    try:
        parts = urlsplit(url)
        parts.port  # read to check it: a port out of range raises only here
    except ValueError:
        return None
    return parts


def load_sources(path: Path, *, label: str | None = None, channels: tuple[str, ...] | None = None) -> tuple[Source, ...]:
    """Every source in `path`, or InputError listing every problem as `label:line: message`.

    `channels`, when given, are the channel ids a source may count for.
    """
    return load_feeds(path, label=label, channels=channels).sources


def _seconds(value) -> float | None:
    """A deadline as written: a number of seconds, above 0 and at most an hour; None when it is not one."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if 0 < value <= MAX_DEADLINE else None


def load_feeds(path: Path, *, label: str | None = None, channels: tuple[str, ...] | None = None) -> Feeds:
    """`sources.yml` read and validated: every problem at once, as for `load_sources`."""
    label = label or str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem(label, None, "không tìm thấy tệp nguồn tin (cần khai báo các nguồn RSS ở đây)")]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(label, None, "tệp nguồn tin không phải UTF-8")]) from None
    try:
        data, lines = yamlfile.load(text)
    except yaml.YAMLError as exc:
        raise InputError([Problem(label, yamlfile.error_line(exc), yamlfile.error_message(exc))]) from None

    problems: list[Problem] = []

    def err(where: tuple, message: str) -> None:
        problems.append(Problem(label, lines.of(*where), message))

    if not isinstance(data, dict) or not isinstance(data.get("sources"), list):
        err(("sources",), "tệp phải có khóa 'sources:' chứa danh sách các nguồn")
        raise InputError(problems)
    for key in data:
        if key not in TOP_KEYS:
            err((key,), f"khóa không được hỗ trợ: '{key}' (dùng: {', '.join(TOP_KEYS)})")
    deadlines = {}
    for key, default in (("deadline", SOURCE_DEADLINE), ("run_deadline", RUN_DEADLINE)):
        deadlines[key] = _seconds(data.get(key, default))
        if deadlines[key] is None:
            err((key,), f"'{key}' phải là số giây lớn hơn 0, tối đa {MAX_DEADLINE:g} (mặc định {default:g})")

    sources: list[Source] = []
    seen_ids: dict[str, int | None] = {}
    seen_urls: dict[tuple[str, str], str] = {}  # (url, channel) -> the source that has it
    for i, entry in enumerate(data["sources"]):
        here = ("sources", i)
        if not isinstance(entry, dict):
            err(here, "mỗi nguồn phải là một bảng gồm id, name, url, channel")
            continue
        before = len(problems)
        for key in entry:
            if key not in KNOWN_KEYS:
                err(here + (key,), f"khóa không được hỗ trợ: '{key}' (dùng: {', '.join(KNOWN_KEYS)})")
        for key in ("id", "name", "url", "channel"):
            value = entry.get(key)
            if key not in entry:
                err(here, f"thiếu khóa bắt buộc '{key}'")
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                # YAML reads `id: 2024` or `name: 115` as a number: the text is fine, only the quotes are missing
                err(here + (key,), f"'{key}' phải là chuỗi văn bản: YAML đọc {value} thành số, hãy đặt trong dấu "
                                   f"nháy, ví dụ {key}: \"{value}\"")
            elif not isinstance(value, str) or not value.strip():
                err(here + (key,), f"'{key}' phải là một chuỗi không rỗng")
        sid, url, channel = entry.get("id"), entry.get("url"), entry.get("channel")
        if isinstance(sid, str) and sid.strip():
            if not SLUG_RE.match(sid):
                err(here + ("id",), f"id '{sid}' phải ở dạng slug: chữ thường không dấu, số và gạch nối")
            elif sid in seen_ids:
                err(here + ("id",), f"id '{sid}' bị trùng (đã dùng ở dòng {seen_ids[sid]})")
            else:
                seen_ids[sid] = lines.of(*here, "id")
        if isinstance(url, str) and url.strip():
            parts = _split(url.strip())
            if parts is None:
                err(here + ("url",), f"url '{url}' không phải địa chỉ hợp lệ: kiểm tra dấu ngoặc [ ] và số cổng "
                                     "(sau dấu ':', tối đa 65535)")
            elif parts.scheme not in ("http", "https") or not parts.hostname:
                err(here + ("url",), f"url '{url}' phải là địa chỉ http:// hoặc https:// đầy đủ")
            # one feed may count for two channels (each source with its own keywords); twice in one channel, the
            # second source would only find items the first already holds
            elif (url.strip(), str(channel)) in seen_urls:
                err(here + ("url",), f"url trùng với nguồn '{seen_urls[url.strip(), str(channel)]}' cùng kênh "
                                     f"'{channel}': tin của nguồn sau đều đã có ở nguồn trước (muốn thêm từ khoá, ghi "
                                     "chung vào 'keywords' của một nguồn)")
            else:
                seen_urls[url.strip(), str(channel)] = str(sid)
        if isinstance(channel, str) and channel.strip() and channels is not None and channel not in channels:
            known = ", ".join(channels) or "(chưa có kênh nào)"
            err(here + ("channel",), f"kênh '{channel}' không có trong cấu hình (các kênh: {known})")
        keywords = entry.get("keywords", [])
        if keywords is None:
            keywords = []
        if isinstance(keywords, str):
            keywords = [keywords]
        if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
            err(here + ("keywords",), "'keywords' phải là danh sách các chuỗi không rỗng")
            keywords = []
        for k in keywords:
            # matching ignores punctuation: a keyword of punctuation alone would match nothing, and the filter,
            # left with no keyword, would keep every item
            if not any(ch.isalnum() for ch in k):
                err(here + ("keywords",), f"từ khóa '{k.strip()}' không có chữ hay số nào: không lọc được tin nào")
        deadline = _seconds(entry.get("deadline", deadlines["deadline"] or SOURCE_DEADLINE))
        if deadline is None:
            err(here + ("deadline",), f"'deadline' phải là số giây lớn hơn 0, tối đa {MAX_DEADLINE:g}")
        if len(problems) == before:
            sources.append(Source(
                id=sid, name=" ".join(entry["name"].split()), url=url.strip(), channel=channel,
                keywords=tuple(k.strip() for k in keywords), line=lines.of(*here), deadline=deadline,
            ))
    if problems:
        raise InputError(problems)
    return Feeds(tuple(sources), deadlines["run_deadline"])
