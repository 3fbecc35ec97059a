"""Files with health data: owner-only from the first byte, written at once, in a private folder.

Kept apart from the store so the intake's first screen (which looks for a waiting resume file)
does not load sqlite3.
"""
from __future__ import annotations

import hashlib
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit

APP_NAME = "magnesium-intake"
DB_NAME = "intakes.sqlite3"
SERVER_PREFIXES = ("postgresql://", "postgres://")


def data_dir() -> Path:
    """The platform's user data folder of this program (the store lives there unless pointed elsewhere)."""
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def chosen_store() -> str | None:
    """The store file the user chose through the environment (MAGNESIUM_DB), if any."""
    return os.environ.get("MAGNESIUM_DB") or None


def on_server(target: str | None) -> bool:
    """Whether the store is a PostgreSQL server (a URL), not a file."""
    return bool(target) and target.lower().startswith(SERVER_PREFIXES)


def shown_url(url: str) -> str:
    """A server's address without its password (in the URL or as a parameter): all that
    messages, `review --where` and file names may show of it."""
    parts = urlsplit(url)
    user, at, host = parts.netloc.rpartition("@")
    netloc = f"{user.partition(':')[0]}@{host}" if at else host
    query = "&".join(p for p in parts.query.split("&") if p and not p.lower().startswith("password="))
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "")


def store_path(db_path: str | None = None) -> Path:
    """The intake store: --db wins, then MAGNESIUM_DB, then the platform's user data folder.

    For a PostgreSQL store, the name its local files (resume files, drafts) go by in the user
    data folder: health data on this computer stays owner-only there, one name per server and
    database. Here, not in store.py, because the intake's first screen needs it (beside the
    store waits the resume file) and must not load a database driver.
    """
    chosen = db_path or chosen_store()
    if chosen and on_server(chosen):
        return data_dir() / f"postgresql-{hashlib.sha256(shown_url(chosen).encode()).hexdigest()[:12]}"
    if chosen:
        return Path(chosen).expanduser()
    return data_dir() / DB_NAME


def named_folder(db_path: str | None = None) -> bool:
    """Whether the user named the store's folder (--db or MAGNESIUM_DB with a file): a folder
    that does not exist there is a typing error, never made for them."""
    chosen = db_path or chosen_store()
    return bool(chosen) and not on_server(chosen)


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


def write_private(path: Path, text: str | bytes, new: bool = False) -> None:
    """Write a file readable by the owner only, all at once: a crash leaves no half file (text as
    UTF-8; bytes, such as a PDF, as they are).

    The folder must exist: a folder is made only where the program chooses it (private_folder),
    never because of a typing error in a path the user gave. `new`: only if no such file exists
    yet (FileExistsError otherwise), so two programs never claim one name.
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
            if new:
                os.link(tmp, path)
                os.unlink(tmp)
            else:
                os.replace(tmp, path)
        except BaseException:
            if os.path.lexists(tmp):
                os.unlink(tmp)
            raise
