"""CRC-32C (Castagnoli, reflected 0x82F63B78), as the shard format uses it.

``crc32c`` checksums one buffer; ``crc32c_rows`` checksums every row of a 2-D uint8 array at once.
When the well-kept ``crc32c`` package (PyPI ``crc32c``, Debian ``python3-crc32c``; SSE4.2
hardware instructions) is installed it is used, about a hundred times faster than the numpy
fallback (measured in ``Benchmarks/python_loader.py --verify``); otherwise the numpy code below,
vectorised across rows (slicing-by-8 per step), gives the same values. ``SRKIT_PURE_CRC=1``
forces the numpy path (the tests run both).
"""

from __future__ import annotations

import os

import numpy as np

try:  # optional compiled CRC32C
    if os.environ.get("SRKIT_PURE_CRC") == "1":
        raise ImportError
    import crc32c as _compiled
    if _compiled.crc32c(b"123456789") != 0xE3069283:  # pragma: no cover - a different algorithm
        raise ImportError
except ImportError:
    _compiled = None

#: Which implementation ``crc32c_rows`` uses: "crc32c package" or "numpy".
IMPLEMENTATION = "crc32c package" if _compiled is not None else "numpy"


def _tables() -> np.ndarray:
    t = np.zeros((8, 256), dtype=np.uint32)
    for i in range(256):
        c = i
        for _ in range(8):
            c = (c >> 1) ^ 0x82F63B78 if c & 1 else c >> 1
        t[0, i] = c
    for k in range(1, 8):
        prev = t[k - 1]
        t[k] = t[0][prev & 0xFF] ^ (prev >> 8)
    return t


_T = _tables()
_T0 = [int(v) for v in _T[0]]


def crc32c(data, crc: int = 0) -> int:
    """CRC-32C of ``data`` (bytes-like), continuing from ``crc``; ``crc32c(b"123456789") == 0xE3069283``."""
    if _compiled is not None:
        return _compiled.crc32c(data, crc) if crc else _compiled.crc32c(data)
    buf = np.frombuffer(memoryview(data).cast("B"), dtype=np.uint8)
    if len(buf) >= 256:
        return int(crc32c_many(buf.reshape(1, -1), initial=crc)[0])
    c = crc ^ 0xFFFFFFFF
    t = _T0
    for b in buf.tolist():
        c = t[(c ^ b) & 0xFF] ^ (c >> 8)
    return c ^ 0xFFFFFFFF


def _raw_many(rows: np.ndarray, state: np.ndarray) -> np.ndarray:
    """The CRC register after feeding each row of ``rows`` into ``state`` (no init/final XOR);
    vectorised across rows, slicing-by-8 per step."""
    n, length = rows.shape
    c = state.astype(np.uint32, copy=True)
    t = _T
    words = length // 8
    if words:
        w = np.ascontiguousarray(rows[:, : words * 8]).view("<u4").reshape(n, words, 2)
        for j in range(words):
            lo = w[:, j, 0] ^ c
            hi = w[:, j, 1]
            c = (t[7][lo & 0xFF] ^ t[6][(lo >> 8) & 0xFF] ^ t[5][(lo >> 16) & 0xFF] ^ t[4][lo >> 24]
                 ^ t[3][hi & 0xFF] ^ t[2][(hi >> 8) & 0xFF] ^ t[1][(hi >> 16) & 0xFF] ^ t[0][hi >> 24])
    for j in range(words * 8, length):
        c = t[0][(c ^ rows[:, j]) & 0xFF] ^ (c >> 8)
    return c


_SEGMENT = 4096
_SHIFT = {}


def _shift_columns(length: int) -> np.ndarray:
    """Column i = the register after feeding ``length`` zero bytes into state 1 << i: the CRC
    register update is linear, so these 32 columns shift any state past ``length`` bytes."""
    if length not in _SHIFT:
        states = (np.uint32(1) << np.arange(32, dtype=np.uint32)).astype(np.uint32)
        _SHIFT[length] = _raw_many(np.zeros((32, length), dtype=np.uint8), states)
    return _SHIFT[length]


def _apply(columns: np.ndarray, state: np.ndarray) -> np.ndarray:
    out = np.zeros_like(state)
    for i in range(32):
        out ^= np.where((state >> np.uint32(i)) & np.uint32(1), columns[i], np.uint32(0))
    return out


def crc32c_many(rows: np.ndarray, initial: int = 0) -> np.ndarray:
    """CRC-32C of each row of a 2-D uint8 array, vectorised across rows.

    Long rows are cut into 4 KiB segments whose CRCs are computed together and then chained
    (register(A+B) = shift(register(A), len B) ^ register_from_zero(B)), so one long record is
    as fast as many short ones.
    """
    rows = np.asarray(rows, dtype=np.uint8)
    n, length = rows.shape
    start = np.full(n, initial ^ 0xFFFFFFFF, dtype=np.uint32)
    segments = length // _SEGMENT if length >= 4 * _SEGMENT else 0
    if segments == 0:
        return _raw_many(rows, start) ^ np.uint32(0xFFFFFFFF)
    body = np.ascontiguousarray(rows[:, : segments * _SEGMENT]).reshape(n * segments, _SEGMENT)
    parts = _raw_many(body, np.zeros(n * segments, dtype=np.uint32)).reshape(n, segments)
    columns = _shift_columns(_SEGMENT)
    c = start
    for k in range(segments):
        c = _apply(columns, c) ^ parts[:, k]
    c = _raw_many(rows[:, segments * _SEGMENT:], c)
    return c ^ np.uint32(0xFFFFFFFF)




def crc32c_rows(rows: np.ndarray) -> np.ndarray:
    """CRC-32C of each row of a 2-D uint8 array (uint32 array): compiled per row when available,
    else ``crc32c_many``."""
    rows = np.asarray(rows, dtype=np.uint8)
    if _compiled is None:
        return crc32c_many(rows)
    out = np.empty(len(rows), dtype=np.uint32)
    f = _compiled.crc32c
    for i in range(len(rows)):
        out[i] = f(rows[i])
    return out
