"""The intake store: every saved intake with its notes, plans and follow-ups, and who did what.

One interface, two engines (engines.py): a SQLite file, readable by its owner only (the default:
one practitioner, one computer), or a PostgreSQL database that several desks share (`--db` or
MAGNESIUM_DB set to a `postgresql://` URL). The store's SQL (intakes.py, follow_ups.py, audit.py)
runs on both; where they differ, the engine says how. The schema has a version and migrations
from the first release on (schema.py), so an old store keeps working after an update. Erasing is
the client's right, not hiding a row: deleted rows are overwritten or vacuumed away, and the
audit trail says who read, changed, exported or erased what.

This module opens a store; the database drivers load only then, so the intake's first screen
(which checks the store's folder) stays fast.
"""
from __future__ import annotations

import os
from pathlib import Path

from engine.errors import BadInput

from ..common.private_files import named_folder, on_server, private_files, private_folder, shown_url, store_path
from .intakes import CLIENT_TABLES, IntakeStore, StoredIntake, follow_up_date
from .schema import MIGRATIONS, SCHEMA_VERSION
from .words import STORE_TEXTS, StoreProblem

__all__ = ["CLIENT_TABLES", "MIGRATIONS", "SCHEMA_VERSION", "STORE_TEXTS", "IntakeStore", "StoreProblem",
           "StoredIntake", "check_writable", "follow_up_date", "on_server", "open_read_only", "open_store",
           "resolve_path", "where"]


def resolve_path(db_path: str | None = None) -> Path:
    """--db wins, then MAGNESIUM_DB, then the platform's user data directory (for a server: the
    name its local files go by, see private_files.store_path)."""
    return store_path(db_path)


def _target(db_path: str | None) -> str:
    """The store asked for: a PostgreSQL URL as given, else the SQLite file's path."""
    chosen = db_path or os.environ.get("MAGNESIUM_DB")
    return chosen if on_server(chosen) else str(resolve_path(db_path))


def where(db_path: str | None = None) -> str:
    """Where the store is, to show: the file, or the server's address without its password."""
    target = _target(db_path)
    return shown_url(target) if on_server(target) else target


def open_read_only(db_path: str | None = None) -> IntakeStore:
    """The store at --db, else MAGNESIUM_DB, else the user data directory, opened so that
    nothing can change it (`rules impact`); a file that does not exist is bad input."""
    from .engines import open_engine

    target = _target(db_path)
    if not on_server(target) and not Path(target).is_file():
        raise BadInput([StoreProblem.about(target, "store", "store_missing", path=target)])
    return IntakeStore(open_engine(target, read_only=True), read_only=True)


def check_writable(db_path: str | None = None) -> None:
    """Before the first question of an intake: a store file (or its folder) that cannot be
    written is one clear line now, not after the last answer. Without a database driver (the
    first screen stays fast); a server is checked when the intake is kept."""
    target = _target(db_path)
    if on_server(target):
        return
    path = Path(target)
    folder = path.parent if path.parent.is_dir() else next((p for p in path.parents if p.is_dir()), path.parent)
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.R_OK | os.W_OK)):
        blocked = path if path.exists() and not os.access(path, os.W_OK) else folder
        raise BadInput([StoreProblem.about(target, "store", "store_read_only", path=str(blocked))])


def open_store(db_path: str | None = None, actor: str | None = None) -> IntakeStore:
    """The store at --db, else MAGNESIUM_DB, else the user data directory (created if needed):
    a `postgresql://` URL is a PostgreSQL database, anything else a SQLite file.

    Only the user data directory is created: a folder that does not exist in a path the user
    gave is a typing error, and one clear line (exit 2) beats an empty store in a new folder.
    """
    from .engines import open_engine

    target = _target(db_path)
    if on_server(target):
        return IntakeStore(open_engine(target), actor=actor)
    path = Path(target)
    if named_folder(db_path):
        if not path.parent.is_dir():
            raise BadInput([StoreProblem.about(target, "store", "store_folder", folder=str(path.parent))])
    else:
        try:
            with private_files():
                private_folder(path.parent)
        except OSError as err:
            raise BadInput([StoreProblem.about(target, "store", "store_open", reason=err.strerror or str(err))]) from None
    return IntakeStore(open_engine(path), actor=actor)
