"""The wall-time limit charges what the submission did, not how busy the machine was.

Ten busy loops, each in its own session (so the kernel's per-session fairness gives the
judged run an eleventh or so), share one CPU with a judge pinned to it. An honest
submission (about 0.15 s of CPU) then takes 1.5-2 s in elapsed time, longer than its
wall limit of 1 s, and must still be accepted; a submission that sleeps must still run
out of time. The limit leaves room for what is charged besides the run's own CPU time
(blocking on the disk, a virtual machine's stolen time). Both ways of running are tried:
the namespace sandbox (where this machine has it) and the rlimits fallback. (More loops
starve the run longer and prove no more: 24 loops and a 2 s limit took 25-38 s a test.)
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from mlinterview.exercises import sandbox as S

KINDS = [S.RLIMITS] + ([S.isolation().kind] if S.isolation().isolated else [])

JUDGE = textwrap.dedent("""
    import json, os, sys, time
    from mlinterview.exercises.judge import judge
    from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
    os.sched_setaffinity(0, {int(sys.argv[2])})  # after the imports: only the judging starves

    spec = ExerciseSpec(function="add", compare=AllClose(rtol=1e-12, atol=0),
                        fixed=lambda: [Case((1, 2)), Case((0.5, 0.25))],
                        reference=lambda a, b: a + b,
                        limits=Limits(cpu_seconds=30, wall_seconds=1, memory_mb=512))
    out = {}
    for name, source in (("honest", "def add(a, b):\\n    return a + b\\n"),
                         ("sleeps", "import time\\ndef add(a, b):\\n    time.sleep(60)\\n")):
        start = time.monotonic()
        verdict = judge(spec, source, arg_names=["a", "b"], sandbox_kind=sys.argv[1])
        out[name] = [verdict.verdict, time.monotonic() - start]
    print(json.dumps(out))
""")


BURNERS = 10


def _pinned(cpu: int):
    return lambda: os.sched_setaffinity(0, {cpu})


@pytest.mark.slow  # a busy CPU for a few seconds
@pytest.mark.skipif(S._run_queue_seconds(os.getpid()) is None,
                    reason="the kernel does not report run-queue time (/proc/PID/schedstat)")
@pytest.mark.parametrize("kind", KINDS)
def test_a_starved_honest_run_is_accepted_and_a_sleeping_one_is_not(kind):
    import json

    cpu = min(os.sched_getaffinity(0))
    burners = [subprocess.Popen([sys.executable, "-c", "while True: pass"],
                                preexec_fn=_pinned(cpu), start_new_session=True)
               for _ in range(BURNERS)]
    try:
        done = subprocess.run([sys.executable, "-c", JUDGE, kind, str(cpu)],
                              capture_output=True, text=True, timeout=600)
    finally:
        for p in burners:
            p.kill()
            p.wait()
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    assert out["honest"][0] == "accepted", out
    assert out["sleeps"][0] == "time limit", out
