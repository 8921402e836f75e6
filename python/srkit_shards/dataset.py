"""A dataset folder: index.json plus its shards, opened and cross-checked as the Swift
``ShardDataset`` does; records numbered across shards."""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np

from .errors import ShardFormatError, corrupt_shard, record_out_of_range, shard_size_mismatch, unknown_field
from .index import DatasetIndex, load_index
from .problems import Problem
from .schema import Field
from .shard import Shard
from .verify import verify_files


class Dataset:
    """A dataset folder. ``ds[i]`` is dataset record ``i`` as {field: read-only numpy view};
    ``ds.read_batch(indices)`` reads many records into one array per field.

    Opening reads and checks index.json (Swift's checks and messages), then opens every listed
    shard and checks it against its index entry: schema, record count, and size. No record bytes
    are read; ``verify()`` checks those. Picklable without open files (for DataLoader workers).
    """

    def __init__(self, directory: str, verify: bool = False, verify_records: bool = False):
        self.directory = os.fspath(directory)
        #: The checked index (typed); ``index`` is the parsed index.json as a dict.
        self.info: DatasetIndex = load_index(self.directory)
        self.index: Dict[str, Any] = self.info.raw
        self.fields: List[Field] = self.info.fields
        if verify or verify_records:
            problems = self.verify(records=verify_records)
            if problems:
                raise ShardFormatError("dataset verification failed:\n" + "\n".join(map(str, problems)),
                                       "verification_failed", self.directory)
        self.shards: List[Shard] = []
        for entry in self.info.shards:
            path = os.path.join(self.directory, entry.file)
            try:
                size = os.stat(path).st_size
            except OSError:
                size = None  # Shard() reports why it cannot be opened
            if size is not None and size != entry.bytes and os.path.isfile(path):
                raise shard_size_mismatch(path, size, entry.bytes)
            shard = Shard(path)
            if shard.fields != self.fields:
                raise corrupt_shard(shard.path, "its schema differs from index.json's")
            if shard.count != entry.records:
                raise corrupt_shard(shard.path, f"it holds {shard.count} records, index.json says {entry.records}")
            if shard.version != self.info.version:
                raise corrupt_shard(shard.path, f"it is format version {shard.version}, index.json says {self.info.version}")
            self.shards.append(shard)
        self.starts = np.array([e.first_record for e in self.info.shards] + [self.info.total_records], dtype=np.int64)
        self.count: int = self.info.total_records

    @property
    def schema(self) -> List[Field]:
        """The record fields, in storage order."""
        return self.fields

    @property
    def provenance(self) -> Dict[str, Any]:
        """index.json's provenance (tool, manifest, seed, variables, inputs, skipped, counts)."""
        return self.info.provenance

    def __len__(self) -> int:
        return self.count

    def field(self, name: str) -> Field:
        """The schema entry called ``name``; ``UnknownFieldError`` (a ``KeyError``) otherwise."""
        for f in self.fields:
            if f.name == name:
                return f
        raise unknown_field(self.directory, name, [f.name for f in self.fields])

    def locate(self, i: int) -> Tuple[Shard, int]:
        """The shard holding dataset record ``i`` and the record's number inside it."""
        if not -self.count <= i < self.count:
            raise record_out_of_range(self.directory, i, self.count)
        i %= self.count
        s = int(np.searchsorted(self.starts, i, side="right")) - 1
        return self.shards[s], i - int(self.starts[s])

    @property
    def sources(self) -> Optional[List[str]]:
        """Every input image's name relative to its source folder, in input order (what a
        record's ``input`` indexes), or None for a dataset without per-record provenance."""
        return self.info.provenance.get("sources")

    def meta(self, i: int) -> Dict[str, Any]:
        """Where dataset record ``i`` came from: {``source`` (the input's name relative to its
        source folder), ``input`` (its index), ``window`` (1-based, BasicSR's ``_s001``; 0 for a
        whole image), ``x``, ``y``, ``width``, ``height`` (the window in the image the ``patches``
        stage received), ``variant`` (the augment variant, 0 when none), ``name`` (BasicSR's
        sub-image name)}. Raises ``ShardFormatError`` for a dataset written before SRKit stored
        provenance (format version 1)."""
        shard, local = self.locate(int(i))
        p = shard.provenance(local)
        if p is None:
            raise ShardFormatError(f"{self.directory}: the dataset has no per-record provenance (shard format version 1, written before SRKit stored it); run prep run again to get record names and windows.",
                                   "no_record_provenance", self.directory)
        sources = self.sources or []
        if p["input"] >= len(sources):
            raise corrupt_shard(shard.path, f'record {local} names input {p["input"]} but index.json lists {len(sources)} source(s)')
        out: Dict[str, Any] = {"source": sources[p["input"]]}
        out.update(p)
        out["name"] = basicsr_name(out["source"], p["window"], p["variant"])
        return out

    def record(self, i: int, verify: bool = False, copy: bool = False) -> Dict[str, np.ndarray]:
        """Dataset record ``i``; see ``Shard.record``."""
        shard, local = self.locate(int(i))
        return shard.record(local, verify=verify, copy=copy)

    __getitem__ = record

    def read_batch(self, indices: Sequence[int], verify: bool = False,
                   out: Optional[Dict[str, np.ndarray]] = None) -> Dict[str, np.ndarray]:
        """Records ``indices`` (dataset-wide, any order, repeats allowed) as {field: contiguous
        writable array (len(indices), *shape)}, one ``preadv`` per record (or per run of
        consecutive records). ``verify`` checks each record's CRC32C. ``out`` (one C-contiguous
        array per field of shape (len(indices), *shape)) receives the records instead of new arrays."""
        idx = np.asarray(indices, dtype=np.int64).reshape(-1)
        if idx.size and (idx.min() < 0 or idx.max() >= self.count):
            bad = int(idx[(idx < 0) | (idx >= self.count)][0])
            raise record_out_of_range(self.directory, bad, self.count)
        if out is None:
            out = {f.name: np.empty((len(idx),) + f.shape, dtype=f.numpy_dtype) for f in self.fields}
        which = np.searchsorted(self.starts, idx, side="right") - 1
        if len(self.shards) == 1 or (idx.size and (which == which[0]).all()):
            s = int(which[0]) if idx.size else 0
            if idx.size:
                self.shards[s].read_records(idx - self.starts[s], verify=verify, out=out)
            return out
        for s in np.unique(which):
            rows = np.nonzero(which == s)[0]
            self.shards[int(s)].read_records(idx[rows] - self.starts[s], verify=verify, out=out, at=rows)
        return out

    def verify(self, records: bool = False) -> List[Problem]:
        """Streams every shard once: its size and SHA-256 against index.json (which covers every
        byte), and with ``records`` also the footer CRC, each record's CRC32C and the padding, so
        a damaged record is named. Returns the problems (empty when intact)."""
        return verify_files(self.directory, self.info, records=records)

    def close(self) -> None:
        """Closes this process's descriptors and maps."""
        for s in getattr(self, "shards", []):
            s.close()


def open_dataset(path: str, verify: bool = False, verify_records: bool = False):
    """A ``Dataset`` for a folder with index.json, or a ``Shard`` for a single ``.srshard`` file.

    ``verify`` streams every shard's SHA-256 first; ``verify_records`` also every record CRC32C
    (a single shard has no SHA-256 to compare, so it always checks CRCs when asked to verify).
    """
    path = os.fspath(path)
    if os.path.isdir(path):
        return Dataset(path, verify=verify, verify_records=verify_records)
    shard = Shard(path)
    if verify or verify_records:
        problems = shard.verify()
        if problems:
            raise ShardFormatError("shard verification failed:\n" + "\n".join(map(str, problems)), "verification_failed", path)
    return shard


def basicsr_name(source: str, window: int, variant: int) -> str:
    """BasicSR's sub-image name (``RecordProvenance.basicSRName`` in Swift): the file stem,
    ``_s001`` for window 1, ``_v<k>`` for augment variant k."""
    file = source.split("/")[-1]
    stem = file[:file.rindex(".")] if "." in file else file
    name = stem + (f"_s{window:03d}" if window > 0 else "")
    return name + (f"_v{variant}" if variant else "")
