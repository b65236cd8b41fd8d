"""An exercise's meta.yaml: the validation errors, and valid metadata on every exercise."""

import re
import shutil

import pytest

from mlinterview import exercises
from mlinterview.exercises.meta import (
    LEVELS,
    WALKTHROUGH_PARTS,
    MetaError,
    level_rank,
    load_meta,
    parse_meta,
)

WALKTHROUGH = "**Idea.** Why.\n\n**Complexity.** O(n).\n\n**Pitfalls.** Off by one."
GOOD = {
    "level": "M",
    "hints": ["An idea.", "A formula: a = b + c.", "The shape of the code."],
    "walkthrough": WALKTHROUGH,
}


def meta_text(**changes) -> str:
    """A meta.yaml text: GOOD with some keys changed (None drops a key)."""
    import yaml

    data = {**GOOD, **changes}
    return yaml.safe_dump({k: v for k, v in data.items() if v is not None}, allow_unicode=True)


def test_a_valid_file_is_parsed():
    meta = parse_meta(meta_text(), "x/meta.yaml")
    assert meta.level == "M"
    assert meta.hints == ("An idea.", "A formula: a = b + c.", "The shape of the code.")
    assert meta.walkthrough == WALKTHROUGH


def test_two_hints_are_enough():
    assert len(parse_meta(meta_text(hints=["one", "two"]), "m.yaml").hints) == 2


@pytest.mark.parametrize("level", ["X", "easy", "e", 1, ["E"]])
def test_a_bad_level_is_named(level):
    with pytest.raises(MetaError, match=r"bank/a/b/meta\.yaml: level must be one of E, M, H"):
        parse_meta(meta_text(level=level), "bank/a/b/meta.yaml")


@pytest.mark.parametrize("hints, got", [(["only one"], "got 1"),
                                        (["1", "2", "3", "4"], "got 4"),
                                        ("a single string", "got str")])
def test_too_few_or_too_many_hints(hints, got):
    with pytest.raises(MetaError, match=rf"m\.yaml: hints must be a list of 2 to 3 .*{got}"):
        parse_meta(meta_text(hints=hints), "m.yaml")


@pytest.mark.parametrize("hints", [["ok", "   "], ["ok", 3]])
def test_an_empty_or_non_text_hint(hints):
    with pytest.raises(MetaError, match=r"m\.yaml: hint 2 must be non-empty text"):
        parse_meta(meta_text(hints=hints), "m.yaml")


@pytest.mark.parametrize("walkthrough", [None, ""])
def test_a_missing_walkthrough(walkthrough):
    with pytest.raises(MetaError, match=r"m\.yaml: missing walkthrough"):
        parse_meta(meta_text(walkthrough=walkthrough), "m.yaml")


def test_a_walkthrough_without_its_parts():
    text = meta_text(walkthrough="**Idea.** Only the idea.")
    with pytest.raises(MetaError, match=r"lacks \*\*Complexity\.\*\*, \*\*Pitfalls\.\*\*"):
        parse_meta(text, "m.yaml")


def test_a_misspelt_key_is_an_error_not_a_missing_hint():
    text = meta_text(hints=None) + "hint:\n  - a\n  - b\n"
    with pytest.raises(MetaError, match="unknown key"):
        parse_meta(text, "m.yaml")


@pytest.mark.parametrize("text, message", [("level: [E\n", "not valid YAML"),
                                           ("- a list\n", "expected a mapping"),
                                           ("", "expected a mapping")])
def test_not_a_mapping(text, message):
    with pytest.raises(MetaError, match=f"m.yaml: {message}"):
        parse_meta(text, "m.yaml")


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(MetaError, match=re.escape(str(tmp_path / "meta.yaml")) + ": missing"):
        load_meta(tmp_path)


def test_the_registry_refuses_an_exercise_with_bad_metadata(tmp_path):
    # A copy of a real exercise, filed as the bank files it, with its level broken.
    source = exercises.get("entropy/entropy-kl").folder
    folder = tmp_path / "probability" / "entropy" / "entropy-kl"
    shutil.copytree(source, folder, ignore=shutil.ignore_patterns("__pycache__"))
    assert exercises._load(folder).level == exercises.get("entropy/entropy-kl").level
    meta = folder / "meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("level: E", "level: Z"),
                    encoding="utf-8")
    with pytest.raises(MetaError, match=re.escape(str(meta)) + ": level must be one of"):
        exercises._load(folder)


def test_levels_sort_easy_to_hard():
    assert sorted("HEM", key=level_rank) == ["E", "M", "H"]


# ---------------------------------------------------------------------------------------
# Every exercise of the bank
# ---------------------------------------------------------------------------------------

EXERCISES = sorted(exercises.registry())


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_every_exercise_has_valid_metadata(exercise_id):
    e = exercises.get(exercise_id)
    assert e.level in LEVELS
    assert 2 <= len(e.hints) <= 3
    assert len(set(e.hints)) == len(e.hints), "each hint says something new"
    assert all(part in e.walkthrough for part in WALKTHROUGH_PARTS)


@pytest.mark.parametrize("exercise_id", EXERCISES)
def test_hints_do_not_give_the_code_away(exercise_id):
    # A hint may name a function or a formula, never copy a line of the reference solution.
    e = exercises.get(exercise_id)
    lines = [ln.strip() for ln in e.solution.splitlines()]
    code = [ln for ln in lines if len(ln) > 24 and not ln.startswith(("#", '"""', "def "))]
    for hint in e.hints:
        flat = " ".join(hint.split())
        assert not [ln for ln in code if ln in flat], f"a hint quotes the solution: {hint!r}"


def test_the_bank_has_every_level():
    levels = {e.level for e in exercises.registry().values()}
    assert levels == set(LEVELS)
