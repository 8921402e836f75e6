#!/usr/bin/python3
"""Golden digests for Pipelines/srcnn-pytorch-x3.yaml (Tests/FidelityTests/SRCNNPyTorchRecipeFidelityTests.swift).

The recipe, as yjn870/SRCNN-pytorch's prepare.py describes its training set (this is SRKit's own
re-statement of it, written from reading that script, not a copy of it):

  for each file of the folder, in sorted order of the paths:
    hr = Pillow open, convert("RGB")
    hr = hr.resize((w // s * s, h // s * s), BICUBIC)            # Pillow bicubic, uint8
    lr = hr.resize((W // s, H // s), BICUBIC).resize((W, H), BICUBIC)
    hr, lr = float32 arrays on 0..255
    y = 16 + (64.738 R + 129.057 G + 25.064 B) / 256, evaluated by numpy on float32
    windows of `patch` x `patch` at rows 0, stride, ... (outer) and columns 0, stride, ... (inner)
    while they fit; the same windows of lr and hr

Rerun from the repository root with Debian's Python (Pillow 9.4.0, NumPy 1.24):

    /usr/bin/python3 Fixtures/scripts/make_srcnn_pytorch_goldens.py [--data ../shared/datasets/T91] [--scale 3]

(--data defaults to $SRKIT_SHARED/datasets/T91 when SRKIT_SHARED is set.)

It writes Fixtures/golden/srcnn-pytorch/t91-x<scale>.json: the versions used, the parameters,
the record count, the SHA-256 of all lr and all hr patches (float32 little-endian, C order,
record after record), and per image its size, window count and the two SHA-256 of its windows
(so a mismatch points at the image), plus min/max/sum of a few records for diagnosis.
With --npz PATH it also saves all patches (about 190 MB at x3) for a value-by-value comparison.
"""
import argparse
import glob
import hashlib
import json
import os

import numpy as np
import PIL
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def luma_bt601_256(rgb):
    """16 + (64.738 R + 129.057 G + 25.064 B) / 256 on a float32 HxWx3 array, numpy float32 arithmetic."""
    r, g, b = rgb[:, :, 0], rgb[:, :, 1], rgb[:, :, 2]
    return 16. + (64.738 * r + 129.057 * g + 25.064 * b) / 256.


def windows(y, patch, stride):
    h, w = y.shape
    return [y[i:i + patch, j:j + patch] for i in range(0, h - patch + 1, stride) for j in range(0, w - patch + 1, stride)]


def main():
    ap = argparse.ArgumentParser()
    shared = os.environ.get("SRKIT_SHARED", os.path.join(ROOT, "..", "shared"))
    ap.add_argument("--data", default=os.path.join(shared, "datasets", "T91"))
    ap.add_argument("--scale", type=int, default=3)
    ap.add_argument("--patch", type=int, default=33)
    ap.add_argument("--stride", type=int, default=14)
    ap.add_argument("--npz")
    args = ap.parse_args()
    s = args.scale
    total_lr, total_hr = hashlib.sha256(), hashlib.sha256()
    images, samples, count = [], [], 0
    all_lr, all_hr = [], []
    for path in sorted(glob.glob(os.path.join(args.data, "*"))):
        im = Image.open(path).convert("RGB")
        w, h = im.width // s * s, im.height // s * s
        hr = im.resize((w, h), resample=Image.BICUBIC)
        lr = hr.resize((w // s, h // s), resample=Image.BICUBIC).resize((w, h), resample=Image.BICUBIC)
        hr_y = luma_bt601_256(np.asarray(hr).astype(np.float32))
        lr_y = luma_bt601_256(np.asarray(lr).astype(np.float32))
        assert hr_y.dtype == np.float32 and lr_y.dtype == np.float32
        lw, hw = windows(lr_y, args.patch, args.stride), windows(hr_y, args.patch, args.stride)
        img_lr, img_hr = hashlib.sha256(), hashlib.sha256()
        for a, b in zip(lw, hw):
            la, hb = np.ascontiguousarray(a, dtype="<f4").tobytes(), np.ascontiguousarray(b, dtype="<f4").tobytes()
            for digest, data in ((img_lr, la), (total_lr, la), (img_hr, hb), (total_hr, hb)):
                digest.update(data)
            if count % 5000 == 0 or count == 21883:
                samples.append({"record": count, "lr": [float(a.min()), float(a.max()), float(a.astype(np.float64).sum())],
                                "hr": [float(b.min()), float(b.max()), float(b.astype(np.float64).sum())]})
            count += 1
        if args.npz:
            all_lr += lw
            all_hr += hw
        images.append({"name": os.path.basename(path), "width": im.width, "height": im.height,
                       "windows": len(lw), "lr_sha256": img_lr.hexdigest(), "hr_sha256": img_hr.hexdigest()})
    out = {
        "recipe": "yjn870/SRCNN-pytorch prepare.py (train), restated in Fixtures/scripts/make_srcnn_pytorch_goldens.py",
        "pillow": PIL.__version__, "numpy": np.__version__,
        "scale": s, "patch": args.patch, "stride": args.stride,
        "records": count, "lr_sha256": total_lr.hexdigest(), "hr_sha256": total_hr.hexdigest(),
        "samples": samples, "images": images,
    }
    dst = os.path.join(ROOT, "Fixtures", "golden", "srcnn-pytorch", f"t91-x{s}.json")
    os.makedirs(os.path.dirname(dst), exist_ok=True)
    with open(dst, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    if args.npz:
        np.savez(args.npz, lr=np.array(all_lr), hr=np.array(all_hr))
    print(f"{dst}: {count} records, lr {total_lr.hexdigest()[:16]}…, hr {total_hr.hexdigest()[:16]}…")


if __name__ == "__main__":
    main()
