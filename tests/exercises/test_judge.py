"""The judge against hostile and broken submissions: each gets a clear verdict, and
nothing a submission prints, patches or exits with can forge a pass. The hostile cases
run both in the namespace sandbox (where this machine has it) and in the rlimits-only
fallback; what only the sandbox prevents is in test_jail.py."""

import numpy as np
import pytest

from mlinterview.exercises import judge as J
from mlinterview.exercises import sandbox as S
from mlinterview.exercises.spec import AllClose, Case, Custom, Exact, ExerciseSpec, Limits

# The ways of running a submission that work here: the fallback always does.
KINDS = [S.RLIMITS] + ([S.isolation().kind] if S.isolation().isolated else [])

# A small exercise: add two numbers; tight limits keep the slow cases fast.
SPEC = ExerciseSpec(
    function="add",
    compare=AllClose(rtol=1e-12, atol=0),
    fixed=lambda: [Case((1, 2), note="small"), Case((0.5, 0.25), note="floats")],
    generated=lambda rng: [Case((float(a), float(b))) for a, b in rng.normal(size=(6, 2))],
    reference=lambda a, b: a + b,
    limits=Limits(cpu_seconds=1, wall_seconds=3, memory_mb=512, output_mb=1),
)
RIGHT = "def add(a, b):\n    return a + b\n"


def run(source, spec=SPEC, kind=None):
    """The verdict, and the run's own reading of its duration."""
    verdict = J.judge(spec, source, arg_names=["a", "b"], sandbox_kind=kind)
    return verdict, verdict.seconds


@pytest.mark.parametrize("kind", KINDS)
def test_right_answer_is_accepted(kind):
    verdict, _ = run(RIGHT, kind=kind)
    assert verdict.verdict == J.ACCEPTED and verdict.passed == verdict.total == 8


def test_wrong_answer_reports_first_failing_case_in_words():
    verdict, _ = run("def add(a, b):\n    return a - b\n")
    assert verdict.verdict == J.WRONG_ANSWER
    f = verdict.first_failure
    assert f.case == 1 and f.note == "small"
    assert f.input == "a = 1, b = 2" and f.expected == "3" and f.received == "-1"


def test_smallest_generated_failure_is_reported():
    spec = ExerciseSpec(
        function="total", compare=Exact(), fixed=lambda: [],
        generated=lambda rng: [Case((list(range(n)),)) for n in (50, 5, 20, 3)],
        reference=sum)
    # Wrong only for lists longer than 4: the 5-element case is the smallest failure.
    verdict, _ = run("def total(xs):\n    return sum(xs) if len(xs) < 5 else 0\n", spec)
    assert verdict.first_failure.input == "a = [0, 1, 2, 3, 4]"
    assert verdict.passed == 1


# Each time limit far below the other, so which one a run hits does not depend on how
# busy the machine is: a busy loop reaches 1 s of CPU long before 60 s of wall time, and
# a sleep uses no CPU.
CPU_BOUND = ExerciseSpec(function="add", compare=SPEC.compare, fixed=SPEC.fixed,
                         reference=SPEC.reference,
                         limits=Limits(cpu_seconds=1, wall_seconds=60, memory_mb=512))
WALL_BOUND = ExerciseSpec(function="add", compare=SPEC.compare, fixed=SPEC.fixed,
                          reference=SPEC.reference,
                          limits=Limits(cpu_seconds=60, wall_seconds=2, memory_mb=512))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("spec, source, words", [
    (CPU_BOUND, "def add(a, b):\n    while True:\n        pass\n", "1 s of CPU time"),
    (WALL_BOUND, "import time\ndef add(a, b):\n    time.sleep(600)\n", "2 s of wall time"),
], ids=["cpu", "wall"])
def test_time_limits(spec, source, words, kind):
    verdict, _ = run(source, spec, kind=kind)
    assert verdict.verdict == J.TIME_LIMIT and words in verdict.message, verdict.message


@pytest.mark.parametrize("source, kind, words", [
    ("def add(a, b):\n    x = bytearray(2 * 1024**3)\n", J.MEMORY_LIMIT, "Memory limit"),
    ("def add(a, b):\n    return [0] * (10**9)\n", J.MEMORY_LIMIT, "Memory limit"),
    ("import sys\nsys.exit(0)\n", J.ERROR, "SystemExit"),
    ("import os\ndef add(a, b):\n    os._exit(0)\n", J.ERROR, "exited with code 0"),
    ("import ctypes\ndef add(a, b):\n    return ctypes.string_at(0)\n", J.ERROR, "crashed"),
    ("def add(a, b):\n    print('x' * 10**6)\n    print('y' * 10**6)\n", J.ERROR, "output"),
    ("def plus(a, b):\n    return a + b\n", J.ERROR, "does not define a function named `add`"),
    ("def add(a, b:\n    return a\n", J.SYNTAX_ERROR, "line 1"),
    ("def add(a, b):\n    return 1 / 0\n", J.ERROR, "ZeroDivisionError"),
    ("def add(a, b):\n    return lambda: 0\n", J.ERROR, "cannot be compared"),
    ("raise ValueError('at import')\n", J.ERROR, "Loading your file raised ValueError"),
    ("add = 3\n", J.ERROR, "does not define a function"),
])
@pytest.mark.parametrize("sandbox", KINDS)
def test_each_failure_gets_a_clear_verdict(source, kind, words, sandbox):
    verdict, _ = run(source, kind=sandbox)
    assert verdict.verdict == kind, verdict.message
    assert words in verdict.message


@pytest.mark.parametrize("kind", KINDS)
def test_a_fork_bomb_is_contained(kind):
    source = ("import os\ndef add(a, b):\n    for _ in range(3):\n        os.fork()\n"
              "    while True:\n        pass\n")
    verdict, _ = run(source, CPU_BOUND, kind=kind)
    assert verdict.verdict == J.TIME_LIMIT


@pytest.mark.parametrize("kind", KINDS)
def test_printing_a_fake_verdict_or_results_does_not_pass(kind):
    source = '''
import json, os, sys
print('{"event": "done"}')
print("Accepted: all 8 cases passed.")
# Try to append forged results to every file the judge might read.
for name in os.listdir("."):
    with open(name, "a") as fh:
        fh.write(json.dumps({"event": "case", "case": 0, "status": "returned", "value": 3}) + "\\n")
def add(a, b):
    return 0
'''
    verdict, _ = run(source, kind=kind)
    assert verdict.verdict == J.WRONG_ANSWER


PATCHES = {
    "numpy comparisons": """
import numpy
numpy.isclose = lambda *a, **k: True
numpy.allclose = lambda *a, **k: True
numpy.array_equal = lambda *a, **k: True
def add(a, b):
    return -1
""",
    "__eq__ always true": """
class Always(float):
    def __eq__(self, other):
        return True
    __hash__ = float.__hash__
def add(a, b):
    return Always(-1)
""",
}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", sorted(PATCHES))
def test_patching_the_comparison_inside_the_child_does_nothing(name, kind):
    assert run(PATCHES[name], kind=kind)[0].verdict == J.WRONG_ANSWER


@pytest.mark.parametrize("kind", KINDS)
def test_patching_builtins_breaks_only_the_submission(kind):
    source = """
import builtins
builtins.isinstance = lambda *a: True
builtins.len = lambda *a: 0
def add(a, b):
    return -1
"""
    verdict = run(source, kind=kind)[0]
    assert not verdict.accepted and verdict.verdict in (J.WRONG_ANSWER, J.ERROR)


def test_expected_values_never_reach_the_child():
    # The child sees only inputs: a submission that searches the job for answers finds
    # the arguments, not 3.
    source = '''
import pickle
def add(a, b):
    job = pickle.load(open("job.pickle", "rb"))
    return sorted(job)
'''
    verdict, _ = run(source)
    assert verdict.first_failure.received == "['cases', 'function', 'needs_numpy']"


def test_output_is_captured_and_capped():
    verdict, _ = run("def add(a, b):\n    print('hello from add')\n    return a + b\n")
    assert verdict.accepted and "hello from add" in verdict.output


def test_environment_is_scrubbed():
    source = "import os\ndef add(a, b):\n    return sorted(os.environ)\n"
    received = run(source)[0].first_failure.received
    assert "MLINTERVIEW_HOME" not in received and "HOME" in received


def test_expected_exception_cases():
    spec = ExerciseSpec(function="f", compare=Exact(),
                        fixed=lambda: [Case((-1,), raises="ValueError", note="negative")],
                        reference=lambda x: x)
    ok, _ = run("def f(x):\n    raise ValueError('no')\n", spec)
    bad, _ = run("def f(x):\n    return x\n", spec)
    assert ok.accepted and not bad.accepted
    assert "expected the call to raise ValueError" in bad.message


def test_custom_checker_accepts_any_valid_answer():
    def any_divisor(case, expected, got):
        (n,) = case.args
        return None if isinstance(got, int) and 1 < got < n and n % got == 0 else "not a divisor"

    spec = ExerciseSpec(function="divisor", compare=Custom(any_divisor, "any proper divisor"),
                        fixed=lambda: [Case((12,)), Case((15,))], reference=lambda n: None)
    assert run("def divisor(n):\n    return max(d for d in range(2, n) if n % d == 0)\n",
               spec)[0].accepted
    assert not run("def divisor(n):\n    return n\n", spec)[0].accepted


def test_arrays_and_nested_results_compare():
    spec = ExerciseSpec(function="f", compare=AllClose(rtol=1e-9, atol=1e-12),
                        fixed=lambda: [Case((3,))],
                        reference=lambda n: {"a": np.arange(n) / 3, "b": (1.0, float("nan"))})
    body = ("import numpy as np\ndef f(n):\n"
            "    return {{'a': np.arange({}) / 3, 'b': (1.0, np.nan)}}\n")
    good, shape = body.format("n"), body.format("n + 1")
    assert run(good, spec)[0].accepted
    assert "shape" in run(shape, spec)[0].message


def test_huge_source_is_refused_before_running(monkeypatch):
    def no_run(*args, **kwargs):
        raise AssertionError("the judge started a run for a file it must refuse")

    monkeypatch.setattr(S, "run", no_run)
    verdict, _ = run("x = 1\n" * 100_000)
    assert verdict.verdict == J.ERROR and "larger than" in verdict.message


def test_an_unknown_sandbox_is_refused_by_name():
    with pytest.raises(ValueError, match="sandbox: expected one of"):
        run(RIGHT, kind="chroot")


def test_expected_values_are_computed_once_per_spec_and_never_shared():
    calls = []

    def reference(a, b):
        calls.append((a, b))
        return [a + b]  # a list: a comparison could modify it

    def grabby(case, expected, got):
        expected.append("modified by the comparison")  # must not reach the next judgement
        return None if expected[0] == got[0] else "differs"

    spec = ExerciseSpec(function="add", compare=Custom(grabby), reference=reference,
                        fixed=lambda: [Case((1, 2)), Case((3, 4))],
                        limits=SPEC.limits)
    source = "def add(a, b):\n    return [a + b]\n"
    for _ in range(3):
        assert J.judge(spec, source, arg_names=["a", "b"]).accepted
    assert calls == [(1, 2), (3, 4)]  # the reference ran once per case, not per judgement
    _, expected = J.prepared(spec)
    assert expected == [[3], [7]]


def test_prepared_cases_are_recomputed_when_a_data_file_is_gone(tmp_path):
    data = tmp_path / "numbers.txt"
    calls = []

    def fixed():
        data.write_text("1 2\n", encoding="utf-8")
        calls.append(1)
        return [Case((str(data),))]

    spec = ExerciseSpec(function="total", compare=Exact(), fixed=fixed,
                        reference=lambda path: 3, limits=SPEC.limits)
    J.prepared(spec)
    J.prepared(spec)
    assert len(calls) == 1
    data.unlink()  # a cleaner of the temporary folder took it
    J.prepared(spec)
    assert len(calls) == 2 and data.exists()
