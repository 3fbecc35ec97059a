"""What changes between two advices for the same answers: the heart of `rules impact`.

A practitioner who edits rules wants to know which clients would now be told something else,
and what: a block that appears or goes, another doctor-first triage, forms added or removed,
another amount, warnings added or removed. Only ids and amounts are compared (texts differ by
language and wording edits change no advice).
"""
from __future__ import annotations

from typing import Any

Change = tuple[str, dict[str, Any]]  # a code of the rules' text book and its params


def _amounts(advice: dict) -> dict[str, Any]:
    return {r["form"]: r["mg_per_day"] for r in advice.get("recommendations", [])}


def _shown(mg: Any) -> str:
    if mg is None:
        return "-"
    return f"{mg[0]}-{mg[1]}" if isinstance(mg, list) else str(mg)


def changes(old: dict, new: dict) -> list[Change]:
    """Every difference that matters to the client, in the order a practitioner reads it."""
    found: list[Change] = []
    if new["blocked"] and not old["blocked"]:
        found.append(("change_blocked", {"reasons": ", ".join(new["block_reasons"])}))
    elif old["blocked"] and not new["blocked"]:
        found.append(("change_unblocked", {}))
    if old["doctor_first_reasons"] != new["doctor_first_reasons"]:
        found.append(("change_doctor", {"old": ", ".join(old["doctor_first_reasons"]) or "-",
                                        "new": ", ".join(new["doctor_first_reasons"]) or "-"}))
    before, after = _amounts(old), _amounts(new)
    found += [("change_form_added", {"form": f}) for f in after if f not in before]
    found += [("change_form_removed", {"form": f}) for f in before if f not in after]
    found += [("change_amount", {"form": f, "old": _shown(before[f]), "new": _shown(after[f])})
              for f in after if f in before and before[f] != after[f]]
    limits = [(a["upper_limit_supplement_mg"], a["upper_limit_source"]) for a in (old, new)]
    if limits[0] != limits[1]:
        found.append(("change_limit", {"old": f"{_shown(limits[0][0])} ({limits[0][1] or '-'})",
                                       "new": f"{_shown(limits[1][0])} ({limits[1][1] or '-'})"}))
    old_ids = [w["id"] for w in old.get("warnings", [])]
    new_ids = [w["id"] for w in new.get("warnings", [])]
    found += [("change_warning_added", {"id": i}) for i in new_ids if i not in old_ids]
    found += [("change_warning_removed", {"id": i}) for i in old_ids if i not in new_ids]
    return found
