"""The direct engine path gives the same answers as durable_rules' own Host path.

`HostRuntime` below is the runtime as it was before the direct path (durable.engine's Host, one
ruleset, a sentinel rule per stage): kept here only as the reference to compare against. Both are
also compared with `conditions.holds` and the order "priority, then file order".
"""
from __future__ import annotations

import itertools
import threading

from durable import engine as durable
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import conditions
from engine.advise import Advisor, advisor
from engine.facts import over_limit
from engine.runtime import STAGES, Runtime
from strategies import answers

_names = itertools.count(1)


class _QuietHost(durable.Host):
    def _run(self) -> None:
        """No timer threads."""


class HostRuntime:
    """The pre-direct runtime: durable.engine Host, one ruleset, sentinel per stage."""

    def __init__(self, rules):
        self._lock = threading.Lock()
        self._sessions = itertools.count(1)
        self._fired: list[str] = []
        self._name = f"magnesium_host_{next(_names)}"
        definitions = {f"r{rule.order}": self._definition(rule) for rule in rules}
        for number in STAGES.values():
            definitions[f"sentinel{number}"] = {"all": [{"m": {"stage": number}}], "pri": 1001,
                                                "run": lambda c: None}
        self._host = _QuietHost()
        self._host.register_rulesets({self._name: definitions})

    def _definition(self, rule) -> dict:
        stage = {"stage": STAGES[rule.stage]}
        expression = conditions.to_durable(rule.condition)
        pattern = stage if expression is None else {"$and": [stage, expression]}
        return {"all": [{"m": pattern}], "pri": rule.priority, "run": self._recorder(rule.id)}

    def _recorder(self, rule_id: str):
        def record(c) -> None:
            self._fired.append(rule_id)
        return record

    def fire(self, fact: dict) -> list[str]:
        with self._lock:
            sid = str(next(self._sessions))
            self._fired = []
            try:
                self._host.assert_fact(self._name, dict(fact, sid=sid))
                return list(dict.fromkeys(self._fired))
            finally:
                self._host.delete_state(self._name, sid)


_ADV = advisor()
_HOST = HostRuntime(_ADV.base.rules)
_OLD = Advisor(_ADV.base)
_OLD._runtime = _HOST


def _by_holds(rules, fact: dict) -> list[str]:
    stage = fact["stage"]
    hits = [r for r in rules if STAGES[r.stage] == stage and conditions.holds(r.condition, fact)]
    return [r.id for r in sorted(hits, key=lambda r: (r.priority, r.order))]


def _stage_facts(adv: Advisor, a: dict) -> list[dict]:
    """The three stage facts as `Advisor.advise` builds them (stage 3 with both values of each flag)."""
    fact = adv.fact(a)
    second = dict(fact, stage=2, current_over_limit=over_limit(a, adv.base.forms, 350))
    third = [dict(second, stage=3, advised=x, blocked=not x, likelihood=lk, doctor_first=x, amount_given=not x)
             for x in (True, False) for lk in ("low", "moderate", "high")]
    return [fact, second, *third]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_direct_path_fires_what_the_host_path_fires(a):
    for fact in _stage_facts(_ADV, a):
        direct = _ADV._runtime.fire(fact)
        assert direct == _HOST.fire(fact)
        assert direct == _by_holds(_ADV.base.rules, fact)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers())
def test_direct_path_gives_the_same_advice(a):
    for lang in ("nl", "en"):
        assert _ADV.advise(a, lang) == _OLD.advise(a, lang)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(answers(), max_size=4))
def test_advise_many_is_advise_in_turn(batch):
    assert list(_ADV.advise_many(iter(batch), "en")) == [_ADV.advise(x, "en") for x in batch]


def test_rules_split_over_rulesets_keep_priority_and_file_order():
    """A rule base packed into many small rulesets orders exactly as one ruleset would."""
    rules = _ADV.base.rules
    import engine.direct as direct
    old = direct.PATTERNS_PER_RULESET
    direct.PATTERNS_PER_RULESET = 3
    try:
        small = Runtime(rules)
    finally:
        direct.PATTERNS_PER_RULESET = old
    assert small.rulesets > 20
    fact = _ADV.fact({"age": 40, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none",
                      "complaints": ["muscle_cramps", "fatigue", "sleep_problems"], "medications": ["acid_inhibitors"]})
    assert small.fire(fact) == _ADV._runtime.fire(fact) == _HOST.fire(fact)


def test_conditions_that_always_or_never_hold_fire_alike_on_every_path():
    """`not: always` never holds, an `any` with `always` in it always does, an `all` with it is
    its other part: the engine's patterns, the Host path (`conditions.to_durable`) and `holds`
    agree (the mutation run of conditions.py, docs/mutation.md)."""
    import dataclasses

    shape = _ADV.base.rule("sleep-citrate")
    written = {"never": {"not": "always"}, "always-or-40": {"any": ["always", {"age": 40}]},
               "always-and-40": {"all": ["always", {"age": 40}]}, "always": "always"}
    rules = [dataclasses.replace(shape, id=rule_id, condition=conditions.parse(raw, _ADV.base.fields), order=i)
             for i, (rule_id, raw) in enumerate(written.items())]
    host = HostRuntime(rules)
    for age, fired in ((40, ["always-or-40", "always-and-40", "always"]), (41, ["always-or-40", "always"])):
        fact = {"stage": 1, "age": age}
        assert host.fire(fact) == Runtime(rules).fire(fact) == _by_holds(rules, fact) == fired
