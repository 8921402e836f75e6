"""BasicSR's metric flow for the bicubic baseline, the peer of `bench score --model bicubic
--protocol basicsr` (issue 3, item 9).

For every HR image of Set5 (Set5/original), Set14 (Set14/original) and BSD100
(BSD100/image_SRF_3_HR) and every scale, the steps are those a BasicSR user runs:

  hr  = cv2.imread(path)                                   # BGR uint8; grey files become 3 equal channels
  hr  = hr[:h - h % s, :w - w % s]                         # modcrop
  lr  = uint8(round(imresize(hr / 255, 1 / s) * 255))      # basicsr.utils.matlab_functions.imresize
  sr  = uint8(round(clip(imresize(lr / 255, s), 0, 1) * 255))
  psnr = calculate_psnr(sr, hr, crop_border=s, test_y_channel=True)   # basicsr.metrics
  ssim = calculate_ssim(sr, hr, crop_border=s, test_y_channel=True)

and the script prints the mean PSNR/SSIM of each dataset x scale (as CSV, same cells as SRKit's
`--format csv`) and the wall time. BasicSR is only imported, never copied: install it outside the
repository without dependencies (torch, numpy and OpenCV stay Debian's):

  /usr/bin/python3 -m pip install --no-deps --target /tmp/basicsr-pkg basicsr
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 Benchmarks/python/basicsr_metric_flow.py \
      --data /work/shared/datasets [--basicsr /tmp/basicsr-pkg] [--procs 2] [--per-image FILE]

`basicsr/__init__.py` pulls in torchvision, lmdb and more that the metric flow does not use, so the
three module files it needs (utils/matlab_functions.py, utils/color_util.py + utils/registry.py,
metrics/metric_util.py, metrics/psnr_ssim.py) are loaded by path under their own package names,
with the package `__init__`s skipped.

`--procs 1` (the default) is BasicSR's flow as users run it: one process, torch and OpenCV on
2 threads. `--procs N` spreads the images over N worker processes (1 thread each), for a
comparison that uses both cores the way SRKit does.
"""

import argparse
import glob
import importlib.util
import os
import sys
import time
import types

THREADS = 2
DATASETS = [
    ("set5", "Set5/original/*.png"),
    ("set14", "Set14/original/*.png"),
    ("bsd100", "BSD100/image_SRF_3_HR/*.png"),
]

_flow = None  # (imresize, calculate_psnr, calculate_ssim), set per process


def _load(name, path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_basicsr(root):
    """Imports BasicSR's imresize, calculate_psnr and calculate_ssim from the files under `root`
    without running the package `__init__`s (which need torchvision and friends)."""
    pkg = os.path.join(root, "basicsr")
    if not os.path.isdir(pkg):
        sys.exit(f"BasicSR not found under {root}: /usr/bin/python3 -m pip install --no-deps --target {root} basicsr")
    for name, sub in [("basicsr", ""), ("basicsr.utils", "utils"), ("basicsr.metrics", "metrics")]:
        if name not in sys.modules:
            module = types.ModuleType(name)
            module.__path__ = [os.path.join(pkg, sub)] if sub else [pkg]
            sys.modules[name] = module
    color_util = _load("basicsr.utils.color_util", os.path.join(pkg, "utils", "color_util.py"))
    sys.modules["basicsr.utils"].bgr2ycbcr = color_util.bgr2ycbcr
    _load("basicsr.utils.registry", os.path.join(pkg, "utils", "registry.py"))
    matlab = _load("basicsr.utils.matlab_functions", os.path.join(pkg, "utils", "matlab_functions.py"))
    _load("basicsr.metrics.metric_util", os.path.join(pkg, "metrics", "metric_util.py"))
    psnr_ssim = _load("basicsr.metrics.psnr_ssim", os.path.join(pkg, "metrics", "psnr_ssim.py"))
    return matlab.imresize, psnr_ssim.calculate_psnr, psnr_ssim.calculate_ssim


def _init_worker(root, threads):
    global _flow
    import cv2
    import torch
    torch.set_num_threads(threads)
    cv2.setNumThreads(threads)
    _flow = load_basicsr(root)


def score_image(task):
    """One image at one scale, BasicSR's steps; returns (dataset, scale, name, psnr, ssim)."""
    import cv2
    import numpy as np
    dataset, scale, path = task
    imresize, calculate_psnr, calculate_ssim = _flow
    hr = cv2.imread(path)  # cv2.IMREAD_COLOR: BGR, grey expanded to 3 channels, as BasicSR reads
    if hr is None:
        raise RuntimeError(f"cannot read {path}")
    h, w = hr.shape[:2]
    hr = hr[:h - h % scale, :w - w % scale, ...]
    lr = imresize(hr.astype(np.float64) / 255.0, 1.0 / scale)
    lr = np.clip(np.round(lr * 255.0), 0, 255).astype(np.uint8)
    sr = imresize(lr.astype(np.float64) / 255.0, scale)
    sr = (np.clip(sr, 0, 1) * 255.0).round().astype(np.uint8)  # as tensor2img: clamp, *255, round
    psnr = calculate_psnr(sr, hr, crop_border=scale, test_y_channel=True)
    ssim = calculate_ssim(sr, hr, crop_border=scale, test_y_channel=True)
    name = os.path.splitext(os.path.basename(path))[0]
    if name.endswith("_SRF_3_HR"):  # SRKit names BSD100 images without the SelfExSR suffix
        name = name[:-len("_SRF_3_HR")]
    return dataset, scale, name, float(psnr), float(ssim)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default="/work/shared/datasets", help="folder holding Set5, Set14, BSD100")
    parser.add_argument("--basicsr", default="/tmp/basicsr-pkg", help="pip --target folder holding basicsr")
    parser.add_argument("--datasets", default="set5,set14,bsd100")
    parser.add_argument("--scales", default="2,3,4")
    parser.add_argument("--procs", type=int, default=1, help="worker processes (1 = BasicSR's own flow)")
    parser.add_argument("--per-image", help="write per-image PSNR/SSIM CSV here")
    args = parser.parse_args()

    start = time.perf_counter()
    scales = [int(s) for s in args.scales.split(",")]
    wanted = args.datasets.split(",")
    datasets = [d for d in DATASETS if d[0] in wanted]
    tasks = []
    counts = {}
    for dataset, pattern in datasets:
        paths = sorted(glob.glob(os.path.join(args.data, pattern)))
        if not paths:
            sys.exit(f"no images for {dataset} under {os.path.join(args.data, pattern)}")
        counts[dataset] = len(paths)
        for scale in scales:
            tasks += [(dataset, scale, p) for p in paths]

    if args.procs <= 1:
        _init_worker(args.basicsr, THREADS)
        results = [score_image(t) for t in tasks]
    else:
        import multiprocessing
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(args.procs, initializer=_init_worker, initargs=(args.basicsr, 1)) as pool:
            results = pool.map(score_image, tasks, chunksize=1)
    elapsed = time.perf_counter() - start

    print("dataset,scale,images,psnr,ssim")
    for dataset, _ in datasets:
        for scale in scales:
            cell = [r for r in results if r[0] == dataset and r[1] == scale]
            psnr = sum(r[3] for r in cell) / len(cell)
            ssim = sum(r[4] for r in cell) / len(cell)
            print(f"{dataset},{scale},{len(cell)},{psnr:.6f},{ssim:.6f}")
    if args.per_image:
        with open(args.per_image, "w") as f:
            f.write("dataset,scale,image,psnr,ssim\n")
            for r in results:
                f.write(f"{r[0]},{r[1]},{r[2]},{r[3]:.8f},{r[4]:.8f}\n")
    print(f"# BasicSR metric flow: {len(tasks)} image-scales ({sum(counts.values())} images x {len(scales)} scales), "
          f"procs={args.procs}, wall {elapsed:.2f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
