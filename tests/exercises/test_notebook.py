"""An exercise as a Jupyter notebook: valid nbformat 4 (checked with nbformat where it is
installed), and its last cell judges the solution cell with the local judge, as a kernel
would run the cells."""

from __future__ import annotations

import json
import linecache
import re

import pytest

from mlinterview.exercises import get
from mlinterview.exercises.notebook import (
    check_notebook_function,
    function_source,
    notebook,
    write_notebook,
)
from mlinterview.study import Study

EX = "classification-metrics/precision-recall-f1"


@pytest.fixture(scope="module")
def exercise():
    return get(EX)


def test_the_notebook_has_the_four_cells_of_nbformat_4(exercise, tmp_path):
    path = tmp_path / "prf.ipynb"
    write_notebook(exercise, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert (data["nbformat"], data["nbformat_minor"]) == (4, 5)
    assert data["metadata"]["kernelspec"]["name"] == "python3"
    cells = data["cells"]
    assert [(c["cell_type"], c["id"]) for c in cells] == [
        ("markdown", "statement"), ("markdown", "hints"), ("code", "solution"),
        ("code", "check")]
    for cell in cells:  # what the v4 schema requires of every cell
        assert re.fullmatch(r"[a-zA-Z0-9-_]{1,64}", cell["id"])
        assert cell["metadata"] == {} and isinstance(cell["source"], list)
        assert all(line.endswith("\n") for line in cell["source"][:-1])
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    text = ["".join(c["source"]) for c in cells]
    assert exercise.statement.strip().splitlines()[0] in text[0]
    assert all(hint in text[1] for hint in exercise.hints)
    assert text[1].count("<details>") == len(exercise.hints)
    assert text[2] == exercise.starter.rstrip("\n")
    assert f"check_notebook_function({EX!r}, precision_recall_f1)" in text[3]


def test_nbformat_validates_it(exercise):
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.reads(json.dumps(notebook(exercise)), as_version=4)
    nbformat.validate(nb)  # raises ValidationError when the JSON breaks the schema


def run_like_a_kernel(cells: list[str], prefix: str) -> dict:
    """Run code cells in one namespace the way IPython does: each cell's text kept in
    linecache under its own file name, so a function knows the cell it came from."""
    namespace: dict = {"__name__": "__main__"}
    for i, source in enumerate(cells):
        filename = f"<{prefix}-cell-{i}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(keepends=True),
                                     filename)
        exec(compile(source, filename, "exec"), namespace)
    return namespace


def test_the_check_cell_judges_the_solution_cell(exercise, capsys):
    cells = ["".join(c["source"]) for c in notebook(exercise)["cells"]
             if c["cell_type"] == "code"]
    solved = run_like_a_kernel([exercise.solution, cells[1].replace(
        "check_notebook_function(", "verdict = check_notebook_function(")], "solved")
    assert solved["verdict"].accepted
    printed = capsys.readouterr().out
    assert printed.startswith("ACCEPTED: ") and " of " in printed.splitlines()[0]
    # The whole cell is judged (its import of numpy too) and stored as an attempt.
    attempts = Study().attempts(EX)
    assert [a["verdict"] for a in attempts] == ["accepted"]
    assert attempts[0]["source"] == exercise.solution

    started = run_like_a_kernel([cells[0], cells[1].replace(
        "check_notebook_function(", "verdict = check_notebook_function(")], "starter")
    assert not started["verdict"].accepted
    printed = capsys.readouterr().out
    assert "First failing case" in printed and "NotImplementedError" in printed


def test_the_source_of_a_function_without_a_cell_or_file_is_an_error():
    namespace: dict = {}
    exec(compile("def f():\n    return 1\n", "<nowhere>", "exec"), namespace)
    linecache.cache.pop("<nowhere>", None)
    with pytest.raises(ValueError, match="func: the source of f cannot be found"):
        function_source(namespace["f"])
    with pytest.raises(TypeError, match="func: expected the function you wrote"):
        function_source(len)
    with pytest.raises(TypeError, match="got int"):
        check_notebook_function(EX, 3, record=False)


def test_the_notebook_runs_in_ipython(exercise, capsys):
    """The cells as IPython runs them (where IPython is installed): the check cell finds
    the solution cell's text through the function IPython compiled from it."""
    interactive = pytest.importorskip("IPython.core.interactiveshell")
    shell = interactive.InteractiveShell.instance()
    try:
        cells = ["".join(c["source"]) for c in notebook(exercise)["cells"]
                 if c["cell_type"] == "code"]
        assert shell.run_cell(exercise.solution).success
        check = cells[1].replace("check_notebook_function(", "verdict = check_notebook_function(")
        assert shell.run_cell(check).success
        assert shell.user_ns["verdict"].accepted
        assert capsys.readouterr().out.startswith("ACCEPTED: ")
    finally:
        interactive.InteractiveShell.clear_instance()
