"""Check the form of cards (issue 14): sections in order, a speakable 30-second answer of
at most 90 words, every follow-up answered, quick checks, sources, prerequisites, figure.

Usage: ``python tools/check_cards.py [SLUG ...]`` (default: every card). Prints each
problem and exits 1 if there is any; the same rules run in ``mlinterview coverage --check``
(and so in ``make test``).
"""

from __future__ import annotations

import argparse
import sys

from mlinterview import topics


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("slugs", nargs="*", metavar="SLUG", help="cards to check (default: all)")
    args = parser.parse_args(argv)
    cards = topics.all_topics()
    unknown = [s for s in args.slugs if s not in cards]
    if unknown:
        print(f"error: unknown slug(s) {unknown}", file=sys.stderr)
        return 2
    failed = 0
    for slug in args.slugs or list(cards):
        card = cards[slug]
        problems = topics.format_problems(card)
        problems += [p.split(": ", 1)[1] for p in topics.check_topic(card)
                     if p.split(": ", 1)[1] not in problems]
        words = topics.words(card.short_answer)
        if problems:
            failed += 1
            print(f"{slug}: {len(problems)} problem(s) ({words} words in 30 seconds)")
            for problem in problems:
                print(f"  - {problem}")
        else:
            print(f"{slug}: ok ({words} words in 30 seconds, {len(card.quick_checks)} quick "
                  f"checks, {len(card.further_reading)} sources)")
    cycle = topics.prerequisite_cycle(cards)
    if cycle:
        failed += 1
        print("prerequisites form a cycle: " + " -> ".join(cycle))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
