"""Problems found in editors' input, collected and reported together as ``path:line: message``."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable


_ESCAPED = {c: repr(chr(c))[1:-1] for c in [*range(32), 127, 0x85, 0x2028, 0x2029]}


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        # one problem, one line: a line break or a control character quoted from the input is shown escaped
        return f"{where}: {self.message.translate(_ESCAPED)}"


class InputError(Exception):
    """Bad input or config: carries every problem found, not only the first (exit 2)."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self):
        # rebuilt from its problems, not from `args` (the joined text): it may come back from a worker process
        return type(self), (self.problems,)


def raise_if_any(problems: Iterable[Problem]) -> None:
    problems = list(problems)
    if problems:
        raise InputError(problems)
