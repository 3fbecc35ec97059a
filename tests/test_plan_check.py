"""Each promise of a plan (engine/plan_check.py), handed a plan that breaks it and one just inside.

Boundaries on both sides: the limit exactly and one above, twice the limit exactly and one above,
with and without the doctor's agreement, one item and the day's total of what is swallowed.
"""
from __future__ import annotations

import pytest

from engine.plan_check import REASONS, Finding, accepted, changes, findings, needs_doctor, units_per_day
from engine.promises import PROMISES

FORMS = {"citrate": {"kind": "oral"}, "glycinate": {"kind": "oral"}, "oxide": {"kind": "oral"},
         "chloride_spray": {"kind": "topical"}, "chloride_flakes": {"kind": "topical"}}


def item(form: str = "citrate", mg=None, **more) -> dict:
    return {"form": form, "mg_per_day": mg, "timing": None, "duration_days": None, "product_mg_per_unit": None,
            "unit": None, "change_reason": "other", "change_note": "x", **more}


def plan(*items: dict, agreed: bool = False, answer: dict | None = None) -> dict:
    """A plan; `agreed`: the doctor's answer agrees to the first item's form at any amount (the
    ceiling still holds), `answer`: this answer of the doctor."""
    if agreed:
        answer = {"doctor": "dr. Bos", "date": "2026-12-01", "outcome": "agreed", "form": items[0]["form"],
                  "mg_per_day": 10 ** 6}
    return {"items": list(items), "dropped": [], "doctor_answer": answer, "note": None}


def answer(outcome: str = "agreed", form: str = "citrate", mg: float | None = 200) -> dict:
    return {"doctor": "dr. Bos", "date": "2026-12-01", "outcome": outcome, "form": form, "mg_per_day": mg}


def advice(upper=250, blocked=False, doctor_first=False, avoid=(), recs=None) -> dict:
    recs = [{"form": "citrate", "role": "primary", "mg_per_day": [100, 250], "timing": None, "duration_days": None,
             "consult_doctor": False}] if recs is None else recs
    return {"blocked": blocked, "doctor_first": doctor_first, "upper_limit_supplement_mg": upper,
            "recommendations": [] if blocked else recs, "avoid_forms": list(avoid)}


def codes(p: dict, a: dict) -> list[str]:
    return [f.code for f in findings(p, a, FORMS)]


CONSULT = [{"form": "citrate", "role": "primary", "mg_per_day": [100, 250], "consult_doctor": True},
           {"form": "glycinate", "role": "alternative", "mg_per_day": [100, 250], "consult_doctor": False}]

# (promise, plan and advice that break it, plan and advice just inside): exact lists of codes.
CASES = [
    ("plan_blocked", (plan(item(mg=100)), advice(blocked=True)), (plan(), advice(blocked=True))),
    ("plan_above_limit", (plan(item(mg=251)), advice()), (plan(item(mg=250)), advice())),
    ("plan_above_limit", (plan(item(mg=1)), advice(upper=None)), (plan(item()), advice(upper=None))),
    ("plan_above_ceiling", (plan(item(mg=501), agreed=True), advice()), (plan(item(mg=500), agreed=True), advice())),
    ("plan_total_above_limit", (plan(item(mg=150), item("glycinate", mg=101)), advice()),
     (plan(item(mg=150), item("glycinate", mg=100)), advice())),
    ("plan_total_above_ceiling", (plan(item(mg=250), item(mg=251), agreed=True), advice()),
     (plan(item(mg=250), item(mg=250), agreed=True), advice())),
    ("plan_doctor_first", (plan(item(mg=100)), advice(doctor_first=True)), (plan(item(mg=100), agreed=True), advice(doctor_first=True))),
    ("plan_doctor_first", (plan(item(mg=100)), advice(recs=CONSULT)), (plan(item("glycinate", mg=100)), advice(recs=CONSULT))),
    ("plan_doctor_first", (plan(item("oxide", mg=100)), advice(recs=CONSULT)), (plan(item(mg=None)), advice(doctor_first=True))),
    ("plan_form_avoided", (plan(item("oxide", mg=100)), advice(avoid=("oxide",))),
     (plan(item("oxide", mg=100), agreed=True), advice(avoid=("oxide",)))),
    ("plan_above_agreed", (plan(item(mg=201), answer=answer()), advice(doctor_first=True)),
     (plan(item(mg=200), answer=answer()), advice(doctor_first=True))),
    ("plan_doctor_not_advised", (plan(item(mg=100), answer=answer("not_advised", None, None)), advice(doctor_first=True)),
     (plan(answer=answer("not_advised", None, None)), advice(doctor_first=True))),
    ("plan_one_oral", (plan(item(mg=100), item("glycinate")), advice()), (plan(item(mg=100), item("chloride_spray")), advice())),
    ("plan_form_twice", (plan(item(mg=100), item()), advice()), (plan(item(mg=100)), advice())),
    ("plan_form_twice", (plan(item("chloride_spray"), item("chloride_spray")), advice()),
     (plan(item("chloride_spray"), item("chloride_flakes")), advice())),
    ("plan_topical_amount", (plan(item("chloride_spray", mg=100)), advice()), (plan(item("chloride_spray")), advice())),
    ("plan_topical_amount", (plan(item("chloride_flakes", mg=1), agreed=True), advice()),
     (plan(item("chloride_flakes"), agreed=True), advice())),
    ("plan_form_unknown", (plan(item("citraat", mg=100)), advice()), (plan(item("citrate", mg=100)), advice())),
    ("plan_reason_needed", (plan(item(mg=200, duration_days=30, change_reason=None)), advice()),
     (plan(item(mg=200, change_reason=None)), advice())),
    ("plan_units_zero", (plan(item(mg=100, product_mg_per_unit=101, unit="tablet")), advice()),
     (plan(item(mg=100, product_mg_per_unit=100, unit="tablet")), advice())),
]


@pytest.mark.parametrize("code, wrong, right", CASES, ids=[c[0] for c in CASES])
def test_a_wrong_plan_breaks_its_promise_and_one_just_inside_keeps_it(code, wrong, right):
    assert code in codes(*wrong)
    assert code not in codes(*right)


def test_every_plan_promise_has_a_case_and_every_finding_is_a_promise():
    plan_ids = {p.id for p in PROMISES.values() if p.scope == "plan"}
    assert {c[0] for c in CASES} == plan_ids
    found = {code for _, wrong, right in CASES for case in (wrong, right) for code in codes(*case)}
    assert found <= plan_ids


@pytest.mark.parametrize("given, expected", [
    # one item: its own line says it, the total adds nothing
    (plan(item(mg=251)), ["plan_above_limit"]),
    (plan(item(mg=501), agreed=True), ["plan_above_ceiling"]),
    (plan(item(mg=501)), ["plan_above_limit"]),  # without the doctor the limit is what it is held to
    # three items of 250 a day: a spray and a bath carry no mg, one form to swallow
    (plan(item(mg=250), item("chloride_spray", mg=250), item("chloride_flakes", mg=250)),
     ["plan_topical_amount", "plan_topical_amount"]),
    (plan(item(mg=500), item("chloride_spray", mg=500), item("chloride_flakes", mg=500), agreed=True),
     ["plan_topical_amount", "plan_topical_amount"]),
    # one form twice: named once, and the day's total of what is swallowed counts both
    (plan(item(mg=200), item(mg=200)), ["plan_form_twice", "plan_total_above_limit"]),
    (plan(item(mg=200), item("glycinate", mg=50)), ["plan_one_oral"]),
    (plan(item(mg=300), item(mg=300), agreed=True), ["plan_form_twice", "plan_total_above_ceiling"]),
    (plan(item(mg=300), item("glycinate", mg=300), agreed=True), ["plan_one_oral", "plan_above_limit", "plan_total_above_limit"]),
    (plan(item(mg=250), item("chloride_spray")), []),
])
def test_the_days_total_of_what_is_swallowed(given, expected):
    assert codes(given, advice()) == expected


def test_the_new_findings_name_their_place_and_values():
    found = findings(plan(item(mg=200), item("chloride_spray", mg=100), item(mg=100)), advice(), FORMS)
    assert found == [
        Finding(("items", 1, "mg_per_day"), "mg_per_day", "plan_topical_amount", {"got": 100}),
        Finding(("items", 2, "form"), "form", "plan_form_twice", {"got": "citrate"}),
        Finding(("items",), "items", "plan_total_above_limit", {"limit": 250, "got": 300}),
    ]
    assert findings(plan(item(mg=300), item(mg=201), agreed=True), advice(), FORMS)[-1] == \
        Finding(("items",), "items", "plan_total_above_ceiling", {"ceiling": 500, "limit": 250, "got": 501})
    assert findings(plan(item(mg=300)), advice(upper=None), FORMS) == [
        Finding(("items", 0, "mg_per_day"), "mg_per_day", "plan_above_limit", {"limit": 0, "got": 300})]


def test_no_limit_means_no_amount_without_the_doctor():
    assert codes(plan(item(mg=1)), advice(upper=None)) == ["plan_above_limit"]
    assert codes(plan(item(mg=2000), agreed=True), advice(upper=None)) == []  # the doctor decides (an infant is blocked)


def test_a_form_the_advice_does_not_name_waits_when_any_form_waits_for_the_doctor():
    assert needs_doctor(advice(recs=CONSULT), "oxide") and not needs_doctor(advice(), "oxide")
    assert needs_doctor(advice(doctor_first=True)) and needs_doctor(advice(recs=CONSULT)) and not needs_doctor(advice())


@pytest.mark.parametrize("code, params", [
    ("plan_total_above_limit", {"limit": 250, "got": 300}),
    ("plan_total_above_ceiling", {"ceiling": 500, "limit": 250, "got": 501}),
    ("plan_form_twice", {"got": "citrate"}),
    ("plan_topical_amount", {"got": 100}),
])
def test_the_new_findings_have_words_in_both_languages(code, params):
    from engine.messages import text

    assert all(text(code, lang, **params) for lang in ("nl", "en"))
    assert "{" not in text(code, "nl", **params) + text(code, "en", **params)


def test_every_finding_names_its_place_and_what_its_words_need():
    got = findings(plan(item("citraat", mg=100), item("oxide", mg=600, product_mg_per_unit=700, unit="tablet",
                                                      change_reason=None)), advice(avoid=("oxide",)), FORMS)
    assert got == [
        Finding(("items", 0, "form"), "form", "plan_form_unknown", {"allowed": ", ".join(FORMS), "got": "citraat"}),
        Finding(("items", 1, "form"), "form", "plan_form_avoided", {"got": "oxide"}),
        Finding(("items", 1, "mg_per_day"), "mg_per_day", "plan_above_limit", {"limit": 250, "got": 600}),
        Finding(("items", 1, "product_mg_per_unit"), "product_mg_per_unit", "plan_units_zero", {"per_unit": 700, "mg": 600}),
        Finding(("items", 1), "change_reason", "plan_reason_needed", {"what": "form", "allowed": ", ".join(REASONS)}),
    ]
    assert findings(plan(item(mg=501), agreed=True), advice(), FORMS) == [
        Finding(("items", 0, "mg_per_day"), "mg_per_day", "plan_above_ceiling", {"ceiling": 500, "limit": 250, "got": 501})]
    with pytest.raises(AttributeError):
        got[0].code = "x"


def test_units_a_day_are_whole_and_rounded_down_as_written():
    assert [units_per_day({"mg_per_day": mg, "product_mg_per_unit": unit}) for mg, unit in
            ((300, 100), (299, 100), (0.3, 0.1), (250, 2.5), (100, 101))] == [3, 2, 3, 100, 0]
    assert units_per_day({"mg_per_day": None, "product_mg_per_unit": 100}) is None
    assert units_per_day({"mg_per_day": 100, "product_mg_per_unit": None}) is None
    assert units_per_day({"mg_per_day": None, "product_mg_per_unit": None}) is None


def test_what_differs_from_the_advice():
    a = advice(recs=[{"form": "citrate", "mg_per_day": [100, 250], "timing": "avond", "duration_days": 60},
                     {"form": "glycinate", "mg_per_day": 200, "timing": None, "duration_days": None}])
    assert changes(item(mg=100), a) == changes(item(mg=250), a) == changes(item(mg=250, timing="avond"), a) == []
    assert changes(item(mg=99), a) == changes(item(mg=251), a) == changes(item(), a) == ["mg_per_day"]
    assert changes(item("glycinate", mg=200), a) == [] and changes(item("glycinate", mg=201), a) == ["mg_per_day"]
    assert changes(item(mg=200, timing="ochtend", duration_days=30), a) == ["timing", "duration_days"]
    assert changes(item("oxide", mg=200), a) == ["form"]


def test_a_plan_is_accepted_exactly_when_it_has_no_finding():
    assert accepted(plan(item(mg=200)), advice(), FORMS)
    assert not accepted(plan(item(mg=251)), advice(), FORMS)
