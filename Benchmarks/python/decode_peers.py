#!/usr/bin/python3
"""Times PNG and BMP decoding from memory with OpenCV and Pillow, for context next to SRKit.

One run decodes every file of the set from bytes already in memory (disk I/O excluded).
rate = decoded pixel megabytes (width * height * channels bytes, 1 MB = 10^6 bytes) per second
of median run time; "file MB/s" divides the encoded file bytes instead.

  Set14 PNGs  Set14/original/*.png (14 files, grey and RGB)
  T91 BMPs    T91/*.bmp (91 files, 24-bit RGB)

Decoding policy as SRKit's: grey stays one channel, colour becomes 3 channels.
  cv2.imdecode(buf, IMREAD_UNCHANGED) (cv2.setNumThreads(2); decoding itself is single-threaded)
  PIL.Image.open(BytesIO).load(), convert("RGB") only for modes other than L/RGB

Run with Debian's Python:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 Benchmarks/python/decode_peers.py
"""

import argparse
import glob
import io
import os
import sys

import cv2
import numpy as np
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timing  # noqa: E402

DEFAULT_DATA = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                                             "shared", "datasets"))
SETS = [("png", "Set14 PNGs", "Set14/original/*.png"), ("bmp", "T91 BMPs", "T91/*.bmp")]


def decode_cv2(blobs):
    total = 0
    for blob in blobs:
        img = cv2.imdecode(np.frombuffer(blob, np.uint8), cv2.IMREAD_UNCHANGED)
        total += img.size
    return total


def decode_pil(blobs):
    total = 0
    for blob in blobs:
        img = Image.open(io.BytesIO(blob))
        img.load()
        if img.mode not in ("L", "RGB"):
            img = img.convert("RGB")
        total += img.width * img.height * len(img.getbands())
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=DEFAULT_DATA, help="shared datasets folder (default: %(default)s)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    cv2.setNumThreads(2)

    results = []
    for ext, label, pattern in SETS:
        paths = sorted(glob.glob(os.path.join(args.data, pattern)))
        if not paths:
            sys.exit(f"{os.path.join(args.data, pattern)}: no files; pass --data with the shared datasets folder.")
        blobs = [open(p, "rb").read() for p in paths]
        file_mb = sum(len(b) for b in blobs) / 1e6
        decoded_mb = decode_pil(blobs) / 1e6
        assert decode_cv2(blobs) / 1e6 == decoded_mb
        desc = f"{label} ({len(blobs)} files, {decoded_mb:.2f} MB px, {file_mb:.2f} MB file)"
        for lib, body in [("opencv", decode_cv2), ("pillow", decode_pil)]:
            results.append(timing.measure(f"{lib} decode {ext}", desc, "MB/s", decoded_mb,
                                          lambda body=body, blobs=blobs: body(blobs),
                                          warmup=2, min_runs=10, min_seconds=2.0, file_mb=file_mb))

    title = (f"decode peers: OpenCV {cv2.__version__}, Pillow {Image.__version__}; "
             f"rate = decoded pixel MB / median time, from memory")
    timing.print_table(title, results)
    print(f"load average: {timing.load_average()}")
    if args.json:
        timing.save_json(args.json, title, results)


if __name__ == "__main__":
    main()
