"""``mlinterview mock``: a timed mock interview in the terminal, resumable.

A view over :mod:`mlinterview.practice.mock`: it shows the time left before each step,
reads and grades answers with the answer-first pieces of :mod:`mlinterview.cli._answer`,
judges the exercise as ``exercise check`` does, and prints the report. Each answer is
stored the moment it is written and each step's end is one transaction, so Ctrl-C or a
killed terminal loses nothing: the next ``mlinterview mock`` offers to resume.

For scripts and tests, ``--answers DIR`` takes the answers from files instead of asking:
``SLUG.md`` for a card's question, ``SLUG.follow-up.md`` for its follow-up and the file
``exercise start`` would write (``NAME.py``) for the exercise; ``--ticks all|none`` or
``--accept-suggested`` grade them without asking. A missing file pauses the session
there (exit 0), to be resumed with ``--resume``.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mlinterview.cli import _output as o

if TYPE_CHECKING:
    from mlinterview.practice import Practice
    from mlinterview.practice.mock import MockSession, Report, Step, Summary

SPARKS = "▁▂▃▄▅▆▇█"


def _split(values: list[str] | None, option: str) -> list[str]:
    """Repeated options and comma-separated lists alike: ``--area a,b --area c``. A value
    with no name in it (``--area ""``) is a mistake, not "every area": exit 2."""
    names = []
    for value in values or ():
        found = [v.strip() for v in value.split(",") if v.strip()]
        if not found:
            o.fail(f"{option}: expected a name, got {value!r}", code=2)
        names += found
    return names


def clock(delta: timedelta | float) -> str:
    """``12:05 left`` or ``3:10 over`` (the deadline passed)."""
    from mlinterview.cli._answer import format_seconds

    seconds = delta.total_seconds() if isinstance(delta, timedelta) else delta
    if seconds >= 0:
        return f"{format_seconds(seconds)} left"
    return f"{format_seconds(-seconds)} over"


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.0%}"


# -- history and trend -------------------------------------------------------------------


def trend_line(summaries: list[Summary]) -> str | None:
    """The coverage of finished sessions, oldest to newest, as a sparkline with the first
    and the latest value (None before two finished sessions have a coverage)."""
    points = [s.coverage for s in reversed(summaries)
              if s.state == "finished" and s.coverage is not None]
    if len(points) < 2:
        return None
    marks = "".join(SPARKS[min(len(SPARKS) - 1, int(c * len(SPARKS)))] for c in points)
    return (f"Coverage over {len(points)} finished sessions, oldest to newest: {marks}  "
            f"{_pct(points[0])} -> {_pct(points[-1])}")


def show_history(summaries: list[Summary], *, title: str = "Mock interviews") -> None:
    """The sessions (newest first) in a table, and the coverage trend under it."""
    from mlinterview.cli._answer import format_seconds

    if not summaries:
        o.say("No mock interviews yet: mlinterview mock --minutes 30")
        return
    o.table(["id", "started (UTC)", "minutes", "state", "answered", "coverage", "time",
             "exercise"],
            [[s.uid[:8], f"{s.created_at:%Y-%m-%d %H:%M}", s.minutes, s.state,
              f"{s.answered}/{s.asked}", _pct(s.coverage), format_seconds(s.total_seconds),
              s.verdict or "-"] for s in summaries],
            title=title, numeric=[2])
    line = trend_line(summaries)
    if line:
        o.say(line)


def summary_json(s: Summary) -> dict:
    return {"uid": s.uid, "created_at": s.created_at.isoformat(), "minutes": s.minutes,
            "state": s.state, "answered": s.answered, "asked": s.asked,
            "coverage": s.coverage, "total_seconds": s.total_seconds, "verdict": s.verdict}


# -- the report --------------------------------------------------------------------------


def show_report(report: Report) -> None:
    """Time per question against its budget, points covered, the exercise, what next."""
    from mlinterview.cli._answer import format_seconds

    o.say(f"Mock interview {report.uid[:8]}: {report.state}, {report.minutes} minutes "
          f"(seed {report.seed})", style="bold")
    rows = []
    for i, q in enumerate(report.questions, 1):
        label = q.slug if q.kind == "card" else f"  follow-up ({q.slug})"
        covered = "not answered" if not q.answered else (
            "not graded" if q.covered is None else f"{q.covered}/{q.total} ({_pct(q.coverage)})")
        rows.append([i, label, format_seconds(q.seconds), format_seconds(q.budget), covered])
    if rows:
        o.table(["#", "question", "time", "budget", "key points"], rows, numeric=[0])
    ex = report.exercise
    if ex is not None:
        verdict = ("not submitted" if ex.verdict is None else
                   f"{ex.verdict}, {ex.passed}/{ex.total} cases ({ex.attempts} submission"
                   f"{'s' if ex.attempts != 1 else ''})")
        o.say(f"Exercise {ex.exercise_id}: {verdict}; time {format_seconds(ex.seconds)} of "
              f"{format_seconds(ex.budget)}")
    over = report.over
    o.say(f"Total time {format_seconds(report.total_seconds)} of {report.minutes}:00 ("
          f"{format_seconds(abs(over))} {'over' if over > 0 else 'to spare'}); key points "
          f"covered {_pct(report.coverage)} over {report.answered} of {report.asked} "
          "questions")
    if report.study_next:
        o.say("Study next: " + ", ".join(report.study_next), style="bold")
        o.say(f"  e.g. mlinterview show {report.study_next[0]}", style="dim")


# -- running a session -------------------------------------------------------------------


class _Pause(Exception):
    """Stop here and keep the session running (a missing answer file)."""


def _ask_line(prompt: str) -> str | None:
    from mlinterview.cli._answer import _ask

    return _ask(o.out(), prompt)


def _header(session: MockSession, step: Step) -> None:
    from mlinterview.cli._answer import format_seconds
    from mlinterview.topics import get_topic

    topic = get_topic(step.slug)
    o.say()
    what = {"card": topic.title, "follow-up": f"Follow-up on {topic.title}",
            "exercise": f"Coding exercise: {step.question}"}[step.kind]
    o.say(f"[{session.position + 1}/{len(session.steps)}] {clock(session.remaining())} · "
          f"{topic.area} · about {format_seconds(step.budget)} for this one", style="dim")
    o.say(what, style="bold")


def _answer_step(session: MockSession, step: Step, *, answers: Path | None,
                 editor: bool) -> None:
    """Read and store the answer to the current question."""
    from mlinterview.cli import _answer

    path = None
    if answers is not None:
        name = f"{step.slug}.md" if step.kind == "card" else f"{step.slug}.follow-up.md"
        path = answers / name
        if not path.exists():
            raise _Pause(f"no answer file {path}")
    written = _answer.read_answer(step.question, answer_file=path, use_editor=editor)
    _answer.store_answer(session.practice, step.slug, written, question=step.question,
                         kind=step.kind, session_uid=session.uid,
                         points=list(step.points) if step.kind == "follow-up" else None)
    session.refresh()


def _compare_step(session: MockSession, step: Step, *, ticks: str | None,
                  accept_suggested: bool) -> None:
    """Show the stored answer beside its points, take the ticks (and the rating of a
    card's answer) and move on."""
    from mlinterview.cli import _answer
    from mlinterview.practice import rubric_steps
    from mlinterview.topics import get_topic

    topic = get_topic(step.slug)
    stored = session.answer_of(step)
    card = step.kind == "card"
    graded, outcome = _answer.compare_and_grade(
        session.practice, stored, short_answer=topic.short_answer if card else "",
        mistakes=topic.common_mistakes if card else (), ticks=ticks,
        accept_suggested=accept_suggested, review=card,
        steps=rubric_steps(stored, topic))
    _answer.show_outcome(graded, outcome)
    session.refresh()
    following = session.current()
    if following is not None and following.kind == "follow-up" and following.slug == step.slug:
        o.say("A good answer: the interviewer has a follow-up question.", style="green")


def _exercise_step(session: MockSession, step: Step, *, answers: Path | None,
                   workdir: Path) -> None:
    """Write the starter (once), wait for the user, judge their file; repeatable."""
    from mlinterview import exercises
    from mlinterview.cli._exercise import show_verdict
    from mlinterview.study.atomic import atomic_write

    exercise = exercises.get(step.exercise_id)
    filename = f"{exercise.name.replace('-', '_')}.py"
    o.markdown(exercise.statement)
    if answers is not None:
        path = answers / filename
        if not path.exists():
            raise _Pause(f"no solution file {path}")
    else:
        path = workdir / filename
        if path.exists():
            o.say(f"Your file {path} is there from before: edit it further.", style="dim")
        else:
            try:
                workdir.mkdir(parents=True, exist_ok=True)
                with atomic_write(path) as fh:
                    fh.write(exercise.starter)
            except OSError as exc:
                o.fail(f"--workdir: cannot write {path}: {exc.strerror or exc}")
            o.say(f"Starter written to {path}.", style="green")
    while True:
        if answers is None:
            raw = _ask_line(f"Edit {path}, then press Enter to submit it to the judge "
                            "(or type skip to finish without submitting)")
            if raw is None:
                raise EOFError
            if raw.strip().lower() == "skip":
                return
        o.regular_file(path, "the solution file", code=1)
        try:
            source = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            o.fail(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}")
        if not source.strip():
            if answers is not None:
                o.fail(f"{path} is empty", code=2)
            o.say(f"{path} is empty: write your solution first.", style="yellow")
            continue
        if o.is_terminal():
            with o.err().status(f"Judging {path} ..."):
                verdict = session.submit_exercise(source)
        else:
            verdict = session.submit_exercise(source)
        show_verdict(verdict, step.slug)
        if answers is not None:
            return
        raw = _ask_line("Enter: finish and see the report; again: submit once more")
        if raw is None or raw.strip().lower() not in ("again", "a", "r"):
            return


def _run(session: MockSession, *, answers: Path | None, ticks: str | None,
         accept_suggested: bool, editor: bool, workdir: Path) -> Report:
    """Take the session from its current step to its report."""
    while (step := session.current()) is not None:
        _header(session, step)
        if step.phase == "answer":
            _answer_step(session, step, answers=answers, editor=editor)
            step = session.current()
            if step is None or step.phase != "compare":
                continue
        if step.phase == "compare":
            _compare_step(session, step, ticks=ticks, accept_suggested=accept_suggested)
        elif step.phase == "exercise":
            _exercise_step(session, step, answers=answers, workdir=workdir)
            break
    return session.finish()


def _choose(practice: Practice, resume: bool | None) -> MockSession | None:
    """The running session to go on with, or None to start a new one (the running one,
    if any, abandoned). Asks when ``resume`` is None."""
    from mlinterview.practice.mock import MockSession

    running = MockSession.running(practice)
    if running is None:
        if resume:
            o.say("No mock interview to resume: starting a new one.", style="dim")
        return None
    where = (f"a mock interview is running: started {running.created_at:%Y-%m-%d %H:%M} "
             f"UTC, step {running.position + 1} of {len(running.steps)}, "
             f"{clock(running.remaining())}")
    if resume is None:
        raw = _ask_line(f"{where[0].upper()}{where[1:]}. Resume it? [Y/n]")
        if raw is None:
            o.fail(f"{where}: pass --resume, or --new to abandon it", code=2)
        resume = raw.strip().lower() in ("", "y", "yes")
    if resume:
        return running
    running.abandon()
    o.say(f"Abandoned the mock interview {running.uid[:8]} (its answers are kept).",
          style="dim")
    return None


def mock(
    minutes: int = typer.Option(30, "--minutes", "-m", min=5, max=240,
                                help="Length of the interview."),
    area: Annotated[list[str] | None, typer.Option(
        "--area", "-a", metavar="AREA", help="Only these areas (repeat or comma-separate).")
    ] = None,
    topics: Annotated[list[str] | None, typer.Option(
        "--topics", "-t", metavar="SLUG", help="Only these topics (repeat or "
        "comma-separate).")] = None,
    seed: int = typer.Option(None, "--seed", min=0, max=2**63 - 1,
                             help="Seed of the draws (same seed and study state: same "
                             "questions)."),
    resume: bool = typer.Option(None, "--resume/--new", help="Resume the running "
                                "interview without asking, or abandon it and start anew."),
    list_: bool = typer.Option(False, "--list", help="List past interviews with the "
                               "coverage trend, and stop."),
    report: str = typer.Option(None, "--report", metavar="ID",
                               help="Print the report of interview ID (a prefix is "
                               "enough), and stop."),
    abandon: bool = typer.Option(False, "--abandon", help="Abandon the running "
                                 "interview, and stop."),
    answers: Annotated[Path | None, typer.Option(
        "--answers", metavar="DIR", help="Take the answers from files in DIR (SLUG.md, "
        "SLUG.follow-up.md, the exercise's NAME.py) instead of asking.")] = None,
    ticks: str = typer.Option(None, "--ticks", metavar="all|none",
                              help="Grade every answer as covering all or none of its "
                              "points, without asking."),
    accept_suggested: bool = typer.Option(False, "--accept-suggested",
                                          help="Take the suggested ticks without asking."),
    workdir: Annotated[Path, typer.Option(
        "--workdir", metavar="DIR", help="Where the exercise's starter file is written.")
    ] = Path("."),
    editor: bool = typer.Option(True, "--editor/--no-editor",
                                help="Write answers in $VISUAL/$EDITOR when set."),
    json_: bool = typer.Option(False, "--json", help="With --list or --report: print "
                               "JSON."),
) -> None:
    """A timed mock interview: your weakest topics, follow-ups, an exercise.

    The questions come from what you know least (due and lapsed cards,
    low coverage in past answers, cards never seen), mixing areas. Each
    is answered first, then compared with the card's key points (as in
    `mlinterview answer`); a good answer earns a follow-up question. It
    ends with a coding exercise judged as usual, then a report: time per
    question against its budget, key points covered, the verdict and
    what to study next.

    The time left is shown before each question (not enforced). Stop
    any time with Ctrl-C: what you answered is saved, and the next
    `mlinterview mock` offers to resume where you stopped.

    Example: mlinterview mock --minutes 30 --area evaluation --seed 7

    For a script: mlinterview mock --answers mine/ --accept-suggested
    """
    from mlinterview.practice import Practice
    from mlinterview.practice.mock import MockSession, StepError, candidates

    if ticks is not None and ticks.strip().lower() not in ("all", "none"):
        o.fail(f"--ticks: expected all or none, got {ticks!r}", code=2)
    if ticks is not None and accept_suggested:
        o.fail("give --ticks or --accept-suggested, not both", code=2)
    if answers is not None and not answers.is_dir():
        o.fail(f"--answers: {answers} is not a folder", code=2)
    areas, slugs = _split(area, "--area"), _split(topics, "--topics")
    try:
        candidates(areas, slugs)
    except (TypeError, ValueError) as exc:
        # The service names its arguments; the command's options are named differently.
        name, _, rest = str(exc).partition(":")
        o.fail(f"{ {'areas': '--area', 'topics': '--topics'}.get(name, name)}:{rest}", code=2)
    practice = Practice()
    if list_:
        summaries = MockSession.history(practice)
        if json_:
            o.print_json([summary_json(s) for s in summaries])
        else:
            show_history(summaries)
        return
    if report is not None:
        try:
            session = MockSession.get(practice, report)
        except LookupError as exc:
            o.fail(str(exc).strip('"'), code=2)
        stored = session.live_report()
        if json_:
            o.print_json(stored.to_json())
        else:
            show_report(stored)
        return
    if abandon:
        running = MockSession.running(practice)
        if running is None:
            o.fail("no mock interview is running")
        running.abandon()
        o.say(f"Abandoned the mock interview {running.uid[:8]} (its answers are kept).")
        return
    ticks = None if ticks is None else ticks.strip().lower()
    session = _choose(practice, resume)
    if session is None:
        session = MockSession.start(practice, minutes, areas=areas, topics=slugs, seed=seed)
        cards = sum(s.kind == "card" for s in session.steps)
        has_exercise = session.steps[-1].kind == "exercise"
        o.say(f"Mock interview {session.uid[:8]}: {cards} question(s)"
              f"{' and an exercise' if has_exercise else ''} in {session.minutes} minutes "
              f"(seed {session.seed}). Ctrl-C pauses; `mlinterview mock` resumes.",
              style="bold")
    else:
        o.say(f"Resuming the mock interview {session.uid[:8]} at step "
              f"{session.position + 1} of {len(session.steps)}.", style="bold")
    try:
        final = _run(session, answers=answers, ticks=ticks, accept_suggested=accept_suggested,
                     editor=editor, workdir=workdir)
    except _Pause as pause:
        o.say(f"{pause}: the interview is saved at step {session.position + 1}; add it and "
              "run mlinterview mock --resume" + (f" --answers {answers}" if answers else ""))
        return
    except (KeyboardInterrupt, EOFError):
        o.say()
        o.say("Paused: everything answered is saved. Run `mlinterview mock` to resume.")
        raise typer.Exit(130) from None
    except typer.Exit as stop:
        if stop.exit_code == 130:
            o.say("Paused. Run `mlinterview mock` to resume.")
        raise
    except StepError as exc:  # another window moved the interview on meanwhile
        o.fail(f"{exc}; run mlinterview mock --resume to go on")
    o.say()
    show_report(final)
