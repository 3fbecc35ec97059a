"""The logic behind `magnesium plan N`'s questions, without a terminal: the defaults an earlier
plan gives, the item an accepted recommendation becomes, when a reason or the doctor's consent
is needed, the plan's shape (the same as a plan file's) and its words."""
from __future__ import annotations

import re

import pytest

from engine.plan_check import REASONS, changes, findings
from engine.yamlsource import Document
from questionnaire.plan import describe, draft
from questionnaire.plan.plan_file import normal, shape_problems
from questionnaire.common.texts import PLAN_WORDS
from questionnaire.plan.plan_texts import PLAN_TEXTS
from test_rule_texts import YOU, _english

CITRATE = {"form": "citrate", "role": "primary", "mg_per_day": [100, 250], "timing": "'s avonds", "duration_days": 60,
           "consult_doctor": False, "evidence": {"level": "low", "source": "onderzoek"}}
GLYCINATE = {**CITRATE, "form": "glycinate", "role": "alternative", "mg_per_day": 200}
OIL = {**CITRATE, "form": "chloride_spray", "role": "topical", "mg_per_day": None, "timing": None}
AGREED = {"doctor": "dr. K. Bakker", "date": "2026-12-10", "outcome": "agreed", "form": "citrate", "mg_per_day": 300,
          "until": "2027-03-10"}
ADVICE = {"blocked": False, "block_reasons": [], "doctor_first": False, "doctor_first_reasons": [],
          "upper_limit_supplement_mg": 250, "upper_limit_source": "EFSA",
          "recommendations": [OIL, GLYCINATE, CITRATE]}


def test_without_an_earlier_plan_every_recommendation_starts_at_accept_as_advised():
    begin = draft.start(CITRATE, ADVICE, None)
    assert begin.action == draft.ACCEPT and begin.reason is None
    assert begin.item == draft.item("citrate", mg_per_day=100, timing="'s avonds", duration_days=60)
    assert changes(begin.item, ADVICE) == []  # the range's low end is the advice


@pytest.mark.parametrize("before, action", [
    ({"mg_per_day": 200}, draft.ACCEPT),  # within the range: as advised
    ({"mg_per_day": 300, "change_reason": "doctor_advice"}, draft.CHANGE),
    ({"mg_per_day": 200, "timing": "'s ochtends", "change_reason": "client_preference"}, draft.CHANGE),
])
def test_an_earlier_plan_gives_the_defaults(before, action):
    latest = {"items": [draft.item("citrate", **{"timing": "'s avonds", **before, "product_mg_per_unit": 100,
                                                  "unit": "tablet"})], "dropped": []}
    begin = draft.start(CITRATE, ADVICE, latest)
    assert begin.action == action and begin.item == latest["items"][0]
    assert draft.advised_amount(CITRATE, begin.item["mg_per_day"]) == (200 if before["mg_per_day"] == 200 else 100)


def test_a_form_the_earlier_plan_left_out_starts_at_drop_with_its_reason():
    latest = {"items": [draft.item("glycinate", mg_per_day=200)],
              "dropped": [draft.dropped("citrate", "other", "smaakt vies")]}
    assert draft.start(CITRATE, ADVICE, latest) == draft.Start(draft.DROP, draft.advised_item(CITRATE), "other",
                                                               "smaakt vies")
    assert draft.start(OIL, ADVICE, latest).reason is None  # left out without a reason (a plan file may)
    assert draft.start(OIL, ADVICE, latest).action == draft.DROP
    old = {"items": [draft.item("malate", mg_per_day=100, change_reason="client_preference")]}
    assert draft.left_behind(old, ADVICE) == ["malate"] and draft.left_behind(None, ADVICE) == []


def test_another_form_is_an_oral_one_the_advice_neither_names_nor_avoids(adv):
    others = draft.other_forms({**ADVICE, "avoid_forms": ["oxide"]}, adv.base.forms)
    assert "malate" in others and not {"citrate", "glycinate", "oxide", "chloride_spray"} & set(others)
    latest = {"items": [draft.item("malate", mg_per_day=150, change_reason="client_preference")]}
    assert draft.earlier_item(latest, others)["mg_per_day"] == 150 and draft.earlier_item(None, others) is None


def test_the_primary_is_asked_first_then_the_alternatives_then_the_topical_ones():
    assert [r["form"] for r in draft.in_order(ADVICE)] == ["citrate", "glycinate", "chloride_spray"]


@pytest.mark.parametrize("advice, mg, needed", [
    (ADVICE, None, False), (ADVICE, 250, False), (ADVICE, 251, True),
    ({**ADVICE, "upper_limit_supplement_mg": None}, 50, True),
    ({**ADVICE, "doctor_first": True}, 50, True),
    ({**ADVICE, "recommendations": [{**CITRATE, "consult_doctor": True}]}, 50, True),
    ({**ADVICE, "recommendations": [CITRATE, {**CITRATE, "form": "oxide", "consult_doctor": True}]}, 50, False),
])
def test_the_doctors_consent_is_needed_above_the_limit_or_where_a_doctor_looks_first(advice, mg, needed):
    """Per form: another form's "consult the doctor" (oxide for restless legs) does not hold up
    citrate; a form the advice lacks waits whenever any recommendation does (pregnancy)."""
    assert draft.needs_consent(advice, "citrate", mg) is needed
    assert draft.needs_consent({**advice, "recommendations": [{**CITRATE, "consult_doctor": True}]}, "malate", 50)


def test_the_consent_question_says_why(adv):
    from questionnaire.plan.ask_doctor import _why
    from questionnaire.plan.asking import Asking

    assert _why(Asking(1, ADVICE, adv.base, "nl", None), "citrate", 300) == [
        "Dat is meer dan de bovengrens van 250 mg per dag."]
    doctor = {**ADVICE, "doctor_first": True, "upper_limit_supplement_mg": None}
    assert _why(Asking(1, doctor, adv.base, "en", None), "citrate", 50) == [
        "The advice says: doctor first.",
        "No upper limit for supplements: any amount only when the doctor has agreed."]


def test_a_change_needs_a_reason_and_a_note_goes_only_with_other():
    changed = {**draft.advised_item(CITRATE), "timing": "'s ochtends"}
    assert changes(changed, ADVICE) == ["timing"]
    plan = draft.plan([changed], [], None, None)
    assert [f.code for f in findings(plan, ADVICE, {"citrate": {"kind": "oral"}})] == ["plan_reason_needed"]
    given = draft.with_reason(changed, "client_preference", "vergeten")
    assert (given["change_reason"], given["change_note"]) == ("client_preference", None)
    assert findings(draft.plan([given], [], None, None), ADVICE, {"citrate": {"kind": "oral"}}) == []
    assert draft.dropped("glycinate", "other", "duur")["change_note"] == "duur"


def test_the_plan_has_the_shape_of_a_plan_file():
    item = {**draft.advised_item(CITRATE, 200), "product_mg_per_unit": 100, "unit": "capsule"}
    plan = draft.plan([item], [draft.dropped("chloride_spray", "side_effects", None)], AGREED, "", "bij het eten")
    assert shape_problems(Document("<plan>", plan)) == [] and normal(plan) == plan
    assert plan["note"] is None and plan["doctor_agreed"] is True and plan["client_note"] == "bij het eten"


def test_the_review_says_the_whole_plan_in_words(adv):
    item = draft.with_reason({**draft.advised_item(CITRATE), "mg_per_day": 300, "product_mg_per_unit": 125,
                              "unit": "capsule"}, "doctor_advice", None)
    plan = draft.plan([item], [draft.dropped("chloride_spray", "other", "geen tijd")], AGREED, "bellen", "eet erbij")
    assert describe.review(plan, 3, ADVICE, adv.base, "nl") == [
        "Het plan (versie 3):",
        "- Magnesiumcitraat: 300 mg magnesium per dag; 2 × capsule van 125 mg = 250 mg per dag; 's avonds; 60 dagen; "
        "anders dan het advies (hoeveelheid): Advies van de arts",
        "- Weggelaten: Magnesiumchloridespray (magnesiumolie) (Een andere reden: geen tijd)",
        "Antwoord van de arts: dr. K. Bakker, 10-12-2026: Magnesiumcitraat, hoogstens 300 mg magnesium per dag, "
        "tot 10-03-2027.",
        "Notitie: bellen", "Notitie voor de cliënt: eet erbij"]
    not_advised = {**AGREED, "outcome": "not_advised", "form": None, "mg_per_day": None, "until": None}
    assert describe.review(draft.plan([], [], not_advised, None), 1, ADVICE, adv.base, "en") == [
        "The plan (version 1):", "- No supplement.",
        "The doctor's answer: dr. K. Bakker, 2026-12-10: advises against a supplement."]


def test_the_headline_and_a_recommendation_in_words(adv):
    blocked = {**ADVICE, "blocked": True, "block_reasons": ["kidney_problems"], "doctor_first": True,
               "doctor_first_reasons": ["palpitations"], "upper_limit_supplement_mg": None}
    assert describe.headline(7, None, "2026-03-01T10:00:00+01:00", blocked, adv.base, "nl") == [
        "Plan voor intake 7: zonder naam, 01-03-2026", "Geblokkeerd: Nierproblemen.",
        "Eerst naar de arts: Hartkloppingen.",
        "Geen bovengrens voor supplementen: elke hoeveelheid alleen als de arts heeft ingestemd."]
    assert describe.advised_amount({**CITRATE, "mg_per_day": None}, "nl") == "de arts beslist"
    assert describe.recommendation({**OIL, "consult_doctor": True}, adv.base, "en") == [
        "On the skin: Magnesium chloride spray (magnesium oil)", "Advice: no amount", "When: not given",
        "How long: 60 days",
        "Evidence: low (onderzoek)", "Consult the doctor first."]


def test_a_broken_plan_is_shown_in_words_and_not_kept(adv, capsys):
    from questionnaire.plan.asking import Asking
    from questionnaire.plan.session import _broken

    two = draft.plan([draft.advised_item(CITRATE), draft.advised_item(GLYCINATE)], [], None, None)
    assert _broken(Asking(1, ADVICE, adv.base, "nl", None), two) is True
    assert ("Zo kan het plan niet worden bewaard: - Magnesiumglycinaat (bisglycinaat): houd één vorm om in te nemen; "
            "glycinate is een tweede") in " ".join(capsys.readouterr().out.split())
    assert _broken(Asking(1, ADVICE, adv.base, "nl", None), draft.plan([draft.advised_item(CITRATE)], [], None, None)) \
        is False


def test_the_plans_words_are_dutch_for_the_practitioner_and_complete_in_english(adv):
    texts = PLAN_TEXTS.texts()
    names = re.compile(r"--\w+|\w+_\w+|\w+:")  # the plan file's keys and the options are no words
    assert not [key for key, words in texts.items() if _english(names.sub("", words["nl"])) or YOU.search(words["nl"])]
    assert all(set(words) == {"nl", "en"} for words in texts.values())
    assert {key for key in PLAN_WORDS.texts() if key.startswith("reason_")} == {f"reason_{r}" for r in REASONS}
    assert all(set(words) == {"nl", "en"} for words in PLAN_WORDS.texts().values())
