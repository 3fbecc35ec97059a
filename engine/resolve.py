"""From the rules that fired to the advice object of the contract.

Precedence is resolved here, after matching, because durable_rules cannot retract a rule that
is already queued: a block empties the recommendations whatever else fired; one oral form is
primary (the strongest priority), the other oral forms are alternatives, sprays and baths are
topical; adjustments (children, pregnancy) apply to every recommendation; where a doctor must
look first no amount is given at all; and no amount (elemental, a compound one converted) stays
above the upper limit without "consult your doctor", nor above CEILING_FACTOR times it with.
"""
from __future__ import annotations

import math

from .errors import BadInput, problem
from .facts import LIKELIHOODS, elemental
from .model import Rule, RuleBase
from .promises import CEILING_FACTOR
from .rulebase import EVIDENCE_LEVELS

_LEVELS = ("critical", "warning", "info")  # most severe first: the order the practitioner reads them in
_ROLES = ("primary", "alternative", "topical")  # the order of the recommendations


def reference(fired: list[Rule], answers: dict, base: RuleBase) -> tuple[object, object, str | None]:
    """The reference intake, the applied upper limit and its body, from the one reference rule that fired."""
    refs = [r.then["reference"] for r in fired if "reference" in r.then]
    if len(refs) != 1:
        ids = ", ".join(r.id for r in fired if "reference" in r.then) or "-"
        raise BadInput([problem(base.directory, "reference", "reference_count", count=len(refs), rules=ids,
                                age=answers["age"], sex=answers["sex"])])
    [ref] = refs
    intake = ref["intake"]
    if isinstance(intake, dict):
        intake = [intake["female"], intake["male"]] if answers["sex"] == "other" else intake[answers["sex"]]
    return (intake, *applied_limit(ref["upper_limit"], base.settings["upper_limit_policy"]))


def applied_limit(limits: dict, policy: str) -> tuple[object, str | None]:
    """The upper limit the policy chooses: the stricter body's, or the named body's where it set one."""
    known = {body: mg for body, mg in limits.items() if mg is not None}
    if not known:
        return None, None
    body = policy if policy in known else min(known, key=known.__getitem__)
    return known[body], body


def recommendations(fired: list[Rule], base: RuleBase, lang: str, limit: tuple[object, str | None],
                    doctor_first: bool) -> tuple[list[dict], list[dict]]:
    """One recommendation per form with every rule behind it, and the warnings made on the way."""
    recs, merged = _gather(fired, base, lang, doctor_first)
    _apply_adjustments(recs, fired, lang)
    if doctor_first:
        for rec in recs:
            rec["consult_doctor"], rec["mg_per_day"] = True, None
    warnings = merged + [w for rec in recs for w in _cap(rec, limit, base, lang)]
    oral = [r for r in recs if base.forms[r["form"]]["kind"] == "oral"]
    for i, rec in enumerate(oral):
        rec["role"] = "primary" if i == 0 else "alternative"
    dropped = _dropped(fired)
    final = [_contract_order(rec, lang) for rec in recs if rec.get("role", "topical") not in dropped]
    return sorted(final, key=lambda r: _ROLES.index(r["role"])), warnings


def _gather(fired: list[Rule], base: RuleBase, lang: str, doctor_first: bool) -> tuple[list[dict], list[dict]]:
    """Every recommending rule, strongest first, merged into one recommendation per form (after
    any swap of form); a note for each amount set aside, unless no amount is given at all."""
    by_form: dict[str, dict] = {}
    merged: list[dict] = []
    swaps = {r.then["swap_form"]["from"]: r for r in fired if "swap_form" in r.then}
    for rule in sorted((r for r in fired if "recommend" in r.then), key=lambda r: (r.priority, r.order)):
        spec = rule.then["recommend"]
        swap = swaps.get(spec["form"])
        spec = dict(spec, form=swap.then["swap_form"]["to"]) if swap else spec
        rec = by_form.setdefault(spec["form"], _new_recommendation(spec))
        if _differs(rec, spec) and not doctor_first:  # a new one is made from this spec: never differs
            merged.append(_merge_note(rec, rule, base, lang))
        for reason in (rule, swap) if swap else (rule,):
            _add_reason(rec, reason, lang)
        rec["_evidence"].append(rule.evidence)
        rec["consult_doctor"] = rec["consult_doctor"] or spec.get("consult_doctor", False)
        timing = spec.get("timing", {}).get(lang)
        if timing and timing not in rec["_timings"]:
            rec["_timings"].append(timing)
    return list(by_form.values()), merged


def _dropped(fired: list[Rule]) -> set[str]:
    """The roles an adjustment leaves out: alternatives (one form only), topical forms."""
    adjust = {key for rule in fired for key, on in rule.then.get("adjust", {}).items() if on}
    return {role for key, role in (("one_form", "alternative"), ("no_topical", "topical")) if key in adjust}


def _contract_order(rec: dict, lang: str) -> dict:
    """The recommendation with the keys in the contract's order."""
    return {
        "form": rec["form"],
        "role": rec.get("role", "topical"),
        "mg_per_day": rec["mg_per_day"],
        "amount_basis": rec["amount_basis"],
        "timing": "; ".join(rec["_timings"]) or None,
        "duration_days": rec["duration_days"],
        "consult_doctor": rec["consult_doctor"],
        "evidence": best_evidence(rec["_evidence"], lang),
        "reasons": rec["reasons"],
        "sources": rec["sources"],
    }


def best_evidence(evidence: list[dict], lang: str) -> dict:
    """The evidence of the best-supported use behind one recommendation, with the dose its
    trials used where the rule names one (a level earned at 600 mg says little about 200)."""
    best = min(evidence, key=lambda e: EVIDENCE_LEVELS.index(e["level"]))
    found = {"level": best["level"], "source": best["source"][lang]}
    if "trial_dose" in best:
        found["trial_dose"] = best["trial_dose"][lang]
    return found


def _add_reason(rec: dict, rule: Rule, lang: str) -> None:
    """Name a rule behind a recommendation, and its source once."""
    if rule.id not in rec["reasons"]:
        rec["reasons"].append(rule.id)
    if rule.source[lang] not in rec["sources"]:
        rec["sources"].append(rule.source[lang])


def _differs(rec: dict, spec: dict) -> bool:
    """A weaker rule for the same form that asks another amount or duration than the kept one."""
    return (spec.get("mg_per_day"), spec.get("duration_days")) != (rec["mg_per_day"], rec["duration_days"])


def _merge_note(rec: dict, rule: Rule, base: RuleBase, lang: str) -> dict:
    """Say that a rule's amount or duration was set aside: nothing is dropped silently."""
    text = base.text("amount_merged", lang).format(
        form=base.label("forms", rec["form"], lang), kept=_quoted(base, rec["reasons"][0], lang),
        other=_quoted(base, rule.id, lang))
    return {"id": "amount_merged", "level": "info", "text": text, "source": rule.source[lang]}


def _quoted(base: RuleBase, rule_id: str, lang: str) -> str:
    """A rule as a text names it: by its title in quotes (ids belong in `fired_rules` only)."""
    rule = base.rule(rule_id)
    return f'"{rule.title[lang]}"' if rule else rule_id


def _new_recommendation(spec: dict) -> dict:
    return {
        "form": spec["form"],
        "mg_per_day": spec.get("mg_per_day"),
        "amount_basis": spec.get("amount_basis", "elemental"),
        "_timings": [],
        "_evidence": [],
        "duration_days": spec.get("duration_days"),
        "consult_doctor": False,
        "reasons": [],
        "sources": [],
    }


def _apply_adjustments(recs: list[dict], fired: list[Rule], lang: str) -> None:
    for rule in fired:
        adjust = rule.then.get("adjust", {})
        for rec in recs:
            if adjust.get("consult_doctor"):
                rec["consult_doctor"] = True
            if adjust.get("withhold_amount"):
                rec["mg_per_day"] = None
            if adjust:
                _add_reason(rec, rule, lang)


def _cap(rec: dict, limit: tuple[object, str | None], base: RuleBase, lang: str) -> list[dict]:
    """The safety net of design principle 1, on the elemental amount (a compound one converted
    with the form's share): above the upper limit an amount is capped at the limit; where the
    doctor is consulted it may stay above it, up to CEILING_FACTOR times the limit, with a
    warning that says so. A compound amount that is capped or warned about becomes elemental."""
    upper, body = limit
    mg = rec["mg_per_day"]
    if mg is None or upper is None:
        return []
    low, high = (mg if isinstance(mg, list) else (mg, mg))
    low, high = (elemental(v, rec["amount_basis"], rec["form"], base.forms) for v in (low, high))
    if high <= upper:
        return []
    most = CEILING_FACTOR * upper if rec["consult_doctor"] else upper
    low, high = min(low, most), min(high, most)
    if rec["amount_basis"] != "elemental":  # a converted amount: whole mg, rounded down
        low, high = math.floor(low), math.floor(high)
    rec["mg_per_day"], rec["amount_basis"] = ([low, high] if isinstance(mg, list) else high), "elemental"
    form, source = base.label("forms", rec["form"], lang), base.text("source_upper_limit", lang).format(body=body)
    if rec["consult_doctor"]:
        text = base.text("above_limit_doctor", lang).format(form=form, amount=high, limit=upper, ceiling=most)
        return [{"id": "above_limit_doctor", "level": "warning", "text": text, "source": source}]
    text = base.text("amount_capped", lang).format(form=form, limit=upper)
    return [{"id": "amount_capped", "level": "info", "text": text, "source": source}]


def avoid(fired: list[Rule], recs: list[dict], base: RuleBase, lang: str) -> tuple[list[str], list[dict]]:
    """Forms to avoid, less those a rule recommends here (with a note that says why)."""
    listed = list(dict.fromkeys(f for r in fired for f in r.then.get("avoid_forms", [])))
    recommended = {r["form"]: r for r in recs}
    notes = []
    for form in listed:
        if form in recommended:
            text = base.text("avoid_exception", lang).format(
                form=base.label("forms", form, lang),
                rules=", ".join(_quoted(base, rid, lang) for rid in recommended[form]["reasons"]))
            notes.append({"id": "avoid_exception", "level": "info", "text": text,
                          "source": base.text("source_article_forms", lang)})
    return [f for f in listed if f not in recommended], notes


def _rule_warnings(rule: Rule, lang: str) -> list[dict]:
    """What one rule warns: the critical warning of its block, and its own warning."""
    specs = []
    if "block" in rule.then:
        block = rule.then["block"]
        specs.append({"id": block["reason"], "level": "critical", "text": block["text"]})
    if "warning" in rule.then:
        specs.append(rule.then["warning"])
    return [{"id": w["id"], "level": w["level"], "text": w["text"][lang], "source": rule.source[lang]} for w in specs]


def warnings(fired: list[Rule], lang: str, extra: list[dict]) -> list[dict]:
    """Block and rule warnings, one per id (the most severe), critical first."""
    found: dict[str, dict] = {}
    for warning in (w for rule in fired for w in _rule_warnings(rule, lang)):
        known = found.get(warning["id"])
        if known is None or _LEVELS.index(warning["level"]) < _LEVELS.index(known["level"]):
            found[warning["id"]] = warning
    for item in extra:
        found.setdefault(item["id"], item)
    return sorted(found.values(), key=lambda w: _LEVELS.index(w["level"]))


def likelihood(fired: list[Rule]) -> str:
    """The highest likelihood any rule concluded ('low' when none did)."""
    levels = [r.then["likelihood"] for r in fired if "likelihood" in r.then]
    return max(levels, key=LIKELIHOODS.index, default="low")


def collected(fired: list[Rule], key: str, catalogue: dict) -> list[str]:
    """Ids a conclusion lists (foods, cofactors), in catalogue order, without removed foods."""
    wanted = {i for r in fired for i in r.then.get(key, [])}
    if key == "foods":
        wanted -= {i for r in fired for i in r.then.get("remove_foods", [])}
    return [i for i in catalogue if i in wanted]
