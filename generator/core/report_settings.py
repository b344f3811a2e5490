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
      pdf_quarters: 2                                        # PDFs of the latest 2 quarters (0: none)

Without a ``report:`` block the formal reports are still made, with dotted blanks where these go: a form an office
fills in by hand rather than no report at all.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.core import schema
from generator.core.config import SiteConfig
from generator.core.problems import InputError, Problem
from generator.core.schema import Block, Field, Int, ListOf, Pattern, Text

BLANK = "…………"
PDF_QUARTERS = 2
_SYMBOL_RE = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9.\-]*$")
_LINE = "{p}'{key}' phải là một dòng chữ"
_NEEDS = "report cần '{key}': "
FIELD = Field("report", Block("report", (
    Field("agency", Text(), required=True, message=_LINE, missing=_NEEDS + "tên cơ quan ban hành báo cáo"),
    Field("parent_agency", Text(), required=True, message=_LINE, missing=_NEEDS + "tên cơ quan chủ quản"),
    Field("place", Text(), required=True, message=_LINE,
          missing=_NEEDS + "địa danh ghi trước ngày tháng (ví dụ: Lâm Đồng)"),
    Field("signer_title", Text(), required=True, message=_LINE, missing=_NEEDS + "chức vụ người ký"),
    Field("signer_name", Text(), required=True, message=_LINE, missing=_NEEDS + "họ tên người ký"),
    Field("recipients", ListOf(Text(), min_items=1, item_message="{p}mỗi nơi nhận là một dòng chữ",
                               message="{p}recipients phải là danh sách nơi nhận, ví dụ [UBND tỉnh (để b/c), "
                                       "Sở Nội vụ]"),
          required=True, missing=_NEEDS + "danh sách nơi nhận"),
    # "Số: …/BC-SKHCN": the number is the clerk's
    Field("symbol", Pattern(pattern=_SYMBOL_RE), default="BC",
          message="{p}ký hiệu văn bản '{value}' viết chữ in hoa, số, '-' hoặc '.', ví dụ BC-SKHCN"),
    Field("preparer", Text(), default="", message=_LINE),
    Field("signer_authority", Text(), default="", message=_LINE),
    Field("archive", Text(), default="VT", message=_LINE),  # "Lưu: VT, CĐS."
    # A PDF costs seconds of a build; a quarter's report is printed, signed and filed soon after it ends, so only
    # the latest quarters get one (older ones keep their printable page, JSON and workbook).
    Field("pdf_quarters", Int(0, 40), default=PDF_QUARTERS,
          message="{p}pdf_quarters là số quý gần nhất có bản PDF, số nguyên từ 0 (không tạo PDF) đến 40, "
                  "không phải '{value}'"),
), who=lambda raw: "report"))
KEYS = FIELD.kind.keys
REQUIRED = tuple(f.name for f in FIELD.kind.fields if f.required)
OPTIONAL = tuple(f.name for f in FIELD.kind.fields if not f.required)


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
    pdf_quarters: int = PDF_QUARTERS
    configured: bool = False


def report_settings_problems(config: SiteConfig) -> tuple[ReportSettings, list[Problem]]:
    """The settings (defaults with blanks when there is no ``report:`` block) and every problem found in them."""
    raw = config.extra.get("report")
    if raw in (None, {}):
        return ReportSettings(), []
    v, problems = schema.validate_field(FIELD, raw, path=config.config_file.name, line=config.line)
    if v is None or problems:
        return ReportSettings(), problems
    return ReportSettings(**v, configured=True), []


def load_report_settings(config: SiteConfig) -> ReportSettings:
    settings, problems = report_settings_problems(config)
    if problems:
        raise InputError(problems)
    return settings
