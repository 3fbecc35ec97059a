"""The flat fact the rules are matched on, and the elemental amount the upper limit is checked
against (engine/facts.py): each field on both sides of what decides it.

A field that a rule file may name (`fields`) must mean what its name says even where no shipped
rule uses it that way yet: a rule folder of the practitioner's own (`magnesium rules init`) can.
"""
from __future__ import annotations

import pytest

from engine.answers import complete
from engine.conditions import holds, parse
from engine.facts import current_elemental, elemental, flatten, implied_salt, list_layout, over_limit, safe_share

FORMS = {form: {"elemental_share": {"value": share}}
         for form, share in (("citrate", 0.16), ("oxide", 0.6), ("chelate", None), ("gluconate", 0.058))}


def fact(adv, **answers) -> dict:
    return adv.fact(complete({"age": 40, "sex": "female", "kidney": "none", **answers}))


@pytest.mark.parametrize("age,months,expected", [(0, 0, 0), (0, 6, 6), (0, 7, 7), (0, 11, 11), (1, None, 12),
                                                 (2, None, 24), (13, None, 156)])
def test_age_in_months_is_the_age_in_whole_months(adv, age, months, expected):
    """The infant's reference intake turns at 6/7 months (rules/reference.yaml); from one year the
    answers hold no months, so none are added."""
    answers = {"age": age} if months is None else {"age": age, "age_months": months}
    assert fact(adv, **answers)["age_in_months"] == expected


def test_a_partial_answer_has_no_age_fields(adv):
    """The intake asks in steps: before the age is answered, no rule on age can hold."""
    found = flatten({"sex": "female"}, adv.base.catalogue, adv.base.scores)
    assert "age" not in found and "age_in_months" not in found
    assert not holds(parse({"age_in_months": {"lte": 6}}, adv.base.fields), found)


@pytest.mark.parametrize("current,taking,amount", [
    (None, False, False),
    ({"form": "citrate"}, True, False),  # takes magnesium, amount not known
    ({"form": "citrate", "mg_per_day": 0}, True, True),  # an amount of 0 is an amount given
    ({"form": "unknown", "mg_per_day": 200}, True, True),
])
def test_takes_magnesium_and_amount_given(adv, current, taking, amount):
    """`current_amount_given` opens the intake's question whether the amount is elemental
    (questions.yaml), so it is true exactly when a number was given."""
    found = fact(adv, current_magnesium=current)
    assert (found["takes_magnesium"], found["current_amount_given"]) == (taking, amount)


@pytest.mark.parametrize("current", [None, {"form": "unknown"}, {"form": "orotate", "mg_per_day": 100}])
def test_every_current_form_the_fact_can_hold_may_be_named_in_a_rule(adv, current):
    """`none` (takes nothing) and `unknown` are values of `current_form` beside the forms: a rule
    that names them must load and hold for that client."""
    found = fact(adv, current_magnesium=current)
    assert holds(parse({"current_form": found["current_form"]}, adv.base.fields), found)
    assert found["current_form"] == (current["form"] if current else "none")


def test_list_answers_become_one_flag_per_id_with_or_without_the_layout(adv):
    """The intake and `explain` flatten without the advisor's precomputed layout or forms; the
    fact must hold the same flags and counts (and no implied salt, which needs the forms)."""
    answers = complete({"age": 40, "sex": "female", "kidney": "none", "complaints": ["fatigue", "migraine"],
                        "current_magnesium": {"form": "gluconate", "mg_per_day": 600}})
    plain = flatten(answers, adv.base.catalogue, adv.base.scores)
    laid = flatten(answers, adv.base.catalogue, adv.base.scores, list_layout(adv.base.catalogue))
    assert plain == laid
    assert plain["complaints__fatigue"] and plain["complaints__migraine"] and not plain["complaints__sleep_problems"]
    assert plain["complaints_count"] == 2 and plain["conditions_count"] == 0
    assert "current_implied_salt_mg" not in plain
    assert adv.fact(answers)["current_implied_salt_mg"] == pytest.approx(600 / 0.058, rel=0.01)


@pytest.mark.parametrize("current,salt", [
    ({"form": "gluconate", "mg_per_day": 58}, 1000),
    ({"form": "gluconate", "mg_per_day": 58, "amount_basis": "compound"}, None),  # the salt's weight already
    ({"form": "chelate", "mg_per_day": 58}, None),  # no fixed share
    ({"form": "unknown", "mg_per_day": 58}, None),
    ({"form": "gluconate"}, None),
])
def test_implied_salt(current, salt):
    found = implied_salt({"current_magnesium": current}, FORMS)
    assert found == (None if salt is None else pytest.approx(salt))


@pytest.mark.parametrize("mg,basis,form,expected", [
    (300, "elemental", "citrate", 300),
    (300, "compound", "citrate", 48),
    (300, "compound", "chelate", 180),  # no fixed share: the largest (oxide's), the safe side for a limit
    (300, "compound", "unknown", 180),
])
def test_elemental(mg, basis, form, expected):
    assert elemental(mg, basis, form, FORMS) == pytest.approx(expected)


def test_where_no_form_has_a_share_a_salt_counts_whole():
    """A rule folder whose forms all lack a share: the salt's whole weight is the most it can
    hold, never nothing (an amount counted as 0 mg would pass every limit)."""
    none_known = {"chelate": {"elemental_share": {"value": None}}}
    assert safe_share(none_known) == 1.0
    assert elemental(300, "compound", "chelate", none_known) == 300
    assert safe_share(FORMS) == 0.6


@pytest.mark.parametrize("current,upper,over", [
    ({"form": "citrate", "mg_per_day": 250}, 250, False),  # at the limit
    ({"form": "citrate", "mg_per_day": 251}, 250, True),
    ({"form": "chelate", "mg_per_day": 416, "amount_basis": "compound"}, 250, False),  # 249.6 mg
    ({"form": "chelate", "mg_per_day": 417, "amount_basis": "compound"}, 250, True),  # 250.2 mg
    ({"form": "citrate", "mg_per_day": 900}, None, False),  # under one year: no limit to be over
    ({"form": "citrate"}, 250, False),  # no amount given
    (None, 250, False),
])
def test_over_limit(current, upper, over):
    assert over_limit({"current_magnesium": current}, FORMS, upper) is over
    assert (current_elemental({"current_magnesium": current}, FORMS) is None) == (current is None or
                                                                                 "mg_per_day" not in current)
