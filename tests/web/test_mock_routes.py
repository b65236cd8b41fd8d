"""The mock interview over HTTP: start, answer, compare, follow-up, exercise, report; the
countdown written by the server; stale and doubled forms; bad input gets a 4xx page."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from web_helpers import BASE, COOKIE, EXERCISE, SLUG, TOKEN, assert_error_page

from mlinterview import exercises
from mlinterview.exercises.judge import Verdict
from mlinterview.practice import Practice
from mlinterview.practice.mock import MockSession
from mlinterview.study import Study
from mlinterview.topics import get_topic
from mlinterview.web.admission import Admission, Busy, Load
from mlinterview.web.app import create_app

SOLUTION = exercises.get(EXERCISE).solution


class Clock:
    """The study service's clock, moved by the test."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture
def clock(now):
    return Clock(now)


@pytest.fixture
def study(store, clock):
    service = Study(store, clock=clock)
    service.set_setting("fuzz", False)
    return service


@pytest.fixture
def practice(study):
    return Practice(study)


@pytest.fixture
def client(study):
    app = create_app(TOKEN, study=study)
    with TestClient(app, base_url=BASE, raise_server_exceptions=False) as c:
        c.cookies.set(COOKIE, TOKEN)
        c.app_ = app
        yield c


def start(client, **fields) -> str:
    data = {"minutes": "10", "topics": SLUG, "seed": "1", **fields}
    r = client.post("/mock/start", data=data, follow_redirects=False)
    assert (r.status_code, r.headers.get("location")) == (303, "/mock"), r.text
    return MockSession.running(Practice(client.app_.state.web.study)).uid


def shown(page: str, name: str) -> str:
    found = re.search(rf'data-testid="{name}"[^>]*>(.*?)</', page, re.S)
    assert found, f"no {name} on the page"
    return html.unescape(found.group(1)).strip()


def editor(page: str) -> str:
    found = re.search(r'<textarea[^>]*data-testid="editor">(.*?)</textarea>', page, re.S)
    assert found, "no editor on the page"
    return html.unescape(found.group(1))


def post(client, path: str, **data):
    return client.post(path, data=data, follow_redirects=False)


def test_without_an_interview_mock_offers_to_start_one(client):
    page = client.get("/mock").text
    assert 'data-testid="nav-mock"' in page and 'data-testid="mock-start-form"' in page
    assert 'name="area" value="trees"' in page and 'data-testid="mock-history"' not in page


def test_the_countdown_is_written_by_the_server(client, clock, now):
    start(client)
    assert shown(client.get("/mock").text, "mock-countdown") == "10:00 to go"
    clock.now = now + timedelta(seconds=125)
    page = client.get("/mock").text
    assert shown(page, "mock-countdown") == "7:55 to go"
    # The numbers app.js ticks from: the session's start (epoch) and its length.
    assert f'data-started="{now.timestamp():.3f}" data-limit="600"' in page
    clock.now = now + timedelta(minutes=10, seconds=30)
    assert shown(client.get("/mock").text, "mock-countdown") == "0:30 over"


def test_a_whole_interview_over_http(client, practice, study):
    uid = start(client)
    page = client.get("/mock").text
    assert shown(page, "mock-progress").startswith("Step 1 of 2")
    assert shown(page, "answer-question") == f"“{get_topic(SLUG).question}”"
    assert "Key points" not in page  # answer first: the card stays hidden

    r = post(client, "/mock/answer", uid=uid, position="0", answer="Precision\r\nand recall.")
    assert (r.status_code, r.headers["location"]) == (303, "/mock")
    compare = client.get("/mock").text
    assert 'data-testid="compare-form"' in compare and "Precision\nand recall." in compare

    ticks = {f"tick-{i}": "on" for i in range(8)}
    assert post(client, "/mock/grade", uid=uid, position="0", rating="", **ticks
                ).status_code == 303
    follow = client.get("/mock").text
    assert 'data-testid="mock-follow-up"' in follow and "Follow-up on" in follow
    assert len(study.reviews(SLUG)) == 1

    post(client, "/mock/answer", uid=uid, position="1", answer="Positives are rare.")
    assert 'data-testid="compare-rating"' not in client.get("/mock").text  # no review
    post(client, "/mock/grade", uid=uid, position="1")
    assert len(study.reviews(SLUG)) == 1
    exercise_page = client.get("/mock").text
    assert 'data-testid="exercise-form"' in exercise_page
    assert editor(exercise_page) == exercises.get(EXERCISE).starter

    r = post(client, "/mock/exercise", uid=uid, position="2", source=SOLUTION)
    assert r.status_code == 200 and shown(r.text, "verdict-name") == "Accepted"
    # A closed tab comes back to the same step, with the code as submitted.
    again = client.get("/mock").text
    assert shown(again, "mock-progress").startswith("Step 3 of 3")
    assert editor(again) == SOLUTION
    assert "accepted" in shown(again, "mock-last-verdict")

    r = post(client, "/mock/finish", uid=uid)
    assert (r.status_code, r.headers["location"]) == (303, f"/mock/{uid}")
    report = client.get(f"/mock/{uid}").text
    assert shown(report, "mock-coverage") == "100%"
    assert shown(report, "mock-verdict") == "accepted"
    assert "Every key point covered and the exercise solved" in report
    assert client.get("/mock").status_code == 200  # the start page again
    assert 'data-testid="mock-row"' in client.get("/mock").text


def test_areas_and_seed_are_taken_from_the_form(client, practice):
    start(client, topics="", minutes="60", area=["trees", "coding"], seed="7")
    session = MockSession.running(practice)
    assert session.seed == 7 and session.minutes == 60
    assert {get_topic(s.slug).area for s in session.steps if s.kind == "card"} == {
        "trees", "coding"}


@pytest.mark.parametrize("fields, words", [
    ({"minutes": "abc"}, "minutes and seed: expected whole numbers"),
    ({"minutes": "3"}, "minutes: expected 5 to 240, got 3"),
    ({"seed": "-4"}, "seed: expected"),
    ({"area": "cooking"}, "areas: unknown area"),
    ({"topics": "svn"}, "topics: unknown topic"),
])
def test_a_bad_start_form_comes_back_with_400(client, fields, words):
    data = {"minutes": "10", "topics": SLUG, **fields}
    r = client.post("/mock/start", data=data)
    assert r.status_code == 400 and words in html.unescape(shown(r.text, "mock-error"))
    assert 'data-testid="mock-start-form"' in r.text
    assert client.get("/mock").status_code == 200
    assert 'data-testid="mock-start-form"' in client.get("/mock").text  # nothing started


def test_starting_twice_is_a_conflict(client):
    start(client)
    assert_error_page(client.post("/mock/start", data={"minutes": "10"}), 409)


def test_an_empty_answer_comes_back_with_400_and_a_doubled_one_is_stored_once(
        client, practice):
    uid = start(client)
    r = post(client, "/mock/answer", uid=uid, position="0", answer="   ")
    assert r.status_code == 400 and "empty answer" in shown(r.text, "answer-error")
    assert post(client, "/mock/answer", uid=uid, position="0", answer="Twice.").status_code \
        == 303
    assert post(client, "/mock/answer", uid=uid, position="0", answer="Twice.").status_code \
        == 303
    assert [a.answer for a in practice.answers(SLUG)] == ["Twice."]
    # Another text for a step answered meanwhile (another tab): 409, the text shown back.
    r = post(client, "/mock/answer", uid=uid, position="0", answer="Other tab.")
    assert "Other tab." in assert_error_page(r, 409)


def test_a_doubled_grade_makes_one_review(client, study):
    uid = start(client)
    post(client, "/mock/answer", uid=uid, position="0", answer="Some.")
    for _ in range(2):
        r = post(client, "/mock/grade", uid=uid, position="0", **{"tick-0": "on"})
        assert (r.status_code, r.headers["location"]) == (303, "/mock")
    assert len(study.reviews(SLUG)) == 1


@pytest.mark.parametrize("data, status", [
    ({"position": "x"}, 400),
    ({"position": "0", "tick-99": "on"}, 400),
    ({"position": "0", "rating": "7"}, 400),
    ({"position": "0", "suggested": "1,x"}, 400),
    ({"position": "1"}, 409),
])
def test_bad_grade_forms_get_4xx(client, data, status):
    uid = start(client)
    post(client, "/mock/answer", uid=uid, position="0", answer="Some.")
    assert_error_page(post(client, "/mock/grade", uid=uid, **data), status)


def test_forms_of_an_interview_that_ended_are_out_of_date(client):
    uid = start(client)
    post(client, "/mock/abandon", uid=uid)
    assert "Abandoned mock interview" in client.get(f"/mock/{uid}").text
    for path, extra in (("/mock/answer", {"answer": "late"}), ("/mock/grade", {}),
                        ("/mock/exercise", {"source": "x = 1"})):
        message = assert_error_page(post(client, path, uid=uid, position="0", **extra), 409)
        assert "not running any more" in message
    # Finishing an ended interview shows its report; an unknown one is a 404.
    assert post(client, "/mock/finish", uid=uid).headers["location"] == f"/mock/{uid}"
    assert_error_page(post(client, "/mock/finish", uid="f" * 32), 404)
    assert_error_page(client.get("/mock/ffff"), 404)
    assert_error_page(client.get("/mock/not-an-id"), 404)


def test_a_running_interview_has_no_report_yet(client):
    uid = start(client)
    r = client.get(f"/mock/{uid}", follow_redirects=False)
    assert (r.status_code, r.headers["location"]) == (303, "/mock")


def _to_the_exercise(client) -> str:
    uid = start(client)
    post(client, "/mock/answer", uid=uid, position="0", answer="Some.")
    post(client, "/mock/grade", uid=uid, position="0")
    return uid


def test_the_exercise_refuses_an_empty_editor_and_a_stale_step(client):
    uid = _to_the_exercise(client)
    r = post(client, "/mock/exercise", uid=uid, position="1", source="  ")
    assert r.status_code == 400 and "the editor was empty" in shown(r.text, "mock-error")
    message = assert_error_page(post(client, "/mock/exercise", uid=uid, position="0",
                                     source="def mine(): pass"), 409)
    assert "def mine(): pass" in html.unescape(message)  # shown back, to copy


class Refusing(Admission):
    """An admission whose queue is always full."""

    async def run(self, fn, *args, **kwargs):
        raise Busy(3, Load(running=1, waiting=0, slots=1, queue=0))


def test_a_busy_server_keeps_the_code_and_does_not_count_it(client, study):
    uid = _to_the_exercise(client)
    client.app_.state.admission = Refusing(slots=1, queue=0)
    code = "def precision_recall_f1(y_true, y_pred, average='binary'):\n    return 'mine'\n"
    r = post(client, "/mock/exercise", uid=uid, position="1", source=code)
    assert r.status_code == 503 and r.headers["retry-after"] == "3"
    assert 'data-testid="busy"' in r.text and editor(r.text) == code
    assert [a["verdict"] for a in study.attempts(EXERCISE)] == ["not judged"]
    session = MockSession.running(Practice(study))
    assert session.current().verdict is None  # not the interview's verdict


def test_the_stats_page_lists_interviews_and_their_trend(client, practice, study, now):
    for covered in (2, 8):
        session = MockSession.start(practice, 10, topics=[SLUG], now=now)
        session.answer("Some.", now=now)
        session.grade(range(covered), now=now)
        if session.current().kind == "follow-up":  # earned by 8 of 8
            session.answer("Rare.", now=now)
            session.grade([], now=now)
        session.submit_exercise("x", Verdict("wrong answer", 1, 5, "no"), now=now)
        session.finish(now=now + timedelta(minutes=5))
    page = client.get("/stats").text
    assert " ".join(shown(page, "mock-trend").split()) == \
        "Key points covered over 2 finished interviews: 25% first, 100% latest."
    assert page.count('data-testid="mock-row"') == 2


def test_a_json_body_is_refused(client):
    r = client.post("/mock/start", json={"minutes": 10})
    assert_error_page(r, 415)


def test_a_damaged_imported_session_is_never_a_500(client, study, now):
    data = study.export_data()
    uid = "d" * 32
    data["mock_sessions"] = [{
        "uid": uid, "created_at": now.isoformat(), "updated_at": now.isoformat(),
        "minutes": 10, "seed": 0, "position": 0, "state": "finished",
        "plan": '{"steps": [{"kind": "card", "slug": "svm", "question": "Q", "budget": 60}]}',
        "report": '{"uid": "d", "coverage": "abc"}'}]
    study.import_data(data)
    assert client.get("/mock").status_code == 200
    assert client.get("/stats").status_code == 200
    assert "cannot be read" in assert_error_page(client.get(f"/mock/{uid}"), 404)
