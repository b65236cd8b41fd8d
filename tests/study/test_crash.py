"""Issue 3, section 5 (and issue 11, section 3): kill -9 in the middle of a review session
loses no committed review and leaves a consistent database.

A child process reviews the real ``classification-metrics`` card in a loop (each review is
one transaction: the log row and the card state) and prints the review's id after each
commit. It also reports, every few SQLite instructions, that it is running SQL, and waits
for the test's go-ahead after every line. The test lets it commit ``k`` reviews, then
SIGKILLs it while it is paused at the ``j``-th SQL step of the next one: the kill lands
inside a write, at a moment chosen by the test, not by a timer. Then it checks that every
id the child printed is stored, that each card's state matches its log, and
``PRAGMA integrity_check``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from mlinterview.study import Study
from mlinterview.study.scheduler import card_from_json
from mlinterview.study.store import Store

REAL_TOPICS = True  # the child reviews the real card; tests/study/conftest.py leaves it be

CHILD = r"""
import sqlite3
import sys
from datetime import UTC, datetime, timedelta

from mlinterview.exercises.judge import Verdict
from mlinterview.study import Study
from mlinterview.study.store import Store

def report(line):
    # One line, then wait for the test's go-ahead: it kills us here or lets us go on.
    print(line, flush=True)
    if not sys.stdin.readline():
        sys.exit(3)

connect = sqlite3.connect
def connect_reporting_sql(*args, **kwargs):
    conn = connect(*args, **kwargs)
    conn.set_progress_handler(lambda: report("sql") or 0, 25)
    return conn
sqlite3.connect = connect_reporting_sql

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
    report(outcome.uid)
    if i % 5 == 0:  # now and then a failed exercise too, which also writes the card state
        study.record_attempt("classification-metrics/precision-recall-f1",
                             "classification-metrics", failed, "source", now=now)
    i += 1
"""

# (k, j): kill at the j-th SQL step after the k-th committed review.
KILLS = ((1, 0), (3, 4), (8, 9), (20, 2))


def _start(path: Path, log) -> subprocess.Popen:
    # stderr to a file: with two pipes, communicate() reads the raw descriptors and would
    # miss what readline() below already buffered.
    return subprocess.Popen([sys.executable, "-c", CHILD, str(path)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=log, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})


def _kill_at(child: subprocess.Popen, k: int, j: int) -> list[str]:
    """Let ``child`` commit ``k`` reviews and SIGKILL it at the ``j``-th SQL step after;
    the ids it printed."""
    ids: list[str] = []
    steps = 0
    for line in child.stdout:
        line = line.strip()
        if line != "sql":
            ids.append(line)
        elif len(ids) >= k:
            if steps == j:
                child.send_signal(signal.SIGKILL)  # paused inside the next review
                break
            steps += 1
        child.stdin.write("\n")
        child.stdin.flush()
    child.wait(timeout=60)
    return ids


@pytest.mark.slow  # about 3 s: four interpreters start and write a few dozen reviews
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_mid_session_loses_no_committed_review(tmp_path):
    paths = [tmp_path / f"crash{i}.sqlite3" for i in range(len(KILLS))]
    logs = [open(tmp_path / f"crash{i}.log", "wb") for i in range(len(KILLS))]  # noqa: SIM115
    children = [_start(p, log) for p, log in zip(paths, logs, strict=True)]  # start together
    reported = []
    try:
        for child, (k, j) in zip(children, KILLS, strict=True):
            reported.append(set(_kill_at(child, k, j)))
            assert child.returncode == -signal.SIGKILL, (k, j, child.returncode)
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
            child.stdin.close()
            child.stdout.close()
        for log in logs:
            log.close()

    for path, ids, (k, _) in zip(paths, reported, KILLS, strict=True):
        assert len(ids) == k
        store = Store(path)
        try:
            assert store.integrity_check() == "ok", k
            stored = {r["uid"] for r in store.query("SELECT uid FROM review_log")}
            missing = ids - stored
            assert not missing, f"k={k}: {len(missing)} committed reviews lost"
            # At most the one review in flight may be stored without having been printed.
            assert len(stored) - len(ids) <= 1, k
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
