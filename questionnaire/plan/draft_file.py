"""An interrupted plan: the choices made so far, kept beside the intake store until a plan is kept.

Ctrl-C, Ctrl-D or a closed window must not lose the practitioner's work, as it must not lose
the client's answers at the intake. The choices are written as a plan file (the README's
format), owner-only and atomically (common/private_files.py), beside the store that holds the
intake (`intakes.sqlite3.plan-12.yaml`): health data stays where the user pointed the store.
`magnesium plan 12` then starts from them; the file may also be finished by hand and used with
`--from`. It goes when a plan is kept, when the practitioner chooses to stop, and with the intake.
"""
from __future__ import annotations

from pathlib import Path

from ..common.private_files import private_folder, store_path, write_private
from ..common.texts import readable_yaml
from .plan_file import Plan, load as load_plan

HEADER = "An interrupted plan for intake {number}: magnesium plan {number} carries on with these choices"


def draft_path(db: str | None, number: int) -> Path:
    """Where intake `number`'s interrupted plan waits: beside the intake store."""
    store = store_path(db)
    return store.with_name(f"{store.name}.plan-{number}.yaml")


def save(path: Path, number: int, plan: Plan) -> None:
    """Keep the choices so far (a plan file); the store's folder exists, the store is open."""
    private_folder(path.parent)
    write_private(path, readable_yaml(plan, HEADER.format(number=number)))


def waiting(path: Path) -> Plan | None:
    """The interrupted plan, or None; a file that is no plan file is bad input with its lines."""
    return load_plan(str(path))[1] if path.is_file() else None


def remove(path: Path) -> None:
    """The plan was kept or given up: its draft goes (health data is not left lying about)."""
    path.unlink(missing_ok=True)
