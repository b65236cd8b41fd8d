"""The reference's answer to a user's own Run input, computed in a worker process with a
CPU budget, a memory cap and a wall guard (exercises/reference_worker.py), so that no input
can hold the web server. Every limit is hit by a reference that could never finish within
it (an endless loop, an endless wait, an 80 GB array), so no test depends on the machine's
speed."""

from __future__ import annotations

import os
import threading

import numpy as np
import pytest

from mlinterview.exercises import judge as J
from mlinterview.exercises import reference_worker as rw
from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec


def _reference(what, value=0):
    """What each test's reference does with its input, by name."""
    if what == "pid":
        return os.getpid()
    if what == "double":
        return 2 * np.asarray(value, dtype=float)
    if what == "spin":
        while True:  # an endless loop: only the CPU budget ends it
            value += 1
    if what == "block":
        threading.Event().wait()  # blocked forever, no CPU used: only the wall guard ends it
    if what == "allocate":
        return np.ones(10**10)  # 80 GB
    if what == "exit":
        os._exit(3)
    if what == "huge answer":
        return np.zeros(5 * 2**20)  # 40 MB
    if what == "swallow":
        try:
            while True:
                value += 1
        except Exception:  # a reference's own broad except must not stop the budget
            return "swallowed"
    raise ValueError(f"what: expected a known behaviour, got {what!r}")


def resolve(key):
    """The worker's spec lookup in these tests (imported by name in the spawned worker)."""
    if key == "missing":
        raise KeyError(key)
    return ExerciseSpec(function="f", compare=AllClose(), fixed=lambda: [Case(("pid",))],
                        reference=_reference)


@pytest.fixture(scope="module")
def pool():
    workers = rw.ReferencePool(1, resolve=resolve, cpu_seconds=0.5, headroom_mb=256)
    yield workers
    workers.close()


def ask(pool, *args):
    return pool.expected("test", Case(args))


def test_the_reference_runs_in_another_process_that_is_reused(pool):
    first = ask(pool, "pid")
    assert first != os.getpid()
    assert ask(pool, "pid") == first
    np.testing.assert_array_equal(ask(pool, "double", [1, 2.5]), [2.0, 5.0])


@pytest.mark.parametrize(("what", "kind"), [
    ("spin", "time"), ("swallow", "time"), ("allocate", "memory"),
    ("huge answer", "large"), ("exit", "crashed"),
])
def test_a_reference_that_cannot_answer_is_stopped_and_the_next_input_works(pool, what,
                                                                            kind):
    with pytest.raises(rw.ReferenceFailed) as failed:
        ask(pool, what)
    assert failed.value.kind == kind
    if what == "exit":
        assert failed.value.detail == "exit code 3"
    np.testing.assert_array_equal(ask(pool, "double", 4), 8.0)


def test_a_reference_blocked_outside_the_interpreter_is_killed_by_the_wall_guard():
    # Waiting on an event nobody sets uses no CPU, so the CPU alarm never fires: the guard
    # from outside ends it. (A guard of 1 s here, against a wait that never ends; the
    # default is 40 s.)
    workers = rw.ReferencePool(1, resolve=resolve, cpu_seconds=0.5, guard=1.0)
    try:
        with pytest.raises(rw.ReferenceFailed) as failed:
            ask(workers, "block")
        assert (failed.value.kind, failed.value.detail) == ("time", "blocked past the "
                                                            "wall-clock guard")
        assert not workers._idle, "the blocked worker was killed, not kept"
    finally:
        workers.close()


def test_a_refusal_names_the_exception(pool):
    with pytest.raises(rw.ReferenceFailed) as failed:
        ask(pool, "nonsense")
    assert (failed.value.kind, failed.value.error) == ("refused", "ValueError")
    assert "got 'nonsense'" in failed.value.detail


def test_an_exercise_the_worker_cannot_load_is_our_error_not_the_users(pool):
    with pytest.raises(RuntimeError, match="could not load 'missing': KeyError"):
        pool.expected("missing", Case(("pid",)))
    assert ask(pool, "double", 1) == 2.0


def test_the_pool_refuses_a_size_below_one():
    with pytest.raises(ValueError, match="size: expected at least 1 worker, got 0"):
        rw.ReferencePool(0)


@pytest.mark.parametrize(("failure", "words"), [
    (rw.ReferenceFailed("time"), "did not finish on your input within its 5 s of CPU"),
    (rw.ReferenceFailed("memory"), "needs more than 1024 MB for your input"),
    (rw.ReferenceFailed("large"), "larger than 32 MB"),
    (rw.ReferenceFailed("crashed", "", "signal 9"), "stopped on your input (signal 9)"),
    (rw.ReferenceFailed("refused", "ValueError", "reference() takes 2 arguments\nmore"),
     "not valid for this function: ValueError: f() takes 2 arguments"),
])
def test_each_failure_is_told_to_the_user_in_words(failure, words):
    spec = ExerciseSpec(function="f", compare=AllClose(), fixed=lambda: [],
                        reference=_named_reference)
    assert words in J._reference_failure(spec, failure)


def _named_reference(*args):
    return 0


_named_reference.__name__ = "reference"


@pytest.mark.slow
def test_a_registered_exercise_s_reference_is_stopped_on_an_endless_input():
    # Horn–Schunck with 10^12 iterations: the reference would run for days. The judge
    # answers with InvalidInput after the reference's CPU budget, and Run never starts.
    from mlinterview import exercises

    exercise = exercises.get("optical-flow/horn-schunck")
    zeros, ones = np.zeros((2, 2)), np.ones((2, 2))
    with pytest.raises(J.InvalidInput, match="did not finish on your input within its 5 s"):
        J.run_examples(exercise.spec, exercise.solution, Case((zeros, ones, 1.0, 10**12)),
                       arg_names=exercise.arg_names, exercise_id=exercise.id)
    result = J.run_examples(exercise.spec, exercise.solution, Case((zeros, ones, 1.0, 3)),
                            arg_names=exercise.arg_names, exercise_id=exercise.id)
    assert result.ok and result.cases[-1].label == "your input"
