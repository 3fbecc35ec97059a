"""The words the client hears where magnesium is stopped or lowered (hazard log HAZ-074, HAZ-084,
HAZ-085): the prescriber is named, diarrhoea while a doctor must look first means stop, and a
chelate's salt, whose share of magnesium is not fixed, converts to an upper bound only.

The goldens hold these texts too, but a golden is refreshed by hand; these lines fail on their own."""
from __future__ import annotations

from datetime import date

import pytest

from documents_cases import PRACTICE
from engine.answers import complete
from questionnaire.common.document_markdown import render_markdown
from questionnaire.letter.content import Client, build_letter

PRESCRIBER = {"nl": "Schreef een arts het voor", "en": "prescribe"}
OVER_LIMIT = {"age": 35, "sex": "female", "kidney": "none", "complaints": ["fatigue"],
              "current_magnesium": {"form": "citrate", "mg_per_day": 400}}
BLOCKED = {"age": 40, "sex": "male", "kidney": "unknown", "complaints": ["fatigue"],
           "current_magnesium": {"form": "citrate", "mg_per_day": 200}}


def said(adv, answers: dict, lang: str, wid: str) -> str:
    """The text of the advice's warning `wid` for these answers."""
    return next(w["text"] for w in adv.advise(complete(answers), lang)["warnings"] if w["id"] == wid)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("answers, wid", [(OVER_LIMIT, "current_above_limit"), (BLOCKED, "stop_current")])
def test_where_the_client_is_told_to_stop_or_lower_the_prescriber_is_named(adv, answers, wid, lang):
    assert PRESCRIBER[lang] in said(adv, answers, lang, wid)


def test_diarrhoea_while_a_doctor_must_look_first_means_stop(adv):
    """Blind read 6 (case 05): 'lower the dose or switch to glycinate' beside 'the doctor decides'."""
    answers = {"age": 14, "sex": "male", "kidney": "none", "complaints": ["muscle_cramps", "fatigue"],
               "conditions": ["osteoporosis"], "medications": ["antibiotics"],
               "current_magnesium": {"form": "malate", "mg_per_day": 600, "amount_basis": "compound"},
               "excess_symptoms": ["diarrhea"]}
    advice = adv.advise(complete(answers), "nl")
    assert advice["doctor_first"] and not advice["blocked"]
    text = said(adv, answers, "nl", "excess_symptoms")
    assert "laat de cliënt stoppen met magnesium tot de arts heeft gekeken" in text and "kies glycinaat" not in text


def test_a_chelates_salt_converts_to_at_most_so_many_mg(adv):
    """Blind read 6 (case 11): 100 mg of chelate salt was 'about 60 mg of magnesium' in the letter."""
    answers = complete({"age": 45, "sex": "female", "kidney": "unknown", "complaints": ["fatigue"],
                        "current_magnesium": {"form": "chelate", "mg_per_day": 100, "amount_basis": "compound"}})
    made = build_letter(answers, adv.advise(answers, "nl"), None, PRACTICE, Client("Mevr. K. Vos", 1981, "2025-01-15"),
                        adv.base, "nl", date(2025, 1, 16))
    text = " ".join(render_markdown(made).split())
    assert "100 mg zout per dag (hoogstens" in text and "het etiket zegt hoeveel" in text
    assert "(ongeveer" not in text
