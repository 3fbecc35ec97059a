"""The asking loop: every question that applies, then the review screen until the answers are right.

Ctrl-C or Ctrl-D at any question, or a stop signal (stopped.py), raises IntakeStopped with the
answers given so far (the ones being asked again included), so nothing answered is lost; so does
a bug, which the intake command reports once the answers are kept.
"""
from __future__ import annotations

from . import prompts
from .session import IntakeSession
from .stopped import IntakeStopped, signalled


def interview(session: IntakeSession, lang: str) -> None:
    """Ask until the client says on the review screen that the answers are right."""
    try:
        _ask_pending(session, lang)
        while (key := prompts.check_answers(session, lang)) is not None:
            before = session.reopen(key)
            _ask_pending(session, lang)
            session.reopen_grown(before)
            _ask_pending(session, lang)
    except (KeyboardInterrupt, EOFError):
        raise _stopped(session) from None
    except Exception as err:  # noqa: BLE001 - kept first, reported after (intake command)
        stop = _stopped(session)
        if not (isinstance(err, OSError) and signalled()):  # else: a closed terminal after a hang-up
            stop.cause = err  # a bug: the answers are kept all the same, then it is reported (exit 1)
        raise stop from err


def _stopped(session: IntakeSession) -> IntakeStopped:
    """The stop with every answer given so far and how many questions there were."""
    return IntakeStopped({**session.previous, **session.answered}, session.accepted, total=len(session.steps()))


def _ask_pending(session: IntakeSession, lang: str) -> None:
    """Ask, one at a time, every question that applies and has no answer yet."""
    while (step := session.pending()) is not None:
        try:
            value = prompts.ask(session, step, lang)
        except prompts.GoBack:  # Page Up: the question before this one, then this one again
            session.back(step)
            continue
        session.give(step.question, value)
