"""Command-line values that need no converting, handed over without Pydantic.

Typer (0.2x) converts every parameter's value through a Pydantic ``TypeAdapter``, built on
first use; importing Pydantic for it costs about 80 ms, a third of what
``mlinterview show`` may take. Yet most values need nothing: a ``str`` argument arrives
as a string, an ``int`` option left at its default is already an int, a ``Path`` is the
string wrapped in ``Path`` and then checked by Typer's own path rules.

:func:`plain_values` puts a :class:`_PlainFirst` in front of each parameter's conversion. It
answers those cases itself, with the value Typer's conversion would give (the test
``tests/cli/test_params.py`` compares the two on every parameter of every command), and
hands every other value (``--limit 5``, a choice, a bool spelled out) to Typer's own
conversion, built then. With a Typer that converts differently (no
``get_runtime_param``), :func:`plain_values` changes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

try:  # Typer's internals this relies on; without them nothing is installed
    from typer._coercion import build_runtime_param
    from typer._param_types import coerce_cli_path
    from typer._typing import get_args, get_origin
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - another Typer
    _TyperParameter = None

_NOT_PLAIN = object()


class _PlainFirst:
    """A parameter's conversion: plain values here, the rest by Typer's own (lazily)."""

    def __init__(self, param) -> None:
        self.param = param
        self._typer = None

    def coerce(self, value: Any, param, ctx) -> Any:
        plain = _plain(param, value, ctx)
        if plain is not _NOT_PLAIN:
            return plain
        if self._typer is None:
            self._typer = build_runtime_param(param.type_descriptor)
        return self._typer.coerce(value, param=param, ctx=ctx)


def _plain(param, value: Any, ctx) -> Any:
    """What Typer's conversion makes of ``value`` when no Pydantic is needed for it,
    else :data:`_NOT_PLAIN`. Path checks (exists, readable, ...) are Typer's own."""
    desc = param.type_descriptor
    info = desc.parameter_info
    if info.parser is not None or desc.is_file or desc.is_choice:
        return _NOT_PLAIN
    multi = param.multiple or param.nargs == -1
    if value is None:  # Typer answers None itself, before any conversion
        return () if multi else None
    annotation = desc.annotation
    if multi:
        if (get_origin(annotation) is list and get_args(annotation) == (str,)
                and isinstance(value, (list, tuple)) and all(type(v) is str for v in value)):
            return list(value)
        return _NOT_PLAIN
    if annotation is str and type(value) is str:
        return value
    if annotation is int and type(value) is int and not info.clamp and (
            info.min is None or value >= info.min) and (info.max is None or value <= info.max):
        return value
    if desc.is_path and annotation is Path and info.path_type is None and type(value) is str:
        # Pydantic turns a string into Path(string); Typer then applies its path rules.
        return coerce_cli_path(Path(value), info, path_type=Path, param=param, ctx=ctx)
    return _NOT_PLAIN


@contextlib.contextmanager
def plain_values() -> Iterator[None]:
    """While the command line runs, every parameter's conversion is a :class:`_PlainFirst`
    (the help options Typer makes on the fly too), then Typer's own again."""
    if _TyperParameter is None or not hasattr(_TyperParameter, "get_runtime_param"):
        yield
        return
    typers = _TyperParameter.get_runtime_param

    def get_runtime_param(self):
        if getattr(self, "_runtime_param", None) is None:
            self._runtime_param = _PlainFirst(self)
        return self._runtime_param

    _TyperParameter.get_runtime_param = get_runtime_param
    try:
        yield
    finally:
        _TyperParameter.get_runtime_param = typers
