"""The package's one error type and its messages, worded exactly as the Swift reader's
``ShardError.description`` (``Sources/SRShards/ShardError.swift``), so ``prep inspect`` and Python
say the same thing about the same file (``python/tests/test_swift_parity.py`` compares them).
"""

from __future__ import annotations

from typing import Optional, Sequence


class ShardFormatError(Exception):
    """A shard or index.json is missing, unreadable, damaged, truncated or of a newer version.

    ``kind`` names the case (``"read_failed"``, ``"not_a_shard"``, ``"unsupported_version"``,
    ``"corrupt_shard"``, ``"invalid_index"``, ``"record_out_of_range"``, ``"unknown_field"``,
    ``"verification_failed"``, ``"index_checksum_mismatch"``, ``"no_record_provenance"``); ``path`` is the file; ``reason`` the detail inside the sentence.
    """

    def __init__(self, message: str, kind: str = "corrupt_shard", path: Optional[str] = None,
                 reason: Optional[str] = None):
        super().__init__(message)
        self.kind = kind
        self.path = path
        self.reason = reason

    def __str__(self) -> str:  # KeyError/IndexError subclasses would otherwise quote the text
        return str(self.args[0])


class RecordIndexError(ShardFormatError, IndexError):
    """A record number outside ``0..<count`` (also an ``IndexError``, so iteration stops)."""


class UnknownFieldError(ShardFormatError, KeyError):
    """A field name that is not in the schema (also a ``KeyError``)."""


def read_failed(path: str, reason: str) -> ShardFormatError:
    return ShardFormatError(f"{path}: cannot read ({reason}); check that the file exists and is readable.",
                            "read_failed", path, reason)


def not_a_shard(path: str) -> ShardFormatError:
    return ShardFormatError(f"{path}: not an SRKit shard (bad magic); pass a shard-*.srshard file or a dataset folder with index.json.",
                            "not_a_shard", path)


def unsupported_version(path: str, version: int, supported: int) -> ShardFormatError:
    return ShardFormatError(f"{path}: shard format version {version} is newer than this reader's version {supported}; update SRKit to read it.",
                            "unsupported_version", path, str(version))


def corrupt_shard(path: str, reason: str) -> ShardFormatError:
    return ShardFormatError(f"{path}: corrupt shard ({reason}); regenerate the dataset with prep run.",
                            "corrupt_shard", path, reason)


def footer_entry_misplaced(path: str, entry: int, offset: int, expected: int) -> ShardFormatError:
    return ShardFormatError(f"{path}: corrupt shard (footer entry {entry} gives record offset {offset}, but record {entry} starts at {expected}); regenerate the dataset with prep run.",
                            "footer_entry_misplaced", path)


def footer_offset_misplaced(path: str, footer_offset: int, records: int, expected: int) -> ShardFormatError:
    return ShardFormatError(f"{path}: corrupt shard (the trailer gives footer offset {footer_offset}, but {records} record(s) end at {expected}); regenerate the dataset with prep run.",
                            "footer_offset_misplaced", path)


def shard_size_mismatch(path: str, size: int, expected: int) -> ShardFormatError:
    return ShardFormatError(f"{path}: the shard is {size} bytes but index.json lists {expected}; it was truncated, extended or replaced after the dataset was written, so regenerate the dataset with prep run.",
                            "shard_size_mismatch", path)


def shard_shrank(path: str, opened: int, now: int) -> ShardFormatError:
    return ShardFormatError(f"{path}: the shard shrank from {opened} to {now} bytes while it was open; another program truncated it, so open the dataset again or regenerate it with prep run.",
                            "shard_shrank", path)


def invalid_index(path: str, reason: str) -> ShardFormatError:
    return ShardFormatError(f"{path}: invalid dataset index ({reason}); regenerate the dataset with prep run.",
                            "invalid_index", path, reason)


def index_checksum_mismatch(path: str, stored: str, actual: str) -> ShardFormatError:
    return ShardFormatError(f"{path}: index.json was changed after it was written (its checksum is {stored}, its bytes give {actual}); regenerate the dataset with prep run.",
                            "index_checksum_mismatch", path)


def invalid_schema_text(reason: str) -> str:
    """The Swift ``invalidSchema`` sentence, which the index check nests inside its own."""
    return f"shard schema: {reason}; give every field a unique non-empty name and a shape of positive dimensions."


def record_out_of_range(path: str, record: int, count: int) -> RecordIndexError:
    return RecordIndexError(f"{path}: record {record} does not exist; the dataset has {count} record(s), numbered 0...{max(count - 1, 0)}.",
                            "record_out_of_range", path, str(record))


def unknown_field(path: str, field: str, known: Sequence[str]) -> UnknownFieldError:
    return UnknownFieldError(f'{path}: no field "{field}"; the schema has {", ".join(known)}.', "unknown_field", path, field)


def errno_text(err: OSError) -> str:
    """Swift's ``Syscalls.errnoText``: ``"No such file or directory (errno 2)"``."""
    return f"{err.strerror} (errno {err.errno})"
