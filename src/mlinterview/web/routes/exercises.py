"""Exercise pages: statement, an editor prefilled with the starter, the judge's verdict.

Submissions go through the app's :class:`~mlinterview.web.admission.Admission`: at most
one judge per CPU, a bounded queue, then ``503`` with ``Retry-After``. A refused
submission is not lost: it is stored as an attempt with the verdict ``not judged`` (it
shows in the attempts table, and the editor opens with it next time), and the 503 page
is the exercise page with the code still in the editor.
"""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from mlinterview.web import admission
from mlinterview.web.routes._common import form_dict, page, study

router = APIRouter(tags=["exercises"])

# Judges run below the server's priority, so page reads stay quick while they work.
JUDGE_NICE = 10


def _exercise_or_404(slug: str, name: str):
    from mlinterview.exercises import UnknownExerciseError, get

    try:
        return get(f"{slug}/{name}")
    except UnknownExerciseError as exc:
        raise HTTPException(404, str(exc).strip('"')) from None


@router.get("/exercises")
def exercise_index(request: Request):
    from mlinterview.exercises import registry

    tried = study(request).attempt_summary()
    items = []
    for e in registry().values():
        attempts, solved = tried.get(e.id, (0, False))
        items.append({"exercise": e, "attempts": attempts, "solved": solved})
    return page(request, "exercises.html", items=items)


def _context(request: Request, exercise, source: str | None = None, verdict=None):
    attempts = study(request).attempts(exercise.id, limit=10)
    if source is None:
        source = attempts[0]["source"] if attempts else exercise.starter
    return {"exercise": exercise, "source": source, "verdict": verdict, "attempts": attempts}


@router.get("/exercises/{slug}/{name}")
def exercise_page(request: Request, slug: str, name: str, fresh: bool = False):
    """The exercise with the user's latest code in the editor; ``?fresh=1`` (a re-solve
    from the review page) opens the blank starter instead and starts a new round (no
    hints revealed, the clock from now)."""
    exercise = _exercise_or_404(slug, name)
    if fresh:
        study(request).exercise_state.start_round(exercise.id)
    return page(request, "exercise.html",
                **_context(request, exercise, exercise.starter if fresh else None))


async def judge_admitted(request: Request, exercise, source: str):
    """Judge ``source`` through the app's admission queue: ``(verdict, status,
    retry_after)``, status 200, or 503 with a "not judged" verdict when the queue is full
    (the caller still stores the attempt, so the user's code is never lost)."""
    from mlinterview.exercises.judge import judge

    try:
        verdict = await admission.of_app(request.app).run(
            judge, exercise.spec, source, arg_names=exercise.arg_names, nice=JUDGE_NICE)
    except admission.Busy as busy:
        return _not_judged(busy), 503, busy.retry_after
    return verdict, 200, None


def _not_judged(busy: admission.Busy):
    """The verdict stored for a submission the busy server could not take."""
    from mlinterview.exercises.judge import NOT_JUDGED, Verdict

    load = busy.load
    return Verdict(NOT_JUDGED, 0, 0,
                   f"The server was busy ({load.running} submissions being judged, "
                   f"{load.waiting} waiting), so yours was saved but not judged. "
                   f"Submit it again in about {busy.retry_after} s.")


@router.post("/exercises/{slug}/{name}")
async def exercise_submit(request: Request, slug: str, name: str):
    from mlinterview.exercises.judge import isolation

    exercise = _exercise_or_404(slug, name)
    form = await form_dict(request)
    source = form.get("source")
    if source is None or not source.strip():
        raise HTTPException(400, "source: the editor was empty")
    verdict, status, retry_after = await judge_admitted(request, exercise, source)
    await run_in_threadpool(study(request).record_attempt, exercise.id, exercise.slug,
                            verdict, source)
    response = page(request, "exercise.html", status_code=status,
                    isolation=await run_in_threadpool(isolation) if verdict.judged else None,
                    **_context(request, exercise, source, verdict))
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


@router.get("/exercises/{slug}/{name}/solution")
def exercise_solution(request: Request, slug: str, name: str):
    from mlinterview.render import highlight_code

    exercise = _exercise_or_404(slug, name)
    return page(request, "solution.html", exercise=exercise,
                code=highlight_code(exercise.solution, "python"))


@router.get("/exercises/{slug}/{name}/starter.py")
def exercise_starter(slug: str, name: str):
    exercise = _exercise_or_404(slug, name)
    return PlainTextResponse(exercise.starter, media_type="text/x-python", headers={
        "content-disposition": f'attachment; filename="{exercise.name.replace("-", "_")}.py"'})
