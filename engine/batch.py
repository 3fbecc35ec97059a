"""Answers as JSON lines (`magnesium advise --batch`): one answers object a line, each on its own.

A batch of thousands must not be slowed by the YAML reader, so each line is read with the JSON
parser, under the same rules as an answers file: no key twice, no number of more than
MAX_DIGITS digits, no NaN or Infinity, no line over MAX_BYTES. A bad line is one problem with
its line number; the lines after it go on.

A large batch uses the machine's cores (`advised`): the lines are read here in chunks of CHUNK,
each chunk is advised in a worker process (each with its own compiled rule base: durable_rules'
engine lives in one process, engine/runtime.py), and the results come back in the input's order.
At most two chunks per worker are under way at a time, so memory stays flat however long the
input is. Every line goes through `advise_line`, in a worker or not, so the output is the same as
a run in one process, byte for byte.
"""
from __future__ import annotations

import json
import os
from collections import deque
from typing import BinaryIO, Iterator

from .errors import BadInput, Problem, problem
from .yamlsource import MAX_BYTES, MAX_DIGITS, Document

CHUNK = 500  # lines a worker advises at a time
AHEAD = 2  # chunks under way per worker
Line = tuple[int, bytes, bool]  # the line's number, its bytes, whether it was too long (cut)
# The output line (None: the advice broke a safety promise, the batch stops), the problem lines
# for standard error, and the input line's number.
Result = tuple[str | None, list[str], int]


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


def lines(stream: BinaryIO) -> Iterator[Line]:
    """Each non-empty line with its number (a line too long is cut: `documents` refuses it)."""
    number = 0
    while True:
        raw, too_long = _line(stream)
        if not raw:
            return
        number += 1
        if too_long or raw.strip():
            yield number, raw, too_long


def document(name: str, line: Line) -> Document | list[Problem]:
    """One line as a document, or the problems that refuse it."""
    number, raw, too_long = line
    if too_long:
        return [problem(name, "file", "file_too_big", number, limit=f"{MAX_BYTES / 1_000_000:g} MB")]
    try:
        return _decode(raw, name, number)
    except BadInput as err:
        return err.problems


def advise_line(adv, name: str, line: Line, lang: str) -> Result:
    """The advice of one line as a JSON line, or `null` and the lines that say why not; None
    and the promises it broke where the rule base is at fault (promises.BrokenPromise)."""
    from .promises import BrokenPromise

    found = document(name, line)
    try:
        if isinstance(found, list):
            raise BadInput(found)
        return json.dumps(adv.advise(adv.check(found), lang), ensure_ascii=False), [], line[0]
    except BrokenPromise as err:
        return None, [p.render(lang) for p in err.problems], line[0]
    except BadInput as err:
        return "null", [p.render(lang) for p in err.problems], line[0]


def cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def advised(stream: BinaryIO, name: str, rules: str | None, lang: str, workers: int | None = None) -> Iterator[Result]:
    """Every line's result, in order: in this process for a short input or one core, else in
    `workers` processes (default: one per core, at most 8; see the module's docstring). The rule
    base is loaded here first, so a refused rule folder stops the batch before any line."""
    from .advise import advisor

    adv = advisor(rules)
    read = lines(stream)
    first = _chunk(read)
    workers = min(cores(), 8) if workers is None else workers
    if len(first) < CHUNK or workers < 2:
        for line in _chained(first, read):
            yield advise_line(adv, name, line, lang)
        return
    yield from _in_workers(first, read, name, rules, lang, workers)


def _chunk(read: Iterator[Line]) -> list[Line]:
    chunk = []
    for line in read:
        chunk.append(line)
        if len(chunk) == CHUNK:
            break
    return chunk


def _chained(first: list[Line], rest: Iterator[Line]) -> Iterator[Line]:
    yield from first
    yield from rest


def _in_workers(first: list[Line], read: Iterator[Line], name: str, rules: str | None, lang: str,
                workers: int) -> Iterator[Result]:
    """The chunks advised by `workers` processes, at most AHEAD per worker under way, in order.

    On Linux the workers are forked, all at once before any thread of the pool runs: each starts
    with its own copy of the rule base compiled here (its own durable_rules engine, nothing
    shared). Elsewhere (macOS: fork is unsafe there) they are spawned and compile their own."""
    import multiprocessing
    import sys
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_start, initargs=(rules,)) as pool:
        pending: deque = deque()
        chunk = first
        while chunk or pending:
            while chunk and len(pending) < AHEAD * workers:
                pending.append(pool.submit(_advise_chunk, name, chunk, rules, lang))
                chunk = _chunk(read)
            yield from pending.popleft().result()


def _start(rules: str | None) -> None:
    """A worker's rule base, ready when it starts (compiled once, or the forked copy)."""
    from .advise import advisor

    advisor(rules)


def _advise_chunk(name: str, chunk: list[Line], rules: str | None, lang: str) -> list[Result]:
    """One chunk in a worker, with the rule base its start compiled."""
    from .advise import advisor

    adv = advisor(rules)
    return [advise_line(adv, name, line, lang) for line in chunk]
