"""A mock interview in a real browser (the system Chromium, Playwright, a live uvicorn
server; fixtures shared with test_browser.py): start a 10-minute interview, answer a
question, close the page, come back to /mock at the same step, finish with the exercise
judged and read the report; then the start page on a phone without JavaScript."""

from __future__ import annotations

import re

import pytest
from test_browser import CHROMIUM, browser, chromium, live_url, no_horizontal_scroll, open_page
from web_helpers import EXERCISE, SLUG, TOKEN

from mlinterview import exercises
from mlinterview.practice import Practice
from mlinterview.practice.mock import MockSession
from mlinterview.topics import get_topic

__all__ = ["browser", "chromium", "live_url"]  # fixtures, imported for pytest to find

PHONE = {"width": 375, "height": 812}

pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is missing (make test installs it with apt)"),
]


def answer_and_tick_all(page, text: str) -> None:
    page.get_by_test_id("answer-text").fill(text)
    page.get_by_test_id("answer-submit").click()
    page.get_by_test_id("compare-form").wait_for()
    boxes = page.locator("input[type=checkbox][name^=tick-]")
    for i in range(boxes.count()):
        boxes.nth(i).check()
    page.get_by_test_id("grade-submit").click()


def reopen(page):
    """Close ``page`` and open another in its context (the token cookie kept), recording
    its problems in the same list as open_page does."""
    context, problems = page.context, page.problems
    page.close()
    page = context.new_page()
    page.problems = problems
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    return page


def test_a_mock_interview_survives_a_closed_tab(browser, live_url, study):
    page = open_page(browser)
    page.goto(f"{live_url}/?token={TOKEN}")
    page.get_by_test_id("nav-mock").click()
    page.get_by_test_id("mock-minutes").fill("10")
    page.get_by_test_id("mock-topics").fill(SLUG)
    page.get_by_test_id("mock-seed").fill("5")
    page.get_by_test_id("mock-start").click()

    countdown = page.get_by_test_id("mock-countdown")
    assert countdown.inner_text().endswith(" to go")
    first = countdown.inner_text()
    # The script makes the server's countdown tick (it changes within a second or two).
    page.wait_for_function(
        "t => document.querySelector('[data-testid=mock-countdown]').textContent !== t",
        arg=first)
    assert page.get_by_test_id("mock-progress").inner_text().startswith("Step 1 of 2")
    assert get_topic(SLUG).question in page.get_by_test_id("answer-question").inner_text()

    answer_and_tick_all(page, "Precision, recall, F1, ROC and PR curves, the threshold.")
    page.get_by_test_id("mock-follow-up").wait_for()
    assert page.get_by_test_id("mock-progress").inner_text().startswith("Step 2 of 3")

    # Close the tab; a new one at /mock is at the same step.
    page = reopen(page)
    page.goto(f"{live_url}/mock")
    assert page.get_by_test_id("mock-step").get_attribute("data-position") == "1"
    assert page.get_by_test_id("mock-title").inner_text().startswith("Follow-up on")
    session = MockSession.running(Practice(study))
    assert session.position == 1 and session.current().kind == "follow-up"

    page.get_by_test_id("answer-text").fill("The positives are rare.")
    page.get_by_test_id("answer-submit").click()
    page.get_by_test_id("compare-form").wait_for()
    page.get_by_test_id("grade-submit").click()
    page.get_by_test_id("exercise-form").wait_for()
    page.get_by_test_id("editor").fill(exercises.get(EXERCISE).solution)
    page.get_by_test_id("exercise-submit").click()
    page.get_by_test_id("verdict").wait_for()
    assert page.get_by_test_id("verdict-name").inner_text() == "Accepted"

    page.get_by_test_id("mock-finish").click()
    page.get_by_test_id("mock-report").wait_for()
    assert page.get_by_test_id("mock-coverage").inner_text() == "100%"
    assert page.get_by_test_id("mock-verdict").inner_text() == "accepted"
    assert page.get_by_test_id("mock-questions").locator("tbody tr").count() == 2
    [summary] = MockSession.history(Practice(study))
    assert (summary.state, summary.coverage, summary.verdict) == ("finished", 1.0, "accepted")
    assert page.problems == []


def test_the_mock_pages_on_a_phone_without_javascript(browser, live_url):
    page = open_page(browser, viewport=PHONE, java_script_enabled=False)
    page.goto(f"{live_url}/?token={TOKEN}")
    page.goto(f"{live_url}/mock")
    page.get_by_test_id("mock-minutes").fill("20")
    page.get_by_test_id("mock-start").click()
    # The server's countdown, as written: nothing ticks it here.
    assert re.fullmatch(r"1?\d:\d\d to go", page.get_by_test_id("mock-countdown").inner_text())
    assert no_horizontal_scroll(page, PHONE["width"])
    page.get_by_test_id("answer-text").fill("An answer typed on a phone.")
    page.get_by_test_id("answer-submit").click()
    page.get_by_test_id("compare-form").wait_for()
    assert no_horizontal_scroll(page, PHONE["width"])
    page.get_by_test_id("mock-abandon").click()
    page.get_by_test_id("mock-report").wait_for()
    assert "Abandoned mock interview" in page.locator("h1").inner_text()
    assert page.problems == []
