"""Hints, Run and Submit in a real browser (the system Chromium, Playwright, a live uvicorn
server; fixtures shared with test_browser.py): reveal a hint, run the code on one's own
input, submit a wrong then the right solution, see the walkthrough, keep notes and a star.
The same without JavaScript, where every button is a plain form button."""

from __future__ import annotations

import pytest
from test_browser import CHROMIUM, EXERCISE_DIR, browser, chromium, live_url, open_page
from web_helpers import EXERCISE, TOKEN

__all__ = ["browser", "chromium", "live_url"]  # fixtures, imported for pytest to find

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,  # a browser, a server and three judge runs
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is missing (make test installs it with apt)"),
]


def exercise_page(browser, live_url, **context_options):
    page = open_page(browser, **context_options)
    page.goto(f"{live_url}/?token={TOKEN}")
    page.goto(f"{live_url}/exercises/{EXERCISE}")
    return page


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_hint_run_submit_walkthrough_notes_and_star(browser, live_url, study, javascript):
    from mlinterview.exercises import get

    exercise = get(EXERCISE)
    page = exercise_page(browser, live_url, java_script_enabled=javascript)
    editor = page.get_by_test_id("editor")
    wrong = (EXERCISE_DIR / "wrong" / "micro_instead_of_macro.py").read_text()

    # A hint, revealed while code is in the editor: the code comes back untouched.
    editor.fill(wrong)
    page.get_by_test_id("notes").fill("typed before the hint")
    page.get_by_test_id("show-hint").click()
    assert page.get_by_test_id("hint").count() == 1
    assert f"Hint 1 of {len(exercise.hints)}" in page.get_by_test_id("hints").inner_text()
    assert page.get_by_test_id("editor").input_value() == wrong
    assert page.get_by_test_id("notes").input_value() == "typed before the hint"

    # Run with one's own input (worked by hand: precision 2/3, recall 1, F1 0.8).
    page.get_by_test_id("run-input").fill("[1, 0, 1], [1, 1, 1]")
    page.get_by_test_id("exercise-run").click()
    page.get_by_test_id("run-result").wait_for()
    cases = page.get_by_test_id("run-case")
    assert cases.count() == 4
    mine = cases.nth(3).inner_text()
    assert "Your input" in mine and "(0.6666666667, 1, 0.8)" in mine
    assert "nothing was stored" in page.get_by_test_id("run-result").inner_text()
    assert page.get_by_test_id("run-input").input_value() == "[1, 0, 1], [1, 1, 1]"
    assert study.attempts(EXERCISE) == []

    # Submit the wrong solution: k of n, the first failure; then the right one.
    page.get_by_test_id("exercise-submit").click()
    page.get_by_test_id("verdict").wait_for()
    assert page.get_by_test_id("verdict-name").inner_text() == "Wrong answer"
    assert " of " in page.get_by_test_id("verdict").inner_text()
    page.get_by_test_id("first-failure").wait_for()
    assert page.get_by_test_id("solved").count() == 0
    page.get_by_test_id("editor").fill((EXERCISE_DIR / "solution.py").read_text())
    page.get_by_test_id("exercise-submit").click()
    page.get_by_test_id("verdict").wait_for()
    assert page.get_by_test_id("verdict-name").inner_text() == "Accepted"

    # Accepted: attempts, best time, the walkthrough and the reference solution.
    solved = page.get_by_test_id("solved")
    assert "2 attempts" in solved.inner_text()
    assert page.get_by_test_id("best-time").inner_text() != "-"
    assert "Pitfalls." in page.get_by_test_id("walkthrough").inner_text()
    assert [a["hints_used"] for a in study.attempts(EXERCISE)] == [1, 1]

    # Notes (sent with the submission, so saved) and a star.
    assert page.get_by_test_id("notes").input_value() == "typed before the hint"
    page.get_by_test_id("notes").fill("macro: mean of per-class F1")
    page.get_by_test_id("save-notes").click()
    page.get_by_test_id("notes-saved").wait_for()
    page.get_by_test_id("star").click()
    page.get_by_test_id("starred-mark").wait_for()
    progress = study.exercise_state.progress(EXERCISE)
    assert progress.notes == "macro: mean of per-class F1" and progress.starred
    page.goto(f"{live_url}/exercises?starred=1")
    assert page.get_by_test_id("star-mark").count() == 1
    assert page.problems == []
