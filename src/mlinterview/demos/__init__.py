"""Demos: deterministic experiments that show a topic's answer with figures and a table.

A demo is a function registered with :func:`demo`. Its parameters are typed and
bounded with :class:`Param`; the same specification becomes CLI options
(``mlinterview demo SLUG --name value``) and web form fields, and both are validated by
:meth:`DemoSpec.parse` so they accept and refuse exactly the same values::

    @demo("vanishing-gradients", title="Gradient norm per layer")
    def gradient_norms(depth: Param(int, lo=2, hi=50) = 20,
                       activation: Param(str, choices=("sigmoid", "relu")) = "sigmoid",
                       seed: int = 0) -> DemoResult:
        ...

Where the parameters depend on each other (``groups`` must divide ``channels``) a demo
declares each condition as a :class:`Rule`, ``@demo(..., rules=(Rule(...),))``: ``parse``
checks them too, so a combination the demo cannot run is a :class:`ParamError` (a 400 page,
a one-line CLI message) before any work starts, and ``--help`` and the form list them.

A demo returns a :class:`DemoResult`: matplotlib figures (built with
``matplotlib.figure.Figure``, never pyplot, so demos are thread-safe in the web app), a
small :class:`Table` and a one-paragraph summary. The same seed gives the same result.

Demo modules live in one subpackage per area, named after the area of the cards'
front matter (``evaluation/``, ``probability/``, ``linear_models/``, ``trees/``,
``neural_networks/``, ``generative/``, ``coding/``, ``transformers/``,
``system_design/``), one module per topic (``evaluation/classification_metrics.py``);
a module that serves several topics sits with the first topic it registers. They are
imported when the registry is first needed. The framework (this file, ``_figures.py``,
``_worker.py``) stays at the top.
"""

from __future__ import annotations

import ast
import functools
import importlib
import inspect
import math
import pkgutil
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["DemoResult", "DemoSpec", "Param", "ParamError", "Rule", "Table", "demo",
           "registry"]

_TYPES = (int, float, bool, str)
SEED_MAX = 2**32 - 1


class ParamError(ValueError):
    """A demo parameter value that is out of range, of the wrong type, or unknown."""


@dataclass(frozen=True)
class Param:
    """Type and bounds of one demo parameter.

    ``lo``/``hi`` bound numbers (inclusive), ``choices`` lists the allowed strings;
    ``help`` is shown in ``--help`` and next to the web form field.
    """

    type: type
    lo: float | None = None
    hi: float | None = None
    choices: tuple[str, ...] = ()
    help: str = ""

    def __post_init__(self):
        if self.type not in _TYPES:
            raise TypeError(f"Param type must be one of {_TYPES}, got {self.type!r}")
        if self.type is str and not self.choices:
            raise TypeError("a str Param needs choices: free text is not a demo parameter")


@dataclass(frozen=True)
class ParamSpec:
    """A parameter of a registered demo: its name, default and :class:`Param`."""

    name: str
    default: Any
    param: Param

    @property
    def option(self) -> str:
        """The CLI option name: ``n_samples`` -> ``--n-samples``."""
        return "--" + self.name.replace("_", "-")

    @property
    def type_name(self) -> str:
        return self.param.type.__name__

    @property
    def bounds_text(self) -> str:
        p = self.param
        if p.choices:
            return "one of " + ", ".join(p.choices)
        if p.type is bool:
            return "true or false"
        fmt = (lambda v: str(int(v))) if p.type is int else (lambda v: f"{v:g}")
        lo = "-inf" if p.lo is None else fmt(p.lo)
        hi = "inf" if p.hi is None else fmt(p.hi)
        return f"{p.type.__name__} in [{lo}, {hi}]"

    def parse(self, raw: Any) -> Any:
        """Convert ``raw`` (a string from a form or the command line, or a value) and check
        it; raise :class:`ParamError` naming the parameter and the allowed range."""
        p = self.param
        where = f"parameter {self.name!r}"
        if p.type is bool:
            if isinstance(raw, bool):
                return raw
            text = str(raw).strip().lower()
            if text in ("1", "true", "yes", "on"):
                return True
            if text in ("0", "false", "no", "off", ""):
                return False
            raise ParamError(f"{where}: expected true or false, got {raw!r}")
        if p.type is str:
            value = str(raw).strip()
            if value not in p.choices:
                raise ParamError(f"{where}: expected one of {', '.join(p.choices)}; got {raw!r}")
            return value
        try:
            if p.type is int:
                if isinstance(raw, float):
                    if not raw.is_integer():
                        raise ValueError
                    raw = int(raw)
                value = int(str(raw).strip()) if not isinstance(raw, int) else raw
            else:
                value = float(str(raw).strip()) if not isinstance(raw, (int, float)) else raw
                value = float(value)
        except (TypeError, ValueError):
            raise ParamError(f"{where}: expected {self.bounds_text}, got {raw!r}") from None
        if isinstance(value, bool) or (isinstance(value, float) and not math.isfinite(value)):
            raise ParamError(f"{where}: expected {self.bounds_text}, got {raw!r}")
        if (p.lo is not None and value < p.lo) or (p.hi is not None and value > p.hi):
            raise ParamError(f"{where}: expected {self.bounds_text}, got {raw!r}")
        return value


@dataclass(frozen=True)
class Rule:
    """A condition between parameters that their own bounds cannot express.

    ``holds`` takes the parameters it reads as keyword arguments and says whether the
    values are allowed; ``text`` says the rule in words, for ``--help``, the form and the
    error. ``Rule("groups divides channels", lambda groups, channels: channels % groups
    == 0)`` refuses ``groups=64, channels=16`` with "groups divides channels; got
    groups=64, channels=16".
    """

    text: str
    holds: Callable[..., bool]

    @functools.cached_property  # a form is parsed on every request
    def names(self) -> tuple[str, ...]:
        """The parameters the rule reads, in the order ``holds`` takes them."""
        return tuple(inspect.signature(self.holds).parameters)

    def check(self, values: dict[str, Any]) -> None:
        """Raise :class:`ParamError` when ``values`` (parsed parameters) break the rule."""
        args = {name: values[name] for name in self.names}
        if not self.holds(**args):
            got = ", ".join(f"{k}={v}" for k, v in args.items())
            raise ParamError(f"{self.text}; got {got}")


@dataclass
class Table:
    """A small result table: column names and rows of plain values.

    ``measured`` names the columns that hold wall-clock measurements (seconds, bytes seen
    by a profiler): they differ from run to run, everything else must not.
    """

    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    measured: tuple[str, ...] = ()

    def __post_init__(self):
        unknown = set(self.measured) - set(self.columns)
        if unknown:
            raise ValueError(f"measured: {sorted(unknown)} are not columns of the table")

    def add(self, *values: Any) -> None:
        if len(values) != len(self.columns):
            raise ValueError(f"row has {len(values)} values for {len(self.columns)} columns")
        self.rows.append(list(values))

    def column(self, name: str) -> list[Any]:
        """All values of one column."""
        j = self.columns.index(name)
        return [row[j] for row in self.rows]

    def reproducible_rows(self) -> list[list[Any]]:
        """The rows without the ``measured`` columns: equal for equal seeds."""
        keep = [j for j, name in enumerate(self.columns) if name not in self.measured]
        return [[row[j] for j in keep] for row in self.rows]

    def row(self, key: Any) -> dict[str, Any]:
        """The row whose first value equals ``key``, as a dict."""
        for row in self.rows:
            if row[0] == key:
                return dict(zip(self.columns, row, strict=True))
        raise KeyError(key)


@dataclass
class DemoResult:
    """What a demo returns: named figures, a table and a short summary."""

    figures: dict[str, Any]
    table: Table
    summary: str = ""


@dataclass(frozen=True)
class DemoSpec:
    """A registered demo."""

    id: str
    slug: str
    title: str
    func: Callable[..., DemoResult]
    params: tuple[ParamSpec, ...]
    description: str
    rules: tuple[Rule, ...] = ()

    def defaults(self) -> dict[str, Any]:
        return {p.name: p.default for p in self.params}

    def parse(self, raw: dict[str, Any]) -> dict[str, Any]:
        """Validate raw values (strings or values) against the parameters; fill defaults.

        Unknown names raise :class:`ParamError`, so a typo never passes silently; so does a
        combination that breaks one of the demo's :class:`Rule` s.
        """
        names = {p.name for p in self.params}
        unknown = set(raw) - names
        if unknown:
            known = ", ".join(sorted(names)) or "none"
            raise ParamError(f"unknown parameter(s) {', '.join(sorted(unknown))}; "
                             f"this demo takes: {known}")
        values = {p.name: (p.parse(raw[p.name]) if p.name in raw else p.default)
                  for p in self.params}
        for rule in self.rules:
            rule.check(values)
        return values

    def run(self, **raw: Any) -> RunOutcome:
        """Validate the parameters and run the demo (one at a time: matplotlib's global
        state is not shared safely between threads)."""
        values = self.parse(raw)
        with _RUN_LOCK:
            start = time.perf_counter()
            result = self.func(**values)
            seconds = time.perf_counter() - start
        if not isinstance(result, DemoResult):
            raise TypeError(f"demo {self.id!r} returned {type(result).__name__}, "
                            "expected DemoResult")
        return RunOutcome(spec=self, params=values, result=result, seconds=seconds)


@dataclass
class RunOutcome:
    """A finished demo run: the parameters used, the result and how long it took."""

    spec: DemoSpec
    params: dict[str, Any]
    result: DemoResult
    seconds: float


_RUN_LOCK = threading.Lock()
_REGISTRY: dict[str, DemoSpec] = {}
_LOADED = False
_LOAD_LOCK = threading.Lock()


def _param_specs(func: Callable[..., Any]) -> tuple[ParamSpec, ...]:
    specs = []
    # eval_str: modules with `from __future__ import annotations` store them as text.
    for name, p in inspect.signature(func, eval_str=True).parameters.items():
        if p.default is inspect.Parameter.empty:
            raise TypeError(f"demo parameter {name!r} of {func.__name__} needs a default")
        ann = p.annotation
        if isinstance(ann, Param):
            param = ann
        elif name == "seed" and ann in (int, "int"):
            param = Param(int, lo=0, hi=SEED_MAX, help="Random seed: same seed, same result.")
        else:
            raise TypeError(f"demo parameter {name!r} of {func.__name__} must be annotated "
                            "with Param(...)")
        spec = ParamSpec(name=name, default=p.default, param=param)
        spec.parse(p.default)  # the default itself must be valid
        specs.append(spec)
    return tuple(specs)


def demo(slug: str, *, title: str, name: str | None = None,
         rules: tuple[Rule, ...] = ()) -> Callable:
    """Register a demo of topic ``slug``. Its id is ``slug`` or ``slug/name``; ``rules``
    are the conditions between its parameters (:class:`Rule`)."""

    def register(func: Callable[..., DemoResult]) -> Callable[..., DemoResult]:
        demo_id = slug if name is None else f"{slug}/{name}"
        if demo_id in _REGISTRY:
            raise ValueError(f"demo {demo_id!r} is registered twice")
        doc = inspect.getdoc(func) or ""
        spec = DemoSpec(id=demo_id, slug=slug, title=title, func=func,
                        params=_param_specs(func), description=doc, rules=tuple(rules))
        names = {p.name for p in spec.params}
        for rule in spec.rules:
            if not rule.names or not set(rule.names) <= names:
                raise TypeError(f"demo {demo_id!r}: rule {rule.text!r} reads "
                                f"{list(rule.names)}, not parameters of the demo")
        spec.parse({})  # the defaults must keep every rule
        _REGISTRY[demo_id] = spec
        return func

    return register


def _demo_modules() -> list[str]:
    """The dotted names of the demo modules: the public modules of every public area
    subpackage, ordered by module name (as when they all sat in one folder, so demos
    register, and are listed, in the same order)."""
    found = []
    for area in pkgutil.iter_modules(__path__):
        if area.ispkg and not area.name.startswith("_"):
            package = importlib.import_module(f"{__name__}.{area.name}")  # a docstring
            found += [(m.name, f"{package.__name__}.{m.name}")
                      for m in pkgutil.iter_modules(package.__path__)
                      if not m.ispkg and not m.name.startswith("_")]
    return [dotted for _, dotted in sorted(found)]


_DECORATOR = re.compile(r"^@demo\(", re.MULTILINE)


def ids_by_reading() -> dict[str, str]:
    """Every demo's id and its topic's slug, ``{id: slug}``, read from the ``@demo(...)``
    lines of the demo modules without importing them.

    Importing every demo module (SciPy, matplotlib and much of the library) takes about a
    second; a listing that only counts demos per topic (``mlinterview topics``) need not
    pay it. Each decorator call is parsed as a Python expression, so its arguments may span
    lines and hold any string. tests/test_coverage_reading.py checks that this finds
    exactly the demos :func:`registry` registers.
    """
    found: dict[str, str] = {}
    root = Path(__file__).parent
    for path in sorted(root.glob("[!_]*/[!_]*.py")):
        text = path.read_text(encoding="utf-8")
        for match in _DECORATOR.finditer(text):
            call = _decorator_call(text, match.start() + 1)
            slug = call.args[0].value
            name = next((k.value.value for k in call.keywords if k.arg == "name"), None)
            found[slug if name is None else f"{slug}/{name}"] = slug
    return found


def _decorator_call(text: str, start: int) -> ast.Call:
    """The call ``demo(...)`` that begins at ``text[start:]``: the shortest run of whole
    lines from there that parses as an expression."""
    lines = text[start:].split("\n", 30)[:30]   # a decorator is a few lines long
    for end in range(1, len(lines) + 1):
        try:
            tree = ast.parse("\n".join(lines[:end]), mode="eval")
        except SyntaxError:
            continue
        if isinstance(tree.body, ast.Call):
            return tree.body
    raise ValueError(f"demos: an @demo( line that never closes at offset {start}")


def registry() -> dict[str, DemoSpec]:
    """Every registered demo by id (imports the demo modules on first use)."""
    global _LOADED
    with _LOAD_LOCK:
        if not _LOADED:
            for module in _demo_modules():
                importlib.import_module(module)
            _LOADED = True
    return dict(_REGISTRY)


def demos_of(slug: str) -> list[DemoSpec]:
    """The demos of one topic, main demo first."""
    return sorted((d for d in registry().values() if d.slug == slug),
                  key=lambda d: (d.id != slug, d.id))
