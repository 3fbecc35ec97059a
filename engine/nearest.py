"""The nearest known name to a misspelt one, for "did you mean ...?" in the loader's lines.

A practitioner who types `cramps` for `muscle_cramps` should be told the name, not handed a
list of forty ids to search. difflib's ratio is enough for ids of a few words.
"""
from __future__ import annotations

CUTOFF = 0.6  # difflib's default: close enough to be a typo, not a different word


def suggest(got: object, allowed: object) -> str | None:
    """The known name closest to `got` among the comma-separated `allowed`, or None.

    `got` may be a repr (`'cramps'`), as the condition checks give it; an exact match (the
    problem is elsewhere, such as the stage) suggests nothing.
    """
    import difflib  # only when a line is written (a fast start otherwise)

    if not isinstance(got, str) or not isinstance(allowed, str):
        return None
    word = got[1:-1] if len(got) > 1 and got[0] == got[-1] and got[0] in "'\"" else got
    names = [n.strip() for n in allowed.split(",") if n.strip()]
    if word in names:
        return None
    found = difflib.get_close_matches(word, names, n=1, cutoff=CUTOFF)
    if not found:  # a part of a longer id (cramps -> muscle_cramps) scores low on the whole
        found = [n for n in names if word and len(word) >= 4 and word in n][:1]
    return found[0] if found else None
