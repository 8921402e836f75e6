"""The peers of `prep run Pipelines/t91.yaml` (issue 4, item 10): the same T91 recipe in Python.

Recipe (what Pipelines/t91.yaml does):

  img = cv2.imread(path)[..., ::-1]                       # every *.bmp/*.png of T91, BGR -> RGB
  for y in 0, 14, 28, ... while y + 32 <= h:              # rows outer
      for x in 0, 14, 28, ... while x + 32 <= w:          # columns inner; no modcrop
          hr = img[y:y+32, x:x+32]
          lr = LR(hr)                                     # 8x8 down, back up to 32x32, uint8 after each
  perm = np.random.default_rng(seed).permutation(n)       # global shuffle
  np.save(OUT/hr.npy, HR[perm]); np.save(OUT/lr.npy, LR[perm])   # N x 32 x 32 x 3 uint8 each

--impl basicsr  LR with BasicSR's MATLAB imresize port (basicsr.utils.matlab_functions.imresize,
                antialiased bicubic), as a BasicSR user writes it:
                  lr8 = uint8(round(clip(imresize(hr / 255, 1/4), 0, 1) * 255))
                  lr  = uint8(round(clip(imresize(lr8 / 255, 4), 0, 1) * 255))
                This is the same computation as SRKit's `matlab-bicubic` degrade stage.
--impl opencv   LR with cv2.resize: INTER_AREA down to 8x8, INTER_CUBIC back up to 32x32.
                NOT MATLAB-exact (INTER_AREA is a box filter, INTER_CUBIC uses a = -0.75 and no
                antialiasing), so its LR bytes differ from SRKit's and BasicSR's. It is the speed peer
                the issue names: the fastest thing a Python user would reach for.

HR patches are taken with numpy's sliding_window_view (no copy until the patch array is filled);
the HR/LR arrays are preallocated (patch counts are known from the image sizes), so neither peer
pays for list-of-arrays + np.stack. The script prints the pair count (exits 1 unless it is
--expect, 22,227 for T91) and the wall time of the whole recipe (after imports).

Threads: one process, the threads a user gets: cv2.setNumThreads(2), torch.set_num_threads(2)
(on 32x32 / 8x8 images neither library actually splits work across threads). `--procs N` is a
fairness variant that spreads the images over N fork()ed worker processes (1 thread each) and
gathers the patches in the parent, so the peer also uses both cores as SRKit does.

`--compare-shards DIR` (after the run; with --no-run, on the hr.npy/lr.npy a previous run left in
--out, so that the timed run's peak RSS does not include the comparison) opens an SRKit dataset written by `prep run` with the repo's
python/srkit_shards reader, matches every SRKit record to this script's record with the same HR
bytes (so the two shuffles do not matter), checks that both hold the same multiset of HR patches,
and counts records whose LR bytes differ (and by how much).

Run with Debian's python (numpy 1.24, OpenCV 4.6, torch 1.13); BasicSR is only imported, from a
pip --target folder outside the repository, loading just utils/matlab_functions.py by path (the
package __init__ pulls in torchvision, lmdb and more):

  /usr/bin/python3 -m pip install --no-deps --target /tmp/basicsr-pkg basicsr
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 Benchmarks/python/t91_prep_peers.py \\
      --impl basicsr|opencv --data /work/shared/datasets/T91 --out DIR [--procs 2] [--compare-shards SHARDS]
"""

import argparse
import glob
import importlib.util
import os
import sys
import time
import types

THREADS = 2
PATCH, STRIDE, SCALE = 32, 14, 4

_lr_of = None  # per-process LR function, set by _init


def load_imresize(root):
    """basicsr.utils.matlab_functions.imresize from the files under `root`, without the package __init__s."""
    pkg = os.path.join(root, "basicsr")
    if not os.path.isdir(pkg):
        sys.exit(f"BasicSR not found under {root}: /usr/bin/python3 -m pip install --no-deps --target {root} basicsr")
    for name, sub in [("basicsr", ""), ("basicsr.utils", "utils")]:
        if name not in sys.modules:
            module = types.ModuleType(name)
            module.__path__ = [os.path.join(pkg, sub)] if sub else [pkg]
            sys.modules[name] = module
    name = "basicsr.utils.matlab_functions"
    spec = importlib.util.spec_from_file_location(name, os.path.join(pkg, "utils", "matlab_functions.py"))
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module.imresize


def _init(impl, basicsr_root, threads):
    """Sets up the LR function of this process (parent with --procs 1, each worker otherwise)."""
    global _lr_of
    import cv2
    import numpy as np
    cv2.setNumThreads(threads)
    if impl == "basicsr":
        import torch
        torch.set_num_threads(threads)
        imresize = load_imresize(basicsr_root)

        def to_u8(x):
            return np.round(np.clip(x, 0, 1) * 255.0).astype(np.uint8)

        def lr_of(hr):
            lr = to_u8(imresize(hr / 255.0, 1.0 / SCALE))
            return to_u8(imresize(lr / 255.0, SCALE))
    else:
        small = (PATCH // SCALE, PATCH // SCALE)

        def lr_of(hr):
            lr = cv2.resize(hr, small, interpolation=cv2.INTER_AREA)
            return cv2.resize(lr, (PATCH, PATCH), interpolation=cv2.INTER_CUBIC)
    _lr_of = lr_of


def read_rgb(path):
    import cv2
    img = cv2.imread(path, cv2.IMREAD_COLOR)
    if img is None:
        raise RuntimeError(f"cannot read {path}")
    return cv2.cvtColor(img, cv2.COLOR_BGR2RGB)


def patch_grid(img):
    """All PATCH x PATCH windows at stride STRIDE, rows outer, columns inner: a (n, P, P, 3) view."""
    import numpy as np
    windows = np.lib.stride_tricks.sliding_window_view(img, (PATCH, PATCH, 3))[::STRIDE, ::STRIDE, 0]
    return windows.reshape(-1, PATCH, PATCH, 3)


def count_patches(shape):
    h, w = shape[:2]
    if h < PATCH or w < PATCH:
        return 0
    return ((h - PATCH) // STRIDE + 1) * ((w - PATCH) // STRIDE + 1)


def fill(img, hr_out, lr_out):
    """HR patches of `img` into hr_out and their LR into lr_out (both (n, P, P, 3) uint8)."""
    hr_out[...] = patch_grid(img)
    lr_of = _lr_of
    for i in range(len(hr_out)):
        lr_out[i] = lr_of(hr_out[i])


def image_pairs(path):
    """Worker of --procs N: (HR, LR) arrays of one image."""
    import numpy as np
    img = read_rgb(path)
    n = count_patches(img.shape)
    hr = np.empty((n, PATCH, PATCH, 3), np.uint8)
    lr = np.empty_like(hr)
    fill(img, hr, lr)
    return hr, lr


def compare_with_shards(shards_dir, hr, lr):
    """Matches SRKit records to ours by HR bytes; prints counts of HR mismatches and LR differences."""
    import numpy as np
    repo = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    sys.path.insert(0, os.path.join(repo, "python"))
    import srkit_shards
    ds = srkit_shards.open_dataset(shards_dir)
    ours = {}
    for i in range(len(hr)):
        ours.setdefault(hr[i].tobytes(), []).append(i)
    used = {}
    missing = lr_records = lr_bytes = max_diff = 0
    examples = []
    for k in range(len(ds)):
        rec = ds[k]
        key = rec["hr"].tobytes()
        idx = ours.get(key)
        if not idx or used.get(key, 0) >= len(idx):
            missing += 1
            continue
        j = idx[used.get(key, 0)]
        used[key] = used.get(key, 0) + 1
        d = np.abs(rec["lr"].astype(np.int16) - lr[j].astype(np.int16))
        if d.any():
            lr_records += 1
            lr_bytes += int(np.count_nonzero(d))
            max_diff = max(max_diff, int(d.max()))
            if len(examples) < 5:
                y, x, c = np.argwhere(d)[0]
                examples.append(f"SRKit record {k} / ours {j}: LR[{y},{x},{c}] {rec['lr'][y, x, c]} vs {lr[j][y, x, c]}")
    print(f"compare: {len(ds)} SRKit records, {len(hr)} ours; HR patches without a match: {missing}")
    print(f"compare: LR differs in {lr_records} of {len(ds) - missing} matched records "
          f"({lr_bytes} of {(len(ds) - missing) * lr.shape[1] * lr.shape[2] * lr.shape[3]} bytes), "
          f"max |diff| {max_diff}")
    for e in examples:
        print(f"  {e}")
    return missing == 0 and len(ds) == len(hr)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--impl", choices=["basicsr", "opencv"], required=True)
    parser.add_argument("--data", default="/work/shared/datasets/T91", help="folder of T91 images")
    parser.add_argument("--out", required=True, help="folder for hr.npy and lr.npy")
    parser.add_argument("--basicsr", default="/tmp/basicsr-pkg", help="pip --target folder holding basicsr")
    parser.add_argument("--seed", type=int, default=91)
    parser.add_argument("--procs", type=int, default=1, help="worker processes (1 = a user's plain script)")
    parser.add_argument("--expect", type=int, default=22227, help="required pair count (0 = do not check)")
    parser.add_argument("--compare-shards", metavar="DIR", help="SRKit prep run output to compare LR bytes with")
    parser.add_argument("--no-run", action="store_true", help="only compare: load hr.npy/lr.npy from --out")
    args = parser.parse_args()

    if args.no_run:
        import numpy as np
        if not args.compare_shards:
            sys.exit("--no-run needs --compare-shards")
        hr = np.load(os.path.join(args.out, "hr.npy"))
        lr = np.load(os.path.join(args.out, "lr.npy"))
        sys.exit(0 if compare_with_shards(args.compare_shards, hr, lr) else 1)

    start = time.perf_counter()
    import numpy as np
    paths = sorted(p for p in glob.glob(os.path.join(args.data, "*"))
                   if os.path.splitext(p)[1].lower() in (".bmp", ".png"))
    if not paths:
        sys.exit(f"no .bmp/.png images in {args.data}")

    if args.procs <= 1:
        _init(args.impl, args.basicsr, THREADS)
        images = [read_rgb(p) for p in paths]
        counts = [count_patches(img.shape) for img in images]
        n = sum(counts)
        hr = np.empty((n, PATCH, PATCH, 3), np.uint8)
        lr = np.empty_like(hr)
        at = 0
        for img, c in zip(images, counts):
            fill(img, hr[at:at + c], lr[at:at + c])
            at += c
        del images
    else:
        import multiprocessing
        ctx = multiprocessing.get_context("fork")
        with ctx.Pool(args.procs, initializer=_init, initargs=(args.impl, args.basicsr, 1)) as pool:
            parts = pool.map(image_pairs, paths, chunksize=1)
        n = sum(len(h) for h, _ in parts)
        hr = np.empty((n, PATCH, PATCH, 3), np.uint8)
        lr = np.empty_like(hr)
        at = 0
        for h, l in parts:
            hr[at:at + len(h)] = h
            lr[at:at + len(l)] = l
            at += len(h)
        del parts

    perm = np.random.default_rng(args.seed).permutation(n)
    hr = hr[perm]
    lr = lr[perm]
    os.makedirs(args.out, exist_ok=True)
    np.save(os.path.join(args.out, "hr.npy"), hr)
    np.save(os.path.join(args.out, "lr.npy"), lr)
    elapsed = time.perf_counter() - start

    print(f"{args.impl}: {n} pairs from {len(paths)} images, procs={args.procs}, wall {elapsed:.3f} s")
    ok = args.expect == 0 or n == args.expect
    if not ok:
        print(f"{args.impl}: expected {args.expect} pairs, got {n}", file=sys.stderr)
    if args.compare_shards:
        ok = compare_with_shards(args.compare_shards, hr, lr) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
