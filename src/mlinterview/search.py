"""Keyword search over the cards: title, seed question, sections and quick checks.

Deliberately simple: every word of the query must occur (case-insensitive substring);
hits are ranked by where the words occur (title > question > body) and how often.

The lower-cased fields of every card are prepared once (:func:`index`), so a query only
scans strings.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from mlinterview.topics import Topic, all_topics

_WEIGHTS = {"title": 10.0, "slug": 8.0, "question": 5.0, "body": 1.0}
MAX_QUERY = 200


@dataclass(frozen=True)
class Hit:
    """A card that matches, with a snippet around the first match in its body."""

    slug: str
    title: str
    area: str
    score: float
    snippet: str


def _fields(topic: Topic) -> dict[str, str]:
    checks = " ".join(q.prompt for q in topic.quick_checks)
    return {
        "title": topic.title.lower(),
        "slug": topic.slug.replace("-", " "),
        "question": topic.question.lower(),
        "body": (topic.body + " " + checks).lower(),
    }


@dataclass(frozen=True)
class _Entry:
    """One card as the search sees it: lower-cased fields and the body as plain text."""

    topic: Topic
    fields: dict[str, str]
    plain: str  # the body without Markdown marks, whitespace folded: snippets come from it


def _plain(body: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[#*`$>|]+", "", body))


def _snippet(plain: str, word: str, width: int = 80) -> str:
    at = plain.lower().find(word)
    if at < 0:
        return plain[: 2 * width].strip()
    start = max(0, at - width)
    end = min(len(plain), at + len(word) + width)
    return ("…" if start else "") + plain[start:end].strip() + ("…" if end < len(plain) else "")


@functools.cache
def index() -> tuple[_Entry, ...]:
    """Every card prepared for searching, built once per process (cards do not change)."""
    return tuple(_Entry(topic, _fields(topic), _plain(topic.body))
                 for topic in all_topics().values())


def search(query: str, limit: int = 20) -> list[Hit]:
    """Cards matching every word of ``query``, best first."""
    words = [w for w in re.split(r"\s+", query.lower()[:MAX_QUERY].strip()) if w]
    if not words:
        return []
    hits = []
    for entry in index():
        fields, topic = entry.fields, entry.topic
        if not all(any(w in text for text in fields.values()) for w in words):
            continue
        score = sum(_WEIGHTS[name] * text.count(w) for w in words for name, text in fields.items())
        hits.append(Hit(topic.slug, topic.title, topic.area, score,
                        _snippet(entry.plain, words[0])))
    hits.sort(key=lambda h: (-h.score, h.slug))
    return hits[:limit]
