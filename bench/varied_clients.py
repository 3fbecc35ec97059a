"""10,000 varied clients for `magnesium advise --batch` (issue 21's speed case), as JSON lines.

Ages 1 to 95, every sex, pregnancy and breastfeeding where possible, a tenth with kidney answers
that block all advice (problems or don't know), a random pick of complaints, conditions,
medications and symptoms from the catalogue, some taking magnesium now. Seeded: the same lines
every run.

    python bench/varied_clients.py [COUNT] > clients.jsonl
"""
from __future__ import annotations

import json
import random
import sys


def clients(count: int, seed: int = 21) -> list[dict]:
    """`count` valid answers objects, varied as the module says."""
    from engine.advise import advisor
    from engine.answers import pregnancy_possible

    catalogue = advisor().base.catalogue
    rng = random.Random(seed)

    def some(kind: str, most: int) -> list[str]:
        return rng.sample(list(catalogue[kind]), rng.randint(0, most))

    found = []
    for _ in range(count):
        age, sex = rng.randint(1, 95), rng.choice(["female", "male", "other"])
        possible = pregnancy_possible(sex, age)
        taking = rng.random() < 0.3
        found.append({
            "client": f"client {len(found) + 1}", "age": age, "sex": sex,
            "pregnant": possible and rng.random() < 0.1, "breastfeeding": possible and rng.random() < 0.1,
            "kidney": rng.choice(["problems", "unknown"]) if rng.random() < 0.1 else "none",
            "kidney_checked": rng.random() < 0.5, "complaints": some("complaints", 4),
            "conditions": some("conditions", 2), "medications": some("medications", 2),
            "current_magnesium": {"form": rng.choice(list(catalogue["forms"])), "mg_per_day": rng.choice([100, 200, 300]),
                                  "amount_basis": "elemental"} if taking else None,
            "excess_symptoms": some("excess_symptoms", 1) if taking else [], "symptoms": some("symptoms", 5),
        })
    return found


def lines(count: int, seed: int = 21) -> bytes:
    """The clients as JSON lines."""
    return "".join(json.dumps(c) + "\n" for c in clients(count, seed)).encode()


if __name__ == "__main__":
    sys.stdout.buffer.write(lines(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000))
