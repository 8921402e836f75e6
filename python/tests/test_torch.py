"""The optional PyTorch wrapper; skipped when torch is not installed."""

import os
import pickle

import pytest

torch = pytest.importorskip("torch")

from srkit_shards.torch import ShardDataset  # noqa: E402

from conftest import TINY as FIXTURE


def test_items_are_tensors_and_batch():
    ds = ShardDataset(FIXTURE)
    assert len(ds) == 7
    item = ds[3]
    assert item["hr"].dtype == torch.uint8 and tuple(item["hr"].shape) == (3, 8, 10)
    assert item["pos"].tolist() == [1.5, -1.25]
    batch = next(iter(torch.utils.data.DataLoader(ds, batch_size=4)))
    assert tuple(batch["lr"].shape) == (4, 4, 5, 3)


def double_pos(item):
    return item["pos"] * 2


def test_pickles_for_worker_processes_and_applies_transform():
    ds = ShardDataset(FIXTURE, transform=double_pos, verify=True)
    clone = pickle.loads(pickle.dumps(ds))
    assert clone[1].tolist() == [1.0, -2.5]
