"""What ``mlinterview topics`` reads instead of importing or parsing gives the same answers:
demos found by their ``@demo`` lines are the registered ones, test functions counted by
their definition lines are the ones ast.walk finds, and the listing's report equals the
full one."""

import ast
import textwrap
from pathlib import Path

from mlinterview import coverage, demos, exercises

TESTS = Path(__file__).resolve().parent


def test_demos_by_reading_are_the_registered_demos():
    registered = {demo_id: spec.slug for demo_id, spec in demos.registry().items()}
    assert demos.ids_by_reading() == registered


def test_exercises_by_their_folders_are_the_registered_exercises():
    registered = list(exercises.registry())
    assert list(exercises.catalog()) == registered          # same order: slug, level, name
    assert exercises.ids() == tuple(sorted(registered))


def test_a_decorator_over_several_lines_with_brackets_in_its_strings():
    text = textwrap.dedent('''
        @demo("svm", title="Margins (hard vs soft) and C",
              name="margins")
        def f():
            pass
    ''')
    call = demos._decorator_call(text, text.index("@demo(") + 1)
    assert call.args[0].value == "svm" and call.keywords[-1].value.value == "margins"


def test_counting_test_definitions_by_reading_matches_the_syntax_tree():
    differ = []
    for path in sorted(TESTS.rglob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        walked = sum(isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
                     and node.name.startswith("test") for node in ast.walk(tree))
        read = coverage._count_tests((str(path.relative_to(coverage.REPO_ROOT)),))
        if read != walked:
            differ.append(f"{path.name}: {read} read, {walked} in the tree")
    assert not differ, differ


def test_the_listing_reports_what_the_full_report_does():
    assert coverage.report(import_all=False) == coverage.report()
