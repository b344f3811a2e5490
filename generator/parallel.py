"""Share a load over the machine's cores: ``map_chunks(fn, chunks)`` gives ``[fn(c) for c in chunks]``, the first chunk
done in this process while forked children do the others. Same results, same order, as the plain loop.

Used where ``chuyentrang check`` reads thousands of files (articles, the feed archive). Falls back to the plain loop
when forking is not possible or not safe (no ``fork``, one core, other threads running as under ``mkdocs serve``), and
for any chunk whose child failed: that chunk is then done again here, so errors surface as in the plain loop.
"""
from __future__ import annotations

import copyreg
import gc
import io
import os
import pickle
import sys
import threading
from contextlib import contextmanager
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    # fork copies only the calling thread: with other threads alive a lock they hold could never be released.
    return hasattr(os, "fork") and sys.platform != "win32" and threading.active_count() == 1 and cores() > 1


def split(items: Sequence[T], weights: Sequence[float] | None = None, parts: int | None = None,
          first: float = 0.54) -> list[list[T]]:
    """``items`` cut into ``parts`` (default: the number of cores) consecutive runs by weight: the first (done in this
    process) a ``first`` share of a two-way split (the children also pickle what they send back, this process
    unpickles it), the others equal."""
    parts = max(1, min(parts or cores(), len(items)))
    weights = list(weights) if weights is not None else [1.0] * len(items)
    total = sum(weights) or 1.0
    head = first * 2 / parts  # the first part's share, scaled to the number of parts
    bounds = [head + (1 - head) * k / (parts - 1) for k in range(parts - 1)] if parts > 1 else []
    out: list[list[T]] = [[] for _ in range(parts)]
    acc = 0.0
    for item, w in zip(items, weights):
        k = sum(1 for b in bounds if acc / total >= b)
        out[k].append(item)
        acc += w
    return [c for c in out if c]


def map_chunks(fn: Callable[[T], R], chunks: Sequence[T], reducers: dict | None = None) -> list[R]:
    """``[fn(c) for c in chunks]``, the chunks after the first done in forked children at the same time.

    ``reducers``: extra pickling rules (type -> reduce function, as for ``copyreg``) for the results sent back, e.g.
    to make equal objects that this process shares come back as the same object.

    The cyclic garbage collector is paused meanwhile: loading makes hundreds of thousands of objects that all stay,
    and each collection would walk them again (about a tenth of the time)."""
    with gc_paused():
        return _map_chunks(fn, chunks, reducers)


@contextmanager
def gc_paused():
    """The cyclic garbage collector off meanwhile: loading makes hundreds of thousands of objects that all stay, and
    no cycles; each collection would walk them all again."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _map_chunks(fn, chunks, reducers):
    if len(chunks) < 2 or not can_fork():
        return [fn(c) for c in chunks]
    children: list[tuple[int, int] | None] = []
    for chunk in chunks[1:]:
        def work(w: int, chunk=chunk) -> None:  # in the child: compute, send
            # Pickled whole, then sent: pickling into the pipe would stop at its first 64 KB until this process
            # reads, which it does only once its own chunk is done; the pickling (with what the reducers add to
            # the results) is done meanwhile instead.
            buf = io.BytesIO()
            p = pickle.Pickler(buf, protocol=pickle.HIGHEST_PROTOCOL)
            if reducers:
                p.dispatch_table = {**copyreg.dispatch_table, **reducers}
            p.dump(fn(chunk))
            with os.fdopen(w, "wb") as out:
                out.write(buf.getbuffer())

        # a child that fails says nothing: its chunk is done again here, where the error surfaces as in the loop
        children.append(_fork(work, child_reads=False, quiet=(BaseException,)))
    results: list = []
    try:
        results.append(fn(chunks[0]))
    finally:
        received = [_receive(child) for child in children]
    for chunk, got in zip(chunks[1:], received):
        results.append(fn(chunk) if got is _FAILED else got)
    return results


_FAILED = object()


def _receive(child: tuple[int, int] | None):
    if child is None:
        return _FAILED
    pid, r = child
    try:
        with os.fdopen(r, "rb") as fh:
            data = fh.read()
    finally:
        _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        return _FAILED
    try:
        return pickle.loads(data)
    except Exception:
        return _FAILED


class Job:
    """``fn(value)`` in a forked child (see ``start``): ``send(value)`` hands it the value it waits for, ``join()``
    waits for the child and tells whether it succeeded, ``cancel()`` makes it stop without doing anything."""

    def __init__(self, pid: int, pipe: int):
        self.pid = pid
        self._pipe: int | None = pipe
        self.ok: bool | None = None
        _open_pipes.add(pipe)

    def send(self, value: object) -> None:
        _open_pipes.discard(self._pipe)
        with os.fdopen(self._pipe, "wb") as out:
            self._pipe = None
            try:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            except BrokenPipeError:
                pass  # the child is gone: join() says so

    def cancel(self) -> None:
        if self._pipe is not None:
            _open_pipes.discard(self._pipe)
            os.close(self._pipe)  # the child reads the end of the pipe and leaves
            self._pipe = None
        self.join()

    def join(self) -> bool:
        if self._pipe is not None:
            raise RuntimeError("join() before send(): the child would wait for ever")
        if self.ok is None:
            _, status = os.waitpid(self.pid, 0)
            self.ok = status == 0
        return self.ok


_open_pipes: set[int] = set()  # the write ends of started jobs not yet sent to: a later child closes its copies


def start(fn: Callable[[object], object], before: Callable[[], object] | None = None) -> Job | None:
    """Fork a child now that will run ``fn(value)`` once ``Job.send(value)`` is called, for its effects (files it
    writes), while this process goes on; None when forking is not possible or not safe (then do the work here).
    ``before()``, if given, is run by the child first, while it waits for the value (work that does not need it).
    Forking early keeps the child small: it shares this process's memory as it is now, and its garbage collector
    leaves the inherited objects alone so that those pages stay shared."""
    def work(r: int) -> None:
        if before is not None:
            before()
        with os.fdopen(r, "rb") as fh:
            value = pickle.load(fh)  # EOFError when cancelled: nothing to do
        fn(value)

    forked = _fork(work, child_reads=True, quiet=(EOFError,))
    return Job(*forked) if forked is not None else None


def _fork(work: Callable[[int], None], child_reads: bool, quiet: tuple = ()) -> tuple[int, int] | None:
    """Fork a child that runs ``work(fd)`` with its end of a new pipe (the read end when ``child_reads``, else the write
    end) and then exits (see ``_child``). Returns ``(pid, this process's end)``, or None when forking is not possible
    or not safe."""
    if not can_fork():
        return None
    try:
        r, w = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(r)
        os.close(w)
        return None
    mine, theirs = (w, r) if child_reads else (r, w)
    if pid == 0:
        os.close(mine)
        _child(lambda: work(theirs), quiet)
    os.close(theirs)
    return pid, mine


def _child(work: Callable[[], None], quiet: tuple = ()) -> None:
    """The life of a forked child of ``start`` or ``spawn``: ``work()``, then exit, 0 if it succeeded, 1 if it raised
    (the traceback on stderr, except for the ``quiet`` exceptions). Never returns into the parent's code."""
    code = 1
    try:
        _close_inherited()
        gc.freeze()  # the inherited objects are left alone by this child's collector: their pages stay shared
        work()
        code = 0
    except quiet:
        pass
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def _close_inherited() -> None:
    """In a new child: close the write ends of the other jobs' pipes, so that those jobs see the end of their input
    when this process's parent closes it (cancel) even while this child lives on."""
    for fd in _open_pipes:
        try:
            os.close(fd)
        except OSError:
            pass
    _open_pipes.clear()


class Worker:
    """A child forked by ``spawn`` that sends this process messages while it works: ``receive()`` waits for the next
    one (``default`` if the child ended without sending it), ``join()`` waits for the child and tells whether it
    succeeded."""

    def __init__(self, pid: int, fd: int):
        self.pid = pid
        self._in = os.fdopen(fd, "rb")
        self.ok: bool | None = None

    def receive(self, default: object = None) -> object:
        if self._in.closed:
            return default
        try:
            return pickle.load(self._in)
        except Exception:  # EOF: the child failed (or ended) before sending it
            return default

    def join(self) -> bool:
        if self.ok is None:
            self._in.close()  # a child still writing gets EPIPE and ends
            _, status = os.waitpid(self.pid, 0)
            self.ok = status == 0
        return self.ok


def spawn(fn: Callable[[Callable[[object], None]], object]) -> Worker | None:
    """Fork a child that runs ``fn(send)`` now, ``send(value)`` handing this process a message (``Worker.receive``);
    None when forking is not possible or not safe. The child exits with 0 once ``fn`` returns, 1 if it raised."""
    def work(w: int) -> None:
        with os.fdopen(w, "wb") as out:
            def send(value: object) -> None:
                out.write(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
                out.flush()

            fn(send)

    forked = _fork(work, child_reads=False)
    return Worker(*forked) if forked is not None else None
