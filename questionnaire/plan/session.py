"""`magnesium plan N` without --from: the practitioner makes the plan in the terminal.

After a follow-up that went well, carrying on with the current plan is the first choice
(carry_on.py). Where the advice needs the doctor, whether the doctor answered comes next
(ask_doctor.py). Then per recommendation (the primary first, then the alternatives, then the
topical ones) the practitioner accepts it, changes it or drops it, with a reason wherever the
plan differs from the advice; an amount that needs the doctor is taken only with the doctor's
recorded agreement. Before anything is kept the plan passes the same checks as a plan file
(plan_file.shape_problems and engine/plan_check.findings): a broken plan is shown in words,
item by item, and the questions start again, so a broken plan is never kept.

The command passes the stored data in as values (the intake, its plans, the advice that stands
now, the rule base, the language, where an interrupted plan waits) and keeps what comes back:
nothing here reads options or opens the store, so a web page can ask the same way.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from engine.model import RuleBase
from engine.plan_check import CEILING_FACTOR, REASONS, changes, findings, needs_doctor

from ..common.texts import PLAN_WORDS
from ..intake.prompts import show
from . import ask_doctor, carry_on, describe, draft, draft_file
from .asking import Asking, typed_days, typed_number, typed_text
from .plan_file import MAX_CLIENT_NOTE, MAX_MG, MAX_NOTE, MAX_PER_UNIT, MAX_PRODUCT, MAX_TEXT, UNITS, Plan, shape_problems

if TYPE_CHECKING:
    from ..store import StoredIntake
    from .standing import Standing

NEW, STOP, SAVE, AGAIN = "new", "stop", "save", "again"


def make_plan(ask: Asking, version: int, carry: dict | None = None) -> Plan | None:
    """The plan the practitioner confirmed, or None when they chose to stop; `carry` is the
    latest kept plan when carrying it on is a choice."""
    if ask.advice.get("blocked"):
        return _empty_plan(ask, version, "ask_blocked_intro")
    if carry is not None:
        carried = _carry_on(ask, version, carry)
        if carried != NEW:
            return carried
    if needs_doctor(ask.advice) and ask_doctor.up_front(ask) == ask_doctor.NOT_ADVISED:
        return _empty_plan(ask, version, "ask_not_advised_intro")
    while True:
        items, gone = _recommendations(ask)
        plan = draft.plan(items, gone, ask.answer, *_notes(ask))
        ask.latest = plan  # going round again starts from what was just chosen
        if _broken(ask, plan):
            continue
        answer = _confirm(ask, plan, version, again=True)
        if answer != AGAIN:
            return plan if answer == SAVE else None


def _carry_on(ask: Asking, version: int, carry: dict) -> Plan | str | None:
    """"Doorgaan met het huidige plan": the latest version again, checked against the new
    advice; NEW when the practitioner makes a new plan instead (or the check refuses it)."""
    options = [(ask.say("ask_carry_on", version=carry["version"]), SAVE), (ask.say("ask_carry_new"), NEW)]
    show()
    if ask.pick(ask.say("ask_carry_question"), options, SAVE) == NEW:
        return NEW
    plan = carry_on.carried(carry["plan"], ask.advice)
    ask.answer = plan["doctor_answer"]
    if _broken(ask, plan):
        show(ask.say("ask_carry_refused"))
        return NEW
    answer = _confirm(ask, plan, version, again=True)
    return plan if answer == SAVE else NEW if answer == AGAIN else None


def _empty_plan(ask: Asking, version: int, intro: str) -> Plan | None:
    """A blocked advice, or a doctor who advises against a supplement: only an empty plan with a
    note may be kept."""
    show()
    show(ask.say(intro))
    options = [(ask.say("ask_blocked_keep"), True), (ask.say("ask_stop"), False)]
    if ask.pick(ask.say("ask_blocked_question"), options, True) is not True:
        return None
    plan = draft.plan([], [], ask.answer, *_notes(ask))
    return plan if not _broken(ask, plan) and _confirm(ask, plan, version, again=False) == SAVE else None


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
        is_oral = ask.base.forms[rec["form"]].get("kind") == "oral"
        show()
        if is_oral and oral is not None:
            show(ask.say("ask_skipped", form=ask.form(rec["form"]), kept=ask.form(oral)))
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
    options = [(ask.say("ask_other_none"), ""), *((ask.form(f), f) for f in forms)]
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
            mg = typed_number(ask, ask.say("ask_amount_in_range", low=ask.number(low), high=ask.number(high)), mg,
                              lambda n: low <= n <= high, "ask_bad_in_range", empty=False,
                              low=ask.number(low), high=ask.number(high))
            if ask_doctor.consented(ask, rec["form"], mg):
                break
    return _product(ask, draft.advised_item(rec, mg), before)


def _changed(ask: Asking, rec: dict, begin: draft.Start) -> dict:
    """The practitioner's own amount, timing, duration and product, and why they differ."""
    before = begin.item
    swallowed = ask.base.forms[rec["form"]].get("kind") == "oral"  # a spray or bath has no amount
    mg = _amount(ask, rec["form"], before["mg_per_day"], rec.get("mg_per_day")) if swallowed else None
    chosen = draft.item(rec["form"], mg_per_day=mg,
                        timing=typed_text(ask, ask.say("ask_timing"), before["timing"], MAX_TEXT),
                        duration_days=typed_days(ask, before["duration_days"]))
    chosen = _product(ask, chosen, before)
    what = changes(chosen, ask.advice)
    if not what:
        return chosen
    reason, note = _reason(ask, ask.say("ask_reason", what=describe.changed(what, ask.lang)),
                           draft.Start(begin.action, before, before["change_reason"], before["change_note"]))
    return draft.with_reason(chosen, reason, note)


def _amount(ask: Asking, form: str, default: float | None, advised: float | list | None) -> float | None:
    """A typed amount a day (empty: none); one far from the `advised` amount is asked about; one
    that needs the doctor only with the doctor's recorded agreement (ask_doctor.consented)."""
    upper = ask.advice.get("upper_limit_supplement_mg")
    most = MAX_MG if upper is None else CEILING_FACTOR * upper  # plan_check's ceiling, even with consent
    while True:
        mg = typed_number(ask, ask.say("ask_amount"), default, lambda n: 0 < n <= most, "ask_bad_amount",
                          empty=True, advised=advised, max=ask.number(most))
        if ask_doctor.consented(ask, form, mg):
            return mg
        default = None


def _product(ask: Asking, chosen: dict, before: dict) -> dict:
    """Optionally the product: mg in one unit (at most the day's amount), its unit and its name
    (for the handout); then the whole units a day it makes, rounded down."""
    mg = chosen["mg_per_day"]
    if mg is None:
        return chosen
    most = min(mg, MAX_PER_UNIT)
    per_unit = typed_number(ask, ask.say("ask_per_unit"), before["product_mg_per_unit"],
                            lambda n: 0 < n <= most, "ask_bad_per_unit", empty=True, max=ask.number(most))
    if per_unit is None:
        return chosen
    options = [(PLAN_WORDS.say(f"unit_{unit}", ask.lang), unit) for unit in UNITS]
    unit = ask.pick(ask.say("ask_unit"), options, before["unit"] or UNITS[0])
    name = typed_text(ask, ask.say("ask_product_name"), before.get("product"), MAX_PRODUCT)
    chosen = {**chosen, "product_mg_per_unit": per_unit, "unit": unit, "product": name}
    show(f"= {describe.units(chosen, ask.lang)}")
    return chosen


def _reason(ask: Asking, message: str, begin: draft.Start) -> tuple[str, str | None]:
    """One of the fixed reasons (common/plan_words.yaml); 'other' asks a few words too. Carrying
    on after a follow-up is its own choice (carry_on.py), not a reason to pick here."""
    options = [(PLAN_WORDS.say(f"reason_{reason}", ask.lang), reason) for reason in REASONS
               if reason != carry_on.CONTINUED]
    reason = ask.pick(message, options, begin.reason if begin.reason != carry_on.CONTINUED else None)
    note = typed_text(ask, ask.say("ask_reason_note"), begin.note, MAX_TEXT, needed=True) if reason == "other" else None
    return reason, note


def _notes(ask: Asking) -> tuple[str | None, str | None]:
    """The plan's note for the practitioner and its note for the client (the handout shows that
    one), both optional; the latest plan's are ready to keep or edit."""
    latest = ask.latest or {}
    return (typed_text(ask, ask.say("ask_note"), latest.get("note"), MAX_NOTE),
            typed_text(ask, ask.say("ask_client_note"), latest.get("client_note"), MAX_CLIENT_NOTE))


def _broken(ask: Asking, plan: Plan) -> bool:
    """Whether the plan fails a check a plan file must pass; if so, each problem in words, with
    the item it is about."""
    from engine.messages import text
    from engine.yamlsource import Document

    words = [p.message(ask.lang) for p in shape_problems(Document("<plan>", plan))]
    for f in findings(plan, ask.advice, ask.base.forms):
        item = ask.form(plan["items"][f.path[1]]["form"]) + ": " if len(f.path) > 1 and f.path[0] == "items" else ""
        words.append(item + text(f.code, ask.lang, **f.params))
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
    options = [(ask.say("ask_save"), SAVE), *([(ask.say("ask_again"), AGAIN)] if again else []),
               (ask.say("ask_stop"), STOP)]
    return ask.pick(ask.say("ask_confirm", version=version), options, SAVE)


def interactive(intake: StoredIntake, kept: list[dict], now: Standing, base: RuleBase, lang: str,
                where: Path) -> tuple[Plan | None, int]:
    """The questions: (the plan to keep, 0); (None, 0) when the practitioner chose to stop
    (nothing kept); (None, 130 or 128 + the signal) for Ctrl-C, Ctrl-D or a signal, the choices
    so far kept in the draft file at `where`."""
    from ..intake.stopped import catching_signals, exit_code

    waiting, latest = draft_file.waiting(where), kept[-1] if kept else None
    ask = Asking(intake.number, now.advice, base, lang, waiting or (latest["plan"] if latest else None))
    carry = latest if waiting is None and carry_on.offered(now, latest) else None
    with catching_signals():
        try:
            if now.follow_up is not None:
                show(ask.say("ask_follow_up_advice", follow_up=now.follow_up["number"],
                             date=now.follow_up["created_at"][:10]))
            _introduce(ask, intake, latest, where if waiting else None)
            plan = make_plan(ask, latest["version"] + 1 if latest else 1, carry)
        except (KeyboardInterrupt, EOFError):
            return None, _interrupted(ask, where, intake.number, exit_code())
    if plan is None:
        draft_file.remove(where)
        show()
        show(ask.say("ask_stopped"))
    return plan, 0


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
        show(ask.say("ask_left_behind", forms=", ".join(ask.form(f) for f in behind), version=latest["version"]))
