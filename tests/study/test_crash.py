"""Issue 3, section 5: kill -9 in the middle of a review session loses no committed review
and leaves a consistent database.

A child process reviews the real ``classification-metrics`` card in a loop (each review is
one transaction: the log row and the card state) and prints the review's id after each
commit. The test kills it with SIGKILL after a delay, then checks that every id it printed
is stored, that each card's state matches its log, and ``PRAGMA integrity_check``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from mlinterview.study import Study
from mlinterview.study.scheduler import card_from_json
from mlinterview.study.store import Store

CHILD = r"""
import sys
from datetime import UTC, datetime, timedelta

from mlinterview.exercises.judge import Verdict
from mlinterview.study import Study
from mlinterview.study.store import Store

study = Study(Store(sys.argv[1]))
study.set_setting("fuzz", False)
start = datetime(2026, 3, 2, tzinfo=UTC)
failed = Verdict("wrong answer", 1, 2, "Wrong answer on case 2 of 2.")
i = 0
while True:
    now = start + timedelta(hours=i)
    outcome = study.review("classification-metrics", {"precision-definition": "1"},
                           rating=1 + i % 4, now=now)
    # Printed only after commit returned: the id is a promise that the review is stored.
    print(outcome.uid, flush=True)
    if i % 5 == 0:  # now and then a failed exercise too, which also writes the card state
        study.record_attempt("classification-metrics/precision-recall-f1",
                             "classification-metrics", failed, "source", now=now)
    i += 1
"""

DELAYS = (0.02, 0.1, 0.25, 0.5)


def _start(path: Path, log) -> subprocess.Popen:
    # stderr to a file: with two pipes, communicate() reads the raw descriptors and would
    # miss what readline() below already buffered.
    return subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE,
                            stderr=log, env={**os.environ, "PYTHONUNBUFFERED": "1"})


@pytest.mark.slow  # about 3 s: four interpreters start and write for up to half a second
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_mid_session_loses_no_committed_review(tmp_path):
    paths = [tmp_path / f"crash{i}.sqlite3" for i in range(len(DELAYS))]
    logs = [open(tmp_path / f"crash{i}.log", "wb") for i in range(len(DELAYS))]  # noqa: SIM115
    children = [_start(p, log) for p, log in zip(paths, logs, strict=True)]  # in parallel
    outputs = []
    try:
        for child, delay in zip(children, DELAYS, strict=True):
            # The first review loads the cards; count the delay from its commit, so the
            # kill lands in the steady loop of writes.
            first = child.stdout.readline()
            assert len(first) == 33, first
            started = time.monotonic()
            time.sleep(max(0.0, started + delay - time.monotonic()))
            child.send_signal(signal.SIGKILL)
            child.wait(timeout=10)
            assert child.returncode == -signal.SIGKILL
            outputs.append(first + child.stdout.read())
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdout.close()
        for log in logs:
            log.close()

    for path, out, delay in zip(paths, outputs, DELAYS, strict=True):
        # Only whole lines count: the last one may have been cut by the kill.
        reported = set(out.decode().split("\n")[:-1])
        assert reported, f"delay {delay}: nothing written before the kill"
        store = Store(path)
        try:
            assert store.integrity_check() == "ok", delay
            stored = {r["uid"] for r in store.query("SELECT uid FROM review_log")}
            missing = reported - stored
            assert not missing, f"delay {delay}: {len(missing)} committed reviews lost"
            # At most the one review in flight may be stored without having been printed.
            assert len(stored) - len(reported) <= 1, delay
            # Each review and its card state were written together: the state counts every
            # stored review and is the latest review's result (a failed exercise may only
            # have brought its due date forward).
            study = Study(store)
            state = study.card_state("classification-metrics")
            latest = card_from_json(study.reviews("classification-metrics", limit=1)[0]
                                    ["card_after"])
            card = card_from_json(state["card"])
            assert state["reps"] == len(stored)
            assert card.stability == latest.stability and card.due <= latest.due
        finally:
            store.close()
