"""Safe YAML (and JSON) reading that remembers the line of every key.

Errors must name the line, and PyYAML only knows lines while composing nodes, so this module
builds the Python values from the node tree itself. Only the safe constructor is used: a tag
such as `!!python/object` is refused, nothing in a file is ever executed. Duplicate keys, which
PyYAML would silently overwrite, are reported.

Every input is bounded, so that no file makes the program crash or hang: at most MAX_BYTES are
read (also from a device such as /dev/zero or a pipe), at most MAX_NODES values are built (an
alias counts every time it is used, so a "billion laughs" file stops early; the rule files use a
few aliases for a repeated note), `<<` merge keys are refused, and integers have at most MAX_DIGITS digits (Python refuses to
convert longer ones).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import errno
import json
import math
import os
import re
import stat
import sys

import yaml

from .errors import BadInput, Problem, problem

Path = tuple  # a path into the document: keys and list indexes
# libyaml's parser where PyYAML was built with it (several times faster); same safe constructor.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_INT_TAG, _BOOL_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool"
_MERGE_TAG = "tag:yaml.org,2002:merge"  # `<<: *alias`: refused, nothing uses it
# YAML 1.1 reads 072 as 58, 1:05 as 65, 0x2A and 4_2 as 42, and yes/on as true: in health data
# such a silent change is worse than an error, so only plain decimals and true/false are
# numbers and booleans; anything else stays text (and the validation then says what is allowed).
_DECIMAL = re.compile(r"[-+]?(0|[1-9][0-9]*)")
_BOOLEANS = {"true", "false", "True", "False", "TRUE", "FALSE"}
MAX_DEPTH = 20  # answers and rules nest a few levels; a deeper file is a mistake (or an attack)
MAX_BYTES = 1_000_000  # an answers file is under 1 KB, the largest rule file about 13 KB
MAX_NODES = 20_000  # values built, aliases counted each time; the largest rule file has under 1,000
MAX_DIGITS = 100  # far beyond any age or amount, far below Python's int-str limit (4,300 digits)
# json.dumps writes a character outside the BMP (an emoji) as a surrogate pair, "\ud83d\ude00";
# libyaml refuses each half, so a pair is rewritten as one "\U0001f600" escape (see parse).
_PAIR = re.compile(r"(?<!\\)((?:\\\\)*)\\u([dD][89abAB][0-9a-fA-F]{2})\\u([dD][c-fC-F][0-9a-fA-F]{2})")


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
    try:
        return _parse(text, name)
    except BadInput as err:
        # libyaml refuses the escaped surrogate pair that JSON writes for an emoji. In a JSON
        # document every \u escape is inside a double-quoted string, so there each pair is
        # rewritten as one \U escape and the text parsed again (only JSON, only after this
        # error: other documents are never changed; a lone half still gives the error).
        if err.problems[0].code != "yaml_syntax" or not _PAIR.search(text) or not _is_json(text):
            raise
        return _parse(_PAIR.sub(_join_pair, text), name)


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):  # not JSON; a too long integer; nested too deep
        return False
    return True


def _join_pair(match: re.Match) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    return f"{match.group(1)}\\U{0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00):08x}"


def _parse(text: str, name: str) -> Document:
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        doc = Document(name, None)
        if node is not None:
            doc.data = _build(loader, node, (), doc, [MAX_NODES])
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


def read(path: str, limit: int = MAX_BYTES) -> Document:
    """Read at most `limit` bytes of a file ('-': standard input) as UTF-8 and parse them."""
    return decode(read_bytes(path, limit), "<stdin>" if path == "-" else path, limit)


def read_bytes(path: str, limit: int = MAX_BYTES) -> bytes:
    """At most `limit` bytes of a file ('-': standard input), or BadInput.

    A larger file is refused before it is read (a device or pipe after `limit` bytes), so
    /dev/zero or a huge file end in one line, not in a hang or a memory error.
    """
    if path == "-":
        return _read_stdin(limit)
    name = path
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if stat.S_ISREG(info.st_mode) and info.st_size > limit:
                raise _too_big(name, limit)
            raw = handle.read(limit + 1)
    except OSError as err:
        raise BadInput([_unreadable(name, err)]) from None
    if len(raw) > limit:
        raise _too_big(name, limit)
    return raw


# The common reasons a file cannot be read, in the user's language (strerror is English only).
_ERRNO_CODES = {errno.ENOENT: "file_missing", errno.EACCES: "file_denied", errno.EISDIR: "file_is_folder"}


def _unreadable(name: str, err: OSError) -> Problem:
    """Why a file cannot be read: in Dutch or English words where known, else the system's words."""
    code = _ERRNO_CODES.get(err.errno)
    if code:
        return problem(name, "file", code)
    return problem(name, "file", "file_unreadable", reason=(err.strerror or str(err)).lower())


def _read_stdin(limit: int) -> bytes:
    """Standard input, bounded; a closed one (`magnesium advise - <&-`) is bad input."""
    try:
        return sys.stdin.buffer.read(limit + 1)
    except (AttributeError, ValueError, OSError):  # None when closed at start; closed; unreadable
        raise BadInput([problem("<stdin>", "file", "stdin_closed")]) from None


def _too_big(name: str, limit: int) -> BadInput:
    size = f"{limit / 1_000_000:g} MB" if limit >= 1_000_000 else f"{limit} bytes"
    return BadInput([problem(name, "file", "file_too_big", limit=size)])


def decode(raw: bytes, name: str, limit: int = MAX_BYTES) -> Document:
    """Decode at most `limit` bytes as UTF-8 (a BOM is allowed) and parse them."""
    if len(raw) > limit:
        raise _too_big(name, limit)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise BadInput([problem(name, "file", "not_utf8", pos=err.start)]) from None
    return parse(text, name)


def _build(loader: yaml.SafeLoader, node: yaml.Node, path: Path, doc: Document, budget: list) -> Any:
    line = node.start_mark.line + 1
    doc.lines.setdefault(path, line)
    budget[0] -= 1  # every value built, an aliased one each time it is used
    if budget[0] < 0:
        raise _Refused(line, "yaml_too_many", max=MAX_NODES)
    if len(path) > MAX_DEPTH:
        raise _Refused(line, "yaml_depth", depth=MAX_DEPTH)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
        raise _Refused(line, "yaml_tag", tag=node.tag)
    if isinstance(node, yaml.MappingNode):
        return _build_mapping(loader, node, path, doc, budget)
    if isinstance(node, yaml.SequenceNode):
        return [_build(loader, item, path + (i,), doc, budget) for i, item in enumerate(node.value)]
    return _scalar(loader, node, line)


def _scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode, line: int) -> Any:
    """A plain value; YAML 1.1's surprising numbers and booleans stay text (see _DECIMAL)."""
    if node.tag == _INT_TAG and not _DECIMAL.fullmatch(node.value):
        return node.value
    if node.tag == _INT_TAG and len(node.value.lstrip("+-")) > MAX_DIGITS:
        raise _Refused(line, "number_long", max=MAX_DIGITS, digits=len(node.value.lstrip("+-")))
    if node.tag == _BOOL_TAG and node.value not in _BOOLEANS:
        return node.value
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        raise _Refused(line, "yaml_tag", tag=node.tag) from None
    if isinstance(value, float) and not math.isfinite(value):
        return node.value  # .inf, .nan and 1.0e+999 are no amount: text, which validation refuses
    return value


def _build_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, path: Path, doc: Document, budget: list) -> dict:
    for key_node, _ in node.value:  # before flatten_mapping, which would copy every merged key
        if key_node.tag == _MERGE_TAG:  # (thousands of aliases to a large mapping: gigabytes)
            raise _Refused(key_node.start_mark.line + 1, "yaml_merge")
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
        result[key] = _build(loader, value_node, path + (key,), doc, budget)
    return result
