"""What the letter asks the GP: which form, and which amount a day.

The form is the plan's oral one, else the advice's first choice. The amount is the plan's, else
the advice's, else (where a doctor must look first and the advice gives none) the amount the
rule base's strongest rule for that form writes, capped at the applied upper limit: the amount
the advice would give if no doctor had to look first, so the GP can answer yes or no to it. A
child gets no amount (the doctor decides it), nor does a blocked advice, which names no form, nor a
client on a magnesium antacid or laxative (the total is not known: no amount on top of it).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from engine.model import RuleBase

Amount = float | list  # a number, or [low, high]


@dataclass(frozen=True)
class Asked:
    form: str | None
    amount: Amount | None


def asked(advice: dict, plan: dict | None, base: RuleBase) -> Asked:
    """The form and amount to ask about (either may be None)."""
    oral = [i for i in (plan or {}).get("items", []) if base.forms.get(i["form"], {}).get("kind") == "oral"]
    primary = next((r for r in advice.get("recommendations", []) if r.get("role") == "primary"), None)
    if oral:
        form, amount = oral[0]["form"], oral[0].get("mg_per_day")
    elif primary:
        form, amount = primary["form"], primary.get("mg_per_day")
    else:
        return Asked(None, None)
    upper = advice.get("upper_limit_supplement_mg")
    unknown_total = "magnesium_antacids_laxatives" in advice.get("doctor_first_reasons", [])
    if "child" in advice.get("doctor_first_reasons", []) or unknown_total or upper is None:
        return Asked(form, None)
    if amount is None and primary and primary["form"] == form:
        amount = _written(primary, base, upper)
    return Asked(form, amount)


def _written(rec: dict, base: RuleBase, upper: float) -> Amount | None:
    """The elemental amount the strongest rule behind `rec` writes, capped at `upper`."""
    for rule_id in rec.get("reasons", []):
        rule = base.rule(rule_id)
        spec = rule.then.get("recommend") if rule else None
        if spec and spec.get("mg_per_day") is not None and spec.get("amount_basis", "elemental") == "elemental":
            mg = spec["mg_per_day"]
            if isinstance(mg, list):
                low, high = min(mg[0], upper), min(mg[1], upper)
                return low if low == high else [low, high]
            return min(mg, upper)
    return None
