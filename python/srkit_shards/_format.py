"""Every byte-layout constant of the shard format, in one place (``Docs/shard-format.md``).

Mirrors ``Sources/SRShards/Format/ShardFormat.swift``; all integers little-endian.
"""

from __future__ import annotations

import numpy as np

MAGIC = b"SRSHARD\0"
TRAILER_MAGIC = b"SRSHEND\0"
#: The newest version read; 2 adds per-record provenance to each footer entry.
VERSION = 2
ALIGNMENT = 64
FIXED_HEADER = 64
TRAILER = 32
FOOTER_ENTRY = 24  # version 1; see footer_entry()
INDEX_FORMAT = "srkit-shards"
INDEX_FILE = "index.json"
SHARD_EXTENSION = "srshard"

#: Fixed header after the magic: version, alignment, headerLength, recordLength, recordStride,
#: schemaLength, headerCRC (bytes 8..48).
HEADER_STRUCT = "<IIQQQII"
#: Trailer: footerOffset, recordCount, footerCRC, reserved, then the trailer magic.
TRAILER_STRUCT = "<QQII"
FOOTER_DTYPE = np.dtype([("offset", "<u8"), ("length", "<u8"), ("crc", "<u4"), ("reserved", "<u4")])
#: A version-2 footer entry: the version-1 entry, then the record's provenance (32 bytes).
FOOTER_DTYPE_V2 = np.dtype([("offset", "<u8"), ("length", "<u8"), ("crc", "<u4"), ("reserved", "<u4"),
                            ("input", "<u4"), ("window", "<u4"), ("x", "<u4"), ("y", "<u4"),
                            ("width", "<u4"), ("height", "<u4"), ("variant", "<u4"), ("reserved2", "<u4")])
#: index.json's first bytes when it carries its checksum (``IndexChecksum.swift``).
INDEX_CHECKSUM_PREFIX = b'{\n  "checksum" : "'
DTYPES = {"uint8": np.dtype("u1"), "float32": np.dtype("<f4")}
LAYOUTS = ("hwc", "chw")
INT_MAX = (1 << 63) - 1


def footer_dtype(version: int) -> np.dtype:
    """The footer entry layout of ``version``."""
    return FOOTER_DTYPE_V2 if version >= 2 else FOOTER_DTYPE


def footer_entry(version: int) -> int:
    """Bytes per footer entry in ``version``: 24, or 56 with provenance."""
    return footer_dtype(version).itemsize


def align(n: int) -> int:
    """``n`` rounded up to a multiple of 64."""
    return (n + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT


def is_shard_file_name(name: str) -> bool:
    """``shard-<ASCII digits>.srshard``, the only names index.json may list (as the Swift reader)."""
    if not (name.startswith("shard-") and name.endswith("." + SHARD_EXTENSION)):
        return False
    middle = name[6:-(len(SHARD_EXTENSION) + 1)]
    return bool(middle) and middle.isascii() and middle.isdigit()
