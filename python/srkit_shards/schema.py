"""Record schema: the fields every record holds, their byte offsets, and the Swift checks on them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, List, Optional, Sequence, Tuple

import numpy as np

from ._format import DTYPES, align


@dataclass(frozen=True)
class Field:
    """One field of every record.

    ``dtype`` is ``"uint8"`` or ``"float32"`` (little-endian), ``shape`` the C-order array shape,
    ``layout`` ``"hwc"`` (height, width, channels) or ``"chw"`` (channels first, PyTorch).
    """

    name: str
    dtype: str
    shape: Tuple[int, ...]
    layout: str

    @property
    def numpy_dtype(self) -> np.dtype:
        """The numpy dtype of the stored elements."""
        return DTYPES[self.dtype]

    @property
    def byte_count(self) -> int:
        """Bytes of the field inside a record: product(shape) × element size."""
        return int(np.prod(self.shape, dtype=np.int64)) * self.numpy_dtype.itemsize

    @property
    def spatial_axes(self) -> Optional[Tuple[int, int]]:
        """(height axis, width axis) of a 3-dimensional image field, else None."""
        if len(self.shape) != 3:
            return None
        return (0, 1) if self.layout == "hwc" else (1, 2)


def field_offsets(fields: Sequence[Field]) -> List[int]:
    """Byte offset of each field inside a record: 0, then each previous end rounded up to 64."""
    out, at = [], 0
    for f in fields:
        out.append(at)
        at = align(at + f.byte_count)
    return out


def record_length(fields: Sequence[Field]) -> int:
    """Bytes covered by each record's CRC: the last field's offset plus its size."""
    return field_offsets(fields)[-1] + fields[-1].byte_count


def schema_problem(fields: Sequence[Field]) -> Optional[str]:
    """The Swift ``ShardSchema.validate`` reason for an invalid schema, or None when valid."""
    if not fields:
        return "the schema has no fields"
    seen = set()
    for f in fields:
        if not f.name:
            return "a field has an empty name"
        if f.name in seen:
            return f'the field name "{f.name}" is used twice'
        seen.add(f.name)
        if not f.shape or any(d < 1 or d > 1 << 30 for d in f.shape):
            return f'field "{f.name}" has shape {list(f.shape)}; every dimension must be 1...2^30'
        elements = 1
        for d in f.shape:
            elements *= d
            if elements > 1 << 40 or elements > (1 << 63) - 1:
                return f'field "{f.name}" with shape {list(f.shape)} is larger than 2^40 bytes'
    return None


def fields_from_json(obj: Any) -> List[Field]:
    """Fields from an already type-checked ``{"fields": [...]}`` object (see ``_swiftjson``)."""
    return [Field(f["name"], f["dtype"], tuple(f["shape"]), f["layout"]) for f in obj["fields"]]
