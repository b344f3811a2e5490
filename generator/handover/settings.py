"""The formal report's settings: who issues it, who signs it, who receives it (``report:`` in the plugin settings).

Config::

    report:
      agency: Sở Khoa học và Công nghệ tỉnh Lâm Đồng       # cơ quan ban hành
      parent_agency: UBND tỉnh Lâm Đồng                     # cơ quan chủ quản
      symbol: BC-SKHCN                                       # ký hiệu: "Số: …/BC-SKHCN"; the number is the clerk's
      place: Lâm Đồng                                        # địa danh: "Lâm Đồng, ngày … tháng … năm …"
      preparer: Nguyễn Thị Lan                               # người lập (optional)
      signer_authority: KT. GIÁM ĐỐC                         # thẩm quyền ký (optional)
      signer_title: PHÓ GIÁM ĐỐC                             # chức vụ người ký
      signer_name: Trần Văn Minh
      recipients: [UBND tỉnh (để b/c), Sở Nội vụ]            # nơi nhận
      archive: VT, CĐS                                       # "Lưu: VT, CĐS." (optional)

Without a ``report:`` block the formal reports are still made, with dotted blanks where these go: a form an office
fills in by hand rather than no report at all.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from generator.config import SiteConfig
from generator.problems import InputError, Problem

REQUIRED = ("agency", "parent_agency", "place", "signer_title", "signer_name", "recipients")
OPTIONAL = ("symbol", "preparer", "signer_authority", "archive")
KEYS = REQUIRED + OPTIONAL
BLANK = "…………"
_SYMBOL_RE = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9.\-]*$")


@dataclass(frozen=True)
class ReportSettings:
    agency: str = BLANK
    parent_agency: str = BLANK
    place: str = BLANK
    signer_title: str = BLANK
    signer_name: str = ""  # blank: the signer writes the name by hand
    recipients: tuple[str, ...] = ()
    symbol: str = "BC"
    preparer: str = ""
    signer_authority: str = ""
    archive: str = "VT"
    configured: bool = False


def _text(value) -> str:
    return unicodedata.normalize("NFC", str(value)).strip() if value is not None else ""


def report_settings_problems(config: SiteConfig) -> tuple[ReportSettings, list[Problem]]:
    """The settings (defaults with blanks when there is no ``report:`` block) and every problem found in them."""
    name = config.config_file.name
    raw = config.extra.get("report")
    problems: list[Problem] = []

    def err(path: tuple, message: str) -> None:
        problems.append(Problem(name, config.line("report", *path), message))

    if raw in (None, {}):
        return ReportSettings(), []
    if not isinstance(raw, dict):
        err((), "report phải là một bảng khóa: " + ", ".join(KEYS))
        return ReportSettings(), problems
    for key in raw:
        if key not in KEYS:
            err((key,), f"khóa không được hỗ trợ trong report: '{key}' (có thể dùng: {', '.join(KEYS)})")
    words = {"agency": "tên cơ quan ban hành báo cáo", "parent_agency": "tên cơ quan chủ quản",
             "place": "địa danh ghi trước ngày tháng (ví dụ: Lâm Đồng)", "signer_title": "chức vụ người ký",
             "signer_name": "họ tên người ký", "recipients": "danh sách nơi nhận"}
    values: dict[str, object] = {}
    for key in REQUIRED[:-1] + OPTIONAL:
        v = raw.get(key)
        if v is None:
            if key in REQUIRED:
                err((), f"report cần '{key}': {words[key]}")
            continue
        if isinstance(v, (dict, list, bool)) or not _text(v):
            err((key,), f"report: '{key}' phải là một dòng chữ")
            continue
        values[key] = _text(v)
    symbol = values.get("symbol")
    if isinstance(symbol, str) and not _SYMBOL_RE.match(symbol):
        err(("symbol",), f"report: ký hiệu văn bản '{symbol}' viết chữ in hoa, số, '-' hoặc '.', ví dụ BC-SKHCN")
    rec = raw.get("recipients")
    if rec is None:
        err((), f"report cần 'recipients': {words['recipients']}")
    elif not isinstance(rec, list) or not rec:
        err(("recipients",), "report: recipients phải là danh sách nơi nhận, ví dụ [UBND tỉnh (để b/c), Sở Nội vụ]")
    else:
        for i, r in enumerate(rec):
            if isinstance(r, (dict, list, bool)) or not _text(r):
                err(("recipients", i), "report: mỗi nơi nhận là một dòng chữ")
        values["recipients"] = tuple(_text(r) for r in rec if isinstance(r, (str, int, float)) and _text(r))
    if problems:
        return ReportSettings(), problems
    return ReportSettings(**values, configured=True), []


def load_report_settings(config: SiteConfig) -> ReportSettings:
    settings, problems = report_settings_problems(config)
    if problems:
        raise InputError(problems)
    return settings
