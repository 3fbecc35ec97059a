"""The summary's section on the practitioner's plan: what the client will take, and where and
why it differs from the advice (form, amount, reason), so a reviewer sees every change at once.

The plan comes in as plain data (the latest version the store kept); the summary does not
import the store or the plan package. `ctx` is build.py's context (words, labels, numbers).
"""
from __future__ import annotations

from typing import Any

from engine.plan_check import changes, units_per_day

from ..common.formatting import printable
from .model import Paragraph, Section, Table

_CHANGED = ("form", "mg_per_day", "timing", "duration_days")


def plan_section(ctx: Any, kept: dict | None) -> Section | None:
    """The latest plan, or nothing when the intake has none."""
    if kept is None:
        return None
    plan = kept["plan"]
    blocks: list = [Paragraph(ctx.w("plan_version", version=kept["version"], date=ctx.moment(kept["created_at"])))]
    if plan["items"]:
        header = tuple(ctx.w(k) for k in ("col_form", "col_amount", "plan_col_units", "col_timing", "col_duration",
                                          "plan_col_change", "plan_col_reason"))
        blocks.append(Table(header, tuple(_row(ctx, item) for item in plan["items"])))
    else:
        blocks.append(Paragraph(ctx.w("plan_nothing")))
    dropped = [r["form"] for r in ctx.advice["recommendations"] if r["form"] not in {i["form"] for i in plan["items"]}]
    if dropped:
        blocks.append(Paragraph(ctx.w("plan_dropped", forms=ctx.labels("forms", dropped))))
    if plan.get("doctor_agreed"):
        blocks.append(Paragraph(ctx.w("plan_doctor_agreed"), level="warning"))
    if plan.get("note"):
        blocks.append(Paragraph(printable(plan["note"]), preformatted=True))
    return Section("plan", ctx.w("plan"), tuple(blocks))


def _row(ctx: Any, item: dict) -> tuple[str, ...]:
    mg, units, days = item["mg_per_day"], units_per_day(item), item["duration_days"]
    changed = changes(item, ctx.advice)
    reason = ctx.w(f"reason_{item['change_reason']}") if item.get("change_reason") else ctx.w("dash")
    if item.get("change_note"):
        reason += f": {printable(item['change_note'])}"
    return (
        ctx.label("forms", item["form"]),
        ctx.w("amount_elemental", mg=ctx.number(mg)) if mg is not None else ctx.w("dash"),
        ctx.w("plan_units", units=units, unit=ctx.w(f"unit_{item['unit']}"),
              per_unit=ctx.number(item["product_mg_per_unit"])) if units is not None else ctx.w("dash"),
        printable(item["timing"]) if item.get("timing") else ctx.w("dash"),
        ctx.w("duration_days", days=days) if days else ctx.w("dash"),
        ", ".join(ctx.w(f"plan_changed_{key}") for key in _CHANGED if key in changed) or ctx.w("plan_as_advised"),
        reason,
    )
