#!/usr/bin/python3
"""Golden names and digests of BasicSR-style sub-images (Tests/FidelityTests/SubImageRecipeFidelityTests.swift).

BasicSR's scripts/data_preparation/extract_subimages.py, restated here from its description (not
copied): for each image, rows start at 0, step, 2*step, ... while a crop fits, plus h - crop when
that leaves more than thresh_size pixels uncovered; the same for columns; crops are taken rows
outer, columns inner and saved as <name>_s001.png, <name>_s002.png, ... The crops are pixel
copies, so their bytes equal the decoded image's (cv2 writes BGR, which reads back as the same
RGB; we hash RGB HWC bytes as decoded by Pillow).

    /usr/bin/python3 Fixtures/scripts/make_subimage_goldens.py [--data DIR] [--crop 480] [--step 240] [--thresh 0]

Writes Fixtures/golden/subimages/<folder>.json: every sub-image's BasicSR name and the SHA-256
of its HR bytes, in BasicSR's file-name order (images sorted by name, then _sNNN).
"""
import argparse
import hashlib
import json
import os

import numpy as np
import PIL
from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def starts(length, crop, step, thresh):
    s = list(range(0, length - crop + 1, step))
    if length - (s[-1] + crop) > thresh:
        s.append(length - crop)
    return s


def main():
    shared = os.environ.get("SRKIT_SHARED", os.path.join(ROOT, "..", "shared"))
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=os.path.join(shared, "datasets", "Urban100_first10"))
    ap.add_argument("--crop", type=int, default=480)
    ap.add_argument("--step", type=int, default=240)
    ap.add_argument("--thresh", type=int, default=0)
    args = ap.parse_args()
    subs = []
    for name in sorted(os.listdir(args.data)):
        img = np.asarray(Image.open(os.path.join(args.data, name)).convert("RGB"))
        h, w = img.shape[:2]
        index = 0
        for y in starts(h, args.crop, args.step, args.thresh):
            for x in starts(w, args.crop, args.step, args.thresh):
                index += 1
                crop = np.ascontiguousarray(img[y:y + args.crop, x:x + args.crop])
                subs.append({"name": f"{os.path.splitext(name)[0]}_s{index:03d}", "x": x, "y": y,
                             "sha256": hashlib.sha256(crop.tobytes()).hexdigest()})
    folder = os.path.basename(os.path.normpath(args.data))
    out = {"recipe": "BasicSR extract_subimages.py, restated in Fixtures/scripts/make_subimage_goldens.py",
           "pillow": PIL.__version__, "crop": args.crop, "step": args.step, "thresh": args.thresh,
           "count": len(subs), "subimages": subs}
    dst = os.path.join(ROOT, "Fixtures", "golden", "subimages", f"{folder}.json")
    with open(dst, "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")
    print(f"{dst}: {len(subs)} sub-images")


if __name__ == "__main__":
    main()
