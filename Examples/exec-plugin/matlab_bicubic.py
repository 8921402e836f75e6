#!/usr/bin/env python3
"""MATLAB imresize(lr, scale, 'bicubic') as an SRKit exec: model, with only numpy and the
standard library (PNG is read and written with zlib, so Pillow is not needed).

    bench score --model exec:'Examples/exec-plugin/matlab_bicubic.py {input_dir} {output_dir} {scale}' \
        --protocol basicsr --datasets set5 --scales 4

Under the basicsr protocol it reproduces the built-in `bicubic` model (the same MATLAB kernel,
Keys a = -0.5, symmetric borders), so its scores match `--model bicubic`; it is also the model
SRKit's tests run. It reads every 8-bit grey/RGB/RGBA PNG in input_dir and writes
<name>.png of scale times the size to output_dir, keeping the channel count (alpha dropped).
"""
import os
import struct
import sys
import zlib

import numpy as np


def read_png(path):
    """8-bit, non-interlaced grey, grey+alpha, RGB or RGBA PNG -> uint8 array (H, W, C)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(color)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"{path}: only 8-bit non-interlaced grey/RGB(A) PNG is supported")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    out = np.zeros((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int32)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = np.frombuffer(raw, np.uint8, stride, y * (stride + 1) + 1).astype(np.int32)
        if kind == 0:
            cur = line
        elif kind == 2:
            cur = (line + prev) & 0xFF
        elif kind in (1, 3, 4):
            # Sub, Average and Paeth depend on the pixel to the left: one pixel at a time.
            cur = line.copy()
            for x in range(stride):
                a = cur[x - channels] if x >= channels else 0
                b = prev[x]
                if kind == 1:
                    p = a
                elif kind == 3:
                    p = (a + b) >> 1
                else:
                    c = prev[x - channels] if x >= channels else 0
                    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                    p = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                cur[x] = (cur[x] + p) & 0xFF
        else:
            raise ValueError(f"{path}: bad PNG filter {kind}")
        out[y] = cur
        prev = cur
    image = out.reshape(height, width, channels)
    return image[:, :, :3] if channels == 4 else image[:, :, :1] if channels == 2 else image


def write_png(path, image):
    """uint8 array (H, W, 1 or 3) -> 8-bit PNG, no filtering."""
    height, width, channels = image.shape
    color = {1: 0, 3: 2}[channels]
    rows = np.ascontiguousarray(image).reshape(height, width * channels)
    raw = b"".join(b"\x00" + rows[y].tobytes() for y in range(height))

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n")
        f.write(chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, color, 0, 0, 0)))
        f.write(chunk(b"IDAT", zlib.compress(raw, 6)))
        f.write(chunk(b"IEND", b""))


def cubic(x):
    """Keys cubic, a = -0.5, as MATLAB's imresize."""
    ax = np.abs(x)
    return ((1.5 * ax**3 - 2.5 * ax**2 + 1) * (ax <= 1)
            + (-0.5 * ax**3 + 2.5 * ax**2 - 4 * ax + 2) * ((ax > 1) & (ax <= 2)))


def weights(n_in, scale):
    """Tap indices and weights of MATLAB imresize upscaling by an integer factor (no antialiasing)."""
    out = np.arange(1, n_in * scale + 1, dtype=np.float64)
    u = out / scale + 0.5 * (1 - 1 / scale)
    left = np.floor(u - 2)
    taps = left[:, None] + np.arange(6)[None, :]
    w = cubic(u[:, None] - taps)
    w /= w.sum(axis=1, keepdims=True)
    # Symmetric padding: index 0 mirrors to 1, n_in + 1 to n_in (1-based).
    mirror = np.concatenate([np.arange(n_in), np.arange(n_in)[::-1]])
    idx = mirror[(taps.astype(np.int64) - 1) % (2 * n_in)]
    return idx, w


def upscale(image, scale):
    x = image.astype(np.float64)
    # MATLAB resizes the dimension with the smaller scale first; equal scales: rows (height) first.
    idx, w = weights(x.shape[0], scale)
    x = np.einsum("ok,okwc->owc", w, x[idx])
    idx, w = weights(x.shape[1], scale)
    x = np.einsum("ok,hokc->hoc", w, x[:, idx])
    return np.clip(np.round(x), 0, 255).astype(np.uint8)


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: matlab_bicubic.py INPUT_DIR OUTPUT_DIR SCALE")
    input_dir, output_dir, scale = sys.argv[1], sys.argv[2], int(sys.argv[3])
    for name in sorted(os.listdir(input_dir)):
        if name.lower().endswith(".png"):
            write_png(os.path.join(output_dir, name), upscale(read_png(os.path.join(input_dir, name)), scale))


if __name__ == "__main__":
    main()
