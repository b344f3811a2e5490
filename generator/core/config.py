"""The site configuration: `mkdocs.yml` and the `chuyentrang` plugin's settings, read and validated once."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Mapping
from zoneinfo import ZoneInfo

import yaml

from generator.core import choices, schema, timeutil, yamlfile
from generator.core.problems import InputError, Problem
from generator.core.schema import Block, Bool, Check, Choice, Day, Field, Int, ListOf, Number, Slug, Text, nfc, short
from generator.core.schema import SLUG_RE, plausible_day, unknown_key  # noqa: F401 (imported from here by other modules)
from generator.support.exits import os_reason

PLUGIN = "chuyentrang"
MAX_MIN = 10_000  # items a period: far more than any newsroom publishes
MAX_WINDOW = 520  # periods: ten years of weeks


def _zone(value: object) -> str:
    if not isinstance(value, str):
        raise ValueError(f"múi giờ phải là tên dạng Khu_vực/Thành_phố, ví dụ Asia/Ho_Chi_Minh, "
                         f"không phải {_short(value)!r}")
    timeutil.zone(value)
    return value


# --- the plugin's settings, declared once: keys, kinds, defaults, messages -----------------------------------------

CATEGORY = Block("chuyên mục", (
    Field("id", Slug(), required=True, message="mã chuyên mục '{value}' phải viết thường, không dấu, nối bằng '-'",
          missing="mỗi chuyên mục cần có 'id' và 'name'"),
    Field("name", Text(), required=True, missing="mỗi chuyên mục cần có 'id' và 'name'"),
    Field("description", Text(), default=""),
))
_TARGET = "{who} cần target: {{per: week|month, min: N, mode: every|average, window: N}}"
_MIN = f"{{p}}min phải là số lớn hơn 0 và không quá {MAX_MIN:,}".replace(",", ".")
_WINDOW = f"{{p}}window phải là số nguyên từ 1 đến {MAX_WINDOW}"
TARGET = Block("target", (
    Field("per", Choice(("week", "month")), required=True, message="{p}per phải là 'week' hoặc 'month', không phải {raw}",
          missing="{p}per phải là 'week' hoặc 'month' (target chưa có 'per')"),
    Field("min", Number(above=0, hi=MAX_MIN), required=True, message=_MIN, missing=_MIN),
    Field("mode", Choice(("every", "average")), default="every",
          message="{p}mode phải là 'every' hoặc 'average', không phải {raw}"),
    Field("window", Int(1, MAX_WINDOW), required=True, message=_WINDOW, missing=_WINDOW),
))
_PLAN = "{p}plan phải là dòng chữ ghi văn bản đặt chỉ tiêu, ví dụ \"Kế hoạch số 97/KH-UBND ngày 15/3/2026, mục II.3\""
_CHANNEL_ID = "mã kênh '{value}' phải viết thường, không dấu, nối bằng '-'"
CHANNEL = Block("kênh", (
    Field("id", Slug(), required=True, message=_CHANNEL_ID, missing=_CHANNEL_ID.replace("{value}", "")),
    Field("name", Text(), default=""),  # the id when left out
    Field("target", TARGET, required=True, message=_TARGET, missing=_TARGET),
    Field("since", Day(), required=True, missing="{who} cần 'since': ngày bắt đầu áp dụng chỉ tiêu"),
    Field("until", Day()),
    Field("plan", Text(numbers=False), default="", blank_is_wrong=True, message=_PLAN, missing=_PLAN),
), who=lambda raw: f"kênh '{_short(_scalar_text(raw.get('id')))}'")
WAIVER = Block("miễn trừ", (
    Field("channel", Text(), required=True, missing="miễn trừ cần ghi kênh (channel)"),
    Field("period", Text(), required=True,
          missing="miễn trừ cần ghi kỳ (period): tuần dạng 2026-W49 hoặc tháng dạng 2026-12"),
    Field("reason", Text(), required=True, missing="miễn trừ cần ghi lý do (reason)"),
    Field("approved_by", Text(), default=""),  # required in a waiver file (mien-tru/), optional in mkdocs.yml
    Field("document", Text(), default=""),
), who=lambda raw: "miễn trừ")
_CATEGORIES = "cần khai báo ít nhất một chuyên mục (categories: - {{id: ..., name: ...}})"
# Blocks marked `deferred` are judged, with their own tables, by the module that uses them (generator.core.campaigns,
# generator.core.feedback, ...): here they are only known keys, kept in `SiteConfig.extra`.
SETTINGS = Block("", (
    Field("enabled", Bool(), default=True, message="enabled chỉ nhận true hoặc false"),
    Field("timezone", Check(_zone), default="Asia/Ho_Chi_Minh", message="{detail}"),
    Field("default_channel", Text(), default=""),  # the first channel when left out
    Field("as_of", Text(), default=""),  # read in the timezone, after the table
    Field("categories", ListOf(CATEGORY, min_items=1, message=_CATEGORIES,
                               item_message="mỗi chuyên mục cần có 'id' và 'name'"),
          required=True, missing=_CATEGORIES),
    Field("channels", ListOf(CHANNEL, message="channels phải là một danh sách",
                             item_message="mỗi kênh cần có id, name, target, since"), default=()),
    Field("waivers", ListOf(WAIVER, item_message="mỗi miễn trừ cần có channel, period, reason",
                            message="waivers phải là một danh sách, ví dụ: waivers: [{{channel: bao, "
                                    "period: 2024-W06, reason: \"Nghỉ Tết\"}}]"), default=()),
    Field("page_size", Int(1), default=20, message="page_size phải là số nguyên dương"),
    Field("integrity", None, deferred=True, help="kiểm tra ngày đăng (generator.core.integrity)"),
    Field("campaigns", None, deferred=True, help="chiến dịch truyền thông (generator.core.campaigns)"),
    Field("feedback", None, deferred=True, help="góp ý, hỏi đáp (generator.core.feedback)"),
    Field("report", None, deferred=True, help="báo cáo chính thức (generator.core.report_settings)"),
    Field("radio", None, deferred=True, help="bản tin phát thanh (generator.radio.settings)"),
    Field("bulletin", None, deferred=True, help="bản tin tháng (generator.core.bulletin)"),
    Field("agency", None, deferred=True, help="cơ quan chủ quản (generator.core.agency)"),
))
KNOWN_KEYS = SETTINGS.keys
CATEGORY_KEYS = CATEGORY.keys
CHANNEL_KEYS = CHANNEL.keys
TARGET_KEYS = TARGET.keys
WAIVER_KEYS = WAIVER.keys
DEFERRED = tuple(f.name for f in SETTINGS.fields if f.deferred)
_short = short


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
        raise InputError([Problem(str(config_file), None, f"không đọc được tệp cấu hình ({os_reason(exc)})")]) from None
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
    v, found = schema.validate(SETTINGS, s, path=name, line=L.of)
    problems += found

    def err(path: tuple, message: str) -> None:
        problems.append(Problem(name, L.of(*path), message))

    # --- what the table cannot say: rules across fields ---
    tz_name = v.get("timezone") or "Asia/Ho_Chi_Minh"
    tz = timeutil.zone(tz_name)

    as_of = None
    if v.get("as_of"):
        try:
            as_of = timeutil.parse_as_of(v["as_of"], tz)
            plausible_day(as_of.date())
        except ValueError as exc:
            err(("as_of",), f"as_of: {exc}")

    categories: list[Category] = []
    for c in v.get("categories") or ():
        if "id" in c and any(x.id == c["id"] for x in categories):
            err(("categories", c.index, "id"), f"mã chuyên mục '{c['id']}' bị trùng")
        if c.ok:
            categories.append(Category(c["id"], c["name"], c["description"]))

    channels: list[Channel] = []
    for c in v.get("channels") or ():
        i = c.index
        if c.get("until") and c.get("since") and c["until"] < c["since"]:
            err(("channels", i, "until"), f"kênh '{c.get('id', '')}': until ({c['until']}) trước since ({c['since']})")
            continue
        if not c.ok:
            continue
        if any(x.id == c["id"] for x in channels):
            err(("channels", i, "id"), f"mã kênh '{c['id']}' bị trùng")
        t = c["target"]
        channels.append(Channel(c["id"], c["name"] or c["id"], Target(t["per"], t["min"], t["mode"], t["window"]),
                                c["since"], c["until"], c["plan"]))

    raw_channels = s.get("channels")
    default_channel = v.get("default_channel") or (channels[0].id if channels else "chuyen-trang")
    if v.get("default_channel") and not any(x.id == default_channel for x in channels):
        known = ", ".join(x.id for x in channels) or "chưa khai báo kênh nào"
        if not isinstance(raw_channels, list) or len(channels) == len(raw_channels):  # a broken channel: said already
            err(("default_channel",), f"default_channel: kênh không có trong cấu hình: '{_short(default_channel)}' "
                                      f"(có: {known})" + choices.hint(default_channel, [(x.id, x.name) for x in channels]))

    waivers: list[Waiver] = []
    for w in v.get("waivers") or ():
        if "channel" in w and "period" in w:
            wrong = period_problem(channels, w["channel"], period_id(w["period"]))
            if wrong:
                err(("waivers", w.index, "period" if any(x.id == w["channel"] for x in channels) else "channel"), wrong)
        if w.ok:
            waivers.append(Waiver(w["channel"], period_id(w["period"]), w["reason"], approved_by=w["approved_by"],
                                  document=w["document"]))

    if problems:
        raise InputError(problems)
    root = config_file.resolve().parent
    docs_dir = data.get("docs_dir") or "content"
    site_url = str(data.get("site_url") or "")
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    extra = {k: s[k] for k in DEFERRED if k in s}
    return SiteConfig(
        config_file=config_file.resolve(),
        root=root,
        content_dir=(root / docs_dir).resolve(),
        feeds_dir=(root / "feeds").resolve(),
        site_name=nfc(data.get("site_name") or "Chuyên trang Chuyển đổi số"),
        site_url=site_url,
        site_description=nfc(data.get("site_description") or ""),
        timezone=tz_name,
        tz=tz,
        default_channel=str(default_channel),
        categories=tuple(categories),
        channels=tuple(channels),
        waivers=tuple(waivers),
        as_of_pinned=as_of,
        page_size=v.get("page_size") or 20,
        extra=MappingProxyType(extra),
        lines=L,
    )


def period_id(written: object) -> object:
    """A waiver's period as the site writes it: `2026-w46` (as in the /tuan/2026-w46/ addresses) is 2026-W46."""
    return written.strip().upper() if isinstance(written, str) else written


def period_problem(channels, cid: str, pid: str) -> str | None:
    """Why waiving period ``pid`` of channel ``cid`` makes no sense, or None: for a waiver in mkdocs.yml and in a
    waiver file (generator.core.decisions) alike."""
    channel = next((c for c in channels if c.id == cid), None)
    if channel is None:
        known = ", ".join(c.id for c in channels)
        return f"kênh không có trong cấu hình: '{_short(cid)}' (có: {known})" + choices.hint(cid, [(c.id, c.name)
                                                                                               for c in channels])
    kind = timeutil.period_kind(pid)
    if kind is not None:
        try:
            timeutil.period_bounds(pid)
        except ValueError:
            kind = None
    if kind is None:
        return f"kỳ '{_short(pid)}' không hợp lệ: viết tuần dạng 2026-W49 hoặc tháng dạng 2026-12"
    if kind != channel.target.per:
        want = "tuần (dạng 2026-W49)" if channel.target.per == "week" else "tháng (dạng 2026-12)"
        return f"kênh '{cid}' tính theo {want}, kỳ '{pid}' không khớp"
    return None


def _scalar_text(value: object) -> str:
    return "" if value is None else str(value)
