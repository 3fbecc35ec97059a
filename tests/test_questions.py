"""The question definitions: complete for the contract, valid conditions, both languages, fit 80x24."""
from __future__ import annotations

import textwrap

import pytest
import yaml

from engine.answers import KEYS, LIST_KEYS, checkers
from engine.errors import BadInput
from engine.conditions import holds
from engine.facts import flatten
from questionnaire.intake import follow_up_questions, questions
from questionnaire.intake.screen import QMARK, TEXTS_FILE, prompt, texts

SCREEN_ROWS, SCREEN_COLS = 24, 80


@pytest.fixture(scope="module")
def book(adv):
    return questions.load(adv.base)


@pytest.fixture(scope="module")
def follow_up_book(adv):
    return follow_up_questions.load(adv.base, with_plan=True)


def by_id(book, qid):
    return next(q for q in book.questions if q.id == qid)


def applies(book, adv, qid, **answers):
    return holds(by_id(book, qid).when, flatten(answers, adv.base.catalogue, adv.base.scores))


def test_every_contract_key_is_asked(book):
    assert {q.key for q in book.questions if q.contract} == set(KEYS)
    assert [q.id for q in book.questions if not q.contract] == ["severity"]  # intake data, no answer key
    assert set(book.labels) == set(KEYS)


def test_every_catalogue_id_of_a_list_key_is_offered_exactly_once(book, adv):
    for key in LIST_KEYS:
        offered = [c.id for q in book.questions if q.key == key for c in q.choices]
        assert sorted(offered) == sorted(adv.base.catalogue[key]), key


def test_every_choice_is_an_answer_the_contract_accepts(book, adv):
    check = checkers(adv.base.catalogue)
    for q in book.questions:
        for choice in q.choices:
            value = ({**questions.UNKNOWN_CURRENT, q.part: choice.id} if q.part
                     else [choice.id] if q.type == "multi" else choice.id)
            assert check[q.key](value) == [], (q.id, choice.id)
            kind = questions.SHAPES[(q.key, q.part)][1]
            assert choice.id in adv.base.catalogue[kind] or choice.id == "unknown", (q.id, choice.id)


def test_every_text_exists_in_both_languages(book):
    for q in book.questions:
        for words in [q.text, q.help, q.unit, q.empty, *(c.words for c in q.choices)]:
            if words is not None:
                assert set(words) == {"nl", "en"} and all(w.strip() for w in words.values()), q.id
    for key, words in {**texts(), **book.labels}.items():
        assert set(words) == {"nl", "en"} and all(w.strip() for w in words.values()), key


def test_the_dutch_speaks_to_the_client_with_je(book, follow_up_book):
    asked = (*book.questions, *follow_up_book.questionnaire.questions)
    dutch = " ".join(q.text["nl"] + " " + (q.help or {}).get("nl", "") for q in asked).lower()
    assert " je " in dutch and " u " not in dutch and " uw " not in dutch


@pytest.mark.parametrize("answers, asked", [
    ({"sex": "female", "age": 30}, True),
    ({"sex": "other", "age": 12}, True),
    ({"sex": "female", "age": 55}, True),
    ({"sex": "female", "age": 56}, False),
    ({"sex": "female", "age": 11}, False),
    ({"sex": "male", "age": 30}, False),
])
def test_pregnancy_is_asked_only_when_the_contract_allows_it(book, adv, answers, asked):
    assert applies(book, adv, "pregnant", **answers) is asked
    assert applies(book, adv, "breastfeeding", **answers) is asked


def offered(book, adv, qid: str, choice: str, **answers) -> bool:
    fact = flatten(answers, adv.base.catalogue, adv.base.scores)
    found = next(c for c in by_id(book, qid).choices if c.id == choice)
    return found.when is None or holds(found.when, fact)


@pytest.mark.parametrize("answers, shown", [
    ({"sex": "female", "age": 30}, True),
    ({"sex": "other", "age": 10}, True),
    ({"sex": "female", "age": 55}, True),
    ({"sex": "female", "age": 6}, False),
    ({"sex": "female", "age": 67}, False),
    ({"sex": "male", "age": 30}, False),
])
def test_menstrual_complaints_are_offered_only_from_10_to_55(book, adv, answers, shown):
    assert offered(book, adv, "complaints", "menstrual_pain", **answers) is shown
    assert offered(book, adv, "symptoms_other", "pms", **answers) is shown


def test_months_only_for_babies_and_excess_only_when_magnesium_is_taken(book, adv):
    assert applies(book, adv, "age_months", age=0)
    assert not applies(book, adv, "age_months", age=1)
    taking = {"current_magnesium": {"form": "unknown", "mg_per_day": None}}
    for qid in ("current_form", "current_amount", "excess_symptoms"):
        assert applies(book, adv, qid, **taking)
        assert not applies(book, adv, qid, current_magnesium=None)


def test_the_symptom_checklist_comes_in_short_groups(book):
    groups = [q for q in book.questions if q.key == "symptoms"]
    assert 3 <= len(groups) <= 6
    assert all(len(q.choices) <= 13 for q in groups)


def screen_rows(lines: list[str]) -> int:
    return sum(len(textwrap.wrap(line, SCREEN_COLS - 2)) or 1 for line in lines)


HINTS = [key for key in texts() if key.startswith("instruction_")]


def prompt_lines(question: str, hint: str) -> list[str]:
    """The lines of a prompt as questionary draws them ('? ' question ' ' hint, a space after)."""
    message, instruction = prompt(question, hint)
    return f"{QMARK} {message} {instruction} ".split("\n")


@pytest.fixture
def columns_80(monkeypatch):
    monkeypatch.setenv("COLUMNS", str(SCREEN_COLS))
    monkeypatch.setenv("LINES", str(SCREEN_ROWS))


def test_every_question_fits_an_80_by_24_terminal(book, follow_up_book, columns_80):
    rated = {q.id: q.choices for q in book.questions}  # a scale has a row for each item of its list
    for q in (*book.questions, *follow_up_book.questionnaire.questions):
        choices = rated[q.of] if q.type == "scale" else q.choices
        for lang, hint in ((lang, texts()[key][lang]) for key in HINTS for lang in ("nl", "en")):
            rows = screen_rows(["", "Vraag 10 van 20", (q.help or {}).get(lang, ""), "(validation message)"])
            rows += len(prompt_lines(q.text[lang], hint)) + (len(choices) if q.type != "yesno" else 2)
            assert rows <= SCREEN_ROWS, (q.id, lang, rows)
            assert all(len(c.words[lang]) + 6 <= SCREEN_COLS for c in choices), q.id


def test_a_row_of_the_severity_scale_fits_80_columns_with_the_longest_complaint(book):
    from questionnaire.intake.prompts import _scale_row

    for c in next(q for q in book.questions if q.id == "complaints").choices:
        for lang in ("nl", "en"):
            row = "".join(text for _, text in _scale_row(c.words[lang], 10, True))
            assert len(row.rstrip("\n")) <= SCREEN_COLS - 2 and c.words[lang] in row, row
            narrow = "".join(text for _, text in _scale_row(c.words[lang], 10, True, 40 - 2 - 28))
            assert len(narrow.rstrip("\n")) <= 40 - 2, narrow  # 40 columns: the label is shortened


@pytest.mark.parametrize("cols", [SCREEN_COLS, 60, 40])
def test_no_prompt_is_broken_inside_a_word(book, monkeypatch, cols):
    """The terminal would break a line that is too long inside a word: every line must fit."""
    monkeypatch.setenv("COLUMNS", str(cols))
    others = [texts()[key] for key in ("accept", "review_question", "change_question")]
    for words in [q.text for q in book.questions] + others:
        for lang, hint in ((lang, texts()[key][lang]) for key in HINTS for lang in ("nl", "en")):
            lines = prompt_lines(words[lang], hint)
            assert all(len(line.rstrip()) < cols for line in lines), lines
            assert " ".join(" ".join(lines).split()) == f"{QMARK} {words[lang]} {hint}", lines


def broken(tmp_path, adv, edit) -> list[str]:
    """The problem lines for a copy of the questions file changed by `edit`."""
    data = yaml.safe_load(questions.QUESTIONS_FILE.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "questions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(BadInput) as err:
        questions.load(adv.base, path)
    return [p.render("en") for p in err.value.problems]


def test_a_broken_file_names_file_and_line_for_every_problem(tmp_path, adv):
    def edit(data):
        data["questions"][1]["when"] = {"agge": 3}
        data["questions"][3]["type"] = "text"
        data["questions"][8]["choices"]["ids"] = ["muscle_cramps", "hiccup"]
        del data["questions"][2]["text"]["en"]
    lines = broken(tmp_path, adv, edit)
    assert all(line.startswith(f"{tmp_path / 'questions.yaml'}:") and line.split(":")[1].isdigit() for line in lines)
    text = "\n".join(lines)
    assert "'agge' is not known" in text
    assert "give this question type choice with choices of kind sex; got text" in text
    assert "got 'hiccup'" in text
    assert "question 'age_months' text: give the text in Dutch and English" in text


def test_a_missing_key_and_a_choice_offered_twice_are_reported(tmp_path, adv):
    def edit(data):
        data["questions"] = [q for q in data["questions"] if q["id"] != "kidney"]
        data["questions"][-1]["choices"]["ids"].append("tics")
        data["questions"][-1]["choices"]["ids"].remove("glaucoma")
    text = "\n".join(broken(tmp_path, adv, edit))
    assert "add a question with key kidney" in text
    assert "offer 'tics' in one question only; question 'symptoms_muscles' offers it too" in text
    assert "put 'glaucoma' among the choices of a question with key symptoms" in text


def test_example_and_suffix_only_on_number_questions(tmp_path, adv):
    def edit(data):
        data["questions"][1]["example"] = "67"
        data["questions"][1]["suffix"] = "m g"
        data["questions"][3]["example"] = 1
    text = "\n".join(broken(tmp_path, adv, edit))
    assert "question 'age': give example a number, such as 300; got '67'" in text
    assert "question 'age': give suffix one word of letters, such as mg; got 'm g'" in text
    assert "question 'sex': use example only with a question of type number; this question has type choice" in text


def test_a_wrong_kind_of_choices_is_said_in_dutch_in_a_dutch_line(tmp_path, adv):
    def edit(data):
        data["questions"][3]["type"] = "text"
        del data["questions"][3]["choices"]
        data["questions"][8]["choices"]["kind"] = "sex"
    data = yaml.safe_load(questions.QUESTIONS_FILE.read_text(encoding="utf-8"))
    edit(data)
    path = tmp_path / "questions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(BadInput) as err:
        questions.load(adv.base, path)
    text = "\n".join(p.render("nl") for p in err.value.problems)
    assert "geef deze vraag type choice met keuzes van soort sex; gekregen: text" in text
    assert "geef deze vraag type multi met keuzes van soort complaints; gekregen: {'kind': 'sex'" in text
    assert "choices:" not in text and "(sex)" not in text


@pytest.mark.parametrize("field, value", [("key", ["age"]), ("part", ["form"]), ("key", {"a": 1})])
def test_a_list_or_mapping_as_key_or_part_is_a_problem_with_its_line(tmp_path, adv, field, value):
    def edit(data):
        data["questions"][1][field] = value
    lines = broken(tmp_path, adv, edit)
    assert any(line.startswith(f"{tmp_path / 'questions.yaml'}:") and "question 'age': choose one of:" in line
               for line in lines), lines


def test_a_mapping_or_list_among_the_choice_ids_is_a_problem_with_its_line(tmp_path, adv):
    def edit(data):
        data["questions"][3]["choices"]["ids"] = {"female": 1}
        data["questions"][8]["choices"]["ids"] = ["muscle_cramps", ["x"]]
    text = "\n".join(broken(tmp_path, adv, edit))
    assert "question 'sex':" in text and "got {'female': 1}" in text
    assert "question 'complaints':" in text and "got ['x']" in text


def test_a_question_id_may_hold_a_dash_as_its_message_says(tmp_path, adv):
    data = yaml.safe_load(questions.QUESTIONS_FILE.read_text(encoding="utf-8"))
    data["questions"][0]["id"] = "client-name"
    data["questions"][0]["key"] = "client"
    path = tmp_path / "questions.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert questions.load(adv.base, path).questions[0].id == "client-name"
    def edit(data):
        data["questions"][0]["id"] = "client name"
    assert any("question 'client name': give an id of letters, digits, - and _" in line
               for line in broken(tmp_path, adv, edit))


def test_a_broken_yaml_file_is_one_line_with_its_line(tmp_path, adv):
    path = tmp_path / "questions.yaml"
    path.write_text("questions:\n  - id: age\n    text: {nl: a, en: b\n", encoding="utf-8")
    with pytest.raises(BadInput) as err:
        questions.load(adv.base, path)
    assert [p.line for p in err.value.problems] == [4]


def test_the_screen_texts_file_is_plain_yaml():
    assert yaml.safe_load(TEXTS_FILE.read_text(encoding="utf-8"))["texts"] == texts()


def test_a_scale_must_rate_an_earlier_multi_question_and_fills_no_answer_key(tmp_path, adv):
    def rates_a_choice(data):
        next(q for q in data["questions"] if q["id"] == "severity")["of"] = "kidney"  # a choice, not a list

    def fills_a_key(data):
        scale = next(q for q in data["questions"] if q["id"] == "severity")
        scale["key"] = "complaints"
        del scale["label"]
    lines = broken(tmp_path, adv, rates_a_choice)
    assert len(lines) == 1 and any("question 'severity'" in line and "of the id of an earlier question of type multi" in line
               and "'kidney'" in line for line in lines), lines
    lines = broken(tmp_path, adv, fills_a_key)
    assert any("leave key out of a question of type scale" in line for line in lines), lines
    assert any("question 'severity'" in line and "label" in line for line in lines), lines
