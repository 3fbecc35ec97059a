"""The condition language: parsing, negation, compiling to durable_rules, evaluating in Python."""
from __future__ import annotations

import pytest

from engine.conditions import All, Any_, Cmp, ConditionError, Has, holds, negate, parse, to_durable


def test_shorthand_forms(adv):
    f = adv.base.fields
    assert parse({"age": 42}, f) == Cmp("age", "eq", 42)
    assert parse({"sex": ["female", "other"]}, f) == Any_((Cmp("sex", "eq", "female"), Cmp("sex", "eq", "other")))
    assert parse({"complaints": "fatigue"}, f) == Has("complaints", "fatigue")
    assert parse({"age": {"between": [1, 3]}}, f) == All((Cmp("age", "gte", 1), Cmp("age", "lte", 3)))
    assert parse({"conditions": {"none_of": ["diabetes"]}}, f) == All((Has("conditions", "diabetes", False),))
    assert parse("always", f) == All(())


def test_not_is_pushed_to_the_leaves(adv):
    node = parse({"not": {"any": [{"age": {"lt": 18}}, {"complaints": "fatigue"}]}}, adv.base.fields)
    assert node == All((Cmp("age", "gte", 18), Has("complaints", "fatigue", False)))
    assert negate(negate(node)) == node


def test_compiled_for_durable_rules(adv):
    node = parse({"kidney": "none", "age": {"gt": 65}, "complaints": "mobility"}, adv.base.fields)
    assert to_durable(node) == {"$and": [{"kidney": "none"}, {"$gt": {"age": 65}}, {"complaints__mobility": True}]}
    assert to_durable(parse("always", adv.base.fields)) is None


def test_holds_on_a_flat_fact(adv):
    fact = adv.fact({"age": 70, "sex": "female", "kidney": "none", "complaints": ["mobility"]})
    assert holds(parse({"complaints": "mobility", "age": {"gt": 65}, "sex": "female"}, adv.base.fields), fact)
    assert not holds(parse({"complaints": "fatigue"}, adv.base.fields), fact)
    assert not holds(parse({"age": {"gt": 1}}, adv.base.fields), {"stage": 1})  # unanswered: false


@pytest.mark.parametrize("raw,code", [
    ({}, "cond_shape"),
    ("sometimes", "cond_shape"),
    ({"all": []}, "cond_list"),
    ({"age": {"between": [1]}}, "cond_list"),
    ({"sex": {"gt": "female"}}, "cond_op"),
    ({"complaints": {"some_of": ["fatigue"]}}, "cond_op"),
    ({"kidney": "bad"}, "cond_value"),
    ({"pregnant": "yes"}, "cond_value"),
    ({"likelihood": "high"}, "cond_field"),
])
def test_mistakes_are_named(adv, raw, code):
    with pytest.raises(ConditionError) as err:
        parse(raw, adv.base.fields)
    assert err.value.code == code


def test_outcome_fields_only_in_outcome_stage(adv):
    assert parse({"likelihood": "high"}, adv.base.fields, "outcome") == Cmp("likelihood", "eq", "high")
