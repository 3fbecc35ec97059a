"""The practitioner's summary of one advice: what to read, in which order, in which words.

A practitioner has 30 seconds between clients, so the order is fixed by urgency: red flags
first (a block and why, critical warnings, everything that needs a doctor first), then who the
client is, how much a day, the recommendations, what to avoid, the other warnings, the chance of
a deficiency and the answers that raised it, foods and vitamins, and at the bottom how the advice
was made (every rule with its title and source, the rule base version, the date, the disclaimer).
This module builds that content once (model.py); the renderers of formats.py give it a text,
Markdown or HTML layout, so the three formats always say the same thing. Of the rules it reads
only their public face: title, source, evidence, and which kind they conclude.

The summary is the practitioner's: it speaks of "de cliënt". Where a doctor must look first it
says so at the top and shows no amount anywhere (contract 3).
"""
from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import TYPE_CHECKING, Any, Protocol

from engine.answers import pregnancy_possible
from engine.facts import current_elemental

from ..common.formatting import one_line, shown_number
from .model import Bullets, Fields, Item, Paragraph, Section, Subheading, Summary, Table
from .follow_up_section import follow_up_section, rated_complaints, with_follow_up_news
from .notes_section import notes_section
from .plan_section import plan_section
from .summary_texts import SUMMARY_TEXTS, placement

if TYPE_CHECKING:
    from engine.rulebase import RuleBase


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


def build(answers: dict, advice: dict, base: RuleBase, lang: str = "nl", *, intake: KeptIntake | None = None,
          today: date | None = None, advice_lang: str | None = None, plan: dict | None = None,
          follow_ups: list[dict] | None = None) -> Summary:
    """The content of the summary; `today` is the date shown when the intake is not stored;
    `plan` the latest plan the store kept, `follow_ups` its follow-ups. `advice_lang` is the
    language of the advice's own texts (warnings, timing): by default that of the stored intake,
    or `lang` for advice just made.
    """
    advice_lang = advice_lang or (intake.lang if intake else lang)
    ctx = _Context(answers, advice, base, lang, intake, today or date.today(), advice_lang)
    follow = follow_up_section(ctx, follow_ups or [], _flags)  # the newest news, right after the intake's flags
    sections = [
        notes_section(ctx),
        with_follow_up_news(ctx, _flags(ctx), follow, (follow_ups or [None])[-1], _in_short(ctx)),
        follow,
        _profile(ctx),
        _reference(ctx),
        _recommendations(ctx),
        plan_section(ctx, plan, follow_ups or []),
        _avoid(ctx),
        _other_warnings(ctx),
        _likelihood(ctx),
        _foods(ctx),
        _cofactors(ctx),
        _background(ctx),
        _trace(ctx),
    ]
    return Summary(lang, ctx.w("title"), ctx.w("subtitle"), _head(ctx), tuple(s for s in sections if s))


class _Context:
    """The inputs of one summary and the small formatting helpers every section needs."""

    def __init__(self, answers: dict, advice: dict, base: RuleBase, lang: str, intake: KeptIntake | None,
                 today: date, advice_lang: str):
        self.answers, self.advice, self.base, self.lang = answers, advice, base, lang
        self.intake, self.today, self.advice_lang = intake, today, advice_lang
        self.rules = {rule.id: rule for rule in base.rules}
        places = placement()
        self.place = {wid: where for where, ids in places.items() for wid in ids}
        # What needs a doctor (or a stop) is read first, whatever its level.
        self.place.update(dict.fromkeys([*advice.get("doctor_first_reasons", []), "stop_current"], "flags"))

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

    def warnings(self, where: str) -> list[dict]:
        """The advice's warnings that this section shows (critical ones always under flags)."""
        def home(w: dict) -> str:
            return "flags" if w["level"] == "critical" else self.place.get(w["id"], "warnings")
        return [w for w in self.advice["warnings"] if home(w) == where]

    def item(self, warning: dict) -> Item:
        level = warning["level"]
        return Item(warning["text"], level=level, tag=self.w(f"level_{level}"),
                    source=self.w("source", source=warning["source"]))

    def source(self, rule_id: str) -> str:
        """A rule's source in the summary's language; a dash for a rule this base no longer has."""
        rule = self.rules.get(rule_id)
        return rule.source[self.lang] if rule else self.w("dash")

    def evidence(self, level: str) -> str:
        return self.w("evidence_level", level=self.label("evidence_levels", level))

    def rule_title(self, rule_id: str) -> str:
        rule = self.rules.get(rule_id)
        return rule.title[self.lang] if rule else self.w("rule_unknown")


def _head(ctx: _Context) -> Fields:
    client = one_line(ctx.answers.get("client") or "") or ctx.w("head_no_client")
    intake = ctx.intake
    if intake is None:
        return Fields(((ctx.w("head_client"), client), (ctx.w("head_date"), ctx.day(ctx.today))))
    status = (ctx.w("status_reviewed_on", date=ctx.moment(intake.reviewed_at)) if intake.status == "reviewed"
              else ctx.w("status_new"))
    accepted = ctx.moment(intake.accepted_at, intake.created_at) if intake.accepted_at else ctx.w("accepted_none")
    pairs = [
        (ctx.w("head_client"), client),
        (ctx.w("head_intake"), str(intake.number)),
        (ctx.w("head_date"), ctx.moment(intake.created_at)),
        (ctx.w("head_status"), status),
        (ctx.w("head_follow_up"), ctx.day(intake.follow_up) if intake.follow_up else ctx.w("none")),
        (ctx.w("head_accepted"), accepted),
    ]
    if intake.lang != ctx.lang:
        language = ctx.w(f"language_{intake.lang}")
        kept = ctx.advice_lang != ctx.lang  # the stored advice, whose own texts are in that language
        pairs.append((ctx.w("head_language"), ctx.w("language_texts_kept", language=language) if kept else language))
    return Fields(tuple(pairs))


def _flags(ctx: _Context) -> Section:
    advice = ctx.advice
    blocks: list = []
    if advice["blocked"]:
        reasons = ", ".join(ctx.label("block_reasons", r) for r in advice["block_reasons"])
        blocks.append(Paragraph(ctx.w("flags_blocked", reasons=reasons), level="critical"))
    if advice.get("doctor_first"):
        reasons = ", ".join(ctx.label("doctor_first_reasons", r) for r in advice["doctor_first_reasons"])
        blocks.append(Paragraph(ctx.w("flags_doctor_first", reasons=reasons), level="warning"))
    items = [ctx.item(w) for w in ctx.warnings("flags")]
    if not advice.get("doctor_first"):
        items += [Item(ctx.w("flags_doctor", form=ctx.label("forms", rec["form"])), level="warning",
                       tag=ctx.w("flags_doctor_tag"))
                  for rec in advice["recommendations"] if rec["consult_doctor"]]
    if items:
        blocks.append(Bullets(tuple(items)))
    if not blocks:
        blocks.append(Paragraph(ctx.w("flags_none")))
    short = _in_short(ctx)
    if short:
        blocks.append(Paragraph(short))
    levels = {i.level for i in items} | ({"critical"} if advice["blocked"] else set())
    levels |= {"warning"} if advice.get("doctor_first") else set()
    level = next((lv for lv in ("critical", "warning") if lv in levels), None)
    return Section("flags", ctx.w("flags"), tuple(blocks), level)


def _in_short(ctx: _Context) -> str:
    """The advice in one line, so the first page already says what to take (30-second read)."""
    recs = ctx.advice["recommendations"]
    parts = []
    primary = next((r for r in recs if r["role"] == "primary"), None)
    if primary:
        _, form, amount, timing, *_ = _row(ctx, primary)
        parts.append(ctx.w("flags_short", form=form, amount=amount))
        if primary["timing"]:
            parts.append(ctx.w("flags_short_timing", timing=timing))
    topical = [ctx.label("forms", r["form"]) for r in recs if r["role"] == "topical"]
    if topical:
        parts.append(ctx.w("flags_short_topical", forms=", ".join(topical)))
    return " ".join(parts)


def _profile(ctx: _Context) -> Section:
    a = ctx.answers
    name = partial(ctx.label, "answer_keys")
    age = ctx.w("age_months", months=a.get("age_months")) if a["age"] == 0 else ctx.w("age_years", years=a["age"])
    pairs = [(name("age"), age), (name("sex"), ctx.label("sex", a["sex"]))]
    if pregnancy_possible(a["sex"], a["age"]):
        pairs += [(name(key), ctx.w("yes" if a.get(key) else "no")) for key in ("pregnant", "breastfeeding")]
    pairs.append((name("kidney"), ctx.label("kidney", a["kidney"])))
    if a["age"] >= 70:
        pairs.append((name("kidney_checked"), ctx.w("yes" if a.get("kidney_checked") else "no")))
    pairs.append((name("complaints"), rated_complaints(ctx)))
    pairs += [(name(kind), ctx.labels(kind, a.get(kind) or [])) for kind in ("conditions", "medications")]
    pairs.append((name("current_magnesium"), _current(ctx)))
    if a.get("current_magnesium"):
        pairs.append((name("excess_symptoms"), ctx.labels("excess_symptoms", a.get("excess_symptoms") or [])))
    pairs.append((name("symptoms"), ctx.labels("symptoms", a.get("symptoms") or [])))
    return Section("profile", ctx.w("profile"), (Fields(tuple(pairs)),))


def _current(ctx: _Context) -> str:
    """What the client takes now, in words ('no' when nothing)."""
    current = ctx.answers.get("current_magnesium")
    if not current:
        return ctx.w("no")
    form = ctx.w("current_form_unknown") if current["form"] == "unknown" else ctx.label("forms", current["form"])
    mg = current.get("mg_per_day")
    if mg is None:
        return f"{form}, {ctx.w('current_amount_unknown')}"
    if current.get("amount_basis") == "compound":
        elemental = current_elemental(ctx.answers, ctx.base.forms)
        return f"{form}, " + ctx.w("current_compound", mg=ctx.number(mg), elemental=ctx.number(round(elemental)))
    return f"{form}, " + ctx.w("mg_day", mg=ctx.number(mg))


def _reference(ctx: _Context) -> Section:
    advice = ctx.advice
    intake = advice["reference_intake_mg"]
    intake_words = (ctx.w("reference_split", female=ctx.number(intake[0]), male=ctx.number(intake[1]))
                    if isinstance(intake, list) else ctx.w("mg_day", mg=ctx.number(intake)))
    upper = advice["upper_limit_supplement_mg"]
    upper_words = (ctx.w("reference_upper_none") if upper is None else
                   ctx.w("reference_upper_by", mg=ctx.number(upper), body=advice.get("upper_limit_source") or ""))
    pairs = [(ctx.w("reference_intake"), intake_words), (ctx.w("reference_upper"), upper_words)]
    if upper is not None:
        policy = ctx.base.settings["upper_limit_policy"]
        pairs.append((ctx.w("reference_policy"), ctx.w(f"policy_{policy}")))
    pairs += [(ctx.w("reference_rule"), f"{rule.title[ctx.lang]} ({rule.source[ctx.lang]})")
              for rid in advice["fired_rules"] if (rule := ctx.rules.get(rid)) and rule.concludes("reference")]
    blocks: list = [Fields(tuple(pairs))]
    notes = [ctx.item(w) for w in ctx.warnings("reference")]
    if notes:
        blocks.append(Bullets(tuple(notes)))
    return Section("reference", ctx.w("reference"), tuple(blocks))


def _recommendations(ctx: _Context) -> Section:
    advice = ctx.advice
    recs = advice["recommendations"]
    if not recs:
        key = "recommendations_blocked" if advice["blocked"] else "recommendations_none"
        return Section("recommendations", ctx.w("recommendations"), (Paragraph(ctx.w(key)),))
    header = tuple(ctx.w(k) for k in ("col_role", "col_form", "col_amount", "col_timing", "col_duration",
                                      "col_doctor", "col_evidence"))
    blocks: list = [Paragraph(ctx.base.text("one_at_a_time", ctx.lang)),
                    Table(header, tuple(_row(ctx, rec) for rec in recs))]
    if ctx.answers.get("current_magnesium") and any(r["role"] == "primary" for r in recs):
        blocks.append(Paragraph(ctx.base.text("replaces_current", ctx.lang) + " " + ctx.w("now", current=_current(ctx))))
    blocks += [Subheading(ctx.w("evidence_per_use")), Bullets(_uses(ctx, recs))]
    forms = [Item(spec["text"][ctx.lang], label=ctx.label("forms", rec["form"]))
             for rec in recs if (spec := ctx.base.forms.get(rec["form"]))]
    blocks += [Subheading(ctx.w("about_forms")), Bullets(tuple(forms)), Paragraph(_recommended_forms(ctx))]
    blocks += [Subheading(ctx.w("excess_label")), Paragraph(ctx.base.text("excess", ctx.lang))]
    return Section("recommendations", ctx.w("recommendations"), tuple(blocks))


def _uses(ctx: _Context, recs: list[dict]) -> tuple[Item, ...]:
    """Each use behind the recommendations with its own evidence level and source (contract 3)."""
    rules = [rule for rid in dict.fromkeys(r for rec in recs for r in rec["reasons"])
             if (rule := ctx.rules.get(rid)) and rule.evidence]
    return tuple(Item(f"{rule.title[ctx.lang]}: {ctx.evidence(rule.evidence['level'])}.",
                      source=ctx.w("source", source=rule.evidence["source"][ctx.lang])) for rule in rules)


def _recommended_forms(ctx: _Context) -> str:
    """The article's list of most recommended forms (section 5), so the alternatives can be weighed."""
    forms = [ctx.label("forms", form) for form, spec in ctx.base.forms.items() if spec["recommended"]]
    return ctx.w("recommended_forms", forms=", ".join(forms))


def _row(ctx: _Context, rec: dict) -> tuple[str, ...]:
    mg = rec["mg_per_day"]
    if mg is None:
        amount = ctx.w("dash") if rec["role"] == "topical" else ctx.w("amount_doctor")
    else:
        amount = ctx.w(f"amount_{rec['amount_basis']}", mg=ctx.amount(mg))
    days = rec["duration_days"]
    return (
        ctx.w(f"role_{rec['role']}"),
        ctx.label("forms", rec["form"]),
        amount,
        rec["timing"] or ctx.w("dash"),
        ctx.w("duration_days", days=days) if days else ctx.w("dash"),
        ctx.w("yes" if rec["consult_doctor"] else "no"),
        ctx.label("evidence_levels", rec["evidence"]["level"]) if rec.get("evidence") else ctx.w("dash"),
    )


def _avoid(ctx: _Context) -> Section:
    items = [Item(spec["text"][ctx.lang], label=ctx.label("forms", form),
                  source=ctx.w("source", source=spec["source"][ctx.lang]))
             for form in ctx.advice["avoid_forms"] if (spec := ctx.base.forms.get(form))]
    items += [ctx.item(w) for w in ctx.warnings("avoid")]
    block = Bullets(tuple(items)) if items else Paragraph(ctx.w("avoid_none"))
    return Section("avoid", ctx.w("avoid"), (block,))


def _other_warnings(ctx: _Context) -> Section:
    items = [ctx.item(w) for w in ctx.warnings("warnings")]
    block = Bullets(tuple(items)) if items else Paragraph(ctx.w("warnings_none"))
    return Section("warnings", ctx.w("warnings"), (block,))


def _likelihood(ctx: _Context) -> Section:
    """The count of signs and causes; not beside a critical warning (a block, stop now, the midwife
    today), where a score of deficiency signs would mislead (menstrual-like pain in pregnancy is no sign)."""
    if any(w["level"] == "critical" for w in ctx.advice["warnings"]):
        return Section("likelihood", ctx.w("likelihood"), (Paragraph(ctx.w("likelihood_stop")),))
    level = ctx.advice["deficiency_likelihood"]
    fired = [ctx.rules[r] for r in ctx.advice["fired_rules"] if r in ctx.rules]
    deciding = [r.title[ctx.lang] for r in fired if r.likelihood == level]
    pairs = [(ctx.w("likelihood_label"), ctx.w(f"likelihood_{level}"))]
    pairs += [(ctx.w("likelihood_decided"), title) for title in deciding]
    pairs += [_score(ctx, name, weights) for name, weights in ctx.base.scores.items()]
    thresholds = [Item(rule.title[ctx.lang]) for rule in ctx.base.concluding("likelihood")]
    blocks = (Paragraph(ctx.base.text("signs_note", ctx.lang)), Fields(tuple(pairs)),
              Subheading(ctx.w("likelihood_thresholds")), Bullets(tuple(thresholds)),
              Paragraph(ctx.base.text("causes", ctx.lang)))
    return Section("likelihood", ctx.w("likelihood"), blocks)


def _score(ctx: _Context, name: str, weights: dict[str, list[str]]) -> tuple[str, str]:
    """One score of the rule base: how many answers count, and which ones (the reason shown)."""
    counted = [ctx.label(kind, item) for kind, ids in weights.items()
               for item in ctx.answers.get(kind) or [] if item in ids]
    label = ctx.w(f"score_{name}") if SUMMARY_TEXTS.has(f"score_{name}") else name
    return label, f"{len(counted)}" + (f": {', '.join(counted)}" if counted else "")


def _foods(ctx: _Context) -> Section:
    foods = ctx.advice["foods"]
    cautions = tuple(ctx.item(w) for w in ctx.warnings("foods"))
    blocks: list = [Bullets(cautions)] if cautions else []
    if foods:
        blocks += [Paragraph(ctx.base.text("foods_vary", ctx.lang)),
                   Bullets(tuple(Item(ctx.label("foods", f)) for f in foods), columns=True)]
    else:
        blocks.append(Paragraph(ctx.w("foods_none")))
    return Section("foods", ctx.w("foods"), tuple(blocks))


def _cofactors(ctx: _Context) -> Section:
    cofactors = ctx.advice["cofactors"]
    if not cofactors:
        return Section("cofactors", ctx.w("cofactors"), (Paragraph(ctx.w("cofactors_none")),))
    named = Paragraph(ctx.w("cofactors_named", names=ctx.labels("cofactors", cofactors)))
    return Section("cofactors", ctx.w("cofactors"), (named, Paragraph(ctx.base.text("cofactors", ctx.lang))))


def _background(ctx: _Context) -> Section:
    return Section("background", ctx.w("background"), (Paragraph(ctx.base.text("functions", ctx.lang)),))


def _trace(ctx: _Context) -> Section:
    advice = ctx.advice
    header = (ctx.w("col_rule"), ctx.w("col_title"), ctx.w("col_source"))
    rows = tuple((rid, ctx.rule_title(rid), ctx.source(rid)) for rid in advice["fired_rules"])
    when = ctx.moment(ctx.intake.created_at) if ctx.intake else ctx.day(ctx.today)
    blocks: list = [Table(header, rows, small=True, ids=0),
                    Fields(((ctx.w("rulebase_version"), advice["rulebase_version"]), (ctx.w("head_date"), when)))]
    if advice["rulebase_version"] != ctx.base.version:
        blocks.append(Paragraph(ctx.w("rulebase_changed", current=ctx.base.version)))
    if ctx.advice_lang != ctx.lang:
        blocks.append(Paragraph(ctx.w("advice_language", language=ctx.w(f"language_{ctx.advice_lang}"))))
    blocks += [Subheading(ctx.w("intended_use")), Paragraph(ctx.base.text("intended_use", ctx.lang))]
    return Section("trace", ctx.w("trace"), tuple(blocks))
