"""A cache of parsed rule files, so `magnesium advise FILE` does not parse YAML it parsed before.

Parsing the rule files is most of the time of one advice. The cache holds, per file, the parsed
value and the line of every path as JSON (data only: nothing in it is executed), under the
sha256 of the file's bytes and name: an edited file never finds an old entry, so advice always
comes from the rule files as they are now. The cache is a convenience: a folder that cannot be
written, or an entry that cannot be read, means the file is parsed as if there were no cache.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from .yamlsource import Document, decode

VERSION = 1  # of the entry format; part of the key, so a new format never reads an old entry


def cache_dir() -> Path | None:
    """Where entries live: $MAGNESIUM_CACHE, else the user cache folder; None to switch it off.

    The platform's cache folder is found here rather than with platformdirs, whose import costs
    as much as the cache saves on a warm start.
    """
    chosen = os.environ.get("MAGNESIUM_CACHE")
    if chosen is not None:
        return Path(chosen) if chosen else None
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "magnesium-intake" / "Cache"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches" / "magnesium-intake"
    else:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "magnesium-intake"
    return base / "rules"


def parse(raw: bytes, name: str) -> Document:
    """The parsed file, from the cache when this exact content was parsed before."""
    folder = cache_dir()
    if folder is None:
        return decode(raw, name)
    key = hashlib.sha256(f"{VERSION}\0{name}\0".encode() + raw).hexdigest()
    entry = folder / f"{key}.json"
    try:
        stored = json.loads(entry.read_text(encoding="utf-8"))
        return Document(name, stored["data"], {tuple(path): line for path, line in stored["lines"]})
    except (OSError, ValueError, KeyError, TypeError):
        doc = decode(raw, name)  # a bad file raises BadInput here, and nothing is cached
    _store(folder, entry, doc)
    return doc


def _store(folder: Path, entry: Path, doc: Document) -> None:
    """Write an entry atomically, readable by the owner only; any failure leaves no entry."""
    import tempfile  # only when an entry is written: a warm cache never needs it

    temp = None
    try:
        text = json.dumps({"data": doc.data, "lines": [[list(p), line] for p, line in doc.lines.items()]})
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temp, entry)
    except (OSError, TypeError, ValueError):
        if temp and os.path.exists(temp):
            os.unlink(temp)
