"""A small JSON Schema (draft 2020-12) validator for the subset engine/rule-schema.json uses.

Keywords: type, enum, const, properties, required, additionalProperties, propertyNames,
minProperties, items, minItems, maxItems, minLength, pattern, minimum, maximum,
exclusiveMinimum, exclusiveMaximum, anyOf, $ref (to #/$defs/...). Anything else in the schema is
an error here, so the schema cannot silently use a keyword this validator ignores.
"""
from __future__ import annotations

import re
from typing import Any

KNOWN = {"$schema", "$id", "$defs", "title", "description", "type", "enum", "const", "properties", "required",
         "additionalProperties", "propertyNames", "minProperties", "items", "minItems", "maxItems", "minLength",
         "pattern", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "anyOf", "$ref"}
_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _is(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[kind])


def errors(value: Any, schema: dict, root: dict | None = None, path: str = "") -> list[str]:
    """Every place where `value` breaks `schema`, as 'path: keyword'."""
    root = root or schema
    unknown = set(schema) - KNOWN
    if unknown:
        raise ValueError(f"schema keyword not supported here: {sorted(unknown)}")
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return errors(value, target, root, path)
    found: list[str] = []
    kinds = schema.get("type")
    if kinds is not None and not any(_is(value, k) for k in ([kinds] if isinstance(kinds, str) else kinds)):
        return [f"{path}: type"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: enum")
    if "const" in schema and value != schema["const"]:
        found.append(f"{path}: const")
    if "anyOf" in schema and all(errors(value, s, root, path) for s in schema["anyOf"]):
        found.append(f"{path}: anyOf")
    if isinstance(value, dict):
        found += _object(value, schema, root, path)
    if isinstance(value, list):
        if len(value) < schema.get("minItems", 0) or len(value) > schema.get("maxItems", len(value)):
            found.append(f"{path}: items count")
        if "items" in schema:
            for i, item in enumerate(value):
                found += errors(item, schema["items"], root, f"{path}/{i}")
    if isinstance(value, str):
        if len(value) < schema.get("minLength", 0):
            found.append(f"{path}: minLength")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            found.append(f"{path}: pattern")
    if _is(value, "number"):
        for key, ok in (("minimum", lambda b: value >= b), ("maximum", lambda b: value <= b),
                        ("exclusiveMinimum", lambda b: value > b), ("exclusiveMaximum", lambda b: value < b)):
            if key in schema and not ok(schema[key]):
                found.append(f"{path}: {key}")
    return found


def _object(value: dict, schema: dict, root: dict, path: str) -> list[str]:
    found = [f"{path}: required {k}" for k in schema.get("required", []) if k not in value]
    if len(value) < schema.get("minProperties", 0):
        found.append(f"{path}: minProperties")
    props = schema.get("properties", {})
    for key, item in value.items():
        if "propertyNames" in schema:
            found += errors(key, schema["propertyNames"], root, f"{path}/{key} (name)")
        if key in props:
            found += errors(item, props[key], root, f"{path}/{key}")
        elif schema.get("additionalProperties") is False:
            found.append(f"{path}/{key}: additionalProperties")
        elif isinstance(schema.get("additionalProperties"), dict):
            found += errors(item, schema["additionalProperties"], root, f"{path}/{key}")
    return found
