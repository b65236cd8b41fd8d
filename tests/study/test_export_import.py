"""Export and import: JSON, lossless, merging, and a malformed file changes nothing."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from study_helpers import ALL_RIGHT, ALL_WRONG, utc, verdict

from mlinterview.study import EXPORT_FORMAT, Study
from mlinterview.study.store import Store

DAY = timedelta(days=1)
CLOCK = utc(2026, 3, 5, 12)


def fixed_clock():
    return CLOCK


def populate(study: Study, now) -> None:
    study.set_setting("desired_retention", 0.85)
    study.set_setting("new_per_day", 4)
    study.review("t1", ALL_RIGHT, now=now)
    second = study.review("t1", ALL_WRONG, now=now + 2 * DAY)
    study.override(second.uid, 2)
    study.review("t5", ALL_RIGHT, rating=4, now=now + DAY)
    # Hints, notes and a star on the exercise, then a wrong and a right attempt.
    study.exercise_state.reveal_hint("t1/ex", 3, now=now + 3 * DAY - timedelta(minutes=20))
    study.exercise_state.set_notes("t1/ex", "mind the 0/0 case: é", now=now + 3 * DAY)
    study.exercise_state.set_starred("t1/ex", True, now=now + 3 * DAY)
    study.record_attempt("t1/ex", "t1", verdict(False), "def f():\n    return 'é'\n",
                         now=now + 3 * DAY)
    study.record_attempt("t1/ex", "t1", verdict(True), "def f():\n    return 1\n",
                         now=now + 3 * DAY + timedelta(seconds=1))


def fresh_study(tmp_path, name: str) -> Study:
    folder = tmp_path / name
    folder.mkdir()
    return Study(Store(folder / "study.sqlite3"), clock=fixed_clock)


def test_round_trip_is_lossless(tmp_path, now):
    source = fresh_study(tmp_path, "a")
    populate(source, now)
    first = tmp_path / "first.json"
    counts = source.export(first)
    assert counts == {"cards": 2, "reviews": 3, "attempts": 2, "answers": 0, "mock_sessions": 0,
                      "exercise_progress": 1, "exercise_schedules": 1}

    target = fresh_study(tmp_path, "b")
    added = target.import_file(first)
    assert added == {"cards": 2, "reviews": 3, "attempts": 2, "answers": 0, "mock_sessions": 0,
                     "exercise_progress": 1, "exercise_schedules": 1, "settings": 2}
    second = tmp_path / "second.json"
    target.export(second)
    assert second.read_bytes() == first.read_bytes()

    # And the restored data behaves the same: same due list, stats and settings.
    later = now + 10 * DAY
    assert target.due(now=later) == source.due(now=later)
    assert target.stats(now=later) == source.stats(now=later)
    assert target.settings() == source.settings()
    assert target.exercise_state.progress("t1/ex") == source.exercise_state.progress("t1/ex")


def test_export_content(tmp_path, now):
    study = fresh_study(tmp_path, "a")
    populate(study, now)
    path = tmp_path / "out.json"
    study.export(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == EXPORT_FORMAT and data["version"] == 1
    assert data["exported_at"] == CLOCK.isoformat()
    assert data["settings"] == {"desired_retention": 0.85, "new_per_day": 4}  # as stored
    assert sorted(r["slug"] for r in data["reviews"]) == ["t1", "t1", "t5"]
    assert {r["rating"] for r in data["reviews"] if r["slug"] == "t1"} == {2, 3}
    assert all("id" not in r for r in data["reviews"] + data["attempts"] + data["cards"])
    assert "return 'é'" in {a["source"].splitlines()[1].strip() for a in data["attempts"]}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp


def test_import_twice_adds_nothing(tmp_path, now):
    source = fresh_study(tmp_path, "a")
    populate(source, now)
    path = tmp_path / "e.json"
    source.export(path)
    target = fresh_study(tmp_path, "b")
    target.import_file(path)
    again = target.import_file(path)
    assert (again["reviews"], again["attempts"], again["cards"]) == (0, 0, 0)
    assert len(target.reviews()) == 3


def test_import_merges_keeping_the_newer_card(tmp_path, now):
    a = fresh_study(tmp_path, "a")
    a.review("t1", ALL_RIGHT, now=now)
    path = tmp_path / "a.json"
    a.export(path)
    b = fresh_study(tmp_path, "b")
    b.review("t1", ALL_RIGHT, rating=4, now=now + DAY)   # newer local state
    b.review("t2", ALL_RIGHT, now=now)
    b_card = b.card_state("t1")
    added = b.import_file(path)
    assert added["reviews"] == 1 and added["cards"] == 0
    # The local (newer) state is kept; its review count now counts the merged log.
    assert b.card_state("t1") == {**b_card, "reps": 2}
    assert len(b.reviews()) == 3


def test_export_to_a_missing_folder_fails_cleanly(tmp_path, now):
    study = fresh_study(tmp_path, "a")
    with pytest.raises(OSError):
        study.export(tmp_path / "no" / "such" / "dir" / "x.json")


def _valid(tmp_path, now) -> tuple[Study, dict]:
    source = fresh_study(tmp_path, "src")
    populate(source, now)
    return source, source.export_data()


def _breakages(data: dict) -> dict[str, object]:
    """Malformed variants of a valid export, each with a mistake late in the file so that
    earlier rows would be written if the import were not one transaction."""
    def with_last(name, change):
        broken = json.loads(json.dumps(data))
        change(broken[name][-1])
        return broken

    return {
        "not a mapping": [1, 2, 3],
        "wrong format": {**data, "format": "anki"},
        "no format": {k: v for k, v in data.items() if k != "format"},
        "future version": {**data, "version": 99},
        "review without slug": with_last("reviews", lambda r: r.pop("slug")),
        "review of an unknown card": with_last("reviews", lambda r: r.update(slug="zz")),
        "rating out of range": with_last("reviews", lambda r: r.update(rating=9)),
        "card without updated_at": with_last("cards", lambda r: r.pop("updated_at")),
        "card without its slug": with_last("cards", lambda r: r.pop("slug")),
        "card with a bad date": with_last("cards", lambda r: r.update(updated_at="soon")),
        "attempt without source": with_last("attempts", lambda r: r.pop("source")),
        "hints used not a number": with_last("attempts", lambda r: r.update(hints_used="2")),
        "progress without id": with_last("exercise_progress", lambda r: r.pop("exercise_id")),
        "star out of range": with_last("exercise_progress", lambda r: r.update(starred=5)),
        "negative hints": with_last("exercise_progress", lambda r: r.update(hints_revealed=-1)),
        "progress with a bad start": with_last("exercise_progress",
                                               lambda r: r.update(started_at="soon")),
        "rows not a list": {**data, "reviews": 7},
        "a row that is a string": {**data, "attempts": [*data["attempts"], "oops"]},
        "settings not a mapping": {**data, "settings": ["fuzz"]},
    }


def test_malformed_import_changes_nothing(tmp_path, now):
    _, data = _valid(tmp_path, now)
    target = fresh_study(tmp_path, "dst")
    target.review("t3", ALL_RIGHT, now=now)
    target.set_setting("new_per_day", 9)
    before = target.export_data()
    for name, broken in _breakages(data).items():
        path = tmp_path / "broken.json"
        path.write_text(json.dumps(broken), encoding="utf-8")
        with pytest.raises(ValueError, match=r"^file: ") as info:
            target.import_file(path)
        assert "\n" not in str(info.value), name
        assert target.export_data() == before, f"{name} changed the database"


@pytest.mark.parametrize(("content", "message"), [
    (b"{not json", "not JSON"),
    (b"\xff\xfe\x00garbage", "cannot read"),
    (b"", "not JSON"),
])
def test_unreadable_files(tmp_path, study, content, message):
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=message):
        study.import_file(path)
    with pytest.raises(ValueError, match="cannot read"):
        study.import_file(tmp_path / "missing.json")


def test_importing_a_newer_card_keeps_the_local_reviews(tmp_path, now):
    # Replacing a card_state row must not cascade to the local review log.
    a = fresh_study(tmp_path, "a")
    a.review("t1", ALL_RIGHT, now=now)
    a.review("t1", ALL_RIGHT, now=now + 2 * DAY)
    path = tmp_path / "a.json"
    a.export(path)
    b = fresh_study(tmp_path, "b")
    local = b.review("t1", ALL_RIGHT, rating=4, now=now + DAY)
    added = b.import_file(path)
    assert added["cards"] == 1 and added["reviews"] == 2
    assert local.uid in {r["uid"] for r in b.reviews("t1")}
    assert len(b.reviews("t1")) == 3
    assert b.card_state("t1")["due"] == a.card_state("t1")["due"]
    assert b.store.integrity_check() == "ok"


def test_import_settings_are_checked(tmp_path, now):
    _, data = _valid(tmp_path, now)
    target = fresh_study(tmp_path, "dst")
    data["settings"] = {"desired_retention": 0.95, "unknown_future_setting": 1}
    target.import_data(data)
    assert target.settings()["desired_retention"] == 0.95
    data["settings"] = {"desired_retention": 3}
    with pytest.raises(ValueError, match="file: bad setting"):
        target.import_data(data)
    assert target.settings()["desired_retention"] == 0.95


def test_import_recounts_reps_and_lapses_from_the_merged_log(tmp_path, now):
    # Two histories of one card merged: the kept card state's counters must count the
    # merged log (as a review would recount them), not the other copy's log.
    a = fresh_study(tmp_path, "a")
    a.review("t1", ALL_RIGHT, now=now)
    a.review("t1", ALL_RIGHT, now=now + 3 * DAY)
    a.review("t1", ALL_WRONG, now=now + 20 * DAY)  # a lapse: the card was in Review
    path = tmp_path / "a.json"
    a.export(path)
    assert a.card_state("t1")["lapses"] == 1
    b = fresh_study(tmp_path, "b")
    b.review("t1", ALL_RIGHT, rating=4, now=now + DAY)
    b.import_file(path)
    state = b.card_state("t1")
    assert (state["reps"], state["lapses"]) == (4, 1)
    assert state["due"] == a.card_state("t1")["due"]  # a's card is newer: it is kept


def test_export_is_one_snapshot_while_another_connection_writes(tmp_path, now):
    # A review committed by another connection (the web app, say) between the export's
    # query of the card states and of the reviews must not give a file whose reviews
    # are ahead of its card states.
    study = fresh_study(tmp_path, "a")
    study.review("t1", ALL_RIGHT, now=now)
    other = Study(Store(study.store.path), clock=fixed_clock)
    written = []

    def write_between(statement: str) -> None:
        if "FROM review_log" in statement and not written:
            written.append(other.review("t1", ALL_RIGHT, now=now + 5 * DAY))

    study.store.conn.set_trace_callback(write_between)
    try:
        data = study.export_data()
    finally:
        study.store.conn.set_trace_callback(None)
    assert written, "the concurrent write did not happen"
    assert len(study.reviews("t1")) == 2  # it is stored...
    # ...but the export is the state from before it, whole.
    assert [r["uid"] for r in data["reviews"]] != [] and len(data["reviews"]) == 1
    assert data["cards"][0]["reps"] == 1
    other.store.close()


def test_import_accepts_a_byte_order_mark(tmp_path, now):
    _, data = _valid(tmp_path, now)
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode())
    added = fresh_study(tmp_path, "dst").import_file(path)
    assert added["reviews"] == len(data["reviews"]) > 0


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["cards"][0].update(reps="many"), "reps 'many' is not an integer"),
    (lambda d: d["reviews"][0].update(rating=2**70), "rating 1180591620717411303424 is not"),
    (lambda d: d["attempts"][0].update(seconds=float("nan")), "seconds nan is not a finite"),
    (lambda d: d["attempts"][0].update(message=7), "message 7 is not text"),
    (lambda d: d["cards"][0].update(card="[]"), "card '[]' is not readable"),
    (lambda d: d["cards"][0].update(card=d["cards"][0]["card"].replace("+00:00", "")),
     "is not readable"),  # a card time without a zone
    (lambda d: d["reviews"][0].update(answers="[" * 5000), "answers '[[[["),
    (lambda d: d["settings"].update(new_per_day=float("inf")), "expected an integer, got inf"),
])
def test_import_refuses_values_the_app_could_not_read_back(tmp_path, now, change, message):
    _, data = _valid(tmp_path, now)
    change(data)
    target = fresh_study(tmp_path, "dst")
    before = target.export_data()
    with pytest.raises(ValueError, match=r"^file: ") as info:
        target.import_data(data)
    assert message in str(info.value)
    assert target.export_data() == before


@pytest.mark.parametrize("content", ["[" * 100_000, '{"n": ' + "9" * 5000 + "}"])
def test_import_of_absurd_json_is_a_value_error(tmp_path, study, content):
    path = tmp_path / "absurd.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=r"^file: "):
        study.import_file(path)


def test_import_refuses_folders_and_devices(study, tmp_path):
    with pytest.raises(ValueError, match="a folder"):
        study.import_file(tmp_path)
    with pytest.raises(ValueError, match="not a regular file"):
        study.import_file("/dev/zero")  # would never end
