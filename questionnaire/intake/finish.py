"""The end of an intake, the same for the terminal and the browser: the answers checked against
the contract, the advice made, both kept in the store (with the answers file, when asked for).

One function for both, so a web intake is saved exactly as a terminal one: the same checked
answers, the same advice with its rule-base version, the same severities and accepted time.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from engine.answers import KEYS
from engine.yamlsource import Document

from . import answers_file

if TYPE_CHECKING:
    from engine.advise import Advisor

    from ..store import IntakeStore
    from .session import IntakeSession


@dataclass(frozen=True)
class Finished:
    """A kept intake: its checked answers, its advice and its number in the store."""

    answers: dict
    advice: dict
    number: int


def finish(session: IntakeSession, adv: Advisor, lang: str, kept: IntakeStore, out: str | None = None,
           invite: int | None = None) -> Finished:
    """Check the answers, advise, write the `out` answers file (the contract's answers, as
    given) and save the intake; a web intake's code (`invite`) is used up in the same save.

    When saving fails (or the client stops while the store waits), the `out` file just written is
    removed again: the answers still wait where they were kept, and carrying on must be able to
    write it.
    """
    given = session.answers()
    ordered = {key: given[key] for key in KEYS if key in given}
    answers = adv.check(Document("<intake>", ordered))
    advice = adv.advise(answers, lang)
    if out:
        answers_file.write(out, ordered)
    try:
        number = kept.save_intake(answers, advice, lang, accepted_at=session.accepted,
                                  severities=session.severities(), invite=invite)
    except BaseException:
        if out:
            Path(out).unlink(missing_ok=True)
        raise
    return Finished(answers, advice, number)
