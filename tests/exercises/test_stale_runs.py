"""A judge killed mid-run (SIGKILL: no cleanup runs) leaves neither its temporary folder
nor its runner behind: the next judge sweeps the folder, and the runner dies with it."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import pytest

from mlinterview.exercises import sandbox

# A judge that starts a run whose submission blocks, says where its folder is, and waits.
JUDGE = textwrap.dedent("""
    import sys
    from mlinterview.exercises import sandbox
    from mlinterview.exercises.spec import Limits

    SOURCE = '''
    import os, sys, time
    def stuck():
        print(os.getpid(), flush=True)      # the runner's pid, seen by the judge's stdout file
        sys.stdout.flush()
        open(os.path.join(os.path.dirname(__file__), "started"), "w").close()
        time.sleep(600)
    '''
    job = {"function": "stuck", "cases": [((), {})], "needs_numpy": False}
    limits = Limits(cpu_seconds=5, wall_seconds=600, memory_mb=512, output_mb=1)
    sandbox.run(SOURCE, job, limits, sandbox=sys.argv[1])
""")


def _folders() -> set[Path]:
    return set(Path(tempfile.gettempdir()).glob(sandbox.FOLDER_PREFIX + "*"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG, pidfd")
def test_a_killed_judge_leaves_no_runner_and_its_folder_is_swept(tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    judge = subprocess.Popen([sys.executable, "-c", JUDGE, sandbox.RLIMITS],
                             env={**os.environ, "TMPDIR": str(tmp_path)})
    # Wait for the submission's own file: then the run is inside its case. (Polling a
    # condition, not a guess at how long it takes; judge.poll() ends it if the judge dies.)
    started = []
    while judge.poll() is None and not started:
        started = list(tmp_path.glob(sandbox.FOLDER_PREFIX + "*/work/started"))
        time.sleep(0.01)
    assert started, "the judge ended before its submission started"
    folder = started[0].parent.parent
    runner = os.pidfd_open(int((folder / "stdout.txt").read_text().split()[0]))
    judge.send_signal(signal.SIGKILL)
    judge.wait()
    assert folder.exists()  # SIGKILL: nothing cleaned up
    # The runner gets SIGKILL when its parent dies: its pidfd turns readable when it exits
    # (the 120 s only guards against a hang).
    ready, _, _ = select.select([runner], [], [], 120)
    os.close(runner)
    assert ready, "the runner outlived its judge"

    sandbox.sweep_stale_folders.cache_clear()
    assert sandbox.sweep_stale_folders() == 1
    assert not folder.exists()


def test_a_live_runs_folder_is_not_swept(tmp_path, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    live = tmp_path / (sandbox.FOLDER_PREFIX + "live")
    live.mkdir()
    with sandbox._claimed(live):
        sandbox.sweep_stale_folders.cache_clear()
        assert sandbox.sweep_stale_folders() == 0
        assert live.exists()
    sandbox.sweep_stale_folders.cache_clear()
    assert sandbox.sweep_stale_folders() == 1
