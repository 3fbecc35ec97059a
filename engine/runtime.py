"""The durable_rules side: one ruleset compiled per process, one session per evaluation.

durable_rules 2.0.28 has traps this module exists to contain: a Host starts timer threads that
may run actions on their own thread (switched off here), it is not thread-safe (one lock), a
ruleset holds at most 1024 live sessions (every session's state is deleted in `finally`), an
exception inside an action is swallowed into the state (checked and raised), `pri` is unsigned
(the rule base only allows 0-1000), and "no rule matched" is an exception.

Found here: deleting the state of a session in which no rule matched corrupts the heap (a
double free, or a segfault), while not deleting it leaks one of the 1024 sessions. So every
stage has a sentinel rule that matches every fact and records nothing: a match always happens
and the state is always deleted safely.
"""
from __future__ import annotations

import itertools
import threading
import warnings
from typing import Iterable

from durable import engine as durable

from .conditions import to_durable
from .model import Rule

# durable_rules 2.0.28 calls datetime.utcfromtimestamp in every action: on Python 3.12 that warns
# once per action. It is the library's own matter, not the user's; silence exactly that warning.
warnings.filterwarnings("ignore", message=r"datetime\.datetime\.utcfromtimestamp", category=DeprecationWarning)
_names = itertools.count(1)
_STAGES = {"answers": 1, "limits": 2, "outcome": 3}
_SENTINEL_PRIORITY = 1001  # after every rule of the rule base (which allows 0-1000)


class _QuietHost(durable.Host):
    """A Host without background dispatch: actions run only inside `assert_fact`, on our thread."""

    def _run(self) -> None:
        """Deliberately start no timer threads."""


def _match_anything(c) -> None:
    """The sentinel's action: nothing to record (see the module docstring)."""


class EngineFailure(RuntimeError):
    """durable_rules reported a failure inside an action: a bug, never bad input."""


class Runtime:
    """The compiled rules of one rule base; `fire` returns the ids of the rules that matched."""

    def __init__(self, rules: Iterable[Rule]):
        self._lock = threading.Lock()
        self._sessions = itertools.count(1)
        self._fired: list[str] = []
        self._name = f"magnesium_{next(_names)}"
        definitions = {f"r{rule.order}": self._definition(rule) for rule in rules}
        for number in _STAGES.values():
            definitions[f"sentinel{number}"] = {"all": [{"m": {"stage": number}}], "pri": _SENTINEL_PRIORITY,
                                                "run": _match_anything}
        self._host = _QuietHost()
        self._host.register_rulesets({self._name: definitions})

    def _definition(self, rule: Rule) -> dict:
        stage = {"stage": _STAGES[rule.stage]}
        expression = to_durable(rule.condition)
        pattern = stage if expression is None else {"$and": [stage, expression]}
        return {"all": [{"m": pattern}], "pri": rule.priority, "run": self._recorder(rule.id)}

    def _recorder(self, rule_id: str):
        def record(c) -> None:
            self._fired.append(rule_id)
        return record

    def fire(self, fact: dict) -> list[str]:
        """Evaluate one fact in a fresh session; each id once, in firing order (priority first)."""
        with self._lock:
            sid = str(next(self._sessions))
            self._fired = []
            try:
                state = self._host.assert_fact(self._name, dict(fact, sid=sid))
                if "exception" in state:
                    raise EngineFailure(str(state["exception"]))
                return list(dict.fromkeys(self._fired))  # an `any` may match one fact twice
            finally:
                self._host.delete_state(self._name, sid)
