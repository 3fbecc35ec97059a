"""What the practitioner reads first, and what the summary must never say (issue 22, contract 4).

- Everything that must happen before anything else is in the first section: every critical
  warning, every block reason and doctor-first reason, every referral beside the advice, and any
  warning the summary does not know yet; "no red flags" only when there is nothing of the kind.
- No file paths, hashes or rule ids above the provenance part; the provenance lists the rules
  that shaped the advice, the others only by title under "not applied, because ...".
- The count of signs with "a blood test decides"; no likelihood word where the advice is
  blocked or a doctor looks first.
- The evidence beside the dose of its trials (contract 4's optional `trial_dose`).
"""
from __future__ import annotations

import dataclasses
import re
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine.answers import complete
from questionnaire.summary.build import build
from questionnaire.summary.context import Context
from questionnaire.summary.model import Bullets, Fields, Paragraph, Table
from questionnaire.summary.render_text import render_text
from questionnaire.summary.summary_texts import SUMMARY_TEXTS
from strategies import answers

TODAY = date(2025, 1, 15)
REFERRALS = ("mobility_referral", "headache_over_50", "symptom_referral", "check_label", "antacid_magnesium")
# The referrals added after the read of seed 71205 and the thirst of contract 4: the GP or 112 (hazard log HAZ-017, -020, -031).
TO_THE_GP = ("stroke_alarm", "pregnancy_headache", "thirst_gp")
UNKNOWN = ("a_warning_of_a_newer_rule_base", "a_note_of_a_newer_rule_base")
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EXTRA = st.lists(st.tuples(st.sampled_from([*REFERRALS, *UNKNOWN]), st.sampled_from(["critical", "warning", "info"])),
                 unique_by=lambda pair: pair[0], max_size=4)
ADULT = {"age": 40, "sex": "male", "kidney": "none"}
BLOCKED = {**ADULT, "kidney": "problems", "complaints": ["constipation", "muscle_cramps"]}
DOCTOR = {"age": 76, "sex": "male", "kidney": "none", "kidney_checked": False,
          "complaints": ["muscle_cramps", "sleep_problems"], "symptoms": ["eyelid_twitching", "hypnic_jerks"]}


def section(summary, key: str):
    return next((s for s in summary.sections if s.key == key), None)


def items(sec) -> list:
    return [i for b in sec.blocks if isinstance(b, Bullets) for i in b.items] if sec else []


def with_warnings(advice: dict, extra: list[tuple[str, str]]) -> dict:
    """The advice with warnings a rule base of contract 4 (or a newer one) may give."""
    known = {w["id"] for w in advice["warnings"]}
    added = [{"id": wid, "level": level, "text": f"Injected warning {wid}.", "source": "a test"}
             for wid, level in extra if wid not in known]
    return {**advice, "warnings": advice["warnings"] + added}


def above_provenance(summary) -> str:
    text = render_text(summary, width=120)
    return text.partition("\n" + SUMMARY_TEXTS.say("trace", summary.lang).upper() + "\n")[0]


@SETTINGS
@given(a=answers(), extra=EXTRA)
def test_what_must_happen_first_is_read_first_and_nothing_contradicts_it(adv, a, extra):
    advice = with_warnings(adv.advise(a, "en"), extra)
    summary = build(a, advice, adv.base, "en", today=TODAY)
    plain = Context(a, advice, adv.base, "en", None, TODAY, "en").plain
    flags = section(summary, "flags")
    first = [i.text for i in items(flags)]
    must = {*advice["block_reasons"], *advice["doctor_first_reasons"], *REFERRALS, *TO_THE_GP}
    for warning in advice["warnings"]:
        urgent = warning["level"] == "critical" or warning["id"] in must
        new = warning["id"] in UNKNOWN and warning["level"] != "info"
        if urgent or new:
            assert plain(warning["text"]) in first, warning["id"]
    shown = [i.text for s in summary.sections for i in items(s)]
    assert all(shown.count(plain(w["text"])) == 1 for w in advice["warnings"])
    none = Paragraph(SUMMARY_TEXTS.say("flags_none", "en"))
    assert (none in flags.blocks) == (not first and not advice["blocked"] and not advice["doctor_first"])


@SETTINGS
@given(a=answers())
def test_no_amount_where_a_doctor_looks_first_and_no_likelihood_word_where_blocked(adv, a):
    advice = adv.advise(a, "nl")
    summary = build(a, advice, adv.base, "nl", today=TODAY)
    if advice["doctor_first"]:
        tables = [b for b in section(summary, "recommendations").blocks if isinstance(b, Table)]
        amounts = {row[2] for table in tables for row in table.rows}
        assert amounts <= {SUMMARY_TEXTS.say("amount_doctor", "nl"), SUMMARY_TEXTS.say("dash", "nl")}
        assert "zuiver magnesium" not in render_text(summary)
    if advice["blocked"] or advice["doctor_first"]:
        labels = {label for b in section(summary, "likelihood").blocks if isinstance(b, Fields) for label, _ in b.pairs}
        assert SUMMARY_TEXTS.say("likelihood_label", "nl") not in labels


@SETTINGS
@given(a=answers())
def test_no_file_path_hash_or_rule_id_above_the_provenance(adv, a):
    advice = adv.advise(a, "nl")
    summary = build(a, advice, adv.base, "nl", today=TODAY)
    text = above_provenance(summary)
    assert not re.search(r"sha256|rules/|\.yaml\b", text)
    for rule_id in advice["fired_rules"]:
        if "-" in rule_id:
            assert re.search(rf"(?<![\w-]){re.escape(rule_id)}(?![\w-])", text) is None, rule_id


def test_a_referral_beside_the_advice_leaves_no_room_for_no_red_flags(adv):
    a = complete({**ADULT, "complaints": ["muscle_cramps"]})
    advice = with_warnings(adv.advise(a, "nl"), [("mobility_referral", "warning")])
    flags = section(build(a, advice, adv.base, "nl", today=TODAY), "flags")
    assert flags.level == "warning" and items(flags)[0].text == "Injected warning mobility_referral."
    assert not any("rode vlaggen" in getattr(b, "text", "") for b in flags.blocks)
    assert any(getattr(b, "text", "").startswith("Advies in het kort") for b in flags.blocks)


def test_an_unknown_note_goes_to_the_other_notes(adv):
    a = complete({**ADULT, "complaints": ["muscle_cramps"]})
    advice = with_warnings(adv.advise(a, "en"), [("a_note_of_a_newer_rule_base", "info")])
    summary = build(a, advice, adv.base, "en", today=TODAY)
    assert [i.text for i in items(section(summary, "warnings"))] == ["Injected warning a_note_of_a_newer_rule_base."]
    assert items(section(summary, "warnings"))[0].source is None  # a note's source is in the provenance part


def trace(adv, answers: dict, lang: str = "nl"):
    a = complete(answers)
    advice = adv.advise(a, lang)
    return advice, section(build(a, advice, adv.base, lang, today=TODAY), "trace")


def test_a_blocked_clients_provenance_names_the_suppressed_rules_only_as_not_applied(adv):
    advice, sec = trace(adv, BLOCKED)
    rows = next(b for b in sec.blocks if isinstance(b, Table)).rows
    listed = {row[0] for row in rows}
    proposing = [r for r in adv.base.rules if r.id in advice["fired_rules"] and r.concludes("recommend")]
    assert proposing and not listed & {r.id for r in proposing}
    assert not any(r.concludes("likelihood") for r in adv.base.rules if r.id in listed)
    (skipped,) = items(sec)
    assert skipped.label == "Niet toegepast, omdat het advies geblokkeerd is"
    assert all(r.title["nl"] in skipped.text for r in proposing)
    page = render_text(build(complete(BLOCKED), advice, adv.base, "nl", today=TODAY))
    assert all(r.source["nl"] not in page for r in proposing)  # the article's claims, set aside


def test_rules_a_doctor_first_or_another_rule_set_aside_say_why(adv):
    _, sec = trace(adv, DOCTOR)
    assert [i.label for i in items(sec)] == [SUMMARY_TEXTS.say("not_applied_no_word", "nl")]
    _, child = trace(adv, {"age": 10, "sex": "female", "kidney": "none",
                           "complaints": ["fibromyalgia", "sleep_problems"]})
    assert SUMMARY_TEXTS.say("not_applied_other_first", "nl") in [i.label for i in items(child)]


def test_the_count_of_signs_says_a_blood_test_decides_and_names_no_likelihood_where_a_doctor_looks_first(adv):
    a = complete(DOCTOR)
    advice = adv.advise(a, "en")
    assert advice["doctor_first"] and not advice["blocked"]
    sec = section(build(a, advice, adv.base, "en", today=TODAY), "likelihood")
    assert sec.blocks[0].text.endswith("A blood test decides.")
    pairs = [pair for b in sec.blocks if isinstance(b, Fields) for pair in b.pairs]
    assert [label for label, _ in pairs] == ["Signs of a deficiency (article, section 3)",
                                              "Causes of a deficiency (article, section 2)"]
    assert pairs[0][1].startswith("4: ")
    words = {SUMMARY_TEXTS.say(f"likelihood_{level}", "en") for level in ("low", "moderate", "high")}
    assert not any(word in re.findall(r"[a-z]+", value) for _, value in pairs for word in words)


def test_evidence_is_shown_beside_the_dose_of_its_trials(adv):
    a = complete({**ADULT, "complaints": ["migraine"]})
    advice = adv.advise(a, "en")
    rec = advice["recommendations"][0]
    rec["evidence"] = {**rec["evidence"], "level": "moderate", "trial_dose": "about 600 mg magnesium a day"}
    summary = build(a, advice, adv.base, "en", today=TODAY)
    table = next(b for b in section(summary, "recommendations").blocks if isinstance(b, Table))
    assert table.rows[0][6] == ("moderate; the trials used about 600 mg magnesium a day; "
                                "this advice: 100–250 mg elemental magnesium")
    rec["mg_per_day"] = None  # a doctor first: no amount to hold against it
    summary = build(a, advice, adv.base, "en", today=TODAY)
    table = next(b for b in section(summary, "recommendations").blocks if isinstance(b, Table))
    assert table.rows[0][6] == "moderate; the trials used about 600 mg magnesium a day"


def test_each_use_names_the_dose_of_its_trials_once(adv):
    a = complete({**ADULT, "complaints": ["migraine"]})
    advice = adv.advise(a, "en")
    rule_id = advice["recommendations"][0]["reasons"][0]
    dose = {"nl": "ongeveer 600 mg magnesium per dag", "en": "about 600 mg magnesium a day"}
    rules = [dataclasses.replace(r, evidence={**r.evidence, "trial_dose": dose}) if r.id == rule_id else r
             for r in adv.base.rules]
    base = dataclasses.replace(adv.base, rules=rules)
    uses = items(section(build(a, advice, base, "en", today=TODAY), "evidence"))
    assert uses[0].text.endswith("; the trials used about 600 mg magnesium a day.")
    advice["recommendations"][0]["evidence"]["trial_dose"] = dose["en"]  # the table shows it: said once
    uses = items(section(build(a, advice, base, "en", today=TODAY), "evidence"))
    assert "trials used" not in uses[0].text
