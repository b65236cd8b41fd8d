"""The answer journal: every answer written, per question, over time; in the seed's format.

The seed is a journal of interview practice: a Markdown post with, for each question,
``# <question>``, ``## My initial answer:`` and ``## My final answer:``. This module

- builds the journal from the stored answers (:func:`journal`): per question (a card's
  question or a follow-up), every answer oldest first, the first and the latest, and the
  key points each covered: the ticks the user confirmed, or, for an answer never graded
  (an imported one), the points :func:`mlinterview.practice.suggest.suggest` finds in
  it, marked as suggested;
- writes it as such a post (:func:`to_markdown`) or as JSON (:func:`to_json`);
- reads such a post back (:func:`parse_markdown`), the seed itself included, and stores
  its answers as attempts of kind ``imported`` (:func:`import_journal`).

The format, as written and as read
----------------------------------

A question is a level-1 heading at the start of a line, ``# <question>``. Under it, an
answer section starts with a level-2 heading naming it: ``## My initial answer:``,
``## My final answer:`` (case, the colon, trailing spaces and words after "answer" do not
matter; "first", "latest" and "last" are read too). Text under a question before any such
heading, or with no such heading at all, is an answer as well (many of the seed's answers
are written so). Everything else is kept inside the answer it belongs to: other
sub-headings (``## About multi-label problems``), lists, indented blocks and fenced code
blocks, whose ``#`` lines are code, never questions. A line of seven or more ``#`` is a
divider (the seed has one): it ends the question above it and belongs to no answer; so do
the front matter and any text before the first question (counted as ignored lines).

An export writes, per question, the first answer under ``## My initial answer:`` and, when
the question was answered more than once, the latest under ``## My final answer:``; an
answer written once has a single heading, ``## My initial answer (my only one so far):``.

**Escaping.** An answer may itself contain a line that would read as structure: a
``# heading``, a divider, ``## My final answer:``, or a code fence that never closes (it
would swallow the rest of the file). On export, such a line, outside the answer's code
blocks, gets one backslash in front; a line that already starts with backslashes followed
by such a text gets one more. On import, one backslash is removed from every such line
outside code blocks. Markdown renders ``\\#`` as ``#``, so the post still reads as
written, and the round trip is exact for every answer, up to blank lines at its start and
end and line endings (:func:`canonical`).

**Questions to topics.** A heading is mapped to a card by
:func:`mlinterview.practice.questions.match_question` (exact, then the same words, then a
fuzzy score). A heading that maps to no card is reported, with its answers, and not
imported: an answer is stored against a topic, and a guess would file it under the
wrong one.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from mlinterview.practice import MAX_ANSWER_CHARS, Answer, Practice
from mlinterview.practice.questions import Match, match_question
from mlinterview.practice.suggest import suggest
from mlinterview.study import _iso

FORMAT = "mlinterview-journal"
VERSION = 1
MAX_JOURNAL_BYTES = 5_000_000  # a journal of answers, not a data dump
INITIAL_HEADING = "## My initial answer:"
FINAL_HEADING = "## My final answer:"
ONLY_HEADING = "## My initial answer (my only one so far):"


class JournalError(ValueError):
    """A journal file that cannot be read: missing, a folder, too large, not UTF-8."""


# ---------------------------------------------------------------------------------------
# The journal: stored answers, per question
# ---------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8192)
def _suggestion(text: str, points: tuple[str, ...]) -> tuple[int, ...]:
    """The suggester's ticks for a stored answer. A stored answer never changes, so each
    is computed once per process: the journal page is read again and again."""
    return tuple(suggest(text, points))


@dataclass(frozen=True)
class JournalAnswer:
    """One answer in the journal and the key points it covered.

    ``covered`` are indices into ``answer.points``: the points the user ticked when
    grading it, or, when it was never graded, the ones the suggester finds in its text
    (``suggested`` is then True). The suggestion is computed when first asked for: a
    page that shows the first and latest answers runs the suggester on those only.
    """

    answer: Answer

    @property
    def suggested(self) -> bool:
        return self.answer.ticked is None

    @functools.cached_property
    def covered(self) -> tuple[int, ...]:
        if self.answer.ticked is not None:
            return self.answer.ticked
        if not self.answer.points:
            return ()
        return _suggestion(self.answer.answer, self.answer.points)

    @property
    def coverage(self) -> float | None:
        """Share of the key points covered (None when the answer has no points)."""
        points = self.answer.points
        return len(self.covered) / len(points) if points else None


@dataclass(frozen=True)
class JournalQuestion:
    """A question and every answer written to it, oldest first (at least one)."""

    slug: str
    title: str
    question: str
    answers: tuple[JournalAnswer, ...]

    @property
    def first(self) -> JournalAnswer:
        return self.answers[0]

    @property
    def latest(self) -> JournalAnswer:
        return self.answers[-1]


def journal(practice: Practice, slug: str | None = None) -> list[JournalQuestion]:
    """Every stored answer (of ``slug``'s card only, if given), grouped by card and
    question text, in the order of the topics (a card's own question before its
    follow-ups); answers of a card that no longer exists come last."""
    from mlinterview.topics import all_topics

    sql, params = "SELECT * FROM answer_attempts", ()
    if slug is not None:
        sql, params = sql + " WHERE slug = ?", (slug,)
    rows = practice.store.query(sql + " ORDER BY written_at, id", params)
    groups: dict[tuple[str, str], list[Answer]] = {}
    for row in rows:
        answer = Answer.from_row(row)
        groups.setdefault((answer.slug, answer.question), []).append(answer)

    topics = all_topics()
    rank = {s: i for i, s in enumerate(topics)}

    def order(key: tuple[str, str]) -> tuple:
        slug_, question = key
        topic = topics.get(slug_)
        own = topic is not None and question == topic.question
        first = groups[key][0]
        return (rank.get(slug_, len(rank)), slug_, not own, first.written_at, question)

    result = []
    for key in sorted(groups, key=order):
        topic = topics.get(key[0])
        result.append(JournalQuestion(
            slug=key[0], title=topic.title if topic else key[0], question=key[1],
            answers=tuple(JournalAnswer(a) for a in groups[key])))
    return result


def to_json(questions: Sequence[JournalQuestion]) -> dict[str, Any]:
    """The journal as JSON-ready data: per question, every answer with its time, the
    seconds it took, its kind, its key points, which were covered and whether that is
    the user's ticks or a suggestion."""
    return {
        "format": FORMAT, "version": VERSION,
        "questions": [{
            "slug": q.slug, "title": q.title, "question": q.question,
            "answers": [{
                "uid": a.answer.uid, "kind": a.answer.kind,
                "written_at": _iso(a.answer.written_at), "seconds": a.answer.seconds,
                "text": a.answer.answer, "points": list(a.answer.points),
                "covered": list(a.covered), "coverage_suggested": a.suggested,
                "rating": a.answer.rating,
            } for a in q.answers],
        } for q in questions],
    }


# ---------------------------------------------------------------------------------------
# Markdown: lines that carry structure, code fences, escaping
# ---------------------------------------------------------------------------------------

_SECTION = re.compile(
    r"^##[ \t]+(?:my[ \t]+)?(initial|first|final|latest|last)[ \t]+answer\b.*$", re.I)
_QUESTION = re.compile(r"^#(?:[ \t]+(.*?))?[ \t]*$")
_DIVIDER = re.compile(r"^#{7,}")
_SUBHEADING = re.compile(r"^#{2,6}(?:[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})(.*)$")


def _escapable(text: str) -> bool:
    """Whether a line (without its leading backslashes) would be read as structure: a
    line starting with ``#`` other than a plain sub-heading, or a code fence."""
    if text.startswith("#"):
        return not _SUBHEADING.match(text) or bool(_SECTION.match(text))
    return bool(_FENCE.match(text))


def _code_lines(lines: Sequence[str]) -> tuple[list[bool], set[int]]:
    """Which lines are code (a fence line or inside a fenced block), and which fence
    openers were demoted to text because their block never closes.

    A fence opens with three or more backticks or tildes (up to three spaces in) and
    closes with a line of at least as many of the same character and nothing else
    (CommonMark). An opener that no closer follows would turn the rest of the file into
    code; it is read as text instead and the lines after it tracked again.
    """
    code = [False] * len(lines)
    demoted: set[int] = set()
    start = 0
    while True:
        opener = None
        for i in range(start, len(lines)):
            line = lines[i]
            if opener is None:
                found = _FENCE.match(line)
                if i not in demoted and found and not (
                        found.group(1)[0] == "`" and "`" in found.group(2)):
                    opener = (i, found.group(1))
                    code[i] = True
                else:
                    code[i] = False
                continue
            code[i] = True
            found = _FENCE.match(line)
            fence = opener[1]
            if found and found.group(1)[0] == fence[0] and len(found.group(1)) >= len(fence) \
                    and not found.group(2).strip():
                opener = None
        if opener is None:
            return code, demoted
        demoted.add(opener[0])
        start = opener[0]


def canonical(text: str) -> str:
    """An answer as the journal keeps it: ``\\n`` line endings, no blank lines at the
    start or end. Everything else (indentation, trailing spaces of a line, blank lines
    inside) is kept."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines)


def escape_answer(text: str) -> str:
    """``text`` (canonical) with every line that would read as structure escaped with one
    more leading backslash (see the module docstring); code blocks are left alone."""
    lines = text.split("\n")
    code, demoted = _code_lines(lines)
    out = []
    for i, line in enumerate(lines):
        rest = line.lstrip("\\")
        # A line already starting with backslashes is escaped whenever the rest would be
        # structure (so that unescaping is always "remove one"); a bare fence line outside
        # code is a fence that closes, and stays.
        if i in demoted or (not code[i] and _escapable(rest)
                            and (len(rest) < len(line) or rest.startswith("#"))):
            line = "\\" + line
        out.append(line)
    return "\n".join(out)


def _unescape(lines: Sequence[str], code: Sequence[bool]) -> list[str]:
    """The inverse of :func:`escape_answer` on lines read from a file (``code`` says which
    lines the file's own fence tracking found to be code)."""
    out = []
    for line, is_code in zip(lines, code, strict=True):
        if not is_code and line.startswith("\\") and _escapable(line.lstrip("\\")):
            line = line[1:]
        out.append(line)
    return out


# ---------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------


def to_markdown(questions: Sequence[JournalQuestion], *, title: str | None = None,
                now: datetime | None = None) -> str:
    """The journal as a Markdown post in the seed's format (see the module docstring):
    front matter, then per question ``# <question>``, its first answer under
    ``## My initial answer:`` and its latest under ``## My final answer:``."""
    from mlinterview import __version__

    head = ["---", "layout: post", "section-type: post",
            f"title: {json.dumps(title or 'My answers to ML interview questions')}",
            'tags: ["interview", "ML", "journal"]',
            f"generator: mlinterview {__version__}"]
    if now is not None:
        head.append(f"date: {_iso(now.replace(microsecond=0))}")
    parts = ["\n".join([*head, "---"])]
    for q in questions:
        question = " ".join(q.question.split())  # a heading is one line
        parts.append(f"# {question}")
        first, latest = q.first.answer.answer, q.latest.answer.answer
        if len(q.answers) == 1:
            parts += [ONLY_HEADING, escape_answer(canonical(first))]
        else:
            parts += [INITIAL_HEADING, escape_answer(canonical(first)),
                      FINAL_HEADING, escape_answer(canonical(latest))]
    return "\n\n".join(p for p in parts if p) + "\n"


# ---------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ParsedAnswer:
    """An answer read from a journal: its section (``initial``, ``final`` or ``untitled``
    for text under no answer heading) and its text (canonical, unescaped)."""

    section: str
    text: str


@dataclass(frozen=True)
class ParsedQuestion:
    """A ``# question`` of a journal file (``line``: where, from 1) and its answers in
    the order they appear; empty for a question left unanswered."""

    heading: str
    line: int
    answers: tuple[ParsedAnswer, ...]


@dataclass(frozen=True)
class ParsedJournal:
    questions: tuple[ParsedQuestion, ...]
    ignored_lines: int  # non-blank lines outside any question (front matter aside)


_SECTION_NAMES = {"initial": "initial", "first": "initial", "final": "final",
                  "latest": "final", "last": "final"}


def parse_markdown(text: str) -> ParsedJournal:
    """Read a journal in the seed's format (module docstring): its questions, each with
    the answers written under it."""
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = _front_matter_end(lines)
    body = lines[start:]
    code, _ = _code_lines(body)
    questions: list[ParsedQuestion] = []
    ignored = 0
    heading: tuple[str, int] | None = None
    sections: list[tuple[str, list[int]]] = []  # (section, indices of its lines)

    def close() -> None:
        if heading is None:
            return
        answers = []
        for section, indices in sections:
            raw = _unescape([body[i] for i in indices], [code[i] for i in indices])
            answer = canonical("\n".join(raw))
            if answer:
                answers.append(ParsedAnswer(section, answer))
        questions.append(ParsedQuestion(heading[0], heading[1], tuple(answers)))

    for i, line in enumerate(body):
        structural = not code[i]
        if structural and _DIVIDER.match(line):
            close()
            heading, sections = None, []
            ignored += 1
            continue
        found = _QUESTION.match(line) if structural else None
        if found:
            close()
            # An ATX heading may close with #s: "# Question #" is "Question".
            text = re.sub(r"(?:^|[ \t]+)#+$", "", (found.group(1) or "").strip())
            heading, sections = (text, start + i + 1), [("untitled", [])]
            continue
        found = _SECTION.match(line) if structural else None
        if found and heading is not None:
            sections.append((_SECTION_NAMES[found.group(1).lower()], []))
            continue
        if heading is None:
            ignored += bool(line.strip())
        else:
            sections[-1][1].append(i)
    close()
    return ParsedJournal(tuple(questions), ignored)


def _front_matter_end(lines: Sequence[str]) -> int:
    """The index of the first line after a YAML front matter block (0 without one)."""
    if lines and lines[0].strip() == "---":
        for i in range(1, len(lines)):
            if lines[i].strip() in ("---", "..."):
                return i + 1
    return 0


def read_journal_file(path: str | Path) -> str:
    """The text of a journal file; :class:`JournalError` with a one-line reason when it
    is missing, not a regular file, larger than :data:`MAX_JOURNAL_BYTES` or not UTF-8."""
    path = Path(path)
    if not path.exists():
        raise JournalError(f"{path}: no such file")
    if path.is_dir():
        raise JournalError(f"{path}: is a folder, not a journal file")
    if not path.is_file():
        raise JournalError(f"{path}: not a regular file")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_JOURNAL_BYTES + 1)
    except OSError as exc:
        raise JournalError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    return decode_journal(data, str(path))


def decode_journal(data: bytes, name: str) -> str:
    """``data`` as text; :class:`JournalError` naming ``name`` if too large or not UTF-8."""
    if len(data) > MAX_JOURNAL_BYTES:
        raise JournalError(f"{name}: larger than {MAX_JOURNAL_BYTES // 1_000_000} MB; "
                           "a journal is a page of answers")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise JournalError(f"{name}: not UTF-8 text (byte 0x{data[exc.start]:02x} at "
                           f"offset {exc.start})") from None


# ---------------------------------------------------------------------------------------
# Importing
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportedQuestion:
    """A heading of the file with answers, where it went and what became of them."""

    heading: str
    line: int
    match: Match | None
    answers: int
    added: int = 0
    duplicates: int = 0
    too_long: int = 0


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (or, with ``dry_run``, would do)."""

    questions: tuple[ImportedQuestion, ...]  # the headings with at least one answer
    unanswered: int                          # headings with no text under them
    ignored_lines: int
    dry_run: bool

    @property
    def imported(self) -> int:
        return sum(q.added for q in self.questions)

    @property
    def duplicates(self) -> int:
        return sum(q.duplicates for q in self.questions)

    @property
    def too_long(self) -> int:
        return sum(q.too_long for q in self.questions)

    @property
    def unmapped(self) -> tuple[ImportedQuestion, ...]:
        return tuple(q for q in self.questions if q.match is None)

    def to_json(self) -> dict[str, Any]:
        return {
            "dry_run": self.dry_run, "imported": self.imported,
            "duplicates": self.duplicates, "too_long": self.too_long,
            "unanswered": self.unanswered, "ignored_lines": self.ignored_lines,
            "unmapped": [q.heading for q in self.unmapped],
            "questions": [{
                "heading": q.heading, "line": q.line, "answers": q.answers,
                "added": q.added, "duplicates": q.duplicates, "too_long": q.too_long,
                "slug": q.match.slug if q.match else None,
                "question": q.match.question if q.match else None,
                "method": q.match.method if q.match else None,
                "score": q.match.score if q.match else None,
            } for q in self.questions],
        }


def answer_uid(slug: str, text: str) -> str:
    """The id of an imported answer: a hash of its topic and canonical text, so the same
    answer imported twice (or into two databases) is one answer."""
    digest = hashlib.sha256(f"{slug}\0{canonical(text)}".encode()).hexdigest()
    return f"journal-{digest[:32]}"


def import_journal(path: str | Path, practice: Practice, now: datetime | None = None, *,
                   dry_run: bool = False) -> ImportSummary:
    """Store the answers of the journal file ``path`` as attempts of kind ``imported``.

    Each mapped question's answers are stored in file order (initial before final) with
    written times one second apart ending at ``now``. An answer whose topic already has
    the same text (imported before, or written in the app and exported) is a duplicate
    and skipped, so importing a file twice adds nothing. One transaction: all or nothing.
    Raises :class:`JournalError` if the file cannot be read, or has no ``# question``
    at all (an empty file, or some other document, is not a journal).
    """
    return import_text(read_journal_file(path), practice, now, dry_run=dry_run,
                       name=str(path))


def import_text(text: str, practice: Practice, now: datetime | None = None, *,
                dry_run: bool = False, name: str = "the journal") -> ImportSummary:
    """:func:`import_journal` for a journal already read into ``text`` (``name`` is what
    an error calls it)."""
    parsed = parse_markdown(text)
    if not parsed.questions:
        raise JournalError(f"{name}: no '# question' heading: not a journal in the seed's "
                           "format")
    now = practice.study._now(now).replace(microsecond=0)
    answered = [q for q in parsed.questions if q.answers]
    plan = [(q, match_question(q.heading)) for q in answered]
    results: list[ImportedQuestion] = []
    # A dry run only reads: a snapshot, so it never waits for or blocks a writer.
    with practice.store.snapshot() if dry_run else practice.store.transaction() as conn:
        for q, match in plan:
            if match is None:
                results.append(ImportedQuestion(q.heading, q.line, None, len(q.answers)))
                continue
            results.append(_store(conn, q, match, now, dry_run=dry_run))
    return ImportSummary(tuple(results), unanswered=len(parsed.questions) - len(answered),
                         ignored_lines=parsed.ignored_lines, dry_run=dry_run)


def _store(conn, q: ParsedQuestion, match: Match, now: datetime, *,
           dry_run: bool) -> ImportedQuestion:
    """Insert ``q``'s new answers under ``match`` (nothing with ``dry_run``)."""
    known = {answer_uid(match.slug, r["answer"]) for r in conn.execute(
        "SELECT answer FROM answer_attempts WHERE slug = ?", (match.slug,))}
    fresh, duplicates, too_long = [], 0, 0
    for answer in q.answers:
        uid = answer_uid(match.slug, answer.text)
        if uid in known:
            duplicates += 1
        elif len(answer.text) > MAX_ANSWER_CHARS:
            too_long += 1
        else:
            known.add(uid)
            fresh.append((uid, answer.text))
    points = json.dumps(list(_points(match)))
    for i, (uid, text) in enumerate(fresh):
        if dry_run:
            continue
        written = now - timedelta(seconds=len(fresh) - 1 - i)
        conn.execute(
            """INSERT INTO answer_attempts (uid, slug, question, kind, answer, written_at,
                   points) VALUES (?, ?, ?, 'imported', ?, ?, ?)""",
            (uid, match.slug, match.question, text, _iso(written), points))
    return ImportedQuestion(q.heading, q.line, match, len(q.answers), added=len(fresh),
                            duplicates=duplicates, too_long=too_long)


def _points(match: Match) -> tuple[str, ...]:
    """The points an imported answer is compared with: the card's key points, or the
    follow-up's short answer (as a mock interview stores a follow-up's)."""
    from mlinterview.topics import get_topic

    topic = get_topic(match.slug)
    if match.question == topic.question:
        return topic.key_points
    for follow in topic.follow_ups:
        if follow.question == match.question:
            return (follow.answer,) if follow.answer else ()
    return topic.key_points


def render(questions: Sequence[JournalQuestion], fmt: str, *,
           now: datetime | None = None) -> str:
    """The journal as text: Markdown in the seed's format (``fmt="md"``, dated ``now``)
    or JSON (``fmt="json"``)."""
    if fmt == "md":
        return to_markdown(questions, now=now)
    if fmt == "json":
        return json.dumps(to_json(questions), indent=2, ensure_ascii=False) + "\n"
    raise ValueError(f"fmt: expected 'md' or 'json', got {fmt!r}")


__all__ = ["FORMAT", "ImportSummary", "ImportedQuestion", "JournalAnswer", "JournalError",
           "JournalQuestion", "Match", "ParsedAnswer", "ParsedJournal", "ParsedQuestion",
           "canonical", "escape_answer", "import_journal",
           "import_text", "journal", "match_question", "parse_markdown",
           "read_journal_file", "render", "to_json", "to_markdown"]
