"""The safety promises of design.md, checked on generated answers (hypothesis)."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.conditions import holds
from strategies import answers

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(answers())
def test_blocked_means_no_recommendation(adv, a):
    advice = adv.advise(a)
    assert advice["blocked"] == bool(advice["block_reasons"])
    if advice["blocked"]:
        assert advice["recommendations"] == []
        assert {w["id"] for w in advice["warnings"] if w["level"] == "critical"} >= set(advice["block_reasons"])


@SETTINGS
@given(answers())
def test_kidney_problems_or_unknown_always_block(adv, a):
    advice = adv.advise(a)
    if a["kidney"] != "none":
        assert advice["blocked"] and advice["recommendations"] == []
        assert ("kidney_problems" if a["kidney"] == "problems" else "kidney_unknown") in advice["block_reasons"]


@SETTINGS
@given(answers())
def test_no_elemental_amount_above_upper_limit_without_doctor(adv, a):
    advice = adv.advise(a)
    limit = advice["upper_limit_supplement_mg"]
    for rec in advice["recommendations"]:
        mg = rec["mg_per_day"]
        if mg is None or rec["amount_basis"] != "elemental" or rec["consult_doctor"]:
            continue
        assert limit is not None and (max(mg) if isinstance(mg, list) else mg) <= limit


@SETTINGS
@given(answers())
def test_infants_children_and_pregnancy(adv, a):
    advice = adv.advise(a)
    if a["age"] == 0:
        assert advice["blocked"] and "infant" in advice["block_reasons"]
    if 1 <= a["age"] <= 13:
        assert all(r["mg_per_day"] is None and r["consult_doctor"] for r in advice["recommendations"])
    if a["pregnant"]:
        assert all(r["consult_doctor"] for r in advice["recommendations"])


@SETTINGS
@given(answers())
def test_one_primary_and_one_recommendation_per_form(adv, a):
    advice = adv.advise(a)
    roles = [r["role"] for r in advice["recommendations"]]
    forms = [r["form"] for r in advice["recommendations"]]
    assert len(forms) == len(set(forms))
    if any(role in ("primary", "alternative") for role in roles):
        assert roles.count("primary") == 1 and roles[0] == "primary"
    assert not set(forms) & set(advice["avoid_forms"])


@SETTINGS
@given(answers())
def test_same_answers_same_advice(adv, a):
    assert adv.advise(a) == adv.advise(dict(a))


@settings(max_examples=30, deadline=None)
@given(st.lists(answers(), min_size=2, max_size=12))
def test_many_clients_in_one_process_do_not_see_each_other(adv, clients):
    alone = [adv.advise(a) for a in clients]
    interleaved = [adv.advise(a) for a in clients for _ in (0, 1)][::2]
    assert interleaved == alone


@SETTINGS
@given(answers())
def test_durable_rules_and_python_agree_on_every_condition(adv, a):
    """The same condition tree evaluated two ways: a check on the compiler to durable_rules."""
    fact = adv.fact(a)
    expected = [r.id for r in adv.base.rules if r.stage == "answers" and holds(r.condition, fact)]
    fired = adv._runtime.fire(fact)
    assert sorted(fired) == sorted(expected)


@SETTINGS
@given(answers())
def test_exactly_one_likelihood_rule_decides(adv, a):
    advice = adv.advise(a)
    deciding = [r for r in advice["fired_rules"] if r.startswith("likelihood-")]
    assert len(deciding) == 1
    rule = next(r for r in adv.base.rules if r.id == deciding[0])
    assert rule.then["likelihood"] == advice["deficiency_likelihood"]
