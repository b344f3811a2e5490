"""The preview's judge after a save (generator/core/rejudge.py): after any sequence of changes to the entries, the
same report as the judge from nothing; a period no change falls in keeps its result, the same object; a period a
changed entry leaves or joins is judged again."""
from __future__ import annotations

import random
from dataclasses import replace

from generator.core.config import load_config
from generator.core.judge import judge
from generator.core.rejudge import Rejudge
from test_judge import at, channels, entry

AS_OF = "2024-06-20"


def _config(repo):
    repo.write_config(channels=channels(since="2024-01-01", window=4, minimum=2)
                      + channels(per="month", mode="average", minimum=3, cid="bao-chi", since="2024-01-01"))
    return load_config(repo.config)


def _start(rng: random.Random) -> list:
    out = []
    for n in range(120):
        day = f"2024-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d} {rng.randint(0, 23):02d}:{n % 60:02d}"
        out.append(entry(day, channel=rng.choice(["chuyen-trang", "bao-chi"]), source=rng.choice(["content", "rss"]),
                         id=f"tin-{n}"))
    return out


def _change(rng: random.Random, entries: list, n: int) -> list:
    entries = list(entries)
    what = rng.choice(["date", "title", "new", "gone", "same link", "same id", "late"])
    k = rng.randrange(len(entries))
    e = entries[k]
    if what == "date":  # to another week, maybe another month
        entries[k] = replace(e, published=at(f"2024-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}"))
    elif what == "title":  # a new slug: a new address
        entries[k] = replace(e, title=f"Tiêu đề {n}", url=f"https://x.test/moi-{n}")
    elif what == "new":
        entries.append(entry(f"2024-06-{rng.randint(1, 19):02d} 10:00", id=f"moi-{n}"))
    elif what == "gone":
        del entries[k]
    elif what == "same link":  # a copy of another entry's link in the same channel: one of them is dropped
        other = rng.choice([x for x in entries if x.channel == e.channel])
        entries[k] = replace(e, url=other.url)
    elif what == "same id":
        other = rng.choice([x for x in entries if x.channel == e.channel])
        entries[k] = replace(e, id=other.id)
    else:  # published after the as-of time: not counted yet
        entries[k] = replace(e, published=at("2024-07-02"))
    return entries


def test_rejudged_report_equals_judge_after_random_changes(repo):
    config = _config(repo)
    rng = random.Random(5)
    entries = _start(rng)
    rejudge = Rejudge()
    assert rejudge(config, entries, at(AS_OF)) == judge(config, entries, at(AS_OF))
    partial = 0
    for n in range(150):
        entries = _change(rng, entries, n)
        fresh = [replace(e) for e in entries] if n % 5 == 0 else entries  # equal values, other objects
        report = rejudge(config, fresh, at(AS_OF))
        assert report == judge(config, entries, at(AS_OF)), n
        partial += rejudge.judged < sum(len(c.periods) for c in report.channels)
    assert partial > 50  # most changes judged only a few periods again


def test_a_date_moving_weeks_judges_both_weeks_again_and_keeps_the_others(repo):
    config = _config(repo)
    entries = [entry(f"2024-0{m}-{d:02d} 09:00", id=f"tin-{m}-{d}") for m in (4, 5) for d in (3, 10, 17, 24)]
    rejudge = Rejudge()
    before = rejudge(config, entries, at(AS_OF))
    moved = [replace(e, published=at("2024-05-30")) if e.id == "tin-4-10" else e for e in entries]
    after = rejudge(config, moved, at(AS_OF))
    assert after == judge(config, moved, at(AS_OF))
    old, new = before.channel("chuyen-trang"), after.channel("chuyen-trang")
    assert (old.period("2024-W15").count, new.period("2024-W15").count) == (1, 0)  # the week it left
    assert (old.period("2024-W22").count, new.period("2024-W22").count) == (0, 1)  # the week it joined
    assert new.period("2024-W16") is old.period("2024-W16")  # untouched: the same result
    assert new.period("2024-W22") is not old.period("2024-W22")
    assert rejudge.judged == 2


def test_a_link_shared_with_another_entry_is_judged_from_nothing(repo):
    config = _config(repo)
    a = entry("2024-05-06 09:00", id="a", url="https://x.test/chung")
    b = entry("2024-05-20 09:00", id="b", url="https://x.test/rieng")
    rejudge = Rejudge()
    rejudge(config, [a, b], at(AS_OF))
    shared = [a, replace(b, url="https://x.test/chung")]  # now a copy of a: not counted a second time
    after = rejudge(config, shared, at(AS_OF))
    assert after == judge(config, shared, at(AS_OF))
    assert after.channel("chuyen-trang").period("2024-W21").count == 0
