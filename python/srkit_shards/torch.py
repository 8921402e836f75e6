"""PyTorch access (imports torch; ``import srkit_shards`` alone does not).

- ``loader(path, batch_size, ...)``: a ``DataLoader`` that reads **whole batches per worker call**
  (one ``preadv`` per record straight into one array per field; with workers, 1024 records per
  call into a reused slot of shared memory, copied out and split into batches in the main
  process), so worker processes pass a slot number instead of pickling every record.
- ``ShardDataset``: a map-style ``Dataset`` of single records, for code that wants items.

Both are fork- and spawn-safe: datasets pickle without open files and each process opens its
own descriptors on first use.
"""

from __future__ import annotations

import mmap
import os
import tempfile
import weakref
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence, Tuple

import numpy as np
import torch
from torch.utils.data import DataLoader, Sampler
from torch.utils.data import Dataset as _TorchDataset

from .crops import PairedRandomCrop
from .dataset import Dataset
from .sampling import batches, epoch_indices

Batch = Dict[str, "torch.Tensor"]

_TORCH_DTYPES = {"uint8": torch.uint8, "float32": torch.float32}

#: Records a worker reads per call when ``num_workers > 0`` (see ``loader``).
GROUP_RECORDS = 1024


class ShardDataset(_TorchDataset):
    """One record per item: {field: tensor} (a copy, writable; uint8 stays uint8, float32 float32,
    shapes as in the schema). ``transform`` (optional) is applied to that dict."""

    def __init__(self, directory: str, transform: Optional[Callable[[Batch], Any]] = None, verify: bool = False):
        self.directory = directory
        self.transform = transform
        self.verify_records = verify
        self._dataset: Optional[Dataset] = Dataset(directory)
        self._length = len(self._dataset)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i: int):
        if self._dataset is None:
            self._dataset = Dataset(self.directory)
        record = self._dataset.record(int(i), verify=self.verify_records, copy=True)
        item = {name: torch.from_numpy(a) for name, a in record.items()}
        return self.transform(item) if self.transform is not None else item

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_dataset"] = None
        return state


class _Ring:
    """Slots of shared memory that workers read records into, reused for the whole run.

    A tensor a worker returns crosses to the main process as a fresh shared-memory segment: the
    worker faults in new pages for every group (about 7 ms per 1024 T91 records in a worker
    against 4 ms in one process). Instead each group is read into a slot of one file in
    /dev/shm mapped by every process (pages faulted once), and only the slot number crosses; the
    main process copies the group out (about 1 ms) before the slot can be handed out again. The
    DataLoader dispatches group j right after the main process received group j - W (W = workers
    × prefetch), so W + 2 slots never overwrite a group that is still to be copied.
    """

    def __init__(self, fields, group_records: int, slots: int):
        self.fields = [(f.name, f.numpy_dtype, f.shape, f.byte_count) for f in fields]
        self.record_bytes = sum(f.byte_count for f in fields)
        self.group_records, self.slots = group_records, slots
        self.slot_bytes = self.record_bytes * group_records
        folder = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
        _sweep_dead_rings(folder)
        fd, self.path = tempfile.mkstemp(prefix=f"srkit-ring-{os.getpid()}-", dir=folder)
        try:
            os.ftruncate(fd, self.slot_bytes * slots)
        finally:
            os.close(fd)
        # Removed when the loader goes (or at exit); workers open it by name, under fork or spawn.
        self._finalizer = weakref.finalize(self, _unlink, self.path)
        self._pid = None
        self._map = None

    def __getstate__(self):
        state = dict(self.__dict__)
        state.update(_pid=None, _map=None, _finalizer=None)
        return state

    def _buffer(self) -> np.ndarray:
        if self._map is None or self._pid != os.getpid():
            with open(self.path, "r+b") as f:
                self._map = np.frombuffer(mmap.mmap(f.fileno(), 0), dtype=np.uint8)
            self._pid = os.getpid()
        return self._map

    def views(self, slot: int, count: int) -> Dict[str, np.ndarray]:
        """One array per field over slot ``slot``, for ``count`` records."""
        out, at = {}, slot * self.slot_bytes
        for name, dtype, shape, size in self.fields:
            out[name] = self._buffer()[at:at + count * size].view(dtype).reshape((count,) + shape)
            at += self.group_records * size
        return out


def _sweep_dead_rings(folder: str) -> None:
    """Removes slot files of processes that no longer exist (a loader killed before it could
    remove its own): names are ``srkit-ring-<pid>-…``."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        if not name.startswith("srkit-ring-"):
            continue
        try:
            pid = int(name.split("-")[2])
            os.kill(pid, 0)
        except ProcessLookupError:
            _unlink(os.path.join(folder, name))
        except (ValueError, IndexError, PermissionError, OSError):
            pass  # not ours to judge: malformed, or a live process of another user


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


class BatchDataset(_TorchDataset):
    """``ds[positions]`` is a whole batch: {field: tensor (B, *shape)}, read in one call.

    Items come from ``EpochBatchSampler``: (epoch, positions in the epoch, record indices, batch
    sizes) for a group of consecutive batches read in one call, so crops can be keyed by
    position; the ``DataLoader`` uses ``batch_size=None`` and ``ShardLoader`` splits the group.
    """

    def __init__(self, directory: str, seed: int = 0, crop: Optional[PairedRandomCrop] = None,
                 transform: Optional[Callable[[Batch], Any]] = None, verify_records: bool = False):
        self.directory = directory
        self.seed = seed
        self.crop = crop
        self.transform = transform
        self.verify_records = verify_records
        self.dataset: Optional[Dataset] = Dataset(directory)
        self.fields = self.dataset.fields
        self.ring: Optional[_Ring] = None
        if crop is not None:
            crop.resolve_scale(self.fields)  # refuse a bad crop now, not in a worker

    def __len__(self) -> int:
        return 0 if self.dataset is None else len(self.dataset)

    def __getitem__(self, item) -> Any:
        epoch, positions, indices, sizes, sequence = item
        if self.dataset is None:
            self.dataset = Dataset(self.directory)
        if self.ring is not None and self.crop is None and self.transform is None and torch.utils.data.get_worker_info() is not None:
            slot = sequence % self.ring.slots
            self.dataset.read_batch(indices, verify=self.verify_records, out=self.ring.views(slot, len(indices)))
            return sizes, (slot, len(indices))
        if self.crop is None and torch.utils.data.get_worker_info() is not None:
            # In a worker, read straight into shared memory: a tensor already there crosses to the
            # main process as a descriptor, while a private one is first copied into a new segment.
            batch = {f.name: torch.empty((len(indices),) + f.shape, dtype=_TORCH_DTYPES[f.dtype]).share_memory_() for f in self.fields}
            self.dataset.read_batch(indices, verify=self.verify_records, out={k: t.numpy() for k, t in batch.items()})
        else:
            arrays = self.dataset.read_batch(indices, verify=self.verify_records)
            if self.crop is not None:
                arrays = self.crop(arrays, self.fields, self.seed, epoch, positions)
            batch = {name: torch.from_numpy(a) for name, a in arrays.items()}
        if self.transform is not None:  # the sampler groups one batch per call then
            batch = self.transform(batch)
        return sizes, batch

    def __getstate__(self):
        state = dict(self.__dict__)
        state["dataset"] = None
        return state


class EpochBatchSampler(Sampler):
    """Yields (epoch, positions, record indices) per batch for one rank.

    The order comes from ``sampling.epoch_indices`` (DistributedSampler's split, SplitMix64
    shuffle from ``seed`` and the epoch). Each iteration uses the current epoch and then moves to
    the next; ``set_epoch(e)`` (as with DistributedSampler) picks the epoch of the next iteration.
    """

    def __init__(self, n: int, batch_size: int, shuffle: bool, seed: int, rank: int, world_size: int, drop_last: bool,
                 group: int = 1):
        if batch_size < 1:
            raise ValueError(f"batch_size must be at least 1, got {batch_size}")
        self.n, self.batch_size, self.shuffle, self.seed = n, batch_size, shuffle, seed
        self.rank, self.world_size, self.drop_last = rank, world_size, drop_last
        self.group = max(1, int(group))
        self.epoch = 0
        self.sequence = 0  # groups handed out over the whole run (a ring slot number)

    def set_epoch(self, epoch: int) -> None:
        self.epoch = int(epoch)

    def order(self, epoch: int) -> np.ndarray:
        return epoch_indices(self.n, seed=self.seed, epoch=epoch, shuffle=self.shuffle,
                             rank=self.rank, world_size=self.world_size)

    def __iter__(self) -> Iterator:
        epoch = self.epoch
        self.epoch += 1
        order = self.order(epoch)
        positions = np.arange(len(order), dtype=np.int64) * self.world_size + self.rank
        end = len(order)
        if self.drop_last:
            end -= end % self.batch_size
        step = self.batch_size * self.group
        for lo in range(0, end, step):
            hi = min(end, lo + step)
            sizes = tuple(min(self.batch_size, hi - b) for b in range(lo, hi, self.batch_size))
            self.sequence += 1
            yield (epoch, positions[lo:hi], order[lo:hi], sizes, self.sequence - 1)

    def batch_count(self) -> int:
        """Batches per epoch for this rank (DataLoader's ``len``)."""
        per_rank = len(epoch_indices(self.n, shuffle=False, rank=self.rank, world_size=self.world_size))
        return per_rank // self.batch_size if self.drop_last else -(-per_rank // self.batch_size)

    def __len__(self) -> int:
        return -(-self.batch_count() // self.group)


class ShardLoader(DataLoader):
    """The ``DataLoader`` ``loader()`` returns; ``set_epoch`` as on a DistributedSampler."""

    def set_epoch(self, epoch: int) -> None:
        """Use ``epoch``'s order (and crops) for the next iteration."""
        self.sampler.set_epoch(epoch)

    @property
    def epoch(self) -> int:
        """The epoch the next iteration will use."""
        return self.sampler.epoch

    def __iter__(self):
        ring = self.dataset.ring
        for sizes, batch in super().__iter__():
            if ring is not None and isinstance(batch, (tuple, list)):  # (slot, records) of the ring: copy out before it is reused
                slot, count = batch
                batch = {name: torch.from_numpy(np.array(a)) for name, a in ring.views(slot, count).items()}
                if self.pin_memory and torch.cuda.is_available():  # the DataLoader pinned only the slot number
                    batch = {name: t.pin_memory() for name, t in batch.items()}
            if len(sizes) == 1:
                yield batch
            else:
                parts = {name: t.split(list(sizes)) for name, t in batch.items()}
                for b in range(len(sizes)):
                    yield {name: p[b] for name, p in parts.items()}

    def __len__(self) -> int:
        return self.sampler.batch_count()


def _default_rank_world():
    import torch.distributed as dist
    if dist.is_available() and dist.is_initialized():
        return dist.get_rank(), dist.get_world_size()
    return 0, 1


def loader(path: str, batch_size: int, shuffle: bool = True, num_workers: int = 0, seed: int = 0,
           drop_last: bool = False, transform: Optional[Callable[[Batch], Any]] = None,
           crop: Optional[PairedRandomCrop] = None, rank: Optional[int] = None, world_size: Optional[int] = None,
           verify_records: bool = False, **dataloader_args: Any) -> ShardLoader:
    """A ``DataLoader`` over the dataset folder ``path`` yielding {field: tensor (B, *shape)}.

    - ``shuffle``/``seed``: each epoch's order is a permutation drawn from (seed, epoch), the same
      for any ``num_workers`` and on every machine; epochs advance by themselves at each
      iteration, or ``set_epoch(e)`` chooses one.
    - ``rank``/``world_size``: this process's share, as ``DistributedSampler`` splits
      (default: from ``torch.distributed`` when initialised, else 0 of 1).
    - ``drop_last``: drop the last incomplete batch (DataLoader's meaning).
    - ``crop``: a ``PairedRandomCrop`` applied on read (BasicSR ``paired_random_crop`` + flips).
    - ``transform``: called on each batch dict in the worker.
    - ``verify_records``: check every record's CRC32C as it is read.
    - other keyword arguments go to ``DataLoader`` (``pin_memory``, ``persistent_workers``
      (default True with workers), ``prefetch_factor``, ``multiprocessing_context``…).
    """
    if (rank is None) != (world_size is None):
        raise ValueError("give both rank and world_size, or neither")
    if rank is None:
        rank, world_size = _default_rank_world()
    ds = BatchDataset(path, seed=seed, crop=crop, transform=transform, verify_records=verify_records)
    # A worker's result crosses to the main process as one shared-memory segment per tensor,
    # about a millisecond each here: at 16 small records per batch that cost more than reading
    # them (2 workers ran at a tenth of 0 workers on T91). Workers therefore read GROUP_RECORDS
    # records per call, which the main process splits into batches (views). Without a crop or a
    # transform they read into a _Ring slot (no fresh pages per group; see _Ring). A transform
    # sees exactly one batch, so it keeps one batch per call.
    group = 1 if transform is not None or num_workers == 0 else max(1, GROUP_RECORDS // batch_size)
    sampler = EpochBatchSampler(len(ds), batch_size, shuffle, seed, rank, world_size, drop_last, group=group)
    if num_workers > 0 and crop is None and transform is None:
        prefetch = dataloader_args.get("prefetch_factor") or 2
        ds.ring = _Ring(ds.fields, group * batch_size, num_workers * prefetch + 2)
    if num_workers > 0:
        # Starting two workers costs about as much as a T91 epoch; keep them across epochs
        # unless the caller says otherwise.
        dataloader_args.setdefault("persistent_workers", True)
    return ShardLoader(ds, batch_size=None, sampler=sampler, num_workers=num_workers, **dataloader_args)
