"""The ``mlinterview`` command line (Typer + Rich).

A thin view over the services: each command parses its options, calls a service and
formats the result. Heavy modules (NumPy, matplotlib, the web app) are imported inside
the commands that need them, so ``mlinterview --help`` starts fast.
"""

from __future__ import annotations

import sys

import typer
from typer.core import TyperGroup

from mlinterview import __version__
from mlinterview.cli import _output as o
from mlinterview.cli import _params

# The order of `mlinterview --help`: the way a session goes, then housekeeping.
COMMAND_ORDER = ("topics", "show", "search", "demo", "answer", "mock", "exercise", "dedup",
                 "review", "stats", "journal", "export", "import", "settings", "coverage", "serve",
                 "version")


def _reflow(text: str | None) -> str | None:
    """A docstring's paragraphs as single lines, so the help wraps at the terminal's width.

    Rich keeps a docstring's own line breaks and wraps each line again at the width, which
    leaves a stray short line wherever a source line was longer than the terminal. Lines
    that start a list item or are indented keep their break."""
    if not text:
        return text
    paragraphs = []
    for block in text.split("\n\n"):
        lines = block.splitlines()
        out: list[str] = []
        for line in lines:
            if out and line.strip() and not line.startswith((" ", "-", "*", "\b")):
                out[-1] += " " + line.strip()
            else:
                out.append(line)
        paragraphs.append("\n".join(out))
    return "\n\n".join(paragraphs)


def _reflow_help(command) -> None:
    """:func:`_reflow` the help of ``command`` and of every command under it."""
    command.help = _reflow(command.help)
    for sub in getattr(command, "commands", {}).values():
        _reflow_help(sub)


def _is_store_error(exc: BaseException) -> bool:
    """Whether ``exc`` is a :class:`mlinterview.study.store.StoreError`, without importing
    the study package (a tenth of a second) for the commands that never open it: only a
    command that imported the store can have raised one."""
    store = sys.modules.get("mlinterview.study.store")
    return store is not None and isinstance(exc, store.StoreError)


class _OrderedGroup(TyperGroup):
    def list_commands(self, ctx) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(COMMAND_ORDER)}
        return sorted(names, key=lambda n: rank.get(n, len(rank)))

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra):
        # Usage errors as plain text: "Usage: ...", a hint, "Error: ...". Typer draws them
        # in a Rich box cut at the terminal's width, which a script cannot read and a
        # narrow terminal garbles. Our commands return nothing, so a returned int is the
        # exit code of a typer.Exit.
        _reflow_help(self)
        if not standalone_mode:
            with _params.plain_values():  # no Pydantic for plain values (cli/_params.py)
                return super().main(args, prog_name, complete_var, standalone_mode=False,
                                    **extra)
        try:
            from typer._click.exceptions import ClickException  # typer vendors click
        except ImportError:  # pragma: no cover - older typer on the real click
            from click import ClickException
        try:
            with _params.plain_values():
                code = super().main(args, prog_name, complete_var, standalone_mode=False,
                                    **extra)
        except ClickException as exc:
            if getattr(exc, "ctx", None) is None:  # no command to show the usage of
                o.err().print(f"error: {exc.format_message()}", markup=False, soft_wrap=True)
            else:
                exc.show()
            raise SystemExit(exc.exit_code) from None
        except typer.Abort:
            o.err().print("Aborted.", markup=False)
            raise SystemExit(1) from None
        raise SystemExit(code if isinstance(code, int) else 0)

    def invoke(self, ctx):
        # A study database that cannot be used (not a database, from a newer version, a
        # data folder that cannot be made) is the user's situation to fix, not a bug:
        # one line and exit 1, whichever command opened it.
        try:
            return super().invoke(ctx)
        except Exception as exc:
            if not _is_store_error(exc):
                raise
            o.fail(str(exc))


app = typer.Typer(
    cls=_OrderedGroup,
    name="mlinterview",
    help=(
        "An offline ML interview lab: every answer is backed by code that runs.\n\n"
        "Read a topic's answer, run its demo, solve its exercise against the judge, and "
        "review it later on a spaced-repetition schedule.\n\n"
        "Example: mlinterview topics, then mlinterview show classification-metrics"
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)

LEARN = "Learn"
PRACTISE = "Practise"
STUDY = "Study"
PROJECT = "Project"


def _topic_or_exit(slug: str):
    """The topic for ``slug``; one line with the closest slugs and exit 2 if unknown."""
    from mlinterview.topics import UnknownTopicError, get_topic

    try:
        return get_topic(slug)
    except UnknownTopicError as exc:
        o.fail(str(exc), code=2)


@app.command(rich_help_panel=LEARN)
def topics(
    area: str = typer.Option(None, "--area", "-a", help="Only this area (e.g. evaluation)."),
    path: str = typer.Option(None, "--path", "-p", metavar="SLUG",
                             help="The order to study SLUG from scratch: every topic it "
                                  "builds on (its prerequisites, theirs, ...) first."),
    json_: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    """List the topics: slug, title, area and which parts exist; or, with --path, the
    topics to study before one, in order.

    Example: mlinterview topics --area evaluation
    Example: mlinterview topics --path diffusion-noise
    """
    from mlinterview import coverage
    from mlinterview.topics import all_topics, load_index, study_path

    areas, _ = load_index()
    if area is not None and area not in areas:
        o.fail(f"unknown area {area!r}; areas: {', '.join(areas)}", code=2)
    if path is not None:
        if area is not None:
            o.fail("--path and --area: give one of them", code=2)
        target = _topic_or_exit(path)
        cards = all_topics()
        try:
            order = study_path(target.slug, cards)
        except ValueError as exc:  # a cycle: coverage --check reports it too
            o.fail(str(exc))
        if json_:
            o.print_json([{"step": i, "slug": s, "title": cards[s].title,
                           "prerequisites": list(cards[s].prerequisites)}
                          for i, s in enumerate(order, 1)])
            return
        o.table(["step", "slug", "title", "after"],
                [[i, s, cards[s].title, ", ".join(cards[s].prerequisites) or "-"]
                 for i, s in enumerate(order, 1)],
                title=f"Study path to {target.slug}: {len(order)} topics")
        return
    report = coverage.report(import_all=False)   # a listing: demos found by reading
    cards = all_topics()
    rows = [t for t in report.topics if area is None or t.area == area]
    if json_:
        o.print_json([{**t.to_json(), "title": cards[t.slug].title if t.card else None}
                      for t in rows])
        return
    o.table(
        ["slug", "title", "area", "card", "demo", "exercise", "complete"],
        [[t.slug, cards[t.slug].title if t.card else "-", t.area, t.card, t.demo, t.exercise,
          t.complete] for t in rows],
        title=f"{sum(t.card for t in rows)} of {len(rows)} topics have a card",
    )


@app.command(rich_help_panel=LEARN)
def show(
    slug: str = typer.Argument(..., help="Topic slug, e.g. classification-metrics."),
    section: str = typer.Option(None, "--section", "-s",
                                help="Only this section, e.g. 'In 30 seconds'."),
    checks: bool = typer.Option(False, "--checks", help="Also print the quick checks."),
    json_: bool = typer.Option(False, "--json", help="Print the card as JSON."),
) -> None:
    """Show a topic's card: the answer, key points, mistakes and follow-ups.

    Example: mlinterview show classification-metrics --section "In 30 seconds"
    """
    topic = _topic_or_exit(slug)
    if json_:
        o.print_json({
            "slug": topic.slug, "title": topic.title, "area": topic.area,
            "question": topic.question, "difficulty": topic.difficulty,
            "library": list(topic.library), "demos": list(topic.demos),
            "exercises": list(topic.exercises), "related": list(topic.related),
            "prerequisites": list(topic.prerequisites),
            "figure": (None if topic.figure is None else
                       {"demo": topic.figure.demo, "name": topic.figure.name,
                        "caption": topic.figure.caption}),
            "sections": topic.sections,
            "quick_checks": [{"id": q.id, "kind": q.kind, "prompt": q.prompt,
                              "choices": list(q.choices)} for q in topic.quick_checks],
        })
        return
    if section is not None:
        match = {k.lower(): k for k in topic.sections}.get(section.lower())
        if match is None:
            o.fail(f"no section {section!r}; sections: {', '.join(topic.sections)}", code=2)
        o.markdown(f"## {match}\n\n{topic.sections[match]}")
        return
    o.say(f"{topic.title}", style="bold")
    o.say(f"Q: {topic.question}", style="italic")
    o.say(f"area {topic.area} · difficulty {topic.difficulty_name}")
    if topic.prerequisites:
        o.say("Read first: " + ", ".join(topic.prerequisites)
              + f"   (whole path: mlinterview topics --path {topic.slug})", style="dim")
    o.say()
    o.markdown(topic.body)
    if topic.figure is not None:  # a terminal shows no SVG: say where to draw it
        o.say(f"Figure: {topic.figure.caption}", style="dim")
        o.say(f"  draw it: mlinterview demo {topic.figure.demo}  (its figures are saved)",
              style="dim")
    o.say()
    if topic.library:
        from mlinterview.sources import locate

        o.say("Library", style="bold")
        for symbol in topic.library:
            where = locate(symbol)
            o.say(f"  {symbol}" + (f"  ({where.path}:{where.line})" if where else ""))
    if topic.demos:
        o.say("Demos: " + ", ".join(f"mlinterview demo {d}" for d in topic.demos))
    if topic.exercises:
        o.say("Exercises: " + ", ".join(f"mlinterview exercise start {e}"
                                         for e in topic.exercises))
    if topic.related:
        o.say("Related: " + ", ".join(topic.related))
    if checks:
        o.say()
        o.say("Quick checks", style="bold")
        for i, q in enumerate(topic.quick_checks, 1):
            o.say(f"{i}. {q.prompt}")
            for j, choice in enumerate(q.choices):
                o.say(f"   {j}) {choice}")


def _register_subcommands() -> None:
    from mlinterview.cli import _answer, _dedup, _demo, _exercise, _journal, _mock, _search, _study

    app.command(name="search", rich_help_panel=LEARN)(_search.search)
    app.add_typer(_demo.demo_app, name="demo", rich_help_panel=LEARN)
    app.command(name="answer", rich_help_panel=PRACTISE)(_answer.answer)
    app.command(name="mock", rich_help_panel=PRACTISE)(_mock.mock)
    app.add_typer(_exercise.exercise_app, name="exercise", rich_help_panel=PRACTISE)
    app.command(name="dedup", rich_help_panel=PRACTISE)(_dedup.dedup)
    for command in (_study.review, _study.stats, _study.export, _study.import_,
                    _study.settings):
        name = "import" if command is _study.import_ else command.__name__
        app.command(name=name, rich_help_panel=STUDY)(command)
    app.add_typer(_journal.journal_app, name="journal", rich_help_panel=STUDY)


_register_subcommands()


@app.command(rich_help_panel=PROJECT)
def coverage(
    json_: bool = typer.Option(False, "--json", help="Print JSON: {\"topics\": [...]}"),
    check: bool = typer.Option(False, "--check",
                               help="Exit 1 if any card link, section or quick check is broken."),
    check_exercises: bool = typer.Option(
        False, "--check-exercises",
        help="Like --check, and also count a topic below issue 13's exercise bar as a "
             "problem (2 exercises; a core topic 3, one each of E, M, H). Not part of "
             "--check yet: the exercises are still being written."),
) -> None:
    """Which parts of every topic exist (card, lib, demo, exercise, parity tests).

    The exercise column gives the count and the levels, e.g. 2 (E,M). A topic is complete
    when every part COVERAGE.md asks for exists and its card checks pass. With --check,
    list the problems and exit 1 if there are any.

    Example: mlinterview coverage --check
    """
    from mlinterview import coverage as cov

    report = cov.report()
    if check_exercises:
        check = True
        report.problems += report.exercise_gaps
    if json_:
        o.print_json(report.to_json())
    elif not check:
        def mark(t, part, value, text=None):
            if part not in t.needs:
                return "-" if not value else text or str(value)
            return text or str(value) if value else "MISSING"

        o.table(
            ["slug", "area", "card", "lib", "demo", "exercise", "parity", "complete"],
            [[t.slug, t.area, "yes" if t.card else "MISSING", mark(t, "lib", t.lib),
              mark(t, "demo", t.demo), mark(t, "exercise", t.exercise, t.exercise_text),
              "?" if t.parity is None and "parity" in t.needs else mark(t, "parity", t.parity),
              "yes" if t.complete else "no"] for t in report.topics],
            title=f"{sum(t.complete for t in report.topics)} of {len(report.topics)} topics "
                  "complete",
        )
    if check:
        if report.problems:
            for problem in report.problems:
                o.err().print(f"- {problem}", markup=False, soft_wrap=True)
            o.fail(f"{len(report.problems)} problem(s) in the content")
        o.say(f"ok: {sum(t.card for t in report.topics)} cards checked, no problems")


@app.command(rich_help_panel=PROJECT)
def version() -> None:
    """Print the mlinterview version.

    Example: mlinterview version
    """
    o.say(f"mlinterview {__version__}")


@app.command(rich_help_panel=PROJECT)
def serve(
    host: str = typer.Option("127.0.0.1", help="Address to bind. Keep 127.0.0.1 unless you "
                             "know you need another: the app runs submitted code."),
    port: int = typer.Option(8765, min=0, max=65535,
                             help="Port (0: any free port; the next free one if taken)."),
    token: str = typer.Option(None, help="Access token (default: a new random one)."),
) -> None:
    """Start the web app and print its URL with the access token.

    The app is for you only: it binds 127.0.0.1, asks for the token printed here on
    every request, and refuses other Host and Origin headers.

    Example: mlinterview serve --port 8000
    """
    from mlinterview.web.server import run

    try:
        run(host=host, port=port, token=token)
    except ValueError as exc:
        o.fail(str(exc), code=2)
    except OSError as exc:
        o.fail(f"cannot start the server: {exc}")


def main() -> None:
    """Entry point of the ``mlinterview`` script.

    A study database that cannot be used (not a database, from a newer version) is the
    user's situation to fix, not a bug: one line, exit 1, no traceback.
    """
    try:
        app()
    except Exception as exc:
        if not _is_store_error(exc):
            raise
        o.err().print(f"error: {exc}", markup=False, soft_wrap=True)
        raise SystemExit(1) from None


__all__ = ["app", "main"]
