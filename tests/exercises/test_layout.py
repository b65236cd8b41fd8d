"""The layout of the exercises: the judge engine in ``exercises/``, the exercises as data in
``exercises/bank/<area>/<slug>/<name>/``, filed under their topic's area."""

from pathlib import Path

from mlinterview import exercises, topics

PACKAGE = Path(exercises.__file__).parent


def test_no_exercise_data_left_beside_the_engine():
    # Only the engine's modules and the bank live directly in the package folder.
    folders = sorted(p.name for p in PACKAGE.iterdir()
                     if p.is_dir() and p.name != "__pycache__")
    assert folders == ["bank"]
    assert not list(PACKAGE.glob("*/*/cases.py")), "an exercise folder outside bank/"


def test_every_bank_folder_is_filed_under_its_topics_area():
    areas, index = topics.load_index()
    for area_dir in sorted(p for p in exercises.BANK.iterdir() if p.is_dir()):
        assert area_dir.name in areas, f"{area_dir}: not an area of content/index.yaml"
        for topic_dir in sorted(p for p in area_dir.iterdir() if p.is_dir()):
            slug = topic_dir.name
            assert slug in index, f"{topic_dir}: not a topic of content/index.yaml"
            assert index[slug].area == area_dir.name, (
                f"{topic_dir}: topic {slug!r} is in area {index[slug].area!r}")
            names = [p for p in topic_dir.iterdir() if p.is_dir() and p.name != "__pycache__"]
            assert names, f"{topic_dir}: holds no exercise"
            for folder in names:
                assert (folder / "cases.py").is_file(), f"{folder}: no cases.py"


def test_ids_do_not_name_the_area():
    # Study databases store `<slug>/<name>`: the area folder must not leak into the id.
    registry = exercises.registry()
    assert len(registry) >= 41
    for exercise_id, e in registry.items():
        assert exercise_id == f"{e.slug}/{e.name}"
        assert e.folder == exercises.BANK / e.area / e.slug / e.name
        assert e.area == topics.load_index()[1][e.slug].area
