"""The follow-up's contract answers and what its closing screen must say (pure functions).

The follow-up advice is the normal engine's advice on normal contract answers: the intake's
answers with the answers asked again in their place. When the plan was taken (at least partly)
the plan's oral item is what the client takes now (`current_magnesium`, elemental, as the plan
states it) and the side effects are its `excess_symptoms`, so serious signs block the advice
and mild ones warn, by the same rules as at an intake. Not taken: what the client took at the
intake, and no signs to report (the questions about them were not asked).
"""
from __future__ import annotations

from typing import Any

from engine.answers import KEYS

from .follow_up_questions import NONE, FollowUpQuestions

# The plan_taken answers after which the plan counts as taken: "stopped" too, as the client often
# stops because of a side effect, and serious signs must then still lead to the usual block.
TAKEN = ("yes", "partly", "stopped")


def seed(intake_answers: dict, questions: FollowUpQuestions) -> dict:
    """The intake's answers that the follow-up does not ask again (each `when` reads them), as an
    answers file gives them: the store keeps the checked answers, whose absent keys are null."""
    asked = {q.key for q in questions.questionnaire.questions if q.contract} | {"excess_symptoms"}
    return {key: value for key, value in intake_answers.items() if key not in asked and value is not None}


def reminders(intake_answers: dict, questions: FollowUpQuestions) -> dict[str, Any]:
    """The intake's answers shown above the questions of `remind`, by question id.

    Shown, never chosen for the client: Enter on a kidney question that starts at the intake's
    "no problems" would keep it though the kidneys have changed since. The complaints are not
    among them either: ticked fresh, then and now compare honestly.
    """
    return {q.id: intake_answers[q.key] for q in questions.questionnaire.questions
            if q.id in questions.remind and q.key in intake_answers}


def side_effects(answered: dict) -> list[str]:
    """The signs of too much the client ticked (`none` is a way of saying there were none)."""
    return [item for item in answered.get("side_effects") or [] if item != NONE]


def taken(answered: dict) -> bool:
    return answered.get("plan_taken") in TAKEN


def plan_current(plan: dict, forms: dict[str, dict]) -> dict | None:
    """What the plan has the client take by mouth, as the contract's current_magnesium."""
    items = plan.get("items") or []
    oral = [i for i in items if forms.get(i["form"], {}).get("kind") == "oral"] or items
    if not oral:
        return None
    return {"form": oral[0]["form"], "mg_per_day": oral[0].get("mg_per_day"), "amount_basis": "elemental"}


def contract_answers(given: dict, answered: dict, intake_answers: dict, plan: dict | None,
                     forms: dict[str, dict]) -> dict:
    """The follow-up's contract answers, in the contract's order (checked by the caller).

    `given` is the session's answers (the seed with the answers asked again); `answered` its
    answers by question id (plan_taken, side_effects).
    """
    answers = {key: value for key, value in given.items() if key not in ("current_magnesium", "excess_symptoms")}
    current = plan_current(plan, forms) if plan and taken(answered) else None
    if current is not None:
        answers["current_magnesium"] = current
        answers["excess_symptoms"] = side_effects(answered)
    elif intake_answers.get("current_magnesium") is not None:
        answers["current_magnesium"] = intake_answers["current_magnesium"]
    return {key: answers[key] for key in KEYS if key in answers}


def alarm(advice: dict) -> list[str]:
    """What the client must hear before leaving (keys of common/safety_texts.yaml; none: nothing).

    A blocked advice (serious signs of too much, and every other reason not to take magnesium
    now): stop, the GP today, 112 for very slow breathing; the rule base's block decides, not a
    list kept here. Abdominal pain or cramps in pregnancy: the midwife today. Numbness or trouble
    finding words: 112 when sudden and one-sided. Every pregnancy: the warning signs of
    pre-eclampsia. A child with complaints while taking magnesium: stop, the GP today, 112. Seizures:
    a first or new one, the GP today. The complaints are
    asked before the pregnancy, so a client pregnant since the intake may tick menstrual pain."""
    warned = {w["id"] for w in advice.get("warnings", [])}
    said = ["stop_gp_today", "too_much_112"] if advice.get("blocked") or "child_side_effects" in warned else []
    if "slow_breathing_112" in warned:  # slow breathing reported: 112 comes first (hazard log)
        said = ["too_much_112", "stop_gp_today"]
    reasons = advice.get("doctor_first_reasons", [])
    said += [key for reason, key in (("pregnancy_abdominal_pain", "midwife_today"), ("seizures", "seizure_today"))
             if reason in reasons]
    said += [key for wid, key in (("stroke_alarm", "stroke_112"), ("pregnancy_seizures", "eclampsia_112"),
                                  ("pregnancy", "preeclampsia_today"), ("child_mobility_today", "child_walking_today"),
                                  ("child_fast_breathing", "child_breathing_today"))
             if wid in warned]  # every pregnant client hears the signs of pre-eclampsia (blind read 6)  # a client alone at home must not wait for the practitioner (hazard log)
    return said
