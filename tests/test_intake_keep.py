"""The end of an intake: the answers are never lost, whatever stops the keeping of them."""
from __future__ import annotations

import argparse

import pytest
import yaml

from questionnaire import store
from questionnaire.commands import intake as cmd_intake
from questionnaire.intake import answers_file, first_screen, prompts, resume_file

ANSWERS = {"client": "Anna", "age": 40, "sex": "female", "pregnant": False, "breastfeeding": False,
           "kidney": "none", "complaints": ["muscle_cramps"], "severity": {"muscle_cramps": 5}, "conditions": [], "medications": [],
           "takes_magnesium": False, "symptoms_muscles": [], "symptoms_mind": [], "symptoms_belly": [],
           "symptoms_heart": [], "symptoms_other": []}
ACCEPTED = "2026-01-01T10:00:00+01:00"


@pytest.fixture
def args(tmp_path, monkeypatch):
    """An intake resumed with every answer given, so only the review (accepted) is left."""
    monkeypatch.setattr(prompts, "check_answers", lambda session, lang: None)
    monkeypatch.setattr(first_screen, "welcome", lambda lang, rules, where, resume, follow_up=False, client=None: (True, dict(ANSWERS), ACCEPTED))
    return argparse.Namespace(lang="en", out=str(tmp_path / "a.yaml"), db=str(tmp_path / "store.sqlite3"),
                              rules=None, resume=0, show_advice=False, follow_up=None)


def interview(args) -> int:
    return cmd_intake.intake(args, cmd_intake._parking(args))


def waiting(args) -> dict:
    return yaml.safe_load(resume_file.out_path(args.out).read_text(encoding="utf-8"))["answers"]


def test_a_finished_intake_is_kept_and_leaves_no_resume_file(args, tmp_path):
    assert interview(args) == 0
    assert (tmp_path / "a.yaml").exists() and not resume_file.out_path(args.out).exists()
    with store.open_store(args.db) as kept:
        assert kept.get(1).answers["client"] == "Anna"


def test_ctrl_c_while_the_store_waits_keeps_the_answers_for_later(args, tmp_path, monkeypatch, capsys):
    def busy(db):
        raise KeyboardInterrupt
    monkeypatch.setattr(store, "open_store", busy)
    assert interview(args) == 130
    shown = capsys.readouterr().out
    assert "Stopped. Your answers so far are in" in shown and f"magnesium intake --resume --lang en --out {args.out}" in shown
    assert waiting(args) == ANSWERS
    assert not (tmp_path / "a.yaml").exists()  # carrying on can write it


def test_a_store_error_keeps_the_answers_and_says_how_to_carry_on(args, tmp_path, capsys):
    args.db = str(tmp_path)  # a folder: SQLite cannot open it
    assert interview(args) == 2
    seen = capsys.readouterr()
    assert f"{tmp_path}: store:" in seen.err and "magnesium intake --resume" in seen.out
    assert waiting(args) == ANSWERS
    assert not (tmp_path / "a.yaml").exists()
    answers_file.check_free(args.out)  # the printed command works: --out is free again


def refuse_writing(monkeypatch):
    def full(path, text, new=False):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(resume_file, "write_private", full)


def test_when_the_resume_file_cannot_be_written_the_answers_are_shown(args, monkeypatch, capsys):
    refuse_writing(monkeypatch)
    monkeypatch.setattr(store, "open_store", lambda db: (_ for _ in ()).throw(KeyboardInterrupt))
    assert interview(args) == 2
    shown = capsys.readouterr().out
    assert "Your answers could not be saved in" in shown and "No space left on device" in shown
    assert yaml.safe_load(shown[shown.index("resume: 1"):])["answers"] == ANSWERS


def test_a_stop_during_the_questions_shows_the_answers_when_they_cannot_be_saved(args, monkeypatch, capsys):
    refuse_writing(monkeypatch)
    monkeypatch.setattr(prompts, "check_answers", lambda session, lang: (_ for _ in ()).throw(KeyboardInterrupt))
    args.lang = "nl"
    assert interview(args) == 2
    shown = capsys.readouterr().out
    assert "Je antwoorden konden niet bewaard worden in" in shown
    assert yaml.safe_load(shown[shown.index("resume: 1"):])["answers"] == ANSWERS


def test_the_asking_loop_stops_with_the_answers_given_so_far(adv, monkeypatch):
    from questionnaire.intake import questions
    from questionnaire.intake.interview import interview
    from questionnaire.intake.session import IntakeSession
    from questionnaire.intake.stopped import IntakeStopped

    session = IntakeSession(questions.load(adv.base), adv.base, ACCEPTED)
    given = iter(["Anna", 40])

    def ask(session, step, lang):
        for value in given:
            return value
        raise KeyboardInterrupt
    monkeypatch.setattr(prompts, "ask", ask)
    with pytest.raises(IntakeStopped) as stop:
        interview(session, "en", lambda answered, accepted, total: None)
    assert stop.value.answered == {"client": "Anna", "age": 40}
    assert stop.value.accepted == ACCEPTED and not stop.value.parked


def test_a_bug_during_the_questions_keeps_the_answers_then_is_reported(adv, args, monkeypatch, capsys):
    """Every way the intake ends short of finishing keeps the answers (issue 11), a bug too."""
    from questionnaire.cli import main

    given = iter(["Anna", 40])

    def ask(session, step, lang):
        for value in given:
            return value
        raise RuntimeError("a bug")
    monkeypatch.setattr(first_screen, "welcome", lambda lang, rules, where, resume: (True, None, ACCEPTED))
    monkeypatch.setattr(prompts, "ask", ask)
    monkeypatch.setattr(cmd_intake, "on_a_terminal", lambda: True)  # no terminal here: the prompts are replaced
    monkeypatch.delenv("MAGNESIUM_DEBUG", raising=False)
    assert main(["intake", "--lang", "en", "--out", args.out, "--db", args.db]) == 1
    seen = capsys.readouterr()
    assert "internal error (a bug, please report it): RuntimeError: a bug" in seen.err
    assert "magnesium intake --resume" in seen.out
    assert waiting(args) == {"client": "Anna", "age": 40}


def test_resume_of_an_intake_stored_already_removes_its_file_and_stores_nothing(args, monkeypatch, capsys):
    """Killed (SIGKILL, a power cut) between storing the intake and removing its resume file:
    --resume recognises it by when the disclaimer was accepted and the client (issue 21: it was
    stored twice)."""
    assert interview(args) == 0
    resume_file.Parking(resume_file.out_path(args.out)).save(dict(ANSWERS), ACCEPTED, 17)  # left behind
    capsys.readouterr()
    monkeypatch.setattr(cmd_intake, "on_a_terminal", lambda: True)
    assert cmd_intake.run(args) == 0
    assert "was saved already as intake 1" in capsys.readouterr().err
    assert not resume_file.out_path(args.out).exists()
    with store.open_store(args.db) as kept:
        assert [i.number for i in kept.list_intakes()] == [1]
