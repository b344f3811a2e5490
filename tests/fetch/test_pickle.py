"""Every value and exception of the generator can cross a process boundary: pickle rebuilds it equal.

Fetch parses feeds in worker processes (generator.fetch.workers) and the build reads files in forked children
(generator.support.parallel): a class that pickle cannot rebuild used to break the whole worker pool, and with it every
other source of the run. Found by walking the package, not listed by hand, so a new class is tested too.
"""

from __future__ import annotations

import collections.abc
import dataclasses
import enum
import importlib
import inspect
import pickle
import pkgutil
import types
import typing
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

import generator

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def _classes():
    found = []
    for info in pkgutil.walk_packages(generator.__path__, "generator."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, cls in vars(module).items():
            if inspect.isclass(cls) and cls.__module__ == info.name and (
                    dataclasses.is_dataclass(cls) or issubclass(cls, BaseException)):
                found.append(pytest.param(cls, id=f"{info.name}.{name}"))
    return found


class Unbuildable(Exception):
    pass


def sample(tp, depth: int = 0):
    """A value of type `tp` with something in it (not the empty or zero value a bug could hide behind)."""
    if depth > 24:  # a class that holds itself
        raise Unbuildable(tp)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        for option in sorted(args, key=lambda a: a is type(None)):
            try:
                return sample(option, depth + 1)
            except Unbuildable:
                continue
        raise Unbuildable(tp)
    if origin is typing.Literal:
        return args[0]
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return (sample(args[0], depth + 1), sample(args[0], depth + 1))
        return tuple(sample(a, depth + 1) for a in args)
    if origin is list:
        return [sample(args[0], depth + 1)]
    if origin in (dict, collections.abc.Mapping):
        return {sample(args[0], depth + 1): sample(args[1], depth + 1)}
    if origin in (collections.abc.Sequence, collections.abc.Iterable):
        return (sample(args[0], depth + 1),)
    if origin in (frozenset, set):
        return origin({sample(args[0], depth + 1)})
    if origin is collections.abc.Callable:
        return len  # a module-level function: what a picklable value can hold
    if origin is not None:
        raise Unbuildable(tp)
    if tp is type(None):
        return None
    if tp is typing.Any or tp is object:
        return "giá trị"
    if tp is bool:
        return True
    if tp is str:
        return "=Chuyển đổi số"
    if tp is int:
        return 7
    if tp is float:
        return 1.5
    if tp in (dict, collections.abc.Mapping):
        return {"khóa": "giá trị"}
    if tp is tuple:
        return ("giá trị",)
    if tp is bytes:
        return b"<rss/>"
    if tp is datetime:
        return datetime(2026, 2, 3, 4, 5, 6, tzinfo=TZ)
    if tp is date:
        return date(2026, 2, 3)
    if tp is timedelta:
        return timedelta(hours=7)
    if tp in (tzinfo, ZoneInfo):
        return TZ
    if tp is timezone:
        return timezone(timedelta(hours=7))
    if inspect.isclass(tp) and issubclass(tp, Path):
        return Path("/tmp/chuyen-trang")
    if inspect.isclass(tp) and issubclass(tp, enum.Enum):
        return next(iter(tp))
    if dataclasses.is_dataclass(tp):
        return build_dataclass(tp, depth + 1)
    if inspect.isclass(tp) and issubclass(tp, BaseException):
        return build_exception(tp)
    raise Unbuildable(tp)


def build_dataclass(cls, depth: int = 0):
    hints = typing.get_type_hints(cls)
    values = {f.name: sample(hints[f.name], depth) for f in dataclasses.fields(cls) if f.init}
    return cls(**values)


def build_exception(cls):
    params = [p for p in inspect.signature(cls.__init__).parameters.values()
              if p.name != "self" and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    hints = typing.get_type_hints(cls.__init__)
    args = []
    for p in params:
        if p.name in hints:
            args.append(sample(hints[p.name]))
        elif p.default is not p.empty:
            break
        else:
            args.append("=lỗi")
    return cls(*args)


def same_exception(a: BaseException, b: BaseException) -> bool:
    return type(a) is type(b) and a.args == b.args and str(a) == str(b) and _state(a) == _state(b)


def _state(exc: BaseException) -> dict:
    # nested exceptions (a retry carrying its FetchError) compared by what they say
    return {k: (type(v), v.args, str(v), _state(v)) if isinstance(v, BaseException) else v
            for k, v in vars(exc).items()}


@pytest.mark.parametrize("cls", _classes())
def test_every_value_and_exception_survives_pickle(cls):
    if issubclass(cls, BaseException):
        value = build_exception(cls)
        back = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert same_exception(value, back), (vars(value), vars(back))
    else:
        value = build_dataclass(cls)
        back = pickle.loads(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        assert back == value
