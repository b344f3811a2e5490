"""The site configuration: `mkdocs.yml` and the `chuyentrang` plugin's settings, read and validated once."""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Mapping
from zoneinfo import ZoneInfo

import yaml

from generator import timeutil, yamlfile
from generator.problems import InputError, Problem

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PLUGIN = "chuyentrang"
KNOWN_KEYS = {
    "timezone", "default_channel", "as_of", "categories", "channels", "waivers", "page_size",
    "integrity", "campaigns", "feedback", "enabled", "report",
}
CATEGORY_KEYS = ("id", "name", "description")
CHANNEL_KEYS = ("id", "name", "target", "since", "until", "plan")
TARGET_KEYS = ("per", "min", "mode", "window")
WAIVER_KEYS = ("channel", "period", "reason")
# Dates in the settings and `--as-of` must fall in these years: the chuyên trang began after 2000, and a date far
# ahead is a typo (9999-12-31 would also overflow the period arithmetic). The upper bound moves with the clock.
FIRST_YEAR = 2000
MAX_MIN = 10_000  # items a period: far more than any newsroom publishes
MAX_WINDOW = 520  # periods: ten years of weeks
YEARS_AHEAD = 5


def unknown_key(key: object, known, where: str = "") -> str:
    """The message for a key not in ``known``, with the closest known key suggested: the same at every level."""
    close = difflib.get_close_matches(str(key), list(known), n=1)
    hint = f"; có phải ý bạn là '{close[0]}'?" if close else ""
    return (f"khóa không được hỗ trợ{' trong ' + where if where else ''}: '{_short(key)}'{hint} "
            f"(có thể dùng: {', '.join(sorted(known))})")


def plausible_day(day: date, today: date | None = None) -> None:
    """Raise ValueError (Vietnamese) for a day outside FIRST_YEAR..(this year + YEARS_AHEAD)."""
    last = (today or date.today()).year + YEARS_AHEAD
    if not FIRST_YEAR <= day.year <= last:
        raise ValueError(f"ngày {day.day:02d}/{day.month:02d}/{day.year:04d} nằm ngoài khoảng hợp lý (từ năm {FIRST_YEAR} đến năm {last})")


def _short(value: object, limit: int = 60) -> str:
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class Target:
    per: str  # "week" | "month"
    min: float
    mode: str  # "every" | "average"
    window: int

    def as_dict(self) -> dict:
        minimum = int(self.min) if float(self.min).is_integer() else self.min
        return {"per": self.per, "min": minimum, "mode": self.mode, "window": self.window}


@dataclass(frozen=True)
class Channel:
    id: str
    name: str
    target: Target
    since: date
    until: date | None = None
    plan: str = ""  # the plan that sets the target, as the formal report cites it: "Kế hoạch số 97/KH-UBND, mục II.3"


@dataclass(frozen=True)
class Waiver:
    channel: str
    period: str
    reason: str
    approved_by: str = ""  # required in a waiver file (mien-tru/), optional in mkdocs.yml
    document: str = ""  # the approving document's number (số văn bản)
    source: str = ""  # the waiver file, or "" for mkdocs.yml


@dataclass(frozen=True)
class SiteConfig:
    config_file: Path
    root: Path
    content_dir: Path
    feeds_dir: Path
    site_name: str
    site_url: str  # "" or an absolute URL ending with "/"
    site_description: str
    timezone: str
    tz: ZoneInfo
    default_channel: str
    categories: tuple[Category, ...]
    channels: tuple[Channel, ...]
    waivers: tuple[Waiver, ...]
    as_of_pinned: datetime | None
    page_size: int = 20
    extra: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))
    lines: yamlfile.Lines | None = None  # lines of the plugin's settings, for modules reading `extra`

    def rel(self, path: Path) -> str:
        """A path as editors see it in messages: relative to the site repository."""
        root = _resolved(self.root)
        text, prefix = str(path), str(root).rstrip("/") + "/"
        if text.startswith(prefix) and "/../" not in text and "/./" not in text:
            return text[len(prefix):]  # already under the resolved root (every path found walking content/)
        path = Path(path)
        try:
            return path.resolve().relative_to(root).as_posix()
        except ValueError:
            return str(path)

    @property
    def category_ids(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.categories)

    def category(self, cid: str) -> Category | None:
        return next((c for c in self.categories if c.id == cid), None)

    def channel(self, cid: str) -> Channel | None:
        return next((c for c in self.channels if c.id == cid), None)

    def line(self, *path) -> int | None:
        return self.lines.of(*path) if self.lines else None


@lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    return root.resolve()


def _plugin_settings(data: dict, lines: yamlfile.Lines) -> tuple[dict | None, yamlfile.Lines | None]:
    plugins = data.get("plugins") or []
    for i, entry in enumerate(plugins if isinstance(plugins, list) else []):
        if entry == PLUGIN:
            return {}, lines.sub("plugins", i)
        if isinstance(entry, dict) and PLUGIN in entry:
            return entry[PLUGIN] or {}, lines.sub("plugins", i, PLUGIN)
    if isinstance(data.get("plugins"), dict) and PLUGIN in data["plugins"]:
        return data["plugins"][PLUGIN] or {}, lines.sub("plugins", PLUGIN)
    return None, None


def load_config(config_file: Path | str) -> SiteConfig:
    """Read and validate the site's config; raises InputError listing every problem found."""
    config_file = Path(config_file)
    name = config_file.name
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError([Problem(str(config_file), None, "không tìm thấy tệp cấu hình")]) from None
    except UnicodeDecodeError:
        raise InputError([Problem(str(config_file), None, "tệp cấu hình không phải UTF-8")]) from None
    except IsADirectoryError:
        raise InputError([Problem(str(config_file), None, "đây là một thư mục, không phải tệp cấu hình: "
                                                          "hãy chỉ tới tệp mkdocs.yml")]) from None
    except OSError as exc:
        raise InputError([Problem(str(config_file), None, f"không đọc được tệp cấu hình ({exc.strerror})")]) from None
    try:
        data, lines = yamlfile.load(text)
    except yaml.YAMLError as exc:
        raise InputError([Problem(name, yamlfile.error_line(exc), yamlfile.error_message(exc))]) from None
    if not isinstance(data, dict):
        raise InputError([Problem(name, 1, "mkdocs.yml phải là một bảng khóa: giá trị")])
    plugins = data.get("plugins")
    if plugins is not None and not isinstance(plugins, (list, dict)):
        raise InputError([Problem(name, lines.of("plugins"),
                                  f"plugins phải là một danh sách, ví dụ: plugins: [search, {PLUGIN}]")])
    settings, plines = _plugin_settings(data, lines)
    if settings is None:
        raise InputError([Problem(name, lines.of("plugins"), f"chưa khai báo plugin '{PLUGIN}' trong mục plugins")])
    if not isinstance(settings, dict):
        raise InputError([Problem(name, plines.of(), f"cấu hình của plugin '{PLUGIN}' phải là một bảng khóa: giá trị "
                                                     "(timezone, categories, channels, ...)")])
    top = [Problem(name, lines.of(key), f"{key} phải là một đoạn văn bản")
           for key in ("docs_dir", "site_url", "site_name", "site_description")
           if data.get(key) is not None and not isinstance(data[key], str)]
    return _validate(config_file, name, data, settings, plines, top)


def _validate(config_file: Path, name: str, data: dict, s: dict, L: yamlfile.Lines,
              problems: list[Problem]) -> SiteConfig:

    def err(path: tuple, message: str) -> None:
        problems.append(Problem(name, L.of(*path), message))

    root = config_file.resolve().parent
    for key in s:
        if key not in KNOWN_KEYS:
            err((key,), unknown_key(key, KNOWN_KEYS))

    tz_name = s.get("timezone") or "Asia/Ho_Chi_Minh"
    try:
        if not isinstance(tz_name, str):
            raise ValueError(f"múi giờ phải là tên dạng Khu_vực/Thành_phố, ví dụ Asia/Ho_Chi_Minh, "
                             f"không phải {_short(tz_name)!r}")
        tz = timeutil.zone(tz_name)
    except ValueError as exc:
        err(("timezone",), str(exc))
        tz, tz_name = timeutil.zone("Asia/Ho_Chi_Minh"), "Asia/Ho_Chi_Minh"

    as_of = None
    if s.get("as_of") not in (None, ""):
        try:
            as_of = timeutil.parse_datetime(_scalar_text(s["as_of"]), tz, end_of_day=True)
            plausible_day(as_of.date())
        except ValueError as exc:
            err(("as_of",), f"as_of: {exc}")

    categories: list[Category] = []
    raw_cats = s.get("categories") or []
    if not isinstance(raw_cats, list) or not raw_cats:
        err(("categories",), "cần khai báo ít nhất một chuyên mục (categories: - {id: ..., name: ...})")
        raw_cats = raw_cats if isinstance(raw_cats, list) else []
    for i, c in enumerate(raw_cats):
        if not isinstance(c, dict) or not c.get("id") or not c.get("name"):
            err(("categories", i), "mỗi chuyên mục cần có 'id' và 'name'")
            continue
        for key in c:
            if key not in CATEGORY_KEYS:
                err(("categories", i, key), unknown_key(key, CATEGORY_KEYS, "chuyên mục"))
        cid = str(c["id"])
        if not SLUG_RE.match(cid):
            err(("categories", i, "id"), f"mã chuyên mục '{cid}' phải viết thường, không dấu, nối bằng '-'")
        if any(x.id == cid for x in categories):
            err(("categories", i, "id"), f"mã chuyên mục '{cid}' bị trùng")
        categories.append(Category(cid, _nfc(c["name"]), _nfc(c.get("description") or "")))

    channels: list[Channel] = []
    raw_channels = s.get("channels") or []
    if not isinstance(raw_channels, list):
        err(("channels",), "channels phải là một danh sách")
        raw_channels = []
    for i, c in enumerate(raw_channels):
        ch = _channel(c, i, err)
        if ch is None:
            continue
        if any(x.id == ch.id for x in channels):
            err(("channels", i, "id"), f"mã kênh '{ch.id}' bị trùng")
        channels.append(ch)

    default_channel = s.get("default_channel") or (channels[0].id if channels else "chuyen-trang")
    if "default_channel" in s and not any(x.id == default_channel for x in channels):
        known = ", ".join(x.id for x in channels) or "chưa khai báo kênh nào"
        if isinstance(raw_channels, list) and len(channels) == len(raw_channels):  # a broken channel: said already
            err(("default_channel",), f"default_channel: kênh không có trong cấu hình: '{_short(default_channel)}' "
                                      f"(có: {known})")
    default_channel = str(default_channel)

    waivers: list[Waiver] = []
    raw_waivers = s.get("waivers") or []
    if not isinstance(raw_waivers, list):
        err(("waivers",), "waivers phải là một danh sách, ví dụ: waivers: [{channel: bao, period: 2024-W06, "
                          "reason: \"Nghỉ Tết\"}]")
        raw_waivers = []
    for i, w in enumerate(raw_waivers):
        if not isinstance(w, dict):
            err(("waivers", i), "mỗi miễn trừ cần có channel, period, reason")
            continue
        for key in w:
            if key not in WAIVER_KEYS:
                err(("waivers", i, key), unknown_key(key, WAIVER_KEYS, "miễn trừ"))
        cid, pid, reason = _scalar_text(w.get("channel")), _scalar_text(w.get("period")), _nfc(w.get("reason") or "")
        ch = next((x for x in channels if x.id == cid), None)
        if ch is None:
            err(("waivers", i, "channel"), f"miễn trừ cho kênh không có trong cấu hình: '{_short(cid)}'")
            continue
        kind = timeutil.period_kind(pid)
        try:
            timeutil.period_bounds(pid)
        except ValueError:
            kind = None
        if kind is None:
            err(("waivers", i, "period"), f"kỳ miễn trừ '{_short(pid)}' không hợp lệ (cần YYYY-Www hoặc YYYY-MM)")
        elif kind != ch.target.per:
            want = "tuần (YYYY-Www)" if ch.target.per == "week" else "tháng (YYYY-MM)"
            err(("waivers", i, "period"), f"kênh '{cid}' tính theo {want}, kỳ miễn trừ '{pid}' không khớp")
        if not reason:
            err(("waivers", i), "miễn trừ cần ghi lý do (reason)")
        waivers.append(Waiver(cid, pid, reason))

    page_size = s.get("page_size", 20)
    if not isinstance(page_size, int) or isinstance(page_size, bool) or page_size < 1:
        err(("page_size",), "page_size phải là số nguyên dương")
        page_size = 20

    if problems:
        raise InputError(problems)
    docs_dir = data.get("docs_dir") or "content"
    site_url = str(data.get("site_url") or "")
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    extra = {k: v for k, v in s.items() if k not in {"timezone", "default_channel", "as_of", "categories",
                                                     "channels", "waivers", "page_size"}}
    return SiteConfig(
        config_file=config_file.resolve(),
        root=root,
        content_dir=(root / docs_dir).resolve(),
        feeds_dir=(root / "feeds").resolve(),
        site_name=_nfc(data.get("site_name") or "Chuyên trang Chuyển đổi số"),
        site_url=site_url,
        site_description=_nfc(data.get("site_description") or ""),
        timezone=tz_name,
        tz=tz,
        default_channel=default_channel,
        categories=tuple(categories),
        channels=tuple(channels),
        waivers=tuple(waivers),
        as_of_pinned=as_of,
        page_size=page_size,
        extra=MappingProxyType(extra),
        lines=L,
    )


def _channel(c: object, i: int, err) -> Channel | None:
    if not isinstance(c, dict):
        err(("channels", i), "mỗi kênh cần có id, name, target, since")
        return None
    ok = True
    for key in c:
        if key not in CHANNEL_KEYS:
            err(("channels", i, key), unknown_key(key, CHANNEL_KEYS, "kênh"))
            ok = False
    cid = _scalar_text(c.get("id"))
    if not cid or not SLUG_RE.match(cid):
        err(("channels", i, "id"), f"mã kênh '{_short(cid)}' phải viết thường, không dấu, nối bằng '-'")
        ok = False
    t = c.get("target")
    target = None
    if not isinstance(t, dict):
        err(("channels", i, "target"), f"kênh '{cid}' cần target: {{per: week|month, min: N, mode: every|average, window: N}}")
        ok = False
    else:
        for key in t:
            if key not in TARGET_KEYS:
                err(("channels", i, "target", key), unknown_key(key, TARGET_KEYS, "target"))
                ok = False
        per, mode, minimum, window = t.get("per"), t.get("mode", "every"), t.get("min"), t.get("window")
        if per not in ("week", "month"):
            err(("channels", i, "target", "per"),
                f"kênh '{cid}': per phải là 'week' hoặc 'month'"
                + (f", không phải {_short(repr(per))}" if "per" in t else " (target chưa có 'per')"))
            ok = False
        if mode not in ("every", "average"):
            err(("channels", i, "target", "mode"),
                f"kênh '{cid}': mode phải là 'every' hoặc 'average', không phải {_short(repr(mode))}")
            ok = False
        # .nan and .inf are numbers to YAML; neither is a count of articles (and NaN is not JSON)
        if isinstance(minimum, bool) or not isinstance(minimum, (int, float)) or not minimum > 0 \
                or not math.isfinite(minimum) or minimum > MAX_MIN:
            err(("channels", i, "target", "min"), f"kênh '{cid}': min phải là số lớn hơn 0 và không quá {MAX_MIN:,}"
                .replace(",", "."))
            ok = False
        if isinstance(window, bool) or not isinstance(window, int) or not 1 <= window <= MAX_WINDOW:
            err(("channels", i, "target", "window"), f"kênh '{cid}': window phải là số nguyên từ 1 đến {MAX_WINDOW}")
            ok = False
        if ok:
            target = Target(per, minimum, mode, window)
    since = until = None
    if c.get("since") in (None, ""):
        err(("channels", i), f"kênh '{cid}' cần 'since': ngày bắt đầu áp dụng chỉ tiêu")
        ok = False
    else:
        try:
            since = timeutil.parse_day(_scalar_text(c["since"]))
            plausible_day(since)
        except ValueError as exc:
            err(("channels", i, "since"), f"kênh '{cid}': since: {exc}")
            ok = False
    if c.get("until") not in (None, ""):
        try:
            until = timeutil.parse_day(_scalar_text(c["until"]))
            plausible_day(until)
        except ValueError as exc:
            err(("channels", i, "until"), f"kênh '{cid}': until: {exc}")
            ok = False
    if since and until and until < since:
        err(("channels", i, "until"), f"kênh '{cid}': until ({until}) trước since ({since})")
        ok = False
    plan = c.get("plan")
    if plan is not None and (not isinstance(plan, str) or not plan.strip()):
        err(("channels", i, "plan"), f"kênh '{cid}': plan phải là dòng chữ ghi văn bản đặt chỉ tiêu, "
                                     "ví dụ \"Kế hoạch số 97/KH-UBND ngày 15/3/2026, mục II.3\"")
        ok = False
    if not ok:
        return None
    return Channel(cid, _nfc(c.get("name") or cid), target, since, until, _nfc(plan or ""))


def _scalar_text(value: object) -> str:
    return "" if value is None else str(value)


def _nfc(value: object) -> str:
    import unicodedata

    return unicodedata.normalize("NFC", str(value)).strip()
