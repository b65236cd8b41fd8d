"""Answer first, then compare, in a real browser (the system Chromium, Playwright, a live
uvicorn server; fixtures shared with test_browser.py): from a topic page to the outcome,
on a laptop, on a 375 px phone, and without JavaScript."""

from __future__ import annotations

import re

import pytest
from test_browser import CHROMIUM, browser, chromium, live_url, no_horizontal_scroll, open_page
from web_helpers import SLUG, TOKEN

from mlinterview.practice import Practice, rating_from_coverage
from mlinterview.practice.suggest import suggest
from mlinterview.topics import get_topic

__all__ = ["browser", "chromium", "live_url"]  # fixtures, imported for pytest to find

POINTS = get_topic(SLUG).key_points
TEXT = f"{POINTS[1]}\n{POINTS[3]}"  # two key points, restated word for word
NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
PHONE = {"width": 375, "height": 812}

pytestmark = [
    pytest.mark.browser, pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(),
                       reason="/usr/bin/chromium is missing (make test installs it with apt)"),
]


def ticked_boxes(page) -> list[int]:
    boxes = page.locator("input[type=checkbox][name^=tick-]")
    return [i for i in range(boxes.count()) if boxes.nth(i).is_checked()]


def write_answer(page, live_url: str) -> None:
    """From the topic page: open the answer page, write TEXT, send it."""
    page.goto(f"{live_url}/topics/{SLUG}")
    page.get_by_test_id("answer-link").click()
    page.get_by_test_id("answer-form").wait_for()
    assert get_topic(SLUG).question in page.get_by_test_id("answer-question").inner_text()
    # Only the question: none of the card's answer is on the page yet.
    body = page.locator("main").inner_text()
    assert not any(point[:40] in body for point in POINTS)
    page.get_by_test_id("answer-text").fill(TEXT)
    page.get_by_test_id("answer-submit").click()
    page.get_by_test_id("compare-form").wait_for()


def test_answer_compare_untick_and_grade(browser, live_url, study):
    page = open_page(browser)
    page.goto(f"{live_url}/?token={TOKEN}")
    page.goto(f"{live_url}/topics/{SLUG}/answer")
    # The script's timer runs (the server measures the time anyway).
    page.wait_for_function(
        "/^\\d+:\\d\\d$/.test(document.querySelector('[data-testid=answer-timer]').textContent)")
    write_answer(page, live_url)

    expected = suggest(TEXT, POINTS)
    assert {1, 3} <= set(expected)
    assert ticked_boxes(page) == expected
    assert page.get_by_test_id("compare-answer").inner_text() == TEXT
    hint = page.locator("[data-rating-hint]")
    n = len(POINTS)
    assert hint.inner_text() == NAMES[rating_from_coverage(len(expected), n)]

    # The same comparison open in a second tab, to send it again later.
    other = page.context.new_page()
    other.goto(page.url)
    other.get_by_test_id("compare-form").wait_for()

    # The user corrects the suggestion: one point fewer; the suggested rating follows.
    page.get_by_test_id("tick-1").uncheck()
    assert hint.inner_text() == NAMES[rating_from_coverage(len(expected) - 1, n)]
    page.get_by_test_id("grade-submit").click()

    outcome = page.get_by_test_id("answer-outcome")
    outcome.wait_for()
    covered = [i for i in expected if i != 1]
    assert f"{len(covered)} of {n} key points covered" in outcome.inner_text()
    rating = rating_from_coverage(len(covered), n)
    assert page.get_by_test_id("rating").inner_text() == NAMES[rating]
    assert re.search(r"next review \d{4}-\d\d-\d\d \d\d:\d\d UTC", outcome.inner_text())
    [answer] = Practice(study).answers(SLUG)
    assert answer.ticked == tuple(covered) and answer.suggested == tuple(expected)
    assert answer.seconds is not None and answer.seconds >= 0
    assert len(study.reviews(SLUG)) == 1

    # Sending the grade form again (the other tab) shows the first outcome, no new review.
    other.get_by_test_id("grade-submit").click()
    other.get_by_test_id("already-graded").wait_for()
    assert f"{len(covered)} of {n} key points covered" in \
        other.get_by_test_id("answer-outcome").inner_text()
    assert len(study.reviews(SLUG)) == 1
    other.close()

    # The rating can be changed, as after quick checks.
    page.get_by_role("button", name="easy").click()
    page.get_by_test_id("rated-notice").wait_for()
    assert page.get_by_test_id("rating").inner_text() == "easy"
    assert study.reviews(SLUG)[0]["rating"] == 4
    assert page.problems == []


def test_answering_fits_a_phone(browser, live_url):
    page = open_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{live_url}/?token={TOKEN}")
    wide = []
    page.goto(f"{live_url}/topics/{SLUG}/answer")
    if not no_horizontal_scroll(page, PHONE["width"]):
        wide.append("answer form")
    write_answer(page, live_url)
    if not no_horizontal_scroll(page, PHONE["width"]):
        wide.append("compare")
    page.get_by_test_id("grade-submit").click()
    page.get_by_test_id("answer-outcome").wait_for()
    if not no_horizontal_scroll(page, PHONE["width"]):
        wide.append("outcome")
    assert wide == [], f"pages wider than a {PHONE['width']} px phone: {wide}"
    assert page.problems == []


def test_answering_works_without_javascript(browser, live_url, study):
    page = open_page(browser, java_script_enabled=False)
    page.goto(f"{live_url}/?token={TOKEN}")
    write_answer(page, live_url)
    expected = suggest(TEXT, POINTS)
    assert ticked_boxes(page) == expected
    page.get_by_test_id("tick-3").uncheck()
    page.get_by_test_id("rating-2").check()  # the user's own rating: hard
    page.get_by_test_id("grade-submit").click()
    page.get_by_test_id("answer-outcome").wait_for()
    assert page.get_by_test_id("rating").inner_text() == "hard"
    [answer] = Practice(study).answers(SLUG)
    assert answer.ticked == tuple(i for i in expected if i != 3) and answer.rating == 2
    # Without the script the server still measured the time taken.
    assert answer.seconds is not None
    assert page.problems == []


def test_a_design_answer_is_compared_with_its_rubric_on_a_phone(browser, live_url, study):
    design = get_topic("design-framework")
    steps = list(dict.fromkeys(step for step, _ in design.rubric))
    page = open_page(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(f"{live_url}/?token={TOKEN}")
    page.goto(f"{live_url}/topics/{design.slug}/answer")
    page.get_by_test_id("answer-text").fill(
        "First clarify the goal and the constraints, then pick offline and online metrics.")
    page.get_by_test_id("answer-submit").click()
    page.get_by_test_id("compare-form").wait_for()
    headings = page.get_by_test_id("rubric-step")
    assert [headings.nth(i).inner_text().strip().lower() for i in range(headings.count())] \
        == [s.lower() for s in steps]  # shown in capitals by the style sheet
    assert no_horizontal_scroll(page, PHONE["width"])
    page.get_by_test_id("tick-0").check()
    page.get_by_test_id("grade-submit").click()
    page.get_by_test_id("answer-outcome").wait_for()
    scores = page.get_by_test_id("rubric-scores").inner_text()
    assert steps[0] in scores and "1 of" in scores
    assert no_horizontal_scroll(page, PHONE["width"])
    assert page.problems == []
