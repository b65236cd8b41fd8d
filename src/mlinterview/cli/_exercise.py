"""``mlinterview exercise``: list, show, start, hint, run, check, see the solution of
exercises, keep notes and a star on them, and export one as a notebook.

Run (``exercise run``) judges the visible examples and your own input and stores nothing;
check (``exercise check``) judges every case and stores the attempt, with the hints you
had revealed. The per-exercise state (hints, notes, star, the solving clock) is
:mod:`mlinterview.study.exercise_state`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from mlinterview.cli import _output as o

exercise_app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode="rich",
    help=(
        "Solve coding exercises against the judge.\n\n"
        "Start one (writes a starter file), edit it, run it on the examples and your own "
        "input, reveal a hint if you are stuck, then check it on every case; each check is "
        "stored.\n\n"
        "Example: mlinterview exercise start classification-metrics/precision-recall-f1"
    ),
)

ID_HELP = "The exercise, as slug/name (see `mlinterview exercise list`)."


def duration(seconds: float | None) -> str:
    """A solving time for people (``"12 min 5 s"``; ``"-"`` for None)."""
    from mlinterview.study.exercise_state import format_seconds

    return format_seconds(seconds)


def _read_source(file: Path) -> str:
    """The text of the user's solution file, or one line on stderr and exit 2."""
    o.regular_file(file, "FILE")
    try:
        return file.read_text(encoding="utf-8")
    except OSError as exc:
        o.fail(f"cannot read {file}: {exc.strerror or exc}", code=2)
    except UnicodeDecodeError as exc:
        o.fail(f"cannot read {file}: not UTF-8 text (byte {exc.start})", code=2)


def _exercise_or_exit(exercise_id: str):
    from mlinterview.exercises import UnknownExerciseError, get

    try:
        return get(exercise_id)
    except UnknownExerciseError as exc:
        o.fail(str(exc).strip('"'), code=2)


@exercise_app.command("list")
def list_(
    slug: str = typer.Option(None, "--slug", help="Only this topic's exercises."),
    starred: bool = typer.Option(False, "--starred", help="Only the exercises you starred."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the exercises with their level (E easy, M medium, H hard) and your best result so far.

    A star (`mlinterview exercise star ID`) marks an exercise to come back to; `--starred`
    lists only those.

    Example: mlinterview exercise list --starred --json
    """
    from mlinterview.exercises import registry
    from mlinterview.study import Study

    if slug is not None:
        from mlinterview.cli import _topic_or_exit

        _topic_or_exit(slug)  # an unknown slug is a mistake, not "0 exercises"
    study = Study()
    stars = study.exercise_state.starred()
    exercises = [e for e in registry().values() if (slug is None or e.slug == slug)
                 and (not starred or e.id in stars)]
    tried = study.attempt_summary()
    rows = []
    for e in exercises:
        attempts, solved = tried.get(e.id, (0, False))
        rows.append({"id": e.id, "slug": e.slug, "title": e.title, "function": e.spec.function,
                     "level": e.level, "attempts": attempts, "solved": solved,
                     "starred": e.id in stars})
    if json_:
        o.print_json(rows)
        return
    if starred and not rows:
        o.say("No starred exercises. Star one with: mlinterview exercise star ID")
        return
    o.table(["id", "title", "level", "attempts", "solved", "star"],
            [[r["id"], r["title"], r["level"], r["attempts"], r["solved"],
              "*" if r["starred"] else ""] for r in rows],
            title=f"{len(rows)} exercises", numeric=[3])


@exercise_app.command()
def show(exercise_id: str = typer.Argument(..., metavar="ID", help="slug/name")) -> None:
    """Print an exercise's statement, its level, and how you are doing on it.

    Example: mlinterview exercise show classification-metrics/precision-recall-f1
    """
    from mlinterview.study import Study
    from mlinterview.study.store import StoreError

    exercise = _exercise_or_exit(exercise_id)
    o.markdown(exercise.statement)
    o.say()
    try:
        state = Study().exercise_state
        state.open(exercise.id)  # the first look starts the solving clock
        progress = state.progress(exercise.id)
    except StoreError as exc:  # the statement needs no study data: say why the rest is missing
        o.say(f"Level {exercise.level} ({exercise.level_name}). Your progress cannot be "
              f"shown: {exc}", style="dim")
        return
    o.say(f"Level {exercise.level} ({exercise.level_name}). "
          f"{len(exercise.hints)} hints, {progress.hints_revealed} revealed: "
          f"mlinterview exercise hint {exercise.id}", style="dim")
    _show_progress(progress)
    if progress.notes:
        o.say()
        o.say("Your notes:", style="bold")
        o.say(progress.notes)


def _show_progress(progress) -> None:
    """One line: attempts, solved or not, best time, starred."""
    parts = [f"{progress.attempts} attempt{'s' if progress.attempts != 1 else ''}"]
    if progress.accepted:
        parts.append("solved")
        parts.append(f"best time {duration(progress.best_seconds)}"
                     if progress.best_seconds is not None else "no timed solve yet")
    if progress.starred:
        parts.append("starred")
    o.say("; ".join(parts) + ".", style="dim")


@exercise_app.command()
def start(
    exercise_id: str = typer.Argument(..., metavar="ID", help="slug/name"),
    directory: Annotated[Path, typer.Argument(metavar="DIR",
                                              help="Where to write the file.")] = Path("."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
) -> None:
    """Write the starter file of an exercise and print its statement.

    Example: mlinterview exercise start classification-metrics/precision-recall-f1 work/
    """
    from mlinterview.study import Study
    from mlinterview.study.atomic import atomic_write
    from mlinterview.study.store import StoreError

    exercise = _exercise_or_exit(exercise_id)
    target = directory / f"{exercise.name.replace('-', '_')}.py"
    if target.exists() and not force:
        o.fail(f"{target} exists; pass --force to overwrite it", code=1)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Whole or not at all: a half-written starter could be taken for the user's work.
        with atomic_write(target) as fh:
            fh.write(exercise.starter)
    except OSError as exc:
        o.fail(f"cannot write {target}: {exc}")
    # A fresh starter is a fresh try: a new round (clock from now, no hints) unless one runs.
    try:
        Study().exercise_state.start_round(exercise.id)
    except StoreError as exc:  # the starter is written; only the solving clock is missing
        o.err().print(f"warning: the solving time is not recorded: {exc}", markup=False,
                      soft_wrap=True)
    o.markdown(exercise.statement)
    o.say()
    o.say(f"Starter written to {target}", style="green")
    o.say(f"Run it on the examples: mlinterview exercise run {exercise.id} {target}")
    o.say(f"Check it on every case: mlinterview exercise check {exercise.id} {target}")


@exercise_app.command()
def check(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help="slug/name")],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Your solution file.")],
    json_: Annotated[bool, typer.Option("--json", help="Print the verdict as JSON.")] = False,
    verbose: Annotated[bool, typer.Option(
        "--verbose", "-v", help="Also say how the run was isolated from your files.")] = False,
) -> None:
    """Judge your solution: exit 0 if accepted, 1 if rejected, 2 on a usage error.

    The file runs in a separate, limited process (on Linux, in a sandbox that sees only
    its own folder; `--verbose` says which). On failure you see the first failing case:
    its input, the expected and the received value.

    Once accepted you see your attempt count and best time; the reference solution and
    its walkthrough are then in `mlinterview exercise solution ID`.

    Example: mlinterview exercise check classification-metrics/precision-recall-f1 sol.py
    """
    from mlinterview.exercises import check as judge_source
    from mlinterview.exercises import known
    from mlinterview.exercises.judge import isolation, probe_early
    from mlinterview.study import Study

    if not known(exercise_id):
        _exercise_or_exit(exercise_id)  # exits, naming the closest ids
    source = _read_source(file)
    probe_early()  # the sandbox's probe (a process) runs while the exercise loads
    exercise = _exercise_or_exit(exercise_id)
    if o.is_terminal() and not json_:
        with o.err().status(f"Judging {file} ..."):
            verdict = judge_source(exercise.id, source)
    else:
        verdict = judge_source(exercise.id, source)
    study = Study()
    uid = study.record_attempt(exercise.id, exercise.slug, verdict, source)
    stored = next(a for a in study.attempts(exercise.id, limit=5) if a["uid"] == uid)
    progress = study.exercise_state.progress(exercise.id)
    if json_:
        data = verdict.to_dict()
        o.print_json({"id": exercise.id, "verdict": data["verdict"], "passed": data["passed"],
                      "total": data["total"], "first_failure": data["first_failure"],
                      "message": data["message"], "seconds": round(data["seconds"], 3),
                      "hints_used": stored["hints_used"],
                      "solve_seconds": stored["solve_seconds"],
                      "attempts": progress.attempts, "best_seconds": progress.best_seconds,
                      "isolation": {"kind": isolation().kind,
                                    "description": isolation().description}})
    else:
        show_verdict(verdict, exercise.slug, verbose=verbose)
        if verdict.accepted:
            o.say()
            took = (f" in {duration(stored['solve_seconds'])} from the start of this try"
                    if stored["solve_seconds"] is not None else "")
            hints = stored["hints_used"] or 0
            o.say(f"Solved{took}, with {hints} hint{'s' if hints != 1 else ''}.",
                  style="green")
            _show_progress(progress)
            o.say(f"The reference solution and its walkthrough: "
                  f"mlinterview exercise solution {exercise.id}")
    raise typer.Exit(0 if verdict.accepted else 1)


def show_verdict(verdict, slug: str, *, verbose: bool = False) -> None:
    """Print a judge's verdict: the outcome, its message, the first failing case (input,
    expected, received) and what the program printed (also used by ``mock``)."""
    from mlinterview.exercises.judge import isolation

    style = "bold green" if verdict.accepted else "bold red"
    o.say(f"{verdict.verdict.upper()}: {verdict.passed} of {verdict.total} cases passed "
          f"({verdict.seconds:.2f} s)", style=style)
    o.say(verdict.message)
    if verbose:
        o.say(f"Judged {isolation().description}.", style="dim")
    f = verdict.first_failure
    if f is not None:
        o.say()
        o.say(f"First failing case ({f.case}{': ' + f.note if f.note else ''})", style="bold")
        o.say(f"  input:    {f.input}")
        o.say(f"  expected: {f.expected}")
        o.say(f"  received: {f.received}")
    if verdict.output.strip():
        o.say()
        o.say("Your program printed:", style="dim")
        o.say(verdict.output.rstrip()[-1500:])
    if not verdict.accepted:
        o.say()
        o.say(f"The topic {slug} is now due for review.", style="dim")


@exercise_app.command()
def solution(
    exercise_id: str = typer.Argument(..., metavar="ID", help="slug/name"),
    code: bool = typer.Option(False, "--code",
                              help="Only the code (to save it to a file), no walkthrough."),
) -> None:
    """Print the reference solution of an exercise and its walkthrough (idea, complexity,
    pitfalls).

    Example: mlinterview exercise solution classification-metrics/precision-recall-f1
    """
    exercise = _exercise_or_exit(exercise_id)
    if o.is_terminal() and not code:
        from rich.syntax import Syntax

        o.out().print(Syntax(exercise.solution, "python", theme="default", line_numbers=True))
    else:
        o.say(exercise.solution.rstrip())
    if not code:
        o.say()
        o.markdown("## Walkthrough\n\n" + exercise.walkthrough)


@exercise_app.command()
def hint(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help=ID_HELP)],
    all_: Annotated[bool, typer.Option("--all", help="Reveal every hint at once.")] = False,
    json_: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Reveal the next hint of an exercise: first the idea, then the formula, then the
    shape of the code.

    Hints come one at a time and stay revealed; the hints you had revealed are stored with
    each attempt you check, and `mlinterview stats` counts the exercises you solved
    without them. When all are revealed, they are shown again.

    Example: mlinterview exercise hint classification-metrics/precision-recall-f1
    """
    from mlinterview.study import Study

    exercise = _exercise_or_exit(exercise_id)
    total = len(exercise.hints)
    state = Study().exercise_state
    before = state.progress(exercise.id).hints_revealed
    revealed = state.reveal_hint(exercise.id, total, upto=total if all_ else None)
    # The new ones; with nothing new (all were shown) every hint again.
    shown = range(before, revealed) if revealed > before else range(revealed)
    if json_:
        o.print_json({"id": exercise.id, "revealed": revealed, "total": total,
                      "hints": [{"number": i + 1, "text": exercise.hints[i]} for i in shown]})
        return
    if revealed == before:
        o.say(f"All {total} hints are revealed already:", style="dim")
    for i in shown:
        o.say(f"hint {i + 1} of {total}", style="bold")
        o.markdown(exercise.hints[i])
    if revealed < total:
        o.say(f"Next hint: mlinterview exercise hint {exercise.id}", style="dim")


@exercise_app.command()
def run(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help=ID_HELP)],
    file: Annotated[Path, typer.Argument(metavar="FILE", help="Your solution file.")],
    input_: Annotated[str | None, typer.Option(
        "--input", "-i", metavar="ARGS",
        help="Your own arguments, as in a call: '[1, 0, 1], [1, 1, 0]' (Python literals; "
             "keywords too: average='macro'). The expected value is the reference's.")
    ] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the run as JSON.")] = False,
) -> None:
    """Run your solution on the exercise's visible examples and on your own input.

    Every case is shown with its input, the expected and the received value. The visible
    examples are the exercise's first 3 fixed cases; the expected value of your input is
    computed by the reference solution inside the judge, never by your code. A run is not
    an attempt: nothing is stored. Exit 0 if every case passed, 1 if not, 2 on a usage
    error (an input that is not literals, or that the function refuses).

    Example: mlinterview exercise run lcs/lcs-length-and-sequence lcs.py --input "'abcb', 'bcab'"
    """
    from mlinterview.exercises.judge import InvalidInput, run_examples, visible_examples
    from mlinterview.exercises.user_input import InputError, user_case

    exercise = _exercise_or_exit(exercise_id)
    source = _read_source(file)
    mine = None
    if input_ is not None:
        examples, _ = visible_examples(exercise.spec)
        try:
            mine = user_case(input_, exercise.arg_names, examples[0] if examples else None)
        except InputError as exc:
            o.fail(str(exc), code=2)
    try:
        if o.is_terminal() and not json_:
            with o.err().status(f"Running {file} ..."):
                result = run_examples(exercise.spec, source, mine, arg_names=exercise.arg_names,
                                      exercise_id=exercise.id)
        else:
            result = run_examples(exercise.spec, source, mine, arg_names=exercise.arg_names,
                                  exercise_id=exercise.id)
    except InvalidInput as exc:
        o.fail(str(exc), code=2)
    if json_:
        o.print_json({"id": exercise.id, **result.to_dict(), "stored": False})
    else:
        show_run(result)
        o.say()
        o.say("A run is not an attempt: nothing was stored. Check every case with: "
              f"mlinterview exercise check {exercise.id} {file}", style="dim")
    raise typer.Exit(0 if result.ok else 1)


def show_run(result) -> None:
    """Print a Run: each case (label, input, expected, received) and the outcome."""
    for case in result.cases:
        mark = {True: "passed", False: "FAILED", None: "-"}[case.passed]
        note = f" ({case.note})" if case.note else ""
        o.say(f"{case.label}{note}: {mark}", style="green" if case.passed else "bold red")
        o.say(f"  input:    {case.input}")
        o.say(f"  expected: {case.expected}")
        o.say(f"  received: {case.received}")
        if case.reason and not case.passed:
            o.say(f"  why:      {case.reason.splitlines()[0]}")
    if result.cases:
        o.say()
    o.say(result.message, style="green" if result.ok else "bold red")
    if result.output.strip():
        o.say()
        o.say("Your program printed:", style="dim")
        o.say(result.output.rstrip()[-1500:])


@exercise_app.command()
def notes(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help=ID_HELP)],
    set_: Annotated[str | None, typer.Option("--set", metavar="TEXT",
                                             help="Replace your notes with TEXT.")] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Delete your notes.")] = False,
) -> None:
    """Show your notes on an exercise, or replace them (`--set`, `--clear`).

    Notes are plain text, kept in your study data beside the exercise and shown on its
    page and by `mlinterview exercise show`.

    Example: mlinterview exercise notes classification-metrics/precision-recall-f1 --set 'mind 0/0'
    """
    from mlinterview.study import Study

    exercise = _exercise_or_exit(exercise_id)
    if set_ is not None and clear:
        o.fail("--set and --clear: give one of them", code=2)
    state = Study().exercise_state
    if set_ is None and not clear:
        text = state.progress(exercise.id).notes
        o.say(text if text else f"No notes on {exercise.id}. Add some with --set TEXT.")
        return
    try:
        state.set_notes(exercise.id, "" if clear else set_)
    except ValueError as exc:
        o.fail(str(exc), code=2)
    o.say(f"Notes on {exercise.id} " + ("deleted." if clear else "saved."))


@exercise_app.command()
def star(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help=ID_HELP)],
    off: Annotated[bool, typer.Option("--off", help="Remove the star.")] = False,
) -> None:
    """Star an exercise to come back to it (`--off` removes the star).

    Starred exercises are listed by `mlinterview exercise list --starred` and marked on
    the web list.

    Example: mlinterview exercise star classification-metrics/precision-recall-f1
    """
    from mlinterview.study import Study

    exercise = _exercise_or_exit(exercise_id)
    Study().exercise_state.set_starred(exercise.id, not off)
    o.say(f"{exercise.id} is {'no longer starred' if off else 'starred'}.")


@exercise_app.command()
def notebook(
    exercise_id: Annotated[str, typer.Argument(metavar="ID", help=ID_HELP)],
    out: Annotated[Path, typer.Argument(metavar="OUT.ipynb", help="The notebook to write.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write an exercise as a Jupyter notebook: the statement, the hints (folded), a
    starter cell and a cell that judges your solution with the local judge.

    The last cell calls `check_notebook_function`, which judges the whole starter cell in
    a separate, limited process, prints "k of n passed" and the first failing case, and
    stores the attempt as `exercise check` does.

    Example: mlinterview exercise notebook classification-metrics/precision-recall-f1 prf.ipynb
    """
    from mlinterview.exercises.notebook import write_notebook

    exercise = _exercise_or_exit(exercise_id)
    if out.suffix != ".ipynb":
        o.fail(f"OUT.ipynb: expected a file name ending in .ipynb, got {str(out)!r}", code=2)
    if out.is_dir():
        o.fail(f"OUT.ipynb: {out} is a folder", code=2)
    if out.exists() and not force:
        o.fail(f"{out} exists; pass --force to overwrite it", code=1)
    try:
        write_notebook(exercise, out)
    except OSError as exc:
        o.fail(f"cannot write {out}: {exc.strerror or exc}")
    o.say(f"Notebook written to {out}", style="green")
    o.say("Open it with Jupyter (pip install notebook), run the starter cell, then the last "
          "cell to judge it.")
