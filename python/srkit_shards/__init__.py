"""Read SRKit shard datasets (``prep run`` output) as numpy arrays.

Needs only numpy. The byte layout is specified in ``Docs/shard-format.md``; this module only
reads (it never writes shards).

    >>> import srkit_shards
    >>> ds = srkit_shards.open_dataset("out/t91")          # folder with index.json
    >>> len(ds), [f.name for f in ds.schema]
    >>> rec = ds[0]                                        # {"lr": ndarray, "hr": ndarray, ...}
    >>> problems = ds.verify()                             # [] when every SHA-256/CRC32C matches

Records are read-only numpy views into memory-mapped shards (no copy); call ``.copy()`` to
modify one. ``open_dataset(path, verify=True)`` checks every shard's SHA-256 and every record's
CRC32C before returning and raises ``ShardFormatError`` listing the damage.
"""

from __future__ import annotations

import hashlib
import json
import mmap
import os
import struct
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

__all__ = [
    "MAGIC", "TRAILER_MAGIC", "VERSION", "ALIGNMENT",
    "ShardFormatError", "Field", "Problem", "Shard", "Dataset", "open_dataset", "crc32c", "crc32c_many",
]

MAGIC = b"SRSHARD\0"
TRAILER_MAGIC = b"SRSHEND\0"
VERSION = 1
ALIGNMENT = 64
FIXED_HEADER = 64
TRAILER = 32
FOOTER_DTYPE = np.dtype([("offset", "<u8"), ("length", "<u8"), ("crc", "<u4"), ("reserved", "<u4")])
_DTYPES = {"uint8": np.dtype("u1"), "float32": np.dtype("<f4")}


class ShardFormatError(Exception):
    """A shard or index.json is missing, damaged, truncated or of a newer version."""


# --- CRC-32C (Castagnoli, reflected 0x82F63B78) -------------------------------------------

def _tables() -> np.ndarray:
    t = np.zeros((8, 256), dtype=np.uint32)
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        t[0, i] = c
    for k in range(1, 8):
        prev = t[k - 1]
        t[k] = t[0][prev & 0xFF] ^ (prev >> 8)
    return t


_T = _tables()
_T0 = [int(v) for v in _T[0]]


def crc32c(data, crc: int = 0) -> int:
    """CRC-32C of ``data`` (bytes-like), continuing from ``crc``; ``crc32c(b"123456789") == 0xE3069283``."""
    buf = np.frombuffer(memoryview(data).cast("B"), dtype=np.uint8)
    if len(buf) >= 256:
        return int(crc32c_many(buf.reshape(1, -1), initial=crc)[0])
    c = crc ^ 0xFFFFFFFF
    t = _T0
    for b in buf.tolist():
        c = t[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def _raw_many(rows: np.ndarray, state: np.ndarray) -> np.ndarray:
    """The CRC register after feeding each row of ``rows`` into ``state`` (no init/final XOR);
    vectorised across rows, slicing-by-8 per step."""
    n, length = rows.shape
    c = state.astype(np.uint32, copy=True)
    t = _T
    words = length // 8
    if words:
        w = np.ascontiguousarray(rows[:, : words * 8]).view("<u4").reshape(n, words, 2)
        for j in range(words):
            lo = w[:, j, 0] ^ c
            hi = w[:, j, 1]
            c = (t[7][lo & 0xFF] ^ t[6][(lo >> 8) & 0xFF] ^ t[5][(lo >> 16) & 0xFF] ^ t[4][lo >> 24]
                 ^ t[3][hi & 0xFF] ^ t[2][(hi >> 8) & 0xFF] ^ t[1][(hi >> 16) & 0xFF] ^ t[0][hi >> 24])
    for j in range(words * 8, length):
        c = t[0][(c ^ rows[:, j]) & 0xFF] ^ (c >> 8)
    return c


_SEGMENT = 4096
_SHIFT = {}


def _shift_columns(length: int) -> np.ndarray:
    """Column i = the register after feeding ``length`` zero bytes into state 1 << i: the CRC
    register update is linear, so these 32 columns shift any state past ``length`` bytes."""
    if length not in _SHIFT:
        states = (np.uint32(1) << np.arange(32, dtype=np.uint32)).astype(np.uint32)
        _SHIFT[length] = _raw_many(np.zeros((32, length), dtype=np.uint8), states)
    return _SHIFT[length]


def _apply(columns: np.ndarray, state: np.ndarray) -> np.ndarray:
    out = np.zeros_like(state)
    for i in range(32):
        out ^= np.where((state >> np.uint32(i)) & np.uint32(1), columns[i], np.uint32(0))
    return out


def crc32c_many(rows: np.ndarray, initial: int = 0) -> np.ndarray:
    """CRC-32C of each row of a 2-D uint8 array, vectorised across rows.

    Long rows are cut into 4 KiB segments whose CRCs are computed together and then chained
    (register(A+B) = shift(register(A), len B) ^ register_from_zero(B)), so one long record is
    as fast as many short ones.
    """
    rows = np.asarray(rows, dtype=np.uint8)
    n, length = rows.shape
    start = np.full(n, initial ^ 0xFFFFFFFF, dtype=np.uint32)
    segments = length // _SEGMENT if length >= 4 * _SEGMENT else 0
    if segments == 0:
        return _raw_many(rows, start) ^ np.uint32(0xFFFFFFFF)
    body = np.ascontiguousarray(rows[:, : segments * _SEGMENT]).reshape(n * segments, _SEGMENT)
    parts = _raw_many(body, np.zeros(n * segments, dtype=np.uint32)).reshape(n, segments)
    columns = _shift_columns(_SEGMENT)
    c = start
    for k in range(segments):
        c = _apply(columns, c) ^ parts[:, k]
    c = _raw_many(rows[:, segments * _SEGMENT:], c)
    return c ^ np.uint32(0xFFFFFFFF)


# --- schema ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Field:
    """One field of every record: name, dtype ("uint8"/"float32"), shape and layout ("hwc"/"chw")."""

    name: str
    dtype: str
    shape: Tuple[int, ...]
    layout: str

    @property
    def numpy_dtype(self) -> np.dtype:
        return _DTYPES[self.dtype]

    @property
    def byte_count(self) -> int:
        return int(np.prod(self.shape)) * self.numpy_dtype.itemsize


def _parse_schema(obj, where: str) -> List[Field]:
    try:
        fields = [Field(str(f["name"]), str(f["dtype"]), tuple(int(d) for d in f["shape"]), str(f["layout"]))
                  for f in obj["fields"]]
    except (KeyError, TypeError, ValueError) as e:
        raise ShardFormatError(f"{where}: schema is unreadable ({e!r})") from None
    if not fields:
        raise ShardFormatError(f"{where}: schema has no fields")
    for f in fields:
        if f.dtype not in _DTYPES or f.layout not in ("hwc", "chw") or not f.shape or min(f.shape) < 1:
            raise ShardFormatError(f"{where}: field {f.name!r} has an unsupported dtype, layout or shape")
    return fields


def _align(n: int) -> int:
    return (n + ALIGNMENT - 1) // ALIGNMENT * ALIGNMENT


def field_offsets(fields: Sequence[Field]) -> List[int]:
    """Byte offset of each field inside a record: 0, then each previous end rounded up to 64."""
    out, at = [], 0
    for f in fields:
        out.append(at)
        at = _align(at + f.byte_count)
    return out


@dataclass(frozen=True)
class Problem:
    """A defect found by verification: file, record number inside that shard (None = whole file), message."""

    file: str
    record: Optional[int]
    message: str

    def __str__(self) -> str:
        return f"{self.file} record {self.record}: {self.message}" if self.record is not None else f"{self.file}: {self.message}"


# --- one shard ------------------------------------------------------------------------------

class Shard:
    """One memory-mapped ``.srshard`` file. ``shard[i]`` is record ``i`` as a dict of numpy arrays."""

    def __init__(self, path: str):
        self.path = os.fspath(path)
        try:
            with open(self.path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                if size == 0:
                    raise ShardFormatError(f"{self.path}: empty file, not an SRKit shard")
                self._mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except OSError as e:
            raise ShardFormatError(f"{self.path}: cannot open ({e.strerror})") from None
        self._bytes = np.frombuffer(self._mm, dtype=np.uint8)
        self._parse(size)

    def _corrupt(self, why: str) -> ShardFormatError:
        return ShardFormatError(f"{self.path}: corrupt shard ({why})")

    def _parse(self, size: int) -> None:
        mm = self._mm
        if mm[:8] != MAGIC:
            if size < 8 and MAGIC.startswith(mm[:size]):
                raise self._corrupt(f"file is only {size} bytes")
            raise ShardFormatError(f"{self.path}: not an SRKit shard (bad magic)")
        if size < FIXED_HEADER:
            raise self._corrupt(f"header truncated at {size} bytes")
        version, alignment, header_len, rec_len, stride, schema_len, header_crc = struct.unpack_from("<IIQQQII", mm, 8)
        if version == 0 or version > VERSION:
            raise ShardFormatError(f"{self.path}: shard format version {version} is newer than this reader's {VERSION}")
        if alignment != ALIGNMENT:
            raise self._corrupt(f"alignment {alignment}")
        if header_len != _align(FIXED_HEADER + schema_len) or header_len > size:
            raise self._corrupt("header length does not fit the file")
        header = bytearray(mm[:header_len])
        header[44:48] = b"\0\0\0\0"
        if crc32c(header) != header_crc:
            raise self._corrupt("header CRC32C mismatch")
        try:
            schema_obj = json.loads(bytes(mm[FIXED_HEADER:FIXED_HEADER + schema_len]).decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            raise self._corrupt("schema JSON is unreadable") from None
        self.fields = _parse_schema(schema_obj, self.path)
        self.offsets = field_offsets(self.fields)
        if rec_len != self.offsets[-1] + self.fields[-1].byte_count or stride != _align(rec_len):
            raise self._corrupt("record length/stride disagree with the schema")
        self.version, self.record_length, self.record_stride = version, rec_len, stride
        if size < header_len + TRAILER or mm[size - 8:size] != TRAILER_MAGIC:
            raise self._corrupt("trailer missing (file truncated?)")
        footer_off, count, footer_crc, reserved = struct.unpack_from("<QQII", mm, size - TRAILER)
        if reserved != 0 or footer_off < header_len or count * FOOTER_DTYPE.itemsize != size - TRAILER - footer_off:
            raise self._corrupt("footer offset and record count do not fit the file")
        self._footer_offset, self._footer_crc = footer_off, footer_crc
        self.footer = np.frombuffer(self._mm, dtype=FOOTER_DTYPE, count=count, offset=footer_off)
        off, ln = self.footer["offset"].astype(np.int64), self.footer["length"].astype(np.int64)
        if count and (np.any(ln != rec_len) or np.any(off < header_len) or np.any(off % ALIGNMENT)
                      or np.any(off + ln > footer_off)):
            raise self._corrupt("a footer entry points outside the record area")
        self.count = count
        self.size = size

    @property
    def schema(self) -> List[Field]:
        return self.fields

    def __len__(self) -> int:
        return self.count

    def record(self, i: int, verify: bool = False) -> Dict[str, np.ndarray]:
        """Record ``i`` as {field name: read-only array of the field's shape}; ``verify`` checks its CRC first."""
        if not -self.count <= i < self.count:
            raise IndexError(f"{self.path}: record {i} does not exist; the shard has {self.count} record(s)")
        i %= self.count
        start = int(self.footer["offset"][i])
        if verify:
            got = crc32c(self._bytes[start:start + self.record_length])
            if got != int(self.footer["crc"][i]):
                raise ShardFormatError(f"{self.path} record {i}: CRC32C is 0x{got:08x}, footer says 0x{int(self.footer['crc'][i]):08x}")
        out = {}
        for f, o in zip(self.fields, self.offsets):
            raw = self._bytes[start + o:start + o + f.byte_count]
            out[f.name] = raw.view(f.numpy_dtype).reshape(f.shape)
        return out

    __getitem__ = record

    def verify(self) -> List[Problem]:
        """Footer CRC, every record's CRC32C and zero padding; returns the problems (empty if intact)."""
        problems = []
        footer = self._bytes[self._footer_offset:self._footer_offset + self.count * FOOTER_DTYPE.itemsize]
        if crc32c(footer) != self._footer_crc:
            problems.append(Problem(self.path, None, "footer CRC32C mismatch (record offsets/CRCs damaged)"))
        if self.count == 0:
            return problems
        starts = self.footer["offset"].astype(np.int64)
        crcs = np.zeros(self.count, dtype=np.uint32)
        per_chunk = max(1, (16 << 20) // max(1, self.record_length))   # about 16 MiB of records at a time
        for lo in range(0, self.count, per_chunk):
            hi = min(self.count, lo + per_chunk)
            rows = np.stack([self._bytes[o:o + self.record_length] for o in starts[lo:hi]])
            crcs[lo:hi] = crc32c_many(rows)
        for i in np.nonzero(crcs != self.footer["crc"])[0]:
            problems.append(Problem(self.path, int(i), f"CRC32C is 0x{int(crcs[i]):08x}, footer says 0x{int(self.footer['crc'][i]):08x}"))
        pad = self.record_stride - self.record_length
        if pad:
            ends = np.minimum(starts + self.record_stride, self._footer_offset)
            for i in range(self.count):
                if np.any(self._bytes[starts[i] + self.record_length:ends[i]]) and crcs[i] == self.footer["crc"][i]:
                    problems.append(Problem(self.path, i, "padding after the record is not zero"))
        return sorted(problems, key=lambda p: (-1 if p.record is None else p.record))


# --- a dataset folder -----------------------------------------------------------------------

class Dataset:
    """A dataset folder: index.json plus its shards. ``ds[i]`` is dataset record ``i`` (across shards)."""

    def __init__(self, directory: str, verify: bool = False):
        self.directory = os.fspath(directory)
        index_path = os.path.join(self.directory, "index.json")
        try:
            with open(index_path, "rb") as f:
                self.index = json.load(f)
        except FileNotFoundError:
            raise ShardFormatError(f"{index_path}: no index.json; not a finished SRKit dataset") from None
        except (OSError, ValueError) as e:
            raise ShardFormatError(f"{index_path}: invalid dataset index ({e})") from None
        if not isinstance(self.index, dict) or self.index.get("format") != "srkit-shards":
            raise ShardFormatError(f"{index_path}: invalid dataset index (format is not srkit-shards)")
        if int(self.index.get("version", 0)) > VERSION:
            raise ShardFormatError(f"{index_path}: format version {self.index['version']} is newer than this reader's {VERSION}")
        self.fields = _parse_schema(self.index.get("schema"), index_path)
        self.entries = list(self.index.get("shards", []))
        for e in self.entries:
            name = str(e.get("file", ""))
            if "/" in name or "\\" in name or not name.endswith(".srshard"):
                raise ShardFormatError(f"{index_path}: bad shard file name {name!r}")
        if verify:
            problems = self.verify()
            if problems:
                raise ShardFormatError("dataset verification failed:\n" + "\n".join(map(str, problems)))
        self.shards = []
        for e in self.entries:
            shard = Shard(os.path.join(self.directory, e["file"]))
            if shard.count != int(e["records"]):
                raise ShardFormatError(f"{shard.path}: holds {shard.count} records, index.json says {e['records']}")
            if shard.fields != self.fields:
                raise ShardFormatError(f"{shard.path}: schema differs from index.json's")
            self.shards.append(shard)
        self.starts = np.cumsum([0] + [s.count for s in self.shards])
        self.count = int(self.starts[-1])
        if self.count != int(self.index.get("totalRecords", -1)):
            raise ShardFormatError(f"{index_path}: totalRecords is {self.index.get('totalRecords')} but the shards hold {self.count}")

    @property
    def schema(self) -> List[Field]:
        return self.fields

    @property
    def provenance(self) -> dict:
        return self.index.get("provenance", {})

    def __len__(self) -> int:
        return self.count

    def locate(self, i: int) -> Tuple[Shard, int]:
        """The shard holding dataset record ``i`` and the record's number inside it."""
        if not -self.count <= i < self.count:
            raise IndexError(f"{self.directory}: record {i} does not exist; the dataset has {self.count} record(s)")
        i %= self.count
        s = int(np.searchsorted(self.starts, i, side="right")) - 1
        return self.shards[s], i - int(self.starts[s])

    def record(self, i: int, verify: bool = False) -> Dict[str, np.ndarray]:
        """Dataset record ``i`` as {field name: read-only array}; ``verify`` checks its CRC32C first."""
        shard, local = self.locate(i)
        return shard.record(local, verify=verify)

    __getitem__ = record

    def verify(self) -> List[Problem]:
        """Every shard's size and SHA-256 against index.json, its record count and every CRC32C."""
        problems: List[Problem] = []
        for e in self.entries:
            path = os.path.join(self.directory, e["file"])
            try:
                h = hashlib.sha256()
                size = 0
                with open(path, "rb") as f:
                    for chunk in iter(lambda: f.read(1 << 20), b""):
                        h.update(chunk)
                        size += len(chunk)
            except OSError as err:
                problems.append(Problem(path, None, f"cannot read ({err.strerror})"))
                continue
            if size != int(e.get("bytes", -1)):
                problems.append(Problem(path, None, f"size is {size} bytes, index.json says {e.get('bytes')}"))
            if h.hexdigest() != e.get("sha256"):
                problems.append(Problem(path, None, f"SHA-256 is {h.hexdigest()}, index.json says {e.get('sha256')}"))
            try:
                shard = Shard(path)
            except ShardFormatError as err:
                problems.append(Problem(path, None, f"cannot be opened: {err}"))
                continue
            if shard.count != int(e.get("records", -1)):
                problems.append(Problem(path, None, f"holds {shard.count} records, index.json says {e.get('records')}"))
            problems.extend(shard.verify())
        return problems


def open_dataset(path: str, verify: bool = False):
    """A ``Dataset`` for a folder with index.json, or a ``Shard`` for a single ``.srshard`` file."""
    if os.path.isdir(path):
        return Dataset(path, verify=verify)
    shard = Shard(path)
    if verify:
        problems = shard.verify()
        if problems:
            raise ShardFormatError("shard verification failed:\n" + "\n".join(map(str, problems)))
    return shard
