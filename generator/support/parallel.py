"""Work on every core. ``Pool`` is a ``map`` for domain code that takes ``map=`` (``load_articles``, ``load_site``), as
lemon24/reader's ``Parser.parallel(feeds, map=map)`` does: the domain code stays a plain loop and the caller chooses
``serial_map`` or a ``Pool``. ``start`` and ``spawn`` fork one child for a job of its own (the search index, a share
of the pages); ``Elsewhere`` one for a value this process collects later (a formal report's PDF).
"""
from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from typing import Callable, Generic, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")
A = TypeVar("A")
B = TypeVar("B")

Map = Callable[[Callable[[T], R], Sequence[T]], list[R]]


def serial_map(fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
    return [fn(x) for x in items]


def cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def can_fork() -> bool:
    # fork copies only the calling thread: with other threads alive a lock they hold could never be released.
    return hasattr(os, "fork") and sys.platform != "win32" and threading.active_count() == 1 and cores() > 1


class Later(Generic[T]):
    """``fn()``, run once: when ``result()`` is first asked for, or earlier by a ``Pool`` that has this process free
    (see ``Pool.meanwhile``). An exception it raised is raised by ``result()``."""

    def __init__(self, fn: Callable[[], T]):
        self._fn: Callable[[], T] | None = fn
        self._value: T | None = None
        self._error: BaseException | None = None

    def run(self) -> None:
        fn, self._fn = self._fn, None
        if fn is not None:
            try:
                self._value = fn()
            except Exception as exc:  # raised where the result is asked for, as in the plain sequence
                self._error = exc

    def result(self) -> T:
        self.run()
        if self._error is not None:
            raise self._error
        return self._value  # type: ignore[return-value]


def concurrently(map: Map, first: Callable[[Map], A], here: Callable[[], B]) -> tuple[A, B]:
    """``(first(map), here())``. With a ``Pool``, ``here()`` runs in this process while the pool's workers start on
    ``first``'s map (work too costly to send back from a worker, such as the feed archive's items)."""
    later = map.meanwhile(here) if isinstance(map, Pool) else Later(here)
    return first(map), later.result()


class Pool:
    """A ``Map``: ``pool(fn, items) == [fn(x) for x in items]``, same results in the same order, the items taken
    ``chunk`` at a time by forked workers (one per core but this process's) and by this process, each taking the
    next chunk when done with its last: whoever is faster or less busy takes more, with no shares to tune.

    The plain loop below ``min_items`` items (forking and sending the results back would cost more than they save)
    or when forking is not possible or not safe (no ``fork``, one core, other threads running as under ``mkdocs
    serve``). A worker that fails (an exception, a crash) leaves its chunks to this process: they are done here,
    where an error surfaces as in the plain loop. Results are pickled back: keep them small (see
    ``Article.__reduce__``)."""

    def __init__(self, min_items: int = 400, chunk: int = 16, workers: int | None = None):
        self.min_items = min_items
        self.chunk = chunk
        self.workers = workers
        self._meanwhile: list[Later] = []

    def meanwhile(self, fn: Callable[[], T]) -> Later[T]:
        """``fn()`` done by this process at the next map, after its workers have started (or when its result is
        asked for, if that comes first)."""
        later = Later(fn)
        self._meanwhile.append(later)
        return later

    def __call__(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        workers = max(0, min(self.workers if self.workers is not None else cores() - 1, len(items) - 1))
        if len(items) < self.min_items or workers == 0 or not can_fork():
            return [fn(x) for x in items]
        size = max(self.chunk, -(-len(items) // _MAX_CHUNKS))
        starts = range(0, len(items), size)
        tasks, w = os.pipe()
        try:
            # every chunk queued before any worker exists: the pipe is then read to its end, never waited on
            os.write(w, b"".join(s.to_bytes(4, "big") for s in starts))
        finally:
            os.close(w)
        try:
            forked = [_fork(lambda out: _work(fn, items, size, tasks, out), child_reads=False, quiet=(BaseException,))
                      for _ in range(workers)]
            children = [c for c in forked if c is not None]
            done: dict[int, list[R]] = {}
            try:
                pending, self._meanwhile = self._meanwhile, []
                for later in pending:
                    later.run()
                for start in _take(tasks):
                    done[start] = [fn(x) for x in items[start:start + size]]
            except BaseException:
                for pid, _ in children:
                    os.kill(pid, signal.SIGKILL)
                raise
            finally:
                received = [_receive(child) for child in children]
        finally:
            os.close(tasks)
        for got in received:
            for start, results in got:
                if start in starts and len(results) == len(items[start:start + size]):
                    done.setdefault(start, results)
        out: list[R] = []
        for start in starts:  # a chunk no worker sent back: done here
            out.extend(done[start] if start in done else [fn(x) for x in items[start:start + size]])
        return out


_MAX_CHUNKS = 2048  # queued as 4 bytes each: 8 KB, well within what a pipe holds on every system


def _take(tasks: int):
    """The starts of the chunks not yet taken, as this process takes them from the shared queue."""
    while True:
        data = os.read(tasks, 4)
        while data and len(data) < 4:  # never happens on Linux (reads of a pipe are not split), cheap to allow
            more = os.read(tasks, 4 - len(data))
            if not more:
                return
            data += more
        if not data:
            return
        yield int.from_bytes(data, "big")


def _work(fn, items, size, tasks, out) -> None:
    """A worker of ``Pool``: chunks taken until none is left, then every result sent at once (pickled into memory
    first: this process reads only once its own share is done, and a pipe holds 64 KB). Each chunk is pickled as soon
    as it is done, while the parent still works: once the last one is, there is only sending left, which the parent
    waits for. What was done is sent even when a chunk failed: only the rest is done again by the parent."""
    done = []
    try:
        for start in _take(tasks):
            done.append((start, pickle.dumps([fn(x) for x in items[start:start + size]],
                                             protocol=pickle.HIGHEST_PROTOCOL)))
    finally:
        data = pickle.dumps(done, protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(out, "wb") as fh:
            fh.write(data)


def _collect(child: tuple[int, int]) -> tuple[int, bytes]:
    """Everything a child wrote into its pipe, and its exit status, once it has ended (reaped)."""
    pid, r = child
    try:
        with os.fdopen(r, "rb") as fh:
            data = fh.read()
    finally:
        _, status = os.waitpid(pid, 0)
    return status, data


def _receive(child: tuple[int, int]) -> list:
    """What a worker sent: ``[(start, results), ...]``, or ``[]`` if it sent nothing readable (it crashed)."""
    _status, data = _collect(child)
    try:
        return [(start, pickle.loads(chunk)) for start, chunk in pickle.loads(data)] if data else []
    except Exception:
        return []


class Elsewhere(Generic[T]):
    """``fn()`` made by a forked child from now on, while this process goes on; ``result()`` waits for it (once).

    When forking is not possible or not safe, or the child failed (an exception, a crash, a value that does not
    pickle), ``result()`` runs ``fn()`` here instead: whatever this process would have said or raised doing the work
    itself, it says or raises then, and nothing else. The child is silent (no traceback: its failure is this
    process's to report) and its log records stay in it: for work that logs nothing a build shows. The value comes
    back pickled, whole, once the child is done."""

    def __init__(self, fn: Callable[[], T]):
        self._fn = fn
        # quiet: an error is raised by result() here; Ctrl-C stops the build, which says so itself
        self._child = _fork(lambda out: _send_value(fn, out), child_reads=False, quiet=(Exception, KeyboardInterrupt))
        self._done = False
        self._value: T | None = None

    def result(self) -> T:
        if not self._done:
            got = _receive_value(self._child) if self._child is not None else None
            self._child = None
            self._value = got[0] if got is not None else self._fn()
            self._done = True
        return self._value  # type: ignore[return-value]

    def cancel(self) -> None:
        """The child stopped and reaped (a build that failed): ``result()`` would then make the value here."""
        if self._child is not None:
            pid, r = self._child
            self._child = None
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            os.close(r)
            os.waitpid(pid, 0)


def _send_value(fn: Callable[[], T], out: int) -> None:
    data = pickle.dumps(fn(), protocol=pickle.HIGHEST_PROTOCOL)  # before anything is written: all or nothing
    with os.fdopen(out, "wb") as fh:
        fh.write(data)


def _receive_value(child: tuple[int, int]) -> tuple | None:
    """``(value,)`` sent by an ``Elsewhere`` child that succeeded, else None."""
    status, data = _collect(child)
    if status != 0 or not data:
        return None
    try:
        return (pickle.loads(data),)
    except Exception:
        return None


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
        with os.fdopen(r, "rb") as fh:
            # The pipe is drained while ``before()`` runs: the parent's ``send`` would otherwise wait, its pipe full,
            # until the child is done with ``before()`` (the parent's critical path).
            received: list[bytes] = []
            reader = threading.Thread(target=lambda: received.append(fh.read()), daemon=True)
            reader.start()
            if before is not None:
                before()
            reader.join()
        value = pickle.loads(received[0] if received else b"")  # EOFError when cancelled: nothing to do
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
    (the traceback on stderr, except for the ``quiet`` exceptions and the machine's own failures, OSError). Never returns into the parent's code."""
    code = 1
    try:
        _close_inherited()
        gc.freeze()  # the inherited objects are left alone by this child's collector: their pages stay shared
        work()
        code = 0
    except quiet:
        pass
    except OSError:
        pass  # a full or read-only disk: the parent does this work again and reports it in one line
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
