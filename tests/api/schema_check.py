"""A small JSON Schema checker for the subset the OpenAPI document uses (no extra dependency).

`problems(value, schema, components)` lists where `value` breaks `schema`, as
"path: what" strings (empty when it conforms). Handles $ref into components, type (with
null), properties / required / additionalProperties, items, anyOf / oneOf / allOf, enum,
const, minimum / maximum, minLength / maxLength, pattern and the formats date, date-time
and time (RFC 3339: a time needs an offset).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

_TYPES: dict[str, Any] = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}
_RFC3339_TIME = re.compile(r"^\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$", re.IGNORECASE)


def _type_ok(value: Any, kind: str) -> bool:
    if kind == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, _TYPES[kind])


def _format_ok(value: str, fmt: str) -> bool:
    try:
        if fmt == "date":
            date.fromisoformat(value)
        elif fmt == "date-time":
            return datetime.fromisoformat(value.replace("Z", "+00:00")).tzinfo is not None
        elif fmt == "time":
            return bool(_RFC3339_TIME.match(value))
    except ValueError:
        return False
    return True


def problems(
    value: Any, schema: dict[str, Any], components: dict[str, Any], path: str = "$"
) -> list[str]:
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        return problems(value, components[name], components, path)
    found: list[str] = []
    for part in schema.get("allOf", []):
        found += problems(value, part, components, path)
    for key in ("anyOf", "oneOf"):
        if key in schema and all(problems(value, p, components, path) for p in schema[key]):
            found.append(f"{path}: matches none of {key}")
    kinds = schema.get("type")
    if kinds is not None:
        kinds = [kinds] if isinstance(kinds, str) else kinds
        if not any(_type_ok(value, kind) for kind in kinds):
            return [*found, f"{path}: {value!r} is not of type {kinds}"]
    found += _value_problems(value, schema, path)
    if isinstance(value, str):
        found += _string_problems(value, schema, path)
    if isinstance(value, dict):
        found += _object_problems(value, schema, components, path)
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            found += problems(item, schema["items"], components, f"{path}[{index}]")
    return found


def _value_problems(value: Any, schema: dict[str, Any], path: str) -> list[str]:
    found = []
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{path}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        found.append(f"{path}: {value!r} is not {schema['const']!r}")
    if _type_ok(value, "number"):
        if "minimum" in schema and value < schema["minimum"]:
            found.append(f"{path}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            found.append(f"{path}: {value} > {schema['maximum']}")
    return found


def _string_problems(value: str, schema: dict[str, Any], path: str) -> list[str]:
    found = []
    if "format" in schema and not _format_ok(value, schema["format"]):
        found.append(f"{path}: {value!r} is not a {schema['format']}")
    if "pattern" in schema and not re.search(schema["pattern"], value):
        found.append(f"{path}: {value!r} does not match {schema['pattern']}")
    if len(value) > schema.get("maxLength", len(value)):
        found.append(f"{path}: longer than {schema['maxLength']}")
    if len(value) < schema.get("minLength", 0):
        found.append(f"{path}: shorter than {schema['minLength']}")
    return found


def _object_problems(
    value: dict[str, Any], schema: dict[str, Any], components: dict[str, Any], path: str
) -> list[str]:
    found = [
        f"{path}: {name!r} is missing" for name in schema.get("required", []) if name not in value
    ]
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    for name, item in value.items():
        if name in properties:
            found += problems(item, properties[name], components, f"{path}.{name}")
        elif extra is False:
            found.append(f"{path}: {name!r} is not allowed")
        elif isinstance(extra, dict):
            found += problems(item, extra, components, f"{path}.{name}")
    return found
