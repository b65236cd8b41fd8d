"""Answer first, then compare, over HTTP: the answer is stored when posted, compared with
the key points pre-ticked from the suggestion, graded into exactly one review; bad input
gets a 4xx page."""

from __future__ import annotations

import html
import re
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from web_helpers import SLUG, assert_error_page

from mlinterview.practice import MAX_ANSWER_CHARS, Practice, rating_from_coverage
from mlinterview.practice.suggest import suggest
from mlinterview.topics import get_topic
from mlinterview.web.routes import practice as practice_routes

TOPIC = get_topic(SLUG)
POINTS = TOPIC.key_points
# Restates two key points word for word: the suggestion ticks at least those.
TEXT = f"{POINTS[1]}\n{POINTS[3]}"


@pytest.fixture
def practice(study):
    return Practice(study)


@pytest.fixture
def clock(monkeypatch):
    """The server's clock for the time an answer took, fixed at 1000 s."""
    monkeypatch.setattr(practice_routes, "_now_epoch", lambda: 1000.0)


def post_answer(client, text: str = TEXT, started_at: str = "958.5", slug: str = SLUG):
    return client.post(f"/topics/{slug}/answer", data={"answer": text, "started_at": started_at},
                       follow_redirects=False)


def written(client, practice, text: str = TEXT) -> str:
    """Post an answer; its uid."""
    r = post_answer(client, text)
    assert r.status_code == 303, r.text
    uid = r.headers["location"].removeprefix("/answers/")
    assert practice.get(uid).answer == text
    return uid


def checked(page: str) -> list[int]:
    """The key points checked in a compare page."""
    return [int(i) for i in re.findall(r'name="tick-(\d+)" value="on"\s*'
                                       r'data-testid="tick-\d+"\s*checked', page)]


def test_every_topic_page_offers_to_answer_first(client):
    page = client.get(f"/topics/{SLUG}").text
    assert f'href="/topics/{SLUG}/answer"' in page and "Answer it yourself" in page


def test_the_answer_page_shows_the_question_and_hides_the_card(client, clock):
    r = client.get(f"/topics/{SLUG}/answer")
    assert r.status_code == 200
    page = html.unescape(r.text)
    assert TOPIC.question in page and 'name="answer"' in page
    assert 'name="started_at" value="1000.000"' in page
    for hidden in (*POINTS, "In 30 seconds", "Key points", "Common mistakes"):
        assert hidden not in page


def test_posting_stores_the_answer_at_once_with_its_time(client, practice, clock, study):
    r = post_answer(client, "Precision is TP / (TP + FP).\r\nRecall is TP / (TP + FN).")
    assert r.status_code == 303 and r.headers["location"].startswith("/answers/")
    [stored] = practice.answers(SLUG)
    # Stored before any comparison; the browser's CRLF line breaks stored as "\n".
    assert stored.answer == "Precision is TP / (TP + FP).\nRecall is TP / (TP + FN)."
    assert not stored.graded and stored.seconds == pytest.approx(41.5)
    assert r.headers["location"] == f"/answers/{stored.uid}"
    assert study.reviews(SLUG) == []


@pytest.mark.parametrize("started_at", ["", "soon", "nan", "inf", "2000", "-1e308"])
def test_a_doctored_start_time_stores_the_answer_without_a_time(client, practice, clock,
                                                                started_at):
    assert post_answer(client, started_at=started_at).status_code == 303
    assert practice.answers(SLUG)[0].seconds is None


def test_the_compare_page_pre_ticks_the_suggestion(client, practice):
    uid = written(client, practice)
    r = client.get(f"/answers/{uid}")
    assert r.status_code == 200
    page = html.unescape(r.text)
    expected = suggest(TEXT, POINTS)
    assert {1, 3} <= set(expected)  # the points restated word for word
    assert checked(r.text) == expected
    assert f'name="suggested" value="{",".join(map(str, expected))}"' in r.text
    # The answer beside the key points, the 30-second answer and the common mistakes.
    assert 'data-testid="compare-answer">' + TEXT.split("\n")[0] in page
    assert page.count('type="checkbox" name="tick-') == len(POINTS)
    assert "In 30 seconds" in page and "Did you say this?" in page
    assert page.count("<li>", page.index('data-testid="compare-mistakes"')) >= \
        len(TOPIC.common_mistakes)
    # The rating each count of ticks suggests, for the script; the current one shown.
    ratings = [rating_from_coverage(k, len(POINTS)) for k in range(len(POINTS) + 1)]
    assert f'data-ratings="{",".join(map(str, ratings))}"' in r.text
    names = {1: "again", 2: "hard", 3: "good", 4: "easy"}
    assert f"<strong data-rating-hint>{names[ratings[len(expected)]]}</strong>" in r.text


def test_grading_makes_exactly_one_review_and_shows_when_it_comes_back(client, practice,
                                                                       study):
    uid = written(client, practice)
    r = client.post(f"/answers/{uid}/grade", data={"tick-1": "on", "tick-4": "on",
                                                   "rating": "", "suggested": "1,3"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/answers/{uid}"
    graded = practice.get(uid)
    assert graded.ticked == (1, 4) and graded.suggested == (1, 3)
    assert graded.rating == rating_from_coverage(2, len(POINTS))
    [review] = study.reviews(SLUG)
    assert review["uid"] == graded.review_uid and review["kind"] == "answer"
    page = client.get(r.headers["location"]).text
    assert f"2 of {len(POINTS)} key points covered" in page
    due = study.card_state(SLUG)["due"]
    assert f"next review {due[:16].replace('T', ' ')} UTC" in page
    assert f'action="/reviews/{graded.review_uid}/rating"' in page


def test_a_chosen_rating_wins(client, practice, study):
    uid = written(client, practice)
    client.post(f"/answers/{uid}/grade", data={"rating": "4"})
    assert practice.get(uid).rating == 4 and study.reviews(SLUG)[0]["rating"] == 4


def test_a_second_submission_shows_the_first_outcome_and_reviews_once(client, practice, study):
    uid = written(client, practice)
    first = client.post(f"/answers/{uid}/grade", data={"tick-0": "on"})
    assert first.status_code == 200
    again = client.post(f"/answers/{uid}/grade", data={"tick-2": "on", "rating": "4"},
                        follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == f"/answers/{uid}?already=1"
    page = client.get(again.headers["location"])
    assert page.status_code == 200 and 'data-testid="already-graded"' in page.text
    assert len(study.reviews(SLUG)) == 1 and practice.get(uid).ticked == (0,)


def test_a_double_submit_racing_past_the_first_check_still_reviews_once(
        client, practice, study, monkeypatch):
    """Two submissions that both read the answer before either graded it: the one that
    comes second finds it graded inside its transaction."""
    uid = written(client, practice)
    stale = practice.get(uid)
    client.post(f"/answers/{uid}/grade", data={"tick-0": "on"})
    monkeypatch.setattr(Practice, "get", lambda self, u: stale)  # what the racer read
    r = client.post(f"/answers/{uid}/grade", data={"tick-1": "on"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/answers/{uid}?already=1"
    assert len(study.reviews(SLUG)) == 1


def test_the_rating_can_be_changed_afterwards(client, practice, study):
    uid = written(client, practice)
    client.post(f"/answers/{uid}/grade", data={"tick-0": "on"})
    review_uid = practice.get(uid).review_uid
    r = client.post(f"/reviews/{review_uid}/rating",
                    data={"rating": "4", "next": f"/answers/{uid}"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == f"/answers/{uid}?rated=4"
    page = client.get(r.headers["location"]).text
    assert 'data-testid="rated-notice"' in page
    assert '<strong data-testid="rating">easy</strong>' in page
    assert study.reviews(SLUG)[0]["rating"] == 4
    assert practice.get(uid).rating == 4  # the answer keeps the rating it ended with


def test_a_card_reviewed_since_no_longer_offers_to_change_the_answers_rating(
        client, practice, study):
    uid = written(client, practice)
    client.post(f"/answers/{uid}/grade", data={"tick-0": "on"})
    study.review(SLUG, {})  # a later review of the card
    page = client.get(f"/answers/{uid}").text
    assert "/rating" not in page and "reviewed since" in page


def test_the_answer_menu_entry_opens_the_most_due_card(client, study):
    r = client.get("/answer", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == f"/topics/{study.due()[0].slug}/answer"


def test_a_follow_up_answer_is_graded_without_a_review(client, practice, study):
    uid = practice.write(SLUG, "Its answer.", kind="follow-up", question="And F2?",
                         points=["F2 weighs recall higher."]).uid
    page = client.get(f"/answers/{uid}").text
    assert 'name="rating"' not in page and "And F2?" in page
    client.post(f"/answers/{uid}/grade", data={"tick-0": "on"})
    assert practice.get(uid).ticked == (0,) and study.reviews(SLUG) == []


# -- bad input: a 4xx page, never a 500 -----------------------------------------------------


@pytest.mark.parametrize("method, path", [
    ("get", "/topics/no-such-topic/answer"), ("post", "/topics/no-such-topic/answer"),
    ("get", "/answers/0123456789abcdef0123456789abcdef"), ("get", "/answers/..%2Fetc"),
    ("post", "/answers/0123456789abcdef0123456789abcdef/grade")])
def test_unknown_topics_and_answers_are_404(client, method, path):
    r = getattr(client, method)(path, **({"data": {"answer": "x"}} if method == "post" else {}))
    assert_error_page(r, 404)


def test_an_unknown_slug_suggests_the_closest(client):
    message = assert_error_page(client.get("/topics/classification-metric/answer"), 404)
    assert "classification-metrics" in message


@pytest.mark.parametrize("text", ["", "   \r\n  "])
def test_an_empty_answer_comes_back_with_a_message(client, practice, text):
    r = post_answer(client, text)
    assert r.status_code == 400 and 'data-testid="answer-error"' in r.text
    assert "empty answer" in r.text and practice.answers() == []


def test_a_too_long_answer_comes_back_as_typed(client, practice, clock):
    text = "word " * (MAX_ANSWER_CHARS // 5) + "over"
    r = post_answer(client, text, started_at="900")
    assert r.status_code == 400 and f"at most {MAX_ANSWER_CHARS}" in r.text
    assert text in r.text  # nothing the user typed is lost
    assert 'name="started_at" value="900.000"' in r.text  # the timer keeps its start
    assert practice.answers() == []


def test_line_breaks_count_once_against_the_limit(client, practice):
    text = "a\n" * (MAX_ANSWER_CHARS // 2)  # exactly the limit, sent as CRLF
    assert post_answer(client, text.replace("\n", "\r\n")).status_code == 303
    assert practice.answers()[0].answer == text


@pytest.mark.parametrize("form, message", [
    ({"tick-99": "on"}, "tick-99: expected key points tick-0 to"),
    ({"tick-x": "on"}, "tick-x: expected key points"),
    ({"tick--1": "on"}, "expected key points"),
    ({"rating": "7"}, "rating: expected 1, 2, 3 or 4"),
    ({"rating": "good"}, "rating: expected 1, 2, 3 or 4"),
    ({"suggested": "1,99"}, "suggested: expected point numbers"),
    ({"suggested": "one"}, "suggested: expected point numbers"),
])
def test_a_bad_grade_form_is_400_and_grades_nothing(client, practice, study, form, message):
    uid = written(client, practice)
    r = client.post(f"/answers/{uid}/grade", data=form)
    assert message in html.unescape(assert_error_page(r, 400))
    assert not practice.get(uid).graded and study.reviews(SLUG) == []


def test_forms_only_and_from_this_app_only(client, practice):
    r = client.post(f"/topics/{SLUG}/answer", json={"answer": "x"})
    assert_error_page(r, 415)
    r = client.post(f"/topics/{SLUG}/answer", data={"answer": "x"},
                    headers={"origin": "http://evil.example"})
    assert_error_page(r, 403)
    assert practice.answers() == []


FIELD = st.one_of(st.sampled_from(["rating", "suggested", "answer", "started_at"]),
                  st.integers(-2, 12).map(lambda i: f"tick-{i}"), st.text(max_size=12))
VALUE = st.one_of(st.sampled_from(["", "on", "1", "4", "0", "5", "1,3", "0,99", ",", "-1",
                                   "good", " 2 ", "nan"]), st.text(max_size=20))


@settings(max_examples=60, deadline=None, derandomize=True, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=st.lists(st.tuples(FIELD, VALUE), max_size=6))
def test_any_grade_form_is_a_page_or_a_4xx_and_at_most_one_review(client, practice, study,
                                                                  form):
    uid = practice.write(SLUG, "An answer to grade.").uid
    reviews = len(study.reviews(SLUG, limit=10**6))
    r = client.post(f"/answers/{uid}/grade", content=urlencode(form),
                    headers={"content-type": "application/x-www-form-urlencoded"},
                    follow_redirects=False)
    assert r.status_code in (303, 400), r.text[:500]
    graded = practice.get(uid).graded
    assert graded == (r.status_code == 303)
    assert len(study.reviews(SLUG, limit=10**6)) == reviews + graded


def test_a_design_cards_points_are_shown_as_a_rubric_grouped_and_scored_by_step(
        client, practice):
    design = get_topic("design-framework")
    steps = [step for step, _ in design.rubric]
    r = post_answer(client, "Clarify the goal first, then the metrics.", slug=design.slug)
    uid = r.headers["location"].removeprefix("/answers/")
    page = client.get(f"/answers/{uid}").text
    assert "<h2>Rubric</h2>" in page
    headings = re.findall(r'data-testid="rubric-step">([^<]+)</h3>', page)
    assert headings == list(dict.fromkeys(steps))  # one heading per step, in order
    first = steps[0]
    ticks = {f"tick-{i}": "on" for i, s in enumerate(steps) if s == first}
    done = client.get(client.post(f"/answers/{uid}/grade", data=ticks).url).text
    rows = re.findall(r"<tr><td>(\w+)</td><td>(\d+) of (\d+)</td></tr>", done)
    assert rows[0] == (first, str(steps.count(first)), str(steps.count(first)))
    assert all(hit == "0" for _, hit, _ in rows[1:])
    assert [step for step, _, _ in rows] == list(dict.fromkeys(steps))


def test_a_plain_cards_points_are_not_a_rubric(client, practice):
    uid = written(client, practice)
    page = client.get(f"/answers/{uid}").text
    assert "rubric-step" not in page and "<h2>Key points</h2>" in page
