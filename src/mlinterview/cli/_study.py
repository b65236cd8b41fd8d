"""Study commands: ``review``, ``stats``, ``export``, ``import`` and ``settings``."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated

import typer

from mlinterview.cli import _output as o


def _ask(prompt: str) -> str | None:
    """One line of input; None at end of input (Ctrl-D or a closed pipe)."""
    if o.is_terminal() and sys.stdin.isatty():
        from rich.prompt import Prompt

        try:
            return Prompt.ask(prompt, console=o.out(), default="", show_default=False)
        except EOFError:
            return None
        except UnicodeDecodeError:
            return "\ufffd"
    o.say(prompt)
    try:
        line = sys.stdin.readline()
    except UnicodeDecodeError:
        return "\ufffd"  # bytes that are not text: an answer that is wrong, not a crash
    return None if line == "" else line.rstrip("\n")


def review(
    area: str = typer.Option(None, "--area", "-a", help="Only cards and exercises of this area."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=500,
                              help="At most this many cards, and this many exercises."),
    exercises: bool = typer.Option(
        True, "--exercises/--no-exercises",
        help="After the cards, offer the exercises due to be solved again."),
    work: Annotated[Path | None, typer.Option(
        "--work", metavar="DIR",
        help="Folder for the blank starters of due exercises "
             "(default: review-work in the data folder).")] = None,
    wait: bool = typer.Option(
        True, "--wait/--no-wait",
        help="Wait for Enter, then judge the exercise's file; --no-wait only writes the "
             "starters and prints the command that checks each one."),
) -> None:
    """Review the cards that are due by answering their quick checks, then solve the due
    exercises again.

    Your answers suggest a rating (all right: good; half or more: hard; else again);
    press Enter to accept it or type 1-4 (again, hard, good, easy). Each review is
    saved as soon as you rate it; stop any time with Ctrl-C or Ctrl-D.

    An exercise you solved comes back on its own schedule, to be solved again from a blank
    starter: its statement is shown and the starter written to the work folder (a file of
    yours already there is kept under a dated name). Solve it there and press Enter to
    judge it (s skips it, q stops), or check it later with `mlinterview exercise check`.
    Accepted without hints at the first try, it comes back later; after a failure or
    with hints, sooner; failed, in ten minutes.

    Example: mlinterview review --area evaluation --limit 5 --work ~/resolve
    """
    from mlinterview.quickchecks import RATING_NAMES, grade_all, suggested_rating
    from mlinterview.study import Study
    from mlinterview.study.store import data_dir
    from mlinterview.topics import get_topic, load_index

    areas, _ = load_index()
    if area is not None and area not in areas:
        o.fail(f"unknown area {area!r}; areas: {', '.join(areas)}", code=2)
    study = Study()
    items = study.due(area=area, limit=limit)
    due_exercises = study.due_exercises(area=area, limit=limit) if exercises else []
    if not items and not due_exercises:
        stats = study.stats()
        o.say(f"Nothing to review now. Due this week: {stats.due_week}.", style="green")
        return
    work = data_dir() / "review-work" if work is None else work
    o.say(f"{len(items)} card(s)" + (f" and {len(due_exercises)} exercise(s)"
                                     if due_exercises else "")
          + " to review. Ctrl-C or Ctrl-D stops; reviews so far are saved.", style="dim")
    done = 0
    tally = Counter()  # exercise attempts judged, kept when the session stops
    try:
        for n, item in enumerate(items, 1):
            topic = get_topic(item.slug)
            o.say()
            o.say(f"[{n}/{len(items)}] {topic.title}" + ("  (new)" if item.new else ""),
                  style="bold")
            o.say(f"Q: {topic.question}", style="italic")
            answers: dict[str, str] = {}
            for i, check in enumerate(topic.quick_checks, 1):
                o.say(f"{i}. {check.prompt}")
                for j, choice in enumerate(check.choices):
                    o.say(f"   {j}) {choice}")
                hint = {"choice": "number", "numeric": "number", "exact": "short answer"}
                answer = _ask(f"   answer ({hint[check.kind]})")
                if answer is None:
                    raise EOFError
                answers[check.id] = answer
            results = grade_all(topic.quick_checks, answers)
            for r in results:
                o.say(("  ✓ " if r.correct else "  ✗ ") + r.feedback,
                      style="green" if r.correct else "red")
            suggested = suggested_rating(results)
            rating = None
            while rating is None:
                raw = _ask(f"Rating 1 again, 2 hard, 3 good, 4 easy [Enter = {suggested} "
                           f"{RATING_NAMES[suggested]}]")
                if raw is None:
                    raise EOFError
                raw = raw.strip().lower()
                if raw == "":
                    rating = suggested
                elif raw in ("1", "2", "3", "4"):
                    rating = int(raw)
                elif raw in {v: k for k, v in RATING_NAMES.items()}:
                    rating = {v: k for k, v in RATING_NAMES.items()}[raw]
                else:
                    o.say("  type 1, 2, 3 or 4 (or press Enter)", style="yellow")
            outcome = study.review(item.slug, answers, rating=rating)
            done += 1
            days = outcome.interval.total_seconds() / 86400
            when = f"{days:.1f} days" if days >= 1 else f"{days * 24 * 60:.0f} minutes"
            o.say(f"  saved ({outcome.rating_name}); next review in {when}", style="dim")
        for n, item in enumerate(due_exercises, 1):
            _solve_again(study, item, f"[{n}/{len(due_exercises)}]", work, wait, tally)
    except (EOFError, KeyboardInterrupt):
        o.say()
    o.say(f"Session over: {done} review(s) saved."
          + (f" {tally['judged']} exercise attempt(s) judged." if due_exercises and wait else ""),
          style="bold")


def _when(delta: timedelta) -> str:
    """A time to wait, in days, hours or minutes."""
    days = delta.total_seconds() / 86400
    return (f"{days:.1f} days" if days >= 1 else f"{days * 24:.1f} hours" if days >= 1 / 24
            else f"{max(0.0, days * 24 * 60):.0f} minutes")


def _blank_starter(exercise, work: Path) -> tuple[Path, Path | None]:
    """Write the exercise's starter to ``work/SLUG/NAME.py``; a different file already
    there (the user's) is first renamed with the time in its name, never overwritten.
    Returns the starter's path and the kept file's (None if there was none)."""
    from datetime import UTC

    from mlinterview.study.atomic import atomic_write

    target = work / exercise.slug / f"{exercise.name.replace('-', '_')}.py"
    kept = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.is_file() and target.read_bytes() != exercise.starter.encode("utf-8"):
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            kept = target.with_name(f"{target.stem}.{stamp}.py")
            n = 1
            while kept.exists():
                n += 1
                kept = target.with_name(f"{target.stem}.{stamp}-{n}.py")
            target.rename(kept)
        elif target.exists() and not target.is_file():
            raise IsADirectoryError(21, "not a regular file")
        # Whole or not at all: a half-written starter could be taken for the user's work.
        with atomic_write(target) as fh:
            fh.write(exercise.starter)
    except OSError as exc:
        o.fail(f"cannot write the starter {target}: {exc.strerror or exc}")
    return target, kept


def _solve_again(study, item, counter: str, work: Path, wait: bool, tally: Counter) -> None:
    """Offer one due exercise: its statement, a blank starter in ``work``; with ``wait``,
    judge the file each time the user presses Enter, until it is accepted or skipped
    (``EOFError`` when the user stops the session)."""
    from mlinterview.cli._exercise import show_verdict
    from mlinterview.exercises import check as judge_source
    from mlinterview.exercises import get

    exercise = get(item.exercise_id)
    o.say()
    o.say(f"{counter} Exercise: {exercise.title} ({exercise.level_name}, {exercise.slug})"
          + ("" if item.solved else "  (failed, not solved yet)"), style="bold")
    o.markdown(exercise.statement)
    target, kept = _blank_starter(exercise, work)
    # Solving again is a new round: no hints revealed, the clock from now.
    study.exercise_state.start_round(exercise.id)
    if kept is not None:
        o.say(f"Your earlier file is kept as {kept}", style="dim")
    check_command = f"mlinterview exercise check {exercise.id} {target}"
    if not wait:
        o.say(f"Blank starter written to {target}; solve it, then: {check_command}")
        return
    o.say(f"Blank starter written to {target}. Solve it there, then press Enter to judge it.")
    while True:
        raw = _ask("Enter = judge it, s = skip, q = stop")
        if raw is None or raw.strip().lower() in ("q", "quit", "stop"):
            o.say(f"  check it later with: {check_command}", style="dim")
            raise EOFError
        raw = raw.strip().lower()
        if raw in ("s", "skip"):
            return
        if raw:
            o.say("  press Enter to judge the file, s to skip, q to stop", style="yellow")
            continue
        try:
            source = target.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else \
                "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else str(exc)
            o.say(f"  cannot read {target}: {reason}", style="yellow")
            continue
        if source == exercise.starter:
            # Judging the untouched starter would record a failure, and a lapse.
            o.say(f"  {target} is still the blank starter: write your solution first "
                  "(s skips)", style="yellow")
            continue
        if o.is_terminal():
            with o.err().status(f"Judging {target} ..."):
                verdict = judge_source(exercise.id, source)
        else:
            verdict = judge_source(exercise.id, source)
        study.record_attempt(exercise.id, exercise.slug, verdict, source)
        tally["judged"] += 1
        show_verdict(verdict, exercise.slug)
        _say_schedule(study, exercise.id)
        if verdict.accepted:
            return
        o.say("  fix it and press Enter again, or s to skip", style="dim")


def _say_schedule(study, exercise_id: str) -> None:
    """What the latest attempt did to the exercise's schedule, in one line."""
    from mlinterview.quickchecks import RATING_NAMES
    from mlinterview.study.scheduler import utcnow

    attempt = study.attempts(exercise_id, limit=1)[0]
    schedule = study.exercise_schedule(exercise_id)
    if schedule is None:
        return
    wait = _when(datetime.fromisoformat(schedule["due"]) - utcnow())
    if attempt["rating"] is not None:
        o.say(f"  rated {RATING_NAMES[attempt['rating']]}: solve it again in {wait}",
              style="dim")
    elif schedule["reps"] == 0:
        o.say("  not solved yet: it stays due until it is accepted", style="dim")
    else:
        o.say(f"  practice: the schedule is unchanged (next time in {wait})", style="dim")


def _heatmap(per_day: dict[date, int], today: date, weeks: int = 26) -> list[str]:
    """Rows Mon..Sun, one column per week, shading by reviews that day."""
    levels = " ░▒▓█" if o.is_terminal() else " .:*#"
    start = today - timedelta(days=today.weekday() + 7 * (weeks - 1))
    top = max(per_day.values(), default=0)
    lines = []
    for weekday, name in enumerate(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")):
        cells = []
        for w in range(weeks):
            day = start + timedelta(days=7 * w + weekday)
            if day > today:
                cells.append(" ")
                continue
            count = per_day.get(day, 0)
            level = 0 if count == 0 else 1 + min(3, int(3 * count / max(top, 1)))
            # A day without reviews is still drawn, so the calendar keeps its shape.
            cells.append(levels[level] if count else "·" if o.is_terminal() else "-")
        lines.append(f"{name} " + "".join(cells))
    return lines


def stats(json_: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Your progress: what is due, retention, reviews per day and per-area progress.

    Example: mlinterview stats
    """
    from mlinterview.cli._mock import show_history, summary_json
    from mlinterview.practice import Practice
    from mlinterview.practice.mock import MockSession
    from mlinterview.study import Study

    study = Study()
    s = study.stats()
    mocks = MockSession.history(Practice(study), limit=10)
    if json_:
        o.print_json({
            "due_now": s.due_now, "due_today": s.due_today, "due_week": s.due_week,
            "new_available": s.new_available, "reviews_total": s.reviews_total,
            "reviews_today": s.reviews_today, "retention": s.retention,
            "retention_reviews": s.retention_reviews, "streak_days": s.streak_days,
            "per_day": {d.isoformat(): n for d, n in s.per_day.items()},
            "areas": [a.__dict__ for a in s.areas],
            "attempts_total": s.attempts_total, "attempts_accepted": s.attempts_accepted,
            "exercises_solved": s.exercises_solved,
            "solved_without_hints": s.solved_without_hints,
            "solved_with_hints": s.solved_with_hints,
            "exercises_due": s.exercises.due, "exercises_scheduled": s.exercises.scheduled,
            "exercises_mastered": s.exercises.mastered, "exercise_lapses": s.exercises.lapses,
            "mock_interviews": [summary_json(m) for m in mocks],
        })
        return
    retention = "n/a" if s.retention is None else f"{s.retention:.0%} of {s.retention_reviews}"
    o.table(["", "count"], [
        ["due now", s.due_now], ["due today", s.due_today], ["due this week", s.due_week],
        ["new cards available today", s.new_available], ["reviews today", s.reviews_today],
        ["reviews in total", s.reviews_total], ["retention (30 days)", retention],
        ["streak (days)", s.streak_days],
        ["exercises solved", f"{s.exercises_solved} ({s.attempts_accepted} of "
                             f"{s.attempts_total} attempts accepted)"],
        ["solved without hints", f"{s.solved_without_hints} ({s.solved_with_hints} only "
                                 "with hints)"],
        ["exercises due to solve again", s.exercises.due],
        ["exercises mastered (stability ≥ 21 days)",
         f"{s.exercises.mastered} of {s.exercises.scheduled} scheduled"],
        ["exercise lapses (failed a re-solve)", s.exercises.lapses],
    ], title="Study", numeric=[1])
    o.say()
    o.say("Reviews per day (last 26 weeks)", style="bold")
    for line in _heatmap(s.per_day, s.now.date()):
        o.say(line)
    o.say()
    o.table(["area", "topics", "studied", "mature", "due"],
            [[a.title, a.topics, a.studied, a.mature, a.due] for a in s.areas],
            title="Progress by area", numeric=[1, 2, 3, 4])
    if mocks:
        o.say()
        show_history(mocks, title="Mock interviews (latest 10)")


def export(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="JSON file to write.")],
) -> None:
    """Export all study data (reviews, card states, attempts, settings) to JSON.

    The file is complete: importing it into an empty data folder restores everything.

    Example: mlinterview export backup.json
    """
    from mlinterview.study import Study

    try:
        counts = Study().export(file)
    except OSError as exc:
        o.fail(f"cannot write {file}: {exc}")
    o.say(f"Exported {counts['reviews']} reviews, {counts['cards']} card states and "
          f"{counts['attempts']} attempts to {file}")


def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="JSON file from export.")],
) -> None:
    """Import study data exported with `mlinterview export` (merging, never deleting).

    Reviews and attempts are added unless already present; a card state is replaced when
    the imported one is newer. A malformed file changes nothing.

    Example: mlinterview import backup.json
    """
    from mlinterview.study import Study

    try:
        added = Study().import_file(file)
    except ValueError as exc:
        o.fail(str(exc), code=1)
    o.say(f"Imported {added['reviews']} new reviews, {added['cards']} card states and "
          f"{added['attempts']} attempts from {file}")


def settings(
    key: str = typer.Argument(None, help="desired_retention, new_per_day or fuzz."),
    value: str = typer.Argument(None, help="New value."),
) -> None:
    """Show or change study settings.

    desired_retention (0.7-0.99) is the recall probability FSRS schedules for;
    new_per_day caps how many unseen cards a day brings; fuzz spreads intervals a little.

    Example: mlinterview settings desired_retention 0.92
    """
    from mlinterview.study import Study

    study = Study()
    if key is None:
        o.table(["setting", "value"], [[k, v] for k, v in study.settings().items()])
        return
    if value is None:
        current = study.settings()
        if key not in current:
            o.fail(f"unknown setting {key!r}; settings: {', '.join(current)}", code=2)
        o.say(str(current[key]))
        return
    try:
        stored = study.set_setting(key, value)
    except ValueError as exc:
        o.fail(str(exc), code=2)
    o.say(f"{key} = {stored}")
