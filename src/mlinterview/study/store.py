"""The study store: reviews, card states, exercise attempts and settings in SQLite.

Durability rules, because user progress must survive a killed process:

- WAL journal with ``synchronous=FULL``: a committed transaction is on disk before
  ``commit`` returns, and a crash mid-write rolls back to the last commit;
- every write runs inside :meth:`Store.transaction` (``BEGIN IMMEDIATE`` ... ``COMMIT``),
  so a review and the card state it changes are stored together or not at all;
- foreign keys on; the schema has a version (``PRAGMA user_version``) and forward
  migrations applied in order, each in its own transaction.

The database lives in the user's data directory (``platformdirs``) unless
``MLINTERVIEW_HOME`` names another folder.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import platformdirs

DB_NAME = "mlinterview.sqlite3"

# Each entry upgrades the schema by one version. Never edit a released entry: append.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE settings (
               key   TEXT PRIMARY KEY,
               value TEXT NOT NULL            -- JSON
           )""",
        """CREATE TABLE card_state (
               slug        TEXT PRIMARY KEY,
               card        TEXT NOT NULL,     -- fsrs.Card.to_dict() as JSON
               due         TEXT NOT NULL,     -- ISO 8601, UTC
               state       INTEGER NOT NULL,  -- fsrs.State
               stability   REAL,
               reps        INTEGER NOT NULL DEFAULT 0,
               lapses      INTEGER NOT NULL DEFAULT 0,
               updated_at  TEXT NOT NULL
           )""",
        "CREATE INDEX card_state_due ON card_state (due)",
        """CREATE TABLE review_log (
               id           INTEGER PRIMARY KEY,
               uid          TEXT NOT NULL UNIQUE,
               slug         TEXT NOT NULL REFERENCES card_state (slug) ON DELETE CASCADE,
               reviewed_at  TEXT NOT NULL,
               rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 4),
               suggested    INTEGER CHECK (suggested BETWEEN 1 AND 4),
               correct      INTEGER,
               total        INTEGER,
               answers      TEXT,             -- JSON {check id: answer}
               card_before  TEXT,             -- JSON; NULL for a card's first review
               card_after   TEXT NOT NULL,    -- JSON
               kind         TEXT NOT NULL DEFAULT 'review'
           )""",
        "CREATE INDEX review_log_slug ON review_log (slug, reviewed_at)",
        "CREATE INDEX review_log_time ON review_log (reviewed_at)",
        """CREATE TABLE exercise_attempts (
               id            INTEGER PRIMARY KEY,
               uid           TEXT NOT NULL UNIQUE,
               exercise_id   TEXT NOT NULL,
               slug          TEXT NOT NULL,
               submitted_at  TEXT NOT NULL,
               verdict       TEXT NOT NULL,
               passed        INTEGER NOT NULL,
               total         INTEGER NOT NULL,
               message       TEXT NOT NULL DEFAULT '',
               source        TEXT NOT NULL,
               seconds       REAL
           )""",
        "CREATE INDEX exercise_attempts_id ON exercise_attempts (exercise_id, submitted_at)",
    ),
    (
        # Practice: answers written in the user's own words (answer first, then compare),
        # and mock interviews. An answer is stored as soon as it is written; grading it
        # (ticking the key points it covered) fills the rest and adds a review.
        """CREATE TABLE answer_attempts (
               id           INTEGER PRIMARY KEY,
               uid          TEXT NOT NULL UNIQUE,
               slug         TEXT NOT NULL,
               question     TEXT NOT NULL,     -- as asked: the card's, or a follow-up
               kind         TEXT NOT NULL DEFAULT 'card'
                            CHECK (kind IN ('card', 'follow-up', 'imported')),
               answer       TEXT NOT NULL,
               written_at   TEXT NOT NULL,     -- ISO 8601, UTC
               seconds      REAL,              -- time taken to write it
               points       TEXT,              -- JSON [text]: the key points shown
               suggested_ticks TEXT,           -- JSON [index]: the points the app pre-ticked
               ticked       TEXT,              -- JSON [index]: the points the user confirmed
               rating       INTEGER CHECK (rating BETWEEN 1 AND 4),
               graded_at    TEXT,
               review_uid   TEXT,              -- the review_log row it became
               session_uid  TEXT               -- the mock interview it belongs to
           )""",
        "CREATE INDEX answer_attempts_slug ON answer_attempts (slug, written_at)",
        "CREATE INDEX answer_attempts_session ON answer_attempts (session_uid)",
        """CREATE TABLE mock_sessions (
               id          INTEGER PRIMARY KEY,
               uid         TEXT NOT NULL UNIQUE,
               created_at  TEXT NOT NULL,
               updated_at  TEXT NOT NULL,
               minutes     INTEGER NOT NULL CHECK (minutes > 0),
               seed        INTEGER NOT NULL,
               plan        TEXT NOT NULL,      -- JSON: the questions and the exercise
               position    INTEGER NOT NULL DEFAULT 0,
               state       TEXT NOT NULL CHECK (state IN ('running', 'finished', 'abandoned')),
               report      TEXT                -- JSON, once finished
           )""",
        "CREATE INDEX mock_sessions_created ON mock_sessions (created_at)",
    ),
    (
        # Exercise practice (issue 13 section 2): per exercise, the hints revealed, the
        # clock of the current round of solving, notes and a star; each attempt keeps the
        # hints used when it was sent and, for the one that ended a round by being
        # accepted, the time from the round's start (see mlinterview.study.exercise_state).
        "ALTER TABLE exercise_attempts ADD COLUMN hints_used INTEGER",
        "ALTER TABLE exercise_attempts ADD COLUMN solve_seconds REAL",
        """CREATE TABLE exercise_progress (
               exercise_id     TEXT NOT NULL PRIMARY KEY,
               hints_revealed  INTEGER NOT NULL DEFAULT 0 CHECK (hints_revealed >= 0),
               notes           TEXT NOT NULL DEFAULT '',
               starred         INTEGER NOT NULL DEFAULT 0 CHECK (starred IN (0, 1)),
               started_at      TEXT,              -- the running round's start; NULL if none
               updated_at      TEXT NOT NULL
           )""",
    ),
    (
        # Exercises come back (issue 13 section 3): each exercise's own FSRS schedule, and
        # on each attempt the rating it gave that schedule with the card before and after
        # (NULL: the attempt was practice); see mlinterview.study.exercise_schedule.
        """CREATE TABLE exercise_schedule (
               exercise_id TEXT NOT NULL PRIMARY KEY,
               card        TEXT NOT NULL,     -- fsrs.Card.to_dict() as JSON
               due         TEXT NOT NULL,     -- ISO 8601, UTC
               state       INTEGER NOT NULL,  -- fsrs.State
               stability   REAL,
               reps        INTEGER NOT NULL DEFAULT 0,   -- attempts that rated it
               lapses      INTEGER NOT NULL DEFAULT 0,
               updated_at  TEXT NOT NULL
           )""",
        "CREATE INDEX exercise_schedule_due ON exercise_schedule (due)",
        "ALTER TABLE exercise_attempts ADD COLUMN rating INTEGER CHECK (rating BETWEEN 1 AND 4)",
        "ALTER TABLE exercise_attempts ADD COLUMN card_before TEXT",
        "ALTER TABLE exercise_attempts ADD COLUMN card_after TEXT",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)


class StoreError(RuntimeError):
    """The database cannot be opened or is from a newer version of mlinterview."""


def data_dir() -> Path:
    """Where user data lives: ``$MLINTERVIEW_HOME`` or the platform's user data dir."""
    home = os.environ.get("MLINTERVIEW_HOME")
    return Path(home).expanduser() if home else Path(platformdirs.user_data_dir("mlinterview"))


class Store:
    """A connection to the study database (one per thread; opened lazily).

    >>> store = Store(":memory:")
    >>> store.schema_version() == SCHEMA_VERSION
    True
    """

    def __init__(self, path: str | Path | None = None):
        if path is None:
            folder = data_dir()
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:  # a file of that name, no permission, a read-only disk
                source = " (MLINTERVIEW_HOME)" if os.environ.get("MLINTERVIEW_HOME") else ""
                raise StoreError(f"cannot use the data folder {folder}{source}: "
                                 f"{exc.strerror or exc}") from None
            path = folder / DB_NAME
        self.path = str(path)
        self._local = threading.local()
        self._memory_conn: sqlite3.Connection | None = None
        self._write_lock = threading.RLock()
        self.migrate()

    # -- connections -------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=10.0,
                               check_same_thread=self.path != ":memory:")
        conn.row_factory = sqlite3.Row
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        if self.path != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        if self.path == ":memory:":
            if self._memory_conn is None:
                self._memory_conn = self._connect()
            return self._memory_conn
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = self._connect()
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open the study database {self.path}: {exc}") from None
            self._local.conn = conn
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT``; rolls back if the block raises."""
        with self._write_lock:
            conn = self.conn
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[sqlite3.Connection]:
        """A read transaction: every query in the block sees the same committed state,
        even while other connections commit (WAL keeps the snapshot)."""
        with self._write_lock:  # the in-memory store shares one connection between threads
            conn = self.conn
            conn.execute("BEGIN")
            try:
                yield conn
            finally:
                conn.execute("COMMIT")

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        """Rows of a read-only query."""
        return self.conn.execute(sql, params).fetchall()

    # -- schema ------------------------------------------------------------------------

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        """Bring the schema up to :data:`SCHEMA_VERSION`, one version per transaction."""
        try:
            version = self.schema_version()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path} is not a readable mlinterview database: {exc}") from None
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path} has schema version {version}, newer than this mlinterview "
                f"({SCHEMA_VERSION}); upgrade mlinterview"
            )
        while version < SCHEMA_VERSION:
            try:
                with self.transaction() as conn:
                    # Read again inside the write lock: another process may have migrated.
                    version = conn.execute("PRAGMA user_version").fetchone()[0]
                    if version >= SCHEMA_VERSION:
                        break
                    for statement in MIGRATIONS[version]:
                        conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {version + 1}")
            except sqlite3.Error as exc:
                # The transaction rolled back: the file is still a valid version-`version` DB.
                raise StoreError(f"{self.path}: migration to schema version {version + 1} "
                                 f"failed, nothing changed: {exc}") from exc
            version += 1

    def integrity_check(self) -> str:
        """``"ok"`` when SQLite finds the database file consistent."""
        return self.conn.execute("PRAGMA integrity_check").fetchone()[0]
