"""Printing for the CLI: Rich tables and colour on a terminal, plain text when piped.

Commands never print with bare ``print``; they go through these helpers so every
command behaves the same way in a terminal, in a pipe and under ``--json``.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer

if TYPE_CHECKING:  # Rich is imported on first output, not when `--help` loads the CLI.
    from rich.console import Console

_OUT: Console | None = None
_ERR: Console | None = None


def out() -> Console:
    """The stdout console (created on first use)."""
    global _OUT
    if _OUT is None:
        from rich.console import Console

        _OUT = Console(highlight=False, no_color="NO_COLOR" in os.environ)
    return _OUT


def err() -> Console:
    """The stderr console (created on first use)."""
    global _ERR
    if _ERR is None:
        from rich.console import Console

        _ERR = Console(stderr=True, highlight=False, no_color="NO_COLOR" in os.environ)
    return _ERR


def is_terminal() -> bool:
    return out().is_terminal


def fail(message: str, code: int = 1) -> NoReturn:
    """One line on stderr, then exit with ``code`` (2: usage error, 1: failure)."""
    # One line even when the message quotes a multi-line error of a library.
    message = " / ".join(line.strip() for line in message.splitlines() if line.strip())
    err().print(f"[red]error:[/] {_escape(message)}" if err().is_terminal
                else f"error: {message}", soft_wrap=True)
    raise typer.Exit(code)


def regular_file(path: Path, name: str, code: int = 2) -> Path:
    """``path`` if it is a file that can be read to its end; else one line naming the
    argument ``name`` and exit ``code``. A folder, a FIFO or a device (``/dev/zero``)
    would fail later with a traceback, or never end."""
    if not path.exists():
        fail(f"{name}: no such file: {path}", code)
    if path.is_dir():
        fail(f"{name}: {path} is a folder, not a file", code)
    if not path.is_file():
        fail(f"{name}: {path} is not a regular file", code)
    return path


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def say(text: str = "", style: str | None = None) -> None:
    """A line of text; ``style`` only on a terminal."""
    if style and is_terminal():
        out().print(f"[{style}]{_escape(text)}[/]", soft_wrap=True)
    else:
        out().print(text, markup=False, soft_wrap=True)


def strict_json(value: Any) -> Any:
    """``value`` with every float that JSON cannot hold (NaN, ±inf) written as the string
    ``"NaN"``, ``"Infinity"`` or ``"-Infinity"``, and NumPy scalars as Python numbers;
    lists, tuples and dicts are copied, everything else is kept as it is.

    JSON (RFC 8259) has no NaN or infinity; Python's ``json`` would write the bare words
    ``NaN`` and ``Infinity``, which strict readers (``JSON.parse``, jq, Go) refuse. The
    same words as strings stay readable."""
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, dict):
        return {k: strict_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [strict_json(v) for v in value]
    if type(value).__module__ == "numpy" and getattr(value, "shape", None) == ():
        return strict_json(value.item())  # a NumPy scalar: float32 would print as text
    return value


def print_json(data: Any) -> None:
    """``data`` as indented JSON that any reader accepts (see :func:`strict_json`)."""
    sys.stdout.write(json.dumps(strict_json(data), indent=2, default=str, ensure_ascii=False,
                                allow_nan=False) + "\n")


def table(columns: Sequence[str], rows: Sequence[Sequence[Any]], *, title: str | None = None,
          numeric: Sequence[int] = ()) -> None:
    """A table: Rich with borders on a terminal, aligned plain columns in a pipe."""
    cells = [["" if v is None else _cell(v) for v in row] for row in rows]
    if is_terminal():
        from rich.table import Table

        t = Table(title=title, title_justify="left", header_style="bold")
        for j, name in enumerate(columns):
            t.add_column(name, justify="right" if j in numeric else "left")
        for row in cells:
            t.add_row(*[_escape(c) for c in row])
        out().print(t)
        return
    if title:
        say(title)
    widths = [max([len(str(c))] + [len(r[j]) for r in cells]) for j, c in enumerate(columns)]

    def line(values):
        return "  ".join(v.rjust(w) if j in numeric else v.ljust(w)
                         for j, (v, w) in enumerate(zip(values, widths, strict=True))).rstrip()

    say(line([str(c) for c in columns]))
    for row in cells:
        say(line(row))


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def markdown(text: str) -> None:
    """Card Markdown: rendered by Rich on a terminal, as plain Markdown text in a pipe.

    Math is rewritten to Unicode first (``render.markdown_for_terminal``).
    """
    from mlinterview.render import markdown_for_terminal

    text = markdown_for_terminal(text)
    if is_terminal():
        from rich.markdown import Markdown

        out().print(Markdown(text, code_theme="default"))
    else:
        say(text)
