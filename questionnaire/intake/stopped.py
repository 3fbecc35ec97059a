"""IntakeStopped: the client stopped the intake (Ctrl-C or Ctrl-D), with the answers given so far.

Raised where the intake waits for the client (first_screen.py, interview.py) or for the store
while the answers are kept; handled in one place, the intake command, which keeps the answers
in the resume file and says how to carry on (exit 130).
"""
from __future__ import annotations

from typing import Any


class IntakeStopped(Exception):
    """The intake was stopped; `answered` is None when it stopped before the questions.

    `accepted` is when the disclaimer was accepted; `parked` says the resume file holds these
    answers already (written before the answers were kept).
    """

    def __init__(self, answered: dict[str, Any] | None = None, accepted: str | None = None, parked: bool = False):
        super().__init__("intake stopped")
        self.answered, self.accepted, self.parked = answered, accepted, parked
