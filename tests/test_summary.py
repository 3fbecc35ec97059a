"""The practitioner's summary: golden files per format and language, order, escaping, completeness.

Golden files live in tests/golden/. After a deliberate change of the summary or of the rule
texts, regenerate them with `MAGNESIUM_UPDATE_GOLDEN=1 python -m pytest tests/test_summary.py`
and read the diff before committing it. The date and the rule base version are fixed here, so
the files change only when the content does.
"""
from __future__ import annotations

import dataclasses
import os
import re
import string
from datetime import date
from html import escape as html_escape
from pathlib import Path

import pytest

from engine.answers import complete
from questionnaire.summary.render_markdown import escape as md_escape
from questionnaire.store import STORE_TEXTS, StoredIntake
from questionnaire.commands.command_texts import COMMAND_TEXTS
from questionnaire.summary.build import build
from questionnaire.summary.context import Context
from questionnaire.summary.formats import FORMATS, render
from questionnaire.summary.model import Bullets, Fields, Paragraph, Subheading, Table
from questionnaire.summary.summary_texts import LANGS, SUMMARY_TEXTS

GOLDEN = Path(__file__).resolve().parent / "golden"
SUFFIX = {"text": "txt", "markdown": "md", "html": "html"}
TODAY = date(2025, 1, 15)
VERSION = "sha256:golden"
CLIENT = "Mevr. <script>alert(1)</script> & Co"
FULL = {
    "client": CLIENT, "age": 52, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none",
    "complaints": ["muscle_cramps", "sleep_problems", "muscle_pain", "fibromyalgia", "restless_legs"],
    "conditions": ["diabetes", "hormone_related_cancer", "heart_failure"],
    "medications": ["antibiotics", "acid_inhibitors"],
    "current_magnesium": {"form": "oxide", "mg_per_day": 400},
    "excess_symptoms": ["diarrhea"],
    "symptoms": ["eyelid_twitching", "hypnic_jerks", "cardiovascular_disease"],
}
BLOCKED = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False,
           "kidney": "problems", "complaints": ["muscle_cramps", "sleep_problems"], "medications": ["diuretics"],
           "current_magnesium": {"form": "citrate", "mg_per_day": 200, "amount_basis": "elemental"}}
# Contract 3: a doctor looks first (70+ without a kidney test, memory complaints from 50).
DOCTOR = {"client": "De heer Bakker", "age": 76, "sex": "male", "kidney": "none", "kidney_checked": False,
          "complaints": ["muscle_cramps", "memory_problems", "palpitations"],
          "current_magnesium": {"form": "citrate", "mg_per_day": 2000, "amount_basis": "compound"}}
# Issue 10: a stored intake with severities and two follow-ups; the latest has the plan taken in
# part with nausea and dizziness (serious: blocked), the complaints changed.
FOLLOWED = {"client": "Mevr. De Vries", "age": 58, "sex": "female", "kidney": "none",
            "complaints": ["muscle_cramps", "sleep_problems", "restless_legs"]}
FOLLOW_UP = {"complaints": ["muscle_cramps", "fatigue"], "current_magnesium": {"form": "citrate", "mg_per_day": 200,
             "amount_basis": "elemental"}, "excess_symptoms": ["nausea", "dizziness"]}
CASES = {"full": FULL, "blocked": BLOCKED, "doctor": DOCTOR, "follow_up": FOLLOWED}
NOTE = "Start met citraat 250 mg na akkoord huisarts.\n<b>Niet</b> *vet* | geen tabel"


@pytest.fixture(scope="module")
def base(adv):
    """The shipped rule base with a fixed version, so golden files do not change with every edit."""
    return dataclasses.replace(adv.base, version=VERSION)


def advice_for(adv, answers: dict, lang: str) -> dict:
    return {**adv.advise(complete(answers), lang), "rulebase_version": VERSION}


def stored(answers: dict, advice: dict, severities: dict | None = None) -> StoredIntake:
    """The blocked case as the review shows it: a stored, reviewed intake with a note."""
    return StoredIntake(number=12, created_at="2025-01-15T10:32:00+01:00", client=answers.get("client"), lang="nl",
                  answers=answers, advice=advice, rulebase_version=VERSION, accepted_at="2025-01-15T10:20:05+01:00",
                  status="reviewed", note=NOTE, reviewed_at="2025-01-16T09:00:00+01:00", follow_up="2025-02-14",
                  severities=severities)


def follow_ups(adv, answers: dict, lang: str) -> list[dict]:
    """Two follow-ups of the follow_up case as the store gives them (the latest blocked)."""
    now = complete({**answers, **FOLLOW_UP})
    advice = advice_for(adv, now, lang)
    latest = {"number": 2, "created_at": "2025-03-01T09:15:00+01:00", "lang": lang, "answers": now,
              "severities": {"muscle_cramps": 3, "fatigue": 5}, "plan_taken": "partly", "plan_version": 2,
              "side_effects": ["nausea", "dizziness"], "advice": advice, "rulebase_version": VERSION}
    return [{**latest, "number": 1, "created_at": "2025-02-14T11:00:00+01:00"}, latest]


def summary_of(adv, base, case: str, lang: str, fmt: str | None = None):
    """The full case as `advise` prints it; the blocked case as `review N` shows it (stored in Dutch)."""
    answers = complete(CASES[case])
    advice = advice_for(adv, answers, "nl" if case == "blocked" else lang)
    intake = stored(answers, advice) if case == "blocked" else None
    later = follow_ups(adv, answers, lang) if case == "follow_up" else None
    if later:
        intake = stored(answers, advice_for(adv, answers, "nl"), {"muscle_cramps": 7, "sleep_problems": 4})
    if fmt is None:
        return build(answers, advice, base, lang, intake=intake, today=TODAY, follow_ups=later)
    return render(answers, advice, base, lang, fmt, intake=intake, today=TODAY, follow_ups=later)


def without_stylesheet(text: str) -> str:
    """The page without its CSS: the stylesheet is code (render_html.py), checked in the browser
    test; a copy in every golden file would only repeat it."""
    return re.sub(r"<style>.*?</style>", "<style>/* render_html.py */</style>", text, count=1, flags=re.S)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", list(CASES))
def test_golden(adv, base, case, lang, fmt):
    text = without_stylesheet(summary_of(adv, base, case, lang, fmt))
    path = GOLDEN / f"summary-{case}-{lang}.{SUFFIX[fmt]}"
    if os.environ.get("MAGNESIUM_UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path.name} is missing: run with MAGNESIUM_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8"), (
        f"{path.name} differs: if the change is meant, regenerate with MAGNESIUM_UPDATE_GOLDEN=1 and read the diff")


def strings(summary) -> list[str]:
    """Every text of a summary, as the renderers receive it."""
    found = [summary.title, summary.subtitle, *(v for pair in summary.head.pairs for v in pair)]
    for section in summary.sections:
        found.append(section.title)
        for block in section.blocks:
            if isinstance(block, Paragraph):
                found += block.text.splitlines()
            elif isinstance(block, Bullets):
                found += [s for i in block.items for s in (i.text, i.label, i.tag, i.source) if s]
            elif isinstance(block, Fields):
                found += [v for pair in block.pairs for v in pair]
            elif isinstance(block, Table):
                found += [" ".join(c.split()) for row in (block.header, *block.rows) for c in row]
            else:
                found.append(block.text)
    return found


@pytest.mark.parametrize("case", list(CASES))
@pytest.mark.parametrize("lang", LANGS)
def test_html_and_markdown_carry_every_text(adv, base, case, lang):
    summary = summary_of(adv, base, case, lang)
    page = summary_of(adv, base, case, lang, "html")
    markdown = summary_of(adv, base, case, lang, "markdown")
    for text in strings(summary):
        assert html_escape(text) in page, text
        assert md_escape(text) in markdown, text


@pytest.mark.parametrize("lang", LANGS)
def test_every_warning_is_shown_exactly_once(adv, base, lang):
    summary = summary_of(adv, base, "full", lang)
    shown = [i.text for s in summary.sections for b in s.blocks if isinstance(b, Bullets) for i in b.items]
    answers = complete(FULL)
    advice = advice_for(adv, answers, lang)
    plain = Context(answers, advice, base, lang, None, TODAY, lang).plain  # rule ids named by their titles
    assert advice["warnings"]
    for warning in advice["warnings"]:
        assert shown.count(plain(warning["text"])) == 1, warning["id"]


def test_red_flags_come_first(adv, base):
    summary = summary_of(adv, base, "blocked", "nl")
    keys = [s.key for s in summary.sections]
    assert keys[:3] == ["note", "flags", "recommendations"]
    flags = summary.sections[1]
    assert flags.level == "critical"
    assert flags.blocks[0].level == "critical" and "GEEN SUPPLEMENTADVIES" in flags.blocks[0].text
    assert "Nierproblemen" in flags.blocks[0].text
    critical = [i for b in flags.blocks if isinstance(b, Bullets) for i in b.items if i.level == "critical"]
    assert critical and critical[0].tag == "KRITIEK"
    assert keys[-1] == "trace"


def test_doctor_items_are_red_flags(adv, base):
    answers = complete({"age": 40, "sex": "male", "kidney": "none", "complaints": ["restless_legs"]})
    summary = build(answers, advice_for(adv, answers, "en"), base, "en", today=TODAY)
    flags = next(s for s in summary.sections if s.key == "flags")
    texts = [i.text for b in flags.blocks if isinstance(b, Bullets) for i in b.items]
    assert "Magnesium glycinate (bisglycinate): talk to the doctor first." in texts


def test_doctor_first_opens_the_summary_and_no_amount_is_given_anywhere(adv, base):
    summary = summary_of(adv, base, "doctor", "nl")
    flags = summary.sections[0]
    assert flags.key == "flags" and flags.blocks[0].text.startswith("EERST NAAR DE ARTS. Reden: 70 jaar of ouder")
    assert "Geheugenklachten vanaf 50 jaar" in flags.blocks[0].text and "Hartkloppingen" in flags.blocks[0].text
    shown = [i.text for b in flags.blocks if isinstance(b, Bullets) for i in b.items]
    assert any("nierfunctie" in t for t in shown) and any("hartritme" in t for t in shown)
    table = next(b for s in summary.sections for b in s.blocks if isinstance(b, Table) and s.key == "recommendations")
    assert all(row[2] == "geen hoeveelheid: de arts bepaalt die" for row in table.rows)
    text = summary_of(adv, base, "doctor", "nl", "text")
    assert "zuiver magnesium" not in text and "250 tot 600" not in text and "Bij de regels" not in text
    assert "ongeveer 320 mg magnesium" in text  # what the client takes now, converted from the salt


def test_the_summary_speaks_of_the_client_never_to_them(adv, base):
    for case in CASES:
        for part in strings(summary_of(adv, base, case, "nl")):
            assert re.search(r"\b(je|jij|jouw)\b", part, re.IGNORECASE) is None, (case, part)


def test_the_advice_in_short_is_in_the_red_flags_box(adv, base):
    flags = next(s for s in summary_of(adv, base, "full", "en").sections if s.key == "flags")
    short = [b.text for b in flags.blocks if isinstance(b, Paragraph) and b.text.startswith("Advice in short")]
    assert short and "first choice Magnesium malate, no amount: the doctor decides" in short[0] and "On the skin:" in short[0]
    blocked = next(s for s in summary_of(adv, base, "blocked", "en").sections if s.key == "flags")
    assert not any(isinstance(b, Paragraph) and "in short" in b.text for b in blocked.blocks)


def test_likelihood_shows_the_answers_that_raised_it_and_the_thresholds(adv, base):
    answers = complete({"age": 52, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none",
                        "complaints": ["muscle_cramps", "sleep_problems", "restless_legs"], "conditions": ["diabetes"],
                        "medications": ["acid_inhibitors"], "symptoms": ["eyelid_twitching", "hypnic_jerks"]})
    summary = build(answers, advice_for(adv, answers, "en"), base, "en", today=TODAY)
    section = next(s for s in summary.sections if s.key == "likelihood")
    assert section.blocks[0].text.endswith("A blood test decides.")
    pairs = dict(section.blocks[1].pairs)
    assert dict(section.blocks[2].pairs)["Likelihood"] == "high"
    signs = pairs["Signs of a deficiency (article, section 3)"]
    assert signs.startswith("5: ") and "Eyelid twitching" in signs and "Muscle cramps" in signs
    assert pairs["Causes of a deficiency (article, section 2)"].startswith("2: Diabetes")
    thresholds = [i.text for i in section.blocks[4].items]  # beside "high" only: how little it takes
    assert any("5 or more signs" in t for t in thresholds)


@pytest.mark.parametrize("answers", [
    {"age": 30, "sex": "female", "pregnant": True, "breastfeeding": False, "kidney": "none",
     "complaints": ["muscle_cramps", "menstrual_pain"]},  # the midwife today: menstrual-like pain is no sign
    BLOCKED])
def test_no_count_of_signs_beside_a_critical_warning(adv, base, answers):
    advice = advice_for(adv, complete(answers), "en")
    assert any(w["level"] == "critical" for w in advice["warnings"])
    section = next(s for s in build(complete(answers), advice, base, "en", today=TODAY).sections
                   if s.key == "likelihood")
    assert [b.text for b in section.blocks] == ["No count of signs: first what Read first says (a critical warning)."]


def test_a_follow_up_that_needs_attention_is_named_in_the_intakes_read_first(adv, base):
    """The intake's own advice had a doctor item only; its latest follow-up is blocked: the top of
    the summary says so before anything else, and no "nothing to flag" line contradicts it."""
    summary = summary_of(adv, base, "follow_up", "en")
    flags = next(s for s in summary.sections if s.key == "flags")
    assert flags.level == "critical"
    assert flags.blocks[0] == Paragraph("FOLLOW-UP OF 1 March 2025: THE ADVICE BELOW NO LONGER STANDS AS SHOWN. "
                                        "Read Follow-up first (a critical warning).", level="critical")
    assert [s.key for s in summary.sections][:3] == ["note", "flags", "follow_up"]
    assert not any("in short" in getattr(b, "text", "") for b in flags.blocks)  # the intake's advice stands no more
    plain = next(s for s in summary_of(adv, base, "full", "en").sections if s.key == "flags")
    assert not any("follow-up" in getattr(b, "text", "") for b in plain.blocks)


def test_mild_signs_at_a_follow_up_are_named_in_the_read_first_too(adv, base):
    answers = complete(FULL)
    mild = complete({**answers, "excess_symptoms": ["diarrhea"]})
    later = [{"number": 1, "created_at": "2025-03-01T09:15:00+01:00", "lang": "en", "answers": mild,
              "severities": {}, "plan_taken": "yes", "plan_version": 1, "side_effects": ["diarrhea"],
              "advice": advice_for(adv, mild, "en"), "rulebase_version": VERSION}]
    flags = build(answers, advice_for(adv, answers, "en"), base, "en", today=TODAY, follow_ups=later).sections[0]
    assert flags.key == "flags" and flags.level in ("warning", "critical")
    # 400 mg above the limit while a doctor must look first: stop now, a critical line (blind read 7)
    assert flags.blocks[0].text.startswith("FOLLOW-UP OF 1 March 2025: THE ADVICE BELOW NO LONGER STANDS AS SHOWN")


def test_recommendation_rows(adv, base):
    section = next(s for s in summary_of(adv, base, "full", "nl").sections if s.key == "recommendations")
    table = next(b for b in section.blocks if isinstance(b, Table))
    rows = {row[1]: row for row in table.rows}
    assert rows["Magnesiumglycinaat (bisglycinaat)"][2:7] == (
        "geen hoeveelheid: de arts bepaalt die", "voor het slapengaan; een paar uur voor het slapengaan", "30 dagen",
        "ja", "zeer laag")
    assert rows["Magnesiummalaat"][2] == "geen hoeveelheid: de arts bepaalt die"  # heart failure: the doctor first
    assert "Magnesiumorotaat" not in rows and "Magnesiumoxide" not in rows  # contract 4
    assert table.rows[0][0] == "Eerste keus"


def test_html_escapes_client_and_note(adv, base):
    page = summary_of(adv, base, "full", "nl", "html")
    assert "<script" not in page.lower()
    assert html_escape(CLIENT) in page
    blocked = summary_of(adv, base, "blocked", "nl", "html")
    assert "<b>" not in blocked and "&lt;b&gt;Niet&lt;/b&gt;" in blocked


def test_html_is_self_contained(adv, base):
    page = summary_of(adv, base, "full", "en", "html")
    for outside in ("http://", "https://", "src=", "<link", "@import", "url("):
        assert outside not in page
    assert "default-src 'none'" in page and "size: A4" in page


def test_markdown_escapes_client_and_note(adv, base):
    markdown = summary_of(adv, base, "full", "nl", "markdown")
    assert re.search(r"(?<!\\)<", markdown) is None  # every < is escaped: no HTML reaches a viewer
    assert "\\<script\\>alert(1)\\</script\\> \\& Co" in markdown
    blocked = summary_of(adv, base, "blocked", "nl", "markdown")
    assert "\\<b\\>Niet\\</b\\> \\*vet\\* \\| geen tabel" in blocked


def test_markdown_escapes_block_marks_on_every_line_of_a_client_name(adv, base):
    answers = complete({**FULL, "client": "Jan\n# Kop\n- item\n  2) twee\n===\n"})
    markdown = render(answers, advice_for(adv, answers, "nl"), base, "nl", "markdown", today=TODAY)
    for mark in (r"#+ Kop", r"- item", r"2\) twee", r"="):
        assert re.search(rf"^\s*{mark}", markdown, re.MULTILINE) is None, mark
    assert "\\# Kop" in markdown and "\\- item" in markdown and "2\\) twee" in markdown


def test_text_strips_control_characters_and_colours_only_on_request(adv, base):
    answers = complete({**BLOCKED, "client": "Jan\x1b[2J\x07sen"})
    advice = advice_for(adv, answers, "nl")
    plain = render(answers, advice, base, "nl", "text", today=TODAY)
    assert "\x1b" not in plain and "\x07" not in plain and "Jansen" in plain  # the sequence dropped whole
    coloured = render(answers, advice, base, "nl", "text", today=TODAY, colour=True)
    assert "\x1b[1;31m" in coloured and "\x1b[2J" not in coloured


def test_text_fits_80_columns(adv, base):
    for case in CASES:
        text = summary_of(adv, base, case, "nl", "text")
        assert max(len(line) for line in text.splitlines()) <= 80


def test_rulebase_change_and_intake_language_are_stated(adv):
    answers = complete(BLOCKED)
    advice = advice_for(adv, answers, "nl")
    intake = stored(answers, advice)
    text = render(answers, advice, adv.base, "en", "text", intake=intake)
    assert "another version of the rule base" in text
    assert "Language of the intake  Dutch" in text


def test_no_form_advised_says_so(adv, base):
    answers = complete({"age": 15, "sex": "male", "kidney": "none"})
    summary = build(answers, advice_for(adv, answers, "en"), base, "en", today=TODAY)
    section = next(s for s in summary.sections if s.key == "recommendations")
    assert section.blocks[0].text.startswith("No form advised")


def test_texts_exist_in_both_languages_with_the_same_placeholders():
    fields = string.Formatter()
    books = (SUMMARY_TEXTS, STORE_TEXTS, COMMAND_TEXTS)
    every = [(key, words) for book in books for key, words in book.texts().items()]
    assert len({key for key, _ in every}) == len(every)  # each text in one book only
    for key, words in every:
        assert set(words) == set(LANGS), key
        assert all(isinstance(w, str) and w.strip() for w in words.values()), key
        names = [{f for _, f, _, _ in fields.parse(words[lang]) if f} for lang in LANGS]
        assert names[0] == names[1], key


def test_the_articles_amounts_are_named_once_and_only_where_an_amount_is_given(adv, base):
    child = complete({"age": 6, "sex": "female", "kidney": "none", "complaints": ["muscle_cramps"]})
    advice = advice_for(adv, child, "en")
    assert advice["recommendations"] and all(r["mg_per_day"] is None for r in advice["recommendations"])
    assert "250 to 600" not in render(child, advice, base, "en", "text", today=TODAY)
    adult = complete({**child, "age": 40, "pregnant": False, "breastfeeding": False})
    assert render(adult, advice_for(adv, adult, "en"), base, "en", "text", today=TODAY).count("250 to 600") == 1


def test_each_use_is_named_with_its_own_evidence(adv, base):
    summary = summary_of(adv, base, "full", "en")
    blocks = next(s for s in summary.sections if s.key == "evidence").blocks
    at = next(i for i, b in enumerate(blocks) if isinstance(b, Subheading) and b.text == "Evidence per use")
    uses = [i.text for i in blocks[at + 1].items]
    assert ("Sleep problems: citrate, a few hours before sleep: evidence very low; the trials used 320-729 mg "
            "magnesium a day, in 2 to 3 doses (Mah and Pitre 2021).") in uses  # the table does not show that dose
    assert "Restless legs: glycinate, 30 days, with a doctor; iron first: evidence very low." in uses


def test_taking_more_than_the_upper_limit_now_is_read_first(adv, base):
    answers = complete(FULL)
    advice = advice_for(adv, answers, "en")
    warning = {"id": "current_above_limit", "level": "warning", "text": "Takes more than the limit now.",
               "source": "test"}
    advice["warnings"] = [w for w in advice["warnings"] if w["id"] != warning["id"]] + [warning]
    summary = build(answers, advice, base, "en", today=TODAY)
    placed = [s.key for s in summary.sections for b in s.blocks if isinstance(b, Bullets)
              for i in b.items if i.text == warning["text"]]
    assert placed == ["flags"]


def test_an_older_intake_shows_its_utc_disclaimer_time_in_the_intake_time_zone(adv, base):
    answers = complete(BLOCKED)
    intake = dataclasses.replace(stored(answers, advice_for(adv, answers, "nl")),
                                 accepted_at="2025-01-15T09:20:05+00:00")
    head = dict(build(answers, intake.advice, base, "nl", intake=intake).head.pairs)
    assert head["Disclaimer geaccepteerd"] == "15 januari 2025, 10:20"
    assert head["Datum"] == "15 januari 2025, 10:32"


@pytest.mark.parametrize("outcome, expected", [
    ("agreed", "Afgesproken met dr. K. Bakker, huisarts op 10 december 2026: magnesiumcitraat, hoogstens 150 mg "
               "elementair magnesium per dag. Deze afspraak geldt tot 10 maart 2027."),
    ("not_advised", "dr. K. Bakker, huisarts raadt op 10 december 2026 een supplement af; het plan bevat geen magnesium."),
])
def test_the_plan_names_the_doctors_answer_who_when_and_what(adv, base, outcome, expected):
    answers = complete(DOCTOR)
    advice = advice_for(adv, answers, "nl")
    answer = {"doctor": "dr. K. Bakker, huisarts\u202e", "date": "2026-12-10", "outcome": outcome,
              "form": "citrate" if outcome == "agreed" else None, "mg_per_day": 150 if outcome == "agreed" else None,
              "until": "2027-03-10" if outcome == "agreed" else None}
    items = [{"form": "citrate", "mg_per_day": 150, "timing": None, "duration_days": None, "product_mg_per_unit": None,
              "unit": None, "change_reason": "doctor_advice", "change_note": None}] if outcome == "agreed" else []
    kept = {"version": 1, "created_at": "2026-12-11T10:00:00+01:00",
            "plan": {"items": items, "dropped": [], "doctor_answer": answer, "doctor_agreed": outcome == "agreed",
                     "note": None}}
    text = " ".join(render(answers, advice, base, "nl", "text", today=TODAY, plan=kept).split())
    assert expected in text and "\u202e" not in text and "De arts is akkoord" not in text
