"""The reference's answer to a user's own Run input, computed in a worker process of ours.

A Run may ask for the expected value of an input the user typed (up to 20,000 characters of
literals). Computed inside the web server, the reference could be made to hold the server
for as long as the input likes: ``n_iter=10**12`` for an iterative method, a 5,000-character
string for a quadratic dynamic programme, a size that allocates gigabytes. So the reference
runs here instead, in a separate process that only ever runs our code (the user's values
reach it as literals, never as code), with three limits:

* a CPU budget (:data:`REFERENCE_CPU_SECONDS`), counted by the kernel (``ITIMER_PROF``),
  so a busy machine does not shorten it and a starved worker is not blamed;
* an address-space cap (:data:`MEMORY_HEADROOM_MB` beyond what the worker already maps);
* a wall-clock guard from outside, wide, for a reference blocked inside one C call where
  the CPU alarm cannot interrupt it: the worker is then killed and replaced.

Workers start with ``spawn`` (a fork of a threaded server is unsafe), load an exercise's
cases module once and serve many inputs. :class:`ReferencePool` hands one worker to each
caller at a time; at most ``size`` run at once, others wait for one to be free.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Any

from mlinterview.exercises._budget import OverBudget, arm, cpu_alarm, limit_address_space
from mlinterview.exercises.spec import Case, ExerciseSpec

#: CPU seconds the reference may spend on one input of the user's.
REFERENCE_CPU_SECONDS = 5.0
#: Memory the reference may map beyond what its worker maps when the input arrives.
MEMORY_HEADROOM_MB = 1024
#: A reply larger than this (a matrix the input made huge) is not sent back.
MAX_REPLY_BYTES = 32 * 2**20
#: Wall seconds a new worker may take to import an exercise's cases module.
START_GUARD_SECONDS = 300.0


def wall_guard(cpu_seconds: float) -> float:
    """Wall seconds after which a reference that has not answered is stopped from outside.

    Only a reference blocked where the CPU alarm cannot reach gets here; the margin is wide
    so that a slow, busy machine never stops one that would finish within its CPU budget.
    """
    return 10.0 + 6.0 * cpu_seconds


class ReferenceFailed(Exception):
    """The reference did not produce an answer for the input.

    ``kind`` is ``"refused"`` (it raised: ``error`` names the exception type and ``detail``
    its message), ``"time"``, ``"memory"``, ``"large"`` (the answer is too big to send) or
    ``"crashed"`` (the worker process died or had to be killed).
    """

    def __init__(self, kind: str, error: str = "", detail: str = ""):
        super().__init__(f"{kind}: {error} {detail}".strip())
        self.kind, self.error, self.detail = kind, error, detail


def registered_spec(exercise_id: str) -> ExerciseSpec:
    """The spec of a registered exercise (what a worker looks inputs up with)."""
    from mlinterview import exercises

    return exercises.get(exercise_id).spec


# ---------------------------------------------------------------------------------------
# Inside the worker process
# ---------------------------------------------------------------------------------------

def _answer(spec: ExerciseSpec, args: tuple, kwargs: dict, cpu_seconds: float) -> tuple:
    """The reply to one input: ``("ok", value)`` or ``(kind, error, detail)``."""
    try:
        with cpu_alarm():
            arm(cpu_seconds)
            value = spec.expected(Case(tuple(args), dict(kwargs)))
    except OverBudget:
        return ("time", "", "")
    except MemoryError:
        return ("memory", "", "")
    except Exception as exc:  # the reference's own check of its input, of any type
        return ("refused", type(exc).__name__, str(exc))
    return ("ok", value)


def _serve(conn, resolve: Callable[[str], ExerciseSpec], cpu_seconds: float,
           headroom_mb: int, nice: int) -> None:
    """The worker's loop: ``(key, args, kwargs)`` in, one pickled reply out per job.

    Before running a job it says ``("loaded",)``: the parent's short wall guard starts then,
    not while the cases module is imported.
    """
    if nice:
        with contextlib.suppress(OSError):
            os.nice(nice)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    specs: dict[str, ExerciseSpec] = {}
    while True:
        try:
            key, args, kwargs = conn.recv()
        except EOFError:  # the server closed its end (or died): nothing more to do
            return
        try:
            if key not in specs:
                specs.clear()  # one exercise's cases module in memory at a time
                specs[key] = resolve(key)
        except Exception as exc:
            conn.send_bytes(pickle.dumps(("error", type(exc).__name__, str(exc))))
            continue
        conn.send_bytes(pickle.dumps(("loaded",)))
        limit_address_space(headroom_mb)
        reply = _answer(specs[key], args, kwargs, cpu_seconds)
        try:
            data = pickle.dumps(reply)
        except MemoryError:
            data = pickle.dumps(("memory", "", ""))
        except Exception as exc:  # an answer that does not pickle: our bug, said plainly
            data = pickle.dumps(("error", type(exc).__name__, str(exc)))
        if len(data) > MAX_REPLY_BYTES:
            data = pickle.dumps(("large", "", ""))
        conn.send_bytes(data)


# ---------------------------------------------------------------------------------------
# In the server (or CLI) process
# ---------------------------------------------------------------------------------------

class _Worker:
    """One worker process and our end of its pipe."""

    def __init__(self, resolve, cpu_seconds: float, headroom_mb: int, nice: int):
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve, args=(child, resolve, cpu_seconds, headroom_mb, nice),
            name="mlinterview-reference", daemon=True)
        self.process.start()
        child.close()

    def _receive(self, timeout: float) -> tuple:
        if not self.conn.poll(timeout):
            raise TimeoutError
        return pickle.loads(self.conn.recv_bytes())  # our own process wrote it

    def ask(self, key: str, args: tuple, kwargs: dict, guard: float) -> tuple:
        """The reply to one job; TimeoutError if the worker is stuck, EOFError/OSError if
        it died."""
        self.conn.send((key, args, kwargs))
        reply = self._receive(START_GUARD_SECONDS)
        if reply[0] != "loaded":
            return reply
        return self._receive(guard)

    def kill(self) -> None:
        with contextlib.suppress(Exception):
            self.process.kill()
            self.process.join(timeout=5)
        with contextlib.suppress(Exception):
            self.conn.close()


class ReferencePool:
    """Up to ``size`` worker processes that compute a reference's answer to an input.

    ``resolve`` maps a key (an exercise id) to its :class:`ExerciseSpec` inside the worker;
    it must be a module-level function (the worker is spawned and imports it by name).
    """

    def __init__(self, size: int = 2, *, resolve: Callable[[str], ExerciseSpec] = registered_spec,
                 cpu_seconds: float = REFERENCE_CPU_SECONDS,
                 headroom_mb: int = MEMORY_HEADROOM_MB, nice: int = 0,
                 guard: float | None = None):
        if size < 1:
            raise ValueError(f"size: expected at least 1 worker, got {size}")
        self.resolve, self.cpu_seconds = resolve, cpu_seconds
        self.headroom_mb, self.nice = headroom_mb, nice
        self.guard = wall_guard(cpu_seconds) if guard is None else guard
        self._slots = threading.BoundedSemaphore(size)
        self._idle: list[_Worker] = []
        self._lock = threading.Lock()

    def _take(self) -> _Worker:
        with self._lock:
            while self._idle:
                worker = self._idle.pop()
                if worker.process.is_alive():
                    return worker
                worker.kill()
        return _Worker(self.resolve, self.cpu_seconds, self.headroom_mb, self.nice)

    def expected(self, key: str, case: Case) -> Any:
        """The reference's answer to ``case`` (the user's input) for exercise ``key``.

        Raises :class:`ReferenceFailed` when the reference refuses the input, runs out of
        its CPU budget or memory, or its worker dies.
        """
        with self._slots:
            worker = self._take()
            try:
                reply = worker.ask(key, case.args, case.kwargs, self.guard)
            except TimeoutError:
                worker.kill()
                raise ReferenceFailed("time", "", "blocked past the wall-clock guard") from None
            except (EOFError, OSError):
                worker.process.join(timeout=5)  # it has closed its end: it is ending
                code = worker.process.exitcode
                worker.kill()
                how = ("still running" if code is None else f"signal {-code}" if code < 0
                       else f"exit code {code}")
                raise ReferenceFailed("crashed", "", how) from None
            except BaseException:
                worker.kill()  # interrupted half-way: its next reply would be stale
                raise
            with self._lock:
                self._idle.append(worker)
        if reply[0] == "ok":
            return reply[1]
        if reply[0] == "error":
            raise RuntimeError(f"the reference worker could not load {key!r}: "
                               f"{reply[1]}: {reply[2]}")
        raise ReferenceFailed(*reply)

    def close(self) -> None:
        """Stop every idle worker (busy ones stop when their caller is done with them)."""
        with self._lock:
            idle, self._idle = self._idle, []
        for worker in idle:
            worker.kill()


_POOL: ReferencePool | None = None
_POOL_LOCK = threading.Lock()


def pool() -> ReferencePool:
    """The process-wide pool the judge uses for registered exercises."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ReferencePool()
        return _POOL
