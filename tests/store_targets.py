"""Fixtures for the store's tests on both engines: a fresh SQLite file, or a fresh PostgreSQL
database on the server of MAGNESIUM_TEST_PG_DSN (.ci/postgres starts a throwaway one).

Without that variable the PostgreSQL half is skipped and says why; with CI=true it fails
instead, because a skip in CI would hide that PostgreSQL was never tested. Each PostgreSQL test
gets its own database (created from an admin connection, dropped after), so tests stay apart.
"""
from __future__ import annotations

import os
import uuid
from urllib.parse import urlsplit

import pytest

PG_DSN = os.environ.get("MAGNESIUM_TEST_PG_DSN")
ENGINES = ("sqlite", "postgres")


def need_postgres() -> None:
    """Skip (or in CI fail) when there is no PostgreSQL server to test against."""
    if PG_DSN:
        return
    why = "no PostgreSQL server: set MAGNESIUM_TEST_PG_DSN (`source .ci/postgres` starts a throwaway one)"
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true, but {why}; .ci/run must start it")
    pytest.skip(why)


def database_url(name: str) -> str:
    """The test server's URL with another database."""
    parts = urlsplit(PG_DSN)
    return f"{parts.scheme}://{parts.netloc}/{name}" + (f"?{parts.query}" if parts.query else "")


def admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(PG_DSN, autocommit=True) as con:
        con.execute(sql)


def fresh_database():
    """A new, empty database for one test (a generator: dropped afterwards)."""
    need_postgres()
    name = f"magnesium_test_{uuid.uuid4().hex[:12]}"
    admin(f'CREATE DATABASE "{name}"')
    try:
        yield database_url(name)
    finally:
        admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=ENGINES)
def target(request, tmp_path):
    """Where a test's store is: a SQLite file's path, or a PostgreSQL URL (fresh, empty)."""
    if request.param == "sqlite":
        yield str(tmp_path / "intakes.sqlite3")
    else:
        yield from fresh_database()


@pytest.fixture
def pg_target():
    """A fresh PostgreSQL database only (for what only that engine does)."""
    yield from fresh_database()


def raw(target: str, sql: str, params: tuple = ()) -> list[tuple]:
    """Run SQL on a store behind the program's back (to damage or inspect it); its rows."""
    if target.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(target, autocommit=True) as con:
            cur = con.execute(sql.replace("?", "%s"), params or None)
            return cur.fetchall() if cur.description else []
    import sqlite3

    con = sqlite3.connect(target)
    try:
        with con:
            cur = con.execute(sql, params)
            return cur.fetchall()
    finally:
        con.close()
