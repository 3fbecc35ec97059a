"""Hypothesis strategies for valid answers, as the contract allows them."""
from __future__ import annotations

from hypothesis import strategies as st

from engine.advise import advisor
from engine.answers import pregnancy_possible

CATALOGUE = advisor().base.catalogue


def _ids(kind: str) -> st.SearchStrategy:
    return st.lists(st.sampled_from(list(CATALOGUE[kind])), unique=True, max_size=8)


@st.composite
def answers(draw) -> dict:
    """A complete, valid answers dict (contract defaults filled in)."""
    age = draw(st.integers(0, 120))
    sex = draw(st.sampled_from(["female", "male", "other"]))
    possible = pregnancy_possible(sex, age)
    current = draw(st.none() | st.fixed_dictionaries({
        "form": st.sampled_from([*CATALOGUE["forms"], "unknown"]),
        "mg_per_day": st.none() | st.integers(0, 5000),
        "amount_basis": st.sampled_from(["elemental", "compound"])}))
    return {
        "client": draw(st.none() | st.text(max_size=20)),
        "age": age,
        "age_months": draw(st.integers(0, 11)) if age == 0 else None,
        "sex": sex,
        "pregnant": draw(st.booleans()) if possible else False,
        "breastfeeding": draw(st.booleans()) if possible else False,
        "kidney": draw(st.sampled_from(["none", "none", "problems", "unknown"])),
        "kidney_checked": draw(st.booleans()),
        "complaints": draw(_ids("complaints")),
        "conditions": draw(_ids("conditions")),
        "medications": draw(_ids("medications")),
        "current_magnesium": current,
        "excess_symptoms": draw(_ids("excess_symptoms")) if current else [],
        "symptoms": draw(_ids("symptoms")),
    }
