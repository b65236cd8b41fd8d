"""Running the CLI in tests: in process with Typer's runner, or as a real subprocess when
the test is about the terminal (piping, start-up time)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mlinterview.cli import app

SCRIPT = Path(sys.executable).with_name("mlinterview")


@pytest.fixture
def cli():
    """``cli("show", "x", input="...")`` -> a result with exit_code, stdout, stderr."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def shell():
    """Run the installed ``mlinterview`` script with stdout and stderr piped."""

    def run(*args: str, input: str | None = None, timeout: float = 60):
        env = {k: v for k, v in os.environ.items()
               if k not in ("FORCE_COLOR", "CLICOLOR_FORCE", "TTY_COMPATIBLE")}
        env["COLUMNS"] = "100"
        return subprocess.run([str(SCRIPT), *map(str, args)], input=input, text=True,
                              capture_output=True, env=env, timeout=timeout)

    return run
