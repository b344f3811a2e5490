"""Which feed entries are the same item: guid, else the canonical link, else a hash of title and date."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = ("utm_",)
TRACKING_NAMES = frozenset({"fbclid", "gclid", "zarsrc", "gidzl", "_gl"})


@lru_cache(maxsize=65536)
def canonical_link(url: str | None) -> str | None:
    """The link without fragment and tracking parameters (`utm_*`, `fbclid`, Zalo's `zarsrc`/`gidzl`),
    scheme and host lower-cased, default port dropped. Two spellings of one article give one string."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return url.strip()
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    netloc = host
    if port and not (scheme == "http" and port == 80 or scheme == "https" and port == 443):
        netloc = f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}@{netloc}"
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not k.lower().startswith(TRACKING_PARAMS) and k.lower() not in TRACKING_NAMES]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query, doseq=True), ""))


def item_id(guid: str | None, link: str | None, title: str, date_raw: str | None, summary: str = "") -> str | None:
    """The item's stable id, or None for an entry with nothing to tell it by (no guid, link, title or date).

    A guid is kept as the feed wrote it (trimmed). Without one, the canonical link. Without a link, a hash of the
    title and the raw date (the summary stands in for a missing title).
    """
    if guid and guid.strip():
        return guid.strip()
    link = canonical_link(link)
    if link:
        return link
    basis = title.strip() or summary.strip()
    if not basis and not (date_raw or "").strip():
        return None
    digest = hashlib.sha256(f"{basis}\x1f{(date_raw or '').strip()}".encode("utf-8")).hexdigest()
    return f"sha256:{digest[:32]}"
