"""The SQLite store: where it lives, its pragmas, the schema version and forward
migrations, and transactions that roll back on failure."""

from __future__ import annotations

import sqlite3
import threading
from datetime import timedelta
from pathlib import Path

import platformdirs
import pytest
from study_helpers import ALL_RIGHT, verdict

from mlinterview.study import Study
from mlinterview.study import store as store_module
from mlinterview.study.store import DB_NAME, SCHEMA_VERSION, Store, StoreError, data_dir

TABLES = {"settings", "card_state", "review_log", "exercise_attempts"}


def tables(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


# -- where the database lives ------------------------------------------------------------------


def test_default_path_is_under_mlinterview_home(isolated_home):
    store = Store()
    try:
        assert Path(store.path) == isolated_home / DB_NAME
        assert (isolated_home / DB_NAME).is_file()
    finally:
        store.close()


def test_home_is_created_and_tilde_expanded(tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("MLINTERVIEW_HOME", "~/deep/er")
    assert data_dir() == tmp_path / "deep" / "er"
    store = Store()
    try:
        assert Path(store.path) == tmp_path / "deep" / "er" / DB_NAME
    finally:
        store.close()


def test_a_data_folder_that_cannot_be_made_is_a_store_error(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    for home in (blocker, blocker / "below"):
        monkeypatch.setenv("MLINTERVIEW_HOME", str(home))
        with pytest.raises(StoreError, match=r"cannot use the data folder .*MLINTERVIEW_HOME"):
            Store()


def test_without_home_it_is_the_platform_data_dir(tmp_path, monkeypatch):
    monkeypatch.delenv("MLINTERVIEW_HOME")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))  # platformdirs on Linux
    expected = Path(platformdirs.user_data_dir("mlinterview"))
    assert data_dir() == expected
    assert expected.is_relative_to(tmp_path / "xdg")
    store = Store()
    try:
        assert Path(store.path) == expected / DB_NAME and Path(store.path).is_file()
    finally:
        store.close()


# -- pragmas and schema --------------------------------------------------------------------------


def test_pragmas(store):
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.schema_version() == SCHEMA_VERSION == len(store_module.MIGRATIONS)
    assert tables(store.path) >= TABLES
    assert store.integrity_check() == "ok"


def test_every_thread_gets_its_own_configured_connection(store):
    seen = {}

    def work():
        seen["fk"] = store.conn.execute("PRAGMA foreign_keys").fetchone()[0]
        seen["conn"] = store.conn
        store.close()

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert seen["fk"] == 1 and seen["conn"] is not store.conn


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as conn:
        conn.execute("INSERT INTO review_log (uid, slug, reviewed_at, rating, card_after) "
                     "VALUES ('u', 'no-such-card', '2026-01-01T00:00:00+00:00', 3, '{}')")
    assert store.query("SELECT COUNT(*) FROM review_log")[0][0] == 0


def test_in_memory_store():
    store = Store(":memory:")
    assert store.schema_version() == SCHEMA_VERSION
    study = Study(store)
    study.set_setting("new_per_day", 4)
    assert study.settings()["new_per_day"] == 4


def test_reopening_keeps_data_and_does_not_migrate_again(isolated_home):
    path = isolated_home / "x.sqlite3"
    first = Store(path)
    Study(first).set_setting("new_per_day", 7)
    first.close()
    second = Store(path)
    assert Study(second).settings()["new_per_day"] == 7
    assert second.schema_version() == SCHEMA_VERSION
    second.close()


# -- migrations --------------------------------------------------------------------------------


def build_version_1(path: Path) -> None:
    """A version-1 database made by hand, with a row in it, as an older release left it."""
    conn = sqlite3.connect(path)
    for statement in store_module.MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("INSERT INTO settings (key, value) VALUES ('new_per_day', '5')")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


V2 = ("ALTER TABLE settings ADD COLUMN changed_at TEXT",
      "UPDATE settings SET changed_at = '2026-01-01T00:00:00+00:00'")


def test_forward_migration_from_an_older_version(isolated_home, monkeypatch):
    path = isolated_home / "old.sqlite3"
    build_version_1(path)
    latest = len(store_module.MIGRATIONS) + 1  # the real migrations, then the test's
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, V2))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", latest)
    store = Store(path)
    try:
        assert store.schema_version() == latest
        row = store.query("SELECT key, value, changed_at FROM settings")[0]
        assert tuple(row) == ("new_per_day", "5", "2026-01-01T00:00:00+00:00")
        assert store.integrity_check() == "ok"
    finally:
        store.close()


def test_migration_from_an_empty_file(isolated_home):
    path = isolated_home / "empty.sqlite3"
    sqlite3.connect(path).close()  # a version-0 database
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION and tables(path) >= TABLES
    store.close()


def test_failed_migration_rolls_back(isolated_home, monkeypatch):
    path = isolated_home / "old.sqlite3"
    build_version_1(path)
    broken = ("ALTER TABLE settings ADD COLUMN changed_at TEXT", "THIS IS NOT SQL")
    good = len(store_module.MIGRATIONS)  # the real migrations apply, then the broken one
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, broken))
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", good + 1)
    with pytest.raises(StoreError, match=f"migration to schema version {good + 1}"):
        Store(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == good
        columns = [c[1] for c in conn.execute("PRAGMA table_info(settings)")]
        assert columns == ["key", "value"]  # the first statement was undone too


def test_newer_database_is_refused(isolated_home):
    path = isolated_home / "new.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_garbage_file_is_refused(isolated_home):
    path = isolated_home / "junk.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="not a database"):
        Store(path)
    assert path.read_bytes() == b"this is not a database" * 100


# -- transactions ------------------------------------------------------------------------------


def test_transaction_commits(store):
    with store.transaction() as conn:
        conn.execute("INSERT INTO settings VALUES ('a', '1')")
        conn.execute("INSERT INTO settings VALUES ('b', '2')")
    assert [tuple(r) for r in store.query("SELECT * FROM settings ORDER BY key")] == [
        ("a", "1"), ("b", "2")]


def test_transaction_rolls_back_on_failure(store):
    with pytest.raises(RuntimeError), store.transaction() as conn:
        conn.execute("INSERT INTO settings VALUES ('a', '1')")
        raise RuntimeError("crash between two writes")
    assert store.query("SELECT COUNT(*) FROM settings")[0][0] == 0
    # The connection is usable afterwards (no transaction left open).
    assert not store.conn.in_transaction
    with store.transaction() as conn:
        conn.execute("INSERT INTO settings VALUES ('a', '1')")
    assert store.query("SELECT COUNT(*) FROM settings")[0][0] == 1


def test_review_is_all_or_nothing(study, now, monkeypatch):
    """A failure after the review row is written leaves neither it nor the card state."""
    calls = {"n": 0}
    original = Study._save_card

    def fail_on_second_save(self, conn, slug, card, when):
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError("disk full")
        return original(self, conn, slug, card, when)

    monkeypatch.setattr(Study, "_save_card", fail_on_second_save)
    with pytest.raises(OSError):
        study.review("t1", ALL_RIGHT, now=now)
    assert study.reviews() == [] and study.card_state("t1") is None
    monkeypatch.setattr(Study, "_save_card", original)
    study.review("t1", ALL_RIGHT, now=now)
    assert len(study.reviews()) == 1


def test_two_stores_on_one_file_see_each_other(isolated_home, now):
    path = isolated_home / "shared.sqlite3"
    a, b = Store(path), Store(path)
    Study(a).review("t1", ALL_RIGHT, now=now)
    assert len(Study(b).reviews()) == 1
    a.close()
    b.close()


def test_concurrent_writers_from_threads(store, now):
    study = Study(store)
    slugs = ["t1", "t2", "t3", "t4", "t5", "t6"]
    errors = []

    def work(slug):
        try:
            for i in range(5):
                study.review(slug, ALL_RIGHT, now=now + timedelta(days=3 * i))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=work, args=(s,)) for s in slugs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert store.query("SELECT COUNT(*) FROM review_log")[0][0] == 30
    assert [r["reps"] for r in store.query("SELECT reps FROM card_state")] == [5] * 6
    assert store.integrity_check() == "ok"


def test_every_write_runs_inside_a_transaction(store, now):
    """Trace every statement the study service sends; each write must come after BEGIN."""
    study = Study(store)
    conn = store.conn
    outside = []

    def trace(sql: str) -> None:
        verb = sql.lstrip().split(None, 1)[0].upper()
        if verb in ("INSERT", "UPDATE", "DELETE", "REPLACE") and not conn.in_transaction:
            outside.append(sql)

    conn.set_trace_callback(trace)
    study.set_setting("new_per_day", 3)
    first = study.review("t1", ALL_RIGHT, now=now)
    study.override(first.uid, 4)
    study.record_attempt("t1/ex", "t1", verdict(False), "src", now=now)
    study.import_data(study.export_data())
    conn.set_trace_callback(None)
    assert outside == []
