"""Exercise pages: statement, hints, an editor prefilled with the starter, Run and Submit.

One form holds everything the user types on the page: the code, their own input for a
Run, and their notes. Every button of the page (Run, Submit, Show a hint, Save notes,
the star) sends that form to its own route (``formaction``), and every route renders the
page again with what was sent, so nothing typed is lost whichever button is pressed, with
or without JavaScript. Notes sent with any of them are saved.

- ``POST /exercises/S/N`` (Submit): every case, stored as an attempt with the hints
  revealed; the verdict says "k of n passed" and shows the first failing case.
- ``POST /exercises/S/N/run`` (Run): the visible examples and the user's own input
  (:func:`mlinterview.exercises.judge.run_examples`); nothing is stored.
- ``POST /exercises/S/N/hint``: reveals hints up to the number sent (a reload of the
  answer shows the same hints, it does not reveal another).
- ``POST /exercises/S/N/notes`` and ``/star``: the user's notes and star.

Once an exercise is accepted its page shows the walkthrough and the reference solution,
the number of attempts and the best time (see :mod:`mlinterview.study.exercise_state`).

Judging and running go through the app's :class:`~mlinterview.web.admission.Admission`:
at most one judge per CPU, a bounded queue, then ``503`` with ``Retry-After``. A refused
submission is not lost: it is stored as an attempt with the verdict ``not judged`` (it
shows in the attempts table, and the editor opens with it next time), and the 503 page
is the exercise page with the code still in the editor.
"""

from __future__ import annotations

import functools

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
def exercise_index(request: Request, starred: bool = False):
    """Every exercise (``?starred=1``: the starred ones) with attempts, solved, star."""
    from mlinterview.exercises import registry

    tried = study(request).attempt_summary()
    stars = study(request).exercise_state.starred()
    items = []
    for e in registry().values():
        if starred and e.id not in stars:
            continue
        attempts, solved = tried.get(e.id, (0, False))
        items.append({"exercise": e, "attempts": attempts, "solved": solved,
                      "starred": e.id in stars})
    return page(request, "exercises.html", items=items, starred_only=starred)


@functools.lru_cache(maxsize=512)
def _input_example(exercise_id: str) -> str | None:
    """The first example's arguments as the user would type them (the placeholder of the
    Run input), computed once per exercise."""
    from mlinterview.exercises import get
    from mlinterview.exercises.user_input import example_text

    fixed = list(get(exercise_id).spec.fixed())
    return example_text(fixed[0]) if fixed else None


def _context(request: Request, exercise, source: str | None = None, verdict=None, *,
             run_input: str = "", notes: str | None = None, **extra):
    """What exercise.html shows: the code (as sent, else the latest attempt, else the
    starter), the attempts, the hints revealed, the progress and, once accepted, the
    walkthrough and the reference solution."""
    from mlinterview.exercises.judge import VISIBLE_CASES
    from mlinterview.render import highlight_code
    from mlinterview.study.exercise_state import format_seconds

    attempts = study(request).attempts(exercise.id, limit=10)
    progress = study(request).exercise_state.progress(exercise.id)
    if source is None:
        source = attempts[0]["source"] if attempts else exercise.starter
    return {"exercise": exercise, "source": source, "verdict": verdict, "attempts": attempts,
            "progress": progress, "hints": exercise.hints[:progress.hints_revealed],
            "notes": progress.notes if notes is None else notes,
            "run_input": run_input, "input_example": _input_example(exercise.id),
            "visible_cases": VISIBLE_CASES, "best_time": format_seconds(progress.best_seconds),
            "solution_code": (highlight_code(exercise.solution, "python")
                              if progress.accepted else None),
            **extra}


def _save_notes(request: Request, exercise, form: dict[str, str]) -> str | None:
    """Save the notes sent with the form (any button sends them); the notes as saved, or
    None when the form had none. Too long: 400, with nothing saved."""
    text = form.get("notes")
    if text is None:
        return None
    try:
        return study(request).exercise_state.set_notes(exercise.id, text)
    except (TypeError, ValueError) as exc:
        raise HTTPException(400, str(exc)) from None


def _sent_source(form: dict[str, str]) -> str | None:
    """The code in the editor as sent, or None when the form had none (the page then
    shows the latest attempt)."""
    source = form.get("source")
    return source if source is not None and source.strip() else None


@router.get("/exercises/{slug}/{name}")
def exercise_page(request: Request, slug: str, name: str, fresh: bool = False):
    """The exercise with the user's latest code in the editor; ``?fresh=1`` (a re-solve
    from the review page) opens the blank starter instead and starts a new round (no
    hints revealed, the clock from now)."""
    exercise = _exercise_or_404(slug, name)
    if fresh:
        study(request).exercise_state.start_round(exercise.id)
    else:
        study(request).exercise_state.open(exercise.id)  # the first look starts the clock
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
    notes = await run_in_threadpool(_save_notes, request, exercise, form)
    verdict, status, retry_after = await judge_admitted(request, exercise, source)
    await run_in_threadpool(study(request).record_attempt, exercise.id, exercise.slug,
                            verdict, source)
    iso = await run_in_threadpool(isolation) if verdict.judged else None
    response = await run_in_threadpool(
        lambda: page(request, "exercise.html", status_code=status, isolation=iso,
                     **_context(request, exercise, source, verdict, notes=notes,
                                run_input=form.get("input", ""))))
    if retry_after is not None:
        response.headers["Retry-After"] = str(retry_after)
    return response


@router.post("/exercises/{slug}/{name}/run")
async def exercise_run(request: Request, slug: str, name: str):
    """Run the code on the visible examples and the user's own input; nothing stored."""
    from mlinterview.exercises.judge import InvalidInput, run_examples, visible_examples
    from mlinterview.exercises.user_input import InputError, user_case

    exercise = _exercise_or_404(slug, name)
    form = await form_dict(request)
    source = form.get("source")
    if source is None or not source.strip():
        raise HTTPException(400, "source: the editor was empty")
    notes = await run_in_threadpool(_save_notes, request, exercise, form)
    text = form.get("input", "")

    def again(status: int, **extra):
        return page(request, "exercise.html", status_code=status,
                    **_context(request, exercise, source, notes=notes, run_input=text,
                               **extra))

    mine = None
    if text.strip():
        try:
            examples, _ = await run_in_threadpool(visible_examples, exercise.spec)
            mine = user_case(text, exercise.arg_names, examples[0] if examples else None)
        except InputError as exc:
            return await run_in_threadpool(again, 400, run_error=str(exc))
    try:
        result = await admission.of_app(request.app).run(
            run_examples, exercise.spec, source, mine, arg_names=exercise.arg_names,
            nice=JUDGE_NICE, exercise_id=exercise.id)
    except InvalidInput as exc:
        return await run_in_threadpool(again, 400, run_error=str(exc))
    except admission.Busy as busy:
        response = await run_in_threadpool(
            again, 503, run_error=f"The server is busy ({busy.load.running} runs and "
            f"submissions being judged, {busy.load.waiting} waiting): run again in about "
            f"{busy.retry_after} s.")
        response.headers["Retry-After"] = str(busy.retry_after)
        return response
    return await run_in_threadpool(again, 200, run_result=result)


def _hint_number(raw: str | None, available: int) -> int | None:
    """The hint number a form asks for (None: the next one); 400 if it is not one."""
    if raw is None or raw == "":
        return None
    if raw.isascii() and raw.isdigit() and 1 <= int(raw) <= available:
        return int(raw)
    raise HTTPException(400, f"hint: expected a hint number from 1 to {available}, "
                        f"got {raw[:40]!r}")


@router.post("/exercises/{slug}/{name}/hint")
async def exercise_hint(request: Request, slug: str, name: str):
    """Reveal the hints up to the number sent (the next one without a number)."""
    exercise = _exercise_or_404(slug, name)
    form = await form_dict(request)
    upto = _hint_number(form.get("hint"), len(exercise.hints))

    def reveal():
        notes = _save_notes(request, exercise, form)
        study(request).exercise_state.reveal_hint(exercise.id, len(exercise.hints), upto=upto)
        return page(request, "exercise.html",
                    **_context(request, exercise, _sent_source(form), notes=notes,
                               run_input=form.get("input", ""), hint_shown=True))

    return await run_in_threadpool(reveal)


@router.post("/exercises/{slug}/{name}/notes")
async def exercise_notes(request: Request, slug: str, name: str):
    """Save the notes (an empty field deletes them)."""
    exercise = _exercise_or_404(slug, name)
    form = await form_dict(request)
    if "notes" not in form:
        raise HTTPException(400, "notes: the form had no notes field")

    def save():
        notes = _save_notes(request, exercise, form)
        return page(request, "exercise.html",
                    **_context(request, exercise, _sent_source(form), notes=notes,
                               run_input=form.get("input", ""), notes_saved=True))

    return await run_in_threadpool(save)


@router.post("/exercises/{slug}/{name}/star")
async def exercise_star(request: Request, slug: str, name: str):
    """Star (``star=1``) or unstar (``star=0``) the exercise."""
    exercise = _exercise_or_404(slug, name)
    form = await form_dict(request)
    value = form.get("star")
    if value not in ("0", "1"):
        raise HTTPException(400, "star: expected 1 (star it) or 0 (remove the star), "
                            f"got {(value or '')[:40]!r}")

    def save():
        notes = _save_notes(request, exercise, form)
        study(request).exercise_state.set_starred(exercise.id, value == "1")
        return page(request, "exercise.html",
                    **_context(request, exercise, _sent_source(form), notes=notes,
                               run_input=form.get("input", "")))

    return await run_in_threadpool(save)


@router.get("/exercises/{slug}/{name}/solution")
def exercise_solution(request: Request, slug: str, name: str):
    """The reference solution and its walkthrough, for whoever asks (the exercise page
    shows them itself once the exercise is accepted)."""
    from mlinterview.render import highlight_code

    exercise = _exercise_or_404(slug, name)
    return page(request, "solution.html", exercise=exercise,
                code=highlight_code(exercise.solution, "python"))


@router.get("/exercises/{slug}/{name}/starter.py")
def exercise_starter(slug: str, name: str):
    exercise = _exercise_or_404(slug, name)
    return PlainTextResponse(exercise.starter, media_type="text/x-python", headers={
        "content-disposition": f'attachment; filename="{exercise.name.replace("-", "_")}.py"'})
