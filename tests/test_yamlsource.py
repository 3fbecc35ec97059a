"""Safe YAML reading with lines."""
from __future__ import annotations

import pytest

from engine.errors import BadInput
from engine.yamlsource import decode, parse


def test_lines_of_nested_keys():
    doc = parse("a: 1\nb:\n  - x\n  - {c: 2}\n", "f.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"c": 2}]}
    assert doc.line(("b", 1, "c")) == 4 and doc.line(("a",)) == 1 and doc.line(("b", 7)) == 2


def test_json_is_read_too():
    assert parse('{"age": 40, "complaints": ["fatigue"]}', "f.json").data == {"age": 40, "complaints": ["fatigue"]}


@pytest.mark.parametrize("text", [
    "a: !!python/object/apply:os.system [ls]",
    "a: !!python/name:os.system",
    "!!python/object:object {}",
    "a: !!set {1, 2}",
])
def test_tags_are_refused(text):
    with pytest.raises(BadInput) as err:
        parse(text, "f.yaml")
    assert err.value.problems[0].code == "yaml_tag"


def test_bom_is_accepted_and_latin1_refused():
    assert decode("\ufeffage: 1\n".encode("utf-8"), "f").data == {"age": 1}
    with pytest.raises(BadInput):
        decode(b"client: Jos\xe9\n", "f")
