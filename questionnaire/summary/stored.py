"""The summary of a stored intake, the same for `magnesium review` and the web workspace: the
words of the rules of its day (when the store kept them), the advice in the language asked for
when that changes nothing else, the latest plan and every follow-up.

The caller reads the store (the kept rule files, the plans, the follow-ups) and passes them as
values; this module reads no store and takes no command-line arguments.
"""
from __future__ import annotations

from typing import Any

from .build import build
from .model import Summary


def day_advisor(version: str, files: dict[str, str] | None) -> Any:
    """The Advisor of the rules an intake was advised with, when the store kept them (else None)."""
    if not files:
        return None
    from engine.advise import stored_advisor

    return stored_advisor(version, files)


def stored_summary(intake: Any, lang: str, rules: str | None, files: dict[str, str] | None, plans: list[dict],
                   follow_ups: list[dict]) -> Summary:
    """The summary of a stored intake (StoredIntake) in `lang`; `files` are the rule files the
    store kept for its rule-base version, `plans` and `follow_ups` its own, oldest first.
    Readable JSON of the wrong shape raises KeyError, TypeError, ValueError and the like: the
    caller says so in one line."""
    from engine.rulebase import load

    day = day_advisor(intake.rulebase_version, files)
    base = day.base if day else load(rules)  # its own errors are bad input already
    advice, advice_lang = _advice(intake, lang, rules, day)
    shown = [_follow_up_in(f, lang, rules) for f in follow_ups]
    return build(intake.answers, advice, base, lang, intake=intake, advice_lang=advice_lang,
                 plan=(plans or [None])[-1], follow_ups=shown)


def _advice(intake: Any, lang: str, rules: str | None, day: Any) -> tuple[dict, str]:
    """The advice to show and the language of its texts (warnings, timing).

    The stored texts are in the intake's language. Asked for another language, the advice is
    made again from the stored answers when the rule base is the one it was made with: the
    ids and amounts are then the same, only the words differ. With another rule base the
    stored advice is kept as it was made (the summary says its texts are in the intake's
    language), since new rules could change the advice itself.
    """
    if lang == intake.lang:
        return intake.advice, intake.lang
    from engine.advise import advisor

    adv = day or advisor(rules)  # the rules of its day, when the store kept them
    if adv.base.version != intake.rulebase_version:
        return intake.advice, intake.lang
    return adv.advise(intake.answers, lang), lang


def _follow_up_in(follow_up: dict, lang: str, rules: str | None) -> dict:
    """A follow-up with its advice in the language asked for when its rule base is the current
    one (as `_advice` does for the intake); else as it was made, its texts in its own language."""
    if lang == follow_up["lang"]:
        return {**follow_up, "advice_lang": lang}
    from engine.advise import advisor

    adv = advisor(rules)
    if adv.base.version != follow_up["rulebase_version"]:
        return {**follow_up, "advice_lang": follow_up["lang"]}
    return {**follow_up, "advice": adv.advise(follow_up["answers"], lang), "advice_lang": lang}
