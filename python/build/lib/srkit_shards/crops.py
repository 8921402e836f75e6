"""Random crops on read for sub-image datasets: BasicSR's ``paired_random_crop`` followed by its
``augment`` (horizontal flip, vertical flip, transpose), applied to whole batches of numpy arrays.

Semantics, from BasicSR ``basicsr/data/transforms.py``: the LR window of ``size // scale`` pixels
starts at ``top = randint(0, h_lr - lr_size)``, ``left = randint(0, w_lr - lr_size)`` (inclusive),
the HR window at ``(top * scale, left * scale)``; then with probability 1/2 each: mirror left-right
(``cv2.flip(img, 1)``), with ``rotate`` mirror top-bottom (``cv2.flip(img, 0)``) and transpose
height and width (``img.transpose(1, 0, 2)``), in that order, the same choices for HR and LR.
Draws come from SplitMix64 keyed by (seed, epoch, record position), never a global generator, so
they repeat exactly for any number of workers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Sequence

import numpy as np

from .errors import ShardFormatError
from .sampling import splitmix64, stream_key
from .schema import Field


@dataclass(frozen=True)
class PairedRandomCrop:
    """Crop ``hr`` to ``size``×``size`` and ``lr`` to the aligned ``size // scale`` window, then
    flip/transpose (``flip``: left-right; ``rotate``: top-bottom and transpose, BasicSR's
    ``use_hflip``/``use_rot``). ``scale`` defaults to the HR/LR size ratio of the schema."""

    size: int
    hr: str = "hr"
    lr: str = "lr"
    scale: Optional[int] = None
    flip: bool = True
    rotate: bool = True

    def resolve_scale(self, fields: Sequence[Field]) -> int:
        """The scale, checked against the schema (HR an integer multiple of LR, windows fit)."""
        by = {f.name: f for f in fields}
        for name in (self.hr, self.lr):
            if name not in by or by[name].spatial_axes is None:
                raise ShardFormatError(f"random crop: field {name!r} is not a 3-dimensional image field of this dataset "
                                       f"(fields: {', '.join(by)})", "invalid_crop")
        hr, lr = by[self.hr], by[self.lr]
        (hy, hx), (ly, lx) = hr.spatial_axes, lr.spatial_axes
        h_hr, w_hr, h_lr, w_lr = hr.shape[hy], hr.shape[hx], lr.shape[ly], lr.shape[lx]
        scale = self.scale or h_hr // h_lr
        if h_hr != h_lr * scale or w_hr != w_lr * scale:
            raise ShardFormatError(f"random crop: scale mismatch: HR {h_hr}x{w_hr} is not {scale}x LR {h_lr}x{w_lr}", "invalid_crop")
        if self.size % scale:
            raise ShardFormatError(f"random crop: size {self.size} is not a multiple of the scale {scale}", "invalid_crop")
        if h_lr < self.size // scale or w_lr < self.size // scale:
            raise ShardFormatError(f"random crop: LR ({h_lr}, {w_lr}) is smaller than patch size "
                                   f"({self.size // scale}, {self.size // scale})", "invalid_crop")
        return scale

    def __call__(self, batch: Dict[str, np.ndarray], fields: Sequence[Field], seed: int, epoch: int,
                 positions: np.ndarray) -> Dict[str, np.ndarray]:
        """Crops of every record of ``batch`` (arrays ``(B, *shape)``); ``positions`` are the
        records' positions in the epoch, which key the draws."""
        scale = self.resolve_scale(fields)
        by = {f.name: f for f in fields}
        hr_f, lr_f = by[self.hr], by[self.lr]
        (ly, lx) = lr_f.spatial_axes
        h_lr, w_lr, p = lr_f.shape[ly], lr_f.shape[lx], self.size // scale
        n = len(positions)
        key = stream_key(seed, 0xC409, epoch)
        draws = [splitmix64(np.asarray(positions, dtype=np.uint64) ^ splitmix64(np.full(n, key ^ np.uint64(j), dtype=np.uint64)))
                 for j in range(5)]
        top = (draws[0] % np.uint64(h_lr - p + 1)).astype(np.int64)
        left = (draws[1] % np.uint64(w_lr - p + 1)).astype(np.int64)
        hflip = (draws[2] >> np.uint64(63)).astype(bool) & self.flip
        vflip = (draws[3] >> np.uint64(63)).astype(bool) & self.rotate
        rot = (draws[4] >> np.uint64(63)).astype(bool) & self.rotate
        out = dict(batch)
        for name, f, s in ((self.hr, hr_f, scale), (self.lr, lr_f, 1)):
            out[name] = _crop(batch[name], f, top * s, left * s, p * s, hflip, vflip, rot)
        return out


def _crop(arr: np.ndarray, f: Field, top, left, size: int, hflip, vflip, rot) -> np.ndarray:
    hy, hx = f.spatial_axes
    shape = list(f.shape)
    shape[hy] = shape[hx] = size
    out = np.empty((len(arr),) + tuple(shape), dtype=arr.dtype)
    for b in range(len(arr)):
        sl = [slice(None)] * 3
        sl[hy] = slice(int(top[b]), int(top[b]) + size)
        sl[hx] = slice(int(left[b]), int(left[b]) + size)
        img = arr[b][tuple(sl)]
        if hflip[b]:
            img = np.flip(img, axis=hx)
        if vflip[b]:
            img = np.flip(img, axis=hy)
        if rot[b]:
            img = np.swapaxes(img, hy, hx)
        out[b] = img
    return out
