"""durable_rules' Rete engine called through its C module, without the library's Python layer.

`durable.engine` decodes every fired rule's message (which carries the whole fact), re-encodes
the session state after each action and takes timestamps per action: about 60% of an evaluation.
The rules of this program only ask "which rules match this one fact", so this module talks to
`durable_rules_engine` (the C module that durable-rules 2.0.28 ships) itself: assert the fact,
read the name of each action that the engine starts (the first key of its message), complete it,
delete the session's state. Nothing else is decoded or encoded.

The C engine has fixed-size tables. Their limits, found by experiment in child processes
(`python bench/engine_limits.py`, durable-rules 2.0.28 on CPython 3.11, x86-64), with the constant
in the C source (src/rules/*.h, *.c) that explains each:

- A fact matching more than 64 alpha nodes that are pending at once fails with error 303
  (events.c MAX_STACK_SIZE 64): 64 rules with distinct conditions that all match one fact
  work, 65 fail. The Python layer then deletes the half-built state and the heap is corrupt
  (exit 134). One pattern without `$or` is one chain of alpha nodes, so a ruleset of at most
  64 such patterns can never have more than 64 pending: `PATTERNS_PER_RULESET` keeps a margin.
- More than 254 properties in one fact, counting `sid` and `id`, fail with error 302
  (state.h MAX_OBJECT_PROPERTIES 255): 251 keys of ours + stage + sid + id work, 252 fail.
- More than about 512 children of one alpha node (500 rules each testing a different value of
  `age`, or an `in:` list of 500 values) make `create_ruleset` loop forever: the open-addressing
  table of a node's children (rules.h NEXT_BUCKET_LENGTH 512) has no free slot and the probe
  loop never ends. 500 children compile, 520 hang. Past 128 `$neq`/not-exists children error
  107 (NEXT_LIST_LENGTH 128), past the table error 106. A ruleset of at most
  `PATTERNS_PER_RULESET` patterns has at most that many children under any node.
- A ruleset holds at most 1024 live sessions (rete.h MAX_STATE_INDEX_LENGTH 1024): a fact that
  matches nothing still creates a state (never deleted, the 1025th fact fails with MemoryError),
  so every session's state is deleted after its fact.
- Deleting the state of a session in which nothing matched corrupts the heap, though not at
  once: 3,000 such deletions in a row ran clean, but 1,000 generated intakes through this path
  without a sentinel aborted (double free, `munmap_chunk(): invalid pointer`) in 5 of 5 runs,
  with it in 0 of 5. So every ruleset has a sentinel pattern that matches every fact: a match
  always happens before the state is deleted.
- Handles: at most 131072 (rules.h MAX_HANDLES); one per ruleset here.
- An `$and` chain of 470 tests compiles and matches (the 32-expression limit,
  MAX_SEQUENCE_EXPRESSIONS, is for joins of several facts, which these rules never use);
  `MAX_TESTS_PER_PATTERN` bounds it anyway.

Deleting the state of a session after an engine error is what corrupts the heap: after an error
the ruleset is dropped (its state leaks, a few KiB) and rebuilt, never asked to delete.
"""
from __future__ import annotations

import itertools
import json

import durable_rules_engine as _c

# Measured limits (see the module docstring) and the margins kept below them.
MEASURED_PENDING_MATCHES = 64       # 64 distinct all-matching patterns work, 65 fail (303)
PATTERNS_PER_RULESET = 56           # patterns (one `$and` chain each) in one ruleset, + the sentinel
MEASURED_FACT_PROPERTIES = 254      # incl. sid and id: 254 work, 255 fail (302)
KEYS_PER_FACT = 240                 # keys of ours (stage included) sent in one fact
MEASURED_CHILDREN_PER_NODE = 500    # 500 compile, 520 hang in create_ruleset
MAX_TESTS_PER_PATTERN = 480         # tests in one pattern (470 measured to compile and match)
MAX_PATTERNS_PER_RULE = 20_000      # a condition that expands to more is a rule to simplify
MAX_RULESETS = 100_000              # below the 131072 handles of the C module

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

    def matches(self, fact: dict) -> list[int]:
        """The rule indexes whose patterns match `fact` (unordered, maybe repeated)."""
        sid = str(next(self._sessions))
        keys = self.keys
        sent = {k: fact[k] for k in keys if k in fact}
        sent["sid"] = sid
        sent["id"] = "f"
        handle = self.handle
        try:
            code, state = _c.assert_fact(handle, json.dumps(sent))
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
