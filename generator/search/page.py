"""The /tim-kiem/ page: its markup and the files (JS, CSS) it needs."""

from __future__ import annotations

from html import escape
from pathlib import Path

ASSET_FILES = ("search.js", "search.css")


def assets_dir() -> Path:
    """The folder holding ``search.js`` and ``search.css``: copy both into ``/tim-kiem/``."""
    return Path(__file__).parent / "assets"


def search_page_html(index_url: str = "index/", site_root: str = "../", assets_url: str = "") -> str:
    """The body of the search page. URLs are relative to the page (``/tim-kiem/``): ``index_url`` is the folder
    given to ``build_search_index``, ``site_root`` the site root (doc URLs are resolved against it), ``assets_url``
    where ``search.js``/``search.css`` are. The form works as a plain GET form (``?q=``); without JavaScript a note
    says how else to find an article."""
    a = escape(assets_url, quote=True)
    return f"""<div class="ct-search" data-search-index="{escape(index_url, quote=True)}" data-site-root="{escape(site_root, quote=True)}">
<link rel="stylesheet" href="{a}search.css">
<form class="ct-search__form" role="search" action="" method="get">
<label for="ct-search-q">Từ cần tìm</label>
<input id="ct-search-q" type="search" name="q" autocomplete="off" spellcheck="false" aria-describedby="ct-search-hint">
<button type="submit">Tìm</button>
</form>
<p id="ct-search-hint" class="ct-search__hint">Gõ có dấu hoặc không dấu, ví dụ: <q>chuyển đổi số</q> hay <q>chuyen doi so</q>.</p>
<p class="ct-search__nojs">Tìm kiếm cần JavaScript. Trình duyệt của bạn đang tắt JavaScript: bạn vẫn có thể xem bài viết theo chuyên mục hoặc theo tuần từ <a href="{escape(site_root, quote=True)}">trang chủ</a>.</p>
<p class="ct-search__status" data-search-status role="status" aria-live="polite"></p>
<p class="ct-search__suggest" data-search-suggest></p>
<ol class="ct-search__results" data-search-results></ol>
<button type="button" class="ct-search__more" data-search-more hidden>Xem thêm kết quả</button>
<script src="{a}search.js" defer></script>
</div>
"""

