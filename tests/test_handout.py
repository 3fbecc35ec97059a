"""`magnesium handout N --out FILE`: the client's page made for this client, read as the client
reads it (golden texts per case, nl and en), when it is refused and why, the practice file, the
intake's language, hostile text, and one A4 page in chromium."""
from __future__ import annotations

import re
import stat
from datetime import date
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import cli, magnesium
from documents_cases import golden, AGREED, CASES, CREATED, FOLLOW_UP, PRACTICE, answers_of, item, kept, plan
from engine.answers import complete
from engine.plan_check import accepted
from questionnaire.common.document_html import render_html
from questionnaire.common.document_markdown import literal, render_markdown
from questionnaire.handout.content import WARNINGS, build_handout
from questionnaire.handout.handout_texts import HANDOUT_TEXTS
from questionnaire.handout.ready import not_ready
from strategies import answers
from test_plan import PLANS
from test_summary import without_stylesheet
from test_summary_browser import A4_POINTS, BROWSER, headless

TODAY = date(2025, 2, 1)


def page(adv, case: str, lang: str = "nl", fmt=render_markdown, practice: dict | None = PRACTICE) -> str:
    client = answers_of(case)
    return fmt(build_handout(client, adv.advise(client, lang), kept(case), FOLLOW_UP, adv.base, lang, practice))


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_handout_golden(adv, case, lang):
    assert not_ready(kept(case), adv.advise(answers_of(case), lang), None, adv.base, lang, TODAY) == []
    golden(f"handout-{case}-{lang}.md", page(adv, case, lang))


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_handout_golden_html(adv, lang):
    golden(f"handout-simple-{lang}.html", without_stylesheet(page(adv, "simple", lang, render_html)))


def test_a_simple_plan_shows_its_units_never_more_and_nothing_for_the_practitioner_only(adv):
    text = page(adv, "simple")
    assert "2 tabletten per dag (200 mg magnesium)" in text and "250" not in text  # the plan's units, never above
    assert "alleen voor de therapeut" not in text and "client_preference" not in text and "cramps-" not in text
    assert "Antibiotica: neem ze minstens 2 uur vóór of 4 tot 6 uur ná je magnesium." in text
    assert "Op het etiket staat 'magnesium … mg'" in text  # how to read the label


def test_a_replaced_product_is_stopped_by_its_name_and_the_new_one_named_with_its_brand(adv):
    text = page(adv, "replaced")
    assert "Stop met je magnesiumglycinaat (bisglycinaat). Begin daarna met wat hieronder staat." in text
    assert "Magnesiumcitraat – Magnesium Citraat 100: 2 tabletten per dag" in text
    assert "## Van je therapeut\n\nNeem de tabletten bij het avondeten." in text
    english = page(adv, "replaced", "en")
    assert "Stop your magnesium glycinate (bisglycinate). Then start with what is below." in english


def test_the_same_form_carries_on_or_changes_its_amount(adv):
    same = {**CASES["replaced"][0], "current_magnesium": {"form": "citrate", "mg_per_day": 200}}
    client = complete(same)
    made = build_handout(client, adv.advise(client, "nl"), kept("replaced"), FOLLOW_UP, adv.base, "nl")
    assert "Ga door met je magnesiumcitraat, zoals hieronder staat." in render_markdown(made)
    client = complete({**same, "current_magnesium": {"form": "citrate", "mg_per_day": 100}})
    made = build_handout(client, adv.advise(client, "nl"), kept("replaced"), FOLLOW_UP, adv.base, "nl")
    assert "Blijf bij je magnesiumcitraat, maar neem voortaan de hoeveelheid die hieronder staat." in \
        render_markdown(made)


def test_a_minor_has_a_line_for_the_parents(adv):
    assert "lees dit blad samen met je ouders" in page(adv, "minor")
    assert "read this page together with your parents" in page(adv, "minor", "en")
    assert "ouders" not in page(adv, "simple")
    sixteen = complete({**CASES["minor"][0], "age": 16})  # WGBO: from 16 the young person decides alone
    assert "ouders" not in render_markdown(build_handout(sixteen, adv.advise(sixteen, "nl"), kept("minor"), FOLLOW_UP,
                                                         adv.base, "nl", PRACTICE))


def test_the_doctors_answer_is_said_with_who_and_when_and_its_end_date_ends_the_item(adv):
    text = " ".join(page(adv, "doctor-agreed").split())
    assert "Afgesproken met je arts, dr. K. Bakker, op 20 januari 2025." in text
    assert "Hartkloppingen met pijn op de borst, heel benauwd of flauwvallen: bel meteen 112." in text
    early = {**AGREED, "until": "2025-02-28"}
    client = answers_of("doctor-agreed")
    made = build_handout(client, adv.advise(client, "nl"), {**kept("doctor-agreed"), "plan": plan(
        item("citrate", 150, change_reason="doctor_advice"), answer=early)}, FOLLOW_UP, adv.base, "nl")
    assert "Van 15 januari 2025 tot 28 februari 2025. Stop dan, ook als je volgende afspraak later is." in \
        " ".join(render_markdown(made).split())


def test_not_advised_stops_the_current_product_and_takes_nothing(adv):
    text = page(adv, "doctor-not-advised")
    assert "Je arts, dr. K. Bakker, raadt een magnesiumsupplement af (op 20 januari 2025)." in text
    assert "Stop met je magnesiumoxide." in text and "## Te veel magnesium?" not in text


@pytest.mark.parametrize("lang, stop", [("nl", "Stop nu met je magnesiumglycinaat (bisglycinaat) en bel vandaag nog je huisarts."),
                                        ("en", "Stop your magnesium glycinate (bisglycinate) now and call your GP today.")])
def test_a_blocked_advice_says_stop_by_name_gp_112_first_and_gives_no_food_advice(adv, lang, stop):
    text = page(adv, "blocked", lang)
    first = text.split("\n## ")[1]
    assert stop in first and ("bel 112" in first or "call 112" in first)
    assert "Sojabonen" not in text and "Soya beans" not in text and "## Eet" not in text
    without = complete({**CASES["blocked"][0], "current_magnesium": None})
    made = render_markdown(build_handout(without, adv.advise(without, "nl"), kept("blocked"), FOLLOW_UP, adv.base, "nl"))
    assert "Neem geen magnesiumsupplement. Maak een afspraak bij je huisarts en neem dit blad mee." in made
    assert "Stop" not in made and "## Te veel magnesium?" not in made  # nothing taken, nothing to stop
    laxative = complete({**CASES["blocked"][0], "current_magnesium": None, "medications": ["magnesium_antacids_laxatives"]})
    made = render_markdown(build_handout(laxative, adv.advise(laxative, "nl"), kept("blocked"), FOLLOW_UP, adv.base,
                                         "nl"))
    assert "Stop nu met de magnesium en bel vandaag nog je huisarts." in made
    assert "Vraag vandaag nog je huisarts of apotheek of je daarmee moet stoppen." in made


def test_in_pregnancy_the_midwife_is_named_beside_the_gp(adv):
    pregnant = complete({**CASES["simple"][0], "pregnant": True, "medications": []})
    answer = {**AGREED, "mg_per_day": 150}
    made = build_handout(pregnant, adv.advise(pregnant, "nl"), {**kept("simple"), "plan": plan(
        item("glycinate", 150, change_reason="doctor_advice"), answer=answer)}, FOLLOW_UP, adv.base, "nl")
    assert "bel vandaag je verloskundige of huisarts" in render_markdown(made)


def test_each_warning_the_handout_knows_has_client_words_in_both_languages_and_a_part():
    assert set(WARNINGS.values()) <= {"gp", "medicines", "take", "eat"}
    for wid in WARNINGS:
        assert HANDOUT_TEXTS.has(f"warn_{wid}"), wid
    # the contract's referrals and doctor-first reasons (versions 3 and 4): whom to see, in words
    for wid in ("mobility_referral", "headache_over_50", "symptom_referral", "antacid_magnesium", "check_label"):
        assert wid in WARNINGS
    for reason in ("child", "palpitations", "kidney_check_needed", "potassium_sparing_diuretics",
                   "magnesium_antacids_laxatives", "bisphosphonate_heartburn", "memory_referral",
                   "pregnancy_abdominal_pain", "heart_failure", "measured_deficiency", "pregnancy_medicine",
                   "high_risk_pregnancy", "side_effects", "diuretics", "cancer"):
        assert HANDOUT_TEXTS.has(f"doctor_{reason}"), reason
    assert all(set(words) == {"nl", "en"} for words in HANDOUT_TEXTS.texts().values())


def test_the_contract_4_lines_reach_their_part_of_the_page(adv):
    """A label that gives the salt's weight as magnesium (check_label), coeliac disease (gluten-free
    foods), hormone-related cancer (soya as food, no soya supplements), heartburn (antacids with magnesium) and trouble walking (the GP this week)."""
    client = complete({**CASES["replaced"][0], "complaints": ["muscle_cramps", "heartburn", "mobility"],
                       "conditions": ["coeliac_disease", "hormone_related_cancer"],
                       "current_magnesium": {"form": "gluconate", "mg_per_day": 600, "amount_basis": "elemental"}})
    advice = adv.advise(client, "nl")
    primary = next(r for r in advice["recommendations"] if r["role"] == "primary")
    assert advice["doctor_first_reasons"] == ["cancer"]  # the oncologist first: the page waits for the answer
    blocked = {**kept("replaced"), "plan": plan(item(primary["form"], None))}
    assert not_ready(blocked, advice, None, adv.base, "nl", TODAY)
    answer = {**AGREED, "form": primary["form"], "mg_per_day": 100, "until": None}
    given = {**kept("replaced"), "plan": plan(item(primary["form"], 100), answer=answer)}
    assert not_ready(given, advice, None, adv.base, "nl", TODAY) == []
    text = render_markdown(build_handout(client, advice, given, FOLLOW_UP, adv.base, "nl"))
    important, take = text.split("## Belangrijk")[1].split("## Wat neem je in")
    assert "Maak daarvoor deze week een afspraak bij je huisarts" in important
    assert "Neem die verpakking mee naar je volgende afspraak." in take.split("## Andere medicijnen")[0]
    assert "Stop met je magnesiumgluconaat." in take
    assert "(zoals Rennie of Maalox) bevatten vaak ook magnesium" in text.split("## Andere medicijnen")[1]
    foods = text.split("## Eet hier meer van")[1]
    assert "Havermout alleen met het glutenvrij-logo." in foods and "Volkorenbrood" not in foods
    assert "Neem geen supplementen met soja (isoflavonen)." in foods


def test_hostile_text_stays_text_on_one_line(adv):
    nasty = "Mevr. <script>alert(1)</script>\u202e\n# kop\x1b[2J"
    client = complete({**CASES["simple"][0], "client": nasty})
    given = {**kept("simple"), "plan": plan(item("citrate", 200, product="Merk *vet*\n- lijst"),
                                            client_note="eerste regel\n## geen kop\u2066")}
    made = build_handout(client, adv.advise(client, "nl"), given, FOLLOW_UP, adv.base, "nl",
                         {**PRACTICE, "name": "De Linde\u202e\r\n<b>"})
    html, markdown = render_html(made), render_markdown(made)
    assert "<script>" not in html and "&lt;script&gt;" in html and "<b>" not in html
    assert "\u202e" not in html + markdown and "\u2066" not in markdown and "\x1b" not in html + markdown
    assert "Voor: Mevr. \\<script\\>alert(1)\\</script\\> \\# kop  \n" in markdown  # the escape sequence gone whole
    assert "\n## geen kop" not in markdown and "eerste regel \\#\\# geen kop" in markdown
    assert "Magnesiumcitraat – Merk \\*vet\\* - lijst:" in markdown


def test_no_practice_no_words_about_it(adv):
    text = page(adv, "simple", practice=None)
    assert "Bel " not in text and "Praktijk" not in text
    client = answers_of("simple")
    cleared = render_markdown(build_handout(client, adv.advise(client, "nl"), kept("simple"), None, adv.base, "nl"))
    assert "Je volgende afspraak" not in cleared and "Rond " not in cleared
    assert "Van 15 januari 2025 tot 16 maart 2025." in cleared  # the plan's own 60 days, no appointment


# --- when a handout is refused, and why ---------------------------------------------------------

def test_doctor_first_without_the_doctors_answer_gives_no_handout(adv):
    client = answers_of("doctor-agreed")
    advice = adv.advise(client, "nl")
    waiting = {**kept("doctor-agreed"), "plan": plan(item("citrate", None))}
    ((code, params),) = not_ready(waiting, advice, None, adv.base, "nl", TODAY)
    assert code == "doctor_first" and params == {"version": 1, "reasons": "Hartkloppingen"}
    old = {**kept("doctor-agreed"), "plan": {**plan(item("citrate", 150, change_reason="doctor_advice")),
                                             "doctor_agreed": True}}  # an older plan: consent without an answer
    assert [c for c, _ in not_ready(old, advice, None, adv.base, "nl", TODAY)] == ["doctor_first"]
    expired = not_ready(kept("doctor-agreed"), advice, None, adv.base, "nl", date(2025, 5, 1))
    assert expired == [("doctor_expired", {"doctor": "dr. K. Bakker", "until": "2025-04-20"})]


def test_a_blocked_advice_keeps_its_stop_page_where_a_doctor_must_look_first_too(adv):
    client = complete({**CASES["blocked"][0], "complaints": ["palpitations"]})
    advice = adv.advise(client, "nl")
    assert advice["blocked"] and advice["doctor_first"]
    assert not_ready(kept("blocked"), advice, None, adv.base, "nl", TODAY) == []
    assert "Stop nu met je magnesiumglycinaat" in render_markdown(build_handout(
        client, advice, kept("blocked"), FOLLOW_UP, adv.base, "nl"))


@pytest.fixture
def saved(tmp_path, monkeypatch, capsys):
    """Intake 1 of case 'simple' in a private store, with practice.yaml beside it."""
    monkeypatch.setenv("MAGNESIUM_DB", str(tmp_path / "intakes.sqlite3"))
    answers_file = tmp_path / "jansen.yaml"
    answers_file.write_text(yaml.safe_dump(CASES["simple"][0]), encoding="utf-8")
    assert cli(capsys, "advise", str(answers_file), "--save")[0] == 0
    (tmp_path / "practice.yaml").write_text(yaml.safe_dump(PRACTICE), encoding="utf-8")
    return tmp_path


PLAN = "items:\n  - form: citrate\n    mg_per_day: 250\n    product_mg_per_unit: 100\n    unit: tablet\n"


def test_handout_needs_a_plan_first(saved, capsys):
    code, out, err = cli(capsys, "handout", "1", "--out", str(saved / "h.html"))
    assert (code, out) == (2, "")
    assert err == ("magnesium handout: number: maak eerst een plan: magnesium plan 1 (of --from plan.yaml); "
                   "intake 1 heeft nog geen plan\n")
    assert not (saved / "h.html").exists()


def test_handout_is_written_private_in_the_intakes_language_unless_asked(saved, capsys, adv):
    (saved / "plan.yaml").write_text(PLAN, encoding="utf-8")
    cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))
    target = saved / "h.md"
    target.write_text("old", encoding="utf-8")
    code, _, err = cli(capsys, "handout", "1", "--out", str(target), "--lang", "en")
    assert (code, err) == (0, f"intake 1: handout written to {target}\n")
    text = target.read_text(encoding="utf-8")
    assert "Questions? Call Praktijk De Linde: 012-3456789." in text and "2 tablets a day (200 mg" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    from questionnaire.store import open_store

    with open_store(None) as store:  # an intake made in English: its handout is English without --lang
        client = complete(CASES["simple"][0])
        store.save_intake(client, adv.advise(client, "en"), "en", None)
    (saved / "plan2.yaml").write_text(PLAN, encoding="utf-8")
    cli(capsys, "plan", "2", "--from", str(saved / "plan2.yaml"))
    assert cli(capsys, "handout", "2", "--out", str(target))[2] == f"intake 2: handout written to {target}\n"
    assert "# Your magnesium plan" in target.read_text(encoding="utf-8")


def test_practice_file_mistakes_have_their_lines(saved, capsys):
    (saved / "plan.yaml").write_text(PLAN, encoding="utf-8")
    cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))
    practice = saved / "p.yaml"
    practice.write_text("name: De Linde\nfax: 1\nphone: 5\n", encoding="utf-8")
    code, _, err = cli(capsys, "handout", "1", "--out", str(saved / "h.md"), "--practice", str(practice), "--lang", "en")
    assert code == 2 and err == (
        f"{practice}:2: fax: use only name, phone, address, email, practitioner; the practice file has no 'fax'\n"
        f"{practice}:3: phone: give a text of at most 100 characters; got 5\n")
    assert cli(capsys, "handout", "1", "--out", str(saved / "h.txt"))[2] == (
        "magnesium handout: --out: geef een bestandsnaam die eindigt op .html, .md of .pdf; gekregen: '"
        f"{saved / 'h.txt'}'\n")


def test_doctor_first_the_handout_is_refused_with_what_to_do(saved, capsys):
    (saved / "p.yaml").write_text(yaml.safe_dump(CASES["doctor-agreed"][0]))
    cli(capsys, "advise", str(saved / "p.yaml"), "--save")
    (saved / "plan.yaml").write_text("items:\n  - form: citrate\n    mg_per_day: null\n", encoding="utf-8")
    assert cli(capsys, "plan", "2", "--from", str(saved / "plan.yaml"))[0] == 0
    code, out, err = cli(capsys, "handout", "2", "--out", str(saved / "h.md"))
    assert (code, out) == (2, "") and not (saved / "h.md").exists()
    assert err == ("magnesium handout: number: stuur eerst de brief aan de huisarts (magnesium letter 2 --out brief.pdf) "
                   "en leg het antwoord vast in het plan (magnesium plan 2); het advies zegt eerst naar de arts "
                   "(Hartkloppingen) en planversie 1 heeft nog geen antwoord van de arts\n")
    answered = ("items:\n  - form: citrate\n    mg_per_day: 150\n    change_reason: doctor_advice\n"
                "doctor_answer:\n  doctor: dr. K. Bakker\n  date: 2025-01-20\n  outcome: agreed\n  form: citrate\n"
                "  mg_per_day: 150\n")
    (saved / "answered.yaml").write_text(answered, encoding="utf-8")
    assert cli(capsys, "plan", "2", "--from", str(saved / "answered.yaml"))[0] == 0
    assert cli(capsys, "handout", "2", "--out", str(saved / "h.md"))[0] == 0
    assert "Afgesproken met je arts, dr. K. Bakker, op 20 januari 2025." in (saved / "h.md").read_text(encoding="utf-8")


# --- after a follow-up --------------------------------------------------------------------------

def _planned(saved: Path, capsys) -> None:
    """Intake 1's plan: citrate 250 mg (tablets of 100), version 1, from plan.yaml."""
    (saved / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))[0] == 0


def _follow_up(adv, side_effects: list[str], medications: list[str], taken: str = "yes", **more: object) -> None:
    """A follow-up of intake 1 kept as `intake --follow-up` keeps it, after the plans made so far
    (made a minute earlier): the plan (citrate 250 mg) taken, with these signs and medicines."""
    import sqlite3
    from datetime import timedelta

    from questionnaire.common.clock import now
    from questionnaire.store import open_store, resolve_path

    client = complete({**CASES["simple"][0], "medications": medications, "excess_symptoms": side_effects,
                       "current_magnesium": {"form": "citrate", "mg_per_day": 250, "amount_basis": "elemental"},
                       **more})
    with sqlite3.connect(resolve_path()) as con:
        con.execute("UPDATE plans SET created_at = ?", ((now() - timedelta(minutes=1)).isoformat(),))
    with open_store(None) as store:
        store.save_follow_up(1, {"lang": "nl", "answers": client, "severities": {}, "plan_taken": taken,
                                 "plan_version": 1, "side_effects": side_effects, "advice": adv.advise(client, "nl")})


def test_after_a_blocked_follow_up_the_old_plan_gives_no_handout_and_a_new_plan_is_checked_against_it(
        adv, saved, capsys):
    _planned(saved, capsys)
    _follow_up(adv, ["slow_breathing"], ["antibiotics"])
    code, out, err = cli(capsys, "handout", "1", "--out", str(saved / "h.html"))
    assert (code, out) == (2, "") and not (saved / "h.html").exists()
    assert err.startswith("magnesium handout: number: maak eerst een nieuw plan bij het advies van vervolg 1 (")
    assert err.endswith("): magnesium plan 1; de cliënt meldde daar klachten van te veel magnesium, na planversie 1\n")
    code, _, err = cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))
    assert code == 2 and "plan.yaml:1: items: laat items leeg; het advies is geblokkeerd" in err  # the blocked advice
    assert err.splitlines()[-1].startswith(f"{saved / 'plan.yaml'}: plan: maak het plan bij het advies van vervolg 1 (")
    (saved / "empty.yaml").write_text("items: []\nnote: gestopt, naar de huisarts\n", encoding="utf-8")
    code, _, err = cli(capsys, "plan", "1", "--from", str(saved / "empty.yaml"))
    assert code == 0 and err.startswith("intake 1: getoetst aan het advies van vervolg 1 (")


def test_a_follow_up_that_went_well_keeps_the_handout_of_the_plan_that_works(adv, saved, capsys):
    _planned(saved, capsys)
    _follow_up(adv, [], ["antibiotics", "bisphosphonates"])  # bone medicine started since the intake
    assert cli(capsys, "handout", "1", "--out", str(saved / "h.md"))[0] == 0
    text = (saved / "h.md").read_text(encoding="utf-8")
    assert "Antibiotica" in text and "botontkalking" in text and "3 tot 4 uur" in text
    assert "Ga door met je magnesiumcitraat" in text  # the follow-up's current product is the plan's


def test_a_plan_file_may_carry_on_after_a_follow_up_that_went_well_and_only_then(adv, saved, capsys):
    _planned(saved, capsys)
    _follow_up(adv, [], ["antibiotics"], complaints=["muscle_cramps", "sensitive_stomach"])  # now gluconate first
    code, _, err = cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))
    assert code == 2 and "dit item wijkt af van het advies in: form" in err
    (saved / "carry.yaml").write_text(PLAN + "    change_reason: continued\n", encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(saved / "carry.yaml"))[0] == 0
    _follow_up(adv, ["diarrhea"], ["antibiotics"], complaints=["muscle_cramps", "sensitive_stomach"])
    code, _, err = cli(capsys, "plan", "1", "--from", str(saved / "carry.yaml"))
    assert code == 2 and "kies een andere reden; continued (doorgaan met wat werkt) kan alleen na een vervolg" in err


def test_a_follow_up_that_rules_the_plan_out_says_which_item_and_why(adv, saved, capsys):
    _planned(saved, capsys)
    _follow_up(adv, [], ["antibiotics"], complaints=["muscle_cramps", "palpitations"])  # now doctor first
    code, _, err = cli(capsys, "handout", "1", "--out", str(saved / "h.md"))
    assert code == 2 and "(Hartkloppingen) en planversie 1 heeft nog geen antwoord van de arts" in err
    _follow_up(adv, [], ["antibiotics"], kidney="problems")  # blocked without signs of too much
    code, _, err = cli(capsys, "handout", "1", "--out", str(saved / "h.md"), "--lang", "en")
    assert code == 2 and err.startswith("magnesium handout: number: make a new plan for the advice of follow-up 2 (")
    assert err.endswith("magnesium plan 1; plan version 1: leave items empty; the advice is blocked, so no "
                        "supplement (the summary says why)\n")


def test_mild_signs_at_a_follow_up_after_the_plan_ask_for_a_new_plan_first(adv, saved, capsys):
    _planned(saved, capsys)
    _follow_up(adv, ["diarrhea"], ["antibiotics"])
    code, _, err = cli(capsys, "handout", "1", "--out", str(saved / "h.md"))
    assert code == 2 and "klachten van te veel magnesium, na planversie 1" in err


def test_the_summary_holds_a_plan_made_after_a_follow_up_against_that_follow_ups_advice(adv, saved, capsys):
    _planned(saved, capsys)
    _follow_up(adv, ["diarrhea"], ["antibiotics"])  # mild signs: the follow-up advises glycinate instead
    (saved / "new.yaml").write_text("items:\n  - form: glycinate\n    mg_per_day: 150\n", encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(saved / "new.yaml"))[0] == 0
    summary = " ".join(cli(capsys, "review", "1", "--no-pager", "--lang", "en")[1].split())
    plan_part = summary.split("THE PRACTITIONER'S PLAN")[1]
    assert "Made for the advice of follow-up 1" in plan_part and "as advised" in plan_part
    assert "form not in" not in plan_part


# --- a property, and one A4 page in chromium ----------------------------------------------------

_UNITS = st.fixed_dictionaries({"product_mg_per_unit": st.none() | st.integers(1, 500),
                                "unit": st.sampled_from(["tablet", "capsule", "scoop", "ml"])})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(client=answers(), given_plan=PLANS, units=_UNITS, lang=st.sampled_from(["nl", "en"]))
def test_the_handout_never_names_an_amount_above_the_plans(adv, client, given_plan, units, lang):
    given_plan = {**given_plan, "items": [{**i, **units} for i in given_plan["items"]]}
    advice = adv.advise(client, lang)
    made = {"version": 1, "created_at": CREATED, "plan": given_plan}
    if not accepted(given_plan, advice, adv.base.forms) or not_ready(made, advice, None, adv.base, lang, TODAY):
        return
    text = render_markdown(build_handout(client, advice, made, FOLLOW_UP, adv.base, lang, PRACTICE))
    text = text.replace(literal(HANDOUT_TEXTS.say("label", lang)), "")  # its example is a salt's weight
    highest = max((i["mg_per_day"] or 0 for i in given_plan["items"]), default=0)
    assert all(int(mg) <= highest for mg in re.findall(r"(\d+) mg", text)), text
    assert not any(rule in text for rule in advice["fired_rules"])  # no rule ids


@pytest.mark.skipif(BROWSER is None, reason="no chromium binary found (apt-get install chromium)")
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", ["simple", "replaced", "blocked"])
def test_a_handout_prints_on_one_a4_page_in_chromium(tmp_path, adv, lang, case):
    (tmp_path / "handout.html").write_text(page(adv, case, lang, render_html), encoding="utf-8")
    pdf = tmp_path / "handout.pdf"
    printed = headless(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", (tmp_path / "handout.html").as_uri())
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert ":CONSOLE" not in printed.stderr
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    assert [(round(float(w)), round(float(h))) for w, h in boxes] == [A4_POINTS]


def test_the_command_runs_as_a_user_runs_it(tmp_path):
    env = {"MAGNESIUM_DB": str(tmp_path / "intakes.sqlite3")}
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(CASES["replaced"][0]), encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert magnesium("advise", str(tmp_path / "a.yaml"), "--save", env=env).returncode == 0
    assert magnesium("plan", "1", "--from", str(tmp_path / "plan.yaml"), env=env).returncode == 0
    result = magnesium("handout", "1", "--out", str(tmp_path / "h.html"), env=env)
    assert result.returncode == 0, result.stderr
    assert "Stop met je magnesiumglycinaat" in (tmp_path / "h.html").read_text(encoding="utf-8")


def test_the_handouts_dutch_is_dutch_and_speaks_to_the_client():
    from test_rule_texts import YOU, _english

    names = re.compile(r"--\w+|\w+_\w+|\w+:|Rennie|Maalox")  # options, plan keys and brands are no words
    texts = HANDOUT_TEXTS.texts()
    client_words = {key: words for key, words in texts.items() if not key.startswith("err_")}
    assert not [key for key, words in texts.items() if _english(names.sub("", words["nl"]))]
    speaks = [key for key, words in client_words.items() if YOU.search(words["nl"])]
    assert len(speaks) > 30 and not [key for key in client_words if "cliënt" in client_words[key]["nl"]]


def test_a_referred_complaint_is_named_with_the_stroke_alarm_beside_it(adv):
    """Blind read of 5 December 2026 (case 13): "a complaint that belongs with your GP" did not
    say which; numbness had no stroke line."""
    client = complete({**CASES["simple"][0], "symptoms": ["numbness", "seizures", "eyelid_twitching"]})
    text = " ".join(render_markdown(build_handout(client, adv.advise(client, "nl"), kept("simple"), FOLLOW_UP,
                                                  adv.base, "nl", PRACTICE)).split())
    assert "Je noemde: gevoelloos of tintelend gevoel, toevallen (aanvallen). Daarmee ga je naar je huisarts." in text
    assert "hangt je mond scheef of kun je moeilijk praten? Bel meteen 112." in text


def test_an_acid_inhibitor_brings_the_blood_test_to_the_handout(adv):
    """Blind read of 6 December 2026 (case 10): the summary's "have the GP measure magnesium
    (PPI)" was missing from the handout the client takes home."""
    answers = complete({"age": 35, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none",
                        "complaints": ["heartburn"], "medications": ["acid_inhibitors"]})
    advice = adv.advise(answers, "nl")
    stored = {"version": 1, "created_at": CREATED, "plan": plan(item("citrate", 100))}
    text = render_markdown(build_handout(answers, advice, stored, FOLLOW_UP, adv.base, "nl", PRACTICE))
    assert "Vraag je huisarts om je magnesium in het bloed te laten meten." in " ".join(text.split())


def test_loose_stools_already_are_not_told_to_stop_and_carry_on_at_once(adv):
    """Blind read 6 (case 14): on glycinate with diarrhoea, the handout said "carry on" and
    "loose stools: stop" together."""
    answers = complete({"age": 37, "sex": "other", "kidney": "none", "complaints": ["fatigue"],
                        "current_magnesium": {"form": "glycinate", "mg_per_day": 200}, "excess_symptoms": ["diarrhea"]})
    stored = {"version": 1, "created_at": CREATED, "plan": plan(item("glycinate", 100))}
    text = " ".join(render_markdown(build_handout(answers, adv.advise(answers, "nl"), stored, FOLLOW_UP, adv.base,
                                                  "nl", PRACTICE)).split())
    assert "Je had al dunne ontlasting: neem niet meer dan hierboven staat." in text
    assert "Dunne ontlasting, misselijk of buikpijn: stop" not in text


@pytest.mark.parametrize("symptoms, line", [(["nausea"], "too_much_mild_already"), (["stomach_cramps"], "too_much_mild_already"),
                                            (["poor_digestion"], "too_much_mild")])
def test_a_client_already_nauseous_reads_when_it_counts_as_too_much(adv, symptoms, line):
    """Blind read of 6 December 2026 (case 07): "feeling sick or stomach ache: stop" was met on the
    first day by a client who already had both; the line then says "more than you already had"."""
    answers = complete({"age": 40, "sex": "male", "kidney": "none", "complaints": ["muscle_cramps"], "symptoms": symptoms})
    stored = {"version": 1, "created_at": CREATED, "plan": plan(item("citrate", 100))}
    text = " ".join(render_markdown(build_handout(answers, adv.advise(answers, "nl"), stored, FOLLOW_UP, adv.base, "nl",
                                                  PRACTICE)).split())
    assert HANDOUT_TEXTS.say(line, "nl") in text
