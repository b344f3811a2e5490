"""The agency that owns the site: who manages it, who answers for it, how to reach it, the decision it rests on and
how to cite it when republishing. Shown in every page's footer and on printouts.

Config (plugin settings in ``mkdocs.yml``)::

    agency:
      name: Sở Khoa học và Công nghệ tỉnh Lâm Đồng       # cơ quan chủ quản
      responsible: "Ông Trần Quang Minh, Phó Giám đốc Sở"  # người chịu trách nhiệm nội dung
      address: ...
      phone: "0263 3822 424"
      email: chuyendoiso@lamdong.gov.vn
      licence: "Quyết định số 1234/QĐ-SKHCN ngày 15/8/2022 của Sở Khoa học và Công nghệ"
      republish: "Ghi rõ nguồn ... khi phát hành lại thông tin từ trang này."   # optional: a default is written

The contacts are kept once: ``name``, ``address``, ``phone`` and ``email`` left out here are taken from the
``feedback:`` block (its ``department``, ...), and the other way round (see ``generator.core.feedback``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.core import schema
from generator.core.config import SiteConfig
from generator.core.problems import Problem
from generator.core.schema import Block, Field, Pattern, Text, nfc

# also the feedback block's checks (generator.core.feedback): one rule for an address or a number wherever it is written
EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 .\-()]{5,}$")
MAX_TEXT = 500  # a footer line, not an article
EMAIL = Field("email", Pattern(MAX_TEXT, pattern=EMAIL_RE), default="",
              message="địa chỉ thư điện tử không hợp lệ: '{value}'")
PHONE = Field("phone", Pattern(MAX_TEXT, pattern=PHONE_RE), default="",
              message="số điện thoại không hợp lệ: '{value}' (chỉ gồm chữ số, dấu cách, '.', '-', '+')")
FIELD = Field("agency", Block("agency", (
    Field("name", Text(MAX_TEXT), default=""),  # cơ quan chủ quản; or the feedback block's department
    Field("responsible", Text(MAX_TEXT), default=""),  # người chịu trách nhiệm nội dung
    Field("address", Text(MAX_TEXT), default=""),
    PHONE,
    EMAIL,
    Field("licence", Text(MAX_TEXT), default=""),
    Field("republish", Text(MAX_TEXT), default=""),  # a default note is written (Agency.with_defaults)
), who=lambda raw: "agency", message="agency phải là một bảng khóa: {keys}"))
KEYS = FIELD.kind.keys


@dataclass(frozen=True)
class Agency:
    name: str
    responsible: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    licence: str = ""
    republish: str = ""  # "" until ``with_defaults`` writes the usual note

    @property
    def tel_href(self) -> str:
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else ""

    def filled_from(self, department: str, address: str, phone: str, email: str) -> "Agency":
        """This agency with what it leaves out taken from the feedback block's contacts."""
        return replace(self, name=self.name or department, address=self.address or address,
                       phone=self.phone or phone, email=self.email or email)

    def with_defaults(self, site_name: str, site_url: str) -> "Agency":
        """The republishing note written out when the settings give none (Nghị định 42/2022/NĐ-CP, Điều 10)."""
        if self.republish:
            return self
        where = f" ({site_url.rstrip('/')})" if site_url else ""
        return replace(self, republish=f"Khi phát hành lại thông tin từ trang này, đề nghị ghi rõ nguồn "
                                       f"“{site_name}”{where}.")


def agency_problems(config: SiteConfig) -> tuple[Agency | None, list[Problem]]:
    """The ``agency:`` settings as written (None when absent; nothing taken from ``feedback:`` yet) and every
    problem found in them, as ``mkdocs.yml:line: message``."""
    raw = config.extra.get("agency")
    if raw in (None, {}):
        return None, []
    v, problems = schema.validate_field(FIELD, raw, path=config.config_file.name, line=config.line)
    if v is None:
        return None, problems
    # the name may be written once, as the feedback block's department
    if v.get("name", "?") == "" and not _feedback_value(config, "department"):  # absent: a wrong one is said already
        problems.append(Problem(config.config_file.name, config.line("agency", "name" if "name" in raw else None),
                                "agency cần 'name': tên cơ quan chủ quản (hoặc 'department' trong mục feedback)"))
    if problems:
        return None, problems
    return Agency(**v), []


def _feedback_value(config: SiteConfig, key: str) -> str:
    raw = config.extra.get("feedback")
    return nfc(raw.get(key)) if isinstance(raw, dict) and isinstance(raw.get(key), (str, int, float)) else ""
