"""index.json: read, type-checked as Swift's ``JSONDecoder`` would, then checked as
``ShardDatasetIndex.check`` does (same order, same messages)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any, Dict, List

from . import _swiftjson
from ._format import INDEX_FORMAT, VERSION, is_shard_file_name
from .errors import errno_text, invalid_index, invalid_schema_text, read_failed, unsupported_version
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
    return DatasetIndex(path, obj["version"], fields, shards, obj["totalRecords"], obj["provenance"], obj)
