"""The practitioner's plan: what the client will really take, read from a file and checked
against the advice's safety promises (engine/plan_check.py) before the store keeps it."""
