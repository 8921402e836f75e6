"""Tests for the numpy shard reader against Fixtures/shards/tiny, written by SRKit's Swift writer
(Tests/SRShardsTests/ShardFixtureTests.swift regenerates and checks it byte for byte)."""

import hashlib
import json
import os
import shutil

import numpy as np
import pytest

import srkit_shards as ss

from conftest import TINY as FIXTURE


def expected(i):
    """Record i of the fixture, as ShardFixtureTests.writeFixture defines it."""
    lr = ((7 * i + np.arange(60)) % 256).astype(np.uint8).reshape(4, 5, 3)
    hr = ((13 * i + 3 * np.arange(240)) % 256).astype(np.uint8).reshape(3, 8, 10)
    pos = np.array([i / 2, -1.25], dtype=np.float32)
    return {"lr": lr, "hr": hr, "pos": pos}


@pytest.fixture
def copy(tmp_path):
    """A writable copy of the fixture dataset."""
    dst = tmp_path / "tiny"
    shutil.copytree(FIXTURE, dst)
    return dst


def test_crc32c_check_values():
    assert ss.crc32c(b"123456789") == 0xE3069283
    assert ss.crc32c(bytes(32)) == 0x8A9136AA
    assert ss.crc32c(bytes(range(32))) == 0x46DD794E
    assert ss.crc32c(b"") == 0
    data = bytes((i * 73 + 11) % 256 for i in range(1000))
    assert ss.crc32c(data) == ss.crc32c(data[500:], ss.crc32c(data[:500]))
    rows = np.frombuffer(data[:999], dtype=np.uint8).reshape(9, 111)
    assert list(ss.crc32c_many(rows)) == [ss.crc32c(bytes(r)) for r in rows]


def bitwise_crc32c(data):
    c = 0xFFFFFFFF
    for b in data:
        c ^= b
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
    return c ^ 0xFFFFFFFF


def test_long_records_use_chained_segments_with_the_same_result():
    rng = np.random.default_rng(5)
    rows = rng.integers(0, 256, (2, 4096 * 4 + 1001), dtype=np.uint8)
    assert list(ss.crc32c_many(rows)) == [bitwise_crc32c(bytes(r)) for r in rows]


def test_schema_index_and_records_match_the_writer():
    ds = ss.open_dataset(FIXTURE)
    assert len(ds) == 7
    assert [(f.name, f.dtype, f.shape, f.layout) for f in ds.schema] == [
        ("lr", "uint8", (4, 5, 3), "hwc"), ("hr", "uint8", (3, 8, 10), "chw"), ("pos", "float32", (2,), "hwc")]
    assert [e["records"] for e in ds.index["shards"]] == [3, 3, 1]
    assert ds.provenance["manifest"] == "tiny.yaml" and ds.provenance["seed"] == 7
    for i in range(7):
        rec = ds[i]
        for name, want in expected(i).items():
            assert rec[name].dtype == want.dtype and rec[name].shape == want.shape
            np.testing.assert_array_equal(rec[name], want)
    np.testing.assert_array_equal(ds[-1]["lr"], expected(6)["lr"])
    with pytest.raises(IndexError):
        ds[7]


def test_records_are_read_only_views_of_the_memory_map():
    rec = ss.open_dataset(FIXTURE)[0]
    assert not rec["hr"].flags.writeable
    with pytest.raises(ValueError):
        rec["hr"][0, 0, 0] = 1


def test_single_shard_opens_on_its_own():
    shard = ss.open_dataset(os.path.join(FIXTURE, "shard-00001.srshard"), verify=True)
    assert len(shard) == 3
    np.testing.assert_array_equal(shard[0]["hr"], expected(3)["hr"])


def test_intact_dataset_verifies():
    assert ss.open_dataset(FIXTURE).verify() == []
    ss.open_dataset(FIXTURE, verify=True)


def test_a_flipped_record_byte_is_found(copy):
    path = copy / "shard-00001.srshard"
    shard = ss.Shard(str(path))
    at = int(shard.footer["offset"][2]) + 100
    del shard
    data = bytearray(path.read_bytes())
    data[at] ^= 0x10
    path.write_bytes(bytes(data))
    assert [p.record for p in ss.open_dataset(str(copy)).verify()] == [None], "the SHA-256 alone notices"
    problems = ss.open_dataset(str(copy)).verify(records=True)
    assert [(os.path.basename(p.file), p.record) for p in problems] == [("shard-00001.srshard", None), ("shard-00001.srshard", 2)]
    assert problems[0].message.startswith("SHA-256 is ")
    assert problems[1].message.startswith("CRC32C is 0x")
    with pytest.raises(ss.ShardFormatError, match="record 2: CRC32C"):
        ss.open_dataset(str(copy), verify_records=True)
    with pytest.raises(ss.ShardFormatError, match="SHA-256 is"):
        ss.open_dataset(str(copy), verify=True)
    ds = ss.open_dataset(str(copy))
    with pytest.raises(ss.ShardFormatError, match="record 2"):
        ds.record(5, verify=True)
    ds.record(4, verify=True)


def test_a_changed_index_hash_is_found(copy):
    index = json.loads((copy / "index.json").read_text())
    index["shards"][0]["sha256"] = "0" * 64
    (copy / "index.json").write_text(json.dumps(index))
    problems = ss.open_dataset(str(copy)).verify()
    assert len(problems) == 1 and problems[0].record is None and "SHA-256" in problems[0].message


def test_truncated_and_foreign_files_raise_format_errors(tmp_path):
    data = open(os.path.join(FIXTURE, "shard-00000.srshard"), "rb").read()
    for n in [0, 5, 8, 40, 63, 64, 200, len(data) // 2, len(data) - 33, len(data) - 1]:
        p = tmp_path / f"cut{n}.srshard"
        p.write_bytes(data[:n])
        with pytest.raises(ss.ShardFormatError):
            ss.Shard(str(p))
    p = tmp_path / "x.srshard"
    p.write_bytes(b"not a shard at all, just some text........................................")
    with pytest.raises(ss.ShardFormatError, match="bad magic"):
        ss.Shard(str(p))
    newer = bytearray(data)
    newer[8] = 3
    p.write_bytes(bytes(newer))
    with pytest.raises(ss.ShardFormatError, match="version 3"):
        ss.Shard(str(p))


def test_random_damage_is_always_noticed(tmp_path):
    data = open(os.path.join(FIXTURE, "shard-00000.srshard"), "rb").read()
    rng = np.random.default_rng(3)
    p = tmp_path / "d.srshard"
    for at in rng.integers(0, len(data), 60):
        d = bytearray(data)
        d[at] ^= int(rng.integers(1, 256))
        p.write_bytes(bytes(d))
        try:
            shard = ss.Shard(str(p))
        except ss.ShardFormatError:
            continue
        assert shard.verify(), f"byte {at}"
        del shard


def test_missing_index_is_explained(tmp_path):
    with pytest.raises(ss.ShardFormatError, match="no index.json"):
        ss.Dataset(str(tmp_path))


def test_index_hashes_match_the_files():
    index = json.load(open(os.path.join(FIXTURE, "index.json")))
    for e in index["shards"]:
        data = open(os.path.join(FIXTURE, e["file"]), "rb").read()
        assert hashlib.sha256(data).hexdigest() == e["sha256"] and len(data) == e["bytes"]
