"""Per-record provenance (format version 2) and index.json's checksum, on the committed
fixtures written by the Swift writer (``Tests/SRShardsTests/ShardFixtureTests.swift``)."""

import os
import shutil

import numpy as np
import pytest

import srkit_shards as ss
from conftest import TINY, TINY_V2


def test_meta_gives_source_window_and_variant():
    ds = ss.open_dataset(TINY_V2)
    assert ds.sources == ["a.png", "sub/b.png"]
    for i in range(len(ds)):
        assert ds.meta(i) == {"source": ["a.png", "sub/b.png"][i % 2], "input": i % 2, "window": i + 1,
                              "x": 3 * i, "y": 2 * i, "width": 10, "height": 8, "variant": i % 8,
                              "name": ["a", "b"][i % 2] + f"_s{i + 1:03d}" + (f"_v{i % 8}" if i % 8 else "")}
    # The records are the version-1 fixture's, byte for byte.
    v1 = ss.open_dataset(TINY)
    for i in range(len(ds)):
        for name in ("lr", "hr", "pos"):
            assert np.array_equal(ds[i][name], v1[i][name])
    assert ds.verify(records=True) == []


def test_a_version_1_dataset_has_no_meta():
    ds = ss.open_dataset(TINY)
    assert ds.sources is None
    with pytest.raises(ss.ShardFormatError) as info:
        ds.meta(0)
    assert info.value.kind == "no_record_provenance"
    assert ds.shards[0].provenance(0) is None


def test_a_damaged_provenance_is_caught_by_the_footer_crc(tmp_path):
    d = tmp_path / "ds"
    shutil.copytree(TINY_V2, d)
    path = d / "shard-00000.srshard"
    data = bytearray(path.read_bytes())
    footer = int.from_bytes(data[-32:-24], "little")
    data[footer + 56 * 1 + 24 + 8] ^= 0x04  # x of record 1
    path.write_bytes(bytes(data))
    ds = ss.open_dataset(str(d))
    assert ds.meta(1)["x"] == 3 ^ 4  # readable, but verify names the damage
    messages = [p.message for p in ds.verify(records=True)]
    assert "footer CRC32C mismatch (record offsets/CRCs damaged)" in messages
    assert any(m.startswith("SHA-256 is ") for m in messages)
    assert any("footer CRC32C mismatch" in p.message for p in ss.Shard(str(path)).verify())


@pytest.mark.parametrize("fixture", [TINY, TINY_V2])
def test_every_changed_byte_of_a_sealed_index_is_refused_or_harmless(tmp_path, fixture):
    original = open(os.path.join(fixture, "index.json"), "rb").read()
    d = tmp_path / "ds"
    shutil.copytree(fixture, d)
    index = d / "index.json"
    def typed(ds):
        return (ds.info.version, ds.info.fields, ds.info.shards, ds.info.total_records, ds.info.provenance)

    reference = typed(ss.open_dataset(str(d)))
    refused = harmless = 0
    for offset in range(len(original)):
        data = bytearray(original)
        data[offset] ^= 0x01
        index.write_bytes(bytes(data))
        try:
            opened = ss.open_dataset(str(d))
        except ss.ShardFormatError:
            refused += 1
            continue
        # Only a legacy (version-1) index whose checksum line itself was hit may still open, and
        # then it must read as the original.
        assert fixture == TINY and offset < 85, offset
        assert typed(opened) == reference
        harmless += 1
    assert refused + harmless == len(original)
    if fixture == TINY_V2:
        assert harmless == 0
