"""durable_rules' Rete engine called through its C module, without the library's Python layer.

`durable.engine` decodes every fired rule's message (which carries the whole fact), re-encodes
the session state after each action and takes timestamps per action: about 60% of an evaluation.
The rules of this program only ask "which rules match this one fact", so this module talks to
`durable_rules_engine` (the C module that durable-rules 2.0.28 ships) itself: assert the fact,
read the name of each action that the engine starts (the first key of its message), complete it,
delete the session's state. Nothing else is decoded or encoded.

The C engine has fixed-size tables. Their limits, found by experiment in child processes
(`python bench/engine_limits.py`, durable-rules 2.0.28 on CPython 3.11, x86-64: each probe
bisected, a probe that runs longer than 8 s counted as a hang), with the constant in the C source
(src/rules/*.h, *.c) that explains each:

- Patterns matching one fact at once: 64 work, 65 fail with error 303 (events.c MAX_STACK_SIZE
  64, the stack of alpha nodes still to visit). Through the Host the half-built state was then
  deleted and the heap corrupt (exit 134): the "58 extra rules matching one client" crash. A
  pattern without `$or` is one chain of alpha nodes, so a ruleset of at most 64 such patterns
  never has more than 64 pending: `PATTERNS_PER_RULESET` (+ the sentinel) keeps a margin.
- Properties of one fact, `sid` and `id` included: 254 work, 255 fail with error 302 (state.h
  MAX_OBJECT_PROPERTIES 255). `KEYS_PER_FACT` keeps a margin.
- Children of one alpha node: 511 equality tests on one field compile, 512 make
  `create_ruleset` loop forever (rules.h NEXT_BUCKET_LENGTH 512: the open-addressing table of a
  node's children is full and the probe loop never ends). An `in:` list is compiled by
  durable_rules into such children: 511 values work, 512 hang (the "470 values / 500 rules hang"
  of the issue, which count other children too). 512 `$neq` children compile. Past the tables,
  errors 106 and 107 (about 6,300 and 4,050 of the shipped rules in one ruleset). A ruleset of at
  most `PATTERNS_PER_RULESET` patterns has at most that many children under any node.
- Tests in one `$and` pattern: 5,000 compile and match (no limit found); the 32 of
  MAX_SEQUENCE_EXPRESSIONS is for joins of several facts, which these rules never use.
  `MAX_TESTS_PER_PATTERN` bounds it anyway.
- Live sessions of one ruleset: 1024 (rete.h MAX_STATE_INDEX_LENGTH 1024). A fact that matches
  nothing still creates a state (never deleted, the 1025th fact fails with MemoryError), so
  every session's state is deleted after its fact.
- Deleting the state of a session in which nothing matched corrupts the heap, though not at
  once: 3,000 such deletions in a row ran clean, but 1,000 generated intakes through this path
  without a sentinel aborted (double free, `munmap_chunk(): invalid pointer`) in 5 of 5 runs,
  with it in 0 of 5. So every ruleset has a sentinel pattern that matches every fact: a match
  always happens before the state is deleted.
- Handles: at most 131072 (rules.h MAX_HANDLES); one per ruleset here.

Deleting the state of a session after an engine error is what corrupts the heap: after an error
the ruleset is dropped (its state leaks, a few KiB) and rebuilt, never asked to delete.
"""
from __future__ import annotations

import itertools
import json

import durable_rules_engine as _c

# Measured limits (see the module docstring; `bench/engine_limits.py`) and what is kept below them.
MEASURED_PENDING_MATCHES = 64       # patterns matching one fact at once: 64 work, 65 fail (303)
PATTERNS_PER_RULESET = 56           # patterns (one `$and` chain each) in one ruleset, + the sentinel
MEASURED_FACT_PROPERTIES = 254      # properties of one fact incl. sid and id: 254 work, 255 fail (302)
KEYS_PER_FACT = 240                 # keys of ours (stage included) sent in one fact
MEASURED_CHILDREN_PER_NODE = 511    # equality children of one alpha node: 511 compile, 512 hang
MEASURED_LIVE_SESSIONS = 1024       # states never deleted: the 1025th fact fails
MAX_TESTS_PER_PATTERN = 4_000       # tests in one pattern (5,000 measured to compile and match)
MAX_PATTERNS_PER_RULE = 20_000      # a condition that expands to more is a rule to simplify
MAX_RULESETS = 100_000              # below the 131072 handles of the C module (MAX_HANDLES)

_names = itertools.count(1)
EngineError = _c.error


class CompiledRuleset:
    """One ruleset in the C engine: patterns named `pN`, each reporting one rule index.

    Pattern `s` is the sentinel: it matches every fact of the stage and reports None, so that a
    match always happens and deleting the session's state is safe.
    """

    def __init__(self, stage: int, patterns: list[tuple[int, dict]], keys: tuple[str, ...]):
        self.stage = stage
        self.keys = keys
        self._prefixes = tuple((key, json.dumps(key) + ":") for key in keys)
        self.rule_of = {f"p{i}": rule for i, (rule, _) in enumerate(patterns)}
        definition = {f"p{i}": {"all": [{"m": pattern}]} for i, (_, pattern) in enumerate(patterns)}
        definition["s"] = {"all": [{"m": {"stage": stage}}]}  # the sentinel: see the docstring
        self.rule_of["s"] = None
        self.definition = json.dumps(definition, ensure_ascii=False)
        self.handle = self._create()
        self._sessions = itertools.count(1)

    def _create(self) -> int:
        return _c.create_ruleset(f"magnesium_direct_{next(_names)}", self.definition)

    def rebuild(self) -> None:
        """After an engine error: leave the old ruleset as it is (never delete its state)."""
        self.handle = self._create()

    def _json(self, fact: dict, sid: str) -> str:
        """The fact as JSON with only this ruleset's keys (written here: a third faster than
        building a smaller dict for `json.dumps`; anything but a bool or int goes through it)."""
        parts = []
        for key, prefix in self._prefixes:
            if key in fact:
                value = fact[key]
                kind = type(value)
                parts.append(prefix + ("true" if value else "false") if kind is bool else
                             prefix + str(value) if kind is int else prefix + json.dumps(value))
        parts.append(f'"sid":"{sid}","id":"f"}}')
        return "{" + ",".join(parts)

    def matches(self, fact: dict) -> list[int]:
        """The rule indexes whose patterns match `fact` (unordered, maybe repeated)."""
        sid = str(next(self._sessions))
        handle = self.handle
        try:
            code, state = _c.assert_fact(handle, self._json(fact, sid))
        except EngineError:
            self.rebuild()  # the half-built state must never reach delete_state
            raise
        found = []
        try:
            if code == 0:
                started = _c.start_action_for_state(handle, state)
                message = started[1] if started else None
                rule_of = self.rule_of
                while message:
                    found.append(rule_of[message[2:message.index('"', 2)]])
                    message = _c.complete_and_start_action(handle, state)
        except EngineError:
            self.rebuild()
            raise
        _c.delete_state(handle, sid)
        return found
