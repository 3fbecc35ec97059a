"""The resume file: the answers of an interrupted intake, kept until `--resume` finishes it.

It is written after every answer (from the first one on), so a stop at any moment, even a kill,
loses at most the answer being given. Health data lives where the user pointed it: beside the
`--out` file when one is given (`answers.yaml.resume`), otherwise beside the intake store (`--db`,
MAGNESIUM_DB or the user data folder), one file per interrupted intake, numbered
(`intakes.sqlite3.waiting-3.resume.yaml`): a new intake on a shared screen never sees, offers or
replaces another client's waiting answers; the practitioner carries one on with
`magnesium intake --resume 3` (the number is printed when it stops) or lists them with
`magnesium intake --resume`. It is written like every such file (common/private_files.py):
owner-only from the first byte, and atomically.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from engine.errors import BadInput
from engine.yamlsource import read

from ..common.private_files import chosen_store, data_dir, named_folder, private_folder, store_path, write_private
from ..common.texts import readable_yaml
from .screen import IntakeProblem

LEGACY_NAME = "intake-resume.yaml"  # where versions before 0.2 kept it: always in the user data folder
LEGACY_SUFFIX = ".resume.yaml"  # one waiting intake beside the store, before they were numbered
RESUME_SUFFIX = ".resume"  # beside --out
WAITING = re.compile(r"\.waiting-([1-9][0-9]{0,5})\.resume\.yaml")  # after the store's name
FORMAT = 1
HEADER = "An interrupted magnesium intake: continue it with magnesium intake --resume"


@dataclass(frozen=True)
class Waiting:
    """What the practitioner's list says about a waiting intake: whose, since when, how far."""

    client: str | None
    accepted: str
    answered: int
    total: int | None


def out_path(out: str) -> Path:
    """Where an intake with --out FILE waits: FILE.resume."""
    return Path(out).with_name(Path(out).name + RESUME_SUFFIX)


def waiting_path(db: str | None, number: int) -> Path:
    """Where waiting intake `number` lies beside the store."""
    store = store_path(db)
    return store.with_name(f"{store.name}.waiting-{number}{LEGACY_SUFFIX}")


def follow_up_path(db: str | None, number: int) -> Path:
    """Where an interrupted follow-up of intake `number` waits: beside the store, one per intake."""
    store = store_path(db)
    return store.with_name(f"{store.name}.follow-up-{number}{LEGACY_SUFFIX}")


def waiting_intakes(db: str | None) -> list[tuple[int, Path]]:
    """The intakes waiting beside the store, by number."""
    store = store_path(db)
    if not store.parent.is_dir():
        return []
    found = []
    for path in store.parent.iterdir():
        match = WAITING.fullmatch(path.name[len(store.name):]) if path.name.startswith(store.name) else None
        if match:
            found.append((int(match.group(1)), path))
    return sorted(found)


def check_folder(where: Path, out: str | None, db: str | None) -> None:
    """A store folder the user named must exist (as open_store says), before anything is asked:
    the resume file goes there, and a typing error must not make a folder for health data."""
    if not out and named_folder(db) and not where.parent.is_dir():
        raise BadInput([IntakeProblem(str(where.parent), "--db", "store_folder")])


def adopt_legacy(db: str | None) -> None:
    """An intake interrupted under an older version waits in the user data folder, or as the one
    resume file beside the store: it gets a number, as every waiting intake now has."""
    store = store_path(db)
    old = [store.with_name(store.name + LEGACY_SUFFIX)]
    if not db and not chosen_store():
        old.append(data_dir() / LEGACY_NAME)
    for path in old:
        if path.is_file():
            Parking(None, db).claim(path.read_text(encoding="utf-8"))
            path.unlink()


class Parking:
    """Where one intake's answers wait until they are kept: a file named already (--out, a
    follow-up, a resumed intake), or for a new intake beside the store the first free number,
    claimed at its first answer (so nothing is on disk for a client who answered nothing)."""

    def __init__(self, path: Path | None, db: str | None = None):
        self.path, self.db = path, db

    @property
    def number(self) -> int | None:
        """The waiting intake's number (None: not numbered, or nothing kept yet)."""
        store = store_path(self.db)
        match = WAITING.fullmatch(self.path.name[len(store.name):]) if self.path else None
        return int(match.group(1)) if match and self.path.parent == store.parent else None

    def save(self, answered: dict[str, Any], accepted: str, total: int | None = None) -> None:
        """Keep the answers given so far, by question id, with when the disclaimer was accepted."""
        text = readable_yaml(content(answered, accepted, total), HEADER)
        if self.path is None:
            self.claim(text)
            return
        private_folder(self.path.parent)  # a folder the user named exists already (check_folder, answers_file)
        write_private(self.path, text)

    def claim(self, text: str) -> None:
        """Write `text` under the first free number beside the store (another program may take
        a number at the same time: each name is written only if it is still free)."""
        private_folder(store_path(self.db).parent)
        taken = {number for number, _ in waiting_intakes(self.db)}
        number = 1
        while True:
            while number in taken:
                number += 1
            try:
                write_private(waiting_path(self.db, number), text, new=True)
            except FileExistsError:
                taken.add(number)
                continue
            self.path = waiting_path(self.db, number)
            return

    def exists(self) -> bool:
        return self.path is not None and self.path.exists()

    def remove(self) -> None:
        if self.path is not None:
            self.path.unlink(missing_ok=True)


def content(answered: dict[str, Any], accepted: str, total: int | None = None) -> dict:
    """What the resume file holds: the format, when the disclaimer was accepted, how many questions
    there were (when known), the answers by question id."""
    data: dict[str, Any] = {"resume": FORMAT, "accepted": accepted}
    if total is not None:
        data["total"] = total
    return {**data, "answers": answered}


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

