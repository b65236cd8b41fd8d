"""Where the library code behind a card lives, so the CLI and the web app can show it.

Only modules of :mod:`mlinterview.ml` and :mod:`mlinterview.algo` are shown: the
library a card talks about, never an arbitrary file.

A symbol is found by reading the source, not by importing it: the library imports NumPy
and SciPy (half a second), and ``mlinterview show`` only needs a file and a line. The
module's file is found in the package folder (``ml/svm/__init__.py`` or ``ml/svm.py``);
a name the module imports (``from ._classes import SVC``) is followed to the module that
defines it; the line is that of the ``def`` or ``class`` (of its first decorator, as
:func:`inspect.getsourcelines` reports it). A name the source alone cannot settle (bound
twice, assigned, decorated inside a class, made at run time) is looked up the old way, by
importing it (:func:`_find_by_import`); tests/test_sources.py checks that both ways agree
on every symbol a card names, and that the source alone settles all of them.

The source of the package does not change while the program runs, so what is found is
kept (the cache holds only names that exist in the library, a bounded set).
"""

from __future__ import annotations

import ast
import functools
from dataclasses import dataclass
from pathlib import Path

PACKAGE_ROOT = Path(__file__).resolve().parent
ALLOWED = ("mlinterview.ml", "mlinterview.algo")

#: The answer of the source reading when only an import can tell.
_UNSURE = object()
#: How many imports a name may be followed through (a cycle would loop forever).
_MAX_HOPS = 20


@dataclass(frozen=True)
class Location:
    """A library symbol's module, its file (relative to the package) and first line."""

    symbol: str
    module: str
    path: str
    line: int


def _allowed(module: str) -> bool:
    return any(module == root or module.startswith(root + ".") for root in ALLOWED)


# ---------------------------------------------------------------------------------------
# Reading the source
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=512)
def _module_file(module: str) -> Path | None:
    """The file of library module ``module`` (a package's ``__init__.py``), or None.

    Found in the package folder, nothing imported; a package wins over a module of the
    same name, as in Python's import system. Every part must be an identifier, so no
    name (``mlinterview.ml.a/../b``) can point outside the package."""
    parts = module.split(".")
    if not _allowed(module) or not all(p.isidentifier() for p in parts):
        return None
    base = PACKAGE_ROOT.parent.joinpath(*parts)
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        try:
            if candidate.is_file():
                return candidate
        except OSError:  # a name longer than the file system allows
            return None
    return None


@dataclass(frozen=True)
class _Parsed:
    """A module's text and what its top level binds: name -> the statements binding it."""

    text: str
    bindings: dict[str, list]
    dynamic: bool  # ``from x import *`` or a module ``__getattr__``: names the parse misses


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _bind_names(body: list[ast.stmt], bindings: dict[str, list]) -> bool:
    """Record what the statements of ``body`` bind in ``bindings`` (name -> nodes; an
    import's entry is ``(node, alias)``); True if a name may come from elsewhere."""
    dynamic = False

    def add(name: str, what) -> None:
        bindings.setdefault(name, []).append(what)

    for node in body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            add(node.name, node)
            dynamic |= node.name == "__getattr__"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                add(alias.asname or alias.name.partition(".")[0], (node, alias))
        elif isinstance(node, ast.ImportFrom):
            for alias in node.names:
                if alias.name == "*":
                    dynamic = True
                else:
                    add(alias.asname or alias.name, (node, alias))
        elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        add(name.id, node)
        elif isinstance(node, ast.If) and _is_type_checking(node.test):
            dynamic |= _bind_names(node.orelse, bindings)  # the body never runs
        elif isinstance(node, (ast.If, ast.Try, ast.With, ast.For, ast.While)):
            # A name bound in a branch counts once per binding: two mean "unsure".
            for part in ("body", "orelse", "finalbody"):
                dynamic |= _bind_names(getattr(node, part, []), bindings)
            for handler in getattr(node, "handlers", []):
                dynamic |= _bind_names(handler.body, bindings)
        elif isinstance(node, (ast.Delete, ast.Global, ast.Match)) or (
                isinstance(node, ast.Expr) and not isinstance(node.value, ast.Constant)):
            # del, global, match, or a call that may set globals(): names change unseen.
            dynamic |= not isinstance(node, ast.Expr) or _may_bind(node.value)
    return dynamic


def _may_bind(call: ast.expr) -> bool:
    """Whether an expression statement may bind module names (``globals().update``)."""
    return any(isinstance(n, ast.Name) and n.id in ("globals", "setattr", "exec", "vars")
               for n in ast.walk(call))


@functools.lru_cache(maxsize=256)
def _parsed(path: Path) -> _Parsed:
    text = path.read_text(encoding="utf-8")
    bindings: dict[str, list] = {}
    dynamic = _bind_names(ast.parse(text, filename=str(path)).body, bindings)
    return _Parsed(text, bindings, dynamic)


def _class_member(cls: ast.ClassDef, name: str):
    """The one statement of ``cls``'s body binding ``name``, or :data:`_UNSURE`."""
    found: dict[str, list] = {}
    if _bind_names(cls.body, found) or len(found.get(name, ())) != 1:
        return _UNSURE
    node = found[name][0]
    # Only a plain def, class or nested class: a decorated method may be a property,
    # a classmethod or a wrapper, which the import-based lookup treats differently.
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and not node.decorator_list:
        return node
    return node if isinstance(node, ast.ClassDef) else _UNSURE


def _imported_module(module: str, path: Path, node: ast.ImportFrom) -> str:
    """The absolute name of the module ``node`` (``from ..x import y``) imports from."""
    if not node.level:
        return node.module or ""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def _lookup(module: str, attrs: tuple[str, ...], hops: int = 0):
    """``(module, file, node)`` defining ``module.attrs`` (node None for a module),
    None if it is not in the library, or :data:`_UNSURE`."""
    if hops > _MAX_HOPS:
        return _UNSURE
    path = _module_file(module)
    if path is None:
        # Outside the library (NumPy, the CLI): not shown, as the import-based lookup
        # decides from the defining module. Inside it but not a file: only an import knows.
        return _UNSURE if _allowed(module) else None
    if not attrs:
        return module, path, None
    parsed = _parsed(path)
    bound = parsed.bindings.get(attrs[0], [])
    if not bound:
        if parsed.dynamic:
            return _UNSURE
        # `from pkg import sub` of a submodule that pkg does not bind itself.
        if _module_file(f"{module}.{attrs[0]}") is not None:
            return _lookup(f"{module}.{attrs[0]}", attrs[1:], hops + 1)
        return _UNSURE
    if len(bound) != 1:
        return _UNSURE
    what = bound[0]
    if isinstance(what, tuple):  # an import: follow it to the module that defines it
        node, alias = what
        if isinstance(node, ast.Import):
            target = alias.name if alias.asname else alias.name.partition(".")[0]
            return _lookup(target, attrs[1:], hops + 1)
        source = _imported_module(module, path, node)
        return _lookup(source, (alias.name, *attrs[1:]), hops + 1)
    if isinstance(what, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        node = what
        for name in attrs[1:]:
            if not isinstance(node, ast.ClassDef):
                return _UNSURE
            node = _class_member(node, name)
            if node is _UNSURE:
                return _UNSURE
        return module, path, node
    return _UNSURE  # an assignment: an alias, a factory's product, a constant


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(PACKAGE_ROOT.parent))
    except ValueError:
        return str(path)


def _first_line(node) -> int:
    """The line :func:`inspect.getsourcelines` starts a definition at: its first decorator."""
    return node.decorator_list[0].lineno if node.decorator_list else node.lineno


def _find_by_reading(symbol: str):
    """``(Location, node, text)`` for ``symbol`` from its source, None if it is not a
    library symbol, or :data:`_UNSURE`."""
    parts = symbol.split(".")
    if not all(p.isidentifier() for p in parts):
        return None
    # The longest prefix that is a module, as importing ``symbol`` would find it.
    for i in range(len(parts), 0, -1):
        if _module_file(".".join(parts[:i])) is not None:
            found = _lookup(".".join(parts[:i]), tuple(parts[i:]))
            break
    else:
        return _UNSURE
    if found is None or found is _UNSURE:
        return found
    module, path, node = found
    line = 1 if node is None else _first_line(node)
    where = Location(symbol=symbol, module=module, path=_relative(path), line=line)
    return where, node, _parsed(path).text


# ---------------------------------------------------------------------------------------
# Importing (when reading cannot tell)
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _find_by_import(symbol: str) -> tuple[Location, str] | None:
    """Where a library symbol is defined and its source text, or None, by importing it.
    One lookup gives both: for a class, ``inspect`` parses the whole module to find it."""
    import inspect

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
        # getsourcelines unwraps a decorated function (functools.cache), getsourcefile not.
        path = Path(inspect.getsourcefile(inspect.unwrap(obj)) or "").resolve()
    except (OSError, TypeError):
        return None
    line = 1 if inspect.ismodule(obj) else first
    return Location(symbol=symbol, module=module.__name__, path=_relative(path),
                    line=line), "".join(lines)


# ---------------------------------------------------------------------------------------
# The interface
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1024)
def _read(symbol: str):
    return _find_by_reading(symbol) if _allowed(symbol) else None


def locate(symbol: str) -> Location | None:
    """Where ``symbol`` (an import path) is defined, or None if it cannot be found."""
    found = _read(symbol)
    if found is _UNSURE:
        by_import = _find_by_import(symbol)
        return by_import[0] if by_import else None
    return found[0] if found else None


def symbol_source(symbol: str) -> str | None:
    """The source text of one library symbol (a function, class or module), or None."""
    found = _read(symbol)
    if found is _UNSURE:
        by_import = _find_by_import(symbol)
        return by_import[1] if by_import else None
    if found is None:
        return None
    where, node, text = found
    if node is None:
        return text
    import inspect

    # The block as inspect cuts it (tokens, not the AST's end line), so both ways agree.
    lines = text.splitlines(keepends=True)
    return "".join(inspect.getblock(lines[where.line - 1:]))


@functools.lru_cache(maxsize=1024)  # a failed lookup raises, and is not kept
def module_source(module_name: str) -> str:
    """The source text of a library module; ``LookupError`` if it is not a library module."""
    if not _allowed(module_name):
        raise LookupError(f"{module_name!r} is not part of the library")
    path = _module_file(module_name)
    if path is None:
        raise LookupError(f"no module {module_name!r}")
    try:
        return _parsed(path).text
    except (OSError, UnicodeDecodeError, SyntaxError, ValueError):
        raise LookupError(f"no source for {module_name!r}") from None
