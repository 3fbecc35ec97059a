"""Answers as JSON lines (`magnesium advise --batch`): one answers object a line, each on its own.

A batch of thousands must not be slowed by the YAML reader, so each line is read with the JSON
parser, under the same rules as an answers file: no key twice, no number of more than
MAX_DIGITS digits, no NaN or Infinity, no line over MAX_BYTES. A bad line is one problem with
its line number; the lines after it go on.
"""
from __future__ import annotations

import json
from typing import BinaryIO, Iterator

from .errors import BadInput, Problem, problem
from .yamlsource import MAX_BYTES, MAX_DIGITS, Document


class _Refused(ValueError):
    """A value the JSON parser may read but an answers file may not hold."""

    def __init__(self, code: str, **params: object):
        super().__init__(code)
        self.code, self.params = code, params


def _mapping(pairs: list[tuple[str, object]]) -> dict:
    seen: dict = {}
    for key, value in pairs:
        if key in seen:
            raise _Refused("yaml_key_twice", name=key)
        seen[key] = value
    return seen


def _integer(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_DIGITS:
        raise _Refused("number_long", digits=digits, max=MAX_DIGITS)
    return int(text)


def _constant(text: str) -> object:
    raise _Refused("yaml_syntax", what=f"{text} is no number an answers file may hold")


def _decode(raw: bytes, name: str, number: int) -> Document:
    try:
        data = json.loads(raw, object_pairs_hook=_mapping, parse_int=_integer, parse_constant=_constant)
    except _Refused as err:
        raise BadInput([problem(name, "file", err.code, number, **err.params)]) from None
    except UnicodeDecodeError as err:
        raise BadInput([problem(name, "file", "not_utf8", number, pos=err.start)]) from None
    except (ValueError, RecursionError) as err:
        raise BadInput([problem(name, "file", "yaml_syntax", number, what=str(err)[:120])]) from None
    return Document(name, data, {(): number})


def _line(stream: BinaryIO) -> tuple[bytes, bool]:
    """One line of at most MAX_BYTES (and whether it was longer: the rest is skipped)."""
    raw = stream.readline(MAX_BYTES + 1)
    too_long = len(raw) > MAX_BYTES
    while too_long and raw and not raw.endswith(b"\n"):
        raw = stream.readline(MAX_BYTES)
    return raw, too_long


def documents(stream: BinaryIO, name: str) -> Iterator[tuple[int, Document | list[Problem]]]:
    """Each non-empty line with its number: the document, or the problems that refuse it."""
    number = 0
    while True:
        raw, too_long = _line(stream)
        if not raw:
            return
        number += 1
        if too_long:
            yield number, [problem(name, "file", "file_too_big", number, limit=f"{MAX_BYTES / 1_000_000:g} MB")]
        elif raw.strip():
            try:
                yield number, _decode(raw, name, number)
            except BadInput as err:
                yield number, err.problems
