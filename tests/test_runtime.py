"""The durable_rules runtime: sessions cleaned up, engine errors bad input, no timer threads."""
from __future__ import annotations

import threading

import pytest

from engine import conditions, runtime
from engine.rulebase import Rule


def _rule(rule_id: str, when, fields, priority: int = 100) -> Rule:
    node = conditions.parse(when, fields)
    return Rule(rule_id, {"nl": rule_id, "en": rule_id}, node, priority, "answers", {"nl": "test", "en": "test"}, {}, hash(rule_id) % 1000)


def test_more_than_1024_clients_in_one_process(adv):
    """durable_rules keeps 1024 live sessions at most: every session must be deleted."""
    fact = adv.fact({"age": 40, "sex": "female", "kidney": "none", "complaints": ["fatigue"]})
    first = adv._runtime.fire(fact)
    for _ in range(1100):
        assert adv._runtime.fire(fact) == first


def test_priority_orders_firing(adv):
    fields = adv.base.fields
    rt = runtime.Runtime([_rule("late", {"age": {"gte": 0}}, fields, 900), _rule("early", "always", fields, 0)])
    assert rt.fire(adv.fact({"age": 3, "sex": "male", "kidney": "none"})) == ["early", "late"]


def test_no_rule_matched_is_not_an_error(adv):
    rt = runtime.Runtime([_rule("old", {"age": {"gt": 100}}, adv.base.fields)])
    assert rt.fire(adv.fact({"age": 3, "sex": "male", "kidney": "none"})) == []


def test_an_engine_error_is_bad_input_and_never_reaches_delete_state(adv, monkeypatch):
    """An error code from the C engine: the state is left alone, the ruleset rebuilt, BadInput raised."""
    from engine import direct
    from engine.errors import BadInput

    rt = runtime.Runtime([_rule("any", "always", adv.base.fields)], where="rules-dir")
    fact = adv.fact({"age": 3, "sex": "male", "kidney": "none"})
    real_assert, deleted = direct._c.assert_fact, []

    def failing(handle, text):
        raise direct.EngineError("Could not assert fact, error code: 303")

    monkeypatch.setattr(direct._c, "assert_fact", failing)
    monkeypatch.setattr(direct._c, "delete_state", lambda *a: deleted.append(a))
    with pytest.raises(BadInput) as caught:
        rt.fire(fact)
    assert deleted == []
    line = caught.value.problems[0].render("en")
    assert line.startswith("rules-dir: rules: simplify or split these rules") and "303" in line and "any" in line
    assert "303" in caught.value.problems[0].render("nl")
    monkeypatch.setattr(direct._c, "assert_fact", real_assert)
    monkeypatch.undo()
    assert rt.fire(fact) == ["any"]  # the rebuilt ruleset works


def test_no_timer_threads_started(adv):
    before = threading.active_count()
    runtime.Runtime([_rule("t", "always", adv.base.fields)])
    assert threading.active_count() == before


def test_sessions_where_no_rule_matches_are_cleaned_up_safely():
    """Regression: durable_rules double-frees when deleting a session that nothing matched.

    Run in a child process so a crash shows as a failed test, not a dead test run.
    """
    import subprocess
    import sys

    script = (
        "from engine.advise import advisor\n"
        "from engine import conditions, runtime\n"
        "from engine.rulebase import Rule\n"
        "adv = advisor()\n"
        "node = conditions.parse({'age': {'gt': 100}}, adv.base.fields)\n"
        "rt = runtime.Runtime([Rule('old', {}, node, 100, 'answers', 't', {}, None, 1)])\n"
        "fact = adv.fact({'age': 3, 'sex': 'male', 'kidney': 'none'})\n"
        "assert all(rt.fire(fact) == [] for _ in range(1100))\n"
        "assert rt.fire(dict(fact, stage=2)) == []\n"
        "print('clean')\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "clean", result.stderr[-500:]


def test_a_condition_past_the_engine_limits_is_bad_input_naming_the_rule(adv, monkeypatch):
    from engine import direct
    from engine.errors import BadInput

    ids = list(adv.base.catalogue["complaints"])[:6]
    wide = {"all": [{"complaints": {"any_of": ids}}, {"age": list(range(60))}, {"age_in_months": list(range(60))}]}
    with pytest.raises(BadInput) as caught:
        runtime.Runtime([_rule("wide-or", wide, adv.base.fields)], where="dir")
    assert caught.value.problems[0].render("en") == (
        "dir: rule 'wide-or': simplify the condition (fewer any:, in: or any_of choices that must hold together); "
        "it becomes 21600 separate patterns, the rule engine takes at most 20000")
    monkeypatch.setattr(direct, "KEYS_PER_FACT", 3)
    with pytest.raises(BadInput) as caught:
        runtime.Runtime([_rule("many-keys", {"complaints": {"all_of": ids}}, adv.base.fields)], where="dir")
    assert caught.value.problems[0].render("nl") == (
        "dir: rule 'many-keys': test in één deel van de voorwaarde hoogstens 3 velden of waarden; nu 7")


def test_every_pattern_of_a_stage_is_in_a_ruleset_within_the_limits(adv):
    from engine import direct

    rt = adv._runtime
    for stage, rulesets in rt._rulesets.items():
        for ruleset in rulesets:
            assert len(ruleset.rule_of) <= direct.PATTERNS_PER_RULESET + 1  # + the sentinel
            assert len(ruleset.keys) <= direct.KEYS_PER_FACT
            assert direct.PATTERNS_PER_RULESET + 1 < direct.MEASURED_PENDING_MATCHES
            assert direct.KEYS_PER_FACT + 2 < direct.MEASURED_FACT_PROPERTIES
