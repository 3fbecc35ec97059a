"""Every boundary of the NIH table in design.md with the applied (stricter) upper limit, and exactly
one reference rule for any profile."""
from __future__ import annotations

import pytest

# (age, age_months, sex, pregnant, breastfeeding) -> (reference intake, upper limit, its body)
# The stricter of NIH and EFSA: NIH 65 at 1-3 (EFSA sets none), NIH 110 at 4-8, EFSA 250 from 9.
TABLE = [
    ((0, 0, "female", False, False), (30, None, None)),
    ((0, 6, "male", False, False), (30, None, None)),
    ((0, 7, "male", False, False), (75, None, None)),
    ((0, 11, "other", False, False), (75, None, None)),
    ((1, None, "female", False, False), (80, 65, "NIH")),
    ((3, None, "male", False, False), (80, 65, "NIH")),
    ((4, None, "female", False, False), (130, 110, "NIH")),
    ((8, None, "male", False, False), (130, 110, "NIH")),
    ((9, None, "female", False, False), (240, 250, "EFSA")),
    ((13, None, "male", False, False), (240, 250, "EFSA")),
    ((14, None, "female", False, False), (360, 250, "EFSA")),
    ((14, None, "male", False, False), (410, 250, "EFSA")),
    ((18, None, "other", False, False), ([360, 410], 250, "EFSA")),
    ((19, None, "female", False, False), (310, 250, "EFSA")),
    ((19, None, "male", False, False), (400, 250, "EFSA")),
    ((30, None, "other", False, False), ([310, 400], 250, "EFSA")),
    ((31, None, "female", False, False), (320, 250, "EFSA")),
    ((31, None, "male", False, False), (420, 250, "EFSA")),
    ((120, None, "other", False, False), ([320, 420], 250, "EFSA")),
    ((12, None, "female", True, False), (400, 250, "EFSA")),
    ((18, None, "other", True, False), (400, 250, "EFSA")),
    ((19, None, "female", True, False), (350, 250, "EFSA")),
    ((30, None, "female", True, False), (350, 250, "EFSA")),
    ((31, None, "female", True, False), (360, 250, "EFSA")),
    ((55, None, "other", True, False), (360, 250, "EFSA")),
    ((13, None, "female", False, True), (360, 250, "EFSA")),
    ((18, None, "female", False, True), (360, 250, "EFSA")),
    ((19, None, "other", False, True), (310, 250, "EFSA")),
    ((30, None, "female", False, True), (310, 250, "EFSA")),
    ((31, None, "female", False, True), (320, 250, "EFSA")),
    ((30, None, "female", True, True), (350, 250, "EFSA")),  # both: pregnancy values apply
]


@pytest.mark.parametrize("profile,expected", TABLE, ids=[str(p) for p, _ in TABLE])
def test_reference_values(advise, profile, expected):
    age, months, sex, pregnant, breastfeeding = profile
    answers = dict(age=age, sex=sex, kidney="none", pregnant=pregnant, breastfeeding=breastfeeding)
    if months is not None:
        answers["age_months"] = months
    advice = advise(**answers)
    got = (advice["reference_intake_mg"], advice["upper_limit_supplement_mg"], advice["upper_limit_source"])
    assert got == expected
    assert sum(r.startswith("ref-") for r in advice["fired_rules"]) == 1
