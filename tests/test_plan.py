"""`magnesium plan N --from FILE`: the plan file's mistakes with their lines, the safety promises
(engine/plan_check.py, also as properties over generated clients), and the versions kept."""
from __future__ import annotations

import json
import sqlite3

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import cli
from questionnaire.store import open_store
from engine.plan_check import REASONS, accepted, changes, consents, findings, recommendation, units_per_day
from strategies import CATALOGUE, answers

JANSEN = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False,
          "kidney": "none", "complaints": ["muscle_cramps"], "medications": ["antibiotics"]}
GOOD = """\
items:
  - form: citrate
    mg_per_day: 250
    product_mg_per_unit: 100
    unit: tablet
note: start met de avond
"""


@pytest.fixture
def intake(db, tmp_path, capsys):
    path = tmp_path / "jansen.yaml"
    path.write_text(yaml.safe_dump(JANSEN), encoding="utf-8")
    assert cli(capsys, "advise", str(path), "--save")[0] == 0
    return 1


def plan_file(tmp_path, text: str):
    path = tmp_path / "plan.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_a_good_plan_is_kept_and_its_units_stay_within_the_amount(intake, tmp_path, capsys):
    code, out, err = cli(capsys, "plan", "1", "--from", plan_file(tmp_path, GOOD))
    assert (code, err) == (0, "intake 1: plan versie 1 opgeslagen\n")
    assert out == "Magnesiumcitraat: 250 mg magnesium per dag; 2 × tablet van 100 mg = 200 mg per dag\n"


def test_a_dropped_recommendation_is_kept_with_its_reason(intake, tmp_path, capsys):
    text = "items: []\ndropped:\n  - form: citrate\n    change_reason: other\n    change_note: al geprobeerd\n"
    assert cli(capsys, "plan", "1", "--from", plan_file(tmp_path, text))[:2] == (0, "")
    with open_store(None) as store:
        assert store.plans(1)[0]["plan"]["dropped"] == [
            {"form": "citrate", "change_reason": "other", "change_note": "al geprobeerd"}]
    summary = cli(capsys, "review", "1", "--no-pager")[1]
    assert "Niet in het plan (wel in het advies): Magnesiumcitraat (Een andere reden: al geprobeerd)." in " ".join(
        summary.split())


def test_revising_makes_a_new_version_and_keeps_the_old(intake, db, tmp_path, capsys):
    cli(capsys, "plan", "1", "--from", plan_file(tmp_path, GOOD))
    code, _, err = cli(capsys, "plan", "1", "--from", plan_file(tmp_path, GOOD.replace("250", "200")), "--lang", "en")
    assert (code, err) == (0, "intake 1: plan version 2 saved\n")
    rows = sqlite3.connect(db).execute("SELECT intake, version, plan FROM plans ORDER BY version").fetchall()
    assert [(r[0], r[1], json.loads(r[2])["items"][0]["mg_per_day"]) for r in rows] == [(1, 1, 250), (1, 2, 200)]


def test_deleting_the_intake_deletes_its_plans(intake, db, tmp_path, capsys):
    cli(capsys, "plan", "1", "--from", plan_file(tmp_path, GOOD))
    assert cli(capsys, "review", "1", "--delete", "--yes")[0] == 0
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 0


ANSWER = "doctor_answer:\n  doctor: dr. Bakker\n  date: 2026-12-10\n  outcome: agreed\n  form: citrate\n  mg_per_day: {mg}\n"
BROKEN = [
    ("- citrate\n", ["1: file: schrijf een plan met items: (een lijst), en eventueel dropped:, doctor_answer:, note: en "
                     "client_note:; gekregen: ['citrate']"]),
    ("note: x\n", ["1: items: geef items; het ontbreekt"]),
    ("items: citrate\nplan: 1\n", [
        "2: plan: gebruik alleen items, dropped, doctor_answer, doctor_agreed, note, client_note; 'plan' kent een plan niet",
        "1: items: geef een lijst van hoogstens 10 items (elk met form:); gekregen: 'citrate'"]),
    ("items:\n  - citrate\n", ["2: items: geef een item als form:, mg_per_day:, ...; gekregen: 'citrate'"]),
    ("items:\n  - form: citrate\n", ["2: mg_per_day: geef mg_per_day; het ontbreekt"]),
    ("items:\n  - form: citrate\n    mg_per_day: -5\n    dose: 2\n", [
        "4: dose: gebruik alleen form, mg_per_day, timing, duration_days, product_mg_per_unit, unit, product, change_reason, change_note; 'dose' kent een plan niet",
        "3: mg_per_day: geef de milligram magnesium per dag, een getal boven 0 en hoogstens 5000, of null; gekregen: -5"]),
    ("items:\n  - form: citrate\n    mg_per_day: 200\n    unit: pill\n    duration_days: 0\n", [
        "4: unit: geef product_mg_per_unit en unit samen; product_mg_per_unit ontbreekt",
        "5: duration_days: geef een heel aantal dagen van 1 tot 3650; gekregen: 0",
        "4: unit: kies een van: tablet, capsule, scoop, ml; gekregen: 'pill'"]),
    ("items:\n  - form: citrate\n    mg_per_day: 200\n    change_reason: other\ndoctor_agreed: yes\n", [
        "4: change_note: geef change_note (een paar woorden) bij change_reason: other; het ontbreekt",
        "5: doctor_agreed: geef true of false; gekregen: 'yes'"]),
    ("items:\n  - form: citrate\n    mg_per_day: 200\n    change_reason: because\n", [
        "4: change_reason: kies een van: " + ", ".join(REASONS) + "; gekregen: 'because'"]),
    # dropped: recommendations left out, each with its reason
    ("items: []\ndropped: citrate\n", [
        "2: dropped: geef een lijst van hoogstens 10 items (elk met form:); gekregen: 'citrate'"]),
    ("items: []\ndropped:\n  - citrate\n", [
        "3: dropped: geef een weggelaten aanbeveling als form: met change_reason:; gekregen: 'citrate'"]),
    ("items: []\ndropped:\n  - form: citrate\n    change_reason: because\n    why: x\n", [
        "5: why: gebruik alleen form, change_reason, change_note; 'why' kent een plan niet",
        "4: change_reason: kies een van: " + ", ".join(REASONS) + "; gekregen: 'because'"]),
    ("items:\n  - form: citrate\n    mg_per_day: 200\ndropped:\n  - form: glycinate\n", [
        "5: change_reason: geef change_reason; het ontbreekt"]),
    ("items:\n  - form: citrate\n    mg_per_day: 200\ndropped:\n  - form: citrate\n    change_reason: other\n", [
        "6: change_note: geef change_note (een paar woorden) bij change_reason: other; het ontbreekt",
        "5: form: laat citrate uit dropped of uit items; het staat in allebei"]),
    # the safety promises (engine/plan_check.py, the engine's words)
    ("items:\n  - form: citrate\n    mg_per_day: 400\n    change_reason: doctor_advice\n", [
        "3: mg_per_day: geef hoogstens 250 mg (de bovengrens), of leg onder doctor_answer: vast dat de arts met deze vorm "
        "en hoeveelheid instemde; gekregen: 400"]),
    ("items:\n  - form: citrate\n    mg_per_day: 200\n  - form: glycinate\n    mg_per_day: 100\n    change_reason: client_preference\n", [
        "4: form: houd één vorm om in te nemen; glycinate is een tweede",
        "1: items: houd de vormen om in te nemen samen op hoogstens 250 mg per dag (de bovengrens), of leg "
        "onder doctor_answer: vast dat de arts met deze hoeveelheid instemde; samen nu 300 mg"]),
    ("items:\n  - form: citraat\n    mg_per_day: 200\n", [
        "2: form: kies een van: " + ", ".join(CATALOGUE["forms"]) + "; gekregen: citraat"]),
    ("items:\n  - form: citrate\n    mg_per_day: 300\n    duration_days: 30\n", [
        "3: mg_per_day: geef hoogstens 250 mg (de bovengrens), of leg onder doctor_answer: vast dat de arts met deze vorm "
        "en hoeveelheid instemde; gekregen: 300",
        "2: change_reason: geef change_reason (" + ", ".join(REASONS) + "); dit item wijkt af van het advies in: mg_per_day, duration_days"]),
    ("items:\n  - form: citrate\n    mg_per_day: 2000\n    change_reason: doctor_advice\n" + ANSWER.format(mg=2000), [
        "3: mg_per_day: geef hoogstens 500 mg: ook met instemming van de arts neemt het plan niet meer op dan twee keer "
        "de bovengrens van 250 mg; gekregen: 2000"]),
    ("items:\n  - form: oxide\n    mg_per_day: 200\n    change_reason: client_preference\n", [
        "2: form: kies een andere vorm, of leg onder doctor_answer: vast dat de arts met deze vorm instemde; het advies "
        "raadt oxide af"]),
    ("items:\n  - form: citrate\n    mg_per_day: 100\n    product_mg_per_unit: 150\n    unit: tablet\n", [
        "4: product_mg_per_unit: kies een product met hoogstens 100 mg per eenheid; 150 mg per eenheid is meer dan de dagelijkse hoeveelheid"]),
    # the doctor's answer: its shape, and the plan check uses exactly it
    ("items:\n  - form: citrate\n    mg_per_day: 200\ndoctor_agreed: true\n", [
        "4: doctor_agreed: leg het antwoord van de arts vast: doctor_answer: met doctor:, date:, outcome: agreed, form: en "
        "mg_per_day: (doctor_agreed: true alleen is niet meer genoeg)"]),
    ("items: []\ndoctor_answer:\n  doctor: ''\n  date: 10 december\n  outcome: yes\n  until: 2020-01-01\n  dose: 1\n", [
        "7: dose: gebruik alleen doctor, date, outcome, form, mg_per_day, until; 'dose' kent een plan niet",
        "3: doctor: geef de naam van de arts die antwoordde, hoogstens 100 tekens; gekregen: ''",
        "4: date: geef een datum als 2026-12-10; gekregen: '10 december'",
        "5: outcome: kies een van: agreed, not_advised; gekregen: 'yes'"]),
    ("items: []\ndoctor_answer:\n  doctor: dr. Bakker\n  date: 2026-12-10\n  outcome: agreed\n  until: 2026-12-01\n", [
        "6: until: geef een einddatum op of na de datum van het antwoord (2026-12-10); gekregen: 2026-12-01",
        "2: form: geef form; het ontbreekt",
        "2: mg_per_day: geef de milligram magnesium per dag waarmee de arts instemde, een getal boven 0 en hoogstens 5000; "
        "gekregen: None"]),
    ("items: []\ndoctor_answer:\n  doctor: dr. Bakker\n  date: 2026-12-10\n  outcome: not_advised\n  mg_per_day: 100\n", [
        "6: mg_per_day: laat dit weg bij outcome: not_advised (de arts raadt een supplement af); gekregen: 100"]),
    ("items:\n  - form: citrate\n    mg_per_day: 300\n    change_reason: doctor_advice\n" + ANSWER.format(mg=250), [
        "3: mg_per_day: geef hoogstens 250 mg, de hoeveelheid waarmee de arts instemde (doctor_answer:); gekregen: 300",
        "3: mg_per_day: geef hoogstens 250 mg (de bovengrens), of leg onder doctor_answer: vast dat de arts met deze vorm "
        "en hoeveelheid instemde; gekregen: 300"]),
    ("items:\n  - form: glycinate\n    mg_per_day: 300\n    change_reason: doctor_advice\n" + ANSWER.format(mg=300), [
        "3: mg_per_day: geef hoogstens 250 mg (de bovengrens), of leg onder doctor_answer: vast dat de arts met deze vorm "
        "en hoeveelheid instemde; gekregen: 300"]),
    ("items:\n  - form: citrate\n    mg_per_day: 100\n"
     "doctor_answer:\n  doctor: dr. Bakker\n  date: 2026-12-10\n  outcome: not_advised\n", [
        "1: items: laat items leeg; de arts raadt een supplement af (doctor_answer: outcome: not_advised)"]),
    ("items:\n  - form: citrate\n    mg_per_day: 100\n    change_reason: continued\n", [
        "4: change_reason: kies een andere reden; continued (doorgaan met wat werkt) kan alleen na een vervolg sinds het "
        "laatste plan, waarin de cliënt het plan nam zonder klachten van te veel magnesium"]),
]


@pytest.mark.parametrize("text, lines", BROKEN, ids=range(len(BROKEN)))
def test_a_broken_plan_is_bad_input_one_line_each_and_nothing_kept(intake, db, tmp_path, capsys, text, lines):
    path = plan_file(tmp_path, text)
    code, out, err = cli(capsys, "plan", "1", "--from", path)
    assert (code, out) == (2, "")
    assert err == "".join(f"{path}:{line}\n" for line in lines)
    assert sqlite3.connect(db).execute("SELECT COUNT(*) FROM plans").fetchone()[0] == 0


def test_no_plan_for_a_blocked_advice_and_without_from_it_needs_a_terminal(db, tmp_path, capsys):
    path = tmp_path / "v.yaml"
    path.write_text(yaml.safe_dump({"client": "de Vries", "age": 60, "sex": "male", "kidney": "problems"}))
    cli(capsys, "advise", str(path), "--save")
    plan = plan_file(tmp_path, "items:\n  - form: citrate\n    mg_per_day: 100\n    change_reason: other\n    change_note: x\n")
    assert cli(capsys, "plan", "1", "--from", plan, "--lang", "en")[2] == (
        f"{plan}:1: items: leave items empty; the advice is blocked, so no supplement (the summary says why)\n")
    assert cli(capsys, "plan", "1", "--from", plan_file(tmp_path, "items: []\n"))[0] == 0
    assert cli(capsys, "plan", "1") == (2, "", "magnesium plan: de vragen werken alleen in een terminal; schrijf een "
                                              "planbestand en gebruik magnesium plan 1 --from plan.yaml\n")


def test_units_are_rounded_down_and_changes_are_named():
    assert units_per_day({"mg_per_day": 300, "product_mg_per_unit": 100}) == 3
    assert units_per_day({"mg_per_day": 299, "product_mg_per_unit": 100}) == 2
    assert units_per_day({"mg_per_day": None, "product_mg_per_unit": 100}) is None
    advice = {"recommendations": [{"form": "citrate", "mg_per_day": [100, 250], "timing": None, "duration_days": 60}]}
    assert changes({"form": "citrate", "mg_per_day": 180}, advice) == []
    assert changes({"form": "citrate", "mg_per_day": 300, "duration_days": 30}, advice) == ["mg_per_day", "duration_days"]
    assert changes({"form": "malate", "mg_per_day": 100}, advice) == ["form"]


FORMS = list(CATALOGUE["forms"])
_ITEM = st.fixed_dictionaries({
    "form": st.sampled_from(FORMS),
    "mg_per_day": st.none() | st.integers(1, 1000),
    "timing": st.none(), "duration_days": st.none() | st.integers(1, 120),
    "product_mg_per_unit": st.none(), "unit": st.none(),
    "change_reason": st.none() | st.sampled_from(REASONS), "change_note": st.just("x")})
_ANSWER = st.none() | st.fixed_dictionaries({
    "doctor": st.just("dr. Bakker"), "date": st.just("2026-12-10"), "outcome": st.sampled_from(["agreed", "not_advised"]),
    "form": st.sampled_from(FORMS), "mg_per_day": st.integers(1, 1000), "until": st.none()})
PLANS = st.fixed_dictionaries({"items": st.lists(_ITEM, max_size=3), "doctor_answer": _ANSWER, "note": st.none()})


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(client=answers(), plan=PLANS)
def test_an_accepted_plan_keeps_the_advice_safe(adv, client, plan):  # noqa: F811
    advice = adv.advise(client, "en")
    forms = adv.base.forms
    if not accepted(plan, advice, forms):
        assert findings(plan, advice, forms)
        return
    if advice["blocked"]:
        assert plan["items"] == []
    upper, answer = advice["upper_limit_supplement_mg"], plan["doctor_answer"]
    if answer and answer["outcome"] == "not_advised":
        assert plan["items"] == []
    for item in plan["items"]:
        mg, agreed = item["mg_per_day"], consents(answer, item)
        if mg is not None and not agreed:
            assert upper is not None and mg <= upper
            assert not advice["doctor_first"]
            rec = recommendation(advice, item["form"])
            assert not (rec["consult_doctor"] if rec else any(r["consult_doctor"] for r in advice["recommendations"]))
        if agreed and mg is not None:
            assert answer["form"] == item["form"] and mg <= answer["mg_per_day"]  # the agreed amount is the cap
        if mg is not None and upper is not None:
            assert mg <= 2 * upper  # never beyond twice the limit, whoever agreed
        if not agreed:
            assert item["form"] not in advice["avoid_forms"]
        if changes(item, advice):
            assert item["change_reason"] in REASONS
    assert sum(forms[i["form"]]["kind"] == "oral" for i in plan["items"]) <= 1
    assert all(i["mg_per_day"] is None for i in plan["items"] if forms[i["form"]]["kind"] == "topical")
    assert len({i["form"] for i in plan["items"]}) == len(plan["items"])
    swallowed = sum(i["mg_per_day"] or 0 for i in plan["items"])  # the day's total: no mg on a spray or bath
    if upper is not None:
        assert swallowed <= (2 if all(consents(answer, i) for i in plan["items"] if i["mg_per_day"]) else 1) * upper


def test_review_shows_the_latest_plan_and_its_changes_and_the_export_holds_every_version(intake, tmp_path, capsys):
    cli(capsys, "plan", "1", "--from", plan_file(tmp_path, GOOD))
    changed = "items:\n  - form: citrate\n    mg_per_day: 200\n    timing: avond\n    change_reason: other\n" \
              "    change_note: slaapt beter\nnote: na twee weken bellen\n"
    cli(capsys, "plan", "1", "--from", plan_file(tmp_path, changed))
    assert "THE PRACTITIONER'S PLAN" in cli(capsys, "review", "1", "--lang", "en")[1]
    page = tmp_path / "page.md"
    assert cli(capsys, "review", "1", "--lang", "en", "--export", str(page))[0] == 0
    section = page.read_text(encoding="utf-8").split("The practitioner's plan", 1)[1]
    assert "Version 2 of " in section and "| Magnesium citrate | 200 mg elemental magnesium | — | avond | — |" \
        " when | Another reason: slaapt beter |" in section and "na twee weken bellen" in section
    target = tmp_path / "record.json"
    cli(capsys, "review", "1", "--export", str(target))
    plans = json.loads(target.read_text(encoding="utf-8"))["plans"]
    assert [p["version"] for p in plans] == [1, 2] and plans[0]["plan"]["items"][0]["mg_per_day"] == 250
    html = tmp_path / "page.html"
    cli(capsys, "review", "1", "--export", str(html))
    assert 'class="s-plan' in html.read_text(encoding="utf-8")


def test_review_without_a_plan_has_no_plan_section(intake, capsys):
    assert "PLAN VAN DE THERAPEUT" not in cli(capsys, "review", "1")[1]


def test_the_documented_plan_example_is_a_good_plan(adv, tmp_path):  # noqa: F811
    from pathlib import Path

    from engine.answers import complete
    from questionnaire.plan.plan_file import load

    doc = (Path(__file__).resolve().parent.parent / "docs" / "plan.md").read_text(encoding="utf-8")
    example = doc.split("## The plan file (`--from`)", 1)[1].split("```yaml\n", 1)[1].split("```", 1)[0]
    _, plan = load(plan_file(tmp_path, example))
    assert findings(plan, adv.advise(complete(JANSEN), "nl"), adv.base.forms) == []
    assert units_per_day(plan["items"][0]) == 2
