"""Issue 11, section 5: twenty hostile submissions at once through a real server.

``tools/attack.py`` starts the web app under uvicorn on loopback (a child process with
its own data and temporary folders), sends the twenty submissions together (a barrier),
retries each 503 after its Retry-After, and reads ``/topics/svm`` in a loop meanwhile.
Asserted: every verdict is the one the submission deserves, every 503 came with
Retry-After and the busy page, no process is left behind, and every submission (judged
or refused) is stored. The attacked exercise's limits are lowered (2 s CPU, 4 s wall) so
the runs that must hit them end sooner. The page-read latencies are printed, never
asserted (speed is measured, not tested: ``python tools/attack.py`` prints the figures).
"""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

from mlinterview.exercises import sandbox

ROOT = Path(__file__).resolve().parents[2]
ISOLATION = sandbox.isolation()


def _load_attack():
    spec = importlib.util.spec_from_file_location("mlinterview_attack",
                                                  ROOT / "tools" / "attack.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


attack = _load_attack()


@pytest.mark.slow  # a server start and ~20 judge runs, some of them to their time limit
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the check reads /proc")
@pytest.mark.skipif(not ISOLATION.isolated,
                    reason=f"reading the solution is only refused in the sandbox: "
                    f"{ISOLATION.reason}")
@pytest.mark.skipif(ISOLATION.kind != sandbox.NAMESPACES_ROOT and os.geteuid() == 0,
                    reason="as root only the root sandbox caps a fork bomb's processes")
def test_twenty_hostile_submissions_at_once(tmp_path):
    # Reads 20 ms apart: a page read flat out took a core from the suite's other worker.
    report = attack.run_attack(tmp_path, short_limits=True, read_pause=0.02)
    print("\n" + "\n".join(report.lines()))  # the figures, for `pytest -s` and the log

    wrong = [line for line, o in zip(report.lines(), report.outcomes, strict=False)
             if not o.right]
    assert wrong == [], "\n".join(wrong)
    assert report.left == []
    judged = len(report.outcomes)
    refused = sum(o.refused for o in report.outcomes)
    # Nothing submitted is lost: each judged run and each refusal is an attempt.
    assert sum(report.stored.values()) == judged + refused
    assert report.stored.get("not judged", 0) == refused
    assert report.read_errors == []
