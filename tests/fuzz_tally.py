"""Counting what the fuzz tests tried, so `make test` can say "N inputs over M targets".

A plugin loaded by the root conftest (``pytest_plugins``): under pytest-xdist only the
controller prints the summary, and the controller loads the root conftest but never a
conftest of a subfolder, which it does not collect.

A fuzz test takes the ``fuzz_tally`` fixture and calls it once per input it tried::

    def test_fit_rejects_hostile_input(fuzz_tally, ...):
        ...
        fuzz_tally("estimator", "LogisticRegression.fit")

The counts travel with the test's report (``user_properties``), so they reach the
controller under pytest-xdist too; the terminal summary adds them up by kind (estimator,
metric, cli, route) and lists the targets whose tests failed as crashes.
"""

from __future__ import annotations

from collections import Counter

import pytest

_KEY = "fuzz-tally"
_inputs: Counter[tuple[str, str]] = Counter()
_failed: set[tuple[str, str]] = set()
_failed_nodes: set[str] = set()


@pytest.fixture
def fuzz_tally(request):
    """``fuzz_tally(kind, target, n=1)``: record ``n`` more inputs tried on ``target``."""
    counts: Counter[tuple[str, str]] = Counter()

    def tally(kind: str, target: str, n: int = 1) -> None:
        counts[(kind, target)] += n

    yield tally
    request.node.user_properties.append((_KEY, [[k, t, n] for (k, t), n in counts.items()]))


def pytest_runtest_logreport(report):
    # The tally is attached at the fixture's teardown, so only the teardown report has it;
    # a failure of the call phase is remembered by node id until then.
    if report.failed and report.when == "call":
        _failed_nodes.add(report.nodeid)
    if report.when != "teardown":
        return
    for key, value in report.user_properties:
        if key != _KEY:
            continue
        for kind, target, n in value:
            _inputs[(kind, target)] += n
            if report.nodeid in _failed_nodes:
                _failed.add((kind, target))


def pytest_terminal_summary(terminalreporter):
    if not _inputs:
        return
    kinds = sorted({kind for kind, _ in _inputs})
    terminalreporter.section("fuzzing")
    for kind in kinds:
        targets = {t for k, t in _inputs if k == kind}
        total = sum(n for (k, _), n in _inputs.items() if k == kind)
        crashes = sum(1 for k, _ in _failed if k == kind)
        terminalreporter.write_line(
            f"{kind}: {total} inputs over {len(targets)} targets, {crashes} crashing")
    total = sum(_inputs.values())
    terminalreporter.write_line(
        f"all: {total} inputs over {len(_inputs)} targets, {len(_failed)} crashing")
