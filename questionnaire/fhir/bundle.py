"""The intake in one FHIR R4 Bundle (type collection): the Questionnaire it answers (so the file
stands on its own), the QuestionnaireResponse, the advice as a
CarePlan with intent `proposal`, and the practitioner's latest plan as a CarePlan with intent
`plan` based on it; each form is a MedicationRequest (proposal or plan) that the CarePlan's
activities reference.

What fits and what does not: a daily total is Dosage.maxDosePerPeriod (mg per 1 d), the upper
bound the safety rules set; R4's Dosage has no daily range, so the advice's lower bound is not
carried (the summary and the JSON export have it). A blocked advice is one MedicationRequest
with doNotPerform and the block reasons as its reasonCode; a doctor-first advice names forms
without an amount, as the advice itself does. Topical items (spray, bath) carry no amount.
Entries are named by uuid5 from the intake's number, so an export made twice is the same.
"""
from __future__ import annotations

import uuid
from typing import Any

from .questionnaire import coding, system
from .response import subject

UCUM = "http://unitsofmeasure.org"
NAMESPACE = uuid.UUID("6d61676e-6573-6975-6d2d-696e74616b65")  # this program's uuid5 namespace


def _url(number: int, name: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{number}/{name}')}"


def _per_day(mg: float) -> dict:
    return {"maxDosePerPeriod": {"numerator": {"value": mg, "unit": "mg", "system": UCUM, "code": "mg"},
                                 "denominator": {"value": 1, "unit": "d", "system": UCUM, "code": "d"}}}


def _medication(number: int, intent: str, form: str, mg: float | None, base: Any, lang: str) -> dict:
    found = {"resourceType": "MedicationRequest", "status": "draft" if intent == "proposal" else "active",
             "intent": intent, "subject": subject(number),
             "medicationCodeableConcept": {"coding": [coding("forms", form, base.catalogue["forms"].get(form), lang)]}}
    if mg is not None:
        found["dosageInstruction"] = [_per_day(mg)]
    return found


def _reasons(kind: str, ids: list[str], base: Any, lang: str) -> list[dict]:
    return [{"coding": [coding(kind, i, base.catalogue.get(kind, {}).get(i), lang)]} for i in ids]


def _advised(number: int, advice: dict, base: Any, lang: str) -> list[dict]:
    """The advice's MedicationRequests: one per recommended form, or one doNotPerform when blocked."""
    if advice["blocked"]:
        return [{"resourceType": "MedicationRequest", "status": "draft", "intent": "proposal", "doNotPerform": True,
                 "subject": subject(number),
                 "medicationCodeableConcept": {"coding": [{"system": system("substance"), "code": "magnesium"}]},
                 "reasonCode": _reasons("block_reasons", advice["block_reasons"], base, lang)}]
    found = []
    for recommendation in advice["recommendations"]:
        amount = recommendation.get("mg_per_day")
        request = _medication(number, "proposal", recommendation["form"], amount[1] if amount else None, base, lang)
        if advice["doctor_first"]:
            request["reasonCode"] = _reasons("doctor_first_reasons", advice["doctor_first_reasons"], base, lang)
        found.append(request)
    return found


def _care_plan(number: int, intent: str, created: str, requests: list[str], extra: dict) -> dict:
    return {"resourceType": "CarePlan", "status": "active", "intent": intent, "subject": subject(number),
            "created": created, "activity": [{"reference": {"reference": url}} for url in requests], **extra}


def build_bundle(questionnaire: dict, response: dict, number: int, created_at: str, advice: dict, plan: dict | None,
                 base: Any, lang: str = "nl") -> dict:
    """The Bundle of one intake: the Questionnaire, its response, the advice and (when made)
    the latest plan."""
    entries = [(_url(number, "response"), response)]
    advised = [(_url(number, f"advice/{i}"), r) for i, r in enumerate(_advised(number, advice, base, lang))]
    proposal = _url(number, "advice")
    entries += advised + [(proposal, _care_plan(number, "proposal", created_at, [u for u, _ in advised],
                                                {"supportingInfo": [{"reference": entries[0][0]}]}))]
    if plan is not None:
        items = plan["plan"].get("items") or []
        planned = [(_url(number, f"plan/{plan['version']}/{i}"),
                    _medication(number, "plan", item["form"], item.get("mg_per_day"), base, lang))
                   for i, item in enumerate(items)]
        entries += planned + [(_url(number, f"plan/{plan['version']}"),
                               _care_plan(number, "plan", plan["created_at"], [u for u, _ in planned],
                                          {"basedOn": [{"reference": proposal}]}))]
    entries.insert(0, (questionnaire["url"], questionnaire))
    return {"resourceType": "Bundle", "type": "collection", "entry": [{"fullUrl": u, "resource": r} for u, r in entries]}
