"""Demos for the web app run in worker processes: same page as in-process, at a lower
priority, and a worker that dies is reported and replaced, never waited on forever."""

from __future__ import annotations

import os
import signal

import pytest

from mlinterview.demos import _worker

pytestmark = pytest.mark.slow  # each test starts worker processes that import every demo

DEMO = "entropy"  # quick at its defaults


@pytest.fixture(scope="module")
def workers():
    pool = _worker.DemoWorkers(1)
    yield pool
    pool.shutdown()


def test_a_worker_renders_the_same_page_as_the_server_would(workers):
    params = (("p", 0.3),)
    here, there = _worker.render(DEMO, params), workers.run(DEMO, params)
    assert there["figures"] == here["figures"]  # the same SVG text, figure by figure
    assert there["table"].reproducible_rows() == here["table"].reproducible_rows()
    assert there["summary"] == here["summary"] and there["params"] == here["params"]


def test_workers_run_at_a_lower_priority(workers):
    # os.nice(0) reports a process's niceness; nice is relative to the server's own.
    assert workers._current().submit(os.nice, 0).result() == min(19, os.nice(0) + _worker.NICE)


def test_a_dead_worker_is_reported_then_replaced():
    pool = _worker.DemoWorkers(1)
    try:
        pool.run(DEMO, ())
        executor = pool._current()
        for process in list(executor._processes.values()):
            os.kill(process.pid, signal.SIGKILL)
            process.join()
        with pytest.raises(_worker.DemoCrashed, match=DEMO):
            pool.run(DEMO, ())
        assert pool.run(DEMO, ())["figures"]  # a fresh pool took over
    finally:
        pool.shutdown()


def test_workers_must_be_at_least_one():
    with pytest.raises(ValueError, match="workers"):
        _worker.DemoWorkers(0)


def test_a_run_past_its_cpu_budget_is_stopped_and_the_worker_serves_the_next():
    # energy-based-models computes for seconds at its defaults: far past 0.3 s of CPU.
    pool = _worker.DemoWorkers(1, cpu_seconds=0.3)
    try:
        pool.run(DEMO, ())
        pids = set(pool._current()._processes)
        with pytest.raises(_worker.DemoTooLong) as caught:
            pool.run("energy-based-models", ())
        assert str(caught.value) == (
            "demo 'energy-based-models' was stopped after 0.3 s of computing; these "
            "settings ask for more: lower the largest sizes, steps or rounds")
        assert pool.run(DEMO, ())["figures"]
        assert set(pool._current()._processes) == pids  # the same worker, not a new pool
    finally:
        pool.shutdown()


def test_a_demo_cannot_swallow_the_budget_with_except_exception(monkeypatch):
    # In this process: the budget interrupts a loop that catches every Exception.
    def stubborn(demo_id, params):
        while True:
            try:
                sum(range(10_000))
            except Exception:
                continue

    monkeypatch.setattr(_worker, "render", stubborn)
    with pytest.raises(_worker.DemoTooLong, match=r"after 0\.2 s"):
        _worker._budgeted(DEMO, (), 0.2)


def test_the_budget_must_be_positive():
    with pytest.raises(ValueError, match="cpu_seconds"):
        _worker.DemoWorkers(1, cpu_seconds=0)
