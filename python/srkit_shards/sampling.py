"""Which records a process reads in which order: deterministic epoch shuffles from a seed, and a
``torch.utils.data.DistributedSampler``-compatible split by rank and world size.

The permutation is drawn with SplitMix64 keys and a stable sort, in numpy, so it depends only on
(seed, epoch, dataset size): not on numpy's or torch's generator versions, not on workers.
"""

from __future__ import annotations

import numpy as np

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def splitmix64(x: np.ndarray) -> np.ndarray:
    """The SplitMix64 finaliser applied elementwise to a uint64 array (wrapping arithmetic)."""
    with np.errstate(over="ignore"):
        z = (np.asarray(x, dtype=np.uint64) + _GOLDEN).astype(np.uint64)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))


def stream_key(seed: int, *parts: int) -> np.uint64:
    """One 64-bit key from a seed and integers (epoch, batch, …), by chained SplitMix64."""
    h = splitmix64(np.array([seed & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64))[0]
    for p in parts:
        h = splitmix64(np.array([h ^ np.uint64(p & 0xFFFFFFFFFFFFFFFF)], dtype=np.uint64))[0]
    return h


def permutation(n: int, seed: int, epoch: int) -> np.ndarray:
    """A permutation of ``0..<n`` determined by (seed, epoch): indices sorted by a hash of their
    number (stable sort, so equal keys — vanishingly rare — keep index order)."""
    key = stream_key(seed, 0x5348554646, epoch)
    keys = splitmix64(np.arange(n, dtype=np.uint64) ^ key)
    return np.argsort(keys, kind="stable").astype(np.int64)


def epoch_indices(n: int, *, seed: int = 0, epoch: int = 0, shuffle: bool = True,
                  rank: int = 0, world_size: int = 1, drop_last: bool = False) -> np.ndarray:
    """The dataset indices rank ``rank`` of ``world_size`` reads in ``epoch``, in order.

    As ``DistributedSampler``: the epoch's order (shuffled or 0…n-1) is padded by repeating its
    start until it divides evenly (or, with ``drop_last``, cut to a multiple of ``world_size``),
    then rank r takes positions r, r + world_size, … So the ranks' shares are disjoint (up to the
    padding), of equal length, and together cover the epoch.
    """
    if world_size < 1 or not 0 <= rank < world_size:
        raise ValueError(f"rank {rank} is not in 0...{world_size - 1} (world_size {world_size})")
    order = permutation(n, seed, epoch) if shuffle else np.arange(n, dtype=np.int64)
    if drop_last and n % world_size:
        total = (n // world_size) * world_size
        order = order[:total]
    else:
        total = -(-n // world_size) * world_size
        if total > n and n:
            order = np.concatenate([order, np.resize(order, total - n)])
    return order[rank:total:world_size]


def batches(order: np.ndarray, batch_size: int, drop_last: bool = False):
    """``order`` cut into consecutive batches (the last one shorter unless ``drop_last``)."""
    stop = len(order) - len(order) % batch_size if drop_last else len(order)
    return [order[i:i + batch_size] for i in range(0, stop, batch_size)]
