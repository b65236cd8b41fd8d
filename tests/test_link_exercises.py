"""tools/link_exercises.py: new exercise ids land in the card's front matter, worked by hand."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("link_exercises",
                                              ROOT / "tools" / "link_exercises.py")
tool = importlib.util.module_from_spec(spec)
sys.modules[spec.name] = tool
spec.loader.exec_module(tool)

CARD = "---\nslug: s\ndemos: [s]\n{line}related: [t]\n---\n\nexercises: [not/front-matter]\n"


def test_ids_are_appended_to_the_list_in_place():
    text = CARD.format(line="exercises: [s/a]\n")
    assert tool.with_links(text, ["s/b", "s/c"]) == CARD.format(
        line="exercises: [s/a, s/b, s/c]\n")


def test_a_card_without_a_list_gets_one_after_its_demos():
    assert tool.with_links(CARD.format(line=""), ["s/a"]) == CARD.format(
        line="exercises: [s/a]\n")


def test_an_empty_list_and_a_block_list():
    assert tool.with_links(CARD.format(line="exercises: []\n"), ["s/a"]) == CARD.format(
        line="exercises: [s/a]\n")
    with pytest.raises(SystemExit, match="one line"):
        tool.with_links(CARD.format(line="exercises:\n  - s/a\n"), ["s/b"])

