"""The practice's name and phone for the handout, from a small settings file:

    name: Praktijk De Linde
    phone: 012-3456789

`--practice FILE`, else `practice.yaml` beside the intake store; without either the handout
says nothing about the practice. A mistake is one line with its place (exit 2).
"""
from __future__ import annotations

from pathlib import Path

from engine.errors import BadInput, shorten
from engine.yamlsource import read

from ..common.formatting import one_line
from .handout_texts import HandoutProblem

KEYS = ("name", "phone")
MAX_TEXT = 100
FILE_NAME = "practice.yaml"


def _at(name: str, line: int | None, key: str, code: str, **params: object) -> HandoutProblem:
    return HandoutProblem(name, key, code, tuple(sorted(params.items())), line)


def load_practice(given: str | None, store_folder: Path) -> dict | None:
    """{name, phone} of the practice, or None when no file is given and none lies beside the store."""
    path = Path(given).expanduser() if given else store_folder / FILE_NAME
    if not path.is_file():
        if given:
            raise BadInput([_at(str(path), None, "--practice", "practice_missing", path=str(path))])
        return None
    doc = read(str(path))
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise BadInput([_at(doc.name, doc.line(()), "name", "practice_top", got=shorten(repr(data)))])
    found = [_at(doc.name, doc.line((k,)), str(k), "practice_key", got=shorten(str(k))) for k in data if k not in KEYS]
    found += [_at(doc.name, doc.line((k,)), k, "practice_text", max=MAX_TEXT, got=shorten(repr(data[k])))
              for k in KEYS if k in data and not (isinstance(data[k], str) and 0 < len(data[k]) <= MAX_TEXT)]
    if found:
        raise BadInput(found)
    return {"name": one_line(data["name"]), "phone": one_line(data["phone"]) if "phone" in data else None}
