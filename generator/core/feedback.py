"""Góp ý, hỏi đáp: the department's contact details and where citizens' feedback goes, read from config.

Config (plugin settings in ``mkdocs.yml``)::

    feedback:
      department: Sở Khoa học và Công nghệ tỉnh Lâm Đồng
      address: ...
      phone: "0263 3822 424"
      email: chuyendoiso@lamdong.gov.vn
      form_endpoint: https://gopy.lamdong.gov.vn/chuyen-doi-so   # optional: the form posts here; else a mailto link

``department``, ``address``, ``phone`` and ``email`` left out are taken from the ``agency:`` block
(``generator.core.agency``): the contacts are written once. With no ``feedback:`` block, the page is made from the
agency's contacts when it has a phone or an email.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from generator.core import schema
from generator.core.agency import EMAIL, MAX_TEXT, PHONE, agency_problems
from generator.core.config import SiteConfig
from generator.core.problems import InputError, Problem
from generator.core.schema import Block, Check, Field, Text



def _endpoint(value: object) -> str:
    text = Text().read(value)
    parts = urlsplit(text)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise ValueError("không phải địa chỉ http(s)")
    return text


FIELD = Field("feedback", Block("feedback", (
    Field("department", Text(MAX_TEXT), default=""),  # taken from agency: name when left out
    Field("address", Text(MAX_TEXT), default=""),
    PHONE,
    EMAIL,
    # the form posts here; else a mailto link
    Field("form_endpoint", Check(_endpoint), default="",
          message="form_endpoint phải là địa chỉ http(s) đầy đủ, không phải '{value}'"),
), who=lambda raw: "feedback", message="feedback phải là một bảng khóa: {keys}"))
KEYS = FIELD.kind.keys


@dataclass(frozen=True)
class Feedback:
    department: str
    address: str
    phone: str
    email: str
    form_endpoint: str  # "" when there is no form service: citizens write an email instead

    @property
    def tel_href(self) -> str:
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else ""

    def mailto_href(self, subject: str = "Góp ý về chuyên trang chuyển đổi số") -> str:
        return f"mailto:{self.email}?subject={quote(subject)}" if self.email else ""


def feedback_problems(config: SiteConfig) -> tuple[Feedback | None, list[Problem]]:
    """The feedback settings (None when not configured) and every problem found in them."""
    name = config.config_file.name
    raw = config.extra.get("feedback")

    def err(key: str | None, message: str) -> None:
        problems.append(Problem(name, config.line("feedback", key) if key else config.line("feedback"), message))

    agency, agency_bad = agency_problems(config)  # its own problems are reported by generator.core.agency
    if raw in (None, {}):
        if agency is not None and (agency.phone or agency.email):
            return Feedback(agency.name, agency.address, agency.phone, agency.email, ""), []
        return None, []
    v, problems = schema.validate_field(FIELD, raw, path=name, line=config.line)
    if v is None:
        return None, problems
    v = dict(v)
    wrong = set(KEYS) - set(v)  # said already
    if agency is not None:
        for mine, theirs in (("department", "name"), ("address", "address"), ("phone", "phone"), ("email", "email")):
            if mine in v:
                v[mine] = v[mine] or getattr(agency, theirs)
    # what is missing here may be in the agency block once that is put right: not reported twice
    if v.get("department") == "" and not agency_bad:
        err("department" if "department" in raw else None, "feedback cần 'department': tên cơ quan tiếp nhận góp ý")
    if not wrong and not (v["email"] or v["phone"] or v["form_endpoint"] or agency_bad):
        err(None, "feedback cần ít nhất một cách liên hệ: email, phone hoặc form_endpoint")
    if problems:
        return None, problems
    return Feedback(**v), []


def load_feedback(config: SiteConfig) -> Feedback | None:
    fb, problems = feedback_problems(config)
    if problems:
        raise InputError(problems)
    return fb
