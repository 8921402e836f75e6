"""Shared fixtures. The package is imported as installed (``pip install ./python``), never from
this checkout's path: .ci/run installs it into a virtual environment first."""

import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.dirname(__file__))  # the tests' own helpers (_writer), not the package

import srkit_shards  # noqa: E402

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TINY = os.path.join(REPO, "Fixtures", "shards", "tiny")
#: The same records with per-record provenance (format version 2); see ShardFixtureTests.swift.
TINY_V2 = os.path.join(REPO, "Fixtures", "shards", "tiny-v2")

if os.environ.get("CI") == "true" and os.path.dirname(srkit_shards.__file__).startswith(os.path.join(REPO, "python")):
    raise RuntimeError(f"srkit_shards was imported from the checkout ({srkit_shards.__file__}); CI tests the installed package")


def pairs(n, hr=(16, 16, 3), lr=(4, 4, 3), seed=0):
    """n aligned HR/LR uint8 records: LR pixel (y, x) = HR pixel (4y, 4x), so crops can be checked."""
    rng = np.random.default_rng(seed)
    out = []
    s = hr[0] // lr[0]
    for _ in range(n):
        h = rng.integers(0, 256, hr, dtype=np.uint8)
        out.append({"hr": h, "lr": np.ascontiguousarray(h[::s, ::s])})
    return out


@pytest.fixture
def sub_dataset(tmp_path):
    """57 records of 16x16 HR / 4x4 LR in shards of 10: records span six shards."""
    from _writer import write_dataset
    records = pairs(57)
    write_dataset(str(tmp_path / "sub"), [("hr", "uint8", (16, 16, 3), "hwc"), ("lr", "uint8", (4, 4, 3), "hwc")], records, 10)
    return str(tmp_path / "sub"), records
