#!/usr/bin/python3
"""Times the peers of SRKit's resamplers on the image the Swift benchmark uses.

Cases (input megapixels per second, uint8 RGB in and out, 2 threads where the library threads):
  opencv INTER_AREA / INTER_CUBIC x1/4, opencv INTER_CUBIC x4   cv2.resize, cv2.setNumThreads(2)
  pillow BICUBIC x1/4, x4                                      PIL.Image.resize (single-threaded)
  basicsr imresize x1/4, x4                                    basicsr.utils.matlab_functions.imresize,
                                                               torch.set_num_threads(2); timed
                                                               uint8 -> [0,1] float -> imresize ->
                                                               round -> uint8, like SRKit's path

Run with Debian's Python, which has python3-opencv, python3-torch and python3-pil:
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 Benchmarks/python/resize_peers.py
BasicSR is only imported, never vendored; install it outside the repository without its
dependencies (torch comes from Debian):
  /usr/bin/python3 -m pip install --no-deps --target /tmp/basicsr-pkg basicsr
"""

import argparse
import importlib.util
import os
import sys

import cv2
import numpy as np
import torch
from PIL import Image

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import timing  # noqa: E402

THREADS = 2
DEFAULT_DATA = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..",
                                             "shared", "datasets"))


def load_basicsr_imresize(root):
    """Imports `basicsr/utils/matlab_functions.py` from `root` as a lone module: the package's
    `__init__` pulls in torchvision, lmdb and more that `imresize` does not need."""
    path = os.path.join(root, "basicsr", "utils", "matlab_functions.py")
    if not os.path.exists(path):
        return None
    spec = importlib.util.spec_from_file_location("basicsr_matlab_functions", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.imresize


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=DEFAULT_DATA, help="shared datasets folder (default: %(default)s)")
    parser.add_argument("--image", default="Set14/original/lenna.png", help="image under --data")
    parser.add_argument("--basicsr", default="/tmp/basicsr-pkg", help="pip --target folder holding basicsr")
    parser.add_argument("--basicsr-runs", type=int, default=3, help="at least this many timed BasicSR runs per case")
    parser.add_argument("--basicsr-seconds", type=float, default=2.0,
                        help="and at least this long per BasicSR case, up to 50 runs (x4 takes ~0.5 s a run)")
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()

    cv2.setNumThreads(THREADS)
    torch.set_num_threads(THREADS)

    path = os.path.join(args.data, args.image)
    bgr = cv2.imread(path, cv2.IMREAD_COLOR)
    if bgr is None:
        sys.exit(f"{path}: cannot read the benchmark image; pass --data with the shared datasets folder.")
    rgb = np.ascontiguousarray(bgr[:, :, ::-1])
    h, w, c = rgb.shape
    mp = w * h / 1e6
    name = f"{os.path.basename(path)} {w}x{h}x{c}"
    down = (-(-w // 4), -(-h // 4))  # ceil, MATLAB's output size rule
    up = (w * 4, h * 4)
    pil = Image.fromarray(rgb)

    results = []
    for label, size, interp in [
        ("opencv INTER_AREA x1/4", down, cv2.INTER_AREA),
        ("opencv INTER_CUBIC x1/4", down, cv2.INTER_CUBIC),
        ("opencv INTER_CUBIC x4", up, cv2.INTER_CUBIC),
    ]:
        results.append(timing.measure(label, name, "MP/s", mp,
                                      lambda size=size, interp=interp: cv2.resize(rgb, size, interpolation=interp),
                                      warmup=5, min_runs=30))
    for label, size in [("pillow BICUBIC x1/4", down), ("pillow BICUBIC x4", up)]:
        results.append(timing.measure(label, name, "MP/s", mp,
                                      lambda size=size: pil.resize(size, Image.BICUBIC),
                                      warmup=3, min_runs=20))

    imresize = load_basicsr_imresize(args.basicsr)
    if imresize is None:
        print(f"note: BasicSR not found under {args.basicsr}; skipping its cases "
              f"(/usr/bin/python3 -m pip install --no-deps --target {args.basicsr} basicsr)\n")
    else:
        def basicsr(scale):
            out = imresize(rgb.astype(np.float32) / 255.0, scale)
            return np.clip(np.round(out * 255.0), 0, 255).astype(np.uint8)

        for label, scale, expected in [("basicsr imresize x1/4", 0.25, down), ("basicsr imresize x4", 4, up)]:
            out = basicsr(scale)
            assert (out.shape[1], out.shape[0]) == expected, out.shape
            results.append(timing.measure(label, name, "MP/s", mp, lambda scale=scale: basicsr(scale),
                                          warmup=1, min_runs=args.basicsr_runs, min_seconds=args.basicsr_seconds,
                                          max_runs=50))

    title = (f"resize peers: OpenCV {cv2.__version__} (threads {cv2.getNumThreads()}), "
             f"Pillow {Image.__version__}, torch {torch.__version__} (threads {torch.get_num_threads()}), "
             f"numpy {np.__version__}; rate = input megapixels / median time")
    timing.print_table(title, results)
    print(f"load average: {timing.load_average()}")
    if args.json:
        timing.save_json(args.json, title, results)


if __name__ == "__main__":
    main()
