"""The parse cache of the rule files: the same documents as parsing, and never an old one."""
from __future__ import annotations

import stat

import pytest

from engine import parsecache
from engine.errors import BadInput
from engine.yamlsource import decode

TEXT = b"rules:\n  - id: a\n    when: {age: 3}\n    title: {nl: x, en: y}\n"


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.setenv("MAGNESIUM_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_cached_document_equals_a_parsed_one_and_is_private(folder):
    first = parsecache.parse(TEXT, "r.yaml")
    entries = list(folder.iterdir())
    assert len(entries) == 1 and stat.S_IMODE(entries[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    again = parsecache.parse(TEXT, "r.yaml")
    expected = decode(TEXT, "r.yaml")
    for doc in (first, again):
        assert (doc.data, doc.lines) == (expected.data, expected.lines)


def test_an_edited_file_is_parsed_anew(folder):
    parsecache.parse(TEXT, "r.yaml")
    edited = parsecache.parse(TEXT.replace(b"age: 3", b"age: 4"), "r.yaml")
    assert edited.data["rules"][0]["when"] == {"age": 4} and len(list(folder.iterdir())) == 2


def test_a_broken_entry_or_an_unwritable_folder_only_costs_time(folder, tmp_path, monkeypatch):
    parsecache.parse(TEXT, "r.yaml")
    next(folder.iterdir()).write_text("{not json", encoding="utf-8")
    assert parsecache.parse(TEXT, "r.yaml").data == decode(TEXT, "r.yaml").data
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv("MAGNESIUM_CACHE", str(blocked / "below-a-file"))
    assert parsecache.parse(TEXT, "r.yaml").data == decode(TEXT, "r.yaml").data


def test_a_bad_file_is_bad_input_and_not_cached(folder):
    with pytest.raises(BadInput):
        parsecache.parse(b"rules: [\n", "r.yaml")
    assert not folder.exists() or not list(folder.iterdir())


def test_an_empty_setting_switches_the_cache_off(folder, monkeypatch):
    monkeypatch.setenv("MAGNESIUM_CACHE", "")
    parsecache.parse(TEXT, "r.yaml")
    assert not folder.exists()
