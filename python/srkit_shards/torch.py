"""Optional PyTorch wrapper: ``ShardDataset`` is a ``torch.utils.data.Dataset`` over a shard folder.

Importing ``srkit_shards`` never imports torch; only this module does.

    >>> from srkit_shards.torch import ShardDataset
    >>> loader = torch.utils.data.DataLoader(ShardDataset("out/t91"), batch_size=16, shuffle=True, num_workers=2)

Each item is {field: torch.Tensor} (a copy, so tensors are writable); uint8 stays uint8,
float32 stays float32, shapes as in the schema. ``transform`` (optional) is applied to that dict.
Shards are opened lazily in each DataLoader worker (memory maps do not pickle).
"""

from __future__ import annotations

import numpy as np
import torch
from torch.utils.data import Dataset as _TorchDataset

from . import Dataset


class ShardDataset(_TorchDataset):
    """PyTorch view of an SRKit shard dataset folder."""

    def __init__(self, directory: str, transform=None, verify: bool = False):
        self.directory = directory
        self.transform = transform
        self.verify_records = verify
        self._dataset = Dataset(directory)
        self._length = len(self._dataset)

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, i: int):
        if self._dataset is None:
            self._dataset = Dataset(self.directory)
        record = self._dataset.record(int(i), verify=self.verify_records)
        item = {name: torch.from_numpy(np.array(a, copy=True)) for name, a in record.items()}
        return self.transform(item) if self.transform is not None else item

    def __getstate__(self):
        state = dict(self.__dict__)
        state["_dataset"] = None
        return state
