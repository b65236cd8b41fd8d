"""Exercise pages: statement, an editor prefilled with the starter, the judge's verdict."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from mlinterview.web.routes._common import form_dict, page, study

router = APIRouter(tags=["exercises"])


def _exercise_or_404(slug: str, name: str):
    from mlinterview.exercises import UnknownExerciseError, get

    try:
        return get(f"{slug}/{name}")
    except UnknownExerciseError as exc:
        raise HTTPException(404, str(exc).strip('"')) from None


@router.get("/exercises")
def exercise_index(request: Request):
    from mlinterview.exercises import registry

    items = []
    for e in registry().values():
        attempts = study(request).attempts(e.id, limit=1000)
        items.append({"exercise": e, "attempts": len(attempts),
                      "solved": any(a["verdict"] == "accepted" for a in attempts)})
    return page(request, "exercises.html", items=items)


def _context(request: Request, exercise, source: str | None = None, verdict=None):
    attempts = study(request).attempts(exercise.id, limit=10)
    if source is None:
        source = attempts[0]["source"] if attempts else exercise.starter
    return {"exercise": exercise, "source": source, "verdict": verdict, "attempts": attempts}


@router.get("/exercises/{slug}/{name}")
def exercise_page(request: Request, slug: str, name: str):
    exercise = _exercise_or_404(slug, name)
    return page(request, "exercise.html", **_context(request, exercise))


@router.post("/exercises/{slug}/{name}")
async def exercise_submit(request: Request, slug: str, name: str):
    from mlinterview.exercises import check

    exercise = _exercise_or_404(slug, name)
    form = await form_dict(request)
    source = form.get("source")
    if source is None or not source.strip():
        raise HTTPException(400, "source: the editor was empty")
    verdict = await run_in_threadpool(check, exercise.id, source)
    await run_in_threadpool(study(request).record_attempt, exercise.id, exercise.slug,
                            verdict, source)
    return page(request, "exercise.html", **_context(request, exercise, source, verdict))


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
