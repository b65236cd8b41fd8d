"""Search quality and speed: the FTS5 search against the substring search it replaced.

Quality is measured on ``data/search_questions.yaml``: natural interview questions, each
labelled with the topic(s) whose card answers it, split into ``tune`` (what synonyms and
weights were tuned on) and ``heldout`` (fixed before any tuning, never tuned on). For each
question the rank is the position of the first result that belongs to a right topic,
among all results (cards, exercises and demos, in the order shown):

- hit@1, hit@3: share of questions with a right result first / in the first three;
- card@1: share of questions whose first result is the card of a right topic (not its
  exercise or demo; the old search finds only cards);
- MRR: mean of 1 / rank (0 when no right result is in the first 20);
- answered: share of questions with at least one result.

Speed: the time of one query (best of ``--repeats`` passes over every question, divided by
the number of questions) and of building the index from the cached documents, ours next to
the old substring search ("reference"). Prints only. Run:
``python benchmarks/run.py search``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

TITLE = "Search: FTS5 + BM25 vs the old substring search"
REFERENCE = "substring"
QUESTIONS = Path(__file__).resolve().parent / "data" / "search_questions.yaml"
DEPTH = 20  # results looked at per question


def load_questions(path: Path = QUESTIONS) -> list[dict]:
    """The labelled questions: dicts with ``q``, ``answers`` (slugs) and ``split``."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


# -- the search this one replaced (issue 11), kept as the reference --------------------


def _old_index():
    from mlinterview.topics import all_topics

    entries = []
    for topic in all_topics().values():
        checks = " ".join(q.prompt for q in topic.quick_checks)
        entries.append((topic.slug, {
            "title": topic.title.lower(), "slug": topic.slug.replace("-", " "),
            "question": topic.question.lower(), "body": (topic.body + " " + checks).lower()}))
    return entries


_OLD_WEIGHTS = {"title": 10.0, "slug": 8.0, "question": 5.0, "body": 1.0}


def old_search(query: str, entries) -> list[str]:
    """The substring search of issue 11: every word must occur; slugs, best first."""
    words = [w for w in re.split(r"\s+", query.lower()[:200].strip()) if w]
    scored = []
    for slug, fields in entries:
        if not words or not all(any(w in text for text in fields.values()) for w in words):
            continue
        score = sum(_OLD_WEIGHTS[name] * text.count(w) for w in words
                    for name, text in fields.items())
        scored.append((-score, slug))
    return [slug for _, slug in sorted(scored)][:DEPTH]


# -- quality ----------------------------------------------------------------------------


@dataclass
class Quality:
    """The quality figures of one search on one split of the labelled set."""

    split: str
    n: int
    hit1: float
    hit3: float
    card1: float
    mrr: float
    answered: float


def ranks(results_of: Callable[[str], Sequence[tuple[str, str]]],
          questions: list[dict]) -> list[int | None]:
    """The 1-based rank of the first result of a right topic for each question (None: not
    in the first DEPTH). ``results_of(question)`` gives ``(kind, topic)`` per result, in
    order."""
    out = []
    for item in questions:
        found = list(results_of(item["q"]))[:DEPTH]
        right = set(item["answers"])
        out.append(next((i + 1 for i, (_, slug) in enumerate(found) if slug in right), None))
    return out


def quality(results_of: Callable[[str], Sequence[tuple[str, str]]], questions: list[dict],
            split: str) -> Quality:
    """hit@1, hit@3, card@1, MRR and the share answered over ``questions``."""
    rank = ranks(results_of, questions)
    found = [list(results_of(item["q"])) for item in questions]
    card1 = sum(bool(f) and f[0][0] == "card" and f[0][1] in item["answers"]
                for f, item in zip(found, questions, strict=True))
    n = len(questions)
    return Quality(split, n, sum(r == 1 for r in rank if r) / n,
                   sum(r <= 3 for r in rank if r) / n, card1 / n,
                   sum(1 / r for r in rank if r) / n, sum(bool(f) for f in found) / n)


def misses(results_of: Callable[[str], Sequence[tuple[str, str]]], questions: list[dict],
           k: int = 3) -> list[tuple[str, list[str], list[tuple[str, str]]]]:
    """The questions whose right topic is not in the first ``k`` results:
    (question, answers, the first k results found)."""
    out = []
    for item, r in zip(questions, ranks(results_of, questions), strict=True):
        if r is None or r > k:
            out.append((item["q"], item["answers"], list(results_of(item["q"]))[:k]))
    return out


def ours(query: str) -> list[tuple[str, str]]:
    """(kind, topic) of each result of the FTS5 search."""
    from mlinterview.search import search

    return [(hit.kind, hit.slug) for hit in search(query, limit=DEPTH)]


def print_quality(rows: list[tuple[str, Quality]], *, file=None) -> None:
    """One line per (search, split): n, hit@1, hit@3, card@1, MRR, answered."""
    file = sys.stdout if file is None else file
    print(f"\nSearch quality on {QUESTIONS.name} (rank among all results, depth {DEPTH})",
          file=file)
    print(f"{'search':<10}  {'split':<8}  {'n':>4}  {'hit@1':>6}  {'hit@3':>6}  {'card@1':>6}  "
          f"{'MRR':>6}  {'answered':>8}", file=file)
    for name, q in rows:
        print(f"{name:<10}  {q.split:<8}  {q.n:>4}  {q.hit1:6.3f}  {q.hit3:6.3f}  "
              f"{q.card1:6.3f}  {q.mrr:6.3f}  {q.answered:8.3f}", file=file)


def main(argv: list[str] | None = None) -> None:
    from _harness import Timing, best_time, print_table
    from mlinterview import search

    questions = load_questions()
    splits = {"tune": [q for q in questions if q["split"] == "tune"],
              "heldout": [q for q in questions if q["split"] == "heldout"],
              "all": questions}
    entries = _old_index()
    searches = {"fts5": ours,
                "substring": lambda q: [("card", slug) for slug in old_search(q, entries)]}
    print_quality([(name, quality(fn, qs, split)) for name, fn in searches.items()
                   for split, qs in splits.items()])
    if "--misses" in (argv or sys.argv[1:]):
        for q, answers, found in misses(ours, questions):
            print(f"  miss: {q!r} -> {found} (want {answers})")

    texts = [q["q"] for q in questions]
    docs = search.documents()
    rows = [
        Timing("one query (mean over the set)", f"{len(texts)} questions",
               best_time(lambda: [search.search(t) for t in texts]) / len(texts),
               best_time(lambda: [old_search(t, entries) for t in texts]) / len(texts)),
        Timing("one query, 5 results", f"{len(texts)} questions",
               best_time(lambda: [search.search(t, limit=5) for t in texts]) / len(texts),
               best_time(lambda: [old_search(t, entries)[:5] for t in texts]) / len(texts)),
        Timing("build the index (documents cached)", f"{len(docs)} documents",
               best_time(lambda: search.Index(docs)), best_time(_old_index)),
    ]
    print_table(TITLE, REFERENCE, rows)


if __name__ == "__main__":
    main()
