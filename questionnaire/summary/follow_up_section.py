"""The summary's section on the follow-up: then and now side by side, and the follow-up's advice.

The follow-ups come in as plain data (the store's rows, oldest first); the summary does not
import the store or the intake. The latest one is shown in full: each complaint at the intake
and now with its severity (0-10) and the change, whether the plan was taken (which version),
the side effects, and what the follow-up's advice says needs attention (the same "read first"
content as the intake's own, built by `attention`) with its recommendations in brief. Earlier
follow-ups get one line each. `ctx` is build.py's context.
"""
from __future__ import annotations

from typing import Any, Callable

from .model import Bullets, Fields, Paragraph, Section, Subheading, Table


def rated_complaints(ctx: Any) -> str:
    """The intake's complaints, each with its severity where the client gave one ("Spierkrampen (7)")."""
    severities = getattr(ctx.intake, "severities", None) or {}
    return ", ".join(ctx.label("complaints", c) + (f" ({severities[c]})" if c in severities else "")
                     for c in ctx.answers.get("complaints") or []) or ctx.w("none")


def follow_up_section(ctx: Any, follow_ups: list[dict], attention: Callable[[Any], Section]) -> Section | None:
    """The latest follow-up in full, a line for each earlier one; nothing without a follow-up."""
    if not follow_ups:
        return None
    latest = follow_ups[-1]
    blocks: list = [Paragraph(ctx.w("follow_up_of", number=latest["number"], date=ctx.moment(latest["created_at"])))]
    blocks += [Paragraph(ctx.w("follow_up_earlier", number=f["number"], date=ctx.moment(f["created_at"])))
               for f in follow_ups[:-1]]
    blocks += [Table(tuple(ctx.w(k) for k in ("col_complaint", "follow_up_then", "follow_up_now", "follow_up_change")),
                     _rows(ctx, latest)),
               Fields(((ctx.w("follow_up_plan"), _taken(ctx, latest)),
                       (ctx.w("follow_up_side_effects"), ctx.labels("excess_symptoms", latest["side_effects"]))))]
    now = type(ctx)(latest["answers"], latest["advice"], ctx.base, ctx.lang, ctx.intake, ctx.today,
                    latest.get("advice_lang", latest["lang"]))
    read_first = attention(now)
    blocks += [Subheading(ctx.w("follow_up_advice")), *read_first.blocks]
    if now.advice_lang != ctx.lang:  # made with another rule base: its texts as they were made
        blocks.append(Paragraph(ctx.w("follow_up_language", language=ctx.w(f"language_{now.advice_lang}"))))
    others = [now.item(w) for w in now.warnings("advice") if w["level"] == "warning"]
    if others:
        blocks.append(Bullets(tuple(others)))
    return Section("follow_up", ctx.w("follow_up"), tuple(blocks), read_first.level)


def with_follow_up_news(ctx: Any, flags: Section, follow: Section | None, latest: dict | None,
                        in_short: str) -> Section:
    """The intake's read-first section with a line on top when the latest follow-up needs
    attention (a block, stop now, a doctor first, or signs of too much): who reads the intake's
    advice must not miss that it may no longer stand as shown. "No red flags" then goes, as it
    would contradict; after a critical follow-up the intake's advice in short goes too."""
    if follow is None or latest is None:
        return flags
    level = follow.level or ("warning" if latest["side_effects"] else None)
    if level is None:
        return flags
    news = Paragraph(ctx.w(f"follow_up_flag_{level}", date=ctx.day(latest["created_at"])), level=level)
    gone = {ctx.w("flags_none"), *([in_short] if level == "critical" else [])}
    kept = tuple(b for b in flags.blocks if not (isinstance(b, Paragraph) and b.text in gone))
    return Section(flags.key, flags.title, (news, *kept), "critical" if "critical" in (level, flags.level) else "warning")


def _rows(ctx: Any, latest: dict) -> tuple[tuple[str, ...], ...]:
    """Each complaint named at the intake or now: then, now, and what changed."""
    then, now = ctx.answers.get("complaints") or [], latest["answers"].get("complaints") or []
    rated_then = getattr(ctx.intake, "severities", None) or {}
    rated_now = latest["severities"]
    rows = []
    for complaint in [*then, *(c for c in now if c not in then)]:
        was, nowadays = complaint in then, complaint in now
        before, after = rated_then.get(complaint), rated_now.get(complaint)
        rows.append((ctx.label("complaints", complaint), _cell(ctx, was, before), _cell(ctx, nowadays, after),
                     _change(ctx, was, nowadays, before, after)))
    return tuple(rows)


def _cell(ctx: Any, named: bool, severity: int | None) -> str:
    if not named:
        return ctx.w("no")
    return ctx.w("follow_up_severity", severity=severity) if severity is not None else ctx.w("yes")


def _change(ctx: Any, then: bool, now: bool, before: int | None, after: int | None) -> str:
    """Better or worse by how much, gone, or new; a dash where the numbers cannot say."""
    if then and not now:
        return ctx.w("follow_up_gone")
    if now and not then:
        return ctx.w("follow_up_new")
    if before is None or after is None:
        return ctx.w("dash")
    if after == before:
        return ctx.w("follow_up_same")
    return ctx.w("follow_up_better" if after < before else "follow_up_worse", by=abs(after - before))


def _taken(ctx: Any, latest: dict) -> str:
    """Whether the plan was taken, and which version the follow-up asked about."""
    if latest["plan_taken"] is None:
        return ctx.w("follow_up_no_plan")
    return ctx.w("follow_up_taken", taken=ctx.w(f"follow_up_taken_{latest['plan_taken']}"),
                 version=latest["plan_version"])
