"""The resume file: the answers of an interrupted intake, kept until `--resume` finishes it.

Health data lives where the user pointed it: the resume file lies beside the `--out` file when
one is given (`answers.yaml.resume`), otherwise beside the intake store (`--db`, MAGNESIUM_DB or
the user data folder: `intakes.sqlite3.resume.yaml`). It is written like every such file
(common/private_files.py): owner-only from the first byte, and atomically. Besides the answers it
holds how far the client came, so the next first screen can say whose intake waits.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.errors import BadInput
from engine.yamlsource import read

from ..common.private_files import chosen_store, data_dir, named_folder, private_folder, store_path, write_private
from ..common.texts import readable_yaml
from .screen import IntakeProblem

LEGACY_NAME = "intake-resume.yaml"  # where versions before 0.2 kept it: always in the user data folder
RESUME_SUFFIX = ".resume"  # beside --out
STORE_SUFFIX = ".resume.yaml"  # beside the store
FORMAT = 1


@dataclass(frozen=True)
class Waiting:
    """What the first screen says about a waiting intake: whose, since when, how far."""

    client: str | None
    accepted: str
    answered: int
    total: int | None


def resume_path(out: str | None, db: str | None = None) -> Path:
    """Where the interrupted intake is kept: beside --out, else beside the intake store."""
    if out:
        return Path(out).with_name(Path(out).name + RESUME_SUFFIX)
    store = store_path(db)
    return store.with_name(store.name + STORE_SUFFIX)


def follow_up_path(db: str | None, number: int) -> Path:
    """Where an interrupted follow-up of intake `number` waits: beside the store, one per intake."""
    store = store_path(db)
    return store.with_name(f"{store.name}.follow-up-{number}{STORE_SUFFIX}")


def check_folder(where: Path, out: str | None, db: str | None) -> None:
    """A store folder the user named must exist (as open_store says), before anything is asked:
    the resume file goes there, and a typing error must not make a folder for health data."""
    if not out and named_folder(db) and not where.parent.is_dir():
        raise BadInput([IntakeProblem(str(where.parent), "--db", "store_folder")])


def adopt_legacy(where: Path, out: str | None, db: str | None) -> None:
    """An intake interrupted under an older version waits in the user data folder: move it
    beside the default store, its new place (only when the default store is used)."""
    if out or db or chosen_store() or where.exists():
        return
    old = data_dir() / LEGACY_NAME
    if old.is_file():
        os.replace(old, where)


def content(answered: dict[str, Any], accepted: str, total: int | None = None) -> dict:
    """What the resume file holds: the format, when the disclaimer was accepted, how many questions
    there were (when known), the answers by question id."""
    data: dict[str, Any] = {"resume": FORMAT, "accepted": accepted}
    if total is not None:
        data["total"] = total
    return {**data, "answers": answered}


def save(path: Path, answered: dict[str, Any], accepted: str, total: int | None = None) -> None:
    """Keep the answers given so far, by question id, with when the disclaimer was accepted."""
    data = content(answered, accepted, total)
    private_folder(path.parent)  # a folder the user named exists already (check_folder, answers_file)
    write_private(path, readable_yaml(data, "An interrupted magnesium intake: continue it with magnesium intake --resume"))


def load(path: Path) -> tuple[dict[str, Any], str]:
    """The answers by question id and the time the disclaimer was accepted; BadInput if unusable."""
    data = _data(path)
    return data["answers"], data["accepted"]


def waiting(path: Path) -> Waiting:
    """Whose intake waits, since when and how far it came; BadInput if the file is unusable."""
    data = _data(path)
    client = data["answers"].get("client")
    total = data.get("total")
    return Waiting(client if isinstance(client, str) and client.strip() else None, data["accepted"],
                   len(data["answers"]), total if isinstance(total, int) and not isinstance(total, bool) else None)


def _data(path: Path) -> dict:
    if not path.is_file():
        raise BadInput([IntakeProblem(str(path), "--resume", "resume_missing")])
    doc = read(str(path))
    data = doc.data
    if not (isinstance(data, dict) and data.get("resume") == FORMAT and isinstance(data.get("answers"), dict)
            and isinstance(data.get("accepted"), str)):
        raise BadInput([IntakeProblem(str(path), "--resume", "resume_shape", line=doc.line(()))])
    return data
