"""Admission of the web app's CPU-heavy work: bounded, queued, then refused, and
deduplicated.

Judging a submission starts a process and a demo computes in a thread; both take a CPU
for a while. Without a bound, fifty users who press "submit" at once get fifty processes
on two cores, and every page read waits behind them. :class:`Admission` runs at most
``slots`` jobs at once (default: the number of CPUs), lets at most ``queue`` more wait
for a slot (default: twice the slots), and refuses the rest at once with :class:`Busy`,
which carries a retry delay estimated from the recent job durations. The web routes turn
it into ``503 Service Unavailable`` with ``Retry-After``. Waiting jobs hold a worker
thread each, so the bounded queue also bounds the threads they take.

:class:`OnceCache` keeps the last results by key (demo parameters) and computes a missing
one once, however many requests ask for it at the same moment: the others await the same
result (single flight). It lives on the event loop, so it needs no lock.

Both are services: no HTTP in here. Configure the bounds with ``MLINTERVIEW_JOBS`` and
``MLINTERVIEW_QUEUE`` (read once, when this module is imported by the web app).
"""

from __future__ import annotations

import asyncio
import math
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

import anyio.to_thread

T = TypeVar("T")


def _env_count(name: str, default: int, low: int) -> int:
    """An integer setting from the environment, ``ValueError`` naming it if malformed."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ValueError(f"{name}: expected an integer, got {raw!r}") from None
    if value < low:
        raise ValueError(f"{name}: expected at least {low}, got {value}")
    return value


def default_slots() -> int:
    """``MLINTERVIEW_JOBS`` or the number of CPUs this process may use."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # macOS
        cpus = os.cpu_count() or 1
    return _env_count("MLINTERVIEW_JOBS", max(1, cpus), 1)


def default_queue(slots: int) -> int:
    """``MLINTERVIEW_QUEUE`` or twice the slots."""
    return _env_count("MLINTERVIEW_QUEUE", 2 * slots, 0)


# Read once, when the web app is built: a malformed value stops `mlinterview serve` with
# one line naming the variable, instead of failing the first submission.
SLOTS = default_slots()
QUEUE = default_queue(SLOTS)


@dataclass(frozen=True)
class Load:
    """A snapshot: jobs running, jobs waiting, and the bounds."""

    running: int
    waiting: int
    slots: int
    queue: int


class Busy(Exception):
    """Refused: every slot is taken and the queue is full. Retry after ``retry_after``
    seconds (a whole number, at least 1)."""

    def __init__(self, retry_after: int, load: Load):
        super().__init__(f"busy: {load.running} running, {load.waiting} waiting; "
                         f"retry after {retry_after} s")
        self.retry_after = retry_after
        self.load = load


class Admission:
    """At most ``slots`` jobs at once, at most ``queue`` more waiting, the rest refused.

    ``typical_seconds`` seeds the running mean of job durations that the retry delay is
    estimated from.
    """

    def __init__(self, slots: int | None = None, queue: int | None = None, *,
                 typical_seconds: float = 1.0):
        self.slots = SLOTS if slots is None else slots
        self.queue = (QUEUE if slots is None else 2 * self.slots) if queue is None else queue
        if self.slots < 1 or self.queue < 0:
            raise ValueError(f"slots: expected at least 1 (got {self.slots}) and queue at "
                             f"least 0 (got {self.queue})")
        self._free = threading.Semaphore(self.slots)
        self._lock = threading.Lock()
        self._running = 0
        self._waiting = 0
        self._mean_seconds = typical_seconds

    def load(self) -> Load:
        """How many jobs run and wait right now."""
        with self._lock:
            return Load(self._running, self._waiting, self.slots, self.queue)

    def retry_after(self) -> int:
        """Seconds until a refused job would likely be admitted: the work ahead of it
        (running and waiting jobs at the mean duration) shared by the slots."""
        with self._lock:
            ahead = self._running + self._waiting
            mean = self._mean_seconds
        return max(1, min(120, math.ceil(mean * ahead / self.slots)))

    def _admit(self) -> None:
        with self._lock:
            if self._running + self._waiting < self.slots + self.queue:
                self._waiting += 1
                return
        raise Busy(self.retry_after(), self.load())

    def _run_in_slot(self, fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
        self._free.acquire()  # a waiting job blocks its worker thread, never the loop
        with self._lock:
            self._waiting -= 1
            self._running += 1
        start = time.monotonic()
        try:
            return fn(*args, **kwargs)
        finally:
            seconds = time.monotonic() - start
            with self._lock:
                self._running -= 1
                self._mean_seconds += 0.2 * (seconds - self._mean_seconds)
            self._free.release()

    async def run(self, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """``fn(*args, **kwargs)`` in a worker thread once a slot is free; :class:`Busy`
        at once if the queue is full."""
        self._admit()
        # Not cancellable once admitted: the thread runs and settles its own counts.
        return await anyio.to_thread.run_sync(self._run_in_slot, fn, args, kwargs)


class OnceCache:
    """The last ``maxsize`` results by key; a missing one is computed once even when
    many callers ask at the same time (they all await the first caller's computation).
    A failed computation is not cached: each waiting caller gets its exception."""

    def __init__(self, maxsize: int = 32):
        self.maxsize = maxsize
        self._done: OrderedDict[Hashable, Any] = OrderedDict()
        self._running: dict[Hashable, asyncio.Future] = {}
        self.computed = 0  # how many computations ran (for tests and the load tool)

    def clear(self) -> None:
        self._done.clear()

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[T]]) -> T:
        """The result for ``key``: cached, being computed (awaited), or computed now."""
        if key in self._done:
            self._done.move_to_end(key)
            return self._done[key]
        loop = asyncio.get_running_loop()
        running = self._running.get(key)
        if running is not None and running.get_loop() is loop:
            return await asyncio.shield(running)
        future = loop.create_future()
        self._running[key] = future
        try:
            self.computed += 1
            value = await compute()
        except BaseException as exc:
            if isinstance(exc, Exception):
                future.set_exception(exc)
                future.exception()  # mark it retrieved: no "never retrieved" log
            else:
                future.cancel()
            raise
        finally:
            if self._running.get(key) is future:
                del self._running[key]
        self._done[key] = value
        while len(self._done) > self.maxsize:
            self._done.popitem(last=False)
        future.set_result(value)
        return value


_APP_LOCK = threading.Lock()


def of_app(app) -> Admission:
    """The app's admission (one per app, made on first use; a test may set
    ``app.state.admission`` first)."""
    with _APP_LOCK:
        admission = getattr(app.state, "admission", None)
        if admission is None:
            admission = app.state.admission = Admission()
        return admission
