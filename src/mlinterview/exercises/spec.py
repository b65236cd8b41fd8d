"""What an exercise declares: its cases, how answers are compared, and its limits.

Each exercise folder has a ``cases.py`` that builds an :class:`ExerciseSpec`::

    SPEC = ExerciseSpec(
        function="precision_recall_f1",
        compare=AllClose(rtol=1e-9, atol=1e-12),
        limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
        fixed=lambda: [Case((y_true, y_pred), note="all predictions positive"), ...],
        generated=lambda rng: [Case(...) for _ in range(40)],
        reference=lambda y_true, y_pred, average: ...,   # the library's implementation
    )

Expected values come from ``reference`` (the from-scratch library, itself checked
against scikit-learn/PyTorch in tests/parity), or from ``Case.expected`` where a case was
worked by hand. They are computed in the judge's own process and never sent to the
submission.
"""

from __future__ import annotations

import copy
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

_MISSING = object()


@dataclass
class Case:
    """One call of the user's function: positional and keyword arguments.

    ``expected`` may be given for a hand-worked case; otherwise the spec's reference
    computes it. ``raises`` names an exception type the call must raise instead.
    ``size`` orders generated cases, smallest first (default: total length of the
    array-like arguments).
    """

    args: tuple = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    expected: Any = _MISSING
    raises: str | None = None
    size: int | None = None

    def __post_init__(self):
        if not isinstance(self.args, tuple):
            self.args = (self.args,)
        if self.size is None:
            self.size = sum(_length(a) for a in (*self.args, *self.kwargs.values()))

    @property
    def has_expected(self) -> bool:
        return self.expected is not _MISSING


def _length(value: Any) -> int:
    if isinstance(value, np.ndarray):
        return int(value.size)
    if isinstance(value, (str, bytes, list, tuple, dict)):
        return len(value)
    return 1


@dataclass(frozen=True)
class Limits:
    """Resource limits of one judge run (all cases of a submission together)."""

    cpu_seconds: float = 5.0
    wall_seconds: float = 10.0
    memory_mb: int = 1024
    output_mb: int = 16


# ---------------------------------------------------------------------------------------
# Comparisons: each returns None when the answer is right, else a sentence saying why not.
# ---------------------------------------------------------------------------------------


class Comparison:
    """How a received value is judged against the expected one."""

    description = ""

    def __call__(self, expected: Any, got: Any, case: Case) -> str | None:
        raise NotImplementedError


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float, np.integer, np.floating, np.bool_)) and not isinstance(
        x, bool
    )


def _plain_number(x: Any) -> bool:
    """A float, or an int that NumPy would hold as int64: what the scalar fast path of
    :func:`_compare` takes (bools, other NumPy types and huge ints go the array way)."""
    t = type(x)
    return t is float or t is np.float64 or (
        (t is int or t is np.int64) and -(1 << 63) <= x < (1 << 63))


def _compare(expected: Any, got: Any, close: Callable[[np.ndarray, np.ndarray], np.ndarray],
             path: str, close_one: Callable[[float, float], bool] | None = None) -> str | None:
    """Walk ``expected`` and ``got`` together; the first difference in words, or None.

    ``close`` compares two float64 arrays elementwise; ``close_one``, when given, is the
    same test on two Python floats. A list of a thousand numbers is a thousand scalar
    comparisons, and as 0-d arrays each cost ~25 µs against ~0.5 µs as floats, so plain
    numbers take the float path (same verdict and message: tests/exercises/test_compare).
    """
    where = f" at {path}" if path else ""
    if close_one is not None and _plain_number(expected) and _plain_number(got):
        if close_one(float(expected), float(got)):
            return None
        return f"expected {_short(expected)}{where}, got {_short(got)}"
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)) and not (
            isinstance(got, np.ndarray) and got.ndim == 1
        ):
            return f"expected a sequence of {len(expected)} values{where}, got {_kind(got)}"
        if len(got) != len(expected):
            return f"expected {len(expected)} values{where}, got {len(got)}"
        for i, (e, g) in enumerate(zip(expected, got, strict=True)):
            problem = _compare(e, g, close, f"{path}[{i}]", close_one)
            if problem:
                return problem
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return f"expected a dict{where}, got {_kind(got)}"
        if set(got) != set(expected):
            return f"expected keys {sorted(map(str, expected))}{where}, got {sorted(map(str, got))}"
        for key in expected:
            problem = _compare(expected[key], got[key], close, f"{path}[{key!r}]", close_one)
            if problem:
                return problem
        return None
    if isinstance(expected, np.ndarray) or _is_number(expected):
        exp = np.asarray(expected)
        if got is None or isinstance(got, (str, bytes, dict)):
            return f"expected {_kind(expected)}{where}, got {_kind(got)}"
        try:
            arr = np.asarray(got)
        except (TypeError, ValueError):
            return f"expected {_kind(expected)}{where}, got {_kind(got)}"
        if arr.dtype.kind not in "biuf" and exp.dtype.kind in "biuf":
            return f"expected numbers{where}, got {_kind(got)}"
        if arr.shape != exp.shape:
            return f"expected shape {exp.shape}{where}, got shape {arr.shape}"
        if exp.dtype.kind in "biuf":
            ok = close(exp.astype(np.float64), arr.astype(np.float64))
        else:
            ok = exp == arr
        if not np.all(ok):
            if exp.ndim == 0:
                return f"expected {_short(expected)}{where}, got {_short(got)}"
            idx = tuple(int(i) for i in np.argwhere(~np.asarray(ok))[0])
            return (f"expected {_short(exp[idx])} at index {idx}{where}, got "
                    f"{_short(arr[idx])}")
        return None
    if expected is None or isinstance(expected, (str, bool)):
        same_type = type(got) is type(expected) or (
            isinstance(expected, bool) and isinstance(got, np.bool_))
        if not same_type or got != expected:
            return f"expected {_short(expected)}{where}, got {_short(got)}"
        return None
    if got != expected:
        return f"expected {_short(expected)}{where}, got {_short(got)}"
    return None


def _kind(x: Any) -> str:
    if isinstance(x, np.ndarray):
        return f"an array of shape {x.shape}"
    if x is None:
        return "None"
    return f"a {type(x).__name__}"


def _short(x: Any) -> str:
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.10g}"
    text = repr(x.tolist() if isinstance(x, np.ndarray) else x)
    return text if len(text) <= 80 else text[:77] + "..."


@dataclass(frozen=True)
class Exact(Comparison):
    """Equal values: numbers, strings, sequences and arrays compared exactly."""

    @property
    def description(self) -> str:
        return "exact equality"

    def __call__(self, expected, got, case):
        return _compare(expected, got, lambda e, g: e == g, "", operator.eq)


@dataclass(frozen=True)
class AllClose(Comparison):
    """Numbers close within ``|got - expected| <= atol + rtol * |expected|`` (NaN == NaN)."""

    rtol: float = 1e-9
    atol: float = 1e-12

    @property
    def description(self) -> str:
        return f"numbers within rtol={self.rtol:g}, atol={self.atol:g}"

    def __call__(self, expected, got, case):
        return _compare(expected, got,
                        lambda e, g: np.isclose(g, e, rtol=self.rtol, atol=self.atol,
                                                equal_nan=True), "", self._close_one)

    def _close_one(self, expected: float, got: float) -> bool:
        """``np.isclose(got, expected, rtol, atol, equal_nan=True)`` on two floats: equal
        values (infinities too), two NaNs, or within the tolerance of a finite expected."""
        if got == expected or (got != got and expected != expected):
            return True
        return math.isfinite(expected) and abs(got - expected) <= self.atol + self.rtol * abs(
            expected)


@dataclass(frozen=True)
class Custom(Comparison):
    """A checker that knows several answers can be right (e.g. any valid LCS).

    ``check(case, expected, got)`` returns None when right, else the reason.
    """

    check: Callable[[Case, Any, Any], str | None]
    text: str = "a custom check"

    @property
    def description(self) -> str:
        return self.text

    def __call__(self, expected, got, case):
        return self.check(case, expected, got)


@dataclass(frozen=True)
class ExerciseSpec:
    """Everything the judge needs to know about one exercise."""

    function: str
    compare: Comparison
    fixed: Callable[[], Sequence[Case]]
    generated: Callable[[np.random.Generator], Sequence[Case]] = lambda rng: ()
    reference: Callable[..., Any] | None = None
    limits: Limits = Limits()
    seed: int = 20240601

    def cases(self) -> list[Case]:
        """Fixed cases in order, then generated ones (fixed seed) from smallest to largest.

        The first failing case the judge reports is then a fixed edge case if one
        fails, else the smallest failing generated case.
        """
        fixed = list(self.fixed())
        generated = sorted(self.generated(np.random.default_rng(self.seed)),
                           key=lambda c: c.size)
        return fixed + generated

    def expected(self, case: Case) -> Any:
        """The right answer for ``case``: given by hand, or from the reference."""
        if case.has_expected:
            return case.expected
        if case.raises:
            return None
        if self.reference is None:
            raise ValueError(f"case {case.note!r} has no expected value and the spec has no "
                             "reference")
        # Copies: a reference that modifies its inputs must not change what the user gets.
        return self.reference(*copy.deepcopy(case.args), **copy.deepcopy(case.kwargs))
