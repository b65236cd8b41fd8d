"""Start-up of the command line: whole processes, best of 5, beside issue 17's goals.

Each row runs one ``mlinterview`` command in a fresh interpreter, as a user types it
(``hyperfine``-style: one untimed warm-up run, then the best of 5 wall-clock times), and
prints it beside its goal. ``python -c pass`` is the floor no Python command goes below.

The commands run as an installed package runs: with its bytecode cached (pip compiles it
at install). A checkout with ``PYTHONDONTWRITEBYTECODE=1`` set would recompile every
module of the package at every start; the bytecode goes to a temporary folder, not into
the source tree. The study data and the search cache live in a temporary
``MLINTERVIEW_HOME``, so the user's own are not touched; ``exercise check`` judges the
reference solution of one exercise (accepted) in the judge's usual sandbox.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TITLE = "Command line start-up (whole process, best of 5)"
REPEATS = 5
EXERCISE = "classification-metrics/precision-recall-f1"

SCRIPT = Path(sys.executable).with_name("mlinterview")
BANK = Path(__file__).resolve().parents[1] / "src" / "mlinterview" / "exercises" / "bank"


def commands(solution: Path) -> list[tuple[list[str], float | None]]:
    """``(argv after mlinterview, goal in seconds or None)`` for every row."""
    return [
        (["--help"], 0.2),
        (["show", "svm"], 0.3),
        (["search", "how", "to", "pick", "the", "cut-off", "on", "probabilities"], 0.3),
        (["exercise", "check", EXERCISE, str(solution)], 0.4),
        (["version"], None),
        (["topics"], None),
    ]


def best_of(argv: list[str], env: dict[str, str], repeats: int = REPEATS) -> float:
    """The smallest wall-clock time of ``repeats`` runs of ``argv``, after one warm-up
    (it writes the bytecode and the search cache, as a user's first run does)."""
    subprocess.run(argv, check=True, capture_output=True, env=env)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(argv, check=True, capture_output=True, env=env)
        times.append(time.perf_counter() - start)
    return min(times)


def _seconds(t: float) -> str:
    return f"{t:.3f} s"


def main(repeats: int = REPEATS) -> list[tuple[str, float, float | None]]:
    """Time every command and print one line each: best time, goal, met or not."""
    work = Path(tempfile.mkdtemp(prefix="mlinterview-bench-cli-"))
    try:
        solution = work / "solution.py"
        (folder,) = BANK.glob(f"*/{EXERCISE}")
        shutil.copyfile(folder / "solution.py", solution)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env.update(NO_COLOR="1", MLINTERVIEW_HOME=str(work / "home"),
                   PYTHONPYCACHEPREFIX=str(work / "pycache"))
        rows = [("python -c pass", best_of([sys.executable, "-c", "pass"], env, repeats),
                 None)]
        for args, goal in commands(solution):
            shown = " ".join(a if a != str(solution) else "SOLUTION.py" for a in args)
            print(f"  … mlinterview {shown}", file=sys.stderr)
            rows.append((f"mlinterview {shown}", best_of([str(SCRIPT), *args], env, repeats),
                         goal))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    width = max(len(name) for name, _, _ in rows)
    print(f"\n{TITLE}")
    print(f"{'command':<{width}}  {'best':>9}  {'goal':>9}  met")
    for name, best, goal in rows:
        met = "-" if goal is None else ("yes" if best < goal else "NO")
        print(f"{name:<{width}}  {_seconds(best):>9}  "
              f"{_seconds(goal) if goal else '-':>9}  {met}")
    return rows


if __name__ == "__main__":
    main()
