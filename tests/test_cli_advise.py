"""`magnesium advise` as a user runs it: formats, standard input, exit codes, error lines."""
from __future__ import annotations

import json

import pytest
import yaml

from conftest import magnesium

GOOD = {"age": 42, "sex": "female", "pregnant": False, "breastfeeding": False, "kidney": "none",
        "complaints": ["muscle_cramps", "sleep_problems"]}


def write(tmp_path, content, name="answers.yaml"):
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content), encoding="utf-8")
    return str(path)


def test_json_advice(tmp_path):
    result = magnesium("advise", write(tmp_path, GOOD), "--format", "json", "--lang", "en")
    assert result.returncode == 0, result.stderr
    advice = json.loads(result.stdout)
    assert advice["recommendations"][0]["form"] == "citrate"
    assert advice["recommendations"][0]["timing"] == "a few hours before going to sleep"
    assert advice["rulebase_version"].startswith("sha256:")


def test_standard_input_json(tmp_path):
    result = magnesium("advise", "-", "--format", "json", stdin=json.dumps(GOOD))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["reference_intake_mg"] == 320


def test_contract_4_keys_in_order(tmp_path):
    result = magnesium("advise", write(tmp_path, GOOD), "--format", "json", "--lang", "en")
    advice = json.loads(result.stdout)
    assert list(advice) == ["contract_version", "blocked", "block_reasons", "doctor_first", "doctor_first_reasons",
                            "reference_intake_mg", "upper_limit_supplement_mg", "upper_limit_source",
                            "recommendations", "avoid_forms", "warnings", "deficiency_likelihood", "foods",
                            "cofactors", "fired_rules", "rulebase_version"]
    assert list(advice["recommendations"][0]) == ["form", "role", "mg_per_day", "amount_basis", "timing",
                                                  "duration_days", "consult_doctor", "evidence", "reasons", "sources"]
    assert advice["contract_version"] == 4 and advice["upper_limit_source"] == "EFSA"


def test_sources_follow_the_language(tmp_path):
    dutch = json.loads(magnesium("advise", write(tmp_path, GOOD), "--format", "json").stdout)
    english = json.loads(magnesium("advise", write(tmp_path, GOOD), "--format", "json", "--lang", "en").stdout)
    assert dutch["recommendations"][0]["sources"][0].startswith("artikel: ")
    assert english["recommendations"][0]["sources"][0].startswith("article: ")
    assert dutch["recommendations"][0]["evidence"]["level"] == english["recommendations"][0]["evidence"]["level"]


def test_blocked_advice_exits_zero(tmp_path):
    result = magnesium("advise", write(tmp_path, {**GOOD, "kidney": "problems"}), "--format", "json")
    assert result.returncode == 0
    advice = json.loads(result.stdout)
    assert advice["blocked"] and advice["recommendations"] == []


BAD = [
    ("age: veertig\nsex: female\nkidney: none\n", "answers.yaml:1: age: geef een heel getal van 0 tot en met 120; gekregen: 'veertig'"),
    ("age: true\nsex: female\nkidney: none\n", "answers.yaml:1: age: geef een heel getal van 0 tot en met 120; gekregen: true"),
    ("age: 121\nsex: female\nkidney: none\n", "answers.yaml:1: age: geef een heel getal van 0 tot en met 120; gekregen: 121"),
    ("age: 40\nsex: female\nkidney: none\nweight: 80\n", "answers.yaml:4: weight: gebruik een van: client,"),
    ("age: 40\nsex: female\n", "answers.yaml:1: kidney: vul deze sleutel in (none, problems, unknown); hij ontbreekt"),
    ("age: 40\nsex: female\nkidney: none\ncomplaints: [cramps]\n", "answers.yaml:4: complaints: kies een van: muscle_cramps,"),
    ("age: 40\nsex: female\nkidney: none\ncomplaints: [fatigue, fatigue]\n", "answers.yaml:4: complaints: noem elke keuze één keer; 'fatigue' staat er twee keer"),
    ("age: 40\nsex: male\nkidney: none\npregnant: true\n", "answers.yaml:4: pregnant: laat deze weg of zet hem op false;"),
    ("age: 60\nsex: female\nkidney: none\nbreastfeeding: true\n", "answers.yaml:4: breastfeeding: laat deze weg of zet hem op false;"),
    ("age: 0\nsex: female\nkidney: none\n", "answers.yaml:1: age_months: geef age_months (0 tot en met 11) bij age 0; hij ontbreekt"),
    ("age: 3\nage_months: 2\nsex: female\nkidney: none\n", "answers.yaml:2: age_months: laat age_months weg;"),
    ("age: 40\nsex: male\nkidney: none\nexcess_symptoms: [thirst]\n", "answers.yaml:4: excess_symptoms: vul ook current_magnesium in"),
    ("age: 30\nsex: female\nbreastfeeding: false\nkidney: none\n",
     "answers.yaml:1: pregnant: vul pregnant in (true of false); voor een vrouw of 'other' van 12 tot en met 55 jaar is dat verplicht"),
    ("age: 70\nsex: male\nkidney: none\nkidney_checked: ja\n", "answers.yaml:4: kidney_checked: geef true of false; gekregen: 'ja'"),
    ("age: 40\nsex: male\nkidney: none\ncurrent_magnesium: {form: citrate, mg_per_day: 1000, amount_basis: salt}\n",
     "answers.yaml:4: current_magnesium.amount_basis: kies een van: elemental, compound; gekregen: 'salt'"),
    ("age: 40\nsex: female\nkidney: none\ncurrent_magnesium: {form: citrate, mg_per_day: 6000}\n", "answers.yaml:4: current_magnesium.mg_per_day: geef een getal van 0 tot en met 5000, of null; gekregen: 6000"),
    ("age: 40\nsex: female\nkidney: none\ncurrent_magnesium: citrate\n", "answers.yaml:4: current_magnesium: geef null of {form: ..., mg_per_day: ..., amount_basis: elemental of compound}"),
    ("age: 40\nsex: female\nkidney: none\nclient: " + "x" * 201 + "\n", "answers.yaml:4: client: maak de tekst korter: hoogstens 200 tekens; nu 201 tekens"),
    ("age: 072\nsex: female\nkidney: none\n", "answers.yaml:1: age: geef een heel getal van 0 tot en met 120; gekregen: '072'"),
    ("age: 1:05\nsex: female\nkidney: none\n", "answers.yaml:1: age: geef een heel getal van 0 tot en met 120; gekregen: '1:05'"),
    ("age: 42.0\nsex: female\nkidney: none\n", "answers.yaml:1: age: geef een heel getal van 0 tot en met 120; gekregen: 42.0"),
    ("age: 30\nsex: female\nkidney: none\npregnant: yes\n", "answers.yaml:4: pregnant: geef true of false; gekregen: 'yes'"),
    ("age: 30\nsex: female\nkidney: none\ncomplaints: [[muscle_cramps]]\n", "answers.yaml:4: complaints: kies een van: muscle_cramps,"),
    ("age: 30\nsex: female\nkidney: none\nsymptoms: " + "[" * 30 + "]" * 30 + "\n", "answers.yaml:4: file: nest hoogstens 20 niveaus diep"),
    ("- age: 40\n", "answers.yaml:1: file: begin met sleutels en waarden (zoals 'age: 42'); nu staat er [{\"age\": 40}]"),
    ("age: [40\n", "answers.yaml:2: file: schrijf geldige YAML of JSON;"),
    ("age: 40\nage: 41\n", "answers.yaml:2: file: geef elke sleutel één keer; 'age' staat er twee keer"),
    ("age: !!python/object/apply:os.system [echo hacked]\n", "answers.yaml:1: file: gebruik alleen gewone waarden; tag tag:yaml.org,2002:python/object/apply:os.system is niet toegestaan"),
    ("", "answers.yaml: file: vul het bestand met de antwoorden"),
]


@pytest.mark.parametrize("content,line", BAD, ids=[b[1].split(":")[2].strip() + str(i) for i, b in enumerate(BAD)])
def test_bad_answers_file(tmp_path, content, line):
    result = magnesium("advise", write(tmp_path, content), "--format", "json")
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(str(tmp_path / line.split(":")[0]) + line[len(line.split(":")[0]):])


def test_all_problems_reported_in_english(tmp_path):
    result = magnesium("advise", write(tmp_path, "age: abc\nsex: man\n"), "--lang", "en")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{tmp_path}/answers.yaml:1: age: give a whole number from 0 to 120; got 'abc'",
        f"{tmp_path}/answers.yaml:2: sex: choose one of: female, male, other; got 'man'",
        f"{tmp_path}/answers.yaml:1: kidney: fill in this key (none, problems, unknown); it is missing",
    ]


def test_not_utf8_and_missing_file(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("client: Jos\xe9\nage: 40\n".encode("latin-1"))
    result = magnesium("advise", str(path))
    assert result.returncode == 2 and "sla het bestand op als UTF-8" in result.stderr
    result = magnesium("advise", str(tmp_path / "missing.yaml"))
    assert result.returncode == 2 and "missing.yaml: file: geef een bestand dat te lezen is" in result.stderr


@pytest.mark.parametrize("args,line", [
    (("advise", "x.yaml", "--format", "pdf"), "magnesium advise: --format: kies een van: text, markdown, json; gekregen: 'pdf'"),
    (("advise", "x.yaml", "--format", "pdf", "--lang", "en"),
     "magnesium advise: --format: choose one of: text, markdown, json; got 'pdf'"),
    (("advise", "x.yaml", "--bogus"),
     "magnesium: arguments: laat weg of schrijf anders: --bogus; dat kent het programma niet (zie --help)"),
    (("review", "abc", "--lang=en"), "magnesium review: number: give a whole number; got 'abc'"),
    (("advise", "x.yaml", "--format"), "magnesium advise: --format: geef een waarde na deze optie (zie --help)"),
])
def test_bad_options_are_one_line_in_the_users_language(args, line):
    result = magnesium(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == line + "\n"


def test_broken_rule_file_exits_two(tmp_path):
    from conftest import ROOT
    import shutil

    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    text = (rules / "advice.yaml").read_text(encoding="utf-8").replace("complaints: heartburn\n", "complaints: heart_burn\n")
    (rules / "advice.yaml").write_text(text, encoding="utf-8")
    result = magnesium("advise", write(tmp_path, GOOD), "--rules", str(rules), "--lang", "en")
    assert result.returncode == 2 and result.stdout == ""
    line = next(i for i, l in enumerate(text.splitlines(), 1) if "heart_burn" in l)
    assert result.stderr.startswith(f"{rules}/advice.yaml:{line}: rule 'heartburn-citrate': give complaints:")


def test_batch_gives_one_advice_a_line_in_order_and_names_bad_lines(tmp_path):
    other = {**GOOD, "kidney": "problems"}
    lines = [json.dumps(GOOD), '{"age": 40, "age": 41, "sex": "male", "kidney": "none"}', "",
             json.dumps({**GOOD, "age": "veertig"}), "geen json", json.dumps(other)]
    path = write(tmp_path, "\n".join(lines) + "\n", "batch.jsonl")
    result = magnesium("advise", "--batch", path, "--lang", "en")
    assert result.returncode == 2
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 5 and out[1] is None and out[2] is None and out[3] is None
    assert out[0] == json.loads(magnesium("advise", write(tmp_path, GOOD), "--format", "json", "--lang", "en").stdout)
    assert out[4]["blocked"] is True
    assert result.stderr.splitlines() == [
        f"{path}:2: file: give each key once; 'age' is given twice",
        f"{path}:4: age: give a whole number from 0 to 120; got 'veertig'",
        f"{path}:5: file: write valid YAML or JSON; Expecting value: line 1 column 1 (char 0)"]


def test_batch_from_standard_input_all_good_exits_zero():
    text = "\n".join(json.dumps({**GOOD, "age": age}) for age in (20, 40, 60)) + "\n"
    result = magnesium("advise", "--batch", "-", stdin=text)
    assert result.returncode == 0, result.stderr
    assert [json.loads(line)["reference_intake_mg"] for line in result.stdout.splitlines()] == [310, 320, 320]


@pytest.mark.parametrize("args,line", [
    (("advise",), "magnesium advise: file: geef één antwoordenbestand, of --batch"),
    (("advise", "x.yaml", "--batch", "y.jsonl"), "magnesium advise: file: geef één antwoordenbestand, of --batch"),
    (("advise", "--batch", "y.jsonl", "--format", "text"), "magnesium advise: --batch: laat --save en een andere"),
])
def test_batch_options_that_do_not_fit(args, line):
    result = magnesium(*args)
    assert result.returncode == 2 and result.stdout == "" and result.stderr.startswith(line)
