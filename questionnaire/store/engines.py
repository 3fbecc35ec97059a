"""The two engines under the intake store: SQLite (one file, the default) and PostgreSQL (a
server that several desks share). Every difference between them lives here; intakes.py speaks SQL
that both run.

The differences, each in one method of both engines:
- placeholders: the store writes `?`; psycopg wants `%s` (converted per statement);
- a new intake's number: SQLite's `lastrowid`, PostgreSQL's `RETURNING`;
- writers: SQLite's `BEGIN IMMEDIATE` locks the whole file, so a number taken as MAX() + 1 is
  safe; PostgreSQL's default isolation does not serialise, so the store locks the intake's row
  first (`lock_row`: `FOR UPDATE` there, nothing in SQLite);
- the schema's version: `PRAGMA user_version`, or the table `schema_version`; migrations run
  once under the file's write lock, or under a transaction-level advisory lock (it ends with the
  commit or rollback, and PostgreSQL's DDL is transactional: a failed migration leaves nothing);
- erasure: SQLite overwrites deleted rows (`secure_delete`) and VACUUM rebuilds the file;
  PostgreSQL keeps the old row versions in the table's file until a VACUUM, so the store runs
  VACUUM FULL on the tables it erased from (and the write-ahead log and backups keep them longer:
  docs/store.md says so);
- errors: the driver's errors become one clear line (exit 2), never a traceback.

psycopg (the extra `.[pg]`) is imported only when a `postgresql://` store is opened. A server's
address is never shown with its password (`shown_url`).
"""
from __future__ import annotations

import os
import sqlite3
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator

from engine.errors import BadInput

from ..common.private_files import on_server, private_files, shown_url
from .schema import MIGRATIONS, PG_MIGRATIONS
from .words import StoreProblem

BUSY_TIMEOUT_S = 30.0  # a writer waits this long for another desk, then says so (exit 2)
MIGRATION_LOCK = 0x6D61676E  # the advisory lock of this program's migrations on PostgreSQL
def _newer(name: str, found: int, known: int) -> BadInput:
    return BadInput([StoreProblem.about(name, "store", "store_newer", found=found, known=known)])


def _create_private(path: Path) -> None:
    """Create the empty file owner-only before SQLite opens it (its folder exists)."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        pass


class SqliteEngine:
    """One SQLite file, owner-only (0600, its journal too), deleted rows overwritten."""

    lock_row = ""  # BEGIN IMMEDIATE holds the whole file for the transaction

    def __init__(self, path: Path, read_only: bool = False):
        self.path, self.name = path, str(path)
        with self.guard():
            if read_only:  # a look that cannot change the file: no create, no migration, no write
                self.con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True,
                                           timeout=BUSY_TIMEOUT_S, isolation_level=None)
            else:
                with private_files():
                    _create_private(path)
                    self.con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            self.con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            if read_only:
                if self.version() > len(MIGRATIONS):
                    raise _newer(self.name, self.version(), len(MIGRATIONS))
                return
            self.con.execute("PRAGMA secure_delete = ON")
            self.migrate()
            if path.stat().st_mode & 0o077:
                os.chmod(path, 0o600)

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def guard(self) -> Iterator[None]:
        """SQLite and file errors become one clear line (exit 2) instead of a traceback."""
        try:
            yield
        except sqlite3.OperationalError as err:
            raise BadInput([StoreProblem.about(self.name, "store", "store_open", reason=str(err))]) from None
        except sqlite3.DatabaseError as err:
            raise BadInput([StoreProblem.about(self.name, "store", "not_a_store", reason=str(err))]) from None
        except OSError as err:
            raise BadInput([StoreProblem.about(self.name, "store", "store_open",
                                               reason=err.strerror or str(err))]) from None

    def execute(self, sql: str, params: tuple = ()) -> Any:
        return self.con.execute(sql, params)

    @contextmanager
    def write(self) -> Iterator[None]:
        """One write transaction: all of it lands, or none of it (also when killed)."""
        with self.guard(), private_files():
            self.con.execute("BEGIN IMMEDIATE")
            try:
                yield
                self.con.execute("COMMIT")
            except BaseException:
                if self.con.in_transaction:
                    self.con.execute("ROLLBACK")
                raise

    def version(self) -> int:
        return self.con.execute("PRAGMA user_version").fetchone()[0]

    def migrate(self) -> None:
        if self.version() == len(MIGRATIONS):
            return
        with self.write():  # re-read under the lock: another process may have migrated
            found = self.version()
            if found > len(MIGRATIONS):
                raise _newer(self.name, found, len(MIGRATIONS))
            for version in range(found, len(MIGRATIONS)):
                for statement in MIGRATIONS[version]:
                    self.con.execute(statement)
                self.con.execute(f"PRAGMA user_version = {version + 1}")

    def insert(self, sql: str, params: tuple) -> int:
        """Run an INSERT into a table keyed by `number` (intake, web_invites); the new row's number."""
        return self.con.execute(sql, params).lastrowid

    def insert_many(self, sql: str, rows: list[tuple]) -> None:
        self.con.executemany(sql, rows)

    def last_number(self, table: str = "intake") -> int:
        """The highest number a table keyed by `number` ever gave (deleted rows included)."""
        row = self.con.execute("SELECT seq FROM sqlite_sequence WHERE name = ?", (table,)).fetchone()
        return row[0] if row else 0

    def keep_last_number(self, number: int, table: str = "intake") -> None:
        """Give no number up to `number` again (in a write transaction; `store copy`)."""
        if self.con.execute("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = ?", (number, table)).rowcount == 0:
            self.con.execute("INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", (table, number))

    def erased(self, tables: tuple[str, ...]) -> None:
        """After an erasure: secure_delete has overwritten the rows; VACUUM rebuilds the file so
        that no free page keeps a trace either."""
        with self.guard(), private_files():
            self.con.execute("VACUUM")


@lru_cache(maxsize=256)
def _pg_sql(sql: str) -> str:
    return sql.replace("%", "%%").replace("?", "%s")


class PgEngine:
    """A PostgreSQL database through psycopg 3: one autocommit connection, a transaction per write."""

    lock_row = " FOR UPDATE"  # PostgreSQL's default isolation does not serialise writers

    def __init__(self, url: str, read_only: bool = False):
        self.name = shown_url(url)
        try:
            import psycopg
        except ImportError:
            raise BadInput([StoreProblem.about(self.name, "store", "pg_missing")]) from None
        self.psycopg = psycopg
        with self.guard():
            self.con = psycopg.connect(url, autocommit=True, connect_timeout=int(BUSY_TIMEOUT_S),
                                       application_name="magnesium")
            self.con.execute("SELECT set_config('lock_timeout', %s, false)", (f"{int(BUSY_TIMEOUT_S)}s",))
            if read_only:
                self.con.execute("SELECT set_config('default_transaction_read_only', 'on', false)")
                if self.version() > len(PG_MIGRATIONS):
                    raise _newer(self.name, self.version(), len(PG_MIGRATIONS))
                return
            self.migrate()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def guard(self) -> Iterator[None]:
        """psycopg's errors become one clear line (exit 2); its words name no password."""
        try:
            yield
        except self.psycopg.Error as err:
            reason = " ".join(str(err).split()) or type(err).__name__
            raise BadInput([StoreProblem.about(self.name, "store", "server", reason=reason)]) from None

    def execute(self, sql: str, params: tuple = ()) -> Any:
        return self.con.execute(_pg_sql(sql), params) if params else self.con.execute(sql)

    @contextmanager
    def write(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back when it raises."""
        with self.guard(), self.con.transaction():
            yield

    def version(self) -> int:
        if self.con.execute("SELECT to_regclass('schema_version')").fetchone()[0] is None:
            return 0
        return self.con.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version").fetchone()[0]

    def migrate(self) -> None:
        """Run the missing migrations once, under a lock, when several desks start together."""
        if self.version() == len(PG_MIGRATIONS):
            return
        with self.write():
            self.con.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
            found = self.version()  # re-read under the lock: another desk may have migrated
            if found > len(PG_MIGRATIONS):
                raise _newer(self.name, found, len(PG_MIGRATIONS))
            for statements in PG_MIGRATIONS[found:]:
                for statement in statements:
                    self.con.execute(statement)
            self.con.execute("DELETE FROM schema_version")
            self.con.execute("INSERT INTO schema_version (version) VALUES (%s)", (len(PG_MIGRATIONS),))

    def insert(self, sql: str, params: tuple) -> int:
        return self.con.execute(_pg_sql(sql + " RETURNING number"), params).fetchone()[0]

    def insert_many(self, sql: str, rows: list[tuple]) -> None:
        with self.con.cursor() as cur:
            cur.executemany(_pg_sql(sql), rows)

    def last_number(self, table: str = "intake") -> int:
        return self.con.execute(
            "SELECT COALESCE(pg_sequence_last_value(pg_get_serial_sequence(%s, 'number')::regclass), 0)", (table,)
        ).fetchone()[0]

    def keep_last_number(self, number: int, table: str = "intake") -> None:
        if number > self.last_number(table):
            self.con.execute("SELECT setval(pg_get_serial_sequence(%s, 'number'), %s)", (table, number))

    def erased(self, tables: tuple[str, ...]) -> None:
        """After an erasure: VACUUM FULL rewrites each table without the deleted row versions
        (outside a transaction, as it must be; it holds each table for a moment)."""
        with self.guard():
            for table in tables:
                self.con.execute(f"VACUUM FULL {table}")


def open_engine(target: str | Path, read_only: bool = False) -> SqliteEngine | PgEngine:
    """The engine for a store: a PostgreSQL URL, else a SQLite file."""
    if isinstance(target, str) and on_server(target):
        return PgEngine(target, read_only)
    return SqliteEngine(Path(target), read_only)
