"""Study commands: ``review``, ``stats``, ``export``, ``import`` and ``settings``."""

from __future__ import annotations

import sys
from datetime import date, timedelta
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
    area: str = typer.Option(None, "--area", "-a", help="Only cards of this area."),
    limit: int = typer.Option(20, "--limit", "-n", min=1, max=500,
                              help="At most this many cards."),
) -> None:
    """Review the cards that are due by answering their quick checks.

    Your answers suggest a rating (all right: good; half or more: hard; else again);
    press Enter to accept it or type 1-4 (again, hard, good, easy). Each review is
    saved as soon as you rate it; stop any time with Ctrl-C or Ctrl-D.

    Example: mlinterview review --area evaluation --limit 5
    """
    from mlinterview.quickchecks import RATING_NAMES, grade_all, suggested_rating
    from mlinterview.study import Study
    from mlinterview.topics import get_topic, load_index

    areas, _ = load_index()
    if area is not None and area not in areas:
        o.fail(f"unknown area {area!r}; areas: {', '.join(areas)}", code=2)
    study = Study()
    items = study.due(area=area, limit=limit)
    if not items:
        stats = study.stats()
        o.say(f"Nothing to review now. Due this week: {stats.due_week}.", style="green")
        return
    o.say(f"{len(items)} card(s) to review. Ctrl-C or Ctrl-D stops; reviews so far are saved.",
          style="dim")
    done = 0
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
    except (EOFError, KeyboardInterrupt):
        o.say()
    o.say(f"Session over: {done} review(s) saved.", style="bold")


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
