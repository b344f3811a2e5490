"""YAML read for humans' files: values plus the line each key stands on, unknown tags tolerated.

Timestamps are not resolved: dates stay strings so that ``generator.timeutil`` reads them in the site's timezone.
"""
from __future__ import annotations

import yaml


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: 10,000 articles load in ~1 s


class _Loader(_Base):
    pass


# Keep dates as text: YAML's own timestamp reading would take an offset-less time as naive and `HH:MM` as text.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _unknown(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    # mkdocs.yml may hold `!ENV X` or `!!python/name:material...` tags: keep their scalar text, never run them.
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", _unknown)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _unknown)


class Lines:
    """Line numbers (1-based) of keys and list items, looked up by path: ``lines.of("plugins", 0, "channels")``.

    The table is built on first use from the parsed node tree: files without problems never pay for it.
    """

    def __init__(self, table: dict[tuple, int] | None = None, offset: int = 0, node: yaml.Node | None = None):
        self.__table = table
        self._node = node
        self._offset = offset

    @property
    def _table(self) -> dict[tuple, int]:
        if self.__table is None:
            self.__table = {}
            if self._node is not None:
                _walk(self._node, (), self.__table)
        return self.__table

    def of(self, *path) -> int | None:
        while path:
            if path in self._table:
                return self._table[path] + self._offset
            path = path[:-1]
        return self._table.get((), 0) + self._offset if self._table else None

    def sub(self, *prefix) -> "Lines":
        n = len(prefix)
        table = {k[n:]: v for k, v in self._table.items() if k[:n] == prefix}
        return Lines(table, self._offset)


def _walk(node: yaml.Node, path: tuple, table: dict[tuple, int]) -> None:
    table.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            table[path + (key,)] = key_node.start_mark.line + 1
            sub: dict[tuple, int] = {}
            _walk(value_node, (), sub)
            for k, v in sub.items():
                if k:
                    table[path + (key,) + k] = v
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            sub = {}
            _walk(item, (), sub)
            for k, v in sub.items():
                table[path + (i,) + k] = v


def load(text: str, *, line_offset: int = 0) -> tuple[object, Lines]:
    """Parse ``text``; raises ``yaml.YAMLError`` (with ``problem_mark``) on a syntax error."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Lines({}, line_offset)
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    return data, Lines(None, line_offset, node)


def error_line(exc: yaml.YAMLError, line_offset: int = 0) -> int | None:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return None if mark is None else mark.line + 1 + line_offset


def error_message(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return f"lỗi cú pháp YAML ({problem})"
