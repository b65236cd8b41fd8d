"""The mock interview in the browser (a view over :mod:`mlinterview.practice.mock`).

- ``GET /mock``: the running interview at its current step, with the time left (written
  by the server; ``app.js`` only makes it tick): a question to answer, an answer to
  compare with its key points, or the exercise; without a running interview, the form
  to start one and the past interviews with their trend. A closed tab comes back here,
  to the same step: the step lives in the database, not in the page.
- ``POST /mock/start`` (minutes, areas, topics, seed), ``/mock/answer``, ``/mock/grade``,
  ``/mock/exercise``, ``/mock/finish``, ``/mock/abandon``. Each form carries the
  interview's uid and the step it showed (``position``): a form from another tab that the
  interview has moved past gets ``409`` instead of answering the wrong question, and a
  form sent twice (a double click) is shown where the interview is.
- ``GET /mock/UID``: the report of an interview that ended.

Answers and grades go through the answer-first partials (``_answer_form.html``,
``_answer_compare.html``) and the same form fields as ``/topics/SLUG/answer``; the
exercise is judged through the app's admission queue as on the exercise page (a busy
server answers ``503`` with the code kept in the editor and stored as "not judged").
"""

from __future__ import annotations

import contextlib

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from mlinterview.practice import MAX_ANSWER_CHARS, Practice, rating_from_coverage
from mlinterview.practice.mock import (
    MAX_MINUTES,
    MIN_MINUTES,
    MockSession,
    SessionRunning,
    StepError,
)
from mlinterview.web.routes._common import catalog, form_dict, page, study
from mlinterview.web.routes.exercises import judge_admitted
from mlinterview.web.routes.practice import _rating, _suggested, _ticks, answer_error

router = APIRouter(tags=["mock"])


def _practice(request: Request) -> Practice:
    return Practice(study(request))


def clock(seconds: float) -> str:
    """``"12:05 to go"`` or ``"3:10 over"``: as app.js writes it once it ticks."""
    return f"{duration(abs(seconds))} {'to go' if seconds >= 0 else 'over'}"


def duration(seconds: float | None) -> str:
    """``125.3`` -> ``"2:05"`` (minutes may pass 59, as on a kitchen timer); None -> "–"."""
    if seconds is None:
        return "–"
    s = int(seconds)
    return f"{s // 60}:{s % 60:02d}"


# -- the start page ----------------------------------------------------------------------


def mock_history(request: Request) -> dict:
    """The past interviews and the trend of the finished ones, for the start page and
    the statistics."""
    summaries = MockSession.history(_practice(request), limit=20)
    finished = [s for s in reversed(summaries)
                if s.state == "finished" and s.coverage is not None]
    return {"mocks": summaries, "trend": finished}


def _start_page(request: Request, *, error: str | None = None, form: dict | None = None,
                status_code: int = 200):
    return page(request, "mock_start.html", status_code, error=error, form=form or {},
                areas=catalog(request).areas, min_minutes=MIN_MINUTES,
                max_minutes=MAX_MINUTES, **mock_history(request))


# -- the step page -----------------------------------------------------------------------


def _latest_source(request: Request, session: MockSession, step) -> str:
    """What the editor opens with: the latest submission of this interview's exercise
    (so a reopened tab keeps the code), else the starter."""
    from mlinterview import exercises

    attempts = study(request).attempts(step.exercise_id, limit=1)
    if attempts and step.started_at and attempts[0]["submitted_at"] >= step.started_at:
        return attempts[0]["source"]
    return exercises.get(step.exercise_id).starter


def _step_page(request: Request, session: MockSession, *, status_code: int = 200,
               **extra):
    """The running interview at its current step."""
    from mlinterview import exercises
    from mlinterview.topics import get_topic

    step = session.current()
    remaining = session.remaining().total_seconds()
    context = {
        "session": session, "step": step, "remaining": clock(remaining),
        "overtime": remaining < 0, "created_epoch": f"{session.created_at.timestamp():.3f}",
        "limit": session.minutes * 60, "hidden": {"uid": session.uid,
                                                  "position": session.position},
        "max_chars": MAX_ANSWER_CHARS,
    }
    if step is not None:
        topic = get_topic(step.slug)
        context.update(topic=topic, budget=duration(step.budget))
        if step.phase == "answer":
            context.update(started_at=f"{_epoch(step.started_at, session):.3f}")
        elif step.phase == "compare":
            from mlinterview.practice import rubric_steps
            from mlinterview.practice.suggest import suggest

            answer = session.answer_of(step)
            n = len(answer.points)
            card = step.kind == "card"
            context.update(answer=answer, suggested=suggest(answer.answer, answer.points),
                           ratings=[rating_from_coverage(k, n) for k in range(n + 1)]
                           if n and card else [],
                           short_answer=topic.short_answer if card else "",
                           mistakes=topic.common_mistakes if card else (), review=card,
                           steps=rubric_steps(answer, topic))
        elif step.phase == "exercise":
            context.update(exercise=exercises.get(step.exercise_id))
            if "source" not in extra:
                context["source"] = _latest_source(request, session, step)
    context.update(extra)
    return page(request, "mock.html", status_code, **context)


def _epoch(iso: str | None, session: MockSession) -> float:
    from datetime import datetime

    return datetime.fromisoformat(iso).timestamp() if iso else session.created_at.timestamp()


@router.get("/mock")
def mock_page(request: Request):
    session = MockSession.running(_practice(request))
    if session is None:
        return _start_page(request)
    return _step_page(request, session)


# -- acting ------------------------------------------------------------------------------


def _position(form: dict[str, str]) -> int:
    value = form.get("position", "").strip()
    if not value.isdigit() or len(value) > 6:
        raise HTTPException(400, f"position: expected the step's number, got {value[:20]!r}")
    return int(value)


def _session_of(request: Request, form: dict[str, str]) -> MockSession:
    """The running interview the form belongs to; 409 if it is not running any more."""
    uid = form.get("uid", "")
    session = MockSession.running(_practice(request))
    if session is None or session.uid != uid:
        raise HTTPException(409, "This page belongs to a mock interview that is not "
                            "running any more (it ended, or another one started). Open "
                            "/mock to see where you are.")
    return session


def _conflict(exc: StepError, kept: str | None = None) -> HTTPException:
    message = f"This page is out of date: {exc}. Open /mock to see where you are."
    if kept:
        message += f" What you sent was not stored, so here it is to copy: {kept[:4000]}"
    return HTTPException(409, message)


@router.post("/mock/start")
async def mock_start(request: Request):
    fields = await form_dict(request)
    form = await request.form()  # cached by form_dict; the areas are a repeated field
    areas = [a for a in form.getlist("area") if isinstance(a, str) and a]
    topics = [t for t in fields.get("topics", "").split(",") if t.strip()]
    kept = {**fields, "area": areas}
    error = None
    try:
        minutes = int(fields.get("minutes", "30").strip() or "30")
        seed = fields.get("seed", "").strip()
        seed = int(seed) if seed else None
    except ValueError:
        minutes, seed, error = 0, None, "minutes and seed: expected whole numbers"

    def start():
        if error:
            return _start_page(request, error=error, form=kept, status_code=400)
        try:
            MockSession.start(_practice(request), minutes, areas=areas, topics=topics,
                              seed=seed)
        except SessionRunning:
            raise HTTPException(409, "A mock interview is running already: open /mock to "
                                "go on with it, or abandon it there first.") from None
        except (TypeError, ValueError) as exc:
            return _start_page(request, error=str(exc), form=kept, status_code=400)
        return RedirectResponse("/mock", status_code=303)

    return await run_in_threadpool(start)


@router.post("/mock/answer")
async def mock_answer(request: Request):
    """Store the answer (then the page shows the comparison). An empty or too long one
    comes back in the form with a 400, as typed."""
    form = await form_dict(request)
    position = _position(form)
    text = form.get("answer", "").replace("\r\n", "\n")  # browsers send CRLF

    def write():
        session = _session_of(request, form)
        error = answer_error(text)
        if error and session.position == position and session.current() is not None \
                and session.current().phase == "answer":
            return _step_page(request, session, status_code=400, error=error, text=text)
        try:
            session.answer(text, position=position)
        except StepError as exc:
            # Sent twice (a double click): the first one stored it; show where we are.
            step = session.steps[position] if position < len(session.steps) else None
            stored = session.answer_of(step) if step is not None and step.answer_uid else None
            if stored is not None and stored.answer == text:
                return RedirectResponse("/mock", status_code=303)
            raise _conflict(exc, text) from None
        return RedirectResponse("/mock", status_code=303)

    return await run_in_threadpool(write)


@router.post("/mock/grade")
async def mock_grade(request: Request):
    """Grade the current answer from its ticks (and rating) and move on."""
    form = await form_dict(request)
    position = _position(form)

    def grade():
        session = _session_of(request, form)
        if position < session.position:  # sent twice: graded by the first one
            return RedirectResponse("/mock", status_code=303)
        try:
            step = session.expect("compare", position)
        except StepError as exc:
            raise _conflict(exc) from None
        n = len(session.answer_of(step).points)
        try:
            session.grade(_ticks(form, n), suggested=_suggested(form.get("suggested", ""), n),
                          rating=_rating(form.get("rating", "")), position=position)
        except StepError as exc:
            raise _conflict(exc) from None
        except ValueError as exc:
            if "graded already" in str(exc):  # a double submit that raced past the check
                return RedirectResponse("/mock", status_code=303)
            raise HTTPException(400, str(exc)) from None
        return RedirectResponse("/mock", status_code=303)

    return await run_in_threadpool(grade)


@router.post("/mock/exercise")
async def mock_exercise(request: Request):
    """Judge the code as the exercise page does and show the verdict beside it."""
    from mlinterview import exercises
    from mlinterview.exercises.judge import isolation

    form = await form_dict(request)
    position = _position(form)
    source = form.get("source", "")
    session = await run_in_threadpool(_session_of, request, form)
    try:
        step = session.expect("exercise", position)
    except StepError as exc:
        raise _conflict(exc, source) from None
    if not source.strip():
        return await run_in_threadpool(
            lambda: _step_page(request, session, status_code=400, source=source,
                               error="source: the editor was empty"))
    exercise = exercises.get(step.exercise_id)
    verdict, status, retry_after = await judge_admitted(request, exercise, source)

    def store_and_render():
        try:
            # A verdict "not judged" is stored as an attempt but is not the session's.
            session.submit_exercise(source, verdict, position=position)
        except StepError as exc:
            raise _conflict(exc, source) from None
        return _step_page(request, session, status_code=status, source=source,
                          verdict=verdict,
                          isolation=isolation() if verdict.judged else None)

    response = await run_in_threadpool(store_and_render)
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


async def _end(request: Request, how: str):
    form = await form_dict(request)
    uid = form.get("uid", "")

    def end():
        try:
            session = MockSession.get(_practice(request), uid) if uid else None
        except LookupError:
            session = None
        if session is None or session.uid != uid:
            raise HTTPException(404, f"There is no mock interview with id {uid[:40]!r}.")
        # Ended meanwhile (a double click): the report shows what it became.
        with contextlib.suppress(StepError):
            if session.state == "running":
                session.finish() if how == "finish" else session.abandon()
        return RedirectResponse(f"/mock/{session.uid}", status_code=303)

    return await run_in_threadpool(end)


@router.post("/mock/finish")
async def mock_finish(request: Request):
    return await _end(request, "finish")


@router.post("/mock/abandon")
async def mock_abandon(request: Request):
    return await _end(request, "abandon")


@router.get("/mock/{uid}")
def mock_report(request: Request, uid: str):
    """The report of an interview that ended (a running one: its current step)."""
    try:
        session = MockSession.get(_practice(request), uid[:64])
    except LookupError as exc:  # unknown, or stored damaged (UnreadableSession says so)
        raise HTTPException(404, f"{str(exc)[:300]}.") from None
    if session.state == "running":
        return RedirectResponse("/mock", status_code=303)
    from mlinterview.topics import get_topic

    report = session.report
    titles = {q.slug: get_topic(q.slug).title for q in report.questions}
    if report.exercise is not None:
        titles[report.exercise.slug] = get_topic(report.exercise.slug).title
    return page(request, "mock_report.html", report=report, titles=titles, duration=duration)
