"""The plausibility rules (rules/plausibility.yaml) at each boundary, from both sides.

An answer that does not fit the age or sex must bring the warning `implausible_answers` (the
practitioner checks it with the client, never silent acceptance); one that fits must not. An
elemental amount that means more than 3,000 mg of salt a day must bring `check_label`; exactly
3,000 must not. Each line of the rules' `any:` is tried on its own, so dropping one is noticed.
"""
from __future__ import annotations

import pytest

GIRL, BOY, WOMAN = dict(sex="female"), dict(sex="male"), dict(sex="female", pregnant=False, breastfeeding=False)
MAN = BOY
YOUNG = ("sports_muscle_pain", "stress_anxiety", "memory_problems", "fibromyalgia")  # not at 5 or younger

# (age, who, answers, whether the answers are implausible for that age and sex)
IMPLAUSIBLE = [
    *((5, GIRL, {"complaints": [complaint]}, True) for complaint in YOUNG),
    *((6, GIRL, {"complaints": [complaint]}, False) for complaint in YOUNG),
    (7, GIRL, {"complaints": ["menstrual_pain"]}, True),
    (8, GIRL, {"complaints": ["menstrual_pain"]}, False),
    (7, GIRL, {"symptoms": ["pms"]}, True),
    (8, GIRL, {"symptoms": ["pms"]}, False),
    (11, BOY, {"conditions": ["alcohol_use"]}, True),
    (12, BOY, {"conditions": ["alcohol_use"]}, False),
    (11, BOY, {"symptoms": ["impotence"]}, True),
    (12, BOY, {"symptoms": ["impotence"]}, False),
    (40, MAN, {"complaints": ["menstrual_pain"]}, True),
    (40, WOMAN, {"complaints": ["menstrual_pain"]}, False),
    (40, MAN, {"symptoms": ["pms"]}, True),
    (40, WOMAN, {"symptoms": ["pms"]}, False),
    (18, MAN, {"symptoms": ["growing_pains"]}, True),  # growing pains in an adult
    (17, BOY, {"symptoms": ["growing_pains"]}, False),
]


@pytest.mark.parametrize("age, who, given, implausible", IMPLAUSIBLE,
                         ids=[f"{c[0]}-{c[1]['sex']}-{next(iter(c[2].values()))[0]}" for c in IMPLAUSIBLE])
def test_answers_that_do_not_fit_the_age_or_sex_are_questioned(advise, age, who, given, implausible):
    advice = advise("en", age=age, kidney="none", **who, **given)
    assert ("implausible_answers" in {w["id"] for w in advice["warnings"]}) is implausible


# Lactate is 12 % magnesium: 360 mg of magnesium is 3,000 mg of salt exactly, 360.1 mg is 3,000.8.
@pytest.mark.parametrize("current, asked", [
    ({"form": "lactate", "mg_per_day": 360.1}, True),
    ({"form": "lactate", "mg_per_day": 360}, False),
    ({"form": "lactate", "mg_per_day": 3601, "amount_basis": "compound"}, False),  # the salt's weight already
])
def test_an_amount_that_means_more_than_3000_mg_of_salt_asks_for_the_label(advise, current, asked):
    advice = advise("en", age=40, sex="male", kidney="none", current_magnesium=current)
    assert ("check_label" in {w["id"] for w in advice["warnings"]}) is asked
