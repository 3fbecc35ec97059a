"""A web intake's answers so far (the draft in the store) and the IntakeSession they make.

Every request rebuilds the session from the draft, the path of `intake --resume`: `restore`
takes over the answers that still fit the questions, so a draft saved by an older questions
file never gives an answer the questions could not have given. Besides the resume file's
content the draft keeps what a page needs across requests: the answers being asked again
(`previous`, the prefill of a reopened page), the count of questions shown so far (`estimate`,
so the progress never shrinks) and, while an answer is being changed, the choices each question
offered before (`reopened`, to ask again what then offers new choices).

Restoring checks every answer against the questions before it, which costs a few walks over the
questions per answer; the answers a draft version restored to are remembered (`DraftCache`, in
the server's memory, per app) so the next request for the same version starts from them. A
version's content never changes (every save makes a new one), so a remembered one is never stale.
"""
from __future__ import annotations

import copy
import threading
from collections import OrderedDict
from typing import TYPE_CHECKING, Any

from ..intake import resume_file
from ..intake.session import IntakeSession

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

    from ..intake.questions import Questionnaire


class DraftCache:
    """The answers each recent draft version restored to, by (code number, version); bounded."""

    SIZE = 256

    def __init__(self) -> None:
        self._kept: OrderedDict[tuple[int, int], dict] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[int, int]) -> dict | None:
        with self._lock:
            found = self._kept.get(key)
            return copy.deepcopy(found) if found is not None else None

    def put(self, key: tuple[int, int], answered: dict) -> None:
        with self._lock:
            self._kept[key] = copy.deepcopy(answered)
            self._kept.move_to_end(key)
            while len(self._kept) > self.SIZE:
                self._kept.popitem(last=False)

    def forget(self, number: int) -> None:
        """A sent intake's answers leave the server's memory."""
        with self._lock:
            for key in [k for k in self._kept if k[0] == number]:
                del self._kept[key]


def rebuild(questionnaire: Questionnaire, base: RuleBase, draft: dict,
            restored: dict | None = None) -> tuple[IntakeSession, dict | None]:
    """The session of a draft (`restored`: what its answers restored to before), and the choices
    offered before a change (None: no change under way)."""
    session = IntakeSession(questionnaire, base, draft["accepted"])
    if restored is not None:
        session.answered = restored
    else:
        session.restore(_mapping(draft.get("answers")))
    ids = {q.id for q in questionnaire.questions}
    session.previous.update({qid: value for qid, value in _mapping(draft.get("previous")).items()
                             if qid in ids and qid not in session.answered})
    estimate = draft.get("estimate")
    session.estimate = estimate if isinstance(estimate, int) and not isinstance(estimate, bool) else 0
    reopened = draft.get("reopened")
    before = {qid: set(found) for qid, found in reopened.items() if isinstance(found, list)} \
        if isinstance(reopened, dict) else None
    return session, before


def content(session: IntakeSession, reopened: dict[str, set[str]] | None = None) -> dict:
    """What the store keeps of a session: the resume file's content and the page state above."""
    data: dict[str, Any] = resume_file.content(session.answered, session.accepted, len(session.steps()))
    data.update(previous=session.previous, estimate=session.estimate)
    if reopened is not None:
        data["reopened"] = {qid: sorted(found) for qid, found in reopened.items()}
    return data


def _mapping(value: Any) -> dict:
    return value if isinstance(value, dict) else {}


def started(draft: dict | None) -> bool:
    """Whether the client said yes to the disclaimer (a draft exists from then on)."""
    return isinstance(draft, dict) and isinstance(draft.get("accepted"), str)
