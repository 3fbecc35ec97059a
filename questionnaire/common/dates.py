"""A date as people write it on paper: "5 december 2026", "5 December 2026" (date_texts.yaml)."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from .texts import TextBook

DATE_TEXTS = TextBook(Path(__file__).with_name("date_texts.yaml"))


def written_day(value: date | str, lang: str) -> str:
    """A date (or an ISO text that starts with one) with the month in words."""
    day = date.fromisoformat(value[:10]) if isinstance(value, str) else value
    return f"{day.day} {DATE_TEXTS.say('months', lang).split()[day.month - 1]} {day.year}"
