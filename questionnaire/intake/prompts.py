"""Asking on the terminal with questionary, one question at a time, in the client's language.

The only module that imports questionary. Every prompt runs through `_run` (questionary's
`unsafe_ask()` without prompt_toolkit's own SIGINT handler), so Ctrl-C and Ctrl-D reach the
caller as KeyboardInterrupt and EOFError (questionary's `ask()` would print "Cancelled by user"
and return None), and a stop signal reaches the intake's handler (stopped.py); first_screen.py
and interview.py turn them into IntakeStopped. Ctrl-D at a choice list stops as Ctrl-C does
(questionary ignores it there). Each prompt is erased when answered and replaced by one
line in the client's own words, so no English of questionary ("done (3 selections)") shows in
a Dutch session. Yes/no is a choice between two lines, not y/n keys, which Dutch clients would
not guess.
"""
from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any, Callable

import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from questionary import Choice as Option
from questionary.question import Question as _Question

from . import stopped
from .screen import QMARK, SCALE_MAX, prompt, say, width, wrap
from .stopped import Signalled, ending_prompt

if TYPE_CHECKING:  # the engine is not needed for the first screen: keep it off the import path
    from .questions import Choice
    from .session import IntakeSession, Step

STYLE = questionary.Style([
    ("question", "bold"),
    ("instruction", "italic"),
    ("pointer", "bold"),
    ("highlighted", "bold reverse"),
    ("selected", "bold"),
    ("answer", "bold"),
])
COMMON: dict[str, Any] = {"qmark": QMARK, "style": STYLE, "erase_when_done": True}
POINTER = "»"  # questionary's pointer


def show(text: str = "", indent: str = "", hang: str = "") -> None:
    """A paragraph on the screen, wrapped to the terminal's width."""
    sys.stdout.write((wrap(text, indent, hang) if text else "") + "\n")
    sys.stdout.flush()


class GoBack(Exception):
    """The client asked for the previous question (Page Up)."""


class _Flags:
    """Whether the prompt now being asked offers the way back (only the questions do)."""

    back = False


def _run(question: _Question, lists: bool = False) -> Any:
    """Ask; Ctrl-C and Ctrl-D raise (at a list too, when `lists`), signals reach stopped.py's
    handler, and Page Up raises GoBack where the previous question may be asked."""
    keys = KeyBindings()
    if lists:
        @keys.add("c-d", eager=True)
        def _end(event: Any) -> None:
            event.app.exit(exception=EOFError, style="class:aborting")
    if _Flags.back:
        @keys.add("pageup", eager=True)
        def _back(event: Any) -> None:
            event.app.exit(exception=GoBack, style="class:aborting")

    app = question.application
    app.key_bindings = merge_key_bindings([app.key_bindings, keys])

    def end(stop: Signalled) -> bool:
        """End the running prompt with the stop, from its own loop (see stopped.ending_prompt)."""
        loop = getattr(app, "loop", None)
        if not app.is_running or loop is None or app.future is None or app.future.done():
            return False
        loop.call_soon_threadsafe(lambda: None if app.future.done() else app.exit(exception=stop, style="class:aborting"))
        return True

    def begin() -> None:
        """A stop signal that came before the prompt could take it ends the prompt at once."""
        stop = stopped.pending()
        if stop is not None:
            app.exit(exception=stop, style="class:aborting")

    stopped.check()
    try:
        with ending_prompt(end):
            answer = app.run(pre_run=begin, handle_sigint=False)
    except stopped.Signalled:
        stopped.taken()
        raise
    stopped.check()  # a signal while the answer was being given: the stop wins, the answer waits
    return answer


def asking(message: str, hint: str, lang: str) -> dict[str, Any]:
    """The options every prompt shares: the question with its hint (`hint` a key of screen_texts.yaml),
    laid out so that neither is broken inside a word."""
    text, instruction = prompt(message, say(hint, lang))
    return {"message": text, "instruction": instruction, **COMMON}


def choose(message: str, options: list[tuple[str, Any]], default: Any, lang: str,
           hint: str = "instruction_choice", unchosen: bool = False) -> Any:
    """Pick one of (words, value) with the arrow keys.

    The pointer starts at `default` when it is one of the values: the client's own answer being
    asked again, or a choice that decides nothing about their health ("Ja, alles klopt").
    Without one it starts at the first choice, or, `unchosen`, at no choice: the client's
    questions, where no answer is chosen for them (issue 21). The first arrow key then points
    at one, and Enter before that only says to choose.
    """
    values = [value for _, value in options]
    start = values.index(default) if default is not None and default in values else None if unchosen else 0
    text, instruction = prompt(message, say(hint, lang))
    return _run(_select(text, instruction, [words for words, _ in options], values, start,
                        say("choose_first", lang)), lists=True)


def _select(text: str, hint: str, words: list[str], values: list[Any], start: int | None,
            choose_first: str) -> _Question:
    """The list of `choose`, drawn as questionary draws its select (a pointer and the line it
    points at in reverse), in an application run through `_run` like every prompt."""
    row: list[int | None] = [start]
    asked = [False]  # Enter was pressed on no choice: the line under the list says to choose
    keys = KeyBindings()

    def move(step: int) -> None:
        now = row[0]
        row[0] = (step - 1 if step > 0 else step) % len(words) if now is None else (now + step) % len(words)
        asked[0] = False

    keys.add("up")(lambda event: move(-1))
    keys.add("down")(lambda event: move(1))

    @keys.add("enter")
    def _enter(event: Any) -> None:
        if row[0] is None:
            asked[0] = True
        else:
            event.app.exit(result=values[row[0]])

    keys.add("c-c", eager=True)(lambda event: event.app.exit(exception=KeyboardInterrupt, style="class:aborting"))

    def screen() -> list[tuple[str, str]]:
        lines = [("class:qmark", QMARK), ("class:question", f" {text}"), ("class:instruction", f" {hint}\n")]
        for i, shown in enumerate(words):
            current = i == row[0]
            lines += [("class:pointer", f"{POINTER} " if current else "  "),
                      ("class:highlighted" if current else "", shown), ("", "\n")]
        if asked[0]:
            lines.append(("class:instruction", f"{choose_first}\n"))
        return lines

    return _application(screen, keys)


def start(lang: str, disclaimer: str, kidney_warning: str) -> bool:
    """Welcome, the article's disclaimer and the kidney warning; True only on an explicit yes."""
    return _consent(lang, say("welcome_title", lang), (say("welcome", lang), disclaimer, kidney_warning))


def follow_up_start(lang: str) -> bool:
    """The follow-up's short welcome; True only on an explicit yes."""
    return _consent(lang, say("follow_up_title", lang), (say("follow_up_welcome", lang),))


def _consent(lang: str, title: str, paragraphs: tuple[str, ...]) -> bool:
    """A title and paragraphs, then the question whether to begin; True only on an explicit yes."""
    show(title)
    show()
    for paragraph in paragraphs:
        show(paragraph)
        show()
    options = [(say("accept_yes", lang), True), (say("accept_no", lang), False)]
    sure = [(say("accept_sure_back", lang), False), (say("accept_sure_stop", lang), True)]
    while True:  # the pointer starts at no choice (consent is the client's); a stop is asked once more
        if choose(say("accept", lang), options, None, lang, unchosen=True) is True:
            return True
        if choose(say("accept_sure", lang), sure, False, lang) is True:
            return False


def resume_or_new(lang: str, waiting: str) -> bool:
    """An interrupted intake waits (`waiting` says whose, since when, how far): True to carry on
    with it (the pointer starts there), False for a new one."""
    show(waiting)
    show()
    options = [(say("resume_continue", lang), True), (say("resume_new", lang), False)]
    return choose(say("resume_question", lang), options, True, lang) is True


def ask(session: IntakeSession, step: Step, lang: str) -> Any:
    """Ask one question (its number, help, then the prompt) and echo the answer in words."""
    q = step.question
    number, total = session.progress(step)
    show()
    show(say("progress", lang, number=number, total=total) + (f" {say('back_hint', lang)}" if number > 1 else ""))
    if q.help:
        show(q.help[lang])
    if q.id in session.reminders:  # a follow-up: the intake's answer, shown, not chosen
        show(say("at_intake", lang, answer=session.words(q, session.reminders[q.id], lang)))
    _Flags.back = number > 1
    try:
        value = _prompt(session, step, lang)
    finally:
        _Flags.back = False
    show(f"✓ {q.text[lang]} {session.words(q, value, lang)}", hang="  ")
    return value


def _prompt(session: IntakeSession, step: Step, lang: str) -> Any:
    q, default, message = step.question, session.default(step.question), step.question.text[lang]
    if q.type == "yesno":
        return choose(message, [(say("yes", lang), True), (say("no", lang), False)], default, lang, unchosen=True)
    if q.type == "choice":
        return choose(message, [(c.words[lang], c.id) for c in step.choices], default, lang, unchosen=True)
    if q.type == "scale":
        return rate(message, [(c.words[lang], c.id) for c in step.choices], default or {}, lang)
    if q.type == "multi":
        return tick(message, step.choices, set(default or ()), lang)
    shown = "" if default is None else str(default)
    raw = type_in(message, shown, lambda entry: session.typed(step, entry, lang)[1], lang)
    return session.typed(step, raw, lang)[0]


def tick(message: str, choices: tuple[Choice, ...], ticked: set[str], lang: str) -> list[str]:
    """Tick any number of choices (questionary's checkbox). An exclusive choice ("Geen van deze")
    excludes the others: ticking it unticks them, ticking another unticks it."""
    options = [Option(c.words[lang], value=c.id, checked=c.id in ticked) for c in choices]
    alone = {c.id for c in choices if c.exclusive}
    words = ", ".join(c.words[lang] for c in choices if c.exclusive)

    def alone_or_none(chosen: list[str]) -> bool | str:  # "a" ticks all: Enter then says why not
        return not (len(chosen) > 1 and alone & set(chosen)) or say("exclusive_alone", lang, choice=words)

    question = questionary.checkbox(choices=options, validate=alone_or_none, **asking(message, "instruction_multi", lang))
    if alone:
        _excluding(question, alone)
    chosen = _run(question, lists=True)
    return [c.id for c in choices if c.id in chosen]


def _excluding(question: _Question, alone: set[str]) -> None:
    """After each tick with the space bar, an exclusive choice and the others are not ticked together."""
    from questionary.prompts.common import InquirerControl

    app = question.application
    control = next(w.content for w in app.layout.find_all_windows() if isinstance(w.content, InquirerControl))
    keys = KeyBindings()

    @keys.add(" ", eager=True)
    def _toggle(event: Any) -> None:
        value = control.get_pointed_at().value
        if value in control.selected_options:
            control.selected_options.remove(value)
        elif value in alone:
            control.selected_options = [value]
        else:
            control.selected_options = [v for v in control.selected_options if v not in alone] + [value]

    app.key_bindings = merge_key_bindings([app.key_bindings, keys])


def check_answers(session: IntakeSession, lang: str) -> str | None:
    """All answers in plain words; None when the client says they are right, else the key to change."""
    show()
    show(say("review_title", lang))
    for label, words in session.answer_lines(lang):
        show(f"{label}: {words}", indent="  ", hang="  ")
    show()
    options = [(say("review_ok", lang), True), (say("review_change", lang), False)]
    if choose(say("review_question", lang), options, True, lang):
        return None
    keys = [(session.label(key, lang), key) for key in dict.fromkeys(s.question.key for s in session.steps())]
    return choose(say("change_question", lang), [*keys, (say("change_nothing", lang), None)], None, lang,
                  unchosen=True)


# --- the severity scale (issue 10): one row per ticked complaint, 0-10, choices, no typing -----
_LABEL_MAX = 44  # a row is pointer + label + the scale "0 1 ... 10": it fits 80 columns
_SCALE_WIDTH = 28  # the pointer, the "-" and the numbers: what a row needs beside the label


def rate(message: str, items: list[tuple[str, str]], given: dict[str, int], lang: str) -> dict[str, int]:
    """A 0-10 rating for each of (words, id): up/down picks the row, left/right or a digit sets it,
    Delete clears it, Enter is done. Rows left at "-" get no rating (the question is optional)."""
    values = {item: given[item] for _, item in items if item in given}
    row = [0]
    keys = KeyBindings()

    @keys.add("up")
    def _up(event: Any) -> None:
        row[0] = (row[0] - 1) % len(items)

    @keys.add("down")
    def _down(event: Any) -> None:
        row[0] = (row[0] + 1) % len(items)

    def change(step: int) -> None:
        item = items[row[0]][1]
        now = values.get(item, -1 if step > 0 else SCALE_MAX + 1)
        values[item] = min(SCALE_MAX, max(0, now + step))

    keys.add("right")(lambda event: change(1))
    keys.add("left")(lambda event: change(-1))
    for digit in "0123456789":
        keys.add(digit)(lambda event, n=int(digit): values.__setitem__(items[row[0]][1], n))
    keys.add("delete")(lambda event: values.pop(items[row[0]][1], None))
    keys.add("backspace")(lambda event: values.pop(items[row[0]][1], None))
    keys.add("enter")(lambda event: event.app.exit(result=dict(values)))
    keys.add("c-c", eager=True)(lambda event: event.app.exit(exception=KeyboardInterrupt, style="class:aborting"))
    text, hint = prompt(message, say("instruction_scale", lang))
    room = max(12, min(_LABEL_MAX, width() - _SCALE_WIDTH))  # a narrow terminal shortens the labels

    def screen() -> list[tuple[str, str]]:
        lines = [("class:qmark", QMARK), ("class:question", f" {text}"), ("class:instruction", f" {hint}\n")]
        for i, (words, item) in enumerate(items):
            lines += _scale_row(words, values.get(item), i == row[0], room)
        return lines

    return _run(_application(screen, keys), lists=True)


def _scale_row(words: str, value: int | None, current: bool, room: int = _LABEL_MAX) -> list[tuple[str, str]]:
    """One complaint with its scale; the chosen number stands out, "-" while none is chosen."""
    label = words if len(words) <= room else words[:room - 1] + "…"
    row = [("class:pointer", f"{POINTER} " if current else "  "), ("class:highlighted" if current else "", f"{label:<{room}}"),
           ("", "  -" if value is None else "   ")]
    for n in range(SCALE_MAX + 1):
        row += [("", " "), ("class:selected reverse" if n == value else "", str(n))]
    return [*row, ("", "\n")]


def _application(screen: Any, keys: KeyBindings) -> _Question:
    """A prompt_toolkit application in questionary's Question, so it runs through `_run` (Ctrl-C,
    Ctrl-D, stop signals, Page Up) and is erased when done, as every other prompt (the scale, the
    list to choose from)."""
    from prompt_toolkit.application import Application
    from prompt_toolkit.layout import Layout
    from prompt_toolkit.layout.containers import Window
    from prompt_toolkit.layout.controls import FormattedTextControl

    window = Window(FormattedTextControl(screen, show_cursor=False), dont_extend_height=True)
    return _Question(Application(layout=Layout(window), key_bindings=keys, style=STYLE, erase_when_done=True))


def type_in(message: str, default: str, problem: Callable[[str], str | None], lang: str) -> str:
    """A typed answer, checked as it is typed: `problem` gives the words of what is wrong with an
    entry (shown under the prompt, and Enter does nothing), or None when it may be used (the
    intake's typed questions and the plan's)."""
    return _run(questionary.text(default=default, validate=lambda entry: problem(entry) or True,
                                 **asking(message, "instruction_text", lang)))
