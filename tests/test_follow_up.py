"""The follow-up without a terminal: its questions (data), its contract answers, its advice
(serious signs block it, as a property), the store's follow-ups and the migration to them."""
from __future__ import annotations

import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import store_of_version
from engine.errors import BadInput
from engine.yamlsource import Document
from questionnaire.intake import follow_up, follow_up_questions
from questionnaire.intake.questions import QUESTIONS_FILE
from questionnaire.intake.session import IntakeSession
from questionnaire.store import SCHEMA_VERSION, open_read_only, open_store
from strategies import answers as client_answers

INTAKE = {"client": "Jansen", "age": 42, "age_months": None, "sex": "female", "pregnant": False,
          "breastfeeding": False, "kidney": "none", "kidney_checked": False, "complaints": ["muscle_cramps"],
          "conditions": [], "medications": ["antibiotics"], "current_magnesium": None, "excess_symptoms": [],
          "symptoms": []}  # as the store keeps them: checked, absent keys null
PLAN = {"items": [{"form": "chloride_spray", "mg_per_day": None}, {"form": "citrate", "mg_per_day": 200}]}
SERIOUS = ("low_blood_pressure", "dizziness", "muscle_weakness", "slow_breathing")


@pytest.fixture(scope="module")
def book(adv):
    return follow_up_questions.load(adv.base, with_plan=True)


def session(book, adv, intake: dict = INTAKE) -> IntakeSession:
    return IntakeSession(book.questionnaire, adv.base, "t", seed=follow_up.seed(intake, book),
                         reminders=follow_up.reminders(intake, book))


def answer_all(s: IntakeSession, given: dict) -> list[str]:
    """Answer every question: from `given`, else as at the intake (the answer shown above it)."""
    asked = []
    while (step := s.pending()) is not None:
        qid = step.question.id
        asked.append(qid)
        s.give(step.question, given[qid] if qid in given else s.reminders.get(qid, s.default(step.question)))
    return asked


def test_the_shipped_follow_up_asks_complaints_severity_plan_side_effects_and_the_safety_answers(book, adv):
    ids = [q.id for q in book.questionnaire.questions]
    assert ids == ["complaints", "severity", "plan_taken", "side_effects", "pregnant", "breastfeeding", "kidney",
                   "kidney_checked", "medications"]
    assert [c.id for c in book.questionnaire.questions[2].choices] == list(follow_up_questions.PLAN_TAKEN)
    assert [c.id for c in book.questionnaire.questions[3].choices] == [*adv.base.catalogue["excess_symptoms"], "none"]
    without = follow_up_questions.load(adv.base, with_plan=False)
    assert "plan_taken" not in [q.id for q in without.questionnaire.questions]


def test_side_effects_only_after_the_plan_was_taken_and_the_safety_answers_are_shown_not_chosen(book, adv):
    s = session(book, adv)
    kidney = next(q for q in book.questionnaire.questions if q.id == "kidney")
    assert s.default(kidney) is None and s.reminders["kidney"] == "none"  # shown above it, never chosen
    asked = answer_all(s, {"complaints": ["muscle_cramps"], "severity": {"muscle_cramps": 3}, "plan_taken": "no"})
    assert "side_effects" not in asked and "kidney_checked" not in asked  # 42: not asked
    assert s.answered["medications"] == ["antibiotics"] and s.answered["kidney"] == "none"
    s = session(book, adv)
    assert s.default(book.questionnaire.questions[0]) is None and "complaints" not in s.reminders  # ticked fresh
    assert "side_effects" in answer_all(s, {"complaints": [], "plan_taken": "partly", "side_effects": ["nausea"]})


def test_taken_the_plans_oral_item_is_current_and_the_side_effects_its_signs(book, adv):
    s = session(book, adv)
    answer_all(s, {"complaints": ["sleep_problems"], "severity": {}, "plan_taken": "yes",
                   "side_effects": ["diarrhea"]})
    built = follow_up.contract_answers(s.answers(), s.answered, INTAKE, PLAN, adv.base.forms)
    assert built["current_magnesium"] == {"form": "citrate", "mg_per_day": 200, "amount_basis": "elemental"}
    assert built["excess_symptoms"] == ["diarrhea"] and built["complaints"] == ["sleep_problems"]
    assert "age_months" not in built and list(built)[:3] == ["client", "age", "sex"]
    advice = adv.advise(adv.check(Document("<t>", built)), "nl")
    assert not advice["blocked"] and "excess_symptoms" in {w["id"] for w in advice["warnings"]}  # mild: a warning


def test_not_taken_what_the_client_took_at_the_intake_and_no_signs(book, adv):
    before = {**INTAKE, "current_magnesium": {"form": "oxide", "mg_per_day": 100, "amount_basis": "elemental"},
              "excess_symptoms": ["diarrhea"]}
    s = session(book, adv, before)
    answer_all(s, {"complaints": [], "plan_taken": "no"})
    built = follow_up.contract_answers(s.answers(), s.answered, before, PLAN, adv.base.forms)
    assert built["current_magnesium"]["form"] == "oxide" and "excess_symptoms" not in built


def test_stopped_because_of_serious_signs_still_blocks(book, adv):
    """A client who started and stopped again is asked about signs too (often the reason to stop):
    serious ones block the follow-up's advice as if still taking it."""
    s = session(book, adv, INTAKE)
    answer_all(s, {"complaints": [], "plan_taken": "stopped", "side_effects": ["dizziness"]})
    built = follow_up.contract_answers(s.answers(), s.answered, INTAKE, PLAN, adv.base.forms)
    assert built["excess_symptoms"] == ["dizziness"] and built["current_magnesium"] is not None
    assert adv.advise(adv.check(Document("<t>", built)), "nl")["block_reasons"] == ["excess_symptoms"]


def test_pregnant_since_the_intake_with_cramps_in_the_belly_hears_midwife_today(book, adv):
    """The complaints come before the pregnancy question, so a client pregnant since the intake
    may still tick menstrual pain: the follow-up's advice says the midwife today, and so does the
    closing screen."""
    s = session(book, adv, INTAKE)
    answer_all(s, {"complaints": ["menstrual_pain"], "severity": {}, "plan_taken": "no", "pregnant": True})
    built = follow_up.contract_answers(s.answers(), s.answered, INTAKE, PLAN, adv.base.forms)
    advice = adv.advise(adv.check(Document("<t>", built)), "nl")
    assert "pregnancy_abdominal_pain" in advice["doctor_first_reasons"]
    assert follow_up.alarm(advice) == ["midwife_today", "preeclampsia_today"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(intake=client_answers(), taken=st.sampled_from(follow_up.TAKEN),
       signs=st.lists(st.sampled_from(["diarrhea", "nausea", "thirst", *SERIOUS]), unique=True),
       serious=st.sampled_from(SERIOUS), mg=st.integers(0, 250))
def test_any_serious_side_effect_blocks_the_follow_up_advice(adv, book, intake, taken, signs, serious, mg):
    stored = intake  # the strategy gives answers as the store keeps them: checked, absent keys null
    s = session(book, adv, stored)
    ticked = [*signs, serious] if serious not in signs else signs
    answer_all(s, {"complaints": stored["complaints"], "severity": {}, "plan_taken": taken, "side_effects": ticked})
    plan = {"items": [{"form": "citrate", "mg_per_day": mg}]}
    built = follow_up.contract_answers(s.answers(), s.answered, stored, plan, adv.base.forms)
    advice = adv.advise(adv.check(Document("<follow-up>", built)), "en")
    assert advice["blocked"] and "excess_symptoms" in advice["block_reasons"] and advice["recommendations"] == []
    first = ["too_much_112", "stop_gp_today"] if "slow_breathing" in ticked else ["stop_gp_today", "too_much_112"]
    assert follow_up.alarm(advice)[:2] == first  # slow breathing: 112 comes first


def test_a_broken_follow_up_section_names_file_line_and_what_is_allowed(tmp_path, adv):
    text = QUESTIONS_FILE.read_text(encoding="utf-8")
    text = text.replace("ask: [complaints, severity,", "ask: [complaints, severity, kidneys,")
    text = text.replace('          stopped: {nl: "Ik ben begonnen', '          halted: {nl: "Ik ben begonnen')
    path = tmp_path / "questions.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BadInput) as err:
        follow_up_questions.load(adv.base, True, path)
    lines = [p.render("en") for p in err.value.problems]
    assert any(":" in line.split(" ")[0] and "follow_up ask" in line and "'kidneys'" in line for line in lines)
    assert any("question 'plan_taken'" in line and "stopped" in line for line in lines)


def test_the_store_keeps_follow_ups_exports_them_and_deletes_them_with_the_intake(tmp_path, adv):
    advice = adv.advise(adv.check(Document("<t>", {k: v for k, v in INTAKE.items() if v is not None})), "nl")
    record = {"lang": "nl", "answers": INTAKE, "severities": {"muscle_cramps": 2}, "plan_taken": "yes",
              "plan_version": 1, "side_effects": [], "advice": advice}
    with open_store(str(tmp_path / "s.sqlite3")) as store:
        number = store.save_intake(INTAKE, advice, "nl", None, severities={"muscle_cramps": 8})
        assert [store.save_follow_up(number, record), store.save_follow_up(number, record)] == [1, 2]
        kept = store.follow_ups(number)
        assert [f["number"] for f in kept] == [1, 2] and kept[0]["severities"] == {"muscle_cramps": 2}
        assert store.get(number).severities == {"muscle_cramps": 8} and set(store.latest_follow_ups()) == {number}
        store.delete(number)
        assert store.follow_ups(number) == [] and store.latest_follow_ups() == {}
        with pytest.raises(BadInput):
            store.save_follow_up(number, record)


def test_a_version_4_store_is_migrated_and_its_intakes_have_no_severities(tmp_path, adv):
    path = tmp_path / "v4.sqlite3"
    con = store_of_version(path, 4)
    con.execute("INSERT INTO intake (created_at, lang, answers, advice, rulebase_version, follow_up) VALUES "
                "('2025-01-15T10:00:00+01:00', 'nl', ?, '{}', 'x', '2025-02-14')", (json.dumps(INTAKE),))
    con.commit()
    con.close()
    with open_read_only(str(path)) as store:  # read-only: not migrated, still readable
        assert store.get(1).severities is None and store.follow_ups(1) == []
    with open_store(str(path)) as store:
        assert store.get(1).severities is None and store.follow_ups(1) == []
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert {row[1] for row in con.execute("PRAGMA table_info(follow_ups)")} >= {
        "intake", "severities", "plan_taken", "plan_version", "side_effects", "advice", "rulebase_version"}


def test_a_damaged_follow_up_is_one_line_exit_2_naming_the_column(db, capsys, adv):
    from conftest import cli

    answers = adv.check(Document("<t>", {k: v for k, v in INTAKE.items() if v is not None}))
    advice = adv.advise(answers, "nl")
    with open_store(str(db)) as store:
        store.save_follow_up(store.save_intake(answers, advice, "nl", None), {
            "lang": "nl", "answers": answers, "severities": {}, "plan_taken": None, "plan_version": None,
            "side_effects": [], "advice": advice})
    con = sqlite3.connect(db)
    con.execute("UPDATE follow_ups SET advice = '{broken'")
    con.commit()
    con.close()
    code, out, err = cli(capsys, "review", "1", "--no-pager")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "follow_ups.advice" in err and "intake 1" in err
    code, listed, _ = cli(capsys, "review")
    assert code == 0 and "onleesbaar" in listed  # the list still shows it, marked


def test_a_follow_up_of_another_rule_base_says_its_texts_are_in_its_language(adv):
    from questionnaire.store import StoredIntake
    from questionnaire.summary.build import build

    answers = adv.check(Document("<t>", {k: v for k, v in INTAKE.items() if v is not None}))
    advice = adv.advise(answers, "nl")
    intake = StoredIntake(1, "2025-01-15T10:32:00+01:00", "Jansen", "nl", answers, advice, "x", None, "new", None,
                          None, None, severities={"muscle_cramps": 4})
    later = {"number": 1, "created_at": "2025-02-15T10:00:00+01:00", "lang": "en", "answers": answers,
             "severities": {}, "plan_taken": None, "plan_version": None, "side_effects": [],
             "advice": adv.advise(answers, "en"), "rulebase_version": "other", "advice_lang": "en"}
    summary = build(answers, advice, adv.base, "nl", intake=intake, follow_ups=[later])
    section = next(s for s in summary.sections if s.key == "follow_up")
    texts = [b.text for b in section.blocks if hasattr(b, "text")]
    assert any("in de taal van het vervolg (Engels)" in t for t in texts)
    assert "Spierkrampen (4)" in str(next(s for s in summary.sections if s.key == "profile"))


def test_none_of_these_is_never_ticked_with_a_sign(book, adv):
    """Issue 21: "Diarrhee" and "Geen van deze" were accepted together. `exclusive` in the
    questions file: the answer is refused, and a resume file that holds it is asked again."""
    s = session(book, adv)
    answer_all(s, {"complaints": [], "plan_taken": "yes", "side_effects": ["none"]})
    side = next(q for q in book.questionnaire.questions if q.id == "side_effects")
    assert [c.id for c in side.choices if c.exclusive] == ["none"]
    with pytest.raises(ValueError):
        s.give(side, ["diarrhea", "none"])
    step = next(st for st in s.steps() if st.question.id == "side_effects")
    assert not s.fits(step, ["diarrhea", "none"]) and s.fits(step, ["diarrhea", "nausea"]) and s.fits(step, ["none"])


@pytest.mark.parametrize("given, keys", [
    ({"symptoms": ["numbness"]}, ["stroke_112"]),
    ({"symptoms": ["word_finding_difficulty"]}, ["stroke_112"]),
    ({"pregnant": True, "complaints": ["migraine"]}, ["preeclampsia_today"]),
    ({"complaints": ["migraine"]}, []),
    ({"symptoms": ["seizures"]}, ["seizure_today"]),
    ({"pregnant": True, "symptoms": ["seizures"]}, ["seizure_today", "eclampsia_112", "preeclampsia_today"]),
    ({"pregnant": True, "complaints": ["heartburn"]}, ["preeclampsia_today"]),
    ({"pregnant": True, "symptoms": ["water_retention"]}, ["preeclampsia_today"]),
    ({"age": 8, "sex": "male", "pregnant": False, "complaints": ["mobility"]}, ["child_walking_today"]),
    ({"age": 3, "sex": "male", "pregnant": False, "symptoms": ["hyperventilation"]}, ["child_breathing_today"]),
    ({"current_magnesium": {"form": "citrate", "mg_per_day": 100}, "excess_symptoms": ["slow_breathing"]},
     ["too_much_112", "stop_gp_today"]),
    ({"age": 3, "sex": "male", "pregnant": False, "current_magnesium": {"form": "chelate", "mg_per_day": None},
      "excess_symptoms": ["nausea"]}, ["stop_gp_today", "too_much_112"]),
])
def test_the_closing_screen_tells_a_client_alone_what_cannot_wait(adv, given, keys):
    """Hazard log (HAZ-058): at home on the web intake the stroke alarm and the signs of
    pre-eclampsia must reach the client at the end, not days later through the practitioner."""
    answers = adv.check(Document("<t>", {"age": 30, "sex": "female", "pregnant": False, "breastfeeding": False,
                                         "kidney": "none", "complaints": ["muscle_cramps"], **given}))
    assert follow_up.alarm(adv.advise(answers, "nl")) == keys


def test_the_terminal_intake_ends_with_the_same_alarm(adv, capsys):
    import argparse

    from questionnaire.commands.intake import _thank

    answers = adv.check(Document("<t>", {"age": 30, "sex": "female", "pregnant": False, "breastfeeding": False,
                                         "kidney": "none", "complaints": ["muscle_cramps"], "symptoms": ["numbness"]}))
    args = argparse.Namespace(lang="nl", out=None, show_advice=False)
    assert _thank(args, answers, adv.advise(answers, "nl"), adv.base) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert "Belangrijk, lees dit goed: Word je plotseling gevoelloos of slap aan één kant" in shown
    assert shown.index("Bel meteen 112.") < shown.index("Dank je wel")
