"""Answers validation as the questionnaire uses it (one key at a time) and defaults."""
from __future__ import annotations

from engine.answers import checkers, complete, pregnancy_possible
from engine.messages import text


def test_single_key_checks_give_codes_the_prompt_can_show(adv):
    check = checkers(adv.base.catalogue)
    assert check["age"](42) == []
    code, params = check["age"]("abc")[0]
    assert text(code, "nl", **params) == "geef een heel getal van 0 tot en met 120; gekregen: 'abc'"
    assert check["age"](200)[0][0] == "int_range"
    assert check["complaints"](["fatigue", "sleep_problems"]) == []
    assert check["current_magnesium"]({"form": "unknown", "mg_per_day": None}) == []
    assert check["current_magnesium"]({"form": "citrate", "mg_per_day": True})[0][0] == "number_range"


def test_defaults_of_the_contract():
    answers = complete({"age": 40, "sex": "male", "kidney": "none"})
    assert answers["pregnant"] is False and answers["breastfeeding"] is False
    assert answers["complaints"] == [] and answers["current_magnesium"] is None
    assert answers["client"] is None and answers["age_months"] is None


def test_pregnancy_ages():
    assert pregnancy_possible("female", 12) and pregnancy_possible("other", 55)
    assert not pregnancy_possible("female", 11) and not pregnancy_possible("female", 56)
    assert not pregnancy_possible("male", 30)
