"""The intake's logic without a terminal: order, skipping, typed answers, changes, resume file."""
from __future__ import annotations

import stat

import pytest

from engine.errors import BadInput
from questionnaire.intake import questions, resume_file as resume
from questionnaire.intake.session import IntakeSession


@pytest.fixture(scope="module")
def book(adv):
    return questions.load(adv.base)


@pytest.fixture
def intake(book, adv):
    return IntakeSession(book, adv.base)


ADULT = {"client": "Anna", "age": 40, "sex": "female", "pregnant": False, "breastfeeding": False,
         "kidney": "none", "complaints": ["muscle_cramps", "menstrual_pain"], "severity": {"muscle_cramps": 6},
         "conditions": [], "medications": [], "takes_magnesium": False, "symptoms_muscles": ["tics"], "symptoms_mind": [],
         "symptoms_belly": [], "symptoms_heart": [], "symptoms_other": ["pms"]}


def answer_all(intake, given: dict) -> list[str]:
    """Answer every pending question from `given`; returns the ids in the order asked."""
    asked = []
    while (step := intake.pending()) is not None:
        asked.append(step.question.id)
        intake.give(step.question, given[step.question.id])
    return asked


def test_questions_are_asked_in_order_and_skipped_by_their_when(intake):
    asked = answer_all(intake, ADULT)
    assert asked == list(ADULT)
    assert intake.answers() == {"client": "Anna", "age": 40, "sex": "female", "pregnant": False,
                                "breastfeeding": False, "kidney": "none",
                                "complaints": ["muscle_cramps", "menstrual_pain"], "conditions": [],
                                "medications": [], "current_magnesium": None, "symptoms": ["tics", "pms"]}


def test_taking_magnesium_asks_form_amount_and_excess(intake):
    asked = answer_all(intake, {**ADULT, "takes_magnesium": True, "current_form": "citrate",
                                "current_amount": 1200, "current_basis": "compound", "excess_symptoms": ["diarrhea"]})
    assert asked.index("current_form") == asked.index("takes_magnesium") + 1
    assert asked.index("current_basis") == asked.index("current_amount") + 1
    assert intake.answers()["current_magnesium"] == {"form": "citrate", "mg_per_day": 1200, "amount_basis": "compound"}
    assert intake.answers()["excess_symptoms"] == ["diarrhea"]


def test_a_baby_is_asked_months_and_no_pregnancy(intake):
    asked = answer_all(intake, {**ADULT, "age": 0, "age_months": 5})
    assert "age_months" in asked and "pregnant" not in asked
    assert intake.answers()["age_months"] == 5


@pytest.mark.parametrize("typed, words", [
    ("abc", "Typ alleen een getal, bijvoorbeeld 67."),
    ("40 mg", "Typ alleen een getal, bijvoorbeeld 67."),
    ("200", "Typ een heel getal van 0 tot en met 120."),
    ("12,5", "Typ een heel getal van 0 tot en met 120."),
    ("", "Typ eerst een antwoord."),
])
def test_a_wrong_typed_age_is_explained(intake, typed, words):
    step = intake.pending()
    intake.give(step.question, None)
    assert intake.typed(intake.pending(), typed, "nl") == (None, words)


def test_typed_numbers_accept_a_decimal_comma_and_optional_means_empty(intake):
    answer_all(intake, {**ADULT, "takes_magnesium": True, "current_form": "unknown"} | {"current_amount": None}
               | {"excess_symptoms": []})
    intake.reopen("current_magnesium")
    intake.give(intake.pending().question, True)
    intake.give(intake.pending().question, "oxide")
    step = intake.pending()
    assert step.question.id == "current_amount"
    assert intake.typed(step, " 12,5 ", "nl") == (12.5, None)
    assert intake.typed(step, "", "nl") == (None, None)
    assert intake.typed(step, "6000", "en") == (None, "Type a number from 0 to 5000, or leave it empty.")
    for typed in ("400 mg", "400mg", " 400 MG ", "400  Mg"):
        assert intake.typed(step, typed, "nl") == (400, None), typed
    assert intake.typed(step, "12,5 mg", "nl") == (12.5, None)
    assert intake.typed(step, "veel", "nl") == (None, "Typ alleen een getal, bijvoorbeeld 300.")
    assert intake.typed(step, "mg", "en") == (None, "Type a number only, for example 300.")
    assert intake.default(step.question) is None


def test_changing_sex_drops_pregnancy_and_ticks_no_longer_offered(intake):
    answer_all(intake, ADULT)
    before = intake.reopen("sex")
    intake.give(intake.pending().question, "male")
    intake.reopen_grown(before)
    assert "pregnant" not in intake.answered
    assert intake.answers()["complaints"] == ["muscle_cramps"]
    # impotence is offered now: that list is asked again, without pms, which is offered no more
    step = intake.pending()
    assert step.question.id == "symptoms_other" and "impotence" in {c.id for c in step.choices}
    assert intake.default(step.question) == []
    assert intake.answers()["symptoms"] == ["tics"]


def test_changing_age_to_a_child_asks_nothing_about_pregnancy_and_back_asks_it_again(intake):
    answer_all(intake, ADULT)
    intake.reopen("age")
    intake.give(intake.pending().question, 8)
    assert intake.pending() is None and "pregnant" not in intake.answered
    intake.reopen("age")
    intake.give(intake.pending().question, 30)
    assert intake.pending().question.id == "pregnant"


def test_review_shows_every_answer_in_plain_words(intake):
    answer_all(intake, {**ADULT, "takes_magnesium": True, "current_form": "citrate", "current_amount": 150.5,
                        "current_basis": "elemental", "excess_symptoms": []})
    lines = dict(intake.answer_lines("nl"))
    assert lines["Leeftijd"] == "40 jaar"
    assert lines["Magnesium nu"] == ("Ja, Magnesiumcitraat, 150,5 mg per dag, "
                                     "Magnesium per dag (zo staat het op een Europees etiket)")
    assert lines["Andere tekenen"] == "Tics, Klachten voor de menstruatie (PMS)"
    assert lines["Aandoeningen"] == "geen"
    assert dict(intake.answer_lines("en"))["Kidneys"] == "No kidney problems"


def test_severity_rates_the_ticked_complaints_only_and_stays_out_of_the_answers(intake, book):
    answer_all(intake, ADULT)
    assert intake.severities() == {"muscle_cramps": 6} and "severity" not in intake.answers()
    lines = intake.answer_lines("nl")
    assert lines[[label for label, _ in lines].index("Klachten") + 1] == ("Hoeveel last", "Spierkrampen 6")
    complaints = next(q for q in book.questions if q.id == "complaints")
    intake.give(complaints, ["menstrual_pain"])  # cramps no longer ticked: its rating goes
    assert intake.severities() == {} and intake.pending() is None
    intake.give(complaints, [])
    assert "severity" not in [s.question.id for s in intake.steps()]  # nothing ticked: not asked


def test_a_complaint_added_on_the_review_asks_the_severity_again_with_the_ratings_given(intake):
    answer_all(intake, ADULT)
    before = intake.reopen("complaints")
    intake.give(intake.pending().question, ["muscle_cramps", "sleep_problems"])
    intake.reopen_grown(before)
    step = intake.pending()
    assert step.question.id == "severity" and [c.id for c in step.choices] == ["muscle_cramps", "sleep_problems"]
    assert intake.default(step.question) == {"muscle_cramps": 6}


@pytest.mark.parametrize("rating", [{"muscle_cramps": 11}, {"muscle_cramps": True}, {"fatigue": 3}, [6]])
def test_a_resumed_severity_that_does_not_fit_is_asked_again(intake, rating):
    intake.restore({**ADULT, "severity": rating})
    assert intake.pending().question.id == "severity"


def test_restore_takes_over_what_fits_and_asks_the_rest(intake):
    saved = {**ADULT, "age": "forty", "kidney": "maybe", "symptoms_other": ["impotence"], "unknown": 1}
    intake.restore(saved)
    assert "client" in intake.answered and "age" not in intake.answered
    assert intake.pending().question.id == "age"
    intake.give(intake.pending().question, 40)
    intake.restore(saved)
    assert intake.pending().question.id == "kidney"


def test_the_resume_file_is_private_and_round_trips(tmp_path):
    path = tmp_path / "deep" / "answers.yaml.resume"
    resume.Parking(path).save({"client": "Zoë", "age": 40}, "2026-01-01T10:00:00+00:00")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert resume.load(path) == ({"client": "Zoë", "age": 40}, "2026-01-01T10:00:00+00:00")
    assert [p.name for p in path.parent.iterdir()] == ["answers.yaml.resume"]


def test_the_user_data_folder_is_made_owner_only_and_an_existing_one_kept(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("MAGNESIUM_DB", raising=False)
    parking = resume.Parking(None)
    parking.save({"age": 40}, "2026-01-01T10:00:00+01:00")
    assert stat.S_IMODE(parking.path.parent.stat().st_mode) == 0o700
    parking.path.parent.chmod(0o750)
    parking.save({"age": 41}, "2026-01-01T10:00:00+01:00")
    assert stat.S_IMODE(parking.path.parent.stat().st_mode) == 0o750


def test_each_new_intake_claims_its_own_number_beside_the_store(tmp_path, monkeypatch):
    """Health data lives where the user pointed the store (issue 11), one file per waiting intake
    (issue 21: a new intake never replaces another client's waiting answers)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("MAGNESIUM_DB", raising=False)
    assert resume.out_path("x/answers.yaml").as_posix() == "x/answers.yaml.resume"
    first, second = resume.Parking(None), resume.Parking(None)
    assert first.number is None and not first.exists()  # nothing on disk before the first answer
    first.save({"client": "Anna"}, "t1")
    second.save({"client": "Bram"}, "t2")
    first.save({"client": "Anna", "age": 40}, "t1")
    folder = tmp_path / "magnesium-intake"
    assert (first.path, second.path) == (folder / "intakes.sqlite3.waiting-1.resume.yaml",
                                         folder / "intakes.sqlite3.waiting-2.resume.yaml")
    assert (first.number, second.number) == (1, 2)
    assert resume.waiting_intakes(None) == [(1, first.path), (2, second.path)]
    assert resume.load(first.path)[0] == {"client": "Anna", "age": 40} and resume.load(second.path)[0] == {"client": "Bram"}
    first.remove()
    third = resume.Parking(None)
    third.save({}, "t3")
    assert third.number == 1  # the lowest free number
    db = str(tmp_path / "praktijk" / "s.db")
    assert resume.waiting_path(db, 3) == tmp_path / "praktijk" / "s.db.waiting-3.resume.yaml"
    monkeypatch.setenv("MAGNESIUM_DB", str(tmp_path / "env" / "x.sqlite3"))
    assert resume.waiting_path(None, 1) == tmp_path / "env" / "x.sqlite3.waiting-1.resume.yaml"


def test_a_store_folder_that_does_not_exist_is_refused_before_the_intake(tmp_path, monkeypatch):
    monkeypatch.delenv("MAGNESIUM_DB", raising=False)
    db = str(tmp_path / "typo" / "s.db")
    with pytest.raises(BadInput) as err:
        resume.check_folder(resume.waiting_path(db, 1), None, db)
    assert err.value.problems[0].render("nl").startswith(f"{tmp_path / 'typo'}: --db: kies een map die bestaat")
    assert not (tmp_path / "typo").exists()


def test_an_intake_waiting_in_an_old_place_gets_a_number_beside_the_store(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("MAGNESIUM_DB", raising=False)
    folder = tmp_path / "magnesium-intake"
    oldest, old = folder / "intake-resume.yaml", folder / "intakes.sqlite3.resume.yaml"
    resume.Parking(oldest).save({"age": 40}, "2026-01-01T10:00:00+01:00")
    resume.Parking(old).save({"age": 50}, "2026-01-02T10:00:00+01:00")
    resume.adopt_legacy(None)
    assert not oldest.exists() and not old.exists()
    kept = [resume.load(path) for _, path in resume.waiting_intakes(None)]
    assert sorted(kept, key=lambda k: k[1]) == [({"age": 40}, "2026-01-01T10:00:00+01:00"),
                                            ({"age": 50}, "2026-01-02T10:00:00+01:00")]


def test_a_missing_or_foreign_resume_file_is_bad_input(tmp_path):
    with pytest.raises(BadInput) as err:
        resume.load(tmp_path / "none.yaml")
    assert "there is no interrupted questionnaire" in err.value.problems[0].render("en")
    other = tmp_path / "other.yaml"
    other.write_text("age: 40\n", encoding="utf-8")
    with pytest.raises(BadInput) as err:
        resume.load(other)
    assert err.value.problems[0].render("nl").startswith(f"{other}:1: --resume: begin een nieuwe vragenlijst")
