"""`magnesium plan N` without --from: the practitioner makes the plan in the terminal.

Per recommendation (the primary first, then the alternatives, then the topical ones) the
practitioner accepts it, changes it or drops it, with a reason wherever the plan differs from
the advice; the amounts that need the doctor are asked about before they are taken. Before
anything is kept the plan passes the same checks as a plan file (plan_file.shape_problems and
engine/plan_check.findings): a broken plan is shown in words and the questions start again,
so a broken plan is never kept. Every prompt goes through intake/prompts.py (the one module
that imports questionary); the words are in plan/plan_texts.yaml and the catalogue. Ctrl-C,
Ctrl-D or a stop signal keeps nothing (the plan is short): one line, exit 130 (or 128 + the
signal).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable

from engine.model import RuleBase
from engine.plan_check import CEILING_FACTOR, REASONS, changes, findings, needs_doctor

from ..common.formatting import shown_number
from ..common.texts import PLAN_WORDS
from ..intake.prompts import choose, show, type_in
from ..intake.session import number
from . import describe, draft, draft_file
from .plan_file import MAX_DAYS, MAX_MG, MAX_NOTE, MAX_PER_UNIT, MAX_TEXT, UNITS, Plan, shape_problems
from .plan_texts import PLAN_TEXTS

if TYPE_CHECKING:
    from ..store import StoredIntake


@dataclass
class Asking:
    """What the questions need: the advice, the rule base's words, the language, the plan that
    gives the defaults (the latest kept, then the one just made), and whether the doctor agreed
    to an amount (the plan's doctor_agreed)."""

    advice: dict
    base: RuleBase
    lang: str
    latest: Plan | None
    agreed: bool = False
    made: list[dict] = field(default_factory=list)  # this round's items so far (an interrupted plan keeps them)
    gone: list[dict] = field(default_factory=list)  # and the recommendations dropped so far

    def so_far(self) -> Plan | None:
        """The choices made before an interruption, over the defaults not reached yet; None if none."""
        if not (self.made or self.gone):
            return None
        return draft.so_far(self.made, self.gone, self.agreed, self.latest)

    def say(self, key: str, **params: object) -> str:
        """The plan's words for `key` in the practitioner's language."""
        return PLAN_TEXTS.say(key, self.lang, **params)

    def number(self, value: float | None) -> str:
        """An amount as the practitioner types it back (2,5 in Dutch); empty for none."""
        return "" if value is None else shown_number(value, self.lang)

    def pick(self, message: str, options: list[tuple[str, Any]], default: Any) -> Any:
        """A choice; the prompt is erased when answered, so the answer stays on screen in words."""
        value = choose(message, options, default, self.lang)
        show(f"✓ {message} {next(words for words, v in options if v == value)}", hang="  ")
        return value

    def typed(self, message: str, default: str, problem: Callable[[str], str | None]) -> str:
        """Typed words, checked as they are typed (see pick); '-' on screen for an empty answer."""
        raw = type_in(message, default, problem, self.lang).strip()
        show(f"✓ {message} {raw or '-'}", hang="  ")
        return raw


def make_plan(ask: Asking, version: int) -> Plan | None:
    """The plan the practitioner confirmed, or None when they chose to stop."""
    if ask.advice.get("blocked"):
        return _empty_plan(ask, version)
    while True:
        ask.agreed = False  # each round asks again for every amount that needs the doctor
        items, gone = _recommendations(ask)
        plan = draft.plan(items, gone, ask.agreed, _note(ask))
        ask.latest = plan  # going round again starts from what was just chosen
        if _broken(ask, plan):
            continue
        answer = _confirm(ask, plan, version, again=True)
        if answer != "again":
            return plan if answer == "save" else None


def _empty_plan(ask: Asking, version: int) -> Plan | None:
    """A blocked advice: no supplement; only an empty plan with a note may be kept."""
    show()
    show(ask.say("ask_blocked_intro"))
    options = [(ask.say("ask_blocked_keep"), True), (ask.say("ask_stop"), False)]
    if ask.pick(ask.say("ask_blocked_question"), options, True) is not True:
        return None
    plan = draft.plan([], [], False, _note(ask))
    return plan if not _broken(ask, plan) and _confirm(ask, plan, version, again=False) == "save" else None


def _recommendations(ask: Asking) -> tuple[list[dict], list[dict]]:
    """Ask about each recommendation; the plan's items and the dropped ones with their reasons.

    An alternative is asked only while the plan has no form to take yet: it comes instead of the
    primary, never beside it (one oral form at a time). Without one after all of them, a form
    the advice does not name may be chosen."""
    items, gone = ask.made, ask.gone
    items.clear()
    gone.clear()
    oral: str | None = None
    for rec in draft.in_order(ask.advice):
        label = ask.base.label("forms", rec["form"], ask.lang)
        is_oral = ask.base.forms[rec["form"]].get("kind") == "oral"
        show()
        if is_oral and oral is not None:
            show(ask.say("ask_skipped", form=label, kept=ask.base.label("forms", oral, ask.lang)))
            continue
        for line in describe.recommendation(rec, ask.base, ask.lang):
            show(line, hang="  ")
        begin = draft.start(rec, ask.advice, ask.latest)
        options = [(ask.say("ask_accept"), draft.ACCEPT), (ask.say("ask_change"), draft.CHANGE),
                   (ask.say("ask_drop"), draft.DROP)]
        action = ask.pick(ask.say("ask_action"), options, begin.action)
        if action == draft.DROP:
            gone.append(draft.dropped(rec["form"], *_reason(ask, ask.say("ask_drop_reason"), begin)))
            continue
        items.append(_accepted(ask, rec, begin.item) if action == draft.ACCEPT else _changed(ask, rec, begin))
        oral = rec["form"] if is_oral else oral
    other = _other_form(ask) if oral is None else None
    if other:
        items.append(other)
    return list(items), list(gone)


def _other_form(ask: Asking) -> dict | None:
    """With no form to take in the plan yet: optionally one the advice does not name (nor says
    to avoid), asked as a change, so with its reason; the earlier plan's is ready."""
    forms = draft.other_forms(ask.advice, ask.base.forms)
    if not forms:
        return None
    before = draft.earlier_item(ask.latest, forms)
    show()
    options = [(ask.say("ask_other_none"), ""), *((ask.base.label("forms", f, ask.lang), f) for f in forms)]
    form = ask.pick(ask.say("ask_other"), options, before["form"] if before else "")  # questionary: no None value
    if not form:
        return None
    begin = draft.Start(draft.CHANGE, before if before and before["form"] == form else draft.item(form))
    return _changed(ask, {"form": form}, begin)


def _accepted(ask: Asking, rec: dict, before: dict) -> dict:
    """The advice as it is; within a range the amount is asked (Enter keeps the one shown)."""
    mg = draft.advised_amount(rec, before["mg_per_day"])
    if isinstance(rec["mg_per_day"], list):
        low, high = rec["mg_per_day"]
        while True:
            mg = _typed_number(ask, ask.say("ask_amount_in_range", low=ask.number(low), high=ask.number(high)), mg,
                               lambda n: low <= n <= high, "ask_bad_in_range", empty=False,
                               low=ask.number(low), high=ask.number(high))
            if _consented(ask, rec["form"], mg):
                break
    return _product(ask, draft.advised_item(rec, mg), before)


def _changed(ask: Asking, rec: dict, begin: draft.Start) -> dict:
    """The practitioner's own amount, timing, duration and product, and why they differ."""
    before = begin.item
    swallowed = ask.base.forms[rec["form"]].get("kind") == "oral"  # a spray or bath has no amount
    mg = _amount(ask, rec["form"], before["mg_per_day"]) if swallowed else None
    chosen = draft.item(rec["form"], mg_per_day=mg,
                        timing=_text(ask, ask.say("ask_timing"), before["timing"], MAX_TEXT),
                        duration_days=_days(ask, before["duration_days"]))
    chosen = _product(ask, chosen, before)
    what = changes(chosen, ask.advice)
    if not what:
        return chosen
    reason, note = _reason(ask, ask.say("ask_reason", what=describe.changed(what, ask.lang)),
                           draft.Start(begin.action, before, before["change_reason"], before["change_note"]))
    return draft.with_reason(chosen, reason, note)


def _amount(ask: Asking, form: str, default: float | None) -> float | None:
    """A typed amount a day (empty: none); one that needs the doctor only when the practitioner
    says the doctor agreed to it (asked for each such amount, the pointer at no)."""
    upper = ask.advice.get("upper_limit_supplement_mg")
    most = MAX_MG if upper is None else CEILING_FACTOR * upper  # plan_check's ceiling, even with consent
    while True:
        mg = _typed_number(ask, ask.say("ask_amount"), default, lambda n: 0 < n <= most, "ask_bad_amount",
                           empty=True, max=ask.number(most))
        if _consented(ask, form, mg):
            return mg
        default = None


def _consented(ask: Asking, form: str, mg: float | None) -> bool:
    """Whether this amount may go in: it needs no consent, or the practitioner says the doctor
    agreed (the pointer at no); refused, the caller asks for the amount again."""
    if not draft.needs_consent(ask.advice, form, mg):
        return True
    for line in _why_consent(ask, form, mg):
        show(line)
    options = [(ask.say("ask_consent_yes"), True), (ask.say("ask_consent_no"), False)]
    if ask.pick(ask.say("ask_consent", mg=ask.number(mg)), options, False) is True:
        ask.agreed = True
        return True
    show(ask.say("ask_consent_refused"))
    return False


def _why_consent(ask: Asking, form: str, mg: float) -> list[str]:
    """Why the doctor must agree to this amount: the advice says doctor first (for the client or
    this form), the amount is above the applied limit, or there is no limit for supplements."""
    upper = ask.advice.get("upper_limit_supplement_mg")
    lines = [ask.say("ask_consent_doctor")] if needs_doctor(ask.advice, form) else []
    if upper is None:
        return [*lines, ask.say("ask_no_limit")]
    return [*lines, ask.say("ask_consent_limit", limit=ask.number(upper))] if mg > upper else lines


def _typed_number(ask: Asking, message: str, default: float | None, fits: Callable[[float], bool], wrong: str,
                  empty: bool, **params: object) -> float | None:
    """A typed number of mg ('250', '2,5', '250 mg'), checked as it is typed; empty gives None
    where `empty` allows it; `wrong` (with `params`) says what fits when it does not."""
    def problem(entry: str) -> str | None:
        entry = entry.strip()
        if not entry:
            return None if empty else ask.say(wrong, **params)
        value = number(entry, "mg")
        if value is None:
            return ask.say("ask_bad_number", example=250)
        return None if fits(value) else ask.say(wrong, **params)

    raw = ask.typed(message, ask.number(default), problem)
    return number(raw, "mg") if raw else None


def _days(ask: Asking, default: int | None) -> int | None:
    """How many days, a whole number as a plan file allows (empty: not given)."""
    def problem(entry: str) -> str | None:
        value = number(entry.strip())
        fits = not entry.strip() or (isinstance(value, int) and 1 <= value <= MAX_DAYS)
        return None if fits else ask.say("ask_bad_days", max=MAX_DAYS)

    raw = ask.typed(ask.say("ask_duration"), "" if default is None else str(default), problem)
    return int(raw) if raw else None


def _text(ask: Asking, message: str, default: str | None, limit: int, needed: bool = False) -> str | None:
    """Typed words (empty: None, unless `needed`), at most `limit` characters."""
    def problem(entry: str) -> str | None:
        if needed and not entry.strip():
            return ask.say("ask_bad_empty")
        return ask.say("ask_bad_long", max=limit) if len(entry.strip()) > limit else None

    return ask.typed(message, default or "", problem) or None


def _product(ask: Asking, chosen: dict, before: dict) -> dict:
    """Optionally the product: mg in one unit (at most the day's amount) and its unit; then the
    whole units a day it makes, rounded down."""
    mg = chosen["mg_per_day"]
    if mg is None:
        return chosen
    most = min(mg, MAX_PER_UNIT)
    per_unit = _typed_number(ask, ask.say("ask_per_unit"), before["product_mg_per_unit"],
                             lambda n: 0 < n <= most, "ask_bad_per_unit", empty=True, max=ask.number(most))
    if per_unit is None:
        return chosen
    options = [(PLAN_WORDS.say(f"unit_{unit}", ask.lang), unit) for unit in UNITS]
    unit = ask.pick(ask.say("ask_unit"), options, before["unit"] or UNITS[0])
    chosen = {**chosen, "product_mg_per_unit": per_unit, "unit": unit}
    show(f"= {describe.units(chosen, ask.lang)}")
    return chosen


def _reason(ask: Asking, message: str, begin: draft.Start) -> tuple[str, str | None]:
    """One of the fixed reasons (common/plan_words.yaml); 'other' asks a few words too."""
    options = [(PLAN_WORDS.say(f"reason_{reason}", ask.lang), reason) for reason in REASONS]
    reason = ask.pick(message, options, begin.reason)
    note = _text(ask, ask.say("ask_reason_note"), begin.note, MAX_TEXT, needed=True) if reason == "other" else None
    return reason, note


def _note(ask: Asking) -> str | None:
    """The plan's note (optional); the latest plan's is ready to keep or edit."""
    return _text(ask, ask.say("ask_note"), (ask.latest or {}).get("note"), MAX_NOTE)


def _broken(ask: Asking, plan: Plan) -> bool:
    """Whether the plan fails a check a plan file must pass; if so, each problem in words."""
    from engine.messages import text
    from engine.yamlsource import Document

    words = [p.message(ask.lang) for p in shape_problems(Document("<plan>", plan))]
    words += [text(f.code, ask.lang, **f.params) for f in findings(plan, ask.advice, ask.base.forms)]
    if words:
        show()
        show(ask.say("ask_broken"))
        for line in words:
            show(f"- {line}", hang="  ")
    return bool(words)


def _confirm(ask: Asking, plan: Plan, version: int, again: bool) -> str:
    """The whole plan in words, then: save, go through the recommendations again, or stop."""
    show()
    for line in describe.review(plan, version, ask.advice, ask.base, ask.lang):
        show(line, hang="  ")
    options = [(ask.say("ask_save"), "save"), *([(ask.say("ask_again"), "again")] if again else []),
               (ask.say("ask_stop"), "stop")]
    return ask.pick(ask.say("ask_confirm", version=version), options, "save")


def interactive(args: argparse.Namespace, keep: Callable[[argparse.Namespace, Plan], int]) -> int:
    """The questions, then `keep` (the plan command's, as for --from) keeps the plan; Ctrl-C,
    Ctrl-D or a signal keeps the choices so far in the draft file (130, or 128 + the signal);
    a chosen stop keeps nothing (0)."""
    from engine.advise import advisor

    from ..intake.stopped import catching_signals, exit_code
    from ..intake.screen import on_a_terminal
    from ..store import open_store
    from .standing import standing

    if not on_a_terminal():
        sys.stderr.write(PLAN_TEXTS.say("not_a_terminal", args.lang, number=args.number) + "\n")
        return 2
    with open_store(args.db) as store:
        intake, kept = store.get(args.number), store.plans(args.number)
        now = standing(intake, store.follow_ups(args.number))
    where = draft_file.draft_path(args.db, args.number)
    waiting, latest = draft_file.waiting(where), kept[-1] if kept else None
    ask = Asking(now.advice, advisor(args.rules).base, args.lang, waiting or (latest["plan"] if latest else None))
    with catching_signals():
        try:
            if now.follow_up is not None:
                show(ask.say("ask_follow_up_advice", follow_up=now.follow_up["number"],
                             date=now.follow_up["created_at"][:10]))
            _introduce(ask, intake, latest, where if waiting else None)
            plan = make_plan(ask, latest["version"] + 1 if latest else 1)
        except (KeyboardInterrupt, EOFError):
            return _interrupted(ask, where, args.number, exit_code())
    if plan is None:
        draft_file.remove(where)
        show()
        show(ask.say("ask_stopped"))
        return 0
    return keep(args, plan)


def _interrupted(ask: Asking, where: Path, number: int, code: int) -> int:
    """Ctrl-C, Ctrl-D or a signal: the choices so far wait in the draft file, nothing is kept."""
    plan = ask.so_far()
    if plan is not None:
        draft_file.save(where, number, plan)
    show()
    show(ask.say("ask_stopped_draft", path=where, number=number) if where.is_file() else ask.say("ask_stopped"))
    return code


def _introduce(ask: Asking, intake: StoredIntake, latest: dict | None, waiting: Path | None) -> None:
    """The intake's headline, which version the new plan becomes, and an interrupted plan's
    choices as the defaults when one waits."""
    for line in describe.headline(intake.number, intake.client, intake.created_at, ask.advice, ask.base, ask.lang):
        show(line, hang="  ")
    if waiting is not None:
        show(ask.say("ask_draft_waiting", path=waiting, version=latest["version"] + 1 if latest else 1))
        return
    if latest is None:
        show(ask.say("ask_first_version"))
        return
    show(ask.say("ask_next_version", version=latest["version"], next=latest["version"] + 1))
    behind = draft.left_behind(ask.latest, ask.advice)
    if behind:
        show(ask.say("ask_left_behind", forms=", ".join(ask.base.label("forms", f, ask.lang) for f in behind),
                     version=latest["version"]))
