"""index.json: read, type-checked as Swift's ``JSONDecoder`` would, then checked as
``ShardDatasetIndex.check`` does (same order, same messages)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from typing import Any, Dict, List

from . import _swiftjson
from ._format import INDEX_CHECKSUM_PREFIX, INDEX_FORMAT, VERSION, is_shard_file_name
from .errors import errno_text, index_checksum_mismatch, invalid_index, invalid_schema_text, read_failed, unsupported_version
from .schema import Field, fields_from_json, schema_problem


@dataclass(frozen=True)
class ShardEntry:
    """One shard listed in index.json: file name, SHA-256 (hex), record count, size, first record."""

    file: str
    sha256: str
    records: int
    bytes: int
    first_record: int


@dataclass(frozen=True)
class DatasetIndex:
    """A checked index.json."""

    path: str
    version: int
    fields: List[Field]
    shards: List[ShardEntry]
    total_records: int
    provenance: Dict[str, Any] = field(default_factory=dict)
    raw: Dict[str, Any] = field(default_factory=dict)


def load_index(directory: str) -> DatasetIndex:
    """Reads and checks ``directory/index.json``; raises ``ShardFormatError`` as the Swift reader."""
    path = os.path.join(directory, "index.json")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except FileNotFoundError:
        raise read_failed(path, "no index.json; not a finished SRKit dataset") from None
    except IsADirectoryError as e:
        raise read_failed(path, f"The file “index.json” couldn’t be opened. ({errno_text(e)})") from None
    except OSError as e:
        raise read_failed(path, errno_text(e)) from None
    sealed = check_checksum(data, path)
    try:
        obj = _swiftjson.decode(_swiftjson.parse(data), _swiftjson.INDEX)
    except _swiftjson.DecodeError as e:
        raise invalid_index(path, f"not a valid SRKit index: {e}") from None
    if obj["format"] != INDEX_FORMAT:
        raise invalid_index(path, f'format is "{obj["format"]}", expected "{INDEX_FORMAT}"')
    if obj["version"] > VERSION:
        raise unsupported_version(path, obj["version"], VERSION)
    fields = fields_from_json(obj["schema"])
    problem = schema_problem(fields)
    if problem:
        raise invalid_index(path, invalid_schema_text(problem))
    shards, seen, next_record = [], set(), 0
    for e in obj["shards"]:
        if not is_shard_file_name(e["file"]) or e["file"] in seen:
            raise invalid_index(path, f'bad or repeated shard file name "{e["file"]}"')
        seen.add(e["file"])
        if e["records"] < 0 or e["bytes"] < 0 or e["firstRecord"] != next_record:
            raise invalid_index(path, f'shard {e["file"]} has inconsistent records/firstRecord')
        next_record += e["records"]
        shards.append(ShardEntry(e["file"], e["sha256"], e["records"], e["bytes"], e["firstRecord"]))
    if next_record != obj["totalRecords"]:
        raise invalid_index(path, f'totalRecords is {obj["totalRecords"]} but the shards hold {next_record}')
    sources = obj["provenance"].get("sources")
    if obj["version"] >= 2 and sources is None:
        raise invalid_index(path, f'a version-{obj["version"]} index must list provenance.sources')
    if obj["version"] < 2 and sources is not None:
        raise invalid_index(path, f'provenance.sources in a version-{obj["version"]} index')
    if obj["version"] >= 2 and not sealed:
        raise invalid_index(path, f'a version-{obj["version"]} index must begin with its checksum')
    return DatasetIndex(path, obj["version"], fields, shards, obj["totalRecords"], obj["provenance"], obj)


def check_checksum(data: bytes, path: str) -> bool:
    """index.json's own checksum (``IndexChecksum.swift``): the SHA-256 of the file with the
    checksum's 64 hex digits replaced by ``0``s. False when the index has none (older SRKit)."""
    if not data.startswith(INDEX_CHECKSUM_PREFIX):
        return False
    start = len(INDEX_CHECKSUM_PREFIX)
    stored = data[start:start + 64]
    if len(data) <= start + 64 or data[start + 64:start + 65] != b'"' or not all(c in b"0123456789abcdef" for c in stored):
        raise invalid_index(path, "the checksum is not 64 lowercase hex digits")
    actual = hashlib.sha256(data[:start] + b"0" * 64 + data[start + 64:]).hexdigest()
    if actual != stored.decode("ascii"):
        raise index_checksum_mismatch(path, stored.decode("ascii"), actual)
    return True
