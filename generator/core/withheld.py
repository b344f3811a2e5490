"""The articles a build leaves out, said in one line: drafts, and scheduled articles with the time each goes up.
Without it, an editor who took ``draft`` off an article dated after the as-of time sees nothing happen and nothing
said."""
from __future__ import annotations

SHOWN = 10  # names listed of each kind; the rest counted


def _names(paths: list[str]) -> str:
    more = len(paths) - SHOWN
    return ", ".join(paths[:SHOWN]) + (f" và {more} bài khác" if more > 0 else "")


def _when(dt) -> str:
    return f"{dt.hour:02d}:{dt.minute:02d} {dt.day:02d}/{dt.month:02d}/{dt.year:04d}"


def withheld_line(site) -> str:
    """'Bản nháp (không xuất bản): a.md, b.md. Hẹn giờ (…): c.md lúc 08:00 20/12/2026.' or '' when none."""
    tz = site.config.tz
    drafts = sorted(a.path for a in site.withheld if a.draft)
    scheduled = sorted((a for a in site.withheld if not a.draft), key=lambda a: (a.date, a.path))
    parts = []
    if drafts:
        parts.append(f"Bản nháp (không xuất bản): {_names(drafts)}.")
    if scheduled:
        timed = [f"{a.path} lúc {_when(a.date.astimezone(tz))}" for a in scheduled]
        parts.append(f"Hẹn giờ (chưa đăng, vì ngày đăng sau thời điểm xét {_when(site.as_of.astimezone(tz))}): "
                     f"{_names(timed)}.")
    return " ".join(parts)
