"""From the fired rules to the advice (engine/resolve.py): the amount capped at the upper limit
(or kept up to twice it with the doctor, warned), one recommendation per form with every rule
behind it, nothing set aside without a note, the most severe warning of an id kept.

The shipped rules reach only some of these paths (no form is recommended and avoided at once,
no two rules share a timing), so the rules here are shipped ones with their conclusion changed,
as a rule folder of the practitioner's own (`magnesium rules init`) may write them.
"""
from __future__ import annotations

from dataclasses import replace

import pytest

from engine import resolve
from engine.answers import complete
from engine.errors import BadInput

LIMIT = (250, "EFSA")


def recommending(adv, mg, form: str = "citrate", basis: str = "elemental", consult: bool = False,
                 rule_id: str = "cramps-citrate", **changes):
    """A shipped recommending rule that recommends this instead (its id, source and priority kept)."""
    rule = adv.base.rule(rule_id)
    spec = {"form": form, "mg_per_day": mg, "amount_basis": basis, "consult_doctor": consult}
    return replace(rule, then={"recommend": spec}, **changes)


def advise(adv, rules, limit=LIMIT, doctor_first: bool = False):
    return resolve.recommendations(rules, adv.base, "en", limit, doctor_first)


def title(adv, rule_id: str) -> str:
    return f'"{adv.base.rule(rule_id).title["en"]}"'


# --- the cap at the upper limit -------------------------------------------------------------

@pytest.mark.parametrize("mg,consult,given,warned", [
    (250, False, 250, None),  # at the limit: nothing to say
    (251, False, 250, "amount_capped"),
    ([200, 300], False, [200, 250], "amount_capped"),  # a range keeps its low end
    (400, True, 400, "above_limit_doctor"),  # with the doctor: kept up to twice the limit, warned
    (500, True, 500, "above_limit_doctor"),
    (501, True, 500, "above_limit_doctor"),
    ([300, 600], True, [300, 500], "above_limit_doctor"),
])
def test_an_amount_above_the_limit_is_capped_or_warned(adv, mg, consult, given, warned):
    [rec], warnings = advise(adv, [recommending(adv, mg, consult=consult)])
    assert rec["mg_per_day"] == given and rec["amount_basis"] == "elemental"
    assert [w["id"] for w in warnings] == ([warned] if warned else [])
    for warning in warnings:
        assert warning["level"] == ("warning" if consult else "info")
        assert "EFSA" in warning["source"] and "250" in warning["text"]


def test_a_compound_amount_is_capped_as_elemental_in_whole_mg(adv):
    """Oxide is 60% magnesium: 301-500 mg of the salt is 180.6-300 mg elemental; capped, the
    advice gives whole mg of magnesium, rounded down."""
    [rec], warnings = advise(adv, [recommending(adv, [301, 500], form="oxide", basis="compound")])
    assert (rec["mg_per_day"], rec["amount_basis"]) == ([180, 250], "elemental")
    assert [w["id"] for w in warnings] == ["amount_capped"]
    [kept], warnings = advise(adv, [recommending(adv, [300, 400], form="oxide", basis="compound")])
    assert (kept["mg_per_day"], kept["amount_basis"], warnings) == ([300, 400], "compound", [])  # 240 mg: within


def test_no_limit_known_leaves_the_amount(adv):
    """Under one year no upper limit applies (the infant is blocked before any amount)."""
    [rec], warnings = advise(adv, [recommending(adv, 900)], limit=(None, None))
    assert (rec["mg_per_day"], warnings) == (900, [])


def test_doctor_first_gives_no_amount_and_no_note_about_amounts(adv):
    rules = [recommending(adv, 200, form="glycinate"), recommending(adv, 300, form="glycinate",
                                                                    rule_id="sleep-citrate")]
    [rec], warnings = advise(adv, rules, doctor_first=True)
    assert (rec["mg_per_day"], rec["consult_doctor"], warnings) == (None, True, [])


# --- one recommendation per form --------------------------------------------------------------

def test_a_weaker_rule_with_another_amount_leaves_a_note_naming_the_kept_rule(adv):
    """The strongest rule's amount is kept (priority, then file order), whatever the order the
    rules fired in; the note names the kept rule first even where a swap stands beside it."""
    weak = replace(adv.base.rule("restless-legs-glycinate"), priority=70)
    rules = [weak, adv.base.rule("citrate-to-glycinate"), adv.base.rule("cramps-citrate")]
    [rec], warnings = advise(adv, rules)
    assert rec["reasons"] == ["cramps-citrate", "citrate-to-glycinate", "restless-legs-glycinate"]
    assert (rec["duration_days"], rec["mg_per_day"]) == (None, [100, 250])
    [note] = warnings
    assert (note["id"], note["level"], note["source"]) == ("amount_merged", "info", weak.source["en"])
    kept, other = title(adv, "cramps-citrate"), title(adv, "restless-legs-glycinate")
    assert kept in note["text"] and other in note["text"]


def test_rules_of_one_priority_are_merged_in_file_order(adv):
    later, earlier = adv.base.rule("sleep-citrate"), adv.base.rule("cramps-citrate")
    assert (later.priority, earlier.priority) == (60, 60) and later.order > earlier.order
    [rec], _ = advise(adv, [later, earlier])
    assert rec["reasons"] == ["cramps-citrate", "sleep-citrate"]


def test_one_rule_asking_for_the_doctor_keeps_the_doctor_asked(adv):
    rules = [recommending(adv, 200, consult=True), recommending(adv, 200, rule_id="sleep-citrate")]
    [rec], _ = advise(adv, rules)
    assert rec["consult_doctor"] is True


def test_a_timing_is_said_once(adv):
    sleep = adv.base.rule("sleep-citrate")
    again = replace(adv.base.rule("fatigue-citrate"), then={"recommend": {**sleep.then["recommend"]}})
    [rec], _ = advise(adv, [sleep, again])
    assert rec["timing"] == sleep.then["recommend"]["timing"]["en"]


def test_roles_primary_then_alternatives_then_topical(adv):
    rules = [recommending(adv, None, form="chloride_spray", rule_id="sports-spray"),
             recommending(adv, 200, form="glycinate", rule_id="deficiency-glycinate"),
             recommending(adv, 200)]
    recs, _ = advise(adv, rules)
    assert [(r["form"], r["role"]) for r in recs] == [("glycinate", "primary"), ("citrate", "alternative"),
                                                      ("chloride_spray", "topical")]


# --- forms to avoid ---------------------------------------------------------------------------

def test_a_form_recommended_here_is_not_also_avoided_and_the_note_says_why(adv):
    fired = [adv.base.rule("avoid-forms"), recommending(adv, 200, form="oxide")]
    recs, _ = advise(adv, fired)
    avoided, notes = resolve.avoid(fired, recs, adv.base, "en")
    assert "oxide" not in avoided and avoided == [f for f in fired[0].then["avoid_forms"] if f != "oxide"]
    [note] = notes
    assert (note["id"], note["level"]) == ("avoid_exception", "info")
    assert title(adv, "cramps-citrate") in note["text"] and note["source"]
    assert resolve.avoid(fired[:1], [], adv.base, "en") == (fired[0].then["avoid_forms"], [])


# --- warnings ---------------------------------------------------------------------------------

def warning_rule(adv, rule_id: str, level: str, order: int):
    rule = adv.base.rule(rule_id)
    spec = {"id": "same", "level": level, "text": {"nl": f"tekst {rule_id}", "en": f"text {rule_id}"}}
    return replace(rule, then={"warning": spec}, order=order)


@pytest.mark.parametrize("levels,kept", [
    (("info", "critical"), 1), (("critical", "info"), 0),  # the most severe, whichever came first
    (("warning", "warning"), 0),  # the same level: the first
])
def test_one_warning_per_id_the_most_severe(adv, levels, kept):
    rules = [warning_rule(adv, rid, level, i) for i, (rid, level) in enumerate(zip(("sleep-citrate", "cramps-citrate"),
                                                                                   levels))]
    [found] = resolve.warnings(rules, "en", [])
    assert found == {"id": "same", "level": levels[kept], "text": f"text {rules[kept].id}",
                     "source": rules[kept].source["en"]}


def test_notes_join_the_warnings_after_a_rule_of_the_same_id_and_critical_first(adv):
    block = adv.base.rule("block-kidney-problems")
    extra = [{"id": "amount_capped", "level": "info", "text": "t", "source": "s"},
             {"id": "same", "level": "info", "text": "other", "source": "s"}]
    found = resolve.warnings([warning_rule(adv, "sleep-citrate", "warning", 0), block], "en", extra)
    assert [(w["id"], w["level"]) for w in found] == [(block.then["block"]["reason"], "critical"),
                                                      ("same", "warning"), ("amount_capped", "info")]
    assert found[0]["text"] == block.then["block"]["text"]["en"]


# --- the reference --------------------------------------------------------------------------

@pytest.mark.parametrize("ids,count,named", [((), 0, "-"), (("ref-31-up", "ref-14-18"), 2, "ref-31-up, ref-14-18")])
def test_exactly_one_reference_rule_must_fire(adv, ids, count, named):
    fired = [adv.base.rule("sleep-citrate"), *(adv.base.rule(i) for i in ids)]
    with pytest.raises(BadInput) as err:
        resolve.reference(fired, complete({"age": 40, "sex": "male", "kidney": "none"}), adv.base)
    [problem] = err.value.problems
    assert problem.code == "reference_count" and dict(problem.params)["count"] == count
    assert dict(problem.params)["rules"] == named and "age 40, sex male" in str(problem)

