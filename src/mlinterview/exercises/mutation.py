"""Mutation check: would an exercise's cases catch a small bug in its reference solution?

A *mutant* is the reference solution with one small, typical mistake written into its
syntax tree. :func:`mutants` makes every mutant that these operators give:

======================  ================================================================
operator                what it changes
======================  ================================================================
``flip-comparison``     ``<`` ↔ ``<=``, ``>`` ↔ ``>=``, ``==`` ↔ ``!=``, ``is`` ↔ ``is not``,
                        ``in`` ↔ ``not in``
``off-by-one``          an integer constant ``n`` → ``n + 1`` and ``n - 1``; a slice bound
                        or ``range`` argument that is not a constant: ``± 1``
``swap-operands``       ``a - b`` → ``b - a``, likewise ``/ // % ** @``
``replace-arithmetic``  ``+`` ↔ ``-`` and ``*`` ↔ ``/``, also in ``+=``, ``-=``, ``*=``, ``/=``
``drop-term``           ``a + b`` → ``a`` and → ``b``; ``a - b`` → ``a``
``negate-condition``    the test of ``if``, ``while``, ``x if c else y`` and of a
                        comprehension's filter → ``not (test)``
``replace-axis``        ``axis=0`` ↔ ``axis=1``, ``axis=-1`` ↔ ``axis=-2``
``replace-constant``    ``0`` ↔ ``1`` (ints and floats), ``True`` ↔ ``False``
======================  ================================================================

Two mutants with the same text are one (the first operator in this table names it), so
``0 → 1`` is an off-by-one, not also a replaced constant. Type annotations are not mutated.
(No "return a zero" operator: a function that returns ``None`` or ``0`` is rejected by any
case, so it would only pad the score.)

:func:`classify` runs each mutant over the exercise's cases with the judge's own pieces: the
cases and expected values of the :class:`~mlinterview.exercises.spec.ExerciseSpec`, the
runner's encoding of a returned value (:func:`~mlinterview.exercises._runner.encode`) and
the judge's decision for one case (``judge._judge_case``: the spec's comparison and
tolerance, an expected exception). Each mutant gets one outcome:

- **equivalent**: on every case it returns exactly what the reference solution returns
  (numbers compared with zero tolerance, NaN equal to NaN) or raises the same exception.
  It changes no output, so no case could catch it.
- **rounding**: the judge accepts it and its outputs differ from the reference's only by
  floating-point rounding (within a relative 1e-12, :data:`ROUNDING_RTOL`): it reorders
  arithmetic that cancels (a constant added to every log-density before normalising), so
  no case could catch it either.
- **killed**: the judge rejects it on at least one case (its comparison and tolerance, or
  an exception where the reference returns), or it runs over its CPU budget, or it
  crashes the worker.
- **survived**: the judge accepts every case, yet on some case the mutant's output differs
  from the reference's by more than rounding (the tolerance hides the change, or a custom
  check accepts another answer).

Equivalent and rounding mutants are not counted: the score of an exercise is
``killed / (killed + survived)``, of the mutants that change the output on the cases the
share the judge rejects. ``tools/mutants.py`` prints it per exercise with the survivors;
``tests/exercises/test_mutants.py`` requires :data:`THRESHOLD` (0.9).

Mutants are our own code, so they run without the sandbox, in a worker process of ours
(:func:`check`): a mutant that loops is stopped by a CPU-time alarm inside the worker (a
budget per case, see :class:`Runner`), one that blocks inside a C call by a wall-clock
watchdog here that kills the worker and starts a new one after that mutant; an
address-space limit turns a runaway allocation into ``MemoryError``.
"""

from __future__ import annotations

import argparse
import ast
import atexit
import contextlib
import copy
import json
import os
import pickle
import random
import select
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from mlinterview.exercises._budget import OverBudget as _OverBudget
from mlinterview.exercises._budget import arm as _arm
from mlinterview.exercises._budget import cpu_alarm as _alarm_handler
from mlinterview.exercises._budget import limit_address_space as _limit_address_space
from mlinterview.exercises._runner import UnsupportedValue, encode
from mlinterview.exercises.judge import _judge_case, decode
from mlinterview.exercises.spec import AllClose, ExerciseSpec

OPERATORS = (
    "flip-comparison",
    "off-by-one",
    "swap-operands",
    "replace-arithmetic",
    "drop-term",
    "negate-condition",
    "replace-axis",
    "replace-constant",
)
EQUIVALENT, ROUNDING, KILLED, SURVIVED = "equivalent", "rounding", "killed", "survived"

#: Mutants run per exercise; more are sampled down with :data:`SEED` (CI stays fast).
CAP = 60
SEED = 13
#: The bar of the CI gate: the share of output-changing mutants the judge must reject.
THRESHOLD = 0.9
#: A mutant's CPU budget per case (see :class:`Runner`) and for loading its module.
CASE_FLOOR_SECONDS = 0.25
CASE_FACTOR = 10.0
LOAD_BUDGET_SECONDS = 1.0
#: Address space a mutant may add to the worker before allocating raises MemoryError.
MEMORY_HEADROOM_MB = 2048

# Zero tolerance: "the mutant returned the same thing as the reference".
_SAME = AllClose(rtol=0.0, atol=0.0)
# A change this small is floating-point rounding (~4500 ulps relative): a mutant that only
# reorders arithmetic (a constant added to every log-density before normalising, a full
# SVD instead of a thin one) lands here, and no case could tell it from the reference.
ROUNDING_RTOL, ROUNDING_ATOL = 1e-12, 1e-15
_ROUNDING = AllClose(rtol=ROUNDING_RTOL, atol=ROUNDING_ATOL)


class MutationError(RuntimeError):
    """The check could not be made (the reference is not accepted in process, the worker
    could not start)."""


# ---------------------------------------------------------------------------------------
# Making mutants
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mutant:
    """One mutant: which operator changed what, where (``line`` 1-based and ``col``
    0-based, as in :mod:`ast`), and the whole mutated source."""

    operator: str
    line: int
    col: int
    description: str
    source: str


@dataclass(frozen=True)
class _Site:
    """A place a mutant can be made: the node at ``index`` in pre-order is replaced by
    ``change(copy_of_node)``."""

    operator: str
    index: int
    line: int
    col: int
    change: Callable[[ast.AST], ast.AST]


_FLIP = {ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt,
         ast.Eq: ast.NotEq, ast.NotEq: ast.Eq, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
         ast.In: ast.NotIn, ast.NotIn: ast.In}
_SELF_NEGATING = (ast.Eq, ast.NotEq, ast.Is, ast.IsNot, ast.In, ast.NotIn)
_SWAPPABLE = (ast.Sub, ast.Div, ast.FloorDiv, ast.Mod, ast.Pow, ast.MatMult)
_ARITHMETIC = {ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult}


def _walk(node: ast.AST, parent: ast.AST | None = None, field: str | None = None,
          position: int | None = None):
    """``(node, parent, field, position in the field's list)`` for every node of the
    tree, parents before children, fields in their declared order."""
    yield node, parent, field, position
    for name, value in ast.iter_fields(node):
        if isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, ast.AST):
                    yield from _walk(item, node, name, i)
        elif isinstance(value, ast.AST):
            yield from _walk(value, node, name, None)


def _int_literal(node: ast.AST) -> int | None:
    """The value of ``3`` or ``-3`` written as a literal, else None (bools are not ints)."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        inner = _int_literal(node.operand)
        return None if inner is None else -inner
    if isinstance(node, ast.Constant) and type(node.value) is int:
        return node.value
    return None


def _plus(node: ast.AST, delta: int) -> ast.AST:
    """``node + 1`` or ``node - 1``."""
    op = ast.Add() if delta > 0 else ast.Sub()
    return ast.BinOp(left=node, op=op, right=ast.Constant(abs(delta)))


def _negate(node: ast.AST) -> ast.AST:
    """``not node`` (or ``x`` for ``not x``)."""
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        return node.operand
    return ast.UnaryOp(op=ast.Not(), operand=node)


def _other_axis(axis: int) -> int:
    """0 ↔ 1 and -1 ↔ -2; a larger axis moves one step toward 0 (2 → 1, -3 → -2)."""
    if axis in (0, 1):
        return 1 - axis
    if axis in (-1, -2):
        return -3 - axis
    return axis - 1 if axis > 0 else axis + 1


def _literal(value: int) -> ast.AST:
    """A literal node for ``value`` (``-2`` as unary minus, as the parser writes it)."""
    if value < 0:
        return ast.UnaryOp(op=ast.USub(), operand=ast.Constant(-value))
    return ast.Constant(value)


def _with(node: ast.AST, **fields: Any) -> ast.AST:
    """``node`` with some fields replaced (the node is a copy the mutant owns)."""
    for name, value in fields.items():
        setattr(node, name, value)
    return node


def _sites(tree: ast.AST) -> list[_Site]:
    """Every place of ``tree`` an operator applies to, in pre-order."""
    annotation_ids: set[int] = set()
    axis_ids: set[int] = set()
    for node in ast.walk(tree):
        annotations = []
        if isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            annotations.append(node.annotation)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            annotations.append(node.returns)
        for annotation in annotations:
            annotation_ids.update(id(n) for n in ast.walk(annotation))
        if isinstance(node, ast.keyword) and node.arg == "axis" \
                and _int_literal(node.value) is not None:
            axis_ids.update(id(n) for n in ast.walk(node.value))

    sites: list[_Site] = []
    for index, (node, parent, field, _) in enumerate(_walk(tree)):
        if id(node) in annotation_ids or not hasattr(node, "lineno"):
            continue

        def add(operator: str, change: Callable[[ast.AST], ast.AST], node=node,
                index=index) -> None:
            sites.append(_Site(operator, index, node.lineno, node.col_offset, change))

        if isinstance(node, ast.Compare):
            for k, op in enumerate(node.ops):
                if type(op) in _FLIP:
                    add("flip-comparison", lambda n, k=k: _with(
                        n, ops=[*n.ops[:k], _FLIP[type(n.ops[k])](), *n.ops[k + 1:]]))

        if isinstance(node, ast.Constant) and id(node) not in axis_ids:
            value = node.value
            if type(value) is int:
                add("off-by-one", lambda n: ast.Constant(n.value + 1))
                add("off-by-one", lambda n: ast.Constant(n.value - 1))
            if type(value) in (int, float) and value in (0, 1):
                add("replace-constant", lambda n: ast.Constant(type(n.value)(1 - n.value)))
            if type(value) is bool:
                add("replace-constant", lambda n: ast.Constant(not n.value))

        # A slice bound or range() argument that is an expression: the constant case is
        # already an off-by-one of the constant.
        bound = (isinstance(parent, ast.Slice) and field in ("lower", "upper")) or (
            isinstance(parent, ast.Call) and field == "args"
            and isinstance(parent.func, ast.Name) and parent.func.id == "range")
        if bound and _int_literal(node) is None and not isinstance(node, ast.Starred):
            add("off-by-one", lambda n: _plus(n, +1))
            add("off-by-one", lambda n: _plus(n, -1))

        if isinstance(node, ast.BinOp):
            if isinstance(node.op, _SWAPPABLE):
                add("swap-operands", lambda n: _with(n, left=n.right, right=n.left))
            if type(node.op) in _ARITHMETIC:
                add("replace-arithmetic", lambda n: _with(n, op=_ARITHMETIC[type(n.op)]()))
            if isinstance(node.op, ast.Add | ast.Sub):
                add("drop-term", lambda n: n.left)
            if isinstance(node.op, ast.Add):
                add("drop-term", lambda n: n.right)
        if isinstance(node, ast.AugAssign) and type(node.op) in _ARITHMETIC:
            add("replace-arithmetic", lambda n: _with(n, op=_ARITHMETIC[type(n.op)]()))

        condition = (isinstance(parent, ast.If | ast.While | ast.IfExp) and field == "test") or (
            isinstance(parent, ast.comprehension) and field == "ifs")
        # `not a == b` is `a != b`, already a flipped comparison.
        if condition and not (isinstance(node, ast.Compare) and len(node.ops) == 1
                              and type(node.ops[0]) in _SELF_NEGATING):
            add("negate-condition", _negate)

        if isinstance(parent, ast.keyword) and parent.arg == "axis":
            axis = _int_literal(node)
            if axis is not None:
                add("replace-axis", lambda n, axis=axis: _literal(_other_axis(axis)))
    return sites


def _snippet(node: ast.AST, width: int = 60) -> str:
    text = " ".join(ast.unparse(node).split())
    return text if len(text) <= width else text[: width - 3] + "..."


def _apply(tree: ast.AST, entries: list, parents: dict[int, ast.AST], site: _Site) -> Mutant:
    """The mutant ``site`` makes of ``tree``: the node is swapped for its replacement just
    long enough to write the source out, so ``tree`` ends as it began.

    ``entries`` is ``list(_walk(tree))`` and ``parents`` maps a node's id to its parent.
    """
    node, parent, field, position = entries[site.index]
    # A change is made on a shallow copy: its children are shared with the tree, never
    # modified, only referred to by the replacement.
    replacement = site.change(copy.copy(node))
    # Describe a lone constant or name with the expression around it: `den != 0 → den != 1`
    # says more than `0 → 1`.
    context = node
    while isinstance(context, ast.Constant | ast.Name | ast.UnaryOp | ast.List | ast.Tuple):
        up = parents.get(id(context))
        while up is not None and not isinstance(up, ast.expr):
            up = parents.get(id(up))
        if up is None:
            break
        context = up
    before = _snippet(context)

    def put(value: ast.AST) -> None:
        if position is None:
            setattr(parent, field, value)
        else:
            getattr(parent, field)[position] = value

    put(replacement)
    try:
        after = _snippet(replacement if context is node else context)
        source = ast.unparse(tree)
    finally:
        put(node)
    return Mutant(site.operator, site.line, site.col, f"{before} → {after}", source)


def mutants(source: str) -> list[Mutant]:
    """Every distinct mutant of ``source``, ordered by line, column and operator.

    Mutants whose text is the original's (``a - a`` swapped) or another mutant's are left
    out; the source is normalised by :func:`ast.unparse` (comments are dropped).
    """
    tree = ast.parse(source)
    entries = list(_walk(tree))
    parents = {id(child): up for child, up, _, _ in entries}
    seen = {ast.unparse(tree)}
    found = []
    order = {name: i for i, name in enumerate(OPERATORS)}
    for site in sorted(_sites(tree), key=lambda s: (s.line, s.col, order[s.operator])):
        mutant = _apply(tree, entries, parents, site)
        if mutant.source not in seen:
            seen.add(mutant.source)
            found.append(mutant)
    return found


def sample(found: Sequence[Mutant], cap: int | None = CAP, seed: int = SEED) -> list[Mutant]:
    """At most ``cap`` of ``found``, drawn with a fixed seed, in their original order."""
    if cap is None or len(found) <= cap:
        return list(found)
    keep = sorted(random.Random(seed).sample(range(len(found)), cap))
    return [found[i] for i in keep]


# ---------------------------------------------------------------------------------------
# Running mutants over the cases (in this process)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Observed:
    """What a function did on one case: returned a value, raised, or returned something
    the judge cannot read."""

    status: str
    error: str = ""
    value: Any = None


class Runner:
    """One spec's cases, expected values and the reference solution's own outputs, ready to
    classify mutants in this process (from the main thread: the CPU budget is a signal).

    A mutant's CPU budget on case i is ``CASE_FLOOR_SECONDS + CASE_FACTOR * t_i`` (t_i: the
    reference's CPU time on that case), so a mutant that loops is stopped on the first, small
    case in a fraction of a second; over all cases it gets at most the judge's own limit
    (``Limits.cpu_seconds``). ``budget`` replaces the per-case budget (tests).
    """

    def __init__(self, spec: ExerciseSpec, reference: str, *, budget: float | None = None):
        self.spec = spec
        self.cases = spec.cases()
        self.expected = [spec.expected(c) for c in self.cases]
        # Each call gets fresh inputs, as the judge's child does (it unpickles its job):
        # a mutant that writes into its arguments cannot change the next case.
        self._inputs = [pickle.dumps((c.args, c.kwargs), protocol=pickle.HIGHEST_PROTOCOL)
                        for c in self.cases]
        self.total_budget = float(spec.limits.cpu_seconds)
        self.case_budgets = [self.total_budget] * len(self.cases)
        started = time.process_time()
        observed, rejected, times = self._run(reference)
        self.reference_seconds = time.process_time() - started
        if rejected:
            raise MutationError(f"the reference solution is not accepted in process: "
                                f"{rejected}")
        self.observed = observed
        self.case_budgets = [budget if budget is not None
                             else CASE_FLOOR_SECONDS + CASE_FACTOR * t for t in times]

    def _where(self, i: int) -> str:
        note = self.cases[i].note
        return f"case {i + 1}" + (f" ({note})" if note else "")

    def _run(self, source: str) -> tuple[list[_Observed], str | None, list[float]]:
        """Run ``source`` over the cases until the judge rejects one: what it did on each
        case it passed, why the judge rejected it (None if it accepted every case) and the
        CPU seconds of each call."""
        observed: list[_Observed] = []
        times: list[float] = []
        spent = 0.0
        limit = LOAD_BUDGET_SECONDS
        try:
            with _alarm_handler(), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # warnings never change the judge's verdict
                namespace: dict[str, Any] = {"__name__": "solution",
                                             "__file__": os.path.abspath("solution.py")}
                _arm(limit)
                try:
                    exec(compile(source, "solution.py", "exec"), namespace)
                except Exception as exc:
                    return observed, f"loading raised {type(exc).__name__}: {exc}", times
                finally:
                    _arm(None)
                function = namespace.get(self.spec.function)
                if not callable(function):
                    return observed, f"no function named {self.spec.function}", times
                for i, case in enumerate(self.cases):
                    limit = min(self.case_budgets[i], self.total_budget - spent)
                    started = time.process_time()
                    _arm(limit)
                    try:
                        seen, record = self._call(function, self._inputs[i])
                    finally:
                        _arm(None)
                    times.append(time.process_time() - started)
                    spent += times[-1]
                    if seen.status == "memory":  # the judge's verdict: memory limit
                        return observed, f"{self._where(i)}: ran out of memory", times
                    reason = _judge_case(self.spec, case, self.expected[i], record)[0]
                    if reason is not None:
                        return observed, f"{self._where(i)}: {reason.splitlines()[0]}", times
                    observed.append(seen)
        except _OverBudget:
            return observed, (f"{self._where(len(observed))}: ran over its budget of "
                              f"{limit:.2g} s of CPU time"), times
        return observed, None, times

    @staticmethod
    def _call(function: Callable, inputs: bytes) -> tuple[_Observed, dict[str, Any]]:
        """Call once; what happened, and the record the judge's runner would send."""
        args, kwargs = pickle.loads(inputs)
        try:
            value = function(*args, **kwargs)
        except MemoryError:
            return _Observed("memory", "MemoryError"), {"status": "memory"}
        except Exception as exc:  # RecursionError included; _OverBudget is not an Exception
            name = type(exc).__name__
            return (_Observed("raised", name),
                    {"status": "raised", "error": name, "message": str(exc)})
        try:
            encoded = encode(value)
        except UnsupportedValue as exc:
            return _Observed("unsupported"), {"status": "unsupported", "message": str(exc)}
        return (_Observed("returned", value=decode(encoded)),
                {"status": "returned", "value": encoded})

    def classify(self, source: str) -> tuple[str, str]:
        """``(outcome, reason)`` of one mutant's source: see the module docstring."""
        observed, rejected, _ = self._run(source)
        if rejected:
            return KILLED, rejected
        rounding = None
        for i, (mine, theirs) in enumerate(zip(observed, self.observed, strict=True)):
            if (mine.status, mine.error) != (theirs.status, theirs.error):
                return SURVIVED, (f"{self._where(i)}: accepted, though it {mine.status} "
                                  f"{mine.error} where the reference {theirs.status}")
            if mine.status != "returned" or _SAME(theirs.value, mine.value, self.cases[i]) \
                    is None:
                continue
            if _ROUNDING(theirs.value, mine.value, self.cases[i]) is not None:
                return SURVIVED, (f"{self._where(i)}: accepted, though the output changed "
                                  f"({_change(theirs.value, mine.value)})")
            rounding = rounding or (f"{self._where(i)}: changed by rounding only "
                                    f"({_change(theirs.value, mine.value)})")
        if rounding:
            return ROUNDING, rounding
        return EQUIVALENT, "the reference's output on every case"


def _change(reference: Any, mutant: Any) -> str:
    """How far apart two outputs are: the largest absolute and relative difference when
    both are numbers of one shape (inside a tuple, list or dict: of the first part that
    differs), else the first difference in words."""
    parts = None
    if isinstance(reference, dict) and isinstance(mutant, dict) and set(reference) == set(mutant):
        parts = [(repr(k), reference[k], mutant[k]) for k in reference]
    elif isinstance(reference, tuple | list) and isinstance(mutant, tuple | list) \
            and len(reference) == len(mutant):
        parts = [(str(i), r, m) for i, (r, m) in enumerate(zip(reference, mutant, strict=True))]
    for key, r, m in parts or ():
        if _SAME(r, m, None) is not None:
            return f"[{key}]: {_change(r, m)}"
    with contextlib.suppress(TypeError, ValueError), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # complex parts dropped, all-NaN maxima: words then
        a = np.asarray(reference, dtype=np.float64)
        b = np.asarray(mutant, dtype=np.float64)
        if a.shape == b.shape and a.size:
            a, b = a.ravel(), b.ravel()  # a 0-d difference would be a scalar, not an array
            with np.errstate(all="ignore"):
                diff = np.abs(a - b)
                diff[np.isnan(a) & np.isnan(b)] = 0.0
                rel = diff / np.maximum(np.abs(a), np.finfo(float).tiny)
                biggest, relative = np.nanmax(diff), np.nanmax(rel)
            if np.isfinite(biggest):
                return f"max |diff| {biggest:.3g}, relative {relative:.3g}"
    return _SAME(reference, mutant, None) or "different"


@dataclass(frozen=True)
class Outcome:
    """A mutant and what the cases made of it."""

    mutant: Mutant
    status: str
    reason: str


def classify(spec: ExerciseSpec, reference: str, found: Sequence[Mutant], *,
             budget: float | None = None) -> list[Outcome]:
    """Classify ``found`` (mutants of ``reference``) over ``spec``'s cases in this process.

    For small specs and tests: it must run in the main thread, and a mutant blocked inside a
    C call is not stopped. :func:`check` runs a registered exercise in a worker instead.
    """
    runner = Runner(spec, reference, budget=budget)
    return [Outcome(m, *runner.classify(m.source)) for m in found]


# ---------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """The mutation check of one exercise."""

    exercise_id: str
    found: int                      # distinct mutants before the cap
    outcomes: tuple[Outcome, ...]   # those run (at most the cap)
    seconds: float

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def killed(self) -> int:
        return self.count(KILLED)

    @property
    def survived(self) -> int:
        return self.count(SURVIVED)

    @property
    def equivalent(self) -> int:
        return self.count(EQUIVALENT)

    @property
    def rounding(self) -> int:
        return self.count(ROUNDING)

    @property
    def score(self) -> float | None:
        """killed / (killed + survived); None when no mutant changes an output."""
        counted = self.killed + self.survived
        return self.killed / counted if counted else None

    @property
    def survivors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == SURVIVED]

    def to_dict(self) -> dict[str, Any]:
        return {
            "exercise": self.exercise_id, "found": self.found, "run": len(self.outcomes),
            "equivalent": self.equivalent, "rounding": self.rounding,
            "killed": self.killed, "survived": self.survived,
            "score": self.score, "seconds": round(self.seconds, 3),
            "outcomes": [{**{k: v for k, v in asdict(o.mutant).items() if k != "source"},
                          "status": o.status, "reason": o.reason} for o in self.outcomes],
        }


# ---------------------------------------------------------------------------------------
# The worker process and its watchdog
# ---------------------------------------------------------------------------------------

#: Seconds the worker may take to load the registry and run the reference.
LOAD_GUARD_SECONDS = 600.0


def _wall_guard(budget: float) -> float:
    """Wall seconds after which a mutant that has not answered is stopped from outside.

    Only a mutant blocked where the CPU alarm cannot reach (inside one C call) gets here;
    the margin is wide so a slow, busy machine never stops a mutant that would finish.
    """
    return 10.0 + 6.0 * budget


class _Worker:
    """A ``python -m mlinterview.exercises.mutation --worker`` process of ours.

    Jobs go in on its standard input, one JSON line each; it answers with JSON lines on
    its standard output (the mutants' own prints go to /dev/null). It is reused from
    exercise to exercise and replaced when it crashes or is stopped.
    """

    def __init__(self):
        self.process: subprocess.Popen | None = None
        self.folder: str | None = None
        self._buffer = b""

    def start(self) -> None:
        self.folder = tempfile.mkdtemp(prefix="mlinterview-mutants-")
        package_root = str(Path(__file__).resolve().parents[2])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            p for p in (package_root, env.get("PYTHONPATH")) if p)
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            env.setdefault(name, "1")
        self.stderr = open(os.path.join(self.folder, "stderr.txt"), "w+b")  # noqa: SIM115
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mlinterview.exercises.mutation", "--worker"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr,
            cwd=self.folder, env=env)
        self._buffer = b""

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def send(self, message: dict[str, Any]) -> None:
        self.process.stdin.write(json.dumps(message).encode() + b"\n")
        self.process.stdin.flush()

    def receive(self, timeout: float) -> dict[str, Any] | None:
        """The next message; None if none came within ``timeout`` s; EOFError if the
        worker ended."""
        deadline = time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                return None
            ready, _, _ = select.select([fd], [], [], left)
            if not ready:
                return None
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise EOFError
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return json.loads(line)

    def how_it_ended(self) -> str:
        code = self.process.wait()
        self.stderr.seek(0)
        tail = self.stderr.read().decode(errors="replace").strip().splitlines()[-1:]
        how = f"signal {-code}" if code < 0 else f"exit code {code}"
        return how + (f": {tail[0]}" if tail else "")

    def stop(self) -> None:
        """End the worker (ours: killed by its own pid) and remove its folder."""
        if self.process is not None:
            with contextlib.suppress(OSError):
                self.process.stdin.close()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process.stdout.close()
            self.stderr.close()
            self.process = None
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
        self.stop()


_WORKER = _Worker()
_WORKER_LOCK = threading.Lock()
atexit.register(_WORKER.stop)


def _run_in_worker(exercise_id: str, sources: list[str], *, guard: float | None = None,
                   budget: float | None = None) -> list[tuple[str, str]]:
    """``(outcome, reason)`` of each source, classified in the worker process.

    ``guard`` replaces the watchdog's wall-clock limit per mutant (tests); ``budget``
    replaces the CPU budget per case (see :class:`Runner`).
    """
    results: dict[int, tuple[str, str]] = {}
    start = 0
    while start < len(sources):
        if not _WORKER.alive:
            _WORKER.stop()
            _WORKER.start()
        _WORKER.send({"exercise": exercise_id, "mutants": sources, "start": start,
                      "budget": budget})
        current: int | None = None
        wait = LOAD_GUARD_SECONDS
        try:
            while True:
                message = _WORKER.receive(wait)
                if message is None:
                    if current is None:
                        raise MutationError(f"the mutation worker did not answer in "
                                            f"{wait:g} s")
                    results[current] = (KILLED, f"did not return within {wait:g} s of wall "
                                        "time (blocked where the CPU alarm cannot stop it)")
                    _WORKER.kill()
                    break
                event = message.get("event")
                if event == "error":
                    raise MutationError(message["message"])
                if event == "ready":
                    wait = guard or _wall_guard(message["budget"])
                elif event == "start":
                    current = message["index"]
                elif event == "outcome":
                    results[message["index"]] = (message["status"], message["reason"])
                    current = None
                elif event == "done":
                    break
        except EOFError:
            how = _WORKER.how_it_ended()
            _WORKER.stop()
            if current is None:
                raise MutationError(f"the mutation worker ended ({how})") from None
            results[current] = (KILLED, f"crashed the process ({how})")
        except MutationError as exc:
            if "did not answer" in str(exc):
                _WORKER.kill()
            raise
        except BaseException:
            _WORKER.kill()  # stopped half-way (Ctrl-C): its next answers would be stale
            raise
        start = max(results, default=-1) + 1
    return [results[i] for i in range(len(sources))]


def check(exercise_id: str, *, cap: int | None = CAP, seed: int = SEED) -> Report:
    """The mutation check of a registered exercise (mutants of ``Exercise.solution``)."""
    from mlinterview import exercises

    exercise = exercises.get(exercise_id)
    started = time.perf_counter()
    found = mutants(exercise.solution)
    chosen = sample(found, cap, seed)
    with _WORKER_LOCK:
        verdicts = _run_in_worker(exercise.id, [m.source for m in chosen])
    outcomes = tuple(Outcome(m, status, reason)
                     for m, (status, reason) in zip(chosen, verdicts, strict=True))
    return Report(exercise.id, len(found), outcomes, time.perf_counter() - started)


def judge_sources(exercise_id: str, sources: Sequence[str]) -> list[tuple[str, str]]:
    """``(outcome, reason)`` of each source (a file of the user's, a known-wrong solution)
    on a registered exercise's cases, all in one worker process: :data:`KILLED` when the
    judge would reject it, with the judge's own comparison of every case and its CPU limit
    for the whole run (not the tighter per-case budgets of mutants).

    The judge's sandbox counts more against a run than this does (starting Python and
    NumPy, a smaller memory cap), so a source rejected here is rejected by the judge too;
    one accepted here may still hit the sandbox's limits. Many sources cost one worker
    instead of one sandboxed process each: the test suite checks the ~650 known-wrong
    solutions of the bank this way.
    """
    from mlinterview import exercises

    exercise = exercises.get(exercise_id)
    with _WORKER_LOCK:
        return _run_in_worker(exercise.id, list(sources),
                              budget=float(exercise.spec.limits.cpu_seconds))


def _worker_main() -> int:
    """The worker's loop: one job per line on stdin, answers on the original stdout."""
    from mlinterview import exercises

    answers = os.fdopen(os.dup(1), "w", encoding="utf-8", buffering=1)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115

    def answer(message: dict[str, Any]) -> None:
        answers.write(json.dumps(message) + "\n")

    runners: dict[str, Runner] = {}
    for line in sys.stdin:
        job = json.loads(line)
        try:
            key = (job["exercise"], job.get("budget"))
            runner = runners.get(key)
            if runner is None:
                runners.clear()  # one exercise's cases in memory at a time
                _limit_address_space(MEMORY_HEADROOM_MB)
                exercise = exercises.get(job["exercise"])
                runner = runners[key] = Runner(exercise.spec, exercise.solution,
                                               budget=job.get("budget"))
        except MutationError as exc:
            answer({"event": "error", "message": str(exc)})
            continue
        except Exception as exc:  # an unknown id, a cases.py that fails: said, not fatal
            answer({"event": "error", "message": f"{type(exc).__name__}: {exc}"})
            continue
        _limit_address_space(MEMORY_HEADROOM_MB)  # counted from the cases just built
        answer({"event": "ready", "budget": LOAD_BUDGET_SECONDS + runner.total_budget})
        for index in range(job["start"], len(job["mutants"])):
            answer({"event": "start", "index": index})
            status, reason = runner.classify(job["mutants"][index])
            answer({"event": "outcome", "index": index, "status": status, "reason": reason})
        answer({"event": "done"})
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="The mutation check's worker process.")
    parser.add_argument("--worker", action="store_true", required=True)
    parser.parse_args()
    sys.exit(_worker_main())
