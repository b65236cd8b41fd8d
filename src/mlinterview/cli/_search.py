"""``mlinterview search``: the cards, exercises and demos that answer a question.

A view over :func:`mlinterview.search.find`: a table with the matched words in bold in a
terminal, plain lines in a pipe, JSON with ``--json``; the nearest topics when nothing
matches.
"""

from __future__ import annotations

from typing import Annotated

import typer

from mlinterview.cli import _output as o


def search(
    query: Annotated[list[str] | None, typer.Argument(
        metavar="QUERY...", help="A question or a few words (quotes optional).")] = None,
    limit: Annotated[int, typer.Option(
        "--limit", "-n", help="At most this many results (1-100).")] = 10,
    kind: Annotated[str | None, typer.Option(
        "--kind", "-k", help="Only this kind of result: card, exercise or demo.")] = None,
    json_: Annotated[bool, typer.Option("--json", help="Print the results as JSON.")] = False,
) -> None:
    """Find the cards, exercises and demos that answer a question.

    Ranked by BM25 over each card's title, question, key points, answer, follow-ups,
    exercises and demos; the words may differ from the card's ("cut-off" finds
    "threshold"). With no match, the nearest topics are suggested.

    Example: mlinterview search how should I pick the cut-off on predicted probabilities
    """
    from mlinterview import search as service

    text = " ".join(query or []).strip()
    if not text:
        o.fail("QUERY: give a question or some words to search for, e.g. "
               "mlinterview search what is the difference between precision and recall",
               code=2)
    if len(text) > service.MAX_QUERY:
        o.fail(f"QUERY: longer than {service.MAX_QUERY} characters ({len(text)}); "
               "ask a shorter question", code=2)
    if kind is not None and kind not in service.KINDS:
        o.fail(f"--kind: expected one of {', '.join(service.KINDS)}, got {kind!r}", code=2)
    if not 1 <= limit <= 100:
        o.fail(f"--limit: expected a number from 1 to 100, got {limit}", code=2)

    if o.is_terminal() and not json_:
        with o.err().status("Searching..."):
            results = service.find(text, limit=limit, kind=kind)
    else:
        results = service.find(text, limit=limit, kind=kind)
    if json_:
        o.print_json({"query": results.query, "terms": list(results.terms),
                      "hits": [h.to_json() for h in results.hits],
                      "nearest": [{"slug": s.slug, "title": s.title, "area": s.area,
                                   "similarity": s.similarity,
                                   "command": f"mlinterview show {s.slug}"}
                                  for s in results.nearest]})
        return
    if results.hits:
        _print_hits(results)
    else:
        _print_nearest(results)


def _print_hits(results) -> None:
    hits = results.hits
    heading = f"{len(hits)} result{'s' if len(hits) != 1 else ''} for \u201c{results.query}\u201d"
    if not o.is_terminal():
        o.say(heading)
        for i, hit in enumerate(hits, 1):
            o.say(f"{i}. [{hit.kind}] {hit.title} ({hit.slug})")
            o.say(f"   {hit.snippet}")
            o.say(f"   {hit.command}")
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=heading, title_justify="left", header_style="bold", show_lines=True)
    table.add_column("#", justify="right")
    table.add_column("kind")
    table.add_column("result", ratio=1)
    table.add_column("open with")
    for i, hit in enumerate(hits, 1):
        cell = Text()
        cell.append(hit.title, style="bold")
        cell.append(f"  {hit.slug}\n", style="dim")
        for text, marked in hit.parts:
            cell.append(text, style="bold yellow" if marked else None)
        table.add_row(str(i), hit.kind, cell, Text(hit.command, style="cyan"))
    o.out().print(table)


def _print_nearest(results) -> None:
    if not results.nearest:
        o.say(f"No match for \u201c{results.query}\u201d, and no topic looks like it. "
              "Try other words, or list the topics with: mlinterview topics")
        return
    o.say("No exact match; nearest topics:", style="bold")
    width = max(len(s.slug) for s in results.nearest)
    for s in results.nearest:
        o.say(f"  {s.slug:<{width}}  {s.title}  (mlinterview show {s.slug})")
