"""Streaming verification: every shard read once, front to back, into one reused buffer.

The SHA-256 of each file (against index.json) covers every byte, so it is the full check; it
runs at disk or hashing speed (OpenSSL's SHA-256 through ``hashlib``, which releases the GIL).
Record CRCs (``records=True``) are computed on the same buffers, so asking for them costs CRC
time only, not a second read. Reads use ``readinto``, never the memory map: a file shrinking
under the check is reported, not a SIGBUS.
"""

from __future__ import annotations

import hashlib
import os
from typing import TYPE_CHECKING, List

import numpy as np

from ._crc import crc32c, crc32c_rows
from .errors import ShardFormatError, errno_text
from .problems import Problem

if TYPE_CHECKING:
    from .index import DatasetIndex

CHUNK = 8 << 20


def verify_files(directory: str, index: "DatasetIndex", records: bool = False, chunk: int = CHUNK) -> List[Problem]:
    """Problems of the dataset in ``directory`` described by ``index`` (see ``Dataset.verify``)."""
    from .shard import Shard

    problems: List[Problem] = []
    buf = bytearray(chunk)
    for entry in index.shards:
        path = os.path.join(directory, entry.file)
        shard = None
        if records:
            try:
                shard = Shard(path)
            except ShardFormatError as err:
                problems.append(Problem(path, None, f"cannot be opened: {err}"))
        h = hashlib.sha256()
        record_problems: List[Problem] = []
        try:
            with open(path, "rb", buffering=0) as f:
                if shard is None or shard.count == 0:
                    size = _hash(f, h, buf, None)
                else:
                    # Header, then whole records per chunk (CRCs on the bytes just hashed), then
                    # footer and trailer: one read of the file in all.
                    size = _hash(f, h, buf, shard.header_length)
                    per = max(1, len(buf) // shard.record_stride)
                    for lo in range(0, shard.count, per):
                        n = min(per, shard.count - lo) * shard.record_stride
                        got = _fill(f, buf, n)
                        h.update(memoryview(buf)[:got])
                        size += got
                        rows = np.frombuffer(buf, dtype=np.uint8, count=got - got % shard.record_stride)
                        _check_rows(shard, lo, rows.reshape(-1, shard.record_stride), record_problems)
                        if got < n:
                            record_problems.append(Problem(path, lo + got // shard.record_stride, "cannot be read: the file ends inside it"))
                            break
                    size += _hash(f, h, buf, None)
        except OSError as err:
            problems.append(Problem(path, None, f"cannot read ({errno_text(err)})"))
            continue
        if size != entry.bytes:
            problems.append(Problem(path, None, f"size is {size} bytes, index.json says {entry.bytes}"))
        digest = h.hexdigest()
        if digest != entry.sha256:
            problems.append(Problem(path, None, f"SHA-256 is {digest}, index.json says {entry.sha256}"))
        if shard is not None:
            if shard.count != entry.records:
                problems.append(Problem(path, None, f"holds {shard.count} records, index.json says {entry.records}"))
            with open(path, "rb") as f:
                f.seek(shard.footer_offset)
                footer = f.read(shard.count * shard.footer_entry_length)
            if crc32c(footer) != shard.footer_crc:
                problems.append(Problem(path, None, "footer CRC32C mismatch (record offsets/CRCs damaged)"))
            problems.extend(sorted(record_problems, key=lambda p: p.record))
    return problems


def _fill(f, buf: bytearray, n: int) -> int:
    """Reads up to ``n`` bytes into the start of ``buf``; fewer only at the end of the file."""
    view, got = memoryview(buf), 0
    while got < n:
        r = f.readinto(view[got:n])
        if not r:
            break
        got += r
    return got


def _hash(f, h, buf: bytearray, n) -> int:
    """Hashes the next ``n`` bytes (all the rest when None); returns how many there were."""
    total = 0
    while n is None or total < n:
        want = len(buf) if n is None else min(len(buf), n - total)
        got = _fill(f, buf, want)
        if not got:
            break
        h.update(memoryview(buf)[:got])
        total += got
        if got < want:
            break
    return total


def _check_rows(shard, first: int, rows: np.ndarray, problems: List[Problem]) -> None:
    """CRC and padding of the records ``first…`` given as whole-stride rows."""
    length = shard.record_length
    if not len(rows):
        return
    crcs = crc32c_rows(rows[:, :length])
    stored = shard.footer["crc"][first:first + len(rows)]
    for k in np.nonzero(crcs != stored)[0]:
        problems.append(Problem(shard.path, first + int(k), f"CRC32C is 0x{int(crcs[k]):08x}, footer says 0x{int(stored[k]):08x}"))
    if rows.shape[1] > length:
        dirty = np.nonzero(rows[:, length:].any(axis=1) & (crcs == stored))[0]
        problems.extend(Problem(shard.path, first + int(k), "padding after the record is not zero") for k in dirty)
