"""`magnesium plan N` without --from: the practitioner's questions in a real pseudo-terminal
(80x24), typed as a practitioner would; what is kept is read back from the store."""
from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
import yaml

from conftest import magnesium
from engine.plan_check import changes, findings
from engine.yamlsource import Document
from questionnaire.store import open_store
from test_intake_pty import BACKSPACE, CTRL_C, DOWN, ENTER, PROMPT, UP, Client

JANSEN = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False,
          "kidney": "none", "complaints": ["muscle_cramps", "sleep_problems"]}
PALPITATIONS = {**JANSEN, "complaints": ["muscle_cramps", "palpitations"]}
BLOCKED = {**JANSEN, "kidney": "problems"}
CTRL_D = "\x04"


class Practitioner(Client):
    """The plan's questions in a pty (the intake's helper, another command)."""

    command = "plan"


def saved(tmp_path: Path, answers: dict) -> None:
    """Intake 1 in this test's store, from an answers file (as `advise --save` keeps it)."""
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers), encoding="utf-8")
    result = magnesium("advise", str(path), "--save", env={"MAGNESIUM_DB": str(tmp_path / "store.sqlite3")})
    assert result.returncode == 0, result.stderr


def flat(screen: str) -> str:
    """The screen's words with the wrapping undone."""
    return " ".join(screen.split())


def plans(tmp_path: Path) -> list[dict]:
    with open_store(str(tmp_path / "store.sqlite3")) as store:
        return store.plans(1)


def advice(tmp_path: Path) -> dict:
    with open_store(str(tmp_path / "store.sqlite3")) as store:
        return store.get(1).advice


def accept_all(who: Practitioner, lang: str = "nl") -> tuple[int, str]:
    """Enter at every question: the defaults (the advice, or the latest plan) kept."""
    for question in ({"nl": ("in het plan", "binnen het advies", "Product", "Notitie bij", "Notitie voor", "bewaren als versie"),
                      "en": ("goes into the plan", "within the advice", "Product", "A note with", "A note for",
                             "Keep this plan")}[lang]):
        who.answer(question, ENTER)
    return who.finish()


def test_accepting_everything_keeps_version_1_as_the_advice(tmp_path, adv):
    saved(tmp_path, JANSEN)
    status, screen = accept_all(Practitioner(tmp_path, "1"))
    assert status == 0, screen
    assert "Plan voor intake 1: Jansen" in screen and "Niet geblokkeerd." in screen
    assert "Toegepaste bovengrens voor supplementen: 250 mg magnesium per dag (EFSA)." in screen
    assert "Nog geen plan: dit wordt versie 1." in screen and "Advies: 100 tot 250 mg magnesium per dag" in screen
    assert "intake 1: plan versie 1 opgeslagen" in screen and "Traceback" not in screen
    (kept,) = plans(tmp_path)
    assert kept["version"] == 1
    plan, given = kept["plan"], advice(tmp_path)
    assert [i["form"] for i in plan["items"]] == [r["form"] for r in given["recommendations"] if r["role"] == "primary"]
    assert all(changes(i, given) == [] for i in plan["items"]) and findings(plan, given, adv.base.forms) == []
    assert plan["items"][0]["mg_per_day"] == 100 and plan["dropped"] == [] and plan["doctor_answer"] is None


def test_a_changed_amount_with_a_product_and_a_reason_is_kept_and_is_the_next_default(tmp_path):
    saved(tmp_path, JANSEN)
    who = Practitioner(tmp_path, "1")
    who.answer("in het plan", DOWN, ENTER)  # Aanpassen
    who.answer("Hoeveel mg magnesium \\(zuiver\\)", BACKSPACE * 3, "abc", ENTER)
    who.wait("Typ alleen een getal in mg")
    who.child.send(BACKSPACE * 3 + "80 mg" + ENTER)
    who.answer("Wanneer innemen", ENTER)
    who.answer("Hoeveel dagen", "60", ENTER)
    who.answer("Product", "40", ENTER)
    who.answer("Welke eenheid", DOWN, ENTER)  # capsule
    who.answer("Productnaam", "Magnesium Citraat 40", ENTER)
    who.wait("= 2 × capsule van 40 mg = 80 mg per dag")
    who.answer("Waarom anders dan het advies", DOWN, DOWN, DOWN, ENTER)  # bijwerkingen
    who.answer("Notitie bij", "eerst twee weken proberen", ENTER)
    who.answer("Notitie voor de cliënt", "Bij het avondeten.", ENTER)
    review = who.answer("bewaren als versie 1", ENTER)
    status, screen = who.finish()
    assert status == 0, screen
    assert "anders dan het advies (hoeveelheid, hoe lang): Bijwerkingen" in flat(review)
    assert "Magnesiumcitraat: 80 mg magnesium per dag; 2 × capsule van 40 mg = 80 mg per dag" in flat(screen)
    assert "Notitie voor de cliënt: Bij het avondeten." in flat(review)
    item = plans(tmp_path)[0]["plan"]["items"][0]
    assert {k: item[k] for k in ("mg_per_day", "duration_days", "product_mg_per_unit", "unit", "product",
                                 "change_reason")} == {
        "mg_per_day": 80, "duration_days": 60, "product_mg_per_unit": 40, "unit": "capsule",
        "product": "Magnesium Citraat 40", "change_reason": "side_effects"}
    assert plans(tmp_path)[0]["plan"]["client_note"] == "Bij het avondeten."
    again = Practitioner(tmp_path, "1")  # version 2 starts from version 1: Enter everywhere keeps it
    again.answer("in het plan", ENTER)
    for question in ("Hoeveel mg", "Wanneer", "Hoeveel dagen", "Product", "Welke eenheid", "Productnaam", "Waarom",
                     "Notitie bij", "Notitie voor", "bewaren als versie 2"):
        again.answer(question, ENTER)
    status, screen = again.finish()
    assert status == 0 and "het nieuwe wordt versie 2" in screen, screen
    first, second = plans(tmp_path)
    assert second["plan"] == first["plan"]


def test_doctor_first_an_amount_only_with_the_doctors_recorded_answer(tmp_path):
    saved(tmp_path, PALPITATIONS)
    who = Practitioner(tmp_path, "1")
    who.wait("Eerst naar de arts: Hartkloppingen")
    who.answer("Heeft de arts geantwoord", ENTER)  # not yet: the pointer starts there
    who.answer("in het plan", DOWN, ENTER)
    who.answer("Hoeveel mg magnesium", "200", ENTER)
    who.wait("Het advies zegt: eerst naar de arts.")
    who.answer("Heeft de arts ingestemd met Magnesiumcitraat, 200 mg", ENTER)  # the pointer starts at no
    who.wait("Zonder instemming van de arts kan die hoeveelheid niet in het plan")
    who.answer("Hoeveel mg magnesium", "150", ENTER)  # asked again, empty
    who.answer("Heeft de arts ingestemd met Magnesiumcitraat, 150 mg", UP, ENTER)
    who.answer("Naam van de arts", "dr. K. Bakker", ENTER)
    who.answer("Datum van het antwoord", BACKSPACE * 10, "10-12-2026", ENTER)
    who.answer("Tot wanneer", "1-3-2026", ENTER)
    who.wait("Typ een datum op of na 10-12-2026.")
    who.child.send(BACKSPACE * 8 + "10-03-2027" + ENTER)
    for question in ("Wanneer", "Hoeveel dagen", "Product"):
        who.answer(question, ENTER)
    who.answer("Waarom anders", DOWN, DOWN, ENTER)  # advies van de arts
    who.answer("Notitie bij", ENTER)
    who.answer("Notitie voor", ENTER)
    review = who.answer("bewaren als versie 1", ENTER)
    status, screen = who.finish()
    assert status == 0, screen
    assert ("Antwoord van de arts: dr. K. Bakker, 10-12-2026: Magnesiumcitraat, hoogstens 150 mg magnesium per dag, "
            "tot 10-03-2027.") in flat(review)
    plan = plans(tmp_path)[0]["plan"]
    assert plan["doctor_answer"] == {"doctor": "dr. K. Bakker", "date": "2026-12-10", "outcome": "agreed",
                                     "form": "citrate", "mg_per_day": 150, "until": "2027-03-10"}
    assert plan["doctor_agreed"] is True and plan["items"][0]["mg_per_day"] == 150
    again = Practitioner(tmp_path, "1")  # version 2: the answer is ready to keep, and it caps the amount
    again.answer("Heeft de arts geantwoord", ENTER)  # keep: the pointer starts there
    again.answer("in het plan", ENTER)  # Aanpassen, as version 1
    again.answer("Hoeveel mg magnesium", BACKSPACE * 3, "200", ENTER)
    again.wait("De arts stemde in met hoogstens 150 mg magnesium per dag als Magnesiumcitraat")
    again.answer("Hoeveel mg magnesium", "150", ENTER)
    for question in ("Wanneer", "Hoeveel dagen", "Product", "Waarom", "Notitie bij", "Notitie voor",
                     "bewaren als versie 2"):
        again.answer(question, ENTER)
    status, screen = again.finish()
    assert status == 0, screen
    assert plans(tmp_path)[1]["plan"]["doctor_answer"] == plan["doctor_answer"]


def test_doctor_first_without_an_answer_no_amount_is_kept(tmp_path):
    saved(tmp_path, PALPITATIONS)
    who = Practitioner(tmp_path, "1")
    who.answer("Heeft de arts geantwoord", ENTER)
    who.answer("in het plan", DOWN, ENTER)
    who.answer("Hoeveel mg magnesium", "300", ENTER)
    who.answer("Heeft de arts ingestemd", ENTER)
    who.answer("Hoeveel mg magnesium", ENTER)  # empty: no amount, as the advice
    for question in ("Wanneer", "Hoeveel dagen", "Notitie bij", "Notitie voor", "bewaren als versie 1"):
        who.answer(question, ENTER)
    status, screen = who.finish()
    assert status == 0, screen
    plan = plans(tmp_path)[0]["plan"]
    assert plan["doctor_answer"] is None and plan["items"][0]["mg_per_day"] is None


def test_a_doctor_who_advises_against_leaves_an_empty_plan(tmp_path):
    saved(tmp_path, PALPITATIONS)
    who = Practitioner(tmp_path, "1", "--lang", "en")
    who.answer("Has the doctor answered", DOWN, ENTER)  # advises against
    who.answer("Name of the doctor", "dr. K. Bakker", ENTER)
    who.answer("Date of the answer", BACKSPACE * 10, "2026-12-10", ENTER)
    who.wait("no supplement goes into the plan")
    who.answer("Keep an empty plan", ENTER)
    who.answer("A note with", ENTER)
    who.answer("A note for", ENTER)
    review = who.answer("Keep this plan", ENTER)
    status, screen = who.finish()
    assert status == 0, screen
    assert "The doctor's answer: dr. K. Bakker, 2026-12-10: advises against a supplement." in flat(review)
    plan = plans(tmp_path)[0]["plan"]
    assert plan["items"] == [] and plan["doctor_answer"]["outcome"] == "not_advised"


def test_a_blocked_intake_keeps_only_an_empty_plan_with_a_note(tmp_path):
    saved(tmp_path, BLOCKED)
    who = Practitioner(tmp_path, "1")
    who.wait("Geblokkeerd: Nierproblemen.")
    who.answer("Een leeg plan bewaren", ENTER)
    who.answer("Notitie bij", "eerst nierfunctie laten meten", ENTER)
    who.answer("Notitie voor", ENTER)
    review = who.answer("bewaren als versie 1", ENTER)
    status, screen = who.finish()
    assert status == 0, screen
    assert "er mag geen supplement in het plan" in screen and "Geen supplement." in review
    assert "Aanpassen" not in screen and "Overnemen" not in screen
    assert plans(tmp_path)[0]["plan"] == {"items": [], "dropped": [], "doctor_answer": None, "doctor_agreed": False,
                                          "note": "eerst nierfunctie laten meten", "client_note": None}


def test_a_blocked_intake_stopped_keeps_nothing(tmp_path):
    saved(tmp_path, BLOCKED)
    who = Practitioner(tmp_path, "1")
    who.answer("Een leeg plan bewaren", DOWN, ENTER)
    status, screen = who.finish()
    assert (status, plans(tmp_path)) == (0, []) and "Gestopt. Er is niets bewaard." in screen


@pytest.mark.parametrize("question, key", [("Hoeveel mg", CTRL_C), ("Welke eenheid", CTRL_D)])
def test_ctrl_c_or_ctrl_d_keeps_nothing(tmp_path, question, key):
    saved(tmp_path, JANSEN)
    who = Practitioner(tmp_path, "1")
    who.answer("in het plan", DOWN, ENTER)
    if question == "Welke eenheid":  # a list, after a typed amount, timing, days and product
        for typed in ("Hoeveel mg", "Wanneer", "Hoeveel dagen"):
            who.answer(typed, ENTER)
        who.answer("Product", "50", ENTER)
    who.answer(question, key)
    status, screen = who.finish()
    assert status == 130 and plans(tmp_path) == []
    assert screen.rstrip().endswith("Gestopt. Er is niets bewaard.") and "Traceback" not in screen


def test_a_kill_keeps_nothing_either(tmp_path):
    saved(tmp_path, JANSEN)
    who = Practitioner(tmp_path, "1")
    who.wait(PROMPT + "Wat komt er in het plan")
    who.child.kill(signal.SIGTERM)
    status, screen = who.finish()
    assert status == 128 + signal.SIGTERM and plans(tmp_path) == [], screen
    assert "Gestopt. Er is niets bewaard." in screen and "Traceback" not in screen


def test_dropping_asks_why_and_the_plan_keeps_it(tmp_path):
    saved(tmp_path, JANSEN)
    who = Practitioner(tmp_path, "1")
    who.answer("in het plan", DOWN, DOWN, ENTER)  # Weglaten
    who.answer("Waarom weglaten", UP, ENTER)  # een andere reden (last)
    who.answer("Welke reden", ENTER)
    who.wait("Typ een paar woorden")
    who.child.send("neemt al een multivitamine" + ENTER)
    who.answer("Een andere vorm om in te nemen", ENTER)  # the pointer at no
    who.answer("Notitie bij", ENTER)
    who.answer("Notitie voor", ENTER)
    review = who.answer("bewaren als versie 1", ENTER)
    status, screen = who.finish()
    assert status == 0, screen
    assert "Weggelaten: Magnesiumcitraat (Een andere reden: neemt al een multivitamine)" in flat(review)
    assert plans(tmp_path)[0]["plan"]["dropped"] == [
        {"form": "citrate", "change_reason": "other", "change_note": "neemt al een multivitamine"}]


def test_another_form_instead_of_the_advice_with_its_reason(tmp_path, adv):
    saved(tmp_path, JANSEN)
    who = Practitioner(tmp_path, "1")
    who.answer("in het plan", DOWN, DOWN, ENTER)
    who.answer("Waarom weglaten", ENTER)  # voorkeur van de cliënt
    options = who.answer("Een andere vorm om in te nemen", *[DOWN] * 6, ENTER)
    who.answer("Hoeveel mg", "200", ENTER)
    who.answer("Wanneer", "bij het ontbijt", ENTER)
    for question in ("Hoeveel dagen", "Product"):
        who.answer(question, ENTER)
    who.answer("Waarom anders dan het advies \\(vorm niet in het advies\\)", ENTER)
    who.answer("Notitie bij", ENTER)
    who.answer("Notitie voor", ENTER)
    who.answer("bewaren als versie 1", ENTER)
    status, screen = who.finish()
    assert status == 0, screen
    plan, given = plans(tmp_path)[0]["plan"], advice(tmp_path)
    assert [(i["form"], i["mg_per_day"], i["timing"], i["change_reason"]) for i in plan["items"]] == [
        ("malate", 200, "bij het ontbijt", "client_preference")]
    assert plan["dropped"] == [{"form": "citrate", "change_reason": "client_preference", "change_note": None}]
    assert findings(plan, given, adv.base.forms) == [] and changes(plan["items"][0], given) == ["form"]
    assert "Magnesiumoxide" not in options  # a form the advice says to avoid is not offered


def test_in_english_every_word_is_english(tmp_path):
    saved(tmp_path, JANSEN)
    status, screen = accept_all(Practitioner(tmp_path, "1", "--lang", "en"), "en")
    assert status == 0, screen
    assert "Plan for intake 1: Jansen" in screen and "Advice: 100 to 250 mg of magnesium a day" in screen
    assert "intake 1: plan version 1 saved" in screen and "Magnesium citrate: 100 mg of magnesium a day" in screen
    for dutch in ("Overnemen", "Aanpassen", "bewaren", "pijltjes", "Typ", "magnesium per dag", "Eerste keus"):
        assert dutch not in screen


def test_without_a_terminal_one_line_and_exit_2(tmp_path):
    saved(tmp_path, JANSEN)
    result = magnesium("plan", "1", env={"MAGNESIUM_DB": str(tmp_path / "store.sqlite3")}, stdin="")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("magnesium plan: de vragen werken alleen in een terminal; schrijf een planbestand en "
                             "gebruik magnesium plan 1 --from plan.yaml\n")
    assert os.path.exists(tmp_path / "store.sqlite3") and plans(tmp_path) == []


def test_an_interrupted_plan_keeps_its_choices_and_the_next_run_starts_from_them(tmp_path):
    saved(tmp_path, JANSEN)
    draft = tmp_path / "store.sqlite3.plan-1.yaml"
    who = Practitioner(tmp_path, "1")
    who.answer("in het plan", DOWN, ENTER)  # Aanpassen
    who.answer("Hoeveel mg magnesium \\(zuiver\\)", BACKSPACE * 3, "80", ENTER)
    who.answer("Wanneer innemen", ENTER)
    who.answer("Hoeveel dagen", "60", ENTER)
    who.answer("Product", ENTER)
    who.answer("Waarom anders dan het advies", DOWN, DOWN, DOWN, ENTER)  # bijwerkingen
    who.answer("Notitie bij", CTRL_C)
    status, screen = who.finish()
    assert status == 130 and plans(tmp_path) == [], screen
    assert f"de keuzes tot nu toe staan in {draft}. Ga verder met: magnesium plan 1" in flat(screen)
    assert oct(draft.stat().st_mode & 0o777) == "0o600"
    waiting = yaml.safe_load(draft.read_text(encoding="utf-8"))["items"][0]
    assert (waiting["mg_per_day"], waiting["duration_days"], waiting["change_reason"]) == (80, 60, "side_effects")
    again = Practitioner(tmp_path, "1")
    again.wait("Een onderbroken plan wacht")
    again.answer("in het plan", ENTER)  # the draft's choice (Aanpassen) is ready
    for question in ("Hoeveel mg", "Wanneer", "Hoeveel dagen", "Product", "Waarom", "Notitie bij", "Notitie voor",
                     "bewaren als versie 1"):
        again.answer(question, ENTER)
    status, screen = again.finish()
    assert status == 0, screen
    item = plans(tmp_path)[0]["plan"]["items"][0]
    assert (item["mg_per_day"], item["duration_days"], item["change_reason"]) == (80, 60, "side_effects")
    assert not draft.exists()  # kept: the draft is done with


def test_a_damaged_draft_is_bad_input_with_its_line(tmp_path):
    saved(tmp_path, JANSEN)
    (tmp_path / "store.sqlite3.plan-1.yaml").write_text("items:\n  - form: citraat\n", encoding="utf-8")
    status, screen = Practitioner(tmp_path, "1").finish()
    assert status == 2 and "store.sqlite3.plan-1.yaml:2" in screen and "Traceback" not in screen, screen


def test_after_a_blocked_follow_up_the_plan_follows_its_advice(tmp_path, adv):
    """The intake's advice allowed citrate; the follow-up (plan taken, slow breathing) is blocked:
    the questions say which advice stands and offer only an empty plan."""
    saved(tmp_path, JANSEN)
    answers = adv.check(Document("<t>", {
        **JANSEN, "excess_symptoms": ["slow_breathing"],
        "current_magnesium": {"form": "citrate", "mg_per_day": 200, "amount_basis": "elemental"}}))
    with open_store(str(tmp_path / "store.sqlite3")) as store:
        store.save_follow_up(1, {"lang": "nl", "answers": answers, "severities": {}, "plan_taken": "yes",
                                 "plan_version": 1, "side_effects": ["slow_breathing"],
                                 "advice": adv.advise(answers, "nl")})
    who = Practitioner(tmp_path, "1")
    who.wait("Het advies van vervolg 1 \\(")
    who.wait("Geblokkeerd: Ernstige tekenen van te veel magnesium.")
    who.answer("Een leeg plan bewaren", ENTER)
    who.answer("Notitie bij", "gestopt, naar de huisarts", ENTER)
    who.answer("Notitie voor", ENTER)
    who.answer("bewaren als versie 1", ENTER)
    status, screen = who.finish()
    assert status == 0 and "Overnemen" not in screen, screen
    assert plans(tmp_path)[0]["plan"]["items"] == []


def test_accepting_an_amount_the_doctor_must_agree_to_asks_for_the_consent(tmp_path):
    """Pregnancy: the advice gives glycinate 100-250 mg with "consult the doctor"; accepting it
    asks whether the doctor agreed, and the plan records that."""
    saved(tmp_path, {**JANSEN, "pregnant": True, "complaints": ["muscle_cramps"]})
    who = Practitioner(tmp_path, "1")
    who.answer("Heeft de arts geantwoord", ENTER)  # not yet
    who.answer("in het plan", ENTER)  # Overnemen
    who.answer("binnen het advies", ENTER)
    who.answer("Heeft de arts ingestemd", UP, ENTER)
    who.answer("Naam van de arts", "verloskundige M. Smit", ENTER)
    for question in ("Datum van het antwoord", "Tot wanneer", "Product", "Notitie bij", "Notitie voor",
                     "bewaren als versie 1"):
        who.answer(question, ENTER)
    status, screen = who.finish()
    assert status == 0, screen
    plan = plans(tmp_path)[0]["plan"]
    assert plan["doctor_agreed"] is True and plan["items"][0]["form"] == "glycinate"
    assert plan["doctor_answer"]["form"] == "glycinate" and plan["doctor_answer"]["mg_per_day"] == 100


def _follow_up_that_went_well(tmp_path: Path, adv, **changed: object) -> None:
    """A follow-up of intake 1 after its plan (citrate 100 mg), taken without signs of too much;
    the plan is dated a minute before it."""
    import sqlite3
    from datetime import timedelta

    from questionnaire.common.clock import now

    answers = adv.check(Document("<t>", {
        **JANSEN, **changed, "current_magnesium": {"form": "citrate", "mg_per_day": 100, "amount_basis": "elemental"}}))
    with sqlite3.connect(tmp_path / "store.sqlite3") as con:
        con.execute("UPDATE plans SET created_at = ?", ((now() - timedelta(minutes=1)).isoformat(),))
    with open_store(str(tmp_path / "store.sqlite3")) as store:
        store.save_follow_up(1, {"lang": "nl", "answers": answers, "severities": {}, "plan_taken": "yes",
                                 "plan_version": 1, "side_effects": [], "advice": adv.advise(answers, "nl")})


def test_after_a_follow_up_that_went_well_carrying_on_is_one_choice(tmp_path, adv):
    """The follow-up's advice now picks gluconate (a sensitive stomach); carrying on keeps citrate
    with the reason 'continued', checked against the new advice, and the handout follows it."""
    saved(tmp_path, JANSEN)
    (tmp_path / "plan.yaml").write_text("items:\n  - form: citrate\n    mg_per_day: 100\n", encoding="utf-8")
    env = {"MAGNESIUM_DB": str(tmp_path / "store.sqlite3")}
    assert magnesium("plan", "1", "--from", str(tmp_path / "plan.yaml"), env=env).returncode == 0
    _follow_up_that_went_well(tmp_path, adv, complaints=["muscle_cramps", "sensitive_stomach"])
    who = Practitioner(tmp_path, "1")
    who.answer("Wat wordt het plan na dit vervolg", ENTER)  # Doorgaan met het huidige plan (versie 1)
    review = who.answer("bewaren als versie 2", ENTER)
    status, screen = who.finish()
    assert status == 0, screen
    assert "Doorgaan met het huidige plan (versie 1)" in screen
    assert ("Magnesiumcitraat: 100 mg magnesium per dag; anders dan het advies (vorm niet in het advies): "
            "Doorgaan met wat werkt (na een vervolg)") in flat(review)
    first, second = plans(tmp_path)
    assert second["plan"]["items"][0] == {**first["plan"]["items"][0], "change_reason": "continued"}
    result = magnesium("handout", "1", "--out", str(tmp_path / "h.md"), env=env)
    assert result.returncode == 0, result.stderr
    assert "Ga door met je magnesiumcitraat" in (tmp_path / "h.md").read_text(encoding="utf-8")


def test_carrying_on_that_the_new_advice_rules_out_says_which_item_and_why(tmp_path, adv):
    saved(tmp_path, JANSEN)
    (tmp_path / "plan.yaml").write_text("items:\n  - form: citrate\n    mg_per_day: 100\n", encoding="utf-8")
    env = {"MAGNESIUM_DB": str(tmp_path / "store.sqlite3")}
    assert magnesium("plan", "1", "--from", str(tmp_path / "plan.yaml"), env=env).returncode == 0
    _follow_up_that_went_well(tmp_path, adv, complaints=["muscle_cramps", "palpitations"])  # now doctor first
    who = Practitioner(tmp_path, "1")
    who.answer("Wat wordt het plan na dit vervolg", ENTER)
    who.wait("Daarom kan het huidige plan niet zo doorgaan: maak een nieuw plan.")
    who.answer("Heeft de arts geantwoord", CTRL_C)
    status, screen = who.finish()
    assert status == 130 and len(plans(tmp_path)) == 1, screen
    assert "- Magnesiumcitraat: zet mg_per_day: null, of leg onder doctor_answer: vast" in flat(screen)
