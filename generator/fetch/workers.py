"""Feed parsing in worker processes, where one source's feed can cost that source only.

Parsing is CPU-bound: in threads alone, 20 feeds answering at once queue on the GIL, so from a few sources on it
runs in worker processes. `forkserver` never forks the multi-threaded fetching process; the fork server imports
`generator.fetch.run` once and the workers are forked from it, started at once so that they are ready while the
network is still answering. (A `-m pkg` entry point or a script guarded by `if __name__ == "__main__"` is not re-run
in the workers.)

What crosses to and from a worker is plain data: the arguments, and back an `Answer` holding the result or the
failure's kind and message, never an exception object (one that pickle cannot rebuild breaks the whole pool).
A worker that dies (`os._exit`, SIGKILL, a crash inside a C library) breaks the whole `ProcessPoolExecutor` and
every source in it: the pool is replaced for the sources still to come, and each source that was in the broken
pool is parsed again in a process of its own, so the feed that kills its parser again fails alone.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Callable

from .parse import ParseFailure

PROCESSES_FROM = 4  # sources; for fewer, parsing in the fetching threads costs less than starting processes
PRELOAD = ["generator.fetch.run"]


@dataclass(frozen=True)
class Answer:
    """What a worker sends back: `value`, or a failure (`kind`, `message`) raised again as ParseFailure here."""
    value: Any = None
    kind: str | None = None
    message: str | None = None


def guarded(fn: Callable, args: tuple) -> Answer:
    """Runs in the worker: `fn(*args)` with every exception turned into plain data."""
    try:
        return Answer(fn(*args))
    except ParseFailure as exc:
        return Answer(kind=exc.kind, message=exc.message)
    except Exception as exc:  # a bug or a library surprise must stay this source's problem
        return Answer(kind="unexpected", message=f"lỗi không lường trước ({type(exc).__name__}: {str(exc)[:200]})")


def _unwrap(answer: Answer):
    if answer.kind is not None:
        raise ParseFailure(answer.kind, answer.message or "")
    return answer.value


class InThread:
    """Parsing in the calling (fetching) thread."""

    def __init__(self, fn: Callable) -> None:
        self.fn = fn

    def __call__(self, *args):
        return self.fn(*args)

    def close(self, wait: bool = True) -> None:
        pass


class Workers:
    """`workers(*args)` is `fn(*args)` run in a worker process; safe to call from many threads at once."""

    def __init__(self, fn: Callable, processes: int, context) -> None:
        self.fn = fn
        self._processes = processes
        self._context = context
        self._lock = threading.Lock()
        self._closed = False
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(max_workers=self._processes, mp_context=self._context)
        pool.submit(int)  # start the workers now
        return pool

    def __call__(self, *args):
        pool = self._pool
        try:
            return _unwrap(pool.submit(guarded, self.fn, args).result())
        except BrokenProcessPool:
            self._replace(pool)
        # Alone: if this is the feed that killed the worker, it kills only its own process this time.
        alone = ProcessPoolExecutor(max_workers=1, mp_context=self._context)
        try:
            return _unwrap(alone.submit(guarded, self.fn, args).result())
        except BrokenProcessPool:
            raise ParseFailure("worker-died", "trình đọc feed bị dừng đột ngột khi đọc nguồn này (hai lần): "
                                              "nội dung feed có thể làm hỏng trình đọc") from None
        finally:
            alone.shutdown(wait=False)

    def _replace(self, broken: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is broken and not self._closed:
                self._pool = self._new_pool()
        broken.shutdown(wait=False)

    def close(self, wait: bool = True) -> None:
        """`wait=False` when the run was cut short: parses still going are left to end on their own."""
        with self._lock:
            self._closed = True
            pool = self._pool
        pool.shutdown(wait=wait, cancel_futures=not wait)


def parse_workers(fn: Callable, n_sources: int) -> InThread | Workers:
    """Worker processes for `fn` when `n_sources` make them worth starting, else parsing in the fetching threads."""
    cpus = os.cpu_count() or 1
    if n_sources < PROCESSES_FROM or cpus < 2 or os.environ.get("CHUYENTRANG_FETCH_PROCESSES") == "0":
        return InThread(fn)
    try:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return Workers(fn, min(cpus, n_sources, 8), context)
    except (OSError, ValueError, ImportError):
        return InThread(fn)
