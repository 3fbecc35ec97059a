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


# --- every operator, both sides of each boundary (the mutation run's findings, docs/mutation.md) --

@pytest.mark.parametrize("raw,expected", [
    ({"age": {"ne": 40}}, Cmp("age", "ne", 40)),
    ({"age": {"in": [1, 2, 3]}}, Any_((Cmp("age", "eq", 1), Cmp("age", "eq", 2), Cmp("age", "eq", 3)))),
    ({"age": {"not_in": [1, 2]}}, All((Cmp("age", "ne", 1), Cmp("age", "ne", 2)))),
    ({"sex": {"not_in": ["male"]}}, All((Cmp("sex", "ne", "male"),))),
    ({"sex": {"ne": "male"}}, Cmp("sex", "ne", "male")),
    ({"complaints": ["fatigue", "migraine"]}, Any_((Has("complaints", "fatigue"), Has("complaints", "migraine")))),
    ({"complaints": {"all_of": ["fatigue", "migraine"]}},
     All((Has("complaints", "fatigue"), Has("complaints", "migraine")))),
    ({"age": {"gte": 18, "lt": 70}}, All((Cmp("age", "gte", 18), Cmp("age", "lt", 70)))),
])
def test_every_operator_parses(adv, raw, expected):
    assert parse(raw, adv.base.fields) == expected


@pytest.mark.parametrize("raw,code,path", [
    ({"complaints": 5}, "cond_op", ("complaints",)),
    ({"complaints": {"any_of": ["fatigue"], "none_of": ["migraine"]}}, "cond_op", ("complaints",)),  # one op only
    ({"complaints": {"any_of": []}}, "cond_list", ("complaints", "any_of")),
    ({"complaints": {"any_of": "fatigue"}}, "cond_list", ("complaints", "any_of")),
    ({"age": {"in": 5}}, "cond_list", ("age", "in")),
    ({"age": {"in": []}}, "cond_list", ("age", "in")),
    ({"age": []}, "cond_list", ("age",)),
    ({"age": {"between": [1, 2, 3]}}, "cond_list", ("age", "between")),
    ({"all": {"age": 40}}, "cond_list", ("all",)),
    ({"any": "always"}, "cond_list", ("any",)),
    ({"age": True}, "cond_value", ("age",)),
    ({"age": "40"}, "cond_value", ("age",)),
    ({"age": 40.5}, "cond_value", ("age",)),
    ({"pregnant": 1}, "cond_value", ("pregnant",)),
    ({"sex": {"lt": "male"}}, "cond_op", ("sex", "lt")),
])
def test_each_mistake_names_its_place(adv, raw, code, path):
    with pytest.raises(ConditionError) as err:
        parse(raw, adv.base.fields)
    assert (err.value.code, err.value.path) == (code, path)


@pytest.mark.parametrize("raw,allowed", [({"age": "40"}, "a whole number"), ({"pregnant": "yes"}, "true or false"),
                                         ({"kidney": "bad"}, "none, problems, unknown")])
def test_a_wrong_value_says_what_is_allowed(adv, raw, allowed):
    with pytest.raises(ConditionError) as err:
        parse(raw, adv.base.fields)
    assert err.value.params["allowed"] == allowed


def test_an_unknown_field_lists_the_fields_of_its_stage_and_earlier(adv):
    for stage, listed, unlisted in (("answers", "age", "current_over_limit"), ("limits", "current_over_limit", "blocked"),
                                    ("outcome", "likelihood", None)):
        with pytest.raises(ConditionError) as err:
            parse({"agee": 40}, adv.base.fields, stage)
        allowed = err.value.params["allowed"].split(", ")
        assert listed in allowed and "age" in allowed and unlisted not in allowed


@pytest.mark.parametrize("op,opposite", [("eq", "ne"), ("ne", "eq"), ("lt", "gte"), ("gte", "lt"), ("gt", "lte"),
                                         ("lte", "gt")])
def test_each_comparison_negates_to_its_opposite(op, opposite):
    assert negate(Cmp("age", op, 40)) == Cmp("age", opposite, 40)


@pytest.mark.parametrize("op,holds_at", [("eq", {40}), ("ne", {39, 41}), ("lt", {39}), ("lte", {39, 40}),
                                         ("gt", {41}), ("gte", {40, 41})])
def test_each_comparison_holds_on_its_side_of_the_boundary(op, holds_at):
    assert {age for age in (39, 40, 41) if holds(Cmp("age", op, 40), {"age": age})} == holds_at


def test_an_unanswered_list_holds_no_id():
    """A list answer not yet given holds no id: `complaints: fatigue` is false, its negation true."""
    assert not holds(Has("complaints", "fatigue"), {"stage": 1})
    assert holds(Has("complaints", "fatigue", False), {"stage": 1})


@pytest.mark.parametrize("node,expected", [
    (Cmp("age", "ne", 40), {"$neq": {"age": 40}}),
    (Cmp("age", "lt", 40), {"$lt": {"age": 40}}),
    (Cmp("age", "lte", 40), {"$lte": {"age": 40}}),
    (Cmp("age", "gte", 40), {"$gte": {"age": 40}}),
    (All((Has("complaints", "fatigue"),)), {"complaints__fatigue": True}),
    (Any_((Has("complaints", "fatigue"), Cmp("age", "eq", 3))), {"$or": [{"complaints__fatigue": True}, {"age": 3}]}),
    (All((Cmp("age", "eq", 3), Has("complaints", "fatigue", False))),
     {"$and": [{"age": 3}, {"complaints__fatigue": False}]}),
    (All((All(()), Cmp("age", "eq", 3))), {"age": 3}),  # always and x: x
    (Any_((All(()), Cmp("age", "eq", 3))), None),  # always or x: always (`not: always`, never: test_engine_paths)
])
def test_compiled_for_durable_rules_for_every_operator(node, expected):
    assert to_durable(node) == expected


def test_compiled_conditions_and_fields_are_values(adv):
    """Rules share compiled conditions (and the parse cache keeps them): none can be changed."""
    import dataclasses

    node = parse({"any": [{"age": {"lt": 18}}, {"complaints": {"all_of": ["fatigue", "migraine"]}}]}, adv.base.fields)
    for value in (node, *node.items, adv.base.fields["age"]):
        assert hash(value) == hash(dataclasses.replace(value))
        with pytest.raises(dataclasses.FrozenInstanceError):
            value.items = ()  # type: ignore[misc]
