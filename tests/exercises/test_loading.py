"""Loading one exercise loads only that one: ``exercise check`` must not pay for the bank.

An exercise's ``cases.py`` imports the library code its reference uses (SciPy for some),
so :func:`mlinterview.exercises.get` finds the folder an id names and loads that folder
alone; :func:`~mlinterview.exercises.registry` shares the same loaded exercises.
"""

import json
import subprocess
import sys

import pytest

from mlinterview import exercises
from mlinterview.exercises import judge, sandbox

ONE = "classification-metrics/precision-recall-f1"


def test_get_loads_only_the_exercise_it_names():
    # A fresh interpreter: this one may have loaded the registry for other tests.
    code = ("import json, sys\n"
            "from mlinterview import exercises\n"
            "loaded = []\n"
            "load_spec = exercises._load_spec\n"
            "exercises._load_spec = lambda path, i: loaded.append(i) or load_spec(path, i)\n"
            f"e = exercises.get({ONE!r})\n"
            "print(json.dumps([e.id, loaded, 'scipy.stats' in sys.modules]))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    exercise_id, loaded, scipy_stats = json.loads(out)
    assert exercise_id == ONE
    assert loaded == [ONE]
    assert not scipy_stats  # its reference needs only the metrics


def test_get_and_the_registry_hand_out_the_same_exercise():
    # One load per folder: the judge caches expected values by the spec object.
    first = exercises.get(ONE)
    assert exercises.registry()[ONE] is first
    assert exercises.get(ONE) is first


def test_every_registered_id_is_known_and_found_alone():
    ids = exercises.registry()
    for exercise_id, e in ids.items():
        assert exercises.known(exercise_id)
        assert exercises._folder_of(exercise_id) == e.folder


@pytest.mark.parametrize("bad", [
    "", "classification-metrics", f"{ONE}/x", f"../{ONE}", "classification-metrics/..",
    "../../bank", "./precision-recall-f1", "/etc/passwd", "classification-metrics/.",
    "evaluation/classification-metrics",  # an area is not part of an id
])
def test_an_id_that_is_not_slug_slash_name_is_unknown(bad):
    assert not exercises.known(bad)
    with pytest.raises(exercises.UnknownExerciseError):
        exercises.get(bad)


def test_the_early_probe_runs_once_and_answers_what_the_judge_asks():
    judge.probe_early()
    judge.probe_early()
    assert len(judge._PROBING) == 1
    judge._PROBING[0].join(timeout=120)
    assert not judge._PROBING[0].is_alive()
    assert sandbox._CHOSEN and judge.isolation() is sandbox._CHOSEN[0]
