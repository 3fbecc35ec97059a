"""IntakeStopped: the client stopped the intake, with the answers given so far.

A stop is Ctrl-C or Ctrl-D, and also every other way a terminal ends a program: the window
closed (SIGHUP), a kill (SIGTERM), Ctrl-\\ (SIGQUIT). While the intake runs (`catching_signals`)
each of these signals raises `Signalled`, a KeyboardInterrupt, where the intake waits, so it
takes the same road as Ctrl-C and the answers are kept. Raised where the intake waits for the
client (first_screen.py, interview.py) or for the store while the answers are kept; handled in
one place, the intake command, which keeps the answers in the resume file and says how to carry
on (exit 130, or 128 + the signal's number).
"""
from __future__ import annotations

import signal
from contextlib import contextmanager
from typing import Any, Callable, Iterator

# The signals that end the intake as Ctrl-C does (the names that exist on this platform).
SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGHUP", "SIGTERM", "SIGQUIT") if hasattr(signal, name))
INTERRUPTED = 130  # the exit code of Ctrl-C (128 + SIGINT)


class IntakeStopped(Exception):
    """The intake was stopped; `answered` is None when it stopped before the questions.

    `accepted` is when the disclaimer was accepted; `parked` says the resume file holds these
    answers already (written before the answers were kept); `total` is how many questions the
    client had in front of them (for the notice on the next first screen).
    """

    def __init__(self, answered: dict[str, Any] | None = None, accepted: str | None = None, parked: bool = False,
                 total: int | None = None):
        super().__init__("intake stopped")
        self.answered, self.accepted, self.parked, self.total = answered, accepted, parked, total
        self.cause: Exception | None = None  # a bug that ended the questions: reported once the answers are kept


class Signalled(KeyboardInterrupt):
    """A stop signal arrived; raised as a KeyboardInterrupt so it is handled as Ctrl-C."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


class _State:
    """The first stop signal, whether the answers are being kept (then nothing may interrupt),
    and how to end the prompt on screen, if one runs (see `ending_prompt`)."""

    signum: int | None = None
    keeping = False
    end_prompt: Callable[[Signalled], bool] | None = None


def _on_signal(signum: int, frame: object) -> None:
    if _State.keeping or _State.signum is not None:  # stopping already: let the answers be kept
        return
    _State.signum = signum
    stop = Signalled(signum)
    if _State.end_prompt is not None and _State.end_prompt(stop):
        return  # the prompt on screen ends itself with `stop`, on its own event loop
    raise stop


@contextmanager
def ending_prompt(end: Callable[[Signalled], bool]) -> Iterator[None]:
    """While a prompt runs, a stop signal ends it through `end` instead of raising mid-loop.

    Raised inside the prompt's event loop the stop can land in the prompt's own exception
    handler, which prints it and waits for Enter: the intake would hang. `end` returns False
    when the prompt cannot take it (not running yet); then the stop is raised as before.
    """
    _State.end_prompt = end
    try:
        yield
    finally:
        _State.end_prompt = None


@contextmanager
def catching_signals() -> Iterator[None]:
    """While the intake runs, the stop signals raise Signalled; the old handlers come back after."""
    _State.signum, _State.keeping = None, False
    old = {signum: signal.signal(signum, _on_signal) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)


def keeping() -> None:
    """The answers are being kept now: a later signal (a second Ctrl-C, a hang-up) waits for it."""
    _State.keeping = True


def signalled() -> bool:
    """Whether a stop signal arrived (then a failing terminal is part of the stop, not a bug)."""
    return _State.signum is not None


def exit_code() -> int:
    """130 for Ctrl-C, else 128 + the number of the signal that stopped the intake."""
    return INTERRUPTED if _State.signum is None else 128 + _State.signum
