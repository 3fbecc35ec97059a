"""The practice that the handout and the letter to the GP come from, in a small settings file:

    name: Praktijk De Linde
    phone: 012-3456789
    address: Lindelaan 4, 1234 AB Ergens
    email: info@praktijkdelinde.nl
    practitioner: J. de Vries, natuurgeneeskundig therapeut

Only `name` is required. `--practice FILE`, else `practice.yaml` beside the intake store;
without either the handout says nothing about the practice, and the letter says it needs one.
A mistake is one line with its place (exit 2).
"""
from __future__ import annotations

from pathlib import Path

from engine.errors import BadInput, shorten
from engine.yamlsource import read

from .document_texts import DocumentProblem

KEYS = ("name", "phone", "address", "email", "practitioner")
MAX_TEXT = 100
FILE_NAME = "practice.yaml"


def _at(name: str, line: int | None, key: str, code: str, **params: object) -> DocumentProblem:
    return DocumentProblem(name, key, code, tuple(sorted(params.items())), line)


def practice_path(given: str | None, store_folder: Path) -> Path:
    """Where the practice file is: the one given, else the one beside the intake store."""
    return Path(given).expanduser() if given else store_folder / FILE_NAME


def load_practice(given: str | None, store_folder: Path) -> dict | None:
    """The practice ({key: text or None} for KEYS), or None when no file is given and none lies
    beside the store."""
    path = practice_path(given, store_folder)
    if not path.is_file():
        if given:
            raise BadInput([_at(str(path), None, "--practice", "practice_missing", path=str(path))])
        return None
    doc = read(str(path))
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("name"), str):
        raise BadInput([_at(doc.name, doc.line(()), "name", "practice_top", got=shorten(repr(data)))])
    found = [_at(doc.name, doc.line((k,)), str(k), "practice_key", allowed=", ".join(KEYS), got=shorten(str(k)))
             for k in data if k not in KEYS]
    found += [_at(doc.name, doc.line((k,)), k, "practice_text", max=MAX_TEXT, got=shorten(repr(data[k])))
              for k in KEYS if k in data and not (isinstance(data[k], str) and 0 < len(data[k].strip()) <= MAX_TEXT)]
    if found:
        raise BadInput(found)
    return {key: data.get(key) for key in KEYS}
