"""The summary's section of the practitioner's notes: every note with its time, oldest first,
because notes add up (what was said at the intake, at the follow-up call, ...)."""
from __future__ import annotations

from typing import Any

from ..common.formatting import printable
from .model import Paragraph, Section


def notes_section(ctx: Any) -> Section | None:
    """The notes of a stored intake; an intake (or a record) without the list shows its one note."""
    intake = ctx.intake
    notes = list(getattr(intake, "notes", ()) or ()) if intake else []
    if intake and intake.note and not notes:
        return Section("note", ctx.w("note"), (Paragraph(printable(intake.note), preformatted=True),))
    if not notes:
        return None
    blocks = tuple(Paragraph(f"{ctx.moment(n['created_at'])}\n{printable(n['text'])}", preformatted=True) for n in notes)
    return Section("note", ctx.w("note"), blocks)
