"""Reviewed decision files beside ``mkdocs.yml``: waivers (``mien-tru/*.yml``) and urgent publishing
(``xuat-ban-khan/*.yml``).

Each is one small YAML file an editor can add in the forge's web editor or in Decap CMS, and a reviewer can approve
as a merge request, without touching ``mkdocs.yml``. They are read and validated like the rest of the input: every
problem at once, as ``path:line: message`` in Vietnamese.

- A waiver file has the same effect as a waiver in ``mkdocs.yml``; it also names who approved it and under which
  document (``approved_by``, ``document``), shown in the frequency log and the report.
- An urgent publish lets ``build`` publish while a target is missed, but only while the as-of time is inside its
  ``from``..``until`` (at most 7 days). It hides nothing: the report still says the target was missed, and shows the
  override beside it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from generator.core import timeutil, yamlfile
from generator.core.config import WAIVER_KEYS, SiteConfig, Waiver, period_id, period_problem
from generator.core.schema import nfc, unknown_key
from generator.core.problems import Problem

WAIVER_DIR = "mien-tru"
URGENT_DIR = "xuat-ban-khan"
URGENT_MAX = timedelta(days=7)
URGENT_KEYS = ("reason", "approved_by", "document", "from", "until")


@dataclass(frozen=True)
class UrgentPublish:
    path: str  # the file, as editors see it
    reason: str
    approved_by: str
    document: str
    start: datetime
    end: datetime

    def active(self, when: datetime) -> bool:
        return self.start <= when <= self.end


@dataclass(frozen=True)
class Decisions:
    waivers: tuple[Waiver, ...]  # from the files only; mkdocs.yml's are in SiteConfig.waivers
    urgent: tuple[UrgentPublish, ...]

    def urgent_at(self, when: datetime) -> UrgentPublish | None:
        """The urgent publish in force at ``when`` (the latest started, if several), or None."""
        active = [u for u in self.urgent if u.active(when)]
        return max(active, key=lambda u: (u.start, u.path)) if active else None


def _files(config: SiteConfig, folder: str, problems: list[Problem]) -> list[Path]:
    """The decision files of ``folder``. One the editor meant as a decision but that would never be read (in a
    subfolder, or named ``.YML``) is a problem: a waiver that silently does nothing fails the build for no reason
    anyone can see."""
    base = config.root / folder
    if not base.is_dir():
        return []
    found = []
    for p in sorted(base.iterdir()):
        if p.name.startswith("."):
            continue
        if p.suffix in (".yml", ".yaml"):
            found.append(p)
        elif p.suffix.lower() in (".yml", ".yaml"):
            problems.append(Problem(config.rel(p), None, f"đuôi tệp phải viết thường ({p.stem}.yml) thì mới được đọc"))
        elif p.is_dir() and not p.is_symlink() and _holds_yaml(p):
            problems.append(Problem(config.rel(p), None, f"tệp trong thư mục con không được đọc: đặt mỗi tệp .yml "
                                                         f"ngay trong {folder}/, ví dụ {folder}/<tên>.yml"))
    return found


def _holds_yaml(folder: Path) -> bool:
    try:
        return any(q.suffix.lower() in (".yml", ".yaml") for q in folder.iterdir())
    except OSError:
        return False


def _read(path: Path, rel: str, keys: tuple[str, ...], problems: list[Problem]) -> tuple[dict, yamlfile.Lines] | None:
    """The file's mapping and lines, or None with its problems added."""
    root = path.parent.parent.resolve()
    if path.is_symlink() or root not in path.resolve().parents:
        problems.append(Problem(rel, None, "tệp là liên kết (symlink): hãy thay bằng một tệp thật trong kho"))
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        problems.append(Problem(rel, None, "không đọc được tệp (cần văn bản UTF-8)"))
        return None
    try:
        data, lines = yamlfile.load(text)
    except yaml.YAMLError as exc:
        problems.append(Problem(rel, yamlfile.error_line(exc), yamlfile.error_message(exc)))
        return None
    if not isinstance(data, dict):
        problems.append(Problem(rel, 1, "tệp cần các dòng dạng 'khóa: giá trị' (" + ", ".join(keys) + ")"))
        return None
    for key in data:
        if key not in keys:
            problems.append(Problem(rel, lines.of(key), unknown_key(key, keys)))
    return data, lines


def _text(data: dict, key: str, rel: str, lines: yamlfile.Lines, problems: list[Problem], what: str) -> str:
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(Problem(rel, lines.of(key) or 1, f"thiếu {key} ({what})"))
        return ""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        problems.append(Problem(rel, lines.of(key), f"{key} phải là một dòng chữ ({what})"))
        return ""
    return nfc(value)


def load_decisions(config: SiteConfig) -> tuple[Decisions, list[Problem]]:
    problems: list[Problem] = []
    waivers: list[Waiver] = []
    seen = {(w.channel, w.period): config.rel(config.config_file) for w in config.waivers}
    for path in _files(config, WAIVER_DIR, problems):
        rel = config.rel(path)
        got = _read(path, rel, WAIVER_KEYS, problems)
        if got is None:
            continue
        data, lines = got
        what = "miễn trừ cần: channel, period, reason, approved_by, document"
        cid = _text(data, "channel", rel, lines, problems, what)
        pid = period_id(_text(data, "period", rel, lines, problems, what))
        reason = _text(data, "reason", rel, lines, problems, "lý do miễn trừ")
        approver = _text(data, "approved_by", rel, lines, problems, "người hoặc cơ quan phê duyệt")
        document = _text(data, "document", rel, lines, problems, "số văn bản phê duyệt")
        if cid and pid:
            wrong = period_problem(config.channels, cid, pid)
            if wrong:
                problems.append(Problem(rel, lines.of("period" if config.channel(cid) else "channel"), wrong))
            elif (cid, pid) in seen:
                problems.append(Problem(rel, lines.of("period"), f"kỳ {pid} của kênh '{cid}' đã được miễn trừ ở "
                                                                 f"{seen[(cid, pid)]}"))
            else:
                seen[(cid, pid)] = rel
                waivers.append(Waiver(cid, pid, reason, approved_by=approver, document=document, source=rel))
    urgent: list[UrgentPublish] = []
    for path in _files(config, URGENT_DIR, problems):
        rel = config.rel(path)
        got = _read(path, rel, URGENT_KEYS, problems)
        if got is None:
            continue
        data, lines = got
        reason = _text(data, "reason", rel, lines, problems, "lý do xuất bản khẩn")
        approver = _text(data, "approved_by", rel, lines, problems, "người phê duyệt")
        document = _text(data, "document", rel, lines, problems, "số văn bản phê duyệt")
        bounds = []
        for key, end_of_day in (("from", False), ("until", True)):
            value = data.get(key)
            if value is None:
                problems.append(Problem(rel, lines.of(key) or 1, f"thiếu {key} (ngày hoặc ngày giờ, ví dụ "
                                                                 f"2026-12-08 hoặc 2026-12-08 07:00)"))
                continue
            try:
                bounds.append(timeutil.parse_datetime(value, config.tz, end_of_day=end_of_day))
            except (ValueError, OverflowError) as exc:
                problems.append(Problem(rel, lines.of(key), f"{key}: {exc}"))
        if len(bounds) == 2:
            start, end = bounds
            if end < start:
                problems.append(Problem(rel, lines.of("until"), "until phải sau from"))
            elif (end.date() - start.date() > URGENT_MAX if any(_date_only(data.get(k)) for k in ("from", "until"))
                  else end - start > URGENT_MAX):
                # a bare date on either side counts calendar days, until's whole day included: "from 08/12 07:00
                # until 15/12" is 7 days as an editor counts them, and a window shorter than the accepted "from 08/12
                # until 15/12" must not be refused; two times are measured exactly
                problems.append(Problem(rel, lines.of("until"), "xuất bản khẩn dài nhất 7 ngày kể từ from; "
                                                                "cần lâu hơn thì làm một tệp mới khi hết hạn"))
            elif reason and approver and document:
                urgent.append(UrgentPublish(rel, reason, approver, document, start, end))
    return Decisions(tuple(waivers), tuple(urgent)), problems


def _date_only(value: object) -> bool:
    return isinstance(value, str) and re.fullmatch(r"\s*\d{4}-\d{1,2}-\d{1,2}\s*", value) is not None


def with_urgent(report, decisions: Decisions, when: datetime):
    """The judged report carrying the urgent publish in force at ``when`` and every urgent-publish decision."""
    return replace(report, urgent=decisions.urgent_at(when), urgent_decisions=decisions.urgent)


def waiver_advice(channel: str, period: str) -> str:
    """The exact text of a waiver file for a missed period, for the check's advice."""
    return (f"tạo tệp {WAIVER_DIR}/{channel}-{period.lower()}.yml với nội dung:\n"
            f"        channel: {channel}\n"
            f"        period: {period}\n"
            f"        reason: \"<lý do, ví dụ: nghỉ Tết Nguyên đán>\"\n"
            f"        approved_by: \"<chức danh, họ tên người phê duyệt>\"\n"
            f"        document: \"<số văn bản, ví dụ: 123/STTTT-CĐS>\"")


def urgent_advice(when: datetime) -> str:
    """The exact text of an urgent-publish file, for the check's advice when a target is missed."""
    start = when.strftime("%Y-%m-%d %H:%M")
    end = (when + timedelta(days=2)).strftime("%Y-%m-%d")
    return (f"tin khẩn (bão lũ, cảnh báo lừa đảo…) cần đăng ngay: tạo tệp {URGENT_DIR}/<tên>.yml với nội dung:\n"
            f"        reason: \"<lý do, ví dụ: cảnh báo bão số 9>\"\n"
            f"        approved_by: \"<chức danh, họ tên người phê duyệt>\"\n"
            f"        document: \"<số văn bản>\"\n"
            f"        from: {start}\n"
            f"        until: {end}      # tối đa 7 ngày sau from")
