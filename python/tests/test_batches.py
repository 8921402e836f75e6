"""Batch reads, streaming verification and both CRC implementations."""

import os
import subprocess
import sys

import numpy as np
import pytest

import srkit_shards as ss
from conftest import TINY


def test_read_batch_equals_records_in_any_order_across_shards(sub_dataset):
    path, records = sub_dataset
    ds = ss.open_dataset(path)
    assert len(ds.shards) == 6
    order = np.array([56, 0, 9, 10, 11, 12, 30, 30, 2, 49, 50, 51, 52, 53])
    batch = ds.read_batch(order)
    assert batch["hr"].shape == (len(order), 16, 16, 3) and batch["hr"].flags.c_contiguous and batch["hr"].flags.writeable
    for row, i in enumerate(order):
        np.testing.assert_array_equal(batch["hr"][row], records[i]["hr"])
        np.testing.assert_array_equal(batch["lr"][row], records[i]["lr"])
    assert ds.read_batch([])["lr"].shape == (0, 4, 4, 3)
    verified = ds.read_batch(order, verify=True)
    np.testing.assert_array_equal(verified["hr"], batch["hr"])


def test_read_batch_handles_gaps_between_fields_and_float_fields():
    ds = ss.open_dataset(TINY)  # lr 60 bytes, hr at offset 64, pos at 320: gaps inside records
    batch = ds.read_batch(range(7))
    for i in range(7):
        rec = ds[i]
        for name in ("lr", "hr", "pos"):
            np.testing.assert_array_equal(batch[name][i], rec[name])
    assert batch["pos"].dtype == np.float32


def test_a_damaged_record_is_caught_by_a_verified_batch_read(sub_dataset, tmp_path):
    path, _ = sub_dataset
    shard = os.path.join(path, "shard-00001.srshard")
    s = ss.Shard(shard)
    data = bytearray(open(shard, "rb").read())
    data[s.record_offset(3) + 7] ^= 1
    open(shard, "wb").write(bytes(data))
    ds = ss.open_dataset(path)
    ds.read_batch([13])  # unverified reads do not look
    with pytest.raises(ss.ShardFormatError, match=r"shard-00001.srshard record 3: CRC32C is 0x"):
        ds.read_batch([12, 13], verify=True)
    problems = ds.verify(records=True)
    assert [(os.path.basename(p.file), p.record) for p in problems] == [("shard-00001.srshard", None), ("shard-00001.srshard", 3)]
    assert problems[0].message.startswith("SHA-256 is ")


def test_streaming_verification_reports_size_hash_and_records(sub_dataset):
    path, _ = sub_dataset
    ds = ss.open_dataset(path)
    assert ds.verify() == [] and ds.verify(records=True) == []
    shard = os.path.join(path, "shard-00005.srshard")
    data = open(shard, "rb").read()
    open(shard, "wb").write(data[:-40])
    problems = ds.verify(records=True)
    text = [str(p) for p in problems]
    assert any("size is" in t for t in text) and any("SHA-256 is" in t for t in text)


def test_small_chunks_give_the_same_verdict(sub_dataset):
    path, _ = sub_dataset
    from srkit_shards.verify import verify_files
    ds = ss.open_dataset(path)
    assert verify_files(path, ds.info, records=True, chunk=1000) == []


def test_numpy_and_compiled_crc_agree(sub_dataset):
    # The numpy fallback in a child with SRKIT_PURE_CRC=1, against this process's implementation.
    path, _ = sub_dataset
    code = ("import srkit_shards as ss, sys; ds = ss.open_dataset(sys.argv[1]); "
            "print(ss.CRC_IMPLEMENTATION, ds.verify(records=True) == [], ss.crc32c(b'123456789'))")
    out = subprocess.run([sys.executable, "-c", code, path], env=dict(os.environ, SRKIT_PURE_CRC="1"),
                         capture_output=True, text=True, check=True).stdout.split()
    assert out == ["numpy", "True", str(0xE3069283)]
    rows = np.random.default_rng(2).integers(0, 256, (9, 5000), dtype=np.uint8)
    assert list(ss.crc32c_rows(rows)) == list(ss.crc32c_many(rows)) == [ss.crc32c(r.tobytes()) for r in rows]
