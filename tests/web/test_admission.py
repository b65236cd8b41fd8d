"""Bounded CPU-heavy work: at most N jobs run, a bounded queue waits, the rest get 503
with Retry-After, nothing submitted is lost, and identical demo requests compute once.
Synchronised on events and on the event loop's own turns, never on sleeps."""

from __future__ import annotations

import asyncio
import html
import re
import threading

import pytest
from web_helpers import EXERCISE, SLUG

from mlinterview import exercises
from mlinterview.web import admission
from mlinterview.web.admission import Admission, Busy, Load, OnceCache
from mlinterview.web.routes import demos as demo_routes


class Blocker:
    """A job that says when it started and returns only when released."""

    def __init__(self, value="done"):
        self.started = threading.Event()
        self.release = threading.Event()
        self.value = value

    def __call__(self):
        self.started.set()
        assert self.release.wait(timeout=60), "the test never released the job"
        return self.value


async def _turn():
    """Let every ready task run up to its next await (deterministic: no clock)."""
    for _ in range(3):
        await asyncio.sleep(0)


def test_queue_full_refuses_with_a_retry_delay_then_drains():
    async def scenario():
        jobs = Admission(slots=1, queue=1, typical_seconds=2.0)
        first, second = Blocker("first"), Blocker("second")
        running = asyncio.create_task(jobs.run(first))
        await asyncio.to_thread(first.started.wait)
        waiting = asyncio.create_task(jobs.run(second))
        await _turn()  # admitted synchronously: it now waits for the slot
        assert jobs.load() == Load(running=1, waiting=1, slots=1, queue=1)

        with pytest.raises(Busy) as refused:
            await jobs.run(lambda: "refused")
        # Two jobs ahead of it at the seeded mean of 2 s, shared by one slot.
        assert refused.value.retry_after == 4
        assert refused.value.load == Load(running=1, waiting=1, slots=1, queue=1)
        assert not second.started.is_set()  # the queue waits; it does not run

        first.release.set()
        assert await running == "first"
        await asyncio.to_thread(second.started.wait)
        assert jobs.load() == Load(running=1, waiting=0, slots=1, queue=1)
        second.release.set()
        assert await waiting == "second"
        assert await jobs.run(lambda: "accepted again") == "accepted again"
        assert jobs.load() == Load(running=0, waiting=0, slots=1, queue=1)

    asyncio.run(scenario())


def test_slots_run_side_by_side():
    async def scenario():
        jobs = Admission(slots=2, queue=0)
        a, b = Blocker("a"), Blocker("b")
        tasks = [asyncio.create_task(jobs.run(a)), asyncio.create_task(jobs.run(b))]
        # Both start although neither has finished: two slots.
        await asyncio.to_thread(a.started.wait)
        await asyncio.to_thread(b.started.wait)
        with pytest.raises(Busy):
            await jobs.run(lambda: None)
        a.release.set()
        b.release.set()
        assert await asyncio.gather(*tasks) == ["a", "b"]

    asyncio.run(scenario())


def test_a_failing_job_frees_its_slot():
    async def scenario():
        jobs = Admission(slots=1, queue=0)

        def boom():
            raise ZeroDivisionError("job failed")

        with pytest.raises(ZeroDivisionError):
            await jobs.run(boom)
        assert await jobs.run(lambda: 7) == 7

    asyncio.run(scenario())


@pytest.mark.parametrize("slots, queue, words", [
    (0, 1, "slots: expected at least 1"), (1, -1, "queue at least 0")])
def test_bad_bounds_are_refused_by_name(slots, queue, words):
    with pytest.raises(ValueError, match=words):
        Admission(slots=slots, queue=queue)


@pytest.mark.parametrize("value, words", [("two", "expected an integer"),
                                          ("0", "expected at least 1")])
def test_bad_environment_settings_name_the_variable(monkeypatch, value, words):
    monkeypatch.setenv("MLINTERVIEW_JOBS", value)
    with pytest.raises(ValueError, match=f"MLINTERVIEW_JOBS: {words}"):
        admission.default_slots()


# -- single flight ----------------------------------------------------------------------


def test_identical_concurrent_requests_compute_once():
    async def scenario():
        cache = OnceCache(maxsize=4)
        calls = []
        gate = asyncio.Event()

        async def compute():
            calls.append(1)
            await gate.wait()
            return {"figure": "svg"}

        readers = [asyncio.create_task(cache.get("k", compute)) for _ in range(5)]
        await _turn()  # all five are now waiting on the one computation
        assert len(calls) == 1
        gate.set()
        results = await asyncio.gather(*readers)
        assert all(r is results[0] for r in results)
        assert await cache.get("k", compute) is results[0] and len(calls) == 1
        assert cache.computed == 1

    asyncio.run(scenario())


def test_a_failed_computation_reaches_every_waiter_and_is_not_cached():
    async def scenario():
        cache = OnceCache()
        gate = asyncio.Event()
        attempts = []

        async def failing():
            attempts.append(1)
            await gate.wait()
            raise RuntimeError("demo failed")

        readers = [asyncio.create_task(cache.get("k", failing)) for _ in range(3)]
        await _turn()
        gate.set()
        results = await asyncio.gather(*readers, return_exceptions=True)
        assert [type(r) for r in results] == [RuntimeError] * 3 and len(attempts) == 1

        async def fine():
            return 1

        assert await cache.get("k", fine) == 1  # computed anew, not the cached failure

    asyncio.run(scenario())


def test_the_cache_keeps_the_most_recently_used():
    async def scenario():
        cache = OnceCache(maxsize=2)
        computed = []

        def value(key):
            async def compute():
                computed.append(key)
                return key
            return compute

        for key in ("a", "b", "a", "c", "a", "b"):
            await cache.get(key, value(key))
        # "a" stayed (used again before "c" came); "b" was evicted by "c", so computed twice.
        assert computed == ["a", "b", "c", "b"]

    asyncio.run(scenario())


# -- through the web app ----------------------------------------------------------------


@pytest.fixture
def full(app):
    """The app with one slot and no queue, the slot held by a job until the test ends."""
    jobs = app.state.admission = Admission(slots=1, queue=0, typical_seconds=3.0)
    holder = Blocker()
    thread = threading.Thread(target=lambda: asyncio.run(jobs.run(holder)))
    thread.start()
    assert holder.started.wait(timeout=60)
    yield jobs, holder, thread
    holder.release.set()
    thread.join()


def editor(page: str) -> str:
    found = re.search(r'<textarea[^>]*data-testid="editor">(.*?)</textarea>', page, re.S)
    assert found, "no editor on the page"
    return html.unescape(found.group(1))


def test_a_submission_to_a_busy_server_gets_503_keeps_the_code_and_is_stored(
        client, full, study):
    jobs, holder, thread = full
    code = "def precision_recall_f1(y_true, y_pred, average='binary'):\n    return 'mine'\n"
    r = client.post(f"/exercises/{EXERCISE}", data={"source": code})
    assert r.status_code == 503
    assert r.headers["retry-after"] == "3"  # one job ahead, 3 s typical, one slot
    assert r.headers["content-type"].startswith("text/html")
    assert 'data-testid="busy"' in r.text and "not judged" in r.text
    assert editor(r.text) == code

    stored = study.attempts(EXERCISE)
    assert [(a["verdict"], a["source"]) for a in stored] == [("not judged", code)]
    # Not judged says nothing about recall: the topic's card is not touched (a rejected
    # attempt would give it a state, due now).
    assert study.store.query("SELECT slug FROM card_state WHERE slug = ?", (SLUG,)) == []
    # The exercise page opens with the code again.
    assert editor(client.get(f"/exercises/{EXERCISE}").text) == code

    holder.release.set()  # the server drains: the same code is now judged
    thread.join()
    assert jobs.load() == Load(running=0, waiting=0, slots=1, queue=0)
    r = client.post(f"/exercises/{EXERCISE}", data={"source": code})
    assert r.status_code == 200 and 'data-testid="verdict"' in r.text
    latest = study.attempts(EXERCISE)[0]
    assert latest["verdict"] != "not judged" and latest["source"] == code
    assert study.store.query("SELECT slug FROM card_state WHERE slug = ?", (SLUG,)) != []


@pytest.fixture
def fake_demo(monkeypatch):
    """The demo route over a fresh cache, counting the runs of the real demo."""
    monkeypatch.setattr(demo_routes, "RESULTS", OnceCache())
    runs = []
    real = demo_routes.run_demo

    def counted(demo_id, params):
        runs.append(params)
        return real(demo_id, params)

    monkeypatch.setattr(demo_routes, "run_demo", counted)
    return runs


def test_a_demo_on_a_busy_server_gets_503_with_the_form_as_filled(client, full, fake_demo):
    r = client.get(f"/demos/{SLUG}", params={"threshold": "0.3"})
    assert r.status_code == 503 and r.headers["retry-after"] == "3"
    assert "server is busy" in html.unescape(r.text)
    assert 'data-testid="demo-form"' in r.text and 'value="0.3"' in r.text
    assert fake_demo == []


def test_a_demo_result_is_computed_once_per_parameters(client, fake_demo):
    params = {"threshold": "0.4"}
    first = client.get(f"/demos/{SLUG}", params=params)
    second = client.get(f"/demos/{SLUG}", params=params)
    assert first.status_code == second.status_code == 200
    assert len(fake_demo) == 1
    client.get(f"/demos/{SLUG}", params={"threshold": "0.6"})
    assert len(fake_demo) == 2


def test_unknown_exercise_is_still_a_404_when_busy(client, full):
    r = client.post("/exercises/nope/nothing", data={"source": "x = 1"})
    assert r.status_code == 404
    assert exercises.registry()  # the registry is intact
