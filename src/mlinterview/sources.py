"""Where the library code behind a card lives, so the CLI and the web app can show it.

Only modules of :mod:`mlinterview.ml` and :mod:`mlinterview.algo` are shown: the
library a card talks about, never an arbitrary file.

The source of the package does not change while the program runs, so what is found is
kept (the cache holds only names that exist in the library, a bounded set).
"""

from __future__ import annotations

import functools
import importlib
import inspect
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
ALLOWED = ("mlinterview.ml", "mlinterview.algo")


@dataclass(frozen=True)
class Location:
    """A library symbol's module, its file (relative to the package) and first line."""

    symbol: str
    module: str
    path: str
    line: int


def _allowed(module: str) -> bool:
    return any(module == root or module.startswith(root + ".") for root in ALLOWED)


@functools.lru_cache(maxsize=1024)
def _find(symbol: str) -> tuple[Location, str] | None:
    """Where a library symbol is defined and its source text, or None. One lookup gives
    both: for a class, ``inspect`` parses the whole module to find it."""
    from mlinterview.topics import resolve_symbol

    if not _allowed(symbol):
        return None
    try:
        obj = resolve_symbol(symbol)
    except ImportError:
        return None
    module = inspect.getmodule(obj)
    if module is None or not _allowed(module.__name__):
        return None
    try:
        lines, first = inspect.getsourcelines(obj)
        path = Path(inspect.getsourcefile(obj) or "").resolve()
    except (OSError, TypeError):
        return None
    try:
        rel = path.relative_to(PACKAGE_ROOT.parent)
    except ValueError:
        rel = path
    line = 1 if inspect.ismodule(obj) else first
    return Location(symbol=symbol, module=module.__name__, path=str(rel), line=line), \
        "".join(lines)


def locate(symbol: str) -> Location | None:
    """Where ``symbol`` (an import path) is defined, or None if it cannot be found."""
    found = _find(symbol)
    return found[0] if found else None


def symbol_source(symbol: str) -> str | None:
    """The source text of one library symbol (a function, class or module), or None."""
    found = _find(symbol)
    return found[1] if found else None


@functools.lru_cache(maxsize=1024)  # a failed lookup raises, and is not kept
def module_source(module_name: str) -> str:
    """The source text of a library module; ``LookupError`` if it is not a library module."""
    if not _allowed(module_name):
        raise LookupError(f"{module_name!r} is not part of the library")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise LookupError(f"no module {module_name!r}") from None
    try:
        return inspect.getsource(module)
    except (OSError, TypeError):
        raise LookupError(f"no source for {module_name!r}") from None
