"""One intake in progress: which question comes next, the answers so far, what a change undoes.

No screen here (the asking is in prompts.py), so all of it is tested without a terminal. Each
question's `when` is evaluated on the answers to the questions before it, in asking order, so
skipping, resuming and changing an answer all follow from one walk over the questions: a
question that no longer applies loses its answer, one that starts to apply is asked.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.answers import KEYS, checkers
from engine.conditions import holds
from engine.facts import flatten, list_layout
from engine.messages import text as engine_text
from engine.rulebase import RuleBase

from ..common.formatting import shown_number, unsafe
from .questions import SCALE, Choice, Question, Questionnaire, contribute, issues
from .screen import SCALE_MAX, say, texts


def number(entry: str, suffix: str | None = None) -> int | float | None:
    """A typed number ('12', '12,5', '12.5'), with the question's unit after it if it has one.

    Clients copy the amount from the package with its unit ("400 mg", "400MG"), so the unit is
    taken off, in any case, with or without a space; None when what is left is not a number.
    """
    if suffix and entry.casefold().endswith(suffix.casefold()):
        entry = entry[:-len(suffix)].rstrip()
    try:
        return int(entry)
    except ValueError:
        pass
    try:
        return float(entry.replace(",", "."))
    except ValueError:
        return None


@dataclass(frozen=True)
class Step:
    """A question that applies now, with the choices offered now and the answers before it."""

    question: Question
    choices: tuple[Choice, ...]
    before: dict


class IntakeSession:
    """The answers of one client, by question id, and the walk that decides what is asked.

    `accepted` is when the client said yes to the disclaimer (kept with the answers). A follow-up
    starts from the intake's answers that it does not ask again (`seed`, so each `when` sees the
    client's age and sex) and shows some of the intake's answers above their question
    (`reminders`); no answer is ever chosen for the client.
    """

    def __init__(self, questionnaire: Questionnaire, base: RuleBase, accepted: str | None = None,
                 seed: dict | None = None, reminders: dict | None = None):
        self.questionnaire, self.base, self.accepted = questionnaire, base, accepted
        self.seed, self.reminders = dict(seed or {}), dict(reminders or {})
        self.answered: dict[str, Any] = {}
        self.previous: dict[str, Any] = {}  # answers being asked again: shown as the default
        self.estimate = 0  # the number of questions shown to the client: it only grows
        self._check = checkers(base.catalogue)
        self._layout = list_layout(base.catalogue)  # once, not at every question of every walk

    def _walk(self) -> tuple[list[Step], dict]:
        """The questions that apply, in order, and the contract answers they add up to."""
        answers: dict = {key: list(v) if isinstance(v, list) else v for key, v in self.seed.items()}
        steps: list[Step] = []
        for q in self.questionnaire.questions:
            fact = flatten(answers, self.base.catalogue, self.base.scores, self._layout)
            if not holds(q.when, fact) or (q.after and self.answered.get(q.after[0]) not in q.after[1]):
                continue
            offered = tuple(c for c in q.choices if c.when is None or holds(c.when, fact))
            if q.type == SCALE:
                offered = self._rated(q, steps)
                if not offered:  # nothing ticked: nothing to rate
                    continue
            steps.append(Step(q, offered, {k: list(v) if isinstance(v, list) else v for k, v in answers.items()}))
            if q.id in self.answered:
                contribute(q, self.answered[q.id], answers)
        return steps, answers

    def _rated(self, scale: Question, steps: list[Step]) -> tuple[Choice, ...]:
        """The items a scale rates: those ticked at its `of` question, in that question's order."""
        ticked = self.answered.get(scale.of) or ()
        return tuple(c for step in steps if step.question.id == scale.of for c in step.choices if c.id in ticked)

    def steps(self) -> list[Step]:
        return self._walk()[0]

    def answers(self) -> dict:
        """The contract answers given so far (keys of questions not asked yet are absent)."""
        return self._walk()[1]

    def pending(self) -> Step | None:
        """The next question to ask, or None when every question that applies is answered."""
        return next((s for s in self.steps() if s.question.id not in self.answered), None)

    def progress(self, step: Step) -> tuple[int, int]:
        """This question's number and about how many there are: the most that applied so far,
        so the count grows as answers add questions but never jumps back."""
        ids = [s.question.id for s in self.steps()]
        self.estimate = max(self.estimate, len(ids))
        return ids.index(step.question.id) + 1, self.estimate

    def back(self, step: Step) -> bool:
        """Ask the question before `step` again (its answer shown as the default); False at the first."""
        ids = [s.question.id for s in self.steps()]
        earlier = [qid for qid in ids[:ids.index(step.question.id)] if qid in self.answered]
        if not earlier:
            return False
        self.previous[earlier[-1]] = self.answered.pop(earlier[-1])
        return True

    def default(self, question: Question) -> Any:
        """The client's own answer to this question, when it is asked again (Page Up, a change on
        the review screen): the pointer starts there. None: nothing is chosen for the client."""
        return self.answered.get(question.id, self.previous.get(question.id))

    def earlier(self, question: Question) -> Any:
        """The client's own answer to show again (given, or being asked again), never a default:
        a web page preselects nothing the client did not choose (None when there is none)."""
        return self.answered.get(question.id, self.previous.get(question.id))

    def give(self, question: Question, value: Any) -> None:
        """Record an answer, then forget answers and ticks that no longer apply. "None of these"
        ticked with another choice is no answer (the prompt never gives it): refused."""
        if question.type == "multi" and question.clash(value):
            raise ValueError(f"{question.id}: an exclusive choice ticked with another: {value}")
        self.answered[question.id] = value
        self.previous.pop(question.id, None)
        kept = {}
        for step in self.steps():
            if step.question.id in self.answered:
                value = self.answered[step.question.id]
                if step.question.type == "multi":
                    value = [item for item in value if item in {c.id for c in step.choices}]
                elif step.question.type == SCALE:  # a complaint no longer ticked loses its rating
                    value = {item: n for item, n in value.items() if item in {c.id for c in step.choices}}
                kept[step.question.id] = value
        self.answered = kept

    def offered(self) -> dict[str, set[str]]:
        """The choices each applicable question offers now (to see which lists grew)."""
        return {s.question.id: {c.id for c in s.choices} for s in self.steps()}

    def reopen(self, key: str) -> dict[str, set[str]]:
        """Ask the questions of one answer key again; returns what was offered before."""
        before = self.offered()
        for q in self.questionnaire.questions:
            if q.key == key and q.id in self.answered:
                self.previous[q.id] = self.answered.pop(q.id)
        return before

    def reopen_grown(self, before: dict[str, set[str]]) -> None:
        """After a change, ask again every answered question that now offers new choices."""
        for qid, ids in self.offered().items():
            if qid in self.answered and qid in before and ids - before[qid]:
                self.previous[qid] = self.answered.pop(qid)

    def typed(self, step: Step, raw: str, lang: str) -> tuple[Any, str | None]:
        """The value of a typed answer, or the plain words that say why it cannot be used."""
        q, entry = step.question, raw.strip()
        if not entry:
            return None, None if q.optional else say("answer_missing", lang)
        if unsafe(entry):  # a pasted control character or bidirectional mark (issue 21)
            return None, say("answer_unprintable", lang)
        value: Any = entry
        if q.type == "number":
            value = number(entry, q.suffix)
            if value is None:
                return None, say("answer_not_number", lang, example=q.example)
        found = issues(q, value, step.before, self._check)
        if found:
            code, params = found[0]
            key = f"answer_{code}"
            return None, say(key, lang, **params) if key in texts() else engine_text(code, lang, **params)
        return value, None

    def fits(self, step: Step, value: Any) -> bool:
        """Whether a stored answer (from a resume file) is one this question could have given."""
        q, ids = step.question, {c.id for c in step.choices}
        shape_ok = {
            "text": isinstance(value, str) or (value is None and q.optional),
            "number": (isinstance(value, (int, float)) and not isinstance(value, bool)) or (value is None and q.optional),
            "choice": isinstance(value, str) and value in ids,
            "multi": isinstance(value, list) and set(value) <= ids and len(set(value)) == len(value)
                     and not q.clash(value),
            "yesno": isinstance(value, bool),
            SCALE: isinstance(value, dict) and set(value) <= ids and all(
                isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= SCALE_MAX for n in value.values()),
        }[q.type]
        return shape_ok and not issues(q, value, step.before, self._check)

    def restore(self, saved: dict) -> None:
        """Take over the answers of an interrupted intake that still fit; the rest is asked."""
        progress = True
        while progress:
            progress = False
            for step in self.steps():
                qid = step.question.id
                if qid not in self.answered and qid in saved and self.fits(step, saved[qid]):
                    self.give(step.question, saved[qid])
                    progress = True
                    break

    def words(self, question: Question, value: Any, lang: str) -> str:
        """One answer in plain words, as the client would say it."""
        if question.type == "yesno":
            return say("yes" if value else "no", lang)
        if question.type == SCALE:
            return ", ".join(f"{c.words[lang]} {value[c.id]}" for c in self._scale_items(question) if c.id in value) \
                or say("not_filled_in", lang)
        if question.type in ("choice", "multi"):
            names = {c.id: c.words[lang] for c in question.choices}
            chosen = value if question.type == "multi" else [value]
            return ", ".join(names[item] for item in chosen) or say("none_chosen", lang)
        if value is None:
            return question.empty[lang] if question.empty else say("not_filled_in", lang)
        shown = shown_number(value, lang) if isinstance(value, float) else str(value)
        return f"{shown} {question.unit[lang]}" if question.unit else shown

    def _scale_items(self, question: Question) -> tuple[Choice, ...]:
        """Every item a scale can rate: the choices of its `of` question."""
        return next((q.choices for q in self.questionnaire.questions if q.id == question.of), ())

    def severities(self) -> dict[str, int]:
        """The scale's ratings given ({complaint: 0-10}); a skipped item has none."""
        return {item: n for q in self.questionnaire.questions if q.type == SCALE
                for item, n in (self.answered.get(q.id) or {}).items()}

    def label(self, key: str, lang: str) -> str:
        """The name of an answer key, or of a question outside the contract, on the review screen."""
        q = next(q for q in self.questionnaire.questions if q.key == key)
        return q.name(self.questionnaire.labels, lang)

    def answer_lines(self, lang: str) -> list[tuple[str, str]]:
        """Every answer key asked, with its label and the answers in plain words (contract order,
        a scale right after the list it rates, a follow-up's own questions last)."""
        return [(label, words) for _, label, words in self.answer_rows(lang)]

    def answer_rows(self, lang: str) -> list[tuple[str, str, str]]:
        """The answer lines with the key each one changes (`reopen`): the web's check page links
        every line to its questions."""
        by_key: dict[str, list[tuple[Question, Any]]] = {}
        for step in self.steps():
            if step.question.id in self.answered:
                by_key.setdefault(step.question.key, []).append((step.question, self.answered[step.question.id]))
        own = [k for k in by_key if not by_key[k][0][0].contract]
        order: list[str] = []
        for key in (k for k in KEYS if k in by_key):
            ids = {q.id for q, _ in by_key[key]}
            order += [key, *[k for k in own if by_key[k][0][0].of in ids]]
        order += [k for k in own if k not in order]
        lines = []
        for key in order:
            given = by_key[key]
            if given[0][0].type == "multi":
                words = self._union(given, lang)
            else:
                words = ", ".join(self.words(q, value, lang) for q, value in given)
            lines.append((key, self.label(key, lang), words))
        return lines

    def _union(self, given: list[tuple[Question, Any]], lang: str) -> str:
        """The ticks of a list key asked in groups, as one list."""
        names = [c.words[lang] for q, value in given for c in q.choices if c.id in value]
        return ", ".join(names) or say("none_chosen", lang)
