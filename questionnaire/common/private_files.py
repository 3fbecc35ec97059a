"""Files with health data: owner-only from the first byte, written at once, in a private folder.

Kept apart from the store so the intake's first screen (which looks for a waiting resume file)
does not load sqlite3.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

APP_NAME = "magnesium-intake"
DB_NAME = "intakes.sqlite3"


def data_dir() -> Path:
    """The platform's user data folder of this program (the store lives there unless pointed elsewhere)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def chosen_store() -> str | None:
    """The store file the user chose through the environment (MAGNESIUM_DB), if any."""
    return os.environ.get("MAGNESIUM_DB") or None


def store_path(db_path: str | None = None) -> Path:
    """The intake store: --db wins, then MAGNESIUM_DB, then the platform's user data folder.

    Here, not in store.py, because the intake's first screen needs it (beside the store waits
    the resume file) and must not load sqlite3.
    """
    chosen = db_path or chosen_store()
    if chosen:
        return Path(chosen).expanduser()
    return data_dir() / DB_NAME


@contextmanager
def private_files() -> Iterator[None]:
    """Everything created inside is readable by the owner only (umask 077)."""
    old = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(old)


def private_folder(folder: Path) -> None:
    """Create the folder for health data owner-only (0700); missing parents as the umask says.

    An existing folder is left as it is: one the owner opened up on purpose is not changed
    behind their back (and one that is private already stays so).
    """
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.mkdir(mode=0o700, exist_ok=True)


def write_private(path: Path, text: str | bytes) -> None:
    """Write a file readable by the owner only, all at once: a crash leaves no half file (text as
    UTF-8; bytes, such as a PDF, as they are).

    The folder must exist: a folder is made only where the program chooses it (private_folder),
    never because of a typing error in a path the user gave.
    """
    with private_files():
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            if isinstance(text, bytes):
                with os.fdopen(fd, "wb") as raw:
                    raw.write(text)
            else:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(text)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
