"""The answer journal: ``journal [SLUG]``, ``journal export`` and ``journal import``.

``mlinterview journal`` lists every question answered, with the first and the latest
answer; ``journal SLUG`` shows one topic's questions in full. A positional SLUG and the
subcommand names share one place on the command line, so the group reads any first word
that is not ``export`` or ``import`` as a slug (:class:`_JournalGroup`).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from mlinterview.cli import _output as o

FORMATS = ("md", "json")
PREVIEW_CHARS = 240  # of an answer in the listing of every question


class _JournalGroup(TyperGroup):
    """``journal SLUG`` runs the hidden ``show`` command: a first word that is not a
    subcommand is a slug (Click would otherwise call it an unknown command)."""

    def resolve_command(self, ctx, args):
        if args and not args[0].startswith("-") and args[0] not in self.commands:
            args = ["show", *args]
        return super().resolve_command(ctx, args)


journal_app = typer.Typer(cls=_JournalGroup, add_completion=False, rich_markup_mode="rich",
                          context_settings={"help_option_names": ["-h", "--help"]})


@journal_app.callback(invoke_without_command=True)
def journal(
    ctx: typer.Context,
    json_: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """Your answer journal: every answer you wrote, per question, first vs latest.

    With a SLUG, that topic's questions in full: every answer's date, time taken and the
    key points it covered (ticked by you, or suggested for an answer never graded).
    Subcommands: export (the seed's Markdown format, or JSON) and import.

    Example: mlinterview journal overfitting
    """
    ctx.obj = {"json": json_}
    if ctx.invoked_subcommand is None:
        _show(None, json_)


@journal_app.command("show", hidden=True)
def show(
    ctx: typer.Context,
    slug: Annotated[str, typer.Argument(help="Topic slug, e.g. overfitting.")],
    json_: bool = typer.Option(False, "--json", help="Print JSON instead of text."),
) -> None:
    """One topic's questions in full (``mlinterview journal SLUG``)."""
    from mlinterview.cli import _topic_or_exit

    _topic_or_exit(slug)
    _show(slug, json_ or bool((ctx.obj or {}).get("json")))


@journal_app.command("export")
def export(
    out: Annotated[str, typer.Argument(metavar="OUT", help="File to write; - for stdout.")],
    format_: str = typer.Option("md", "--format", "-f",
                                help="md (the seed's format: # question, ## My initial "
                                     "answer:, ## My final answer:) or json."),
    slug: str = typer.Option(None, "--slug", help="Only this topic's questions."),
) -> None:
    """Write your journal as a Markdown post in the seed's format (or as JSON).

    For each question: its first answer under "My initial answer" and its latest under
    "My final answer". The file is written whole or not at all.

    Example: mlinterview journal export --format md journal.md
    """
    from mlinterview.practice import Practice
    from mlinterview.practice.journal import journal as build
    from mlinterview.practice.journal import render
    from mlinterview.study.atomic import atomic_write

    if format_ not in FORMATS:
        o.fail(f"--format: expected one of {', '.join(FORMATS)}, got {format_!r}", code=2)
    if slug is not None:
        from mlinterview.cli import _topic_or_exit

        _topic_or_exit(slug)
    practice = Practice()
    questions = build(practice, slug)
    text = render(questions, format_, now=practice.study._now(None))
    if out == "-":
        sys.stdout.write(text)
        return
    path = Path(out)
    try:
        with atomic_write(path) as fh:
            fh.write(text)
    except OSError as exc:
        o.fail(f"cannot write {path}: {exc.strerror or exc}")
    count = len(questions)
    o.say(f"Wrote {count} question(s) to {path}")


@journal_app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE",
                                         help="A journal in the seed's Markdown format.")],
    dry_run: bool = typer.Option(False, "--dry-run",
                                 help="Show what would be imported; store nothing."),
    json_: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
) -> None:
    """Import the answers of a journal (such as the seed) as your attempts.

    Each # question is matched to a topic (its card's question, or the closest one);
    the text under it, or under "My initial answer" and "My final answer", becomes
    answers of kind "imported", oldest first. Importing the same file again adds
    nothing. Questions that match no topic are listed and skipped.

    Example: mlinterview journal import journal.md --dry-run
    """
    from mlinterview.practice import Practice
    from mlinterview.practice.journal import JournalError, import_journal

    try:
        summary = import_journal(file, Practice(), dry_run=dry_run)
    except JournalError as exc:
        o.fail(str(exc))
    if json_:
        o.print_json(summary.to_json())
        return
    mapped = [q for q in summary.questions if q.match is not None]
    if mapped:
        o.table(["line", "question in the file", "topic", "match", "answers", "new"],
                [[q.line, _short(q.heading, 60), q.match.slug,
                  q.match.method + (f" {q.match.score:.2f}" if q.match.method == "fuzzy"
                                    else ""), q.answers, q.added] for q in mapped],
                numeric=[0, 4, 5])
    verb = "Would import" if dry_run else "Imported"
    o.say(f"{verb} {summary.imported} answer(s) to {sum(q.added > 0 for q in mapped)} "
          f"question(s) from {file}; {summary.duplicates} already in your journal.",
          style="bold")
    if summary.too_long:
        o.say(f"{summary.too_long} answer(s) longer than the limit were not imported.",
              style="yellow")
    if summary.unmapped:
        o.say(f"{len(summary.unmapped)} question(s) with answers match no topic and were "
              "not imported:", style="yellow")
        for q in summary.unmapped:
            o.say(f"  line {q.line}: {_short(q.heading or '(empty heading)', 100)}")
    notes = []
    if summary.unanswered:
        notes.append(f"{summary.unanswered} question(s) have no answer")
    if summary.ignored_lines:
        notes.append(f"{summary.ignored_lines} line(s) outside any question were ignored")
    if notes:
        o.say("; ".join(notes) + ".", style="dim")


# -- showing -------------------------------------------------------------------------------


def _show(slug: str | None, json_: bool) -> None:
    from mlinterview.practice import Practice
    from mlinterview.practice.journal import journal as build
    from mlinterview.practice.journal import to_json

    questions = build(Practice(), slug)
    if json_:
        o.print_json(to_json(questions))
        return
    if not questions:
        where = f" to {slug}" if slug else ""
        o.say(f"No answers{where} yet. Write one with `mlinterview answer SLUG`, or import "
              "a journal with `mlinterview journal import FILE.md`.")
        return
    total = sum(len(q.answers) for q in questions)
    o.say(f"{total} answer(s) to {len(questions)} question(s)", style="bold")
    for q in questions:
        o.say()
        _question(q, full=slug is not None)


def _question(q, *, full: bool) -> None:
    """One question: a header, then first vs latest (side by side on a terminal)."""
    o.say(f"{q.slug} · {q.question}", style="bold")
    n = len(q.answers)
    columns = [("first", q.first), ("latest", q.latest)] if n > 1 else [("only answer",
                                                                        q.first)]
    if full and n > 2:
        o.say(f"{n} answers: " + "; ".join(f"{_when(a)} ({_coverage(a)})"
                                            for a in q.answers), style="dim")
    if o.is_terminal():
        from rich.table import Table
        from rich.text import Text

        table = Table(show_header=True, header_style="bold", expand=True, show_lines=True)
        table.add_column("", style="dim", no_wrap=True)
        for name, _ in columns:
            table.add_column(name, ratio=1)
        table.add_row("written", *[Text(f"{_when(a)}{_seconds(a)} · {a.answer.kind}")
                                   for _, a in columns])
        table.add_row("coverage", *[Text(_coverage(a)) for _, a in columns])
        table.add_row("answer", *[Text(_text(a, full)) for _, a in columns])
        if full and q.first.answer.points:
            table.add_row("key points", *[Text(_points(a)) for _, a in columns])
        o.out().print(table)
        return
    for name, a in columns:
        o.say(f"  {name}: {_when(a)}{_seconds(a)} · {a.answer.kind} · {_coverage(a)}")
        for line in _text(a, full).split("\n"):
            o.say(f"    {line}")
        if full and a.answer.points:
            for line in _points(a).split("\n"):
                o.say(f"    {line}")


def _when(a) -> str:
    return a.answer.written_at.strftime("%Y-%m-%d %H:%M")


def _seconds(a) -> str:
    return "" if a.answer.seconds is None else f" · {a.answer.seconds:.0f} s"


def _coverage(a) -> str:
    """``4/7 key points ticked``, or ``~3/7 suggested`` for an answer never graded."""
    n = len(a.answer.points)
    if not n:
        return "no key points"
    if a.suggested:
        return f"~{len(a.covered)}/{n} key points (suggested, not graded)"
    return f"{len(a.covered)}/{n} key points ticked"


def _text(a, full: bool) -> str:
    return a.answer.answer if full else _short(a.answer.answer, PREVIEW_CHARS)


def _points(a) -> str:
    """Each key point with a mark: ``[x]`` ticked, ``[~]`` suggested, ``[ ]`` missed."""
    mark = "[~]" if a.suggested else "[x]"
    return "\n".join(f"{mark if i in a.covered else '[ ]'} {point}"
                     for i, point in enumerate(a.answer.points))


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
