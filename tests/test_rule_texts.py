"""A lint over every text of the rule base: both languages, Dutch words only in Dutch, and the
therapist's voice ("de cliënt", never "je") wherever the practitioner reads it."""
from __future__ import annotations

import re

import pytest

# Texts the intake shows to the client; everything else in rules/ is read by the practitioner.
CLIENT_TEXTS = {"disclaimer", "kidney_warning"}
# English words that have no place in a Dutch sentence (checked as whole words).
ENGLISH = {"the", "and", "with", "only", "doctor", "advice", "take", "from", "should", "please", "this",
           "that", "supplement's", "upper", "limit", "evidence", "source", "article", "trial", "trials"}
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
YOU = re.compile(r"\b(je|jij|jou|jouw|jullie)\b", re.IGNORECASE)


def _texts(adv):
    """(where, words) for every bilingual text a reader of the summary sees."""
    base = adv.base
    for rule in base.rules:
        yield f"rule {rule.id} title", rule.title
        yield f"rule {rule.id} source", rule.source
        if rule.evidence:
            yield f"rule {rule.id} evidence", rule.evidence["source"]
            if "trial_dose" in rule.evidence:
                yield f"rule {rule.id} trial dose", rule.evidence["trial_dose"]
        for kind in ("warning", "block"):
            if kind in rule.then:
                yield f"rule {rule.id} {kind}", rule.then[kind]["text"]
        if "timing" in rule.then.get("recommend", {}):
            yield f"rule {rule.id} timing", rule.then["recommend"]["timing"]
    for form, spec in base.forms.items():
        yield f"form {form} text", spec["text"]
        yield f"form {form} source", spec["source"]
        yield f"form {form} share", spec["elemental_share"]["source"]
        if "excluded" in spec:
            yield f"form {form} excluded", spec["excluded"]
    for key, words in base.texts.items():
        yield f"text {key}", words
    for kind, entries in base.triage.items():
        for item, entry in entries.items():
            for n, decision in enumerate(entry.decisions, 1):
                yield f"triage {kind}.{item} #{n} why", decision.why
                yield f"triage {kind}.{item} #{n} source", decision.source


def _english(text: str) -> set[str]:
    return set(re.findall(r"[a-z']+", PLACEHOLDER.sub("", text).lower())) & ENGLISH


def test_every_dutch_text_is_dutch(adv):
    wrong = [f"{where}: {sorted(_english(words['nl']))}" for where, words in _texts(adv) if _english(words["nl"])]
    assert not wrong


def test_texts_for_the_practitioner_never_say_je(adv):
    wrong = [where for where, words in _texts(adv)
             if YOU.search(words["nl"]) and where.removeprefix("text ") not in CLIENT_TEXTS]
    assert not wrong


@pytest.mark.parametrize("text,english", [("Neem de tablet met water", False), ("Take it with water", True)])
def test_the_lint_itself_finds_english(text, english):
    assert bool(_english(text)) == english


def test_the_summarys_own_words_are_dutch_and_for_the_practitioner():
    from questionnaire.summary.summary_texts import SUMMARY_TEXTS

    texts = SUMMARY_TEXTS.texts()
    english = [key for key, words in texts.items() if _english(words["nl"])]
    you = [key for key, words in texts.items() if YOU.search(words["nl"])]
    assert not english and not you, (english, you)
