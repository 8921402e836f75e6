#!/usr/bin/python3
"""SHA-256 of Pillow's decoded pixels for the shared benchmark images SRKit must decode exactly.

Rerun from the repository root with Debian's Python (Pillow 9.4, NumPy 1.24):

    /usr/bin/python3 Fixtures/scripts/make_dataset_decode_digests.py [shared/datasets folder]

The folder defaults to ../shared/datasets beside the repository (or $SRKIT_SHARED/datasets).
Covers T91 (*.bmp), Set5/original, Set5/GTmod12 and Set14/original (*.png). Writes
Fixtures/golden/decode/datasets.json: per relative path, width/height/channels and the SHA-256
of the HWC uint8 bytes after SRKit's decode policy (Pillow mode "L"/"1"/"LA" -> convert("L"),
anything else -> convert("RGB")). Only digests are committed, never dataset pixels.
"""
import hashlib
import json
import os
import sys

import numpy as np
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
GOLDEN = os.path.join(ROOT, "Fixtures", "golden", "decode", "datasets.json")
FOLDERS = [("T91", ".bmp"), ("Set5/original", ".png"), ("Set5/GTmod12", ".png"), ("Set14/original", ".png")]


def main():
    if len(sys.argv) > 1:
        datasets = sys.argv[1]
    elif os.environ.get("SRKIT_SHARED"):
        datasets = os.path.join(os.environ["SRKIT_SHARED"], "datasets")
    else:
        datasets = os.path.join(os.path.dirname(ROOT), "shared", "datasets")
    files = {}
    for folder, ext in FOLDERS:
        names = sorted(n for n in os.listdir(os.path.join(datasets, folder)) if n.lower().endswith(ext))
        for name in names:
            im = Image.open(os.path.join(datasets, folder, name))
            a = np.asarray(im.convert("L") if im.mode in ("L", "1", "LA") else im.convert("RGB"))
            a = a if a.ndim == 3 else a[:, :, None]
            files[f"{folder}/{name}"] = {"width": int(a.shape[1]), "height": int(a.shape[0]),
                                         "channels": int(a.shape[2]),
                                         "sha256": hashlib.sha256(np.ascontiguousarray(a).tobytes()).hexdigest()}
    with open(GOLDEN, "w") as f:
        json.dump({"generator": "Fixtures/scripts/make_dataset_decode_digests.py (Pillow 9.4, NumPy 1.24)",
                   "files": files}, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{len(files)} files")


if __name__ == "__main__":
    main()
