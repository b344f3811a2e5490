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
``feedback:`` block (its ``department``, ...), and the other way round (see ``generator.feedback``).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from generator.config import SiteConfig, unknown_key
from generator.problems import Problem

KEYS = ("name", "responsible", "address", "phone", "email", "licence", "republish")
# also the feedback block's checks (generator.feedback): one rule for an address or a number wherever it is written
EMAIL_RE = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 .\-()]{5,}$")
MAX_TEXT = 500  # a footer line, not an article


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
    file = config.config_file.name
    raw = config.extra.get("agency")
    problems: list[Problem] = []

    def err(key: str | None, message: str) -> None:
        problems.append(Problem(file, config.line("agency", key) if key else config.line("agency"), message))

    if raw in (None, {}):
        return None, []
    if not isinstance(raw, dict):
        err(None, "agency phải là một bảng khóa: " + ", ".join(KEYS))
        return None, problems
    for key in raw:
        if key not in KEYS:
            err(key, unknown_key(key, KEYS, "agency"))
    v: dict[str, str] = {}
    for key in KEYS:
        value = raw.get(key)
        if value is not None and not isinstance(value, (str, int, float)):
            err(key, f"agency: {key} phải là một đoạn văn bản, không phải danh sách hay nhóm khóa")
            value = None
        v[key] = _text(value)
        if len(v[key]) > MAX_TEXT:
            err(key, f"agency: {key} dài {len(v[key])} ký tự, tối đa {MAX_TEXT}")
    if not v["name"] and not _feedback_value(config, "department"):
        err("name" if "name" in raw else None,
            "agency cần 'name': tên cơ quan chủ quản (hoặc 'department' trong mục feedback)")
    if v["email"] and not EMAIL_RE.match(v["email"]):
        err("email", f"địa chỉ thư điện tử không hợp lệ: '{v['email'][:60]}'")
    if v["phone"] and not PHONE_RE.match(v["phone"]):
        err("phone", f"số điện thoại không hợp lệ: '{v['phone'][:60]}' (chỉ gồm chữ số, dấu cách, '.', '-', '+')")
    if problems:
        return None, problems
    return Agency(**v), []


def _feedback_value(config: SiteConfig, key: str) -> str:
    raw = config.extra.get("feedback")
    return _text(raw.get(key)) if isinstance(raw, dict) and isinstance(raw.get(key), (str, int, float)) else ""


def _text(value: object) -> str:
    return unicodedata.normalize("NFC", str(value)).strip() if value is not None else ""
