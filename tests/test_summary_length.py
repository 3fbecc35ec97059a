"""The word budget of the summary (issue 22): a busy practitioner reads a simple client's summary
in two minutes, so everything above the provenance part stays under about 600 words.

"Simple": an adult with one or two everyday complaints and nothing else to report. The count is
of the terminal text (what `magnesium advise` prints), from the top to the provenance heading.
"""
from __future__ import annotations

from datetime import date

import pytest

from engine.answers import complete
from questionnaire.summary.formats import render
from questionnaire.summary.summary_texts import LANGS, SUMMARY_TEXTS

BUDGET = 600
ADULT = {"kidney": "none"}
WOMAN = {**ADULT, "sex": "female", "pregnant": False, "breastfeeding": False}
MAN = {**ADULT, "sex": "male"}
SIMPLE = {
    "cramps": {**WOMAN, "age": 35, "complaints": ["muscle_cramps"]},
    "sleep": {**MAN, "age": 45, "complaints": ["sleep_problems"]},
    "constipation": {**WOMAN, "age": 28, "complaints": ["constipation", "fatigue"]},
    "migraine": {**WOMAN, "age": 40, "complaints": ["migraine"]},
    "stress": {**MAN, "age": 30, "complaints": ["stress_anxiety"], "symptoms": ["eyelid_twitching"]},
}


def words_above_provenance(text: str, lang: str) -> int:
    heading = SUMMARY_TEXTS.say("trace", lang).upper()
    above, found, _ = text.partition(f"\n{heading}\n")
    assert found, "no provenance heading"
    return len(above.split())


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("client", list(SIMPLE))
def test_a_simple_clients_summary_is_under_the_budget(adv, client, lang):
    answers = complete({"client": client, **SIMPLE[client]})
    advice = adv.advise(answers, lang)
    assert advice["recommendations"] and not advice["blocked"] and not advice.get("doctor_first")
    text = render(answers, advice, adv.base, lang, "text", today=date(2025, 1, 15))
    assert words_above_provenance(text, lang) < BUDGET
