"""`feeds/state.json`: per source, what conditional GET needs and how healthy the source is.

Auditors see it on the frequency log page (a feed that stopped answering shows as such). It is a record, not
input: a missing or unreadable file is read as "nothing known yet" and never stops a build.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from pathlib import Path

from generator.support.atomic import write_atomically

STATE_FILE = "state.json"
SCHEMA = "chuyentrang.feed-state/1"


@dataclass(frozen=True)
class SourceState:
    url: str | None = None  # the address the validators below belong to
    etag: str | None = None
    last_modified: str | None = None
    last_attempt: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None  # Vietnamese, as reported by the last failed fetch
    last_error_at: datetime | None = None
    consecutive_failures: int = 0

    @property
    def healthy(self) -> bool:
        return self.consecutive_failures == 0


_DATES = ("last_attempt", "last_success", "last_error_at")


def _from_dict(d: dict) -> SourceState:
    known = {f.name for f in fields(SourceState)}
    values = {k: v for k, v in d.items() if k in known}
    for name in _DATES:
        if values.get(name):
            values[name] = datetime.fromisoformat(values[name])
        else:
            values[name] = None
    values["consecutive_failures"] = int(values.get("consecutive_failures") or 0)
    return SourceState(**values)


def _to_dict(state: SourceState) -> dict:
    d = asdict(state)
    for name in _DATES:
        d[name] = d[name].isoformat() if d[name] else None
    return d


def load_state(feeds_dir: Path) -> dict[str, SourceState]:
    """Every source's state, by source id; {} when there is no readable state file."""
    try:
        data = json.loads((Path(feeds_dir) / STATE_FILE).read_text(encoding="utf-8"))
        return {str(sid): _from_dict(d) for sid, d in (data.get("sources") or {}).items()}
    except (OSError, ValueError, TypeError, AttributeError):
        return {}


def save_state(feeds_dir: Path, states: dict[str, SourceState]) -> None:
    """Write atomically (see generator.support.atomic), sorted, for readable diffs."""
    feeds_dir = Path(feeds_dir)
    feeds_dir.mkdir(parents=True, exist_ok=True)
    payload = {"schema": SCHEMA, "sources": {sid: _to_dict(states[sid]) for sid in sorted(states)}}
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=2) + "\n"
    write_atomically(feeds_dir / STATE_FILE, text)
