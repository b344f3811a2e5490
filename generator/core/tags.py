"""Tags: editors write them as they say them (``Nông nghiệp số``), or as the old ids (``nong-nghiep-so``). A tag is
its slug: every spelling with the same slug is the same tag, shown under one name and listed on one page
``/the/<slug>/``. Plain Python, from the published articles to frozen values."""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

from generator.core.articles import Article

from generator.core.slugs import tag_key

def tag_slug(text: str) -> str:
    """The slug of a tag as written: ``Nông nghiệp số`` and ``nong-nghiep-so`` give ``nong-nghiep-so`` (the same key
    as campaigns use, ``generator.core.campaigns.tag_key``)."""
    return tag_key(unicodedata.normalize("NFC", str(text)))


@dataclass(frozen=True)
class Tag:
    slug: str
    name: str  # the spelling shown: see ``display_name``
    articles: tuple[Article, ...]  # newest first

    @property
    def url(self) -> str:
        return tag_url(self.slug)


def tag_url(slug: str, page: int = 1) -> str:
    """Where a tag's page lives (``generator.render.urls.tag``): ``the/<slug>/``, then ``the/<slug>/trang-2/``."""
    return f"the/{slug}/" + (f"trang-{page}/" if page > 1 else "")


def display_name(spellings: Counter) -> str:
    """The name a tag is shown under, of the ways it is written: a spelling in words (with its diacritics, spaces or
    capitals) before the bare id form; then the one written most; then the first in alphabetical order (the same
    name on every build)."""
    def rank(item):
        form, count = item
        return (form == tag_slug(form), -count, form)

    return min(spellings.items(), key=rank)[0]


def collect_tags(articles) -> tuple[Tag, ...]:
    """Every tag of ``articles`` (newest first), with its articles in that order; tags sorted by their slug."""
    spellings: dict[str, Counter] = defaultdict(Counter)
    tagged: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        seen = set()
        for t in a.tags:
            slug = tag_slug(t)
            if slug and slug not in seen:
                seen.add(slug)
                spellings[slug][t] += 1
                tagged[slug].append(a)
    return tuple(Tag(slug, display_name(spellings[slug]), tuple(tagged[slug])) for slug in sorted(tagged))


def tag_names(tags) -> dict[str, str]:
    """slug -> the name shown, for the article pages and cards."""
    return {t.slug: t.name for t in tags}
