"""The asking loop: every question that applies, then the review screen until the answers are right.

After every answer the answers so far go to the resume file (`park`), so even a kill loses at
most the answer being given. Ctrl-C or Ctrl-D at any question, or a stop signal (stopped.py),
raises IntakeStopped with the answers given so far (the ones being asked again included); so
does a bug, which the intake command reports once the answers are kept.
"""
from __future__ import annotations

from typing import Any, Callable

from . import prompts, stopped
from .session import IntakeSession
from .stopped import IntakeStopped, signalled

Park = Callable[[dict[str, Any], str, int], None]  # answers so far, when accepted, how many questions


def interview(session: IntakeSession, lang: str, park: Park) -> None:
    """Ask until the client says on the review screen that the answers are right."""
    try:
        _ask_pending(session, lang, park)
        while (key := prompts.check_answers(session, lang)) is not None:
            before = session.reopen(key)
            _ask_pending(session, lang, park)
            session.reopen_grown(before)
            _ask_pending(session, lang, park)
    except (KeyboardInterrupt, EOFError):
        raise _stopped(session) from None
    except Exception as err:  # noqa: BLE001 - kept first, reported after (intake command)
        stop = _stopped(session)
        if not (isinstance(err, OSError) and signalled()):  # else: a closed terminal after a hang-up
            stop.cause = err  # a bug: the answers are kept all the same, then it is reported (exit 1)
        raise stop from err


def _stopped(session: IntakeSession) -> IntakeStopped:
    """The stop with every answer given so far and how many questions there were."""
    return IntakeStopped(_so_far(session), session.accepted, total=len(session.steps()))


def _ask_pending(session: IntakeSession, lang: str, park: Park) -> None:
    """Ask, one at a time, every question that applies and has no answer yet; keep each answer
    in the resume file, then take a stop signal that came meanwhile."""
    while (step := session.pending()) is not None:
        try:
            value = prompts.ask(session, step, lang)
        except prompts.GoBack:  # Page Up: the question before this one, then this one again
            session.back(step)
            continue
        session.give(step.question, value)
        park(_so_far(session), session.accepted, len(session.steps()))
        stopped.check()


def _so_far(session: IntakeSession) -> dict[str, Any]:
    """Every answer given so far, the ones being asked again included."""
    return {**session.previous, **session.answered}
