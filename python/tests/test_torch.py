"""The PyTorch side: ShardDataset items, and loader() batches under 0/2 workers, fork and spawn."""

import os
import pickle

import numpy as np
import pytest

torch = pytest.importorskip("torch")

import srkit_shards as ss  # noqa: E402
from srkit_shards.torch import ShardDataset, loader  # noqa: E402
from conftest import TINY as FIXTURE  # noqa: E402


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


def epoch(dl):
    return [{k: v.clone() for k, v in b.items()} for b in dl]


def test_loader_yields_whole_batches_in_the_seeded_order(sub_dataset):
    path, records = sub_dataset
    dl = loader(path, batch_size=8, seed=11)
    first = epoch(dl)
    assert [tuple(b["hr"].shape) for b in first] == [(8, 16, 16, 3)] * 7 + [(1, 16, 16, 3)]
    order = ss.epoch_indices(57, seed=11, epoch=0)
    got = torch.cat([b["hr"] for b in first]).numpy()
    np.testing.assert_array_equal(got, np.stack([records[i]["hr"] for i in order]))
    second = epoch(dl)  # epochs advance by themselves
    assert not torch.equal(torch.cat([b["hr"] for b in second]), torch.cat([b["hr"] for b in first]))
    dl.set_epoch(0)
    assert all(torch.equal(a["hr"], b["hr"]) for a, b in zip(epoch(dl), first))
    assert len(loader(path, batch_size=8, drop_last=True)) == 7 and len(dl) == 8


@pytest.mark.parametrize("context", ["fork", "spawn"])
def test_two_workers_give_the_same_batches_as_none(sub_dataset, context):
    path, _ = sub_dataset
    crop = ss.PairedRandomCrop(size=8)
    ref = epoch(loader(path, batch_size=5, seed=2, crop=crop))
    dl = loader(path, batch_size=5, seed=2, crop=crop, num_workers=2, multiprocessing_context=context)
    got = epoch(dl)
    assert len(got) == len(ref) == 12
    for a, b in zip(got, ref):
        assert torch.equal(a["hr"], b["hr"]) and torch.equal(a["lr"], b["lr"])
    assert tuple(got[0]["hr"].shape) == (5, 8, 8, 3) and tuple(got[0]["lr"].shape) == (5, 2, 2, 3)


@pytest.mark.parametrize("group_records,drop_last", [(12, False), (12, True), (5, False), (1000, True)])
def test_grouped_worker_reads_split_into_the_same_batches(sub_dataset, monkeypatch, group_records, drop_last):
    """Workers read several batches per call (one tensor per field) and the loader splits them:
    batches, their order, their count and len() are those of 0 workers, whatever the grouping."""
    import srkit_shards.torch as st
    path, _ = sub_dataset
    ref = epoch(loader(path, batch_size=5, seed=4, drop_last=drop_last))
    monkeypatch.setattr(st, "GROUP_RECORDS", group_records)
    dl = loader(path, batch_size=5, seed=4, drop_last=drop_last, num_workers=2)
    assert dl.sampler.group == max(1, group_records // 5)
    got = epoch(dl)
    assert len(got) == len(ref) == len(dl) == (11 if drop_last else 12)
    for a, b in zip(got, ref):
        assert torch.equal(a["hr"], b["hr"]) and torch.equal(a["lr"], b["lr"])


def test_ranks_share_an_epoch(sub_dataset):
    path, records = sub_dataset
    seen = []
    for rank in range(3):
        dl = loader(path, batch_size=4, seed=9, rank=rank, world_size=3, shuffle=True)
        seen.append(torch.cat([b["lr"] for b in dl]).numpy())
    assert {len(s) for s in seen} == {19}
    all_lr = np.concatenate(seen)
    want = {records[i]["lr"].tobytes() for i in range(57)}
    assert {r.tobytes() for r in all_lr} == want


def scale_hr(batch):
    batch["hr"] = batch["hr"].float() / 255
    return batch


def test_transform_runs_per_batch_in_the_worker(sub_dataset):
    path, _ = sub_dataset
    b = next(iter(loader(path, batch_size=4, transform=scale_hr, num_workers=1, verify_records=True)))
    assert b["hr"].dtype == torch.float32 and float(b["hr"].max()) <= 1
    with pytest.raises(ValueError, match="give both rank and world_size"):
        loader(path, batch_size=4, rank=0)


@pytest.mark.parametrize("context", ["fork", "spawn"])
def test_ring_slots_are_reused_without_changing_kept_batches(sub_dataset, monkeypatch, context):
    """Workers read into shared-memory slots that are reused across groups and epochs: with
    groups of 2 batches (6 groups per epoch, 6 slots), three epochs of 2 persistent workers give
    the batches of 0 workers, batches kept from an earlier epoch are unchanged afterwards, and the
    slot file goes with the loader."""
    import gc
    import srkit_shards.torch as st
    path, _ = sub_dataset
    monkeypatch.setattr(st, "GROUP_RECORDS", 10)
    ref = loader(path, batch_size=5, seed=6)
    dl = loader(path, batch_size=5, seed=6, num_workers=2, multiprocessing_context=context)
    assert dl.dataset.ring is not None and dl.dataset.ring.slots == 2 * 2 + 2
    ring_path = dl.dataset.ring.path
    assert os.path.exists(ring_path)
    kept = []
    for _ in range(3):
        want, got = epoch(ref), epoch(dl)
        assert len(got) == len(want) == 12
        for a, b in zip(got, want):
            assert torch.equal(a["hr"], b["hr"]) and torch.equal(a["lr"], b["lr"])
        kept.append((got, [{k: v.clone() for k, v in b.items()} for b in got]))
    for got, copies in kept:
        for a, b in zip(got, copies):
            assert torch.equal(a["hr"], b["hr"]), "a kept batch changed when its slot was reused"
    del dl
    gc.collect()
    assert not os.path.exists(ring_path)


def test_slot_files_of_dead_processes_are_removed(sub_dataset):
    """A loader killed with SIGKILL cannot remove its slot file; the next loader with workers
    removes slot files whose process is gone, and keeps those of live processes."""
    import subprocess
    import sys
    import srkit_shards.torch as st
    path, _ = sub_dataset
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    folder = "/dev/shm" if os.path.isdir("/dev/shm") else __import__("tempfile").gettempdir()
    stale = os.path.join(folder, f"srkit-ring-{dead}-test")
    alive = os.path.join(folder, f"srkit-ring-{os.getpid()}-test")
    for p in (stale, alive):
        open(p, "wb").close()
    try:
        dl = loader(path, batch_size=5, num_workers=1)
        assert not os.path.exists(stale)
        assert os.path.exists(alive)
        del dl
    finally:
        for p in (stale, alive):
            if os.path.exists(p):
                os.unlink(p)
