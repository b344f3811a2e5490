"""Evidence integrity: is each item's stated date believable?

Two checks, both read from records the editors do not write by hand:

* an article whose front-matter ``date`` is earlier than the git commit that first added its file, by more than the
  tolerance, is *backdated* ("đăng lùi ngày");
* a feed item first seen by a fetch long after its stated date, while an earlier fetch of the same source (made after
  that date) succeeded without it, is *late-seen* ("xuất hiện muộn"): the feed published it with an old date.

Flagged items stay listed as evidence; by default they do not count (``integrity: {count_backdated: false}``).
Git history is read in ONE ``git log`` pass over the content folder. A shallow clone or a folder outside git is
never silently skipped: it is reported (``Audit.notices``) on the log page and by ``chuyentrang check``.
"""
from __future__ import annotations

import bisect
import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

from generator.core import schema, timeutil
from generator.core.archive import FeedItem
from generator.core.articles import Article
from generator.core.config import SiteConfig
from generator.core.gitlog import GitInfo, first_added, git_info
from generator.core.judge import Entry
from generator.core.problems import Problem
from generator.core.schema import Block, Bool, Day, Field, Number

BACKDATED = "backdated"
LATE_SEEN = "late-seen"
FLAG_VI = {BACKDATED: "đăng lùi ngày", LATE_SEEN: "xuất hiện muộn"}
FIELD = Field("integrity", Block("integrity", (
    # false for .nan too: Number is finite
    Field("backdate_tolerance_days", Number(0, 3650), default=2,
          message="{p}backdate_tolerance_days phải là số ngày, từ 0 đến 3650"),
    Field("count_backdated", Bool(), default=False),  # flagged items still count (shown flagged)
    Field("since", Day()),  # articles first committed before this day are imported history: not checked
), who=lambda raw: "integrity"), message="integrity phải là một bảng, ví dụ: integrity: {{backdate_tolerance_days: 2, "
                                        "count_backdated: false}}")
KEYS = FIELD.kind.keys


# --- settings ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Settings:
    tolerance: timedelta = timedelta(days=2)
    count_flagged: bool = False  # `count_backdated`: flagged items still count (shown flagged)
    since: date | None = None  # articles first committed before this day are imported history: not checked

    @property
    def tolerance_days(self) -> float:
        return self.tolerance.total_seconds() / 86400


def read_settings(config: SiteConfig) -> tuple[Settings, list[Problem]]:
    """The ``integrity:`` plugin setting, validated; every problem with its line in mkdocs.yml."""
    v, problems = schema.validate_field(FIELD, config.extra.get("integrity"), path=config.rel(config.config_file),
                                        line=config.line)
    v = v or FIELD.kind.defaults
    return Settings(timedelta(days=v.get("backdate_tolerance_days", 2)), v.get("count_backdated", False),
                    v.get("since")), problems


# --- sources (the fetcher's record) --------------------------------------------------------------------------

@dataclass(frozen=True)
class SourceHealth:
    id: str
    name: str
    channel: str
    url: str | None
    configured: bool  # still listed in feeds/sources.yml
    items: int  # items in its archive
    newest: datetime | None  # newest stated date in its archive
    last_success: datetime | None
    last_attempt: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    consecutive_failures: int

    @property
    def status(self) -> str:
        if self.consecutive_failures:
            return "failing"
        if self.last_success is None and self.items == 0:
            return "never"
        return "ok"


def _sources(config: SiteConfig, items: list[FeedItem]) -> tuple[tuple[SourceHealth, ...], str]:
    from generator.core.sources import load_sources
    from generator.core.fetchstate import load_state
    from generator.core.problems import InputError

    note = ""
    try:
        configured = {s.id: s for s in load_sources(config.feeds_dir / "sources.yml",
                                                    label=config.rel(config.feeds_dir / "sources.yml"))}
    except InputError as exc:
        configured = {}
        if (config.feeds_dir / "sources.yml").exists():
            note = f"không đọc được danh sách nguồn tin: {exc.problems[0]}"
    states = load_state(config.feeds_dir)
    by_source: dict[str, list[FeedItem]] = {}
    for i in items:
        by_source.setdefault(i.source, []).append(i)
    out = []
    for sid in sorted(set(configured) | set(states) | set(by_source)):
        src, st, its = configured.get(sid), states.get(sid), by_source.get(sid, [])
        dated = [i.published for i in its if i.published]
        out.append(SourceHealth(
            id=sid, name=src.name if src else (its[0].source_name if its else sid),
            channel=src.channel if src else (its[0].channel if its else ""),
            url=src.url if src else (st.url if st else None), configured=src is not None, items=len(its),
            newest=max(dated).astimezone(config.tz) if dated else None,
            last_success=_tz(st.last_success, config.tz) if st else None,
            last_attempt=_tz(st.last_attempt, config.tz) if st else None,
            last_error=st.last_error if st and st.consecutive_failures else None,
            last_error_at=_tz(st.last_error_at, config.tz) if st else None,
            consecutive_failures=st.consecutive_failures if st else 0,
        ))
    return tuple(out), note


def _tz(dt: datetime | None, tz) -> datetime | None:
    return None if dt is None else timeutil.parse_datetime(dt, tz)  # naive: already the site's time


def fetch_times(items: Iterable[FeedItem], health: Iterable[SourceHealth]) -> dict[str, list[datetime]]:
    """Known successful fetches of each source, sorted: every ``first_seen`` and ``last_seen`` in its archive is the
    time of a fetch that succeeded, and so is the fetcher's ``last_success``."""
    times: dict[str, set[datetime]] = {}
    for i in items:
        s = times.setdefault(i.source, set())
        s.add(i.first_seen)
        s.add(i.last_seen)
    for h in health:
        if h.last_success is not None:
            times.setdefault(h.id, set()).add(h.last_success)
    return {sid: sorted(ts) for sid, ts in times.items()}


def late_seen(item: FeedItem, fetches: list[datetime], tolerance: timedelta) -> datetime | None:
    """The earliest successful fetch that came after the item's stated date (plus tolerance) and before the fetch
    that first saw it, or None when there is none (the item is not late)."""
    if item.published is None or item.first_seen - item.published <= tolerance:
        return None
    k = bisect.bisect_left(fetches, item.published + tolerance)
    if k < len(fetches) and fetches[k] < item.first_seen:
        return fetches[k]
    return None


# --- the audit -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Finding:
    flag: str  # backdated | late-seen
    source: str  # "content" or the feed source id
    id: str
    title: str
    channel: str
    stated: datetime  # the date the item claims
    evidence: datetime  # first commit (backdated) or first fetch that saw it (late-seen)
    earlier_fetch: datetime | None = None  # late-seen: a successful fetch without the item
    path: str = ""  # articles: the file

    @property
    def gap_days(self) -> float:
        return (self.evidence - self.stated).total_seconds() / 86400

    @property
    def lag_words(self) -> str:
        """The gap in days as Vietnamese writes it: ``5,1``."""
        return f"{self.gap_days:.1f}".replace(".", ",")

    def describe(self) -> str:
        lag = self.lag_words
        if self.flag == BACKDATED:
            return (f"ngày ghi trong bài {timeutil.format_datetime(self.stated)}, nhưng tệp {self.path} chỉ được "
                    f"commit lần đầu lúc {timeutil.format_datetime(self.evidence)} (muộn {lag} ngày)")
        return (f"tin ghi ngày {timeutil.format_datetime(self.stated)}, lần lấy tin lúc "
                f"{timeutil.format_datetime(self.earlier_fetch)} thành công mà chưa có tin này; tin chỉ xuất hiện "
                f"lúc {timeutil.format_datetime(self.evidence)} (muộn {lag} ngày)")


@dataclass(frozen=True)
class Audit:
    settings: Settings
    git: GitInfo
    findings: tuple[Finding, ...]
    sources: tuple[SourceHealth, ...]
    checked: int = 0  # articles whose first commit was compared with their date
    uncommitted: tuple[str, ...] = ()  # article paths not in git yet: not checked
    unknown_shallow: tuple[str, ...] = ()  # article paths added in the shallow clone's boundary commit: not checked
    before_since: int = 0  # articles first committed before `since`: imported history, not checked
    source_note: str = ""
    _by_key: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}),
                                                                repr=False, compare=False)

    def flags_of(self, source: str, item_id: str) -> tuple[str, ...]:
        return self._by_key.get((source, item_id), ())

    def apply(self, entries: Iterable[Entry]) -> list[Entry]:
        """The entries with integrity flags added; flagged ones stop counting unless `count_backdated`."""
        if not self._by_key:
            return list(entries)
        out = []
        for e in entries:
            extra = tuple(f for f in self.flags_of(e.source, e.id) if f not in e.flags)
            if extra:
                e = dataclasses.replace(e, flags=e.flags + extra,
                                        counts=e.counts and self.settings.count_flagged)
            out.append(e)
        return out

    def notices(self) -> list[str]:
        """What an auditor must know about how far the check could go. Vietnamese, one line each."""
        out: list[str] = []
        g = self.git
        if g.state == "shallow":
            out.append(f"Kho git là bản sao nông (shallow clone): {len(self.unknown_shallow)} bài viết nằm sẵn trong "
                       "commit gốc của bản sao nên KHÔNG kiểm tra được đăng lùi ngày. Cần lấy đủ lịch sử: "
                       "'git fetch --unshallow' (GitHub Actions: fetch-depth: 0; GitLab CI: GIT_DEPTH: 0).")
        elif g.state == "not-a-repo":
            out.append("Thư mục trang không nằm trong kho git: KHÔNG kiểm tra được bài viết đăng lùi ngày.")
        elif g.state == "no-git":
            out.append("Không tìm thấy lệnh git: KHÔNG kiểm tra được bài viết đăng lùi ngày. Cần cài git.")
        elif g.state == "error":
            out.append(f"Không đọc được lịch sử git ({g.detail}): KHÔNG kiểm tra được bài viết đăng lùi ngày.")
        if self.uncommitted and g.state in ("ok", "shallow"):
            sample = ", ".join(self.uncommitted[:3]) + (" …" if len(self.uncommitted) > 3 else "")
            out.append(f"{len(self.uncommitted)} bài viết chưa được commit vào git nên chưa kiểm tra được ngày đăng "
                       f"({sample}).")
        if self.settings.since and self.before_since:
            # plain words: editors and auditors read this, not the settings' names
            out.append(f"{self.before_since} bài viết cũ, đưa vào kho trước ngày "
                       f"{timeutil.format_date(self.settings.since)} (từ trước khi bắt đầu kiểm tra ngày đăng), "
                       "không được xét đăng lùi ngày.")
        if self.findings:
            n_b = sum(1 for f in self.findings if f.flag == BACKDATED)
            n_l = len(self.findings) - n_b
            what = " và ".join(x for x in (f"{n_b} bài viết đăng lùi ngày" if n_b else "",
                                           f"{n_l} tin báo, đài xuất hiện muộn" if n_l else "") if x)
            rule = ("vẫn được tính nhưng bị gắn cờ (trang này chọn tính cả tin bài bị gắn cờ)"
                    if self.settings.count_flagged else "không được tính vào chỉ tiêu")
            out.append(f"Có {what}: {rule}.")
        if self.source_note:
            out.append(self.source_note)
        return out


@dataclass(frozen=True)
class FeedChecks:
    """The feed items' share of the checks: each source's health and the late-seen findings."""
    health: tuple[SourceHealth, ...]
    note: str
    findings: tuple[Finding, ...]


def examine_feeds(config: SiteConfig, settings: Settings, items: Iterable[FeedItem]) -> FeedChecks:
    """Source health (``feeds/state.json``) and late-seen feed items. Never raises."""
    tz = config.tz
    items = list(items)
    health, note = _sources(config, items)
    times = fetch_times(items, health)
    late = []
    for i in items:
        earlier = late_seen(i, times.get(i.source, []), settings.tolerance)
        if earlier is not None:
            late.append((i, earlier))
    late.sort(key=lambda f: (f[0].source, f[0].first_seen, f[0].id))  # the few found, not every item
    findings = tuple(Finding(LATE_SEEN, i.source, i.id, i.title, i.channel, i.published.astimezone(tz),
                             i.first_seen.astimezone(tz), earlier.astimezone(tz)) for i, earlier in late)
    return FeedChecks(health, note, findings)


def examine(config: SiteConfig, settings: Settings, articles: Iterable[Article], items: Iterable[FeedItem],
            feeds: FeedChecks | None = None) -> Audit:
    """Run both checks over every article and feed item. Reads git and ``feeds/state.json``; never raises.
    ``feeds``: ``examine_feeds(config, settings, items)`` when already done."""
    tz = config.tz
    articles = list(articles)
    feeds = feeds or examine_feeds(config, settings, items)
    findings: list[Finding] = []
    git = git_info(config.root, tz, [p for p in (config.content_dir, config.feeds_dir, config.config_file)
                                     if p.exists()])
    uncommitted: list[str] = []
    unknown: list[str] = []
    checked = before = 0
    if git.state in ("ok", "shallow"):
        added = first_added(config.content_dir, tz) if config.content_dir.is_dir() else {}
        since = datetime.combine(settings.since, time.min, tzinfo=tz) if settings.since else None
        for a in sorted(articles, key=lambda a: a.path):
            if a.draft:
                continue
            got = added.get(a.src_uri)
            if got is None:
                uncommitted.append(a.path)
                continue
            when, commit = got
            if commit in git.shallow_roots:
                unknown.append(a.path)
                continue
            if since is not None and when < since:
                before += 1
                continue
            checked += 1
            if when - a.date > settings.tolerance:
                findings.append(Finding(BACKDATED, "content", a.id, a.title, a.channel, a.date, when, path=a.path))
    findings += feeds.findings
    by_key: dict[tuple[str, str], tuple[str, ...]] = {}
    for f in findings:
        by_key[(f.source, f.id)] = by_key.get((f.source, f.id), ()) + (f.flag,)
    return Audit(settings, git, tuple(findings), feeds.health, checked, tuple(uncommitted), tuple(unknown), before,
                 feeds.note, MappingProxyType(by_key))


SHOWN_BACKDATED = 10  # articles named on the terminal; the rest counted


def backdated_lines(audit: Audit, root: Path) -> list[str]:
    """For the editor, one ``path:line: message`` for each article left out of the count as backdated, on its
    ``date:`` line with the fix: the auditors' notice only counts them. An article made by ``chuyentrang new`` is
    dated the day it was begun: finished and first committed days later, it is backdated by its own date. Nothing
    when flagged articles are counted (``count_backdated: true``): the notice says so."""
    if audit.settings.count_flagged:
        return []
    found = [f for f in audit.findings if f.flag == BACKDATED and f.source == "content"]
    lines = []
    for f in found[:SHOWN_BACKDATED]:
        first = f.evidence.astimezone(f.stated.tzinfo)
        lines.append(f"{f.path}:{_date_line(root / f.path)}: bài không được tính vào chỉ tiêu vì đăng lùi ngày: "
                     f"ngày đăng ghi {timeutil.format_datetime(f.stated)}, nhưng bài chỉ được commit lần đầu lúc "
                     f"{timeutil.format_datetime(f.evidence)} (muộn {f.lag_words} ngày). Nếu bài mới đăng lần đầu "
                     f"lúc đó (viết từ trước, nay mới xong), sửa ngày đăng thành ngày giờ đăng thật, ví dụ "
                     f"date: {first:%Y-%m-%d %H:%M}")
    if len(found) > SHOWN_BACKDATED:
        lines.append(f"… và {len(found) - SHOWN_BACKDATED} bài viết đăng lùi ngày khác (danh sách đủ ở trang "
                     "/nhat-ky-tan-suat/).")
    return lines


def _date_line(path: Path) -> int:
    """The line of ``date:`` in an article's file (2 when it cannot be read)."""
    try:
        with open(path, encoding="utf-8-sig") as fh:
            for n, line in enumerate(fh, 1):
                if line.startswith("date:") or (n > 1 and line.rstrip() == "---"):
                    return n if line.startswith("date:") else 2
    except (OSError, UnicodeDecodeError):
        pass
    return 2


def summary(audit: Audit | None) -> dict | None:
    """The report JSON's added ``integrity`` field: what was checked and how. No build time, no commit hash, so the
    report stays byte-identical for the same inputs and as-of time."""
    if audit is None:
        return None
    s = audit.settings
    return {
        "git": audit.git.state,
        "backdate_tolerance_days": int(s.tolerance_days) if s.tolerance_days.is_integer() else s.tolerance_days,
        "count_backdated": s.count_flagged,
        "since": s.since.isoformat() if s.since else None,
        "articles_checked": audit.checked,
        "articles_uncommitted": len(audit.uncommitted),
        "articles_unknown_shallow": len(audit.unknown_shallow),
        "articles_before_since": audit.before_since,
        "backdated": sum(1 for f in audit.findings if f.flag == BACKDATED),
        "late_seen": sum(1 for f in audit.findings if f.flag == LATE_SEEN),
        "notices": audit.notices(),
    }
