"""`python -m mlinterview` is the same command line as the `mlinterview` script."""

from __future__ import annotations

import os
import subprocess
import sys

from mlinterview import __version__


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mlinterview", *args], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})


def test_python_m_runs_the_cli_and_names_itself_in_usage():
    done = _run("--help")
    assert done.returncode == 0, done.stderr
    assert "Usage: python -m mlinterview" in done.stdout
    assert _run("version").stdout.strip() == f"mlinterview {__version__}"


def test_python_m_reports_a_bad_command_without_a_traceback():
    done = _run("no-such-command")
    assert done.returncode == 2
    assert "No such command" in done.stderr and "Traceback" not in done.stderr
