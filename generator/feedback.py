"""Góp ý, hỏi đáp: the department's contact details and where citizens' feedback goes, read from config.

Config (plugin settings in ``mkdocs.yml``)::

    feedback:
      department: Sở Khoa học và Công nghệ tỉnh Lâm Đồng
      address: ...
      phone: "0263 3822 424"
      email: chuyendoiso@lamdong.gov.vn
      form_endpoint: https://gopy.lamdong.gov.vn/chuyen-doi-so   # optional: the form posts here; else a mailto link

``department``, ``address``, ``phone`` and ``email`` left out are taken from the ``agency:`` block
(``generator.agency``): the contacts are written once. With no ``feedback:`` block, the page is made from the
agency's contacts when it has a phone or an email.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from generator.agency import EMAIL_RE as _EMAIL_RE, PHONE_RE as _PHONE_RE, agency_problems
from generator.config import SiteConfig, unknown_key
from generator.problems import InputError, Problem

KEYS = ("department", "address", "phone", "email", "form_endpoint")


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
    problems: list[Problem] = []

    def err(key: str | None, message: str) -> None:
        problems.append(Problem(name, config.line("feedback", key) if key else config.line("feedback"), message))

    agency, agency_bad = agency_problems(config)  # its own problems are reported by generator.agency
    if raw in (None, {}):
        if agency is not None and (agency.phone or agency.email):
            return Feedback(agency.name, agency.address, agency.phone, agency.email, ""), []
        return None, []
    if not isinstance(raw, dict):
        err(None, "feedback phải là một bảng khóa: department, address, phone, email, form_endpoint")
        return None, problems
    for key in raw:
        if key not in KEYS:
            err(key, unknown_key(key, KEYS, "feedback"))
    v = {k: _text(raw.get(k)) for k in KEYS}
    if agency is not None:
        for mine, theirs in (("department", "name"), ("address", "address"), ("phone", "phone"), ("email", "email")):
            v[mine] = v[mine] or getattr(agency, theirs)
    # what is missing here may be in the agency block once that is put right: not reported twice
    if not v["department"] and not agency_bad:
        err("department" if "department" in raw else None, "feedback cần 'department': tên cơ quan tiếp nhận góp ý")
    if not (v["email"] or v["phone"] or v["form_endpoint"] or agency_bad):
        err(None, "feedback cần ít nhất một cách liên hệ: email, phone hoặc form_endpoint")
    if v["email"] and not _EMAIL_RE.match(v["email"]):
        err("email", f"địa chỉ thư điện tử không hợp lệ: '{v['email']}'")
    if v["phone"] and not _PHONE_RE.match(v["phone"]):
        err("phone", f"số điện thoại không hợp lệ: '{v['phone']}' (chỉ gồm chữ số, dấu cách, '.', '-', '+')")
    if v["form_endpoint"]:
        parts = urlsplit(v["form_endpoint"])
        if parts.scheme not in ("https", "http") or not parts.netloc:
            err("form_endpoint", f"form_endpoint phải là địa chỉ http(s) đầy đủ, không phải '{v['form_endpoint']}'")
    if problems:
        return None, problems
    return Feedback(**v), []


def load_feedback(config: SiteConfig) -> Feedback | None:
    fb, problems = feedback_problems(config)
    if problems:
        raise InputError(problems)
    return fb


def _text(value: object) -> str:
    return unicodedata.normalize("NFC", str(value)).strip() if value is not None else ""
