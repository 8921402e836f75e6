"""A minimal shard writer for tests, written from Docs/shard-format.md (the product's writer is
Swift; Fixtures/shards/tiny is its output). Used to make datasets of any shape and size here."""

import hashlib
import json
import os
import struct

import numpy as np

from srkit_shards import crc32c


def _align(n):
    return (n + 63) // 64 * 64


def write_shard(path, fields, records):
    """fields: [(name, dtype, shape, layout)]; records: list of {name: array}."""
    schema = {"fields": [{"dtype": d, "layout": l, "name": n, "shape": list(s)} for n, d, s, l in fields]}
    schema_json = json.dumps(schema, sort_keys=True, separators=(",", ":")).encode()
    header_len = _align(64 + len(schema_json))
    sizes = [int(np.prod(s)) * (1 if d == "uint8" else 4) for _, d, s, _ in fields]
    offsets, at = [], 0
    for size in sizes:
        offsets.append(at)
        at = _align(at + size)
    rec_len = offsets[-1] + sizes[-1]
    stride = _align(rec_len)
    header = bytearray(header_len)
    header[:8] = b"SRSHARD\0"
    struct.pack_into("<IIQQQII", header, 8, 1, 64, header_len, rec_len, stride, len(schema_json), 0)
    header[64:64 + len(schema_json)] = schema_json
    struct.pack_into("<I", header, 44, crc32c(bytes(header)))
    body, footer = bytearray(), bytearray()
    for k, rec in enumerate(records):
        r = bytearray(stride)
        for (name, dtype, shape, _), o, size in zip(fields, offsets, sizes):
            a = np.ascontiguousarray(rec[name], dtype="u1" if dtype == "uint8" else "<f4").reshape(shape)
            r[o:o + size] = a.tobytes()
        body += r
        footer += struct.pack("<QQII", header_len + k * stride, rec_len, crc32c(bytes(r[:rec_len])), 0)
    footer_off = header_len + len(body)
    trailer = struct.pack("<QQII", footer_off, len(records), crc32c(bytes(footer)), 0) + b"SRSHEND\0"
    data = bytes(header) + bytes(body) + bytes(footer) + trailer
    with open(path, "wb") as f:
        f.write(data)
    return data


def write_dataset(directory, fields, records, per_shard):
    os.makedirs(directory, exist_ok=True)
    shards, first = [], 0
    for s, lo in enumerate(range(0, len(records), per_shard)):
        name = f"shard-{s:05d}.srshard"
        data = write_shard(os.path.join(directory, name), fields, records[lo:lo + per_shard])
        n = len(records[lo:lo + per_shard])
        shards.append({"bytes": len(data), "file": name, "firstRecord": first, "records": n,
                       "sha256": hashlib.sha256(data).hexdigest()})
        first += n
    index = {"format": "srkit-shards", "version": 1,
             "schema": {"fields": [{"dtype": d, "layout": l, "name": n, "shape": list(s)} for n, d, s, l in fields]},
             "shards": shards, "totalRecords": first,
             "provenance": {"counts": {}, "inputs": [], "manifest": "test", "manifestSHA256": "0" * 64, "seed": 0,
                            "skipped": [], "tool": "tests", "variables": {}}}
    with open(os.path.join(directory, "index.json"), "w") as f:
        json.dump(index, f, indent=2, sort_keys=True)
        f.write("\n")
    return index
