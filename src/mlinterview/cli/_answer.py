"""Answer first, then compare, in the terminal: reading an answer and grading it.

The pieces the ``answer`` command is made of, reusable by any command that asks a card's
question (the mock interview does the same per question)::

    from mlinterview.cli import _answer
    from mlinterview.practice import Practice

    practice = Practice()
    written = _answer.read_answer(topic.question, answer_file=None)   # editor or prompt
    stored = _answer.store_answer(practice, topic.slug, written)     # saved at once
    graded, outcome = _answer.compare_and_grade(
        practice, stored, short_answer=topic.short_answer,
        mistakes=topic.common_mistakes)                               # asks ticks, rating
    _answer.show_outcome(graded, outcome)

1. :func:`read_answer` reads the text: from ``--answer-file`` (``-`` for stdin), else in
   ``$VISUAL``/``$EDITOR`` when one is set (a temporary Markdown file whose question
   header is stripped afterwards), else at a multi-line prompt that ends with two empty
   lines or Ctrl-D. A timer runs from the moment the question is shown; it is shown
   (the prompt's margin counts the minutes) and stored, never enforced.
2. :func:`store_answer` stores it with :meth:`Practice.write` *before* anything else is
   asked, so a killed terminal loses nothing; only then is an editor's draft removed.
3. :func:`compare_and_grade` shows the answer beside the key points (above them on a
   narrow terminal), the points the answer seems to cover pre-ticked
   (:func:`mlinterview.practice.suggest.suggest`), the 30-second answer and the card's
   common mistakes ("did you say this?"); asks which points were covered (``1 3 4``,
   Enter for the suggestion, ``none``, ``all``) and the rating (Enter for the one the
   share covered suggests, or again/hard/good/easy, 1-4), then grades with
   :meth:`Practice.grade`. ``ticks=``/``accept_suggested=`` and ``rating=`` answer
   those questions up front, for scripts and tests.

Key points are numbered from 1 on screen and in ``--ticks``; the service counts from 0.
Everything human goes to ``console`` (stdout by default; stderr under ``--json``, so
stdout stays parseable). Problems end the command with :func:`~mlinterview.cli._output.fail`:
one line, a non-zero exit, no traceback.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mlinterview.cli import _output as o

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from mlinterview.practice import Answer, Practice
    from mlinterview.study import ReviewOutcome

RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
SCISSORS = "# ------------------------ >8 ------------------------"
WIDE = 100  # columns from which the answer and the key points sit side by side


@dataclass(frozen=True)
class Written:
    """An answer as read: its text, the seconds it took (None when it came from a file,
    which says nothing about the time spent), where it came from (``"editor"``,
    ``"prompt"`` or ``"file"``) and the editor's draft file, removed once stored."""

    text: str
    seconds: float | None
    source: str
    draft: Path | None = None

    def discard_draft(self) -> None:
        """Remove the editor's draft (call it only after the text is stored)."""
        if self.draft is not None:
            self.draft.unlink(missing_ok=True)


def format_seconds(seconds: float | None) -> str:
    """``125.3`` -> ``"2:05"``; ``3725`` -> ``"1:02:05"``; None -> ``"-"``."""
    if seconds is None:
        return "-"
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def _say(console: Console, text: str = "", style: str | None = None) -> None:
    """A line on ``console``: styled on a terminal, plain (no markup) in a pipe."""
    if style and console.is_terminal:
        from rich.markup import escape

        console.print(f"[{style}]{escape(text)}[/]", soft_wrap=True)
    else:
        console.print(text, markup=False, highlight=False, soft_wrap=True)


def _interactive(console: Console) -> bool:
    return console.is_terminal and sys.stdin.isatty()


def _ask(console: Console, prompt: str) -> str | None:
    """One line of input after ``prompt`` on ``console``; None at end of input."""
    if _interactive(console):
        try:
            return console.input(prompt + " ")
        except EOFError:
            return None
    _say(console, prompt)
    try:
        line = sys.stdin.readline()
    except UnicodeDecodeError:
        return "\ufffd"  # bytes that are not text: an input to refuse, not a crash
    return None if line == "" else line.rstrip("\n")


# -- 1. reading the answer -----------------------------------------------------------------


def editor_command() -> str | None:
    """The user's editor: ``$VISUAL``, else ``$EDITOR`` (None when neither is set)."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return None


def draft_header(question: str) -> str:
    """The comment block an editor's draft starts with: the question, how to answer, and
    the scissors line below which the answer goes."""
    lines = [f"# {line}".rstrip() for line in question.splitlines() or [""]]
    return "\n".join([
        "# Question:", *lines, "#",
        "# Write your answer below the line, in your own words, as you would say it.",
        "# Everything above the line is removed. Save and close the editor when you are",
        "# done; an empty answer stores nothing. The timer runs (it is not a limit).",
        SCISSORS, "", ""])


def strip_header(text: str, header: str) -> str:
    """The answer in a draft: what follows the scissors line (or, if the user deleted
    that line, the text without the header's leading comment lines), stripped."""
    if SCISSORS in text:
        return text.split(SCISSORS, 1)[1].strip()
    comments = {line.rstrip() for line in header.splitlines() if line.startswith("#")}
    lines = text.splitlines()
    while lines and lines[0].rstrip() in comments:
        lines.pop(0)
    return "\n".join(lines).strip()


def read_with_editor(question: str, editor: str, *, console: Console | None = None,
                     clock: Callable[[], float] = time.monotonic) -> Written:
    """Open ``editor`` (a command line such as ``"code --wait"``) on a temporary Markdown
    file headed by ``question``; the answer is what the user saved below the header.

    An editor that cannot start, or exits with a non-zero status, ends the command
    (exit 1); text the user saved anyway is kept in the draft and its path printed.
    """
    console = console or o.out()
    header = draft_header(question)
    fd, name = tempfile.mkstemp(prefix="mlinterview-answer-", suffix=".md")
    draft = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        f.write(header)
    try:
        argv = shlex.split(editor)
    except ValueError as exc:
        draft.unlink(missing_ok=True)
        o.fail(f"cannot read the editor command {editor!r} ($VISUAL/$EDITOR): {exc}")
    _say(console, f"Writing in {argv[0] if argv else editor}; the timer is running "
                  "(not a limit). Save and close the editor when done.", style="dim")
    started = clock()
    try:
        status = subprocess.run([*argv, str(draft)], check=False).returncode
    except OSError as exc:
        draft.unlink(missing_ok=True)
        o.fail(f"cannot start the editor {editor!r} ($VISUAL/$EDITOR): "
               f"{exc.strerror or exc}; set it to an editor or use --no-editor")
    seconds = clock() - started
    try:
        text = strip_header(draft.read_text(encoding="utf-8", errors="replace"), header)
    except OSError as exc:
        o.fail(f"cannot read the answer back from {draft}: {exc.strerror or exc}")
    if status != 0:
        if text:
            o.fail(f"the editor exited with status {status}: nothing stored; your text is "
                   f"kept in {draft}")
        draft.unlink(missing_ok=True)
        o.fail(f"the editor exited with status {status}: nothing stored")
    return Written(text, seconds, "editor", draft)


def read_from_prompt(question: str, *, console: Console | None = None,
                     clock: Callable[[], float] = time.monotonic) -> Written:
    """Read lines until two empty lines in a row or the end of input (Ctrl-D).

    On a terminal each line's prompt shows the time elapsed (``1:05 │``): a live clock
    that never writes over what the user types. In a pipe the lines are read as they
    come, with no prompt. Ctrl-C keeps what was typed: it is returned with
    ``source="interrupted"`` for the caller to store before stopping.
    """
    console = console or o.out()
    interactive = _interactive(console)
    _say(console, "Your answer (end with two empty lines or Ctrl-D; the timer runs, it is "
                  "not a limit):", style="dim")
    started = clock()
    lines: list[str] = []
    source = "prompt"
    try:
        while True:
            if interactive:
                try:
                    line = console.input(f"[dim]{format_seconds(clock() - started):>5} │[/] ")
                except EOFError:
                    break
            else:
                try:
                    line = sys.stdin.readline()
                except UnicodeDecodeError:
                    o.fail("the answer is not text (UTF-8)", code=2)
                if line == "":
                    break
                line = line.rstrip("\n")
            if line.strip() == "" and lines and lines[-1].strip() == "":
                break
            lines.append(line)
    except KeyboardInterrupt:
        source = "interrupted"
    return Written("\n".join(lines).strip(), clock() - started, source)


def read_from_file(path: Path) -> Written:
    """The answer in ``path`` (``-``: standard input), as UTF-8. At most a little more
    than an answer may hold is read: a huge file is refused without filling memory."""
    from mlinterview.practice import MAX_ANSWER_CHARS

    if str(path) == "-":
        try:
            text = sys.stdin.read(MAX_ANSWER_CHARS + 1)
        except UnicodeDecodeError:
            o.fail("--answer-file -: the input is not text (UTF-8)", code=2)
        if len(text) > MAX_ANSWER_CHARS:  # maybe not all of it: refuse, never cut it
            o.fail(f"answer: the input holds more than the {MAX_ANSWER_CHARS} characters an "
                   "answer may have: nothing stored", code=2)
        return Written(text.strip(), None, "file")
    o.regular_file(path, "--answer-file")
    limit = 4 * MAX_ANSWER_CHARS + 4  # UTF-8 takes at most 4 bytes a character
    try:
        with path.open("rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        o.fail(f"--answer-file: cannot read {path}: {exc.strerror or exc}", code=2)
    if len(data) > limit:
        o.fail(f"answer: {path} holds more than the {MAX_ANSWER_CHARS} characters an answer "
               "may have: nothing stored", code=2)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        o.fail(f"--answer-file: {path} is not text (UTF-8)", code=2)
    return Written(text.strip(), None, "file")


def read_answer(question: str, *, answer_file: Path | None = None, use_editor: bool = True,
                console: Console | None = None,
                clock: Callable[[], float] = time.monotonic) -> Written:
    """Show ``question`` and read the answer: from ``answer_file`` when given, else in the
    user's editor (``use_editor`` and ``$VISUAL``/``$EDITOR`` set), else at the prompt.
    Prints the time taken at the end. The text may be empty: :func:`store_answer` says so.
    """
    console = console or o.out()
    _say(console, f"Q: {question}", style="bold")
    if answer_file is not None:
        return read_from_file(answer_file)
    editor = editor_command() if use_editor else None
    if editor:
        written = read_with_editor(question, editor, console=console, clock=clock)
    else:
        written = read_from_prompt(question, console=console, clock=clock)
    _say(console, f"Time: {format_seconds(written.seconds)}", style="dim")
    return written


def store_answer(practice: Practice, slug: str, written: Written, **write_options) -> Answer:
    """Store ``written`` as an answer to ``slug`` (:meth:`Practice.write`; options such as
    ``question=``, ``kind=``, ``session_uid=`` pass through), then drop the editor's draft.

    An empty or too long answer ends the command with one line (exit 1, or 2 when it
    came from ``--answer-file``); a prompt interrupted with Ctrl-C is stored if it holds
    any text, then the command stops with exit 130.
    """
    from mlinterview.practice import MAX_ANSWER_CHARS

    code = 2 if written.source == "file" else 1
    if not written.text:
        if written.source == "interrupted":
            o.fail("interrupted: nothing written, nothing stored", code=130)
        o.fail("empty answer: nothing stored", code=code)
    if len(written.text) > MAX_ANSWER_CHARS:
        keep = f"; your text is kept in {written.draft}" if written.draft else ""
        o.fail(f"answer: {len(written.text)} characters, more than the {MAX_ANSWER_CHARS} "
               f"an answer may have: nothing stored{keep}", code=code)
    try:
        stored = practice.write(slug, written.text, seconds=written.seconds, **write_options)
    except ValueError as exc:
        o.fail(str(exc), code=code)
    written.discard_draft()
    if written.source == "interrupted":
        o.err().print(f"Interrupted: your answer is saved, not graded (id {stored.uid}).",
                      markup=False, highlight=False, soft_wrap=True)
        raise _stop(130)
    return stored


def _stop(code: int):
    """The exception that ends the command with exit status ``code`` (no message)."""
    return typer.Exit(code)


# -- 2. comparing and grading --------------------------------------------------------------


def parse_ticks(raw: str, n: int, suggested: Sequence[int]) -> list[int]:
    """The key points the user says were covered, as 0-based indices, from what they
    typed: numbers from 1 to ``n`` separated by spaces or commas, ``""`` for the
    ``suggested`` ones (0-based), ``none`` or ``all``. ``ValueError`` otherwise."""
    text = raw.strip().lower()
    if text == "":
        return sorted(set(suggested))
    if text in ("none", "-"):
        return []
    if text == "all":
        return list(range(n))
    picked: set[int] = set()
    for part in text.replace(",", " ").split():
        if not part.isdigit():
            raise ValueError(f"expected key point numbers from 1 to {n}, got {part!r}")
        number = int(part)
        if not 1 <= number <= n:
            raise ValueError(f"expected key point numbers from 1 to {n}, got {number}")
        picked.add(number - 1)
    return sorted(picked)


def parse_rating(raw: str) -> int:
    """``"3"`` or ``"good"`` (any case) -> 3; ``ValueError`` for anything else."""
    text = raw.strip().lower()
    if text in ("1", "2", "3", "4"):
        return int(text)
    by_name = {name: value for value, name in RATING_NAMES.items()}
    if text in by_name:
        return by_name[text]
    raise ValueError(f"expected 1-4 or again, hard, good, easy; got {raw!r}")


_INLINE = re.compile(r"\*\*(.+?)\*\*|`([^`]+)`|\*([^*\s][^*]*)\*")


def _inline(markdown: str) -> Text:
    """One line of card Markdown as Rich text: **bold**, *italic* and `code` styled,
    formulas as Unicode (``markdown_for_terminal``); no list or heading parsing, so a
    point that starts with a number stays a sentence."""
    from rich.text import Text

    from mlinterview.render import markdown_for_terminal

    line = markdown_for_terminal(markdown).replace("\n", " ")
    text, at = Text(), 0
    for found in _INLINE.finditer(line):
        text.append(line[at:found.start()])
        bold, code, italic = found.groups()
        if bold is not None:
            text.append(bold, style="bold")
        elif code is not None:
            text.append(code, style="cyan")
        else:
            text.append(italic, style="italic")
        at = found.end()
    text.append(line[at:])
    return text


def _numbers(indices: Sequence[int]) -> str:
    return " ".join(str(i + 1) for i in indices) or "none"


def show_compare(text: str, points: Sequence[str], suggested: Sequence[int], *,
                 short_answer: str = "", mistakes: Sequence[str] = (),
                 steps: Sequence[str] = (), console: Console | None = None) -> None:
    """Print the user's ``text`` beside the key ``points`` (above them when the terminal
    is narrower than :data:`WIDE` columns, or in a pipe), the points in ``suggested``
    (0-based) marked ``[x]``; then the 30-second answer and the common mistakes.
    ``steps`` (a design card's rubric: each point's step) labels every point with its
    step."""
    from mlinterview.render import markdown_for_terminal

    console = console or o.out()
    marked = set(suggested)
    if steps:
        points = [f"**{step}:** {p}" for step, p in zip(steps, points, strict=True)]
    items = [f"[{'x' if i in marked else ' '}] {i + 1}. {markdown_for_terminal(p)}"
             for i, p in enumerate(points)]
    if console.is_terminal:
        from rich.markdown import Markdown
        from rich.panel import Panel
        from rich.table import Table
        from rich.text import Text

        mine = Panel(Text(text), title="Your answer", title_align="left")
        keys = Table.grid(padding=(0, 1))
        keys.add_column(no_wrap=True)
        keys.add_column()
        for i, p in enumerate(points):
            keys.add_row(Text(f"[{'x' if i in marked else ' '}] {i + 1}.",
                              style="green" if i in marked else ""), _inline(p))
        heading = "Rubric" if steps else "Key points"
        theirs = Panel(keys, title=Text(f"{heading} ([x]: your answer seems to cover it)"),
                       title_align="left")
        if console.width >= WIDE:
            both = Table.grid(expand=True, padding=(0, 1))
            both.add_column(ratio=1)
            both.add_column(ratio=1)
            both.add_row(mine, theirs)
            console.print(both)
        else:
            console.print(mine)
            console.print(theirs)
        if short_answer.strip():
            console.print(Panel(Markdown(markdown_for_terminal(short_answer)),
                                title="In 30 seconds", title_align="left"))
        if mistakes:
            console.print(Panel(Markdown("\n".join(
                f"- {markdown_for_terminal(m)}" for m in mistakes)),
                title="Did you say this? Common mistakes", title_align="left"))
        return
    _say(console, "Your answer:")
    for line in text.splitlines():
        _say(console, f"  {line}")
    _say(console)
    _say(console, f"{'Rubric' if steps else 'Key points'} ([x]: your answer seems to "
                  "cover it):")
    for item in items:
        _say(console, f"  {item}")
    if short_answer.strip():
        _say(console)
        _say(console, "In 30 seconds:")
        _say(console, markdown_for_terminal(short_answer).strip())
    if mistakes:
        _say(console)
        _say(console, "Did you say this? Common mistakes:")
        for m in mistakes:
            _say(console, f"  - {markdown_for_terminal(m)}")
    _say(console)


def ask_ticks(n: int, suggested: Sequence[int], *, ticks: str | None = None,
              accept_suggested: bool = False, console: Console | None = None) -> list[int]:
    """Which of the ``n`` key points were covered (0-based): ``ticks`` as typed on the
    command line (``"1,3"``; a bad value exits 2), the ``suggested`` ones with
    ``accept_suggested``, else asked until the answer parses. End of input (Ctrl-D)
    raises ``EOFError``."""
    console = console or o.out()
    if ticks is not None:
        try:
            return parse_ticks(ticks, n, suggested) if ticks.strip() else []
        except ValueError as exc:
            o.fail(f"--ticks: {exc}", code=2)
    if accept_suggested:
        return sorted(set(suggested))
    while True:
        raw = _ask(console, f"Points you covered: numbers (e.g. 1 3 4), none or all "
                            f"[Enter = {_numbers(sorted(set(suggested)))}]")
        if raw is None:
            raise EOFError
        try:
            return parse_ticks(raw, n, suggested)
        except ValueError as exc:
            _say(console, f"  {exc}", style="yellow")


def ask_rating(suggested: int, *, rating: str | int | None = None, ask: bool = True,
               console: Console | None = None) -> int:
    """The rating to store: ``rating`` when given (1-4 or a name; a bad one exits 2), the
    ``suggested`` one when ``ask`` is False, else asked (Enter = ``suggested``).
    End of input raises ``EOFError``."""
    console = console or o.out()
    if rating is not None:
        try:
            return parse_rating(str(rating))
        except ValueError as exc:
            o.fail(f"--rating: {exc}", code=2)
    if not ask:
        return suggested
    while True:
        raw = _ask(console, f"Rating 1 again, 2 hard, 3 good, 4 easy "
                            f"[Enter = {suggested} {RATING_NAMES[suggested]}]")
        if raw is None:
            raise EOFError
        if raw.strip() == "":
            return suggested
        try:
            return parse_rating(raw)
        except ValueError as exc:
            _say(console, f"  {exc}", style="yellow")


def compare_and_grade(practice: Practice, answer: Answer, *, short_answer: str = "",
                      mistakes: Sequence[str] = (), ticks: str | None = None,
                      accept_suggested: bool = False, rating: str | int | None = None,
                      review: bool = True, steps: Sequence[str] = (),
                      console: Console | None = None
                      ) -> tuple[Answer, ReviewOutcome | None]:
    """Compare the stored ``answer`` with its key points, ask for the ticks and the
    rating (or take ``ticks``/``accept_suggested``/``rating``: with either of the first
    two nothing is asked, the rating defaulting to the suggested one) and grade it with
    :meth:`Practice.grade` (``review=False``: store the ticks without reviewing the
    card, as for a follow-up question). Returns what ``grade`` returns.

    Ctrl-D or Ctrl-C while asking leaves the answer stored but not graded and ends the
    command (exit 130) saying so.
    """
    from mlinterview.practice import rating_from_coverage
    from mlinterview.practice.suggest import suggest

    console = console or o.out()
    points = answer.points
    suggested = suggest(answer.answer, points) if points else []
    show_compare(answer.answer, points, suggested, short_answer=short_answer,
                 mistakes=mistakes, steps=steps, console=console)
    scripted = ticks is not None or accept_suggested
    try:
        ticked = ask_ticks(len(points), suggested, ticks=ticks,
                           accept_suggested=accept_suggested, console=console) if points else []
        chosen = None
        if review:
            if steps:
                from mlinterview.practice import step_scores

                _say(console, "By step: " + ", ".join(
                    f"{step} {hit}/{total}" for step, hit, total in step_scores(steps, ticked)))
            if points:
                hint = rating_from_coverage(len(ticked), len(points))
                _say(console, f"You covered {len(ticked)} of {len(points)} key points: "
                              f"that suggests {RATING_NAMES[hint]}.")
            else:
                hint = 3
            chosen = ask_rating(hint, rating=rating, ask=not scripted, console=console)
    except (EOFError, KeyboardInterrupt):
        _say(console)
        o.err().print(f"Stopped: your answer is saved, not graded (id {answer.uid}).",
                      markup=False, highlight=False, soft_wrap=True)
        raise _stop(130) from None
    try:
        return practice.grade(answer.uid, ticked, suggested=suggested, rating=chosen,
                              review=review)
    except ValueError as exc:
        o.fail(str(exc))


def show_outcome(answer: Answer, outcome: ReviewOutcome | None, *,
                 console: Console | None = None) -> None:
    """One line: the points covered, the rating stored and when the card comes back."""
    console = console or o.out()
    covered = f"{len(answer.ticked or ())} of {len(answer.points)} key points"
    if outcome is None:
        _say(console, f"Saved: {covered} covered.", style="green")
        return
    days = outcome.interval.total_seconds() / 86400
    when = f"{days:.1f} days" if days >= 1 else f"{days * 24 * 60:.0f} minutes"
    _say(console, f"Saved: {covered} covered, rated {outcome.rating_name}; next review in "
                  f"{when} ({outcome.due:%Y-%m-%d %H:%M} UTC).", style="green")


def answer_json(answer: Answer, outcome: ReviewOutcome | None = None) -> dict:
    """A stored answer as JSON-ready data (points numbered from 1, as on screen)."""
    suggested = set(answer.suggested or ())
    ticked = set(answer.ticked or ())
    data = {
        "uid": answer.uid, "slug": answer.slug, "question": answer.question,
        "kind": answer.kind, "answer": answer.answer,
        "written_at": answer.written_at.isoformat(), "seconds": answer.seconds,
        "points": [{"n": i + 1, "text": p, "suggested": i in suggested,
                    "ticked": i in ticked} for i, p in enumerate(answer.points)],
        "graded": answer.graded,
        "covered": len(ticked) if answer.graded else None,
        "total": len(answer.points), "rating": answer.rating,
        "rating_name": RATING_NAMES.get(answer.rating) if answer.rating else None,
    }
    if outcome is not None:
        data["review"] = {"uid": outcome.uid, "suggested_rating": outcome.suggested,
                          "due": outcome.due.isoformat(), "state": outcome.state}
    return data


# -- 3. the command ------------------------------------------------------------------------


def _pick_slug(study, *, random_pick: bool, console: Console) -> str:
    """The card to practise when none is named: with ``random_pick`` any card at random;
    else the most overdue card (or the next new one), else a random card."""
    import random

    from mlinterview.topics import all_topics

    cards = [s for s, t in all_topics().items() if t.key_points]
    if not cards:
        o.fail("no card has key points to compare an answer with")
    if not random_pick:
        for item in study.due():
            if item.slug in cards:
                _say(console, f"The most due card: {item.slug}" + (" (new)" if item.new else ""),
                     style="dim")
                return item.slug
        _say(console, "Nothing is due: a card at random.", style="dim")
    return random.SystemRandom().choice(cards)


def _show_history(practice: Practice, slug: str | None, *, json_: bool) -> None:
    answers = practice.answers(slug, limit=50)
    if json_:
        o.print_json([answer_json(a) for a in answers])
        return
    if not answers:
        o.say("No answers yet." + (f" Write one: mlinterview answer {slug}" if slug else ""))
        return

    def first_line(text: str, width: int = 60) -> str:
        line = text.strip().splitlines()[0] if text.strip() else ""
        return line if len(line) <= width else line[:width - 1] + "…"

    o.table(
        ["written (UTC)", "slug", "time", "covered", "rating", "answer"],
        [[f"{a.written_at:%Y-%m-%d %H:%M}", a.slug, format_seconds(a.seconds),
          f"{len(a.ticked)} of {len(a.points)}" if a.graded else "not graded",
          RATING_NAMES.get(a.rating, "-") if a.rating else "-", first_line(a.answer)]
         for a in answers],
        title=f"{len(answers)} answer(s), newest first")


def answer(
    slug: str = typer.Argument(None, metavar="SLUG", help="Topic slug, e.g. classification-metrics "
                               "(default: the most due card)."),
    answer_file: Annotated[Path | None, typer.Option(
        "--answer-file", "-f", metavar="FILE", help="Read the answer from FILE (- for "
        "standard input) instead of the editor or the prompt.")] = None,
    ticks: str = typer.Option(None, "--ticks", metavar="NUMBERS",
                              help="The key points you covered, e.g. 1,3,4 (or none): "
                              "nothing is asked."),
    accept_suggested: bool = typer.Option(False, "--accept-suggested",
                                          help="Take the suggested ticks: nothing is asked."),
    rating: str = typer.Option(None, "--rating", "-r", metavar="RATING",
                               help="1-4 or again, hard, good, easy (default: the one "
                               "the share of points covered suggests)."),
    editor: bool = typer.Option(True, "--editor/--no-editor",
                                help="Write in $VISUAL/$EDITOR when set (--no-editor: "
                                "at the prompt)."),
    random_pick: bool = typer.Option(False, "--random", help="Practise a card at random."),
    history: bool = typer.Option(False, "--history",
                                 help="List your past answers (of SLUG, or all) and stop."),
    json_: bool = typer.Option(False, "--json", help="Print the graded answer as JSON "
                               "(the rest goes to stderr)."),
) -> None:
    """Answer a card's question in your own words, then compare with its key points.

    Only the question is shown. Write your answer: in $VISUAL or $EDITOR
    when set, else at the prompt (end it with two empty lines or Ctrl-D),
    or from --answer-file. A timer runs, for your information only. The
    answer is saved as soon as it is written.

    Then your text is shown beside the card's key points, the points it
    seems to cover already ticked, with the 30-second answer and the common
    mistakes ("did you say this?"). Press Enter to confirm the ticks, or
    type the numbers you covered (1 3 4, none, all). The share covered
    suggests a rating (all: good, half or more: hard, else again): Enter
    accepts it, 1-4 changes it. The card is rescheduled as by a review.

    Without SLUG the most due card is asked; --random picks any card.

    Example: mlinterview answer classification-metrics

    For a script: mlinterview answer bias-variance -f mine.md --accept-suggested
    """
    from mlinterview.cli import _topic_or_exit
    from mlinterview.practice import Practice

    console = o.err() if json_ else o.out()
    if ticks is not None and accept_suggested:
        o.fail("give --ticks or --accept-suggested, not both", code=2)
    if slug is not None and random_pick:
        o.fail("give a SLUG or --random, not both", code=2)
    if rating is not None:
        try:
            parse_rating(rating)
        except ValueError as exc:
            o.fail(f"--rating: {exc}", code=2)
    topic = _topic_or_exit(slug) if slug is not None else None
    practice = Practice()
    if history:
        _show_history(practice, slug, json_=json_)
        return
    if topic is None:
        topic = _topic_or_exit(_pick_slug(practice.study, random_pick=random_pick,
                                          console=console))
    if not topic.key_points:
        o.fail(f"{topic.slug}: the card has no key points to compare an answer with")
    if ticks is not None and ticks.strip():
        try:  # a typo in --ticks is refused before anything is written, not after
            parse_ticks(ticks, len(topic.key_points), [])
        except ValueError as exc:
            o.fail(f"--ticks: {exc}", code=2)
    _say(console, topic.title, style="bold")
    written = read_answer(topic.question, answer_file=answer_file, use_editor=editor,
                          console=console)
    stored = store_answer(practice, topic.slug, written)
    _say(console, f"Saved your answer ({len(stored.answer)} characters).", style="dim")
    from mlinterview.practice import rubric_steps

    graded, outcome = compare_and_grade(
        practice, stored, short_answer=topic.short_answer, mistakes=topic.common_mistakes,
        ticks=ticks, accept_suggested=accept_suggested, rating=rating,
        steps=rubric_steps(stored, topic), console=console)
    show_outcome(graded, outcome, console=console)
    if json_:
        o.print_json(answer_json(graded, outcome))
