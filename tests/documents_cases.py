"""The clients, plans and practice the document tests share (handout, letter, PDF): each case is
one a GP reader asked about (a replaced product, heartburn, a referral, a minor, doctor first)."""
from __future__ import annotations

import os
from pathlib import Path

from engine.answers import complete

GOLDEN = Path(__file__).with_name("golden")

BASE = {"client": "Jansen", "age": 42, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none"}
PRACTICE = {"name": "Praktijk De Linde", "phone": "012-3456789", "address": "Lindelaan 4, 1234 AB Ergens",
            "email": "info@praktijkdelinde.nl", "practitioner": "J. de Vries, natuurgeneeskundig therapeut"}
CREATED = "2025-01-15T10:32:00+01:00"
FOLLOW_UP = "2025-03-16"
AGREED = {"doctor": "dr. K. Bakker", "date": "2025-01-20", "outcome": "agreed", "form": "citrate",
          "mg_per_day": 150, "until": "2025-04-20"}
NOT_ADVISED = {"doctor": "dr. K. Bakker", "date": "2025-01-20", "outcome": "not_advised", "form": None,
               "mg_per_day": None, "until": None}


def item(form: str, mg: float | None, **more: object) -> dict:
    """A plan item with every key of a plan file."""
    keys = ("timing", "duration_days", "product_mg_per_unit", "unit", "product", "change_reason", "change_note")
    return {"form": form, "mg_per_day": mg, **{key: more.get(key) for key in keys}}


def plan(*items: dict, answer: dict | None = None, note: str | None = None, client_note: str | None = None) -> dict:
    return {"items": list(items), "dropped": [], "doctor_answer": answer,
            "doctor_agreed": bool(answer and answer["outcome"] == "agreed"), "note": note, "client_note": client_note}


CITRATE = item("citrate", 250, duration_days=60, product_mg_per_unit=100, unit="tablet", change_reason="client_preference")
# case: (answers, plan)
CASES = {
    "simple": ({**BASE, "complaints": ["muscle_cramps"], "medications": ["antibiotics"]},
               plan(CITRATE, note="alleen voor de therapeut")),
    "replaced": ({**BASE, "complaints": ["muscle_cramps"],
                  "current_magnesium": {"form": "glycinate", "mg_per_day": 250, "amount_basis": "elemental"}},
                 plan(item("citrate", 200, product_mg_per_unit=100, unit="tablet", product="Magnesium Citraat 100"),
                      client_note="Neem de tabletten bij het avondeten.")),
    "heartburn": ({**BASE, "complaints": ["heartburn"], "medications": ["antibiotics"]},
                  plan(item("citrate", 150))),
    "referral": ({**BASE, "age": 67, "sex": "male", "kidney_checked": True,
                  "complaints": ["muscle_cramps", "mobility", "muscle_pain"]},
                 plan(item("citrate", 100))),
    "minor": ({**BASE, "client": "Sanne", "age": 16, "complaints": ["muscle_cramps"]}, plan(item("citrate", 100))),
    "doctor-agreed": ({**BASE, "complaints": ["sleep_problems", "palpitations"], "medications": ["bisphosphonates"]},
                      plan(item("citrate", 150, change_reason="doctor_advice"), answer=AGREED)),
    "doctor-not-advised": ({**BASE, "complaints": ["palpitations"],
                            "current_magnesium": {"form": "oxide", "mg_per_day": 300, "amount_basis": "elemental"}},
                           plan(answer=NOT_ADVISED)),
    "blocked": ({**BASE, "kidney": "problems",
                 "current_magnesium": {"form": "glycinate", "mg_per_day": 100, "amount_basis": "elemental"}}, plan()),
}


def answers_of(case: str) -> dict:
    return complete(CASES[case][0])


def kept(case: str) -> dict:
    """The case's plan as the store keeps it: version 1, made on CREATED."""
    return {"version": 1, "created_at": CREATED, "plan": CASES[case][1]}


def golden(name: str, text: str) -> None:
    """The text equals its golden file (MAGNESIUM_UPDATE_GOLDEN=1 writes it; read the diff)."""
    path = GOLDEN / name
    if os.environ.get("MAGNESIUM_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")
