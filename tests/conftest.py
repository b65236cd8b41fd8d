"""Shared fixtures. Every test gets its own data folder, so no test reads or writes the
user's real study database."""

from __future__ import annotations

import gc
import os
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, settings

from mlinterview.study import Study
from mlinterview.study.store import Store

# fuzz_tally: the fixture the fuzz tests count their inputs with, and the summary.
pytest_plugins = ["fuzz_tally"]

# No garbage collection while the suite is collected (see pytest_collection_finish): the
# collector walked a heap that only grows, again and again, for ~2.4 of the ~10 s each
# test process spends importing the test modules. What became garbage meanwhile is
# collected once, at the end of collection.
gc.disable()

# Property tests must not depend on the machine's speed or on luck: no per-example deadline
# and no "too slow" health check (both fire on a busy machine), and the same examples on
# every run (derandomize). HYPOTHESIS_PROFILE=explore searches new examples instead.
settings.register_profile("ci", deadline=None, derandomize=True, database=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("explore", deadline=None, derandomize=False,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_finish(session):
    """Move every object alive after collection (the library, NumPy, SciPy, torch, the
    collected tests) into the garbage collector's permanent generation.

    A full collection walks every tracked object; with ~10,000 collected tests and the
    scientific stack imported that is millions of objects, walked again each time a test
    allocates many objects (a million-node list took 4.6 s in the suite, 1.7 s alone).
    Frozen objects are never collected, and the ones alive now live to the end anyway.

    The youngest generation is then collected every 10,000 allocations instead of 700:
    tests allocate in bursts (arrays' wrappers, autograd graphs, parsed pages) that are
    freed by reference counting, and the frequent passes cost ~3% of the parity and
    library tests (115 -> 112 s, same peak memory).
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)
    gc.enable()


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory, monkeypatch):
    """``MLINTERVIEW_HOME`` points at a fresh temporary folder for each test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("MLINTERVIEW_HOME", str(home))
    return home


@pytest.fixture
def store(isolated_home):
    s = Store(isolated_home / "study.sqlite3")
    yield s
    s.close()


@pytest.fixture
def study(store):
    """A Study with fuzzing off, so intervals are reproducible."""
    service = Study(store)
    service.set_setting("fuzz", False)
    return service


@pytest.fixture
def now():
    """A fixed UTC moment for scheduling tests."""
    return datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


@pytest.fixture
def hidden_card(monkeypatch):
    """Hide the card of the first slug in content/index.yaml and return that slug: every
    slug has a card now, and the 'no card yet' paths still need one without."""
    from mlinterview import topics

    cards = dict(topics.all_topics())
    slug = next(iter(topics.load_index()[1]))
    cards.pop(slug)
    monkeypatch.setattr(topics, "all_topics", lambda: cards)
    monkeypatch.setattr(topics, "_one_card", lambda s: None)  # get_topic's one-card path
    return slug
