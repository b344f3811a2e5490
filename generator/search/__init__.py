"""Vietnamese site search: a sharded static index (``build_search_index``) and a small browser client
(``assets/search.js``) for the ``/tim-kiem/`` page. Plain Python; no MkDocs needed."""

from .index import IndexBuilder, SearchDoc, build_search_index
from .page import ASSET_FILES, assets_dir, search_page_html
from .text import fold, normalise_word, words

__all__ = [
    "ASSET_FILES",
    "IndexBuilder",
    "SearchDoc",
    "assets_dir",
    "build_search_index",
    "fold",
    "normalise_word",
    "search_page_html",
    "words",
]
