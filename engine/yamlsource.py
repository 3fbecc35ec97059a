"""Safe YAML (and JSON) reading that remembers the line of every key.

Errors must name the line, and PyYAML only knows lines while composing nodes, so this module
builds the Python values from the node tree itself. Only the safe constructor is used: a tag
such as `!!python/object` is refused, nothing in a file is ever executed. Duplicate keys, which
PyYAML would silently overwrite, are reported.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import re

import yaml

from .errors import BadInput, Problem, problem

Path = tuple  # a path into the document: keys and list indexes
# libyaml's parser where PyYAML was built with it (several times faster); same safe constructor.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_INT_TAG, _BOOL_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool"
# YAML 1.1 reads 072 as 58, 1:05 as 65, 0x2A and 4_2 as 42, and yes/on as true: in health data
# such a silent change is worse than an error, so only plain decimals and true/false are
# numbers and booleans; anything else stays text (and the validation then says what is allowed).
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_BOOLEANS = {"true", "false", "True", "False", "TRUE", "FALSE"}
MAX_DEPTH = 20  # answers and rules nest a few levels; a deeper file is a mistake (or an attack)


class _Refused(Exception):
    """A node we will not build: carries the problem code, its params and the node's line."""

    def __init__(self, line: int, code: str, **params: object):
        super().__init__(code)
        self.line, self.code, self.params = line, code, params


@dataclass
class Document:
    """A loaded file: its value, its name and the line where each path starts."""

    name: str
    data: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line(self, path: Path) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())

    def problem(self, path: Path, key: str, code: str, **params: object) -> Problem:
        return problem(self.name, key, code, self.line(path), **params)


def parse(text: str, name: str) -> Document:
    """Parse YAML or JSON text; raise BadInput with the position of a syntax error."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        doc = Document(name, None)
        if node is not None:
            doc.data = _build(loader, node, (), doc)
        return doc
    except _Refused as err:
        raise BadInput([problem(name, "file", err.code, err.line, **err.params)]) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = (err.problem or err.context or "?").strip()
        raise BadInput([problem(name, "file", "yaml_syntax", mark.line + 1 if mark else None, what=what)]) from None
    except yaml.YAMLError as err:
        raise BadInput([problem(name, "file", "yaml_syntax", what=str(err))]) from None
    finally:
        loader.dispose()


def read(path: str) -> Document:
    """Read a file as UTF-8 and parse it."""
    name = path
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as err:
        raise BadInput([problem(name, "file", "file_unreadable", reason=(err.strerror or str(err)).lower())]) from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> Document:
    """Decode bytes as UTF-8 (a BOM is allowed) and parse them."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadInput([problem(name, "file", "not_utf8", pos=err.start)]) from None
    return parse(text, name)


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: Path, doc: Document) -> Any:
    line = node.start_mark.line + 1
    doc.lines.setdefault(path, line)
    if len(path) > MAX_DEPTH:
        raise _Refused(line, "yaml_depth", depth=MAX_DEPTH)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
        raise _Refused(line, "yaml_tag", tag=node.tag)
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(loader, node, path, doc)
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), doc) for i, item in enumerate(node.value)]
    return _scalar(loader, node, line)


def _scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode, line: int) -> Any:
    """A plain value; YAML 1.1's surprising numbers and booleans stay text (see _DECIMAL)."""
    if node.tag == _INT_TAG and not _DECIMAL.fullmatch(node.value):
        return node.value
    if node.tag == _BOOL_TAG and node.value not in _BOOLEANS:
        return node.value
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        raise _Refused(line, "yaml_tag", tag=node.tag) from None


def _build_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, path: Path, doc: Document) -> dict:
    loader.flatten_mapping(node)
    result: dict = {}
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 1
        if not isinstance(key_node, yaml.ScalarNode):
            raise _Refused(line, "yaml_key_plain")
        key = _scalar(loader, key_node, line)
        if not isinstance(key, (str, int)) or isinstance(key, bool):
            raise _Refused(line, "yaml_key_plain")
        if key in result:
            raise _Refused(line, "yaml_key_twice", name=key)
        doc.lines[path + (key,)] = line
        result[key] = _build(loader, value_node, path + (key,), doc)
    return result
