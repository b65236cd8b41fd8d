"""The web exercise list shows each exercise's level and sorts by topic, then level; an
exercise page shows its level."""

import re

from mlinterview import exercises

NAMES = {"E": "easy", "M": "medium", "H": "hard"}


def test_the_index_shows_levels_sorted_by_topic_then_level(client):
    page = client.get("/exercises").text
    rows = re.findall(r'<tr><td><a href="/exercises/([^"]+)">.*?</tr>', page, re.S)
    registry = exercises.registry()
    assert sorted(rows) == sorted(registry)
    levels = dict(re.findall(r'<tr><td><a href="/exercises/([^"]+)">.*?'
                             r'data-testid="exercise-level"><abbr title="\w+">([EMH])</abbr>',
                             page, re.S))
    assert levels == {i: e.level for i, e in registry.items()}
    # Sorted by topic, then E before M before H.
    keys = [(i.split("/")[0], "EMH".index(levels[i])) for i in rows]
    assert keys == sorted(keys)


def test_an_exercise_page_shows_its_level(client):
    for exercise_id in ("entropy/entropy-kl", "lcs/lcs-length-and-sequence"):  # E and H
        e = exercises.get(exercise_id)
        page = client.get(f"/exercises/{exercise_id}").text
        shown = re.search(r'data-testid="exercise-level">([^<]*)<', page).group(1)
        assert shown == f"level {e.level} ({NAMES[e.level]})"
