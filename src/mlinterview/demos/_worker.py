"""Demos for the web app, computed in worker processes at a lower priority.

A demo fits models and draws figures: up to a few seconds of Python and NumPy. Run in a
thread of the server it would hold the interpreter lock much of that time, and every page
read of every other user would wait behind it (measured with `make load`: the page-read
p95 went from 13 ms to 30 ms once students ran demos in threads). In a separate process
the server's interpreter stays free for pages, and a lower priority (``nice``) gives the
CPU to page reads first.

:func:`render` is the work itself (run a demo, render its figures to SVG) and returns
plain, picklable data. :class:`DemoWorkers` keeps a small pool of worker processes
(started with ``spawn``: a fork of a threaded server is unsafe) that import every demo
once and then serve many runs. If a worker dies (a crash, the out-of-memory killer), the
pool is replaced and the run reports :class:`DemoCrashed` instead of hanging.

A run may use at most ``cpu_seconds`` of CPU (:data:`CPU_SECONDS`). The parameters'
bounds each allow a few seconds, but together they multiply: ``ensembles`` with every
size at its maximum would compute for hours and hold a worker (and a slot of the
server's admission) all that time. Past the budget the worker stops the run with
:class:`DemoTooLong` and is ready for the next one. CPU time, not elapsed time: a worker
runs at a lower priority and a busy server must not cut short a run that fits.

The command line runs demos in its own process already and does not use this.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import threading
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from mlinterview.exercises._budget import OverBudget, arm, cpu_alarm

NICE = 10  # the same lowering as the judge's runs
#: CPU seconds one run may use in a worker: fifty times the slowest demo at its defaults,
#: and room for the one run that trains the model language-model keeps (about 60 s here,
#: "a minute or two on a laptop"): a budget it could miss would make it fail every time.
CPU_SECONDS = 300.0


class DemoCrashed(RuntimeError):
    """The worker process running a demo died before it returned."""


class DemoTooLong(RuntimeError):
    """A run used up its CPU budget at the parameters it was given."""

    def __init__(self, demo_id: str, cpu_seconds: float):
        super().__init__(demo_id, cpu_seconds)
        self.demo_id = demo_id
        self.cpu_seconds = cpu_seconds

    def __str__(self) -> str:
        return (f"demo {self.demo_id!r} was stopped after {self.cpu_seconds:g} s of "
                "computing; these settings ask for more: lower the largest sizes, "
                "steps or rounds")


def render(demo_id: str, params: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
    """Run demo ``demo_id`` with ``params`` (sorted ``(name, value)`` pairs) and return
    what its page shows: ``figures`` as ``(name, svg)`` pairs, ``table``, ``summary``,
    ``seconds`` and the ``params`` the run used."""
    from mlinterview.demos import registry
    from mlinterview.demos._figures import to_svg

    outcome = registry()[demo_id].run(**dict(params))
    result = outcome.result
    return {
        "figures": [(name, to_svg(fig)) for name, fig in result.figures.items()],
        "table": result.table,
        "summary": result.summary,
        "seconds": outcome.seconds,
        "params": outcome.params,
    }


def _budgeted(demo_id: str, params: tuple[tuple[str, Any], ...],
              cpu_seconds: float) -> dict[str, Any]:
    """:func:`render`, stopped with :class:`DemoTooLong` once this process has spent
    ``cpu_seconds`` of CPU on it (the judge's CPU alarm, :mod:`mlinterview.exercises._budget`:
    a ``BaseException`` a demo's own ``except Exception`` cannot swallow). The alarm is
    seen between two Python bytecodes, so a long NumPy call finishes first; a demo is
    many such calls."""
    try:
        with cpu_alarm():  # disarmed on the way out, however the run ends
            arm(cpu_seconds)
            return render(demo_id, params)
    except OverBudget:
        raise DemoTooLong(demo_id, cpu_seconds) from None


def _start_worker(nice: int) -> None:
    """In each new worker: lower its priority and import every demo module, once per
    worker rather than once per run. (No parent-death signal: Linux ties it to the
    thread that started the worker, and the server's threads come and go. A worker
    whose server died reads end-of-file from its task queue and exits.)"""
    os.nice(nice)
    from mlinterview.demos import registry

    registry()


def _ready() -> bool:
    return True


class DemoWorkers:
    """A pool of ``workers`` processes at priority ``nice`` that run :func:`render`, each
    run within ``cpu_seconds`` of CPU."""

    def __init__(self, workers: int, nice: int = NICE, cpu_seconds: float = CPU_SECONDS):
        if workers < 1:
            raise ValueError(f"workers: expected at least 1, got {workers}")
        if not cpu_seconds > 0:
            raise ValueError(f"cpu_seconds: expected a positive number, got {cpu_seconds}")
        self.workers = workers
        self.nice = nice
        self.cpu_seconds = cpu_seconds
        self._pool: cf.ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _current(self) -> cf.ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = cf.ProcessPoolExecutor(
                    self.workers, mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start_worker, initargs=(self.nice,))
            return self._pool

    def start(self) -> None:
        """Start every worker now (they take seconds to import the demos), without
        waiting for them: the first demo request then finds them ready."""
        pool = self._current()
        for _ in range(self.workers):
            pool.submit(_ready)

    def run(self, demo_id: str, params: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
        """:func:`render` in a worker; blocks the calling thread until it is done. Raises
        :class:`DemoTooLong` past the CPU budget, :class:`DemoCrashed` if the worker
        died."""
        pool = self._current()
        try:
            return pool.submit(_budgeted, demo_id, params, self.cpu_seconds).result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:  # the next run starts a fresh pool
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise DemoCrashed(f"the worker running demo {demo_id!r} stopped") from None

    def shutdown(self) -> None:
        """Stop the workers (they also stop when the server's process ends)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


_SHARED: list[DemoWorkers] = []
_SHARED_LOCK = threading.Lock()


def shared(workers: int) -> DemoWorkers:
    """The process's one pool of demo workers (made with ``workers`` on first use)."""
    with _SHARED_LOCK:
        if not _SHARED:
            _SHARED.append(DemoWorkers(workers))
        return _SHARED[0]
