"""What a long build is doing, on stderr: each phase with its count and the time since the start. On a terminal the
phase being done is a bar redrawn in place; elsewhere (CI logs, a file) one plain line when each phase ends, so a
log stays readable."""
from __future__ import annotations

import os
import sys
import time
from typing import TextIO

WIDTH = 24  # characters of the bar


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")  # 10.000: the Vietnamese way


class Phases:
    def __init__(self, err: TextIO = sys.stderr, tty: bool | None = None, clock=time.perf_counter):
        self.err = err
        if tty is None:
            isatty = getattr(err, "isatty", None)
            tty = bool(isatty and isatty())
        self.tty = tty
        self.clock = clock
        self.start = clock()
        self.name = ""
        self.total: int | None = None
        self.done = 0
        self._drawn = 0.0
        self.pid = os.getpid()  # a forked child building pages says nothing

    def _elapsed(self) -> str:
        return f"[{self.clock() - self.start:6.1f} giây]"

    def begin(self, name: str, total: int | None = None) -> None:
        self.name, self.total, self.done = name, total, 0
        if self.tty:
            self._draw(force=True)

    def advance(self, n: int = 1) -> None:
        self.done += n
        if self.tty and os.getpid() == self.pid:
            self._draw()

    def _draw(self, force: bool = False) -> None:
        now = self.clock()
        if not force and now - self._drawn < 0.1:  # a terminal redrawn ten times a second is enough
            return
        self._drawn = now
        if self.total:
            filled = min(WIDTH, WIDTH * self.done // self.total)
            bar = f" [{'#' * filled}{'.' * (WIDTH - filled)}] {_count(self.done)}/{_count(self.total)}"
        else:
            bar = " ..."
        self.err.write(f"\r\033[K{self._elapsed()} {self.name}{bar}")
        self.err.flush()

    def end(self, what: str = "") -> None:
        """The phase is over; ``what``: its count in words ("2.000 bài viết")."""
        line = f"{self._elapsed()} {self.name}: xong" + (f", {what}" if what else "")
        self.err.write(("\r\033[K" if self.tty else "") + line + "\n")
        self.err.flush()
        self.name, self.total = "", None


def count(n: int, noun: str) -> str:
    return f"{_count(n)} {noun}"
