"""YAML read for humans' files: values plus the line each key stands on, unknown tags tolerated.

Timestamps are not resolved: dates stay strings so that ``generator.core.timeutil`` reads them in the site's timezone.

Every file is refused (a ``Refused`` error, with its line) before its values are built when it holds a key twice
(YAML would keep the last silently), is nested deeper than ``MAX_DEPTH``, refers to itself, or holds more than
``MAX_NODES`` values once its aliases are expanded (``&a [*b, *b, ...]`` nested: a few lines that would take
gigabytes to walk). Where a file has no use for aliases (front matter), ``aliases=False`` refuses them all.
"""
from __future__ import annotations

import re

import yaml


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when present: parsing is most of what check costs


class _Loader(_Base):
    def construct_object(self, node, deep=False):
        # A value with an explicit type that it is not (`!!timestamp 2024-13-01`, `!!float abc`, `!!int x`): YAML's
        # own reading stops with Python's error; said on the value's line instead
        try:
            return super().construct_object(node, deep=deep)
        except (ValueError, TypeError, OverflowError) as exc:
            kind = node.tag.rsplit(":", 1)[-1]
            raise Refused(node.start_mark, f"giá trị không đọc được theo kiểu '{kind}' đã ghi cho nó: hãy sửa giá "
                                           f"trị, hoặc bỏ thẻ '!!{kind}'") from exc


# Keep dates as text: YAML's own timestamp reading would take an offset-less time as naive and `HH:MM` as text, and
# stop on a date that does not exist (`2024-13-01`) before its line could be named.
DATES_AS_TEXT = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.yaml_implicit_resolvers = DATES_AS_TEXT


def unknown_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node):
    # mkdocs.yml may hold `!ENV X` or `!!python/name:material...` tags: keep their scalar text, never run them.
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_multi_constructor("!", unknown_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", unknown_tag)


MAX_DEPTH = 100  # nesting levels; libyaml stops at 1,000 but building the values recurses in Python before that
MAX_NODES = 100_000  # values once aliases are expanded: a large mkdocs.yml holds a few thousand


class Refused(yaml.YAMLError):
    """Input that parses but is not read: its ``message`` is the Vietnamese text for the editor."""

    def __init__(self, mark, message: str):
        super().__init__(message)
        self.problem_mark = mark
        self.message = message

    def __reduce__(self):  # rebuilt from both arguments, not from Exception.args (one): every problem may cross a process
        return type(self), (self.problem_mark, self.message)


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


def _plain_key(text: str) -> object:
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        return text


def _walk(node: yaml.Node, path: tuple, table: dict[tuple, int]) -> None:
    table.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.start_mark)
            table[path + (key,)] = key_node.start_mark.line + 1
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != "tag:yaml.org,2002:str":
                # `1:`, `true:`, `null:` are keys 1, True, None in the values: a message about one finds its line
                table.setdefault(path + (_plain_key(key_node.value),), key_node.start_mark.line + 1)
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


# ---- a fast path for the front matter editors write: one `key: value` per line ----
# libyaml's parse plus PyYAML's Python-side construction are the largest part of `chuyentrang check` on a large
# site (benchmarks/RESULTS-scale.md). Text made only of lines `key: plain text`, `key: "quoted"`, `key: 'quoted'`, `key: [a, b]` or
# `key:` is read here, with the same resolver (so `true`, `null`, `~` mean what YAML says); anything else (nesting,
# comments, escapes, numbers, anchors, tabs, ...) goes to the full parser. tests/core/test_yamlfile_fast.py checks
# both agree.
_SIMPLE_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*?))? *$")
_PLAIN_START_BAD = set("-?:,[]{}#&*!|>'\"%@`")
_ITEM_BAD = re.compile(r"[,\[\]{}#'\"]|: |:$")
_RESOLVER = yaml.resolver.Resolver()
_RESOLVER.yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers
_BOOL = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}
_TAGS: dict[str, str] = {}  # resolved tags of keys and short plain values: the same few recur in every file


def _tag(value: str) -> str:
    tag = _TAGS.get(value)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
        if len(value) <= 40 and len(_TAGS) < 4096:
            _TAGS[value] = tag
    return tag
_NOT_SIMPLE = object()


def _plain(value: str, flow: bool = False) -> object:
    if not value or value[0] in _PLAIN_START_BAD or ": " in value or " #" in value or value.endswith(":"):
        return _NOT_SIMPLE
    if flow and _ITEM_BAD.search(value):
        return _NOT_SIMPLE
    tag = _tag(value)
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _BOOL[value.lower()]
    return _NOT_SIMPLE  # numbers and the rest: the full parser


def _scalar(value: str | None) -> object:
    if value is None or value == "":
        return None
    first = value[0]
    if first == '"':
        inner = value[1:-1]
        return inner if len(value) > 1 and value[-1] == '"' and '"' not in inner and "\\" not in inner else _NOT_SIMPLE
    if first == "'":
        inner = value[1:-1]
        return inner if len(value) > 1 and value[-1] == "'" and "'" not in inner else _NOT_SIMPLE
    if first == "[":
        if value[-1] != "]":
            return _NOT_SIMPLE
        inner = value[1:-1].strip()
        if not inner:
            return []
        items = [_plain(item.strip(), flow=True) for item in inner.split(",")]
        return _NOT_SIMPLE if any(i is _NOT_SIMPLE or i is None for i in items) else items
    return _plain(value)


def _simple_mapping(text: str) -> tuple[dict, dict[tuple, int]] | None:
    data: dict = {}
    table: dict[tuple, int] = {}
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        m = _SIMPLE_LINE.match(line)
        if m is None or "\t" in line:
            return None
        key = m.group(1)
        if key in data or _tag(key) != "tag:yaml.org,2002:str":
            return None
        value = _scalar(m.group(2))
        if value is _NOT_SIMPLE:
            return None
        data[key] = value
        table.setdefault((), n)
        table[(key,)] = n
    return (data, table) if data else None


def load(text: str, *, line_offset: int = 0, aliases: bool = True) -> tuple[object, Lines]:
    """Parse ``text``; raises ``yaml.YAMLError`` (with ``problem_mark``) on a syntax error, ``Refused`` on input
    that parses but is refused (see the module's docstring). ``aliases=False``: any alias is refused."""
    simple = _simple_mapping(text)
    if simple is not None:
        return simple[0], Lines(simple[1], line_offset)
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, Lines({}, line_offset)
        _check(node, aliases, line_offset)
        data = loader.construct_document(node)
    except Refused:
        raise
    except yaml.YAMLError as exc:
        exc.hint, at = _hint(text, exc)
        if at is not None:  # the line at fault, not the one where YAML stopped
            exc.hint_mark = yaml.Mark("", 0, at, 0, None, None)
        elif exc.hint and "ngoặc đóng" in exc.hint:  # where the quote opened, not the end of the file
            exc.hint_mark = getattr(exc, "context_mark", None)
        raise
    finally:
        loader.dispose()
    return data, Lines(None, line_offset, node)


def _check(root: yaml.Node, aliases: bool, line_offset: int = 0) -> None:
    """Refuse a node tree with a key twice, too deep, referring to itself or too large once expanded."""
    sizes: dict[int, int] = {}  # expanded size of every node already checked
    on_path: set[int] = set()

    def visit(node: yaml.Node, depth: int, where) -> int:
        ident = id(node)
        if ident in sizes or ident in on_path:
            if not aliases:
                raise Refused(where, "không dùng bí danh YAML ('&tên' rồi '*tên') ở đây: hãy viết thẳng giá trị")
            if ident in on_path:
                raise Refused(where, "bí danh YAML trỏ vào chính giá trị chứa nó: giá trị này không bao giờ đọc hết")
            return sizes[ident]
        if depth > MAX_DEPTH:
            raise Refused(node.start_mark, f"giá trị lồng nhau quá {MAX_DEPTH} tầng")
        total = 1
        if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
            on_path.add(ident)
            if isinstance(node, yaml.MappingNode):
                seen: dict[str, yaml.Node] = {}
                pairs = []
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                        first = seen.setdefault(key.value, key)
                        if first is not key:
                            raise Refused(key.start_mark, f"khóa '{key.value[:60]}' xuất hiện hai lần (dòng "
                                                          f"{first.start_mark.line + 1 + line_offset} và dòng "
                                                          f"{key.start_mark.line + 1 + line_offset}): "
                                                          "YAML chỉ giữ giá trị sau, hãy xóa một dòng")
                    pairs.append((key, key.start_mark))
                    pairs.append((value, key.start_mark))
            else:
                pairs = [(item, where) for item in node.value]
            for child, mark in pairs:
                total += visit(child, depth + 1, mark)
                if total > MAX_NODES:
                    raise Refused(node.start_mark, f"giá trị quá lớn: hơn {MAX_NODES:,} giá trị khi mở hết các bí "
                                                   "danh YAML ('*tên')".replace(",", "."))
            on_path.discard(ident)
        sizes[ident] = total
        return total

    visit(root, 0, root.start_mark)


def error_line(exc: yaml.YAMLError, line_offset: int = 0) -> int | None:
    mark = getattr(exc, "hint_mark", None) or getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return None if mark is None else mark.line + 1 + line_offset


def error_message(exc: yaml.YAMLError) -> str:
    if isinstance(exc, Refused):
        return exc.message
    # The parser's own text is English: the editor gets the advice only (there is no verbose mode to show it in).
    hint = getattr(exc, "hint", None) or ("YAML không đọc được từ đây: mỗi dòng phải là 'khóa: giá trị', thụt lề bằng "
                                          "dấu cách; giá trị có ký tự đặc biệt hãy đặt trong dấu ngoặc kép")
    return f"lỗi cú pháp YAML: {hint}"


_KEY_NO_SPACE = re.compile(r"^\s*(?:- +)?([A-Za-z_][\w-]*):(?=[^\s:/])")
_KEY_COLON_VALUE = re.compile(r"^\s*(?:- +)?[A-Za-z_][\w-]*: +[^\"'].*: ")


_ODD_COLON = re.compile(r"^\s*(?:- +)?[^\s:\uff1a#]+(?:(\uff1a)|:[\u00a0\u2007\u202f])")
_KEY_VALUE = re.compile(r"^\s*(?:- +)?([A-Za-z_][\w-]*): +(.*?)\s*$")


def _hint(text: str, exc: yaml.YAMLError) -> tuple[str | None, int | None]:
    """The likely fix of a syntax error, in words an editor knows, and the 0-based line at fault when it is not the
    one where YAML stopped."""
    lines = text.split("\n")
    mark = getattr(exc, "problem_mark", None)
    stop = mark.line if mark is not None else len(lines) - 1
    for i in range(min(stop, len(lines) - 1), -1, -1):  # a colon YAML does not see as one: the key's line
        m = _ODD_COLON.match(lines[i])
        if m:
            if m[1]:
                return ("dấu hai chấm '：' là dấu toàn độ rộng (của bộ gõ tiếng Trung, Nhật): YAML không coi là dấu "
                        "hai chấm, hãy gõ lại dấu ':' thường"), i
            return ("sau dấu ':' là dấu cách không ngắt (thường có khi chép từ Word hay trang web): YAML không nhận, "
                    "hãy xóa nó và gõ lại một dấu cách thường"), i
    problem = str(getattr(exc, "problem", None) or "")
    if ("expected <block end>" in problem or "did not find expected key" in problem) and mark is not None and mark.line < len(lines):
        m = _KEY_VALUE.match(lines[mark.line])
        if m and m[2][:1] in ('"', "'", "[", "{") and mark.column > m.start(2):
            # `title: "Chuyển đổi số" là gì`, `title: [Thông báo] Lịch nghỉ`: the value opens like a quoted text or a
            # list, and more words follow where it closes
            return ("giá trị bắt đầu bằng dấu ngoặc nhưng còn chữ sau dấu đóng: hãy đặt cả giá trị trong dấu ngoặc "
                    f"kép, ví dụ {m[1]}: {quoted(_inner(m[2]))}"), None
    return _syntax_hint(text, exc), None


def _inner(value: str) -> str:
    """The text meant by a value written in double quotes that holds double quotes too: `"Hội nghị "CĐS" tỉnh"` is
    the title `Hội nghị "CĐS" tỉnh` (its first inner quote opens a phrase); `"CĐS" là "gì"` stays as written."""
    text = value.strip()
    if len(text) > 2 and text[0] == text[-1] == '"':
        first = text.find('"', 1)
        if 0 < first < len(text) - 1 and text[first - 1].isspace() and not text[first + 1].isspace():
            return text[1:-1]
    return value


def quoted(text: str) -> str:
    """``text`` as a YAML string: in double quotes, or single quotes when it holds a double quote."""
    return "'" + text.replace("'", "''") + "'" if '"' in text else f'"{text}"'


def _syntax_hint(text: str, exc: yaml.YAMLError) -> str | None:
    mark = getattr(exc, "problem_mark", None)
    problem = str(getattr(exc, "problem", None) or "")
    context = str(getattr(exc, "context", None) or "")
    lines = text.split("\n")
    n = mark.line if mark is not None else 0
    near = [lines[i] for i in (n, n - 1) if 0 <= i < len(lines)]  # YAML often stops on the line after the fault
    if "\t" in problem or any("\t" in line[: len(line) - len(line.lstrip())] for line in near):
        return "có ký tự Tab ở đầu dòng hoặc trong giá trị: YAML chỉ thụt lề bằng dấu cách, hãy thay Tab bằng dấu cách"
    for line in near:
        m = _KEY_NO_SPACE.match(line)
        if m:
            return f"thiếu dấu cách sau dấu ':' (viết '{m[1]}: ...', không phải '{m[1]}:...')"
    if "mapping values are not allowed" in problem and any(_KEY_COLON_VALUE.match(line) for line in near):
        return ("giá trị có dấu ':' (ví dụ trong tiêu đề): hãy đặt cả giá trị trong dấu ngoặc kép, "
                'ví dụ title: "Hội nghị: chuyển đổi số"')
    if "quoted scalar" in context or "quoted scalar" in problem:
        return "thiếu dấu ngoặc đóng: một giá trị mở bằng \" hoặc ' nhưng chưa đóng"
    if "cannot start any token" in problem:
        return "giá trị bắt đầu bằng ký tự đặc biệt (như @, `, %): hãy đặt cả giá trị trong dấu ngoặc kép"
    if "expected <block end>" in problem or "did not find expected key" in problem:
        return "thụt lề không đều: các khóa cùng cấp phải thẳng hàng, dùng cùng số dấu cách"
    if "maximum nesting depth" in problem:
        return "giá trị lồng nhau quá sâu (quá nhiều dấu '[' hoặc '{' lồng trong nhau)"
    if "undefined alias" in problem or "alias" in context:
        return "dấu '*' ở đầu giá trị là bí danh YAML: nếu là chữ thường, hãy đặt cả giá trị trong dấu ngoặc kép"
    return None
