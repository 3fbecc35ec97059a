"""Every boundary of the NIH table in design.md, and exactly one reference rule for any profile."""
from __future__ import annotations

import pytest

# (age, age_months, sex, pregnant, breastfeeding) -> (reference intake, upper limit)
TABLE = [
    ((0, 0, "female", False, False), (30, None)),
    ((0, 6, "male", False, False), (30, None)),
    ((0, 7, "male", False, False), (75, None)),
    ((0, 11, "other", False, False), (75, None)),
    ((1, None, "female", False, False), (80, 65)),
    ((3, None, "male", False, False), (80, 65)),
    ((4, None, "female", False, False), (130, 110)),
    ((8, None, "male", False, False), (130, 110)),
    ((9, None, "female", False, False), (240, 350)),
    ((13, None, "male", False, False), (240, 350)),
    ((14, None, "female", False, False), (360, 350)),
    ((14, None, "male", False, False), (410, 350)),
    ((18, None, "other", False, False), ([360, 410], 350)),
    ((19, None, "female", False, False), (310, 350)),
    ((19, None, "male", False, False), (400, 350)),
    ((30, None, "other", False, False), ([310, 400], 350)),
    ((31, None, "female", False, False), (320, 350)),
    ((31, None, "male", False, False), (420, 350)),
    ((120, None, "other", False, False), ([320, 420], 350)),
    ((12, None, "female", True, False), (400, 350)),
    ((18, None, "other", True, False), (400, 350)),
    ((19, None, "female", True, False), (350, 350)),
    ((30, None, "female", True, False), (350, 350)),
    ((31, None, "female", True, False), (360, 350)),
    ((55, None, "other", True, False), (360, 350)),
    ((13, None, "female", False, True), (360, 350)),
    ((18, None, "female", False, True), (360, 350)),
    ((19, None, "other", False, True), (310, 350)),
    ((30, None, "female", False, True), (310, 350)),
    ((31, None, "female", False, True), (320, 350)),
    ((30, None, "female", True, True), (350, 350)),  # both: pregnancy values apply
]


@pytest.mark.parametrize("profile,expected", TABLE, ids=[str(p) for p, _ in TABLE])
def test_reference_values(advise, profile, expected):
    age, months, sex, pregnant, breastfeeding = profile
    answers = dict(age=age, sex=sex, kidney="none", pregnant=pregnant, breastfeeding=breastfeeding)
    if months is not None:
        answers["age_months"] = months
    advice = advise(**answers)
    assert (advice["reference_intake_mg"], advice["upper_limit_supplement_mg"]) == expected
    assert sum(r.startswith("ref-") for r in advice["fired_rules"]) == 1
