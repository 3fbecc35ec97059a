"""The safety floor: a rule folder is asked every safety promise on fixed test clients before use.

The promises (promises.py) are checked on every advice, but only for the clients who come: a
rule edit that lifts a safety rule (a kidney block deleted, dizziness dropped from the serious
signs, the child's block narrowed to 1-8) would be noticed at the first client it concerns, and
only that client would be refused while the others were advised by the same broken folder. So
before any advice, the folder's advisor advises a fixed set of probe clients: each answer alone
at each side of every age boundary, each with kidney problems, each in pregnancy, each for a man,
each beside everything that triggers nothing, each medicine with each complaint and each
condition, current amounts around every limit (elemental and as a salt), and a busy client with
everything that triggers nothing (a woman and a man at every age). One broken promise refuses
the whole folder: one line per promise naming the folder and the first probe that broke it, exit
2; no advice, no check, no batch line, no intake is ever made with it.

The verdict depends on the rule files and this engine's code only, so a folder that passed is
remembered under the hash of both: in the process, and as an empty file in the parse cache's
folder (engine/parsecache.py), so a warm start costs a file lookup.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator, Protocol

from . import parsecache
from .answer_keys import LIST_KEYS
from .answers import complete
from .errors import BadInput, Problem, problem
from .lint import limits_beyond_references
from .messages import text
from .model import RuleBase
from .promises import BLOCK_CAUSES, CAUSE_IDS, DOCTOR_FIRST_CAUSES, BrokenPromise, reference_limit

AGES = (40, 1, 3, 4, 8, 9, 13, 14, 17, 18, 49, 50, 69, 70)  # an adult first, then both sides of every age boundary
ADULT, PREGNANT_AGES = AGES[0], (30, 17)
# Current amounts (mg a day) at and just above each limit of the references; a salt of known
# share (oxide), of none (chelate), of an unknown form; and the limits as the form with the
# smallest share (LEANEST: most salt for the magnesium, a label read wrongly).
CURRENT = (*((mg, "citrate", "elemental") for limit in (65, 110, 250, 350) for mg in (limit, limit + 1)),
           (1000, "oxide", "compound"), (500, "chelate", "compound"), (500, "unknown", "compound"),
           (65, "LEANEST", "elemental"), (250, "LEANEST", "elemental"))
TAKING = {"form": "citrate", "mg_per_day": 50, "amount_basis": "elemental"}  # within every limit


class Advising(Protocol):
    """What the floor needs of an advisor (engine.advise.Advisor): its rule base, and advice."""

    base: RuleBase

    def advise(self, answers: dict, lang: str = "nl") -> dict: ...


def _client(age: int, **given: object) -> dict:
    """A complete probe client: a woman of `age` (unless `given` says otherwise) with healthy
    kidneys and nothing else but `given`."""
    data = {"age": age, "sex": "female", "kidney": "none", **given}
    if age == 0:
        data["age_months"] = 6
    if "excess_symptoms" in given and "current_magnesium" not in given:
        data["current_magnesium"] = TAKING
    return complete(data)


def _quiet(catalogue: dict, age: int) -> set[tuple[str, str]]:
    """The answers (list key, id) that cause no block and no doctor-first reason on their own."""
    limitless = {"upper_limit_supplement_mg": reference_limit(age)}
    found = set()
    for key in LIST_KEYS:
        for item in catalogue[key]:
            client = _client(age, **{key: [item]})
            if not any(cause(client, limitless, {}) for _, _, cause in BLOCK_CAUSES.values()) and \
                    not any(cause(client) for cause in DOCTOR_FIRST_CAUSES.values()):
                found.add((key, item))
    return found


def _leanest(forms: dict) -> str:
    """The form with the smallest known elemental share (citrate if none is known)."""
    known = {form: spec["elemental_share"]["value"] for form, spec in forms.items() if spec["elemental_share"]["value"]}
    return min(known, key=known.__getitem__, default="citrate")


def probes(base: RuleBase) -> Iterator[dict]:
    """Every probe client for this rule base's catalogue and forms (see the module docstring)."""
    catalogue, leanest = base.catalogue, _leanest(base.forms)
    yield _client(0)
    ids = [(key, item) for key in LIST_KEYS for item in catalogue[key]]
    busy: dict[str, list[str]] = {}
    for key, item in sorted(_quiet(catalogue, ADULT), key=ids.index):
        busy.setdefault(key, []).append(item)
    for age in AGES:
        for sex in ("female", "male"):
            yield _client(age, sex=sex)
            yield _client(age, sex=sex, **busy)
            yield _client(age, sex=sex, kidney="problems")
            yield _client(age, sex=sex, kidney="unknown")
        yield _client(age, kidney_checked=True)
        yield from (_client(age, **{key: [item]}) for key, item in ids)
        yield from (_client(age, current_magnesium={"form": leanest if form == "LEANEST" else form, "mg_per_day": mg,
                                                    "amount_basis": basis}) for mg, form, basis in CURRENT)
    for key, item in ids:
        yield _client(ADULT, **{**busy, key: sorted({*busy.get(key, []), item})})
        yield _client(ADULT, sex="male", **{key: [item]})
        yield _client(ADULT, kidney="problems", **{key: [item]})
        yield from (_client(age, pregnant=True, **{key: [item]}) for age in PREGNANT_AGES)
    for age in PREGNANT_AGES:
        yield _client(age, pregnant=True)
        yield _client(age, breastfeeding=True)
    for medicine in catalogue["medications"]:
        yield from (_client(ADULT, medications=[medicine], complaints=[c]) for c in catalogue["complaints"])
        yield from (_client(ADULT, medications=[medicine], conditions=[c]) for c in catalogue["conditions"])


@dataclass(frozen=True)
class FloorProblem(Problem):
    """A broken promise with the probe that broke it, in words in either language."""

    words: tuple = ()  # ((nl, en), ...)

    def message(self, lang: str) -> str:
        probe = ", ".join(pair[0] if lang == "nl" else pair[1] for pair in self.words)
        return text(self.code, lang, promise=dict(self.params)["promise"], probe=probe)


def _both(code: str, **params: object) -> tuple[str, str]:
    return text(code, "nl", **params), text(code, "en", **params)


def words(client: dict, base: RuleBase) -> tuple:
    """A probe client in words, (nl, en) per part: age, sex, kidneys, pregnancy, answers, current amount."""
    def label(kind: str, item: str) -> tuple[str, str]:
        return base.label(kind, item, "nl"), base.label(kind, item, "en")

    age = client["age"]
    found = [_both("probe_months", months=client["age_months"]) if age == 0 else _both("probe_age", age=age),
             label("sex", client["sex"])]
    if client["kidney"] != "none":
        found.append(label("kidney", client["kidney"]))
    found += [_both(f"probe_{flag}") for flag in ("kidney_checked", "pregnant", "breastfeeding") if client[flag]]
    found += [label(key, item) for key in LIST_KEYS for item in client[key]]
    current = client["current_magnesium"]
    if current:
        form = label("forms", current["form"]) if current["form"] in base.catalogue["forms"] else ("?", "?")
        code, mg = "probe_current" if current["amount_basis"] == "elemental" else "probe_current_compound", current["mg_per_day"]
        found.append((text(code, "nl", mg=mg, form=form[0]), text(code, "en", mg=mg, form=form[1])))
    return tuple(found)


def _missing(base: RuleBase) -> list[Problem]:
    """The answer ids a promise asks about that the catalogue lacks: no client could report them."""
    return [problem(base.directory, f"{key}.{item}", "floor_id_missing", kind=key, item=item)
            for key, ids in CAUSE_IDS.items() for item in ids if item not in base.catalogue[key]]


def verdict(adv: Advising) -> list[Problem]:
    """Every reason to refuse this advisor's rule base (empty: it may advise)."""
    base = adv.base
    found = _missing(base)
    found += [problem(rule.file, f"rule '{rule.id}'", "limit_beyond_references", rule.line)
              for rule in limits_beyond_references(base)]
    if found:
        return found
    first: dict[str, dict] = {}
    for client in probes(base):
        try:
            adv.advise(client)
        except BrokenPromise as err:
            for pid in err.ids:
                first.setdefault(pid, client)
        except BadInput as err:  # such as two reference rules for one age: its first line only
            found += [p for p in err.problems if (p.file, p.key, p.code) not in {(f.file, f.key, f.code) for f in found}]
    return found + [FloorProblem(base.directory, "safety", "floor_broken", (("promise", pid),),
                                 words=words(client, base)) for pid, client in first.items()]


@lru_cache(maxsize=1)
def _engine() -> bytes:
    """The engine's code, as the verdict depends on it (read once per process)."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


_PASSED: set[str] = set()


def _key(version: str) -> str:
    return hashlib.sha256(_engine() + version.encode()).hexdigest()


def _remembered(key: str) -> bool:
    """Whether this rule base passed before, in this process or (its file) in an earlier one."""
    folder = parsecache.cache_dir()
    if key not in _PASSED and folder is not None and (folder / f"floor-{key}").is_file():
        _PASSED.add(key)
    return key in _PASSED


def _remember(key: str) -> None:
    """Keep a pass (an empty file, owner-only); a folder that cannot be written is no error."""
    _PASSED.add(key)
    folder = parsecache.cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        (folder / f"floor-{key}").touch(mode=0o600)
    except OSError:
        pass


def require(adv: Advising) -> None:
    """Refuse (BadInput, one line each) a rule base that breaks a promise on a probe client."""
    key = _key(adv.base.version)
    if _remembered(key):
        return
    found = verdict(adv)
    if found:
        raise BadInput(found)
    _remember(key)
