"""The `--out` answers file: the contract's answers as given, readable by the owner only.

Checked before anything is asked (an existing file is never overwritten, the folder must be
writable), so no answers are lost at the end; written once the intake is finished.
"""
from __future__ import annotations

import os
from pathlib import Path

from engine.errors import BadInput

from ..common.private_files import write_private
from ..common.texts import readable_yaml
from .screen import IntakeProblem


def check_free(out: str | None) -> None:
    """Refuse an --out file before anything is asked, so no answers are lost at the end."""
    if out is None:
        return
    path = Path(out)
    if path.exists():
        raise BadInput([IntakeProblem(out, "--out", "out_exists")])
    folder = path.parent
    if not folder.is_dir() or not os.access(folder, os.W_OK | os.X_OK):
        raise BadInput([IntakeProblem(str(folder), "--out", "out_folder")])


def write(out: str, answers: dict) -> None:
    """Write the answers file (owner-only, all at once); a failure is bad input (exit 2)."""
    try:
        write_private(Path(out), readable_yaml(answers))
    except OSError as err:
        raise BadInput([IntakeProblem(out, "--out", "out_write", (("reason", err.strerror or str(err)),))]) \
            from None
