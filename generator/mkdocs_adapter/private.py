"""Every private name of another library that chuyentrang still uses, in one list, pinned to the tested versions.

A private name can change meaning in any release without notice. Each one here says where it is used and why, and
``problems()`` checks that the installed library still has it with the shape we rely on; ``tests/test_boundary.py``
fails with the list of what changed on an upgrade, before a build can go wrong. When a name is no longer used,
remove it here too.
"""
from __future__ import annotations

import inspect
from functools import cache
from dataclasses import dataclass
from importlib import import_module, metadata
from typing import Callable

# The versions the code below was written and tested against (major.minor prefixes).
TESTED = {"mkdocs": ("1.6",), "mkdocs-material": ("9.",)}


@dataclass(frozen=True)
class PrivateName:
    owner: str  # dotted module path, or "module:Class"
    name: str
    used_in: str
    why: str
    check: Callable[[object], bool]  # given the attribute, True when it still has the shape we rely on


def _params(*names: str) -> Callable[[object], bool]:
    def check(fn: object) -> bool:
        if not callable(fn):
            return False
        params = list(inspect.signature(fn).parameters)
        return params[:len(names)] == list(names)
    return check


def _source_holds(text: str) -> Callable[[object], bool]:
    def check(obj: object) -> bool:
        try:
            return text in inspect.getsource(obj)
        except (OSError, TypeError):
            return False
    return check


def _source_holds_all(*texts: str) -> Callable[[object], bool]:
    checks = [_source_holds(t) for t in texts]
    return lambda obj: all(check(obj) for check in checks)


def _cached_property(obj: object) -> bool:
    from functools import cached_property
    return isinstance(obj, cached_property)


NAMES: tuple[PrivateName, ...] = (
    PrivateName("mkdocs.commands.build", "_populate_page", "mkdocs_adapter/pagework.py",
                "a forked child reads and converts a share of the articles exactly as MkDocs would",
                _params("page", "config", "files")),
    PrivateName("mkdocs.commands.build", "_build_page", "mkdocs_adapter/pagework.py",
                "the same child renders and writes those pages with MkDocs' own code (same bytes)",
                _params("page", "config", "doc_files", "nav", "env")),
    PrivateName("mkdocs.commands.build", "log", "mkdocs_adapter/pagework.py",
                "the 'Page skipped' notice for pages the child writes is filtered from MkDocs' build log",
                lambda obj: hasattr(obj, "addFilter")),
    PrivateName("mkdocs.commands.build", "_build_page", "mkdocs_adapter/pagework.py",
                "the filtered notice is MkDocs' exact English text \"Page skipped: '<src_uri>'\"",
                _source_holds("Page skipped: '")),
    PrivateName("mkdocs.commands.build", "_populate_page", "mkdocs_adapter/preview.py",
                "chuyentrang serve reads and converts only the pages a save affects, as MkDocs' build does",
                _params("page", "config", "files")),
    PrivateName("mkdocs.commands.build", "_build_page", "mkdocs_adapter/preview.py",
                "chuyentrang serve renders and writes only those pages, with MkDocs' own code (same bytes as build)",
                _params("page", "config", "doc_files", "nav", "env")),
    PrivateName("mkdocs.commands.build", "_build_theme_template", "mkdocs_adapter/preview.py",
                "chuyentrang serve writes the sitemap again when a save adds or removes a page",
                _params("template_name", "env", "files", "config", "nav")),
    PrivateName("mkdocs.structure.pages:Page", "render", "mkdocs_adapter/pagework.py",
                "an empty page is given MkDocs' empty-render result (it sets the private _title_from_render)",
                _source_holds("_title_from_render")),
    PrivateName("mkdocs.structure.pages:Page", "render", "mkdocs_adapter/pagecache.py",
                "a conversion taken from the build cache sets what render sets, the private _title_from_render too",
                _source_holds_all("self.content =", "self.toc =", "self._title_from_render =",
                                  "self.present_anchor_ids =", "self.links_to_anchors =")),
    PrivateName("mkdocs.structure.pages:_RelativePathTreeprocessor", "path_to_url", "mkdocs_adapter/pagecache.py",
                "a link's target is found through files.get_file_from_path only: the cache notes those look-ups "
                "(and the URL each resolved to) as part of the page's key",
                _source_holds_all("self.files.get_file_from_path(", "target_file.url")),
    PrivateName("mkdocs.structure.files:File", "url", "mkdocs_adapter/plugin.py",
                "an article's dest_uri is set in on_files: the cached url is dropped from File.__dict__",
                _cached_property),
    PrivateName("mkdocs.structure.files:File", "abs_dest_path", "mkdocs_adapter/plugin.py",
                "likewise for the cached absolute destination path",
                _cached_property),
)


def _owner(owner: str) -> object:
    module, _, cls = owner.partition(":")
    obj = import_module(module)
    return getattr(obj, cls) if cls else obj


def version_problems() -> list[str]:
    out = []
    for dist, prefixes in TESTED.items():
        try:
            have = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out.append(f"{dist} is not installed")
            continue
        if not have.startswith(prefixes):
            out.append(f"{dist} {have} is installed; the private names in generator/mkdocs_adapter/private.py were "
                       f"tested with {' / '.join(p + 'x' for p in prefixes)}: check each one, then update TESTED")
    return out


def problems() -> list[str]:
    """What no longer holds, one line each (English: this is for the developer upgrading a dependency)."""
    out = []
    for p in NAMES:
        try:
            obj = inspect.getattr_static(_owner(p.owner), p.name) if ":" in p.owner else getattr(_owner(p.owner), p.name)
        except (ImportError, AttributeError):
            out.append(f"{p.owner}.{p.name} is gone (used in {p.used_in}: {p.why})")
            continue
        if not p.check(obj):
            out.append(f"{p.owner}.{p.name} changed shape (used in {p.used_in}: {p.why})")
    return out


@cache
def page_functions_usable() -> bool:
    """The page child relies on MkDocs' private page functions: used only when they are as tested."""
    return not [p for p in problems() if "pagework" in p]


@cache
def page_cache_usable() -> bool:
    """The page cache sets what MkDocs' render sets: used only when render is as tested."""
    return not [p for p in problems() if "pagecache" in p]
