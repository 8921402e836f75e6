#!/usr/bin/python3
"""Golden outputs for SRKit's resamplers (Tests/SRImageTests/ResamplingGoldenTests.swift,
Tests/FidelityTests/MatlabResizeFidelityTests.swift).

Rerun from the repository root with Debian's Python (it has Pillow 9.4.0 and NumPy 1.24):

    /usr/bin/python3 Fixtures/scripts/make_resize_goldens.py [--shared ../shared] [--dump-hr DIR]

It writes, under Fixtures/golden/resize/:
  inputs/<name>.u8        synthetic inputs, raw HWC bytes (seeded NumPy noise, gradients, edges)
  outputs.bin             every golden output, raw HWC bytes, concatenated
  cases.json              one entry per case: input, kernel, target, output shape, offset and
                          length in outputs.bin, SHA-256 of the output bytes
  set5/<name>_x4.u8       MATLAB-bicubic 1/4 of each Set5 image (derived data, not the images)
  set5/set5.json          their shapes, SHA-256 and the HR SHA-256 they were made from

Kernels:
  pillow-bicubic / pillow-bilinear / pillow-lanczos / nearest: PIL.Image.resize((w, h), filter),
      made by the Pillow version recorded in cases.json ("pillow"); 9.4.0 for the committed files.
  matlab-bicubic / matlab-bicubic-uint8: the float64 reference below, written from MATLAB's
      imresize description (Keys a = -0.5, antialiasing when shrinking, symmetric borders,
      smaller scale first); "-uint8" rounds after each 1-D pass as MATLAB does on uint8 input.
      It is deliberately plain NumPy: one loop over taps, no reassociation, no FMA.

--dump-hr DIR also writes each decoded Set5 image as DIR/<name>.u8 (+ .json shape), for local
debugging without a PNG decoder.
"""
import argparse
import hashlib
import json
import os
import sys

import numpy as np
import PIL
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "Fixtures", "golden", "resize")


# ---------------------------------------------------------------- MATLAB reference (float64)

def cubic(x):
    """Keys cubic, a = -0.5, as MATLAB's cubic() in imresize.m (|x|^3 as |x|^2 * |x|)."""
    absx = np.abs(x)
    absx2 = absx * absx
    absx3 = absx2 * absx
    inner = 1.5 * absx3 - 2.5 * absx2 + 1
    outer = -0.5 * absx3 + 2.5 * absx2 - 4 * absx + 2
    return np.where(absx <= 1, inner, np.where(absx <= 2, outer, 0.0))


def contributions(in_len, out_len, scale, antialiasing=True):
    """Weights (out_len x taps) and 0-based mirrored indices, MATLAB's contributions()."""
    stretched = antialiasing and scale < 1
    width = 4.0 / scale if stretched else 4.0
    x = np.arange(1, out_len + 1, dtype=np.float64)
    u = x / scale + 0.5 * (1 - 1 / scale)
    left = np.floor(u - width / 2)
    span = int(np.ceil(width)) + 2
    idx = left[:, None] + np.arange(span, dtype=np.float64)[None, :]
    dist = u[:, None] - idx
    w = scale * cubic(scale * dist) if stretched else cubic(dist)
    # Sum sequentially (left to right) rather than with np.sum's pairwise summation.
    total = np.zeros(out_len)
    for j in range(span):
        total = total + w[:, j]
    w = w / total[:, None]
    keep = np.any(w != 0, axis=0)
    w, idx = w[:, keep], idx[:, keep].astype(np.int64)
    period = 2 * in_len
    m = np.mod(idx - 1, period)
    idx = np.where(m < in_len, m, period - 1 - m)
    return w, idx


def resize_axis(img, axis, w, idx):
    """img: float64 HxWxC; resample along axis 0 (vertical) or 1 (horizontal)."""
    acc = None
    for j in range(w.shape[1]):
        taken = np.take(img, idx[:, j], axis=axis)
        wj = w[:, j][:, None, None] if axis == 0 else w[:, j][None, :, None]
        term = wj * taken
        acc = term if acc is None else acc + term
    return acc


def round_half_away(x):
    """MATLAB uint8(): round half away from zero, exactly (no floor(x + 0.5) shortcut), clip."""
    t = np.trunc(x)
    frac = x - t
    r = t + np.where(np.abs(frac) >= 0.5, np.sign(x), 0.0)
    return np.clip(r, 0, 255).astype(np.uint8)


def output_size(side, scale):
    exact = side * scale
    nearest = round(exact)
    if abs(exact - nearest) <= 1e-9 * max(1, nearest):
        return max(1, int(nearest))
    return max(1, int(np.ceil(exact)))


def matlab_resize(img_u8, target, per_pass=False, unrounded=False):
    """img_u8: HxWxC uint8 -> uint8, MATLAB imresize bicubic (float64 before rounding if unrounded)."""
    h, w = img_u8.shape[:2]
    if "scale" in target:
        s = target["scale"]
        oh, ow, ys, xs = output_size(h, s), output_size(w, s), s, s
    else:
        ow, oh = target["size"]
        ys, xs = oh / h, ow / w
    wv, iv = contributions(h, oh, ys)
    wh, ih = contributions(w, ow, xs)
    x = img_u8.astype(np.float64)
    steps = [(0, wv, iv), (1, wh, ih)] if ys <= xs else [(1, wh, ih), (0, wv, iv)]
    for n, (axis, wt, ix) in enumerate(steps):
        x = resize_axis(x, axis, wt, ix)
        if per_pass and n == 0:
            x = round_half_away(x).astype(np.float64)
    return x if unrounded else round_half_away(x)


# ---------------------------------------------------------------- synthetic inputs

def synthetic(name, width, height, channels, seed):
    """Noise, a diagonal gradient and a hard-edged block, so clipping and ringing both occur."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float64)
    grad = 255 * (xx / max(1, width - 1) * 0.6 + yy / max(1, height - 1) * 0.4)
    img = np.empty((height, width, channels))
    for c in range(channels):
        noise = rng.normal(0, 40, (height, width))
        img[..., c] = grad * (0.5 + 0.25 * c) + noise
    img[height // 4: height // 2, width // 3: 2 * width // 3, :] = 255
    img[height // 2: 3 * height // 4, width // 6: width // 3, :] = 0
    return np.clip(np.round(img), 0, 255).astype(np.uint8)


INPUTS = [
    # name, width, height, channels, seed
    ("gray37x23", 37, 23, 1, 1),
    ("rgb64x48", 64, 48, 3, 2),
    ("rgb17x29", 17, 29, 3, 3),
    ("gray6x5", 6, 5, 1, 4),
]

PILLOW_FILTERS = {
    "pillow-bicubic": Image.BICUBIC,
    "pillow-bilinear": Image.BILINEAR,
    "pillow-lanczos": Image.LANCZOS,
    "nearest": Image.NEAREST,
}


def pillow_sizes(w, h):
    """Up, down, non-integer, per-axis different, one axis unchanged, extreme shrink."""
    sizes = [
        (2 * w, 2 * h), (max(1, w // 2), max(1, h // 2)), (w * 3 // 2 + 1, h * 5 // 7 + 1),
        (w + 13, max(1, h // 3)), (w, h * 2 + 1), (max(1, w // 5), max(1, h // 7)), (3, 2),
    ]
    return sizes


MATLAB_TARGETS = [
    {"scale": 0.25}, {"scale": 0.5}, {"scale": 1 / 3}, {"scale": 0.3}, {"scale": 2.0},
    {"scale": 3.0}, {"scale": 1.7}, {"size": [20, 9]}, {"size": [50, 12]},
]


def pillow_resize(img, size, flt):
    mode = "L" if img.shape[2] == 1 else "RGB"
    h, w, c = img.shape
    pil = Image.frombytes(mode, (w, h), img.tobytes())
    out = pil.resize(size, flt)
    arr = np.asarray(out, dtype=np.uint8)
    return arr.reshape(out.size[1], out.size[0], c)


def sha(data):
    return hashlib.sha256(data).hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    parser.add_argument("--dump-hr", default=None)
    args = parser.parse_args()

    os.makedirs(os.path.join(OUT, "inputs"), exist_ok=True)
    cases, blob = [], bytearray()

    def add(input_name, kernel, target, out):
        data = out.tobytes()
        cases.append({
            "input": input_name, "kernel": kernel, "target": target,
            "width": int(out.shape[1]), "height": int(out.shape[0]), "channels": int(out.shape[2]),
            "offset": len(blob), "length": len(data), "sha256": sha(data),
        })
        blob.extend(data)

    inputs = []
    for name, w, h, c, seed in INPUTS:
        img = synthetic(name, w, h, c, seed)
        with open(os.path.join(OUT, "inputs", name + ".u8"), "wb") as f:
            f.write(img.tobytes())
        inputs.append({"name": name, "width": w, "height": h, "channels": c, "sha256": sha(img.tobytes())})
        for kernel, flt in PILLOW_FILTERS.items():
            for size in pillow_sizes(w, h):
                add(name, kernel, {"size": list(size)}, pillow_resize(img, size, flt))
        for target in MATLAB_TARGETS:
            add(name, "matlab-bicubic", target, matlab_resize(img, target))
            add(name, "matlab-bicubic-uint8", target, matlab_resize(img, target, per_pass=True))

    with open(os.path.join(OUT, "outputs.bin"), "wb") as f:
        f.write(blob)
    with open(os.path.join(OUT, "cases.json"), "w") as f:
        json.dump({"pillow": PIL.__version__, "numpy": np.__version__, "inputs": inputs, "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"{len(cases)} cases, {len(blob)} output bytes")

    set5 = os.path.join(args.shared, "datasets", "Set5", "original")
    if not os.path.isdir(set5):
        print(f"no Set5 at {set5}; skipping the Set5 references", file=sys.stderr)
        return
    os.makedirs(os.path.join(OUT, "set5"), exist_ok=True)
    entries = []
    for file in sorted(os.listdir(set5)):
        if not file.endswith(".png"):
            continue
        name = file[:-4]
        hr = np.asarray(Image.open(os.path.join(set5, file)).convert("RGB"), dtype=np.uint8)
        exact = matlab_resize(hr, {"scale": 0.25}, unrounded=True)
        lr = round_half_away(exact)
        with open(os.path.join(OUT, "set5", name + "_x4.u8"), "wb") as f:
            f.write(lr.tobytes())
        # Samples whose float64 value lies within 1e-6 of a .5 tie: the only ones where an
        # implementation summing in another order could legitimately round the other way.
        entries.append({"name": name, "hr_width": hr.shape[1], "hr_height": hr.shape[0],
                        "width": lr.shape[1], "height": lr.shape[0], "channels": 3,
                        "hr_sha256": sha(hr.tobytes()), "sha256": sha(lr.tobytes()),
                        "near_ties": int(np.sum(np.abs(np.abs(exact - np.trunc(exact)) - 0.5) < 1e-6))})
        if args.dump_hr:
            os.makedirs(args.dump_hr, exist_ok=True)
            with open(os.path.join(args.dump_hr, name + ".u8"), "wb") as f:
                f.write(hr.tobytes())
    with open(os.path.join(OUT, "set5", "set5.json"), "w") as f:
        json.dump({"kernel": "matlab-bicubic", "scale": 0.25, "images": entries}, f, indent=1)
        f.write("\n")
    print(f"{len(entries)} Set5 references")


if __name__ == "__main__":
    main()
