"""Readers never misread (issue 12, Python side): a damaged index.json or footer is refused with
a ShardFormatError (never ValueError/RecursionError/KeyError, never a shifted record), and a shard
truncated while open is an error, not a SIGBUS. Messages are the Swift reader's (also compared
with the built ``prep`` in test_swift_parity.py)."""

import json
import os
import shutil
import struct
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import srkit_shards as ss
from conftest import TINY


@pytest.fixture
def copy(tmp_path):
    dst = tmp_path / "tiny"
    shutil.copytree(TINY, dst)
    return dst


def edit_index(copy, change):
    path = copy / "index.json"
    index = json.loads(path.read_text())
    change(index)
    path.write_text(json.dumps(index))
    return str(path)


def error_of(path):
    with pytest.raises(ss.ShardFormatError) as info:
        ss.open_dataset(str(path))
    assert type(info.value) is ss.ShardFormatError
    return str(info.value)


def test_a_shard_listed_twice_is_refused(copy):
    def twice(ix):
        ix["shards"].append(dict(ix["shards"][0], firstRecord=ix["totalRecords"]))
        ix["totalRecords"] += ix["shards"][0]["records"]
    path = edit_index(copy, twice)
    assert error_of(copy) == f'{path}: invalid dataset index (bad or repeated shard file name "shard-00000.srshard"); regenerate the dataset with prep run.'


def test_a_wrong_first_record_is_refused(copy):
    path = edit_index(copy, lambda ix: ix["shards"][1].update(firstRecord=4))
    assert error_of(copy) == f"{path}: invalid dataset index (shard shard-00001.srshard has inconsistent records/firstRecord); regenerate the dataset with prep run."


@pytest.mark.parametrize("text, reason", [
    (b"", "not JSON"),
    (b"{", "not JSON"),
    (b"[" * 100000 + b"]" * 100000, "not JSON"),            # RecursionError in json before
    (b"[" * 600 + b"]" * 600, "not JSON"),                  # deeper than Swift's 512
    (b'{"format": NaN}', "not JSON"),
    (b'\xff\xfe{}', "not JSON"),
    (b"[]", "bad value at "),
    (b"{}", 'missing key "format"'),
    (b'{"format": 3}', "bad value at format"),
    (b'{"format": "srkit-shards", "version": -1}', "not JSON"),             # as Swift: out of range
    (b'{"format": "srkit-shards", "version": true}', "bad value at version"),
    (b'{"format": "srkit-shards", "version": 1}', 'missing key "schema"'),
    (b'{"format": "srkit-shards", "version": 1, "schema": {"fields": [{"name": "a", "dtype": "int8", "shape": [1], "layout": "hwc"}]}}',
     "bad value at schema.fields.Index 0.dtype"),
    (b'{"format": "srkit-shards", "version": 1, "schema": {"fields": [{"name": "a", "dtype": "uint8", "shape": [1.5], "layout": "hwc"}]}}',
     "not JSON"),
    (b'{"format": "srkit-shards", "version": 1, "schema": {"fields": []}, "shards": [{"file": "shard-00000.srshard"}]}',
     'missing key "sha256"'),
    (b'{"format": "srkit-shards", "version": 1, "schema": {"fields": []}, "shards": [], "totalRecords": null}',
     "bad value at totalRecords"),
])
def test_malformed_index_json_is_a_format_error_with_swifts_reason(tmp_path, text, reason):
    (tmp_path / "index.json").write_bytes(text)
    assert error_of(tmp_path) == f"{tmp_path}/index.json: invalid dataset index (not a valid SRKit index: {reason}); regenerate the dataset with prep run."


def test_checks_after_decoding_follow_swifts_order(copy):
    path = edit_index(copy, lambda ix: ix.update(format="other"))
    assert error_of(copy) == f'{path}: invalid dataset index (format is "other", expected "srkit-shards"); regenerate the dataset with prep run.'
    path = edit_index(copy, lambda ix: ix.update(format="srkit-shards", version=3))
    assert error_of(copy) == f"{path}: shard format version 3 is newer than this reader's version 2; update SRKit to read it."
    path = edit_index(copy, lambda ix: ix.update(version=1, schema={"fields": []}))
    assert error_of(copy) == (f"{path}: invalid dataset index (shard schema: the schema has no fields; give every field a unique "
                              "non-empty name and a shape of positive dimensions.); regenerate the dataset with prep run.")
    shutil.rmtree(copy)
    shutil.copytree(TINY, copy)
    path = edit_index(copy, lambda ix: ix.update(totalRecords=8))
    assert error_of(copy) == f"{path}: invalid dataset index (totalRecords is 8 but the shards hold 7); regenerate the dataset with prep run."
    path = edit_index(copy, lambda ix: (ix.update(totalRecords=7), ix["shards"][2].update(file="../x.srshard")))
    assert error_of(copy) == f'{path}: invalid dataset index (bad or repeated shard file name "../x.srshard"); regenerate the dataset with prep run.'


def test_index_and_shard_must_agree(copy):
    def more(ix):
        ix["shards"][2]["records"] = 2
        ix["totalRecords"] = 8
    edit_index(copy, more)
    assert error_of(copy) == f"{copy}/shard-00002.srshard: corrupt shard (it holds 1 records, index.json says 2); regenerate the dataset with prep run."
    os.remove(copy / "shard-00002.srshard")
    assert error_of(copy) == f"{copy}/shard-00002.srshard: cannot read (No such file or directory (errno 2)); check that the file exists and is readable."


def flip_footer_offset(path, entry, delta):
    data = bytearray(path.read_bytes())
    footer_off, count = struct.unpack_from("<QQ", data, len(data) - 32)
    at = footer_off + 24 * entry
    offset = struct.unpack_from("<Q", data, at)[0]
    struct.pack_into("<Q", data, at, offset + delta)
    path.write_bytes(bytes(data))
    return offset


def test_a_flipped_footer_offset_is_refused_not_a_shifted_record(copy):
    # Entry 0 -> record 1's offset: aligned, inside the record area, so only the cross-check sees it.
    shard = copy / "shard-00000.srshard"
    stride = ss.Shard(str(shard)).record_stride
    flip_footer_offset(shard, 0, stride)
    assert error_of(copy) == f"{shard}: corrupt shard (footer entry 0 gives record offset {320 + stride}, but record 0 starts at 320); regenerate the dataset with prep run."


def test_truncated_while_open_is_an_error_not_sigbus(copy):
    # In a child process, so a SIGBUS would show as a signal exit instead of killing pytest.
    script = textwrap.dedent(f"""
        import os, srkit_shards as ss
        ds = ss.open_dataset({str(copy)!r})
        ds[0]; ds.read_batch([0, 1])                     # mapped and in use
        path = os.path.join({str(copy)!r}, "shard-00000.srshard")
        os.truncate(path, 400)
        for call in (lambda: ds[1], lambda: ds.read_batch([2]), lambda: ds.record(2, copy=True), lambda: ds.verify(records=True)):
            try:
                r = call()
                print("RESULT", r if isinstance(r, list) else "no error")
            except ss.ShardFormatError as e:
                print("ERROR", e)
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, (run.returncode, run.stderr)
    lines = run.stdout.strip().splitlines()
    path = f"{copy}/shard-00000.srshard"
    shrank = f"ERROR {path}: the shard shrank from 1576 to 400 bytes while it was open; another program truncated it, so open the dataset again or regenerate it with prep run."
    assert lines[:3] == [shrank] * 3
    assert lines[3].startswith("RESULT [Problem(") and "size is 400 bytes, index.json says 1576" in lines[3]


def test_a_shard_of_another_size_than_listed_is_refused(copy):
    shard = copy / "shard-00001.srshard"
    shard.write_bytes(shard.read_bytes() + b"x")
    assert error_of(copy) == (f"{shard}: the shard is 1577 bytes but index.json lists 1576; it was truncated, extended or replaced "
                              "after the dataset was written, so regenerate the dataset with prep run.")


def test_a_misplaced_footer_offset_in_the_trailer_is_refused(copy):
    # A consistent but shorter footer (entry 2 dropped, trailer moved): only the trailer check sees it.
    shard = copy / "shard-00001.srshard"
    data = bytearray(shard.read_bytes())
    footer_off, count, footer_crc = struct.unpack_from("<QQI", data, len(data) - 32)
    body = data[:footer_off]
    footer = data[footer_off:footer_off + 24 * count]
    new_footer_off = footer_off + 384  # as if there were one more record of 384 bytes
    out = body + bytes(384) + footer + struct.pack("<QQII", new_footer_off, count, footer_crc, 0) + b"SRSHEND\0"
    shard.write_bytes(bytes(out))
    edit_index(copy, lambda ix: ix["shards"][1].update(bytes=len(out)))
    assert error_of(copy) == (f"{shard}: corrupt shard (the trailer gives footer offset {new_footer_off}, but 3 record(s) end at "
                              f"{footer_off}); regenerate the dataset with prep run.")


def test_records_out_of_range_and_unknown_fields_are_typed(copy):
    ds = ss.open_dataset(str(copy))
    with pytest.raises(IndexError) as info:
        ds[7]
    assert isinstance(info.value, ss.ShardFormatError)
    assert str(info.value) == f"{copy}: record 7 does not exist; the dataset has 7 record(s), numbered 0...6."
    with pytest.raises(KeyError) as info:
        ds.field("sr")
    assert str(info.value) == f'{copy}: no field "sr"; the schema has lr, hr, pos.'
    with pytest.raises(ss.RecordIndexError):
        ds.read_batch([0, 9])
