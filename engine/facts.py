"""From answers to the flat fact that rules (and questions' `when`) are evaluated on.

durable_rules matches flat JSON best: lists become one boolean per catalogue id, the nested
`current_magnesium` becomes two fields, and deficiency scores are counted here from the lists
the rule base gives, so the thresholds stay in the rules.
"""
from __future__ import annotations

from .answer_keys import BY_NAME, LIST_KEYS
from .conditions import Field, list_key

LIKELIHOODS = ("low", "moderate", "high")


def fields(catalogue: dict[str, dict], scores: dict[str, dict]) -> dict[str, Field]:
    """Every name a condition may use, with its kind and allowed values."""
    found = {
        "age": Field("age", "int"),
        "age_in_months": Field("age_in_months", "int"),
        "sex": Field("sex", "enum", BY_NAME["sex"].fixed),
        "pregnant": Field("pregnant", "bool"),
        "breastfeeding": Field("breastfeeding", "bool"),
        "kidney": Field("kidney", "enum", BY_NAME["kidney"].fixed),
        "kidney_checked": Field("kidney_checked", "bool"),
        **{key: Field(key, "list", tuple(catalogue[key])) for key in LIST_KEYS},
        **{f"{key}_count": Field(f"{key}_count", "int") for key in LIST_KEYS},
        "takes_magnesium": Field("takes_magnesium", "bool"),
        "current_amount_given": Field("current_amount_given", "bool"),
        "current_form": Field("current_form", "enum", (*catalogue["forms"], "unknown", "none")),
        "current_implied_salt_mg": Field("current_implied_salt_mg", "int"),
        **{name: Field(name, "int") for name in scores},
        "current_over_limit": Field("current_over_limit", "bool", stage="limits"),
        "advised": Field("advised", "bool", stage="outcome"),
        "amount_given": Field("amount_given", "bool", stage="outcome"),
        "blocked": Field("blocked", "bool", stage="outcome"),
        "doctor_first": Field("doctor_first", "bool", stage="outcome"),
        "likelihood": Field("likelihood", "enum", LIKELIHOODS, stage="outcome"),
    }
    return found


def score(answers: dict, weights: dict[str, list[str]]) -> int:
    """How many of the listed ids the answers hold (one point each)."""
    return sum(1 for key, ids in weights.items() for item in answers.get(key) or [] if item in ids)


Layout = tuple  # ((list key, ((id, flat key), ...)), ...): computed once per rule base


def list_layout(catalogue: dict[str, dict]) -> Layout:
    """The flat key of every id of every list key (an advisor computes it once, not per client)."""
    return tuple((key, tuple((item, list_key(key, item)) for item in catalogue[key])) for key in LIST_KEYS)


def flatten(answers: dict, catalogue: dict[str, dict], scores: dict[str, dict], layout: Layout = (),
            forms: dict[str, dict] | None = None) -> dict:
    """The fact for stage `answers`; tolerates missing keys (the questionnaire asks in steps).

    `forms` (the rule base's) gives `current_implied_salt_mg`; without it that field is absent.
    """
    age = answers.get("age")
    current = answers.get("current_magnesium")
    fact = {
        "stage": 1,
        "sex": answers.get("sex") or "",
        "kidney": answers.get("kidney") or "",
        "pregnant": bool(answers.get("pregnant")),
        "breastfeeding": bool(answers.get("breastfeeding")),
        "kidney_checked": bool(answers.get("kidney_checked")),
        "takes_magnesium": current is not None,
        "current_amount_given": current is not None and current.get("mg_per_day") is not None,
        "current_form": current["form"] if current else "none",
    }
    if isinstance(age, int):
        fact["age"] = age
        fact["age_in_months"] = age * 12 + (answers.get("age_months") or 0)
    for key, items in layout or list_layout(catalogue):
        held = set(answers.get(key) or ())
        fact.update({flat: item in held for item, flat in items})
        fact[f"{key}_count"] = len(held)
    salt = implied_salt(answers, forms or {})
    if salt is not None:
        fact["current_implied_salt_mg"] = salt
    fact.update({name: score(answers, weights) for name, weights in scores.items()})
    return fact


def implied_salt(answers: dict, forms: dict[str, dict]) -> float | None:
    """The weight of the salt a day that an elemental amount taken now implies (mg).

    600 mg "magnesium" as gluconate (5.8% magnesium) means about 10 g of tablets a day: more
    likely the label's salt weight read as magnesium. None for a compound amount (that is the
    salt already), an unknown form, or a form without a fixed share (chelate).
    """
    current = answers.get("current_magnesium")
    mg = current.get("mg_per_day") if current else None
    if mg is None or current.get("amount_basis", "elemental") != "elemental":
        return None
    share = fixed_share(current["form"], forms)
    return mg / share if share else None


def fixed_share(form: str, forms: dict[str, dict]) -> float | None:
    """The form's elemental share, or None where it has no fixed one (chelate, unknown): then a
    salt's amount converts only to an upper bound, and a text says "at most", not "about"."""
    return forms.get(form, {}).get("elemental_share", {}).get("value")


def current_elemental(answers: dict, forms: dict[str, dict]) -> float | None:
    """The elemental magnesium taken now (see `elemental`), or None where no amount is given."""
    current = answers.get("current_magnesium")
    mg = current.get("mg_per_day") if current else None
    if mg is None:
        return None
    return elemental(mg, current.get("amount_basis", "elemental"), current["form"], forms)


def elemental(mg: float, basis: str, form: str, forms: dict[str, dict]) -> float:
    """The elemental magnesium in an amount: a compound amount converted by the form's share.

    An unknown form, or one without a fixed share (chelate), is converted with the largest share
    of any form: the estimate that errs towards "too much", the safe side for a limit.
    """
    if basis == "elemental":
        return mg
    share = forms.get(form, {}).get("elemental_share", {}).get("value")
    return mg * (share or safe_share(forms))


def safe_share(forms: dict[str, dict]) -> float:
    """The largest elemental share of any form: for a salt whose share is not known. Where no
    form has one, 1: the salt's whole weight, the most it can hold (never 0, which would count
    any amount as nothing and pass every limit)."""
    return max((f["elemental_share"]["value"] for f in forms.values() if f["elemental_share"]["value"]), default=1.0)


def over_limit(answers: dict, forms: dict[str, dict], upper: object) -> bool:
    """Whether the magnesium taken now is above the applied upper limit (where both are known)."""
    mg = current_elemental(answers, forms)
    return mg is not None and upper is not None and mg > upper
