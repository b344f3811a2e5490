"""The site's weekly radio bulletins: each week's script from the articles and press items of that week, and the
audio of the latest weeks, cached by the script's content so that an unchanged week is never read again.

The cache is a folder of audio files named by a hash of everything that makes the sound (the spoken text, the
engine command, format, loudness and rate): ``$CHUYENTRANG_CACHE_DIR/truyen-thanh/`` when that variable is set (a
CI keeps it between runs), else ``.cache/chuyentrang/truyen-thanh/`` beside ``mkdocs.yml``.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from generator.support import cache

from generator.core import timeutil
from generator.radio.audio import AudioError, audio_notice, make_audio
from generator.radio.script import RadioItem, Script, build_script
from generator.radio.settings import RadioSettings

INDEX = "truyen-thanh/"


@dataclass(frozen=True)
class RadioWeek:
    week: str  # "2026-W42"
    script: Script
    current: bool  # the week holding the as-of time: still being added to

    @property
    def url(self) -> str:
        return f"{INDEX}{timeutil.week_slug(self.week)}/"

    @property
    def year(self) -> int:
        return int(self.week[:4])

    @property
    def number(self) -> int:
        return int(self.week[6:])


def radio_items(site) -> list[RadioItem]:
    """The site's own articles and the dated press and broadcast items, as the script reads them."""
    tz = site.config.tz
    out = [RadioItem(a.title, a.summary, a.date.astimezone(tz).date(), site.config.site_name) for a in site.articles]
    out += [RadioItem(i.title or "", i.summary or "", i.published.astimezone(tz).date(), i.source_name)
            for i in site.feed_items if i.published is not None and i.title]
    return out


def radio_weeks(site, settings: RadioSettings) -> tuple[RadioWeek, ...]:
    """A bulletin for each week with at least one item, up to the week holding the as-of time; oldest first."""
    tz = site.config.tz
    items = radio_items(site)
    current = timeutil.week_id(site.as_of.astimezone(tz).date())
    by_week: dict[str, list[RadioItem]] = {}
    for item in items:
        by_week.setdefault(timeutil.week_id(item.date), []).append(item)
    weeks = sorted((w for w in by_week if timeutil.period_bounds(w)[0] <= timeutil.period_bounds(current)[0]),
                   key=lambda w: timeutil.period_bounds(w)[0])
    return tuple(RadioWeek(w, build_script(w, by_week[w], settings), w == current) for w in weeks)


def cache_dir(root: Path) -> Path:
    """Where the weeks' audio is kept between builds: its own folder of the project's cache (generator.support.cache)."""
    return cache.folder(root) / "truyen-thanh"


def audio_key(script: Script, settings: RadioSettings) -> str:
    a = settings.audio
    made_of = {"text": script.spoken, "command": list(a.command), "format": a.format, "loudness": a.loudness,
               "rate": settings.syllables_per_minute}
    return hashlib.sha256(json.dumps(made_of, ensure_ascii=False, sort_keys=True).encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class WeekAudio:
    files: dict  # week id -> the cached audio file (Path)
    notices: tuple[str, ...]  # said once by the caller: no engine, or an engine that failed


def week_audio(weeks, settings: RadioSettings, cache: Path) -> WeekAudio:
    """The audio of the latest ``settings.audio.weeks`` weeks: from the cache when the script is unchanged, else
    made now. No engine: no audio and one notice. An engine that fails: the weeks still to do keep their script
    only, and one notice says why (the site is published either way: the script is the bulletin)."""
    latest = list(weeks)[-settings.audio.weeks:] if settings.audio.weeks else []
    if not latest:
        return WeekAudio({}, ())
    files: dict[str, Path] = {}
    missing = []
    for w in latest:
        path = cache / f"{audio_key(w.script, settings)}.{settings.audio.format}"
        if path.is_file():
            files[w.week] = path
        else:
            missing.append((w, path))
    if not missing:
        return WeekAudio(files, ())
    notice = audio_notice(settings.audio)
    if notice:
        return WeekAudio(files, (notice,))
    for w, path in missing:
        try:
            result = make_audio(w.script.spoken, path, settings)
        except AudioError as exc:
            return WeekAudio(files, (f"Không làm được âm thanh bản tin phát thanh tuần {w.number}/{w.year}: {exc}. "
                                     f"Trang vẫn có văn bản bản tin.",))
        if result.path is not None:
            files[w.week] = result.path
    return WeekAudio(files, ())
