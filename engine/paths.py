"""Where the shipped rule files are: kept apart so the intake's first screen can find the
texts without loading the rule base machinery."""
from __future__ import annotations

import os
from pathlib import Path


def default_dir() -> Path:
    """`MAGNESIUM_RULES`, else the rule files shipped beside `engine/` (installed or not)."""
    return Path(os.environ.get("MAGNESIUM_RULES") or Path(__file__).resolve().parent.parent / "rules")
