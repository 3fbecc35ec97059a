"""`magnesium intake --follow-up N` in a real pseudo-terminal (80x24), as a client types it: a
whole follow-up in Dutch and in English, serious signs (stop, GP, 112), Ctrl-C then --resume,
and the review that shows then and now."""
from __future__ import annotations

import json
import re
import stat
from datetime import date, timedelta

import pexpect
import yaml

from conftest import magnesium
from engine.yamlsource import Document
from questionnaire.store import SCHEMA_VERSION, open_store
from test_intake_pty import ANSI, CTRL_C, DOWN, ENTER, FIRST, LEFT, NO, SPACE, UP, YES, Client

JANSEN = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False,
          "kidney": "none", "complaints": ["muscle_cramps", "sleep_problems"], "medications": ["antibiotics"]}
PLAN = "items:\n  - form: citrate\n    mg_per_day: 200\n"


def stored_intake(tmp_path, adv, plan: bool = True) -> dict:
    """Intake 1 (cramps rated 6, sleep not rated), with a plan of citrate 200 mg; its env."""
    db = tmp_path / "store.sqlite3"
    answers = adv.check(Document("<t>", JANSEN))
    with open_store(str(db)) as store:
        store.save_intake(answers, adv.advise(answers, "nl"), "nl", None, severities={"muscle_cramps": 6})
    env = {"MAGNESIUM_DB": str(db)}
    if plan:
        (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
        assert magnesium("plan", "1", "--from", str(tmp_path / "plan.yaml"), env=env).returncode == 0
    return env


def begin(tmp_path, *args: str, lang: str = "nl") -> Client:
    client = Client(tmp_path, "--follow-up", "1", *args, *(["--lang", "en"] if lang == "en" else []))
    client.answer("wil je beginnen" if lang == "nl" else "want to start", *YES)
    return client


def safety_answers_as_before(client: Client, lang: str = "nl") -> str:
    """Not pregnant, not breastfeeding, no kidney problems, antibiotics (the first medicine), as at
    the intake: chosen again by the client (the intake's answer is shown, never chosen for them).
    The screen before the medicines' prompt."""
    questions = ("zwanger", "borstvoeding", "nieren") if lang == "nl" else ("pregnant", "breastfeeding", "kidney")
    for question, keys in zip(questions, (NO, NO, FIRST)):
        client.answer(question, *keys)
    return client.answer("medicijnen" if lang == "nl" else "medicines", SPACE, ENTER)


def follow_up_with_slow_breathing(client: Client) -> str:
    """Cramps again (rated 8), the plan taken, slow breathing; the safety answers as they were."""
    client.answer("Welke klachten", SPACE, ENTER)
    client.answer("Hoeveel last", "8", ENTER)
    client.answer("genomen zoals afgesproken", *FIRST)
    client.answer("sinds je met de magnesium begon", *[DOWN] * 6, SPACE, ENTER)  # slow breathing, the seventh
    return safety_answers_as_before(client)


def test_a_follow_up_with_slow_breathing_says_stop_gp_112_and_the_review_shows_it_blocked(tmp_path, adv):
    env = stored_intake(tmp_path, adv)
    assert magnesium("review", "1", "--done", env=env).returncode == 0
    client = begin(tmp_path)
    assert "Vervolg: hoe gaat het nu?" in ANSI.sub("", client.seen)
    assert "Vervolg van intake 1: Jansen" in ANSI.sub("", client.seen)  # the first screen: whose intake
    medicines = follow_up_with_slow_breathing(client)
    review = client.answer("Klopt alles", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    assert "Bij de intake koos je: Antibiotica" in medicines  # the intake's answer is shown, not chosen
    assert "Medicijnen: Antibiotica" in review
    assert "Hoeveel last: Spierkrampen 8" in review and "Plan gevolgd: Ja, elke dag zoals afgesproken" in review
    assert "Last sinds de magnesium: Langzaam ademen" in review
    closing = re.sub(r"\s+", " ", screen.split("vervolg 1 opgeslagen")[1])
    assert "Stop nu met de magnesium en bel vandaag nog je huisarts." in closing
    assert "Heel trage ademhaling: bel 112." in closing and "Dank je wel, je bent klaar!" in closing
    assert "Je antwoorden zijn bewaard bij intake 1: Jansen." in closing  # the last screen too
    assert "Traceback" not in screen and "selections" not in screen
    shown = magnesium("review", "1", "--no-pager", env=env).stdout
    section = shown.split("VERVOLG\n")[1].split("CLIËNT\n")[0]
    assert re.search(r"Spierkrampen +ja \(6 van 10\) +ja \(8 van 10\) +2 meer last", section)
    assert re.search(r"Slecht slapen +ja +nee +niet meer genoemd", section)
    assert "ja, elke dag (planversie 1)" in section and "Langzaam ademen" in section
    assert "GEEN SUPPLEMENTADVIES" in section and "Ernstige tekenen van te veel magnesium" in section
    listed = " ".join(magnesium("review", env=env).stdout.split())
    assert "vervolg gedaan" in listed and "ja (vervolg 1)" in listed  # blocked at the follow-up
    # issue 21: the list said "beoordeeld" and kept the passed date; now new answers wait for review,
    # and the next follow-up is counted from this one (blocked: no duration, so 30 days)
    with open_store(env["MAGNESIUM_DB"]) as store:
        intake, made = store.get(1), store.follow_ups(1)[0]["created_at"]
    assert intake.status == "new" and " nieuw " in listed and "beoordeeld" not in listed
    assert intake.follow_up == (date.fromisoformat(made[:10]) + timedelta(days=30)).isoformat()
    export = tmp_path / "record.json"
    assert magnesium("review", "1", "--export", str(export), env=env).returncode == 0
    record = json.loads(export.read_text(encoding="utf-8"))
    assert record["severities"] == {"muscle_cramps": 6} and record["schema_version"] == SCHEMA_VERSION
    (kept,) = record["follow_ups"]
    assert kept["side_effects"] == ["slow_breathing"] and kept["severities"] == {"muscle_cramps": 8}
    assert kept["advice"]["block_reasons"] == ["excess_symptoms"] and kept["plan_version"] == 1
    assert "excess_symptoms" not in record["answers"] or record["answers"]["excess_symptoms"] == []


def test_a_follow_up_in_english_without_the_plan_taken_asks_no_side_effects(tmp_path, adv):
    env = stored_intake(tmp_path, adv)
    client = begin(tmp_path, lang="en")
    client.answer("Which complaints", DOWN, SPACE, ENTER)  # sleep problems only now
    client.answer("How much trouble", "3", LEFT, ENTER)  # 2
    client.answer("take the magnesium as agreed", DOWN, DOWN, DOWN, ENTER)  # no, did not start
    safety_answers_as_before(client, "en")
    review = client.answer("Is everything right", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    assert "since you started the magnesium" not in screen and "Stop the magnesium" not in screen
    assert "How much trouble: Sleep problems 2" in review and "Thank you, you are done!" in screen
    assert "Vraag" not in screen
    shown = magnesium("review", "1", "--no-pager", "--lang", "en", env=env).stdout
    section = shown.split("FOLLOW-UP\n")[1].split("CLIENT\n")[0]
    assert re.search(r"Muscle cramps +yes \(6 of 10\) +no +no longer named", section)
    assert re.search(r"Sleep problems +yes +yes \(2 of 10\) +—", section)  # no number then: no change to say
    assert "no, not started (plan version 1)" in section and "No red flags" in section
    with open_store(env["MAGNESIUM_DB"]) as store:
        kept = store.follow_ups(1)[0]
    assert kept["answers"]["current_magnesium"] is None and kept["answers"]["excess_symptoms"] == []
    assert kept["plan_taken"] == "no" and kept["side_effects"] == [] and kept["plan_version"] == 1


def test_ctrl_c_mid_follow_up_keeps_the_answers_and_resume_carries_on(tmp_path, adv):
    env = stored_intake(tmp_path, adv)
    client = begin(tmp_path)
    client.answer("Welke klachten", SPACE, ENTER)
    client.answer("Hoeveel last", "5", ENTER)
    client.answer("genomen zoals afgesproken", DOWN, DOWN, ENTER)  # partly
    client.answer("sinds je met de magnesium begon", SPACE, ENTER)  # diarrhoea: mild
    client.answer("zwanger", CTRL_C)
    status, screen = client.finish()
    assert status == 130 and "Traceback" not in screen
    assert "magnesium intake --resume --follow-up 1" in screen
    waiting = tmp_path / "store.sqlite3.follow-up-1.resume.yaml"
    assert stat.S_IMODE(waiting.stat().st_mode) == 0o600
    kept = yaml.safe_load(waiting.read_text(encoding="utf-8"))["answers"]
    assert kept == {"complaints": ["muscle_cramps"], "severity": {"muscle_cramps": 5}, "plan_taken": "partly",
                    "side_effects": ["diarrhea"]}  # the safety answers were not given: asked again
    client = Client(tmp_path, "--follow-up", "1")  # without --resume: whose answers wait, and how far
    notice = re.sub(r"\s+", " ", client.answer("Wat wil je doen", CTRL_C))
    assert client.finish()[0] == 130 and "Naam: Jansen." in notice and "Beantwoord: 4 van de" in notice
    client = begin(tmp_path, "--resume")
    safety_answers_as_before(client)
    client.answer("Klopt alles", ENTER)
    status, screen = client.finish()
    assert status == 0, screen
    assert "bel 112" not in screen and not waiting.exists()
    with open_store(env["MAGNESIUM_DB"]) as store:
        follow_up = store.follow_ups(1)[0]
    assert follow_up["answers"]["current_magnesium"] == {"form": "citrate", "mg_per_day": 200, "amount_basis": "elemental"}
    assert follow_up["severities"] == {"muscle_cramps": 5} and not follow_up["advice"]["blocked"]
    assert "excess_symptoms" in {w["id"] for w in follow_up["advice"]["warnings"]}  # mild: the usual warning


def test_an_unknown_intake_or_an_option_of_a_new_intake_is_one_line_exit_2(tmp_path, adv):
    stored_intake(tmp_path, adv, plan=False)
    for args, words in ((["--follow-up", "7"], "intake 7 bestaat niet"),
                        (["--follow-up", "1", "--out", str(tmp_path / "a.yaml")], "laat --out weg bij --follow-up")):
        client = Client(tmp_path, *args)
        client.child.expect(pexpect.EOF)
        client.child.close()
        out = ANSI.sub("", client.child.before)
        assert client.child.exitstatus == 2 and out.count("\n") == 1 and words in out, out


def test_without_a_plan_the_follow_up_asks_no_plan_question(tmp_path, adv):
    stored_intake(tmp_path, adv, plan=False)
    client = begin(tmp_path)
    client.answer("Welke klachten", ENTER)  # none now: no severity question either
    before = client.answer("zwanger", *NO)
    assert "Hoeveel last" not in before and "afgesproken" not in client.seen
    client.answer("borstvoeding", *NO)
    client.answer("nieren", *FIRST)
    client.answer("medicijnen", ENTER)
    client.answer("Klopt alles", ENTER)
    assert client.finish()[0] == 0


def test_ticking_none_of_these_unticks_the_signs_and_back(tmp_path, adv):
    """Issue 21: "Diarrhee" and "Geen van deze" could be ticked together."""
    stored_intake(tmp_path, adv)
    client = begin(tmp_path)
    client.answer("Welke klachten", ENTER)
    client.answer("genomen zoals afgesproken", *FIRST)
    # diarrhoea, then "Geen van deze" (the eighth, last): diarrhoea goes; then nausea: "Geen" goes
    client.answer("sinds je met de magnesium begon", SPACE, *[DOWN] * 7, SPACE, UP, UP, UP, UP, UP, UP, SPACE, ENTER)
    client.answer("zwanger", CTRL_C)
    assert client.finish()[0] == 130
    kept = yaml.safe_load((tmp_path / "store.sqlite3.follow-up-1.resume.yaml").read_text(encoding="utf-8"))
    assert kept["answers"]["side_effects"] == ["nausea"]
