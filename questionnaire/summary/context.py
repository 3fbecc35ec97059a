"""The inputs of one summary and the small helpers every section needs (words, labels, numbers,
dates, and where each warning of the advice is shown).

Where a warning goes is decided here, once, so that no section can lose one: critical warnings,
block reasons, doctor-first reasons and `stop_current` are always read first; a warning placed
in summary_texts.yaml goes to its place; any other warning of level `warning` (one this summary
does not know yet, say from a newer rule base) is read first too, to be safe; any other note of
level `info` goes to the other notes.
"""
from __future__ import annotations

import re
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from ..common.formatting import shown_number
from .model import Item
from .summary_texts import SUMMARY_TEXTS, placement

if TYPE_CHECKING:
    from engine.rulebase import RuleBase

FIRST = "flags"  # the "read first" section
NOTES = "notes"  # the other notes, in the part that says why


class KeptIntake(Protocol):
    """What the summary shows of a saved intake (the store's StoredIntake has it); the summary
    does not import the store."""

    number: int
    created_at: str
    lang: str
    accepted_at: str | None
    status: str
    note: str | None
    reviewed_at: str | None
    follow_up: str | None


class Context:
    """The inputs of one summary and the small formatting helpers every section needs."""

    def __init__(self, answers: dict, advice: dict, base: RuleBase, lang: str, intake: KeptIntake | None,
                 today: date, advice_lang: str):
        self.answers, self.advice, self.base, self.lang = answers, advice, base, lang
        self.intake, self.today, self.advice_lang = intake, today, advice_lang
        self.rules = {rule.id: rule for rule in base.rules}
        self.place = {wid: where for where, ids in placement().items() for wid in ids}
        self.first = {*advice.get("doctor_first_reasons", []), *advice.get("block_reasons", []), "stop_current"}
        self._rule_ids = _rule_id_pattern([i for i in advice.get("fired_rules", []) if i in self.rules])

    def w(self, key: str, **params: object) -> str:
        return SUMMARY_TEXTS.say(key, self.lang, **params)

    def label(self, kind: str, item: str) -> str:
        """The words for an id; the id itself when the current rule base no longer knows it."""
        words = self.base.catalogue.get(kind, {}).get(item)
        return words[self.lang] if words else item

    def labels(self, kind: str, items: list[str]) -> str:
        return ", ".join(self.label(kind, i) for i in items) or self.w("none")

    def number(self, value: float) -> str:
        return shown_number(value, self.lang)

    def amount(self, mg: Any) -> str:
        """250 or [250, 350] as '250' or '250–350'."""
        return "–".join(self.number(v) for v in mg) if isinstance(mg, list) else self.number(mg)

    def day(self, value: date | str) -> str:
        """A date as the practitioner writes it: 15 januari 2025."""
        day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
        return f"{day.day} {self.w('months').split()[day.month - 1]} {day.year}"

    def moment(self, value: str, zone_of: str | None = None) -> str:
        """A stored time as '15 januari 2025, 10:32', in its own offset or in that of `zone_of`.

        Times are stored in local time with their offset; intakes of older versions kept the
        disclaimer's time in UTC, so it is shown in the intake's own zone to read alike.
        """
        when = datetime.fromisoformat(value)
        if zone_of:
            when = when.astimezone(datetime.fromisoformat(zone_of).tzinfo)
        return f"{self.day(when.date())}, {when:%H:%M}"

    def home(self, warning: dict) -> str:
        """The section that shows this warning (see the module's docstring)."""
        if warning["level"] == "critical" or warning["id"] in self.first:
            return FIRST
        return self.place.get(warning["id"]) or (NOTES if warning["level"] == "info" else FIRST)

    def warnings(self, where: str) -> list[dict]:
        """The advice's warnings that this section shows."""
        return [w for w in self.advice["warnings"] if self.home(w) == where]

    def item(self, warning: dict) -> Item:
        """A warning as a list item; its source beside it where it asks for action (a note of
        level info has its source in the provenance part, with the rule that made it)."""
        level = warning["level"]
        source = None if level == "info" else self.w("source", source=self.plain(warning["source"]))
        return Item(self.plain(warning["text"]), level=level, tag=self.w(f"level_{level}"), source=source)

    def plain(self, text: str) -> str:
        """A text of the advice with every rule id in it replaced by the rule's title: rule ids
        are for the provenance part, the running text names what a rule says."""
        if self._rule_ids is None:
            return text
        return self._rule_ids.sub(lambda found: self.w("quoted", text=self.rule_title(found.group(0))), text)

    def source(self, rule_id: str) -> str:
        """A rule's source in the summary's language; a dash for a rule this base no longer has."""
        rule = self.rules.get(rule_id)
        return rule.source[self.lang] if rule else self.w("dash")

    def evidence(self, level: str) -> str:
        return self.w("evidence_level", level=self.label("evidence_levels", level))

    def rule_title(self, rule_id: str) -> str:
        rule = self.rules.get(rule_id)
        return rule.title[self.lang] if rule else self.w("rule_unknown")


def _rule_id_pattern(rule_ids: list[str]) -> re.Pattern | None:
    """The ids of the rules that fired, as whole words; only ids with a hyphen, since a one-word
    id ("foods") cannot be told from the same word in a sentence."""
    ids = sorted({i for i in rule_ids if "-" in i}, key=len, reverse=True)
    if not ids:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ids)) + r")(?![\w-])")
