"""Link every registered exercise from its topic's card.

A card lists its exercises in its front matter (``exercises: [slug/name, ...]``): that list
is what the topic page shows, and ``mlinterview coverage --check`` fails on an exercise that
no card links. An author who adds an exercise folder under ``exercises/bank/`` runs this to
add the new id to the card's list, easiest first (level E, M, H, then name). Ids the card
already lists keep their place; nothing is removed.

Usage: ``python tools/link_exercises.py [--check] [--committed]`` (``--check``: print what
would change, exit 1 if anything would; ``--committed``: only exercises whose files git
tracks, so the card never links a folder that is still being written).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path

from mlinterview import exercises
from mlinterview.topics import all_topics

LINE = re.compile(r"^exercises:\s*\[(?P<ids>[^\]]*)\]\s*$", re.M)


def _tracked(folder: Path) -> set[Path]:
    """Files under ``folder`` that git tracks (committed or staged)."""
    out = subprocess.run(["git", "ls-files", "-z", "--full-name", "--", str(folder)], cwd=folder,
                         capture_output=True, check=True).stdout.decode()
    root = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=folder,
                          capture_output=True, text=True, check=True).stdout.strip()
    return {Path(root) / name for name in out.split("\0") if name}


def missing_links(committed: bool = False) -> dict[str, list[str]]:
    """For each card, the registered exercises of its topic that it does not list, in
    the order they should be appended (only those git tracks, with ``committed``)."""
    cards = all_topics()
    tracked = _tracked(exercises.BANK) if committed else None
    found: dict[str, list[str]] = {}
    for exercise in exercises.registry().values():  # ordered by topic, level, name
        card = cards.get(exercise.slug)
        if tracked is not None and exercise.folder / "cases.py" not in tracked:
            continue
        if card is not None and exercise.id not in card.exercises:
            found.setdefault(exercise.slug, []).append(exercise.id)
    return found


def with_links(text: str, ids: list[str], name: str = "card") -> str:
    """``text`` (a card) with ``ids`` appended to the ``exercises:`` list of its front
    matter, or a new list after ``demos:`` (or at the end of the front matter)."""
    front_end = text.index("\n---", 3)  # the front matter's closing line
    match = LINE.search(text, 0, front_end)
    if match is None:
        if re.search(r"^exercises:", text[:front_end], re.M):
            raise SystemExit(f"{name}: write its 'exercises:' list on one line, [a, b]")
        demos = re.search(r"^demos:.*$", text[:front_end], re.M)
        at = demos.end() if demos else front_end
        return text[:at] + f"\nexercises: [{', '.join(ids)}]" + text[at:]
    listed = [i.strip() for i in match["ids"].split(",") if i.strip()]
    line = f"exercises: [{', '.join(listed + ids)}]"
    return text[:match.start()] + line + text[match.end():]


def link(slug: str, ids: list[str]) -> None:
    """Append ``ids`` to the ``exercises:`` list in the front matter of ``slug``'s card."""
    path = all_topics()[slug].path
    text = path.read_text(encoding="utf-8")
    path.write_text(with_links(text, ids, str(path)), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="only report the missing links; exit 1 if there are any")
    parser.add_argument("--committed", action="store_true",
                        help="only exercises whose files git tracks")
    args = parser.parse_args(argv)
    todo = missing_links(args.committed)
    for slug, ids in todo.items():
        print(f"{slug}: {', '.join(ids)}")
        if not args.check:
            link(slug, ids)
    if not todo:
        print("every exercise is linked from its card")
    return 1 if todo and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
