"""Optional Numba for the few loops that are sequential by nature.

Dual coordinate descent (``LinearSVC``), plain SGD and the lasso's coordinate sweeps update
one coordinate or one sample at a time, each step using the previous one's result: NumPy
cannot vectorise them, so in Python they cost a few microseconds per step. Each of those
solvers keeps its readable pure-Python loop as the reference and has a compiled twin next
to it, decorated with :func:`njit`; the estimator calls the twin when :func:`use_numba`
says so. Tests run both on the same inputs and compare.

Numba is an optional extra (``pip install mlinterview[fast]``) and is imported lazily, the
first time a compiled kernel is *called*: importing :mod:`mlinterview` stays as fast as
without it. Importing it costs about half a second, more than the compiled code saves on a
small input, so a call site that could go either way asks :func:`worth_compiling` with an
estimate of its work. Set the environment variable ``MLINTERVIEW_NO_NUMBA=1`` to force the reference
loops (e.g. to time them).
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
from collections.abc import Callable

# Is numba installed? (find_spec looks for it without importing it.)
HAVE_NUMBA = importlib.util.find_spec("numba") is not None


@functools.cache
def _numba_importable() -> bool:
    if not HAVE_NUMBA:
        return False
    try:
        import numba  # noqa: F401
    except Exception:     # installed but broken (e.g. built for another NumPy): fall back
        return False
    return True


def use_numba() -> bool:
    """True when the compiled twins should run: numba imports and ``MLINTERVIEW_NO_NUMBA``
    is unset (or ``0``). Imports numba on the first call."""
    if os.environ.get("MLINTERVIEW_NO_NUMBA", "0") not in ("", "0"):
        return False
    return _numba_importable()


#: Elementary steps (inner-loop iterations) from which a compiled twin pays for importing
#: numba (~0.5 s) when it is not imported yet: the Python versions here run a vectorised
#: step in ~0.1-0.3 microseconds, so 2e6 steps cost them about as long as the import.
COMPILE_WORTH = 2e6


def worth_compiling(work: float) -> bool:
    """Should a call of about ``work`` elementary steps run its compiled twin?

    True when :func:`use_numba` allows twins and either numba is already imported (then
    the twin costs nothing extra: in a long-running process, after a first big call) or
    the work reaches :data:`COMPILE_WORTH`. A small call in a fresh process (the judge
    computing an exercise's expected values, a doctest) keeps the readable version and
    never imports numba. Call sites estimate ``work`` honestly: LCS ``len(a) * len(b) /
    64`` 64-bit words, a graph search its number of edges, a tree builder ``n_samples *
    n_features``.

    >>> worth_compiling(0) == ("numba" in sys.modules and use_numba())
    True
    """
    if os.environ.get("MLINTERVIEW_NO_NUMBA", "0") not in ("", "0") or not HAVE_NUMBA:
        return False
    if "numba" in sys.modules or work >= COMPILE_WORTH:
        return _numba_importable()   # imports numba if it is not yet
    return False


class _LazyJit:
    """A function compiled by ``numba.njit(**options)`` on its first call.

    Calling it without numba raises ``RuntimeError``; callers check :func:`use_numba`
    first. ``py_func`` is the undecorated Python function (runs without numba, slowly).
    Compiled twins must not call each other (numba cannot see through this wrapper).
    """

    def __init__(self, func: Callable, options: dict):
        self.py_func = func
        self._options = options
        self._dispatcher = None
        functools.update_wrapper(self, func)

    def __call__(self, *args):
        if self._dispatcher is None:
            if not _numba_importable():
                raise RuntimeError(f"{self.py_func.__qualname__}: numba is not available; "
                                   "call the reference implementation instead")
            import numba
            self._dispatcher = numba.njit(**self._options)(self.py_func)
        return self._dispatcher(*args)


def njit(*args, **options):
    """``numba.njit`` that defers importing numba and compiling until the first call.

    Use as ``@njit`` or ``@njit(cache=True, nogil=True)``. Keep the argument types fixed
    (float64 / int64 contiguous arrays, floats, ints, bools) so that one signature is
    compiled; with ``cache=True`` it is stored in ``__pycache__`` and later processes load
    it instead of compiling again.
    """
    if args and callable(args[0]) and not options:
        return _LazyJit(args[0], {})

    def decorate(func: Callable) -> _LazyJit:
        return _LazyJit(func, options)

    return decorate
