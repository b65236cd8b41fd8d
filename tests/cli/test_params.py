"""cli/_params.py hands plain values over without Pydantic: the value must be the one
Typer's own conversion gives, for every parameter of every command."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from typer._click import Context
from typer._coercion import build_runtime_param
from typer.core import _TyperParameter

from mlinterview.cli import _params, app


def _parameters():
    root = typer.main.get_command(app)
    stack, found = [(root, "mlinterview")], []
    while stack:
        command, name = stack.pop()
        for param in command.params:
            if isinstance(param, _TyperParameter):
                found.append((command, f"{name} {param.name}", param))
        for sub_name, sub in getattr(command, "commands", {}).items():
            stack.append((sub, f"{name} {sub_name}"))
    return found


PARAMETERS = _parameters()


def _outcome(runtime, value, param, ctx):
    try:
        result = runtime.coerce(value, param=param, ctx=ctx)
    except Exception as exc:  # the error a user would see
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
        return "raised", type(exc).__name__, message
    return "value", type(result).__name__, result


def _samples(tmp: Path) -> list:
    afile = tmp / "solution.py"
    afile.write_text("x = 1\n", encoding="utf-8")
    return [None, "abc", "10", "-3", "", "99999", "0", 10, 0, -1, 70000, True, False,
            ("a", "b"), (), ["x"], str(afile), str(tmp), str(tmp / "missing.py"), "-",
            afile, b"bytes"]


def test_the_commands_have_parameters_to_check():
    kinds = {p.type_descriptor.annotation for _, _, p in PARAMETERS}
    assert {str, int, bool, Path} <= kinds and len(PARAMETERS) > 50


@pytest.mark.parametrize(("command", "name", "param"), PARAMETERS,
                         ids=[name for _, name, _ in PARAMETERS])
def test_plain_values_convert_as_typer_converts_them(command, name, param, tmp_path):
    ctx = Context(command)
    typers = build_runtime_param(param.type_descriptor)
    for value in _samples(tmp_path):
        ours = _outcome(_params._PlainFirst(param), value, param, ctx)
        assert ours == _outcome(typers, value, param, ctx), (name, value)


def test_the_plain_path_is_taken_without_pydantic():
    # `show`, `search` and `exercise check` with their usual arguments never build an
    # adapter; a value that needs converting still goes to Typer (and Pydantic).
    code = ("import json, sys\n"
            "from mlinterview.cli import main\n"
            "sys.argv = ['mlinterview', *sys.argv[1:]]\n"
            "try:\n"
            "    main()\n"
            "except SystemExit as exc:\n"
            "    code = exc.code\n"
            "print(json.dumps([code, 'pydantic' in sys.modules]), file=sys.stderr)\n")

    def run(*args):
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                              text=True, env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"})
        return json.loads(done.stderr.strip().splitlines()[-1]), done.stdout

    assert run("show", "svm", "--section", "In 30 seconds")[0] == [0, False]
    assert run("--help")[0] == [0, False]
    (code, pydantic), _ = run("search", "precision", "--limit", "abc")
    assert code == 2 and pydantic  # Typer's own message for a bad number
