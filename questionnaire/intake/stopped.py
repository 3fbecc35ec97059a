"""IntakeStopped: the client stopped the intake, with the answers given so far.

A stop is Ctrl-C or Ctrl-D, and also every other way a terminal ends a program: the window
closed (SIGHUP), a kill (SIGTERM), Ctrl-\\ (SIGQUIT). While the intake runs (`catching_signals`)
a stop signal is never raised at a random point (raised inside the prompt library's teardown it
could be swallowed, and the intake stayed at the next question). It is recorded, and:
- the prompt on screen, if one runs, ends itself with `Signalled` from its own event loop;
- `check()` raises it at the safe points: before a prompt starts, right after it returns, after
  each answer is kept in the resume file, before the intake is stored;
- while the answers are kept (`keeping`) nothing is raised: storing the intake and removing its
  resume file are one step no signal can split; the stop is taken right after it.
A second signal that finds no prompt and no safe point (the intake is stuck) is raised at once.
`Signalled` is a KeyboardInterrupt, so it takes the same road as Ctrl-C and the answers are kept.
Handled in one place, the intake command, which says how to carry on (exit 130, or 128 + the
signal's number).
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
    answers already; `total` is how many questions the client had in front of them.
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
    """The first stop signal, whether it was raised already, whether the answers are being kept
    (then nothing is raised), and how to end the prompt on screen, if one runs."""

    signum: int | None = None
    raised = False
    keeping = False
    end_prompt: Callable[[Signalled], bool] | None = None


def _on_signal(signum: int, frame: object) -> None:
    again = _State.signum is not None
    if not again:
        _State.signum = signum
    if _State.keeping:
        return  # taken after the answers are kept
    stop = Signalled(_State.signum)
    if _State.end_prompt is not None and _State.end_prompt(stop):
        return  # the prompt on screen ends itself with `stop`, on its own event loop
    if again and not _State.raised:  # the first one found no safe point: the intake is stuck
        _State.raised = True
        raise stop


def pending() -> Signalled | None:
    """The stop signal that arrived and was not raised yet (None while the answers are kept)."""
    if _State.signum is None or _State.raised or _State.keeping:
        return None
    return Signalled(_State.signum)


def check() -> None:
    """Raise the stop signal that arrived, if one did and it was not raised yet (a safe point)."""
    stop = pending()
    if stop is not None:
        _State.raised = True
        raise stop


@contextmanager
def ending_prompt(end: Callable[[Signalled], bool]) -> Iterator[None]:
    """While a prompt runs, a stop signal ends it through `end` (from the prompt's own loop).

    `end` returns False when the prompt cannot take it (not running yet, or its answer is
    given already): then the stop waits for `check()`, before the prompt starts or right after.
    """
    _State.end_prompt = end
    try:
        yield
    finally:
        _State.end_prompt = None


def taken() -> None:
    """The prompt on screen ended with the stop: it is raised now, check() does not raise it again."""
    _State.raised = True


@contextmanager
def catching_signals() -> Iterator[None]:
    """While the intake runs, the stop signals are recorded (see the module's docstring); the
    old handlers come back after."""
    _State.signum, _State.raised, _State.keeping = None, False, False
    old = {signum: signal.signal(signum, _on_signal) for signum in SIGNALS}
    try:
        yield
    finally:
        for signum, handler in old.items():
            signal.signal(signum, handler)


@contextmanager
def keeping() -> Iterator[None]:
    """The answers are being kept: a signal now (a second Ctrl-C, a hang-up) waits until they are."""
    _State.keeping = True
    try:
        yield
    finally:
        _State.keeping = False


def signalled() -> bool:
    """Whether a stop signal arrived (then a failing terminal is part of the stop, not a bug)."""
    return _State.signum is not None


def exit_code() -> int:
    """130 for Ctrl-C, else 128 + the number of the signal that stopped the intake."""
    return INTERRUPTED if _State.signum is None else 128 + _State.signum
