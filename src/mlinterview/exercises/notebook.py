"""An exercise as a Jupyter notebook, and the function its last cell calls to judge it.

``mlinterview exercise notebook ID OUT.ipynb`` writes four cells: the statement
(Markdown), the hints folded away (Markdown, one ``<details>`` each), the starter (code)
and a cell that judges the solution with the local judge::

    from mlinterview.exercises.notebook import check_notebook_function
    check_notebook_function("classification-metrics/precision-recall-f1", precision_recall_f1)

The file is nbformat version 4.5 JSON written with the standard library (the layout is
small and fixed: https://nbformat.readthedocs.io/en/latest/format_description.html), so
writing one needs no Jupyter package; the tests validate it with ``nbformat`` where that
is installed.

:func:`check_notebook_function` judges the *whole cell* that defined the function (its
imports and helpers too), as ``exercise check`` judges a whole file: IPython keeps each
cell's text in :mod:`linecache` under the file name the function's code carries. Where
that text is missing (a function typed at a plain ``python`` prompt) it falls back to the
function's own source (:func:`inspect.getsource`).
"""

from __future__ import annotations

import inspect
import json
import linecache
import types
from pathlib import Path
from typing import Any

NBFORMAT, NBFORMAT_MINOR = 4, 5


def _lines(text: str) -> list[str]:
    """A cell's source as nbformat stores it on disk: lines, each but the last with its
    newline."""
    return text.splitlines(keepends=True)


def _markdown(cell_id: str, text: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": cell_id, "metadata": {}, "source": _lines(text)}


def _code(cell_id: str, text: str) -> dict[str, Any]:
    return {"cell_type": "code", "id": cell_id, "metadata": {}, "execution_count": None,
            "outputs": [], "source": _lines(text)}


def check_cell(exercise) -> str:
    """The source of the cell that judges the solution of ``exercise``."""
    return (
        "# Judge the function above with mlinterview's local judge: every case, then\n"
        "# \"k of n passed\" and the first failing case. The attempt is stored in your\n"
        "# study data, as `mlinterview exercise check` stores it.\n"
        "from mlinterview.exercises.notebook import check_notebook_function\n"
        "\n"
        f"check_notebook_function({exercise.id!r}, {exercise.spec.function})\n"
    )


def notebook(exercise) -> dict[str, Any]:
    """The notebook of ``exercise`` as nbformat 4.5 JSON data (a dict)."""
    level = f"*Level {exercise.level} ({exercise.level_name}) · exercise `{exercise.id}`*"
    intro = (f"{exercise.statement.rstrip()}\n\n{level}\n\n"
             "Write your solution in the next code cell (imports and helpers too: the judge "
             "runs that whole cell in a separate, limited process), run it, then run the "
             "last cell.")
    hints = "### Hints\n\n" + "\n\n".join(
        f"<details><summary>Hint {i} of {len(exercise.hints)}</summary>\n\n{hint}\n\n"
        "</details>" for i, hint in enumerate(exercise.hints, 1))
    return {
        "nbformat": NBFORMAT,
        "nbformat_minor": NBFORMAT_MINOR,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3",
                           "language": "python"},
            "language_info": {"name": "python"},
            "mlinterview": {"exercise": exercise.id},
        },
        "cells": [
            _markdown("statement", intro),
            _markdown("hints", hints),
            _code("solution", exercise.starter.rstrip("\n")),
            _code("check", check_cell(exercise).rstrip("\n")),
        ],
    }


def write_notebook(exercise, path: str | Path) -> None:
    """Write the notebook of ``exercise`` to ``path``: the file appears whole or not at all
    (:func:`mlinterview.study.atomic.atomic_write`)."""
    from mlinterview.study.atomic import atomic_write

    text = json.dumps(notebook(exercise), indent=1, ensure_ascii=False) + "\n"
    with atomic_write(path) as fh:
        fh.write(text)


def function_source(func: types.FunctionType) -> str:
    """The text of the cell (or file) that defined ``func``, else ``func``'s own source;
    ``ValueError`` if neither can be found."""
    if not isinstance(func, types.FunctionType):
        raise TypeError(f"func: expected the function you wrote (a def), got "
                        f"{type(func).__name__}")
    cell = "".join(linecache.getlines(func.__code__.co_filename))
    if cell.strip():
        return cell
    try:
        return inspect.getsource(func)
    except (OSError, TypeError) as exc:
        raise ValueError(f"func: the source of {func.__name__} cannot be found ({exc}); "
                         "define it in a notebook cell or a file") from None


def summary(verdict) -> str:
    """The verdict in a few lines of text: outcome, "k of n passed", the first failure."""
    lines = [f"{verdict.verdict.upper()}: {verdict.passed} of {verdict.total} cases passed "
             f"({verdict.seconds:.2f} s)", verdict.message]
    f = verdict.first_failure
    if f is not None:
        lines += ["", f"First failing case ({f.case}{': ' + f.note if f.note else ''})",
                  f"  input:    {f.input}", f"  expected: {f.expected}",
                  f"  received: {f.received}"]
    if verdict.output.strip():
        lines += ["", "Your program printed:", verdict.output.rstrip()[-1500:]]
    return "\n".join(lines)


def check_notebook_function(exercise_id: str, func, *, record: bool = True):
    """Judge the cell that defined ``func`` against exercise ``exercise_id``, print the
    outcome and return the :class:`~mlinterview.exercises.judge.Verdict`. With ``record``
    the attempt is stored in the study data (as ``mlinterview exercise check`` does)."""
    from mlinterview.exercises import check, get

    exercise = get(exercise_id)
    source = function_source(func)
    verdict = check(exercise.id, source)
    if record:
        from mlinterview.study import Study

        Study().record_attempt(exercise.id, exercise.slug, verdict, source)
    print(summary(verdict))
    return verdict
