"""Answer first, then compare, in the browser.

1. ``GET /topics/SLUG/answer``: the question only and a text area (the card stays
   hidden). The form carries the time it was shown, so the seconds taken are measured
   without JavaScript; a script only shows a running timer.
2. ``POST /topics/SLUG/answer`` stores the answer at once (:meth:`Practice.write`) and
   redirects to its page (Post/Redirect/Get: a reload never stores it twice).
3. ``GET /answers/UID``: before grading, the answer beside the card's key points with
   the ones it seems to cover pre-ticked, the 30-second answer and the common mistakes,
   and the rating the ticks suggest; after grading, the outcome with buttons to change
   the rating (``POST /reviews/UID/rating``, as for quick checks).
4. ``POST /answers/UID/grade`` grades it (:meth:`Practice.grade`): one review, however
   often the form is sent; a second submission is shown the outcome of the first.

``GET /answer`` opens the answer page of the card most due.

For other pages that ask a question the same way (the mock interview): include
``_answer_form.html`` with :func:`form_context`, read its post with
:func:`read_answer_form`, include ``_answer_compare.html`` with :func:`compare_context`
and ``_answer_outcome.html`` after grading; each template's header lists its variables.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from starlette.concurrency import run_in_threadpool

from mlinterview.practice import MAX_ANSWER_CHARS, Answer, Practice, rating_from_coverage
from mlinterview.web.routes._common import form_dict, page, study, topic_or_404

router = APIRouter(tags=["practice"])


def _now_epoch() -> float:
    """The server's clock for the seconds an answer took (a function, so tests fix it)."""
    return time.time()


def _practice(request: Request) -> Practice:
    return Practice(study(request))


def _started(value: str | None) -> float | None:
    """The form's ``started_at`` (the server's epoch seconds when it was first shown);
    None when missing or not a finite number."""
    try:
        started = float(value or "")
    except ValueError:
        return None
    return started if math.isfinite(started) else None


def _seconds(started: float | None) -> float | None:
    """Seconds since ``started``; None when it makes no sense (a doctored or stale form
    still stores the answer, without its time)."""
    if started is None:
        return None
    seconds = _now_epoch() - started
    return seconds if 0 <= seconds < 10**7 else None


@dataclass(frozen=True)
class PostedAnswer:
    """An answer form as posted: the text (line breaks as "\n"), when the form was
    first shown, the seconds since then, and what is wrong with it (None: it can be
    stored)."""

    text: str
    started_at: float | None
    seconds: float | None
    error: str | None


def read_answer_form(form: dict[str, str]) -> PostedAnswer:
    """The ``answer`` and ``started_at`` fields of ``_answer_form.html``, checked. Reused
    by the mock interview."""
    # Browsers send a text area's line breaks as CRLF, and count them as one character
    # for maxlength: store "\n", and measure what the user typed.
    text = form.get("answer", "").replace("\r\n", "\n")
    started_at = _started(form.get("started_at"))
    return PostedAnswer(text, started_at, _seconds(started_at), answer_error(text))


def answer_error(text: str) -> str | None:
    """Why ``text`` cannot be stored as an answer (shown above the kept text), or None."""
    if not text.strip():
        return "Write an answer first: an empty answer stores nothing."
    if len(text) > MAX_ANSWER_CHARS:
        return (f"This answer has {len(text)} characters; an answer may have at most "
                f"{MAX_ANSWER_CHARS}. Nothing was stored: shorten it and send it again.")
    return None


def form_context(question: str, action: str, posted: PostedAnswer | None = None) -> dict:
    """What ``_answer_form.html`` needs: a new form (the timer starts now), or the
    ``posted`` one back with its text, its start time and its error. Reused by the mock
    interview (which adds ``hidden`` and ``time_limit``)."""
    started = posted.started_at if posted and posted.started_at is not None else _now_epoch()
    return {"question": question, "action": action, "text": posted.text if posted else "",
            "error": posted.error if posted else None, "started_at": f"{started:.3f}",
            "max_chars": MAX_ANSWER_CHARS}


def _form_page(request: Request, topic, posted: PostedAnswer | None = None):
    return page(request, "answer.html", 400 if posted and posted.error else 200,
                topic=topic, **form_context(topic.question, f"/topics/{topic.slug}/answer",
                                            posted))


@router.get("/answer")
def answer_next(request: Request):
    """The answer page of the card most due (the first new card when none is)."""
    from mlinterview.topics import all_topics

    cards = all_topics()
    for item in study(request).due():
        if cards[item.slug].key_points:
            return RedirectResponse(f"/topics/{item.slug}/answer", status_code=303)
    slug = next((s for s, t in cards.items() if t.key_points), None)
    if slug is None:
        raise HTTPException(404, "no card has key points to answer")
    return RedirectResponse(f"/topics/{slug}/answer", status_code=303)


@router.get("/topics/{slug}/answer")
def answer_form(request: Request, slug: str):
    return _form_page(request, topic_or_404(slug))


@router.post("/topics/{slug}/answer")
async def answer_write(request: Request, slug: str):
    """Store the answer, then show the comparison (303 to the answer's page). An empty
    or too long answer comes back in the form, as typed, with a 400."""
    topic = topic_or_404(slug)
    posted = read_answer_form(await form_dict(request))
    if posted.error:
        return await run_in_threadpool(_form_page, request, topic, posted)
    try:
        stored = await run_in_threadpool(_practice(request).write, slug, posted.text,
                                         seconds=posted.seconds)
    except ValueError as exc:  # the service's own checks, should the form miss one
        raise HTTPException(400, str(exc)) from None
    return RedirectResponse(f"/answers/{stored.uid}", status_code=303)


def _answer_or_404(request: Request, uid: str) -> Answer:
    try:
        return _practice(request).get(uid)
    except LookupError:
        raise HTTPException(404, f"There is no answer with id {uid!r}.") from None


def _attempt_page(request: Request, answer: Answer):
    """The comparison of an ungraded answer, or the outcome of a graded one."""
    topic = topic_or_404(answer.slug)
    context = {"topic": topic, "answer": answer}
    if answer.graded:
        from mlinterview.practice import rubric_steps, step_scores

        steps = rubric_steps(answer, topic)
        context["steps"] = steps
        context["step_scores"] = step_scores(steps, answer.ticked) if steps else []
        rating, due, can_rate = answer.rating, None, False
        if answer.review_uid:
            # Only the card's latest review may change its rating (Study.override).
            latest = study(request).reviews(answer.slug, limit=1)
            can_rate = bool(latest) and latest[0]["uid"] == answer.review_uid
            state = study(request).card_state(answer.slug)
            due = state["due"] if state and can_rate else None
        return page(request, "answer_attempt.html", rating=rating, due=due,
                    can_rate=can_rate, **context)
    return page(request, "answer_attempt.html", topic=topic,
                **compare_context(answer, topic, action=f"/answers/{answer.uid}/grade"))


def compare_context(answer: Answer, topic, *, action: str,
                    review: bool | None = None) -> dict:
    """What ``_answer_compare.html`` needs to show ``answer`` (not graded yet) against
    its points: the suggested ticks, the rating each number of ticks suggests, the
    card's 30-second answer and common mistakes (for an answer to the card's own
    question), and the form's ``action``. ``review`` (default: a card answer is
    reviewed, a follow-up is not) hides the rating. Reused by the mock interview."""
    from mlinterview.practice import rubric_steps
    from mlinterview.practice.suggest import suggest

    n = len(answer.points)
    review = answer.kind == "card" if review is None else review
    own = answer.kind == "card"
    return {"answer": answer, "action": action, "review": review,
            "steps": rubric_steps(answer, topic),
            "suggested": suggest(answer.answer, answer.points) if n else [],
            "ratings": [rating_from_coverage(k, n) for k in range(n + 1)]
            if n and review else [],
            "short_answer": topic.short_answer if own else "",
            "mistakes": topic.common_mistakes if own else ()}


@router.get("/answers/{uid}")
def answer_page(request: Request, uid: str):
    return _attempt_page(request, _answer_or_404(request, uid))


def _ticks(form: dict[str, str], n: int) -> list[int]:
    """The ticked points (``tick-N`` fields, N from 0) of a grade form; 400 for a field
    naming a point the answer does not have."""
    ticked = []
    for name in form:
        if not name.startswith("tick-"):
            continue
        index = name.removeprefix("tick-")
        if not index.isdigit() or int(index) >= n:
            raise HTTPException(400, f"{name}: expected key points tick-0 to tick-{n - 1}")
        ticked.append(int(index))
    return ticked


def _rating(value: str) -> int | None:
    """The rating field: "" for the suggested one, else 1-4; 400 otherwise."""
    value = value.strip()
    if value == "":
        return None
    if value not in ("1", "2", "3", "4"):
        raise HTTPException(400, f"rating: expected 1, 2, 3 or 4 (or nothing for the "
                            f"suggested one), got {value[:20]!r}")
    return int(value)


def _suggested(value: str, n: int) -> list[int]:
    """The pre-ticked points the form carried back (``"0,2"``; ``""``: none)."""
    if not value.strip():
        return []
    parts = [p.strip() for p in value.split(",")]
    if not all(p.isdigit() and int(p) < n for p in parts):
        raise HTTPException(400, f"suggested: expected point numbers from 0 to {n - 1}")
    return [int(p) for p in parts]


@router.post("/answers/{uid}/grade")
async def answer_grade(request: Request, uid: str):
    """Grade the answer from its ticks and rating, then show the outcome (303). A second
    submission of the form is shown the first one's outcome: one review, never two."""
    form = await form_dict(request)

    def grade():
        answer = _answer_or_404(request, uid)
        if answer.graded:
            return RedirectResponse(f"/answers/{uid}?already=1", status_code=303)
        n = len(answer.points)
        ticked = _ticks(form, n)
        rating = _rating(form.get("rating", ""))
        suggested = _suggested(form.get("suggested", ""), n)
        try:
            _practice(request).grade(uid, ticked, suggested=suggested, rating=rating,
                                     review=answer.kind == "card")
        except ValueError as exc:
            if "graded already" in str(exc):  # a double submit that raced past the check
                return RedirectResponse(f"/answers/{uid}?already=1", status_code=303)
            raise HTTPException(400, str(exc)) from None
        return RedirectResponse(f"/answers/{uid}", status_code=303)

    return await run_in_threadpool(grade)
