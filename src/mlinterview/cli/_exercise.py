"""``mlinterview exercise``: list, start, check and see the solution of exercises."""

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
        "Start one (writes a starter file), edit it, check it; each attempt is stored.\n\n"
        "Example: mlinterview exercise start classification-metrics/precision-recall-f1"
    ),
)


def _exercise_or_exit(exercise_id: str):
    from mlinterview.exercises import UnknownExerciseError, get

    try:
        return get(exercise_id)
    except UnknownExerciseError as exc:
        o.fail(str(exc).strip('"'), code=2)


@exercise_app.command("list")
def list_(
    slug: str = typer.Option(None, "--slug", help="Only this topic's exercises."),
    json_: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the exercises with their level (E easy, M medium, H hard) and your best result so far.

    Example: mlinterview exercise list --json
    """
    from mlinterview.exercises import registry
    from mlinterview.study import Study

    if slug is not None:
        from mlinterview.cli import _topic_or_exit

        _topic_or_exit(slug)  # an unknown slug is a mistake, not "0 exercises"
    exercises = [e for e in registry().values() if slug is None or e.slug == slug]
    tried = Study().attempt_summary()
    rows = []
    for e in exercises:
        attempts, solved = tried.get(e.id, (0, False))
        rows.append({"id": e.id, "slug": e.slug, "title": e.title, "function": e.spec.function,
                     "level": e.level, "attempts": attempts, "solved": solved})
    if json_:
        o.print_json(rows)
        return
    o.table(["id", "title", "level", "attempts", "solved"],
            [[r["id"], r["title"], r["level"], r["attempts"], r["solved"]] for r in rows],
            title=f"{len(rows)} exercises", numeric=[3])


@exercise_app.command()
def show(exercise_id: str = typer.Argument(..., metavar="ID", help="slug/name")) -> None:
    """Print an exercise's statement.

    Example: mlinterview exercise show classification-metrics/precision-recall-f1
    """
    exercise = _exercise_or_exit(exercise_id)
    o.markdown(exercise.statement)


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
    from mlinterview.study.atomic import atomic_write

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
    o.markdown(exercise.statement)
    o.say()
    o.say(f"Starter written to {target}", style="green")
    o.say(f"Check it with: mlinterview exercise check {exercise.id} {target}")


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

    Example: mlinterview exercise check classification-metrics/precision-recall-f1 sol.py
    """
    from mlinterview.exercises import check as judge_source
    from mlinterview.exercises.judge import isolation
    from mlinterview.study import Study

    exercise = _exercise_or_exit(exercise_id)
    o.regular_file(file, "FILE")
    try:
        source = file.read_text(encoding="utf-8")
    except OSError as exc:
        o.fail(f"cannot read {file}: {exc.strerror or exc}", code=2)
    except UnicodeDecodeError as exc:
        o.fail(f"cannot read {file}: not UTF-8 text (byte {exc.start})", code=2)
    if o.is_terminal() and not json_:
        with o.err().status(f"Judging {file} ..."):
            verdict = judge_source(exercise.id, source)
    else:
        verdict = judge_source(exercise.id, source)
    Study().record_attempt(exercise.id, exercise.slug, verdict, source)
    if json_:
        data = verdict.to_dict()
        o.print_json({"id": exercise.id, "verdict": data["verdict"], "passed": data["passed"],
                      "total": data["total"], "first_failure": data["first_failure"],
                      "message": data["message"], "seconds": round(data["seconds"], 3),
                      "isolation": {"kind": isolation().kind,
                                    "description": isolation().description}})
    else:
        show_verdict(verdict, exercise.slug, verbose=verbose)
    raise typer.Exit(0 if verdict.accepted else 1)


def show_verdict(verdict, slug: str, *, verbose: bool = False) -> None:
    """Print a judge's verdict: the outcome, its message, the first failing case (input,
    expected, received) and what the program printed (also used by ``mock``)."""
    from mlinterview.exercises.judge import isolation

    style = "bold green" if verdict.accepted else "bold red"
    o.say(f"{verdict.verdict.upper()}: {verdict.passed}/{verdict.total} cases passed "
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
def solution(exercise_id: str = typer.Argument(..., metavar="ID", help="slug/name")) -> None:
    """Print the reference solution of an exercise.

    Example: mlinterview exercise solution classification-metrics/precision-recall-f1
    """
    exercise = _exercise_or_exit(exercise_id)
    if o.is_terminal():
        from rich.syntax import Syntax

        o.out().print(Syntax(exercise.solution, "python", theme="default", line_numbers=True))
    else:
        o.say(exercise.solution.rstrip())
