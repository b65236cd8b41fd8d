"""CPU and memory budgets for running our own code on inputs we do not trust to be small:
the mutants of the mutation check, a reference on a user's Run input, and a demo at the
parameters a user chose (the web app's demo workers, :mod:`mlinterview.demos._worker`).

CPU time, not wall time: a busy machine does not stop a run that a quiet one would let
finish. The alarm raises :class:`OverBudget`, a ``BaseException``, so that the code it
interrupts cannot swallow it with its own ``except Exception``. Signals need the main
thread of the process, which is where both workers run their jobs.
"""

from __future__ import annotations

import contextlib
import signal


class OverBudget(BaseException):
    """Raised by the CPU-time alarm when a run has used its budget."""


def _expire(signum, frame):
    raise OverBudget


@contextlib.contextmanager
def cpu_alarm():
    """While inside, SIGPROF raises :class:`OverBudget`; leaving disarms it."""
    previous = signal.signal(signal.SIGPROF, _expire)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)


def arm(seconds: float | None) -> None:
    """Fire SIGPROF after ``seconds`` more of this process's CPU time (None: disarm)."""
    signal.setitimer(signal.ITIMER_PROF, 0 if seconds is None else max(seconds, 1e-3))


def limit_address_space(headroom_mb: int) -> None:
    """Let this process map at most ``headroom_mb`` more than it maps now (Linux)."""
    try:
        import resource

        with open("/proc/self/status", encoding="ascii") as fh:
            size_kb = next(int(line.split()[1]) for line in fh if line.startswith("VmSize:"))
        _, hard = resource.getrlimit(resource.RLIMIT_AS)
        soft = size_kb * 1024 + headroom_mb * 2**20
        if hard != resource.RLIM_INFINITY:
            soft = min(soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
    except (ImportError, OSError, StopIteration, ValueError):
        pass  # no /proc (macOS): the worker runs without the cap
