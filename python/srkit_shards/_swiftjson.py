"""Strict JSON decoding that fails where, and with the message with which, Swift's ``JSONDecoder``
fails on SRKit's ``Codable`` types, so both readers reject the same index.json the same way.

Swift decodes a struct's properties in declaration order and stops at the first problem:
a missing key is ``missing key "k"``; a wrong type, a null or an unknown enum value is
``bad value at a.b.Index 0.c`` (the coding path; array positions are "Index N"); text that is not
JSON (including NaN/Infinity, invalid UTF-8, nesting deeper than 512) is ``not JSON``, and so,
oddly but as Swift does, is a number that is not a whole number in the type's range (3.0 is
accepted as 3; 3.5, -1 for an unsigned value, 2^64 are "not JSON"). Unknown keys are ignored, as Swift does.
"""

from __future__ import annotations

import json
from typing import Any, List, Sequence, Tuple, Union

# A type spec: "string" | "int" | "uint32" | "uint64" | ("enum", names) | ("array", spec)
# | ("dict", value spec) | ("struct", [(key, spec), ...]).
Spec = Union[str, Tuple[Any, ...]]

_RANGES = {"int": (-(1 << 63), (1 << 63) - 1), "uint32": (0, (1 << 32) - 1), "uint64": (0, (1 << 64) - 1)}
MAX_DEPTH = 512


class DecodeError(Exception):
    """The reason text Swift's ``ShardDatasetIndex.describe`` gives."""


def _bad(path: List[str]) -> DecodeError:
    return DecodeError("bad value at " + ".".join(path))


def _no_constants(name: str):
    raise ValueError(f"{name} is not JSON")


def parse(data: bytes) -> Any:
    """``data`` as JSON, or ``DecodeError("not JSON")``; never RecursionError or UnicodeError."""
    try:
        text = data.decode("utf-8")
        value = json.loads(text, parse_constant=_no_constants)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise DecodeError("not JSON") from None
    # Swift's parser refuses nesting deeper than 512; measure it without recursion.
    stack = [(value, 1)]
    while stack:
        v, depth = stack.pop()
        if isinstance(v, (list, dict)):
            if depth > MAX_DEPTH:
                raise DecodeError("not JSON")
            stack.extend((c, depth + 1) for c in (v.values() if isinstance(v, dict) else v))
    return value


def decode(value: Any, spec: Spec, path: List[str] = None) -> Any:
    """``value`` checked against ``spec``; returns it unchanged or raises ``DecodeError``."""
    path = [] if path is None else path
    if spec == "string":
        if not isinstance(value, str):
            raise _bad(path)
        return value
    if isinstance(spec, str):
        lo, hi = _RANGES[spec]
        if type(value) not in (int, float):  # bool is an int in Python, not a number in JSON
            raise _bad(path)
        # Swift reads a number whose value is a whole number in range (3 or 3.0); a fraction or
        # an out-of-range number is "data corrupted" at an empty coding path, i.e. "not JSON".
        if type(value) is float and not value.is_integer():
            raise DecodeError("not JSON")
        if not lo <= value <= hi:
            raise DecodeError("not JSON")
        return int(value)
    kind = spec[0]
    if kind == "enum":
        if not isinstance(value, str) or value not in spec[1]:
            raise _bad(path)
        return value
    if kind == "array":
        if not isinstance(value, list):
            raise _bad(path)
        for i, item in enumerate(value):
            decode(item, spec[1], path + [f"Index {i}"])
        return value
    if kind == "dict":
        if not isinstance(value, dict):
            raise _bad(path)
        for k, item in value.items():
            decode(item, spec[1], path + [k])
        return value
    if kind == "struct":
        if not isinstance(value, dict):
            raise _bad(path)
        for key, sub in spec[1]:
            if isinstance(sub, tuple) and sub[0] == "optional":
                # Swift's decodeIfPresent: absent or null is nil, anything else must decode.
                if value.get(key) is not None:
                    decode(value[key], sub[1], path + [key])
                continue
            if key not in value:
                raise DecodeError(f'missing key "{key}"')
            decode(value[key], sub, path + [key])
        return value
    raise AssertionError(spec)


def struct(*fields: Tuple[str, Spec]) -> Spec:
    return ("struct", list(fields))


FIELD = struct(("name", "string"), ("dtype", ("enum", ("uint8", "float32"))), ("shape", ("array", "int")),
               ("layout", ("enum", ("hwc", "chw"))))
SCHEMA = struct(("fields", ("array", FIELD)))
SHARD_ENTRY = struct(("file", "string"), ("sha256", "string"), ("records", "int"), ("bytes", "int"), ("firstRecord", "int"))
PROVENANCE = struct(("tool", "string"), ("manifest", "string"), ("manifestSHA256", "string"), ("seed", "uint64"),
                    ("variables", ("dict", "string")),
                    ("inputs", ("array", struct(("path", "string"), ("sha256", "string"), ("bytes", "int")))),
                    ("skipped", ("array", struct(("path", "string"), ("reason", "string")))),
                    ("counts", ("dict", "int")), ("sources", ("optional", ("array", "string"))))
#: ``ShardDatasetIndex`` in declaration order (``Sources/SRShards/Index/ShardDatasetIndex.swift``).
INDEX = struct(("format", "string"), ("version", "uint32"), ("schema", SCHEMA), ("shards", ("array", SHARD_ENTRY)),
               ("totalRecords", "int"), ("provenance", PROVENANCE))


def names(spec_fields: Sequence[Tuple[str, Spec]]) -> List[str]:
    return [k for k, _ in spec_fields]
