"""The FHIR R4 export (issue 19): the Questionnaire generated from the question data, a stored
intake as a QuestionnaireResponse naming it, the advice and plan as CarePlans, all in a Bundle.

Validated with fhir.resources (its R4B models: version 8 has no plain R4 package; R4B keeps R4's
Questionnaire, QuestionnaireResponse, CarePlan and MedicationRequest) for structure, and here
for what it does not check: every linkId exists, answer types match their item, codes are the
item's options, nothing is answered that was not enabled, and the response read back gives the
stored answers. Answers are drawn by walking the questions as a client would."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from fhir.resources.R4B.bundle import Bundle
from fhir.resources.R4B.questionnaire import Questionnaire
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import cli
from engine.answer_keys import BY_NAME
from engine.answers import complete
from engine.yamlsource import Document
from questionnaire.commands._fhir_export import applied
from questionnaire.fhir.bundle import build_bundle
from questionnaire.fhir.questionnaire import build_questionnaire, limitations, version
from questionnaire.fhir.response import build_response
from questionnaire.intake import questions
from questionnaire.intake.session import IntakeSession
from test_handout import PLAN
from test_review import DE_VRIES, JANSEN, save

VALUE_TYPES = {"string": "valueString", "integer": "valueInteger", "decimal": "valueDecimal",
               "choice": "valueCoding", "boolean": "valueBoolean"}


@pytest.fixture(scope="module")
def asked(adv):
    questionnaire = questions.load(adv.base)
    return questionnaire, build_questionnaire(questionnaire, version(questions.QUESTIONS_FILE))


def items(resource: dict) -> dict[str, dict]:
    """Every item of a Questionnaire (or response) by linkId, nested ones too."""
    found = {}
    for item in resource.get("item", []):
        found[item["linkId"]] = item
        found.update(items(item))
    return found


def test_the_questionnaire_is_valid_r4_with_the_question_ids_as_link_ids(asked):
    questionnaire, resource = asked
    Questionnaire.model_validate(resource)
    assert [item["linkId"] for item in resource["item"]] == [q.id for q in questionnaire.questions]
    every = items(resource)
    assert every["age"]["type"] == "integer" and every["current_amount"]["type"] == "decimal"
    assert every["complaints"]["repeats"] is True and every["sex"]["answerOption"][0]["valueCoding"]["code"] == "female"
    assert every["severity.muscle_cramps"]["enableWhen"][0]["answerCoding"]["code"] == "muscle_cramps"
    assert every["sex"]["_text"]["extension"][0]["extension"][1]["valueString"] == "What is your sex?"
    assert resource["version"].startswith("sha256:")


def test_enable_when_only_where_fhir_says_the_same_and_the_rest_listed(asked):
    questionnaire, resource = asked
    every = items(resource)
    assert every["age_months"]["enableWhen"] == [{"question": "age", "operator": "=", "answerInteger": 0}]
    assert every["kidney_checked"]["enableBehavior"] == "all" and len(every["kidney_checked"]["enableWhen"]) == 2
    assert every["current_form"]["enableWhen"] == [{"question": "takes_magnesium", "operator": "=", "answerBoolean": True}]
    assert "enableWhen" not in every["pregnant"] and "enableWhen" not in every["current_basis"]
    assert limitations(questionnaire) == ["pregnant: when", "breastfeeding: when", "current_basis: when",
                                          "complaints: choice menstrual_pain", "symptoms_muscles: choice growing_pains",
                                          "symptoms_other: choice pms", "symptoms_other: choice impotence"]


@st.composite
def walked(draw, questionnaire, base) -> IntakeSession:
    """A session answered as a client could: each question that applies, from what it offers."""
    session = IntakeSession(questionnaire, base)
    while (step := session.pending()) is not None:
        q, offered = step.question, [c.id for c in step.choices]
        if q.type == "text":
            value = draw(st.none() | st.text("abcdeé", min_size=1, max_size=10))  # left empty: None
        elif q.type == "number":
            key = BY_NAME[q.key] if not q.part else next(p for p in BY_NAME[q.key].parts if p.name == q.part)
            low, high = key.bounds
            value = draw((st.none() if q.optional else st.nothing()) | st.integers(low, min(high, 120 if not q.part else high)))
        elif q.type == "choice":
            value = draw(st.sampled_from(offered))
        elif q.type == "multi":
            value = draw(st.lists(st.sampled_from(offered), unique=True, max_size=4)) if offered else []
        elif q.type == "yesno":
            value = draw(st.booleans())
        else:
            value = {item: draw(st.integers(0, 10)) for item in draw(st.lists(st.sampled_from(offered), unique=True))}
        session.give(q, value)
    return session


def check_response(resource: dict, response: dict) -> None:
    """What fhir.resources does not check: links, types, codes, enablement."""
    every = items(resource)
    given = {item["linkId"]: item.get("answer", []) for item in items(response).values()}
    for link, answers in given.items():
        item = every[link]
        assert all(set(a) == {VALUE_TYPES[item["type"]]} for a in answers), (link, answers)
        options = [o["valueCoding"]["code"] for o in item.get("answerOption", [])]
        assert all(a["valueCoding"]["code"] in options for a in answers if "valueCoding" in a)
        for rule in item.get("enableWhen", []):  # every enableWhen of an answered item holds
            found = [a for a in given.get(rule["question"], [])]
            value = next(v for k, v in rule.items() if k.startswith("answer"))
            got = [next(iter(a.values())) for a in found]
            got = [g["code"] if isinstance(g, dict) else g for g in got]
            want = value["code"] if isinstance(value, dict) else value
            holds = {"=": want in got, "!=": want not in got, ">=": any(g >= want for g in got),
                     "<=": any(g <= want for g in got), "<": any(g < want for g in got), ">": any(g > want for g in got)}
            if item.get("enableBehavior") != "any":
                assert holds[rule["operator"]], (link, rule, got)


def read_back(questionnaire, base, response: dict) -> dict:
    """The contract answers that the response's answers give when walked through the questions."""
    by_id = {q.id: q for q in questionnaire.questions}
    session = IntakeSession(questionnaire, base)
    for item in response["item"]:
        q = by_id[item["linkId"]]
        values = [next(iter(a.values())) for a in item.get("answer", [])]
        values = [v["code"] if isinstance(v, dict) else v for v in values]
        if q.type == "scale":
            session.give(q, {sub["linkId"].split(".", 1)[1]: sub["answer"][0]["valueInteger"] for sub in item["item"]})
        else:
            session.give(q, values if q.type == "multi" else values[0])
    for step in session.steps():  # what the client left empty was answered too
        if step.question.id not in session.answered:
            session.give(step.question, {"multi": [], "scale": {}}.get(step.question.type))
    return session.answers()


@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_intake_exports_as_a_valid_bundle_that_reads_back_to_its_answers(adv, asked, data):
    questionnaire, resource = asked
    session = data.draw(walked(questionnaire, adv.base))
    answers = adv.check(Document("<walked>", session.answers()))
    advice = adv.advise(answers, "nl")
    response = build_response(applied(questionnaire, adv.base, answers, session.severities()), resource["version"],
                              "2026-12-05T10:00:00+01:00", 7)
    plan = {"version": 1, "created_at": "2026-12-05T11:00:00+01:00",
            "plan": {"items": [{"form": "citrate", "mg_per_day": 200}, {"form": "spray", "mg_per_day": None}]}}
    bundle = build_bundle(resource, response, 7, "2026-12-05T10:00:00+01:00", advice, plan, adv.base)
    Bundle.model_validate(bundle)
    check_response(resource, response)
    assert complete(read_back(questionnaire, adv.base, response)) == answers


def test_review_export_writes_the_bundle_with_the_plan(db, tmp_path, capsys):
    save(tmp_path, capsys, JANSEN)
    save(tmp_path, capsys, DE_VRIES)
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(tmp_path / "plan.yaml"))[0] == 0
    for number in ("1", "2"):
        out = tmp_path / f"intake-{number}.fhir.json"
        code, _, err = cli(capsys, "review", number, "--export", str(out))
        assert code == 0, err
        bundle = json.loads(out.read_text(encoding="utf-8"))
        Bundle.model_validate(bundle)
        kinds = [(e["resource"]["resourceType"], e["resource"].get("intent")) for e in bundle["entry"]]
        assert kinds[:2] == [("Questionnaire", None), ("QuestionnaireResponse", None)]
        assert ("CarePlan", "plan") in kinds if number == "1" else ("CarePlan", "plan") not in kinds
    blocked = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "MedicationRequest"]
    assert blocked[0]["doNotPerform"] is True and blocked[0]["reasonCode"][0]["coding"][0]["code"] == "kidney_problems"
    assert Path(tmp_path / "intake-1.fhir.json").stat().st_mode & 0o777 == 0o600
