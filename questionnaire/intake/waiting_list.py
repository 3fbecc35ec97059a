"""The interrupted intakes that wait beside the store, for the practitioner (`magnesium intake
--resume` when more than one waits): number, when it was started, how far it came, the client.

Only the practitioner's command shows this list; a new intake on the client's screen never
mentions a waiting one.
"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

from engine.errors import BadInput

from ..common.formatting import one_line
from . import resume_file
from .screen import say


def started(accepted: str, lang: str) -> str:
    """When the disclaimer was accepted, as people read it (05-12-2026 om 14:30)."""
    try:
        moment = datetime.fromisoformat(accepted)
    except ValueError:
        return one_line(accepted)
    return say("resume_date", lang, day=f"{moment.day:02}", month=f"{moment.month:02}", year=moment.year,
               time=moment.strftime("%H:%M"))


def progress(found: resume_file.Waiting, lang: str) -> str:
    """How far it came: "6 van de 19 vragen", or "6 vragen" when the total is not known."""
    if found.total:
        return say("resume_progress", lang, answered=found.answered, total=found.total)
    return say("resume_progress_count", lang, answered=found.answered)


def lines(waiting: list[tuple[int, Path]], lang: str) -> list[str]:
    """A heading and one line per waiting intake, its columns aligned."""
    rows = [tuple(say(key, lang) for key in ("waiting_number", "waiting_started", "waiting_progress", "waiting_client"))]
    for number, path in waiting:
        try:
            found = resume_file.waiting(path)
        except BadInput:
            rows.append((str(number), say("waiting_damaged", lang), "", ""))
            continue
        rows.append((str(number), started(found.accepted, lang), progress(found, lang),
                     one_line(found.client) if found.client else say("resume_no_name", lang)))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    table = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows]
    return [say("waiting_title", lang), *table]
