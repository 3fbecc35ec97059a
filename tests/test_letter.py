"""`magnesium letter N --out FILE`: the letter to the GP, read as a GP reads it (golden texts:
doctor first, blocked, on request; nl and en), its precise question, the reply part, the
client's name and year of birth (options, checked against the intake), and the way back: the
doctor's answer recorded in the plan, and the handout that then says so."""
from __future__ import annotations

import stat
from datetime import date

import pytest
import yaml

from conftest import cli
from documents_cases import golden, PRACTICE, plan, item
from engine.answers import complete
from questionnaire.common.document_html import render_html
from questionnaire.common.document_markdown import render_markdown
from questionnaire.letter.content import Client, build_letter
from questionnaire.letter.letter_texts import LETTER_TEXTS
from questionnaire.letter.question import asked
from test_summary import without_stylesheet

DE_BOER = {"client": "mevr. De Boer", "age": 82, "sex": "female", "kidney": "none", "kidney_checked": False,
           "complaints": ["heartburn", "muscle_cramps"], "conditions": ["coeliac_disease", "alcohol_use"],
           "current_magnesium": {"form": "glycinate", "mg_per_day": 250, "amount_basis": "elemental"},
           "excess_symptoms": ["nausea"], "symptoms": ["hypnic_jerks"]}
BLOCKED = {"client": "Pieter", "age": 15, "sex": "male", "kidney": "unknown", "complaints": ["muscle_cramps"],
           "current_magnesium": {"form": "gluconate", "mg_per_day": 1000, "amount_basis": "compound"},
           "excess_symptoms": ["slow_breathing"]}
REQUEST = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none",
           "kidney_checked": True, "complaints": ["sleep_problems"], "medications": ["antibiotics"]}
LETTERS = {
    "doctor": (DE_BOER, None, Client("Mevr. A. de Boer", 1942, "2025-01-15")),
    "blocked": (BLOCKED, None, Client("Pieter Smit", 2009, "2025-01-15", to="dr. K. Bakker, huisarts")),
    "request": (REQUEST, plan(item("citrate", 200)), Client("Mevr. J. Jansen", 1982, "2025-01-15")),
}


def letter(adv, case: str, lang: str, fmt=render_markdown) -> str:
    answers, given, client = LETTERS[case]
    checked = complete(answers)
    return fmt(build_letter(checked, adv.advise(checked, lang), given, PRACTICE, client, adv.base, lang,
                            date(2025, 1, 16)))


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", list(LETTERS))
def test_letter_golden(adv, case, lang):
    golden(f"letter-{case}-{lang}.md", letter(adv, case, lang))


def test_letter_golden_html(adv):
    golden("letter-doctor-nl.html", without_stylesheet(letter(adv, "doctor", "nl", render_html)))


def test_the_letter_asks_the_precise_question_and_gives_what_the_gp_needs(adv):
    text = " ".join(letter(adv, "doctor", "nl").split())
    assert "Betreft: Mevr. A. de Boer, geboren 1942" in text and "Aan: de huisarts van Mevr. A. de Boer" in text
    assert "Leeftijd 70 jaar of ouder, zonder bepaling van de nierfunctie in de afgelopen 12 maanden." in text
    assert "Klachten die kunnen passen bij te veel magnesium, ontstaan tijdens gebruik (zie hieronder)." in text
    assert "Ik heb Mevr. A. de Boer geadviseerd nu te stoppen met het huidige magnesium: magnesiumglycinaat" in text
    assert ("Is een supplement voor deze cliënt zinvol en verantwoord, en zo ja: magnesiumglycinaat (bisglycinaat) "
            "100-250 mg elementair magnesium per dag, of welke vorm en hoeveelheid?") in text
    assert ("Wilt u magnesium, kalium, natrium, calcium en eGFR laten bepalen, als dat niet recent gebeurde? Cliënt "
            "heeft klachten tijdens gebruik van magnesium.") in text
    assert "Huidig magnesiumsupplement: magnesiumglycinaat (bisglycinaat), 250 mg elementair magnesium per dag" in text
    assert "Klachten sinds gebruik: Misselijk" in text and "Aandoeningen: Coeliakie" in text
    assert "Ik ben J. de Vries, natuurgeneeskundig therapeut, geen arts." in text
    reply = text.split("## Antwoord van de huisarts")[1]
    assert "☐ Akkoord met: vorm" in reply and "mg elementair magnesium per dag, tot" in reply
    assert "☐ Geen magnesiumsupplement geadviseerd" in reply and "Naam:" in reply and "Datum:" in reply
    for wrong in ("cramps-", "je ", "Je "):  # no rule ids; the GP is not addressed as a client
        assert wrong not in text.split("## Antwoord")[0].replace("Geachte", ""), wrong


def test_a_blocked_letter_says_what_the_client_was_told_and_the_elemental_amount(adv):
    text = " ".join(letter(adv, "blocked", "nl").split())
    assert "Aan: dr. K. Bakker, huisarts" in text
    assert "Pieter Smit meldde een trage ademhaling sinds de magnesium: ik heb geadviseerd bij een trage ademhaling " \
           "of sufheid nu direct 112 te bellen" in text
    assert "Ik heb Pieter Smit geadviseerd nu te stoppen met het huidige magnesium: magnesiumgluconaat, 1000 mg zout " \
           "per dag (ongeveer 58 mg elementair magnesium); schreef een arts het voor, dan eerst vandaag met die arts " \
           "te overleggen." in text
    assert "Nierfunctie onbekend" in text and "Is een magnesiumsupplement voor deze cliënt verantwoord" in text


def test_a_child_is_asked_about_without_an_amount_and_a_request_names_the_plans(adv):
    child = complete({"age": 10, "sex": "female", "pregnant": False, "kidney": "none", "complaints": ["fatigue"]})
    question = asked(adv.advise(child, "nl"), None, adv.base)
    assert question.form is not None and question.amount is None
    request = complete(REQUEST)
    assert asked(adv.advise(request, "nl"), plan(item("citrate", 200)), adv.base).amount == 200
    text = " ".join(letter(adv, "request", "en").split())
    assert "and if so: magnesium citrate 200 mg of elemental magnesium a day, or which form and amount?" in text
    assert "Nothing in the intake requires your opinion beforehand" in text and "kidney function" not in \
        text.split("## My question")[1].split("##")[0]


def test_the_letters_words_are_complete_in_english():
    assert all(set(words) == {"nl", "en"} for words in LETTER_TEXTS.texts().values())


def test_hostile_names_stay_one_line(adv):
    checked = complete(DE_BOER)
    made = build_letter(checked, adv.advise(checked, "nl"), None, {**PRACTICE, "name": "De <b>Linde\u202e"},
                        Client("A.\n# kop\u2066", 1942, "2025-01-15", to="dr.\r\nX"), adv.base, "nl", date(2025, 1, 16))
    markdown, html = render_markdown(made), render_html(made)
    assert "\n# kop" not in markdown and "A. \\# kop" in markdown and "\u202e" not in markdown + html
    assert "<b>" not in html and "&lt;b&gt;" in html and "Aan: dr. X" in markdown


# --- the command, and the answer that comes back ----------------------------------------------

@pytest.fixture
def stored(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MAGNESIUM_DB", str(tmp_path / "intakes.sqlite3"))
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(DE_BOER), encoding="utf-8")
    assert cli(capsys, "advise", str(tmp_path / "a.yaml"), "--save")[0] == 0
    return tmp_path


def _born() -> str:
    from questionnaire.common.clock import now

    return str(now().year - 82)


def test_the_letter_needs_the_practice_and_a_year_that_fits_the_intake(stored, capsys):
    out = str(stored / "brief.md")
    code, _, err = cli(capsys, "letter", "1", "--out", out, "--name", "A", "--born", _born())
    assert code == 2 and err.startswith("magnesium letter: --practice: maak eerst een praktijkbestand")
    (stored / "practice.yaml").write_text(yaml.safe_dump(PRACTICE), encoding="utf-8")
    code, _, err = cli(capsys, "letter", "1", "--out", out, "--name", " ", "--born", "1999")
    assert code == 2 and err.splitlines() == [
        "magnesium letter: --name: geef --name (de naam van de cliënt zoals de huisarts die kent, hoogstens 100 "
        "tekens); gekregen: ' '",
        f"magnesium letter: --born: geef --born: het geboortejaar van de cliënt, een jaar van {int(_born()) - 1} tot en "
        f"met {_born()} (de intake zegt 82 jaar op {_today()}); gekregen: '1999'"]
    assert cli(capsys, "letter", "1", "--out", out)[2] == (
        "magnesium letter: --name --born: geef --name en --born (zonder terminal kan ernaar niet gevraagd worden)\n")
    assert not (stored / "brief.md").exists()


def _today() -> str:
    from questionnaire.common.clock import now

    return now().date().isoformat()


def test_the_letter_is_written_private_and_its_answer_comes_back_into_the_plan_and_the_handout(stored, capsys):
    (stored / "practice.yaml").write_text(yaml.safe_dump(PRACTICE), encoding="utf-8")
    out = stored / "brief.html"
    code, _, err = cli(capsys, "letter", "1", "--out", str(out), "--name", "Mevr. A. de Boer", "--born", _born(),
                       "--lang", "en")
    assert (code, err) == (0, f"intake 1: letter to the GP written to {out}\n")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and "Request for your opinion" in out.read_text(encoding="utf-8")
    (stored / "plan.yaml").write_text(
        "items:\n  - form: citrate\n    mg_per_day: 150\n    change_reason: doctor_advice\n"
        f"doctor_answer:\n  doctor: dr. K. Bakker\n  date: {_today()}\n  outcome: agreed\n  form: citrate\n"
        "  mg_per_day: 150\n", encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(stored / "plan.yaml"))[0] == 0
    assert cli(capsys, "handout", "1", "--out", str(stored / "h.md"))[0] == 0
    handout = " ".join((stored / "h.md").read_text(encoding="utf-8").split())
    assert "Stop met je magnesiumglycinaat (bisglycinaat). Begin daarna met wat hieronder staat." in handout
    assert "Afgesproken met je arts, dr. K. Bakker, op" in handout
    assert "Laat je nieren elk jaar controleren bij je huisarts zolang je magnesium neemt." in handout


def test_the_letters_dutch_is_dutch_and_never_says_je():
    from test_rule_texts import YOU, _english

    texts = LETTER_TEXTS.texts()
    assert not [key for key, words in texts.items() if _english(words["nl"])]
    assert not [key for key, words in texts.items() if not key.startswith(("err_", "ask_")) and YOU.search(words["nl"])]


def test_in_a_terminal_the_name_and_the_year_are_asked_and_checked_as_typed(tmp_path):
    from conftest import magnesium
    from test_intake_pty import BACKSPACE, ENTER, Client

    class Writer(Client):
        command = "letter"

    env = {"MAGNESIUM_DB": str(tmp_path / "store.sqlite3")}
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(DE_BOER), encoding="utf-8")
    (tmp_path / "practice.yaml").write_text(yaml.safe_dump(PRACTICE), encoding="utf-8")
    assert magnesium("advise", str(tmp_path / "a.yaml"), "--save", env=env).returncode == 0
    who = Writer(tmp_path, "1", "--out", str(tmp_path / "brief.md"))
    who.answer("Naam van de cliënt", BACKSPACE * 20, "Mevr. A. de Boer", ENTER)  # the intake's name is ready
    who.answer("Geboortejaar", "1999", ENTER)
    who.wait("geef --born: het geboortejaar van de cliënt")
    who.child.send(BACKSPACE * 4 + _born() + ENTER)
    status, screen = who.finish()
    assert status == 0, screen
    assert "Betreft: Mevr. A. de Boer, geboren " + _born() in (tmp_path / "brief.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("medicine, why", [("acid_inhibitors", "maagzuurremmer"), ("diuretics", "lis- of thiazide")])
def test_a_medicine_that_changes_blood_salts_brings_the_lab_request(adv, medicine, why):
    """Blind read of 5 December 2026: no letter asked for magnesium, potassium or sodium, even
    where the summary said a medicine made it worth measuring."""
    answers = complete({"age": 45, "sex": "male", "kidney": "none", "complaints": ["muscle_cramps", "palpitations"],
                        "medications": [medicine]})
    text = " ".join(render_markdown(build_letter(answers, adv.advise(answers, "nl"), None, PRACTICE,
                                                 Client("J. Smit", 1980, "2025-01-15"), adv.base, "nl",
                                                 date(2025, 1, 16))).split())
    asked_for = text.split("## Mijn vraag")[1].split("##")[0]
    assert "Wilt u magnesium, kalium, natrium, calcium en eGFR laten bepalen" in asked_for
    assert why in asked_for


@pytest.mark.parametrize("current, today", [(None, False), ({"form": "citrate", "mg_per_day": 100}, True)])
def test_a_blocked_letter_says_today_only_when_magnesium_is_taken_or_signs_are_there(adv, current, today):
    """Blind read of 5 December 2026: "today" for an unknown kidney function in a healthy young
    adult who takes nothing leaves the GP's assistant no way to triage."""
    answers = complete({"age": 30, "sex": "male", "kidney": "unknown", "complaints": ["muscle_cramps"],
                        "current_magnesium": current})
    text = " ".join(render_markdown(build_letter(answers, adv.advise(answers, "nl"), None, PRACTICE,
                                                 Client("J. Smit", 1995, "2025-01-15"), adv.base, "nl",
                                                 date(2025, 1, 16))).split())
    assert ("vandaag contact met u op te nemen" in text) is today
    assert ("hierover een afspraak met u te maken" in text) is not today


def _text(adv, answers: dict) -> str:
    checked = complete(answers)
    return " ".join(render_markdown(build_letter(checked, adv.advise(checked, "nl"), None, PRACTICE,
                                                 Client("J. Smit", 1990, "2025-01-15"), adv.base, "nl",
                                                 date(2025, 1, 16))).split())


def test_a_childs_letter_names_no_form_and_a_child_with_signs_is_seen_today(adv):
    """Blind read of 6 December 2026 (case 20): a 3-year-old on an adult product of unknown amount,
    nauseous, got no same-day line, a stroke text meant for adults, and glycinate proposed."""
    text = _text(adv, {"age": 3, "sex": "male", "kidney": "none", "complaints": ["restless_legs", "sports_muscle_pain"],
                       "current_magnesium": {"form": "chelate", "mg_per_day": None}, "excess_symptoms": ["nausea"],
                       "symptoms": ["word_finding_difficulty"]})
    question = text.split("## Mijn vraag")[1].split("##")[0]
    assert "Heeft dit kind een magnesiumsupplement nodig?" in question and "glycinaat" not in question
    assert "ouders geadviseerd het nu te stoppen en vandaag contact met u op te nemen" in text
    assert "consultatiebureau" in text and "TIA" not in text and "invoerfout" in text


def test_no_amount_is_proposed_on_top_of_a_magnesium_antacid_or_laxative(adv):
    """Blind read of 6 December 2026 (cases 05, 14): 100-250 mg proposed beside an antacid or
    laxative of unknown magnesium; the letter asks whether that medicine can stay."""
    text = _text(adv, {"age": 42, "sex": "female", "pregnant": True, "kidney": "none", "kidney_checked": True,
                       "complaints": ["restless_legs"], "medications": ["magnesium_antacids_laxatives"],
                       "current_magnesium": {"form": "oxide", "mg_per_day": 250}})
    question = text.split("## Mijn vraag")[1].split("##")[0]
    assert "en hoeveel per dag?" in question and "mg elementair magnesium per dag" not in question
    assert "telt mee voor de bovengrens" in question
    assert "magnesiumhoudend antacidum of laxans (totale inname onbekend)" in question  # blind read 5: the level
    assert "Zwanger: elk supplement hoort eerst bij de verloskundige of bij u." in text.split("## Reden")[1]


def test_seizures_are_a_reason_with_the_same_day_and_the_lab_request(adv):
    """Blind read of 6 December 2026 (cases 07, 08): seizures at 91 got a handout amount; with an
    acid inhibitor the link to a low magnesium was not made."""
    text = _text(adv, {"age": 58, "sex": "female", "kidney": "none", "complaints": ["fatigue"],
                       "medications": ["acid_inhibitors"], "symptoms": ["seizures"]})
    assert "eerste of nieuwe aanval vandaag contact met u op te nemen" in text.split("## Reden")[1]
    assert "Cliënt noemt toevallen." in text.split("## Mijn vraag")[1]


def test_the_letter_never_reassures_about_serious_signs(adv):
    """Blind read of 6 December 2026 (case 06): "a low amount and normal kidneys make magnesium an
    unlikely cause" was printed where the kidneys were not measured and an antacid was taken."""
    text = _text(adv, {"age": 25, "sex": "female", "kidney": "none", "complaints": ["muscle_cramps"],
                       "medications": ["magnesium_antacids_laxatives", "potassium_sparing_diuretics"],
                       "current_magnesium": {"form": "threonate", "mg_per_day": 100},
                       "excess_symptoms": ["diarrhea", "low_blood_pressure"]})
    assert "onwaarschijnlijk" not in text and "Magnesium kan de oorzaak zijn" in text


def test_slow_breathing_is_112_or_the_gp_now_and_the_letter_only_confirms(adv):
    """Blind read 4 (case 16): a 3-year-old breathing slowly was sent "to the GP today" by letter."""
    text = _text(adv, {"age": 3, "sex": "female", "kidney": "none", "complaints": ["fatigue"],
                       "current_magnesium": {"form": "citrate", "mg_per_day": 50}, "excess_symptoms": ["slow_breathing"]})
    opening = text.split("## Reden")[0]
    assert "nu direct 112 te bellen" in opening and "Deze brief is de bevestiging." in opening


@pytest.mark.parametrize("age, checked, said", [(40, False, False), (40, True, True), (70, False, True)])
def test_the_kidney_check_is_named_only_where_the_intake_asked_it(adv, age, checked, said):
    """Blind read 4: "not measured in the past 12 months" in 13 letters of clients under 70, whom
    the intake never asks."""
    text = _text(adv, {"age": age, "sex": "male", "kidney": "none", "kidney_checked": checked,
                       "complaints": ["palpitations"]})
    assert ("afgelopen 12 maanden" in text) is said


def test_a_child_who_walks_less_well_is_today_in_the_letter_too(adv):
    """Blind read 5 (case 14): the summary said the same day, the letter "this week"."""
    text = _text(adv, {"age": 8, "sex": "male", "kidney": "none", "complaints": ["mobility", "constipation"]})
    assert "ouders geadviseerd hiervoor vandaag contact met u op te nemen" in text and "deze week een afspraak" not in text


def test_a_pregnant_clients_letter_goes_to_the_midwife_and_names_the_signs_of_pre_eclampsia(adv):
    """Blind read 6 (cases 07, 17, 19): a pregnant client's letter went to the GP alone and left
    out the blood pressure problem and the signs of pre-eclampsia."""
    answers = complete({"age": 25, "sex": "female", "pregnant": True, "breastfeeding": False, "kidney": "none",
                        "complaints": ["constipation"], "symptoms": ["blood_pressure_problems"]})
    made = build_letter(answers, adv.advise(answers, "nl"), None, PRACTICE, Client("Mevr. S. Bakker", 2001, "2025-01-15"),
                        adv.base, "nl", date(2025, 1, 16))
    text = " ".join(render_markdown(made).split())
    assert "de verloskundige of huisarts van Mevr. S. Bakker" in text and "Geachte verloskundige of huisarts," in text
    assert "Zwanger met bloeddrukproblemen, vocht vasthouden of maagzuur (volgens de cliënt)" in text
    assert "alarmsignalen van pre-eclampsie dezelfde dag te bellen" in text
