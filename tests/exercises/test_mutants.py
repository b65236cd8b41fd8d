"""The mutation check: each operator makes the mutants it should, mutants are classified as
the judge would judge them, and (the CI gate) every exercise's cases reject at least 90% of
the mutants of its reference that change an output."""

import ast
import importlib.util
import json
import textwrap
from pathlib import Path

import numpy as np
import pytest

from mlinterview import exercises
from mlinterview.exercises import mutation as M
from mlinterview.exercises.spec import AllClose, Case, Custom, ExerciseSpec, Limits


def code(text: str) -> str:
    """``text`` as ast.unparse writes it (the form of every mutant's source)."""
    return ast.unparse(ast.parse(textwrap.dedent(text)))


def made(source: str, operator: str) -> set[str]:
    """The sources of the mutants ``operator`` makes of ``source``."""
    return {m.source for m in M.mutants(textwrap.dedent(source)) if m.operator == operator}


# ---------------------------------------------------------------------------------------
# The operators, one small function each
# ---------------------------------------------------------------------------------------


def test_flip_comparison():
    source = """
    def f(a, b, c):
        return a < b, a >= b, a == b, c is None, a in c
    """
    assert made(source, "flip-comparison") == {
        code("def f(a, b, c):\n return a <= b, a >= b, a == b, c is None, a in c"),
        code("def f(a, b, c):\n return a < b, a > b, a == b, c is None, a in c"),
        code("def f(a, b, c):\n return a < b, a >= b, a != b, c is None, a in c"),
        code("def f(a, b, c):\n return a < b, a >= b, a == b, c is not None, a in c"),
        code("def f(a, b, c):\n return a < b, a >= b, a == b, c is None, a not in c"),
    }


def test_flip_comparison_in_a_chain_flips_one_operator_at_a_time():
    assert made("def f(a, b, c):\n    return a < b <= c\n", "flip-comparison") == {
        code("def f(a, b, c):\n return a <= b <= c"),
        code("def f(a, b, c):\n return a < b < c"),
    }


def test_off_by_one_on_constants_slice_bounds_and_range_arguments():
    source = """
    def f(x, n):
        for i in range(n):
            x = x[n:len(x) - 2]
        return x
    """
    assert made(source, "off-by-one") == {
        code("def f(x, n):\n for i in range(n + 1):\n  x = x[n:len(x) - 2]\n return x"),
        code("def f(x, n):\n for i in range(n - 1):\n  x = x[n:len(x) - 2]\n return x"),
        code("def f(x, n):\n for i in range(n):\n  x = x[n + 1:len(x) - 2]\n return x"),
        code("def f(x, n):\n for i in range(n):\n  x = x[n - 1:len(x) - 2]\n return x"),
        code("def f(x, n):\n for i in range(n):\n  x = x[n:len(x) - 2 + 1]\n return x"),
        code("def f(x, n):\n for i in range(n):\n  x = x[n:len(x) - 2 - 1]\n return x"),
        code("def f(x, n):\n for i in range(n):\n  x = x[n:len(x) - 3]\n return x"),
        code("def f(x, n):\n for i in range(n):\n  x = x[n:len(x) - 1]\n return x"),
    }


def test_off_by_one_leaves_bools_and_axis_arguments_to_their_own_operators():
    source = "def f(x):\n    return x.sum(axis=0, keepdims=True)\n"
    assert made(source, "off-by-one") == set()
    assert made(source, "replace-axis") == {code("def f(x):\n return x.sum(axis=1, keepdims=True)")}
    assert made(source, "replace-constant") == {
        code("def f(x):\n return x.sum(axis=0, keepdims=False)")}


def test_replace_axis_swaps_the_first_two_and_the_last_two():
    source = "def f(x):\n    return x.sum(axis=1) + x.max(axis=-1) + x.min(axis=-2)\n"
    assert made(source, "replace-axis") == {
        code("def f(x):\n return x.sum(axis=0) + x.max(axis=-1) + x.min(axis=-2)"),
        code("def f(x):\n return x.sum(axis=1) + x.max(axis=-2) + x.min(axis=-2)"),
        code("def f(x):\n return x.sum(axis=1) + x.max(axis=-1) + x.min(axis=-1)"),
    }


def test_swap_operands_of_non_commutative_operators_only():
    source = "def f(a, b):\n    return (a - b, a / b, a @ b, a ** b, a // b, a % b, a + b, a * b)\n"
    swapped = made(source, "swap-operands")
    assert swapped == {
        code("def f(a, b):\n return (b - a, a / b, a @ b, a ** b, a // b, a % b, a + b, a * b)"),
        code("def f(a, b):\n return (a - b, b / a, a @ b, a ** b, a // b, a % b, a + b, a * b)"),
        code("def f(a, b):\n return (a - b, a / b, b @ a, a ** b, a // b, a % b, a + b, a * b)"),
        code("def f(a, b):\n return (a - b, a / b, a @ b, b ** a, a // b, a % b, a + b, a * b)"),
        code("def f(a, b):\n return (a - b, a / b, a @ b, a ** b, b // a, a % b, a + b, a * b)"),
        code("def f(a, b):\n return (a - b, a / b, a @ b, a ** b, a // b, b % a, a + b, a * b)"),
    }


def test_swapping_equal_operands_makes_no_mutant():
    assert made("def f(a):\n    return a - a\n", "swap-operands") == set()


def test_replace_arithmetic_in_expressions_and_augmented_assignments():
    source = """
    def f(a, b):
        a += b
        return a * b
    """
    assert made(source, "replace-arithmetic") == {
        code("def f(a, b):\n a -= b\n return a * b"),
        code("def f(a, b):\n a += b\n return a / b"),
    }


def test_drop_term():
    assert made("def f(a, b, c):\n    return a + b - c\n", "drop-term") == {
        code("def f(a, b, c):\n return a + b"),       # a + b - c → a + b
        code("def f(a, b, c):\n return a - c"),       # a + b → a
        code("def f(a, b, c):\n return b - c"),       # a + b → b
    }


def test_negate_condition_of_if_while_ternary_and_filter():
    source = """
    def f(xs, k):
        while k > 0 and xs:
            k = k - 1 if not xs[0] else k - 2
            xs = [x for x in xs if x]
        return k
    """
    assert made(source, "negate-condition") == {
        code("def f(xs, k):\n while not (k > 0 and xs):\n  k = k - 1 if not xs[0] else k - 2\n"
             "  xs = [x for x in xs if x]\n return k"),
        code("def f(xs, k):\n while k > 0 and xs:\n  k = k - 1 if xs[0] else k - 2\n"
             "  xs = [x for x in xs if x]\n return k"),
        code("def f(xs, k):\n while k > 0 and xs:\n  k = k - 1 if not xs[0] else k - 2\n"
             "  xs = [x for x in xs if not x]\n return k"),
    }


def test_negating_an_equality_is_left_to_the_flip():
    # `not a == b` is `a != b`: one mutant, named a flipped comparison.
    source = "def f(a, b):\n    if a == b:\n        return 1\n    return 2\n"
    assert made(source, "negate-condition") == set()
    assert code("def f(a, b):\n if a != b:\n  return 1\n return 2") \
        in made(source, "flip-comparison")


def test_replace_constant():
    source = "def f(x):\n    return x * 1.0 + 0.0 + 2.5, True\n"
    assert made(source, "replace-constant") == {
        code("def f(x):\n return x * 0.0 + 0.0 + 2.5, True"),
        code("def f(x):\n return x * 1.0 + 1.0 + 2.5, True"),
        code("def f(x):\n return x * 1.0 + 0.0 + 2.5, False"),
    }


def test_an_int_zero_to_one_is_one_mutant_named_off_by_one():
    found = M.mutants("def f(x):\n    return x[0]\n")
    assert [(m.operator, m.source) for m in found] == [
        ("off-by-one", code("def f(x):\n return x[1]")),
        ("off-by-one", code("def f(x):\n return x[-1]")),
    ]


def test_annotations_are_not_mutated():
    source = "from typing import Literal\ndef f(a: Literal[3]) -> Literal[0]:\n    return a\n"
    assert M.mutants(source) == []


def test_a_mutant_says_what_changed_where():
    found = M.mutants("def f(a, b):\n\n    return 2 * a - b\n")
    swap = next(m for m in found if m.operator == "swap-operands")
    assert (swap.line, swap.col, swap.description) == (3, 11, "2 * a - b → b - 2 * a")
    # A lone constant is shown with the expression around it.
    two = next(m for m in found if m.operator == "off-by-one")
    assert two.description == "2 * a → 3 * a"


def test_mutants_are_distinct_ordered_and_differ_from_the_original():
    source = textwrap.dedent("""
        def f(x, n):
            total = 0
            for i in range(1, n):
                if x[i] > x[i - 1]:
                    total += x[i] - x[i - 1]
            return total
        """)
    found = M.mutants(source)
    sources = [m.source for m in found]
    assert len(set(sources)) == len(sources) and code(source) not in sources
    assert [(m.line, m.col) for m in found] == sorted((m.line, m.col) for m in found)
    assert {m.operator for m in found} >= {"off-by-one", "flip-comparison", "swap-operands",
                                          "replace-arithmetic", "drop-term", "negate-condition"}
    assert M.mutants(source) == found  # the same run to run


def test_sample_is_a_fixed_subset_in_order():
    found = M.mutants("def f(a, b, c, d):\n    return a - b + c - d * 2 + 1\n")
    assert len(found) > 10
    picked = M.sample(found, cap=5, seed=3)
    assert len(picked) == 5 and picked == M.sample(found, cap=5, seed=3)
    assert [found.index(m) for m in picked] == sorted(found.index(m) for m in picked)
    assert M.sample(found, cap=None) == found == M.sample(found, cap=len(found))


# ---------------------------------------------------------------------------------------
# Classification on a toy exercise, in this process
# ---------------------------------------------------------------------------------------

# n * x + 1e-10 x + 1e-14 x, written as a loop: a judge tolerance of 1e-9 relative cannot
# see the 1e-10 term (so dropping it survives); dropping the 1e-14 term is rounding.
TOY = """
def scale(x, n):
    if n < 0:
        raise ValueError("n must be >= 0")
    total = 0.0
    i = 0
    while i < n:
        total += x
        i += 1
    return total + 1e-10 * x + 1e-14 * x
"""
TOY_SPEC = ExerciseSpec(
    function="scale",
    compare=AllClose(rtol=1e-9, atol=0.0),
    fixed=lambda: [Case((1.5, 2)), Case((2.0, 3)), Case((0.25, 4)),
                   Case((1.0, -1), raises="ValueError", note="negative n")],
    reference=lambda x, n: n * x + 1e-10 * x + 1e-14 * x,
    limits=Limits(cpu_seconds=5),
)


@pytest.fixture(scope="module")
def toy_outcomes():
    """Outcome of every mutant of TOY, by its description (budget 0.2 s of CPU per case)."""
    outcomes = M.classify(TOY_SPEC, TOY, M.mutants(TOY), budget=0.2)
    return {o.mutant.description: o for o in outcomes}


@pytest.mark.parametrize("description, status, why", [
    # No case has n == 0, and n = -1 still raises: the same output everywhere.
    ("n < 0 → n <= 0", M.EQUIVALENT, "the reference's output"),
    ("n < 0 → n < 1", M.EQUIVALENT, "the reference's output"),
    # n = -1 no longer raises: the judge wanted a ValueError.
    ("n < 0 → n < -1", M.KILLED, "expected the call to raise ValueError"),
    # Raises on every n >= 0.
    ("n < 0 → not n < 0", M.KILLED, "raised ValueError"),
    ("total += x → total -= x", M.KILLED, "case 1"),
    ("i < n → i <= n", M.KILLED, "case 1"),
    # i goes down forever: stopped by the CPU budget.
    ("i += 1 → i -= 1", M.KILLED, "ran over its budget"),
    # Changes the output by 1e-10 relative, inside the judge's 1e-9.
    ("total + 1e-10 * x → total", M.SURVIVED, "accepted, though the output changed (max |diff|"),
    # Changes it by 1e-14 relative: rounding, not counted.
    ("total + 1e-10 * x + 1e-14 * x → total + 1e-10 * x", M.ROUNDING, "rounding only"),
    ("total + 1e-10 * x + 1e-14 * x → 1e-14 * x", M.KILLED, "case 1"),
])
def test_toy_mutant_is_classified(toy_outcomes, description, status, why):
    outcome = toy_outcomes[description]
    assert outcome.status == status, outcome.reason
    assert why in outcome.reason


def test_toy_score_counts_killed_and_survived_only(toy_outcomes):
    outcomes = tuple(toy_outcomes.values())
    report = M.Report("toy", len(outcomes), outcomes, 0.0)
    counts = {s: sum(o.status == s for o in outcomes) for s in
              (M.EQUIVALENT, M.ROUNDING, M.KILLED, M.SURVIVED)}
    assert sum(counts.values()) == len(outcomes)
    assert report.score == counts[M.KILLED] / (counts[M.KILLED] + counts[M.SURVIVED])
    assert [o.mutant.description for o in report.survivors] == [
        d for d, o in toy_outcomes.items() if o.status == M.SURVIVED]


def test_each_call_gets_its_own_copy_of_the_inputs():
    # Both cases hold the same list, and the reference writes into it: were the inputs not
    # copied per call (as the judge's child unpickles them), case 2 would see 0.0 and the
    # reference itself would be rejected.
    shared = [1.0, 2.0]
    spec = ExerciseSpec(function="head", compare=AllClose(),
                        fixed=lambda: [Case((shared,)), Case((shared,))],
                        reference=lambda xs: xs[0])
    reference = "def head(xs):\n    value = xs[0]\n    xs[0] = 0.0\n    return value\n"
    assert M.classify(spec, reference, []) == []


def test_a_custom_check_that_accepts_another_answer_lets_it_survive():
    # Any index of the maximum is right: a mutant that returns the last one survives.
    spec = ExerciseSpec(
        function="argmax",
        compare=Custom(lambda case, expected, got: None if case.args[0][got]
                       == max(case.args[0]) else "not a maximum"),
        fixed=lambda: [Case(([3, 1, 3],)), Case(([0, 5],))],
        reference=lambda xs: xs.index(max(xs)))
    reference = textwrap.dedent("""
        def argmax(xs):
            best = 0
            for i in range(1, len(xs)):
                if xs[i] > xs[best]:
                    best = i
            return best
        """)
    outcomes = {o.mutant.description: o for o in M.classify(spec, reference,
                                                            M.mutants(reference))}
    assert outcomes["xs[i] > xs[best] → xs[i] >= xs[best]"].status == M.SURVIVED
    assert outcomes["xs[i] > xs[best] → not xs[i] > xs[best]"].status == M.KILLED


def test_a_mutant_that_allocates_too_much_is_killed():
    spec = ExerciseSpec(function="zeros", compare=AllClose(),
                        fixed=lambda: [Case((1000,))], reference=lambda n: np.zeros(n))
    reference = "import numpy as np\ndef zeros(n):\n    return np.zeros(n ** 1)\n"
    # 1000**5 float64s are 8 PB: MemoryError on any machine, a memory limit in the judge.
    greedy = M.Mutant("by hand", 3, 0, "n ** 1 → n ** 5", reference.replace("** 1", "** 5"))
    outcome, = M.classify(spec, reference, [greedy])
    assert outcome.status == M.KILLED and "ran out of memory" in outcome.reason


def test_a_reference_the_judge_rejects_is_an_error():
    with pytest.raises(M.MutationError, match="not accepted"):
        M.classify(TOY_SPEC, TOY.replace("total += x", "total += 2 * x"), [])


# ---------------------------------------------------------------------------------------
# The worker process: crashes and hangs the CPU alarm cannot stop
# ---------------------------------------------------------------------------------------

WORKER_EXERCISE = "l1-l2/soft-threshold-step"  # small cases: each run takes milliseconds


def test_worker_survives_a_crashing_mutant():
    solution = exercises.get(WORKER_EXERCISE).solution
    crash = "import os\nos.kill(os.getpid(), 9)\n" + solution
    results = M._run_in_worker(WORKER_EXERCISE, [solution, crash, solution])
    assert results[0][0] == M.EQUIVALENT and results[2][0] == M.EQUIVALENT
    assert results[1][0] == M.KILLED and "crashed the process (signal 9" in results[1][1]


def test_watchdog_stops_a_mutant_blocked_outside_the_interpreter():
    # Waiting on an event uses no CPU time, so only the wall-clock watchdog ends it.
    solution = exercises.get(WORKER_EXERCISE).solution
    blocked = "import threading\nthreading.Event().wait()\n" + solution
    results = M._run_in_worker(WORKER_EXERCISE, [blocked, solution], guard=1.0)
    assert results[0][0] == M.KILLED and "did not return within 1 s" in results[0][1]
    assert results[1][0] == M.EQUIVALENT  # the next mutant ran in a new worker


def test_judge_sources_gives_the_judge_s_cpu_limit_not_a_mutant_s_budget():
    # A right solution that spends 0.6 s of CPU on its first call (measured as CPU time,
    # so the same on any machine): over a mutant's budget on that small case (0.25 s plus
    # ten times the reference's time), well within the judge's limit for the whole run.
    solution = exercises.get(WORKER_EXERCISE).solution
    slow_on_call = solution.replace("):\n", "):\n    _burn()\n", 1) + (
        "\n\n_burned = []\n\n\ndef _burn():\n    import time\n    if not _burned:\n"
        "        _burned.append(1)\n        start = time.process_time()\n"
        "        while time.process_time() - start < 0.6:\n            pass\n")
    assert exercises.get(WORKER_EXERCISE).spec.limits.cpu_seconds >= 2
    wrong = exercises.get(WORKER_EXERCISE).wrong[0].source
    assert [s for s, _ in M.judge_sources(WORKER_EXERCISE, [slow_on_call, wrong])] \
        == [M.EQUIVALENT, M.KILLED]
    mutant_view = M._run_in_worker(WORKER_EXERCISE, [slow_on_call])
    assert mutant_view[0][0] == M.KILLED and "ran over its budget" in mutant_view[0][1]


def test_worker_reports_an_unknown_exercise():
    with pytest.raises(M.MutationError, match="UnknownExerciseError"):
        M._run_in_worker("no-such/exercise", ["x = 1\n"])


# ---------------------------------------------------------------------------------------
# tools/mutants.py
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tool():
    """``tools/mutants.py`` as a module (tools/ is not a package)."""
    path = Path(__file__).resolve().parents[2] / "tools" / "mutants.py"
    spec = importlib.util.spec_from_file_location("mutants_tool", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tool_prints_a_table_with_the_survivors(tool, capsys):
    code_ = tool.main([WORKER_EXERCISE, "--show-survivors", "--show-equivalent"])
    out = capsys.readouterr().out
    report = M.check(WORKER_EXERCISE)
    row = next(line for line in out.splitlines() if line.startswith(WORKER_EXERCISE))
    assert row.split()[1:6] == [f"{len(report.outcomes)}/{report.found}",
                                str(report.equivalent), str(report.rounding),
                                str(report.killed), str(report.survived)]
    assert code_ == (0 if report.score >= M.THRESHOLD else 1)
    for o in report.outcomes:
        if o.status in (M.SURVIVED, M.EQUIVALENT):
            assert o.mutant.description in out


def test_tool_json_lists_every_mutant(tool, capsys):
    assert tool.main([WORKER_EXERCISE, "--json", "--cap", "5"]) in (0, 1)
    data = json.loads(capsys.readouterr().out)
    (entry,) = data["exercises"]
    assert entry["exercise"] == WORKER_EXERCISE and entry["run"] == 5 == len(entry["outcomes"])
    assert sum(entry[s] for s in ("equivalent", "rounding", "killed", "survived")) == 5
    assert {o["status"] for o in entry["outcomes"]} <= {M.EQUIVALENT, M.ROUNDING, M.KILLED,
                                                         M.SURVIVED}


def test_tool_names_an_exercise_it_cannot_check_and_goes_on(tool, capsys, monkeypatch):
    real_check = M.check

    def check(exercise_id, **options):
        if exercise_id == "pca/pca-by-svd":
            raise M.MutationError("the reference solution is not accepted in process: ...")
        return real_check(exercise_id, **options)

    monkeypatch.setattr(M, "check", check)
    assert tool.main(["pca/pca-by-svd", WORKER_EXERCISE]) == 1
    out = capsys.readouterr().out
    assert "pca/pca-by-svd: not checked: the reference solution is not accepted" in out
    assert any(line.startswith(WORKER_EXERCISE + " ") for line in out.splitlines())


def test_tool_refuses_an_unknown_id_in_one_line(tool, capsys):
    assert tool.main(["l1-l2/soft-threshold-stp"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown exercise") and "did you mean" in err
    assert err.count("\n") == 1


# ---------------------------------------------------------------------------------------
# The gate: every registered exercise
# ---------------------------------------------------------------------------------------

EXERCISES = sorted(exercises.registry())

# Exercises measured below the bar, id -> "score (killed, survived): why". Each entry makes
# its gate an xfail(strict=True): reaching the bar turns the test red until the entry goes.
# Empty: imbalanced-data/smote (0.857) reached 0.905 with its coverage cases.
BELOW_BAR: dict[str, str] = {}
# More than ~3 s each on one core (measured): the dedup files and the 80 x 81 A* grid.
SLOW = {"dedup-out-of-core/first-occurrences-under-a-memory-cap", "search-planning/astar-grid"}


def _gate_params():
    for exercise_id in EXERCISES:
        marks = []
        if exercise_id in BELOW_BAR:
            marks.append(pytest.mark.xfail(strict=True, reason=BELOW_BAR[exercise_id]))
        if exercise_id in SLOW:
            marks.append(pytest.mark.slow)
        yield pytest.param(exercise_id, marks=marks, id=exercise_id)


@pytest.mark.parametrize("exercise_id", list(_gate_params()))
def test_cases_reject_the_mutants_of_the_reference(exercise_id):
    report = M.check(exercise_id)
    assert report.killed + report.survived > 0, "no mutant changes any output"
    survivors = "\n".join(f"  line {o.mutant.line} {o.mutant.operator}: "
                          f"{o.mutant.description}\n    {o.reason}" for o in report.survivors)
    assert report.score >= M.THRESHOLD, (
        f"{exercise_id}: {report.killed} of {report.killed + report.survived} output-changing "
        f"mutants rejected ({report.score:.3f} < {M.THRESHOLD}); add cases that catch:\n"
        f"{survivors}")


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_mutant_of_the_reference_compiles(exercise_id):
    # A mutant that failed to compile would count as killed and flatter the score.
    for mutant in M.mutants(exercises.get(exercise_id).solution):
        compile(mutant.source, "mutant.py", "exec")
