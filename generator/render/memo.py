"""What ``render_site`` rendered last, kept by the preview between saves so that a save renders again only the
generated pages whose inputs changed.

Each page is first *planned*: its URL, template and context values. A page whose plan equals the plan it was last
rendered from (same template, equal context values, the same template environment) keeps its HTML; the others are
rendered through Jinja. ``chuyentrang build`` renders once and keeps no memo.

What a template reaches besides its context is the environment's globals and filters (``pages._environment``,
``plans.install``): they close over the site's settings, its tags and pictures and the quizzes of the day. Those
values are the environment's key: when it changes, the environment is made again and every page rendered again.
"""
from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass
from datetime import datetime
from typing import Callable


@dataclass(frozen=True)
class PageOf:
    """``url_of(k)`` for a pager: ``where(*args, k)``, the address of the k-th page of a listing. A value, not a
    closure: two plans of the same listing compare equal."""
    where: Callable[..., str]
    args: tuple = ()

    def __call__(self, k: int) -> str:
        return self.where(*self.args, k)


class Later:
    """A file's bytes made when first asked for (``bytes()``): a download of the preview that no page shows, such as
    the whole report's workbook. The files made by one call are made together, once."""

    def __init__(self, made: "_Once", path: str) -> None:
        self._made, self.path = made, path

    def bytes(self) -> bytes | None:
        return self._made().get(self.path)


class _Once:
    def __init__(self, make: Callable[[], list[tuple[str, bytes]]]) -> None:
        self._make, self._files = make, None

    def __call__(self) -> dict[str, bytes]:
        if self._files is None:
            self._files = dict(self._make())
        return self._files


class RenderMemo:
    """The last plan and HTML of every generated page (by URL), the template environment with its key, and the build
    time the frequency log shows (fixed at the first render: a page kept from an earlier render and one rendered
    now show the same time)."""

    def __init__(self) -> None:
        self.env_key: object = None
        self.env = None
        self.pages: dict[str, tuple[str, dict, str]] = {}  # url -> (template, context, html)
        self.built: datetime | None = None
        self.rendered = self.kept = 0  # of the last render_site: for the preview's report and the tests
        self.made: list[str] = []  # the URLs of the pages rendered (not kept) by the last render_site
        self.download_paths: dict[str, list[str]] = {}  # kind -> the paths of the downloads made by ``downloads``
        self.pictures: dict = {}  # the articles' pictures made (``pictures.make_pictures``), by file name and stamp
        self.reports: dict = {}  # the formal reports, by period: what each was made from and what it gave
        self.item_weeks: tuple | None = None  # (the site's feed items, time zone, their weeks: ``pages._weeks``)

    def environment(self, key: object, make: Callable[[], object]):
        """The environment made for ``key`` (kept while the key is equal): a new key drops every page."""
        if self.env is None or not _Render(self).same(self.env_key, key):
            self.env, self.env_key = make(), key
            self.pages, self.reports = {}, {}
        return self.env

    def downloads(self, kind: str, make: Callable[[], list[tuple[str, bytes]]]) -> list[tuple[str, object]]:
        """The files ``make()`` gives, (path, bytes): made now the first time (the preview's first build writes them
        all), then as ``Later`` values at the same paths, made when asked for."""
        paths = self.download_paths.get(kind)
        if paths is None:
            files = make()
            self.download_paths[kind] = [path for path, _ in files]
            return files
        once = _Once(make)
        return [(path, Later(once, path)) for path in paths]

    def start(self) -> "_Render":
        self.rendered = self.kept = 0
        self.made = []
        return _Render(self)


class _Render:
    """One render_site pass over a memo: the pages planned in it, and the comparisons already made (the same report,
    the same week is passed to many pages: compared once)."""

    def __init__(self, memo: RenderMemo) -> None:
        self.memo = memo
        self.seen: dict[str, tuple[str, dict, str]] = {}
        self.compared: dict[tuple[int, int], bool] = {}

    def html(self, url: str, template: str, context: dict, render: Callable[[], str]) -> str:
        memo = self.memo
        last = memo.pages.get(url)
        if last is not None and last[0] == template and self._context_same(last[1], context):
            memo.kept += 1
            html = last[2]
        else:
            memo.rendered += 1
            memo.made.append(url)
            html = render()
        self.seen[url] = (template, context, html)
        return html

    def finish(self) -> None:
        """The pages of this render replace the memo's (a page no longer made is forgotten)."""
        self.memo.pages = self.seen

    def _context_same(self, old: dict, new: dict) -> bool:
        if old.keys() != new.keys():
            return False
        same = self.same
        return all(same(old[k], v) for k, v in new.items())

    def same(self, a: object, b: object) -> bool:
        """Equal values of the same type; a dict also in the same order (a template may list it); a dataclass field
        by field, those left out of its ``==`` included (an article's ``==`` leaves out its body, from which its
        summary is made, and the listings show the summary). A pair of containers is compared once in a render (the
        same report, week or channel reaches many pages): both live as long as the render (the memo and the plan
        hold them), so their ids stay theirs."""
        if a is b:
            return True
        t = type(a)
        if t is not type(b):
            return False
        names = _FIELDS.get(t, ())
        if names == ():
            names = _FIELDS[t] = tuple(f.name for f in fields(t)) if is_dataclass(t) else None
        if names is None and t is not tuple and t is not list and t is not dict:
            if t is datetime:  # the same instant written in another offset prints differently
                return a == b and a.utcoffset() == b.utcoffset()
            try:
                return bool(a == b)
            except Exception:  # noqa: BLE001 - a value that cannot be compared is rendered again
                return False
        pair = (id(a), id(b))
        known = self.compared.get(pair)
        if known is not None:
            return known
        same = self.same
        if names is not None:
            result = all(same(getattr(a, n), getattr(b, n)) for n in names)
        elif t is dict:
            result = a.keys() == b.keys() and list(a) == list(b) and all(same(v, b[k]) for k, v in a.items())
        else:
            result = len(a) == len(b) and all(x is y or same(x, y) for x, y in zip(a, b))
        self.compared[pair] = result
        return result


_FIELDS: dict[type, tuple[str, ...] | None] = {}  # a dataclass's field names; None: not a dataclass
