"""`magnesium handout N --out FILE`: the client's page of the latest plan, golden in nl/en as
HTML and Markdown, bad input without a plan, the practice file, and one A4 page in chromium."""
from __future__ import annotations

import os
import re
import stat
import time
from pathlib import Path

import pytest
import yaml

from conftest import cli, magnesium
from engine.answers import complete
from questionnaire.handout.content import build_handout
from questionnaire.handout.render_html import render_html
from questionnaire.handout.render_markdown import render_markdown
from test_summary import without_stylesheet
from test_summary_browser import A4_POINTS, BROWSER, headless

GOLDEN = Path(__file__).with_name("golden")
JANSEN = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False,
          "kidney": "none", "complaints": ["muscle_cramps"], "medications": ["antibiotics"]}
KEPT = {"version": 1, "created_at": "2025-01-15T10:32:00+01:00", "plan": {
    "items": [{"form": "citrate", "mg_per_day": 250, "timing": None, "duration_days": 60, "product_mg_per_unit": 100,
               "unit": "tablet", "change_reason": "client_preference", "change_note": None}],
    "doctor_agreed": False, "note": "alleen voor de therapeut"}}
PRACTICE = {"name": "Praktijk De Linde", "phone": "012-3456789"}
PLAN = "items:\n  - form: citrate\n    mg_per_day: 250\n    product_mg_per_unit: 100\n    unit: tablet\n"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("fmt, suffix", [(render_html, "html"), (render_markdown, "md")])
def test_handout_golden(adv, lang, fmt, suffix):
    handout = build_handout(JANSEN, adv.advise(complete(JANSEN), lang), KEPT, "2025-03-16", adv.base, lang, PRACTICE)
    text = without_stylesheet(fmt(handout))  # the CSS is code (render_html.py), checked in the browser test
    golden = GOLDEN / f"handout-{lang}.{suffix}"
    if os.environ.get("MAGNESIUM_UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    assert "2 tablet" in text and "200 mg" in text and "250" not in text  # the plan's units, never above
    assert "alleen voor de therapeut" not in text and "client_preference" not in text and "med-" not in text


def test_no_practice_no_words_about_it(adv):
    handout = build_handout(JANSEN, adv.advise(complete(JANSEN), "nl"), KEPT, "2025-03-16", adv.base, "nl")
    assert "Bel " not in render_markdown(handout) and "Praktijk" not in render_markdown(handout)
    cleared = build_handout(JANSEN, adv.advise(complete(JANSEN), "nl"), KEPT, None, adv.base, "nl")
    assert "Je volgende afspraak" not in render_markdown(cleared) and "Rond " not in render_markdown(cleared)


@pytest.fixture
def saved(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MAGNESIUM_DB", str(tmp_path / "intakes.sqlite3"))
    answers = tmp_path / "jansen.yaml"
    answers.write_text(yaml.safe_dump(JANSEN), encoding="utf-8")
    assert cli(capsys, "advise", str(answers), "--save")[0] == 0
    return tmp_path


def test_handout_needs_a_plan_first(saved, capsys):
    code, out, err = cli(capsys, "handout", "1", "--out", str(saved / "h.html"))
    assert (code, out) == (2, "")
    assert err == ("magnesium handout: number: maak eerst een plan: magnesium plan 1 (of --from plan.yaml); "
                   "intake 1 heeft nog geen plan\n")
    assert not (saved / "h.html").exists()


def test_handout_is_written_private_with_the_practice_beside_the_store(saved, capsys):
    (saved / "plan.yaml").write_text(PLAN, encoding="utf-8")
    cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))
    (saved / "practice.yaml").write_text("name: Praktijk De Linde\nphone: 012-3456789\n", encoding="utf-8")
    target = saved / "h.md"
    target.write_text("old", encoding="utf-8")
    code, _, err = cli(capsys, "handout", "1", "--out", str(target), "--lang", "en")
    assert (code, err) == (0, f"intake 1: handout written to {target}\n")
    text = target.read_text(encoding="utf-8")
    assert "Questions? Call Praktijk De Linde: 012-3456789." in text and "2 tablets a day (200 mg" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_practice_file_mistakes_have_their_lines(saved, capsys):
    (saved / "plan.yaml").write_text(PLAN, encoding="utf-8")
    cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))
    practice = saved / "p.yaml"
    practice.write_text("name: De Linde\nfax: 1\nphone: 5\n", encoding="utf-8")
    code, _, err = cli(capsys, "handout", "1", "--out", str(saved / "h.md"), "--practice", str(practice), "--lang", "en")
    assert code == 2 and err == (f"{practice}:2: fax: use only name and phone; the practice file has no 'fax'\n"
                                 f"{practice}:3: phone: give a text of at most 100 characters; got 5\n")
    assert cli(capsys, "handout", "1", "--out", str(saved / "h.pdf"))[2] == (
        "magnesium handout: --out: geef een bestandsnaam die eindigt op .html of .md; gekregen: '"
        f"{saved / 'h.pdf'}'\n")


BAKKER = {"client": "Dhr. Bakker", "age": 66, "sex": "male", "kidney": "none", "kidney_checked": True,
          "complaints": ["muscle_cramps", "sleep_problems", "sports_muscle_pain", "restless_legs"],
          "medications": ["antibiotics", "bisphosphonates"]}
FULLER = ("items:\n  - form: citrate\n    mg_per_day: 200\n    timing: \"'s avonds\"\n    duration_days: 60\n"
          "    product_mg_per_unit: 100\n    unit: tablet\n    change_reason: client_preference\n"
          "  - form: chloride_spray\n    mg_per_day: null\n"
          "dropped:\n  - form: oxide\n    change_reason: client_preference\n")


@pytest.mark.skipif(BROWSER is None, reason="no chromium binary found (apt-get install chromium)")
@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("answers, plan", [(JANSEN, PLAN), (BAKKER, FULLER)], ids=["simple", "two-items-two-spacings"])
def test_a_plan_prints_on_one_a4_page(tmp_path, lang, answers, plan):
    env = {"MAGNESIUM_DB": str(tmp_path / "intakes.sqlite3")}
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(answers), encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(plan, encoding="utf-8")
    (tmp_path / "practice.yaml").write_text("name: Praktijk De Linde\nphone: 012-3456789\n", encoding="utf-8")
    assert magnesium("advise", str(tmp_path / "a.yaml"), "--save", env=env).returncode == 0
    assert magnesium("plan", "1", "--from", str(tmp_path / "plan.yaml"), env=env).returncode == 0
    page = tmp_path / "handout.html"
    started = time.monotonic()
    result = magnesium("handout", "1", "--out", str(page), "--lang", lang, env=env)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 10
    pdf = tmp_path / "handout.pdf"
    printed = headless(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri())
    assert printed.returncode == 0, printed.stderr[-2000:]
    assert ":CONSOLE" not in printed.stderr
    boxes = re.findall(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", pdf.read_bytes())
    assert [(round(float(w)), round(float(h))) for w, h in boxes] == [A4_POINTS]


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from engine.plan_check import accepted  # noqa: E402
from strategies import answers  # noqa: E402
from test_plan import PLANS  # noqa: E402

_UNITS = st.fixed_dictionaries({"product_mg_per_unit": st.none() | st.integers(1, 500),
                                "unit": st.sampled_from(["tablet", "capsule", "scoop", "ml"])})


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(client=answers(), plan=PLANS, units=_UNITS, lang=st.sampled_from(["nl", "en"]))
def test_the_handout_never_names_an_amount_above_the_plans(adv, client, plan, units, lang):
    plan = {**plan, "items": [{**item, **units} for item in plan["items"]]}
    advice = adv.advise(client, lang)
    if not accepted(plan, advice, adv.base.forms):
        return
    kept = {"version": 1, "created_at": "2025-01-15T10:32:00+01:00", "plan": plan}
    text = render_markdown(build_handout(client, advice, kept, "2025-03-16", adv.base, lang, PRACTICE))
    highest = max((i["mg_per_day"] or 0 for i in plan["items"]), default=0)
    assert all(int(mg) <= highest for mg in re.findall(r"(\d+) mg", text)), text
    assert not any(rule in text for rule in advice["fired_rules"])  # no rule ids


def _follow_up(adv, side_effects: list[str], medications: list[str]) -> None:
    """A follow-up of intake 1 kept as `intake --follow-up` keeps it: the plan (citrate 250 mg)
    taken, with these signs and medicines."""
    from questionnaire.store import open_store

    answers = complete({**JANSEN, "medications": medications, "excess_symptoms": side_effects,
                        "current_magnesium": {"form": "citrate", "mg_per_day": 250, "amount_basis": "elemental"}})
    with open_store(None) as store:
        store.save_follow_up(1, {"lang": "nl", "answers": answers, "severities": {}, "plan_taken": "yes",
                                 "plan_version": 1, "side_effects": side_effects, "advice": adv.advise(answers, "nl")})


def test_after_a_blocked_follow_up_the_old_plan_gives_no_handout_and_a_new_plan_is_checked_against_it(
        adv, saved, capsys):
    (saved / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))[0] == 0
    _follow_up(adv, ["slow_breathing"], ["antibiotics"])
    code, out, err = cli(capsys, "handout", "1", "--out", str(saved / "h.html"))
    assert (code, out) == (2, "") and not (saved / "h.html").exists()
    assert err.startswith("magnesium handout: number: maak eerst een nieuw plan bij het advies van vervolg 1 (")
    assert err.endswith("): magnesium plan 1; planversie 1 past daar niet meer bij\n")
    code, _, err = cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))
    assert code == 2 and "plan.yaml:1: items: laat items leeg; het advies is geblokkeerd" in err  # the blocked advice
    assert err.splitlines()[-1].startswith(f"{saved / 'plan.yaml'}: plan: maak het plan bij het advies van vervolg 1 (")
    (saved / "empty.yaml").write_text("items: []\nnote: gestopt, naar de huisarts\n", encoding="utf-8")
    code, _, err = cli(capsys, "plan", "1", "--from", str(saved / "empty.yaml"))
    assert code == 0 and err.startswith("intake 1: getoetst aan het advies van vervolg 1 (")


def test_mild_signs_at_a_follow_up_after_the_plan_ask_for_a_new_plan_first(adv, saved, capsys):
    (saved / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))[0] == 0
    _follow_up(adv, ["diarrhea"], ["antibiotics"])
    code, _, err = cli(capsys, "handout", "1", "--out", str(saved / "h.md"))
    assert code == 2 and "planversie 1 past daar niet meer bij" in err


def test_the_handout_follows_the_answers_of_the_latest_follow_up(adv, saved, capsys):
    (saved / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))[0] == 0
    _follow_up(adv, [], ["antibiotics", "bisphosphonates"])  # bone medicine started since the intake
    assert cli(capsys, "handout", "1", "--out", str(saved / "h.md"))[0] == 0
    page = (saved / "h.md").read_text(encoding="utf-8")
    assert "Antibiotica" in page and "botontkalking" in page and "3 tot 4 uur" in page


def _page(adv, answers: dict, plan: dict, lang: str = "nl") -> str:
    client = complete(answers)
    kept = {"version": 1, "created_at": "2025-01-15T10:32:00+01:00", "plan": plan}
    return render_markdown(build_handout(client, adv.advise(client, lang), kept, "2025-03-16", adv.base, lang))


EMPTY = {"items": [], "dropped": [], "doctor_agreed": False, "note": None}


@pytest.mark.parametrize("lang, stop", [("nl", "Stop nu met de magnesium en bel vandaag nog je huisarts."),
                                        ("en", "Stop the magnesium now and call your GP today.")])
def test_a_blocked_advice_says_stop_gp_112_first_and_gives_no_food_advice(adv, lang, stop):
    page = _page(adv, {**JANSEN, "kidney": "problems"}, EMPTY, lang)
    first = page.split("\n## ")[1]
    assert stop in first and ("bel 112" in first or "call 112" in first)
    assert "Sojabonen" not in page and "Soya beans" not in page and "## Eet" not in page
    assert ("## Te veel magnesium?" in page) == (lang == "nl")


def test_in_pregnancy_the_midwife_is_named_beside_the_gp(adv):
    pregnant = {**JANSEN, "pregnant": True, "complaints": ["muscle_cramps"], "medications": []}
    plan = {**EMPTY, "items": [{"form": "glycinate", "mg_per_day": 150, "timing": None, "duration_days": None,
                                "product_mg_per_unit": None, "unit": None, "change_reason": "doctor_advice",
                                "change_note": None}], "doctor_agreed": True}
    page = _page(adv, pregnant, plan)
    assert "bel vandaag je verloskundige of huisarts" in page and "Deze hoeveelheid is afgesproken met je arts." in page
    assert "afgesproken met je arts" not in _page(adv, JANSEN, {**KEPT["plan"], "doctor_agreed": True})


def test_the_summary_holds_a_plan_made_after_a_follow_up_against_that_follow_ups_advice(adv, saved, capsys):
    (saved / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(saved / "plan.yaml"))[0] == 0
    _follow_up(adv, ["diarrhea"], ["antibiotics"])  # mild signs: the follow-up advises glycinate instead
    (saved / "new.yaml").write_text("items:\n  - form: glycinate\n    mg_per_day: 150\n", encoding="utf-8")
    assert cli(capsys, "plan", "1", "--from", str(saved / "new.yaml"))[0] == 0
    summary = " ".join(cli(capsys, "review", "1", "--no-pager", "--lang", "en")[1].split())
    plan = summary.split("THE PRACTITIONER'S PLAN")[1]
    assert "Made for the advice of follow-up 1" in plan and "as advised" in plan and "form not in" not in plan
