"""Each safety promise of engine/promises.py, handed a wrong advice: it must name itself.

The promises are the second line behind the rules, so the rules' own tests cannot show that
they work: here every promise gets an advice that breaks it (and one just inside, at each
boundary: ages 0/1, 3/4, 8/9, 13/14, 17/18, 49/50, 69/70; the limit exactly and one above;
twice the limit exactly and one above; a compound amount converted by the form's share).
"""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import promises
from engine.answers import complete
from engine.errors import BadInput
from engine.promises import CEILING_FACTOR, PROMISES, BrokenPromise, broken, reference_limit

from strategies import CATALOGUE

FORMS = {form: {"kind": "topical" if form in ("chloride_spray", "chloride_flakes") else "oral",
                "elemental_share": {"value": share}}
         for form, share in (("citrate", 0.16), ("oxide", 0.6), ("chelate", None), ("glycinate", 0.14), ("gluconate", 0.058),
                             ("lactate", 0.1),
                             ("chloride_spray", 0.12), ("chloride_flakes", 0.12))}


def client(age: int = 40, **given) -> dict:
    data = {"age": age, "sex": "female", "kidney": "none", **given}
    if "excess_symptoms" in given and "current_magnesium" not in given:
        data["current_magnesium"] = {"form": "citrate", "mg_per_day": 50}
    return complete(data)


def rec(form: str = "citrate", mg=None, basis: str = "elemental", consult: bool = False, role: str = "primary") -> dict:
    return {"form": form, "role": role, "mg_per_day": mg, "amount_basis": basis, "consult_doctor": consult}


def warning(wid: str, level: str = "warning") -> dict:
    return {"id": wid, "level": level}


def advice(age: int = 40, recs: tuple = (), warnings: tuple = (), blocks: tuple = (), doctor: tuple = (),
           upper: object = "reference") -> dict:
    """An advice as the engine shapes it: each block and doctor-first reason with its warning."""
    return {
        "blocked": bool(blocks), "block_reasons": list(blocks),
        "doctor_first": bool(doctor), "doctor_first_reasons": list(doctor),
        "upper_limit_supplement_mg": min(reference_limit(age) or 0, 250) or None if upper == "reference" else upper,
        "recommendations": list(recs),
        "warnings": [*(warning(b, "critical") for b in blocks), *(warning(d) for d in doctor), *warnings],
    }


DOCTOR = dict(recs=(rec(consult=True),))  # an advice that names a form and no amount

# (promise, answers, an advice that breaks it, the same kept): both sides of every boundary.
CASES = [
    ("kidney_problems_block", client(kidney="problems"), advice(), advice(blocks=("kidney_problems",))),
    ("kidney_unknown_block", client(kidney="unknown"), advice(), advice(blocks=("kidney_unknown",))),
    ("kidney_problems_block", client(kidney="problems", conditions=["heart_block"]), advice(blocks=("contraindication",)),
     advice(blocks=("contraindication", "kidney_problems"))),
    ("infant_block", client(0, age_months=6), advice(0), advice(0, blocks=("infant",))),
    ("infant_block", client(1), None, advice(1, doctor=("child",), **DOCTOR)),
    ("contraindication_block", client(conditions=["myasthenia_gravis"]), advice(), advice(blocks=("contraindication",))),
    ("contraindication_block", client(conditions=["heart_block"]), advice(), advice(blocks=("contraindication",))),
    ("contraindication_block", client(conditions=["bowel_obstruction"]), advice(), advice(blocks=("contraindication",))),
    ("contraindication_block", client(conditions=["diabetes"]), None, advice()),
    ("excess_serious_block", client(excess_symptoms=["low_blood_pressure"]), advice(warnings=(warning("stop_current"),)),
     advice(blocks=("excess_symptoms",), warnings=(warning("stop_current", "critical"),))),
    ("excess_serious_block", client(excess_symptoms=["dizziness"]), advice(), None),
    ("excess_serious_block", client(excess_symptoms=["muscle_weakness"]), advice(), None),
    ("excess_serious_block", client(excess_symptoms=["slow_breathing"]), advice(), None),
    ("excess_serious_block", client(kidney="problems", excess_symptoms=["dizziness"]),
     advice(blocks=("kidney_problems",), warnings=(warning("stop_current", "critical"),)), None),
    ("excess_serious_block", complete({"age": 40, "sex": "male", "kidney": "none", "excess_symptoms": ["dizziness"]}),
     None, advice()),  # the cause is a sign while taking magnesium (the answers refuse signs without it)
    ("excess_serious_block", client(excess_symptoms=["diarrhea", "nausea", "thirst"]), None,
     advice(warnings=(warning("excess_symptoms"),))),
    # a child 1-13 above the limit now: blocked; the limit exactly is not above it
    ("child_above_limit_block", client(13, current_magnesium={"form": "citrate", "mg_per_day": 251}),
     advice(13, doctor=("child",), **DOCTOR), advice(13, blocks=("current_above_limit",))),
    ("child_above_limit_block", client(1, current_magnesium={"form": "citrate", "mg_per_day": 66}),
     advice(1, doctor=("child",), **DOCTOR), None),
    ("child_above_limit_block", client(13, current_magnesium={"form": "citrate", "mg_per_day": 250}), None,
     advice(13, doctor=("child",), **DOCTOR)),
    ("child_above_limit_block", client(13, current_magnesium={"form": "oxide", "mg_per_day": 418, "amount_basis": "compound"}),
     advice(13, doctor=("child",), **DOCTOR), None),
    ("child_above_limit_block", client(14, current_magnesium={"form": "citrate", "mg_per_day": 251}), None,
     advice(14, warnings=(warning("current_above_limit"),))),
    ("block_empties_advice", client(kidney="problems"), advice(blocks=("kidney_problems",), recs=(rec(),)), None),
    ("block_empties_advice", client(), dict(advice(), blocked=True), None),
    ("block_empties_advice", client(), dict(advice(), block_reasons=["infant"]), None),
    ("block_reasons_warned", client(kidney="problems"),
     dict(advice(blocks=("kidney_problems",)), warnings=[warning("kidney_problems")]), advice(blocks=("kidney_problems",))),
    ("blocked_stop_current", client(kidney="problems", current_magnesium={"form": "citrate", "mg_per_day": 100}),
     advice(blocks=("kidney_problems",)),
     advice(blocks=("kidney_problems",), warnings=(warning("stop_current", "critical"),))),
    ("doctor_first_reasons_warned", client(complaints=["palpitations"]),
     dict(advice(doctor=("palpitations",)), warnings=[]), advice(doctor=("palpitations",))),
    ("doctor_first_reasons_warned", client(), dict(advice(), doctor_first=True), None),
    ("doctor_first_reasons_warned", client(complaints=["palpitations"]), dict(advice(doctor=("palpitations",)), doctor_first=False), None),
    ("doctor_first_no_amount", client(complaints=["palpitations"]), advice(doctor=("palpitations",), recs=(rec(mg=100, consult=True),)),
     advice(doctor=("palpitations",), **DOCTOR)),
    ("doctor_first_no_amount", client(complaints=["palpitations"]), advice(doctor=("palpitations",), recs=(rec(),)), None),
    # children 1-13: no amount, the doctor, one form; 1-3 no spray or bath
    ("child_doctor_no_amount", client(1), advice(1, recs=(rec(mg=50),)), None),
    ("child_doctor_no_amount", client(13), advice(13, recs=(rec(consult=True, mg=100),)), advice(13, doctor=("child",), **DOCTOR)),
    ("child_doctor_no_amount", client(13), advice(13, recs=(rec(),)), None),
    ("child_doctor_no_amount", client(14), None, advice(14, recs=(rec(mg=100),))),
    ("child_one_form", client(13), advice(13, recs=(rec(consult=True), rec("glycinate", consult=True, role="alternative"))),
     advice(13, recs=(rec(consult=True), rec("chloride_spray", consult=True, role="topical")))),
    ("child_one_form", client(1), advice(1, recs=(rec(consult=True), rec("glycinate", consult=True, role="alternative"))), None),
    ("child_one_form", client(14), None, advice(14, recs=(rec(mg=100), rec("glycinate", mg=100, role="alternative")))),
    ("young_child_no_topical", client(3), advice(3, recs=(rec("chloride_spray", consult=True, role="topical"),)), None),
    ("young_child_no_topical", client(1), advice(1, recs=(rec("chloride_flakes", consult=True, role="topical"),)), None),
    ("young_child_no_topical", client(0, age_months=6), None,
     advice(0, blocks=("infant",), recs=(rec("chloride_spray", role="topical"),))),
    ("young_child_no_topical", client(4), None, advice(4, recs=(rec("chloride_spray", consult=True, role="topical"),))),
    ("pregnancy_doctor", client(30, pregnant=True), advice(recs=(rec(mg=100, consult=True), rec("glycinate", mg=100, role="alternative"))),
     advice(recs=(rec(mg=100, consult=True), rec("glycinate", mg=100, consult=True, role="alternative")))),
    ("topical_no_amount", client(), advice(recs=(rec(mg=100), rec("chloride_spray", mg=100, role="topical"))),
     advice(recs=(rec(mg=100), rec("chloride_spray", role="topical")))),
    # never recommended (contract 4)
    ("never_orotate", client(), advice(recs=(rec("orotate", mg=100),)), advice(recs=(rec("citrate", mg=100),))),
    ("never_orotate", client(), advice(recs=(rec(mg=100), rec("orotate", mg=100, role="alternative"))), None),
    ("no_topical_on_irritated_skin", client(complaints=["skin_irritation"]),
     advice(recs=(rec("chloride_spray", role="topical"),)), advice(recs=(rec(mg=100),))),
    ("no_topical_on_irritated_skin", client(complaints=["skin_irritation"]),
     advice(recs=(rec("chloride_flakes", role="topical"),)), None),
    ("no_topical_on_irritated_skin", client(complaints=["sports_muscle_pain"]), None,
     advice(recs=(rec("chloride_spray", role="topical"),))),
    ("oxide_primary_only_for_constipation", client(complaints=["restless_legs"]), advice(recs=(rec("oxide", mg=100),)),
     advice(recs=(rec(mg=100), rec("oxide", mg=100, role="alternative")))),
    ("oxide_primary_only_for_constipation", client(complaints=["constipation", "restless_legs"]), None,
     advice(recs=(rec("oxide", mg=100),))),
    # the applied limit: there from one year on, never above NIH's or EFSA's for the age
    ("upper_limit_within_references", client(3), advice(3, upper=66), advice(3, upper=65)),
    ("upper_limit_within_references", client(4), advice(4, upper=251), advice(4, upper=250)),
    ("upper_limit_within_references", client(8), advice(8, upper=251), advice(8, upper=250)),
    ("upper_limit_within_references", client(9), advice(9, upper=351), advice(9, upper=350)),
    ("upper_limit_within_references", client(1), advice(1, upper=None), advice(1, upper=65)),
    ("upper_limit_within_references", client(0, age_months=6), advice(0, upper=30, blocks=("infant",)),
     advice(0, upper=None, blocks=("infant",))),
    # amounts: the limit exactly and one above; elemental after converting a compound amount
    ("amount_within_limit", client(), advice(recs=(rec(mg=251),)), advice(recs=(rec(mg=250),))),
    ("amount_within_limit", client(), advice(recs=(rec(mg=[100, 251]),)), advice(recs=(rec(mg=[100, 250]),))),
    ("amount_within_limit", client(), advice(recs=(rec(mg=1563, basis="compound"),)), advice(recs=(rec(mg=1562, basis="compound"),))),
    ("amount_within_limit", client(), advice(recs=(rec("chelate", mg=417, basis="compound"),)),
     advice(recs=(rec("chelate", mg=416, basis="compound"),))),
    ("amount_within_limit", client(), advice(recs=(rec(mg=300),), upper=None), advice(recs=(rec(mg=300, consult=True),), upper=250,
                                                                                       warnings=(warning("above_limit_doctor"),))),
    ("amount_within_limit", client(), advice(recs=(rec(mg=351),), upper=500), None),  # never above the references' 350
    ("amount_within_ceiling", client(), advice(recs=(rec(mg=501, consult=True),), warnings=(warning("above_limit_doctor"),)),
     advice(recs=(rec(mg=500, consult=True),), warnings=(warning("above_limit_doctor"),))),
    ("amount_within_ceiling", client(), advice(recs=(rec("oxide", mg=836, basis="compound", consult=True),)),
     advice(recs=(rec("oxide", mg=833, basis="compound", consult=True),), warnings=(warning("above_limit_doctor"),))),
    ("amount_within_ceiling", client(), advice(recs=(rec(mg=100, consult=True),), upper=None), None),
    ("above_limit_doctor_warned", client(), advice(recs=(rec(mg=251, consult=True),)),
     advice(recs=(rec(mg=250, consult=True),))),
    ("above_limit_doctor_warned", client(), advice(recs=(rec("oxide", mg=418, basis="compound", consult=True),)),
     advice(recs=(rec("oxide", mg=418, basis="compound", consult=True),), warnings=(warning("above_limit_doctor"),))),
    # taking more than the limit now: a warning (an older client), or the child's block
    ("current_above_limit_warned", client(current_magnesium={"form": "citrate", "mg_per_day": 251}), advice(),
     advice(warnings=(warning("current_above_limit"),))),
    ("current_above_limit_warned", client(current_magnesium={"form": "chelate", "mg_per_day": 417, "amount_basis": "compound"}),
     advice(), None),
    ("current_above_limit_warned", client(current_magnesium={"form": "citrate", "mg_per_day": 250}), None, advice()),
    ("current_above_limit_warned", client(kidney="problems", current_magnesium={"form": "citrate", "mg_per_day": 300}), None,
     advice(blocks=("kidney_problems",), warnings=(warning("stop_current", "critical"),))),
]

# Each doctor-first reason at both sides of its boundary: (reason, answers with the cause, without).
DOCTOR_FIRST = [
    ("child", client(1), client(0, age_months=11)),
    ("child", client(13), client(14)),
    ("palpitations", client(complaints=["palpitations"]), client(complaints=["fatigue"])),
    ("kidney_check_needed", client(70), client(69)),
    ("kidney_check_needed", client(95), client(95, kidney_checked=True)),
    ("minor_referral", client(14, conditions=["alcohol_use"]), client(13, conditions=["alcohol_use"])),
    ("minor_referral", client(17, medications=["bisphosphonates"]), client(18, medications=["bisphosphonates"])),
    ("minor_referral", client(14, medications=["antibiotics"]), client(14, complaints=["fatigue"])),
    ("minor_referral", client(17, conditions=["diabetes"]), client(17)),
    ("minor_referral", client(17, symptoms=["liver_problems"]), client(17, symptoms=["poor_digestion"])),
    ("minor_referral", client(14, symptoms=["depression"]), client(18, symptoms=["depression"])),
    ("potassium_sparing_diuretics", client(medications=["potassium_sparing_diuretics"]), client(medications=["diuretics"])),
    ("magnesium_antacids_laxatives", client(medications=["magnesium_antacids_laxatives"]), client(medications=["acid_inhibitors"])),
    ("diuretics", client(medications=["diuretics"]), client(medications=["potassium_sparing_diuretics"])),
    ("diuretics", client(medications=["diuretics"]), client(medications=["antibiotics"])),
    ("cancer", client(conditions=["hormone_related_cancer"]), client(conditions=["diabetes"])),
    ("seizures", client(symptoms=["seizures"]), client(symptoms=["numbness"])),
    ("acid_inhibitor_low_salts", client(medications=["acid_inhibitors"], symptoms=["other_deficiencies"]),
     client(medications=["acid_inhibitors"], symptoms=["infections"])),
    ("acid_inhibitor_low_salts", client(medications=["acid_inhibitors"], symptoms=["other_deficiencies"]),
     client(medications=["antibiotics"], symptoms=["other_deficiencies"])),
    ("bisphosphonate_heartburn", client(medications=["bisphosphonates"], complaints=["heartburn"]),
     client(medications=["bisphosphonates"])),
    ("bisphosphonate_heartburn", client(medications=["bisphosphonates"], complaints=["heartburn"]), client(complaints=["heartburn"])),
    ("memory_referral", client(50, complaints=["memory_problems"]), client(49, complaints=["memory_problems"])),
    ("memory_referral", client(50, complaints=["memory_problems"]), client(50)),
    ("pregnancy_abdominal_pain", client(30, pregnant=True, complaints=["menstrual_pain"]), client(30, complaints=["menstrual_pain"])),
    ("pregnancy_abdominal_pain", client(30, pregnant=True, symptoms=["stomach_cramps"]), client(30, pregnant=True)),
    ("heart_failure", client(conditions=["heart_failure"]), client(conditions=["diabetes"])),
    ("measured_deficiency", client(conditions=["magnesium_deficiency"]), client(symptoms=["eyelid_twitching"])),
    ("pregnancy_medicine", client(30, pregnant=True, medications=["bisphosphonates"]), client(30, medications=["bisphosphonates"])),
    ("pregnancy_medicine", client(30, pregnant=True, medications=["bisphosphonates"]), client(30, pregnant=True, medications=["antibiotics"])),
    ("high_risk_pregnancy", client(30, pregnant=True, conditions=["heart_failure"]), client(30, conditions=["heart_failure"])),
    ("high_risk_pregnancy", client(30, pregnant=True, conditions=["hormone_related_cancer"]), client(30, pregnant=True, conditions=["osteoporosis"])),
    ("high_risk_pregnancy", client(30, pregnant=True, conditions=["diabetes"]), client(30, pregnant=True)),
    ("high_risk_pregnancy", client(30, pregnant=True, conditions=["crohns_disease"]), client(30, pregnant=True, conditions=["coeliac_disease"])),
    ("side_effects", client(excess_symptoms=["nausea"]), client(excess_symptoms=["diarrhea"])),
    ("side_effects", client(70, kidney_checked=True, excess_symptoms=["diarrhea"]), client(69, excess_symptoms=["diarrhea"])),
    ("side_effects", client(excess_symptoms=["nausea"]), client(excess_symptoms=["nausea", "dizziness"])),
    ("side_effects", client(75, kidney_checked=True, excess_symptoms=["diarrhea"]), client(75, excess_symptoms=["thirst"])),
    ("side_effects", client(excess_symptoms=["nausea"]), complete({"age": 40, "sex": "male", "kidney": "none", "excess_symptoms": ["nausea"]})),
]

# Each warning the contracts fix, with its cause and without it.
WARNED = [
    *((medicine, client(medications=[medicine]), client(medications=[other]))
      for medicine, other in (("antibiotics", "diuretics"), ("acid_inhibitors", "antibiotics"), ("diuretics", "antibiotics"),
                              ("potassium_sparing_diuretics", "diuretics"), ("bisphosphonates", "acid_inhibitors"),
                              ("magnesium_antacids_laxatives", "acid_inhibitors"))),
    ("excess_symptoms", client(excess_symptoms=["diarrhea"]), client(excess_symptoms=["thirst"])),
    ("excess_symptoms", client(excess_symptoms=["nausea"]), client(excess_symptoms=["dizziness"])),
    ("excess_symptoms", client(excess_symptoms=["nausea"]),
     complete({"age": 40, "sex": "male", "kidney": "none", "excess_symptoms": ["nausea"]})),
    ("pregnancy", client(30, pregnant=True), client(30, breastfeeding=True)),
    ("orotate_safety", client(current_magnesium={"form": "orotate", "mg_per_day": None}),
     client(current_magnesium={"form": "citrate", "mg_per_day": None})),
    ("mobility_referral", client(complaints=["mobility"]), client(complaints=["fatigue"])),
    ("headache_over_50", client(50, complaints=["migraine"]), client(49, complaints=["migraine"])),
    ("headache_over_50", client(50, complaints=["migraine"]), client(50, complaints=["fatigue"])),
    *(("symptom_referral", client(symptoms=[symptom]), client(symptoms=["eyelid_twitching"]))
      for symptom in ("seizures", "numbness", "word_finding_difficulty", "cardiovascular_disease", "liver_problems",
                      "multiple_sclerosis", "alzheimers", "depression")),
    ("stroke_alarm", client(symptoms=["numbness"]), client(symptoms=["seizures"])),
    ("stroke_alarm", client(symptoms=["word_finding_difficulty"]), client(symptoms=["poor_concentration"])),
    ("stroke_alarm", client(6, symptoms=["word_finding_difficulty"]), client(5, symptoms=["word_finding_difficulty"])),
    ("language_development", client(5, symptoms=["word_finding_difficulty"]), client(6, symptoms=["word_finding_difficulty"])),
    ("child_side_effects", client(13, excess_symptoms=["nausea"]), client(14, excess_symptoms=["nausea"])),
    ("child_side_effects", client(1, excess_symptoms=["diarrhea"]), client(1, excess_symptoms=["thirst"])),
    ("slow_breathing_112", client(excess_symptoms=["slow_breathing"]), client(excess_symptoms=["muscle_weakness"])),
    ("alcohol_pregnancy", client(30, pregnant=True, conditions=["alcohol_use"]), client(30, conditions=["alcohol_use"])),
    ("potassium_sparing_pregnancy", client(30, pregnant=True, medications=["potassium_sparing_diuretics"]),
     client(30, pregnant=True, medications=["diuretics"])),
    ("low_mood", client(symptoms=["depression"]), client(symptoms=["mood_swings"])),
    ("child_fast_breathing", client(13, symptoms=["hyperventilation"]), client(14, symptoms=["hyperventilation"])),
    ("menstrual_pain_over_50", client(50, complaints=["menstrual_pain"]), client(49, complaints=["menstrual_pain"])),
    ("pregnancy_preeclampsia_signs", client(30, pregnant=True, symptoms=["blood_pressure_problems"]),
     client(30, symptoms=["blood_pressure_problems"])),
    ("pregnancy_preeclampsia_signs", client(30, pregnant=True, symptoms=["water_retention"]),
     client(30, pregnant=True, symptoms=["back_pain"])),
    ("child_headache", client(13, complaints=["migraine"]), client(14, complaints=["migraine"])),
    ("pregnancy_preeclampsia_signs", client(30, pregnant=True, complaints=["heartburn"]), client(30, complaints=["heartburn"])),
    ("child_mobility_today", client(13, complaints=["mobility"]), client(14, complaints=["mobility"])),
    ("child_mobility_today", client(1, complaints=["mobility"]), client(1, complaints=["constipation"])),
    ("myasthenia_antibiotics", client(conditions=["myasthenia_gravis"], medications=["antibiotics"]),
     client(conditions=["myasthenia_gravis"], medications=["diuretics"])),
    ("myasthenia_pregnancy", client(30, pregnant=True, conditions=["myasthenia_gravis"]),
     client(30, conditions=["myasthenia_gravis"])),
    ("pregnancy_seizures", client(30, pregnant=True, symptoms=["seizures"]), client(30, symptoms=["seizures"])),
    ("edema_referral", client(symptoms=["water_retention"]), client(symptoms=["stiff_muscles"])),
    ("stiffness_over_50", client(50, symptoms=["stiff_muscles"]), client(49, symptoms=["stiff_muscles"])),
    ("child_unknown_amount", client(13, current_magnesium={"form": "citrate", "mg_per_day": None}),
     client(14, current_magnesium={"form": "citrate", "mg_per_day": None})),
    ("child_unknown_amount", client(2, current_magnesium={"form": "citrate", "mg_per_day": None}),
     client(2, current_magnesium={"form": "citrate", "mg_per_day": 20})),
    # a baby too: under 2 diarrhoea dries out soonest (NHG M34); the infant's block alone says no "today"
    ("child_side_effects", client(0, age_months=8, excess_symptoms=["diarrhea"]),
     client(0, age_months=8, excess_symptoms=["thirst"])),
    ("constipation_referral", client(complaints=["constipation"]), client(complaints=["heartburn"])),
    ("pregnancy_headache", client(30, pregnant=True, complaints=["migraine"]), client(30, complaints=["migraine"])),
    ("pregnancy_headache", client(30, pregnant=True, complaints=["migraine"]), client(30, pregnant=True, complaints=["fatigue"])),
    ("antacid_magnesium", client(complaints=["heartburn"]), client(complaints=["constipation"])),
    # 181 mg as gluconate (5.8 %) is 3,121 mg of salt a day; 174 mg is 3,000 exactly
    ("check_label", client(current_magnesium={"form": "gluconate", "mg_per_day": 181}),
     client(current_magnesium={"form": "gluconate", "mg_per_day": 174})),
    ("check_label", client(current_magnesium={"form": "gluconate", "mg_per_day": 181}),
     client(current_magnesium={"form": "gluconate", "mg_per_day": 181, "amount_basis": "compound"})),
    ("check_label", client(current_magnesium={"form": "lactate", "mg_per_day": 300.05}),  # 3,000.5 mg of salt
     client(current_magnesium={"form": "lactate", "mg_per_day": 300})),
]


@pytest.mark.parametrize("pid, answers, wrong, right", CASES, ids=[c[0] for c in CASES])
def test_a_wrong_advice_breaks_the_promise_and_a_right_one_keeps_it(pid, answers, wrong, right):
    if wrong is not None:
        assert pid in broken(answers, wrong, FORMS)
    if right is not None:
        assert pid not in broken(answers, right, FORMS)


@pytest.mark.parametrize("reason, cause, other", DOCTOR_FIRST, ids=[c[0] for c in DOCTOR_FIRST])
def test_each_doctor_first_reason_is_promised_whenever_its_cause_is_there(reason, cause, other):
    pid = f"doctor_first_{reason}"
    age = cause["age"]
    without = advice(age, **({"doctor": ("child",), **DOCTOR} if 1 <= age <= 13 and reason != "child" else {}))
    assert pid in broken(cause, without, FORMS)
    assert pid not in broken(other, without, FORMS)
    assert pid not in broken(cause, advice(age, doctor=(reason,) + (("child",) if 1 <= age <= 13 and reason != "child" else ()),
                                           **DOCTOR), FORMS)


@pytest.mark.parametrize("wid, cause, other", WARNED, ids=[c[0] for c in WARNED])
def test_each_fixed_warning_is_promised_whenever_its_cause_is_there(wid, cause, other):
    pid = f"warned_{wid}"
    assert pid in broken(cause, advice(), FORMS)
    assert pid not in broken(other, advice(), FORMS)
    assert pid not in broken(cause, advice(warnings=(warning(wid),)), FORMS)


def test_every_advice_promise_has_a_case_that_breaks_it():
    """A promise without such a case could be dropped or weakened and no test would notice."""
    tested = {c[0] for c in CASES if c[2] is not None} | {f"doctor_first_{c[0]}" for c in DOCTOR_FIRST} | {
        f"warned_{c[0]}" for c in WARNED}
    assert {p.id for p in PROMISES.values() if p.scope == "advice"} == tested


def test_the_shipped_advice_keeps_every_promise(adv):
    """A sound advice breaks none: the cases above fail only where they should."""
    for given in ({"age": 40, "sex": "female", "kidney": "none", "complaints": ["muscle_cramps", "constipation"]},
                  {"age": 75, "sex": "male", "kidney": "none", "kidney_checked": True, "complaints": ["restless_legs"]}):
        answers = complete(given)
        result = adv.advise(answers)
        assert result["recommendations"] and broken(answers, result, adv.base.forms) == []


def test_the_registry_names_every_promise_once_with_a_line_for_the_hazard_log():
    assert all(pid == p.id and p.says and "\n" not in p.says for pid, p in PROMISES.items())
    assert {p.scope for p in PROMISES.values()} == {"advice", "plan"}
    assert all((p.kept is None) == (p.scope == "plan") for p in PROMISES.values())
    assert len({p.says for p in PROMISES.values()}) == len(PROMISES)


def test_the_registry_cannot_be_changed_by_accident():
    from dataclasses import FrozenInstanceError

    with pytest.raises(FrozenInstanceError):
        PROMISES["kidney_problems_block"].kept = None


def test_a_broken_promise_is_the_rule_base_fault_with_its_folder():
    class Base:
        directory, forms = "mijn-regels", FORMS

    with pytest.raises(BrokenPromise) as err:
        promises.check(client(kidney="problems"), advice(), Base())
    assert isinstance(err.value, BadInput) and err.value.ids == ["kidney_problems_block"]
    assert [p.render("en") for p in err.value.problems] == [
        "mijn-regels: safety: restore the safety rule that keeps the promise 'kidney_problems_block'; the rule files break it"]


@pytest.mark.parametrize("age, limit", [(0, None), (1, 65), (3, 65), (4, 250), (8, 250), (9, 350), (120, 350)])
def test_the_references_limit_by_age(age, limit):
    assert reference_limit(age) == limit


def test_the_ceiling_is_twice_the_limit_for_advice_and_plan():
    from engine import plan_check

    assert CEILING_FACTOR == 2 and plan_check.CEILING_FACTOR is CEILING_FACTOR


def test_every_id_a_cause_asks_about_is_in_the_catalogue_and_none_is_missing():
    """CAUSE_IDS lists exactly the answers a promise names: those that change the cause of a block,
    a doctor-first reason or a fixed warning (found by trying each id of the shipped catalogue in
    several clients; "any condition" of a minor names none), and what decides a form."""
    from engine.promises import BLOCK_CAUSES, DOCTOR_FIRST_CAUSES, WARNING_CAUSES

    def causes(answers: dict) -> tuple:
        limit = {"upper_limit_supplement_mg": reference_limit(answers["age"])}
        return (tuple(c(answers, limit, FORMS) for _, _, c in BLOCK_CAUSES.values()),
                tuple(c(answers) for c in DOCTOR_FIRST_CAUSES.values()),
                tuple(c(answers, limit, FORMS) for c in WARNING_CAUSES.values()))

    asked = set()
    for key in ("complaints", "conditions", "medications", "excess_symptoms", "symptoms"):
        for item in CATALOGUE[key]:
            for age, extra in ((40, {}), (15, {"conditions": ["alcohol_use"]}), (30, {"pregnant": True}), (60, {"complaints": ["heartburn"]}),
                               (60, {"medications": ["bisphosphonates"]}), (75, {"excess_symptoms": ["thirst"]}),
                               (40, {"complaints": ["skin_irritation"]}), (40, {"medications": ["acid_inhibitors"]}), (8, {})):
                base = client(age, **extra)
                given = client(age, **{**extra, key: sorted({*extra.get(key, []), item})})
                if causes(base) != causes(given):
                    asked.add((key, item))
    asked |= {("complaints", "skin_irritation"), ("complaints", "constipation")}  # what may be recommended
    listed = {(key, item) for key, ids in promises.CAUSE_IDS.items() for item in ids}
    assert asked == listed and len(listed) == 43
    assert all(item in CATALOGUE[key] for key, item in listed)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(form=st.sampled_from(["citrate", "oxide", "gluconate", "chelate", "glycinate", "carbonate"]),
       low=st.integers(1, 5000), span=st.integers(0, 5000), ranged=st.booleans(),
       basis=st.sampled_from(["elemental", "compound"]), consult=st.booleans(), age=st.integers(1, 120))
def test_any_amount_a_rule_gives_is_capped_into_the_promises(adv, form, low, span, ranged, basis, consult, age):
    """Whatever amount, salt or consult_doctor an edited rule gives, the engine's cap keeps the
    amount promises (elemental after conversion; with the doctor at most twice the limit, warned)."""
    from engine import resolve

    answers = client(age)
    upper = advice(age)["upper_limit_supplement_mg"]
    given = rec(form, [low, low + span] if ranged else low, basis, consult)
    notes = resolve._cap(given, (upper, "EFSA"), adv.base, "en")
    result = advice(age, recs=(given,), warnings=tuple(warning(n["id"], n["level"]) for n in notes))
    held = broken(answers, result, adv.base.forms)
    assert not {"amount_within_limit", "amount_within_ceiling", "above_limit_doctor_warned"} & set(held)
    assert all(n["text"] and "{" not in n["text"] for n in notes)
