"""One ``.srshard`` file: opened and checked exactly as the Swift ``ShardReader`` does, read
lazily (each process opens its own descriptor and map), never crashing on a file that shrinks.
"""

from __future__ import annotations

import mmap
import os
import struct
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

from . import _swiftjson
from ._crc import crc32c, crc32c_rows
from ._format import (ALIGNMENT, FIXED_HEADER, HEADER_STRUCT, INT_MAX, MAGIC, TRAILER, TRAILER_MAGIC, TRAILER_STRUCT,
                      VERSION, align, footer_dtype, footer_entry)
from .errors import (ShardFormatError, corrupt_shard, errno_text, footer_entry_misplaced, footer_offset_misplaced,
                     not_a_shard, read_failed, record_out_of_range, shard_shrank, unsupported_version)
from .problems import Problem
from .schema import Field, field_offsets, fields_from_json, record_length, schema_problem

#: os.preadv takes at most this many buffers per call (Linux IOV_MAX).
_IOV_MAX = 1024


def _pread(fd: int, n: int, offset: int) -> bytes:
    out = bytearray()
    while len(out) < n:
        chunk = os.pread(fd, n - len(out), offset + len(out))
        if not chunk:
            break
        out += chunk
    return bytes(out)


class Shard:
    """One shard file. ``shard[i]`` is record ``i`` as {field: read-only numpy view}.

    Opening reads only the header, trailer and footer (with ``pread``) and checks them as the Swift
    reader does, with its messages. The file is opened for data on first use, separately in every
    process (a ``Shard`` pickles without descriptors, and a forked child reopens), so it is safe
    in DataLoader workers under fork and spawn.

    Truncation: ``read_records`` and ``record(i, copy=True)`` read with ``preadv`` and turn a short
    read into ``ShardFormatError``; ``record(i)`` (views into the map) checks the file size first.
    A view handed out earlier still points into the map: if the file is truncated afterwards,
    touching it is a SIGBUS, so copy what you keep, or use the copying reads.
    """

    def __init__(self, path: str):
        self.path = os.fspath(path)
        self._fd: Optional[int] = None
        self._pid: Optional[int] = None
        self._mm: Optional[mmap.mmap] = None
        self._bytes: Optional[np.ndarray] = None
        fd = self._open_checked()
        try:
            self._parse(fd, os.fstat(fd).st_size)
        finally:
            os.close(fd)

    # --- opening, as ShardReader.init ------------------------------------------------------

    def _open_checked(self) -> int:
        try:
            fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
        except OSError as e:
            raise read_failed(self.path, errno_text(e)) from None
        try:
            st = os.fstat(fd)
        except OSError as e:
            os.close(fd)
            raise read_failed(self.path, f"stat: {errno_text(e)}") from None
        import stat as _stat
        if not _stat.S_ISREG(st.st_mode):
            os.close(fd)
            raise read_failed(self.path, "not a regular file")
        return fd

    def _corrupt(self, reason: str) -> ShardFormatError:
        return corrupt_shard(self.path, reason)

    def _parse(self, fd: int, size: int) -> None:
        head = _pread(fd, min(size, FIXED_HEADER), 0)
        if size < 8:
            if size == 0 or not MAGIC.startswith(head):
                raise not_a_shard(self.path)
            raise self._corrupt(f"file is only {size} bytes")
        if head[:8] != MAGIC:
            raise not_a_shard(self.path)
        if size < FIXED_HEADER:
            raise self._corrupt(f"header truncated at {size} bytes")
        version, alignment, header_len, rec_len, stride, schema_len, header_crc = struct.unpack_from(HEADER_STRUCT, head, 8)
        if header_len > INT_MAX or rec_len > INT_MAX or stride > INT_MAX:
            raise self._corrupt(f"header truncated at {size} bytes")
        if version > VERSION or version == 0:
            raise unsupported_version(self.path, version, VERSION)
        if alignment != ALIGNMENT:
            raise self._corrupt(f"alignment {alignment}, expected {ALIGNMENT}")
        if FIXED_HEADER + schema_len > size or header_len != align(FIXED_HEADER + schema_len) or header_len > size:
            raise self._corrupt(f"header length {header_len} or schema length {schema_len} does not fit the file")
        header = bytearray(_pread(fd, header_len, 0))
        header[44:48] = b"\0\0\0\0"
        if len(header) != header_len or crc32c(header) != header_crc:
            raise self._corrupt("header CRC32C mismatch")
        try:
            obj = _swiftjson.decode(_swiftjson.parse(bytes(header[FIXED_HEADER:FIXED_HEADER + schema_len])), _swiftjson.SCHEMA)
            fields = fields_from_json(obj)
            if schema_problem(fields):
                raise _swiftjson.DecodeError("invalid")
        except _swiftjson.DecodeError:
            raise self._corrupt("schema JSON is unreadable") from None
        self.fields: List[Field] = fields
        self.offsets: List[int] = field_offsets(fields)
        if rec_len != record_length(fields) or stride != align(record_length(fields)):
            raise self._corrupt(f"record length {rec_len}/stride {stride} disagree with the schema")
        self.version, self.header_length, self.record_length, self.record_stride = version, header_len, rec_len, stride
        tail = _pread(fd, TRAILER, size - TRAILER) if size >= TRAILER else b""
        if size < header_len + TRAILER or tail[24:32] != TRAILER_MAGIC:
            raise self._corrupt("trailer missing (file truncated?)")
        footer_off, count, footer_crc, reserved = struct.unpack_from(TRAILER_STRUCT, tail, 0)
        if footer_off > INT_MAX or count > INT_MAX or reserved != 0:
            raise self._corrupt("trailer missing (file truncated?)")
        entry = footer_entry(version)
        self.footer_entry_length = entry
        if (footer_off < header_len or footer_off > size - TRAILER or count * entry > INT_MAX
                or count * entry != size - TRAILER - footer_off):
            raise self._corrupt(f"footer offset {footer_off} and record count {count} do not fit a {size}-byte file")
        footer = np.frombuffer(_pread(fd, count * entry, footer_off), dtype=footer_dtype(version))
        if len(footer) != count:
            raise self._corrupt("trailer missing (file truncated?)")
        expected_footer = header_len + count * stride
        if footer_off != expected_footer:
            raise footer_offset_misplaced(self.path, footer_off, count, expected_footer)
        off, ln = footer["offset"], footer["length"]
        limit = footer_off - rec_len
        outside = (ln != rec_len) | (off < header_len) | (off % ALIGNMENT != 0)
        outside |= (off > np.uint64(limit)) if limit >= 0 else np.ones(count, dtype=bool)
        # Records have a fixed size, so entry k must point at header + k * stride: a flipped bit
        # in an aligned, in-range offset would otherwise hand out a shifted record.
        expected = np.uint64(header_len) + np.arange(count, dtype=np.uint64) * np.uint64(stride)
        misplaced = off != expected
        malformed = ((footer["variant"] > 7) | (footer["reserved2"] != 0)) if version >= 2 else np.zeros(count, dtype=bool)
        bad = outside | misplaced | malformed
        if count and bad.any():
            k = int(np.argmax(bad))  # the first bad entry, checked in the Swift reader's order
            if outside[k]:
                raise self._corrupt(f"footer entry {k} points outside the record area")
            if misplaced[k]:
                raise footer_entry_misplaced(self.path, k, int(off[k]), int(expected[k]))
            raise self._corrupt(f"footer entry {k} has a malformed provenance (variant above 7 or reserved bytes set)")
        self.count: int = int(count)
        self.size: int = size
        self.footer = footer
        self.footer_offset, self.footer_crc = footer_off, footer_crc

    # --- lazy, per-process access ------------------------------------------------------------

    def __getstate__(self):
        state = dict(self.__dict__)
        state.update(_fd=None, _pid=None, _mm=None, _bytes=None)
        return state

    def _descriptor(self) -> int:
        if self._fd is None or self._pid != os.getpid():
            # A forked child inherits the parent's descriptor and map; open its own instead.
            self._fd, self._mm, self._bytes = self._open_checked(), None, None
            self._pid = os.getpid()
        return self._fd

    def _check_size(self) -> None:
        now = os.fstat(self._descriptor()).st_size
        if now < self.size:
            raise shard_shrank(self.path, self.size, now)

    def _map(self) -> np.ndarray:
        fd = self._descriptor()
        if self._bytes is None:
            self._check_size()
            self._mm = mmap.mmap(fd, 0, access=mmap.ACCESS_READ)
            self._bytes = np.frombuffer(self._mm, dtype=np.uint8)
        return self._bytes

    def close(self) -> None:
        """Releases this process's descriptor and map (views already handed out keep the map alive)."""
        if self._fd is not None and self._pid == os.getpid():
            os.close(self._fd)
        self._fd = self._mm = self._bytes = self._pid = None

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass

    # --- reading -----------------------------------------------------------------------------

    @property
    def schema(self) -> List[Field]:
        """The record fields, in storage order."""
        return self.fields

    def __len__(self) -> int:
        return self.count

    @property
    def has_provenance(self) -> bool:
        """Whether the footer stores each record's provenance (format version 2)."""
        return self.version >= 2

    def provenance(self, i: int) -> Optional[Dict[str, int]]:
        """Record ``i``'s stored provenance as {input, window, x, y, width, height, variant}
        (see ``Docs/shard-format.md``), or None in a version-1 shard."""
        i = self._check_index(int(i))
        if self.version < 2:
            return None
        e = self.footer[i]
        return {k: int(e[k]) for k in ("input", "window", "x", "y", "width", "height", "variant")}

    def record_offset(self, i: int) -> int:
        """File offset of record ``i``."""
        return self.header_length + i * self.record_stride

    def _check_index(self, i: int) -> int:
        if not -self.count <= i < self.count:
            raise record_out_of_range(self.path, i, self.count)
        return i % self.count

    def record(self, i: int, verify: bool = False, copy: bool = False) -> Dict[str, np.ndarray]:
        """Record ``i`` as {field name: array of the field's shape}.

        Views into the map (read-only, no copy) unless ``copy``, which reads with ``pread`` into
        fresh writable arrays. ``verify`` checks the record's CRC32C first.
        """
        i = self._check_index(int(i))
        if copy or verify:
            out = self.read_records(np.array([i]), verify=verify)
            return {k: v[0] for k, v in out.items()}
        data = self._map()
        self._check_size()
        start = self.record_offset(i)
        return {f.name: data[start + o:start + o + f.byte_count].view(f.numpy_dtype).reshape(f.shape)
                for f, o in zip(self.fields, self.offsets)}

    __getitem__ = record

    def read_records(self, indices: Sequence[int], verify: bool = False,
                     out: Optional[Dict[str, np.ndarray]] = None, at: Optional[np.ndarray] = None) -> Dict[str, np.ndarray]:
        """Records ``indices`` (in that order) as {field: array (len(indices), *shape)}, read with
        ``preadv`` straight into one contiguous array per field (no per-record objects).

        ``out``/``at`` let a dataset fill rows ``at`` of larger arrays. ``verify`` also checks each
        record's CRC32C. A short read (the file shrank) raises ``ShardFormatError``.
        """
        idx = np.asarray(indices, dtype=np.int64)
        if idx.size and (idx.min() < 0 or idx.max() >= self.count):
            bad = int(idx[(idx < 0) | (idx >= self.count)][0])
            raise record_out_of_range(self.path, bad, self.count)
        rows = np.arange(len(idx)) if at is None else np.asarray(at)
        if out is None:
            out = {f.name: np.empty((len(idx),) + f.shape, dtype=f.numpy_dtype) for f in self.fields}
        fd = self._descriptor()
        if verify:
            raw = np.empty((len(idx), self.record_length), dtype=np.uint8)
            flat = memoryview(raw.reshape(-1))
            n = self.record_length
            for k, i in enumerate(idx.tolist()):
                got = os.preadv(fd, [flat[k * n:(k + 1) * n]], self.header_length + i * self.record_stride)
                if got != n:
                    self._short_read(i)
            crcs = crc32c_rows(raw)
            stored = self.footer["crc"][idx]
            wrong = np.nonzero(crcs != stored)[0]
            if len(wrong):
                k = int(wrong[0])
                raise ShardFormatError(f"{self.path} record {int(idx[k])}: CRC32C is 0x{int(crcs[k]):08x}, footer says 0x{int(stored[k]):08x}",
                                       "corrupt_record", self.path)
            for f, o in zip(self.fields, self.offsets):
                out[f.name][rows] = raw[:, o:o + f.byte_count].view(f.numpy_dtype).reshape((len(idx),) + f.shape)
            return out
        # Scatter each record's fields straight into the output rows; gaps between fields (and
        # the stride padding between consecutive records) go to a scratch buffer.
        views = [memoryview(out[f.name].reshape(out[f.name].shape[0], -1).view(np.uint8).reshape(-1)) for f in self.fields]
        sizes = [f.byte_count for f in self.fields]
        gaps = [self.offsets[j + 1] - (self.offsets[j] + sizes[j]) for j in range(len(self.fields) - 1)]
        tail_pad = self.record_stride - self.record_length
        scratch = memoryview(bytearray(max([tail_pad] + gaps + [0]) or 1))
        per_record = len(self.fields) + sum(1 for g in gaps if g)
        idx_list, rows_list = idx.tolist(), rows.tolist()
        k = 0
        while k < len(idx_list):
            # A run of consecutive records is one preadv (sequential epochs read in few calls).
            run = 1
            limit = max(1, _IOV_MAX // (per_record + 1))
            while k + run < len(idx_list) and run < limit and idx_list[k + run] == idx_list[k] + run:
                run += 1
            iov = []
            for r in range(run):
                row = rows_list[k + r]
                for j, size in enumerate(sizes):
                    iov.append(views[j][row * size:(row + 1) * size])
                    if j < len(gaps) and gaps[j]:
                        iov.append(scratch[:gaps[j]])
                if r + 1 < run and tail_pad:
                    iov.append(scratch[:tail_pad])
            want = run * self.record_length + (run - 1) * tail_pad
            got = os.preadv(fd, iov, self.header_length + idx_list[k] * self.record_stride)
            if got != want:
                self._short_read(idx_list[k])
            k += run
        return out

    def _short_read(self, i: int):
        raise shard_shrank(self.path, self.size, os.fstat(self._descriptor()).st_size)

    # --- checking ----------------------------------------------------------------------------

    def verify(self, chunk_bytes: int = 8 << 20) -> List[Problem]:
        """Footer CRC, every record's CRC32C and zero padding, streamed with ``pread`` in chunks
        (never through the map, so a file shrinking meanwhile is a problem, not a crash)."""
        problems: List[Problem] = []
        fd = self._descriptor()
        footer = _pread(fd, self.count * self.footer_entry_length, self.footer_offset)
        if len(footer) != self.count * self.footer_entry_length or crc32c(footer) != self.footer_crc:
            problems.append(Problem(self.path, None, "footer CRC32C mismatch (record offsets/CRCs damaged)"))
        if self.count == 0:
            return problems
        per = max(1, chunk_bytes // self.record_stride)
        buf = np.empty(per * self.record_stride, dtype=np.uint8)
        stored = self.footer["crc"]
        pad = self.record_stride - self.record_length
        for lo in range(0, self.count, per):
            hi = min(self.count, lo + per)
            n = (hi - lo) * self.record_stride
            got = os.preadv(fd, [memoryview(buf)[:n]], self.record_offset(lo))
            if got != n:
                problems.append(Problem(self.path, lo, f"cannot be read: the file ends at {os.fstat(fd).st_size} bytes"))
                break
            rows = buf[:n].reshape(hi - lo, self.record_stride)
            crcs = crc32c_rows(rows[:, :self.record_length])
            for k in np.nonzero(crcs != stored[lo:hi])[0]:
                problems.append(Problem(self.path, lo + int(k), f"CRC32C is 0x{int(crcs[k]):08x}, footer says 0x{int(stored[lo + k]):08x}"))
            if pad:
                dirty = np.nonzero(rows[:, self.record_length:].any(axis=1) & (crcs == stored[lo:hi]))[0]
                problems += [Problem(self.path, lo + int(k), "padding after the record is not zero") for k in dirty]
        return sorted(problems, key=lambda p: (-1 if p.record is None else p.record))
