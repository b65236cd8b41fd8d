"""Exercises come back in the web app (issue 13, section 3): ``/review`` lists the
exercises due to be solved again beside the due card, the menu counts them apart, and
``/exercises/ID?fresh=1`` opens the blank starter instead of the last attempt."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from web_helpers import EXERCISE, SLUG, assert_error_page

from mlinterview import exercises
from mlinterview.exercises.judge import Verdict
from mlinterview.study import exercise_schedule
from mlinterview.study.scheduler import utcnow
from mlinterview.topics import all_topics

ACCEPTED = Verdict("accepted", 5, 5, "All 5 cases passed.")
WRONG = Verdict("wrong answer", 2, 5, "Wrong answer on case 3 of 5.")
LAST_CODE = "# my last attempt, kept by the store\n"


def shown(page: str, testid: str) -> str:
    found = re.search(rf'data-testid="{testid}"[^>]*>(.*?)<', page, re.S)
    assert found, f"no element with data-testid={testid!r}"
    return html.unescape(found.group(1)).strip()


def editor(page: str) -> str:
    found = re.search(r'<textarea[^>]*data-testid="editor"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, "no editor on the page"
    return html.unescape(found.group(1))


@pytest.fixture
def solved_long_ago(study):
    """EXERCISE solved without hints ten days ago: Good then, due eight days ago."""
    study.set_setting("new_per_day", 0)  # no new cards: the page shows only what is due
    study.record_attempt(EXERCISE, SLUG, ACCEPTED, LAST_CODE, now=utcnow() - timedelta(days=10))
    return EXERCISE


def test_review_lists_a_due_exercise_with_a_blank_starter_link(client, solved_long_ago):
    page = client.get("/review").text
    assert 'data-testid="nothing-due"' not in page
    assert shown(page, "no-card-due").startswith("No card to review now")
    assert shown(page, "review-exercises") == "1"
    assert shown(page, "solve-again") == exercises.get(EXERCISE).title
    assert f'href="/exercises/{EXERCISE}?fresh=1"' in page
    # The menu shows the exercises apart from the cards: no card badge, "1 ex".
    assert 'data-testid="due-count"' not in page
    assert shown(page, "due-exercises-count") == "1 ex"
    # Every page's menu says so, not only the review page.
    assert shown(client.get("/exercises").text, "due-exercises-count") == "1 ex"


def test_the_area_filter_applies_to_exercises(client, solved_long_ago):
    assert exercises.get(EXERCISE).area == "evaluation"
    page = client.get("/review", params={"area": "trees"}).text
    assert 'data-testid="due-exercises"' not in page and 'data-testid="nothing-due"' in page
    page = client.get("/review", params={"area": "evaluation"}).text
    assert shown(page, "review-exercises") == "1"


def test_a_failed_unsolved_exercise_links_to_the_last_attempt_too(client, study):
    study.set_setting("new_per_day", 0)
    study.record_attempt(EXERCISE, SLUG, WRONG, LAST_CODE, now=utcnow() - timedelta(hours=1))
    page = client.get("/review").text
    assert "failed, not solved yet" in page
    assert f'href="/exercises/{EXERCISE}?fresh=1"' in page
    assert f'href="/exercises/{EXERCISE}"' in page
    # The failure also made the topic's card due: both are counted, each in its badge.
    assert shown(page, "due-count") == "1" and shown(page, "due-exercises-count") == "1 ex"


def test_nothing_due_shows_neither_list_nor_badge(client, study):
    study.set_setting("new_per_day", 0)
    page = client.get("/review").text
    assert 'data-testid="nothing-due"' in page
    assert 'data-testid="due-exercises"' not in page and "due-exercises-count" not in page


def test_fresh_opens_the_blank_starter_and_starts_a_round(client, study, solved_long_ago):
    exercise = exercises.get(EXERCISE)
    assert editor(client.get(f"/exercises/{EXERCISE}").text) == LAST_CODE
    assert study.exercise_state.progress(EXERCISE).started_at is None  # round ended
    fresh = client.get(f"/exercises/{EXERCISE}", params={"fresh": "1"})
    assert fresh.status_code == 200
    assert editor(fresh.text) == exercise.starter
    progress = study.exercise_state.progress(EXERCISE)
    assert progress.round_running and progress.hints_revealed == 0


def test_solving_it_again_on_the_page_reschedules_it(client, study, solved_long_ago):
    """Submitting the reference solution from the blank starter: a review rated Good,
    and the exercise leaves the review list."""
    client.get(f"/exercises/{EXERCISE}", params={"fresh": "1"})
    r = client.post(f"/exercises/{EXERCISE}",
                    data={"source": exercises.get(EXERCISE).solution})
    assert r.status_code == 200
    assert study.attempts(EXERCISE, limit=1)[0]["rating"] == 3
    assert study.due_exercises() == []
    assert 'data-testid="due-exercises"' not in client.get("/review").text


@pytest.mark.parametrize("value", ["maybe", "2", ""])
def test_a_bad_fresh_flag_is_a_400_page(client, value):
    r = client.get(f"/exercises/{EXERCISE}", params={"fresh": value})
    assert_error_page(r, 400)


def test_the_stats_page_shows_the_exercise_numbers(client, solved_long_ago):
    page = client.get("/stats").text
    assert shown(page, "stats-exercises-due") == "1"
    assert shown(page, "stats-exercises-mastered") == "0"
    assert shown(page, "stats-exercise-lapses") == "0"


def test_the_bank_ids_read_from_folders_are_the_registry_ids():
    # Read after the registry (cached at its first load), the folders may hold more while
    # exercises are being written; every registered id must be among them.
    registered = set(exercises.registry())
    assert registered <= exercise_schedule.bank_ids()
    assert {i.split("/")[0] for i in exercise_schedule.bank_ids()} <= set(all_topics())
