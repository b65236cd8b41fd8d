"""Start-up of the command line: whole processes, best of 3.

Each row runs one `mlinterview` command in a fresh interpreter and compares it with a bare
`python -c pass`, the floor no Python command can go below: the ratio is how many times
the interpreter's own start-up a command costs. (This used to be a test with a time bound;
a busy machine made it fail, so it is measured here instead.)
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TITLE = "Command line start-up (whole process)"
REFERENCE = "python -c pass"

SCRIPT = Path(sys.executable).with_name("mlinterview")
COMMANDS = (["--help"], ["version"], ["topics"], ["show", "svm"])


def _run(argv: list[str]):
    env = {**os.environ, "NO_COLOR": "1"}

    def call() -> None:
        subprocess.run(argv, check=True, capture_output=True, env=env)

    return call


def cases():
    bare = _run([sys.executable, "-c", "pass"])
    for args in COMMANDS:
        yield "mlinterview " + " ".join(args), "1 process", _run([str(SCRIPT), *args]), bare


if __name__ == "__main__":
    from _harness import main

    main(cases, TITLE, REFERENCE)
